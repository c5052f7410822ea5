/* prl-store-crypt.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store-crypt"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-blob-cipher.h"
#include "prl-blob-key.h"
#include "prl-blob-store.h"
#include "prl-dataset.h"
#include "prl-store-crypt.h"
#include "prl-store-private.h"

/* Encryption at rest beyond the dataset copies: with encryption on,
 * nothing derived from the user's text is stored in plain text.
 *
 *   database   the pronunciation list (word, phones) and evaluation
 *              results (hypothesis, word times) are sealed value by value
 *              with prl_value_seal(), so plain text never reaches the
 *              database file, its journal or its WAL;
 *   versions   custom.arpa, merged.dict and pronunciations.tsv are written
 *              encrypted and decrypted into memory to decode;
 *   datasets   stored encrypted by the blob store.
 *
 * Switching encryption on for a workspace that has data converts what
 * exists, each step crash-safe: an encrypted copy is written, then takes
 * the place of the plain one, and the database changes in one
 * transaction before VACUUM drops the pages that held plain text.
 */

void
_prl_value_crypt_init (PrlValueCrypt *crypt, PrlStore *store)
{
  crypt->workspace_id = g_strdup (prl_store_get_workspace_id (store));
  crypt->encrypt = prl_store_get_encrypt_blobs (store);
  crypt->key = NULL;
}

void
_prl_value_crypt_clear (PrlValueCrypt *crypt)
{
  g_clear_pointer (&crypt->workspace_id, g_free);
  g_clear_pointer (&crypt->key, g_bytes_unref);
}

static gboolean
ensure_key (PrlValueCrypt *crypt, GError **error)
{
  if (crypt->key == NULL
      && !(crypt->key = prl_blob_key_lookup (crypt->workspace_id, NULL, error)))
    return FALSE;
  return TRUE;
}

/**
 * _prl_value_crypt_seal:
 *
 * Returns: (transfer full) (nullable): what to store for @value: sealed
 *   when the workspace is encrypted, else @value itself
 */
char *
_prl_value_crypt_seal (PrlValueCrypt *crypt,
                       const char    *context,
                       const char    *value,
                       gboolean       deterministic,
                       GError       **error)
{
  if (!crypt->encrypt)
    return g_strdup (value);
  if (!ensure_key (crypt, error))
    return NULL;
  return prl_value_seal (crypt->key, context, value, deterministic);
}

/**
 * _prl_value_crypt_open:
 *
 * Returns: (transfer full) (nullable): the text of @stored, sealed or not
 */
char *
_prl_value_crypt_open (PrlValueCrypt *crypt,
                       const char    *context,
                       const char    *stored,
                       GError       **error)
{
  if (stored == NULL)
    stored = "";
  if (prl_value_is_sealed (stored) && !ensure_key (crypt, error))
    return NULL;
  return prl_value_open (crypt->key, context, stored, error);
}

/* Contexts bind a sealed value to its column and row: a value moved
 * elsewhere fails to open. Fields are separated by U+001F. */

char *
_prl_pronunciation_word_context (gint64 model_id)
{
  return g_strdup_printf ("pronunciations.word\x1f%" G_GINT64_FORMAT, model_id);
}

char *
_prl_pronunciation_phones_context (gint64 model_id, const char *word)
{
  return g_strdup_printf ("pronunciations.phones\x1f%" G_GINT64_FORMAT "\x1f%s", model_id,
                          word);
}

char *
_prl_eval_result_context (const char *column,
                          gint64      model_id,
                          const char *system,
                          const char *utterance_id,
                          const char *profile)
{
  return g_strdup_printf ("eval_results.%s\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s",
                          column, model_id, system, utterance_id, profile);
}

/* Converting a workspace. */

typedef struct
{
  GBytes *key;    /* (owned) */
  char   *sha256; /* (owned) (nullable) */
  guint   values;
} ConvertCall;

