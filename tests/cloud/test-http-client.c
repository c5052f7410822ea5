/* test-http-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PrlHttpClient against a real SoupServer on 127.0.0.1 in this process,
 * whose handlers misbehave on purpose: throttling, 5xx storms, connections
 * dropped mid-body, bodies that are cut short or enormous, hangs, and a
 * self-signed TLS certificate made with openssl at test time.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "prl-http-client.h"
#include "prl-http-private.h"

#define MIB (1024 * 1024)

/* ---- the server ---------------------------------------------------------- */

static SoupServer *server;
static char       *base_url;
static GHashTable *hits;      /* path -> count */
static GArray     *hit_times; /* monotonic µs of each request */
static GPtrArray  *auth_seen; /* Authorization of each request */
static char       *user_agent_seen;

static void
reset_server (void)
{
  g_hash_table_remove_all (hits);
  g_array_set_size (hit_times, 0);
  g_ptr_array_set_size (auth_seen, 0);
}

static guint
hit_count (const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (hits, path));
}

/* Deterministic bytes for the 64 MiB transfers. */
static void
fill_pattern (guint8 *buffer, guint64 offset, gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      guint64 x = offset + i;

      buffer[i] = (guint8)((x ^ (x >> 8) ^ (x >> 17)) * 31);
    }
}

static char *
pattern_sha256 (guint64 size)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (MIB);

  for (guint64 offset = 0; offset < size; offset += MIB)
    {
      gsize n = MIN (MIB, size - offset);

      fill_pattern (buffer, offset, n);
      g_checksum_update (sum, buffer, n);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Writes a response by hand on the stolen connection, announcing more
 * bytes than it sends, then hangs up. */
static void
send_cut_short (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);
  const char *head
      = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n";
  char partial[100];

  memset (partial, 'x', sizeof partial);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head),
                             NULL, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial,
                             sizeof partial, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

typedef struct
{
  GChecksum *sum;
  guint64    size;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  g_checksum_free (upload->sum);
  g_free (upload);
}

static void
upload_chunk_cb (SoupServerMessage *msg, GBytes *chunk, Upload *upload)
{
  g_checksum_update (upload->sum, g_bytes_get_data (chunk, NULL),
                     g_bytes_get_size (chunk));
  upload->size += g_bytes_get_size (chunk);
}

/* Uploads are hashed as they arrive and never accumulated, so the
 * server's memory does not hide the client's in the peak RSS check. */
static void
early_handler (SoupServer        *srv,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Upload *upload;

  if (!g_str_has_prefix (path, "/upload"))
    return;
  upload = g_new0 (Upload, 1);
  upload->sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_object_set_data_full (G_OBJECT (msg), "upload", upload, upload_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (upload_chunk_cb), upload);
}

typedef struct
{
  guint64 total;
  guint64 sent;
} Download;

static void
download_next_chunk (SoupServerMessage *msg, Download *download)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize            n = MIN (256 * 1024, download->total - download->sent);
  guint8          *chunk;

  if (n == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  chunk = g_malloc (n);
  fill_pattern (chunk, download->sent, n);
  soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, n);
  download->sent += n;
}

static void
start_download (SoupServerMessage *msg, guint64 size)
{
  Download           *download = g_new0 (Download, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  download->total = size;
  g_object_set_data_full (G_OBJECT (msg), "download", download, g_free);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_length (headers, size);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (download_next_chunk), download);
  download_next_chunk (msg, download);
}

