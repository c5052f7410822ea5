/* prl-pronunciations-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_PRONUNCIATIONS_VIEW (prl_pronunciations_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlPronunciationsView, prl_pronunciations_view, PRL, PRONUNCIATIONS_VIEW, GtkWidget)

GtkWidget *prl_pronunciations_view_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void       prl_pronunciations_view_set_workspace (PrlPronunciationsView *self,
                                                  PrlWorkspace          *workspace);
void       prl_pronunciations_view_set_model     (PrlPronunciationsView *self,
                                                  PrlModel              *model);
void       prl_pronunciations_view_reload        (PrlPronunciationsView *self);
gboolean   prl_pronunciations_view_is_loading    (PrlPronunciationsView *self);

G_END_DECLS
