/* prl-new-model-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-new-model-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-audio-probe.h"
#include "prl-cloud-account-store.h"
#include "prl-gui-util.h"
#include "prl-provider-info.h"
#include "prl-watson-base-group.h"

#include "prl-new-model-dialog.h"

/* The New Custom Model dialog. Every field is checked as the user types,
 * with the same rules the workspace applies on Create
 * (prl_workspace_check_name() and the provider table), so Create is only
 * enabled for a request that can succeed. What the store may still refuse
 * (a name taken behind our back) comes back from the async call and is
 * shown under the field it is about; the dialog then stays open.
 *
 * A cloud provider is offered once an account of the kind it needs
 * exists (the account store decides, the provider table names the kind);
 * otherwise its row says "Not set up" with a button to Preferences →
 * Accounts, and the dialog reads the store again when it is active again.
 */
struct _PrlNewModelDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwComboRow        *account_row;
  GtkButton          *cancel_button;
  GtkButton          *create_button;
  GtkWidget          *form;
  GtkLabel           *general_error_label;
  GtkRevealer        *general_error_revealer;
  AdwComboRow        *language_row;
  GtkCheckButton     *narrow_band_check;
  AdwActionRow       *narrow_band_row;
  GtkLabel           *name_error_label;
  GtkRevealer        *name_error_revealer;
  AdwEntryRow        *name_row;
  GtkLabel           *provider_error_label;
  GtkRevealer        *provider_error_revealer;
  AdwComboRow        *provider_row;
  GtkButton          *set_up_account_button;
  GtkLabel           *sample_error_label;
  GtkRevealer        *sample_error_revealer;
  AdwActionRow       *sample_row;
  GtkCheckButton     *wide_band_check;
  AdwActionRow       *wide_band_row;
  PrlWatsonBaseGroup *watson_group;
  GStrv               watson_codes;   /* (owned): languages of the Watson bases */
  char               *watson_account; /* (owned) (nullable): whose bases are listed */

  PrlWorkspace         *workspace;        /* (owned) */
  PrlCloudAccounts     *accounts;         /* (owned) */
  GtkStringList        *account_names;    /* (owned): the chosen provider's kind */
  GtkStringList        *languages;        /* (owned): display names */
  const char *const    *language_codes;   /* (unowned): the chosen provider's codes */
  char                 *requested_name;   /* (owned) (nullable): sent with Create */
  char                 *rejected_name;    /* (owned) (nullable): refused on Create */
  char                 *rejected_message; /* (owned) (nullable) */
  GtkFileChooserNative *sample_chooser;   /* (owned) (nullable) */
  GCancellable         *sample_probe;     /* (owned) (nullable): the running probe */

  guint name_touched : 1;
  guint busy : 1;
  guint valid : 1;
  guint was_active : 1;
};

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_ACCOUNTS,
};

