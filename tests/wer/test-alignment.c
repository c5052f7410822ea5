/* test-alignment.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-alignment"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "prl-alignment.h"
#include "prl-normalizer.h"
#include "prl-wer-error.h"
#include "prl-wer-scores.h"

static char *
align_string (const char *ref, const char *hyp)
{
  g_auto (GStrv) r = g_strsplit_set (ref, " ", -1);
  g_auto (GStrv) h = g_strsplit_set (hyp, " ", -1);
  g_autofree guint8 *ops = NULL;
  GString           *out = g_string_new (NULL);
  gsize              n_ops;

  /* g_strsplit of "" gives one empty word; drop it. */
  if (*ref == '\0')
    g_clear_pointer (&r[0], g_free);
  if (*hyp == '\0')
    g_clear_pointer (&h[0], g_free);

  ops = prl_align_words ((const char *const *)r, (const char *const *)h, &n_ops, NULL,
                         NULL);
  for (gsize k = 0; k < n_ops; k++)
    g_string_append_c (out, prl_align_op_to_char (ops[k]));
  return g_string_free (out, FALSE);
}

/*
 * Expected paths were produced by sclite 2.10. Several are ties where a
 * plain Levenshtein alignment (unit costs, or another tie order) reports
 * different counts.
 */
static void
test_sclite_paths (void)
{
  const struct
  {
    const char *ref;
    const char *hyp;
    const char *ops;
  } cases[] = {
    /* Unit-cost Levenshtein also accepts "SS" here (cost 2 both ways). */
    { "a b", "b c", "DCI" },
    { "the cat sat on", "the kitten on mat", "CDSCI" },
    /* Ties under sclite's own weights: diagonal first, then insertion. */
    { "c c b a c", "b a a a b", "SSSCS" },
    { "a c c a a", "a a b b a", "CSSSC" },
    { "a b a a a", "c c a c b c", "SSCISS" },
    { "c c c b b b a", "c b c a c a", "CSCDSSC" },
    { "c a c b c b a", "b b b a b c", "DSSCSCS" },
    { "b b b a a", "a c a c", "DSSCS" },
    { "a", "", "D" },
    { "", "a b", "II" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = align_string (cases[i].ref, cases[i].hyp);

      g_test_message ("“%s” / “%s”", cases[i].ref, cases[i].hyp);
      g_assert_cmpstr (got, ==, cases[i].ops);
    }
}

/* Plain minimum cost, computed independently of the code under test. */
static guint
min_cost (const guint32 *r, guint n, const guint32 *h, guint m)
{
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));

  for (guint i = 0; i <= n; i++)
    for (guint j = 0; j <= m; j++)
      {
        guint best = G_MAXUINT;

        if (i == 0 && j == 0)
          best = 0;
        if (i > 0 && j > 0)
          best
              = MIN (best, d[(i - 1) * (m + 1) + j - 1] + (r[i - 1] == h[j - 1] ? 0 : 4));
        if (i > 0)
          best = MIN (best, d[(i - 1) * (m + 1) + j] + 3);
        if (j > 0)
          best = MIN (best, d[i * (m + 1) + j - 1] + 3);
        d[i * (m + 1) + j] = best;
      }

  return d[n * (m + 1) + m];
}

