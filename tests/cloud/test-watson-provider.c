/* test-watson-provider.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "prl-watson-private.h"
#include "prl-watson-provider.h"

/* The Watson provider's mapping of a /v1/recognize answer to Parlance's
 * transcript, from the JSON on: good answers keep every word with its
 * times and confidence, bad ones are refused with what is wrong. */

static PrlTranscript *
map_json (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PrlWatsonTranscript) answer = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  if (!(answer = _prl_watson_parse_transcript (json_parser_get_root (parser), error)))
    return NULL;
  return prl_watson_provider_map_transcript (answer, "/tmp/rec-7.wav", error);
}

static void
test_two_results (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) t = map_json (
      "{\"result_index\":0,\"results\":["
      "{\"final\":true,\"alternatives\":[{\"transcript\":\"the patient %HESITATION \","
      "\"confidence\":0.9,\"timestamps\":[[\"the\",0.1,0.3],[\"patient\",0.3,0.8],"
      "[\"%HESITATION\",0.8,1.1]],\"word_confidence\":[[\"the\",0.95],[\"patient\",0.5],"
      "[\"%HESITATION\",0.2]]}]},"
      "{\"final\":true,\"alternatives\":[{\"transcript\":\"was seen \","
      "\"timestamps\":[[\"was\",1.2,1.4],[\"seen\",1.4,2]],"
      "\"word_confidence\":[[\"was\",1],[\"seen\",0]]}]}]}",
      &error);
  PrlTranscriptWord *w;

  g_assert_no_error (error);
  g_assert_cmpstr (t->id, ==, "rec-7");
  g_assert_cmpstr (t->text, ==, "the patient was seen");
  g_assert_cmpuint (t->words->len, ==, 4);
  w = &g_array_index (t->words, PrlTranscriptWord, 1);
  g_assert_cmpstr (w->word, ==, "patient");
  g_assert_cmpfloat_with_epsilon (w->start, 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->end, 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->confidence, 0.5, 1e-9);
  w = &g_array_index (t->words, PrlTranscriptWord, 3);
  g_assert_cmpfloat_with_epsilon (w->confidence, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (t->duration, 2, 1e-9);
}

static void
test_silence (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) t = map_json ("{\"result_index\":0,\"results\":[]}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (t->text, ==, "");
  g_assert_cmpuint (t->words->len, ==, 0);
}

