/* prl-cli-evaluate.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-evaluate"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-evaluate-job.h"
#include "prl-improve.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli evaluate MODEL [--versions V1,V2|all] [--recompute] [--json]`
 *
 * Runs a PrlEvaluateJob on the model's test pairs and prints the
 * leaderboard: the stock model, then the selected versions oldest first.
 * Stored results are reused; --recompute transcribes everything again.
 */

/**
 * prl_cli_describe_versions:
 *
 * Returns: (transfer full): version name to the wiki text it added (see
 *   prl_improve_describe_versions()); empty when the rows cannot be read
 */
GHashTable *
prl_cli_describe_versions (PrlWorkspace *ws, PrlModel *model)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GPtrArray) datasets = NULL;

  prl_workspace_read_rows_async (ws, model, PRL_MODEL_ROWS_VERSIONS, NULL,
                                 prl_cli_store_result_cb, &result);
  versions = prl_workspace_read_rows_finish (ws, prl_cli_wait (&result), NULL);
  g_clear_object (&result);
  prl_workspace_read_rows_async (ws, model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 prl_cli_store_result_cb, &result);
  datasets = prl_workspace_read_rows_finish (ws, prl_cli_wait (&result), NULL);
  if (versions == NULL || datasets == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return prl_improve_describe_versions (versions, datasets);
}

/* Whether @row (a version) has a lower WER than every row of the model
 * before it: a version that does not "did not help". */
static gboolean
row_improved (GPtrArray *rows, guint i)
{
  const PrlEvalRow *row = g_ptr_array_index (rows, i);

  for (guint j = 0; j < i; j++)
    {
      const PrlEvalRow *older = g_ptr_array_index (rows, j);

      if (!older->foreign && older->wer <= row->wer)
        return FALSE;
    }
  return TRUE;
}

/**
 * prl_cli_print_version_notes:
 * @added: version name to what it added
 *
 * Below the leaderboard: what each version's wiki text was, and whether
 * the version helped.
 */
void
prl_cli_print_version_notes (GPtrArray *rows, GHashTable *added, const char *indent)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PrlEvalRow *row = g_ptr_array_index (rows, i);
      const char       *text;

      if (row->foreign || row->version == NULL
          || !(text = g_hash_table_lookup (added, row->version)))
        continue;
      printf ("%s%s: %s%s\n", indent, row->version, text,
              row_improved (rows, i) ? ""
                                     : _ (" — did not help: not better than before"));
    }
}

/* The leaderboard as `evaluate --json` prints it (also `improve --json`
 * and `run --json`), with "added" (the wiki text a version added, or
 * null) and "improved" (a version better than every row before it). */
void
prl_cli_print_leaderboard_json (PrlModel *model, GPtrArray *rows, GHashTable *added)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const PrlEvalRow *row = g_ptr_array_index (rows, i);
      const char       *text = row->version != NULL && !row->foreign && added != NULL
                                   ? g_hash_table_lookup (added, row->version)
                                   : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, row->model ? row->model
                                                   : prl_model_get_name (model));
      json_builder_set_member_name (b, "provider");
      json_builder_add_string_value (b, row->provider ? row->provider
                                                      : prl_model_get_provider (model));
      json_builder_set_member_name (b, "shared");
      json_builder_add_boolean_value (b, row->foreign);
      json_builder_set_member_name (b, "version");
      if (row->version != NULL)
        json_builder_add_string_value (b, row->version);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "wer");
      json_builder_add_double_value (b, row->wer);
      json_builder_set_member_name (b, "ser");
      json_builder_add_double_value (b, row->ser);
      json_builder_set_member_name (b, "substitutions");
      json_builder_add_int_value (b, row->substitutions);
      json_builder_set_member_name (b, "deletions");
      json_builder_add_int_value (b, row->deletions);
      json_builder_set_member_name (b, "insertions");
      json_builder_add_int_value (b, row->insertions);
      json_builder_set_member_name (b, "words");
      json_builder_add_int_value (b, row->words);
      json_builder_set_member_name (b, "utterances");
      json_builder_add_int_value (b, row->utterances);
      json_builder_set_member_name (b, "sentence_errors");
      json_builder_add_int_value (b, row->sentence_errors);
      json_builder_set_member_name (b, "p_value");
      if (row->p_value >= 0)
        json_builder_add_double_value (b, row->p_value);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "p_method");
      if (row->p_method != NULL)
        json_builder_add_string_value (b, row->p_method);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "computed");
      json_builder_add_int_value (b, row->computed);
      json_builder_set_member_name (b, "added");
      if (text != NULL)
        json_builder_add_string_value (b, text);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "improved");
      if (row->version != NULL && !row->foreign)
        json_builder_add_boolean_value (b, row_improved (rows, i));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  prl_cli_print_json (b);
}

static void
print_table (PrlModel *model, GPtrArray *rows, const char *profile, GHashTable *added)
{
  const PrlEvalRow *newest = NULL;
  const PrlEvalRow *best_older = NULL;
  guint             n_own = 0;

  /* The model's own rows come first; other models' on the same test set
   * follow and take no part in the newest-version note. */
  while (n_own < rows->len
         && !((const PrlEvalRow *)g_ptr_array_index (rows, n_own))->foreign)
    n_own++;
  newest = n_own > 1 ? g_ptr_array_index (rows, n_own - 1) : NULL;

  prl_cli_print_eval_rows (rows, "");
  prl_cli_print_version_notes (rows, added, "");
  for (guint i = 0; newest != NULL && i < n_own - 1; i++)
    {
      const PrlEvalRow *row = g_ptr_array_index (rows, i);

      if (best_older == NULL || row->wer < best_older->wer)
        best_older = row;
    }

  printf ("\n");
  printf (_ ("Model “%s”, normalization profile %s.\n"), prl_model_get_name (model),
          profile);
  if (newest != NULL && best_older != NULL && newest->wer >= best_older->wer)
    printf (_ ("Note: the newest version (%s) is not better than %s (WER %.2f%% vs "
               "%.2f%%).\n"),
            newest->version,
            best_older->version != NULL ? best_older->version : _ ("the stock model"),
            newest->wer, best_older->wer);
}

