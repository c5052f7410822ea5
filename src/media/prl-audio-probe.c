/* prl-audio-probe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-audio-probe"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "prl-media-error.h"
#include "prl-audio-probe-private.h"

/*
 * The audio probe says what an audio file holds (sample rate, channels,
 * duration, codec, container) without decoding it, using GstDiscoverer.
 *
 * Each probe runs GstDiscoverer in its asynchronous mode on a private main
 * context, so that nothing is dispatched on the caller's context and a
 * GCancellable can stop it halfway: cancelling quits the private loop and
 * stops the discoverer. prl_audio_probe_async() runs that in a GTask worker
 * thread; prl_audio_probe_file() runs it in the calling thread.
 *
 * Failures are sorted into a few reasons people understand (empty file, not
 * a media file, no audio stream, missing plugin, truncated or damaged),
 * each reported as PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT with GStreamer's own
 * reason appended where it has one.
 */

#define PROBE_TIMEOUT_SECONDS 30

G_DEFINE_BOXED_TYPE (PrlAudioInfo,
                     prl_audio_info,
                     prl_audio_info_copy,
                     prl_audio_info_free)

typedef struct
{
  GMainLoop         *loop;   /* (owned) */
  GstDiscovererInfo *info;   /* (owned) (nullable) */
  GError            *error;  /* (owned) (nullable) */
  GMutex             lock;   /* guards source */
  GstElement        *source; /* (owned) (nullable) */
  gboolean           cancelled;
} Discovery;

/**
 * prl_audio_info_copy:
 * @info: a #PrlAudioInfo
 *
 * Returns: (transfer full): a copy of @info
 */
PrlAudioInfo *
prl_audio_info_copy (const PrlAudioInfo *info)
{
  PrlAudioInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->codec = g_strdup (info->codec);
  copy->container = g_strdup (info->container);

  return copy;
}

/**
 * prl_audio_info_free:
 * @info: (nullable): a #PrlAudioInfo
 *
 * Frees @info.
 */
void
prl_audio_info_free (PrlAudioInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->codec);
  g_free (info->container);
  g_free (info);
}

/**
 * prl_audio_is_narrow_band:
 * @sample_rate: Hz
 *
 * Returns: %TRUE when audio at @sample_rate calls for a NarrowBand base
 *   model (below 16 kHz, i.e. telephone audio)
 */
gboolean
prl_audio_is_narrow_band (guint sample_rate)
{
  return sample_rate < PRL_WIDE_BAND_MIN_RATE;
}

/**
 * prl_audio_band_name:
 * @sample_rate: Hz
 *
 * The base model proposed for audio at @sample_rate, spelled as the
 * providers spell it.
 *
 * Returns: "NarrowBand" below 16 kHz, "WideBand" from 16 kHz
 */
const char *
prl_audio_band_name (guint sample_rate)
{
  return prl_audio_is_narrow_band (sample_rate) ? "NarrowBand" : "WideBand";
}

