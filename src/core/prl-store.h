/* prl-store.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-blob-store.h"
#include "prl-dataset.h"
#include "prl-model.h"

G_BEGIN_DECLS

#define PRL_TYPE_STORE  (prl_store_get_type ())
#define PRL_STORE_ERROR (prl_store_error_quark ())

/**
 * PrlStoreError:
 * @PRL_STORE_ERROR_CORRUPT: the database file is damaged or not a database
 * @PRL_STORE_ERROR_TOO_NEW: the database was written by a newer Parlance
 * @PRL_STORE_ERROR_READ_ONLY: the workspace folder cannot be written
 * @PRL_STORE_ERROR_CLOSED: the store was closed
 * @PRL_STORE_ERROR_FAILED: any other SQLite failure
 */
typedef enum
{
  PRL_STORE_ERROR_CORRUPT,
  PRL_STORE_ERROR_TOO_NEW,
  PRL_STORE_ERROR_READ_ONLY,
  PRL_STORE_ERROR_CLOSED,
  PRL_STORE_ERROR_FAILED,
} PrlStoreError;

/**
 * PrlRole:
 * @PRL_ROLE_ORGADMIN: the workspace owner; may do everything
 * @PRL_ROLE_SYSOP: a system operator; may delete models
 * @PRL_ROLE_MEMBER: may create and train, not delete
 */
typedef enum
{
  PRL_ROLE_ORGADMIN,
  PRL_ROLE_SYSOP,
  PRL_ROLE_MEMBER,
} PrlRole;

G_DECLARE_FINAL_TYPE (PrlStore, prl_store, PRL, STORE, GObject)

GQuark      prl_store_error_quark          (void);
guint       prl_store_get_latest_schema_version (void);

void        prl_store_open_async           (const char          *directory,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PrlStore   *prl_store_open_finish          (GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_close                (PrlStore            *self);
const char *prl_store_get_directory        (PrlStore            *self);
guint       prl_store_get_schema_version   (PrlStore            *self);
gboolean    prl_store_is_read_only         (PrlStore            *self);
PrlRole     prl_store_get_role             (PrlStore            *self);

void        prl_store_list_models_async    (PrlStore            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *prl_store_list_models_finish   (PrlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_insert_model_full_async (PrlStore         *self,
                                            const PrlModelCreateOptions *options,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PrlModel   *prl_store_insert_model_finish  (PrlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_rename_model_async   (PrlStore            *self,
                                            gint64               model_id,
                                            const char          *new_name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PrlModel   *prl_store_rename_model_finish  (PrlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_set_base_model_async (PrlStore            *self,
                                            gint64               model_id,
                                            PrlBaseModel         base_model,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PrlModel   *prl_store_set_base_model_finish (PrlStore           *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_delete_model_async   (PrlStore            *self,
                                            gint64               model_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    prl_store_delete_model_finish  (PrlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void        prl_store_set_role_async       (PrlStore            *self,
                                            PrlRole              role,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    prl_store_set_role_finish      (PrlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

PrlBlobStore *prl_store_get_blob_store     (PrlStore            *self);
const char *prl_store_get_workspace_id     (PrlStore            *self);
GInputStream *prl_store_open_dataset       (PrlStore            *self,
                                            PrlDataset          *dataset,
                                            GBytes             **key,
                                            GCancellable        *cancellable,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    prl_store_get_encrypt_blobs    (PrlStore            *self);
void        prl_store_set_encrypt_blobs_async (PrlStore         *self,
                                            gboolean             encrypt,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    prl_store_set_encrypt_blobs_finish (PrlStore        *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Blocking calls for jobs on worker threads. */
GPtrArray  *prl_store_list_datasets_sync   (PrlStore            *self,
                                            gint64               model_id,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *prl_store_add_datasets_sync    (PrlStore            *self,
                                            gint64               model_id,
                                            GPtrArray           *datasets,
                                            PrlModel           **model,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GHashTable *prl_store_list_blob_refs_sync  (PrlStore            *self,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;

void        prl_store_list_datasets_async  (PrlStore            *self,
                                            gint64               model_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *prl_store_list_datasets_finish (PrlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_store_delete_dataset_async (PrlStore            *self,
                                            gint64               dataset_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PrlModel   *prl_store_delete_dataset_finish (PrlStore           *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;

const char *prl_role_to_string             (PrlRole              role);
gboolean    prl_role_from_string           (const char          *str,
                                            PrlRole             *role);
const char *prl_role_get_label             (PrlRole              role);

G_END_DECLS
