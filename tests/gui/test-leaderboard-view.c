/* test-leaderboard-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "prl-eval-run.h"
#include "prl-gui-test-util.h"
#include "prl-leaderboard-view.h"
#include "prl-wer-chart.h"

/* The leaderboard on evaluations built from literal text, whose scores
 * are worked out by hand below: the rows, their accessible labels and
 * numbers, the "Best" badge, the notice when the newest version is not
 * the best, the empty states, and the chart's SVG and PNG exports.
 */

#define REF1 "the patient has atrial fibrillation"
#define REF2 "start the heparin drip"

/* Against REF1 + REF2 (9 words): 2 substitutions + 2 insertions, and one
 * deletion, so 5 errors (55.56%) in both utterances. */
#define BAD1 "the patient has a trial fib relation"
#define BAD2 "start heparin drip"

typedef struct
{
  GtkWindow          *window;
  PrlLeaderboardView *view;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 900);
  f->view = PRL_LEADERBOARD_VIEW (prl_leaderboard_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (20);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (f->view), PRL_TYPE_LEADERBOARD_VIEW, name);
}

/* A scored run: the stock model answers BAD1/BAD2; each version is given
 * as its two hypotheses. */
static PrlEvalRun *
make_run (const char *const *versions, const char *const *hyps)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);
  guint       u1, u2;

  g_assert_no_error (error);
  u1 = prl_eval_run_add_utterance (run, "utt1", REF1, "/tmp/utt1.wav");
  u2 = prl_eval_run_add_utterance (run, "utt2", REF2, "/tmp/utt2.wav");
  prl_eval_run_add_system (run, NULL, "en-us");
  prl_eval_run_set_result (run, 0, u1, BAD1,
                           "[{\"word\":\"the\",\"start\":0.1,\"end\":0.3}]", TRUE);
  prl_eval_run_set_result (run, 0, u2, BAD2, NULL, TRUE);

  for (guint i = 0; versions != NULL && versions[i] != NULL; i++)
    {
      guint s = prl_eval_run_add_system (run, versions[i], "en-us");

      prl_eval_run_set_result (run, s, u1, hyps[2 * i], NULL, TRUE);
      prl_eval_run_set_result (run, s, u2, hyps[2 * i + 1], NULL, FALSE);
    }

  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);
  return run;
}

/* Stock 55.56%, then 11.11%, then 0%: the newest is best. */
static PrlEvalRun *
make_improving_run (void)
{
  const char *versions[] = { "cardio-20261120T090000Z", "cardio-20261121T101500Z", NULL };
  const char *hyps[] = { REF1, BAD2, REF1, REF2 };

  return make_run (versions, hyps);
}

/* Stock 55.56%, then 0%, then 11.11%: the newest is worse. */
static PrlEvalRun *
make_regressing_run (void)
{
  const char *versions[] = { "cardio-20261120T090000Z", "cardio-20261121T101500Z", NULL };
  const char *hyps[] = { REF1, REF2, REF1, BAD2 };

  return make_run (versions, hyps);
}

static GtkListBoxRow *
row_at (Fixture *f, guint i)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "list_box")), i);
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (row_at (f, n) != NULL)
    n++;
  return n;
}

/* The visible label named @name in @row, asserting there is exactly one. */
static const char *
cell_text (GtkListBoxRow *row, const char *name)
{
  g_autoptr (GPtrArray) labels
      = prl_test_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL, name);

  g_assert_cmpuint (labels->len, ==, 1);
  return gtk_label_get_label (labels->pdata[0]);
}

static guint
n_cells (GtkListBoxRow *row, const char *name)
{
  g_autoptr (GPtrArray) labels
      = prl_test_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL, name);

  return labels->len;
}

static void
assert_row_label (GtkListBoxRow *row, const char *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  if (problem != NULL)
    g_error ("row label: %s", problem);
}

/* The badge and the significance, for screen readers. */
static void
assert_row_description (GtkListBoxRow *row, const char *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  if (problem != NULL)
    g_error ("row description: %s", problem);
}

static void
set_run (Fixture *f, PrlEvalRun *run)
{
  prl_leaderboard_view_set_run (f->view, run);
  prl_test_iterate (30);
}

