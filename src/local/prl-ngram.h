/* prl-ngram.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-normalizer.h"

G_BEGIN_DECLS

#define PRL_NGRAM_ERROR (prl_ngram_error_quark ())

/**
 * PrlNgramError:
 * @PRL_NGRAM_ERROR_INVALID_ORDER: the order is 0, above %PRL_NGRAM_MAX_ORDER or
 *   above the order the counter was created with
 * @PRL_NGRAM_ERROR_NO_TEXT: nothing was counted (no non-empty sentence)
 */
typedef enum
{
  PRL_NGRAM_ERROR_INVALID_ORDER,
  PRL_NGRAM_ERROR_NO_TEXT,
} PrlNgramError;

/* The words every model knows: sentence boundaries and the unknown word. */
#define PRL_NGRAM_BOS "<s>"
#define PRL_NGRAM_EOS "</s>"
#define PRL_NGRAM_UNK "<unk>"

#define PRL_NGRAM_DEFAULT_ORDER 3
#define PRL_NGRAM_MAX_ORDER     6

/* The interpolation weight of the custom model when there is no tuning text. */
#define PRL_NGRAM_DEFAULT_WEIGHT 0.5

/* Without tuning text, every PRL_NGRAM_HOLDOUT_STRIDE-th training sentence
 * (the 10th, 20th, …) of the first PRL_NGRAM_HOLDOUT_SPAN is held out to
 * choose the weight, when the training text has at least
 * PRL_NGRAM_HOLDOUT_MIN_SENTENCES sentences; below that the weight is the
 * default. */
#define PRL_NGRAM_HOLDOUT_STRIDE        10
#define PRL_NGRAM_HOLDOUT_MIN_SENTENCES 100
#define PRL_NGRAM_HOLDOUT_SPAN          20000

/* ARPA's "log10 of zero", used for <s> and as a floor for mixtures. */
#define PRL_NGRAM_LOG10_ZERO (-99.0)

typedef struct _PrlNgramCounter PrlNgramCounter;
typedef struct _PrlNgramModel   PrlNgramModel;

/**
 * PrlNgramProgressFunc:
 * @fraction: done so far, from 0 to 1
 * @user_data: the data given with the function
 *
 * Called on the thread that runs the estimation, at most a few hundred times.
 */
typedef void (*PrlNgramProgressFunc) (double   fraction,
                                      gpointer user_data);

/**
 * PrlLogProbFunc:
 * @history: the words before @word, oldest first; starts with "<s>"
 * @n_history: the number of words in @history
 * @word: the word predicted (a normalized word or "</s>")
 * @user_data: the data given with the function
 *
 * Returns: log10 P(@word | @history) under some language model.
 */
typedef double (*PrlLogProbFunc) (const char *const *history,
                                  guint              n_history,
                                  const char        *word,
                                  gpointer           user_data);

/**
 * PrlNgramWeight:
 * @weight: λ, the weight of the custom model in λ·P_custom + (1−λ)·P_stock
 * @perplexity: the perplexity of the mixture at @weight on the tuning text
 * @custom_perplexity: the perplexity of the custom model alone
 * @stock_perplexity: the perplexity of the stock model alone
 * @stock_known_perplexity: the perplexity of the stock model on the
 *   words it knows (those it scores above %PRL_NGRAM_LOG10_ZERO), "</s>"
 *   included
 * @stock_oov_rate: the fraction of the words (without "</s>") that the stock
 *   model cannot produce
 * @n_tokens: the words scored, counting one "</s>" per sentence
 * @n_sentences: the tuning sentences (as given; empty ones are skipped when
 *   scoring)
 * @tuned: %FALSE when there was no tuning text and @weight is the default;
 *   the perplexities are then NAN
 */
typedef struct
{
  double   weight;
  double   perplexity;
  double   custom_perplexity;
  double   stock_perplexity;
  double   stock_known_perplexity;
  double   stock_oov_rate;
  guint64  n_tokens;
  guint64  n_sentences;
  gboolean tuned;
} PrlNgramWeight;

GQuark           prl_ngram_error_quark               (void);

PrlNgramCounter *prl_ngram_counter_new               (guint                 max_order) G_GNUC_WARN_UNUSED_RESULT;
void             prl_ngram_counter_free              (PrlNgramCounter      *self);
void             prl_ngram_counter_add_sentence      (PrlNgramCounter      *self,
                                                      const char *const    *words,
                                                      gssize                n_words);
void             prl_ngram_counter_add_line          (PrlNgramCounter      *self,
                                                      const char           *line);
void             prl_ngram_counter_add_text          (PrlNgramCounter      *self,
                                                      PrlNormalizer        *normalizer,
                                                      const char           *text);
guint            prl_ngram_counter_get_max_order     (PrlNgramCounter      *self);
guint64          prl_ngram_counter_get_n_sentences   (PrlNgramCounter      *self);
guint64          prl_ngram_counter_get_n_words       (PrlNgramCounter      *self);
guint            prl_ngram_counter_get_n_types       (PrlNgramCounter      *self,
                                                      guint                 order);

PrlNgramModel   *prl_ngram_estimate                  (PrlNgramCounter      *counter,
                                                      guint                 order,
                                                      GCancellable         *cancellable,
                                                      PrlNgramProgressFunc  progress_func,
                                                      gpointer              progress_data,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void             prl_ngram_model_free                (PrlNgramModel        *self);
guint            prl_ngram_model_get_order           (PrlNgramModel        *self);
guint            prl_ngram_model_get_n_ngrams        (PrlNgramModel        *self,
                                                      guint                 order);
guint            prl_ngram_model_get_vocabulary_size (PrlNgramModel        *self);
gboolean         prl_ngram_model_get_discounts       (PrlNgramModel        *self,
                                                      guint                 order,
                                                      double                discounts[3]);
gboolean         prl_ngram_model_contains            (PrlNgramModel        *self,
                                                      const char           *word);
double           prl_ngram_model_log10_prob          (PrlNgramModel        *self,
                                                      const char *const    *history,
                                                      guint                 n_history,
                                                      const char           *word);
double           prl_ngram_model_log_prob_func       (const char *const    *history,
                                                      guint                 n_history,
                                                      const char           *word,
                                                      gpointer              model);
double           prl_ngram_model_perplexity          (PrlNgramModel        *self,
                                                      GPtrArray            *sentences,
                                                      guint64              *n_tokens,
                                                      guint64              *n_oov);
gboolean         prl_ngram_model_write_arpa          (PrlNgramModel        *self,
                                                      GOutputStream        *stream,
                                                      GCancellable         *cancellable,
                                                      GError              **error);

double           prl_ngram_perplexity                (PrlLogProbFunc        func,
                                                      gpointer              user_data,
                                                      GPtrArray            *sentences,
                                                      guint64              *n_tokens);
gboolean         prl_ngram_holdout_is_held_out       (guint64               index);
gboolean         prl_ngram_holdout_is_enough         (guint64               n_sentences);
gboolean         prl_ngram_choose_weight             (PrlLogProbFunc        custom,
                                                      gpointer              custom_data,
                                                      PrlLogProbFunc        stock,
                                                      gpointer              stock_data,
                                                      GPtrArray            *tuning,
                                                      GCancellable         *cancellable,
                                                      PrlNgramWeight       *result,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlNgramCounter, prl_ngram_counter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlNgramModel, prl_ngram_model_free)

G_END_DECLS
