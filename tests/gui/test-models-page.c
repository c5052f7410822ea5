/* test-models-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prl-evaluate-job.h"
#include "prl-local-provider.h"
#include "prl-models-page.h"
#include "prl-page-model.h"
#include "prl-status-badge.h"

#include "prl-gui-test-util.h"
#include "prl-gui-util.h"

/* The Custom Models page, driven through its real widgets in a window:
 * rows are what the column view shows, pages and sorting are what the
 * pager and the column headers do.
 */

typedef struct
{
  char          *dir;
  PrlWorkspace  *workspace;
  GtkWindow     *window;
  PrlModelsPage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  guint n_models = GPOINTER_TO_UINT (data);

  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);

  for (guint i = 0; i < n_models; i++)
    {
      g_autofree char *name = g_strdup_printf ("model-%02u", i);

      g_object_unref (prl_test_create_model (f->workspace, name));
    }

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 1000);
  f->page = PRL_MODELS_PAGE (prl_models_page_new ());
  prl_models_page_set_workspace (f->page, f->workspace);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  prl_test_iterate (200);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (
      prl_test_find_first (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL));
}

static const char *
visible_stack_page (Fixture *f)
{
  g_autoptr (GPtrArray) stacks
      = prl_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child_name (stacks->pdata[0]);
}

/* The names in the rows the column view shows, top to bottom. */
static GPtrArray *
shown_names (Fixture *f)
{
  return prl_test_dup_shown_names (column_view (f));
}

static gboolean
has_name_label (Fixture *f, const char *text)
{
  return prl_test_find_label (GTK_WIDGET (column_view (f)), text) != NULL;
}

static const char *
label_text (Fixture *f, const char *needle)
{
  return prl_test_label_containing (GTK_WIDGET (f->page), needle);
}

static GtkColumnViewColumn *
column (Fixture *f, const char *title)
{
  return prl_test_find_column (column_view (f), title);
}

static gboolean
guide_flag_set (gpointer data)
{
  return g_settings_get_boolean (data, "getting-started-shown");
}

static void
test_empty_state (Fixture *f, gconstpointer data)
{
  GSettings *settings = g_settings_new (BASE_APP_ID);

  g_assert_cmpstr (visible_stack_page (f), ==, "empty");
  g_assert_nonnull (label_text (f, "No Custom Models Yet"));
  g_assert_nonnull (label_text (f, "evaluate each version against the stock model"));
  /* Mapping the page for the first time recorded that the guide was offered. */
  prl_test_wait_until (guide_flag_set, settings);
  g_object_unref (settings);

  g_object_unref (prl_test_create_model (f->workspace, "first"));
  prl_test_iterate (100);
  g_assert_cmpstr (visible_stack_page (f), ==, "list");
  g_assert_true (has_name_label (f, "first"));
}

static void
test_columns_and_badges (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) badges = NULL;
  GListModel *columns = gtk_column_view_get_columns (column_view (f));
  const char *titles[] = { "Name", "Training Status", "Base Language", "Last Modified" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (c), ==, titles[i]);
    }

  g_assert_true (has_name_label (f, "English"));
  badges = prl_test_find_all (GTK_WIDGET (f->page), PRL_TYPE_STATUS_BADGE, NULL);
  g_assert_cmpuint (badges->len, ==, 3);
  for (guint i = 0; i < badges->len; i++)
    {
      g_assert_cmpint (prl_status_badge_get_status (badges->pdata[i]), ==,
                       PRL_TRAINING_STATUS_NOT_RUNNING);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (badges->pdata[i]), !=, NULL);
    }
  g_assert_true (has_name_label (f, "Not Running"));
}

