/* prl-gui-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

/* Shared helpers for the GUI tests: a real workspace in a temporary
 * folder, and ways to find widgets the way a user sees them.
 */
gboolean      prl_test_init_gtk       (int          *argc,
                                       char       ***argv);
char         *prl_test_make_tmpdir    (void);
void          prl_test_rm_rf          (const char   *dir);
PrlWorkspace *prl_test_open_workspace (const char   *dir);
PrlModel     *prl_test_create_model   (PrlWorkspace *workspace,
                                       const char   *name);
void          prl_test_set_role       (PrlWorkspace *workspace,
                                       PrlRole       role);
void          prl_test_result_cb      (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data);
GAsyncResult *prl_test_wait_for       (GAsyncResult **slot);
void          prl_test_drain          (void);
void          prl_test_iterate        (guint         ms);
void          prl_test_wait_until     (gboolean    (*predicate) (gpointer),
                                       gpointer      data);
GPtrArray    *prl_test_find_all       (GtkWidget    *root,
                                       GType         type,
                                       const char   *name);
GtkWidget    *prl_test_find_label     (GtkWidget    *root,
                                       const char   *text);
GtkWindow    *prl_test_find_toplevel  (GType         type);

G_END_DECLS
