/* prl-watson-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-watson-private.h"

G_DEFINE_QUARK (PrlWatsonErrorQuark, prl_watson_error)

gboolean
_prl_watson_is_json (PrlHttpResponse *response)
{
  const char *type = prl_http_response_get_header (response, "Content-Type");

  return type != NULL && g_ascii_strncasecmp (type, "application/json", 16) == 0;
}

/* Another server at the URL (an HTML page, a proxy's answer), or an
 * answer cut short. */
void
_prl_watson_set_not_watson (GError **error, PrlHttpResponse *response, gboolean iam)
{
  const char *type = prl_http_response_get_header (response, "Content-Type");

  if (iam)
    g_set_error (
        error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_WATSON,
        _ ("The IAM token URL answered “%u %s” with %s instead of IBM Cloud IAM’s "
           "JSON. Check the IAM token URL in Preferences → Accounts."),
        prl_http_response_get_status (response), prl_http_response_get_reason (response),
        type != NULL ? type : _ ("no content type"));
  else
    g_set_error (
        error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_WATSON,
        _ ("The service URL answered “%u %s” with %s instead of IBM Watson Speech "
           "to Text’s JSON. Check the service instance URL in Preferences → "
           "Accounts."),
        prl_http_response_get_status (response), prl_http_response_get_reason (response),
        type != NULL ? type : _ ("no content type"));
}

/* The "error" text of {"code", "code_description", "error"}, or NULL. */
static char *
dup_service_text (PrlHttpResponse *response, const char *member)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonNode   *node;

  if (!_prl_watson_is_json (response))
    return NULL;
  root = prl_http_response_get_json (response, NULL);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root)
                                                         : NULL;
  node = object != NULL ? json_object_get_member (object, member) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* A Watson error answer as a GError: the service's own words in quotes,
 * then what the user can do, which depends on what was asked. */
void
_prl_watson_set_error (GError **error, PrlWatsonOp op, PrlHttpResponse *response)
{
  guint            status = prl_http_response_get_status (response);
  g_autofree char *text = dup_service_text (response, "error");

  if (text == NULL)
    {
      _prl_watson_set_not_watson (error, response, FALSE);
      return;
    }
  switch (status)
    {
    case 400:
      if (op == PRL_WATSON_OP_TRAIN)
        g_set_error (
            error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST,
            _ ("Watson refused to train the model: “%s”. Add valid training text or "
               "words (or remove the ones it names) and train again."),
            text);
      else if (op == PRL_WATSON_OP_RECOGNIZE)
        g_set_error (
            error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST,
            _ ("Watson refused the audio: “%s”. Check that the file is speech in a "
               "format Watson accepts and that the model is trained."),
            text);
      else
        g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST,
                     _ ("Watson refused the request: “%s”."), text);
      break;
    case 401:
    case 403:
      g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED,
                   _ ("Watson did not accept the credentials: “%s”. Check the API key in "
                      "Preferences → Accounts."),
                   text);
      break;
    case 404:
      if (op == PRL_WATSON_OP_MODELS)
        g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND,
                     _ ("Watson does not know that base model: “%s”. Choose one of the "
                        "models the service lists."),
                     text);
      else
        g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND,
                     _ ("Watson does not have it: “%s”. It may have been deleted, or it "
                        "belongs to another service instance; refresh the list."),
                     text);
      break;
    case 409:
      g_set_error (
          error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY,
          _ ("The custom model is busy: “%s”. Watson is still training, upgrading or "
             "analysing data for it; wait until its status is Ready or Available, "
             "then try again."),
          text);
      break;
    case 415:
      g_set_error (
          error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNSUPPORTED_MEDIA,
          _ ("Watson does not take this kind of data: “%s”. Convert the audio to "
             "WAV, FLAC or MP3 and try again."),
          text);
      break;
    default:
      g_set_error (
          error, PRL_WATSON_ERROR,
          status >= 500 ? PRL_WATSON_ERROR_SERVICE : PRL_WATSON_ERROR_FAILED,
          _ ("Watson answered “%u %s”: “%s”. Try again later; if it keeps happening, "
             "check IBM Cloud’s status page."),
          status, prl_http_response_get_reason (response), text);
      break;
    }
}

/* IAM's own shape: {"errorCode": "BXNIM0415E", "errorMessage": "..."}. */
void
_prl_watson_set_iam_error (GError **error, PrlHttpResponse *response)
{
  g_autofree char *text = dup_service_text (response, "errorMessage");
  g_autofree char *code = dup_service_text (response, "errorCode");
  guint            status = prl_http_response_get_status (response);

  if (text == NULL)
    {
      _prl_watson_set_not_watson (error, response, TRUE);
      return;
    }
  if (status == 400 || status == 401 || status == 403)
    g_set_error (
        error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED,
        _ ("IBM Cloud did not accept the API key: “%s” (%s). Check the API key in "
           "Preferences → Accounts."),
        text, code != NULL ? code : "IAM");
  else
    g_set_error (error, PRL_WATSON_ERROR,
                 status >= 500 ? PRL_WATSON_ERROR_SERVICE : PRL_WATSON_ERROR_FAILED,
                 _ ("IBM Cloud could not issue a token (%u): “%s”. Try again later."),
                 status, text);
}
