/* prl-http-attempt.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One attempt of a request: build the message, sign it, send it under a
 * watchdog timeout and read the answer, then sort a failure into "worth
 * another try" or not. The retry loop is in prl-http-client.c.
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-http-client.h"
#include "prl-http-private.h"

#define READ_CHUNK (64 * 1024)
/* An error answer's body is only read for its error code and message. */
#define ERROR_BODY_MAX (256 * 1024)

/* Shared by the attempt and its timeout source, which may fire on the
 * timer thread while the attempt is finishing. */
typedef struct
{
  GCancellable *cancellable;
  gint          fired;
} Watchdog;

static void
watchdog_clear (Watchdog *dog)
{
  g_clear_object (&dog->cancellable);
}

static void
watchdog_release (gpointer dog)
{
  g_atomic_rc_box_release_full (dog, (GDestroyNotify)watchdog_clear);
}

static gboolean
watchdog_fire_cb (gpointer user_data)
{
  Watchdog *dog = user_data;

  g_atomic_int_set (&dog->fired, 1);
  g_cancellable_cancel (dog->cancellable);
  return G_SOURCE_REMOVE;
}

static void
cancel_child_cb (GCancellable *parent, GCancellable *child)
{
  g_cancellable_cancel (child);
}

/* Certificates that fail only because their authority is unknown are
 * checked against the CAs added with prl_http_client_add_ca_file(). Any
 * other fault (wrong host, expired) is never accepted. */
static gboolean
accept_certificate_cb (SoupMessage         *msg,
                       GTlsCertificate     *certificate,
                       GTlsCertificateFlags errors,
                       gpointer             user_data)
{
  GPtrArray *extra_cas = user_data;

  if (errors != G_TLS_CERTIFICATE_UNKNOWN_CA)
    return FALSE;
  for (guint i = 0; i < extra_cas->len; i++)
    if (g_tls_database_verify_chain (g_ptr_array_index (extra_cas, i), certificate,
                                     G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, NULL,
                                     NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL)
        == 0)
      return TRUE;
  return FALSE;
}

static SoupMessage *
build_message (PrlHttpSend *send, GCancellable *cancellable, GError **error)
{
  PrlHttpRequest *request = send->request;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GInputStream) body = NULL;
  g_autoptr (GError) local_error = NULL;
  SoupMessageHeaders    *headers;
  SoupMessageHeadersIter iter;
  const char            *name, *value;
  goffset                length = -1;

  msg = soup_message_new_from_uri (request->method, request->uri);
  /* A redirect is the caller's to read (S3 names the bucket's region in
   * it), and a signed request must not be replayed to another host. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_iter_init (&iter, request->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (headers, name, value);

  body = _prl_http_request_open_body (request, &length, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (body != NULL)
    soup_message_set_request_body (msg, request->content_type, body, length);

  if (request->signer != NULL
      && !prl_http_signer_sign (request->signer, request->method, request->uri, headers,
                                prl_http_request_get_payload_hash (request),
                                &local_error))
    {
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_SIGNING,
                   _ ("The request could not be signed: %s"), local_error->message);
      return NULL;
    }

  if (send->extra_cas->len > 0)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                      send->extra_cas);
  return g_steal_pointer (&msg);
}

/* Where a successful body goes this attempt; NULL with *to_memory for
 * memory. A sink that was written to by an earlier attempt is rewound. */
