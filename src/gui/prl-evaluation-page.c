/* prl-evaluation-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-evaluation-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-evaluate-job.h"
#include "prl-gui-util.h"
#include "prl-leaderboard-view.h"
#include "prl-review-view.h"
#include "prl-words-view.h"

#include "prl-provider-info.h"
#include "prl-evaluation-page-private.h"

/* The Evaluation page of one custom model. Run Evaluation starts a
 * PrlEvaluateJob on the workspace's job manager (so it also shows, with
 * Cancel, in the jobs button) and follows its progress; the run it
 * leaves is shown three ways: the leaderboard, the review of single
 * utterances and the missed and fixed words. The Version drop-down picks
 * the system the review, the words and Export look at.
 */

G_DEFINE_FINAL_TYPE (PrlEvaluationPage, prl_evaluation_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODEL,
  PROP_RUN,
  PROP_BUSY,
  N_PROPS
};

enum
{
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

typedef struct
{
  PrlWerReportFormat format;
  const char        *extension;
  const char        *filter_name;
} ExportFormat;

static const ExportFormat export_formats[] = {
  { PRL_WER_REPORT_PRA, "pra", N_ ("sclite Alignments") },
  { PRL_WER_REPORT_SGML, "sgml", N_ ("sclite SGML") },
  { PRL_WER_REPORT_CSV, "csv", N_ ("CSV") },
  { PRL_WER_REPORT_JSON, "json", N_ ("JSON") },
};

static const ExportFormat *
find_export_format (PrlWerReportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (export_formats[i].format == format)
      return &export_formats[i];
  return NULL;
}

static void watch_datasets (PrlEvaluationPage *self);

/* The evaluation followed belongs to the model shown. */
static gboolean
is_busy (PrlEvaluationPage *self)
{
  return self->job != NULL && self->job_model != NULL && self->job_model == self->model;
}

static void
show_message (PrlEvaluationPage *self, const char *message, gboolean error)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (self->message_box, message != NULL);
  if (error)
    gtk_widget_add_css_class (self->message_box, "error");
  else
    gtk_widget_remove_css_class (self->message_box, "error");
}

/* Whether the model has something to evaluate on: test pairs, or a
 * manifest whose held-out part tests it when there is no TEST data. */
static gboolean
has_test_data (PrlEvaluationPage *self)
{
  g_autoptr (PrlTestPairs) pairs = NULL;
  GListModel *datasets;

  if (self->workspace == NULL || self->model == NULL)
    return FALSE;
  pairs = prl_workspace_get_test_pairs (self->workspace, self->model);
  if (pairs != NULL && pairs->n_pairs > 0)
    return TRUE;
  datasets = prl_workspace_get_datasets (self->workspace, self->model);
  for (guint i = 0; i < g_list_model_get_n_items (datasets); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (datasets, i);

      if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_MANIFEST)
        return TRUE;
    }
  return FALSE;
}

static void
update_state (PrlEvaluationPage *self)
{
  gboolean busy = is_busy (self);
  gboolean ready = self->workspace != NULL && self->model != NULL;
  gboolean has_data = ready && has_test_data (self);
  gboolean can_run = ready && !busy && has_data;

  /* Run is disabled, with the reason where the user looks, rather than
   * enabled to fail. */
  if (ready && !has_data)
    {
      g_autofree char *reason
          = g_strdup_printf (_ ("“%s” has no test pairs to evaluate on. Add audio files "
                                "and TEST transcripts "
                                "with the same names (note1.wav and note1.txt) in its "
                                "datasets, then run the "
                                "evaluation."),
                             prl_model_get_name (self->model));

      adw_status_page_set_description (self->empty_page, reason);
      gtk_widget_set_tooltip_text (self->run_button, reason);
    }
  else
    {
      adw_status_page_set_description (
          self->empty_page,
          _ ("Evaluation transcribes the model’s test pairs, audio with a reference "
             "transcript, with the stock model and with every version, then compares "
             "their word error rates. Results already computed are reused."));
      gtk_widget_set_tooltip_text (
          self->run_button, _ ("Transcribe the test pairs with the stock model and "
                               "every version, and compare"));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.run", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.export",
                                 self->run != NULL);
  gtk_widget_set_sensitive (self->export_button, self->run != NULL);
  gtk_widget_set_visible (self->version_box, self->run != NULL);
  gtk_widget_set_visible (self->progress_box, busy);
  _prl_evaluation_page_update_improve (self, busy);
  /* The switcher lives in the header when it fits, at the bottom when
   * not, and nowhere before there are results to switch between.
   */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     self->run != NULL);
  adw_view_switcher_bar_set_reveal (
      self->switcher_bar,
      self->run != NULL
          && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

/* A run that failed before leaving results gets the whole page; over
 * earlier results a line above them is enough.
 */
static void
show_failure (PrlEvaluationPage *self, const char *message)
{
  if (self->run == NULL)
    {
      show_message (self, NULL, FALSE);
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "error");
    }
  else
    show_message (self, message, TRUE);
}

