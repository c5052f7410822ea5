/* prl-dataset-batch.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dataset-batch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-subtitles.h"
#include "prl-text-checker.h"

/*
 * The rules about an upload as a whole: which type each file is, which
 * files may go together, how much text a model may hold, and which tuning
 * lines repeat the training text.
 *
 * Detection goes by the extension first, as the console this app mirrors
 * does: .txt is training text, .srt and .vtt are test transcripts (subtitles
 * are normally the reference transcript of some audio), .jsonl is a
 * manifest, and .wav .mp3 .m4a .flac .ogg .opus .oga .aac .webm are audio.
 * Any other extension (none, .json, .text, …) is decided by the content:
 * audio signatures (RIFF, ID3, an MPEG frame, fLaC, OggS, "ftyp", EBML,
 * FORM), a WebVTT header or an SRT first cue, a JSON object on the first
 * line; and otherwise training text, which the checks then confirm or
 * refuse.
 *
 * The upload as a whole then refines what one file alone cannot say (see
 * prl_dataset_types_refine()): text with the base name of an audio file of
 * the same upload is that audio's transcript (clinic1.wav + clinic1.txt is
 * a test pair), and text whose name has the word "tuning" is tuning text.
 *
 * Each file becomes a dataset of its own type, so training text, tuning
 * text and test pairs may come in one upload. Only a manifest needs its
 * upload to itself (with the AUDIO it lists), since it names its own
 * transcripts.
 */

static const char *const audio_extensions[] = {
  ".wav", ".mp3", ".m4a", ".flac", ".ogg", ".opus", ".oga", ".aac", ".webm", NULL,
};

static gboolean
looks_like_audio (const guint8 *h, gsize n)
{
  if (n >= 12 && memcmp (h, "RIFF", 4) == 0)
    return TRUE;
  if (n >= 12 && memcmp (h, "FORM", 4) == 0)
    return TRUE;
  if (n >= 3 && memcmp (h, "ID3", 3) == 0)
    return TRUE;
  if (n >= 4 && (memcmp (h, "fLaC", 4) == 0 || memcmp (h, "OggS", 4) == 0))
    return TRUE;
  if (n >= 8 && memcmp (h + 4, "ftyp", 4) == 0)
    return TRUE;
  if (n >= 4 && memcmp (h, "\x1A\x45\xDF\xA3", 4) == 0)
    return TRUE;
  /* An MPEG audio frame (no valid UTF-8 text starts with 0xFF). */
  if (n >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0)
    return TRUE;
  return FALSE;
}

/**
 * prl_dataset_type_detect:
 * @path: the file name (only its extension is used)
 * @head: (nullable): the first bytes of the file
 * @head_len: their length
 *
 * Returns: the type; never %PRL_DATASET_TYPE_AUTO or %PRL_DATASET_TYPE_TUNING
 */
PrlDatasetType
prl_dataset_type_detect (const char *path, const guint8 *head, gsize head_len)
{
  g_autofree char *base = NULL;
  const char      *dot;
  gsize            i = 0;

  g_return_val_if_fail (path != NULL, PRL_DATASET_TYPE_TRANSCRIPT);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    {
      if (g_ascii_strcasecmp (dot, ".txt") == 0)
        return PRL_DATASET_TYPE_TRANSCRIPT;
      if (g_ascii_strcasecmp (dot, ".srt") == 0 || g_ascii_strcasecmp (dot, ".vtt") == 0)
        return PRL_DATASET_TYPE_TEST;
      if (g_ascii_strcasecmp (dot, ".jsonl") == 0)
        return PRL_DATASET_TYPE_MANIFEST;
      for (guint j = 0; audio_extensions[j] != NULL; j++)
        if (g_ascii_strcasecmp (dot, audio_extensions[j]) == 0)
          return PRL_DATASET_TYPE_AUDIO;
    }

  if (head == NULL)
    return PRL_DATASET_TYPE_TRANSCRIPT;

  if (looks_like_audio (head, head_len))
    return PRL_DATASET_TYPE_AUDIO;
  if (prl_subtitle_format_sniff (head, head_len) != PRL_SUBTITLE_FORMAT_NONE)
    return PRL_DATASET_TYPE_TEST;

  if (head_len >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < head_len && g_ascii_isspace (head[i]))
    i++;
  if (i < head_len && head[i] == '{')
    return PRL_DATASET_TYPE_MANIFEST;

  return PRL_DATASET_TYPE_TRANSCRIPT;
}

