/* prl-aws-signer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <string.h>

#include "prl-http-response.h"

#include "prl-aws-signer.h"

struct _PrlAwsSigner
{
  GObject parent_instance;

  char         *access_key_id;
  char         *secret_access_key;
  char         *session_token;
  char         *region;
  char         *service;
  PrlSigV4Flags flags;
  gint          clock_offset; /* seconds; atomic (a skew fits an int) */
};

static void signer_iface_init (PrlHttpSignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlAwsSigner,
                               prl_aws_signer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_HTTP_SIGNER,
                                                      signer_iface_init))

/* The Host header as it goes on the wire: the port only when it is not the
 * scheme's default. */
static char *
wire_host (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  int         port = g_uri_get_port (uri);
  int         default_port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;
  const char *host = g_uri_get_host (uri);
  gboolean    ipv6 = strchr (host, ':') != NULL;

  if (port < 0 || port == default_port)
    return ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return ipv6 ? g_strdup_printf ("[%s]:%d", host, port)
              : g_strdup_printf ("%s:%d", host, port);
}

static gboolean
aws_signer_sign (PrlHttpSigner      *signer,
                 const char         *method,
                 GUri               *uri,
                 SoupMessageHeaders *headers,
                 const char         *payload_hash,
                 GError            **error)
{
  PrlAwsSigner       *self = PRL_AWS_SIGNER (signer);
  PrlSigV4Credentials credentials
      = { self->access_key_id, self->secret_access_key, self->session_token };
  g_autoptr (PrlSigV4Request) request = NULL;
  g_autoptr (PrlSigV4Signature) signature = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char       *host = NULL;
  SoupMessageHeadersIter iter;
  const char            *name;
  const char            *value;
  PrlSigV4Context        context;

  now = prl_sigv4_now (g_atomic_int_get (&self->clock_offset));
  context
      = (PrlSigV4Context){ &credentials, self->region, self->service, now, self->flags };

  request = prl_sigv4_request_new (method, g_uri_get_path (uri), g_uri_get_query (uri));
  if (soup_message_headers_get_one (headers, "Host") == NULL)
    {
      host = wire_host (uri);
      prl_sigv4_request_add_header (request, "Host", host);
    }
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    prl_sigv4_request_add_header (request, name, value);
  prl_sigv4_request_set_payload_hash (request, payload_hash);

  signature = prl_sigv4_sign (request, &context, error);
  if (signature == NULL)
    return FALSE;
  for (guint i = 0; i < signature->headers->len; i++)
    {
      const PrlSigV4Header *header = g_ptr_array_index (signature->headers, i);

      soup_message_headers_replace (headers, header->name, header->value);
    }
  return TRUE;
}

/* Only a skew answer with a readable Date is worth signing again: anything
 * else would fail the same way. */
static gboolean
aws_signer_retry_after_response (PrlHttpSigner *signer, PrlHttpResponse *response)
{
  PrlAwsSigner    *self = PRL_AWS_SIGNER (signer);
  g_autofree char *code = prl_http_response_dup_error_code (response);
  g_autoptr (GDateTime) local_now = NULL;
  const char *date;
  gint64      offset = 0;

  if (g_strcmp0 (code, "RequestTimeTooSkewed") != 0)
    return FALSE;
  date = prl_http_response_get_header (response, "Date");
  local_now = g_date_time_new_now_utc ();
  if (date == NULL || !prl_sigv4_clock_offset (date, local_now, &offset, NULL))
    return FALSE;
  g_debug ("RequestTimeTooSkewed: clock offset is now %" G_GINT64_FORMAT " s", offset);
  prl_aws_signer_set_clock_offset (self, offset);
  return TRUE;
}

static void
signer_iface_init (PrlHttpSignerInterface *iface)
{
  iface->sign = aws_signer_sign;
  iface->retry_after_response = aws_signer_retry_after_response;
}

static void
prl_aws_signer_finalize (GObject *object)
{
  PrlAwsSigner *self = PRL_AWS_SIGNER (object);

  g_free (self->access_key_id);
  /* The secret does not linger in freed memory. */
  if (self->secret_access_key != NULL)
    memset (self->secret_access_key, 0, strlen (self->secret_access_key));
  g_free (self->secret_access_key);
  g_free (self->session_token);
  g_free (self->region);
  g_free (self->service);

  G_OBJECT_CLASS (prl_aws_signer_parent_class)->finalize (object);
}

static void
prl_aws_signer_class_init (PrlAwsSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_aws_signer_finalize;
}

static void
prl_aws_signer_init (PrlAwsSigner *self)
{
}

PrlAwsSigner *
prl_aws_signer_new (const char   *access_key_id,
                    const char   *secret_access_key,
                    const char   *session_token,
                    const char   *region,
                    const char   *service,
                    PrlSigV4Flags flags)
{
  PrlAwsSigner *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  self = g_object_new (PRL_TYPE_AWS_SIGNER, NULL);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token
      = session_token != NULL && *session_token != '\0' ? g_strdup (session_token) : NULL;
  self->region = g_strdup (region);
  self->service = g_strdup (service);
  self->flags = flags;
  return self;
}

const char *
prl_aws_signer_get_region (PrlAwsSigner *self)
{
  g_return_val_if_fail (PRL_IS_AWS_SIGNER (self), NULL);
  return self->region;
}

const char *
prl_aws_signer_get_access_key_id (PrlAwsSigner *self)
{
  g_return_val_if_fail (PRL_IS_AWS_SIGNER (self), NULL);
  return self->access_key_id;
}

gint64
prl_aws_signer_get_clock_offset (PrlAwsSigner *self)
{
  g_return_val_if_fail (PRL_IS_AWS_SIGNER (self), 0);
  return g_atomic_int_get (&self->clock_offset);
}

void
prl_aws_signer_set_clock_offset (PrlAwsSigner *self, gint64 offset_seconds)
{
  g_return_if_fail (PRL_IS_AWS_SIGNER (self));
  g_atomic_int_set (&self->clock_offset,
                    (gint)CLAMP (offset_seconds, G_MININT, G_MAXINT));
}
