/* prl-cli-jobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "parlance-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "prl-remote-job.h"
#include "prl-upload-job.h"

#include "prl-cli-private.h"

/* Cloud jobs from the command line: `datasets upload` starts one, `jobs`
 * lists them, `jobs resume` continues those an earlier process left. The
 * process cannot leave a job running after it exits, so both wait;
 * --wait is accepted for scripts. Ctrl+C or SIGTERM suspends the jobs:
 * their remote state stays (nothing is aborted) for the next resume.
 */

typedef struct
{
  GPtrArray *jobs;
  gboolean   suspended;
} Waiting;

static gboolean
suspend_cb (gpointer user_data)
{
  Waiting *waiting = user_data;

  waiting->suspended = TRUE;
  for (guint i = 0; i < waiting->jobs->len; i++)
    {
      PrlJob *job = g_ptr_array_index (waiting->jobs, i);

      if (PRL_IS_REMOTE_JOB (job))
        prl_remote_job_suspend (PRL_REMOTE_JOB (job));
    }
  return G_SOURCE_CONTINUE;
}

/* Waits for @jobs; returns how many failed, G_MAXUINT when suspended. */
static guint
wait_jobs (GPtrArray *jobs)
{
  Waiting waiting = { jobs, FALSE };
  guint   sigint = g_unix_signal_add (SIGINT, suspend_cb, &waiting);
  guint   sigterm = g_unix_signal_add (SIGTERM, suspend_cb, &waiting);
  guint   n_failed = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      PrlJob *job = g_ptr_array_index (jobs, i);

      fprintf (stderr, "%s\n", prl_job_get_title (job));
      prl_cli_run_job (job, PRL_CLI_RUN_DEFAULT, PRL_CLI_PROGRESS_BAR);
      if (prl_job_get_state (job) == PRL_JOB_STATE_FAILED)
        {
          prl_cli_print_gerror (prl_job_get_error (job));
          n_failed++;
        }
      else if (prl_job_get_state (job) == PRL_JOB_STATE_CANCELLED && !waiting.suspended)
        prl_cli_print_error (_ ("The job was cancelled"));
    }
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (waiting.suspended)
    {
      prl_cli_print_error (_ ("Stopped. What was uploaded stays; run “parlance-cli jobs "
                              "resume” to continue"));
      return G_MAXUINT;
    }
  return n_failed;
}

static int
exit_status (guint n_failed)
{
  return n_failed == 0 ? PRL_CLI_EXIT_OK : PRL_CLI_EXIT_FAILURE;
}

static void
print_uris (PrlUploadJob *job)
{
  g_autoptr (JsonObject) state = prl_upload_job_dup_state (job);
  JsonArray *datasets = json_object_get_array_member (state, "datasets");

  for (guint i = 0; datasets != NULL && i < json_array_get_length (datasets); i++)
    {
      JsonObject *entry = json_array_get_object_element (datasets, i);

      printf ("%s\t%s\n", json_object_get_string_member_with_default (entry, "name", ""),
              json_object_get_string_member_with_default (entry, "uri", ""));
    }
}

/**
 * prl_cli_datasets_upload:
 *
 * `parlance-cli datasets upload MODEL --account NAME [--wait]`
 */
int
prl_cli_datasets_upload (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlUploadJob) job = NULL;
  g_autoptr (GPtrArray) jobs = g_ptr_array_new ();
  g_autofree char   *account = NULL;
  gboolean           wait = FALSE;
  PrlModel          *model;
  guint              n_failed;
  const GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account,
      N_ ("The cloud account whose bucket receives them"), N_ ("NAME") },
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Wait until the upload ends (always)"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Upload a model’s datasets to a cloud account’s bucket, where cloud "
             "trainings read them. An interrupted upload continues with "
             "“parlance-cli jobs resume”."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli datasets %s"),
          "upload MODEL --account NAME [--wait]"))
    return PRL_CLI_EXIT_USAGE;
  if (account == NULL || account[0] == '\0')
    {
      prl_cli_print_error (_ ("Name the cloud account with --account NAME; "
                              "“parlance-cli accounts list” shows them"));
      return PRL_CLI_EXIT_USAGE;
    }

  ctx->quiet_interrupted = TRUE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  job = prl_upload_job_new (ws, model, account);
  prl_job_manager_run (prl_workspace_get_job_manager (ws), PRL_JOB (job));
  g_ptr_array_add (jobs, job);
  n_failed = wait_jobs (jobs);
  if (n_failed == G_MAXUINT)
    return PRL_CLI_EXIT_FAILURE;
  if (n_failed == 0)
    print_uris (job);
  return exit_status (n_failed);
}

static const char *
status_label (const PrlRemoteJobRecord *record)
{
  if (prl_remote_job_record_is_interrupted (record))
    return _ ("interrupted");
  switch (record->status)
    {
    case PRL_REMOTE_JOB_RUNNING:
      return _ ("running");
    case PRL_REMOTE_JOB_DONE:
      return _ ("done");
    case PRL_REMOTE_JOB_CANCELLED:
      return _ ("cancelled");
    case PRL_REMOTE_JOB_FAILED:
    default:
      return _ ("failed");
    }
}