static GOutputStream *
open_sink (PrlHttpSend *send, GCancellable *cancellable, GError **error)
{
  PrlHttpRequest *request = send->request;
  GOutputStream  *sink = request->sink_stream;

  if (request->sink_file != NULL)
    return G_OUTPUT_STREAM (g_file_replace (request->sink_file, NULL, FALSE,
                                            G_FILE_CREATE_REPLACE_DESTINATION,
                                            cancellable, error));
  if (sink == NULL)
    return NULL;
  if (!send->sink_dirty)
    {
      send->sink_start = G_IS_SEEKABLE (sink) ? g_seekable_tell (G_SEEKABLE (sink)) : 0;
      return g_object_ref (sink);
    }
  if (!G_IS_SEEKABLE (sink) || !g_seekable_can_truncate (G_SEEKABLE (sink))
      || !g_seekable_seek (G_SEEKABLE (sink), send->sink_start, G_SEEK_SET, cancellable,
                           NULL)
      || !g_seekable_truncate (G_SEEKABLE (sink), send->sink_start, cancellable, NULL))
    {
      g_set_error (
          error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_CONNECTION,
          _ ("The download from %s broke off and cannot be restarted into the same "
             "stream. Start it again."),
          g_uri_get_host (request->uri));
      return NULL;
    }
  return g_object_ref (sink);
}

/* Reads the answer into memory (bounded) or the sink. *retryable tells a
 * broken connection from a fault that another try would not fix. */
static GBytes *
read_body (PrlHttpSend  *send,
           SoupMessage  *msg,
           GInputStream *in,
           guint64      *received,
           GCancellable *cancellable,
           gboolean     *retryable,
           GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  gboolean            success = SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg));
  goffset             expected = -1;
  gsize               limit = success ? send->max_response_size : ERROR_BODY_MAX;
  g_autoptr (GOutputStream) sink = NULL;
  g_autoptr (GByteArray) memory = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  const char        *host = g_uri_get_host (send->request->uri);

  *retryable = FALSE;
  /* With a Content-Encoding (gzip from a wiki), libsoup's content decoder
   * hands us the inflated bytes while Content-Length counts the
   * compressed ones: the length says nothing about what we read. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && g_strcmp0 (send->request->method, "HEAD") != 0
      && (soup_message_headers_get_one (headers, "Content-Encoding") == NULL
          || g_ascii_strcasecmp (
                 soup_message_headers_get_one (headers, "Content-Encoding"), "identity")
                 == 0))
    expected = soup_message_headers_get_content_length (headers);

  if (success)
    {
      sink = open_sink (send, cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (sink == NULL)
    {
      if (success && expected >= 0 && (guint64)expected > limit)
        goto too_large;
      memory = g_byte_array_new ();
    }

  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, READ_CHUNK, cancellable, &local_error);

      if (n < 0)
        {
          *retryable = TRUE;
          if (expected < 0
              || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            {
              g_autofree char *got = g_format_size (*received);
              g_autofree char *want = g_format_size (expected);

              g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TRUNCATED,
                           _ ("The answer from %s was cut short after %s of %s (%s). "
                              "The connection is unreliable; try again."),
                           host, got, want, local_error->message);
            }
          return NULL;
        }
      if (n == 0)
        break;
      if (sink != NULL)
        {
          send->sink_dirty = TRUE;
          if (!g_output_stream_write_all (sink, buffer, n, NULL, cancellable,
                                          &local_error))
            {
              g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                           _ ("Could not save the download from %s: %s"), host,
                           local_error->message);
              return NULL;
            }
        }
      else if (memory->len + (gsize)n > limit)
        {
          if (success)
            goto too_large;
          break;
        }
      else
        g_byte_array_append (memory, buffer, n);
      *received += n;
    }

  if (expected >= 0 && *received < (guint64)expected)
    {
      g_autofree char *got = g_format_size (*received);
      g_autofree char *want = g_format_size (expected);

      *retryable = TRUE;
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TRUNCATED,
                   _ ("The answer from %s was cut short: %s of %s arrived. "
                      "The connection is unreliable; try again."),
                   host, got, want);
      return NULL;
    }
  /* A file is ours to close; a caller's stream is only flushed. */
  if (sink != NULL
      && !(send->request->sink_file != NULL
               ? g_output_stream_close (sink, cancellable, &local_error)
               : g_output_stream_flush (sink, cancellable, &local_error)))
    {
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                   _ ("Could not save the download from %s: %s"), host,
                   local_error->message);
      return NULL;
    }
  return memory != NULL ? g_byte_array_free_to_bytes (g_steal_pointer (&memory)) : NULL;

