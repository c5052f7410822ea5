/* test-sclite-live.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sclite-live"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "../test-util.h"
#include "prl-normalizer.h"
#include "prl-trn.h"
#include "prl-wer-report.h"
#include "prl-wer-service.h"
#include "prl-wer-stats.h"

/*
 * Runs Debian's sclite and sc_stats (package sctk) on data generated here
 * with a fixed seed, and asserts that Parlance reports exactly the same
 * totals, the same alignment for every utterance, and the same MAPSSWE and
 * sign test figures. Skipped when sctk is not installed.
 */

#define N_UTTERANCES 1500
#define N_SPEAKERS 12

static char *tmpdir;
static char *sclite;
static char *sc_stats;

static const char *const tricky_words[] = {
  "Über", "über", "café", "CAFÉ", "naïve", "東京", "don't", "well,", "OK", "ok", "a", "A",
};

static char *
random_word (GRand *rand, guint vocab)
{
  if (g_rand_int_range (rand, 0, 20) == 0)
    return g_strdup (
        tricky_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (tricky_words))]);
  /* Small vocabularies make equal-cost ties frequent. */
  return g_strdup_printf ("%c%u", g_rand_boolean (rand) ? 'w' : 'W',
                          (guint)g_rand_int_range (rand, 0, vocab));
}

/* A hypothesis with a realistic mix of substitutions, deletions and insertions. */
static void
corrupt (GRand *rand, GPtrArray *ref, GPtrArray *hyp, double rate, guint vocab)
{
  for (guint i = 0; i < ref->len; i++)
    {
      double x = g_rand_double (rand);

      if (x < rate * 0.3)
        continue;
      if (x < rate * 0.8)
        g_ptr_array_add (hyp, random_word (rand, vocab));
      else
        g_ptr_array_add (hyp, g_strdup (g_ptr_array_index (ref, i)));
      if (x > 1.0 - rate * 0.2)
        g_ptr_array_add (hyp, random_word (rand, vocab));
    }
}

static void
write_line (GString *out, GPtrArray *words, const char *id)
{
  for (guint i = 0; i < words->len; i++)
    g_string_append_printf (out, "%s ", (char *)g_ptr_array_index (words, i));
  g_string_append_printf (out, "(%s)\n", id);
}

static void
generate (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260214);
  g_autoptr (GString) ref = g_string_new (NULL);
  g_autoptr (GString) hyp_a = g_string_new (NULL);
  g_autoptr (GString) hyp_b = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  for (guint u = 0; u < N_UTTERANCES; u++)
    {
      g_autoptr (GPtrArray) r = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) b = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *id = g_strdup_printf ("spk%02u_%05u", u % N_SPEAKERS, u);
      guint            vocab = g_rand_boolean (rand) ? 3 : 400;
      guint            len = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < len; i++)
        g_ptr_array_add (r, random_word (rand, vocab));
      corrupt (rand, r, a, 0.05 + 0.02 * (u % N_SPEAKERS), vocab);
      corrupt (rand, r, b, 0.08 + 0.01 * (u % 5), vocab);

      write_line (ref, r, id);
      write_line (hyp_a, a, id);
      write_line (hyp_b, b, id);
    }

  tmpdir = g_dir_make_tmp ("prl-sclite-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (g_chdir (tmpdir) == 0);
  g_file_set_contents ("ref.trn", ref->str, ref->len, &error);
  g_assert_no_error (error);
  g_file_set_contents ("hypa.trn", hyp_a->str, hyp_a->len, &error);
  g_assert_no_error (error);
  g_file_set_contents ("hypb.trn", hyp_b->str, hyp_b->len, &error);
  g_assert_no_error (error);
}

static void
run (gboolean must_succeed, const char *stdin_text, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  const char      *arg;
  va_list          args;

  va_start (args, stdin_text);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *)argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  if (must_succeed && !g_subprocess_get_successful (proc))
    g_error ("%s failed: %s", (char *)argv->pdata[0], output);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Scores through the service, the way the app and the CLI do. */
