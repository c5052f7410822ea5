/* prl-import-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-job.h"
#include "prl-model.h"

G_BEGIN_DECLS

#define PRL_TYPE_IMPORT_JOB (prl_import_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlImportJob, prl_import_job, PRL, IMPORT_JOB, PrlJob)

GPtrArray *prl_import_job_get_checks   (PrlImportJob *self);
GPtrArray *prl_import_job_get_datasets (PrlImportJob *self);

G_END_DECLS
