/* prl-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-job"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-core-enums.h"
#include "prl-job.h"

/* PrlJob is long work with a title, a status line, progress and cancel:
 * importing datasets, training, evaluating. A subclass's run() executes
 * on a worker thread; progress it reports is handed to the main context
 * at most four times a second, so views bind to the properties without
 * ever seeing a worker thread. The job keeps a private cancellable
 * chained to the caller's, so prl_job_cancel() works whoever started it.
 */

typedef struct
{
  char         *title;  /* (owned) */
  char         *status; /* (owned) */
  double        progress;
  PrlJobState   state;
  GError       *error;              /* (owned) (nullable) */
  GCancellable *cancellable;        /* (owned) */
  GCancellable *caller_cancellable; /* (owned) (nullable) */
  gulong        caller_handler;

  /* Written by the worker under the lock, published by an idle. */
  GMutex        lock;
  double        pending_progress;
  char         *pending_status; /* (owned) (nullable) */
  gint64        last_publish;
  guint         publish_source;
  GMainContext *context; /* (owned) (nullable) */
} PrlJobPrivate;

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_STATE,
  PROP_ACTIVE,
  N_PROPS
};

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PrlJob, prl_job, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

#define PUBLISH_INTERVAL_USEC (G_USEC_PER_SEC / 4)

static void
set_state (PrlJob *self, PrlJobState state)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);
  gboolean       was_active = prl_job_is_active (self);

  if (priv->state == state)
    return;

  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_active != prl_job_is_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static gboolean
publish_progress (gpointer data)
{
  PrlJob          *self = data;
  PrlJobPrivate   *priv = prl_job_get_instance_private (self);
  g_autofree char *status = NULL;
  double           progress;

  g_mutex_lock (&priv->lock);
  priv->publish_source = 0;
  priv->last_publish = g_get_monotonic_time ();
  progress = priv->pending_progress;
  status = g_steal_pointer (&priv->pending_status);
  g_mutex_unlock (&priv->lock);

  if (progress != priv->progress)
    {
      priv->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }

  if (status != NULL && g_strcmp0 (status, priv->status) != 0)
    {
      g_free (priv->status);
      priv->status = g_steal_pointer (&status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  return G_SOURCE_REMOVE;
}

/**
 * prl_job_report_progress:
 * @fraction: 0 to 1, or -1 when unknown
 * @status: (nullable): what is happening now, for people
 *
 * Callable from run() on the worker thread. Updates are coalesced.
 */
void
prl_job_report_progress (PrlJob *self, double fraction, const char *status)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_JOB (self));

  g_mutex_lock (&priv->lock);
  priv->pending_progress = fraction < 0 ? -1 : CLAMP (fraction, 0, 1);
  if (status != NULL)
    {
      g_free (priv->pending_status);
      priv->pending_status = g_strdup (status);
    }

  if (priv->publish_source == 0 && priv->context != NULL)
    {
      gint64 wait = priv->last_publish + PUBLISH_INTERVAL_USEC - g_get_monotonic_time ();
      GSource *source = g_timeout_source_new (MAX (0, wait / 1000));

      g_source_set_callback (source, publish_progress, g_object_ref (self),
                             g_object_unref);
      g_source_set_static_name (source, "[prl-job-progress]");
      priv->publish_source = g_source_attach (source, priv->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&priv->lock);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PrlJob *self = source_object;
  GError *error = NULL;

  if (PRL_JOB_GET_CLASS (self)->run (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlJob        *self = PRL_JOB (object);
  PrlJobPrivate *priv = prl_job_get_instance_private (self);
  g_autoptr (GTask) outer = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (priv->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (priv->caller_cancellable, priv->caller_handler);
      g_clear_object (&priv->caller_cancellable);
    }

  /* Publish the last progress first, so views end on the true figures. */
  publish_progress (self);

  if (PRL_JOB_GET_CLASS (self)->finished != NULL)
    PRL_JOB_GET_CLASS (self)->finished (self, ok);

  if (ok)
    {
      set_state (self, PRL_JOB_STATE_SUCCEEDED);
      g_task_return_boolean (outer, TRUE);
      return;
    }

  priv->error = g_error_copy (error);
  set_state (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? PRL_JOB_STATE_CANCELLED
                       : PRL_JOB_STATE_FAILED);
  g_task_return_error (outer, g_steal_pointer (&error));
}

static void
caller_cancelled_cb (GCancellable *caller, PrlJob *self)
{
  prl_job_cancel (self);
}

/**
 * prl_job_execute_async:
 * @cancellable: (nullable): cancels the job too
 *
 * Runs the job once. Its state moves from queued to running to one of
 * succeeded, failed or cancelled.
 */
void
prl_job_execute_async (PrlJob             *self,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) inner = NULL;

  g_return_if_fail (PRL_IS_JOB (self));
  g_return_if_fail (priv->state == PRL_JOB_STATE_QUEUED);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, prl_job_execute_async);

  if (cancellable != NULL)
    {
      priv->caller_cancellable = g_object_ref (cancellable);
      priv->caller_handler = g_cancellable_connect (
          cancellable, G_CALLBACK (caller_cancelled_cb), self, NULL);
    }

  priv->context = g_main_context_ref_thread_default ();
  set_state (self, PRL_JOB_STATE_RUNNING);

  inner = g_task_new (self, priv->cancellable, run_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, run_in_thread);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, run_in_thread);
}

