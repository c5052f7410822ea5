/* test-audio-probe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-audio-probe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "media-test-util.h"
#include "prl-audio-check.h"
#include "prl-audio-probe.h"
#include "prl-media-error.h"

/* Fixtures are written at start-up by GStreamer pipelines into a temporary
 * folder, which is removed at the end. */
static char *fixture_dir;

static const char *
fixture (const char *name)
{
  static GHashTable *paths;
  char              *path;

  if (paths == NULL)
    paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if ((path = g_hash_table_lookup (paths, name)) == NULL)
    {
      path = g_build_filename (fixture_dir, name, NULL);
      g_hash_table_insert (paths, g_strdup (name), path);
    }

  return path;
}

static gboolean
have_elements (const char *first, ...)
{
  va_list     args;
  const char *name;
  gboolean    found = TRUE;

  va_start (args, first);
  for (name = first; name != NULL && found; name = va_arg (args, const char *))
    {
      GstElementFactory *factory = gst_element_factory_find (name);

      found = factory != NULL;
      g_clear_object (&factory);
    }
  va_end (args);

  return found;
}

/* Runs "@description ! filesink location=<fixture @name>" to the end. */
static void
make_fixture (const char *name, const char *description)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) message = NULL;
  g_autofree char *launch = NULL;

  /* The temporary folder's name holds no quotes or spaces. */
  launch = g_strdup_printf ("%s ! filesink location=\"%s\"", description, fixture (name));
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr (GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("Could not make %s: %s", name, gst_error->message);
    }
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
write_file (const char *name, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (fixture (name), data, len, &error);
  g_assert_no_error (error);
}

static void
make_fixtures (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *flac = NULL;
  guint8           noise[4096];
  gsize            len;

  fixture_dir = g_dir_make_tmp ("parlance-media-XXXXXX", &error);
  g_assert_no_error (error);

  /* 1.0 s, 8 kHz mono: NarrowBand. */
  make_fixture ("nb.wav", "audiotestsrc num-buffers=10 samplesperbuffer=800 ! "
                          "audio/x-raw,format=S16LE,rate=8000,channels=1 ! wavenc");
  /* 2.0 s, 16 kHz mono: WideBand, the lowest such rate. */
  make_fixture ("wb.flac", "audiotestsrc num-buffers=20 samplesperbuffer=1600 ! "
                           "audio/x-raw,rate=16000,channels=1 ! flacenc");
  /* 0.5 s, 44.1 kHz stereo. */
  make_fixture ("cd.wav", "audiotestsrc num-buffers=5 samplesperbuffer=4410 ! "
                          "audio/x-raw,format=S16LE,rate=44100,channels=2 ! wavenc");
  /* 1.0 s, 44.1 kHz stereo, constant bit rate. */
  if (have_elements ("lamemp3enc", NULL))
    make_fixture ("cd.mp3", "audiotestsrc num-buffers=10 samplesperbuffer=4410 ! "
                            "audio/x-raw,rate=44100,channels=2 ! "
                            "lamemp3enc target=bitrate cbr=true bitrate=128");
  /* 1.0 s, 22.05 kHz mono AAC in MP4. */
  if (have_elements ("avenc_aac", "mp4mux", NULL))
    make_fixture ("voice.m4a", "audiotestsrc num-buffers=10 samplesperbuffer=2205 ! "
                               "audio/x-raw,rate=22050,channels=1 ! avenc_aac ! mp4mux");
  /* Video only. */
  if (have_elements ("jpegenc", "avimux", NULL))
    make_fixture ("video.avi", "videotestsrc num-buffers=10 ! "
                               "video/x-raw,width=64,height=48 ! jpegenc ! avimux");

  write_file ("empty.wav", "", 0);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8)g_random_int ();
  /* Make sure no typefinder recognises it by its first bytes. */
  memcpy (noise, "NOISE", 5);
  write_file ("random.wav", noise, sizeof noise);

  g_file_get_contents (fixture ("nb.wav"), &wav, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 44);
  write_file ("header-only.wav", wav, 44);

  g_file_get_contents (fixture ("wb.flac"), &flac, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 2000);
  write_file ("truncated.flac", flac, 2000);

  write_file ("notes.mp3", "These are meeting notes, not audio.\n", 36);

  g_assert_no_errno (g_mkdir (fixture ("folder.wav"), 0700));
}

