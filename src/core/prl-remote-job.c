/* prl-remote-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-remote-job"

#include "config.h"

#include <json-glib/json-glib.h>

#include <string.h>

#include <glib/gi18n.h>

#include "prl-job-owner.h"
#include "prl-job-records.h"
#include "prl-store-private.h"
#include "prl-workspace-private.h"

#include "prl-remote-job.h"

/* Jobs that outlive the app. A cloud job (an upload, a training that
 * takes hours) keeps in `remote_jobs` what it needs to continue: its
 * remote state as JSON (upload ids, parts sent, remote job names), its
 * status, and its owner, the process that drives it (pid, boot id and
 * start time as in `jobs`; pid 0 for none). A job the app quit on is
 * suspended: it keeps its remote state and gives up its ownership; a
 * killed one leaves an owner that no longer runs. Either way its status
 * stays running, and the next start claims it — in one transaction, so a
 * job that a live process drives is never taken — and rebuilds it through
 * the code registered for its kind. Unlike `jobs` rows these stay after
 * the job ends, so the user can see what became of it.
 */

static const char *const status_names[] = { "running", "done", "failed", "cancelled" };

const char *
prl_remote_job_status_to_string (PrlRemoteJobStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), "failed");
  return status_names[status];
}

gboolean
prl_remote_job_status_from_string (const char *text, PrlRemoteJobStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (PrlRemoteJobStatus)i;
        return TRUE;
      }
  return FALSE;
}

void
prl_remote_job_record_free (PrlRemoteJobRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->model_name);
  g_free (record->account);
  g_free (record->title);
  g_free (record->state);
  g_free (record->error);
  g_free (record);
}

PrlRemoteJobRecord *
prl_remote_job_record_copy (const PrlRemoteJobRecord *record)
{
  PrlRemoteJobRecord *copy = g_memdup2 (record, sizeof *record);

  copy->kind = g_strdup (record->kind);
  copy->model_name = g_strdup (record->model_name);
  copy->account = g_strdup (record->account);
  copy->title = g_strdup (record->title);
  copy->state = g_strdup (record->state);
  copy->error = g_strdup (record->error);
  return copy;
}

gboolean
prl_remote_job_record_is_interrupted (const PrlRemoteJobRecord *record)
{
  return record->status == PRL_REMOTE_JOB_RUNNING && !record->owner_alive;
}

/* The store's side. */

#define RECORD_COLUMNS                                                                   \
  "r.id, r.kind, r.model_id, m.name, r.account, r.title, r.state, r.status, r.error,"    \
  " r.owner_pid, r.owner_boot_id, r.owner_start, r.created, r.updated"                   \
  " FROM remote_jobs r LEFT JOIN models m ON m.id = r.model_id"

static PrlRemoteJobRecord *
read_record (sqlite3_stmt *stmt)
{
  PrlRemoteJobRecord *record = g_new0 (PrlRemoteJobRecord, 1);
  g_autoptr (PrlJobOwner) owner = NULL;

  record->id = sqlite3_column_int64 (stmt, 0);
  record->kind = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  record->model_id = sqlite3_column_int64 (stmt, 2);
  record->model_name = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  record->account = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  record->title = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  record->state = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
  if (!prl_remote_job_status_from_string ((const char *)sqlite3_column_text (stmt, 7),
                                          &record->status))
    record->status = PRL_REMOTE_JOB_FAILED;
  record->error = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
  owner = prl_job_owner_new (sqlite3_column_int64 (stmt, 9),
                             (const char *)sqlite3_column_text (stmt, 10),
                             (guint64)sqlite3_column_int64 (stmt, 11));
  record->owner_alive = prl_job_owner_is_alive (owner);
  record->created = sqlite3_column_int64 (stmt, 12);
  record->updated = sqlite3_column_int64 (stmt, 13);
  return record;
}

