/* watson-train-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the Watson training tests share: the stand-in (watson-server.py)
 * with an account in the test's gnome-keyring, its request log, and a
 * workspace whose model "clinic" is a Watson model of that account. */

#pragma once

#include <json-glib/json-glib.h>

#include "../core/core-test-util.h"
#include "../test-util.h"
#include "keyring-session.h"
#include "prl-cloud-account-store.h"
#include "prl-http-client.h"
#include "prl-remote-job.h"
#include "prl-store-versions.h"
#include "prl-watson-client.h"
#include "prl-watson-train.h"

#include "prl-watson-train-private.h"

static char          *service_url;
static char          *apikey;
static PrlHttpClient *http;

G_GNUC_UNUSED static void
start_server (const char *home, const char *server)
{
  g_autofree char *keys = g_build_filename (home, "keys", NULL);
  g_autofree char *port_file = g_build_filename (home, "port", NULL);
  g_autofree char *port = NULL;
  g_autofree char *line = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (PrlCloudAccount) account = prl_cloud_account_new ("ibm", "watson");
  g_autoptr (PrlCloudCredentials) key = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *iam = NULL;

  apikey = g_strdup_printf ("k%08x%08x%08x", g_random_int (), g_random_int (),
                            g_random_int ());
  line = g_strconcat (apikey, "\n", NULL);
  g_assert_true (g_file_set_contents (keys, line, -1, NULL));
  process = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/usr/bin/python3", server,
      "--apikey-file", keys, "--port-file", port_file, "--analysis-seconds", "0.5",
      "--training-seconds", "2", "--max-words", "60", "--exit-with-parent", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && !g_file_test (port_file, G_FILE_TEST_EXISTS); i++)
    g_usleep (25 * 1000);
  g_assert_true (g_file_get_contents (port_file, &port, NULL, NULL));
  g_strstrip (port);
  service_url = g_strdup_printf ("http://127.0.0.1:%s", port);
  iam = g_strdup_printf ("%s/identity/token", service_url);

  prl_cloud_account_set_service_url (account, service_url);
  prl_cloud_account_set_iam_url (account, iam);
  key = prl_cloud_credentials_new_apikey (apikey);
  g_assert_true (prl_cloud_accounts_load (accounts, &error));
  prl_cloud_accounts_add_async (accounts, account, key, NULL, store_result_cb, &result);
  g_assert_true (prl_cloud_accounts_add_finish (accounts, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* The stand-in's log of API requests (its test hook). */
G_GNUC_UNUSED static JsonArray *
requests (void)
{
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) request = prl_http_request_new ("GET", url, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  root = prl_http_response_get_json (response, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (root));
}

G_GNUC_UNUSED static guint
count_requests (const char *method, const char *path_prefix)
{
  g_autoptr (JsonArray) all = requests ();
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      if (g_str_equal (json_object_get_string_member (r, "method"), method)
          && g_str_has_prefix (json_object_get_string_member (r, "path"), path_prefix))
        n++;
    }
  return n;
}

/* A workspace whose model "clinic" is a Watson model of the account. */
G_GNUC_UNUSED static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) linked = NULL;
  g_autoptr (PrlModel) based = NULL;
  PrlStore *store;

  f->dir = g_dir_make_tmp ("prl-watson-train-XXXXXX", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  prl_workspace_open_async (f->dir, NULL, store_result_cb, &result);
  f->ws = prl_workspace_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  prl_workspace_create_model_async (f->ws, "clinic", "ibm-watson", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL, store_result_cb,
                                    &result);
  f->model = prl_workspace_create_model_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  store = prl_workspace_get_store (f->ws);
  linked = prl_store_set_model_account_sync (store, prl_model_get_id (f->model), "watson",
                                             &error);
  g_assert_no_error (error);
  based = prl_store_set_model_provider_base_sync (store, prl_model_get_id (f->model),
                                                  "en-US_Multimedia", &error);
  g_assert_no_error (error);
  prl_model_update_from (f->model, based);
}

/* The model as the store has it (the job writes there; the views reload). */
G_GNUC_UNUSED static PrlModel *
stored (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;

  prl_store_list_models_async (prl_workspace_get_store (f->ws), NULL, store_result_cb,
                               &result);
  models = prl_store_list_models_finish (prl_workspace_get_store (f->ws),
                                         wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < models->len; i++)
    if (prl_model_get_id (models->pdata[i]) == prl_model_get_id (f->model))
      return g_object_ref (models->pdata[i]);
  g_assert_not_reached ();
}

G_GNUC_UNUSED static PrlTrainingStatus
stored_status (Fixture *f)
{
  g_autoptr (PrlModel) model = stored (f);

  return prl_model_get_status (model);
}

G_GNUC_UNUSED static void
wait_job (PrlJob *job)
{
  while (prl_job_is_active (job))
    g_main_context_iteration (NULL, TRUE);
}

G_GNUC_UNUSED static PrlJob *
train (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  PrlJob *job = prl_workspace_train_remote (f->ws, f->model, FALSE, &error);

  g_assert_no_error (error);
  return g_object_ref (job);
}

G_GNUC_UNUSED static GPtrArray *
versions (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = prl_store_list_versions_sync (prl_workspace_get_store (f->ws),
                                                  prl_model_get_id (f->model), &error);

  g_assert_no_error (error);
  return list;
}

G_GNUC_UNUSED static gboolean
in_poll (PrlWorkspace *ws, PrlJob *job)
{
  gint64 id = prl_remote_job_get_id (PRL_REMOTE_JOB (job));
  g_autoptr (GPtrArray) records
      = prl_store_list_remote_jobs_sync (prl_workspace_get_store (ws), NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      PrlRemoteJobRecord *record = g_ptr_array_index (records, i);

      if (record->id == id && record->state != NULL
          && strstr (record->state, "\"phase\":\"poll\"") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The customization id once the job saved it, else NULL. */
G_GNUC_UNUSED static char *
customization_of (PrlWorkspace *ws, PrlJob *job)
{
  gint64 id = prl_remote_job_get_id (PRL_REMOTE_JOB (job));
  g_autoptr (GPtrArray) records
      = prl_store_list_remote_jobs_sync (prl_workspace_get_store (ws), NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      PrlRemoteJobRecord *record = g_ptr_array_index (records, i);
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (record->id != id || record->state == NULL
          || !json_parser_load_from_data (parser, record->state, -1, NULL))
        continue;
      return g_strdup (json_object_get_string_member_with_default (
          json_node_get_object (json_parser_get_root (parser)), "customization_id",
          NULL));
    }
  return NULL;
}

/* Forgets the requests the stand-in logged so far. */
G_GNUC_UNUSED static void
clear_requests (void)
{
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  g_assert_nonnull (cleared);
}
