/* prl-cli-datasets.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-datasets"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-dataset-checker.h"
#include "prl-eval-split.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli datasets …`: add, list, delete and check datasets. A
 * dataset is what was added together (one name, one type, 1 to 10
 * files); the list shows one row per dataset, --files its files too. */

static gboolean
parse_type (const char *str, PrlDatasetType *type)
{
  if (str == NULL)
    {
      *type = PRL_DATASET_TYPE_AUTO;
      return TRUE;
    }

  if (prl_dataset_type_from_string (str, type) && *type != PRL_DATASET_TYPE_AUTO)
    return TRUE;

  prl_cli_print_error (
      _ ("Unknown dataset type “%s”; use TRANSCRIPT, TUNING, TEST, AUDIO "
         "or MANIFEST"),
      str);
  return FALSE;
}

static GPtrArray *
load_datasets (PrlWorkspace *ws, PrlModel *model)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *datasets;

  prl_workspace_read_rows_async (ws, model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 prl_cli_store_result_cb, &result);
  if (!(datasets = prl_workspace_read_rows_finish (ws, prl_cli_wait (&result), &error)))
    prl_cli_print_gerror (error);
  return datasets;
}

static void
add_issue_json (JsonBuilder *b, const PrlCheckIssue *issue)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (
      b, issue->severity == PRL_CHECK_SEVERITY_ERROR ? "error" : "warning");
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, issue->code);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, issue->line);
  json_builder_set_member_name (b, "column");
  json_builder_add_int_value (b, issue->column);
  json_builder_set_member_name (b, "byte_offset");
  json_builder_add_int_value (b, issue->byte_offset);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, issue->message);
  json_builder_set_member_name (b, "fix");
  json_builder_add_string_value (b, issue->fix);
  json_builder_end_object (b);
}

static void
print_checks_json (GPtrArray *checks)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < checks->len; i++)
    {
      PrlFileCheck *check = g_ptr_array_index (checks, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, check->path);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, prl_dataset_type_to_string (check->type));
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, !prl_file_check_has_errors (check));
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, check->n_bytes);
      json_builder_set_member_name (b, "lines");
      json_builder_add_int_value (b, check->n_lines);
      json_builder_set_member_name (b, "words");
      json_builder_add_int_value (b, check->n_words);
      json_builder_set_member_name (b, "duration");
      if (check->duration >= 0)
        json_builder_add_double_value (b, check->duration);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sample_rate");
      json_builder_add_int_value (b, check->sample_rate);
      json_builder_set_member_name (b, "channels");
      json_builder_add_int_value (b, check->channels);
      json_builder_set_member_name (b, "issues");
      json_builder_begin_array (b);
      for (guint j = 0; j < check->issues->len; j++)
        add_issue_json (b, g_ptr_array_index (check->issues, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  prl_cli_print_json (b);
}

static gboolean
any_failed (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (prl_file_check_has_errors (g_ptr_array_index (checks, i)))
      return TRUE;
  return FALSE;
}

static GFile **
files_from_args (int argc, char **argv, int first)
{
  GFile **files = g_new0 (GFile *, argc - first + 1);

  for (int i = first; i < argc; i++)
    files[i - first] = g_file_new_for_commandline_arg (argv[i]);
  return files;
}

static void
free_files (GFile **files)
{
  for (guint i = 0; files && files[i]; i++)
    g_object_unref (files[i]);
  g_free (files);
}

static int
datasets_check (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE…");
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *type_str = NULL;
  g_autofree char   *language = NULL;
  gboolean           json = FALSE;
  PrlDatasetType     type;
  GFile            **files;
  const GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_str,
      N_ ("TRANSCRIPT, TUNING, TEST, AUDIO or MANIFEST (default: detect)"), "TYPE" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_ ("The model’s language (default en-US)"), "CODE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (context, entries,
                      _ ("Check files as an upload would, without storing them."), &argc,
                      &argv, 1, -1, _ ("Usage: parlance-cli datasets %s"),
                      "check FILE… [--type TYPE] [--json]")
      || !parse_type (type_str, &type))
    return PRL_CLI_EXIT_USAGE;

  files = files_from_args (argc, argv, 1);
  checks = prl_check_upload (files, argc - 1, type, language ? language : "en-US", NULL,
                             &error);
  free_files (files);
  if (checks == NULL)
    return prl_cli_fail (error);

  if (json)
    print_checks_json (checks);
  else
    {
      g_autofree char *report = prl_check_report_format (checks);

      printf ("%s", report);
    }

  return any_failed (checks) ? PRL_CLI_EXIT_FAILURE : PRL_CLI_EXIT_OK;
}

