/* test-watson-train-limits.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A Watson training at the service's limits and faults, against the
 * stand-in (watson-server.py, argv[1], with --max-words 60): large texts
 * as several corpora, a model over the word limit, a corpus Watson
 * refuses, tokens revoked while Watson trains; deleting versions deletes
 * their customizations, and a busy customization is kept with the
 * reason; the pronunciation list's entries as custom words, and the
 * words Watson found out of its vocabulary back in the list. */

#include "config.h"

#include <stdio.h>

#include "prl-version-ops.h"
#include "watson-train-util.h"

#define CHILD_ENV "PRL_TEST_WATSON_TRAIN_LIMITS_HOME"

/* Large texts go out as several corpora, cut at line ends (a line longer
 * than a part at word boundaries), each analysed before the next. */
static void
test_split (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);
  GString *sent = g_string_new (NULL);

  /* 3 + 4 + 1 + 5 words in parts of at most 4: [3] [4] [1] [4] [1]. */
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was\nseen in clinic today\nmetoprolol\n"
            "twice daily with breakfast please\n");
  _prl_watson_set_corpus_limits (4, 0);
  job = train (f);
  wait_job (job);
  _prl_watson_set_corpus_limits (0, 0);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");

  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);
      const char *path = json_object_get_string_member (r, "path");
      const char *corpora = strstr (path, "/corpora/");

      if (g_str_equal (json_object_get_string_member (r, "method"), "POST")
          && corpora != NULL)
        {
          g_ptr_array_add (names, (gpointer)(corpora + strlen ("/corpora/")));
          g_string_append_printf (sent, "[%s]",
                                  json_object_get_string_member (r, "body"));
        }
    }
  g_test_message ("%s", sent->str);
  g_assert_cmpuint (names->len, ==, 5);
  g_assert_true (g_str_has_suffix (names->pdata[0], "-1"));
  g_assert_true (g_str_has_suffix (names->pdata[4], "-5"));
  /* The parts, in order, as the multipart bodies carried them. */
  g_assert_nonnull (strstr (sent->str, "the patient was\n"));
  g_assert_nonnull (strstr (sent->str, "seen in clinic today\n"));
  g_assert_nonnull (strstr (sent->str, "twice daily with breakfast\n"));
  g_assert_null (strstr (sent->str, "breakfast please"));
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations/"), ==, 5 + 1);
  g_string_free (sent, TRUE);
}

/* More words than a Watson model may hold: refused before any request. */
static void
test_too_many_words (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", url, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\nmetoprolol twice daily\n");
  _prl_watson_set_corpus_limits (0, 8);
  job = train (f);
  wait_job (job);
  _prl_watson_set_corpus_limits (0, 0);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "The training text of “clinic” has 10 words, but a Watson "
                            "custom model holds at most 8."));
  g_assert_cmpuint (count_requests ("POST", "/v1/"), ==, 0);
}

/* Watson refuses a corpus (the stand-in's model limit, --max-words 60):
 * the training fails naming the file, in the service's words. */
static void
test_corpus_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < 13; i++)
    g_string_append (text, "the patient was seen today\n");
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "long.txt", text->str);
  job = train (f);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "Could not send the training text “long.txt”: Watson "
                            "refused the request: “Adding corpus"));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "exceed the maximum of 60 total words"));
}

/* Every token is revoked while Watson trains: the client gets a new one
 * on the 401 and the training ends as if nothing happened. */
static void
test_token_revoked (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autofree char *url = g_strconcat (service_url, "/_standin/revoke-tokens", NULL);
  g_autoptr (PrlHttpRequest) revoke = prl_http_request_new ("POST", url, NULL);
  g_autoptr (PrlHttpResponse) revoked = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = g_strconcat (service_url, "/_standin/requests", NULL);
  g_autoptr (PrlHttpRequest) clear = prl_http_request_new ("DELETE", log, NULL);
  g_autoptr (PrlHttpResponse) cleared = prl_http_client_send (http, clear, NULL, NULL);

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  while (!in_poll (f->ws, job))
    g_main_context_iteration (NULL, FALSE), g_usleep (20 * 1000);
  revoked = prl_http_client_send (http, revoke, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_http_response_get_status (revoked), ==, 200);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");
  g_assert_cmpint (stored_status (f), ==, PRL_TRAINING_STATUS_SUCCESS);
  /* One token for the job, one more after the revocation. */
  g_assert_cmpuint (count_requests ("POST", "/identity/token"), ==, 2);
}

