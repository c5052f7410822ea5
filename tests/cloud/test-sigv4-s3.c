/* test-sigv4-s3.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prl-sigv4.h"

/* S3's known answers (AWS's S3 API reference, reproduced with botocore:
 * see cloud-apis.md §2), S3's signed chunked upload, and the clock-skew
 * helpers. */

static const PrlSigV4Credentials s3_creds
    = { "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", NULL };

#define BUCKET_HOST "examplebucket.s3.amazonaws.com"

static PrlSigV4Signature *
sign_s3 (PrlSigV4Request *req)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2013, 5, 24, 0, 0, 0);
  PrlSigV4Context context = { &s3_creds, "us-east-1", "s3", time, PRL_SIGV4_S3 };
  g_autoptr (GError) error = NULL;
  PrlSigV4Signature *sig = prl_sigv4_sign (req, &context, &error);

  g_assert_no_error (error);
  return sig;
}

static void
assert_signed_headers (const PrlSigV4Signature *sig, const char *names)
{
  g_autofree char *part = g_strdup_printf ("SignedHeaders=%s, ", names);

  g_assert_nonnull (strstr (prl_sigv4_signature_get_header (sig, "Authorization"), part));
}

static void
test_get_object (void)
{
  g_autoptr (PrlSigV4Request) req = prl_sigv4_request_new ("GET", "/test.txt", NULL);
  g_autoptr (PrlSigV4Signature) sig = NULL;

  prl_sigv4_request_add_header (req, "Host", BUCKET_HOST);
  prl_sigv4_request_add_header (req, "Range", "bytes=0-9");
  sig = sign_s3 (req);
  g_assert_cmpstr (sig->signature, ==,
                   "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  assert_signed_headers (sig, "host;range;x-amz-content-sha256;x-amz-date");
  g_assert_cmpstr (prl_sigv4_signature_get_header (sig, "x-amz-content-sha256"), ==,
                   PRL_SIGV4_EMPTY_SHA256);
}

static void
test_put_object (void)
{
  static const char body[] = "Welcome to Amazon S3.";
  g_autofree char  *key_path = NULL;
  g_autofree char  *key = prl_sigv4_uri_encode ("test$file.text", TRUE);
  g_autoptr (PrlSigV4Request) req = NULL;
  g_autoptr (PrlSigV4Signature) sig = NULL;

  /* The key is encoded once, and the signer does not encode it again. */
  key_path = g_strconcat ("/", key, NULL);
  g_assert_cmpstr (key_path, ==, "/test%24file.text");
  req = prl_sigv4_request_new ("PUT", key_path, NULL);
  prl_sigv4_request_add_header (req, "Host", BUCKET_HOST);
  prl_sigv4_request_add_header (req, "Date", "Fri, 24 May 2013 00:00:00 GMT");
  prl_sigv4_request_add_header (req, "x-amz-storage-class", "REDUCED_REDUNDANCY");
  prl_sigv4_request_set_payload (req, body, strlen (body));
  sig = sign_s3 (req);
  g_assert_cmpstr (sig->signature, ==,
                   "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  assert_signed_headers (sig,
                         "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  g_assert_cmpstr (prl_sigv4_signature_get_header (sig, "X-Amz-Content-SHA256"), ==,
                   "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
}

static void
test_bucket_queries (void)
{
  struct
  {
    const char *query;
    const char *signature;
  } cases[] = {
    { "lifecycle", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543" },
    { "max-keys=2&prefix=J",
      "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PrlSigV4Request) req
          = prl_sigv4_request_new ("GET", "/", cases[i].query);
      g_autoptr (PrlSigV4Signature) sig = NULL;

      prl_sigv4_request_add_header (req, "Host", BUCKET_HOST);
      sig = sign_s3 (req);
      g_assert_cmpstr (sig->signature, ==, cases[i].signature);
      assert_signed_headers (sig, "host;x-amz-content-sha256;x-amz-date");
    }
}

static void
test_unsigned_payload (void)
{
  g_autoptr (PrlSigV4Request) req = prl_sigv4_request_new ("PUT", "/dir/a%20b.txt", NULL);
  g_autoptr (PrlSigV4Signature) sig = NULL;

  prl_sigv4_request_add_header (req, "Host", BUCKET_HOST);
  prl_sigv4_request_add_header (req, "Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
  prl_sigv4_request_set_payload_hash (req, PRL_SIGV4_UNSIGNED_PAYLOAD);
  sig = sign_s3 (req);
  /* The literal is both the header and the canonical request's last line. */
  g_assert_true (g_str_has_suffix (sig->canonical_request,
                                   "\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"
                                   "x-amz-date:20130524T000000Z\n\n"
                                   "content-md5;host;x-amz-content-sha256;x-amz-date\n"
                                   "UNSIGNED-PAYLOAD"));
  g_assert_cmpstr (prl_sigv4_signature_get_header (sig, "X-Amz-Content-SHA256"), ==,
                   PRL_SIGV4_UNSIGNED_PAYLOAD);
  /* botocore 1.29 S3SigV4Auth, payload signing disabled over HTTPS. */
  g_assert_cmpstr (sig->signature, ==,
                   "6f448ecd28b77f2540dee3a57e0e1c03aeaefc8220288ac1a8dffc86634e0fc3");
}

static void
test_presigned_url (void)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2013, 5, 24, 0, 0, 0);
  PrlSigV4Context context = { &s3_creds, "us-east-1", "s3", time, PRL_SIGV4_S3 };
  g_autoptr (PrlSigV4Request) req = prl_sigv4_request_new ("GET", "/test.txt", NULL);
  g_autoptr (PrlSigV4Signature) sig = NULL;
  g_autoptr (GError) error = NULL;

  /* AWS's published presigned-URL example: UNSIGNED-PAYLOAD, no
   * x-amz-content-sha256 header. */
  prl_sigv4_request_add_header (req, "Host", BUCKET_HOST);
  sig = prl_sigv4_presign (req, &context, 86400, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (sig->canonical_request, "\nhost\nUNSIGNED-PAYLOAD"));
  g_assert_cmpstr (sig->signature, ==,
                   "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  g_assert_cmpstr (
      sig->query, ==,
      "X-Amz-Algorithm=AWS4-HMAC-SHA256"
      "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
      "&X-Amz-Signature="
      "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  g_assert_cmpuint (sig->headers->len, ==, 0);
}

static void
test_session_token (void)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2013, 5, 24, 0, 0, 0);
  PrlSigV4Credentials creds = s3_creds;
  PrlSigV4Context     context = { &creds, "us-east-1", "s3", time, PRL_SIGV4_S3 };
  g_autoptr (PrlSigV4Request) req = prl_sigv4_request_new ("GET", "/test.txt", NULL);
  g_autoptr (PrlSigV4Signature) sig = NULL;
  g_autoptr (GError) error = NULL;

  creds.session_token = "FwoGZXIvYXdzEXAMPLE//token+/=";
  prl_sigv4_request_add_header (req, "Host", BUCKET_HOST);
  /* A stale token and date from an earlier attempt are replaced. */
  prl_sigv4_request_add_header (req, "X-Amz-Security-Token", "old");
  prl_sigv4_request_add_header (req, "X-Amz-Date", "20000101T000000Z");
  sig = prl_sigv4_sign (req, &context, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_sigv4_signature_get_header (sig, "X-Amz-Security-Token"), ==,
                   creds.session_token);
  g_assert_nonnull (strstr (sig->canonical_request,
                            "\nx-amz-date:20130524T000000Z\n"
                            "x-amz-security-token:FwoGZXIvYXdzEXAMPLE//token+/=\n\n"));
  assert_signed_headers (sig,
                         "host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
}

/* AWS's published chunked upload: 66,560 bytes of "a" in chunks of 64 KiB
 * and 1 KiB, then the empty chunk. */
static void
test_chunked_upload (void)
{
  static const char *const chunk_signatures[] = {
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
  };
  const gsize sizes[] = { 65536, 1024, 0 };
  g_autoptr (GDateTime) time = g_date_time_new_utc (2013, 5, 24, 0, 0, 0);
  PrlSigV4Context context = { &s3_creds, "us-east-1", "s3", time, PRL_SIGV4_S3 };
  g_autoptr (PrlSigV4Request) req
      = prl_sigv4_request_new ("PUT", "/examplebucket/chunkObject.txt", NULL);
  g_autoptr (PrlSigV4Signature) seed = NULL;
  g_autoptr (PrlSigV4ChunkSigner) chunks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = g_malloc (65536);
  g_autofree char *length = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  char *after_end;

  g_assert_cmpuint (prl_sigv4_chunked_length (66560, 65536), ==, 66824);
  length
      = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_sigv4_chunked_length (66560, 65536));
  memset (data, 'a', 65536);
  prl_sigv4_request_add_header (req, "Host", "s3.amazonaws.com");
  prl_sigv4_request_add_header (req, "x-amz-storage-class", "REDUCED_REDUNDANCY");
  prl_sigv4_request_add_header (req, "Content-Encoding", "aws-chunked");
  prl_sigv4_request_add_header (req, "x-amz-decoded-content-length", "66560");
  prl_sigv4_request_add_header (req, "Content-Length", length);
  prl_sigv4_request_set_payload_hash (req, PRL_SIGV4_STREAMING_PAYLOAD);
  seed = prl_sigv4_sign (req, &context, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seed->signature, ==,
                   "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
  assert_signed_headers (seed,
                         "content-encoding;content-length;host;x-amz-content-sha256;"
                         "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class");

  chunks = prl_sigv4_chunk_signer_new (&context, seed->signature, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *line
          = prl_sigv4_chunk_signer_sign (chunks, data, sizes[i], &error);
      g_autofree char *want = g_strdup_printf (
          "%" G_GSIZE_MODIFIER "x;chunk-signature=%s\r\n", sizes[i], chunk_signatures[i]);

      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, want);
      g_assert_cmpstr (prl_sigv4_chunk_signer_get_signature (chunks), ==,
                       chunk_signatures[i]);
      g_string_append (body, line);
      g_string_append_len (body, data, sizes[i]);
      g_string_append (body, "\r\n");
    }
  /* The frames add up to the Content-Length that was signed. */
  g_assert_cmpuint (body->len, ==, 66824);
  g_assert_true (g_str_has_suffix (body->str, "\r\n\r\n"));

  after_end = prl_sigv4_chunk_signer_sign (chunks, "x", 1, &error);
  g_assert_null (after_end);
  g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST);
}

static void
test_chunk_bad_seed (void)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2013, 5, 24, 0, 0, 0);
  PrlSigV4Context     context = { &s3_creds, "us-east-1", "s3", time, PRL_SIGV4_S3 };
  PrlSigV4Credentials empty = { "AKIAIOSFODNN7EXAMPLE", "", NULL };
  PrlSigV4Context     no_secret = { &empty, "us-east-1", "s3", time, PRL_SIGV4_S3 };
  const char         *seeds[]
      = { NULL, "", "abc",
          "4F232C4386841EF735655705268965C44A0E4690BAA4ADEA153F7DB9FA80A0A9" };
  g_autoptr (GError) error = NULL;
  PrlSigV4ChunkSigner *signer;

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      signer = prl_sigv4_chunk_signer_new (&context, seeds[i], &error);
      g_assert_null (signer);
      g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST);
      g_clear_error (&error);
    }
  signer = prl_sigv4_chunk_signer_new (
      &no_secret, "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
      &error);
  g_assert_null (signer);
  g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_CREDENTIALS);
}

