/* prl-quick-setup-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-quick-setup-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-cloud-account-store.h"
#include "prl-provider-info.h"
#include "prl-quick-setup-pairs.h"
#include "prl-wiki-fetch-job.h"

#include "prl-quick-setup-dialog-private.h"

/* Quick Setup: a GtkStack of four pages — test audio with transcripts,
 * keywords and training text, the model's name, provider and self-heal
 * rounds, then the pipeline running. Next checks the page shown and says
 * what is wrong on it instead of moving on; nothing is created before
 * Start, and Start first asks the wiki whether it answers, so that an
 * unreachable wiki leaves no half-made model behind. The run itself is
 * in prl-quick-setup-run.c. */

G_DEFINE_FINAL_TYPE (PrlQuickSetupDialog, prl_quick_setup_dialog, ADW_TYPE_WINDOW)

static const char *const pages[] = { "audio", "text", "options", "run" };

static guint
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i], name) == 0)
      return i;
  return 0;
}

void
_prl_quick_setup_dialog_show_error (PrlQuickSetupDialog *self,
                                    GtkLabel            *label,
                                    const char          *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

void
_prl_quick_setup_dialog_update (PrlQuickSetupDialog *self)
{
  guint    page = page_index (prl_quick_setup_dialog_get_page (self));
  gboolean running = page == 3;

  gtk_button_set_label (GTK_BUTTON (self->back_button),
                        page == 0 || running ? _ ("_Cancel") : _ ("_Back"));
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        page == 2 ? _ ("_Start") : _ ("_Next"));
  gtk_widget_set_visible (self->next_button, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.next", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.back",
                                 !running || self->job != NULL);
  gtk_widget_set_sensitive (self->add_files_button, !self->busy);
  gtk_widget_set_sensitive (self->add_folder_button, !self->busy);
  gtk_widget_set_sensitive (self->propose_button, !self->busy);
  gtk_widget_set_sensitive (self->load_button, !self->busy);
  gtk_widget_set_sensitive (self->clear_button, !self->busy && self->paths->len > 0);
}

/* Test audio */

static void
fill_pairs (PrlQuickSetupDialog *self)
{
  g_autofree char *unpaired = NULL;
  GtkWidget       *row;

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->unpaired, g_ptr_array_unref);
  g_ptr_array_add (self->paths, NULL);
  self->pairs = prl_quick_setup_pair_files ((const char *const *)self->paths->pdata,
                                            &self->unpaired);
  g_ptr_array_remove_index (self->paths, self->paths->len - 1);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_list))) != NULL)
    gtk_list_box_remove (self->pairs_list, row);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      PrlQuickSetupPair *pair = g_ptr_array_index (self->pairs, i);
      g_autofree char   *audio = g_path_get_basename (pair->audio);
      g_autofree char   *text = g_path_get_basename (pair->transcript);
      /* Translators: a test pair's two files */
      g_autofree char *subtitle = g_strdup_printf (_ ("%s and %s"), audio, text);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pair->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->pairs_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pairs_list), self->pairs->len > 0);

  if (self->pairs->len == 0)
    gtk_label_set_label (self->pairs_label, _ ("No test pairs yet."));
  else
    {
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u test pair.",
                                          "%u test pairs.", self->pairs->len),
                             self->pairs->len);

      gtk_label_set_label (self->pairs_label, text);
    }
  unpaired = prl_quick_setup_describe_unpaired (self->unpaired);
  gtk_label_set_label (self->unpaired_label, unpaired != NULL ? unpaired : "");
  gtk_widget_set_visible (self->unpaired_box, unpaired != NULL);
  _prl_quick_setup_dialog_show_error (self, self->audio_error, NULL);
  _prl_quick_setup_dialog_update (self);
}

/**
 * prl_quick_setup_dialog_add_paths:
 * @paths: (array zero-terminated=1): files to add to the test audio
 *
 * Adds files (audio and transcripts) and pairs them again.
 */
void
prl_quick_setup_dialog_add_paths (PrlQuickSetupDialog *self, const char *const *paths)
{
  g_return_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self));

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < self->paths->len && !known; j++)
        known = g_strcmp0 (g_ptr_array_index (self->paths, j), paths[i]) == 0;
      if (!known)
        g_ptr_array_add (self->paths, g_strdup (paths[i]));
    }
  /* The model is named after what was chosen first, until the user
   * names it. */
  if (!self->name_edited && *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) == '\0'
      && paths != NULL && paths[0] != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (paths[0]);
      g_autofree char *base = g_path_get_basename (dir);

      _prl_quick_setup_dialog_propose_name (self, base);
    }
  fill_pairs (self);
}

static void
on_clear_clicked_cb (PrlQuickSetupDialog *self)
{
  g_ptr_array_set_size (self->paths, 0);
  fill_pairs (self);
}