/* A client of the test's account, for what the tests ask Watson directly. */
static PrlWatsonClient *
direct_client (void)
{
  g_autofree char *iam = g_strdup_printf ("%s/identity/token", service_url);
  g_autoptr (GError) error = NULL;
  PrlWatsonClient *client = prl_watson_client_new (http, service_url, PRL_WATSON_AUTH_IAM,
                                                   apikey, iam, &error);

  g_assert_no_error (error);
  return client;
}

/* The customization named @name, or NULL when Watson has none. */
static PrlWatsonModel *
find_customization (PrlWatsonClient *client, const char *name)
{
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;

  models = prl_watson_client_list_models_sync (client, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < models->len; i++)
    if (g_strcmp0 (((PrlWatsonModel *)models->pdata[i])->name, name) == 0)
      return g_steal_pointer (&models->pdata[i]);
  return NULL;
}

static PrlVersion *
train_version (Fixture *f)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (GPtrArray) list = NULL;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  job = train (f);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_SUCCEEDED);
  list = versions (f);
  g_assert_cmpuint (list->len, ==, 1);
  return g_object_ref (list->pdata[0]);
}

static gboolean
delete_version (Fixture *f, PrlVersion *version, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_delete_version_async (f->ws, f->model, version, NULL, store_result_cb,
                                      &result);
  return prl_workspace_delete_version_finish (f->ws, wait_for (&result), error);
}

/* Deleting a version deletes its customization; a customization Watson
 * is busy with is kept, and so is the version, with the reason. */
static void
test_delete_version (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlWatsonClient) client = direct_client ();
  g_autoptr (PrlVersion) version = train_version (f);
  g_autoptr (PrlWatsonModel) remote = NULL;
  g_autoptr (PrlWatsonModel) gone = NULL;
  g_autoptr (GPtrArray) left = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *corpus = g_build_filename (f->files, "more.txt", NULL);
  g_autoptr (GDateTime) until = NULL;

  g_assert_cmpint (prl_version_get_remote_status (version), ==,
                   PRL_REMOTE_STATUS_COMPLETED);
  g_assert_true (prl_workspace_version_is_remote (f->ws, f->model, version));
  remote = find_customization (client, prl_version_get_name (version));
  g_assert_nonnull (remote);

  /* Watson analyses new data for it (half a second): 409 busy. */
  g_assert_true (g_file_set_contents (corpus, "lisinopril daily\n", -1, NULL));
  g_assert_true (prl_watson_client_add_corpus_sync (client, remote->id, "extra", corpus,
                                                    FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (delete_version (f, version, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "Watson did not delete “clinic-"));
  g_assert_nonnull (strstr (error->message, "it is busy with another request"));
  g_clear_error (&error);
  left = versions (f);
  g_assert_cmpuint (left->len, ==, 1);

  /* Once the analysis is over, the delete goes through. */
  g_usleep (G_USEC_PER_SEC);
  g_assert_true (delete_version (f, version, &error));
  g_assert_no_error (error);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = versions (f);
  g_assert_cmpuint (left->len, ==, 0);
  gone = find_customization (client, prl_version_get_name (version));
  g_assert_null (gone);
}

/* A customization deleted on the service already: deleting the version
 * works; refresh marks it gone first. Deleting the model deletes the
 * customizations of its versions. */
static void
test_delete_gone (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlWatsonClient) client = direct_client ();
  g_autoptr (PrlVersion) version = train_version (f);
  g_autoptr (PrlWatsonModel) remote
      = find_customization (client, prl_version_get_name (version));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) refreshed = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (prl_watson_client_delete_model_sync (client, remote->id, NULL, &error));
  prl_workspace_refresh_versions_async (f->ws, f->model, NULL, store_result_cb, &result);
  refreshed = prl_workspace_refresh_versions_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refreshed->len, ==, 1);
  g_assert_cmpint (prl_version_get_remote_status (refreshed->pdata[0]), ==,
                   PRL_REMOTE_STATUS_GONE);
  g_assert_false (prl_workspace_version_is_remote (f->ws, f->model, refreshed->pdata[0]));
  g_assert_true (delete_version (f, refreshed->pdata[0], &error));
  g_assert_no_error (error);
}