static JsonObject *
parse_state (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static GPtrArray *
load_records (PrlWorkspace *ws)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *records;

  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL,
                                    prl_cli_store_result_cb, &result);
  records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                               prl_cli_wait (&result), &error);
  if (records == NULL)
    prl_cli_print_gerror (error);
  return records;
}

static void
print_records_json (GPtrArray *records)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      const PrlRemoteJobRecord *record = g_ptr_array_index (records, i);
      g_autoptr (JsonObject) state = parse_state (record->state);
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, state);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, record->id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, record->kind);
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, record->model_name);
      json_builder_set_member_name (b, "account");
      json_builder_add_string_value (b, record->account);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, record->title);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, prl_remote_job_status_to_string (record->status));
      json_builder_set_member_name (b, "interrupted");
      json_builder_add_boolean_value (b, prl_remote_job_record_is_interrupted (record));
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, record->error);
      json_builder_set_member_name (b, "state");
      json_builder_add_value (b, g_steal_pointer (&node));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  prl_cli_print_json (b);
}

static int
jobs_list (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) records = NULL;
  gboolean                 json = FALSE;
  g_autofree GOptionEntry *entries = prl_cli_json_entries (&json);

  if (!prl_cli_parse (context, entries, _ ("List the workspace’s cloud jobs."), &argc,
                      &argv, 0, 0, _ ("Usage: parlance-cli %s"), "jobs [list] [--json]"))
    return PRL_CLI_EXIT_USAGE;

  ctx->quiet_interrupted = TRUE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(records = load_records (ws)))
    return PRL_CLI_EXIT_FAILURE;

  if (json)
    {
      print_records_json (records);
      return PRL_CLI_EXIT_OK;
    }
  if (records->len == 0)
    {
      printf ("%s\n", _ ("No cloud jobs yet."));
      return PRL_CLI_EXIT_OK;
    }

  printf ("%-4s %-16s %-20s %-12s %9s  %s\n", _ ("ID"), _ ("Kind"), _ ("Model"),
          _ ("Status"), _ ("Progress"), _ ("Stage"));
  for (guint i = 0; i < records->len; i++)
    {
      const PrlRemoteJobRecord *record = g_ptr_array_index (records, i);
      g_autoptr (JsonObject) state = parse_state (record->state);
      double progress = json_object_get_double_member_with_default (state, "progress", 0);

      printf ("%-4" G_GINT64_FORMAT " %-16s %-20s %-12s %8.0f%%  %s\n", record->id,
              record->kind, record->model_name ? record->model_name : "—",
              status_label (record), 100.0 * progress,
              json_object_get_string_member_with_default (state, "stage", ""));
      if (record->error != NULL)
        printf ("     %s\n", record->error);
    }
  return PRL_CLI_EXIT_OK;
}

static int
jobs_resume (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean           wait = FALSE;
  guint              n_failed;
  const GOptionEntry entries[] = {
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait, N_ ("Wait until the jobs end (always)"),
      NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Continue the cloud jobs that stopped when Parlance or parlance-cli quit "
             "or was killed."),
          &argc, &argv, 0, 0, _ ("Usage: parlance-cli %s"), "jobs resume [--wait]"))
    return PRL_CLI_EXIT_USAGE;

  ctx->quiet_interrupted = TRUE;
  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;
  prl_workspace_resume_remote_jobs_async (ws, NULL, prl_cli_store_result_cb, &result);
  if (!(jobs
        = prl_workspace_resume_remote_jobs_finish (ws, prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);
  if (jobs->len == 0)
    {
      printf ("%s\n", _ ("No interrupted cloud jobs."));
      return PRL_CLI_EXIT_OK;
    }

  n_failed = wait_jobs (jobs);
  if (n_failed == G_MAXUINT)
    return PRL_CLI_EXIT_FAILURE;
  for (guint i = 0; i < jobs->len; i++)
    if (prl_job_get_state (g_ptr_array_index (jobs, i)) == PRL_JOB_STATE_SUCCEEDED)
      printf (_ ("Done: %s\n"), prl_job_get_title (g_ptr_array_index (jobs, i)));
  return exit_status (n_failed);
}

/* Whether @record is a training on the provider's side (its model's
 * provider registered a trainer of that kind). */
static gboolean
is_remote_training (PrlWorkspace *ws, const PrlRemoteJobRecord *record)
{
  GListModel *models = prl_workspace_get_models (ws);
  const char *kind = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (models, i);

      if (prl_model_get_id (model) == record->model_id)
        return prl_remote_job_lookup_trainer (prl_model_get_provider (model), &kind)
               && g_strcmp0 (kind, record->kind) == 0;
    }
  return FALSE;
}

/* Saves "delete_when_done" in the row's state: whoever resumes the
 * training deletes the model on the service when it ends. */
