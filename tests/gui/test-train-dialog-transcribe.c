/* test-train-dialog-transcribe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-gui-test-util.h"
#include "prl-jobs-button.h"
#include "prl-model-details-page.h"
#include "prl-remote-job.h"
#include "prl-status-badge.h"
#include "prl-store-versions.h"
#include "prl-versions-view.h"
#include "prl-train-dialog.h"
#include "prl-workspace.h"

/* Train the Language for an Amazon Transcribe model, from the model
 * details page: the dialog says what is uploaded (files, sizes), where to
 * (the account's s3:// prefix), that Amazon trains for hours, and the
 * account's monthly budget; with none left Train is disabled with the
 * no-claims-available message; a confirmed training starts through
 * prl_workspace_train_remote() and the page follows that job. The trainer
 * is this test's (the executables register Transcribe's), so nothing goes
 * to a network.
 */

#define KIND "transcribe-train"

static guint n_started;

static PrlJob *
start_training (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  n_started++;
  return prl_test_remote_train_new ("Training on Amazon Transcribe");
}

typedef PrlTestModelPage Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  n_started = 0;
  prl_test_model_page_set_up_cloud (
      f, "aws-transcribe",
      "[lab]\nKind=aws\nRegion=us-east-1\nBucket=prl-bucket\n"
      "Prefix=team/parlance/\nTrainingBudget=2\n");
  prl_test_model_page_import (f, "notes.txt", 40, PRL_DATASET_TYPE_TRANSCRIPT);
  prl_test_model_page_import (f, "tuning.txt", 10, PRL_DATASET_TYPE_TUNING);
  prl_test_model_page_show (f);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Two trainings of this month recorded for the account, as earlier
 * trainings leave them in `remote_jobs`. */
