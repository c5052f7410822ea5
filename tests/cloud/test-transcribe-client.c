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
 * Usage: test-transcribe-client [--tap] TRANSCRIBE-SERVER.PY */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "prl-s3-private.h"
#include "prl-transcribe-client.h"
#include "../test-util.h"

#define ROLE "arn:aws:iam::111122223333:role/TranscribeData"

typedef struct
{
  const char *key;
  const char *secret;
  const char *token;
} Key;

static Key            main_key, token_key, expired_key;
static char          *tmpdir;
static char          *endpoint;
static char          *bucket;
static PrlHttpClient *http;
static GSubprocess   *server;
/* The main account's client, for the tests that need no other. */
static PrlTranscribeClient *tx;

/* -------------------------------------------------------------- helpers */

/* Runs prl_transcribe_client_OP_async (CLIENT, ARGS..., NULL, ...) to the
 * end and gives what prl_transcribe_client_OP_finish () returns. */
#define RUN(op, client, error, ...)                                                      \
  ({                                                                                     \
    g_autoptr (GAsyncResult) run_result_ = NULL;                                         \
    prl_transcribe_client_##op##_async (client, __VA_ARGS__, NULL, store_result_cb,      \
                                        &run_result_);                                   \
    prl_transcribe_client_##op##_finish (client, wait_for (&run_result_), error);        \
  })

static PrlTranscribeClient *
make_client (const Key *key, const char *secret)
{
  g_autoptr (PrlAwsSigner) signer
      = prl_aws_signer_new (key->key, secret != NULL ? secret : key->secret, key->token,
                            "us-east-1", "transcribe", 0);
  g_autoptr (GError) error = NULL;
  PrlTranscribeClient *client
      = prl_transcribe_client_new (http, signer, endpoint, &error);

  g_assert_no_error (error);
  return client;
}

/* The stand-in's test hooks: plain, unsigned HTTP. */
static JsonNode *
standin (const char *method, const char *path, const char *body)
{
  g_autofree char *url = g_strconcat (endpoint, path, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlHttpRequest) request = prl_http_request_new (method, url, &error);
  g_autoptr (PrlHttpResponse) response = NULL;
  JsonNode *root;

  g_assert_no_error (error);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      prl_http_request_set_body_bytes (request, bytes, "application/json");
    }
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (response), ==, 200);
  root = prl_http_response_get_json (response, &error);
  g_assert_no_error (error);
  return root;
}

static void
inject (const char *fault_json)
{
  g_autoptr (JsonNode) answer = standin ("POST", "/_standin/next", fault_json);
}

static JsonArray *
take_requests (void)
{
  g_autoptr (JsonNode) root = standin ("GET", "/_standin/requests", NULL);
  g_autoptr (JsonNode) cleared = standin ("DELETE", "/_standin/requests", NULL);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

/* The tests' S3 server, where the stand-in reads the training data. */
static PrlS3Client *
s3_client (void)
{
  g_autoptr (PrlAwsSigner) signer = prl_aws_signer_new (
      g_getenv ("PRL_TEST_S3_ACCESS_KEY"), g_getenv ("PRL_TEST_S3_SECRET_KEY"), NULL,
      g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1", "s3", PRL_SIGV4_S3);
  g_autoptr (GError) error = NULL;
  PrlS3Client *s3 = prl_s3_client_new (http, signer, g_getenv ("PRL_TEST_S3_ENDPOINT"),
                                       bucket, &error);

  g_assert_no_error (error);
  return s3;
}

static void
put_text (PrlS3Client *s3, const char *key, const char *data, gsize size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "upload", NULL);

  g_assert_true (g_file_set_contents (path, data, size, &error));
  g_assert_true (
      prl_s3_client_put_object (s3, key, path, 0, -1, PRL_S3_CHECKSUM_MD5, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
}

static void
create_bucket (PrlS3Client *s3)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlHttpRequest) request = _prl_s3_request (s3, "PUT", NULL, NULL, &error);
  g_autoptr (PrlHttpResponse) response = NULL;

  g_assert_no_error (error);
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (response), ==, 200);
}

static PrlTranscribeModel *
create_model (PrlTranscribeClient *client,
              const char          *name,
              const char          *key,
              GError             **error)
{
  g_autofree char       *uri = g_strdup_printf ("s3://%s/%s", bucket, key);
  PrlTranscribeModelSpec spec = { .name = name,
                                  .language_code = "en-US",
                                  .base_model = "WideBand",
                                  .s3_uri = uri,
                                  .data_access_role_arn = ROLE };

  return RUN (create_language_model, client, error, &spec);
}

