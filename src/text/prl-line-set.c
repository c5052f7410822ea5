/* prl-line-set.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-line-set"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-line-set.h"

/*
 * A set of text lines, to find the tuning lines that are also training
 * lines (prl_check_tuning_duplicates()) without holding the training text.
 *
 * The set keeps a 64-bit hash of each normalized line (trimmed, white space
 * collapsed, case folded) in a sorted array: 8 bytes a line, so the 2 GB of
 * training text a model may hold fits in a few hundred MB at most. */

struct _PrlLineSet
{
  GArray  *hashes; /* (owned) guint64 */
  gboolean sorted;
};

PrlLineSet *
prl_line_set_new (void)
{
  PrlLineSet *set = g_new0 (PrlLineSet, 1);

  set->hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  set->sorted = TRUE;
  return set;
}

void
prl_line_set_free (PrlLineSet *set)
{
  if (set == NULL)
    return;

  g_array_unref (set->hashes);
  g_free (set);
}

#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

/* FNV-1a of the normalized line; %FALSE if it is blank. */
static gboolean
line_hash (const char *line, gsize len, guint64 *hash)
{
  g_autofree char *folded = NULL;
  const char      *p, *end;
  guint64          h = FNV_OFFSET;
  gboolean         ascii = TRUE, any = FALSE, space = FALSE;

  if (len >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
    {
      line += 3;
      len -= 3;
    }

  for (gsize i = 0; i < len && ascii; i++)
    ascii = (guchar)line[i] < 0x80;
  if (!ascii && g_utf8_validate_len (line, len, NULL))
    {
      folded = g_utf8_casefold (line, len);
      line = folded;
      len = strlen (folded);
    }

  p = line;
  end = line + len;
  for (; p < end; p++)
    {
      guchar c = (guchar)*p;

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f')
        {
          space = any;
          continue;
        }
      if (space)
        {
          h = (h ^ ' ') * FNV_PRIME;
          space = FALSE;
        }
      h = (h ^ g_ascii_tolower (c)) * FNV_PRIME;
      any = TRUE;
    }

  *hash = h;
  return any;
}

void
prl_line_set_add_line (PrlLineSet *set, const char *line, gsize length)
{
  guint64 h;

  g_return_if_fail (set != NULL);

  if (line_hash (line, length, &h))
    {
      g_array_append_val (set->hashes, h);
      set->sorted = FALSE;
    }
}

/**
 * prl_line_set_add_stream:
 * @set: a line set
 * @stream: text, such as a stored dataset
 *
 * Adds every line of @stream, reading it in constant memory.
 *
 * Returns: %FALSE with @error set if the stream cannot be read
 */
gboolean
prl_line_set_add_stream (PrlLineSet   *set,
                         GInputStream *stream,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr (PrlLineReader) reader = NULL;
  const char *line;
  gsize       len;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  reader = prl_line_reader_new (stream, 0);
  while (prl_line_reader_next (reader, &line, &len, cancellable, error))
    prl_line_set_add_line (set, line, len);

  return error == NULL || *error == NULL;
}

/**
 * prl_line_set_add_file:
 * @set: a line set
 * @path: a text file (training text)
 *
 * Adds every line of @path, reading it in constant memory.
 *
 * Returns: %FALSE with @error set if the file cannot be read
 */
gboolean
prl_line_set_add_file (PrlLineSet   *set,
                       const char   *path,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GInputStream) stream = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((stream = prl_file_open_regular (path, 0, NULL, cancellable, error)) == NULL)
    return FALSE;

  if (!prl_line_set_add_stream (set, stream, cancellable, &local_error))
    {
      g_propagate_prefixed_error (error, local_error, _ ("Could not read “%s”: "), path);
      return FALSE;
    }
  return TRUE;
}

static int
compare_hashes (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

  return x < y ? -1 : x > y;
}

static void
ensure_sorted (PrlLineSet *set)
{
  guint64 *h;
  guint    n = 0;

  if (set->sorted)
    return;

  g_array_sort (set->hashes, compare_hashes);
  h = (guint64 *)(gpointer)set->hashes->data;
  for (guint i = 0; i < set->hashes->len; i++)
    if (n == 0 || h[n - 1] != h[i])
      h[n++] = h[i];
  g_array_set_size (set->hashes, n);
  set->sorted = TRUE;
}

static gboolean
contains_hash (PrlLineSet *set, guint64 h)
{
  ensure_sorted (set);
  /* An empty GArray has no data, and bsearch() may not be given NULL. */
  if (set->hashes->len == 0)
    return FALSE;
  return bsearch (&h, set->hashes->data, set->hashes->len, sizeof (guint64),
                  compare_hashes)
         != NULL;
}

gboolean
prl_line_set_contains_line (PrlLineSet *set, const char *line, gsize length)
{
  guint64 h;

  g_return_val_if_fail (set != NULL, FALSE);

  return line_hash (line, length, &h) && contains_hash (set, h);
}

/* The number of distinct lines. */
guint64
prl_line_set_get_size (PrlLineSet *set)
{
  g_return_val_if_fail (set != NULL, 0);

  ensure_sorted (set);
  return set->hashes->len;
}