static void
check_properties (const guint32 *r, guint n, const guint32 *h, guint m)
{
  g_autofree guint8 *ops = NULL;
  PrlAlignCounts     c;
  gsize              n_ops;
  guint              i = 0, j = 0, cost = 0;

  ops = prl_align_symbols (r, n, h, m, &n_ops, &c, NULL);

  /* Counts add up. */
  g_assert_cmpuint (c.correct + c.substitutions + c.deletions, ==, n);
  g_assert_cmpuint (c.correct + c.substitutions + c.insertions, ==, m);
  g_assert_cmpuint (n_ops, ==, c.correct + c.substitutions + c.deletions + c.insertions);

  /* The path is valid and of minimum cost. */
  for (gsize k = 0; k < n_ops; k++)
    {
      switch ((PrlAlignOp)ops[k])
        {
        case PRL_ALIGN_CORRECT:
          g_assert_cmpuint (r[i], ==, h[j]);
          i++, j++;
          break;

        case PRL_ALIGN_SUBSTITUTION:
          g_assert_cmpuint (r[i], !=, h[j]);
          cost += PRL_ALIGN_COST_SUBSTITUTION;
          i++, j++;
          break;

        case PRL_ALIGN_DELETION:
          cost += PRL_ALIGN_COST_DELETION;
          i++;
          break;

        case PRL_ALIGN_INSERTION:
          cost += PRL_ALIGN_COST_INSERTION;
          j++;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (i, ==, n);
  g_assert_cmpuint (j, ==, m);
  g_assert_cmpuint (cost, ==, min_cost (r, n, h, m));
}

static void
test_properties (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);

  for (guint iter = 0; iter < 2000; iter++)
    {
      guint               n = g_rand_int_range (rand, 0, 15);
      guint               m = g_rand_int_range (rand, 0, 15);
      guint               alphabet = g_rand_int_range (rand, 1, 5);
      g_autofree guint32 *r = g_new (guint32, n + 1);
      g_autofree guint32 *h = g_new (guint32, m + 1);
      g_autofree guint8  *same = NULL;
      PrlAlignCounts      c;
      gsize               n_ops;

      for (guint i = 0; i < n; i++)
        r[i] = g_rand_int_range (rand, 0, alphabet);
      for (guint j = 0; j < m; j++)
        h[j] = g_rand_int_range (rand, 0, alphabet);
      check_properties (r, n, h, m);

      /* Identical texts score zero errors. */
      same = prl_align_symbols (r, n, r, n, &n_ops, &c, NULL);
      g_assert_cmpuint (c.correct, ==, n);
      g_assert_cmpuint (c.substitutions + c.deletions + c.insertions, ==, 0);
    }
}

static void
test_long (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint               n = 6000, m = 0;
  g_autofree guint32 *r = g_new (guint32, n);
  g_autofree guint32 *h = g_new (guint32, 2 * n);
  g_autofree guint8  *ops = NULL;
  PrlAlignCounts      c;
  gsize               n_ops;

  for (guint i = 0; i < n; i++)
    {
      double x = g_rand_double (rand);

      r[i] = g_rand_int_range (rand, 0, 1000);
      if (x < 0.05)
        continue;
      h[m++] = x < 0.15 ? (guint32)g_rand_int_range (rand, 0, 1000) : r[i];
      if (x > 0.97)
        h[m++] = g_rand_int_range (rand, 0, 1000);
    }

  ops = prl_align_symbols (r, n, h, m, &n_ops, &c, NULL);
  g_assert_cmpuint (c.correct + c.substitutions + c.deletions, ==, n);
  g_assert_cmpuint (c.correct + c.substitutions + c.insertions, ==, m);
  /* About 85% of the words were left intact. */
  g_assert_cmpuint (c.correct, >, n * 8 / 10);
}

/* The plain algorithm, written independently: the whole table, then a
 * traceback preferring the diagonal, then an insertion, then a deletion.
 * Returns the operations as a string of C, S, D and I. */
static char *
reference_align (const guint32 *r, guint n, const guint32 *h, guint m)
{
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));
  GString          *ops = g_string_new (NULL);
  guint             i = n, j = m;

#define D(a, b) d[(a) * (m + 1) + (b)]
  for (i = 0; i <= n; i++)
    for (j = 0; j <= m; j++)
      {
        guint best = G_MAXUINT;

        if (i == 0 && j == 0)
          best = 0;
        if (i > 0 && j > 0)
          best = MIN (best, D (i - 1, j - 1) + (r[i - 1] == h[j - 1] ? 0 : 4));
        if (j > 0)
          best = MIN (best, D (i, j - 1) + 3);
        if (i > 0)
          best = MIN (best, D (i - 1, j) + 3);
        D (i, j) = best;
      }

  i = n, j = m;
  while (i > 0 || j > 0)
    {
      if (i > 0 && j > 0 && D (i - 1, j - 1) + (r[i - 1] == h[j - 1] ? 0 : 4) == D (i, j))
        {
          g_string_prepend_c (ops, r[i - 1] == h[j - 1] ? 'C' : 'S');
          i--, j--;
        }
      else if (j > 0 && D (i, j - 1) + 3 == D (i, j))
        {
          g_string_prepend_c (ops, 'I');
          j--;
        }
      else
        {
          g_string_prepend_c (ops, 'D');
          i--;
        }
    }
