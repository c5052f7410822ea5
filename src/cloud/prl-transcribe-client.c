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
 * with back-off. Each operation is an _async()/_finish() pair run on a
 * worker thread; the lists follow NextToken to the last page.
 *
 * Results are plain boxed structures rather than the answer's JsonObject:
 * they are read once on the worker thread, can be handed to any thread
 * and stored, and a member missing or of the wrong type shows up here
 * rather than in the provider or a widget. */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-s3-private.h"
#include "prl-sigv4.h"
#include "prl-transcribe-private.h"

#define CONTENT_TYPE "application/x-amz-json-1.1"
/* A listing that never ends is the server's fault; stop somewhere. */
#define MAX_PAGES 10000

struct _PrlTranscribeClient
{
  GObject parent_instance;

  PrlHttpClient *http;
  PrlAwsSigner  *signer;
  char          *endpoint;
};

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

static PrlHttpResponse *
send_once (PrlTranscribeClient *self,
           const char          *operation,
           JsonNode            *body,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autofree char *target = g_strconcat ("Transcribe.", operation, NULL);
  g_autoptr (PrlHttpRequest) request
      = prl_http_request_new ("POST", self->endpoint, error);

  if (request == NULL)
    return NULL;
  prl_http_request_set_header (request, "X-Amz-Target", target);
  prl_http_request_set_body_json (request, body, CONTENT_TYPE);
  prl_http_request_set_signer (request, PRL_HTTP_SIGNER (self->signer));
  return prl_http_client_send (self->http, request, cancellable, error);
}

/* Sends one call and returns the answer's JSON object. A clock more than
 * five minutes off is corrected from the answer's Date and the call sent
 * once more, as the signer does for S3's RequestTimeTooSkewed. */
static JsonNode *
call (PrlTranscribeClient *self,
      const char          *operation,
      JsonNode            *body,
      PrlTranscribeSubject subject,
      const char          *name,
      GCancellable        *cancellable,
      GError             **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) local_error = NULL;

  response = send_once (self, operation, body, cancellable, error);
  if (response != NULL && _prl_transcribe_is_clock_skew (response))
    {
      const char *date = prl_http_response_get_header (response, "Date");
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      gint64 offset = 0;

      if (date != NULL && prl_sigv4_clock_offset (date, now, &offset, NULL))
        {
          g_debug ("%s: clock offset is now %" G_GINT64_FORMAT " s", operation, offset);
          prl_aws_signer_set_clock_offset (self->signer, offset);
          g_clear_object (&response);
          response = send_once (self, operation, body, cancellable, error);
        }
    }
  if (response == NULL)
    return NULL;
  if (!prl_http_response_is_success (response) || _prl_s3_is_html (response))
    {
      _prl_transcribe_set_error (response, self->signer, subject, name, error);
      return NULL;
    }
  root = prl_http_response_get_json (response, &local_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                   _ ("The answer to %s is not the JSON Amazon Transcribe sends. Check "
                      "the endpoint and region in Preferences → Accounts."),
                   operation);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* The work of one _async() call, done on a worker thread. */
typedef enum
{
  RESULT_NONE,
  RESULT_CREATED_MODEL, /* the model's members at the top level */
  RESULT_MODEL,
  RESULT_MODELS,
  RESULT_JOB,
  RESULT_JOBS,
} ResultKind;

typedef struct
{
  const char          *operation;
  JsonObject          *body;
  ResultKind           kind;
  PrlTranscribeSubject subject;
  char                *name;
} Call;

static void
call_free (Call *c)
{
  g_clear_pointer (&c->body, json_object_unref);
  g_free (c->name);
  g_free (c);
}

static gpointer
read_one (JsonObject *object, ResultKind kind, GError **error)
{
  if (object == NULL)
    {
      g_set_error_literal (error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                           _ ("The answer lacks what Amazon Transcribe always sends. "
                              "Check the endpoint address in Preferences → Accounts."));
      return NULL;
    }
  if (kind == RESULT_JOB || kind == RESULT_JOBS)
    return _prl_transcribe_job_from_json (object, error);
  return _prl_transcribe_model_from_json (object, error);
}

static JsonObject *
member_object (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                       : NULL;
}

