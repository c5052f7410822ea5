/* test-sample.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "prl-evaluation-page.h"
#include "prl-getting-started-window.h"
#include "prl-local-provider.h"
#include "prl-model-details-page.h"
#include "prl-sample.h"
#include "prl-window.h"

#include "prl-gui-test-util.h"

/* The bundled sample: importing it creates a local model with the
 * sample's datasets through the ordinary import jobs, picks a free name,
 * refuses a folder without the sample before creating anything, and the
 * Getting Started guide's button does all that and opens the model, then
 * trains and evaluates it and lands on the leaderboard, as
 * `parlance-cli quickstart` does.
 */

/* The sample has test audio only where espeak-ng was found at build time. */
static gboolean
sample_built (void)
{
  g_autofree char *wav = g_build_filename (prl_sample_find_dir (), "clinic1.wav", NULL);

  if (g_file_test (wav, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_test_skip ("the sample audio was not built (no espeak-ng)");
  return FALSE;
}

static PrlModel *
import_sample (PrlWorkspace *ws, const char *dir, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_sample_import_async (ws, dir, NULL, prl_test_result_cb, &result);
  return prl_sample_import_finish (ws, prl_test_wait_for (&result), error);
}

typedef struct
{
  GListModel *list;
  guint       n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->list) >= wait->n;
}

/* The model's datasets as "TYPE:name" lines in list order, once all
 * @n are loaded.
 */
static char *
describe_datasets (PrlWorkspace *ws, PrlModel *model, guint n)
{
  CountWait wait = { prl_workspace_get_datasets (ws, model), n };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  prl_test_wait_until (has_n_items, &wait);
  prl_test_iterate (50);
  for (guint i = 0; i < g_list_model_get_n_items (wait.list); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (wait.list, i);

      g_ptr_array_add (
          lines, g_strdup_printf (
                     "%s:%s",
                     prl_dataset_type_to_string (prl_dataset_get_dataset_type (dataset)),
                     prl_dataset_get_name (dataset)));
    }
  g_ptr_array_sort (lines, (GCompareFunc)g_strcmp0);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *)lines->pdata[i]);
  return g_strdup (out->str);
}

static guint
count_type (PrlWorkspace *ws, PrlModel *model, PrlDatasetType type)
{
  GListModel *list = prl_workspace_get_datasets (ws, model);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (list, i);

      n += prl_dataset_get_dataset_type (dataset) == type;
    }
  return n;
}

static void
test_import (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTestPairs) pairs = NULL;
  g_autofree char *datasets = NULL;

  if (!sample_built ())
    return;

  ws = prl_test_open_workspace (dir);
  model = import_sample (ws, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  g_assert_cmpstr (prl_model_get_name (model), ==, "sample-cardiology");
  g_assert_cmpstr (prl_model_get_provider (model), ==, "local");
  g_assert_cmpstr (prl_model_get_language (model), ==, "en-US");
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 1);
  g_assert_true (prl_workspace_find_model (ws, "sample-cardiology") == model);

  /* One training text, one tuning text, four recordings and their four
   * transcripts, each with the type the guide promises.
   */
  datasets = describe_datasets (ws, model, 10);
  g_assert_cmpuint (count_type (ws, model, PRL_DATASET_TYPE_TRANSCRIPT), ==, 1);
  g_assert_cmpuint (count_type (ws, model, PRL_DATASET_TYPE_TUNING), ==, 1);
  g_assert_cmpuint (count_type (ws, model, PRL_DATASET_TYPE_AUDIO), ==, 4);
  g_assert_cmpuint (count_type (ws, model, PRL_DATASET_TYPE_TEST), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_datasets (ws, model)), ==,
                    10);
  g_assert_nonnull (strstr (datasets, ":training.txt\n"));
  g_assert_nonnull (strstr (datasets, ":tuning.txt\n"));
  g_assert_nonnull (strstr (datasets, ":clinic1.wav\n"));
  g_assert_nonnull (strstr (datasets, ":clinic4.txt\n"));

  /* Three datasets: the recordings with their transcripts are one. */
  {
    g_autoptr (GPtrArray) groups
        = prl_dataset_group_collect (prl_workspace_get_datasets (ws, model));

    g_assert_cmpuint (groups->len, ==, 3);
    g_assert_cmpstr (prl_dataset_group_get_name (groups->pdata[2]), ==, "clinic");
    g_assert_cmpuint (prl_dataset_group_get_n_files (groups->pdata[2]), ==, 8);
  }

  /* Every recording found its reference transcript. */
  pairs = prl_workspace_get_test_pairs (ws, model);
  g_assert_cmpuint (pairs->n_pairs, ==, 4);
  g_assert_cmpuint (pairs->unpaired->len, ==, 0);

  g_clear_object (&model);
  g_clear_object (&ws);
  prl_test_rm_rf (dir);
}

