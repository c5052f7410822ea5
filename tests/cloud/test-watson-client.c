/* test-watson-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlWatsonClient against the Watson stand-in (watson-server.py, itself
 * checked with IBM's Node SDK by test-watson-server.js), started once for
 * this test binary. argv: the stand-in, parlance-cli (its recognizer), and
 * optionally test-watson-sdk-calls.js for the cross-check with the SDK. */

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "prl-watson-client.h"
#include "prl-watson-provider.h"
#include "../test-util.h"

#define TOKEN_LIFETIME 3

static char          *tmpdir;
static char          *service_url;
static char          *iam_url;
static char          *apikey;
static char          *sdk_script;
static char          *parlance_cli;
static GSubprocess   *server;
static PrlHttpClient *http;

/* ------------------------------------------------------------ helpers */

/* Every log message of the run, debug ones included, to check that no
 * key or token ever reaches a log. */
static GMutex   log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0
        && (g_str_equal (fields[i].key, "MESSAGE")
            || g_str_equal (fields[i].key, "GLIB_DOMAIN")))
      g_string_append_printf (log_text, "%s ", (const char *)fields[i].value);
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static PrlWatsonClient *
make_client (PrlWatsonAuth auth, const char *key)
{
  g_autoptr (GError) error = NULL;
  PrlWatsonClient *client
      = prl_watson_client_new (http, service_url, auth, key, iam_url, &error);

  g_assert_no_error (error);
  return client;
}

/* A request to the stand-in's test hooks (not Watson's API). */
static JsonNode *
hook (const char *method, const char *path, const char *json)
{
  g_autofree char *url = g_strconcat (service_url, "/_standin/", path, NULL);
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  request = prl_http_request_new (method, url, &error);
  g_assert_no_error (error);
  if (json != NULL)
    {
      g_autoptr (GBytes) body = g_bytes_new (json, strlen (json));

      prl_http_request_set_body_bytes (request, body, "application/json");
    }
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (response), ==, 200);
  root = prl_http_response_get_json (response, &error);
  g_assert_no_error (error);
  return root;
}

static void
clear_requests (void)
{
  json_node_unref (hook ("DELETE", "requests", NULL));
}

/* The API requests received since clear_requests(), whose path starts
 * with @prefix. */
static GPtrArray *
requests (const char *prefix)
{
  g_autoptr (JsonNode) root = hook ("GET", "requests", NULL);
  JsonArray *all = json_node_get_array (root);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      if (g_str_has_prefix (json_object_get_string_member (r, "path"), prefix))
        g_ptr_array_add (out, json_object_ref (r));
    }
  return out;
}

static const char *
header_of (JsonObject *request, const char *name)
{
  return json_object_get_string_member_with_default (
      json_object_get_object_member (request, "headers"), name, NULL);
}

/* @text with every @id replaced by "ID". */
static char *
without_id (const char *text, const char *id)
{
  g_auto (GStrv) parts = g_strsplit (text, id, -1);

  return g_strjoinv ("ID", parts);
}

static void
write_file (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
create_model (PrlWatsonClient *client, const char *name, const char *base)
{
  g_autoptr (GError) error = NULL;
  char *id;

  id = prl_watson_client_create_model_sync (client, name, base,
                                            "made by test-watson-client", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static PrlWatsonModel *
get_model (PrlWatsonClient *client, const char *id, GError **error)
{

  return prl_watson_client_get_model_sync (client, id, NULL, error);
}

/* Polls until the model has @status (as the app will, with back-off). */
static PrlWatsonModel *
wait_status (PrlWatsonClient *client, const char *id, PrlWatsonStatus status)
{
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlWatsonModel) model = get_model (client, id, &error);

      g_assert_no_error (error);
      if (model->status == status)
        return g_steal_pointer (&model);
      g_usleep (100 * 1000);
    }
  g_error ("model %s never reached %s", id, prl_watson_status_to_string (status));
  return NULL;
}

static PrlWatsonCorpus *
wait_corpus (PrlWatsonClient *client, const char *id, const char *name)
{
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlWatsonCorpus) corpus = NULL;

      corpus = prl_watson_client_get_corpus_sync (client, id, name, NULL, &error);
      g_assert_no_error (error);
      if (corpus->status != PRL_WATSON_CORPUS_BEING_PROCESSED)
        return g_steal_pointer (&corpus);
      g_usleep (100 * 1000);
    }
  g_error ("corpus %s never analysed", name);
  return NULL;
}

static void
add_corpus (PrlWatsonClient *client,
            const char      *id,
            const char      *name,
            const char      *path,
            gboolean         overwrite,
            GError         **error)
{

  prl_watson_client_add_corpus_sync (client, id, name, path, overwrite, NULL, error);
}

static char **
train (PrlWatsonClient             *client,
       const char                  *id,
       const PrlWatsonTrainOptions *options,
       GError                     **error)
{

  return prl_watson_client_train_sync (client, id, options, NULL, error);
}

/* upgrade_model, reset, delete: the calls on a model with no answer. */
#define upgrade(c, id, e) prl_watson_client_upgrade_model_sync (c, id, NULL, e)
#define reset(c, id, e) prl_watson_client_reset_model_sync (c, id, NULL, e)
#define delete_model(c, id, e) prl_watson_client_delete_model_sync (c, id, NULL, e)

static GPtrArray *
list_models (PrlWatsonClient *client, const char *language, GError **error)
{

  return prl_watson_client_list_models_sync (client, language, NULL, error);
}

static void
add_user_words (PrlWatsonClient *client, const char *id)
{
  g_autoptr (GPtrArray) words
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_watson_word_free);
  g_autoptr (GError) error = NULL;
  PrlWatsonWord *word = g_new0 (PrlWatsonWord, 1);

  word->word = g_strdup ("Parlance");
  word->sounds_like = g_strsplit ("par lance|parlance", "|", -1);
  word->display_as = g_strdup ("Parlance");
  g_ptr_array_add (words, word);
  g_assert_true (prl_watson_client_add_words_sync (client, id, words, NULL, &error));
  g_assert_no_error (error);
}

