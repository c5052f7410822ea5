/* prl-eval-split.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-eval-split"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-line-reader.h"

#include "prl-eval-split.h"

/* A model with a MANIFEST of audio and text but no TEST data would have
 * nothing fair to be evaluated on: every sentence it could be tested on
 * also trained it. So about a fifth of the manifest's utterances are held
 * out. Which ones depends only on the utterance id (the audio file's name
 * without folder and extension), through SHA-256, so the split is the same
 * on every machine, every run and every later import of the same manifest,
 * and adding lines never moves an old utterance to the other side.
 *
 * Manifests are read line by line in constant memory. Lines end at "\n",
 * "\r\n" or a lone "\r", as the line reader and the local provider see
 * them; the training stream passes the kept lines on with their own
 * terminators, byte for byte.
 */

#define READ_CHUNK 65536

/**
 * prl_eval_split_utterance_id:
 * @audio_filepath: a manifest entry's audio path, as written or resolved
 *
 * The utterance id of a manifest entry: the basename of its audio file
 * without extension. Both "/" and "\" separate folders, since manifests are
 * also written on Windows. A leading dot is part of the name, not an
 * extension.
 *
 * Returns: (transfer full): the id; empty when the path has no name
 */
char *
prl_eval_split_utterance_id (const char *audio_filepath)
{
  const char *base, *slash, *dot;

  g_return_val_if_fail (audio_filepath != NULL, NULL);

  base = audio_filepath;
  if ((slash = strrchr (base, '/')))
    base = slash + 1;
  if ((slash = strrchr (base, '\\')))
    base = slash + 1;

  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return g_strdup (base);
  return g_strndup (base, dot - base);
}

/**
 * prl_eval_split_is_held_out:
 * @utterance_id: an id from prl_eval_split_utterance_id()
 *
 * Whether the utterance belongs to the ~20% held out for testing: the
 * first 4 bytes of the SHA-256 of the id's UTF-8 bytes, read big-endian,
 * modulo 100, are below %PRL_EVAL_SPLIT_HELD_OUT_PERCENT. g_str_hash() is
 * not used: it is not promised to stay the same across GLib versions.
 *
 * Returns: %TRUE when the utterance tests the model and must not train it
 */
gboolean
prl_eval_split_is_held_out (const char *utterance_id)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8  digest[32];
  gsize   len = sizeof digest;
  guint32 value;

  g_return_val_if_fail (utterance_id != NULL, FALSE);

  g_checksum_update (checksum, (const guchar *)utterance_id, strlen (utterance_id));
  g_checksum_get_digest (checksum, digest, &len);
  value = (guint32)digest[0] << 24 | (guint32)digest[1] << 16 | (guint32)digest[2] << 8
          | (guint32)digest[3];
  return value % 100 < PRL_EVAL_SPLIT_HELD_OUT_PERCENT;
}

/* Lines with their terminators, from a stream. */
typedef struct
{
  GInputStream *base; /* (owned) */
  GByteArray   *buf;  /* (owned) */
  gsize         start;
  gsize         scanned; /* from start: bytes known to hold no terminator */
  gboolean      eof;
  guint         line_no;
} Splitter;

static void
splitter_init (Splitter *s, GInputStream *base)
{
  memset (s, 0, sizeof *s);
  s->base = g_object_ref (base);
  s->buf = g_byte_array_new ();
}

static void
splitter_clear (Splitter *s)
{
  g_clear_object (&s->base);
  g_clear_pointer (&s->buf, g_byte_array_unref);
}

/* The next line: @content_len bytes of text, then its terminator, @total_len
 * in all. The pointer is valid until the next call. FALSE at the end, or
 * with @error set. */
