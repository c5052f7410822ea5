/* prl-cli-models.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-models"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-cloud-account-store.h"
#include "prl-provider-info.h"
#include "prl-remote-job.h"
#include "prl-store-versions.h"
#include "prl-version-ops.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli models …`: the Custom Models page without a window. */

static JsonNode *
models_to_json (GPtrArray *models)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < models->len; i++)
    {
      PrlModel        *model = g_ptr_array_index (models, i);
      g_autofree char *created
          = g_date_time_format_iso8601 (prl_model_get_created (model));
      g_autofree char *modified
          = g_date_time_format_iso8601 (prl_model_get_modified (model));
      const char *const *tags = prl_model_get_tags (model);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, prl_model_get_name (model));
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, prl_model_get_provider (model));
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, prl_model_get_language (model));
      json_builder_set_member_name (builder, "base_model");
      json_builder_add_string_value (
          builder, prl_base_model_to_string (prl_model_get_base_model (model)));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (
          builder, prl_training_status_to_nick (prl_model_get_status (model)));
      json_builder_set_member_name (builder, "account");
      if (prl_model_get_account (model) != NULL)
        json_builder_add_string_value (builder, prl_model_get_account (model));
      else
        json_builder_add_null_value (builder);
      /* The provider's own base (Watson: "en-US_Telephony"), else null. */
      json_builder_set_member_name (builder, "provider_base");
      if (prl_model_get_provider_base (model) != NULL)
        json_builder_add_string_value (builder, prl_model_get_provider_base (model));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "failure_code");
      if (prl_model_get_failure_code (model) != NULL)
        json_builder_add_string_value (builder, prl_model_get_failure_code (model));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "failure_message");
      if (prl_model_get_failure_message (model) != NULL)
        json_builder_add_string_value (builder, prl_model_get_failure_message (model));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "upgrade_available");
      json_builder_add_boolean_value (builder, prl_model_get_upgrade_available (model));
      /* Its training is an upgrade: status stays "running", as for any. */
      json_builder_set_member_name (builder, "upgrading");
      json_builder_add_boolean_value (builder, prl_model_get_upgrading (model));
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint t = 0; tags[t]; t++)
        json_builder_add_string_value (builder, tags[t]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, created);
      json_builder_set_member_name (builder, "modified");
      json_builder_add_string_value (builder, modified);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static void
add_member_cb (JsonObject *object, const char *name, JsonNode *node, gpointer user_data)
{
  json_builder_set_member_name (user_data, name);
  json_builder_add_value (user_data, json_node_copy (node));
}

static int
sort_by_name (gconstpointer a, gconstpointer b)
{
  PrlModel *ma = *(PrlModel **)a;
  PrlModel *mb = *(PrlModel **)b;

  return g_ascii_strcasecmp (prl_model_get_name (ma), prl_model_get_name (mb));
}

/* A local model's versions are compared with the stock base installed
 * now (no service to ask, a moment per model), so that a package upgrade
 * shows as upgrade_available. Failures (a read-only workspace) leave the
 * saved flags: listing must not fail for it. */
static void
refresh_local_bases (PrlWorkspace *ws, GPtrArray *models)
{
  for (guint i = 0; i < models->len; i++)
    {
      PrlModel *model = g_ptr_array_index (models, i);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) versions = NULL;
      PrlTrainingStatus status = prl_model_get_status (model);

      if (prl_workspace_model_is_remote (ws, model)
          || (status != PRL_TRAINING_STATUS_SUCCESS
              && status != PRL_TRAINING_STATUS_READY_TO_RUN))
        continue;
      prl_workspace_refresh_versions_async (ws, model, NULL, prl_cli_store_result_cb,
                                            &result);
      versions = prl_workspace_refresh_versions_finish (ws, prl_cli_wait (&result), NULL);
    }
}

/* The status column: Running reads Upgrading during an upgrade. */
static const char *
status_label (PrlModel *model)
{
  if (prl_model_get_upgrading (model)
      && prl_model_get_status (model) == PRL_TRAINING_STATUS_RUNNING)
    return _ ("Upgrading");
  return prl_training_status_get_label (prl_model_get_status (model));
}

