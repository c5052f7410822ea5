/* prl-store-versions.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store-versions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-provider-info.h"
#include "prl-store-crypt.h"
#include "prl-train-job.h"

#include "prl-store-versions.h"
#include "prl-store-private.h"

/* The training operations of PrlStore: versions, the training status of a
 * run, and each model's pronunciation list. The train job calls the *_sync
 * functions from its worker thread; the UI and the CLI use the async ones.
 * A version is written in one transaction with the status it produces and
 * the pronunciations it generated, so a crash never leaves a Success
 * without its version, nor a version whose generated words are missing.
 *
 * With encryption on, the pronunciation list is sealed value by value
 * (prl-store-crypt.c): the word deterministically, so that the primary
 * key and lookups by word keep working, the phones with a random nonce.
 */

#define VERSION_COLUMNS                                                                  \
  "id, model_id, name, created, directory, base_model_id, \"order\", lm_weight, tuned, " \
  "perplexities, n_sentences, n_words, dataset_hashes, remote_status, "                  \
  "upgrade_available, "                                                                  \
  "weight_source, n_tuning_sentences"

typedef struct
{
  PrlStore         *store; /* (unowned): outlives its calls */
  gint64            model_id;
  PrlTrainingStatus status;
  char             *code;        /* (owned) (nullable) */
  char             *message;     /* (owned) (nullable) */
  char             *word;        /* (owned) (nullable) */
  char             *phones;      /* (owned) (nullable) */
  char             *fingerprint; /* (owned) (nullable) */
  PrlVersionInfo   *info;        /* (unowned) (nullable) */
  GPtrArray        *generated;   /* (unowned) (nullable) */
  PrlModel         *model;       /* (owned) (nullable): result */
} VersionCall;

static void
version_call_free (VersionCall *call)
{
  g_free (call->code);
  g_free (call->message);
  g_free (call->word);
  g_free (call->phones);
  g_free (call->fingerprint);
  g_clear_object (&call->model);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VersionCall, version_call_free)

/* @word, if any, is stored in lower case, as the pronunciations are. */
static VersionCall *
version_call_new (PrlStore *store, gint64 model_id, const char *word)
{
  VersionCall *call = g_new0 (VersionCall, 1);

  call->store = store;
  call->model_id = model_id;
  call->word = word ? g_utf8_strdown (word, -1) : NULL;
  return call;
}

/**
 * prl_store_fingerprint_datasets:
 * @datasets: (element-type PrlDataset): the datasets a training used
 *
 * The digest of _prl_store_trainable_digest() over the datasets a
 * training actually read, rather than the model's current rows. Stored as trained_fingerprint, it makes the
 * status Ready to Run again if the data changed while the training ran.
 *
 * Returns: (transfer full): a hex SHA-256
 */
char *
prl_store_fingerprint_datasets (GPtrArray *datasets)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      PrlDataset    *dataset = g_ptr_array_index (datasets, i);
      PrlDatasetType type = prl_dataset_get_dataset_type (dataset);

      if (type == PRL_DATASET_TYPE_TRANSCRIPT || type == PRL_DATASET_TYPE_MANIFEST
          || type == PRL_DATASET_TYPE_TUNING)
        g_ptr_array_add (keys, g_strconcat (prl_dataset_get_sha256 (dataset),
                                            prl_dataset_type_to_string (type), NULL));
    }

  return _prl_store_trainable_digest (keys);
}

static char *
perplexities_to_json (const PrlVersionInfo *info)
{
  return g_strdup_printf ("{\"custom\": %.17g, \"stock\": %.17g, \"mixture\": %.17g, "
                          "\"stock_known\": %.17g, \"stock_oov_rate\": %.17g}",
                          info->custom_perplexity, info->stock_perplexity,
                          info->mixture_perplexity, info->stock_known_perplexity,
                          info->stock_oov_rate);
}