static PrlCorpusScore *
score (const char *hyp_path, const char *profile)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTrn) ref = prl_trn_load ("ref.trn", 0, &error);
  g_autoptr (PrlTrn) hyp = prl_trn_load (hyp_path, 0, &error);
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new (profile, &error);
  g_autoptr (GArray) pairs = NULL;
  g_autoptr (PrlWerBatch) batch = NULL;
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (GAsyncResult) result = NULL;
  PrlCorpusScore *corpus;

  g_assert_no_error (error);
  pairs = prl_trn_pair (ref, hyp, &error);
  g_assert_no_error (error);
  batch = prl_wer_batch_new_from_pairs (pairs);

  prl_wer_service_score_batch_async (service, batch, norm, PRL_WER_SCORE_KEEP_ALIGNMENT,
                                     NULL, store_result_cb, &result);
  corpus = prl_wer_service_score_batch_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);

  return corpus;
}

/* The "Sum" row of sclite's rsum report: # Snt # Wrd Corr Sub Del Ins Err S.Err. */
static void
parse_rsum (const char *path, guint sum[8])
{
  g_autofree char *text = read_file (path);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      guint n = 0;

      g_strdelimit (lines[i], "|", ' ');
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      if (g_strcmp0 (fields[0], "Sum") != 0)
        continue;
      for (guint k = 1; fields[k] != NULL && n < 8; k++)
        if (*fields[k] != '\0')
          sum[n++] = (guint)g_ascii_strtoull (fields[k], NULL, 10);
      g_assert_cmpuint (n, ==, 8);
      return;
    }
  g_assert_not_reached ();
}

static char *
without_date (const char *sgml)
{
  g_autoptr (GRegex) re = g_regex_new ("creation_date=\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (re, sgml, -1, 0, "", 0, NULL);
}

static void
test_totals (gconstpointer data)
{
  const char *profile = data;
  gboolean    case_sensitive = g_str_equal (profile, "none");
  g_autoptr (PrlCorpusScore) corpus = score ("hypa.trn", profile);
  g_autofree char    *rsum_path = g_strdup_printf ("%s.raw", profile);
  g_autofree char    *sgml_path = g_strdup_printf ("%s.sgml", profile);
  g_autofree char    *theirs_sgml = NULL;
  g_autofree char    *ours_sgml = NULL;
  g_autofree char    *a = NULL;
  g_autofree char    *b = NULL;
  const PrlWerCounts *w = prl_corpus_score_get_words (corpus);
  PrlWerReportInfo    info = { "ref.trn", "hypa.trn", NULL, NULL, 0 };
  guint               sum[8];

  run (TRUE, NULL, sclite, "-r", "ref.trn", "trn", "-h", "hypa.trn", "trn", "-i", "rm",
       "-o", "rsum", "sgml", "-O", ".", "-n", profile, case_sensitive ? "-s" : NULL,
       NULL);

  parse_rsum (rsum_path, sum);
  g_assert_cmpuint (prl_corpus_score_get_n_utterances (corpus), ==, sum[0]);
  g_assert_cmpuint (w->ref_words, ==, sum[1]);
  g_assert_cmpuint (w->correct, ==, sum[2]);
  g_assert_cmpuint (w->substitutions, ==, sum[3]);
  g_assert_cmpuint (w->deletions, ==, sum[4]);
  g_assert_cmpuint (w->insertions, ==, sum[5]);
  g_assert_cmpuint (prl_wer_counts_get_errors (w), ==, sum[6]);
  g_assert_cmpuint (prl_corpus_score_get_n_sentence_errors (corpus), ==, sum[7]);
  /* The data must exercise every kind of error. */
  g_assert_cmpuint (w->substitutions * w->deletions * w->insertions, >, 0);

  /* Every utterance aligned the same way. */
  theirs_sgml = read_file (sgml_path);
  ours_sgml = prl_wer_report_render (corpus, PRL_WER_REPORT_SGML, &info, NULL);
  a = without_date (ours_sgml);
  b = without_date (theirs_sgml);
  g_assert_cmpstr (a, ==, b);
}

static double
parse_field (const char *text, const char *label)
{
  const char *p = strstr (text, label);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (label), NULL);
}

