/* prl-transcribe-train-remote.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-call-private.h"
#include "prl-train-job.h"
#include "prl-training-budget.h"
#include "prl-transcribe-train.h"
#include "prl-transcribe-client.h"

#include "prl-transcribe-train-private.h"

/* The Transcribe calls of a training (prl-transcribe-train.c): the create
 * that is sent once, and the polling with back-off. The job's file holds
 * the store side; this one the service side.
 */

/**
 * prl_transcribe_account_role_arn:
 * @account: the name of a cloud account
 * @error: return location for a #GError
 *
 * The one place that finds an account's DataAccessRoleArn: the role ARN
 * stored with the account (Preferences → Accounts or `parlance-cli
 * accounts add --role-arn`). Fails when the account does not exist or has
 * no role, so no request is sent without one.
 *
 * Returns: (transfer full): the role's ARN, or %NULL with @error set
 */
char *
prl_transcribe_account_role_arn (const char *account, GError **error)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  PrlCloudAccount *found;
  const char      *arn;

  if (!prl_cloud_accounts_load (accounts, error))
    return NULL;
  if (!(found = prl_cloud_accounts_lookup (accounts, account)))
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND,
                   _ ("There is no cloud account named “%s”. Add it in Preferences "
                      "or with “parlance-cli accounts add”, then train again."),
                   account);
      return NULL;
    }
  arn = prl_cloud_account_get_role_arn (found);
  if (arn == NULL || arn[0] == '\0')
    {
      g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_ROLE_ARN,
                   _ ("The cloud account “%s” has no IAM role for Amazon Transcribe to "
                      "read the bucket with. Add the role’s ARN to the account, then "
                      "train again."),
                   account);
      return NULL;
    }
  if (!prl_transcribe_check_role_arn (arn, error))
    return NULL;
  return g_strdup (arn);
}

PrlTranscribeClient *
_prl_transcribe_train_open_client (const char   *account_name,
                                   GCancellable *cancellable,
                                   GError      **error)
{
  g_autoptr (PrlCloudAccount) account = NULL;
  g_autoptr (PrlHttpClient) http = NULL;
  g_autoptr (PrlAwsSigner) signer = NULL;

  if (!(signer
        = prl_cloud_account_signer_sync (account_name, PRL_CLOUD_FOR_TRAINING,
                                         "transcribe", 0, &account, cancellable, error)))
    return NULL;
  http = prl_http_client_new ();
  return prl_transcribe_client_new_for_account (http, signer, account, error);
}

/* Runs one Transcribe call to its end on the job's thread. */
#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_transcribe_client, op, client, error, __VA_ARGS__)

