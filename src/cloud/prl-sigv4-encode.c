/* prl-sigv4-encode.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-sigv4"

#include "config.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "prl-sigv4-private.h"

/* The canonical forms of SigV4: URI encoding, path normalization, query
 * sorting, header value trimming, and the HMAC-SHA256 chain. */

static const char hex_digits[] = "0123456789ABCDEF";

void
_prl_sigv4_hex (const guint8 *bytes, gsize len, char *out)
{
  static const char lower[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = lower[bytes[i] >> 4];
      out[2 * i + 1] = lower[bytes[i] & 0xf];
    }
  out[2 * len] = '\0';
}

void
_prl_sigv4_sha256_hex (const void *data,
                       gsize       len,
                       char        out[2 * PRL_SIGV4_DIGEST_LEN + 1])
{
  guint8       digest[PRL_SIGV4_DIGEST_LEN];
  unsigned int digest_len = 0;

  if (!EVP_Digest (data, len, digest, &digest_len, EVP_sha256 (), NULL)
      || digest_len != PRL_SIGV4_DIGEST_LEN)
    g_error ("OpenSSL failed to compute SHA-256");
  _prl_sigv4_hex (digest, PRL_SIGV4_DIGEST_LEN, out);
}

void
_prl_sigv4_hmac (const guint8 *key,
                 gsize         key_len,
                 const char   *message,
                 guint8        out[PRL_SIGV4_DIGEST_LEN])
{
  unsigned int out_len = 0;

  if (!HMAC (EVP_sha256 (), key, (int)key_len, (const guint8 *)message, strlen (message),
             out, &out_len)
      || out_len != PRL_SIGV4_DIGEST_LEN)
    g_error ("OpenSSL failed to compute HMAC-SHA256");
}

/* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request"). */
void
_prl_sigv4_signing_key (const char *secret,
                        const char *date,
                        const char *region,
                        const char *service,
                        guint8      out[PRL_SIGV4_DIGEST_LEN])
{
  g_autofree char *seed = g_strconcat ("AWS4", secret, NULL);
  guint8           k[PRL_SIGV4_DIGEST_LEN];

  _prl_sigv4_hmac ((const guint8 *)seed, strlen (seed), date, k);
  _prl_sigv4_hmac (k, sizeof k, region, k);
  _prl_sigv4_hmac (k, sizeof k, service, k);
  _prl_sigv4_hmac (k, sizeof k, "aws4_request", out);
  memset (k, 0, sizeof k);
  memset (seed, 0, strlen (seed));
}

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static void
append_encoded (
    GString *out, const char *text, gsize len, gboolean keep_slash, gboolean keep_escapes)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      if (is_unreserved (c) || (keep_slash && c == '/'))
        g_string_append_c (out, c);
      else if (keep_escapes && c == '%' && i + 2 < len && g_ascii_isxdigit (text[i + 1])
               && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, g_ascii_toupper (text[i + 1]));
          g_string_append_c (out, g_ascii_toupper (text[i + 2]));
          i += 2;
        }
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex_digits[c >> 4]);
          g_string_append_c (out, hex_digits[c & 0xf]);
        }
    }
}

char *
prl_sigv4_uri_encode (const char *text, gboolean keep_slash)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  append_encoded (out, text, strlen (text), keep_slash, FALSE);
  return g_string_free (out, FALSE);
}

/* Removes empty, "." and ".." segments the way AWS services (and
 * botocore) do: a leading "/" stays, a trailing "/" stays unless nothing
 * is left. */
static char *
normalize_path (const char *path)
{
  g_auto (GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  gsize    len = strlen (path);
  GString *out = g_string_new (path[0] == '/' ? "/" : "");

  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];

      if (segment[0] == '\0' || g_str_equal (segment, "."))
        continue;
      if (g_str_equal (segment, ".."))
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, (gpointer)segment);
    }
  for (guint i = 0; i < kept->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (kept, i));
    }
  if (len > 0 && path[len - 1] == '/' && kept->len > 0)
    g_string_append_c (out, '/');
  return g_string_free (out, FALSE);
}

