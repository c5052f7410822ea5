/* test-transcribe-common.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the Transcribe client's tests share: the stand-in
 * (transcribe-server.py) started once per test program with keys made up
 * for the run, the S3 bucket it trains from, and the calls run to their
 * end. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "prl-s3-private.h"
#include "test-transcribe-common.h"
#include "../test-util.h"

Key                  main_key, token_key, expired_key;
char                *endpoint;
char                *bucket;
PrlHttpClient       *http;
PrlTranscribeClient *tx;

static char        *tmpdir;
static GSubprocess *server;

PrlTranscribeClient *
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
JsonNode *
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

void
inject (const char *fault_json)
{
  g_autoptr (JsonNode) answer = standin ("POST", "/_standin/next", fault_json);
}

JsonArray *
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

PrlTranscribeModel *
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

PrlTranscribeModel *
describe (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (describe_language_model, client, error, name);
}

/* Polls as the provider will: until the model leaves IN_PROGRESS. */
PrlTranscribeModel *
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

gboolean
delete_model (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (delete_language_model, client, error, name);
}

GPtrArray *
list_models (PrlTranscribeClient *client,
             PrlTranscribeStatus  status,
             const char          *contains,
             guint                page_size,
             GError             **error)
{
  return RUN (list_language_models, client, error, status, contains, page_size);
}

char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

PrlTranscribeJobInfo *
start_job (PrlTranscribeClient *client, const PrlTranscribeJobSpec *spec, GError **error)
{
  return RUN (start_transcription_job, client, error, spec);
}

PrlTranscribeJobInfo *
get_job (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (get_transcription_job, client, error, name);
}

gboolean
delete_job (PrlTranscribeClient *client, const char *name, GError **error)
{
  return RUN (delete_transcription_job, client, error, name);
}

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

gboolean
tx_setup (int *argc, char ***argv)
{
  const char *s3_endpoint = g_getenv ("PRL_TEST_S3_ENDPOINT");
  g_autoptr (PrlS3Client) s3 = NULL;

  if (s3_endpoint == NULL || *s3_endpoint == '\0')
    {
      if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_S3"), "1") == 0)
        {
          printf (
              "Bail out! PRL_TEST_S3_ENDPOINT is not set, but PRL_TEST_REQUIRE_S3=1\n");
          exit (1);
        }
      g_test_message ("no S3 server (PRL_TEST_S3_ENDPOINT): the stand-in is not started");
      return FALSE;
    }
  g_assert_cmpint (*argc, >=, 2);

  tmpdir = make_tmpdir ("prl-transcribe-XXXXXX");
  http = prl_http_client_new ();
  prl_http_client_set_max_attempts (http, 3);
  prl_http_client_set_backoff (http, 10, 50);
  start_server ((*argv)[1]);
  bucket = g_strdup_printf ("prl-transcribe-client-%08x", g_random_int ());
  s3 = s3_client ();
  create_bucket (s3);
  put_text (s3, "train/a.txt", "the quick brown fox jumps over the lazy dog\n", 44);
  put_text (s3, "tune.txt", "the fox\n", 8);
  put_text (s3, "latin1.txt", "caf\xe9 cr\xe8me\n", 11);
  tx = make_client (&main_key, NULL);
  return TRUE;
}

void
tx_teardown (void)
{
  g_clear_object (&tx);
  if (server == NULL)
    return;
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  rm_rf (tmpdir);
}
