/* prl-models-page.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_MODELS_PAGE (prl_models_page_get_type ())

G_DECLARE_FINAL_TYPE (PrlModelsPage, prl_models_page, PRL, MODELS_PAGE, GtkWidget)

GtkWidget     *prl_models_page_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void           prl_models_page_set_workspace (PrlModelsPage *self,
                                              PrlWorkspace  *workspace);
void           prl_models_page_focus_search  (PrlModelsPage *self);
char          *prl_models_page_dup_best_wer  (PrlModelsPage *self,
                                              PrlModel      *model) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