static void
server_cb (SoupServer        *srv,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  guint               n = hit_count (path) + 1;
  gint64              now = g_get_monotonic_time ();
  const char *auth = soup_message_headers_get_one (request_headers, "Authorization");

  g_hash_table_insert (hits, g_strdup (path), GUINT_TO_POINTER (n));
  g_array_append_val (hit_times, now);
  g_ptr_array_add (auth_seen, g_strdup (auth != NULL ? auth : ""));
  g_free (user_agent_seen);
  user_agent_seen
      = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));

  if (g_str_equal (path, "/ok"))
    respond_text (msg, 200, "text/plain", "hello");
  else if (g_str_equal (path, "/503-then-ok"))
    respond_text (msg, n <= 2 ? 503 : 200, "text/plain", n <= 2 ? "busy" : "done");
  else if (g_str_equal (path, "/429-retry-after"))
    {
      if (n == 1)
        soup_message_headers_replace (response_headers, "Retry-After", "2");
      respond_text (msg, n == 1 ? 429 : 200, "text/plain", n == 1 ? "slow down" : "done");
    }
  else if (g_str_equal (path, "/storm"))
    respond_text (msg, 500, "text/plain", "boom");
  else if (g_str_equal (path, "/storm-retry-after"))
    {
      soup_message_headers_replace (response_headers, "Retry-After", "60");
      respond_text (msg, 503, "text/plain", "later");
    }
  else if (g_str_equal (path, "/throttle-xml"))
    respond_text (msg, n == 1 ? 400 : 200, "application/xml",
                  n == 1 ? "<?xml version=\"1.0\"?>\n<Error><Code>SlowDown</Code>"
                           "<Message>Please reduce your request rate.</Message></Error>"
                         : "<ok/>");
  else if (g_str_equal (path, "/throttle-json"))
    respond_text (msg, n == 1 ? 400 : 200, "application/x-amz-json-1.1",
                  n == 1 ? "{\"__type\":\"com.amazonaws.transcribe#ThrottlingException\","
                           "\"Message\":\"Rate exceeded\"}"
                         : "{}");
  else if (g_str_equal (path, "/bad-argument"))
    respond_text (msg, 400, "application/xml",
                  "<Error><Code>InvalidArgument</Code><Message>no</Message></Error>");
  else if (g_str_equal (path, "/skewed"))
    respond_text (msg, n == 1 ? 403 : 200, "application/xml",
                  n == 1 ? "<Error><Code>RequestTimeTooSkewed</Code></Error>" : "<ok/>");
  else if (g_str_equal (path, "/drop-once"))
    {
      if (n == 1)
        send_cut_short (msg);
      else
        {
          char full[1000];

          memset (full, 'y', sizeof full);
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, full,
                                            sizeof full);
        }
    }
  else if (g_str_equal (path, "/redirect"))
    {
      soup_message_headers_replace (response_headers, "Location", "/ok");
      soup_message_headers_replace (response_headers, "x-amz-bucket-region", "eu-west-1");
      respond_text (msg, 301, "application/xml",
                    "<Error><Code>PermanentRedirect</Code></Error>");
    }
  else if (g_str_equal (path, "/truncated"))
    send_cut_short (msg);
  else if (g_str_equal (path, "/hang"))
    soup_server_message_pause (msg);
  else if (g_str_equal (path, "/huge-length"))
    start_download (msg, 2 * MIB);
  else if (g_str_equal (path, "/huge-chunked"))
    {
      start_download (msg, 2 * MIB);
      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
    }
  else if (g_str_equal (path, "/download"))
    start_download (msg, 64 * MIB);
  else if (g_str_has_prefix (path, "/upload"))
    {
      Upload          *upload = g_object_get_data (G_OBJECT (msg), "upload");
      g_autofree char *json
          = g_strdup_printf ("{\"size\":%" G_GUINT64_FORMAT ",\"sha256\":\"%s\"}",
                             upload->size, g_checksum_get_string (upload->sum));

      respond_text (msg, g_str_equal (path, "/upload-flaky") && n == 1 ? 503 : 200,
                    "application/json", json);
    }
  else if (g_str_equal (path, "/echo"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
      const char *type = soup_message_headers_get_content_type (request_headers, NULL);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes));
    }
  else
    respond_text (msg, 404, "text/plain", "not found");
}

static char *
url (const char *path)
{
  return g_strconcat (base_url, path, NULL);
}

/* ---- helpers ------------------------------------------------------------- */

typedef struct
{
  PrlHttpResponse *response;
  GError          *error;
  gboolean         done;
} Result;

