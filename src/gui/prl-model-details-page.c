/* prl-model-details-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-model-details-page"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-datasets-view.h"
#include "prl-gui-util.h"
#include "prl-new-dataset-dialog.h"
#include "prl-pronunciations-view.h"
#include "prl-remote-job.h"
#include "prl-status-badge.h"
#include "prl-train-dialog.h"
#include "prl-upgrade-banner.h"
#include "prl-versions-view.h"
#include "prl-wiki-dialog.h"

#include "prl-model-details-page.h"

/* The page the Custom Models list opens with Edit. It shows one live
 * PrlModel: read-only fields are bound to the model's properties through
 * a GBindingGroup and the status banner follows a GSignalGroup, so
 * switching to another model drops every connection to the old one. Only
 * the name is editable, and it is saved with the Update button through
 * the workspace, which applies the same rules as the New Custom Model
 * dialog. Below the fields, PrlDatasetsView lists the model's datasets;
 * Add Dataset, or files dropped anywhere on the page, open the New Dataset
 * dialog for the model.
 */
struct _PrlModelDetailsPage
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkButton       *back_button;
  GtkLabel        *base_model_label;
  AdwActionRow    *base_model_row;
  GtkWidget       *content;
  PrlDatasetsView *datasets_view;
  GtkLabel        *language_label;
  AdwActionRow    *language_row;
  GtkLabel        *modified_label;
  GtkLabel        *name_error_label;
  GtkRevealer     *name_error_revealer;
  AdwEntryRow     *name_row;
  PrlStatusBadge  *status_badge;
  GtkWidget       *status_banner;
  GtkExpander     *status_expander;
  GtkLabel        *status_help_label;
  GtkButton       *update_button;
  AdwWindowTitle  *window_title;
  GtkWidget       *train_button;
  GtkWidget       *evaluation_button;
  PrlVersionsView *versions_view;
  GtkWidget       *upgrade_banner;
  GtkWidget       *pronunciations_view;
  GtkWidget       *train_progress_box;
  GtkProgressBar  *train_progress_bar;
  GtkLabel        *train_status_label;

  PrlWorkspace  *workspace;        /* (owned) */
  PrlModel      *model;            /* (owned) (nullable) */
  GBindingGroup *bindings;         /* (owned) */
  GSignalGroup  *model_signals;    /* (owned) */
  char          *synced_name;      /* (owned): the name last put in the entry */
  char          *rejected_name;    /* (owned) (nullable): refused by the store */
  char          *rejected_message; /* (owned) (nullable) */

  PrlJob        *train_job;    /* (owned) (nullable): the training followed */
  GBindingGroup *job_bindings; /* (owned) */
  GSignalGroup  *job_signals;  /* (owned) */

  guint busy : 1;
  guint can_update : 1;
};

typedef struct
{
  PrlModelDetailsPage *self;  /* (owned) */
  PrlModel            *model; /* (owned) */
  char                *name;  /* (owned) */
} RenameData;

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODEL,
  N_PROPS
};

