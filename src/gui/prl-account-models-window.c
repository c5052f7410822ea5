/* prl-account-models-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-account-models-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-provider-info.h"
#include "prl-transcribe-account.h"

#include "prl-account-models-window.h"

/* An AWS account's Amazon Transcribe language models, reached from the
 * account's row in Preferences → Accounts: every model (ListLanguageModels
 * through every page, on a worker thread) with its language, base model,
 * status, creation time, whether an upgrade is offered and whether the
 * workspace has it. Models the workspace lacks have Import, and the header
 * bar's Import All takes them all; the list is asked again afterwards, so
 * that what it shows is what the service and the workspace say. Closing
 * the window cancels a listing still running.
 */
struct _PrlAccountModelsWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *reload_button;
  GtkWidget      *import_all_button;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkListBox     *list_box;

  PrlWorkspace *workspace;   /* (owned) */
  char         *account;     /* (owned) */
  GCancellable *cancellable; /* (owned) (nullable): the running listing */
  guint         n_missing;   /* models the workspace does not have */
  gboolean      importing;
};

G_DEFINE_FINAL_TYPE (PrlAccountModelsWindow, prl_account_models_window, ADW_TYPE_WINDOW)

static const char *
status_label (PrlTranscribeStatus status)
{
  switch (status)
    {
    case PRL_TRANSCRIBE_STATUS_COMPLETED:
      return _ ("Completed");
    case PRL_TRANSCRIBE_STATUS_FAILED:
      return _ ("Failed");
    case PRL_TRANSCRIBE_STATUS_IN_PROGRESS:
    case PRL_TRANSCRIBE_STATUS_QUEUED:
      return _ ("Training");
    case PRL_TRANSCRIBE_STATUS_UNKNOWN:
    default:
      return _ ("Unknown");
    }
}

static GtkWidget *
badge_new (const char *text, const char *style, const char *tooltip)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "version-badge");
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);
  gtk_widget_set_tooltip_text (badge, tooltip);
  return badge;
}

static void set_busy (PrlAccountModelsWindow *self, gboolean busy);

typedef struct
{
  PrlAccountModelsWindow *self; /* (owned) */
  GStrv                   names;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_object_unref (data->self);
  g_strfreev (data->names);
  g_free (data);
}

static void
imported_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ImportData             *data = user_data;
  PrlAccountModelsWindow *self = data->self;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  self->importing = FALSE;
  models = prl_transcribe_account_import_finish (PRL_WORKSPACE (object), result, &error);
  if (models == NULL)
    message = g_strdup_printf (_ ("Could not import: %s"), error->message);
  else if (models->len == 1)
    message = g_strdup_printf (_ ("Imported “%s”"),
                               prl_model_get_name (g_ptr_array_index (models, 0)));
  else
    message = g_strdup_printf (
        g_dngettext (NULL, "Imported %u model", "Imported %u models", models->len),
        models->len);
  prl_gui_add_toast (GTK_WIDGET (self), message);
  /* What the workspace has now, from the service and the store again. */
  prl_account_models_window_reload (self);
  import_data_free (data);
}

static void
start_import (PrlAccountModelsWindow *self, const char *const *names)
{
  ImportData *data = g_new0 (ImportData, 1);

  data->self = g_object_ref (self);
  data->names = g_strdupv ((char **)names);
  self->importing = TRUE;
  set_busy (self, TRUE);
  prl_transcribe_account_import_async (self->workspace, self->account,
                                       (const char *const *)data->names, NULL,
                                       imported_cb, data);
}

static void
import_clicked_cb (GtkButton *button, PrlAccountModelsWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "remote-name");
  const char *names[] = { name, NULL };

  start_import (self, names);
}

static void
import_all_clicked_cb (PrlAccountModelsWindow *self)
{
  start_import (self, NULL);
}

