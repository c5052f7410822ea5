/* prl-ngram-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-ngram.h"

G_BEGIN_DECLS

/*
 * The counter keeps, for every order k ≥ 2, an open-addressing hash table of
 * rows of k + 1 guint32: the k word ids, then the count (0 marks a free
 * slot). Unigram counts are a plain array indexed by word id.
 */
typedef struct
{
  guint32 *slots;    /* (owned) capacity × (order + 1) */
  gsize    capacity; /* a power of two */
  gsize    n_used;
  guint    order;
} PrlNgramTable;

struct _PrlNgramCounter
{
  guint          max_order;
  GHashTable    *word_ids; /* (owned) word → id + 1; keys live in @chunk */
  GStringChunk  *chunk;    /* (owned) */
  GPtrArray     *words;    /* (owned) id → word (in @chunk) */
  GArray        *unigrams; /* (owned) guint32 count by id */
  PrlNgramTable  tables[PRL_NGRAM_MAX_ORDER + 1]; /* index = order, from 2 */
  GArray        *scratch;  /* (owned) guint32 ids of the sentence being added */
  GString       *token;    /* (owned) */
  guint64        n_sentences;
  guint64        n_words;
};

/*
 * One order of an estimated model. @rows holds n × (order + 1) guint32: the
 * word ids, sorted lexicographically (ids are ranks in byte order, so this is
 * the order of the words), then the adjusted count: the raw count at the
 * highest order and for n-grams that start with <s>, the number of distinct
 * left neighbours (the continuation count) otherwise.
 */
typedef struct
{
  guint32 *rows;         /* (owned) */
  double  *probs;        /* (owned) interpolated P(w | h) of each row */
  double  *gammas;       /* (owned) (nullable) γ of each row as a history; 0 if it
                            never is one; NULL at the highest order */
  gsize    n;
  gsize   *starts;       /* (owned) (nullable) the first row of each first word
                            id, n_words + 1 entries; NULL for unigrams */
  double   discounts[3]; /* D1, D2, D3+ */
  gboolean estimated;    /* FALSE when the fixed fallback discounts are used */
} PrlNgramLevel;

struct _PrlNgramModel
{
  guint          order;
  GStringChunk  *chunk;      /* (owned) */
  const char   **words;      /* (owned) id → word, in byte order; strings in @chunk */
  GHashTable    *word_ids;   /* (owned) word → id + 1 */
  guint          n_words;
  guint32        bos;
  guint32        eos;
  guint32        unk;
  guint64        unigram_sum; /* Σ adjusted unigram counts, without <s> */
  double         gamma0;      /* weight of the uniform distribution */
  PrlNgramLevel  levels[PRL_NGRAM_MAX_ORDER + 1]; /* index = order, from 1 */
};

static inline guint32 *
_prl_ngram_level_row (PrlNgramLevel *level,
                      guint          order,
                      gsize          i)
{
  return level->rows + i * (order + 1);
}

static inline double
_prl_ngram_discount (const double discounts[3],
                     guint32      count)
{
  return count >= 3 ? discounts[2] : discounts[count - 1];
}

gssize   _prl_ngram_level_find          (PrlNgramLevel       *level,
                                         guint                order,
                                         const guint32       *ids);
void     _prl_ngram_level_range         (PrlNgramLevel       *level,
                                         guint                order,
                                         const guint32       *prefix,
                                         guint                n_prefix,
                                         gsize               *start,
                                         gsize               *end);
guint32  _prl_ngram_model_lookup        (PrlNgramModel       *self,
                                         const char          *word,
                                         gboolean            *known);
double   _prl_ngram_model_prob_ids      (PrlNgramModel       *self,
                                         const guint32       *history,
                                         guint                n_history,
                                         guint32              word);
double   _prl_ngram_model_interpolated  (PrlNgramModel       *self,
                                         const guint32       *history,
                                         guint                n_history,
                                         guint32              word);
double   _prl_ngram_model_interpolated_log10_prob (PrlNgramModel     *self,
                                                   const char *const *history,
                                                   guint              n_history,
                                                   const char        *word);

G_END_DECLS
