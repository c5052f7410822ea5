/* test-audio-decoder.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-audio-decoder"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "prl-audio-decoder.h"
#include "media-test-util.h"
#include "prl-media-error.h"

/* Fixtures are written at start-up by GStreamer pipelines into a temporary
 * folder, which is removed at the end. */
static char *fixture_dir;

static char *
fixture (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
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

static void
make_fixture (const char *name, const char *description)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) message = NULL;
  g_autofree char *path = fixture (name);
  g_autofree char *launch = NULL;

  launch = g_strdup_printf ("%s ! filesink location=\"%s\"", description, path);
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
write_file (const char *name, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture (name);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
make_fixtures (void)
{
  g_autoptr (GError) error = NULL;
  guint8 noise[4096];

  fixture_dir = g_dir_make_tmp ("parlance-decoder-XXXXXX", &error);
  g_assert_no_error (error);

  /* 2.0 s, 8 kHz mono: must come out twice as many samples. */
  make_fixture ("nb.wav", "audiotestsrc num-buffers=20 samplesperbuffer=800 ! "
                          "audio/x-raw,format=S16LE,rate=8000,channels=1 ! wavenc");
  /* 1.5 s, 44.1 kHz stereo FLAC: resampled and mixed down. */
  make_fixture ("cd.flac", "audiotestsrc num-buffers=15 samplesperbuffer=4410 ! "
                           "audio/x-raw,rate=44100,channels=2 ! flacenc");
  /* 30 s, so that a cancellation lands in the middle. */
  make_fixture ("long.wav", "audiotestsrc num-buffers=300 samplesperbuffer=4410 ! "
                            "audio/x-raw,format=S16LE,rate=44100,channels=1 ! wavenc");
  if (have_elements ("jpegenc", "avimux", NULL))
    make_fixture ("video.avi", "videotestsrc num-buffers=10 ! "
                               "video/x-raw,width=64,height=48 ! jpegenc ! avimux");

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8)g_random_int ();
  memcpy (noise, "NOISE", 5);
  write_file ("random.wav", noise, sizeof noise);
  write_file ("empty.wav", "", 0);
}

static void
remove_fixtures (void)
{
  const char *names[]
      = { "nb.wav", "cd.flac", "long.wav", "video.avi", "random.wav", "empty.wav" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);

      g_remove (path);
    }
  g_rmdir (fixture_dir);
  g_free (fixture_dir);
}

static void
assert_decoded (const char *name, double seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pcm = NULL;
  g_autofree char *path = fixture (name);
  double           expected = seconds * PRL_AUDIO_DECODER_RATE;
  gsize            n;

  pcm = prl_audio_decoder_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pcm);

  n = g_bytes_get_size (pcm) / sizeof (gint16);
  g_test_message ("%s: %" G_GSIZE_FORMAT " samples, expected %.0f", name, n, expected);
  g_assert_cmpfloat (n, >=, expected * 0.99);
  g_assert_cmpfloat (n, <=, expected * 1.01);
}

static void
test_decode_wav_8k (void)
{
  assert_decoded ("nb.wav", 2.0);
}

static void
test_decode_flac_stereo (void)
{
  assert_decoded ("cd.flac", 1.5);
}

typedef struct
{
  gsize         n_samples;
  guint         n_chunks;
  GCancellable *cancel_after_first;
  gboolean      stop_after_first;
} Counter;

static gboolean
count_cb (const gint16 *samples, gsize n_samples, gpointer user_data)
{
  Counter *c = user_data;

  c->n_samples += n_samples;
  c->n_chunks++;
  if (c->cancel_after_first != NULL)
    g_cancellable_cancel (c->cancel_after_first);

  return !c->stop_after_first;
}