static void
test_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) run = make_improving_run ();
  const char *names[]
      = { "Stock model", "cardio-20261120T090000Z", "cardio-20261121T101500Z" };

  set_run (f, run);
  g_assert_true (prl_leaderboard_view_get_run (f->view) == run);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "board");
  g_assert_cmpstr (gtk_label_get_label (child (f, "test_set_label")), ==,
                   "Test set: 2 utterances, 9 words");

  /* Stock first, then the versions oldest first. */
  g_assert_cmpuint (n_rows (f), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (cell_text (row_at (f, i), "name"), ==, names[i]);

  /* Worked out by hand: 5/9, 1/9 and 0/9 errors. */
  assert_row_label (row_at (f, 0), "Stock model, WER 55.56%, the reference");
  assert_row_label (
      row_at (f, 1),
      "cardio-20261120T090000Z, WER 11.11%, 44.44 points better than stock");
  assert_row_label (row_at (f, 2),
                    "cardio-20261121T101500Z, WER 0.00%, 55.56 points better than stock");

  g_assert_cmpstr (cell_text (row_at (f, 0), "wer"), ==, "55.56%");
  g_assert_cmpstr (cell_text (row_at (f, 0), "ser"), ==, "100.00%");
  g_assert_cmpstr (cell_text (row_at (f, 0), "sdi"), ==, "2 / 1 / 2");
  g_assert_cmpstr (cell_text (row_at (f, 0), "change"), ==, "Reference");
  g_assert_cmpstr (cell_text (row_at (f, 0), "p-value"), ==, "—");
  g_assert_cmpuint (n_cells (row_at (f, 0), "significance"), ==, 0);
  g_assert_cmpstr (cell_text (row_at (f, 0), "base"), ==, "en-us");
  g_assert_cmpstr (cell_text (row_at (f, 1), "sdi"), ==, "0 / 1 / 0");
  g_assert_cmpstr (cell_text (row_at (f, 1), "ser"), ==, "50.00%");
  g_assert_cmpstr (cell_text (row_at (f, 1), "change"), ==, "−44.44 pts");
  g_assert_cmpstr (cell_text (row_at (f, 1), "base"), ==, "Built on en-us");
  g_assert_cmpstr (cell_text (row_at (f, 2), "change"), ==, "−55.56 pts");

  /* Every shown number is the run's own. */
  for (guint i = 0; i < 3; i++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (run, i);
      g_autofree char  *wer = g_strdup_printf ("%.2f%%", row->wer);
      g_autofree char  *ser = g_strdup_printf ("%.2f%%", row->ser);
      g_autofree char  *sdi = g_strdup_printf ("%u / %u / %u", row->substitutions,
                                               row->deletions, row->insertions);
      g_autofree char  *utterances = g_strdup_printf ("%u", row->utterances);
      g_autofree char  *words = g_strdup_printf ("%u", row->words);

      g_assert_cmpstr (cell_text (row_at (f, i), "wer"), ==, wer);
      g_assert_cmpstr (cell_text (row_at (f, i), "ser"), ==, ser);
      g_assert_cmpstr (cell_text (row_at (f, i), "sdi"), ==, sdi);
      g_assert_cmpstr (cell_text (row_at (f, i), "utterances"), ==, utterances);
      g_assert_cmpstr (cell_text (row_at (f, i), "words"), ==, words);
      g_assert_cmpstr (cell_text (row_at (f, i), "utterances"), ==, "2");
      g_assert_cmpstr (cell_text (row_at (f, i), "words"), ==, "9");

      /* Two utterances are too few to call anything significant, whatever
       * the p-value says. */
      if (i > 0)
        {
          g_autofree char *p = row->p_value < 0 ? g_strdup ("—")
                               : row->p_value < 0.0001
                                   ? g_strdup ("p < 0.0001")
                                   : g_strdup_printf ("p = %.4f", row->p_value);

          g_assert_cmpstr (cell_text (row_at (f, i), "p-value"), ==, p);
          g_assert_cmpstr (cell_text (row_at (f, i), "significance"), ==,
                           "sample too small");
        }
      else
        {
          g_assert_cmpstr (cell_text (row_at (f, i), "p-value"), ==, "—");
          g_assert_cmpuint (n_cells (row_at (f, i), "significance"), ==, 0);
        }
    }

  /* "Best" is text on the lowest-WER row only: the newest here. */
  g_assert_cmpuint (n_cells (row_at (f, 0), "best"), ==, 0);
  g_assert_cmpuint (n_cells (row_at (f, 1), "best"), ==, 0);
  g_assert_cmpstr (cell_text (row_at (f, 2), "best"), ==, "Best");

  /* The newest is the best: no notice. */
  g_assert_false (prl_eval_run_get_newest_not_better (run, NULL));
  g_assert_false (gtk_widget_get_visible (child (f, "notice_box")));
}

