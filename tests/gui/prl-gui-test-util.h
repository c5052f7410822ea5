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
void          prl_test_finalize_object (gpointer object);
void          prl_test_iterate        (guint         ms);
void          prl_test_wait_until     (gboolean    (*predicate) (gpointer),
                                       gpointer      data);
GPtrArray    *prl_test_find_all       (GtkWidget    *root,
                                       GType         type,
                                       const char   *name);
GtkWidget    *prl_test_find_label     (GtkWidget    *root,
                                       const char   *text);
GtkWindow    *prl_test_find_toplevel  (GType         type);

gpointer      prl_test_template_child          (GtkWidget    *widget,
                                                GType         widget_type,
                                                const char   *name);
GtkWidget    *prl_test_find_first              (GtkWidget    *root,
                                                GType         type,
                                                const char   *name);
GtkWidget    *prl_test_find_named              (GtkWidget    *root,
                                                GType         type,
                                                const char   *name);
gboolean      prl_test_has_label               (GtkWidget    *root,
                                                const char   *text);
const char   *prl_test_label_containing        (GtkWidget    *root,
                                                const char   *needle);
guint         prl_test_count_labels_containing (GtkWidget    *root,
                                                const char   *needle);
void          prl_test_click_button_labelled   (GtkWidget    *root,
                                                const char   *label);
void          prl_test_press_action_button     (GtkWidget    *root,
                                                const char   *action);
gboolean      prl_test_message_dialog_shown    (gpointer      unused);
gboolean      prl_test_message_dialog_gone     (gpointer      unused);
GtkWidget    *prl_test_find_window_titled      (const char   *title);
GtkColumnViewColumn *prl_test_find_column      (GtkColumnView *view,
                                                const char    *title);
GPtrArray    *prl_test_dup_shown_names         (GtkColumnView *view);

/* A job that does what its title says: "Fail…" fails with a reason,
 * "Wait…" waits to be cancelled, "Report F" reports the fraction F (-1 for
 * unknown) with the status "Working" and then waits to be cancelled, and
 * anything else succeeds.
 */
#define PRL_TEST_TYPE_JOB (prl_test_job_get_type ())
G_DECLARE_FINAL_TYPE (PrlTestJob, prl_test_job, PRL_TEST, JOB, PrlJob)

PrlJob       *prl_test_job_new                 (const char   *title);

G_END_DECLS