/* What parlance-cli itself hears in @wav, to compare with the stand-in. */
static char *
direct_transcript (const char *wav)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) cli = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", tmpdir, TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, parlance_cli, "transcribe",
                                     "--format", "json", "--threads", "1", wav, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return g_strdup (json_object_get_string_member (
      json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)),
                                     0),
      "text"));
}

static char *
speech_wav (void)
{
  char *wav = g_build_filename (tmpdir, "speech.wav", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) espeak = NULL;

  if (g_file_test (wav, G_FILE_TEST_EXISTS))
    return wav;
  espeak = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "espeak-ng", "-v", "en-us",
                             "-s", "140", "-w", wav,
                             "the quick brown fox jumps over the lazy dog", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (espeak, NULL, &error));
  return wav;
}

/* -------------------------------------------------------------- tests */

/* create -> corpus (analysis watched) -> words -> train -> poll ->
 * recognize -> upgrade -> delete, with IAM. */
static void
test_lifecycle (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autofree char *corpus_path = g_build_filename (tmpdir, "corpus1.txt", NULL);
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWatsonModel) model = NULL;
  g_autoptr (PrlWatsonCorpus) corpus = NULL;
  g_autoptr (GPtrArray) words = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_auto (GStrv) warnings = NULL;
  PrlWatsonTrainOptions options = { FALSE, 0.5, FALSE, FALSE };

  id = create_model (client, "lifecycle", "en-US_BroadbandModel");
  model = get_model (client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (model->id, ==, id);
  g_assert_cmpstr (model->name, ==, "lifecycle");
  g_assert_cmpstr (model->base_model, ==, "en-US_BroadbandModel");
  g_assert_cmpstr (model->language, ==, "en-US");
  g_assert_cmpint (model->status, ==, PRL_WATSON_STATUS_PENDING);
  g_assert_cmpuint (g_strv_length (model->versions), ==, 0);
  g_clear_pointer (&model, prl_watson_model_free);

  models = list_models (client, "en-US", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, >=, 1);
  g_clear_pointer (&models, g_ptr_array_unref);
  models = list_models (client, "de-DE", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 0);

  /* 8 words, of which "qwzxv" and "blorptastic" are not in the CMU
   * dictionary: the stand-in really counts them. */
  write_file (corpus_path, "Hello world, hello QWZXV.\nThe blorptastic speech model!\n");
  add_corpus (client, id, "corpus 1", corpus_path, FALSE, &error);
  g_assert_no_error (error);
  corpus = wait_corpus (client, id, "corpus 1");
  g_assert_cmpint (corpus->status, ==, PRL_WATSON_CORPUS_ANALYZED);
  g_assert_cmpuint (corpus->total_words, ==, 8);
  g_assert_cmpuint (corpus->out_of_vocabulary_words, ==, 2);
  g_assert_null (corpus->error);

  /* The same name again needs allow_overwrite. */
  add_corpus (client, id, "corpus 1", corpus_path, FALSE, &error);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "allow_overwrite=true"));
  g_clear_error (&error);
  add_corpus (client, id, "corpus 1", corpus_path, TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&corpus, prl_watson_corpus_free);
  corpus = wait_corpus (client, id, "corpus 1");
  g_assert_cmpuint (corpus->total_words, ==, 8);

  {

    words = prl_watson_client_list_words_sync (client, id, PRL_WATSON_WORDS_CORPORA, NULL,
                                               &error);
    g_assert_no_error (error);
    g_assert_cmpuint (words->len, ==, 2);
    g_assert_cmpstr (((PrlWatsonWord *)words->pdata[0])->word, ==, "blorptastic");
    g_assert_cmpstr (((PrlWatsonWord *)words->pdata[1])->word, ==, "qwzxv");
    g_assert_cmpuint (((PrlWatsonWord *)words->pdata[1])->count, ==, 1);
    g_assert_cmpstr (((PrlWatsonWord *)words->pdata[1])->source[0], ==, "corpus 1");
  }

  add_user_words (client, id);
  {
    g_autoptr (PrlWatsonWord) word = NULL;
    const char *const sounds[] = { "I. B. M.", NULL };

    g_assert_true (
        prl_watson_client_put_word_sync (client, id, "IBM", sounds, "IBM", NULL, &error));
    word = prl_watson_client_get_word_sync (client, id, "IBM", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (word->word, ==, "IBM");
    g_assert_cmpstrv (word->sounds_like, sounds);
    g_assert_cmpstr (word->display_as, ==, "IBM");
    g_assert_cmpstr (word->source[0], ==, "user");
  }
  {
    g_autoptr (GPtrArray) user = NULL;

    user = prl_watson_client_list_words_sync (client, id, PRL_WATSON_WORDS_USER, NULL,
                                              &error);
    g_assert_no_error (error);
    g_assert_cmpuint (user->len, ==, 2);
    g_assert_cmpstr (((PrlWatsonWord *)user->pdata[1])->word, ==, "Parlance");
    g_assert_cmpstr (((PrlWatsonWord *)user->pdata[1])->sounds_like[0], ==, "par lance");
  }

  model = get_model (client, id, &error);
  g_assert_cmpint (model->status, ==, PRL_WATSON_STATUS_READY);
  g_clear_pointer (&model, prl_watson_model_free);

  warnings = train (client, id, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  model = get_model (client, id, &error);
  g_assert_cmpint (model->status, ==, PRL_WATSON_STATUS_TRAINING);
  g_clear_pointer (&model, prl_watson_model_free);
  model = wait_status (client, id, PRL_WATSON_STATUS_AVAILABLE);
  g_assert_cmpuint (model->progress, ==, 100);
  g_assert_cmpuint (g_strv_length (model->versions), ==, 1);
  g_assert_cmpstr (model->versions[0], ==, "en-US_BroadbandModel.v2020-01-16");
  g_clear_pointer (&model, prl_watson_model_free);

  if (parlance_cli != NULL)
    {
      g_autofree char *wav = speech_wav ();
      g_autofree char *heard = direct_transcript (wav);
      g_autoptr (PrlWatsonTranscript) transcript = NULL;
      g_auto (GStrv) expected = g_strsplit (heard, " ", -1);
      PrlWatsonRecognizeOptions recognize
          = { "en-US_BroadbandModel", id, 0.4, NULL, TRUE, TRUE };

      transcript = prl_watson_client_recognize_sync (client, wav, "audio/wav", &recognize,
                                                     NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (transcript->text, ==, heard);
      g_assert_cmpuint (transcript->n_words, ==, g_strv_length (expected));
      for (guint i = 0; i < transcript->n_words; i++)
        {
          g_assert_cmpstr (transcript->words[i].word, ==, expected[i]);
          g_assert_cmpfloat (transcript->words[i].end, >=, transcript->words[i].start);
          g_assert_cmpfloat (transcript->words[i].confidence, >=, 0);
          g_assert_cmpfloat (transcript->words[i].confidence, <=, 1);
          if (i > 0)
            g_assert_cmpfloat (transcript->words[i].start, >=,
                               transcript->words[i - 1].start);
        }
    }

  /* No newer base: upgrade_model changes nothing. Then IBM releases one. */
  g_assert_true (upgrade (client, id, &error));
  g_assert_no_error (error);
  model = get_model (client, id, &error);
  g_assert_cmpint (model->status, ==, PRL_WATSON_STATUS_AVAILABLE);
  g_clear_pointer (&model, prl_watson_model_free);
  json_node_unref (hook ("POST", "bases/en-US_BroadbandModel/release",
                         "{\"version\": \"2026-11-01\"}"));
  g_assert_true (upgrade (client, id, &error));
  model = get_model (client, id, &error);
  g_assert_cmpint (model->status, ==, PRL_WATSON_STATUS_UPGRADING);
  g_clear_pointer (&model, prl_watson_model_free);
  model = wait_status (client, id, PRL_WATSON_STATUS_AVAILABLE);
  g_assert_cmpuint (g_strv_length (model->versions), ==, 2);
  g_assert_cmpstr (model->versions[1], ==, "en-US_BroadbandModel.v2026-11-01");
  g_clear_pointer (&model, prl_watson_model_free);

  g_assert_true (delete_model (client, id, &error));
  g_assert_no_error (error);
  model = get_model (client, id, &error);
  g_assert_null (model);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND);
  /* The service's words, verbatim, and what to do. */
  g_assert_nonnull (strstr (error->message, id));
  g_assert_nonnull (strstr (error->message, "refresh the list"));
}

static void
test_base_models (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_BASIC, apikey);
  g_autoptr (GPtrArray) bases = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found = FALSE;

  bases = prl_watson_client_list_base_models_sync (client, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < bases->len; i++)
    {
      PrlWatsonBaseModel *base = bases->pdata[i];

      if (g_str_equal (base->name, "en-US_Telephony"))
        {
          found = TRUE;
          g_assert_cmpuint (base->rate, ==, 8000);
          g_assert_cmpstr (base->language, ==, "en-US");
          g_assert_true (base->custom_language_model);
        }
    }
  g_assert_true (found);
}

