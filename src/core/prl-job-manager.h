/* prl-job-manager.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-job.h"

G_BEGIN_DECLS

#define PRL_TYPE_JOB_MANAGER (prl_job_manager_get_type ())

G_DECLARE_FINAL_TYPE (PrlJobManager, prl_job_manager, PRL, JOB_MANAGER, GObject)

PrlJobManager *prl_job_manager_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void           prl_job_manager_run          (PrlJobManager *self,
                                             PrlJob        *job);
gboolean       prl_job_manager_get_has_active (PrlJobManager *self);
double         prl_job_manager_get_progress (PrlJobManager *self);
void           prl_job_manager_cancel_all   (PrlJobManager *self);
GDateTime     *prl_job_manager_get_finished_time (PrlJobManager *self,
                                             PrlJob        *job);
void           prl_job_manager_clear_finished (PrlJobManager *self);

G_END_DECLS
