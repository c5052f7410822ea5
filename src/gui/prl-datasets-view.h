/* prl-datasets-view.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-page-model.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_DATASETS_VIEW (prl_datasets_view_get_type ())

G_DECLARE_FINAL_TYPE (PrlDatasetsView, prl_datasets_view, PRL, DATASETS_VIEW, GtkWidget)

GtkWidget    *prl_datasets_view_new            (void) G_GNUC_WARN_UNUSED_RESULT;
PrlWorkspace *prl_datasets_view_get_workspace  (PrlDatasetsView *self);
void          prl_datasets_view_set_workspace  (PrlDatasetsView *self,
                                                PrlWorkspace    *workspace);
PrlModel     *prl_datasets_view_get_model      (PrlDatasetsView *self);
void          prl_datasets_view_set_model      (PrlDatasetsView *self,
                                                PrlModel        *model);
PrlPageModel *prl_datasets_view_get_page_model (PrlDatasetsView *self);
void          prl_datasets_view_delete_dataset (PrlDatasetsView *self,
                                                PrlDatasetGroup *dataset);

G_END_DECLS