static void
test_paginate (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) page1 = NULL;
  g_autoptr (GPtrArray) page2 = NULL;
  g_autoptr (GPtrArray) page3 = NULL;
  g_autoptr (GPtrArray) big = NULL;
  g_autoptr (GPtrArray) dropdowns = NULL;

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);

  page1 = shown_names (f);
  g_assert_cmpuint (page1->len, ==, 25);
  g_assert_cmpstr (page1->pdata[0], ==, "model-00");
  g_assert_cmpstr (page1->pdata[24], ==, "model-24");
  g_assert_nonnull (label_text (f, "1–25 of 60"));
  g_assert_nonnull (label_text (f, "Page 1 of 3"));
  g_assert_true (has_name_label (f, "model-05"));
  g_assert_false (has_name_label (f, "model-25"));

  prl_test_press_action_button (GTK_WIDGET (f->page), "pager.next");
  prl_test_iterate (50);
  page2 = shown_names (f);
  g_assert_cmpuint (page2->len, ==, 25);
  g_assert_cmpstr (page2->pdata[0], ==, "model-25");
  g_assert_nonnull (label_text (f, "26–50 of 60"));
  g_assert_true (has_name_label (f, "model-25"));

  prl_test_press_action_button (GTK_WIDGET (f->page), "pager.last");
  prl_test_iterate (50);
  page3 = shown_names (f);
  g_assert_cmpuint (page3->len, ==, 10);
  g_assert_cmpstr (page3->pdata[9], ==, "model-59");
  g_assert_nonnull (label_text (f, "51–60 of 60"));
  g_assert_nonnull (label_text (f, "Page 3 of 3"));

  /* "Next" on the last page leads nowhere. */
  prl_test_press_action_button (GTK_WIDGET (f->page), "pager.next");
  prl_test_iterate (20);
  g_assert_nonnull (label_text (f, "Page 3 of 3"));

  /* 100 rows per page: everything on one page. */
  dropdowns = prl_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdowns->pdata[0]), ==, 0);
  gtk_drop_down_set_selected (dropdowns->pdata[0], 3);
  prl_test_iterate (50);
  big = shown_names (f);
  g_assert_cmpuint (big->len, ==, 60);
  g_assert_nonnull (label_text (f, "Page 1 of 1"));

  prl_test_press_action_button (GTK_WIDGET (f->page), "pager.first");
  gtk_drop_down_set_selected (dropdowns->pdata[0], 1);
  prl_test_iterate (50);
  g_assert_nonnull (label_text (f, "1–50 of 60"));
  g_assert_nonnull (label_text (f, "Page 1 of 2"));
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) newest = NULL;
  g_autoptr (GPtrArray) asc = NULL;
  g_autoptr (GPtrArray) desc = NULL;

  /* Newest first by default, across all pages. */
  newest = shown_names (f);
  g_assert_cmpstr (newest->pdata[0], ==, "model-59");

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);
  asc = shown_names (f);
  g_assert_cmpstr (asc->pdata[0], ==, "model-00");
  g_assert_cmpstr (asc->pdata[1], ==, "model-01");

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_DESCENDING);
  prl_test_iterate (50);
  desc = shown_names (f);
  g_assert_cmpstr (desc->pdata[0], ==, "model-59");
  g_assert_cmpstr (desc->pdata[24], ==, "model-35");
}

/* Names sort as people count: name-2 before name-10, whatever the case. */
static void
test_sort_natural (Fixture *f, gconstpointer data)
{
  const char *names[] = { "name-10", "name-100", "Name-3", "name-2", "name-1" };
  const char *expected[] = { "name-1", "name-2", "Name-3", "name-10", "name-100" };
  g_autoptr (GPtrArray) asc = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (prl_test_create_model (f->workspace, names[i]));
  prl_test_iterate (100);

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);
  asc = shown_names (f);
  g_assert_cmpuint (asc->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (asc->pdata[i], ==, expected[i]);

  g_assert_cmpint (prl_gui_natural_compare ("take-9", "take-10"), <, 0);
  g_assert_cmpint (prl_gui_natural_compare ("b", "A"), >, 0);
  g_assert_cmpint (prl_gui_natural_compare ("a", "a"), ==, 0);
}

static gboolean
job_done (gpointer data)
{
  return !prl_job_is_active (data);
}

