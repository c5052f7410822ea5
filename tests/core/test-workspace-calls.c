/* test-workspace-calls.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-test-util.h"
#include "prl-caption-writer.h"

/* The workspace calls the GUI and the CLI share instead of reaching the
 * provider or the store themselves: the phone check with its one message,
 * listing datasets and versions once, the evaluation guard with a thread
 * count, the split count over given datasets; and core's transcript JSON
 * and captions. */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_open (f, "prl-ws-calls-XXXXXX");
}

static void
test_check_pronunciation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* Case and spacing do not matter; the local set is ARPAbet. */
  g_assert_true (
      prl_workspace_check_pronunciation (f->ws, f->model, "p aa  r l ah n\ts", &error));
  g_assert_no_error (error);

  g_assert_false (
      prl_workspace_check_pronunciation (f->ws, f->model, "P AA R xx L AH N S", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (
      error->message, "“XX” is not a phone of the acoustic model. Use these: AA AE AH"));
}

static GPtrArray *
list_datasets (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *datasets;

  prl_workspace_read_rows_async (f->ws, f->model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 store_result_cb, &result);
  datasets = prl_workspace_read_rows_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  return datasets;
}

static void
test_list_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = list_datasets (f);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) versions = NULL;

  g_assert_cmpuint (before->len, ==, 0);
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "the patient takes metoprolol\n");
  after = list_datasets (f);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (prl_dataset_get_name (g_ptr_array_index (after, 0)), ==, "notes.txt");

  prl_workspace_read_rows_async (f->ws, f->model, PRL_MODEL_ROWS_VERSIONS, NULL,
                                 store_result_cb, &result);
  versions = prl_workspace_read_rows_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 0);
}

/* A manifest of five lines: utt7 and utt9 are held out (see
 * test-eval-split.c), counted from the datasets given, not the live list. */
static void
test_count_given_split (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GString) manifest = g_string_new (NULL);
  static const char *const ids[] = { "utt1", "utt2", "utt3", "utt7", "utt9" };
  guint                    n_training = 0, n_held_out = 0;

  /* The import checks that the audio files exist; empty ones serve. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *wav_name = g_strconcat (ids[i], ".wav", NULL);
      g_autofree char *wav = g_build_filename (f->files, wav_name, NULL);

      g_assert_true (g_file_set_contents (wav, "", 0, NULL));
      g_string_append_printf (
          manifest, "{\"audio_filepath\": \"%s\", \"text\": \"%s\"}\n", wav_name, ids[i]);
    }
  add_text (f, PRL_DATASET_TYPE_MANIFEST, "train.jsonl", manifest->str);
  datasets = list_datasets (f);
  prl_workspace_count_datasets_split_async (f->ws, datasets, NULL, store_result_cb,
                                            &result);
  g_assert_true (prl_workspace_count_split_finish (f->ws, wait_for (&result), &n_training,
                                                   &n_held_out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_training, ==, 3);
  g_assert_cmpuint (n_held_out, ==, 2);

  /* The worker thread lets go of its task, and so of the workspace, a
   * moment after the result arrived; the teardown checks it is freed. */
  g_clear_object (&result);
  while (g_atomic_int_get (&G_OBJECT (f->ws)->ref_count) > 1)
    g_usleep (1000);
}

static void
wait_until_done (PrlEvaluateJob *job)
{
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
}

/* The entry point with a thread count applies the one-evaluation-per-model
 * guard, as the CLI's evaluate command relies on. */
static void
test_evaluate_guard (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlEvaluateJob) first = NULL;
  g_autoptr (PrlEvaluateJob) third = NULL;
  PrlEvaluateJob *second;

  first = prl_workspace_evaluate_model_full (f->ws, f->model, NULL, FALSE, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_object_ref (first);

  second = prl_workspace_evaluate_model (f->ws, f->model, NULL, FALSE, &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "“clinic” is being evaluated already"));
  g_clear_error (&error);

  /* Without test pairs it fails, and then the model may be evaluated again. */
  wait_until_done (first);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (first)), ==, PRL_JOB_STATE_FAILED);
  third = prl_workspace_evaluate_model_full (f->ws, f->model, NULL, FALSE, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
  g_object_ref (third);
  wait_until_done (third);
}

static PrlTranscript *
sample_transcript (void)
{
  PrlTranscript *t = prl_transcript_new ("/audio/utt1.wav");

  t->duration = 2.5;
  prl_transcript_add_word (t, "metoprolol", 0.25, 1.0, 0.5);
  prl_transcript_add_word (t, "daily", 1.125, 1.5, 1);
  return t;
}

static void
test_transcript_json (void)
{
  g_autoptr (PrlTranscript) t = sample_transcript ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  prl_transcript_build_json (t, b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (
      json, ==,
      "{\"id\":\"utt1\",\"path\":\"/audio/utt1.wav\",\"text\":\"metoprolol "
      "daily\",\"duration\":2.5,\"words\":[{\"word\":\"metoprolol\",\"start\":"
      "0.25,\"end\":1.0,\"confidence\":0.5},{\"word\":\"daily\",\"start\":1.125,"
      "\"end\":1.5,\"confidence\":1.0}]}");
}

static void
test_captions (void)
{
  g_autoptr (PrlTranscript) t = prl_transcript_new ("/audio/utt1.wav");
  g_autofree char *srt = NULL;
  g_autofree char *vtt = NULL;
  double           at = 0;

  /* Eight words without pauses: seven in the first cue, one in the next. */
  for (guint i = 0; i < 8; i++, at += 0.3)
    prl_transcript_add_word (t, "go", at, at + 0.25, 1);

  srt = prl_caption_format_transcript (t, FALSE);
  vtt = prl_caption_format_transcript (t, TRUE);
  g_assert_cmpstr (srt, ==,
                   "1\n00:00:00,000 --> 00:00:02,050\ngo go go go go go go\n\n"
                   "2\n00:00:02,100 --> 00:00:02,350\ngo\n\n");
  g_assert_true (g_str_has_prefix (vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:02.050\n"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  use_local ();

  g_test_add ("/workspace-calls/check-pronunciation", Fixture, NULL, fixture_set_up,
              test_check_pronunciation, fixture_tear_down);
  g_test_add ("/workspace-calls/list-once", Fixture, NULL, fixture_set_up, test_list_once,
              fixture_tear_down);
  g_test_add ("/workspace-calls/count-given-split", Fixture, NULL, fixture_set_up,
              test_count_given_split, fixture_tear_down);
  g_test_add ("/workspace-calls/evaluate-guard", Fixture, NULL, fixture_set_up,
              test_evaluate_guard, fixture_tear_down);
  g_test_add_func ("/workspace-calls/transcript-json", test_transcript_json);
  g_test_add_func ("/workspace-calls/captions", test_captions);

  return g_test_run ();
}
