/* prl-versions-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_VERSIONS_VIEW (prl_versions_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlVersionsView, prl_versions_view, PRL, VERSIONS_VIEW, GtkWidget)

GtkWidget *prl_versions_view_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void       prl_versions_view_set_workspace  (PrlVersionsView *self,
                                             PrlWorkspace    *workspace);
void       prl_versions_view_set_model      (PrlVersionsView *self,
                                             PrlModel        *model);
void       prl_versions_view_refresh        (PrlVersionsView *self);
char      *prl_versions_view_format_weight  (PrlVersion      *version) G_GNUC_WARN_UNUSED_RESULT;
char      *prl_versions_view_format_details (PrlVersion      *version) G_GNUC_WARN_UNUSED_RESULT;
gboolean   prl_versions_view_is_remote      (PrlVersion      *version);

G_END_DECLS
