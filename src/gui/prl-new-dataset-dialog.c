/* prl-new-dataset-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-new-dataset-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"

#include "prl-new-dataset-dialog-private.h"

/* The New Dataset dialog. Files come from a drop or the file chooser;
 * every change of the files or of the type runs the workspace's checks
 * again in the background (the previous run is cancelled), and each file
 * shows its detected type, a summary and what its checks found, issue by
 * issue with line and column. Create stays disabled until every file
 * passes. Create starts a PrlImportJob and shows its progress; a failed or
 * cancelled import returns to the list of files, which is kept as it was,
 * because the job stores nothing until every file is in.
 *
 * The upload becomes one dataset per kind of file, each with a name row
 * (prl-new-dataset-dialog-names.c); Create also needs valid names. The
 * file rows are built in prl-new-dataset-dialog-rows.c and the report
 * window in prl-new-dataset-dialog-report.c.
 */

typedef struct
{
  PrlNewDatasetDialog *self; /* (owned) */
  guint                generation;
} CheckData;

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODEL,
};

enum
{
  DATASETS_ADDED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PrlNewDatasetDialog, prl_new_dataset_dialog, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

static void run_check (PrlNewDatasetDialog *self);

static gboolean
any_errors (GPtrArray *checks)
{
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    if (prl_file_check_has_errors (g_ptr_array_index (checks, i)))
      return TRUE;

  return FALSE;
}

static void
update_state (PrlNewDatasetDialog *self)
{
  g_autoptr (GString) message = g_string_new (NULL);
  gboolean too_many = self->files->len > PRL_MAX_FILES;
  gboolean can_create;

  g_autofree char *name_error = NULL;

  if (too_many)
    g_string_append_printf (
        message,
        ngettext ("%u file was chosen, but a dataset holds at most %u. "
                  "Remove some files, then add the rest as another "
                  "dataset.",
                  "%u files were chosen, but a dataset holds at most %u. "
                  "Remove some files, then add the rest as another "
                  "dataset.",
                  self->files->len),
        self->files->len, PRL_MAX_FILES);
  else if (self->batch_error != NULL)
    g_string_append (message, self->batch_error);
  else if ((name_error = _prl_new_dataset_dialog_check_names (self)) != NULL)
    g_string_append (message, name_error);

  if (self->import_error != NULL)
    {
      if (message->len > 0)
        g_string_append (message, "\n");
      g_string_append (message, self->import_error);
    }

  if (message->len > 0)
    gtk_label_set_label (self->error_label, message->str);
  gtk_revealer_set_reveal_child (self->error_revealer, message->len > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->checking_spinner), self->checking);
  gtk_spinner_set_spinning (self->checking_spinner, self->checking);
  gtk_widget_set_visible (GTK_WIDGET (self->checking_label), self->checking);

  can_create = !self->checking && !self->importing && self->files->len > 0 && !too_many
               && self->batch_error == NULL && name_error == NULL && self->checks != NULL
               && !any_errors (self->checks);

  self->can_create = can_create;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", can_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.view-report",
                                 !self->checking && self->checks != NULL
                                     && self->checks->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.cancel-import",
                                 self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.choose-files",
                                 !self->importing);
}

void
_prl_new_dataset_dialog_update_state (PrlNewDatasetDialog *self)
{
  update_state (self);
}

static void
set_checks (PrlNewDatasetDialog *self, GPtrArray *checks)
{
  if (checks != NULL)
    g_ptr_array_ref (checks);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = checks;
}

static void
check_data_free (CheckData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckData, check_data_free)

static void
check_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CheckData) data = user_data;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (GError) error = NULL;
  PrlNewDatasetDialog *self = data->self;

  checks = prl_workspace_check_files_finish (PRL_WORKSPACE (object), result, &error);

  /* A newer check replaced this one, or the dialog went away. */
  if (data->generation != self->check_generation || self->files_list == NULL)
    return;

  self->checking = FALSE;
  g_clear_object (&self->check_cancellable);

  if (checks == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Checking refused the batch: %s", error->message);
      self->batch_error = g_strdup (error->message);
    }

  set_checks (self, checks);
  _prl_new_dataset_dialog_rebuild_rows (self);
  _prl_new_dataset_dialog_rebuild_names (self);
  update_state (self);
}

