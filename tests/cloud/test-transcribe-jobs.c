/* test-transcribe-jobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlTranscribeClient's transcription jobs against the Transcribe stand-in,
 * and every call's request compared with what boto3 sends for the same
 * call. Skipped without the tests' S3 server (PRL_TEST_S3_ENDPOINT), unless
 * PRL_TEST_REQUIRE_S3=1 makes that a failure.
 *
 * Usage: test-transcribe-jobs [--tap] TRANSCRIBE-SERVER.PY */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "test-transcribe-common.h"
#include "../test-util.h"

static void
test_jobs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscribeModel) model = NULL;
  g_autoptr (PrlTranscribeModel) trained = NULL;
  g_autoptr (PrlTranscribeJobInfo) started = NULL;
  g_autoptr (PrlTranscribeJobInfo) again = NULL;
  g_autoptr (PrlTranscribeJobInfo) missing = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autofree char *model_name = unique ("jobs-model");
  g_autofree char *prefix = unique ("job");
  g_auto (GStrv) names = g_new0 (char *, 3);
  g_autofree char *media = g_strdup_printf ("s3://%s/no-such.wav", bucket);
  guint            polls = 0;

  model = create_model (tx, model_name, "train/", &error);
  g_assert_no_error (error);
  trained = wait_trained (tx, model_name, &polls);
  g_assert_cmpint (trained->status, ==, PRL_TRANSCRIBE_STATUS_COMPLETED);

  for (guint i = 0; i < 2; i++)
    {
      PrlTranscribeJobSpec spec = { .media_uri = media,
                                    .language_code = "en-US",
                                    .media_format = "wav",
                                    .sample_rate = 16000,
                                    .model_name = model_name };
      g_autoptr (PrlTranscribeJobInfo) job = NULL;

      names[i] = g_strdup_printf ("%s-%u", prefix, i);
      spec.name = names[i];
      job = start_job (tx, &spec, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (job->name, ==, names[i]);
      g_assert_cmpint (job->status, ==, PRL_TRANSCRIBE_STATUS_QUEUED);
      g_assert_cmpstr (job->model_name, ==, model_name);
      g_assert_cmpstr (job->media_uri, ==, media);
      g_assert_cmpuint (job->sample_rate, ==, 16000);
      if (i == 0)
        {
          again = start_job (tx, &spec, &error);
          g_assert_null (again);
          g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_CONFLICT);
          g_assert_nonnull (strstr (error->message, "transcription job"));
          g_clear_error (&error);
        }
    }

  for (gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;;)
    {
      g_autoptr (PrlTranscribeJobInfo) job = get_job (tx, names[0], &error);

      g_assert_no_error (error);
      if (job->status == PRL_TRANSCRIBE_STATUS_FAILED
          || job->status == PRL_TRANSCRIBE_STATUS_COMPLETED
          || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpint (job->status, ==, PRL_TRANSCRIBE_STATUS_FAILED);
          g_assert_nonnull (job->failure_reason);
          g_assert_cmpfloat (job->completion_time, >=, job->creation_time);
          break;
        }
      g_usleep (100 * 1000);
    }

  jobs = RUN (list_transcription_jobs, tx, &error, PRL_TRANSCRIBE_STATUS_UNKNOWN, prefix,
              1);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (((PrlTranscribeJobInfo *)jobs->pdata[0])->name, ==, names[1]);
  g_assert_cmpstr (((PrlTranscribeJobInfo *)jobs->pdata[1])->name, ==, names[0]);

  missing = get_job (tx, "no-such-job", &error);
  g_assert_null (missing);
  g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (guint i = 0; i < 2; i++)
    {
      /* The second may still run for a moment. */
      for (guint tries = 0; !delete_job (tx, names[i], &error) && tries < 100; tries++)
        {
          g_assert_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_BAD_REQUEST);
          g_clear_error (&error);
          g_usleep (100 * 1000);
        }
      g_assert_no_error (error);
    }
  g_assert_true (delete_model (tx, model_name, &error));
}

/* ------------------------------------------------- the wire, vs. boto3 */

