/* test-sigv4.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "prl-sigv4.h"

/* Every case of AWS's SigV4 conformance suite (tests/conformance/sigv4,
 * read from its files: see its README), signed both ways: Authorization
 * header and presigned query. */

#define SUITE_CASES 38

typedef struct
{
  char      *method;
  char      *path;
  char      *query; /* (nullable) */
  GPtrArray *names;
  GPtrArray *values;
  char      *body;
} ParsedRequest;

static void
parsed_request_free (ParsedRequest *req)
{
  g_free (req->method);
  g_free (req->path);
  g_free (req->query);
  g_ptr_array_unref (req->names);
  g_ptr_array_unref (req->values);
  g_free (req->body);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParsedRequest, parsed_request_free)

static char *
case_file (const char *name, const char *file)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "conformance", "sigv4",
                               "aws-signing-test-suite", "v4", name, file, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* request.txt as the suite's README describes it: request line, headers
 * (a line starting with whitespace continues the previous value), an
 * empty line, the body. */
static ParsedRequest *
parse_request (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  ParsedRequest   *req = g_new0 (ParsedRequest, 1);
  const char      *first = lines[0];
  const char      *space = strchr (first, ' ');
  g_autofree char *target = NULL;
  char            *question;
  guint            i;

  g_assert_nonnull (space);
  g_assert_true (g_str_has_suffix (first, " HTTP/1.1"));
  req->method = g_strndup (first, space - first);
  target = g_strndup (space + 1, strlen (space + 1) - strlen (" HTTP/1.1"));
  question = strchr (target, '?');
  if (question != NULL)
    {
      req->query = g_strdup (question + 1);
      *question = '\0';
    }
  req->path = g_strdup (target);
  req->names = g_ptr_array_new_with_free_func (g_free);
  req->values = g_ptr_array_new_with_free_func (g_free);
  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *colon;

      if (lines[i][0] == ' ' || lines[i][0] == '\t')
        {
          char **last = (char **)&req->values->pdata[req->values->len - 1];
          char  *joined = g_strconcat (*last, "\n", lines[i], NULL);

          g_free (*last);
          *last = joined;
          continue;
        }
      colon = strchr (lines[i], ':');
      g_assert_nonnull (colon);
      g_ptr_array_add (req->names, g_strndup (lines[i], colon - lines[i]));
      g_ptr_array_add (req->values, g_strdup (colon + 1));
    }
  req->body = lines[i] != NULL ? g_strjoinv ("\n", lines + i + 1) : g_strdup ("");
  return req;
}

typedef struct
{
  JsonParser         *parser;
  PrlSigV4Credentials creds;
  PrlSigV4Context     context;
  guint               expires;
  gboolean            sign_body;
} SuiteCase;

static void
suite_case_clear (SuiteCase *c)
{
  g_date_time_unref (c->context.time);
  g_object_unref (c->parser);
}

static void
load_case (SuiteCase *c, const char *name)
{
  g_autofree char *json = case_file (name, "context.json");
  g_autoptr (GError) error = NULL;
  JsonObject *root, *creds;

  c->parser = json_parser_new ();
  json_parser_load_from_data (c->parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (c->parser));
  creds = json_object_get_object_member (root, "credentials");
  c->creds.access_key_id = json_object_get_string_member (creds, "access_key_id");
  c->creds.secret_access_key = json_object_get_string_member (creds, "secret_access_key");
  c->creds.session_token
      = json_object_get_string_member_with_default (creds, "token", NULL);
  c->context.credentials = &c->creds;
  c->context.region = json_object_get_string_member (root, "region");
  c->context.service = json_object_get_string_member (root, "service");
  c->context.time = g_date_time_new_from_iso8601 (
      json_object_get_string_member (root, "timestamp"), NULL);
  g_assert_nonnull (c->context.time);
  c->expires = json_object_get_int_member (root, "expiration_in_seconds");
  c->sign_body = json_object_get_boolean_member (root, "sign_body");
  if (!json_object_get_boolean_member (root, "normalize"))
    c->context.flags |= PRL_SIGV4_NO_NORMALIZE_PATH;
  if (json_object_get_boolean_member_with_default (root, "omit_session_token", FALSE))
    c->context.flags |= PRL_SIGV4_UNSIGNED_TOKEN;
  if (c->sign_body)
    c->context.flags |= PRL_SIGV4_CONTENT_SHA256;
}

static PrlSigV4Request *
to_request (const ParsedRequest *parsed)
{
  PrlSigV4Request *req
      = prl_sigv4_request_new (parsed->method, parsed->path, parsed->query);

  for (guint i = 0; i < parsed->names->len; i++)
    prl_sigv4_request_add_header (req, parsed->names->pdata[i], parsed->values->pdata[i]);
  prl_sigv4_request_set_payload (req, parsed->body, strlen (parsed->body));
  return req;
}

