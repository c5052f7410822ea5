/* test-review-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "prl-diff-view.h"
#include "prl-gui-test-util.h"
#include "prl-review-view.h"

/* The Review part of an evaluation on a literal run: the utterance list's
 * filters, counts and sort orders, the merged diff's columns, marks and
 * accessible labels, keyboard moves from error to error, the playback
 * position a click asks for, right-to-left layout, and bad inputs (no
 * run, only the stock model).
 *
 * utt1, the diff under test, aligns without ties:
 *   reference  the patient has  —   atrial   fibrillation  today
 *   stock      the patient has +very atrial  fib(S)        today
 *   version    the patient has  —   (D)      fibrillation  today
 * so columns 3, 4 and 5 hold the errors (an insertion, a deletion, a
 * substitution).
 */

#define VERSION "cardio-20261121T101500Z"

#define STOCK_WORDS                                                                      \
  "[{\"word\":\"the\",\"start\":0.1,\"end\":0.3},"                                       \
  "{\"word\":\"patient\",\"start\":0.4,\"end\":0.8},"                                    \
  "{\"word\":\"has\",\"start\":0.9,\"end\":1.1},"                                        \
  "{\"word\":\"very\",\"start\":1.2,\"end\":1.4},"                                       \
  "{\"word\":\"atrial\",\"start\":1.5,\"end\":1.9},"                                     \
  "{\"word\":\"fib\",\"start\":2.0,\"end\":2.4},"                                        \
  "{\"word\":\"today\",\"start\":2.6,\"end\":3.0}]"

#define VERSION_WORDS                                                                    \
  "[{\"word\":\"the\",\"start\":0.1,\"end\":0.3},"                                       \
  "{\"word\":\"patient\",\"start\":0.4,\"end\":0.8},"                                    \
  "{\"word\":\"has\",\"start\":0.9,\"end\":1.1},"                                        \
  "{\"word\":\"fibrillation\",\"start\":1.8,\"end\":2.4},"                               \
  "{\"word\":\"today\",\"start\":2.5,\"end\":3.0}]"

static PrlEvalRun *
make_run (gboolean with_version)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);
  guint       u[4];

  g_assert_no_error (error);
  u[0] = prl_eval_run_add_utterance (
      run, "utt1", "the patient has atrial fibrillation today", "/audio/utt1.wav");
  u[1] = prl_eval_run_add_utterance (run, "utt2", "heart rate normal", "/audio/utt2.wav");
  u[2] = prl_eval_run_add_utterance (run, "utt10", "blood pressure high",
                                     "/audio/utt10.wav");
  u[3] = prl_eval_run_add_utterance (run, "utt3", "no fever", "/audio/utt3.wav");
  prl_eval_run_add_system (run, NULL, "en-us");
  if (with_version)
    prl_eval_run_add_system (run, VERSION, "en-us");

  prl_eval_run_set_result (run, 0, u[0], "the patient has very atrial fib today",
                           STOCK_WORDS, TRUE);
  prl_eval_run_set_result (run, 0, u[1], "heart rate normal", NULL, TRUE);
  prl_eval_run_set_result (run, 0, u[2], "blood pressure is high", NULL, TRUE);
  prl_eval_run_set_result (run, 0, u[3], "no fever", NULL, TRUE);
  if (with_version)
    {
      prl_eval_run_set_result (run, 1, u[0], "the patient has fibrillation today",
                               VERSION_WORDS, TRUE);
      prl_eval_run_set_result (run, 1, u[1], "heart rate normal", NULL, TRUE);
      prl_eval_run_set_result (run, 1, u[2], "blood pressure high", NULL, TRUE);
      prl_eval_run_set_result (run, 1, u[3], "no favor", NULL, TRUE);
    }
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);
  return run;
}

typedef struct
{
  GtkWindow     *window;
  PrlReviewView *view;
  PrlEvalRun    *run;
  char          *played_path;
  double         played_seconds;
  guint          n_played;
} Fixture;

