/* prl-upload-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-call-private.h"
#include "prl-s3-client.h"
#include "prl-s3-upload-state-store.h"

#include "prl-upload-job.h"

/* Uploads a model's datasets to a cloud account's bucket, where a cloud
 * provider's training reads them: each blob once, content-addressed
 * (PREFIX/blobs/SHA256; one already there is not sent again), large ones
 * as multipart uploads. The remote state lives in the job's `remote_jobs`
 * row: the datasets to send with the URI of each one sent, and the open
 * multipart upload with its confirmed parts (PrlS3UploadStateStore). A
 * cancel by the user aborts the open upload, so no parts are left on the
 * server; quitting (prl_remote_job_suspend()) or a kill keeps it, and the
 * next start resumes it, sending only the parts the server lacks.
 */

struct _PrlUploadJob
{
  PrlRemoteJob parent_instance;

  PrlRemoteJobTarget     target;
  gsize                  part_size;
  GMutex                 lock;
  JsonObject            *state; /* guarded by lock while running, via the state store */
  PrlS3UploadStateStore *sink;
};

G_DEFINE_FINAL_TYPE (PrlUploadJob, prl_upload_job, PRL_TYPE_REMOTE_JOB)

typedef struct
{
  const PrlDatasetUpload *up;
  const char             *name;
  guint                   index;
  guint                   n_datasets;
  guint64                 base;  /* bytes of the datasets before this one */
  guint64                 total; /* bytes of all datasets */
} Progress;

static void
report (const PrlDatasetUpload *up, const Progress *p, guint64 done)
{
  g_autofree char *status = NULL;
  double fraction = p->total > 0 ? (double)(p->base + done) / (double)p->total : 0.0;

  status = g_strdup_printf (_ ("Uploading “%s” (%u of %u)"), p->name, p->index + 1,
                            p->n_datasets);
  prl_job_report_progress (up->job, CLAMP (fraction, 0.0, 1.0), status);
}

static void
progress_cb (guint64 done, guint64 total, gpointer user_data)
{
  Progress *p = user_data;

  report (p->up, p, done);
}

/**
 * prl_cloud_account_signer_sync:
 * @account: (out): the account, a new reference
 *
 * Finds the account @name and signs for @service with its keys from the
 * keyring; @purpose picks what the message of a missing account says
 * to do. Blocks: for job threads.
 */
PrlAwsSigner *
prl_cloud_account_signer_sync (const char       *name,
                               PrlCloudPurpose   purpose,
                               const char       *service,
                               guint             flags,
                               PrlCloudAccount **account,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (PrlCloudCredentials) credentials = NULL;
  PrlCloudAccount *found;

  if (!prl_cloud_accounts_load (accounts, error))
    return NULL;
  if (!(found = prl_cloud_accounts_lookup (accounts, name)))
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND,
                   purpose == PRL_CLOUD_FOR_UPLOAD
                       ? _ ("There is no cloud account named “%s”. Add it in Preferences "
                            "or with “parlance-cli accounts add”, then upload again.")
                       : _ ("There is no cloud account named “%s”. Add it in Preferences "
                            "or with “parlance-cli accounts add”, then train again."),
                   name);
      return NULL;
    }
  if (!(credentials = prl_cloud_accounts_lookup_credentials_sync (accounts, name,
                                                                  cancellable, error)))
    return NULL;
  *account = g_object_ref (found);
  return prl_aws_signer_new (credentials->access_key_id, credentials->secret_access_key,
                             credentials->session_token,
                             prl_cloud_account_get_region (found), service, flags);
}