static GPtrArray *
read_records (sqlite3 *db, GError **error)
{
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_remote_job_record_free);
  g_autoptr (sqlite3_stmt) stmt
      = _prl_store_prepare (db, "SELECT " RECORD_COLUMNS " ORDER BY r.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, read_record (stmt));
  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the workspace’s cloud jobs"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

typedef struct
{
  gint64             id;
  char              *kind;
  gint64             model_id;
  char              *account;
  char              *title;
  char              *state;
  PrlRemoteJobStatus status;
  char              *error_message;
  GStrv              kinds;
} RemoteCall;

static void
remote_call_free (RemoteCall *call)
{
  g_free (call->kind);
  g_free (call->account);
  g_free (call->title);
  g_free (call->state);
  g_free (call->error_message);
  g_strfreev (call->kinds);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoteCall, remote_call_free)

static void
bind_self_owner (sqlite3_stmt *stmt, int first)
{
  g_autoptr (PrlJobOwner) owner = prl_job_owner_new_self ();

  sqlite3_bind_int64 (stmt, first, owner->pid);
  sqlite3_bind_text (stmt, first + 1, owner->boot_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, first + 2, (gint64)owner->start_time);
}

static gpointer
create_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (
      db,
      "INSERT INTO remote_jobs (kind, model_id, account, title, state, owner_pid,"
      " owner_boot_id, owner_start, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
      " ?8, ?9, ?9)",
      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call->kind, -1, SQLITE_STATIC);
  if (call->model_id != 0)
    sqlite3_bind_int64 (stmt, 2, call->model_id);
  sqlite3_bind_text (stmt, 3, call->account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, call->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, call->state != NULL ? call->state : "{}", -1,
                     SQLITE_STATIC);
  bind_self_owner (stmt, 6);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
  if (!_prl_store_step_done (db, stmt, _ ("record the cloud job"), error))
    return NULL;
  call->id = sqlite3_last_insert_rowid (db);
  return GINT_TO_POINTER (TRUE);
}

/**
 * prl_store_create_remote_job_sync:
 * @model_id: its model, or 0
 * @account: (nullable): the cloud account it uses
 * @state: (nullable): its first remote state, JSON text
 *
 * Records a new remote job, running, owned by this process.
 *
 * Returns: the row's id, or 0 with @error set
 */
gint64
prl_store_create_remote_job_sync (PrlStore   *store,
                                  const char *kind,
                                  gint64      model_id,
                                  const char *account,
                                  const char *title,
                                  const char *state,
                                  GError    **error)
{
  g_autoptr (RemoteCall) call = g_new0 (RemoteCall, 1);

  g_return_val_if_fail (PRL_IS_STORE (store), 0);
  g_return_val_if_fail (kind != NULL && title != NULL, 0);

  call->kind = g_strdup (kind);
  call->model_id = model_id;
  call->account = g_strdup (account);
  call->title = g_strdup (title);
  call->state = g_strdup (state);
  if (_prl_store_call (store, create_call, call, error) == NULL)
    return 0;
  return call->id;
}