static void
remove_fixtures (void)
{
  g_autoptr (GFile) dir = g_file_new_for_path (fixture_dir);
  g_autoptr (GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator
      = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL
         && (info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
}

/* @tolerance is 0.05 s for PCM and FLAC; MP3 and AAC encoders add priming
 * and padding samples (up to one frame at each end), so those get more. */
static void
assert_probe (const char *name,
              guint       rate,
              guint       channels,
              double      duration,
              double      tolerance,
              const char *codec_part,
              const char *container)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;

  info = prl_audio_probe_file (fixture (name), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);

  g_test_message ("%s: %u Hz, %u ch, %.3f s, codec “%s”, container “%s”", name,
                  info->sample_rate, info->channels, info->duration, info->codec,
                  info->container ? info->container : "(none)");

  g_assert_true (info->has_audio);
  g_assert_false (info->has_video);
  g_assert_cmpuint (info->sample_rate, ==, rate);
  g_assert_cmpuint (info->channels, ==, channels);
  g_assert_cmpfloat_with_epsilon (info->duration, duration, tolerance);
  g_assert_nonnull (strstr (info->codec, codec_part));
  g_assert_cmpstr (info->container, ==, container);
}

static void
test_band_rule (void)
{
  g_assert_true (prl_audio_is_narrow_band (8000));
  g_assert_true (prl_audio_is_narrow_band (11025));
  g_assert_true (prl_audio_is_narrow_band (15999));
  g_assert_false (prl_audio_is_narrow_band (16000));
  g_assert_false (prl_audio_is_narrow_band (44100));

  g_assert_cmpstr (prl_audio_band_name (8000), ==, "NarrowBand");
  g_assert_cmpstr (prl_audio_band_name (15999), ==, "NarrowBand");
  g_assert_cmpstr (prl_audio_band_name (16000), ==, "WideBand");
  g_assert_cmpstr (prl_audio_band_name (48000), ==, "WideBand");
}

static void
test_probe_wav_narrow (void)
{
  assert_probe ("nb.wav", 8000, 1, 1.0, 0.05, "PCM", "WAV");
  g_assert_cmpstr (prl_audio_band_name (8000), ==, "NarrowBand");
}

static void
test_probe_flac_wide (void)
{
  assert_probe ("wb.flac", 16000, 1, 2.0, 0.05, "FLAC", NULL);
}

static void
test_probe_wav_stereo (void)
{
  assert_probe ("cd.wav", 44100, 2, 0.5, 0.05, "PCM", "WAV");
}

static void
test_probe_mp3 (void)
{
  if (!have_elements ("lamemp3enc", NULL))
    {
      g_test_skip ("lamemp3enc is not installed");
      return;
    }

  assert_probe ("cd.mp3", 44100, 2, 1.0, 0.08, "MP3", NULL);
}

static void
test_probe_m4a (void)
{
  if (!have_elements ("avenc_aac", "mp4mux", NULL))
    {
      g_test_skip ("avenc_aac or mp4mux is not installed");
      return;
    }

  assert_probe ("voice.m4a", 22050, 1, 1.0, 0.1, "AAC", "Quicktime");
}

static void
test_probe_copy (void)
{
  g_autoptr (PrlAudioInfo) info = NULL;
  g_autoptr (PrlAudioInfo) copy = NULL;

  info = prl_audio_probe_file (fixture ("cd.wav"), NULL, NULL);
  g_assert_nonnull (info);

  copy = g_boxed_copy (PRL_TYPE_AUDIO_INFO, info);
  g_assert_true (copy->codec != info->codec);
  g_assert_cmpstr (copy->codec, ==, info->codec);
  g_assert_cmpstr (copy->container, ==, info->container);
  g_assert_cmpuint (copy->sample_rate, ==, info->sample_rate);
}

typedef struct
{
  const char *name;
  int         code;
  const char *message_part;
} BadInput;

static const BadInput bad_inputs[] = {
  { "empty.wav", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "The file is empty" },
  { "random.wav", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "not audio Parlance can read" },
  { "header-only.wav", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "truncated or damaged" },
  { "truncated.flac", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "truncated or damaged" },
  { "notes.mp3", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "not audio Parlance can read" },
  { "missing.wav", PRL_MEDIA_ERROR_NOT_FOUND, "“missing.wav” does not exist" },
  { "folder.wav", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "“folder.wav” is a folder" },
  { "video.avi", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "The file has no audio stream" },
};

static void
test_probe_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;

  if (!g_file_test (fixture (bad->name), G_FILE_TEST_EXISTS)
      && bad->code != PRL_MEDIA_ERROR_NOT_FOUND)
    {
      g_test_skip ("the encoder for this fixture is not installed");
      return;
    }

  info = prl_audio_probe_file (fixture (bad->name), NULL, &error);
  g_assert_null (info);
  g_assert_error (error, PRL_MEDIA_ERROR, bad->code);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_nonnull (strstr (error->message, bad->message_part));
}

