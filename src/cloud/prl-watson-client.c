/* prl-watson-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prl-cloud-call-private.h"
#include "prl-watson-private.h"

/* IBM Watson Speech to Text's language-model customization API
 * (docs/ARCHITECTURE.md, cloud-apis.md §4) on PrlHttpClient. Each
 * operation blocks its caller, a job's worker thread; the IAM token is
 * shared by all of them. */

/* The SDKs refresh a token once 80 % of its life has passed. */
#define TOKEN_REFRESH_FRACTION 0.8

struct _PrlWatsonClient
{
  GObject        parent_instance;
  PrlHttpClient *http;
  char          *service_url; /* without a trailing slash */
  PrlWatsonAuth  auth;
  char          *apikey;
  char          *iam_url;

  /* One refresh at a time: a thread that finds the token old takes the
   * lock and fetches; the others wait for it and use the new one. */
  GMutex token_lock;
  char  *authorization; /* "Bearer ..." or "Basic ..." */
  gint64 refresh_at;    /* monotonic µs */
  gint64 expires_at;
};

G_DEFINE_FINAL_TYPE (PrlWatsonClient, prl_watson_client, G_TYPE_OBJECT)

/* Secrets are overwritten before their memory is given back. */
static void
free_secret (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
prl_watson_client_finalize (GObject *object)
{
  PrlWatsonClient *self = PRL_WATSON_CLIENT (object);

  g_clear_object (&self->http);
  g_free (self->service_url);
  free_secret (self->apikey);
  g_free (self->iam_url);
  free_secret (self->authorization);
  g_mutex_clear (&self->token_lock);
  G_OBJECT_CLASS (prl_watson_client_parent_class)->finalize (object);
}

static void
prl_watson_client_class_init (PrlWatsonClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_watson_client_finalize;
}

static void
prl_watson_client_init (PrlWatsonClient *self)
{
  g_mutex_init (&self->token_lock);
}

static gboolean
check_url (const char *url, gboolean iam, GError **error)
{
  g_autoptr (GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri != NULL && g_uri_get_host (uri) != NULL
      && (g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "http") == 0))
    return TRUE;
  if (iam)
    g_set_error (
        error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
        _ ("“%s” is not a valid IAM token URL: it must start with https://. Correct "
           "it in Preferences → Accounts."),
        url != NULL ? url : "");
  else
    g_set_error (
        error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
        _ ("“%s” is not a valid service instance URL: it must start with https://. "
           "Correct it in Preferences → Accounts."),
        url != NULL ? url : "");
  return FALSE;
}

