/* test-new-dataset-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-gui-test-util.h"
#include "prl-new-dataset-dialog.h"
#include "prl-workspace.h"

/* The New Dataset dialog on a real workspace, with real files written to
 * a temporary folder: what each file shows after its checks, when Create
 * is allowed, the import with its progress, cancelling it, and the
 * report.
 */

typedef struct
{
  char         *dir;    /* (owned): the workspace */
  char         *in_dir; /* (owned): the user's files */
  PrlWorkspace *workspace;
  PrlModel     *model;
  GtkWidget    *dialog; /* (owned) */
  guint         n_added_signals;
  guint         n_added;
  guint         n_added_files;
} Fixture;

static void
datasets_added_cb (PrlNewDatasetDialog *dialog, guint n, guint n_files, Fixture *f)
{
  f->n_added_signals++;
  f->n_added = n;
  f->n_added_files = n_files;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "clinic");
  /* The model's datasets load in the background; start now, so the list
   * is live before anything is imported. */
  prl_workspace_get_datasets (f->workspace, f->model);

  f->dialog = g_object_ref (prl_new_dataset_dialog_new (f->workspace, f->model));
  g_signal_connect (f->dialog, "datasets-added", G_CALLBACK (datasets_added_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  prl_test_iterate (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GtkWidget *dialog = g_steal_pointer (&f->dialog);

  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_iterate (50);
  g_assert_finalize_object (dialog);

  /* Let running jobs finish before the workspace goes. */
  while (prl_job_manager_get_has_active (prl_workspace_get_job_manager (f->workspace)))
    g_main_context_iteration (NULL, TRUE);
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
  return prl_test_template_child (f->dialog, PRL_TYPE_NEW_DATASET_DIALOG, name);
}

static PrlNewDatasetDialog *
dialog (Fixture *f)
{
  return PRL_NEW_DATASET_DIALOG (f->dialog);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Files */
static GFile *
write_file (Fixture *f, const char *name, const char *contents, gssize len)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
good_text (Fixture *f, const char *name)
{
  return write_file (f, name,
                     "the patient was given ten milligrams of morphine\n"
                     "the dose was increased after the second day\n"
                     "no adverse reactions were reported\n",
                     -1);
}

/* HTML markup starting on line 3, column 5. */
static GFile *
markup_text (Fixture *f)
{
  return write_file (f, "markup.txt",
                     "the patient was stable\n"
                     "the dose was increased\n"
                     "and <b>then</b> discharged\n",
                     -1);
}

static GFile *
latin1_text (Fixture *f)
{
  return write_file (f, "latin1.txt", "the patient drank caf\xe9 au lait\n", -1);
}

static GFile *
good_manifest (Fixture *f)
{
  return write_file (f, "notes.jsonl",
                     "{\"audio_filepath\": \"a.wav\", \"text\": \"hello there\", "
                     "\"duration\": 1.0}\n",
                     -1);
}

/* A mono 16-bit PCM WAV of @seconds of silence at @rate Hz, written
 * without any tool.
 */
static GFile *
write_wav (Fixture *f, const char *name, guint rate, guint seconds)
{
  g_autofree char   *path = g_build_filename (f->in_dir, name, NULL);
  guint32            data_len = rate * 2 * seconds;
  guint8             header[44];
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  FILE              *fp;

  memcpy (header, "RIFF", 4);
  *(guint32 *)(header + 4) = GUINT32_TO_LE (36 + data_len);
  memcpy (header + 8, "WAVEfmt ", 8);
  *(guint32 *)(header + 16) = GUINT32_TO_LE (16);
  *(guint16 *)(header + 20) = GUINT16_TO_LE (1);
  *(guint16 *)(header + 22) = GUINT16_TO_LE (1);
  *(guint32 *)(header + 24) = GUINT32_TO_LE (rate);
  *(guint32 *)(header + 28) = GUINT32_TO_LE (rate * 2);
  *(guint16 *)(header + 32) = GUINT16_TO_LE (2);
  *(guint16 *)(header + 34) = GUINT16_TO_LE (16);
  memcpy (header + 36, "data", 4);
  *(guint32 *)(header + 40) = GUINT32_TO_LE (data_len);

  fp = fopen (path, "wb");
  g_assert_nonnull (fp);
  g_assert_cmpuint (fwrite (header, 1, sizeof header, fp), ==, sizeof header);
  for (guint32 left = data_len; left > 0;)
    {
      guint32 n = MIN (left, 1024 * 1024);

      g_assert_cmpuint (fwrite (zeros, 1, n, fp), ==, n);
      left -= n;
    }
  g_assert_cmpint (fclose (fp), ==, 0);

  return g_file_new_for_path (path);
}

static void
add (Fixture *f, GFile *file)
{
  prl_new_dataset_dialog_add_files (dialog (f), &file, 1);
  g_object_unref (file);
}

/* What the user sees */
static gboolean
checking (Fixture *f)
{
  return gtk_widget_get_visible (child (f, "checking_spinner"));
}

static gboolean
not_checking (gpointer data)
{
  return !checking (data);
}

static void
wait_checked (Fixture *f)
{
  prl_test_wait_until (not_checking, f);
  prl_test_iterate (50);
}

static gboolean
create_enabled (Fixture *f)
{
  return gtk_widget_get_sensitive (child (f, "create_button"));
}

static const char *
error_message (Fixture *f)
{
  if (!gtk_revealer_get_reveal_child (child (f, "error_revealer")))
    return NULL;
  return gtk_label_get_label (child (f, "error_label"));
}

/* The row listing the file called @name. */
static GtkWidget *
file_row (Fixture *f, const char *name)
{
  GtkWidget *list = child (f, "files_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return row;

  return NULL;
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "files_list")); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

static const char *
row_subtitle (GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static const char *
row_status (GtkWidget *row)
{
  GtkWidget *label = prl_test_find_named (row, GTK_TYPE_LABEL, "status-label");
  GtkWidget *icon = prl_test_find_named (row, GTK_TYPE_IMAGE, "status-icon");

  g_assert_nonnull (label);
  g_assert_nonnull (icon);
  /* The icon says the same thing to those who cannot see it. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==,
                   gtk_label_get_label (GTK_LABEL (label)));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The icon is drawn from the theme, not a stand-in that reads as a
 * missing glyph (Adwaita's question mark in a diamond looks like one). */
static void
assert_icon_in_theme (GtkWidget *image)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (image));
  const char   *name;

  g_assert_nonnull (image);
  g_assert_cmpint (gtk_image_get_storage_type (GTK_IMAGE (image)), ==,
                   GTK_IMAGE_ICON_NAME);
  name = gtk_image_get_icon_name (GTK_IMAGE (image));
  if (!gtk_icon_theme_has_icon (theme, name))
    g_error ("“%s” is not in the “%s” icon theme", name,
             gtk_icon_theme_get_theme_name (theme));
  g_assert_cmpstr (name, !=, "dialog-question-symbolic");
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  /* A button's "clicked" comes after its activation animation. */
  prl_test_iterate (400);
}

static guint
n_datasets (Fixture *f)
{
  return g_list_model_get_n_items (prl_workspace_get_datasets (f->workspace, f->model));
}

static guint
count_files (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint       n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *sub = g_build_filename (path, name, NULL);

      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        n += count_files (sub);
      else
        n++;
    }

  return n;
}

/* Tests */
static void
test_defaults (Fixture *f, gconstpointer data)
{
  AdwComboRow *type_row = child (f, "type_row");
  GListModel  *types = adw_combo_row_get_model (type_row);

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->dialog)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "New Dataset");
  g_assert_cmpuint (g_list_model_get_n_items (types), ==, 6);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (types), 0), ==,
                   "Auto-detect");
  g_assert_cmpuint (adw_combo_row_get_selected (type_row), ==, 0);
  g_assert_cmpint (prl_new_dataset_dialog_get_dataset_type (dialog (f)), ==,
                   PRL_DATASET_TYPE_AUTO);

  /* The drop area offers the file chooser too. */
  g_assert_true (gtk_widget_has_css_class (child (f, "drop_area"), "card"));
  g_assert_cmpstr (gtk_label_get_label (child (f, "drop_label")), ==, "Drop files here");
  g_assert_cmpstr (gtk_actionable_get_action_name (child (f, "choose_button")), ==,
                   "dialog.choose-files");
  g_assert_true (gtk_widget_get_sensitive (child (f, "choose_button")));

  /* Nothing chosen: nothing to create, no list, no complaint. */
  g_assert_false (create_enabled (f));
  g_assert_false (gtk_widget_get_visible (child (f, "files_group")));
  g_assert_null (error_message (f));
  g_assert_false (gtk_widget_get_sensitive (child (f, "report_button")));
}

