/* prl-http-signer.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _PrlHttpResponse PrlHttpResponse;

#define PRL_TYPE_HTTP_SIGNER (prl_http_signer_get_type ())

G_DECLARE_INTERFACE (PrlHttpSigner, prl_http_signer, PRL, HTTP_SIGNER, GObject)

/* The hook through which a request is authenticated (SigV4, IAM bearer
 * tokens, ...). PrlHttpClient calls sign() on the thread that sends, just
 * before every attempt, on fresh headers, so each retry carries a new date
 * and signature. @payload_hash is the lowercase hex SHA-256 of the body, or
 * "UNSIGNED-PAYLOAD" when the request streams a body whose hash its creator
 * did not give. Implementations must be thread-safe.
 *
 * retry_after_response() is optional: it sees each error answer (status >= 400)
 * and returns TRUE when the signer changed its own state so that signing again
 * fixes it (a corrected clock offset after RequestTimeTooSkewed). The client
 * then re-signs and resends at once, at most once per request. */
struct _PrlHttpSignerInterface
{
  GTypeInterface parent_iface;

  gboolean (*sign)                 (PrlHttpSigner       *self,
                                    const char          *method,
                                    GUri                *uri,
                                    SoupMessageHeaders  *headers,
                                    const char          *payload_hash,
                                    GError             **error);
  gboolean (*retry_after_response) (PrlHttpSigner       *self,
                                    PrlHttpResponse     *response);
};

gboolean prl_http_signer_sign                 (PrlHttpSigner       *self,
                                               const char          *method,
                                               GUri                *uri,
                                               SoupMessageHeaders  *headers,
                                               const char          *payload_hash,
                                               GError             **error);
gboolean prl_http_signer_retry_after_response (PrlHttpSigner       *self,
                                               PrlHttpResponse     *response);

G_END_DECLS