static char *
hashes_to_json (const char *const *hashes)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; hashes != NULL && hashes[i] != NULL; i++)
    json_builder_add_string_value (builder, hashes[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static PrlVersion *
version_from_row (sqlite3_stmt *stmt, const char *workspace_id)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  PrlVersionInfo info = { 0 };
  JsonNode      *root;

  info.id = sqlite3_column_int64 (stmt, 0);
  info.model_id = sqlite3_column_int64 (stmt, 1);
  info.name = (const char *)sqlite3_column_text (stmt, 2);
  created = _prl_store_time_from_usec (sqlite3_column_int64 (stmt, 3));
  info.created = created;
  info.directory = (const char *)sqlite3_column_text (stmt, 4);
  info.base_model_id = (const char *)sqlite3_column_text (stmt, 5);
  info.order = sqlite3_column_int (stmt, 6);
  info.lm_weight = sqlite3_column_double (stmt, 7);
  info.tuned = sqlite3_column_int (stmt, 8) != 0;
  info.custom_perplexity = info.stock_perplexity = info.mixture_perplexity = -1;
  info.stock_known_perplexity = info.stock_oov_rate = -1;

  /* The store wrote both JSON columns itself; a parse failure means a
   * hand-edited database, and the version stays usable without them. */
  if (json_parser_load_from_data (parser, (const char *)sqlite3_column_text (stmt, 9), -1,
                                  NULL)
      && (root = json_parser_get_root (parser)) && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      info.custom_perplexity
          = json_object_get_double_member_with_default (object, "custom", -1);
      info.stock_perplexity
          = json_object_get_double_member_with_default (object, "stock", -1);
      info.mixture_perplexity
          = json_object_get_double_member_with_default (object, "mixture", -1);
      info.stock_known_perplexity
          = json_object_get_double_member_with_default (object, "stock_known", -1);
      info.stock_oov_rate
          = json_object_get_double_member_with_default (object, "stock_oov_rate", -1);
    }

  info.n_sentences = sqlite3_column_int64 (stmt, 10);
  info.n_words = sqlite3_column_int64 (stmt, 11);

  if (json_parser_load_from_data (parser, (const char *)sqlite3_column_text (stmt, 12),
                                  -1, NULL)
      && (root = json_parser_get_root (parser)) && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *hash = json_array_get_string_element (array, i);

          if (hash != NULL)
            g_ptr_array_add (hashes, g_strdup (hash));
        }
    }
  g_ptr_array_add (hashes, NULL);
  info.dataset_hashes = (const char *const *)hashes->pdata;
  info.workspace_id = workspace_id;
  prl_remote_status_from_nick ((const char *)sqlite3_column_text (stmt, 13),
                               &info.remote_status);
  info.upgrade_available = sqlite3_column_int (stmt, 14) != 0;
  /* '' is a version from before the column: see the migration. */
  if (!prl_weight_source_from_nick ((const char *)sqlite3_column_text (stmt, 15),
                                    &info.weight_source))
    info.weight_source
        = info.tuned ? PRL_WEIGHT_SOURCE_TUNING : PRL_WEIGHT_SOURCE_NO_TUNING_TEXT;
  info.n_tuning_sentences = sqlite3_column_int64 (stmt, 16);

  return prl_version_new (&info);
}

