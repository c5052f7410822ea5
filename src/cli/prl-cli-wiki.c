/* prl-cli-wiki.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * parlance-cli datasets add-wiki: training text about keywords from a
 * MediaWiki (English Wikipedia unless --wiki names another api.php),
 * previewed, then imported as a dataset that keeps its provenance.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "prl-dataset-check.h"
#include "prl-cli-private.h"
#include "prl-tokenizer.h"
#include "prl-wiki-fetch-job.h"

/* The keywords of --keywords FILE and every --keyword (each may hold
 * several, comma-separated), in that order, repeats left out. */
static char **
collect_keywords (const char *file, char **keyword_args, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (file != NULL)
    {
      g_autofree char *contents = NULL;
      gsize            length;

      if (!g_file_get_contents (file, &contents, &length, error))
        return NULL;
      if (!g_utf8_validate_len (contents, length, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _ ("%s is not UTF-8 text. Save the keywords as UTF-8, one a line "
                          "or separated by commas"),
                       file);
          return NULL;
        }
      g_string_append_len (text, contents, length);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; keyword_args != NULL && keyword_args[i] != NULL; i++)
    {
      g_string_append (text, keyword_args[i]);
      g_string_append_c (text, '\n');
    }
  return prl_wiki_parse_keywords (text->str);
}

static void
add_strv (JsonBuilder *b, const char *name, const char *const *strv)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static void
print_json (PrlWikiFetchJob *job, PrlImportJob *import)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GPtrArray *pages = prl_wiki_fetch_job_get_pages (job);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "wiki");
  json_builder_add_string_value (
      b, prl_wiki_client_get_api_url (prl_wiki_fetch_job_get_client (job)));
  json_builder_set_member_name (b, "licence");
  json_builder_add_string_value (b, prl_wiki_fetch_job_get_licence (job));
  json_builder_set_member_name (b, "licence_url");
  json_builder_add_string_value (b, prl_wiki_fetch_job_get_licence_url (job));
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < pages->len; i++)
    {
      PrlWikiPage *page = g_ptr_array_index (pages, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, page->title);
      json_builder_set_member_name (b, "revid");
      json_builder_add_int_value (b, page->rev_id);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, strlen (page->text));
      json_builder_set_member_name (b, "words");
      json_builder_add_int_value (b, prl_count_words (page->text));
      json_builder_set_member_name (b, "truncated");
      json_builder_add_boolean_value (b, page->truncated);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "words");
  json_builder_add_int_value (b, prl_wiki_fetch_job_get_n_words (job));
  add_strv (b, "keywords", prl_wiki_fetch_job_get_keywords (job));
  add_strv (b, "covered", prl_wiki_fetch_job_get_covered (job));
  add_strv (b, "uncovered", prl_wiki_fetch_job_get_uncovered (job));
  add_strv (b, "not_found", prl_wiki_fetch_job_get_not_found (job));
  json_builder_set_member_name (b, "skipped");
  json_builder_begin_array (b);
  for (guint i = 0; i < prl_wiki_fetch_job_get_skipped (job)->len; i++)
    {
      PrlWikiSkippedPage *s = g_ptr_array_index (prl_wiki_fetch_job_get_skipped (job), i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, s->title);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, s->kind);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "dataset");
  if (import != NULL && prl_import_job_get_datasets (import) != NULL
      && prl_import_job_get_datasets (import)->len > 0)
    {
      PrlDataset *d = g_ptr_array_index (prl_import_job_get_datasets (import), 0);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, prl_dataset_get_group_name (d));
      json_builder_set_member_name (b, "lines");
      json_builder_add_int_value (b, prl_dataset_get_n_lines (d));
      json_builder_set_member_name (b, "words");
      json_builder_add_int_value (b, prl_dataset_get_n_words (d));
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  prl_cli_print_json (b);
}

