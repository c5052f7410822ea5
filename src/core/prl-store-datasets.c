/* prl-store-datasets.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store-datasets"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-dataset-group.h"
#include "prl-provider-info.h"
#include "prl-store-private.h"

/* The dataset operations of PrlStore. Import jobs call the *_sync
 * functions from their worker thread; the UI uses the async ones. Every
 * change to a model's datasets also settles its training status in the
 * same transaction: Ready to Run when its trainable data differs from
 * what it was last trained on, Not Running when it has none.
 */

/* A file's row with its dataset's id and name, in the order of
 * dataset_from_row(). */
#define DATASET_COLUMNS                                                                  \
  "f.id, d.model_id, f.name, f.type, f.sha256, f.size, f.encrypted, f.duration, "        \
  "f.sample_rate, f.channels, f.codec, f.n_lines, f.n_words, f.started, f.ended, "       \
  "d.id, d.name, f.position, f.source, d.provenance"
#define DATASET_FROM "dataset_files f JOIN datasets d ON d.id = f.dataset_id"

typedef struct
{
  PrlBlobStore *blobs; /* (owned) */
  gint64        model_id;
  gint64        dataset_id;
  GPtrArray    *datasets; /* (owned) (nullable) */
  PrlModel     *model;    /* (owned) (nullable): result */
  gboolean      encrypt;
} DatasetCall;

static void
dataset_call_free (DatasetCall *call)
{
  g_clear_object (&call->blobs);
  g_clear_pointer (&call->datasets, g_ptr_array_unref);
  g_clear_object (&call->model);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DatasetCall, dataset_call_free)

static DatasetCall *
dataset_call_new (PrlStore *store)
{
  DatasetCall *call = g_new0 (DatasetCall, 1);

  call->blobs = g_object_ref (prl_store_get_blob_store (store));
  return call;
}

static PrlDataset *
dataset_from_row (sqlite3_stmt *stmt, PrlBlobStore *blobs)
{
  g_autoptr (GDateTime) started
      = _prl_store_time_from_usec (sqlite3_column_int64 (stmt, 13));
  g_autoptr (GDateTime) ended
      = _prl_store_time_from_usec (sqlite3_column_int64 (stmt, 14));
  g_autofree char *uri = NULL;
  PrlDatasetInfo   info = { 0 };

  info.id = sqlite3_column_int64 (stmt, 0);
  info.model_id = sqlite3_column_int64 (stmt, 1);
  info.name = (const char *)sqlite3_column_text (stmt, 2);
  prl_dataset_type_from_string ((const char *)sqlite3_column_text (stmt, 3), &info.type);
  info.sha256 = (const char *)sqlite3_column_text (stmt, 4);
  info.size = sqlite3_column_int64 (stmt, 5);
  info.encrypted = sqlite3_column_int (stmt, 6) != 0;
  info.duration = sqlite3_column_double (stmt, 7);
  info.sample_rate = sqlite3_column_int (stmt, 8);
  info.channels = sqlite3_column_int (stmt, 9);
  info.codec = (const char *)sqlite3_column_text (stmt, 10);
  info.n_lines = sqlite3_column_int64 (stmt, 11);
  info.n_words = sqlite3_column_int64 (stmt, 12);
  info.started = started;
  info.ended = ended;
  info.group_id = sqlite3_column_int64 (stmt, 15);
  info.group_name = (const char *)sqlite3_column_text (stmt, 16);
  info.position = sqlite3_column_int (stmt, 17);
  info.source = (const char *)sqlite3_column_text (stmt, 18);
  info.provenance = (const char *)sqlite3_column_text (stmt, 19);
  uri = prl_blob_store_get_uri (blobs, info.sha256, info.encrypted);
  info.uri = uri;

  return prl_dataset_new (&info);
}

