/* test-watson-upgrade.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Upgrading Watson models against the stand-in (watson-server.py, argv[1])
 * (issue #15, point 5): a newer base version makes a refresh offer the
 * upgrade; a next-generation model is retrained with force=true (the
 * stand-in refuses upgrade_model for it, as IBM does), a previous-
 * generation one upgraded with upgrade_model, and a customization that
 * trains is refused before anything is sent. The old version then
 * recognizes with base_model_version. A version on a base IBM retired
 * is refused for recognition and upgrade, with the reason. */

#include "config.h"

#include <stdio.h>

#include "prl-cloud-call-private.h"
#include "prl-provider.h"
#include "prl-store-remote.h"
#include "prl-version-ops.h"
#include "prl-watson-account.h"
#include "prl-watson-provider.h"
#include "watson-train-util.h"

#define CHILD_ENV "PRL_TEST_WATSON_UPGRADE_HOME"

#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_watson_client, op, client, error, __VA_ARGS__)

/* A stand-in hook: POST /_standin/PATH with @body. */
static void
hook (const char *path, const char *body)
{
  g_autofree char *url = g_strconcat (service_url, "/_standin/", path, NULL);
  g_autoptr (PrlHttpRequest) request = prl_http_request_new ("POST", url, NULL);
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

  prl_http_request_set_body_bytes (request, bytes, "application/json");
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prl_http_response_get_status (response), ==, 200);
}

static void
use_base (Fixture *f, const char *base)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) based = prl_store_set_model_provider_base_sync (
      prl_workspace_get_store (f->ws), prl_model_get_id (f->model), base, &error);

  g_assert_no_error (error);
  prl_model_update_from (f->model, based);
}

static void
train_one (Fixture *f)
{
  g_autoptr (PrlJob) job = NULL;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient was seen in clinic today\nmetoprolol twice daily\n");
  job = train (f);
  wait_job (job);
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("training failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");
}

static GPtrArray *
refresh (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *list;

  prl_workspace_refresh_versions_async (f->ws, f->model, NULL, store_result_cb, &result);
  list = prl_workspace_refresh_versions_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  return list;
}

static PrlVersion *
find_version (GPtrArray *list, const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (prl_version_get_name (list->pdata[i]), name))
      return list->pdata[i];
  g_error ("no version %s", name);
}

/* Runs the upgrade of @version to its end; TRUE when the model showed
 * Upgrading meanwhile. */
static gboolean
upgrade (Fixture *f, PrlVersion *version)
{
  g_autoptr (PrlModel) model = stored (f);
  g_autoptr (GError) error = NULL;
  gboolean upgrading = FALSE;
  PrlJob  *job = prl_workspace_upgrade_model (f->ws, model, version, &error);

  g_assert_no_error (error);
  g_object_ref (job);
  while (prl_job_is_active (job))
    {
      g_autoptr (PrlModel) now = stored (f);

      upgrading |= prl_model_get_upgrading (now);
      g_main_context_iteration (NULL, FALSE), g_usleep (20 * 1000);
    }
  if (prl_job_get_state (job) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("upgrade failed: %s",
             prl_job_get_error (job) ? prl_job_get_error (job)->message : "?");
  g_object_unref (job);
  return upgrading;
}

/* How many logged requests went to a path ending in @suffix, and the
 * query of the last of them. */
static guint
requests_to (const char *method, const char *suffix, JsonObject **query)
{
  g_autoptr (JsonArray) all = requests ();
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *r = json_array_get_object_element (all, i);

      if (g_str_equal (json_object_get_string_member (r, "method"), method)
          && g_str_has_suffix (json_object_get_string_member (r, "path"), suffix))
        {
          n++;
          if (query != NULL)
            {
              g_clear_pointer (query, json_object_unref);
              *query = json_object_ref (json_object_get_object_member (r, "query"));
            }
        }
    }
  return n;
}