static PrlTranscribeModel *
describe (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (describe_language_model, client, error, name);
}

/* Polls as the provider will: until the model leaves IN_PROGRESS. */
static PrlTranscribeModel *
wait_trained (PrlTranscribeClient *client, const char *name, guint *polls)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (*polls = 1;; (*polls)++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlTranscribeModel) model = describe (client, name, &error);

      g_assert_no_error (error);
      if (model->status != PRL_TRANSCRIBE_STATUS_IN_PROGRESS
          || g_get_monotonic_time () > deadline)
        return g_steal_pointer (&model);
      g_usleep (100 * 1000);
    }
}

static gboolean
delete_model (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (delete_language_model, client, error, name);
}

static GPtrArray *
list_models (PrlTranscribeClient *client,
             PrlTranscribeStatus  status,
             const char          *contains,
             guint                page_size,
             GError             **error)
{
  return RUN (list_language_models, client, error, status, contains, page_size);
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

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

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlTranscribeModel) model = NULL;
  gint64 began;

  inject ("{\"fault\": \"none\", \"delay\": 5, \"count\": 1}");
  began = g_get_monotonic_time ();
  g_timeout_add (300, cancel_cb, cancellable);
  prl_transcribe_client_describe_language_model_async (tx, "anything", cancellable,
                                                       store_result_cb, &result);
  model = prl_transcribe_client_describe_language_model_finish (tx, wait_for (&result),
                                                                &error);
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

static PrlTranscribeJob *
start_job (PrlTranscribeClient *client, const PrlTranscribeJobSpec *spec, GError **error)
{
  return RUN (start_transcription_job, client, error, spec);
}

static PrlTranscribeJob *
get_job (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (get_transcription_job, client, error, name);
}

static gboolean
delete_job (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (delete_transcription_job, client, error, name);
}

static void
test_jobs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) model = NULL;
  g_autoptr (PrlTranscribeModel) trained = NULL;
  g_autoptr (PrlTranscribeJob) started = NULL;
  g_autoptr (PrlTranscribeJob) again = NULL;
  g_autoptr (PrlTranscribeJob) missing = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autofree char *model_name = unique ("jobs-model");
  g_autofree char *prefix = unique ("job");
  g_auto (GStrv) names = g_new0 (char *, 3);
  g_autofree char *media = g_strdup_printf ("s3://%s/no-such.wav", bucket);
  guint            polls = 0;

  model = create_model (tx, model_name, "train/", &error);
  g_assert_no_error (error);
  trained = wait_trained (tx, model_name, &polls);
  g_assert_cmpint (trained->status, ==, PRL_TRANSCRIBE_STATUS_COMPLETED);

  for (guint i = 0; i < 2; i++)
    {
      PrlTranscribeJobSpec spec = { .media_uri = media,
                                    .language_code = "en-US",
                                    .media_format = "wav",
                                    .sample_rate = 16000,
                                    .model_name = model_name };
      g_autoptr (PrlTranscribeJob) job = NULL;

      names[i] = g_strdup_printf ("%s-%u", prefix, i);
      spec.name = names[i];
      job = start_job (tx, &spec, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (job->name, ==, names[i]);
      g_assert_cmpint (job->status, ==, PRL_TRANSCRIBE_STATUS_QUEUED);
      g_assert_cmpstr (job->model_name, ==, model_name);
      g_assert_cmpstr (job->media_uri, ==, media);
      g_assert_cmpuint (job->sample_rate, ==, 16000);
      if (i == 0)
        {
          again = start_job (tx, &spec, &error);
          g_assert_null (again);
          g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_CONFLICT);
          g_assert_nonnull (strstr (error->message, "transcription job"));
          g_clear_error (&error);
        }
    }

  for (gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;;)
    {
      g_autoptr (PrlTranscribeJob) job = get_job (tx, names[0], &error);

      g_assert_no_error (error);
      if (job->status == PRL_TRANSCRIBE_STATUS_FAILED
          || job->status == PRL_TRANSCRIBE_STATUS_COMPLETED
          || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpint (job->status, ==, PRL_TRANSCRIBE_STATUS_FAILED);
          g_assert_nonnull (job->failure_reason);
          g_assert_cmpfloat (job->completion_time, >=, job->creation_time);
          break;
        }
      g_usleep (100 * 1000);
    }

  jobs = RUN (list_transcription_jobs, tx, &error, PRL_TRANSCRIBE_STATUS_UNKNOWN, prefix,
              1);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (((PrlTranscribeJob *)jobs->pdata[0])->name, ==, names[1]);
  g_assert_cmpstr (((PrlTranscribeJob *)jobs->pdata[1])->name, ==, names[0]);

  missing = get_job (tx, "no-such-job", &error);
  g_assert_null (missing);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (guint i = 0; i < 2; i++)
    {
      /* The second may still run for a moment. */
      for (guint tries = 0; !delete_job (tx, names[i], &error) && tries < 100; tries++)
        {
          g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_BAD_REQUEST);
          g_clear_error (&error);
          g_usleep (100 * 1000);
        }
      g_assert_no_error (error);
    }
  g_assert_true (delete_model (tx, model_name, &error));
}

