/* prl-watson-train-job-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prl-remote-job.h"
#include "prl-remote-train-private.h"
#include "prl-s3-upload-state-store.h"

G_BEGIN_DECLS

/* The Watson training job (prl-watson-train.c) and its phases
 * (prl-watson-train-phases.c). */
struct _PrlWatsonTrainJob
{
  PrlRemoteJob parent_instance;

  PrlRemoteJobTarget target;
  JsonObject        *state;
};

G_DECLARE_FINAL_TYPE (
    PrlWatsonTrainJob, prl_watson_train_job, PRL, WATSON_TRAIN_JOB, PrlRemoteJob)

gboolean    _prl_watson_train_phases       (PrlWatsonTrainJob     *self,
                                            PrlS3UploadStateStore *sink,
                                            GCancellable          *cancellable,
                                            GError               **error);
PrlJob     *_prl_watson_train_job_new      (PrlWorkspace          *workspace,
                                            PrlModel              *model,
                                            JsonObject            *state);
void        _prl_watson_train_delete_customization (PrlWatsonTrainJob     *self,
                                                    PrlS3UploadStateStore *sink);

G_END_DECLS
