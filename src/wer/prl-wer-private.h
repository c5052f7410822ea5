/* prl-wer-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-wer-batch.h"
#include "prl-wer-report.h"
#include "prl-wer-scores.h"

G_BEGIN_DECLS

void     _prl_utterance_score_ref_view       (const PrlUtteranceScore  *self,
                                              gboolean                **correct,
                                              guint                   **insertions,
                                              guint                    *n_ref);
gboolean _prl_corpus_score_check_comparable  (PrlCorpusScore           *a,
                                              PrlCorpusScore           *b,
                                              GError                  **error);
void     _prl_wer_batch_set_running          (PrlWerBatch              *self,
                                              gboolean                  running);
void     _prl_wer_batch_set_n_scored         (PrlWerBatch              *self,
                                              guint                     n_scored);

char    *_prl_wer_report_pra                 (PrlCorpusScore           *score,
                                              const PrlWerReportInfo   *info);
char    *_prl_wer_report_sgml                (PrlCorpusScore           *score,
                                              const PrlWerReportInfo   *info);

G_END_DECLS
