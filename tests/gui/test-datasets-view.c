/* test-datasets-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-datasets-view.h"
#include "prl-model-details-page.h"
#include "prl-gui-test-util.h"
#include "prl-workspace.h"

/* The datasets list of a model, on a real workspace with datasets
 * imported through the workspace API: columns, sorting, pages, deleting
 * from the row menu, and the test pairs.
 *
 * The split cases (/datasets-view/split/...): the view shows how a
 * manifest is split when the model has no TEST data. The counts come from
 * the stored manifests, read in a thread; the line goes away with TEST
 * data or without a manifest, follows the model shown, and says so when a
 * manifest cannot be read.
 */

typedef struct
{
  char            *dir;    /* (owned): the workspace */
  char            *in_dir; /* (owned): the user's files */
  PrlWorkspace    *workspace;
  PrlModel        *model;
  GtkWindow       *window;
  PrlDatasetsView *view;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "clinic");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 1000);
  f->view = PRL_DATASETS_VIEW (prl_datasets_view_new ());
  g_object_set (f->view, "workspace", f->workspace, "model", f->model, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (200);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_clear_object (&f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  prl_test_rm_rf (f->in_dir);
  g_free (f->dir);
  g_free (f->in_dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (f->view), PRL_TYPE_DATASETS_VIEW, name);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Files and imports */
static GFile *
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_text (Fixture *f, const char *name)
{
  g_autofree char *contents
      = g_strdup_printf ("notes from %s\nthe patient was stable\n", name);

  return write_file (f, name, contents);
}

/* A mono 16-bit PCM WAV of @seconds seconds of silence at 8 kHz. */
static GFile *
write_wav (Fixture *f, const char *name, guint seconds)
{
  g_autofree char   *path = g_build_filename (f->in_dir, name, NULL);
  guint32            rate = 8000;
  guint32            data_len = rate * 2 * seconds;
  g_autofree guint8 *bytes = g_malloc0 (44 + data_len);
  g_autoptr (GError) error = NULL;

  memcpy (bytes, "RIFF", 4);
  *(guint32 *)(bytes + 4) = GUINT32_TO_LE (36 + data_len);
  memcpy (bytes + 8, "WAVEfmt ", 8);
  *(guint32 *)(bytes + 16) = GUINT32_TO_LE (16);
  *(guint16 *)(bytes + 20) = GUINT16_TO_LE (1);
  *(guint16 *)(bytes + 22) = GUINT16_TO_LE (1);
  *(guint32 *)(bytes + 24) = GUINT32_TO_LE (rate);
  *(guint32 *)(bytes + 28) = GUINT32_TO_LE (rate * 2);
  *(guint16 *)(bytes + 32) = GUINT16_TO_LE (2);
  *(guint16 *)(bytes + 34) = GUINT16_TO_LE (16);
  memcpy (bytes + 36, "data", 4);
  *(guint32 *)(bytes + 40) = GUINT32_TO_LE (data_len);

  g_file_set_contents (path, (char *)bytes, 44 + data_len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
import (Fixture *f, GPtrArray *files, PrlDatasetType type)
{
  g_autoptr (PrlImportJob) job = prl_test_import_files (
      f->workspace, f->model, (GFile **)files->pdata, files->len, type);

  prl_test_iterate (50);
}

static void
import_one (Fixture *f, GFile *file, PrlDatasetType type)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, file);
  import (f, files, type);
}

/* Imports @file (consumed) and returns the one dataset it makes. */
static PrlDataset *
import_dataset (Fixture *f, GFile *file, PrlDatasetType type)
{
  g_autoptr (GFile) owned = file;
  g_autoptr (PrlImportJob) job
      = prl_test_import_files (f->workspace, f->model, &owned, 1, type);
  GPtrArray *imported = prl_import_job_get_datasets (job);

  g_assert_cmpuint (imported->len, ==, 1);
  return g_object_ref (g_ptr_array_index (imported, 0));
}

/* A manifest of @ids, whose (empty) audio files exist as the import checks. */
static GFile *
write_manifest (Fixture *f, const char *name, const char *const *ids)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *wav = g_strconcat (ids[i], ".wav", NULL);

      g_object_unref (write_file (f, wav, ""));
      g_string_append_printf (
          s, "{\"audio_filepath\": \"%s\", \"text\": \"words of %s\"}\n", wav, ids[i]);
    }
  return write_file (f, name, s->str);
}

