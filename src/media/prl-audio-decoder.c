/* prl-audio-decoder.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-audio-decoder"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "prl-media-error.h"
#include "prl-audio-decoder.h"
#include "prl-audio-probe-private.h"

/*
 * The audio decoder turns any audio file GStreamer can read into what the
 * speech decoders want: 16 kHz mono S16LE samples. The pipeline is
 *
 *   uridecodebin ! audioconvert ! audioresample
 *     ! audio/x-raw,format=S16LE,rate=16000,channels=1 ! appsink
 *
 * and it runs in the calling thread: the caller pulls samples from the
 * appsink with a short timeout and, between two pulls, looks at the bus and
 * at the cancellable. No main loop is needed, so the decoder can run in any
 * worker thread, and a full appsink holds the streaming thread back, so a
 * long file is never decoded faster than the consumer reads it.
 *
 * The appsink is driven through its action signals, so that the media
 * layer needs no link to gstreamer-app.
 */

#define PULL_TIMEOUT (100 * GST_MSECOND)
#define APPSINK_BUFFERS 16

typedef struct
{
  GstElement *convert; /* (unowned) */
  GMutex      lock;    /* guards the flags below */
  gboolean    linked;  /* an audio pad reached audioconvert */
  gboolean    no_more_pads;
} Decoding;

static void
pad_added_cb (GstElement *decodebin, GstPad *pad, gpointer user_data)
{
  Decoding *d = user_data;
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr (GstPad) sink = NULL;
  GstStructure *s;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (caps == NULL || gst_caps_is_empty (caps))
    return;

  s = gst_caps_get_structure (caps, 0);
  if (!g_str_has_prefix (gst_structure_get_name (s), "audio/"))
    return;

  /* Only the first audio stream is decoded; the others stay unlinked. */
  sink = gst_element_get_static_pad (d->convert, "sink");
  if (gst_pad_is_linked (sink))
    return;

  if (GST_PAD_LINK_SUCCESSFUL (gst_pad_link (pad, sink)))
    {
      g_mutex_lock (&d->lock);
      d->linked = TRUE;
      g_mutex_unlock (&d->lock);
    }
}

static void
no_more_pads_cb (GstElement *decodebin, gpointer user_data)
{
  Decoding *d = user_data;

  g_mutex_lock (&d->lock);
  d->no_more_pads = TRUE;
  g_mutex_unlock (&d->lock);
}

/* No audio was linked, and (with @all_pads) no more streams will come. */
static gboolean
found_no_audio (Decoding *d, gboolean all_pads)
{
  gboolean none;

  g_mutex_lock (&d->lock);
  none = (d->no_more_pads || !all_pads) && !d->linked;
  g_mutex_unlock (&d->lock);

  return none;
}

static GstElement *
build_pipeline (const char *uri, Decoding *d, GstElement **sink, GError **error)
{
  g_autoptr (GstElement) pipeline = gst_pipeline_new ("prl-audio-decoder");
  g_autoptr (GstCaps) caps = NULL;
  GstElement *source = gst_element_factory_make ("uridecodebin", NULL);
  GstElement *convert = gst_element_factory_make ("audioconvert", NULL);
  GstElement *resample = gst_element_factory_make ("audioresample", NULL);
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  GstElement *appsink = gst_element_factory_make ("appsink", NULL);

  if (!source || !convert || !resample || !filter || !appsink)
    {
      g_clear_object (&source);
      g_clear_object (&convert);
      g_clear_object (&resample);
      g_clear_object (&filter);
      g_clear_object (&appsink);
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("GStreamer’s base plugins are not installed. Install "
                      "gstreamer1.0-plugins-base and try again."));
      return NULL;
    }

  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "rate",
                              G_TYPE_INT, PRL_AUDIO_DECODER_RATE, "channels", G_TYPE_INT,
                              1, "layout", G_TYPE_STRING, "interleaved", NULL);
  g_object_set (source, "uri", uri, NULL);
  g_object_set (filter, "caps", caps, NULL);
  /* Not synchronised to the clock: decode as fast as the reader pulls. */
  g_object_set (appsink, "sync", FALSE, "max-buffers", APPSINK_BUFFERS, "emit-signals",
                FALSE, NULL);

  gst_bin_add_many (GST_BIN (pipeline), source, convert, resample, filter, appsink, NULL);
  if (!gst_element_link_many (convert, resample, filter, appsink, NULL))
    {
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("GStreamer could not build the audio decoder"));
      return NULL;
    }

  d->convert = convert;
  g_signal_connect (source, "pad-added", G_CALLBACK (pad_added_cb), d);
  g_signal_connect (source, "no-more-pads", G_CALLBACK (no_more_pads_cb), d);

  *sink = appsink;
  return g_steal_pointer (&pipeline);
}

