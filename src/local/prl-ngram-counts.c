/* prl-ngram-counts.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-ngram-counts"

#include "config.h"

#include <string.h>

#include "prl-normalizer.h"

#include "prl-ngram-private.h"

/*
 * PrlNgramCounter counts the n-grams of normalized sentences, one sentence at
 * a time, so that a training corpus is streamed from disk and never held in
 * memory: memory grows with the number of distinct n-grams only (k + 1
 * guint32 per k-gram, in tables kept at most 70% full).
 *
 * Each sentence is padded as "<s> w1 … wm </s>" and every n-gram of every
 * order up to max_order that fits inside it is counted, so that the counts
 * of n-grams shorter than the highest order (needed for sentences shorter
 * than it, and for those that start with <s>) are exact. Empty sentences are
 * skipped, and the literal tokens "<s>" and "</s>" are dropped from the input:
 * the estimator relies on <s> being only ever the first word.
 */

#define INITIAL_CAPACITY 1024

static inline guint64
hash_ids (const guint32 *ids, guint n)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  for (guint i = 0; i < n; i++)
    {
      h = (h ^ ids[i]) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
      h ^= h >> 31;
    }
  return h;
}

static void
table_init (PrlNgramTable *table, guint order, gsize capacity)
{
  table->order = order;
  table->capacity = capacity;
  table->n_used = 0;
  table->slots = g_new0 (guint32, capacity * (order + 1));
}

/* Returns the slot of @ids: either the row that holds it or a free one. */
static guint32 *
table_probe (PrlNgramTable *table, const guint32 *ids)
{
  guint stride = table->order + 1;
  gsize mask = table->capacity - 1;
  gsize i = hash_ids (ids, table->order) & mask;

  for (;;)
    {
      guint32 *slot = table->slots + i * stride;

      if (slot[table->order] == 0
          || memcmp (slot, ids, table->order * sizeof (guint32)) == 0)
        return slot;
      i = (i + 1) & mask;
    }
}

static void
table_grow (PrlNgramTable *table)
{
  PrlNgramTable bigger;
  guint         stride = table->order + 1;

  table_init (&bigger, table->order, table->capacity * 2);
  for (gsize i = 0; i < table->capacity; i++)
    {
      guint32 *row = table->slots + i * stride;

      if (row[table->order] != 0)
        memcpy (table_probe (&bigger, row), row, stride * sizeof (guint32));
    }
  bigger.n_used = table->n_used;
  g_free (table->slots);
  *table = bigger;
}

static void
table_add (PrlNgramTable *table, const guint32 *ids)
{
  guint32 *slot;

  if ((table->n_used + 1) * 10 > table->capacity * 7)
    table_grow (table);

  slot = table_probe (table, ids);
  if (slot[table->order] == 0)
    {
      memcpy (slot, ids, table->order * sizeof (guint32));
      table->n_used++;
    }
  /* A corpus under the 2 GB training limit cannot reach this; saturate
   * rather than wrap around to the "free slot" marker. */
  if (slot[table->order] < G_MAXUINT32)
    slot[table->order]++;
}

static guint32
intern (PrlNgramCounter *self, const char *word)
{
  gpointer    value = g_hash_table_lookup (self->word_ids, word);
  const char *copy;
  guint32     zero = 0;

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  copy = g_string_chunk_insert (self->chunk, word);
  g_ptr_array_add (self->words, (gpointer)copy);
  g_array_append_val (self->unigrams, zero);
  g_hash_table_insert (self->word_ids, (gpointer)copy,
                       GUINT_TO_POINTER (self->words->len));
  return self->words->len - 1;
}

/**
 * prl_ngram_counter_new:
 * @max_order: the highest order that will be estimated, from 1 to
 *   %PRL_NGRAM_MAX_ORDER
 *
 * Returns: (transfer full): an empty counter
 */
PrlNgramCounter *
prl_ngram_counter_new (guint max_order)
{
  PrlNgramCounter *self;

  g_return_val_if_fail (max_order >= 1 && max_order <= PRL_NGRAM_MAX_ORDER, NULL);

  self = g_new0 (PrlNgramCounter, 1);
  self->max_order = max_order;
  self->word_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->chunk = g_string_chunk_new (64 * 1024);
  self->words = g_ptr_array_new ();
  self->unigrams = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->token = g_string_new (NULL);
  for (guint k = 2; k <= max_order; k++)
    table_init (&self->tables[k], k, INITIAL_CAPACITY);

  /* The special words always exist, so that every model can score them. */
  intern (self, PRL_NGRAM_BOS);
  intern (self, PRL_NGRAM_EOS);
  intern (self, PRL_NGRAM_UNK);
  return self;
}