/* Versions */

static void
version_selected_cb (PrlEvaluationPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->version_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION || self->run == NULL)
    return;

  self->system = selected;
  prl_review_view_set_system (self->review_view, selected);
  prl_words_view_set_system (self->words_view, selected);
}

static void
fill_versions (PrlEvaluationPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint    n = self->run ? prl_eval_run_get_n_systems (self->run) : 0;
  guint    n_own = 0;
  gboolean mixed = FALSE;

  /* The provider is named only when the systems have different ones. */
  for (guint s = 1; s < n; s++)
    mixed = mixed
            || g_strcmp0 (prl_eval_run_get_row (self->run, s)->provider,
                          prl_eval_run_get_row (self->run, 0)->provider)
                   != 0;

  /* Every system of the leaderboard, other models' on the same test set
   * included, named with its provider so that a Transcribe row and a
   * local one can be told apart in the review. */
  for (guint s = 0; s < n; s++)
    {
      const PrlEvalRow      *row = prl_eval_run_get_row (self->run, s);
      const PrlProviderInfo *info
          = row && row->provider ? prl_provider_info_lookup (row->provider) : NULL;
      g_autofree char *name = NULL;

      if (row == NULL || !row->foreign)
        n_own = s + 1;
      if (s == 0 || row == NULL)
        name = g_strdup (_ ("Stock model"));
      else if (row->version == NULL)
        /* Translators: the stock model of another model's provider */
        name = g_strdup_printf (_ ("Stock model (%s)"), row->model);
      else
        name = g_strdup (row->version);
      if (info != NULL && mixed)
        {
          /* Translators: a system of the review and its provider,
           * e.g. "clinic-2026… — Amazon Transcribe" */
          char *with = g_strdup_printf (_ ("%s — %s"), name,
                                        prl_provider_info_get_display_name (info));

          g_free (name);
          name = with;
        }
      gtk_string_list_append (names, name);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->version_dropdown, n > 0 ? G_LIST_MODEL (names) : NULL);
  self->updating = FALSE;

  /* The newest version is what the user just trained; other models'
   * rows come after it. */
  self->system = n_own > 0 ? n_own - 1 : 0;
  if (n > 0)
    {
      gtk_drop_down_set_selected (self->version_dropdown, self->system);
      /* Same position as before: no notification, so apply it here. */
      version_selected_cb (self);
    }
}

/**
 * prl_evaluation_page_set_run:
 * @run: (nullable): a scored run
 *
 * Shows @run in every view, the newest version chosen. The page calls
 * this when an evaluation succeeds.
 */
void
prl_evaluation_page_set_run (PrlEvaluationPage *self, PrlEvalRun *run)
{
  g_return_if_fail (PRL_IS_EVALUATION_PAGE (self));
  g_return_if_fail (!run || PRL_IS_EVAL_RUN (run));

  if (self->run == run)
    return;

  g_set_object (&self->run, run);
  prl_leaderboard_view_set_run (self->leaderboard_view, run);
  prl_review_view_set_run (self->review_view, run);
  prl_words_view_set_run (self->words_view, run);
  fill_versions (self);

  /* The views' new content may sit on pages not shown yet, which GTK 4.8
   * still puts in the accessibility tree. */
  prl_gui_a11y_name_tree (GTK_WIDGET (self->view_stack));

  if (run != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "results");
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "empty");

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