static void
test_detected_types (Fixture *f, gconstpointer data)
{
  GFile     *text = good_text (f, "notes.txt");
  GFile     *wav = write_wav (f, "call.wav", 8000, 2);
  GtkWidget *row;

  add (f, g_object_ref (text));
  /* The check runs in the background. */
  g_assert_true (checking (f));
  g_assert_false (create_enabled (f));
  g_assert_true (gtk_widget_get_visible (child (f, "checking_label")));
  wait_checked (f);

  row = file_row (f, "notes.txt");
  g_assert_nonnull (row);
  assert_contains (row_subtitle (row), "Training text");
  assert_contains (row_subtitle (row), "3 lines");
  g_assert_cmpstr (row_status (row), ==, "OK");
  g_assert_true (create_enabled (f));
  g_assert_true (gtk_widget_get_sensitive (child (f, "report_button")));

  /* Audio alone is a batch of its own type. */
  prl_new_dataset_dialog_remove_file (dialog (f), 0);
  add (f, g_object_ref (wav));
  wait_checked (f);
  row = file_row (f, "call.wav");
  g_assert_nonnull (row);
  assert_contains (row_subtitle (row), "Audio");
  assert_contains (row_subtitle (row), "0:02");
  assert_contains (row_subtitle (row), "8000 Hz");
  assert_contains (row_subtitle (row), "mono");
  g_assert_cmpstr (row_status (row), ==, "OK");
  g_assert_true (create_enabled (f));

  /* The same file twice is listed once. */
  add (f, g_object_ref (wav));
  wait_checked (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_cmpuint (prl_new_dataset_dialog_get_n_files (dialog (f)), ==, 1);

  g_object_unref (text);
  g_object_unref (wav);
}

static gboolean
has_position_label (GtkWidget *root, const char *text)
{
  GtkWidget *label = prl_test_find_named (root, GTK_TYPE_LABEL, "issue-position");

  return label != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) == 0;
}

