/* prl-transcribe-train.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-model.h"
#include "prl-remote-job.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/* The kind of its rows in `remote_jobs`, and the provider it trains for. */
#define PRL_TRANSCRIBE_TRAIN_KIND "transcribe-train"
#define PRL_TRANSCRIBE_PROVIDER   "aws-transcribe"

/* Transcribe's documented limits on the text of one training. */
#define PRL_TRANSCRIBE_TRAINING_MAX ((guint64)2 * 1000 * 1000 * 1000)
#define PRL_TRANSCRIBE_TUNING_MAX   ((guint64)200 * 1000 * 1000)

#define PRL_TYPE_TRANSCRIBE_TRAIN_JOB (prl_transcribe_train_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlTranscribeTrainJob, prl_transcribe_train_job, PRL,
                      TRANSCRIBE_TRAIN_JOB, PrlRemoteJob)

/* Refuses before any request what Transcribe would refuse: no account,
 * a role ARN of the wrong shape, text over the limits. */
PrlJob *prl_transcribe_train_start  (PrlWorkspace *workspace,
                                     PrlModel     *model,
                                     GError      **error);

void    prl_transcribe_train_register (void);

G_END_DECLS