static void
test_delete_model (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlWatsonClient) client = direct_client ();
  g_autoptr (PrlVersion) version = train_version (f);
  g_autoptr (PrlWatsonModel) gone = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (prl_workspace_model_is_remote (f->ws, f->model));
  prl_workspace_delete_model_async (f->ws, f->model, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_delete_model_finish (f->ws, wait_for (&result), &error));
  g_assert_no_error (error);
  gone = find_customization (client, prl_version_get_name (version));
  g_assert_null (gone);
}

static void
set_entry (Fixture *f, const char *word, const char *text)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_workspace_set_pronunciation_async (f->ws, f->model, word, text, NULL,
                                         store_result_cb, &result);
  g_assert_true (
      prl_workspace_set_pronunciation_finish (f->ws, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* The user's entries go to Watson as custom words before it trains; the
 * words Watson found out of its vocabulary come back as generated entries
 * of the pronunciation list, and the user's stay as they were. */
static void
test_words (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *body = NULL;
  gint        words_at = -1, train_at = -1;
  JsonArray  *sent;
  gboolean    found_oov = FALSE;

  clear_requests ();
  set_entry (f, "lisinopril", "lie sin oh pril;  lye sin oh pril | Lisinopril");
  set_entry (f, "ieee", "| IEEE");
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient takes metoprolol and lisinopril\n");
  job = train (f);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");

  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);
      const char *path = json_object_get_string_member (r, "path");

      if (!g_str_equal (json_object_get_string_member (r, "method"), "POST"))
        continue;
      if (g_str_has_suffix (path, "/words"))
        words_at = i, body = json_object_get_string_member (r, "body");
      else if (g_str_has_suffix (path, "/train"))
        train_at = i;
    }
  g_assert_cmpint (words_at, >=, 0);
  g_assert_cmpint (words_at, <, train_at);
  g_assert_true (json_parser_load_from_data (parser, body, -1, &error));
  sent = json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "words");
  g_assert_cmpuint (json_array_get_length (sent), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *w = json_array_get_object_element (sent, i);
      const char *word = json_object_get_string_member (w, "word");
      JsonArray  *sounds = json_object_has_member (w, "sounds_like")
                               ? json_object_get_array_member (w, "sounds_like")
                               : NULL;

      if (g_str_equal (word, "lisinopril"))
        {
          g_assert_cmpuint (json_array_get_length (sounds), ==, 2);
          g_assert_cmpstr (json_array_get_string_element (sounds, 1), ==,
                           "lye sin oh pril");
          g_assert_cmpstr (json_object_get_string_member (w, "display_as"), ==,
                           "Lisinopril");
        }
      else
        {
          g_assert_cmpstr (word, ==, "ieee");
          g_assert_true (sounds == NULL || json_array_get_length (sounds) == 0);
          g_assert_cmpstr (json_object_get_string_member (w, "display_as"), ==, "IEEE");
        }
    }

  prl_workspace_list_pronunciations_async (f->ws, f->model, NULL, store_result_cb,
                                           &result);
  list = prl_workspace_list_pronunciations_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (list, i);

      g_test_message ("%s: %s%s", p->word, p->phones, p->generated ? " (generated)" : "");
      if (g_str_equal (p->word, "metoprolol"))
        {
          found_oov = TRUE;
          g_assert_true (p->generated);
          g_assert_cmpstr (p->phones, ==, "metoprolol");
        }
      if (g_str_equal (p->word, "lisinopril"))
        {
          g_assert_false (p->generated);
          g_assert_cmpstr (p->phones, ==,
                           "lie sin oh pril; lye sin oh pril | Lisinopril");
        }
    }
  g_assert_true (found_oov);
}