static void
test_bad_file (Fixture *f, gconstpointer data)
{
  GtkWidget *row;
  GtkWidget *issue;

  add (f, good_text (f, "good.txt"));
  add (f, markup_text (f));
  wait_checked (f);

  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_cmpstr (row_status (file_row (f, "good.txt")), ==, "OK");

  row = file_row (f, "markup.txt");
  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (row_status (row), ==, "1 error");
  /* Its problems are shown at once, with where they are and what to do. */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  issue = prl_test_find_named (row, ADW_TYPE_ACTION_ROW, "issue-row");
  g_assert_nonnull (issue);
  g_assert_true (has_position_label (issue, "3:5"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (issue)), !=, "");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (issue)), !=, "");

  /* A failing file holds everything back. */
  g_assert_false (create_enabled (f));
  gtk_widget_activate_action (f->dialog, "dialog.create", NULL);
  prl_test_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "files");

  /* Removing it, with its own button, lets the rest through. */
  click (prl_test_find_named (row, GTK_TYPE_BUTTON, "remove-button"));
  wait_checked (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_null (file_row (f, "markup.txt"));
  g_assert_true (create_enabled (f));
}

static void
test_not_utf8 (Fixture *f, gconstpointer data)
{
  GtkWidget *row;

  add (f, latin1_text (f));
  wait_checked (f);

  row = file_row (f, "latin1.txt");
  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  assert_contains (row_status (row), "error");
  g_assert_nonnull (prl_test_find_named (row, ADW_TYPE_ACTION_ROW, "issue-row"));
  g_assert_false (create_enabled (f));
}

static void
test_too_many (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.txt", i);

      g_ptr_array_add (files, good_text (f, name));
    }

  prl_new_dataset_dialog_add_files (dialog (f), (GFile **)files->pdata, files->len);
  wait_checked (f);

  /* Nothing is dropped silently: all eleven stay listed, with a message. */
  g_assert_cmpuint (n_rows (f), ==, 11);
  assert_contains (error_message (f), "11 files were chosen");
  assert_contains (error_message (f), "at most 10");
  /* And what to do. */
  assert_contains (error_message (f), "add the rest as another dataset");
  g_assert_false (create_enabled (f));

  prl_new_dataset_dialog_remove_file (dialog (f), 10);
  wait_checked (f);
  g_assert_cmpuint (n_rows (f), ==, 10);
  g_assert_null (error_message (f));
  g_assert_true (create_enabled (f));
}

static void
test_mixed_types (Fixture *f, gconstpointer data)
{
  add (f, good_manifest (f));
  add (f, good_text (f, "notes.txt"));
  wait_checked (f);

  /* The workspace refuses the batch; the dialog says why and keeps both. */
  g_assert_nonnull (error_message (f));
  g_assert_cmpstr (error_message (f), !=, "");
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_false (create_enabled (f));
  g_assert_cmpstr (row_status (file_row (f, "notes.txt")), ==, "Not checked");
  assert_icon_in_theme (
      prl_test_find_named (file_row (f, "notes.txt"), GTK_TYPE_IMAGE, "status-icon"));

  /* Leaving one out is enough. */
  prl_new_dataset_dialog_remove_file (dialog (f), 0);
  wait_checked (f);
  g_assert_null (error_message (f));
  g_assert_true (create_enabled (f));
}

static void
test_type_override (Fixture *f, gconstpointer data)
{
  add (f, good_text (f, "notes.txt"));
  wait_checked (f);
  assert_contains (row_subtitle (file_row (f, "notes.txt")), "Training text");

  /* Choosing a type checks again, as that type. */
  adw_combo_row_set_selected (child (f, "type_row"), PRL_DATASET_TYPE_TEST);
  g_assert_true (checking (f));
  g_assert_false (create_enabled (f));
  wait_checked (f);
  g_assert_cmpint (prl_new_dataset_dialog_get_dataset_type (dialog (f)), ==,
                   PRL_DATASET_TYPE_TEST);
  assert_contains (row_subtitle (file_row (f, "notes.txt")), "Test transcript");
  g_assert_true (create_enabled (f));

  prl_new_dataset_dialog_set_dataset_type (dialog (f), PRL_DATASET_TYPE_TUNING);
  wait_checked (f);
  assert_contains (row_subtitle (file_row (f, "notes.txt")), "Tuning text");
}

