/* test-transcribe-transcript.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Amazon Transcribe's transcript JSON into words (punctuation kept in the
 * text, not in the words), every kind of broken file refused with what is
 * wrong, the MediaFormat of GStreamer's descriptions, and the job names
 * that make a resumed evaluation find its jobs. */

#include "config.h"

#include <string.h>

#include "prl-transcribe-client.h"
#include "prl-transcribe-provider.h"
#include "prl-transcribe-transcript.h"

/* The shape of Amazon's output file, punctuation included. */
static const char *const AMAZON
    = "{\"jobName\":\"j\",\"accountId\":\"111122223333\",\"status\":\"COMPLETED\","
      "\"results\":{\"transcripts\":[{\"transcript\":\"The patient, stable.\"}],"
      "\"items\":["
      "{\"id\":0,\"start_time\":\"0.04\",\"end_time\":\"0.3\",\"alternatives\":"
      "[{\"confidence\":\"0.998\",\"content\":\"The\"}],\"type\":\"pronunciation\"},"
      "{\"id\":1,\"start_time\":\"0.3\",\"end_time\":\"0.91\",\"alternatives\":"
      "[{\"confidence\":\"0.87\",\"content\":\"patient\"}],\"type\":\"pronunciation\"},"
      "{\"id\":2,\"alternatives\":[{\"confidence\":\"0.0\",\"content\":\",\"}],"
      "\"type\":\"punctuation\"},"
      "{\"id\":3,\"start_time\":\"1.02\",\"end_time\":\"1.5\",\"alternatives\":"
      "[{\"confidence\":\"0.5\",\"content\":\"stable\"}],\"type\":\"pronunciation\"},"
      "{\"id\":4,\"alternatives\":[{\"confidence\":\"0.0\",\"content\":\".\"}],"
      "\"type\":\"punctuation\"}]}}";

static void
test_words_and_punctuation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) t
      = prl_transcribe_transcript_parse (AMAZON, -1, "/tmp/ward/visit-3.wav", &error);
  const PrlTranscriptWord *w;

  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_cmpstr (t->id, ==, "visit-3");
  /* Shown as Amazon wrote it; the words are the pronunciations only. */
  g_assert_cmpstr (t->text, ==, "The patient, stable.");
  g_assert_cmpuint (t->words->len, ==, 3);
  w = &g_array_index (t->words, PrlTranscriptWord, 1);
  g_assert_cmpstr (w->word, ==, "patient");
  g_assert_cmpfloat_with_epsilon (w->start, 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->end, 0.91, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->confidence, 0.87, 1e-9);
  g_assert_cmpstr (g_array_index (t->words, PrlTranscriptWord, 2).word, ==, "stable");
  g_assert_cmpfloat_with_epsilon (t->duration, 1.5, 1e-9);
  g_assert_null (t->remote_job);
}

static void
test_empty_audio (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) t = prl_transcribe_transcript_parse (
      "{\"results\":{\"transcripts\":[{\"transcript\":\"\"}],\"items\":[]}}", -1, "a.wav",
      &error);

  g_assert_no_error (error);
  g_assert_cmpstr (t->text, ==, "");
  g_assert_cmpuint (t->words->len, ==, 0);
}