static int
models_list (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) models = NULL;
  gboolean                 json = FALSE;
  g_autofree GOptionEntry *entries = prl_cli_json_entries (&json);
  GListModel              *list;
  guint                    n;

  if (!prl_cli_parse (context, entries, _ ("List the workspace’s custom models."), &argc,
                      &argv, 0, 0, _ ("Usage: parlance-cli models %s"), "list [--json]"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  list = prl_workspace_get_models (ws);
  n = g_list_model_get_n_items (list);
  models = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (models, g_list_model_get_item (list, i));
  g_ptr_array_sort (models, sort_by_name);
  refresh_local_bases (ws, models);

  if (json)
    {
      g_autoptr (JsonNode) root = models_to_json (models);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
      return PRL_CLI_EXIT_OK;
    }

  if (n == 0)
    {
      printf ("%s\n", _ ("No custom models yet. Create one with “parlance-cli models "
                         "create NAME”."));
      return PRL_CLI_EXIT_OK;
    }

  printf ("%-32s %-16s %-8s %-11s %-16s %s\n", _ ("NAME"), _ ("STATUS"), _ ("LANGUAGE"),
          _ ("BASE MODEL"), _ ("PROVIDER"), _ ("LAST MODIFIED"));
  for (guint i = 0; i < models->len; i++)
    {
      PrlModel *model = g_ptr_array_index (models, i);
      g_autoptr (GDateTime) local = g_date_time_to_local (prl_model_get_modified (model));
      g_autofree char *modified = g_date_time_format (local, "%Y-%m-%d %H:%M");

      printf ("%-32s %-16s %-8s %-11s %-16s %s\n", prl_model_get_name (model),
              status_label (model), prl_model_get_language (model),
              prl_base_model_to_string (prl_model_get_base_model (model)),
              prl_model_get_provider (model), modified);
    }

  return PRL_CLI_EXIT_OK;
}

/* A cloud provider's model needs an account that exists; a local one none. */
static gboolean
check_account (const char *provider, const char *account)
{
  g_autoptr (PrlCloudAccounts) accounts = NULL;
  g_autoptr (GError) error = NULL;
  gboolean cloud = provider != NULL && g_strcmp0 (provider, "local") != 0;

  if (!cloud && account == NULL)
    return TRUE;
  if (!cloud)
    {
      prl_cli_print_error (
          _ ("--account is for cloud providers; local models need none"));
      return FALSE;
    }
  if (account == NULL)
    {
      prl_cli_print_error (_ ("Not set up: a “%s” model trains with a cloud account. "
                              "Name it with --account (see “parlance-cli accounts "
                              "list”)"),
                           provider);
      return FALSE;
    }
  accounts = prl_cloud_accounts_new (NULL);
  if (!prl_cloud_accounts_load (accounts, &error))
    {
      prl_cli_print_gerror (error);
      return FALSE;
    }
  if (prl_cloud_accounts_lookup (accounts, account) == NULL)
    {
      g_autofree char *shown = prl_cli_escape (account);

      prl_cli_print_error (_ ("There is no cloud account named “%s”. Add it with "
                              "“parlance-cli accounts add”."),
                           shown);
      return FALSE;
    }
  {
    const PrlProviderInfo *info = prl_provider_info_lookup (provider);
    const char *kind = info != NULL ? prl_provider_info_get_account_kind (info) : NULL;
    PrlCloudAccount *found = prl_cloud_accounts_lookup (accounts, account);

    /* An AWS account cannot train a Watson model, nor the other way. */
    if (kind != NULL && g_strcmp0 (prl_cloud_account_get_kind (found), kind) != 0)
      {
        g_autofree char *shown = prl_cli_escape (account);

        prl_cli_print_error (_ ("The account “%s” is a “%s” account; a “%s” model needs "
                                "a “%s” account"),
                             shown, prl_cloud_account_get_kind (found), provider, kind);
        return FALSE;
      }
  }
  return TRUE;
}

static int
models_create (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("NAME");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *language = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *base_model_str = NULL;
  g_autofree char *account = NULL;
  g_autofree char *watson_base = NULL;
  g_autofree char *provider_base = NULL;
  g_auto (GStrv) tags = NULL;
  PrlBaseModel          base_model = PRL_BASE_MODEL_WIDE_BAND;
  PrlModelCreateOptions options = { 0 };
  const GOptionEntry    entries[] = {
       { "language", 0, 0, G_OPTION_ARG_STRING, &language,
         N_ ("Base language (default en-US)"), "CODE" },
       { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
         N_ ("local, aws-transcribe or ibm-watson (default local)"), "ID" },
       { "base-model", 0, 0, G_OPTION_ARG_STRING, &base_model_str,
         N_ ("WideBand (16 kHz and more, the default) or NarrowBand"), "MODEL" },
       { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_ ("Add a tag; repeatable"),
         "TAG" },
       { "account", 0, 0, G_OPTION_ARG_STRING, &account,
         N_ ("The cloud account a cloud provider’s model trains with"), "NAME" },
       { "base", 0, 0, G_OPTION_ARG_STRING, &watson_base,
         N_ ("IBM Watson: the service’s base model, such as en-US_Telephony (default: "
                "proposed from the language and --base-model)"),
         "NAME" },
       { NULL },
  };

  if (!prl_cli_parse (
          context, entries, _ ("Create a custom model."), &argc, &argv, 1, 1,
          _ ("Usage: parlance-cli models %s"),
          "create NAME [--language CODE] [--provider ID] "
          "[--base-model WideBand|NarrowBand] [--account NAME] [--base NAME]"))
    return PRL_CLI_EXIT_USAGE;

  if (base_model_str != NULL && !prl_base_model_from_string (base_model_str, &base_model))
    {
      prl_cli_print_error (_ ("Unknown base model “%s”; use WideBand or NarrowBand"),
                           base_model_str);
      return PRL_CLI_EXIT_USAGE;
    }

  if (!check_account (provider, account))
    return PRL_CLI_EXIT_USAGE;
  if (watson_base != NULL && g_strcmp0 (provider, "ibm-watson") != 0)
    {
      prl_cli_print_error (_ ("--base is for IBM Watson models (--provider ibm-watson)"));
      return PRL_CLI_EXIT_USAGE;
    }
  /* Watson: the base model comes from the account's service. */
  if (g_strcmp0 (provider, "ibm-watson") == 0
      && !(provider_base = prl_cli_watson_choose_base (
               account, watson_base, &language, &base_model, base_model_str != NULL)))
    return PRL_CLI_EXIT_FAILURE;
  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  options.name = argv[1];
  options.provider = provider ? provider : "local";
  options.language = language ? language : "en-US";
  options.base_model = base_model;
  options.tags = (const char *const *)tags;
  options.account = account;
  options.provider_base = provider_base;
  /* The model, its account and its provider's base in one transaction, as
   * the app does. */
  prl_workspace_create_model_full_async (ws, &options, NULL, prl_cli_store_result_cb,
                                         &result);
  model = prl_workspace_create_model_finish (ws, prl_cli_wait (&result), &error);
  if (model == NULL)
    return prl_cli_fail (error);
  if (provider_base != NULL)
    {
      printf (_ ("Created model “%s” on the Watson base model %s.\n"),
              prl_model_get_name (model), provider_base);
      return PRL_CLI_EXIT_OK;
    }

  printf (_ ("Created model “%s”.\n"), prl_model_get_name (model));
  return PRL_CLI_EXIT_OK;
}

/* The model's training on a cloud service, from its remote job's row. */
static void
add_remote_training (JsonBuilder *builder, PrlWorkspace *ws, PrlModel *model)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  PrlRemoteJobRecord *last = NULL;

  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL,
                                    prl_cli_store_result_cb, &result);
  records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                               prl_cli_wait (&result), NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      PrlRemoteJobRecord *record = g_ptr_array_index (records, i);

      if (record->model_id == prl_model_get_id (model)
          && prl_remote_job_lookup_trainer (prl_model_get_provider (model), NULL)
          && (last == NULL || record->id > last->id))
        last = record;
    }

  json_builder_set_member_name (builder, "remote_training");
  if (last == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, last->kind);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder,
                                 last->status == PRL_REMOTE_JOB_RUNNING
                                         && prl_remote_job_record_is_interrupted (last)
                                     ? "interrupted"
                                     : prl_remote_job_status_to_string (last->status));
  json_builder_set_member_name (builder, "error");
  if (last->error != NULL)
    json_builder_add_string_value (builder, last->error);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "state");
  {
    g_autoptr (JsonParser) parser = json_parser_new ();

    if (last->state != NULL && json_parser_load_from_data (parser, last->state, -1, NULL))
      json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
    else
      json_builder_add_null_value (builder);
  }
  json_builder_end_object (builder);
}