gboolean
_prl_transcribe_train_create (const PrlTranscribeTrainCtx *self,
                              PrlTranscribeClient         *client,
                              GCancellable                *cancellable,
                              GError                     **error)
{
  PrlS3UploadStateStore *sink = self->sink;
  g_autofree char       *name = NULL, *language = NULL, *base = NULL, *role = NULL;
  g_autofree char       *training = NULL, *tuning = NULL;
  g_autoptr (PrlTranscribeModel) created = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  PrlTranscribeModelSpec spec = { 0 };
  JsonObject            *state;
  JsonArray             *model_tags;
  gboolean               sent;

  state = prl_s3_upload_state_store_lock (sink);
  sent = json_object_get_boolean_member_with_default (state, "create_sent", FALSE);
  model_tags = json_object_get_array_member (state, "tags");
  for (guint i = 0; model_tags != NULL && i < json_array_get_length (model_tags); i++)
    {
      g_ptr_array_add (tags, g_strdup (json_array_get_string_element (model_tags, i)));
      g_ptr_array_add (tags, g_strdup (""));
    }
  g_ptr_array_add (tags, g_strdup ("parlance:model"));
  g_ptr_array_add (tags, g_strdup (self->model_name));
  g_ptr_array_add (tags, NULL);
  json_object_set_boolean_member (state, "create_sent", TRUE);
  prl_s3_upload_state_store_unlock (sink);

  _prl_remote_train_state_string (sink, "remote_name", &name);
  spec.name = name;
  spec.language_code = _prl_remote_train_state_string (sink, "language", &language);
  spec.base_model = _prl_remote_train_state_string (sink, "base_model", &base);
  spec.s3_uri = _prl_remote_train_state_string (sink, "training_uri", &training);
  spec.tuning_s3_uri = _prl_remote_train_state_string (sink, "tuning_uri", &tuning);
  spec.data_access_role_arn = _prl_remote_train_state_string (sink, "role_arn", &role);
  spec.tags = (const char *const *)tags->pdata;

  if (sent)
    {
      /* A kill may have come before or after the request arrived. */
      g_autoptr (PrlTranscribeModel) found
          = CALL (describe_language_model, client, &local_error, name, cancellable);

      if (found != NULL)
        return _prl_remote_train_set_state (sink, "phase", "poll", error);
      if (!g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                            PRL_TRANSCRIBE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }
  else if (!prl_s3_upload_state_store_save (sink, error))
    return FALSE;

  prl_job_report_progress (self->job, 0.5, _ ("Starting the training on Amazon"));
  created = CALL (create_language_model, client, &local_error, &spec, cancellable);
  if (created == NULL
      && g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                          PRL_TRANSCRIBE_ERROR_CONFLICT))
    {
      g_autoptr (PrlTranscribeModel) found = NULL;

      /* Ours if it trains on the same text: an earlier attempt of this job. */
      g_clear_error (&local_error);
      found = CALL (describe_language_model, client, &local_error, name, cancellable);
      if (found != NULL && g_strcmp0 (found->s3_uri, spec.s3_uri) == 0)
        return _prl_remote_train_set_state (sink, "phase", "poll", error);
      if (found != NULL || local_error == NULL)
        {
          g_clear_error (&local_error);
          g_set_error (
              &local_error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_CONFLICT,
              _ ("The account “%s” already has a language model named “%s” "
                 "that Parlance did not start for this training. Rename or delete "
                 "that model on Amazon, then train again."),
              self->account, name);
        }
    }
  if (created == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return _prl_remote_train_set_state (sink, "phase", "poll", error);
}

/* What a FailureReason usually means, in plain words. */
static const char *
plain_reading (const char *reason)
{
  g_autofree char *lower = g_ascii_strdown (reason ? reason : "", -1);

  if (strstr (lower, "assume") || strstr (lower, "role") || strstr (lower, "access"))
    return _ ("Amazon Transcribe could not read the training text with the account’s "
              "IAM role. Check that the role trusts transcribe.amazonaws.com and may "
              "read the bucket.");
  if (strstr (lower, "size") || strstr (lower, "limit") || strstr (lower, "large"))
    return _ ("The training or tuning text is larger than Amazon Transcribe accepts. "
              "Shorten it and train again.");
  if (strstr (lower, "not found") || strstr (lower, "nosuchkey")
      || strstr (lower, "missing") || strstr (lower, "does not exist"))
    return _ ("The training text was no longer in the bucket. Train again to upload it.");
  if (strstr (lower, "utf") || strstr (lower, "encoding") || strstr (lower, "text"))
    return _ ("Amazon Transcribe could not read the text as plain UTF-8. Check the "
              "training text file.");
  return _ ("Amazon Transcribe ended the training with an error. Check the training "
            "data and train again.");
}

/* Seconds before the next DescribeLanguageModel: 5 at first, growing to 5
 * minutes; PARLANCE_TEST_TRANSCRIBE_POLL (seconds, tests only) caps it. */
static double
next_delay (double delay)
{
  const char *test = g_getenv ("PARLANCE_TEST_TRANSCRIBE_POLL");
  double      cap = test != NULL ? g_ascii_strtod (test, NULL) : 300.0;

  if (delay <= 0)
    delay = 5.0;
  else
    delay *= 1.5;
  return MIN (delay, cap > 0 ? cap : 300.0);
}

/* The user's "delete the model when training finishes", in both
 * directions: a request made on the job is saved in the remote state
 * (so a restart keeps it), and one saved before a restart is put back on
 * the job. With @last, the job's final look: a request after it is
 * refused, not ignored. Returns whether it is asked. */
static gboolean
sync_delete_request (const PrlTranscribeTrainCtx *self, gboolean last, GError **error)
{
  PrlRemoteJob *job = PRL_REMOTE_JOB (self->job);
  JsonObject   *state = prl_s3_upload_state_store_lock (self->sink);
  gboolean      saved
      = json_object_get_boolean_member_with_default (state, "delete_when_done", FALSE);
  gboolean asked;

  /* Saved before a restart: on the job first, so that the job shows it. */
  if (saved)
    prl_remote_job_delete_when_done (job);
  asked = last ? prl_remote_job_close_delete_when_done (job)
               : prl_remote_job_get_delete_when_done (job);
  if (asked && !saved)
    json_object_set_boolean_member (state, "delete_when_done", TRUE);
  prl_s3_upload_state_store_unlock (self->sink);
  if (asked && !saved && !prl_s3_upload_state_store_save (self->sink, error))
    return FALSE;
  return asked;
}

static PrlTranscribeModel *
poll_model (const PrlTranscribeTrainCtx *self,
            PrlTranscribeClient         *client,
            GCancellable                *cancellable,
            GError                     **error)
{
  PrlS3UploadStateStore *sink = self->sink;
  g_autofree char       *name = NULL;
  double                 delay = 0;

  _prl_remote_train_state_string (sink, "remote_name", &name);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (PrlTranscribeModel) model
          = CALL (describe_language_model, client, &local_error, name, cancellable);
      g_autofree char *status = NULL;
      g_autoptr (GError) save_error = NULL;
      gboolean delete;

      /* Deleted elsewhere while it trained: the training is over, once,
       * with a message that says so (never polled again). */
      if (model == NULL
          && g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                              PRL_TRANSCRIBE_ERROR_NOT_FOUND))
        {
          g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_FAILED,
                       _ ("“%s” was deleted on Amazon Transcribe while it trained "
                          "(in the console, or by another tool), so there is no new "
                          "version. Train the model again."),
                       name);
          return NULL;
        }
      if (model == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (model->status == PRL_TRANSCRIBE_STATUS_COMPLETED
          || model->status == PRL_TRANSCRIBE_STATUS_FAILED)
        return g_steal_pointer (&model);
      /* A state that cannot be saved now is saved at the next poll. */
      delete = sync_delete_request (self, FALSE, &save_error);
      if (save_error != NULL)
        g_message ("Could not save the delete request: %s", save_error->message);
      if (delete)
        status = g_strdup_printf (_ ("Training on Amazon’s side (%s); Parlance deletes "
                                     "the model when the training finishes"),
                                  prl_transcribe_status_to_string (model->status));
      else
        status = g_strdup_printf (_ ("Training on Amazon’s side (%s); this typically "
                                     "takes hours"),
                                  prl_transcribe_status_to_string (model->status));
      prl_job_report_progress (self->job, 0.6, status);
      delay = next_delay (delay);
      if (!prl_cloud_sleep (delay, cancellable, error))
        return NULL;
    }
}

