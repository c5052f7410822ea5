/* test-evaluation-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-evaluation-page.h"
#include "prl-gui-test-util.h"
#include "prl-local-provider.h"
#include "prl-model-details-page.h"
#include "prl-review-view.h"
#include "prl-window.h"
#include "prl-words-view.h"
#include "prl-workspace.h"

/* The Evaluation page on a real workspace: the state before any run, a
 * real evaluation of a model without test pairs failing with the job's
 * message, and, with a run built from literal text, the version choice,
 * the jump from a word's utterance to its review, and Export (written
 * files equal the run's own reports; a bad folder writes nothing). The
 * details page's Evaluation button opens the page in the window.
 */

#define V1 "cardio-20261121T101500Z"
#define V2 "cardio-20261122T090000Z"

typedef struct
{
  char              *dir;
  PrlWorkspace      *workspace;
  PrlModel          *model;
  GtkWindow         *window;
  PrlEvaluationPage *page;
  PrlEvalRun        *run;

  guint   n_exported;
  GError *export_error;
} Fixture;

static PrlEvalRun *
make_run (void)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);
  guint       u[3];

  g_assert_no_error (error);
  u[0] = prl_eval_run_add_utterance (run, "utt1", "the patient has atrial fibrillation",
                                     "/nonexistent/a.wav");
  u[1] = prl_eval_run_add_utterance (run, "utt2", "atrial flutter was seen",
                                     "/nonexistent/b.wav");
  u[2] = prl_eval_run_add_utterance (run, "utt3", "the heart rate is normal",
                                     "/nonexistent/c.wav");
  prl_eval_run_add_system (run, NULL, "en-us");
  prl_eval_run_add_system (run, V1, "en-us");
  prl_eval_run_add_system (run, V2, "en-us");

  prl_eval_run_set_result (run, 0, u[0], "the patient has a trial fib relation",
                           "[{\"word\":\"the\",\"start\":0.1,\"end\":0.3}]", TRUE);
  prl_eval_run_set_result (run, 0, u[1], "a trial flutter was seen", NULL, TRUE);
  prl_eval_run_set_result (run, 0, u[2], "the heart rate is normal", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u[0], "the patient has atrial fib relation", NULL,
                           TRUE);
  prl_eval_run_set_result (run, 1, u[1], "atrial flutter was seen", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u[2], "the heart rate is normal", NULL, TRUE);
  prl_eval_run_set_result (run, 2, u[0], "the patient has atrial fibrillation", NULL,
                           TRUE);
  prl_eval_run_set_result (run, 2, u[1], "atrial flutter was seen", NULL, TRUE);
  prl_eval_run_set_result (run, 2, u[2], "the hard rate is normal", NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);
  return run;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "cardio");
  f->run = make_run ();
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 800);
  f->page = PRL_EVALUATION_PAGE (prl_evaluation_page_new ());
  g_object_set (f->page, "workspace", f->workspace, "model", f->model, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_clear_error (&f->export_error);
  g_assert_finalize_object (f->run);
  g_object_unref (f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (f->page), PRL_TYPE_EVALUATION_PAGE, name);
}

static const char *
content_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f, "content_stack"));
}

static gboolean
action_enabled (Fixture *f, const char *name)
{
  GtkWidget *button = child (f, "run_button");

  /* Buttons with a disabled action are insensitive. */
  if (g_str_equal (name, "evaluation.run"))
    return gtk_widget_get_sensitive (button);
  return gtk_widget_get_sensitive (child (f, "export_button"));
}

