/* test-local-weight.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "prl-local-provider-private.h"
#include "prl-local-provider.h"
#include "prl-ngram.h"
#include "prl-provider.h"

#include "decoder-test-util.h"

/* How the local provider chooses λ, through a real training: on the
 * TUNING text when there is some; else on every 10th training sentence
 * held out, from PRL_NGRAM_HOLDOUT_MIN_SENTENCES sentences on; else the
 * default. The version's model is always estimated on all the text, and
 * the same text always gives the same λ. */

static const char *drugs[]
    = { "metoprolol", "warfarin", "apixaban", "digoxin", "amiodarone", "aspirin" };
static const char *findings[] = { "atrial fibrillation", "high blood pressure",
                                  "heart failure", "a stroke", "chest pain" };
static const char *times[]
    = { "every morning", "twice a day", "after dinner", "since monday" };

/* @n deterministic clinic sentences, one a line. Sentence 9 (the first
 * held out) alone has "umbrella". */
static char *
clinic_text (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i == 9)
        {
          g_string_append (text, "the patient forgot her umbrella at the clinic\n");
          continue;
        }
      g_string_append_printf (text, "the patient with %s takes %s %s\n",
                              findings[(i / 6) % G_N_ELEMENTS (findings)],
                              drugs[i % G_N_ELEMENTS (drugs)],
                              times[(i / 3) % G_N_ELEMENTS (times)]);
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
streams_of (const char *text)
{
  GPtrArray *streams = g_ptr_array_new_with_free_func (g_object_unref);

  if (text != NULL)
    g_ptr_array_add (streams,
                     g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free));
  return streams;
}

typedef struct
{
  PrlTrainResult result;
  char          *arpa; /* custom.arpa */
} Trained;

static void
trained_clear (Trained *t)
{
  prl_train_result_clear (&t->result);
  g_free (t->arpa);
}

static void
train (const char *text, const char *tuning, Trained *out)
{
  g_autoptr (PrlProvider) provider = prl_local_provider_new ();
  g_autoptr (GPtrArray) training = streams_of (text);
  g_autoptr (GPtrArray) tuning_streams = streams_of (tuning);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prl-weight-XXXXXX", &error);
  g_autofree char *arpa = NULL;
  PrlTrainRequest  request = { 0 };
  const char      *name;
  GDir            *listing;

  g_assert_no_error (error);
  memset (out, 0, sizeof *out);
  prl_train_result_clear (&out->result);
  request.model_name = "clinic";
  request.language = "en-US";
  request.output_dir = dir;
  request.training = training;
  request.tuning = tuning_streams;
  g_assert_true (
      prl_provider_train (provider, &request, &out->result, NULL, NULL, &error));
  g_assert_no_error (error);

  arpa = g_build_filename (dir, "custom.arpa", NULL);
  g_assert_true (g_file_get_contents (arpa, &out->arpa, NULL, &error));
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_dir_close (listing);
  g_rmdir (dir);
}

static void
test_rules (void)
{
  /* The 10th, 20th, … sentence of the span, and nothing past it. */
  g_assert_false (prl_ngram_holdout_is_held_out (0));
  g_assert_false (prl_ngram_holdout_is_held_out (8));
  g_assert_true (prl_ngram_holdout_is_held_out (9));
  g_assert_false (prl_ngram_holdout_is_held_out (10));
  g_assert_true (prl_ngram_holdout_is_held_out (19));
  g_assert_true (prl_ngram_holdout_is_held_out (PRL_NGRAM_HOLDOUT_SPAN - 1));
  g_assert_false (prl_ngram_holdout_is_held_out (PRL_NGRAM_HOLDOUT_SPAN + 9));
  g_assert_false (prl_ngram_holdout_is_enough (PRL_NGRAM_HOLDOUT_MIN_SENTENCES - 1));
  g_assert_true (prl_ngram_holdout_is_enough (PRL_NGRAM_HOLDOUT_MIN_SENTENCES));
}

/* Below the threshold: the default, and no perplexities. */
static void
test_too_little (void)
{
  g_autofree char *text = clinic_text (PRL_NGRAM_HOLDOUT_MIN_SENTENCES - 1);
  Trained          t;

  train (text, NULL, &t);
  g_assert_cmpint (t.result.weight_source, ==, PRL_WEIGHT_SOURCE_DEFAULT);
  g_assert_false (t.result.tuned);
  g_assert_cmpfloat (t.result.lm_weight, ==, PRL_NGRAM_DEFAULT_WEIGHT);
  g_assert_cmpuint (t.result.n_tuning_sentences, ==, 0);
  g_assert_cmpfloat (t.result.custom_perplexity, ==, -1);
  g_assert_cmpfloat (t.result.stock_known_perplexity, ==, -1);
  g_assert_cmpuint (t.result.n_sentences, ==, PRL_NGRAM_HOLDOUT_MIN_SENTENCES - 1);
  trained_clear (&t);
}

/* At the threshold: tuned on the 10 held-out sentences; the final model
 * still has the held-out sentence's word; the same text, the same λ and
 * the same model. */
