/* prl-store-versions.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-model.h"
#include "prl-provider.h"
#include "prl-store.h"
#include "prl-version.h"

G_BEGIN_DECLS

/* Blocking calls for the train job's worker thread. */
PrlModel   *prl_store_set_training_failed_sync    (PrlStore             *self,
                                                   gint64                model_id,
                                                   const char           *failure_code,
                                                   const char           *failure_message,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlModel   *prl_store_restore_training_status_sync (PrlStore            *self,
                                                   gint64                model_id,
                                                   PrlTrainingStatus     status,
                                                   const char           *failure_code,
                                                   const char           *failure_message,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlVersion *prl_store_add_version_sync            (PrlStore             *self,
                                                   const PrlVersionInfo *info,
                                                   const char           *fingerprint,
                                                   GPtrArray            *generated,
                                                   PrlModel            **model,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *prl_store_list_versions_sync          (PrlStore             *self,
                                                   gint64                model_id,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *prl_store_list_pronunciations_sync    (PrlStore             *self,
                                                   gint64                model_id,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
char       *prl_store_fingerprint_datasets        (GPtrArray            *datasets) G_GNUC_WARN_UNUSED_RESULT;

void        prl_store_list_versions_async         (PrlStore             *self,
                                                   gint64                model_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray  *prl_store_list_versions_finish        (PrlStore             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_list_pronunciations_async   (PrlStore             *self,
                                                   gint64                model_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray  *prl_store_list_pronunciations_finish  (PrlStore             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_set_pronunciation_async     (PrlStore             *self,
                                                   gint64                model_id,
                                                   const char           *word,
                                                   const char           *phones,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean    prl_store_set_pronunciation_finish    (PrlStore             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void        prl_store_delete_pronunciation_async  (PrlStore             *self,
                                                   gint64                model_id,
                                                   const char           *word,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean    prl_store_delete_pronunciation_finish (PrlStore             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
