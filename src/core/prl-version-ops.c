/* prl-version-ops.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-version-ops"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-workspace-private.h"

#include "prl-version-ops-private.h"
#include "prl-version-ops.h"

/* What happens to versions after their training, for every provider:
 * refreshing what the service says of them, deleting one (and its remote
 * model, after the caller's confirmation), and upgrading a model whose
 * base the provider has replaced. The provider-specific halves are
 * registered by src/providers (PrlVersionOps); a provider without them
 * (local) keeps its versions here only: nothing to refresh, nothing
 * remote to delete, and no upgrade offered.
 */

G_LOCK_DEFINE_STATIC (ops);
static GHashTable *ops_by_provider; /* provider id → PrlVersionOps (owned copy) */

void
prl_version_ops_register (const char *provider, const PrlVersionOps *ops)
{
  g_return_if_fail (provider != NULL && ops != NULL);

  G_LOCK (ops);
  if (ops_by_provider == NULL)
    ops_by_provider = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (ops_by_provider, g_strdup (provider),
                       g_memdup2 (ops, sizeof *ops));
  G_UNLOCK (ops);
}

/**
 * prl_version_ops_lookup:
 *
 * Returns: (nullable): @provider's operations, or %NULL for a provider
 *   whose versions live only here
 */
const PrlVersionOps *
prl_version_ops_lookup (const char *provider)
{
  const PrlVersionOps *found;

  G_LOCK (ops);
  found = ops_by_provider != NULL && provider != NULL
              ? g_hash_table_lookup (ops_by_provider, provider)
              : NULL;
  G_UNLOCK (ops);
  return found;
}

static void
versions_task_free (VersionsTask *vt)
{
  g_clear_object (&vt->model);
  g_clear_object (&vt->version);
  g_clear_object (&vt->saved);
  g_clear_pointer (&vt->rows, g_ptr_array_unref);
  g_free (vt);
}

static GTask *
versions_task_new (PrlWorkspace       *self,
                   PrlModel           *model,
                   PrlVersion         *version,
                   gpointer            tag,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  GTask        *task = g_task_new (self, cancellable, callback, user_data);
  VersionsTask *vt = g_new0 (VersionsTask, 1);

  vt->model = g_object_ref (model);
  vt->version = version != NULL ? g_object_ref (version) : NULL;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, vt, (GDestroyNotify)versions_task_free);
  return task;
}

/* Starts a versions task: @check (nullable) first, then @func on a worker
 * thread, with @step (nullable) for versions_thread(). */
void
_prl_versions_task_start (PrlWorkspace       *self,
                          PrlModel           *model,
                          PrlVersion         *version,
                          gpointer            tag,
                          VersionsCheck       check,
                          GTaskThreadFunc     func,
                          VersionsStep        step,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task
      = versions_task_new (self, model, version, tag, cancellable, callback, user_data);
  GError *error = NULL;

  if (check != NULL && !check (self, model, version, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ((VersionsTask *)g_task_get_task_data (task))->step = step;
  g_task_run_in_thread (task, func);
}

/* Brings the live model and its live list of versions up to date. */
static void
apply_rows (PrlWorkspace *self, PrlModel *saved, GPtrArray *rows)
{
  GListStore *live = _prl_workspace_model_saved (self, saved, PRL_MODEL_ROWS_VERSIONS);

  if (live != NULL && rows != NULL)
    g_list_store_splice (live, 0, g_list_model_get_n_items (G_LIST_MODEL (live)),
                         rows->pdata, rows->len);
}

/* The end of a versions task, on the main thread: its data once the
 * live model and versions are updated, or NULL with @error set. */
static VersionsTask *
versions_task_finish (PrlWorkspace *self, GAsyncResult *result, GError **error)
{
  VersionsTask *vt;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  vt = g_task_get_task_data (G_TASK (result));
  apply_rows (self, vt->saved, vt->rows);
  return vt;
}

/* Runs the task's step, then reads the model's versions again. */
static void
versions_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PrlWorkspace *self = source;
  VersionsTask *vt = data;
  GError       *error = NULL;

  if (!vt->step (self, vt, cancellable, &error)
      || !(vt->rows = prl_store_list_versions_sync (
               prl_workspace_get_store (self), prl_model_get_id (vt->model), &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
refresh_step (PrlWorkspace *self,
              VersionsTask *vt,
              GCancellable *cancellable,
              GError      **error)
{
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (vt->model));

  if (ops != NULL && ops->refresh != NULL
      && !ops->refresh (self, vt->model, cancellable, error))
    return FALSE;
  vt->saved = prl_store_read_model_sync (prl_workspace_get_store (self),
                                         prl_model_get_id (vt->model), error);
  return vt->saved != NULL;
}

/**
 * prl_workspace_refresh_versions_async:
 *
 * Asks the model's service what became of its versions (trained, failed,
 * deleted elsewhere, a newer base offered), saves it, and updates the
 * live model and versions list. For a provider whose versions live only
 * here it just reads them again.
 */
void
prl_workspace_refresh_versions_async (PrlWorkspace       *self,
                                      PrlModel           *model,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  _prl_versions_task_start (self, model, NULL, prl_workspace_refresh_versions_async, NULL,
                            versions_thread, refresh_step, cancellable, callback,
                            user_data);
}

/**
 * prl_workspace_refresh_versions_finish:
 *
 * Returns: (transfer full) (element-type PrlVersion): the versions, newest
 *   first
 */
GPtrArray *
prl_workspace_refresh_versions_finish (PrlWorkspace *self,
                                       GAsyncResult *result,
                                       GError      **error)
{
  VersionsTask *vt;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (!(vt = versions_task_finish (self, result, error)))
    return NULL;
  return g_ptr_array_ref (vt->rows);
}

/**
 * prl_workspace_version_is_remote:
 *
 * Returns: whether deleting @version also deletes a model on a service
 *   (what the confirmation must say)
 */
gboolean
prl_workspace_version_is_remote (PrlWorkspace *self, PrlModel *model, PrlVersion *version)
{
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (model));
  PrlRemoteStatus      status = prl_version_get_remote_status (version);

  return ops != NULL && ops->delete_remote != NULL && status != PRL_REMOTE_STATUS_NONE
         && status != PRL_REMOTE_STATUS_GONE;
}

static gboolean
delete_step (PrlWorkspace *self,
             VersionsTask *vt,
             GCancellable *cancellable,
             GError      **error)
{
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (vt->model));

  /* The service first: a version whose remote model could not be deleted
   * stays, so that nothing on the account is left that Parlance forgot. */
  if (prl_workspace_version_is_remote (self, vt->model, vt->version)
      && !ops->delete_remote (self, vt->model, vt->version, cancellable, error))
    return FALSE;
  return prl_store_delete_version_sync (prl_workspace_get_store (self),
                                        prl_version_get_id (vt->version), &vt->saved,
                                        error);
}

static gboolean
check_delete (PrlWorkspace *self, PrlModel *model, PrlVersion *version, GError **error)
{
  return _prl_workspace_check_can_delete (self, model, error);
}

/**
 * prl_workspace_delete_version_async:
 *
 * Deletes @version, its evaluation results and artifacts, and, for a
 * cloud version, its model on the service (the caller has confirmed
 * that). Only ORGADMIN and SYSOP may delete, as for models.
 */
void
prl_workspace_delete_version_async (PrlWorkspace       *self,
                                    PrlModel           *model,
                                    PrlVersion         *version,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));
  g_return_if_fail (PRL_IS_VERSION (version));

  _prl_versions_task_start (self, model, version, prl_workspace_delete_version_async,
                            check_delete, versions_thread, delete_step, cancellable,
                            callback, user_data);
}

