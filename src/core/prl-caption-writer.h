/* prl-caption-writer.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-provider.h"

G_BEGIN_DECLS

/* Cue limits of the usual subtitle guidelines. */
#define PRL_CAPTION_MAX_PAUSE 0.6
#define PRL_CAPTION_MAX_WORDS 7
#define PRL_CAPTION_MAX_CHARS 42

/**
 * PrlCaptionCue:
 * @start: seconds
 * @end: seconds
 * @text: the words of the cue
 *
 * One subtitle cue.
 */
typedef struct
{
  double  start;
  double  end;
  char   *text;
} PrlCaptionCue;

void       prl_caption_cue_free      (PrlCaptionCue  *cue);
GPtrArray *prl_caption_group_words   (GPtrArray      *words) G_GNUC_WARN_UNUSED_RESULT;
char      *prl_caption_format_srt    (GPtrArray      *cues) G_GNUC_WARN_UNUSED_RESULT;
char      *prl_caption_format_vtt    (GPtrArray      *cues) G_GNUC_WARN_UNUSED_RESULT;
char      *prl_caption_format_transcript (const PrlTranscript *transcript,
                                          gboolean             webvtt) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