#undef D

  return g_string_free (ops, FALSE);
}

/* Aligns with the whole table and with bands only, and expects the same
 * operations as the plain algorithm: the band and the common tail left out
 * of the table must reproduce sclite's choice among ties. */
static void
check_band_matches_full (const guint32 *r, guint n, const guint32 *h, guint m)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *full = NULL;
  g_autofree guint8 *band = NULL;
  PrlAlignCounts     cf, cb;
  gsize              n_full, n_band;

  full = prl_align_symbols_with_limits (r, n, h, m, G_MAXUINT64, G_MAXUINT64, &n_full,
                                        &cf, &error);
  g_assert_no_error (error);
  band = prl_align_symbols_with_limits (r, n, h, m, 0, G_MAXUINT64, &n_band, &cb, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (n_band, ==, n_full);
  g_assert_cmpmem (band, n_band, full, n_full);
  if (n * m < 40000)
    {
      g_autofree char *expected = reference_align (r, n, h, m);
      g_autofree char *got = g_malloc (n_full + 1);

      for (gsize k = 0; k < n_full; k++)
        got[k] = prl_align_op_to_char (full[k]);
      got[n_full] = '\0';
      g_assert_cmpstr (got, ==, expected);
    }
  g_assert_cmpuint (cb.correct, ==, cf.correct);
  g_assert_cmpuint (cb.substitutions, ==, cf.substitutions);
  g_assert_cmpuint (cb.deletions, ==, cf.deletions);
  g_assert_cmpuint (cb.insertions, ==, cf.insertions);
}

static void
test_band_matches_full (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1789);

  for (guint iter = 0; iter < 6000; iter++)
    {
      guint               kind = iter % 3;
      guint               n = g_rand_int_range (rand, 0, kind == 0 ? 40 : 300);
      guint               alphabet = g_rand_int_range (rand, 1, kind == 2 ? 50 : 4);
      double              rate = g_rand_double_range (rand, 0.0, kind == 0 ? 1.0 : 0.4);
      g_autofree guint32 *r = g_new (guint32, n + 1);
      g_autofree guint32 *h = g_new (guint32, 2 * n + 40);
      guint               m = 0;

      for (guint i = 0; i < n; i++)
        r[i] = g_rand_int_range (rand, 0, alphabet);

      if (kind == 0)
        {
          /* Unrelated texts over a tiny alphabet: ties everywhere. */
          m = g_rand_int_range (rand, 0, 40);
          for (guint j = 0; j < m; j++)
            h[j] = g_rand_int_range (rand, 0, alphabet);
        }
      else
        {
          /* An edited copy, as a recognizer makes: long texts that differ
           * little, so that the band is much narrower than the table. */
          for (guint i = 0; i < n; i++)
            {
              double x = g_rand_double (rand);

              if (x < rate / 3)
                continue;
              h[m++] = x < 2 * rate / 3 ? (guint32)g_rand_int_range (rand, 0, alphabet)
                                        : r[i];
              if (g_rand_double (rand) < rate / 3)
                h[m++] = g_rand_int_range (rand, 0, alphabet);
            }
        }

      check_band_matches_full (r, n, h, m);
      check_band_matches_full (h, m, r, n);
    }
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* A 1.2-million-word utterance once asked for 360 GB and aborted. */
static void
test_very_long (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);
  g_autoptr (GError) error = NULL;
  guint               n = 1200000, m = 0;
  g_autofree guint32 *r = g_new (guint32, n);
  g_autofree guint32 *h = g_new (guint32, n + 100);
  g_autofree guint8  *same = NULL;
  g_autofree guint8  *ops = NULL;
  PrlAlignCounts      c;
  gsize               n_ops;
  glong               rss_before = peak_rss_kb ();

  for (guint i = 0; i < n; i++)
    r[i] = g_rand_int_range (rand, 0, 3000);

  same = prl_align_symbols (r, n, r, n, &n_ops, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_ops, ==, n);
  g_assert_cmpuint (c.correct, ==, n);
  g_assert_cmpuint (c.substitutions + c.deletions + c.insertions, ==, 0);

  /* 60 substitutions, 30 deletions and 30 insertions, far apart. */
  for (guint i = 0; i < n; i++)
    {
      if (i % 10000 == 5000 && (i / 10000) % 4 == 1)
        continue;
      h[m++] = i % 10000 == 5000 && (i / 10000) % 4 >= 2 ? 5000 + i : r[i];
      if (i % 10000 == 5000 && (i / 10000) % 4 == 0)
        h[m++] = 9000000 + i;
    }
  ops = prl_align_symbols (r, n, h, m, &n_ops, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c.substitutions, ==, 60);
  g_assert_cmpuint (c.deletions, ==, 30);
  g_assert_cmpuint (c.insertions, ==, 30);
  g_assert_cmpuint (c.correct, ==, n - 90);

  /* The inputs take 10 MB; the alignments must not take much more. */
  g_test_message ("peak RSS grew by %ld kB", peak_rss_kb () - rss_before);
  g_assert_cmpint (peak_rss_kb () - rss_before, <, 150 * 1024);
}