static void
test_empty_state (Fixture *f, gconstpointer data)
{
  AdwViewSwitcherTitle *title = child (f, "switcher_title");
  GtkWidget            *run_button = child (f, "run_button");
  g_autoptr (GtkWidget) lone = NULL;

  g_assert_null (prl_evaluation_page_get_run (f->page));
  g_assert_true (prl_evaluation_page_get_model (f->page) == f->model);
  g_assert_true (prl_evaluation_page_get_workspace (f->page) == f->workspace);
  g_assert_cmpstr (content_page (f), ==, "empty");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Evaluation");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "cardio");
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (title));

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (run_button)), ==, "_Run Evaluation");
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (run_button)));
  g_assert_true (gtk_widget_has_css_class (run_button, "suggested-action"));
  /* No test pairs yet: Run is disabled, and the page says why. */
  g_assert_false (action_enabled (f, "evaluation.run"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (run_button), "no test pairs"));
  g_assert_false (action_enabled (f, "export"));
  g_assert_false (gtk_widget_is_visible (child (f, "version_dropdown")));
  g_assert_false (adw_view_switcher_bar_get_reveal (child (f, "switcher_bar")));
  g_assert_false (gtk_widget_get_visible (child (f, "progress_box")));
  g_assert_false (prl_evaluation_page_get_busy (f->page));

  /* The explanation and a second way to start. */
  g_assert_nonnull (
      strstr (adw_status_page_get_description (child (f, "empty_page")), "test pairs"));
  {
    g_autoptr (GPtrArray) buttons
        = prl_test_find_all (child (f, "empty_page"), GTK_TYPE_BUTTON, NULL);

    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_cmpstr (gtk_button_get_label (buttons->pdata[0]), ==, "_Run Evaluation");
    g_assert_cmpstr (gtk_actionable_get_action_name (buttons->pdata[0]), ==,
                     "evaluation.run");
  }

  /* The model is renamed: the subtitle follows. */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    prl_workspace_rename_model_async (f->workspace, f->model, "cardiology", NULL,
                                      prl_test_result_cb, &result);
    g_assert_true (prl_workspace_rename_model_finish (
        f->workspace, prl_test_wait_for (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "cardiology");
  }

  /* Without a workspace or a model there is nothing to run. */
  lone = g_object_ref_sink (prl_evaluation_page_new ());
  g_assert_false (prl_evaluation_page_run (PRL_EVALUATION_PAGE (lone)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (
      gtk_widget_get_template_child (lone, PRL_TYPE_EVALUATION_PAGE, "run_button"))));
  prl_evaluation_page_set_model (PRL_EVALUATION_PAGE (lone), f->model);
  g_assert_false (prl_evaluation_page_run (PRL_EVALUATION_PAGE (lone)));
  g_assert_null (prl_evaluation_page_get_run (PRL_EVALUATION_PAGE (lone)));
}

static gboolean
failed_or_idle (gpointer data)
{
  Fixture *f = data;

  return !prl_evaluation_page_get_busy (f->page)
         && g_strcmp0 (content_page (f), "error") == 0;
}

static void
test_no_test_pairs (Fixture *f, gconstpointer data)
{
  GListModel *jobs = G_LIST_MODEL (prl_workspace_get_job_manager (f->workspace));
  g_autoptr (PrlJob) job = NULL;
  const char *description;

  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);
  /* The button does nothing: it is disabled, with the reason. */
  g_assert_false (gtk_widget_get_sensitive (child (f, "run_button")));
  g_assert_nonnull (strstr (adw_status_page_get_description (child (f, "empty_page")),
                            "has no test pairs"));
  gtk_widget_activate (child (f, "run_button"));
  prl_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);

  /* Started anyway (as the CLI would), the job fails with its message. */
  g_assert_true (prl_evaluation_page_run (f->page));
  prl_test_wait_until (failed_or_idle, f);

  /* A real job ran on the workspace's manager and failed. */
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  job = g_list_model_get_item (jobs, 0);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);

  description = adw_status_page_get_description (child (f, "error_page"));
  g_assert_nonnull (strstr (description, "has no test pairs"));
  g_assert_cmpstr (description, ==, prl_job_get_error (job)->message);
  g_assert_null (prl_evaluation_page_get_run (f->page));
  g_assert_false (gtk_widget_get_visible (child (f, "progress_box")));
  g_assert_false (action_enabled (f, "evaluation.run"));

  /* Over earlier results the message is a line above them instead. */
  prl_evaluation_page_set_run (f->page, f->run);
  g_assert_true (prl_evaluation_page_run (f->page));
  g_assert_true (prl_evaluation_page_get_busy (f->page)
                 || gtk_widget_get_visible (child (f, "message_box")));
  while (prl_evaluation_page_get_busy (f->page))
    prl_test_iterate (10);
  g_assert_cmpstr (content_page (f), ==, "results");
  g_assert_true (prl_evaluation_page_get_run (f->page) == f->run);
  g_assert_true (gtk_widget_get_visible (child (f, "message_box")));
  g_assert_true (gtk_widget_has_css_class (child (f, "message_box"), "error"));
  g_assert_nonnull (
      strstr (gtk_label_get_label (child (f, "message_label")), "has no test pairs"));
}

