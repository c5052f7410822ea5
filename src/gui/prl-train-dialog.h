/* prl-train-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_TRAIN_DIALOG (prl_train_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlTrainDialog, prl_train_dialog, PRL, TRAIN_DIALOG, AdwWindow)

GtkWidget *prl_train_dialog_new              (PrlWorkspace   *workspace,
                                              PrlModel       *model) G_GNUC_WARN_UNUSED_RESULT;
guint      prl_train_dialog_estimate_seconds (guint64         n_words);
gboolean   prl_train_dialog_is_counting      (PrlTrainDialog *self);

G_END_DECLS