static void
test_columns_line_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) run = make_improving_run ();
  const char *columns[] = { "wer", "ser", "sdi", "utterances", "words", "change" };

  set_run (f, run);
  prl_test_iterate (100);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      graphene_rect_t first;

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr (GPtrArray) labels = prl_test_find_all (GTK_WIDGET (row_at (f, i)),
                                                            GTK_TYPE_LABEL, columns[c]);
          graphene_rect_t bounds;

          g_assert_cmpuint (labels->len, ==, 1);
          g_assert_true (gtk_widget_compute_bounds (labels->pdata[0],
                                                    GTK_WIDGET (f->view), &bounds));
          if (i == 0)
            first = bounds;
          /* Same x and width in every row. */
          g_assert_cmpfloat_with_epsilon (bounds.origin.x, first.origin.x, 0.5);
          g_assert_cmpfloat_with_epsilon (bounds.size.width, first.size.width, 0.5);
        }
    }
}

static void
test_changes (Fixture *f, gconstpointer data)
{
  /* One version worse than stock, one the same as stock. */
  const char *versions[] = { "cardio-worse", "cardio-same", NULL };
  const char *hyps[] = { "the patient has a trial fib relation today", BAD2, BAD1, BAD2 };
  g_autoptr (PrlEvalRun) run = make_run (versions, hyps);

  set_run (f, run);
  g_assert_cmpuint (n_rows (f), ==, 3);
  assert_row_label (row_at (f, 1),
                    "cardio-worse, WER 66.67%, 11.11 points worse than stock");
  assert_row_label (row_at (f, 2), "cardio-same, WER 55.56%, same as stock");
  g_assert_cmpstr (cell_text (row_at (f, 1), "change"), ==, "+11.11 pts");
  g_assert_cmpstr (cell_text (row_at (f, 2), "change"), ==, "0.00 pts");

  /* Stock and the last version tie for the lowest WER: the first of
   * them gets the badge. */
  g_assert_cmpstr (cell_text (row_at (f, 0), "best"), ==, "Best");
  g_assert_cmpuint (n_cells (row_at (f, 1), "best"), ==, 0);
  g_assert_cmpuint (n_cells (row_at (f, 2), "best"), ==, 0);
  assert_row_description (row_at (f, 0), "Best");
  {
    g_autofree char *expected
        = g_strdup_printf ("%s, sample too small", cell_text (row_at (f, 1), "p-value"));

    assert_row_description (row_at (f, 1), expected);
  }

  /* The newest (55.56%) beats the older version (66.67%) but only ties
   * with the stock model, which counts as the oldest: the notice says so. */
  g_assert_true (gtk_widget_get_visible (child (f, "notice_box")));
  g_assert_cmpstr (gtk_label_get_label (child (f, "notice_label")), ==,
                   "The newest version, cardio-same, is not better than the stock "
                   "model (WER 55.56% vs 55.56%).");
}

/* A version that hears many words that are not there has a WER above
 * 100 %, and the page says why instead of leaving it to look like a bug. */
static void
test_wer_over_100 (Fixture *f, gconstpointer data)
{
  const char *versions[] = { "cardio-noisy", NULL };
  const char *hyps[]
      = { "alpha bravo charlie delta echo foxtrot the patient has atrial fibrillation",
          "golf hotel india juliet kilo start the heparin drip" };
  g_autoptr (PrlEvalRun) run = make_run (versions, hyps);
  const PrlEvalRow *row = prl_eval_run_get_row (run, 1);
  const char       *note;

  set_run (f, run);
  g_assert_cmpfloat (row->wer, >, 100.0);
  g_assert_true (gtk_widget_get_visible (child (f, "wer_note_label")));
  note = gtk_label_get_label (child (f, "wer_note_label"));
  g_assert_nonnull (strstr (note, "cardio-noisy"));
  g_assert_nonnull (strstr (note, "above 100"));
  g_assert_nonnull (strstr (note, "insert"));

  /* Under 100 % everywhere: no note. */
  {
    g_autoptr (PrlEvalRun) fine = make_improving_run ();

    set_run (f, fine);
    g_assert_false (gtk_widget_get_visible (child (f, "wer_note_label")));
  }
}