/**
 * _prl_transcribe_train_poll:
 * @base_model: (out): the base model the service trained on
 *
 * Polls until the model is COMPLETED (TRUE) or FAILED (FALSE with the
 * service's FailureReason verbatim, then Parlance's reading of it).
 */
gboolean
_prl_transcribe_train_poll (const PrlTranscribeTrainCtx *self,
                            PrlTranscribeClient         *client,
                            char                       **base_model,
                            GCancellable                *cancellable,
                            GError                     **error)
{
  g_autoptr (PrlTranscribeModel) remote = poll_model (self, client, cancellable, error);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;
  gboolean delete;

  /* Stopped (a quit, a lost connection) or failed: a request made since
   * the last poll is saved all the same, so that the resume keeps it. */
  if (remote == NULL)
    {
      sync_delete_request (self, FALSE, NULL);
      return FALSE;
    }
  delete = sync_delete_request (self, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (delete)
    {
      /* Cancelled while Amazon trained: delete what it made, as asked.
       * Deleted elsewhere meanwhile is as good. */
      _prl_remote_train_state_string (self->sink, "remote_name", &name);
      if (!CALL (delete_language_model, client, &local_error, name, cancellable)
          && !g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                               PRL_TRANSCRIBE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!_prl_remote_train_set_state (self->sink, "phase", "deleted", error))
        return FALSE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   remote->status == PRL_TRANSCRIBE_STATUS_COMPLETED
                       ? _ ("The training of “%s” was cancelled: Amazon finished it, and "
                            "Parlance deleted the model “%s” there as asked. No version "
                            "was made.")
                       : _ ("The training of “%s” was cancelled: Amazon ended it with an "
                            "error, and Parlance deleted the model “%s” there as asked. "
                            "No version was made."),
                   self->model_name, name);
      return FALSE;
    }
  if (remote->status == PRL_TRANSCRIBE_STATUS_FAILED)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_FAILED, "%s\n%s",
                   remote->failure_reason ? remote->failure_reason : "",
                   plain_reading (remote->failure_reason));
      return FALSE;
    }
  *base_model = g_strdup (remote->base_model);
  return TRUE;
}

gboolean
_prl_transcribe_train_check_name (const char *name, GError **error)
{
  return prl_transcribe_check_name (name, error);
}