static guint
n_dropdown_items (Fixture *f)
{
  GListModel *model = gtk_drop_down_get_model (child (f, "version_dropdown"));

  return model ? g_list_model_get_n_items (model) : 0;
}

static const char *
dropdown_item (Fixture *f, guint i)
{
  GListModel *model = gtk_drop_down_get_model (child (f, "version_dropdown"));

  return gtk_string_list_get_string (GTK_STRING_LIST (model), i);
}

/* A real test pair: speech from espeak-ng and its transcript. */

#define SENTENCE "the weather is cold today"

static gboolean
job_done (gpointer data)
{
  return !prl_job_is_active (data);
}

static void
import (Fixture *f, const char *path, PrlDatasetType type)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (PrlImportJob) job
      = prl_workspace_import_files (f->workspace, f->model, &file, 1, type);

  prl_test_wait_until (job_done, job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
}

static gboolean
add_test_pair (Fixture *f)
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *src = g_build_filename (f->dir, "src", NULL);
  g_autofree char *wav = g_build_filename (src, "note1.wav", NULL);
  g_autofree char *txt = g_build_filename (src, "note1.txt", NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (espeak == NULL)
    {
      g_test_skip ("espeak-ng is not installed");
      return FALSE;
    }

  g_assert_cmpint (g_mkdir (src, 0700), ==, 0);
  {
    const char *argv[]
        = { espeak, "-v", "en-us+f2", "-s", "140", "-w", wav, SENTENCE, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_set_contents (txt, SENTENCE "\n", -1, NULL));

  import (f, wav, PRL_DATASET_TYPE_AUDIO);
  import (f, txt, PRL_DATASET_TYPE_TEST);
  return TRUE;
}

static gboolean
not_busy (gpointer data)
{
  Fixture *f = data;

  return !prl_evaluation_page_get_busy (f->page);
}

static PrlJob *
last_job (Fixture *f)
{
  GListModel *jobs = G_LIST_MODEL (prl_workspace_get_job_manager (f->workspace));
  guint       n = g_list_model_get_n_items (jobs);

  g_assert_cmpuint (n, >, 0);
  return g_list_model_get_item (jobs, n - 1);
}

static gboolean
has_run (gpointer data)
{
  Fixture *f = data;

  return prl_evaluation_page_get_run (f->page) != NULL;
}

static void
record_status_cb (GtkLabel *label, GParamSpec *pspec, GPtrArray *statuses)
{
  g_ptr_array_add (statuses, g_strdup (gtk_label_get_label (label)));
}

static void
test_real_run (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) statuses = NULL;
  g_autoptr (PrlJob) job = NULL;
  PrlEvalRun *run;

  if (!add_test_pair (f))
    return;

  /* A test pair arrived: Run is enabled. */
  prl_test_iterate (20);
  g_assert_true (action_enabled (f, "evaluation.run"));

  g_assert_true (prl_evaluation_page_run (f->page));
  statuses = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (child (f, "status_label"), "notify::label",
                    G_CALLBACK (record_status_cb), statuses);
  g_assert_true (prl_evaluation_page_get_busy (f->page));
  g_assert_true (gtk_widget_get_visible (child (f, "progress_box")));
  g_assert_false (action_enabled (f, "evaluation.run"));
  g_assert_true (gtk_widget_get_sensitive (child (f, "cancel_button")));
  /* A second start while it runs is refused. */
  g_assert_false (prl_evaluation_page_run (f->page));

  prl_test_wait_until (not_busy, f);
  job = last_job (f);
  g_assert_true (PRL_IS_EVALUATE_JOB (job));
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_SUCCEEDED);
  g_signal_handlers_disconnect_by_data (child (f, "status_label"), statuses);

  /* The count is of transcriptions (test files × models), never called
   * test files: "5 of 8 test files" was shown for 4 test files. */
  {
    gboolean counted = FALSE;

    for (guint i = 0; i < statuses->len; i++)
      {
        const char *text = statuses->pdata[i];
        guint       done, total;

        g_assert_null (strstr (text, "test files"));
        if (sscanf (text, "%u of %u transcriptions done", &done, &total) == 2)
          {
            /* One test pair, the stock model alone. */
            g_assert_cmpuint (total, ==, 1);
            g_assert_cmpuint (done, <=, total);
            counted = TRUE;
          }
      }
    (void)counted; /* the job may finish before the label is read */
  }

  run = prl_evaluation_page_get_run (f->page);
  g_assert_nonnull (run);
  g_assert_true (run == prl_evaluate_job_get_run (PRL_EVALUATE_JOB (job)));
  g_assert_cmpuint (prl_eval_run_get_n_utterances (run), ==, 1);
  g_assert_cmpstr (prl_eval_run_get_reference (run, 0), ==, SENTENCE);
  /* Never trained: the stock model alone. */
  g_assert_cmpuint (prl_eval_run_get_n_systems (run), ==, 1);
  g_assert_cmpstr (content_page (f), ==, "results");
  g_assert_cmpuint (n_dropdown_items (f), ==, 1);
  g_assert_cmpstr (dropdown_item (f, 0), ==, "Stock model");
  g_assert_false (gtk_widget_get_visible (child (f, "progress_box")));
  g_assert_false (gtk_widget_get_visible (child (f, "message_box")));
  g_assert_true (action_enabled (f, "export"));
  g_assert_true (prl_words_view_get_run (child (f, "words_view")) == run);

  /* Opened again, the page shows the stored results at once, scored
   * again but transcribed by nobody. */
  {
    PrlModel *model = g_object_ref (prl_evaluation_page_get_model (f->page));
    guint     n_jobs = g_list_model_get_n_items (
            G_LIST_MODEL (prl_workspace_get_job_manager (f->workspace)));
    PrlEvalRun *again;

    prl_evaluation_page_set_model (f->page, NULL);
    prl_evaluation_page_set_model (f->page, model);
    g_assert_null (prl_evaluation_page_get_run (f->page));
    prl_test_wait_until (has_run, f);
    again = prl_evaluation_page_get_run (f->page);
    g_assert_true (again != run);
    g_assert_cmpuint (prl_eval_run_get_n_systems (again), ==, 1);
    g_assert_cmpuint (prl_eval_run_get_row (again, 0)->computed, ==, 0);
    g_assert_cmpfloat (prl_eval_run_get_row (again, 0)->wer, ==,
                       prl_eval_run_get_row (run, 0)->wer);
    g_assert_cmpstr (content_page (f), ==, "results");
    g_assert_false (prl_evaluation_page_get_busy (f->page));
    /* Not a job of the job list. */
    g_assert_cmpuint (g_list_model_get_n_items (
                          G_LIST_MODEL (prl_workspace_get_job_manager (f->workspace))),
                      ==, n_jobs);
    g_object_unref (model);
  }
}

