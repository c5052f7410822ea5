/* prl-transcribe-json.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Amazon Transcribe's answers read into plain structures, its error
 * answers turned into messages for the user. The checks a name or a role
 * ARN must pass are in prl-transcribe-names.c. */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-s3-private.h" /* _prl_s3_is_html(): a web page is a web page */
#include "prl-transcribe-private.h"

/**
 * prl_transcribe_status_to_string:
 *
 * Returns: (nullable): the status as the service spells it (“IN_PROGRESS”),
 *   %NULL for UNKNOWN
 */
const char *
prl_transcribe_status_to_string (PrlTranscribeStatus status)
{
  switch (status)
    {
    case PRL_TRANSCRIBE_STATUS_QUEUED:
      return "QUEUED";
    case PRL_TRANSCRIBE_STATUS_IN_PROGRESS:
      return "IN_PROGRESS";
    case PRL_TRANSCRIBE_STATUS_FAILED:
      return "FAILED";
    case PRL_TRANSCRIBE_STATUS_COMPLETED:
      return "COMPLETED";
    case PRL_TRANSCRIBE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

static PrlTranscribeStatus
status_from_string (const char *text)
{
  for (PrlTranscribeStatus s = PRL_TRANSCRIBE_STATUS_QUEUED;
       s <= PRL_TRANSCRIBE_STATUS_COMPLETED; s++)
    if (g_strcmp0 (text, prl_transcribe_status_to_string (s)) == 0)
      return s;
  return PRL_TRANSCRIBE_STATUS_UNKNOWN;
}

/**
 * prl_transcribe_model_copy:
 *
 * Returns: (transfer full): a deep copy of @model
 */
PrlTranscribeModel *
prl_transcribe_model_copy (const PrlTranscribeModel *model)
{
  PrlTranscribeModel *copy = g_memdup2 (model, sizeof *model);

  copy->name = g_strdup (model->name);
  copy->language_code = g_strdup (model->language_code);
  copy->base_model = g_strdup (model->base_model);
  copy->failure_reason = g_strdup (model->failure_reason);
  copy->s3_uri = g_strdup (model->s3_uri);
  copy->tuning_s3_uri = g_strdup (model->tuning_s3_uri);
  copy->data_access_role_arn = g_strdup (model->data_access_role_arn);
  return copy;
}

void
prl_transcribe_model_free (PrlTranscribeModel *model)
{
  if (model == NULL)
    return;
  g_free (model->name);
  g_free (model->language_code);
  g_free (model->base_model);
  g_free (model->failure_reason);
  g_free (model->s3_uri);
  g_free (model->tuning_s3_uri);
  g_free (model->data_access_role_arn);
  g_free (model);
}

G_DEFINE_BOXED_TYPE (PrlTranscribeModel,
                     prl_transcribe_model,
                     prl_transcribe_model_copy,
                     prl_transcribe_model_free)

/**
 * prl_transcribe_job_info_copy:
 *
 * Returns: (transfer full): a deep copy of @job
 */
PrlTranscribeJobInfo *
prl_transcribe_job_info_copy (const PrlTranscribeJobInfo *job)
{
  PrlTranscribeJobInfo *copy = g_memdup2 (job, sizeof *job);

  copy->name = g_strdup (job->name);
  copy->language_code = g_strdup (job->language_code);
  copy->media_uri = g_strdup (job->media_uri);
  copy->media_format = g_strdup (job->media_format);
  copy->model_name = g_strdup (job->model_name);
  copy->transcript_uri = g_strdup (job->transcript_uri);
  copy->failure_reason = g_strdup (job->failure_reason);
  return copy;
}

void
prl_transcribe_job_info_free (PrlTranscribeJobInfo *job)
{
  if (job == NULL)
    return;
  g_free (job->name);
  g_free (job->language_code);
  g_free (job->media_uri);
  g_free (job->media_format);
  g_free (job->model_name);
  g_free (job->transcript_uri);
  g_free (job->failure_reason);
  g_free (job);
}

G_DEFINE_BOXED_TYPE (PrlTranscribeJobInfo,
                     prl_transcribe_job_info,
                     prl_transcribe_job_info_copy,
                     prl_transcribe_job_info_free)

/* Members of the wrong type read as absent: the service adds members over
 * time, and one odd value must not lose the whole answer. */
static char *
dup_string (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static double
get_number (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType     type = node != NULL && JSON_NODE_HOLDS_VALUE (node)
                       ? json_node_get_value_type (node)
                       : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    return json_node_get_double (node);
  return 0;
}

static JsonObject *
get_object (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                       : NULL;
}

static gboolean
missing_member (const char *member, GError **error)
{
  g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
               _ ("The answer lacks the “%s” Amazon Transcribe always sends. Check the "
                  "endpoint address in Preferences → Accounts."),
               member);
  return FALSE;
}

PrlTranscribeModel *
_prl_transcribe_model_from_json (JsonObject *object, GError **error)
{
  g_autoptr (PrlTranscribeModel) model = g_new0 (PrlTranscribeModel, 1);
  g_autofree char *status = NULL;
  JsonObject      *config = get_object (object, "InputDataConfig");
  JsonNode        *upgrade = json_object_get_member (object, "UpgradeAvailability");

  model->name = dup_string (object, "ModelName");
  if (model->name == NULL)
    return missing_member ("ModelName", error), NULL;
  status = dup_string (object, "ModelStatus");
  model->status = status_from_string (status);
  model->language_code = dup_string (object, "LanguageCode");
  model->base_model = dup_string (object, "BaseModelName");
  model->failure_reason = dup_string (object, "FailureReason");
  model->upgrade_available = upgrade != NULL && JSON_NODE_HOLDS_VALUE (upgrade)
                             && json_node_get_value_type (upgrade) == G_TYPE_BOOLEAN
                             && json_node_get_boolean (upgrade);
  model->create_time = get_number (object, "CreateTime");
  model->last_modified_time = get_number (object, "LastModifiedTime");
  model->s3_uri = dup_string (config, "S3Uri");
  model->tuning_s3_uri = dup_string (config, "TuningDataS3Uri");
  model->data_access_role_arn = dup_string (config, "DataAccessRoleArn");
  return g_steal_pointer (&model);
}

PrlTranscribeJobInfo *
_prl_transcribe_job_from_json (JsonObject *object, GError **error)
{
  g_autoptr (PrlTranscribeJobInfo) job = g_new0 (PrlTranscribeJobInfo, 1);
  g_autofree char *status = NULL;
  double           rate = get_number (object, "MediaSampleRateHertz");

  job->name = dup_string (object, "TranscriptionJobName");
  if (job->name == NULL)
    return missing_member ("TranscriptionJobName", error), NULL;
  status = dup_string (object, "TranscriptionJobStatus");
  job->status = status_from_string (status);
  job->language_code = dup_string (object, "LanguageCode");
  job->media_uri = dup_string (get_object (object, "Media"), "MediaFileUri");
  job->media_format = dup_string (object, "MediaFormat");
  job->sample_rate = rate > 0 && rate < G_MAXUINT ? (guint)rate : 0;
  job->model_name
      = dup_string (get_object (object, "ModelSettings"), "LanguageModelName");
  job->transcript_uri
      = dup_string (get_object (object, "Transcript"), "TranscriptFileUri");
  job->failure_reason = dup_string (object, "FailureReason");
  job->creation_time = get_number (object, "CreationTime");
  job->start_time = get_number (object, "StartTime");
  job->completion_time = get_number (object, "CompletionTime");
  return g_steal_pointer (&job);
}

/* The service's own words (Message, or message as some services spell it),
 * when the answer is JSON; NULL otherwise. */
static char *
dup_message (PrlHttpResponse *response)
{
  g_autoptr (JsonNode) root = NULL;
  char *message;

  if (_prl_s3_is_html (response))
    return NULL;
  root = prl_http_response_get_json (response, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  message = dup_string (json_node_get_object (root), "Message");
  if (message == NULL)
    message = dup_string (json_node_get_object (root), "message");
  return message;
}

/* AWS's JSON services say a skewed clock with InvalidSignatureException
 * and these words (S3 has its own RequestTimeTooSkewed). */
gboolean
_prl_transcribe_is_clock_skew (PrlHttpResponse *response)
{
  g_autofree char *code = prl_http_response_dup_error_code (response);
  g_autofree char *message = NULL;

  if (g_strcmp0 (code, "InvalidSignatureException") != 0)
    return FALSE;
  message = dup_message (response);
  return message != NULL
         && (strstr (message, "Signature expired") != NULL
             || strstr (message, "Signature not yet current") != NULL);
}

static gboolean
code_in (const char *code, const char *const *codes)
{
  return code != NULL && g_strv_contains (codes, code);
}

/* Messages name what the user can check; the access key ID is not a
 * secret (every request carries it), the secret and token never appear. */
void
_prl_transcribe_set_error (PrlHttpResponse     *response,
                           PrlAwsSigner        *signer,
                           PrlTranscribeSubject subject,
                           const char          *name,
                           GError             **error)
{
  g_autofree char *code = prl_http_response_dup_error_code (response);
  g_autofree char *message = dup_message (response);
  guint            status = prl_http_response_get_status (response);
  const char      *key_id = prl_aws_signer_get_access_key_id (signer);
  gboolean         job = subject == PRL_TRANSCRIBE_SUBJECT_JOB;

  if (code == NULL && _prl_s3_is_html (response))
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                 _ ("The address answered with a web page (HTTP %u), not as Amazon "
                    "Transcribe does. Check the endpoint and region in Preferences → "
                    "Accounts, and the network’s proxy."),
                 status);
  else if (g_strcmp0 (code, "BadRequestException") == 0)
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_BAD_REQUEST,
                 _ ("Amazon Transcribe refused the request: %s"),
                 message != NULL ? message : _ ("it gave no reason."));
  else if (g_strcmp0 (code, "ConflictException") == 0)
    /* Whole sentences for each, as languages inflect the noun. */
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_CONFLICT,
                 job ? _ ("A transcription job named “%s” already exists in this AWS "
                          "account and region. Choose another name, or delete the "
                          "existing job first.")
                     : _ ("A language model named “%s” already exists in this AWS "
                          "account and region. Choose another name, or delete the "
                          "existing model first."),
                 name != NULL ? name : "");
  else if (g_strcmp0 (code, "NotFoundException") == 0)
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_FOUND,
                 job ? _ ("Amazon Transcribe has no transcription job named “%s” in the "
                          "region “%s”. It may have been deleted, or the account uses "
                          "another region.")
                     : _ ("Amazon Transcribe has no language model named “%s” in the "
                          "region “%s”. It may have been deleted, or the account uses "
                          "another region."),
                 name != NULL ? name : "", prl_aws_signer_get_region (signer));
  else if (code_in (code, (const char *const[]){ "LimitExceededException",
                                                 "ThrottlingException", NULL }))
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_LIMIT_EXCEEDED,
                 _ ("Amazon Transcribe’s limits for this account were reached (%s). "
                    "Wait a while and try again, or delete models and jobs that are "
                    "no longer needed."),
                 message != NULL ? message : code);
  else if (code_in (code, (const char *const[]){ "InternalFailureException",
                                                 "ServiceUnavailableException", NULL }))
    g_set_error_literal (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INTERNAL,
                         _ ("Amazon Transcribe failed internally. Try again later."));
  else if (code_in (code, (const char *const[]){ "UnrecognizedClientException",
                                                 "InvalidClientTokenId", NULL }))
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_UNKNOWN_KEY,
                 _ ("Amazon Transcribe does not know the access key ID “%s” (or its "
                    "session token). Check the access key in Preferences → Accounts."),
                 key_id);
  else if (_prl_transcribe_is_clock_skew (response))
    g_set_error_literal (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_CLOCK_SKEW,
                         _ ("This computer’s clock differs from Amazon’s by more than "
                            "5 minutes. Set the date and time automatically in the "
                            "system settings and try again."));
  else if (code_in (code, (const char *const[]){ "InvalidSignatureException",
                                                 "SignatureDoesNotMatch",
                                                 "IncompleteSignatureException", NULL }))
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_WRONG_SECRET,
                 _ ("Amazon Transcribe refused the signature made with the secret "
                    "access key of “%s”. Check the secret access key and region in "
                    "Preferences → Accounts."),
                 key_id);
  else if (code_in (code, (const char *const[]){ "ExpiredTokenException", "ExpiredToken",
                                                 NULL }))
    g_set_error_literal (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_EXPIRED_TOKEN,
                         _ ("The session token has expired. Get new temporary "
                            "credentials and enter them in Preferences → Accounts."));
  else if (code_in (code,
                    (const char *const[]){ "AccessDeniedException",
                                           "MissingAuthenticationTokenException", NULL })
           || (code == NULL && status == 403))
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_ACCESS_DENIED,
                 _ ("The access key “%s” may not use Amazon Transcribe. Give its IAM "
                    "user the Transcribe permissions, or check the access key in "
                    "Preferences → Accounts."),
                 key_id);
  else if (code == NULL)
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                 _ ("The address answered “%u %s” without an Amazon Transcribe error. "
                    "Check the endpoint and region in Preferences → Accounts."),
                 status, prl_http_response_get_reason (response));
  else
    g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_FAILED,
                 _ ("Amazon Transcribe refused the request (HTTP %u, %s). Try again "
                    "later; if it keeps failing, check the account in Preferences → "
                    "Accounts."),
                 status, code);
}