enum
{
  EVALUATE_REQUESTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PrlModelDetailsPage, prl_model_details_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
rename_data_free (RenameData *rd)
{
  g_clear_object (&rd->self);
  g_clear_object (&rd->model);
  g_clear_pointer (&rd->name, g_free);
  g_free (rd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenameData, rename_data_free)

/* "Today at 14:05", "Yesterday at 09:30" or "3 March 2026 at 17:45", in
 * local time.
 */
static char *
format_modified (GDateTime *modified)
{
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = NULL;
  GDate then_day;
  GDate today;
  int   days;

  if (modified == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (modified);
  now = g_date_time_new_now_local ();

  g_date_clear (&then_day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&then_day, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  days = g_date_days_between (&then_day, &today);

  if (days == 0)
    /* Translators: a g_date_time_format() format for a time earlier today */
    return g_date_time_format (local, _ ("Today at %H:%M"));
  else if (days == 1)
    /* Translators: a g_date_time_format() format for a time yesterday */
    return g_date_time_format (local, _ ("Yesterday at %H:%M"));
  else
    /* Translators: a g_date_time_format() format for a full date and time */
    return g_date_time_format (local, _ ("%-d %B %Y at %H:%M"));
}

static gboolean
modified_to_label (GBinding     *binding,
                   const GValue *from_value,
                   GValue       *to_value,
                   gpointer      user_data)
{
  g_value_take_string (to_value, format_modified (g_value_get_boxed (from_value)));
  return TRUE;
}

static gboolean
modified_to_tooltip (GBinding     *binding,
                     const GValue *from_value,
                     GValue       *to_value,
                     gpointer      user_data)
{
  GDateTime *modified = g_value_get_boxed (from_value);
  g_autoptr (GDateTime) local = NULL;

  if (modified == NULL)
    return FALSE;

  local = g_date_time_to_local (modified);
  g_value_take_string (to_value, g_date_time_format (local, "%c"));
  return TRUE;
}

static gboolean
base_model_to_label (GBinding     *binding,
                     const GValue *from_value,
                     GValue       *to_value,
                     gpointer      user_data)
{
  g_value_set_string (to_value, prl_base_model_to_string (g_value_get_enum (from_value)));
  return TRUE;
}

static gboolean
base_model_to_description (GBinding     *binding,
                           const GValue *from_value,
                           GValue       *to_value,
                           gpointer      user_data)
{
  g_value_set_string (to_value,
                      prl_base_model_get_description (g_value_get_enum (from_value)));
  return TRUE;
}

static void follow_job (PrlModelDetailsPage *self, PrlJob *job);

/* Whether @job trains @model: a local training, or a training on the
 * provider's side (a remote job of the kind its provider's trainer runs). */
static gboolean
job_trains (PrlJob *job, PrlModel *model)
{
  const char *kind = NULL;

  if (model == NULL)
    return FALSE;
  if (PRL_IS_TRAIN_JOB (job))
    return prl_train_job_get_model (PRL_TRAIN_JOB (job)) == model;
  return PRL_IS_REMOTE_JOB (job)
         && prl_remote_job_get_model_id (PRL_REMOTE_JOB (job)) == prl_model_get_id (model)
         && prl_remote_job_lookup_trainer (prl_model_get_provider (model), &kind)
         && g_strcmp0 (prl_remote_job_get_kind (PRL_REMOTE_JOB (job)), kind) == 0;
}

/* The training of the model shown, started here or anywhere else. */
static PrlJob *
find_train_job (PrlModelDetailsPage *self)
{
  GListModel *jobs;

  if (self->workspace == NULL || self->model == NULL)
    return NULL;

  jobs = G_LIST_MODEL (prl_workspace_get_job_manager (self->workspace));
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, i);

      if (prl_job_is_active (job) && job_trains (job, self->model))
        return job;
    }

  return NULL;
}

static void
update_train (PrlModelDetailsPage *self)
{
  PrlTrainingStatus status;
  gboolean          can_train;

  if (self->train_job == NULL || !prl_job_is_active (self->train_job)
      || !job_trains (self->train_job, self->model))
    {
      PrlJob *job = find_train_job (self);

      if (job != self->train_job)
        follow_job (self, job);
    }

  status = self->model ? prl_model_get_status (self->model)
                       : PRL_TRAINING_STATUS_NOT_RUNNING;
  can_train = self->workspace != NULL && self->model != NULL && self->train_job == NULL
              && (status == PRL_TRAINING_STATUS_READY_TO_RUN
                  || status == PRL_TRAINING_STATUS_SUCCESS
                  || status == PRL_TRAINING_STATUS_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.train", can_train);
  gtk_widget_set_visible (self->train_progress_box, self->train_job != NULL);
}

static void
job_active_changed_cb (PrlModelDetailsPage *self)
{
  if (self->train_job != NULL && !prl_job_is_active (self->train_job))
    follow_job (self, NULL);
  update_train (self);
}

static void
follow_job (PrlModelDetailsPage *self, PrlJob *job)
{
  if (!g_set_object (&self->train_job, job))
    return;

  g_binding_group_set_source (self->job_bindings, job);
  g_signal_group_set_target (self->job_signals, job);
}

static void
train_started_cb (PrlModelDetailsPage *self, PrlJob *job)
{
  if (job_trains (job, self->model))
    follow_job (self, job);
  update_train (self);
}

/**
 * prl_model_details_page_train:
 *
 * Opens the Train the Language confirmation for the model shown.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL without a
 *   model or a workspace
 */
GtkWidget *
prl_model_details_page_train (PrlModelDetailsPage *self)
{
  GtkRoot   *root;
  GtkWidget *dialog;

  g_return_val_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self), NULL);

  if (self->model == NULL || self->workspace == NULL)
    return NULL;

  dialog = prl_train_dialog_new (self->workspace, self->model);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "train-started", G_CALLBACK (train_started_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
train_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_model_details_page_train (PRL_MODEL_DETAILS_PAGE (widget));
}

/* The window owns the Evaluation page; the details page only asks. */
static void
evaluate_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (widget);

  if (self->model != NULL && self->workspace != NULL)
    g_signal_emit (self, signals[EVALUATE_REQUESTED], 0, self->model);
}

static void
update_status (PrlModelDetailsPage *self)
{
  PrlTrainingStatus status;
  g_autofree char  *title = NULL;

  status = self->model ? prl_model_get_status (self->model)
                       : PRL_TRAINING_STATUS_NOT_RUNNING;

  /* Translators: %s is a training status such as “Success” */
  title = g_strdup_printf (_ ("What “%s” means"), prl_training_status_get_label (status));
  gtk_expander_set_label (self->status_expander, title);
  gtk_label_set_label (self->status_help_label, prl_training_status_get_help (status));

  /* Collapsed unless there is good news to act on. */
  gtk_expander_set_expanded (self->status_expander,
                             status == PRL_TRAINING_STATUS_SUCCESS);

  update_train (self);
}

static void
update_state (PrlModelDetailsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *message = NULL;
  gboolean    differs;
  gboolean    name_ok = FALSE;
  g_autoptr (GError) error = NULL;

  differs
      = self->model != NULL && g_strcmp0 (text, prl_model_get_name (self->model)) != 0;

  /* Without a workspace there is nothing to check against or save to. */
  if (differs && self->workspace != NULL)
    {
      name_ok = prl_workspace_check_name (self->workspace,
                                          prl_model_get_provider (self->model), text,
                                          self->model, &error);
      if (!name_ok)
        message = error->message;
      else if (self->rejected_name != NULL && g_strcmp0 (text, self->rejected_name) == 0)
        {
          name_ok = FALSE;
          message = self->rejected_message;
        }
    }

  if (message != NULL)
    gtk_label_set_label (self->name_error_label, message);
  gtk_revealer_set_reveal_child (self->name_error_revealer, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_accessible_update_state (
      GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_STATE_INVALID,
      message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);

  self->can_update = differs && name_ok && !self->busy && self->workspace != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.rename", self->can_update);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.add-dataset",
                                 self->model != NULL && self->workspace != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.evaluate",
                                 self->model != NULL && self->workspace != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row),
                            self->model != NULL && !self->busy);
  update_train (self);
}