static void
run_check (PrlNewDatasetDialog *self)
{
  CheckData *data;

  if (self->workspace == NULL || self->model == NULL)
    return;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->batch_error, g_free);
  set_checks (self, NULL);
  self->check_generation++;
  self->checking = FALSE;

  /* Nothing to check, or a batch the workspace would refuse anyway. */
  if (self->files->len > 0 && self->files->len <= PRL_MAX_FILES)
    {
      self->checking = TRUE;
      self->check_cancellable = g_cancellable_new ();

      data = g_new0 (CheckData, 1);
      data->self = g_object_ref (self);
      data->generation = self->check_generation;

      prl_workspace_check_typed_files_async (
          self->workspace, self->model, (GFile **)self->files->pdata,
          (const PrlDatasetType *)(gpointer)self->file_types->data, self->files->len,
          prl_new_dataset_dialog_get_dataset_type (self), self->check_cancellable,
          check_cb, data);
    }

  _prl_new_dataset_dialog_rebuild_rows (self);
  _prl_new_dataset_dialog_rebuild_names (self);
  update_state (self);
}

static void
on_type_selected_cb (PrlNewDatasetDialog *self)
{
  /* A type for all files replaces the types chosen file by file. */
  for (guint i = 0; i < self->file_types->len; i++)
    g_array_index (self->file_types, PrlDatasetType, i) = PRL_DATASET_TYPE_AUTO;

  g_clear_pointer (&self->import_error, g_free);
  run_check (self);
}

/* Import */
static void
stop_watching_job (PrlNewDatasetDialog *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  self->importing = FALSE;
}

static void
job_progress_cb (PrlNewDatasetDialog *self)
{
  g_autofree char *text = NULL;

  if (!prl_gui_show_job_progress (self->progress_bar, PRL_JOB (self->job)))
    {
      gtk_progress_bar_set_text (self->progress_bar, NULL);
      return;
    }

  /* Translators: import progress, e.g. “42 %” */
  text = g_strdup_printf (
      _ ("%d %%"), (int)(gtk_progress_bar_get_fraction (self->progress_bar) * 100));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
job_status_cb (PrlNewDatasetDialog *self)
{
  const char *status = prl_job_get_status (PRL_JOB (self->job));

  gtk_label_set_label (self->status_label, status ? status : "");
}

/* Base model from the audio. The dialog is gone by the time the model is
 * saved, so the toast goes to the window it belonged to. */
typedef struct
{
  PrlWorkspace *workspace; /* (owned) */
  PrlModel     *model;     /* (owned) */
  GtkWidget    *parent;    /* (nullable): weak */
  PrlBaseModel  previous;
} BaseModelSwitch;

static void
base_model_switch_free (gpointer user_data)
{
  BaseModelSwitch *data = user_data;

  if (data->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (data->parent), (gpointer *)&data->parent);
  g_object_unref (data->workspace);
  g_object_unref (data->model);
  g_free (data);
}

static GtkWidget *
find_toast_overlay (GtkWidget *root)
{
  if (ADW_IS_TOAST_OVERLAY (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
undo_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!prl_workspace_set_base_model_finish (PRL_WORKSPACE (object), result, &error)
      && error != NULL)
    g_warning ("Could not restore the base model: %s", error->message);
}

static void
undo_clicked_cb (AdwToast *toast, BaseModelSwitch *data)
{
  prl_workspace_set_base_model_async (data->workspace, data->model, data->previous, NULL,
                                      undo_done_cb, NULL);
}

static void
base_model_matched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  BaseModelSwitch *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget       *overlay;
  AdwToast        *toast;

  message = prl_workspace_match_base_model_finish (PRL_WORKSPACE (object), result,
                                                   &data->previous, &error);
  if (message == NULL || data->parent == NULL
      || (overlay = find_toast_overlay (data->parent)) == NULL)
    {
      if (error != NULL)
        g_warning ("Could not change the base model: %s", error->message);
      base_model_switch_free (data);
      return;
    }

  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), data,
                         (GClosureNotify)(void (*) (void))base_model_switch_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
match_base_model (PrlNewDatasetDialog *self, GPtrArray *datasets)
{
  BaseModelSwitch *data = g_new0 (BaseModelSwitch, 1);

  data->workspace = g_object_ref (self->workspace);
  data->model = g_object_ref (self->model);
  data->parent = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self)));
  if (data->parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (data->parent), (gpointer *)&data->parent);

  prl_workspace_match_base_model_async (self->workspace, self->model, datasets, NULL,
                                        base_model_matched_cb, data);
}

