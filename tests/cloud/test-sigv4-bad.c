/* test-sigv4-bad.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prl-sigv4.h"

/* The signer's canonical forms beyond what AWS's suite covers, and bad
 * input: each must be a GError with a message, never a crash. */

static const PrlSigV4Credentials good_creds
    = { "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", NULL };

static PrlSigV4Request *
good_request (void)
{
  PrlSigV4Request *req = prl_sigv4_request_new ("GET", "/", "a=1");

  prl_sigv4_request_add_header (req, "Host", "example.amazonaws.com");
  return req;
}

static void
assert_sign_fails (PrlSigV4Request     *req,
                   PrlSigV4Credentials *creds,
                   const char          *region,
                   int                  code)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  PrlSigV4Context context = { creds, region, "service", time, PRL_SIGV4_FLAGS_NONE };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlSigV4Signature) header_sig = prl_sigv4_sign (req, &context, &error);
  g_autoptr (PrlSigV4Signature) query_sig = NULL;

  g_assert_null (header_sig);
  g_assert_error (error, PRL_SIGV4_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 20);
  /* Messages quote user text; bad bytes must not make them invalid. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);
  query_sig = prl_sigv4_presign (req, &context, 60, &error);
  g_assert_null (query_sig);
  g_assert_error (error, PRL_SIGV4_ERROR, code);
}

static void
test_bad_credentials (void)
{
  const char *secrets[] = { "", NULL };
  const char *keys[] = { "", "AKID/EXAMPLE", "AKID EXAMPLE", "AKIDÉ" };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      PrlSigV4Credentials creds = { "AKIDEXAMPLE", secrets[i], NULL };
      g_autoptr (PrlSigV4Request) req = good_request ();

      assert_sign_fails (req, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_CREDENTIALS);
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      PrlSigV4Credentials creds = { keys[i], "secret", NULL };
      g_autoptr (PrlSigV4Request) req = good_request ();

      assert_sign_fails (req, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_CREDENTIALS);
    }
  {
    PrlSigV4Credentials creds = { "AKIDEXAMPLE", "secret", "token\r\nX-Evil: 1" };
    g_autoptr (PrlSigV4Request) req = good_request ();

    assert_sign_fails (req, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_CREDENTIALS);
  }
  {
    g_autoptr (PrlSigV4Request) req = good_request ();
    PrlSigV4Credentials creds = good_creds;

    assert_sign_fails (req, &creds, "", PRL_SIGV4_ERROR_INVALID_REQUEST);
    assert_sign_fails (req, &creds, "us east/1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    assert_sign_fails (req, &creds, "us-\377", PRL_SIGV4_ERROR_INVALID_REQUEST);
  }
}

static void
test_bad_requests (void)
{
  PrlSigV4Credentials creds = good_creds;
  const char *bad_names[] = { "Héader", "My Header", "", "Bad:Name", "X\001", "D\377" };
  const char *bad_values[] = { "a\r\nX-Evil: 1", "a\nb", "a\001b", "a\r" };
  const char *bad_hashes[]
      = { "ABC", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
          "UNSIGNED PAYLOAD", "", "\377" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr (PrlSigV4Request) req = good_request ();

      prl_sigv4_request_add_header (req, bad_names[i], "value");
      assert_sign_fails (req, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autoptr (PrlSigV4Request) req = good_request ();

      prl_sigv4_request_add_header (req, "My-Header", bad_values[i]);
      assert_sign_fails (req, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_hashes); i++)
    {
      g_autoptr (PrlSigV4Request) req = good_request ();

      prl_sigv4_request_set_payload_hash (req, bad_hashes[i]);
      assert_sign_fails (req, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    }
  {
    /* No Host, or an empty one. */
    g_autoptr (PrlSigV4Request) no_host = prl_sigv4_request_new ("GET", "/", NULL);
    g_autoptr (PrlSigV4Request) empty_host = prl_sigv4_request_new ("GET", "/", NULL);

    prl_sigv4_request_add_header (no_host, "X-Amz-Target", "a");
    assert_sign_fails (no_host, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    prl_sigv4_request_add_header (empty_host, "Host", "  ");
    prl_sigv4_request_add_header (empty_host, "Host", "");
    assert_sign_fails (empty_host, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
  }
  {
    g_autoptr (PrlSigV4Request) relative = prl_sigv4_request_new ("GET", "a/b", NULL);
    g_autoptr (PrlSigV4Request) method = prl_sigv4_request_new ("GE T", "/", NULL);
    g_autoptr (PrlSigV4Request) control = prl_sigv4_request_new ("GET", "/a\nb", NULL);

    prl_sigv4_request_add_header (relative, "Host", "h");
    prl_sigv4_request_add_header (method, "Host", "h");
    prl_sigv4_request_add_header (control, "Host", "h");
    assert_sign_fails (relative, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    assert_sign_fails (method, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
    assert_sign_fails (control, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
  }
  {
    g_autoptr (PrlSigV4Request) bad_utf8 = prl_sigv4_request_new ("G\377T", "/", NULL);

    prl_sigv4_request_add_header (bad_utf8, "Host", "h");
    assert_sign_fails (bad_utf8, &creds, "us-east-1", PRL_SIGV4_ERROR_INVALID_REQUEST);
  }
}

static void
test_bad_expires (void)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  PrlSigV4Context context = { &good_creds, "us-east-1", "service", time, 0 };
  g_autoptr (PrlSigV4Request) req = good_request ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlSigV4Signature) zero = prl_sigv4_presign (req, &context, 0, &error);
  g_autoptr (PrlSigV4Signature) too_long = NULL;
  g_autoptr (PrlSigV4Signature) longest = NULL;

  g_assert_null (zero);
  g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  too_long = prl_sigv4_presign (req, &context, PRL_SIGV4_MAX_EXPIRES + 1, &error);
  g_assert_null (too_long);
  g_assert_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  longest = prl_sigv4_presign (req, &context, PRL_SIGV4_MAX_EXPIRES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (longest->query, "X-Amz-Expires=604800"));
  g_assert_true (g_str_has_prefix (longest->query, "a=1&X-Amz-Algorithm="));
}

/* The canonical forms outside what the suite covers. */
static char *
canonical_line (const char *path, const char *query, PrlSigV4Flags flags, guint line)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  PrlSigV4Context context = { &good_creds, "us-east-1", "service", time, flags };
  g_autoptr (PrlSigV4Request) req = prl_sigv4_request_new ("GET", path, query);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlSigV4Signature) sig = NULL;
  g_auto (GStrv) lines = NULL;

  prl_sigv4_request_add_header (req, "Host", "h");
  sig = prl_sigv4_sign (req, &context, &error);
  g_assert_no_error (error);
  lines = g_strsplit (sig->canonical_request, "\n", -1);
  return g_strdup (lines[line]);
}

