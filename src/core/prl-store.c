/* prl-store.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-core-enums.h"
#include "prl-job-records.h"
#include "prl-store-private.h"

/* PrlStore owns the workspace's SQLite database. One worker thread opens
 * the connection and runs every statement, one GTask after another, so
 * the connection is never shared and the main thread never blocks on the
 * disk. Every _async() function queues its work with _prl_store_run_call();
 * jobs on their own threads use the blocking _prl_store_call(). The tables
 * and their migrations are in prl-store-schema.c, the operations in
 * prl-store-models.c, -datasets.c, -versions.c, -eval.c and -crypt.c.
 *
 * Opening is careful not to change a file it does not understand: a
 * damaged database or one from a newer Parlance is reported before
 * anything is written. A workspace that cannot be written opens read-only:
 * everything can be read, and each write is refused with what to do.
 */

struct _PrlStore
{
  GObject parent_instance;

  char         *directory; /* (owned) */
  char         *path;      /* (owned) */
  GThread      *thread;    /* (owned) (nullable): NULL once closed */
  GAsyncQueue  *queue;     /* (owned): StoreItem */
  GMutex        lock;      /* orders pushes from other threads against close */
  guint         schema_version;
  PrlRole       role;
  char         *workspace_id; /* (owned) */
  gboolean      encrypt_blobs;
  gboolean      read_only;
  PrlBlobStore *blobs; /* (owned) */
};

/* Everything the worker thread owns. It outlives the store when the last
 * reference to the store is dropped on the worker itself.
 */
typedef struct
{
  GAsyncQueue *queue; /* (owned) */
  sqlite3     *db;    /* (owned) (nullable) */
} Worker;

typedef enum
{
  ITEM_CALL,
  ITEM_OPEN,
  ITEM_SYNC,
  ITEM_STOP,
} ItemKind;

/* A blocking call from another worker thread (a job), see _prl_store_call. */
typedef struct
{
  PrlStoreSyncFunc func;
  gpointer         data;
  gpointer         result;
  GError          *error;
  gboolean         done;
  GMutex           lock;
  GCond            cond;
} SyncCall;

typedef struct
{
  ItemKind         kind;
  GTask           *task;        /* (owned) (nullable) */
  SyncCall        *call;        /* (unowned) (nullable) */
  PrlStoreSyncFunc sync_func;   /* for ITEM_CALL */
  GDestroyNotify   result_free; /* for ITEM_CALL; NULL for a boolean result */
} StoreItem;

G_DEFINE_FINAL_TYPE (PrlStore, prl_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (PrlStoreErrorQuark, prl_store_error)

gboolean
_prl_store_set_error (sqlite3 *db, int rc, GError **error, const char *what)
{
  int         primary = rc & 0xff;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CORRUPT,
                   _ ("The workspace database is damaged (%s)"), detail);
      break;

    case SQLITE_READONLY:
      {
        const char      *file = db ? sqlite3_db_filename (db, "main") : NULL;
        g_autofree char *folder = file && *file ? g_path_get_dirname (file) : NULL;

        g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
                     _ ("The workspace “%s” is read-only, so nothing can be changed "
                        "in it. Make the folder and its parlance.db writable, then try "
                        "again"),
                     folder ? folder : "");
      }
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
                   _ ("The workspace cannot be written (%s); check the folder’s "
                      "permissions"),
                   detail);
      break;

    case SQLITE_FULL:
      g_set_error_literal (error, PRL_STORE_ERROR, PRL_STORE_ERROR_FAILED,
                           _ ("The disk is full; free some space and try again"));
      break;

    default:
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_FAILED, _ ("Could not %s: %s"),
                   what, detail);
      break;
    }

  return FALSE;
}

sqlite3_stmt *
_prl_store_prepare (sqlite3 *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _prl_store_set_error (db, rc, error, _ ("read the workspace"));
      return NULL;
    }

  return stmt;
}