/**
 * prl_evaluation_page_get_run:
 *
 * Returns: (transfer none) (nullable): the run shown
 */
PrlEvalRun *
prl_evaluation_page_get_run (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), NULL);
  return self->run;
}

guint
prl_evaluation_page_get_system (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), 0);
  return self->system;
}

/**
 * prl_evaluation_page_set_system:
 * @system: 0 for the stock model, then the versions oldest first
 *
 * Chooses a system in the Version drop-down.
 */
void
prl_evaluation_page_set_system (PrlEvaluationPage *self, guint system)
{
  g_return_if_fail (PRL_IS_EVALUATION_PAGE (self));

  if (self->run == NULL || system >= prl_eval_run_get_n_systems (self->run))
    return;

  gtk_drop_down_set_selected (self->version_dropdown, system);
}

static void
utterance_activated_cb (PrlEvaluationPage *self, guint utterance)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "review");
  prl_review_view_select_utterance (self->review_view, utterance);
}

/* Running */

static void
job_progress_cb (PrlEvaluationPage *self)
{
  const char *status;

  if (self->job == NULL)
    return;

  status = prl_job_get_status (PRL_JOB (self->job));
  prl_gui_show_job_progress (self->progress_bar, PRL_JOB (self->job));
  gtk_label_set_label (self->status_label, status ? status : "");
}

static void
stop_following (PrlEvaluationPage *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->job_model);
}

static void
job_state_cb (PrlEvaluationPage *self)
{
  g_autoptr (PrlEvaluateJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  const GError *error;
  PrlJobState   state;

  if (self->job == NULL || prl_job_is_active (PRL_JOB (self->job)))
    return;

  job = g_object_ref (self->job);
  model = g_object_ref (self->job_model);
  stop_following (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_state (self);

  /* Another model is shown now; its page state is not ours to change. */
  if (model != self->model)
    return;

  state = prl_job_get_state (PRL_JOB (job));
  error = prl_job_get_error (PRL_JOB (job));

  if (state == PRL_JOB_STATE_CANCELLED)
    show_message (self, _ ("Evaluation cancelled"), FALSE);
  else if (state == PRL_JOB_STATE_SUCCEEDED && prl_evaluate_job_get_run (job) != NULL)
    {
      show_message (self, NULL, FALSE);
      prl_evaluation_page_set_run (self, prl_evaluate_job_get_run (job));
    }
  else
    show_failure (self, error ? error->message : _ ("The evaluation left no results"));
}

/**
 * prl_evaluation_page_run:
 *
 * Starts evaluating every version of the model shown, as Run Evaluation
 * does. A refusal (no provider, an evaluation already running) is shown
 * on the page.
 *
 * Returns: whether an evaluation started
 */
gboolean
prl_evaluation_page_run (PrlEvaluationPage *self)
{
  g_autoptr (GError) error = NULL;
  PrlEvaluateJob *job;

  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), FALSE);

  if (self->workspace == NULL || self->model == NULL || is_busy (self))
    return FALSE;

  show_message (self, NULL, FALSE);
  job = prl_workspace_evaluate_model (self->workspace, self->model, NULL, FALSE, &error);
  if (job == NULL)
    {
      show_failure (self, error->message);
      return FALSE;
    }

  /* Following one evaluation at a time: the older one goes on in the
   * jobs button.
   */
  stop_following (self);
  self->job = g_object_ref (job);
  self->job_model = g_object_ref (self->model);
  g_signal_connect_swapped (job, "notify::progress", G_CALLBACK (job_progress_cb), self);
  g_signal_connect_swapped (job, "notify::status", G_CALLBACK (job_progress_cb), self);
  g_signal_connect_swapped (job, "notify::state", G_CALLBACK (job_state_cb), self);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->status_label, _ ("Starting the evaluation…"));
  if (self->run == NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "empty");
  job_progress_cb (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* It may have been over before we listened. */
  job_state_cb (self);
  return TRUE;
}