/**
 * prl_dataset_type_detect_file:
 *
 * Like prl_dataset_type_detect(), reading the start of @path.
 *
 * Returns: the type, or %PRL_DATASET_TYPE_AUTO with @error set
 */
PrlDatasetType
prl_dataset_type_detect_file (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  guint8 head[4096];
  gsize  n = 0;

  g_return_val_if_fail (path != NULL, PRL_DATASET_TYPE_AUTO);

  /* Refuses pipes and devices, whose first read could wait forever. */
  if ((stream = prl_file_open_regular (path, 0, NULL, cancellable, error)) == NULL
      || !g_input_stream_read_all (stream, head, sizeof head, &n, cancellable, error))
    return PRL_DATASET_TYPE_AUTO;

  return prl_dataset_type_detect (path, head, n);
}

/* The file name without its folder and its last extension. */
static char *
name_stem (const char *path)
{
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

/* Whether the word "tuning" stands on its own in @stem: "tuning",
 * "tuning-2", "clinic_tuning", "Tuning Text", but not "retuning". */
static gboolean
names_tuning (const char *stem)
{
  static const char word[] = "tuning";
  gsize             n = strlen (word);

  for (const char *p = stem; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, word, n) == 0 && (p == stem || !g_ascii_isalnum (p[-1]))
        && !g_ascii_isalnum (p[n]))
      return TRUE;

  return FALSE;
}

/**
 * prl_dataset_types_refine:
 * @paths: (array length=n_files): the files of one upload
 * @types: (array length=n_files) (inout): each file's type as detected
 *   alone; refined in place
 * @n_files: how many
 *
 * Decides what only the upload as a whole tells: text detected as training
 * text becomes a test transcript when an audio file of the upload has the
 * same base name (compared without the extension and ignoring ASCII
 * case), and tuning text when its name has the word "tuning" (tuning.txt,
 * clinic-tuning.txt). Other types are left as they are.
 */
void
prl_dataset_types_refine (const char *const *paths, PrlDatasetType *types, guint n_files)
{
  g_autoptr (GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (paths != NULL || n_files == 0);
  g_return_if_fail (types != NULL || n_files == 0);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (stems, name_stem (paths[i]));

  for (guint i = 0; i < n_files; i++)
    {
      const char *stem = g_ptr_array_index (stems, i);
      gboolean    paired = FALSE;

      if (types[i] != PRL_DATASET_TYPE_TRANSCRIPT)
        continue;

      for (guint j = 0; j < n_files && !paired; j++)
        paired = j != i && types[j] == PRL_DATASET_TYPE_AUDIO
                 && g_ascii_strcasecmp (stem, g_ptr_array_index (stems, j)) == 0;

      if (paired)
        types[i] = PRL_DATASET_TYPE_TEST;
      else if (names_tuning (stem))
        types[i] = PRL_DATASET_TYPE_TUNING;
    }
}

enum
{
  GROUP_TEXT = 1 << 0,
  GROUP_MANIFEST = 1 << 1,
};

/* Separate transcripts and audio (training, tuning, test pairs) go
 * together; a manifest goes only with the audio it lists. */
static guint
groups_of (PrlDatasetType type)
{
  switch (type)
    {
    case PRL_DATASET_TYPE_TRANSCRIPT:
    case PRL_DATASET_TYPE_TUNING:
    case PRL_DATASET_TYPE_TEST:
      return GROUP_TEXT;
    case PRL_DATASET_TYPE_AUDIO:
      return GROUP_TEXT | GROUP_MANIFEST;
    case PRL_DATASET_TYPE_MANIFEST:
      return GROUP_MANIFEST;
    case PRL_DATASET_TYPE_AUTO:
    default:
      return 0;
    }
}

/**
 * prl_dataset_types_compatible:
 * @types: (array length=n_files): the type of each file, already decided
 * @paths: (array length=n_files) (nullable): the files, named in the message
 * @n_files: how many
 * @error: says which two files conflict, and why
 *
 * Returns: whether the files can be uploaded together
 */
gboolean
prl_dataset_types_compatible (const PrlDatasetType *types,
                              const char *const    *paths,
                              guint                 n_files,
                              GError              **error)
{
  g_return_val_if_fail (types != NULL || n_files == 0, FALSE);

  for (guint i = 0; i < n_files; i++)
    g_return_val_if_fail (types[i] != PRL_DATASET_TYPE_AUTO, FALSE);

  for (guint j = 1; j < n_files; j++)
    for (guint i = 0; i < j; i++)
      {
        g_autofree char *a = NULL, *b = NULL;

        if ((groups_of (types[i]) & groups_of (types[j])) != 0)
          continue;

        /* Only a manifest and a separate transcript can conflict. */
        a = paths ? g_path_get_basename (paths[i]) : g_strdup_printf ("%u", i + 1);
        b = paths ? g_path_get_basename (paths[j]) : g_strdup_printf ("%u", j + 1);
        g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_INCOMPATIBLE_TYPES,
                     _ ("“%s” (%s) and “%s” (%s) cannot be uploaded together: a "
                        "manifest names its own audio and transcripts, so it goes on "
                        "its own or with the audio it lists. Upload them separately."),
                     a, prl_dataset_type_get_label (types[i]), b,
                     prl_dataset_type_get_label (types[j]));
        return FALSE;
      }

  return TRUE;
}

