/* prl-cli-run.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * parlance-cli run: the single click, headless. A client of
 * PrlQuickSetupJob, which the app's Quick Setup runs too: from a folder of
 * test audio with transcripts and a keywords file to a trained, evaluated
 * and self-healed model, the leaderboard printed. Exits 0 only when the
 * best version beats the stock model.
 */

#define G_LOG_DOMAIN "prl-cli-run"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "prl-quick-setup-job.h"
#include "prl-wiki-client.h"

#include "prl-cli-private.h"

static void
print_summary (PrlQuickSetupJob *job, guint n_pairs, FILE *out)
{
  g_autofree char *keywords
      = g_strjoinv (", ", (char **)prl_quick_setup_job_get_keywords (job));
  /* Formatted first: a G_GUINT64_FORMAT inside _() cannot be extracted. */
  g_autofree char *n_words
      = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_quick_setup_job_get_n_words (job));

  fprintf (out, _ ("Model “%s”: %u test pairs; keywords: %s\n"),
           prl_model_get_name (prl_quick_setup_job_get_model (job)), n_pairs, keywords);
  fprintf (out, _ ("Wiki text: %u pages, %s words; "),
           prl_quick_setup_job_get_n_pages (job), n_words);
  fprintf (out,
           g_dngettext (GETTEXT_PACKAGE,
                        "dropped %u sentence equal to a test reference\n",
                        "dropped %u sentences equal to test references\n",
                        prl_quick_setup_job_get_n_dropped (job)),
           prl_quick_setup_job_get_n_dropped (job));
}

