/* prl-job-step.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-job.h"

G_BEGIN_DECLS

typedef struct _PrlJobStep PrlJobStep;

/**
 * PrlJobStepFunc:
 * @step: finish it with prl_job_step_return(), now or later
 *
 * Runs on the main context: it may call the workspace and start async
 * work there.
 */
typedef void (*PrlJobStepFunc) (PrlJobStep *step,
                                gpointer    user_data);

gboolean      prl_job_step_run         (GMainContext   *context,
                                        GCancellable   *cancellable,
                                        PrlJobStepFunc  func,
                                        gpointer        user_data,
                                        GError        **error);
GCancellable *prl_job_step_get_cancellable (PrlJobStep *step);
void          prl_job_step_return      (PrlJobStep     *step,
                                        GError         *error);
gboolean      prl_job_run_child        (PrlJob         *parent,
                                        GMainContext   *context,
                                        PrlJob         *child,
                                        double          base,
                                        double          span,
                                        const char     *prefix,
                                        GCancellable   *cancellable,
                                        GError        **error);

G_END_DECLS