static gboolean
has_header (const ParsedRequest *req, const char *name, const char *value)
{
  for (guint i = 0; i < req->names->len; i++)
    if (g_ascii_strcasecmp (req->names->pdata[i], name) == 0
        && g_str_equal (req->values->pdata[i], value))
      return TRUE;
  return FALSE;
}

static GPtrArray *
split_params (const char *query)
{
  g_auto (GStrv) parts = g_strsplit (query != NULL ? query : "", "&", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  return out;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

static void
test_suite_case (gconstpointer data)
{
  const char      *test_name = data;
  gboolean         query = g_str_has_prefix (test_name, "query/");
  const char      *name = strchr (test_name, '/') + 1;
  const char      *prefix = query ? "query-" : "header-";
  g_autofree char *request_text = case_file (name, "request.txt");
  g_autofree char *creq_file = g_strconcat (prefix, "canonical-request.txt", NULL);
  g_autofree char *sts_file = g_strconcat (prefix, "string-to-sign.txt", NULL);
  g_autofree char *sig_file = g_strconcat (prefix, "signature.txt", NULL);
  g_autofree char *signed_file = g_strconcat (prefix, "signed-request.txt", NULL);
  g_autofree char *creq = case_file (name, creq_file);
  g_autofree char *sts = case_file (name, sts_file);
  g_autofree char *sig = case_file (name, sig_file);
  g_autofree char *signed_text = case_file (name, signed_file);
  g_autoptr (ParsedRequest) parsed = parse_request (request_text);
  g_autoptr (ParsedRequest) expected = parse_request (signed_text);
  g_autoptr (PrlSigV4Request) req = to_request (parsed);
  g_autoptr (PrlSigV4Signature) result = NULL;
  g_autoptr (GError) error = NULL;
  SuiteCase c = { 0 };

  load_case (&c, name);
  if (query)
    result = prl_sigv4_presign (req, &c.context, c.expires, &error);
  else
    result = prl_sigv4_sign (req, &c.context, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (result->canonical_request, ==, creq);
  g_assert_cmpstr (result->string_to_sign, ==, sts);
  g_assert_cmpstr (result->signature, ==, sig);
  g_assert_cmpstr (expected->method, ==, parsed->method);
  g_assert_cmpstr (expected->path, ==, parsed->path);

  if (query)
    {
      /* The same parameters; their order on the wire is not part of SigV4. */
      g_autoptr (GPtrArray) want = split_params (expected->query);
      g_autoptr (GPtrArray) got = split_params (result->query);

      g_ptr_array_sort (want, compare_strings);
      g_ptr_array_sort (got, compare_strings);
      g_assert_cmpuint (got->len, ==, want->len);
      for (guint i = 0; i < got->len; i++)
        g_assert_cmpstr (got->pdata[i], ==, want->pdata[i]);
      g_assert_cmpuint (result->headers->len, ==, 0);
    }
  else
    {
      guint added = 0;

      g_assert_null (result->query);
      /* Every header the signed request gained is one the signer returned,
       * with the same value (Authorization byte for byte). */
      for (guint i = 0; i < expected->names->len; i++)
        {
          const char *hname = expected->names->pdata[i];
          const char *hvalue = expected->values->pdata[i];

          if (has_header (parsed, hname, hvalue))
            continue;
          added++;
          g_assert_cmpstr (prl_sigv4_signature_get_header (result, hname), ==, hvalue);
        }
      g_assert_cmpuint (result->headers->len, ==, added);
    }
  suite_case_clear (&c);
}

static guint n_suite_cases;

static void
test_suite_count (void)
{
  /* Enumerating the folder must find the whole suite, not a part of it. */
  g_assert_cmpuint (n_suite_cases, ==, SUITE_CASES);
}

static GPtrArray *
list_cases (void)
{
  g_autofree char *dir_path = g_test_build_filename (
      G_TEST_DIST, "conformance", "sigv4", "aws-signing-test-suite", "v4", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray  *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *context = g_build_filename (dir_path, name, "context.json", NULL);

      if (g_file_test (context, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  return names;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GPtrArray) test_names = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  cases = list_cases ();
  n_suite_cases = cases->len;
  g_test_add_func ("/sigv4/suite/count", test_suite_count);
  for (guint i = 0; i < cases->len; i++)
    for (guint q = 0; q < 2; q++)
      {
        char *test_name
            = g_strdup_printf ("%s/%s", q ? "query" : "header", (char *)cases->pdata[i]);
        g_autofree char *path = g_strconcat ("/sigv4/suite/", test_name, NULL);

        g_ptr_array_add (test_names, test_name);
        g_test_add_data_func (path, test_name, test_suite_case);
      }

  return g_test_run ();
}
