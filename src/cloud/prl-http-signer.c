/* prl-http-signer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include "prl-http-response.h"
#include "prl-http-signer.h"

G_DEFINE_INTERFACE (PrlHttpSigner, prl_http_signer, G_TYPE_OBJECT)

static void
prl_http_signer_default_init (PrlHttpSignerInterface *iface)
{
}

gboolean
prl_http_signer_sign (PrlHttpSigner      *self,
                      const char         *method,
                      GUri               *uri,
                      SoupMessageHeaders *headers,
                      const char         *payload_hash,
                      GError            **error)
{
  g_return_val_if_fail (PRL_IS_HTTP_SIGNER (self), FALSE);
  g_return_val_if_fail (PRL_HTTP_SIGNER_GET_IFACE (self)->sign != NULL, FALSE);

  return PRL_HTTP_SIGNER_GET_IFACE (self)->sign (self, method, uri, headers, payload_hash,
                                                 error);
}

gboolean
prl_http_signer_retry_after_response (PrlHttpSigner *self, PrlHttpResponse *response)
{
  PrlHttpSignerInterface *iface;

  g_return_val_if_fail (PRL_IS_HTTP_SIGNER (self), FALSE);

  iface = PRL_HTTP_SIGNER_GET_IFACE (self);
  return iface->retry_after_response != NULL
         && iface->retry_after_response (self, response);
}