/* GStreamer starts once per process, for the probe and the decoder. */
gboolean
_prl_media_ensure_gstreamer (GError **error)
{
  static gsize   initialized = 0;
  static GError *init_error = NULL;

  if (g_once_init_enter (&initialized))
    {
      GError *local_error = NULL;

      if (gst_init_check (NULL, NULL, &local_error))
        gst_pb_utils_init ();
      else
        init_error = local_error;

      g_once_init_leave (&initialized, 1);
    }

  if (init_error != NULL)
    {
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("GStreamer could not start: %s"), init_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
discovered_cb (GstDiscoverer     *discoverer,
               GstDiscovererInfo *info,
               const GError      *error,
               gpointer           user_data)
{
  Discovery *d = user_data;

  g_clear_object (&d->info);
  g_clear_error (&d->error);

  d->info = g_object_ref (info);
  if (error != NULL)
    d->error = g_error_copy (error);
}

static void
finished_cb (GstDiscoverer *discoverer, gpointer user_data)
{
  Discovery *d = user_data;

  g_main_loop_quit (d->loop);
}

static void
source_setup_cb (GstDiscoverer *discoverer, GstElement *source, gpointer user_data)
{
  Discovery *d = user_data;

  g_mutex_lock (&d->lock);
  g_set_object (&d->source, source);
  g_mutex_unlock (&d->lock);
}

/* gst_discoverer_stop() sets the pipeline's state while holding the lock
 * that the discoverer's pad-removed handler takes, so stopping it halfway
 * through a file can deadlock (GStreamer 1.22). Instead, a cancelled probe
 * makes its source fail, and the discoverer finishes on its own, at once. */
static gboolean
cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  Discovery *d = user_data;
  g_autoptr (GstElement) source = NULL;

  d->cancelled = TRUE;

  g_mutex_lock (&d->lock);
  source = d->source ? g_object_ref (d->source) : NULL;
  g_mutex_unlock (&d->lock);

  if (source != NULL)
    {
      g_autoptr (GError) error = NULL;

      error = g_error_new_literal (GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
                                   "Cancelled");
      gst_element_post_message (source,
                                gst_message_new_error (GST_OBJECT (source), error, NULL));
    }
  else
    {
      g_main_loop_quit (d->loop);
    }

  return G_SOURCE_REMOVE;
}

/* Runs GstDiscoverer on @uri on a private main context, so that it neither
 * needs nor disturbs the caller's. Returns the discoverer's info (and its
 * error, if any, in @discover_error), or %NULL with @error set when the
 * probe could not run or was cancelled. */
static GstDiscovererInfo *
discover_uri (const char   *uri,
              GCancellable *cancellable,
              GError      **discover_error,
              GError      **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GstDiscoverer) discoverer = NULL;
  g_autoptr (GSource) cancel_source = NULL;
  g_autoptr (GError) local_error = NULL;
  Discovery d = { 0 };

  g_main_context_push_thread_default (context);

  discoverer = gst_discoverer_new (PROBE_TIMEOUT_SECONDS * GST_SECOND, &local_error);
  if (discoverer == NULL)
    {
      g_main_context_pop_thread_default (context);
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("GStreamer could not start: %s"), local_error->message);
      return NULL;
    }

  d.loop = g_main_loop_new (context, FALSE);
  g_mutex_init (&d.lock);
  g_signal_connect (discoverer, "source-setup", G_CALLBACK (source_setup_cb), &d);
  g_signal_connect (discoverer, "discovered", G_CALLBACK (discovered_cb), &d);
  g_signal_connect (discoverer, "finished", G_CALLBACK (finished_cb), &d);

  if (cancellable != NULL)
    {
      cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (cancel_source, G_SOURCE_FUNC (cancelled_cb), &d, NULL);
      g_source_attach (cancel_source, context);
    }

  gst_discoverer_start (discoverer);

  if (gst_discoverer_discover_uri_async (discoverer, uri))
    g_main_loop_run (d.loop);
  else
    g_set_error (&d.error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                 _ ("GStreamer could not start reading the file"));

  gst_discoverer_stop (discoverer);
  g_signal_handlers_disconnect_by_data (discoverer, &d);

  if (cancel_source != NULL)
    g_source_destroy (cancel_source);

  g_main_context_pop_thread_default (context);
  g_main_loop_unref (d.loop);
  g_clear_object (&d.source);
  g_mutex_clear (&d.lock);

  if (d.cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_object (&d.info);
      g_clear_error (&d.error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("The audio probe was cancelled"));
      return NULL;
    }

  if (d.info == NULL)
    {
      if (d.error != NULL)
        g_propagate_error (error, d.error);
      else
        g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                     _ ("GStreamer did not say what the file holds"));
      return NULL;
    }

  if (discover_error != NULL)
    *discover_error = d.error;
  else
    g_clear_error (&d.error);

  return d.info;
}

/* "gstreamer|1.0|app|FLAC audio decoder|decoder-audio/x-flac" → the
 * description, the fourth field. */
