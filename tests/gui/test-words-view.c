/* test-words-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "prl-gui-test-util.h"
#include "prl-words-view.h"

/* Missed words and words fixed of a run built from literal text: the
 * stock model splits “atrial” and “fibrillation”, the version gets them
 * right but mishears “heart”.
 */

#define VERSION "cardio-20261121T101500Z"

static PrlEvalRun *
make_run (void)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);
  guint       u0, u1, u2;

  g_assert_no_error (error);
  u0 = prl_eval_run_add_utterance (run, "utt1", "the patient has atrial fibrillation",
                                   "/nonexistent/a.wav");
  u1 = prl_eval_run_add_utterance (run, "utt2", "atrial flutter was seen",
                                   "/nonexistent/b.wav");
  u2 = prl_eval_run_add_utterance (run, "utt3", "the heart rate is normal",
                                   "/nonexistent/c.wav");
  g_assert_cmpuint (prl_eval_run_add_system (run, NULL, "en-us"), ==, 0);
  g_assert_cmpuint (prl_eval_run_add_system (run, VERSION, "en-us"), ==, 1);

  prl_eval_run_set_result (run, 0, u0, "the patient has a trial fib relation", NULL,
                           TRUE);
  prl_eval_run_set_result (run, 0, u1, "a trial flutter was seen", NULL, TRUE);
  prl_eval_run_set_result (run, 0, u2, "the heart rate is normal", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u0, "the patient has atrial fibrillation", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u1, "atrial flutter was seen", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u2, "the hard rate is normal", NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);
  return run;
}

typedef struct
{
  GtkWindow    *window;
  PrlWordsView *view;
  PrlEvalRun   *run;
  GArray       *activated;
} Fixture;

static void
activated_cb (PrlWordsView *view, guint utterance, Fixture *f)
{
  g_array_append_val (f->activated, utterance);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  f->view = PRL_WORDS_VIEW (prl_words_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  f->run = make_run ();
  f->activated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->view, "utterance-activated", G_CALLBACK (activated_cb), f);
  gtk_window_present (f->window);
  prl_test_iterate (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (20);
  g_assert_finalize_object (f->run);
  g_array_unref (f->activated);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (f->view), PRL_TYPE_WORDS_VIEW, name);
}

static const char *
label_text (Fixture *f, const char *name)
{
  return gtk_label_get_label (child (f, name));
}

/* "word=count" for each row of a words list, joined by spaces. */
static char *
describe_words (Fixture *f, const char *list_name)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (child (f, list_name)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      g_string_append_printf (
          out, "%s%s=%s", out->len ? " " : "",
          gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (box))),
          gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (box))));
    }
  return g_string_free (out, FALSE);
}

/* "id: reference" for each utterance row, joined by " | ". */
static char *
describe_utterances (Fixture *f)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "utterance_list")); row;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      g_string_append_printf (out, "%s%s: %s", out->len ? " | " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
nth_utterance_row (Fixture *f, guint n)
{
  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "utterance_list")); row;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && n-- == 0)
      return row;
  return NULL;
}

static const char *
stack_page (Fixture *f, const char *name)
{
  return gtk_stack_get_visible_child_name (child (f, name));
}

static void
test_missed_and_fixed (Fixture *f, gconstpointer data)
{
  g_autofree char *missed = NULL;
  g_autofree char *fixed = NULL;

  prl_words_view_set_run (f->view, f->run);
  g_assert_true (prl_words_view_get_run (f->view) == f->run);
  /* The newest version is shown first. */
  g_assert_cmpuint (prl_words_view_get_system (f->view), ==, 1);

  missed = describe_words (f, "missed_list");
  fixed = describe_words (f, "fixed_list");
  g_assert_cmpstr (missed, ==, "heart=1");
  g_assert_cmpstr (fixed, ==, "atrial=2 fibrillation=1");
  g_assert_cmpstr (label_text (f, "missed_count"), ==, "1");
  g_assert_cmpstr (label_text (f, "fixed_count"), ==, "2");
  g_assert_cmpstr (stack_page (f, "missed_stack"), ==, "list");
  g_assert_cmpstr (stack_page (f, "fixed_stack"), ==, "list");

  /* Nothing selected: no utterances yet. */
  g_assert_null (nth_utterance_row (f, 0));
}

