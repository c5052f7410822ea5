/* prl-new-dataset-dialog-report.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-new-dataset-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-new-dataset-dialog-private.h"

/* The New Dataset dialog's check report: the full text of the last check
 * in a read-only window, saved as a text file through the file chooser.
 * Where it was saved, or why it could not be, is shown in the window.
 */

static char *
build_report (PrlNewDatasetDialog *self)
{
  if (self->checks == NULL || self->checks->len == 0)
    return g_strdup ("");

  return prl_check_report_format (self->checks);
}

static void
set_report_status (PrlNewDatasetDialog *self, const char *text, gboolean is_error)
{
  if (self->report_status == NULL)
    return;

  gtk_label_set_label (self->report_status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->report_status), text != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->report_status), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->report_status), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->report_status), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->report_status), "error");
    }
}

static void
save_chooser_response_cb (GtkNativeDialog     *chooser,
                          int                  response,
                          PrlNewDatasetDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        prl_new_dataset_dialog_save_report (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->save_chooser);
}

static void
save_clicked_cb (PrlNewDatasetDialog *self)
{
  g_autofree char *name = NULL;

  if (self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (
      _ ("Save Check Report"), GTK_WINDOW (self->report_window),
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  /* Translators: the suggested file name of a saved check report */
  name = g_strdup_printf (_ ("%s-check-report.txt"), prl_model_get_name (self->model));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_chooser_response_cb),
                    self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
report_window_destroyed_cb (PrlNewDatasetDialog *self)
{
  self->report_window = NULL;
  self->report_status = NULL;
}

static GtkWidget *
report_window_new (PrlNewDatasetDialog *self)
{
  GtkWidget          *window = adw_window_new ();
  GtkWidget          *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget          *header = adw_header_bar_new ();
  GtkWidget          *save = gtk_button_new_with_mnemonic (_ ("_Save…"));
  GtkWidget          *status = gtk_label_new (NULL);
  GtkWidget          *scrolled = gtk_scrolled_window_new ();
  GtkWidget          *view = gtk_text_view_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  /* A plain window has no Escape binding of its own; dialogs close on it. */
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                        gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  gtk_window_set_title (GTK_WINDOW (window), _ ("Check Report"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 520);

  gtk_widget_set_name (save, "save-button");
  gtk_widget_set_tooltip_text (save, _ ("Save the report as a text file"));
  g_signal_connect_object (save, "clicked", G_CALLBACK (save_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_name (status, "report-status");
  gtk_widget_set_visible (status, FALSE);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (status), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_set_margin_start (status, 12);
  gtk_widget_set_margin_end (status, 12);
  gtk_widget_set_margin_top (status, 6);
  gtk_widget_set_margin_bottom (status, 6);
  gtk_box_append (GTK_BOX (box), status);

  gtk_widget_set_name (view, "report-view");
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Check report"), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            self->report_text, -1);

  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (window), box);

  self->report_status = GTK_LABEL (status);
  g_signal_connect_object (window, "destroy", G_CALLBACK (report_window_destroyed_cb),
                           self, G_CONNECT_SWAPPED);

  return window;
}

static void
save_report_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlNewDatasetDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (object));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_debug ("Saving the report to %s failed: %s", name, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_ ("Could not save the report: %s"), error->message);
      set_report_status (self, text, TRUE);
      return;
    }

  /* Translators: %s is where the report was saved */
  text = g_strdup_printf (_ ("Saved to %s"), name);
  set_report_status (self, text, FALSE);
}

/**
 * prl_new_dataset_dialog_show_report:
 *
 * Opens (or raises) the window with the full text report of the last
 * check.
 *
 * Returns: (transfer none): the report window
 */
GtkWidget *
prl_new_dataset_dialog_show_report (PrlNewDatasetDialog *self)
{
  g_return_val_if_fail (PRL_IS_NEW_DATASET_DIALOG (self), NULL);

  if (self->report_window == NULL)
    {
      g_free (self->report_text);
      self->report_text = build_report (self);
      self->report_window = report_window_new (self);
    }

  gtk_window_present (GTK_WINDOW (self->report_window));
  return self->report_window;
}

/**
 * prl_new_dataset_dialog_save_report:
 * @file: where to write the report
 *
 * Writes the report shown in the report window to @file, replacing it,
 * in the background. The outcome (or the reason it failed) is shown in
 * the report window, which is opened if needed.
 */
void
prl_new_dataset_dialog_save_report (PrlNewDatasetDialog *self, GFile *file)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_if_fail (PRL_IS_NEW_DATASET_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  prl_new_dataset_dialog_show_report (self);
  set_report_status (self, NULL, FALSE);

  bytes = g_bytes_new (self->report_text, strlen (self->report_text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       save_report_cb, g_object_ref (self));
}