/* One UPDATE, so one transaction: cheap enough after every part. */
static gpointer
update_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (
      db, "UPDATE remote_jobs SET state = ?, updated = ? WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call->state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 3, call->id);
  if (!_prl_store_step_done (db, stmt, _ ("save the cloud job’s state"), error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

gboolean
prl_store_update_remote_job_sync (PrlStore   *store,
                                  gint64      id,
                                  const char *state,
                                  GError    **error)
{
  g_autoptr (RemoteCall) call = g_new0 (RemoteCall, 1);

  g_return_val_if_fail (PRL_IS_STORE (store), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  call->id = id;
  call->state = g_strdup (state);
  return _prl_store_call (store, update_call, call, error) != NULL;
}

static gpointer
finish_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (
      db,
      "UPDATE remote_jobs SET status = ?1, state = coalesce (?2, state), error = ?3,"
      " owner_pid = 0, owner_boot_id = '', owner_start = 0, updated = ?4 WHERE id = ?5",
      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prl_remote_job_status_to_string (call->status), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, call->state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, call->error_message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 5, call->id);
  if (!_prl_store_step_done (db, stmt, _ ("save the cloud job’s state"), error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * prl_store_finish_remote_job_sync:
 * @state: (nullable): the last remote state, or %NULL to keep the saved one
 * @error_message: (nullable): why it failed
 *
 * Records how a remote job ended; it has no owner afterwards.
 */
gboolean
prl_store_finish_remote_job_sync (PrlStore          *store,
                                  gint64             id,
                                  PrlRemoteJobStatus status,
                                  const char        *state,
                                  const char        *error_message,
                                  GError           **error)
{
  g_autoptr (RemoteCall) call = g_new0 (RemoteCall, 1);

  g_return_val_if_fail (PRL_IS_STORE (store), FALSE);

  call->id = id;
  call->status = status;
  call->state = g_strdup (state);
  call->error_message = g_strdup (error_message);
  return _prl_store_call (store, finish_call, call, error) != NULL;
}

static gpointer
release_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (PrlJobOwner) owner = prl_job_owner_new_self ();
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (
      db,
      "UPDATE remote_jobs SET owner_pid = 0, owner_boot_id = '', owner_start = 0,"
      " updated = ? WHERE id = ? AND owner_pid = ?",
      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, call->id);
  sqlite3_bind_int64 (stmt, 3, owner->pid);
  if (!_prl_store_step_done (db, stmt, _ ("save the cloud job’s state"), error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * prl_store_release_remote_job_sync:
 *
 * Gives up this process's ownership of a job that stays running (it was
 * suspended), so that the next start, of any process, resumes it.
 */
gboolean
prl_store_release_remote_job_sync (PrlStore *store, gint64 id, GError **error)
{
  g_autoptr (RemoteCall) call = g_new0 (RemoteCall, 1);

  g_return_val_if_fail (PRL_IS_STORE (store), FALSE);

  call->id = id;
  return _prl_store_call (store, release_call, call, error) != NULL;
}

static gpointer
list_call (sqlite3 *db, gpointer data, GError **error)
{
  return read_records (db, error);
}

/**
 * prl_store_list_remote_jobs_async:
 *
 * Lists every remote job, oldest first.
 */
void
prl_store_list_remote_jobs_async (PrlStore           *store,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  _prl_store_run_call (store, prl_store_list_remote_jobs_async, list_call, NULL, NULL,
                       (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                       user_data);
}

/**
 * prl_store_list_remote_jobs_sync:
 *
 * Lists every remote job, oldest first. Blocks: for job threads.
 *
 * Returns: (transfer full) (element-type PrlRemoteJobRecord): the jobs, or
 *   %NULL with @error set
 */
GPtrArray *
prl_store_list_remote_jobs_sync (PrlStore *store, GError **error)
{
  g_return_val_if_fail (PRL_IS_STORE (store), NULL);
  return _prl_store_call (store, list_call, NULL, error);
}

/**
 * prl_store_list_remote_jobs_finish:
 *
 * Returns: (transfer full) (element-type PrlRemoteJobRecord): the jobs
 */
GPtrArray *
prl_store_list_remote_jobs_finish (PrlStore *store, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (store, result, error);
}

static gpointer
claim_call (sqlite3 *db, gpointer data, GError **error)
{
  RemoteCall *call = data;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) claimed
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_remote_job_record_free);

  if (!_prl_store_begin (db, error))
    return NULL;
  /* Read inside the write transaction: no other process can claim the
   * same rows between the check of their owners and the update. */
  if (!(records = read_records (db, error)))
    goto fail;

  for (guint i = 0; i < records->len; i++)
    {
      PrlRemoteJobRecord *record = g_ptr_array_index (records, i);
      g_autoptr (sqlite3_stmt) stmt = NULL;

      if (!prl_remote_job_record_is_interrupted (record)
          || !g_strv_contains ((const char *const *)call->kinds, record->kind))
        continue;
      stmt = _prl_store_prepare (
          db,
          "UPDATE remote_jobs SET owner_pid = ?1, owner_boot_id = ?2,"
          " owner_start = ?3, updated = ?4 WHERE id = ?5",
          error);
      if (stmt == NULL)
        goto fail;
      bind_self_owner (stmt, 1);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      sqlite3_bind_int64 (stmt, 5, record->id);
      if (!_prl_store_step_done (db, stmt, _ ("claim the cloud job"), error))
        goto fail;
      record->owner_alive = TRUE;
      g_ptr_array_add (claimed, g_ptr_array_steal_index (records, i--));
    }

  if (!_prl_store_commit (db, error))
    return NULL;
  return g_steal_pointer (&claimed);

fail:
  _prl_store_rollback (db);
  return NULL;
}

void
prl_store_claim_remote_jobs_async (PrlStore           *store,
                                   const char *const  *kinds,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  RemoteCall *call = g_new0 (RemoteCall, 1);

  call->kinds = g_strdupv ((GStrv)kinds);
  _prl_store_run_call (store, prl_store_claim_remote_jobs_async, claim_call, call,
                       (GDestroyNotify)remote_call_free,
                       (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                       user_data);
}

/**
 * prl_store_claim_remote_jobs_finish:
 *
 * Returns: (transfer full) (element-type PrlRemoteJobRecord): the jobs
 *   now owned by this process
 */
GPtrArray *
prl_store_claim_remote_jobs_finish (PrlStore *store, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (store, result, error);
}

char *
prl_store_get_scratch_dir (PrlStore *store, GError **error)
{
  g_return_val_if_fail (PRL_IS_STORE (store), NULL);
  return _prl_job_scratch_dir (prl_store_get_directory (store), error);
}

/* The job. */

/* priv->delete: no request yet, asked, or closed (the job made its last
 * decision, so a request can no longer be acted on). */
enum
{
  DELETE_NONE,
  DELETE_ASKED,
  DELETE_CLOSED,
};

typedef struct
{
  gint64 id;
  gint   suspended; /* atomic */
  gint   detach;    /* atomic */
  gint   remote;    /* atomic: the work runs on the service alone */
  gint delete;      /* atomic: DELETE_NONE, _ASKED or _CLOSED */
  /* What the job works for, for views that follow a model's training;
   * set on the main thread before the job runs. */
  gint64 model_id;
  char  *kind; /* (owned) (nullable) */
} PrlRemoteJobPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PrlRemoteJob, prl_remote_job, PRL_TYPE_JOB)

static void
prl_remote_job_finalize (GObject *object)
{
  PrlRemoteJobPrivate *priv
      = prl_remote_job_get_instance_private (PRL_REMOTE_JOB (object));

  g_free (priv->kind);
  G_OBJECT_CLASS (prl_remote_job_parent_class)->finalize (object);
}

static void
prl_remote_job_class_init (PrlRemoteJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_remote_job_finalize;
}

/* Records which model and kind the job is for (prl_workspace_train_remote()
 * and the resume do), so a model's page can find its training. */
void
_prl_remote_job_set_subject (PrlJob *job, gint64 model_id, const char *kind)
{
  PrlRemoteJobPrivate *priv;

  if (!PRL_IS_REMOTE_JOB (job))
    return;
  priv = prl_remote_job_get_instance_private (PRL_REMOTE_JOB (job));
  priv->model_id = model_id;
  g_free (priv->kind);
  priv->kind = g_strdup (kind);
}

/**
 * prl_remote_job_get_model_id:
 *
 * Returns: the model the job works for, or 0 when unknown
 */
gint64
prl_remote_job_get_model_id (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), 0);
  return priv->model_id;
}

/**
 * prl_remote_job_get_kind:
 *
 * Returns: (nullable): the job's kind (its `remote_jobs` row's), once
 *   started by prl_workspace_train_remote() or resumed
 */
const char *
prl_remote_job_get_kind (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), NULL);
  return priv->kind;
}

static void
prl_remote_job_init (PrlRemoteJob *self)
{
}

gint64
prl_remote_job_get_id (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), 0);
  return priv->id;
}