static void
test_select_word (Fixture *f, gconstpointer data)
{
  g_autofree char *fixed_utts = NULL;
  g_autofree char *missed_utts = NULL;
  g_autofree char *one = NULL;

  prl_words_view_set_run (f->view, f->run);

  g_assert_true (prl_words_view_select_word (f->view, "atrial", TRUE));
  fixed_utts = describe_utterances (f);
  g_assert_cmpstr (fixed_utts, ==,
                   "utt1: the patient has atrial fibrillation | "
                   "utt2: atrial flutter was seen");
  g_assert_nonnull (strstr (label_text (f, "utterances_heading"), "atrial"));

  g_assert_true (prl_words_view_select_word (f->view, "fibrillation", TRUE));
  one = describe_utterances (f);
  g_assert_cmpstr (one, ==, "utt1: the patient has atrial fibrillation");

  /* Choosing a missed word clears the selection of the fixed list. */
  g_assert_true (prl_words_view_select_word (f->view, "heart", FALSE));
  missed_utts = describe_utterances (f);
  g_assert_cmpstr (missed_utts, ==, "utt3: the heart rate is normal");
  g_assert_null (gtk_list_box_get_selected_row (child (f, "fixed_list")));
  g_assert_nonnull (strstr (label_text (f, "utterances_heading"), "heart"));

  /* Words that are not in the list select nothing. */
  g_assert_false (prl_words_view_select_word (f->view, "heart", TRUE));
  g_assert_false (prl_words_view_select_word (f->view, "zebra", FALSE));

  /* Unselecting the word empties the utterances. */
  gtk_list_box_unselect_all (child (f, "missed_list"));
  g_assert_null (nth_utterance_row (f, 0));
}

static void
test_activation (Fixture *f, gconstpointer data)
{
  GtkWidget *row;

  prl_words_view_set_run (f->view, f->run);
  g_assert_true (prl_words_view_select_word (f->view, "atrial", TRUE));

  row = nth_utterance_row (f, 1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (child (f, "utterance_list"), "row-activated", row);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, 1);

  g_assert_true (prl_words_view_select_word (f->view, "heart", FALSE));
  row = nth_utterance_row (f, 0);
  gtk_widget_activate (row);
  prl_test_iterate (20);
  g_assert_cmpuint (f->activated->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->activated, guint, 1), ==, 2);
}