/* The same calls from boto3 (Debian's), for comparison with Parlance's. */
static const char boto3_calls[]
    = "import os, boto3\n"
      "from botocore.config import Config\n"
      "e = os.environ\n"
      "c = boto3.client('transcribe', endpoint_url=e['TX_ENDPOINT'], "
      "region_name='us-east-1',\n"
      "    aws_access_key_id=e['TX_KEY'], aws_secret_access_key=e['TX_SECRET'],\n"
      "    config=Config(retries={'total_max_attempts': 1}))\n"
      "b = e['TX_BUCKET']\n"
      "calls = [\n"
      "  ('create_language_model', dict(ModelName='wire-model', LanguageCode='en-GB',\n"
      "     BaseModelName='NarrowBand', InputDataConfig=dict(S3Uri=f's3://{b}/train/',\n"
      "     TuningDataS3Uri=f's3://{b}/tune.txt', DataAccessRoleArn=e['TX_ROLE']),\n"
      "     Tags=[dict(Key='app', Value='parlance'), dict(Key='empty', Value='')])),\n"
      "  ('describe_language_model', dict(ModelName='wire-model')),\n"
      "  ('list_language_models', dict(StatusEquals='COMPLETED', NameContains='wire',\n"
      "     MaxResults=7)),\n"
      "  ('delete_language_model', dict(ModelName='wire-model')),\n"
      "  ('start_transcription_job', dict(TranscriptionJobName='wire-job',\n"
      "     LanguageCode='en-US', MediaSampleRateHertz=8000, MediaFormat='flac',\n"
      "     Media=dict(MediaFileUri=f's3://{b}/a.flac'), OutputBucketName=b,\n"
      "     OutputKey='out/wire.json', "
      "ModelSettings=dict(LanguageModelName='wire-model'))),\n"
      "  ('get_transcription_job', dict(TranscriptionJobName='wire-job')),\n"
      "  ('list_transcription_jobs', dict(Status='FAILED', JobNameContains='wire')),\n"
      "  ('delete_transcription_job', dict(TranscriptionJobName='wire-job')),\n"
      "]\n"
      "for name, params in calls:\n"
      "    try:\n"
      "        getattr(c, name)(**params)\n"
      "    except c.exceptions.ClientError:\n"
      "        pass\n";

static void
parlance_calls (PrlTranscribeClient *client)
{
  g_autofree char       *train = g_strdup_printf ("s3://%s/train/", bucket);
  g_autofree char       *tune = g_strdup_printf ("s3://%s/tune.txt", bucket);
  g_autofree char       *media = g_strdup_printf ("s3://%s/a.flac", bucket);
  const char            *tags[] = { "app", "parlance", "empty", "", NULL };
  PrlTranscribeModelSpec model
      = { "wire-model", "en-GB", "NarrowBand", train, tune, ROLE, tags };
  PrlTranscribeJobSpec job = { "wire-job", media,        "en-US", "flac",
                               8000,       "wire-model", bucket,  "out/wire.json" };
  g_autoptr (PrlTranscribeModel) created = NULL;
  g_autoptr (PrlTranscribeModel) described = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (PrlTranscribeJobInfo) started = NULL;
  g_autoptr (PrlTranscribeJobInfo) got = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  GError *errors[8] = { NULL };

  /* One after the other, as boto3 does; answers (errors too) do not matter. */
  created = RUN (create_language_model, client, &errors[0], &model);
  described = describe (client, "wire-model", &errors[1]);
  models = list_models (client, PRL_TRANSCRIBE_STATUS_COMPLETED, "wire", 7, &errors[2]);
  delete_model (client, "wire-model", &errors[3]);
  started = start_job (client, &job, &errors[4]);
  got = get_job (client, "wire-job", &errors[5]);
  jobs = RUN (list_transcription_jobs, client, &errors[6], PRL_TRANSCRIBE_STATUS_FAILED,
              "wire", 0);
  delete_job (client, "wire-job", &errors[7]);
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    g_clear_error (&errors[i]);
}

