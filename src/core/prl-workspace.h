/* prl-workspace.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-model.h"
#include "prl-store.h"

G_BEGIN_DECLS

#define PRL_TYPE_WORKSPACE (prl_workspace_get_type ())

G_DECLARE_FINAL_TYPE (PrlWorkspace, prl_workspace, PRL, WORKSPACE, GObject)

char         *prl_workspace_default_directory   (void) G_GNUC_WARN_UNUSED_RESULT;

void          prl_workspace_open_async          (const char          *directory,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PrlWorkspace *prl_workspace_open_finish         (GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
const char   *prl_workspace_get_directory       (PrlWorkspace        *self);
PrlStore     *prl_workspace_get_store           (PrlWorkspace        *self);
GListModel   *prl_workspace_get_models          (PrlWorkspace        *self);
PrlModel     *prl_workspace_find_model          (PrlWorkspace        *self,
                                                 const char          *name);
PrlRole       prl_workspace_get_role            (PrlWorkspace        *self);
gboolean      prl_workspace_can_delete_models   (PrlWorkspace        *self,
                                                 char               **reason);
gboolean      prl_workspace_check_name          (PrlWorkspace        *self,
                                                 const char          *provider,
                                                 const char          *name,
                                                 PrlModel            *renamed,
                                                 GError             **error);

void          prl_workspace_create_model_async  (PrlWorkspace        *self,
                                                 const char          *name,
                                                 const char          *provider,
                                                 const char          *language,
                                                 PrlBaseModel         base_model,
                                                 const char *const   *tags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PrlModel     *prl_workspace_create_model_finish (PrlWorkspace        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void          prl_workspace_rename_model_async  (PrlWorkspace        *self,
                                                 PrlModel            *model,
                                                 const char          *new_name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      prl_workspace_rename_model_finish (PrlWorkspace        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void          prl_workspace_delete_model_async  (PrlWorkspace        *self,
                                                 PrlModel            *model,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      prl_workspace_delete_model_finish (PrlWorkspace        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void          prl_workspace_set_role_async      (PrlWorkspace        *self,
                                                 PrlRole              role,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      prl_workspace_set_role_finish     (PrlWorkspace        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