static void
play_requested_cb (PrlReviewView *view, const char *path, double seconds, Fixture *f)
{
  g_free (f->played_path);
  f->played_path = g_strdup (path);
  f->played_seconds = seconds;
  f->n_played++;
  /* No audio device in the tests. */
  g_signal_stop_emission_by_name (view, "play-requested");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  f->view = PRL_REVIEW_VIEW (prl_review_view_new ());
  g_signal_connect (f->view, "play-requested", G_CALLBACK (play_requested_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  f->run = make_run (data == NULL);
  prl_review_view_set_run (f->view, f->run);
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_assert_finalize_object (f->run);
  g_free (f->played_path);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (f->view), PRL_TYPE_REVIEW_VIEW, name);
}

/* The ids of the rows shown, in list order. */
static char *
shown_ids (Fixture *f)
{
  GtkListBox    *list = child (f, "list_box");
  GString       *out = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      {
        guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "utterance"));

        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, prl_eval_run_get_utterance_id (f->run, index));
      }
  return g_string_free (out, FALSE);
}

static const char *
count_text (Fixture *f)
{
  return gtk_label_get_label (child (f, "count_label"));
}

static GtkWidget *
find_cell (GtkWidget *diff, guint row, guint column)
{
  g_autoptr (GPtrArray) cells = prl_test_find_all (diff, GTK_TYPE_WIDGET, "diff-cell");

  for (guint i = 0; i < cells->len; i++)
    if (GPOINTER_TO_UINT (g_object_get_data (cells->pdata[i], "diff-row")) == row
        && GPOINTER_TO_UINT (g_object_get_data (cells->pdata[i], "diff-column"))
               == column)
      return cells->pdata[i];
  return NULL;
}

static guint
count_cells_in_row (GtkWidget *diff, guint row)
{
  g_autoptr (GPtrArray) cells = prl_test_find_all (diff, GTK_TYPE_WIDGET, "diff-cell");
  guint n = 0;

  for (guint i = 0; i < cells->len; i++)
    if (GPOINTER_TO_UINT (g_object_get_data (cells->pdata[i], "diff-row")) == row)
      n++;
  return n;
}

static const char *
cell_markup (GtkWidget *cell)
{
  GtkWidget *label
      = GTK_IS_BUTTON (cell) ? gtk_button_get_child (GTK_BUTTON (cell)) : cell;

  return gtk_label_get_label (GTK_LABEL (label));
}

static void
assert_cell (GtkWidget  *diff,
             guint       row,
             guint       column,
             const char *markup,
             const char *css,
             const char *accessible)
{
  GtkWidget       *cell = find_cell (diff, row, column);
  g_autofree char *mismatch = NULL;

  g_assert_nonnull (cell);
  g_assert_cmpstr (cell_markup (cell), ==, markup);
  g_assert_true (gtk_widget_has_css_class (cell, css));
  mismatch = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible);
  g_assert_null (mismatch);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==, accessible);
}

static GtkWidget *
diff_of (Fixture *f)
{
  return child (f, "diff_view");
}

/* Tests */

static void
test_list_and_count (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = shown_ids (f);

  g_assert_true (prl_review_view_get_run (f->view) == f->run);
  g_assert_cmpuint (prl_review_view_get_system (f->view), ==, 1);
  /* The first utterance is selected from the start: no empty diff. */
  g_assert_cmpuint (prl_review_view_get_selected_utterance (f->view), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "content");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "diff_stack")), ==,
                   "diff");
  /* By id, in natural order: utt10 after utt3. */
  g_assert_cmpstr (ids, ==, "utt1 utt2 utt3 utt10");
  g_assert_cmpstr (count_text (f), ==, "4 of 4 utterances shown");
  /* The row shows the version's WER and errors, and the stock WER. */
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (f->view),
                                         "WER 16.7 % · S 0 · D 1 · I 0 · stock 33.3 %"));
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (f->view),
                                         "WER 50.0 % · S 1 · D 0 · I 0 · stock 0.0 %"));
}

static void
test_only_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = NULL;

  gtk_check_button_set_active (child (f, "errors_check"), TRUE);
  prl_test_iterate (20);
  ids = shown_ids (f);
  /* utt10: only the stock model erred; utt3: only the version. */
  g_assert_cmpstr (ids, ==, "utt1 utt3 utt10");
  g_assert_cmpstr (count_text (f), ==, "3 of 4 utterances shown");

  /* Selecting a hidden utterance clears the filter that hides it. */
  prl_review_view_select_utterance (f->view, 1);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (f->view), ==, 1);
  g_assert_false (gtk_check_button_get_active (child (f, "errors_check")));
  g_assert_cmpstr (count_text (f), ==, "4 of 4 utterances shown");
}