gboolean
_prl_store_exec (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _prl_store_set_error (db, rc, error, _ ("update the workspace"));

  return TRUE;
}

/* Reads the one number @sql returns. */
gboolean
_prl_store_query_uint (sqlite3 *db, const char *sql, guint *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _prl_store_prepare (db, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prl_store_set_error (db, rc, error, _ ("read the workspace"));

  *value = (guint)sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Runs @stmt, which returns no rows; @what completes "Could not …". */
gboolean
_prl_store_step_done (sqlite3 *db, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, what);
  return TRUE;
}

gboolean
_prl_store_begin (sqlite3 *db, GError **error)
{
  return _prl_store_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
_prl_store_commit (sqlite3 *db, GError **error)
{
  if (!_prl_store_exec (db, "COMMIT", error))
    {
      _prl_store_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
_prl_store_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

GDateTime *
_prl_store_time_from_usec (gint64 usec)
{
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static void open_worker (Worker *worker, GTask *task);

static gpointer
run_sync_func (Worker *worker, PrlStoreSyncFunc func, gpointer data, GError **error)
{
  if (worker->db == NULL)
    {
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CLOSED,
                   _ ("The workspace is not open"));
      return NULL;
    }

  return func (worker->db, data, error);
}

/* The worker-thread body of _prl_store_run_call(). */
static void
run_call (Worker *worker, StoreItem *item)
{
  GError  *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (item->task))
    return;

  result = run_sync_func (worker, item->sync_func, g_task_get_task_data (item->task),
                          &error);
  if (result == NULL)
    g_task_return_error (item->task, error);
  else if (item->result_free == NULL)
    g_task_return_boolean (item->task, TRUE);
  else
    g_task_return_pointer (item->task, result, item->result_free);
}

static gpointer
store_worker (gpointer data)
{
  Worker  *worker = data;
  gboolean running = TRUE;

  while (running)
    {
      StoreItem *item = g_async_queue_pop (worker->queue);

      switch (item->kind)
        {
        case ITEM_STOP:
          running = FALSE;
          break;

        case ITEM_OPEN:
          open_worker (worker, item->task);
          break;

        case ITEM_SYNC:
          item->call->result = run_sync_func (worker, item->call->func, item->call->data,
                                              &item->call->error);
          g_mutex_lock (&item->call->lock);
          item->call->done = TRUE;
          g_cond_signal (&item->call->cond);
          g_mutex_unlock (&item->call->lock);
          break;

        case ITEM_CALL:
          run_call (worker, item);
          break;

        default:
          g_assert_not_reached ();
        }

      /* This may drop the last reference to the store; its dispose copes. */
      g_clear_object (&item->task);
      g_free (item);
    }

  /* The connection is closed on the thread that opened it. */
  g_clear_pointer (&worker->db, sqlite3_close_v2);
  g_async_queue_unref (worker->queue);
  g_free (worker);

  return NULL;
}

static void
push_item (PrlStore *self, ItemKind kind, GTask *task)
{
  StoreItem *item = g_new0 (StoreItem, 1);

  item->kind = kind;
  item->task = task ? g_object_ref (task) : NULL;
  g_async_queue_push (self->queue, item);
}

/* Pushes @item unless the store is closed; nothing can then be queued
 * after the worker's stop item and wait forever. */
static gboolean
push_if_open (PrlStore *self, StoreItem *item)
{
  gboolean open;

  g_mutex_lock (&self->lock);
  if ((open = self->thread != NULL))
    g_async_queue_push (self->queue, item);
  g_mutex_unlock (&self->lock);

  return open;
}

/* Queues @item, which holds a reference to its task, or completes the
 * task with an error if the store is closed. */
static void
push_task_item (PrlStore *self, StoreItem *item)
{
  if (!push_if_open (self, item))
    {
      g_task_return_new_error (item->task, PRL_STORE_ERROR, PRL_STORE_ERROR_CLOSED,
                               _ ("The workspace is closed"));
      g_object_unref (item->task);
      g_free (item);
    }
}

/**
 * _prl_store_run_call:
 * @source_tag: the public _async() function, set as the task's source tag
 * @func: runs on the store's thread with @data, as for _prl_store_call()
 * @data: (transfer full) (nullable): set as the task's data
 * @data_free: (nullable): frees @data with the task
 * @result_free: (nullable): frees what @func returns; %NULL when @func
 *   returns a boolean as a pointer
 *
 * The one way the store's _async() functions reach the database: queues
 * @func without holding any thread while it waits. The task, whose source
 * object is @self, completes on the caller's context with @func's error
 * when it returns %NULL, otherwise %TRUE (g_task_return_boolean()) if
 * @result_free is %NULL, else the pointer (g_task_return_pointer()).
 * Job threads use the blocking twin, _prl_store_call().
 */
void
_prl_store_run_call (PrlStore           *self,
                     gpointer            source_tag,
                     PrlStoreSyncFunc    func,
                     gpointer            data,
                     GDestroyNotify      data_free,
                     GDestroyNotify      result_free,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  StoreItem *item;

  g_return_if_fail (PRL_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);

  item = g_new0 (StoreItem, 1);
  item->kind = ITEM_CALL;
  item->task = g_object_ref (task);
  item->sync_func = func;
  item->result_free = result_free;
  push_task_item (self, item);
}

/* The _finish() half of _prl_store_run_call(), for a pointer result. */
gpointer
_prl_store_finish_pointer (PrlStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The _finish() half of _prl_store_run_call(), for a boolean result. */
gboolean
_prl_store_finish_boolean (PrlStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * _prl_store_call:
 *
 * Runs @func on the store's thread and waits for it. Only for threads
 * other than the main one and the store's own (jobs running in a worker),
 * which may block.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer
_prl_store_call (PrlStore *self, PrlStoreSyncFunc func, gpointer data, GError **error)
{
  StoreItem *item;
  SyncCall   call = { func, data, NULL, NULL, FALSE };

  g_return_val_if_fail (PRL_IS_STORE (self), NULL);

  g_mutex_init (&call.lock);
  g_cond_init (&call.cond);

  item = g_new0 (StoreItem, 1);
  item->kind = ITEM_SYNC;
  item->call = &call;
  if (!push_if_open (self, item))
    {
      g_free (item);
      g_mutex_clear (&call.lock);
      g_cond_clear (&call.cond);
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CLOSED,
                   _ ("The workspace is closed"));
      return NULL;
    }

  g_mutex_lock (&call.lock);
  while (!call.done)
    g_cond_wait (&call.cond, &call.lock);
  g_mutex_unlock (&call.lock);

  g_mutex_clear (&call.lock);
  g_cond_clear (&call.cond);

  if (call.error != NULL)
    g_propagate_error (error, call.error);
  return call.result;
}

/**
 * prl_store_close:
 * @self: a #PrlStore
 *
 * Finishes the queued operations, closes the database and stops the
 * worker thread. Operations started afterwards fail with
 * %PRL_STORE_ERROR_CLOSED.
 */
void
prl_store_close (PrlStore *self)
{
  GThread *thread;

  g_return_if_fail (PRL_IS_STORE (self));

  g_mutex_lock (&self->lock);
  thread = g_steal_pointer (&self->thread);
  if (thread != NULL)
    push_item (self, ITEM_STOP, NULL);
  g_mutex_unlock (&self->lock);

  if (thread == NULL)
    return;

  if (g_thread_self () == thread)
    g_thread_unref (thread);
  else
    g_thread_join (thread);
}

static void
prl_store_dispose (GObject *object)
{
  prl_store_close (PRL_STORE (object));

  G_OBJECT_CLASS (prl_store_parent_class)->dispose (object);
}

static void
prl_store_finalize (GObject *object)
{
  PrlStore *self = PRL_STORE (object);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->workspace_id, g_free);
  g_clear_object (&self->blobs);

  G_OBJECT_CLASS (prl_store_parent_class)->finalize (object);
}

static void
prl_store_class_init (PrlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prl_store_dispose;
  object_class->finalize = prl_store_finalize;
}

static void
prl_store_init (PrlStore *self)
{
  self->queue = g_async_queue_new ();
  self->role = PRL_ROLE_ORGADMIN;
  g_mutex_init (&self->lock);
}

typedef struct
{
  char    *directory; /* (owned) */
  char    *path;      /* (owned) */
  guint    schema_version;
  PrlRole  role;
  char    *workspace_id; /* (owned) */
  gboolean encrypt_blobs;
  gboolean read_only;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *od = data;

  g_free (od->directory);
  g_free (od->path);
  g_free (od->workspace_id);
  g_free (od);
}

static gboolean
check_integrity (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *result;
  int         rc;

  if (!(stmt = _prl_store_prepare (db, "PRAGMA integrity_check (1)", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prl_store_set_error (db, rc, error, _ ("check the workspace"));

  result = (const char *)sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_autofree char *first = g_strdup (result ? result : "");

      /* SQLite's report can run over many lines; the first says enough. */
      g_strdelimit (first, "\n", '\0');
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CORRUPT,
                   _ ("The integrity check found damage: %s"), first);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_workspace (sqlite3 *db, OpenData *od, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!(stmt = _prl_store_prepare (db,
                                   "SELECT owner_role, uuid, encrypt_blobs FROM workspace"
                                   " WHERE id = 1",
                                   error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW
      || !prl_role_from_string ((const char *)sqlite3_column_text (stmt, 0), &od->role)
      || sqlite3_column_text (stmt, 1) == NULL)
    {
      g_set_error_literal (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CORRUPT,
                           _ ("The workspace has no valid owner role"));
      return FALSE;
    }

  od->workspace_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  od->encrypt_blobs = sqlite3_column_int (stmt, 2) != 0;
  return TRUE;
}

/* Opens @path for reading only. A WAL database needs its -shm file,
 * which a read-only folder cannot get; then the file is read as immutable,
 * which is safe because no one can write it there either. */
static int
open_read_only (const char *path, gboolean immutable, sqlite3 **db)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri
      = g_strconcat ("file:", escaped, immutable ? "?immutable=1" : "?mode=ro", NULL);

  return sqlite3_open_v2 (
      uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
}

/* Opens the connection: read-write, or read-only when the workspace
 * cannot be written. Sets @existed to whether the database was there.
 */
static sqlite3 *
connect_database (OpenData *od, gboolean *existed, GError **error)
{
  sqlite3 *db = NULL;
  guint    version = 0;
  int      rc;

  if (g_mkdir_with_parents (od->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
                   _ ("Could not create the workspace folder “%s”: %s. Choose a folder "
                      "you can write to with --workspace"),
                   od->directory, g_strerror (saved_errno));
      return NULL;
    }

  *existed = g_file_test (od->path, G_FILE_TEST_EXISTS);

  /* SQLite needs to create its -wal and -shm files beside the database. */
  od->read_only = g_access (od->directory, W_OK) != 0
                  || (*existed && g_access (od->path, W_OK) != 0);
  if (od->read_only && !*existed)
    {
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
                   _ ("The workspace folder “%s” is read-only, so Parlance cannot save "
                      "models there. Make it writable, or choose another folder with "
                      "--workspace"),
                   od->directory);
      return NULL;
    }

  if (od->read_only)
    rc = open_read_only (od->path, FALSE, &db);
  else
    rc = sqlite3_open_v2 (
        od->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
        NULL);
  if (rc != SQLITE_OK)
    {
      _prl_store_set_error (db, rc, error, _ ("open the workspace"));
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, TRUE);

  if (od->read_only && !_prl_store_query_uint (db, "PRAGMA user_version", &version, NULL))
    {
      sqlite3_close_v2 (db);
      db = NULL;
      if ((rc = open_read_only (od->path, TRUE, &db)) != SQLITE_OK)
        {
          _prl_store_set_error (db, rc, error, _ ("open the workspace"));
          sqlite3_close_v2 (db);
          return NULL;
        }
      sqlite3_extended_result_codes (db, TRUE);
    }

  return db;
}

/* A read-only workspace is read as it is, so it must be up to date. */
static gboolean
prepare_for_reading (sqlite3 *db, OpenData *od, guint version, GError **error)
{
  if (version < prl_store_get_latest_schema_version ())
    {
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
                   _ ("The workspace “%s” is read-only, and this version of "
                      "Parlance must upgrade it before reading it. Make the folder "
                      "and its parlance.db writable, then try again"),
                   od->directory);
      return FALSE;
    }
  return _prl_store_exec (db, "PRAGMA foreign_keys = ON", error)
         && read_workspace (db, od, error);
}

/* The first writes: the journal and the schema brought up to date, then
 * whatever jobs of killed processes left behind put right. */
static gboolean
prepare_for_writing (sqlite3 *db, OpenData *od, guint version, GError **error)
{
  g_autoptr (GError) recover_error = NULL;

  if (!_prl_store_exec (db, "PRAGMA journal_mode = WAL", error)
      || !_prl_store_exec (db, "PRAGMA foreign_keys = ON", error)
      || !_prl_store_exec (db, "PRAGMA synchronous = NORMAL", error)
      || !_prl_store_migrate (db, version, error) || !read_workspace (db, od, error))
    return FALSE;

  if (_prl_job_records_recover (db, od->directory, &recover_error) == G_MAXUINT)
    g_warning ("Could not recover stopped jobs: %s", recover_error->message);
  return TRUE;
}

/* Everything up to the first write only reads, so a database that turns
 * out damaged, foreign or too new is left exactly as it was.
 */
static gboolean
open_database (Worker *worker, OpenData *od, GError **error)
{
  sqlite3 *db;
  gboolean existed = FALSE;
  guint    version = 0;

  if (!(db = connect_database (od, &existed, error)))
    return FALSE;

  if (!_prl_store_check_schema (db, &version, error)
      || (existed && !check_integrity (db, od->path, error))
      || !(od->read_only ? prepare_for_reading (db, od, version, error)
                         : prepare_for_writing (db, od, version, error)))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }

  od->schema_version = prl_store_get_latest_schema_version ();
  worker->db = db;
  return TRUE;
}

static void
open_worker (Worker *worker, GTask *task)
{
  OpenData *od = g_task_get_task_data (task);
  GError   *error = NULL;

  if (open_database (worker, od, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CORRUPT))
    g_prefix_error (&error,
                    _ ("Parlance cannot open the workspace database “%s” and has not "
                       "changed it. Restore it from a backup, or move it aside to start "
                       "an empty workspace. "),
                    od->path);

  g_task_return_error (task, error);
}

/**
 * prl_store_open_async:
 * @directory: the workspace folder; created if missing
 *
 * Opens (creating or upgrading as needed) the database `parlance.db` in
 * @directory on a new worker thread.
 */
void
prl_store_open_async (const char         *directory,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr (PrlStore) self = NULL;
  g_autoptr (GTask) task = NULL;
  OpenData *od;
  Worker   *worker;

  g_return_if_fail (directory != NULL);

  self = g_object_new (PRL_TYPE_STORE, NULL);
  self->directory = g_canonicalize_filename (directory, NULL);
  self->path = g_build_filename (self->directory, "parlance.db", NULL);
  {
    g_autofree char *blobs = g_build_filename (self->directory, "blobs", NULL);

    self->blobs = prl_blob_store_new (blobs);
  }

  od = g_new0 (OpenData, 1);
  od->directory = g_strdup (self->directory);
  od->path = g_strdup (self->path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_store_open_async);
  g_task_set_task_data (task, od, open_data_free);

  worker = g_new0 (Worker, 1);
  worker->queue = g_async_queue_ref (self->queue);
  self->thread = g_thread_new ("prl-store", store_worker, worker);

  push_item (self, ITEM_OPEN, task);
}

/**
 * prl_store_open_finish:
 *
 * Returns: (transfer full): the open store, or %NULL with @error set
 */
PrlStore *
prl_store_open_finish (GAsyncResult *result, GError **error)
{
  GTask    *task = G_TASK (result);
  PrlStore *self = g_task_get_source_object (task);
  OpenData *od;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == prl_store_open_async, NULL);

  if (!g_task_propagate_boolean (task, error))
    return NULL;

  od = g_task_get_task_data (task);
  self->schema_version = od->schema_version;
  self->role = od->role;
  self->workspace_id = g_strdup (od->workspace_id);
  self->encrypt_blobs = od->encrypt_blobs;
  self->read_only = od->read_only;
  /* Staging files of imports whose process was killed. */
  if (!self->read_only)
    prl_blob_store_clean_temporary (self->blobs);

  return g_object_ref (self);
}

const char *
prl_store_get_directory (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), NULL);
  return self->directory;
}

/**
 * prl_store_is_read_only:
 *
 * Whether the workspace could only be opened for reading, because its
 * folder or database cannot be written; every write then fails with
 * %PRL_STORE_ERROR_READ_ONLY.
 */
gboolean
prl_store_is_read_only (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), FALSE);
  return self->read_only;
}