static gboolean
splitter_next (Splitter     *s,
               const char  **line,
               gsize        *content_len,
               gsize        *total_len,
               GCancellable *cancellable,
               GError      **error)
{
  for (;;)
    {
      const guint8 *data = s->buf->data;
      gsize         len = s->buf->len;
      gsize         i;
      gssize        n;

      for (i = s->start + s->scanned; i < len; i++)
        if (data[i] == '\n' || data[i] == '\r')
          break;

      if (i < len && (data[i] == '\n' || i + 1 < len || s->eof))
        {
          gsize term = data[i] == '\r' && i + 1 < len && data[i + 1] == '\n' ? 2 : 1;

          *line = (const char *)data + s->start;
          *content_len = i - s->start;
          *total_len = *content_len + term;
          s->start += *total_len;
          s->scanned = 0;
          s->line_no++;
          return TRUE;
        }

      /* A "\r" at the end of the buffer may be the first half of "\r\n". */
      s->scanned = (i < len ? i : len) - s->start;

      if (s->eof)
        {
          if (s->start == len)
            return FALSE;
          *line = (const char *)data + s->start;
          *content_len = *total_len = len - s->start;
          s->start = len;
          s->scanned = 0;
          s->line_no++;
          return TRUE;
        }

      /* Memory and file streams do not look at the cancellable. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (s->start > 0)
        {
          g_byte_array_remove_range (s->buf, 0, s->start);
          s->start = 0;
          len = s->buf->len;
        }
      g_byte_array_set_size (s->buf, len + READ_CHUNK);
      n = g_input_stream_read (s->base, s->buf->data + len, READ_CHUNK, cancellable,
                               error);
      g_byte_array_set_size (s->buf, len + MAX (n, 0));
      if (n < 0)
        return FALSE;
      if (n == 0)
        s->eof = TRUE;
    }
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode   *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && !prl_line_is_blank (value) ? value : NULL;
}

/* The entry on a line, or NULL when the line is not one the manifest
 * checks accept (blank, not UTF-8, not a JSON object, a missing or empty
 * member, a bad duration). The audio path is kept as written: a stream
 * has no folder to resolve it against. */
static PrlManifestEntry *
parse_entry (JsonParser *parser, const char *line, gsize len, guint line_no)
{
  g_autofree char  *copy = NULL;
  PrlManifestEntry *entry;
  JsonNode         *root, *duration;
  JsonObject       *object;
  const char       *audio, *text;
  double            seconds = -1;

  if (line_no == 1 && len >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
    {
      line += 3;
      len -= 3;
    }

  if (!g_utf8_validate_len (line, len, NULL))
    return NULL;
  copy = g_strndup (line, len);
  if (prl_line_is_blank (copy) || !json_parser_load_from_data (parser, copy, len, NULL)
      || !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (!(audio = string_member (object, "audio_filepath"))
      || !(text = string_member (object, "text")))
    return NULL;

  if ((duration = json_object_get_member (object, "duration")) != NULL
      && JSON_NODE_TYPE (duration) != JSON_NODE_NULL)
    {
      if (JSON_NODE_TYPE (duration) != JSON_NODE_VALUE
          || (json_node_get_value_type (duration) != G_TYPE_INT64
              && json_node_get_value_type (duration) != G_TYPE_DOUBLE)
          || (seconds = json_node_get_double (duration)) < 0)
        return NULL;
    }

  entry = g_new0 (PrlManifestEntry, 1);
  entry->line = line_no;
  entry->audio_filepath = g_strdup (audio);
  entry->text = g_strdup (text);
  entry->duration = seconds;
  return entry;
}

static gboolean
entry_held_out (const PrlManifestEntry *entry)
{
  g_autofree char *id = NULL;

  if (entry == NULL)
    return FALSE;
  id = prl_eval_split_utterance_id (entry->audio_filepath);
  return prl_eval_split_is_held_out (id);
}

/**
 * prl_eval_split_read_held_out:
 * @manifest: a manifest's contents; read to the end, not closed
 *
 * Reads the entries held out for testing. Lines that are not valid entries
 * are skipped: they were reported when the manifest was imported. Each
 * entry's @audio_filepath is as the line wrote it (relative paths stay
 * relative), @line is its 1-based line and @text_column is 0.
 *
 * Returns: (transfer full) (element-type PrlManifestEntry): the held-out
 *   entries in file order, or %NULL with @error set
 */
GPtrArray *
prl_eval_split_read_held_out (GInputStream *manifest,
                              GCancellable *cancellable,
                              GError      **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  Splitter    s;
  const char *line;
  gsize       len, total;

  g_return_val_if_fail (G_IS_INPUT_STREAM (manifest), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_manifest_entry_free);
  splitter_init (&s, manifest);
  while (splitter_next (&s, &line, &len, &total, cancellable, &local_error))
    {
      PrlManifestEntry *entry = parse_entry (parser, line, len, s.line_no);

      if (entry_held_out (entry))
        g_ptr_array_add (entries, entry);
      else
        prl_manifest_entry_free (entry);
    }
  splitter_clear (&s);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * prl_eval_split_count:
 * @manifest: a manifest's contents; read to the end, not closed
 * @n_training: (out) (optional): entries that train the model
 * @n_held_out: (out) (optional): entries held out to test it
 *
 * Counts the valid entries on each side of the split.
 *
 * Returns: %FALSE with @error set when the stream could not be read
 */
gboolean
prl_eval_split_count (GInputStream *manifest,
                      guint        *n_training,
                      guint        *n_held_out,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  Splitter    s;
  const char *line;
  gsize       len, total;
  guint       training = 0, held_out = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (manifest), FALSE);

  splitter_init (&s, manifest);
  while (splitter_next (&s, &line, &len, &total, cancellable, &local_error))
    {
      g_autoptr (PrlManifestEntry) entry = parse_entry (parser, line, len, s.line_no);

      if (entry == NULL)
        continue;
      if (entry_held_out (entry))
        held_out++;
      else
        training++;
    }
  splitter_clear (&s);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_training != NULL)
    *n_training = training;
  if (n_held_out != NULL)
    *n_held_out = held_out;
  return TRUE;
}

/* The training part of a manifest, as a stream that filters while it is
 * read. */
#define PRL_TYPE_SPLIT_TRAINING_STREAM (prl_split_training_stream_get_type ())
G_DECLARE_FINAL_TYPE (PrlSplitTrainingStream,
                      prl_split_training_stream,
                      PRL,
                      SPLIT_TRAINING_STREAM,
                      GInputStream)

struct _PrlSplitTrainingStream
{
  GInputStream parent_instance;

  Splitter    splitter;
  JsonParser *parser; /* (owned) */
  GByteArray *out;    /* (owned): kept lines not yet read */
  gsize       out_pos;
  GError     *pending_error; /* (owned) (nullable): after the data before it */
  gboolean    done;
};

G_DEFINE_FINAL_TYPE (PrlSplitTrainingStream,
                     prl_split_training_stream,
                     G_TYPE_INPUT_STREAM)

static gssize
prl_split_training_stream_read (GInputStream *stream,
                                void         *buffer,
                                gsize         count,
                                GCancellable *cancellable,
                                GError      **error)
{
  PrlSplitTrainingStream *self = PRL_SPLIT_TRAINING_STREAM (stream);
  gsize                   n;

  if (self->out_pos == self->out->len)
    {
      const char *line;
      gsize       len, total;

      g_byte_array_set_size (self->out, 0);
      self->out_pos = 0;

      if (self->pending_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&self->pending_error));
          return -1;
        }

      /* Whole lines, until the caller's buffer is full or the end. */
      while (!self->done && self->out->len < count)
        {
          g_autoptr (PrlManifestEntry) entry = NULL;

          if (!splitter_next (&self->splitter, &line, &len, &total, cancellable,
                              &self->pending_error))
            {
              self->done = TRUE;
              break;
            }
          entry = parse_entry (self->parser, line, len, self->splitter.line_no);
          if (!entry_held_out (entry))
            g_byte_array_append (self->out, (const guint8 *)line, total);
        }

      if (self->out->len == 0)
        {
          if (self->pending_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&self->pending_error));
              return -1;
            }
          return 0;
        }
    }

  n = MIN (count, self->out->len - self->out_pos);
  memcpy (buffer, self->out->data + self->out_pos, n);
  self->out_pos += n;
  return n;
}

