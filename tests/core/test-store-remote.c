/* test-store-remote.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "prl-store-private.h"
#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-version-ops.h"
#include "../test-util.h"
#include "prl-workspace.h"

/* What the store keeps of cloud versions: the migration that added
 * remote_status and upgrade_available, the model's "upgrade available"
 * (its newest usable version decides), importing a model with versions
 * (all or nothing), deleting a version, and the core half of the version
 * operations for a provider without remote versions (local). */

static PrlWorkspace *
open_workspace (const char *dir, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_open_async (dir, NULL, store_result_cb, &result);
  return prl_workspace_open_finish (wait_for (&result), error);
}

static GPtrArray *
versions_of (PrlWorkspace *ws, const char *model_name)
{
  g_autoptr (GError) error = NULL;
  PrlModel  *model = prl_workspace_find_model (ws, model_name);
  GPtrArray *versions;

  g_assert_nonnull (model);
  versions = prl_store_list_versions_sync (prl_workspace_get_store (ws),
                                           prl_model_get_id (model), &error);
  g_assert_no_error (error);
  return versions;
}

/* A workspace of the schema before the migration: a local model and a
 * Transcribe model, each with a version. */
static void
test_migrate (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-remote-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (GPtrArray) cloud = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  guint    before = _prl_store_find_migration ("ADD COLUMN remote_status") - 1;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (_prl_store_migrate_to (db, 0, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          "INSERT INTO models (id, name, provider, language, base_model, status,"
          " created, modified) VALUES (1, 'here', 'local', 'en-US', 'WideBand',"
          " 'success', 1, 2);"
          "INSERT INTO models (id, name, provider, language, base_model, status,"
          " created, modified, account) VALUES (2, 'there', 'aws-transcribe', 'en-US',"
          " 'NarrowBand', 'success', 1, 2, 'aws');"
          "INSERT INTO versions (model_id, name, created, directory, base_model_id,"
          " \"order\", lm_weight) VALUES (1, 'here-20260101T000000Z', 1, '/x',"
          " 'cmusphinx', 3, 0.5);"
          "INSERT INTO versions (model_id, name, created, directory, base_model_id,"
          " \"order\", lm_weight) VALUES (2, 'there-20260101T000000Z', 1, '',"
          " 'NarrowBand', 0, 0);",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  local = versions_of (ws, "here");
  cloud = versions_of (ws, "there");
  g_assert_cmpuint (local->len, ==, 1);
  g_assert_cmpuint (cloud->len, ==, 1);
  /* Versions trained here have no remote model; Transcribe's existing
   * versions are the remote models they were named after. */
  g_assert_cmpint (prl_version_get_remote_status (local->pdata[0]), ==,
                   PRL_REMOTE_STATUS_NONE);
  g_assert_cmpint (prl_version_get_remote_status (cloud->pdata[0]), ==,
                   PRL_REMOTE_STATUS_COMPLETED);
  g_assert_false (prl_version_get_upgrade_available (cloud->pdata[0]));
  g_assert_false (
      prl_model_get_upgrade_available (prl_workspace_find_model (ws, "there")));
  g_assert_cmpuint (prl_store_get_schema_version (prl_workspace_get_store (ws)), ==,
                    prl_store_get_latest_schema_version ());
}

/* A workspace of the schema before 'base-removed' existed: every status
 * and flag its versions had is kept by the rebuilt column, which now
 * takes 'base-removed' and still refuses what it never knew. */
static void
test_migrate_base_removed (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-remote-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (GPtrArray) cloud = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  guint     before = _prl_store_find_migration ("remote_state_v2") - 1;
  sqlite3  *db = NULL;
  char     *message = NULL;
  PrlStore *store;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (_prl_store_migrate_to (db, 0, before, &error));
  g_assert_no_error (error);
  /* The old column refuses the new status. */
  g_assert_cmpint (
      sqlite3_exec (
          db,
          "INSERT INTO models (id, name, provider, language, base_model, status,"
          " created, modified) VALUES (1, 'here', 'local', 'en-US', 'WideBand',"
          " 'success', 1, 2);"
          "INSERT INTO models (id, name, provider, language, base_model, status,"
          " created, modified, account, provider_base) VALUES (2, 'there',"
          " 'ibm-watson', 'en-US', 'WideBand', 'success', 1, 2, 'ibm',"
          " 'en-US_Multimedia');"
          "INSERT INTO versions (id, model_id, name, created, directory, base_model_id,"
          " \"order\", lm_weight) VALUES (7, 1, 'here-20260101T000000Z', 1, '/x',"
          " 'cmusphinx', 3, 0.5);"
          "INSERT INTO versions (id, model_id, name, created, directory, base_model_id,"
          " \"order\", lm_weight, remote_status, upgrade_available) VALUES"
          " (8, 2, 'there-20260101T000000Z', 1, '', 'en-US_Multimedia.v2023-06-01',"
          " 0, 0.3, 'completed', 1),"
          " (9, 2, 'there-20260201T000000Z', 2, '', 'en-US_Multimedia.v2023-06-01',"
          " 0, -1, 'gone', 0);",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE versions SET remote_status = 'base-removed'"
                                 " WHERE id = 8",
                                 NULL, NULL, &message),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  sqlite3_close (db);

  ws = open_workspace (dir, &error);
  g_assert_no_error (error);
  store = prl_workspace_get_store (ws);
  g_assert_cmpuint (prl_store_get_schema_version (store), ==,
                    prl_store_get_latest_schema_version ());
  local = versions_of (ws, "here");
  cloud = versions_of (ws, "there");
  g_assert_cmpuint (local->len, ==, 1);
  g_assert_cmpuint (cloud->len, ==, 2);
  g_assert_cmpint (prl_version_get_id (local->pdata[0]), ==, 7);
  g_assert_cmpint (prl_version_get_remote_status (local->pdata[0]), ==,
                   PRL_REMOTE_STATUS_NONE);
  g_assert_cmpfloat (prl_version_get_lm_weight (local->pdata[0]), ==, 0.5);
  /* Newest first: the gone one, then the completed one with its offer. */
  g_assert_cmpint (prl_version_get_id (cloud->pdata[0]), ==, 9);
  g_assert_cmpint (prl_version_get_remote_status (cloud->pdata[0]), ==,
                   PRL_REMOTE_STATUS_GONE);
  g_assert_cmpint (prl_version_get_id (cloud->pdata[1]), ==, 8);
  g_assert_cmpint (prl_version_get_remote_status (cloud->pdata[1]), ==,
                   PRL_REMOTE_STATUS_COMPLETED);
  g_assert_true (prl_version_get_upgrade_available (cloud->pdata[1]));
  g_assert_cmpstr (prl_version_get_base_model_id (cloud->pdata[1]), ==,
                   "en-US_Multimedia.v2023-06-01");

  /* The new status is taken, read back, and the version is not usable. */
  g_assert_true (prl_store_set_version_remote_sync (
      store, 8, PRL_REMOTE_STATUS_BASE_REMOVED, FALSE, NULL, &error));
  g_assert_no_error (error);
  again = versions_of (ws, "there");
  g_assert_cmpint (prl_version_get_remote_status (again->pdata[1]), ==,
                   PRL_REMOTE_STATUS_BASE_REMOVED);
  g_assert_false (prl_version_is_usable (again->pdata[1]));
  g_assert_cmpstr (prl_remote_status_to_label (PRL_REMOTE_STATUS_BASE_REMOVED), ==,
                   "Base removed");

  /* The rebuilt column still refuses a status it does not know. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE versions SET remote_status = 'retired'"
                                 " WHERE id = 8",
                                 NULL, NULL, &message),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  sqlite3_close (db);
}

static void
test_import_and_upgrade_flag (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-remote-XXXXXX");
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = open_workspace (dir, &error);
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (PrlModel) refused = NULL;
  g_autoptr (PrlModel) saved = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GDateTime) old = g_date_time_new_from_unix_utc (1700000000);
  g_autoptr (GDateTime) newer = g_date_time_new_from_unix_utc (1800000000);
  g_autofree char *owner = NULL;
  PrlStore        *store;
  PrlVersionInfo   infos[2] = {
      { .name = "legacy-20250101T000000Z",
        .created = old,
        .directory = "",
        .base_model_id = "NarrowBand",
        .remote_status = PRL_REMOTE_STATUS_COMPLETED },
      { .name = "legacy-20250201T000000Z",
        .created = newer,
        .directory = "",
        .base_model_id = "NarrowBand",
        .remote_status = PRL_REMOTE_STATUS_IN_PROGRESS },
  };

  g_assert_no_error (error);
  store = prl_workspace_get_store (ws);
  model = prl_store_import_model_sync (store, "legacy", "aws-transcribe", "en-US",
                                       PRL_BASE_MODEL_NARROW_BAND, "aws", infos, 2, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_model_get_account (model), ==, "aws");
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_SUCCESS);
  prl_workspace_model_imported (ws, model);
  g_assert_true (prl_workspace_find_model (ws, "legacy") == model);

  /* Bad input: a version name the workspace has. Nothing is saved. */
  infos[0].name = "legacy-20250201T000000Z";
  refused = prl_store_import_model_sync (store, "again", "aws-transcribe", "en-US",
                                         PRL_BASE_MODEL_NARROW_BAND, "aws", infos, 1,
                                         NULL, &error);
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN);
  g_assert_null (refused);
  g_assert_true (g_str_has_suffix (error->message, "“legacy-20250201T000000Z”"));
  g_clear_error (&error);
  /* ... and a model name the workspace has. */
  infos[0].name = "fresh-name";
  refused = prl_store_import_model_sync (store, "LEGACY", "aws-transcribe", "en-US",
                                         PRL_BASE_MODEL_NARROW_BAND, "aws", infos, 1,
                                         NULL, &error);
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_true (prl_store_find_version_sync (store, "fresh-name", &owner, &error));
  g_assert_null (owner);
  g_assert_true (
      prl_store_find_version_sync (store, "legacy-20250101T000000Z", &owner, &error));
  g_assert_cmpstr (owner, ==, "legacy");

  versions = versions_of (ws, "legacy");
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (prl_version_get_name (versions->pdata[0]), ==,
                   "legacy-20250201T000000Z");
  g_assert_false (prl_version_is_usable (versions->pdata[0]));
  g_assert_true (prl_version_is_usable (versions->pdata[1]));

  /* The old, usable version gets an offer: the model shows it, since its
   * newest usable version is that one. */
  g_assert_true (prl_store_set_version_remote_sync (
      store, prl_version_get_id (versions->pdata[1]), PRL_REMOTE_STATUS_COMPLETED, TRUE,
      &saved, &error));
  g_assert_no_error (error);
  g_assert_true (prl_model_get_upgrade_available (saved));
  g_clear_object (&saved);
  /* Once the newer one is trained (on the current base), it decides. */
  g_assert_true (prl_store_set_version_remote_sync (
      store, prl_version_get_id (versions->pdata[0]), PRL_REMOTE_STATUS_COMPLETED, FALSE,
      &saved, &error));
  g_assert_false (prl_model_get_upgrade_available (saved));
  g_clear_object (&saved);
  /* Gone elsewhere: the old one decides again. */
  g_assert_true (
      prl_store_set_version_remote_sync (store, prl_version_get_id (versions->pdata[0]),
                                         PRL_REMOTE_STATUS_GONE, FALSE, &saved, &error));
  g_assert_true (prl_model_get_upgrade_available (saved));
  g_clear_object (&saved);

  /* Deleting both versions: the model is no longer trained. */
  for (guint i = 0; i < versions->len; i++)
    {
      g_assert_true (prl_store_delete_version_sync (
          store, prl_version_get_id (versions->pdata[i]), &saved, &error));
      g_assert_no_error (error);
      g_clear_object (&saved);
    }
  g_assert_false (prl_store_delete_version_sync (
      store, prl_version_get_id (versions->pdata[0]), NULL, &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  saved = prl_store_read_model_sync (store, prl_model_get_id (model), &error);
  g_assert_cmpint (prl_model_get_status (saved), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
  g_assert_false (prl_model_get_upgrade_available (saved));
}

/* A provider without version operations (local): deleting a version
 * touches no service, upgrades are refused, and roles apply. */
static void
test_local_versions (void)
{
  g_autofree char *dir = make_tmpdir ("prl-store-remote-XXXXXX");
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = open_workspace (dir, &error);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (1700000000);
  g_autofree char *artifacts
      = g_build_filename (dir, "models", "1", "here-20260101T000000Z", NULL);
  g_autofree char *arpa = g_build_filename (artifacts, "custom.arpa", NULL);
  PrlVersionInfo   info = { .name = "here-20260101T000000Z",
                            .created = when,
                            .directory = artifacts,
                            .base_model_id = "cmusphinx",
                            .upgrade_available = TRUE };

  g_assert_cmpint (g_mkdir_with_parents (artifacts, 0700), ==, 0);
  g_assert_true (g_file_set_contents (arpa, "\\data\\\n", -1, NULL));
  /* A local model with one version (import is the store's way in). */
  model = prl_store_import_model_sync (prl_workspace_get_store (ws), "here", "local",
                                       "en-US", PRL_BASE_MODEL_WIDE_BAND, NULL, &info, 1,
                                       NULL, &error);
  g_assert_no_error (error);
  prl_workspace_model_imported (ws, model);
  versions = versions_of (ws, "here");
  g_assert_false (prl_workspace_version_is_remote (ws, model, versions->pdata[0]));
  g_assert_true (prl_workspace_upgradable_version (ws, versions, NULL)
                 == versions->pdata[0]);
  g_assert_null (prl_workspace_upgrade_model (ws, model, versions->pdata[0], &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED);
  g_clear_error (&error);

  prl_workspace_set_role_async (ws, PRL_ROLE_MEMBER, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_set_role_finish (ws, wait_for (&result), &error));
  g_clear_object (&result);
  prl_workspace_delete_version_async (ws, model, versions->pdata[0], NULL,
                                      store_result_cb, &result);
  g_assert_false (prl_workspace_delete_version_finish (ws, wait_for (&result), &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_clear_object (&result);

  prl_workspace_set_role_async (ws, PRL_ROLE_SYSOP, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_set_role_finish (ws, wait_for (&result), &error));
  g_clear_object (&result);
  prl_workspace_delete_version_async (ws, model, versions->pdata[0], NULL,
                                      store_result_cb, &result);
  g_assert_true (prl_workspace_delete_version_finish (ws, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = versions_of (ws, "here");
  g_assert_cmpuint (versions->len, ==, 0);
  /* Its artifacts went with it. */
  g_assert_false (g_file_test (artifacts, G_FILE_TEST_EXISTS));

  /* Bad input: a row (hand-edited) that names a folder outside the
   * workspace. The version goes; the folder stays. */
  {
    g_autofree char *outside = make_tmpdir ("prl-store-outside-XXXXXX");
    g_autoptr (PrlModel) other = NULL;
    PrlVersionInfo stray = info;

    stray.name = "stray-20260101T000000Z";
    stray.directory = outside;
    other = prl_store_import_model_sync (prl_workspace_get_store (ws), "stray", "local",
                                         "en-US", PRL_BASE_MODEL_WIDE_BAND, NULL, &stray,
                                         1, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&versions, g_ptr_array_unref);
    prl_workspace_model_imported (ws, other);
    versions = versions_of (ws, "stray");
    g_assert_true (prl_store_delete_version_sync (prl_workspace_get_store (ws),
                                                  prl_version_get_id (versions->pdata[0]),
                                                  NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (outside, G_FILE_TEST_IS_DIR));
    g_rmdir (outside);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-remote/migrate", test_migrate);
  g_test_add_func ("/store-remote/migrate-base-removed", test_migrate_base_removed);
  g_test_add_func ("/store-remote/import-and-upgrade-flag", test_import_and_upgrade_flag);
  g_test_add_func ("/store-remote/local-versions", test_local_versions);

  return g_test_run ();
}
