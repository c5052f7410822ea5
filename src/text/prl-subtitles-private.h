/* prl-subtitles-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-subtitles.h"

G_BEGIN_DECLS

gsize    _prl_subtitle_parse_timestamp  (PrlSubtitleFormat  format,
                                         const char        *s,
                                         gint64            *ms);
gboolean _prl_subtitle_starts_with_word (const char        *line,
                                         gsize              len,
                                         const char        *word);

G_END_DECLS
