/* prl-cli-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-train"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
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
print_status_cb (PrlJob *job, GParamSpec *pspec, char **last)
{
  const char *status = prl_job_get_status (job);
  double      progress = prl_job_get_progress (job);

  /* One line per stage, not per progress tick. */
  if (status == NULL || g_strcmp0 (status, *last) == 0)
    return;
  g_free (*last);
  *last = g_strdup (status);

  if (progress >= 0)
    fprintf (stderr, "[%3.0f%%] %s\n", progress * 100, status);
  else
    fprintf (stderr, "       %s\n", status);
}

static gboolean
sigint_cb (gpointer user_data)
{
  PrlJob *job = user_data;

  fprintf (stderr, "%s\n", _ ("Cancelling…"));
  prl_job_cancel (job);
  return G_SOURCE_CONTINUE;
}

static void
print_perplexity (const char *label, double value)
{
  if (value >= 0)
    printf ("  %-22s %.2f\n", label, value);
}

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
  printf ("  %-22s %.4f (%s)\n", _ ("Weight λ:"), prl_version_get_lm_weight (version),
          prl_version_get_tuned (version) ? _ ("chosen on the tuning text")
                                          : _ ("default, no tuning text"));
  print_perplexity (_ ("Perplexity, custom:"),
                    prl_version_get_custom_perplexity (version));
  print_perplexity (_ ("Perplexity, stock:"), prl_version_get_stock_perplexity (version));
  print_perplexity (_ ("Perplexity, mixture:"),
                    prl_version_get_mixture_perplexity (version));

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
  g_autofree char   *last_status = NULL;
  PrlTrainJob       *job;
  PrlModel          *model;
  gboolean           wait = FALSE;
  gboolean           force = FALSE;
  int                order = 3;
  guint              sigint_id;
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
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      prl_cli_print_error (
          _ ("Usage: parlance-cli train MODEL [--wait] [--force] [--order N]"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (order < 1 || order > 6)
    {
      prl_cli_print_error (_ ("--order must be between 1 and 6"));
      return PRL_CLI_EXIT_USAGE;
    }

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;
  if (!(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  if (!(job = prl_workspace_train_model_with_order (ws, model, force, order, &error)))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_FAILURE;
    }

  g_object_ref (job);
  g_signal_connect (job, "notify::status", G_CALLBACK (print_status_cb), &last_status);
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, job);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint_id);
  g_signal_handlers_disconnect_by_data (job, &last_status);

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