static GPtrArray *
read_datasets (
    sqlite3 *db, PrlBlobStore *blobs, const char *where, gint64 key, GError **error)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT " DATASET_COLUMNS " FROM " DATASET_FROM " WHERE %s"
                         " ORDER BY d.id, f.position",
                         where);
  g_autoptr (sqlite3_stmt) stmt = _prl_store_prepare (db, sql, error);
  g_autoptr (GPtrArray) datasets = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, key);
  datasets = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (datasets, dataset_from_row (stmt, blobs));

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the datasets"));
      return NULL;
    }

  return g_steal_pointer (&datasets);
}

/* g_ptr_array_sort() hands the comparator pointers to the elements. */
static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* Fingerprints that cover the tuning text carry this tag; the bare
 * digests that Parlance stored before did not cover it, and are still
 * compared with a digest of the rest, so that a model trained then stays
 * Success until its training text changes. */
#define FINGERPRINT_TAG "v2:"

/* The hex digest of @keys, those of tuning text only @with_tuning. */
static char *
digest (GPtrArray *keys, gboolean with_tuning)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* Hashes have a fixed length, so this is ORDER BY sha256, type. Sorting
   * by the strings, not by where they happen to be allocated, is what makes
   * the digest of the rows and that of a training's datasets agree. */
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    if (with_tuning || !g_str_has_suffix (g_ptr_array_index (keys, i), "TUNING"))
      g_checksum_update (checksum, g_ptr_array_index (keys, i), -1);

  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * _prl_store_trainable_digest:
 * @keys: (element-type utf8): "sha256" followed by the type, one per
 *   trainable dataset; sorted here
 *
 * The one definition of a model's trainable-data fingerprint, shared by
 * the status (over the stored rows) and the train job (over the datasets
 * a training read), so the two always agree.
 *
 * Returns: (transfer full): #FINGERPRINT_TAG and a hex SHA-256
 */
char *
_prl_store_trainable_digest (GPtrArray *keys)
{
  g_autofree char *hex = digest (keys, TRUE);

  return g_strconcat (FINGERPRINT_TAG, hex, NULL);
}

/* A digest of the trainable data, to tell whether it changed; @legacy,
 * the digest a fingerprint stored without #FINGERPRINT_TAG is compared
 * with. */
static char *
trainable_fingerprint (
    sqlite3 *db, gint64 model_id, gboolean *any, char **legacy, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _prl_store_prepare (
      db,
      "SELECT f.sha256, f.type FROM " DATASET_FROM
      " WHERE d.model_id = ? AND f.type IN ('TRANSCRIPT', 'MANIFEST', 'TUNING')",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, model_id);
  *any = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *)sqlite3_column_text (stmt, 1);

      /* Tuning text changes the trained weight, but alone it is not
       * training text. */
      *any |= g_strcmp0 (type, "TUNING") != 0;
      g_ptr_array_add (
          keys, g_strconcat ((const char *)sqlite3_column_text (stmt, 0), type, NULL));
    }

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the datasets"));
      return NULL;
    }

  *legacy = digest (keys, FALSE);
  return _prl_store_trainable_digest (keys);
}

gboolean
_prl_store_update_status (sqlite3 *db, gint64 model_id, GError **error)
{
  g_autoptr (sqlite3_stmt) read = NULL;
  g_autoptr (sqlite3_stmt) write = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *legacy = NULL;
  const char      *status;
  const char      *current;
  const char      *trained;
  gboolean         any = FALSE;
  int              rc;

  if (!(fingerprint = trainable_fingerprint (db, model_id, &any, &legacy, error)))
    return FALSE;

  read = _prl_store_prepare (
      db, "SELECT status, trained_fingerprint FROM models WHERE id = ?", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, model_id);
  if ((rc = sqlite3_step (read)) != SQLITE_ROW)
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NOT_FOUND,
                           _ ("The model no longer exists"));
      return FALSE;
    }

  current = (const char *)sqlite3_column_text (read, 0);
  trained = (const char *)sqlite3_column_text (read, 1);

  /* A running training settles the status itself when it ends. */
  if (g_strcmp0 (current, "running") == 0)
    return TRUE;

  if (!any)
    status = "not-running";
  else if (g_strcmp0 (trained, fingerprint) == 0
           || (trained != NULL && !g_str_has_prefix (trained, FINGERPRINT_TAG)
               && g_strcmp0 (trained, legacy) == 0))
    status = "success";
  else
    status = "ready-to-run";

  write = _prl_store_prepare (
      db, "UPDATE models SET status = ?, modified = ? WHERE id = ?", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (write, 2, g_get_real_time ());
  sqlite3_bind_int64 (write, 3, model_id);
  if ((rc = sqlite3_step (write)) != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("update the model"));

  return TRUE;
}

