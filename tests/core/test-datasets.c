/* test-datasets.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "core-test-util.h"
#include "prl-store-versions.h"

/* Datasets through the workspace, as the app and the CLI use them:
 * checks, the import job, training status, test pairs, deletion and
 * what a cancelled or refused upload leaves behind (nothing). */

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  char *path = g_build_filename (f->files, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_open (f, "prl-datasets-XXXXXX");
}

static PrlImportJob *
import (Fixture *f, PrlDatasetType type, const char *first, ...)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  PrlImportJob *job;
  va_list       args;

  va_start (args, first);
  for (const char *path = first; path; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);

  job = prl_workspace_import_files (f->ws, f->model, (GFile **)files->pdata, files->len,
                                    type);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  return job;
}

static guint
count_blobs (Fixture *f)
{
  g_autofree char *script
      = g_strdup_printf ("find '%s/blobs' -type f 2>/dev/null | wc -l", f->dir);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *cmd = g_strdup_printf ("sh -c %s", quoted);
  g_autofree char *out = NULL;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  return atoi (out);
}

static GPtrArray *
stored_datasets (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlStore  *store = prl_workspace_get_store (f->ws);
  GPtrArray *datasets;

  prl_store_list_datasets_async (store, prl_model_get_id (f->model), NULL,
                                 store_result_cb, &result);
  datasets = prl_store_list_datasets_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return datasets;
}

static void
test_import_and_status (Fixture *f, gconstpointer data)
{
  g_autofree char *train = write_file (f, "notes.txt",
                                       "the patient has atrial fibrillation\n"
                                       "start metoprolol twenty five milligrams\n");
  g_autoptr (PrlImportJob) job = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  GListModel *list = prl_workspace_get_datasets (f->ws, f->model);
  PrlDataset *dataset;

  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_NOT_RUNNING);

  job = import (f, PRL_DATASET_TYPE_AUTO, train, NULL);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_cmpfloat (prl_job_get_progress (PRL_JOB (job)), ==, 1.0);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  dataset = g_list_model_get_item (list, 0);
  g_assert_cmpstr (prl_dataset_get_name (dataset), ==, "notes.txt");
  g_assert_cmpint (prl_dataset_get_dataset_type (dataset), ==,
                   PRL_DATASET_TYPE_TRANSCRIPT);
  g_assert_cmpuint (prl_dataset_get_n_lines (dataset), ==, 2);
  g_assert_cmpuint (prl_dataset_get_n_words (dataset), ==, 10);
  g_assert_true (g_str_has_prefix (prl_dataset_get_uri (dataset), "file:///"));
  g_assert_true (g_date_time_compare (prl_dataset_get_started (dataset),
                                      prl_dataset_get_ended (dataset))
                 <= 0);
  g_assert_cmpuint (count_blobs (f), ==, 1);

  /* The stored copy is byte for byte the original. */
  {
    g_autoptr (GFile) blob = g_file_new_for_uri (prl_dataset_get_uri (dataset));
    g_autofree char *content = NULL;

    g_assert_true (g_file_load_contents (blob, NULL, &content, NULL, NULL, NULL));
    g_assert_cmpstr (content, ==,
                     "the patient has atrial fibrillation\n"
                     "start metoprolol twenty five milligrams\n");
  }

  stored = stored_datasets (f);
  g_assert_cmpuint (stored->len, ==, 1);

  /* Deleting the only training text leaves nothing to train on. */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    prl_workspace_delete_dataset_async (f->ws, dataset, NULL, store_result_cb, &result);
    g_assert_true (
        prl_workspace_delete_dataset_finish (f->ws, wait_for (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (count_blobs (f), ==, 0);
  g_object_unref (dataset);
}

static void
test_failed_check_stores_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *good = write_file (f, "good.txt", "a fine line\n");
  g_autofree char *bad = write_file (f, "bad.txt", "one\ntwo <b>three</b>\n");
  g_autoptr (PrlImportJob) job = import (f, PRL_DATASET_TYPE_AUTO, good, bad, NULL);
  g_autoptr (GPtrArray) stored = NULL;
  const GError  *error = prl_job_get_error (PRL_JOB (job));
  GPtrArray     *checks = prl_import_job_get_checks (job);
  PrlFileCheck  *check;
  PrlCheckIssue *issue;

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_FAILED);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "nothing was added"));

  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_false (prl_file_check_has_errors (g_ptr_array_index (checks, 0)));
  check = g_ptr_array_index (checks, 1);
  g_assert_true (prl_file_check_has_errors (check));
  issue = g_ptr_array_index (check->issues, 0);
  g_assert_cmpstr (issue->code, ==, "markup");
  g_assert_cmpuint (issue->line, ==, 2);
  g_assert_cmpuint (issue->column, ==, 5);

  stored = stored_datasets (f);
  g_assert_cmpuint (stored->len, ==, 0);
  g_assert_cmpuint (count_blobs (f), ==, 0);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
}

