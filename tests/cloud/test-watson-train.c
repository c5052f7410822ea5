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

#include "watson-train-util.h"

#define CHILD_ENV "PRL_TEST_WATSON_TRAIN_HOME"

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

/* Watson's training fails: the model is Failed with the service's words,
 * its error and its warnings. */
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
  const char *reason
      = "{\"error\": \"Insufficient data to train the model.\", "
        "\"warnings\": \"Corpus 'notes' has 2 words that were not used.\"}";

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
                            "train the model.”. Watson’s warnings: “Corpus 'notes' "
                            "has 2 words that were not used.”"));
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
    g_autoptr (PrlWatsonModel) gone = NULL;
    g_autoptr (GError) error = NULL;

    gone = prl_watson_client_get_model_sync (client, customization, NULL, &error);
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

/* With TUNING text the weight is tuned with the local engine, sent with
 * /train and kept with the version; without, none is sent (the
 * service's default) and the version says it was not tuned. */
static void
test_weight (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *expected = NULL;
  PrlVersion      *version;
  double           weight;

  clear_requests ();
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\nmetoprolol twice daily\n"
            "lisinopril ten milligrams daily\nthe patient takes metoprolol\n");
  add_text (f, PRL_DATASET_TYPE_TUNING, "tuning.txt",
            "the patient takes lisinopril daily\nmetoprolol twice daily\n");
  job = train (f);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");
  list = versions (f);
  g_assert_cmpuint (list->len, ==, 1);
  version = list->pdata[0];
  g_assert_true (prl_version_get_tuned (version));
  weight = prl_version_get_lm_weight (version);
  g_test_message ("tuned weight %g, perplexities %g / %g / %g", weight,
                  prl_version_get_custom_perplexity (version),
                  prl_version_get_stock_perplexity (version),
                  prl_version_get_mixture_perplexity (version));
  g_assert_cmpfloat (weight, >, 0);
  g_assert_cmpfloat (weight, <=, 1);
  g_assert_cmpfloat (prl_version_get_mixture_perplexity (version), >, 0);
  /* The custom text predicts the tuning text better than the stock LM. */
  g_assert_cmpfloat (prl_version_get_mixture_perplexity (version), <,
                     prl_version_get_stock_perplexity (version));

  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      if (g_str_has_suffix (json_object_get_string_member (r, "path"), "/train"))
        sent = g_strdup (json_object_get_string_member_with_default (
            json_object_get_object_member (r, "query"), "customization_weight", NULL));
    }
  g_assert_nonnull (sent);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (sent, NULL), weight, 1e-6);

  /* The training read the tuning text too: nothing changed since. */
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_SUCCESS);
  add_text (f, PRL_DATASET_TYPE_TUNING, "more-tuning.txt", "lisinopril twice daily\n");
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
}

static void
test_no_weight (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonArray) all = NULL;
  guint trains = 0;

  clear_requests ();
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_SUCCEEDED);
  list = versions (f);
  g_assert_false (prl_version_get_tuned (list->pdata[0]));
  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      if (g_str_has_suffix (json_object_get_string_member (r, "path"), "/train"))
        {
          trains++;
          g_assert_false (json_object_has_member (
              json_object_get_object_member (r, "query"), "customization_weight"));
        }
    }
  g_assert_cmpuint (trains, ==, 1);
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
  use_local ();

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
  g_test_add ("/watson-train/weight", Fixture, NULL, fixture_set_up, test_weight,
              fixture_tear_down);
  g_test_add ("/watson-train/no-weight", Fixture, NULL, fixture_set_up, test_no_weight,
              fixture_tear_down);
  status = g_test_run ();
  rm_rf (home);
  return status;
}