static void
test_stock (Fixture *f, gconstpointer data)
{
  g_autofree char *missed = NULL;
  g_autofree char *utts = NULL;

  prl_words_view_set_run (f->view, f->run);
  g_assert_true (prl_words_view_select_word (f->view, "heart", FALSE));
  prl_words_view_set_system (f->view, 0);
  g_assert_cmpuint (prl_words_view_get_system (f->view), ==, 0);

  /* A new system drops the old selection. */
  g_assert_null (nth_utterance_row (f, 0));

  missed = describe_words (f, "missed_list");
  g_assert_cmpstr (missed, ==, "atrial=2 fibrillation=1");
  g_assert_cmpstr (label_text (f, "missed_count"), ==, "2");

  /* Fixed is measured against the stock model: nothing to list. */
  g_assert_cmpstr (stack_page (f, "fixed_stack"), ==, "empty");
  g_assert_cmpstr (label_text (f, "fixed_empty"), ==,
                   "Choose a version to see the words it fixed");
  g_assert_cmpstr (label_text (f, "fixed_count"), ==, "");
  g_assert_false (prl_words_view_select_word (f->view, "atrial", TRUE));

  g_assert_true (prl_words_view_select_word (f->view, "atrial", FALSE));
  utts = describe_utterances (f);
  g_assert_cmpstr (utts, ==,
                   "utt1: the patient has atrial fibrillation | "
                   "utt2: atrial flutter was seen");
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) perfect = NULL;
  g_autoptr (PrlEvalRun) stock_only = NULL;
  g_autofree char *words = NULL;
  guint            u;

  /* No run at all. */
  g_assert_cmpstr (stack_page (f, "missed_stack"), ==, "empty");
  g_assert_cmpstr (label_text (f, "missed_empty"), ==, "No evaluation results");
  g_assert_cmpstr (label_text (f, "missed_count"), ==, "");
  g_assert_false (prl_words_view_select_word (f->view, "atrial", FALSE));

  /* A system the run does not have. */
  prl_words_view_set_run (f->view, f->run);
  prl_words_view_set_system (f->view, 7);
  g_assert_cmpstr (stack_page (f, "missed_stack"), ==, "empty");
  g_assert_cmpstr (stack_page (f, "fixed_stack"), ==, "empty");
  words = describe_words (f, "missed_list");
  g_assert_cmpstr (words, ==, "");

  /* Back to no run. */
  prl_words_view_set_system (f->view, 1);
  prl_words_view_set_run (f->view, NULL);
  g_assert_null (prl_words_view_get_run (f->view));
  g_assert_cmpstr (stack_page (f, "missed_stack"), ==, "empty");
  g_assert_cmpstr (stack_page (f, "fixed_stack"), ==, "empty");

  /* Nothing missed, nothing fixed. */
  perfect = prl_eval_run_new ("cardio", "default", &error);
  g_assert_no_error (error);
  u = prl_eval_run_add_utterance (perfect, "utt1", "all is well", "/nonexistent/a.wav");
  prl_eval_run_add_system (perfect, NULL, "en-us");
  prl_eval_run_add_system (perfect, VERSION, "en-us");
  prl_eval_run_set_result (perfect, 0, u, "all is well", NULL, TRUE);
  prl_eval_run_set_result (perfect, 1, u, "all is well", NULL, TRUE);
  g_assert_true (prl_eval_run_score (perfect, &error));
  prl_words_view_set_run (f->view, perfect);
  g_assert_cmpstr (stack_page (f, "missed_stack"), ==, "empty");
  g_assert_cmpstr (label_text (f, "missed_empty"), ==, "No missed words");
  g_assert_cmpstr (label_text (f, "missed_count"), ==, "0");
  g_assert_cmpstr (stack_page (f, "fixed_stack"), ==, "empty");
  g_assert_cmpstr (label_text (f, "fixed_empty"), ==, "No words fixed");

  /* A model with no versions yet: only the stock model. */
  stock_only = prl_eval_run_new ("cardio", "default", &error);
  g_assert_no_error (error);
  u = prl_eval_run_add_utterance (stock_only, "utt1", "all is well",
                                  "/nonexistent/a.wav");
  prl_eval_run_add_system (stock_only, NULL, "en-us");
  prl_eval_run_set_result (stock_only, 0, u, "all is swell", NULL, TRUE);
  g_assert_true (prl_eval_run_score (stock_only, &error));
  prl_words_view_set_run (f->view, stock_only);
  g_assert_cmpuint (prl_words_view_get_system (f->view), ==, 0);
  g_clear_pointer (&words, g_free);
  words = describe_words (f, "missed_list");
  g_assert_cmpstr (words, ==, "well=1");
  g_assert_cmpstr (label_text (f, "fixed_empty"), ==,
                   "Choose a version to see the words it fixed");

  prl_words_view_set_run (f->view, NULL);
}

int
main (int argc, char *argv[])
{
  prl_test_init_gtk (&argc, &argv);

#define ADD(path, func)                                                                  \
  g_test_add ("/words-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("missed-and-fixed", test_missed_and_fixed);
  ADD ("select-word", test_select_word);
  ADD ("activation", test_activation);
  ADD ("stock", test_stock);
  ADD ("bad-input", test_bad_input);
#undef ADD

  return g_test_run ();
}
