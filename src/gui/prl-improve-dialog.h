/* prl-improve-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_IMPROVE_DIALOG (prl_improve_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlImproveDialog, prl_improve_dialog, PRL, IMPROVE_DIALOG, AdwWindow)

GtkWidget *prl_improve_dialog_new            (PrlWorkspace     *workspace,
                                              PrlModel         *model) G_GNUC_WARN_UNUSED_RESULT;
void       prl_improve_dialog_set_api_url    (PrlImproveDialog *self,
                                              const char       *api_url);
gboolean   prl_improve_dialog_start          (PrlImproveDialog *self,
                                              GError          **error);
char     **prl_improve_dialog_dup_model_keywords (GListModel   *datasets) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