enum
{
  MODEL_CREATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PrlNewModelDialog, prl_new_model_dialog, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

static const PrlProviderInfo *
get_selected_provider (PrlNewModelDialog *self)
{
  const PrlProviderInfo *const *list;
  guint                         n_providers;
  guint                         selected;

  list = prl_provider_info_list (&n_providers);
  selected = adw_combo_row_get_selected (self->provider_row);

  return selected < n_providers ? list[selected] : list[0];
}

static const char *
get_selected_language (PrlNewModelDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (self->language_codes == NULL
      || selected >= g_strv_length ((char **)self->language_codes))
    return NULL;

  return self->language_codes[selected];
}

/* Whether the store has an account of the kind @info needs. */
static gboolean
has_account_of_kind (PrlNewModelDialog *self, const PrlProviderInfo *info)
{
  const char *kind = prl_provider_info_get_account_kind (info);
  GListModel *store = G_LIST_MODEL (self->accounts);

  for (guint i = 0; kind != NULL && store != NULL && i < g_list_model_get_n_items (store);
       i++)
    {
      g_autoptr (PrlCloudAccount) account = g_list_model_get_item (store, i);

      if (g_strcmp0 (prl_cloud_account_get_kind (account), kind) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
provider_usable (PrlNewModelDialog *self, const PrlProviderInfo *info)
{
  return prl_provider_info_is_available (info)
         || (prl_provider_info_is_supported (info) && has_account_of_kind (self, info));
}

/* Lists the accounts the chosen provider can use, keeping the current
 * choice by name; the row is shown only when there is a choice. */
static void
fill_accounts (PrlNewModelDialog *self)
{
  const char *kind = prl_provider_info_get_account_kind (get_selected_provider (self));
  g_autofree char *previous = g_strdup (prl_new_model_dialog_get_account (self));
  GListModel      *store = G_LIST_MODEL (self->accounts);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;
  guint selected = 0;
  guint n = 0;

  /* Template signals fire from init, before the store is set. */
  if (self->accounts == NULL)
    return;
  for (guint i = 0; kind != NULL && i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr (PrlCloudAccount) account = g_list_model_get_item (store, i);

      if (g_strcmp0 (prl_cloud_account_get_kind (account), kind) != 0)
        continue;
      if (g_strcmp0 (prl_cloud_account_get_name (account), previous) == 0)
        selected = n;
      g_strv_builder_add (builder, prl_cloud_account_get_name (account));
      n++;
    }
  names = g_strv_builder_end (builder);
  gtk_string_list_splice (self->account_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->account_names)),
                          (const char *const *)names);
  adw_combo_row_set_selected (self->account_row,
                              n > 0 ? selected : GTK_INVALID_LIST_POSITION);
  gtk_widget_set_visible (GTK_WIDGET (self->account_row), n > 1);
}

static void
show_message (GtkRevealer *revealer, GtkLabel *label, const char *message)
{
  /* Keep the old text while the revealer closes, so it does not jump. */
  if (message != NULL)
    gtk_label_set_label (label, message);
  gtk_revealer_set_reveal_child (revealer, message != NULL);
}

static void
set_invalid (GtkWidget *widget, gboolean invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  gtk_accessible_update_state (
      GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
      invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static gboolean
is_watson (PrlNewModelDialog *self)
{
  return g_strcmp0 (prl_provider_info_get_id (get_selected_provider (self)), "ibm-watson")
         == 0;
}

/* IBM Watson: the base models (and so the languages) come from the
 * chosen account's service; listed again when the account changes. */
static void
sync_watson (PrlNewModelDialog *self)
{
  const char *account = is_watson (self) ? prl_new_model_dialog_get_account (self) : NULL;

  if (self->accounts == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->watson_group), account != NULL);
  if (g_strcmp0 (account, self->watson_account) == 0)
    return;
  g_free (self->watson_account);
  self->watson_account = g_strdup (account);
  prl_watson_base_group_load (self->watson_group, self->accounts, account);
}

static void
filter_watson (PrlNewModelDialog *self)
{
  prl_watson_base_group_set_filter (
      self->watson_group, get_selected_language (self),
      gtk_check_button_get_active (self->narrow_band_check));
}

static void
update_state (PrlNewModelDialog *self)
{
  const PrlProviderInfo *info = get_selected_provider (self);
  const char            *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autoptr (GError) error = NULL;
  g_autofree char *in_account = NULL;
  const char      *name_message = NULL;
  const char      *account;
  gboolean         name_ok;
  gboolean         provider_ok;
  gboolean         needs_account;
  gboolean         language_ok;

  /* Template signals fire from init, before the workspace is set. */
  if (self->workspace == NULL)
    return;

  name_ok = prl_workspace_check_name (self->workspace, prl_provider_info_get_id (info),
                                      name, NULL, &error);
  if (!name_ok)
    name_message = error->message;
  else if (self->rejected_name != NULL
           && g_ascii_strcasecmp (name, self->rejected_name) == 0)
    {
      name_ok = FALSE;
      name_message = self->rejected_message;
    }

  /* A pristine field stays quiet until the user types or presses Create. */
  if (!self->name_touched)
    name_message = NULL;

  show_message (self->name_error_revealer, self->name_error_label, name_message);
  set_invalid (GTK_WIDGET (self->name_row), name_message != NULL);

  provider_ok = provider_usable (self, info);
  account = prl_new_model_dialog_get_account (self);
  needs_account = prl_provider_info_get_account_kind (info) != NULL;
  if (needs_account && account == NULL)
    provider_ok = FALSE;
  show_message (self->provider_error_revealer, self->provider_error_label,
                provider_ok ? NULL : prl_provider_info_get_unavailable_reason (info));
  gtk_widget_set_visible (GTK_WIDGET (self->set_up_account_button),
                          !provider_ok && needs_account
                              && prl_provider_info_is_supported (info));
  /* With one account there is nothing to choose: the row names it. */
  if (provider_ok && account != NULL
      && g_list_model_get_n_items (G_LIST_MODEL (self->account_names)) == 1)
    /* Translators: the cloud account a new model is created in */
    in_account = g_strdup_printf (_ ("In the account “%s”"), account);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row),
                               provider_ok ? in_account : _ ("Not set up"));
  set_invalid (GTK_WIDGET (self->provider_row), !provider_ok);

  language_ok = prl_provider_info_supports_language (info, get_selected_language (self));
  /* A Watson model needs one of the service's bases. */
  if (is_watson (self))
    language_ok = language_ok && prl_watson_base_group_get_selected (self->watson_group);

  self->valid = name_ok && provider_ok && language_ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create",
                                 self->valid && !self->busy);
}