void
prl_remote_job_set_id (PrlRemoteJob *self, gint64 id)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_REMOTE_JOB (self));
  priv->id = id;
}

void
prl_remote_job_target_init (PrlRemoteJobTarget *target,
                            PrlWorkspace       *workspace,
                            PrlModel           *model,
                            const char         *account)
{
  target->store = g_object_ref (prl_workspace_get_store (workspace));
  target->model_id = prl_model_get_id (model);
  target->model_name = g_strdup (prl_model_get_name (model));
  target->account = g_strdup (account);
}

void
prl_remote_job_target_clear (PrlRemoteJobTarget *target)
{
  g_clear_object (&target->store);
  g_clear_pointer (&target->model_name, g_free);
  g_clear_pointer (&target->account, g_free);
}

gint64
prl_remote_job_ensure_row (PrlRemoteJob             *self,
                           const char               *kind,
                           const PrlRemoteJobTarget *target,
                           JsonObject               *state,
                           GError                  **error)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), 0);
  if (priv->id != 0)
    return priv->id;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, state);
  text = json_to_string (node, FALSE);
  priv->id = prl_store_create_remote_job_sync (
      target->store, kind, target->model_id, target->account,
      prl_job_get_title (PRL_JOB (self)), text, error);
  return priv->id;
}

