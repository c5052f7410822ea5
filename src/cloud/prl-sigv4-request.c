/* prl-sigv4-request.c
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

/* The request the signer reads, what it returns, and the checks that turn
 * bad credentials, names and values into a GError before anything is
 * signed: they come from users and from other layers. */

void
_prl_sigv4_header_free (gpointer data)
{
  PrlSigV4Header *header = data;

  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

PrlSigV4Header *
_prl_sigv4_header_new (const char *name, const char *value)
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
  self->headers = g_ptr_array_new_with_free_func (_prl_sigv4_header_free);
  return self;
}

void
prl_sigv4_request_add_header (PrlSigV4Request *request,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  g_ptr_array_add (request->headers, _prl_sigv4_header_new (name, value));
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

/* User text quoted in a message: valid UTF-8, control characters shown as
 * U+FFFD and at most 80 characters, so a bad header cannot garble or flood
 * the message. */
char *
_prl_sigv4_display (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString         *out = g_string_new (NULL);
  guint            n = 0;

  for (const char *p = valid; *p != '\0' && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, c);
    }
  if (*valid != '\0' && n == 80 && g_utf8_strlen (valid, -1) > 80)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
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
      g_autofree char *region = _prl_sigv4_display (context->region);
      g_autofree char *service = _prl_sigv4_display (context->service);

      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("The region or service name “%s”/“%s” is empty or contains spaces "
                      "or slashes. Use a region such as “us-east-1”."),
                   region, service);
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

gboolean
_prl_sigv4_check_request (const PrlSigV4Request *request, GError **error)
{
  gboolean has_host = FALSE;

  if (!_prl_sigv4_is_token (request->method))
    {
      g_autofree char *method = _prl_sigv4_display (request->method);

      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("“%s” is not an HTTP method such as GET or PUT."), method);
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
          g_autofree char *name = _prl_sigv4_display (header->name);

          g_set_error (
              error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
              _ ("“%s” is not a valid HTTP header name: names are ASCII letters, "
                 "digits and a few symbols, without spaces."),
              name);
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
                   _ ("The request has no Host header. Add the endpoint's host name: "
                      "SigV4 always signs it."));
      return FALSE;
    }
  if (request->payload_hash != NULL && !is_payload_hash (request->payload_hash))
    {
      g_autofree char *hash = _prl_sigv4_display (request->payload_hash);

      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("“%s” is not a payload hash: use the lower-case hex SHA-256 of the "
                      "body or a literal such as UNSIGNED-PAYLOAD."),
                   hash);
      return FALSE;
    }
  return TRUE;
}
