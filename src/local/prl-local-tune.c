/* prl-local-tune.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-local-tune"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <pocketsphinx.h>

#include "prl-decoder-private.h"
#include "prl-train-job.h"

#include "prl-local-provider-private.h"

/* The tuning stage of the local provider's training: the weight λ of the
 * custom model against the stock one.
 *
 *   TUNING text given        λ minimizes the mixture's perplexity on it;
 *   no TUNING text, at least λ is tuned the same way on held-out training
 *   PRL_NGRAM_HOLDOUT_MIN_   sentences (every 10th of the first 20,000),
 *   SENTENCES sentences      against a model estimated on the others;
 *                            the version's model is then the one estimated
 *                            on all the text (made by the caller);
 *   less text                PRL_NGRAM_DEFAULT_WEIGHT.
 *
 * Holding out is what makes the weight honest: on its own training text
 * the custom model always wins, so tuning there would give λ = 1 and lose
 * the stock model's everyday English. A model estimated on 90 % of the
 * text is slightly weaker than the final one, so the λ it gets is, if
 * anything, a little low: the safe side for general speech.
 *
 * The sentences are collected while the training text is counted (one
 * pass; the text may be a stream that cannot be read twice), into a second
 * counter bounded by PRL_NGRAM_HOLDOUT_SPAN sentences so that 100 MB of text
 * costs one small extra estimation rather than a second full one.
 */

struct _PrlLocalHoldout
{
  PrlNgramCounter *fit;      /* (owned): the sentences of the span not held out */
  GPtrArray       *held_out; /* (owned) (element-type GStrv) */
  guint64          n_seen;   /* every sentence given, beyond the span too */
};

/**
 * _prl_local_holdout_new:
 * @order: the order of the custom model
 *
 * Returns: (transfer full): an empty hold-out split
 */
PrlLocalHoldout *
_prl_local_holdout_new (guint order)
{
  PrlLocalHoldout *self = g_new0 (PrlLocalHoldout, 1);

  self->fit = prl_ngram_counter_new (order);
  self->held_out = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  return self;
}

void
_prl_local_holdout_free (PrlLocalHoldout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->fit, prl_ngram_counter_free);
  g_ptr_array_unref (self->held_out);
  g_free (self);
}

/**
 * _prl_local_holdout_add:
 * @words: a normalized training sentence with at least one word
 *
 * Puts the next training sentence on its side of the split.
 */
void
_prl_local_holdout_add (PrlLocalHoldout *self, const char *const *words)
{
  guint64 index = self->n_seen++;

  if (index >= PRL_NGRAM_HOLDOUT_SPAN)
    return;
  if (prl_ngram_holdout_is_held_out (index))
    g_ptr_array_add (self->held_out, g_strdupv ((char **)words));
  else
    prl_ngram_counter_add_sentence (self->fit, words, -1);
}

/* sphinxbase's view of the stock LM, as a PrlLogProbFunc. */
typedef struct
{
  logmath_t     *lmath;
  ngram_model_t *lm;
  int32          unknown;
  int            order;
} StockLm;

static void
stock_lm_clear (StockLm *stock)
{
  if (stock->lm != NULL)
    ngram_model_free (stock->lm);
  if (stock->lmath != NULL)
    logmath_free (stock->lmath);
  memset (stock, 0, sizeof *stock);
}

static gboolean
stock_lm_open (StockLm *stock, GError **error)
{
  g_autofree char *path = prl_decoder_stock_lm_path ();

  _prl_decoder_silence_pocketsphinx ();

  /* The same base as PocketSphinx's, so scores round the same way. */
  stock->lmath = logmath_init (1.0001, 0, 0);
  stock->lm = ngram_model_read (NULL, path, NGRAM_AUTO, stock->lmath);
  if (stock->lm == NULL)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
                   _ ("The stock language model “%s” could not be read. Reinstall "
                      "PocketSphinx’s English model and train again."),
                   path);
      stock_lm_clear (stock);
      return FALSE;
    }
  stock->unknown = ngram_unknown_wid (stock->lm);
  stock->order = ngram_model_get_size (stock->lm);
  return TRUE;
}

