/* prl-upload-job-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-aws-signer.h"
#include "prl-cloud-account-store.h"
#include "prl-job.h"
#include "prl-s3-upload-state-store.h"
#include "prl-store.h"

G_BEGIN_DECLS

char *_prl_cloud_plain_copy (PrlStore     *store,
                             PrlDataset   *dataset,
                             const char   *prefix,
                             GBytes      **key,
                             GCancellable *cancellable,
                             GError      **error);

/* The upload itself, shared with the jobs that upload a model's datasets
 * as their first stage (prl-transcribe-train.c): the state in @sink gets
 * "bucket", "prefix", "stage" and "datasets" (each with "uri" once sent).
 * @types: a mask of 1 << PrlDatasetType to send, 0 for every dataset. */
typedef struct
{
  PrlJob                *job; /* reports the progress */
  PrlStore              *store;
  gint64                 model_id;
  const char            *model_name;
  const char            *account;
  gsize                  part_size;
  PrlS3UploadStateStore *sink;
  guint                  types;
} PrlDatasetUpload;

gboolean prl_dataset_upload_run   (const PrlDatasetUpload *up,
                                   GCancellable           *cancellable,
                                   GError                **error);
/* After a user's cancel: the open multipart upload goes, with its parts. */
void     prl_dataset_upload_abort (const PrlDatasetUpload *up);

typedef enum
{
  PRL_CLOUD_FOR_UPLOAD,
  PRL_CLOUD_FOR_TRAINING,
} PrlCloudPurpose;

PrlAwsSigner *prl_cloud_account_signer_sync (const char       *name,
                                             PrlCloudPurpose   purpose,
                                             const char       *service,
                                             guint             flags,
                                             PrlCloudAccount **account,
                                             GCancellable     *cancellable,
                                             GError          **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