static void
test_canonical_forms (void)
{
  struct
  {
    const char   *path;
    const char   *query;
    PrlSigV4Flags flags;
    const char   *want_path;
    const char   *want_query;
  } cases[] = {
    /* Other services encode a wire path's escapes again; S3 keeps them. */
    { "/a%20b", NULL, 0, "/a%2520b", "" },
    { "/a%2fb c%zz/", NULL, PRL_SIGV4_S3, "/a%2Fb%20c%25zz/", "" },
    { "/test$file.text", NULL, PRL_SIGV4_S3, "/test%24file.text", "" },
    { "/a/./b/../c//", NULL, 0, "/a/c/", "" },
    { "/a/./b/../c//", NULL, PRL_SIGV4_S3, "/a/./b/../c//", "" },
    { "/..", NULL, 0, "/", "" },
    { "/", "b=2&a=1&a=0&c", 0, "/", "a=0&a=1&b=2&c=" },
    { "/", "%zz=1&x=a+b&k=%00&&", 0, "/", "%25zz=1&k=%00&x=a%2Bb" },
    { "/", "uploads", PRL_SIGV4_S3, "/", "uploads=" },
    { "/", "k=%7e%41", 0, "/", "k=~A" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path
          = canonical_line (cases[i].path, cases[i].query, cases[i].flags, 1);
      g_autofree char *query
          = canonical_line (cases[i].path, cases[i].query, cases[i].flags, 2);

      g_assert_cmpstr (path, ==, cases[i].want_path);
      g_assert_cmpstr (query, ==, cases[i].want_query);
    }
}

static void
test_uri_encode (void)
{
  g_autofree char *with_slash = prl_sigv4_uri_encode ("dir/a b+ሴ~_.-!*'()", TRUE);
  g_autofree char *without = prl_sigv4_uri_encode ("a/b=c&d%", FALSE);

  g_assert_cmpstr (with_slash, ==, "dir/a%20b%2B%E1%88%B4~_.-%21%2A%27%28%29");
  g_assert_cmpstr (without, ==, "a%2Fb%3Dc%26d%25");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sigv4/bad/credentials", test_bad_credentials);
  g_test_add_func ("/sigv4/bad/requests", test_bad_requests);
  g_test_add_func ("/sigv4/bad/expires", test_bad_expires);
  g_test_add_func ("/sigv4/canonical-forms", test_canonical_forms);
  g_test_add_func ("/sigv4/uri-encode", test_uri_encode);

  return g_test_run ();
}
