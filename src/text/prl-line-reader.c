/* prl-line-reader.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-line-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"

/*
 * Reads a stream line by line in constant memory, for files far larger than
 * memory. A line ends at "\n", "\r\n" or a lone "\r" (old Mac files, and
 * WebVTT allows it); the terminator is not part of the line, and a final
 * terminator does not start another line. A line longer than max_line bytes
 * is cut at a character boundary and flagged; the rest of it is skipped.
 *
 * The returned line is nul-terminated and stays valid until the next call.
 * Nul bytes inside a line are kept: use the length.
 */

#define CHUNK_SIZE (64 * 1024)

struct _PrlLineReader
{
  GInputStream *stream; /* (owned) */
  char         *buf;    /* (owned) CHUNK_SIZE bytes */
  gsize         start;
  gsize         end;
  GString      *line; /* (owned) */
  gsize         max_line;
  guint64       next_offset;
  gint64        offset;
  guint         line_no;
  gboolean      eof;
  gboolean      pending_cr;
  gboolean      truncated;
};

PrlLineReader *
prl_line_reader_new (GInputStream *stream, gsize max_line)
{
  PrlLineReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (PrlLineReader, 1);
  self->stream = g_object_ref (stream);
  self->buf = g_malloc (CHUNK_SIZE);
  self->line = g_string_sized_new (256);
  self->max_line = max_line > 0 ? max_line : PRL_LINE_READER_MAX_LINE;
  self->offset = -1;
  return self;
}

/**
 * prl_line_reader_open:
 * @path: a user's file
 *
 * Opens @path to be read line by line (with the default line limit),
 * refusing what is not a regular file as prl_file_open_regular() does.
 *
 * Returns: (transfer full): a reader, or %NULL with @error set
 */
PrlLineReader *
prl_line_reader_open (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if ((stream = prl_file_open_regular (path, 0, NULL, cancellable, error)) == NULL)
    return NULL;
  return prl_line_reader_new (stream, 0);
}

void
prl_line_reader_free (PrlLineReader *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_free (self->buf);
  g_string_free (self->line, TRUE);
  g_free (self);
}

static void
append (PrlLineReader *self, const char *data, gsize len)
{
  gsize room = self->max_line - self->line->len;

  if (len > room)
    {
      len = room;
      self->truncated = TRUE;
    }
  if (len > 0)
    g_string_append_len (self->line, data, len);
}

static gboolean
fill (PrlLineReader *self, GCancellable *cancellable, GError **error)
{
  gssize n;

  if (self->start < self->end || self->eof)
    return TRUE;

  n = g_input_stream_read (self->stream, self->buf, CHUNK_SIZE, cancellable, error);
  if (n < 0)
    return FALSE;
  self->start = 0;
  self->end = (gsize)n;
  self->eof = n == 0;
  return TRUE;
}

/* Drops an incomplete UTF-8 sequence left at the end of a cut line. */
static void
trim_partial_char (GString *line)
{
  gsize i = line->len;
  guint back = 0;

  while (i > 0 && back < 4 && ((guchar)line->str[i - 1] & 0xC0) == 0x80)
    {
      i--;
      back++;
    }
  if (i > 0 && (guchar)line->str[i - 1] >= 0xC0)
    {
      guchar lead = (guchar)line->str[i - 1];
      guint  need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;

      if (back < need)
        g_string_truncate (line, i - 1);
    }
}

/**
 * prl_line_reader_next:
 *
 * Returns: %TRUE with the next line, or %FALSE at the end of the stream
 *   (@error unset) or on error
 */
gboolean
prl_line_reader_next (PrlLineReader *self,
                      const char   **line,
                      gsize         *length,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->line, 0);
  self->truncated = FALSE;

  for (;;)
    {
      const char *p, *stop;

      if (!fill (self, cancellable, error))
        return FALSE;

      if (self->start == self->end)
        {
          /* End of the stream. */
          if (!any)
            return FALSE;
          break;
        }

      if (self->pending_cr)
        {
          self->pending_cr = FALSE;
          if (self->buf[self->start] == '\n')
            {
              self->start++;
              self->next_offset++;
              continue;
            }
        }

      if (!any)
        {
          any = TRUE;
          self->offset = (gint64)self->next_offset;
        }

      p = self->buf + self->start;
      stop = self->buf + self->end;
      while (p < stop && *p != '\n' && *p != '\r')
        p++;

      append (self, self->buf + self->start, p - (self->buf + self->start));
      self->next_offset += p - (self->buf + self->start);
      self->start = p - self->buf;

      if (p < stop)
        {
          self->pending_cr = *p == '\r';
          self->start++;
          self->next_offset++;
          break;
        }
    }

  if (self->truncated)
    trim_partial_char (self->line);

  self->line_no++;
  *line = self->line->str;
  *length = self->line->len;
  return TRUE;
}

