/* prl-cli-improve.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * parlance-cli improve: self-heal. Each round takes the words the best
 * version still misses (counted over every stored evaluation), fetches
 * wiki text about them with the test references left out, adds it as a
 * dataset, trains a new version and evaluates it; rounds repeat until
 * --rounds are done or a round brings no significant gain.
 */

#define G_LOG_DOMAIN "prl-cli-improve"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "prl-dataset-check.h"
#include "prl-evaluate-job.h"
#include "prl-improve.h"
#include "prl-remote-job.h"
#include "prl-train-job.h"
#include "prl-wiki-fetch-job.h"

#include "prl-cli-private.h"

/* Missed words looked up per round: the wiki's best pages for a few words
 * at a time keep the text on topic. */
#define WORDS_PER_ROUND 5

typedef struct
{
  PrlWorkspace *ws;
  PrlModel     *model;
  const char   *wiki;
  FILE         *out; /* the rounds' rows: stderr with --json */
} Improve;

typedef enum
{
  ROUND_GAIN,   /* significant: go on */
  ROUND_STOP,   /* a reason to stop, printed */
  ROUND_FAILED, /* an error, printed */
} RoundResult;

static PrlEvalRun *
load_evaluation (Improve *im, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_load_evaluation_async (im->ws, im->model, NULL, prl_cli_store_result_cb,
                                       &result);
  return prl_workspace_load_evaluation_finish (im->ws, prl_cli_wait (&result), error);
}

static GPtrArray *
load_datasets (Improve *im)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *datasets;

  prl_workspace_read_rows_async (im->ws, im->model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 prl_cli_store_result_cb, &result);
  if (!(datasets
        = prl_workspace_read_rows_finish (im->ws, prl_cli_wait (&result), &error)))
    prl_cli_print_gerror (error);
  return datasets;
}

/* The self-heal rounds the model had: their datasets' provenance counts
 * dropped test sentences, which no other import does. */
static guint
count_rounds (GPtrArray *datasets)
{
  guint n = 0;

  for (guint i = 0; i < datasets->len; i++)
    {
      const char *provenance
          = prl_dataset_get_provenance (g_ptr_array_index (datasets, i));

      n += provenance != NULL
           && strstr (provenance, "\"dropped_test_sentences\"") != NULL;
    }
  return n;
}

static gboolean
run_job_ok (PrlJob *job, PrlCliRunFlags flags)
{
  prl_cli_run_job (job, flags | PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_BAR);
  if (prl_job_get_state (job) == PRL_JOB_STATE_SUCCEEDED)
    return TRUE;
  if (prl_job_get_error (job) != NULL)
    prl_cli_print_gerror (prl_job_get_error (job));
  else
    prl_cli_print_error (_ ("Cancelled"));
  return FALSE;
}

/* One round; *run is the evaluation before it and, after a new version
 * was evaluated, the one after it. */