too_large:
  {
    g_autofree char *most = g_format_size (limit);

    g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_RESPONSE_TOO_LARGE,
                 _ ("The answer from %s is larger than the %s Parlance accepts for it. "
                    "Check the endpoint URL; it may not be the service you meant."),
                 host, most);
  }
  return NULL;
}

PrlHttpResponse *
_prl_http_send_attempt (PrlHttpSend  *send,
                        guint         attempt,
                        GCancellable *cancellable,
                        gboolean     *retryable,
                        GError      **error)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GCancellable) attempt_cancellable = g_cancellable_new ();
  g_autoptr (GSource) timer = NULL;
  Watchdog *dog;
  gulong    parent_handler = 0;
  gint64    start = g_get_monotonic_time ();
  gint64    budget_ms;
  guint64   received = 0;
  gboolean  timed_out;

  *retryable = FALSE;
  budget_ms = MIN ((gint64)send->timeout_ms, (send->deadline - start + 999) / 1000);
  dog = g_atomic_rc_box_new0 (Watchdog);
  dog->cancellable = g_object_ref (attempt_cancellable);
  timer = g_timeout_source_new (MAX (budget_ms, 0));
  g_source_set_callback (timer, watchdog_fire_cb, g_atomic_rc_box_acquire (dog),
                         watchdog_release);
  g_source_attach (timer, send->timer_context);
  if (cancellable != NULL)
    parent_handler
        = g_cancellable_connect (cancellable, G_CALLBACK (cancel_child_cb),
                                 g_object_ref (attempt_cancellable), g_object_unref);

  g_debug ("%s %s: attempt %u", send->request->method, send->log_uri, attempt);
  msg = build_message (send, attempt_cancellable, &local_error);
  if (msg != NULL)
    in = soup_session_send (send->session, msg, attempt_cancellable, &local_error);
  if (in != NULL)
    {
      body = read_body (send, msg, in, &received, attempt_cancellable, retryable,
                        &local_error);
      g_input_stream_close (in, NULL, NULL);
    }

  g_source_destroy (timer);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, parent_handler);
  timed_out = g_atomic_int_get (&dog->fired);
  watchdog_release (dog);

  if (local_error == NULL)
    {
      guint status = soup_message_get_status (msg);

      g_debug ("%s %s: %u %s in %" G_GINT64_FORMAT " ms (attempt %u, %" G_GUINT64_FORMAT
               " bytes)",
               send->request->method, send->log_uri, status,
               soup_message_get_reason_phrase (msg),
               (g_get_monotonic_time () - start) / 1000, attempt, received);
      return _prl_http_response_new (status, soup_message_get_reason_phrase (msg),
                                     soup_message_get_response_headers (msg), body,
                                     received, attempt);
    }

  g_debug ("%s %s: attempt %u failed after %" G_GINT64_FORMAT " ms",
           send->request->method, send->log_uri, attempt,
           (g_get_monotonic_time () - start) / 1000);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("The request was cancelled."));
      return NULL;
    }
  if (timed_out && g_get_monotonic_time () >= send->deadline)
    g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_DEADLINE,
                 _ ("%s did not finish the request in the time allowed. "
                    "The network or the service is slow; try again later."),
                 g_uri_get_host (send->request->uri));
  else if (timed_out)
    {
      *retryable = TRUE;
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TIMEOUT,
                   _ ("%s did not answer within %u seconds. "
                      "The network or the service is slow; try again later."),
                   g_uri_get_host (send->request->uri), (send->timeout_ms + 999) / 1000);
    }
  else if (msg == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (local_error->domain == PRL_HTTP_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    _prl_http_set_transport_error (send, msg, local_error, retryable, error);
  return NULL;
}