static gboolean
count_is (gpointer data)
{
  gpointer *args = data;
  Fixture  *f = args[0];

  return g_strcmp0 (count_text (f), args[1]) == 0;
}

static void
search (Fixture *f, const char *text, const char *expected_count)
{
  gpointer args[2] = { f, (gpointer)expected_count };

  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), text);
  prl_test_wait_until (count_is, args);
}

static void
test_word_filter (Fixture *f, gconstpointer data)
{
  char *ids;

  /* A stock hypothesis word; case is normalized away. */
  search (f, "FIB", "1 of 4 utterances shown");
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, "utt1");
  g_free (ids);

  /* A version hypothesis word. */
  search (f, "favor", "1 of 4 utterances shown");
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, "utt3");
  g_free (ids);

  /* Words in a row. */
  search (f, "rate normal", "1 of 4 utterances shown");
  search (f, "normal rate", "0 of 4 utterances shown");

  /* Whole words only: "atr" is not "atrial". */
  search (f, "atr", "0 of 4 utterances shown");
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, "");
  g_free (ids);

  /* Selecting an utterance the search hides clears the search. */
  prl_review_view_select_utterance (f->view, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "search_entry"))), ==,
                   "");
  g_assert_cmpstr (count_text (f), ==, "4 of 4 utterances shown");
  g_assert_cmpuint (prl_review_view_get_selected_utterance (f->view), ==, 3);

  search (f, "", "4 of 4 utterances shown");
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  static const char *expected[] = {
    "utt1 utt2 utt3 utt10", /* by id */
    "utt3 utt1 utt2 utt10", /* highest WER first, ties in run order */
    "utt2 utt10 utt1 utt3", /* lowest WER first */
    "utt10 utt1 utt2 utt3", /* most improved first */
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *ids = NULL;

      gtk_drop_down_set_selected (child (f, "sort_dropdown"), i);
      prl_test_iterate (20);
      ids = shown_ids (f);
      g_assert_cmpstr (ids, ==, expected[i]);
    }
}

static void
test_diff_marks (Fixture *f, gconstpointer data)
{
  GtkWidget *diff = diff_of (f);

  prl_review_view_select_utterance (f->view, 0);
  prl_test_iterate (50);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (f->view), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "diff_stack")), ==,
                   "diff");
  g_assert_cmpstr (gtk_label_get_label (child (f, "utterance_label")), ==, "utt1");

  /* Six reference words and one insertion column. */
  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 7);
  g_assert_cmpuint (count_cells_in_row (diff, 0), ==, 7);
  g_assert_cmpuint (count_cells_in_row (diff, 1), ==, 7);
  g_assert_cmpuint (count_cells_in_row (diff, 2), ==, 7);

  /* Row names at the start, and the legend with the same marks. */
  g_assert_cmpstr (prl_diff_view_get_row_name (PRL_DIFF_VIEW (diff), 0), ==, "Reference");
  g_assert_cmpstr (prl_diff_view_get_row_name (PRL_DIFF_VIEW (diff), 1), ==,
                   "Stock model");
  g_assert_cmpstr (prl_diff_view_get_row_name (PRL_DIFF_VIEW (diff), 2), ==, VERSION);
  g_assert_cmpint (prl_diff_view_get_names_width (PRL_DIFF_VIEW (diff)), >, 0);
  g_assert_nonnull (prl_test_find_label (diff, "Substituted (S): bold, wavy underline"));
  g_assert_nonnull (prl_test_find_label (
      diff, "<span weight=\"bold\" underline=\"error\">word</span><sup>S</sup>"));
  g_assert_nonnull (prl_test_find_label (diff, "<s>word</s><sup>D</sup>"));
  g_assert_nonnull (prl_test_find_label (diff, "+<i>word</i><sup>I</sup>"));

  /* Correct words. */
  assert_cell (diff, 0, 0, "the", "diff-reference", "Reference: “the”");
  assert_cell (diff, 1, 0, "the", "diff-correct",
               "Stock model: “the”, correct, at 0.10 seconds");
  assert_cell (diff, 2, 0, "the", "diff-correct",
               VERSION ": “the”, correct, at 0.10 seconds");
  /* The stock model's insertion, with nothing in the other rows. */
  assert_cell (diff, 0, 3, "—", "diff-empty", "Reference: no word");
  assert_cell (diff, 1, 3, "+<i>very</i><sup>I</sup>", "diff-insertion",
               "Stock model: “very”, inserted, at 1.20 seconds");
  assert_cell (diff, 2, 3, "—", "diff-empty", VERSION ": no word");
  g_assert_false (GTK_IS_BUTTON (find_cell (diff, 0, 3)));
  /* The version's deletion. */
  assert_cell (diff, 0, 4, "atrial", "diff-reference", "Reference: “atrial”");
  assert_cell (diff, 1, 4, "atrial", "diff-correct",
               "Stock model: “atrial”, correct, at 1.50 seconds");
  assert_cell (diff, 2, 4, "<s>atrial</s><sup>D</sup>", "diff-deletion",
               VERSION ": deleted “atrial”");
  /* The stock model's substitution. */
  assert_cell (diff, 1, 5,
               "<span weight=\"bold\" underline=\"error\">fib</span><sup>S</sup>",
               "diff-substitution",
               "Stock model: “fib”, substituted for “fibrillation”, at 2.00 seconds");
  assert_cell (diff, 2, 5, "fibrillation", "diff-correct",
               VERSION ": “fibrillation”, correct, at 1.80 seconds");
  assert_cell (diff, 0, 6, "today", "diff-reference", "Reference: “today”");
}

