/* prl-jobs-button.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-job-manager.h"

G_BEGIN_DECLS

#define PRL_TYPE_JOBS_BUTTON (prl_jobs_button_get_type ())

G_DECLARE_FINAL_TYPE (PrlJobsButton, prl_jobs_button, PRL, JOBS_BUTTON, GtkWidget)

GtkWidget     *prl_jobs_button_new             (void) G_GNUC_WARN_UNUSED_RESULT;
char          *prl_jobs_button_format_outcome  (PrlJob        *job,
                                                GDateTime     *finished) G_GNUC_WARN_UNUSED_RESULT;
PrlJobManager *prl_jobs_button_get_job_manager (PrlJobsButton *self);
void           prl_jobs_button_set_job_manager (PrlJobsButton *self,
                                                PrlJobManager *manager);

G_END_DECLS
