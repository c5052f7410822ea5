/* prl-transcribe-call.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How every PrlTranscribeClient call runs: the JSON body POSTed with its
 * X-Amz-Target on the caller's (worker) thread, the clock corrected once
 * after a skew answer, the answer read into boxed structures or turned into a
 * PRL_TRANSCRIBE_ERROR, and lists followed through every NextToken. */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-cloud-call-private.h"
#include "prl-s3-private.h"
#include "prl-sigv4.h"
#include "prl-transcribe-private.h"

#define CONTENT_TYPE "application/x-amz-json-1.1"
/* A listing that never ends is the server's fault; stop somewhere. */
#define MAX_PAGES 10000

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

static void
call_free (PrlTranscribeCall *c)
{
  g_clear_pointer (&c->body, json_object_unref);
  g_free (c->name);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTranscribeCall, call_free)

static gpointer
read_one (JsonObject *object, PrlTranscribeResult kind, GError **error)
{
  if (object == NULL)
    {
      g_set_error_literal (error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,
                           _ ("The answer lacks what Amazon Transcribe always sends. "
                              "Check the endpoint address in Preferences → Accounts."));
      return NULL;
    }
  if (kind == PRL_TRANSCRIBE_RESULT_JOB || kind == PRL_TRANSCRIBE_RESULT_JOBS)
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
list_all (PrlTranscribeClient *self,
          PrlTranscribeCall   *c,
          GCancellable        *cancellable,
          GError             **error)
{
  const char *array_name
      = c->kind == PRL_TRANSCRIBE_RESULT_JOBS ? "TranscriptionJobSummaries" : "Models";
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (
      c->kind == PRL_TRANSCRIBE_RESULT_JOBS ? (GDestroyNotify)prl_transcribe_job_info_free
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
free_result (PrlTranscribeResult kind, gpointer result)
{
  if (kind == PRL_TRANSCRIBE_RESULT_MODELS || kind == PRL_TRANSCRIBE_RESULT_JOBS)
    g_ptr_array_unref (result);
  else if (kind == PRL_TRANSCRIBE_RESULT_JOB)
    prl_transcribe_job_info_free (result);
  else if (kind != PRL_TRANSCRIBE_RESULT_NONE)
    prl_transcribe_model_free (result);
}

/* Sends @c (which it frees; %NULL: refused before sending, with @error)
 * and reads the answer: what the call's kind gives, in @result. */
static gboolean
run (PrlTranscribeClient *self,
     PrlTranscribeCall   *call_owned,
     gpointer            *result,
     GCancellable        *cancellable,
     GError             **error)
{
  g_autoptr (PrlTranscribeCall) c = call_owned;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonNode) root = NULL;
  gpointer read = NULL;

  g_return_val_if_fail (PRL_IS_TRANSCRIBE_CLIENT (self), FALSE);

  if (c == NULL)
    return FALSE;
  if (c->kind == PRL_TRANSCRIBE_RESULT_MODELS || c->kind == PRL_TRANSCRIBE_RESULT_JOBS)
    read = list_all (self, c, cancellable, error);
  else
    {
      body = json_node_init_object (json_node_alloc (), c->body);
      root = call (self, c->operation, body, c->subject, c->name, cancellable, error);
      if (root == NULL)
        return FALSE;
      switch (c->kind)
        {
        case PRL_TRANSCRIBE_RESULT_NONE:
          return !g_cancellable_set_error_if_cancelled (cancellable, error);
        case PRL_TRANSCRIBE_RESULT_CREATED_MODEL:
          read = read_one (json_node_get_object (root), c->kind, error);
          break;
        case PRL_TRANSCRIBE_RESULT_MODEL:
          read = read_one (member_object (json_node_get_object (root), "LanguageModel"),
                           c->kind, error);
          break;
        case PRL_TRANSCRIBE_RESULT_JOB:
          read
              = read_one (member_object (json_node_get_object (root), "TranscriptionJob"),
                          c->kind, error);
          break;
        case PRL_TRANSCRIBE_RESULT_MODELS:
        case PRL_TRANSCRIBE_RESULT_JOBS:
        default:
          g_assert_not_reached ();
        }
    }
  if (read == NULL)
    return FALSE;
  /* A call cancelled while its answer came in still ends as cancelled,
   * as it did when the calls ran as GTasks. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      free_result (c->kind, read);
      return FALSE;
    }
  *result = read;
  return TRUE;
}

gpointer
_prl_transcribe_run_pointer (PrlTranscribeClient *self,
                             PrlTranscribeCall   *c,
                             GCancellable        *cancellable,
                             GError             **error)
{
  gpointer result = NULL;

  if (!run (self, c, &result, cancellable, error))
    prl_cloud_call_failed (cancellable, error);
  return result;
}

gboolean
_prl_transcribe_run_boolean (PrlTranscribeClient *self,
                             PrlTranscribeCall   *c,
                             GCancellable        *cancellable,
                             GError             **error)
{
  gpointer result = NULL;

  return run (self, c, &result, cancellable, error)
         || prl_cloud_call_failed (cancellable, error);
}

PrlTranscribeCall *
_prl_transcribe_call_new (const char          *operation,
                          PrlTranscribeResult  kind,
                          PrlTranscribeSubject subject)
{
  PrlTranscribeCall *c = g_new0 (PrlTranscribeCall, 1);

  c->operation = operation;
  c->kind = kind;
  c->subject = subject;
  c->body = json_object_new ();
  return c;
}

PrlTranscribeCall *
_prl_transcribe_named_call (const char          *operation,
                            PrlTranscribeResult  kind,
                            PrlTranscribeSubject subject,
                            const char          *member,
                            const char          *name)
{
  PrlTranscribeCall *c = _prl_transcribe_call_new (operation, kind, subject);

  c->name = g_strdup (name);
  json_object_set_string_member (c->body, member, name);
  return c;
}

/* The calls whose only input is a model or job name; %NULL with @error
 * when the service would refuse the name. */
PrlTranscribeCall *
_prl_transcribe_checked_named_call (const char          *operation,
                                    PrlTranscribeResult  kind,
                                    PrlTranscribeSubject subject,
                                    const char          *name,
                                    GError             **error)
{
  const char *member
      = subject == PRL_TRANSCRIBE_SUBJECT_JOB ? "TranscriptionJobName" : "ModelName";

  if (!prl_transcribe_check_name (name, error))
    return NULL;
  return _prl_transcribe_named_call (operation, kind, subject, member, name);
}

void
_prl_transcribe_set_optional (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

PrlTranscribeCall *
_prl_transcribe_list_call (const char         *operation,
                           PrlTranscribeResult kind,
                           const char         *status_member,
                           PrlTranscribeStatus status,
                           const char         *contains_member,
                           const char         *name_contains,
                           guint               page_size)
{
  PrlTranscribeCall *c = _prl_transcribe_call_new (operation, kind,
                                                   kind == PRL_TRANSCRIBE_RESULT_JOBS
                                                       ? PRL_TRANSCRIBE_SUBJECT_JOB
                                                       : PRL_TRANSCRIBE_SUBJECT_MODEL);

  _prl_transcribe_set_optional (c->body, status_member,
                                prl_transcribe_status_to_string (status));
  _prl_transcribe_set_optional (c->body, contains_member, name_contains);
  if (page_size > 0)
    json_object_set_int_member (c->body, "MaxResults", MIN (page_size, 100));
  return c;
}