static int
models_show (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("NAME");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) one = g_ptr_array_new ();
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject              *object;
  PrlModel                *model;
  gboolean                 json = FALSE;
  g_autofree GOptionEntry *entries = prl_cli_json_entries (&json);

  if (!prl_cli_parse (
          context, entries,
          _ ("Show a custom model: its account, status, versions and any training "
             "running on a cloud service."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli models %s"), "show NAME [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  /* A cloud model's versions are asked about first: deleted elsewhere,
   * trained, an upgrade offered. */
  if (!(versions = prl_cli_refresh_versions (ws, model, &error)))
    return prl_cli_fail (error);

  g_ptr_array_add (one, model);
  listed = models_to_json (one);
  object = json_array_get_object_element (json_node_get_array (listed), 0);
  json_builder_begin_object (builder);
  json_object_foreach_member (object, add_member_cb, builder);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion *version = g_ptr_array_index (versions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, prl_version_get_name (version));
      json_builder_set_member_name (builder, "base_model");
      json_builder_add_string_value (builder, prl_version_get_base_model_id (version));
      json_builder_set_member_name (builder, "remote_status");
      json_builder_add_string_value (
          builder, prl_remote_status_to_nick (prl_version_get_remote_status (version)));
      json_builder_set_member_name (builder, "upgrade_available");
      json_builder_add_boolean_value (builder,
                                      prl_version_get_upgrade_available (version));
      /* Its provider no longer offers its base: it cannot be used. */
      json_builder_set_member_name (builder, "base_removed");
      json_builder_add_boolean_value (builder, prl_version_get_remote_status (version)
                                                   == PRL_REMOTE_STATUS_BASE_REMOVED);
      /* A version trained here: its λ, where it came from, and the stock
       * model's fit (issue #17); -1 when not measured. */
      if (prl_version_get_remote_status (version) == PRL_REMOTE_STATUS_NONE)
        {
          json_builder_set_member_name (builder, "lm_weight");
          json_builder_add_double_value (builder, prl_version_get_lm_weight (version));
          json_builder_set_member_name (builder, "weight_source");
          json_builder_add_string_value (
              builder,
              prl_weight_source_to_nick (prl_version_get_weight_source (version)));
          json_builder_set_member_name (builder, "n_tuning_sentences");
          json_builder_add_int_value (builder,
                                      prl_version_get_n_tuning_sentences (version));
          json_builder_set_member_name (builder, "stock_known_perplexity");
          json_builder_add_double_value (
              builder, prl_version_get_stock_known_perplexity (version));
          json_builder_set_member_name (builder, "stock_oov_rate");
          json_builder_add_double_value (builder,
                                         prl_version_get_stock_oov_rate (version));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_remote_training (builder, ws, model);
  json_builder_end_object (builder);

  if (json)
    {
      prl_cli_print_json (builder);
      return PRL_CLI_EXIT_OK;
    }

  printf ("%s\n", prl_model_get_name (model));
  printf ("  %-16s %s\n", _ ("Provider:"), prl_model_get_provider (model));
  if (prl_model_get_account (model) != NULL)
    printf ("  %-16s %s\n", _ ("Account:"), prl_model_get_account (model));
  if (prl_model_get_provider_base (model) != NULL)
    printf ("  %-16s %s\n", _ ("Provider base:"), prl_model_get_provider_base (model));
  printf ("  %-16s %s\n", _ ("Status:"), status_label (model));
  if (prl_model_get_status (model) == PRL_TRAINING_STATUS_FAILED
      && prl_model_get_failure_message (model) != NULL)
    printf ("  %-16s %s\n", _ ("Failure:"), prl_model_get_failure_message (model));
  if (prl_model_get_upgrade_available (model))
    printf ("  %-16s %s\n", _ ("Upgrade:"),
            _ ("available (“parlance-cli models upgrade” trains on the new base)"));
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion *version = g_ptr_array_index (versions, i);
      const char *remote
          = prl_remote_status_to_label (prl_version_get_remote_status (version));

      printf ("  %-16s %s (%s)%s%s%s\n", i == 0 ? _ ("Versions:") : "",
              prl_version_get_name (version), prl_version_get_base_model_id (version),
              remote[0] != '\0' ? ", " : "", remote,
              prl_version_get_upgrade_available (version) ? _ (", upgrade available")
                                                          : "");
      if (prl_version_get_remote_status (version) == PRL_REMOTE_STATUS_NONE)
        {
          g_autofree char *reason = prl_version_describe_weight (version);
          g_autofree char *fit = prl_version_describe_stock_fit (version);

          printf ("  %-16s   λ %.4f, %s\n", "", prl_version_get_lm_weight (version),
                  reason);
          if (fit != NULL)
            printf ("  %-16s   %s %s\n", "", _ ("stock model:"), fit);
        }
    }
  return PRL_CLI_EXIT_OK;
}

static int
models_rename (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("OLD NEW");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlModel *model;

  if (!prl_cli_parse (context, NULL, _ ("Rename a custom model."), &argc, &argv, 2, 2,
                      _ ("Usage: parlance-cli models %s"), "rename OLD NEW"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  prl_workspace_rename_model_async (ws, model, argv[2], NULL, prl_cli_store_result_cb,
                                    &result);
  if (!prl_workspace_rename_model_finish (ws, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);

  printf (_ ("Renamed “%s” to “%s”.\n"), argv[1], argv[2]);
  return PRL_CLI_EXIT_OK;
}

/* The names of @model's versions whose models on the service a delete
 * takes with it, joined for a sentence; %NULL when there are none. */
static char *
remote_version_names (PrlWorkspace *ws, PrlModel *model, GError **error)
{
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  if (!prl_workspace_model_is_remote (ws, model))
    return NULL;
  if (!(versions = prl_store_list_versions_sync (prl_workspace_get_store (ws),
                                                 prl_model_get_id (model), error)))
    return NULL;
  for (guint i = 0; i < versions->len; i++)
    if (prl_workspace_version_is_remote (ws, model, g_ptr_array_index (versions, i)))
      g_strv_builder_add (names, prl_version_get_name (g_ptr_array_index (versions, i)));
  list = g_strv_builder_end (names);
  return list[0] != NULL ? g_strjoinv (", ", list) : NULL;
}

static int
models_delete (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("NAME");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *remote = NULL;
  gboolean           yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_ ("Confirm the deletion (and its language models on the service); it cannot "
          "be undone"),
      NULL },
    { NULL },
  };
  PrlModel *model;

  if (!prl_cli_parse (context, entries,
                      _ ("Delete a custom model. A cloud model’s language models on the "
                         "service are deleted too."),
                      &argc, &argv, 1, 1, _ ("Usage: parlance-cli models %s"),
                      "delete NAME --yes"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  name = g_strdup (prl_model_get_name (model));
  /* What goes on the service is said before, as the confirmation. */
  remote = remote_version_names (ws, model, &error);
  if (error != NULL)
    return prl_cli_fail (error);
  if (!yes)
    {
      g_autofree char *shown = prl_cli_escape (name);

      if (remote != NULL)
        prl_cli_print_error (
            _ ("Deleting “%s” also deletes its language models on the service (account "
               "“%s”): %s; it cannot be undone. Add --yes to confirm"),
            shown, prl_model_get_account (model), remote);
      else
        prl_cli_print_error (_ ("Deleting “%s” cannot be undone; add --yes to confirm"),
                             shown);
      return PRL_CLI_EXIT_USAGE;
    }

  prl_workspace_delete_model_async (ws, model, NULL, prl_cli_store_result_cb, &result);
  if (!prl_workspace_delete_model_finish (ws, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);

  if (remote != NULL)
    printf (_ ("Deleted model “%s” and its language models on the service: %s.\n"), name,
            remote);
  else
    printf (_ ("Deleted model “%s”.\n"), name);
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_models (PrlCliContext *ctx, int argc, char **argv)
{
  static const PrlCliSubcommand subcommands[] = {
    { "list", models_list },
    { "create", models_create },
    { "show", models_show },
    { "rename", models_rename },
    { "delete", models_delete },
    { "import", prl_cli_models_import },
    { "upgrade", prl_cli_models_upgrade },
    { "delete-version", prl_cli_models_delete_version },
  };

  return prl_cli_dispatch_or_usage (
      ctx, argc, argv, subcommands, G_N_ELEMENTS (subcommands), "models",
      _ ("Usage: parlance-cli models list [--json]\n"
         "       parlance-cli models show NAME [--json]\n"
         "       parlance-cli models create NAME [--language CODE] [--provider ID] "
         "[--base-model WideBand|NarrowBand] [--tag TAG] [--account NAME]\n"
         "       parlance-cli models rename OLD NEW\n"
         "       parlance-cli models delete NAME --yes\n"
         "       parlance-cli models delete-version NAME VERSION --yes\n"
         "       parlance-cli models import --account NAME [REMOTE-NAME…] [--json]\n"
         "       parlance-cli models upgrade NAME [--version VERSION] [--wait]"));
}
