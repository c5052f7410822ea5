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

/* Cloud models: accounts.ini as Preferences → Accounts saves it, a model
 * "clinic" (en-US, wide band) on the account "lab", a text imported into
 * it, and its details page shown in a window of its own.
 */
void          prl_test_write_accounts     (const char     *text);
PrlModel     *prl_test_create_cloud_model (PrlWorkspace   *workspace,
                                           const char     *provider);
PrlImportJob *prl_test_import_files       (PrlWorkspace   *workspace,
                                           PrlModel       *model,
                                           GFile         **files,
                                           guint           n_files,
                                           PrlDatasetType  type);
void          prl_test_import_text        (PrlWorkspace   *workspace,
                                           PrlModel       *model,
                                           const char     *path,
                                           const char     *text,
                                           PrlDatasetType  type);
GtkWidget    *prl_test_show_model_page    (PrlWorkspace   *workspace,
                                           PrlModel       *model,
                                           GtkWindow     **window);
void          prl_test_close_page         (PrlWorkspace   *workspace,
                                           GtkWindow      *window,
                                           GtkWidget     **page);

/* A model in a new workspace, with the user's files in in_dir, and its
 * details page: the fixture of the Train dialog tests and of
 * test-training-status. set_up_cloud() makes it a cloud model on the
 * accounts the test writes; tear_down() also closes the Train dialogs still
 * open, and the workspace must be finalized with the page.
 */
typedef struct
{
  char         *dir;    /* (owned): the workspace */
  char         *in_dir; /* (owned): the user's files */
  PrlWorkspace *workspace;
  PrlModel     *model; /* (owned) */
  GtkWindow    *window;
  GtkWidget    *page; /* (owned) */
} PrlTestModelPage;

void          prl_test_model_page_set_up_cloud (PrlTestModelPage *f,
                                                const char       *provider,
                                                const char       *accounts);
void          prl_test_model_page_import       (PrlTestModelPage *f,
                                                const char       *name,
                                                gsize             n_lines,
                                                PrlDatasetType    type);
void          prl_test_model_page_show         (PrlTestModelPage *f);
void          prl_test_model_page_tear_down    (PrlTestModelPage *f,
                                                gconstpointer     data);

/* The Train dialog of a page prl_test_show_model_page() shows: opened by
 * its action, once it has counted what it would send; a label's text
 * while the label is shown (else NULL); whether Train can be pressed.
 */
GtkWindow    *prl_test_train_dialog_open      (GtkWidget      *page);
gboolean      prl_test_train_dialog_counted   (gpointer        unused);
const char   *prl_test_train_dialog_label     (GtkWindow      *dialog,
                                               const char     *name);
gboolean      prl_test_train_dialog_can_train (GtkWindow      *dialog);
void          prl_test_train_dialog_close     (GtkWindow      *dialog);

/* A version a cloud service trained for @model_id, saved as its remote
 * model (completed, no local folder), built on @base_model_id.
 */
PrlVersion   *prl_test_add_remote_version (PrlStore       *store,
                                           gint64          model_id,
                                           const char     *name,
                                           GDateTime      *created,
                                           const char     *base_model_id,
                                           GError        **error);

/* A remote training that waits until cancelled or until
 * prl_test_remote_train_finish(); asked to delete its custom model when
 * done, it fails as the real job does once the service is done ("deleted
 * as asked").
 */
PrlJob       *prl_test_remote_train_new    (const char     *title);
void          prl_test_remote_train_finish (PrlJob         *job);

/* A job that does what its title says: "Fail…" fails with a reason,
 * "Wait…" waits to be cancelled, "Report F" reports the fraction F (-1 for
 * unknown) with the status "Working" and then waits to be cancelled, and
 * anything else succeeds.
 */
#define PRL_TEST_TYPE_JOB (prl_test_job_get_type ())
G_DECLARE_FINAL_TYPE (PrlTestJob, prl_test_job, PRL_TEST, JOB, PrlJob)

PrlJob       *prl_test_job_new                 (const char   *title);

G_END_DECLS
