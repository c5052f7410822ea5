/* prl-model-details-page.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_MODEL_DETAILS_PAGE (prl_model_details_page_get_type ())

G_DECLARE_FINAL_TYPE (PrlModelDetailsPage, prl_model_details_page, PRL, MODEL_DETAILS_PAGE, AdwBin)

GtkWidget    *prl_model_details_page_new           (PrlWorkspace        *workspace) G_GNUC_WARN_UNUSED_RESULT;
PrlWorkspace *prl_model_details_page_get_workspace (PrlModelDetailsPage *self);
void          prl_model_details_page_set_workspace (PrlModelDetailsPage *self,
                                                    PrlWorkspace        *workspace);
PrlModel     *prl_model_details_page_get_model     (PrlModelDetailsPage *self);
void          prl_model_details_page_set_model     (PrlModelDetailsPage *self,
                                                    PrlModel            *model);
void          prl_model_details_page_refresh       (PrlModelDetailsPage *self);
GtkWidget    *prl_model_details_page_add_dataset   (PrlModelDetailsPage *self,
                                                    GFile              **files,
                                                    guint                n_files);
GtkWidget    *prl_model_details_page_train         (PrlModelDetailsPage *self);

G_END_DECLS