static void
test_import (Fixture *f, gconstpointer data)
{
  GListModel *datasets;
  g_autoptr (PrlDataset) dataset = NULL;

  add (f, good_text (f, "notes.txt"));
  add (f, good_text (f, "more-notes.txt"));
  wait_checked (f);
  g_assert_true (create_enabled (f));
  g_assert_cmpuint (n_datasets (f), ==, 0);

  click (child (f, "create_button"));

  /* Stored: reported (one dataset of two files), and the dialog is gone. */
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_added, ==, 1);
  g_assert_cmpuint (f->n_added_files, ==, 2);
  g_assert_false (gtk_widget_get_visible (f->dialog));

  datasets = prl_workspace_get_datasets (f->workspace, f->model);
  g_assert_cmpuint (g_list_model_get_n_items (datasets), ==, 2);
  dataset = g_list_model_get_item (datasets, 0);
  g_assert_cmpint (prl_dataset_get_dataset_type (dataset), ==,
                   PRL_DATASET_TYPE_TRANSCRIPT);
  g_assert_true (g_str_has_suffix (prl_dataset_get_name (dataset), "notes.txt"));
}

static void
test_progress_shown (Fixture *f, gconstpointer data)
{
  add (f, write_wav (f, "long.wav", 8000, 600));
  wait_checked (f);
  g_assert_true (create_enabled (f));

  gtk_widget_activate_action (f->dialog, "dialog.create", NULL);

  /* The progress page replaces the form until the job ends. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "progress");
  assert_contains (gtk_label_get_label (child (f, "progress_title")), "“clinic”");
  g_assert_true (gtk_widget_get_sensitive (child (f, "cancel_import_button")));
  g_assert_false (create_enabled (f));

  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_datasets (f), ==, 1);
}

static void
cancel_on_copy_cb (PrlJob *job, GParamSpec *pspec, Fixture *f)
{
  if (prl_job_get_progress (job) > 0 && prl_job_get_progress (job) < 1)
    {
      g_signal_handlers_disconnect_by_func (job, cancel_on_copy_cb, f);
      /* As the user does: the Cancel Import button's action. */
      gtk_widget_activate_action (f->dialog, "dialog.cancel-import", NULL);
    }
}

static gboolean
back_on_files (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (child (f, "stack")), "files") == 0;
}

static void
job_added_cb (GListModel *jobs, guint position, guint removed, guint added, Fixture *f)
{
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, position + i);

      g_signal_connect (job, "notify::progress", G_CALLBACK (cancel_on_copy_cb), f);
    }
}

/* The import either went back to the files after the cancel, or ended
 * before the main context heard of any progress (see below). */
static gboolean
cancelled_or_imported (gpointer data)
{
  Fixture *f = data;

  return back_on_files (f) || f->n_added_signals > 0;
}

static void
test_cancel_during_copy (Fixture *f, gconstpointer data)
{
  PrlJobManager   *jobs = prl_workspace_get_job_manager (f->workspace);
  g_autofree char *blobs = g_build_filename (f->dir, "blobs", NULL);

  /* About 200 MB of audio: long enough to be cancelled while it is copied. */
  add (f, write_wav (f, "big.wav", 8000, 12500));
  wait_checked (f);
  g_assert_true (create_enabled (f));

  g_signal_connect (jobs, "items-changed", G_CALLBACK (job_added_cb), f);
  click (child (f, "create_button"));
  prl_test_wait_until (cancelled_or_imported, f);
  g_signal_handlers_disconnect_by_func (jobs, job_added_cb, f);

  /* A job hands the main context only its latest progress: on a loaded
   * machine the worker can copy all 200 MB before the main context runs,
   * so the first progress it sees is the end, and there is nothing left
   * to cancel. That says nothing about cancelling: skip, do not fail. */
  if (f->n_added_signals > 0)
    {
      g_test_skip ("the copy ended before the main context saw any progress");
      return;
    }

  /* Nothing stored, nothing lost, and the user is told. */
  g_assert_cmpuint (f->n_added_signals, ==, 0);
  assert_contains (error_message (f), "cancelled");
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_nonnull (file_row (f, "big.wav"));
  g_assert_true (create_enabled (f));
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpuint (count_files (blobs), ==, 0);
}