/**
 * prl_check_batch_size:
 * @n_files: the number of files in an upload
 *
 * Returns: whether 1 to %PRL_MAX_FILES files were chosen
 */
gboolean
prl_check_batch_size (guint n_files, GError **error)
{
  if (n_files == 0)
    {
      g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_NO_FILES,
                   _ ("No file was chosen. Choose between 1 and %u files."),
                   PRL_MAX_FILES);
      return FALSE;
    }
  if (n_files > PRL_MAX_FILES)
    {
      g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_TOO_MANY_FILES,
                   _ ("%u files were chosen, but at most %u can be uploaded at once. "
                      "Upload them in several batches."),
                   n_files, PRL_MAX_FILES);
      return FALSE;
    }
  return TRUE;
}

static void
limit_issue (PrlFileCheck *check,
             GPtrArray    *issues_out,
             guint64       total,
             guint64       limit,
             guint64       existing,
             gboolean      tuning)
{
  g_autofree char *total_s = g_format_size (total);
  g_autofree char *limit_s = g_format_size (limit);
  g_autofree char *existing_s = g_format_size (existing);
  g_autofree char *message = NULL;
  PrlCheckIssue   *issue;

  if (tuning)
    message = g_strdup_printf (_ ("With this file the model’s tuning text would come to "
                                  "%s, over the limit of %s per model (%s is already "
                                  "stored)."),
                               total_s, limit_s, existing_s);
  else
    message
        = g_strdup_printf (_ ("With this file the model’s training text would come to "
                              "%s, over the limit of %s per model (%s is already "
                              "stored)."),
                           total_s, limit_s, existing_s);

  issue = prl_check_issue_new (
      PRL_CHECK_SEVERITY_ERROR, "limit_exceeded", check->path, 0, 0, -1, message,
      tuning ? _ ("Upload less tuning text, or delete tuning "
                  "datasets the model no longer needs.")
             : _ ("Upload less training text, or delete training "
                  "datasets the model no longer needs."));
  if (issues_out != NULL)
    g_ptr_array_add (issues_out, prl_check_issue_copy (issue));
  g_ptr_array_add (check->issues, issue);
}

