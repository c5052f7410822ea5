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
 *
 * Without tuning text, that extra work (reading the stock model, estimating
 * on the span, scoring the held-out sentences: about a second on 100 MB of
 * text) needs nothing but the split, so _prl_local_holdout_start() runs it
 * in a thread of its own while the caller estimates the full model and
 * makes the pronunciations: on two cores the training then takes no longer
 * than before held-out tuning existed (docs/accuracy.md, "Training time").
 */

struct _PrlLocalHoldout
{
  PrlNgramCounter *fit;      /* (owned): the sentences of the span not held out */
  GPtrArray       *held_out; /* (owned) (element-type GStrv) */
  guint64          n_seen;   /* every sentence given, beyond the span too */

  /* The choice made in a thread (_prl_local_holdout_start()). */
  GThread       *thread;  /* (owned) (nullable): until joined */
  gboolean       started; /* the thread's result is the one to use */
  guint          order;
  GCancellable  *cancellable; /* (owned) (nullable) */
  gboolean       ok;
  PrlNgramWeight weight;
  GError        *error; /* (owned) (nullable) */
};

static void
holdout_join (PrlLocalHoldout *self)
{
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
}

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

  self->order = order;
  self->fit = prl_ngram_counter_new (order);
  self->held_out = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  return self;
}

void
_prl_local_holdout_free (PrlLocalHoldout *self)
{
  if (self == NULL)
    return;
  /* The thread reads the split: it must be done before the split goes,
   * also when training failed or was cancelled while it ran. */
  holdout_join (self);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
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

  g_return_if_fail (!self->started);

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

static gboolean
holdout_usable (PrlLocalHoldout *holdout)
{
  return holdout != NULL && prl_ngram_holdout_is_enough (holdout->n_seen)
         && holdout->held_out->len > 0;
}

/* λ on the held-out sentences, against a model of the rest of the span. */
static gboolean
choose_held_out (PrlLocalHoldout *holdout,
                 PrlNgramWeight  *weight,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr (PrlNgramModel) fit = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  double estimated;

  if (!(fit = prl_ngram_estimate (holdout->fit, holdout->order, cancellable, NULL, NULL,
                                  error)))
    return FALSE;
  estimated = g_timer_elapsed (timer, NULL);
  if (!choose_on (fit, holdout->held_out, weight, cancellable, error))
    return FALSE;
  /* The cost of holding out, to keep it small next to the training. */
  g_debug ("Held-out weight %.4f on %u sentences: estimating %.2f s, scoring %.2f s",
           weight->weight, holdout->held_out->len, estimated,
           g_timer_elapsed (timer, NULL) - estimated);
  return TRUE;
}

static gpointer
holdout_thread (gpointer data)
{
  PrlLocalHoldout *self = data;

  self->ok = choose_held_out (self, &self->weight, self->cancellable, &self->error);
  return NULL;
}

/**
 * _prl_local_holdout_start:
 * @self: the split, with every training sentence added
 * @cancellable: (nullable): stops the thread
 *
 * Starts choosing λ on the held-out sentences in a thread, for a training
 * without tuning text; _prl_local_choose_weight() then waits for it. Does
 * nothing when there are too few sentences to hold out. No sentence may be
 * added after this.
 */
void
_prl_local_holdout_start (PrlLocalHoldout *self, GCancellable *cancellable)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->started);

  if (!holdout_usable (self))
    return;
  self->started = TRUE;
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->thread = g_thread_new ("prl-holdout", holdout_thread, self);
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
  g_return_val_if_fail (holdout == NULL || holdout->order == order, FALSE);

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

  if (!holdout_usable (holdout))
    return prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model,
                                    stock_log10_prob, NULL, NULL, cancellable, weight,
                                    error);

  if (holdout->started)
    {
      g_autoptr (GTimer) waited = g_timer_new ();

      holdout_join (holdout);
      /* What holding out still adds to the training's wall time. */
      g_debug ("Waited %.2f s for the held-out weight", g_timer_elapsed (waited, NULL));
      if (!holdout->ok)
        {
          /* Copied: a second call says the same. */
          if (holdout->error != NULL)
            g_propagate_error (error, g_error_copy (holdout->error));
          return FALSE;
        }
      *weight = holdout->weight;
    }
  else if (!choose_held_out (holdout, weight, cancellable, error))
    return FALSE;

  if (weight->tuned)
    *source = PRL_WEIGHT_SOURCE_HELD_OUT;
  return TRUE;
}
