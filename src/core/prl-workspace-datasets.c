/* prl-workspace-datasets.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-workspace-datasets"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-blob-cipher.h"
#include "prl-blob-key.h"
#include "prl-store-crypt.h"
#include "prl-eval-split.h"
#include "prl-version-ops.h"
#include "prl-workspace-private.h"

/* The datasets half of PrlWorkspace: one live list per model (loaded the
 * first time someone asks), checking uploads, starting import jobs,
 * deleting datasets, test pairs, the manifests' evaluation split, and
 * encryption at rest.
 */

PrlJobManager *
prl_workspace_get_job_manager (PrlWorkspace *self)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  return self->jobs;
}

PrlModel *
_prl_workspace_find_model_by_id (PrlWorkspace *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->models));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      if (prl_model_get_id (model) == id)
        return model;
    }

  return NULL;
}

/**
 * prl_workspace_get_datasets:
 *
 * Returns: (transfer none): a #GListModel of the model's #PrlDataset (a
 *   row per stored file; prl_dataset_group_collect() makes the datasets),
 *   filled in the background the first time and kept up to date
 */
GListModel *
prl_workspace_get_datasets (PrlWorkspace *self, PrlModel *model)
{
  return _prl_workspace_lazy_list (self, model, PRL_MODEL_ROWS_DATASETS);
}

void
prl_test_pairs_free (PrlTestPairs *pairs)
{
  if (pairs == NULL)
    return;

  g_ptr_array_unref (pairs->unpaired);
  g_free (pairs);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/**
 * prl_workspace_get_test_pairs:
 *
 * Pairs AUDIO datasets with TEST transcripts by basename and counts the
 * entries of manifests, over the datasets loaded so far.
 *
 * Returns: (transfer full): the pairs
 */
PrlTestPairs *
prl_workspace_get_test_pairs (PrlWorkspace *self, PrlModel *model)
{
  return prl_test_pairs_compute (prl_workspace_get_datasets (self, model));
}

/**
 * prl_test_pairs_compute:
 * @list: a #GListModel of #PrlDataset
 *
 * Pairs AUDIO datasets with TEST transcripts by basename. Manifests are
 * not counted: they train the model, and only their held-out part tests
 * it when there is no TEST data (see prl-eval-split.c).
 *
 * Returns: (transfer full): the pairs
 */
PrlTestPairs *
prl_test_pairs_compute (GListModel *list)
{
  g_autoptr (GHashTable) audio
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) text
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PrlTestPairs  *pairs = g_new0 (PrlTestPairs, 1);
  GHashTableIter iter;
  gpointer       key, value;
  guint          n = g_list_model_get_n_items (list);

  pairs->unpaired = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (list, i);

      switch ((int)prl_dataset_get_dataset_type (dataset))
        {
        case PRL_DATASET_TYPE_AUDIO:
          g_hash_table_insert (audio, prl_dataset_dup_basename (dataset),
                               (gpointer)prl_dataset_get_name (dataset));
          break;

        case PRL_DATASET_TYPE_TEST:
          g_hash_table_insert (text, prl_dataset_dup_basename (dataset),
                               (gpointer)prl_dataset_get_name (dataset));
          break;

        default:
          break;
        }
    }

  g_hash_table_iter_init (&iter, audio);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (text, key))
        pairs->n_pairs++;
      else
        g_ptr_array_add (pairs->unpaired, g_strdup (value));
    }

  g_hash_table_iter_init (&iter, text);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (audio, key))
      g_ptr_array_add (pairs->unpaired, g_strdup (value));

  g_ptr_array_sort (pairs->unpaired, compare_names);
  return pairs;
}

static void
upload_free (PrlUpload *upload)
{
  _prl_upload_clear (upload);
  g_free (upload);
}