static PrlS3Client *
open_bucket (const PrlDatasetUpload *up,
             char                  **prefix,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autoptr (PrlCloudAccount) account = NULL;
  g_autoptr (PrlHttpClient) http = NULL;
  g_autoptr (PrlAwsSigner) signer = NULL;
  g_autoptr (PrlS3Client) client = NULL;
  const char *endpoint;

  if (!(signer
        = prl_cloud_account_signer_sync (up->account, PRL_CLOUD_FOR_UPLOAD, "s3",
                                         PRL_SIGV4_S3, &account, cancellable, error)))
    return NULL;
  endpoint = prl_cloud_account_get_endpoint (account);
  http = prl_http_client_new ();
  client = prl_s3_client_new (http, signer, endpoint[0] != '\0' ? endpoint : NULL,
                              prl_cloud_account_get_bucket (account), error);
  if (client == NULL || !prl_s3_client_check_bucket (client, cancellable, error))
    return NULL;
  *prefix = g_strdup (prl_cloud_account_get_prefix (account));
  return g_steal_pointer (&client);
}

/* The first time: which datasets to send, fixed for the job's life. */
static gboolean
plan (const PrlDatasetUpload *up, PrlS3Client *client, const char *prefix, GError **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  JsonObject *state;
  JsonArray  *list;

  if (!(datasets = prl_store_list_datasets_sync (up->store, up->model_id, error)))
    return FALSE;
  list = json_array_new ();
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (datasets, i);
      JsonObject *entry;

      if (up->types != 0 && !(up->types & (1u << prl_dataset_get_dataset_type (dataset))))
        continue;
      entry = json_object_new ();

      json_object_set_int_member (entry, "id", prl_dataset_get_id (dataset));
      json_object_set_string_member (entry, "name", prl_dataset_get_name (dataset));
      json_object_set_string_member (entry, "sha256", prl_dataset_get_sha256 (dataset));
      json_object_set_int_member (entry, "size", (gint64)prl_dataset_get_size (dataset));
      json_array_add_object_element (list, entry);
    }
  if (json_array_get_length (list) == 0)
    {
      json_array_unref (list);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("The model “%s” has no datasets to upload. Add some first."),
                   up->model_name);
      return FALSE;
    }

  state = prl_s3_upload_state_store_lock (up->sink);
  json_object_set_string_member (state, "bucket", prl_s3_client_get_bucket (client));
  json_object_set_string_member (state, "prefix", prefix);
  json_object_set_array_member (state, "datasets", list);
  prl_s3_upload_state_store_unlock (up->sink);
  return TRUE;
}

static PrlDataset *
find_dataset (GPtrArray *datasets, gint64 id, const char *sha256)
{
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (datasets, i);

      if (prl_dataset_get_id (dataset) == id
          && g_strcmp0 (prl_dataset_get_sha256 (dataset), sha256) == 0)
        return dataset;
    }
  return NULL;
}

/**
 * _prl_cloud_plain_copy:
 * @prefix: starts the copy's name, which ends with the dataset's SHA-256
 * @key: (inout): the workspace's key, looked up once for many datasets
 *
 * @dataset's stored file as a plain file in the process's scratch folder
 * (the blob may be encrypted; reading it checks its SHA-256).
 *
 * Returns: the copy's path, or %NULL with @error set
 */
char *
_prl_cloud_plain_copy (PrlStore     *store,
                       PrlDataset   *dataset,
                       const char   *prefix,
                       GBytes      **key,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GFileOutputStream) output = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (!(scratch = prl_store_get_scratch_dir (store, error))
      || !(input = prl_store_open_dataset (store, dataset, key, cancellable, error)))
    return NULL;
  name = g_strconcat (prefix, prl_dataset_get_sha256 (dataset), NULL);
  path = g_build_filename (scratch, name, NULL);
  file = g_file_new_for_path (path);
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (output == NULL
      || g_output_stream_splice (G_OUTPUT_STREAM (output), input,
                                 G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                     | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                 cancellable, error)
             < 0)
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* The file to send: the blob itself, or a decrypted copy in the process's
 * scratch folder (*@copy set) for an encrypted workspace. */
static char *
blob_file (const PrlDatasetUpload *up,
           PrlDataset             *dataset,
           GBytes                **key,
           gboolean               *copy,
           GCancellable           *cancellable,
           GError                **error)
{
  *copy = prl_dataset_get_encrypted (dataset);
  if (!*copy)
    return prl_blob_store_get_path (prl_store_get_blob_store (up->store),
                                    prl_dataset_get_sha256 (dataset), FALSE);
  return _prl_cloud_plain_copy (up->store, dataset, "upload-", key, cancellable, error);
}

