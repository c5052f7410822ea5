/* prl-cli-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-util"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-evaluate-job.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

void
prl_cli_print_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "parlance-cli: %s\n", message);
}

/**
 * prl_cli_escape:
 *
 * What the user typed, made safe to echo in a message: control characters
 * show as escapes (see prl_display_escape()).
 *
 * Returns: (transfer full): the text to print
 */
char *
prl_cli_escape (const char *text)
{
  return prl_display_escape (text);
}

void
prl_cli_print_gerror (const GError *error)
{
  prl_cli_print_error ("%s", error->message);
}

/* Most subcommands end this way when a call fails: one line instead of a
 * braced pair at each of them. */
int
prl_cli_fail (const GError *error)
{
  prl_cli_print_gerror (error);
  return PRL_CLI_EXIT_FAILURE;
}

/**
 * prl_cli_wait:
 * @result: where an async callback stores its #GAsyncResult
 *
 * The CLI drives the same async APIs as the app; this runs the default
 * main context until the callback has filled @result.
 *
 * Returns: (transfer none): *@result
 */
gpointer
prl_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

void
prl_cli_store_result_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/**
 * prl_cli_open_workspace:
 *
 * Opens the workspace the command line chose, printing why not.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
PrlWorkspace *
prl_cli_open_workspace (PrlCliContext *ctx)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws;

  prl_workspace_open_async (ctx->workspace_dir, NULL, prl_cli_store_result_cb, &result);
  if (!(ws = prl_workspace_open_finish (prl_cli_wait (&result), &error)))
    prl_cli_print_gerror (error);
  else if (!ctx->quiet_interrupted
           && !prl_store_is_read_only (prl_workspace_get_store (ws)))
    prl_cli_warn_interrupted (ws);
  return ws;
}

/**
 * prl_cli_find_model:
 *
 * Returns: (transfer none) (nullable): the model named @name, or %NULL
 *   after saying how to list the models
 */
PrlModel *
prl_cli_find_model (PrlWorkspace *ws, const char *name)
{
  PrlModel *model = prl_workspace_find_model (ws, name);

  if (model == NULL)
    {
      g_autofree char *shown = prl_cli_escape (name);

      prl_cli_print_error (
          _ ("No model named “%s”; “parlance-cli models list” shows them"), shown);
    }
  return model;
}

/**
 * prl_cli_json_entries:
 * @json: where `--json` is noted
 *
 * The options of the subcommands whose only one is `--json`.
 *
 * Returns: (transfer full): the entries for prl_cli_parse(); g_free() them
 */
GOptionEntry *
prl_cli_json_entries (gboolean *json)
{
  GOptionEntry *entries = g_new0 (GOptionEntry, 2);

  entries[0]
      = (GOptionEntry){ "json", 0, 0, G_OPTION_ARG_NONE, json, N_ ("Print JSON"), NULL };
  return entries;
}

/**
 * prl_cli_parse:
 * @entries: (nullable): the subcommand's options, added to @context
 * @summary: (nullable): what `--help` says it does
 * @min_positional: arguments wanted after the subcommand's name (argv[0])
 * @max_positional: at most, or -1 for no limit
 * @usage_format: printed, with what follows, when the count is wrong
 *
 * Parses a subcommand's options, printing why not: the opening of every
 * subcommand.
 *
 * Returns: whether the command line is usable
 */
gboolean
prl_cli_parse (GOptionContext     *context,
               const GOptionEntry *entries,
               const char         *summary,
               int                *argc,
               char             ***argv,
               int                 min_positional,
               int                 max_positional,
               const char         *usage_format,
               ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *usage = NULL;
  va_list          args;

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      prl_cli_print_gerror (error);
      return FALSE;
    }

  if (*argc - 1 >= min_positional && (max_positional < 0 || *argc - 1 <= max_positional))
    return TRUE;

  va_start (args, usage_format);
  usage = g_strdup_vprintf (usage_format, args);
  va_end (args);
  prl_cli_print_error ("%s", usage);
  return FALSE;
}

/**
 * prl_cli_dispatch:
 * @status: (out): the exit status of the subcommand that ran
 *
 * Runs the subcommand named by argv[1], giving it argv from its name on.
 *
 * Returns: whether there was one to run
 */
gboolean
prl_cli_dispatch (PrlCliContext          *ctx,
                  int                     argc,
                  char                  **argv,
                  const PrlCliSubcommand *subcommands,
                  guint                   n_subcommands,
                  int                    *status)
{
  for (guint i = 0; argc >= 2 && i < n_subcommands; i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        *status = subcommands[i].func (ctx, argc - 1, argv + 1);
        return TRUE;
      }
  return FALSE;
}