/* One review for every provider: a local model's rows and, after them,
 * an Amazon Transcribe model's on the same test set. The picker names
 * each with its provider and chooses the local model's newest version;
 * the review shows any of them against the local stock model. */
static void
test_providers (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("cardio", "default", &error);
  const char *hyps[4]
      = { "the patient has a trial fib relation", "the patient has atrial fibrillation",
          "the patient has atrial fib relation", "the patient has atrial fibrillation" };
  const char *models[4] = { NULL, NULL, "cardio-aws", "cardio-aws" };
  const char *providers[4] = { "local", "local", "aws-transcribe", "aws-transcribe" };
  const char *versions[4] = { NULL, V1, NULL, "cardio-aws-20261207T101500Z" };
  guint       u;

  g_assert_no_error (error);
  u = prl_eval_run_add_utterance (run, "utt1", "the patient has atrial fibrillation",
                                  "/nonexistent/a.wav");
  for (guint s = 0; s < 4; s++)
    {
      g_assert_cmpuint (
          prl_eval_run_add_system_full (run, models[s], providers[s], versions[s], NULL),
          ==, s);
      prl_eval_run_set_result (run, s, u, hyps[s], NULL, FALSE);
    }
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);

  prl_evaluation_page_set_run (f->page, run);
  prl_test_iterate (20);
  g_assert_cmpuint (n_dropdown_items (f), ==, 4);
  g_assert_cmpstr (dropdown_item (f, 0), ==, "Stock model — On this computer");
  g_assert_cmpstr (dropdown_item (f, 1), ==, V1 " — On this computer");
  g_assert_cmpstr (dropdown_item (f, 2), ==,
                   "Stock model (cardio-aws) — Amazon Transcribe");
  g_assert_cmpstr (dropdown_item (f, 3), ==,
                   "cardio-aws-20261207T101500Z — Amazon Transcribe");
  /* The model's own newest version, not the last row. */
  g_assert_cmpuint (prl_evaluation_page_get_system (f->page), ==, 1);

  gtk_drop_down_set_selected (child (f, "version_dropdown"), 3);
  prl_test_iterate (20);
  g_assert_cmpuint (prl_review_view_get_system (child (f, "review_view")), ==, 3);
  prl_evaluation_page_set_run (f->page, NULL);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;

  if (!add_test_pair (f))
    return;

  g_assert_true (prl_evaluation_page_run (f->page));
  gtk_widget_activate (child (f, "cancel_button"));
  prl_test_wait_until (not_busy, f);

  job = last_job (f);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_CANCELLED);
  /* Not an error: the explanation stays, with a note. */
  g_assert_null (prl_evaluation_page_get_run (f->page));
  g_assert_cmpstr (content_page (f), ==, "empty");
  g_assert_true (gtk_widget_get_visible (child (f, "message_box")));
  g_assert_false (gtk_widget_has_css_class (child (f, "message_box"), "error"));
  g_assert_cmpstr (gtk_label_get_label (child (f, "message_label")), ==,
                   "Evaluation cancelled");
  g_assert_true (action_enabled (f, "evaluation.run"));
}