/* Whether a missing plugin matters here: a decoder of audio, or anything
 * other than a decoder (the source, a demuxer). A missing decoder of
 * video or images only leaves a stream Parlance ignores anyway. */
static gboolean
is_missing_for_audio (GstMessage *message)
{
  const GValue *detail
      = gst_structure_get_value (gst_message_get_structure (message), "detail");
  const GstCaps *caps;

  if (detail == NULL || !GST_VALUE_HOLDS_CAPS (detail))
    return TRUE;
  caps = gst_value_get_caps (detail);
  return caps == NULL || gst_caps_get_size (caps) == 0
         || g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)),
                              "audio/");
}

static void
set_missing_plugin_error (const char *missing, GError **error)
{
  g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
               _ ("The audio stream could not be decoded: missing plugin for %s"),
               missing);
}

/* Every stream was exposed and none is audio Parlance could link. */
static void
set_no_audio_error (const char *missing, GError **error)
{
  if (missing != NULL)
    set_missing_plugin_error (missing, error);
  else
    g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                 _ ("The file has no audio stream"));
}

/* Sorts a GStreamer error into the reasons of the media layer, with the
 * same wording as the audio probe. @missing is the description of a
 * missing plugin that was announced before the error, if any. */
static void
set_error_from_message (GstMessage *message, const char *missing, GError **error)
{
  g_autoptr (GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("GStreamer error: %s (%s)", gst_error->message, debug ? debug : "");

  if (missing != NULL)
    set_missing_plugin_error (missing, error);
  else if (gst_error->domain == GST_RESOURCE_ERROR)
    g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                 _ ("The file could not be read: %s"), gst_error->message);
  else if (g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_TYPE_NOT_FOUND)
           || g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_WRONG_TYPE))
    g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                 _ ("The file is not audio Parlance can read: %s"), gst_error->message);
  else
    g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                 _ ("The file is truncated or damaged: %s"), gst_error->message);
}

/* Pulls samples until the end of the stream, an error, a cancellation or
 * until @chunk_func asks to stop. Returns how many samples were read, or
 * -1 with @error set. */
static gint64
pump (GstElement       *pipeline,
      GstElement       *appsink,
      Decoding         *d,
      PrlAudioChunkFunc chunk_func,
      gpointer          user_data,
      GCancellable     *cancellable,
      GError          **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autofree char *missing = NULL;
  gboolean         missing_other = FALSE; /* a decoder of no audio */
  gint64           n_read = 0;

  for (;;)
    {
      g_autoptr (GstMessage) message = NULL;
      GstSample *sample = NULL;
      gboolean   eos = FALSE;
      gboolean   no_audio;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;

      /* Read before the bus: what the decoder posted before it gave up
       * on audio (a missing plugin) is then among the messages. */
      no_audio = found_no_audio (d, TRUE);
      while (
          (message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT)))
        {
          if (gst_is_missing_plugin_message (message))
            {
              if (!is_missing_for_audio (message))
                missing_other = TRUE;
              else if (missing == NULL)
                missing = gst_missing_plugin_message_get_description (message);
            }
          if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ERROR)
            {
              g_clear_pointer (&message, gst_message_unref);
              continue;
            }
          /* A file without audio leaves its streams unlinked, and the
           * demuxer then fails with "not-linked" ("Internal data stream
           * error"). That always comes after no-more-pads, so it is asked
           * again here, after the error was taken off the bus. */
          if (no_audio || found_no_audio (d, TRUE)
              || (missing_other && missing == NULL && found_no_audio (d, FALSE)))
            set_no_audio_error (missing, error);
          else
            set_error_from_message (message, missing, error);
          return -1;
        }
      if (no_audio)
        {
          set_no_audio_error (missing, error);
          return -1;
        }

      g_signal_emit_by_name (appsink, "try-pull-sample", (guint64)PULL_TIMEOUT, &sample);
      if (sample != NULL)
        {
          GstBuffer *buffer = gst_sample_get_buffer (sample);
          GstMapInfo map;
          gboolean   go_on = TRUE;

          if (buffer != NULL && gst_buffer_map (buffer, &map, GST_MAP_READ))
            {
              gsize n = map.size / sizeof (gint16);

              n_read += n;
              if (n > 0)
                go_on = chunk_func ((const gint16 *)map.data, n, user_data);
              gst_buffer_unmap (buffer, &map);
            }
          gst_sample_unref (sample);

          if (!go_on)
            return n_read;
          continue;
        }

      g_object_get (appsink, "eos", &eos, NULL);
      if (eos)
        return n_read;
    }
}