gboolean
prl_evaluation_page_get_busy (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), FALSE);
  return is_busy (self);
}

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_evaluation_page_run (PRL_EVALUATION_PAGE (widget));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlEvaluationPage *self = PRL_EVALUATION_PAGE (widget);

  if (is_busy (self))
    prl_job_cancel (PRL_JOB (self->job));
}

/* Export */

/**
 * prl_evaluation_page_dup_export_name:
 *
 * Returns: (transfer full): the file name Export suggests,
 *   “model-version.ext” or “model-stock.ext”
 */
char *
prl_evaluation_page_dup_export_name (PrlEvaluationPage *self, PrlWerReportFormat format)
{
  const ExportFormat *ef = find_export_format (format);
  const PrlEvalRow   *row = NULL;
  const char         *model;
  char               *name;

  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), NULL);

  if (self->run != NULL)
    {
      model = prl_eval_run_get_model_name (self->run);
      if (self->system < prl_eval_run_get_n_systems (self->run))
        row = prl_eval_run_get_row (self->run, self->system);
    }
  else
    model = self->model ? prl_model_get_name (self->model) : NULL;

  /* Versions are named "<model>-<time>" already. */
  if (format == PRL_WER_REPORT_CSV)
    name = g_strdup_printf ("%s-evaluation.csv", model ? model : "evaluation");
  else if (row != NULL && row->version != NULL)
    name = g_strdup_printf ("%s.%s", row->version, ef ? ef->extension : "txt");
  else
    name = g_strdup_printf ("%s-stock.%s", model ? model : "evaluation",
                            ef ? ef->extension : "txt");
  /* Never a path: a separator in a name would point elsewhere. */
  return g_strdelimit (name, G_DIR_SEPARATOR_S "/", '-');
}

typedef struct
{
  PrlEvaluationPage *self; /* (owned) */
  GFile             *dest; /* (owned) */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->dest);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
export_done (PrlEvaluationPage *self, GFile *dest, const GError *error)
{
  if (error != NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("Could not export the results: %s"), error->message);

      prl_gui_add_toast (GTK_WIDGET (self), message);
    }
  else
    {
      g_clear_weak_pointer (&self->export_toast);
      g_set_weak_pointer (
          &self->export_toast,
          prl_gui_show_saved_file (GTK_WIDGET (self), _ ("Results exported"), dest));
    }

  g_signal_emit (self, signals[EXPORTED], 0, dest, error);
}

static void
export_written_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportData) data = user_data;
  g_autoptr (GError) error = NULL;

  g_file_replace_contents_finish (G_FILE (object), result, NULL, &error);
  export_done (data->self, data->dest, error);
}

/**
 * prl_evaluation_page_export:
 * @format: pra, sgml, CSV or JSON
 * @dest: the file to write
 *
 * Writes the report of the chosen system to @dest in the background, all
 * of it or nothing, then emits #PrlEvaluationPage::exported. Failures
 * are also shown as a toast.
 */
void
prl_evaluation_page_export (PrlEvaluationPage *self,
                            PrlWerReportFormat format,
                            GFile             *dest)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  ExportData *data;
  char       *text;

  g_return_if_fail (PRL_IS_EVALUATION_PAGE (self));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (self->run != NULL);

  /* A CSV compares: the stock model and every version, per utterance. */
  if (format == PRL_WER_REPORT_CSV)
    text = prl_eval_run_export_csv_all (self->run, &error);
  else
    text = prl_eval_run_export (self->run, self->system, format, &error);
  if (text == NULL)
    {
      export_done (self, dest, error);
      return;
    }

  bytes = g_bytes_new_take (text, strlen (text));
  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->dest = g_object_ref (dest);
  g_file_replace_contents_bytes_async (dest, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_written_cb, data);
}

static void
save_response_cb (GtkNativeDialog *chooser, int response, PrlEvaluationPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->run != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        prl_evaluation_page_export (self, self->save_format, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->save_chooser);
}

/**
 * prl_evaluation_page_dup_export_folder:
 *
 * Returns: (transfer full): where Export's save dialog starts: the folder
 *   of the last export, else Documents, else the home folder
 */