/* Hides every FLAC decoder from the registry: the file is still recognised,
 * but it could not be decoded, which the probe must say. */
static void
test_probe_missing_decoder (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;
  GHashTable *hidden;

  /* Makes sure GStreamer is initialised. */
  info = prl_audio_probe_file (fixture ("wb.flac"), NULL, NULL);
  g_assert_nonnull (info);
  g_clear_pointer (&info, prl_audio_info_free);

  hidden = prl_test_hide_decoders ("audio/x-flac");
  g_assert_cmpuint (g_hash_table_size (hidden), >, 0);
  info = prl_audio_probe_file (fixture ("wb.flac"), NULL, &error);
  prl_test_restore_decoders (hidden);

  g_assert_null (info);
  g_assert_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT);
  g_test_message ("without FLAC decoders: %s", error->message);
  g_assert_nonnull (strstr (error->message, "could not be decoded: missing plugin for"));
  g_assert_nonnull (strstr (error->message, "FLAC"));
}

static void
probe_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static PrlAudioInfo *
probe_async_and_wait (const char   *path,
                      GCancellable *cancellable,
                      gboolean      cancel_after_start,
                      GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_audio_probe_async (path, cancellable, probe_done_cb, &result);
  if (cancel_after_start)
    g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return prl_audio_probe_finish (result, error);
}

static void
test_probe_async (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;

  info = probe_async_and_wait (fixture ("wb.flac"), NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->sample_rate, ==, 16000);
  g_clear_pointer (&info, prl_audio_info_free);

  info = probe_async_and_wait (fixture ("random.wav"), NULL, FALSE, &error);
  g_assert_null (info);
  g_assert_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT);
}