static void
test_significance (void)
{
  g_autoptr (PrlCorpusScore) a = score ("hypa.trn", "sclite");
  g_autoptr (PrlCorpusScore) b = score ("hypb.trn", "sclite");
  g_autoptr (GError) error = NULL;
  g_autofree char *sgml_a = NULL;
  g_autofree char *sgml_b = NULL;
  g_autofree char *both = NULL;
  g_autofree char *mapsswe = NULL;
  g_autofree char *sign = NULL;
  PrlMapsswe       mp;
  PrlSignTest      st;

  run (TRUE, NULL, sclite, "-r", "ref.trn", "trn", "-h", "hypa.trn", "trn", "A", "-h",
       "hypb.trn", "trn", "B", "-i", "rm", "-o", "sgml", "-O", ".", NULL);
  sgml_a = read_file ("hypa.trn.sgml");
  sgml_b = read_file ("hypb.trn.sgml");
  both = g_strconcat (sgml_a, sgml_b, NULL);
  run (TRUE, both, sc_stats, "-p", "-t", "mapsswe", "-v", "-n", "stats", "-O", ".", NULL);
  /* sc_stats 1.3 (Debian 12) can abort while freeing memory after it has
   * written its sign test report; the report is what is checked below. */
  run (FALSE, both, sc_stats, "-p", "-t", "sign", "-v", "-n", "stats", "-O", ".", NULL);

  g_assert_true (prl_wer_mapsswe (a, b, &mp, &error));
  g_assert_no_error (error);
  mapsswe = read_file ("stats.stats.mapsswe");
  g_assert_cmpuint (mp.n_segments, ==, (guint)parse_field (mapsswe, "(# segs: "));
  g_assert_cmpfloat_with_epsilon (mp.mean, parse_field (mapsswe, "(mean: "), 0.0006);
  g_assert_cmpfloat_with_epsilon (mp.std_dev, parse_field (mapsswe, "(std dev: "),
                                  0.0006);
  g_assert_cmpfloat_with_epsilon (mp.z, parse_field (mapsswe, "(Z Stat: "), 0.0006);
  g_assert_cmpfloat (mp.p_value, >=, 0.0);
  g_assert_cmpfloat (mp.p_value, <=, 1.0);

  g_assert_true (prl_wer_sign_test (a, b, &st, &error));
  g_assert_no_error (error);
  sign = read_file ("stats.stats.sign");
  g_assert_true (st.by_speaker);
  g_assert_cmpuint (st.n_units, ==, N_SPEAKERS);
  g_assert_cmpuint (st.n_plus, ==, (guint)parse_field (sign, "Differences = N(+) = "));
  g_assert_cmpuint (st.n_minus, ==, (guint)parse_field (sign, "Differences = N(-) = "));
  g_assert_cmpuint (st.n_zero, ==, (guint)parse_field (sign, "Differences = N(0) = "));
  g_assert_cmpfloat_with_epsilon (MIN (1.0, parse_field (sign, "it occurring is ")),
                                  st.p_value, 0.0006);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autofree char *cwd = g_get_current_dir ();
  int              ret;

  g_test_init (&argc, &argv, NULL);

  sclite = g_find_program_in_path ("/usr/lib/sctk/bin/sclite");
  if (sclite == NULL)
    sclite = g_find_program_in_path ("sclite");
  sc_stats = g_find_program_in_path ("/usr/lib/sctk/bin/sc_stats");
  if (sc_stats == NULL)
    sc_stats = g_find_program_in_path ("sc_stats");
  if (sclite == NULL || sc_stats == NULL)
    {
      g_print (
          "1..0 # SKIP sclite and sc_stats (Debian package sctk) are not installed\n");
      return 0;
    }

  generate ();

  g_test_add_data_func ("/wer/sclite-live/totals-folded", "sclite", test_totals);
  g_test_add_data_func ("/wer/sclite-live/totals-case-sensitive", "none", test_totals);
  g_test_add_func ("/wer/sclite-live/significance", test_significance);

  ret = g_test_run ();

  g_chdir (cwd);
  remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (sclite);
  g_free (sc_stats);
  return ret;
}
