/* prl-cli-quickstart.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-quickstart"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-evaluate-job.h"
#include "prl-sample.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli [--workspace DIR] quickstart [--sample DIR]`
 *
 * Runs the whole main job on the bundled cardiology sample: creates the
 * model "sample-cardiology" in a fresh workspace (a new temporary folder
 * unless --workspace is given), imports the training text, the tuning text
 * and the test pairs, trains, evaluates, prints the leaderboard and one
 * utterance as the stock model and the version heard it. Exits 0 only if
 * the version's WER is below the stock model's.
 */

#define SAMPLE_MODEL "sample-cardiology"

static gboolean
is_sample_dir (const char *dir)
{
  g_autofree char *training = g_build_filename (dir, "training.txt", NULL);

  return g_file_test (training, G_FILE_TEST_IS_REGULAR);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *)a, *(char *const *)b);
}

/* Sorted paths of the files in @dir whose names end with @suffix. */
static GPtrArray *
list_files (const char *dir, const char *suffix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray  *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix) && g_strcmp0 (name, "training.txt") != 0
        && g_strcmp0 (name, "tuning.txt") != 0)
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

/* @file_types: (nullable): a type per path, else @type for all. */
static gboolean
import (PrlWorkspace         *ws,
        PrlModel             *model,
        GPtrArray            *paths,
        const PrlDatasetType *file_types,
        PrlDatasetType        type)
{
  g_autoptr (PrlImportJob) job = NULL;
  GFile    **files = g_new0 (GFile *, paths->len + 1);
  GPtrArray *added;

  for (guint i = 0; i < paths->len; i++)
    files[i] = g_file_new_for_path (g_ptr_array_index (paths, i));
  job = prl_workspace_import_typed_files (ws, model, files, file_types, paths->len, type);
  for (guint i = 0; i < paths->len; i++)
    g_object_unref (files[i]);
  g_free (files);

  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_DEFAULT, PRL_CLI_PROGRESS_NONE);
  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      GPtrArray *checks = prl_import_job_get_checks (job);

      if (checks != NULL)
        {
          g_autofree char *report = prl_check_report_format (checks);

          fprintf (stderr, "%s", report);
        }
      prl_cli_print_gerror (prl_job_get_error (PRL_JOB (job)));
      return FALSE;
    }

  added = prl_import_job_get_datasets (job);
  prl_cli_print_added (added, "  ");
  return TRUE;
}

static PrlVersion *
train (PrlWorkspace *ws, PrlModel *model)
{
  g_autoptr (PrlTrainJob) job = NULL;
  g_autoptr (GError) error = NULL;
  PrlVersion *version;

  if (!(job = prl_workspace_train_model (ws, model, FALSE, &error)))
    {
      prl_cli_print_gerror (error);
      return NULL;
    }
  g_object_ref (job);
  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_DEFAULT, PRL_CLI_PROGRESS_STEPS);

  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      prl_cli_print_gerror (prl_job_get_error (PRL_JOB (job)));
      return NULL;
    }

  version = prl_train_job_get_version (job);
  printf (_ ("  Trained version %s\n"), prl_version_get_name (version));
  prl_cli_print_lm_fit (version, FALSE);

  return g_object_ref (version);
}

/* One utterance, preferably one that the version heard differently. */
static void
print_diff (PrlEvaluateJob *job, const PrlEvalRow *stock, const PrlEvalRow *version)
{
  GPtrArray *ids = prl_evaluate_job_get_utterance_ids (job);
  GPtrArray *refs = prl_evaluate_job_get_references (job);
  guint      pick = 0;

  if (ids == NULL || refs == NULL || ids->len == 0 || stock->hypotheses->len != ids->len
      || version->hypotheses->len != ids->len)
    return;
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (stock->hypotheses, i),
                   g_ptr_array_index (version->hypotheses, i))
        != 0)
      {
        pick = i;
        break;
      }

  printf (_ ("Utterance %s:\n"), (const char *)g_ptr_array_index (ids, pick));
  printf ("  %-12s %s\n", _ ("Reference:"), (const char *)g_ptr_array_index (refs, pick));
  printf ("  %-12s %s\n", _ ("Stock:"),
          (const char *)g_ptr_array_index (stock->hypotheses, pick)
              ? (const char *)g_ptr_array_index (stock->hypotheses, pick)
              : "");
  printf ("  %-12s %s\n", _ ("Version:"),
          (const char *)g_ptr_array_index (version->hypotheses, pick)
              ? (const char *)g_ptr_array_index (version->hypotheses, pick)
              : "");
}