static void
send_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->response = prl_http_client_send_finish (PRL_HTTP_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

/* Sends on a worker thread while this thread's loop serves the requests. */
static PrlHttpResponse *
send_and_wait (PrlHttpClient  *client,
               PrlHttpRequest *request,
               GCancellable   *cancellable,
               GError        **error)
{
  Result r = { NULL, NULL, FALSE };

  prl_http_client_send_async (client, request, cancellable, send_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.response;
}

/* Sends and checks the answer's status; the response is the caller's. */
static PrlHttpResponse *
expect_status (PrlHttpClient *client, PrlHttpRequest *request, guint status)
{
  g_autoptr (GError) error = NULL;
  PrlHttpResponse *response = send_and_wait (client, request, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (response), ==, status);
  return response;
}

/* Sends and checks that it fails with @domain/@code; the error is the caller's. */
static GError *
expect_error (PrlHttpClient  *client,
              PrlHttpRequest *request,
              GCancellable   *cancellable,
              GQuark          domain,
              int             code)
{
  GError *error = NULL;
  g_autoptr (PrlHttpResponse) response
      = send_and_wait (client, request, cancellable, &error);

  g_assert_null (response);
  g_assert_error (error, domain, code);
  return error;
}

static PrlHttpClient *
fast_client (void)
{
  PrlHttpClient *client = prl_http_client_new ();

  prl_http_client_set_backoff (client, 10, 50);
  return client;
}

static PrlHttpRequest *
get_request (const char *path)
{
  g_autofree char *address = url (path);
  g_autoptr (GError) error = NULL;
  PrlHttpRequest *request = prl_http_request_new ("GET", address, &error);

  g_assert_no_error (error);
  return request;
}

static gint64
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

/* ---- a signer that counts ------------------------------------------------ */

#define TEST_TYPE_SIGNER (test_signer_get_type ())
G_DECLARE_FINAL_TYPE (TestSigner, test_signer, TEST, SIGNER, GObject)

struct _TestSigner
{
  GObject parent_instance;
  gint    signed_count;
  gint    skew_fixes;
  char   *last_hash;
};

static gboolean
test_signer_sign (PrlHttpSigner      *signer,
                  const char         *method,
                  GUri               *uri,
                  SoupMessageHeaders *headers,
                  const char         *payload_hash,
                  GError            **error)
{
  TestSigner      *self = TEST_SIGNER (signer);
  g_autofree char *value = NULL;

  value = g_strdup_printf ("Test %s %s %d", method, g_uri_get_path (uri),
                           g_atomic_int_add (&self->signed_count, 1) + 1);
  soup_message_headers_replace (headers, "Authorization", value);
  g_free (self->last_hash);
  self->last_hash = g_strdup (payload_hash);
  return TRUE;
}

static gboolean
test_signer_retry_after_response (PrlHttpSigner *signer, PrlHttpResponse *response)
{
  TestSigner      *self = TEST_SIGNER (signer);
  g_autofree char *code = prl_http_response_dup_error_code (response);

  if (g_strcmp0 (code, "RequestTimeTooSkewed") != 0)
    return FALSE;
  self->skew_fixes++;
  return TRUE;
}

static void
test_signer_iface_init (PrlHttpSignerInterface *iface)
{
  iface->sign = test_signer_sign;
  iface->retry_after_response = test_signer_retry_after_response;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSigner,
                               test_signer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_HTTP_SIGNER,
                                                      test_signer_iface_init))

static void
test_signer_finalize (GObject *object)
{
  g_free (TEST_SIGNER (object)->last_hash);
  G_OBJECT_CLASS (test_signer_parent_class)->finalize (object);
}

static void
test_signer_class_init (TestSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_signer_finalize;
}

static void
test_signer_init (TestSigner *self)
{
}

/* ---- a generated body ---------------------------------------------------- */

#define TEST_TYPE_PATTERN_STREAM (test_pattern_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    TestPatternStream, test_pattern_stream, TEST, PATTERN_STREAM, GInputStream)

struct _TestPatternStream
{
  GInputStream parent_instance;
  guint64      offset;
  guint64      size;
};

G_DEFINE_FINAL_TYPE (TestPatternStream, test_pattern_stream, G_TYPE_INPUT_STREAM)

static gssize
test_pattern_stream_read (GInputStream *stream,
                          void         *buffer,
                          gsize         count,
                          GCancellable *cancellable,
                          GError      **error)
{
  TestPatternStream *self = TEST_PATTERN_STREAM (stream);
  gsize              n = MIN (count, self->size - self->offset);

  fill_pattern (buffer, self->offset, n);
  self->offset += n;
  return n;
}

static void
test_pattern_stream_class_init (TestPatternStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_pattern_stream_read;
}

static void
test_pattern_stream_init (TestPatternStream *self)
{
}

static guint pattern_opens;

static GInputStream *
open_pattern (gpointer user_data, GCancellable *cancellable, GError **error)
{
  TestPatternStream *stream = g_object_new (TEST_TYPE_PATTERN_STREAM, NULL);

  stream->size = *(guint64 *)user_data;
  pattern_opens++;
  return G_INPUT_STREAM (stream);
}

/* ---- tests --------------------------------------------------------------- */

static void
test_session_setup (void)
{
  g_autoptr (PrlHttpClient) client = prl_http_client_new ();
  g_autoptr (PrlHttpRequest) request = get_request ("/ok");
  g_autoptr (PrlHttpResponse) response = NULL;
  SoupSession *session = _prl_http_client_get_session (client);
  GBytes      *body;

  /* The desktop's proxy settings are used, not switched off. */
  g_assert_true (soup_session_get_proxy_resolver (session)
                 == g_proxy_resolver_get_default ());

  reset_server ();
  response = expect_status (client, request, 200);
  g_assert_cmpuint (prl_http_response_get_attempts (response), ==, 1);
  body = prl_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello", 5);
  g_assert_cmpstr (user_agent_seen, ==, "Parlance/" PACKAGE_VERSION);
}

static void
test_bad_url (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlHttpRequest) request
      = prl_http_request_new ("GET", "ftp://example.com/x", &error);

  g_assert_null (request);
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "https://"));
}

