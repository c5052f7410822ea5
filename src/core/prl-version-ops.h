/* prl-version-ops.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-job.h"
#include "prl-model.h"
#include "prl-version.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/**
 * PrlVersionOps:
 * @refresh: asks the service what became of @model's versions and saves
 *   it (prl_store_set_version_remote_sync()): status, gone, upgrade
 *   available. Blocks; runs on a worker thread.
 * @delete_remote: deletes @version's remote model; one the service no
 *   longer has counts as deleted. Blocks; runs on a worker thread.
 * @upgrade: makes the job that trains a new version of @model from
 *   @version's data on the provider's current base
 *
 * What a provider whose versions live on a service does with them. Only
 * src/providers registers these; core calls them by the model's provider,
 * so that the GUI and the CLI never name a cloud provider.
 */
typedef struct
{
  gboolean (*refresh)       (PrlWorkspace *workspace,
                             PrlModel     *model,
                             GCancellable *cancellable,
                             GError      **error);
  gboolean (*delete_remote) (PrlWorkspace *workspace,
                             PrlModel     *model,
                             PrlVersion   *version,
                             GCancellable *cancellable,
                             GError      **error);
  PrlJob  *(*upgrade)       (PrlWorkspace *workspace,
                             PrlModel     *model,
                             PrlVersion   *version,
                             GError      **error);
} PrlVersionOps;

void                 prl_version_ops_register (const char          *provider,
                                               const PrlVersionOps *ops);
const PrlVersionOps *prl_version_ops_lookup   (const char          *provider);

void        prl_workspace_refresh_versions_async  (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *prl_workspace_refresh_versions_finish (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    prl_workspace_version_is_remote       (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   PrlVersion          *version);
gboolean    prl_workspace_model_is_remote         (PrlWorkspace        *self,
                                                   PrlModel            *model);
void        prl_workspace_delete_version_async    (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   PrlVersion          *version,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean    prl_workspace_delete_version_finish   (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
PrlVersion *prl_workspace_upgradable_version      (PrlWorkspace        *self,
                                                   GPtrArray           *versions,
                                                   const char          *wanted);
PrlJob     *prl_workspace_upgrade_model           (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   PrlVersion          *version,
                                                   GError             **error);
void        prl_workspace_upgrade_model_async     (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   PrlVersion          *version,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
PrlJob     *prl_workspace_upgrade_model_finish    (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
PrlTrainJob *prl_train_job_new_upgrade            (PrlWorkspace        *workspace,
                                                   PrlModel            *model,
                                                   PrlVersion          *version) G_GNUC_WARN_UNUSED_RESULT;
gboolean    prl_model_check_not_upgrading         (PrlModel            *model,
                                                   GError             **error);
char       *prl_version_dup_base_warning          (PrlVersion          *version) G_GNUC_WARN_UNUSED_RESULT;
void        prl_workspace_model_imported          (PrlWorkspace        *self,
                                                   PrlModel            *model);

G_END_DECLS
