/* prl-wer-service.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-normalizer.h"
#include "prl-wer-batch.h"
#include "prl-wer-scores.h"

G_BEGIN_DECLS

#define PRL_TYPE_WER_SERVICE (prl_wer_service_get_type ())

G_DECLARE_FINAL_TYPE (PrlWerService, prl_wer_service, PRL, WER_SERVICE, GObject)

PrlWerService  *prl_wer_service_new                (void) G_GNUC_WARN_UNUSED_RESULT;
guint           prl_wer_service_get_n_running      (PrlWerService        *self);
double          prl_wer_service_get_progress       (PrlWerService        *self);
guint           prl_wer_service_get_n_threads      (PrlWerService        *self);
void            prl_wer_service_score_batch_async  (PrlWerService        *self,
                                                    PrlWerBatch          *batch,
                                                    PrlNormalizer        *normalizer,
                                                    PrlWerScoreFlags      flags,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
PrlCorpusScore *prl_wer_service_score_batch_finish (PrlWerService        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