static gboolean
ask_delete_when_done (PrlWorkspace *ws, const PrlRemoteJobRecord *record, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject      *state;

  if (!json_parser_load_from_data (parser, record->state ? record->state : "", -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The saved state of cloud job %s is damaged."), record->title);
      return FALSE;
    }
  root = json_node_copy (json_parser_get_root (parser));
  state = json_node_get_object (root);
  json_object_set_boolean_member (state, "delete_when_done", TRUE);
  text = json_to_string (root, FALSE);
  return prl_store_update_remote_job_sync (prl_workspace_get_store (ws), record->id, text,
                                           error);
}

/* `jobs cancel ID`: a training the provider runs cannot be stopped, so
 * this says so; --delete-when-finished asks for the model to be deleted
 * on the service once it ends, as the app's Cancel offers. */
static int
jobs_cancel (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("ID");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const PrlRemoteJobRecord *record = NULL;
  gboolean delete = FALSE;
  gint64             id;
  char              *end = NULL;
  const GOptionEntry entries[] = {
    { "delete-when-finished", 0, 0, G_OPTION_ARG_NONE, &delete,
      N_ ("Delete the model on the provider’s side when its training finishes"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Cancel the cloud job ID (see “parlance-cli jobs list”). A training on "
             "Amazon Transcribe cannot be stopped; --delete-when-finished deletes "
             "its model when it ends."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli %s"),
          "jobs cancel ID [--delete-when-finished]"))
    return PRL_CLI_EXIT_USAGE;
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    {
      prl_cli_print_error (_ ("“%s” is not a job number; see “parlance-cli jobs list”"),
                           argv[1]);
      return PRL_CLI_EXIT_USAGE;
    }

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;
  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL,
                                    prl_cli_store_result_cb, &result);
  if (!(records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                                     prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);
  for (guint i = 0; i < records->len; i++)
    if (((PrlRemoteJobRecord *)g_ptr_array_index (records, i))->id == id)
      record = g_ptr_array_index (records, i);
  if (record == NULL || record->status != PRL_REMOTE_JOB_RUNNING)
    {
      prl_cli_print_error (record == NULL
                               ? _ ("There is no cloud job %s; see “parlance-cli jobs "
                                    "list”")
                               : _ ("Cloud job %s has ended; there is nothing to cancel"),
                           argv[1]);
      return PRL_CLI_EXIT_FAILURE;
    }
  if (!is_remote_training (ws, record))
    {
      prl_cli_print_error (_ ("Cloud job %s is not a training. Stop the process that "
                              "runs it with Ctrl+C; it resumes with “parlance-cli jobs "
                              "resume”."),
                           argv[1]);
      return PRL_CLI_EXIT_FAILURE;
    }

  printf (_ ("Amazon Transcribe cannot stop a training once it started: “%s” goes on "
             "training on Amazon’s side whatever Parlance does.\n"),
          record->model_name ? record->model_name : record->title);
  if (!delete)
    {
      printf ("%s\n", _ ("Nothing was changed. To have Parlance delete the model on "
                         "Amazon when the training finishes, run this again with "
                         "--delete-when-finished."));
      return PRL_CLI_EXIT_FAILURE;
    }
  if (record->owner_alive)
    {
      prl_cli_print_error (_ ("Another Parlance process follows this training; "
                              "cancel it there (the app’s jobs list offers to "
                              "delete the model when the training finishes)."));
      return PRL_CLI_EXIT_FAILURE;
    }
  if (!ask_delete_when_done (ws, record, &error))
    return prl_cli_fail (error);
  printf ("%s\n", _ ("Parlance will delete the model on Amazon when the training "
                     "finishes, and make no version: at the next “parlance-cli jobs "
                     "resume”, “parlance-cli train --wait”, or when the app opens."));
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_jobs (PrlCliContext *ctx, int argc, char **argv)
{
  static const PrlCliSubcommand subcommands[] = {
    { "list", jobs_list },
    { "resume", jobs_resume },
    { "cancel", jobs_cancel },
  };

  /* `parlance-cli jobs` alone, or with only options, lists. */
  if (argc < 2 || argv[1][0] == '-')
    return jobs_list (ctx, argc, argv);
  return prl_cli_dispatch_or_usage (ctx, argc, argv, subcommands,
                                    G_N_ELEMENTS (subcommands), "jobs",
                                    _ ("Usage: parlance-cli jobs [list] [--json]\n"
                                       "       parlance-cli jobs resume [--wait]\n"
                                       "       parlance-cli jobs cancel ID "
                                       "[--delete-when-finished]"));
}

/**
 * prl_cli_warn_interrupted:
 *
 * Says on stderr, in one line, that interrupted cloud jobs wait for a
 * resume; commands that open the workspace for writing call it.
 */
void
prl_cli_warn_interrupted (PrlWorkspace *ws)
{
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  guint n = 0;

  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL,
                                    prl_cli_store_result_cb, &result);
  records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                               prl_cli_wait (&result), NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    if (prl_remote_job_record_is_interrupted (g_ptr_array_index (records, i)))
      n++;
  if (n > 0)
    prl_cli_print_error (
        ngettext ("%u cloud job was interrupted; run “parlance-cli jobs "
                  "resume” to continue it",
                  "%u cloud jobs were interrupted; run “parlance-cli jobs "
                  "resume” to continue them",
                  n),
        n);
}
