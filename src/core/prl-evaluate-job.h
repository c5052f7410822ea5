/* prl-evaluate-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-eval-run.h"
#include "prl-job.h"
#include "prl-model.h"
#include "prl-provider.h"
#include "prl-store.h"

G_BEGIN_DECLS


#define PRL_TYPE_EVALUATE_JOB (prl_evaluate_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlEvaluateJob, prl_evaluate_job, PRL, EVALUATE_JOB, PrlJob)

PrlEvaluateJob *prl_evaluate_job_new                (PrlStore           *store,
                                                     PrlProvider        *provider,
                                                     PrlModel           *model,
                                                     const char *const  *versions,
                                                     gboolean            recompute) G_GNUC_WARN_UNUSED_RESULT;
void            prl_evaluate_job_set_max_threads    (PrlEvaluateJob     *self,
                                                     guint               max_threads);
void            prl_evaluate_job_set_stored_only    (PrlEvaluateJob     *self,
                                                     gboolean            stored_only);
PrlEvalRun     *prl_evaluate_job_get_run            (PrlEvaluateJob     *self);
GPtrArray      *prl_evaluate_job_get_rows           (PrlEvaluateJob     *self);
GPtrArray      *prl_evaluate_job_get_utterance_ids  (PrlEvaluateJob     *self);
GPtrArray      *prl_evaluate_job_get_references     (PrlEvaluateJob     *self);
const char     *prl_evaluate_job_get_profile        (PrlEvaluateJob     *self);

G_END_DECLS
