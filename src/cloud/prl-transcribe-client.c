/* prl-transcribe-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Amazon Transcribe's custom language model and transcription job calls
 * (awsJson1_1: POST / with X-Amz-Target Transcribe.OPERATION and a JSON
 * body), signed with SigV4 by a PrlAwsSigner for the service "transcribe"
 * and sent through PrlHttpClient, which retries throttling and 5xx answers
 * with back-off. Each operation blocks its caller, a job's worker thread
 * (prl-transcribe-call.c); the lists follow NextToken to the last page.
 *
 * Results are plain boxed structures rather than the answer's JsonObject:
 * they are read once on the worker thread, can be handed to any thread
 * and stored, and a member missing or of the wrong type shows up here
 * rather than in the provider or a widget. */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include "prl-transcribe-private.h"

/* The entry points alike but for their names, written once (as in
 * prl-watson-client.c); each is documented where it is defined below. */

/* The calls whose only input is a model or job name; @run:
 * _prl_transcribe_run_pointer, or _run_boolean for those without a result. */
#define DEFINE_NAMED_CALL(type, run, op, operation, kind, subject)                       \
  type prl_transcribe_client_##op##_sync (PrlTranscribeClient *self, const char *name,   \
                                          GCancellable *cancellable, GError **error)     \
  {                                                                                      \
    return run (                                                                         \
        self,                                                                            \
        _prl_transcribe_checked_named_call (operation, kind, subject, name, error),      \
        cancellable, error);                                                             \
  }

/* The lists, every page: filtered by a status and a part of the name. */
#define DEFINE_LIST_CALL(op, operation, kind, status_member, contains_member)            \
  GPtrArray *prl_transcribe_client_##op##_sync (                                         \
      PrlTranscribeClient *self, PrlTranscribeStatus status, const char *name_contains,  \
      guint page_size, GCancellable *cancellable, GError **error)                        \
  {                                                                                      \
    return _prl_transcribe_run_pointer (                                                 \
        self,                                                                            \
        _prl_transcribe_list_call (operation, kind, status_member, status,               \
                                   contains_member, name_contains, page_size),           \
        cancellable, error);                                                             \
  }

G_DEFINE_FINAL_TYPE (PrlTranscribeClient, prl_transcribe_client, G_TYPE_OBJECT)

static void
prl_transcribe_client_finalize (GObject *object)
{
  PrlTranscribeClient *self = PRL_TRANSCRIBE_CLIENT (object);

  g_clear_object (&self->http);
  g_clear_object (&self->signer);
  g_free (self->endpoint);

  G_OBJECT_CLASS (prl_transcribe_client_parent_class)->finalize (object);
}

static void
prl_transcribe_client_class_init (PrlTranscribeClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_transcribe_client_finalize;
}

static void
prl_transcribe_client_init (PrlTranscribeClient *self)
{
}

/**
 * prl_transcribe_client_new:
 * @http: the client that sends the requests
 * @signer: a SigV4 signer for the service "transcribe" in the account's region
 * @endpoint: (nullable): https://transcribe.REGION.amazonaws.com when %NULL
 *   or empty; otherwise an http(s) URL (a stand-in, a VPC endpoint)
 *
 * Returns: (transfer full): the client, or %NULL when @endpoint is not a
 *   web address
 */
PrlTranscribeClient *
prl_transcribe_client_new (PrlHttpClient *http,
                           PrlAwsSigner  *signer,
                           const char    *endpoint,
                           GError       **error)
{
  g_autoptr (PrlTranscribeClient) self = NULL;
  g_autoptr (PrlHttpRequest) probe = NULL;

  g_return_val_if_fail (PRL_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (PRL_IS_AWS_SIGNER (signer), NULL);

  self = g_object_new (PRL_TYPE_TRANSCRIBE_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->signer = g_object_ref (signer);
  /* Every operation is POST to the service's root. */
  if (endpoint == NULL || *endpoint == '\0')
    self->endpoint = g_strdup_printf ("https://transcribe.%s.amazonaws.com/",
                                      prl_aws_signer_get_region (signer));
  else
    self->endpoint = g_str_has_suffix (endpoint, "/") ? g_strdup (endpoint)
                                                      : g_strconcat (endpoint, "/", NULL);
  /* The requests' own check of the address, once, here. */
  probe = prl_http_request_new ("POST", self->endpoint, error);
  return probe != NULL ? g_steal_pointer (&self) : NULL;
}

/**
 * prl_transcribe_client_new_for_account:
 * @signer: a SigV4 signer for "transcribe" with the account's keys
 *
 * The client of @account's Transcribe: Amazon's regional endpoint, or
 * the tests' stand-in (PARLANCE_TEST_TRANSCRIBE_ENDPOINT, tests only).
 *
 * Returns: (transfer full): the client, or %NULL with @error
 */
PrlTranscribeClient *
prl_transcribe_client_new_for_account (PrlHttpClient   *http,
                                       PrlAwsSigner    *signer,
                                       PrlCloudAccount *account,
                                       GError         **error)
{
  const char      *test = g_getenv ("PARLANCE_TEST_TRANSCRIBE_ENDPOINT");
  g_autofree char *endpoint = NULL;

  if (test != NULL && test[0] != '\0')
    endpoint = g_strdup (test);
  else
    endpoint = g_strdup_printf ("https://transcribe.%s.amazonaws.com",
                                prl_cloud_account_get_region (account));
  return prl_transcribe_client_new (http, signer, endpoint, error);
}

/**
 * prl_transcribe_client_get_endpoint:
 *
 * Returns: the URL every call is POSTed to, ending in “/”
 */
const char *
prl_transcribe_client_get_endpoint (PrlTranscribeClient *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self), NULL);

  return self->endpoint;
}

