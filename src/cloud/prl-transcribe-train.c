/* prl-transcribe-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-remote-train-private.h"
#include "prl-store-versions.h"
#include "prl-training-budget.h"
#include "prl-transcribe-train-private.h"
#include "prl-upload-job.h"

#include "prl-transcribe-train.h"

/* Training a custom language model on Amazon Transcribe, as a remote job
 * that outlives the process: its `remote_jobs` row holds the upload's
 * state (prl-upload-job.c, shared) and the training's "phase":
 *
 *   upload → create → poll → done
 *
 * "create_sent" is saved before CreateLanguageModel goes out, so a resume
 * after a kill asks DescribeLanguageModel first and never creates twice;
 * a ConflictException on the job's own name (same training data) counts
 * as created. DescribeLanguageModel is polled with back-off, seconds at
 * first and minutes later. The model's badge follows the store's status:
 * Running from the start, Success with a version row that names the
 * remote model on COMPLETED, Failed with the service's FailureReason on
 * FAILED. Transcribe cannot stop a training, so a cancel after the create
 * detaches: the row stays running and the next resume polls again.
 * Instead of a cancel, the user may ask to delete the model when the
 * training finishes (prl_remote_job_delete_when_done(), saved in the state
 * as "delete_when_done"): the job polls on, calls DeleteLanguageModel at
 * the end (phase "deleted") and ends cancelled, with no version.
 */

struct _PrlTranscribeTrainJob
{
  PrlRemoteJob parent_instance;

  PrlRemoteJobTarget target;
  JsonObject        *state;
};

G_DEFINE_FINAL_TYPE (PrlTranscribeTrainJob, prl_transcribe_train_job, PRL_TYPE_REMOTE_JOB)

#define TYPE_BIT(type) (1u << (type))

/* The uploaded text's URIs: Transcribe reads one object (or a prefix) for
 * each role, and the blobs share one prefix, so one file of each. */
static gboolean
pick_uris (PrlTranscribeTrainJob *self, PrlS3UploadStateStore *sink, GError **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  g_autofree char *training = NULL;
  g_autofree char *tuning = NULL;
  JsonObject      *state;
  JsonArray       *list;
  guint            n_training = 0, n_tuning = 0;

  if (!(datasets = prl_store_list_datasets_sync (self->target.store,
                                                 self->target.model_id, error)))
    return FALSE;
  state = prl_s3_upload_state_store_lock (sink);
  list = json_object_get_array_member (state, "datasets");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      gint64      id = json_object_get_int_member_with_default (entry, "id", 0);
      const char *uri = json_object_get_string_member_with_default (entry, "uri", NULL);

      for (guint j = 0; j < datasets->len; j++)
        {
          PrlDataset *dataset = g_ptr_array_index (datasets, j);

          if (prl_dataset_get_id (dataset) != id)
            continue;
          if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TUNING)
            {
              n_tuning++;
              g_free (tuning);
              tuning = g_strdup (uri);
            }
          else
            {
              n_training++;
              g_free (training);
              training = g_strdup (uri);
            }
        }
    }
  if (n_training == 1)
    json_object_set_string_member (state, "training_uri", training);
  if (n_tuning == 1)
    json_object_set_string_member (state, "tuning_uri", tuning);
  prl_s3_upload_state_store_unlock (sink);

  if (n_training != 1 || n_tuning > 1)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                   _ ("Amazon Transcribe trains “%s” on one training text file and at "
                      "most one tuning text file, and the model has %u and %u. Join the "
                      "texts into one file of each, then train again."),
                   self->target.model_name, n_training, n_tuning);
      return FALSE;
    }
  return prl_s3_upload_state_store_save (sink, error);
}

