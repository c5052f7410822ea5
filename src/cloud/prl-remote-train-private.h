/* prl-remote-train-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-remote-job.h"
#include "prl-s3-upload-state-store.h"

G_BEGIN_DECLS

gboolean _prl_remote_train_check_budget (PrlStore   *store,
                                         const char *kind,
                                         const char *account,
                                         gint64      self_id,
                                         GError    **error);

/* The end of a cloud training's run (Watson, Transcribe), once it is not
 * left running for a resume: a failed training marks its model failed
 * (a cancel puts back @previous), then the row records the outcome.
 * @failure: (transfer full) (nullable): why the training failed.
 * Returns: %TRUE when @failure is %NULL; else %FALSE with it in @error. */
gboolean _prl_remote_train_finish (PrlRemoteJob             *remote,
                                   const PrlRemoteJobTarget *target,
                                   PrlS3UploadStateStore    *sink,
                                   PrlTrainingStatus         previous,
                                   gboolean                  over_budget,
                                   GError                   *failure,
                                   GError                  **error);

G_END_DECLS
