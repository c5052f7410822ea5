/* test-dataset-provenance.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "core-test-util.h"
#include "prl-dataset-group.h"
#include "prl-store-private.h"

/* Where fetched text came from (datasets.provenance): its migration, and
 * prl_workspace_import_fetched_text() saving it after the same checks as
 * any file. */

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

#define PROVENANCE                                                                       \
  "{\"kind\":\"mediawiki\",\"api_url\":\"http://127.0.0.1:1/api.php\","                  \
  "\"pages\":[{\"title\":\"Beekeeping\",\"revid\":2}]}"

static PrlWorkspace *
reopen (const char *dir)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws;

  prl_workspace_open_async (dir, NULL, store_result_cb, &result);
  ws = prl_workspace_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return ws;
}

static GPtrArray *
read_datasets (PrlWorkspace *ws, PrlModel *model)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows;

  prl_workspace_read_rows_async (ws, model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 store_result_cb, &result);
  rows = prl_workspace_read_rows_finish (ws, wait_for (&result), &error);
  g_assert_no_error (error);
  return rows;
}

static void
test_migration (void)
{
  g_autofree char *dir = make_tmpdir ("prl-provenance-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  guint    before = _prl_store_find_migration ("ADD COLUMN provenance") - 1;
  sqlite3 *db = NULL;

  /* A workspace of the schema before, with one uploaded dataset. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (_prl_store_migrate_to (db, 0, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          "INSERT INTO models (id, name, provider, language, base_model, status,"
          " created, modified) VALUES (1, 'legacy', 'local', 'en-US', 'WideBand',"
          " 'not-running', 1, 2);"
          "INSERT INTO datasets (id, model_id, name, type, started, ended)"
          " VALUES (1, 1, 'notes', 'TRANSCRIPT', 1, 2);"
          "INSERT INTO dataset_files (dataset_id, position, name, type, sha256,"
          " size, started, ended) VALUES (1, 0, 'notes.txt', 'TRANSCRIPT',"
          " '" SHA_A "', 3, 1, 2);",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  ws = reopen (dir);
  g_assert_cmpuint (prl_store_get_schema_version (prl_workspace_get_store (ws)), ==,
                    prl_store_get_latest_schema_version ());
  rows = read_datasets (ws, prl_workspace_find_model (ws, "legacy"));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (prl_dataset_get_name (g_ptr_array_index (rows, 0)), ==, "notes.txt");
  g_assert_null (prl_dataset_get_provenance (g_ptr_array_index (rows, 0)));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&ws));
  rm_rf (dir);
}

static PrlImportJob *
import_text (Fixture *f, const char *name, const char *content, gsize length)
{
  g_autofree char *path = g_build_filename (f->files, "wiki.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  PrlImportJob *job;

  g_assert_true (g_file_set_contents (path, content, length, NULL));
  job = prl_workspace_import_fetched_text (f->ws, f->model, file, name,
                                           "http://127.0.0.1:1/api.php", PROVENANCE);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  return job;
}

static void
test_import (void)
{
  Fixture f = { 0 };
  g_autoptr (PrlImportJob) bad = NULL;
  g_autoptr (PrlImportJob) good = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  PrlDataset *dataset;
  GListModel *list;

  fixture_open (&f, "prl-provenance-XXXXXX");

  /* Text that fails the line checks (not UTF-8) is refused like a file. */
  bad = import_text (&f, "Wiki: bad", "Bees make honey.\n\xff\xfe broken\n", -1);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (bad)), ==, PRL_JOB_STATE_FAILED);
  g_assert_true (
      prl_file_check_has_errors (g_ptr_array_index (prl_import_job_get_checks (bad), 0)));
  rows = read_datasets (f.ws, f.model);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  good = import_text (&f, "Wiki: bees",
                      "Beekeeping is the care of honey bee colonies.\n"
                      "The beekeeper inspects the brood frames every week.\n",
                      -1);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (good)), ==, PRL_JOB_STATE_SUCCEEDED);
  rows = read_datasets (f.ws, f.model);
  g_assert_cmpuint (rows->len, ==, 1);
  dataset = g_ptr_array_index (rows, 0);
  g_assert_cmpint (prl_dataset_get_dataset_type (dataset), ==,
                   PRL_DATASET_TYPE_TRANSCRIPT);
  g_assert_cmpstr (prl_dataset_get_group_name (dataset), ==, "Wiki: bees");
  g_assert_cmpuint (prl_dataset_get_n_lines (dataset), ==, 2);
  g_assert_cmpstr (prl_dataset_get_provenance (dataset), ==, PROVENANCE);
  g_assert_cmpstr (prl_dataset_get_source (dataset), ==, "http://127.0.0.1:1/api.php");
  list = prl_workspace_get_datasets (f.ws, f.model);
  while (g_list_model_get_n_items (list) == 0)
    g_main_context_iteration (NULL, TRUE);
  groups = prl_dataset_group_collect (list);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (prl_dataset_group_get_provenance (g_ptr_array_index (groups, 0)), ==,
                   PROVENANCE);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Kept across a restart. */
  g_clear_object (&f.model);
  g_assert_finalize_object (g_steal_pointer (&f.ws));
  f.ws = reopen (f.dir);
  f.model = g_object_ref (prl_workspace_find_model (f.ws, "clinic"));
  rows = read_datasets (f.ws, f.model);
  g_assert_cmpstr (prl_dataset_get_provenance (g_ptr_array_index (rows, 0)), ==,
                   PROVENANCE);
  g_clear_pointer (&rows, g_ptr_array_unref);
  fixture_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  use_local ();
  g_test_add_func ("/provenance/migration", test_migration);
  g_test_add_func ("/provenance/import", test_import);
  return g_test_run ();
}