/* Recognition through the provider with @version, on a few bytes of
 * "WAV": the stand-in checks the query before it would decode. */
static PrlTranscript *
recognize (Fixture *f, PrlVersion *version, GError **error)
{
  g_autoptr (PrlProvider) provider = prl_watson_provider_new ();
  g_autofree char    *path = g_build_filename (f->dir, "a.wav", NULL);
  PrlRecognizeRequest request = { 0 };

  g_assert_true (g_file_set_contents (path, "RIFF....WAVEfmt ", 16, NULL));
  request.model = f->model;
  request.version = version;
  request.audio_path = path;
  request.duration = 1;
  request.container = "WAV";
  request.codec = "Uncompressed 16-bit PCM audio";
  return PRL_PROVIDER_GET_IFACE (provider)->recognize (provider, &request, NULL, error);
}

static void
test_next_generation (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (JsonObject) query = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) transcript = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *id = NULL;
  PrlVersion      *old, *upgraded;

  train_one (f);
  list = refresh (f);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_false (prl_version_get_upgrade_available (list->pdata[0]));
  old_name = g_strdup (prl_version_get_name (list->pdata[0]));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* IBM improves the base: the refresh offers the upgrade. */
  hook ("bases/en-US_Multimedia/release", "{\"version\": \"2024-03-01\"}");
  list = refresh (f);
  old = find_version (list, old_name);
  g_assert_true (prl_version_get_upgrade_available (old));

  /* The stand-in refuses upgrade_model for a next-generation base, with
   * IBM's advice; Parlance never sends it there. */
  client = _prl_watson_client_open ("watson", TRUE, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) models = CALL (list_models, client, &error, NULL, NULL);

    g_assert_no_error (error);
    for (guint i = 0; i < models->len; i++)
      if (g_str_equal (((PrlWatsonModel *)models->pdata[i])->name, old_name))
        id = g_strdup (((PrlWatsonModel *)models->pdata[i])->id);
  }
  g_assert_nonnull (id);
  g_assert_false (CALL (upgrade_model, client, &error, id, NULL));
  g_assert_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "retrain it with force=true"));
  g_clear_error (&error);

  clear_requests ();
  g_assert_true (upgrade (f, old));
  g_assert_cmpuint (requests_to ("POST", "/upgrade_model", NULL), ==, 0);
  g_assert_cmpuint (requests_to ("POST", "/train", &query), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (query, "force"), ==, "true");
  /* No new customization: the same one, retrained. */
  g_assert_cmpuint (count_requests ("POST", "/v1/customizations"), ==, 1);

  after = refresh (f);
  g_assert_cmpuint (after->len, ==, 2);
  new_name = g_strdup_printf ("%s@v2024-03-01", old_name);
  upgraded = find_version (after, new_name);
  old = find_version (after, old_name);
  g_assert_cmpstr (prl_version_get_base_model_id (upgraded), ==,
                   "en-US_Multimedia.v2024-03-01");
  g_assert_false (prl_version_get_upgrade_available (upgraded));
  g_assert_true (prl_version_is_usable (upgraded));
  /* The old one stays, on its old base, and still says so. */
  g_assert_cmpstr (prl_version_get_base_model_id (old), ==,
                   "en-US_Multimedia.v2023-06-01");
  g_assert_true (prl_version_get_upgrade_available (old));
  g_assert_true (prl_version_is_usable (old));
  {
    g_autofree char *warning = prl_version_dup_base_warning (old);

    g_assert_nonnull (strstr (warning, "en-US_Multimedia.v2023-06-01"));
  }

  /* A second upgrade of the old one: the customization is already on
   * the new base, nothing is sent. */
  {
    g_autoptr (PrlModel) model = stored (f);

    clear_requests ();
    g_assert_null (prl_workspace_upgrade_model (f->ws, model, old, &error));
    g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED);
    g_assert_nonnull (strstr (error->message, "already on the current"));
    g_clear_error (&error);
    g_assert_cmpuint (requests_to ("POST", "/train", NULL), ==, 0);
  }

  /* The old version recognizes with its base version; the new one with
   * none (the customization's newest). The stand-in has no recognizer,
   * so both fail after it accepted the query. */
  clear_requests ();
  transcript = recognize (f, old, &error);
  g_assert_null (transcript);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "base_model_version"));
  g_clear_error (&error);
  g_assert_cmpuint (requests_to ("POST", "/v1/recognize", &query), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (query, "base_model_version"), ==,
                   "en-US_Multimedia.v2023-06-01");
  g_assert_cmpstr (json_object_get_string_member (query, "language_customization_id"), ==,
                   id);
  clear_requests ();
  transcript = recognize (f, upgraded, &error);
  g_assert_null (transcript);
  g_clear_error (&error);
  g_assert_cmpuint (requests_to ("POST", "/v1/recognize", &query), >=, 1);
  g_assert_false (json_object_has_member (query, "base_model_version"));
  g_assert_cmpstr (json_object_get_string_member (query, "language_customization_id"), ==,
                   id);

  /* Deleting the old version keeps the customization the new one uses. */
  {
    g_autoptr (GAsyncResult) result = NULL;

    clear_requests ();
    prl_workspace_delete_version_async (f->ws, f->model, old, NULL, store_result_cb,
                                        &result);
    g_assert_true (
        prl_workspace_delete_version_finish (f->ws, wait_for (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_requests ("DELETE", "/v1/customizations"), ==, 0);
  }
}

static void
test_previous_generation (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autofree char      *old_name = NULL;
  g_autofree char      *new_name = NULL;
  g_autofree char      *id = NULL;
  PrlWatsonTrainOptions options = { .customization_weight = -1, .force = TRUE };
  PrlVersion           *old;

  use_base (f, "en-US_BroadbandModel");
  train_one (f);
  list = refresh (f);
  g_assert_cmpuint (list->len, ==, 1);
  old = list->pdata[0];
  old_name = g_strdup (prl_version_get_name (old));
  g_assert_cmpstr (prl_version_get_base_model_id (old), ==,
                   "en-US_BroadbandModel.v2020-01-16");
  g_assert_false (prl_version_get_upgrade_available (old));

  /* Someone retrains the customization (on the same base version); IBM
   * releases a newer base meanwhile, and Parlance had offered the upgrade
   * (a refresh just before, saved as it would be). The upgrade is then
   * refused here, before anything is sent, and the message says why. */
  client = _prl_watson_client_open ("watson", TRUE, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) models = CALL (list_models, client, &error, NULL, NULL);

    g_assert_no_error (error);
    for (guint i = 0; i < models->len; i++)
      if (g_str_equal (((PrlWatsonModel *)models->pdata[i])->name, old_name))
        id = g_strdup (((PrlWatsonModel *)models->pdata[i])->id);
  }
  g_assert_nonnull (id);
  g_strfreev (CALL (train, client, &error, id, &options, NULL));
  g_assert_no_error (error);
  hook ("bases/en-US_BroadbandModel/release", "{\"version\": \"2021-05-01\"}");
  g_assert_true (prl_store_set_version_remote_sync (
      prl_workspace_get_store (f->ws), prl_version_get_id (old),
      PRL_REMOTE_STATUS_COMPLETED, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = versions (f);
  old = list->pdata[0];
  clear_requests ();
  model = stored (f);
  g_assert_null (prl_workspace_upgrade_model (f->ws, model, old, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING);
  g_assert_nonnull (strstr (error->message, "“training”"));
  g_assert_nonnull (strstr (error->message, "only an available"));
  g_clear_error (&error);
  g_assert_cmpuint (requests_to ("POST", "/upgrade_model", NULL), ==, 0);
  g_assert_false (prl_model_get_upgrading (stored (f)));
  for (;;)
    {
      g_autoptr (PrlWatsonModel) remote = CALL (get_model, client, &error, id, NULL);

      g_assert_no_error (error);
      if (remote->status == PRL_WATSON_STATUS_AVAILABLE)
        break;
      g_usleep (100 * 1000);
    }

  /* Then upgrade_model, polled through "upgrading". */
  clear_requests ();
  g_assert_true (upgrade (f, old));
  g_assert_cmpuint (requests_to ("POST", "/upgrade_model", NULL), ==, 1);
  g_assert_cmpuint (requests_to ("POST", "/train", NULL), ==, 0);
  after = refresh (f);
  g_assert_cmpuint (after->len, ==, 2);
  new_name = g_strdup_printf ("%s@v2021-05-01", old_name);
  g_assert_cmpstr (prl_version_get_base_model_id (find_version (after, new_name)), ==,
                   "en-US_BroadbandModel.v2021-05-01");
  g_assert_false (prl_version_get_upgrade_available (find_version (after, new_name)));
  g_assert_true (prl_version_get_upgrade_available (find_version (after, old_name)));
}

static void
test_base_removed (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) transcript = NULL;
  g_autoptr (PrlModel) model = NULL;
  PrlVersion *version;

  use_base (f, "en-US_Telephony");
  train_one (f);
  hook ("bases/en-US_Telephony/release", "{\"version\": \"2024-03-01\"}");
  hook ("bases/en-US_Telephony/remove", "{}");
  list = refresh (f);
  version = list->pdata[0];
  /* Watson still has the customization, but the version is marked: its
   * base is retired (it was 'completed' before the status existed), so it
   * cannot be chosen; the retired base offers no upgrade, although it had
   * a newer version. */
  g_assert_cmpint (prl_version_get_remote_status (version), ==,
                   PRL_REMOTE_STATUS_BASE_REMOVED);
  g_assert_false (prl_version_is_usable (version));
  {
    g_autofree char *reason = prl_version_dup_base_removed_reason (version);

    g_assert_nonnull (reason);
    g_assert_nonnull (strstr (reason, "no longer offers"));
    g_assert_nonnull (strstr (reason, "en-US_Telephony.v2023-06-01"));
  }
  g_assert_false (prl_version_get_upgrade_available (version));

  clear_requests ();
  transcript = recognize (f, version, &error);
  g_assert_null (transcript);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "no longer offers the base model"));
  g_assert_nonnull (strstr (error->message, "en-US_Telephony.v2023-06-01"));
  g_clear_error (&error);
  g_assert_cmpuint (requests_to ("POST", "/v1/recognize", NULL), ==, 0);

  /* Nor can it be upgraded; the service says the same. */
  g_assert_true (prl_store_set_version_remote_sync (
      prl_workspace_get_store (f->ws), prl_version_get_id (version),
      PRL_REMOTE_STATUS_COMPLETED, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = versions (f);
  model = stored (f);
  g_assert_null (prl_workspace_upgrade_model (f->ws, model, list->pdata[0], &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED);
  g_assert_nonnull (strstr (error->message, "no longer offers the base model"));
  g_assert_cmpuint (requests_to ("POST", "/train", NULL), ==, 0);
  /* The refusal saved what the service said. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = versions (f);
  g_assert_cmpint (prl_version_get_remote_status (list->pdata[0]), ==,
                   PRL_REMOTE_STATUS_BASE_REMOVED);
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
  use_local ();

  g_test_add ("/watson-upgrade/next-generation", Fixture, NULL, fixture_set_up,
              test_next_generation, fixture_tear_down);
  g_test_add ("/watson-upgrade/previous-generation", Fixture, NULL, fixture_set_up,
              test_previous_generation, fixture_tear_down);
  g_test_add ("/watson-upgrade/base-removed", Fixture, NULL, fixture_set_up,
              test_base_removed, fixture_tear_down);
  status = g_test_run ();
  rm_rf (home);
  return status;
}
