/* prl-improve-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-eval-run.h"
#include "prl-job.h"
#include "prl-model.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/**
 * PrlImproveOptions:
 * @rounds: rounds at most, 1 to 20
 * @wiki_api: (nullable): the wiki's api.php; %NULL for English Wikipedia
 * @keywords: (nullable): context for the searches, added to the model's
 *   own keywords (those its wiki datasets were fetched with)
 *
 * What prl_improve_job_new() runs.
 */
typedef struct
{
  guint              rounds;
  const char        *wiki_api;
  const char *const *keywords;
} PrlImproveOptions;

/**
 * PrlImproveStop:
 * @PRL_IMPROVE_STOP_NONE: the round gained; the job goes on
 * @PRL_IMPROVE_STOP_ROUNDS_DONE: every round asked for is done
 * @PRL_IMPROVE_STOP_NO_GAIN: the round's version is no significant gain
 * @PRL_IMPROVE_STOP_NO_WORDS: the best version misses no word worth
 *   looking up
 * @PRL_IMPROVE_STOP_NO_PAGES: the wiki has no page about the missed words
 * @PRL_IMPROVE_STOP_NOTHING_NEW: the model has every page found already
 * @PRL_IMPROVE_STOP_NOT_ADDED: the fetched text failed the line checks or
 *   was all test references
 *
 * Why the rounds stopped after a round.
 */
typedef enum
{
  PRL_IMPROVE_STOP_NONE,
  PRL_IMPROVE_STOP_ROUNDS_DONE,
  PRL_IMPROVE_STOP_NO_GAIN,
  PRL_IMPROVE_STOP_NO_WORDS,
  PRL_IMPROVE_STOP_NO_PAGES,
  PRL_IMPROVE_STOP_NOTHING_NEW,
  PRL_IMPROVE_STOP_NOT_ADDED,
} PrlImproveStop;

/**
 * PrlImproveRound:
 * @round: 1 for the job's first round
 * @words: the missed words looked up
 * @dataset: (nullable): the name of the dataset the round added
 * @n_pages: the pages it added
 * @n_lines: its lines
 * @n_words: its words
 * @n_dropped: fetched sentences dropped as equal to test references
 * @version: (nullable): the version the round trained
 * @wer: the version's WER (%), -1 without a version
 * @best_wer: the best WER before the round (%)
 * @best_version: (nullable): the best version before the round, %NULL
 *   for the stock model
 * @p_value: the significance test's p-value, -1 when it does not apply
 * @significant: whether @version is a significant gain over @best_version
 * @stop: why the rounds stopped after this one, or %PRL_IMPROVE_STOP_NONE
 * @message: (nullable): the stop reason, for people
 * @checks: (nullable) (element-type PrlFileCheck): the line checks of
 *   text that could not be added
 * @model_round: the model's self-heal round this was, counted over every
 *   job ("Improve 3: …" names its dataset); 0 when nothing was imported
 *
 * One self-heal round's outcome. A round that stopped before training has
 * no version.
 */
typedef struct
{
  guint          round;
  char         **words;
  char          *dataset;
  guint          n_pages;
  guint          n_lines;
  guint64        n_words;
  guint          n_dropped;
  char          *version;
  double         wer;
  double         best_wer;
  char          *best_version;
  double         p_value;
  gboolean       significant;
  PrlImproveStop stop;
  char          *message;
  GPtrArray     *checks;
  guint          model_round;
} PrlImproveRound;

#define PRL_TYPE_IMPROVE_ROUND (prl_improve_round_get_type ())
GType            prl_improve_round_get_type (void) G_GNUC_CONST;
PrlImproveRound *prl_improve_round_copy     (const PrlImproveRound *round);
void             prl_improve_round_free     (PrlImproveRound       *round);
char            *prl_improve_round_describe (const PrlImproveRound *round) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlImproveRound, prl_improve_round_free)

#define PRL_TYPE_IMPROVE_JOB (prl_improve_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlImproveJob, prl_improve_job, PRL, IMPROVE_JOB, PrlJob)

PrlImproveJob *prl_improve_job_new           (PrlWorkspace            *workspace,
                                              PrlModel                *model,
                                              const PrlImproveOptions *options,
                                              GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
PrlModel      *prl_improve_job_get_model     (PrlImproveJob           *self);
GPtrArray     *prl_improve_job_get_rounds    (PrlImproveJob           *self);
PrlImproveStop prl_improve_job_get_stop      (PrlImproveJob           *self);
const char    *prl_improve_job_get_stop_message (PrlImproveJob        *self);
PrlEvalRun    *prl_improve_job_get_run       (PrlImproveJob           *self);
GPtrArray     *prl_improve_job_get_rows      (PrlImproveJob           *self);

G_END_DECLS
