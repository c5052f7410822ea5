/* prl-gui-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-gui-util"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-gui-util.h"

/* Small pieces every page needs the same way. */

/**
 * prl_gui_add_toast:
 * @widget: any widget inside the window's #AdwToastOverlay
 * @title: plain text
 *
 * Shows a toast; does nothing outside a toast overlay (as in tests).
 */
void
prl_gui_add_toast (GtkWidget *widget, const char *title)
{
  GtkWidget       *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  if (overlay == NULL)
    return;

  /* Toast titles are markup in libadwaita 1.2; names and messages are not. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

static void
open_file_clicked_cb (AdwToast *toast, GtkWidget *overlay)
{
  GFile           *file = g_object_get_data (G_OBJECT (toast), "prl-file");
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (overlay)), uri, GDK_CURRENT_TIME);
}

/**
 * prl_gui_add_file_toast:
 * @widget: any widget inside the window's #AdwToastOverlay
 * @title: plain text
 * @file: what was written
 *
 * Shows a toast whose Open button opens @file with its default
 * application.
 *
 * Returns: (transfer none) (nullable): the toast, or %NULL outside a
 *   toast overlay
 */
AdwToast *
prl_gui_add_file_toast (GtkWidget *widget, const char *title, GFile *file)
{
  GtkWidget       *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast        *toast;

  if (overlay == NULL)
    return NULL;

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _ ("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "prl-file", g_object_ref (file),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_file_clicked_cb),
                           overlay, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

typedef struct
{
  PrlConfirmedFunc confirmed;
  gpointer         user_data;
  GDestroyNotify   destroy;
} Confirm;

static void
confirm_response_cb (AdwMessageDialog *dialog, const char *response, Confirm *confirm)
{
  /* Answer once: closing the dialog may report its close response too. */
  g_signal_handlers_disconnect_by_func (dialog, confirm_response_cb, confirm);

  if (g_strcmp0 (response, "delete") == 0)
    confirm->confirmed (confirm->user_data);
  else if (confirm->destroy != NULL)
    confirm->destroy (confirm->user_data);

  g_free (confirm);
}

/**
 * prl_gui_confirm_delete:
 * @confirmed: called with @user_data if the user confirms; it then owns it
 * @destroy: (nullable): frees @user_data if the user does not confirm
 *
 * Asks before deleting, with Cancel as the default answer.
 */
void
prl_gui_confirm_delete (GtkWidget       *widget,
                        const char      *heading,
                        const char      *body,
                        PrlConfirmedFunc confirmed,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  GtkRoot          *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  Confirm          *confirm = g_new0 (Confirm, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete",
                                    _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  confirm->confirmed = confirmed;
  confirm->user_data = user_data;
  confirm->destroy = destroy;
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirm);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deleting a workspace object: confirm, delete, then a toast. */
typedef struct
{
  GtkWidget          *widget; /* (owned) */
  GObject            *object; /* (owned) */
  PrlDeleteAsyncFunc  delete_async;
  PrlDeleteFinishFunc delete_finish;
} DeleteData;

static void
delete_data_free (gpointer user_data)
{
  DeleteData *data = user_data;

  g_object_unref (data->widget);
  g_object_unref (data->object);
  g_free (data);
}

static void
delete_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  DeleteData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_object_get (data->object, "name", &name, NULL);
  if (!data->delete_finish (PRL_WORKSPACE (object), result, &error))
    /* Translators: the first %s is a model's or dataset's name, the second says why */
    title = g_strdup_printf (_ ("Could not delete “%s”: %s"), name, error->message);
  else
    title = g_strdup_printf (_ ("Deleted “%s”"), name);

  prl_gui_add_toast (data->widget, title);
  delete_data_free (data);
}

static void
delete_confirmed (gpointer user_data)
{
  DeleteData *data = user_data;
  g_autoptr (PrlWorkspace) workspace = NULL;

  g_object_get (data->widget, "workspace", &workspace, NULL);
  if (workspace == NULL)
    {
      delete_data_free (data);
      return;
    }

  data->delete_async (workspace, data->object, NULL, delete_done_cb, data);
}

/**
 * prl_gui_confirm_and_delete:
 * @widget: a widget with a #PrlWorkspace "workspace" property, inside the
 *   window's toast overlay
 * @object: what to delete; it has a "name" property
 * @delete_async: starts deleting @object from the workspace @widget has
 *   once the user confirms
 * @delete_finish: finishes @delete_async
 *
 * Asks with prl_gui_confirm_delete(), deletes @object through the
 * workspace and reports the outcome in a toast.
 */
void
prl_gui_confirm_and_delete (GtkWidget          *widget,
                            GObject            *object,
                            const char         *heading,
                            const char         *body,
                            PrlDeleteAsyncFunc  delete_async,
                            PrlDeleteFinishFunc delete_finish)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->widget = g_object_ref (widget);
  data->object = g_object_ref (object);
  data->delete_async = delete_async;
  data->delete_finish = delete_finish;
  prl_gui_confirm_delete (widget, heading, body, delete_confirmed, data,
                          delete_data_free);
}

/* A GBinding transform from a job's progress to a progress bar's fraction. */
gboolean
prl_gui_progress_to_fraction (GBinding     *binding,
                              const GValue *from_value,
                              GValue       *to_value,
                              gpointer      user_data)
{
  g_value_set_double (to_value, CLAMP (g_value_get_double (from_value), 0.0, 1.0));
  return TRUE;
}

/* Cells. Every cell keeps its bindings on the list item so unbind can
 * drop them when the row is recycled.
 */
void
prl_gui_list_item_keep_binding (GtkListItem *item, GBinding *binding)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (item), "bindings");

  if (bindings == NULL)
    {
      bindings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_binding_unbind);
      g_object_set_data_full (G_OBJECT (item), "bindings", bindings,
                              (GDestroyNotify)g_ptr_array_unref);
    }
  g_ptr_array_add (bindings, binding);
}

