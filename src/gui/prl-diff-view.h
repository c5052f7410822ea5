/* prl-diff-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-eval-run.h"

G_BEGIN_DECLS

#define PRL_TYPE_DIFF_VIEW (prl_diff_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlDiffView, prl_diff_view, PRL, DIFF_VIEW, GtkWidget)

/* Rows of the diff, the "row" of "word-activated". */
typedef enum
{
  PRL_DIFF_ROW_REFERENCE,
  PRL_DIFF_ROW_STOCK,
  PRL_DIFF_ROW_VERSION,
} PrlDiffRow;

GtkWidget *prl_diff_view_new               (void) G_GNUC_WARN_UNUSED_RESULT;
void       prl_diff_view_set_utterance     (PrlDiffView *self,
                                            PrlEvalRun  *run,
                                            guint        system,
                                            guint        utterance);
gboolean   prl_diff_view_focus_next_error  (PrlDiffView *self,
                                            gboolean     forward);
int        prl_diff_view_get_focused_column (PrlDiffView *self);
guint      prl_diff_view_get_n_columns     (PrlDiffView *self);
guint      prl_diff_view_get_n_lines       (PrlDiffView *self);
int        prl_diff_view_get_names_width   (PrlDiffView *self);
const char *prl_diff_view_get_row_name     (PrlDiffView *self,
                                            guint        row);

G_END_DECLS
