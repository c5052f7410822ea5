/* prl-job-step.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Jobs made of other jobs (self-heal rounds, Quick Setup) run on a worker
 * thread like any job, but the workspace and the jobs it starts belong to
 * the main context: their finished() updates the models the views show.
 * So a step hands a function to the main context and the worker waits
 * until the step returns; a child job runs there too, its progress
 * mapped into a span of the parent's.
 */

#define G_LOG_DOMAIN "prl-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-job-step.h"

struct _PrlJobStep
{
  GMutex         lock;
  GCond          cond;
  gboolean       done;
  GError        *error; /* (owned) (nullable) */
  PrlJobStepFunc func;
  gpointer       user_data;
  GCancellable  *cancellable; /* (owned) (nullable) */
};

static void
step_clear (PrlJobStep *step)
{
  g_mutex_clear (&step->lock);
  g_cond_clear (&step->cond);
  g_clear_error (&step->error);
  g_clear_object (&step->cancellable);
}

static void
step_unref (PrlJobStep *step)
{
  g_atomic_rc_box_release_full (step, (GDestroyNotify)step_clear);
}

static gboolean
step_start (gpointer data)
{
  PrlJobStep *step = data;

  step->func (step, step->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * prl_job_step_run:
 * @context: the main context, where @func runs
 * @cancellable: (nullable): handed to the step
 *
 * From a job's run() on its worker thread: runs @func on @context and
 * waits until it called prl_job_step_return().
 *
 * Returns: %FALSE with @error set when the step returned an error
 */
gboolean
prl_job_step_run (GMainContext  *context,
                  GCancellable  *cancellable,
                  PrlJobStepFunc func,
                  gpointer       user_data,
                  GError       **error)
{
  PrlJobStep *step = g_atomic_rc_box_new0 (PrlJobStep);
  gboolean    ok;

  /* Waiting on the context's own thread would wait for ever. */
  g_return_val_if_fail (!g_main_context_is_owner (context), FALSE);

  g_mutex_init (&step->lock);
  g_cond_init (&step->cond);
  step->func = func;
  step->user_data = user_data;
  step->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  /* The step's reference: dropped by prl_job_step_return(). */
  g_atomic_rc_box_acquire (step);
  g_main_context_invoke (context, step_start, step);

  g_mutex_lock (&step->lock);
  while (!step->done)
    g_cond_wait (&step->cond, &step->lock);
  ok = step->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&step->error));
  g_mutex_unlock (&step->lock);
  step_unref (step);
  return ok;
}

GCancellable *
prl_job_step_get_cancellable (PrlJobStep *step)
{
  return step->cancellable;
}

/**
 * prl_job_step_return:
 * @error: (transfer full) (nullable): why the step failed
 *
 * Ends the step; called once, on the main context.
 */
void
prl_job_step_return (PrlJobStep *step, GError *error)
{
  g_mutex_lock (&step->lock);
  step->error = error;
  step->done = TRUE;
  g_cond_signal (&step->cond);
  g_mutex_unlock (&step->lock);
  step_unref (step);
}

typedef struct
{
  PrlJob     *parent;
  PrlJob     *child;
  double      base;
  double      span;
  const char *prefix;
  PrlJobStep *step;
  gulong      progress_id;
  gulong      state_id;
  gulong      cancel_id;
} Child;

static void
child_progress_cb (PrlJob *child, GParamSpec *pspec, Child *c)
{
  const char      *status = prl_job_get_status (child);
  double           p = prl_job_get_progress (child);
  g_autofree char *text = NULL;

  if (c->prefix != NULL && status != NULL && *status != '\0')
    text = g_strdup_printf ("%s (%s)", c->prefix, status);
  prl_job_report_progress (c->parent, c->base + c->span * MAX (p, 0),
                           text != NULL        ? text
                           : c->prefix != NULL ? c->prefix
                                               : status);
}

static void
child_cancel_cb (GCancellable *cancellable, PrlJob *child)
{
  prl_job_cancel (child);
}

static void
child_ended (Child *c)
{
  const GError *error = prl_job_get_error (c->child);
  PrlJobStep   *step = c->step;

  g_clear_signal_handler (&c->progress_id, c->child);
  g_clear_signal_handler (&c->state_id, c->child);
  if (c->cancel_id != 0)
    g_cancellable_disconnect (step->cancellable, c->cancel_id);
  c->cancel_id = 0;
  c->step = NULL;
  if (prl_job_get_state (c->child) == PRL_JOB_STATE_SUCCEEDED)
    prl_job_step_return (step, NULL);
  else if (error != NULL)
    prl_job_step_return (step, g_error_copy (error));
  else
    prl_job_step_return (
        step, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled")));
}

static void
child_state_cb (PrlJob *child, GParamSpec *pspec, Child *c)
{
  if (c->step != NULL && !prl_job_is_active (child))
    child_ended (c);
}

static void
child_start (PrlJobStep *step, gpointer data)
{
  Child *c = data;

  c->step = step;
  c->progress_id = g_signal_connect (c->child, "notify::progress",
                                     G_CALLBACK (child_progress_cb), c);
  c->state_id
      = g_signal_connect (c->child, "notify::state", G_CALLBACK (child_state_cb), c);
  if (step->cancellable != NULL)
    c->cancel_id = g_cancellable_connect (step->cancellable, G_CALLBACK (child_cancel_cb),
                                          c->child, NULL);
  /* Jobs of the workspace are started by its job manager already. */
  if (prl_job_get_state (c->child) == PRL_JOB_STATE_QUEUED)
    prl_job_execute_async (c->child, NULL, NULL, NULL);
  else if (!prl_job_is_active (c->child))
    child_ended (c);
}

/**
 * prl_job_run_child:
 * @parent: the job whose run() this is called from
 * @context: the main context
 * @child: a job to start there, or one started there already
 * @base: where @child's progress starts in @parent's
 * @span: how much of @parent's progress @child takes
 * @prefix: (nullable): @parent's status while @child runs
 * @cancellable: (nullable): @parent's, which cancels @child
 *
 * Runs @child on @context and waits for its end, from @parent's worker
 * thread.
 *
 * Returns: whether @child succeeded; its error (or a cancellation) if not
 */
gboolean
prl_job_run_child (PrlJob       *parent,
                   GMainContext *context,
                   PrlJob       *child,
                   double        base,
                   double        span,
                   const char   *prefix,
                   GCancellable *cancellable,
                   GError      **error)
{
  Child c = { parent, child, base, span, prefix };

  g_return_val_if_fail (PRL_IS_JOB (parent), FALSE);
  g_return_val_if_fail (PRL_IS_JOB (child), FALSE);

  if (prefix != NULL)
    prl_job_report_progress (parent, base, prefix);
  return prl_job_step_run (context, cancellable, child_start, &c, error);
}
