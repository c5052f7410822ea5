/* prl-line-set.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PrlLineSet PrlLineSet;

PrlLineSet     *prl_line_set_new              (void) G_GNUC_WARN_UNUSED_RESULT;
void            prl_line_set_free             (PrlLineSet          *set);
void            prl_line_set_add_line         (PrlLineSet          *set,
                                               const char          *line,
                                               gsize                length);
gboolean        prl_line_set_add_stream       (PrlLineSet          *set,
                                               GInputStream        *stream,
                                               GCancellable        *cancellable,
                                               GError             **error);
gboolean        prl_line_set_add_file         (PrlLineSet          *set,
                                               const char          *path,
                                               GCancellable        *cancellable,
                                               GError             **error);
gboolean        prl_line_set_contains_line    (PrlLineSet          *set,
                                               const char          *line,
                                               gsize                length);
guint64         prl_line_set_get_size         (PrlLineSet          *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlLineSet, prl_line_set_free)

G_END_DECLS
