/* prl-manifest.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-check.h"

G_BEGIN_DECLS

/**
 * PrlManifestEntry:
 * @line: the 1-based line of the entry
 * @audio_filepath: the audio file, made absolute against the manifest's folder
 * @text: the transcript
 * @duration: seconds, or -1 when the line has none (or it is null)
 * @text_column: the column of the first character of @text in the line, or
 *   0 when escapes in the JSON string make columns inexact
 */
typedef struct
{
  guint   line;
  char   *audio_filepath;
  char   *text;
  double  duration;
  guint   text_column;
} PrlManifestEntry;

/* Receives a parsed entry and takes ownership of it. */
typedef void (*PrlManifestEntryFunc) (PrlManifestEntry *entry,
                                      gpointer          user_data);

typedef struct _PrlManifestParser PrlManifestParser;

void               prl_manifest_entry_free        (PrlManifestEntry     *entry);

PrlManifestParser *prl_manifest_parser_new        (const char           *path,
                                                   PrlManifestEntryFunc  entry_func,
                                                   PrlCheckIssueFunc     issue_func,
                                                   gpointer              user_data) G_GNUC_WARN_UNUSED_RESULT;
void               prl_manifest_parser_push_line  (PrlManifestParser    *self,
                                                   const char           *line,
                                                   gsize                 length,
                                                   guint                 line_no,
                                                   gint64                byte_offset);
guint              prl_manifest_parser_finish     (PrlManifestParser    *self);
void               prl_manifest_parser_free       (PrlManifestParser    *self);

GPtrArray         *prl_manifest_parse             (const char           *path,
                                                   const char           *data,
                                                   gssize                length,
                                                   GPtrArray            *issues) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray         *prl_manifest_load              (const char           *path,
                                                   GPtrArray            *issues,
                                                   GCancellable         *cancellable,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlManifestEntry, prl_manifest_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlManifestParser, prl_manifest_parser_free)

G_END_DECLS