static char *
describe_missing_plugins (GstDiscovererInfo *info)
{
  const char **details
      = gst_discoverer_info_get_missing_elements_installer_details (info);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (details[i], "|", 5);

      if (g_strv_length (fields) >= 4 && fields[3][0] != '\0')
        g_ptr_array_add (names, g_strdup (fields[3]));
      else
        g_ptr_array_add (names, g_strdup (details[i]));
    }

  if (names->len == 0)
    return g_strdup (_ ("an unknown format"));

  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

/* Whether some installed element turns @caps into raw audio. Discoverer
 * stops at parsed streams, so it does not notice a missing decoder. */
static gboolean
can_decode (GstCaps *caps)
{
  GstStructure *s;
  GList        *factories;
  GList        *usable;
  gboolean      found;

  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return TRUE;

  s = gst_caps_get_structure (caps, 0);
  if (gst_structure_has_name (s, "audio/x-raw"))
    return TRUE;

  factories = gst_element_factory_list_get_elements (
      GST_ELEMENT_FACTORY_TYPE_DECODER | GST_ELEMENT_FACTORY_TYPE_DEMUXER,
      GST_RANK_MARGINAL);
  usable = gst_element_factory_list_filter (factories, caps, GST_PAD_SINK, FALSE);
  found = usable != NULL;

  gst_plugin_feature_list_free (usable);
  gst_plugin_feature_list_free (factories);

  return found;
}

static char *
dup_tag_string (GstDiscovererStreamInfo *stream, const char *tag)
{
  const GstTagList *tags = gst_discoverer_stream_info_get_tags (stream);
  char             *value = NULL;

  if (tags != NULL && gst_tag_list_get_string (tags, tag, &value) && value[0] != '\0')
    return value;

  g_free (value);
  return NULL;
}

static char *
dup_caps_description (GstDiscovererStreamInfo *stream)
{
  g_autoptr (GstCaps) caps = gst_discoverer_stream_info_get_caps (stream);

  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return NULL;

  return gst_pb_utils_get_codec_description (caps);
}

static gboolean
has_real_video (GstDiscovererInfo *dinfo)
{
  GList   *videos = gst_discoverer_info_get_video_streams (dinfo);
  gboolean found = FALSE;

  /* Cover art in an MP3 or M4A is reported as a one-frame video stream. */
  for (GList *l = videos; l != NULL && !found; l = l->next)
    found = !gst_discoverer_video_info_is_image (l->data);

  gst_discoverer_stream_info_list_free (videos);
  return found;
}

