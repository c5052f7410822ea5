/* test-wiki-fetch.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlWikiFetchJob against the real MediaWiki of build-aux/wiki-server.sh
 * (tests/data/wiki/pages.xml, about beekeeping): the preview, links,
 * cancel, and importing the text as a dataset with its provenance.
 * Skipped without PRL_TEST_WIKI_API unless PRL_TEST_REQUIRE_WIKI=1. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "../core/core-test-util.h"
#include "../test-util.h"
#include "prl-dataset-group.h"
#include "prl-wiki-fetch-job.h"

static const char *api;

static gboolean
run_job (PrlJob *job, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_job_execute_async (job, NULL, store_result_cb, &result);
  return prl_job_execute_finish (job, wait_for (&result), error);
}

static PrlWikiFetchJob *
new_job (const char *const *keywords, gboolean links)
{
  g_autoptr (GError) error = NULL;
  PrlWikiFetchJob *job = prl_wiki_fetch_job_new (api, keywords, links, &error);

  g_assert_no_error (error);
  prl_wiki_client_set_min_interval (prl_wiki_fetch_job_get_client (job), 0);
  return job;
}

static gboolean
has_page (PrlWikiFetchJob *job, const char *title)
{
  GPtrArray *pages = prl_wiki_fetch_job_get_pages (job);

  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (((PrlWikiPage *)g_ptr_array_index (pages, i))->title, title) == 0)
      return TRUE;
  return FALSE;
}

static void
test_preview (void)
{
  const char *keywords[] = { "varroa", "Langstroth", "zeppelin", "swarming", NULL };
  g_autoptr (PrlWikiFetchJob) job = new_job (keywords, FALSE);
  g_autoptr (GError) error = NULL;
  const char *const *covered, *const *uncovered, *const *not_found;
  GPtrArray *pages;
  guint64    words = 0;

  g_assert_true (run_job (PRL_JOB (job), &error));
  g_assert_no_error (error);
  pages = prl_wiki_fetch_job_get_pages (job);
  /* varroa: three pages; Langstroth: its own and Beekeeping (again);
   * swarming: Beekeeping (again); zeppelin: nothing. */
  g_assert_cmpuint (pages->len, ==, 4);
  g_assert_true (has_page (job, "Varroa destructor"));
  g_assert_true (has_page (job, "Langstroth hive"));
  g_assert_true (has_page (job, "Beekeeping"));
  g_assert_true (has_page (job, "Honey bee"));
  g_assert_false (has_page (job, "Propolis"));
  for (guint i = 0; i < pages->len; i++)
    {
      g_auto (GStrv) tokens = g_strsplit_set (
          ((PrlWikiPage *)g_ptr_array_index (pages, i))->text, " \n\t", -1);

      for (guint j = 0; tokens[j] != NULL; j++)
        words += *tokens[j] != '\0';
    }
  g_assert_cmpuint (prl_wiki_fetch_job_get_n_words (job), ==, words);
  g_assert_cmpuint (words, >, 200);

  covered = prl_wiki_fetch_job_get_covered (job);
  uncovered = prl_wiki_fetch_job_get_uncovered (job);
  not_found = prl_wiki_fetch_job_get_not_found (job);
  g_assert_cmpuint (g_strv_length ((char **)covered), ==, 3);
  g_assert_true (g_strv_contains (covered, "varroa"));
  g_assert_true (g_strv_contains (covered, "Langstroth"));
  g_assert_true (g_strv_contains (covered, "swarming"));
  g_assert_cmpuint (g_strv_length ((char **)uncovered), ==, 1);
  g_assert_cmpstr (uncovered[0], ==, "zeppelin");
  g_assert_cmpuint (g_strv_length ((char **)not_found), ==, 1);
  g_assert_cmpstr (not_found[0], ==, "zeppelin");
  g_assert_cmpstr (prl_wiki_fetch_job_get_licence (job), ==,
                   "Creative Commons Attribution-Share Alike 4.0");
}

