/* prl-http-request.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <unistd.h>

#include "prl-file-open.h"
#include "prl-http-error.h"
#include "prl-http-private.h"

G_DEFINE_FINAL_TYPE (PrlHttpRequest, prl_http_request, G_TYPE_OBJECT)

static void
clear_body (PrlHttpRequest *self)
{
  g_clear_pointer (&self->body_bytes, g_bytes_unref);
  if (self->body_destroy != NULL)
    self->body_destroy (self->body_data);
  self->body_func = NULL;
  self->body_data = NULL;
  self->body_destroy = NULL;
  g_clear_pointer (&self->body_path, g_free);
  g_clear_pointer (&self->payload_hash, g_free);
  self->body_offset = 0;
  self->body_length = 0;
}

static void
prl_http_request_finalize (GObject *object)
{
  PrlHttpRequest *self = PRL_HTTP_REQUEST (object);

  clear_body (self);
  g_free (self->method);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_free (self->content_type);
  g_clear_object (&self->sink_stream);
  g_clear_object (&self->sink_file);
  g_clear_object (&self->signer);

  G_OBJECT_CLASS (prl_http_request_parent_class)->finalize (object);
}

static void
prl_http_request_class_init (PrlHttpRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_http_request_finalize;
}

static void
prl_http_request_init (PrlHttpRequest *self)
{
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
}

/* Returns NULL with PRL_HTTP_ERROR_INVALID_REQUEST unless @uri is an absolute
 * http or https URL. */
PrlHttpRequest *
prl_http_request_new (const char *method, const char *uri, GError **error)
{
  g_autoptr (PrlHttpRequest) self = NULL;
  g_autoptr (GUri) parsed = NULL;
  const char *scheme;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL || g_uri_get_host (parsed) == NULL
      || *g_uri_get_host (parsed) == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0
          && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                   _ ("“%s” is not a web address Parlance can use. "
                      "Enter a full address that starts with https://."),
                   uri);
      return NULL;
    }

  self = g_object_new (PRL_TYPE_HTTP_REQUEST, NULL);
  self->method = g_ascii_strup (method, -1);
  self->uri = g_steal_pointer (&parsed);
  return g_steal_pointer (&self);
}

const char *
prl_http_request_get_method (PrlHttpRequest *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_REQUEST (self), NULL);
  return self->method;
}

GUri *
prl_http_request_get_uri (PrlHttpRequest *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_REQUEST (self), NULL);
  return self->uri;
}

void
prl_http_request_set_header (PrlHttpRequest *self, const char *name, const char *value)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL);

  if (value != NULL)
    soup_message_headers_replace (self->headers, name, value);
  else
    soup_message_headers_remove (self->headers, name);
}

const char *
prl_http_request_get_header (PrlHttpRequest *self, const char *name)
{
  g_return_val_if_fail (PRL_IS_HTTP_REQUEST (self), NULL);
  return soup_message_headers_get_one (self->headers, name);
}

static void
set_content_type (PrlHttpRequest *self, const char *content_type)
{
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
}

/* The SHA-256 of an in-memory body is computed here, so a signer always
 * has the real payload hash for it. */
void
prl_http_request_set_body_bytes (PrlHttpRequest *self,
                                 GBytes         *body,
                                 const char     *content_type)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_return_if_fail (body != NULL);

  clear_body (self);
  self->body_bytes = g_bytes_ref (body);
  self->body_length = g_bytes_get_size (body);
  self->payload_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  set_content_type (self, content_type);
}

/* @content_type NULL means application/json; AWS JSON protocols want
 * application/x-amz-json-1.1. */
void
prl_http_request_set_body_json (PrlHttpRequest *self,
                                JsonNode       *node,
                                const char     *content_type)
{
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length = 0;
  char *text;

  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_return_if_fail (node != NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);
  prl_http_request_set_body_bytes (
      self, bytes, content_type != NULL ? content_type : "application/json");
}

/* @length is the exact number of bytes @open_func's streams give, or -1 for
 * a chunked upload. */
void
prl_http_request_set_body_func (PrlHttpRequest     *self,
                                PrlHttpBodyOpenFunc open_func,
                                gpointer            user_data,
                                GDestroyNotify      destroy,
                                goffset             length,
                                const char         *content_type)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_return_if_fail (open_func != NULL);

  clear_body (self);
  self->body_func = open_func;
  self->body_data = user_data;
  self->body_destroy = destroy;
  self->body_length = length;
  set_content_type (self, content_type);
}