/* The box of a diff column. */
static GtkWidget *
column_box (PrlDiffView *diff, guint column)
{
  GtkWidget *cell = find_cell (GTK_WIDGET (diff), 0, column);

  g_assert_nonnull (cell);
  return gtk_widget_get_parent (cell);
}

/* F8 and Shift+F8 are taken in the capture phase, on the whole view, so
 * neither the paned (whose F8 moves to its handle) nor the list can take
 * them first. */
static void
test_f8_anywhere (Fixture *f, gconstpointer data)
{
  g_autoptr (GListModel) controllers
      = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  gboolean next = FALSE, previous = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c)
          || gtk_event_controller_get_propagation_phase (c) != GTK_PHASE_CAPTURE)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr (GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (sc);
          GtkShortcutAction  *action = gtk_shortcut_get_action (sc);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action)
              || gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))
                     != GDK_KEY_F8)
            continue;
          if (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            next = g_str_equal (
                gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                "review.next-error");
          else if (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))
                   == GDK_SHIFT_MASK)
            previous = g_str_equal (
                gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                "review.previous-error");
        }
    }
  g_assert_true (next);
  g_assert_true (previous);

  /* From the utterance list, with nothing in the diff focused. */
  gtk_widget_grab_focus (GTK_WIDGET (child (f, "list_box")));
  prl_test_iterate (20);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "review.next-error", NULL);
  prl_test_iterate (20);
  g_assert_cmpint (prl_diff_view_get_focused_column (PRL_DIFF_VIEW (diff_of (f))), ==, 3);
}

/* Every wrapped line of a long utterance starts with the row names. */
static void
test_names_every_line (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("cardio", "default", &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *diff = prl_diff_view_new ();
  g_autoptr (GString) ref = g_string_new (NULL);
  int   gutter;
  guint u;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (ref, "%sword%u", i ? " " : "", i);
  u = prl_eval_run_add_utterance (run, "long", ref->str, NULL);
  prl_eval_run_add_system (run, NULL, "en-us");
  prl_eval_run_add_system (run, "v1", "en-us");
  prl_eval_run_set_result (run, 0, u, ref->str, NULL, TRUE);
  prl_eval_run_set_result (run, 1, u, ref->str, NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));

  gtk_window_set_default_size (window, 500, 600);
  gtk_window_set_child (window, diff);
  prl_diff_view_set_utterance (PRL_DIFF_VIEW (diff), run, 1, u);
  gtk_window_present (window);
  prl_test_iterate (100);

  gutter = prl_diff_view_get_names_width (PRL_DIFF_VIEW (diff));
  g_assert_cmpint (gutter, >, 0);
  g_assert_cmpuint (prl_diff_view_get_n_lines (PRL_DIFF_VIEW (diff)), >, 2);
  /* No column sits in the names' gutter, on any line. */
  for (guint c = 0; c < 40; c++)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (find_cell (diff, 0, c), diff, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, gutter - 0.5);
    }

  gtk_window_destroy (window);
  prl_test_iterate (20);
}

/* Every GtkShortcutsShortcut, shown or on another page. */
static void
collect_shortcuts (GtkWidget *widget, GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c;
       c = gtk_widget_get_next_sibling (c))
    collect_shortcuts (c, found);
}

