/* prl-http-request.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "prl-http-signer.h"

G_BEGIN_DECLS

#define PRL_TYPE_HTTP_REQUEST (prl_http_request_get_type ())

G_DECLARE_FINAL_TYPE (PrlHttpRequest, prl_http_request, PRL, HTTP_REQUEST, GObject)

/* Opens the request body from its start, once per attempt, so a retry sends
 * the same bytes again without holding them in memory. */
typedef GInputStream *(*PrlHttpBodyOpenFunc) (gpointer       user_data,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* A request is built on one thread and must not be changed while the client
 * sends it. */
PrlHttpRequest *prl_http_request_new                   (const char           *method,
                                                        const char           *uri,
                                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
const char     *prl_http_request_get_method            (PrlHttpRequest       *self);
GUri           *prl_http_request_get_uri               (PrlHttpRequest       *self);
void            prl_http_request_set_header            (PrlHttpRequest       *self,
                                                        const char           *name,
                                                        const char           *value);
const char     *prl_http_request_get_header            (PrlHttpRequest       *self,
                                                        const char           *name);

void            prl_http_request_set_body_bytes        (PrlHttpRequest       *self,
                                                        GBytes               *body,
                                                        const char           *content_type);
void            prl_http_request_set_body_json         (PrlHttpRequest       *self,
                                                        JsonNode             *node,
                                                        const char           *content_type);
void            prl_http_request_set_body_func         (PrlHttpRequest       *self,
                                                        PrlHttpBodyOpenFunc   open_func,
                                                        gpointer              user_data,
                                                        GDestroyNotify        destroy,
                                                        goffset               length,
                                                        const char           *content_type);
void            prl_http_request_set_body_file         (PrlHttpRequest       *self,
                                                        const char           *path,
                                                        goffset               offset,
                                                        goffset               length,
                                                        const char           *content_type);
void            prl_http_request_set_payload_hash      (PrlHttpRequest       *self,
                                                        const char           *payload_hash);
const char     *prl_http_request_get_payload_hash      (PrlHttpRequest       *self);

void            prl_http_request_set_response_stream   (PrlHttpRequest       *self,
                                                        GOutputStream        *stream);
void            prl_http_request_set_response_file     (PrlHttpRequest       *self,
                                                        GFile                *file);
void            prl_http_request_set_max_response_size (PrlHttpRequest       *self,
                                                        gsize                 max_size);
void            prl_http_request_set_timeout           (PrlHttpRequest       *self,
                                                        guint                 timeout_ms);
void            prl_http_request_set_deadline          (PrlHttpRequest       *self,
                                                        guint                 deadline_ms);
void            prl_http_request_set_signer            (PrlHttpRequest       *self,
                                                        PrlHttpSigner        *signer);

G_END_DECLS
