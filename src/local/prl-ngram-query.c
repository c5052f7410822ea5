/* prl-ngram-query.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-ngram-query"

#include "config.h"

#include <math.h>
#include <string.h>

#include "prl-ngram-private.h"

/*
 * Looking up probabilities in an estimated model. The public functions use
 * the back-off form, exactly as a decoder reading the ARPA file does: the
 * probability of the longest n-gram found, times the back-off weights of the
 * histories that were skipped. _prl_ngram_model_interpolated() computes the
 * same number straight from the adjusted counts with the recursive
 * interpolated formula; it exists so that tests can check that the two
 * agree.
 *
 * Words outside the vocabulary are scored as <unk>, which holds only its
 * share of the uniform distribution. Predicting <s> gives probability 0.
 */

static int
compare_ids (const guint32 *a, const guint32 *b, guint n)
{
  for (guint i = 0; i < n; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

/* The first row whose first @n ids are ≥ @ids (or > @ids if @after). */
static gsize
lower_bound (
    PrlNgramLevel *level, guint order, const guint32 *ids, guint n, gboolean after)
{
  gsize lo = 0, hi = level->n;

  /* Rows are sorted by their first id: those of ids[0] are a known slice. */
  if (level->starts != NULL && n > 0)
    {
      lo = level->starts[ids[0]];
      hi = level->starts[ids[0] + 1];
    }

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int   cmp = compare_ids (_prl_ngram_level_row (level, order, mid), ids, n);

      if (cmp < 0 || (after && cmp == 0))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gssize
_prl_ngram_level_find (PrlNgramLevel *level, guint order, const guint32 *ids)
{
  gsize i;

  /* Every word has a unigram row, and its id is its row. */
  if (order == 1)
    return ids[0] < level->n ? (gssize)ids[0] : -1;

  i = lower_bound (level, order, ids, order, FALSE);
  if (i < level->n
      && compare_ids (_prl_ngram_level_row (level, order, i), ids, order) == 0)
    return i;
  return -1;
}

/* The rows of @order that start with the @n_prefix ids of @prefix. */
void
_prl_ngram_level_range (PrlNgramLevel *level,
                        guint          order,
                        const guint32 *prefix,
                        guint          n_prefix,
                        gsize         *start,
                        gsize         *end)
{
  *start = lower_bound (level, order, prefix, n_prefix, FALSE);
  *end = lower_bound (level, order, prefix, n_prefix, TRUE);
}

guint32
_prl_ngram_model_lookup (PrlNgramModel *self, const char *word, gboolean *known)
{
  gpointer value = g_hash_table_lookup (self->word_ids, word);

  if (known != NULL)
    *known = value != NULL;
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : self->unk;
}

/* P(word | history) in the back-off form; @history is cut to the model's
 * order by the caller or here. */
double
_prl_ngram_model_prob_ids (PrlNgramModel *self,
                           const guint32 *history,
                           guint          n_history,
                           guint32        word)
{
  guint32 ids[PRL_NGRAM_MAX_ORDER];
  double  backoff = 1.0;

  if (n_history > self->order - 1)
    {
      history += n_history - (self->order - 1);
      n_history = self->order - 1;
    }
  /* A unigram query may pass a NULL history, and memcpy() from NULL is
   * undefined even for zero bytes. */
  if (n_history > 0)
    memcpy (ids, history, n_history * sizeof (guint32));

  for (guint n = n_history;; n--)
    {
      const guint32 *h = ids + (n_history - n);
      PrlNgramLevel *level = &self->levels[n + 1];
      gssize         row;

      /* h is contiguous with the word in ids[], so look it up in place. */
      ids[n_history] = word;
      row = _prl_ngram_level_find (level, n + 1, h);
      if (row >= 0)
        return backoff * level->probs[row];

      /* The unigram row always exists, so n > 0 here. */
      row = _prl_ngram_level_find (&self->levels[n], n, h);
      if (row >= 0 && self->levels[n].gammas[row] > 0.0)
        backoff *= self->levels[n].gammas[row];
    }
}

double
_prl_ngram_model_interpolated (PrlNgramModel *self,
                               const guint32 *history,
                               guint          n_history,
                               guint32        word)
{
  guint32        ids[PRL_NGRAM_MAX_ORDER];
  PrlNgramLevel *level;
  const double  *d;
  double         lower, first = 0.0;
  guint64        sum = 0, n_r[3] = { 0 };
  gsize          start, end;

  if (word == self->bos)
    return 0.0;

  if (n_history > self->order - 1)
    {
      history += n_history - (self->order - 1);
      n_history = self->order - 1;
    }

  if (n_history == 0)
    {
      guint32 count = self->levels[1].rows[word * 2 + 1];

      d = self->levels[1].discounts;
      if (count > 0)
        first = (count - _prl_ngram_discount (d, count)) / self->unigram_sum;
      return first + self->gamma0 / (self->n_words - 1);
    }

  lower = _prl_ngram_model_interpolated (self, history + 1, n_history - 1, word);
  level = &self->levels[n_history + 1];
  d = level->discounts;
  _prl_ngram_level_range (level, n_history + 1, history, n_history, &start, &end);
  if (start == end)
    return lower;

  memcpy (ids, history, n_history * sizeof (guint32));
  ids[n_history] = word;
  for (gsize i = start; i < end; i++)
    {
      const guint32 *row = _prl_ngram_level_row (level, n_history + 1, i);
      guint32        count = row[n_history + 1];

      sum += count;
      n_r[MIN (count, 3) - 1]++;
      if (row[n_history] == word)
        first = count - _prl_ngram_discount (d, count);
    }
  return first / sum + (d[0] * n_r[0] + d[1] * n_r[1] + d[2] * n_r[2]) / sum * lower;
}

static guint
lookup_history (PrlNgramModel     *self,
                const char *const *history,
                guint              n_history,
                guint32           *ids)
{
  guint n = MIN (n_history, self->order - 1);

  for (guint i = 0; i < n; i++)
    ids[i] = _prl_ngram_model_lookup (self, history[n_history - n + i], NULL);
  return n;
}

/* For tests: log10 P(word | history) from the interpolated formula. */
double
_prl_ngram_model_interpolated_log10_prob (PrlNgramModel     *self,
                                          const char *const *history,
                                          guint              n_history,
                                          const char        *word)
{
  guint32 ids[PRL_NGRAM_MAX_ORDER];
  guint   n = lookup_history (self, history, n_history, ids);

  return log10 (_prl_ngram_model_interpolated (
      self, ids, n, _prl_ngram_model_lookup (self, word, NULL)));
}

/**
 * prl_ngram_model_log10_prob:
 * @self: a model
 * @history: (array length=n_history): the words before @word, oldest first;
 *   a sentence's history starts with "<s>"
 * @n_history: the number of words in @history (only the last order − 1 count)
 * @word: the word to score
 *
 * Returns: log10 P(@word | @history); -HUGE_VAL for "<s>"
 */
double
prl_ngram_model_log10_prob (PrlNgramModel     *self,
                            const char *const *history,
                            guint              n_history,
                            const char        *word)
{
  guint32 ids[PRL_NGRAM_MAX_ORDER];
  guint   n;

  g_return_val_if_fail (self != NULL, -HUGE_VAL);
  g_return_val_if_fail (history != NULL || n_history == 0, -HUGE_VAL);
  g_return_val_if_fail (word != NULL, -HUGE_VAL);

  n = lookup_history (self, history, n_history, ids);
  return log10 (_prl_ngram_model_prob_ids (self, ids, n,
                                           _prl_ngram_model_lookup (self, word, NULL)));
}

/* A PrlLogProbFunc whose user data is a PrlNgramModel. */
double
prl_ngram_model_log_prob_func (const char *const *history,
                               guint              n_history,
                               const char        *word,
                               gpointer           model)
{
  return prl_ngram_model_log10_prob (model, history, n_history, word);
}

/* Whether @word is in the vocabulary (otherwise it is scored as <unk>). */
gboolean
prl_ngram_model_contains (PrlNgramModel *self, const char *word)
{
  gboolean known;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  _prl_ngram_model_lookup (self, word, &known);
  return known;
}

/**
 * prl_ngram_model_perplexity:
 * @self: a model
 * @sentences: (element-type GStrv): normalized sentences
 * @n_tokens: (out) (optional): the words scored, one "</s>" per sentence
 *   included
 * @n_oov: (out) (optional): how many of them were not in the vocabulary
 *
 * Out-of-vocabulary words are scored as <unk> and included in the count, so
 * the perplexity stays the one of a proper distribution; compare models on
 * the same vocabulary, or look at @n_oov too.
 *
 * Returns: 10^(−Σ log10 P / N), or NAN when there is nothing to score
 */
double
prl_ngram_model_perplexity (PrlNgramModel *self,
                            GPtrArray     *sentences,
                            guint64       *n_tokens,
                            guint64       *n_oov)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  double  total = 0.0;
  guint64 tokens = 0, oov = 0;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (sentences != NULL, NAN);

  for (guint s = 0; s < sentences->len; s++)
    {
      const char *const *words = g_ptr_array_index (sentences, s);

      g_array_set_size (ids, 0);
      g_array_append_val (ids, self->bos);
      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          gboolean known;
          guint32  id;

          if (*words[i] == '\0' || strcmp (words[i], PRL_NGRAM_BOS) == 0
              || strcmp (words[i], PRL_NGRAM_EOS) == 0)
            continue;
          id = _prl_ngram_model_lookup (self, words[i], &known);
          oov += !known;
          g_array_append_val (ids, id);
        }
      /* Empty sentences are not trained on either. */
      if (ids->len == 1)
        continue;
      g_array_append_val (ids, self->eos);

      for (guint i = 1; i < ids->len; i++)
        total += log10 (_prl_ngram_model_prob_ids (self, &g_array_index (ids, guint32, 0),
                                                   i, g_array_index (ids, guint32, i)));
      tokens += ids->len - 1;
    }

  if (n_tokens != NULL)
    *n_tokens = tokens;
  if (n_oov != NULL)
    *n_oov = oov;
  return tokens > 0 ? pow (10.0, -total / tokens) : NAN;
}