static void
test_second_import (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlModel) first = NULL;
  g_autoptr (PrlModel) second = NULL;
  g_autoptr (PrlModel) third = NULL;
  g_autoptr (GError) error = NULL;

  if (!sample_built ())
    return;

  ws = prl_test_open_workspace (dir);
  first = import_sample (ws, NULL, &error);
  g_assert_no_error (error);
  second = import_sample (ws, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (prl_model_get_name (first), ==, "sample-cardiology");
  g_assert_cmpstr (prl_model_get_name (second), ==, "sample-cardiology-2");
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 2);
  g_free (describe_datasets (ws, second, 10));
  g_assert_cmpuint (count_type (ws, second, PRL_DATASET_TYPE_AUDIO), ==, 4);
  g_assert_cmpuint (count_type (ws, second, PRL_DATASET_TYPE_TEST), ==, 4);
  /* The first model kept its own datasets. */
  g_free (describe_datasets (ws, first, 10));
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_datasets (ws, first)), ==,
                    10);

  /* A user's own model with a sample name is skipped over as well. */
  g_object_unref (prl_test_create_model (ws, "sample-cardiology-3"));
  third = import_sample (ws, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_model_get_name (third), ==, "sample-cardiology-4");

  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&third);
  g_clear_object (&ws);
  prl_test_rm_rf (dir);
}

static void
assert_not_installed (PrlWorkspace *ws, const char *sample_dir, const char *shown_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) model = import_sample (ws, sample_dir, &error);

  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "The sample is not installed: "));
  g_assert_nonnull (strstr (error->message, shown_dir));
  g_assert_nonnull (strstr (error->message, "espeak-ng"));
  prl_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 0);
}

static void
test_missing (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *sample = prl_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (sample, "no-such-folder", NULL);
  g_autofree char *training = g_build_filename (sample, "training.txt", NULL);
  g_autofree char *wav = g_build_filename (sample, "clinic1.wav", NULL);
  g_autofree char *env = g_strdup (g_getenv ("PARLANCE_SAMPLE_DIR"));
  g_autoptr (PrlWorkspace) ws = prl_test_open_workspace (dir);

  /* No folder at all, an empty one, text without the audio that
   * espeak-ng would have recorded, and audio without transcripts.
   */
  assert_not_installed (ws, missing, missing);
  assert_not_installed (ws, sample, sample);
  g_assert_true (
      g_file_set_contents (training, "the patient has atrial fibrillation\n", -1, NULL));
  assert_not_installed (ws, sample, sample);
  g_assert_true (g_file_set_contents (wav, "RIFF", -1, NULL));
  assert_not_installed (ws, sample, sample);

  /* PARLANCE_SAMPLE_DIR is where a NULL folder looks first. */
  g_setenv ("PARLANCE_SAMPLE_DIR", missing, TRUE);
  g_assert_cmpstr (prl_sample_find_dir (), ==, missing);
  assert_not_installed (ws, NULL, missing);
  if (env != NULL)
    g_setenv ("PARLANCE_SAMPLE_DIR", env, TRUE);
  else
    g_unsetenv ("PARLANCE_SAMPLE_DIR");

  g_clear_object (&ws);
  prl_test_rm_rf (dir);
  prl_test_rm_rf (sample);
}

/* The guide's button, in the real main window */

static gboolean
window_has_workspace (gpointer data)
{
  return prl_window_get_workspace (data) != NULL;
}

static gboolean
guide_closed (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_GETTING_STARTED_WINDOW) == NULL;
}

static gboolean
label_visible (gpointer data)
{
  return gtk_widget_get_visible (data) && gtk_widget_get_mapped (data);
}

static PrlWindow *
open_window_with_guide (const char *dir, GtkWindow **guide)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  PrlWindow *window;

  g_settings_set_boolean (settings, "getting-started-shown", TRUE);
  window = prl_window_new (NULL, dir);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_wait_until (window_has_workspace, window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.getting-started", NULL);
  prl_test_iterate (100);
  *guide = prl_test_find_toplevel (PRL_TYPE_GETTING_STARTED_WINDOW);
  g_assert_nonnull (*guide);
  g_assert_true (gtk_window_get_transient_for (*guide) == GTK_WINDOW (window));
  return window;
}

