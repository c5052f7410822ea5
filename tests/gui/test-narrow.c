/* test-narrow.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "prl-datasets-view.h"
#include "prl-diff-view.h"
#include "prl-evaluation-page.h"
#include "prl-gui-test-util.h"
#include "prl-model-details-page.h"
#include "prl-review-view.h"
#include "prl-window.h"
#include "prl-workspace.h"

/* The main window on a phone-sized screen: its minimum width, measured
 * with gtk_widget_measure on the models list, a model's details with
 * datasets and the evaluation's review, stays within 360 px; the
 * datasets table's Actions column can be scrolled to; and the review's
 * diff puts several words on a line at 360 px.
 */

#define NARROW 360

typedef struct
{
  char         *dir;
  char         *in_dir;
  PrlWorkspace *workspace; /* (unowned): the window's */
  PrlModel     *model;
  PrlWindow    *window;
  PrlEvalRun   *run;
} Fixture;

static GFile *
write_text (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, "the patient was stable\nno new complaints today\n", -1,
                       &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
import_text (Fixture *f, const char *name)
{
  g_autoptr (GFile) file = write_text (f, name);
  g_autoptr (PrlImportJob) job = prl_workspace_import_files (
      f->workspace, f->model, &file, 1, PRL_DATASET_TYPE_TRANSCRIPT);

  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
}

/* Sentences of short words, so that a line can hold several. */
static PrlEvalRun *
make_run (void)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("clinic", "default", &error);
  guint       u;

  g_assert_no_error (error);
  u = prl_eval_run_add_utterance (run, "utt1",
                                  "the cat sat on the mat and the dog ran to the pen",
                                  "/nonexistent/a.wav");
  prl_eval_run_add_system (run, NULL, "en-us");
  prl_eval_run_add_system (run, "clinic-20261121T101500Z", "en-us");
  prl_eval_run_set_result (run, 0, u, "the cat sat in a mat and a dog ran to the pen",
                           NULL, TRUE);
  prl_eval_run_set_result (run, 1, u, "the cat sat on the mat and the dog ran to a pen",
                           NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);
  return run;
}

static gboolean
window_has_workspace (gpointer data)
{
  return prl_window_get_workspace (data) != NULL;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);

  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  g_object_unref (prl_test_create_model (f->workspace, "clinic"));
  g_assert_finalize_object (f->workspace);
  f->run = make_run ();

  g_settings_set_boolean (settings, "getting-started-shown", TRUE);
  f->window = prl_window_new (NULL, f->dir);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  prl_test_wait_until (window_has_workspace, f->window);

  /* The window's own workspace and model, so that it sees the imports. */
  f->workspace = prl_window_get_workspace (f->window);
  f->model = g_list_model_get_item (prl_workspace_get_models (f->workspace), 0);
  import_text (f, "notes-with-a-rather-long-file-name.txt");
  import_text (f, "more.txt");
  prl_test_iterate (200);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->model);
  gtk_window_destroy (GTK_WINDOW (f->window));
  prl_test_iterate (100);
  g_assert_finalize_object (f->run);
  prl_test_rm_rf (f->dir);
  prl_test_rm_rf (f->in_dir);
  g_free (f->dir);
  g_free (f->in_dir);
}

/* What the window's content needs at the least, in width. */
static int
min_width (Fixture *f)
{
  GtkWidget *content
      = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  int minimum = 0, natural = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL,
                      NULL);
  return minimum;
}

static gpointer
find_one (Fixture *f, GType type)
{
  GtkWidget *found = prl_test_find_first (GTK_WIDGET (f->window), type, NULL);

  if (found == NULL)
    g_error ("No %s shown", g_type_name (type));
  return found;
}

static void
resize (Fixture *f, int width)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
  prl_test_iterate (300);
}

static void
test_models_page (Fixture *f, gconstpointer data)
{
  prl_window_show_models (f->window);
  prl_test_iterate (100);
  g_test_message ("models page: minimum width %d", min_width (f));
  g_assert_cmpint (min_width (f), <=, NARROW);
}

static gboolean
is_ancestor_scrolled_h (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkPolicyType h;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &h, NULL);
        return h != GTK_POLICY_NEVER && h != GTK_POLICY_EXTERNAL;
      }
  return FALSE;
}