static void
print_preview (PrlWikiFetchJob *job)
{
  GPtrArray         *pages = prl_wiki_fetch_job_get_pages (job);
  const char *const *keywords = prl_wiki_fetch_job_get_keywords (job);
  const char *const *uncovered = prl_wiki_fetch_job_get_uncovered (job);
  const char *const *not_found = prl_wiki_fetch_job_get_not_found (job);
  GPtrArray         *skipped = prl_wiki_fetch_job_get_skipped (job);
  g_autofree char   *total = NULL;

  printf ("%-50s %10s %8s\n", _ ("PAGE"), _ ("BYTES"), _ ("WORDS"));
  for (guint i = 0; i < pages->len; i++)
    {
      PrlWikiPage *page = g_ptr_array_index (pages, i);

      printf ("%-50s %10zu %8" G_GUINT64_FORMAT "%s\n", page->title, strlen (page->text),
              prl_count_words (page->text), page->truncated ? _ (" (cut)") : "");
    }
  total = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_wiki_fetch_job_get_n_words (job));
  /* Translators: %u counts pages, %s the words */
  printf (g_dngettext (GETTEXT_PACKAGE, "%u page, %s words\n", "%u pages, %s words\n",
                       pages->len),
          pages->len, total);
  /* Translators: keywords the fetched text contains, of how many */
  printf (_ ("Keywords covered: %u of %u\n"),
          g_strv_length ((char **)prl_wiki_fetch_job_get_covered (job)),
          g_strv_length ((char **)keywords));
  if (uncovered[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)uncovered);

      printf (_ ("Not in the text: %s\n"), list);
    }
  for (guint i = 0; i < skipped->len; i++)
    {
      PrlWikiSkippedPage *s = g_ptr_array_index (skipped, i);

      /* Translators: a page left out; %s is its title, then why */
      printf (_ ("Skipped “%s”: %s\n"), s->title, s->reason);
    }
  if (not_found[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)not_found);

      printf (_ ("No page found for: %s\n"), list);
    }
  printf (_ ("Licence: %s %s\n"), prl_wiki_fetch_job_get_licence (job),
          prl_wiki_fetch_job_get_licence_url (job));
}

/* --propose: the keywords the workspace proposes from the model's text,
 * one a line (a keywords.txt to edit) or as a JSON array. */
