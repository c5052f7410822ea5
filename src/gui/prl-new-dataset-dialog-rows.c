/* prl-new-dataset-dialog-rows.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-new-dataset-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-new-dataset-dialog-private.h"

/* The New Dataset dialog's list of files: one row per file with its type,
 * a summary, its status and a remove button, and for a file with issues
 * an expander listing each issue with its position, message and fix.
 */

/* Helpers for what a check found. */
static guint
count_issues (const PrlFileCheck *check, PrlCheckSeverity severity)
{
  guint n = 0;

  for (guint i = 0; check->issues != NULL && i < check->issues->len; i++)
    if (((PrlCheckIssue *)g_ptr_array_index (check->issues, i))->severity == severity)
      n++;

  return n;
}

static const PrlFileCheck *
find_check (PrlNewDatasetDialog *self, guint position)
{
  GFile      *file = g_ptr_array_index (self->files, position);
  const char *path = g_file_peek_path (file);

  if (self->checks == NULL)
    return NULL;

  for (guint i = 0; i < self->checks->len; i++)
    {
      const PrlFileCheck *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (check->path, path) == 0)
        return check;
    }

  /* One check per file, in order, when the paths are spelled differently. */
  if (self->checks->len == self->files->len)
    return g_ptr_array_index (self->checks, position);

  return NULL;
}

/* “Training text · 12 lines, 340 words · 4.1 kB”, or the audio's length,
 * rate and channels.
 */
static char *
format_summary (const PrlFileCheck *check)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (prl_dataset_type_get_label (check->type)));

  if (check->type == PRL_DATASET_TYPE_AUDIO)
    {
      if (check->duration >= 0)
        g_ptr_array_add (parts, prl_format_duration (check->duration));
      if (check->sample_rate > 0)
        /* Translators: a sample rate, e.g. “8000 Hz” */
        g_ptr_array_add (parts, g_strdup_printf (_ ("%u Hz"), check->sample_rate));
      if (check->channels == 1)
        g_ptr_array_add (parts, g_strdup (_ ("mono")));
      else if (check->channels == 2)
        g_ptr_array_add (parts, g_strdup (_ ("stereo")));
      else if (check->channels > 2)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u channel", "%u channels",
                                                           check->channels),
                                                 check->channels));
    }
  else if (check->type == PRL_DATASET_TYPE_MANIFEST)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, check->n_lines);

      /* The count is formatted first: xgettext cannot see through
       * G_GUINT64_FORMAT inside a translatable string. */
      g_ptr_array_add (
          parts, g_strdup_printf (ngettext ("%s entry", "%s entries",
                                            (gulong)MIN (check->n_lines, G_MAXULONG)),
                                  n));
      if (check->duration >= 0)
        g_ptr_array_add (parts, prl_format_duration (check->duration));
    }
  else
    {
      g_autofree char *n_lines = g_strdup_printf ("%" G_GUINT64_FORMAT, check->n_lines);
      g_autofree char *n_words = g_strdup_printf ("%" G_GUINT64_FORMAT, check->n_words);
      g_autofree char *lines = g_strdup_printf (
          ngettext ("%s line", "%s lines", (gulong)check->n_lines), n_lines);
      g_autofree char *words = g_strdup_printf (
          ngettext ("%s word", "%s words", (gulong)check->n_words), n_words);

      /* Translators: “12 lines, 340 words” */
      g_ptr_array_add (parts, g_strdup_printf (_ ("%s, %s"), lines, words));
    }

  g_ptr_array_add (parts, g_format_size (check->n_bytes));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static char *