/* How many datasets the saved files make. */
static guint
count_datasets (GPtrArray *files)
{
  g_autoptr (GHashTable) ids
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      gint64 id = prl_dataset_get_group_id (g_ptr_array_index (files, i));

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  return files != NULL ? g_hash_table_size (ids) : 1;
}

static void
job_state_cb (PrlNewDatasetDialog *self)
{
  PrlJob    *job = PRL_JOB (self->job);
  GPtrArray *datasets;
  GPtrArray *checks;
  guint      n_added, n_files;

  switch (prl_job_get_state (job))
    {
    case PRL_JOB_STATE_QUEUED:
    case PRL_JOB_STATE_RUNNING:
      return;

    case PRL_JOB_STATE_SUCCEEDED:
      datasets = prl_import_job_get_datasets (self->job);
      n_files = datasets != NULL ? datasets->len : self->files->len;
      n_added = count_datasets (datasets);
      if (datasets != NULL)
        match_base_model (self, datasets);
      stop_watching_job (self);
      g_signal_emit (self, signals[DATASETS_ADDED], 0, n_added, n_files);
      gtk_window_destroy (GTK_WINDOW (self));
      return;

    case PRL_JOB_STATE_FAILED:
      checks = prl_import_job_get_checks (self->job);
      if (checks != NULL)
        {
          set_checks (self, checks);
          _prl_new_dataset_dialog_rebuild_names (self);
        }
      g_free (self->import_error);
      /* Translators: %s says why */
      self->import_error
          = g_strdup_printf (_ ("Nothing was imported: %s"),
                             prl_job_get_error (job) ? prl_job_get_error (job)->message
                                                     : _ ("unknown error"));
      break;

    case PRL_JOB_STATE_CANCELLED:
      g_free (self->import_error);
      self->import_error
          = g_strdup (_ ("The import was cancelled. Nothing was stored; your files are "
                         "still listed here."));
      break;

    default:
      g_assert_not_reached ();
    }

  stop_watching_job (self);
  gtk_stack_set_visible_child_name (self->stack, "files");
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_row), TRUE);
  _prl_new_dataset_dialog_rebuild_rows (self);
  update_state (self);
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (widget);
  g_autofree char     *title = NULL;
  g_autofree char    **names = NULL;

  update_state (self);
  if (!self->can_create)
    return;

  g_clear_pointer (&self->import_error, g_free);
  self->importing = TRUE;

  title = g_strdup_printf (ngettext ("Importing %u file into “%s”",
                                     "Importing %u files into “%s”", self->files->len),
                           self->files->len, prl_model_get_name (self->model));
  gtk_label_set_label (self->progress_title, title);
  gtk_label_set_label (self->status_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_row), FALSE);
  update_state (self);

  names = _prl_new_dataset_dialog_dup_names (self);
  self->job = prl_workspace_import_datasets (
      self->workspace, self->model, (GFile **)self->files->pdata,
      (const PrlDatasetType *)(gpointer)self->file_types->data,
      (const char *const *)names, self->files->len,
      prl_new_dataset_dialog_get_dataset_type (self));
  g_signal_connect_swapped (self->job, "notify::progress", G_CALLBACK (job_progress_cb),
                            self);
  g_signal_connect_swapped (self->job, "notify::status", G_CALLBACK (job_status_cb),
                            self);
  g_signal_connect_swapped (self->job, "notify::state", G_CALLBACK (job_state_cb), self);
  for (guint i = 0; names != NULL && i < self->files->len; i++)
    g_free (names[i]);
  job_progress_cb (self);
  job_status_cb (self);
  job_state_cb (self);
}

