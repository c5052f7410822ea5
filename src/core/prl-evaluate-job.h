/* prl-evaluate-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-job.h"
#include "prl-model.h"
#include "prl-provider.h"
#include "prl-store.h"

G_BEGIN_DECLS

/**
 * PrlEvalRow:
 * @version: (nullable): the version's name, %NULL for the stock model
 * @substitutions, @deletions, @insertions: corpus totals
 * @words: reference words
 * @utterances: scored test pairs
 * @sentence_errors: utterances with at least one error
 * @wer: percent, errors / words × 100
 * @ser: percent of utterances with an error
 * @p_value: against the stock model, or -1 when there is none (the stock
 *   row itself, or too little data)
 * @p_method: (nullable): "mapsswe" or "sign-test"
 * @computed: results transcribed and scored by this run (not reused)
 * @hypotheses: (element-type utf8): per test pair, in the order of
 *   prl_evaluate_job_get_utterance_ids()
 *
 * One line of the leaderboard.
 */
typedef struct
{
  char       *version;
  guint       substitutions;
  guint       deletions;
  guint       insertions;
  guint       words;
  guint       utterances;
  guint       sentence_errors;
  double      wer;
  double      ser;
  double      p_value;
  const char *p_method;
  guint       computed;
  GPtrArray  *hypotheses;
} PrlEvalRow;

void prl_eval_row_free (PrlEvalRow *self);

#define PRL_TYPE_EVALUATE_JOB (prl_evaluate_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlEvaluateJob, prl_evaluate_job, PRL, EVALUATE_JOB, PrlJob)

PrlEvaluateJob *prl_evaluate_job_new                (PrlStore           *store,
                                                     PrlProvider        *provider,
                                                     PrlModel           *model,
                                                     const char *const  *versions,
                                                     gboolean            recompute) G_GNUC_WARN_UNUSED_RESULT;
void            prl_evaluate_job_set_max_threads    (PrlEvaluateJob     *self,
                                                     guint               max_threads);
GPtrArray      *prl_evaluate_job_get_rows           (PrlEvaluateJob     *self);
GPtrArray      *prl_evaluate_job_get_utterance_ids  (PrlEvaluateJob     *self);
GPtrArray      *prl_evaluate_job_get_references     (PrlEvaluateJob     *self);
const char     *prl_evaluate_job_get_profile        (PrlEvaluateJob     *self);

G_END_DECLS