static void
test_refused (void)
{
  static const struct
  {
    const char *json;
    const char *says;
  } cases[] = {
    { "", "" },
    { "{\"results\":{\"items\":[{\"type\":\"pronunciation\"", "" }, /* truncated */
    { "[1, 2]", "not a JSON object" },
    { "{\"status\":\"FAILED\",\"results\":{\"items\":[]}}", "FAILED" },
    { "{\"jobName\":\"j\"}", "“results”" },
    { "{\"results\":{\"transcripts\":[]}}", "“items”" },
    { "{\"results\":{\"items\":[7]}}", "item 1" },
    { "{\"results\":{\"items\":[{\"type\":\"pronunciation\",\"start_time\":\"0\","
      "\"end_time\":\"1\",\"alternatives\":[]}]}}",
      "no alternatives" },
    { "{\"results\":{\"items\":[{\"type\":\"pronunciation\",\"start_time\":\"0\","
      "\"end_time\":\"1\",\"alternatives\":[{\"confidence\":\"0.5\"}]}]}}",
      "no content" },
    { "{\"results\":{\"items\":[{\"type\":\"speech\",\"alternatives\":"
      "[{\"confidence\":\"0.5\",\"content\":\"a\"}]}]}}",
      "unknown type “speech”" },
    { "{\"results\":{\"items\":[{\"type\":\"pronunciation\",\"start_time\":\"2\","
      "\"end_time\":\"1\",\"alternatives\":[{\"confidence\":\"0.5\",\"content\":\"a\"}]}]"
      "}}",
      "start and end times" },
    { "{\"results\":{\"items\":[{\"type\":\"pronunciation\",\"start_time\":\"x1\","
      "\"end_time\":\"1\",\"alternatives\":[{\"confidence\":\"0.5\",\"content\":\"a\"}]}]"
      "}}",
      "start and end times" },
    { "{\"results\":{\"items\":[{\"type\":\"pronunciation\",\"start_time\":\"0\","
      "\"end_time\":\"1\",\"alternatives\":[{\"confidence\":\"1.5\",\"content\":\"a\"}]}]"
      "}}",
      "confidence between 0 and 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlTranscript) t
          = prl_transcribe_transcript_parse (cases[i].json, -1, "a.wav", &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (t);
      g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "transcript could not be read"));
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

static void
test_media_format (void)
{
  g_assert_cmpstr (prl_transcribe_media_format ("WAV", "Uncompressed 16-bit PCM audio"),
                   ==, "wav");
  g_assert_cmpstr (
      prl_transcribe_media_format ("FLAC", "Free Lossless Audio Codec (FLAC)"), ==,
      "flac");
  g_assert_cmpstr (
      prl_transcribe_media_format ("Ogg", "Free Lossless Audio Codec (FLAC)"), ==, "ogg");
  g_assert_cmpstr (prl_transcribe_media_format ("WebM", "Opus"), ==, "webm");
  g_assert_cmpstr (prl_transcribe_media_format ("ISO MP4/M4A", "MPEG-4 AAC"), ==, "mp4");
  g_assert_cmpstr (prl_transcribe_media_format ("ID3 tag", "MPEG-1 Layer 3 (MP3)"), ==,
                   "mp3");
  g_assert_cmpstr (prl_transcribe_media_format (NULL, "MPEG-1 Layer 3 (MP3)"), ==, "mp3");
  /* Containers Transcribe does not read, whatever their codec. */
  g_assert_null (prl_transcribe_media_format ("Matroska", "Opus"));
  g_assert_null (prl_transcribe_media_format ("AIFF", "Uncompressed 16-bit PCM audio"));
  g_assert_null (prl_transcribe_media_format (NULL, NULL));
}

static void
test_job_names (void)
{
  const char *sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  g_autofree char *stock = prl_transcribe_provider_job_name ("aws", "en-US", NULL, sha);
  g_autofree char *again = prl_transcribe_provider_job_name ("aws", "en-US", NULL, sha);
  g_autofree char *custom
      = prl_transcribe_provider_job_name ("aws", "en-US", "clinic-20261207T101500Z", sha);
  g_autofree char *other = prl_transcribe_provider_job_name ("lab", "en-US", NULL, sha);
  g_autofree char *gb = prl_transcribe_provider_job_name ("aws", "en-GB", NULL, sha);
  g_autofree char *long_model = g_strnfill (200, 'm');
  g_autofree char *longest
      = prl_transcribe_provider_job_name ("aws", "en-US", long_model, sha);

  g_assert_cmpstr (stock, ==, again);
  g_assert_cmpstr (stock, !=, custom);
  g_assert_cmpstr (stock, !=, other);
  g_assert_cmpstr (stock, !=, gb);
  g_assert_true (g_str_has_suffix (stock, sha));
  g_assert_true (prl_transcribe_check_name (longest, NULL));
  g_assert_cmpuint (strlen (longest), <=, PRL_TRANSCRIBE_NAME_MAX);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/transcribe-transcript/words-and-punctuation",
                   test_words_and_punctuation);
  g_test_add_func ("/transcribe-transcript/empty-audio", test_empty_audio);
  g_test_add_func ("/transcribe-transcript/refused", test_refused);
  g_test_add_func ("/transcribe-transcript/media-format", test_media_format);
  g_test_add_func ("/transcribe-transcript/job-names", test_job_names);
  return g_test_run ();
}