static gpointer
list_datasets_call (sqlite3 *db, gpointer data, GError **error)
{
  DatasetCall *call = data;

  return read_datasets (db, call->blobs, "d.model_id = ?", call->model_id, error);
}

/**
 * prl_store_list_datasets_sync:
 *
 * Blocks until the store thread answers; for worker threads only.
 *
 * Returns: (transfer full) (element-type PrlDataset): the model's datasets
 */
GPtrArray *
prl_store_list_datasets_sync (PrlStore *self, gint64 model_id, GError **error)
{
  g_autoptr (DatasetCall) call = dataset_call_new (self);

  call->model_id = model_id;
  return _prl_store_call (self, list_datasets_call, call, error);
}

/* A new dataset's name must say which one it is: not empty, and not the
 * name of another dataset of the model (as the console requires). */
static gboolean
check_name (sqlite3 *db, gint64 model_id, const char *name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_INVALID_NAME,
                           _ ("A dataset needs a name. Type one, then try again"));
      return FALSE;
    }

  if (!(stmt = _prl_store_prepare (db,
                                   "SELECT 1 FROM datasets WHERE model_id = ?"
                                   " AND name = ? COLLATE NOCASE",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_INVALID_NAME,
                   _ ("The model already has a dataset named “%s”. Choose another "
                      "name"),
                   trimmed);
      return FALSE;
    }
  return TRUE;
}

/* Saves the dataset of @n files of @files from @first, which share its
 * name. */
