/* prl-http-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-http-error.h"
#include "prl-http-private.h"

G_DEFINE_QUARK (PrlHttpErrorQuark, prl_http_error)

static const char *
describe_certificate (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _ ("its certificate belongs to a different server name");
  if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return _ ("its certificate has expired or is not valid yet (is this computer’s clock "
              "right?)");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _ ("its certificate was revoked");
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _ ("its certificate is not signed by an authority this computer trusts");
  return _ ("the secure connection could not be set up");
}

/* Turns a libsoup/GIO failure into a PRL_HTTP_ERROR with advice. */
void
_prl_http_set_transport_error (PrlHttpSend *send,
                               SoupMessage *msg,
                               GError      *cause,
                               gboolean    *retryable,
                               GError     **error)
{
  const char *host = g_uri_get_host (send->request->uri);

  *retryable = FALSE;
  if (cause->domain == G_TLS_ERROR)
    g_set_error (
        error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TLS,
        _ ("Parlance refused the connection to %s: %s. Check the endpoint URL; "
           "if it is your own server, install its certificate authority."),
        host, describe_certificate (soup_message_get_tls_peer_certificate_errors (msg)));
  else if (cause->domain == G_RESOLVER_ERROR)
    {
      *retryable
          = g_error_matches (cause, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_NETWORK,
                   _ ("Could not find the server %s (%s). "
                      "Check the address and that this computer is online."),
                   host, cause->message);
    }
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
    {
      *retryable = TRUE;
      g_set_error (
          error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_NETWORK,
          _ ("Could not connect to %s (%s). "
             "Check that this computer is online and the proxy settings are right."),
          host, cause->message);
    }
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *retryable = TRUE;
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TIMEOUT,
                   _ ("%s stopped answering (%s). The network or the service is slow; "
                      "try again later."),
                   host, cause->message);
    }
  else if (cause->domain == SOUP_SESSION_ERROR
           && cause->code != SOUP_SESSION_ERROR_PARSING
           && cause->code != SOUP_SESSION_ERROR_ENCODING)
    g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                 _ ("The request to %s could not be sent (%s). Check the endpoint URL."),
                 host, cause->message);
  else if (cause->domain == PRL_HTTP_ERROR)
    g_propagate_error (error, g_error_copy (cause));
  else
    {
      *retryable = TRUE;
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_CONNECTION,
                   _ ("The connection to %s broke off (%s)."), host, cause->message);
    }
}
