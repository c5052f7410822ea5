/* prl-quick-setup-checks.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-quick-setup-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-provider-info.h"
#include "prl-quick-setup-pairs.h"
#include "prl-wiki-fetch-job.h"

#include "prl-quick-setup-dialog-private.h"

/* Quick Setup's second and third pages: keywords (typed, loaded from a
 * keywords.txt or proposed from the transcripts and training text), the
 * training text file, the model's name, the provider and the self-heal
 * rounds, and the checks that say what is missing on each page. */

#define MAX_PROPOSED 20

/* Keywords and training text */

static void
on_text_changed_cb (PrlQuickSetupDialog *self)
{
  if (!self->busy)
    _prl_quick_setup_dialog_show_error (self, self->text_error, NULL);
}

static void
set_keywords (PrlQuickSetupDialog *self, char **keywords)
{
  g_autofree char *joined = g_strjoinv (", ", keywords);

  gtk_editable_set_text (GTK_EDITABLE (self->keywords_row), joined);
}

static void
keywords_loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlQuickSetupDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *message = NULL;
  g_auto (GStrv) keywords = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL,
                                    &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup_printf (_ ("Could not read “%s”: %s"), name, error->message);
    }
  else if (!g_utf8_validate_len (contents, length, NULL)
           || memchr (contents, '\0', length) != NULL)
    message = g_strdup_printf (_ ("“%s” is not UTF-8 text. Save the keywords as UTF-8, "
                                  "one a line or separated by commas."),
                               name);
  else if ((keywords = prl_wiki_parse_keywords (contents))[0] == NULL)
    message = g_strdup_printf (_ ("“%s” has no keywords in it."), name);
  else
    set_keywords (self, keywords);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  _prl_quick_setup_dialog_show_error (self, self->text_error, message);
}

/**
 * prl_quick_setup_dialog_load_keywords:
 *
 * Reads keywords from @file (a keywords.txt) into the keywords field.
 */
void
prl_quick_setup_dialog_load_keywords (PrlQuickSetupDialog *self, GFile *file)
{
  g_return_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, keywords_loaded_cb,
                              g_object_ref (self));
}

static void
keywords_chosen_cb (GtkNativeDialog *chooser, int response, PrlQuickSetupDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        prl_quick_setup_dialog_load_keywords (self, file);
    }
  g_object_unref (chooser);
}

static void
on_load_clicked_cb (PrlQuickSetupDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Load Keywords"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Load"),
      _ ("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (keywords_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
proposed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlQuickSetupDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keywords
      = prl_workspace_propose_keywords_finish (PRL_WORKSPACE (object), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->busy = FALSE;
  _prl_quick_setup_dialog_update (self);
  if (keywords == NULL)
    _prl_quick_setup_dialog_show_error (self, self->text_error, error->message);
  else if (keywords[0] == NULL)
    _prl_quick_setup_dialog_show_error (
        self, self->text_error,
        _ ("The transcripts and training text have no words the stock model lacks or "
           "rarely hears. Type keywords instead."));
  else
    set_keywords (self, keywords);
}

/* Proposes from the test transcripts and the training text: the model
 * does not exist yet, so from the files themselves. */
static void
on_propose_clicked_cb (PrlQuickSetupDialog *self)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();

  if (self->busy)
    return;
  for (guint i = 0; self->pairs != NULL && i < self->pairs->len; i++)
    g_ptr_array_add (
        paths, ((PrlQuickSetupPair *)g_ptr_array_index (self->pairs, i))->transcript);
  if (self->text_path != NULL)
    g_ptr_array_add (paths, self->text_path);
  g_ptr_array_add (paths, NULL);
  _prl_quick_setup_dialog_show_error (self, self->text_error, NULL);
  self->busy = TRUE;
  _prl_quick_setup_dialog_update (self);
  prl_workspace_propose_keywords_for_files_async (
      self->workspace, "local", "en-US", (const char *const *)paths->pdata, MAX_PROPOSED,
      self->cancellable, proposed_cb, g_object_ref (self));
}

/**
 * prl_quick_setup_dialog_set_text_file:
 * @path: (nullable): the training text, or %NULL for none
 */
void
prl_quick_setup_dialog_set_text_file (PrlQuickSetupDialog *self, const char *path)
{
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;

  g_return_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self));

  g_free (self->text_path);
  self->text_path = g_strdup (path);
  adw_action_row_set_subtitle (self->text_row, base != NULL ? base : _ ("None"));
  gtk_widget_set_visible (self->text_clear_button, path != NULL);
  _prl_quick_setup_dialog_show_error (self, self->text_error, NULL);
}

static void
text_chosen_cb (GtkNativeDialog *chooser, int response, PrlQuickSetupDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        prl_quick_setup_dialog_set_text_file (self, path);
    }
  g_object_unref (chooser);
}