static void
delete_dataset (Fixture *f, PrlDataset *dataset)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_workspace_delete_dataset_async (f->workspace, dataset, NULL, prl_test_result_cb,
                                      &result);
  g_assert_true (prl_workspace_delete_dataset_finish (
      f->workspace, prl_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

/* What the user sees */
static GtkColumnView *
column_view (Fixture *f)
{
  return child (f, "column_view");
}

static GtkColumnViewColumn *
column (Fixture *f, const char *title)
{
  return prl_test_find_column (column_view (f), title);
}

/* The names in the rows the column view shows, top to bottom. */
static GPtrArray *
shown_names (Fixture *f)
{
  return prl_test_dup_shown_names (column_view (f));
}

static gboolean
shows_label (Fixture *f, const char *text)
{
  return prl_test_find_label (GTK_WIDGET (f->view), text) != NULL;
}

/* A label whose tooltip says @needle. */
static GtkWidget *
label_with_tooltip (Fixture *f, const char *needle)
{
  g_autoptr (GPtrArray) labels
      = prl_test_find_all (GTK_WIDGET (f->view), GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (labels->pdata[i]);

      if (tooltip != NULL && strstr (tooltip, needle) != NULL)
        return labels->pdata[i];
    }

  return NULL;
}

/* The row menu button of the row whose Name cell says @name. */
static GtkWidget *
menu_button_for (Fixture *f, const char *name)
{
  g_autoptr (GPtrArray) buttons
      = prl_test_find_all (GTK_WIDGET (f->view), GTK_TYPE_MENU_BUTTON, "row-menu-button");

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (buttons->pdata[i]));

      if (prl_test_find_label (row, name) != NULL)
        return buttons->pdata[i];
    }

  return NULL;
}

static guint
n_datasets (Fixture *f)
{
  return g_list_model_get_n_items (prl_workspace_get_datasets (f->workspace, f->model));
}

/* The split line */
static GtkLabel *
split_label (Fixture *f)
{
  return GTK_LABEL (child (f, "split_label"));
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Expect;

static gboolean
shows_split (gpointer data)
{
  Expect   *e = data;
  GtkLabel *label = split_label (e->f);

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && g_strcmp0 (gtk_label_get_label (label), e->text) == 0;
}

/* Waits for the thread's count to reach the label. */
static void
assert_split_shown (Fixture *f, const char *text)
{
  Expect e = { f, text };

  prl_test_wait_until (shows_split, &e);
  /* A user (and a screen reader) finds it by its text. */
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (f->view), text));
}

static void
assert_split_hidden (Fixture *f)
{
  prl_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (split_label (f))));
}

static gboolean
shows_unreadable (gpointer data)
{
  Fixture  *f = data;
  GtkLabel *label = split_label (f);

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && strstr (gtk_label_get_label (label), "could not be read") != NULL;
}

/* Tests */
static void
test_empty_state (Fixture *f, gconstpointer data)
{
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");
  g_assert_true (shows_label (f, "No datasets yet — drop files here or use Add Dataset"));
  g_assert_cmpstr (gtk_actionable_get_action_name (child (f, "add_button")), ==,
                   "details.add-dataset");
  assert_contains (gtk_label_get_label (child (f, "pairs_label")), "No test pairs yet");
  g_assert_false (gtk_widget_get_visible (child (f, "unpaired_label")));

  import_one (f, write_text (f, "first.txt"), PRL_DATASET_TYPE_AUTO);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "list");
  g_assert_true (shows_label (f, "first.txt"));
}