/* With enough utterances the verdict is the test's own. */
static void
test_significance_enough_data (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("cardio", "default", &error);
  const PrlEvalRow *row;
  guint             s;

  g_assert_no_error (error);
  prl_eval_run_add_system (run, NULL, "en-us");
  s = prl_eval_run_add_system (run, "cardio-v1", "en-us");
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *id = g_strdup_printf ("utt%02u", i);
      guint            u = prl_eval_run_add_utterance (run, id, REF1, NULL);

      prl_eval_run_set_result (run, 0, u, BAD1, NULL, TRUE);
      prl_eval_run_set_result (run, s, u, REF1, NULL, TRUE);
    }
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);

  set_run (f, run);
  row = prl_eval_run_get_row (run, 1);
  g_assert_cmpfloat (row->p_value, >=, 0);
  g_assert_cmpfloat (row->p_value, <, 0.05);
  g_assert_cmpstr (cell_text (row_at (f, 1), "significance"), ==, "significant");
}

static void
test_newest_not_better (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) regressing = make_regressing_run ();
  g_autoptr (PrlEvalRun) improving = make_improving_run ();

  set_run (f, regressing);
  g_assert_true (prl_eval_run_get_newest_not_better (regressing, NULL));
  g_assert_true (gtk_widget_get_visible (child (f, "notice_box")));
  g_assert_cmpstr (gtk_label_get_label (child (f, "notice_label")), ==,
                   "The newest version, cardio-20261121T101500Z, is not better than "
                   "cardio-20261120T090000Z (WER 11.11% vs 0.00%).");
  g_assert_nonnull (prl_test_find_label (
      GTK_WIDGET (f->view), gtk_label_get_label (child (f, "notice_label"))));
  g_assert_cmpstr (cell_text (row_at (f, 1), "best"), ==, "Best");
  g_assert_cmpuint (n_cells (row_at (f, 2), "best"), ==, 0);

  /* Switching to a run whose newest is best hides it again. */
  set_run (f, improving);
  g_assert_false (gtk_widget_get_visible (child (f, "notice_box")));
  g_assert_cmpuint (n_rows (f), ==, 3);
}

/* One leaderboard for every provider: a local model's rows, then those of
 * an Amazon Transcribe model evaluated on the same test set. The other
 * model's stock row names that model, measures its change against the
 * run's own stock model, and the notice about the newest version looks
 * at the run's own versions only. */