format_position (const PrlCheckIssue *issue, char **accessible)
{
  if (issue->line > 0 && issue->column > 0)
    {
      /* Translators: where an issue is, read out by screen readers */
      *accessible
          = g_strdup_printf (_ ("Line %u, column %u"), issue->line, issue->column);
      return g_strdup_printf ("%u:%u", issue->line, issue->column);
    }
  if (issue->line > 0)
    {
      *accessible = g_strdup_printf (_ ("Line %u"), issue->line);
      return g_strdup_printf ("%u", issue->line);
    }
  if (issue->byte_offset >= 0)
    {
      g_autofree char *offset = g_strdup_printf ("%" G_GINT64_FORMAT, issue->byte_offset);

      /* Translators: where an issue is, as a byte offset, read out by screen readers */
      *accessible = g_strdup_printf (_ ("Byte %s"), offset);
      /* Translators: an issue's position as a byte offset, e.g. “byte 1024” */
      return g_strdup_printf (_ ("byte %s"), offset);
    }

  *accessible = NULL;
  return NULL;
}

static GtkWidget *
issue_row_new (const PrlCheckIssue *issue)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon;
  g_autofree char *title
      = g_markup_escape_text (issue->message ? issue->message : "", -1);
  g_autofree char *fix = g_markup_escape_text (issue->fix ? issue->fix : "", -1);
  g_autofree char *accessible = NULL;
  g_autofree char *position = format_position (issue, &accessible);
  gboolean         is_error = issue->severity == PRL_CHECK_SEVERITY_ERROR;

  gtk_widget_set_name (row, "issue-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fix);

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_error ? _ ("Error") : _ ("Warning"), -1);
  if (position != NULL)
    {
      GtkWidget *label = gtk_label_new (position);

      gtk_widget_set_name (label, "issue-position");
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
    }

  /* Prefixes are prepended: the icon goes first. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static void
remove_clicked_cb (GtkButton *button, PrlNewDatasetDialog *self)
{
  GFile *file = g_object_get_data (G_OBJECT (button), "file");
  guint  position;

  if (file != NULL && g_ptr_array_find (self->files, file, &position))
    prl_new_dataset_dialog_remove_file (self, position);
}

typedef struct
{
  PrlNewDatasetDialog *self; /* (owned) */
  GFile               *file; /* (owned) */
  PrlDatasetType       type;
} TypeChange;

/* The rows are rebuilt when the check starts: not from inside the drop
 * down's own signal. */
static gboolean
apply_type_change (gpointer user_data)
{
  TypeChange *change = user_data;
  guint       position;

  if (g_ptr_array_find (change->self->files, change->file, &position))
    prl_new_dataset_dialog_set_file_type (change->self, position, change->type);

  g_object_unref (change->self);
  g_object_unref (change->file);
  g_free (change);
  return G_SOURCE_REMOVE;
}

static void
type_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, PrlNewDatasetDialog *self)
{
  guint       selected = gtk_drop_down_get_selected (dropdown);
  TypeChange *change;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  change = g_new0 (TypeChange, 1);
  change->self = g_object_ref (self);
  change->file = g_object_ref (g_object_get_data (G_OBJECT (dropdown), "file"));
  /* The list holds the types after AUTO, in order. */
  change->type = (PrlDatasetType)(selected + PRL_DATASET_TYPE_TRANSCRIPT);
  g_idle_add (apply_type_change, change);
}

/* Each file's own type, which the user can change. */
static GtkWidget *
type_dropdown_new (PrlNewDatasetDialog *self, guint position, const char *basename)
{
  GFile         *file = g_ptr_array_index (self->files, position);
  PrlDatasetType type = prl_new_dataset_dialog_get_file_type (self, position);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *label = NULL;
  GtkWidget       *dropdown;

  for (PrlDatasetType t = PRL_DATASET_TYPE_TRANSCRIPT; t <= PRL_DATASET_TYPE_MANIFEST;
       t++)
    gtk_string_list_append (names, prl_dataset_type_get_label (t));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_name (dropdown, "type-dropdown");
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_widget_set_tooltip_text (dropdown, _ ("The type of this file"));
  /* Translators: %s is a file name */
  label = g_strdup_printf (_ ("Type of %s"), basename);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              type == PRL_DATASET_TYPE_AUTO
                                  ? GTK_INVALID_LIST_POSITION
                                  : (guint)(type - PRL_DATASET_TYPE_TRANSCRIPT));
  gtk_widget_set_sensitive (dropdown, !self->importing);

  g_object_set_data_full (G_OBJECT (dropdown), "file", g_object_ref (file),
                          g_object_unref);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (type_selected_cb), self);
  return dropdown;
}