static void
test_batch_refusals (Fixture *f, gconstpointer data)
{
  g_autofree char *text = write_file (f, "notes.txt", "some text\n");
  g_autofree char *manifest
      = write_file (f, "set.jsonl", "{\"audio_filepath\": \"x.wav\", \"text\": \"x\"}\n");
  g_autoptr (PrlImportJob) mixed
      = import (f, PRL_DATASET_TYPE_AUTO, text, manifest, NULL);
  g_autoptr (PrlImportJob) none = import (f, PRL_DATASET_TYPE_AUTO, NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) checks = NULL;

  g_assert_error (prl_job_get_error (PRL_JOB (mixed)), PRL_DATASET_ERROR,
                  PRL_DATASET_ERROR_INCOMPATIBLE_TYPES);
  g_assert_error (prl_job_get_error (PRL_JOB (none)), PRL_DATASET_ERROR,
                  PRL_DATASET_ERROR_NO_FILES);

  for (guint i = 0; i < 11; i++)
    g_ptr_array_add (files, g_file_new_for_path (text));
  prl_workspace_check_files_async (f->ws, f->model, (GFile **)files->pdata, files->len,
                                   PRL_DATASET_TYPE_AUTO, NULL, store_result_cb, &result);
  checks = prl_workspace_check_files_finish (f->ws, wait_for (&result), &error);
  g_assert_null (checks);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_TOO_MANY_FILES);
  g_assert_cmpuint (count_blobs (f), ==, 0);
}

static void
test_check_only_and_duplicates (Fixture *f, gconstpointer data)
{
  g_autofree char *train
      = write_file (f, "train.txt", "start metoprolol\nstop aspirin\n");
  g_autofree char *tune
      = write_file (f, "tune.txt", "new sentence here\nStart  Metoprolol\n");
  g_autoptr (PrlImportJob) job = import (f, PRL_DATASET_TYPE_AUTO, train, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (tune);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  PrlFileCheck  *check;
  PrlCheckIssue *issue;

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);

  /* Tuning text that repeats the stored training text is reported. */
  prl_workspace_check_files_async (f->ws, f->model, &file, 1, PRL_DATASET_TYPE_TUNING,
                                   NULL, store_result_cb, &result);
  checks = prl_workspace_check_files_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  check = g_ptr_array_index (checks, 0);
  g_assert_cmpint (check->type, ==, PRL_DATASET_TYPE_TUNING);
  g_assert_false (prl_file_check_has_errors (check));
  g_assert_cmpuint (check->issues->len, ==, 1);
  issue = g_ptr_array_index (check->issues, 0);
  g_assert_cmpstr (issue->code, ==, "duplicate_tuning_line");
  g_assert_cmpuint (issue->line, ==, 2);

  /* Checking stored nothing. */
  g_assert_cmpuint (count_blobs (f), ==, 1);
}

