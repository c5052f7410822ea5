/* prl-subtitles.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-check.h"

G_BEGIN_DECLS

typedef enum
{
  PRL_SUBTITLE_FORMAT_NONE,
  PRL_SUBTITLE_FORMAT_SRT,
  PRL_SUBTITLE_FORMAT_VTT,
} PrlSubtitleFormat;

/**
 * PrlSubtitleCue:
 * @index: the SRT cue number, or 0 (WebVTT, or a number that is missing)
 * @id: (nullable): the WebVTT cue identifier
 * @start_ms: start time in milliseconds
 * @end_ms: end time in milliseconds
 * @settings: (nullable): WebVTT cue settings, or what follows the end time in SRT
 * @text: the text with styling tags removed and entities decoded, lines
 *   joined by "\n"
 * @raw_lines: the text lines as written, for reporting columns
 * @line: the line of the timing line
 * @text_line: the line of @raw_lines[0], or 0 when the cue has no text
 */
typedef struct
{
  guint   index;
  char   *id;
  gint64  start_ms;
  gint64  end_ms;
  char   *settings;
  char   *text;
  GStrv   raw_lines;
  guint   line;
  guint   text_line;
} PrlSubtitleCue;

/* Receives a parsed cue and takes ownership of it. */
typedef void (*PrlSubtitleCueFunc) (PrlSubtitleCue *cue,
                                    gpointer        user_data);

typedef struct _PrlSubtitleParser PrlSubtitleParser;

PrlSubtitleFormat  prl_subtitle_format_for_path   (const char         *path);
PrlSubtitleFormat  prl_subtitle_format_sniff      (const guint8       *head,
                                                   gsize               head_len);
void               prl_subtitle_cue_free          (PrlSubtitleCue     *cue);

PrlSubtitleParser *prl_subtitle_parser_new        (PrlSubtitleFormat   format,
                                                   const char         *path,
                                                   PrlSubtitleCueFunc  cue_func,
                                                   PrlCheckIssueFunc   issue_func,
                                                   gpointer            user_data) G_GNUC_WARN_UNUSED_RESULT;
void               prl_subtitle_parser_push_line  (PrlSubtitleParser  *self,
                                                   const char         *line,
                                                   gsize               length,
                                                   guint               line_no,
                                                   gint64              byte_offset);
void               prl_subtitle_parser_finish     (PrlSubtitleParser  *self);
gboolean           prl_subtitle_parser_had_invalid_utf8
                                                  (PrlSubtitleParser  *self);
void               prl_subtitle_parser_free       (PrlSubtitleParser  *self);

GPtrArray         *prl_subtitles_parse            (PrlSubtitleFormat   format,
                                                   const char         *path,
                                                   const char         *data,
                                                   gssize              length,
                                                   GPtrArray          *issues) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray         *prl_subtitles_load             (PrlSubtitleFormat   format,
                                                   const char         *path,
                                                   GPtrArray          *issues,
                                                   GCancellable       *cancellable,
                                                   GError            **error) G_GNUC_WARN_UNUSED_RESULT;
char              *prl_subtitle_strip_tags        (PrlSubtitleFormat   format,
                                                   const char         *text,
                                                   GArray             *map) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlSubtitleCue, prl_subtitle_cue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlSubtitleParser, prl_subtitle_parser_free)

G_END_DECLS
