/* prl-transcribe-transcript.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-provider.h"

G_BEGIN_DECLS

/* Reads the transcript JSON Amazon Transcribe writes to the output bucket
 * into a transcript of @audio_path: "pronunciation" items become words
 * with times and confidence; "punctuation" items join the text (for
 * display; the scorer's normalizer drops them) but not the words.
 * Malformed, truncated or inconsistent JSON is PRL_TRANSCRIBE_ERROR_FAILED
 * naming what is wrong. */
PrlTranscript *prl_transcribe_transcript_parse (const char  *data,
                                                gssize       length,
                                                const char  *audio_path,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* Transcribe's MediaFormat for audio GStreamer described with @container
 * and @codec, or NULL when Transcribe cannot read it. */
const char    *prl_transcribe_media_format     (const char  *container,
                                                const char  *codec);

G_END_DECLS
