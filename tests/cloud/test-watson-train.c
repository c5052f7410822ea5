/* test-watson-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Training a Watson model as a remote job against the Watson stand-in
 * (watson-server.py, argv[1]) in a private gnome-keyring: a customization
 * named after the version, the training text as corpora, analysis,
 * train, polling, a version recording Watson's base and its version; a
 * restart while Watson trains resumes the polling without creating or
 * sending anything twice; a corpus Watson cannot use fails the training
 * with its reason. */

#include "config.h"

#include <stdio.h>

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

#define CHILD_ENV "PRL_TEST_WATSON_TRAIN_HOME"

static char          *service_url;
static char          *apikey;
static PrlHttpClient *http;

static void
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
static JsonArray *
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

static guint
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
static void
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
static PrlModel *
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

static PrlTrainingStatus
stored_status (Fixture *f)
{
  g_autoptr (PrlModel) model = stored (f);

  return prl_model_get_status (model);
}

static void
wait_job (PrlJob *job)
{
  while (prl_job_is_active (job))
    g_main_context_iteration (NULL, TRUE);
}

static PrlJob *
train (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  PrlJob *job = prl_workspace_train_remote (f->ws, f->model, FALSE, &error);

  g_assert_no_error (error);
  return g_object_ref (job);
}

static GPtrArray *
versions (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = prl_store_list_versions_sync (prl_workspace_get_store (f->ws),
                                                  prl_model_get_id (f->model), &error);

  g_assert_no_error (error);
  return list;
}

static void
test_train (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\nmetoprolol twice daily\n");
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "more.txt", "lisinopril ten milligrams\n");
  job = train (f);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_SUCCESS);

  list = versions (f);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (g_str_has_prefix (prl_version_get_name (list->pdata[0]), "clinic-"));
  g_assert_cmpstr (prl_version_get_base_model_id (list->pdata[0]), ==,
                   "en-US_Multimedia.v2023-06-01");
  /* One customization, both files as corpora, one train. */
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations"), ==, 4);
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations/"), ==, 3);
}

static gboolean
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

static void
test_restart (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlJob) resumed = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  while (!in_poll (f->ws, job))
    g_main_context_iteration (NULL, FALSE), g_usleep (20 * 1000);
  /* Quit while Watson trains, start again: the job resumes polling. */
  resumed = fixture_restart (f, job);
  wait_job (resumed);
  g_assert_cmpint (prl_job_get_state (resumed), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_SUCCESS);
  list = versions (f);
  g_assert_cmpuint (list->len, ==, 1);
  /* Nothing sent twice: one create, one corpus, one train. */
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations"), ==, 3);
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations/"), ==, 2);
}

/* The customization id once the job saved it, else NULL. */
static char *
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

/* Watson's training fails: the model is Failed with the service's words. */
static void
test_failed (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autofree char *customization = NULL;
  g_autofree char *url = NULL;
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  const char *reason = "{\"error\": \"Insufficient data to train the model.\"}";

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  /* Analysis takes half a second: time to fail the training to come. */
  while ((customization = customization_of (f->ws, job)) == NULL)
    g_main_context_iteration (NULL, FALSE), g_usleep (10 * 1000);
  url = g_strdup_printf ("%s/_standin/customizations/%s/fail-training", service_url,
                         customization);
  request = prl_http_request_new ("POST", url, &error);
  body = g_bytes_new_static (reason, strlen (reason));
  prl_http_request_set_body_bytes (request, body, "application/json");
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (response), ==, 200);

  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_FAILED);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "Watson could not train “clinic”: “Insufficient data to "
                            "train the model.”"));
}