/* The shortcuts window lists F8 and Shift+F8, and Ctrl+O only under the
 * dialog where it works. */
static void
test_shortcuts_window (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (
      "/io/github/parlance/Parlance/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr (GPtrArray) shortcuts = g_ptr_array_new ();
  gboolean f8 = FALSE, shift_f8 = FALSE, ctrl_o = FALSE;

  collect_shortcuts (overlay, shortcuts);

  g_assert_cmpuint (shortcuts->len, >, 0);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accel = NULL;
      g_autofree char *title = NULL;
      GtkWidget       *group
          = gtk_widget_get_ancestor (shortcuts->pdata[i], GTK_TYPE_SHORTCUTS_GROUP);
      g_autofree char *group_title = NULL;

      /* The window's search page has copies outside any group. */
      if (group == NULL)
        continue;
      g_object_get (shortcuts->pdata[i], "accelerator", &accel, "title", &title, NULL);
      g_object_get (group, "title", &group_title, NULL);
      if (accel == NULL)
        continue;
      if (g_str_has_prefix (accel, "F8"))
        f8 = TRUE;
      if (g_str_has_prefix (accel, "<Shift>F8"))
        shift_f8 = TRUE;
      if (strstr (accel, "<Primary>o") != NULL)
        {
          ctrl_o = TRUE;
          g_assert_cmpstr (group_title, ==, "New Dataset Dialog");
        }
    }
  g_assert_true (f8);
  g_assert_true (shift_f8);
  g_assert_true (ctrl_o);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_next_error (Fixture *f, gconstpointer data)
{
  PrlDiffView *diff = PRL_DIFF_VIEW (diff_of (f));
  GtkRoot     *root = gtk_widget_get_root (GTK_WIDGET (f->view));

  g_assert_true (gtk_widget_get_sensitive (child (f, "next_button")));
  prl_review_view_select_utterance (f->view, 0);
  prl_test_iterate (50);
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, -1);
  g_assert_true (gtk_widget_get_sensitive (child (f, "next_button")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "previous_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "next_button")), ==,
                   "Next Error (F8)");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "previous_button")), ==,
                   "Previous Error (Shift+F8)");

  g_assert_true (prl_diff_view_focus_next_error (diff, TRUE));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 3);
  /* The focus is on the column's error. */
  g_assert_true (gtk_root_get_focus (root) == find_cell (GTK_WIDGET (diff), 1, 3));

  g_assert_true (prl_diff_view_focus_next_error (diff, TRUE));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 4);
  g_assert_true (gtk_root_get_focus (root) == find_cell (GTK_WIDGET (diff), 2, 4));

  /* The review view's action (the Next Error button, F8). */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->view), "review.next-error", NULL));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 5);
  g_assert_true (gtk_root_get_focus (root) == find_cell (GTK_WIDGET (diff), 1, 5));

  /* The error the keyboard is at is marked, whether or not the focus
   * ring shows, and only that one. */
  g_assert_true (gtk_widget_has_css_class (column_box (diff, 5), "diff-current"));
  g_assert_false (gtk_widget_has_css_class (column_box (diff, 4), "diff-current"));
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (root)));

  /* No wrapping at the end of the diff itself. */
  g_assert_false (prl_diff_view_focus_next_error (diff, TRUE));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 5);

  /* The view's Next Error goes on to the next shown utterance with an
   * error: utt2 has none, utt3 ("no favor") has one. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "review.next-error", NULL);
  prl_test_iterate (20);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (f->view), ==, 3);
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 1);
  g_assert_true (gtk_widget_has_css_class (column_box (diff, 1), "diff-current"));
  /* And Previous Error back to utt1's last error. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "review.previous-error", NULL);
  prl_test_iterate (20);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (f->view), ==, 0);
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 5);

  g_assert_true (prl_diff_view_focus_next_error (diff, FALSE));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 4);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->view), "review.previous-error", NULL));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 3);
  g_assert_false (prl_diff_view_focus_next_error (diff, FALSE));
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), ==, 3);

  /* Tab reaches the words, through the flow box's wrappers. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (diff), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (gtk_widget_get_name (gtk_root_get_focus (root)), ==, "diff-cell");

  /* An utterance without errors has none to go to. */
  prl_review_view_select_utterance (f->view, 1);
  prl_test_iterate (20);
  /* The keyboard was in the diff: it stays there, at the first word. */
  g_assert_cmpint (prl_diff_view_get_focused_column (diff), <=, 0);
  g_assert_false (prl_diff_view_focus_next_error (diff, TRUE));
  g_assert_false (prl_diff_view_focus_next_error (diff, FALSE));
}

