/* prl-audio-encoder.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-audio-encoder"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "prl-audio-encoder.h"
#include "prl-audio-probe-private.h"
#include "prl-media-error.h"

/* FLAC encoding of a PCM WAV, for cloud services that do not read a
 * recording's own format: lossless, so the service hears what the WAV
 * holds, at about half its size (IBM Watson takes at most 100 MB per
 * request). The pipeline
 *
 *   filesrc ! wavparse ! flacenc ! filesink
 *
 * runs in the calling thread, which watches the bus and the cancellable;
 * flacenc and wavparse come with gst-plugins-good. */

#define BUS_TIMEOUT (50 * GST_MSECOND)

/**
 * prl_audio_encoder_has_flac:
 *
 * Returns: whether GStreamer has a FLAC encoder (and the WAV parser it
 *   reads from) here
 */
gboolean
prl_audio_encoder_has_flac (void)
{
  g_autoptr (GstElementFactory) flacenc = NULL;
  g_autoptr (GstElementFactory) wavparse = NULL;

  if (!_prl_media_ensure_gstreamer (NULL))
    return FALSE;
  flacenc = gst_element_factory_find ("flacenc");
  wavparse = gst_element_factory_find ("wavparse");
  return flacenc != NULL && wavparse != NULL;
}

static GstElement *
make (GstElement *pipeline, const char *factory, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    {
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("The GStreamer element “%s” is missing (gst-plugins-good)"),
                   factory);
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), element);
  return element;
}

/* Waits for the end of the stream, an error or a cancellation. */
static gboolean
run (GstElement *pipeline, GCancellable *cancellable, GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr (GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      g_autoptr (GError) gst_error = NULL;

      if (message != NULL)
        gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("The FLAC encoder could not start: %s"),
                   gst_error ? gst_error->message : _ ("no reason given"));
      return FALSE;
    }
  for (;;)
    {
      g_autoptr (GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      message = gst_bus_timed_pop_filtered (bus, BUS_TIMEOUT,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        continue;
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        return TRUE;
      {
        g_autoptr (GError) gst_error = NULL;

        gst_message_parse_error (message, &gst_error, NULL);
        g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                     _ ("The FLAC encoder failed: %s"),
                     gst_error ? gst_error->message : _ ("no reason given"));
        return FALSE;
      }
    }
}

/**
 * prl_audio_encoder_wav_to_flac:
 * @wav_path: a PCM WAV
 * @flac_path: where to write its FLAC encoding (replaced if it exists)
 *
 * Encodes @wav_path as FLAC with its rate, channels and sample size.
 * Blocks: for worker threads. On failure @flac_path may hold a partial
 * file; the caller removes it.
 *
 * Returns: %TRUE when @flac_path is written whole
 */
gboolean
prl_audio_encoder_wav_to_flac (const char   *wav_path,
                               const char   *flac_path,
                               GCancellable *cancellable,
                               GError      **error)
{
  g_autoptr (GstElement) pipeline = NULL;
  GstElement *src, *parse, *enc, *sink;
  gboolean    ok;

  g_return_val_if_fail (wav_path != NULL && flac_path != NULL, FALSE);

  if (!_prl_media_ensure_gstreamer (error))
    return FALSE;
  pipeline = gst_object_ref_sink (gst_pipeline_new ("prl-audio-encoder"));
  if (!(src = make (pipeline, "filesrc", error))
      || !(parse = make (pipeline, "wavparse", error))
      || !(enc = make (pipeline, "flacenc", error))
      || !(sink = make (pipeline, "filesink", error)))
    return FALSE;
  g_object_set (src, "location", wav_path, NULL);
  g_object_set (sink, "location", flac_path, NULL);
  if (!gst_element_link_many (src, parse, enc, sink, NULL))
    {
      g_set_error_literal (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                           _ ("The FLAC encoder could not be set up"));
      return FALSE;
    }
  ok = run (pipeline, cancellable, error);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}
