/* test-wiki-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Add Text from Wikipedia and its Preferences row: bad input (no
 * keywords, an unreadable keywords file, an unreachable wiki, a bad wiki
 * address) each shows a clear error and imports nothing; with the local
 * MediaWiki of build-aux/wiki-server.sh (PRL_TEST_WIKI_API), a preview
 * and an import that keeps its provenance. */

#include "config.h"

#include <glib/gstdio.h>

#include "../test-util.h"
#include "prl-gui-test-util.h"
#include "prl-local-provider.h"
#include "prl-wiki-dialog.h"
#include "prl-wiki-preferences-group.h"

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  PrlModel     *model;
  GtkWidget    *dialog;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "bees");
  f->dialog = g_object_ref (prl_wiki_dialog_new (f->workspace, f->model));
  gtk_window_present (GTK_WINDOW (f->dialog));
  prl_test_drain ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GtkWidget *dialog = g_steal_pointer (&f->dialog);

  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_drain ();
  g_assert_finalize_object (dialog);
  g_clear_object (&f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (f->dialog, PRL_TYPE_WIKI_DIALOG, name);
}

static const char *
error_row (Fixture *f)
{
  GtkLabel *label = child (f, "error_label");

  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (label)), ==,
                   gtk_widget_has_css_class (child (f, "keywords_row"), "error"));
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : NULL;
}

static gboolean
idle (gpointer data)
{
  return !prl_wiki_dialog_is_busy (PRL_WIKI_DIALOG (((Fixture *)data)->dialog));
}

static void
preview (Fixture *f, const char *keywords)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, "keywords_row")), keywords);
  g_signal_emit_by_name (child (f, "fetch_button"), "clicked");
  prl_test_drain ();
  prl_test_wait_until (idle, f);
}

static guint
n_datasets (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  prl_workspace_read_rows_async (f->workspace, f->model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 prl_test_result_cb, &result);
  rows = prl_workspace_read_rows_finish (f->workspace, prl_test_wait_for (&result),
                                         &error);
  g_assert_no_error (error);
  return rows->len;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
test_no_keywords (Fixture *f, gconstpointer data)
{
  g_assert_null (error_row (f));
  g_assert_false (gtk_widget_get_sensitive (child (f, "import_button")));
  preview (f, " , ,");
  assert_contains (error_row (f), "No keywords were given");
  g_assert_false (gtk_widget_get_visible (child (f, "preview_group")));
  g_assert_false (gtk_widget_get_sensitive (child (f, "import_button")));

  /* Typing clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "keywords_row")), "varroa");
  g_assert_null (error_row (f));
  g_assert_cmpuint (n_datasets (f), ==, 0);
}

static void
test_unreachable (Fixture *f, gconstpointer data)
{
  prl_wiki_dialog_set_api_url (PRL_WIKI_DIALOG (f->dialog),
                               "http://127.0.0.1:1/w/api.php");
  assert_contains (gtk_label_get_label (child (f, "wiki_label")), "127.0.0.1:1");
  preview (f, "varroa");
  assert_contains (error_row (f),
                   "Could not reach the wiki at http://127.0.0.1:1/w/api.php");
  g_assert_false (gtk_widget_get_visible (child (f, "preview_group")));
  g_assert_false (gtk_widget_get_sensitive (child (f, "import_button")));
  g_assert_cmpuint (n_datasets (f), ==, 0);
}

static gboolean
keywords_or_error (gpointer data)
{
  Fixture *f = data;

  return *gtk_editable_get_text (GTK_EDITABLE (child (f, "keywords_row"))) != '\0'
         || gtk_widget_get_visible (child (f, "error_label"));
}

static void
load (Fixture *f, const char *contents, gssize length)
{
  g_autofree char *path = g_build_filename (f->dir, "keywords.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  /* Any edit clears the error row; the field starts empty. */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "keywords_row")), "x");
  gtk_editable_set_text (GTK_EDITABLE (child (f, "keywords_row")), "");
  g_assert_null (error_row (f));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  prl_wiki_dialog_load_keywords (PRL_WIKI_DIALOG (f->dialog), file);
  prl_test_wait_until (keywords_or_error, f);
}

static void
test_keywords_file (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nope.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (missing);

  load (f, "# my keywords\nvarroa\nLangstroth hive, propolis\nVarroa\n", -1);
  g_assert_null (error_row (f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "keywords_row"))), ==,
                   "varroa, Langstroth hive, propolis");

  load (f, "bee\xff\xfe\n", -1);
  assert_contains (error_row (f), "is not UTF-8 text");

  load (f, "# only a comment\n\n", -1);
  assert_contains (error_row (f), "has no keywords");

  prl_wiki_dialog_load_keywords (PRL_WIKI_DIALOG (f->dialog), file);
  prl_test_drain ();
  prl_test_iterate (200);
  assert_contains (error_row (f), "Could not read “nope.txt”");
}

static void
test_propose_without_text (Fixture *f, gconstpointer data)
{
  g_signal_emit_by_name (child (f, "propose_button"), "clicked");
  prl_test_drain ();
  prl_test_wait_until (idle, f);
  assert_contains (error_row (f), "no text to propose keywords from");
}

