/* test-transcribe-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlTranscribeClient against the Transcribe stand-in (transcribe-server.py,
 * started here once for the whole run), which trains from the tests' S3
 * server (build-aux/s3-server.sh). The name and ARN checks run without a
 * server; the rest is skipped without PRL_TEST_S3_ENDPOINT, unless
 * PRL_TEST_REQUIRE_S3=1 makes that a failure.
 *
 * test-transcribe-jobs.c has the transcription jobs and the requests
 * compared with boto3's.
 *
 * Usage: test-transcribe-client [--tap] TRANSCRIBE-SERVER.PY */

#include "config.h"

#include <string.h>

#include "test-transcribe-common.h"
#include "../test-util.h"

/* ----------------------------------------------------- offline checks */

static void
test_check_name (void)
{
  g_autofree char *longest = g_strnfill (PRL_TRANSCRIBE_NAME_MAX, 'a');
  g_autofree char *too_long = g_strnfill (PRL_TRANSCRIBE_NAME_MAX + 1, 'a');
  const char      *good[] = { "a", "My_model-2.0", "0", longest };
  const char      *bad[] = { "", "a b", "café", "a/b", "name\n", too_long, "a:b" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (prl_transcribe_check_name (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (prl_transcribe_check_name (bad[i], &error));
      g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_NAME);
    }
  g_assert_false (prl_transcribe_check_name (NULL, NULL));
}

static void
test_check_role_arn (void)
{
  const char *good[] = { ROLE, "arn:aws-cn:iam::123456789012:role/service/x",
                         "arn:aws-us-gov:iam::1:role/a+b=c,d@e.f-g_h",
                         "arn:aws-iso-b:iam::123456789012:role/r" };
  const char *bad[] = { "",
                        "arn:aws:iam:::role/", /* 19 characters */
                        "arn:aws:s3:::bucket/role/x",
                        "arn:aws:iam::12ab:role/x",
                        "arn:azure:iam::123456789012:role/x",
                        ROLE "\n",
                        "arn:aws:iam::123456789012:user/x",
                        " " ROLE };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (prl_transcribe_check_role_arn (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (prl_transcribe_check_role_arn (bad[i], &error));
      g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_ROLE_ARN);
    }
}

static void
test_endpoint (void)
{
  g_autoptr (PrlHttpClient) client = prl_http_client_new ();
  g_autoptr (PrlAwsSigner) signer
      = prl_aws_signer_new ("AKIDEXAMPLE", "secret", NULL, "eu-west-1", "transcribe", 0);
  g_autoptr (PrlTranscribeClient) aws = NULL;
  g_autoptr (PrlTranscribeClient) local = NULL;
  g_autoptr (PrlTranscribeClient) bad = NULL;
  g_autoptr (GError) error = NULL;

  aws = prl_transcribe_client_new (client, signer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_transcribe_client_get_endpoint (aws), ==,
                   "https://transcribe.eu-west-1.amazonaws.com/");
  local = prl_transcribe_client_new (client, signer, "http://127.0.0.1:9", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_transcribe_client_get_endpoint (local), ==, "http://127.0.0.1:9/");
  bad = prl_transcribe_client_new (client, signer, "ftp://example.com", &error);
  g_assert_null (bad);
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST);
}

/* ------------------------------------------------------ with the server */

static void
test_lifecycle (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) created = NULL;
  g_autoptr (PrlTranscribeModel) trained = NULL;
  g_autoptr (PrlTranscribeModel) gone = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GPtrArray) filtered = NULL;
  g_autofree char *prefix = unique ("life");
  g_auto (GStrv) names = g_new0 (char *, 4);
  guint polls = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (PrlTranscribeModel) model = NULL;

      names[i] = g_strdup_printf ("%s-%u", prefix, i);
      model = create_model (tx, names[i], "train/", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (model->name, ==, names[i]);
      g_assert_cmpint (model->status, ==, PRL_TRANSCRIBE_STATUS_IN_PROGRESS);
      g_assert_cmpstr (model->base_model, ==, "WideBand");
      g_assert_cmpstr (model->data_access_role_arn, ==, ROLE);
      if (i == 0)
        created = g_steal_pointer (&model);
    }

  trained = wait_trained (tx, names[0], &polls);
  g_assert_cmpint (trained->status, ==, PRL_TRANSCRIBE_STATUS_COMPLETED);
  g_assert_cmpuint (polls, >, 1);
  g_assert_null (trained->failure_reason);
  g_assert_false (trained->upgrade_available);
  g_assert_cmpstr (trained->language_code, ==, "en-US");
  g_assert_cmpfloat (trained->create_time, >, 1.7e9);
  g_assert_cmpfloat (trained->last_modified_time, >=, trained->create_time);
  g_assert_cmpstr (trained->s3_uri, ==, created->s3_uri);

  /* Pages of 2 over 3 models: the tx follows NextToken. */
  take_requests ();
  listed = list_models (tx, PRL_TRANSCRIBE_STATUS_UNKNOWN, prefix, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((PrlTranscribeModel *)listed->pdata[i])->name, ==, names[2 - i]);
  {
    g_autoptr (JsonArray) sent = take_requests ();

    g_assert_cmpuint (json_array_get_length (sent), ==, 2);
  }
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr (PrlTranscribeModel) model = wait_trained (tx, names[i], &polls);
    }
  filtered = list_models (tx, PRL_TRANSCRIBE_STATUS_COMPLETED, prefix, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (filtered->len, ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (delete_model (tx, names[i], &error));
      g_assert_no_error (error);
    }
  gone = describe (tx, names[0], &error);
  g_assert_null (gone);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, names[0]));
  g_clear_error (&error);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = list_models (tx, PRL_TRANSCRIBE_STATUS_UNKNOWN, prefix, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
}

