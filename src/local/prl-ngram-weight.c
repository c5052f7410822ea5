/* prl-ngram-weight.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-ngram-weight"

#include "config.h"

#include <math.h>
#include <string.h>

#include "prl-ngram-private.h"

/*
 * Chooses how much the custom model counts when the decoder mixes it with
 * the stock model, P = λ·P_custom + (1−λ)·P_stock, by minimizing the
 * perplexity of the mixture on tuning text (kept apart from the training
 * text, or the custom model would always win).
 *
 * Both models are scored once per tuning word. Writing r = P_custom/P_stock,
 *
 *   log P = log P_stock + log (1 + λ (r − 1))
 *
 * so only ln r (a float per word: 4 bytes per tuning word) is kept, and the total log-likelihood is
 * concave in λ: a golden-section search finds its maximum on [0, 1] to
 * within 1e-6. The ends are tried as well, since the search never lands
 * exactly on them.
 *
 * Log probabilities are floored at -99 (ARPA's zero), so that a word one
 * model cannot produce does not make the other one's weight meaningless.
 *
 * Without tuning text the weight is PRL_NGRAM_DEFAULT_WEIGHT (0.5): the
 * custom model then counts as much as the stock model, which helps on text
 * like the training text without making the stock vocabulary unlikely.
 */

#define GOLDEN 0.6180339887498949

typedef struct
{
  PrlLogProbFunc func;
  gpointer       data;
} Scorer;

typedef void (*TokenFunc) (const char *const *history,
                           guint              n_history,
                           const char        *word,
                           gpointer           user_data);

/* Calls @func for every word of every sentence, then for "</s>", with the
 * sentence so far (from "<s>") as the history. */
