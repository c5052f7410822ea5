/* prl-new-model-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_NEW_MODEL_DIALOG (prl_new_model_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlNewModelDialog, prl_new_model_dialog, PRL, NEW_MODEL_DIALOG, AdwWindow)

GtkWidget    *prl_new_model_dialog_new           (PrlWorkspace      *workspace) G_GNUC_WARN_UNUSED_RESULT;
PrlWorkspace *prl_new_model_dialog_get_workspace (PrlNewModelDialog *self);
void          prl_new_model_dialog_probe_sample  (PrlNewModelDialog *self,
                                                  const char        *path);
gboolean      prl_new_model_dialog_is_probing    (PrlNewModelDialog *self);
const char   *prl_new_model_dialog_get_account   (PrlNewModelDialog *self);

G_END_DECLS