char *
_prl_sigv4_canonical_path (const char *path, PrlSigV4Flags flags)
{
  g_autofree char *normalized = NULL;
  GString         *out;

  if (path[0] == '\0')
    return g_strdup ("/");
  if (flags & PRL_SIGV4_NO_NORMALIZE_PATH)
    normalized = g_strdup (path);
  else
    normalized = normalize_path (path);
  if (normalized[0] == '\0')
    return g_strdup ("/");

  out = g_string_sized_new (strlen (normalized) + 16);
  append_encoded (out, normalized, strlen (normalized), TRUE,
                  (flags & PRL_SIGV4_PATH_ENCODED) != 0);
  return g_string_free (out, FALSE);
}

/* Decodes %XX escapes (others are taken literally), then encodes again
 * with the unreserved set, so that "%E1%88%B4", "ሴ" and "%e1%88%b4" all
 * give the same canonical text. Decoded bytes may include NUL, hence the
 * explicit lengths. */
static char *
canonical_component (const char *text, gsize len)
{
  g_autoptr (GString) decoded = g_string_sized_new (len);
  GString *out = g_string_sized_new (len + 16);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '%' && i + 2 < len && g_ascii_isxdigit (text[i + 1])
          && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (decoded, (char)(g_ascii_xdigit_value (text[i + 1]) * 16
                                             + g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (decoded, text[i]);
    }
  append_encoded (out, decoded->str, decoded->len, FALSE, FALSE);
  return g_string_free (out, FALSE);
}

/* Query parameters are name/value pairs like headers, so they share
 * PrlSigV4Header; both halves hold the canonical encoding. */
GPtrArray *
_prl_sigv4_query_parse (const char *query)
{
  GPtrArray  *params = g_ptr_array_new_with_free_func (_prl_sigv4_header_free);
  const char *p = query != NULL ? query : "";

  while (*p != '\0')
    {
      const char *end = strchr (p, '&');
      const char *eq;
      gsize       len = end != NULL ? (gsize)(end - p) : strlen (p);

      /* "a&&b" has an empty pair, which carries nothing to sign. */
      if (len > 0)
        {
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          eq = memchr (p, '=', len);
          key = canonical_component (p, eq != NULL ? (gsize)(eq - p) : len);
          value = eq != NULL ? canonical_component (eq + 1, len - (eq - p) - 1)
                             : g_strdup ("");
          g_ptr_array_add (params, _prl_sigv4_header_new (key, value));
        }
      p += len;
      if (*p == '&')
        p++;
    }
  return params;
}

void
_prl_sigv4_query_add (GPtrArray *params, const char *key, const char *value)
{
  g_autofree char *encoded_key = prl_sigv4_uri_encode (key, FALSE);
  g_autofree char *encoded_value = prl_sigv4_uri_encode (value, FALSE);

  g_ptr_array_add (params, _prl_sigv4_header_new (encoded_key, encoded_value));
}

void
_prl_sigv4_query_append (GPtrArray *params, GPtrArray *more)
{
  for (guint i = 0; i < more->len; i++)
    {
      const PrlSigV4Header *param = g_ptr_array_index (more, i);

      g_ptr_array_add (params, _prl_sigv4_header_new (param->name, param->value));
    }
}

/* By encoded name, then by encoded value. */
static int
param_compare (gconstpointer a, gconstpointer b)
{
  const PrlSigV4Header *pa = *(PrlSigV4Header *const *)a;
  const PrlSigV4Header *pb = *(PrlSigV4Header *const *)b;
  int                   cmp = strcmp (pa->name, pb->name);

  return cmp != 0 ? cmp : strcmp (pa->value, pb->value);
}

char *
_prl_sigv4_query_join (GPtrArray *params, gboolean sort)
{
  GString *out = g_string_new (NULL);

  if (sort)
    g_ptr_array_sort (params, param_compare);
  for (guint i = 0; i < params->len; i++)
    {
      const PrlSigV4Header *param = g_ptr_array_index (params, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", param->name, param->value);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Trims the value and collapses each run of whitespace (folded lines
 * included) to one space. Quotes are not special. */
char *
_prl_sigv4_trim_value (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));
  gboolean pending_space = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (is_space (*p))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* An HTTP token (RFC 9110 §5.6.2): header names and methods. */
gboolean
_prl_sigv4_is_token (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (!g_ascii_isalnum (c) && strchr ("!#$%&'*+-.^_`|~", c) == NULL)
        return FALSE;
    }
  return TRUE;
}
