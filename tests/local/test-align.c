/* test-align.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-align"

#include "config.h"

#include "prl-aligner.h"
#include "prl-caption-writer.h"

#include "decoder-test-util.h"

static char          *fixture_dir;
static PrlPronouncer *pronouncer;

static const char *transcript
    = "Metoprolol controls atrial fibrillation. It lowers the heart rate, slowly!";

static void
test_split_and_grammar (void)
{
  g_auto (GStrv) words = prl_aligner_split_words ("  “Hello,” she said -- don't stop. ");
  g_autofree char *jsgf = NULL;

  g_assert_cmpuint (g_strv_length (words), ==, 5);
  g_assert_cmpstr (words[0], ==, "hello");
  g_assert_cmpstr (words[3], ==, "don't");
  g_assert_cmpstr (words[4], ==, "stop");

  jsgf = prl_aligner_build_grammar ((const char *const *)words);
  g_assert_cmpstr (jsgf, ==,
                   "#JSGF V1.0;\ngrammar transcript;\npublic <utterance> = hello she "
                   "said don't stop ;\n");
}

static void
test_align_sentence (void)
{
  g_autofree char *wav = g_build_filename (fixture_dir, "align.wav", NULL);
  g_autoptr (GBytes) pcm = NULL;
  g_autoptr (PrlDecoderResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues = NULL;
  g_auto (GStrv) words = prl_aligner_split_words (transcript);
  g_autofree char *srt = NULL;
  g_autofree char *vtt = NULL;
  const gint16    *samples;
  gsize            n;
  gint64           start;

  synthesize (transcript, wav);
  pcm = load_pcm (wav);
  samples = g_bytes_get_data (pcm, &n);

  start = g_get_monotonic_time ();
  result = prl_aligner_align_pcm (NULL, pronouncer, samples, n / 2, transcript, NULL,
                                  &error);
  g_assert_no_error (error);
  g_test_message ("aligned %.2f s of audio in %.2f s", result->duration,
                  (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpuint (result->words->len, ==, g_strv_length (words));
  for (guint i = 0; i < result->words->len; i++)
    {
      const PrlDecodedWord *w = g_ptr_array_index (result->words, i);

      g_test_message ("%6.2f %6.2f  %s", w->start, w->end, w->word);
      g_assert_cmpstr (w->word, ==, words[i]);
      g_assert_cmpfloat (w->start, <, w->end);
      g_assert_cmpfloat (w->end, <=, result->duration);
      /* No word of this sentence lasts longer than 1.5 s. */
      g_assert_cmpfloat (w->end - w->start, <, 1.5);
      if (i > 0)
        g_assert_cmpfloat (
            w->start, >=,
            ((PrlDecodedWord *)g_ptr_array_index (result->words, i - 1))->end);
    }
  /* espeak-ng starts speaking at once and stops at the end. */
  g_assert_cmpfloat (((PrlDecodedWord *)result->words->pdata[0])->start, <, 0.5);
  g_assert_cmpfloat (
      ((PrlDecodedWord *)result->words->pdata[result->words->len - 1])->end, >,
      result->duration - 1.0);

  cues = prl_caption_group_words (result->words);
  srt = prl_caption_format_srt (cues);
  vtt = prl_caption_format_vtt (cues);
  g_test_message ("%s", srt);
  g_assert_true (g_str_has_prefix (srt, "1\n00:00:0"));
  g_assert_true (g_str_has_prefix (vtt, "WEBVTT\n\n00:00:0"));
  g_assert_nonnull (strstr (srt, "metoprolol controls"));
}

static void
test_align_errors (void)
{
  g_autoptr (PrlDecoderResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint16 silence[8000] = { 0 };

  result = prl_aligner_align_pcm (NULL, pronouncer, silence, G_N_ELEMENTS (silence),
                                  " ... ", NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_ALIGNMENT);
  g_clear_error (&error);

  /* Half a second of silence cannot hold twelve words. */
  result = prl_aligner_align_pcm (NULL, pronouncer, silence, G_N_ELEMENTS (silence),
                                  transcript, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_ALIGNMENT);
  g_test_message ("%s", error->message);
}

static PrlDecodedWord *
word_at (const char *word, double start, double end)
{
  PrlDecodedWord *w = g_new0 (PrlDecodedWord, 1);

  w->word = g_strdup (word);
  w->start = start;
  w->end = end;
  w->confidence = 1;
  return w;
}

static void
test_caption_grouping (void)
{
  g_autoptr (GPtrArray) words
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_decoded_word_free);
  g_autoptr (GPtrArray) cues = NULL;
  g_autofree char *srt = NULL;
  g_autofree char *vtt = NULL;
  double           t = 0;

  /* Nine short words without pauses: seven, then two. */
  for (guint i = 0; i < 9; i++, t += 0.3)
    g_ptr_array_add (words, word_at ("go", t, t + 0.25));
  /* A pause of a second starts a new cue. */
  t += 1.0;
  g_ptr_array_add (words, word_at ("after", t, t + 0.4));
  t += 0.5;
  /* Long words: no more than 42 characters a cue, so one word each after
   * the first. */
  for (guint i = 0; i < 4; i++, t += 0.8)
    g_ptr_array_add (words, word_at ("electroencephalography", t, t + 0.7));

  cues = prl_caption_group_words (words);
  g_assert_cmpuint (cues->len, ==, 6);
  g_assert_cmpstr (((PrlCaptionCue *)cues->pdata[0])->text, ==, "go go go go go go go");
  g_assert_cmpstr (((PrlCaptionCue *)cues->pdata[1])->text, ==, "go go");
  g_assert_cmpstr (((PrlCaptionCue *)cues->pdata[2])->text, ==,
                   "after electroencephalography");
  g_assert_cmpstr (((PrlCaptionCue *)cues->pdata[3])->text, ==, "electroencephalography");

  srt = prl_caption_format_srt (cues);
  vtt = prl_caption_format_vtt (cues);
  g_assert_true (g_str_has_prefix (srt, "1\n00:00:00,000 --> 00:00:02,050\n"
                                        "go go go go go go go\n\n2\n00:00:02,100 --> "));
  g_assert_true (g_str_has_prefix (vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:02.050\n"));
}

int
main (int argc, char *argv[])
{
  g_autofree char *dict = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  skip_without_tools ();

  fixture_dir = g_dir_make_tmp ("parlance-align-XXXXXX", &error);
  g_assert_no_error (error);
  dict = prl_decoder_stock_dict_path ();
  pronouncer = prl_pronouncer_new (dict, &error);
  g_assert_no_error (error);

  g_test_add_func ("/align/split-and-grammar", test_split_and_grammar);
  g_test_add_func ("/align/captions", test_caption_grouping);
  g_test_add_func ("/align/sentence", test_align_sentence);
  g_test_add_func ("/align/errors", test_align_errors);

  ret = g_test_run ();

  g_assert_finalize_object (pronouncer);
  remove_dir (fixture_dir);
  g_free (fixture_dir);

  return ret;
}