static void
test_http_date (void)
{
  const char *same[]
      = { "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
          "Sun Nov  6 08:49:37 1994", "  Sun, 06 Nov 1994 08:49:37 GMT\r\n" };
  const char *bad[] = { "",
                        "yesterday",
                        "Sun, 06 Nov 1994 08:49:37",
                        "Sun, 06 Nov 1994 08:49:37 PST",
                        "Sun, 31 Feb 1994 08:49:37 GMT",
                        "Sun, 06 Foo 1994 08:49:37 GMT",
                        "Sun, 06 Nov 1994 25:49:37 GMT",
                        "Sun, 06 Nov 1994 08:49:37 GMT trailing",
                        "Sun, -6 Nov 1994 08:49:37 GMT",
                        "Xyz, 06 Nov 1994 08:49:37 GMT",
                        "2015-08-30T12:36:00Z",
                        "Sun, 06 Nov 1994 08:49:37 GMT\377",
                        NULL };
  g_autoptr (GDateTime) want = g_date_time_new_utc (1994, 11, 6, 8, 49, 37);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr (GDateTime) parsed = prl_sigv4_parse_http_date (same[i], &error);

      g_assert_no_error (error);
      g_assert_true (g_date_time_equal (parsed, want));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GDateTime) parsed = prl_sigv4_parse_http_date (bad[i], &error);

      g_assert_null (parsed);
      g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_DATE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
}