void
prl_remote_job_release_row (PrlRemoteJob *self, PrlStore *store)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);
  g_autoptr (GError) error = NULL;

  g_return_if_fail (PRL_IS_REMOTE_JOB (self));
  /* A closed store (the app quits) keeps the row running anyway. */
  if (!prl_store_release_remote_job_sync (store, priv->id, &error)
      && !g_error_matches (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CLOSED))
    g_warning ("%s", error->message);
}

/**
 * prl_remote_job_finish_row:
 * @store: the job's store
 * @status: how the work ended
 * @state: (nullable): the last remote state, JSON text, or %NULL to keep
 *   the saved one
 * @failure: (transfer full) (nullable): why the work failed, or %NULL
 *   when it succeeded
 *
 * Records how the job's work ended and hands back that outcome. The
 * outcome stands even when the row cannot be saved: the row then still
 * says running and the next start resumes it, so that is only logged.
 *
 * Returns: %TRUE when @failure is %NULL; else %FALSE with @failure moved
 *   into @error
 */
gboolean
prl_remote_job_finish_row (PrlRemoteJob      *self,
                           PrlStore          *store,
                           PrlRemoteJobStatus status,
                           const char        *state,
                           GError            *failure,
                           GError           **error)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);
  g_autoptr (GError) finish_error = NULL;

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), FALSE);

  if (!prl_store_finish_remote_job_sync (store, priv->id, status, state,
                                         failure != NULL ? failure->message : NULL,
                                         &finish_error))
    g_warning ("%s", finish_error->message);
  if (failure == NULL)
    return TRUE;
  g_propagate_error (error, failure);
  return FALSE;
}

/**
 * prl_remote_job_suspend:
 *
 * Stops the job the way quitting does: it keeps its remote state and its
 * row stays running, to be resumed at the next start.
 */
void
prl_remote_job_suspend (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_REMOTE_JOB (self));
  g_atomic_int_set (&priv->suspended, TRUE);
  prl_job_cancel (PRL_JOB (self));
}

gboolean
prl_remote_job_is_suspended (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), FALSE);
  return g_atomic_int_get (&priv->suspended);
}

/**
 * prl_remote_job_set_detach_when_remote:
 *
 * Asks the job to suspend itself once its work runs on the service alone
 * (prl_remote_job_work_is_remote()), so that a caller that does not wait
 * (`parlance-cli train` without --wait) ends when nothing local is left.
 * Set it before that point; afterwards the job simply runs on.
 */
void
prl_remote_job_set_detach_when_remote (PrlRemoteJob *self, gboolean detach)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_REMOTE_JOB (self));
  g_atomic_int_set (&priv->detach, detach);
}

/**
 * prl_remote_job_work_is_remote:
 *
 * Called by a subclass, on its thread, when its work now runs on the
 * service alone (a training that Amazon started): suspends the job if
 * it was asked to detach then.
 */
void
prl_remote_job_work_is_remote (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_if_fail (PRL_IS_REMOTE_JOB (self));
  g_atomic_int_set (&priv->remote, TRUE);
  if (g_atomic_int_get (&priv->detach))
    prl_remote_job_suspend (self);
}

/**
 * prl_remote_job_get_work_is_remote:
 *
 * Returns: whether the job's work now runs on the service alone
 *   (prl_remote_job_work_is_remote() was called), so that cancelling it
 *   cannot stop what the service does
 */
gboolean
prl_remote_job_get_work_is_remote (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), FALSE);
  return g_atomic_int_get (&priv->remote);
}

/**
 * prl_remote_job_delete_when_done:
 *
 * The honest cancel of work a service cannot stop (a Transcribe
 * training): the job keeps following it and deletes its result on the
 * service when it ends, instead of keeping it. The subclass reads the
 * request with prl_remote_job_get_delete_when_done() on its thread and
 * saves it in its remote state, so that it survives a restart. Any thread.
 *
 * Returns: %FALSE when it comes too late: the job has already decided
 *   what to keep (prl_remote_job_close_delete_when_done())
 */
gboolean
prl_remote_job_delete_when_done (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), FALSE);
  g_atomic_int_compare_and_exchange (&priv->delete, DELETE_NONE, DELETE_ASKED);
  return g_atomic_int_get (&priv->delete) == DELETE_ASKED;
}

gboolean
prl_remote_job_get_delete_when_done (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), FALSE);
  return g_atomic_int_get (&priv->delete) == DELETE_ASKED;
}

