/* prl-new-dataset-dialog-names.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-new-dataset-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-new-dataset-dialog-private.h"

/* The New Dataset dialog's names: the upload becomes one dataset per kind
 * of file (training text, tuning text, test audio with its transcripts, a
 * manifest with its audio), and each gets a name row, filled with the
 * files' shared name until the user types another. Names are checked as
 * the console checks them: not empty, not used by another dataset of the
 * model, and not twice in one upload.
 */

/* Each checked file's kind, or NULL until every file is checked. */
static PrlDatasetType *
file_kinds (PrlNewDatasetDialog *self)
{
  g_autofree PrlDatasetType *types = NULL;
  PrlDatasetType            *kinds;

  if (self->checks == NULL || self->checks->len != self->files->len
      || self->files->len == 0)
    return NULL;

  types = g_new (PrlDatasetType, self->files->len);
  for (guint i = 0; i < self->files->len; i++)
    types[i] = ((PrlFileCheck *)g_ptr_array_index (self->checks, i))->type;
  kinds = g_new (PrlDatasetType, self->files->len);
  prl_dataset_group_kinds (types, self->files->len, kinds);
  return kinds;
}

static void
name_changed_cb (GtkEditable *row, PrlNewDatasetDialog *self)
{
  PrlDatasetType kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));

  /* What the user typed wins over the default from now on. */
  g_hash_table_insert (self->names, GINT_TO_POINTER (kind),
                       g_strdup (gtk_editable_get_text (row)));
  _prl_new_dataset_dialog_update_state (self);
}

/**
 * _prl_new_dataset_dialog_rebuild_names:
 *
 * One name row per dataset the checked files will make; hidden until the
 * files are checked.
 */
void
_prl_new_dataset_dialog_rebuild_names (PrlNewDatasetDialog *self)
{
  g_autofree PrlDatasetType *kinds = file_kinds (self);
  g_autoptr (GHashTable) taken = NULL;
  GtkWidget *row;

  for (guint i = 0; i < self->name_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->names_group),
                                  g_ptr_array_index (self->name_rows, i));
  g_ptr_array_set_size (self->name_rows, 0);

  gtk_widget_set_visible (self->names_group, kinds != NULL);
  if (kinds == NULL)
    return;

  taken = prl_dataset_names_taken (
      prl_workspace_get_datasets (self->workspace, self->model));
  for (guint i = 0; i < self->files->len; i++)
    {
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      g_autofree char *title = NULL;
      g_autofree char *name = NULL;
      const char      *edited;
      gboolean         seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = kinds[j] == kinds[i];
      if (seen)
        continue;

      for (guint j = i; j < self->files->len; j++)
        if (kinds[j] == kinds[i])
          g_ptr_array_add (members, g_ptr_array_index (self->files, j));

      if ((edited = g_hash_table_lookup (self->names, GINT_TO_POINTER (kinds[i]))))
        name = g_strdup (edited);
      else
        {
          g_autofree char *base
              = prl_dataset_default_name ((GFile **)members->pdata, members->len);

          name = prl_dataset_unused_name (taken, base);
        }
      g_hash_table_add (taken, g_utf8_casefold (name, -1));

      row = adw_entry_row_new ();
      /* Translators: the name row of a dataset: its type and how many files
       * it has, e.g. "Name of the Training text (2 files)" */
      title = g_strdup_printf (ngettext ("Name of the %s (%u file)",
                                         "Name of the %s (%u files)", members->len),
                               prl_dataset_kind_get_label (kinds[i]), members->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), name);
      g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kinds[i]));
      g_signal_connect (row, "changed", G_CALLBACK (name_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->names_group), row);
      g_ptr_array_add (self->name_rows, row);
    }
}

/**
 * _prl_new_dataset_dialog_check_names:
 *
 * Returns: (transfer full) (nullable): why the names cannot be used, for
 *   people, or %NULL when they can
 */
char *
_prl_new_dataset_dialog_check_names (PrlNewDatasetDialog *self)
{
  g_autoptr (GHashTable) taken = NULL;
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (self->name_rows->len == 0)
    return NULL;

  taken = prl_dataset_names_taken (
      prl_workspace_get_datasets (self->workspace, self->model));
  for (guint i = 0; i < self->name_rows->len; i++)
    {
      g_autofree char *name = g_strstrip (
          g_strdup (gtk_editable_get_text (g_ptr_array_index (self->name_rows, i))));
      g_autofree char *folded = g_utf8_casefold (name, -1);

      if (*name == '\0')
        return g_strdup (self->name_rows->len == 1
                             ? _ ("The dataset needs a name. Type one above.")
                             : _ ("Each dataset needs a name. Type one above."));
      if (g_hash_table_contains (taken, folded))
        /* Translators: %s is a dataset's name */
        return g_strdup_printf (_ ("The model already has a dataset named “%s”. Choose "
                                   "another name."),
                                name);
      if (!g_hash_table_add (seen, g_steal_pointer (&folded)))
        /* Translators: %s is a dataset's name */
        return g_strdup_printf (_ ("Two datasets of this upload are named “%s”. Give "
                                   "each its own name."),
                                name);
    }

  return NULL;
}

/**
 * _prl_new_dataset_dialog_dup_names:
 *
 * Returns: (transfer full) (nullable): the name of the dataset each file
 *   goes to, for prl_workspace_import_datasets(); %NULL entries for names
 *   left as proposed (any entry may be %NULL: not a #GStrv)
 */
char **
_prl_new_dataset_dialog_dup_names (PrlNewDatasetDialog *self)
{
  g_autofree PrlDatasetType *kinds = file_kinds (self);
  char                     **names;

  if (kinds == NULL || self->name_rows->len == 0)
    return NULL;

  /* A name the user did not touch stays NULL: the import makes the same
   * one, unique among the datasets saved by then. */
  names = g_new0 (char *, self->files->len + 1);
  for (guint i = 0; i < self->files->len; i++)
    for (guint r = 0; r < self->name_rows->len; r++)
      {
        GObject *row = g_ptr_array_index (self->name_rows, r);

        if (GPOINTER_TO_INT (g_object_get_data (row, "kind")) == (int)kinds[i]
            && g_hash_table_contains (self->names, GINT_TO_POINTER (kinds[i])))
          names[i] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      }
  return names;
}