static int
print_proposals (PrlWorkspace *ws, PrlModel *model, gboolean json)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keywords = NULL;

  prl_workspace_propose_keywords_async (ws, model, 20, NULL, prl_cli_store_result_cb,
                                        &result);
  if (!(keywords
        = prl_workspace_propose_keywords_finish (ws, prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; keywords[i] != NULL; i++)
        json_builder_add_string_value (b, keywords[i]);
      json_builder_end_array (b);
      prl_cli_print_json (b);
    }
  else
    for (guint i = 0; keywords[i] != NULL; i++)
      printf ("%s\n", keywords[i]);
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_datasets_add_wiki (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlWikiFetchJob) job = NULL;
  g_autoptr (PrlImportJob) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *keywords_file = NULL;
  g_autofree char *wiki = NULL;
  g_autofree char *dataset_name = NULL;
  g_auto (GStrv) keyword_args = NULL;
  g_auto (GStrv) keywords = NULL;
  gboolean           links = FALSE, json = FALSE, preview = FALSE, propose = FALSE;
  int                pages_per_keyword = 3;
  PrlModel          *model;
  const GOptionEntry entries[] = {
    { "keywords", 'k', 0, G_OPTION_ARG_FILENAME, &keywords_file,
      N_ ("A file of keywords, one a line or separated by commas"), "FILE" },
    { "keyword", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keyword_args,
      N_ ("A keyword (repeat it, or separate several with commas)"), "K" },
    { "links", 0, 0, G_OPTION_ARG_NONE, &links,
      N_ ("Also fetch the pages the found pages link to (one level)"), NULL },
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages_per_keyword,
      N_ ("How many pages to take per keyword (default: 3)"), "N" },
    { "wiki", 0, 0, G_OPTION_ARG_STRING, &wiki,
      N_ ("The wiki’s api.php (default: " PRL_WIKI_DEFAULT_API ")"), "API-URL" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &dataset_name,
      N_ ("The dataset’s name (default: “Wiki: ” and the keywords)"), "NAME" },
    { "preview", 0, 0, G_OPTION_ARG_NONE, &preview,
      N_ ("Only show what would be imported"), NULL },
    { "propose", 0, 0, G_OPTION_ARG_NONE, &propose,
      N_ ("Print keywords proposed from the model’s own text (words the stock model "
          "does not know, frequent domain terms), one a line, and fetch nothing"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Search a MediaWiki for keywords, fetch the plain text of the best "
             "pages and add it to a model as training text, with the pages, their "
             "revisions and the licence kept as its provenance."),
          &argc, &argv, 1, 1, _ ("Usage: parlance-cli datasets %s"),
          "add-wiki MODEL --keywords FILE|--keyword K…|--propose [--links] "
          "[--wiki API-URL] [--preview] [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (pages_per_keyword < 1 || pages_per_keyword > 50)
    {
      prl_cli_print_error (_ ("--pages takes a number from 1 to 50"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (propose)
    {
      if (keywords_file != NULL || keyword_args != NULL)
        {
          prl_cli_print_error (_ ("--propose proposes keywords; it takes no --keyword or "
                                  "--keywords"));
          return PRL_CLI_EXIT_USAGE;
        }
      if (!(ws = prl_cli_open_workspace (ctx))
          || !(model = prl_cli_find_model (ws, argv[1])))
        return PRL_CLI_EXIT_FAILURE;
      return print_proposals (ws, model, json);
    }
  if (!(keywords = collect_keywords (keywords_file, keyword_args, &error)))
    return prl_cli_fail (error);
  if (keywords[0] == NULL)
    {
      prl_cli_print_error (_ ("No keywords were given. Name some with --keyword K or "
                              "--keywords FILE; --propose suggests some from the "
                              "model’s text"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (!(job = prl_wiki_fetch_job_new (wiki != NULL ? wiki : PRL_WIKI_DEFAULT_API,
                                      (const char *const *)keywords, links, &error)))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }
  prl_wiki_fetch_job_set_pages_per_keyword (job, pages_per_keyword);

  /* The model must exist before anything is fetched. */
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  /* Text in another language than the model's would teach it nothing. */
  prl_wiki_fetch_job_set_language (job, prl_model_get_language (model));

  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_START | PRL_CLI_RUN_SIGINT,
                   PRL_CLI_PROGRESS_BAR);
  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    {
      prl_cli_print_gerror (prl_job_get_error (PRL_JOB (job)));
      return PRL_CLI_EXIT_FAILURE;
    }
  if (!json)
    print_preview (job);
  if (preview)
    {
      if (json)
        print_json (job, NULL);
      return PRL_CLI_EXIT_OK;
    }

  if (!(import = prl_wiki_fetch_job_import (job, ws, model, dataset_name, &error)))
    {
      if (json)
        print_json (job, NULL);
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_FAILURE;
    }
  prl_cli_run_job (PRL_JOB (import), PRL_CLI_RUN_DEFAULT, PRL_CLI_PROGRESS_BAR);
  if (prl_job_get_state (PRL_JOB (import)) != PRL_JOB_STATE_SUCCEEDED)
    {
      GPtrArray *checks = prl_import_job_get_checks (import);

      if (checks != NULL)
        {
          g_autofree char *report = prl_check_report_format (checks);

          fprintf (stderr, "%s", report);
        }
      if (json)
        print_json (job, NULL);
      prl_cli_print_gerror (prl_job_get_error (PRL_JOB (import)));
      return PRL_CLI_EXIT_FAILURE;
    }
  if (json)
    {
      print_json (job, import);
      return PRL_CLI_EXIT_OK;
    }
  prl_cli_print_added (prl_import_job_get_datasets (import), "");
  printf (_ ("“%s” is now %s.\n"), prl_model_get_name (model),
          prl_training_status_get_label (prl_model_get_status (model)));
  return PRL_CLI_EXIT_OK;
}
