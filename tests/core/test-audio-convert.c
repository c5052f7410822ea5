/* test-audio-convert.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-audio-convert"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "prl-audio-convert.h"
#include "prl-audio-decoder.h"
#include "prl-audio-encoder.h"

/* TMPDIR points here, so that the conversions' temporary folders can be
 * counted: none may be left. */
static char *tmp_dir;

static guint
read_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static guint
read_u16 (const guint8 *p)
{
  guint16 v;

  memcpy (&v, p, 2);
  return GUINT16_FROM_LE (v);
}

static guint
n_entries (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
make_flac (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) message = NULL;
  g_autofree char *launch = NULL;
  char            *path = g_build_filename (tmp_dir, "..", "cd-source.flac", NULL);

  /* 1.5 s of 44.1 kHz stereo: resampled and mixed down by the conversion. */
  launch = g_strdup_printf ("audiotestsrc num-buffers=15 samplesperbuffer=4410 ! "
                            "audio/x-raw,rate=44100,channels=2 ! flacenc ! "
                            "filesink location=\"%s\"",
                            path);
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return path;
}

static void
test_converts (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *source = make_flac ();
  g_autofree char   *wav = NULL;
  g_autofree char   *base = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr (GBytes) samples = NULL;
  gsize len = 0;

  wav = prl_audio_convert_to_wav (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wav);
  base = g_path_get_basename (wav);
  g_assert_cmpstr (base, ==, "cd-source.wav");
  g_assert_true (g_str_has_prefix (wav, tmp_dir));

  g_assert_true (g_file_get_contents (wav, (char **)&data, &len, NULL));
  g_assert_cmpuint (len, >, 44);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (read_u16 (data + 20), ==, 1); /* PCM */
  g_assert_cmpuint (read_u16 (data + 22), ==, 1); /* mono */
  g_assert_cmpuint (read_u32 (data + 24), ==, 16000);
  g_assert_cmpuint (read_u16 (data + 34), ==, 16);
  g_assert_cmpmem (data + 36, 4, "data", 4);
  g_assert_cmpuint (read_u32 (data + 4), ==, len - 8);
  g_assert_cmpuint (read_u32 (data + 40), ==, len - 44);
  /* 1.5 s at 16 kHz, give or take the resampler's edges. */
  g_assert_cmpuint ((len - 44) / 2, >=, 23900);
  g_assert_cmpuint ((len - 44) / 2, <=, 24100);

  /* GStreamer reads the result back as the same audio. */
  samples = prl_audio_decoder_load (wav, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (samples), ==, len - 44);
  g_assert_cmpmem (g_bytes_get_data (samples, NULL), len - 44, data + 44, len - 44);

  prl_audio_convert_remove (wav);
  g_assert_false (g_file_test (wav, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);
  g_remove (source);
}

/* What the 16 kHz decode of @source gives, to compare conversions with. */
static GBytes *
reference_samples (const char *source)
{
  g_autoptr (GError) error = NULL;
  GBytes *samples = prl_audio_decoder_load (source, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (samples), >=, 2 * 23900);
  return samples;
}

static void
test_flac (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *source = make_flac ();
  g_autofree char   *flac = NULL;
  g_autofree char   *base = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr (GBytes) expected = reference_samples (source);
  g_autoptr (GBytes) samples = NULL;
  gsize len = 0;

  g_assert_true (prl_audio_encoder_has_flac ());
  flac = prl_audio_convert_to_flac (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flac);
  base = g_path_get_basename (flac);
  g_assert_cmpstr (base, ==, "cd-source.flac");
  g_assert_true (g_str_has_prefix (flac, tmp_dir));
  /* The intermediate WAV is gone: the folder holds the FLAC only. */
  {
    g_autofree char *dir = g_path_get_dirname (flac);

    g_assert_cmpuint (n_entries (dir), ==, 1);
  }

  g_assert_true (g_file_get_contents (flac, (char **)&data, &len, NULL));
  g_assert_cmpmem (data, 4, "fLaC", 4);
  /* STREAMINFO: 20 bits of rate, 3 of channels - 1, 5 of bits - 1. */
  g_assert_cmpuint ((data[18] << 12) | (data[19] << 4) | (data[20] >> 4), ==, 16000);
  g_assert_cmpuint (((data[20] >> 1) & 7) + 1, ==, 1);
  g_assert_cmpuint ((((data[20] & 1) << 4) | (data[21] >> 4)) + 1, ==, 16);
  /* Compressed: smaller than the samples it holds. */
  g_assert_cmpuint (len, <, g_bytes_get_size (expected));

  /* Lossless: it decodes to exactly the samples of the 16 kHz decode. */
  samples = prl_audio_decoder_load (flac, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (samples, expected));

  prl_audio_convert_remove (flac);
  g_assert_false (g_file_test (flac, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);
  g_remove (source);
}

static void
test_l16 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *source = make_flac ();
  g_autofree char   *l16 = NULL;
  g_autofree char   *base = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr (GBytes) expected = reference_samples (source);
  const gint16 *want;
  gsize         len = 0;

  l16 = prl_audio_convert_to_l16 (source, NULL, &error);
  g_assert_no_error (error);
  base = g_path_get_basename (l16);
  g_assert_cmpstr (base, ==, "cd-source.l16");
  g_assert_true (g_file_get_contents (l16, (char **)&data, &len, NULL));
  /* No header: exactly the samples, little-endian whatever the host. */
  g_assert_cmpuint (len, ==, g_bytes_get_size (expected));
  want = g_bytes_get_data (expected, NULL);
  for (gsize i = 0; i < len / 2; i++)
    g_assert_cmpint ((gint16)(data[2 * i] | (data[2 * i + 1] << 8)), ==, want[i]);

  prl_audio_convert_remove (l16);
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);
  g_remove (source);
}