static void
check_files_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PrlUpload *upload = task_data;
  g_autoptr (GBytes) key = NULL;
  GError    *error = NULL;
  GPtrArray *checks;

  /* Without the key, encrypted training text cannot be compared with new
   * tuning text; that one check is skipped, the others still run. */
  if (upload->encrypt)
    key = prl_blob_key_lookup (upload->workspace_id, cancellable, NULL);

  checks = _prl_upload_check (upload, key, cancellable, &error);
  if (checks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checks, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * prl_workspace_check_files_async:
 * @type: the type for every file, or %PRL_DATASET_TYPE_AUTO to detect it
 *
 * Checks an upload without storing anything, on a worker thread.
 */
void
prl_workspace_check_files_async (PrlWorkspace       *self,
                                 PrlModel           *model,
                                 GFile             **files,
                                 guint               n_files,
                                 PrlDatasetType      type,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  prl_workspace_check_typed_files_async (self, model, files, NULL, n_files, type,
                                         cancellable, callback, user_data);
}

/**
 * prl_workspace_check_typed_files_async:
 * @file_types: (nullable) (array length=n_files): a type per file, or
 *   %PRL_DATASET_TYPE_AUTO where @type (or detection) decides
 * @type: the type for every other file, or %PRL_DATASET_TYPE_AUTO
 *
 * Like prl_workspace_check_files_async(), with a type chosen per file.
 * Finish with prl_workspace_check_files_finish().
 */
void
prl_workspace_check_typed_files_async (PrlWorkspace         *self,
                                       PrlModel             *model,
                                       GFile               **files,
                                       const PrlDatasetType *file_types,
                                       guint                 n_files,
                                       PrlDatasetType        type,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  PrlUpload *upload;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  upload = g_new0 (PrlUpload, 1);
  _prl_upload_init (upload, self->store, model, files, n_files, type);
  _prl_upload_set_file_types (upload, file_types);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_check_typed_files_async);
  g_task_set_task_data (task, upload, (GDestroyNotify)upload_free);
  g_task_run_in_thread (task, check_files_thread);
}

/**
 * prl_workspace_check_files_finish:
 *
 * Returns: (transfer full) (element-type PrlFileCheck): one report per
 *   file, in order; batch-level refusals come as %PRL_DATASET_ERROR
 */