/* The newest evaluated version (or the stock model alone) against stock,
 * written completely or not at all. */
static gboolean
write_report (PrlEvaluateJob *job, PrlWerReportFormat format, const char *path)
{
  PrlEvalRun *run = prl_evaluate_job_get_run (job);
  g_autoptr (GError) error = NULL;
  g_autofree char *report = NULL;

  report
      = prl_eval_run_export (run, prl_eval_run_get_n_systems (run) - 1, format, &error);
  if (report == NULL || !g_file_set_contents (path, report, -1, &error))
    {
      prl_cli_print_error (_ ("Could not write the report “%s”: %s"), path,
                           error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * prl_cli_evaluate_model:
 * @threads: files transcribed at once, or 0 for one per core
 *
 * Runs an evaluation through the workspace, so that its
 * one-evaluation-per-model guard and its provider check apply as in the
 * app, and prints why it failed.
 *
 * Returns: (transfer full) (nullable): the succeeded job
 */
PrlEvaluateJob *
prl_cli_evaluate_model (PrlWorkspace      *ws,
                        PrlModel          *model,
                        const char *const *versions,
                        gboolean           recompute,
                        guint              threads,
                        PrlCliRunFlags     flags,
                        PrlCliProgress     style)
{
  g_autoptr (PrlEvaluateJob) job = NULL;
  g_autoptr (GError) error = NULL;

  if (!(job = prl_workspace_evaluate_model_full (ws, model, versions, recompute, threads,
                                                 &error)))
    {
      prl_cli_print_gerror (error);
      return NULL;
    }
  g_object_ref (job);
  prl_cli_run_job (PRL_JOB (job), flags, style);

  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      if (prl_job_get_error (PRL_JOB (job)) != NULL)
        prl_cli_print_gerror (prl_job_get_error (PRL_JOB (job)));
      else
        prl_cli_print_error (_ ("The evaluation was interrupted"));
      return NULL;
    }
  return g_steal_pointer (&job);
}

int
prl_cli_evaluate (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlEvaluateJob) job = NULL;
  g_autoptr (GHashTable) added = NULL;
  g_autofree char *versions_str = NULL;
  g_auto (GStrv) versions = NULL;
  g_autofree char   *report_str = NULL;
  g_autofree char   *output = NULL;
  PrlWerReportFormat format = PRL_WER_REPORT_SUM;
  gboolean           recompute = FALSE;
  gboolean           json = FALSE;
  int                threads = 0;
  PrlModel          *model;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "versions", 'v', 0, G_OPTION_ARG_STRING, &versions_str,
      N_ ("Versions to evaluate, separated by commas, or “all” (default)"),
      N_ ("V1,V2") },
    { "recompute", 0, 0, G_OPTION_ARG_NONE, &recompute,
      N_ ("Transcribe and score everything again instead of reusing stored results"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the leaderboard as JSON"),
      NULL },
    { "threads", 'j', 0, G_OPTION_ARG_INT, &threads,
      N_ ("Files transcribed at once (default: one per core)"), N_ ("N") },
    { "report", 'r', 0, G_OPTION_ARG_STRING, &report_str,
      N_ ("Also write the newest evaluated version's results against stock as pra, "
          "sgml, csv or json"),
      N_ ("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("The file for --report (required with it)"), N_ ("FILE") },
    { NULL }
  };

  context = g_option_context_new (
      _ ("MODEL — score the stock model and the model’s versions on its test pairs"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!prl_cli_parse (context, entries, NULL, &argc, &argv, 1, 1,
                      _ ("Usage: parlance-cli evaluate MODEL [--versions V1,V2|all] "
                         "[--recompute] [--json] [--report FORMAT --output FILE]")))
    return PRL_CLI_EXIT_USAGE;
  if (report_str != NULL
      && (!prl_wer_report_format_from_string (report_str, &format)
          || format == PRL_WER_REPORT_SUM))
    {
      prl_cli_print_error (_ ("Unknown report format “%s”: use pra, sgml, csv or json"),
                           report_str);
      return PRL_CLI_EXIT_USAGE;
    }
  if ((report_str != NULL) != (output != NULL))
    {
      prl_cli_print_error (_ ("--report and --output go together"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (threads < 0)
    {
      prl_cli_print_error (_ ("--threads needs a number of 1 or more"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (versions_str != NULL && g_strcmp0 (versions_str, "all") != 0)
    {
      versions = g_strsplit (versions_str, ",", -1);
      for (guint i = 0; versions[i] != NULL; i++)
        g_strstrip (versions[i]);
    }

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  if (!(job = prl_cli_evaluate_model (ws, model, (const char *const *)versions, recompute,
                                      threads, PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_BAR)))
    return PRL_CLI_EXIT_FAILURE;

  if (output != NULL && !write_report (job, format, output))
    return PRL_CLI_EXIT_FAILURE;

  added = prl_cli_describe_versions (ws, model);
  if (json)
    prl_cli_print_leaderboard_json (model, prl_evaluate_job_get_rows (job), added);
  else
    print_table (model, prl_evaluate_job_get_rows (job),
                 prl_evaluate_job_get_profile (job), added);

  return PRL_CLI_EXIT_OK;
}