static void
clear_general_error (PrlNewModelDialog *self)
{
  show_message (self->general_error_revealer, self->general_error_label, NULL);
}

/* Lists the languages the chosen provider can train, keeping the current
 * choice when the new provider has it too, else preferring en-US.
 */
static void
fill_languages (PrlNewModelDialog *self)
{
  const PrlProviderInfo *info = get_selected_provider (self);
  const char *const     *codes = prl_provider_info_get_languages (info);
  g_autofree char       *previous = g_strdup (get_selected_language (self));
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;
  guint selected = G_MAXUINT;
  guint n_old;

  /* Watson: the languages of the service's bases that Parlance knows. */
  if (is_watson (self))
    {
      const char *const *offered
          = prl_watson_base_group_get_languages (self->watson_group);
      g_autoptr (GStrvBuilder) known = g_strv_builder_new ();

      for (guint i = 0; offered[i] != NULL; i++)
        if (prl_provider_info_supports_language (info, offered[i]))
          g_strv_builder_add (known, offered[i]);
      g_strfreev (self->watson_codes);
      self->watson_codes = g_strv_builder_end (known);
      codes = (const char *const *)self->watson_codes;
    }

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_strv_builder_add (builder, prl_language_get_display_name (codes[i]));
      if (previous != NULL && g_strcmp0 (codes[i], previous) == 0)
        selected = i;
    }

  for (guint i = 0; selected == G_MAXUINT && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], "en-US") == 0)
      selected = i;

  if (selected == G_MAXUINT)
    selected = 0;

  names = g_strv_builder_end (builder);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->languages));

  /* Swap the codes first: the row notifies "selected" while splicing. */
  self->language_codes = codes;
  gtk_string_list_splice (self->languages, 0, n_old, (const char *const *)names);
  adw_combo_row_set_selected (self->language_row, selected);
}

static void
on_name_changed_cb (PrlNewModelDialog *self)
{
  self->name_touched = TRUE;
  clear_general_error (self);
  update_state (self);
}

static void
on_name_activated_cb (PrlNewModelDialog *self)
{
  self->name_touched = TRUE;
  update_state (self);

  if (self->valid && !self->busy)
    gtk_widget_activate_action (GTK_WIDGET (self), "dialog.create", NULL);
}

static void
on_provider_selected_cb (PrlNewModelDialog *self)
{
  clear_general_error (self);
  fill_languages (self);
  fill_accounts (self);
  sync_watson (self);
  update_state (self);
}

static void
on_account_selected_cb (PrlNewModelDialog *self)
{
  sync_watson (self);
  update_state (self);
}

