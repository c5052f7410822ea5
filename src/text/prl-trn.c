/* prl-trn.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-trn"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-text-error.h"
#include "prl-trn.h"

/*
 * Transcripts to score: NIST "trn" files (one utterance per line, the text
 * followed by its id in parentheses) or plain text (one utterance per line,
 * paired by line number). Every problem is reported with the file name and
 * line so that users can fix their data, and nothing is returned on error.
 *
 * The file is read once into memory and entries point into that buffer.
 * Files over PRL_TRN_MAX_FILE_SIZE, lines over
 * PRL_TRN_MAX_LINE and anything that is not a regular file (a pipe
 * would block, /dev/zero never ends) are refused.
 */

struct _PrlTrn
{
  gatomicrefcount ref_count;
  char           *name;    /* (owned) */
  char           *buffer;  /* (owned) */
  GArray         *entries; /* (owned) PrlTrnEntry */
  GHashTable     *by_id;   /* (owned) id → entry index + 1 */
  GStringChunk   *ids;     /* (owned) ids made up for plain text */
  PrlTrnFormat    format;
};

G_DEFINE_BOXED_TYPE (PrlTrn, prl_trn, prl_trn_ref, prl_trn_unref)

PrlTrn *
prl_trn_ref (PrlTrn *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
prl_trn_unref (PrlTrn *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_free (self->buffer);
  g_array_unref (self->entries);
  g_hash_table_unref (self->by_id);
  g_string_chunk_free (self->ids);
  g_free (self);
}

static char *
rstrip (char *s)
{
  gsize len = strlen (s);

  while (len > 0 && g_ascii_isspace (s[len - 1]))
    s[--len] = '\0';
  return s;
}

/* Whether @line looks like "text (id)". */
static gboolean
has_trailing_id (const char *line)
{
  const char *open = strrchr (line, '(');
  gsize       len = strlen (line);

  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;
  return open != NULL && len > 0 && line[len - 1] == ')' && open < line + len - 2;
}

static PrlTrnFormat
guess_format (const char *name, char **lines)
{
  if (g_str_has_suffix (name, ".trn"))
    return PRL_TRN_FORMAT_TRN;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (prl_line_is_blank (lines[i]))
        continue;
      return has_trailing_id (lines[i]) ? PRL_TRN_FORMAT_TRN : PRL_TRN_FORMAT_PLAIN;
    }

  return PRL_TRN_FORMAT_PLAIN;
}

static gboolean
parse_trn_line (PrlTrn *self, char *line, guint lineno, GError **error)
{
  PrlTrnEntry entry;
  char       *open, *close;
  gpointer    first;

  rstrip (line);
  close = line + strlen (line) - 1;
  open = strrchr (line, '(');

  if (*line == '\0' || *close != ')' || open == NULL || open + 1 == close)
    {
      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_MISSING_ID,
                   _ ("%s:%u: no utterance id: a trn line must end with “(id)”"),
                   self->name, lineno);
      return FALSE;
    }

  *open = '\0';
  *close = '\0';
  entry.id = open + 1;
  entry.text = g_strchug (rstrip (line));
  entry.line = lineno;

  if (strpbrk (entry.id, " \t") != NULL)
    {
      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_MISSING_ID,
                   _ ("%s:%u: the utterance id “%s” contains white space"), self->name,
                   lineno, entry.id);
      return FALSE;
    }

  if ((first = g_hash_table_lookup (self->by_id, entry.id)) != NULL)
    {
      const PrlTrnEntry *prev
          = &g_array_index (self->entries, PrlTrnEntry, GPOINTER_TO_UINT (first) - 1);

      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_DUPLICATE_ID,
                   _ ("%s:%u: duplicate utterance id “%s” (first used on line %u)"),
                   self->name, lineno, entry.id, prev->line);
      return FALSE;
    }

  g_array_append_val (self->entries, entry);
  g_hash_table_insert (self->by_id, (gpointer)entry.id,
                       GUINT_TO_POINTER (self->entries->len));
  return TRUE;
}

static PrlTrn *parse_buffer (
    const char *name, char *buffer, gsize len, PrlTrnFormat format, GError **error);

/**
 * prl_trn_parse:
 * @name: the file name used in error messages
 * @data: the file contents
 * @length: length of @data, or -1 if nul-terminated
 * @format: the format, or %PRL_TRN_FORMAT_AUTO to guess it
 *
 * Returns: (transfer full) (nullable): the transcript, or %NULL with @error set
 */