/* Texts too long and different to align are refused with a clear error. */
static void
test_too_long (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  g_autoptr (GError) error = NULL;
  guint               n = 3000;
  g_autofree guint32 *r = g_new (guint32, n);
  g_autofree guint32 *h = g_new (guint32, n);
  g_autofree guint8  *ops = NULL;
  gsize               n_ops;

  for (guint i = 0; i < n; i++)
    {
      r[i] = g_rand_int_range (rand, 0, 100);
      h[i] = g_rand_int_range (rand, 0, 100);
    }

  /* Nearly all 9 million cells are needed; allow a million. */
  ops = prl_align_symbols_with_limits (r, n, h, n, 0, 1000000, &n_ops, NULL, &error);
  g_assert_error (error, PRL_WER_ERROR, PRL_WER_ERROR_TOO_LONG);
  g_assert_null (ops);
  g_assert_nonnull (
      strstr (error->message, "3000 reference words and 3000 hypothesis words"));
  g_clear_error (&error);

  /* Identical texts need only a narrow band, far below the limit. */
  ops = prl_align_symbols_with_limits (r, n, r, n, 0, 100 * n, &n_ops, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_ops, ==, n);
}

static void
test_utterance_score (void)
{
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", NULL);
  g_autoptr (PrlUtteranceScore) u = NULL;

  u = prl_utterance_score_compute (
      "spk1_001", 3, "The cat sat, um, on the mat.", "the cat sat on a mat", norm,
      PRL_WER_SCORE_KEEP_ALIGNMENT | PRL_WER_SCORE_CHARACTERS, NULL);

  g_assert_cmpstr (u->speaker, ==, "spk1");
  g_assert_cmpuint (u->index, ==, 3);
  /* Raw text is kept next to the normalized words. */
  g_assert_cmpstr (u->ref_text, ==, "The cat sat, um, on the mat.");
  g_assert_cmpstr (u->ref_words[0], ==, "the");
  g_assert_cmpuint (g_strv_length (u->ref_words), ==, 6);
  g_assert_cmpuint (u->words.ref_words, ==, 6);
  g_assert_cmpuint (u->words.correct, ==, 5);
  g_assert_cmpuint (u->words.substitutions, ==, 1);
  g_assert_cmpuint (prl_wer_counts_get_errors (&u->words), ==, 1);
  g_assert_cmpstr (u->missed[0], ==, "the");
  g_assert_null (u->missed[1]);

  /* "thecatsatonthemat" vs "thecatsatonamat": sclite -c finds 14 1 2 0. */
  g_assert_cmpuint (u->chars.ref_words, ==, 17);
  g_assert_cmpuint (u->chars.hyp_words, ==, 15);
  g_assert_cmpuint (u->chars.correct, ==, 14);
  g_assert_cmpuint (u->chars.substitutions, ==, 1);
  g_assert_cmpuint (u->chars.deletions, ==, 2);
  g_assert_cmpuint (u->chars.insertions, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wer/alignment/sclite-paths", test_sclite_paths);
  g_test_add_func ("/wer/alignment/properties", test_properties);
  g_test_add_func ("/wer/alignment/long", test_long);
  g_test_add_func ("/wer/alignment/band-matches-full", test_band_matches_full);
  g_test_add_func ("/wer/alignment/very-long", test_very_long);
  g_test_add_func ("/wer/alignment/too-long", test_too_long);
  g_test_add_func ("/wer/alignment/utterance-score", test_utterance_score);

  return g_test_run ();
}