/* One of the calls that meet an old token at once. */
static gpointer
list_models_thread (gpointer client)
{
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;

  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

/* The token is refreshed before it expires, by one thread for all. */
static void
test_token_refresh (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GPtrArray) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) models = NULL;
  GThread *threads[8];

  clear_requests ();
  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&models, g_ptr_array_unref);
  /* Past 80 % of the token's life, still before its end. */
  g_usleep ((gulong)(TOKEN_LIFETIME * 0.85 * G_USEC_PER_SEC));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("list", list_models_thread, client);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  tokens = requests ("/identity/token");
  g_assert_cmpuint (tokens->len, ==, 2);
  for (guint i = 0; i < tokens->len; i++)
    {
      JsonObject *t = tokens->pdata[i];

      g_assert_cmpstr (json_object_get_string_member (t, "method"), ==, "POST");
      g_assert_true (g_str_has_prefix (header_of (t, "content-type"),
                                       "application/x-www-form-urlencoded"));
      g_assert_true (
          g_str_has_prefix (json_object_get_string_member (t, "body"),
                            "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3A"
                            "apikey&apikey="));
    }
  log = requests ("/v1/");
  g_assert_cmpuint (log->len, ==, 9);
  g_assert_cmpstr (header_of (log->pdata[0], "authorization"), !=,
                   header_of (log->pdata[1], "authorization"));
  for (guint i = 2; i < log->len; i++)
    g_assert_cmpstr (header_of (log->pdata[i], "authorization"), ==,
                     header_of (log->pdata[1], "authorization"));
}

/* A token revoked in the middle (a 401 during a long poll): one new token,
 * the request sent again, the caller sees nothing. */
static void
test_revoked_token (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GError) error = NULL;

  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&models, g_ptr_array_unref);
  clear_requests ();
  json_node_unref (hook ("POST", "revoke-tokens", NULL));
  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  log = requests ("/");
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (log->pdata[0], "path"), ==,
                   "/v1/customizations");
  g_assert_cmpstr (json_object_get_string_member (log->pdata[1], "path"), ==,
                   "/identity/token");
  g_assert_cmpstr (json_object_get_string_member (log->pdata[2], "path"), ==,
                   "/v1/customizations");
}

static void
test_wrong_key (void)
{
  g_autoptr (PrlWatsonClient) iam = make_client (PRL_WATSON_AUTH_IAM, "wrong-key-123");
  g_autoptr (PrlWatsonClient) basic
      = make_client (PRL_WATSON_AUTH_BASIC, "wrong-key-123");
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;

  models = list_models (iam, NULL, &error);
  g_assert_null (models);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Provided API key could not be found."));
  g_assert_nonnull (strstr (error->message, "Preferences → Accounts"));
  g_assert_null (strstr (error->message, "wrong-key-123"));
  g_clear_error (&error);

  models = list_models (basic, NULL, &error);
  g_assert_null (models);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Preferences → Accounts"));
  g_assert_null (strstr (error->message, "wrong-key-123"));
  g_clear_error (&error);

  g_assert_null (prl_watson_client_new (http, "ftp://example.com", PRL_WATSON_AUTH_IAM,
                                        apikey, NULL, &error));
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (
      prl_watson_client_new (http, service_url, PRL_WATSON_AUTH_IAM, "", NULL, &error));
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNAUTHORIZED);
}

