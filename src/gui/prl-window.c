/* prl-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-evaluation-page.h"
#include "prl-getting-started-window.h"
#include "prl-gui-util.h"
#include "prl-jobs-button.h"
#include "prl-model-details-page.h"
#include "prl-models-page.h"
#include "prl-new-model-dialog.h"
#include "prl-preferences-window.h"
#include "prl-quick-setup-dialog.h"
#include "prl-transcription-page.h"

#include "prl-window.h"

/* The main window opens its workspace without blocking, then shows the
 * Custom Models list and, on Edit, a model's details in a leaflet. A
 * workspace that cannot be opened leaves the window running on an error
 * page that says what to do.
 */
struct _PrlWindow
{
  AdwApplicationWindow parent_instance;

  /* Template Widgets */
  PrlModelDetailsPage *details_page;
  PrlEvaluationPage   *evaluation_page;
  GtkActionBar        *jobs_bar;
  PrlJobsButton       *jobs_button;
  AdwStatusPage       *error_page;
  AdwLeaflet          *leaflet;
  GtkStack            *main_stack;
  PrlModelsPage       *models_page;
  AdwToastOverlay     *toast_overlay;

  /* Owned References */
  char         *workspace_dir;
  PrlWorkspace *workspace;
  GSettings    *settings;
  GCancellable *cancellable;
};

enum
{
  PROP_0,
  PROP_WORKSPACE_DIR,
  PROP_WORKSPACE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlWindow, prl_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
models_changed_cb (PrlWindow *self)
{
  PrlModel *shown = NULL;
  guint     position;

  g_object_get (self->details_page, "model", &shown, NULL);
  if (shown == NULL)
    return;

  /* The model on the details page was deleted (perhaps by parlance-cli). */
  if (!g_list_store_find (G_LIST_STORE (prl_workspace_get_models (self->workspace)),
                          shown, &position))
    {
      prl_evaluation_page_set_model (self->evaluation_page, NULL);
      prl_window_show_models (self);
    }

  g_object_unref (shown);
}

/* A job finished while the window was in the background: say so. */
static void
job_state_changed_cb (PrlJob *job, GParamSpec *pspec, PrlWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *id = NULL;
  const char      *body;
  PrlJobState      state = prl_job_get_state (job);

  if (state == PRL_JOB_STATE_QUEUED || state == PRL_JOB_STATE_RUNNING || app == NULL
      || !g_application_get_is_registered (app)
      || gtk_window_is_active (GTK_WINDOW (self)))
    return;

  if (state == PRL_JOB_STATE_SUCCEEDED)
    body = _ ("Finished");
  else if (state == PRL_JOB_STATE_CANCELLED)
    body = _ ("Cancelled");
  else
    body = prl_job_get_error (job) ? prl_job_get_error (job)->message : _ ("Failed");

  notification = g_notification_new (prl_job_get_title (job));
  g_notification_set_body (notification, body);
  id = g_strdup_printf ("job-%p", (gpointer)job);
  g_application_send_notification (app, id, notification);
}

static void
jobs_changed_cb (
    GListModel *jobs, guint position, guint removed, guint added, PrlWindow *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, i);

      g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_changed_cb),
                               self, 0);
    }
}

static void
open_workspace_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) workspace = prl_workspace_open_finish (result, &error);

  if (workspace == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not open the workspace: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  self->workspace = g_steal_pointer (&workspace);
  g_signal_connect_object (prl_workspace_get_models (self->workspace), "items-changed",
                           G_CALLBACK (models_changed_cb), self, G_CONNECT_SWAPPED);
  prl_models_page_set_workspace (self->models_page, self->workspace);
  g_object_set (self->details_page, "workspace", self->workspace, NULL);
  prl_jobs_button_set_job_manager (self->jobs_button,
                                   prl_workspace_get_job_manager (self->workspace));
  g_signal_connect_object (prl_workspace_get_job_manager (self->workspace),
                           "items-changed", G_CALLBACK (jobs_changed_cb), self, 0);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
open_workspace (PrlWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  prl_workspace_open_async (self->workspace_dir, self->cancellable, open_workspace_cb,
                            g_object_ref (self));
}

static void
model_created_cb (PrlWindow *self, PrlModel *model)
{
  g_autofree char *title
      = g_strdup_printf (_ ("Created “%s”"), prl_model_get_name (model));

  prl_gui_add_toast (GTK_WIDGET (self->toast_overlay), title);
}

static void
new_model_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlWindow *self = PRL_WINDOW (widget);
  GtkWidget *dialog;

  if (self->workspace == NULL)
    return;

  dialog = prl_new_model_dialog_new (self->workspace);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "model-created", G_CALLBACK (model_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quick_setup_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlWindow *self = PRL_WINDOW (widget);
  GtkWidget *dialog;

  if (self->workspace == NULL)
    return;

  dialog = prl_quick_setup_dialog_new (self->workspace);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
getting_started_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkWidget *guide = prl_getting_started_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (guide), GTK_WINDOW (widget));
  gtk_window_present (GTK_WINDOW (guide));
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlWindow *self = PRL_WINDOW (widget);
  GtkWidget *preferences = prl_preferences_window_new (self->workspace);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  /* The New Custom Model dialog's "Set Up an Account…" */
  if (g_strcmp0 (action_name, "win.preferences-accounts") == 0)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                  "accounts");
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
show_models_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_window_show_models (PRL_WINDOW (widget));
}