static void
test_versions (Fixture *f, gconstpointer data)
{
  GtkDropDown *dropdown = child (f, "version_dropdown");

  prl_evaluation_page_set_run (f->page, f->run);
  prl_test_iterate (20);
  g_assert_true (prl_evaluation_page_get_run (f->page) == f->run);
  g_assert_cmpstr (content_page (f), ==, "results");
  g_assert_true (
      adw_view_switcher_title_get_view_switcher_enabled (child (f, "switcher_title")));
  g_assert_true (action_enabled (f, "export"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));

  /* Every system, stock first; the newest version chosen. */
  g_assert_cmpuint (n_dropdown_items (f), ==, 3);
  g_assert_cmpstr (dropdown_item (f, 0), ==, "Stock model");
  g_assert_cmpstr (dropdown_item (f, 1), ==, V1);
  g_assert_cmpstr (dropdown_item (f, 2), ==, V2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2);
  g_assert_cmpuint (prl_evaluation_page_get_system (f->page), ==, 2);
  g_assert_cmpuint (prl_review_view_get_system (child (f, "review_view")), ==, 2);
  g_assert_cmpuint (prl_words_view_get_system (child (f, "words_view")), ==, 2);

  /* The user picks the stock model, then the first version. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpuint (prl_evaluation_page_get_system (f->page), ==, 0);
  g_assert_cmpuint (prl_review_view_get_system (child (f, "review_view")), ==, 0);
  g_assert_cmpuint (prl_words_view_get_system (child (f, "words_view")), ==, 0);
  prl_evaluation_page_set_system (f->page, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpuint (prl_review_view_get_system (child (f, "review_view")), ==, 1);
  g_assert_cmpuint (prl_words_view_get_system (child (f, "words_view")), ==, 1);

  /* A system the run does not have changes nothing. */
  prl_evaluation_page_set_system (f->page, 9);
  g_assert_cmpuint (prl_evaluation_page_get_system (f->page), ==, 1);

  /* The views show the same run. */
  g_assert_true (prl_words_view_get_run (child (f, "words_view")) == f->run);
  g_assert_true (prl_review_view_get_run (child (f, "review_view")) == f->run);

  /* No run again: back to the explanation. */
  prl_evaluation_page_set_run (f->page, NULL);
  g_assert_cmpstr (content_page (f), ==, "empty");
  g_assert_cmpuint (n_dropdown_items (f), ==, 0);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_false (action_enabled (f, "export"));
  g_assert_null (prl_words_view_get_run (child (f, "words_view")));
}

