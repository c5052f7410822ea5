/* test-eval-run.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "prl-eval-run.h"

/* PrlEvalRun scored from literal transcripts: the leaderboard numbers,
 * the change and significance against stock, word times mapped onto the
 * normalized words, the newest-not-better rule, missed and fixed words,
 * the exports, and refusals.
 */

static const char *refs[] = {
  "the patient has atrial fibrillation",
  "start apixaban today",
  "check the heart rate",
  "metoprolol for atrial flutter",
};

/* Stock gets the jargon wrong; the version gets all but one word. */
static const char *stock_hyps[] = {
  "the patient has a trial fib relation",
  "start up a band today",
  "check the heart rate",
  "met a prolog for a trial flutter",
};
static const char *version_hyps[] = {
  "the patient has atrial fibrillation",
  "start apixaban today",
  "check the heart",
  "metoprolol for atrial flutter",
};

static PrlEvalRun *
make_run (const char *const *older, gboolean score)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);
  guint       s;

  g_assert_no_error (error);
  for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
    {
      g_autofree char *id = g_strdup_printf ("utt%u", u + 1);

      g_assert_cmpuint (prl_eval_run_add_utterance (run, id, refs[u], "/nowhere.wav"), ==,
                        u);
    }

  g_assert_cmpuint (prl_eval_run_add_system (run, NULL, NULL), ==, 0);
  for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
    prl_eval_run_set_result (run, 0, u, stock_hyps[u], NULL, FALSE);
  if (older != NULL)
    {
      s = prl_eval_run_add_system (run, "cardio-1", "en-us");
      for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
        prl_eval_run_set_result (run, s, u, older[u], NULL, TRUE);
    }
  s = prl_eval_run_add_system (run, "cardio-2", "en-us");
  for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
    prl_eval_run_set_result (run, s, u, version_hyps[u], NULL, TRUE);

  if (score)
    {
      g_assert_true (prl_eval_run_score (run, &error));
      g_assert_no_error (error);
    }
  return run;
}

static void
test_leaderboard (void)
{
  g_autoptr (PrlEvalRun) run = make_run (NULL, TRUE);
  const PrlEvalRow *stock, *version;

  g_assert_cmpuint (prl_eval_run_get_n_systems (run), ==, 2);
  g_assert_cmpuint (prl_eval_run_get_n_utterances (run), ==, 4);
  stock = prl_eval_run_get_row (run, 0);
  version = prl_eval_run_get_row (run, 1);

  g_assert_null (stock->version);
  g_assert_cmpstr (version->version, ==, "cardio-2");
  g_assert_cmpstr (version->base_model, ==, "en-us");
  g_assert_cmpuint (stock->words, ==, 16);
  g_assert_cmpuint (stock->utterances, ==, 4);
  /* "a trial fib relation" for "atrial fibrillation": 2 S + 2 I;
   * "up a band" for "apixaban": 1 S + 2 I; "met a prolog for a trial":
   * 2 S ("met"/"metoprolol", "a"/... ) and insertions: 7 errors of the
   * stock's, counted by the sclite alignment below. */
  g_assert_cmpuint (stock->substitutions + stock->deletions + stock->insertions, >, 8);
  g_assert_cmpuint (stock->sentence_errors, ==, 3);
  g_assert_cmpfloat_with_epsilon (stock->ser, 75.0, 1e-9);
  g_assert_cmpfloat (stock->p_value, ==, -1);
  g_assert_cmpfloat (stock->wer_change, ==, 0);

  g_assert_cmpuint (version->substitutions, ==, 0);
  g_assert_cmpuint (version->deletions, ==, 1);
  g_assert_cmpuint (version->insertions, ==, 0);
  g_assert_cmpfloat_with_epsilon (version->wer, 100.0 / 16, 1e-9);
  g_assert_cmpfloat_with_epsilon (version->wer_change, version->wer - stock->wer, 1e-9);
  g_assert_cmpfloat (version->p_value, >=, 0);
  g_assert_cmpfloat (version->p_value, <=, 1);
  g_assert_nonnull (version->p_method);
  g_assert_cmpuint (version->computed, ==, 4);
  g_assert_cmpuint (stock->computed, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (version->hypotheses, 2), ==, "check the heart");
  g_assert_false (prl_eval_run_get_newest_not_better (run, NULL));
}