static gboolean
insert_group (sqlite3   *db,
              gint64     model_id,
              GPtrArray *files,
              guint      first,
              guint      n,
              gint64    *id,
              GError   **error)
{
  PrlDataset *head = g_ptr_array_index (files, first);
  g_autoptr (sqlite3_stmt) group = NULL;
  g_autoptr (sqlite3_stmt) file = NULL;
  g_autofree char *name = g_strstrip (g_strdup (prl_dataset_get_group_name (head)));
  gint64           group_id;
  int              rc;

  if (n > PRL_MAX_FILES)
    {
      g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_TOO_MANY_FILES,
                   _ ("The dataset “%s” would have %u files, but a dataset holds at "
                      "most %u. Split the files into several datasets"),
                   name, n, PRL_MAX_FILES);
      return FALSE;
    }

  if (!check_name (db, model_id, name, error))
    return FALSE;

  if (!(group = _prl_store_prepare (db,
                                    "INSERT INTO datasets (model_id, name, type, started,"
                                    " ended, provenance) VALUES (?, ?, ?, ?, ?, ?)",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (group, 1, model_id);
  sqlite3_bind_text (group, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (
      group, 3, prl_dataset_type_to_string (prl_dataset_group_type_of (files, first, n)),
      -1, SQLITE_STATIC);
  sqlite3_bind_int64 (group, 4, prl_date_time_to_usec (prl_dataset_get_started (head)));
  sqlite3_bind_int64 (group, 5,
                      prl_date_time_to_usec (prl_dataset_get_ended (
                          g_ptr_array_index (files, first + n - 1))));
  sqlite3_bind_text (group, 6, prl_dataset_get_provenance (head), -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (group)) != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("save the dataset"));
  *id = group_id = sqlite3_last_insert_rowid (db);

  if (!(file = _prl_store_prepare (
            db,
            "INSERT INTO dataset_files (dataset_id, position, name, source, type, sha256,"
            " size, encrypted, duration, sample_rate, channels, codec, n_lines, n_words,"
            " started, ended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (files, first + i);

      sqlite3_reset (file);
      sqlite3_bind_int64 (file, 1, group_id);
      sqlite3_bind_int (file, 2, i);
      sqlite3_bind_text (file, 3, prl_dataset_get_name (dataset), -1, SQLITE_STATIC);
      sqlite3_bind_text (file, 4, prl_dataset_get_source (dataset), -1, SQLITE_STATIC);
      sqlite3_bind_text (
          file, 5, prl_dataset_type_to_string (prl_dataset_get_dataset_type (dataset)),
          -1, SQLITE_STATIC);
      sqlite3_bind_text (file, 6, prl_dataset_get_sha256 (dataset), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (file, 7, prl_dataset_get_size (dataset));
      sqlite3_bind_int (file, 8, prl_dataset_get_encrypted (dataset));
      sqlite3_bind_double (file, 9, prl_dataset_get_duration (dataset));
      sqlite3_bind_int (file, 10, prl_dataset_get_sample_rate (dataset));
      sqlite3_bind_int (file, 11, prl_dataset_get_channels (dataset));
      sqlite3_bind_text (file, 12, prl_dataset_get_codec (dataset), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (file, 13, prl_dataset_get_n_lines (dataset));
      sqlite3_bind_int64 (file, 14, prl_dataset_get_n_words (dataset));
      sqlite3_bind_int64 (file, 15,
                          prl_date_time_to_usec (prl_dataset_get_started (dataset)));
      sqlite3_bind_int64 (file, 16,
                          prl_date_time_to_usec (prl_dataset_get_ended (dataset)));
      if ((rc = sqlite3_step (file)) != SQLITE_DONE)
        return _prl_store_set_error (db, rc, error, _ ("save the dataset"));
    }

  return TRUE;
}

static gpointer
add_datasets_call (sqlite3 *db, gpointer data, GError **error)
{
  DatasetCall *call = data;
  GPtrArray   *files = call->datasets;
  g_autoptr (GPtrArray) added = NULL;
  gint64 first_id = 0;

  if (!_prl_store_begin (db, error))
    return NULL;

  /* The files of one dataset come together, sharing its name. */
  for (guint first = 0, n; first < files->len; first += n)
    {
      const char *name = prl_dataset_get_group_name (g_ptr_array_index (files, first));
      gint64      id = 0;

      for (n = 1; first + n < files->len
                  && g_strcmp0 (name, prl_dataset_get_group_name (
                                          g_ptr_array_index (files, first + n)))
                         == 0;
           n++)
        ;
      if (!insert_group (db, call->model_id, files, first, n, &id, error))
        goto fail;
      if (first == 0)
        first_id = id;
    }

  /* A new row's id is one above the highest, so the new datasets are
   * those from the first one on. */
  if (!(added = read_datasets (db, call->blobs, "d.id >= ?", first_id, error)))
    goto fail;

  if (!_prl_store_update_status (db, call->model_id, error)
      || !_prl_store_commit (db, error))
    goto fail;

  call->model = _prl_store_read_model (db, call->model_id, NULL);
  return g_steal_pointer (&added);

fail:
  _prl_store_rollback (db);
  return NULL;
}

/**
 * prl_store_add_datasets_sync:
 * @datasets: (element-type PrlDataset): files whose blobs are stored; the
 *   files of one dataset come one after the other with the same group
 *   name, and each run of them becomes one dataset; ids are ignored
 * @model: (out) (transfer full) (optional): the model as saved afterwards
 *
 * Saves all of @datasets in one transaction, or none: a dataset's name
 * must be new in the model (%PRL_DATASET_ERROR_INVALID_NAME) and it holds
 * at most %PRL_MAX_FILES files. For worker threads.
 *
 * Returns: (transfer full) (element-type PrlDataset): the saved files
 */
GPtrArray *
prl_store_add_datasets_sync (PrlStore  *self,
                             gint64     model_id,
                             GPtrArray *datasets,
                             PrlModel **model,
                             GError   **error)
{
  g_autoptr (DatasetCall) call = dataset_call_new (self);
  GPtrArray *added;

  call->model_id = model_id;
  call->datasets = g_ptr_array_ref (datasets);
  added = _prl_store_call (self, add_datasets_call, call, error);
  if (added != NULL && model != NULL)
    *model = g_steal_pointer (&call->model);

  return added;
}

static gpointer
blob_refs_call (sqlite3 *db, gpointer data, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GHashTable) refs
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  stmt = _prl_store_prepare (db, "SELECT DISTINCT sha256, encrypted FROM dataset_files",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (refs,
                      g_strconcat ((const char *)sqlite3_column_text (stmt, 0),
                                   sqlite3_column_int (stmt, 1) ? ".enc" : "", NULL));

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the datasets"));
      return NULL;
    }

  return g_steal_pointer (&refs);
}

/**
 * prl_store_list_blob_refs_sync:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the blob file names
 *   ("sha" or "sha.enc") some dataset refers to
 */
GHashTable *
prl_store_list_blob_refs_sync (PrlStore *self, GError **error)
{
  return _prl_store_call (self, blob_refs_call, NULL, error);
}

void
prl_store_list_datasets_async (PrlStore           *self,
                               gint64              model_id,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  DatasetCall *call = dataset_call_new (self);

  call->model_id = model_id;
  _prl_store_run_call (self, prl_store_list_datasets_async, list_datasets_call, call,
                       (GDestroyNotify)dataset_call_free,
                       (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                       user_data);
}

/**
 * prl_store_list_datasets_finish:
 *
 * Returns: (transfer full) (element-type PrlDataset): the datasets
 */
GPtrArray *
prl_store_list_datasets_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

static gpointer
delete_dataset_call (sqlite3 *db, gpointer data, GError **error)
{
  DatasetCall *call = data;
  g_autoptr (sqlite3_stmt) find = NULL;
  g_autoptr (sqlite3_stmt) del = NULL;
  int rc;

  if (!_prl_store_begin (db, error))
    return NULL;

  if (!(find
        = _prl_store_prepare (db, "SELECT model_id FROM datasets WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int64 (find, 1, call->dataset_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error_literal (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_NOT_FOUND,
                           _ ("The dataset no longer exists"));
      goto fail;
    }
  call->model_id = sqlite3_column_int64 (find, 0);

  if (!(del = _prl_store_prepare (db, "DELETE FROM datasets WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int64 (del, 1, call->dataset_id);
  if ((rc = sqlite3_step (del)) != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("delete the dataset"));
      goto fail;
    }

  if (!_prl_store_update_status (db, call->model_id, error)
      || !_prl_store_commit (db, error))
    goto fail;

  return _prl_store_read_model (db, call->model_id, error);

fail:
  _prl_store_rollback (db);
  return NULL;
}

void
prl_store_delete_dataset_async (PrlStore           *self,
                                gint64              dataset_id,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  DatasetCall *call = dataset_call_new (self);

  call->dataset_id = dataset_id;
  _prl_store_run_call (self, prl_store_delete_dataset_async, delete_dataset_call, call,
                       (GDestroyNotify)dataset_call_free, g_object_unref, cancellable,
                       callback, user_data);
}

/**
 * prl_store_delete_dataset_finish:
 *
 * Returns: (transfer full): the dataset's model as saved afterwards
 */
PrlModel *
prl_store_delete_dataset_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

static gpointer
set_encrypt_call (sqlite3 *db, gpointer data, GError **error)
{
  DatasetCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prl_store_prepare (db, "UPDATE workspace SET encrypt_blobs = ? WHERE id = 1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, call->encrypt);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("save the setting"));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

void
prl_store_set_encrypt_blobs_async (PrlStore           *self,
                                   gboolean            encrypt,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  DatasetCall *call = dataset_call_new (self);

  call->encrypt = encrypt;
  _prl_store_run_call (self, prl_store_set_encrypt_blobs_async, set_encrypt_call, call,
                       (GDestroyNotify)dataset_call_free, NULL, cancellable, callback,
                       user_data);
}

gboolean
prl_store_set_encrypt_blobs_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  DatasetCall *call;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  call = g_task_get_task_data (G_TASK (result));
  _prl_store_set_encrypt_blobs_cached (self, call->encrypt);
  return TRUE;
}