static void
test_cancel_before (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;

  g_cancellable_cancel (cancellable);

  info = prl_audio_probe_file (fixture ("nb.wav"), cancellable, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  info = probe_async_and_wait (fixture ("nb.wav"), cancellable, FALSE, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GCancellable *cancellable;
  gulong        delay_us;
} CancelLater;

static gpointer
cancel_later_thread (gpointer data)
{
  CancelLater *later = data;

  g_usleep (later->delay_us);
  g_cancellable_cancel (later->cancellable);

  return NULL;
}

/* Cancels from another thread at increasing delays, so that some land in
 * the middle of the GStreamer probe: each probe then either finished first
 * or reports the cancellation, and never anything else. */
static void
test_cancel_while_probing (void)
{
  static const gulong delays[] = { 0, 50, 200, 500, 1000, 2000, 5000, 10000, 20000 };
  guint               n_cancelled = 0;
  guint               n_done = 0;

  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlAudioInfo) info = NULL;
      CancelLater later = { cancellable, delays[i] };
      GThread    *thread;
      gint64      start = g_get_monotonic_time ();
      gint64      elapsed;

      thread = g_thread_new ("cancel-later", cancel_later_thread, &later);
      info = prl_audio_probe_file (fixture ("cd.wav"), cancellable, &error);
      elapsed = g_get_monotonic_time () - start;
      g_thread_join (thread);

      g_test_message ("cancel after %lu µs: %s after %" G_GINT64_FORMAT " µs", delays[i],
                      info ? "probed" : error->message, elapsed);

      if (info != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (info->sample_rate, ==, 44100);
          n_done++;
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          n_cancelled++;
        }
    }

  g_assert_cmpuint (n_cancelled, >, 0);
  g_assert_cmpuint (n_cancelled + n_done, ==, G_N_ELEMENTS (delays));

  /* Cancelling right after starting the async probe always reports it. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GError) error = NULL;
    g_autoptr (PrlAudioInfo) info = NULL;

    info = probe_async_and_wait (fixture ("cd.wav"), cancellable, TRUE, &error);
    g_assert_null (info);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

typedef struct
{
  guint  n_ticks;
  guint  n_pending;
  gint64 last_tick;
  gint64 max_gap;
} LoopWatch;

static gboolean
tick_cb (gpointer user_data)
{
  LoopWatch *watch = user_data;
  gint64     now = g_get_monotonic_time ();

  watch->n_ticks++;
  watch->max_gap = MAX (watch->max_gap, now - watch->last_tick);
  watch->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
many_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  LoopWatch *watch = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAudioInfo) info = NULL;

  info = prl_audio_probe_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->sample_rate, >=, 8000);
  watch->n_pending--;
}

/* The async probe runs off the main loop: a 1 ms timer keeps firing while
 * twelve probes (of three kinds of file, in parallel) are under way. */
static void
test_async_does_not_block (void)
{
  static const char *const names[] = { "nb.wav", "wb.flac", "cd.wav" };
  LoopWatch                watch = { 0 };
  gint64                   start;
  gint64                   returned;
  guint                    timer;

  timer = g_timeout_add (1, tick_cb, &watch);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 12; i++)
    {
      prl_audio_probe_async (fixture (names[i % G_N_ELEMENTS (names)]), NULL,
                             many_done_cb, &watch);
      watch.n_pending++;
    }
  returned = g_get_monotonic_time ();

  watch.last_tick = returned;
  while (watch.n_pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("starting took %" G_GINT64_FORMAT " µs, probing %" G_GINT64_FORMAT
                  " µs; %u ticks, longest gap %" G_GINT64_FORMAT " µs",
                  returned - start, g_get_monotonic_time () - start, watch.n_ticks,
                  watch.max_gap);

  g_source_remove (timer);

  /* Starting does not wait for probing, and the loop kept turning. */
  g_assert_cmpint (returned - start, <, (g_get_monotonic_time () - start) / 2);
  g_assert_cmpuint (watch.n_ticks, >=, 2);
}

static PrlCheckIssue *
find_issue (PrlFileCheck *check, const char *code)
{
  for (guint i = 0; i < check->issues->len; i++)
    {
      PrlCheckIssue *issue = g_ptr_array_index (check->issues, i);

      if (g_str_equal (issue->code, code))
        return issue;
    }

  return NULL;
}

static void
test_check_untrained (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  GStatBuf st;

  check = prl_check_audio_file (fixture ("nb.wav"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);

  g_assert_cmpint (check->type, ==, PRL_DATASET_TYPE_AUDIO);
  g_assert_cmpstr (check->path, ==, fixture ("nb.wav"));
  g_assert_no_errno (g_stat (fixture ("nb.wav"), &st));
  g_assert_cmpuint (check->n_bytes, ==, st.st_size);
  g_assert_cmpuint (check->n_bytes, >, 8000 * 2);
  g_assert_cmpfloat_with_epsilon (check->duration, 1.0, 0.05);
  g_assert_cmpuint (check->sample_rate, ==, 8000);
  g_assert_cmpuint (check->channels, ==, 1);
  g_assert_nonnull (strstr (check->codec, "PCM"));
  g_assert_cmpuint (check->issues->len, ==, 0);
  g_assert_false (prl_file_check_has_errors (check));

  /* The base model a new model is offered. */
  g_assert_cmpstr (prl_audio_band_name (check->sample_rate), ==, "NarrowBand");
  g_clear_pointer (&check, prl_file_check_free);

  check = prl_check_audio_file (fixture ("wb.flac"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_audio_band_name (check->sample_rate), ==, "WideBand");
  g_assert_cmpuint (check->issues->len, ==, 0);
}

static void
test_check_mismatch (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  PrlCheckIssue *issue;

  /* 8 kHz audio for a model trained on WideBand. */
  check = prl_check_audio_file (fixture ("nb.wav"), "WideBand", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 1);
  issue = find_issue (check, "base_model_mismatch");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_WARNING);
  g_assert_cmpstr (issue->path, ==, fixture ("nb.wav"));
  g_test_message ("%s / %s", issue->message, issue->fix);
  g_assert_nonnull (strstr (issue->message, "8000 Hz"));
  g_assert_nonnull (strstr (issue->message, "NarrowBand"));
  g_assert_nonnull (strstr (issue->message, "recognition may be worse"));
  g_assert_nonnull (strstr (issue->fix, "NarrowBand"));
  g_assert_false (prl_file_check_has_errors (check));
  g_clear_pointer (&check, prl_file_check_free);

  /* 16 kHz audio for a model trained on NarrowBand. */
  check = prl_check_audio_file (fixture ("wb.flac"), "NarrowBand", NULL, &error);
  g_assert_no_error (error);
  issue = find_issue (check, "base_model_mismatch");
  g_assert_nonnull (issue);
  g_assert_nonnull (strstr (issue->message, "16000 Hz"));
  g_assert_nonnull (strstr (issue->message, "WideBand"));
  g_clear_pointer (&check, prl_file_check_free);

  /* Matching bands: no warning. */
  check = prl_check_audio_file (fixture ("nb.wav"), "NarrowBand", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 0);
  g_clear_pointer (&check, prl_file_check_free);

  check = prl_check_audio_file (fixture ("cd.wav"), "WideBand", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 0);
}

static void
test_check_invalid (void)
{
  static const char *const names[]
      = { "random.wav", "empty.wav", "header-only.wav", "notes.mp3", "folder.wav" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlFileCheck) check = NULL;
      PrlCheckIssue *issue;

      /* A trained model does not add a band warning to unreadable audio. */
      check = prl_check_audio_file (fixture (names[i]), "WideBand", NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (check);
      g_assert_true (prl_file_check_has_errors (check));
      g_assert_cmpuint (check->issues->len, ==, 1);

      issue = find_issue (check, "invalid_audio_format");
      g_assert_nonnull (issue);
      g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_ERROR);
      g_assert_nonnull (issue->message);
      g_assert_nonnull (issue->fix);
      g_test_message ("%s: %s / %s", names[i], issue->message, issue->fix);
      g_assert_cmpfloat (check->duration, ==, -1);
      g_assert_cmpuint (check->sample_rate, ==, 0);
      g_assert_null (check->codec);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PrlFileCheck) check = NULL;
    PrlCheckIssue *issue;

    check = prl_check_audio_file (fixture ("random.wav"), NULL, NULL, &error);
    issue = find_issue (check, "invalid_audio_format");
    g_assert_cmpuint (check->n_bytes, ==, 4096);
    g_assert_nonnull (strstr (issue->message, "not audio Parlance can read"));
    g_assert_nonnull (
        strstr (issue->fix, "ffmpeg -i 'random.wav' 'random-converted.wav'"));
  }
}

