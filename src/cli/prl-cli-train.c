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

#include "prl-remote-job.h"
#include "prl-store-versions.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli train MODEL`: trains a model into a new version. A CLI
 * process cannot leave a job running after it exits, so it always waits,
 * printing each stage; --wait is accepted for scripts written for cloud
 * providers, where training continues elsewhere. Ctrl+C cancels the
 * training cleanly (no version is left half-written) and exits with 130.
 */

#define PRL_CLI_EXIT_CANCELLED 130

/* How many generated pronunciations train prints as examples before the
 * command that lists them all: 100 MB of text makes over 100,000. */
#define N_EXAMPLES 10

static void
print_version (PrlTrainJob *job, PrlModel *model, gboolean verbose)
{
  PrlVersion *version = prl_train_job_get_version (job);
  GPtrArray  *generated = prl_train_job_get_generated (job);
  /* Model names are letters, digits, ".", "_" and "-": no quoting needed. */
  const char *name = prl_model_get_name (model);
  guint       n_shown;

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

  n_shown = verbose ? generated->len : MIN (generated->len, N_EXAMPLES);
  printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Generated %u pronunciation for a word the stock dictionary lacks:\n",
                   "Generated %u pronunciations for words the stock dictionary lacks:\n",
                   generated->len),
      generated->len);
  for (guint i = 0; i < n_shown; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (generated, i);

      printf ("  %-22s %s\n", p->word, p->phones);
    }
  if (n_shown < generated->len)
    printf (_ ("  … and %u more (--verbose prints them all here)\n"),
            generated->len - n_shown);
  printf (_ ("List them with “parlance-cli pronunciations list %s”; change one with "
             "“parlance-cli pronunciations set %s WORD PHONE…”.\n"),
          name, name);
}

/* The model's training that a process left running, if any. */
static PrlRemoteJobRecord *
find_remote_training (PrlWorkspace *ws, PrlModel *model, const char *kind, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;

  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL,
                                    prl_cli_store_result_cb, &result);
  if (!(records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                                     prl_cli_wait (&result), error)))
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      PrlRemoteJobRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->kind, kind) == 0
          && record->model_id == prl_model_get_id (model)
          && record->status == PRL_REMOTE_JOB_RUNNING)
        return prl_remote_job_record_copy (record);
    }
  return NULL;
}

/* Resumes the interrupted remote jobs and picks the one of @record. */
static PrlJob *
resume_training (PrlWorkspace *ws, const PrlRemoteJobRecord *record, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) jobs = NULL;

  prl_workspace_resume_remote_jobs_async (ws, NULL, prl_cli_store_result_cb, &result);
  if (!(jobs
        = prl_workspace_resume_remote_jobs_finish (ws, prl_cli_wait (&result), error)))
    return NULL;
  for (guint i = 0; i < jobs->len; i++)
    if (prl_remote_job_get_id (g_ptr_array_index (jobs, i)) == record->id)
      return g_object_ref (g_ptr_array_index (jobs, i));
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               _ ("Another process took over the training of “%s”. Wait for it, or see "
                  "“parlance-cli jobs list”."),
               record->model_name);
  return NULL;
}

static void
print_remote_version (PrlWorkspace *ws, PrlModel *model)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) versions = prl_store_list_versions_sync (
      prl_workspace_get_store (ws), prl_model_get_id (model), &error);
  PrlVersion *version;

  if (versions == NULL || versions->len == 0)
    return;
  version = g_ptr_array_index (versions, versions->len - 1);
  printf (_ ("Trained version %s\n"), prl_version_get_name (version));
  printf ("  %-22s %s\n", _ ("Amazon model:"), prl_version_get_name (version));
  printf ("  %-22s %s\n", _ ("Built on:"), prl_version_get_base_model_id (version));
}

/* Providers that train on their side: a remote job that outlives the
 * process; --wait polls it to the end, and a second `train --wait` after a
 * crash resumes the same remote training instead of starting another. */
static int
train_remote (
    PrlWorkspace *ws, PrlModel *model, const char *kind, gboolean wait, gboolean force)
{
  g_autoptr (PrlRemoteJobRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlJob) job = NULL;
  PrlJobState state;

  record = find_remote_training (ws, model, kind, &error);
  if (error != NULL)
    return prl_cli_fail (error);
  if (record != NULL && record->owner_alive)
    {
      prl_cli_print_error (_ ("“%s” is already training, followed by another Parlance "
                              "process. Wait for it to finish."),
                           prl_model_get_name (model));
      return PRL_CLI_EXIT_FAILURE;
    }
  if (record != NULL)
    {
      fprintf (stderr, _ ("Resuming the training of “%s” that was left running.\n"),
               prl_model_get_name (model));
      job = resume_training (ws, record, &error);
    }
  else if ((job = prl_workspace_train_remote (ws, model, force, &error)))
    g_object_ref (job);
  if (job == NULL)
    return prl_cli_fail (error);

  /* Without --wait, the process lets go once the service trains; the row
   * stays for a resume. */
  prl_remote_job_set_detach_when_remote (PRL_REMOTE_JOB (job), !wait);
  prl_cli_run_job (job, PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_STAGES);

  state = prl_job_get_state (job);
  if (state == PRL_JOB_STATE_SUCCEEDED)
    {
      print_remote_version (ws, model);
      return PRL_CLI_EXIT_OK;
    }
  if (state == PRL_JOB_STATE_CANCELLED
      && prl_remote_job_is_suspended (PRL_REMOTE_JOB (job)))
    {
      printf (_ ("“%s” is training on the provider’s side; this typically takes hours. "
                 "Run “parlance-cli train %s --wait” to wait for it.\n"),
              prl_model_get_name (model), prl_model_get_name (model));
      return PRL_CLI_EXIT_OK;
    }
  prl_cli_print_gerror (prl_job_get_error (job));
  return state == PRL_JOB_STATE_CANCELLED ? PRL_CLI_EXIT_CANCELLED : PRL_CLI_EXIT_FAILURE;
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
  gboolean           verbose = FALSE;
  int                order = 3;
  PrlJobState        state;
  const char        *remote_kind = NULL;
  const GOptionEntry entries[] = {
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Wait for the training to end (always the case for local models; a cloud "
          "training otherwise goes on without this process)"),
      NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_ ("Train even if nothing changed since the last successful training"), NULL },
    { "order", 'n', 0, G_OPTION_ARG_INT, &order,
      N_ ("The n-gram order, 1 to 6 (default 3)"), "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_ ("Print every generated pronunciation, not only the first ten"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Train MODEL into a new version, printing each stage until it ends.\n"
             "Exit status: 0 success, 1 failed or refused, 130 cancelled (Ctrl+C)."),
          &argc, &argv, 1, 1,
          _ ("Usage: parlance-cli train MODEL [--wait] [--force] [--order N] "
             "[--verbose]")))
    return PRL_CLI_EXIT_USAGE;
  if (order < 1 || order > 6)
    {
      prl_cli_print_error (_ ("--order must be between 1 and 6"));
      return PRL_CLI_EXIT_USAGE;
    }

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  if (prl_remote_job_lookup_trainer (prl_model_get_provider (model), &remote_kind))
    return train_remote (ws, model, remote_kind, wait, force);

  if (!(job = prl_workspace_train_model_with_order (ws, model, force, order, &error)))
    return prl_cli_fail (error);

  g_object_ref (job);
  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_STAGES);

  state = prl_job_get_state (PRL_JOB (job));
  if (state == PRL_JOB_STATE_SUCCEEDED)
    print_version (job, model, verbose);
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