static void
test_retry_503_then_ok (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/503-then-ok");
  g_autoptr (TestSigner) signer = g_object_new (TEST_TYPE_SIGNER, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;

  reset_server ();
  prl_http_request_set_signer (request, PRL_HTTP_SIGNER (signer));
  response = expect_status (client, request, 200);
  g_assert_cmpuint (prl_http_response_get_attempts (response), ==, 3);
  g_assert_cmpuint (hit_count ("/503-then-ok"), ==, 3);

  /* Every attempt was signed afresh, with the empty body's hash. */
  g_assert_cmpint (signer->signed_count, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (auth_seen, 0), ==, "Test GET /503-then-ok 1");
  g_assert_cmpstr (g_ptr_array_index (auth_seen, 2), ==, "Test GET /503-then-ok 3");
  g_assert_cmpstr (signer->last_hash, ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_retry_after (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/429-retry-after");
  g_autoptr (PrlHttpResponse) response = NULL;

  reset_server ();
  response = expect_status (client, request, 200);
  g_assert_cmpuint (hit_count ("/429-retry-after"), ==, 2);
  /* The back-off alone is at most 50 ms here; the server asked for 2 s. */
  g_assert_cmpint (g_array_index (hit_times, gint64, 1)
                       - g_array_index (hit_times, gint64, 0),
                   >=, 2 * G_USEC_PER_SEC);
}

static void
test_throttling_codes (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  const char *throttled[] = { "/throttle-xml", "/throttle-json" };

  reset_server ();
  for (guint i = 0; i < G_N_ELEMENTS (throttled); i++)
    {
      g_autoptr (PrlHttpRequest) request = get_request (throttled[i]);
      g_autoptr (PrlHttpResponse) response = NULL;
      g_autoptr (GError) error = NULL;

      response = expect_status (client, request, 200);
      g_assert_cmpuint (hit_count (throttled[i]), ==, 2);
    }

  /* A 400 that is not throttling is the caller's to explain, at once. */
  {
    g_autoptr (PrlHttpRequest) request = get_request ("/bad-argument");
    g_autoptr (PrlHttpResponse) response = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *code = NULL;

    response = expect_status (client, request, 400);
    g_assert_cmpuint (hit_count ("/bad-argument"), ==, 1);
    code = prl_http_response_dup_error_code (response);
    g_assert_cmpstr (code, ==, "InvalidArgument");
  }
}

static void
test_redirect_not_followed (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/redirect");
  g_autoptr (TestSigner) signer = g_object_new (TEST_TYPE_SIGNER, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autofree char *code = NULL;

  reset_server ();
  prl_http_request_set_signer (request, PRL_HTTP_SIGNER (signer));
  response = expect_status (client, request, 301);
  g_assert_cmpstr (prl_http_response_get_header (response, "x-amz-bucket-region"), ==,
                   "eu-west-1");
  code = prl_http_response_dup_error_code (response);
  g_assert_cmpstr (code, ==, "PermanentRedirect");
  /* The signed request was not replayed anywhere. */
  g_assert_cmpuint (hit_count ("/ok"), ==, 0);
  g_assert_cmpint (signer->signed_count, ==, 1);
}

static void
test_signer_clock_skew (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/skewed");
  g_autoptr (TestSigner) signer = g_object_new (TEST_TYPE_SIGNER, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;

  reset_server ();
  prl_http_request_set_signer (request, PRL_HTTP_SIGNER (signer));
  response = expect_status (client, request, 200);
  g_assert_cmpint (signer->skew_fixes, ==, 1);
  g_assert_cmpint (signer->signed_count, ==, 2);
}

static void
test_5xx_storm (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/storm");
  g_autoptr (GError) error = NULL;

  reset_server ();
  prl_http_client_set_max_attempts (client, 4);
  error = expect_error (client, request, NULL, PRL_HTTP_ERROR,
                        PRL_HTTP_ERROR_TOO_MANY_RETRIES);
  g_assert_cmpuint (hit_count ("/storm"), ==, 4);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_nonnull (strstr (error->message, "4 attempts"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_dropped_connection_retried (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/drop-once");
  g_autoptr (PrlHttpResponse) response = NULL;

  reset_server ();
  response = expect_status (client, request, 200);
  g_assert_cmpuint (hit_count ("/drop-once"), ==, 2);
  g_assert_cmpuint (g_bytes_get_size (prl_http_response_get_body (response)), ==, 1000);
}

static void
test_retry_rewinds_sink_stream (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/drop-once");
  g_autoptr (GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr (PrlHttpResponse) response = NULL;
  const char *data;

  reset_server ();
  prl_http_request_set_response_stream (request, sink);
  response = expect_status (client, request, 200);
  g_assert_cmpuint (hit_count ("/drop-once"), ==, 2);
  g_assert_null (prl_http_response_get_body (response));

  /* The 100 bytes of the broken first answer were dropped, and the
   * caller's stream is left open. */
  g_assert_false (g_output_stream_is_closed (sink));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (sink)),
                    ==, 1000);
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (sink));
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpint (data[i], ==, 'y');
}

static void
test_truncated_body (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/truncated");
  g_autoptr (GError) error = NULL;

  reset_server ();
  prl_http_client_set_max_attempts (client, 3);
  error = expect_error (client, request, NULL, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TRUNCATED);
  g_assert_cmpuint (hit_count ("/truncated"), ==, 3);
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_assert_nonnull (strstr (error->message, "kB"));
  g_assert_nonnull (strstr (error->message, "3 times"));
}

static void
test_enormous_body (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  const char *paths[] = { "/huge-length", "/huge-chunked" };

  reset_server ();
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (PrlHttpRequest) request = get_request (paths[i]);
      g_autoptr (GError) error = NULL;

      prl_http_request_set_max_response_size (request, MIB);
      error = expect_error (client, request, NULL, PRL_HTTP_ERROR,
                            PRL_HTTP_ERROR_RESPONSE_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "MB Parlance accepts"));
      g_assert_cmpuint (hit_count (paths[i]), ==, 1);
    }
}

static void
test_deadline (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/hang");
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  reset_server ();
  prl_http_client_set_max_attempts (client, 10);
  prl_http_request_set_timeout (request, 300);
  prl_http_request_set_deadline (request, 1000);
  error = expect_error (client, request, NULL, PRL_HTTP_ERROR, PRL_HTTP_ERROR_DEADLINE);
  /* The first attempt timed out, and was retried until the deadline cut
   * the next ones off (or left no time for another). */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (hit_count ("/hang"), >=, 2);
}

static void
cancel_cb (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel_during_backoff (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = get_request ("/storm-retry-after");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  reset_server ();
  g_timeout_add_once (300, cancel_cb, cancellable);
  error = expect_error (client, request, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hit_count ("/storm-retry-after"), ==, 1);
  /* The server asked for 60 s; the cancel ended the wait. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

static void
test_network_unreachable (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (GError) error = NULL;

  /* Port 1 on loopback: nothing listens, the connection is refused. */
  request = prl_http_request_new ("GET", "http://127.0.0.1:1/x", &error);
  g_assert_no_error (error);
  prl_http_client_set_max_attempts (client, 2);
  error = expect_error (client, request, NULL, PRL_HTTP_ERROR, PRL_HTTP_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "online"));
  g_assert_nonnull (strstr (error->message, "2 times"));
}

static void
test_json_body (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autofree char *address = url ("/echo");
  g_autoptr (PrlHttpRequest) request = prl_http_request_new ("post", address, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) sent = NULL;
  g_autoptr (JsonNode) received = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "LanguageModelName");
  json_builder_add_string_value (builder, "médecine");
  json_builder_end_object (builder);
  sent = json_builder_get_root (builder);
  prl_http_request_set_body_json (request, sent, "application/x-amz-json-1.1");
  g_assert_cmpstr (prl_http_request_get_method (request), ==, "POST");
  g_assert_cmpuint (strlen (prl_http_request_get_payload_hash (request)), ==, 64);

  response = send_and_wait (client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_http_response_get_header (response, "Content-Type"), ==,
                   "application/x-amz-json-1.1");
  received = prl_http_response_get_json (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (received),
                                                  "LanguageModelName"),
                   ==, "médecine");

  /* An HTML page where JSON was expected is a clear error. */
  {
    g_autoptr (PrlHttpRequest) html = get_request ("/nothing-here");
    g_autoptr (PrlHttpResponse) not_json = send_and_wait (client, html, NULL, &error);
    g_autoptr (JsonNode) none = NULL;

    g_assert_no_error (error);
    none = prl_http_response_get_json (not_json, &error);
    g_assert_null (none);
    g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE);
    g_assert_nonnull (strstr (error->message, "404"));
  }
}

static void
test_xml_reader (void)
{
  const char *list
      = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
        "  <Name>bucket</Name>\n  <IsTruncated>true</IsTruncated>\n"
        "  "
        "<Contents><Key>blobs/ab</Key><ETag>&quot;9b2c&quot;</ETag><Size>12</Size></"
        "Contents>\n"
        "  <Contents><Key>blobs/cd</Key><Size>7</Size></Contents>\n"
        "  <NextContinuationToken>tok</NextContinuationToken>\n"
        "</ListBucketResult>";
  g_autoptr (PrlXmlNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) deep = g_string_new (NULL);
  PrlXmlNode *contents;
  guint       n_contents = 0;

  root = prl_xml_parse (list, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_xml_node_get_name (root), ==, "ListBucketResult");
  g_assert_cmpstr (prl_xml_node_get_child_text (root, "IsTruncated"), ==, "true");
  g_assert_cmpstr (prl_xml_node_get_child_text (root, "NextContinuationToken"), ==,
                   "tok");
  for (guint i = 0; i < prl_xml_node_get_n_children (root); i++)
    if (g_str_equal (prl_xml_node_get_name (prl_xml_node_get_nth_child (root, i)),
                     "Contents"))
      n_contents++;
  g_assert_cmpuint (n_contents, ==, 2);
  contents = prl_xml_node_get_child (root, "Contents");
  g_assert_cmpstr (prl_xml_node_get_child_text (contents, "ETag"), ==, "\"9b2c\"");
  g_assert_cmpstr (prl_xml_node_get_text (root), ==, "");

  /* Not XML, nesting bombs and entity tricks are refused. */
  g_assert_null (prl_xml_parse ("<html><body>Hi", -1, &error));
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "<a>");
  g_assert_null (prl_xml_parse (deep->str, deep->len, &error));
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_null (
      prl_xml_parse ("<!DOCTYPE a [<!ENTITY x \"yy\">]><a>&x;</a>", -1, &error));
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE);
}