/* Sends @length bytes of the file at @path from @offset (-1: to its end).
 * The file is opened again for each attempt and never held in memory. */
void
prl_http_request_set_body_file (PrlHttpRequest *self,
                                const char     *path,
                                goffset         offset,
                                goffset         length,
                                const char     *content_type)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (offset >= 0);

  clear_body (self);
  self->body_path = g_strdup (path);
  self->body_offset = offset;
  self->body_length = length;
  set_content_type (self, content_type);
}

/* For streamed bodies whose hash the caller computed (S3 parts), or
 * "UNSIGNED-PAYLOAD". Call after setting the body. */
void
prl_http_request_set_payload_hash (PrlHttpRequest *self, const char *payload_hash)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));

  g_free (self->payload_hash);
  self->payload_hash = g_strdup (payload_hash);
}

const char *
prl_http_request_get_payload_hash (PrlHttpRequest *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_REQUEST (self), NULL);

  if (self->payload_hash != NULL)
    return self->payload_hash;
  if (!_prl_http_request_has_body (self))
    /* SHA-256 of the empty string. */
    return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  return "UNSIGNED-PAYLOAD";
}

/* A successful answer's body is written to @stream instead of memory. A
 * retry after a partial write needs @stream to be seekable and truncatable;
 * otherwise a broken download is reported, not retried. */
void
prl_http_request_set_response_stream (PrlHttpRequest *self, GOutputStream *stream)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_set_object (&self->sink_stream, stream);
  g_clear_object (&self->sink_file);
}

/* A successful answer's body replaces @file; each attempt starts it anew. */
void
prl_http_request_set_response_file (PrlHttpRequest *self, GFile *file)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_set_object (&self->sink_file, file);
  g_clear_object (&self->sink_stream);
}

void
prl_http_request_set_max_response_size (PrlHttpRequest *self, gsize max_size)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  self->max_response_size = max_size;
}

void
prl_http_request_set_timeout (PrlHttpRequest *self, guint timeout_ms)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  self->timeout_ms = timeout_ms;
}

void
prl_http_request_set_deadline (PrlHttpRequest *self, guint deadline_ms)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  self->deadline_ms = deadline_ms;
}

void
prl_http_request_set_signer (PrlHttpRequest *self, PrlHttpSigner *signer)
{
  g_return_if_fail (PRL_IS_HTTP_REQUEST (self));
  g_set_object (&self->signer, signer);
}

gboolean
_prl_http_request_has_body (PrlHttpRequest *self)
{
  return self->body_bytes != NULL || self->body_func != NULL || self->body_path != NULL;
}

static GInputStream *
open_file_range (PrlHttpRequest *self,
                 goffset        *length,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr (GInputStream) stream = NULL;
  guint64 size = 0;
  int     fd;

  stream = prl_file_open_regular (self->body_path, 0, &size, cancellable, error);
  if (stream == NULL)
    return NULL;
  if ((guint64)self->body_offset > size
      || (self->body_length >= 0
          && (guint64)(self->body_offset + self->body_length) > size))
    {
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                   _ ("“%s” is shorter than the part to upload. "
                      "It changed since the upload began; start the upload again."),
                   self->body_path);
      return NULL;
    }

  fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stream));
  if (lseek (fd, self->body_offset, SEEK_SET) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not read “%s”: %s"), self->body_path, g_strerror (saved));
      return NULL;
    }

  *length
      = self->body_length >= 0 ? self->body_length : (goffset)size - self->body_offset;
  return _prl_http_range_stream_new (stream, *length);
}

/* A fresh stream over the whole body for one attempt, and its length
 * (-1 when unknown); NULL without error when there is no body. */
GInputStream *
_prl_http_request_open_body (PrlHttpRequest *self,
                             goffset        *length,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr (GInputStream) stream = NULL;

  *length = self->body_length;
  if (self->body_bytes != NULL)
    return g_memory_input_stream_new_from_bytes (self->body_bytes);
  if (self->body_path != NULL)
    return open_file_range (self, length, cancellable, error);
  if (self->body_func == NULL)
    return NULL;

  stream = self->body_func (self->body_data, cancellable, error);
  if (stream == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                             _ ("The data to upload could not be opened."));
      return NULL;
    }
  if (self->body_length < 0)
    return g_steal_pointer (&stream);

  /* Never send more than the Content-Length announced. */
  return _prl_http_range_stream_new (stream, self->body_length);
}
