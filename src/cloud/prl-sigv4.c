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

struct _PrlSigV4Request
{
  char      *method;
  char      *path;
  char      *query;        /* (nullable): as on the wire, without "?" */
  GPtrArray *headers;      /* (element-type PrlSigV4Header) in order */
  char      *payload_hash; /* (nullable): default depends on the mode */
};

/* Headers that proxies and HTTP stacks add or rewrite; signing them would
 * break the signature for no gain (botocore leaves out the same ones). */
static const char *const unsigned_headers[]
    = { "authorization", "expect", "user-agent", "x-amzn-trace-id", NULL };

static void
header_free (gpointer data)
{
  PrlSigV4Header *header = data;

  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

static PrlSigV4Header *
header_new (const char *name, const char *value)
{
  PrlSigV4Header *header = g_new0 (PrlSigV4Header, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  return header;
}

PrlSigV4Request *
prl_sigv4_request_new (const char *method, const char *path, const char *query)
{
  PrlSigV4Request *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (PrlSigV4Request, 1);
  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->query = g_strdup (query);
  self->headers = g_ptr_array_new_with_free_func (header_free);
  return self;
}

void
prl_sigv4_request_add_header (PrlSigV4Request *request,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  g_ptr_array_add (request->headers, header_new (name, value));
}

void
prl_sigv4_request_set_payload_hash (PrlSigV4Request *request, const char *payload_hash)
{
  g_return_if_fail (request != NULL);

  g_free (request->payload_hash);
  request->payload_hash = g_strdup (payload_hash);
}

void
prl_sigv4_request_set_payload (PrlSigV4Request *request, const void *data, gsize len)
{
  char hex[2 * PRL_SIGV4_DIGEST_LEN + 1];

  g_return_if_fail (request != NULL);
  g_return_if_fail (data != NULL || len == 0);

  _prl_sigv4_sha256_hex (data != NULL ? data : "", len, hex);
  prl_sigv4_request_set_payload_hash (request, hex);
}

void
prl_sigv4_request_free (PrlSigV4Request *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_ptr_array_unref (request->headers);
  g_free (request->payload_hash);
  g_free (request);
}

void
prl_sigv4_signature_free (PrlSigV4Signature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->canonical_request);
  g_free (signature->string_to_sign);
  g_free (signature->signature);
  g_clear_pointer (&signature->headers, g_ptr_array_unref);
  g_free (signature->query);
  g_free (signature);
}

const char *
prl_sigv4_signature_get_header (const PrlSigV4Signature *signature, const char *name)
{
  g_return_val_if_fail (signature != NULL && name != NULL, NULL);

  for (guint i = 0; i < signature->headers->len; i++)
    {
      const PrlSigV4Header *header = g_ptr_array_index (signature->headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }
  return NULL;
}

static gboolean
has_control (const char *text, gboolean allow_fold)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      /* An obs-fold (CRLF or LF, then a space or tab) continues a value;
       * any other line break would inject a header. */
      if (allow_fold && (c == '\r' || c == '\n'))
        {
          if (c == '\r' && p[1] == '\n')
            p++;
          if (p[1] == ' ' || p[1] == '\t')
            continue;
          return TRUE;
        }
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        return TRUE;
    }
  return FALSE;
}

/* A scope part (access key id, region, service): no "/" (it separates the
 * scope), no whitespace or control characters. */
static gboolean
is_scope_part (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f || *p == '/' || *p == ',' || *p == '=')
      return FALSE;
  return TRUE;
}

