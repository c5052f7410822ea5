/* test-golden.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-golden"

#include "config.h"

#include <math.h>
#include <string.h>

#include "prl-normalizer.h"
#include "prl-trn.h"
#include "prl-wer-report.h"
#include "prl-wer-scores.h"

/*
 * Compares Parlance with sclite's own output on crafted inputs (equal-cost
 * ties, empty sides, Unicode, case, utterances of 2,500 words). The
 * fixtures in data/ were written by the real sclite; make-golden.py
 * regenerates them.
 */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "wer", "data", name, NULL);
}

static PrlCorpusScore *
score_golden (const char *profile)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ref_path = data_path ("golden-ref.trn");
  g_autofree char *hyp_path = data_path ("golden-hyp.trn");
  g_autoptr (PrlTrn) ref = prl_trn_load (ref_path, 0, &error);
  g_autoptr (PrlTrn) hyp = prl_trn_load (hyp_path, 0, &error);
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new (profile, &error);
  g_autoptr (GArray) pairs = NULL;
  g_autoptr (GPtrArray) scores = NULL;

  g_assert_no_error (error);
  pairs = prl_trn_pair (ref, hyp, &error);
  g_assert_no_error (error);

  scores = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_utterance_score_unref);
  for (guint i = 0; i < pairs->len; i++)
    {
      const PrlTrnPair *p = &g_array_index (pairs, PrlTrnPair, i);

      g_ptr_array_add (
          scores, prl_utterance_score_compute (p->hyp->id, i, p->ref->text, p->hyp->text,
                                               norm, PRL_WER_SCORE_KEEP_ALIGNMENT, NULL));
    }

  return prl_corpus_score_new (prl_normalizer_get_identity (norm),
                               PRL_WER_SCORE_KEEP_ALIGNMENT, scores);
}

static char *
read_fixture (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_path (name);
  char            *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The only thing that may differ: when the report was written. */
static char *
without_date (const char *sgml)
{
  g_autoptr (GRegex) re = g_regex_new ("creation_date=\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (re, sgml, -1, 0, "creation_date=\"\"", 0, NULL);
}

static void
assert_same_text (const char *got, const char *expected)
{
  if (g_strcmp0 (got, expected) != 0)
    {
      gsize i = 0;

      while (got[i] != '\0' && got[i] == expected[i])
        i++;
      g_test_message ("first difference at byte %" G_GSIZE_FORMAT ": …%.60s… vs …%.60s…",
                      i, got + (i > 20 ? i - 20 : 0), expected + (i > 20 ? i - 20 : 0));
      g_assert_cmpstr (got, ==, expected);
    }
}

/* Totals as sclite wrote them, counted from its sgml alignment dump. */
static void
count_sgml_ops (const char *sgml, PrlWerCounts *counts)
{
  g_auto (GStrv) lines = g_strsplit (sgml, "\n", -1);

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) ops = NULL;

      if (lines[i][0] == '<' || lines[i][0] == '\0')
        continue;
      ops = g_strsplit (lines[i], ":", -1);
      for (guint k = 0; ops[k] != NULL; k++)
        switch (ops[k][0])
          {
          case 'C':
            counts->correct++;
            break;
          case 'S':
            counts->substitutions++;
            break;
          case 'D':
            counts->deletions++;
            break;
          case 'I':
            counts->insertions++;
            break;
          default:
            g_assert_not_reached ();
          }
    }
}

static void
test_golden (gconstpointer data)
{
  const char *profile = data;
  g_autoptr (PrlCorpusScore) score = score_golden (profile);
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autofree char    *pra_name = g_strdup_printf ("golden-%s.pra", profile);
  g_autofree char    *sgml_name = g_strdup_printf ("golden-%s.sgml", profile);
  g_autofree char    *expected_pra = read_fixture (pra_name);
  g_autofree char    *expected_sgml = read_fixture (sgml_name);
  g_autofree char    *pra = NULL;
  g_autofree char    *sgml = NULL;
  g_autofree char    *sgml_a = NULL;
  g_autofree char    *sgml_b = NULL;
  PrlWerReportInfo    info = { "golden-ref.trn", "golden-hyp.trn", NULL, date, 0 };
  const PrlWerCounts *ours;
  PrlWerCounts        theirs;

  /* Totals first: the numbers users see. */
  count_sgml_ops (expected_sgml, &theirs);
  ours = prl_corpus_score_get_words (score);
  g_assert_cmpuint (ours->correct, ==, theirs.correct);
  g_assert_cmpuint (ours->substitutions, ==, theirs.substitutions);
  g_assert_cmpuint (ours->deletions, ==, theirs.deletions);
  g_assert_cmpuint (ours->insertions, ==, theirs.insertions);

  /* Then every alignment, byte for byte in sclite's layouts. */
  pra = prl_wer_report_render (score, PRL_WER_REPORT_PRA, &info, NULL);
  assert_same_text (pra, expected_pra);

  sgml = prl_wer_report_render (score, PRL_WER_REPORT_SGML, &info, NULL);
  sgml_a = without_date (sgml);
  sgml_b = without_date (expected_sgml);
  assert_same_text (sgml_a, sgml_b);
}

static void
test_edges (void)
{
  g_autoptr (PrlCorpusScore) score = score_golden ("sclite");
  PrlUtteranceScore *u;

  u = prl_corpus_score_lookup (score, "edge_001");
  g_assert_cmpuint (u->words.deletions, ==, 3);
  g_assert_cmpfloat (prl_wer_counts_get_error_rate (&u->words), ==, 100.0);

  /* No reference words: the rate is undefined, not a number. */
  u = prl_corpus_score_lookup (score, "edge_002");
  g_assert_cmpuint (u->words.insertions, ==, 3);
  g_assert_true (isnan (prl_wer_counts_get_error_rate (&u->words)));

  u = prl_corpus_score_lookup (score, "edge_003");
  g_assert_cmpuint (u->n_ops, ==, 0);
  g_assert_false (prl_utterance_score_has_errors (u));

  u = prl_corpus_score_lookup (score, "case_001");
  g_assert_cmpuint (u->words.correct, ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/wer/golden/sclite", "sclite", test_golden);
  g_test_add_data_func ("/wer/golden/none", "none", test_golden);
  g_test_add_func ("/wer/golden/edges", test_edges);

  return g_test_run ();
}