static void
test_details_page (Fixture *f, gconstpointer data)
{
  GtkWidget     *view;
  GtkColumnView *table;
  GListModel    *columns;
  gboolean       has_actions = FALSE;

  prl_window_show_model (f->window, f->model);
  prl_test_iterate (300);
  g_test_message ("details page: minimum width %d", min_width (f));
  g_assert_cmpint (min_width (f), <=, NARROW);

  /* The Actions column is there, and reachable by scrolling the table. */
  resize (f, NARROW);
  view = find_one (f, PRL_TYPE_DATASETS_VIEW);
  table = find_one (f, GTK_TYPE_COLUMN_VIEW);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (table), view));
  columns = gtk_column_view_get_columns (table);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Actions") == 0)
        has_actions = gtk_column_view_column_get_visible (column);
    }
  g_assert_true (has_actions);
  g_assert_true (is_ancestor_scrolled_h (GTK_WIDGET (table)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, NARROW);
}

/* How many of the reference's word cells share a line with an earlier
 * one (the cells are named "diff-cell" and carry their row). */
static guint
n_words_sharing_a_line (GtkWidget *diff)
{
  g_autoptr (GPtrArray) cells = prl_test_find_all (diff, GTK_TYPE_WIDGET, "diff-cell");
  g_autoptr (GHashTable) lines = g_hash_table_new (NULL, NULL);
  guint shared = 0, n_words = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget       *cell = cells->pdata[i];
      graphene_point_t p;
      gpointer         y;

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "diff-row")) != 0)
        continue;
      n_words++;
      g_assert_true (
          gtk_widget_compute_point (cell, diff, &GRAPHENE_POINT_INIT (0, 0), &p));
      y = GINT_TO_POINTER ((int)p.y + 1);
      if (g_hash_table_contains (lines, y))
        shared++;
      else
        g_hash_table_add (lines, y);
    }
  g_assert_cmpuint (n_words, ==, 13);
  return shared;
}

static void
test_review (Fixture *f, gconstpointer data)
{
  PrlEvaluationPage *page;
  GtkWidget         *diff;
  GtkWidget         *review;
  AdwViewStack      *stack;

  prl_window_show_model (f->window, f->model);
  prl_test_iterate (100);
  g_signal_emit_by_name (find_one (f, PRL_TYPE_MODEL_DETAILS_PAGE), "evaluate-requested",
                         f->model);
  prl_test_iterate (200);
  page = find_one (f, PRL_TYPE_EVALUATION_PAGE);
  prl_evaluation_page_set_run (page, f->run);
  stack = find_one (f, ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (stack, "review");
  prl_test_iterate (300);
  g_test_message ("review: minimum width %d", min_width (f));
  g_assert_cmpint (min_width (f), <=, NARROW);

  /* Wide: the list and the diff side by side. */
  review = find_one (f, PRL_TYPE_REVIEW_VIEW);
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (
      gtk_widget_get_template_child (review, PRL_TYPE_REVIEW_VIEW, "leaflet"))));
  g_assert_nonnull (find_one (f, GTK_TYPE_LIST_BOX_ROW));
  g_assert_nonnull (find_one (f, PRL_TYPE_DIFF_VIEW));

  resize (f, NARROW);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, NARROW);
  /* List and diff take turns: choosing an utterance opens its diff, and
   * Back returns to the list. */
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (
      gtk_widget_get_template_child (review, PRL_TYPE_REVIEW_VIEW, "leaflet"))));
  g_assert_true (gtk_widget_activate (find_one (f, GTK_TYPE_LIST_BOX_ROW)));
  prl_test_iterate (600);
  diff = find_one (f, PRL_TYPE_DIFF_VIEW);
  g_test_message ("review: %u of the reference's words share a line",
                  n_words_sharing_a_line (diff));
  /* Two words a line on average at least: 13 words on at most 6 lines. */
  g_assert_cmpuint (n_words_sharing_a_line (diff), >=, 7);

  gtk_widget_activate_action (review, "review.show-list", NULL);
  prl_test_iterate (600);
  g_assert_false (gtk_widget_get_mapped (diff));
  g_assert_true (gtk_widget_get_mapped (find_one (f, GTK_TYPE_LIST_BOX_ROW)));

  /* F8 goes to the next error, which is in the diff. */
  gtk_widget_activate_action (review, "review.next-error", NULL);
  prl_test_iterate (600);
  g_assert_true (gtk_widget_get_mapped (diff));
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (f->window))));
  g_assert_true (
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), diff));
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  g_test_add ("/narrow/models-page", Fixture, NULL, fixture_set_up, test_models_page,
              fixture_tear_down);
  g_test_add ("/narrow/details-page", Fixture, NULL, fixture_set_up, test_details_page,
              fixture_tear_down);
  g_test_add ("/narrow/review", Fixture, NULL, fixture_set_up, test_review,
              fixture_tear_down);
  return g_test_run ();
}