static void
test_test_pairs (Fixture *f, gconstpointer data)
{
  g_autofree char *a_txt = write_file (f, "a.txt", "hello there\n");
  g_autofree char *c_txt = write_file (f, "c.txt", "lonely transcript\n");
  g_autofree char *a_wav = g_build_filename (f->files, "a.wav", NULL);
  g_autofree char *b_wav = g_build_filename (f->files, "b.wav", NULL);
  g_autofree char *cmd_a
      = g_strdup_printf ("sox -n -r 16000 -c 1 '%s' synth 0.5 sine 300", a_wav);
  g_autofree char *cmd_b
      = g_strdup_printf ("sox -n -r 16000 -c 1 '%s' synth 0.7 sine 500", b_wav);
  g_autoptr (PrlImportJob) job = NULL;
  g_autoptr (PrlTestPairs) pairs = NULL;
  g_autofree char *sox = g_find_program_in_path ("sox");

  if (sox == NULL)
    {
      g_test_skip ("sox is not installed");
      return;
    }
  g_assert_cmpint (system (cmd_a), ==, 0);
  g_assert_cmpint (system (cmd_b), ==, 0);

  job = import (f, PRL_DATASET_TYPE_TEST, a_wav, b_wav, a_txt, c_txt, NULL);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);

  /* Pairs come from the workspace's list, which loads in the background. */
  while (g_list_model_get_n_items (prl_workspace_get_datasets (f->ws, f->model)) < 4)
    g_main_context_iteration (NULL, TRUE);
  pairs = prl_workspace_get_test_pairs (f->ws, f->model);
  g_assert_cmpuint (pairs->n_pairs, ==, 1);
  g_assert_cmpuint (pairs->unpaired->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (pairs->unpaired, 0), ==, "b.wav");
  g_assert_cmpstr (g_ptr_array_index (pairs->unpaired, 1), ==, "c.txt");

  /* Test data alone is nothing to train on. */
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_NOT_RUNNING);

  {
    GListModel *list = prl_workspace_get_datasets (f->ws, f->model);
    g_autoptr (PrlDataset) wav = g_list_model_get_item (list, 0);

    g_assert_cmpint (prl_dataset_get_dataset_type (wav), ==, PRL_DATASET_TYPE_AUDIO);
    g_assert_cmpuint (prl_dataset_get_sample_rate (wav), ==, 16000);
    g_assert_cmpfloat_with_epsilon (prl_dataset_get_duration (wav), 0.5, 0.05);
  }
}

/* The import copies while it checks, from its first status on; waiting
 * for "Copying" could see the whole file done on a fast machine. */
static void
cancel_when_started (PrlJob *job)
{
  const char *status = prl_job_get_status (job);

  if (status != NULL
      && (g_str_has_prefix (status, "Checking") || g_str_has_prefix (status, "Copying")))
    prl_job_cancel (job);
}