/**
 * prl_check_totals:
 * @existing_training_bytes: training text the model already has
 * @existing_tuning_bytes: tuning text the model already has
 * @checks: (element-type PrlFileCheck): the upload's checked files
 * @issues_out: (nullable) (element-type PrlCheckIssue): receives a copy of
 *   each issue added
 *
 * Adds a "limit_exceeded" error to each file that takes the model's
 * training text over %PRL_MAX_TRAINING_BYTES or its tuning text over
 * %PRL_MAX_TUNING_BYTES, counting what is already stored.
 *
 * Returns: %TRUE if the upload fits
 */
gboolean
prl_check_totals (guint64    existing_training_bytes,
                  guint64    existing_tuning_bytes,
                  GPtrArray *checks,
                  GPtrArray *issues_out)
{
  guint64  training = existing_training_bytes;
  guint64  tuning = existing_tuning_bytes;
  gboolean ok = TRUE;

  g_return_val_if_fail (checks != NULL, FALSE);

  for (guint i = 0; i < checks->len; i++)
    {
      PrlFileCheck *check = g_ptr_array_index (checks, i);

      if (check->type == PRL_DATASET_TYPE_TRANSCRIPT)
        {
          training += check->n_bytes;
          if (training > PRL_MAX_TRAINING_BYTES)
            {
              limit_issue (check, issues_out, training, PRL_MAX_TRAINING_BYTES,
                           existing_training_bytes, FALSE);
              ok = FALSE;
            }
        }
      else if (check->type == PRL_DATASET_TYPE_TUNING)
        {
          tuning += check->n_bytes;
          if (tuning > PRL_MAX_TUNING_BYTES)
            {
              limit_issue (check, issues_out, tuning, PRL_MAX_TUNING_BYTES,
                           existing_tuning_bytes, TRUE);
              ok = FALSE;
            }
        }
    }

  return ok;
}

/**
 * prl_check_tuning_duplicates:
 * @set: the model's training lines
 * @tuning_path: a tuning text file
 * @check: the file's check, which receives the warnings
 *
 * Adds a "duplicate_tuning_line" warning for each line of @tuning_path that
 * also occurs in the training text, listing at most
 * %PRL_MAX_DUPLICATES_LISTED and counting the rest in one more warning.
 *
 * Returns: %FALSE with @error set if the file cannot be read
 */
gboolean
prl_check_tuning_duplicates (PrlLineSet   *set,
                             const char   *tuning_path,
                             PrlFileCheck *check,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autoptr (PrlLineReader) reader = NULL;
  GError     *local_error = NULL;
  const char *line;
  gsize       len;
  guint64     n_more = 0;
  guint       n_listed = 0;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (tuning_path != NULL, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  if ((reader = prl_line_reader_open (tuning_path, cancellable, error)) == NULL)
    return FALSE;

  while (prl_line_reader_next (reader, &line, &len, cancellable, &local_error))
    {
      if (!prl_line_set_contains_line (set, line, len))
        continue;

      if (n_listed >= PRL_MAX_DUPLICATES_LISTED)
        {
          n_more++;
          continue;
        }
      n_listed++;

      g_ptr_array_add (
          check->issues,
          prl_check_issue_new (PRL_CHECK_SEVERITY_WARNING, "duplicate_tuning_line",
                               tuning_path, prl_line_reader_get_line (reader), 1,
                               prl_line_reader_get_offset (reader),
                               _ ("This line also occurs in the training text."),
                               _ ("Tuning text should differ from the training text, so "
                                  "that it shows how well the model does on new text: "
                                  "remove the line from one of them.")));
    }

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, _ ("Could not read “%s”: "),
                                  tuning_path);
      return FALSE;
    }

  if (n_more > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_more);
      g_autofree char *message = g_strdup_printf (
          ngettext ("%s more line of the tuning text also occurs in the training text.",
                    "%s more lines of the tuning text also occur in the training text.",
                    (gulong)MIN (n_more, G_MAXULONG)),
          count);

      g_ptr_array_add (
          check->issues,
          prl_check_issue_new (PRL_CHECK_SEVERITY_WARNING, "duplicate_tuning_line",
                               tuning_path, 0, 0, -1, message,
                               _ ("Remove the lines the two texts share from "
                                  "one of them.")));
    }

  return TRUE;
}
