/* prl-job-records.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-job-records"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-job-owner.h"
#include "prl-train-job.h"

#include "prl-job-records.h"
#include "prl-store-private.h"
#include "prl-train-private.h"

/* Crash safety of jobs. A job that marks state in the store (a model
 * Running) records a row in `jobs` in the same transaction: its kind, its
 * model, its owner (pid, boot id, start time: PrlJobOwner) and the state
 * to put back. The row goes when the job has settled the state. A process
 * killed mid-job leaves the row behind with an owner that no longer runs;
 * recovery, run when the workspace opens and again before a training is
 * refused, puts the state back, removes the job's scratch folder and the
 * model's temporary version folders (models/<id>/.tmp-*), and deletes the
 * row. Rows of live owners (another Parlance on the same workspace) are
 * left alone. A future kind adds its recovery to recover_rows().
 *
 * Files that must not outlive a killed process but need no row (the
 * decrypted audio an evaluation plays) go in the process's own scratch
 * folder, tmp/proc-<pid>-<start time>-<boot id>/ in the workspace, which
 * names its owner; recovery removes those of processes that are gone.
 */

typedef struct
{
  gint64       id;
  char        *kind;
  gint64       model_id; /* 0 for none */
  PrlJobOwner *owner;
  char        *previous_status; /* (nullable) */
  char        *previous_code;
  char        *previous_message;
  char        *scratch; /* (nullable): relative to the workspace folder */
  gboolean     alive;
} JobRow;

static void
job_row_free (gpointer data)
{
  JobRow *row = data;

  g_free (row->kind);
  prl_job_owner_free (row->owner);
  g_free (row->previous_status);
  g_free (row->previous_code);
  g_free (row->previous_message);
  g_free (row->scratch);
  g_free (row);
}

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Removes @path and everything below it; the folders are Parlance's. A
 * symbolic link is removed, never followed. */
void
_prl_job_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR)
      || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  if ((dir = g_dir_open (path, 0, NULL)))
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        _prl_job_remove_tree (child);
      }

  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));
}

static GPtrArray *
read_rows (sqlite3 *db, gint64 model_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (job_row_free);
  int rc;

  stmt = _prl_store_prepare (
      db,
      "SELECT id, kind, model_id, owner_pid, owner_boot_id, owner_start,"
      " previous_status, previous_code, previous_message, scratch FROM jobs"
      " WHERE ?1 = 0 OR model_id = ?1 ORDER BY id",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, model_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JobRow *row = g_new0 (JobRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->kind = dup_column (stmt, 1);
      row->model_id = sqlite3_column_int64 (stmt, 2);
      row->owner = prl_job_owner_new (sqlite3_column_int64 (stmt, 3),
                                      (const char *)sqlite3_column_text (stmt, 4),
                                      (guint64)sqlite3_column_int64 (stmt, 5));
      row->previous_status = dup_column (stmt, 6);
      row->previous_code = dup_column (stmt, 7);
      row->previous_message = dup_column (stmt, 8);
      row->scratch = dup_column (stmt, 9);
      row->alive = prl_job_owner_is_alive (row->owner);
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the workspace’s jobs"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Puts back the status a training found, unless something else has
 * settled it since. A failure keeps its reason; any other status is
 * settled again from the data, which may have changed meanwhile. */
static gboolean
restore_status (sqlite3    *db,
                gint64      model_id,
                const char *status,
                const char *code,
                const char *message,
                GError    **error)
{
  PrlTrainingStatus value = PRL_TRAINING_STATUS_READY_TO_RUN;

  if (status == NULL || !prl_training_status_from_nick (status, &value)
      || value == PRL_TRAINING_STATUS_RUNNING)
    value = PRL_TRAINING_STATUS_READY_TO_RUN;
  if (value != PRL_TRAINING_STATUS_FAILED)
    code = message = NULL;

  if (!_prl_store_write_status (db, model_id, prl_training_status_to_nick (value), code,
                                message, TRUE, error))
    return FALSE;

  if (sqlite3_changes (db) == 0 || value == PRL_TRAINING_STATUS_FAILED)
    return TRUE;
  return _prl_store_update_status (db, model_id, error);
}

static gboolean
delete_row (sqlite3 *db, gint64 job_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = _prl_store_prepare (db, "DELETE FROM jobs WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job_id);
  return _prl_store_step_done (db, stmt, _ ("update the workspace’s jobs"), error);
}

/* An upgrade is a training, with its own kind only so that the model
 * can say Upgrading. */
static gboolean
is_training_kind (const char *kind)
{
  return g_strcmp0 (kind, PRL_JOB_KIND_TRAIN) == 0
         || g_strcmp0 (kind, PRL_JOB_KIND_UPGRADE) == 0;
}

static gboolean
has_live_row (GPtrArray *rows, gint64 model_id, const char *kind)
{
  for (guint i = 0; i < rows->len; i++)
    {
      JobRow *row = g_ptr_array_index (rows, i);

      if (row->alive && row->model_id == model_id
          && (kind == NULL || g_strcmp0 (row->kind, kind) == 0
              || (g_strcmp0 (kind, PRL_JOB_KIND_TRAIN) == 0
                  && is_training_kind (row->kind))))
        return TRUE;
    }

  return FALSE;
}

/* Adds the temporary version folders of @model_id to @scratch. */
static void
list_model_scratch (const char *workspace_dir, gint64 model_id, GPtrArray *scratch)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, model_id);
  g_autofree char *path = g_build_filename (workspace_dir, "models", id, NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, ".tmp-"))
      g_ptr_array_add (scratch, g_build_filename (path, name, NULL));
}

/* The owner a process scratch folder's name gives, or NULL for a name
 * that is not one. */
static PrlJobOwner *
parse_process_scratch (const char *name)
{
  g_auto (GStrv) parts = NULL;
  guint64 pid, start_time;

  if (!g_str_has_prefix (name, "proc-"))
    return NULL;
  parts = g_strsplit (name + strlen ("proc-"), "-", 3);
  if (g_strv_length (parts) != 3
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT, &pid, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT64, &start_time, NULL))
    return NULL;
  return prl_job_owner_new ((gint64)pid, parts[2], start_time);
}