/* ------------------------------------------------- the wire, vs. boto3 */

/* The same calls from boto3 (Debian's), for comparison with Parlance's. */
static const char boto3_calls[]
    = "import os, boto3\n"
      "from botocore.config import Config\n"
      "e = os.environ\n"
      "c = boto3.client('transcribe', endpoint_url=e['TX_ENDPOINT'], "
      "region_name='us-east-1',\n"
      "    aws_access_key_id=e['TX_KEY'], aws_secret_access_key=e['TX_SECRET'],\n"
      "    config=Config(retries={'total_max_attempts': 1}))\n"
      "b = e['TX_BUCKET']\n"
      "calls = [\n"
      "  ('create_language_model', dict(ModelName='wire-model', LanguageCode='en-GB',\n"
      "     BaseModelName='NarrowBand', InputDataConfig=dict(S3Uri=f's3://{b}/train/',\n"
      "     TuningDataS3Uri=f's3://{b}/tune.txt', DataAccessRoleArn=e['TX_ROLE']),\n"
      "     Tags=[dict(Key='app', Value='parlance'), dict(Key='empty', Value='')])),\n"
      "  ('describe_language_model', dict(ModelName='wire-model')),\n"
      "  ('list_language_models', dict(StatusEquals='COMPLETED', NameContains='wire',\n"
      "     MaxResults=7)),\n"
      "  ('delete_language_model', dict(ModelName='wire-model')),\n"
      "  ('start_transcription_job', dict(TranscriptionJobName='wire-job',\n"
      "     LanguageCode='en-US', MediaSampleRateHertz=8000, MediaFormat='flac',\n"
      "     Media=dict(MediaFileUri=f's3://{b}/a.flac'), OutputBucketName=b,\n"
      "     OutputKey='out/wire.json', "
      "ModelSettings=dict(LanguageModelName='wire-model'))),\n"
      "  ('get_transcription_job', dict(TranscriptionJobName='wire-job')),\n"
      "  ('list_transcription_jobs', dict(Status='FAILED', JobNameContains='wire')),\n"
      "  ('delete_transcription_job', dict(TranscriptionJobName='wire-job')),\n"
      "]\n"
      "for name, params in calls:\n"
      "    try:\n"
      "        getattr(c, name)(**params)\n"
      "    except c.exceptions.ClientError:\n"
      "        pass\n";

static void
parlance_calls (PrlTranscribeClient *client)
{
  g_autofree char       *train = g_strdup_printf ("s3://%s/train/", bucket);
  g_autofree char       *tune = g_strdup_printf ("s3://%s/tune.txt", bucket);
  g_autofree char       *media = g_strdup_printf ("s3://%s/a.flac", bucket);
  const char            *tags[] = { "app", "parlance", "empty", "", NULL };
  PrlTranscribeModelSpec model
      = { "wire-model", "en-GB", "NarrowBand", train, tune, ROLE, tags };
  PrlTranscribeJobSpec job = { "wire-job", media,        "en-US", "flac",
                               8000,       "wire-model", bucket,  "out/wire.json" };
  g_autoptr (PrlTranscribeModel) created = NULL;
  g_autoptr (PrlTranscribeModel) described = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (PrlTranscribeJob) started = NULL;
  g_autoptr (PrlTranscribeJob) got = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  GError *errors[8] = { NULL };

  /* One after the other, as boto3 does; answers (errors too) do not matter. */
  created = RUN (create_language_model, client, &errors[0], &model);
  described = describe (client, "wire-model", &errors[1]);
  models = list_models (client, PRL_TRANSCRIBE_STATUS_COMPLETED, "wire", 7, &errors[2]);
  delete_model (client, "wire-model", &errors[3]);
  started = start_job (client, &job, &errors[4]);
  got = get_job (client, "wire-job", &errors[5]);
  jobs = RUN (list_transcription_jobs, client, &errors[6], PRL_TRANSCRIBE_STATUS_FAILED,
              "wire", 0);
  delete_job (client, "wire-job", &errors[7]);
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    g_clear_error (&errors[i]);
}

