/* test-upload-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlUploadJob against the real S3 server (build-aux/s3-server.sh) as the
 * app runs it, with the account's keys in a private gnome-keyring:
 * - a user's cancel aborts the open multipart upload (the server no
 *   longer knows its id), marks the job cancelled and loses no dataset;
 * - closing the workspace, as quitting does, suspends the job; opening it
 *   again with resume-on-open (the app's setting) resumes it in the job
 *   manager, which sends only the missing parts and completes the object.
 * Skipped without PRL_TEST_S3_ENDPOINT unless PRL_TEST_REQUIRE_S3=1. */

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "../core/core-test-util.h"
#include "../test-util.h"
#include "keyring-session.h"
#include "prl-cloud-account-store.h"
#include "prl-s3-private.h"
#include "prl-upload-job.h"

#define CHILD_ENV "PRL_TEST_UPLOAD_JOB_HOME"
#define MIB (1024 * 1024)
#define PART (5 * MIB)

static const char    *endpoint;
static char          *bucket;
static PrlHttpClient *http;

static PrlS3Client *
test_client (void)
{
  g_autoptr (PrlAwsSigner) signer = prl_aws_signer_new (
      g_getenv ("PRL_TEST_S3_ACCESS_KEY"), g_getenv ("PRL_TEST_S3_SECRET_KEY"), NULL,
      g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1", "s3", PRL_SIGV4_S3);
  g_autoptr (GError) error = NULL;
  PrlS3Client *client = prl_s3_client_new (http, signer, endpoint, bucket, &error);

  g_assert_no_error (error);
  return client;
}

static void
setup_account (void)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (PrlCloudAccount) account = prl_cloud_account_new ("aws", "test");
  g_autoptr (PrlCloudCredentials) keys = prl_cloud_credentials_new (
      g_getenv ("PRL_TEST_S3_ACCESS_KEY"), g_getenv ("PRL_TEST_S3_SECRET_KEY"), NULL);
  g_autoptr (PrlS3Client) client = test_client ();
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* The client has no CreateBucket: a signed PUT on the bucket is one. */
  request = _prl_s3_request (client, "PUT", NULL, NULL, &error);
  g_assert_no_error (error);
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prl_http_response_is_success (response));

  prl_cloud_account_set_region (account, g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1");
  prl_cloud_account_set_bucket (account, bucket);
  prl_cloud_account_set_prefix (account, "jobs");
  prl_cloud_account_set_endpoint (account, endpoint);
  g_assert_true (prl_cloud_accounts_load (accounts, &error));
  prl_cloud_accounts_add_async (accounts, account, keys, NULL, store_result_cb, &result);
  g_assert_true (prl_cloud_accounts_add_finish (accounts, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* About @size bytes of training text, different for each @seed. */
static void
add_dataset (Fixture *f, const char *name, gsize size, guint seed)
{
  g_autoptr (GString) text = g_string_sized_new (size + 100);

  for (guint line = 0; text->len < size; line++)
    g_string_append_printf (text, "%u line %u the patient was seen in clinic today\n",
                            seed, line);
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, name, text->str);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_open (f, "prl-upload-job-XXXXXX");
  add_dataset (f, "small.txt", 3000, 1);
}

static PrlRemoteJobRecord *
record_of (PrlWorkspace *ws, gint64 id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL, store_result_cb,
                                    &result);
  records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                               wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (((PrlRemoteJobRecord *)g_ptr_array_index (records, i))->id == id)
      return prl_remote_job_record_copy (g_ptr_array_index (records, i));
  return NULL;
}

static JsonObject *
state_of (const PrlRemoteJobRecord *record)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, record->state, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Runs the main context until the job's saved state holds an open upload
 * with at least @n parts; returns that upload. */
static JsonObject *
wait_for_parts (PrlWorkspace *ws, PrlJob *job, guint n)
{
  while (prl_job_is_active (job))
    {
      gint64 id = prl_remote_job_get_id (PRL_REMOTE_JOB (job));
      g_autoptr (PrlRemoteJobRecord) record = id != 0 ? record_of (ws, id) : NULL;
      g_autoptr (JsonObject) state = record != NULL ? state_of (record) : NULL;
      JsonObject *upload;

      if (state != NULL && json_object_has_member (state, "upload")
          && (upload = json_object_get_object_member (state, "upload"))
          && json_object_get_size (json_object_get_object_member (upload, "parts")) >= n)
        return json_object_ref (upload);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_not_reached ();
}

static void
wait_job (PrlJob *job)
{
  while (prl_job_is_active (job))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_user_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlUploadJob) job = NULL;
  g_autoptr (JsonObject) upload = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (PrlRemoteJobRecord) record = NULL;
  g_autoptr (PrlS3Client) client = test_client ();
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = g_build_filename (f->files, "big.txt", NULL);
  PrlS3UploadOptions options = { .part_size = PART };
  GListModel        *datasets;

  add_dataset (f, "big.txt", 60 * MIB, 2);
  job = prl_upload_job_new (f->ws, f->model, "test");
  prl_upload_job_set_part_size (job, PART);
  prl_job_manager_run (prl_workspace_get_job_manager (f->ws), PRL_JOB (job));
  upload = wait_for_parts (f->ws, PRL_JOB (job), 2);
  prl_job_cancel (PRL_JOB (job));
  wait_job (PRL_JOB (job));

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);
  record = record_of (f->ws, prl_remote_job_get_id (PRL_REMOTE_JOB (job)));
  g_assert_cmpint (record->status, ==, PRL_REMOTE_JOB_CANCELLED);
  g_assert_false (prl_remote_job_record_is_interrupted (record));
  state = state_of (record);
  g_assert_false (json_object_has_member (state, "upload"));

  /* The server no longer knows the upload: its parts are gone. */
  g_assert_false (prl_s3_client_resume_upload (
      client, json_object_get_string_member (upload, "key"), path,
      json_object_get_string_member (upload, "upload_id"), &options, NULL, &error));
  g_assert_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_UPLOAD);

  /* Nothing in the workspace is lost. */
  datasets = prl_workspace_get_datasets (f->ws, f->model);
  while (g_list_model_get_n_items (datasets) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (datasets), ==, 2);
}

