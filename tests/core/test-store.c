/* test-store.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "prl-blob-store.h"
#include "prl-provider-info.h"
#include "prl-store-private.h"
#include "../test-util.h"
#include "prl-workspace.h"

static PrlWorkspace *
open_workspace (const char *dir, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_open_async (dir, NULL, store_result_cb, &result);
  return prl_workspace_open_finish (wait_for (&result), error);
}

static PrlModel *
create_model (PrlWorkspace *ws,
              const char   *name,
              const char   *provider,
              const char   *language,
              GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  const char *tags[] = { "clinic", "test", NULL };

  prl_workspace_create_model_async (ws, name, provider, language,
                                    PRL_BASE_MODEL_NARROW_BAND, tags, NULL,
                                    store_result_cb, &result);
  return prl_workspace_create_model_finish (ws, wait_for (&result), error);
}

static gboolean
rename_model (PrlWorkspace *ws, PrlModel *model, const char *name, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_rename_model_async (ws, model, name, NULL, store_result_cb, &result);
  return prl_workspace_rename_model_finish (ws, wait_for (&result), error);
}

static gboolean
delete_model (PrlWorkspace *ws, PrlModel *model, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_delete_model_async (ws, model, NULL, store_result_cb, &result);
  return prl_workspace_delete_model_finish (ws, wait_for (&result), error);
}

static void
set_role (PrlWorkspace *ws, PrlRole role)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_workspace_set_role_async (ws, role, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_set_role_finish (ws, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
sql_text (const char *db_path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
test_create_list_persist (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  PrlWorkspace    *ws;
  PrlModel        *model;
  g_autofree char *mode = NULL;

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 0);
  g_assert_cmpint (prl_workspace_get_role (ws), ==, PRL_ROLE_ORGADMIN);
  g_assert_cmpuint (prl_store_get_schema_version (prl_workspace_get_store (ws)), ==,
                    prl_store_get_latest_schema_version ());

  model = create_model (ws, "cardiology", "local", "en-US", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_model_get_name (model), ==, "cardiology");
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
  g_assert_cmpint (prl_model_get_base_model (model), ==, PRL_BASE_MODEL_NARROW_BAND);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 1);
  g_assert_true (prl_workspace_find_model (ws, "CARDIOLOGY") == model);
  g_object_unref (model);

  model = create_model (ws, "radiology", "local", "en-US", &error);
  g_assert_no_error (error);
  g_object_unref (model);

  g_assert_finalize_object (ws);

  /* Everything is on disk, in WAL mode. */
  mode = sql_text (db_path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 2);
  model = prl_workspace_find_model (ws, "cardiology");
  g_assert_nonnull (model);
  g_assert_cmpstr (prl_model_get_provider (model), ==, "local");
  g_assert_cmpstr (prl_model_get_language (model), ==, "en-US");
  g_assert_cmpstr (prl_model_get_tags (model)[0], ==, "clinic");
  g_assert_cmpstr (prl_model_get_tags (model)[1], ==, "test");
  g_assert_null (prl_model_get_tags (model)[2]);
  g_assert_true (
      g_date_time_compare (prl_model_get_created (model), prl_model_get_modified (model))
      <= 0);
  g_assert_finalize_object (ws);
  rm_rf (dir);
}