/* A model never trained takes the band of its audio, and the same
 * sentence as in the app's toast says so. */
static void
print_base_model_switch (PrlWorkspace *ws, PrlModel *model, GPtrArray *added)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  prl_workspace_match_base_model_async (ws, model, added, NULL, prl_cli_store_result_cb,
                                        &result);
  message
      = prl_workspace_match_base_model_finish (ws, prl_cli_wait (&result), NULL, &error);
  if (message != NULL)
    printf ("%s\n", message);
  else if (error != NULL)
    fprintf (stderr, _ ("warning: %s\n"), error->message);
}

static int
datasets_add (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL FILE…");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlImportJob) job = NULL;
  g_autofree char        *type_str = NULL;
  g_autofree char        *dataset_name = NULL;
  g_autofree const char **names = NULL;
  PrlDatasetType          type;
  PrlModel               *model;
  GPtrArray              *added;
  GFile                 **files;
  const GOptionEntry      entries[] = {
         { "type", 't', 0, G_OPTION_ARG_STRING, &type_str,
           N_ ("TRANSCRIPT, TUNING, TEST, AUDIO or MANIFEST (default: detect)"), "TYPE" },
         { "name", 'n', 0, G_OPTION_ARG_STRING, &dataset_name,
           N_ ("The dataset’s name (default: the files’ shared name)"), "NAME" },
         { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Check files and add them to a model as one dataset per type: "
             "training text, tuning text, test audio with its transcripts, or "
             "a manifest with its audio; 1 to 10 files a dataset."),
          &argc, &argv, 2, -1, _ ("Usage: parlance-cli datasets %s"),
          "add MODEL FILE… [--name NAME] [--type TYPE]")
      || !parse_type (type_str, &type))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  /* One name for the upload; the workspace tells several datasets apart. */
  if (dataset_name != NULL)
    {
      names = g_new (const char *, argc - 2);
      for (int i = 0; i < argc - 2; i++)
        names[i] = dataset_name;
    }
  files = files_from_args (argc, argv, 2);
  job = prl_workspace_import_datasets (ws, model, files, NULL, names, argc - 2, type);
  free_files (files);

  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_DEFAULT, PRL_CLI_PROGRESS_BAR_KEEP);

  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      GPtrArray *checks = prl_import_job_get_checks (job);

      if (checks != NULL && any_failed (checks))
        {
          g_autofree char *report = prl_check_report_format (checks);

          fprintf (stderr, "%s", report);
        }
      prl_cli_print_gerror (prl_job_get_error (PRL_JOB (job)));
      return PRL_CLI_EXIT_FAILURE;
    }

  /* Warnings do not stop an upload, but the user should read them. */
  {
    GPtrArray *checks = prl_import_job_get_checks (job);

    for (guint i = 0; checks != NULL && i < checks->len; i++)
      {
        PrlFileCheck *check = g_ptr_array_index (checks, i);

        for (guint j = 0; j < check->issues->len; j++)
          {
            PrlCheckIssue   *issue = g_ptr_array_index (check->issues, j);
            g_autofree char *name = g_path_get_basename (issue->path);

            if (issue->line > 0)
              fprintf (stderr, _ ("%s:%u: warning: %s\n"), name, issue->line,
                       issue->message);
            else
              fprintf (stderr, _ ("%s: warning: %s\n"), name, issue->message);
          }
      }
  }

  added = prl_import_job_get_datasets (job);
  prl_cli_print_added (added, "");
  print_base_model_switch (ws, model, added);
  printf (_ ("“%s” is now %s.\n"), prl_model_get_name (model),
          prl_training_status_get_label (prl_model_get_status (model)));
  return PRL_CLI_EXIT_OK;
}