/* An entry Watson would refuse stops the training before any request. */
static void
test_bad_word (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlModel) model = NULL;

  clear_requests ();
  set_entry (f, "lisinopril", "a; b; c; d; e; f");
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "lisinopril daily\n");
  job = train (f);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_FAILED);
  model = stored (f);
  g_test_message ("%s", prl_model_get_failure_message (model));
  g_assert_nonnull (strstr (prl_model_get_failure_message (model),
                            "“lisinopril” has 6 spellings it sounds like; Watson takes "
                            "at most 5. Fix it in the pronunciation list"));
  g_assert_cmpuint (count_requests ("POST", "/v1/"), ==, 0);
}

/* The entry form, both ways, and its refusals. */
static void
test_word_text (void)
{
  g_auto (GStrv) sounds = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  const char *const like[] = { "eye triple e", NULL };
  g_autofree char  *long_one = g_strnfill (41, 'a');

  g_assert_true (_prl_watson_word_parse ("tcp", " tee see pee ;; | TCP/IP ", &sounds,
                                         &display, &error));
  g_assert_cmpuint (g_strv_length (sounds), ==, 1);
  g_assert_cmpstr (sounds[0], ==, "tee see pee");
  g_assert_cmpstr (display, ==, "TCP/IP");
  text = _prl_watson_word_format ("ieee", like, "IEEE");
  g_assert_cmpstr (text, ==, "eye triple e | IEEE");
  g_clear_pointer (&text, g_free);
  text = _prl_watson_word_format ("ieee", NULL, "ieee");
  g_assert_cmpstr (text, ==, "ieee");

  g_clear_pointer (&sounds, g_strfreev);
  g_assert_false (_prl_watson_word_parse ("x", "a | b | c", &sounds, &display, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "more than one “|”"));
  g_clear_error (&error);
  g_assert_false (_prl_watson_word_parse ("x", " ; | ", &sounds, &display, &error));
  g_assert_nonnull (strstr (error->message, "neither what it sounds like"));
  g_clear_error (&error);
  g_assert_false (_prl_watson_word_parse ("x", long_one, &sounds, &display, &error));
  g_assert_nonnull (strstr (error->message, "longer than the 40 characters"));
}

/* Watson is busy with another request when the training asks it to
 * train (409): the job asks again with back-off and finishes. The state
 * is a training resumed after a quit at "train", on a customization that
 * Watson is still training (another client started it). */