static void
test_cancel_stores_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->files, "big.txt", NULL);
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (PrlImportJob) job = NULL;
  GString *text = g_string_new (NULL);

  /* Big enough that copying takes a few progress updates. */
  while (text->len < 48 * 1024 * 1024)
    g_string_append (text,
                     "the quick brown fox jumps over the lazy dog again and again\n");
  g_assert_true (g_file_set_contents (big, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  file = g_file_new_for_path (big);
  job = prl_workspace_import_files (f->ws, f->model, &file, 1, PRL_DATASET_TYPE_AUTO);
  g_signal_connect (job, "notify::status", G_CALLBACK (cancel_when_started), NULL);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);
  g_assert_error (prl_job_get_error (PRL_JOB (job)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  stored = stored_datasets (f);
  g_assert_cmpuint (stored->len, ==, 0);
  g_assert_cmpuint (count_blobs (f), ==, 0);
}

/* Imports @paths with a type and a dataset name per file. */
static PrlImportJob *
import_named (Fixture              *f,
              const char *const    *paths,
              const PrlDatasetType *types,
              const char *const    *names,
              guint                 n)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  PrlImportJob *job;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  job = prl_workspace_import_datasets (f->ws, f->model, (GFile **)files->pdata, types,
                                       names, n, PRL_DATASET_TYPE_AUTO);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  return job;
}

static GPtrArray *
stored_groups (Fixture *f)
{
  g_autoptr (GPtrArray) files = stored_datasets (f);
  g_autoptr (GListStore) list = g_list_store_new (PRL_TYPE_DATASET);

  g_list_store_splice (list, 0, 0, files->pdata, files->len);
  return prl_dataset_group_collect (G_LIST_MODEL (list));
}

/* An upload is one dataset per kind: two training texts make one dataset
 * of two files, the tuning text another; each file keeps where it came
 * from; the names are the user's or made from the files. */
static void
test_upload_makes_one_dataset_per_kind (Fixture *f, gconstpointer data)
{
  g_autofree char     *t1 = write_file (f, "ward1.txt", "start metoprolol\n");
  g_autofree char     *t2 = write_file (f, "ward2.txt", "stop aspirin today\n");
  g_autofree char     *tune = write_file (f, "tuning.txt", "a new sentence\n");
  const char          *paths[] = { t1, tune, t2 };
  const PrlDatasetType types[] = { PRL_DATASET_TYPE_TRANSCRIPT, PRL_DATASET_TYPE_TUNING,
                                   PRL_DATASET_TYPE_TRANSCRIPT };
  g_autoptr (PrlImportJob) job = import_named (f, paths, types, NULL, 3);
  g_autoptr (PrlImportJob) again = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  PrlDatasetGroup *train, *tuning;

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (prl_import_job_get_datasets (job)->len, ==, 3);
  groups = stored_groups (f);
  g_assert_cmpuint (groups->len, ==, 2);
  train = g_ptr_array_index (groups, 0);
  tuning = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (prl_dataset_group_get_name (train), ==, "ward");
  g_assert_cmpuint (prl_dataset_group_get_n_files (train), ==, 2);
  g_assert_cmpstr (prl_dataset_group_get_type_label (train), ==, "Training text");
  g_assert_cmpstr (prl_dataset_get_name (prl_dataset_group_get_file (train, 0)), ==,
                   "ward1.txt");
  g_assert_cmpstr (prl_dataset_get_name (prl_dataset_group_get_file (train, 1)), ==,
                   "ward2.txt");
  g_assert_cmpstr (prl_dataset_get_source (prl_dataset_group_get_file (train, 1)), ==,
                   t2);
  g_assert_cmpuint (prl_dataset_group_get_size (train), ==, 17 + 19);
  /* Both files come from one folder: the source says so. */
  {
    g_autofree char *expected = g_strdup_printf ("%s (2 files)", f->files);

    g_assert_cmpstr (prl_dataset_group_get_source (train), ==, expected);
  }
  g_assert_cmpstr (prl_dataset_group_get_name (tuning), ==, "tuning.txt");
  g_assert_cmpstr (prl_dataset_group_get_source (tuning), ==, tune);
  g_assert_cmpfloat (prl_dataset_group_get_duration (tuning), ==, -1);

  /* The same files again get a name of their own. */
  again = import_named (f, paths, types, NULL, 3);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (again)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = stored_groups (f);
  g_assert_cmpuint (groups->len, ==, 4);
  g_assert_cmpstr (prl_dataset_group_get_name (g_ptr_array_index (groups, 2)), ==,
                   "ward (2)");
  g_assert_cmpstr (prl_dataset_group_get_name (g_ptr_array_index (groups, 3)), ==,
                   "tuning.txt (2)");
}

/* A name the user gives must be new in the model and not empty; one name
 * for an upload of two kinds names both, told apart by their type. */
static void
test_dataset_names (Fixture *f, gconstpointer data)
{
  g_autofree char     *t1 = write_file (f, "a.txt", "start metoprolol\n");
  g_autofree char     *tune = write_file (f, "b.txt", "a new sentence\n");
  const char          *paths[] = { t1, tune };
  const PrlDatasetType types[] = { PRL_DATASET_TYPE_TRANSCRIPT, PRL_DATASET_TYPE_TUNING };
  const char          *both[] = { "Ward notes", "Ward notes" };
  const char          *blank[] = { "  ", NULL };
  g_autoptr (PrlImportJob) job = import_named (f, paths, types, both, 2);
  g_autoptr (PrlImportJob) taken = NULL;
  g_autoptr (PrlImportJob) empty = NULL;
  g_autoptr (GPtrArray) groups = NULL;

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  groups = stored_groups (f);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (prl_dataset_group_get_name (g_ptr_array_index (groups, 0)), ==,
                   "Ward notes (Training text)");
  g_assert_cmpstr (prl_dataset_group_get_name (g_ptr_array_index (groups, 1)), ==,
                   "Ward notes (Tuning text)");

  /* Taken, whatever the case: refused, nothing stored. */
  {
    const char *same[] = { "ward NOTES (training text)" };

    taken = import_named (f, paths, types, same, 1);
  }
  g_assert_cmpint (prl_job_get_state (PRL_JOB (taken)), ==, PRL_JOB_STATE_FAILED);
  g_assert_error (prl_job_get_error (PRL_JOB (taken)), PRL_DATASET_ERROR,
                  PRL_DATASET_ERROR_INVALID_NAME);
  g_assert_nonnull (strstr (prl_job_get_error (PRL_JOB (taken))->message, "already has"));

  empty = import_named (f, paths, types, blank, 1);
  g_assert_error (prl_job_get_error (PRL_JOB (empty)), PRL_DATASET_ERROR,
                  PRL_DATASET_ERROR_INVALID_NAME);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = stored_groups (f);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpuint (count_blobs (f), ==, 2);
}

/* Deleting a dataset deletes all its files, and the stored copies no
 * other dataset shares; the model's status follows. */
static void
test_delete_dataset_of_files (Fixture *f, gconstpointer data)
{
  g_autofree char     *t1 = write_file (f, "ward1.txt", "start metoprolol\n");
  g_autofree char     *t2 = write_file (f, "ward2.txt", "stop aspirin today\n");
  g_autofree char     *t3 = write_file (f, "other.txt", "start metoprolol\n");
  const char          *two[] = { t1, t2 };
  const char          *one[] = { t3 };
  const PrlDatasetType types[]
      = { PRL_DATASET_TYPE_TRANSCRIPT, PRL_DATASET_TYPE_TRANSCRIPT };
  g_autoptr (PrlImportJob) job = import_named (f, two, types, NULL, 2);
  g_autoptr (PrlImportJob) other = import_named (f, one, types, NULL, 1);
  GListModel *list = prl_workspace_get_datasets (f->ws, f->model);
  g_autoptr (PrlDataset) second = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;

  g_assert_cmpint (prl_job_get_state (PRL_JOB (other)), ==, PRL_JOB_STATE_SUCCEEDED);
  while (g_list_model_get_n_items (list) < 3)
    g_main_context_iteration (NULL, TRUE);
  /* other.txt has the content of ward1.txt: one blob for both. */
  g_assert_cmpuint (count_blobs (f), ==, 2);

  /* Any file of the dataset stands for it. */
  second = g_list_model_get_item (list, 1);
  g_assert_cmpstr (prl_dataset_get_name (second), ==, "ward2.txt");
  prl_workspace_delete_dataset_async (f->ws, second, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_delete_dataset_finish (f->ws, wait_for (&result), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  groups = stored_groups (f);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (prl_dataset_group_get_name (g_ptr_array_index (groups, 0)), ==,
                   "other.txt");
  /* ward2.txt's blob is gone; the one other.txt shares stays. */
  g_assert_cmpuint (count_blobs (f), ==, 1);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
}

/* The training fingerprint covers every file of a dataset: a dataset with
 * one more file is different data to train on. */
static void
test_fingerprint_covers_every_file (Fixture *f, gconstpointer data)
{
  g_autofree char     *t1 = write_file (f, "ward1.txt", "start metoprolol\n");
  g_autofree char     *t2 = write_file (f, "ward2.txt", "stop aspirin today\n");
  const char          *paths[] = { t1, t2 };
  const PrlDatasetType types[]
      = { PRL_DATASET_TYPE_TRANSCRIPT, PRL_DATASET_TYPE_TRANSCRIPT };
  g_autoptr (PrlImportJob) first = import_named (f, paths, types, NULL, 1);
  g_autoptr (PrlImportJob) job = NULL;
  g_autoptr (GPtrArray) one = stored_datasets (f);
  g_autoptr (GPtrArray) two = NULL;
  g_autofree char *before = prl_store_fingerprint_datasets (one);
  g_autofree char *after = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlDataset) file = NULL;

  /* Replace the one-file dataset with a two-file one. */
  file = g_object_ref (g_ptr_array_index (one, 0));
  prl_workspace_delete_dataset_async (f->ws, file, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_delete_dataset_finish (f->ws, wait_for (&result), &error));
  job = import_named (f, paths, types, NULL, 2);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  two = stored_datasets (f);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpint (prl_dataset_get_group_id (g_ptr_array_index (two, 0)), ==,
                   prl_dataset_get_group_id (g_ptr_array_index (two, 1)));
  after = prl_store_fingerprint_datasets (two);
  g_assert_cmpstr (before, !=, after);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/datasets/import-and-status", test_import_and_status);
  ADD ("/datasets/failed-check-stores-nothing", test_failed_check_stores_nothing);
  ADD ("/datasets/batch-refusals", test_batch_refusals);
  ADD ("/datasets/check-only-and-duplicates", test_check_only_and_duplicates);
  ADD ("/datasets/test-pairs", test_test_pairs);
  ADD ("/datasets/cancel-stores-nothing", test_cancel_stores_nothing);
  ADD ("/datasets/upload-makes-one-dataset-per-kind",
       test_upload_makes_one_dataset_per_kind);
  ADD ("/datasets/names", test_dataset_names);
  ADD ("/datasets/delete-dataset-of-files", test_delete_dataset_of_files);
  ADD ("/datasets/fingerprint-covers-every-file", test_fingerprint_covers_every_file);
#undef ADD

  return g_test_run ();
}
