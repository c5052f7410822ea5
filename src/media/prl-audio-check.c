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

#include "prl-audio-check.h"
#include "prl-audio-probe-private.h"
#include "prl-media-error.h"

/*
 * The pre-flight check of an audio dataset: what the probe found, turned
 * into the PrlFileCheck that the import dialog and the CLI show, with an
 * issue (and what to do about it) for each problem. Errors refuse the file
 * (invalid_audio_format, file_too_large); a base_model_mismatch warning
 * only says that recognition may be worse.
 */

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

static void
check_band (PrlFileCheck *check, const char *trained_base_model)
{
  const char      *band = prl_audio_band_name (check->sample_rate);
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;

  if (trained_base_model == NULL || g_str_equal (band, trained_base_model))
    return;

  if (prl_audio_is_narrow_band (check->sample_rate))
    {
      message = g_strdup_printf (_ ("The audio is sampled at %u Hz (NarrowBand), but the "
                                    "model was trained on a WideBand base model; "
                                    "recognition may be worse"),
                                 check->sample_rate);
      fix = g_strdup (_ ("Record at 16 kHz or more, or create a model with the "
                         "NarrowBand base model for telephone audio."));
    }
  else
    {
      message = g_strdup_printf (_ ("The audio is sampled at %u Hz (WideBand), but the "
                                    "model was trained on a NarrowBand base model; "
                                    "recognition may be worse"),
                                 check->sample_rate);
      fix = g_strdup (_ ("Use audio sampled below 16 kHz (such as 8 kHz telephone "
                         "audio), or create a model with the WideBand base model."));
    }

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
 * the audio's band differs).
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
    check_band (check, trained_base_model);

  return g_steal_pointer (&check);
}