/* Train, reset, upgrade, delete and new data are refused while the model
 * trains; so is upgrade_model for a next-generation base. */
static void
test_busy (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autofree char *id = create_model (client, "busy", "en-US_Multimedia");
  g_autofree char *corpus_path = g_build_filename (tmpdir, "busy.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWatsonModel) model = NULL;
  g_auto (GStrv) warnings = NULL;
  PrlWatsonTrainOptions force = { FALSE, -1, FALSE, TRUE };

  warnings = train (client, id, NULL, &error);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "No input data"));
  g_clear_error (&error);

  add_user_words (client, id);
  warnings = train (client, id, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&warnings, g_strfreev);

  warnings = train (client, id, NULL, &error);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "busy handling a previous request"));
  g_assert_nonnull (
      strstr (error->message, "wait until its status is Ready or Available"));
  g_clear_error (&error);
  g_assert_false (reset (client, id, &error));
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (upgrade (client, id, &error));
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (delete_model (client, id, &error));
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY);
  g_clear_error (&error);
  write_file (corpus_path, "words while it trains");
  add_corpus (client, id, "late", corpus_path, FALSE, &error);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY);
  g_clear_error (&error);

  model = wait_status (client, id, PRL_WATSON_STATUS_AVAILABLE);
  g_clear_pointer (&model, prl_watson_model_free);
  g_assert_false (upgrade (client, id, &error));
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "retrain it with force=true"));
  g_clear_error (&error);
  warnings = train (client, id, &force, &error);
  g_assert_no_error (error);
  model = wait_status (client, id, PRL_WATSON_STATUS_AVAILABLE);
  g_clear_pointer (&model, prl_watson_model_free);

  /* A training that fails shows the service's error. */
  {
    g_autofree char *fail_hook = g_strdup_printf ("customizations/%s/fail-training", id);

    json_node_unref (
        hook ("POST", fail_hook, "{\"error\": \"Training failed: out of cheese.\"}"));
  }
  g_clear_pointer (&warnings, g_strfreev);
  warnings = train (client, id, &force, &error);
  g_assert_no_error (error);
  model = wait_status (client, id, PRL_WATSON_STATUS_FAILED);
  g_assert_cmpstr (model->error, ==, "Training failed: out of cheese.");
  g_clear_pointer (&model, prl_watson_model_free);

  g_assert_true (reset (client, id, &error));
  model = get_model (client, id, &error);
  g_assert_cmpint (model->status, ==, PRL_WATSON_STATUS_PENDING);
  g_assert_true (delete_model (client, id, &error));
  g_assert_no_error (error);
}

/* A corpus the service cannot analyse, and audio it does not take. */
static void
test_rejected_data (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autofree char *id = create_model (client, "rejected", "en-US_Multimedia");
  g_autofree char *binary = g_build_filename (tmpdir, "binary.txt", NULL);
  g_autoptr (PrlWatsonCorpus) corpus = NULL;
  g_autoptr (PrlWatsonTranscript) transcript = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) warnings = NULL;
  PrlWatsonTrainOptions     lenient = { FALSE, -1, TRUE, FALSE };
  PrlWatsonRecognizeOptions recognize = { NULL, NULL, -1, NULL, FALSE, FALSE };

  g_file_set_contents (binary, "\xff\xfe\x00\x41\xc3", 5, &error);
  add_corpus (client, id, "binary", binary, FALSE, &error);
  g_assert_no_error (error);
  corpus = wait_corpus (client, id, "binary");
  g_assert_cmpint (corpus->status, ==, PRL_WATSON_CORPUS_UNDETERMINED);
  g_assert_nonnull (strstr (corpus->error, "not plain text in UTF-8"));
  add_user_words (client, id);
  warnings = train (client, id, NULL, &error);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "invalid resources"));
  g_clear_error (&error);
  warnings = train (client, id, &lenient, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "'binary'"));

  /* A corpus that is not a regular file is refused before anything is sent. */
  add_corpus (client, id, "dir", tmpdir, FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  transcript = prl_watson_client_recognize_sync (client, binary, "video/x-nothing",
                                                 &recognize, NULL, &error);
  g_assert_null (transcript);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_UNSUPPORTED_MEDIA);
  g_assert_nonnull (strstr (error->message, "Unsupported content type"));
  g_clear_error (&error);
  if (parlance_cli != NULL)
    {
      transcript = prl_watson_client_recognize_sync (client, binary, "audio/wav",
                                                     &recognize, NULL, &error);
      g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST);
      g_assert_nonnull (strstr (error->message, "unable to transcode"));
      g_clear_error (&error);
    }
  prl_watson_model_free (wait_status (client, id, PRL_WATSON_STATUS_AVAILABLE));
  g_assert_true (delete_model (client, id, &error));
}