static gboolean
played_more (gpointer data)
{
  gpointer *args = data;
  Fixture  *f = args[0];

  return f->n_played > GPOINTER_TO_UINT (args[1]);
}

/* The button's "clicked" comes after its activation animation. */
static void
click (Fixture *f, guint row, guint column)
{
  GtkWidget *cell = find_cell (diff_of (f), row, column);
  gpointer   args[2] = { f, GUINT_TO_POINTER (f->n_played) };

  g_assert_true (GTK_IS_BUTTON (cell));
  gtk_widget_activate (cell);
  prl_test_wait_until (played_more, args);
}

static void
test_click_plays (Fixture *f, gconstpointer data)
{
  GtkWidget *diff = diff_of (f);

  prl_review_view_select_utterance (f->view, 0);
  prl_test_iterate (50);

  /* A stock hypothesis word: its own start. */
  click (f, 1, 5);
  g_assert_cmpuint (f->n_played, ==, 1);
  g_assert_cmpstr (f->played_path, ==, "/audio/utt1.wav");
  g_assert_cmpfloat_with_epsilon (f->played_seconds, 2.0, 1e-9);
  g_assert_cmpint (prl_diff_view_get_focused_column (PRL_DIFF_VIEW (diff)), ==, 5);

  /* A reference word: the version's aligned word. */
  click (f, 0, 5);
  g_assert_cmpfloat_with_epsilon (f->played_seconds, 1.8, 1e-9);
  click (f, 0, 1);
  g_assert_cmpfloat_with_epsilon (f->played_seconds, 0.4, 1e-9);

  /* A reference word the version deleted: the version's nearest timed
   * word ("fibrillation", next door; the insertion column between
   * "has" and "atrial" puts "has" further away). */
  click (f, 0, 4);
  g_assert_cmpfloat_with_epsilon (f->played_seconds, 1.8, 1e-9);

  /* The inserted word. */
  click (f, 1, 3);
  g_assert_cmpfloat_with_epsilon (f->played_seconds, 1.2, 1e-9);
  g_assert_cmpuint (f->n_played, ==, 5);

  /* No word times: from the start. */
  prl_review_view_select_utterance (f->view, 2);
  prl_test_iterate (50);
  click (f, 1, 2);
  g_assert_cmpuint (f->n_played, ==, 6);
  g_assert_cmpstr (f->played_path, ==, "/audio/utt10.wav");
  g_assert_cmpfloat (f->played_seconds, ==, 0.0);
  click (f, 0, 0);
  g_assert_cmpfloat (f->played_seconds, ==, 0.0);
}

static void
test_default_player (void)
{
  PrlReviewView *view = PRL_REVIEW_VIEW (prl_review_view_new ());

  g_object_ref_sink (view);
  /* No audio device and no such file: the default handler must cope. */
  g_signal_emit_by_name (view, "play-requested", "/nonexistent/utt1.wav", 1.5);
  g_signal_emit_by_name (view, "play-requested", "/nonexistent/utt1.wav", 0.5);
  g_signal_emit_by_name (view, "play-requested", "/nonexistent/utt2.wav", 0.0);
  prl_test_iterate (100);
  g_assert_finalize_object (view);
}