static void
add_file_json (JsonBuilder *b, PrlDataset *d)
{
  g_autofree char *started = g_date_time_format_iso8601 (prl_dataset_get_started (d));
  g_autofree char *ended = g_date_time_format_iso8601 (prl_dataset_get_ended (d));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, prl_dataset_get_name (d));
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (
      b, prl_dataset_type_to_string (prl_dataset_get_dataset_type (d)));
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, prl_dataset_get_source (d));
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, prl_dataset_get_sha256 (d));
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, prl_dataset_get_size (d));
  json_builder_set_member_name (b, "duration");
  if (prl_dataset_get_duration (d) >= 0)
    json_builder_add_double_value (b, prl_dataset_get_duration (d));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "sample_rate");
  json_builder_add_int_value (b, prl_dataset_get_sample_rate (d));
  json_builder_set_member_name (b, "lines");
  json_builder_add_int_value (b, prl_dataset_get_n_lines (d));
  json_builder_set_member_name (b, "words");
  json_builder_add_int_value (b, prl_dataset_get_n_words (d));
  json_builder_set_member_name (b, "encrypted");
  json_builder_add_boolean_value (b, prl_dataset_get_encrypted (d));
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, prl_dataset_get_uri (d));
  json_builder_set_member_name (b, "copy_started");
  json_builder_add_string_value (b, started);
  json_builder_set_member_name (b, "copied");
  json_builder_add_string_value (b, ended);
  json_builder_end_object (b);
}

static gboolean
group_encrypted (PrlDatasetGroup *group)
{
  for (guint i = 0; i < prl_dataset_group_get_n_files (group); i++)
    if (!prl_dataset_get_encrypted (prl_dataset_group_get_file (group, i)))
      return FALSE;
  return TRUE;
}