static void
set_entry_text (PrlModelDetailsPage *self, const char *name)
{
  g_free (self->synced_name);
  self->synced_name = g_strdup (name);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

static void
model_name_changed_cb (PrlModelDetailsPage *self)
{
  const char *name = prl_model_get_name (self->model);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  /* Renamed elsewhere: follow, unless the user is typing a new name. */
  if (g_strcmp0 (text, self->synced_name) == 0)
    set_entry_text (self, name);
  else
    {
      g_free (self->synced_name);
      self->synced_name = g_strdup (name);
    }

  update_state (self);
}

static void
on_name_changed_cb (PrlModelDetailsPage *self)
{
  update_state (self);
}

static void
on_name_activated_cb (PrlModelDetailsPage *self)
{
  update_state (self);

  if (self->can_update)
    gtk_widget_activate_action (GTK_WIDGET (self), "details.rename", NULL);
}

static void
rename_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RenameData) rd = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char     *title = NULL;
  PrlModelDetailsPage *self = rd->self;

  self->busy = FALSE;

  /* Disposed meanwhile: nothing left to show the outcome in. */
  if (self->name_row == NULL)
    return;

  if (!prl_workspace_rename_model_finish (PRL_WORKSPACE (object), result, &error))
    {
      g_debug ("Renaming to “%s” failed: %s", rd->name, error->message);

      if (rd->model == self->model)
        {
          g_free (self->rejected_name);
          self->rejected_name = g_strdup (rd->name);
          g_free (self->rejected_message);
          self->rejected_message = g_strdup (error->message);
        }

      update_state (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  update_state (self);
  title = g_strdup_printf (_ ("Renamed to “%s”"), rd->name);
  prl_gui_add_toast (GTK_WIDGET (self), title);
}

static void
rename_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (widget);
  RenameData          *rd;

  update_state (self);
  if (!self->can_update)
    return;

  rd = g_new0 (RenameData, 1);
  rd->self = g_object_ref (self);
  rd->model = g_object_ref (self->model);
  rd->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  self->busy = TRUE;
  update_state (self);

  prl_workspace_rename_model_async (self->workspace, rd->model, rd->name, NULL, rename_cb,
                                    rd);
}

