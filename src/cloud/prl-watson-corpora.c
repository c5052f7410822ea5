/* prl-watson-corpora.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "prl-remote-job.h"
#include "prl-train-job.h"

#include "prl-watson-train-private.h"

/* The training texts of a Watson model as the corpora sent for it
 * (issue #15, point 3): each file is read once from the store (decrypted
 * if need be) and cut at line ends into parts of at most
 * PRL_WATSON_CORPUS_PART_WORDS words. Cutting only at line ends keeps
 * Watson's sentences whole; a single line longer than a part is cut at
 * word boundaries. The bytes are copied as they are, so that text Watson
 * cannot use is refused by Watson, with its reason. The cut depends on
 * the file alone, so that a resumed training finds the same names. */

static guint64 part_limit = PRL_WATSON_CORPUS_PART_WORDS;
static guint64 model_limit = PRL_WATSON_MAX_MODEL_WORDS;

void
_prl_watson_set_corpus_limits (guint64 part_words, guint64 model_words)
{
  part_limit = part_words > 0 ? part_words : PRL_WATSON_CORPUS_PART_WORDS;
  model_limit = model_words > 0 ? model_words : PRL_WATSON_MAX_MODEL_WORDS;
}

void
_prl_watson_corpus_part_free (PrlWatsonCorpusPart *part)
{
  if (part->path != NULL)
    g_unlink (part->path);
  g_free (part->name);
  g_free (part->path);
  g_clear_object (&part->dataset);
  g_free (part);
}

/* Words as runs of bytes other than ASCII white space (UTF-8 continuation
 * bytes are never white space). */
static guint64
count_words (const char *line, gsize length)
{
  guint64  words = 0;
  gboolean in_word = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      gboolean space = g_ascii_isspace (line[i]);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

typedef struct
{
  PrlStore          *store;
  PrlDataset        *dataset;
  char              *scratch;
  GPtrArray         *parts; /* of this file */
  GFileOutputStream *output;
  guint64            words; /* in the current part */
} Splitter;

static gboolean
close_part (Splitter *s, GCancellable *cancellable, GError **error)
{
  gboolean ok;

  if (s->output == NULL)
    return TRUE;
  ok = g_output_stream_close (G_OUTPUT_STREAM (s->output), cancellable, error);
  g_clear_object (&s->output);
  return ok;
}

static gboolean
open_part (Splitter *s, GCancellable *cancellable, GError **error)
{
  PrlWatsonCorpusPart *part = g_new0 (PrlWatsonCorpusPart, 1);
  g_autofree char     *file_name = NULL;
  g_autoptr (GFile) file = NULL;

  if (!close_part (s, cancellable, error))
    {
      g_free (part);
      return FALSE;
    }
  file_name = g_strdup_printf ("corpus-%s-%u", prl_dataset_get_sha256 (s->dataset),
                               s->parts->len + 1);
  part->path = g_build_filename (s->scratch, file_name, NULL);
  part->dataset = g_object_ref (s->dataset);
  part->part = s->parts->len + 1;
  g_ptr_array_add (s->parts, part);
  file = g_file_new_for_path (part->path);
  s->output
      = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  s->words = 0;
  return s->output != NULL;
}

static gboolean
write_bytes (Splitter     *s,
             const char   *data,
             gsize         length,
             GCancellable *cancellable,
             GError      **error)
{
  return g_output_stream_write_all (G_OUTPUT_STREAM (s->output), data, length, NULL,
                                    cancellable, error);
}

/* Adds @line (without its end) to the parts, cut where it must be. */
static gboolean
add_line (Splitter     *s,
          const char   *line,
          gsize         length,
          GCancellable *cancellable,
          GError      **error)
{
  guint64 words = count_words (line, length);
  gsize   start = 0;

  if (s->output == NULL || (s->words > 0 && s->words + words > part_limit))
    if (!open_part (s, cancellable, error))
      return FALSE;
  /* A line longer than a part: as many words as fit, then a new part. */
  while (s->words + words > part_limit)
    {
      guint64  fit = part_limit - s->words, seen = 0;
      gboolean in_word = FALSE;
      gsize    end = start, cut;

      for (; end < length; end++)
        {
          gboolean space = g_ascii_isspace (line[end]);

          if (!space && !in_word && seen++ == fit)
            break;
          in_word = !space;
        }
      /* The space at the cut belongs to neither part. */
      cut = end;
      while (cut > start && g_ascii_isspace (line[cut - 1]))
        cut--;
      if (!write_bytes (s, line + start, cut - start, cancellable, error)
          || !write_bytes (s, "\n", 1, cancellable, error))
        return FALSE;
      s->words += fit;
      ((PrlWatsonCorpusPart *)g_ptr_array_index (s->parts, s->parts->len - 1))->words
          = s->words;
      words -= fit;
      start = end;
      while (start < length && g_ascii_isspace (line[start]))
        start++;
      if (!open_part (s, cancellable, error))
        return FALSE;
    }
  if (!write_bytes (s, line + start, length - start, cancellable, error)
      || !write_bytes (s, "\n", 1, cancellable, error))
    return FALSE;
  s->words += words;
  ((PrlWatsonCorpusPart *)g_ptr_array_index (s->parts, s->parts->len - 1))->words
      = s->words;
  return TRUE;
}

static gboolean
split_file (Splitter *s, GCancellable *cancellable, GError **error)
{
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GBytes) key = NULL;

  if (!(input = prl_store_open_dataset (s->store, s->dataset, &key, cancellable, error)))
    return FALSE;
  lines = g_data_input_stream_new (input);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      gsize            length = 0;
      g_autofree char *line
          = g_data_input_stream_read_line (lines, &length, cancellable, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (line == NULL)
        break;
      if (length > 0 && line[length - 1] == '\r')
        length--;
      if (!add_line (s, line, length, cancellable, error))
        return FALSE;
    }
  /* An empty file is still sent: Watson says why it cannot use it. */
  if (s->output == NULL && !open_part (s, cancellable, error))
    return FALSE;
  return close_part (s, cancellable, error);
}

