/* prl-audio-check.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-audio-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-dataset-check.h"
#include "prl-file-open.h"
#include "prl-media-error.h"

#include "prl-audio-check.h"
#include "prl-audio-probe-private.h"

/*
 * The pre-flight check of an audio dataset: what the probe found, turned
 * into the PrlFileCheck that the import dialog and the CLI show, with an
 * issue (and what to do about it) for each problem. Errors refuse the file
 * (invalid_audio_format, file_too_large); a base_model_mismatch warning
 * only says that recognition may be worse, and a wav_size_mismatch warning
 * that a WAV file holds less than its header claims.
 */

/* Chunks before "data" (fmt, fact, LIST, bext…) are small; a file that
 * needs more reading than this to reach its audio is not checked. */
#define WAV_SCAN_LIMIT (1024 * 1024)

/* What a RIFF/WAVE header claims, next to what the file holds. */
typedef struct
{
  guint64 file_size;
  guint64 riff_end;    /* 8 + the RIFF chunk's size: where the file should end */
  guint64 data_offset; /* where the audio data starts */
  guint64 data_size;   /* the "data" chunk's size, as claimed */
  guint32 byte_rate;   /* from "fmt ", or 0 when it did not come first */
} WavSizes;

static void
add_issue (PrlFileCheck    *check,
           PrlCheckSeverity severity,
           const char      *code,
           const char      *message,
           const char      *fix)
{
  g_ptr_array_add (check->issues, prl_check_issue_new (severity, code, check->path, 0, 0,
                                                       -1, message, fix));
}

static char *
conversion_hint (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *stem = NULL;
  g_autofree char *out = NULL;
  g_autofree char *quoted_in = NULL;
  g_autofree char *quoted_out = NULL;
  char            *dot;

  stem = g_strdup (name);
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  out = g_strconcat (stem, "-converted.wav", NULL);

  quoted_in = g_shell_quote (name);
  quoted_out = g_shell_quote (out);

  /* Translators: the command is shown as is; do not translate it. */
  return g_strdup_printf (
      _ ("Convert it to WAV or FLAC, for example with: ffmpeg -i %s %s"), quoted_in,
      quoted_out);
}

static char *
fix_for_failure (PrlProbeFailure failure, const char *path)
{
  g_autofree char *hint = NULL;

  switch (failure)
    {
    case PRL_PROBE_FAILURE_NOT_A_FILE:
      return g_strdup (_ ("Choose an audio file, not a folder or a device."));

    case PRL_PROBE_FAILURE_EMPTY:
      return g_strdup (_ ("Choose the file again; if it was copied or downloaded, copy "
                          "or download it again."));

    case PRL_PROBE_FAILURE_NO_AUDIO:
      return g_strdup (_ ("Choose a file that contains the recorded speech."));

    case PRL_PROBE_FAILURE_MISSING_PLUGIN:
      hint = conversion_hint (path);
      return g_strdup_printf (_ ("Install the GStreamer plugins for this format "
                                 "(gstreamer1.0-plugins-good, gstreamer1.0-libav), "
                                 "or: %s"),
                              hint);

    case PRL_PROBE_FAILURE_DAMAGED:
      hint = conversion_hint (path);
      return g_strdup_printf (_ ("Copy or export the recording again. If it plays "
                                 "elsewhere, it can be repaired by converting it. %s"),
                              hint);

    case PRL_PROBE_FAILURE_NONE:
    case PRL_PROBE_FAILURE_NOT_FOUND:
    case PRL_PROBE_FAILURE_UNREADABLE:
    case PRL_PROBE_FAILURE_OTHER:
    default:
      return conversion_hint (path);
    }
}

static gboolean
read_exactly (GInputStream *in, void *buffer, gsize count, GCancellable *cancellable)
{
  gsize n_read = 0;

  return g_input_stream_read_all (in, buffer, count, &n_read, cancellable, NULL)
         && n_read == count;
}

