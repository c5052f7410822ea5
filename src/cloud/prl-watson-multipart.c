/* prl-watson-multipart.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include "prl-file-open.h"
#include "prl-http-private.h"
#include "prl-watson-private.h"

/* Reads several streams one after the other: the multipart head, the file,
 * the multipart tail. The file is never held in memory, so a corpus of any
 * size is sent in constant memory. */
#define PRL_TYPE_WATSON_CONCAT_STREAM (prl_watson_concat_stream_get_type ())
G_DECLARE_FINAL_TYPE (PrlWatsonConcatStream,
                      prl_watson_concat_stream,
                      PRL,
                      WATSON_CONCAT_STREAM,
                      GInputStream)

struct _PrlWatsonConcatStream
{
  GInputStream  parent_instance;
  GInputStream *parts[3];
  guint         current;
};

G_DEFINE_FINAL_TYPE (PrlWatsonConcatStream, prl_watson_concat_stream, G_TYPE_INPUT_STREAM)

static gssize
prl_watson_concat_stream_read (GInputStream *stream,
                               void         *buffer,
                               gsize         count,
                               GCancellable *cancellable,
                               GError      **error)
{
  PrlWatsonConcatStream *self = PRL_WATSON_CONCAT_STREAM (stream);

  while (self->current < G_N_ELEMENTS (self->parts))
    {
      gssize n = g_input_stream_read (self->parts[self->current], buffer, count,
                                      cancellable, error);

      if (n != 0)
        return n;
      self->current++;
    }
  return 0;
}

static gboolean
prl_watson_concat_stream_close (GInputStream *stream,
                                GCancellable *cancellable,
                                GError      **error)
{
  PrlWatsonConcatStream *self = PRL_WATSON_CONCAT_STREAM (stream);
  gboolean               ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (self->parts); i++)
    ok = g_input_stream_close (self->parts[i], cancellable, ok ? error : NULL) && ok;
  return ok;
}

static void
prl_watson_concat_stream_finalize (GObject *object)
{
  PrlWatsonConcatStream *self = PRL_WATSON_CONCAT_STREAM (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->parts); i++)
    g_clear_object (&self->parts[i]);
  G_OBJECT_CLASS (prl_watson_concat_stream_parent_class)->finalize (object);
}

static void
prl_watson_concat_stream_class_init (PrlWatsonConcatStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = prl_watson_concat_stream_finalize;
  stream_class->read_fn = prl_watson_concat_stream_read;
  stream_class->close_fn = prl_watson_concat_stream_close;
}

static void
prl_watson_concat_stream_init (PrlWatsonConcatStream *self)
{
}

struct _PrlWatsonMultipart
{
  char   *path;
  guint64 size;
  GBytes *head;
  GBytes *tail;
  char   *content_type;
};

/* Checks that @path is a readable regular file and notes its size; the
 * body is read from it only when sent (and again on a retry). */
PrlWatsonMultipart *
_prl_watson_multipart_new (const char *path,
                           const char *part_name,
                           const char *part_type,
                           GError    **error)
{
  g_autoptr (GInputStream) probe = NULL;
  g_autofree char    *boundary = NULL;
  g_autofree char    *basename = NULL;
  PrlWatsonMultipart *self;
  guint64             size = 0;

  probe = prl_file_open_regular (path, 0, &size, NULL, error);
  if (probe == NULL)
    return NULL;

  /* A random boundary cannot occur in the text by chance. */
  boundary = g_strdup_printf ("prl-%08x%08x%08x%08x", g_random_int (), g_random_int (),
                              g_random_int (), g_random_int ());
  basename = g_path_get_basename (path);
  for (char *c = basename; *c != '\0'; c++)
    if (*c == '"' || *c == '\\' || *c == '\r' || *c == '\n')
      *c = '_';

  self = g_new0 (PrlWatsonMultipart, 1);
  self->path = g_strdup (path);
  self->size = size;
  {
    char *head = g_strdup_printf ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                                  "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n",
                                  boundary, part_name, basename, part_type);
    self->head = g_bytes_new_take (head, strlen (head));
  }
  {
    char *tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);
    self->tail = g_bytes_new_take (tail, strlen (tail));
  }
  self->content_type = g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
  return self;
}

void
_prl_watson_multipart_free (PrlWatsonMultipart *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_bytes_unref (self->head);
  g_bytes_unref (self->tail);
  g_free (self->content_type);
  g_free (self);
}

goffset
_prl_watson_multipart_get_length (PrlWatsonMultipart *self)
{
  return g_bytes_get_size (self->head) + self->size + g_bytes_get_size (self->tail);
}

const char *
_prl_watson_multipart_get_content_type (PrlWatsonMultipart *self)
{
  return self->content_type;
}

/* A PrlHttpBodyOpenFunc: the body from its start, once per attempt. */
GInputStream *
_prl_watson_multipart_open (gpointer data, GCancellable *cancellable, GError **error)
{
  PrlWatsonMultipart    *self = data;
  PrlWatsonConcatStream *stream;
  g_autoptr (GInputStream) file = NULL;
  guint64 size = 0;

  file = prl_file_open_regular (self->path, 0, &size, cancellable, error);
  if (file == NULL)
    return NULL;
  stream = g_object_new (PRL_TYPE_WATSON_CONCAT_STREAM, NULL);
  stream->parts[0] = g_memory_input_stream_new_from_bytes (self->head);
  /* Exactly the announced length, or an error if the file shrank. */
  stream->parts[1] = _prl_http_range_stream_new (file, self->size);
  stream->parts[2] = g_memory_input_stream_new_from_bytes (self->tail);
  return G_INPUT_STREAM (stream);
}