gboolean
prl_job_execute_finish (PrlJob *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
prl_job_cancel (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_JOB (self));
  g_cancellable_cancel (priv->cancellable);
}

const char *
prl_job_get_title (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_JOB (self), NULL);
  return priv->title;
}

void
prl_job_set_title (PrlJob *self, const char *title)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_JOB (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
prl_job_get_status (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_JOB (self), NULL);
  return priv->status;
}

double
prl_job_get_progress (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_JOB (self), 0);
  return priv->progress;
}

PrlJobState
prl_job_get_state (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_JOB (self), PRL_JOB_STATE_QUEUED);
  return priv->state;
}

/**
 * prl_job_get_error:
 *
 * Returns: (nullable) (transfer none): why the job failed or was cancelled
 */
const GError *
prl_job_get_error (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_JOB (self), NULL);
  return priv->error;
}

gboolean
prl_job_is_active (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_JOB (self), FALSE);
  return priv->state == PRL_JOB_STATE_QUEUED || priv->state == PRL_JOB_STATE_RUNNING;
}

static void
prl_job_finalize (GObject *object)
{
  PrlJob        *self = PRL_JOB (object);
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_free (priv->title);
  g_free (priv->status);
  g_free (priv->pending_status);
  g_clear_error (&priv->error);
  g_clear_object (&priv->cancellable);
  g_clear_pointer (&priv->context, g_main_context_unref);
  g_mutex_clear (&priv->lock);

  G_OBJECT_CLASS (prl_job_parent_class)->finalize (object);
}

static void
prl_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PrlJob *self = PRL_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, prl_job_get_title (self));
      break;

    case PROP_STATUS:
      g_value_set_string (value, prl_job_get_status (self));
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, prl_job_get_progress (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, prl_job_get_state (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, prl_job_is_active (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_job_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      prl_job_set_title (PRL_JOB (object), g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_job_class_init (PrlJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = prl_job_finalize;
  object_class->get_property = prl_job_get_property;
  object_class->set_property = prl_job_set_property;

  properties[PROP_TITLE] = g_param_spec_string (
      "title", NULL, NULL, NULL,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  /**
   * PrlJob:progress:
   *
   * From 0 to 1, or -1 while the amount of work is unknown (pulse).
   */
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1, 1, 0, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PRL_TYPE_JOB_STATE,
                                              PRL_JOB_STATE_QUEUED, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_job_init (PrlJob *self)
{
  PrlJobPrivate *priv = prl_job_get_instance_private (self);

  g_mutex_init (&priv->lock);
  priv->cancellable = g_cancellable_new ();
}