static void
test_decode_streaming (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("long.wav");
  Counter          c = { 0 };

  g_assert_true (prl_audio_decoder_run (path, count_cb, &c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.n_chunks, >, 1);
  g_assert_cmpfloat (c.n_samples, >=, 30 * PRL_AUDIO_DECODER_RATE * 0.99);
  g_assert_cmpfloat (c.n_samples, <=, 30 * PRL_AUDIO_DECODER_RATE * 1.01);

  /* Stopping early is not an error. */
  memset (&c, 0, sizeof c);
  c.stop_after_first = TRUE;
  g_assert_true (prl_audio_decoder_run (path, count_cb, &c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.n_chunks, ==, 1);
}

static void
test_decode_cancel (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GBytes) pcm = NULL;
  g_autofree char *path = fixture ("long.wav");
  Counter          c = { 0 };

  c.cancel_after_first = cancellable;
  g_assert_false (prl_audio_decoder_run (path, count_cb, &c, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (c.n_samples, <, 30 * PRL_AUDIO_DECODER_RATE / 2);
  g_clear_error (&error);

  /* Already cancelled: nothing is read at all. */
  pcm = prl_audio_decoder_load (path, cancellable, &error);
  g_assert_null (pcm);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GBytes **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = prl_audio_decoder_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_decode_async (void)
{
  g_autofree char *path = fixture ("nb.wav");
  g_autoptr (GBytes) pcm = NULL;

  prl_audio_decoder_load_async (path, NULL, load_cb, &pcm);
  while (pcm == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_bytes_get_size (pcm) / 2, >=, 2 * PRL_AUDIO_DECODER_RATE * 0.99);
}

typedef struct
{
  const char *name;
  int         code;
  const char *message_part;
} BadInput;

static const BadInput bad_inputs[] = {
  { "random.wav", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "not audio Parlance can read" },
  { "empty.wav", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "The file is empty" },
  { "missing.wav", PRL_MEDIA_ERROR_NOT_FOUND, "“missing.wav” does not exist" },
  { "video.avi", PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT, "no audio stream" },
};

static void
test_decode_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pcm = NULL;
  g_autofree char *path = fixture (bad->name);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && bad->code != PRL_MEDIA_ERROR_NOT_FOUND)
    {
      g_test_skip ("the encoder for this fixture is not installed");
      return;
    }

  pcm = prl_audio_decoder_load (path, NULL, &error);
  g_assert_null (pcm);
  g_assert_error (error, PRL_MEDIA_ERROR, bad->code);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_nonnull (strstr (error->message, bad->message_part));
}

/* Without a decoder for its audio, the error names the missing plugin;
 * without one for the video of a video-only file, it still says there
 * is no audio (the video stream was never going to be decoded). */
static void
test_decode_missing_decoder (void)
{
  g_autofree char *flac = fixture ("cd.flac");
  g_autofree char *video = fixture ("video.avi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pcm = NULL;
  GHashTable *hidden;

  hidden = prl_test_hide_decoders ("audio/x-flac");
  g_assert_cmpuint (g_hash_table_size (hidden), >, 0);
  pcm = prl_audio_decoder_load (flac, NULL, &error);
  prl_test_restore_decoders (hidden);
  g_assert_null (pcm);
  g_assert_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT);
  g_test_message ("without FLAC decoders: %s", error->message);
  g_assert_nonnull (strstr (error->message, "could not be decoded: missing plugin for"));
  g_assert_nonnull (strstr (error->message, "FLAC"));
  g_clear_error (&error);

  if (!g_file_test (video, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the encoder for the video fixture is not installed");
      return;
    }
  hidden = prl_test_hide_decoders ("image/jpeg");
  g_assert_cmpuint (g_hash_table_size (hidden), >, 0);
  pcm = prl_audio_decoder_load (video, NULL, &error);
  prl_test_restore_decoders (hidden);
  g_assert_null (pcm);
  g_assert_error (error, PRL_MEDIA_ERROR, PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT);
  g_test_message ("without JPEG decoders: %s", error->message);
  g_assert_cmpstr (error->message, ==, "The file has no audio stream");
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  make_fixtures ();

  g_test_add_func ("/audio-decoder/wav-8k", test_decode_wav_8k);
  g_test_add_func ("/audio-decoder/flac-44k-stereo", test_decode_flac_stereo);
  g_test_add_func ("/audio-decoder/streaming", test_decode_streaming);
  g_test_add_func ("/audio-decoder/cancel", test_decode_cancel);
  g_test_add_func ("/audio-decoder/async", test_decode_async);
  g_test_add_func ("/audio-decoder/missing-decoder", test_decode_missing_decoder);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name
          = g_strdup_printf ("/audio-decoder/bad-input/%s", bad_inputs[i].name);

      g_test_add_data_func (name, &bad_inputs[i], test_decode_bad_input);
    }

  ret = g_test_run ();
  remove_fixtures ();

  return ret;
}
