/* prl-version-upgrade.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-version-ops"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-job-manager.h"
#include "prl-remote-job.h"
#include "prl-train-job.h"
#include "prl-train-private.h"
#include "prl-workspace-private.h"

#include "prl-version-ops-private.h"

/* Upgrading a model whose base the provider has replaced (the
 * PrlVersionOps.upgrade half of prl-version-ops.c), and what the rest of
 * the app refuses or warns of meanwhile. Split from prl-version-ops.c to
 * keep each file small.
 */

/**
 * prl_workspace_upgradable_version:
 * @versions: (element-type PrlVersion): a model's versions, newest first
 * @wanted: (nullable): a version's name or its suffix, as the CLI takes it
 *
 * Returns: (transfer none) (nullable): the version @wanted names, else
 *   the newest usable version that an upgrade would replace
 */
PrlVersion *
prl_workspace_upgradable_version (PrlWorkspace *self,
                                  GPtrArray    *versions,
                                  const char   *wanted)
{
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion *version = g_ptr_array_index (versions, i);

      if (wanted != NULL)
        {
          if (g_strcmp0 (prl_version_get_name (version), wanted) == 0)
            return version;
        }
      else if (prl_version_is_usable (version))
        return version;
    }
  return NULL;
}

/* The checks that need no service, before and after the provider's part. */
static gboolean
check_upgrade (PrlWorkspace *self, PrlModel *model, PrlVersion *version, GError **error)
{
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (model));

  if (ops == NULL || ops->upgrade == NULL || !prl_version_get_upgrade_available (version))
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED,
                   _ ("“%s” has no upgrade: its provider offers no newer base model "
                      "than the one it was built on."),
                   prl_version_get_name (version));
      return FALSE;
    }
  if (!prl_version_is_usable (version))
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                   _ ("“%s” cannot be upgraded: it is %s."),
                   prl_version_get_name (version),
                   prl_remote_status_to_label (prl_version_get_remote_status (version)));
      return FALSE;
    }
  return _prl_workspace_check_writable (self, error)
         && _prl_train_check_status (prl_model_get_status (model),
                                     prl_model_get_name (model), TRUE, error);
}

/* A provider that trains here hands back a train job: it counts as the
 * model's training from now on, like one prl_workspace_train_model()
 * starts, so that a second training of the model is refused. */
static gboolean
claim_training (PrlWorkspace *self, PrlModel *model, PrlJob *job, GError **error)
{
  gint64 id = prl_model_get_id (model);

  if (!PRL_IS_TRAIN_JOB (job))
    return TRUE;
  if (g_hash_table_contains (self->training, &id))
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING,
                   _ ("“%s” is already training. Wait for it to finish or cancel it."),
                   prl_model_get_name (model));
      return FALSE;
    }
  g_hash_table_add (self->training, g_memdup2 (&id, sizeof id));
  return TRUE;
}

/* The provider's upgrade job is a remote training that does not know its
 * model yet (prl_workspace_train_remote() and the resume tell theirs), and
 * the workspace follows only a job whose model it knows; with its model
 * and its trainer's kind, the details page also shows it as the model's
 * training under way. A local upgrade (a train job) saves its version
 * into the live list itself. */
static void
follow_upgrade (PrlWorkspace *self, PrlModel *model, PrlJob *job)
{
  const char *kind = NULL;

  if (!PRL_IS_REMOTE_JOB (job))
    return;
  if (prl_remote_job_get_model_id (PRL_REMOTE_JOB (job)) == 0)
    {
      prl_remote_job_lookup_trainer (prl_model_get_provider (model), &kind);
      _prl_remote_job_set_subject (job, prl_model_get_id (model), kind);
    }
  _prl_workspace_follow_remote_training (self, job);
}

/* The end of both upgrade calls, on the main thread: @job (consumed)
 * counts as the model's training and runs. As for a training, the open
 * app re-reads the versions when the service's upgrade ends, which the
 * job writes from its thread. */