static GtkWidget *
create_row (PrlAccountModelsWindow *self, const PrlTranscribeAccountModel *entry)
{
  const PrlTranscribeModel *remote = entry->remote;
  GtkWidget                *row = adw_action_row_new ();
  g_autoptr (GDateTime) created = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;

  if (remote->create_time > 0)
    {
      g_autoptr (GDateTime) utc
          = g_date_time_new_from_unix_utc ((gint64)remote->create_time);

      created = g_date_time_to_local (utc);
      /* Translators: a g_date_time_format() format for when a model was made */
      when = g_date_time_format (created, _ ("%-d %B %Y at %H:%M"));
    }
  /* Translators: language · base model · status · created …, e.g.
   * "English (US) · WideBand · Completed · created 21 November 2026 at 15:30" */
  subtitle = g_strdup_printf (_ ("%s · %s · %s · created %s"),
                              prl_language_get_display_name (remote->language_code),
                              remote->base_model, status_label (remote->status),
                              when ? when : "—");
  if (remote->status == PRL_TRANSCRIBE_STATUS_FAILED && remote->failure_reason != NULL)
    {
      g_autofree char *with_reason
          = g_strdup_printf ("%s\n%s", subtitle, remote->failure_reason);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_reason);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), remote->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, remote->name);

  if (remote->upgrade_available)
    adw_action_row_add_suffix (
        ADW_ACTION_ROW (row),
        badge_new (_ ("Upgrade available"), "upgrade",
                   _ ("Amazon Transcribe has a newer base model than this model was "
                      "built on")));
  if (entry->workspace_model != NULL)
    {
      g_autofree char *text
          = g_strdup_printf (_ ("In the workspace: %s"), entry->workspace_model);

      adw_action_row_add_suffix (
          ADW_ACTION_ROW (row),
          badge_new (text, NULL, _ ("A version of this workspace model")));
    }
  else
    {
      GtkWidget       *button = gtk_button_new_with_mnemonic (_ ("_Import"));
      g_autofree char *tooltip = g_strdup_printf (
          _ ("Import as a version of the model “%s”"), entry->model_name);
      g_autofree char *label = g_strdup_printf (_ ("Import %s"), remote->name);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "remote-name", g_strdup (remote->name),
                              g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (import_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
set_busy (PrlAccountModelsWindow *self, gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->reload_button, !busy);
  gtk_widget_set_sensitive (self->import_all_button, !busy && self->n_missing > 0);
  if (busy)
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
listed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlAccountModelsWindow) self = user_data;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  models = prl_transcribe_account_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
  self->n_missing = 0;
  if (models == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      set_busy (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  for (guint i = 0; i < models->len; i++)
    {
      PrlTranscribeAccountModel *entry = g_ptr_array_index (models, i);

      self->n_missing += entry->workspace_model == NULL;
      gtk_list_box_append (self->list_box, create_row (self, entry));
    }
  set_busy (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, models->len > 0 ? "list" : "empty");
}

/**
 * prl_account_models_window_reload:
 *
 * Asks the service for the account's models again.
 */
void
prl_account_models_window_reload (PrlAccountModelsWindow *self)
{
  g_return_if_fail (PRL_IS_ACCOUNT_MODELS_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  prl_transcribe_account_list_async (prl_workspace_get_store (self->workspace),
                                     self->account, self->cancellable, listed_cb,
                                     g_object_ref (self));
}

/**
 * prl_account_models_window_is_loading:
 *
 * Returns: whether a listing or an import is running (for tests)
 */
gboolean
prl_account_models_window_is_loading (PrlAccountModelsWindow *self)
{
  g_return_val_if_fail (PRL_IS_ACCOUNT_MODELS_WINDOW (self), FALSE);
  return self->cancellable != NULL || self->importing;
}

/**
 * prl_account_models_window_get_page:
 *
 * Returns: "loading", "error", "empty" or "list"
 */
const char *
prl_account_models_window_get_page (PrlAccountModelsWindow *self)
{
  g_return_val_if_fail (PRL_IS_ACCOUNT_MODELS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
prl_account_models_window_dispose (GObject *object)
{
  PrlAccountModelsWindow *self = PRL_ACCOUNT_MODELS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_ACCOUNT_MODELS_WINDOW);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (prl_account_models_window_parent_class)->dispose (object);
}

static void
prl_account_models_window_finalize (GObject *object)
{
  PrlAccountModelsWindow *self = PRL_ACCOUNT_MODELS_WINDOW (object);

  g_free (self->account);
  G_OBJECT_CLASS (prl_account_models_window_parent_class)->finalize (object);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_account_models_window_reload (PRL_ACCOUNT_MODELS_WINDOW (widget));
}

static void
prl_account_models_window_class_init (PrlAccountModelsWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_account_models_window_dispose;
  object_class->finalize = prl_account_models_window_finalize;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-account-models-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow,
                                        window_title);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow,
                                        reload_button);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow,
                                        import_all_button);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountModelsWindow, list_box);
  gtk_widget_class_bind_template_callback (widget_class,
                                           prl_account_models_window_reload);
  gtk_widget_class_bind_template_callback (widget_class, import_all_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "models.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "models.reload",
                                       NULL);
}

static void
prl_account_models_window_init (PrlAccountModelsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * prl_account_models_window_new:
 * @account: the name of an AWS account
 *
 * Returns: (transfer full): a new window that lists @account's models
 */
GtkWidget *
prl_account_models_window_new (PrlWorkspace *workspace, const char *account)
{
  PrlAccountModelsWindow *self;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  self = g_object_new (PRL_TYPE_ACCOUNT_MODELS_WINDOW, NULL);
  self->workspace = g_object_ref (workspace);
  self->account = g_strdup (account);
  adw_window_title_set_subtitle (self->window_title, account);
  prl_account_models_window_reload (self);
  return GTK_WIDGET (self);
}
