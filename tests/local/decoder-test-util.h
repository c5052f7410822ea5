/* decoder-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "prl-audio-decoder.h"

/* Speech fixtures are synthesized at run time with espeak-ng, which writes
 * 22 050 Hz WAV, so every test also goes through the resampler. A test
 * without espeak-ng or the PocketSphinx model is skipped (exit 77). */

static inline void
skip_without_tools (void)
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *mdef = NULL;
  const char      *base = g_getenv ("PRL_POCKETSPHINX_MODELDIR");

  mdef = g_build_filename (base ? base : PRL_POCKETSPHINX_MODELDIR, "en-us", "en-us", "mdef",
                           NULL);
  if (espeak == NULL || !g_file_test (mdef, G_FILE_TEST_EXISTS))
    {
      g_print ("1..0 # SKIP espeak-ng or the PocketSphinx en-us model is missing\n");
      exit (77);
    }
}

static inline void
synthesize (const char *text, const char *wav_path)
{
  /* Of the voices tried, this female one is recognised best by the stock
   * acoustic model; the default male voice loses about half the words. */
  const char *argv[] = { "espeak-ng", "-v", "en-us+f2", "-s", "140", "-w", wav_path, text, NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Writes @in_path again at 8 kHz, as telephone audio would come. */
static inline void
downsample_to_8k (const char *in_path, const char *out_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) message = NULL;
  g_autofree char *launch = NULL;

  launch = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert ! "
                            "audioresample ! audio/x-raw,format=S16LE,rate=8000,channels=1 ! "
                            "wavenc ! filesink location=\"%s\"",
                            in_path, out_path);
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

static inline GBytes *
load_pcm (const char *path)
{
  g_autoptr (GError) error = NULL;
  GBytes *pcm = prl_audio_decoder_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pcm);
  return pcm;
}

/* Word error rate: the word-level edit distance between @ref and @hyp
 * (each edit costs 1) over the number of words of @ref. */
static inline double
word_error_rate (const char *ref, const char *hyp)
{
  g_auto (GStrv) r = g_strsplit_set (ref, " ", -1);
  g_auto (GStrv) h = g_strsplit_set (hyp, " ", -1);
  g_autoptr (GPtrArray) rw = g_ptr_array_new ();
  g_autoptr (GPtrArray) hw = g_ptr_array_new ();
  g_autofree guint *prev = NULL;
  g_autofree guint *cur = NULL;

  for (guint i = 0; r[i] != NULL; i++)
    if (r[i][0] != '\0')
      g_ptr_array_add (rw, r[i]);
  for (guint i = 0; h[i] != NULL; i++)
    if (h[i][0] != '\0')
      g_ptr_array_add (hw, h[i]);

  prev = g_new (guint, hw->len + 1);
  cur = g_new (guint, hw->len + 1);
  for (guint j = 0; j <= hw->len; j++)
    prev[j] = j;

  for (guint i = 1; i <= rw->len; i++)
    {
      guint *swap;

      cur[0] = i;
      for (guint j = 1; j <= hw->len; j++)
        {
          guint sub = prev[j - 1] + (strcmp (rw->pdata[i - 1], hw->pdata[j - 1]) != 0);

          cur[j] = MIN (sub, MIN (prev[j], cur[j - 1]) + 1);
        }
      swap = prev;
      prev = cur;
      cur = swap;
    }

  return rw->len ? (double)prev[hw->len] / rw->len : 0;
}

static inline void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}
