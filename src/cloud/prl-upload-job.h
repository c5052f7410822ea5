/* prl-upload-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prl-model.h"
#include "prl-remote-job.h"
#include "prl-upload-job-private.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/* The kind of its rows in `remote_jobs`. */
#define PRL_UPLOAD_JOB_KIND "dataset-upload"

#define PRL_TYPE_UPLOAD_JOB (prl_upload_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlUploadJob, prl_upload_job, PRL, UPLOAD_JOB, PrlRemoteJob)

PrlUploadJob *prl_upload_job_new           (PrlWorkspace *workspace,
                                            PrlModel     *model,
                                            const char   *account) G_GNUC_WARN_UNUSED_RESULT;
/* 0: the S3 client's default; for tests. Only a new upload takes it. */
void          prl_upload_job_set_part_size (PrlUploadJob *self,
                                            gsize         part_size);
/* A copy of the job's remote state: "datasets" holds each dataset's
 * "name", "sha256" and, once uploaded, "uri" (s3://BUCKET/KEY). */
JsonObject   *prl_upload_job_dup_state     (PrlUploadJob *self) G_GNUC_WARN_UNUSED_RESULT;

/* Registers the kind with core so that interrupted uploads resume. */
void          prl_upload_job_register      (void);

G_END_DECLS