/**
 * prl_line_reader_peek:
 * @self: a reader
 * @data: (out): the bytes read ahead and not yet returned as lines
 * @length: (out): how many (0 only at the end of the stream)
 *
 * Reads ahead without consuming, so that a caller can sniff the start of
 * a stream that cannot seek (pipes, and the streams of
 * prl_file_open_regular()) before reading it line by line.
 *
 * Returns: %FALSE with @error set if the stream cannot be read
 */
gboolean
prl_line_reader_peek (PrlLineReader *self,
                      const guint8 **data,
                      gsize         *length,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!fill (self, cancellable, error))
    return FALSE;

  *data = (const guint8 *)self->buf + self->start;
  *length = self->end - self->start;
  return TRUE;
}

guint
prl_line_reader_get_line (PrlLineReader *self)
{
  return self->line_no;
}

gint64
prl_line_reader_get_offset (PrlLineReader *self)
{
  return self->offset;
}

gboolean
prl_line_reader_get_truncated (PrlLineReader *self)
{
  return self->truncated;
}

/**
 * prl_line_reader_foreach:
 * @self: a line reader
 * @path: the file being read, for the error message
 * @func: receives every line that is left
 * @user_data: passed to @func
 *
 * Reads every line that is left and hands it to @func.
 *
 * Returns: %FALSE with @error set (naming @path) if the file cannot be read
 */
gboolean
prl_line_reader_foreach (PrlLineReader *self,
                         const char    *path,
                         PrlLineFunc    func,
                         gpointer       user_data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  const char *line;
  gsize       len;
  GError     *local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  while (prl_line_reader_next (self, &line, &len, cancellable, &local_error))
    func (user_data, line, len, prl_line_reader_get_line (self),
          prl_line_reader_get_offset (self));
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, _ ("Could not read “%s”: "), path);
      return FALSE;
    }
  return TRUE;
}

/**
 * prl_lines_foreach:
 * @data: text in memory
 * @length: the length of @data, or -1 if nul-terminated
 * @func: receives every line
 * @user_data: passed to @func
 *
 * Hands every line of @data to @func, as prl_line_reader_foreach() does for
 * a stream: "\r\n", "\n" and a lone "\r" all end a line, and a last line
 * without a terminator counts.
 */
void
prl_lines_foreach (const char *data, gssize length, PrlLineFunc func, gpointer user_data)
{
  const char *p, *end;
  guint       line_no = 0;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (func != NULL);

  p = data;
  end = data + (length < 0 ? strlen (data) : (gsize)length);
  while (p < end)
    {
      const char *nl = p;

      while (nl < end && *nl != '\n' && *nl != '\r')
        nl++;
      func (user_data, p, nl - p, ++line_no, p - data);
      if (nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n')
        nl++;
      p = nl + 1;
    }
}

/**
 * prl_line_is_blank:
 * @line: (nullable): a NUL-terminated line
 *
 * Whether @line holds nothing but ASCII white space (or is %NULL): the
 * lines every text format skips.
 */
gboolean
prl_line_is_blank (const char *line)
{
  for (; line != NULL && *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/**
 * prl_line_skip_bom:
 * @line: (inout): the first line of a file
 * @length: (inout): its length
 * @byte_offset: (inout): where it starts in the file, or -1
 *
 * Steps over a UTF-8 byte order mark at the start of @line, which editors
 * on Windows write and which is no part of the text.
 */
void
prl_line_skip_bom (const char **line, gsize *length, gint64 *byte_offset)
{
  if (*length >= 3 && memcmp (*line, "\xEF\xBB\xBF", 3) == 0)
    {
      *line += 3;
      *length -= 3;
      if (*byte_offset >= 0)
        *byte_offset += 3;
    }
}