static void
test_check_too_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  g_autofree char *wav = NULL;
  const char      *path = fixture ("huge.wav");
  PrlCheckIssue   *issue;
  gsize            len;
  int              fd;

  /* A sparse file: the 1 s WAV, then zeros up to just over 10 GB. */
  g_file_get_contents (fixture ("nb.wav"), &wav, &len, &error);
  g_assert_no_error (error);
  write_file ("huge.wav", wav, len);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  if (ftruncate (fd, (off_t)PRL_MAX_FILE_BYTES + 1) != 0)
    {
      int              saved_errno = errno;
      g_autofree char *reason = NULL;

      g_close (fd, NULL);
      reason
          = g_strdup_printf ("cannot make a sparse file: %s", g_strerror (saved_errno));
      g_test_skip (reason);
      return;
    }
  g_close (fd, NULL);

  check = prl_check_audio_file (path, NULL, NULL, &error);
  g_unlink (path);
  g_assert_no_error (error);

  g_assert_cmpuint (check->n_bytes, ==, PRL_MAX_FILE_BYTES + 1);
  issue = find_issue (check, "file_too_large");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_ERROR);
  g_test_message ("%s / %s", issue->message, issue->fix);
  g_assert_nonnull (strstr (issue->message, "(10000000001 bytes)"));
  g_assert_nonnull (strstr (issue->message, "at most 10.0"));
  /* It is refused without being probed. */
  g_assert_cmpuint (check->issues->len, ==, 1);
  g_assert_cmpuint (check->sample_rate, ==, 0);
  g_assert_cmpfloat (check->duration, ==, -1);
}