static void
cancel_import_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (widget);

  if (self->job != NULL)
    {
      gtk_label_set_label (self->status_label, _ ("Cancelling…"));
      prl_job_cancel (PRL_JOB (self->job));
    }
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (widget);

  /* While importing, Cancel stops the import and keeps the dialog. */
  if (self->importing)
    cancel_import_action (widget, action_name, param);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
prl_new_dataset_dialog_close_request (GtkWindow *window)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (window);

  /* Closing abandons the import; the job stores nothing once cancelled. */
  if (self->job != NULL)
    {
      prl_job_cancel (PRL_JOB (self->job));
      stop_watching_job (self);
    }

  return GTK_WINDOW_CLASS (prl_new_dataset_dialog_parent_class)->close_request (window);
}

/* Choosing files */
static void
add_file_list (PrlNewDatasetDialog *self, GListModel *list)
{
  guint n = g_list_model_get_n_items (list);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (list, i));

  prl_new_dataset_dialog_add_files (self, (GFile **)files->pdata, files->len);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, PrlNewDatasetDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files
          = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_file_list (self, files);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
choose_files_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (widget);
  static const char   *all[] = { "txt",  "srt", "vtt", "jsonl", "json", "wav",
                                 "flac", "mp3", "ogg", "opus",  "m4a",  NULL };
  static const char   *text[] = { "txt", "srt", "vtt", NULL };
  static const char   *manifests[] = { "jsonl", "json", NULL };
  static const char   *audio[] = { "wav", "flac", "mp3", "ogg", "opus", "m4a", NULL };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (
      _ ("Choose Dataset Files"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
      _ ("_Add"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->chooser), _ ("All Supported Files"),
                           all, "audio/*");
  prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->chooser), _ ("Text and Subtitles"),
                           text, NULL);
  prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->chooser), _ ("Manifests"), manifests,
                           NULL);
  prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->chooser), _ ("Audio"), audio,
                           "audio/*");
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         PrlNewDatasetDialog *self)
{
  GSList *list;
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->importing)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  prl_new_dataset_dialog_add_files (self, (GFile **)files->pdata, files->len);
  return files->len > 0;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target, double x, double y, PrlNewDatasetDialog *self)
{
  gtk_label_set_label (self->drop_label, _ ("Release to add the files"));
  gtk_widget_add_css_class (GTK_WIDGET (self->drop_label), "accent");
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target, PrlNewDatasetDialog *self)
{
  gtk_label_set_label (self->drop_label, _ ("Drop files here"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_label), "accent");
}

static void
view_report_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_new_dataset_dialog_show_report (PRL_NEW_DATASET_DIALOG (widget));
}

static void
prl_new_dataset_dialog_constructed (GObject *object)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (object);

  G_OBJECT_CLASS (prl_new_dataset_dialog_parent_class)->constructed (object);

  g_assert (PRL_IS_WORKSPACE (self->workspace));
  g_assert (PRL_IS_MODEL (self->model));

  update_state (self);
}

static void
prl_new_dataset_dialog_dispose (GObject *object)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (object);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  stop_watching_job (self);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  if (self->report_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->report_window));

  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_NEW_DATASET_DIALOG);

  G_OBJECT_CLASS (prl_new_dataset_dialog_parent_class)->dispose (object);
}

static void
prl_new_dataset_dialog_finalize (GObject *object)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->file_types, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->batch_error, g_free);
  g_clear_pointer (&self->import_error, g_free);
  g_clear_pointer (&self->report_text, g_free);
  g_clear_pointer (&self->name_rows, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (prl_new_dataset_dialog_parent_class)->finalize (object);
}