static const char *
header (JsonObject *request, const char *name)
{
  JsonArray *headers = json_object_get_array_member (request, "headers");

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      if (g_ascii_strcasecmp (json_array_get_string_element (pair, 0), name) == 0)
        return json_array_get_string_element (pair, 1);
    }
  return NULL;
}

/* "AWS4-HMAC-SHA256 Credential=K/D/R/S/aws4_request, SignedHeaders=..., ..."
 * without the date and signature, which differ by design. */
static char *
auth_shape (const char *authorization)
{
  g_auto (GStrv) parts
      = g_strsplit (authorization != NULL ? authorization : "", ", ", -1);
  g_auto (GStrv) scope = NULL;

  if (g_strv_length (parts) != 3)
    return g_strdup (authorization);
  scope = g_strsplit (parts[0], "/", -1);
  if (g_strv_length (scope) != 5)
    return g_strdup (authorization);
  return g_strdup_printf ("%s/%s/%s/%s, %s", scope[0], scope[2], scope[3], scope[4],
                          parts[1]);
}

static JsonNode *
parse_body (JsonObject *request)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (
      parser, json_object_get_string_member (request, "body"), -1, &error));
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_wire (void)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) boto3 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) ours = NULL;
  g_autoptr (JsonArray) theirs = NULL;
  const char *compared[] = { "Content-Type", "X-Amz-Target", "X-Amz-Security-Token",
                             "X-Amz-Content-SHA256", "Content-Encoding" };

  take_requests ();
  parlance_calls (tx);
  ours = take_requests ();

  g_subprocess_launcher_setenv (launcher, "TX_ENDPOINT", endpoint, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_KEY", main_key.key, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_SECRET", main_key.secret, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_BUCKET", bucket, TRUE);
  g_subprocess_launcher_setenv (launcher, "TX_ROLE", ROLE, TRUE);
  boto3 = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", "-c",
                                       boto3_calls, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (boto3, NULL, &error));
  theirs = take_requests ();

  g_assert_cmpuint (json_array_get_length (ours), ==, 8);
  g_assert_cmpuint (json_array_get_length (theirs), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      JsonObject      *a = json_array_get_object_element (ours, i);
      JsonObject      *b = json_array_get_object_element (theirs, i);
      g_autofree char *auth_a = auth_shape (header (a, "Authorization"));
      g_autofree char *auth_b = auth_shape (header (b, "Authorization"));
      g_autoptr (JsonNode) body_a = parse_body (a);
      g_autoptr (JsonNode) body_b = parse_body (b);
      g_autoptr (GString) boto3_signed = NULL;

      g_test_message ("%s", header (b, "X-Amz-Target"));
      boto3_signed = g_string_new (auth_b);
      g_string_replace (boto3_signed, "SignedHeaders=", "SignedHeaders=content-length;",
                        1);
      g_assert_cmpstr (json_object_get_string_member (a, "method"), ==, "POST");
      g_assert_cmpstr (json_object_get_string_member (a, "path"), ==,
                       json_object_get_string_member (b, "path"));
      for (guint h = 0; h < G_N_ELEMENTS (compared); h++)
        g_assert_cmpstr (header (a, compared[h]), ==, header (b, compared[h]));
      /* PrlHttpClient signs Content-Length too (SigV4 allows any header
       * set; the stand-in checks what was signed); the rest is boto3's. */
      g_assert_nonnull (strstr (auth_b, "SignedHeaders=content-type;"));
      g_assert_cmpstr (auth_a, ==, boto3_signed->str);
      if (!json_node_equal (body_a, body_b))
        g_error ("bodies differ:\n%s\n%s", json_object_get_string_member (a, "body"),
                 json_object_get_string_member (b, "body"));
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!tx_setup (&argc, &argv))
    {
      printf ("1..0 # SKIP PRL_TEST_S3_ENDPOINT is not set; run build-aux/test.sh or "
              "build-aux/s3-server.sh start DIR\n");
      return 0;
    }
  g_test_add_func ("/transcribe/jobs", test_jobs);
  g_test_add_func ("/transcribe/wire", test_wire);
  status = g_test_run ();
  tx_teardown ();
  return status;
}