static void
test_columns_and_sorting (Fixture *f, gconstpointer data)
{
  const char *titles[] = { "Name",   "Type",           "Files", "Duration",
                           "Source", "Import Started", "Added", "Actions" };
  GListModel *columns = gtk_column_view_get_columns (column_view (f));
  g_autoptr (GPtrArray) newest = NULL;
  g_autoptr (GPtrArray) by_name = NULL;
  g_autoptr (GPtrArray) by_name_desc = NULL;
  g_autoptr (GPtrArray) by_duration = NULL;
  g_autoptr (GPtrArray) by_type = NULL;
  g_autoptr (GPtrArray) inscriptions = NULL;
  g_autoptr (PrlDataset) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (c), ==, titles[i]);
      if (i < 7)
        g_assert_nonnull (gtk_column_view_column_get_sorter (c));
    }

  /* One import after another, so their start times differ. */
  import_one (f, write_text (f, "b-notes.txt"), PRL_DATASET_TYPE_AUTO);
  import_one (f, write_wav (f, "long.wav", 3), PRL_DATASET_TYPE_AUTO);
  import_one (f, write_text (f, "a-notes.txt"), PRL_DATASET_TYPE_AUTO);
  import_one (f, write_wav (f, "short.wav", 1), PRL_DATASET_TYPE_AUTO);

  /* Newest first. */
  newest = shown_names (f);
  g_assert_cmpuint (newest->len, ==, 4);
  g_assert_cmpstr (newest->pdata[0], ==, "short.wav");
  g_assert_cmpstr (newest->pdata[3], ==, "b-notes.txt");

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);
  by_name = shown_names (f);
  g_assert_cmpstr (by_name->pdata[0], ==, "a-notes.txt");
  g_assert_cmpstr (by_name->pdata[1], ==, "b-notes.txt");
  g_assert_cmpstr (by_name->pdata[2], ==, "long.wav");

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_DESCENDING);
  prl_test_iterate (50);
  by_name_desc = shown_names (f);
  g_assert_cmpstr (by_name_desc->pdata[0], ==, "short.wav");

  /* Numeric: text (no duration) first, then 1 s, then 3 s. */
  gtk_column_view_sort_by_column (column_view (f), column (f, "Duration"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);
  by_duration = shown_names (f);
  g_assert_cmpstr (by_duration->pdata[2], ==, "short.wav");
  g_assert_cmpstr (by_duration->pdata[3], ==, "long.wav");

  gtk_column_view_sort_by_column (column_view (f), column (f, "Type"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);
  by_type = shown_names (f);
  g_assert_true (g_str_has_suffix (by_type->pdata[0], ".wav"));
  g_assert_true (g_str_has_suffix (by_type->pdata[3], ".txt"));

  /* What the cells say. */
  g_assert_true (shows_label (f, "Audio"));
  g_assert_true (shows_label (f, "Training text"));
  g_assert_true (shows_label (f, "0:00:03"));
  g_assert_true (shows_label (f, "0:00:01"));
  g_assert_true (shows_label (f, "—"));

  /* The Source column names the file the user uploaded, by its path, not
   * the store's internal copy (which the URI is). */
  first = g_list_model_get_item (prl_workspace_get_datasets (f->workspace, f->model), 0);
  g_assert_true (g_str_has_prefix (prl_dataset_get_uri (first), "file://"));
  inscriptions = prl_test_find_all (GTK_WIDGET (f->view), GTK_TYPE_INSCRIPTION, NULL);
  g_assert_cmpuint (inscriptions->len, ==, 4);
  for (guint i = 0; i < inscriptions->len; i++)
    {
      const char      *text = gtk_inscription_get_text (inscriptions->pdata[i]);
      g_autofree char *said = g_strdup_printf ("Uploaded from %s.", text);
      g_autofree char *base = g_path_get_basename (text);

      g_assert_false (g_str_has_prefix (text, "file://"));
      g_assert_true (g_path_is_absolute (text));
      g_assert_true (g_file_test (text, G_FILE_TEST_IS_REGULAR));
      g_assert_true (
          g_strcmp0 (base, "a-notes.txt") == 0 || g_strcmp0 (base, "b-notes.txt") == 0
          || g_strcmp0 (base, "long.wav") == 0 || g_strcmp0 (base, "short.wav") == 0);
      assert_contains (gtk_widget_get_tooltip_text (inscriptions->pdata[i]), said);
    }

  /* Import times, to the second, and what they are. */
  g_assert_nonnull (prl_test_label_containing (GTK_WIDGET (f->view), ":"));
  g_assert_nonnull (
      label_with_tooltip (f, "began copying the dataset’s files into the workspace"));
  g_assert_nonnull (label_with_tooltip (f, "added to the model at"));
}

/* In the model's details page the list sits in the page's scroller: it
 * must still show eight rows above its pager. */
static void
test_eight_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) views = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = prl_model_details_page_new (f->workspace);
  GtkWidget *view;
  GtkWidget *list;
  GtkWidget *scroller;
  guint      n_visible = 0;

  /* Ten datasets: an upload each. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.txt", i);

      import_one (f, write_text (f, name), PRL_DATASET_TYPE_AUTO);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (page), f->model);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (500);

  views = prl_test_find_all (page, PRL_TYPE_DATASETS_VIEW, NULL);
  g_assert_cmpuint (views->len, ==, 1);
  view = views->pdata[0];
  list = GTK_WIDGET (
      gtk_widget_get_template_child (view, PRL_TYPE_DATASETS_VIEW, "column_view"));
  scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.txt", i);
      GtkWidget       *label = prl_test_find_label (view, name);
      graphene_rect_t  bounds;

      if (label != NULL && gtk_widget_get_mapped (label)
          && gtk_widget_compute_bounds (label, scroller, &bounds) && bounds.origin.y >= 0
          && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller))
        n_visible++;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (50);

  if (n_visible < 8)
    g_error ("Only %u rows are visible above the pager", n_visible);
}

static void
test_paginate (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) page1 = NULL;
  g_autoptr (GPtrArray) page2 = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) dropdowns = NULL;

  /* Thirty datasets: an upload each. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.txt", i);

      import_one (f, write_text (f, name), PRL_DATASET_TYPE_AUTO);
    }
  g_assert_cmpuint (n_datasets (f), ==, 30);

  gtk_column_view_sort_by_column (column_view (f), column (f, "Name"),
                                  GTK_SORT_ASCENDING);
  prl_test_iterate (50);

  page1 = shown_names (f);
  g_assert_cmpuint (page1->len, ==, 25);
  g_assert_cmpstr (page1->pdata[0], ==, "part-00.txt");
  g_assert_cmpstr (page1->pdata[24], ==, "part-24.txt");
  g_assert_nonnull (prl_test_label_containing (GTK_WIDGET (f->view), "1–25 of 30"));
  g_assert_nonnull (prl_test_label_containing (GTK_WIDGET (f->view), "Page 1 of 2"));

  prl_test_press_action_button (GTK_WIDGET (f->view), "pager.next");
  page2 = shown_names (f);
  g_assert_cmpuint (page2->len, ==, 5);
  g_assert_cmpstr (page2->pdata[0], ==, "part-25.txt");
  g_assert_nonnull (prl_test_label_containing (GTK_WIDGET (f->view), "26–30 of 30"));
  g_assert_true (shows_label (f, "part-29.txt"));
  g_assert_false (shows_label (f, "part-00.txt"));

  /* 50 per page: all on one. */
  dropdowns = prl_test_find_all (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  prl_test_press_action_button (GTK_WIDGET (f->view), "pager.first");
  gtk_drop_down_set_selected (dropdowns->pdata[0], 1);
  prl_test_iterate (50);
  all = shown_names (f);
  g_assert_cmpuint (all->len, ==, 30);
  g_assert_nonnull (prl_test_label_containing (GTK_WIDGET (f->view), "Page 1 of 1"));
  g_assert_cmpuint (
      prl_page_model_get_page_size (prl_datasets_view_get_page_model (f->view)), ==, 50);
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  GtkWidget *button;
  GtkWindow *dialog;
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (f->view));

  import_one (f, write_text (f, "keep.txt"), PRL_DATASET_TYPE_AUTO);
  import_one (f, write_text (f, "drop.txt"), PRL_DATASET_TYPE_AUTO);
  g_assert_cmpuint (n_datasets (f), ==, 2);

  button = menu_button_for (f, "drop.txt");
  g_assert_nonnull (button);
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));

  /* Cancel keeps it. */
  gtk_widget_activate_action (button, "dataset.delete", NULL);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete “drop.txt”?");
  prl_test_click_button_labelled (GTK_WIDGET (dialog), "_Cancel");
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  g_assert_cmpuint (n_datasets (f), ==, 2);
  g_assert_true (shows_label (f, "drop.txt"));

  /* Delete removes the row and the dataset. */
  gtk_widget_activate_action (menu_button_for (f, "drop.txt"), "dataset.delete", NULL);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  prl_test_click_button_labelled (GTK_WIDGET (dialog), "_Delete");
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  prl_test_iterate (300);

  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_false (shows_label (f, "drop.txt"));
  g_assert_true (shows_label (f, "keep.txt"));
  g_assert_nonnull (prl_test_label_containing (overlay, "Deleted “drop.txt”"));
}

