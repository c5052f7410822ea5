/* prl-http-client.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-http-error.h"
#include "prl-http-request.h"
#include "prl-http-response.h"

G_BEGIN_DECLS

#define PRL_TYPE_HTTP_CLIENT (prl_http_client_get_type ())

G_DECLARE_FINAL_TYPE (PrlHttpClient, prl_http_client, PRL, HTTP_CLIENT, GObject)

/* One SoupSession for every cloud call: user agent Parlance/VERSION, the
 * desktop's proxy settings, TLS verification always on, retries with
 * exponential back-off and full jitter, a total deadline per request.
 * Configure it before the first request; after that it may be used from
 * any thread. */
PrlHttpClient   *prl_http_client_new               (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean         prl_http_client_add_ca_file       (PrlHttpClient        *self,
                                                    const char           *path,
                                                    GError              **error);
void             prl_http_client_set_max_attempts  (PrlHttpClient        *self,
                                                    guint                 max_attempts);
void             prl_http_client_set_backoff       (PrlHttpClient        *self,
                                                    guint                 base_ms,
                                                    guint                 cap_ms);
void             prl_http_client_set_timeout       (PrlHttpClient        *self,
                                                    guint                 timeout_ms);
void             prl_http_client_set_deadline      (PrlHttpClient        *self,
                                                    guint                 deadline_ms);
void             prl_http_client_set_user_agent    (PrlHttpClient        *self,
                                                    const char           *user_agent);

/* Blocks; for worker threads (the job manager's, S3's part uploaders). */
PrlHttpResponse *prl_http_client_send              (PrlHttpClient        *self,
                                                    PrlHttpRequest       *request,
                                                    GCancellable         *cancellable,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void             prl_http_client_send_async        (PrlHttpClient        *self,
                                                    PrlHttpRequest       *request,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
PrlHttpResponse *prl_http_client_send_finish       (PrlHttpClient        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* The URL as it may appear in a log: query values that carry credentials or
 * signatures and any user:password are replaced. */
char            *prl_http_redact_uri               (GUri                 *uri) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