static GPtrArray *
list_all (PrlTranscribeClient *self, Call *c, GCancellable *cancellable, GError **error)
{
  const char *array_name
      = c->kind == RESULT_JOBS ? "TranscriptionJobSummaries" : "Models";
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (
      c->kind == RESULT_JOBS ? (GDestroyNotify)prl_transcribe_job_free
                             : (GDestroyNotify)prl_transcribe_model_free);
  g_autofree char *token = NULL;

  for (guint page = 0; page < MAX_PAGES; page++)
    {
      g_autoptr (JsonNode) body = json_node_init_object (json_node_alloc (), c->body);
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *next = NULL;
      JsonObject      *answer;
      JsonNode        *list;

      if (token != NULL)
        json_object_set_string_member (c->body, "NextToken", token);
      root = call (self, c->operation, body, c->subject, NULL, cancellable, error);
      if (root == NULL)
        return NULL;
      answer = json_node_get_object (root);
      list = json_object_get_member (answer, array_name);
      if (list != NULL && !JSON_NODE_HOLDS_ARRAY (list) && !JSON_NODE_HOLDS_NULL (list))
        return read_one (NULL, c->kind, error);
      for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list)
                        && i < json_array_get_length (json_node_get_array (list));
           i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (list), i);
          gpointer  parsed = read_one (
               JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL, c->kind,
              error);

          if (parsed == NULL)
            return NULL;
          g_ptr_array_add (items, parsed);
        }
      next = json_object_has_member (answer, "NextToken") ? g_strdup (
                 json_object_get_string_member_with_default (answer, "NextToken", ""))
                                                          : NULL;
      if (next == NULL || *next == '\0')
        return g_steal_pointer (&items);
      if (g_strcmp0 (next, token) == 0)
        break;
      g_free (token);
      token = g_steal_pointer (&next);
    }
  g_set_error_literal (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                       _ ("Amazon Transcribe’s list never came to an end. Try again "
                          "later."));
  return NULL;
}

static void
run_call (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PrlTranscribeClient *self = source;
  Call                *c = task_data;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonNode) root = NULL;
  GError  *error = NULL;
  gpointer result;

  if (c->kind == RESULT_MODELS || c->kind == RESULT_JOBS)
    {
      GPtrArray *items = list_all (self, c, cancellable, &error);

      if (items == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, items, (GDestroyNotify)g_ptr_array_unref);
      return;
    }
  body = json_node_init_object (json_node_alloc (), c->body);
  root = call (self, c->operation, body, c->subject, c->name, cancellable, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  switch (c->kind)
    {
    case RESULT_NONE:
      g_task_return_boolean (task, TRUE);
      return;
    case RESULT_CREATED_MODEL:
      result = read_one (json_node_get_object (root), c->kind, &error);
      break;
    case RESULT_MODEL:
      result = read_one (member_object (json_node_get_object (root), "LanguageModel"),
                         c->kind, &error);
      break;
    case RESULT_JOB:
      result = read_one (member_object (json_node_get_object (root), "TranscriptionJob"),
                         c->kind, &error);
      break;
    case RESULT_MODELS:
    case RESULT_JOBS:
    default:
      g_assert_not_reached ();
    }
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result,
                           c->kind == RESULT_JOB
                               ? (GDestroyNotify)prl_transcribe_job_free
                               : (GDestroyNotify)prl_transcribe_model_free);
}

static void
start_call (PrlTranscribeClient *self,
            Call                *c,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, c, (GDestroyNotify)call_free);
  g_task_run_in_thread (task, run_call);
}

static Call *
new_call (const char *operation, ResultKind kind, PrlTranscribeSubject subject)
{
  Call *c = g_new0 (Call, 1);

  c->operation = operation;
  c->kind = kind;
  c->subject = subject;
  c->body = json_object_new ();
  return c;
}

/* Refuses a bad name in the callback, without a request. */
static gboolean
check_name_or_return (PrlTranscribeClient *self,
                      const char          *name,
                      gpointer             source_tag,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GError *error = NULL;

  if (prl_transcribe_check_name (name, &error))
    return TRUE;
  g_task_report_error (self, callback, user_data, source_tag, error);
  return FALSE;
}