static const char *
header (JsonObject *request, const char *name)
{
  JsonArray *headers = json_object_get_array_member (request, "headers");

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      if (g_ascii_strcasecmp (json_array_get_string_element (pair, 0), name) == 0)
        return json_array_get_string_element (pair, 1);
    }
  return NULL;
}

/* "AWS4-HMAC-SHA256 Credential=K/D/R/S/aws4_request, SignedHeaders=..., ..."
 * without the date and signature, which differ by design. */
static char *
auth_shape (const char *authorization)
{
  g_auto (GStrv) parts
      = g_strsplit (authorization != NULL ? authorization : "", ", ", -1);
  g_auto (GStrv) scope = NULL;

  if (g_strv_length (parts) != 3)
    return g_strdup (authorization);
  scope = g_strsplit (parts[0], "/", -1);
  if (g_strv_length (scope) != 5)
    return g_strdup (authorization);
  return g_strdup_printf ("%s/%s/%s/%s, %s", scope[0], scope[2], scope[3], scope[4],
                          parts[1]);
}

static JsonNode *
parse_body (JsonObject *request)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (
      parser, json_object_get_string_member (request, "body"), -1, &error));
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_wire (void)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) boto3 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) ours = NULL;
  g_autoptr (JsonArray) theirs = NULL;
  const char *compared[] = { "Content-Type", "X-Amz-Target", "X-Amz-Security-Token",
                             "X-Amz-Content-SHA256", "Content-Encoding" };

  take_requests ();
  parlance_calls (tx);
  ours = take_requests ();

  g_subprocess_launcher_setenv (launcher, "TX_ENDPOINT", endpoint, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_KEY", main_key.key, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_SECRET", main_key.secret, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_BUCKET", bucket, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_ROLE", ROLE, TRUE);
  boto3 = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", "-c",
                                       boto3_calls, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (boto3, NULL, &error));
  theirs = take_requests ();

  g_assert_cmpuint (json_array_get_length (ours), ==, 8);
  g_assert_cmpuint (json_array_get_length (theirs), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      JsonObject      *a = json_array_get_object_element (ours, i);
      JsonObject      *b = json_array_get_object_element (theirs, i);
      g_autofree char *auth_a = auth_shape (header (a, "Authorization"));
      g_autofree char *auth_b = auth_shape (header (b, "Authorization"));
      g_autoptr (JsonNode) body_a = parse_body (a);
      g_autoptr (JsonNode) body_b = parse_body (b);
      g_autoptr (GString) boto3_signed = NULL;

      g_test_message ("%s", header (b, "X-Amz-Target"));
      boto3_signed = g_string_new (auth_b);
      g_string_replace (boto3_signed, "SignedHeaders=", "SignedHeaders=content-length;",
                        1);
      g_assert_cmpstr (json_object_get_string_member (a, "method"), ==, "POST");
      g_assert_cmpstr (json_object_get_string_member (a, "path"), ==,
                       json_object_get_string_member (b, "path"));
      for (guint h = 0; h < G_N_ELEMENTS (compared); h++)
        g_assert_cmpstr (header (a, compared[h]), ==, header (b, compared[h]));
      /* PrlHttpClient signs Content-Length too (SigV4 allows any header
       * set; the stand-in checks what was signed); the rest is boto3's. */
      g_assert_nonnull (strstr (auth_b, "SignedHeaders=content-type;"));
      g_assert_cmpstr (auth_a, ==, boto3_signed->str);
      if (!json_node_equal (body_a, body_b))
        g_error ("bodies differ:\n%s\n%s", json_object_get_string_member (a, "body"),
                 json_object_get_string_member (b, "body"));
    }
}

/* ---------------------------------------------------------------- main */