static void
datasets_added_cb (PrlModelDetailsPage *self, guint n_datasets, guint n_files)
{
  g_autofree char *title = NULL;

  if (n_files == n_datasets)
    title = g_strdup_printf (
        ngettext ("Added %u dataset", "Added %u datasets", n_datasets), n_datasets);
  else
    {
      /* Translators: how many files, in “Added 2 datasets (9 files)” */
      g_autofree char *files
          = g_strdup_printf (ngettext ("%u file", "%u files", n_files), n_files);

      /* Translators: %u counts the datasets, %s is “9 files” */
      title = g_strdup_printf (
          ngettext ("Added %u dataset (%s)", "Added %u datasets (%s)", n_datasets),
          n_datasets, files);
    }

  prl_gui_add_toast (GTK_WIDGET (self), title);
}

/**
 * prl_model_details_page_add_dataset:
 * @files: (array length=n_files) (nullable): files to start with
 *
 * Opens the New Dataset dialog for the model shown, with @files already
 * listed.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL without a
 *   model or a workspace
 */
GtkWidget *
prl_model_details_page_add_dataset (PrlModelDetailsPage *self,
                                    GFile              **files,
                                    guint                n_files)
{
  GtkRoot   *root;
  GtkWidget *dialog;

  g_return_val_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self), NULL);

  if (self->model == NULL || self->workspace == NULL)
    return NULL;

  dialog = prl_new_dataset_dialog_new (self->workspace, self->model);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "datasets-added", G_CALLBACK (datasets_added_cb), self,
                           G_CONNECT_SWAPPED);
  if (n_files > 0)
    prl_new_dataset_dialog_add_files (PRL_NEW_DATASET_DIALOG (dialog), files, n_files);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
add_dataset_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_model_details_page_add_dataset (PRL_MODEL_DETAILS_PAGE (widget), NULL, 0);
}

/* Add Text from Wikipedia: the dialog adds a dataset itself; the
 * datasets view shows it when the workspace reports it. */
static void
add_wiki_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (widget);
  GtkRoot             *root = gtk_widget_get_root (widget);
  GtkWidget           *dialog;

  if (self->model == NULL || self->workspace == NULL)
    return;
  dialog = prl_wiki_dialog_new (self->workspace, self->model);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Files dropped anywhere on the page open the New Dataset dialog. */
static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         PrlModelDetailsPage *self)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->model == NULL
      || self->workspace == NULL)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  if (files->len == 0)
    return FALSE;

  return prl_model_details_page_add_dataset (self, (GFile **)files->pdata, files->len)
         != NULL;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target, double x, double y, PrlModelDetailsPage *self)
{
  return self->model != NULL && self->workspace != NULL ? GDK_ACTION_COPY : 0;
}

static void
clear_fields (PrlModelDetailsPage *self)
{
  adw_window_title_set_title (self->window_title, "");
  prl_status_badge_set_status (self->status_badge, PRL_TRAINING_STATUS_NOT_RUNNING);
  gtk_label_set_label (self->language_label, "");
  adw_action_row_set_subtitle (self->language_row, "");
  gtk_label_set_label (self->base_model_label, "");
  adw_action_row_set_subtitle (self->base_model_row, "");
  gtk_label_set_label (self->modified_label, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->modified_label), NULL);
}

