/* prl-transcribe-train-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-remote-train-private.h"
#include "prl-upload-job-private.h"

G_BEGIN_DECLS

#include "prl-transcribe-client.h"
#include "prl-workspace.h"

typedef struct
{
  PrlJob                *job;
  const char            *model_name;
  const char            *account;
  PrlS3UploadStateStore *sink; /* the remote job's state */
} PrlTranscribeTrainCtx;

gboolean             _prl_transcribe_train_check_name   (const char                  *name,
                                                         GError                     **error);
char                *prl_transcribe_account_role_arn    (const char                  *account,
                                                         GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscribeClient *_prl_transcribe_train_open_client  (const char                  *account,
                                                         GCancellable                *cancellable,
                                                         GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean             _prl_transcribe_train_create       (const PrlTranscribeTrainCtx *self,
                                                         PrlTranscribeClient         *client,
                                                         GCancellable                *cancellable,
                                                         GError                     **error);
PrlJob              *_prl_transcribe_train_job_new     (PrlWorkspace                *workspace,
                                                         PrlModel                    *model,
                                                         const char                  *account,
                                                         JsonObject                  *state) G_GNUC_WARN_UNUSED_RESULT;
gboolean             _prl_transcribe_train_poll         (const PrlTranscribeTrainCtx *self,
                                                         PrlTranscribeClient         *client,
                                                         char                       **base_model,
                                                         GCancellable                *cancellable,
                                                         GError                     **error);

G_END_DECLS