static void
test_resume_on_open (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlS3Client) client = test_client ();
  g_autoptr (PrlUploadJob) job = NULL;
  g_autoptr (PrlJob) resumed = NULL;
  g_autoptr (PrlRemoteJobRecord) record = NULL;
  g_autoptr (JsonObject) upload = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->files, "big.txt", NULL);
  g_autofree char *copy = g_build_filename (f->files, "downloaded.txt", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *got = NULL;
  g_autoptr (GFile) destination = g_file_new_for_path (copy);
  JsonObject *entry;
  guint64     size = 0;
  gint64      id, parts_sent, n_parts;
  guint       before;

  add_dataset (f, "big.txt", 40 * MIB + 123, 3);
  job = prl_upload_job_new (f->ws, f->model, "test");
  prl_upload_job_set_part_size (job, PART);
  prl_job_manager_run (prl_workspace_get_job_manager (f->ws), PRL_JOB (job));
  upload = wait_for_parts (f->ws, PRL_JOB (job), 3);
  before = json_object_get_size (json_object_get_object_member (upload, "parts"));
  id = prl_remote_job_get_id (PRL_REMOTE_JOB (job));

  /* Quitting keeps the upload; the next start resumes it. */
  resumed = fixture_restart (f, PRL_JOB (job));
  g_assert_true (PRL_IS_UPLOAD_JOB (resumed));
  g_assert_cmpint (prl_remote_job_get_id (PRL_REMOTE_JOB (resumed)), ==, id);
  wait_job (resumed);
  g_assert_no_error (prl_job_get_error (resumed));
  g_assert_cmpint (prl_job_get_state (resumed), ==, PRL_JOB_STATE_SUCCEEDED);

  record = record_of (f->ws, id);
  g_assert_cmpint (record->status, ==, PRL_REMOTE_JOB_DONE);
  state = state_of (record);
  g_assert_false (json_object_has_member (state, "upload"));
  entry = json_array_get_object_element (json_object_get_array_member (state, "datasets"),
                                         1);
  n_parts = (json_object_get_int_member (entry, "size") + PART - 1) / PART;
  parts_sent = json_object_get_int_member (state, "parts_sent");
  g_test_message ("%" G_GINT64_FORMAT
                  " parts, %u confirmed before the stop, %" G_GINT64_FORMAT
                  " sent by the resume",
                  n_parts, before, parts_sent);
  g_assert_cmpint (parts_sent, <=, n_parts - before);
  g_assert_cmpint (parts_sent, >, 0);

  /* The object is the dataset, byte for byte. */
  sha256 = g_strdup (json_object_get_string_member (entry, "sha256"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "uri"), sha256));
  g_assert_true (prl_s3_client_head_object (
      client, json_object_get_string_member (entry, "key"), &size, NULL, NULL, &error));
  g_assert_cmpuint (size, ==, json_object_get_int_member (entry, "size"));
  g_assert_true (prl_s3_client_get_object (
      client, json_object_get_string_member (entry, "key"), destination, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GMappedFile) mapped = g_mapped_file_new (copy, FALSE, &error);

    g_assert_no_error (error);
    got = g_compute_checksum_for_data (
        G_CHECKSUM_SHA256, (const guchar *)g_mapped_file_get_contents (mapped),
        g_mapped_file_get_length (mapped));
  }
  g_assert_cmpstr (got, ==, sha256);
}

/* Leaves the server as it found it: the memory store is small. */
static void
remove_bucket (void)
{
  g_autoptr (PrlS3Client) client = test_client ();
  g_autoptr (GPtrArray) objects = NULL;
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;

  objects = prl_s3_client_list_objects (client, "", 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < objects->len; i++)
    g_strv_builder_add (keys, ((PrlS3Object *)g_ptr_array_index (objects, i))->key);
  names = g_strv_builder_end (keys);
  if (names[0] != NULL)
    g_assert_true (
        prl_s3_client_delete_objects (client, (const char *const *)names, NULL, &error));
  request = _prl_s3_request (client, "DELETE", NULL, NULL, &error);
  g_assert_no_error (error);
  response = prl_http_client_send (http, request, NULL, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  int status = 0;

  if (!(endpoint = s3_test_endpoint (&status)))
    return status;
  if (!g_getenv (CHILD_ENV))
    {
      keyring_session_exec (CHILD_ENV, argc, argv);
      printf ("1..0 # SKIP dbus-run-session or gnome-keyring-daemon is missing\n");
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  use_local ();
  prl_upload_job_register ();
  http = prl_http_client_new ();
  bucket = g_strdup_printf ("prl-upload-job-%08x", g_random_int ());
  setup_account ();

  g_test_add ("/upload-job/user-cancel", Fixture, NULL, fixture_set_up, test_user_cancel,
              fixture_tear_down);
  g_test_add ("/upload-job/resume-on-open", Fixture, NULL, fixture_set_up,
              test_resume_on_open, fixture_tear_down);
  status = g_test_run ();
  remove_bucket ();
  rm_rf (g_getenv (CHILD_ENV));
  return status;
}