static void
prl_model_details_page_dispose (GObject *object)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  if (self->job_bindings != NULL)
    g_binding_group_set_source (self->job_bindings, NULL);
  if (self->job_signals != NULL)
    g_signal_group_set_target (self->job_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_MODEL_DETAILS_PAGE);

  g_clear_object (&self->bindings);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (prl_model_details_page_parent_class)->dispose (object);
}

static void
prl_model_details_page_finalize (GObject *object)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->train_job);
  g_clear_object (&self->job_bindings);
  g_clear_object (&self->job_signals);
  g_clear_pointer (&self->synced_name, g_free);
  g_clear_pointer (&self->rejected_name, g_free);
  g_clear_pointer (&self->rejected_message, g_free);

  G_OBJECT_CLASS (prl_model_details_page_parent_class)->finalize (object);
}

static void
prl_model_details_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, self->model))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_model_details_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PrlModelDetailsPage *self = PRL_MODEL_DETAILS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      prl_model_details_page_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      prl_model_details_page_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_model_details_page_class_init (PrlModelDetailsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_model_details_page_dispose;
  object_class->finalize = prl_model_details_page_finalize;
  object_class->get_property = prl_model_details_page_get_property;
  object_class->set_property = prl_model_details_page_set_property;

  properties[PROP_WORKSPACE] = prl_gui_param_spec_workspace (G_PARAM_READWRITE);
  /**
   * PrlModelDetailsPage:model: (nullable)
   *
   * The model shown; one of the workspace's live models.
   */
  properties[PROP_MODEL] = prl_gui_param_spec_model (G_PARAM_READWRITE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrlModelDetailsPage::evaluate-requested:
   * @model: the model shown
   *
   * Emitted by the Evaluation button.
   */
  signals[EVALUATE_REQUESTED]
      = g_signal_new ("evaluate-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, PRL_TYPE_MODEL);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-model-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        base_model_label);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        base_model_row);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, content);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, datasets_view);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        evaluation_button);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        language_label);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        modified_label);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        name_error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        name_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, status_banner);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        status_expander);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        status_help_label);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, update_button);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, train_button);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage, versions_view);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        upgrade_banner);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        pronunciations_view);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        train_progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        train_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlModelDetailsPage,
                                        train_status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "details.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "details.add-dataset", NULL,
                                   add_dataset_action);
  gtk_widget_class_install_action (widget_class, "details.add-wiki", NULL,
                                   add_wiki_action);
  gtk_widget_class_install_action (widget_class, "details.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "details.evaluate", NULL,
                                   evaluate_action);

  g_type_ensure (PRL_TYPE_DATASETS_VIEW);
  g_type_ensure (PRL_TYPE_STATUS_BADGE);
  g_type_ensure (PRL_TYPE_VERSIONS_VIEW);
  g_type_ensure (PRL_TYPE_UPGRADE_BANNER);
  g_type_ensure (PRL_TYPE_PRONUNCIATIONS_VIEW);
}

static void
prl_model_details_page_init (PrlModelDetailsPage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  self->synced_name = g_strdup ("");

  self->job_bindings = g_binding_group_new ();
  g_binding_group_bind (self->job_bindings, "status", self->train_status_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->job_bindings, "progress", self->train_progress_bar,
                             "fraction", G_BINDING_SYNC_CREATE,
                             prl_gui_progress_to_fraction, NULL, NULL, NULL);
  self->job_signals = g_signal_group_new (PRL_TYPE_JOB);
  g_signal_group_connect_swapped (self->job_signals, "notify::active",
                                  G_CALLBACK (job_active_changed_cb), self);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "name", self->window_title, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "status", self->status_badge, "status",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "upgrading", self->status_badge, "upgrading",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "language-name", self->language_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "language", self->language_row, "subtitle",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "base-model", self->base_model_label,
                             "label", G_BINDING_SYNC_CREATE, base_model_to_label, NULL,
                             NULL, NULL);
  g_binding_group_bind_full (self->bindings, "base-model", self->base_model_row,
                             "subtitle", G_BINDING_SYNC_CREATE, base_model_to_description,
                             NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "modified", self->modified_label, "label",
                             G_BINDING_SYNC_CREATE, modified_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "modified", self->modified_label,
                             "tooltip-text", G_BINDING_SYNC_CREATE, modified_to_tooltip,
                             NULL, NULL, NULL);

  self->model_signals = g_signal_group_new (PRL_TYPE_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "notify::status",
                                  G_CALLBACK (update_status), self);
  g_signal_group_connect_swapped (self->model_signals, "notify::name",
                                  G_CALLBACK (model_name_changed_cb), self);

  clear_fields (self);
  gtk_widget_set_sensitive (self->content, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->datasets_view), FALSE);
  update_status (self);
  update_state (self);
}