static GtkWidget *
file_row_new (PrlNewDatasetDialog *self, guint position)
{
  GFile              *file = g_ptr_array_index (self->files, position);
  const PrlFileCheck *check = find_check (self, position);
  g_autofree char    *basename = g_file_get_basename (file);
  g_autofree char    *title = g_markup_escape_text (basename, -1);
  g_autofree char    *subtitle = NULL;
  g_autofree char    *status = NULL;
  g_autofree char    *remove_label = NULL;
  const char         *icon_name;
  const char         *icon_class = NULL;
  GtkWidget          *row;
  GtkWidget          *icon;
  GtkWidget          *status_label;
  GtkWidget          *remove;
  GtkWidget          *type_dropdown;
  guint               n_errors = 0, n_warnings = 0;

  if (check != NULL)
    {
      g_autofree char *summary = format_summary (check);

      subtitle = g_markup_escape_text (summary, -1);
      n_errors = count_issues (check, PRL_CHECK_SEVERITY_ERROR);
      n_warnings = count_issues (check, PRL_CHECK_SEVERITY_WARNING);
    }

  if (check == NULL && self->checking)
    {
      icon_name = "content-loading-symbolic";
      status = g_strdup (_ ("Checking…"));
    }
  else if (check == NULL)
    {
      /* Not the question mark in a diamond, which reads as a missing
       * glyph; the batch was refused, so this file was not checked. */
      icon_name = PRL_NOT_CHECKED_ICON;
      status = g_strdup (_ ("Not checked"));
    }
  else if (n_errors > 0)
    {
      icon_name = "dialog-error-symbolic";
      icon_class = "error";
      status = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
    }
  else if (n_warnings > 0)
    {
      icon_name = "dialog-warning-symbolic";
      icon_class = "warning";
      status = g_strdup_printf (
          ngettext ("OK, %u warning", "OK, %u warnings", n_warnings), n_warnings);
    }
  else
    {
      icon_name = "emblem-ok-symbolic";
      icon_class = "success";
      status = g_strdup (_ ("OK"));
    }

  if (check != NULL && check->issues != NULL && check->issues->len > 0)
    {
      row = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
      for (guint i = 0; i < check->issues->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  issue_row_new (g_ptr_array_index (check->issues, i)));
      /* Problems are what the user came to see. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), n_errors > 0);
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
    }

  gtk_widget_set_name (row, "file-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_name (icon, "status-icon");
  if (icon_class != NULL)
    gtk_widget_add_css_class (icon, icon_class);
  gtk_widget_set_tooltip_text (icon, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status, -1);

  status_label = gtk_label_new (status);
  gtk_widget_set_name (status_label, "status-label");
  gtk_widget_set_valign (status_label, GTK_ALIGN_CENTER);
  if (icon_class != NULL)
    gtk_widget_add_css_class (status_label, icon_class);
  /* The icon already says it to screen readers. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (status_label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               TRUE, -1);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_name (remove, "remove-button");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove"));
  /* Translators: %s is a file name */
  remove_label = g_strdup_printf (_ ("Remove %s"), basename);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  type_dropdown = type_dropdown_new (self, position, basename);

  if (ADW_IS_EXPANDER_ROW (row))
    {
      /* Actions are prepended: the last added comes first. */
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), status_label);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), type_dropdown);
    }
  else
    {
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), type_dropdown);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  return row;
}

void
_prl_new_dataset_dialog_rebuild_rows (PrlNewDatasetDialog *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_list))))
    gtk_list_box_remove (self->files_list, child);

  for (guint i = 0; i < self->files->len; i++)
    gtk_list_box_append (self->files_list, file_row_new (self, i));

  gtk_widget_set_visible (self->files_group, self->files->len > 0);
}