static void
test_providers (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("cardio", "default", &error);
  guint u1, u2, s;

  g_assert_no_error (error);
  u1 = prl_eval_run_add_utterance (run, "utt1", REF1, "/tmp/utt1.wav");
  u2 = prl_eval_run_add_utterance (run, "utt2", REF2, "/tmp/utt2.wav");
  s = prl_eval_run_add_system_full (run, NULL, "local", NULL, "en-us");
  prl_eval_run_set_result (run, s, u1, BAD1, NULL, FALSE);
  prl_eval_run_set_result (run, s, u2, BAD2, NULL, FALSE);
  s = prl_eval_run_add_system_full (run, NULL, "local", "cardio-20261120T090000Z",
                                    "en-us");
  prl_eval_run_set_result (run, s, u1, REF1, NULL, FALSE);
  prl_eval_run_set_result (run, s, u2, BAD2, NULL, FALSE);
  /* The Transcribe model's stock model hears one word wrong; its version
   * hears everything: better than the local version, which is newest. */
  s = prl_eval_run_add_system_full (run, "cardio-aws", "aws-transcribe", NULL, NULL);
  prl_eval_run_set_result (run, s, u1, REF1, NULL, FALSE);
  prl_eval_run_set_result (run, s, u2, "start the heparin trip", NULL, FALSE);
  s = prl_eval_run_add_system_full (run, "cardio-aws", "aws-transcribe",
                                    "cardio-aws-20261207T101500Z", "WideBand");
  prl_eval_run_set_result (run, s, u1, REF1, NULL, FALSE);
  prl_eval_run_set_result (run, s, u2, REF2, NULL, FALSE);
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);

  set_run (f, run);
  g_assert_cmpuint (n_rows (f), ==, 4);
  g_assert_cmpstr (cell_text (row_at (f, 0), "name"), ==, "Stock model");
  g_assert_cmpstr (cell_text (row_at (f, 2), "name"), ==, "Stock model (cardio-aws)");
  g_assert_cmpstr (cell_text (row_at (f, 3), "name"), ==, "cardio-aws-20261207T101500Z");
  g_assert_cmpstr (cell_text (row_at (f, 0), "provider"), ==, "On this computer");
  g_assert_cmpstr (cell_text (row_at (f, 1), "provider"), ==, "On this computer");
  g_assert_cmpstr (cell_text (row_at (f, 2), "provider"), ==, "Amazon Transcribe");
  g_assert_cmpstr (cell_text (row_at (f, 3), "provider"), ==, "Amazon Transcribe");
  /* 1/9 for the other stock model: compared with this run's stock. */
  g_assert_cmpstr (cell_text (row_at (f, 2), "change"), ==, "−44.44 pts");
  assert_row_label (
      row_at (f, 2),
      "Stock model (cardio-aws), WER 11.11%, 44.44 points better than stock");
  g_assert_cmpstr (cell_text (row_at (f, 3), "best"), ==, "Best");
  /* The local version is the run's newest and beats its stock model. */
  g_assert_false (prl_eval_run_get_newest_not_better (run, NULL));
  g_assert_false (gtk_widget_get_visible (child (f, "notice_box")));
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) run = make_improving_run ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) unscored = prl_eval_run_new ("cardio", "default", &error);
  guint notified = 0;

  g_assert_no_error (error);

  /* A new view is empty. */
  g_assert_null (prl_leaderboard_view_get_run (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");
  g_assert_cmpuint (n_rows (f), ==, 0);

  g_signal_connect (f->view, "notify::run", G_CALLBACK (count_notify), &notified);
  set_run (f, run);
  set_run (f, run);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (n_rows (f), ==, 3);

  /* NULL goes back to the empty state, chart included. */
  g_object_set (f->view, "run", NULL, NULL);
  prl_test_iterate (30);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (prl_leaderboard_view_get_run (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (f, "notice_box")));
  {
    g_autofree char *svg
        = prl_wer_chart_to_svg (prl_leaderboard_view_get_chart (f->view), 400, 100);

    g_assert_null (strstr (svg, "class=\"bar\""));
  }

  /* A run with no systems at all is empty too. */
  set_run (f, unscored);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");
  g_assert_cmpuint (n_rows (f), ==, 0);
}

/* After an upgrade: the old-base and new-base versions side by side, the
 * old one labelled as such, with the stock row. */
static void
test_upgrade_bases (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("cardio", "default", &error);
  guint u1, u2, s;

  g_assert_no_error (error);
  u1 = prl_eval_run_add_utterance (run, "utt1", REF1, "/tmp/utt1.wav");
  u2 = prl_eval_run_add_utterance (run, "utt2", REF2, "/tmp/utt2.wav");
  s = prl_eval_run_add_system (run, NULL, "base-b");
  prl_eval_run_set_result (run, s, u1, BAD1, NULL, TRUE);
  prl_eval_run_set_result (run, s, u2, BAD2, NULL, TRUE);
  s = prl_eval_run_add_system (run, "cardio-20261120T090000Z", "base-a");
  prl_eval_run_set_result (run, s, u1, REF1, NULL, TRUE);
  prl_eval_run_set_result (run, s, u2, BAD2, NULL, TRUE);
  s = prl_eval_run_add_system (run, "cardio-20261121T101500Z", "base-b");
  prl_eval_run_set_result (run, s, u1, REF1, NULL, TRUE);
  prl_eval_run_set_result (run, s, u2, REF2, NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));

  set_run (f, run);
  g_assert_cmpuint (n_rows (f), ==, 3);
  g_assert_cmpstr (cell_text (row_at (f, 0), "base"), ==, "base-b");
  g_assert_cmpstr (cell_text (row_at (f, 1), "base"), ==, "Built on base-a (older base)");
  g_assert_cmpstr (cell_text (row_at (f, 2), "base"), ==, "Built on base-b");
}

static void
test_stock_only (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) run = make_run (NULL, NULL);

  set_run (f, run);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "board");
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_row_label (row_at (f, 0), "Stock model, WER 55.56%, the reference");
  g_assert_cmpstr (cell_text (row_at (f, 0), "sdi"), ==, "2 / 1 / 2");
  /* Nothing to compare: no badge, no notice. */
  g_assert_cmpuint (n_cells (row_at (f, 0), "best"), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (f, "notice_box")));
}

