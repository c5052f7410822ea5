/* test-service.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-service"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "../test-util.h"
#include "prl-normalizer.h"
#include "prl-wer-service.h"

typedef struct
{
  guint         n_scored;
  guint         n_progress;
  double        last_progress;
  GHashTable   *seen;               /* (owned) batch → count */
  GCancellable *cancel_after_first; /* (nullable) */
} Watch;

static PrlWerBatch *
make_batch (guint seed, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  PrlWerBatch *batch = prl_wer_batch_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GString) ref = g_string_new (NULL);
      g_autoptr (GString) hyp = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("s%u_%05u", i % 7, i);
      guint            len = g_rand_int_range (rand, 0, 30);

      for (guint k = 0; k < len; k++)
        {
          guint w = g_rand_int_range (rand, 0, 50);

          g_string_append_printf (ref, "w%u ", w);
          if (g_rand_int_range (rand, 0, 10) == 0)
            g_string_append_printf (hyp, "x%u ", w);
          else if (g_rand_int_range (rand, 0, 20) != 0)
            g_string_append_printf (hyp, "w%u ", w);
        }
      prl_wer_batch_add (batch, id, ref->str, hyp->str);
    }

  return batch;
}

static void
utterance_scored_cb (PrlWerService     *service,
                     PrlWerBatch       *batch,
                     PrlUtteranceScore *score,
                     Watch             *watch)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (watch->seen, batch));

  /* Delivered on the main thread, one per utterance. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_nonnull (score);
  g_hash_table_insert (watch->seen, batch, GUINT_TO_POINTER (n + 1));
  watch->n_scored++;

  if (watch->cancel_after_first != NULL)
    g_cancellable_cancel (watch->cancel_after_first);
}

static void
progress_cb (PrlWerService *service, GParamSpec *pspec, Watch *watch)
{
  watch->n_progress++;
  watch->last_progress = prl_wer_service_get_progress (service);
}

/* The sum of independent per-utterance scores, computed without the service. */
static void
score_sync (PrlWerBatch *batch, PrlNormalizer *norm, PrlWerCounts *total)
{
  memset (total, 0, sizeof *total);
  for (guint i = 0; i < prl_wer_batch_get_n_items (batch); i++)
    {
      g_autoptr (PrlUtteranceScore) u = NULL;
      const char *id, *ref, *hyp;

      prl_wer_batch_get_item (batch, i, &id, &ref, &hyp);
      u = prl_utterance_score_compute (id, i, ref, hyp, norm, 0, NULL);
      prl_wer_counts_add (total, &u->words);
    }
}

static void
assert_counts_equal (const PrlWerCounts *a, const PrlWerCounts *b)
{
  g_assert_cmpuint (a->ref_words, ==, b->ref_words);
  g_assert_cmpuint (a->correct, ==, b->correct);
  g_assert_cmpuint (a->substitutions, ==, b->substitutions);
  g_assert_cmpuint (a->deletions, ==, b->deletions);
  g_assert_cmpuint (a->insertions, ==, b->insertions);
}

static void
test_batch (void)
{
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", NULL);
  g_autoptr (PrlWerBatch) batch = make_batch (1, 3000);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlCorpusScore) corpus = NULL;
  g_autoptr (GError) error = NULL;
  Watch        watch = { 0 };
  PrlWerCounts expected;

  watch.seen = g_hash_table_new (NULL, NULL);
  g_signal_connect (service, "utterance-scored", G_CALLBACK (utterance_scored_cb),
                    &watch);
  g_signal_connect (service, "notify::progress", G_CALLBACK (progress_cb), &watch);

  g_assert_cmpuint (prl_wer_service_get_n_threads (service), ==, g_get_num_processors ());

  prl_wer_service_score_batch_async (service, batch, norm, 0, NULL, store_result_cb,
                                     &result);
  g_assert_cmpuint (prl_wer_service_get_n_running (service), ==, 1);
  g_assert_true (prl_wer_batch_get_running (batch));

  wait_for (&result);
  corpus = prl_wer_service_score_batch_finish (service, result, &error);
  g_assert_no_error (error);

  /* Every utterance was delivered, in batch order in the result. */
  g_assert_cmpuint (watch.n_scored, ==, 3000);
  g_assert_cmpuint (prl_corpus_score_get_n_utterances (corpus), ==, 3000);
  for (guint i = 0; i < 3000; i++)
    g_assert_cmpuint (prl_corpus_score_get_utterance (corpus, i)->index, ==, i);
  g_assert_cmpstr (prl_corpus_score_get_profile (corpus), ==, "default@1");

  score_sync (batch, norm, &expected);
  assert_counts_equal (prl_corpus_score_get_words (corpus), &expected);

  g_assert_cmpuint (prl_wer_service_get_n_running (service), ==, 0);
  g_assert_false (prl_wer_batch_get_running (batch));
  g_assert_cmpfloat (prl_wer_batch_get_progress (batch), ==, 1.0);
  g_assert_cmpuint (prl_wer_batch_get_n_scored (batch), ==, 3000);
  g_assert_cmpuint (watch.n_progress, >=, 1);

  g_hash_table_unref (watch.seen);
}

