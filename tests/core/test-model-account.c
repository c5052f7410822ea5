/* test-model-account.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "core-test-util.h"
#include "prl-store-private.h"

/* A cloud model's account (models.account), its migration, and the
 * Running status of a model that a cloud service trains: kept while its
 * remote job runs, even with no process left to follow it. */

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

static void
test_migration (void)
{
  g_autofree char *dir = make_tmpdir ("prl-account-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlModel) linked = NULL;
  guint     before = _prl_store_find_migration ("ADD COLUMN account") - 1;
  sqlite3  *db = NULL;
  PrlModel *model;

  /* The database as the schema before the account left it. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (_prl_store_migrate_to (db, 0, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO models (id, name, provider, language,"
                                 " base_model, status, created, modified) VALUES (1,"
                                 " 'legacy', 'local', 'en-US', 'WideBand', 'not-running',"
                                 " 1, 2);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  ws = reopen (dir);
  g_assert_cmpuint (prl_store_get_schema_version (prl_workspace_get_store (ws)), ==,
                    prl_store_get_latest_schema_version ());
  model = prl_workspace_find_model (ws, "legacy");
  g_assert_nonnull (model);
  g_assert_null (prl_model_get_account (model));

  linked = prl_store_set_model_account_sync (prl_workspace_get_store (ws), 1, "team-aws",
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_model_get_account (linked), ==, "team-aws");
  g_clear_object (&ws);

  ws = reopen (dir);
  g_assert_cmpstr (prl_model_get_account (prl_workspace_find_model (ws, "legacy")), ==,
                   "team-aws");
  g_clear_object (&ws);
  rm_rf (dir);
}

static void
test_running_remotely (void)
{
  g_autofree char *dir = make_tmpdir ("prl-account-XXXXXX");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = reopen (dir);
  g_autoptr (PrlModel) cloud = NULL;
  g_autoptr (PrlModel) other = NULL;
  g_autoptr (PrlModel) saved = NULL;
  PrlStore *store = prl_workspace_get_store (ws);
  gint64    job;

  prl_workspace_create_model_async (ws, "cloud", "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL, store_result_cb,
                                    &result);
  cloud = prl_workspace_create_model_finish (ws, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  prl_workspace_create_model_async (ws, "other", "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL, store_result_cb,
                                    &result);
  other = prl_workspace_create_model_finish (ws, wait_for (&result), &error);
  g_assert_no_error (error);

  /* Both Running; only "cloud" has a remote job, which no process follows
   * once the store closes. */
  saved = prl_store_set_model_training_remotely_sync (store, prl_model_get_id (cloud),
                                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (prl_model_get_status (saved), ==, PRL_TRAINING_STATUS_RUNNING);
  g_clear_object (&saved);
  saved = prl_store_set_model_training_remotely_sync (store, prl_model_get_id (other),
                                                      &error);
  g_assert_no_error (error);
  g_clear_object (&saved);
  job = prl_store_create_remote_job_sync (store, "test-train", prl_model_get_id (cloud),
                                          "team-aws", "t", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (job, >, 0);
  g_assert_true (prl_store_release_remote_job_sync (store, job, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  ws = reopen (dir);
  g_assert_cmpint (prl_model_get_status (prl_workspace_find_model (ws, "cloud")), ==,
                   PRL_TRAINING_STATUS_RUNNING);
  /* A Running model with nothing behind it is put right, as before. */
  g_assert_cmpint (prl_model_get_status (prl_workspace_find_model (ws, "other")), !=,
                   PRL_TRAINING_STATUS_RUNNING);
  g_clear_object (&ws);
  rm_rf (dir);
}

static PrlJob *
no_training (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not in this test");
  return NULL;
}

static PrlModel *
create_full (PrlWorkspace *ws, const PrlModelCreateOptions *options, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_create_model_full_async (ws, options, NULL, store_result_cb, &result);
  return prl_workspace_create_model_finish (ws, wait_for (&result), error);
}

/* prl_workspace_create_model_full_async(): the account is saved with the
 * model (one insert), and the account rules of the provider hold. */
static void
test_create_with_account (void)
{
  g_autofree char *dir = make_tmpdir ("prl-account-XXXXXX");
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = reopen (dir);
  g_autoptr (PrlModel) cloud = NULL;
  g_autoptr (PrlModel) refused = NULL;
  g_autoptr (PrlModel) local = NULL;
  PrlModelCreateOptions options = {
    .name = "clinic-notes",
    .provider = "aws-transcribe",
    .language = "de-DE",
    .base_model = PRL_BASE_MODEL_NARROW_BAND,
    .account = "team-aws",
  };

  prl_remote_job_register_trainer ("aws-transcribe", "test-train", no_training);

  cloud = create_full (ws, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_model_get_account (cloud), ==, "team-aws");
  g_assert_cmpstr (prl_model_get_language (cloud), ==, "de-DE");
  g_assert_true (prl_workspace_find_model (ws, "clinic-notes") == cloud);

  /* A cloud model without its account, a local one with an account. */
  options.name = "no-account";
  options.account = NULL;
  refused = create_full (ws, &options, &error);
  g_assert_null (refused);
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_ACCOUNT_INVALID);
  g_assert_nonnull (strstr (error->message, "Amazon Transcribe"));
  g_clear_error (&error);
  options.account = "";
  refused = create_full (ws, &options, &error);
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_ACCOUNT_INVALID);
  g_clear_error (&error);
  options.provider = "local";
  options.language = "en-US";
  options.account = "team-aws";
  refused = create_full (ws, &options, &error);
  g_assert_null (refused);
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_ACCOUNT_INVALID);
  g_assert_nonnull (strstr (error->message, "use no cloud account"));
  g_clear_error (&error);

  /* Transcribe's name rules still come first: its version names append
   * "-<UTC>", so 184 characters are too many. */
  {
    g_autofree char *long_name = g_strnfill (184, 'a');

    options.provider = "aws-transcribe";
    options.name = long_name;
    refused = create_full (ws, &options, &error);
    g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TOO_LONG);
    g_clear_error (&error);
  }

  options.name = "plain";
  options.account = NULL;
  options.provider = "local";
  local = create_full (ws, &options, &error);
  g_assert_no_error (error);
  g_assert_null (prl_model_get_account (local));
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (ws)), ==, 2);
  g_clear_object (&ws);

  /* Saved, not only in memory. */
  ws = reopen (dir);
  g_assert_cmpstr (prl_model_get_account (prl_workspace_find_model (ws, "clinic-notes")),
                   ==, "team-aws");
  g_assert_null (prl_model_get_account (prl_workspace_find_model (ws, "plain")));
  g_clear_object (&ws);
  rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model-account/migration", test_migration);
  g_test_add_func ("/model-account/running-remotely", test_running_remotely);
  g_test_add_func ("/model-account/create-with-account", test_create_with_account);
  return g_test_run ();
}