static char *
part_name (PrlWatsonCorpusPart *part)
{
  /* Watson's corpus names: no spaces or slashes; unique per file. A
   * file sent whole keeps the name it always had. */
  if (part->n_parts == 1)
    return g_strdup_printf ("parlance-%" G_GINT64_FORMAT "-%.12s",
                            prl_dataset_get_id (part->dataset),
                            prl_dataset_get_sha256 (part->dataset));
  return g_strdup_printf ("parlance-%" G_GINT64_FORMAT "-%.12s-%u",
                          prl_dataset_get_id (part->dataset),
                          prl_dataset_get_sha256 (part->dataset), part->part);
}

/**
 * _prl_watson_split_corpora:
 * @datasets: (element-type PrlDataset): the training texts
 *
 * Blocks: reads every text once.
 *
 * Returns: (transfer full) (element-type PrlWatsonCorpusPart): the
 *   corpora to send, in order, or %NULL with @error set (also when the
 *   texts hold more words than a Watson model may)
 */
GPtrArray *
_prl_watson_split_corpora (PrlStore     *store,
                           GPtrArray    *datasets,
                           const char   *model_name,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (GPtrArray) all
      = g_ptr_array_new_with_free_func ((GDestroyNotify)_prl_watson_corpus_part_free);
  g_autofree char *scratch = prl_store_get_scratch_dir (store, error);
  guint64          total = 0;

  if (scratch == NULL)
    return NULL;
  for (guint i = 0; i < datasets->len; i++)
    {
      Splitter s = { store,   g_ptr_array_index (datasets, i),
                     scratch, g_ptr_array_new (),
                     NULL,    0 };
      gboolean ok = split_file (&s, cancellable, error);

      g_clear_object (&s.output);
      for (guint j = 0; j < s.parts->len; j++)
        {
          PrlWatsonCorpusPart *part = g_ptr_array_index (s.parts, j);

          part->n_parts = s.parts->len;
          part->name = part_name (part);
          total += part->words;
          g_ptr_array_add (all, part);
        }
      g_ptr_array_unref (s.parts);
      if (!ok)
        return NULL;
    }
  if (total > model_limit)
    {
      /* Formatted first: a G_GUINT64_FORMAT inside _() cannot be extracted. */
      g_autofree char *n_total = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
      g_autofree char *n_limit = g_strdup_printf ("%" G_GUINT64_FORMAT, model_limit);

      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                   _ ("The training text of “%s” has %s words, but a Watson custom model "
                      "holds at most %s. Remove some text datasets, then train again."),
                   model_name, n_total, n_limit);
      return NULL;
    }
  return g_steal_pointer (&all);
}