/* The Watson bases loaded (or failed), or another one was chosen. */
static void
on_watson_changed_cb (PrlNewModelDialog *self)
{
  gboolean narrow;

  if (self->workspace == NULL || !is_watson (self))
    return;
  if (prl_watson_base_group_get_selected (self->watson_group) == NULL)
    {
      fill_languages (self);
      filter_watson (self);
    }
  /* The band follows the base chosen by hand, so the model's band and
   * its Watson base agree. */
  if (prl_watson_base_group_get_selected_band (self->watson_group, &narrow)
      && narrow != gtk_check_button_get_active (self->narrow_band_check))
    gtk_check_button_set_active (narrow ? self->narrow_band_check : self->wide_band_check,
                                 TRUE);
  update_state (self);
}

static void
on_band_toggled_cb (PrlNewModelDialog *self)
{
  filter_watson (self);
  update_state (self);
}

static void set_provider_factory (PrlNewModelDialog *self);

static void
accounts_changed_cb (PrlNewModelDialog *self)
{
  fill_accounts (self);
  sync_watson (self);
  update_state (self);
  /* A new factory binds the list's rows again, so their "Not set up"
   * notes follow. */
  set_provider_factory (self);
}

/* Back from Preferences → Accounts (another store object, the same
 * file): read the accounts again. */
static void
active_changed_cb (PrlNewModelDialog *self)
{
  gboolean active = gtk_window_is_active (GTK_WINDOW (self));

  if (active && !self->was_active)
    {
      g_autoptr (GError) error = NULL;

      if (!prl_cloud_accounts_load (self->accounts, &error))
        g_message ("Could not read the cloud accounts again: %s", error->message);
    }
  self->was_active = active;
}

static void
set_up_account_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  /* The main window's action, so Preferences opens as it always does. */
  if (parent == NULL
      || !gtk_widget_activate_action (GTK_WIDGET (parent), "win.preferences-accounts",
                                      NULL))
    g_warning ("The New Custom Model dialog has no main window to open "
               "Preferences → Accounts from");
}

static void
on_language_selected_cb (PrlNewModelDialog *self)
{
  clear_general_error (self);
  if (self->watson_group != NULL)
    filter_watson (self);
  update_state (self);
}

static void
models_changed_cb (PrlNewModelDialog *self)
{
  /* A model created elsewhere may have taken the name being typed. */
  update_state (self);
}

static void
set_busy (PrlNewModelDialog *self, gboolean busy)
{
  self->busy = !!busy;
  gtk_widget_set_sensitive (self->form, !busy);
  update_state (self);
}

static gboolean
is_name_error (const GError *error)
{
  return g_error_matches (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_EMPTY)
         || g_error_matches (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TOO_LONG)
         || g_error_matches (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID)
         || g_error_matches (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN);
}

static void
create_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlNewModelDialog) self = user_data;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GError) error = NULL;

  model = prl_workspace_create_model_finish (PRL_WORKSPACE (object), result, &error);

  if (model == NULL)
    {
      g_debug ("Creating “%s” failed: %s", self->requested_name, error->message);

      if (is_name_error (error))
        {
          g_free (self->rejected_name);
          self->rejected_name = g_steal_pointer (&self->requested_name);
          g_free (self->rejected_message);
          self->rejected_message = g_strdup (error->message);
          self->name_touched = TRUE;
        }
      else
        show_message (self->general_error_revealer, self->general_error_label,
                      error->message);

      set_busy (self, FALSE);
      if (is_name_error (error))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  set_busy (self, FALSE);
  g_signal_emit (self, signals[MODEL_CREATED], 0, model);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlNewModelDialog     *self = PRL_NEW_MODEL_DIALOG (widget);
  PrlModelCreateOptions  options = { 0 };
  const PrlProviderInfo *info;
  PrlBaseModel           base_model;

  self->name_touched = TRUE;
  update_state (self);

  if (!self->valid || self->busy)
    return;

  info = get_selected_provider (self);
  base_model = gtk_check_button_get_active (self->narrow_band_check)
                   ? PRL_BASE_MODEL_NARROW_BAND
                   : PRL_BASE_MODEL_WIDE_BAND;

  g_free (self->requested_name);
  self->requested_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  clear_general_error (self);
  set_busy (self, TRUE);

  /* The model, its cloud account (NULL for local models) and Watson's base
   * model are saved in one transaction, so a cloud model is never seen
   * without them. */
  options.name = self->requested_name;
  options.provider = prl_provider_info_get_id (info);
  options.language = get_selected_language (self);
  options.base_model = base_model;
  options.account = prl_new_model_dialog_get_account (self);
  if (is_watson (self))
    options.provider_base = prl_watson_base_group_get_selected (self->watson_group);

  /* No cancellable: once asked, the store finishes the insert even if the
   * dialog is closed meanwhile, and the workspace list stays true to it.
   */
  prl_workspace_create_model_full_async (self->workspace, &options, NULL, create_cb,
                                         g_object_ref (self));
}