PrlTrn *
prl_trn_parse (const char  *name,
               const char  *data,
               gssize       length,
               PrlTrnFormat format,
               GError     **error)
{
  gsize len;
  char *buffer;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize)length;
  buffer = g_malloc (len + 1);
  memcpy (buffer, data, len);
  return parse_buffer (name, buffer, len, format, error);
}

/* Parses @buffer (@len bytes and room for a nul), which it takes. */
static PrlTrn *
parse_buffer (
    const char *name, char *buffer, gsize len, PrlTrnFormat format, GError **error)
{
  g_autoptr (PrlTrn) self = NULL;
  g_autofree char **lines = NULL;
  char             *p;
  guint             n_lines = 0;
  gsize             max_lines = 1;

  self = g_new0 (PrlTrn, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->buffer = buffer;
  self->buffer[len] = '\0';
  self->entries = g_array_new (FALSE, FALSE, sizeof (PrlTrnEntry));
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->ids = g_string_chunk_new (64);

  /* Split into lines in place, checking the encoding of each line first so
   * that every later message can quote text. A final newline does not start
   * a line. */
  p = self->buffer;
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  for (const char *nl = p; (nl = memchr (nl, '\n', self->buffer + len - nl)) != NULL;
       nl++)
    max_lines++;
  lines = g_new (char *, max_lines + 1);
  while (p < self->buffer + len)
    {
      char *nl = memchr (p, '\n', self->buffer + len - p);
      char *end = nl ? nl : self->buffer + len;

      if ((gsize)(end - p) > PRL_TRN_MAX_LINE)
        {
          g_autofree char *limit = g_format_size (PRL_TRN_MAX_LINE);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _ ("%s:%u: the line is longer than %s; split the utterance or "
                          "check that this is a transcript"),
                       name, n_lines + 1, limit);
          return NULL;
        }

      if (!g_utf8_validate (p, end - p, NULL))
        {
          g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_INVALID_UTF8,
                       _ ("%s:%u: the text is not valid UTF-8"), name, n_lines + 1);
          return NULL;
        }

      lines[n_lines++] = p;
      *end = '\0';
      if (end > p && end[-1] == '\r')
        end[-1] = '\0';
      p = end + 1;
    }
  lines[n_lines] = NULL;

  if (format == PRL_TRN_FORMAT_AUTO)
    format = guess_format (name, lines);
  self->format = format;

  for (guint i = 0; i < n_lines; i++)
    {
      if (format == PRL_TRN_FORMAT_TRN)
        {
          if (prl_line_is_blank (lines[i]))
            continue;
          if (!parse_trn_line (self, lines[i], i + 1, error))
            return NULL;
        }
      else
        {
          PrlTrnEntry entry = { NULL, g_strstrip (lines[i]), i + 1 };

          g_array_append_val (self->entries, entry);
        }
    }

  if (format == PRL_TRN_FORMAT_PLAIN)
    {
      gboolean all_blank = TRUE;

      /* Plain lines are named by their number, so ids stay unique. */
      for (guint i = 0; i < self->entries->len; i++)
        {
          PrlTrnEntry *entry = &g_array_index (self->entries, PrlTrnEntry, i);

          char num[16];

          g_snprintf (num, sizeof num, "%u", entry->line);
          entry->id = g_string_chunk_insert (self->ids, num);
          g_hash_table_insert (self->by_id, (gpointer)entry->id,
                               GUINT_TO_POINTER (i + 1));
          all_blank &= *entry->text == '\0';
        }
      if (all_blank)
        g_array_set_size (self->entries, 0);

      /* Editors add blank lines at the end; they are not utterances. */
      while (self->entries->len > 0
             && *g_array_index (self->entries, PrlTrnEntry, self->entries->len - 1).text
                    == '\0')
        {
          const PrlTrnEntry *last
              = &g_array_index (self->entries, PrlTrnEntry, self->entries->len - 1);

          g_hash_table_remove (self->by_id, last->id);
          g_array_set_size (self->entries, self->entries->len - 1);
        }
    }

  if (self->entries->len == 0)
    {
      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_EMPTY_FILE,
                   _ ("%s: the file has no utterances"), name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

PrlTrn *
prl_trn_load (const char *path, PrlTrnFormat format, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autofree char *contents = NULL;
  guint64          size;
  gsize            length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(stream = prl_file_open_regular (path, PRL_TRN_MAX_FILE_SIZE, &size, NULL, error)))
    return NULL;

  /* A file that grows while it is read is cut at the size it had. */
  contents = g_malloc (size + 1);
  if (!g_input_stream_read_all (stream, contents, size, &length, NULL, error))
    {
      g_prefix_error (error, _ ("%s: "), path);
      return NULL;
    }

  return parse_buffer (path, g_steal_pointer (&contents), length, format, error);
}

