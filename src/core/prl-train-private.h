/* prl-train-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-train-job.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/* Shared by prl-train-job.c and prl-workspace-train.c. */
PrlTrainJob *_prl_train_job_new                 (PrlWorkspace *workspace,
                                                 PrlModel     *model,
                                                 gboolean      force,
                                                 guint         order);
gboolean     _prl_train_check_status            (PrlTrainingStatus status,
                                                 const char   *model_name,
                                                 gboolean      force,
                                                 GError      **error);
void         _prl_workspace_training_saved      (PrlWorkspace *self,
                                                 PrlModel     *saved_model,
                                                 PrlVersion   *version);
void         _prl_workspace_training_ended      (PrlWorkspace *self,
                                                 gint64        model_id);

G_END_DECLS