gboolean
prl_workspace_delete_version_finish (PrlWorkspace *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return versions_task_finish (self, result, error) != NULL;
}

/**
 * prl_workspace_model_is_remote:
 *
 * Returns: whether deleting @model may also delete models on a service:
 *   its provider keeps versions there (what the confirmation must say
 *   before the versions are read)
 */
gboolean
prl_workspace_model_is_remote (PrlWorkspace *self, PrlModel *model)
{
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (model));

  return ops != NULL && ops->delete_remote != NULL
         && prl_model_get_account (model) != NULL;
}

static void
delete_remotes_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  PrlWorkspace        *self = source;
  VersionsTask        *vt = data;
  PrlStore            *store = prl_workspace_get_store (self);
  const PrlVersionOps *ops = prl_version_ops_lookup (prl_model_get_provider (vt->model));
  g_autoptr (GPtrArray) versions = NULL;
  GError *error = NULL;

  if (!(versions
        = prl_store_list_versions_sync (store, prl_model_get_id (vt->model), &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion *version = g_ptr_array_index (versions, i);

      if (!prl_workspace_version_is_remote (self, vt->model, version))
        continue;
      if (!ops->delete_remote (self, vt->model, version, cancellable, &error))
        {
          /* The model stays whole here, so that the user can try again
           * and nothing on the account is left that Parlance forgot. */
          g_prefix_error (&error, _ ("“%s” stays in this workspace: "),
                          prl_model_get_name (vt->model));
          g_task_return_error (task, error);
          return;
        }
      /* Gone on the service now: recorded at once, so that a retry after
       * a later version's failure does not ask for it again. */
      if (!prl_store_set_version_remote_sync (store, prl_version_get_id (version),
                                              PRL_REMOTE_STATUS_GONE, FALSE, NULL,
                                              &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/*
 * _prl_workspace_delete_remote_versions_async:
 *
 * Deletes the remote model of each of @model's versions that has one,
 * before prl_workspace_delete_model_async() deletes the model here. The
 * first failure stops it with an error naming the version; the versions
 * already deleted on the service are saved as gone.
 */
void
_prl_workspace_delete_remote_versions_async (PrlWorkspace       *self,
                                             PrlModel           *model,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  g_autoptr (GTask) task
      = versions_task_new (self, model, NULL, _prl_workspace_delete_remote_versions_async,
                           cancellable, callback, user_data);

  if (!prl_workspace_model_is_remote (self, model))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_run_in_thread (task, delete_remotes_thread);
}

gboolean
_prl_workspace_delete_remote_versions_finish (PrlWorkspace *self,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * prl_workspace_model_imported:
 * @model: a model the store saved outside the workspace's own calls
 *   (prl_store_import_model_sync())
 *
 * Shows @model in the workspace's list. Main thread.
 */
void
prl_workspace_model_imported (PrlWorkspace *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  if (_prl_workspace_find_model_by_id (self, prl_model_get_id (model)) == NULL)
    g_list_store_append (self->models, model);
}
