/* prl-store-models.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store-models"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-job-records.h"
#include "prl-provider-info.h"
#include "prl-remote-job.h"
#include "prl-store-private.h"

/* The model operations of PrlStore. Each public call packs its arguments
 * and queues a *_call function on the store's thread (_prl_store_run_call);
 * the workers return fresh PrlModel objects that the workspace merges
 * into the objects the views hold.
 */

#define MODEL_COLUMNS                                                                    \
  "id, name, provider, language, base_model, status, created, modified, failure_code,"   \
  " failure_message, account, provider_base,"                                            \
  " coalesce ((SELECT v.upgrade_available FROM versions v WHERE v.model_id = models.id"  \
  "   AND v.remote_status IN ('', 'completed') ORDER BY v.created DESC, v.id DESC"       \
  "   LIMIT 1), 0),"                                                                     \
  " (status = 'running' AND (EXISTS (SELECT 1 FROM jobs j WHERE j.model_id = models.id"  \
  "   AND j.kind = 'upgrade') OR EXISTS (SELECT 1 FROM remote_jobs r"                    \
  "   WHERE r.model_id = models.id AND r.status = 'running'"                             \
  "   AND instr (r.state, '\"upgrade_of\"') > 0)))"

typedef struct
{
  gint64       id;
  char        *name;     /* (owned) (nullable) */
  char        *provider; /* (owned) (nullable) */
  char        *language; /* (owned) (nullable) */
  PrlBaseModel base_model;
  GStrv        tags;          /* (owned) (nullable) */
  char        *directory;     /* (owned) (nullable): the workspace, to delete */
  char        *account;       /* (owned) (nullable): a new cloud model's account */
  char        *provider_base; /* (owned) (nullable): its provider's base */
  const char  *sql;           /* an UPDATE for update_model() */
  char        *value;         /* (owned) (nullable): its ?1 */
} ModelData;

static void
model_data_free (gpointer data)
{
  ModelData *md = data;

  g_free (md->name);
  g_free (md->provider);
  g_free (md->language);
  g_strfreev (md->tags);
  g_free (md->directory);
  g_free (md->account);
  g_free (md->provider_base);
  g_free (md->value);
  g_free (md);
}

static ModelData *
model_data_new (gint64 id)
{
  ModelData *md = g_new0 (ModelData, 1);

  md->id = id;
  return md;
}

static gboolean
read_tags (sqlite3 *db, GHashTable *tags_by_id, gint64 only_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prl_store_prepare (db,
                             "SELECT model_id, tag FROM model_tags"
                             " WHERE ?1 = 0 OR model_id = ?1 ORDER BY model_id, tag",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64     id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *tags = g_hash_table_lookup (tags_by_id, &id);

      if (tags == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          tags = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (tags_by_id, key, tags);
        }
      g_ptr_array_add (tags, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }

  if (rc != SQLITE_DONE)
    return _prl_store_set_error (db, rc, error, _ ("read model tags"));

  return TRUE;
}

static PrlModel *
model_from_row (sqlite3_stmt *stmt, GHashTable *tags_by_id)
{
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) modified = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  PrlBaseModel      base_model = PRL_BASE_MODEL_WIDE_BAND;
  PrlTrainingStatus status = PRL_TRAINING_STATUS_NOT_RUNNING;
  gint64            id = sqlite3_column_int64 (stmt, 0);
  GPtrArray        *found = g_hash_table_lookup (tags_by_id, &id);
  PrlModel         *model;

  /* The table's CHECK constraints guarantee these parse. */
  prl_base_model_from_string ((const char *)sqlite3_column_text (stmt, 4), &base_model);
  prl_training_status_from_nick ((const char *)sqlite3_column_text (stmt, 5), &status);
  created = _prl_store_time_from_usec (sqlite3_column_int64 (stmt, 6));
  modified = _prl_store_time_from_usec (sqlite3_column_int64 (stmt, 7));

  tags = g_ptr_array_new ();
  for (guint i = 0; found && i < found->len; i++)
    g_ptr_array_add (tags, found->pdata[i]);
  g_ptr_array_add (tags, NULL);

  model = prl_model_new (id, (const char *)sqlite3_column_text (stmt, 1),
                         (const char *)sqlite3_column_text (stmt, 2),
                         (const char *)sqlite3_column_text (stmt, 3), base_model, status,
                         (const char *const *)tags->pdata, created, modified);
  prl_model_set_failure (model, (const char *)sqlite3_column_text (stmt, 8),
                         (const char *)sqlite3_column_text (stmt, 9));
  prl_model_set_account (model, (const char *)sqlite3_column_text (stmt, 10));
  prl_model_set_provider_base (model, (const char *)sqlite3_column_text (stmt, 11));
  /* The newest usable version decides: after an upgrade the new version
   * is on the current base, while the old one keeps its flag. */
  prl_model_set_upgrade_available (model, sqlite3_column_int (stmt, 12) != 0);
  /* Column 13: a training that upgrades (a local one's job row, or a
   * cloud one's remote job whose state names the version it upgrades). */
  prl_model_set_upgrading (model, sqlite3_column_int (stmt, 13) != 0);
  return model;
}

