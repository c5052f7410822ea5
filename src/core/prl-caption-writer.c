/* prl-caption-writer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-caption-writer"

#include "config.h"

#include <math.h>

#include "prl-caption-writer.h"

/*
 * Turns timed words (a forced alignment or a transcription) into subtitle
 * cues and writes them as SubRip (.srt) or WebVTT (.vtt). A new cue starts
 * after a pause longer than 0.6 s, or when the next word would make the
 * cue longer than 7 words or 42 characters, the limits most subtitle
 * guidelines use for one line that can be read in time.
 */

void
prl_caption_cue_free (PrlCaptionCue *cue)
{
  if (cue == NULL)
    return;

  g_free (cue->text);
  g_free (cue);
}

/**
 * prl_caption_group_words:
 * @words: (element-type PrlTranscriptWord): timed words, in order
 *
 * Returns: (transfer full) (element-type PrlCaptionCue): the cues
 */
GPtrArray *
prl_caption_group_words (GPtrArray *words)
{
  GPtrArray *cues = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_caption_cue_free);
  GString   *text = NULL;
  PrlCaptionCue *cue = NULL;
  guint          n_words = 0;

  g_return_val_if_fail (words != NULL, cues);

  for (guint i = 0; i < words->len; i++)
    {
      const PrlTranscriptWord *w = g_ptr_array_index (words, i);
      gsize                    len = g_utf8_strlen (w->word, -1);

      if (cue != NULL
          && (w->start - cue->end > PRL_CAPTION_MAX_PAUSE
              || n_words >= PRL_CAPTION_MAX_WORDS
              || g_utf8_strlen (text->str, -1) + 1 + len > PRL_CAPTION_MAX_CHARS))
        {
          cue->text = g_string_free (text, FALSE);
          cue = NULL;
        }

      if (cue == NULL)
        {
          cue = g_new0 (PrlCaptionCue, 1);
          cue->start = w->start;
          text = g_string_new (NULL);
          n_words = 0;
          g_ptr_array_add (cues, cue);
        }

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, w->word);
      cue->end = w->end;
      n_words++;
    }

  if (cue != NULL)
    cue->text = g_string_free (text, FALSE);

  return cues;
}

/* 83.456 s → "00:01:23,456" (SRT) or "00:01:23.456" (WebVTT). */
static void
append_time (GString *out, double seconds, char separator)
{
  gint64 ms = (gint64)llround (MAX (seconds, 0) * 1000);

  g_string_append_printf (out, "%02" G_GINT64_FORMAT ":%02d:%02d%c%03d", ms / 3600000,
                          (int)(ms / 60000 % 60), (int)(ms / 1000 % 60), separator,
                          (int)(ms % 1000));
}

static char *
format_cues (GPtrArray *cues, gboolean vtt)
{
  GString *out = g_string_new (vtt ? "WEBVTT\n\n" : NULL);

  for (guint i = 0; i < cues->len; i++)
    {
      const PrlCaptionCue *cue = g_ptr_array_index (cues, i);

      if (!vtt)
        g_string_append_printf (out, "%u\n", i + 1);
      append_time (out, cue->start, vtt ? '.' : ',');
      g_string_append (out, " --> ");
      append_time (out, cue->end, vtt ? '.' : ',');
      g_string_append_printf (out, "\n%s\n\n", cue->text);
    }

  return g_string_free (out, FALSE);
}

char *
prl_caption_format_srt (GPtrArray *cues)
{
  g_return_val_if_fail (cues != NULL, NULL);

  return format_cues (cues, FALSE);
}

char *
prl_caption_format_vtt (GPtrArray *cues)
{
  g_return_val_if_fail (cues != NULL, NULL);

  return format_cues (cues, TRUE);
}

/**
 * prl_caption_format_transcript:
 * @transcript: a recognized transcript with word times
 * @webvtt: WebVTT rather than SRT
 *
 * Groups the transcript's words into cues and formats them.
 *
 * Returns: (transfer full): the subtitles
 */
char *
prl_caption_format_transcript (const PrlTranscript *transcript, gboolean webvtt)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GPtrArray) cues = NULL;

  g_return_val_if_fail (transcript != NULL, NULL);

  /* The cues copy the text, so the transcript's own words serve. */
  for (guint i = 0; transcript->words != NULL && i < transcript->words->len; i++)
    g_ptr_array_add (words, &g_array_index (transcript->words, PrlTranscriptWord, i));

  cues = prl_caption_group_words (words);
  return webvtt ? prl_caption_format_vtt (cues) : prl_caption_format_srt (cues);
}