static void
test_cancel_at_once (Fixture *f, gconstpointer data)
{
  g_autofree char *blobs = g_build_filename (f->dir, "blobs", NULL);
  g_autoptr (PrlWorkspace) reopened = NULL;
  g_autoptr (PrlModel) model = NULL;

  add (f, good_text (f, "notes.txt"));
  wait_checked (f);

  /* Create, then the header's Cancel at once: it stops the import and
   * keeps the dialog. */
  gtk_widget_activate_action (f->dialog, "dialog.create", NULL);
  gtk_widget_activate_action (f->dialog, "dialog.cancel", NULL);
  prl_test_wait_until (back_on_files, f);

  g_assert_true (gtk_widget_get_visible (f->dialog));
  assert_contains (error_message (f), "cancelled");
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpuint (count_files (blobs), ==, 0);

  /* Nothing on disk either. */
  reopened = prl_test_open_workspace (f->dir);
  model = g_object_ref (prl_workspace_find_model (reopened, "clinic"));
  g_assert_cmpuint (
      g_list_model_get_n_items (prl_workspace_get_datasets (reopened, model)), ==, 0);
  prl_test_iterate (300);
  g_assert_cmpuint (
      g_list_model_get_n_items (prl_workspace_get_datasets (reopened, model)), ==, 0);

  /* Trying again works. */
  click (child (f, "create_button"));
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_datasets (f), ==, 1);
}

static void
test_close_during_import (Fixture *f, gconstpointer data)
{
  PrlJobManager   *jobs = prl_workspace_get_job_manager (f->workspace);
  g_autofree char *blobs = g_build_filename (f->dir, "blobs", NULL);

  add (f, good_text (f, "notes.txt"));
  wait_checked (f);
  gtk_widget_activate_action (f->dialog, "dialog.create", NULL);

  /* Closing the window abandons the import: nothing is stored. */
  gtk_window_close (GTK_WINDOW (f->dialog));
  while (prl_job_manager_get_has_active (jobs))
    g_main_context_iteration (NULL, TRUE);
  prl_test_iterate (100);

  g_assert_false (gtk_widget_get_visible (f->dialog));
  g_assert_cmpuint (f->n_added_signals, ==, 0);
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpuint (count_files (blobs), ==, 0);
}

static gboolean
report_status_shown (gpointer data)
{
  GtkWidget *window = data;
  GtkWidget *label = prl_test_find_named (window, GTK_TYPE_LABEL, "report-status");

  return label != NULL && gtk_widget_get_visible (label);
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->in_dir, "report.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) bad = g_file_new_for_path ("/nonexistent-folder/report.txt");
  g_autofree char *saved = NULL;
  g_autofree char *shown = NULL;
  GtkWidget       *window;
  GtkWidget       *view;
  GtkWidget       *status;
  GtkTextBuffer   *buffer;
  GtkTextIter      start, end;

  add (f, good_text (f, "good.txt"));
  add (f, markup_text (f));
  wait_checked (f);

  g_assert_null (prl_test_find_window_titled ("Check Report"));
  gtk_widget_activate_action (f->dialog, "dialog.view-report", NULL);
  prl_test_iterate (100);
  window = prl_test_find_window_titled ("Check Report");
  g_assert_nonnull (window);
  /* Asking again raises the same window. */
  g_assert_true (prl_new_dataset_dialog_show_report (dialog (f)) == window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Check Report");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window))
                 == GTK_WINDOW (f->dialog));

  /* Read-only text holding every file and every issue. */
  view = prl_test_find_named (window, GTK_TYPE_TEXT_VIEW, "report-view");
  g_assert_nonnull (view);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  assert_contains (shown, "good.txt");
  assert_contains (shown, "markup.txt:3:5");
  g_assert_nonnull (prl_test_find_named (window, GTK_TYPE_BUTTON, "save-button"));

  /* Saved as shown. */
  prl_new_dataset_dialog_save_report (dialog (f), file);
  prl_test_wait_until (report_status_shown, window);
  status = prl_test_find_named (window, GTK_TYPE_LABEL, "report-status");
  assert_contains (gtk_label_get_label (GTK_LABEL (status)), "Saved to");
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, shown);
  assert_contains (saved, "markup.txt:3:5");

  /* A folder that does not exist: the reason, in the window. */
  gtk_widget_set_visible (status, FALSE);
  prl_new_dataset_dialog_save_report (dialog (f), bad);
  prl_test_wait_until (report_status_shown, window);
  assert_contains (gtk_label_get_label (GTK_LABEL (status)), "Could not save the report");
  g_assert_true (gtk_widget_has_css_class (status, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (50);
}

/* The type a row's drop-down shows, or AUTO without one. */
static PrlDatasetType
row_type (GtkWidget *row)
{
  GtkWidget *dropdown = prl_test_find_named (row, GTK_TYPE_DROP_DOWN, "type-dropdown");
  guint      selected;

  g_assert_nonnull (dropdown);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  if (selected == GTK_INVALID_LIST_POSITION)
    return PRL_DATASET_TYPE_AUTO;
  /* The drop-down lists the types after AUTO, in order. */
  return (PrlDatasetType)(selected + PRL_DATASET_TYPE_TRANSCRIPT);
}

static PrlDataset *
stored_dataset (Fixture *f, const char *name)
{
  GListModel *list = prl_workspace_get_datasets (f->workspace, f->model);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (list, i);

      if (g_strcmp0 (prl_dataset_get_name (dataset), name) == 0)
        return dataset;
    }

  return NULL;
}

