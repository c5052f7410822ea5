/* prl-jobs-button.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-jobs-button"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-remote-job.h"

#include "prl-jobs-button.h"

/* The jobs indicator, on every page of the window: a menu button shown
 * while the job manager lists any job, with the overall progress while
 * some run. Its popover lists the jobs newest first: title, then the
 * status text, a progress bar and Cancel while the job runs, or its
 * outcome (done, failed with the reason, cancelled) and when it came once
 * it ended. Clear Finished removes the ended ones.
 */
struct _PrlJobsButton
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkButton      *clear_button;
  GtkImage       *icon;
  GtkListBox     *list_box;
  GtkMenuButton  *menu_button;
  GtkPopover     *popover;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;

  PrlJobManager *manager;  /* (owned) (nullable) */
  GListStore    *newest;   /* (owned): the manager's jobs, newest first */
  GBindingGroup *bindings; /* (owned) */
};

enum
{
  PROP_0,
  PROP_JOB_MANAGER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlJobsButton, prl_jobs_button, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
remote_cancel_response_cb (AdwMessageDialog *dialog, const char *response, PrlJob *job)
{
  GtkWidget       *late;
  g_autofree char *body = NULL;
  const char      *heading;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (prl_job_is_active (job) && prl_remote_job_delete_when_done (PRL_REMOTE_JOB (job)))
    return;
  /* The answer came too late to act on, and the user must not believe it
   * was: the training ended (or made its last decision) meanwhile, or
   * Parlance stopped following it while it goes on (the workspace closed). */
  if (prl_job_is_active (job) || prl_job_get_state (job) != PRL_JOB_STATE_CANCELLED)
    {
      heading = _ ("The Training Has Already Ended");
      body = g_strdup_printf (_ ("“%s” ended before your answer, so Parlance deleted "
                                 "nothing. If it made a version you do not want, delete "
                                 "that version on the model’s page."),
                              prl_job_get_title (job));
    }
  else
    {
      heading = _ ("Parlance Stopped Following the Training");
      body = g_strdup_printf (_ ("“%s” goes on on the provider’s side, but Parlance "
                                 "stopped following it before your answer, so nothing "
                                 "changed. Cancel it again once it is followed again to "
                                 "delete the model when the training finishes."),
                              prl_job_get_title (job));
    }
  late = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                 heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (late), "close", _ ("Close"));
  gtk_window_present (GTK_WINDOW (late));
}

/* Cancel is honest about work a service runs alone (a Transcribe
 * training): it cannot be stopped, so the only cancel there is to delete
 * the result when it is done, which the job then does and saves in its
 * remote state for a restart. Before that point (an upload) it cancels. */
