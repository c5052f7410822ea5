/* prl-gui-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

/* Receives the data of a confirmed question, and owns it from then on. */
typedef void (*PrlConfirmedFunc) (gpointer user_data);

void prl_gui_add_toast      (GtkWidget        *widget,
                             const char       *title);
GFile    *prl_gui_dup_save_folder      (void) G_GNUC_WARN_UNUSED_RESULT;
void      prl_gui_set_save_folder      (GtkFileChooser *chooser);
GtkNativeDialog *prl_gui_save_chooser_new (GtkWidget     *widget,
                                           const char    *title,
                                           const char    *accept_label,
                                           GtkFileFilter *filter,
                                           const char    *name) G_GNUC_WARN_UNUSED_RESULT;
AdwToast *prl_gui_show_saved_file (GtkWidget  *widget,
                                   const char *title,
                                   GFile      *file);
void prl_gui_confirm_delete (GtkWidget        *widget,
                             const char       *heading,
                             const char       *body,
                             PrlConfirmedFunc  confirmed,
                             gpointer          user_data,
                             GDestroyNotify    destroy);

/* Starts deleting @object from @workspace; wraps a prl_workspace_delete_*_async(). */
typedef void     (*PrlDeleteAsyncFunc)  (PrlWorkspace        *workspace,
                                         GObject             *object,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* The matching prl_workspace_delete_*_finish(). */
typedef gboolean (*PrlDeleteFinishFunc) (PrlWorkspace        *workspace,
                                         GAsyncResult        *result,
                                         GError             **error);

void     prl_gui_confirm_and_delete       (GtkWidget           *widget,
                                           GObject             *object,
                                           const char          *heading,
                                           const char          *body,
                                           PrlDeleteAsyncFunc   delete_async,
                                           PrlDeleteFinishFunc  delete_finish);

gboolean prl_gui_progress_to_fraction     (GBinding            *binding,
                                           const GValue        *from_value,
                                           GValue              *to_value,
                                           gpointer             user_data);
gboolean prl_gui_show_job_progress        (GtkProgressBar      *bar,
                                           PrlJob              *job);

/* List item factories whose cells keep their bindings on the list item. */
void     prl_gui_list_item_keep_binding   (GtkListItem         *item,
                                           GBinding            *binding);
void     prl_gui_list_item_bind_label     (GtkListItem         *item,
                                           const char          *property,
                                           GBindingTransformFunc transform);
void     prl_gui_list_item_setup_label    (GtkSignalListItemFactory *factory,
                                           GtkListItem         *item,
                                           gpointer             user_data);
void     prl_gui_list_item_unbind         (GtkSignalListItemFactory *factory,
                                           GtkListItem         *item,
                                           gpointer             user_data);

void     prl_gui_add_file_filter          (GtkFileChooser      *chooser,
                                           const char          *name,
                                           const char *const   *suffixes,
                                           const char          *mime_type);

int      prl_gui_natural_compare          (const char          *a,
                                           const char          *b);
GtkSorter *prl_gui_natural_sorter_new     (const char          *property) G_GNUC_WARN_UNUSED_RESULT;

void     prl_gui_unparent_children        (GtkWidget           *widget);

/* The "workspace" and "model" properties many pages and dialogs have. */
GParamSpec *prl_gui_param_spec_workspace        (GParamFlags    access) G_GNUC_WARN_UNUSED_RESULT;
GParamSpec *prl_gui_param_spec_model            (GParamFlags    access) G_GNUC_WARN_UNUSED_RESULT;
void        prl_gui_install_construct_workspace (GObjectClass  *klass,
                                                 guint          workspace_id,
                                                 guint          model_id);
gboolean    prl_gui_get_workspace_property      (GParamSpec    *pspec,
                                                 GValue        *value,
                                                 PrlWorkspace  *workspace,
                                                 PrlModel      *model);
gboolean    prl_gui_init_workspace_property     (GParamSpec    *pspec,
                                                 const GValue  *value,
                                                 PrlWorkspace **workspace,
                                                 PrlModel     **model);

void     prl_gui_a11y_name_widget          (GtkWidget           *widget);
void     prl_gui_a11y_name_tree            (GtkWidget           *widget);
void     prl_gui_a11y_install              (void);

G_END_DECLS
