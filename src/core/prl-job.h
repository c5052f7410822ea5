/* prl-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_JOB (prl_job_get_type ())

/**
 * PrlJobState:
 * @PRL_JOB_STATE_QUEUED: not started
 * @PRL_JOB_STATE_RUNNING: running
 * @PRL_JOB_STATE_SUCCEEDED: finished well
 * @PRL_JOB_STATE_FAILED: finished with #PrlJob:error set
 * @PRL_JOB_STATE_CANCELLED: cancelled; left nothing half-done
 */
typedef enum
{
  PRL_JOB_STATE_QUEUED,
  PRL_JOB_STATE_RUNNING,
  PRL_JOB_STATE_SUCCEEDED,
  PRL_JOB_STATE_FAILED,
  PRL_JOB_STATE_CANCELLED,
} PrlJobState;

G_DECLARE_DERIVABLE_TYPE (PrlJob, prl_job, PRL, JOB, GObject)

/**
 * PrlJobClass:
 * @run: does the work on a worker thread. It may call
 *   prl_job_report_progress() and must check @cancellable. It must not
 *   touch widgets or emit notifications itself.
 * @finished: runs on the main context after @run returned, before the
 *   job's state changes; subclasses publish results here.
 */
struct _PrlJobClass
{
  GObjectClass parent_class;

  gboolean (*run)      (PrlJob        *self,
                        GCancellable  *cancellable,
                        GError       **error);
  void     (*finished) (PrlJob        *self,
                        gboolean       succeeded);

  gpointer _reserved[8];
};

void         prl_job_execute_async   (PrlJob               *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean     prl_job_execute_finish  (PrlJob               *self,
                                      GAsyncResult         *result,
                                      GError              **error);
void         prl_job_cancel          (PrlJob               *self);
const char  *prl_job_get_title       (PrlJob               *self);
void         prl_job_set_title       (PrlJob               *self,
                                      const char           *title);
const char  *prl_job_get_status      (PrlJob               *self);
double       prl_job_get_progress    (PrlJob               *self);
PrlJobState  prl_job_get_state       (PrlJob               *self);
const GError *prl_job_get_error      (PrlJob               *self);
gboolean     prl_job_is_active       (PrlJob               *self);
void         prl_job_report_progress (PrlJob               *self,
                                      double                fraction,
                                      const char           *status);

G_END_DECLS