static gboolean
save_version (PrlTranscribeTrainJob *self,
              PrlS3UploadStateStore *sink,
              const char            *base_model,
              GError               **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GPtrArray) used = g_ptr_array_new ();
  g_autoptr (GPtrArray) hashes = g_ptr_array_new ();
  g_autoptr (GDateTime) created = g_date_time_new_now_utc ();
  g_autoptr (PrlVersion) version = NULL;
  g_autoptr (PrlModel) saved = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *name = NULL;
  PrlVersionInfo   info = { 0 };
  JsonObject      *state;
  JsonArray       *list;

  if (!(datasets = prl_store_list_datasets_sync (self->target.store,
                                                 self->target.model_id, error)))
    return FALSE;
  state = prl_s3_upload_state_store_lock (sink);
  list = json_object_get_array_member (state, "datasets");
  for (guint i = 0; i < datasets->len; i++)
    for (guint j = 0; j < json_array_get_length (list); j++)
      if (json_object_get_int_member_with_default (
              json_array_get_object_element (list, j), "id", 0)
          == prl_dataset_get_id (g_ptr_array_index (datasets, i)))
        {
          g_ptr_array_add (used, g_ptr_array_index (datasets, i));
          g_ptr_array_add (
              hashes, (gpointer)prl_dataset_get_sha256 (g_ptr_array_index (datasets, i)));
        }
  prl_s3_upload_state_store_unlock (sink);
  g_ptr_array_add (hashes, NULL);

  /* The version is the remote model: its name is Transcribe's ModelName. */
  _prl_remote_train_state_string (sink, "remote_name", &name);
  info.model_id = self->target.model_id;
  info.name = name;
  info.created = created;
  info.directory = "";
  info.base_model_id = base_model != NULL ? base_model : "";
  info.custom_perplexity = info.stock_perplexity = info.mixture_perplexity = -1;
  info.dataset_hashes = (const char *const *)hashes->pdata;
  info.remote_status = PRL_REMOTE_STATUS_COMPLETED;
  fingerprint = prl_store_fingerprint_datasets (used);
  version = prl_store_add_version_sync (self->target.store, &info, fingerprint, NULL,
                                        &saved, error);
  return version != NULL;
}

static gboolean
train (PrlTranscribeTrainJob *self,
       PrlS3UploadStateStore *sink,
       GCancellable          *cancellable,
       GError               **error)
{
  g_autoptr (PrlTranscribeClient) client = NULL;
  g_autofree char      *base_model = NULL;
  g_autofree char      *phase = NULL;
  PrlTranscribeTrainCtx ctx = {
    .job = PRL_JOB (self),
    .model_name = self->target.model_name,
    .account = self->target.account,
    .sink = sink,
  };
  PrlDatasetUpload up = {
    .job = PRL_JOB (self),
    .store = self->target.store,
    .model_id = self->target.model_id,
    .model_name = self->target.model_name,
    .account = self->target.account,
    .sink = sink,
    .types = TYPE_BIT (PRL_DATASET_TYPE_TRANSCRIPT) | TYPE_BIT (PRL_DATASET_TYPE_TUNING),
  };

  if (g_strcmp0 (_prl_remote_train_state_string (sink, "phase", &phase), "upload") == 0)
    {
      if (!prl_dataset_upload_run (&up, cancellable, error))
        {
          if (!prl_remote_job_is_suspended (PRL_REMOTE_JOB (self)))
            prl_dataset_upload_abort (&up);
          return FALSE;
        }
      if (!pick_uris (self, sink, error)
          || !_prl_remote_train_set_state (sink, "phase", "create", error))
        return FALSE;
    }

  client = _prl_transcribe_train_open_client (self->target.account, cancellable, error);
  if (client == NULL)
    return FALSE;
  g_clear_pointer (&phase, g_free);
  if (g_strcmp0 (_prl_remote_train_state_string (sink, "phase", &phase), "create") == 0
      && !_prl_transcribe_train_create (&ctx, client, cancellable, error))
    return FALSE;
  /* Amazon trains now: nothing is left here but waiting. */
  prl_remote_job_work_is_remote (PRL_REMOTE_JOB (self));
  if (!_prl_transcribe_train_poll (&ctx, client, &base_model, cancellable, error)
      || !save_version (self, sink, base_model, error))
    return FALSE;
  prl_job_report_progress (PRL_JOB (self), 1.0, _ ("Trained"));
  return _prl_remote_train_set_state (sink, "phase", "done", error);
}