/**
 * prl_transcribe_client_create_language_model_sync:
 * @spec: the model; its name and role ARN are checked before sending
 *
 * CreateLanguageModel: the model starts training at once (status
 * IN_PROGRESS); poll it with prl_transcribe_client_describe_language_model_sync().
 *
 * Returns: (transfer full): the model as the service accepted it
 */
PrlTranscribeModel *
prl_transcribe_client_create_language_model_sync (PrlTranscribeClient          *self,
                                                  const PrlTranscribeModelSpec *spec,
                                                  GCancellable *cancellable,
                                                  GError      **error)
{
  PrlTranscribeCall *c;
  JsonObject        *config;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!prl_transcribe_check_name (spec->name, error)
      || !prl_transcribe_check_role_arn (spec->data_access_role_arn, error))
    return NULL;
  c = _prl_transcribe_named_call ("CreateLanguageModel",
                                  PRL_TRANSCRIBE_RESULT_CREATED_MODEL,
                                  PRL_TRANSCRIBE_SUBJECT_MODEL, "ModelName", spec->name);
  _prl_transcribe_set_optional (c->body, "LanguageCode", spec->language_code);
  _prl_transcribe_set_optional (c->body, "BaseModelName", spec->base_model);
  config = json_object_new ();
  _prl_transcribe_set_optional (config, "S3Uri", spec->s3_uri);
  _prl_transcribe_set_optional (config, "TuningDataS3Uri", spec->tuning_s3_uri);
  json_object_set_string_member (config, "DataAccessRoleArn", spec->data_access_role_arn);
  json_object_set_object_member (c->body, "InputDataConfig", config);
  if (spec->tags != NULL && spec->tags[0] != NULL)
    {
      JsonArray *tags = json_array_new ();

      for (guint i = 0; spec->tags[i] != NULL && spec->tags[i + 1] != NULL; i += 2)
        {
          JsonObject *tag_object = json_object_new ();

          json_object_set_string_member (tag_object, "Key", spec->tags[i]);
          json_object_set_string_member (tag_object, "Value", spec->tags[i + 1]);
          json_array_add_object_element (tags, tag_object);
        }
      json_object_set_array_member (c->body, "Tags", tags);
    }
  return _prl_transcribe_run_pointer (self, c, cancellable, error);
}

/**
 * prl_transcribe_client_describe_language_model_sync:
 * @name: the model; refused with INVALID_NAME before sending when the
 *   service would refuse it
 *
 * DescribeLanguageModel: how the model's training stands. Poll it (with
 * back-off) until the status is COMPLETED or FAILED.
 *
 * Returns: (transfer full): the model; its failure_reason is the
 *   service's own words
 */
DEFINE_NAMED_CALL (PrlTranscribeModel *,
                   _prl_transcribe_run_pointer,
                   describe_language_model,
                   "DescribeLanguageModel",
                   PRL_TRANSCRIBE_RESULT_MODEL,
                   PRL_TRANSCRIBE_SUBJECT_MODEL)

/**
 * prl_transcribe_client_list_language_models_sync:
 * @status: only models in this status; UNKNOWN for all
 * @name_contains: (nullable): only models whose name holds this (any case)
 * @page_size: models per request, at most 100; 0 for the service's 5
 *
 * ListLanguageModels, every page: the call asks again with each NextToken
 * until the service gives none.
 *
 * Returns: (transfer container) (element-type PrlTranscribeModel): every
 *   model, newest first as the service lists them
 */