/* Cancels from another thread while the test's thread blocks in a call. */
static gpointer
cancel_thread (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

/* A cancel in the middle of a call ends it at once. */
static void
test_cancel (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  GThread *canceller;
  gint64   start;

  /* Fetch the token first, so that the stalled call is the API's. */
  models = list_models (client, NULL, &error);
  g_clear_pointer (&models, g_ptr_array_unref);
  json_node_unref (hook ("POST", "next", "{\"fault\": \"none\", \"delay\": 3}"));
  start = g_get_monotonic_time ();
  canceller = g_thread_new ("cancel", cancel_thread, cancellable);
  models = prl_watson_client_list_models_sync (client, NULL, cancellable, &error);
  g_thread_join (canceller);
  g_assert_null (models);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* Let the stalled request finish before the next test counts requests. */
  g_usleep (3 * G_USEC_PER_SEC);
}

/* Recognition as an asynchronous job (POST /v1/recognitions): the same
 * transcript as /v1/recognize once it completes, the job deleted after it
 * is read, parameters refused when the job is created, a failed job's
 * reason, and an unknown job. */
static void
test_recognition_job (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (PrlWatsonTranscript) transcript = NULL;
  g_autoptr (PrlWatsonJob) job = NULL;
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char          *wav = NULL;
  g_autofree char          *heard = NULL;
  g_autofree char          *garbage = g_build_filename (tmpdir, "garbage.wav", NULL);
  PrlWatsonRecognizeOptions options
      = { "en-US_BroadbandModel", NULL, -1, NULL, TRUE, TRUE };
  PrlWatsonRecognizeOptions bad_base = { "xx-XX_NoModel", NULL, -1, NULL, FALSE, FALSE };
  gboolean                  deleted = FALSE;

  if (parlance_cli == NULL)
    {
      g_test_skip ("No parlance-cli to recognize with");
      return;
    }
  wav = speech_wav ();
  heard = direct_transcript (wav);
  clear_requests ();
  transcript = prl_watson_provider_recognize_job (client, wav, "audio/wav", &options,
                                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (transcript->text, ==, heard);
  g_assert_cmpuint (transcript->n_words, >, 0);
  g_assert_cmpfloat (transcript->words[0].confidence, >=, 0);

  /* One create with the recognize parameters, polls, one delete. */
  seen = requests ("/v1/recognitions");
  g_assert_cmpuint (seen->len, >=, 3);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (seen, 0), "method"),
                   ==, "POST");
  g_assert_cmpstr (
      json_object_get_string_member (
          json_object_get_object_member (g_ptr_array_index (seen, 0), "query"),
          "timestamps"),
      ==, "true");
  g_assert_cmpstr (header_of (g_ptr_array_index (seen, 0), "content-type"), ==,
                   "audio/wav");
  for (guint i = 1; i < seen->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (seen, i), "method"),
                   "DELETE")
        == 0)
      deleted = TRUE;
  g_assert_true (deleted);

  /* Parameters are checked when the job is made: no job, Watson's 404. */
  job = prl_watson_client_create_job_sync (client, wav, "audio/wav", &bad_base, NULL,
                                           &error);
  g_assert_null (job);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "xx-XX_NoModel"));
  g_clear_error (&error);

  /* Audio the recognizer cannot read: the job fails, with the reason. */
  g_assert_true (g_file_set_contents (garbage, "RIFF not really a wave file", -1, NULL));
  g_clear_pointer (&transcript, prl_watson_transcript_free);
  transcript = prl_watson_provider_recognize_job (client, garbage, "audio/wav", &options,
                                                  NULL, &error);
  g_assert_null (transcript);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "garbage.wav"));
  g_clear_error (&error);

  /* An unknown job: Watson's 404. */
  job = prl_watson_client_check_job_sync (client, "no-such-job", NULL, &error);
  g_assert_null (job);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND);
}

static guint
count_method (GPtrArray *seen, const char *method)
{
  guint n = 0;

  for (guint i = 0; i < seen->len; i++)
    n += g_strcmp0 (json_object_get_string_member (g_ptr_array_index (seen, i), "method"),
                    method)
         == 0;
  return n;
}