static void
test_bad (void)
{
  static const struct
  {
    const char *json;
    const char *message; /* a part of the error's message */
  } cases[] = {
    { "[]", "results" },
    { "{\"results\":[{\"final\":true}]}", "alternatives" },
    { "{\"results\":[{\"alternatives\":[{\"confidence\":1}]}]}", "transcript" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a\","
      "\"timestamps\":[[\"a\",\"0\",1]]}]}]}",
      "timestamps" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a\","
      "\"timestamps\":[[\"a\",0]]}]}]}",
      "timestamps" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a\","
      "\"timestamps\":[[\"a\",0,1]],\"word_confidence\":[[\"a\"]]}]}]}",
      "word_confidence" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a\","
      "\"timestamps\":[[\"a\",2,1]]}]}]}",
      "impossible times for the word “a”" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a b\","
      "\"timestamps\":[[\"a\",0,3],[\"b\",1,2]]}]}]}",
      "impossible times for the word “b”" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a\","
      "\"timestamps\":[[\"a\",-1,1]]}]}]}",
      "impossible times" },
    { "{\"results\":[{\"alternatives\":[{\"transcript\":\"a\","
      "\"timestamps\":[[\"a\",0,1]],\"word_confidence\":[[\"a\",1.5]]}]}]}",
      "confidence 1.5 for the word “a”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlTranscript) t = map_json (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (t);
      g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_ANSWER);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_content_type (void)
{
  g_assert_cmpstr (
      prl_watson_provider_content_type ("WAV", "Uncompressed 16-bit PCM audio"), ==,
      "audio/wav");
  g_assert_cmpstr (prl_watson_provider_content_type ("FLAC", "Free Lossless Audio Codec"),
                   ==, "audio/flac");
  g_assert_cmpstr (prl_watson_provider_content_type ("Ogg", "Opus"), ==, "audio/ogg");
  g_assert_cmpstr (prl_watson_provider_content_type ("Ogg", "Vorbis"), ==, "audio/ogg");
  g_assert_cmpstr (prl_watson_provider_content_type ("WebM", "Opus"), ==, "audio/webm");
  g_assert_cmpstr (prl_watson_provider_content_type ("ID3 tag", "MPEG-1 Layer 3 (MP3)"),
                   ==, "audio/mpeg");
  g_assert_cmpstr (prl_watson_provider_content_type (NULL, "MPEG-1 Layer 3 (MP3)"), ==,
                   "audio/mpeg");
  /* Core's L16 fallback: little-endian said, since IBM's default is big. */
  g_assert_cmpstr (prl_watson_provider_content_type ("L16", "L16"), ==,
                   "audio/l16;rate=16000;endianness=little-endian");
  /* What Watson does not read. */
  g_assert_null (prl_watson_provider_content_type ("Ogg", "FLAC"));
  g_assert_null (prl_watson_provider_content_type ("Quicktime", "MPEG-4 AAC"));
  g_assert_null (prl_watson_provider_content_type ("Matroska", "Opus"));
  g_assert_null (prl_watson_provider_content_type ("AMR", "AMR-NB"));
  g_assert_null (prl_watson_provider_content_type (NULL, NULL));
}

/* IBM's minimum rates (16 kHz for broadband and multimedia bases, 8 kHz
 * for narrowband and telephony ones), nine channels, 16-bit PCM only. */
static void
test_wav_rules (void)
{
  const char *pcm16 = "Uncompressed 16-bit PCM audio";

  g_assert_true (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", pcm16, 22050, 1));
  g_assert_true (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", pcm16, 16000, 2));
  g_assert_true (
      prl_watson_provider_wav_is_readable ("en-US_BroadbandModel", pcm16, 48000, 9));
  g_assert_true (prl_watson_provider_wav_is_readable ("en-US_Telephony", pcm16, 8000, 1));
  g_assert_true (
      prl_watson_provider_wav_is_readable ("en-US_NarrowbandModel", pcm16, 8000, 1));
  /* Below the base's rate. */
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", pcm16, 8000, 1));
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_BroadbandModel", pcm16, 11025, 1));
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_Telephony", pcm16, 6000, 1));
  g_assert_false (prl_watson_provider_wav_is_readable (NULL, pcm16, 8000, 1));
  /* Channels. */
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", pcm16, 16000, 10));
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", pcm16, 16000, 0));
  /* Sample formats IBM does not name. */
  g_assert_false (prl_watson_provider_wav_is_readable (
      "en-US_Multimedia", "Uncompressed 24-bit PCM audio", 16000, 1));
  g_assert_false (prl_watson_provider_wav_is_readable (
      "en-US_Multimedia", "Uncompressed 32-bit IEEE float audio", 16000, 1));
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", "A-Law", 16000, 1));
  g_assert_false (
      prl_watson_provider_wav_is_readable ("en-US_Multimedia", NULL, 16000, 1));
}

static void
test_size (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int              fd = g_file_open_tmp ("watson-size-XXXXXX.wav", &path, &error);

  g_assert_no_error (error);
  /* Sparse: exactly the limit fits, one byte more does not. */
  g_assert_cmpint (ftruncate (fd, PRL_WATSON_MAX_RECOGNIZE_BYTES), ==, 0);
  g_assert_true (prl_watson_provider_check_size (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, PRL_WATSON_MAX_RECOGNIZE_BYTES + 1), ==, 0);
  g_assert_false (prl_watson_provider_check_size (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "more than the 100 MB"));
  g_clear_error (&error);
  close (fd);
  g_unlink (path);
  g_assert_false (prl_watson_provider_check_size (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/watson-provider/two-results", test_two_results);
  g_test_add_func ("/watson-provider/silence", test_silence);
  g_test_add_func ("/watson-provider/bad", test_bad);
  g_test_add_func ("/watson-provider/content-type", test_content_type);
  g_test_add_func ("/watson-provider/wav-rules", test_wav_rules);
  g_test_add_func ("/watson-provider/size", test_size);
  return g_test_run ();
}
