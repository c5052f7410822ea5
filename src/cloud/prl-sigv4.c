/* prl-sigv4.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-sigv4"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-sigv4-private.h"

/* Header and query (presigned URL) signing. The canonical request is
 *
 *   METHOD \n canonical URI \n canonical query \n
 *   name:value \n ... \n signed;header;names \n payload hash
 *
 * and the signature is HMAC(signing key, string to sign). Bad input is a
 * GError, never a crash: credentials, headers and paths come from users
 * and from other layers. */

G_DEFINE_QUARK (PrlSigV4ErrorQuark, prl_sigv4_error)

/* Headers that proxies and HTTP stacks add or rewrite; signing them would
 * break the signature for no gain (botocore leaves out the same ones). */
static const char *const unsigned_headers[]
    = { "authorization", "expect", "user-agent", "x-amzn-trace-id", NULL };

/* The request's headers in canonical form: lower-case names, sorted,
 * repeated names joined with "," in order, values trimmed. Headers the
 * signer sets itself are left out here and added by the caller. */
static GPtrArray *
canonical_headers (const PrlSigV4Request *request, const char *const *owned)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (_prl_sigv4_header_free);

  for (guint i = 0; i < request->headers->len; i++)
    {
      const PrlSigV4Header *header = g_ptr_array_index (request->headers, i);
      g_autofree char      *name = g_ascii_strdown (header->name, -1);
      g_autofree char      *value = _prl_sigv4_trim_value (header->value);
      PrlSigV4Header       *entry = NULL;

      if (g_strv_contains (unsigned_headers, name) || g_strv_contains (owned, name))
        continue;
      for (guint j = 0; j < out->len && entry == NULL; j++)
        if (g_str_equal (((PrlSigV4Header *)g_ptr_array_index (out, j))->name, name))
          entry = g_ptr_array_index (out, j);
      if (entry != NULL)
        {
          char *joined = g_strconcat (entry->value, ",", value, NULL);

          g_free (entry->value);
          entry->value = joined;
        }
      else
        g_ptr_array_add (out, _prl_sigv4_header_new (name, value));
    }
  return out;
}

static int
header_compare (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(PrlSigV4Header *const *)a)->name,
                 (*(PrlSigV4Header *const *)b)->name);
}