/* Adds the scratch folders of processes that are gone to @scratch. */
static void
list_process_scratch (const char *workspace_dir, GPtrArray *scratch)
{
  g_autofree char *tmp = g_build_filename (workspace_dir, "tmp", NULL);
  g_autoptr (GDir) dir = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autoptr (PrlJobOwner) owner = parse_process_scratch (name);

      if (owner != NULL && !prl_job_owner_is_alive (owner))
        g_ptr_array_add (scratch, g_build_filename (tmp, name, NULL));
    }
}

/**
 * _prl_job_scratch_dir:
 * @workspace_dir: the workspace folder
 *
 * The calling process's scratch folder in the workspace, created if
 * needed: for files that must not outlive the process. Whoever writes
 * there removes its files when done; a killed process's folder goes at
 * the next opening of the workspace.
 *
 * Returns: (transfer full) (nullable): the folder, or %NULL with @error
 *   set when it cannot be created (a read-only workspace)
 */
char *
_prl_job_scratch_dir (const char *workspace_dir, GError **error)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  /* The boot id is a UUID; its first group is enough to tell boots apart
   * and keeps the name short. */
  name = g_strdup_printf ("proc-%" G_GINT64_FORMAT "-%" G_GUINT64_FORMAT "-%.8s",
                          self->pid, self->start_time,
                          self->boot_id[0] ? self->boot_id : "0");
  path = g_build_filename (workspace_dir, "tmp", name, NULL);
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not create the folder “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* The transactional half of recovery, for every model (@model_id 0) or
 * one: settles the state of stale rows and deletes them, and lists in
 * @scratch what to remove once the transaction committed. */
static gboolean
recover_rows (sqlite3    *db,
              const char *workspace_dir,
              gint64      model_id,
              GPtrArray  *scratch,
              guint      *n_recovered,
              GError    **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GArray) running = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(rows = read_rows (db, model_id, error)))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      JobRow *row = g_ptr_array_index (rows, i);

      if (row->alive)
        continue;

      if (is_training_kind (row->kind) && row->model_id != 0
          && !has_live_row (rows, row->model_id, PRL_JOB_KIND_TRAIN)
          && !restore_status (db, row->model_id, row->previous_status, row->previous_code,
                              row->previous_message, error))
        return FALSE;

      if (row->scratch != NULL && row->scratch[0] != '\0')
        g_ptr_array_add (scratch, g_build_filename (workspace_dir, row->scratch, NULL));
      if (!delete_row (db, row->id, error))
        return FALSE;
      (*n_recovered)++;
    }

  /* A model left Running with no row at all: a workspace from before
   * rows were kept, or a row lost with its model's deletion. A cloud
   * service's training (a running remote job) stays Running. */
  stmt = _prl_store_prepare (db,
                             "SELECT id FROM models WHERE (?1 = 0 OR id = ?1)"
                             " AND status = 'running' AND id NOT IN (SELECT model_id"
                             " FROM remote_jobs WHERE status = 'running')",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!has_live_row (rows, id, PRL_JOB_KIND_TRAIN))
        g_array_append_val (running, id);
    }
  if (rc != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("read the models"));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < running->len; i++)
    {
      if (!restore_status (db, g_array_index (running, gint64, i), NULL, NULL, NULL,
                           error))
        return FALSE;
      (*n_recovered)++;
    }

  /* Temporary version folders of models no live training writes to. */
  if (model_id != 0)
    {
      if (!has_live_row (rows, model_id, NULL))
        list_model_scratch (workspace_dir, model_id, scratch);
    }
  else
    {
      g_autofree char *models_dir = g_build_filename (workspace_dir, "models", NULL);
      g_autoptr (GDir) dir = g_dir_open (models_dir, 0, NULL);
      const char *name;

      list_process_scratch (workspace_dir, scratch);

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          guint64 id;

          if (g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT64, &id, NULL)
              && !has_live_row (rows, (gint64)id, NULL))
            list_model_scratch (workspace_dir, (gint64)id, scratch);
        }
    }

  return TRUE;
}