static void
test_failed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) created = NULL;
  g_autoptr (PrlTranscribeModel) failed = NULL;
  g_autofree char *name = unique ("latin1");
  g_autofree char *reason = g_strdup_printf (
      "The training data s3://%s/latin1.txt is not plain text in UTF-8 encoding. "
      "Convert it and create the model again.",
      bucket);
  guint polls = 0;

  created = create_model (tx, name, "latin1.txt", &error);
  g_assert_no_error (error);
  failed = wait_trained (tx, name, &polls);
  g_assert_cmpint (failed->status, ==, PRL_TRANSCRIBE_STATUS_FAILED);
  g_assert_cmpstr (failed->failure_reason, ==, reason);
  g_assert_true (delete_model (tx, name, &error));
}

static void
test_conflict_and_bad_request (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) first = NULL;
  g_autoptr (PrlTranscribeModel) second = NULL;
  g_autoptr (PrlTranscribeModel) french = NULL;
  g_autoptr (PrlTranscribeModel) done = NULL;
  g_autofree char       *name = unique ("twice");
  PrlTranscribeModelSpec spec = { .name = "fr-model",
                                  .language_code = "fr-FR",
                                  .base_model = "WideBand",
                                  .s3_uri = "s3://b/k",
                                  .data_access_role_arn = ROLE };
  guint                  polls = 0;

  first = create_model (tx, name, "train/", &error);
  g_assert_no_error (error);
  second = create_model (tx, name, "train/", &error);
  g_assert_null (second);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  /* The service's own words, verbatim. */
  g_assert_false (delete_model (tx, name, &error));
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message,
                            "The language model is being created. Wait until its status "
                            "is COMPLETED or FAILED before you delete it."));
  g_clear_error (&error);

  french = RUN (create_language_model, tx, &error, &spec);
  g_assert_null (french);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "1 validation error detected: Value 'fr-FR' "
                                            "at 'languageCode' failed to satisfy"));
  g_clear_error (&error);

  done = wait_trained (tx, name, &polls);
  g_assert_true (delete_model (tx, name, &error));
  g_assert_no_error (error);
  g_assert_false (delete_model (tx, name, &error));
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_BAD_REQUEST);
}

/* Bad names and ARNs never reach the network. */
static void
test_refused_before_sending (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) model = NULL;
  g_autoptr (PrlTranscribeModel) described = NULL;
  g_autoptr (JsonArray) sent = NULL;
  PrlTranscribeModelSpec spec = { .name = "fine",
                                  .language_code = "en-US",
                                  .base_model = "WideBand",
                                  .s3_uri = "s3://b/k",
                                  .data_access_role_arn = "arn:aws:iam::1:user/x" };

  take_requests ();
  model = create_model (tx, "my model", "train/", &error);
  g_assert_null (model);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_NAME);
  g_clear_error (&error);
  model = RUN (create_language_model, tx, &error, &spec);
  g_assert_null (model);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_ROLE_ARN);
  g_clear_error (&error);
  described = describe (tx, "", &error);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_NAME);
  sent = take_requests ();
  g_assert_cmpuint (json_array_get_length (sent), ==, 0);
}

static void
assert_list_fails (PrlTranscribeClient *client,
                   GQuark               domain,
                   int                  code,
                   const char          *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) models
      = list_models (client, PRL_TRANSCRIBE_STATUS_UNKNOWN, NULL, 0, &error);

  g_assert_null (models);
  g_assert_error (error, domain, code);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

