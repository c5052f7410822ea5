/* prl-http-response.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "prl-http-xml.h"

G_BEGIN_DECLS

#define PRL_TYPE_HTTP_RESPONSE (prl_http_response_get_type ())

G_DECLARE_FINAL_TYPE (PrlHttpResponse, prl_http_response, PRL, HTTP_RESPONSE, GObject)

/* The final answer to a request, after retries. Error statuses that were
 * not worth retrying (404, 403, ...) are answers too: the caller reads the
 * service's error code and says what it means. */
guint               prl_http_response_get_status     (PrlHttpResponse  *self);
const char         *prl_http_response_get_reason     (PrlHttpResponse  *self);
gboolean            prl_http_response_is_success     (PrlHttpResponse  *self);
SoupMessageHeaders *prl_http_response_get_headers    (PrlHttpResponse  *self);
const char         *prl_http_response_get_header     (PrlHttpResponse  *self,
                                                      const char       *name);
GBytes             *prl_http_response_get_body       (PrlHttpResponse  *self);
guint64             prl_http_response_get_body_size  (PrlHttpResponse  *self);
guint               prl_http_response_get_attempts   (PrlHttpResponse  *self);
JsonNode           *prl_http_response_get_json       (PrlHttpResponse  *self,
                                                      GError          **error) G_GNUC_WARN_UNUSED_RESULT;
PrlXmlNode         *prl_http_response_get_xml        (PrlHttpResponse  *self,
                                                      GError          **error) G_GNUC_WARN_UNUSED_RESULT;
char               *prl_http_response_dup_error_code (PrlHttpResponse  *self);

G_END_DECLS