static int
run (PrlCliContext *ctx, int argc, char **argv, char **temp_dir, char **s3_dir)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlQuickSetupJob) job = NULL;
  g_autoptr (GHashTable) added = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) keywords_file = NULL;
  g_autoptr (GFile) framework_keywords = NULL;
  g_autoptr (GFile) text_file = NULL;
  g_auto (GStrv) keywords = NULL;
  g_autofree char     *audio = NULL;
  g_autofree char     *keywords_path = NULL;
  g_autofree char     *text = NULL;
  g_autofree char     *provider = NULL;
  g_autofree char     *account = NULL;
  g_autofree char     *name = NULL;
  g_autofree char     *wiki = NULL;
  gboolean             json = FALSE;
  int                  self_heal = 0;
  PrlQuickSetupOptions options = { 0 };
  GPtrArray           *rows;
  FILE                *out;
  const GOptionEntry   entries[] = {
      { "audio", 0, 0, G_OPTION_ARG_FILENAME, &audio,
        N_ ("Test audio with transcripts: NAME.wav + NAME.txt, or input/<folder>/ with "
              "one audio file and its transcript each"),
        N_ ("DIR") },
      { "keywords", 0, 0, G_OPTION_ARG_FILENAME, &keywords_path,
        N_ ("Keywords to fetch wiki text about, one a line or comma-separated (default: "
              "DIR/keywords/keywords.txt, or proposed from the transcripts)"),
        N_ ("FILE") },
      { "text", 0, 0, G_OPTION_ARG_FILENAME, &text, N_ ("Training text of your own"),
        N_ ("FILE") },
      { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
        N_ ("The provider (default: local)"), N_ ("ID") },
      { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_ ("The provider’s account"),
        N_ ("NAME") },
      { "name", 0, 0, G_OPTION_ARG_STRING, &name,
        N_ ("The new model’s name (default: the folder’s)"), N_ ("NAME") },
      { "self-heal", 0, 0, G_OPTION_ARG_INT, &self_heal,
        N_ ("Self-heal rounds after the first training, 0 to 20 (default: 0)"), "N" },
      { "wiki", 0, 0, G_OPTION_ARG_STRING, &wiki,
        N_ ("The wiki’s api.php (default: " PRL_WIKI_DEFAULT_API ")"), "API-URL" },
      { "json", 0, 0, G_OPTION_ARG_NONE, &json,
        N_ ("Print the final leaderboard as JSON (the steps go to stderr)"), NULL },
      { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("From test audio and keywords to a better model: create the model, add "
             "the test pairs, fetch wiki text about the keywords (test references "
             "left out), train, evaluate, self-heal, and print the leaderboard. "
             "Exits 0 only when the best version beats the stock model."),
          &argc, &argv, 0, 0, _ ("Usage: parlance-cli %s"),
          "run --audio DIR|s3://BUCKET/PREFIX [--account NAME] [--keywords "
          "FILE] [--text FILE] [--provider P] "
          "[--self-heal N] [--wiki API-URL] [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (audio == NULL)
    {
      prl_cli_print_error (_ ("--audio is needed: a folder of test audio with its "
                              "transcripts"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (self_heal < 0 || self_heal > 20)
    {
      prl_cli_print_error (_ ("--self-heal takes a number from 0 to 20"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (wiki != NULL && !prl_wiki_check_api_url (wiki, &error))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }

  /* Every input is read before anything is created. */
  if (g_str_has_prefix (audio, "s3://"))
    {
      g_autofree char *trimmed = g_strdup (audio);

      if (account == NULL)
        {
          prl_cli_print_error (_ ("--audio s3://… needs --account: the cloud account "
                                  "that may read it"));
          return PRL_CLI_EXIT_USAGE;
        }
      if (!(*s3_dir = prl_quick_setup_download_s3 (account, audio, NULL, &error)))
        return prl_cli_fail (error);
      folder = g_file_new_for_path (*s3_dir);
      /* The model is named after the prefix's last folder. */
      while (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
      if (name == NULL && strrchr (trimmed, '/') != NULL)
        name = g_strdup (strrchr (trimmed, '/') + 1);
    }
  else
    folder = g_file_new_for_commandline_arg (audio);
  if (!(files
        = prl_quick_setup_scan_folder (folder, temp_dir, &framework_keywords, &error)))
    return prl_cli_fail (error);
  if (keywords_path != NULL)
    keywords_file = g_file_new_for_commandline_arg (keywords_path);
  else
    keywords_file = g_steal_pointer (&framework_keywords);
  if (keywords_file != NULL
      && !(keywords = prl_quick_setup_read_keywords (keywords_file, &error)))
    return prl_cli_fail (error);
  if (text != NULL)
    {
      text_file = g_file_new_for_commandline_arg (text);
      if (!g_file_query_exists (text_file, NULL))
        {
          prl_cli_print_error (_ ("“%s” does not exist"), text);
          return PRL_CLI_EXIT_FAILURE;
        }
    }
  if (name == NULL)
    name = g_file_get_basename (folder);

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;
  if (prl_workspace_find_model (ws, name) != NULL)
    {
      prl_cli_print_error (_ ("A model named “%s” exists already; give another with "
                              "--name"),
                           name);
      return PRL_CLI_EXIT_FAILURE;
    }
  options.name = name;
  options.provider = provider;
  /* --account reads the S3 input; a local model takes none. */
  options.account
      = provider != NULL && g_strcmp0 (provider, "local") != 0 ? account : NULL;
  options.test_files = (GFile **)files->pdata;
  options.n_test_files = files->len;
  options.keywords = (const char *const *)keywords;
  options.text = text_file;
  options.wiki_api = wiki;
  options.self_heal = self_heal;
  if (!(job = prl_quick_setup_job_new (ws, &options, &error)))
    return prl_cli_fail (error);
  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_START | PRL_CLI_RUN_SIGINT,
                   PRL_CLI_PROGRESS_BAR);

  out = json ? stderr : stdout;
  if (prl_quick_setup_job_get_improve (job) != NULL)
    {
      GPtrArray *rounds
          = prl_improve_job_get_rounds (prl_quick_setup_job_get_improve (job));

      for (guint i = 0; i < rounds->len; i++)
        prl_cli_print_improve_round (g_ptr_array_index (rounds, i), out);
    }
  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      const GError *failure = prl_job_get_error (PRL_JOB (job));

      if (failure != NULL && !g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        prl_cli_print_gerror (failure);
      else
        prl_cli_print_error (_ ("Cancelled"));
      if (prl_quick_setup_job_get_kept (job))
        prl_cli_print_error (_ ("The model “%s” was kept: it has a trained and evaluated "
                                "version"),
                             name);
      else
        prl_cli_print_error (_ ("Nothing was kept: no model “%s” was left behind"), name);
      return PRL_CLI_EXIT_FAILURE;
    }

  print_summary (job, files->len / 2, out);
  rows = prl_quick_setup_job_get_rows (job);
  added = prl_cli_describe_versions (ws, prl_quick_setup_job_get_model (job));
  if (json)
    prl_cli_print_leaderboard_json (prl_quick_setup_job_get_model (job), rows, added);
  else
    {
      printf ("\n");
      prl_cli_print_eval_rows (rows, "");
      prl_cli_print_version_notes (rows, added, "");
    }
  if (!prl_quick_setup_job_beats_stock (job))
    {
      prl_cli_print_error (_ ("No version of “%s” beats the stock model"), name);
      return PRL_CLI_EXIT_FAILURE;
    }
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_run (PrlCliContext *ctx, int argc, char **argv)
{
  g_autofree char *temp_dir = NULL;
  g_autofree char *s3_dir = NULL;
  int              status = run (ctx, argc, argv, &temp_dir, &s3_dir);

  prl_quick_setup_remove_tree (temp_dir);
  if (s3_dir != NULL)
    {
      g_autofree char *parent = g_path_get_dirname (s3_dir);

      prl_quick_setup_remove_tree (parent);
    }
  return status;
}