/* Reads models: all of them when @only_id is 0. */
static GPtrArray *
read_models (sqlite3 *db, gint64 only_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GHashTable) tags_by_id = NULL;
  g_autoptr (GPtrArray) models = NULL;
  int rc;

  tags_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
  if (!read_tags (db, tags_by_id, only_id, error))
    return NULL;

  stmt = _prl_store_prepare (db,
                             "SELECT " MODEL_COLUMNS " FROM models"
                             " WHERE ?1 = 0 OR id = ?1 ORDER BY name",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, only_id);
  models = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (models, model_from_row (stmt, tags_by_id));

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("read the models"));
      return NULL;
    }

  return g_steal_pointer (&models);
}

PrlModel *
_prl_store_read_model (sqlite3 *db, gint64 id, GError **error)
{
  g_autoptr (GPtrArray) models = read_models (db, id, error);

  if (models == NULL)
    return NULL;

  if (models->len == 0)
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NOT_FOUND,
                           _ ("The model no longer exists"));
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (models, 0));
}

static gboolean
set_write_error (sqlite3 *db, int rc, const char *name, GError **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN,
                   _ ("A model named “%s” already exists; choose another name"), name);
      return FALSE;
    }

  return _prl_store_set_error (db, rc, error, _ ("save the model"));
}

static gpointer
list_models_call (sqlite3 *db, gpointer data, GError **error)
{
  return read_models (db, 0, error);
}