static void
remove_scratch (GPtrArray *scratch)
{
  for (guint i = 0; i < scratch->len; i++)
    {
      const char *path = g_ptr_array_index (scratch, i);

      g_debug ("Removing what a stopped job left: %s", path);
      _prl_job_remove_tree (path);
    }
}

/**
 * _prl_job_records_recover:
 * @workspace_dir: the workspace folder
 *
 * Puts back what jobs of processes that no longer run left behind: their
 * model states, scratch folders and temporary version folders. Runs on
 * the store's thread of a writable store.
 *
 * Returns: how many stale jobs were recovered, or G_MAXUINT with @error set
 */
guint
_prl_job_records_recover (sqlite3 *db, const char *workspace_dir, GError **error)
{
  g_autoptr (GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  guint n_recovered = 0;

  if (!_prl_store_begin (db, error))
    return G_MAXUINT;
  if (!recover_rows (db, workspace_dir, 0, scratch, &n_recovered, error))
    {
      _prl_store_rollback (db);
      return G_MAXUINT;
    }
  if (!_prl_store_commit (db, error))
    return G_MAXUINT;

  remove_scratch (scratch);
  return n_recovered;
}

/**
 * _prl_job_records_model_is_busy:
 * @busy: (out): whether a running job holds the model
 */
gboolean
_prl_job_records_model_is_busy (sqlite3  *db,
                                gint64    model_id,
                                gboolean *busy,
                                GError  **error)
{
  g_autoptr (GPtrArray) rows = read_rows (db, model_id, error);

  if (rows == NULL)
    return FALSE;
  *busy = has_live_row (rows, model_id, NULL);
  return TRUE;
}

static gboolean
insert_row (sqlite3    *db,
            const char *kind,
            gint64      model_id,
            const char *previous_status,
            const char *previous_code,
            const char *previous_message,
            const char *scratch,
            gint64     *job_id,
            GError    **error)
{
  g_autoptr (PrlJobOwner) owner = prl_job_owner_new_self ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = _prl_store_prepare (
      db,
      "INSERT INTO jobs (kind, model_id, owner_pid, owner_boot_id, owner_start,"
      " previous_status, previous_code, previous_message, scratch, started)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (model_id != 0)
    sqlite3_bind_int64 (stmt, 2, model_id);
  sqlite3_bind_int64 (stmt, 3, owner->pid);
  sqlite3_bind_text (stmt, 4, owner->boot_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, (gint64)owner->start_time);
  sqlite3_bind_text (stmt, 6, previous_status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, previous_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, previous_message, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, scratch, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, g_get_real_time ());
  if (!_prl_store_step_done (db, stmt, _ ("record the job"), error))
    return FALSE;

  *job_id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

typedef struct
{
  char          *workspace_dir;
  char          *kind;
  char          *scratch;
  gint64         model_id;
  gboolean       force;
  PrlTrainClaim *claim; /* (unowned) */
  gint64         job_id;
} ClaimCall;

static void
claim_call_free (ClaimCall *call)
{
  g_free (call->workspace_dir);
  g_free (call->kind);
  g_free (call->scratch);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClaimCall, claim_call_free)

static gpointer
claim_training_call (sqlite3 *db, gpointer data, GError **error)
{
  ClaimCall *call = data;
  g_autoptr (GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (PrlModel) found = NULL;
  PrlTrainClaim *claim = call->claim;
  guint          n_recovered = 0;

  if (!_prl_store_begin (db, error))
    return NULL;

  /* A Running left by a killed process must not refuse the training. */
  if (!recover_rows (db, call->workspace_dir, call->model_id, scratch, &n_recovered,
                     error))
    goto fail;

  if (!(found = _prl_store_read_model (db, call->model_id, error)))
    goto fail;
  if (!_prl_train_check_status (prl_model_get_status (found), prl_model_get_name (found),
                                call->force, error))
    goto fail;

  claim->previous_status = prl_model_get_status (found);
  claim->previous_code = g_strdup (prl_model_get_failure_code (found));
  claim->previous_message = g_strdup (prl_model_get_failure_message (found));
  if (!insert_row (db, call->kind, call->model_id,
                   prl_training_status_to_nick (claim->previous_status),
                   claim->previous_code, claim->previous_message, NULL, &claim->job_id,
                   error))
    goto fail;

  stmt = _prl_store_prepare (
      db, "UPDATE models SET status = 'running', modified = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, call->model_id);
  if (!_prl_store_step_done (db, stmt, _ ("update the model"), error)
      || !_prl_store_commit (db, error))
    goto fail;

  remove_scratch (scratch);
  return _prl_store_read_model (db, call->model_id, error);

fail:
  _prl_store_rollback (db);
  return NULL;
}

void
_prl_train_claim_clear (PrlTrainClaim *claim)
{
  g_clear_pointer (&claim->previous_code, g_free);
  g_clear_pointer (&claim->previous_message, g_free);
}

/**
 * _prl_store_claim_training_sync:
 * @force: train even if nothing changed since the last success
 * @upgrade: the training upgrades a version (the model shows Upgrading)
 * @claim: (out caller-allocates): the job's row and the status it found
 *
 * Marks the model Running and records this process as the training's
 * owner, in one transaction, after recovering what a stopped training of
 * the model left. Refused (%PRL_TRAIN_ERROR) while a live training holds
 * the model, or when the model's status forbids it. Release the row with
 * _prl_store_release_job_sync() once the status is settled.
 *
 * Returns: (transfer full): the model as saved
 */
PrlModel *
_prl_store_claim_training_sync (PrlStore      *store,
                                gint64         model_id,
                                gboolean       force,
                                gboolean       upgrade,
                                PrlTrainClaim *claim,
                                GError       **error)
{
  g_autoptr (ClaimCall) call = g_new0 (ClaimCall, 1);

  memset (claim, 0, sizeof *claim);
  call->kind = g_strdup (upgrade ? PRL_JOB_KIND_UPGRADE : PRL_JOB_KIND_TRAIN);
  call->workspace_dir = g_strdup (prl_store_get_directory (store));
  call->model_id = model_id;
  call->force = force;
  call->claim = claim;
  return _prl_store_call (store, claim_training_call, call, error);
}

static gpointer
claim_job_call (sqlite3 *db, gpointer data, GError **error)
{
  ClaimCall *call = data;

  if (!insert_row (db, call->kind, call->model_id, NULL, NULL, NULL, call->scratch,
                   &call->job_id, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * _prl_store_claim_job_sync:
 * @kind: the job's kind
 * @model_id: its model, or 0
 * @scratch: (nullable): a folder, relative to the workspace folder, that
 *   the job may leave behind when its process is killed
 *
 * Records this process as the owner of a job that changes no model state
 * but may leave @scratch behind.
 *
 * Returns: the row's id, or 0 with @error set
 */
gint64
_prl_store_claim_job_sync (PrlStore   *store,
                           const char *kind,
                           gint64      model_id,
                           const char *scratch,
                           GError    **error)
{
  g_autoptr (ClaimCall) call = g_new0 (ClaimCall, 1);

  g_return_val_if_fail (kind != NULL, 0);
  g_return_val_if_fail (scratch == NULL || !g_path_is_absolute (scratch), 0);

  call->kind = g_strdup (kind);
  call->model_id = model_id;
  call->scratch = g_strdup (scratch);
  if (_prl_store_call (store, claim_job_call, call, error) == NULL)
    return 0;
  return call->job_id;
}

static gpointer
release_call (sqlite3 *db, gpointer data, GError **error)
{
  if (!delete_row (db, *(gint64 *)data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * _prl_store_release_job_sync:
 *
 * Deletes a job's row once it has settled what it marked.
 */
gboolean
_prl_store_release_job_sync (PrlStore *store, gint64 job_id, GError **error)
{
  return _prl_store_call (store, release_call, &job_id, error) != NULL;
}