static void
close_all (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) top = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (top);
    }
  prl_test_iterate (100);
}

static GtkWidget *
guide_child (GtkWindow *guide, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (guide), PRL_TYPE_GETTING_STARTED_WINDOW, name));
}

static void
test_guide_button (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree char *datasets = NULL;
  GtkWindow       *guide;
  PrlWindow       *window;
  GtkWidget       *button;
  PrlModel        *shown;

  if (!sample_built ())
    return;

  window = open_window_with_guide (dir, &guide);
  button = guide_child (guide, "sample_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Try the _Sample");
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_nonnull (prl_test_find_label (
      GTK_WIDGET (guide), "Creates the model “sample-cardiology” with cardiology "
                          "training text and four recorded test sentences"));

  /* Import only: the model stops at Ready to Run. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (guide_child (guide, "train_check")),
                               FALSE);
  gtk_widget_activate (button);
  prl_test_wait_until (guide_closed, NULL);

  /* The main window shows the new model's details. */
  g_assert_cmpuint (g_list_model_get_n_items (
                        prl_workspace_get_models (prl_window_get_workspace (window))),
                    ==, 1);
  pages = prl_test_find_all (GTK_WIDGET (window), PRL_TYPE_MODEL_DETAILS_PAGE, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  shown = prl_model_details_page_get_model (pages->pdata[0]);
  g_assert_nonnull (shown);
  g_assert_cmpstr (prl_model_get_name (shown), ==, "sample-cardiology");
  datasets = describe_datasets (prl_window_get_workspace (window), shown, 10);
  g_assert_cmpuint (
      count_type (prl_window_get_workspace (window), shown, PRL_DATASET_TYPE_TEST), ==,
      4);
  prl_test_iterate (200);
  g_assert_cmpint (prl_model_get_status (shown), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
  g_assert_false (prl_job_manager_get_has_active (
      prl_workspace_get_job_manager (prl_window_get_workspace (window))));

  close_all ();
  prl_test_rm_rf (dir);
}

/* @widget lies inside @window's area, and no scroller holds it: it shows
 * without scrolling. */
static void
assert_in_view (GtkWindow *window, GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_null (gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (window)));
}

static PrlEvaluationPage *
evaluation_page (PrlWindow *window)
{
  g_autoptr (GPtrArray) pages
      = prl_test_find_all (GTK_WIDGET (window), PRL_TYPE_EVALUATION_PAGE, NULL);

  return pages->len ? pages->pdata[0] : NULL;
}

/* The leaderboard shows a finished run of the stock model and a version. */
static gboolean
on_leaderboard (gpointer data)
{
  PrlEvaluationPage *page = evaluation_page (data);
  GObject           *stack;
  PrlEvalRun        *run;

  if (page == NULL || prl_evaluation_page_get_busy (page)
      || !(run = prl_evaluation_page_get_run (page)))
    return FALSE;
  stack = gtk_widget_get_template_child (GTK_WIDGET (page), PRL_TYPE_EVALUATION_PAGE,
                                         "view_stack");
  return prl_eval_run_get_n_systems (run) == 2
         && g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)),
                       "leaderboard")
                == 0;
}

static gboolean
job_failed (PrlWindow *window)
{
  GListModel *jobs
      = G_LIST_MODEL (prl_workspace_get_job_manager (prl_window_get_workspace (window)));

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, i);

      if (prl_job_get_state (job) == PRL_JOB_STATE_FAILED)
        g_error ("%s failed: %s", prl_job_get_title (job),
                 prl_job_get_error (job)->message);
    }
  return FALSE;
}

static gboolean
landed_or_failed (gpointer data)
{
  return job_failed (data) || on_leaderboard (data);
}

/* At 1280x800 the guide's buttons show without scrolling; Try the Sample
 * then trains, evaluates and lands on the leaderboard. */