void
prl_ngram_counter_free (PrlNgramCounter *self)
{
  if (self == NULL)
    return;

  for (guint k = 2; k <= self->max_order; k++)
    g_free (self->tables[k].slots);
  g_hash_table_unref (self->word_ids);
  g_string_chunk_free (self->chunk);
  g_ptr_array_unref (self->words);
  g_array_unref (self->unigrams);
  g_array_unref (self->scratch);
  g_string_free (self->token, TRUE);
  g_free (self);
}

static void
begin_sentence (PrlNgramCounter *self)
{
  guint32 bos = intern (self, PRL_NGRAM_BOS);

  g_array_set_size (self->scratch, 0);
  g_array_append_val (self->scratch, bos);
}

static void
add_word (PrlNgramCounter *self, const char *word)
{
  guint32 id;

  if (*word == '\0' || strcmp (word, PRL_NGRAM_BOS) == 0
      || strcmp (word, PRL_NGRAM_EOS) == 0)
    return;

  id = intern (self, word);
  g_array_append_val (self->scratch, id);
}

static void
end_sentence (PrlNgramCounter *self)
{
  const guint32 *ids;
  guint32        eos;
  guint          len;

  /* Only <s>: nothing was said. */
  if (self->scratch->len < 2)
    return;

  eos = intern (self, PRL_NGRAM_EOS);
  g_array_append_val (self->scratch, eos);
  ids = (const guint32 *)(gpointer)self->scratch->data;
  len = self->scratch->len;

  for (guint i = 0; i < len; i++)
    {
      guint32 *count = &g_array_index (self->unigrams, guint32, ids[i]);

      if (*count < G_MAXUINT32)
        (*count)++;
    }

  for (guint k = 2; k <= self->max_order && k <= len; k++)
    for (guint i = 0; i + k <= len; i++)
      table_add (&self->tables[k], ids + i);

  self->n_sentences++;
  self->n_words += len - 2;
}

/**
 * prl_ngram_counter_add_sentence:
 * @self: a counter
 * @words: (array length=n_words): normalized words, without <s> and </s>
 * @n_words: the number of words, or -1 if @words is %NULL-terminated
 *
 * Counts one sentence.
 */
void
prl_ngram_counter_add_sentence (PrlNgramCounter   *self,
                                const char *const *words,
                                gssize             n_words)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (words != NULL || n_words == 0);

  begin_sentence (self);
  for (gssize i = 0; n_words < 0 ? words[i] != NULL : i < n_words; i++)
    add_word (self, words[i]);
  end_sentence (self);
}

/**
 * prl_ngram_counter_add_line:
 * @self: a counter
 * @line: one normalized sentence, words separated by spaces or tabs
 *
 * Counts one sentence given as a line of text (the normalizer's output
 * joined with spaces).
 */
void
prl_ngram_counter_add_line (PrlNgramCounter *self, const char *line)
{
  const char *p;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL);

  begin_sentence (self);
  for (p = line; *p != '\0';)
    {
      gsize len;

      while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
      len = strcspn (p, " \t\r\n");
      if (len == 0)
        break;
      g_string_truncate (self->token, 0);
      g_string_append_len (self->token, p, len);
      add_word (self, self->token->str);
      p += len;
    }
  end_sentence (self);
}

/**
 * prl_ngram_counter_add_text:
 * @self: a counter
 * @normalizer: the normalizer the WER service scores with
 * @text: one raw line of training text
 *
 * Normalizes @text and counts it as one sentence, so that the model
 * predicts exactly the words that are later scored.
 */
void
prl_ngram_counter_add_text (PrlNgramCounter *self,
                            PrlNormalizer   *normalizer,
                            const char      *text)
{
  g_auto (GStrv) words = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (PRL_IS_NORMALIZER (normalizer));
  g_return_if_fail (text != NULL);

  words = prl_normalizer_normalize (normalizer, text);
  prl_ngram_counter_add_sentence (self, (const char *const *)words, -1);
}

guint
prl_ngram_counter_get_max_order (PrlNgramCounter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_order;
}

guint64
prl_ngram_counter_get_n_sentences (PrlNgramCounter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_sentences;
}

/* The words counted, without <s> and </s>. */
guint64
prl_ngram_counter_get_n_words (PrlNgramCounter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_words;
}

/* The distinct n-grams of @order seen so far; for order 1 the vocabulary,
 * which always holds <s>, </s> and <unk>. */
guint
prl_ngram_counter_get_n_types (PrlNgramCounter *self, guint order)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (order >= 1 && order <= self->max_order, 0);

  if (order == 1)
    return self->words->len;
  return self->tables[order].n_used;
}