GPtrArray *
prl_workspace_check_files_finish (PrlWorkspace *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * prl_workspace_import_files:
 *
 * Starts adding @files to @model on the workspace's job manager.
 *
 * Returns: (transfer full): the running job
 */
PrlImportJob *
prl_workspace_import_files (PrlWorkspace  *self,
                            PrlModel      *model,
                            GFile        **files,
                            guint          n_files,
                            PrlDatasetType type)
{
  return prl_workspace_import_typed_files (self, model, files, NULL, n_files, type);
}

/**
 * prl_workspace_import_typed_files:
 * @file_types: (nullable) (array length=n_files): a type per file, or
 *   %PRL_DATASET_TYPE_AUTO where @type (or detection) decides
 *
 * Like prl_workspace_import_files(), with a type chosen per file.
 *
 * Returns: (transfer full): the running job
 */
PrlImportJob *
prl_workspace_import_typed_files (PrlWorkspace         *self,
                                  PrlModel             *model,
                                  GFile               **files,
                                  const PrlDatasetType *file_types,
                                  guint                 n_files,
                                  PrlDatasetType        type)
{
  return prl_workspace_import_datasets (self, model, files, file_types, NULL, n_files,
                                        type);
}

/**
 * prl_workspace_import_datasets:
 * @file_types: (nullable) (array length=n_files): a type per file, or
 *   %PRL_DATASET_TYPE_AUTO where @type (or detection) decides
 * @names: (nullable) (array length=n_files): the name of the dataset each
 *   file goes to, or %NULL (also per file) for a name made from the files
 *
 * Adds the upload as datasets: one per kind of file in it (training text,
 * tuning text, test audio with its transcripts, a manifest with its
 * audio). A name must be new in the model; several datasets given one
 * name are told apart by their type, e.g. "clinic (Training text)".
 * A name made from the files ("clinic" for clinic1.wav … clinic4.txt) is
 * made unique with a number.
 *
 * Returns: (transfer full): the running job
 */
PrlImportJob *
prl_workspace_import_datasets (PrlWorkspace         *self,
                               PrlModel             *model,
                               GFile               **files,
                               const PrlDatasetType *file_types,
                               const char *const    *names,
                               guint                 n_files,
                               PrlDatasetType        type)
{
  PrlImportJob *job;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  job = _prl_import_job_new (self, model, files, n_files, type);
  _prl_import_job_set_file_types (job, file_types);
  _prl_import_job_set_names (job, names);
  prl_job_manager_run (self->jobs, PRL_JOB (job));
  return job;
}

/**
 * prl_workspace_import_fetched_text:
 * @file: the fetched text, one paragraph a line
 * @name: the dataset's name
 * @source: where the text came from, as the datasets table shows it
 *   (the wiki's address)
 * @provenance: a JSON object saying where the text came from (for a
 *   wiki: its API URL, the pages and revisions, the licence); kept with
 *   the dataset and shown with it, since such text must stay attributed
 *
 * Adds fetched text as a TRANSCRIPT dataset after the same checks as any
 * file.
 *
 * Returns: (transfer full): the running job
 */
PrlImportJob *
prl_workspace_import_fetched_text (PrlWorkspace *self,
                                   PrlModel     *model,
                                   GFile        *file,
                                   const char   *name,
                                   const char   *source,
                                   const char   *provenance)
{
  PrlImportJob        *job;
  const PrlDatasetType type = PRL_DATASET_TYPE_TRANSCRIPT;
  const char          *names[] = { name };

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (provenance != NULL, NULL);

  job = _prl_import_job_new (self, model, &file, 1, type);
  _prl_import_job_set_file_types (job, &type);
  _prl_import_job_set_names (job, names);
  _prl_import_job_set_provenance (job, provenance);
  _prl_import_job_set_source (job, source);
  prl_job_manager_run (self->jobs, PRL_JOB (job));
  return job;
}

void
_prl_workspace_datasets_added (PrlWorkspace *self,
                               PrlModel     *saved_model,
                               GPtrArray    *datasets)
{
  GListStore *list
      = _prl_workspace_model_saved (self, saved_model, PRL_MODEL_ROWS_DATASETS);

  if (list != NULL)
    g_list_store_splice (list, g_list_model_get_n_items (G_LIST_MODEL (list)), 0,
                         datasets->pdata, datasets->len);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrlStore *store = task_data;
  g_autoptr (GHashTable) refs = prl_store_list_blob_refs_sync (store, NULL);

  if (refs != NULL)
    prl_blob_store_collect (prl_store_get_blob_store (store), refs, NULL);
  g_task_return_boolean (task, TRUE);
}

/* Removes blobs no dataset refers to any more, in the background. */
void
_prl_workspace_collect_blobs (PrlWorkspace *self)
{
  /* Not tied to the workspace: it may close while this runs. */
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, collect_thread);
}

void
_prl_workspace_forget_model (PrlWorkspace *self, PrlModel *model)
{
  gint64 id = prl_model_get_id (model);

  g_hash_table_remove (self->datasets, &id);
  _prl_workspace_collect_blobs (self);
}

static void
collect_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  g_task_return_boolean (task, TRUE);
}