static double
stock_log10_prob (const char *const *history,
                  guint              n_history,
                  const char        *word,
                  gpointer           user_data)
{
  StockLm    *stock = user_data;
  const char *words[PRL_NGRAM_MAX_ORDER + 1];
  guint       n = 1;

  /* A word the stock model cannot produce gets ARPA's zero; the weight
   * search raises every score to that floor anyway. */
  if (ngram_wid (stock->lm, word) == stock->unknown)
    return PRL_NGRAM_LOG10_ZERO;

  /* sphinxbase wants the word first, then its history newest first. */
  words[0] = word;
  for (guint i = n_history; i > 0 && n < (guint)MIN (stock->order, PRL_NGRAM_MAX_ORDER);
       i--)
    words[n++] = history[i - 1];

  return MAX (
      logmath_log_to_log10 (stock->lmath, ngram_prob (stock->lm, words, (int32)n)),
      PRL_NGRAM_LOG10_ZERO);
}

/* λ on @sentences: the custom model is @model, the stock one read by
 * sphinxbase. */
static gboolean
choose_on (PrlNgramModel  *model,
           GPtrArray      *sentences,
           PrlNgramWeight *weight,
           GCancellable   *cancellable,
           GError        **error)
{
  StockLm  stock = { 0 };
  gboolean ok;

  if (!stock_lm_open (&stock, error))
    return FALSE;
  ok = prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model, stock_log10_prob,
                                &stock, sentences, cancellable, weight, error);
  stock_lm_clear (&stock);
  return ok;
}

/**
 * _prl_local_choose_weight:
 * @tuning: (element-type GStrv): the normalized TUNING sentences; may be
 *   empty
 * @holdout: the split made while counting the training text
 * @order: the order of the custom model
 * @model: the custom model estimated on all the training text
 * @weight: (out caller-allocates): λ and the perplexities
 * @source: (out): where λ came from
 *
 * Chooses λ as the file's comment says. Deterministic: the same text
 * always gives the same λ.
 *
 * Returns: %TRUE on success, %FALSE if cancelled or the stock model cannot
 *   be read
 */
gboolean
_prl_local_choose_weight (GPtrArray       *tuning,
                          PrlLocalHoldout *holdout,
                          guint            order,
                          PrlNgramModel   *model,
                          PrlNgramWeight  *weight,
                          PrlWeightSource *source,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr (PrlNgramModel) fit = NULL;
  g_autoptr (GTimer) timer = NULL;
  double estimated;

  *source = PRL_WEIGHT_SOURCE_DEFAULT;
  if (tuning != NULL && tuning->len > 0)
    {
      if (!choose_on (model, tuning, weight, cancellable, error))
        return FALSE;
      if (weight->tuned)
        {
          *source = PRL_WEIGHT_SOURCE_TUNING;
          return TRUE;
        }
      /* Tuning text without a single word to score: as if there were
       * none. */
    }

  if (holdout == NULL || !prl_ngram_holdout_is_enough (holdout->n_seen)
      || holdout->held_out->len == 0)
    return prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model,
                                    stock_log10_prob, NULL, NULL, cancellable, weight,
                                    error);

  timer = g_timer_new ();
  if (!(fit = prl_ngram_estimate (holdout->fit, order, cancellable, NULL, NULL, error)))
    return FALSE;
  estimated = g_timer_elapsed (timer, NULL);
  if (!choose_on (fit, holdout->held_out, weight, cancellable, error))
    return FALSE;
  /* The cost of holding out, to keep it small next to the training. */
  g_debug ("Held-out weight %.4f on %u sentences: estimating %.2f s, scoring %.2f s",
           weight->weight, holdout->held_out->len, estimated,
           g_timer_elapsed (timer, NULL) - estimated);
  if (weight->tuned)
    *source = PRL_WEIGHT_SOURCE_HELD_OUT;
  return TRUE;
}