static PrlJob *
run_upgrade (PrlWorkspace *self, PrlModel *model, PrlJob *job, GError **error)
{
  if (!claim_training (self, model, job, error))
    {
      g_object_unref (job);
      return NULL;
    }
  follow_upgrade (self, model, job);
  prl_job_manager_run (self->jobs, job);
  g_object_unref (job);
  return job;
}

/**
 * prl_workspace_upgrade_model:
 * @version: the version whose base the provider replaced
 *
 * Starts the provider's upgrade: a new version trained from @version's
 * data on the current base. @version stays as it is, usable until the
 * user deletes it.
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlJob *
prl_workspace_upgrade_model (PrlWorkspace *self,
                             PrlModel     *model,
                             PrlVersion   *version,
                             GError      **error)
{
  const PrlVersionOps *ops;
  PrlJob              *job;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  if (!check_upgrade (self, model, version, error))
    return NULL;
  ops = prl_version_ops_lookup (prl_model_get_provider (model));
  if (!(job = ops->upgrade (self, model, version, error)))
    return NULL;
  return run_upgrade (self, model, job, error);
}

static void
upgrade_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  VersionsTask        *vt = data;
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (vt->model));
  GError              *error = NULL;
  PrlJob              *job = ops->upgrade (source, vt->model, vt->version, &error);

  if (job == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, job, g_object_unref);
}

/**
 * prl_workspace_upgrade_model_async:
 *
 * prl_workspace_upgrade_model() for the GUI: the provider's part (which
 * may ask the service first) runs on a worker thread.
 */
void
prl_workspace_upgrade_model_async (PrlWorkspace       *self,
                                   PrlModel           *model,
                                   PrlVersion         *version,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));
  g_return_if_fail (PRL_IS_VERSION (version));

  _prl_versions_task_start (self, model, version, prl_workspace_upgrade_model_async,
                            check_upgrade, upgrade_thread, NULL, cancellable, callback,
                            user_data);
}

/**
 * prl_workspace_upgrade_model_finish:
 *
 * Starts the job on the job manager, unless the model started training
 * meanwhile.
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlJob *
prl_workspace_upgrade_model_finish (PrlWorkspace *self,
                                    GAsyncResult *result,
                                    GError      **error)
{
  VersionsTask *vt;
  PrlJob       *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (!(job = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;
  vt = g_task_get_task_data (G_TASK (result));
  if (!_prl_train_check_status (prl_model_get_status (vt->model),
                                prl_model_get_name (vt->model), TRUE, error))
    {
      g_object_unref (job);
      return NULL;
    }
  return run_upgrade (self, vt->model, job, error);
}

/**
 * prl_model_check_not_upgrading:
 *
 * The refusal of an edit while @model is upgrading: the upgrade trains
 * from the model as it was when it started, and its versions are being
 * replaced, so renaming, deleting, training or changing its data waits
 * until the upgrade ends. Recognition with its versions goes on.
 *
 * Returns: %FALSE with @error (%PRL_MODEL_ERROR_BUSY) while it upgrades
 */
gboolean
prl_model_check_not_upgrading (PrlModel *model, GError **error)
{
  g_return_val_if_fail (PRL_IS_MODEL (model), FALSE);

  if (!prl_model_get_upgrading (model))
    return TRUE;
  g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_BUSY,
               _ ("“%s” is being upgraded to its provider’s current base model, so it "
                  "cannot be changed now. Its versions still recognize; wait for the "
                  "upgrade to end, or cancel it."),
               prl_model_get_name (model));
  return FALSE;
}

/**
 * prl_version_dup_base_warning:
 *
 * What recognition with @version must warn of, as the services do: it was
 * built on a base model that its provider has since replaced, so its
 * results may differ from an upgraded version's.
 *
 * Returns: (transfer full) (nullable): the warning, or %NULL when
 *   @version is on its provider's current base (as last refreshed)
 */
char *
prl_version_dup_base_warning (PrlVersion *version)
{
  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  if (!prl_version_get_upgrade_available (version))
    return NULL;
  return g_strdup_printf (_ ("“%s” was built on an older base model (%s) than its "
                             "provider’s current one; upgrade the model to recognize "
                             "with the new base."),
                          prl_version_get_name (version),
                          prl_version_get_base_model_id (version));
}