/**
 * prl_remote_job_close_delete_when_done:
 *
 * The job's last look at the request, when it decides whether to keep
 * what the service made: a request after this is refused, so that none
 * is accepted and then ignored. Any thread.
 *
 * Returns: whether deleting was asked
 */
gboolean
prl_remote_job_close_delete_when_done (PrlRemoteJob *self)
{
  PrlRemoteJobPrivate *priv = prl_remote_job_get_instance_private (self);

  g_return_val_if_fail (PRL_IS_REMOTE_JOB (self), FALSE);
  g_atomic_int_compare_and_exchange (&priv->delete, DELETE_NONE, DELETE_CLOSED);
  return g_atomic_int_get (&priv->delete) == DELETE_ASKED;
}

/**
 * prl_remote_job_record_open:
 * @damaged: what the error says when the saved state cannot be read
 * @state: (out): the record's state, a JSON object
 *
 * For a kind's resume function: the record's model in @workspace and its
 * state. A record without a model, an account or a readable state fails.
 *
 * Returns: (transfer full) (nullable): the model
 */
PrlModel *
prl_remote_job_record_open (PrlWorkspace             *workspace,
                            const PrlRemoteJobRecord *record,
                            const char               *damaged,
                            JsonObject              **state,
                            GError                  **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GListModel *models = prl_workspace_get_models (workspace);
  JsonNode   *root;

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (models, i);

      if (prl_model_get_id (model) != record->model_id)
        continue;
      if (!json_parser_load_from_data (parser, record->state, -1, error))
        return NULL;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) || record->account == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, damaged);
          return NULL;
        }
      *state = json_object_ref (json_node_get_object (root));
      return g_steal_pointer (&model);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _ ("Its model no longer exists."));
  return NULL;
}

/* The registry of kinds. */

G_LOCK_DEFINE_STATIC (kinds);
static GHashTable *kinds;          /* kind → PrlRemoteJobResumeFunc */
static gboolean    resume_on_open; /* guarded by kinds */

/**
 * prl_remote_job_register_kind:
 *
 * Tells core how to rebuild a remote job of @kind, which it does not know
 * itself; the executables register the kinds at start.
 */
void
prl_remote_job_register_kind (const char *kind, PrlRemoteJobResumeFunc resume)
{
  g_return_if_fail (kind != NULL && resume != NULL);

  G_LOCK (kinds);
  if (kinds == NULL)
    kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (kinds, g_strdup (kind), resume);
  G_UNLOCK (kinds);
}

/* Providers that train on their own side. */
typedef struct
{
  char              *kind;
  PrlRemoteTrainFunc start;
} Trainer;

static GHashTable *trainers; /* provider id → Trainer; guarded by kinds */

static void
trainer_free (gpointer data)
{
  Trainer *trainer = data;

  g_free (trainer->kind);
  g_free (trainer);
}

/**
 * prl_remote_job_register_trainer:
 * @provider: a provider id, e.g. "aws-transcribe"
 * @kind: the kind of the remote jobs @start makes
 * @start: makes a training job for a model of @provider
 *
 * Tells core that @provider's models train remotely, as jobs of @kind,
 * rather than through PrlProvider's local train().
 */
void
prl_remote_job_register_trainer (const char        *provider,
                                 const char        *kind,
                                 PrlRemoteTrainFunc start)
{
  Trainer *trainer;

  g_return_if_fail (provider != NULL && kind != NULL && start != NULL);

  trainer = g_new0 (Trainer, 1);
  trainer->kind = g_strdup (kind);
  trainer->start = start;
  G_LOCK (kinds);
  if (trainers == NULL)
    trainers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, trainer_free);
  g_hash_table_insert (trainers, g_strdup (provider), trainer);
  G_UNLOCK (kinds);
}

/**
 * prl_remote_job_lookup_trainer:
 * @kind: (out) (optional): the kind of its training jobs
 *
 * Returns: (nullable): how @provider's models start a remote training,
 *   or %NULL for a provider that trains locally
 */
PrlRemoteTrainFunc
prl_remote_job_lookup_trainer (const char *provider, const char **kind)
{
  Trainer *trainer;

  G_LOCK (kinds);
  trainer = trainers != NULL && provider != NULL
                ? g_hash_table_lookup (trainers, provider)
                : NULL;
  G_UNLOCK (kinds);
  if (kind != NULL)
    *kind = trainer != NULL ? trainer->kind : NULL;
  return trainer != NULL ? trainer->start : NULL;
}

