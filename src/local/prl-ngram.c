/* prl-ngram.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-ngram"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-ngram-private.h"

/*
 * Estimates an interpolated modified Kneser-Ney model (Chen & Goodman 1998,
 * "An Empirical Study of Smoothing Techniques for Language Modeling", §3.5
 * and §4.1.6) from a PrlNgramCounter:
 *
 *   p(w | h) = max (a(hw) − D(a(hw)), 0) / Σv a(hv) + γ(h) p(w | h')
 *   γ(h)     = (D1 N1(h•) + D2 N2(h•) + D3+ N3+(h•)) / Σv a(hv)
 *
 * where h' is h without its oldest word and a() is the adjusted count: the
 * raw count at the highest order, and the continuation count N1+(•g) (the
 * number of distinct words seen before g) at lower orders — except for
 * n-grams that start with <s>, which can have no left neighbour and keep
 * their raw count. A history never seen as a context backs off to p(w | h')
 * entirely. The unigram level is interpolated with the uniform distribution
 * over the vocabulary without <s> (so with </s> and <unk>), and <s> itself
 * has probability 0: it is never predicted, only conditioned on.
 *
 * The discounts of each order come from the count-of-counts n1…n4 of its
 * adjusted counts (<s> and unseen words excluded):
 *
 *   Y = n1 / (n1 + 2 n2),  D1 = 1 − 2Y n2/n1,  D2 = 2 − 3Y n3/n2,
 *   D3+ = 3 − 4Y n4/n3
 *
 * On small corpora some n_r are 0 or the discounts leave their valid range
 * 0 < D_r < r; that order then uses the fixed discounts 0.5, 1.0, 1.5 (the
 * values KenLM falls back to), all three together so that they stay ordered.
 *
 * Because an unseen (h w) gets exactly γ(h) p(w | h'), the interpolated
 * probabilities of seen n-grams together with γ(h) as the back-off weight of
 * h form an ARPA back-off model that gives the same probability to every
 * n-gram, seen or not.
 */

#define CHECK_EVERY 0xffff

static const double fallback_discounts[3] = { 0.5, 1.0, 1.5 };

G_DEFINE_QUARK (PrlNgramErrorQuark, prl_ngram_error)

typedef struct
{
  GCancellable        *cancellable;
  PrlNgramProgressFunc func;
  gpointer             data;
  guint                stage;
  guint                n_stages;
  double               reported;
} Progress;

static gboolean
progress_step (Progress *progress, gsize done, gsize total, GError **error)
{
  double fraction = progress->stage + (total > 0 ? (double)done / total : 1.0);

  fraction /= progress->n_stages;
  if (progress->func != NULL && fraction - progress->reported >= 0.005)
    {
      progress->reported = fraction;
      progress->func (fraction, progress->data);
    }
  return !g_cancellable_set_error_if_cancelled (progress->cancellable, error);
}

static gboolean
progress_next_stage (Progress *progress, GError **error)
{
  progress->stage++;
  return progress_step (progress, 0, 1, error);
}

static int
compare_words (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const char *const *words = user_data;

  return strcmp (words[*(const guint32 *)a], words[*(const guint32 *)b]);
}

