/* prl-http-error.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PRL_HTTP_ERROR (prl_http_error_quark ())

/* Errors of the cloud HTTP client. Cancellation is reported as
 * G_IO_ERROR_CANCELLED, never with this domain. */
typedef enum
{
  PRL_HTTP_ERROR_NETWORK,          /* host unknown or unreachable, connection refused */
  PRL_HTTP_ERROR_CONNECTION,       /* the connection dropped while talking */
  PRL_HTTP_ERROR_TIMEOUT,          /* one attempt took longer than its timeout */
  PRL_HTTP_ERROR_DEADLINE,         /* the request's total deadline passed */
  PRL_HTTP_ERROR_TLS,              /* certificate refused or TLS handshake failed */
  PRL_HTTP_ERROR_TOO_MANY_RETRIES, /* the server kept throttling or failing */
  PRL_HTTP_ERROR_RESPONSE_TOO_LARGE,
  PRL_HTTP_ERROR_TRUNCATED,        /* fewer bytes arrived than Content-Length said */
  PRL_HTTP_ERROR_BAD_RESPONSE,     /* a body that is not the JSON/XML it claims to be */
  PRL_HTTP_ERROR_INVALID_REQUEST,  /* bad URL, unreadable request body */
  PRL_HTTP_ERROR_SIGNING,          /* the signer refused the request */
} PrlHttpError;

GQuark prl_http_error_quark (void);

G_END_DECLS