/**
 * prl_gui_list_item_bind_label:
 * @transform: (nullable): turns @property into the label's text
 *
 * Binds @property of the item to the "label" of the cell's #GtkLabel.
 */
void
prl_gui_list_item_bind_label (GtkListItem          *item,
                              const char           *property,
                              GBindingTransformFunc transform)
{
  prl_gui_list_item_keep_binding (
      item, g_object_bind_property_full (
                gtk_list_item_get_item (item), property, gtk_list_item_get_child (item),
                "label", G_BINDING_SYNC_CREATE, transform, NULL, NULL, NULL));
}

/* A "setup" handler: a start-aligned label that ellipsizes at the end. */
void
prl_gui_list_item_setup_label (GtkSignalListItemFactory *factory,
                               GtkListItem              *item,
                               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* An "unbind" handler: drops the bindings the cell kept. */
void
prl_gui_list_item_unbind (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (item), "bindings", NULL);
}

/* A chooser filter of file name suffixes ("txt", no dot) and an optional
 * MIME type. */
void
prl_gui_add_file_filter (GtkFileChooser    *chooser,
                         const char        *name,
                         const char *const *suffixes,
                         const char        *mime_type)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * prl_gui_natural_compare:
 *
 * Compares two names the way people count: case folded, and runs of
 * digits by their value, so "name-2" comes before "name-10".
 *
 * Returns: <0, 0 or >0 as with strcmp()
 */
int
prl_gui_natural_compare (const char *a, const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a ? a : "", -1);
  g_autofree char *folded_b = g_utf8_casefold (b ? b : "", -1);
  g_autofree char *key_a = g_utf8_collate_key_for_filename (folded_a, -1);
  g_autofree char *key_b = g_utf8_collate_key_for_filename (folded_b, -1);
  int              cmp = strcmp (key_a, key_b);

  /* Equal when folded ("Clinic", "clinic"): keep a stable order. */
  return cmp != 0 ? cmp : g_strcmp0 (a, b);
}

static int
natural_sorter_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const char      *property = user_data;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;

  g_object_get ((gpointer)a, property, &name_a, NULL);
  g_object_get ((gpointer)b, property, &name_b, NULL);
  return prl_gui_natural_compare (name_a, name_b);
}

/**
 * prl_gui_natural_sorter_new:
 * @property: a string property of the items, e.g. "name"
 *
 * Returns: (transfer full): a sorter in natural order of @property
 */
GtkSorter *
prl_gui_natural_sorter_new (const char *property)
{
  return GTK_SORTER (gtk_custom_sorter_new (natural_sorter_compare,
                                            (gpointer)g_intern_string (property), NULL));
}