static void
delete_dataset_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PrlModel) saved = NULL;
  PrlWorkspace *self = g_task_get_source_object (task);
  PrlDataset   *dataset = g_task_get_task_data (task);
  GError       *error = NULL;
  PrlModel     *model;
  GListStore   *list;
  gint64        id;
  guint         position;

  if (!(saved = prl_store_delete_dataset_finish (PRL_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  id = prl_model_get_id (saved);
  if ((model = _prl_workspace_find_model_by_id (self, id)))
    prl_model_update_from (model, saved);
  /* Every file of the dataset goes with it. */
  if ((list = g_hash_table_lookup (self->datasets, &id)))
    for (position = g_list_model_get_n_items (G_LIST_MODEL (list)); position-- > 0;)
      {
        g_autoptr (PrlDataset) file
            = g_list_model_get_item (G_LIST_MODEL (list), position);

        if (prl_dataset_get_group_id (file) == prl_dataset_get_group_id (dataset))
          g_list_store_remove (list, position);
      }

  /* Finish only once the blob is gone, so a CLI exiting right after
   * deleting leaves nothing behind. */
  {
    GTask *collect = g_task_new (self, NULL, collect_done_cb, g_steal_pointer (&task));

    g_task_set_task_data (collect, g_object_ref (self->store), g_object_unref);
    g_task_run_in_thread (collect, collect_thread);
    g_object_unref (collect);
  }
}

/**
 * prl_workspace_delete_dataset_async:
 * @dataset: a file of the dataset to delete
 *
 * Deletes the dataset @dataset belongs to, with all its files, and the
 * stored copies no other dataset refers to.
 */
void
prl_workspace_delete_dataset_async (PrlWorkspace       *self,
                                    PrlDataset         *dataset,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  GTask    *task;
  PrlModel *model;
  GError   *error = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_DATASET (dataset));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_delete_dataset_async);
  g_task_set_task_data (task, g_object_ref (dataset), g_object_unref);
  model = _prl_workspace_find_model_by_id (self, prl_dataset_get_model_id (dataset));
  if (model != NULL && !prl_model_check_not_upgrading (model, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  prl_store_delete_dataset_async (self->store, prl_dataset_get_group_id (dataset),
                                  cancellable, delete_dataset_cb, task);
}

gboolean
prl_workspace_delete_dataset_finish (PrlWorkspace *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}

/* The split's counts, from a worker thread. */
typedef struct
{
  PrlStore  *store;    /* (owned) */
  GPtrArray *datasets; /* (owned) (element-type PrlDataset) */
  guint      n_training;
  guint      n_held_out;
} SplitCount;

static void
split_count_free (SplitCount *count)
{
  g_clear_object (&count->store);
  g_clear_pointer (&count->datasets, g_ptr_array_unref);
  g_free (count);
}

static void
count_split_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SplitCount *count = task_data;
  GError     *error = NULL;

  if (prl_eval_split_count_datasets (count->store, count->datasets, &count->n_training,
                                     &count->n_held_out, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * prl_workspace_count_split_async:
 *
 * Counts how the manifests among @model's datasets loaded so far are
 * split between training and testing (see prl-eval-split.c). Counting
 * reads the stored manifests, so it runs on a worker thread.
 */
void
prl_workspace_count_split_async (PrlWorkspace       *self,
                                 PrlModel           *model,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GPtrArray) datasets = NULL;
  GListModel *list;
  guint       n;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  list = prl_workspace_get_datasets (self, model);
  n = g_list_model_get_n_items (list);
  datasets = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (datasets, g_list_model_get_item (list, i));

  prl_workspace_count_datasets_split_async (self, datasets, cancellable, callback,
                                            user_data);
}

/**
 * prl_workspace_count_datasets_split_async:
 * @datasets: (element-type PrlDataset): a model's datasets, as
 *   prl_workspace_list_datasets_finish() gives them
 *
 * prl_workspace_count_split_async() over @datasets; finish it with
 * prl_workspace_count_split_finish().
 */
void
prl_workspace_count_datasets_split_async (PrlWorkspace       *self,
                                          GPtrArray          *datasets,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  SplitCount *count;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (datasets != NULL);

  count = g_new0 (SplitCount, 1);
  count->store = g_object_ref (self->store);
  count->datasets = g_ptr_array_ref (datasets);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_count_split_async);
  g_task_set_task_data (task, count, (GDestroyNotify)split_count_free);
  g_task_run_in_thread (task, count_split_thread);
}

/**
 * prl_workspace_count_split_finish:
 * @n_training: (out) (optional): manifest entries that train the model
 * @n_held_out: (out) (optional): manifest entries held out to test it
 */
gboolean
prl_workspace_count_split_finish (PrlWorkspace *self,
                                  GAsyncResult *result,
                                  guint        *n_training,
                                  guint        *n_held_out,
                                  GError      **error)
{
  SplitCount *count;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  count = g_task_get_task_data (G_TASK (result));
  if (n_training != NULL)
    *n_training = count->n_training;
  if (n_held_out != NULL)
    *n_held_out = count->n_held_out;
  return TRUE;
}

gboolean
prl_workspace_get_encrypt_blobs (PrlWorkspace *self)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (self), FALSE);
  return prl_store_get_encrypt_blobs (self->store);
}