static void
import_file (Fixture *f, PrlModel *model, const char *path, PrlDatasetType type)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (PrlImportJob) job
      = prl_workspace_import_files (f->workspace, model, &file, 1, type);

  prl_test_wait_until (job_done, job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
}

static gboolean
best_wer_shown (gpointer data)
{
  Fixture *f = data;

  return prl_test_find_label (GTK_WIDGET (column_view (f)), "Not evaluated") == NULL;
}

/* Once a model is evaluated, the list shows its best WER against the
 * stock model, read from the stored results. */
static void
test_best_wer (Fixture *f, gconstpointer data)
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *wav = g_build_filename (f->dir, "note1.wav", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "note1.txt", NULL);
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  PrlEvaluateJob  *job;
  int              status = 0;

  if (espeak == NULL)
    {
      g_test_skip ("espeak-ng is not installed");
      return;
    }
  model = prl_test_create_model (f->workspace, "evaluated");
  prl_test_iterate (100);
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (column_view (f)), "Not evaluated"));

  {
    const char *argv[]
        = { espeak, "-v", "en-us", "-w", wav, "the weather is cold today", NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_file_set_contents (txt, "the weather is cold today\n", -1, NULL));
  import_file (f, model, wav, PRL_DATASET_TYPE_AUDIO);
  import_file (f, model, txt, PRL_DATASET_TYPE_TEST);

  job = prl_workspace_evaluate_model (f->workspace, model, NULL, FALSE, &error);
  g_assert_no_error (error);
  prl_test_wait_until (job_done, job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);

  prl_test_wait_until (best_wer_shown, f);
  shown = prl_models_page_dup_best_wer (f->page, model);
  g_assert_nonnull (shown);
  g_assert_true (g_str_has_prefix (shown, "Stock only: "));
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (column_view (f)), shown));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GtkEditable *entry = GTK_EDITABLE (
      prl_test_find_first (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_autoptr (GPtrArray) found = NULL;

  gtk_editable_set_text (entry, "MODEL-1");
  prl_test_iterate (400);
  found = shown_names (f);
  g_assert_cmpuint (found->len, ==, 10);
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_str_has_prefix (found->pdata[i], "model-1"));
  g_assert_nonnull (label_text (f, "1–10 of 10"));

  gtk_editable_set_text (entry, "no such model");
  prl_test_iterate (400);
  g_assert_cmpstr (visible_stack_page (f), ==, "no-results");

  gtk_editable_set_text (entry, "");
  prl_test_iterate (400);
  g_assert_cmpstr (visible_stack_page (f), ==, "list");
  g_assert_nonnull (label_text (f, "of 60"));
}

static GtkWidget *
button_for (Fixture *f, const char *button_name, const char *model_name)
{
  g_autoptr (GPtrArray) buttons
      = prl_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, button_name);
  g_autofree char *needle = g_strdup_printf (" %s", model_name);

  /* Each row's buttons sit in the same column-view row as its name label. */
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *row = gtk_widget_get_parent (
          gtk_widget_get_parent (gtk_widget_get_parent (buttons->pdata[i])));

      if (prl_test_find_label (row, model_name) != NULL)
        return buttons->pdata[i];
    }

  return NULL;
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  GtkWidget *button = button_for (f, "delete-button", "model-01");
  GtkWindow *dialog;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Cancel keeps the model. */
  gtk_widget_activate (button);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete “model-01”?");
  prl_test_click_button_labelled (GTK_WIDGET (dialog), "_Cancel");
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  g_assert_nonnull (prl_workspace_find_model (f->workspace, "model-01"));

  gtk_widget_activate (button_for (f, "delete-button", "model-01"));
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  prl_test_click_button_labelled (GTK_WIDGET (dialog), "_Delete");
  prl_test_iterate (300);

  g_assert_null (prl_workspace_find_model (f->workspace, "model-01"));
  g_assert_false (has_name_label (f, "model-01"));
  g_assert_true (has_name_label (f, "model-00"));
}