static PrlAudioInfo *
audio_info_from_discoverer (GstDiscovererInfo *dinfo,
                            const GError      *discover_error,
                            PrlProbeFailure   *failure,
                            GError           **error)
{
  g_autoptr (GstDiscovererStreamInfo) top = NULL;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;
  g_autofree char        *missing = NULL;
  GstDiscovererAudioInfo *audio;
  GList                  *audios;
  GstClockTime            duration;
  const char             *reason = discover_error ? discover_error->message : "";

  audios = gst_discoverer_info_get_audio_streams (dinfo);
  audio = audios ? g_object_ref (audios->data) : NULL;
  gst_discoverer_stream_info_list_free (audios);

  switch (gst_discoverer_info_get_result (dinfo))
    {
    case GST_DISCOVERER_OK:
      break;

    case GST_DISCOVERER_MISSING_PLUGINS:
      missing = describe_missing_plugins (dinfo);
      *failure = PRL_PROBE_FAILURE_MISSING_PLUGIN;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("The audio stream could not be decoded: missing plugin for %s"),
                   missing);
      g_clear_object (&audio);
      return NULL;

    case GST_DISCOVERER_ERROR:
      if (discover_error != NULL && discover_error->domain == GST_RESOURCE_ERROR)
        {
          *failure = PRL_PROBE_FAILURE_OTHER;
          g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                       _ ("The file could not be read: %s"), reason);
        }
      else if (audio != NULL)
        {
          /* The stream was recognised, then reading it failed. */
          *failure = PRL_PROBE_FAILURE_DAMAGED;
          g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                       _ ("The file is truncated or damaged: %s"), reason);
        }
      else
        {
          *failure = PRL_PROBE_FAILURE_UNREADABLE;
          g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                       _ ("The file is not audio Parlance can read: %s"), reason);
        }
      g_clear_object (&audio);
      return NULL;

    case GST_DISCOVERER_TIMEOUT:
      *failure = PRL_PROBE_FAILURE_OTHER;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("Reading the file took longer than %d seconds"),
                   PROBE_TIMEOUT_SECONDS);
      g_clear_object (&audio);
      return NULL;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_BUSY:
    default:
      *failure = PRL_PROBE_FAILURE_OTHER;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("The file could not be read: %s"), reason);
      g_clear_object (&audio);
      return NULL;
    }

  if (audio == NULL)
    {
      *failure = PRL_PROBE_FAILURE_NO_AUDIO;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("The file has no audio stream"));
      return NULL;
    }

  caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (audio));
  if (!can_decode (caps))
    {
      g_autofree char *decoder = gst_pb_utils_get_decoder_description (caps);

      g_clear_object (&audio);
      *failure = PRL_PROBE_FAILURE_MISSING_PLUGIN;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("The audio stream could not be decoded: missing plugin for %s"),
                   decoder);
      return NULL;
    }

  info = g_new0 (PrlAudioInfo, 1);
  info->has_audio = TRUE;
  info->has_video = has_real_video (dinfo);
  info->sample_rate = gst_discoverer_audio_info_get_sample_rate (audio);
  info->channels = gst_discoverer_audio_info_get_channels (audio);

  info->codec = dup_tag_string (GST_DISCOVERER_STREAM_INFO (audio), GST_TAG_AUDIO_CODEC);
  if (info->codec == NULL)
    info->codec = dup_caps_description (GST_DISCOVERER_STREAM_INFO (audio));
  if (info->codec == NULL)
    info->codec = g_strdup (_ ("Unknown codec"));

  top = gst_discoverer_info_get_stream_info (dinfo);
  if (top != NULL && GST_IS_DISCOVERER_CONTAINER_INFO (top))
    info->container = dup_caps_description (top);
  if (info->container == NULL)
    info->container
        = dup_tag_string (GST_DISCOVERER_STREAM_INFO (audio), GST_TAG_CONTAINER_FORMAT);

  duration = gst_discoverer_info_get_duration (dinfo);
  if (GST_CLOCK_TIME_IS_VALID (duration))
    info->duration = (double)duration / GST_SECOND;
  else
    info->duration = -1;

  g_clear_object (&audio);

  if (info->duration == 0 || info->sample_rate == 0 || info->channels == 0)
    {
      *failure = PRL_PROBE_FAILURE_DAMAGED;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("The file is truncated or damaged: it holds no audio samples"));
      return NULL;
    }

  *failure = PRL_PROBE_FAILURE_NONE;
  return g_steal_pointer (&info);
}

/* That @path is a readable, non-empty regular file, with messages that
 * name it; @failure says which check failed. */
gboolean
_prl_media_check_path (GFile           *file,
                       const char      *path,
                       GCancellable    *cancellable,
                       PrlProbeFailure *failure,
                       GError         **error)
{
  PrlProbeFailure ignored;
  g_autoptr (GFileInfo) finfo = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = g_filename_display_basename (path);

  if (failure == NULL)
    failure = &ignored;
  finfo = g_file_query_info (file,
                             G_FILE_ATTRIBUTE_STANDARD_TYPE
                             "," G_FILE_ATTRIBUTE_STANDARD_SIZE
                             "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                             G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (finfo == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          *failure = PRL_PROBE_FAILURE_NOT_FOUND;
          g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_NOT_FOUND,
                       _ ("“%s” does not exist"), name);
        }
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else
        {
          g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                       _ ("“%s” could not be read: %s"), name, local_error->message);
        }
      return FALSE;
    }

  switch (g_file_info_get_file_type (finfo))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_DIRECTORY:
      *failure = PRL_PROBE_FAILURE_NOT_A_FILE;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("“%s” is a folder, not an audio file"), name);
      return FALSE;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      *failure = PRL_PROBE_FAILURE_NOT_A_FILE;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("“%s” is not a regular file"), name);
      return FALSE;
    }

  if (g_file_info_has_attribute (finfo, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
      && !g_file_info_get_attribute_boolean (finfo, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_FAILED,
                   _ ("You do not have permission to read “%s”"), name);
      return FALSE;
    }

  if (g_file_info_get_size (finfo) == 0)
    {
      *failure = PRL_PROBE_FAILURE_EMPTY;
      g_set_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
                   _ ("The file is empty"));
      return FALSE;
    }

  return TRUE;
}