/* The width="…" of every <rect class="bar"> in @svg, in order. */
static GArray *
bar_attribute (const char *svg, const char *attribute)
{
  g_autofree char *pattern
      = g_strdup_printf ("<rect class=\"bar\"[^>]* %s=\"([0-9.]+)\"", attribute);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));

  g_regex_match (regex, svg, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 1);
      double           v = g_ascii_strtod (value, NULL);

      g_array_append_val (out, v);
      g_match_info_next (match, NULL);
    }
  return out;
}

static void
test_chart_svg (Fixture *f, gconstpointer data)
{
  const char *versions[] = { "cardio<&>x", "cardio-20261121T101500Z", NULL };
  const char *hyps[] = { REF1, BAD2, REF1, REF2 };
  g_autoptr (PrlEvalRun) run = make_run (versions, hyps);
  PrlWerChart     *chart = prl_leaderboard_view_get_chart (f->view);
  g_autofree char *svg = NULL;
  g_autofree char *rtl_svg = NULL;
  g_autoptr (GArray) widths = NULL;
  g_autoptr (GArray) xs = NULL;
  double max_wer = 0;

  set_run (f, run);
  g_assert_true (PRL_IS_WER_CHART (chart));
  svg = prl_wer_chart_to_svg (chart, 800, 300);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "</svg>"));

  /* One bar per system, widths proportional to WER. */
  widths = bar_attribute (svg, "width");
  g_assert_cmpuint (widths->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    max_wer = MAX (max_wer, prl_eval_run_get_row (run, i)->wer);
  for (guint i = 0; i < 3; i++)
    {
      double wer = prl_eval_run_get_row (run, i)->wer;

      g_assert_cmpfloat_with_epsilon (g_array_index (widths, double, i)
                                          / g_array_index (widths, double, 0),
                                      wer / max_wer, 0.001);
    }
  /* The stock bar (55.56%) is the longest and the 0% bar empty. */
  g_assert_cmpfloat (g_array_index (widths, double, 0), >, 600);
  g_assert_cmpfloat (g_array_index (widths, double, 2), ==, 0);
  g_assert_nonnull (strstr (svg, ">55.56%</text>"));
  g_assert_nonnull (strstr (svg, ">11.11%</text>"));

  /* Names are escaped, the stock bar is striped and named. */
  g_assert_nonnull (strstr (svg, "cardio&lt;&amp;&gt;x"));
  g_assert_null (strstr (svg, "<&>"));
  g_assert_nonnull (strstr (svg, ">Stock model</text>"));
  g_assert_nonnull (strstr (svg, "fill=\"url(#stock-stripes)\""));
  g_assert_nonnull (strstr (svg, ">cardio-20261121T101500Z (best)</text>"));

  /* Left to right, bars start at the left margin; right to left they end
   * at the right one. */
  xs = bar_attribute (svg, "x");
  g_assert_cmpuint (xs->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (xs, double, i), 12, 0.001);

  gtk_widget_set_direction (GTK_WIDGET (chart), GTK_TEXT_DIR_RTL);
  rtl_svg = prl_wer_chart_to_svg (chart, 800, 300);
  g_clear_pointer (&xs, g_array_unref);
  xs = bar_attribute (rtl_svg, "x");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (xs, double, i)
                                        + g_array_index (widths, double, i),
                                    800 - 12, 0.01);
  g_assert_nonnull (strstr (rtl_svg, "text-anchor=\"end\""));
  gtk_widget_set_direction (GTK_WIDGET (chart), GTK_TEXT_DIR_NONE);

  /* The widget asks for a row per system. */
  {
    int min, nat;

    gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_VERTICAL, -1, &min, &nat,
                        NULL, NULL);
    g_assert_cmpint (nat, ==, 12 * 2 + 48 * 3);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), >=, nat);
  }
}