static void
on_drop_unpaired_clicked_cb (PrlQuickSetupDialog *self)
{
  g_ptr_array_set_size (self->paths, 0);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      PrlQuickSetupPair *pair = g_ptr_array_index (self->pairs, i);

      g_ptr_array_add (self->paths, g_strdup (pair->audio));
      g_ptr_array_add (self->paths, g_strdup (pair->transcript));
    }
  fill_pairs (self);
}

static void
files_chosen_cb (GtkNativeDialog *chooser, int response, PrlQuickSetupDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files
          = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      prl_quick_setup_dialog_add_paths (self, (const char *const *)paths->pdata);
    }
  g_object_unref (chooser);
}

static void
on_add_files_clicked_cb (PrlQuickSetupDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Choose Test Audio and Transcripts"), GTK_WINDOW (self),
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Add"), _ ("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (files_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  GPtrArray *paths;    /* (owned) */
  char      *keywords; /* (owned) (nullable) */
} FolderListing;

static void
folder_listing_free (FolderListing *listing)
{
  g_clear_pointer (&listing->paths, g_ptr_array_unref);
  g_free (listing->keywords);
  g_free (listing);
}

static void
list_folder_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  FolderListing *listing = g_new0 (FolderListing, 1);
  GError        *error = NULL;

  if (!(listing->paths
        = prl_quick_setup_list_folder (data, &listing->keywords, cancellable, &error)))
    {
      folder_listing_free (listing);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, listing, (GDestroyNotify)folder_listing_free);
}

static void
folder_listed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (object);
  g_autoptr (GError) error = NULL;
  FolderListing *listing = g_task_propagate_pointer (G_TASK (result), &error);
  GFile         *folder = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (listing == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_autofree char *message = g_strdup_printf (
          _ ("Could not read the folder “%s”: %s"), name, error->message);

      _prl_quick_setup_dialog_show_error (self, self->audio_error, message);
      _prl_quick_setup_dialog_update (self);
      return;
    }
  if (!self->name_edited
      && *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) == '\0')
    {
      g_autofree char *base = g_file_get_basename (folder);

      /* The framework's layout: name the model after the folder above input/. */
      if (g_strcmp0 (base, "input") == 0)
        {
          g_autoptr (GFile) parent = g_file_get_parent (folder);

          if (parent != NULL)
            {
              g_free (base);
              base = g_file_get_basename (parent);
            }
        }
      _prl_quick_setup_dialog_propose_name (self, base);
    }
  g_ptr_array_add (listing->paths, NULL);
  prl_quick_setup_dialog_add_paths (self, (const char *const *)listing->paths->pdata);
  if (listing->keywords != NULL
      && *gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)) == '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_path (listing->keywords);

      prl_quick_setup_dialog_load_keywords (self, file);
    }
  if (self->paths->len == 0)
    _prl_quick_setup_dialog_show_error (
        self, self->audio_error,
        _ ("The folder holds no audio files or transcripts (.txt)."));
  folder_listing_free (listing);
}

/**
 * prl_quick_setup_dialog_add_folder:
 *
 * Adds the audio files and transcripts in @folder (two levels deep; a
 * keywords.txt there fills the keywords) without blocking.
 */
void
prl_quick_setup_dialog_add_folder (PrlQuickSetupDialog *self, GFile *folder)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  self->busy = TRUE;
  _prl_quick_setup_dialog_update (self);
  task = g_task_new (self, self->cancellable, folder_listed_cb, NULL);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, list_folder_thread);
}

static void
folder_chosen_cb (GtkNativeDialog *chooser, int response, PrlQuickSetupDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        prl_quick_setup_dialog_add_folder (self, folder);
    }
  g_object_unref (chooser);
}

static void
on_add_folder_clicked_cb (PrlQuickSetupDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Choose a Folder of Test Audio"), GTK_WINDOW (self),
      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Add"), _ ("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

guint
prl_quick_setup_dialog_get_n_pairs (PrlQuickSetupDialog *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self), 0);
  return self->pairs != NULL ? self->pairs->len : 0;
}

/* Pages */

/**
 * prl_quick_setup_dialog_check_page:
 * @page: "audio", "text" or "options"
 *
 * Checks what the user gave on @page, shows what is wrong on it and
 * returns it in @error.
 *
 * Returns: whether the page is complete
 */
gboolean
prl_quick_setup_dialog_check_page (PrlQuickSetupDialog *self,
                                   const char          *page,
                                   GError             **error)
{
  g_autoptr (GError) local_error = NULL;
  GtkLabel *label;
  gboolean  ok;

  g_return_val_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self), FALSE);

  if (g_strcmp0 (page, "audio") == 0)
    {
      label = self->audio_error;
      ok = _prl_quick_setup_dialog_check_audio (self, &local_error);
    }
  else if (g_strcmp0 (page, "text") == 0)
    {
      label = self->text_error;
      ok = _prl_quick_setup_dialog_check_text (self, &local_error);
    }
  else
    {
      label = self->options_error;
      ok = _prl_quick_setup_dialog_check_options (self, NULL, NULL, &local_error);
    }
  _prl_quick_setup_dialog_show_error (self, label, ok ? NULL : local_error->message);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