/* A user's cancel while the text is analysed: the model's status comes
 * back, the job's row is cancelled and the customization is deleted. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autofree char  *customization = NULL;
  g_autofree char  *path = NULL;
  gboolean          deleted = FALSE;
  PrlTrainingStatus before;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  before = stored_status (f);
  job = train (f);
  while ((customization = customization_of (f->ws, job)) == NULL)
    g_main_context_iteration (NULL, FALSE), g_usleep (10 * 1000);
  prl_job_cancel (job);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_CANCELLED);
  g_assert_cmpint (stored_status (f), ==, before);

  /* The customization was deleted on the service. */
  path = g_strconcat ("/v1/customizations/", customization, NULL);
  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      deleted |= g_str_equal (json_object_get_string_member (r, "method"), "DELETE")
                 && g_str_equal (json_object_get_string_member (r, "path"), path);
    }
  g_assert_true (deleted);
  {
    g_autofree char *iam = g_strdup_printf ("%s/identity/token", service_url);
    g_autoptr (PrlWatsonClient) client = prl_watson_client_new (
        http, service_url, PRL_WATSON_AUTH_IAM, apikey, iam, NULL);
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (PrlWatsonModel) gone = NULL;
    g_autoptr (GError) error = NULL;

    prl_watson_client_get_model_async (client, customization, NULL, store_result_cb,
                                       &result);
    gone = prl_watson_client_get_model_finish (client, wait_for (&result), &error);
    g_assert_null (gone);
    g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND);
  }
}

/* An account with no training left this month: the training stops before
 * any request, with no-claims-available. */
static void
test_budget (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (PrlCloudAccount) changed = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  g_assert_true (prl_cloud_accounts_load (accounts, &error));
  changed = prl_cloud_account_copy (prl_cloud_accounts_lookup (accounts, "watson"));
  prl_cloud_account_set_training_budget (changed, 0);
  prl_cloud_accounts_update_async (accounts, "watson", changed, NULL, NULL,
                                   store_result_cb, &result);
  g_assert_true (prl_cloud_accounts_update_finish (accounts, wait_for (&result), &error));
  g_assert_no_error (error);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  wait_job (job);

  /* The budget back, for the other tests. */
  prl_cloud_account_set_training_budget (changed, -1);
  g_clear_object (&result);
  prl_cloud_accounts_update_async (accounts, "watson", changed, NULL, NULL,
                                   store_result_cb, &result);
  g_assert_true (prl_cloud_accounts_update_finish (accounts, wait_for (&result), &error));

  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_FAILED);
  g_assert_cmpstr (prl_model_get_failure_code (model), ==, "no-claims-available");
  g_assert_cmpuint (count_requests ("POST", "/"), ==, 0);
}

static void
test_bad_corpus (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GPtrArray) list = NULL;

  /* Punctuation only: no words for Watson, so the corpus is undetermined. */
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "marks.txt", "... !!! ???\n--- ;;;\n");
  job = train (f);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_FAILED);
  model = stored (f);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "Watson could not use the training text “marks.txt”"));
  list = versions (f);
  g_assert_cmpuint (list->len, ==, 0);
}

/* Large texts go out as several corpora, cut at line ends (a line longer
 * than a part at word boundaries), each analysed before the next. */
static void
test_split (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);
  GString *sent = g_string_new (NULL);

  /* 3 + 4 + 1 + 5 words in parts of at most 4: [3] [4] [1] [4] [1]. */
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was\nseen in clinic today\nmetoprolol\n"
            "twice daily with breakfast please\n");
  _prl_watson_set_corpus_limits (4, 0);
  job = train (f);
  wait_job (job);
  _prl_watson_set_corpus_limits (0, 0);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");

  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);
      const char *path = json_object_get_string_member (r, "path");
      const char *corpora = strstr (path, "/corpora/");

      if (g_str_equal (json_object_get_string_member (r, "method"), "POST")
          && corpora != NULL)
        {
          g_ptr_array_add (names, (gpointer)(corpora + strlen ("/corpora/")));
          g_string_append_printf (sent, "[%s]",
                                  json_object_get_string_member (r, "body"));
        }
    }
  g_test_message ("%s", sent->str);
  g_assert_cmpuint (names->len, ==, 5);
  g_assert_true (g_str_has_suffix (names->pdata[0], "-1"));
  g_assert_true (g_str_has_suffix (names->pdata[4], "-5"));
  /* The parts, in order, as the multipart bodies carried them. */
  g_assert_nonnull (strstr (sent->str, "the patient was\n"));
  g_assert_nonnull (strstr (sent->str, "seen in clinic today\n"));
  g_assert_nonnull (strstr (sent->str, "twice daily with breakfast\n"));
  g_assert_null (strstr (sent->str, "breakfast please"));
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations/"), ==, 5 + 1);
  g_string_free (sent, TRUE);
}

