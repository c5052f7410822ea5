/* prl-job-steps-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-evaluate-job.h"
#include "prl-import-job.h"
#include "prl-train-job.h"
#include "prl-wiki-fetch-job.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/* Steps that Quick Setup and self-heal both take from their worker
 * thread on @context, where @workspace lives. Each returns the job it
 * started (transfer full), not yet run, or %NULL with @error. */
PrlTrainJob    *_prl_job_steps_start_training   (GMainContext    *context,
                                                 PrlWorkspace    *workspace,
                                                 PrlModel        *model,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
PrlEvaluateJob *_prl_job_steps_start_evaluation (GMainContext    *context,
                                                 PrlWorkspace    *workspace,
                                                 PrlModel        *model,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
PrlImportJob   *_prl_job_steps_import_fetched   (GMainContext    *context,
                                                 PrlWorkspace    *workspace,
                                                 PrlModel        *model,
                                                 PrlWikiFetchJob *fetch,
                                                 const char      *name,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