const char *
prl_quick_setup_dialog_get_page (PrlQuickSetupDialog *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
on_page_changed_cb (PrlQuickSetupDialog *self)
{
  _prl_quick_setup_dialog_update (self);
}

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (widget);
  const char          *page = prl_quick_setup_dialog_get_page (self);
  guint                i = page_index (page);

  if (self->busy || i >= 3 || !prl_quick_setup_dialog_check_page (self, page, NULL))
    return;
  if (i == 2)
    _prl_quick_setup_dialog_start (self);
  else
    gtk_stack_set_visible_child_name (self->stack, pages[i + 1]);
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (widget);
  guint                i = page_index (prl_quick_setup_dialog_get_page (self));

  if (i == 3 && self->job != NULL)
    _prl_quick_setup_dialog_cancel (self);
  else if (i == 0 || i == 3)
    gtk_window_close (GTK_WINDOW (self));
  else if (!self->busy)
    gtk_stack_set_visible_child_name (self->stack, pages[i - 1]);
}

gboolean
prl_quick_setup_dialog_is_busy (PrlQuickSetupDialog *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self), FALSE);
  return self->busy;
}

/* The wiki to fetch from; by default the "wiki-api-url" setting. */
void
prl_quick_setup_dialog_set_api_url (PrlQuickSetupDialog *self, const char *api_url)
{
  g_return_if_fail (PRL_IS_QUICK_SETUP_DIALOG (self));
  g_free (self->api_url);
  self->api_url = g_strdup (api_url);
  adw_action_row_set_subtitle (self->wiki_row, api_url);
}

/* GObject */

static gboolean
prl_quick_setup_dialog_close_request (GtkWindow *window)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (window);

  /* What the dialog waits for stops; a pipeline already started goes on
   * in the jobs list, as a training does. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (prl_quick_setup_dialog_parent_class)->close_request (window);
}

static void
prl_quick_setup_dialog_dispose (GObject *object)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  _prl_quick_setup_dialog_stop_following (self);
  _prl_quick_setup_dialog_remove_links (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_QUICK_SETUP_DIALOG);
  g_clear_object (&self->workspace);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->provider_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_quick_setup_dialog_parent_class)->dispose (object);
}

static void
prl_quick_setup_dialog_finalize (GObject *object)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->unpaired, g_ptr_array_unref);
  g_free (self->text_path);
  g_free (self->api_url);

  G_OBJECT_CLASS (prl_quick_setup_dialog_parent_class)->finalize (object);
}

#define BIND(name)                                                                       \
  gtk_widget_class_bind_template_child (widget_class, PrlQuickSetupDialog, name)

static void
prl_quick_setup_dialog_class_init (PrlQuickSetupDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = prl_quick_setup_dialog_dispose;
  object_class->finalize = prl_quick_setup_dialog_finalize;
  window_class->close_request = prl_quick_setup_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-quick-setup-dialog.ui");
  BIND (add_files_button);
  BIND (add_folder_button);
  BIND (audio_error);
  BIND (back_button);
  BIND (clear_button);
  BIND (drop_unpaired_button);
  BIND (keywords_row);
  BIND (load_button);
  BIND (name_row);
  BIND (next_button);
  BIND (options_error);
  BIND (pairs_label);
  BIND (pairs_list);
  BIND (progress_bar);
  BIND (propose_button);
  BIND (provider_group);
  BIND (rounds_spin);
  BIND (run_error);
  BIND (run_page);
  BIND (stack);
  BIND (text_clear_button);
  BIND (text_error);
  BIND (text_row);
  BIND (unpaired_box);
  BIND (unpaired_label);
  BIND (wiki_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drop_unpaired_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);
  _prl_quick_setup_dialog_class_init_text (widget_class);

  gtk_widget_class_install_action (widget_class, "setup.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "setup.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_quick_setup_dialog_init (PrlQuickSetupDialog *self)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *url = g_settings_get_string (settings, "wiki-api-url");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->paths = g_ptr_array_new_with_free_func (g_free);
  prl_quick_setup_dialog_set_api_url (self, url);
  fill_pairs (self);
}

/**
 * prl_quick_setup_dialog_new:
 *
 * The caller sets #GtkWindow:transient-for (the main window, where the
 * dialog lands on the new model's leaderboard) and presents it.
 *
 * Returns: (transfer none): a new Quick Setup assistant
 */
GtkWidget *
prl_quick_setup_dialog_new (PrlWorkspace *workspace)
{
  PrlQuickSetupDialog *self;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PRL_TYPE_QUICK_SETUP_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  self->accounts = prl_cloud_accounts_new (NULL);
  if (!prl_cloud_accounts_load (self->accounts, &error))
    g_message ("Could not read the cloud accounts: %s", error->message);
  _prl_quick_setup_dialog_fill_providers (self);
  return GTK_WIDGET (self);
}
