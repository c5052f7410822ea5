/* test-s3-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlS3Client against a real S3 server (build-aux/s3-server.sh, Ceph RGW).
 * Without PRL_TEST_S3_ENDPOINT the whole test is skipped, unless
 * PRL_TEST_REQUIRE_S3=1 makes that a failure. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "prl-s3-private.h"
#include "../test-util.h"

#define MIB (1024 * 1024)

static const char    *endpoint;
static const char    *region;
static const char    *access_key;
static const char    *secret_key;
static PrlHttpClient *http;
static char          *bucket;
static char          *tmpdir;

static PrlS3Client *
make_client (const char *key_id,
             const char *secret,
             const char *token,
             const char *signer_region,
             const char *url,
             const char *name)
{
  g_autoptr (PrlAwsSigner) signer
      = prl_aws_signer_new (key_id, secret, token, signer_region, "s3", PRL_SIGV4_S3);
  g_autoptr (GError) error = NULL;
  PrlS3Client *client = prl_s3_client_new (http, signer, url, name, &error);

  g_assert_no_error (error);
  return client;
}

static PrlS3Client *
default_client (void)
{
  return make_client (access_key, secret_key, NULL, region, endpoint, bucket);
}

/* A raw signed request for what the client itself does not offer. */
static PrlHttpResponse *
raw_request (PrlS3Client *client, const char *method, const char *key, const char *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlHttpRequest) request
      = _prl_s3_request (client, method, key, query, &error);
  PrlHttpResponse *response;

  g_assert_no_error (error);
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  return response;
}

static void
create_bucket (PrlS3Client *client)
{
  g_autoptr (PrlHttpResponse) response = raw_request (client, "PUT", NULL, NULL);

  g_assert_cmpuint (prl_http_response_get_status (response), ==, 200);
}

static guint
count_children (PrlHttpResponse *response, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlXmlNode) root = prl_http_response_get_xml (response, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < prl_xml_node_get_n_children (root); i++)
    n += g_str_equal (prl_xml_node_get_name (prl_xml_node_get_nth_child (root, i)), name);
  return n;
}

static guint
open_uploads (PrlS3Client *client)
{
  g_autoptr (PrlHttpResponse) response = raw_request (client, "GET", NULL, "uploads=");

  g_assert_true (prl_http_response_is_success (response));
  return count_children (response, "Upload");
}

static guint
parts_on_server (PrlS3Client *client, const char *key, const char *upload_id)
{
  g_autofree char *query = g_strdup_printf ("uploadId=%s", upload_id);
  g_autoptr (PrlHttpResponse) response = raw_request (client, "GET", key, query);

  g_assert_true (prl_http_response_is_success (response));
  return count_children (response, "Part");
}

/* Pseudo-random content, so that a misplaced part changes the hash. */
static char *
make_file (const char *name, gsize size, guint32 seed)
{
  char               *path = g_build_filename (tmpdir, name, NULL);
  FILE               *file = fopen (path, "wb");
  g_autofree guint32 *block = g_new (guint32, 65536);
  GRand              *rand = g_rand_new_with_seed (seed);

  g_assert_nonnull (file);
  for (gsize done = 0; done < size;)
    {
      gsize n = MIN (size - done, 65536 * 4);

      for (guint i = 0; i < 65536; i++)
        block[i] = g_rand_int (rand);
      g_assert_cmpuint (fwrite (block, 1, n, file), ==, n);
      done += n;
    }
  g_rand_free (rand);
  fclose (file);
  return path;
}

static char *
file_sha256 (const char *path)
{
  PrlS3Digest digest = { 0 };
  g_autoptr (GError) error = NULL;
  char *hex;

  g_assert_true (_prl_s3_digest_file (path, 0, -1, &digest, NULL, &error));
  hex = g_strdup (digest.sha256_hex);
  _prl_s3_digest_clear (&digest);
  return hex;
}