/* The sample's four recordings with their transcripts, then its
 * training text, into @files. */
static void
add_sample_files (Fixture *f, GPtrArray *files)
{
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *wav = g_strdup_printf ("clinic%u.wav", i);
      g_autofree char *txt = g_strdup_printf ("clinic%u.txt", i);

      g_ptr_array_add (files, write_wav (f, wav, 22050, 1));
      g_ptr_array_add (files, write_file (f, txt, "the patient is stable\n", -1));
    }
  g_ptr_array_add (files, good_text (f, "training.txt"));
}

/* The natural first try with the sample: its recordings, their transcripts,
 * training and tuning text, all chosen at once and left on Auto-detect. */
static void
test_sample_first_try (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  static const struct
  {
    const char    *name;
    PrlDatasetType type;
    const char    *label;
  } expected[] = {
    { "clinic1.wav", PRL_DATASET_TYPE_AUDIO, "Audio" },
    { "clinic1.txt", PRL_DATASET_TYPE_TEST, "Test transcript" },
    { "clinic2.wav", PRL_DATASET_TYPE_AUDIO, "Audio" },
    { "clinic2.txt", PRL_DATASET_TYPE_TEST, "Test transcript" },
    { "clinic3.wav", PRL_DATASET_TYPE_AUDIO, "Audio" },
    { "clinic3.txt", PRL_DATASET_TYPE_TEST, "Test transcript" },
    { "clinic4.wav", PRL_DATASET_TYPE_AUDIO, "Audio" },
    { "clinic4.txt", PRL_DATASET_TYPE_TEST, "Test transcript" },
    { "training.txt", PRL_DATASET_TYPE_TRANSCRIPT, "Training text" },
    { "tuning.txt", PRL_DATASET_TYPE_TUNING, "Tuning text" },
  };

  add_sample_files (f, files);
  g_ptr_array_add (files,
                   write_file (f, "tuning.txt", "the dose was halved today\n", -1));
  prl_new_dataset_dialog_add_files (dialog (f), (GFile **)files->pdata, files->len);
  wait_checked (f);

  /* Accepted, each file with its own type, shown and changeable. */
  g_assert_null (error_message (f));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *row = file_row (f, expected[i].name);

      g_assert_nonnull (row);
      assert_contains (row_subtitle (row), expected[i].label);
      g_assert_cmpint (row_type (row), ==, expected[i].type);
      g_assert_cmpint (prl_new_dataset_dialog_get_file_type (dialog (f), i), ==,
                       expected[i].type);
      /* The recordings warn that they suit the other base model. */
      g_assert_true (g_str_has_prefix (row_status (row), "OK"));
    }
  g_assert_true (create_enabled (f));

  /* Split into one dataset per kind: the test pairs, the training text
   * and the tuning text, each file with its own type. */
  click (child (f, "create_button"));
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_added, ==, 3);
  g_assert_cmpuint (f->n_added_files, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PrlDataset *dataset = stored_dataset (f, expected[i].name);

      g_assert_nonnull (dataset);
      g_assert_cmpint (prl_dataset_get_dataset_type (dataset), ==, expected[i].type);
      g_assert_cmpstr (prl_dataset_get_group_name (dataset), ==,
                       i < 8 ? "clinic" : expected[i].name);
    }
}

/* The name row of each dataset the upload will make. */
static GPtrArray *
name_rows (Fixture *f)
{
  return prl_test_find_all (child (f, "names_group"), ADW_TYPE_ENTRY_ROW, NULL);
}

static AdwEntryRow *
name_row (Fixture *f, const char *title_part)
{
  g_autoptr (GPtrArray) rows = name_rows (f);

  for (guint i = 0; i < rows->len; i++)
    if (strstr (adw_preferences_row_get_title (rows->pdata[i]), title_part) != NULL)
      return rows->pdata[i];
  return NULL;
}

/* The sample's recordings with their transcripts and the training text,
 * dropped at once: two datasets, named after their files, each name
 * editable; a name must be given and must be new in the model. */