static void
on_text_choose_clicked_cb (PrlQuickSetupDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Choose Training Text"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
      _ ("_Choose"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (text_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_text_clear_clicked_cb (PrlQuickSetupDialog *self)
{
  prl_quick_setup_dialog_set_text_file (self, NULL);
}

/* Name, provider, rounds */

void
_prl_quick_setup_dialog_propose_name (PrlQuickSetupDialog *self, const char *base)
{
  g_autoptr (GString) name = g_string_new (NULL);

  /* Every provider's rules allow [0-9a-zA-Z._-]. */
  for (const char *p = base; p != NULL && *p != '\0' && name->len < 60; p++)
    g_string_append_c (
        name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' ? *p : '-');
  if (name->len == 0 || g_strcmp0 (name->str, ".") == 0
      || g_strcmp0 (name->str, "/") == 0)
    g_string_assign (name, "quick-setup");
  self->naming = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name->str);
  self->naming = FALSE;
}

static void
on_options_changed_cb (PrlQuickSetupDialog *self)
{
  if (!self->naming)
    self->name_edited = TRUE;
  if (!self->busy)
    _prl_quick_setup_dialog_show_error (self, self->options_error, NULL);
}

static gboolean
has_account (PrlQuickSetupDialog *self, const PrlProviderInfo *info)
{
  const char *kind = prl_provider_info_get_account_kind (info);
  GListModel *store = G_LIST_MODEL (self->accounts);

  for (guint i = 0; kind != NULL && i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr (PrlCloudAccount) account = g_list_model_get_item (store, i);

      if (g_strcmp0 (prl_cloud_account_get_kind (account), kind) == 0)
        return TRUE;
    }
  return FALSE;
}

/* One radio row per provider; a cloud one without an account is greyed
 * out with the reason, as in the New Custom Model dialog. */
void
_prl_quick_setup_dialog_fill_providers (PrlQuickSetupDialog *self)
{
  const PrlProviderInfo *const *infos;
  GtkCheckButton               *group = NULL;
  guint                         n;

  self->provider_checks = g_ptr_array_new ();
  infos = prl_provider_info_list (&n);
  for (guint i = 0; i < n; i++)
    {
      const PrlProviderInfo *info = infos[i];
      gboolean               usable
          = prl_provider_info_is_available (info)
            || (prl_provider_info_is_supported (info) && has_account (self, info));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strcmp0 (prl_provider_info_get_id (info), "local")
                                       == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "provider",
                         (gpointer)prl_provider_info_get_id (info));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     prl_provider_info_get_display_name (info));
      if (!usable)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     prl_provider_info_get_unavailable_reason (info));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, usable);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_options_changed_cb),
                                self);
      adw_preferences_group_add (self->provider_group, row);
      g_ptr_array_add (self->provider_checks, check);
    }
}

static const char *
selected_provider (PrlQuickSetupDialog *self)
{
  for (guint i = 0; i < self->provider_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->provider_checks, i);

      if (gtk_check_button_get_active (check)
          && gtk_widget_get_sensitive (
              gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW)))
        return g_object_get_data (G_OBJECT (check), "provider");
    }
  return NULL;
}

/* Checks */

gboolean
_prl_quick_setup_dialog_check_audio (PrlQuickSetupDialog *self, GError **error)
{
  g_autofree char *unpaired = prl_quick_setup_describe_unpaired (self->unpaired);

  if (unpaired != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s %s", unpaired,
                   _ ("Add the missing files, or leave these out."));
      return FALSE;
    }
  if (self->pairs == NULL || self->pairs->len == 0)
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          _ ("No test audio yet. Add recordings with their transcripts (note1.wav and "
             "note1.txt): without them the model cannot be compared with the stock "
             "model."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_prl_quick_setup_dialog_check_text (PrlQuickSetupDialog *self, GError **error)
{
  g_auto (GStrv) keywords = prl_wiki_parse_keywords (
      gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)));

  if (keywords[0] == NULL && self->text_path == NULL)
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          _ ("Give keywords or a training text file: without either there is nothing "
             "to train the model on. Propose finds keywords in the transcripts."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_prl_quick_setup_dialog_check_options (PrlQuickSetupDialog *self,
                                       const char         **provider_out,
                                       int                 *rounds_out,
                                       GError             **error)
{
  const char            *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char            *provider = selected_provider (self);
  const PrlProviderInfo *info
      = provider != NULL ? prl_provider_info_lookup (provider) : NULL;
  PrlModel *existing;
  int       rounds;

  if (info == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("Choose a provider that is set up."));
      return FALSE;
    }
  if (!prl_provider_info_validate_name (info, name, error))
    return FALSE;
  if ((existing = prl_workspace_find_model (self->workspace, name)) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("A model named “%s” exists already. Choose another name."),
                   prl_model_get_name (existing));
      return FALSE;
    }
  if (!prl_quick_setup_check_rounds (
          gtk_editable_get_text (GTK_EDITABLE (self->rounds_spin)), 0, 20, &rounds,
          error))
    return FALSE;
  if (rounds > 0 && prl_provider_info_get_account_kind (info) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Self-heal trains local models only: a round on %s takes hours. "
                      "Set the rounds to 0, or choose the local provider."),
                   prl_provider_info_get_display_name (info));
      return FALSE;
    }
  if (provider_out != NULL)
    *provider_out = provider;
  if (rounds_out != NULL)
    *rounds_out = rounds;
  return TRUE;
}

void
_prl_quick_setup_dialog_class_init_text (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_load_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_propose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
}