static void
test_member_cannot_delete (Fixture *f, gconstpointer data)
{
  GtkWidget *button;

  prl_test_set_role (f->workspace, PRL_ROLE_MEMBER);
  prl_test_iterate (50);

  button = button_for (f, "delete-button", "model-00");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "your role"));
  g_assert_nonnull (label_text (f, "Only an Organization Admin or a System Operator"));

  /* Sysops may delete again. */
  prl_test_set_role (f->workspace, PRL_ROLE_SYSOP);
  prl_test_iterate (50);
  g_assert_true (gtk_widget_get_sensitive (button_for (f, "delete-button", "model-00")));
  g_assert_null (label_text (f, "Only an Organization Admin"));
}

static void
edit_requested_cb (PrlModelsPage *page, PrlModel *model, PrlModel **out)
{
  g_set_object (out, model);
}

static void
test_edit_and_live_rename (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) edited = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PrlModel *model = prl_workspace_find_model (f->workspace, "model-02");

  g_signal_connect (f->page, "edit-requested", G_CALLBACK (edit_requested_cb), &edited);
  gtk_widget_activate (button_for (f, "edit-button", "model-02"));
  prl_test_iterate (400);
  g_assert_true (edited == model);

  /* A rename elsewhere shows up in the list without reloading. */
  prl_workspace_rename_model_async (f->workspace, model, "cardiology", NULL, NULL, NULL);
  prl_test_iterate (300);
  g_assert_true (has_name_label (f, "cardiology"));
  g_assert_false (has_name_label (f, "model-02"));
}

static void
test_page_model_clamps (void)
{
  g_autoptr (GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr (PrlPageModel) pages = prl_page_model_new (G_LIST_MODEL (store), 25);

  g_assert_cmpuint (prl_page_model_get_n_pages (pages), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 0);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr (GObject) o = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, o);
    }
  g_assert_cmpuint (prl_page_model_get_n_pages (pages), ==, 3);

  prl_page_model_set_page (pages, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 10);
  prl_page_model_set_page (pages, 99);
  g_assert_cmpuint (prl_page_model_get_page (pages), ==, 2);

  /* Shrinking the source moves back to the last page that exists. */
  g_list_store_splice (store, 20, 40, NULL, 0);
  g_assert_cmpuint (prl_page_model_get_page (pages), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 20);

  /* A new page size keeps the first visible item on screen. */
  prl_page_model_set_page_size (pages, 5);
  prl_page_model_set_page (pages, 3);
  g_assert_cmpuint (prl_page_model_get_offset (pages), ==, 15);
  prl_page_model_set_page_size (pages, 10);
  g_assert_cmpuint (prl_page_model_get_page (pages), ==, 1);
  g_assert_cmpuint (prl_page_model_get_offset (pages), ==, 10);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  g_test_add_func ("/models-page/page-model-clamps", test_page_model_clamps);
  g_test_add ("/models-page/empty-state", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_empty_state, fixture_tear_down);
  g_test_add ("/models-page/columns-and-badges", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_columns_and_badges, fixture_tear_down);
  g_test_add ("/models-page/paginate", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_paginate, fixture_tear_down);
  g_test_add ("/models-page/sort", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_sort, fixture_tear_down);
  g_test_add ("/models-page/sort-natural", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_sort_natural, fixture_tear_down);
  g_test_add ("/models-page/best-wer", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_best_wer, fixture_tear_down);
  g_test_add ("/models-page/search", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_search, fixture_tear_down);
  g_test_add ("/models-page/delete", Fixture, GUINT_TO_POINTER (5), fixture_set_up,
              test_delete, fixture_tear_down);
  g_test_add ("/models-page/member-cannot-delete", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_member_cannot_delete, fixture_tear_down);
  g_test_add ("/models-page/edit-and-live-rename", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_edit_and_live_rename, fixture_tear_down);

  prl_local_register ();

  return g_test_run ();
}
