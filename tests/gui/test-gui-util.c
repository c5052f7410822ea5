/* test-gui-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prl-gui-util.h"
#include "prl-gui-test-util.h"

/* The helpers the pages share: the save chooser, a job's progress on a
 * progress bar and unparenting a widget's children.
 */

static gboolean
job_reported (gpointer data)
{
  return g_strcmp0 (prl_job_get_status (data), "Working") == 0;
}

static gboolean
job_done (gpointer data)
{
  return !prl_job_is_active (data);
}

static void
test_save_chooser (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new ();
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GtkWidget) label = g_object_ref_sink (gtk_label_new ("x"));
  g_autoptr (GtkNativeDialog) chooser = NULL;
  g_autoptr (GtkFileFilter) shown = NULL;
  g_autoptr (GListModel) filters = NULL;
  g_autofree char *name = NULL;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_file_filter_set_name (filter, "PNG images");
  gtk_file_filter_add_suffix (filter, "png");

  chooser = prl_gui_save_chooser_new (button, "Save Chart", "_Save", filter, "chart.png");
  g_assert_true (gtk_native_dialog_get_modal (chooser));
  g_assert_true (gtk_native_dialog_get_transient_for (chooser) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_native_dialog_get_title (chooser), ==, "Save Chart");
  g_assert_cmpstr (
      gtk_file_chooser_native_get_accept_label (GTK_FILE_CHOOSER_NATIVE (chooser)), ==,
      "_Save");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "chart.png");
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  shown = g_list_model_get_item (filters, 0);
  g_assert_true (shown == filter);
  g_clear_object (&filters);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&chooser);

  /* Without a filter and outside a window. */
  chooser = prl_gui_save_chooser_new (label, "Export Transcript", "_Export", NULL,
                                      "talk.srt");
  g_assert_null (gtk_native_dialog_get_transient_for (chooser));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 0);
  gtk_native_dialog_destroy (chooser);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
check_progress (const char *fraction, gboolean known, double shown)
{
  g_autofree char *title = g_strconcat ("Report ", fraction, NULL);
  g_autoptr (PrlJob) job = prl_test_job_new (title);
  GtkProgressBar *bar = GTK_PROGRESS_BAR (g_object_ref_sink (gtk_progress_bar_new ()));

  prl_job_execute_async (job, NULL, NULL, NULL);
  prl_test_wait_until (job_reported, job);

  gtk_progress_bar_set_fraction (bar, 0.25);
  g_assert_true (prl_gui_show_job_progress (bar, job) == known);
  /* A pulse moves the block without setting a fraction. */
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), shown, 1e-9);

  prl_job_cancel (job);
  prl_test_wait_until (job_done, job);
  g_object_unref (bar);
}

static void
test_job_progress (void)
{
  check_progress ("0.42", TRUE, 0.42);
  check_progress ("1", TRUE, 1.0);
  check_progress ("-1", FALSE, 0.25);
}

static void
test_unparent_children (void)
{
  g_autoptr (GtkWidget) parent = g_object_ref_sink (gtk_label_new ("parent"));
  g_autoptr (GtkWidget) first = g_object_ref (gtk_label_new ("first"));
  g_autoptr (GtkWidget) second = g_object_ref (gtk_label_new ("second"));

  gtk_widget_set_parent (first, parent);
  gtk_widget_set_parent (second, parent);
  g_assert_true (gtk_widget_get_parent (second) == parent);

  prl_gui_unparent_children (parent);
  g_assert_null (gtk_widget_get_first_child (parent));
  g_assert_null (gtk_widget_get_parent (first));
  g_assert_null (gtk_widget_get_parent (second));
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  g_test_add_func ("/gui-util/save-chooser", test_save_chooser);
  g_test_add_func ("/gui-util/job-progress", test_job_progress);
  g_test_add_func ("/gui-util/unparent-children", test_unparent_children);

  return g_test_run ();
}