static double
x_of (GtkWidget *widget, GtkWidget *root)
{
  graphene_point_t point;

  g_assert_true (
      gtk_widget_compute_point (widget, root, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.x;
}

static void
test_rtl (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("arabic", "default", &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *diff = prl_diff_view_new ();
  guint      u, en;

  g_assert_no_error (error);
  u = prl_eval_run_add_utterance (run, "ar1", "مرحبا بالعالم الكبير", "/audio/ar1.wav");
  en = prl_eval_run_add_utterance (run, "en1", "good morning world", "/audio/en1.wav");
  prl_eval_run_add_system (run, NULL, "ar");
  prl_eval_run_add_system (run, "v1", "ar");
  prl_eval_run_set_result (run, 0, u, "مرحبا بالعالم الكبير", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u, "مرحبا العالم الكبير", NULL, TRUE);
  prl_eval_run_set_result (run, 0, en, "good morning world", NULL, TRUE);
  prl_eval_run_set_result (run, 1, en, "good morning world", NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);

  gtk_widget_set_direction (diff, GTK_TEXT_DIR_RTL);
  gtk_window_set_default_size (window, 800, 400);
  gtk_window_set_child (window, diff);
  gtk_window_present (window);
  prl_diff_view_set_utterance (PRL_DIFF_VIEW (diff), run, 1, u);
  prl_test_iterate (100);

  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 3);
  /* Right to left: the first word, and the row names before it, on the right. */
  g_assert_cmpfloat (x_of (find_cell (diff, 0, 0), GTK_WIDGET (window)), >,
                     x_of (find_cell (diff, 0, 1), GTK_WIDGET (window)));
  g_assert_cmpfloat (x_of (find_cell (diff, 0, 1), GTK_WIDGET (window)), >,
                     x_of (find_cell (diff, 0, 2), GTK_WIDGET (window)));
  /* The names' gutter is on the right, where the lines start. */
  g_assert_cmpfloat (x_of (find_cell (diff, 0, 0), diff)
                         + gtk_widget_get_width (find_cell (diff, 0, 0)),
                     <=,
                     gtk_widget_get_width (diff)
                         - prl_diff_view_get_names_width (PRL_DIFF_VIEW (diff)) + 0.5);
  assert_cell (diff, 2, 1,
               "<span weight=\"bold\" underline=\"error\">العالم</span><sup>S</sup>",
               "diff-substitution", "v1: “العالم”, substituted for “بالعالم”");

  /* The reading order follows the text: English reads left to right
   * even in a right-to-left interface. */
  prl_diff_view_set_utterance (PRL_DIFF_VIEW (diff), run, 1, en);
  prl_test_iterate (100);
  g_assert_cmpfloat (x_of (find_cell (diff, 0, 0), GTK_WIDGET (window)), <,
                     x_of (find_cell (diff, 0, 1), GTK_WIDGET (window)));

  /* And Arabic right to left in a left-to-right interface. */
  gtk_widget_set_direction (diff, GTK_TEXT_DIR_LTR);
  prl_diff_view_set_utterance (PRL_DIFF_VIEW (diff), run, 1, u);
  prl_test_iterate (100);
  g_assert_cmpfloat (x_of (find_cell (diff, 0, 0), GTK_WIDGET (window)), >,
                     x_of (find_cell (diff, 0, 1), GTK_WIDGET (window)));

  gtk_window_destroy (window);
  prl_test_iterate (50);
}

static void
test_no_run (void)
{
  GtkWindow     *window = GTK_WINDOW (gtk_window_new ());
  PrlReviewView *view = PRL_REVIEW_VIEW (prl_review_view_new ());
  g_autoptr (PrlEvalRun) run = make_run (TRUE);
  GtkWidget *diff;

  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  prl_test_iterate (50);
  diff = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                    PRL_TYPE_REVIEW_VIEW, "diff_view"));

  g_assert_null (prl_review_view_get_run (view));
  g_assert_cmpstr (
      gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
          GTK_WIDGET (view), PRL_TYPE_REVIEW_VIEW, "stack"))),
      ==, "empty");
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (view), "Nothing to Review"));
  prl_review_view_select_utterance (view, 0);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (view), ==, G_MAXUINT);
  prl_review_view_set_system (view, 3);
  g_assert_cmpuint (prl_review_view_get_system (view), ==, 0);
  /* Nothing to move through: Next Error and Previous Error are off. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (view), PRL_TYPE_REVIEW_VIEW, "next_button"))));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (view), PRL_TYPE_REVIEW_VIEW, "previous_button"))));

  /* A run, then none again. */
  prl_review_view_set_run (view, run);
  prl_review_view_select_utterance (view, 0);
  prl_test_iterate (20);
  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 7);
  /* Out of range: nothing selected. */
  prl_review_view_set_system (view, 99);
  g_assert_cmpuint (prl_review_view_get_system (view), ==, 1);
  prl_review_view_select_utterance (view, 99);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (view), ==, G_MAXUINT);
  /* A word typed in the search while the run goes away (another model
   * opened): the old rows are filtered without a run. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (
                             GTK_WIDGET (view), PRL_TYPE_REVIEW_VIEW, "search_entry")),
                         "atrial");
  prl_test_iterate (20);
  prl_review_view_set_run (view, NULL);
  prl_test_iterate (20);
  g_assert_cmpuint (prl_review_view_get_selected_utterance (view), ==, G_MAXUINT);
  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 0);

  /* The diff alone, without a run or with a bad index. */
  prl_diff_view_set_utterance (PRL_DIFF_VIEW (diff), NULL, 0, 0);
  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 0);
  g_assert_false (prl_diff_view_focus_next_error (PRL_DIFF_VIEW (diff), TRUE));
  g_assert_cmpint (prl_diff_view_get_focused_column (PRL_DIFF_VIEW (diff)), ==, -1);
  prl_diff_view_set_utterance (PRL_DIFF_VIEW (diff), run, 1, 42);
  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 0);

  gtk_window_destroy (window);
  prl_test_iterate (50);
}