static guint
n_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Resumable jobs (evaluations of many recordings): the job is remembered
 * until its transcript is released, so the same audio with the same
 * settings (what a killed run's successor asks) takes the job up instead
 * of sending the audio again; other settings are another job; release
 * deletes the job (Watson's 204) and forgets it; a remembered job Watson
 * no longer has is created afresh, once. */
static void
test_resumable_job (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (GError) error = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *heard = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *state = NULL;
  g_autofree char *jobs_dir
      = g_build_filename (g_get_user_state_dir (), "parlance", "watson-jobs", NULL);
  g_auto (GStrv) parts = NULL;
  PrlWatsonRecognizeOptions options
      = { "en-US_BroadbandModel", NULL, -1, NULL, TRUE, TRUE };
  PrlWatsonRecognizeOptions narrow
      = { "en-US_NarrowbandModel", NULL, -1, NULL, TRUE, TRUE };

  if (parlance_cli == NULL)
    {
      g_test_skip ("No parlance-cli to recognize with");
      return;
    }
  wav = speech_wav ();
  heard = direct_transcript (wav);

  clear_requests ();
  {
    g_autoptr (PrlWatsonTranscript) t = prl_watson_provider_recognize_resumable (
        client, wav, "audio/wav", &options, &first, NULL, &error);
    g_autoptr (GPtrArray) seen = requests ("/v1/recognitions");

    g_assert_no_error (error);
    g_assert_cmpstr (t->text, ==, heard);
    g_assert_nonnull (first);
    g_assert_cmpuint (count_method (seen, "POST"), ==, 1);
    /* Kept until released. */
    g_assert_cmpuint (count_method (seen, "DELETE"), ==, 0);
    g_assert_cmpuint (n_files (jobs_dir), ==, 1);
  }

  /* A killed run's successor: the same job, no audio sent. */
  clear_requests ();
  {
    g_autoptr (PrlWatsonTranscript) t = prl_watson_provider_recognize_resumable (
        client, wav, "audio/wav", &options, &again, NULL, &error);
    g_autoptr (GPtrArray) seen = requests ("/v1/recognitions");

    g_assert_no_error (error);
    g_assert_cmpstr (t->text, ==, heard);
    g_assert_cmpstr (again, ==, first);
    g_assert_cmpuint (count_method (seen, "POST"), ==, 0);
    g_assert_cmpuint (count_method (seen, "GET"), >=, 1);
  }

  /* Another base is another recognition. */
  clear_requests ();
  {
    g_autoptr (PrlWatsonTranscript) t = prl_watson_provider_recognize_resumable (
        client, wav, "audio/wav", &narrow, &other, NULL, &error);
    g_autoptr (GPtrArray) seen = requests ("/v1/recognitions");

    g_assert_no_error (error);
    g_assert_cmpstr (other, !=, first);
    g_assert_cmpuint (count_method (seen, "POST"), ==, 1);
    g_assert_cmpuint (n_files (jobs_dir), ==, 2);
  }

  /* Released: deleted on the service and forgotten. */
  clear_requests ();
  g_assert_true (prl_watson_provider_release_job (client, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (prl_watson_provider_release_job (client, other, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) seen = requests ("/v1/recognitions");

    g_assert_cmpuint (count_method (seen, "DELETE"), ==, 2);
    g_assert_cmpuint (n_files (jobs_dir), ==, 0);
  }

  /* A remembered job Watson does not have (deleted, or past IBM's week):
   * the audio goes again, once. */
  parts = g_strsplit (first, " ", 2);
  state = g_build_filename (jobs_dir, parts[0], NULL);
  g_assert_true (g_file_set_contents (state, "no-such-job", -1, NULL));
  clear_requests ();
  {
    g_autoptr (PrlWatsonTranscript) t = prl_watson_provider_recognize_resumable (
        client, wav, "audio/wav", &options, &fresh, NULL, &error);
    g_autoptr (GPtrArray) seen = requests ("/v1/recognitions");

    g_assert_no_error (error);
    g_assert_cmpstr (t->text, ==, heard);
    g_assert_cmpuint (count_method (seen, "POST"), ==, 1);
    g_assert_true (g_str_has_prefix (fresh, parts[0]));
    g_assert_false (g_str_has_suffix (fresh, "no-such-job"));
  }
  g_assert_true (prl_watson_provider_release_job (client, fresh, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files (jobs_dir), ==, 0);

  /* Not one of Parlance's jobs: refused, nothing sent. */
  clear_requests ();
  g_assert_false (prl_watson_provider_release_job (client, "job-1", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "job-1"));
  {
    g_autoptr (GPtrArray) seen = requests ("/v1/recognitions");

    g_assert_cmpuint (seen->len, ==, 0);
  }
}

/* Another server's HTML, a body cut short, a 5xx storm: clear errors. */
static void
test_bad_answers (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_BASIC, apikey);
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;

  json_node_unref (hook ("POST", "next", "{\"fault\": \"html\"}"));
  models = list_models (client, NULL, &error);
  g_assert_null (models);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_WATSON);
  g_assert_nonnull (strstr (error->message, "text/html"));
  g_assert_nonnull (strstr (error->message, "service instance URL"));
  g_clear_error (&error);

  /* A body cut short is retried like a dropped connection... */
  json_node_unref (hook ("POST", "next", "{\"fault\": \"truncate\"}"));
  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 0);
  g_clear_pointer (&models, g_ptr_array_unref);
  /* ...and reported when it keeps happening. */
  json_node_unref (hook ("POST", "next", "{\"fault\": \"truncate\", \"count\": 3}"));
  models = list_models (client, NULL, &error);
  g_assert_null (models);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PRL_HTTP_ERROR || error->domain == PRL_WATSON_ERROR);
  g_test_message ("truncated: %s", error->message);
  g_clear_error (&error);

  /* One 503 is retried away; a storm is reported. */
  json_node_unref (hook ("POST", "next", "{\"fault\": \"503\"}"));
  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&models, g_ptr_array_unref);
  json_node_unref (hook ("POST", "next", "{\"fault\": \"503\", \"count\": 3}"));
  models = list_models (client, NULL, &error);
  g_assert_null (models);
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TOO_MANY_RETRIES);
  g_clear_error (&error);

  /* An IAM URL that is not IAM. */
  {
    g_autofree char *wrong_iam = g_strconcat (service_url, "/v1/models", NULL);
    g_autoptr (PrlWatsonClient) other = prl_watson_client_new (
        http, service_url, PRL_WATSON_AUTH_IAM, apikey, wrong_iam, &error);

    g_assert_no_error (error);
    models = list_models (other, NULL, &error);
    g_assert_null (models);
    g_assert_nonnull (error);
    g_assert_true (error->domain == PRL_WATSON_ERROR);
    g_assert_nonnull (strstr (error->message, "IAM token URL"));
  }
}

/* A corpus far larger than any buffer goes out in constant memory. */
static void
test_large_corpus (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_BASIC, apikey);
  g_autofree char *id = create_model (client, "large", "en-US_Multimedia");
  g_autofree char *path = g_build_filename (tmpdir, "large.txt", NULL);
  g_autoptr (PrlWatsonCorpus) corpus = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  FILE         *f = fopen (path, "w");
  guint64       before, words = 0;
  const guint64 target = 40 * 1024 * 1024;

  g_assert_nonnull (f);
  for (guint i = 0; i < 1000; i++, words++)
    g_string_append (line, i % 10 == 9 ? "zorblax\n" : "speech ");
  for (guint64 written = 0; written < target; written += line->len)
    fwrite (line->str, 1, line->len, f);
  fclose (f);
  words = words * ((target + line->len - 1) / line->len);

  before = peak_rss_kib ();
  add_corpus (client, id, "large", path, FALSE, &error);
  g_assert_no_error (error);
  g_test_message ("peak RSS %" G_GUINT64_FORMAT " KiB before, %" G_GUINT64_FORMAT
                  " KiB after sending %" G_GUINT64_FORMAT " MiB",
                  before, peak_rss_kib (), target >> 20);
  g_assert_cmpuint (peak_rss_kib (), <, before + 16 * 1024);
  corpus = wait_corpus (client, id, "large");
  g_assert_cmpint (corpus->status, ==, PRL_WATSON_CORPUS_ANALYZED);
  g_assert_cmpuint (corpus->total_words, ==, words);
  g_assert_cmpuint (corpus->out_of_vocabulary_words, ==, 1);
  g_assert_true (delete_model (client, id, &error));
  g_unlink (path);
}

/* The same operations through IBM's Node SDK and through PrlWatsonClient
 * must reach the service as the same requests. */