static void
spend (Fixture *f, guint n)
{
  g_autoptr (GError) error = NULL;
  PrlStore *store = prl_workspace_get_store (f->workspace);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = prl_store_create_remote_job_sync (
          store, KIND, prl_model_get_id (f->model), "lab", "earlier", "{}", &error);

      g_assert_no_error (error);
      g_assert_true (prl_store_finish_remote_job_sync (store, id, PRL_REMOTE_JOB_DONE,
                                                       "{}", NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_says_what_and_where (Fixture *f, gconstpointer data)
{
  GtkWindow  *dialog = prl_test_train_dialog_open (f->page);
  GtkWidget  *training = prl_test_template_child (GTK_WIDGET (dialog),
                                                  PRL_TYPE_TRAIN_DIALOG, "training_list");
  GtkWidget  *row = gtk_widget_get_first_child (training);
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  assert_contains (prl_test_train_dialog_label (dialog, "summary_label"),
                   "will upload 2 text files");
  assert_contains (prl_test_train_dialog_label (dialog, "summary_label"),
                   "s3://prl-bucket/team/parlance/blobs/");
  assert_contains (prl_test_train_dialog_label (dialog, "summary_label"),
                   "in the account “lab”");
  assert_contains (prl_test_train_dialog_label (dialog, "summary_label"),
                   "Amazon Transcribe");
  assert_contains (prl_test_train_dialog_label (dialog, "estimate_label"),
                   "runs on Amazon’s side");
  assert_contains (prl_test_train_dialog_label (dialog, "estimate_label"),
                   "typically takes hours");
  assert_contains (prl_test_train_dialog_label (dialog, "budget_label"),
                   "Training budget of “lab”: 0 of 2 trainings used this month, 2 left.");
  /* Each file with its size (40 lines of text: about 1.9 kB). */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "notes.txt");
  assert_contains (subtitle, "kB · 40 lines, ");
  g_assert_true (prl_test_train_dialog_can_train (dialog));
  prl_test_train_dialog_close (dialog);

  /* One of two used. */
  spend (f, 1);
  dialog = prl_test_train_dialog_open (f->page);
  assert_contains (prl_test_train_dialog_label (dialog, "budget_label"),
                   "1 of 2 trainings used this month, 1 left");
  g_assert_true (prl_test_train_dialog_can_train (dialog));
  prl_test_train_dialog_close (dialog);

  /* No budget set: no limit, and the count still shown. */
  prl_test_write_accounts ("[lab]\nKind=aws\nRegion=us-east-1\nBucket=prl-bucket\n");
  dialog = prl_test_train_dialog_open (f->page);
  assert_contains (prl_test_train_dialog_label (dialog, "budget_label"),
                   "has no monthly limit (1 training");
  assert_contains (prl_test_train_dialog_label (dialog, "summary_label"),
                   "s3://prl-bucket/blobs/");
  g_assert_true (prl_test_train_dialog_can_train (dialog));
  prl_test_train_dialog_close (dialog);
  g_assert_cmpuint (n_started, ==, 0);
}

/* With the budget spent, Train is disabled and the notice says why and
 * when it renews; nothing is started. */
static void
test_budget_refusal (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;

  spend (f, 2);
  dialog = prl_test_train_dialog_open (f->page);
  assert_contains (prl_test_train_dialog_label (dialog, "budget_label"),
                   "2 of 2 trainings used this month, 0 left");
  assert_contains (prl_test_train_dialog_label (dialog, "notice_label"),
                   "no-claims-available");
  assert_contains (prl_test_train_dialog_label (dialog, "notice_label"), "It renews on ");
  g_assert_false (prl_test_train_dialog_can_train (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL);
  prl_test_iterate (50);
  g_assert_cmpuint (n_started, ==, 0);
  prl_test_train_dialog_close (dialog);
}

/* Transcribe's other refusals before anything is sent: a second training
 * file, and an account that no longer exists. */
static void
test_other_refusals (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;

  prl_test_write_accounts ("[other]\nKind=aws\nRegion=us-east-1\nBucket=prl-bucket\n");
  dialog = prl_test_train_dialog_open (f->page);
  assert_contains (prl_test_train_dialog_label (dialog, "notice_label"),
                   "no cloud account named “lab”");
  g_assert_false (prl_test_train_dialog_can_train (dialog));
  prl_test_train_dialog_close (dialog);

  prl_test_write_accounts ("[lab]\nKind=aws\nRegion=us-east-1\nBucket=prl-bucket\n");
  prl_test_model_page_import (f, "more.txt", 5, PRL_DATASET_TYPE_TRANSCRIPT);
  dialog = prl_test_train_dialog_open (f->page);
  assert_contains (prl_test_train_dialog_label (dialog, "notice_label"),
                   "one training text file and at most one tuning text file");
  g_assert_false (prl_test_train_dialog_can_train (dialog));
  prl_test_train_dialog_close (dialog);

  /* No text at all: the notice asks for training text (no manifest). */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (PrlModel) empty = NULL;
    PrlModelCreateOptions options = {
      .name = "empty",
      .provider = "aws-transcribe",
      .language = "en-US",
      .account = "lab",
    };

    prl_workspace_create_model_full_async (f->workspace, &options, NULL,
                                           prl_test_result_cb, &result);
    empty = prl_workspace_create_model_finish (f->workspace, prl_test_wait_for (&result),
                                               &error);
    g_assert_no_error (error);
    dialog = GTK_WINDOW (prl_train_dialog_new (f->workspace, empty));
    gtk_window_present (dialog);
    prl_test_wait_until (prl_test_train_dialog_counted, NULL);
    assert_contains (prl_test_train_dialog_label (dialog, "notice_label"),
                     "add a training text dataset to “empty” first");
    g_assert_false (prl_test_train_dialog_can_train (dialog));
    prl_test_train_dialog_close (dialog);
  }
  g_assert_cmpuint (n_started, ==, 0);
}

static gboolean
dialog_gone (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG) == NULL;
}

/* Train starts the remote training, and the page follows it. */
static void
test_train_starts_remote (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog = prl_test_train_dialog_open (f->page);
  GtkWidget *progress = prl_test_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE,
                                                 "train_progress_box");

  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL));
  prl_test_wait_until (dialog_gone, NULL);
  g_assert_cmpuint (n_started, ==, 1);
  prl_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (progress));
  /* No second training while this one runs. */
  g_assert_false (gtk_widget_is_sensitive (
      prl_test_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "train_button")));
}

static gboolean
job_done (gpointer job)
{
  return !prl_job_is_active (job);
}

/* The cancel button of the jobs list's only row. */
static GtkWidget *
jobs_cancel_button (GtkWidget *jobs_button)
{
  g_autoptr (GPtrArray) buttons = NULL;
  GtkWidget *list;
  GtkWidget *cancel = NULL;

  gtk_menu_button_popup (GTK_MENU_BUTTON (
      gtk_widget_get_template_child (jobs_button, PRL_TYPE_JOBS_BUTTON, "menu_button")));
  prl_test_iterate (100);
  list = GTK_WIDGET (
      gtk_widget_get_template_child (jobs_button, PRL_TYPE_JOBS_BUTTON, "list_box"));
  buttons = prl_test_find_all (list, GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_visible (buttons->pdata[i]))
      cancel = buttons->pdata[i];
  g_assert_nonnull (cancel);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (
      gtk_widget_get_template_child (jobs_button, PRL_TYPE_JOBS_BUTTON, "menu_button")));
  prl_test_iterate (50);
  return cancel;
}

/* Confirms a training in the Train dialog, with a jobs list in a window
 * of its own, and returns the job once Amazon trains. */