static void
test_bad_names (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws = open_workspace (dir, &error);
  PrlModel     *model;

  g_assert_no_error (error);
  model = create_model (ws, "notes", "local", "en-US", &error);
  g_assert_no_error (error);
  g_object_unref (model);

  g_assert_null (create_model (ws, "", "local", "en-US", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_EMPTY);
  g_clear_error (&error);

  g_assert_null (create_model (ws, "Notes", "local", "en-US", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);

  g_assert_null (create_model (ws, long_name, "local", "en-US", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TOO_LONG);
  g_clear_error (&error);

  g_assert_null (create_model (ws, "a;b", "local", "en-US", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_clear_error (&error);

  g_assert_null (create_model (ws, "x", "local", "de-DE", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_LANGUAGE_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "en-US"));
  g_clear_error (&error);

  g_assert_null (create_model (ws, "x", "aws-transcribe", "en-US", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP);
  g_clear_error (&error);

  g_assert_null (create_model (ws, "x", "acme", "en-US", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_UNKNOWN_PROVIDER);
  g_clear_error (&error);

  /* Nothing was half-written. */
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 1);
  g_assert_finalize_object (ws);

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 1);
  g_assert_finalize_object (ws);
  rm_rf (dir);
}

static void
test_rename (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws = open_workspace (dir, &error);
  g_autoptr (PrlModel) a = create_model (ws, "alpha", "local", "en-US", NULL);
  g_autoptr (PrlModel) b = create_model (ws, "beta", "local", "en-US", NULL);
  gint64 before = prl_model_get_modified_unix (a);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_usleep (2000);

  g_assert_true (rename_model (ws, a, "gamma", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (prl_model_get_name (a), ==, "gamma");
  g_assert_cmpint (prl_model_get_modified_unix (a), >, before);

  /* Keeping one's own name, in another case, is allowed. */
  g_assert_true (rename_model (ws, a, "Gamma", &error));
  g_assert_no_error (error);

  g_assert_false (rename_model (ws, a, "BETA", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_false (rename_model (ws, a, "", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_EMPTY);
  g_clear_error (&error);
  g_assert_cmpstr (prl_model_get_name (a), ==, "Gamma");

  g_clear_object (&a);
  g_clear_object (&b);
  g_assert_finalize_object (ws);

  ws = open_workspace (dir, &error);
  g_assert_nonnull (prl_workspace_find_model (ws, "Gamma"));
  g_assert_null (prl_workspace_find_model (ws, "alpha"));
  g_assert_finalize_object (ws);
  rm_rf (dir);
}

static void
test_delete_and_roles (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws = open_workspace (dir, &error);
  g_autoptr (PrlModel) a = create_model (ws, "alpha", "local", "en-US", NULL);
  g_autoptr (PrlModel) b = create_model (ws, "beta", "local", "en-US", NULL);
  g_autofree char *reason = NULL;
  g_autofree char *n_tags = NULL;

  g_assert_true (prl_workspace_can_delete_models (ws, NULL));
  set_role (ws, PRL_ROLE_MEMBER);
  g_assert_false (prl_workspace_can_delete_models (ws, &reason));
  g_assert_nonnull (strstr (reason, "Member"));

  g_assert_false (delete_model (ws, a, &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 2);

  set_role (ws, PRL_ROLE_SYSOP);
  g_assert_true (delete_model (ws, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 1);

  /* Deleting twice reports that it is gone. */
  g_assert_false (delete_model (ws, a, &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  set_role (ws, PRL_ROLE_ORGADMIN);
  g_assert_true (delete_model (ws, b, &error));
  g_clear_object (&a);
  g_clear_object (&b);
  g_assert_finalize_object (ws);

  /* Foreign keys cascade: the tags went with the models. */
  n_tags = sql_text (db_path, "SELECT count(*) FROM model_tags");
  g_assert_cmpstr (n_tags, ==, "0");

  ws = open_workspace (dir, &error);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 0);
  g_assert_cmpint (prl_workspace_get_role (ws), ==, PRL_ROLE_ORGADMIN);
  g_assert_finalize_object (ws);
  rm_rf (dir);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* Opening must fail with @code and leave the file byte for byte as it was. */
static void
assert_open_refused (const char *dir, int code, const char *needle)
{
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GBytes) before = read_bytes (db_path);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  PrlWorkspace    *ws;

  ws = open_workspace (dir, &error);
  g_assert_null (ws);
  g_assert_error (error, PRL_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, needle));

  after = read_bytes (db_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_corrupt (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  GString *junk = g_string_new (NULL);

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (junk, "not a database %u\n", i);
  g_file_set_contents (db_path, junk->str, junk->len, &error);
  g_assert_no_error (error);
  g_string_free (junk, TRUE);

  assert_open_refused (dir, PRL_STORE_ERROR_CORRUPT, "has not changed it");
  rm_rf (dir);
}

static void
test_damaged_pages (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  PrlWorkspace    *ws = open_workspace (dir, &error);
  g_autofree char *data = NULL;
  gsize            len = 0;

  /* Enough rows to span several pages, then checkpointed into the file. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name
          = g_strdup_printf ("model-%u-with-a-long-name-to-fill-pages", i);
      g_autoptr (PrlModel) m = create_model (ws, name, "local", "en-US", &error);

      g_assert_no_error (error);
    }
  g_assert_finalize_object (ws);

  g_file_get_contents (db_path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 3 * 4096);
  /* Scribble over the pages after the first, keeping the file header. */
  memset (data + 4096, 0xA5, len - 4096);
  g_file_set_contents (db_path, data, len, &error);
  g_assert_no_error (error);

  assert_open_refused (dir, PRL_STORE_ERROR_CORRUPT, "damage");
  rm_rf (dir);
}

static void
make_db (const char *db_path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_too_new (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);

  make_db (db_path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  assert_open_refused (dir, PRL_STORE_ERROR_TOO_NEW, "newer version of Parlance");
  rm_rf (dir);
}

static void
test_foreign_database (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);

  make_db (db_path,
           "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('x');");
  assert_open_refused (dir, PRL_STORE_ERROR_CORRUPT, "not a Parlance workspace");
  rm_rf (dir);
}

/* A database as the first release wrote it opens, upgrades, and keeps
 * its models.
 */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *version = NULL;
  PrlWorkspace    *ws;
  PrlModel        *model;

  make_db (db_path,
           "CREATE TABLE workspace (id INTEGER PRIMARY KEY CHECK (id = 1),"
           " owner_role TEXT NOT NULL DEFAULT 'ORGADMIN'"
           " CHECK (owner_role IN ('ORGADMIN', 'SYSOP', 'MEMBER')),"
           " created INTEGER NOT NULL);"
           "INSERT INTO workspace (id, owner_role, created) VALUES (1, 'SYSOP', 0);"
           "CREATE TABLE models (id INTEGER PRIMARY KEY,"
           " name TEXT NOT NULL UNIQUE COLLATE NOCASE, provider TEXT NOT NULL,"
           " language TEXT NOT NULL, base_model TEXT NOT NULL"
           " CHECK (base_model IN ('NarrowBand', 'WideBand')),"
           " status TEXT NOT NULL DEFAULT 'not-running' CHECK (status IN"
           " ('not-running', 'ready-to-run', 'running', 'success', 'failed')),"
           " created INTEGER NOT NULL, modified INTEGER NOT NULL);"
           "INSERT INTO models VALUES (1, 'legacy', 'local', 'en-US', 'WideBand',"
           " 'success', 1000000, 2000000);"
           "PRAGMA user_version = 1;");

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prl_workspace_get_role (ws), ==, PRL_ROLE_SYSOP);
  model = prl_workspace_find_model (ws, "legacy");
  g_assert_nonnull (model);
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpint (prl_model_get_modified_unix (model), ==, 2000000);
  g_assert_finalize_object (ws);

  version = sql_text (db_path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, prl_store_get_latest_schema_version ());
  rm_rf (dir);
}

/* A workspace whose datasets were one file each (the schema before
 * dataset_files) opens as one-file datasets: every dataset keeps its id,
 * name, type, figures and times, and every blob stays and still reads. */
static void
test_migrate_to_dataset_files (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autofree char *blob_dir = g_build_filename (dir, "blobs", NULL);
  g_autoptr (PrlBlobStore) blobs = prl_blob_store_new (blob_dir);
  const char *contents[] = { "the patient has atrial fibrillation\n", "RIFF fake audio",
                             "start metoprolol\n" };
  const char *names[] = { "notes.txt", "a.wav", "a.txt" };
  const char *types[] = { "TRANSCRIPT", "AUDIO", "TEST" };
  char       *shas[3];
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autofree char *version = NULL;
  guint            before = _prl_store_find_migration ("CREATE TABLE dataset_files") - 1;
  sqlite3         *db = NULL;
  PrlWorkspace    *ws;
  PrlModel        *model;

  /* The database as the previous schema left it. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (_prl_store_migrate_to (db, 0, before, &error));
  g_assert_no_error (error);
  g_string_append (sql, "INSERT INTO models (id, name, provider, language, base_model,"
                        " status, created, modified) VALUES (1, 'legacy', 'local',"
                        " 'en-US', 'WideBand', 'ready-to-run', 1, 2);");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *blob = NULL;
      g_autofree char *parent = NULL;

      shas[i] = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents[i], -1);
      blob = prl_blob_store_get_path (blobs, shas[i], FALSE);
      parent = g_path_get_dirname (blob);
      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_assert_true (g_file_set_contents (blob, contents[i], -1, NULL));
      g_string_append_printf (
          sql,
          "INSERT INTO datasets (id, model_id, name, type, sha256, size, duration,"
          " sample_rate, channels, codec, n_lines, n_words, started, ended) VALUES"
          " (%u, 1, '%s', '%s', '%s', %zu, %s, %u, %u, %s, %u, 4, %u, %u);",
          10 + i, names[i], types[i], shas[i], strlen (contents[i]),
          i == 1 ? "1.5" : "-1", i == 1 ? 8000 : 0, i == 1 ? 1 : 0,
          i == 1 ? "'PCM'" : "NULL", i == 1 ? 0 : 1, 1000000 * (i + 1),
          1000000 * (i + 1) + 500);
    }
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  model = prl_workspace_find_model (ws, "legacy");
  g_assert_nonnull (model);
  /* The trainable data did not change, so neither did the status. */
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
  files = prl_store_list_datasets_sync (prl_workspace_get_store (ws),
                                        prl_model_get_id (model), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      PrlDataset *file = g_ptr_array_index (files, i);
      g_autoptr (GInputStream) input = NULL;
      g_autoptr (GBytes) key = NULL;
      char  buffer[64] = { 0 };
      gsize n = 0;

      g_assert_cmpint (prl_dataset_get_id (file), ==, 10 + i);
      g_assert_cmpint (prl_dataset_get_group_id (file), ==, 10 + i);
      g_assert_cmpstr (prl_dataset_get_name (file), ==, names[i]);
      g_assert_cmpstr (prl_dataset_get_group_name (file), ==, names[i]);
      g_assert_cmpuint (prl_dataset_get_position (file), ==, 0);
      g_assert_cmpstr (prl_dataset_get_source (file), ==, "");
      g_assert_cmpstr (prl_dataset_type_to_string (prl_dataset_get_dataset_type (file)),
                       ==, types[i]);
      g_assert_cmpstr (prl_dataset_get_sha256 (file), ==, shas[i]);
      g_assert_cmpuint (prl_dataset_get_size (file), ==, strlen (contents[i]));
      g_assert_cmpuint (prl_dataset_get_n_words (file), ==, 4);
      g_assert_cmpint (g_date_time_to_unix (prl_dataset_get_started (file)), ==, i + 1);
      if (i == 1)
        {
          g_assert_cmpfloat (prl_dataset_get_duration (file), ==, 1.5);
          g_assert_cmpuint (prl_dataset_get_sample_rate (file), ==, 8000);
          g_assert_cmpstr (prl_dataset_get_codec (file), ==, "PCM");
        }

      /* The blob is still there, referred to, and reads back. */
      input = prl_store_open_dataset (prl_workspace_get_store (ws), file, &key, NULL,
                                      &error);
      g_assert_no_error (error);
      g_assert_true (
          g_input_stream_read_all (input, buffer, sizeof buffer - 1, &n, NULL, &error));
      g_assert_cmpstr (buffer, ==, contents[i]);
    }

  {
    g_autoptr (GHashTable) refs
        = prl_store_list_blob_refs_sync (prl_workspace_get_store (ws), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (prl_blob_store_collect (blobs, refs, &error), ==, 0);
    g_assert_no_error (error);
  }
  g_assert_finalize_object (ws);

  version = sql_text (db_path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, prl_store_get_latest_schema_version ());
  /* The dataset rows no longer carry the file's columns. */
  g_assert_null (sql_text (db_path, "SELECT name FROM pragma_table_info('datasets')"
                                    " WHERE name = 'sha256'"));
  for (guint i = 0; i < 3; i++)
    g_free (shas[i]);
  rm_rf (dir);
}

/* Versions from before weight_source read as what they were: tuned on
 * TUNING text when `tuned`, else the default for want of tuning text; and
 * without the stock model's known-word figures. */
static void
test_migrate_weight_source (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  guint         before = _prl_store_find_migration ("ADD COLUMN weight_source") - 1;
  sqlite3      *db = NULL;
  PrlWorkspace *ws;
  PrlModel     *model;
  GListModel   *versions;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (_prl_store_migrate_to (db, 0, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          "INSERT INTO models (id, name, provider, language, base_model, status, created,"
          " modified) VALUES (1, 'legacy', 'local', 'en-US', 'WideBand', 'success', 1, "
          "2);"
          "INSERT INTO versions (model_id, name, created, directory, base_model_id,"
          " \"order\", lm_weight, tuned, perplexities) VALUES"
          " (1, 'legacy-1', 1, '/nowhere/1', 'stock', 3, 0.5, 0, '{}'),"
          " (1, 'legacy-2', 2, '/nowhere/2', 'stock', 3, 0.8, 1,"
          " '{\"custom\": 20, \"stock\": 1e12, \"mixture\": 18}');",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  model = prl_workspace_find_model (ws, "legacy");
  g_assert_nonnull (model);
  versions = prl_workspace_get_versions (ws, model);
  while (g_list_model_get_n_items (versions) < 2)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr (PrlVersion) tuned = g_list_model_get_item (versions, 0);
    g_autoptr (PrlVersion) untuned = g_list_model_get_item (versions, 1);
    g_autofree char *tuned_reason = prl_version_describe_weight (tuned);
    g_autofree char *untuned_reason = prl_version_describe_weight (untuned);

    g_assert_cmpstr (prl_version_get_name (tuned), ==, "legacy-2");
    g_assert_cmpint (prl_version_get_weight_source (tuned), ==, PRL_WEIGHT_SOURCE_TUNING);
    g_assert_cmpstr (tuned_reason, ==, "tuned on the TUNING text");
    g_assert_cmpint (prl_version_get_weight_source (untuned), ==,
                     PRL_WEIGHT_SOURCE_NO_TUNING_TEXT);
    g_assert_cmpstr (untuned_reason, ==, "default, no tuning text");
    g_assert_cmpfloat (prl_version_get_stock_known_perplexity (tuned), ==, -1);
    g_assert_null (prl_version_describe_stock_fit (tuned));
  }
  g_assert_finalize_object (ws);
  rm_rf (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autofree char *ws_dir = g_build_filename (dir, "ws", NULL);

  /* An existing workspace, then the folder made read-only. */
  {
    g_autoptr (GError) error = NULL;
    PrlWorkspace *ws = open_workspace (ws_dir, &error);
    g_autoptr (PrlModel) m = create_model (ws, "kept", "local", "en-US", &error);

    g_assert_no_error (error);
    g_assert_finalize_object (ws);
  }
  g_assert_cmpint (g_chmod (ws_dir, 0555), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *fresh = g_build_filename (dir, "fresh", NULL);

      /* Root ignores permissions; drop to nobody for a real refusal. */
      if (getuid () == 0)
        g_assert_cmpint (setuid (65534), ==, 0);

      /* Reading works: the workspace opens read-only with its models. */
      {
        PrlWorkspace *ws = open_workspace (ws_dir, &error);
        g_autoptr (PrlModel) created = NULL;

        g_assert_no_error (error);
        g_assert_true (prl_store_is_read_only (prl_workspace_get_store (ws)));
        g_assert_nonnull (prl_workspace_find_model (ws, "kept"));

        /* Writing is refused with what to do. */
        created = create_model (ws, "other", "local", "en-US", &error);
        g_assert_null (created);
        g_assert_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY);
        g_assert_nonnull (strstr (error->message, "read-only"));
        g_assert_nonnull (strstr (error->message, "writable"));
        g_clear_error (&error);
        g_assert_false (delete_model (ws, prl_workspace_find_model (ws, "kept"), &error));
        g_assert_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY);
        g_clear_error (&error);
        g_assert_finalize_object (ws);
      }

      g_assert_null (open_workspace (fresh, &error));
      g_assert_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "--workspace"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_chmod (dir, 0755);
  g_chmod (ws_dir, 0755);
  {
    g_autoptr (GError) error = NULL;
    PrlWorkspace *ws = open_workspace (ws_dir, &error);

    g_assert_no_error (error);
    g_assert_nonnull (prl_workspace_find_model (ws, "kept"));
    g_assert_finalize_object (ws);
  }
  rm_rf (dir);
}

static void
test_many_concurrent (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-XXXXXX");
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws = open_workspace (dir, &error);
  GAsyncResult *results[40] = { NULL };

  /* Queue all creations before waiting: the worker runs them in order. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *name = g_strdup_printf ("m%02u", i);

      prl_workspace_create_model_async (ws, name, "local", "en-US",
                                        PRL_BASE_MODEL_WIDE_BAND, NULL, NULL,
                                        store_result_cb, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr (PrlModel) m
          = prl_workspace_create_model_finish (ws, wait_for (&results[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (m);
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 40);
  g_assert_finalize_object (ws);
  rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create-list-persist", test_create_list_persist);
  g_test_add_func ("/store/bad-names", test_bad_names);
  g_test_add_func ("/store/rename", test_rename);
  g_test_add_func ("/store/delete-and-roles", test_delete_and_roles);
  g_test_add_func ("/store/corrupt", test_corrupt);
  g_test_add_func ("/store/damaged-pages", test_damaged_pages);
  g_test_add_func ("/store/too-new", test_too_new);
  g_test_add_func ("/store/foreign-database", test_foreign_database);
  g_test_add_func ("/store/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate-to-dataset-files", test_migrate_to_dataset_files);
  g_test_add_func ("/store/migrate-weight-source", test_migrate_weight_source);
  g_test_add_func ("/store/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store/many-concurrent", test_many_concurrent);

  return g_test_run ();
}