static GPtrArray *
read_versions (
    sqlite3 *db, PrlStore *store, const char *where, gint64 value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = g_strdup_printf (
      "SELECT " VERSION_COLUMNS " FROM versions WHERE %s ORDER BY created DESC, id DESC",
      where);
  int rc;

  if (!(stmt = _prl_store_prepare (db, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (versions,
                     version_from_row (stmt, prl_store_get_workspace_id (store)));

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the versions"));
      return NULL;
    }

  return g_steal_pointer (&versions);
}

/* Writes a status with its failure fields; NULL fields clear them. With
 * @only_if_running, a model no longer Running is left as it is (see
 * sqlite3_changes()). */
gboolean
_prl_store_write_status (sqlite3    *db,
                         gint64      model_id,
                         const char *status,
                         const char *code,
                         const char *message,
                         gboolean    only_if_running,
                         GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = _prl_store_prepare (db,
                             only_if_running
                                 ? "UPDATE models SET status = ?, failure_code = ?,"
                                   " failure_message = ?, modified = ?"
                                   " WHERE id = ? AND status = 'running'"
                                 : "UPDATE models SET status = ?, failure_code = ?,"
                                   " failure_message = ?, modified = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 5, model_id);
  return _prl_store_step_done (db, stmt, _ ("update the model"), error);
}

static gpointer
set_failed_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall *call = data;

  if (!_prl_store_write_status (db, call->model_id, "failed", call->code, call->message,
                                FALSE, error))
    return NULL;
  return _prl_store_read_model (db, call->model_id, error);
}

/**
 * prl_store_set_training_failed_sync:
 * @failure_code: e.g. "validation_failed"
 * @failure_message: what happened and what to do
 *
 * Returns: (transfer full): the model as saved
 */
PrlModel *
prl_store_set_training_failed_sync (PrlStore   *self,
                                    gint64      model_id,
                                    const char *failure_code,
                                    const char *failure_message,
                                    GError    **error)
{
  g_autoptr (VersionCall) call = g_new0 (VersionCall, 1);

  g_return_val_if_fail (failure_code != NULL, NULL);

  call->model_id = model_id;
  call->code = g_strdup (failure_code);
  call->message = g_strdup (failure_message);
  return _prl_store_call (self, set_failed_call, call, error);
}

static gpointer
restore_status_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall *call = data;

  if (!_prl_store_begin (db, error))
    return NULL;

  if (!_prl_store_write_status (db, call->model_id,
                                prl_training_status_to_nick (call->status), call->code,
                                call->message, FALSE, error))
    goto fail;

  /* Datasets may have changed while the training ran; a failure keeps its
   * reason until the data changes, as it did before. */
  if (call->status != PRL_TRAINING_STATUS_FAILED
      && !_prl_store_update_status (db, call->model_id, error))
    goto fail;

  if (!_prl_store_commit (db, error))
    goto fail;
  return _prl_store_read_model (db, call->model_id, error);

fail:
  _prl_store_rollback (db);
  return NULL;
}

/**
 * prl_store_restore_training_status_sync:
 *
 * Puts back the status a cancelled training found.
 *
 * Returns: (transfer full): the model as saved
 */
PrlModel *
prl_store_restore_training_status_sync (PrlStore         *self,
                                        gint64            model_id,
                                        PrlTrainingStatus status,
                                        const char       *failure_code,
                                        const char       *failure_message,
                                        GError          **error)
{
  g_autoptr (VersionCall) call = g_new0 (VersionCall, 1);

  /* Restoring "running" would leave the model stuck. */
  if (status == PRL_TRAINING_STATUS_RUNNING)
    status = PRL_TRAINING_STATUS_READY_TO_RUN;

  call->model_id = model_id;
  call->status = status;
  call->code = g_strdup (failure_code);
  call->message = g_strdup (failure_message);
  return _prl_store_call (self, restore_status_call, call, error);
}

static gboolean
upsert_generated (
    sqlite3 *db, PrlStore *store, gint64 model_id, GPtrArray *generated, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_auto (PrlValueCrypt) crypt = { 0 };
  g_autofree char *word_context = _prl_pronunciation_word_context (model_id);

  if (generated == NULL || generated->len == 0)
    return TRUE;

  /* A user entry (generated = 0) is never replaced by a generated one. */
  stmt = _prl_store_prepare (
      db,
      "INSERT INTO pronunciations (model_id, word, phones, generated)"
      " VALUES (?, ?, ?, 1) ON CONFLICT (model_id, word)"
      " DO UPDATE SET phones = excluded.phones WHERE generated = 1",
      error);
  if (stmt == NULL)
    return FALSE;

  _prl_value_crypt_init (&crypt, store);
  for (guint i = 0; i < generated->len; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (generated, i);
      g_autofree char  *phones_context
          = _prl_pronunciation_phones_context (model_id, p->word);
      g_autofree char *word = NULL;
      g_autofree char *phones = NULL;

      if (!(word = _prl_value_crypt_seal (&crypt, word_context, p->word, TRUE, error))
          || !(phones
               = _prl_value_crypt_seal (&crypt, phones_context, p->phones, FALSE, error)))
        return FALSE;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, model_id);
      sqlite3_bind_text (stmt, 2, word, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, phones, -1, SQLITE_STATIC);
      if (!_prl_store_step_done (db, stmt, _ ("save the pronunciations"), error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
add_version_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall          *call = data;
  const PrlVersionInfo *info = call->info;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) trained = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autofree char *perplexities = perplexities_to_json (info);
  g_autofree char *hashes = hashes_to_json (info->dataset_hashes);
  gint64           version_id;
  gint64           created
      = info->created ? prl_date_time_to_usec (info->created) : g_get_real_time ();

  if (!_prl_store_begin (db, error))
    return NULL;

  insert
      = _prl_store_prepare (db,
                            "INSERT INTO versions (model_id, name, created, directory,"
                            " base_model_id, \"order\", lm_weight, tuned, perplexities,"
                            " n_sentences, n_words, dataset_hashes, remote_status,"
                            " upgrade_available, weight_source, n_tuning_sentences)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, info->model_id);
  sqlite3_bind_text (insert, 2, info->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 3, created);
  sqlite3_bind_text (insert, 4, info->directory, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, info->base_model_id ? info->base_model_id : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (insert, 6, info->order);
  sqlite3_bind_double (insert, 7, info->lm_weight);
  sqlite3_bind_int (insert, 8, info->tuned ? 1 : 0);
  sqlite3_bind_text (insert, 9, perplexities, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 10, info->n_sentences);
  sqlite3_bind_int64 (insert, 11, info->n_words);
  sqlite3_bind_text (insert, 12, hashes, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 13, prl_remote_status_to_nick (info->remote_status), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (insert, 14, info->upgrade_available ? 1 : 0);
  sqlite3_bind_text (insert, 15, prl_weight_source_to_nick (info->weight_source), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 16, info->n_tuning_sentences);
  if (!_prl_store_step_done (db, insert, _ ("save the version"), error))
    goto fail;
  version_id = sqlite3_last_insert_rowid (db);

  trained = _prl_store_prepare (
      db,
      "UPDATE models SET status = 'success', trained_fingerprint = ?,"
      " failure_code = NULL, failure_message = NULL, modified = ?"
      " WHERE id = ?",
      error);
  if (trained == NULL)
    goto fail;
  sqlite3_bind_text (trained, 1, call->fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (trained, 2, g_get_real_time ());
  sqlite3_bind_int64 (trained, 3, info->model_id);
  if (!_prl_store_step_done (db, trained, _ ("update the model"), error))
    goto fail;

  /* Success unless the datasets changed during the training. */
  if (!upsert_generated (db, call->store, info->model_id, call->generated, error)
      || !_prl_store_update_status (db, info->model_id, error)
      || !_prl_store_commit (db, error))
    goto fail;

  if (!(call->model = _prl_store_read_model (db, info->model_id, error)))
    return NULL;
  if (!(versions = read_versions (db, call->store, "id = ?", version_id, error)))
    return NULL;
  if (versions->len == 0)
    {
      g_set_error_literal (error, PRL_STORE_ERROR, PRL_STORE_ERROR_FAILED,
                           _ ("The version was saved but could not be read back"));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (versions, 0));

fail:
  _prl_store_rollback (db);
  return NULL;
}

/**
 * prl_store_add_version_sync:
 * @info: the version; its id is ignored
 * @fingerprint: the fingerprint of the datasets used, see
 *   prl_store_fingerprint_datasets()
 * @generated: (nullable) (element-type PrlPronunciation): new generated
 *   pronunciations; they never replace the user's entries
 * @model: (out) (optional) (transfer full): the model as saved
 *
 * Returns: (transfer full): the version as saved, with its id
 */
PrlVersion *
prl_store_add_version_sync (PrlStore             *self,
                            const PrlVersionInfo *info,
                            const char           *fingerprint,
                            GPtrArray            *generated,
                            PrlModel            **model,
                            GError              **error)
{
  g_autoptr (VersionCall) call = g_new0 (VersionCall, 1);
  PrlVersion *version;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  call->store = self;
  call->model_id = info->model_id;
  call->info = (PrlVersionInfo *)info;
  call->fingerprint = g_strdup (fingerprint);
  call->generated = generated;
  version = _prl_store_call (self, add_version_call, call, error);
  if (version != NULL && model != NULL)
    *model = g_steal_pointer (&call->model);
  return version;
}

static gpointer
list_versions_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall *call = data;

  return read_versions (db, call->store, "model_id = ?", call->model_id, error);
}

/**
 * prl_store_list_versions_sync:
 *
 * Returns: (transfer full) (element-type PrlVersion): newest first
 */
GPtrArray *
prl_store_list_versions_sync (PrlStore *self, gint64 model_id, GError **error)
{
  g_autoptr (VersionCall) call = version_call_new (self, model_id, NULL);

  return _prl_store_call (self, list_versions_call, call, error);
}

static int
compare_pronunciations (gconstpointer a, gconstpointer b)
{
  const PrlPronunciation *pa = *(PrlPronunciation *const *)a;
  const PrlPronunciation *pb = *(PrlPronunciation *const *)b;

  return strcmp (pa->word, pb->word);
}

static gpointer
list_pronunciations_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_pronunciation_free);
  g_autoptr (GHashTable) by_word = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (PrlValueCrypt) crypt = { 0 };
  g_autofree char *word_context = _prl_pronunciation_word_context (call->model_id);
  int              rc;

  stmt = _prl_store_prepare (db,
                             "SELECT word, phones, generated FROM pronunciations"
                             " WHERE model_id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  _prl_value_crypt_init (&crypt, call->store);
  sqlite3_bind_int64 (stmt, 1, call->model_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char  *word = NULL;
      g_autofree char  *phones = NULL;
      g_autofree char  *phones_context = NULL;
      gboolean          generated = sqlite3_column_int (stmt, 2) != 0;
      PrlPronunciation *seen;

      if (!(word
            = _prl_value_crypt_open (&crypt, word_context,
                                     (const char *)sqlite3_column_text (stmt, 0), error)))
        return NULL;
      phones_context = _prl_pronunciation_phones_context (call->model_id, word);
      if (!(phones
            = _prl_value_crypt_open (&crypt, phones_context,
                                     (const char *)sqlite3_column_text (stmt, 1), error)))
        return NULL;

      /* A plain row and its sealed twin meet only when encryption was
       * switched on without converting; the user's entry wins. */
      if ((seen = g_hash_table_lookup (by_word, word)) != NULL)
        {
          if (seen->generated && !generated)
            {
              g_free (seen->phones);
              seen->phones = g_steal_pointer (&phones);
              seen->generated = FALSE;
            }
          continue;
        }
      seen = prl_pronunciation_new (word, phones, generated);
      g_hash_table_insert (by_word, seen->word, seen);
      g_ptr_array_add (list, seen);
    }

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the pronunciations"));
      return NULL;
    }

  /* Sealed words cannot be sorted by SQL; BINARY order is byte order. */
  g_ptr_array_sort (list, compare_pronunciations);
  return g_steal_pointer (&list);
}

/**
 * prl_store_list_pronunciations_sync:
 *
 * Returns: (transfer full) (element-type PrlPronunciation): sorted by word
 */
GPtrArray *
prl_store_list_pronunciations_sync (PrlStore *self, gint64 model_id, GError **error)
{
  g_autoptr (VersionCall) call = version_call_new (self, model_id, NULL);

  return _prl_store_call (self, list_pronunciations_call, call, error);
}

/* A changed pronunciation list is a change to train on: forget what the
 * last training saw, so the status settles on Ready to Run. */
static gboolean
pronunciations_changed (sqlite3 *db, gint64 model_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = _prl_store_prepare (
      db, "UPDATE models SET trained_fingerprint = NULL WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  if (!_prl_store_step_done (db, stmt, _ ("update the model"), error))
    return FALSE;

  return _prl_store_update_status (db, model_id, error);
}

static gpointer
set_pronunciation_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) plain = NULL;
  g_auto (PrlValueCrypt) crypt = { 0 };
  g_autofree char *word_context = _prl_pronunciation_word_context (call->model_id);
  g_autofree char *phones_context
      = _prl_pronunciation_phones_context (call->model_id, call->word);
  g_autofree char *word = NULL;
  g_autofree char *phones = NULL;

  _prl_value_crypt_init (&crypt, call->store);
  if (!(word = _prl_value_crypt_seal (&crypt, word_context, call->word, TRUE, error))
      || !(phones
           = _prl_value_crypt_seal (&crypt, phones_context, call->phones, FALSE, error)))
    return NULL;

  stmt = _prl_store_prepare (
      db,
      "INSERT INTO pronunciations (model_id, word, phones, generated)"
      " VALUES (?, ?, ?, 0) ON CONFLICT (model_id, word)"
      " DO UPDATE SET phones = excluded.phones, generated = 0",
      error);
  if (stmt == NULL)
    return NULL;
  /* The plain row of a workspace encrypted without converting. */
  plain = _prl_store_prepare (
      db, "DELETE FROM pronunciations WHERE model_id = ? AND word = ? AND word != ?",
      error);
  if (plain == NULL)
    return NULL;

  if (!_prl_store_begin (db, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, call->model_id);
  sqlite3_bind_text (stmt, 2, word, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, phones, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (plain, 1, call->model_id);
  sqlite3_bind_text (plain, 2, call->word, -1, SQLITE_STATIC);
  sqlite3_bind_text (plain, 3, word, -1, SQLITE_STATIC);
  if (!_prl_store_step_done (db, stmt, _ ("save the pronunciation"), error)
      || !_prl_store_step_done (db, plain, _ ("save the pronunciation"), error)
      || !pronunciations_changed (db, call->model_id, error)
      || !_prl_store_commit (db, error))
    {
      _prl_store_rollback (db);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static gpointer
delete_pronunciation_call (sqlite3 *db, gpointer data, GError **error)
{
  VersionCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_auto (PrlValueCrypt) crypt = { 0 };
  g_autofree char *word_context = _prl_pronunciation_word_context (call->model_id);
  g_autofree char *sealed = NULL;

  /* The word as stored: sealed with encryption on, and plain too in case
   * the row predates it. */
  _prl_value_crypt_init (&crypt, call->store);
  if (!(sealed = _prl_value_crypt_seal (&crypt, word_context, call->word, TRUE, error)))
    return NULL;

  stmt = _prl_store_prepare (
      db, "DELETE FROM pronunciations WHERE model_id = ? AND word IN (?, ?)", error);
  if (stmt == NULL)
    return NULL;

  if (!_prl_store_begin (db, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, call->model_id);
  sqlite3_bind_text (stmt, 2, call->word, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sealed, -1, SQLITE_STATIC);
  if (!_prl_store_step_done (db, stmt, _ ("delete the pronunciation"), error))
    goto fail;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("“%s” is not in the model’s pronunciation list"), call->word);
      goto fail;
    }

  if (!pronunciations_changed (db, call->model_id, error)
      || !_prl_store_commit (db, error))
    goto fail;

  return GINT_TO_POINTER (TRUE);

fail:
  _prl_store_rollback (db);
  return NULL;
}

/* Both lists of a model's rows run the same way: @func reads them and
 * returns a GPtrArray. */
static void
list_model_rows (PrlStore           *self,
                 gpointer            source_tag,
                 PrlStoreSyncFunc    func,
                 gint64              model_id,
                 GCancellable       *cancellable,
                 GAsyncReadyCallback callback,
                 gpointer            user_data)
{
  g_return_if_fail (PRL_IS_STORE (self));

  _prl_store_run_call (self, source_tag, func, version_call_new (self, model_id, NULL),
                       (GDestroyNotify)version_call_free,
                       (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                       user_data);
}

void
prl_store_list_versions_async (PrlStore           *self,
                               gint64              model_id,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  list_model_rows (self, prl_store_list_versions_async, list_versions_call, model_id,
                   cancellable, callback, user_data);
}

/**
 * prl_store_list_versions_finish:
 *
 * Returns: (transfer full) (element-type PrlVersion): newest first
 */
GPtrArray *
prl_store_list_versions_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

void
prl_store_list_pronunciations_async (PrlStore           *self,
                                     gint64              model_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  list_model_rows (self, prl_store_list_pronunciations_async, list_pronunciations_call,
                   model_id, cancellable, callback, user_data);
}

/**
 * prl_store_list_pronunciations_finish:
 *
 * Returns: (transfer full) (element-type PrlPronunciation): sorted by word
 */
GPtrArray *
prl_store_list_pronunciations_finish (PrlStore     *self,
                                      GAsyncResult *result,
                                      GError      **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

/**
 * prl_store_set_pronunciation_async:
 * @word: the word; stored in lower case
 * @phones: space-separated phones, already checked by the caller
 *
 * Saves a user entry, replacing a generated one.
 */
void
prl_store_set_pronunciation_async (PrlStore           *self,
                                   gint64              model_id,
                                   const char         *word,
                                   const char         *phones,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  VersionCall *call;

  g_return_if_fail (PRL_IS_STORE (self));
  g_return_if_fail (word != NULL && phones != NULL);

  call = version_call_new (self, model_id, word);
  call->phones = g_strdup (phones);
  _prl_store_run_call (self, prl_store_set_pronunciation_async, set_pronunciation_call,
                       call, (GDestroyNotify)version_call_free, NULL, cancellable,
                       callback, user_data);
}

gboolean
prl_store_set_pronunciation_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_boolean (self, result, error);
}

void
prl_store_delete_pronunciation_async (PrlStore           *self,
                                      gint64              model_id,
                                      const char         *word,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  VersionCall *call;

  g_return_if_fail (PRL_IS_STORE (self));
  g_return_if_fail (word != NULL);

  call = version_call_new (self, model_id, word);
  _prl_store_run_call (self, prl_store_delete_pronunciation_async,
                       delete_pronunciation_call, call, (GDestroyNotify)version_call_free,
                       NULL, cancellable, callback, user_data);
}

gboolean
prl_store_delete_pronunciation_finish (PrlStore     *self,
                                       GAsyncResult *result,
                                       GError      **error)
{
  return _prl_store_finish_boolean (self, result, error);
}