/* Sends one dataset: continues its open multipart upload if the state
 * holds one, else uploads it as a blob. Returns the object's key. */
static char *
send_dataset (const PrlDatasetUpload *up,
              PrlS3Client            *client,
              const char             *prefix,
              const char             *path,
              const char             *sha256,
              Progress               *progress,
              GCancellable           *cancellable,
              GError                **error)
{
  PrlS3UploadOptions options = {
    .part_size = up->part_size,
    .flags = PRL_S3_UPLOAD_KEEP_ON_CANCEL,
    .state = PRL_S3_UPLOAD_STATE (up->sink),
    .progress = progress_cb,
    .progress_data = progress,
  };
  g_autofree char *key = NULL;
  g_autofree char *upload_id = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize part_size = 0;

  if (prl_s3_upload_state_store_get_upload (up->sink, &key, &upload_id, &part_size))
    {
      if (g_str_has_suffix (key, sha256))
        {
          options.part_size = part_size;
          if (prl_s3_client_resume_upload (client, key, path, upload_id, &options,
                                           cancellable, &local_error))
            return g_steal_pointer (&key);
          if (!g_error_matches (local_error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_UPLOAD))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* Gone from the server (expired, aborted elsewhere): start over. */
          g_clear_error (&local_error);
          options.part_size = up->part_size;
        }
      prl_s3_upload_state_forget (PRL_S3_UPLOAD_STATE (up->sink));
    }

  return prl_s3_client_upload_blob (client, prefix, path, &options, NULL, cancellable,
                                    error);
}

gboolean
prl_dataset_upload_run (const PrlDatasetUpload *up,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr (PrlS3Client) client = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GBytes) blob_key = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *bucket = NULL;
  JsonObject      *state;
  JsonArray       *list;
  Progress         progress = { up };
  gboolean         planned;

  prl_job_report_progress (up->job, 0.0, _ ("Connecting to the bucket"));
  if (!(client = open_bucket (up, &prefix, cancellable, error)))
    return FALSE;

  state = prl_s3_upload_state_store_lock (up->sink);
  planned = json_object_has_member (state, "datasets");
  json_object_set_string_member (state, "stage", "uploading");
  json_object_set_int_member (state, "parts_sent", 0);
  prl_s3_upload_state_store_unlock (up->sink);
  if (!planned && !plan (up, client, prefix, error))
    return FALSE;
  if (!prl_s3_upload_state_store_save (up->sink, error))
    return FALSE;
  if (!(datasets = prl_store_list_datasets_sync (up->store, up->model_id, error)))
    return FALSE;

  state = prl_s3_upload_state_store_lock (up->sink);
  list = json_object_get_array_member (state, "datasets");
  progress.n_datasets = json_array_get_length (list);
  for (guint i = 0; i < progress.n_datasets; i++)
    progress.total += json_object_get_int_member_with_default (
        json_array_get_object_element (list, i), "size", 0);
  /* A resumed job's state names the bucket the upload began in. */
  bucket = g_strdup (json_object_get_string_member_with_default (
      state, "bucket", prl_s3_client_get_bucket (client)));
  prl_s3_upload_state_store_unlock (up->sink);

  for (guint i = 0; i < progress.n_datasets; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      g_autofree char *uri = NULL;
      JsonObject      *entry;
      PrlDataset      *dataset;
      gboolean         done, copy = FALSE;
      gint64           id, size;

      state = prl_s3_upload_state_store_lock (up->sink);
      entry = json_array_get_object_element (
          json_object_get_array_member (state, "datasets"), i);
      done = json_object_has_member (entry, "uri");
      name = g_strdup (json_object_get_string_member_with_default (entry, "name", ""));
      sha256
          = g_strdup (json_object_get_string_member_with_default (entry, "sha256", ""));
      id = json_object_get_int_member_with_default (entry, "id", 0);
      size = json_object_get_int_member_with_default (entry, "size", 0);
      prl_s3_upload_state_store_unlock (up->sink);

      progress.name = name;
      progress.index = i;
      if (!done)
        {
          if (!(dataset = find_dataset (datasets, id, sha256)))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("The dataset “%s” was deleted from the model “%s” during "
                              "the upload. Upload the model’s datasets again."),
                           name, up->model_name);
              return FALSE;
            }
          report (up, &progress, 0);
          path = blob_file (up, dataset, &blob_key, &copy, cancellable, error);
          if (path != NULL)
            key = send_dataset (up, client, prefix, path, sha256, &progress, cancellable,
                                error);
          if (copy && path != NULL)
            g_unlink (path);
          if (key == NULL || prl_s3_upload_state_store_propagate_error (up->sink, error))
            return FALSE;
          /* The key is the hash of what was read: another one means the
           * stored copy changed. */
          if (!g_str_has_suffix (key, sha256))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The stored copy of the dataset “%s” is damaged: its "
                              "contents no longer match its SHA-256. Delete the dataset "
                              "and add the file again."),
                           name);
              return FALSE;
            }

          uri = g_strdup_printf ("s3://%s/%s", bucket, key);
          state = prl_s3_upload_state_store_lock (up->sink);
          json_object_set_string_member (entry, "key", key);
          json_object_set_string_member (entry, "uri", uri);
          prl_s3_upload_state_store_unlock (up->sink);
        }
      progress.base += (guint64)size;

      state = prl_s3_upload_state_store_lock (up->sink);
      json_object_set_double_member (
          state, "progress",
          progress.total > 0 ? (double)progress.base / (double)progress.total : 1.0);
      prl_s3_upload_state_store_unlock (up->sink);
      if (!prl_s3_upload_state_store_save (up->sink, error))
        return FALSE;
    }

  state = prl_s3_upload_state_store_lock (up->sink);
  json_object_set_string_member (state, "stage", "done");
  json_object_set_double_member (state, "progress", 1.0);
  prl_s3_upload_state_store_unlock (up->sink);
  prl_job_report_progress (up->job, 1.0, _ ("Uploaded"));
  return TRUE;
}