void
prl_store_list_models_async (PrlStore           *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (PRL_IS_STORE (self));

  _prl_store_run_call (self, prl_store_list_models_async, list_models_call, NULL, NULL,
                       (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                       user_data);
}

/**
 * prl_store_list_models_finish:
 *
 * Returns: (transfer full) (element-type PrlModel): the models by name
 */
GPtrArray *
prl_store_list_models_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

static gboolean
insert_model (sqlite3 *db, ModelData *md, gint64 *id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  int    rc;

  stmt = _prl_store_prepare (db,
                             "INSERT INTO models (name, provider, language, base_model,"
                             " status, created, modified, account, provider_base)"
                             " VALUES (?, ?, ?, ?, 'not-running', ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, md->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, md->provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, md->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, prl_base_model_to_string (md->base_model), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_text (stmt, 7, md->account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, md->provider_base, -1, SQLITE_STATIC);

  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return set_write_error (db, rc, md->name, error);

  *id = sqlite3_last_insert_rowid (db);
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; md->tags && md->tags[i]; i++)
    {
      stmt = _prl_store_prepare (db,
                                 "INSERT OR IGNORE INTO model_tags (model_id, tag)"
                                 " VALUES (?, ?)",
                                 error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, *id);
      sqlite3_bind_text (stmt, 2, md->tags[i], -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return set_write_error (db, rc, md->name, error);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  return TRUE;
}

static gpointer
insert_model_call (sqlite3 *db, gpointer data, GError **error)
{
  gint64 id = 0;

  if (!_prl_store_begin (db, error))
    return NULL;

  if (!insert_model (db, data, &id, error))
    {
      _prl_store_rollback (db);
      return NULL;
    }

  if (!_prl_store_commit (db, error))
    return NULL;

  return _prl_store_read_model (db, id, error);
}

/**
 * prl_store_insert_model_full_async:
 * @options: the model; with its @account, the cloud account a cloud
 *   provider's model trains with, saved in the same transaction as the
 *   model (so no model of a cloud provider is ever seen without its
 *   account), and its @provider_base (Watson's "en-US_Telephony"); the
 *   strings are copied before this returns
 *
 * Saves a new model with the status Not Running. The caller validates the
 * name against the provider's rules; the store enforces that names are
 * unique (ignoring ASCII case) and fails with %PRL_MODEL_ERROR_NAME_TAKEN.
 * Finish with prl_store_insert_model_finish().
 */
void
prl_store_insert_model_full_async (PrlStore                    *self,
                                   const PrlModelCreateOptions *options,
                                   GCancellable                *cancellable,
                                   GAsyncReadyCallback          callback,
                                   gpointer                     user_data)
{
  ModelData *md;

  g_return_if_fail (PRL_IS_STORE (self));
  g_return_if_fail (options != NULL);
  g_return_if_fail (options->name != NULL && options->provider != NULL
                    && options->language != NULL);

  md = model_data_new (0);
  md->name = g_strdup (options->name);
  md->provider = g_strdup (options->provider);
  md->language = g_strdup (options->language);
  md->base_model = options->base_model;
  md->tags = g_strdupv ((char **)options->tags);
  md->account = g_strdup (options->account);
  md->provider_base = g_strdup (options->provider_base);

  _prl_store_run_call (self, prl_store_insert_model_full_async, insert_model_call, md,
                       model_data_free, g_object_unref, cancellable, callback, user_data);
}

/**
 * prl_store_insert_model_finish:
 *
 * Returns: (transfer full): the saved model
 */
PrlModel *
prl_store_insert_model_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

/* Runs the UPDATE @md holds on the model it names, on the store's
 * thread: ?1 is its value, ?2 the time, ?3 the id; a taken name is
 * reported with its name. Returns the model as saved. */
static gpointer
update_call (sqlite3 *db, gpointer data, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  ModelData *md = data;
  int        rc;

  if (!(stmt = _prl_store_prepare (db, md->sql, error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, md->value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 3, md->id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      set_write_error (db, rc, md->name, error);
      return NULL;
    }

  return _prl_store_read_model (db, md->id, error);
}

/* Queues update_call() with @sql and @value; @name is the new name when
 * the UPDATE renames, for the error when it is taken. */
static void
update_model_async (PrlStore           *self,
                    gpointer            source_tag,
                    gint64              model_id,
                    const char         *sql,
                    const char         *value,
                    const char         *name,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  ModelData *md = model_data_new (model_id);

  md->sql = sql;
  md->value = g_strdup (value);
  md->name = g_strdup (name);
  _prl_store_run_call (self, source_tag, update_call, md, model_data_free, g_object_unref,
                       cancellable, callback, user_data);
}

/* update_call(), blocking. */
static PrlModel *
update_model_sync (
    PrlStore *self, gint64 model_id, const char *sql, const char *value, GError **error)
{
  ModelData md = { .id = model_id, .sql = sql, .value = (char *)value };

  return _prl_store_call (self, update_call, &md, error);
}

void
prl_store_rename_model_async (PrlStore           *self,
                              gint64              model_id,
                              const char         *new_name,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (PRL_IS_STORE (self));
  g_return_if_fail (new_name != NULL);

  update_model_async (self, prl_store_rename_model_async, model_id,
                      "UPDATE models SET name = ?1, modified = ?2 WHERE id = ?3",
                      new_name, new_name, cancellable, callback, user_data);
}

/**
 * prl_store_rename_model_finish:
 *
 * Returns: (transfer full): the model as saved
 */
PrlModel *
prl_store_rename_model_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

/**
 * prl_store_set_base_model_async:
 *
 * Changes the base model of a model that has no trained version yet; a
 * model with one keeps its base model. Finish with
 * prl_store_set_base_model_finish() and compare.
 */
void
prl_store_set_base_model_async (PrlStore           *self,
                                gint64              model_id,
                                PrlBaseModel        base_model,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (PRL_IS_STORE (self));

  /* A model with a trained version keeps its base model: the version was
   * built on it. The check and the change are one statement. */
  update_model_async (self, prl_store_set_base_model_async, model_id,
                      "UPDATE models SET base_model = ?1, modified = ?2"
                      " WHERE id = ?3 AND base_model != ?1 AND NOT EXISTS"
                      " (SELECT 1 FROM versions WHERE model_id = ?3)",
                      prl_base_model_to_string (base_model), NULL, cancellable, callback,
                      user_data);
}

/**
 * prl_store_set_base_model_finish:
 *
 * Returns: (transfer full): the model as saved
 */
PrlModel *
prl_store_set_base_model_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_pointer (self, result, error);
}

static gpointer
delete_model_call (sqlite3 *db, gpointer data, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  ModelData *md = data;
  g_autoptr (PrlModel) model = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, md->id);
  g_autofree char *folder = NULL;
  gboolean         busy = FALSE;
  int              rc;

  if (!(model = _prl_store_read_model (db, md->id, error)))
    return NULL;

  /* A training in another process would go on writing into the folder. */
  if (!_prl_job_records_model_is_busy (db, md->id, &busy, error))
    return NULL;
  if (busy)
    {
      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_BUSY,
                   _ ("“%s” is training. Cancel the training or wait for it to end, "
                      "then delete the model."),
                   prl_model_get_name (model));
      return NULL;
    }

  if (!(stmt = _prl_store_prepare (db, "DELETE FROM models WHERE id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, md->id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, _ ("delete the model"));
      return NULL;
    }

  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NOT_FOUND,
                           _ ("The model no longer exists"));
      return NULL;
    }

  /* Its versions and whatever a killed training left go with it. */
  folder = g_build_filename (md->directory, "models", id, NULL);
  _prl_job_remove_tree (folder);

  return GINT_TO_POINTER (TRUE);
}

void
prl_store_delete_model_async (PrlStore           *self,
                              gint64              model_id,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  ModelData *md;

  g_return_if_fail (PRL_IS_STORE (self));

  md = model_data_new (model_id);
  md->directory = g_strdup (prl_store_get_directory (self));

  _prl_store_run_call (self, prl_store_delete_model_async, delete_model_call, md,
                       model_data_free, NULL, cancellable, callback, user_data);
}

gboolean
prl_store_delete_model_finish (PrlStore *self, GAsyncResult *result, GError **error)
{
  return _prl_store_finish_boolean (self, result, error);
}

/**
 * prl_store_set_model_account_sync:
 * @account: (nullable): the cloud account's name
 *
 * Links a cloud provider's model to the account it trains with. Blocks.
 *
 * Returns: (transfer full) (nullable): the model as saved
 */
PrlModel *
prl_store_set_model_account_sync (PrlStore   *self,
                                  gint64      model_id,
                                  const char *account,
                                  GError    **error)
{
  return update_model_sync (self, model_id,
                            "UPDATE models SET account = ?1, modified = ?2 WHERE id = ?3",
                            account, error);
}

/**
 * prl_store_set_model_provider_base_sync:
 * @provider_base: (nullable): the provider's own base model name
 *
 * Records the provider's base model a cloud model is built on (Watson's
 * base_model_name). Blocks.
 *
 * Returns: (transfer full) (nullable): the model as saved
 */
PrlModel *
prl_store_set_model_provider_base_sync (PrlStore   *self,
                                        gint64      model_id,
                                        const char *provider_base,
                                        GError    **error)
{
  return update_model_sync (
      self, model_id, "UPDATE models SET provider_base = ?1, modified = ?2 WHERE id = ?3",
      provider_base, error);
}

/**
 * prl_store_set_model_training_remotely_sync:
 *
 * Marks the model Running while a cloud service trains it. The store's
 * recovery leaves it so while the model has a running `remote_jobs` row,
 * whether a process follows it or not. Blocks.
 *
 * Returns: (transfer full) (nullable): the model as saved
 */
PrlModel *
prl_store_set_model_training_remotely_sync (PrlStore *self,
                                            gint64    model_id,
                                            GError  **error)
{
  return update_model_sync (self, model_id,
                            "UPDATE models SET status = ?1, failure_code = NULL,"
                            " failure_message = NULL, modified = ?2 WHERE id = ?3",
                            "running", error);
}
