/* prl-leaderboard-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-eval-run.h"
#include "prl-wer-chart.h"

G_BEGIN_DECLS

#define PRL_TYPE_LEADERBOARD_VIEW (prl_leaderboard_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlLeaderboardView, prl_leaderboard_view, PRL, LEADERBOARD_VIEW, GtkWidget)

GtkWidget   *prl_leaderboard_view_new       (void) G_GNUC_WARN_UNUSED_RESULT;
void         prl_leaderboard_view_set_run   (PrlLeaderboardView *self,
                                             PrlEvalRun         *run);
PrlEvalRun  *prl_leaderboard_view_get_run   (PrlLeaderboardView *self);
PrlWerChart *prl_leaderboard_view_get_chart (PrlLeaderboardView *self);

G_END_DECLS