static void
transcribe_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlWindow *self = PRL_WINDOW (widget);
  GtkWidget *page = adw_leaflet_get_child_by_name (self->leaflet, "transcription");

  prl_transcription_page_set_workspace (PRL_TRANSCRIPTION_PAGE (page), self->workspace);
  adw_leaflet_set_visible_child_name (self->leaflet, "transcription");
}

static void
show_details_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlWindow *self = PRL_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

static void
evaluate_model_cb (PrlWindow *self, PrlModel *model)
{
  prl_evaluation_page_set_workspace (self->evaluation_page, self->workspace);
  prl_evaluation_page_set_model (self->evaluation_page, model);
  adw_leaflet_set_visible_child_name (self->leaflet, "evaluation");
}

static void
train_state_cb (PrlJob *job, GParamSpec *pspec, PrlWindow *self)
{
  PrlModel *model;

  if (prl_job_is_active (job))
    return;
  g_signal_handlers_disconnect_by_func (job, train_state_cb, self);

  /* A failure shows on the details page (badge and reason); a cancel is
   * the user's choice. */
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    return;

  model = prl_train_job_get_model (PRL_TRAIN_JOB (job));
  if (self->workspace == NULL
      || !g_list_store_find (G_LIST_STORE (prl_workspace_get_models (self->workspace)),
                             model, NULL))
    return;

  /* Still looking at the model: land on its leaderboard. Elsewhere, the
   * evaluation runs without taking the user away from what they do. */
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "details") == 0
      && prl_model_details_page_get_model (self->details_page) == model)
    {
      evaluate_model_cb (self, model);
      prl_evaluation_page_run (self->evaluation_page);
    }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *title = NULL;

      if (!prl_workspace_evaluate_model (self->workspace, model, NULL, FALSE, &error))
        {
          prl_gui_add_toast (GTK_WIDGET (self->toast_overlay), error->message);
          return;
        }
      /* Translators: %s is a model's name */
      title = g_strdup_printf (_ ("“%s” is trained; evaluating it"),
                               prl_model_get_name (model));
      prl_gui_add_toast (GTK_WIDGET (self->toast_overlay), title);
    }
}

/**
 * prl_window_train_and_evaluate:
 * @model: a model of the window's workspace, with training text and test
 *   data
 *
 * What `parlance-cli quickstart` does, in the window: trains @model and,
 * once that succeeded, evaluates it on the Evaluation page, which shows
 * the leaderboard when the run is in (if the user moved elsewhere
 * meanwhile, the evaluation runs without taking them there). Both are jobs, followed from the
 * jobs indicator; a refusal is shown as a toast.
 */
