/* ngram-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <gio/gio.h>

#include "prl-ngram.h"

G_BEGIN_DECLS

/*
 * A small Markov source of sentences for the n-gram tests: each word has
 * eight likely successors, picked with Zipf-like weights, so that a model
 * trained on its output predicts its held-out output far better than the same
 * words shuffled. Header-only so that each test program stays one file.
 */

typedef struct
{
  GRand *rand;
  guint  n_words;
  guint  salt;
  guint  noise; /* percent of words drawn uniformly instead */
} TestSource;

static inline void
test_source_init (TestSource *source,
                  guint       n_words,
                  guint       salt,
                  guint32     seed)
{
  source->rand = g_rand_new_with_seed (seed);
  source->n_words = n_words;
  source->salt = salt;
  source->noise = 0;
}

static inline void
test_source_clear (TestSource *source)
{
  g_clear_pointer (&source->rand, g_rand_free);
}

static inline guint
test_source_next (TestSource *source,
                  guint       prev)
{
  static const guint weights[8] = { 40, 20, 13, 10, 8, 4, 3, 2 };
  guint              pick = g_rand_int_range (source->rand, 0, 100);
  guint              k = 0;

  if (source->noise > 0 && g_rand_int_range (source->rand, 0, 100) < (gint32)source->noise)
    return g_rand_int_range (source->rand, 0, source->n_words);
  while (pick >= weights[k])
    pick -= weights[k++];
  return ((prev + 1) * 2654435761u + (k + source->salt) * 40503u) % source->n_words;
}

/* Returns a sentence as a GStrv of words named "w<id>". */
static inline GStrv
test_source_sentence (TestSource *source)
{
  guint         len = g_rand_int_range (source->rand, 3, 12);
  GStrvBuilder *builder = g_strv_builder_new ();
  guint         prev = source->n_words;
  GStrv         words;

  for (guint i = 0; i < len; i++)
    {
      g_autofree char *word = NULL;

      prev = test_source_next (source, prev);
      word = g_strdup_printf ("w%u", prev);
      g_strv_builder_add (builder, word);
    }
  words = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return words;
}

static inline GPtrArray *
test_source_sentences (TestSource *source,
                       guint       n)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sentences, test_source_sentence (source));
  return sentences;
}

static inline PrlNgramModel *
test_train (GPtrArray *sentences,
            guint      order)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (order);
  g_autoptr (GError) error = NULL;
  PrlNgramModel *model;

  for (guint i = 0; i < sentences->len; i++)
    prl_ngram_counter_add_sentence (counter, g_ptr_array_index (sentences, i), -1);
  model = prl_ngram_estimate (counter, order, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static inline GBytes *
test_write_arpa (PrlNgramModel *model)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (prl_ngram_model_write_arpa (model, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

G_END_DECLS
