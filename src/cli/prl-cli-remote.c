/* prl-cli-remote.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-remote"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-remote-job.h"
#include "prl-store-versions.h"
#include "prl-transcribe-account.h"
#include "prl-version-ops.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* As `train`: interrupted by the user (128 + SIGINT). */
#define PRL_CLI_EXIT_CANCELLED 130

/* The commands about versions that live on a service: `accounts models`
 * (an account's Transcribe models), `models import`, `models upgrade` and
 * `models delete-version`. */

static char *
format_time (double unix_time)
{
  g_autoptr (GDateTime) time = NULL;

  if (unix_time <= 0)
    return g_strdup ("");
  time = g_date_time_new_from_unix_utc ((gint64)unix_time);
  return g_date_time_format_iso8601 (time);
}

static void
add_string_or_null (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* `parlance-cli accounts models NAME [--json]` */
int
prl_cli_accounts_models (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("ACCOUNT");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  gboolean                 json = FALSE;
  g_autofree GOptionEntry *entries = prl_cli_json_entries (&json);

  if (!prl_cli_parse (
          context, entries,
          _ ("List an AWS account’s Amazon Transcribe language models, and which "
             "of them the workspace has."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli accounts %s"),
          "models ACCOUNT [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  prl_transcribe_account_list_async (prl_workspace_get_store (ws), argv[1], NULL,
                                     prl_cli_store_result_cb, &result);
  if (!(models = prl_transcribe_account_list_finish (prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < models->len; i++)
        {
          PrlTranscribeAccountModel *entry = g_ptr_array_index (models, i);
          g_autofree char           *created = format_time (entry->remote->create_time);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "name", entry->remote->name);
          add_string_or_null (builder, "language", entry->remote->language_code);
          add_string_or_null (builder, "base_model", entry->remote->base_model);
          add_string_or_null (builder, "status",
                              prl_transcribe_status_to_string (entry->remote->status));
          add_string_or_null (builder, "failure_reason", entry->remote->failure_reason);
          add_string_or_null (builder, "created", created);
          json_builder_set_member_name (builder, "upgrade_available");
          json_builder_add_boolean_value (builder, entry->remote->upgrade_available);
          add_string_or_null (builder, "import_as", entry->model_name);
          add_string_or_null (builder, "workspace_model", entry->workspace_model);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      prl_cli_print_json (builder);
      return PRL_CLI_EXIT_OK;
    }

  if (models->len == 0)
    {
      printf (_ ("The account “%s” has no Amazon Transcribe language models.\n"),
              argv[1]);
      return PRL_CLI_EXIT_OK;
    }
  printf ("%-40s %-8s %-11s %-12s %-20s %-8s %s\n", _ ("NAME"), _ ("LANGUAGE"),
          _ ("BASE MODEL"), _ ("STATUS"), _ ("CREATED"), _ ("UPGRADE"),
          _ ("IN WORKSPACE"));
  for (guint i = 0; i < models->len; i++)
    {
      PrlTranscribeAccountModel *entry = g_ptr_array_index (models, i);
      g_autofree char           *created = format_time (entry->remote->create_time);

      printf ("%-40s %-8s %-11s %-12s %-20s %-8s %s\n", entry->remote->name,
              entry->remote->language_code, entry->remote->base_model,
              prl_transcribe_status_to_string (entry->remote->status), created,
              entry->remote->upgrade_available ? _ ("yes") : _ ("no"),
              entry->workspace_model != NULL ? entry->workspace_model : "—");
    }
  return PRL_CLI_EXIT_OK;
}

/* `parlance-cli models import --account NAME [REMOTE-NAME…] [--json]` */
int
prl_cli_models_import (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("[REMOTE-NAME…]");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *account = NULL;
  gboolean           json = FALSE;
  const GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account,
      N_ ("The AWS account whose language models to import"), N_ ("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Import Amazon Transcribe language models that Parlance did not "
             "create (all that the workspace lacks, or those named) as models "
             "with versions."),
          &argc, &argv, 0, -1, _ ("Usage: parlance-cli models %s"),
          "import --account NAME [REMOTE-NAME…] [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (account == NULL)
    {
      prl_cli_print_error (_ ("Say which account to import from with --account NAME"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  prl_transcribe_account_import_async (ws, account, (const char *const *)argv + 1, NULL,
                                       prl_cli_store_result_cb, &result);
  if (!(models
        = prl_transcribe_account_import_finish (ws, prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < models->len; i++)
        json_builder_add_string_value (
            builder, prl_model_get_name (g_ptr_array_index (models, i)));
      json_builder_end_array (builder);
      prl_cli_print_json (builder);
      return PRL_CLI_EXIT_OK;
    }
  if (models->len == 0)
    printf (_ ("The workspace already has every language model of “%s”.\n"), account);
  for (guint i = 0; i < models->len; i++)
    printf (_ ("Imported “%s”.\n"), prl_model_get_name (g_ptr_array_index (models, i)));
  return PRL_CLI_EXIT_OK;
}

/* Asks the service what became of @model's versions; a failure is only
 * a warning, and the stored state is shown. */
GPtrArray *
prl_cli_refresh_versions (PrlWorkspace *ws, PrlModel *model, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) local_error = NULL;
  GPtrArray *versions;

  prl_workspace_refresh_versions_async (ws, model, NULL, prl_cli_store_result_cb,
                                        &result);
  versions
      = prl_workspace_refresh_versions_finish (ws, prl_cli_wait (&result), &local_error);
  if (versions != NULL)
    return versions;
  fprintf (stderr, _ ("Warning: could not ask the service about “%s”: %s\n"),
           prl_model_get_name (model), local_error->message);
  return prl_store_list_versions_sync (prl_workspace_get_store (ws),
                                       prl_model_get_id (model), error);
}

static PrlVersion *
find_version (GPtrArray *versions, PrlModel *model, const char *wanted)
{
  for (guint i = 0; i < versions->len; i++)
    if (prl_version_matches (g_ptr_array_index (versions, i), prl_model_get_name (model),
                             wanted))
      return g_ptr_array_index (versions, i);
  prl_cli_print_error (_ ("“%s” has no version “%s”; “parlance-cli models show %s” "
                          "lists them"),
                       prl_model_get_name (model), wanted, prl_model_get_name (model));
  return NULL;
}

/* `parlance-cli models upgrade MODEL [--version V] [--wait]` */
int
prl_cli_models_upgrade (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *wanted = NULL;
  gboolean           wait = FALSE;
  const GOptionEntry entries[] = {
    { "version", 'v', 0, G_OPTION_ARG_STRING, &wanted,
      N_ ("The version to upgrade (default: the newest)"), N_ ("VERSION") },
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Wait until the service has trained the new version"), NULL },
    { NULL },
  };
  PrlVersion *version;
  PrlModel   *model;
  PrlJob     *job;
  PrlJobState state;

  if (!prl_cli_parse (
          context, entries,
          _ ("Train a new version on the provider’s current base model from the "
             "same data. The old version stays usable until you delete it; an "
             "upgrade cannot be undone."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli models %s"),
          "upgrade MODEL [--version VERSION] [--wait]"))
    return PRL_CLI_EXIT_USAGE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  if (!(versions = prl_cli_refresh_versions (ws, model, &error)))
    return prl_cli_fail (error);
  if (wanted != NULL)
    version = find_version (versions, model, wanted);
  else if (!(version = prl_workspace_upgradable_version (ws, versions, NULL)))
    prl_cli_print_error (_ ("“%s” has no version to upgrade; train it first"),
                         prl_model_get_name (model));
  if (version == NULL)
    return PRL_CLI_EXIT_FAILURE;
  if (!(job = prl_workspace_upgrade_model (ws, model, version, &error)))
    return prl_cli_fail (error);
  g_object_ref (job);
  fprintf (stderr, _ ("Upgrading “%s”: a new version on the current base; “%s” stays.\n"),
           prl_model_get_name (model), prl_version_get_name (version));
  if (PRL_IS_REMOTE_JOB (job))
    prl_remote_job_set_detach_when_remote (PRL_REMOTE_JOB (job), !wait);
  prl_cli_run_job (job, PRL_CLI_RUN_SIGINT, PRL_CLI_PROGRESS_STAGES);
  state = prl_job_get_state (job);
  if (state == PRL_JOB_STATE_SUCCEEDED)
    {
      g_autoptr (GPtrArray) now = prl_store_list_versions_sync (
          prl_workspace_get_store (ws), prl_model_get_id (model), NULL);

      if (now != NULL && now->len > 0)
        printf (_ ("Upgraded “%s”: new version “%s”.\n"), prl_model_get_name (model),
                prl_version_get_name (g_ptr_array_index (now, 0)));
      g_object_unref (job);
      return PRL_CLI_EXIT_OK;
    }
  if (state == PRL_JOB_STATE_CANCELLED && PRL_IS_REMOTE_JOB (job)
      && prl_remote_job_is_suspended (PRL_REMOTE_JOB (job)))
    {
      printf (_ ("The upgrade of “%s” is training on the provider’s side; this "
                 "typically takes hours. Run “parlance-cli train %s --wait” to wait "
                 "for it.\n"),
              prl_model_get_name (model), prl_model_get_name (model));
      g_object_unref (job);
      return PRL_CLI_EXIT_OK;
    }
  prl_cli_print_gerror (prl_job_get_error (job));
  g_object_unref (job);
  return state == PRL_JOB_STATE_CANCELLED ? PRL_CLI_EXIT_CANCELLED : PRL_CLI_EXIT_FAILURE;
}

/* `parlance-cli models delete-version MODEL VERSION --yes` */
int
prl_cli_models_delete_version (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL VERSION");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *name = NULL;
  gboolean           yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_ ("Confirm the deletion (and the service’s model’s); it cannot be undone"),
      NULL },
    { NULL },
  };
  PrlVersion *version;
  PrlModel   *model;
  gboolean    remote;

  if (!prl_cli_parse (
          context, entries,
          _ ("Delete a version of a model, with its evaluation results. A cloud "
             "version’s model on the service is deleted too."),
          &argc, &argv, 2, 2, _ ("Usage: parlance-cli models %s"),
          "delete-version MODEL VERSION --yes"))
    return PRL_CLI_EXIT_USAGE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  if (!(versions = prl_store_list_versions_sync (prl_workspace_get_store (ws),
                                                 prl_model_get_id (model), &error)))
    return prl_cli_fail (error);
  if (!(version = find_version (versions, model, argv[2])))
    return PRL_CLI_EXIT_FAILURE;
  name = g_strdup (prl_version_get_name (version));
  remote = prl_workspace_version_is_remote (ws, model, version);
  if (!yes)
    {
      if (remote)
        prl_cli_print_error (
            _ ("Deleting “%s” also deletes the language model “%s” on the service "
               "(account “%s”); it cannot be undone. Add --yes to confirm"),
            name, name, prl_model_get_account (model));
      else
        prl_cli_print_error (_ ("Deleting “%s” cannot be undone; add --yes to confirm"),
                             name);
      return PRL_CLI_EXIT_USAGE;
    }

  prl_workspace_delete_version_async (ws, model, version, NULL, prl_cli_store_result_cb,
                                      &result);
  if (!prl_workspace_delete_version_finish (ws, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);
  if (remote)
    printf (_ ("Deleted version “%s” and its model on the service.\n"), name);
  else
    printf (_ ("Deleted version “%s”.\n"), name);
  return PRL_CLI_EXIT_OK;
}