static PrlRemoteJobResumeFunc
lookup_kind (const char *kind)
{
  PrlRemoteJobResumeFunc resume;

  G_LOCK (kinds);
  resume = kinds != NULL ? g_hash_table_lookup (kinds, kind) : NULL;
  G_UNLOCK (kinds);
  return resume;
}

static GStrv
registered_kinds (void)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  G_LOCK (kinds);
  if (kinds != NULL)
    {
      GHashTableIter iter;
      gpointer       key;

      g_hash_table_iter_init (&iter, kinds);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_strv_builder_add (builder, key);
    }
  G_UNLOCK (kinds);
  return g_strv_builder_end (builder);
}

void
prl_remote_jobs_set_resume_on_open (gboolean resume)
{
  G_LOCK (kinds);
  resume_on_open = resume;
  G_UNLOCK (kinds);
}

gboolean
prl_remote_jobs_get_resume_on_open (void)
{
  gboolean resume;

  G_LOCK (kinds);
  resume = resume_on_open;
  G_UNLOCK (kinds);
  return resume;
}

/* The workspace's side. */

static void
claimed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  if (!(records
        = prl_store_claim_remote_jobs_finish (PRL_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      PrlRemoteJobRecord    *record = g_ptr_array_index (records, i);
      PrlRemoteJobResumeFunc resume = lookup_kind (record->kind);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (PrlJob) job = NULL;

      if (resume != NULL)
        job = resume (self, record, &local_error);
      if (job == NULL)
        {
          g_autoptr (GError) finish_error = NULL;
          const char *message = local_error != NULL
                                    ? local_error->message
                                    : _ ("This version of Parlance cannot continue it.");

          /* Blocks the main thread for one small UPDATE on this rare path. */
          g_message ("Could not resume the cloud job “%s”: %s", record->title, message);
          if (!prl_store_finish_remote_job_sync (prl_workspace_get_store (self),
                                                 record->id, PRL_REMOTE_JOB_FAILED, NULL,
                                                 message, &finish_error))
            g_warning ("%s", finish_error->message);
          continue;
        }
      _prl_remote_job_set_subject (job, record->model_id, record->kind);
      _prl_workspace_follow_remote_training (self, job);
      prl_job_manager_run (prl_workspace_get_job_manager (self), job);
      g_ptr_array_add (jobs, g_steal_pointer (&job));
    }

  g_task_return_pointer (task, g_steal_pointer (&jobs),
                         (GDestroyNotify)g_ptr_array_unref);
}

/**
 * prl_workspace_resume_remote_jobs_async:
 *
 * Resumes the remote jobs that a process which stopped left running.
 */
void
prl_workspace_resume_remote_jobs_async (PrlWorkspace       *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_auto (GStrv) names = registered_kinds ();
  GError *error = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_resume_remote_jobs_async);
  if (!_prl_workspace_check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  prl_store_claim_remote_jobs_async (prl_workspace_get_store (self),
                                     (const char *const *)names, cancellable, claimed_cb,
                                     g_steal_pointer (&task));
}

/**
 * prl_workspace_resume_remote_jobs_finish:
 *
 * Returns: (transfer full) (element-type PrlJob): the jobs started
 */
GPtrArray *
prl_workspace_resume_remote_jobs_finish (PrlWorkspace *self,
                                         GAsyncResult *result,
                                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
prl_workspace_suspend_remote_jobs (PrlWorkspace *self)
{
  GListModel *jobs;

  g_return_if_fail (PRL_IS_WORKSPACE (self));

  if (self->jobs == NULL)
    return;
  jobs = G_LIST_MODEL (self->jobs);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, i);

      gint64 id;

      if (!PRL_IS_REMOTE_JOB (job) || !prl_job_is_active (job))
        continue;
      prl_remote_job_suspend (PRL_REMOTE_JOB (job));
      /* The job releases its row itself when it stops, but the store may
       * be closed by then (the app quits): queued now, this runs first. */
      if ((id = prl_remote_job_get_id (PRL_REMOTE_JOB (job))) != 0)
        {
          RemoteCall *call = g_new0 (RemoteCall, 1);

          call->id = id;
          _prl_store_run_call (self->store, prl_workspace_suspend_remote_jobs,
                               release_call, call, (GDestroyNotify)remote_call_free, NULL,
                               NULL, NULL, NULL);
        }
    }
}