static void
test_guide_trains_and_evaluates (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  GtkWindow       *guide;
  PrlWindow       *window;
  PrlModel        *model;
  gint64           deadline;

  if (!sample_built ())
    return;

  window = open_window_with_guide (dir, &guide);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  prl_test_iterate (200);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (guide)), <=, 800);
  assert_in_view (guide, guide_child (guide, "sample_button"));
  assert_in_view (guide, guide_child (guide, "train_check"));
  assert_in_view (guide, guide_child (guide, "start_button"));
  /* What the button does, too. */
  assert_in_view (
      guide, prl_test_find_label (GTK_WIDGET (guide),
                                  "Creates the model “sample-cardiology” with cardiology "
                                  "training text and four recorded test sentences"));
  g_assert_true (gtk_check_button_get_active (
      GTK_CHECK_BUTTON (guide_child (guide, "train_check"))));

  gtk_widget_activate (guide_child (guide, "sample_button"));
  prl_test_wait_until (guide_closed, NULL);

  /* Training and evaluating the sample takes longer than the usual wait. */
  deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;
  while (!landed_or_failed (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      prl_test_iterate (100);
    }

  model
      = prl_workspace_find_model (prl_window_get_workspace (window), "sample-cardiology");
  g_assert_nonnull (model);
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_versions (
                        prl_window_get_workspace (window), model)),
                    ==, 1);
  {
    g_autoptr (GPtrArray) leaflets
        = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);

    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflets->pdata[0]), ==,
                     "evaluation");
  }

  close_all ();
  prl_test_rm_rf (dir);
}

static void
test_guide_button_missing (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *empty = prl_test_make_tmpdir ();
  g_autofree char *env = g_strdup (g_getenv ("PARLANCE_SAMPLE_DIR"));
  GtkWindow       *guide;
  PrlWindow       *window;
  GtkWidget       *error_label;

  g_setenv ("PARLANCE_SAMPLE_DIR", empty, TRUE);
  window = open_window_with_guide (dir, &guide);
  error_label = guide_child (guide, "sample_error");
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_widget_activate (guide_child (guide, "sample_button"));
  prl_test_wait_until (label_visible, error_label);

  /* The guide stays open, says why, and can be tried again. */
  g_assert_true (prl_test_find_toplevel (PRL_TYPE_GETTING_STARTED_WINDOW) == guide);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)),
                                   "The sample is not installed: "));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), empty));
  g_assert_true (gtk_widget_is_sensitive (guide_child (guide, "sample_button")));
  g_assert_false (gtk_widget_get_visible (guide_child (guide, "sample_spinner")));
  g_assert_cmpuint (g_list_model_get_n_items (
                        prl_workspace_get_models (prl_window_get_workspace (window))),
                    ==, 0);

  if (env != NULL)
    g_setenv ("PARLANCE_SAMPLE_DIR", env, TRUE);
  else
    g_unsetenv ("PARLANCE_SAMPLE_DIR");
  close_all ();
  prl_test_rm_rf (dir);
  prl_test_rm_rf (empty);
}

static gboolean
evaluation_ended (gpointer data)
{
  GListModel *jobs
      = G_LIST_MODEL (prl_workspace_get_job_manager (prl_window_get_workspace (data)));

  job_failed (data);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, i);

      if (PRL_IS_EVALUATE_JOB (job) && !prl_job_is_active (job))
        return TRUE;
    }
  return FALSE;
}

/* Moved elsewhere while the sample trains, the user stays there; the
 * evaluation still runs. */
static void
test_guide_evaluates_in_background (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (GPtrArray) leaflets = NULL;
  GtkWindow *guide;
  PrlWindow *window;
  gint64     deadline;

  if (!sample_built ())
    return;

  window = open_window_with_guide (dir, &guide);
  gtk_widget_activate (guide_child (guide, "sample_button"));
  prl_test_wait_until (guide_closed, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-models", NULL);

  deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;
  while (!evaluation_ended (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      prl_test_iterate (100);
    }

  leaflets = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflets->pdata[0]), ==, "models");

  close_all ();
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  /* The guide trains and evaluates with the real local provider. */
  prl_local_register ();

  g_test_add_func ("/sample/import", test_import);
  g_test_add_func ("/sample/second-import", test_second_import);
  g_test_add_func ("/sample/missing", test_missing);
  g_test_add_func ("/sample/guide-button", test_guide_button);
  g_test_add_func ("/sample/guide-button-missing", test_guide_button_missing);
  g_test_add_func ("/sample/guide-trains-and-evaluates", test_guide_trains_and_evaluates);
  g_test_add_func ("/sample/guide-evaluates-in-background",
                   test_guide_evaluates_in_background);

  return g_test_run ();
}