/* Overwrites 4 bytes at @offset of fixture @name with @value, little-endian. */
static void
patch_le32 (const char *name, goffset offset, guint32 value)
{
  guint8 bytes[4]
      = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };
  int fd = g_open (fixture (name), O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, bytes, sizeof bytes, offset), ==, sizeof bytes);
  g_assert_true (g_close (fd, NULL));
}

static void
test_check_wav_header_mismatch (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *wav = NULL;
  g_autofree char *present = NULL;
  const char      *argv[] = { "espeak-ng", "-w", NULL, "one two three four five", NULL };
  PrlCheckIssue   *issue;
  double           whole;
  gsize            len;
  int              status;

  if (espeak == NULL)
    {
      g_test_skip ("espeak-ng is not installed");
      return;
    }

  /* A real recording: espeak-ng writes a plain 44-byte header, 22050 Hz
   * mono S16LE, with correct sizes. */
  argv[2] = fixture ("speech.wav");
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_file_get_contents (fixture ("speech.wav"), &wav, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (wav + 36, 4, "data", 4);
  g_assert_cmpuint (len, >, 44 + 22050);

  check = prl_check_audio_file (fixture ("speech.wav"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 0);
  whole = check->duration;
  g_assert_cmpfloat_with_epsilon (whole, (len - 44) / 44100.0, 0.05);
  g_clear_pointer (&check, prl_file_check_free);

  /* The header claims 4 GB (the RIFF and data sizes both 0xFFFFFFFF, as
   * an unfinished recording leaves them). It is still read as the short
   * file it is, with a warning giving both sizes. */
  write_file ("claims-4gb.wav", wav, len);
  patch_le32 ("claims-4gb.wav", 4, G_MAXUINT32);
  patch_le32 ("claims-4gb.wav", 40, G_MAXUINT32);
  check = prl_check_audio_file (fixture ("claims-4gb.wav"), "WideBand", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 1);
  issue = find_issue (check, "wav_size_mismatch");
  g_assert_nonnull (issue);
  g_test_message ("%s / %s", issue->message, issue->fix);
  g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_WARNING);
  g_assert_false (prl_file_check_has_errors (check));
  g_assert_nonnull (strstr (issue->message, "(4294967295 bytes)"));
  g_assert_nonnull (strstr (issue->message, "27 h 3 min")); /* 2^32 - 1 B at 44100 B/s */
  present = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", len - 44);
  g_assert_nonnull (strstr (issue->message, present));
  g_assert_nonnull (strstr (issue->message, "cut short"));
  g_assert_nonnull (strstr (issue->fix, "Only the audio that is there will be used"));
  g_assert_cmpfloat_with_epsilon (check->duration, whole, 0.05);
  g_assert_cmpuint (check->sample_rate, ==, 22050);
  g_clear_pointer (&check, prl_file_check_free);
  g_clear_pointer (&present, g_free);

  /* Cut short: the first half of the recording with its original header. */
  write_file ("cut.wav", wav, 44 + (len - 44) / 2);
  check = prl_check_audio_file (fixture ("cut.wav"), NULL, NULL, &error);
  g_assert_no_error (error);
  issue = find_issue (check, "wav_size_mismatch");
  g_assert_nonnull (issue);
  g_test_message ("%s", issue->message);
  g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_WARNING);
  present = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", (len - 44) / 2);
  g_assert_nonnull (strstr (issue->message, present));
  g_clear_pointer (&present, g_free);
  present = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", len - 44);
  g_assert_nonnull (strstr (issue->message, present));
  g_assert_cmpfloat_with_epsilon (check->duration, whole / 2, 0.05);
  g_clear_pointer (&check, prl_file_check_free);

  /* Only the RIFF size is wrong: the audio is whole, yet the header says
   * the file should go on after it. */
  write_file ("riff-long.wav", wav, len);
  patch_le32 ("riff-long.wav", 4, (guint32)(len - 8 + 1000));
  check = prl_check_audio_file (fixture ("riff-long.wav"), NULL, NULL, &error);
  g_assert_no_error (error);
  issue = find_issue (check, "wav_size_mismatch");
  g_assert_nonnull (issue);
  g_test_message ("%s", issue->message);
  g_clear_pointer (&present, g_free);
  present = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", len + 1000);
  g_assert_nonnull (strstr (issue->message, present));
  g_clear_pointer (&present, g_free);
  present = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", len);
  g_assert_nonnull (strstr (issue->message, present));
  g_clear_pointer (&check, prl_file_check_free);

  /* A RIFF size that counts its own 8-byte header, as some writers do,
   * harms nothing. */
  write_file ("riff-off-by-8.wav", wav, len);
  patch_le32 ("riff-off-by-8.wav", 4, (guint32)len);
  check = prl_check_audio_file (fixture ("riff-off-by-8.wav"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 0);
  g_clear_pointer (&check, prl_file_check_free);

  /* Trailing chunks after the audio are normal: a header that claims
   * less than the file holds is no issue. */
  {
    g_autoptr (GString) longer = g_string_new_len (wav, len);

    g_string_append_len (longer, "LIST\x04\x00\x00\x00INFO", 12);
    write_file ("trailing.wav", longer->str, longer->len);
    patch_le32 ("trailing.wav", 4, (guint32)(longer->len - 8));
  }
  check = prl_check_audio_file (fixture ("trailing.wav"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 0);
}

static void
test_check_not_found_and_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;

  check = prl_check_audio_file (fixture ("missing.wav"), NULL, NULL, &error);
  g_assert_null (check);
  g_assert_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  check = prl_check_audio_file (fixture ("nb.wav"), NULL, cancellable, &error);
  g_assert_null (check);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  make_fixtures ();

  g_test_add_func ("/media/band/rule", test_band_rule);
  g_test_add_func ("/media/probe/wav-narrow", test_probe_wav_narrow);
  g_test_add_func ("/media/probe/flac-wide", test_probe_flac_wide);
  g_test_add_func ("/media/probe/wav-stereo", test_probe_wav_stereo);
  g_test_add_func ("/media/probe/mp3", test_probe_mp3);
  g_test_add_func ("/media/probe/m4a", test_probe_m4a);
  g_test_add_func ("/media/probe/copy", test_probe_copy);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/media/probe/bad/%s", bad_inputs[i].name);

      g_test_add_data_func (name, &bad_inputs[i], test_probe_bad_input);
    }
  g_test_add_func ("/media/probe/missing-decoder", test_probe_missing_decoder);
  g_test_add_func ("/media/probe/async", test_probe_async);
  g_test_add_func ("/media/probe/async-does-not-block", test_async_does_not_block);
  g_test_add_func ("/media/probe/cancel-before", test_cancel_before);
  g_test_add_func ("/media/probe/cancel-while-probing", test_cancel_while_probing);
  g_test_add_func ("/media/check/untrained", test_check_untrained);
  g_test_add_func ("/media/check/base-model-mismatch", test_check_mismatch);
  g_test_add_func ("/media/check/invalid", test_check_invalid);
  g_test_add_func ("/media/check/too-large", test_check_too_large);
  g_test_add_func ("/media/check/wav-header-mismatch", test_check_wav_header_mismatch);
  g_test_add_func ("/media/check/not-found-and-cancelled",
                   test_check_not_found_and_cancelled);

  ret = g_test_run ();

  remove_fixtures ();
  g_clear_pointer (&fixture_dir, g_free);

  return ret;
}
