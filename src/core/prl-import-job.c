/* prl-import-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-import-job"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-blob-key.h"
#include "prl-dataset-group.h"
#include "prl-file-open.h"
#include "prl-import-job.h"
#include "prl-workspace-private.h"

/* PrlImportJob adds an upload to a model as datasets: one per kind of
 * file in it (training text, tuning text, test audio with its transcripts,
 * a manifest with its audio), each named as the user asked or after its
 * files. On its worker thread it
 * checks every file again (they may have changed since the dialog checked
 * them) while a second thread streams each file into the blob store,
 * refuses the whole upload (removing those copies) if any file fails, and
 * only then writes all dataset rows in one transaction. Cancelling, a failure, or a killed process therefore never
 * leaves a dataset row without its blob, nor a half-written blob.
 */
struct _PrlImportJob
{
  PrlJob parent_instance;

  GWeakRef  workspace;
  PrlModel *model; /* (owned): read on the main thread only */
  PrlUpload upload;
  char    **names;      /* (owned) (nullable): a dataset name per file, or NULL */
  char     *provenance; /* (owned) (nullable): saved with every dataset */
  char     *source;     /* (owned) (nullable): instead of the files' paths */

  /* Results, written by run() and read after it returned. */
  GPtrArray *checks;      /* (owned) (nullable) (element-type PrlFileCheck) */
  GPtrArray *datasets;    /* (owned) (nullable) (element-type PrlDataset) */
  PrlModel  *saved_model; /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (PrlImportJob, prl_import_job, PRL_TYPE_JOB)

/* The copy of every file into the blob store runs on a thread of its own
 * while the job's thread checks the files: the two passes over the data
 * overlap instead of adding up. A refused upload's copies are removed as
 * a failed one's are, so only checked files ever get dataset rows. */
typedef struct
{
  PrlImportJob *self;
  GBytes       *key;
  GCancellable *cancellable; /* (owned): cancelled when the upload is refused */
  char        **sha256;      /* (owned): one per file */
  guint64      *copied;      /* (owned): bytes copied, one per file */
  GPtrArray    *times;       /* (owned): when each copy started and ended */
  guint         current;
  guint64       total;
  guint64       done;
  GError       *error;
} Copier;

static void
copy_progress (guint64 done, gpointer user_data)
{
  Copier          *c = user_data;
  GFile           *file = g_ptr_array_index (c->self->upload.files, c->current);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *status = g_strdup_printf (_ ("Copying %s"), name);

  c->copied[c->current] = done;
  prl_job_report_progress (PRL_JOB (c->self),
                           c->total ? (double)(c->done + done) / c->total : -1, status);
}

static gpointer
copy_files (gpointer data)
{
  Copier       *c = data;
  PrlBlobStore *blobs = prl_store_get_blob_store (c->self->upload.store);

  for (c->current = 0; c->current < c->self->upload.files->len; c->current++)
    {
      GFile           *file = g_ptr_array_index (c->self->upload.files, c->current);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr (GInputStream) input = NULL;

      /* _prl_upload_check() refuses non-local files; the check reports it. */
      if (path == NULL)
        return NULL;
      g_ptr_array_add (c->times, g_date_time_new_now_utc ());
      if (!(input = prl_file_open_regular (path, PRL_MAX_FILE_BYTES, NULL, c->cancellable,
                                           &c->error))
          || !(c->sha256[c->current] = prl_blob_store_import (
                   blobs, input, c->key, copy_progress, c, c->cancellable, &c->error)))
        {
          g_prefix_error (&c->error, _ ("Could not copy “%s”: "), name);
          return NULL;
        }
      c->done += c->copied[c->current];
      g_ptr_array_add (c->times, g_date_time_new_now_utc ());
    }
  return NULL;
}

static void
cancel_copy (GCancellable *job_cancellable, gpointer copy_cancellable)
{
  g_cancellable_cancel (copy_cancellable);
}

static PrlDataset *
make_dataset (PrlImportJob *self,
              GFile        *file,
              const char   *group_name,
              PrlFileCheck *check,
              const char   *sha256,
              guint64       copied,
              GDateTime    *started,
              GDateTime    *ended,
              gboolean      encrypted,
              GError      **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *source = g_file_get_path (file);
  PrlDatasetInfo   info = { 0 };

  /* The copy and the check read the file apart: they must have seen the
   * same file. */
  if (copied != check->n_bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("“%s” changed while it was being added, so nothing was added; "
                      "add it again once it is saved"),
                   name);
      return NULL;
    }