static void
test_test_pairs (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) audio = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (audio, write_wav (f, "a.wav", 1));
  g_ptr_array_add (audio, write_wav (f, "b.wav", 2));
  import (f, audio, PRL_DATASET_TYPE_AUTO);

  g_assert_cmpstr (gtk_label_get_label (child (f, "pairs_label")), ==, "0 test pairs");
  g_assert_true (gtk_widget_get_visible (child (f, "unpaired_label")));
  g_assert_cmpstr (gtk_label_get_label (child (f, "unpaired_label")), ==,
                   "Files without a partner: a.wav, b.wav");

  import_one (f, write_text (f, "a.txt"), PRL_DATASET_TYPE_TEST);
  g_assert_cmpstr (gtk_label_get_label (child (f, "pairs_label")), ==, "1 test pair");
  g_assert_cmpstr (gtk_label_get_label (child (f, "unpaired_label")), ==,
                   "Files without a partner: b.wav");

  import_one (f, write_text (f, "b.txt"), PRL_DATASET_TYPE_TEST);
  g_assert_cmpstr (gtk_label_get_label (child (f, "pairs_label")), ==, "2 test pairs");
  g_assert_false (gtk_widget_get_visible (child (f, "unpaired_label")));
}

static void
test_switch_model (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) other = prl_test_create_model (f->workspace, "other");

  import_one (f, write_text (f, "mine.txt"), PRL_DATASET_TYPE_AUTO);
  g_assert_true (shows_label (f, "mine.txt"));

  /* Another model: its own (empty) list. */
  prl_datasets_view_set_model (f->view, other);
  prl_test_iterate (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");
  g_assert_false (shows_label (f, "mine.txt"));

  prl_datasets_view_set_model (f->view, NULL);
  prl_test_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");

  g_object_set (f->view, "model", f->model, NULL);
  prl_test_iterate (200);
  g_assert_true (shows_label (f, "mine.txt"));
}

