/* prl-cloud-account-store.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-cloud-account.h"
#include "prl-provider.h"

G_BEGIN_DECLS

#define PRL_TYPE_CLOUD_ACCOUNTS (prl_cloud_accounts_get_type ())

G_DECLARE_FINAL_TYPE (PrlCloudAccounts, prl_cloud_accounts, PRL, CLOUD_ACCOUNTS, GObject)

PrlCloudAccounts    *prl_cloud_accounts_new          (const char                *path);
const char          *prl_cloud_accounts_get_path     (PrlCloudAccounts          *self);
gboolean             prl_cloud_accounts_load         (PrlCloudAccounts          *self,
                                                      GError                   **error);
PrlCloudAccount     *prl_cloud_accounts_lookup       (PrlCloudAccounts          *self,
                                                      const char                *name);
guint                prl_cloud_accounts_max_parallel (PrlProvider               *provider,
                                                      PrlModel                  *model);

void                 prl_cloud_accounts_add_async    (PrlCloudAccounts          *self,
                                                      PrlCloudAccount           *account,
                                                      const PrlCloudCredentials *credentials,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
gboolean             prl_cloud_accounts_add_finish   (PrlCloudAccounts          *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
void                 prl_cloud_accounts_update_async (PrlCloudAccounts          *self,
                                                      const char                *name,
                                                      PrlCloudAccount           *account,
                                                      const PrlCloudCredentials *credentials,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
gboolean             prl_cloud_accounts_update_finish (PrlCloudAccounts         *self,
                                                       GAsyncResult             *result,
                                                       GError                  **error);
void                 prl_cloud_accounts_remove_async (PrlCloudAccounts          *self,
                                                      const char                *name,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
gboolean             prl_cloud_accounts_remove_finish (PrlCloudAccounts         *self,
                                                       GAsyncResult             *result,
                                                       GError                  **error);
void                 prl_cloud_accounts_lookup_credentials_async  (PrlCloudAccounts    *self,
                                                                   const char          *name,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
PrlCloudCredentials *prl_cloud_accounts_lookup_credentials_finish (PrlCloudAccounts    *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
PrlCloudCredentials *prl_cloud_accounts_lookup_credentials_sync   (PrlCloudAccounts    *self,
                                                                   const char          *name,
                                                                   GCancellable        *cancellable,
                                                                   GError             **error);

G_END_DECLS