/**
 * prl_cli_dispatch_or_usage:
 * @command: the command, e.g. "datasets"
 * @usage: the command's usage lines
 *
 * prl_cli_dispatch(), and when no subcommand matched, names the unknown
 * one and prints @usage on stderr.
 *
 * Returns: the exit status
 */
int
prl_cli_dispatch_or_usage (PrlCliContext          *ctx,
                           int                     argc,
                           char                  **argv,
                           const PrlCliSubcommand *subcommands,
                           guint                   n_subcommands,
                           const char             *command,
                           const char             *usage)
{
  int status;

  if (prl_cli_dispatch (ctx, argc, argv, subcommands, n_subcommands, &status))
    return status;

  if (argc >= 2)
    {
      g_autofree char *shown = prl_cli_escape (argv[1]);

      /* Translators: the first %s is a command such as “models”, the second what was typed */
      prl_cli_print_error (_ ("Unknown %s command “%s”"), command, shown);
    }
  fprintf (stderr, "%s\n", usage);
  return PRL_CLI_EXIT_USAGE;
}

typedef struct
{
  PrlJob        *job;
  PrlCliProgress style;
} JobRun;

static gboolean
is_bar (PrlCliProgress style)
{
  return style == PRL_CLI_PROGRESS_BAR || style == PRL_CLI_PROGRESS_BAR_KEEP;
}