GFile *
prl_evaluation_page_dup_export_folder (void)
{
  return prl_gui_dup_save_folder ();
}

/**
 * prl_evaluation_page_get_export_toast:
 *
 * Returns: (transfer none) (nullable): the toast of the last successful
 *   export while it shows, with its Open button
 */
AdwToast *
prl_evaluation_page_get_export_toast (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), NULL);
  return self->export_toast;
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlEvaluationPage  *self = PRL_EVALUATION_PAGE (widget);
  const ExportFormat *ef;
  PrlWerReportFormat  format;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;

  if (self->run == NULL
      || !prl_wer_report_format_from_string (g_variant_get_string (param, NULL), &format)
      || (ef = find_export_format (format)) == NULL)
    return;

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->save_chooser);
      g_clear_object (&self->save_chooser);
    }

  self->save_format = format;
  name = prl_evaluation_page_dup_export_name (self, format);
  pattern = g_strconcat ("*.", ef->extension, NULL);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ (ef->filter_name));
  gtk_file_filter_add_pattern (filter, pattern);

  self->save_chooser = prl_gui_save_chooser_new (widget, _ ("Export Evaluation Results"),
                                                 _ ("_Export"), filter, name);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (self->save_chooser);
}

/* Stored results */

static void
loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlEvaluationPage) self = user_data;
  g_autoptr (PrlEvalRun) run = NULL;
  g_autoptr (GError) error = NULL;

  run = prl_workspace_load_evaluation_finish (PRL_WORKSPACE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);

  /* Nothing stored yet is the usual case; the empty page says what to do.
   * A new run started meanwhile wins over the stored one. */
  if (run == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("No stored evaluation to show: %s", error->message);
      return;
    }
  if (self->run == NULL && !is_busy (self))
    prl_evaluation_page_set_run (self, run);
}

/* Opening the evaluation of a model shows its last results at once,
 * scored from what is stored; nothing is transcribed until the user
 * runs the evaluation. */
static void
load_stored (PrlEvaluationPage *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->workspace == NULL || self->model == NULL || self->run != NULL)
    return;

  self->loading = g_cancellable_new ();
  prl_workspace_load_evaluation_async (self->workspace, self->model, self->loading,
                                       loaded_cb, g_object_ref (self));
}

/* Workspace and model */

PrlWorkspace *
prl_evaluation_page_get_workspace (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), NULL);
  return self->workspace;
}

void
prl_evaluation_page_set_workspace (PrlEvaluationPage *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_EVALUATION_PAGE (self));
  g_return_if_fail (!workspace || PRL_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  watch_datasets (self);
  update_state (self);
  load_stored (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

PrlModel *
prl_evaluation_page_get_model (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), NULL);
  return self->model;
}

/**
 * prl_evaluation_page_set_model:
 * @model: (nullable): the model to evaluate
 *
 * Showing another model drops the results shown; an evaluation already
 * running goes on in the background.
 */
void
prl_evaluation_page_set_model (PrlEvaluationPage *self, PrlModel *model)
{
  gboolean was_busy;

  g_return_if_fail (PRL_IS_EVALUATION_PAGE (self));
  g_return_if_fail (!model || PRL_IS_MODEL (model));

  if (self->model == model)
    return;

  was_busy = is_busy (self);
  g_set_object (&self->model, model);
  watch_datasets (self);
  g_binding_group_set_source (self->bindings, model);
  if (model == NULL)
    adw_view_switcher_title_set_subtitle (self->switcher_title, "");

  show_message (self, NULL, FALSE);
  prl_evaluation_page_set_run (self, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "empty");
  adw_view_stack_set_visible_child_name (self->view_stack, "leaderboard");
  if (is_busy (self))
    job_progress_cb (self);
  update_state (self);

  load_stored (self);

  if (was_busy != is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

static void
datasets_changed_cb (PrlEvaluationPage *self)
{
  update_state (self);
}

static void
watch_datasets (PrlEvaluationPage *self)
{
  if (self->datasets != NULL)
    g_signal_handlers_disconnect_by_data (self->datasets, self);
  g_clear_object (&self->datasets);
  if (self->workspace == NULL || self->model == NULL)
    return;
  self->datasets
      = g_object_ref (prl_workspace_get_datasets (self->workspace, self->model));
  g_signal_connect_swapped (self->datasets, "items-changed",
                            G_CALLBACK (datasets_changed_cb), self);
}

/* GObject */

static void
prl_evaluation_page_dispose (GObject *object)
{
  PrlEvaluationPage *self = PRL_EVALUATION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->export_toast);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  /* The job belongs to the job manager: it goes on without the page. */
  stop_following (self);
  _prl_evaluation_page_stop_improve (self);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (self->save_chooser);
  g_clear_object (&self->save_chooser);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_EVALUATION_PAGE);
  prl_gui_unparent_children (GTK_WIDGET (self));

  if (self->datasets != NULL)
    g_signal_handlers_disconnect_by_data (self->datasets, self);
  g_clear_object (&self->datasets);
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->run);
  g_clear_object (&self->bindings);

  G_OBJECT_CLASS (prl_evaluation_page_parent_class)->dispose (object);
}

