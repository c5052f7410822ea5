/* prl-http-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-http-request.h"
#include "prl-http-response.h"

G_BEGIN_DECLS

struct _PrlHttpRequest
{
  GObject              parent_instance;

  char                *method;
  GUri                *uri;
  SoupMessageHeaders  *headers;
  char                *content_type;
  char                *payload_hash;

  /* Exactly one body source, or none. */
  GBytes              *body_bytes;
  PrlHttpBodyOpenFunc  body_func;
  gpointer             body_data;
  GDestroyNotify       body_destroy;
  char                *body_path;
  goffset              body_offset;
  goffset              body_length; /* -1: unknown (chunked) */

  GOutputStream       *sink_stream;
  GFile               *sink_file;
  gsize                max_response_size; /* 0: the client's default */
  guint                timeout_ms;        /* 0: the client's default */
  guint                deadline_ms;       /* 0: the client's default */
  PrlHttpSigner       *signer;
};

GInputStream    *_prl_http_request_open_body (PrlHttpRequest     *self,
                                              goffset            *length,
                                              GCancellable       *cancellable,
                                              GError            **error);
gboolean         _prl_http_request_has_body  (PrlHttpRequest     *self);

PrlHttpResponse *_prl_http_response_new      (guint               status,
                                              const char         *reason,
                                              SoupMessageHeaders *headers,
                                              GBytes             *body,
                                              guint64             body_size,
                                              guint               attempts);

typedef struct _PrlHttpClient PrlHttpClient;

/* The state of one request across its attempts (prl-http-attempt.c). */
typedef struct
{
  SoupSession    *session;
  GPtrArray      *extra_cas;     /* (element-type GTlsDatabase) */
  GMainContext   *timer_context; /* runs the per-attempt timeouts */
  PrlHttpRequest *request;
  char           *log_uri;       /* redacted */
  gint64          deadline;      /* monotonic µs */
  guint           timeout_ms;
  gsize           max_response_size;
  gboolean        sink_dirty;    /* an earlier attempt wrote into the sink stream */
  goffset         sink_start;
} PrlHttpSend;

PrlHttpResponse *_prl_http_send_attempt       (PrlHttpSend        *send,
                                               guint               attempt,
                                               GCancellable       *cancellable,
                                               gboolean           *retryable,
                                               GError            **error);

/* For tests that check how the session is set up. */
SoupSession     *_prl_http_client_get_session (PrlHttpClient      *self);

GInputStream    *_prl_http_range_stream_new   (GInputStream       *base,
                                               guint64             length);
void             _prl_http_set_transport_error (PrlHttpSend       *send,
                                                SoupMessage       *msg,
                                                GError            *cause,
                                                gboolean          *retryable,
                                                GError           **error);

/* Retry policy (prl-http-retry.c). */
gboolean         _prl_http_sleep              (gint64              ms,
                                               GCancellable       *cancellable);
gint64           _prl_http_retry_after_ms     (PrlHttpResponse    *response);
gboolean         _prl_http_should_retry       (PrlHttpResponse    *response,
                                               char              **code);
gint64           _prl_http_backoff_ms         (guint               base_ms,
                                               guint               cap_ms,
                                               guint               attempt);

G_END_DECLS
