/* prl-new-dataset-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_NEW_DATASET_DIALOG (prl_new_dataset_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlNewDatasetDialog, prl_new_dataset_dialog, PRL, NEW_DATASET_DIALOG, AdwWindow)

GtkWidget      *prl_new_dataset_dialog_new              (PrlWorkspace        *workspace,
                                                         PrlModel            *model) G_GNUC_WARN_UNUSED_RESULT;
PrlModel       *prl_new_dataset_dialog_get_model        (PrlNewDatasetDialog *self);
void            prl_new_dataset_dialog_add_files        (PrlNewDatasetDialog *self,
                                                         GFile              **files,
                                                         guint                n_files);
void            prl_new_dataset_dialog_remove_file      (PrlNewDatasetDialog *self,
                                                         guint                position);
guint           prl_new_dataset_dialog_get_n_files      (PrlNewDatasetDialog *self);
PrlDatasetType  prl_new_dataset_dialog_get_dataset_type (PrlNewDatasetDialog *self);
void            prl_new_dataset_dialog_set_dataset_type (PrlNewDatasetDialog *self,
                                                         PrlDatasetType       type);
PrlDatasetType  prl_new_dataset_dialog_get_file_type    (PrlNewDatasetDialog *self,
                                                         guint                position);
void            prl_new_dataset_dialog_set_file_type    (PrlNewDatasetDialog *self,
                                                         guint                position,
                                                         PrlDatasetType       type);
GtkWidget      *prl_new_dataset_dialog_show_report      (PrlNewDatasetDialog *self);
void            prl_new_dataset_dialog_save_report      (PrlNewDatasetDialog *self,
                                                         GFile               *file);

G_END_DECLS
