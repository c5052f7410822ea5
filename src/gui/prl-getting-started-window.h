/* prl-getting-started-window.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PRL_TYPE_GETTING_STARTED_WINDOW (prl_getting_started_window_get_type ())

G_DECLARE_FINAL_TYPE (PrlGettingStartedWindow, prl_getting_started_window, PRL, GETTING_STARTED_WINDOW, AdwWindow)

GtkWidget *prl_getting_started_window_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
