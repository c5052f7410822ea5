/* prl-window.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-eval-run.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_WINDOW (prl_window_get_type ())

G_DECLARE_FINAL_TYPE (PrlWindow, prl_window, PRL, WINDOW, AdwApplicationWindow)

PrlWindow    *prl_window_new            (AdwApplication *application,
                                         const char     *workspace_dir) G_GNUC_WARN_UNUSED_RESULT;
PrlWorkspace *prl_window_get_workspace  (PrlWindow      *self);
void          prl_window_show_models    (PrlWindow      *self);
void          prl_window_train_and_evaluate (PrlWindow  *self,
                                         PrlModel       *model);
void          prl_window_show_model     (PrlWindow      *self,
                                         PrlModel       *model);
void          prl_window_show_evaluation (PrlWindow     *self,
                                         PrlModel       *model,
                                         PrlEvalRun     *run);
void          prl_window_add_toast      (PrlWindow      *self,
                                         const char     *title);

G_END_DECLS