  info.model_id = self->upload.model_id;
  info.name = name;
  info.group_name = group_name;
  /* Fetched text comes from where its provenance says, not from the
   * temporary file it waited in. */
  info.source = self->source != NULL ? self->source : source;
  info.type = check->type;
  info.sha256 = sha256;
  info.size = check->n_bytes;
  info.encrypted = encrypted;
  info.duration = check->duration;
  info.sample_rate = check->sample_rate;
  info.channels = check->channels;
  info.codec = check->codec;
  info.n_lines = check->n_lines;
  info.n_words = check->n_words;
  info.started = started;
  info.ended = ended;
  info.uri = "";
  info.provenance = self->provenance;

  return prl_dataset_new (&info);
}

static char *
asked_name (PrlImportJob *self, guint i)
{
  return self->names != NULL && self->names[i] != NULL
             ? g_strstrip (g_strdup (self->names[i]))
             : NULL;
}

/* Decides which dataset each checked file joins (one per kind) and its
 * name: the caller's, suffixed with the type when one name was given to
 * several datasets, else the files' shared name made unique in the model.
 * Returns the files' order, each dataset's files together. */
static GArray *
group_files (PrlImportJob *self, char ***group_names, GError **error)
{
  guint                      n = self->upload.files->len;
  g_autofree PrlDatasetType *types = g_new (PrlDatasetType, n);
  g_autofree PrlDatasetType *kinds = g_new (PrlDatasetType, n);
  g_autoptr (GPtrArray) existing = NULL;
  g_autoptr (GListStore) list = g_list_store_new (PRL_TYPE_DATASET);
  g_autoptr (GHashTable) taken = NULL;
  g_autoptr (GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  char **names = g_new0 (char *, n + 1);

  *group_names = names;
  for (guint i = 0; i < n; i++)
    types[i] = ((PrlFileCheck *)g_ptr_array_index (self->checks, i))->type;
  prl_dataset_group_kinds (types, n, kinds);

  if (!(existing = prl_store_list_datasets_sync (self->upload.store,
                                                 self->upload.model_id, error)))
    return NULL;
  g_list_store_splice (list, 0, 0, existing->pdata, existing->len);
  taken = prl_dataset_names_taken (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GPtrArray) members = NULL;
      g_autofree char *asked = NULL;
      g_autofree char *name = NULL;
      gboolean         shared = FALSE;

      if (names[i] != NULL)
        continue;

      members = g_ptr_array_new ();
      for (guint j = i; j < n; j++)
        if (kinds[j] == kinds[i])
          {
            g_array_append_val (order, j);
            g_ptr_array_add (members, g_ptr_array_index (self->upload.files, j));
            if (asked == NULL)
              asked = asked_name (self, j);
          }

      /* Does another kind of this upload ask for the same name? */
      for (guint j = 0; asked != NULL && j < n; j++)
        {
          g_autofree char *other = kinds[j] != kinds[i] ? asked_name (self, j) : NULL;

          shared |= g_strcmp0 (other, asked) == 0;
        }

      if (asked != NULL && shared)
        /* Translators: a dataset's name and its type, e.g.
         * "clinic (Training text)" */
        name = g_strdup_printf (_ ("%s (%s)"), asked,
                                prl_dataset_kind_get_label (kinds[i]));
      else if (asked != NULL)
        name = g_steal_pointer (&asked);
      else
        {
          g_autofree char *base
              = prl_dataset_default_name ((GFile **)members->pdata, members->len);

          name = prl_dataset_unused_name (taken, base);
        }

      g_hash_table_add (taken, g_utf8_casefold (name, -1));
      for (guint j = i; j < n; j++)
        if (kinds[j] == kinds[i])
          names[j] = g_strdup (name);
    }

  return g_steal_pointer (&order);
}