static RoundResult
improve_round (Improve *im, guint round, PrlEvalRun **run, GPtrArray **rows)
{
  const PrlEvalRow *best_row
      = prl_eval_run_get_row (*run, prl_eval_run_get_best_system (*run));
  g_autofree char *best_version = g_strdup (best_row->version);
  double           best_wer = best_row->wer;
  g_autoptr (PrlWikiFetchJob) fetch = NULL;
  g_autoptr (PrlImportJob) import = NULL;
  g_autoptr (PrlTrainJob) train = NULL;
  g_autoptr (PrlEvaluateJob) evaluate = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) words = prl_improve_pick_words (*run, WORDS_PER_ROUND);
  g_autofree char *list = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  const char *version;
  PrlDataset *dataset;
  double      p_value;
  gboolean    significant;

  if (words[0] == NULL)
    {
      fprintf (im->out,
               _ ("Stopped: the best version (%s) misses no word worth looking "
                  "up.\n"),
               best_version != NULL ? best_version : _ ("stock"));
      return ROUND_STOP;
    }
  list = g_strjoinv (", ", words);
  fprintf (im->out, _ ("Round %u: looking up %s\n"), round, list);

  if (!(fetch
        = prl_wiki_fetch_job_new (im->wiki, (const char *const *)words, FALSE, &error)))
    {
      prl_cli_print_gerror (error);
      return ROUND_FAILED;
    }
  prl_wiki_fetch_job_set_leak_guard (fetch, *run);
  if (!run_job_ok (PRL_JOB (fetch), PRL_CLI_RUN_START))
    return ROUND_FAILED;
  if (prl_wiki_fetch_job_get_pages (fetch)->len == 0)
    {
      fprintf (im->out,
               _ ("Stopped: the wiki has no pages about the missed words (%s).\n"), list);
      return ROUND_STOP;
    }

  if (!(datasets = load_datasets (im)))
    return ROUND_FAILED;
  if (prl_wiki_fetch_job_drop_known_pages (fetch, datasets) == 0)
    {
      fprintf (im->out,
               _ ("Stopped: the wiki has nothing new about the missed words (%s); the "
                  "model has every page found already.\n"),
               list);
      return ROUND_STOP;
    }

  /* Translators: a dataset's name; %u numbers the self-heal rounds of the
   * model, %s lists the words looked up */
  name = g_strdup_printf (_ ("Improve %u: %s"), count_rounds (datasets) + 1, list);
  if (g_utf8_strlen (name, -1) > 60)
    {
      g_autofree char *head = g_utf8_substring (name, 0, 59);

      g_free (name);
      name = g_strconcat (head, "…", NULL);
    }
  if (!(import = prl_wiki_fetch_job_import (fetch, im->ws, im->model, name, &error)))
    {
      fprintf (im->out, _ ("Stopped: %s\n"), error->message);
      return ROUND_STOP;
    }
  prl_cli_run_job (PRL_JOB (import), PRL_CLI_RUN_DEFAULT, PRL_CLI_PROGRESS_BAR);
  if (prl_job_get_state (PRL_JOB (import)) != PRL_JOB_STATE_SUCCEEDED)
    {
      GPtrArray *checks = prl_import_job_get_checks (import);

      if (checks != NULL)
        {
          g_autofree char *report = prl_check_report_format (checks);

          fprintf (stderr, "%s", report);
        }
      /* Text that is all test references, or fails the line checks, is
       * nothing new to train on. */
      fprintf (im->out,
               _ ("Stopped: the fetched text could not be added (%s; %u "
                  "sentences were test references).\n"),
               prl_job_get_error (PRL_JOB (import))->message,
               prl_wiki_fetch_job_get_n_dropped (fetch));
      return ROUND_STOP;
    }
  dataset = g_ptr_array_index (prl_import_job_get_datasets (import), 0);
  {
    guint            n_dropped = prl_wiki_fetch_job_get_n_dropped (fetch);
    g_autofree char *n_words = g_strdup_printf (
        "%" G_GUINT64_FORMAT, (guint64)prl_dataset_get_n_words (dataset));

    /* Translators: the dataset a round added: its name, pages, lines, words
     * (a number written out) */
    fprintf (im->out, _ ("  added “%s”: %u pages, %u lines, %s words; "),
             prl_dataset_get_group_name (dataset),
             prl_wiki_fetch_job_get_pages (fetch)->len,
             (guint)prl_dataset_get_n_lines (dataset), n_words);
    fprintf (im->out,
             g_dngettext (GETTEXT_PACKAGE,
                          "dropped %u sentence equal to a test reference\n",
                          "dropped %u sentences equal to test references\n", n_dropped),
             n_dropped);
  }

  if (!(train = prl_workspace_train_model (im->ws, im->model, FALSE, &error)))
    {
      prl_cli_print_gerror (error);
      return ROUND_FAILED;
    }
  g_object_ref (train);
  if (!run_job_ok (PRL_JOB (train), PRL_CLI_RUN_DEFAULT))
    return ROUND_FAILED;
  version = prl_version_get_name (prl_train_job_get_version (train));

  if (!(evaluate = prl_cli_evaluate_model (im->ws, im->model, NULL, FALSE, 0,
                                           PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_BAR)))
    return ROUND_FAILED;
  g_set_object (run, prl_evaluate_job_get_run (evaluate));
  g_clear_pointer (rows, g_ptr_array_unref);
  *rows = g_ptr_array_ref (prl_evaluate_job_get_rows (evaluate));
  if (!prl_improve_compare (*run, best_version, version, &p_value, &significant, &error))
    {
      prl_cli_print_gerror (error);
      return ROUND_FAILED;
    }
  {
    g_autofree char *p_text
        = p_value >= 0 ? g_strdup_printf ("%.4f", p_value) : g_strdup (_ ("n/a"));
    guint s;

    for (s = 0; s < prl_eval_run_get_n_systems (*run); s++)
      if (g_strcmp0 (prl_eval_run_get_row (*run, s)->version, version) == 0)
        break;
    /* Translators: one round's result: version, its WER, the best WER
     * before, the p-value (or “n/a”), significant or not */
    fprintf (im->out, _ ("  version %s: WER %.2f%% (best before %.2f%%), p = %s, %s\n"),
             version, prl_eval_run_get_row (*run, s)->wer, best_wer, p_text,
             significant ? _ ("significant gain") : _ ("no significant gain"));
  }
  if (!significant)
    {
      fprintf (im->out,
               _ ("Stopped: round %u brought no significant gain over %s (p must be "
                  "below %.2f with a lower WER).\n"),
               round, best_version != NULL ? best_version : _ ("the stock model"),
               PRL_IMPROVE_ALPHA);
      return ROUND_STOP;
    }
  return ROUND_GAIN;
}