/* The stored JSON object as it is, or null. */
static void
add_provenance_json (JsonBuilder *b, const char *provenance)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (provenance != NULL && json_parser_load_from_data (parser, provenance, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
}

/* One object per dataset, its files in "files". */
static void
print_datasets_json (GPtrArray *groups)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < groups->len; i++)
    {
      PrlDatasetGroup *g = g_ptr_array_index (groups, i);
      g_autofree char *started
          = g_date_time_format_iso8601 (prl_dataset_group_get_started (g));
      g_autofree char *ended
          = g_date_time_format_iso8601 (prl_dataset_group_get_ended (g));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, prl_dataset_group_get_id (g));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, prl_dataset_group_get_name (g));
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (
          b, prl_dataset_type_to_string (prl_dataset_group_get_dataset_type (g)));
      json_builder_set_member_name (b, "n_files");
      json_builder_add_int_value (b, prl_dataset_group_get_n_files (g));
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, prl_dataset_group_get_size (g));
      json_builder_set_member_name (b, "duration");
      if (prl_dataset_group_get_duration (g) >= 0)
        json_builder_add_double_value (b, prl_dataset_group_get_duration (g));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "encrypted");
      json_builder_add_boolean_value (b, group_encrypted (g));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, prl_dataset_group_get_source (g));
      /* Where fetched text came from (wiki, pages, revisions, licence). */
      json_builder_set_member_name (b, "provenance");
      add_provenance_json (b, prl_dataset_group_get_provenance (g));
      /* As the app's columns: when copying began, and when every file was
       * copied, checked and added. */
      json_builder_set_member_name (b, "import_started");
      json_builder_add_string_value (b, started);
      json_builder_set_member_name (b, "added");
      json_builder_add_string_value (b, ended);
      json_builder_set_member_name (b, "files");
      json_builder_begin_array (b);
      for (guint j = 0; j < prl_dataset_group_get_n_files (g); j++)
        add_file_json (b, prl_dataset_group_get_file (g, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  prl_cli_print_json (b);
}

static char *
format_duration (double seconds)
{
  return seconds >= 0 ? g_strdup_printf ("%.1f s", seconds) : g_strdup ("—");
}

/* One row per dataset; with @files, its files below it, each with the
 * location of the stored copy. */
static void
print_datasets_table (GPtrArray *groups, gboolean files)
{
  printf ("%-40s %-11s %5s %10s %10s  %-9s  %s\n", _ ("NAME"), _ ("TYPE"), _ ("FILES"),
          _ ("BYTES"), _ ("DURATION"), _ ("ENCRYPTED"), _ ("SOURCE"));
  for (guint i = 0; i < groups->len; i++)
    {
      PrlDatasetGroup *g = g_ptr_array_index (groups, i);
      g_autofree char *duration = format_duration (prl_dataset_group_get_duration (g));

      printf ("%-40s %-11s %5u %10" G_GUINT64_FORMAT " %10s  %-9s  %s\n",
              prl_dataset_group_get_name (g),
              prl_dataset_type_to_string (prl_dataset_group_get_dataset_type (g)),
              prl_dataset_group_get_n_files (g), prl_dataset_group_get_size (g), duration,
              group_encrypted (g) ? _ ("yes") : _ ("no"),
              prl_dataset_group_get_source (g));

      for (guint j = 0; files && j < prl_dataset_group_get_n_files (g); j++)
        {
          PrlDataset      *d = prl_dataset_group_get_file (g, j);
          g_autofree char *file_duration = format_duration (prl_dataset_get_duration (d));
          g_autofree char *label = g_strconcat ("  ", prl_dataset_get_name (d), NULL);

          printf ("%-40s %-11s %5s %10" G_GUINT64_FORMAT " %10s  %-9s  %s\n", label,
                  prl_dataset_type_to_string (prl_dataset_get_dataset_type (d)), "",
                  prl_dataset_get_size (d), file_duration,
                  prl_dataset_get_encrypted (d) ? _ ("yes") : _ ("no"),
                  prl_dataset_get_uri (d));
        }
    }
}

/* The pairs of audio and TEST transcript, and the files without one. With
 * the split, the split's line tells how many pairs test the model (every
 * manifest line would be counted here), so only the unpaired are named. */
static void
print_test_pairs (GPtrArray *datasets, gboolean split)
{
  g_autoptr (GListStore) list = g_list_store_new (PRL_TYPE_DATASET);
  g_autoptr (PrlTestPairs) pairs = NULL;
  g_autofree char *names = NULL;

  g_list_store_splice (list, 0, 0, datasets->pdata, datasets->len);
  pairs = prl_test_pairs_compute (G_LIST_MODEL (list));
  if (pairs->unpaired->len > 0)
    {
      g_ptr_array_add (pairs->unpaired, NULL);
      names = g_strjoinv (", ", (char **)pairs->unpaired->pdata);
    }

  if (split && names != NULL)
    printf (_ ("Without a partner: %s\n"), names);
  else if (!split && names != NULL)
    /* Translators: the first %u counts the pairs, %s names the files without a partner */
    printf (g_dngettext (GETTEXT_PACKAGE, "%u test pair; without a partner: %s\n",
                         "%u test pairs; without a partner: %s\n", pairs->n_pairs),
            pairs->n_pairs, names);
  else if (!split)
    printf (g_dngettext (GETTEXT_PACKAGE, "%u test pair\n", "%u test pairs\n",
                         pairs->n_pairs),
            pairs->n_pairs);
}

static gboolean
print_split (PrlWorkspace *ws, GPtrArray *datasets)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  guint            n_training = 0, n_held_out = 0;

  prl_workspace_count_datasets_split_async (ws, datasets, NULL, prl_cli_store_result_cb,
                                            &result);
  if (!prl_workspace_count_split_finish (ws, prl_cli_wait (&result), &n_training,
                                         &n_held_out, &error))
    {
      prl_cli_print_gerror (error);
      return FALSE;
    }
  line = prl_eval_split_describe (n_training, n_held_out);
  printf ("%s\n", line);
  return TRUE;
}