static void
test_utterance_activated (Fixture *f, gconstpointer data)
{
  AdwViewStack *stack = child (f, "view_stack");
  PrlWordsView *words = child (f, "words_view");
  GtkWidget    *list;
  GtkWidget    *row = NULL;

  prl_evaluation_page_set_run (f->page, f->run);
  adw_view_stack_set_visible_child_name (stack, "words");
  prl_test_iterate (20);

  /* The newest version mishears “heart”, in the third utterance. */
  g_assert_true (prl_words_view_select_word (words, "heart", FALSE));
  list = (GtkWidget *)gtk_widget_get_template_child (
      GTK_WIDGET (words), PRL_TYPE_WORDS_VIEW, "utterance_list");
  for (GtkWidget *w = gtk_widget_get_first_child (list); w;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ACTION_ROW (w))
      row = w;
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "review");
  g_assert_cmpuint (prl_review_view_get_selected_utterance (child (f, "review_view")), ==,
                    2);

  /* Straight from the signal, another utterance. */
  adw_view_stack_set_visible_child_name (stack, "leaderboard");
  g_signal_emit_by_name (words, "utterance-activated", 0u);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "review");
  g_assert_cmpuint (prl_review_view_get_selected_utterance (child (f, "review_view")), ==,
                    0);
}

static void
exported_cb (PrlEvaluationPage *page, GFile *dest, const GError *error, Fixture *f)
{
  g_clear_error (&f->export_error);
  if (error != NULL)
    f->export_error = g_error_copy (error);
  f->n_exported++;
}

static void
run_export (Fixture *f, PrlWerReportFormat format, GFile *dest)
{
  gulong id = g_signal_connect (f->page, "exported", G_CALLBACK (exported_cb), f);

  f->n_exported = 0;
  prl_evaluation_page_export (f->page, format, dest);
  while (f->n_exported == 0)
    prl_test_iterate (10);
  g_signal_handler_disconnect (f->page, id);
}

/* SGML carries its creation time; everything else must match exactly. */
static char *
mask_date (const char *text)
{
  g_autoptr (GRegex) regex = g_regex_new ("creation_date=\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "creation_date=\"\"", 0, NULL);
}

