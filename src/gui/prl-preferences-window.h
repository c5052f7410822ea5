/* prl-preferences-window.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_PREFERENCES_WINDOW (prl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PrlPreferencesWindow, prl_preferences_window, PRL, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget    *prl_preferences_window_new           (PrlWorkspace         *workspace) G_GNUC_WARN_UNUSED_RESULT;
PrlWorkspace *prl_preferences_window_get_workspace (PrlPreferencesWindow *self);

G_END_DECLS