static void
assert_download_matches (PrlS3Client *client, const char *key, const char *path)
{
  g_autofree char *out = g_build_filename (tmpdir, "download", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (out);
  g_autoptr (GError) error = NULL;
  g_autofree char *want = file_sha256 (path);
  g_autofree char *got = NULL;

  g_assert_true (prl_s3_client_get_object (client, key, file, NULL, &error));
  g_assert_no_error (error);
  got = file_sha256 (out);
  g_assert_cmpstr (got, ==, want);
  g_unlink (out);
}

static void
test_round_trip (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autofree char *path = make_file ("small", 1000 * 1000 + 7, 1);
  g_autofree char *etag = NULL;
  PrlS3Digest      digest = { 0 };
  const char      *keys[] = { "rt/a b.txt", "rt/ü/c", "rt/d+e", "rt/f", "rt/g", NULL };
  guint64          size = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_true (prl_s3_client_put_object (
          client, keys[i], path, i, -1,
          i % 2 ? PRL_S3_CHECKSUM_SHA256 : PRL_S3_CHECKSUM_MD5, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (prl_s3_client_head_object (client, keys[0], &size, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, 1000 * 1000 + 7);
  g_assert_true (_prl_s3_digest_file (path, 0, -1, &digest, NULL, &error));
  g_assert_cmpstr (etag, ==, digest.md5_hex);
  _prl_s3_digest_clear (&digest);
  assert_download_matches (client, keys[0], path);

  /* Three pages of two. */
  listed = prl_s3_client_list_objects (client, "rt/", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 5);
  for (guint i = 0; i < listed->len; i++)
    {
      PrlS3Object *object = g_ptr_array_index (listed, i);

      guint index = 0;

      /* Key i was uploaded from offset i. */
      while (keys[index] != NULL && !g_str_equal (keys[index], object->key))
        index++;
      g_assert_nonnull (keys[index]);
      g_assert_cmpuint (object->size, ==, 1000 * 1000 + 7 - index);
    }
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_assert_true (prl_s3_client_delete_object (client, keys[0], NULL, &error));
  g_assert_no_error (error);
  g_assert_false (prl_s3_client_head_object (client, keys[0], NULL, NULL, NULL, &error));
  g_assert_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY);
  g_clear_error (&error);
  g_assert_true (prl_s3_client_delete_objects (client, keys + 1, NULL, &error));
  g_assert_no_error (error);
  listed = prl_s3_client_list_objects (client, "rt/", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_unlink (path);
}

static void
test_location (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (PrlS3Client) wrong
      = make_client (access_key, secret_key, NULL, "eu-west-3", endpoint, bucket);
  g_autoptr (GError) error = NULL;
  g_autofree char *location = prl_s3_client_get_bucket_location (client, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (location, ==, region);
  g_assert_true (prl_s3_client_check_bucket (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (prl_s3_client_check_bucket (wrong, NULL, &error));
  g_assert_error (error, PRL_S3_ERROR, PRL_S3_ERROR_WRONG_REGION);
  g_assert_nonnull (strstr (error->message, "eu-west-3"));
}

/* A signer whose clock is an hour off gets RequestTimeTooSkewed, takes the
 * server's clock from the answer and succeeds on the re-send. */
static void
test_clock_skew (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autofree char *location = NULL;

  prl_aws_signer_set_clock_offset (prl_s3_client_get_signer (client), -3600);
  location = prl_s3_client_get_bucket_location (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (
      ABS (prl_aws_signer_get_clock_offset (prl_s3_client_get_signer (client))), <, 60);
}

static void
assert_refused (PrlS3Client *client, int code, const char *secret)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) listed = prl_s3_client_list_objects (client, "", 0, NULL, &error);

  g_assert_null (listed);
  g_assert_error (error, PRL_S3_ERROR, code);
  if (secret != NULL)
    g_assert_null (strstr (error->message, secret));
  g_test_message ("%s", error->message);
}

static void
test_errors (void)
{
  g_autofree char *wrong_secret = g_strdup_printf ("%sX", secret_key);
  g_autofree char *other_bucket = g_strdup_printf ("%s-other", bucket);
  g_autofree char *missing = g_strdup_printf ("%s-missing", bucket);
  g_autoptr (PrlS3Client) bad_secret
      = make_client (access_key, wrong_secret, NULL, region, endpoint, bucket);
  g_autoptr (PrlS3Client) unknown
      = make_client ("PRLUNKNOWNKEY0000000", secret_key, NULL, region, endpoint, bucket);
  g_autoptr (PrlS3Client) other = make_client (g_getenv ("PRL_TEST_S3_OTHER_ACCESS_KEY"),
                                               g_getenv ("PRL_TEST_S3_OTHER_SECRET_KEY"),
                                               NULL, region, endpoint, other_bucket);
  g_autoptr (PrlS3Client) intruder
      = make_client (access_key, secret_key, NULL, region, endpoint, other_bucket);
  g_autoptr (PrlS3Client) nobucket
      = make_client (access_key, secret_key, NULL, region, endpoint, missing);
  /* A temporary key with its session token: RGW has no STS here, so it
   * refuses the pair as it refuses an unknown key. */
  g_autoptr (PrlS3Client) token
      = make_client ("ASIAPRLTEMPORARY0000", secret_key, "FQoGZXIvYXdzSESSIONTOKEN",
                     region, endpoint, bucket);

  assert_refused (bad_secret, PRL_S3_ERROR_WRONG_SECRET, wrong_secret);
  assert_refused (unknown, PRL_S3_ERROR_UNKNOWN_KEY, secret_key);
  create_bucket (other);
  assert_refused (intruder, PRL_S3_ERROR_ACCESS_DENIED, secret_key);
  assert_refused (nobucket, PRL_S3_ERROR_NO_SUCH_BUCKET, secret_key);
  assert_refused (token, PRL_S3_ERROR_UNKNOWN_KEY, "SESSIONTOKEN");
}

/* Content-MD5 of other bytes: the server refuses the body. */
static void
test_bad_digest (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("some bytes", 10);
  g_autoptr (PrlHttpRequest) request
      = _prl_s3_request (client, "PUT", "bad", NULL, &error);
  g_autoptr (PrlHttpResponse) response = NULL;

  prl_http_request_set_body_bytes (request, body, "application/octet-stream");
  prl_http_request_set_header (request, "Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
  response = _prl_s3_send (client, request, "bad", NULL, &error);
  g_assert_null (response);
  g_assert_error (error, PRL_S3_ERROR, PRL_S3_ERROR_BAD_DIGEST);
}

typedef struct
{
  guint       status;
  const char *content_type;
  const char *body;
} FakeAnswer;

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const FakeAnswer *answer = user_data;

  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_STATIC,
                                    answer->body, strlen (answer->body));
}

static gpointer
serve (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

/* A local server that gives every request the same answer; it and its
 * thread live until the test program exits. */
static char *
start_fake_server (const FakeAnswer *answer)
{
  GMainContext *context = g_main_context_new ();
  SoupServer   *server;
  g_autoptr (GError) error = NULL;
  GSList *uris;
  char   *url;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, fake_handler, (gpointer)answer, NULL);
  g_assert_true (
      soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  g_thread_unref (g_thread_new ("fake-server", serve, context));
  return url;
}

static void
test_html_endpoint (void)
{
  static const FakeAnswer answer
      = { 200, "text/html",
          "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>" };
  g_autofree char *url = start_fake_server (&answer);
  g_autoptr (PrlS3Client) client
      = make_client (access_key, secret_key, NULL, region, url, bucket);

  assert_refused (client, PRL_S3_ERROR_NOT_S3, secret_key);
}

/* What AWS answers when temporary credentials ran out. */
static void
test_expired_token (void)
{
  static const FakeAnswer answer
      = { 400, "application/xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>ExpiredToken</Code>"
          "<Message>The provided token has expired.</Message></Error>" };
  g_autofree char *url = start_fake_server (&answer);
  g_autoptr (PrlS3Client) client = make_client (
      access_key, secret_key, "FQoGZXIvYXdzSESSIONTOKEN", region, url, bucket);

  assert_refused (client, PRL_S3_ERROR_EXPIRED_TOKEN, "SESSIONTOKEN");
}

typedef struct
{
  guint64       last;
  guint         calls;
  guint64       cancel_at;
  GCancellable *cancellable;
} Progress;

static void
progress_cb (guint64 done, guint64 total, gpointer data)
{
  Progress *progress = data;

  g_assert_cmpuint (done, >=, progress->last);
  g_assert_cmpuint (done, <=, total);
  progress->last = done;
  progress->calls++;
  if (progress->cancel_at > 0 && done >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_multipart (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = make_file ("mp", 40 * MIB + 12345, 2);
  g_autofree char   *etag = NULL;
  Progress           progress = { 0 };
  PrlS3UploadOptions options = { .part_size = 5 * MIB,
                                 .n_workers = 4,
                                 .progress = progress_cb,
                                 .progress_data = &progress };
  guint64            size = 0;

  g_assert_true (
      prl_s3_client_upload_file (client, "mp/object", path, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.last, ==, 40 * MIB + 12345);
  g_assert_cmpuint (progress.calls, ==, 9);
  g_assert_true (
      prl_s3_client_head_object (client, "mp/object", &size, &etag, NULL, &error));
  g_assert_cmpuint (size, ==, 40 * MIB + 12345);
  g_assert_true (g_str_has_suffix (etag, "-9"));
  assert_download_matches (client, "mp/object", path);
  g_assert_cmpuint (open_uploads (client), ==, 0);
  g_assert_true (prl_s3_client_delete_object (client, "mp/object", NULL, &error));
  g_unlink (path);
}

static void
test_cancel (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char   *path = make_file ("cancel", 30 * MIB, 3);
  Progress           progress = { .cancel_at = 5 * MIB, .cancellable = cancellable };
  PrlS3UploadOptions options = { .part_size = 5 * MIB,
                                 .n_workers = 2,
                                 .progress = progress_cb,
                                 .progress_data = &progress };

  g_assert_false (prl_s3_client_upload_file (client, "cancel/object", path, &options,
                                             cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (progress.last, <, 30 * MIB);
  g_assert_false (
      prl_s3_client_head_object (client, "cancel/object", NULL, NULL, NULL, &error));
  g_assert_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY);
  g_assert_cmpuint (open_uploads (client), ==, 0);
  g_unlink (path);
}

/* A run that stops after some parts without aborting (the app quit), then
 * a resume that sends only what the server lacks. */
static void
test_resume (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = make_file ("resume", 42 * MIB, 4);
  g_autofree char *state_path = g_build_filename (tmpdir, "state", NULL);
  g_autoptr (PrlS3UploadStateFile) state = prl_s3_upload_state_file_new (state_path);
  g_autoptr (PrlS3UploadStateFile) state2 = prl_s3_upload_state_file_new (state_path);
  g_autofree char   *upload_id = NULL;
  g_autofree char   *key = NULL;
  Progress           progress = { .cancel_at = 15 * MIB, .cancellable = cancellable };
  PrlS3UploadOptions options = { .part_size = 5 * MIB,
                                 .n_workers = 2,
                                 .flags = PRL_S3_UPLOAD_KEEP_ON_CANCEL,
                                 .state = PRL_S3_UPLOAD_STATE (state),
                                 .progress = progress_cb,
                                 .progress_data = &progress };
  gsize              part_size = 0;
  guint              recorded = 0;
  guint              on_server;

  g_assert_false (prl_s3_client_upload_file (client, "resume/object", path, &options,
                                             cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (prl_s3_upload_state_file_load (state2, &upload_id, &key, &part_size,
                                                &recorded, &error));
  g_assert_cmpstr (key, ==, "resume/object");
  g_assert_cmpuint (part_size, ==, 5 * MIB);
  g_assert_cmpuint (recorded, >=, 3);
  g_assert_cmpuint (recorded, <, 9);
  on_server = parts_on_server (client, key, upload_id);
  g_assert_cmpuint (on_server, >=, recorded);
  g_assert_cmpuint (open_uploads (client), ==, 1);

  progress = (Progress){ 0 };
  options.state = PRL_S3_UPLOAD_STATE (state2);
  g_assert_true (
      prl_s3_client_resume_upload (client, key, path, upload_id, &options, NULL, &error));
  g_assert_no_error (error);
  /* The resume sends what the server lacks. A part whose body was on the
   * wire when the cancel came may still be stored by the server after it
   * was counted, so up to n_workers fewer parts may be needed. */
  g_assert_cmpuint (prl_s3_upload_state_file_get_n_recorded (state2), <=, 9 - on_server);
  g_assert_cmpuint (prl_s3_upload_state_file_get_n_recorded (state2) + options.n_workers,
                    >=, 9 - on_server);
  g_assert_cmpuint (progress.last, ==, 42 * MIB);
  g_assert_false (g_file_test (state_path, G_FILE_TEST_EXISTS));
  assert_download_matches (client, key, path);
  g_assert_cmpuint (open_uploads (client), ==, 0);

  /* The upload is complete: its ID cannot be resumed again. */
  g_assert_false (
      prl_s3_client_resume_upload (client, key, path, upload_id, &options, NULL, &error));
  g_assert_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_UPLOAD);
  g_clear_error (&error);
  g_assert_true (prl_s3_client_delete_object (client, key, NULL, &error));
  g_unlink (path);
}

static void
test_blob (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_file ("blob", 300 * 1000, 5);
  g_autofree char *sha = file_sha256 (path);
  g_autofree char *want = g_strdup_printf ("ws/blobs/%s", sha);
  g_autofree char *key = NULL;
  g_autofree char *again = NULL;
  gboolean         uploaded = FALSE;

  key = prl_s3_client_upload_blob (client, "ws/", path, NULL, &uploaded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, want);
  g_assert_true (uploaded);
  again = prl_s3_client_upload_blob (client, "ws", path, NULL, &uploaded, NULL, &error);
  g_assert_cmpstr (again, ==, want);
  g_assert_false (uploaded);
  g_unlink (path);
}

/* Parts stream from the file: a 200 MiB upload must not raise the peak. */
static void
test_memory (void)
{
  g_autoptr (PrlS3Client) client = default_client ();
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = make_file ("big", 200 * MIB, 6);
  PrlS3UploadOptions options = { .part_size = 8 * MIB, .n_workers = 4 };
  guint64            before = peak_rss_kib ();
  guint64            after;

  g_assert_true (
      prl_s3_client_upload_file (client, "big/object", path, &options, NULL, &error));
  g_assert_no_error (error);
  after = peak_rss_kib ();
  g_test_message ("VmHWM %" G_GUINT64_FORMAT " -> %" G_GUINT64_FORMAT " KiB", before,
                  after);
  g_assert_cmpuint (after - before, <, 64 * 1024);
  g_assert_true (prl_s3_client_delete_object (client, "big/object", NULL, &error));
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_autoptr (PrlS3Client) client = NULL;
  int status;

  if (!(endpoint = s3_test_endpoint (&status)))
    return status;
  region = g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1";
  access_key = g_getenv ("PRL_TEST_S3_ACCESS_KEY");
  secret_key = g_getenv ("PRL_TEST_S3_SECRET_KEY");

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("prl-s3-XXXXXX", NULL);
  http = prl_http_client_new ();
  prl_http_client_set_max_attempts (http, 2);
  bucket = g_strdup_printf ("prl-s3-client-%08x", g_random_int ());
  client = default_client ();
  create_bucket (client);

  g_test_add_func ("/s3/round-trip", test_round_trip);
  g_test_add_func ("/s3/location", test_location);
  g_test_add_func ("/s3/clock-skew", test_clock_skew);
  g_test_add_func ("/s3/errors", test_errors);
  g_test_add_func ("/s3/bad-digest", test_bad_digest);
  g_test_add_func ("/s3/html-endpoint", test_html_endpoint);
  g_test_add_func ("/s3/expired-token", test_expired_token);
  g_test_add_func ("/s3/multipart", test_multipart);
  g_test_add_func ("/s3/cancel", test_cancel);
  g_test_add_func ("/s3/resume", test_resume);
  g_test_add_func ("/s3/blob", test_blob);
  g_test_add_func ("/s3/memory", test_memory);
  status = g_test_run ();

  g_rmdir (tmpdir);
  return status;
}