static void
convert_call_clear (ConvertCall *call)
{
  g_clear_pointer (&call->key, g_bytes_unref);
  g_clear_pointer (&call->sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConvertCall, convert_call_clear)

static gpointer
read_strings (sqlite3 *db, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!(stmt = _prl_store_prepare (db, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gpointer
plain_blobs_call (sqlite3 *db, gpointer data, GError **error)
{
  return read_strings (
      db, "SELECT DISTINCT sha256 FROM dataset_files WHERE encrypted = 0", error);
}

static gpointer
encrypted_blobs_call (sqlite3 *db, gpointer data, GError **error)
{
  return read_strings (
      db, "SELECT DISTINCT sha256 FROM dataset_files WHERE encrypted = 1", error);
}

static gpointer
mark_encrypted_call (sqlite3 *db, gpointer data, GError **error)
{
  ConvertCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prl_store_prepare (
      db, "UPDATE dataset_files SET encrypted = 1 WHERE sha256 = ? AND encrypted = 0",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call->sha256, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("update the datasets"));
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

typedef struct
{
  gint64 model_id;
  char  *word;
  char  *phones;
  int    generated;
} PronRow;

static void
pron_row_free (PronRow *row)
{
  g_free (row->word);
  g_free (row->phones);
  g_free (row);
}

static gboolean
step_done (sqlite3 *db, sqlite3_stmt *stmt, GError **error)
{
  return _prl_store_step_done (db, stmt, _ ("encrypt the workspace"), error);
}

/* A plain row becomes its sealed twin; a sealed twin written since
 * encryption was switched on is newer and stays. */
static gboolean
seal_pronunciations (sqlite3 *db, ConvertCall *call, GError **error)
{
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) delete = NULL;
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify)pron_row_free);
  int rc;

  select
      = _prl_store_prepare (db,
                            "SELECT model_id, word, phones, generated FROM pronunciations"
                            " WHERE word NOT LIKE 'prlv1:%'",
                            error);
  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      PronRow *row = g_new0 (PronRow, 1);

      row->model_id = sqlite3_column_int64 (select, 0);
      row->word = g_strdup ((const char *)sqlite3_column_text (select, 1));
      row->phones = g_strdup ((const char *)sqlite3_column_text (select, 2));
      row->generated = sqlite3_column_int (select, 3);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("read the pronunciations"));

  insert = _prl_store_prepare (
      db,
      "INSERT INTO pronunciations (model_id, word, phones, generated)"
      " VALUES (?, ?, ?, ?) ON CONFLICT (model_id, word) DO NOTHING",
      error);
  delete = _prl_store_prepare (
      db, "DELETE FROM pronunciations WHERE model_id = ? AND word = ?", error);
  if (insert == NULL || delete == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      PronRow         *row = g_ptr_array_index (rows, i);
      g_autofree char *word_context = _prl_pronunciation_word_context (row->model_id);
      g_autofree char *phones_context
          = _prl_pronunciation_phones_context (row->model_id, row->word);
      g_autofree char *word = prl_value_seal (call->key, word_context, row->word, TRUE);
      g_autofree char *phones
          = prl_value_seal (call->key, phones_context, row->phones, FALSE);

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, row->model_id);
      sqlite3_bind_text (insert, 2, word, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, phones, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 4, row->generated);
      sqlite3_reset (delete);
      sqlite3_bind_int64 (delete, 1, row->model_id);
      sqlite3_bind_text (delete, 2, row->word, -1, SQLITE_STATIC);
      if (!step_done (db, insert, error) || !step_done (db, delete, error))
        return FALSE;
      call->values += 2;
    }
  return TRUE;
}

typedef struct
{
  gint64 rowid;
  gint64 model_id;
  char  *fields[5]; /* system, utterance_id, profile, hypothesis, words_json */
} EvalRow;

static void
eval_row_free (EvalRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->fields); i++)
    g_free (row->fields[i]);
  g_free (row);
}

