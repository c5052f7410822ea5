/* prl-review-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-eval-run.h"

G_BEGIN_DECLS

#define PRL_TYPE_REVIEW_VIEW (prl_review_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlReviewView, prl_review_view, PRL, REVIEW_VIEW, GtkWidget)

GtkWidget  *prl_review_view_new                    (void) G_GNUC_WARN_UNUSED_RESULT;
void        prl_review_view_set_run                (PrlReviewView *self,
                                                    PrlEvalRun    *run);
PrlEvalRun *prl_review_view_get_run                (PrlReviewView *self);
void        prl_review_view_set_system             (PrlReviewView *self,
                                                    guint          system);
guint       prl_review_view_get_system             (PrlReviewView *self);
void        prl_review_view_select_utterance       (PrlReviewView *self,
                                                    guint          utterance);
guint       prl_review_view_get_selected_utterance (PrlReviewView *self);
GtkMediaStream *prl_review_view_get_media_stream (PrlReviewView *self);

G_END_DECLS
