/* prl-workspace-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-workspace.h"

G_BEGIN_DECLS

struct _PrlWorkspace
{
  GObject parent_instance;

  PrlStore      *store;    /* (owned) */
  GListStore    *models;   /* (owned): PrlModel */
  PrlJobManager *jobs;     /* (owned) */
  GHashTable    *datasets; /* (owned): model id → GListStore of PrlDataset */
  /* (owned): model id → GListStore of PrlVersion, newest first, loaded
   * the first time someone asks */
  GHashTable    *versions;
  /* (owned): the ids of models with a train job not yet finished, because
   * the job only marks the model Running once its thread starts */
  GHashTable    *training;
  /* (owned): model id → its active PrlEvaluateJob */
  GHashTable    *evaluating;
};

GListStore *_prl_workspace_model_saved    (PrlWorkspace        *self,
                                           PrlModel            *saved_model,
                                           PrlModelRows         rows);
GListModel *_prl_workspace_lazy_list      (PrlWorkspace        *self,
                                           PrlModel            *model,
                                           PrlModelRows         rows);
gboolean   _prl_workspace_boolean_finish  (PrlWorkspace        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Filled on the main thread when a job saves datasets or models. */
void       _prl_workspace_datasets_added  (PrlWorkspace  *self,
                                           PrlModel      *saved_model,
                                           GPtrArray     *datasets);
void       _prl_workspace_collect_blobs   (PrlWorkspace  *self);
void       _prl_workspace_forget_model    (PrlWorkspace  *self,
                                           PrlModel      *model);
PrlModel  *_prl_workspace_find_model_by_id (PrlWorkspace *self,
                                           gint64         id);
gboolean   _prl_workspace_check_can_delete (PrlWorkspace *self,
                                          PrlModel      *model,
                                          GError       **error);
gboolean   _prl_workspace_check_writable  (PrlWorkspace  *self,
                                           GError       **error);
void       _prl_workspace_follow_remote_training (PrlWorkspace *self,
                                           PrlJob        *job);
/* In prl-version-ops.c: a model's remote models, before it is deleted. */
void       _prl_workspace_delete_remote_versions_async  (PrlWorkspace        *self,
                                                         PrlModel            *model,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean   _prl_workspace_delete_remote_versions_finish (PrlWorkspace        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* An upload as its checks see it: what a worker thread needs of the
 * model, read on the main thread. check_files_async and the import job
 * both take this snapshot and check it with _prl_upload_check(). */
typedef struct
{
  PrlStore      *store; /* (owned) (nullable): %NULL checks without a workspace */
  gint64         model_id;
  char          *language;   /* (owned) */
  char          *base_model; /* (owned) */
  gboolean       trained;
  gboolean       encrypt;
  char          *workspace_id; /* (owned) (nullable) */
  GPtrArray     *files;        /* (owned) (element-type GFile) */
  PrlDatasetType type;
  GArray        *file_types; /* (owned) (nullable): a PrlDatasetType per file */
} PrlUpload;

void       _prl_upload_init               (PrlUpload            *upload,
                                           PrlStore             *store,
                                           PrlModel             *model,
                                           GFile               **files,
                                           guint                 n_files,
                                           PrlDatasetType        type);
void       _prl_upload_set_file_types     (PrlUpload            *upload,
                                           const PrlDatasetType *file_types);
void       _prl_upload_clear              (PrlUpload            *upload);
GPtrArray *_prl_upload_check              (const PrlUpload      *upload,
                                           GBytes               *key,
                                           GCancellable         *cancellable,
                                           GError              **error);

void       _prl_import_job_set_file_types (PrlImportJob         *self,
                                           const PrlDatasetType *file_types);
void       _prl_import_job_set_provenance (PrlImportJob     *self,
                                           const char       *provenance);
void       _prl_import_job_set_source     (PrlImportJob     *self,
                                           const char       *source);
void       _prl_import_job_set_names      (PrlImportJob         *self,
                                           const char *const    *names);

PrlImportJob *_prl_import_job_new         (PrlWorkspace  *workspace,
                                           PrlModel      *model,
                                           GFile        **files,
                                           guint          n_files,
                                           PrlDatasetType type);

G_END_DECLS
