/* prl-tokenizer.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GStrv     prl_tokenize_ascii_space   (const char         *text,
                                      gssize              len) G_GNUC_WARN_UNUSED_RESULT;
char    **prl_tokenize_ascii_space_packed (const char    *text,
                                           gboolean       fold_ascii_case) G_GNUC_WARN_UNUSED_RESULT;
char    **prl_strv_pack              (const char * const *strv) G_GNUC_WARN_UNUSED_RESULT;
void      prl_tokenize_unicode_into  (const char         *text,
                                      GPtrArray          *tokens);
guint64   prl_count_words            (const char         *text);
gunichar *prl_tokens_to_chars        (const char * const *tokens,
                                      gsize              *n_chars) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
