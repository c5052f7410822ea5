/* test-ngram-sphinxbase.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ngram-sphinxbase"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

#include "ngram-test-util.h"

/*
 * The ARPA files Parlance writes are read by sphinxbase, the library that
 * PocketSphinx decodes with: this loads one and checks that sphinxbase
 * scores every word of held-out text as prl_ngram_model_log10_prob() does.
 *
 * sphinxbase keeps scores as integer logarithms in base 1.0001, so each
 * score is rounded to about ±2.2e-5 in log10, and the probabilities and
 * back-off weights it adds are floats; 1e-3 covers both with a wide margin
 * while still catching any wrong back-off (those are off by 0.1 or more).
 */

typedef struct
{
  char          *path;
  PrlNgramModel *model;
  ngram_model_t *lm;
  logmath_t     *lmath;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  guint order = GPOINTER_TO_UINT (data);
  g_autoptr (GPtrArray) sentences = NULL;
  g_autoptr (GBytes) arpa = NULL;
  g_autoptr (GError) error = NULL;
  TestSource source;
  int        fd;

  test_source_init (&source, 300, 0, 7);
  sentences = test_source_sentences (&source, 4000);
  test_source_clear (&source);
  fixture->model = test_train (sentences, order);
  arpa = test_write_arpa (fixture->model);

  fd = g_file_open_tmp ("parlance-XXXXXX.arpa", &fixture->path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (fixture->path, g_bytes_get_data (arpa, NULL),
                       g_bytes_get_size (arpa), &error);
  g_assert_no_error (error);

  fixture->lmath = logmath_init (1.0001, 0, 0);
  fixture->lm = ngram_model_read (NULL, fixture->path, NGRAM_ARPA, fixture->lmath);
  g_assert_nonnull (fixture->lm);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  ngram_model_free (fixture->lm);
  logmath_free (fixture->lmath);
  prl_ngram_model_free (fixture->model);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static void
test_counts (Fixture *fixture, gconstpointer data)
{
  const uint32 *counts = ngram_model_get_counts (fixture->lm);

  g_assert_cmpint (ngram_model_get_size (fixture->lm), ==,
                   prl_ngram_model_get_order (fixture->model));
  for (guint k = 1; k <= prl_ngram_model_get_order (fixture->model); k++)
    g_assert_cmpuint (counts[k - 1], ==,
                      prl_ngram_model_get_n_ngrams (fixture->model, k));
}

static void
test_scores (Fixture *fixture, gconstpointer data)
{
  guint order = GPOINTER_TO_UINT (data);
  g_autoptr (GPtrArray) held_out = NULL;
  TestSource source;
  guint      n_scored = 0;
  double     max_diff = 0.0;

  /* Same source, other seed: seen and unseen n-grams, no unknown words. */
  test_source_init (&source, 300, 0, 8);
  held_out = test_source_sentences (&source, 300);
  test_source_clear (&source);

  for (guint s = 0; s < held_out->len; s++)
    {
      g_autoptr (GPtrArray) words = g_ptr_array_new ();
      char **sentence = g_ptr_array_index (held_out, s);

      g_ptr_array_add (words, (gpointer)PRL_NGRAM_BOS);
      for (guint i = 0; sentence[i] != NULL; i++)
        g_ptr_array_add (words, sentence[i]);
      g_ptr_array_add (words, (gpointer)PRL_NGRAM_EOS);

      for (guint i = 1; i < words->len; i++)
        {
          const char *const *w = (const char *const *)words->pdata;
          int32              n_used;
          int32              score;
          double expected = prl_ngram_model_log10_prob (fixture->model, w, i, w[i]);
          double got;

          if (!prl_ngram_model_contains (fixture->model, w[i]))
            continue;

          if (order == 3)
            score = ngram_tg_score (fixture->lm, ngram_wid (fixture->lm, w[i]),
                                    ngram_wid (fixture->lm, w[i - 1]),
                                    i >= 2 ? ngram_wid (fixture->lm, w[i - 2]) : -1,
                                    &n_used);
          else
            score = ngram_score (fixture->lm, w[i], w[i - 1], NULL);
          got = logmath_log_to_log10 (fixture->lmath, score);

          max_diff = MAX (max_diff, fabs (got - expected));
          g_assert_cmpfloat_with_epsilon (got, expected, 1e-3);
          n_scored++;
        }
    }
  g_test_message ("%u words scored, largest difference %.2e (log10)", n_scored, max_diff);
  g_assert_cmpuint (n_scored, >, 1000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* sphinxbase logs every step of loading to stderr. */
  err_set_logfp (NULL);

  g_test_add ("/ngram/sphinxbase/trigram/counts", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/ngram/sphinxbase/trigram/scores", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_scores, fixture_tear_down);
  g_test_add ("/ngram/sphinxbase/bigram/scores", Fixture, GUINT_TO_POINTER (2),
              fixture_set_up, test_scores, fixture_tear_down);

  return g_test_run ();
}
