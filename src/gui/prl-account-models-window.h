/* prl-account-models-window.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_ACCOUNT_MODELS_WINDOW (prl_account_models_window_get_type ())

G_DECLARE_FINAL_TYPE (PrlAccountModelsWindow, prl_account_models_window, PRL,
                      ACCOUNT_MODELS_WINDOW, AdwWindow)

GtkWidget  *prl_account_models_window_new        (PrlWorkspace           *workspace,
                                                  const char             *account) G_GNUC_WARN_UNUSED_RESULT;
void        prl_account_models_window_reload     (PrlAccountModelsWindow *self);
gboolean    prl_account_models_window_is_loading (PrlAccountModelsWindow *self);
const char *prl_account_models_window_get_page   (PrlAccountModelsWindow *self);

G_END_DECLS