static gboolean
seal_eval_results (sqlite3 *db, ConvertCall *call, GError **error)
{
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autoptr (sqlite3_stmt) update = NULL;
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify)eval_row_free);
  int rc;

  select = _prl_store_prepare (
      db,
      "SELECT rowid, model_id, system, utterance_id, profile, hypothesis, words_json"
      " FROM eval_results"
      " WHERE hypothesis NOT LIKE 'prlv1:%' OR words_json NOT LIKE 'prlv1:%'",
      error);
  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      EvalRow *row = g_new0 (EvalRow, 1);

      row->rowid = sqlite3_column_int64 (select, 0);
      row->model_id = sqlite3_column_int64 (select, 1);
      for (guint i = 0; i < G_N_ELEMENTS (row->fields); i++)
        {
          const char *text = (const char *)sqlite3_column_text (select, 2 + i);

          row->fields[i] = g_strdup (text != NULL ? text : "");
        }
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("read the evaluation results"));

  update = _prl_store_prepare (
      db, "UPDATE eval_results SET hypothesis = ?, words_json = ? WHERE rowid = ?",
      error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      EvalRow    *row = g_ptr_array_index (rows, i);
      const char *columns[] = { "hypothesis", "words_json" };
      char       *sealed[2] = { NULL, NULL };

      for (guint c = 0; c < 2; c++)
        {
          const char      *value = row->fields[3 + c];
          g_autofree char *context = _prl_eval_result_context (
              columns[c], row->model_id, row->fields[0], row->fields[1], row->fields[2]);

          sealed[c] = prl_value_is_sealed (value)
                          ? g_strdup (value)
                          : prl_value_seal (call->key, context, value, FALSE);
        }

      sqlite3_reset (update);
      sqlite3_bind_text (update, 1, sealed[0], -1, g_free);
      sqlite3_bind_text (update, 2, sealed[1], -1, g_free);
      sqlite3_bind_int64 (update, 3, row->rowid);
      if (!step_done (db, update, error))
        return FALSE;
      call->values += 2;
    }
  return TRUE;
}

