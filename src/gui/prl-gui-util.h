/* prl-gui-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Receives the data of a confirmed question, and owns it from then on. */
typedef void (*PrlConfirmedFunc) (gpointer user_data);

void prl_gui_add_toast      (GtkWidget        *widget,
                             const char       *title);
void prl_gui_confirm_delete (GtkWidget        *widget,
                             const char       *heading,
                             const char       *body,
                             PrlConfirmedFunc  confirmed,
                             gpointer          user_data,
                             GDestroyNotify    destroy);

G_END_DECLS