static void
prl_new_dataset_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, self->model))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_new_dataset_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PrlNewDatasetDialog *self = PRL_NEW_DATASET_DIALOG (object);

  if (!prl_gui_init_workspace_property (pspec, value, &self->workspace, &self->model))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_new_dataset_dialog_class_init (PrlNewDatasetDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = prl_new_dataset_dialog_constructed;
  object_class->dispose = prl_new_dataset_dialog_dispose;
  object_class->finalize = prl_new_dataset_dialog_finalize;
  object_class->get_property = prl_new_dataset_dialog_get_property;
  object_class->set_property = prl_new_dataset_dialog_set_property;
  window_class->close_request = prl_new_dataset_dialog_close_request;

  /**
   * PrlNewDatasetDialog:model:
   *
   * The model the datasets are added to.
   */
  prl_gui_install_construct_workspace (object_class, PROP_WORKSPACE, PROP_MODEL);

  /**
   * PrlNewDatasetDialog::datasets-added:
   * @self: the dialog
   * @n_datasets: how many datasets were stored
   * @n_files: how many files they hold
   *
   * Emitted once the import has stored every file, just before the dialog
   * closes.
   */
  signals[DATASETS_ADDED]
      = g_signal_new ("datasets-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-new-dataset-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog,
                                        cancel_import_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog,
                                        checking_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog,
                                        checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, drop_area);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, drop_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog,
                                        error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, names_group);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, files_list);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, form);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog,
                                        progress_title);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, report_button);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, type_names);
  gtk_widget_class_bind_template_child (widget_class, PrlNewDatasetDialog, type_row);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-files", NULL,
                                   choose_files_action);
  gtk_widget_class_install_action (widget_class, "dialog.view-report", NULL,
                                   view_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "dialog.choose-files", NULL);
}

static void
prl_new_dataset_dialog_init (PrlNewDatasetDialog *self)
{
  GtkDropTarget *target;

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->file_types = g_array_new (FALSE, FALSE, sizeof (PrlDatasetType));
  self->name_rows = g_ptr_array_new ();
  self->names = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The type list follows PrlDatasetType, AUTO first. */
  for (PrlDatasetType type = PRL_DATASET_TYPE_AUTO; type <= PRL_DATASET_TYPE_MANIFEST;
       type++)
    gtk_string_list_append (self->type_names, prl_dataset_type_get_label (type));
  adw_combo_row_set_selected (self->type_row, 0);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (self->form, GTK_EVENT_CONTROLLER (target));
}

/**
 * prl_new_dataset_dialog_new:
 * @workspace: where the datasets are stored
 * @model: the model they belong to
 *
 * The caller sets #GtkWindow:transient-for and presents the dialog.
 *
 * Returns: (transfer none): a new modal dialog
 */
GtkWidget *
prl_new_dataset_dialog_new (PrlWorkspace *workspace, PrlModel *model)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  return g_object_new (PRL_TYPE_NEW_DATASET_DIALOG, "workspace", workspace, "model",
                       model, NULL);
}

PrlModel *
prl_new_dataset_dialog_get_model (PrlNewDatasetDialog *self)
{
  g_return_val_if_fail (PRL_IS_NEW_DATASET_DIALOG (self), NULL);
  return self->model;
}

/**
 * prl_new_dataset_dialog_add_files:
 * @files: (array length=n_files): files to add to the list
 *
 * Adds @files to the list (a file already listed is not added twice) and
 * checks the batch again. More than %PRL_MAX_FILES files stay listed, with
 * a message asking to remove some, and Create stays disabled.
 */