/* A run with only the stock model: the version row is left out. */
static void
test_stock_only (Fixture *f, gconstpointer data)
{
  GtkWidget       *diff = diff_of (f);
  g_autofree char *ids = NULL;

  g_assert_cmpuint (prl_review_view_get_system (f->view), ==, 0);
  gtk_check_button_set_active (child (f, "errors_check"), TRUE);
  prl_test_iterate (20);
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, "utt1 utt10");
  g_assert_nonnull (
      prl_test_find_label (GTK_WIDGET (f->view), "WER 33.3 % · S 1 · D 0 · I 1"));

  prl_review_view_select_utterance (f->view, 0);
  prl_test_iterate (50);
  g_assert_cmpuint (prl_diff_view_get_n_columns (PRL_DIFF_VIEW (diff)), ==, 7);
  g_assert_cmpuint (count_cells_in_row (diff, 0), ==, 7);
  g_assert_cmpuint (count_cells_in_row (diff, 1), ==, 7);
  g_assert_cmpuint (count_cells_in_row (diff, 2), ==, 0);
  g_assert_cmpstr (prl_diff_view_get_row_name (PRL_DIFF_VIEW (diff), 1), ==,
                   "Stock model");
  g_assert_null (prl_diff_view_get_row_name (PRL_DIFF_VIEW (diff), 2));
  assert_cell (diff, 1, 5,
               "<span weight=\"bold\" underline=\"error\">fib</span><sup>S</sup>",
               "diff-substitution",
               "Stock model: “fib”, substituted for “fibrillation”, at 2.00 seconds");

  /* Errors are the stock model's: the insertion and the substitution. */
  g_assert_true (prl_diff_view_focus_next_error (PRL_DIFF_VIEW (diff), TRUE));
  g_assert_cmpint (prl_diff_view_get_focused_column (PRL_DIFF_VIEW (diff)), ==, 3);
  g_assert_true (prl_diff_view_focus_next_error (PRL_DIFF_VIEW (diff), TRUE));
  g_assert_cmpint (prl_diff_view_get_focused_column (PRL_DIFF_VIEW (diff)), ==, 5);
  g_assert_false (prl_diff_view_focus_next_error (PRL_DIFF_VIEW (diff), TRUE));

  click (f, 0, 4);
  g_assert_cmpfloat_with_epsilon (f->played_seconds, 1.5, 1e-9);
}

int
main (int argc, char *argv[])
{
  /* Never touch an audio device, whatever media backend is installed. */
  g_setenv ("GTK_MEDIA", "none", TRUE);
  /* The test accessibility backend, so accessible labels can be read
   * back (the suite's GTK_A11Y=none has no context to ask). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func, data)                                                            \
  g_test_add ("/review-view/" path, Fixture, data, fixture_set_up, func,                 \
              fixture_tear_down)
  ADD ("list-and-count", test_list_and_count, NULL);
  ADD ("only-errors", test_only_errors, NULL);
  ADD ("word-filter", test_word_filter, NULL);
  ADD ("sort", test_sort, NULL);
  ADD ("diff-marks", test_diff_marks, NULL);
  ADD ("next-error", test_next_error, NULL);
  ADD ("f8-anywhere", test_f8_anywhere, NULL);
  ADD ("click-plays", test_click_plays, NULL);
  ADD ("stock-only", test_stock_only, "stock-only");
#undef ADD
  g_test_add_func ("/review-view/default-player", test_default_player);
  g_test_add_func ("/review-view/rtl", test_rtl);
  g_test_add_func ("/review-view/names-every-line", test_names_every_line);
  g_test_add_func ("/review-view/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/review-view/no-run", test_no_run);

  return g_test_run ();
}
