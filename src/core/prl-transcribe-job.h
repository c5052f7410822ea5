/* prl-transcribe-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-job.h"
#include "prl-model.h"
#include "prl-provider.h"
#include "prl-version.h"

G_BEGIN_DECLS

#define PRL_TYPE_TRANSCRIBE_JOB (prl_transcribe_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlTranscribeJob, prl_transcribe_job, PRL, TRANSCRIBE_JOB, PrlJob)

PrlTranscribeJob *prl_transcribe_job_new             (PrlProvider       *provider,
                                                      PrlVersion        *version,
                                                      GFile            **files,
                                                      guint              n_files) G_GNUC_WARN_UNUSED_RESULT;
void              prl_transcribe_job_set_model       (PrlTranscribeJob  *self,
                                                      PrlModel          *model);
void              prl_transcribe_job_set_max_threads (PrlTranscribeJob  *self,
                                                      guint              max_threads);
GPtrArray        *prl_transcribe_job_get_transcripts (PrlTranscribeJob  *self);
GPtrArray        *prl_transcribe_job_get_errors      (PrlTranscribeJob  *self);
guint             prl_transcribe_job_get_n_failed    (PrlTranscribeJob  *self);

G_END_DECLS