static PrlSigV4Signature *
sign (const PrlSigV4Request *request,
      const PrlSigV4Context *context,
      gboolean               presign,
      guint                  expires,
      GError               **error)
{
  const PrlSigV4Credentials *creds = context->credentials;
  const char                *token = NULL;
  gboolean                   sign_token;
  const char                *owned[5] = { NULL };
  guint                      n_owned = 0;
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *amz_date = NULL;
  g_autofree char *date = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *credential = NULL;
  g_autoptr (GPtrArray) headers = NULL;
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (GPtrArray) auth = NULL;
  g_autoptr (GString) creq = g_string_new (NULL);
  g_autoptr (GString) signed_names = g_string_new (NULL);
  g_autofree char   *path = NULL;
  g_autofree char   *query = NULL;
  const char        *payload;
  char               creq_hash[2 * PRL_SIGV4_DIGEST_LEN + 1];
  guint8             key[PRL_SIGV4_DIGEST_LEN];
  guint8             mac[PRL_SIGV4_DIGEST_LEN];
  PrlSigV4Signature *result;

  g_return_val_if_fail (request != NULL && context != NULL, NULL);
  g_return_val_if_fail (context->time != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_prl_sigv4_check_context (context, error)
      || !_prl_sigv4_check_request (request, error))
    return NULL;
  if (presign && (expires == 0 || expires > PRL_SIGV4_MAX_EXPIRES))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("A presigned URL must expire after 1 second to 7 days, not %u "
                      "seconds."),
                   expires);
      return NULL;
    }

  if (creds->session_token != NULL && creds->session_token[0] != '\0')
    token = creds->session_token;
  sign_token = token != NULL && !(context->flags & PRL_SIGV4_UNSIGNED_TOKEN);

  utc = g_date_time_to_utc (context->time);
  amz_date = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  date = g_strndup (amz_date, 8);
  scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, context->region,
                           context->service);
  credential = g_strdup_printf ("%s/%s", creds->access_key_id, scope);

  owned[n_owned++] = "x-amz-date";
  if (token != NULL)
    owned[n_owned++] = "x-amz-security-token";
  if (!presign && (context->flags & PRL_SIGV4_CONTENT_SHA256))
    owned[n_owned++] = "x-amz-content-sha256";

  if (request->payload_hash != NULL)
    payload = request->payload_hash;
  else if (presign && (context->flags & PRL_SIGV4_CONTENT_SHA256))
    payload = PRL_SIGV4_UNSIGNED_PAYLOAD; /* S3 presigned URLs never sign the body */
  else
    payload = PRL_SIGV4_EMPTY_SHA256;

  headers = canonical_headers (request, owned);
  if (!presign)
    {
      g_ptr_array_add (headers, _prl_sigv4_header_new ("x-amz-date", amz_date));
      if (sign_token)
        g_ptr_array_add (headers, _prl_sigv4_header_new ("x-amz-security-token", token));
      if (context->flags & PRL_SIGV4_CONTENT_SHA256)
        g_ptr_array_add (headers,
                         _prl_sigv4_header_new ("x-amz-content-sha256", payload));
    }
  g_ptr_array_sort (headers, header_compare);
  for (guint i = 0; i < headers->len; i++)
    g_string_append_printf (signed_names, "%s%s", i > 0 ? ";" : "",
                            ((PrlSigV4Header *)g_ptr_array_index (headers, i))->name);

  params = _prl_sigv4_query_parse (request->query);
  auth = _prl_sigv4_query_parse (NULL);
  if (presign)
    {
      g_autofree char *expires_text = g_strdup_printf ("%u", expires);

      _prl_sigv4_query_add (auth, "X-Amz-Algorithm", PRL_SIGV4_ALGORITHM);
      _prl_sigv4_query_add (auth, "X-Amz-Credential", credential);
      _prl_sigv4_query_add (auth, "X-Amz-Date", amz_date);
      _prl_sigv4_query_add (auth, "X-Amz-Expires", expires_text);
      _prl_sigv4_query_add (auth, "X-Amz-SignedHeaders", signed_names->str);
      if (sign_token)
        _prl_sigv4_query_add (auth, "X-Amz-Security-Token", token);
      _prl_sigv4_query_append (params, auth);
    }
  query = _prl_sigv4_query_join (params, TRUE);
  path = _prl_sigv4_canonical_path (request->path, context->flags);

  g_string_append_printf (creq, "%s\n%s\n%s\n", request->method, path, query);
  for (guint i = 0; i < headers->len; i++)
    {
      const PrlSigV4Header *header = g_ptr_array_index (headers, i);

      g_string_append_printf (creq, "%s:%s\n", header->name, header->value);
    }
  g_string_append_printf (creq, "\n%s\n%s", signed_names->str, payload);

  result = g_new0 (PrlSigV4Signature, 1);
  result->headers = g_ptr_array_new_with_free_func (_prl_sigv4_header_free);
  _prl_sigv4_sha256_hex (creq->str, creq->len, creq_hash);
  result->string_to_sign = g_strdup_printf ("%s\n%s\n%s\n%s", PRL_SIGV4_ALGORITHM,
                                            amz_date, scope, creq_hash);
  _prl_sigv4_signing_key (creds->secret_access_key, date, context->region,
                          context->service, key);
  _prl_sigv4_hmac (key, sizeof key, result->string_to_sign, mac);
  memset (key, 0, sizeof key);
  result->signature = g_malloc (2 * PRL_SIGV4_DIGEST_LEN + 1);
  _prl_sigv4_hex (mac, sizeof mac, result->signature);
  result->canonical_request = g_string_free (g_steal_pointer (&creq), FALSE);

  if (presign)
    {
      /* The caller's query stays as it was on the wire (the server
       * canonicalizes what it receives); the signer's parameters follow. */
      g_autofree char *tail = NULL;

      if (token != NULL && !sign_token)
        _prl_sigv4_query_add (auth, "X-Amz-Security-Token", token);
      _prl_sigv4_query_add (auth, "X-Amz-Signature", result->signature);
      tail = _prl_sigv4_query_join (auth, FALSE);
      if (request->query != NULL && request->query[0] != '\0')
        result->query = g_strconcat (request->query, "&", tail, NULL);
      else
        result->query = g_steal_pointer (&tail);
    }
  else
    {
      g_autofree char *authorization = g_strdup_printf (
          "%s Credential=%s, SignedHeaders=%s, Signature=%s", PRL_SIGV4_ALGORITHM,
          credential, signed_names->str, result->signature);

      g_ptr_array_add (result->headers, _prl_sigv4_header_new ("X-Amz-Date", amz_date));
      if (token != NULL)
        g_ptr_array_add (result->headers,
                         _prl_sigv4_header_new ("X-Amz-Security-Token", token));
      if (context->flags & PRL_SIGV4_CONTENT_SHA256)
        g_ptr_array_add (result->headers,
                         _prl_sigv4_header_new ("X-Amz-Content-SHA256", payload));
      g_ptr_array_add (result->headers,
                       _prl_sigv4_header_new ("Authorization", authorization));
    }
  return result;
}

PrlSigV4Signature *
prl_sigv4_sign (const PrlSigV4Request *request,
                const PrlSigV4Context *context,
                GError               **error)
{
  return sign (request, context, FALSE, 0, error);
}

PrlSigV4Signature *
prl_sigv4_presign (const PrlSigV4Request *request,
                   const PrlSigV4Context *context,
                   guint                  expires_seconds,
                   GError               **error)
{
  return sign (request, context, TRUE, expires_seconds, error);
}