PrlAudioInfo *
_prl_audio_probe_run (const char      *path,
                      GCancellable    *cancellable,
                      PrlProbeFailure *failure,
                      GError         **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GstDiscovererInfo) dinfo = NULL;
  g_autoptr (GError) discover_error = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (failure != NULL, NULL);

  *failure = PRL_PROBE_FAILURE_OTHER;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  file = g_file_new_for_path (path);
  if (!_prl_media_check_path (file, path, cancellable, failure, error))
    return NULL;

  if (!_prl_media_ensure_gstreamer (error))
    return NULL;

  uri = g_file_get_uri (file);
  dinfo = discover_uri (uri, cancellable, &discover_error, error);
  if (dinfo == NULL)
    return NULL;

  return audio_info_from_discoverer (dinfo, discover_error, failure, error);
}

/* A task's data: what to run, on which file. One allocation. */
typedef struct
{
  PrlMediaPathFunc func;
  GDestroyNotify   result_free;
  char             path[];
} PathWork;

static void
path_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PathWork *work = task_data;
  GError   *error = NULL;
  gpointer  result = work->func (work->path, cancellable, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, work->result_free);
  else
    g_task_return_error (task, error);
}

/* Runs @func on @path in a worker thread; the task's result is what it
 * returns, or its error. Finish with g_task_propagate_pointer(). */
void
_prl_media_run_in_thread (const char         *path,
                          PrlMediaPathFunc    func,
                          GDestroyNotify      result_free,
                          gpointer            source_tag,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  PathWork *work;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  work = g_malloc (sizeof *work + strlen (path) + 1);
  work->func = func;
  work->result_free = result_free;
  strcpy (work->path, path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, work, g_free);
  g_task_run_in_thread (task, path_worker);
}

static gpointer
probe_path (const char *path, GCancellable *cancellable, GError **error)
{
  PrlProbeFailure failure;

  return _prl_audio_probe_run (path, cancellable, &failure, error);
}

/**
 * prl_audio_probe_async:
 * @path: a local file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Says what the audio file at @path holds, in a worker thread. The caller's
 * main loop keeps running meanwhile.
 */
void
prl_audio_probe_async (const char         *path,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  _prl_media_run_in_thread (path, probe_path, (GDestroyNotify)prl_audio_info_free,
                            prl_audio_probe_async, cancellable, callback, user_data);
}

/**
 * prl_audio_probe_finish:
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the file holds, or %NULL with
 *   @error set: %PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT (the message says
 *   why), %PRL_MEDIA_ERROR_NOT_FOUND, %PRL_MEDIA_ERROR_FAILED or
 *   %G_IO_ERROR_CANCELLED
 */
PrlAudioInfo *
prl_audio_probe_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == prl_audio_probe_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * prl_audio_probe_file:
 * @path: a local file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of prl_audio_probe_async(), for the command line and
 * for worker threads. It does not dispatch anything on the thread-default
 * main context.
 *
 * Returns: (transfer full) (nullable): what the file holds, or %NULL with
 *   @error set as for prl_audio_probe_finish()
 */
PrlAudioInfo *
prl_audio_probe_file (const char *path, GCancellable *cancellable, GError **error)
{
  PrlProbeFailure failure;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  return _prl_audio_probe_run (path, cancellable, &failure, error);
}