static void
cancel_clicked_cb (GtkButton *button, PrlJob *job)
{
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (button));
  AdwMessageDialog *dialog;
  g_autofree char  *body = NULL;

  if (!PRL_IS_REMOTE_JOB (job)
      || !prl_remote_job_get_work_is_remote (PRL_REMOTE_JOB (job)))
    {
      prl_job_cancel (job);
      return;
    }
  if (prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)))
    body
        = g_strdup_printf (_ ("“%s” goes on on the provider’s side; Parlance cannot stop "
                              "it. The model will be deleted there when the training "
                              "finishes, and no version is made."),
                           prl_job_get_title (job));
  else
    body = g_strdup_printf (_ ("“%s” goes on on the provider’s side whatever Parlance "
                               "does: Amazon Transcribe cannot stop a training once it "
                               "started. Parlance can delete the model there when the "
                               "training finishes, so that no version is made."),
                            prl_job_get_title (job));
  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              _ ("The Training Cannot Be Stopped"), body));
  adw_message_dialog_add_response (dialog, "keep", _ ("_Keep Training"));
  if (!prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)))
    {
      adw_message_dialog_add_response (dialog, "delete",
                                       _ ("_Delete the Model When Training Finishes"));
      adw_message_dialog_set_response_appearance (dialog, "delete",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remote_cancel_response_cb),
                           job, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * prl_jobs_button_format_outcome:
 * @job: a job that ended
 * @finished: (nullable): when it ended
 *
 * Returns: (transfer full): "Done at 14:32", "Failed at 14:32: reason" or
 *   "Cancelled at 14:32"
 */
char *
prl_jobs_button_format_outcome (PrlJob *job, GDateTime *finished)
{
  g_autoptr (GDateTime) local = finished ? g_date_time_to_local (finished) : NULL;
  /* Translators: a g_date_time_format() format for when a job ended */
  g_autofree char *when = local ? g_date_time_format (local, _ ("%H:%M")) : g_strdup ("");
  const GError    *error = prl_job_get_error (job);

  switch (prl_job_get_state (job))
    {
    case PRL_JOB_STATE_SUCCEEDED:
      /* Translators: %s is the time a job ended */
      return g_strdup_printf (_ ("Done at %s"), when);
    case PRL_JOB_STATE_CANCELLED:
      /* Translators: %s is the time a job ended */
      return g_strdup_printf (_ ("Cancelled at %s"), when);
    case PRL_JOB_STATE_FAILED:
      /* Translators: the first %s is the time a job ended, the second why */
      return g_strdup_printf (_ ("Failed at %s: %s"), when,
                              error ? error->message : _ ("unknown error"));
    case PRL_JOB_STATE_QUEUED:
    case PRL_JOB_STATE_RUNNING:
    default:
      return g_strdup (prl_job_get_status (job));
    }
}

static const char *
outcome_icon (PrlJob *job)
{
  switch (prl_job_get_state (job))
    {
    case PRL_JOB_STATE_SUCCEEDED:
      return "emblem-ok-symbolic";
    case PRL_JOB_STATE_CANCELLED:
      return "process-stop-symbolic";
    case PRL_JOB_STATE_FAILED:
      return "dialog-error-symbolic";
    case PRL_JOB_STATE_QUEUED:
    case PRL_JOB_STATE_RUNNING:
    default:
      return NULL;
    }
}

/* Shows the job's status while it runs and its outcome once it ended. */
static void
update_row (GtkWidget *row)
{
  PrlJob          *job = g_object_get_data (G_OBJECT (row), "job");
  PrlJobsButton   *self = g_object_get_data (G_OBJECT (row), "button");
  GtkWidget       *status = g_object_get_data (G_OBJECT (row), "status");
  GtkWidget       *bar = g_object_get_data (G_OBJECT (row), "bar");
  GtkWidget       *outcome = g_object_get_data (G_OBJECT (row), "outcome");
  gboolean         active = prl_job_is_active (job);
  g_autofree char *text = prl_jobs_button_format_outcome (
      job, self->manager ? prl_job_manager_get_finished_time (self->manager, job) : NULL);

  gtk_label_set_label (GTK_LABEL (status), text ? text : "");
  gtk_widget_set_visible (bar, active);
  gtk_widget_set_visible (outcome, !active);
  if (!active)
    gtk_image_set_from_icon_name (GTK_IMAGE (outcome), outcome_icon (job));
  if (prl_job_get_state (job) == PRL_JOB_STATE_FAILED)
    gtk_widget_add_css_class (status, "error");
  else
    gtk_widget_remove_css_class (status, "error");
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  PrlJob          *job = item;
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget       *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget       *title = gtk_label_new (NULL);
  GtkWidget       *status = gtk_label_new (NULL);
  GtkWidget       *bar = gtk_progress_bar_new ();
  GtkWidget       *cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  GtkWidget       *outcome = gtk_image_new ();
  g_autofree char *cancel_name = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (status), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), status);
  gtk_box_append (GTK_BOX (text), bar);
  gtk_box_append (GTK_BOX (box), text);

  g_object_bind_property (job, "title", title, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (row), "job", g_object_ref (job), g_object_unref);
  g_object_set_data (G_OBJECT (row), "button", user_data);
  g_object_set_data (G_OBJECT (row), "status", status);
  g_object_set_data (G_OBJECT (row), "bar", bar);
  g_object_set_data (G_OBJECT (row), "outcome", outcome);
  g_signal_connect_object (job, "notify::status", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  g_object_bind_property_full (job, "progress", bar, "fraction", G_BINDING_SYNC_CREATE,
                               prl_gui_progress_to_fraction, NULL, NULL, NULL);
  g_object_bind_property (job, "active", cancel, "visible", G_BINDING_SYNC_CREATE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  prl_job_get_title (job), -1);

  /* Translators: %s is a job's title */
  cancel_name = g_strdup_printf (_ ("Cancel “%s”"), prl_job_get_title (job));
  gtk_widget_set_tooltip_text (cancel, _ ("Cancel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cancel_name, -1);
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_add_css_class (cancel, "circular");
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), job, 0);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_widget_set_valign (outcome, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), outcome);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  update_row (row);
  return row;
}

/* Visible with any job listed; the progress while some run; Clear
 * Finished with any ended. */