PrlTrnFormat
prl_trn_get_format (PrlTrn *self)
{
  g_return_val_if_fail (self != NULL, PRL_TRN_FORMAT_AUTO);

  return self->format;
}

guint
prl_trn_get_n_entries (PrlTrn *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const PrlTrnEntry *
prl_trn_get_entry (PrlTrn *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &g_array_index (self->entries, PrlTrnEntry, index);
}

const PrlTrnEntry *
prl_trn_lookup (PrlTrn *self, const char *id)
{
  guint pos;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  pos = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, id));
  return pos ? &g_array_index (self->entries, PrlTrnEntry, pos - 1) : NULL;
}

/**
 * prl_trn_pair:
 * @ref: the reference transcript
 * @hyp: the hypothesis transcript
 *
 * Matches utterances by id (by line number for plain text), in the order
 * of @hyp, as sclite does. Every utterance must be in both files.
 *
 * Returns: (transfer full) (element-type PrlTrnPair): the pairs; they
 *   point into @ref and @hyp, which must outlive them
 */
GArray *
prl_trn_pair (PrlTrn *ref, PrlTrn *hyp, GError **error)
{
  g_autoptr (GArray) pairs = NULL;

  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (hyp != NULL, NULL);

  if (ref->format != hyp->format)
    {
      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNMATCHED_ID,
                   _ ("%s and %s have different formats: pair trn with trn, or plain "
                      "text with plain text"),
                   ref->name, hyp->name);
      return NULL;
    }

  if (ref->format == PRL_TRN_FORMAT_PLAIN && ref->entries->len != hyp->entries->len)
    {
      PrlTrn            *longer = ref->entries->len > hyp->entries->len ? ref : hyp;
      PrlTrn            *shorter = longer == ref ? hyp : ref;
      const PrlTrnEntry *extra
          = &g_array_index (longer->entries, PrlTrnEntry, shorter->entries->len);

      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_LINE_COUNT,
                   _ ("%s:%u: this line has no counterpart: %s has %u lines, %s has %u"),
                   longer->name, extra->line, longer->name, longer->entries->len,
                   shorter->name, shorter->entries->len);
      return NULL;
    }

  pairs = g_array_sized_new (FALSE, FALSE, sizeof (PrlTrnPair), hyp->entries->len);

  for (guint i = 0; i < hyp->entries->len; i++)
    {
      PrlTrnPair pair;

      pair.hyp = &g_array_index (hyp->entries, PrlTrnEntry, i);
      /* Both files usually list the utterances in the same order. */
      pair.ref
          = i < ref->entries->len ? &g_array_index (ref->entries, PrlTrnEntry, i) : NULL;
      if (pair.ref == NULL || strcmp (pair.ref->id, pair.hyp->id) != 0)
        pair.ref = prl_trn_lookup (ref, pair.hyp->id);
      if (pair.ref == NULL)
        {
          g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNMATCHED_ID,
                       _ ("%s:%u: utterance “%s” is not in %s"), hyp->name,
                       pair.hyp->line, pair.hyp->id, ref->name);
          return NULL;
        }
      g_array_append_val (pairs, pair);
    }

  if (ref->entries->len != hyp->entries->len)
    {
      for (guint i = 0; i < ref->entries->len; i++)
        {
          const PrlTrnEntry *entry = &g_array_index (ref->entries, PrlTrnEntry, i);

          if (prl_trn_lookup (hyp, entry->id) == NULL)
            {
              g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNMATCHED_ID,
                           _ ("%s:%u: utterance “%s” is not in %s"), ref->name,
                           entry->line, entry->id, hyp->name);
              return NULL;
            }
        }
    }

  return g_steal_pointer (&pairs);
}

/**
 * prl_trn_speaker_for_id:
 * @id: an utterance id
 *
 * The speaker part of an id as sclite's "-i rm" reads it: everything before
 * the first '-' or '_'; empty when there is neither.
 *
 * Returns: (transfer full): the speaker
 */
char *
prl_trn_speaker_for_id (const char *id)
{
  gsize n;

  g_return_val_if_fail (id != NULL, NULL);

  n = strcspn (id, "-_");
  return id[n] == '\0' ? g_strdup ("") : g_strndup (id, n);
}
