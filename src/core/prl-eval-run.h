/* prl-eval-run.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-wer-report.h"
#include "prl-wer-scores.h"

G_BEGIN_DECLS

/**
 * PrlEvalRow:
 * @version: (nullable): the version's name, %NULL for the stock model
 * @base_model: (nullable): the stock model the version was built on
 * @substitutions, @deletions, @insertions: corpus totals
 * @words: reference words
 * @utterances: scored test pairs
 * @sentence_errors: utterances with at least one error
 * @wer: percent, errors / words × 100
 * @ser: percent of utterances with an error
 * @wer_change: @wer minus the stock model's WER, in points (0 for stock)
 * @p_value: against the stock model, or -1 when there is none (the stock
 *   row itself, or too little data)
 * @p_method: (nullable): "mapsswe" or "sign-test"
 * @computed: results transcribed and scored by the run that made it
 * @hypotheses: (element-type utf8): per test pair, in utterance order
 *
 * One line of the leaderboard.
 */
typedef struct
{
  char       *model;    /* the model the row belongs to */
  char       *provider; /* (nullable): who transcribed, e.g. "aws-transcribe" */
  gboolean    foreign;  /* another model's row on the same test set */
  char       *version;  /* (nullable): the stock model */
  char       *base_model;
  guint       substitutions;
  guint       deletions;
  guint       insertions;
  guint       words;
  guint       utterances;
  guint       sentence_errors;
  double      wer;
  double      ser;
  double      wer_change;
  double      p_value;
  const char *p_method;
  guint       computed;
  GPtrArray  *hypotheses;
} PrlEvalRow;

void prl_eval_row_free (PrlEvalRow *self);

/**
 * PrlEvalWordTime:
 * @start: seconds from the start of the utterance's audio, or -1
 * @end: seconds, or -1
 */
typedef struct
{
  double start;
  double end;
} PrlEvalWordTime;

#define PRL_TYPE_EVAL_RUN (prl_eval_run_get_type ())

G_DECLARE_FINAL_TYPE (PrlEvalRun, prl_eval_run, PRL, EVAL_RUN, GObject)

/* Building (the evaluate job, or tests with literal text). Systems are
 * added stock first; results are set for every (system, utterance) before
 * prl_eval_run_score(). words_json is the recognizer's words with times:
 * a JSON array of {"word", "start", "end"} objects, or NULL. */
PrlEvalRun        *prl_eval_run_new                 (const char       *model_name,
                                                     const char       *profile,
                                                     GError          **error) G_GNUC_WARN_UNUSED_RESULT;
guint              prl_eval_run_add_utterance       (PrlEvalRun       *self,
                                                     const char       *id,
                                                     const char       *reference,
                                                     const char       *audio_path);
void               prl_eval_run_take_audio_fd       (PrlEvalRun       *self,
                                                     int               fd);
guint              prl_eval_run_add_system          (PrlEvalRun       *self,
                                                     const char       *version,
                                                     const char       *base_model);
guint              prl_eval_run_add_system_full     (PrlEvalRun       *self,
                                                     const char       *model,
                                                     const char       *provider,
                                                     const char       *version,
                                                     const char       *base_model);
void               prl_eval_run_set_result          (PrlEvalRun       *self,
                                                     guint             system,
                                                     guint             utterance,
                                                     const char       *hypothesis,
                                                     const char       *words_json,
                                                     gboolean          computed);
gboolean           prl_eval_run_score               (PrlEvalRun       *self,
                                                     GError          **error);

/* Reading, after prl_eval_run_score(). System 0 is the stock model. */
const char        *prl_eval_run_get_model_name      (PrlEvalRun       *self);
const char        *prl_eval_run_get_profile         (PrlEvalRun       *self);
guint              prl_eval_run_get_n_systems       (PrlEvalRun       *self);
const PrlEvalRow  *prl_eval_run_get_row             (PrlEvalRun       *self,
                                                     guint             system);
PrlCorpusScore    *prl_eval_run_get_corpus          (PrlEvalRun       *self,
                                                     guint             system);
guint              prl_eval_run_get_n_utterances    (PrlEvalRun       *self);
const char        *prl_eval_run_get_utterance_id    (PrlEvalRun       *self,
                                                     guint             utterance);
const char        *prl_eval_run_get_reference       (PrlEvalRun       *self,
                                                     guint             utterance);
const char        *prl_eval_run_get_audio_path      (PrlEvalRun       *self,
                                                     guint             utterance);
const PrlEvalWordTime *prl_eval_run_get_hyp_times   (PrlEvalRun       *self,
                                                     guint             system,
                                                     guint             utterance,
                                                     guint            *n_times);
guint              prl_eval_run_get_best_system     (PrlEvalRun       *self);
gboolean           prl_eval_run_get_newest_not_better (PrlEvalRun     *self,
                                                     guint            *best_system);
GPtrArray         *prl_eval_run_get_missed_words    (PrlEvalRun       *self,
                                                     guint             system) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray         *prl_eval_run_get_words_fixed     (PrlEvalRun       *self,
                                                     guint             system) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray         *prl_eval_run_find_utterances     (PrlEvalRun       *self,
                                                     guint             system,
                                                     const char       *word,
                                                     gboolean          fixed) G_GNUC_WARN_UNUSED_RESULT;
char              *prl_eval_run_export              (PrlEvalRun       *self,
                                                     guint             system,
                                                     PrlWerReportFormat format,
                                                     GError          **error) G_GNUC_WARN_UNUSED_RESULT;
char              *prl_eval_run_export_csv_all      (PrlEvalRun       *self,
                                                     GError          **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