static int
compare_rows (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const guint32 *x = a;
  const guint32 *y = b;
  guint          order = GPOINTER_TO_UINT (user_data);

  for (guint i = 0; i < order; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* Gives the model its own vocabulary with ids that are ranks in byte order,
 * so that sorting rows by id sorts them by their words. */
static guint32 *
build_vocabulary (PrlNgramModel *self, PrlNgramCounter *counter)
{
  const char **counter_words = (const char **)counter->words->pdata;
  guint        n = counter->words->len;
  guint32     *order = g_new (guint32, n);
  guint32     *remap = g_new (guint32, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint32), compare_words, counter_words);

  self->chunk = g_string_chunk_new (64 * 1024);
  self->words = g_new (const char *, n);
  self->word_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_words = n;
  for (guint rank = 0; rank < n; rank++)
    {
      const char *word = g_string_chunk_insert (self->chunk, counter_words[order[rank]]);

      self->words[rank] = word;
      remap[order[rank]] = rank;
      g_hash_table_insert (self->word_ids, (gpointer)word, GUINT_TO_POINTER (rank + 1));
    }
  self->bos = GPOINTER_TO_UINT (g_hash_table_lookup (self->word_ids, PRL_NGRAM_BOS)) - 1;
  self->eos = GPOINTER_TO_UINT (g_hash_table_lookup (self->word_ids, PRL_NGRAM_EOS)) - 1;
  self->unk = GPOINTER_TO_UINT (g_hash_table_lookup (self->word_ids, PRL_NGRAM_UNK)) - 1;

  g_free (order);
  return remap;
}

static gboolean
copy_level (PrlNgramModel   *self,
            PrlNgramCounter *counter,
            guint            k,
            const guint32   *remap,
            Progress        *progress,
            GError         **error)
{
  PrlNgramLevel *level = &self->levels[k];
  PrlNgramTable *table = &counter->tables[k];
  gsize          n = 0;

  if (k == 1)
    {
      level->n = self->n_words;
      level->rows = g_new (guint32, level->n * 2);
      for (guint id = 0; id < counter->words->len; id++)
        {
          level->rows[remap[id] * 2] = remap[id];
          level->rows[remap[id] * 2 + 1] = g_array_index (counter->unigrams, guint32, id);
        }
      return progress_next_stage (progress, error);
    }

  level->n = table->n_used;
  level->rows = g_new (guint32, level->n * (k + 1));
  for (gsize i = 0; i < table->capacity; i++)
    {
      const guint32 *slot = table->slots + i * (k + 1);
      guint32       *row;

      if (slot[k] == 0)
        continue;
      row = _prl_ngram_level_row (level, k, n++);
      for (guint j = 0; j < k; j++)
        row[j] = remap[slot[j]];
      row[k] = slot[k];
      if ((i & CHECK_EVERY) == 0 && !progress_step (progress, i, table->capacity, error))
        return FALSE;
    }
  g_qsort_with_data (level->rows, level->n, (k + 1) * sizeof (guint32), compare_rows,
                     GUINT_TO_POINTER (k));

  /* Lookups start in the rows of their first word, not in all rows:
   * estimating does millions of them. */
  level->starts = g_new0 (gsize, self->n_words + 1);
  for (gsize i = 0; i < level->n; i++)
    level->starts[_prl_ngram_level_row (level, k, i)[0] + 1]++;
  for (guint w = 0; w < self->n_words; w++)
    level->starts[w + 1] += level->starts[w];
  return progress_next_stage (progress, error);
}

/* Replaces the raw counts of order k < N by continuation counts: each
 * distinct (k+1)-gram v g adds one to g. */
static gboolean
adjust_counts (PrlNgramModel *self, guint k, Progress *progress, GError **error)
{
  PrlNgramLevel *level = &self->levels[k];
  PrlNgramLevel *upper = &self->levels[k + 1];

  for (gsize i = 0; i < level->n; i++)
    {
      guint32 *row = _prl_ngram_level_row (level, k, i);

      if (row[0] != self->bos)
        row[k] = 0;
    }

  for (gsize i = 0; i < upper->n; i++)
    {
      const guint32 *row = _prl_ngram_level_row (upper, k + 1, i);
      gssize         j = _prl_ngram_level_find (level, k, row + 1);

      g_assert (j >= 0);
      _prl_ngram_level_row (level, k, j)[k]++;
      if ((i & CHECK_EVERY) == 0 && !progress_step (progress, i, upper->n, error))
        return FALSE;
    }
  return progress_next_stage (progress, error);
}

static void
compute_discounts (PrlNgramModel *self, guint k)
{
  PrlNgramLevel *level = &self->levels[k];
  guint64        n[5] = { 0 };
  double         y, d1, d2, d3;

  for (gsize i = 0; i < level->n; i++)
    {
      const guint32 *row = _prl_ngram_level_row (level, k, i);

      if (k == 1 && row[0] == self->bos)
        continue;
      if (row[k] >= 1 && row[k] <= 4)
        n[row[k]]++;
    }

  level->estimated = FALSE;
  memcpy (level->discounts, fallback_discounts, sizeof fallback_discounts);
  if (n[1] == 0 || n[2] == 0 || n[3] == 0)
    return;

  y = (double)n[1] / (n[1] + 2.0 * n[2]);
  d1 = 1.0 - 2.0 * y * n[2] / n[1];
  d2 = 2.0 - 3.0 * y * n[3] / n[2];
  d3 = 3.0 - 4.0 * y * n[4] / n[3];
  if (d1 <= 0.0 || d1 >= 1.0 || d2 <= 0.0 || d2 >= 2.0 || d3 <= 0.0 || d3 >= 3.0)
    return;

  level->discounts[0] = d1;
  level->discounts[1] = d2;
  level->discounts[2] = d3;
  level->estimated = TRUE;
}

static void
estimate_unigrams (PrlNgramModel *self)
{
  PrlNgramLevel *level = &self->levels[1];
  double         mass = 0.0;
  double         uniform;

  self->unigram_sum = 0;
  for (gsize i = 0; i < level->n; i++)
    {
      guint32 count = level->rows[i * 2 + 1];

      if (i == self->bos || count == 0)
        continue;
      self->unigram_sum += count;
      mass += _prl_ngram_discount (level->discounts, count);
    }

  /* Every sentence adds a </s>, so the sum is positive. */
  self->gamma0 = mass / self->unigram_sum;
  uniform = self->gamma0 / (self->n_words - 1);
  level->probs = g_new (double, level->n);
  for (gsize i = 0; i < level->n; i++)
    {
      guint32 count = level->rows[i * 2 + 1];
      double  p = uniform;

      if (i == self->bos)
        p = 0.0;
      else if (count > 0)
        p += (count - _prl_ngram_discount (level->discounts, count)) / self->unigram_sum;
      level->probs[i] = p;
    }
}

/* Fills the probabilities of order k and the back-off weights of order
 * k − 1. Rows that share a history are contiguous. */
static gboolean
estimate_level (PrlNgramModel *self, guint k, Progress *progress, GError **error)
{
  PrlNgramLevel *level = &self->levels[k];
  PrlNgramLevel *lower = &self->levels[k - 1];
  const double  *d = level->discounts;
  gsize          start = 0;

  level->probs = g_new (double, level->n);
  lower->gammas = g_new0 (double, lower->n);

  while (start < level->n)
    {
      const guint32 *first = _prl_ngram_level_row (level, k, start);
      gsize          end = start;
      guint64        sum = 0, n_r[3] = { 0 };
      gssize         h;
      double         gamma;

      for (; end < level->n; end++)
        {
          const guint32 *row = _prl_ngram_level_row (level, k, end);

          if (memcmp (row, first, (k - 1) * sizeof (guint32)) != 0)
            break;
          sum += row[k];
          n_r[MIN (row[k], 3) - 1]++;
        }

      gamma = (d[0] * n_r[0] + d[1] * n_r[1] + d[2] * n_r[2]) / sum;
      h = _prl_ngram_level_find (lower, k - 1, first);
      g_assert (h >= 0);
      lower->gammas[h] = gamma;

      for (gsize i = start; i < end; i++)
        {
          const guint32 *row = _prl_ngram_level_row (level, k, i);
          gssize         suffix = _prl_ngram_level_find (lower, k - 1, row + 1);

          g_assert (suffix >= 0);
          level->probs[i] = (row[k] - _prl_ngram_discount (d, row[k])) / sum
                            + gamma * lower->probs[suffix];
        }

      if ((start & ~(gsize)CHECK_EVERY) != (end & ~(gsize)CHECK_EVERY)
          && !progress_step (progress, end, level->n, error))
        return FALSE;
      start = end;
    }
  return progress_next_stage (progress, error);
}

/**
 * prl_ngram_estimate:
 * @counter: the counts of the training text
 * @order: the order of the model, at most the counter's
 * @cancellable: (nullable): a #GCancellable
 * @progress_func: (nullable) (scope call): called as the work advances, on
 *   this thread
 * @progress_data: data for @progress_func
 * @error: return location for a #GError
 *
 * Estimates an interpolated modified Kneser-Ney model. @counter is only
 * read: it can be freed afterwards, or fed more text and estimated again.
 * Run it in a worker thread (g_task_run_in_thread()): it takes seconds for
 * tens of megabytes of text, and memory for the counts and the model at once.
 *
 * Returns: (transfer full): the model, or %NULL with @error set
 */
PrlNgramModel *
prl_ngram_estimate (PrlNgramCounter     *counter,
                    guint                order,
                    GCancellable        *cancellable,
                    PrlNgramProgressFunc progress_func,
                    gpointer             progress_data,
                    GError             **error)
{
  g_autoptr (PrlNgramModel) self = NULL;
  g_autofree guint32 *remap = NULL;
  Progress            progress = { cancellable, progress_func, progress_data, 0, 0, 0.0 };

  g_return_val_if_fail (counter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (order < 1 || order > counter->max_order)
    {
      g_set_error (error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_INVALID_ORDER,
                   _ ("A language model of order %u cannot be built from these counts "
                      "(the highest order counted is %u)."),
                   order, counter->max_order);
      return NULL;
    }
  if (counter->n_sentences == 0)
    {
      g_set_error_literal (error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_NO_TEXT,
                           _ ("The training text has no words. Add text with at least "
                              "one sentence and train again."));
      return NULL;
    }

  /* Copying each order, adjusting all but the highest, estimating each. */
  progress.n_stages = 3 * order - 1;
  progress.stage = (guint)-1;
  if (!progress_next_stage (&progress, error))
    return NULL;

  self = g_new0 (PrlNgramModel, 1);
  self->order = order;
  remap = build_vocabulary (self, counter);

  for (guint k = 1; k <= order; k++)
    if (!copy_level (self, counter, k, remap, &progress, error))
      return NULL;
  for (guint k = order - 1; k >= 1; k--)
    if (!adjust_counts (self, k, &progress, error))
      return NULL;

  for (guint k = 1; k <= order; k++)
    compute_discounts (self, k);
  estimate_unigrams (self);
  if (!progress_next_stage (&progress, error))
    return NULL;
  for (guint k = 2; k <= order; k++)
    if (!estimate_level (self, k, &progress, error))
      return NULL;

  g_debug ("Estimated an order-%u model: %u words, %" G_GSIZE_FORMAT " %u-grams", order,
           self->n_words, self->levels[order].n, order);
  return g_steal_pointer (&self);
}

void
prl_ngram_model_free (PrlNgramModel *self)
{
  if (self == NULL)
    return;

  for (guint k = 1; k <= PRL_NGRAM_MAX_ORDER; k++)
    {
      g_free (self->levels[k].rows);
      g_free (self->levels[k].starts);
      g_free (self->levels[k].probs);
      g_free (self->levels[k].gammas);
    }
  g_clear_pointer (&self->word_ids, g_hash_table_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_free (self->words);
  g_free (self);
}

guint
prl_ngram_model_get_order (PrlNgramModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->order;
}

/* The n-grams of @order in the model (the ARPA "ngram k=" line); order 1
 * counts the whole vocabulary, <s> and <unk> included. */
guint
prl_ngram_model_get_n_ngrams (PrlNgramModel *self, guint order)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (order >= 1 && order <= self->order, 0);

  return self->levels[order].n;
}

guint
prl_ngram_model_get_vocabulary_size (PrlNgramModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_words;
}

/**
 * prl_ngram_model_get_discounts:
 * @self: a model
 * @order: from 1 to the model's order
 * @discounts: (out caller-allocates) (array fixed-size=3): D1, D2 and D3+
 *
 * Returns: %TRUE if the discounts were estimated from the count-of-counts,
 *   %FALSE if the fixed fallback discounts were used
 */
gboolean
prl_ngram_model_get_discounts (PrlNgramModel *self, guint order, double discounts[3])
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (order >= 1 && order <= self->order, FALSE);

  memcpy (discounts, self->levels[order].discounts, 3 * sizeof (double));
  return self->levels[order].estimated;
}