static void
test_redact_uri (void)
{
  g_autoptr (GUri) uri = g_uri_parse (
      "https://user:pw@bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
      "&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1&X-Amz-Signature=abc123"
      "&X-Amz-Security-Token=SESSIONSECRET&uploadId=42",
      SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *redacted = prl_http_redact_uri (uri);

  g_assert_cmpstr (redacted, ==,
                   "https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                   "&X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED"
                   "&X-Amz-Security-Token=REDACTED&uploadId=42");
}

static GMutex   log_lock;
static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  if (g_strcmp0 (domain, "prl-http") == 0 && (level & G_LOG_LEVEL_DEBUG))
    {
      g_mutex_lock (&log_lock);
      if (captured_log != NULL)
        g_string_append_printf (captured_log, "%s\n", message);
      g_mutex_unlock (&log_lock);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_debug_log_has_no_secrets (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autofree char *address = url ("/503-then-ok?X-Amz-Signature=SIGSECRET"
                                  "&X-Amz-Credential=AKIDSECRET%2Fscope&list-type=2");
  g_autoptr (PrlHttpRequest) request = prl_http_request_new ("GET", address, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;

  reset_server ();
  prl_http_request_set_header (request, "Authorization",
                               "AWS4-HMAC-SHA256 Signature=AUTHSECRET");
  prl_http_request_set_header (request, "X-Amz-Security-Token", "TOKENSECRET");
  prl_http_request_set_header (request, "Cookie", "session=COOKIESECRET");
  prl_http_request_set_body_bytes (request, g_bytes_new_static ("BODYSECRET", 10),
                                   "text/plain");

  g_mutex_lock (&log_lock);
  captured_log = g_string_new (NULL);
  g_mutex_unlock (&log_lock);
  response = send_and_wait (client, request, NULL, &error);
  g_mutex_lock (&log_lock);
  log = g_string_free (g_steal_pointer (&captured_log), FALSE);
  g_mutex_unlock (&log_lock);

  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (response), ==, 200);
  g_test_message ("captured log:\n%s", log);
  g_assert_nonnull (strstr (log, "GET http://127.0.0.1:"));
  g_assert_nonnull (strstr (log, "/503-then-ok?X-Amz-Signature=REDACTED"));
  g_assert_nonnull (strstr (log, "list-type=2"));
  g_assert_nonnull (strstr (log, "503 Service Unavailable"));
  g_assert_nonnull (strstr (log, "200 OK"));
  g_assert_nonnull (strstr (log, "attempt 3"));
  g_assert_nonnull (strstr (log, " ms"));
  for (guint i = 0; i < 6; i++)
    {
      const char *secrets[] = { "SIGSECRET",   "AKIDSECRET",   "AUTHSECRET",
                                "TOKENSECRET", "COOKIESECRET", "BODYSECRET" };

      g_assert_null (strstr (log, secrets[i]));
    }
}

static void
test_streamed_upload_and_download (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autofree char *upload_url = url ("/upload-flaky");
  g_autoptr (PrlHttpRequest) upload = prl_http_request_new ("PUT", upload_url, NULL);
  g_autoptr (PrlHttpRequest) download = get_request ("/download");
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prl-http-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "download.bin", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = pattern_sha256 (64 * MIB);
  g_autoptr (GMappedFile) mapped = NULL;
  guint64     size = 64 * MIB;
  gint64      hwm_before, hwm_after;
  JsonObject *object;

  reset_server ();
  hwm_before = vm_hwm_kib ();

  /* 64 MiB from a generated stream, sent twice: the server fails the first
   * try after reading it all, so the body is opened again. */
  pattern_opens = 0;
  prl_http_request_set_body_func (upload, open_pattern, &size, NULL, size,
                                  "application/octet-stream");
  prl_http_request_set_payload_hash (upload, "UNSIGNED-PAYLOAD");
  response = expect_status (client, upload, 200);
  g_assert_cmpuint (pattern_opens, ==, 2);
  answer = prl_http_response_get_json (response, &error);
  g_assert_no_error (error);
  object = json_node_get_object (answer);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, size);
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, expected);
  g_clear_object (&response);

  /* 64 MiB streamed into a file. */
  prl_http_request_set_response_file (download, file);
  response = expect_status (client, download, 200);
  g_assert_null (prl_http_response_get_body (response));
  g_assert_cmpuint (prl_http_response_get_body_size (response), ==, size);

  hwm_after = vm_hwm_kib ();
  g_test_message ("VmHWM before %" G_GINT64_FORMAT " KiB, after %" G_GINT64_FORMAT " KiB",
                  hwm_before, hwm_after);
  /* ASan's quarantine keeps freed buffers resident: only the transfers
   * are checked there. */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpint (hwm_after - hwm_before, <, 32 * 1024);
#endif

  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GBytes) bytes = g_mapped_file_get_bytes (mapped);
    g_autofree char *got = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

    g_assert_cmpuint (g_bytes_get_size (bytes), ==, size);
    g_assert_cmpstr (got, ==, expected);
  }
  g_clear_pointer (&mapped, g_mapped_file_unref);
  g_assert_true (g_file_delete (file, NULL, NULL));
  g_rmdir (dir);
}