/* After a user's cancel: the open multipart upload goes, with its parts. */
void
prl_dataset_upload_abort (const PrlDatasetUpload *up)
{
  g_autofree char *key = NULL;
  g_autofree char *upload_id = NULL;
  g_autoptr (PrlS3Client) client = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GError) error = NULL;
  gsize part_size;

  if (!prl_s3_upload_state_store_get_upload (up->sink, &key, &upload_id, &part_size))
    return;
  if (!(client = open_bucket (up, &prefix, NULL, &error))
      || !prl_s3_client_abort_upload (client, key, upload_id, NULL, &error))
    {
      g_warning ("Could not abort the upload of %s: %s", key, error->message);
      return;
    }
  prl_s3_upload_state_forget (PRL_S3_UPLOAD_STATE (up->sink));
}

static gboolean
prl_upload_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlUploadJob *self = PRL_UPLOAD_JOB (job);
  PrlRemoteJob *remote = PRL_REMOTE_JOB (job);
  gint64        id = prl_remote_job_get_id (remote);
  g_autoptr (GError) local_error = NULL;
  g_autofree char   *text = NULL;
  PrlRemoteJobStatus status;
  gboolean           ok;

  if (id == 0)
    {
      json_object_set_string_member (self->state, "stage", "starting");
      if (!(id = prl_remote_job_ensure_row (remote, PRL_UPLOAD_JOB_KIND, &self->target,
                                            self->state, error)))
        return FALSE;
    }

  g_mutex_lock (&self->lock);
  self->sink = prl_s3_upload_state_store_new (self->target.store, id, self->state);
  g_mutex_unlock (&self->lock);

  {
    PrlDatasetUpload up = {
      .job = job,
      .store = self->target.store,
      .model_id = self->target.model_id,
      .model_name = self->target.model_name,
      .account = self->target.account,
      .part_size = self->part_size,
      .sink = self->sink,
    };

    ok = prl_dataset_upload_run (&up, cancellable, &local_error);
    if (!ok && !prl_remote_job_is_suspended (remote))
      prl_dataset_upload_abort (&up);
  }

  if (!ok && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && prl_remote_job_is_suspended (remote))
    {
      /* Quitting: everything stays for the next start, which may be of
       * another process. */
      prl_remote_job_release_row (remote, self->target.store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  text = prl_s3_upload_state_store_to_json (self->sink);
  status = ok ? PRL_REMOTE_JOB_DONE
           : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               ? PRL_REMOTE_JOB_CANCELLED
               : PRL_REMOTE_JOB_FAILED;
  return prl_remote_job_finish_row (remote, self->target.store, status, text,
                                    ok ? NULL : g_steal_pointer (&local_error), error);
}

static void
prl_upload_job_finalize (GObject *object)
{
  PrlUploadJob *self = PRL_UPLOAD_JOB (object);

  prl_remote_job_target_clear (&self->target);
  g_clear_object (&self->sink);
  g_clear_pointer (&self->state, json_object_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (prl_upload_job_parent_class)->finalize (object);
}

static void
prl_upload_job_class_init (PrlUploadJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_upload_job_finalize;
  PRL_JOB_CLASS (klass)->run = prl_upload_job_run;
}

static void
prl_upload_job_init (PrlUploadJob *self)
{
  g_mutex_init (&self->lock);
}

static PrlUploadJob *
create (PrlWorkspace *workspace, PrlModel *model, const char *account, JsonObject *state)
{
  PrlUploadJob    *self = g_object_new (PRL_TYPE_UPLOAD_JOB, NULL);
  g_autofree char *title = NULL;

  prl_remote_job_target_init (&self->target, workspace, model, account);
  self->state = state;
  title = g_strdup_printf (_ ("Uploading the datasets of “%s”"), self->target.model_name);
  prl_job_set_title (PRL_JOB (self), title);
  return self;
}

/**
 * prl_upload_job_new:
 * @account: the name of the cloud account whose bucket receives them
 *
 * Returns: (transfer full): a job that uploads @model's datasets; run it
 *   on the workspace's job manager
 */
PrlUploadJob *
prl_upload_job_new (PrlWorkspace *workspace, PrlModel *model, const char *account)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  return create (workspace, model, account, json_object_new ());
}

void
prl_upload_job_set_part_size (PrlUploadJob *self, gsize part_size)
{
  g_return_if_fail (PRL_IS_UPLOAD_JOB (self));
  self->part_size = part_size;
}

JsonObject *
prl_upload_job_dup_state (PrlUploadJob *self)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) copy = NULL;
  JsonObject *state;

  g_return_val_if_fail (PRL_IS_UPLOAD_JOB (self), NULL);

  g_mutex_lock (&self->lock);
  state = self->sink != NULL ? prl_s3_upload_state_store_lock (self->sink) : self->state;
  json_node_set_object (node, state);
  copy = json_node_copy (node);
  if (self->sink != NULL)
    prl_s3_upload_state_store_unlock (self->sink);
  g_mutex_unlock (&self->lock);
  return json_object_ref (json_node_get_object (copy));
}

static PrlJob *
resume (PrlWorkspace *workspace, const PrlRemoteJobRecord *record, GError **error)
{
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (PrlModel) model = NULL;
  PrlUploadJob *job;

  if (!(model = prl_remote_job_record_open (
            workspace, record,
            _ ("Its saved state is damaged. Upload the datasets again."), &state, error)))
    return NULL;
  job = create (workspace, model, record->account, g_steal_pointer (&state));
  prl_remote_job_set_id (PRL_REMOTE_JOB (job), record->id);
  return PRL_JOB (job);
}

void
prl_upload_job_register (void)
{
  prl_remote_job_register_kind (PRL_UPLOAD_JOB_KIND, resume);
}
