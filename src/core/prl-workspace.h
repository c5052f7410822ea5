/* prl-workspace.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-group.h"
#include "prl-dataset.h"
#include "prl-import-job.h"
#include "prl-job-manager.h"
#include "prl-model.h"
#include "prl-store.h"
#include "prl-evaluate-job.h"
#include "prl-transcribe-job.h"
#include "prl-train-job.h"
#include "prl-version.h"

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

void          prl_workspace_create_model_full_async (PrlWorkspace             *self,
                                                 const PrlModelCreateOptions *options,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
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

/**
 * PrlTestPairs:
 * @n_pairs: AUDIO datasets with a TEST transcript of the same basename
 * @unpaired: (element-type utf8): dataset names with no partner
 */
typedef struct
{
  guint      n_pairs;
  GPtrArray *unpaired;
} PrlTestPairs;

PrlTestPairs  *prl_test_pairs_compute             (GListModel          *datasets) G_GNUC_WARN_UNUSED_RESULT;
void           prl_test_pairs_free                (PrlTestPairs        *pairs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTestPairs, prl_test_pairs_free)

/**
 * PrlModelRows:
 * @PRL_MODEL_ROWS_DATASETS: #PrlDataset, one per stored file, in upload order
 *   (prl_dataset_group_collect() gathers them into datasets)
 * @PRL_MODEL_ROWS_VERSIONS: #PrlVersion, newest first
 * @PRL_MODEL_ROWS_PRONUNCIATIONS: #PrlPronunciation, sorted by word
 *
 * What prl_workspace_read_rows_async() reads of a model.
 */
typedef enum
{
  PRL_MODEL_ROWS_DATASETS,
  PRL_MODEL_ROWS_VERSIONS,
  PRL_MODEL_ROWS_PRONUNCIATIONS,
} PrlModelRows;