/* Sample recording: its rate picks the base model the way Amazon
 * Transcribe would want it (PRL_WIDE_BAND_MIN_RATE). Probing runs in a
 * worker thread because GStreamer may take a while on a long or remote
 * file; a newer choice cancels the older probe. */
static void
sample_probe_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlNewModelDialog *self = user_data;
  g_autoptr (PrlAudioInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean         narrow;

  /* Dispose cancels, so a probe that outlives the dialog ends here
   * without touching it; @self holds no reference for that reason. */
  info = prl_audio_probe_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->sample_probe);

  if (info == NULL)
    {
      /* The choice stays as it was: a bad file says nothing about the audio. */
      show_message (self->sample_error_revealer, self->sample_error_label,
                    error->message);
      set_invalid (GTK_WIDGET (self->sample_row), TRUE);
      return;
    }

  narrow = prl_audio_is_narrow_band (info->sample_rate);
  /* Translators: a recording's sample rate and the base model it calls
   * for, e.g. “8000 Hz → NarrowBand” */
  summary = g_strdup_printf (_ ("%u Hz → %s"), info->sample_rate,
                             narrow ? _ ("NarrowBand") : _ ("WideBand"));
  adw_action_row_set_subtitle (self->sample_row, summary);
  gtk_check_button_set_active (narrow ? self->narrow_band_check : self->wide_band_check,
                               TRUE);
}

/**
 * prl_new_model_dialog_probe_sample:
 * @self: the dialog
 * @path: a recording in the local file system
 *
 * Reads the sample rate of @path off the main thread and selects the base
 * model that matches it, showing the rate under "Sample Recording". A file
 * that cannot be read as audio shows why and changes nothing. The file
 * chooser ends here; tests call it directly.
 */
void
prl_new_model_dialog_probe_sample (PrlNewModelDialog *self, const char *path)
{
  g_return_if_fail (PRL_IS_NEW_MODEL_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->sample_probe != NULL)
    g_cancellable_cancel (self->sample_probe);
  g_clear_object (&self->sample_probe);
  self->sample_probe = g_cancellable_new ();

  show_message (self->sample_error_revealer, self->sample_error_label, NULL);
  set_invalid (GTK_WIDGET (self->sample_row), FALSE);
  adw_action_row_set_subtitle (self->sample_row, _ ("Reading the recording…"));

  prl_audio_probe_async (path, self->sample_probe, sample_probe_cb, self);
}

/**
 * prl_new_model_dialog_is_probing:
 *
 * Returns: %TRUE while a sample recording is being read
 */
gboolean
prl_new_model_dialog_is_probing (PrlNewModelDialog *self)
{
  g_return_val_if_fail (PRL_IS_NEW_MODEL_DIALOG (self), FALSE);
  return self->sample_probe != NULL;
}

static void
sample_chooser_response_cb (GtkNativeDialog   *chooser,
                            int                response,
                            PrlNewModelDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        prl_new_model_dialog_probe_sample (self, path);
      else if (file != NULL)
        {
          show_message (self->sample_error_revealer, self->sample_error_label,
                        _ ("This recording is not in a local folder. Copy it to "
                           "your computer and choose it again."));
          set_invalid (GTK_WIDGET (self->sample_row), TRUE);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->sample_chooser);
}

static void
choose_sample_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlNewModelDialog *self = PRL_NEW_MODEL_DIALOG (widget);
  static const char *audio[] = { "wav", "flac", "mp3", "ogg", "opus", "m4a", NULL };

  if (self->sample_chooser == NULL)
    {
      self->sample_chooser = gtk_file_chooser_native_new (
          _ ("Choose a Sample Recording"), GTK_WINDOW (self),
          GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->sample_chooser), TRUE);
      prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->sample_chooser), _ ("Audio"),
                               audio, "audio/*");
      g_signal_connect (self->sample_chooser, "response",
                        G_CALLBACK (sample_chooser_response_cb), self);
    }

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->sample_chooser));
}