static void
test_clock_offset (void)
{
  g_autoptr (GDateTime) local = g_date_time_new_utc (2026, 12, 7, 1, 0, 0);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) corrected = NULL;
  g_autoptr (GError) error = NULL;
  gint64 offset = 0;

  /* The server is 20 minutes ahead: more than S3's 15-minute window. */
  g_assert_true (
      prl_sigv4_clock_offset ("Mon, 07 Dec 2026 01:20:00 GMT", local, &offset, &error));
  g_assert_no_error (error);
  g_assert_cmpint (offset, ==, 20 * 60);
  g_assert_true (
      prl_sigv4_clock_offset ("Mon, 07 Dec 2026 00:59:30 GMT", local, &offset, &error));
  g_assert_cmpint (offset, ==, -30);

  g_assert_false (prl_sigv4_clock_offset ("soon", local, &offset, &error));
  g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_DATE);
  g_assert_cmpint (offset, ==, -30);

  now = g_date_time_new_now_utc ();
  corrected = prl_sigv4_now (3600);
  g_assert_cmpint (g_date_time_difference (corrected, now) / G_TIME_SPAN_SECOND, >=,
                   3599);
  g_assert_cmpint (g_date_time_difference (corrected, now) / G_TIME_SPAN_SECOND, <=,
                   3601);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sigv4/s3/get-object", test_get_object);
  g_test_add_func ("/sigv4/s3/put-object", test_put_object);
  g_test_add_func ("/sigv4/s3/bucket-queries", test_bucket_queries);
  g_test_add_func ("/sigv4/s3/unsigned-payload", test_unsigned_payload);
  g_test_add_func ("/sigv4/s3/presigned-url", test_presigned_url);
  g_test_add_func ("/sigv4/s3/session-token", test_session_token);
  g_test_add_func ("/sigv4/s3/chunked-upload", test_chunked_upload);
  g_test_add_func ("/sigv4/s3/chunk-bad-seed", test_chunk_bad_seed);
  g_test_add_func ("/sigv4/clock/http-date", test_http_date);
  g_test_add_func ("/sigv4/clock/offset", test_clock_offset);

  return g_test_run ();
}