int
prl_cli_quickstart (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (PrlVersion) version = NULL;
  g_autoptr (PrlEvaluateJob) job = NULL;
  g_autoptr (GPtrArray) training = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) tuning = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) audio = NULL;
  g_autoptr (GPtrArray) references = NULL;
  g_autofree char   *sample_opt = NULL;
  g_autofree char   *tmp_dir = NULL;
  const char        *sample;
  GPtrArray         *rows;
  const PrlEvalRow  *stock;
  const PrlEvalRow  *best;
  const GOptionEntry entries[] = {
    { "sample", 's', 0, G_OPTION_ARG_FILENAME, &sample_opt,
      N_ ("The sample folder (default: $PARLANCE_SAMPLE_DIR or the bundled sample)"),
      N_ ("DIR") },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Create a model in a fresh workspace, import the bundled sample, "
             "train,\nevaluate and print the leaderboard. Exit status: 0 when "
             "the trained\nversion beats the stock model, 1 otherwise."),
          &argc, &argv, 0, 0,
          _ ("Usage: parlance-cli [--workspace DIR] quickstart [--sample DIR]")))
    return PRL_CLI_EXIT_USAGE;

  sample = sample_opt != NULL ? sample_opt : prl_sample_find_dir ();
  audio = list_files (sample, ".wav");
  references = list_files (sample, ".txt");
  if (!is_sample_dir (sample) || audio->len == 0)
    {
      prl_cli_print_error (_ ("No sample with test audio in “%s”; build Parlance with "
                              "espeak-ng installed or pass --sample DIR"),
                           sample);
      return PRL_CLI_EXIT_FAILURE;
    }
  g_ptr_array_add (training, g_build_filename (sample, "training.txt", NULL));
  g_ptr_array_add (tuning, g_build_filename (sample, "tuning.txt", NULL));
  printf (_ ("Sample: %s\n"), sample);

  /* tmp_dir lives until this returns, and main() returns right after. */
  if (ctx->workspace_dir == NULL)
    {
      if (!(tmp_dir = g_dir_make_tmp ("parlance-quickstart-XXXXXX", &error)))
        return prl_cli_fail (error);
      ctx->workspace_dir = tmp_dir;
    }
  printf (_ ("Workspace: %s\n"), ctx->workspace_dir);

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  printf (_ ("1. Creating the model “%s”\n"), SAMPLE_MODEL);
  prl_workspace_create_model_async (ws, SAMPLE_MODEL, "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL,
                                    prl_cli_store_result_cb, &result);
  if (!(model = prl_workspace_create_model_finish (ws, prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);

  printf ("%s\n", _ ("2. Importing the training text"));
  if (!import (ws, model, training, NULL, PRL_DATASET_TYPE_TRANSCRIPT))
    return PRL_CLI_EXIT_FAILURE;
  printf ("%s\n", _ ("3. Importing the tuning text"));
  if (!import (ws, model, tuning, NULL, PRL_DATASET_TYPE_TUNING))
    return PRL_CLI_EXIT_FAILURE;
  printf ("%s\n", _ ("4. Importing the test audio and its reference transcripts"));
  /* One test dataset: the recordings with their transcripts. */
  {
    g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (PrlDatasetType));
    PrlDatasetType audio_type = PRL_DATASET_TYPE_AUDIO;
    PrlDatasetType test_type = PRL_DATASET_TYPE_TEST;
    guint          n_audio = audio->len;

    for (guint i = 0; i < n_audio; i++)
      g_array_append_val (types, audio_type);
    for (guint i = 0; i < references->len; i++)
      {
        g_ptr_array_add (audio, g_strdup (g_ptr_array_index (references, i)));
        g_array_append_val (types, test_type);
      }
    if (!import (ws, model, audio, (PrlDatasetType *)(gpointer)types->data,
                 PRL_DATASET_TYPE_AUTO))
      return PRL_CLI_EXIT_FAILURE;
  }

  printf ("%s\n", _ ("5. Training"));
  fflush (stdout);
  if (!(version = train (ws, model)))
    return PRL_CLI_EXIT_FAILURE;

  printf ("%s\n", _ ("6. Evaluating the stock model and the version"));
  fflush (stdout);
  if (!(job = prl_cli_evaluate_model (ws, model, NULL, FALSE, 0, PRL_CLI_RUN_DEFAULT,
                                      PRL_CLI_PROGRESS_NONE)))
    return PRL_CLI_EXIT_FAILURE;
  rows = prl_evaluate_job_get_rows (job);
  if (rows == NULL || rows->len < 2)
    {
      prl_cli_print_error (_ ("The evaluation returned no result for the version"));
      return PRL_CLI_EXIT_FAILURE;
    }
  prl_cli_print_eval_rows (rows, "  ");
  stock = g_ptr_array_index (rows, 0);
  best = g_ptr_array_index (rows, rows->len - 1);
  printf ("\n");
  print_diff (job, stock, best);
  printf ("\n");

  if (best->wer < stock->wer)
    {
      printf (_ ("The trained version beats the stock model: WER %.2f%% instead of "
                 "%.2f%%.\n"),
              best->wer, stock->wer);
      return PRL_CLI_EXIT_OK;
    }
  prl_cli_print_error (_ ("The trained version does not beat the stock model: WER "
                          "%.2f%% against %.2f%%"),
                       best->wer, stock->wer);
  return PRL_CLI_EXIT_FAILURE;
}