static void
provider_item_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (_ ("Not set up"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), note);
  gtk_list_item_set_child (item, box);
}

static void
provider_item_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       PrlNewModelDialog        *self)
{
  const PrlProviderInfo *const *list;
  GtkWidget                    *box = gtk_list_item_get_child (item);
  GtkWidget                    *title = gtk_widget_get_first_child (box);
  GtkWidget                    *note = gtk_widget_get_last_child (box);
  GtkStringObject              *string = gtk_list_item_get_item (item);
  guint                         position = gtk_list_item_get_position (item);
  guint                         n_providers;

  list = prl_provider_info_list (&n_providers);
  gtk_label_set_label (GTK_LABEL (title), gtk_string_object_get_string (string));
  gtk_widget_set_visible (note, position < n_providers
                                    && !provider_usable (self, list[position]));
}

static void
set_provider_factory (PrlNewModelDialog *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (provider_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (provider_item_bind_cb), self);
  adw_combo_row_set_list_factory (self->provider_row, factory);
}

static void
setup_providers (PrlNewModelDialog *self)
{
  const PrlProviderInfo *const *list;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint n_providers;

  list = prl_provider_info_list (&n_providers);
  for (guint i = 0; i < n_providers; i++)
    gtk_string_list_append (names, prl_provider_info_get_display_name (list[i]));

  set_provider_factory (self);

  /* The local provider is first and always available. */
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->provider_row, 0);
}

static void
prl_new_model_dialog_constructed (GObject *object)
{
  PrlNewModelDialog *self = PRL_NEW_MODEL_DIALOG (object);

  G_OBJECT_CLASS (prl_new_model_dialog_parent_class)->constructed (object);

  g_assert (PRL_IS_WORKSPACE (self->workspace));

  /* The user's accounts, unless a test gives its own store. */
  if (self->accounts == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->accounts = prl_cloud_accounts_new (NULL);
      if (!prl_cloud_accounts_load (self->accounts, &error))
        g_message ("Could not read the cloud accounts: %s", error->message);
    }
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);

  g_signal_connect_object (prl_workspace_get_models (self->workspace), "items-changed",
                           G_CALLBACK (models_changed_cb), self, G_CONNECT_SWAPPED);

  fill_languages (self);
  fill_accounts (self);
  update_state (self);
}

static void
prl_new_model_dialog_dispose (GObject *object)
{
  PrlNewModelDialog *self = PRL_NEW_MODEL_DIALOG (object);

  if (self->sample_probe != NULL)
    g_cancellable_cancel (self->sample_probe);
  g_clear_object (&self->sample_probe);
  if (self->sample_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sample_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->sample_chooser));
      g_clear_object (&self->sample_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_NEW_MODEL_DIALOG);

  G_OBJECT_CLASS (prl_new_model_dialog_parent_class)->dispose (object);
}

static void
prl_new_model_dialog_finalize (GObject *object)
{
  PrlNewModelDialog *self = PRL_NEW_MODEL_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->accounts);
  g_clear_object (&self->account_names);
  g_clear_object (&self->languages);
  g_clear_pointer (&self->requested_name, g_free);
  g_clear_pointer (&self->rejected_name, g_free);
  g_clear_pointer (&self->rejected_message, g_free);
  g_clear_pointer (&self->watson_codes, g_strfreev);
  g_clear_pointer (&self->watson_account, g_free);

  G_OBJECT_CLASS (prl_new_model_dialog_parent_class)->finalize (object);
}