static void
test_times (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = prl_eval_run_new ("m", "default", &error);
  const PrlEvalWordTime *times;
  guint                  n;

  prl_eval_run_add_utterance (run, "a", "Hello, World!", NULL);
  prl_eval_run_add_utterance (run, "b", "red green blue", NULL);
  prl_eval_run_add_system (run, NULL, NULL);
  /* Punctuation and case are normalized away word by word. */
  prl_eval_run_set_result (run, 0, 0, "Hello, World!",
                           "[{\"word\":\"Hello,\",\"start\":0.5,\"end\":0.9},"
                           "{\"word\":\"World!\",\"start\":1.25,\"end\":1.8}]",
                           TRUE);
  /* No times at all. */
  prl_eval_run_set_result (run, 0, 1, "red green", NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));

  times = prl_eval_run_get_hyp_times (run, 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (times[0].start, ==, 0.5);
  g_assert_cmpfloat (times[1].start, ==, 1.25);
  g_assert_cmpfloat (times[1].end, ==, 1.8);

  times = prl_eval_run_get_hyp_times (run, 0, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (times[0].start, ==, -1);
  g_assert_cmpfloat (times[1].start, ==, -1);
}

static void
test_newest_not_better (void)
{
  /* An older version that is perfect: the newest (one deletion) is worse. */
  g_autoptr (PrlEvalRun) run = make_run (refs, TRUE);
  guint best = 0;

  g_assert_cmpuint (prl_eval_run_get_n_systems (run), ==, 3);
  g_assert_true (prl_eval_run_get_newest_not_better (run, &best));
  g_assert_cmpuint (best, ==, 1);
  g_clear_object (&run);

  /* An older version as bad as stock: the newest is better. */
  run = make_run (stock_hyps, TRUE);
  g_assert_false (prl_eval_run_get_newest_not_better (run, &best));
  g_clear_object (&run);

  /* A single version no better than stock is said too. */
  {
    g_autoptr (GError) error = NULL;

    run = prl_eval_run_new ("m", "default", &error);
    prl_eval_run_add_utterance (run, "a", "atrial fibrillation", NULL);
    prl_eval_run_add_system (run, NULL, NULL);
    prl_eval_run_add_system (run, "m-1", NULL);
    prl_eval_run_set_result (run, 0, 0, "atrial fibrillation", NULL, TRUE);
    prl_eval_run_set_result (run, 1, 0, "a trial fibrillation", NULL, TRUE);
    g_assert_true (prl_eval_run_score (run, &error));
    best = 42;
    g_assert_true (prl_eval_run_get_newest_not_better (run, &best));
    g_assert_cmpuint (best, ==, 0);
  }
}

static gboolean
has_word (GPtrArray *counts, const char *word, guint count)
{
  for (guint i = 0; i < counts->len; i++)
    {
      PrlWordCount *c = g_ptr_array_index (counts, i);

      if (g_strcmp0 (c->word, word) == 0)
        return c->count == count;
    }
  return FALSE;
}

static void
test_words (void)
{
  g_autoptr (PrlEvalRun) run = make_run (NULL, TRUE);
  g_autoptr (GPtrArray) missed = prl_eval_run_get_missed_words (run, 1);
  g_autoptr (GPtrArray) fixed = prl_eval_run_get_words_fixed (run, 1);
  g_autoptr (GPtrArray) stock_fixed = prl_eval_run_get_words_fixed (run, 0);
  g_autoptr (GPtrArray) stock_missed = prl_eval_run_get_missed_words (run, 0);
  g_autoptr (GPtrArray) found = NULL;

  g_assert_cmpuint (missed->len, ==, 1);
  g_assert_true (has_word (missed, "rate", 1));
  g_assert_true (has_word (fixed, "atrial", 2));
  g_assert_true (has_word (fixed, "apixaban", 1));
  g_assert_false (has_word (fixed, "rate", 1));
  g_assert_cmpuint (stock_fixed->len, ==, 0);
  g_assert_true (has_word (stock_missed, "atrial", 2));

  found = prl_eval_run_find_utterances (run, 1, "atrial", TRUE);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (found, 0)), ==, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (found, 1)), ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = prl_eval_run_find_utterances (run, 1, "rate", FALSE);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (found, 0)), ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The stock model fixes nothing, and nobody missed "check". */
  found = prl_eval_run_find_utterances (run, 0, "atrial", TRUE);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = prl_eval_run_find_utterances (run, 1, "check", FALSE);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_export (void)
{
  g_autoptr (PrlEvalRun) run = make_run (NULL, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *pra = prl_eval_run_export (run, 1, PRL_WER_REPORT_PRA, &error);
  g_autofree char *sgml = prl_eval_run_export (run, 1, PRL_WER_REPORT_SGML, &error);
  g_autofree char *csv = prl_eval_run_export (run, 0, PRL_WER_REPORT_CSV, &error);
  g_autofree char *json = prl_eval_run_export (run, 1, PRL_WER_REPORT_JSON, &error);

  g_assert_no_error (error);
  /* sclite's pra: every utterance with its scores and alignment. */
  g_assert_nonnull (strstr (pra, "id: (utt3)"));
  g_assert_nonnull (strstr (pra, "Scores: (#C #S #D #I) 3 0 1 0"));
  g_assert_nonnull (strstr (sgml, "<SYSTEM title=\"cardio-2\""));
  g_assert_nonnull (strstr (csv, "utt1"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
}

static void
test_refusals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvalRun) run = NULL;
  g_autoptr (PrlEvalRun) bad = prl_eval_run_new ("m", "no-such-profile", &error);

  g_assert_null (bad);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A system without a transcript of every pair cannot be scored. */
  run = prl_eval_run_new ("m", "default", &error);
  prl_eval_run_add_utterance (run, "a", "one", NULL);
  prl_eval_run_add_utterance (run, "b", "two", NULL);
  prl_eval_run_add_system (run, NULL, NULL);
  prl_eval_run_set_result (run, 0, 0, "one", NULL, TRUE);
  g_assert_false (prl_eval_run_score (run, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“b”"));
  g_clear_error (&error);
  g_clear_object (&run);

  run = prl_eval_run_new ("m", "default", &error);
  g_assert_false (prl_eval_run_score (run, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_audio_fds (void)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("m", "default", &error);
  int         fds[2];

  g_assert_no_error (error);
  g_assert_cmpint (pipe (fds), ==, 0);
  prl_eval_run_take_audio_fd (run, fds[0]);
  g_assert_cmpint (fcntl (fds[0], F_GETFD), >=, 0);
  g_assert_finalize_object (run);
  /* The run closed its end: the descriptor is gone. */
  g_assert_cmpint (fcntl (fds[0], F_GETFD), ==, -1);
  close (fds[1]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-run/leaderboard", test_leaderboard);
  g_test_add_func ("/eval-run/times", test_times);
  g_test_add_func ("/eval-run/newest-not-better", test_newest_not_better);
  g_test_add_func ("/eval-run/words", test_words);
  g_test_add_func ("/eval-run/export", test_export);
  g_test_add_func ("/eval-run/refusals", test_refusals);
  g_test_add_func ("/eval-run/audio-fds", test_audio_fds);

  return g_test_run ();
}