/* utt1, utt2, utt3 and utt10 train; utt7, utt9 and a are held out. */
static const char *const first_ids[] = { "utt1", "utt7", "utt2", "utt9", "utt3", NULL };
static const char *const second_ids[] = { "utt10", "a", NULL };

static void
test_split_shown (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlDataset) first = NULL;
  g_autoptr (PrlDataset) second = NULL;
  g_autoptr (PrlDataset) notes = NULL;
  g_autoptr (PrlDataset) test = NULL;

  /* No datasets, then training text only: nothing is split. */
  assert_split_hidden (f);
  notes = import_dataset (f, write_file (f, "notes.txt", "the patient was stable\n"),
                          PRL_DATASET_TYPE_TRANSCRIPT);
  assert_split_hidden (f);

  first = import_dataset (f, write_manifest (f, "first.jsonl", first_ids),
                          PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");
  /* The split line replaces the count of every manifest line as pairs. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (f, "pairs_label"))));

  /* Both manifests count. */
  second = import_dataset (f, write_manifest (f, "second.jsonl", second_ids),
                           PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 4 manifest utterances train the model and 3 are "
                         "held out to test it (a fixed 80/20 split).");

  /* TEST data is the test set instead: no split. */
  test = import_dataset (f, write_file (f, "visit.txt", "the doctor listens\n"),
                         PRL_DATASET_TYPE_TEST);
  assert_split_hidden (f);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (f, "pairs_label"))));

  delete_dataset (f, test);
  assert_split_shown (f, "No TEST data: 4 manifest utterances train the model and 3 are "
                         "held out to test it (a fixed 80/20 split).");

  delete_dataset (f, second);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");

  delete_dataset (f, first);
  assert_split_hidden (f);
}

static void
test_split_switch_model (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) other = prl_test_create_model (f->workspace, "other");
  g_autoptr (PrlDataset) first = NULL;

  first = import_dataset (f, write_manifest (f, "first.jsonl", first_ids),
                          PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");

  /* The other model has no manifest: the line must not linger. */
  prl_datasets_view_set_model (f->view, other);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (split_label (f))));
  assert_split_hidden (f);

  prl_datasets_view_set_model (f->view, NULL);
  assert_split_hidden (f);
  prl_datasets_view_set_workspace (f->view, NULL);
  prl_datasets_view_set_model (f->view, f->model);
  assert_split_hidden (f);

  prl_datasets_view_set_workspace (f->view, f->workspace);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");
}