static Call *
named_call (const char          *operation,
            ResultKind           kind,
            PrlTranscribeSubject subject,
            const char          *member,
            const char          *name)
{
  Call *c = new_call (operation, kind, subject);

  c->name = g_strdup (name);
  json_object_set_string_member (c->body, member, name);
  return c;
}

/* The calls whose only input is a model or job name. */
static void
start_named_call (PrlTranscribeClient *self,
                  const char          *operation,
                  ResultKind           kind,
                  PrlTranscribeSubject subject,
                  const char          *name,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  const char *member
      = subject == PRL_TRANSCRIBE_SUBJECT_JOB ? "TranscriptionJobName" : "ModelName";

  if (check_name_or_return (self, name, source_tag, callback, user_data))
    start_call (self, named_call (operation, kind, subject, member, name), source_tag,
                cancellable, callback, user_data);
}

static void
set_optional (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

static gpointer
finish_pointer (PrlTranscribeClient *self,
                GAsyncResult        *result,
                gpointer             source_tag,
                GError             **error)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (PrlTranscribeClient *self,
                GAsyncResult        *result,
                gpointer             source_tag,
                GError             **error)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * prl_transcribe_client_create_language_model_async:
 * @spec: the model; its name and role ARN are checked before sending
 *
 * CreateLanguageModel: the model starts training at once (status
 * IN_PROGRESS); poll it with prl_transcribe_client_describe_language_model_async().
 */
void
prl_transcribe_client_create_language_model_async (PrlTranscribeClient          *self,
                                                   const PrlTranscribeModelSpec *spec,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data)
{
  gpointer    tag = prl_transcribe_client_create_language_model_async;
  GError     *error = NULL;
  Call       *c;
  JsonObject *config;

  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));
  g_return_if_fail (spec != NULL);

  if (!check_name_or_return (self, spec->name, tag, callback, user_data))
    return;
  if (!prl_transcribe_check_role_arn (spec->data_access_role_arn, &error))
    {
      g_task_report_error (self, callback, user_data, tag, error);
      return;
    }
  c = named_call ("CreateLanguageModel", RESULT_CREATED_MODEL,
                  PRL_TRANSCRIBE_SUBJECT_MODEL, "ModelName", spec->name);
  set_optional (c->body, "LanguageCode", spec->language_code);
  set_optional (c->body, "BaseModelName", spec->base_model);
  config = json_object_new ();
  set_optional (config, "S3Uri", spec->s3_uri);
  set_optional (config, "TuningDataS3Uri", spec->tuning_s3_uri);
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
  start_call (self, c, tag, cancellable, callback, user_data);
}

/**
 * prl_transcribe_client_create_language_model_finish:
 *
 * Returns: (transfer full): the model as the service accepted it
 */
PrlTranscribeModel *
prl_transcribe_client_create_language_model_finish (PrlTranscribeClient *self,
                                                    GAsyncResult        *result,
                                                    GError             **error)
{
  return finish_pointer (self, result, prl_transcribe_client_create_language_model_async,
                         error);
}

/**
 * prl_transcribe_client_describe_language_model_async:
 * @name: the model; refused with INVALID_NAME before sending when the
 *   service would refuse it
 *
 * DescribeLanguageModel: how the model's training stands. Poll it (with
 * back-off) until the status is COMPLETED or FAILED.
 */
void
prl_transcribe_client_describe_language_model_async (PrlTranscribeClient *self,
                                                     const char          *name,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));

  start_named_call (self, "DescribeLanguageModel", RESULT_MODEL,
                    PRL_TRANSCRIBE_SUBJECT_MODEL, name,
                    prl_transcribe_client_describe_language_model_async, cancellable,
                    callback, user_data);
}

/**
 * prl_transcribe_client_describe_language_model_finish:
 *
 * Returns: (transfer full): the model; its failure_reason is the
 *   service's own words
 */
PrlTranscribeModel *
prl_transcribe_client_describe_language_model_finish (PrlTranscribeClient *self,
                                                      GAsyncResult        *result,
                                                      GError             **error)
{
  return finish_pointer (self, result,
                         prl_transcribe_client_describe_language_model_async, error);
}