static void
prl_new_model_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PrlNewModelDialog *self = PRL_NEW_MODEL_DIALOG (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, NULL))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_new_model_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PrlNewModelDialog *self = PRL_NEW_MODEL_DIALOG (object);

  if (prop_id == PROP_ACCOUNTS)
    self->accounts = g_value_dup_object (value);
  else if (!prl_gui_init_workspace_property (pspec, value, &self->workspace, NULL))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_new_model_dialog_class_init (PrlNewModelDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prl_new_model_dialog_constructed;
  object_class->dispose = prl_new_model_dialog_dispose;
  object_class->finalize = prl_new_model_dialog_finalize;
  object_class->get_property = prl_new_model_dialog_get_property;
  object_class->set_property = prl_new_model_dialog_set_property;

  prl_gui_install_construct_workspace (object_class, PROP_WORKSPACE, 0);

  /**
   * PrlNewModelDialog:accounts: (nullable)
   *
   * The cloud accounts a provider may use; the user's own when not set.
   */
  g_object_class_install_property (
      object_class, PROP_ACCOUNTS,
      g_param_spec_object ("accounts", NULL, NULL, PRL_TYPE_CLOUD_ACCOUNTS,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                               | G_PARAM_STATIC_STRINGS));

  /**
   * PrlNewModelDialog::model-created:
   * @self: the dialog
   * @model: the new model, already in the workspace's list
   *
   * Emitted once the model is saved, just before the dialog closes.
   */
  signals[MODEL_CREATED]
      = g_signal_new ("model-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 1, PRL_TYPE_MODEL);

  g_type_ensure (PRL_TYPE_WATSON_BASE_GROUP);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-new-model-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, form);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        general_error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        general_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        narrow_band_check);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, narrow_band_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        name_error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        name_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        provider_error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        provider_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        set_up_account_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        sample_error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog,
                                        sample_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, sample_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, wide_band_check);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, wide_band_row);
  gtk_widget_class_bind_template_child (widget_class, PrlNewModelDialog, watson_group);
  gtk_widget_class_bind_template_callback (widget_class, on_watson_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_account_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_provider_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-sample", NULL,
                                   choose_sample_action);
  gtk_widget_class_install_action (widget_class, "dialog.set-up-account", NULL,
                                   set_up_account_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_new_model_dialog_init (PrlNewModelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing starts in the name. Set here, not as the template's
   * focus-widget: the builder sets that before the content exists, so
   * the focus fell on Cancel and a space in the name closed the dialog. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));

  self->languages = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (self->languages));
  self->account_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (self->account_names));

  adw_action_row_set_subtitle (self->wide_band_row,
                               prl_base_model_get_description (PRL_BASE_MODEL_WIDE_BAND));
  adw_action_row_set_subtitle (
      self->narrow_band_row, prl_base_model_get_description (PRL_BASE_MODEL_NARROW_BAND));

  g_signal_connect_swapped (self->narrow_band_check, "toggled",
                            G_CALLBACK (on_band_toggled_cb), self);
  setup_providers (self);
}

/**
 * prl_new_model_dialog_new:
 * @workspace: where the model is created
 *
 * The caller sets #GtkWindow:transient-for and presents the dialog.
 *
 * Returns: (transfer none): a new modal dialog
 */
GtkWidget *
prl_new_model_dialog_new (PrlWorkspace *workspace)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);

  return g_object_new (PRL_TYPE_NEW_MODEL_DIALOG, "workspace", workspace, NULL);
}

/**
 * prl_new_model_dialog_get_workspace:
 *
 * Returns: (transfer none): the workspace the model is created in
 */
PrlWorkspace *
prl_new_model_dialog_get_workspace (PrlNewModelDialog *self)
{
  g_return_val_if_fail (PRL_IS_NEW_MODEL_DIALOG (self), NULL);
  return self->workspace;
}

/**
 * prl_new_model_dialog_get_account:
 *
 * Returns: (nullable): the name of the cloud account chosen for the
 *   model, %NULL when its provider needs none or no account exists
 */
const char *
prl_new_model_dialog_get_account (PrlNewModelDialog *self)
{
  guint selected;

  g_return_val_if_fail (PRL_IS_NEW_MODEL_DIALOG (self), NULL);

  if (self->account_names == NULL
      || prl_provider_info_get_account_kind (get_selected_provider (self)) == NULL)
    return NULL;
  selected = adw_combo_row_get_selected (self->account_row);
  if (selected >= g_list_model_get_n_items (G_LIST_MODEL (self->account_names)))
    return NULL;
  return gtk_string_list_get_string (self->account_names, selected);
}