static gboolean
create_was_sent (PrlS3UploadStateStore *sink)
{
  JsonObject *state = prl_s3_upload_state_store_lock (sink);
  gboolean    sent
      = json_object_get_boolean_member_with_default (state, "create_sent", FALSE);

  prl_s3_upload_state_store_unlock (sink);
  return sent;
}

static gboolean
prl_transcribe_train_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlTranscribeTrainJob *self = PRL_TRANSCRIBE_TRAIN_JOB (job);
  PrlRemoteJob          *remote = PRL_REMOTE_JOB (job);
  g_auto (PrlRemoteTrainRun) run = { 0 };

  if (!_prl_remote_train_begin (remote, PRL_TRANSCRIBE_TRAIN_KIND, &self->target,
                                self->state, &run, error))
    return FALSE;
  if (!run.over_budget)
    train (self, run.sink, cancellable, &run.failure);
  _prl_remote_train_ran (&run);

  /* Quitting, or a cancel once Amazon may train (the create went out):
   * Transcribe cannot stop a training, so the row stays running for the
   * next resume to poll. */
  if (run.cancelled && g_strcmp0 (run.phase, "deleted") != 0
      && (prl_remote_job_is_suspended (remote) || g_strcmp0 (run.phase, "poll") == 0
          || create_was_sent (run.sink)))
    {
      prl_remote_job_release_row (remote, self->target.store);
      if (!prl_remote_job_is_suspended (remote))
        {
          g_clear_error (&run.failure);
          g_set_error (
              &run.failure, G_IO_ERROR, G_IO_ERROR_CANCELLED,
              _ ("Amazon Transcribe cannot stop a training once it started: it "
                 "goes on on Amazon’s side. Parlance stopped waiting and picks up "
                 "its result when cloud jobs resume (at the app’s start, or with "
                 "“parlance-cli train %s --wait”)."),
              self->target.model_name);
        }
      g_propagate_error (error, g_steal_pointer (&run.failure));
      return FALSE;
    }

  return _prl_remote_train_finish (remote, &self->target, &run, error);
}

static void
prl_transcribe_train_job_finalize (GObject *object)
{
  PrlTranscribeTrainJob *self = PRL_TRANSCRIBE_TRAIN_JOB (object);

  prl_remote_job_target_clear (&self->target);
  g_clear_pointer (&self->state, json_object_unref);
  G_OBJECT_CLASS (prl_transcribe_train_job_parent_class)->finalize (object);
}

static void
prl_transcribe_train_job_class_init (PrlTranscribeTrainJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_transcribe_train_job_finalize;
  PRL_JOB_CLASS (klass)->run = prl_transcribe_train_job_run;
}

static void
prl_transcribe_train_job_init (PrlTranscribeTrainJob *self)
{
}

static PrlTranscribeTrainJob *
create (PrlWorkspace *workspace, PrlModel *model, const char *account, JsonObject *state)
{
  PrlTranscribeTrainJob *self = g_object_new (PRL_TYPE_TRANSCRIBE_TRAIN_JOB, NULL);
  g_autofree char       *title = NULL;

  prl_remote_job_target_init (&self->target, workspace, model, account);
  self->state = state;
  title = g_strdup_printf (_ ("Training “%s” on Amazon Transcribe"),
                           self->target.model_name);
  prl_job_set_title (PRL_JOB (self), title);
  return self;
}

/* An upgrade's training (prl-transcribe-account.c): @state starts at a
 * later phase than a new training's. */
PrlJob *
_prl_transcribe_train_job_new (PrlWorkspace *workspace,
                               PrlModel     *model,
                               const char   *account,
                               JsonObject   *state)
{
  return PRL_JOB (create (workspace, model, account, state));
}