void
prl_window_train_and_evaluate (PrlWindow *self, PrlModel *model)
{
  g_autoptr (GError) error = NULL;
  PrlTrainJob *job;

  g_return_if_fail (PRL_IS_WINDOW (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  if (self->workspace == NULL)
    return;

  if (!(job = prl_workspace_train_model (self->workspace, model, FALSE, &error)))
    {
      prl_gui_add_toast (GTK_WIDGET (self->toast_overlay), error->message);
      return;
    }

  g_signal_connect_object (job, "notify::state", G_CALLBACK (train_state_cb), self, 0);
  /* It may have been over before we listened. */
  train_state_cb (PRL_JOB (job), NULL, self);
}

static void
retry_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  open_workspace (PRL_WINDOW (widget));
}

static void
models_page_edit_requested_cb (PrlWindow *self, PrlModel *model)
{
  prl_window_show_model (self, model);
}

static gboolean
prl_window_close_request (GtkWindow *window)
{
  PrlWindow *self = PRL_WINDOW (window);
  int        width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (prl_window_parent_class)->close_request (window);
}

static void
prl_window_constructed (GObject *object)
{
  PrlWindow *self = PRL_WINDOW (object);

  G_OBJECT_CLASS (prl_window_parent_class)->constructed (object);

  open_workspace (self);
}

static void
prl_window_dispose (GObject *object)
{
  PrlWindow *self = PRL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (prl_workspace_get_models (self->workspace),
                                          self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (prl_window_parent_class)->dispose (object);
}

static void
prl_window_finalize (GObject *object)
{
  PrlWindow *self = PRL_WINDOW (object);

  g_free (self->workspace_dir);

  G_OBJECT_CLASS (prl_window_parent_class)->finalize (object);
}

static void
prl_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PrlWindow *self = PRL_WINDOW (object);

  if (prl_gui_get_workspace_property (pspec, value, self->workspace, NULL))
    return;

  switch (prop_id)
    {
    case PROP_WORKSPACE_DIR:
      g_value_set_string (value, self->workspace_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrlWindow *self = PRL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_DIR:
      self->workspace_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_window_class_init (PrlWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = prl_window_constructed;
  object_class->dispose = prl_window_dispose;
  object_class->finalize = prl_window_finalize;
  object_class->get_property = prl_window_get_property;
  object_class->set_property = prl_window_set_property;
  window_class->close_request = prl_window_close_request;

  /**
   * PrlWindow:workspace-dir:
   *
   * The workspace folder, or %NULL for the default one.
   */
  properties[PROP_WORKSPACE_DIR] = g_param_spec_string (
      "workspace-dir", NULL, NULL, NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSPACE] = prl_gui_param_spec_workspace (G_PARAM_READABLE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, details_page);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, evaluation_page);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, jobs_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, jobs_button);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, models_page);
  gtk_widget_class_bind_template_child (widget_class, PrlWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, models_page_edit_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, evaluate_model_cb);

  gtk_widget_class_install_action (widget_class, "win.new-model", NULL, new_model_action);
  gtk_widget_class_install_action (widget_class, "win.quick-setup", NULL,
                                   quick_setup_action);
  gtk_widget_class_install_action (widget_class, "win.getting-started", NULL,
                                   getting_started_action);
  gtk_widget_class_install_action (widget_class, "win.show-models", NULL,
                                   show_models_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL,
                                   show_details_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.transcribe", NULL,
                                   transcribe_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   preferences_action);
  gtk_widget_class_install_action (widget_class, "win.preferences-accounts", NULL,
                                   preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-model", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.getting-started",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.show-models", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);

  g_type_ensure (PRL_TYPE_EVALUATION_PAGE);
  g_type_ensure (PRL_TYPE_MODEL_DETAILS_PAGE);
  g_type_ensure (PRL_TYPE_MODELS_PAGE);
  g_type_ensure (PRL_TYPE_JOBS_BUTTON);
  g_type_ensure (PRL_TYPE_TRANSCRIPTION_PAGE);
}

static void
prl_window_init (PrlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bar shows whenever the button does: while any job is listed. */
  g_object_bind_property (self->jobs_button, "visible", self->jobs_bar, "revealed",
                          G_BINDING_SYNC_CREATE);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * prl_window_new:
 * @workspace_dir: (nullable): the workspace folder, or %NULL for the default
 */
PrlWindow *
prl_window_new (AdwApplication *application, const char *workspace_dir)
{
  return g_object_new (PRL_TYPE_WINDOW, "application", application, "workspace-dir",
                       workspace_dir, NULL);
}

PrlWorkspace *
prl_window_get_workspace (PrlWindow *self)
{
  g_return_val_if_fail (PRL_IS_WINDOW (self), NULL);
  return self->workspace;
}

void
prl_window_show_models (PrlWindow *self)
{
  g_return_if_fail (PRL_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "models");
}

void
prl_window_show_model (PrlWindow *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_WINDOW (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  /* Opening the model shown last asks the provider again, as opening
   * another one does. */
  if (prl_model_details_page_get_model (self->details_page) == model)
    prl_model_details_page_refresh (self->details_page);
  else
    prl_model_details_page_set_model (self->details_page, model);
  adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

/**
 * prl_window_show_evaluation:
 * @model: a model of the window's workspace
 * @run: (nullable): its evaluation to show; %NULL reads the stored one
 *
 * Lands on @model's Evaluation page, the leaderboard in front (Quick
 * Setup and Improve end here).
 */
void
prl_window_show_evaluation (PrlWindow *self, PrlModel *model, PrlEvalRun *run)
{
  g_return_if_fail (PRL_IS_WINDOW (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  prl_model_details_page_set_model (self->details_page, model);
  evaluate_model_cb (self, model);
  if (run != NULL)
    prl_evaluation_page_set_run (self->evaluation_page, run);
}

/* A toast in the window's overlay, whatever page shows. */
void
prl_window_add_toast (PrlWindow *self, const char *title)
{
  g_return_if_fail (PRL_IS_WINDOW (self));

  prl_gui_add_toast (GTK_WIDGET (self->evaluation_page), title);
}