static char *
random_key (const char *prefix)
{
  g_autoptr (GString) s = g_string_new (prefix);

  while (s->len < 20)
    g_string_append_c (s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[g_random_int_range (0, 32)]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
random_secret (void)
{
  guint8 raw[30];

  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = g_random_int_range (0, 256);
  return g_base64_encode (raw, sizeof raw);
}

static void
start_server (const char *script)
{
  g_autofree char *accounts = g_build_filename (tmpdir, "accounts.json", NULL);
  g_autofree char *port_file = g_build_filename (tmpdir, "port", NULL);
  g_autofree char *json = NULL;
  g_autofree char *port = NULL;
  g_autoptr (GError) error = NULL;

  main_key = (Key){ random_key ("AKIA"), random_secret (), NULL };
  token_key = (Key){ random_key ("ASIA"), random_secret (), random_secret () };
  expired_key = (Key){ random_key ("ASIA"), random_secret (), random_secret () };
  json = g_strdup_printf (
      "[{\"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"AccountId\": "
      "\"111122223333\"},"
      " {\"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"SessionToken\": \"%s\", "
      "\"AccountId\": \"111122223333\"},"
      " {\"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"SessionToken\": \"%s\", "
      "\"AccountId\": \"111122223333\", \"Expired\": true}]",
      main_key.key, main_key.secret, token_key.key, token_key.secret, token_key.token,
      expired_key.key, expired_key.secret, expired_key.token);
  g_assert_true (g_file_set_contents_full (accounts, json, -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  server
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/usr/bin/python3",
                          script, "--accounts", accounts, "--port-file", port_file,
                          "--training-seconds", "0.6", "--exit-with-parent", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && !g_file_test (port_file, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_assert_true (g_file_get_contents (port_file, &port, NULL, &error));
  g_strstrip (port);
  endpoint = g_strdup_printf ("http://127.0.0.1:%s", port);
}

int
main (int argc, char **argv)
{
  const char *s3_endpoint = g_getenv ("PRL_TEST_S3_ENDPOINT");
  g_autoptr (PrlS3Client) s3 = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/transcribe/check-name", test_check_name);
  g_test_add_func ("/transcribe/check-role-arn", test_check_role_arn);
  g_test_add_func ("/transcribe/endpoint", test_endpoint);
  if (s3_endpoint == NULL || *s3_endpoint == '\0')
    {
      if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_S3"), "1") == 0)
        {
          printf (
              "Bail out! PRL_TEST_S3_ENDPOINT is not set, but PRL_TEST_REQUIRE_S3=1\n");
          return 1;
        }
      g_test_message ("no S3 server (PRL_TEST_S3_ENDPOINT): only the offline checks run");
      return g_test_run ();
    }
  g_assert_cmpint (argc, >=, 2);

  tmpdir = make_tmpdir ("prl-transcribe-XXXXXX");
  http = prl_http_client_new ();
  prl_http_client_set_max_attempts (http, 3);
  prl_http_client_set_backoff (http, 10, 50);
  start_server (argv[1]);
  bucket = g_strdup_printf ("prl-transcribe-client-%08x", g_random_int ());
  s3 = s3_client ();
  create_bucket (s3);
  put_text (s3, "train/a.txt", "the quick brown fox jumps over the lazy dog\n", 44);
  put_text (s3, "tune.txt", "the fox\n", 8);
  put_text (s3, "latin1.txt", "caf\xe9 cr\xe8me\n", 11);
  tx = make_client (&main_key, NULL);

  g_test_add_func ("/transcribe/lifecycle", test_lifecycle);
  g_test_add_func ("/transcribe/failed", test_failed);
  g_test_add_func ("/transcribe/conflict-and-bad-request", test_conflict_and_bad_request);
  g_test_add_func ("/transcribe/refused-before-sending", test_refused_before_sending);
  g_test_add_func ("/transcribe/auth", test_auth);
  g_test_add_func ("/transcribe/clock-skew", test_clock_skew);
  g_test_add_func ("/transcribe/throttling", test_throttling);
  g_test_add_func ("/transcribe/cancel", test_cancel);
  g_test_add_func ("/transcribe/not-transcribe", test_not_transcribe);
  g_test_add_func ("/transcribe/jobs", test_jobs);
  g_test_add_func ("/transcribe/wire", test_wire);
  status = g_test_run ();

  g_clear_object (&tx);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  rm_rf (tmpdir);
  return status;
}