static void
test_file_range_upload (void)
{
  g_autoptr (PrlHttpClient) client = fast_client ();
  g_autofree char *upload_url = url ("/upload");
  g_autoptr (PrlHttpRequest) request = prl_http_request_new ("PUT", upload_url, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("prl-http-XXXXXX", NULL);
  g_autofree char   *path = g_build_filename (dir, "data.bin", NULL);
  g_autofree guint8 *data = g_malloc (3 * MIB);
  g_autofree char   *expected = NULL;

  fill_pattern (data, 0, 3 * MIB);
  g_assert_true (g_file_set_contents (path, (char *)data, 3 * MIB, NULL));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data + MIB, MIB);

  reset_server ();
  prl_http_request_set_body_file (request, path, MIB, MIB, NULL);
  response = send_and_wait (client, request, NULL, &error);
  g_assert_no_error (error);
  answer = prl_http_response_get_json (response, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "size"), ==,
                   MIB);
  g_assert_cmpstr (
      json_object_get_string_member (json_node_get_object (answer), "sha256"), ==,
      expected);
  g_clear_object (&response);

  /* A part beyond the end of the file (it shrank) is refused before sending. */
  g_clear_object (&request);
  request = prl_http_request_new ("PUT", upload_url, NULL);
  prl_http_request_set_body_file (request, path, 2 * MIB, 2 * MIB, NULL);
  error = expect_error (client, request, NULL, PRL_HTTP_ERROR,
                        PRL_HTTP_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "shorter"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prl-http-tls-XXXXXX", NULL);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  const char      *argv[]
      = { "openssl",  "req",           "-x509",   "-newkey",
          "rsa:2048", "-nodes",        "-keyout", key_path,
          "-out",     cert_path,       "-days",   "2",
          "-subj",    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
          NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (SoupServer) tls_server = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autofree char *address = NULL;
  int              status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                                   | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (tls_server, NULL, server_cb, NULL, NULL);
  {
    g_autoptr (GInetAddress) loopback
        = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (loopback, 0);

    g_assert_true (soup_server_listen (tls_server, socket_address,
                                       SOUP_SERVER_LISTEN_HTTPS, &error));
    g_assert_no_error (error);
  }
  uris = soup_server_get_uris (tls_server);
  {
    g_autofree char *root = g_uri_to_string (uris->data);

    address = g_strconcat (root, "ok", NULL);
  }
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  g_assert_true (g_str_has_prefix (address, "https://127.0.0.1:"));

  /* By default the self-signed certificate is refused, and not retried. */
  reset_server ();
  {
    g_autoptr (PrlHttpClient) client = fast_client ();
    g_autoptr (PrlHttpRequest) request = prl_http_request_new ("GET", address, NULL);
    g_autoptr (GError) refused = NULL;

    refused = expect_error (client, request, NULL, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TLS);
    g_assert_nonnull (strstr (refused->message, "authority"));
    g_assert_cmpuint (hit_count ("/ok"), ==, 0);
  }

  /* With its CA added, the same server is accepted. */
  {
    g_autoptr (PrlHttpClient) client = fast_client ();
    g_autoptr (PrlHttpRequest) request = prl_http_request_new ("GET", address, NULL);
    g_autoptr (PrlHttpResponse) response = NULL;

    g_assert_false (prl_http_client_add_ca_file (client, "/nonexistent/ca.pem", &error));
    g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TLS);
    g_clear_error (&error);
    g_assert_true (prl_http_client_add_ca_file (client, cert_path, &error));
    g_assert_no_error (error);
    response = expect_status (client, request, 200);
    g_assert_cmpuint (hit_count ("/ok"), ==, 1);
  }

  soup_server_disconnect (tls_server);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  GSList *uris;
  int     status;

  /* The loopback server must be reached directly. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_setenv ("G_MESSAGES_DEBUG", "prl-http", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hit_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  auth_seen = g_ptr_array_new_with_free_func (g_free);
  server = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (server, NULL, early_handler, NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_uri_to_string (uris->data);
  if (g_str_has_suffix (base_url, "/"))
    base_url[strlen (base_url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* First, while the process's peak memory is still low. */
  g_test_add_func ("/cloud/http/streamed-upload-and-download",
                   test_streamed_upload_and_download);
  g_test_add_func ("/cloud/http/session-setup", test_session_setup);
  g_test_add_func ("/cloud/http/bad-url", test_bad_url);
  g_test_add_func ("/cloud/http/retry-503-then-ok", test_retry_503_then_ok);
  g_test_add_func ("/cloud/http/retry-after", test_retry_after);
  g_test_add_func ("/cloud/http/throttling-codes", test_throttling_codes);
  g_test_add_func ("/cloud/http/signer-clock-skew", test_signer_clock_skew);
  g_test_add_func ("/cloud/http/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/cloud/http/5xx-storm", test_5xx_storm);
  g_test_add_func ("/cloud/http/dropped-connection", test_dropped_connection_retried);
  g_test_add_func ("/cloud/http/retry-rewinds-sink", test_retry_rewinds_sink_stream);
  g_test_add_func ("/cloud/http/truncated-body", test_truncated_body);
  g_test_add_func ("/cloud/http/enormous-body", test_enormous_body);
  g_test_add_func ("/cloud/http/deadline", test_deadline);
  g_test_add_func ("/cloud/http/cancel-during-backoff", test_cancel_during_backoff);
  g_test_add_func ("/cloud/http/network-unreachable", test_network_unreachable);
  g_test_add_func ("/cloud/http/json-body", test_json_body);
  g_test_add_func ("/cloud/http/xml-reader", test_xml_reader);
  g_test_add_func ("/cloud/http/redact-uri", test_redact_uri);
  g_test_add_func ("/cloud/http/debug-log", test_debug_log_has_no_secrets);
  g_test_add_func ("/cloud/http/file-range-upload", test_file_range_upload);
  g_test_add_func ("/cloud/http/tls", test_tls);

  status = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  g_free (base_url);
  g_free (user_agent_seen);
  g_hash_table_unref (hits);
  g_array_unref (hit_times);
  g_ptr_array_unref (auth_seen);
  return status;
}