gboolean
_prl_sigv4_check_context (const PrlSigV4Context *context, GError **error)
{
  const PrlSigV4Credentials *creds = context->credentials;

  if (creds == NULL || creds->access_key_id == NULL || creds->access_key_id[0] == '\0'
      || creds->secret_access_key == NULL || creds->secret_access_key[0] == '\0')
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_CREDENTIALS,
                   _ ("The access key ID or the secret access key is empty. Enter both "
                      "keys of the account."));
      return FALSE;
    }
  if (!is_scope_part (creds->access_key_id))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_CREDENTIALS,
                   _ ("The access key ID contains spaces or characters that access key "
                      "IDs never have. Copy it again from the account's credentials."));
      return FALSE;
    }
  if (has_control (creds->secret_access_key, FALSE)
      || (creds->session_token != NULL && has_control (creds->session_token, FALSE)))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_CREDENTIALS,
                   _ ("The secret access key or the session token contains control "
                      "characters or line breaks. Copy it again without them."));
      return FALSE;
    }
  if (!is_scope_part (context->region) || !is_scope_part (context->service))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("The region or service name “%s”/“%s” is empty or contains spaces "
                      "or slashes. Use a region such as “us-east-1”."),
                   context->region != NULL ? context->region : "",
                   context->service != NULL ? context->service : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_payload_hash (const char *hash)
{
  gsize len = strlen (hash);

  if (g_str_equal (hash, PRL_SIGV4_UNSIGNED_PAYLOAD)
      || g_str_has_prefix (hash, "STREAMING-"))
    return !has_control (hash, FALSE) && strchr (hash, ' ') == NULL;
  if (len != 2 * PRL_SIGV4_DIGEST_LEN)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (hash[i]) && !(hash[i] >= 'a' && hash[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
check_request (const PrlSigV4Request *request, GError **error)
{
  gboolean has_host = FALSE;

  if (!_prl_sigv4_is_token (request->method))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("“%s” is not an HTTP method."), request->method);
      return FALSE;
    }
  if (request->path[0] != '/' || has_control (request->path, FALSE)
      || (request->query != NULL && has_control (request->query, FALSE)))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("The request path must start with “/” and neither path nor query "
                      "may contain control characters."));
      return FALSE;
    }
  for (guint i = 0; i < request->headers->len; i++)
    {
      const PrlSigV4Header *header = g_ptr_array_index (request->headers, i);

      if (!_prl_sigv4_is_token (header->name))
        {
          g_set_error (
              error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
              _ ("“%s” is not a valid HTTP header name: names are ASCII letters, "
                 "digits and a few symbols, without spaces."),
              header->name);
          return FALSE;
        }
      if (has_control (header->value, TRUE))
        {
          g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                       _ ("The value of header “%s” contains a line break or a control "
                          "character."),
                       header->name);
          return FALSE;
        }
      if (g_ascii_strcasecmp (header->name, "host") == 0)
        {
          g_autofree char *host = _prl_sigv4_trim_value (header->value);

          has_host = has_host || host[0] != '\0';
        }
    }
  if (!has_host)
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("The request has no Host header; SigV4 always signs the host."));
      return FALSE;
    }
  if (request->payload_hash != NULL && !is_payload_hash (request->payload_hash))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("“%s” is not a payload hash: use the lower-case hex SHA-256 of the "
                      "body or a literal such as UNSIGNED-PAYLOAD."),
                   request->payload_hash);
      return FALSE;
    }
  return TRUE;
}

/* The request's headers in canonical form: lower-case names, sorted,
 * repeated names joined with "," in order, values trimmed. Headers the
 * signer sets itself are left out here and added by the caller. */
static GPtrArray *
canonical_headers (const PrlSigV4Request *request, const char *const *owned)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (header_free);

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
        g_ptr_array_add (out, header_new (name, value));
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

  if (!_prl_sigv4_check_context (context, error) || !check_request (request, error))
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
      g_ptr_array_add (headers, header_new ("x-amz-date", amz_date));
      if (sign_token)
        g_ptr_array_add (headers, header_new ("x-amz-security-token", token));
      if (context->flags & PRL_SIGV4_CONTENT_SHA256)
        g_ptr_array_add (headers, header_new ("x-amz-content-sha256", payload));
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
  result->headers = g_ptr_array_new_with_free_func (header_free);
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

      g_ptr_array_add (result->headers, header_new ("X-Amz-Date", amz_date));
      if (token != NULL)
        g_ptr_array_add (result->headers, header_new ("X-Amz-Security-Token", token));
      if (context->flags & PRL_SIGV4_CONTENT_SHA256)
        g_ptr_array_add (result->headers, header_new ("X-Amz-Content-SHA256", payload));
      g_ptr_array_add (result->headers, header_new ("Authorization", authorization));
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