static void
test_split_unreadable (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlDataset) first = NULL;
  g_autoptr (PrlDataset) notes = NULL;
  g_autofree char *blob = NULL;

  first = import_dataset (f, write_manifest (f, "first.jsonl", first_ids),
                          PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");

  /* The stored copy vanishes behind Parlance's back; the next count says
   * so, naming the manifest, instead of showing wrong numbers. */
  blob = prl_blob_store_get_path (
      prl_store_get_blob_store (prl_workspace_get_store (f->workspace)),
      prl_dataset_get_sha256 (first), prl_dataset_get_encrypted (first));
  g_assert_cmpint (g_remove (blob), ==, 0);
  notes = import_dataset (f, write_file (f, "notes.txt", "the patient was stable\n"),
                          PRL_DATASET_TYPE_TRANSCRIPT);
  prl_test_wait_until (shows_unreadable, f);
  g_assert_nonnull (strstr (gtk_label_get_label (split_label (f)), "first.jsonl"));
}

/* An upload of several files is one row: its name, how many files (a
 * button that lists them), the audio's total length and the folder they
 * came from; deleting it deletes every file. */
static void
test_dataset_of_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) buttons = NULL;
  g_autoptr (GPtrArray) inscriptions = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *source = NULL;
  GtkPopover      *popover;
  GtkWidget       *button = NULL;
  GtkWindow       *dialog;

  g_ptr_array_add (files, write_wav (f, "clinic1.wav", 1));
  g_ptr_array_add (files, write_wav (f, "clinic2.wav", 2));
  g_ptr_array_add (files, write_text (f, "clinic1.txt"));
  g_ptr_array_add (files, write_text (f, "clinic2.txt"));
  folder = g_file_get_path (files->pdata[0]);
  *strrchr (folder, '/') = '\0';
  import (f, files, PRL_DATASET_TYPE_TEST);
  import_one (f, write_text (f, "notes.txt"), PRL_DATASET_TYPE_AUTO);
  g_assert_cmpuint (n_datasets (f), ==, 5);

  /* Two rows, not five. */
  names = shown_names (f);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (shows_label (f, "clinic"));
  g_assert_true (shows_label (f, "Test audio and transcripts"));
  g_assert_true (shows_label (f, "0:00:03"));
  source = g_strdup_printf ("%s (4 files)", folder);
  inscriptions = prl_test_find_all (GTK_WIDGET (f->view), GTK_TYPE_INSCRIPTION, NULL);
  g_assert_cmpuint (inscriptions->len, ==, 2);
  g_assert_true (
      g_strcmp0 (gtk_inscription_get_text (inscriptions->pdata[0]), source) == 0
      || g_strcmp0 (gtk_inscription_get_text (inscriptions->pdata[1]), source) == 0);

  /* The Files button lists them. */
  buttons
      = prl_test_find_all (GTK_WIDGET (f->view), GTK_TYPE_MENU_BUTTON, "files-button");
  g_assert_cmpuint (buttons->len, ==, 2);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_label (buttons->pdata[i]), "4 files") == 0)
      button = buttons->pdata[i];
  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  prl_test_iterate (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *wav = g_strdup_printf ("clinic%u.wav", i);
      g_autofree char *txt = g_strdup_printf ("clinic%u.txt", i);

      g_assert_nonnull (prl_test_find_label (GTK_WIDGET (popover), wav));
      g_assert_nonnull (prl_test_find_label (GTK_WIDGET (popover), txt));
    }
  g_assert_nonnull (prl_test_label_containing (GTK_WIDGET (popover), folder));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* Deleting the dataset deletes its four files. */
  gtk_widget_activate_action (menu_button_for (f, "clinic"), "dataset.delete", NULL);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete “clinic”?");
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                   "stored copies of this dataset’s files");
  prl_test_click_button_labelled (GTK_WIDGET (dialog), "_Delete");
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  prl_test_iterate (300);
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_false (shows_label (f, "clinic"));
  g_assert_true (shows_label (f, "notes.txt"));
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/datasets-view/empty-state", test_empty_state);
  ADD ("/datasets-view/columns-and-sorting", test_columns_and_sorting);
  ADD ("/datasets-view/eight-rows", test_eight_rows);
  ADD ("/datasets-view/paginate", test_paginate);
  ADD ("/datasets-view/delete", test_delete);
  ADD ("/datasets-view/dataset-of-files", test_dataset_of_files);
  ADD ("/datasets-view/test-pairs", test_test_pairs);
  ADD ("/datasets-view/switch-model", test_switch_model);
  ADD ("/datasets-view/split/shown", test_split_shown);
  ADD ("/datasets-view/split/switch-model", test_split_switch_model);
  ADD ("/datasets-view/split/unreadable", test_split_unreadable);
#undef ADD

  return g_test_run ();
}