static int
datasets_list (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  gboolean           json = FALSE;
  gboolean           files = FALSE;
  gboolean           split;
  PrlModel          *model;
  const GOptionEntry entries[] = {
    { "files", 'f', 0, G_OPTION_ARG_NONE, &files,
      N_ ("List each dataset’s files and where their stored copies are"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON (with the files)"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (context, entries, _ ("List a model’s datasets, one row each."),
                      &argc, &argv, 1, 1, _ ("Usage: parlance-cli datasets %s"),
                      "list MODEL [--files] [--json]"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1]))
      || !(datasets = load_datasets (ws, model)))
    return PRL_CLI_EXIT_FAILURE;

  {
    g_autoptr (GListStore) list = g_list_store_new (PRL_TYPE_DATASET);

    g_list_store_splice (list, 0, 0, datasets->pdata, datasets->len);
    groups = prl_dataset_group_collect (G_LIST_MODEL (list));
  }

  if (json)
    {
      print_datasets_json (groups);
      return PRL_CLI_EXIT_OK;
    }
  if (datasets->len == 0)
    {
      printf ("%s\n",
              _ ("No datasets yet. Add some with “parlance-cli datasets add MODEL "
                 "FILE…”."));
      return PRL_CLI_EXIT_OK;
    }

  print_datasets_table (groups, files);
  split = prl_eval_split_applies (datasets);
  print_test_pairs (datasets, split);
  if (split && !print_split (ws, datasets))
    return PRL_CLI_EXIT_FAILURE;
  return PRL_CLI_EXIT_OK;
}

static int
datasets_delete (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL NAME");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean           yes = FALSE;
  PrlDataset        *found = NULL;
  PrlModel          *model;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_ ("Confirm the deletion"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (context, entries,
                      _ ("Delete a dataset, with all its files, from a model."), &argc,
                      &argv, 2, 2, _ ("Usage: parlance-cli datasets %s"),
                      "delete MODEL NAME --yes"))
    return PRL_CLI_EXIT_USAGE;

  if (!yes)
    {
      prl_cli_print_error (_ ("Deleting “%s” cannot be undone; add --yes to confirm"),
                           argv[2]);
      return PRL_CLI_EXIT_USAGE;
    }

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1]))
      || !(datasets = load_datasets (ws, model)))
    return PRL_CLI_EXIT_FAILURE;

  /* Any file of the dataset stands for it. */
  for (guint i = 0; i < datasets->len && found == NULL; i++)
    if (g_strcmp0 (prl_dataset_get_group_name (g_ptr_array_index (datasets, i)), argv[2])
        == 0)
      found = g_ptr_array_index (datasets, i);

  if (found == NULL)
    {
      prl_cli_print_error (
          _ ("“%s” has no dataset named “%s”; “parlance-cli datasets list "
             "%s” shows them"),
          argv[1], argv[2], argv[1]);
      return PRL_CLI_EXIT_FAILURE;
    }

  prl_workspace_delete_dataset_async (ws, found, NULL, prl_cli_store_result_cb, &result);
  if (!prl_workspace_delete_dataset_finish (ws, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);

  printf (_ ("Deleted %s from “%s”.\n"), argv[2], prl_model_get_name (model));
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_datasets (PrlCliContext *ctx, int argc, char **argv)
{
  static const PrlCliSubcommand subcommands[] = {
    { "add", datasets_add },
    { "list", datasets_list },
    { "delete", datasets_delete },
    { "check", datasets_check },
    { "upload", prl_cli_datasets_upload },
    { "add-wiki", prl_cli_datasets_add_wiki },
  };

  return prl_cli_dispatch_or_usage (
      ctx, argc, argv, subcommands, G_N_ELEMENTS (subcommands), "datasets",
      _ ("Usage: parlance-cli datasets add MODEL FILE… [--name NAME] [--type TYPE]\n"
         "       parlance-cli datasets list MODEL [--files] [--json]\n"
         "       parlance-cli datasets delete MODEL NAME --yes\n"
         "       parlance-cli datasets check FILE… [--type TYPE] [--json]\n"
         "       parlance-cli datasets upload MODEL --account NAME [--wait]\n"
         "       parlance-cli datasets add-wiki MODEL --keywords FILE|--keyword "
         "K…|--propose "
         "[--links] [--wiki API-URL] [--json]"));
}