static void
test_same_as_sdk (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) node = NULL;
  g_autoptr (GPtrArray) sdk = NULL;
  g_autoptr (GPtrArray) ours = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *corpus = g_build_filename (tmpdir, "same.txt", NULL);
  g_autofree char *wav = NULL;
  g_autofree char *sdk_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *node_path = g_find_program_in_path ("node");

  if (sdk_script == NULL || node_path == NULL)
    {
      if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_WATSON_SDK"), "1") == 0)
        g_error ("node or the SDK test script is missing, but "
                 "PRL_TEST_REQUIRE_WATSON_SDK=1");
      g_test_skip ("node is not installed");
      return;
    }

  write_file (corpus, "Hello world, hello QWZXV.\n");
  wav = parlance_cli != NULL ? speech_wav () : g_strdup (corpus);
  clear_requests ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "WATSON_URL", service_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "WATSON_APIKEY", apikey, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, node_path, sdk_script, corpus,
                                      wav, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (node, NULL, NULL, &out, &errors, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (node) == 77)
    {
      if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_WATSON_SDK"), "1") == 0)
        g_error ("IBM's Node SDK is missing, but PRL_TEST_REQUIRE_WATSON_SDK=1: %s", out);
      g_test_skip (out);
      return;
    }
  g_assert_cmpint (g_subprocess_get_exit_status (node), ==, 0);
  sdk_id = g_strstrip (g_strdup (out));
  sdk = requests ("/v1/");

  /* The same sequence as test-watson-sdk-calls.js. */
  clear_requests ();
  {
    g_autoptr (GPtrArray) words
        = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_watson_word_free);
    g_autoptr (PrlWatsonTranscript) transcript = NULL;
    g_autoptr (GPtrArray) list = NULL;
    g_autoptr (PrlWatsonModel) model = NULL;
    g_auto (GStrv) warnings = NULL;
    PrlWatsonWord            *word = g_new0 (PrlWatsonWord, 1);
    const char *const         sounds[] = { "I. B. M.", NULL };
    PrlWatsonTrainOptions     options = { TRUE, 0.3, TRUE, TRUE };
    PrlWatsonRecognizeOptions recognize
        = { "en-US_BroadbandModel", NULL, 0.25, NULL, TRUE, TRUE };

    id = create_model (client, "same as the SDK", "en-US_BroadbandModel");
    add_corpus (client, id, "corpus one", corpus, TRUE, &error);
    g_assert_no_error (error);
    prl_watson_corpus_free (wait_corpus (client, id, "corpus one"));
    word->word = g_strdup ("Parlance");
    word->sounds_like = g_strsplit ("par lance", "|", -1);
    word->display_as = g_strdup ("Parlance");
    g_ptr_array_add (words, word);
    g_assert_true (prl_watson_client_add_words_sync (client, id, words, NULL, &error));
    g_assert_true (
        prl_watson_client_put_word_sync (client, id, "IBM", sounds, "IBM", NULL, &error));
    list = prl_watson_client_list_words_sync (client, id, PRL_WATSON_WORDS_USER, NULL,
                                              &error);
    g_assert_no_error (error);
    warnings = train (client, id, &options, &error);
    g_assert_no_error (error);
    model = wait_status (client, id, PRL_WATSON_STATUS_AVAILABLE);
    recognize.customization_id = id;
    transcript = prl_watson_client_recognize_sync (client, wav, "audio/wav", &recognize,
                                                   NULL, &error);
    g_clear_error (&error); /* without a recognizer the stand-in answers 500 */
    g_clear_pointer (&list, g_ptr_array_unref);
    list = prl_watson_client_list_models_sync (client, "en-US", NULL, &error);
    g_assert_no_error (error);
    g_assert_true (delete_model (client, id, &error));
  }
  ours = requests ("/v1/");

  /* Same requests in the same order, polls aside (their number depends
   * on timing). */
  {
    g_autoptr (GPtrArray) a = g_ptr_array_new ();
    g_autoptr (GPtrArray) b = g_ptr_array_new ();

    for (guint k = 0; k < 2; k++)
      {
        GPtrArray *from = k == 0 ? sdk : ours;

        for (guint i = 0; i < from->len; i++)
          {
            JsonObject *r = from->pdata[i];

            if (!g_str_equal (json_object_get_string_member (r, "method"), "GET")
                || !(g_str_has_suffix (json_object_get_string_member (r, "path"),
                                       "/corpora/"
                                       "corpus%20one")
                     || g_regex_match_simple ("^/v1/customizations/[^/]+$",
                                              json_object_get_string_member (r, "path"),
                                              0, 0)))
              g_ptr_array_add (k == 0 ? a : b, r);
          }
      }
    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      {
        JsonObject      *x = a->pdata[i], *y = b->pdata[i];
        g_autofree char *px = NULL, *py = NULL;
        g_autoptr (JsonGenerator) gen = json_generator_new ();
        g_autofree char *qx = NULL, *qy = NULL, *raw_x = NULL, *raw_y = NULL;
        const char      *cx = header_of (x, "content-type"),
                   *cy = header_of (y, "content-type");
        JsonNode *node_q;

        g_assert_cmpstr (json_object_get_string_member (x, "method"), ==,
                         json_object_get_string_member (y, "method"));
        px = without_id (json_object_get_string_member (x, "path"), sdk_id);
        py = without_id (json_object_get_string_member (y, "path"), id);
        g_assert_cmpstr (px, ==, py);
        /* Query parameters: same names and values (the id aside). */
        node_q = json_object_get_member (x, "query");
        json_generator_set_root (gen, node_q);
        raw_x = json_generator_to_data (gen, NULL);
        node_q = json_object_get_member (y, "query");
        json_generator_set_root (gen, node_q);
        raw_y = json_generator_to_data (gen, NULL);
        qx = without_id (raw_x, sdk_id);
        qy = without_id (raw_y, id);
        g_test_message ("%s %s %s", json_object_get_string_member (x, "method"), px, qx);
        g_assert_cmpstr (qx, ==, qy);
        /* Content types: the same media type (boundaries differ). */
        /* The SDK labels a bodiless POST (train) application/json; with no
         * body the client sends no type. */
        g_assert_cmpint (json_object_get_int_member (x, "body_size") > 0, ==,
                         json_object_get_int_member (y, "body_size") > 0);
        if (json_object_get_int_member (y, "body_size") == 0)
          cx = cy = NULL;
        g_assert_true ((cx == NULL) == (cy == NULL));
        if (cx != NULL)
          {
            g_autofree char *mx = g_strndup (cx, strcspn (cx, ";"));
            g_autofree char *my = g_strndup (cy, strcspn (cy, ";"));

            g_assert_cmpstr (mx, ==, my);
          }
        /* Multipart: the part corpus_file with the text; audio: the file. */
        if (cx != NULL && g_str_has_prefix (cx, "multipart/form-data"))
          for (guint k = 0; k < 2; k++)
            {
              const char *body = json_object_get_string_member (k == 0 ? x : y, "body");

              g_assert_nonnull (strstr (body, "Content-Disposition: form-data; "
                                              "name=\"corpus_file\""));
              g_assert_nonnull (strstr (body, "Content-Type: text/plain\r\n\r\n"
                                              "Hello world, hello QWZXV.\n\r\n--"));
            }
        if (cx != NULL && g_str_has_prefix (cx, "audio/"))
          g_assert_cmpint (json_object_get_int_member (x, "body_size"), ==,
                           json_object_get_int_member (y, "body_size"));
        /* JSON bodies: equal as JSON. */
        if (cx != NULL && g_str_has_prefix (cx, "application/json"))
          {
            g_autoptr (JsonNode) bx
                = json_from_string (json_object_get_string_member (x, "body"), NULL);
            g_autoptr (JsonNode) by
                = json_from_string (json_object_get_string_member (y, "body"), NULL);

            if (strstr (json_object_get_string_member (x, "body"), "same as the SDK")
                == NULL)
              g_assert_true (json_node_equal (bx, by));
          }
        g_assert_nonnull (header_of (y, "authorization"));
        g_assert_true (g_str_has_prefix (header_of (y, "authorization"), "Bearer "));
      }
  }
  g_assert_cmpstr (id, !=, sdk_id);
}