/* More words than a Watson model may hold: refused before any request. */
static void
test_too_many_words (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\nmetoprolol twice daily\n");
  _prl_watson_set_corpus_limits (0, 8);
  job = train (f);
  wait_job (job);
  _prl_watson_set_corpus_limits (0, 0);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "The training text of “clinic” has 10 words, but a Watson "
                            "custom model holds at most 8."));
  g_assert_cmpuint (count_requests ("POST", "/v1/"), ==, 0);
}

/* Watson refuses a corpus (the stand-in's model limit, --max-words 60):
 * the training fails naming the file, in the service's words. */
static void
test_corpus_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < 13; i++)
    g_string_append (text, "the patient was seen today\n");
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "long.txt", text->str);
  job = train (f);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "Could not send the training text “long.txt”: Watson "
                            "refused the request: “Adding corpus"));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "exceed the maximum of 60 total words"));
}

/* Every token is revoked while Watson trains: the client gets a new one
 * on the 401 and the training ends as if nothing happened. */
static void
test_token_revoked (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/revoke-tokens", NULL);
  g_autoptr (PrlHttpRequest) revoke = prl_http_request_new ("POST", url, NULL);
  g_autoptr (PrlHttpResponse) revoked = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", log, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  while (!in_poll (f->ws, job))
    g_main_context_iteration (NULL, FALSE), g_usleep (20 * 1000);
  revoked = prl_http_client_send (http, revoke, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (revoked), ==, 200);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_SUCCESS);
  /* One token for the job, one more after the revocation. */
  g_assert_cmpuint (count_requests ("POST", "/identity/token"), ==, 2);
}

int
main (int argc, char *argv[])
{
  const char *home = g_getenv (CHILD_ENV);
  int         status;

  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);
  g_test_init (&argc, &argv, NULL);
  if (home == NULL)
    {
      printf ("1..0 # SKIP needs dbus-run-session and gnome-keyring-daemon\n");
      return 0;
    }
  g_assert_cmpint (argc, >=, 2);
  http = prl_http_client_new ();
  start_server (home, argv[1]);
  prl_watson_train_register ();

  g_test_add ("/watson-train/train", Fixture, NULL, fixture_set_up, test_train,
              fixture_tear_down);
  g_test_add ("/watson-train/restart", Fixture, NULL, fixture_set_up, test_restart,
              fixture_tear_down);
  g_test_add ("/watson-train/failed", Fixture, NULL, fixture_set_up, test_failed,
              fixture_tear_down);
  g_test_add ("/watson-train/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/watson-train/budget", Fixture, NULL, fixture_set_up, test_budget,
              fixture_tear_down);
  g_test_add ("/watson-train/bad-corpus", Fixture, NULL, fixture_set_up, test_bad_corpus,
              fixture_tear_down);
  g_test_add ("/watson-train/split", Fixture, NULL, fixture_set_up, test_split,
              fixture_tear_down);
  g_test_add ("/watson-train/too-many-words", Fixture, NULL, fixture_set_up,
              test_too_many_words, fixture_tear_down);
  g_test_add ("/watson-train/corpus-refused", Fixture, NULL, fixture_set_up,
              test_corpus_refused, fixture_tear_down);
  g_test_add ("/watson-train/token-revoked", Fixture, NULL, fixture_set_up,
              test_token_revoked, fixture_tear_down);
  status = g_test_run ();
  rm_rf (home);
  return status;
}