static void
test_sample_makes_two_datasets (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  AdwEntryRow *test_row, *training_row;

  add_sample_files (f, files);
  prl_new_dataset_dialog_add_files (dialog (f), (GFile **)files->pdata, files->len);
  wait_checked (f);

  rows = name_rows (f);
  g_assert_cmpuint (rows->len, ==, 2);
  test_row = name_row (f, "Test audio and transcripts (8 files)");
  training_row = name_row (f, "Training text (1 file)");
  g_assert_nonnull (test_row);
  g_assert_nonnull (training_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (test_row)), ==, "clinic");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (training_row)), ==,
                   "training.txt");
  g_assert_true (create_enabled (f));

  /* Not empty, and not twice. */
  gtk_editable_set_text (GTK_EDITABLE (test_row), "  ");
  prl_test_iterate (20);
  g_assert_false (create_enabled (f));
  assert_contains (error_message (f), "Each dataset needs a name");
  gtk_editable_set_text (GTK_EDITABLE (test_row), "Training.txt");
  prl_test_iterate (20);
  g_assert_false (create_enabled (f));
  assert_contains (error_message (f), "Give each its own name");
  gtk_editable_set_text (GTK_EDITABLE (test_row), "Clinic recordings");
  prl_test_iterate (20);
  g_assert_true (create_enabled (f));

  click (child (f, "create_button"));
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_added, ==, 2);
  g_assert_cmpuint (f->n_added_files, ==, 9);
  groups
      = prl_dataset_group_collect (prl_workspace_get_datasets (f->workspace, f->model));
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (prl_dataset_group_get_name (groups->pdata[0]), ==,
                   "Clinic recordings");
  g_assert_cmpuint (prl_dataset_group_get_n_files (groups->pdata[0]), ==, 8);
  g_assert_cmpstr (prl_dataset_group_get_name (groups->pdata[1]), ==, "training.txt");
}

/* A name the model has already is refused before anything is copied. */
static void
test_name_taken (Fixture *f, gconstpointer data)
{
  add (f, good_text (f, "notes.txt"));
  wait_checked (f);
  click (child (f, "create_button"));
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&f->dialog);
  f->dialog = g_object_ref (prl_new_dataset_dialog_new (f->workspace, f->model));
  g_signal_connect (f->dialog, "datasets-added", G_CALLBACK (datasets_added_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  add (f, good_text (f, "more.txt"));
  wait_checked (f);
  g_assert_true (create_enabled (f));
  gtk_editable_set_text (GTK_EDITABLE (name_row (f, "Training text")), "NOTES.TXT");
  prl_test_iterate (20);
  g_assert_false (create_enabled (f));
  assert_contains (error_message (f), "already has a dataset named “NOTES.TXT”");
}

/* Each file's type can be changed on its own row. */
static void
test_type_per_file (Fixture *f, gconstpointer data)
{
  GtkWidget *dropdown;

  add (f, good_text (f, "notes.txt"));
  add (f, good_text (f, "more.txt"));
  wait_checked (f);
  g_assert_cmpint (row_type (file_row (f, "notes.txt")), ==, PRL_DATASET_TYPE_TRANSCRIPT);

  /* As the user does, in the row's drop-down. */
  dropdown = prl_test_find_named (file_row (f, "notes.txt"), GTK_TYPE_DROP_DOWN,
                                  "type-dropdown");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              PRL_DATASET_TYPE_TUNING - PRL_DATASET_TYPE_TRANSCRIPT);
  prl_test_iterate (50);
  wait_checked (f);

  assert_contains (row_subtitle (file_row (f, "notes.txt")), "Tuning text");
  g_assert_cmpint (row_type (file_row (f, "notes.txt")), ==, PRL_DATASET_TYPE_TUNING);
  /* The other file keeps its own. */
  assert_contains (row_subtitle (file_row (f, "more.txt")), "Training text");
  g_assert_true (create_enabled (f));

  /* A type for all files replaces the ones chosen per file. */
  prl_new_dataset_dialog_set_dataset_type (dialog (f), PRL_DATASET_TYPE_TEST);
  wait_checked (f);
  g_assert_cmpint (row_type (file_row (f, "notes.txt")), ==, PRL_DATASET_TYPE_TEST);
  g_assert_cmpint (row_type (file_row (f, "more.txt")), ==, PRL_DATASET_TYPE_TEST);

  /* And one file can differ again; it is imported as chosen. */
  prl_new_dataset_dialog_set_file_type (dialog (f), 1, PRL_DATASET_TYPE_TRANSCRIPT);
  wait_checked (f);
  g_assert_cmpint (row_type (file_row (f, "more.txt")), ==, PRL_DATASET_TYPE_TRANSCRIPT);
  click (child (f, "create_button"));
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prl_dataset_get_dataset_type (stored_dataset (f, "notes.txt")), ==,
                   PRL_DATASET_TYPE_TEST);
  g_assert_cmpint (prl_dataset_get_dataset_type (stored_dataset (f, "more.txt")), ==,
                   PRL_DATASET_TYPE_TRANSCRIPT);
}