guint
prl_store_get_schema_version (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * prl_store_get_blob_store:
 *
 * Returns: (transfer none): where the workspace keeps dataset copies
 */
PrlBlobStore *
prl_store_get_blob_store (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), NULL);
  return self->blobs;
}

/**
 * prl_store_get_workspace_id:
 *
 * A random id made when the workspace was created; it names the
 * workspace's key in the keyring.
 */
const char *
prl_store_get_workspace_id (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), NULL);
  return self->workspace_id;
}

gboolean
prl_store_get_encrypt_blobs (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), FALSE);
  return self->encrypt_blobs;
}

void
_prl_store_set_encrypt_blobs_cached (PrlStore *self, gboolean encrypt)
{
  self->encrypt_blobs = encrypt;
}

PrlRole
prl_store_get_role (PrlStore *self)
{
  g_return_val_if_fail (PRL_IS_STORE (self), PRL_ROLE_MEMBER);
  return self->role;
}

static gpointer
set_role_call (sqlite3 *db, gpointer data, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _prl_store_prepare (db, "UPDATE workspace SET owner_role = ? WHERE id = 1",
                                   error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, prl_role_to_string (GPOINTER_TO_INT (data)), -1,
                     SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("save the workspace role"));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

void
prl_store_set_role_async (PrlStore           *self,
                          PrlRole             role,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (PRL_IS_STORE (self));
  g_return_if_fail (role <= PRL_ROLE_MEMBER);

  _prl_store_run_call (self, prl_store_set_role_async, set_role_call,
                       GINT_TO_POINTER (role), NULL, NULL, cancellable, callback,
                       user_data);
}

gboolean
prl_store_set_role_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  self->role = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

static const char *const role_names[] = {
  [PRL_ROLE_ORGADMIN] = "ORGADMIN",
  [PRL_ROLE_SYSOP] = "SYSOP",
  [PRL_ROLE_MEMBER] = "MEMBER",
};

const char *
prl_role_to_string (PrlRole role)
{
  g_return_val_if_fail (role <= PRL_ROLE_MEMBER, NULL);
  return role_names[role];
}

gboolean
prl_role_from_string (const char *str, PrlRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      if (g_strcmp0 (str, role_names[i]) == 0)
        {
          *role = (PrlRole)i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
prl_role_get_label (PrlRole role)
{
  switch (role)
    {
    case PRL_ROLE_ORGADMIN:
      return _ ("Organization Admin");
    case PRL_ROLE_SYSOP:
      return _ ("System Operator");
    case PRL_ROLE_MEMBER:
      return _ ("Member");
    default:
      g_return_val_if_reached (NULL);
    }
}
