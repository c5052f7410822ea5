/* prl-http-range-stream.c
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

/* Hands out at most a fixed number of bytes of another stream: a file
 * range becomes one part of a multipart upload without copying it. */
#define PRL_TYPE_HTTP_RANGE_STREAM (prl_http_range_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    PrlHttpRangeStream, prl_http_range_stream, PRL, HTTP_RANGE_STREAM, GInputStream)

struct _PrlHttpRangeStream
{
  GInputStream  parent_instance;
  GInputStream *base;
  guint64       remaining;
};

G_DEFINE_FINAL_TYPE (PrlHttpRangeStream, prl_http_range_stream, G_TYPE_INPUT_STREAM)

static gssize
prl_http_range_stream_read (GInputStream *stream,
                            void         *buffer,
                            gsize         count,
                            GCancellable *cancellable,
                            GError      **error)
{
  PrlHttpRangeStream *self = PRL_HTTP_RANGE_STREAM (stream);
  gssize              n;

  if (self->remaining == 0)
    return 0;
  n = g_input_stream_read (self->base, buffer, MIN (count, self->remaining), cancellable,
                           error);
  if (n == 0)
    {
      g_set_error_literal (
          error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
          _ ("The file to upload became shorter while it was being sent. "
             "Do not change it during the upload and try again."));
      return -1;
    }
  if (n > 0)
    self->remaining -= n;
  return n;
}

static gboolean
prl_http_range_stream_close (GInputStream *stream,
                             GCancellable *cancellable,
                             GError      **error)
{
  return g_input_stream_close (PRL_HTTP_RANGE_STREAM (stream)->base, cancellable, error);
}

static void
prl_http_range_stream_finalize (GObject *object)
{
  g_clear_object (&PRL_HTTP_RANGE_STREAM (object)->base);
  G_OBJECT_CLASS (prl_http_range_stream_parent_class)->finalize (object);
}

static void
prl_http_range_stream_class_init (PrlHttpRangeStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = prl_http_range_stream_finalize;
  stream_class->read_fn = prl_http_range_stream_read;
  stream_class->close_fn = prl_http_range_stream_close;
}

static void
prl_http_range_stream_init (PrlHttpRangeStream *self)
{
}

GInputStream *
_prl_http_range_stream_new (GInputStream *base, guint64 length)
{
  PrlHttpRangeStream *self = g_object_new (PRL_TYPE_HTTP_RANGE_STREAM, NULL);

  self->base = g_object_ref (base);
  self->remaining = length;
  return G_INPUT_STREAM (self);
}