/* Checks the text against Transcribe's limits before anything is sent. */
static gboolean
check_sizes (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  guint64 training = 0, tuning = 0;

  if (!(datasets = prl_store_list_datasets_sync (prl_workspace_get_store (workspace),
                                                 prl_model_get_id (model), error)))
    return FALSE;
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (datasets, i);

      if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TRANSCRIPT)
        training += prl_dataset_get_size (dataset);
      else if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TUNING)
        tuning += prl_dataset_get_size (dataset);
    }
  if (training == 0)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA,
                   _ ("“%s” has no training text. Add a text dataset, then train."),
                   prl_model_get_name (model));
      return FALSE;
    }
  if (training > PRL_TRANSCRIBE_TRAINING_MAX || tuning > PRL_TRANSCRIBE_TUNING_MAX)
    {
      g_autofree char *have
          = g_format_size (training > PRL_TRANSCRIBE_TRAINING_MAX ? training : tuning);

      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                   training > PRL_TRANSCRIBE_TRAINING_MAX
                       ? _ ("The training text of “%s” is %s; Amazon Transcribe accepts "
                            "at most 2 GB. Remove some of it, then train again.")
                       : _ ("The tuning text of “%s” is %s; Amazon Transcribe accepts at "
                            "most 200 MB. Remove some of it, then train again."),
                   prl_model_get_name (model), have);
      return FALSE;
    }
  return TRUE;
}

/**
 * prl_transcribe_train_start:
 *
 * Returns: (transfer full) (nullable): a training job, to run on the
 *   workspace's job manager
 */
PrlJob *
prl_transcribe_train_start (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (JsonObject) state = json_object_new ();
  g_autofree char   *role = NULL;
  g_autofree char   *stamp = NULL;
  g_autofree char   *name = NULL;
  const char        *account = prl_model_get_account (model);
  const char *const *tags = prl_model_get_tags (model);
  JsonArray         *tag_list = json_array_new ();

  if (account == NULL)
    {
      json_array_unref (tag_list);
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
                   _ ("“%s” names no cloud account to train with. Create it with "
                      "“--account”."),
                   prl_model_get_name (model));
      return NULL;
    }
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  name = g_strdup_printf ("%s-%s", prl_model_get_name (model), stamp);
  if (!_prl_transcribe_train_check_name (name, error)
      || !(role = prl_transcribe_account_role_arn (account, error))
      || !check_sizes (workspace, model, error))
    {
      json_array_unref (tag_list);
      return NULL;
    }

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_array_add_string_element (tag_list, tags[i]);
  json_object_set_string_member (state, "phase", "upload");
  json_object_set_string_member (
      state, "previous_status",
      prl_training_status_to_nick (prl_model_get_status (model)));
  json_object_set_string_member (state, "remote_name", name);
  json_object_set_string_member (state, "language", prl_model_get_language (model));
  json_object_set_string_member (
      state, "base_model", prl_base_model_to_string (prl_model_get_base_model (model)));
  json_object_set_string_member (state, "role_arn", role);
  json_object_set_array_member (state, "tags", tag_list);
  return PRL_JOB (create (workspace, model, account, g_steal_pointer (&state)));
}

static PrlJob *
resume (PrlWorkspace *workspace, const PrlRemoteJobRecord *record, GError **error)
{
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (PrlModel) model = NULL;
  PrlTranscribeTrainJob *job;

  if (!(model = prl_remote_job_record_open (
            workspace, record, _ ("Its saved state is damaged. Train the model again."),
            &state, error)))
    return NULL;
  job = create (workspace, model, record->account, g_steal_pointer (&state));
  prl_remote_job_set_id (PRL_REMOTE_JOB (job), record->id);
  return PRL_JOB (job);
}

void
prl_transcribe_train_register (void)
{
  prl_remote_job_register_kind (PRL_TRANSCRIBE_TRAIN_KIND, resume);
  prl_remote_job_register_trainer (PRL_TRANSCRIBE_PROVIDER, PRL_TRANSCRIBE_TRAIN_KIND,
                                   prl_transcribe_train_start);
}
