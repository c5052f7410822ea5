/* fuzz-sigv4.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "prl-sigv4.h"

/* The SigV4 canonical-request builder on arbitrary requests. Input: one
 * byte of flags, then lines: method, path, query, "Name:value" headers.
 * Signing either succeeds with well-formed output or fails with a
 * GError; the canonical path and query are canonical (signing them again
 * gives the same text), and the Date parser and chunk signer take the
 * same bytes. */

static gboolean
is_canonical_text (const char *text, gboolean allow_slash)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL
          || (allow_slash && *p == '/'))
        continue;
      if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])
          && !g_ascii_islower (p[1]) && !g_ascii_islower (p[2]))
        {
          p += 2;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

static void
check_canonical (const PrlSigV4Signature *sig,
                 const PrlSigV4Context   *context,
                 const char              *method)
{
  g_auto (GStrv) lines = g_strsplit (sig->canonical_request, "\n", 4);
  g_autoptr (PrlSigV4Request) again = NULL;
  g_autoptr (PrlSigV4Signature) sig2 = NULL;
  g_auto (GStrv) lines2 = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) params = NULL;

  g_assert (g_strv_length (lines) == 4);
  g_assert (g_str_equal (lines[0], method));
  g_assert (lines[1][0] == '/' && is_canonical_text (lines[1], TRUE));
  params = g_strsplit (lines[2], "&", -1);
  for (guint i = 0; lines[2][0] != '\0' && params[i] != NULL; i++)
    {
      char *eq = strchr (params[i], '=');

      g_assert (eq != NULL);
      *eq = '\0';
      g_assert (is_canonical_text (params[i], FALSE)
                && is_canonical_text (eq + 1, FALSE));
    }
  g_assert (strlen (sig->signature) == 64);
  g_assert (g_str_has_prefix (sig->string_to_sign, "AWS4-HMAC-SHA256\n"));

  /* Canonical forms are fixed points, whatever the flags. */
  again = prl_sigv4_request_new (method, lines[1], lines[2]);
  prl_sigv4_request_add_header (again, "Host", "h");
  sig2 = prl_sigv4_sign (again, context, &error);
  g_assert (sig2 != NULL);
  lines2 = g_strsplit (sig2->canonical_request, "\n", 4);
  if (context->flags & PRL_SIGV4_PATH_ENCODED)
    g_assert (g_str_equal (lines2[1], lines[1]));
  g_assert (g_str_equal (lines2[2], lines[2]));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const PrlSigV4Credentials creds = { "AKIDEXAMPLE", "secret", "token" };
  g_autofree char                 *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GDateTime) time = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  PrlSigV4Context context = { &creds, "us-east-1", "service", time, 0 };
  g_autoptr (PrlSigV4Request) req = NULL;
  g_autoptr (PrlSigV4ChunkSigner) chunks = NULL;
  g_autoptr (GDateTime) date = NULL;
  guint n;

  fuzz_init ();
  if (size < 1)
    return 0;
  context.flags = data[0] & 0xf;
  text = g_strndup ((const char *)data + 1, size - 1);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  if (n < 2)
    return 0;

  req = prl_sigv4_request_new (lines[0], lines[1], n > 2 ? lines[2] : NULL);
  for (guint i = 3; i < n; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      prl_sigv4_request_add_header (req, lines[i], colon + 1);
    }
  for (guint presign = 0; presign < 2; presign++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlSigV4Signature) sig
          = presign ? prl_sigv4_presign (req, &context, 60, &error)
                    : prl_sigv4_sign (req, &context, &error);

      if (sig == NULL)
        {
          g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
          continue;
        }
      g_assert (error == NULL);
      check_canonical (sig, &context, lines[0]);
      if (chunks == NULL)
        chunks = prl_sigv4_chunk_signer_new (&context, sig->signature, NULL);
    }

  if (chunks != NULL)
    {
      g_autofree char *line = prl_sigv4_chunk_signer_sign (chunks, data, size, NULL);

      g_assert (line != NULL && g_str_has_suffix (line, "\r\n"));
    }
  date = prl_sigv4_parse_http_date (text, NULL);
  return 0;
}