static void
ensure_key_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PrlStore   *store = task_data;
  const char *id = prl_store_get_workspace_id (store);
  g_autoptr (GBytes) key = NULL;
  g_autoptr (GError) lookup_error = NULL;
  GError *error = NULL;

  /* Keep an existing key: blobs encrypted earlier must stay readable. */
  if ((key = prl_blob_key_lookup (id, cancellable, &lookup_error)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_error_matches (lookup_error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION))
    {
      g_task_return_error (task, g_steal_pointer (&lookup_error));
      return;
    }

  key = prl_blob_key_generate ();
  if (!prl_blob_key_save (id, prl_store_get_directory (store), key, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
encrypt_existing_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!prl_store_encrypt_existing_finish (PRL_STORE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_encrypt_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!prl_store_set_encrypt_blobs_finish (PRL_STORE (object), result, &error))
    g_task_return_error (task, error);
  else if (prl_store_get_encrypt_blobs (PRL_STORE (object)))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* What was stored in plain text before is converted too. */
      prl_store_encrypt_existing_async (PRL_STORE (object), cancellable,
                                        encrypt_existing_cb, g_steal_pointer (&task));
    }
  else
    g_task_return_boolean (task, TRUE);
}

static void
ensure_key_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError       *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  prl_store_set_encrypt_blobs_async (self->store, TRUE, cancellable, set_encrypt_cb,
                                     g_steal_pointer (&task));
}

/**
 * prl_workspace_set_encrypt_blobs_async:
 *
 * Switches encryption at rest for what is stored from now on. Switching
 * it on makes sure the workspace key exists in the keyring first, so it
 * fails (and changes nothing) when no keyring is available, then encrypts
 * what is already stored (prl_store_encrypt_existing_async()).
 */
void
prl_workspace_set_encrypt_blobs_async (PrlWorkspace       *self,
                                       gboolean            encrypt,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_set_encrypt_blobs_async);

  if (!encrypt)
    {
      prl_store_set_encrypt_blobs_async (self->store, FALSE, cancellable, set_encrypt_cb,
                                         g_steal_pointer (&task));
      return;
    }

  {
    g_autoptr (GTask) key_task
        = g_task_new (self, cancellable, ensure_key_cb, g_steal_pointer (&task));

    g_task_set_task_data (key_task, g_object_ref (self->store), g_object_unref);
    g_task_run_in_thread (key_task, ensure_key_thread);
  }
}

gboolean
prl_workspace_set_encrypt_blobs_finish (PrlWorkspace *self,
                                        GAsyncResult *result,
                                        GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}

/* Base model from the audio. */

typedef struct
{
  PrlModel    *model; /* (owned) */
  PrlBaseModel previous;
  PrlBaseModel band;
  guint        sample_rate;
} BaseModelData;

static void
base_model_data_free (BaseModelData *data)
{
  g_object_unref (data->model);
  g_free (data);
}

/* The band the audio needs: NarrowBand if any recording is below 16 kHz,
 * since a WideBand model would hear it without its upper half. */
static gboolean
audio_band (GPtrArray *datasets, PrlBaseModel *band, guint *sample_rate)
{
  guint lowest = 0;

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (datasets, i);
      guint       rate = prl_dataset_get_sample_rate (dataset);

      if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_AUDIO && rate > 0
          && (lowest == 0 || rate < lowest))
        lowest = rate;
    }

  if (lowest == 0)
    return FALSE;

  *sample_rate = lowest;
  *band = lowest < 16000 ? PRL_BASE_MODEL_NARROW_BAND : PRL_BASE_MODEL_WIDE_BAND;
  return TRUE;
}