/* FLAC where an encoder exists; PRL_AUDIO_CONVERT_FORMAT=l16 takes the
 * fallback, as a system without gst-plugins-good would. */
static void
test_for_service (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source = make_flac ();
  const char      *formats[] = { NULL, "l16" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char      *out = NULL;
      PrlAudioConvertFormat format = 99;

      if (formats[i])
        g_setenv ("PRL_AUDIO_CONVERT_FORMAT", formats[i], TRUE);
      else
        g_unsetenv ("PRL_AUDIO_CONVERT_FORMAT");
      out = prl_audio_convert_for_service (source, &format, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (format, ==,
                       i == 0 ? PRL_AUDIO_CONVERT_FLAC : PRL_AUDIO_CONVERT_L16);
      g_assert_true (g_str_has_suffix (out, i == 0 ? ".flac" : ".l16"));
      prl_audio_convert_remove (out);
    }
  g_unsetenv ("PRL_AUDIO_CONVERT_FORMAT");
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);
  g_remove (source);
}

static void
test_not_audio (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source = g_build_filename (tmp_dir, "..", "noise.m4a", NULL);
  g_autofree char *wav = NULL;
  guint8           noise[4096];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8)g_random_int ();
  g_assert_true (g_file_set_contents (source, (char *)noise, sizeof noise, NULL));

  wav = prl_audio_convert_to_wav (source, NULL, &error);
  g_assert_null (wav);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Could not convert"));
  g_assert_nonnull (strstr (error->message, "noise.m4a"));
  /* Nothing left behind. */
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);

  /* The same for FLAC and L16. */
  g_clear_error (&error);
  g_assert_null (prl_audio_convert_to_flac (source, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "noise.m4a"));
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);
  g_clear_error (&error);
  g_assert_null (prl_audio_convert_to_l16 (source, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "noise.m4a"));
  g_assert_cmpuint (n_entries (tmp_dir), ==, 0);
  g_remove (source);
}

int
main (int argc, char **argv)
{
  const char      *parent = g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp";
  g_autofree char *outer
      = g_build_filename (parent, "parlance-convert-test-XXXXXX", NULL);
  int ret;

  /* Not g_dir_make_tmp(): GLib would keep the TMPDIR it saw then. */
  g_assert_nonnull (g_mkdtemp (outer));
  tmp_dir = g_build_filename (outer, "tmp", NULL);
  g_assert_cmpint (g_mkdir (tmp_dir, 0700), ==, 0);
  /* Before anything asks for it: GLib reads TMPDIR once. */
  g_setenv ("TMPDIR", tmp_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/audio-convert/converts", test_converts);
  g_test_add_func ("/audio-convert/flac", test_flac);
  g_test_add_func ("/audio-convert/l16", test_l16);
  g_test_add_func ("/audio-convert/for-service", test_for_service);
  g_test_add_func ("/audio-convert/not-audio", test_not_audio);
  ret = g_test_run ();

  g_rmdir (tmp_dir);
  g_rmdir (outer);
  g_free (tmp_dir);
  return ret;
}