static Call *
list_call (const char         *operation,
           ResultKind          kind,
           const char         *status_member,
           PrlTranscribeStatus status,
           const char         *contains_member,
           const char         *name_contains,
           guint               page_size)
{
  Call *c = new_call (operation, kind,
                      kind == RESULT_JOBS ? PRL_TRANSCRIBE_SUBJECT_JOB
                                          : PRL_TRANSCRIBE_SUBJECT_MODEL);

  set_optional (c->body, status_member, prl_transcribe_status_to_string (status));
  set_optional (c->body, contains_member, name_contains);
  if (page_size > 0)
    json_object_set_int_member (c->body, "MaxResults", MIN (page_size, 100));
  return c;
}

/**
 * prl_transcribe_client_list_language_models_async:
 * @status: only models in this status; UNKNOWN for all
 * @name_contains: (nullable): only models whose name holds this (any case)
 * @page_size: models per request, at most 100; 0 for the service's 5
 *
 * ListLanguageModels, every page: the call asks again with each NextToken
 * until the service gives none.
 */
void
prl_transcribe_client_list_language_models_async (PrlTranscribeClient *self,
                                                  PrlTranscribeStatus  status,
                                                  const char          *name_contains,
                                                  guint                page_size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));

  start_call (self,
              list_call ("ListLanguageModels", RESULT_MODELS, "StatusEquals", status,
                         "NameContains", name_contains, page_size),
              prl_transcribe_client_list_language_models_async, cancellable, callback,
              user_data);
}

/**
 * prl_transcribe_client_list_language_models_finish:
 *
 * Returns: (transfer container) (element-type PrlTranscribeModel): every
 *   model, newest first as the service lists them
 */
GPtrArray *
prl_transcribe_client_list_language_models_finish (PrlTranscribeClient *self,
                                                   GAsyncResult        *result,
                                                   GError             **error)
{
  return finish_pointer (self, result, prl_transcribe_client_list_language_models_async,
                         error);
}

/**
 * prl_transcribe_client_delete_language_model_async:
 *
 * DeleteLanguageModel; the service refuses (BAD_REQUEST) while the model
 * trains.
 */
void
prl_transcribe_client_delete_language_model_async (PrlTranscribeClient *self,
                                                   const char          *name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));

  start_named_call (self, "DeleteLanguageModel", RESULT_NONE,
                    PRL_TRANSCRIBE_SUBJECT_MODEL, name,
                    prl_transcribe_client_delete_language_model_async, cancellable,
                    callback, user_data);
}

/**
 * prl_transcribe_client_delete_language_model_finish:
 *
 * Returns: %TRUE when the model is deleted
 */
gboolean
prl_transcribe_client_delete_language_model_finish (PrlTranscribeClient *self,
                                                    GAsyncResult        *result,
                                                    GError             **error)
{
  return finish_boolean (self, result, prl_transcribe_client_delete_language_model_async,
                         error);
}

/**
 * prl_transcribe_client_start_transcription_job_async:
 * @spec: the job; a custom model goes into ModelSettings.LanguageModelName
 */
void
prl_transcribe_client_start_transcription_job_async (PrlTranscribeClient        *self,
                                                     const PrlTranscribeJobSpec *spec,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data)
{
  gpointer    tag = prl_transcribe_client_start_transcription_job_async;
  Call       *c;
  JsonObject *media;

  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));
  g_return_if_fail (spec != NULL);

  if (!check_name_or_return (self, spec->name, tag, callback, user_data))
    return;
  if (spec->model_name != NULL
      && !check_name_or_return (self, spec->model_name, tag, callback, user_data))
    return;
  c = named_call ("StartTranscriptionJob", RESULT_JOB, PRL_TRANSCRIBE_SUBJECT_JOB,
                  "TranscriptionJobName", spec->name);
  set_optional (c->body, "LanguageCode", spec->language_code);
  if (spec->sample_rate > 0)
    json_object_set_int_member (c->body, "MediaSampleRateHertz", spec->sample_rate);
  set_optional (c->body, "MediaFormat", spec->media_format);
  media = json_object_new ();
  set_optional (media, "MediaFileUri", spec->media_uri);
  json_object_set_object_member (c->body, "Media", media);
  set_optional (c->body, "OutputBucketName", spec->output_bucket);
  set_optional (c->body, "OutputKey", spec->output_key);
  if (spec->model_name != NULL)
    {
      JsonObject *settings = json_object_new ();

      json_object_set_string_member (settings, "LanguageModelName", spec->model_name);
      json_object_set_object_member (c->body, "ModelSettings", settings);
    }
  start_call (self, c, tag, cancellable, callback, user_data);
}