static void
test_auth (void)
{
  g_autoptr (PrlTranscribeClient) wrong = make_client (&main_key, "not-the-secret");
  g_autoptr (PrlTranscribeClient) token = make_client (&token_key, NULL);
  g_autoptr (PrlTranscribeClient) expired = make_client (&expired_key, NULL);
  Key unknown_key = { "AKIAUNKNOWN000000000", "whatever", NULL };
  g_autoptr (PrlTranscribeClient) unknown = make_client (&unknown_key, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) models = NULL;

  assert_list_fails (wrong, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_WRONG_SECRET,
                     "Preferences → Accounts");
  assert_list_fails (unknown, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_UNKNOWN_KEY,
                     "AKIAUNKNOWN000000000");
  assert_list_fails (expired, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_EXPIRED_TOKEN,
                     "Preferences → Accounts");
  models = list_models (token, PRL_TRANSCRIBE_STATUS_UNKNOWN, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (models);
}

/* A clock 15 minutes off is corrected from the answer's Date, once. */
static void
test_clock_skew (void)
{
  g_autoptr (PrlAwsSigner) signer = prl_aws_signer_new (
      main_key.key, main_key.secret, NULL, "us-east-1", "transcribe", 0);
  g_autoptr (PrlTranscribeClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (JsonArray) sent = NULL;

  client = prl_transcribe_client_new (http, signer, endpoint, &error);
  prl_aws_signer_set_clock_offset (signer, -900);
  take_requests ();
  models = list_models (client, PRL_TRANSCRIBE_STATUS_UNKNOWN, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ABS (prl_aws_signer_get_clock_offset (signer)), <=, 2);
  sent = take_requests ();
  g_assert_cmpuint (json_array_get_length (sent), ==, 2);
}

static void
test_throttling (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (JsonArray) sent = NULL;

  /* Two refusals, then an answer: the HTTP layer's back-off carries it. */
  take_requests ();
  inject ("{\"fault\": \"throttle\", \"count\": 1}");
  inject ("{\"fault\": \"limit\", \"count\": 1}");
  models = list_models (tx, PRL_TRANSCRIBE_STATUS_UNKNOWN, NULL, 0, &error);
  g_assert_no_error (error);
  sent = take_requests ();
  g_assert_cmpuint (json_array_get_length (sent), ==, 3);

  /* As many as it tries (3): a clear error, not a crash. */
  inject ("{\"fault\": \"throttle\", \"count\": 3}");
  assert_list_fails (tx, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TOO_MANY_RETRIES,
                     "ThrottlingException");
  take_requests ();
  inject ("{\"fault\": \"internal\", \"count\": 3}");
  assert_list_fails (tx, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TOO_MANY_RETRIES, "500");
  take_requests ();
}

/* Cancels from another thread while the test's thread blocks in a call. */
static gpointer
cancel_thread (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) model = NULL;
  GThread *canceller;
  gint64   began;

  inject ("{\"fault\": \"none\", \"delay\": 5, \"count\": 1}");
  began = g_get_monotonic_time ();
  canceller = g_thread_new ("cancel", cancel_thread, cancellable);
  model = prl_transcribe_client_describe_language_model_sync (tx, "anything", cancellable,
                                                              &error);
  g_thread_join (canceller);
  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - began, <, 3 * G_USEC_PER_SEC);
  /* Let the stand-in finish the delayed answer before the next test. */
  g_usleep (5 * G_USEC_PER_SEC);
  take_requests ();
}

static void
test_not_transcribe (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) model = NULL;

  inject ("{\"fault\": \"html\", \"count\": 1}");
  assert_list_fails (tx, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                     "web page");
  /* A proxy's error page is retried like any 5xx, then reported. */
  inject ("{\"fault\": \"html\", \"status\": 502, \"count\": 3}");
  assert_list_fails (tx, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TOO_MANY_RETRIES, "502");

  /* A body cut short: the HTTP layer retries, then says so. */
  inject ("{\"fault\": \"truncate\", \"count\": 3}");
  model = describe (tx, "anything", &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PRL_HTTP_ERROR
                 || error->domain == PRL_TRANSCRIBE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("truncated: %s", error->message);
  take_requests ();
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/transcribe/check-name", test_check_name);
  g_test_add_func ("/transcribe/check-role-arn", test_check_role_arn);
  g_test_add_func ("/transcribe/endpoint", test_endpoint);
  if (tx_setup (&argc, &argv))
    {
      g_test_add_func ("/transcribe/lifecycle", test_lifecycle);
      g_test_add_func ("/transcribe/failed", test_failed);
      g_test_add_func ("/transcribe/conflict-and-bad-request",
                       test_conflict_and_bad_request);
      g_test_add_func ("/transcribe/refused-before-sending", test_refused_before_sending);
      g_test_add_func ("/transcribe/auth", test_auth);
      g_test_add_func ("/transcribe/clock-skew", test_clock_skew);
      g_test_add_func ("/transcribe/throttling", test_throttling);
      g_test_add_func ("/transcribe/cancel", test_cancel);
      g_test_add_func ("/transcribe/not-transcribe", test_not_transcribe);
    }
  status = g_test_run ();
  tx_teardown ();
  return status;
}
