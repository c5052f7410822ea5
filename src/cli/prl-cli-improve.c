/* prl-cli-improve.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * parlance-cli improve: self-heal, a client of PrlImproveJob (which
 * does the rounds) that prints each round as it ends and the final
 * leaderboard.
 */

#define G_LOG_DOMAIN "prl-cli-improve"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "prl-dataset-check.h"
#include "prl-improve-job.h"
#include "prl-wiki-client.h"

#include "prl-cli-private.h"

/* Prints a self-heal round (also for `run`): what it looked up, added,
 * trained, and why the rounds stopped after it. */
void
prl_cli_print_improve_round (const PrlImproveRound *round, FILE *out)
{
  g_autofree char *list = g_strjoinv (", ", round->words);

  if (round->words[0] != NULL)
    fprintf (out, _ ("Round %u: looking up %s\n"), round->round, list);
  if (round->dataset != NULL)
    {
      g_autofree char *n_words = g_strdup_printf ("%" G_GUINT64_FORMAT, round->n_words);

      /* Translators: the dataset a round added: its name, pages, lines,
       * words (a number written out) */
      fprintf (out, _ ("  added “%s”: %u pages, %u lines, %s words; "), round->dataset,
               round->n_pages, round->n_lines, n_words);
      fprintf (out,
               g_dngettext (
                   GETTEXT_PACKAGE, "dropped %u sentence equal to a test reference\n",
                   "dropped %u sentences equal to test references\n", round->n_dropped),
               round->n_dropped);
    }
  if (round->checks != NULL)
    {
      g_autofree char *report = prl_check_report_format (round->checks);

      fprintf (stderr, "%s", report);
    }
  if (round->version != NULL)
    {
      g_autofree char *p_text = round->p_value >= 0
                                    ? g_strdup_printf ("%.4f", round->p_value)
                                    : g_strdup (_ ("n/a"));

      /* Translators: one round's result: version, its WER, the best WER
       * before, the p-value (or “n/a”), significant or not */
      fprintf (out, _ ("  version %s: WER %.2f%% (best before %.2f%%), p = %s, %s\n"),
               round->version, round->wer, round->best_wer, p_text,
               round->significant ? _ ("significant gain") : _ ("no significant gain"));
    }
  if (round->stop == PRL_IMPROVE_STOP_ROUNDS_DONE)
    /* Translators: %s says how many rounds, e.g. “3 rounds done” */
    fprintf (out, _ ("Stopped: %s (--rounds).\n"), round->message);
  else if (round->stop != PRL_IMPROVE_STOP_NONE)
    fprintf (out, _ ("Stopped: %s.\n"), round->message);
}

static void
round_done_cb (PrlImproveJob *job, const PrlImproveRound *round, FILE *out)
{
  prl_cli_print_improve_round (round, out);
}

int
prl_cli_improve (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlImproveJob) job = NULL;
  g_autoptr (GHashTable) added = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *wiki = NULL;
  gboolean           json = FALSE;
  int                rounds = 3;
  PrlModel          *model;
  GPtrArray         *rows;
  PrlImproveOptions  options = { 0 };
  const GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds,
      N_ ("Rounds at most, 1 to 20 (default: 3)"), "N" },
    { "wiki", 0, 0, G_OPTION_ARG_STRING, &wiki,
      N_ ("The wiki’s api.php (default: " PRL_WIKI_DEFAULT_API ")"), "API-URL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_ ("Print the final leaderboard as JSON (the rounds go to stderr)"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Self-heal MODEL: look up the words its best version still misses on a "
             "wiki, "
             "add the text (test references left out), train a new version, evaluate it, "
             "and repeat until --rounds are done or a round brings no significant gain. "
             "The model must have been evaluated once."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli %s"),
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

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  options.rounds = rounds;
  options.wiki_api = wiki;
  if (!(job = prl_improve_job_new (ws, model, &options, &error)))
    return prl_cli_fail (error);
  g_signal_connect (job, "round-done", G_CALLBACK (round_done_cb),
                    json ? stderr : stdout);
  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_START | PRL_CLI_RUN_SIGINT,
                   PRL_CLI_PROGRESS_BAR);
  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      const GError *failure = prl_job_get_error (PRL_JOB (job));

      if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
          && prl_improve_job_get_run (job) == NULL)
        prl_cli_print_error (
            _ ("“%s” has no evaluation yet, so there are no missed words "
               "to look up. Run “parlance-cli evaluate %s” first"),
            prl_model_get_name (model), prl_model_get_name (model));
      else if (failure != NULL
               && !g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        prl_cli_print_gerror (failure);
      else
        prl_cli_print_error (_ ("Cancelled; the round under way was undone"));
      return PRL_CLI_EXIT_FAILURE;
    }

  rows = prl_improve_job_get_rows (job);
  added = prl_cli_describe_versions (ws, model);
  if (json)
    {
      g_autoptr (GPtrArray) stored = NULL;
      PrlEvalRun *run = prl_improve_job_get_run (job);

      if (rows == NULL)
        {
          stored = g_ptr_array_new ();
          for (guint s = 0; s < prl_eval_run_get_n_systems (run); s++)
            g_ptr_array_add (stored, (gpointer)prl_eval_run_get_row (run, s));
          rows = stored;
        }
      prl_cli_print_leaderboard_json (model, rows, added);
    }
  else if (rows != NULL)
    {
      printf ("\n");
      prl_cli_print_eval_rows (rows, "");
      prl_cli_print_version_notes (rows, added, "");
    }
  return PRL_CLI_EXIT_OK;
}