static void
set_base_model_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PrlModel) saved = NULL;
  PrlWorkspace  *self = g_task_get_source_object (task);
  BaseModelData *data = g_task_get_task_data (task);
  PrlModel      *live;
  GError        *error = NULL;

  if (!(saved = prl_store_set_base_model_finish (PRL_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  prl_model_update_from (data->model, saved);
  if ((live = _prl_workspace_find_model_by_id (self, prl_model_get_id (saved)))
      && live != data->model)
    prl_model_update_from (live, saved);

  g_task_return_boolean (task, prl_model_get_base_model (saved) == data->band);
}

static GTask *
start_set_base_model (PrlWorkspace       *self,
                      PrlModel           *model,
                      PrlBaseModel        band,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data,
                      gpointer            source_tag)
{
  GTask         *task = g_task_new (self, cancellable, callback, user_data);
  BaseModelData *data = g_new0 (BaseModelData, 1);

  data->model = g_object_ref (model);
  data->previous = prl_model_get_base_model (model);
  data->band = band;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify)base_model_data_free);
  return task;
}

/**
 * prl_workspace_set_base_model_async:
 *
 * Changes the base model of @model if it has never been trained (what
 * Undo does after prl_workspace_match_base_model_async()). A model with a
 * trained version keeps its base model.
 */
void
prl_workspace_set_base_model_async (PrlWorkspace       *self,
                                    PrlModel           *model,
                                    PrlBaseModel        base_model,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  task = start_set_base_model (self, model, base_model, cancellable, callback, user_data,
                               prl_workspace_set_base_model_async);
  prl_store_set_base_model_async (self->store, prl_model_get_id (model), base_model,
                                  cancellable, set_base_model_cb, task);
}

/**
 * prl_workspace_set_base_model_finish:
 *
 * Returns: whether @model now has the base model asked for; %FALSE
 *   without @error when a trained model kept its own
 */
gboolean
prl_workspace_set_base_model_finish (PrlWorkspace *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}

/**
 * prl_workspace_match_base_model_async:
 * @datasets: (element-type PrlDataset): datasets just added to @model
 *
 * When @datasets hold audio and @model has never been trained, switches
 * its base model to the band of the audio, from the sample rate GStreamer
 * measured when the files were checked: NarrowBand below 16 kHz, WideBand
 * from 16 kHz. A trained model, or one in training, keeps its base model
 * (the checks warn about a mismatch instead).
 */
void
prl_workspace_match_base_model_async (PrlWorkspace       *self,
                                      PrlModel           *model,
                                      GPtrArray          *datasets,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  PrlBaseModel band = PRL_BASE_MODEL_WIDE_BAND;
  guint        rate = 0;
  GTask       *task;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  if (!audio_band (datasets, &band, &rate))
    band = prl_model_get_base_model (model);

  task = start_set_base_model (self, model, band, cancellable, callback, user_data,
                               prl_workspace_match_base_model_async);
  ((BaseModelData *)g_task_get_task_data (task))->sample_rate = rate;

  if (rate == 0 || band == prl_model_get_base_model (model)
      || prl_model_get_status (model) == PRL_TRAINING_STATUS_RUNNING)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  prl_store_set_base_model_async (self->store, prl_model_get_id (model), band,
                                  cancellable, set_base_model_cb, task);
}

/**
 * prl_workspace_match_base_model_finish:
 * @previous: (out) (optional): the base model before, for Undo
 *
 * Returns: (transfer full) (nullable): a sentence for people saying what
 *   changed, or %NULL when the base model stayed (then @error says why if
 *   it could not be saved)
 */
char *
prl_workspace_match_base_model_finish (PrlWorkspace *self,
                                       GAsyncResult *result,
                                       PrlBaseModel *previous,
                                       GError      **error)
{
  BaseModelData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (previous != NULL)
    *previous = data->previous;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  /* Translators: the first %s is a model's name, the others base models, e.g.
   * “The audio is sampled at 8000 Hz, so “clinic” now uses the NarrowBand
   * base model instead of WideBand.” */
  return g_strdup_printf (_ ("The audio is sampled at %u Hz, so “%s” now uses the %s "
                             "base model instead of %s."),
                          data->sample_rate, prl_model_get_name (data->model),
                          prl_base_model_to_string (data->band),
                          prl_base_model_to_string (data->previous));
}
