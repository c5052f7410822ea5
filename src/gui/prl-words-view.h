/* prl-words-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-eval-run.h"

G_BEGIN_DECLS

#define PRL_TYPE_WORDS_VIEW (prl_words_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlWordsView, prl_words_view, PRL, WORDS_VIEW, GtkWidget)

GtkWidget  *prl_words_view_new         (void) G_GNUC_WARN_UNUSED_RESULT;
void        prl_words_view_set_run     (PrlWordsView *self,
                                        PrlEvalRun   *run);
PrlEvalRun *prl_words_view_get_run     (PrlWordsView *self);
void        prl_words_view_set_system  (PrlWordsView *self,
                                        guint         system);
guint       prl_words_view_get_system  (PrlWordsView *self);
gboolean    prl_words_view_select_word (PrlWordsView *self,
                                        const char   *word,
                                        gboolean      fixed);

G_END_DECLS