static gboolean
prl_split_training_stream_close (GInputStream *stream,
                                 GCancellable *cancellable,
                                 GError      **error)
{
  PrlSplitTrainingStream *self = PRL_SPLIT_TRAINING_STREAM (stream);

  return g_input_stream_close (self->splitter.base, cancellable, error);
}

static void
prl_split_training_stream_finalize (GObject *object)
{
  PrlSplitTrainingStream *self = PRL_SPLIT_TRAINING_STREAM (object);

  splitter_clear (&self->splitter);
  g_clear_object (&self->parser);
  g_clear_pointer (&self->out, g_byte_array_unref);
  g_clear_error (&self->pending_error);

  G_OBJECT_CLASS (prl_split_training_stream_parent_class)->finalize (object);
}

static void
prl_split_training_stream_class_init (PrlSplitTrainingStreamClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = prl_split_training_stream_finalize;
  stream_class->read_fn = prl_split_training_stream_read;
  stream_class->close_fn = prl_split_training_stream_close;
}

static void
prl_split_training_stream_init (PrlSplitTrainingStream *self)
{
  self->parser = json_parser_new_immutable ();
  self->out = g_byte_array_new ();
}

/**
 * prl_eval_split_filter_training:
 * @manifest: a manifest's contents
 *
 * The training part of a manifest: every line except the held-out
 * entries, byte for byte with its terminator, in file order. Lines that
 * are not valid entries are kept, so that training reports them as it
 * always did. The manifest is read as the result is; closing the result
 * closes @manifest.
 *
 * Returns: (transfer full): a stream, or %NULL when @cancellable is
 *   already cancelled
 */