static gboolean
prl_import_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlImportJob *self = PRL_IMPORT_JOB (job);
  g_autoptr (GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GBytes) key = NULL;
  g_autoptr (GHashTable) refs = NULL;
  g_autoptr (GArray) order = NULL;
  g_auto (GStrv) group_names = NULL;
  GThread *thread;
  Copier   copier = { 0 };
  gulong   handler;
  guint    n_failed = 0;

  /* Refused before anything is checked or copied. */
  if (prl_store_is_read_only (self->upload.store))
    {
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
                   _ ("The workspace “%s” is read-only, so nothing can be changed in "
                      "it. Make the folder and its parlance.db writable, then try again"),
                   prl_store_get_directory (self->upload.store));
      return FALSE;
    }

  if (self->upload.encrypt
      && !(key = prl_blob_key_lookup (self->upload.workspace_id, cancellable, error)))
    return FALSE;

  for (guint i = 0; i < self->upload.files->len; i++)
    {
      g_autoptr (GFileInfo) info = g_file_query_info (
          g_ptr_array_index (self->upload.files, i), G_FILE_ATTRIBUTE_STANDARD_SIZE,
          G_FILE_QUERY_INFO_NONE, NULL, NULL);

      copier.total += info != NULL ? (guint64)g_file_info_get_size (info) : 0;
    }
  copier.self = self;
  copier.key = key;
  copier.cancellable = g_cancellable_new ();
  copier.sha256 = g_new0 (char *, self->upload.files->len + 1);
  copier.copied = g_new0 (guint64, self->upload.files->len);
  copier.times = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  handler = cancellable != NULL ? g_cancellable_connect (
                cancellable, G_CALLBACK (cancel_copy), copier.cancellable, NULL)
                                : 0;
  prl_job_report_progress (job, -1, _ ("Checking the files"));
  thread = g_thread_new ("prl-import-copy", copy_files, &copier);

  self->checks = _prl_upload_check (&self->upload, key, cancellable, error);
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    if (prl_file_check_has_errors (g_ptr_array_index (self->checks, i)))
      n_failed++;

  if (self->checks == NULL || n_failed > 0)
    g_cancellable_cancel (copier.cancellable);
  g_thread_join (thread);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  if (self->checks == NULL)
    goto fail;

  if (n_failed > 0)
    {
      g_set_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_CHECK_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u file failed its checks, so nothing was added; fix it "
                                "or leave it out and try again",
                                "%u files failed their checks, so nothing was added; fix "
                                "them or leave them out and try again",
                                n_failed),
                   n_failed);
      goto fail;
    }

  if (copier.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&copier.error));
      goto fail;
    }

  if (!(order = group_files (self, &group_names, error)))
    goto fail;

  /* The files of each dataset one after the other, as the store wants. */
  for (guint k = 0; k < order->len; k++)
    {
      guint       i = g_array_index (order, guint, k);
      PrlDataset *dataset = make_dataset (
          self, g_ptr_array_index (self->upload.files, i), group_names[i],
          g_ptr_array_index (self->checks, i), copier.sha256[i], copier.copied[i],
          g_ptr_array_index (copier.times, 2 * i),
          g_ptr_array_index (copier.times, 2 * i + 1), key != NULL, error);

      if (dataset == NULL)
        goto fail;
      g_ptr_array_add (pending, dataset);
    }

  /* Past this point the upload is saved whole or not at all. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  prl_job_report_progress (job, 1, _ ("Saving"));
  self->datasets = prl_store_add_datasets_sync (self->upload.store, self->upload.model_id,
                                                pending, &self->saved_model, error);
  if (self->datasets == NULL)
    goto fail;

  g_strfreev (copier.sha256);
  g_free (copier.copied);
  g_ptr_array_unref (copier.times);
  g_object_unref (copier.cancellable);
  return TRUE;

fail:
  g_clear_error (&copier.error);
  g_strfreev (copier.sha256);
  g_free (copier.copied);
  g_ptr_array_unref (copier.times);
  g_object_unref (copier.cancellable);
  /* Blobs this upload copied that no dataset refers to are removed. */
  if ((refs = prl_store_list_blob_refs_sync (self->upload.store, NULL)))
    prl_blob_store_collect (prl_store_get_blob_store (self->upload.store), refs, NULL);
  return FALSE;
}

