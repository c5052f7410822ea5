/* prl-transcribe-account.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-store.h"
#include "prl-transcribe-client.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/**
 * PrlTranscribeAccountModel:
 * @remote: the language model as ListLanguageModels gives it
 * @model_name: the Parlance model an import makes of it: its name
 *   without the `-<UTC>` suffix Parlance gives versions
 * @workspace_model: (nullable): the workspace's model that has it as a
 *   version, or %NULL when it is not in the workspace
 */
typedef struct
{
  PrlTranscribeModel *remote;
  char               *model_name;
  char               *workspace_model;
} PrlTranscribeAccountModel;

void       prl_transcribe_account_model_free   (PrlTranscribeAccountModel *self);
char      *prl_transcribe_account_model_name   (const char                *remote_name) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray *prl_transcribe_account_list_sync    (PrlStore      *store,
                                                const char    *account,
                                                GCancellable  *cancellable,
                                                GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void       prl_transcribe_account_list_async   (PrlStore           *store,
                                                const char         *account,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray *prl_transcribe_account_list_finish  (GAsyncResult       *result,
                                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray *prl_transcribe_account_import_sync  (PrlStore           *store,
                                                const char         *account,
                                                const char *const  *remote_names,
                                                GCancellable       *cancellable,
                                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void       prl_transcribe_account_import_async (PrlWorkspace       *workspace,
                                                const char         *account,
                                                const char *const  *remote_names,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray *prl_transcribe_account_import_finish (PrlWorkspace      *workspace,
                                                 GAsyncResult      *result,
                                                 GError           **error) G_GNUC_WARN_UNUSED_RESULT;

void       prl_transcribe_account_register     (void);

G_END_DECLS