static gpointer
seal_values_call (sqlite3 *db, gpointer data, GError **error)
{
  ConvertCall *call = data;

  if (!_prl_store_begin (db, error))
    return NULL;
  if (!seal_pronunciations (db, call, error) || !seal_eval_results (db, call, error)
      || !_prl_store_commit (db, error))
    {
      _prl_store_rollback (db);
      return NULL;
    }

  /* The plain text is gone from the tables but not from the free pages of
   * the file or from the WAL: rebuild the file, then empty the WAL. */
  if (!_prl_store_exec (db, "VACUUM", error)
      || !_prl_store_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static const char *const artifact_names[] = {
  "custom.arpa",
  "merged.dict",
  "pronunciations.tsv",
};

static gboolean
encrypt_blobs (PrlStore          *store,
               ConvertCall       *call,
               PrlEncryptSummary *summary,
               GCancellable      *cancellable,
               GError           **error)
{
  PrlBlobStore *blobs = prl_store_get_blob_store (store);
  g_autoptr (GPtrArray) plain = NULL;
  g_autoptr (GPtrArray) encrypted = NULL;

  if (!(plain = _prl_store_call (store, plain_blobs_call, NULL, error)))
    return FALSE;

  for (guint i = 0; i < plain->len; i++)
    {
      const char      *sha256 = g_ptr_array_index (plain, i);
      g_autofree char *path = prl_blob_store_get_path (blobs, sha256, FALSE);
      g_autofree char *copied = NULL;
      g_autoptr (GInputStream) input = NULL;

      /* The encrypted copy is complete before any row points at it, and
       * the plain copy goes only after the rows do. */
      if (!(input = prl_blob_store_open (blobs, sha256, FALSE, NULL, cancellable, error))
          || !(copied = prl_blob_store_import (blobs, input, call->key, NULL, NULL,
                                               cancellable, error)))
        {
          g_prefix_error (error, _ ("Could not encrypt the stored dataset %s: "), sha256);
          return FALSE;
        }
      if (g_strcmp0 (copied, sha256) != 0)
        {
          g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
                       _ ("The stored dataset %s does not match its checksum, so it was "
                          "left as it is; delete the dataset and add it again"),
                       sha256);
          return FALSE;
        }

      g_free (call->sha256);
      call->sha256 = g_strdup (sha256);
      if (!_prl_store_call (store, mark_encrypted_call, call, error))
        return FALSE;
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove the plain copy %s: %s", path, g_strerror (errno));
      summary->blobs++;
    }

  /* A plain copy left by a crash between the rows and the removal. */
  if (!(encrypted = _prl_store_call (store, encrypted_blobs_call, NULL, error)))
    return FALSE;
  for (guint i = 0; i < encrypted->len; i++)
    {
      const char      *sha256 = g_ptr_array_index (encrypted, i);
      g_autofree char *path = prl_blob_store_get_path (blobs, sha256, FALSE);
      g_autofree char *sealed = prl_blob_store_get_path (blobs, sha256, TRUE);

      if (g_file_test (path, G_FILE_TEST_EXISTS)
          && g_file_test (sealed, G_FILE_TEST_EXISTS) && g_unlink (path) != 0)
        g_warning ("Could not remove the plain copy %s: %s", path, g_strerror (errno));
    }
  return TRUE;
}

/* Walks models/<model id>/<version>/ on disk rather than the versions
 * table, so that a version folder whose row was never written (a crash
 * at the end of a training) or a training's leftover .tmp-* folder is
 * encrypted too. */
static gboolean
encrypt_artifacts (PrlStore          *store,
                   ConvertCall       *call,
                   PrlEncryptSummary *summary,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autofree char *models
      = g_build_filename (prl_store_get_directory (store), "models", NULL);
  g_autoptr (GDir) models_dir = g_dir_open (models, 0, NULL);
  const char *model;

  while (models_dir != NULL && (model = g_dir_read_name (models_dir)))
    {
      g_autofree char *model_path = g_build_filename (models, model, NULL);
      g_autoptr (GDir) versions = NULL;
      const char *version;

      if (g_file_test (model_path, G_FILE_TEST_IS_SYMLINK)
          || !(versions = g_dir_open (model_path, 0, NULL)))
        continue;

      while ((version = g_dir_read_name (versions)))
        for (guint j = 0; j < G_N_ELEMENTS (artifact_names); j++)
          {
            g_autofree char *path
                = g_build_filename (model_path, version, artifact_names[j], NULL);

            if (g_file_test (path, G_FILE_TEST_IS_SYMLINK)
                || !g_file_test (path, G_FILE_TEST_IS_REGULAR)
                || prl_blob_file_is_encrypted (path))
              continue;
            if (!prl_blob_encrypt_file (call->key, path, cancellable, error))
              return FALSE;
            summary->artifacts++;
          }
    }
  return TRUE;
}

static void
encrypt_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrlStore *store = source;
  g_auto (ConvertCall) call = { 0 };
  PrlEncryptSummary *summary = g_new0 (PrlEncryptSummary, 1);
  GError            *error = NULL;

  if (!prl_store_get_encrypt_blobs (store))
    {
      g_set_error_literal (
          &error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
          _ ("Encryption is off for this workspace; switch it on first"));
      goto fail;
    }

  if (!(call.key
        = prl_blob_key_lookup (prl_store_get_workspace_id (store), cancellable, &error)))
    goto fail;

  if (!encrypt_blobs (store, &call, summary, cancellable, &error)
      || !encrypt_artifacts (store, &call, summary, cancellable, &error)
      || !_prl_store_call (store, seal_values_call, &call, &error))
    goto fail;

  summary->values = call.values;
  g_task_return_pointer (task, summary, g_free);
  return;

fail:
  g_free (summary);
  g_task_return_error (task, error);
}

/**
 * prl_store_encrypt_existing_async:
 *
 * Encrypts what the workspace already holds in plain text: the dataset
 * copies, the versions' artifacts and the user-derived text in the
 * database. Encryption must be on (prl_workspace_set_encrypt_blobs_async())
 * so that the key exists and what is added meanwhile is encrypted too.
 * Safe to run again after a crash or on a workspace already encrypted.
 */
void
prl_store_encrypt_existing_async (PrlStore           *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PRL_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_store_encrypt_existing_async);
  /* The one store call that is not queued with _prl_store_run_call(): it
   * rewrites files for a long time and reaches the database with
   * _prl_store_call(), which on the store's own thread would wait for
   * itself. Its own thread leaves the queue free meanwhile. */
  g_task_run_in_thread (task, encrypt_thread);
}

gboolean
prl_store_encrypt_existing_finish (PrlStore          *self,
                                   GAsyncResult      *result,
                                   PrlEncryptSummary *summary,
                                   GError           **error)
{
  g_autofree PrlEncryptSummary *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(done = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (summary != NULL)
    *summary = *done;
  return TRUE;
}