static guint32
le32 (const guint8 *p)
{
  return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

/* Walks the chunks of a RIFF/WAVE file up to its "data" chunk. Returns
 * FALSE for anything else (other formats, RF64, unreadable files): then
 * there is nothing to compare. */
static gboolean
read_wav_sizes (const char *path, GCancellable *cancellable, WavSizes *sizes)
{
  g_autoptr (GInputStream) in = NULL;
  guint8  header[12];
  guint64 pos = sizeof header;

  memset (sizes, 0, sizeof *sizes);
  in = prl_file_open_regular (path, 0, &sizes->file_size, cancellable, NULL);
  if (in == NULL || !read_exactly (in, header, sizeof header, cancellable)
      || memcmp (header, "RIFF", 4) != 0 || memcmp (header + 8, "WAVE", 4) != 0)
    return FALSE;
  sizes->riff_end = 8 + (guint64)le32 (header + 4);

  while (pos < WAV_SCAN_LIMIT)
    {
      guint8  chunk[8];
      guint64 size;

      if (!read_exactly (in, chunk, sizeof chunk, cancellable))
        return FALSE;
      pos += sizeof chunk;
      size = le32 (chunk + 4);

      if (memcmp (chunk, "data", 4) == 0)
        {
          sizes->data_offset = pos;
          sizes->data_size = size;
          return TRUE;
        }

      if (memcmp (chunk, "fmt ", 4) == 0 && size >= 16)
        {
          guint8 fmt[16];

          if (!read_exactly (in, fmt, sizeof fmt, cancellable))
            return FALSE;
          sizes->byte_rate = le32 (fmt + 8);
          pos += sizeof fmt;
          size -= sizeof fmt;
        }

      /* Chunks are padded to an even size. */
      size += size & 1;
      if (pos + size >= WAV_SCAN_LIMIT
          || g_input_stream_skip (in, size, cancellable, NULL) != (gssize)size)
        return FALSE;
      pos += size;
    }

  return FALSE;
}

static char *
format_duration (double seconds)
{
  guint64 whole = (guint64)(seconds + 0.5);

  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_ ("%.1f s"), seconds);
  if (whole < 3600)
    /* Translators: a duration in minutes and seconds */
    return g_strdup_printf (_ ("%u min %u s"), (guint)(whole / 60), (guint)(whole % 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_ ("%u h %u min"), (guint)(whole / 3600),
                          (guint)(whole % 3600 / 60));
}

/* "4.3 GB (4294967295 bytes)", with the duration at @byte_rate when known. */
static char *
describe_amount (guint64 n_bytes, guint32 byte_rate)
{
  g_autofree char *size = g_format_size_full (n_bytes, G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *duration = NULL;

  if (byte_rate == 0)
    return g_steal_pointer (&size);

  duration = format_duration ((double)n_bytes / byte_rate);
  /* Translators: an amount of audio, e.g. "1.0 s, 32.0 kB (32000 bytes)" */
  return g_strdup_printf (_ ("%s, %s"), duration, size);
}

/* A WAV header that claims more than the file holds: GStreamer quietly
 * plays what is there, so without this a recording cut short (or one whose
 * header was never finished) would be imported as if it were whole. The
 * audio that is there is still usable, hence a warning. */
static void
check_wav_sizes (PrlFileCheck *check, GCancellable *cancellable)
{
  WavSizes         sizes;
  guint64          present;
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *claimed_text = NULL;
  g_autofree char *present_text = NULL;

  if (!read_wav_sizes (check->path, cancellable, &sizes))
    return;

  present = sizes.file_size > sizes.data_offset ? sizes.file_size - sizes.data_offset : 0;
  if (sizes.data_size > present)
    {
      claimed_text = describe_amount (sizes.data_size, sizes.byte_rate);
      present_text = describe_amount (present, sizes.byte_rate);
      message
          = g_strdup_printf (_ ("The WAV header claims %s of audio, but the file holds "
                                "only %s: the recording was cut short, or its header "
                                "was never finished"),
                             claimed_text, present_text);
    }
  /* Some writers store the file's size rather than the size less the
   * 8 bytes of the RIFF header; that harms nothing. */
  else if (sizes.riff_end > sizes.file_size + 8)
    {
      claimed_text = g_format_size_full (sizes.riff_end, G_FORMAT_SIZE_LONG_FORMAT);
      present_text = g_format_size_full (sizes.file_size, G_FORMAT_SIZE_LONG_FORMAT);
      message
          = g_strdup_printf (_ ("The WAV header claims the file is %s long, but it is "
                                "only %s: something after the audio was cut off"),
                             claimed_text, present_text);
    }
  else
    {
      return;
    }

  hint = conversion_hint (check->path);
  fix = g_strdup_printf (_ ("Only the audio that is there will be used. If the recording "
                            "should be longer, copy or export it again; otherwise "
                            "converting it writes a correct header. %s"),
                         hint);
  add_issue (check, PRL_CHECK_SEVERITY_WARNING, "wav_size_mismatch", message, fix);
}

static void
check_band (PrlFileCheck *check, const char *trained_base_model)
{
  const char      *band = prl_audio_band_name (check->sample_rate);
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;
  gboolean         narrow;

  if (trained_base_model == NULL || g_str_equal (band, trained_base_model))
    return;

  /* Whole sentences for each band, so that translators can order them. */
  narrow = prl_audio_is_narrow_band (check->sample_rate);
  message
      = g_strdup_printf (narrow ? _ ("The audio is sampled at %u Hz (NarrowBand), but "
                                     "the model was trained on a WideBand base model; "
                                     "recognition may be worse")
                                : _ ("The audio is sampled at %u Hz (WideBand), but the "
                                     "model was trained on a NarrowBand base model; "
                                     "recognition may be worse"),
                         check->sample_rate);
  fix = g_strdup (narrow ? _ ("Record at 16 kHz or more, or create a model with the "
                              "NarrowBand base model for telephone audio.")
                         : _ ("Use audio sampled below 16 kHz (such as 8 kHz telephone "
                              "audio), or create a model with the WideBand base model."));

  add_issue (check, PRL_CHECK_SEVERITY_WARNING, "base_model_mismatch", message, fix);
}

/**
 * prl_check_audio_file:
 * @path: a local audio file
 * @trained_base_model: (nullable): "NarrowBand" or "WideBand" when the
 *   model has been trained on that base model, %NULL when it never has
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks one audio file before it is imported: probes it and fills in its
 * size, duration, sample rate, channels and codec. Problems with the file
 * are issues of the result, not errors: `invalid_audio_format` (an error,
 * with the reason and a way to convert the file), `file_too_large` (an
 * error, above %PRL_MAX_FILE_BYTES; such a file is not probed) and
 * `base_model_mismatch` (a warning, when @trained_base_model is given and
 * the audio's band differs) and `wav_size_mismatch` (a warning, when a WAV
 * header claims more audio or a longer file than there is; the message
 * gives both sizes).
 *
 * For a model that has never been trained, propose
 * prl_audio_band_name() of the result's sample rate as its base model.
 *
 * Returns: (transfer full) (nullable): the check, or %NULL with @error set
 *   when @path does not exist (%PRL_MEDIA_ERROR_NOT_FOUND) or when
 *   @cancellable was cancelled (%G_IO_ERROR_CANCELLED)
 */
PrlFileCheck *
prl_check_audio_file (const char   *path,
                      const char   *trained_base_model,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autoptr (PrlFileCheck) check = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) finfo = NULL;
  PrlProbeFailure failure = PRL_PROBE_FAILURE_OTHER;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (trained_base_model == NULL
                            || g_str_equal (trained_base_model, "NarrowBand")
                            || g_str_equal (trained_base_model, "WideBand"),
                        NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  check = prl_file_check_new (path, PRL_DATASET_TYPE_AUDIO);
  check->duration = -1;

  file = g_file_new_for_path (path);
  finfo = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                             cancellable, NULL);
  if (finfo != NULL)
    check->n_bytes = g_file_info_get_size (finfo);

  /* A file over the limit is refused whatever it holds; do not spend time
   * reading it (GStreamer can take minutes over a WAV with gigabytes of
   * trailing junk). */
  if (check->n_bytes > PRL_MAX_FILE_BYTES)
    {
      g_autofree char *size
          = g_format_size_full (check->n_bytes, G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *limit = g_format_size (PRL_MAX_FILE_BYTES);
      g_autofree char *message = NULL;

      message
          = g_strdup_printf (_ ("The file is %s; files can be at most %s"), size, limit);
      add_issue (check, PRL_CHECK_SEVERITY_ERROR, "file_too_large", message,
                 _ ("Split the recording into shorter files, or convert it to a "
                    "compressed format such as FLAC."));
      return g_steal_pointer (&check);
    }

  info = _prl_audio_probe_run (path, cancellable, &failure, &local_error);
  if (info == NULL)
    {
      g_autofree char *fix = NULL;

      if (failure == PRL_PROBE_FAILURE_NOT_FOUND
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      fix = fix_for_failure (failure, path);
      add_issue (check, PRL_CHECK_SEVERITY_ERROR, "invalid_audio_format",
                 local_error->message, fix);
    }
  else
    {
      check->duration = info->duration;
      check->sample_rate = info->sample_rate;
      check->channels = info->channels;
      check->codec = g_strdup (info->codec);
    }

  if (info != NULL)
    {
      check_wav_sizes (check, cancellable);
      check_band (check, trained_base_model);
    }

  return g_steal_pointer (&check);
}