static void
test_links (void)
{
  const char *keywords[] = { "oxalic", NULL };
  g_autoptr (PrlWikiFetchJob) plain = new_job (keywords, FALSE);
  g_autoptr (PrlWikiFetchJob) linked = new_job (keywords, TRUE);
  g_autoptr (GError) error = NULL;

  g_assert_true (run_job (PRL_JOB (plain), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prl_wiki_fetch_job_get_pages (plain)->len, ==, 2);

  /* One level: Beekeeping's links bring Propolis and Langstroth hive;
   * Queen, linked from no page, stays out. */
  g_assert_true (run_job (PRL_JOB (linked), &error));
  g_assert_no_error (error);
  g_assert_true (has_page (linked, "Propolis"));
  g_assert_true (has_page (linked, "Langstroth hive"));
  g_assert_true (has_page (linked, "Honey bee"));
  g_assert_false (has_page (linked, "Queen"));
  g_assert_cmpuint (prl_wiki_fetch_job_get_pages (linked)->len, ==, 5);
  g_assert_cmpuint (prl_wiki_fetch_job_get_n_words (linked), >,
                    prl_wiki_fetch_job_get_n_words (plain));
}

/* A keyword searched with the model's keywords for context finds the
 * pages on its topic, and alone when the context finds nothing. */
static void
test_context (void)
{
  const char *keywords[] = { "rhythm", NULL };
  const char *topic[] = { "rhythm", "cardioversion", NULL };
  const char *nothing[] = { "zeppelin", NULL };
  g_autoptr (PrlWikiFetchJob) plain = new_job (keywords, FALSE);
  g_autoptr (PrlWikiFetchJob) in_context = new_job (keywords, FALSE);
  g_autoptr (PrlWikiFetchJob) fallback = new_job (keywords, FALSE);
  g_autoptr (GError) error = NULL;

  g_assert_true (run_job (PRL_JOB (plain), &error));
  g_assert_no_error (error);
  g_assert_true (has_page (plain, "Holter monitor"));
  g_assert_cmpuint (prl_wiki_fetch_job_get_pages (plain)->len, ==, 3);

  /* The keyword itself is no context; "cardioversion" leaves out the
   * Holter monitor page, which does not mention it. */
  prl_wiki_fetch_job_set_context (in_context, topic);
  g_assert_true (run_job (PRL_JOB (in_context), &error));
  g_assert_no_error (error);
  g_assert_true (has_page (in_context, "Atrial fibrillation"));
  g_assert_true (has_page (in_context, "Amiodarone"));
  g_assert_false (has_page (in_context, "Holter monitor"));
  g_assert_cmpuint (prl_wiki_fetch_job_get_pages (in_context)->len, ==, 2);

  prl_wiki_fetch_job_set_context (fallback, nothing);
  g_assert_true (run_job (PRL_JOB (fallback), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prl_wiki_fetch_job_get_pages (fallback)->len, ==, 3);
  g_assert_cmpuint (g_strv_length ((char **)prl_wiki_fetch_job_get_not_found (fallback)),
                    ==, 0);
}

static void
test_cancel (void)
{
  const char *keywords[] = { "varroa", "hive", "honey", "bee", "queen", NULL };
  g_autoptr (PrlWikiFetchJob) job = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  job = new_job (keywords, TRUE);
  /* Slow enough that the cancel comes mid-way. */
  prl_wiki_client_set_min_interval (prl_wiki_fetch_job_get_client (job), 300);
  prl_job_execute_async (PRL_JOB (job), NULL, store_result_cb, &result);
  while (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  g_usleep (400 * 1000);
  prl_job_cancel (PRL_JOB (job));
  g_assert_false (prl_job_execute_finish (PRL_JOB (job), wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);
}

static void
test_bad_input (void)
{
  const char *blank[] = { " ", ",", "# a comment", NULL };
  const char *one[] = { "varroa", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWikiFetchJob) job = NULL;
  g_auto (GStrv) parsed = NULL;

  g_assert_null (prl_wiki_fetch_job_new (api, blank, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "No keywords"));
  g_clear_error (&error);
  g_assert_null (prl_wiki_fetch_job_new (NULL, one, FALSE, &error));
  g_assert_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_BAD_URL);
  g_clear_error (&error);

  parsed = prl_wiki_parse_keywords ("# keywords.txt\nvarroa, Langstroth hive\n\n"
                                    "  Varroa  \npropolis,,\n");
  g_assert_cmpuint (g_strv_length (parsed), ==, 3);
  g_assert_cmpstr (parsed[0], ==, "varroa");
  g_assert_cmpstr (parsed[1], ==, "Langstroth hive");
  g_assert_cmpstr (parsed[2], ==, "propolis");

  /* Unreachable: the job fails and there is nothing to import. */
  job = prl_wiki_fetch_job_new ("http://127.0.0.1:1/api.php", one, FALSE, &error);
  g_assert_no_error (error);
  prl_http_client_set_max_attempts (
      prl_wiki_client_get_http_client (prl_wiki_fetch_job_get_client (job)), 1);
  g_assert_false (run_job (PRL_JOB (job), &error));
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach the wiki"));
  g_clear_error (&error);
  g_assert_null (prl_wiki_fetch_job_import (job, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

static void
check_provenance (PrlDataset *dataset)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *provenance = prl_dataset_get_provenance (dataset);
  JsonObject *o;
  JsonArray  *pages;
  gboolean    found = FALSE;

  g_assert_nonnull (provenance);
  g_assert_true (json_parser_load_from_data (parser, provenance, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "mediawiki");
  g_assert_cmpstr (json_object_get_string_member (o, "api_url"), ==, api);
  g_assert_cmpstr (json_object_get_string_member (o, "licence_url"), ==,
                   "https://creativecommons.org/licenses/by-sa/4.0/");
  pages = json_object_get_array_member (o, "pages");
  g_assert_cmpuint (json_array_get_length (pages), ==, 2);
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonObject *page = json_array_get_object_element (pages, i);

      g_assert_cmpint (json_object_get_int_member (page, "revid"), >, 0);
      found |= g_strcmp0 (json_object_get_string_member (page, "title"),
                          "Varroa destructor")
               == 0;
    }
  g_assert_true (found);
}

static const char *
skip_reason (PrlWikiFetchJob *job, const char *title)
{
  GPtrArray *skipped = prl_wiki_fetch_job_get_skipped (job);

  for (guint i = 0; i < skipped->len; i++)
    {
      PrlWikiSkippedPage *s = g_ptr_array_index (skipped, i);

      if (g_strcmp0 (s->title, title) == 0)
        {
          g_assert_cmpstr (s->reason, !=, NULL);
          g_assert_cmpstr (s->reason, !=, "");
          return s->kind;
        }
    }
  return NULL;
}

/* Issue #16: a disambiguation page, a German page and a table of figures
 * are no training text for an English model. */
static void
test_skipped (void)
{
  const char *keywords[] = { "queen", "Zeidlerei", "xylocopa", NULL };
  const char *only_bad[] = { "Zeidlerei", "xylocopa", NULL };
  g_autoptr (PrlWikiFetchJob) job = new_job (keywords, FALSE);
  g_autoptr (PrlWikiFetchJob) any_language = new_job (keywords, FALSE);
  g_autoptr (PrlWikiFetchJob) bad = new_job (only_bad, FALSE);
  g_autoptr (GError) error = NULL;
  const char *const *not_found;
  GPtrArray         *pages;
  Fixture            f = { 0 };

  prl_wiki_fetch_job_set_language (job, "en-US");
  g_assert_true (run_job (PRL_JOB (job), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (skip_reason (job, "Queen"), ==, "disambiguation");
  g_assert_cmpstr (skip_reason (job, "Zeidlerei"), ==, "language");
  g_assert_cmpstr (skip_reason (job, "Xylocopa tally"), ==, "non-text");
  g_assert_cmpuint (prl_wiki_fetch_job_get_skipped (job)->len, ==, 3);
  g_assert_false (has_page (job, "Queen"));
  g_assert_false (has_page (job, "Zeidlerei"));
  g_assert_false (has_page (job, "Xylocopa tally"));
  /* "queen" also found Beekeeping ("queen cells"), which is kept. */
  g_assert_true (has_page (job, "Beekeeping"));
  pages = prl_wiki_fetch_job_get_pages (job);
  for (guint i = 0; i < pages->len; i++)
    {
      const char *text = ((PrlWikiPage *)g_ptr_array_index (pages, i))->text;

      g_assert_null (strstr (text, "may refer to"));
      g_assert_null (strstr (text, "Zeidler"));
      g_assert_null (strstr (text, "4,512"));
    }
  /* A keyword whose only pages were skipped found nothing. */
  not_found = prl_wiki_fetch_job_get_not_found (job);
  g_assert_cmpuint (g_strv_length ((char **)not_found), ==, 2);
  g_assert_true (g_strv_contains (not_found, "Zeidlerei"));
  g_assert_true (g_strv_contains (not_found, "xylocopa"));

  /* Without the model's language, only the language check is off. */
  g_assert_true (run_job (PRL_JOB (any_language), &error));
  g_assert_no_error (error);
  g_assert_true (has_page (any_language, "Zeidlerei"));
  g_assert_cmpstr (skip_reason (any_language, "Queen"), ==, "disambiguation");
  g_assert_cmpstr (skip_reason (any_language, "Xylocopa tally"), ==, "non-text");

  /* Nothing of them is imported. */
  prl_wiki_fetch_job_set_language (bad, "en");
  g_assert_true (run_job (PRL_JOB (bad), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prl_wiki_fetch_job_get_pages (bad)->len, ==, 0);
  g_assert_cmpuint (g_strv_length ((char **)prl_wiki_fetch_job_get_not_found (bad)), ==,
                    2);
  fixture_open (&f, "prl-wiki-XXXXXX");
  g_assert_null (prl_wiki_fetch_job_import (bad, f.ws, f.model, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  fixture_tear_down (&f, NULL);
}

static void
test_import (void)
{
  const char *keywords[] = { "oxalic", NULL };
  g_autoptr (PrlWikiFetchJob) job = new_job (keywords, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  PrlImportJob *import;
  PrlDataset   *dataset;
  GListModel   *datasets;
  Fixture       f = { 0 };

  fixture_open (&f, "prl-wiki-XXXXXX");
  g_assert_true (run_job (PRL_JOB (job), &error));
  import = prl_wiki_fetch_job_import (job, f.ws, f.model, NULL, &error);
  g_assert_no_error (error);
  while (prl_job_is_active (PRL_JOB (import)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (import)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_object_unref (import);

  datasets = prl_workspace_get_datasets (f.ws, f.model);
  while (g_list_model_get_n_items (datasets) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (datasets), ==, 1);
  dataset = g_list_model_get_item (datasets, 0);
  g_assert_cmpint (prl_dataset_get_dataset_type (dataset), ==,
                   PRL_DATASET_TYPE_TRANSCRIPT);
  g_assert_cmpstr (prl_dataset_get_group_name (dataset), ==, "Wiki: oxalic");
  /* Six paragraphs; headings ("Treatment", "References") are not training
   * text. */
  g_assert_cmpuint (prl_dataset_get_n_lines (dataset), ==, 6);
  check_provenance (dataset);
  g_object_unref (dataset);

  /* As saved. */
  prl_workspace_read_rows_async (f.ws, f.model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 store_result_cb, &result);
  rows = prl_workspace_read_rows_finish (f.ws, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  check_provenance (g_ptr_array_index (rows, 0));
  /* The result's task holds the workspace. */
  g_clear_object (&result);

  /* Many keywords: the default name is cut to 60 characters. */
  {
    const char *many[] = { "varroa",  "oxalic", "propolis", "Langstroth", "swarming",
                           "beeswax", "pollen", "brood",    "apiary",     NULL };
    g_autoptr (PrlWikiFetchJob) long_job = new_job (many, FALSE);
    g_autoptr (PrlImportJob) second = NULL;
    g_autoptr (GPtrArray) saved = NULL;
    const char *name;

    prl_wiki_fetch_job_set_pages_per_keyword (long_job, 1);
    g_assert_true (run_job (PRL_JOB (long_job), &error));
    second = prl_wiki_fetch_job_import (long_job, f.ws, f.model, NULL, &error);
    g_assert_no_error (error);
    while (prl_job_is_active (PRL_JOB (second)))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (prl_job_get_state (PRL_JOB (second)), ==, PRL_JOB_STATE_SUCCEEDED);
    saved = prl_import_job_get_datasets (second)
                ? g_ptr_array_ref (prl_import_job_get_datasets (second))
                : NULL;
    g_assert_nonnull (saved);
    name = prl_dataset_get_group_name (g_ptr_array_index (saved, 0));
    g_assert_cmpuint (g_utf8_strlen (name, -1), ==, 60);
    g_assert_true (g_str_has_prefix (name, "Wiki: varroa, oxalic, propolis"));
    g_assert_true (g_str_has_suffix (name, "…"));
  }
  fixture_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  int status;

  if (!(api = wiki_test_api (&status)))
    return status;
  g_test_init (&argc, &argv, NULL);
  use_local ();
  g_test_add_func ("/wiki-fetch/preview", test_preview);
  g_test_add_func ("/wiki-fetch/links", test_links);
  g_test_add_func ("/wiki-fetch/context", test_context);
  g_test_add_func ("/wiki-fetch/cancel", test_cancel);
  g_test_add_func ("/wiki-fetch/bad-input", test_bad_input);
  g_test_add_func ("/wiki-fetch/import", test_import);
  g_test_add_func ("/wiki-fetch/skipped", test_skipped);
  return g_test_run ();
}