static void
check_export (Fixture *f, PrlWerReportFormat format, const char *ext, guint system)
{
  g_autofree char *path = g_strdup_printf ("%s/out-%u.%s", f->dir, system, ext);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written_masked = NULL;
  g_autofree char *expected_masked = NULL;

  run_export (f, format, file);
  g_assert_no_error (f->export_error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_no_error (error);
  if (format == PRL_WER_REPORT_CSV)
    expected = prl_eval_run_export_csv_all (f->run, &error);
  else
    expected = prl_eval_run_export (f->run, system, format, &error);
  g_assert_no_error (error);
  g_assert_nonnull (expected);
  g_assert_cmpuint (strlen (written), >, 0);

  written_masked = mask_date (written);
  expected_masked = mask_date (expected);
  g_assert_cmpstr (written_masked, ==, expected_masked);
  if (format != PRL_WER_REPORT_SGML)
    g_assert_cmpstr (written, ==, expected);
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autofree char *name = NULL;

  prl_evaluation_page_set_run (f->page, f->run);

  /* Suggested names: the version's (which starts with the model's), or
   * the model's and “stock”. */
  name = prl_evaluation_page_dup_export_name (f->page, PRL_WER_REPORT_JSON);
  g_assert_cmpstr (name, ==, V2 ".json");
  g_free (name);
  /* The CSV holds every system, whichever is chosen. */
  name = prl_evaluation_page_dup_export_name (f->page, PRL_WER_REPORT_CSV);
  g_assert_cmpstr (name, ==, "cardio-evaluation.csv");
  g_free (name);
  prl_evaluation_page_set_system (f->page, 0);
  name = prl_evaluation_page_dup_export_name (f->page, PRL_WER_REPORT_JSON);
  g_assert_cmpstr (name, ==, "cardio-stock.json");
  g_free (name);
  name = prl_evaluation_page_dup_export_name (f->page, PRL_WER_REPORT_PRA);
  g_assert_cmpstr (name, ==, "cardio-stock.pra");

  /* The chosen system's report, as the run renders it. */
  check_export (f, PRL_WER_REPORT_CSV, "csv", 0);
  check_export (f, PRL_WER_REPORT_JSON, "json", 0);
  prl_evaluation_page_set_system (f->page, 1);
  check_export (f, PRL_WER_REPORT_CSV, "csv", 1);
  check_export (f, PRL_WER_REPORT_JSON, "json", 1);
  check_export (f, PRL_WER_REPORT_PRA, "pra", 1);
  check_export (f, PRL_WER_REPORT_SGML, "sgml", 1);

  /* The stock export and the version's differ. */
  {
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autofree char *pa = g_strdup_printf ("%s/out-0.json", f->dir);
    g_autofree char *pb = g_strdup_printf ("%s/out-1.json", f->dir);

    g_assert_true (g_file_get_contents (pa, &a, NULL, NULL));
    g_assert_true (g_file_get_contents (pb, &b, NULL, NULL));
    g_assert_cmpstr (a, !=, b);
  }

  /* The CSV: per utterance, the stock model then every version. */
  {
    g_autofree char *csv = NULL;
    g_autofree char *pc = g_strdup_printf ("%s/out-1.csv", f->dir);
    g_auto (GStrv) lines = NULL;
    guint n_systems = prl_eval_run_get_n_systems (f->run);
    guint n_utt = prl_eval_run_get_n_utterances (f->run);

    g_assert_true (g_file_get_contents (pc, &csv, NULL, NULL));
    lines = g_strsplit (csv, "\r\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "id,system,"));
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_utt * n_systems + 1);
    g_assert_true (g_str_has_prefix (lines[1], "utt1,cardio-stock,"));
    g_assert_true (g_str_has_prefix (lines[2], "utt1," V1 ","));
    g_assert_true (g_str_has_prefix (lines[3], "utt1," V2 ","));
    g_assert_true (g_str_has_prefix (lines[4], "utt2,cardio-stock,"));
  }

  /* The toast of a successful export offers to open the file. */
  {
    AdwToast *toast = prl_evaluation_page_get_export_toast (f->page);

    g_assert_nonnull (toast);
    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  }

  /* The next save dialog starts where the last export went. */
  {
    g_autoptr (GFile) folder = prl_evaluation_page_dup_export_folder ();
    g_autofree char *path = g_file_get_path (folder);

    g_assert_cmpstr (path, ==, f->dir);
  }
}

static gboolean
has_label_prefix (GtkWidget *root, const char *prefix)
{
  g_autoptr (GPtrArray) labels = prl_test_find_all (root, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), prefix))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shown (gpointer data)
{
  return has_label_prefix (data, "Could not export the results: ");
}

static void
test_export_error (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "missing", "out.csv", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "missing", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  prl_evaluation_page_set_run (f->page, f->run);
  g_assert_false (toast_shown (f->window));
  run_export (f, PRL_WER_REPORT_CSV, file);

  g_assert_error (f->export_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  prl_test_wait_until (toast_shown, f->window);

  /* A folder in the way of the file is left alone. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_clear_object (&file);
  file = g_file_new_for_path (folder);
  run_export (f, PRL_WER_REPORT_JSON, file);
  g_assert_nonnull (f->export_error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  prl_evaluation_page_set_run (f->page, NULL);
}

static void
test_model_switch (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) other = prl_test_create_model (f->workspace, "dictation");

  prl_evaluation_page_set_run (f->page, f->run);
  adw_view_stack_set_visible_child_name (child (f, "view_stack"), "words");

  /* Another model: the old results are not its results. */
  prl_evaluation_page_set_model (f->page, other);
  g_assert_null (prl_evaluation_page_get_run (f->page));
  g_assert_cmpstr (content_page (f), ==, "empty");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (child (f, "switcher_title")), ==,
                   "dictation");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (f, "view_stack")), ==,
                   "leaderboard");
  g_assert_null (prl_words_view_get_run (child (f, "words_view")));

  /* The same model again keeps what is shown. */
  prl_evaluation_page_set_run (f->page, f->run);
  prl_evaluation_page_set_model (f->page, other);
  g_assert_true (prl_evaluation_page_get_run (f->page) == f->run);

  prl_evaluation_page_set_model (f->page, NULL);
  g_assert_null (prl_evaluation_page_get_run (f->page));
  g_assert_false (action_enabled (f, "evaluation.run"));
  g_assert_false (prl_evaluation_page_run (f->page));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (child (f, "switcher_title")), ==,
                   "");
}