static void
test_chart_files (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) run = make_regressing_run ();
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *png_path = g_build_filename (dir, "cardio-wer.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "cardio-wer.svg", NULL);
  g_autoptr (GFile) png = g_file_new_for_path (png_path);
  g_autoptr (GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr (GFile) missing
      = g_file_new_build_filename (dir, "no-such-dir", "c.png", NULL);
  g_autoptr (GFile) missing_svg
      = g_file_new_build_filename (dir, "no-such-dir", "c.svg", NULL);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  PrlWerChart     *chart;

  /* A chart never shown on screen exports all the same. */
  chart = PRL_WER_CHART (g_object_ref_sink (prl_wer_chart_new ()));
  prl_wer_chart_set_run (chart, run);

  g_assert_true (prl_wer_chart_save_png (chart, png, 640, 200, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 200);

  /* The picture is not blank: the top-left corner is the white
   * background, and the stock bar's row has darker pixels. */
  {
    g_autofree guchar *pixels = g_malloc (640 * 200 * 4);
    guint              dark = 0;

    gdk_texture_download (texture, pixels, 640 * 4);
    g_assert_cmpuint (pixels[0], ==, 0xff);
    g_assert_cmpuint (pixels[1], ==, 0xff);
    g_assert_cmpuint (pixels[2], ==, 0xff);
    for (guint x = 12; x < 600; x++)
      {
        guchar *p = pixels + (12 + 22 + 10) * 640 * 4 + x * 4;

        if (p[0] + p[1] + p[2] < 3 * 0xf0)
          dark++;
      }
    g_assert_cmpuint (dark, >, 300);
  }

  g_assert_true (prl_wer_chart_save_svg (chart, svg, 500, 180, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &contents, NULL, &error));
  expected = prl_wer_chart_to_svg (chart, 500, 180);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_nonnull (strstr (contents, "width=\"500\" height=\"180\""));

  /* A folder that does not exist: a clear error and no file. */
  g_assert_false (prl_wer_chart_save_png (chart, missing, 640, 200, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the chart: "));
  g_assert_nonnull (strstr (error->message, "no-such-dir"));
  g_assert_false (g_file_query_exists (missing, NULL));
  g_clear_error (&error);

  g_assert_false (prl_wer_chart_save_svg (chart, missing_svg, 640, 200, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_query_exists (missing_svg, NULL));
  g_clear_error (&error);

  /* A size no image can have. */
  g_assert_false (prl_wer_chart_save_png (chart, png, 0, 200, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "0 × 200"));
  g_clear_error (&error);

  /* An empty chart still makes a valid, blank picture. */
  prl_wer_chart_set_run (chart, NULL);
  g_assert_true (prl_wer_chart_save_png (chart, png, 64, 32, &error));
  g_assert_no_error (error);
  g_clear_object (&texture);
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);

  g_assert_finalize_object (chart);
  prl_test_rm_rf (dir);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
chart_saved (gpointer data)
{
  Fixture *f = data;

  return prl_test_find_label (GTK_WIDGET (f->window), "Chart saved") != NULL;
}

/* "Save as PNG…" offers "<model>-wer.png" and writes the chart there. */
static void
test_save_action (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlEvalRun) run = make_improving_run ();
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cardio-wer.png", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  GtkWindow       *dialog;

  set_run (f, run);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "leaderboard.save-png", NULL);
  prl_test_iterate (100);

  dialog = prl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "cardio-wer.png");
  g_assert_true (
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, &error));
  g_assert_no_error (error);
  prl_test_iterate (50);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  /* Written asynchronously: until the toast says so. */
  prl_test_wait_until (chart_saved, f);
  g_assert_true (file_exists (path));

  /* 800 pixels wide, a row per system high. */
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 12 * 2 + 48 * 3);

  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  /* The rows' accessible labels are read back through GTK's test
   * accessibility backend; "none" (the suite's default) keeps none. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func)                                                                  \
  g_test_add ("/leaderboard-view/" path, Fixture, NULL, fixture_set_up, func,            \
              fixture_tear_down)

  ADD ("rows", test_rows);
  ADD ("columns-line-up", test_columns_line_up);
  ADD ("changes", test_changes);
  ADD ("newest-not-better", test_newest_not_better);
  ADD ("providers", test_providers);
  ADD ("wer-over-100", test_wer_over_100);
  ADD ("significance-enough-data", test_significance_enough_data);
  ADD ("empty", test_empty);
  ADD ("stock-only", test_stock_only);
  ADD ("upgrade-bases", test_upgrade_bases);
  ADD ("chart-svg", test_chart_svg);
  ADD ("chart-files", test_chart_files);
  ADD ("save-action", test_save_action);

  return g_test_run ();
}