static void
test_preview_and_import (Fixture *f, gconstpointer data)
{
  const char *api = g_getenv ("PRL_TEST_WIKI_API");
  GtkWidget  *row;
  guint       n_rows = 0;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gpointer weak;

  if (api == NULL || *api == '\0')
    {
      if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_WIKI"), "1") == 0)
        g_error ("PRL_TEST_WIKI_API is not set, but PRL_TEST_REQUIRE_WIKI=1");
      g_test_skip ("PRL_TEST_WIKI_API is not set; start build-aux/wiki-server.sh");
      return;
    }
  prl_wiki_dialog_set_api_url (PRL_WIKI_DIALOG (f->dialog), api);
  preview (f, "varroa, zeppelin");
  g_assert_null (error_row (f));
  g_assert_true (gtk_widget_get_visible (child (f, "preview_group")));
  for (row = gtk_widget_get_first_child (child (f, "pages_list")); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 3);
  assert_contains (gtk_label_get_label (child (f, "summary_label")), "3 pages");
  assert_contains (gtk_label_get_label (child (f, "summary_label")),
                   "covers 1 of 2 keywords");
  assert_contains (gtk_label_get_label (child (f, "summary_label")),
                   "No page found for: zeppelin");
  g_assert_true (gtk_widget_get_sensitive (child (f, "import_button")));
  g_assert_cmpuint (n_datasets (f), ==, 0);

  /* Changing the keywords makes the preview stale. */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "keywords_row")), "varroa");
  g_assert_false (gtk_widget_get_sensitive (child (f, "import_button")));
  preview (f, "varroa");

  /* Import closes the dialog once the dataset is saved. */
  weak = f->dialog;
  g_object_add_weak_pointer (G_OBJECT (f->dialog), &weak);
  g_signal_emit_by_name (child (f, "import_button"), "clicked");
  while (gtk_widget_get_visible (f->dialog))
    g_main_context_iteration (NULL, TRUE);
  g_object_remove_weak_pointer (G_OBJECT (f->dialog), &weak);

  prl_workspace_read_rows_async (f->workspace, f->model, PRL_MODEL_ROWS_DATASETS, NULL,
                                 prl_test_result_cb, &result);
  rows = prl_workspace_read_rows_finish (f->workspace, prl_test_wait_for (&result),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (prl_dataset_get_group_name (g_ptr_array_index (rows, 0)), ==,
                   "Wiki: varroa");
  {
    g_autofree char *shown = prl_wiki_describe_provenance (
        prl_dataset_get_provenance (g_ptr_array_index (rows, 0)));

    assert_contains (shown, api);
    assert_contains (shown, "Creative Commons Attribution-Share Alike 4.0");
    assert_contains (shown, "Varroa destructor (revision ");
  }
}

static void
test_preferences_row (void)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  GtkWidget       *window = gtk_window_new ();
  GtkWidget       *group = g_object_new (PRL_TYPE_WIKI_PREFERENCES_GROUP, NULL);
  AdwEntryRow     *row;
  GtkLabel        *label;
  g_autofree char *saved = NULL;

  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_drain ();
  row = prl_test_template_child (group, PRL_TYPE_WIKI_PREFERENCES_GROUP, "url_row");
  label = prl_test_template_child (group, PRL_TYPE_WIKI_PREFERENCES_GROUP,
                                   "url_error_label");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "https://en.wikipedia.org/w/api.php");

  gtk_editable_set_text (GTK_EDITABLE (row), "wiki.example.com");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  assert_contains (gtk_label_get_label (label), "not a web address");
  saved = g_settings_get_string (settings, "wiki-api-url");
  g_assert_cmpstr (saved, ==, "https://en.wikipedia.org/w/api.php");
  g_clear_pointer (&saved, g_free);

  gtk_editable_set_text (GTK_EDITABLE (row), "https://wiki.example.com/w/api.php");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  saved = g_settings_get_string (settings, "wiki-api-url");
  g_assert_cmpstr (saved, ==, "https://wiki.example.com/w/api.php");
  g_clear_pointer (&saved, g_free);

  /* The dialog fetches from the saved wiki. */
  {
    g_autoptr (PrlWorkspace) ws = NULL;
    g_autoptr (PrlModel) model = NULL;
    g_autofree char *dir = prl_test_make_tmpdir ();
    GtkWidget       *dialog;

    ws = prl_test_open_workspace (dir);
    model = prl_test_create_model (ws, "wiki");
    dialog = g_object_ref_sink (prl_wiki_dialog_new (ws, model));
    assert_contains (gtk_label_get_label (prl_test_template_child (
                         dialog, PRL_TYPE_WIKI_DIALOG, "wiki_label")),
                     "https://wiki.example.com/w/api.php");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_object_unref (dialog);
    g_clear_object (&model);
    g_clear_object (&ws);
    prl_test_drain ();
    prl_test_rm_rf (dir);
  }

  g_settings_reset (settings, "wiki-api-url");
  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
}

int
main (int argc, char **argv)
{
  g_autoptr (PrlProvider) local = NULL;

  if (!prl_test_init_gtk (&argc, &argv))
    return 0;
  local = prl_local_provider_new ();
  prl_provider_register ("local", local);
  g_test_add ("/wiki-dialog/no-keywords", Fixture, NULL, fixture_set_up, test_no_keywords,
              fixture_tear_down);
  g_test_add ("/wiki-dialog/unreachable", Fixture, NULL, fixture_set_up, test_unreachable,
              fixture_tear_down);
  g_test_add ("/wiki-dialog/keywords-file", Fixture, NULL, fixture_set_up,
              test_keywords_file, fixture_tear_down);
  g_test_add ("/wiki-dialog/propose-without-text", Fixture, NULL, fixture_set_up,
              test_propose_without_text, fixture_tear_down);
  g_test_add ("/wiki-dialog/preview-and-import", Fixture, NULL, fixture_set_up,
              test_preview_and_import, fixture_tear_down);
  g_test_add_func ("/wiki-dialog/preferences-row", test_preferences_row);
  return g_test_run ();
}