static void
test_held_out (void)
{
  g_autofree char *text = clinic_text (PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  Trained          t, again;

  train (text, NULL, &t);
  g_test_message ("held out: lambda %.4f, perplexity custom %.2f, mixture %.2f; stock "
                  "%.2f on known words, %.1f %% unknown",
                  t.result.lm_weight, t.result.custom_perplexity,
                  t.result.mixture_perplexity, t.result.stock_known_perplexity,
                  100 * t.result.stock_oov_rate);
  g_assert_cmpint (t.result.weight_source, ==, PRL_WEIGHT_SOURCE_HELD_OUT);
  g_assert_true (t.result.tuned);
  g_assert_cmpuint (t.result.n_tuning_sentences, ==,
                    PRL_NGRAM_HOLDOUT_MIN_SENTENCES / 10);
  g_assert_cmpuint (t.result.n_sentences, ==, PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  /* The custom model predicts this text far better than general English:
   * it gets most of the weight, but it is tuned, not the default. */
  g_assert_cmpfloat (t.result.lm_weight, >, PRL_NGRAM_DEFAULT_WEIGHT);
  g_assert_cmpfloat (t.result.lm_weight, <=, 1.0);
  g_assert_cmpfloat (t.result.mixture_perplexity, <=, t.result.custom_perplexity + 1e-9);
  /* "umbrella" is in the stock dictionary and all the drugs but aspirin
   * are not: some words, but not most, are unknown to it. */
  g_assert_cmpfloat (t.result.stock_oov_rate, >, 0.0);
  g_assert_cmpfloat (t.result.stock_oov_rate, <, 0.5);
  g_assert_cmpfloat (t.result.stock_known_perplexity, >, 1.0);
  g_assert_cmpfloat (t.result.stock_known_perplexity, <, t.result.stock_perplexity);
  /* Estimated on all the text: the held-out sentence is in it. */
  g_assert_nonnull (strstr (t.arpa, "\tumbrella"));

  train (text, NULL, &again);
  g_assert_cmpfloat (again.result.lm_weight, ==, t.result.lm_weight);
  g_assert_cmpstr (again.arpa, ==, t.arpa);
  trained_clear (&again);
  trained_clear (&t);
}

/* TUNING text wins over holding out, and empty tuning text does not
 * count as some. */
static void
test_tuning_text (void)
{
  g_autofree char *text = clinic_text (PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  Trained          t;

  train (text, "the patient takes digoxin every morning\nwarfarin after dinner\n", &t);
  g_assert_cmpint (t.result.weight_source, ==, PRL_WEIGHT_SOURCE_TUNING);
  g_assert_cmpuint (t.result.n_tuning_sentences, ==, 2);
  g_assert_true (t.result.tuned);
  trained_clear (&t);

  train (text, "um, uh...\n", &t);
  g_assert_cmpint (t.result.weight_source, ==, PRL_WEIGHT_SOURCE_HELD_OUT);
  g_assert_cmpuint (t.result.n_tuning_sentences, ==, 10);
  trained_clear (&t);
}

/* The split of @n clinic sentences, as the training counts them. */
static PrlLocalHoldout *
clinic_holdout (guint n)
{
  g_autofree char *text = clinic_text (n);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  PrlLocalHoldout *holdout = _prl_local_holdout_new (PRL_NGRAM_DEFAULT_ORDER);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) words = g_strsplit (lines[i], " ", -1);

      _prl_local_holdout_add (holdout, (const char *const *)words);
    }
  return holdout;
}

/* Without tuning text the held-out λ is chosen in a thread while the
 * full model is estimated (training time, docs/accuracy.md): the same λ
 * as chosen in line; the thread is waited for when the split is freed
 * unused (an error before tuning), and it stops when cancelled. */
static void
test_thread (void)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  PrlNgramWeight   inline_weight = { 0 }, thread_weight = { 0 }, w = { 0 };
  PrlWeightSource  source = PRL_WEIGHT_SOURCE_DEFAULT;
  PrlLocalHoldout *holdout;

  holdout = clinic_holdout (PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  g_assert_true (_prl_local_choose_weight (none, holdout, PRL_NGRAM_DEFAULT_ORDER, NULL,
                                           &inline_weight, &source, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, PRL_WEIGHT_SOURCE_HELD_OUT);
  _prl_local_holdout_free (holdout);

  holdout = clinic_holdout (PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  _prl_local_holdout_start (holdout, NULL);
  source = PRL_WEIGHT_SOURCE_DEFAULT;
  g_assert_true (_prl_local_choose_weight (none, holdout, PRL_NGRAM_DEFAULT_ORDER, NULL,
                                           &thread_weight, &source, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, PRL_WEIGHT_SOURCE_HELD_OUT);
  g_assert_true (thread_weight.tuned);
  g_assert_cmpuint (thread_weight.n_sentences, ==, inline_weight.n_sentences);
  g_assert_cmpfloat (thread_weight.weight, ==, inline_weight.weight);
  g_assert_cmpfloat (thread_weight.perplexity, ==, inline_weight.perplexity);
  _prl_local_holdout_free (holdout);

  /* Freed without asking for λ: the thread is joined, not left running
   * on freed sentences (the sanitizer job would see it). */
  holdout = clinic_holdout (PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  _prl_local_holdout_start (holdout, NULL);
  _prl_local_holdout_free (holdout);

  holdout = clinic_holdout (PRL_NGRAM_HOLDOUT_MIN_SENTENCES);
  g_cancellable_cancel (cancelled);
  _prl_local_holdout_start (holdout, cancelled);
  g_assert_false (_prl_local_choose_weight (none, holdout, PRL_NGRAM_DEFAULT_ORDER, NULL,
                                            &w, &source, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  _prl_local_holdout_free (holdout);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  skip_without_tools ();

  g_test_add_func ("/local-weight/rules", test_rules);
  g_test_add_func ("/local-weight/too-little", test_too_little);
  g_test_add_func ("/local-weight/held-out", test_held_out);
  g_test_add_func ("/local-weight/tuning-text", test_tuning_text);
  g_test_add_func ("/local-weight/thread", test_thread);

  return g_test_run ();
}