PrlWatsonClient *
prl_watson_client_new (PrlHttpClient *http,
                       const char    *service_url,
                       PrlWatsonAuth  auth,
                       const char    *apikey,
                       const char    *iam_url,
                       GError       **error)
{
  PrlWatsonClient *self;

  g_return_val_if_fail (PRL_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (apikey != NULL, NULL);

  if (iam_url == NULL)
    iam_url = PRL_WATSON_IAM_URL;
  if (!check_url (service_url, FALSE, error)
      || (auth == PRL_WATSON_AUTH_IAM && !check_url (iam_url, TRUE, error)))
    return NULL;
  if (apikey[0] == '\0')
    {
      g_set_error_literal (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED,
                           _ ("The account has no API key. Enter it in Preferences → "
                              "Accounts."));
      return NULL;
    }

  self = g_object_new (PRL_TYPE_WATSON_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->service_url = g_strdup (service_url);
  while (g_str_has_suffix (self->service_url, "/"))
    self->service_url[strlen (self->service_url) - 1] = '\0';
  self->auth = auth;
  self->apikey = g_strdup (apikey);
  self->iam_url = g_strdup (iam_url);
  if (auth == PRL_WATSON_AUTH_BASIC)
    {
      char *pair = g_strconcat ("apikey:", apikey, NULL);
      char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      free_secret (pair);
      free_secret (encoded);
    }
  return self;
}

const char *
prl_watson_client_get_service_url (PrlWatsonClient *self)
{
  g_return_val_if_fail (PRL_IS_WATSON_CLIENT (self), NULL);

  return self->service_url;
}

static void
free_secret_bytes (gpointer data)
{
  free_secret (data);
}

/* Exchanges the API key for a bearer token; called with token_lock held. */
static gboolean
fetch_token (PrlWatsonClient *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *escaped = NULL;
  JsonObject      *object;
  JsonNode        *token, *lifetime;
  char            *form;
  gint64           now, seconds;

  request = prl_http_request_new ("POST", self->iam_url, error);
  if (request == NULL)
    return FALSE;
  escaped = g_uri_escape_string (self->apikey, NULL, FALSE);
  form = g_strconcat (
      "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey=", escaped,
      NULL);
  explicit_bzero (escaped, strlen (escaped));
  {
    g_autoptr (GBytes) body
        = g_bytes_new_with_free_func (form, strlen (form), free_secret_bytes, form);

    prl_http_request_set_body_bytes (request, body, "application/x-www-form-urlencoded");
  }
  prl_http_request_set_header (request, "Accept", "application/json");
  response = prl_http_client_send (self->http, request, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (prl_http_response_get_status (response) != 200)
    {
      _prl_watson_set_iam_error (error, response);
      return FALSE;
    }
  root = _prl_watson_is_json (response) ? prl_http_response_get_json (response, NULL)
                                        : NULL;
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root)
                                                         : NULL;
  if (object == NULL)
    {
      _prl_watson_set_not_watson (error, response, TRUE);
      return FALSE;
    }
  token = json_object_get_member (object, "access_token");
  lifetime = json_object_get_member (object, "expires_in");
  if (token == NULL || !JSON_NODE_HOLDS_VALUE (token)
      || json_node_get_value_type (token) != G_TYPE_STRING || lifetime == NULL
      || !JSON_NODE_HOLDS_VALUE (lifetime)
      || json_node_get_value_type (lifetime) != G_TYPE_INT64
      || json_node_get_int (lifetime) <= 0)
    {
      g_set_error_literal (
          error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_ANSWER,
          _ ("The IAM token URL answered without an access token and its "
             "lifetime. Check the IAM token URL in Preferences → Accounts."));
      return FALSE;
    }

  free_secret (self->authorization);
  self->authorization = g_strconcat ("Bearer ", json_node_get_string (token), NULL);
  seconds = MIN (json_node_get_int (lifetime), 24 * 3600);
  now = g_get_monotonic_time ();
  self->refresh_at = now + (gint64)(seconds * TOKEN_REFRESH_FRACTION * G_USEC_PER_SEC);
  self->expires_at = now + seconds * G_USEC_PER_SEC;
  return TRUE;
}

/* The Authorization header for the next request. @rejected: the one a 401
 * just refused, so that it is not used again. */
static char *
dup_authorization (PrlWatsonClient *self,
                   const char      *rejected,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 now;

  if (self->auth == PRL_WATSON_AUTH_BASIC)
    return g_strdup (self->authorization);

  locker = g_mutex_locker_new (&self->token_lock);
  now = g_get_monotonic_time ();
  if (self->authorization != NULL && g_strcmp0 (self->authorization, rejected) != 0
      && now < self->refresh_at)
    return g_strdup (self->authorization);
  if (fetch_token (self, cancellable, &local_error))
    return g_strdup (self->authorization);
  /* A refresh ahead of time that failed leaves the old token usable. */
  if (self->authorization != NULL && g_strcmp0 (self->authorization, rejected) != 0
      && now < self->expires_at
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (local_error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED))
    return g_strdup (self->authorization);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

typedef gpointer (*ParseFunc) (JsonNode *root, GError **error);

/* One request to the service. */
typedef struct
{
  PrlWatsonOp         op;
  const char         *method;
  char               *path;  /* escaped, from /v1/ */
  GString            *query; /* name=value&... */
  JsonNode           *json;
  PrlWatsonMultipart *multipart;
  char               *file; /* a body streamed from a file */
  char               *file_type;
  ParseFunc           parse;
  GDestroyNotify      free_result;
} Call;

static void
call_free (Call *call)
{
  g_free (call->path);
  g_string_free (call->query, TRUE);
  g_clear_pointer (&call->json, json_node_unref);
  _prl_watson_multipart_free (call->multipart);
  g_free (call->file);
  g_free (call->file_type);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* @op, @method and a path of segments: "v1", "customizations", ID, ... */
static Call *
call_new (PrlWatsonOp op, const char *method, const char *first, ...)
{
  Call    *call = g_new0 (Call, 1);
  GString *path = g_string_new (NULL);
  va_list  args;

  call->op = op;
  call->method = method;
  call->query = g_string_new (NULL);
  va_start (args, first);
  for (const char *segment = first; segment != NULL;
       segment = va_arg (args, const char *))
    {
      g_autofree char *escaped = escape (segment);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (args);
  call->path = g_string_free (path, FALSE);
  return call;
}

static void
add_query (Call *call, const char *name, const char *value)
{
  g_autofree char *escaped = escape (value);

  g_string_append_printf (call->query, "%s%s=%s", call->query->len > 0 ? "&" : "", name,
                          escaped);
}

static void
add_query_weight (Call *call, const char *name, double weight)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* "0.3", as the SDKs send it, not "0.29999999999999999". */
  add_query (call, name, g_ascii_formatd (buffer, sizeof buffer, "%.15g", weight));
}

static PrlHttpRequest *
build_request (PrlWatsonClient *self,
               Call            *call,
               const char      *authorization,
               GError         **error)
{
  g_autofree char *url
      = g_strconcat (self->service_url, call->path, call->query->len > 0 ? "?" : "",
                     call->query->str, NULL);
  g_autoptr (PrlHttpRequest) request = prl_http_request_new (call->method, url, error);

  if (request == NULL)
    return NULL;
  prl_http_request_set_header (request, "Accept", "application/json");
  prl_http_request_set_header (request, "Authorization", authorization);
  if (call->json != NULL)
    prl_http_request_set_body_json (request, call->json, "application/json");
  else if (call->multipart != NULL)
    prl_http_request_set_body_func (
        request, _prl_watson_multipart_open, call->multipart, NULL,
        _prl_watson_multipart_get_length (call->multipart),
        _prl_watson_multipart_get_content_type (call->multipart));
  else if (call->file != NULL)
    prl_http_request_set_body_file (request, call->file, 0, -1, call->file_type);
  return g_steal_pointer (&request);
}

/* Sends @call (which it frees) and reads the answer: the parsed result in
 * @result when the call has a parser; %FALSE with @error. */
static gboolean
send_call (PrlWatsonClient *self,
           Call            *call_owned,
           gpointer        *result,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr (Call) call = call_owned;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *rejected = NULL;
  gpointer         parsed;

  /* With IAM, a 401 gets one more try with a fresh token: the token may
   * have been revoked, or the clock may have jumped. */
  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *authorization
          = dup_authorization (self, rejected, cancellable, error);
      g_autoptr (PrlHttpRequest) request = NULL;

      if (authorization == NULL)
        return FALSE;
      request = build_request (self, call, authorization, error);
      if (request == NULL)
        return FALSE;
      g_clear_object (&response);
      response = prl_http_client_send (self->http, request, cancellable, error);
      if (response == NULL)
        return FALSE;
      if (prl_http_response_get_status (response) != 401
          || self->auth != PRL_WATSON_AUTH_IAM || attempt > 0)
        break;
      g_free (rejected);
      rejected = g_steal_pointer (&authorization);
      g_debug ("%s %s: 401, fetching a new token", call->method, call->path);
    }

  if (!prl_http_response_is_success (response))
    {
      _prl_watson_set_error (error, call->op, response);
      return FALSE;
    }
  /* DELETE /v1/recognitions/{id} answers 204 with no body, as IBM
   * documents it; only calls that expect no result may get that. */
  if (call->parse == NULL && prl_http_response_get_status (response) == 204)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (!_prl_watson_is_json (response)
      || (root = prl_http_response_get_json (response, NULL)) == NULL)
    {
      _prl_watson_set_not_watson (error, response, FALSE);
      return FALSE;
    }
  if (call->parse == NULL)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  parsed = call->parse (root, error);
  if (parsed == NULL)
    return FALSE;
  /* A call cancelled while its answer came in still ends as cancelled,
   * as it did when the calls ran as GTasks. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      call->free_result (parsed);
      return FALSE;
    }
  *result = parsed;
  return TRUE;
}

static gpointer
run_pointer (PrlWatsonClient *self, Call *call, GCancellable *cancellable, GError **error)
{
  gpointer result = NULL;

  g_return_val_if_fail (PRL_IS_WATSON_CLIENT (self), NULL);

  if (!send_call (self, call, &result, cancellable, error))
    prl_cloud_call_failed (cancellable, error);
  return result;
}

static gboolean
run_boolean (PrlWatsonClient *self, Call *call, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (PRL_IS_WATSON_CLIENT (self), FALSE);

  return send_call (self, call, NULL, cancellable, error)
         || prl_cloud_call_failed (cancellable, error);
}

static Call *
with_parse (Call *call, gpointer parse, GDestroyNotify free_result)
{
  call->parse = (ParseFunc)parse;
  call->free_result = free_result;
  return call;
}

/* The calls on one customization: METHOD /v1/customizations/{id}[/ACTION];
 * @run: run_pointer, or run_boolean for the calls without a result. */
#define DEFINE_MODEL_CALL(type, run, op, kind, method, action, parse, free_result)       \
  type prl_watson_client_##op##_sync (PrlWatsonClient *self,                             \
                                      const char      *customization_id,                 \
                                      GCancellable *cancellable, GError **error)         \
  {                                                                                      \
    Call *call = call_new (kind, method, "v1", "customizations", customization_id,       \
                           action, NULL);                                                \
                                                                                         \
    return run (self, with_parse (call, parse, free_result), cancellable, error);        \
  }

/* The calls on one corpus or word: METHOD /v1/customizations/{id}/KIND/{name}. */
#define DEFINE_ITEM_CALL(type, run, op, kind, method, collection, parse, free_result)    \
  type prl_watson_client_##op##_sync (PrlWatsonClient *self,                             \
                                      const char *customization_id, const char *name,    \
                                      GCancellable *cancellable, GError **error)         \
  {                                                                                      \
    Call *call = call_new (kind, method, "v1", "customizations", customization_id,       \
                           collection, name, NULL);                                      \
                                                                                         \
    return run (self, with_parse (call, parse, free_result), cancellable, error);        \
  }

DEFINE_MODEL_CALL (PrlWatsonModel *,
                   run_pointer,
                   get_model,
                   PRL_WATSON_OP_READ,
                   "GET",
                   NULL,
                   _prl_watson_parse_model,
                   (GDestroyNotify)prl_watson_model_free)
DEFINE_MODEL_CALL (
    gboolean, run_boolean, delete_model, PRL_WATSON_OP_CHANGE, "DELETE", NULL, NULL, NULL)
DEFINE_MODEL_CALL (
    gboolean, run_boolean, reset_model, PRL_WATSON_OP_CHANGE, "POST", "reset", NULL, NULL)
DEFINE_MODEL_CALL (gboolean,
                   run_boolean,
                   upgrade_model,
                   PRL_WATSON_OP_CHANGE,
                   "POST",
                   "upgrade_model",
                   NULL,
                   NULL)
DEFINE_ITEM_CALL (PrlWatsonCorpus *,
                  run_pointer,
                  get_corpus,
                  PRL_WATSON_OP_READ,
                  "GET",
                  "corpora",
                  _prl_watson_parse_corpus,
                  (GDestroyNotify)prl_watson_corpus_free)
DEFINE_ITEM_CALL (PrlWatsonWord *,
                  run_pointer,
                  get_word,
                  PRL_WATSON_OP_READ,
                  "GET",
                  "words",
                  _prl_watson_parse_word,
                  (GDestroyNotify)prl_watson_word_free)

GPtrArray *
prl_watson_client_list_base_models_sync (PrlWatsonClient *self,
                                         GCancellable    *cancellable,
                                         GError         **error)
{
  Call *call = call_new (PRL_WATSON_OP_MODELS, "GET", "v1", "models", NULL);

  return run_pointer (
      self,
      with_parse (call, _prl_watson_parse_base_models, (GDestroyNotify)g_ptr_array_unref),
      cancellable, error);
}

char *
prl_watson_client_create_model_sync (PrlWatsonClient *self,
                                     const char      *name,
                                     const char      *base_model,
                                     const char      *description,
                                     GCancellable    *cancellable,
                                     GError         **error)
{
  Call *call;

  g_return_val_if_fail (name != NULL && base_model != NULL, NULL);

  call = call_new (PRL_WATSON_OP_CREATE, "POST", "v1", "customizations", NULL);
  call->json = _prl_watson_model_to_json (name, base_model, description);
  return run_pointer (self, with_parse (call, _prl_watson_parse_created, g_free),
                      cancellable, error);
}

GPtrArray *
prl_watson_client_list_models_sync (PrlWatsonClient *self,
                                    const char      *language,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  Call *call = call_new (PRL_WATSON_OP_READ, "GET", "v1", "customizations", NULL);

  if (language != NULL)
    add_query (call, "language", language);
  return run_pointer (
      self,
      with_parse (call, _prl_watson_parse_models, (GDestroyNotify)g_ptr_array_unref),
      cancellable, error);
}

gboolean
prl_watson_client_add_corpus_sync (PrlWatsonClient *self,
                                   const char      *customization_id,
                                   const char      *corpus_name,
                                   const char      *path,
                                   gboolean         allow_overwrite,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_autoptr (Call) call = call_new (PRL_WATSON_OP_CHANGE, "POST", "v1", "customizations",
                                    customization_id, "corpora", corpus_name, NULL);

  if (allow_overwrite)
    add_query (call, "allow_overwrite", "true");
  call->multipart = _prl_watson_multipart_new (path, "corpus_file", "text/plain", error);
  if (call->multipart == NULL)
    return FALSE;
  return run_boolean (self, g_steal_pointer (&call), cancellable, error);
}

GPtrArray *
prl_watson_client_list_words_sync (PrlWatsonClient  *self,
                                   const char       *customization_id,
                                   PrlWatsonWordType type,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  Call *call = call_new (PRL_WATSON_OP_READ, "GET", "v1", "customizations",
                         customization_id, "words", NULL);

  if (type == PRL_WATSON_WORDS_USER)
    add_query (call, "word_type", "user");
  else if (type == PRL_WATSON_WORDS_CORPORA)
    add_query (call, "word_type", "corpora");
  return run_pointer (
      self, with_parse (call, _prl_watson_parse_words, (GDestroyNotify)g_ptr_array_unref),
      cancellable, error);
}

gboolean
prl_watson_client_add_words_sync (PrlWatsonClient *self,
                                  const char      *customization_id,
                                  GPtrArray       *words,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  Call *call;

  g_return_val_if_fail (words != NULL, FALSE);

  call = call_new (PRL_WATSON_OP_CHANGE, "POST", "v1", "customizations", customization_id,
                   "words", NULL);
  call->json = _prl_watson_words_to_json (words);
  return run_boolean (self, call, cancellable, error);
}

gboolean
prl_watson_client_put_word_sync (PrlWatsonClient   *self,
                                 const char        *customization_id,
                                 const char        *word,
                                 const char *const *sounds_like,
                                 const char        *display_as,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  Call *call = call_new (PRL_WATSON_OP_CHANGE, "PUT", "v1", "customizations",
                         customization_id, "words", word, NULL);

  call->json = _prl_watson_word_to_json (NULL, sounds_like, display_as);
  return run_boolean (self, call, cancellable, error);
}

char **
prl_watson_client_train_sync (PrlWatsonClient             *self,
                              const char                  *customization_id,
                              const PrlWatsonTrainOptions *options,
                              GCancellable                *cancellable,
                              GError                     **error)
{
  Call *call = call_new (PRL_WATSON_OP_TRAIN, "POST", "v1", "customizations",
                         customization_id, "train", NULL);

  if (options != NULL && options->user_words_only)
    add_query (call, "word_type_to_add", "user");
  if (options != NULL && options->customization_weight >= 0)
    add_query_weight (call, "customization_weight", options->customization_weight);
  if (options != NULL && options->lenient)
    add_query (call, "strict", "false");
  if (options != NULL && options->force)
    add_query (call, "force", "true");
  return run_pointer (
      self, with_parse (call, _prl_watson_parse_warnings, (GDestroyNotify)g_strfreev),
      cancellable, error);
}

/* The query of /v1/recognize and /v1/recognitions, which take the same. */
static void
add_recognize_query (Call *call, const PrlWatsonRecognizeOptions *options)
{
  if (options == NULL)
    return;
  if (options->model != NULL)
    add_query (call, "model", options->model);
  if (options->customization_id != NULL)
    add_query (call, "language_customization_id", options->customization_id);
  if (options->customization_weight >= 0)
    add_query_weight (call, "customization_weight", options->customization_weight);
  if (options->base_model_version != NULL)
    add_query (call, "base_model_version", options->base_model_version);
  if (options->timestamps)
    add_query (call, "timestamps", "true");
  if (options->word_confidence)
    add_query (call, "word_confidence", "true");
}

/* /v1/recognize answers with the transcript; POST /v1/recognitions makes
 * a job once the audio is in, its results from
 * prl_watson_client_check_job_sync(). Both take the same audio and
 * query. */
#define DEFINE_RECOGNIZE_CALL(type, op, collection, parse, free_result)                  \
  type prl_watson_client_##op##_sync (PrlWatsonClient *self, const char *path,           \
                                      const char                      *content_type,     \
                                      const PrlWatsonRecognizeOptions *options,          \
                                      GCancellable *cancellable, GError **error)         \
  {                                                                                      \
    Call *call;                                                                          \
                                                                                         \
    g_return_val_if_fail (path != NULL && content_type != NULL, NULL);                   \
                                                                                         \
    call = call_new (PRL_WATSON_OP_RECOGNIZE, "POST", "v1", collection, NULL);           \
    add_recognize_query (call, options);                                                 \
    call->file = g_strdup (path);                                                        \
    call->file_type = g_strdup (content_type);                                           \
    return run_pointer (self, with_parse (call, parse, free_result), cancellable,        \
                        error);                                                          \
  }

/* The calls on one recognition job: METHOD /v1/recognitions/{id}. */
#define DEFINE_JOB_CALL(type, run, op, method, parse, free_result)                       \
  type prl_watson_client_##op##_sync (PrlWatsonClient *self, const char *job_id,         \
                                      GCancellable *cancellable, GError **error)         \
  {                                                                                      \
    Call *call = call_new (PRL_WATSON_OP_RECOGNIZE, method, "v1", "recognitions",        \
                           job_id, NULL);                                                \
                                                                                         \
    return run (self, with_parse (call, parse, free_result), cancellable, error);        \
  }

DEFINE_RECOGNIZE_CALL (PrlWatsonTranscript *,
                       recognize,
                       "recognize",
                       _prl_watson_parse_transcript,
                       (GDestroyNotify)prl_watson_transcript_free)
DEFINE_RECOGNIZE_CALL (PrlWatsonJob *,
                       create_job,
                       "recognitions",
                       _prl_watson_parse_job,
                       (GDestroyNotify)prl_watson_job_free)
DEFINE_JOB_CALL (PrlWatsonJob *,
                 run_pointer,
                 check_job,
                 "GET",
                 _prl_watson_parse_job,
                 (GDestroyNotify)prl_watson_job_free)
DEFINE_JOB_CALL (gboolean, run_boolean, delete_job, "DELETE", NULL, NULL)