DEFINE_LIST_CALL (list_language_models,
                  "ListLanguageModels",
                  PRL_TRANSCRIBE_RESULT_MODELS,
                  "StatusEquals",
                  "NameContains")

/**
 * prl_transcribe_client_delete_language_model_sync:
 *
 * DeleteLanguageModel; the service refuses (BAD_REQUEST) while the model
 * trains.
 *
 * Returns: %TRUE when the model is deleted
 */
DEFINE_NAMED_CALL (gboolean,
                   _prl_transcribe_run_boolean,
                   delete_language_model,
                   "DeleteLanguageModel",
                   PRL_TRANSCRIBE_RESULT_NONE,
                   PRL_TRANSCRIBE_SUBJECT_MODEL)

/**
 * prl_transcribe_client_start_transcription_job_sync:
 * @spec: the job; a custom model goes into ModelSettings.LanguageModelName
 *
 * Returns: (transfer full): the job, usually QUEUED
 */
PrlTranscribeJobInfo *
prl_transcribe_client_start_transcription_job_sync (PrlTranscribeClient        *self,
                                                    const PrlTranscribeJobSpec *spec,
                                                    GCancellable *cancellable,
                                                    GError      **error)
{
  PrlTranscribeCall *c;
  JsonObject        *media;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!prl_transcribe_check_name (spec->name, error)
      || (spec->model_name != NULL
          && !prl_transcribe_check_name (spec->model_name, error)))
    return NULL;
  c = _prl_transcribe_named_call ("StartTranscriptionJob", PRL_TRANSCRIBE_RESULT_JOB,
                                  PRL_TRANSCRIBE_SUBJECT_JOB, "TranscriptionJobName",
                                  spec->name);
  _prl_transcribe_set_optional (c->body, "LanguageCode", spec->language_code);
  if (spec->sample_rate > 0)
    json_object_set_int_member (c->body, "MediaSampleRateHertz", spec->sample_rate);
  _prl_transcribe_set_optional (c->body, "MediaFormat", spec->media_format);
  media = json_object_new ();
  _prl_transcribe_set_optional (media, "MediaFileUri", spec->media_uri);
  json_object_set_object_member (c->body, "Media", media);
  _prl_transcribe_set_optional (c->body, "OutputBucketName", spec->output_bucket);
  _prl_transcribe_set_optional (c->body, "OutputKey", spec->output_key);
  if (spec->model_name != NULL)
    {
      JsonObject *settings = json_object_new ();

      json_object_set_string_member (settings, "LanguageModelName", spec->model_name);
      json_object_set_object_member (c->body, "ModelSettings", settings);
    }
  return _prl_transcribe_run_pointer (self, c, cancellable, error);
}

/**
 * prl_transcribe_client_get_transcription_job_sync:
 * @name: the job
 *
 * GetTranscriptionJob: how the job stands; poll until COMPLETED or FAILED.
 *
 * Returns: (transfer full): the job; transcript_uri is set once COMPLETED
 */
DEFINE_NAMED_CALL (PrlTranscribeJobInfo *,
                   _prl_transcribe_run_pointer,
                   get_transcription_job,
                   "GetTranscriptionJob",
                   PRL_TRANSCRIBE_RESULT_JOB,
                   PRL_TRANSCRIBE_SUBJECT_JOB)

/**
 * prl_transcribe_client_list_transcription_jobs_sync:
 * @status: only jobs in this status; UNKNOWN for all
 * @name_contains: (nullable): only jobs whose name holds this (any case)
 * @page_size: jobs per request, at most 100; 0 for the service's default
 *
 * ListTranscriptionJobs, every page.
 *
 * Returns: (transfer container) (element-type PrlTranscribeJobInfo): every job
 *   summary
 */
DEFINE_LIST_CALL (list_transcription_jobs,
                  "ListTranscriptionJobs",
                  PRL_TRANSCRIBE_RESULT_JOBS,
                  "Status",
                  "JobNameContains")

/**
 * prl_transcribe_client_delete_transcription_job_sync:
 * @name: the job; the service refuses (BAD_REQUEST) while it runs
 *
 * DeleteTranscriptionJob.
 *
 * Returns: %TRUE when the job is deleted
 */
DEFINE_NAMED_CALL (gboolean,
                   _prl_transcribe_run_boolean,
                   delete_transcription_job,
                   "DeleteTranscriptionJob",
                   PRL_TRANSCRIBE_RESULT_NONE,
                   PRL_TRANSCRIBE_SUBJECT_JOB)
