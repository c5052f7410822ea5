/* sigv4-sign.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prl-sigv4.h"

/* Signs requests with Parlance's signer for sigv4-botocore.py. Reads one
 * JSON request per line on stdin:
 *
 *   {"method", "path", "query" (or null), "headers": [[name, value], ...],
 *    "body" (text) or "payload_hash", "access_key", "secret_key",
 *    "token" (or null), "region", "service", "time" (ISO 8601),
 *    "flags": ["s3" | "no-normalize" | "path-encoded" | "content-sha256" |
 *              "unsigned-token", ...], "presign": seconds (0: headers)}
 *
 * and prints one JSON line per request: the canonical request, string to
 * sign, signature, headers to set and presigned query, or the error. */

static PrlSigV4Flags
parse_flags (JsonArray *flags)
{
  PrlSigV4Flags out = PRL_SIGV4_FLAGS_NONE;

  for (guint i = 0; flags != NULL && i < json_array_get_length (flags); i++)
    {
      const char *flag = json_array_get_string_element (flags, i);

      if (g_str_equal (flag, "s3"))
        out |= PRL_SIGV4_S3;
      else if (g_str_equal (flag, "no-normalize"))
        out |= PRL_SIGV4_NO_NORMALIZE_PATH;
      else if (g_str_equal (flag, "path-encoded"))
        out |= PRL_SIGV4_PATH_ENCODED;
      else if (g_str_equal (flag, "content-sha256"))
        out |= PRL_SIGV4_CONTENT_SHA256;
      else if (g_str_equal (flag, "unsigned-token"))
        out |= PRL_SIGV4_UNSIGNED_TOKEN;
      else
        g_error ("unknown flag %s", flag);
    }
  return out;
}

static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node)
                                                      : NULL;
}

static JsonNode *
sign_one (JsonObject *in)
{
  g_autoptr (JsonBuilder) out = json_builder_new ();
  g_autoptr (PrlSigV4Request) req = NULL;
  g_autoptr (PrlSigV4Signature) sig = NULL;
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray          *headers = json_object_get_array_member (in, "headers");
  PrlSigV4Credentials creds = { get_string (in, "access_key"),
                                get_string (in, "secret_key"), get_string (in, "token") };
  PrlSigV4Context     context = { &creds, get_string (in, "region"),
                                  get_string (in, "service"), NULL, PRL_SIGV4_FLAGS_NONE };
  gint64 presign = json_object_get_int_member_with_default (in, "presign", 0);

  time = g_date_time_new_from_iso8601 (get_string (in, "time"), NULL);
  g_assert_nonnull (time);
  context.time = time;
  if (json_object_has_member (in, "flags"))
    context.flags = parse_flags (json_object_get_array_member (in, "flags"));

  req = prl_sigv4_request_new (get_string (in, "method"), get_string (in, "path"),
                               get_string (in, "query"));
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      prl_sigv4_request_add_header (req, json_array_get_string_element (pair, 0),
                                    json_array_get_string_element (pair, 1));
    }
  if (get_string (in, "payload_hash") != NULL)
    prl_sigv4_request_set_payload_hash (req, get_string (in, "payload_hash"));
  else if (get_string (in, "body") != NULL)
    prl_sigv4_request_set_payload (req, get_string (in, "body"),
                                   strlen (get_string (in, "body")));

  if (presign > 0)
    sig = prl_sigv4_presign (req, &context, (guint)presign, &error);
  else
    sig = prl_sigv4_sign (req, &context, &error);

  json_builder_begin_object (out);
  json_builder_set_member_name (out, "ok");
  json_builder_add_boolean_value (out, sig != NULL);
  if (sig == NULL)
    {
      json_builder_set_member_name (out, "error");
      json_builder_add_string_value (out, error->message);
      json_builder_set_member_name (out, "code");
      json_builder_add_int_value (out, error->code);
    }
  else
    {
      json_builder_set_member_name (out, "canonical_request");
      json_builder_add_string_value (out, sig->canonical_request);
      json_builder_set_member_name (out, "string_to_sign");
      json_builder_add_string_value (out, sig->string_to_sign);
      json_builder_set_member_name (out, "signature");
      json_builder_add_string_value (out, sig->signature);
      json_builder_set_member_name (out, "query");
      if (sig->query != NULL)
        json_builder_add_string_value (out, sig->query);
      else
        json_builder_add_null_value (out);
      json_builder_set_member_name (out, "headers");
      json_builder_begin_array (out);
      for (guint i = 0; i < sig->headers->len; i++)
        {
          const PrlSigV4Header *header = g_ptr_array_index (sig->headers, i);

          json_builder_begin_array (out);
          json_builder_add_string_value (out, header->name);
          json_builder_add_string_value (out, header->value);
          json_builder_end_array (out);
        }
      json_builder_end_array (out);
    }
  json_builder_end_object (out);
  return json_builder_get_root (out);
}

int
main (int argc, char *argv[])
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  char   *line = NULL;
  size_t  size = 0;
  ssize_t len;

  while ((len = getline (&line, &size, stdin)) > 0)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) result = NULL;
      g_autofree char *text = NULL;

      if (!json_parser_load_from_data (parser, line, len, &error))
        g_error ("bad request line: %s", error->message);
      result = sign_one (json_node_get_object (json_parser_get_root (parser)));
      json_generator_set_root (generator, result);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      fflush (stdout);
    }
  free (line);
  return 0;
}