static void
test_cancel_immediately (void)
{
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", NULL);
  g_autoptr (PrlWerBatch) batch = make_batch (3, 50000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlCorpusScore) corpus = NULL;
  g_autoptr (GError) error = NULL;

  prl_wer_service_score_batch_async (service, batch, norm, 0, cancellable,
                                     store_result_cb, &result);
  /* The workers are already busy; stop them. */
  g_cancellable_cancel (cancellable);
  wait_for (&result);
  corpus = prl_wer_service_score_batch_finish (service, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (corpus);
  g_assert_cmpuint (prl_wer_batch_get_n_scored (batch), <, 50000);
  g_assert_cmpuint (prl_wer_service_get_n_running (service), ==, 0);
  g_assert_false (prl_wer_batch_get_running (batch));
}

static void
test_cancel_mid_batch (void)
{
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", NULL);
  /* Big enough to outlast the first delivery of results on any machine. */
  guint n = 30000 * MIN (g_get_num_processors (), 16);
  g_autoptr (PrlWerBatch) batch = make_batch (2, n);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlCorpusScore) corpus = NULL;
  g_autoptr (GError) error = NULL;
  Watch watch = { 0 };

  watch.seen = g_hash_table_new (NULL, NULL);
  watch.cancel_after_first = cancellable;
  g_signal_connect (service, "utterance-scored", G_CALLBACK (utterance_scored_cb),
                    &watch);

  prl_wer_service_score_batch_async (service, batch, norm, 0, cancellable,
                                     store_result_cb, &result);
  wait_for (&result);
  corpus = prl_wer_service_score_batch_finish (service, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (corpus);
  /* Results were delivered, then scoring stopped before the end. */
  g_assert_cmpuint (watch.n_scored, >, 0);
  g_assert_cmpuint (prl_wer_batch_get_n_scored (batch), <, n);
  g_assert_cmpuint (prl_wer_service_get_n_running (service), ==, 0);
  g_assert_false (prl_wer_batch_get_running (batch));

  g_hash_table_unref (watch.seen);
}

static void
test_concurrent (void)
{
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("sclite", NULL);
  g_autoptr (PrlNormalizer) other_norm = prl_normalizer_new ("default", NULL);
  PrlWerBatch  *batches[3];
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  Watch         watch = { 0 };

  watch.seen = g_hash_table_new (NULL, NULL);
  g_signal_connect (service, "utterance-scored", G_CALLBACK (utterance_scored_cb),
                    &watch);

  for (guint i = 0; i < 3; i++)
    {
      batches[i] = make_batch (10 + i, 2000 + 500 * i);
      prl_wer_service_score_batch_async (service, batches[i], i == 1 ? other_norm : norm,
                                         0, NULL, store_result_cb, &results[i]);
    }
  g_assert_cmpuint (prl_wer_service_get_n_running (service), ==, 3);

  /* A batch cannot be scored twice at once. */
  {
    g_autoptr (GAsyncResult) busy = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (PrlCorpusScore) none = NULL;

    prl_wer_service_score_batch_async (service, batches[0], norm, 0, NULL,
                                       store_result_cb, &busy);
    wait_for (&busy);
    none = prl_wer_service_score_batch_finish (service, busy, &error);
    g_assert_null (none);
    g_assert_nonnull (error);
  }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (PrlCorpusScore) corpus = NULL;
      g_autoptr (GError) error = NULL;
      PrlWerCounts expected;

      wait_for (&results[i]);
      corpus = prl_wer_service_score_batch_finish (service, results[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (prl_corpus_score_get_n_utterances (corpus), ==, 2000 + 500 * i);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (watch.seen, batches[i])),
                        ==, 2000 + 500 * i);

      score_sync (batches[i], i == 1 ? other_norm : norm, &expected);
      assert_counts_equal (prl_corpus_score_get_words (corpus), &expected);

      g_object_unref (results[i]);
      g_object_unref (batches[i]);
    }

  g_assert_cmpuint (prl_wer_service_get_n_running (service), ==, 0);
  g_hash_table_unref (watch.seen);
}

static void
test_empty_batch (void)
{
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", NULL);
  g_autoptr (PrlWerBatch) batch = prl_wer_batch_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlCorpusScore) corpus = NULL;
  g_autoptr (GError) error = NULL;

  prl_wer_service_score_batch_async (service, batch, norm, 0, NULL, store_result_cb,
                                     &result);
  wait_for (&result);
  corpus = prl_wer_service_score_batch_finish (service, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_corpus_score_get_n_utterances (corpus), ==, 0);
  g_assert_cmpfloat (prl_corpus_score_get_wer (corpus), ==, 0.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wer/service/batch", test_batch);
  g_test_add_func ("/wer/service/cancel-immediately", test_cancel_immediately);
  g_test_add_func ("/wer/service/cancel-mid-batch", test_cancel_mid_batch);
  g_test_add_func ("/wer/service/concurrent", test_concurrent);
  g_test_add_func ("/wer/service/empty-batch", test_empty_batch);

  return g_test_run ();
}