void
prl_new_dataset_dialog_add_files (PrlNewDatasetDialog *self, GFile **files, guint n_files)
{
  gboolean added = FALSE;

  g_return_if_fail (PRL_IS_NEW_DATASET_DIALOG (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (self->importing)
    return;

  for (guint i = 0; i < n_files; i++)
    {
      gboolean known = FALSE;

      g_return_if_fail (G_IS_FILE (files[i]));

      for (guint j = 0; j < self->files->len && !known; j++)
        known = g_file_equal (files[i], g_ptr_array_index (self->files, j));

      if (!known)
        {
          PrlDatasetType detect = PRL_DATASET_TYPE_AUTO;

          g_ptr_array_add (self->files, g_object_ref (files[i]));
          g_array_append_val (self->file_types, detect);
          added = TRUE;
        }
    }

  if (added)
    {
      g_clear_pointer (&self->import_error, g_free);
      run_check (self);
    }
}

/**
 * prl_new_dataset_dialog_remove_file:
 * @position: the file's position in the list
 *
 * Removes a file from the list and checks the rest again.
 */
void
prl_new_dataset_dialog_remove_file (PrlNewDatasetDialog *self, guint position)
{
  g_return_if_fail (PRL_IS_NEW_DATASET_DIALOG (self));
  g_return_if_fail (position < self->files->len);

  if (self->importing)
    return;

  g_ptr_array_remove_index (self->files, position);
  g_array_remove_index (self->file_types, position);
  g_clear_pointer (&self->import_error, g_free);
  run_check (self);
}

guint
prl_new_dataset_dialog_get_n_files (PrlNewDatasetDialog *self)
{
  g_return_val_if_fail (PRL_IS_NEW_DATASET_DIALOG (self), 0);
  return self->files->len;
}

PrlDatasetType
prl_new_dataset_dialog_get_dataset_type (PrlNewDatasetDialog *self)
{
  guint selected;

  g_return_val_if_fail (PRL_IS_NEW_DATASET_DIALOG (self), PRL_DATASET_TYPE_AUTO);

  selected = adw_combo_row_get_selected (self->type_row);
  if (selected > PRL_DATASET_TYPE_MANIFEST)
    return PRL_DATASET_TYPE_AUTO;

  return (PrlDatasetType)selected;
}

/**
 * prl_new_dataset_dialog_set_dataset_type:
 * @type: the type for every file, or %PRL_DATASET_TYPE_AUTO to detect it
 *
 * Same as choosing it in the Type row: the files are checked again.
 */
void
prl_new_dataset_dialog_set_dataset_type (PrlNewDatasetDialog *self, PrlDatasetType type)
{
  g_return_if_fail (PRL_IS_NEW_DATASET_DIALOG (self));
  g_return_if_fail (type <= PRL_DATASET_TYPE_MANIFEST);

  adw_combo_row_set_selected (self->type_row, type);
}

/**
 * prl_new_dataset_dialog_get_file_type:
 * @position: the file's position in the list
 *
 * Returns: the type last checked for the file (detected or chosen), or
 *   %PRL_DATASET_TYPE_AUTO while it is not known
 */
PrlDatasetType
prl_new_dataset_dialog_get_file_type (PrlNewDatasetDialog *self, guint position)
{
  GFile *file;

  g_return_val_if_fail (PRL_IS_NEW_DATASET_DIALOG (self), PRL_DATASET_TYPE_AUTO);
  g_return_val_if_fail (position < self->files->len, PRL_DATASET_TYPE_AUTO);

  file = g_ptr_array_index (self->files, position);
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      const PrlFileCheck *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (check->path, g_file_peek_path (file)) == 0)
        return check->type;
    }

  return g_array_index (self->file_types, PrlDatasetType, position);
}

/**
 * prl_new_dataset_dialog_set_file_type:
 * @position: the file's position in the list
 * @type: the file's type, or %PRL_DATASET_TYPE_AUTO to detect it again
 *
 * Same as choosing it in the file's row: the files are checked again.
 */
void
prl_new_dataset_dialog_set_file_type (PrlNewDatasetDialog *self,
                                      guint                position,
                                      PrlDatasetType       type)
{
  g_return_if_fail (PRL_IS_NEW_DATASET_DIALOG (self));
  g_return_if_fail (position < self->files->len);
  g_return_if_fail (type <= PRL_DATASET_TYPE_MANIFEST);

  if (self->importing)
    return;

  g_array_index (self->file_types, PrlDatasetType, position) = type;
  g_clear_pointer (&self->import_error, g_free);
  run_check (self);
}