GInputStream *
prl_eval_split_filter_training (GInputStream *manifest,
                                GCancellable *cancellable,
                                GError      **error)
{
  PrlSplitTrainingStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (manifest), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (PRL_TYPE_SPLIT_TRAINING_STREAM, NULL);
  splitter_init (&self->splitter, manifest);
  return G_INPUT_STREAM (self);
}

/**
 * prl_eval_split_applies:
 * @datasets: (nullable) (element-type PrlDataset): a model's datasets
 *
 * Whether the model's manifests are split: it has at least one MANIFEST
 * and no TEST dataset (which would be the test data instead).
 *
 * Returns: %TRUE when training must leave the held-out entries out
 */
gboolean
prl_eval_split_applies (GPtrArray *datasets)
{
  gboolean manifest = FALSE;

  if (datasets == NULL)
    return FALSE;

  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDatasetType type
          = prl_dataset_get_dataset_type (g_ptr_array_index (datasets, i));

      if (type == PRL_DATASET_TYPE_TEST)
        return FALSE;
      if (type == PRL_DATASET_TYPE_MANIFEST)
        manifest = TRUE;
    }

  return manifest;
}

/**
 * prl_eval_split_count_datasets:
 * @store: the store that holds the datasets' blobs
 * @datasets: (element-type PrlDataset): datasets; only MANIFESTs are read
 * @n_training: (out) (optional): entries that train the model, in all
 * @n_held_out: (out) (optional): entries held out to test it, in all
 *
 * Counts both sides of the split over the stored manifests, decrypting
 * encrypted ones with the workspace's key. It blocks: call it from a
 * worker thread.
 *
 * Returns: %FALSE with @error set when a manifest could not be read
 */
gboolean
prl_eval_split_count_datasets (PrlStore     *store,
                               GPtrArray    *datasets,
                               guint        *n_training,
                               guint        *n_held_out,
                               GCancellable *cancellable,
                               GError      **error)
{
  g_autoptr (GBytes) key = NULL;
  guint training = 0, held_out = 0;

  g_return_val_if_fail (PRL_IS_STORE (store), FALSE);
  g_return_val_if_fail (datasets != NULL, FALSE);

  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (datasets, i);
      g_autoptr (GInputStream) stream = NULL;
      guint t = 0, h = 0;

      if (prl_dataset_get_dataset_type (dataset) != PRL_DATASET_TYPE_MANIFEST)
        continue;

      if (!(stream = prl_store_open_dataset (store, dataset, &key, cancellable, error)))
        return FALSE;
      if (!prl_eval_split_count (stream, &t, &h, cancellable, error))
        {
          g_prefix_error (error, _ ("Could not read the manifest “%s”: "),
                          prl_dataset_get_name (dataset));
          return FALSE;
        }
      g_input_stream_close (stream, NULL, NULL);
      training += t;
      held_out += h;
    }

  if (n_training != NULL)
    *n_training = training;
  if (n_held_out != NULL)
    *n_held_out = held_out;
  return TRUE;
}

/**
 * prl_eval_split_describe:
 *
 * The sentence that shows the split, for the datasets view and the
 * command line.
 *
 * Returns: (transfer full): the sentence
 */
char *
prl_eval_split_describe (guint n_training, guint n_held_out)
{
  g_autofree char *training = NULL;
  g_autofree char *held_out = NULL;

  /* Translators: the first half of “No TEST data: %s and %s (…)” */
  training = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u manifest utterance trains the model",
                   "%u manifest utterances train the model", n_training),
      n_training);
  /* Translators: the second half of “No TEST data: %s and %s (…)” */
  held_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u is held out to test it",
                                           "%u are held out to test it", n_held_out),
                              n_held_out);
  /* Translators: the first %s is “16 manifest utterances train the model”,
   * the second “4 are held out to test it” */
  return g_strdup_printf (_ ("No TEST data: %s and %s (a fixed 80/20 split)."), training,
                          held_out);
}