/**
 * prl_transcribe_client_start_transcription_job_finish:
 *
 * Returns: (transfer full): the job, usually QUEUED
 */
PrlTranscribeJob *
prl_transcribe_client_start_transcription_job_finish (PrlTranscribeClient *self,
                                                      GAsyncResult        *result,
                                                      GError             **error)
{
  return finish_pointer (self, result,
                         prl_transcribe_client_start_transcription_job_async, error);
}

/**
 * prl_transcribe_client_get_transcription_job_async:
 * @name: the job
 *
 * GetTranscriptionJob: how the job stands; poll until COMPLETED or FAILED.
 */
void
prl_transcribe_client_get_transcription_job_async (PrlTranscribeClient *self,
                                                   const char          *name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));

  start_named_call (self, "GetTranscriptionJob", RESULT_JOB, PRL_TRANSCRIBE_SUBJECT_JOB,
                    name, prl_transcribe_client_get_transcription_job_async, cancellable,
                    callback, user_data);
}

/**
 * prl_transcribe_client_get_transcription_job_finish:
 *
 * Returns: (transfer full): the job; transcript_uri is set once COMPLETED
 */
PrlTranscribeJob *
prl_transcribe_client_get_transcription_job_finish (PrlTranscribeClient *self,
                                                    GAsyncResult        *result,
                                                    GError             **error)
{
  return finish_pointer (self, result, prl_transcribe_client_get_transcription_job_async,
                         error);
}

/**
 * prl_transcribe_client_list_transcription_jobs_async:
 * @status: only jobs in this status; UNKNOWN for all
 * @name_contains: (nullable): only jobs whose name holds this (any case)
 * @page_size: jobs per request, at most 100; 0 for the service's default
 *
 * ListTranscriptionJobs, every page.
 */
void
prl_transcribe_client_list_transcription_jobs_async (PrlTranscribeClient *self,
                                                     PrlTranscribeStatus  status,
                                                     const char          *name_contains,
                                                     guint                page_size,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));

  start_call (self,
              list_call ("ListTranscriptionJobs", RESULT_JOBS, "Status", status,
                         "JobNameContains", name_contains, page_size),
              prl_transcribe_client_list_transcription_jobs_async, cancellable, callback,
              user_data);
}

/**
 * prl_transcribe_client_list_transcription_jobs_finish:
 *
 * Returns: (transfer container) (element-type PrlTranscribeJob): every job
 *   summary
 */
GPtrArray *
prl_transcribe_client_list_transcription_jobs_finish (PrlTranscribeClient *self,
                                                      GAsyncResult        *result,
                                                      GError             **error)
{
  return finish_pointer (self, result,
                         prl_transcribe_client_list_transcription_jobs_async, error);
}

/**
 * prl_transcribe_client_delete_transcription_job_async:
 * @name: the job; the service refuses (BAD_REQUEST) while it runs
 *
 * DeleteTranscriptionJob.
 */
void
prl_transcribe_client_delete_transcription_job_async (PrlTranscribeClient *self,
                                                      const char          *name,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self));

  start_named_call (self, "DeleteTranscriptionJob", RESULT_NONE,
                    PRL_TRANSCRIBE_SUBJECT_JOB, name,
                    prl_transcribe_client_delete_transcription_job_async, cancellable,
                    callback, user_data);
}

/**
 * prl_transcribe_client_delete_transcription_job_finish:
 *
 * Returns: %TRUE when the job is deleted
 */
gboolean
prl_transcribe_client_delete_transcription_job_finish (PrlTranscribeClient *self,
                                                       GAsyncResult        *result,
                                                       GError             **error)
{
  return finish_boolean (self, result,
                         prl_transcribe_client_delete_transcription_job_async, error);
}