/* The window */

static gboolean
window_has_workspace (gpointer data)
{
  return prl_window_get_workspace (data) != NULL;
}

static const char *
leaflet_page (PrlWindow *window)
{
  g_autoptr (GPtrArray) leaflets
      = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);

  return leaflets->len ? adw_leaflet_get_visible_child_name (leaflets->pdata[0]) : NULL;
}

static gboolean
on_details (gpointer data)
{
  return g_strcmp0 (leaflet_page (data), "details") == 0;
}

static gboolean
on_evaluation (gpointer data)
{
  return g_strcmp0 (leaflet_page (data), "evaluation") == 0;
}

static void
test_window (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr (GPtrArray) details = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  PrlWindow  *window;
  PrlModel   *model;
  GtkWidget  *button;
  GtkWidget  *back;

  g_settings_set_boolean (settings, "getting-started-shown", TRUE);
  window = prl_window_new (NULL, dir);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_wait_until (window_has_workspace, window);
  model = prl_test_create_model (prl_window_get_workspace (window), "court-hearings");

  prl_window_show_model (window, model);
  prl_test_wait_until (on_details, window);
  details = prl_test_find_all (GTK_WIDGET (window), PRL_TYPE_MODEL_DETAILS_PAGE, NULL);
  g_assert_cmpuint (details->len, ==, 1);
  button = (GtkWidget *)gtk_widget_get_template_child (
      details->pdata[0], PRL_TYPE_MODEL_DETAILS_PAGE, "evaluation_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Evaluation");
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
  g_assert_true (gtk_widget_get_sensitive (button));

  gtk_widget_activate (button);
  prl_test_wait_until (on_evaluation, window);
  pages = prl_test_find_all (GTK_WIDGET (window), PRL_TYPE_EVALUATION_PAGE, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_true (prl_evaluation_page_get_model (pages->pdata[0]) == model);
  g_assert_true (prl_evaluation_page_get_workspace (pages->pdata[0])
                 == prl_window_get_workspace (window));
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (window), "Evaluate the Model"));

  /* Back goes to the model's details. */
  back = (GtkWidget *)gtk_widget_get_template_child (
      pages->pdata[0], PRL_TYPE_EVALUATION_PAGE, "back_button");
  gtk_widget_activate (back);
  prl_test_wait_until (on_details, window);
  g_assert_true (prl_model_details_page_get_model (details->pdata[0]) == model);

  g_object_unref (model);
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) top = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (top);
    }
  prl_test_iterate (100);
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  prl_local_register ();

#define ADD(path, func)                                                                  \
  g_test_add ("/evaluation-page/" path, Fixture, NULL, fixture_set_up, func,             \
              fixture_tear_down)
  ADD ("empty-state", test_empty_state);
  ADD ("no-test-pairs", test_no_test_pairs);
  ADD ("versions", test_versions);
  ADD ("providers", test_providers);
  ADD ("utterance-activated", test_utterance_activated);
  ADD ("export", test_export);
  ADD ("export-error", test_export_error);
  ADD ("model-switch", test_model_switch);
  ADD ("real-run", test_real_run);
  ADD ("cancel", test_cancel);
#undef ADD
  g_test_add_func ("/evaluation-page/window", test_window);

  return g_test_run ();
}