static void
test_busy_train (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlWatsonClient) client = direct_client ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *corpus = g_build_filename (f->files, "corpus.txt", NULL);
  g_autofree char *id = NULL;
  g_autofree char *state = NULL;
  g_auto (GStrv) warnings = NULL;
  PrlWatsonTrainOptions options = { .customization_weight = -1 };
  GListModel           *manager;
  guint                 trains = 0;
  gint64                row;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\n");
  id = prl_watson_client_create_model_sync (client, "clinic-20990101T000000Z",
                                            "en-US_Multimedia", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (corpus, "the patient was seen today\n", -1, NULL));
  g_assert_true (
      prl_watson_client_add_corpus_sync (client, id, "c1", corpus, FALSE, NULL, &error));
  g_usleep (G_USEC_PER_SEC); /* analysed */
  warnings = prl_watson_client_train_sync (client, id, &options, NULL, &error);
  g_assert_no_error (error);

  /* Watson trains for two seconds: the resumed job's train meets 409. */
  clear_requests ();
  state = g_strdup_printf ("{\"phase\": \"train\", \"remote_name\": "
                           "\"clinic-20990101T000000Z\", \"watson_base\": "
                           "\"en-US_Multimedia\", \"customization_id\": \"%s\", "
                           "\"previous_status\": \"ready-to-run\", \"language\": "
                           "\"en-US\"}",
                           id);
  row = prl_store_create_remote_job_sync (
      prl_workspace_get_store (f->ws), PRL_WATSON_TRAIN_KIND, prl_model_get_id (f->model),
      "watson", "Training", state, &error);
  g_assert_no_error (error);
  /* As a quit leaves it: running, and no one's. */
  g_assert_true (
      prl_store_release_remote_job_sync (prl_workspace_get_store (f->ws), row, &error));
  g_assert_no_error (error);
  g_clear_object (&f->model);
  fixture_close_workspace (f);
  prl_remote_jobs_set_resume_on_open (TRUE);
  prl_workspace_open_async (f->dir, NULL, store_result_cb, &result);
  f->ws = prl_workspace_open_finish (wait_for (&result), &error);
  prl_remote_jobs_set_resume_on_open (FALSE);
  g_assert_no_error (error);
  f->model = g_object_ref (prl_workspace_find_model (f->ws, "clinic"));
  manager = G_LIST_MODEL (prl_workspace_get_job_manager (f->ws));
  while (g_list_model_get_n_items (manager) == 0)
    g_main_context_iteration (NULL, TRUE);
  job = g_list_model_get_item (manager, 0);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");

  all = requests ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      trains += g_str_equal (json_object_get_string_member (r, "method"), "POST")
                && g_str_has_suffix (json_object_get_string_member (r, "path"), "/train");
    }
  g_test_message ("%u train requests", trains);
  /* Refused while busy, then accepted: asked again, never given up. */
  g_assert_cmpuint (trains, >=, 2);
  list = versions (f);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (prl_version_get_name (list->pdata[0]), ==, "clinic-20990101T000000Z");
}

int
main (int argc, char *argv[])
{
  const char *home = g_getenv (CHILD_ENV);
  int         status;

  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);
  g_test_init (&argc, &argv, NULL);
  if (home == NULL)
    {
      printf ("1..0 # SKIP needs dbus-run-session and gnome-keyring-daemon\n");
      return 0;
    }
  g_assert_cmpint (argc, >=, 2);
  http = prl_http_client_new ();
  start_server (home, argv[1]);
  prl_watson_train_register ();

  g_test_add ("/watson-train/split", Fixture, NULL, fixture_set_up, test_split,
              fixture_tear_down);
  g_test_add ("/watson-train/too-many-words", Fixture, NULL, fixture_set_up,
              test_too_many_words, fixture_tear_down);
  g_test_add ("/watson-train/corpus-refused", Fixture, NULL, fixture_set_up,
              test_corpus_refused, fixture_tear_down);
  g_test_add ("/watson-train/token-revoked", Fixture, NULL, fixture_set_up,
              test_token_revoked, fixture_tear_down);
  g_test_add ("/watson-train/delete-version", Fixture, NULL, fixture_set_up,
              test_delete_version, fixture_tear_down);
  g_test_add ("/watson-train/delete-gone", Fixture, NULL, fixture_set_up,
              test_delete_gone, fixture_tear_down);
  g_test_add ("/watson-train/delete-model", Fixture, NULL, fixture_set_up,
              test_delete_model, fixture_tear_down);
  g_test_add ("/watson-train/words", Fixture, NULL, fixture_set_up, test_words,
              fixture_tear_down);
  g_test_add ("/watson-train/bad-word", Fixture, NULL, fixture_set_up, test_bad_word,
              fixture_tear_down);
  g_test_add_func ("/watson-train/word-text", test_word_text);
  g_test_add ("/watson-train/busy-train", Fixture, NULL, fixture_set_up, test_busy_train,
              fixture_tear_down);
  status = g_test_run ();
  rm_rf (home);
  return status;
}
