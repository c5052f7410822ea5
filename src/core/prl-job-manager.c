/* prl-job-manager.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-job-manager"

#include "config.h"

#include "prl-job-manager.h"
#include "prl-ptr-array-model.h"

/* The jobs of a workspace, as a GListModel the header bar binds to, with
 * the aggregate "has-active" and "progress" of the running ones. Finished
 * jobs stay listed (with their outcome and when it came) until
 * prl_job_manager_clear_finished() is called.
 */
struct _PrlJobManager
{
  GObject parent_instance;

  GPtrArray *jobs; /* (owned) (element-type PrlJob) */
};

enum
{
  PROP_0,
  PROP_HAS_ACTIVE,
  PROP_PROGRESS,
  N_PROPS
};

PRL_DEFINE_PTR_ARRAY_MODEL (PrlJobManager, prl_job_manager, jobs, PRL_TYPE_JOB)

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlJobManager,
                               prl_job_manager,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      prl_job_manager_list_model_init))

static GParamSpec *properties[N_PROPS];

/* Where a finished job's end time is kept (qdata on the job). */
static GQuark
finished_time_quark (void)
{
  return g_quark_from_static_string ("prl-job-manager-finished");
}

static void
job_changed_cb (PrlJobManager *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACTIVE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
job_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlJobManager) self = user_data;

  /* The outcome lives on the job (state, error); nothing to propagate. */
  prl_job_execute_finish (PRL_JOB (object), result, NULL);
  job_changed_cb (self);
}

/**
 * prl_job_manager_run:
 * @job: a queued job; the manager keeps a reference
 *
 * Lists @job and starts it.
 */
/* Connected before anyone can bind to the job, so views told of the new
 * state find the time already set. */
static void
job_state_cb (PrlJob *job)
{
  if (!prl_job_is_active (job)
      && g_object_get_qdata (G_OBJECT (job), finished_time_quark ()) == NULL)
    g_object_set_qdata_full (G_OBJECT (job), finished_time_quark (),
                             g_date_time_new_now_utc (),
                             (GDestroyNotify)g_date_time_unref);
}

void
prl_job_manager_run (PrlJobManager *self, PrlJob *job)
{
  g_return_if_fail (PRL_IS_JOB_MANAGER (self));
  g_return_if_fail (PRL_IS_JOB (job));

  g_ptr_array_add (self->jobs, g_object_ref (job));
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), NULL);
  g_signal_connect_object (job, "notify::progress", G_CALLBACK (job_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_list_model_items_changed (G_LIST_MODEL (self), self->jobs->len - 1, 0, 1);

  prl_job_execute_async (job, NULL, job_done_cb, g_object_ref (self));
  job_changed_cb (self);
}

gboolean
prl_job_manager_get_has_active (PrlJobManager *self)
{
  g_return_val_if_fail (PRL_IS_JOB_MANAGER (self), FALSE);

  for (guint i = 0; i < self->jobs->len; i++)
    if (prl_job_is_active (g_ptr_array_index (self->jobs, i)))
      return TRUE;

  return FALSE;
}

/**
 * prl_job_manager_get_progress:
 *
 * Returns: the mean progress of the active jobs, -1 if one of them does
 *   not know its progress, 0 when none is active
 */
double
prl_job_manager_get_progress (PrlJobManager *self)
{
  double total = 0;
  guint  n = 0;

  g_return_val_if_fail (PRL_IS_JOB_MANAGER (self), 0);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      PrlJob *job = g_ptr_array_index (self->jobs, i);

      if (!prl_job_is_active (job))
        continue;
      if (prl_job_get_progress (job) < 0)
        return -1;
      total += prl_job_get_progress (job);
      n++;
    }

  return n ? total / n : 0;
}

/**
 * prl_job_manager_get_finished_time:
 * @job: one of the manager's jobs
 *
 * Returns: (transfer none) (nullable): when @job ended (UTC), or %NULL
 *   while it is queued or running
 */
GDateTime *
prl_job_manager_get_finished_time (PrlJobManager *self, PrlJob *job)
{
  g_return_val_if_fail (PRL_IS_JOB_MANAGER (self), NULL);
  g_return_val_if_fail (PRL_IS_JOB (job), NULL);

  return g_object_get_qdata (G_OBJECT (job), finished_time_quark ());
}

/**
 * prl_job_manager_clear_finished:
 *
 * Removes the jobs that ended (done, failed or cancelled) from the list;
 * the running ones stay.
 */
void
prl_job_manager_clear_finished (PrlJobManager *self)
{
  g_return_if_fail (PRL_IS_JOB_MANAGER (self));

  for (guint i = self->jobs->len; i > 0; i--)
    {
      PrlJob *job = g_ptr_array_index (self->jobs, i - 1);

      if (prl_job_is_active (job))
        continue;
      g_signal_handlers_disconnect_by_data (job, self);
      g_ptr_array_remove_index (self->jobs, i - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
    }
}

void
prl_job_manager_cancel_all (PrlJobManager *self)
{
  g_return_if_fail (PRL_IS_JOB_MANAGER (self));

  for (guint i = 0; i < self->jobs->len; i++)
    prl_job_cancel (g_ptr_array_index (self->jobs, i));
}

static void
prl_job_manager_finalize (GObject *object)
{
  PrlJobManager *self = PRL_JOB_MANAGER (object);

  g_ptr_array_unref (self->jobs);

  G_OBJECT_CLASS (prl_job_manager_parent_class)->finalize (object);
}

static void
prl_job_manager_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrlJobManager *self = PRL_JOB_MANAGER (object);

  switch (prop_id)
    {
    case PROP_HAS_ACTIVE:
      g_value_set_boolean (value, prl_job_manager_get_has_active (self));
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, prl_job_manager_get_progress (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_job_manager_class_init (PrlJobManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = prl_job_manager_finalize;
  object_class->get_property = prl_job_manager_get_property;

  properties[PROP_HAS_ACTIVE]
      = g_param_spec_boolean ("has-active", NULL, NULL, FALSE, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1, 1, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_job_manager_init (PrlJobManager *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
}

PrlJobManager *
prl_job_manager_new (void)
{
  return g_object_new (PRL_TYPE_JOB_MANAGER, NULL);
}
