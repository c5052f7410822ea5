/* prl-line-reader.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Lines longer than this are cut (and flagged) so that memory stays bounded. */
#define PRL_LINE_READER_MAX_LINE (1024 * 1024)

typedef struct _PrlLineReader PrlLineReader;

/* Receives one line without its terminator, its 1-based number and where
 * it starts in the file. @user_data comes first so that a parser's
 * push_line function (such as prl_manifest_parser_push_line()) fits. */
typedef void (*PrlLineFunc) (gpointer    user_data,
                             const char *line,
                             gsize       length,
                             guint       line_no,
                             gint64      byte_offset);

PrlLineReader *prl_line_reader_new           (GInputStream   *stream,
                                              gsize           max_line) G_GNUC_WARN_UNUSED_RESULT;
PrlLineReader *prl_line_reader_open          (const char     *path,
                                              GCancellable   *cancellable,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;
void           prl_line_reader_free          (PrlLineReader  *self);
gboolean       prl_line_reader_next          (PrlLineReader  *self,
                                              const char    **line,
                                              gsize          *length,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean       prl_line_reader_peek          (PrlLineReader  *self,
                                              const guint8  **data,
                                              gsize          *length,
                                              GCancellable   *cancellable,
                                              GError        **error);
guint          prl_line_reader_get_line      (PrlLineReader  *self);
gint64         prl_line_reader_get_offset    (PrlLineReader  *self);
gboolean       prl_line_reader_get_truncated (PrlLineReader  *self);
gboolean       prl_line_reader_foreach       (PrlLineReader  *self,
                                              const char     *path,
                                              PrlLineFunc     func,
                                              gpointer        user_data,
                                              GCancellable   *cancellable,
                                              GError        **error);
void           prl_line_skip_bom             (const char    **line,
                                              gsize          *length,
                                              gint64         *byte_offset);
gboolean       prl_line_is_blank             (const char     *line);
void           prl_lines_foreach             (const char     *data,
                                              gssize          length,
                                              PrlLineFunc     func,
                                              gpointer        user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlLineReader, prl_line_reader_free)

G_END_DECLS