static void
prl_evaluation_page_finalize (GObject *object)
{
  PrlEvaluationPage *self = PRL_EVALUATION_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (prl_evaluation_page_parent_class)->finalize (object);
}

static void
prl_evaluation_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PrlEvaluationPage *self = PRL_EVALUATION_PAGE (object);

  if (prl_gui_get_workspace_property (pspec, value, self->workspace, self->model))
    return;

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_evaluation_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PrlEvaluationPage *self = PRL_EVALUATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      prl_evaluation_page_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      prl_evaluation_page_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_evaluation_page_class_init (PrlEvaluationPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_evaluation_page_dispose;
  object_class->finalize = prl_evaluation_page_finalize;
  object_class->get_property = prl_evaluation_page_get_property;
  object_class->set_property = prl_evaluation_page_set_property;

  /**
   * PrlEvaluationPage:workspace:
   *
   * Where evaluations run.
   */
  properties[PROP_WORKSPACE] = prl_gui_param_spec_workspace (G_PARAM_READWRITE);
  /**
   * PrlEvaluationPage:model: (nullable)
   *
   * The model evaluated; one of the workspace's live models.
   */
  properties[PROP_MODEL] = prl_gui_param_spec_model (G_PARAM_READWRITE);
  /**
   * PrlEvaluationPage:run: (nullable)
   *
   * The results shown.
   */
  properties[PROP_RUN] = g_param_spec_object ("run", NULL, NULL, PRL_TYPE_EVAL_RUN,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                  | G_PARAM_STATIC_STRINGS);
  /**
   * PrlEvaluationPage:busy:
   *
   * Whether an evaluation of the model shown is running.
   */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrlEvaluationPage::exported:
   * @dest: the file written
   * @error: (nullable): why it failed
   *
   * Emitted when an export has finished.
   */
  signals[EXPORTED] = g_signal_new (
      "exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-evaluation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, improve_button);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage,
                                        leaderboard_view);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, message_box);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, review_view);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, version_box);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage,
                                        version_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlEvaluationPage, words_view);
  gtk_widget_class_bind_template_callback (widget_class, update_state);
  gtk_widget_class_bind_template_callback (widget_class, utterance_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);

  gtk_widget_class_install_action (widget_class, "evaluation.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "evaluation.cancel", NULL,
                                   cancel_action);
  gtk_widget_class_install_action (widget_class, "evaluation.export", "s", export_action);
  _prl_evaluation_page_class_init_improve (widget_class);

  g_type_ensure (PRL_TYPE_LEADERBOARD_VIEW);
  g_type_ensure (PRL_TYPE_REVIEW_VIEW);
  g_type_ensure (PRL_TYPE_WORDS_VIEW);
}

static void
prl_evaluation_page_init (PrlEvaluationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "name", self->switcher_title, "subtitle",
                        G_BINDING_SYNC_CREATE);

  update_state (self);
}

GtkWidget *
prl_evaluation_page_new (void)
{
  return g_object_new (PRL_TYPE_EVALUATION_PAGE, NULL);
}
