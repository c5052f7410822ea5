/* prl-store-remote.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store-remote"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-job-records.h"
#include "prl-store-private.h"

#include "prl-store-remote.h"

/* The store's side of cloud versions: a model imported from an account
 * with one version per remote model, what the service last said of each
 * (its status, "gone" once deleted elsewhere, and whether a newer base is
 * offered), and deleting one version. Each call is one transaction.
 */

typedef struct
{
  gint64                id;
  const char           *name;
  const char           *provider;
  const char           *language;
  PrlBaseModel          base_model;
  const char           *account;
  const PrlVersionInfo *versions;
  guint                 n_versions;
  const char           *failure_message;
  PrlRemoteStatus       status;
  gboolean              upgrade_available;
  const char           *workspace_dir; /* delete: where artifacts may be removed */
  char                 *found;         /* (owned) (nullable): result of find */
  PrlModel             *model;         /* (owned) (nullable): result */
} RemoteCall;

static gboolean
insert_version (sqlite3 *db, gint64 model_id, const PrlVersionInfo *info, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 created = info->created != NULL
                       ? g_date_time_to_unix (info->created) * G_USEC_PER_SEC
                       : g_get_real_time ();
  int    rc;

  stmt = _prl_store_prepare (db,
                             "INSERT INTO versions (model_id, name, created, directory,"
                             " base_model_id, \"order\", lm_weight, remote_status,"
                             " upgrade_available)"
                             " VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_text (stmt, 2, info->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, created);
  sqlite3_bind_text (stmt, 4, info->directory ? info->directory : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, info->base_model_id ? info->base_model_id : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, prl_remote_status_to_nick (info->remote_status), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, info->upgrade_available ? 1 : 0);
  if ((rc = sqlite3_step (stmt)) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN,
                   _ ("The workspace already has a version named “%s”"), info->name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("save the version"));
  return TRUE;
}

static gpointer
import_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64      now = g_get_real_time ();
  gboolean    any_completed = FALSE, any_failed = FALSE;
  const char *status;
  gint64      id;
  int         rc;

  for (guint i = 0; i < call->n_versions; i++)
    {
      any_completed |= call->versions[i].remote_status == PRL_REMOTE_STATUS_COMPLETED;
      any_failed |= call->versions[i].remote_status == PRL_REMOTE_STATUS_FAILED;
    }
  /* Imported models have no datasets here: their status says what the
   * service has, never Running (no job of this workspace follows them). */
  status = any_completed ? "success" : any_failed ? "failed" : "not-running";

  if (!_prl_store_begin (db, error))
    return NULL;
  stmt = _prl_store_prepare (
      db,
      "INSERT INTO models (name, provider, language, base_model, status, created,"
      " modified, account, failure_code, failure_message)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, call->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, call->provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, call->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, prl_base_model_to_string (call->base_model), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_text (stmt, 8, call->account, -1, SQLITE_STATIC);
  if (!any_completed && any_failed)
    {
      sqlite3_bind_text (stmt, 9, "training_failed", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, call->failure_message ? call->failure_message : "", -1,
                         SQLITE_STATIC);
    }
  if ((rc = sqlite3_step (stmt)) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN,
                   _ ("A model named “%s” already exists; choose another name"),
                   call->name);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("save the model"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (db);
  for (guint i = 0; i < call->n_versions; i++)
    if (!insert_version (db, id, &call->versions[i], error))
      goto fail;
  if (!_prl_store_commit (db, error))
    goto fail;
  return _prl_store_read_model (db, id, error);

fail:
  _prl_store_rollback (db);
  return NULL;
}

/**
 * prl_store_import_model_sync:
 * @versions: (array length=n_versions): one per remote model; their
 *   names must be new in the workspace
 * @failure_message: (nullable): what the model says when every version
 *   failed on the service
 *
 * Saves a model that a cloud account already has (trained elsewhere) with
 * its versions, in one transaction: all of it or nothing.
 *
 * Returns: (transfer full): the saved model
 */
PrlModel *
prl_store_import_model_sync (PrlStore             *self,
                             const char           *name,
                             const char           *provider,
                             const char           *language,
                             PrlBaseModel          base_model,
                             const char           *account,
                             const PrlVersionInfo *versions,
                             guint                 n_versions,
                             const char           *failure_message,
                             GError              **error)
{
  RemoteCall call = {
    .name = name,
    .provider = provider,
    .language = language,
    .base_model = base_model,
    .account = account,
    .versions = versions,
    .n_versions = n_versions,
    .failure_message = failure_message,
  };

  g_return_val_if_fail (PRL_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL && provider != NULL && language != NULL, NULL);
  return _prl_store_call (self, import_call, &call, error);
}

static gboolean
read_model_of_version (
    sqlite3 *db, gint64 version_id, gint64 *model_id, char **name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (
      db, "SELECT model_id, name FROM versions WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NOT_FOUND,
                           _ ("The version no longer exists"));
      return FALSE;
    }
  *model_id = sqlite3_column_int64 (stmt, 0);
  if (name != NULL)
    *name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  return TRUE;
}

static gpointer
set_remote_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 model_id;

  if (!read_model_of_version (db, call->id, &model_id, NULL, error))
    return NULL;
  if (!_prl_store_begin (db, error))
    return NULL;
  stmt = _prl_store_prepare (
      db, "UPDATE versions SET remote_status = ?, upgrade_available = ? WHERE id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, prl_remote_status_to_nick (call->status), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, call->upgrade_available ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, call->id);
  if (!_prl_store_step_done (db, stmt, _ ("update the version"), error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* An imported model whose remote training finished is usable now. */
  if (call->status == PRL_REMOTE_STATUS_COMPLETED)
    {
      stmt = _prl_store_prepare (
          db,
          "UPDATE models SET status = 'success', failure_code = NULL,"
          " failure_message = NULL WHERE id = ? AND status = 'not-running'",
          error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, model_id);
      if (!_prl_store_step_done (db, stmt, _ ("update the model"), error))
        goto fail;
    }
  if (!_prl_store_commit (db, error))
    goto fail;
  return _prl_store_read_model (db, model_id, error);

fail:
  _prl_store_rollback (db);
  return NULL;
}

/**
 * prl_store_set_version_remote_sync:
 * @model: (out) (optional) (transfer full): the version's model as saved
 *
 * Records what the service last said of a cloud version's remote model.
 */
gboolean
prl_store_set_version_remote_sync (PrlStore       *self,
                                   gint64          version_id,
                                   PrlRemoteStatus status,
                                   gboolean        upgrade_available,
                                   PrlModel      **model,
                                   GError        **error)
{
  RemoteCall call
      = { .id = version_id, .status = status, .upgrade_available = upgrade_available };
  g_autoptr (PrlModel) saved = NULL;

  g_return_val_if_fail (PRL_IS_STORE (self), FALSE);
  if (!(saved = _prl_store_call (self, set_remote_call, &call, error)))
    return FALSE;
  if (model != NULL)
    *model = g_steal_pointer (&saved);
  return TRUE;
}

static gpointer
delete_version_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *directory = NULL;
  gint64           model_id;
  guint            left = 0;

  if (!read_model_of_version (db, call->id, &model_id, &name, error))
    return NULL;
  stmt = _prl_store_prepare (db, "SELECT directory FROM versions WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, call->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    directory = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_prl_store_begin (db, error))
    return NULL;
  /* Its evaluation results go with it, so that no leaderboard row names a
   * version that no longer exists. */
  stmt = _prl_store_prepare (
      db, "DELETE FROM eval_results WHERE model_id = ? AND system = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!_prl_store_step_done (db, stmt, _ ("delete the version’s results"), error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _prl_store_prepare (db, "DELETE FROM versions WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, call->id);
  if (!_prl_store_step_done (db, stmt, _ ("delete the version"), error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _prl_store_prepare (db, "SELECT count(*) FROM versions WHERE model_id = ?",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, model_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    left = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* The last version gone: the model is no longer trained, so its status
   * falls back to what its data says (Ready to Run or Not Running). */
  if (left == 0)
    {
      stmt = _prl_store_prepare (
          db,
          "UPDATE models SET trained_fingerprint = NULL,"
          " status = CASE status WHEN 'running' THEN 'running' ELSE 'not-running' END"
          " WHERE id = ?",
          error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, model_id);
      if (!_prl_store_step_done (db, stmt, _ ("update the model"), error)
          || !_prl_store_update_status (db, model_id, error))
        goto fail;
    }
  if (!_prl_store_commit (db, error))
    goto fail;
  /* Artifacts of a version trained here, only ever inside the
   * workspace's models folder (whatever the row says); the row is what
   * counts, so a folder that cannot be removed is only left behind. */
  if (directory != NULL && directory[0] != '\0' && call->workspace_dir != NULL)
    {
      g_autofree char *models
          = g_build_filename (call->workspace_dir, "models", "", NULL);
      g_autofree char *canonical = g_canonicalize_filename (directory, NULL);

      if (g_str_has_prefix (canonical, models))
        _prl_job_remove_tree (canonical);
      else
        g_message ("Not removing “%s”: outside the workspace", directory);
    }
  return _prl_store_read_model (db, model_id, error);

fail:
  _prl_store_rollback (db);
  return NULL;
}

/**
 * prl_store_delete_version_sync:
 * @model: (out) (optional) (transfer full): the version's model as saved
 *
 * Deletes a version, its evaluation results and its artifacts. Whatever a
 * service holds is the caller's to delete first.
 */
gboolean
prl_store_delete_version_sync (PrlStore  *self,
                               gint64     version_id,
                               PrlModel **model,
                               GError   **error)
{
  RemoteCall call = { .id = version_id, .workspace_dir = prl_store_get_directory (self) };
  g_autoptr (PrlModel) saved = NULL;

  g_return_val_if_fail (PRL_IS_STORE (self), FALSE);
  if (!(saved = _prl_store_call (self, delete_version_call, &call, error)))
    return FALSE;
  if (model != NULL)
    *model = g_steal_pointer (&saved);
  return TRUE;
}

static gpointer
find_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (
      db,
      "SELECT m.name FROM versions v JOIN models m ON m.id = v.model_id"
      " WHERE v.name = ?",
      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call->name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    call->found = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  return GINT_TO_POINTER (TRUE);
}

/**
 * prl_store_find_version_sync:
 * @model_name: (out) (transfer full): the name of the model that has a
 *   version named @name, or %NULL when none has
 *
 * Returns: %FALSE only when the store could not be read
 */
gboolean
prl_store_find_version_sync (PrlStore   *self,
                             const char *name,
                             char      **model_name,
                             GError    **error)
{
  RemoteCall call = { .name = name };

  g_return_val_if_fail (PRL_IS_STORE (self), FALSE);
  *model_name = NULL;
  if (!_prl_store_call (self, find_call, &call, error))
    return FALSE;
  *model_name = call.found;
  return TRUE;
}

static gpointer
read_model_call (sqlite3 *db, gpointer data, GError **error)
{
  return _prl_store_read_model (db, ((RemoteCall *)data)->id, error);
}

/**
 * prl_store_read_model_sync:
 *
 * Returns: (transfer full): the model as saved
 */
PrlModel *
prl_store_read_model_sync (PrlStore *self, gint64 model_id, GError **error)
{
  RemoteCall call = { .id = model_id };

  g_return_val_if_fail (PRL_IS_STORE (self), NULL);
  return _prl_store_call (self, read_model_call, &call, error);
}