static PrlJob *
start_training_with_jobs_list (Fixture    *f,
                               GtkWindow **jobs_window,
                               GtkWidget **jobs_button)
{
  GtkWindow  *dialog = prl_test_train_dialog_open (f->page);
  GListModel *jobs = G_LIST_MODEL (prl_workspace_get_job_manager (f->workspace));
  PrlJob     *job;

  *jobs_button = prl_jobs_button_new ();
  *jobs_window = GTK_WINDOW (gtk_window_new ());
  prl_jobs_button_set_job_manager (PRL_JOBS_BUTTON (*jobs_button),
                                   prl_workspace_get_job_manager (f->workspace));
  gtk_window_set_child (*jobs_window, *jobs_button);
  gtk_window_present (*jobs_window);
  prl_job_manager_clear_finished (prl_workspace_get_job_manager (f->workspace));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL));
  prl_test_wait_until (dialog_gone, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  job = g_list_model_get_item (jobs, 0);
  g_assert_true (PRL_IS_REMOTE_JOB (job));
  while (!prl_remote_job_get_work_is_remote (PRL_REMOTE_JOB (job)))
    g_main_context_iteration (NULL, FALSE);
  return job;
}

/* Cancel in the jobs list is honest about a training Amazon runs: it says
 * it cannot be stopped; Keep Training changes nothing, Delete the Model
 * When Training Finishes asks the job to delete it at the end. */
static void
test_cancel_is_honest (Fixture *f, gconstpointer data)
{
  GtkWidget *jobs_button = NULL;
  GtkWindow *jobs_window = NULL;
  g_autoptr (PrlJob) job = start_training_with_jobs_list (f, &jobs_window, &jobs_button);
  AdwMessageDialog *message;

  g_signal_emit_by_name (jobs_cancel_button (jobs_button), "clicked");
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  message = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  assert_contains (adw_message_dialog_get_body (message),
                   "Amazon Transcribe cannot stop a training");
  g_assert_true (adw_message_dialog_has_response (message, "delete"));
  adw_message_dialog_response (message, "keep");
  gtk_window_close (GTK_WINDOW (message));
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  prl_test_iterate (200);
  g_assert_true (prl_job_is_active (job));
  g_assert_false (prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)));

  g_signal_emit_by_name (jobs_cancel_button (jobs_button), "clicked");
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  message = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (message, "delete");
  gtk_window_close (GTK_WINDOW (message));
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  g_assert_true (prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)));
  prl_test_wait_until (job_done, job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_CANCELLED);
  gtk_window_destroy (jobs_window);
  prl_test_iterate (50);
}

typedef struct
{
  const char       *heading;
  AdwMessageDialog *found;
} Late;

static gboolean
late_shown (gpointer data)
{
  Late       *late = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                        late->heading)
                 == 0)
        {
          late->found = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The question stays open while the training ends (@finish) or while
 * Parlance stops following it (the workspace closing cancels the job);
 * Delete then says why it came too late instead of being dropped without
 * a word, and asks nothing of the job. */
static void
answer_too_late (Fixture *f, gboolean finish, const char *heading, const char *says)
{
  GtkWidget *jobs_button = NULL;
  GtkWindow *jobs_window = NULL;
  g_autoptr (PrlJob) job = start_training_with_jobs_list (f, &jobs_window, &jobs_button);
  AdwMessageDialog *message;
  Late              late = { heading, NULL };

  g_signal_emit_by_name (jobs_cancel_button (jobs_button), "clicked");
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  message = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  if (finish)
    prl_test_remote_train_finish (job);
  else
    prl_job_cancel (job);
  prl_test_wait_until (job_done, job);
  g_assert_cmpint (prl_job_get_state (job), ==,
                   finish ? PRL_JOB_STATE_SUCCEEDED : PRL_JOB_STATE_CANCELLED);

  adw_message_dialog_response (message, "delete");
  gtk_window_close (GTK_WINDOW (message));
  prl_test_wait_until (late_shown, &late);
  assert_contains (adw_message_dialog_get_body (late.found), says);
  assert_contains (adw_message_dialog_get_body (late.found),
                   "Training on Amazon Transcribe");
  g_assert_false (prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)));
  gtk_window_destroy (GTK_WINDOW (late.found));
  gtk_window_destroy (jobs_window);
  prl_test_iterate (50);
}

static void
test_answer_after_end (Fixture *f, gconstpointer data)
{
  answer_too_late (f, TRUE, "The Training Has Already Ended", "ended before your answer");
}

static void
test_answer_after_stop (Fixture *f, gconstpointer data)
{
  answer_too_late (f, FALSE, "Parlance Stopped Following the Training",
                   "stopped following it before your answer");
}

static gpointer
versions_child (Fixture *f, const char *name)
{
  return prl_test_template_child (
      prl_test_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "versions_view"),
      PRL_TYPE_VERSIONS_VIEW, name);
}