/* notify::status comes only when the status changes to a new text. */
static void
print_progress_cb (PrlJob *job, GParamSpec *pspec, JobRun *run)
{
  const char *status = prl_job_get_status (job) ? prl_job_get_status (job) : "";
  double      progress = prl_job_get_progress (job);

  switch (run->style)
    {
    case PRL_CLI_PROGRESS_BAR:
    case PRL_CLI_PROGRESS_BAR_KEEP:
      if (progress >= 0)
        fprintf (stderr, "\r%3.0f%% %-60.60s", progress * 100, status);
      else
        fprintf (stderr, "\r     %-60.60s", status);
      break;

    case PRL_CLI_PROGRESS_STAGES:
      if (progress >= 0)
        fprintf (stderr, "[%3.0f%%] %s\n", progress * 100, status);
      else
        fprintf (stderr, "       %s\n", status);
      break;

    case PRL_CLI_PROGRESS_STEPS:
      fprintf (stderr, "  %s\n", status);
      break;

    case PRL_CLI_PROGRESS_NONE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
sigint_cb (gpointer user_data)
{
  JobRun *run = user_data;

  /* A line would break a progress bar. */
  if (run->style == PRL_CLI_PROGRESS_STAGES || run->style == PRL_CLI_PROGRESS_STEPS)
    fprintf (stderr, "%s\n", _ ("Cancelling…"));
  prl_job_cancel (run->job);
  return G_SOURCE_CONTINUE;
}

/**
 * prl_cli_run_job:
 * @flags: whether to execute @job, and whether Ctrl+C cancels it
 * @style: how to show its progress on stderr
 *
 * Runs the default main context until @job has ended; its state and
 * error tell how.
 */
void
prl_cli_run_job (PrlJob *job, PrlCliRunFlags flags, PrlCliProgress style)
{
  g_autoptr (GAsyncResult) result = NULL;
  JobRun run = { job, style };
  gulong progress_id = 0;
  guint  sigint_id = 0;

  if (is_bar (style) ? isatty (fileno (stderr)) : style != PRL_CLI_PROGRESS_NONE)
    progress_id
        = g_signal_connect (job, "notify::status", G_CALLBACK (print_progress_cb), &run);
  if (flags & PRL_CLI_RUN_SIGINT)
    sigint_id = g_unix_signal_add (SIGINT, sigint_cb, &run);

  if (flags & PRL_CLI_RUN_START)
    {
      prl_job_execute_async (job, NULL, prl_cli_store_result_cb, &result);
      prl_cli_wait (&result);
    }
  else
    while (prl_job_is_active (job))
      g_main_context_iteration (NULL, TRUE);

  g_clear_handle_id (&sigint_id, g_source_remove);
  if (progress_id != 0)
    {
      g_clear_signal_handler (&progress_id, job);
      if (style == PRL_CLI_PROGRESS_BAR)
        fprintf (stderr, "\r%-65s\r", "");
      else if (style == PRL_CLI_PROGRESS_BAR_KEEP)
        fprintf (stderr, "\n");
    }
}

/**
 * prl_cli_print_eval_rows:
 * @rows: (element-type PrlEvalRow): the leaderboard, stock model first
 * @indent: put before each line
 *
 * Prints the leaderboard's header and rows.
 */
void
prl_cli_print_eval_rows (GPtrArray *rows, const char *indent)
{
  printf ("%s%-40s %7s %7s %5s %5s %5s %6s %5s %9s  %s\n", indent, _ ("System"),
          _ ("WER %"), _ ("SER %"), _ ("Sub"), _ ("Del"), _ ("Ins"), _ ("Words"),
          _ ("Utts"), _ ("p-value"), _ ("Provider"));
  for (guint i = 0; i < rows->len; i++)
    {
      const PrlEvalRow *row = g_ptr_array_index (rows, i);
      g_autofree char  *p
          = row->p_value >= 0 ? g_strdup_printf ("%.4f", row->p_value) : g_strdup ("—");
      g_autofree char *name = NULL;

      /* Another model's stock row says whose: its provider's stock model. */
      if (row->version != NULL)
        name = g_strdup (row->version);
      else if (row->foreign)
        name = g_strdup_printf (_ ("%s (stock)"), row->model);
      else
        name = g_strdup (_ ("stock"));
      printf ("%s%-40s %7.2f %7.2f %5u %5u %5u %6u %5u %9s  %s\n", indent, name, row->wer,
              row->ser, row->substitutions, row->deletions, row->insertions, row->words,
              row->utterances, p, row->provider ? row->provider : "");
    }
}

static void
print_perplexity (const char *label, double value)
{
  if (value >= 0)
    printf ("  %-22s %.2f\n", label, value);
}

/**
 * prl_cli_print_lm_fit:
 * @explain_weight: whether to say where λ came from
 *
 * Prints a trained version's “Weight λ:” and “Perplexity, …:” lines. The
 * stock model's plain perplexity counts every word it does not know at
 * 10^-99, so on domain text it is a meaningless 1e12; it is shown as the
 * perplexity on the words it knows and the share of words it does not.
 */
void
prl_cli_print_lm_fit (PrlVersion *version, gboolean explain_weight)
{
  g_autofree char *reason = prl_version_describe_weight (version);
  g_autofree char *stock_fit = prl_version_describe_stock_fit (version);

  if (explain_weight)
    printf ("  %-22s %.4f, %s\n", _ ("Weight λ:"), prl_version_get_lm_weight (version),
            reason);
  else
    printf ("  %-22s %.4f\n", _ ("Weight λ:"), prl_version_get_lm_weight (version));
  print_perplexity (_ ("Perplexity, custom:"),
                    prl_version_get_custom_perplexity (version));
  if (stock_fit != NULL)
    printf ("  %-22s %s\n", _ ("Stock model:"), stock_fit);
  else
    print_perplexity (_ ("Perplexity, stock:"),
                      prl_version_get_stock_perplexity (version));
  print_perplexity (_ ("Perplexity, mixture:"),
                    prl_version_get_mixture_perplexity (version));
}

/**
 * prl_cli_print_json:
 * @builder: a builder holding one complete value
 *
 * Prints the value, pretty-printed, and a newline on stdout: what every
 * command's --json prints.
 */
void
prl_cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

/**
 * prl_cli_print_added:
 * @datasets: (element-type PrlDataset): what an import added
 * @indent: put before each line
 *
 * One line per dataset added, with its type, and its files when it has
 * several or another name.
 */
void
prl_cli_print_added (GPtrArray *datasets, const char *indent)
{
  g_autoptr (GListStore) list = g_list_store_new (PRL_TYPE_DATASET);
  g_autoptr (GPtrArray) groups = NULL;

  g_list_store_splice (list, 0, 0, datasets->pdata, datasets->len);
  groups = prl_dataset_group_collect (G_LIST_MODEL (list));
  for (guint i = 0; i < groups->len; i++)
    {
      PrlDatasetGroup *group = g_ptr_array_index (groups, i);
      PrlDataset      *first = prl_dataset_group_get_file (group, 0);
      g_autoptr (GString) names = g_string_new (NULL);
      const char *type
          = prl_dataset_type_to_string (prl_dataset_group_get_dataset_type (group));

      fputs (indent, stdout);
      if (prl_dataset_group_get_n_files (group) == 1
          && g_strcmp0 (prl_dataset_get_name (first), prl_dataset_group_get_name (group))
                 == 0)
        {
          printf (_ ("Added %s (%s).\n"), prl_dataset_group_get_name (group), type);
          continue;
        }

      for (guint j = 0; j < prl_dataset_group_get_n_files (group); j++)
        {
          if (j > 0)
            g_string_append (names, ", ");
          g_string_append (names,
                           prl_dataset_get_name (prl_dataset_group_get_file (group, j)));
        }
      /* Translators: a dataset's name, its type and its files, e.g.
       * "Added clinic (TEST): clinic1.wav, clinic1.txt." */
      printf (_ ("Added %s (%s): %s.\n"), prl_dataset_group_get_name (group), type,
              names->str);
    }
}