/**
 * prl_audio_decoder_run:
 * @path: a local audio file in any format GStreamer can read
 * @chunk_func: (scope call): receives the samples, chunk by chunk
 * @user_data: data for @chunk_func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Decodes @path to 16 kHz mono signed 16-bit samples in the calling thread
 * and hands them to @chunk_func as they come, so that a long recording is
 * never held in memory. The first audio stream of the file is used.
 *
 * Returns: %TRUE when the file was decoded to its end (or @chunk_func
 *   stopped early); %FALSE with @error set: %PRL_MEDIA_ERROR_NOT_FOUND,
 *   %PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT (the message says why),
 *   %PRL_MEDIA_ERROR_FAILED or %G_IO_ERROR_CANCELLED
 */
gboolean
prl_audio_decoder_run (const char       *path,
                       PrlAudioChunkFunc chunk_func,
                       gpointer          user_data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autofree char *uri = NULL;
  GstElement      *appsink = NULL;
  Decoding         d = { 0 };
  gint64           n_read = -1;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (chunk_func != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  file = g_file_new_for_path (path);
  if (!_prl_media_check_path (file, path, cancellable, NULL, error)
      || !_prl_media_ensure_gstreamer (error))
    return FALSE;

  g_mutex_init (&d.lock);
  uri = g_file_get_uri (file);
  pipeline = build_pipeline (uri, &d, &appsink, error);
  if (pipeline != NULL)
    {
      /* A failure to start is posted on the bus too; pump() reports it. */
      gst_element_set_state (pipeline, GST_STATE_PLAYING);
      n_read = pump (pipeline, appsink, &d, chunk_func, user_data, cancellable, error);
      gst_element_set_state (pipeline, GST_STATE_NULL);
    }
  g_mutex_clear (&d.lock);

  if (n_read == 0)
    {
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("The file is truncated or damaged: it holds no audio samples"));
      return FALSE;
    }

  return n_read > 0;
}

static gboolean
append_cb (const gint16 *samples, gsize n_samples, gpointer user_data)
{
  g_byte_array_append (user_data, (const guint8 *)samples, n_samples * sizeof (gint16));
  return TRUE;
}

/**
 * prl_audio_decoder_load:
 * @path: a local audio file in any format GStreamer can read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Decodes all of @path into memory, in the calling thread. Meant for short
 * files: an hour of audio takes 115 MB. Use prl_audio_decoder_run() for
 * anything longer.
 *
 * Returns: (transfer full) (nullable): the samples as 16 kHz mono S16 in
 *   host byte order, or %NULL with @error set as prl_audio_decoder_run()
 *   sets it
 */
GBytes *
prl_audio_decoder_load (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GByteArray) samples = g_byte_array_new ();

  if (!prl_audio_decoder_run (path, append_cb, samples, cancellable, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&samples));
}

static gpointer
load_path (const char *path, GCancellable *cancellable, GError **error)
{
  return prl_audio_decoder_load (path, cancellable, error);
}

/**
 * prl_audio_decoder_load_async:
 * @path: a local audio file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Runs prl_audio_decoder_load() in a worker thread.
 */
void
prl_audio_decoder_load_async (const char         *path,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  _prl_media_run_in_thread (path, load_path, (GDestroyNotify)g_bytes_unref,
                            prl_audio_decoder_load_async, cancellable, callback,
                            user_data);
}

/**
 * prl_audio_decoder_load_finish:
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the samples, as for
 *   prl_audio_decoder_load()
 */
GBytes *
prl_audio_decoder_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == prl_audio_decoder_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