/* The model as a remote training leaves it in the store, brought into the
 * live model as the workspace does. */
static void
saved (Fixture *f, PrlModel *model)
{
  g_assert_nonnull (model);
  prl_model_update_from (f->model, model);
  g_object_unref (model);
  prl_test_iterate (100);
}

/* The versions of a Transcribe model: the training under way (Running),
 * the one that failed (Failed, with FailureReason verbatim and the
 * reading), and a completed version (Success, no local weight). */
static void
test_version_badges (Fixture *f, gconstpointer data)
{
  PrlStore     *store = prl_workspace_get_store (f->workspace);
  AdwActionRow *row = versions_child (f, "training_row");
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlVersion) version = NULL;
  g_autoptr (GDateTime) created = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) rows = NULL;
  const char *const no_hashes[] = { NULL };
  PrlVersionInfo    info = { 0 };
  PrlModel         *after = NULL;
  gint64            job;
  GtkWidget        *list;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));

  job = prl_store_create_remote_job_sync (
      store, KIND, prl_model_get_id (f->model), "lab", "t",
      "{\"remote_name\": \"clinic-20261207T101500Z\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (job, >, 0);
  saved (f, prl_store_set_model_training_remotely_sync (
                store, prl_model_get_id (f->model), &error));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpint (prl_status_badge_get_status (versions_child (f, "training_badge")), ==,
                   PRL_TRAINING_STATUS_RUNNING);
  assert_contains (adw_action_row_get_subtitle (row), "typically takes hours");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "clinic-20261207T101500Z");

  saved (f,
         prl_store_set_training_failed_sync (
             store, prl_model_get_id (f->model), "training_failed",
             "Unable to assume role arn:aws:iam::1:role/X\nAmazon Transcribe could not "
             "read the training text with the account’s IAM role.",
             &error));
  g_assert_cmpint (prl_status_badge_get_status (versions_child (f, "training_badge")), ==,
                   PRL_TRAINING_STATUS_FAILED);
  assert_contains (
      adw_action_row_get_subtitle (row),
      "Failed (training_failed):\nUnable to assume role arn:aws:iam::1:role/X\n");
  assert_contains (adw_action_row_get_subtitle (row), "could not read the training text");

  /* COMPLETED: the version row, the service's state, no local weight
   * (the training job saves a Transcribe version as completed). */
  info.model_id = prl_model_get_id (f->model);
  info.name = "clinic-20261207T101500Z";
  info.created = created;
  info.directory = "";
  info.base_model_id = "WideBand";
  info.remote_status = PRL_REMOTE_STATUS_COMPLETED;
  info.custom_perplexity = info.stock_perplexity = info.mixture_perplexity = -1;
  info.dataset_hashes = no_hashes;
  version = prl_store_add_version_sync (store, &info, "fp", NULL, &after, &error);
  g_assert_no_error (error);
  saved (f, after);
  g_assert_true (prl_versions_view_is_remote (version));
  g_list_store_insert (G_LIST_STORE (prl_workspace_get_versions (f->workspace, f->model)),
                       0, version);
  prl_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
  list = versions_child (f, "list_view");
  rows = prl_test_find_all (list, ADW_TYPE_ACTION_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_contains (adw_action_row_get_subtitle (rows->pdata[0]), "built on WideBand");
  g_assert_nonnull (prl_test_find_label (rows->pdata[0], "On the service"));
  {
    g_autofree char *weight = prl_versions_view_format_weight (version);
    GtkWidget       *label = prl_test_find_label (rows->pdata[0], weight);

    g_assert_true (label == NULL || !gtk_widget_get_visible (label));
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("prl-train-config-XXXXXX", NULL);

  /* The default accounts file, before GLib reads the variable. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;
  prl_remote_job_register_trainer ("aws-transcribe", KIND, start_training);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, prl_test_model_page_tear_down)

  ADD ("/train-dialog-transcribe/says-what-and-where", test_says_what_and_where);
  ADD ("/train-dialog-transcribe/budget-refusal", test_budget_refusal);
  ADD ("/train-dialog-transcribe/other-refusals", test_other_refusals);
  ADD ("/train-dialog-transcribe/train-starts-remote", test_train_starts_remote);
  ADD ("/train-dialog-transcribe/version-badges", test_version_badges);
  ADD ("/train-dialog-transcribe/cancel-is-honest", test_cancel_is_honest);
  ADD ("/train-dialog-transcribe/answer-after-end", test_answer_after_end);
  ADD ("/train-dialog-transcribe/answer-after-stop", test_answer_after_stop);

  {
    int status = g_test_run ();

    prl_test_rm_rf (config);
    return status;
  }
}