int
prl_cli_improve (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlEvalRun) run = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *wiki = NULL;
  gboolean           json = FALSE;
  int                rounds = 3;
  const char        *remote_kind = NULL;
  RoundResult        result = ROUND_GAIN;
  Improve            im = { 0 };
  const GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds,
      N_ ("Rounds at most, 1 to 20 (default: 3)"), "N" },
    { "wiki", 0, 0, G_OPTION_ARG_STRING, &wiki,
      N_ ("The wiki’s api.php (default: " PRL_WIKI_DEFAULT_API ")"), "API-URL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_ ("Print the final leaderboard as JSON (the rounds go to stderr)"), NULL },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context,
      _ ("Self-heal MODEL: look up the words its best version still misses on a wiki, "
         "add the text (test references left out), train a new version, evaluate it, "
         "and repeat until --rounds are done or a round brings no significant gain. "
         "The model must have been evaluated once."));
  if (!prl_cli_parse (context, &argc, &argv, 1, 1, _ ("Usage: parlance-cli %s"),
                      "improve MODEL [--rounds N] [--wiki API-URL] [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (rounds < 1 || rounds > 20)
    {
      prl_cli_print_error (_ ("--rounds takes a number from 1 to 20"));
      return PRL_CLI_EXIT_USAGE;
    }

  if (wiki != NULL && !prl_wiki_check_api_url (wiki, &error))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }

  if (!(ws = prl_cli_open_workspace (ctx))
      || !(im.model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  im.ws = ws;
  im.wiki = wiki != NULL ? wiki : PRL_WIKI_DEFAULT_API;
  im.out = json ? stderr : stdout;
  if (prl_remote_job_lookup_trainer (prl_model_get_provider (im.model), &remote_kind))
    {
      prl_cli_print_error (_ ("“%s” trains at its provider, which takes hours a round; "
                              "improve trains local models only for now"),
                           prl_model_get_name (im.model));
      return PRL_CLI_EXIT_FAILURE;
    }
  if (!(run = load_evaluation (&im, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        prl_cli_print_error (
            _ ("“%s” has no evaluation yet, so there are no missed words "
               "to look up. Run “parlance-cli evaluate %s” first"),
            prl_model_get_name (im.model), prl_model_get_name (im.model));
      else
        prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_FAILURE;
    }

  for (int round = 1; round <= rounds && result == ROUND_GAIN; round++)
    result = improve_round (&im, round, &run, &rows);
  if (result == ROUND_FAILED)
    return PRL_CLI_EXIT_FAILURE;
  if (result == ROUND_GAIN)
    fprintf (im.out, _ ("Stopped: %d rounds done (--rounds).\n"), rounds);

  if (json)
    {
      if (rows == NULL)
        {
          rows = g_ptr_array_new ();
          for (guint s = 0; s < prl_eval_run_get_n_systems (run); s++)
            g_ptr_array_add (rows, (gpointer)prl_eval_run_get_row (run, s));
        }
      prl_cli_print_leaderboard_json (im.model, rows);
    }
  else if (rows != NULL)
    {
      printf ("\n");
      prl_cli_print_eval_rows (rows, "");
    }
  return PRL_CLI_EXIT_OK;
}