static gboolean
foreach_token (GPtrArray    *sentences,
               TokenFunc     func,
               gpointer      user_data,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (GPtrArray) history = g_ptr_array_new ();

  for (guint s = 0; s < sentences->len; s++)
    {
      const char *const *words = g_ptr_array_index (sentences, s);

      if ((s & 0xff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_set_size (history, 0);
      g_ptr_array_add (history, (gpointer)PRL_NGRAM_BOS);
      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          if (*words[i] == '\0' || strcmp (words[i], PRL_NGRAM_BOS) == 0
              || strcmp (words[i], PRL_NGRAM_EOS) == 0)
            continue;
          g_ptr_array_add (history, (gpointer)words[i]);
        }
      if (history->len == 1)
        continue;

      for (guint i = 1; i < history->len; i++)
        func ((const char *const *)history->pdata, i, g_ptr_array_index (history, i),
              user_data);
      func ((const char *const *)history->pdata, history->len, PRL_NGRAM_EOS, user_data);
    }
  return TRUE;
}

typedef struct
{
  Scorer  scorer;
  double  total;
  guint64 n;
} PerplexityData;

static void
perplexity_token (const char *const *history,
                  guint              n_history,
                  const char        *word,
                  gpointer           user_data)
{
  PerplexityData *data = user_data;

  data->total += data->scorer.func (history, n_history, word, data->scorer.data);
  data->n++;
}

/**
 * prl_ngram_perplexity:
 * @func: (scope call): the model's log10 probabilities
 * @user_data: data for @func
 * @sentences: (element-type GStrv): normalized sentences
 * @n_tokens: (out) (optional): the words scored, one "</s>" per sentence
 *   included
 *
 * Returns: the perplexity of @func on @sentences, or NAN when there is
 *   nothing to score
 */
double
prl_ngram_perplexity (PrlLogProbFunc func,
                      gpointer       user_data,
                      GPtrArray     *sentences,
                      guint64       *n_tokens)
{
  PerplexityData data = { { func, user_data }, 0.0, 0 };

  g_return_val_if_fail (func != NULL, NAN);
  g_return_val_if_fail (sentences != NULL, NAN);

  foreach_token (sentences, perplexity_token, &data, NULL, NULL);
  if (n_tokens != NULL)
    *n_tokens = data.n;
  return data.n > 0 ? pow (10.0, -data.total / data.n) : NAN;
}

typedef struct
{
  Scorer  custom;
  Scorer  stock;
  GArray *log_ratios; /* (owned) float ln (P_custom / P_stock) per token */
  double  custom_total;
  double  stock_total;
  double  stock_known_total; /* the stock scores of the tokens it knows */
  guint64 n_stock_known;
  guint64 n_words; /* tokens without "</s>" */
  guint64 n_stock_oov;
} MixtureData;

static void
mixture_token (const char *const *history,
               guint              n_history,
               const char        *word,
               gpointer           user_data)
{
  MixtureData *data = user_data;
  double       c = data->custom.func (history, n_history, word, data->custom.data);
  double       s = data->stock.func (history, n_history, word, data->stock.data);
  float        ratio;

  c = MAX (c, PRL_NGRAM_LOG10_ZERO);
  s = MAX (s, PRL_NGRAM_LOG10_ZERO);
  data->custom_total += c;
  data->stock_total += s;
  /* A score at ARPA's zero means the stock model cannot produce the word:
   * it is out of its vocabulary. Counting those apart gives a perplexity
   * a user can read instead of one dominated by 10^99 factors. */
  if (s > PRL_NGRAM_LOG10_ZERO)
    {
      data->stock_known_total += s;
      data->n_stock_known++;
    }
  else if (strcmp (word, PRL_NGRAM_EOS) != 0)
    data->n_stock_oov++;
  if (strcmp (word, PRL_NGRAM_EOS) != 0)
    data->n_words++;
  ratio = (c - s) * G_LN10;
  g_array_append_val (data->log_ratios, ratio);
}

/* Σ log10 (λ r + 1 − λ) over the tokens, i.e. the mixture's log10
 * likelihood minus the stock model's. */
static double
mixture_gain (GArray *log_ratios, double lambda)
{
  double total = 0.0;

  for (guint i = 0; i < log_ratios->len; i++)
    total += log10 (lambda * exp (g_array_index (log_ratios, float, i)) + (1.0 - lambda));
  return total;
}

/**
 * prl_ngram_choose_weight:
 * @custom: (scope call): the custom model's log10 probabilities
 * @custom_data: data for @custom
 * @stock: (scope call): the stock model's log10 probabilities
 * @stock_data: data for @stock
 * @tuning: (nullable) (element-type GStrv): normalized tuning sentences
 * @cancellable: (nullable): a #GCancellable
 * @result: (out caller-allocates): the weight and the perplexities
 * @error: return location for a #GError
 *
 * Chooses λ in [0, 1] that minimizes the perplexity of
 * λ·P_custom + (1−λ)·P_stock on @tuning. Without tuning text (%NULL, or no
 * words) the weight is %PRL_NGRAM_DEFAULT_WEIGHT and @result->tuned is %FALSE.
 *
 * Returns: %TRUE on success, %FALSE if cancelled
 */
gboolean
prl_ngram_choose_weight (PrlLogProbFunc  custom,
                         gpointer        custom_data,
                         PrlLogProbFunc  stock,
                         gpointer        stock_data,
                         GPtrArray      *tuning,
                         GCancellable   *cancellable,
                         PrlNgramWeight *result,
                         GError        **error)
{
  MixtureData data = { { custom, custom_data }, { stock, stock_data } };
  double      a = 0.0, b = 1.0, x1, x2, f1, f2, best, best_gain, n;
  gboolean    ok;

  g_return_val_if_fail (custom != NULL && stock != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result->weight = PRL_NGRAM_DEFAULT_WEIGHT;
  result->perplexity = result->custom_perplexity = result->stock_perplexity = NAN;
  result->stock_known_perplexity = result->stock_oov_rate = NAN;
  result->n_tokens = result->n_sentences = 0;
  result->tuned = FALSE;
  if (tuning == NULL)
    return TRUE;

  data.log_ratios = g_array_new (FALSE, FALSE, sizeof (float));
  ok = foreach_token (tuning, mixture_token, &data, cancellable, error);
  n = data.log_ratios->len;
  if (!ok || n == 0)
    {
      g_array_unref (data.log_ratios);
      return ok;
    }

  /* Maximize the gain, which is concave in λ. */
  x1 = b - GOLDEN * (b - a);
  x2 = a + GOLDEN * (b - a);
  f1 = mixture_gain (data.log_ratios, x1);
  f2 = mixture_gain (data.log_ratios, x2);
  while (b - a > 1e-6)
    {
      if (f1 >= f2)
        {
          b = x2;
          x2 = x1;
          f2 = f1;
          x1 = b - GOLDEN * (b - a);
          f1 = mixture_gain (data.log_ratios, x1);
        }
      else
        {
          a = x1;
          x1 = x2;
          f1 = f2;
          x2 = a + GOLDEN * (b - a);
          f2 = mixture_gain (data.log_ratios, x2);
        }
    }
  best = (a + b) / 2.0;
  best_gain = mixture_gain (data.log_ratios, best);
  for (double end = 0.0; end <= 1.0; end += 1.0)
    {
      double gain = mixture_gain (data.log_ratios, end);

      if (gain >= best_gain)
        {
          best = end;
          best_gain = gain;
        }
    }

  result->weight = best;
  result->tuned = TRUE;
  result->n_tokens = data.log_ratios->len;
  result->custom_perplexity = pow (10.0, -data.custom_total / n);
  result->stock_perplexity = pow (10.0, -data.stock_total / n);
  result->perplexity = pow (10.0, -(data.stock_total + best_gain) / n);
  result->stock_known_perplexity
      = data.n_stock_known > 0 ? pow (10.0, -data.stock_known_total / data.n_stock_known)
                               : NAN;
  result->stock_oov_rate
      = data.n_words > 0 ? (double)data.n_stock_oov / (double)data.n_words : NAN;
  result->n_sentences = tuning->len;

  g_array_unref (data.log_ratios);
  return TRUE;
}

/**
 * prl_ngram_holdout_is_held_out:
 * @index: a training sentence's position, from 0, counting only the
 *   sentences that have words once normalized
 *
 * Whether that sentence is held out to choose the weight when there is no
 * tuning text: every %PRL_NGRAM_HOLDOUT_STRIDE-th of the first
 * %PRL_NGRAM_HOLDOUT_SPAN. A fixed stride, not a random draw, so the same
 * text always gives the same weight; spread over the text, so that a file
 * sorted by topic still gives held-out sentences of every topic. The span
 * bounds the extra work on a large text (one more estimation, of at most
 * that many sentences).
 *
 * Returns: %TRUE to hold it out
 */
gboolean
prl_ngram_holdout_is_held_out (guint64 index)
{
  return index < PRL_NGRAM_HOLDOUT_SPAN
         && index % PRL_NGRAM_HOLDOUT_STRIDE == PRL_NGRAM_HOLDOUT_STRIDE - 1;
}

/**
 * prl_ngram_holdout_is_enough:
 * @n_sentences: the training sentences that have words
 *
 * Whether holding out part of a text of @n_sentences leaves enough to tune
 * on: at least %PRL_NGRAM_HOLDOUT_MIN_SENTENCES, so at least 10 held-out
 * sentences. With fewer, one or two unusual sentences would decide the
 * weight, and leaving them out would cost the small model too much; the
 * weight is then %PRL_NGRAM_DEFAULT_WEIGHT.
 *
 * Returns: %TRUE to tune on held-out sentences
 */
gboolean
prl_ngram_holdout_is_enough (guint64 n_sentences)
{
  return n_sentences >= PRL_NGRAM_HOLDOUT_MIN_SENTENCES;
}