static void
prl_import_job_finished (PrlJob *job, gboolean succeeded)
{
  PrlImportJob *self = PRL_IMPORT_JOB (job);
  g_autoptr (PrlWorkspace) workspace = g_weak_ref_get (&self->workspace);

  if (succeeded && workspace != NULL)
    _prl_workspace_datasets_added (workspace, self->saved_model, self->datasets);
}

/* Not a GStrv: any entry may be NULL. */
static void
clear_names (PrlImportJob *self)
{
  for (guint i = 0; self->names != NULL && i < self->upload.files->len; i++)
    g_free (self->names[i]);
  g_clear_pointer (&self->names, g_free);
}

static void
prl_import_job_finalize (GObject *object)
{
  PrlImportJob *self = PRL_IMPORT_JOB (object);

  g_weak_ref_clear (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->saved_model);
  clear_names (self);
  g_free (self->provenance);
  g_free (self->source);
  _prl_upload_clear (&self->upload);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->datasets, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_import_job_parent_class)->finalize (object);
}

static void
prl_import_job_class_init (PrlImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrlJobClass  *job_class = PRL_JOB_CLASS (klass);

  object_class->finalize = prl_import_job_finalize;
  job_class->run = prl_import_job_run;
  job_class->finished = prl_import_job_finished;
}

static void
prl_import_job_init (PrlImportJob *self)
{
  g_weak_ref_init (&self->workspace, NULL);
}

/* Everything the worker needs is copied here, on the main thread. */
PrlImportJob *
_prl_import_job_new (PrlWorkspace  *workspace,
                     PrlModel      *model,
                     GFile        **files,
                     guint          n_files,
                     PrlDatasetType type)
{
  PrlImportJob    *self = g_object_new (PRL_TYPE_IMPORT_JOB, NULL);
  g_autofree char *title
      = g_strdup_printf (_ ("Adding datasets to %s"), prl_model_get_name (model));

  prl_job_set_title (PRL_JOB (self), title);
  g_weak_ref_set (&self->workspace, workspace);
  self->model = g_object_ref (model);
  _prl_upload_init (&self->upload, prl_workspace_get_store (workspace), model, files,
                    n_files, type);

  return self;
}

/* Before the job runs: a type per file, overriding the job's type where
 * it is not %PRL_DATASET_TYPE_AUTO. */
void
_prl_import_job_set_file_types (PrlImportJob *self, const PrlDatasetType *file_types)
{
  _prl_upload_set_file_types (&self->upload, file_types);
}

/* Before the job runs: the name of the dataset each file goes to (files
 * of one kind share one), NULL for a name made from the files. */
void
_prl_import_job_set_names (PrlImportJob *self, const char *const *names)
{
  clear_names (self);
  if (names == NULL)
    return;

  self->names = g_new0 (char *, self->upload.files->len + 1);
  for (guint i = 0; i < self->upload.files->len; i++)
    self->names[i] = g_strdup (names[i]);
}

/**
 * prl_import_job_get_checks:
 *
 * Returns: (transfer none) (nullable) (element-type PrlFileCheck): the
 *   report of the last run's checks
 */
GPtrArray *
prl_import_job_get_checks (PrlImportJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPORT_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->checks;
}

/**
 * prl_import_job_get_datasets:
 *
 * Returns: (transfer none) (nullable) (element-type PrlDataset): the
 *   datasets saved, once the job succeeded
 */
GPtrArray *
prl_import_job_get_datasets (PrlImportJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPORT_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->datasets;
}

/* @provenance: a JSON object saying where the files' text came from (see
 * prl_dataset_get_provenance()), saved with the datasets the job adds.
 * Set before the job runs. */
void
_prl_import_job_set_source (PrlImportJob *self, const char *source)
{
  g_return_if_fail (PRL_IS_IMPORT_JOB (self));
  g_free (self->source);
  self->source = g_strdup (source);
}

void
_prl_import_job_set_provenance (PrlImportJob *self, const char *provenance)
{
  g_return_if_fail (PRL_IS_IMPORT_JOB (self));
  g_free (self->provenance);
  self->provenance = g_strdup (provenance);
}
