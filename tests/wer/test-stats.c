/* test-stats.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "prl-normalizer.h"
#include "prl-wer-error.h"
#include "prl-wer-report.h"
#include "prl-wer-stats.h"

static PrlCorpusScore *
score_pairs (const char *const *pairs, const char *profile, PrlWerScoreFlags flags)
{
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new (profile, NULL);
  g_autoptr (GPtrArray) scores = NULL;

  scores = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_utterance_score_unref);
  for (guint i = 0; pairs[i] != NULL; i += 3)
    g_ptr_array_add (scores,
                     prl_utterance_score_compute (pairs[i], i / 3, pairs[i + 1],
                                                  pairs[i + 2], norm, flags, NULL));
  return prl_corpus_score_new (prl_normalizer_get_identity (norm), flags, scores);
}

static const char *const system_a[] = {
  "s1_1", "a b c d e f g h", "a x c d e f g y", "s2_1", "p q r s", "p q r s", NULL,
};

static const char *const system_b[] = {
  "s1_1", "a b c d e f g h", "a b c d e f g h", "s2_1", "p q r s", "p z r s", NULL,
};

static void
test_binomial (void)
{
  g_assert_cmpfloat_with_epsilon (prl_wer_binomial_two_tailed (8, 1), 0.0703125, 1e-12);
  g_assert_cmpfloat_with_epsilon (prl_wer_binomial_two_tailed (8, 0), 0.0078125, 1e-12);
  g_assert_cmpfloat (prl_wer_binomial_two_tailed (8, 4), ==, 1.0);
  g_assert_cmpfloat (prl_wer_binomial_two_tailed (0, 0), ==, 1.0);
}

static void
test_mapsswe (void)
{
  g_autoptr (PrlCorpusScore) a
      = score_pairs (system_a, "none", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (PrlCorpusScore) b
      = score_pairs (system_b, "none", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (GError) error = NULL;
  PrlMapsswe mp;

  g_assert_true (prl_wer_mapsswe (a, b, &mp, &error));
  g_assert_no_error (error);

  /* Segments: [a b] and [h] in the first utterance, [q] in the second. */
  g_assert_cmpuint (mp.n_segments, ==, 3);
  g_assert_cmpuint (mp.errors_a, ==, 2);
  g_assert_cmpuint (mp.errors_b, ==, 1);
  g_assert_cmpfloat_with_epsilon (mp.mean, 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mp.std_dev, sqrt (4.0 / 3.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (mp.z, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (mp.p_value, erfc (0.5 / G_SQRT2), 1e-12);

  /* Identical runs: nothing to test, no difference. */
  g_assert_true (prl_wer_mapsswe (a, a, &mp, &error));
  g_assert_cmpuint (mp.n_segments, ==, 2);
  g_assert_cmpfloat (mp.mean, ==, 0.0);
  g_assert_cmpfloat (mp.p_value, ==, 1.0);
}

static void
test_sign (void)
{
  g_autoptr (PrlCorpusScore) a = score_pairs (system_a, "none", 0);
  g_autoptr (PrlCorpusScore) b = score_pairs (system_b, "none", 0);
  g_autoptr (GError) error = NULL;
  PrlSignTest st;

  g_assert_true (prl_wer_sign_test (a, b, &st, &error));
  g_assert_no_error (error);
  g_assert_true (st.by_speaker);
  g_assert_cmpuint (st.n_units, ==, 2);
  g_assert_cmpuint (st.n_plus, ==, 1);
  g_assert_cmpuint (st.n_minus, ==, 1);
  g_assert_cmpuint (st.n_zero, ==, 0);
  g_assert_cmpfloat (st.p_value, ==, 1.0);
}

static void
test_words (void)
{
  g_autoptr (PrlCorpusScore) a
      = score_pairs (system_a, "none", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (PrlCorpusScore) b
      = score_pairs (system_b, "none", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (PrlCorpusScore) no_align = score_pairs (system_b, "none", 0);
  g_autoptr (PrlCorpusScore) other_profile = NULL;
  g_autoptr (GPtrArray) missed = prl_corpus_score_get_missed_words (a);
  g_autoptr (GPtrArray) fixed = NULL;
  g_autoptr (GPtrArray) broken = NULL;
  g_autoptr (GPtrArray) bad = NULL;
  GError *error = NULL;

  g_assert_cmpuint (missed->len, ==, 2);
  g_assert_cmpstr (((PrlWordCount *)g_ptr_array_index (missed, 0))->word, ==, "b");
  g_assert_cmpstr (((PrlWordCount *)g_ptr_array_index (missed, 1))->word, ==, "h");

  fixed = prl_corpus_score_get_words_fixed (a, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixed->len, ==, 2);
  broken = prl_corpus_score_get_words_fixed (b, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_cmpstr (((PrlWordCount *)g_ptr_array_index (broken, 0))->word, ==, "q");
  g_assert_cmpuint (((PrlWordCount *)g_ptr_array_index (broken, 0))->count, ==, 1);

  bad = prl_corpus_score_get_words_fixed (a, no_align, &error);
  g_assert_null (bad);
  g_assert_error (error, PRL_WER_ERROR, PRL_WER_ERROR_NO_ALIGNMENTS);
  g_clear_error (&error);

  other_profile = score_pairs (system_b, "default", PRL_WER_SCORE_KEEP_ALIGNMENT);
  bad = prl_corpus_score_get_words_fixed (a, other_profile, &error);
  g_assert_null (bad);
  g_assert_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS);
  g_clear_error (&error);
}

static void
test_corpus_rates (void)
{
  static const char *const pairs[] = {
    "u_1", "one two", "one three", "u_2", "a b c d e f g h", "a b c d e f g h", NULL,
  };
  g_autoptr (PrlCorpusScore) c = score_pairs (pairs, "none", 0);

  /* Total errors over total words (1/10), not the mean of 50% and 0%. */
  g_assert_cmpfloat_with_epsilon (prl_corpus_score_get_wer (c), 10.0, 1e-12);
  g_assert_cmpuint (prl_corpus_score_get_n_sentence_errors (c), ==, 1);
  g_assert_cmpfloat_with_epsilon (prl_corpus_score_get_ser (c), 50.0, 1e-12);
  g_assert_true (isnan (prl_corpus_score_get_cer (c)));
}

static void
test_reports (void)
{
  static const char *const pairs[] = {
    "u_1", "Hello, \"world\"", "hello word", "u_2", "", "extra", NULL,
  };
  g_autoptr (PrlCorpusScore) c
      = score_pairs (pairs, "default", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (PrlCorpusScore) d
      = score_pairs (pairs, "default", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *sum = NULL;
  PrlWerReportInfo info = { "ref.trn", "hyp.trn", NULL, NULL, 0 };
  PrlWerComparison cmp = { d, "other.trn" };
  JsonObject      *root;

  json = prl_wer_report_render (c, PRL_WER_REPORT_JSON, &info, NULL);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "utterances"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "words"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "correct"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "substitutions"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "deletions"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "insertions"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "errors"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "wer"), 100.0,
                                  1e-9);
  g_assert_cmpint (json_object_get_int_member (root, "sentences_with_errors"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "ser"), 100.0,
                                  1e-9);
  g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==, "default@1");

  /* Raw text is quoted as RFC 4180 says; normalized text sits next to it. */
  csv = prl_wer_report_render (c, PRL_WER_REPORT_CSV, &info, NULL);
  g_assert_nonnull (
      strstr (csv, "\"Hello, \"\"world\"\"\",hello word,hello world,hello word\r\n"));

  cmp.mapsswe.p_value = 1.0;
  cmp.sign_test.p_value = 1.0;
  cmp.words_fixed = g_ptr_array_new ();
  cmp.words_broken = g_ptr_array_new ();
  sum = prl_wer_report_render (c, PRL_WER_REPORT_SUM, &info, &cmp);
  g_assert_nonnull (strstr (sum, "default@1"));
  g_assert_nonnull (strstr (sum, "other.trn"));
  g_ptr_array_unref (cmp.words_fixed);
  g_ptr_array_unref (cmp.words_broken);
}

/* The JSON report is written directly; it must read, and look, exactly as
 * json-glib would write it. */
static void
test_json_layout (void)
{
  static const char *const pairs[] = {
    "u\"1\\\t\x01é", "Hello, \"world\"", "hello word", "u_2", "", "extra",
    "u_3",           "same words",       "same words", NULL,
  };
  static const char *const perfect[] = { "p_1", "a b", "a b", NULL };
  g_autoptr (PrlCorpusScore) c = score_pairs (
      pairs, "default", PRL_WER_SCORE_KEEP_ALIGNMENT | PRL_WER_SCORE_CHARACTERS);
  g_autoptr (PrlCorpusScore) d
      = score_pairs (pairs, "sclite", PRL_WER_SCORE_KEEP_ALIGNMENT);
  g_autoptr (PrlCorpusScore) e = score_pairs (perfect, "none", 0);
  g_autoptr (GPtrArray) fixed
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_word_count_free);
  PrlWerReportInfo info = { "ref \"quoted\".trn", "hyp\n.trn", NULL, NULL, 0 };
  PrlWerComparison cmp = { d, "other.trn" };
  PrlWordCount    *wc = g_new0 (PrlWordCount, 1);
  PrlCorpusScore  *scores[] = { c, d, e };

  wc->word = g_strdup ("wörd\"");
  wc->count = 3;
  g_ptr_array_add (fixed, wc);
  cmp.mapsswe.n_segments = 2;
  cmp.mapsswe.mean = 0.1;
  cmp.mapsswe.std_dev = 1e-20;
  cmp.mapsswe.z = INFINITY;
  cmp.mapsswe.p_value = 1.0;
  cmp.sign_test.p_value = 0.5;
  cmp.words_fixed = fixed;
  cmp.words_broken = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (scores) * 2; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *json = NULL;
      g_autofree char *regenerated = NULL;
      g_autofree char *expected = NULL;

      json = prl_wer_report_render (scores[i / 2], PRL_WER_REPORT_JSON, &info,
                                    i % 2 ? &cmp : NULL);
      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      json_generator_set_root (gen, json_parser_get_root (parser));
      json_generator_set_pretty (gen, TRUE);
      regenerated = json_generator_to_data (gen, NULL);
      expected = g_strconcat (regenerated, "\n", NULL);
      g_assert_cmpstr (json, ==, expected);
    }

  g_ptr_array_unref (cmp.words_broken);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wer/stats/binomial", test_binomial);
  g_test_add_func ("/wer/stats/mapsswe", test_mapsswe);
  g_test_add_func ("/wer/stats/sign", test_sign);
  g_test_add_func ("/wer/stats/words", test_words);
  g_test_add_func ("/wer/stats/corpus-rates", test_corpus_rates);
  g_test_add_func ("/wer/stats/reports", test_reports);
  g_test_add_func ("/wer/stats/json-layout", test_json_layout);

  return g_test_run ();
}