/* Runs last: nothing any test did put the key or a token in a log. */
static void
test_no_secrets_logged (void)
{
  g_autoptr (PrlWatsonClient) client = make_client (PRL_WATSON_AUTH_IAM, apikey);
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  clear_requests ();
  json_node_unref (hook ("POST", "revoke-tokens", NULL));
  models = list_models (client, NULL, &error);
  g_assert_no_error (error);
  log = requests ("/v1/");
  g_mutex_lock (&log_lock);
  text = g_strdup (log_text->str);
  g_mutex_unlock (&log_lock);
  /* The capture works: the HTTP client's debug lines are there. */
  g_assert_nonnull (strstr (text, "/v1/customizations"));
  g_assert_null (strstr (text, apikey));
  for (guint i = 0; i < log->len; i++)
    {
      const char *authorization = header_of (log->pdata[i], "authorization");

      g_assert_true (g_str_has_prefix (authorization, "Bearer "));
      g_assert_null (strstr (text, authorization + 7));
    }
  g_assert_null (strstr (text, "Bearer "));
  g_assert_null (strstr (text, "Basic "));
}

/* --------------------------------------------------------------- main */

static void
start_server (const char *script)
{
  g_autofree char *keys = g_build_filename (tmpdir, "keys", NULL);
  g_autofree char *port_file = g_build_filename (tmpdir, "port", NULL);
  g_autofree char *port = NULL;
  g_autofree char *lifetime = g_strdup_printf ("%d", TOKEN_LIFETIME);
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) args = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  guint8 raw[24];

  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = g_random_int_range (0, 256);
  apikey = g_base64_encode (raw, sizeof raw);
  for (char *c = apikey; *c != '\0'; c++)
    if (*c == '/' || *c == '+' || *c == '=')
      *c = 'x';
  g_assert_true (g_file_set_contents_full (keys, apikey, -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_strv_builder_addv (
      args, (const char *[]){ "/usr/bin/python3", script, "--apikey-file", keys,
                              "--port-file", port_file, "--token-lifetime", lifetime,
                              "--analysis-seconds", "0.4", "--training-seconds", "0.8",
                              "--upgrade-seconds", "0.8", "--exit-with-parent", NULL });
  if (parlance_cli != NULL)
    {
      g_strv_builder_add (args, "--recognizer");
      g_strv_builder_add (args, parlance_cli);
    }
  argv = g_strv_builder_end (args);
  server = g_subprocess_newv ((const char *const *)argv,
                              G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && !g_file_test (port_file, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_assert_true (g_file_get_contents (port_file, &port, NULL, &error));
  g_strstrip (port);
  service_url = g_strdup_printf ("http://127.0.0.1:%s", port);
  iam_url = g_strdup_printf ("%s/identity/token", service_url);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  if (argc >= 3 && g_file_test (argv[2], G_FILE_TEST_IS_EXECUTABLE))
    parlance_cli = g_canonicalize_filename (argv[2], NULL);
  if (argc >= 4)
    sdk_script = g_canonicalize_filename (argv[3], NULL);

  tmpdir = make_tmpdir ("prl-watson-XXXXXX");
  {
    /* Resumable jobs are remembered under XDG_STATE_HOME: a private one,
     * set before GLib first reads it. */
    g_autofree char *state_home = g_build_filename (tmpdir, "state", NULL);

    g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  }
  http = prl_http_client_new ();
  prl_http_client_set_max_attempts (http, 3);
  prl_http_client_set_backoff (http, 10, 50);
  start_server (argv[1]);

  g_test_add_func ("/watson/lifecycle", test_lifecycle);
  g_test_add_func ("/watson/base-models", test_base_models);
  g_test_add_func ("/watson/token-refresh", test_token_refresh);
  g_test_add_func ("/watson/revoked-token", test_revoked_token);
  g_test_add_func ("/watson/wrong-key", test_wrong_key);
  g_test_add_func ("/watson/busy", test_busy);
  g_test_add_func ("/watson/rejected-data", test_rejected_data);
  g_test_add_func ("/watson/cancel", test_cancel);
  g_test_add_func ("/watson/recognition-job", test_recognition_job);
  g_test_add_func ("/watson/resumable-job", test_resumable_job);
  g_test_add_func ("/watson/bad-answers", test_bad_answers);
  g_test_add_func ("/watson/large-corpus", test_large_corpus);
  g_test_add_func ("/watson/same-as-sdk", test_same_as_sdk);
  g_test_add_func ("/watson/no-secrets-logged", test_no_secrets_logged);
  status = g_test_run ();

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_clear_object (&http);
  rm_rf (tmpdir);
  return status;
}