PrlJobManager *prl_workspace_get_job_manager      (PrlWorkspace        *self);
void           prl_workspace_read_rows_async      (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   PrlModelRows         rows,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *prl_workspace_read_rows_finish     (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GListModel    *prl_workspace_get_datasets         (PrlWorkspace        *self,
                                                   PrlModel            *model);
PrlTestPairs  *prl_workspace_get_test_pairs       (PrlWorkspace        *self,
                                                   PrlModel            *model);
void           prl_workspace_check_files_async    (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   GFile              **files,
                                                   guint                n_files,
                                                   PrlDatasetType       type,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void           prl_workspace_check_typed_files_async (PrlWorkspace         *self,
                                                   PrlModel             *model,
                                                   GFile               **files,
                                                   const PrlDatasetType *file_types,
                                                   guint                 n_files,
                                                   PrlDatasetType        type,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray     *prl_workspace_check_files_finish   (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
PrlImportJob  *prl_workspace_import_files         (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   GFile              **files,
                                                   guint                n_files,
                                                   PrlDatasetType       type);
PrlImportJob  *prl_workspace_import_typed_files   (PrlWorkspace         *self,
                                                   PrlModel             *model,
                                                   GFile               **files,
                                                   const PrlDatasetType *file_types,
                                                   guint                 n_files,
                                                   PrlDatasetType        type);
void           prl_workspace_propose_keywords_async (PrlWorkspace      *self,
                                                   PrlModel            *model,
                                                   guint                max,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void           prl_workspace_propose_keywords_for_files_async (PrlWorkspace       *self,
                                                   const char          *provider,
                                                   const char          *language,
                                                   const char *const   *paths,
                                                   guint                max,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char         **prl_workspace_propose_keywords_finish (PrlWorkspace     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
PrlImportJob  *prl_workspace_import_fetched_text  (PrlWorkspace         *self,
                                                   PrlModel             *model,
                                                   GFile                *file,
                                                   const char           *name,
                                                   const char           *source,
                                                   const char           *provenance);
PrlImportJob  *prl_workspace_import_datasets      (PrlWorkspace         *self,
                                                   PrlModel             *model,
                                                   GFile               **files,
                                                   const PrlDatasetType *file_types,
                                                   const char *const    *names,
                                                   guint                 n_files,
                                                   PrlDatasetType        type);
void           prl_workspace_match_base_model_async (PrlWorkspace      *self,
                                                   PrlModel            *model,
                                                   GPtrArray           *datasets,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char          *prl_workspace_match_base_model_finish (PrlWorkspace     *self,
                                                   GAsyncResult        *result,
                                                   PrlBaseModel        *previous,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void           prl_workspace_set_base_model_async (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   PrlBaseModel         base_model,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       prl_workspace_set_base_model_finish (PrlWorkspace       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void           prl_workspace_delete_dataset_async (PrlWorkspace        *self,
                                                   PrlDataset          *dataset,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       prl_workspace_delete_dataset_finish (PrlWorkspace       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void           prl_workspace_count_split_async    (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void           prl_workspace_count_datasets_split_async (PrlWorkspace  *self,
                                                   GPtrArray           *datasets,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       prl_workspace_count_split_finish   (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   guint               *n_training,
                                                   guint               *n_held_out,
                                                   GError             **error);
gboolean       prl_workspace_get_encrypt_blobs    (PrlWorkspace        *self);
void           prl_workspace_set_encrypt_blobs_async (PrlWorkspace     *self,
                                                   gboolean             encrypt,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       prl_workspace_set_encrypt_blobs_finish (PrlWorkspace    *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

PrlTrainJob   *prl_workspace_train_model          (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   gboolean             force,
                                                   GError             **error);
PrlTrainJob   *prl_workspace_train_model_with_order (PrlWorkspace      *self,
                                                   PrlModel            *model,
                                                   gboolean             force,
                                                   guint                order,
                                                   GError             **error);
GListModel    *prl_workspace_get_versions         (PrlWorkspace        *self,
                                                   PrlModel            *model);
gboolean       prl_workspace_check_pronunciation  (PrlWorkspace        *self,
                                                   PrlModel            *model,
                                                   const char          *phones,
                                                   GError             **error);
void           prl_workspace_list_pronunciations_async (PrlWorkspace   *self,
                                                   PrlModel            *model,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *prl_workspace_list_pronunciations_finish (PrlWorkspace  *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void           prl_workspace_set_pronunciation_async (PrlWorkspace     *self,
                                                   PrlModel            *model,
                                                   const char          *word,
                                                   const char          *phones,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       prl_workspace_set_pronunciation_finish (PrlWorkspace    *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void           prl_workspace_delete_pronunciation_async (PrlWorkspace  *self,
                                                   PrlModel            *model,
                                                   const char          *word,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       prl_workspace_delete_pronunciation_finish (PrlWorkspace *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

PrlEvaluateJob *prl_workspace_evaluate_model    (PrlWorkspace        *self,
                                                 PrlModel            *model,
                                                 const char *const   *versions,
                                                 gboolean             recompute,
                                                 GError             **error);
PrlEvaluateJob *prl_workspace_evaluate_model_full (PrlWorkspace      *self,
                                                 PrlModel            *model,
                                                 const char *const   *versions,
                                                 gboolean             recompute,
                                                 guint                max_threads,
                                                 GError             **error);
void           prl_workspace_load_evaluation_async  (PrlWorkspace        *self,
                                                     PrlModel            *model,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
PrlEvalRun    *prl_workspace_load_evaluation_finish (PrlWorkspace        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
PrlTranscribeJob *prl_workspace_transcribe_files_full (PrlWorkspace    *self,
                                                      PrlModel        *model,
                                                      PrlVersion      *version,
                                                      GFile          **files,
                                                      guint            n_files,
                                                      GError         **error);
void           prl_workspace_align_async          (PrlWorkspace        *self,
                                                   GFile               *audio,
                                                   const char          *text,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
PrlTranscript *prl_workspace_align_finish         (PrlWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