/**
 * prl_model_details_page_new:
 * @workspace: (nullable): the workspace renames are saved through
 *
 * Returns: (transfer floating): a new page showing no model
 */
GtkWidget *
prl_model_details_page_new (PrlWorkspace *workspace)
{
  g_return_val_if_fail (workspace == NULL || PRL_IS_WORKSPACE (workspace), NULL);

  return g_object_new (PRL_TYPE_MODEL_DETAILS_PAGE, "workspace", workspace, NULL);
}

/**
 * prl_model_details_page_get_workspace:
 *
 * Returns: (transfer none): the workspace
 */
PrlWorkspace *
prl_model_details_page_get_workspace (PrlModelDetailsPage *self)
{
  g_return_val_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self), NULL);
  return self->workspace;
}

/**
 * prl_model_details_page_set_workspace:
 * @workspace: (nullable): the workspace renames are saved through
 */
void
prl_model_details_page_set_workspace (PrlModelDetailsPage *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self));
  g_return_if_fail (workspace == NULL || PRL_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  prl_datasets_view_set_workspace (self->datasets_view, workspace);
  prl_versions_view_set_workspace (self->versions_view, workspace);
  prl_upgrade_banner_set_workspace (PRL_UPGRADE_BANNER (self->upgrade_banner), workspace);
  prl_pronunciations_view_set_workspace (
      PRL_PRONUNCIATIONS_VIEW (self->pronunciations_view), workspace);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * prl_model_details_page_get_model:
 *
 * Returns: (transfer none) (nullable): the model shown
 */
PrlModel *
prl_model_details_page_get_model (PrlModelDetailsPage *self)
{
  g_return_val_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self), NULL);
  return self->model;
}

/**
 * prl_model_details_page_refresh:
 *
 * Asks again about the shown model's versions, as opening it does: the
 * service may have trained, upgraded or released a new base meanwhile.
 */
void
prl_model_details_page_refresh (PrlModelDetailsPage *self)
{
  g_return_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self));

  if (self->model != NULL)
    prl_versions_view_refresh (self->versions_view);
}

/**
 * prl_model_details_page_set_model:
 * @model: (nullable): the model to show
 *
 * Shows @model, dropping any pending edit of the previous model's name.
 */
void
prl_model_details_page_set_model (PrlModelDetailsPage *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_MODEL_DETAILS_PAGE (self));
  g_return_if_fail (model == NULL || PRL_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  g_clear_pointer (&self->rejected_name, g_free);
  g_clear_pointer (&self->rejected_message, g_free);

  g_binding_group_set_source (self->bindings, model);
  g_signal_group_set_target (self->model_signals, model);
  prl_datasets_view_set_model (self->datasets_view, model);
  prl_versions_view_set_model (self->versions_view, model);
  prl_upgrade_banner_set_model (PRL_UPGRADE_BANNER (self->upgrade_banner), model);
  prl_pronunciations_view_set_model (PRL_PRONUNCIATIONS_VIEW (self->pronunciations_view),
                                     model);
  gtk_widget_set_sensitive (GTK_WIDGET (self->datasets_view), model != NULL);

  if (model == NULL)
    clear_fields (self);

  set_entry_text (self, model ? prl_model_get_name (model) : "");
  gtk_widget_set_sensitive (self->content, model != NULL);

  update_status (self);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
