/* prl-wiki-quality-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PrlWikiSkip:
 * @PRL_WIKI_SKIP_NONE: the page is training text
 * @PRL_WIKI_SKIP_DISAMBIGUATION: a list of other pages ("may refer to:")
 * @PRL_WIKI_SKIP_NON_TEXT: mostly numbers, symbols or tables
 * @PRL_WIKI_SKIP_LANGUAGE: written in another language than the model's
 *
 * Why the wiki fetch leaves a page out.
 */
typedef enum
{
  PRL_WIKI_SKIP_NONE,
  PRL_WIKI_SKIP_DISAMBIGUATION,
  PRL_WIKI_SKIP_NON_TEXT,
  PRL_WIKI_SKIP_LANGUAGE,
} PrlWikiSkip;

PrlWikiSkip prl_wiki_quality_classify (const char *text, const char *language);
const char *prl_wiki_skip_to_string   (PrlWikiSkip skip);
const char *prl_wiki_skip_describe    (PrlWikiSkip skip);

G_END_DECLS
