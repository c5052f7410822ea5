/* prl-cli-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-train"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli train MODEL`: trains a model into a new version. A CLI
 * process cannot leave a job running after it exits, so it always waits,
 * printing each stage; --wait is accepted for scripts written for cloud
 * providers, where training continues elsewhere. Ctrl+C cancels the
 * training cleanly (no version is left half-written) and exits with 130.
 */

#define PRL_CLI_EXIT_CANCELLED 130

static void
print_version (PrlTrainJob *job)
{
  PrlVersion *version = prl_train_job_get_version (job);
  GPtrArray  *generated = prl_train_job_get_generated (job);

  printf (_ ("Trained version %s\n"), prl_version_get_name (version));
  printf ("  %-22s %s\n", _ ("Folder:"), prl_version_get_directory (version));
  printf ("  %-22s %s\n", _ ("Built on:"), prl_version_get_base_model_id (version));
  printf ("  %-22s %u\n", _ ("Order:"), prl_version_get_order (version));
  printf ("  %-22s %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT "\n",
          _ ("Sentences / words:"), prl_version_get_n_sentences (version),
          prl_version_get_n_words (version));
  prl_cli_print_lm_fit (version, TRUE);

  if (generated == NULL || generated->len == 0)
    {
      printf ("%s\n", _ ("No new pronunciations were generated."));
      return;
    }

  printf (_ ("Generated pronunciations (%u); change them with “parlance-cli "
             "pronunciations set”:\n"),
          generated->len);
  for (guint i = 0; i < generated->len; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (generated, i);

      printf ("  %-22s %s\n", p->word, p->phones);
    }
}

int
prl_cli_train (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GError) error = NULL;
  PrlTrainJob       *job;
  PrlModel          *model;
  gboolean           wait = FALSE;
  gboolean           force = FALSE;
  int                order = 3;
  PrlJobState        state;
  const GOptionEntry entries[] = {
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Wait for the training to end (always the case for local models)"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_ ("Train even if nothing changed since the last successful training"), NULL },
    { "order", 'n', 0, G_OPTION_ARG_INT, &order,
      N_ ("The n-gram order, 1 to 6 (default 3)"), "N" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context,
      _ ("Train MODEL into a new version, printing each stage until it ends.\n"
         "Exit status: 0 success, 1 failed or refused, 130 cancelled (Ctrl+C)."));
  if (!prl_cli_parse (
          context, &argc, &argv, 1, 1,
          _ ("Usage: parlance-cli train MODEL [--wait] [--force] [--order N]")))
    return PRL_CLI_EXIT_USAGE;
  if (order < 1 || order > 6)
    {
      prl_cli_print_error (_ ("--order must be between 1 and 6"));
      return PRL_CLI_EXIT_USAGE;
    }

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  if (!(job = prl_workspace_train_model_with_order (ws, model, force, order, &error)))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_FAILURE;
    }

  g_object_ref (job);
  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_STAGES);

  state = prl_job_get_state (PRL_JOB (job));
  if (state == PRL_JOB_STATE_SUCCEEDED)
    print_version (job);
  else if (state == PRL_JOB_STATE_CANCELLED)
    prl_cli_print_error (
        _ ("Training cancelled; no version was made and the status is as "
           "before"));
  else
    {
      const char *code = prl_train_job_get_failure_code (job);

      if (code != NULL)
        prl_cli_print_error (_ ("Training failed (%s): %s"), code,
                             prl_job_get_error (PRL_JOB (job))->message);
      else
        prl_cli_print_gerror (prl_job_get_error (PRL_JOB (job)));
    }

  g_object_unref (job);
  return state == PRL_JOB_STATE_SUCCEEDED   ? PRL_CLI_EXIT_OK
         : state == PRL_JOB_STATE_CANCELLED ? PRL_CLI_EXIT_CANCELLED
                                            : PRL_CLI_EXIT_FAILURE;
}