static void
update_button (PrlJobsButton *self)
{
  guint n = self->manager ? g_list_model_get_n_items (G_LIST_MODEL (self->manager)) : 0;
  gboolean active = self->manager && prl_job_manager_get_has_active (self->manager);
  gboolean any_finished = FALSE;
  gboolean any_failed = FALSE;
  guint    n_active = 0;
  guint    n_failed = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (G_LIST_MODEL (self->manager), i);

      any_finished |= !prl_job_is_active (job);
      n_active += prl_job_is_active (job);
      n_failed += prl_job_get_state (job) == PRL_JOB_STATE_FAILED;
    }
  any_failed = n_failed > 0;

  if (n_active > 0)
    /* Translators: on the jobs button; %u is a number of jobs */
    summary = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u job running", "%u jobs running", n_active),
        n_active);
  else if (n_failed > 0)
    /* Translators: on the jobs button; %u is a number of jobs */
    summary = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u job failed", "%u jobs failed", n_failed),
        n_failed);
  else
    /* Translators: on the jobs button, when the jobs listed all ended */
    summary = g_strdup (_ ("No jobs running"));
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), any_finished);
  gtk_image_set_from_icon_name (self->icon, active       ? "emblem-synchronizing-symbolic"
                                            : any_failed ? "dialog-warning-symbolic"
                                                         : "emblem-ok-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button),
                               active ? _ ("Running Jobs") : _ ("Finished Jobs"));
}

static void
job_state_cb (PrlJobsButton *self)
{
  update_button (self);
}

/* Mirrors the manager (oldest first) in reverse, so the newest job is on
 * top. */
static void
jobs_changed_cb (PrlJobsButton *self, guint position, guint removed, guint added)
{
  GListModel *jobs = G_LIST_MODEL (self->manager);
  guint       n_old = g_list_model_get_n_items (G_LIST_MODEL (self->newest));
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = position + added; i > position; i--)
    {
      PrlJob *job = g_list_model_get_item (jobs, i - 1);

      g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (items, job);
    }

  g_list_store_splice (self->newest, n_old - position - removed, removed, items->pdata,
                       items->len);
  update_button (self);
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (widget);

  if (self->manager != NULL)
    prl_job_manager_clear_finished (self->manager);
}

/**
 * prl_jobs_button_get_job_manager:
 *
 * Returns: (transfer none) (nullable): the job manager shown
 */
PrlJobManager *
prl_jobs_button_get_job_manager (PrlJobsButton *self)
{
  g_return_val_if_fail (PRL_IS_JOBS_BUTTON (self), NULL);
  return self->manager;
}

/**
 * prl_jobs_button_set_job_manager:
 * @manager: (nullable): the job manager to show
 */
void
prl_jobs_button_set_job_manager (PrlJobsButton *self, PrlJobManager *manager)
{
  g_return_if_fail (PRL_IS_JOBS_BUTTON (self));
  g_return_if_fail (manager == NULL || PRL_IS_JOB_MANAGER (manager));

  if (self->manager == manager)
    return;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_list_store_remove_all (self->newest);
  g_set_object (&self->manager, manager);

  g_binding_group_set_source (self->bindings, manager);
  if (manager != NULL)
    {
      g_signal_connect_object (manager, "items-changed", G_CALLBACK (jobs_changed_cb),
                               self, G_CONNECT_SWAPPED);
      jobs_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (manager)));
    }
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_MANAGER]);
}

static void
prl_jobs_button_dispose (GObject *object)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_JOBS_BUTTON);
  prl_gui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->bindings);
  g_clear_object (&self->manager);
  g_clear_object (&self->newest);

  G_OBJECT_CLASS (prl_jobs_button_parent_class)->dispose (object);
}

static void
prl_jobs_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_jobs_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      prl_jobs_button_set_job_manager (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_jobs_button_class_init (PrlJobsButtonClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_jobs_button_dispose;
  object_class->get_property = prl_jobs_button_get_property;
  object_class->set_property = prl_jobs_button_set_property;

  properties[PROP_JOB_MANAGER] = g_param_spec_object (
      "job-manager", NULL, NULL, PRL_TYPE_JOB_MANAGER,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-jobs-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, clear_button);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, icon);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, list_box);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, popover);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, summary_label);
  gtk_widget_class_install_action (widget_class, "jobs.clear-finished", NULL,
                                   clear_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_jobs_button_init (PrlJobsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->newest = g_list_store_new (PRL_TYPE_JOB);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->newest), create_row, self,
                           NULL);
  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "progress", self->progress_bar, "fraction",
                             G_BINDING_SYNC_CREATE, prl_gui_progress_to_fraction, NULL,
                             NULL, NULL);
}

/**
 * prl_jobs_button_new:
 *
 * Returns: (transfer floating): a new, hidden button
 */
GtkWidget *
prl_jobs_button_new (void)
{
  return g_object_new (PRL_TYPE_JOBS_BUTTON, NULL);
}