/* The Check Report window closes on Escape, as every dialog does. */
static void
test_report_escape (Fixture *f, gconstpointer data)
{
  g_autoptr (GListModel) controllers = NULL;
  GtkWidget *window;
  gboolean   closed = FALSE;

  add (f, good_text (f, "good.txt"));
  wait_checked (f);
  window = prl_new_dataset_dialog_show_report (dialog (f));
  prl_test_iterate (100);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);

  controllers = gtk_widget_observe_controllers (window);
  for (guint i = 0; !closed && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0;
           !closed && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut
              = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger
              = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, "Escape") != 0)
            continue;
          /* What pressing it does. */
          closed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 window, NULL);
        }
    }
  g_clear_object (&controllers);

  g_assert_true (closed);
  prl_test_iterate (100);
  g_assert_null (window);
  g_assert_null (prl_test_find_window_titled ("Check Report"));
}

static gboolean
toast_shown (gpointer data)
{
  return prl_test_label_containing (data, "now uses the WideBand base model") != NULL;
}

/* Audio added to a model never trained sets its base model, with Undo. */
static void
test_base_model_from_audio (Fixture *f, gconstpointer data)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *undo = NULL;
  g_autoptr (GPtrArray) buttons = NULL;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("page"));
  gtk_window_set_child (GTK_WINDOW (parent), overlay);
  gtk_window_present (GTK_WINDOW (parent));
  gtk_window_set_transient_for (GTK_WINDOW (f->dialog), GTK_WINDOW (parent));
  g_assert_cmpint (prl_model_get_base_model (f->model), ==, PRL_BASE_MODEL_NARROW_BAND);

  /* Dictation at 16 kHz, as GStreamer measures it, on a NarrowBand model
   * that was never trained. */
  add (f, write_wav (f, "dictation.wav", 16000, 1));
  wait_checked (f);
  assert_contains (row_subtitle (file_row (f, "dictation.wav")), "16000 Hz");
  click (child (f, "create_button"));
  while (f->n_added_signals == 0)
    g_main_context_iteration (NULL, TRUE);

  prl_test_wait_until (toast_shown, overlay);
  assert_contains (prl_test_label_containing (overlay, "now uses"),
                   "The audio is sampled at 16000 Hz, so “clinic” now uses the "
                   "WideBand base model instead of NarrowBand.");
  g_assert_cmpint (prl_model_get_base_model (f->model), ==, PRL_BASE_MODEL_WIDE_BAND);

  buttons = prl_test_find_all (overlay, GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Undo") == 0)
      undo = buttons->pdata[i];
  g_assert_nonnull (undo);
  click (undo);
  while (prl_model_get_base_model (f->model) != PRL_BASE_MODEL_NARROW_BAND)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (parent));
  prl_test_iterate (50);
}

static void
test_import_refused_keeps_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = good_text (f, "changing.txt");
  g_autoptr (GError) error = NULL;

  add (f, g_object_ref (file));
  wait_checked (f);
  g_assert_true (create_enabled (f));

  /* The file goes bad between the check and Create: the job checks again
   * and refuses it, and the dialog shows the new finding. */
  g_file_replace_contents (file, "ok line\n\xff\xfe broken\n", 17, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  click (child (f, "create_button"));
  prl_test_wait_until (back_on_files, f);

  assert_contains (error_message (f), "Nothing was imported");
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_contains (row_status (file_row (f, "changing.txt")), "error");
  g_assert_false (create_enabled (f));
  g_assert_cmpuint (n_datasets (f), ==, 0);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/new-dataset-dialog/defaults", test_defaults);
  ADD ("/new-dataset-dialog/detected-types", test_detected_types);
  ADD ("/new-dataset-dialog/bad-file", test_bad_file);
  ADD ("/new-dataset-dialog/not-utf8", test_not_utf8);
  ADD ("/new-dataset-dialog/too-many", test_too_many);
  ADD ("/new-dataset-dialog/mixed-types", test_mixed_types);
  ADD ("/new-dataset-dialog/type-override", test_type_override);
  ADD ("/new-dataset-dialog/import", test_import);
  ADD ("/new-dataset-dialog/progress-shown", test_progress_shown);
  ADD ("/new-dataset-dialog/cancel-during-copy", test_cancel_during_copy);
  ADD ("/new-dataset-dialog/cancel-at-once", test_cancel_at_once);
  ADD ("/new-dataset-dialog/close-during-import", test_close_during_import);
  ADD ("/new-dataset-dialog/report", test_report);
  ADD ("/new-dataset-dialog/import-refused-keeps-files", test_import_refused_keeps_files);
  ADD ("/new-dataset-dialog/sample-first-try", test_sample_first_try);
  ADD ("/new-dataset-dialog/sample-makes-two-datasets", test_sample_makes_two_datasets);
  ADD ("/new-dataset-dialog/name-taken", test_name_taken);
  ADD ("/new-dataset-dialog/type-per-file", test_type_per_file);
  ADD ("/new-dataset-dialog/report-escape", test_report_escape);
  ADD ("/new-dataset-dialog/base-model-from-audio", test_base_model_from_audio);
#undef ADD

  return g_test_run ();
}
