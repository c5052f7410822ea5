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

/* Where the last file was saved, for the next save dialog. */
static GFile *last_save_folder;

/* The next save dialog starts in @file's folder. */
static void
remember_save_folder (GFile *file)
{
  g_autoptr (GFile) folder = g_file_get_parent (file);

  if (folder != NULL)
    g_set_object (&last_save_folder, folder);
}

/**
 * prl_gui_show_saved_file:
 * @widget: any widget inside the window's #AdwToastOverlay
 * @title: plain text
 * @file: what the user just saved
 *
 * What follows every save: the next save dialog starts in @file's folder,
 * and a toast whose Open button opens @file with its default application
 * says it is done.
 *
 * Returns: (transfer none) (nullable): the toast, or %NULL outside a
 *   toast overlay
 */
AdwToast *
prl_gui_show_saved_file (GtkWidget *widget, const char *title, GFile *file)
{
  GtkWidget       *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast        *toast;

  remember_save_folder (file);
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

/**
 * prl_gui_dup_save_folder:
 *
 * Returns: (transfer full): where a save dialog starts: the folder of the
 *   last file saved, else Documents, else the home folder
 */
GFile *
prl_gui_dup_save_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (last_save_folder != NULL
      && g_file_query_file_type (last_save_folder, G_FILE_QUERY_INFO_NONE, NULL)
             == G_FILE_TYPE_DIRECTORY)
    return g_object_ref (last_save_folder);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/**
 * prl_gui_set_save_folder:
 *
 * Starts @chooser in prl_gui_dup_save_folder().
 */
void
prl_gui_set_save_folder (GtkFileChooser *chooser)
{
  g_autoptr (GFile) folder = prl_gui_dup_save_folder ();

  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

/**
 * prl_gui_save_chooser_new:
 * @widget: the widget whose window the chooser belongs to
 * @title: the chooser's title
 * @accept_label: the label of the button that saves
 * @filter: (nullable): the one file filter offered
 * @name: the file name proposed
 *
 * A modal chooser for saving a file, opened in the folder the user last
 * saved in (see prl_gui_set_save_folder()).
 *
 * Returns: (transfer full): the chooser, not shown yet
 */
GtkNativeDialog *
prl_gui_save_chooser_new (GtkWidget     *widget,
                          const char    *title,
                          const char    *accept_label,
                          GtkFileFilter *filter,
                          const char    *name)
{
  GtkRoot              *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (
      title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, accept_label, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  prl_gui_set_save_folder (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return GTK_NATIVE_DIALOG (chooser);
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

/**
 * prl_gui_show_job_progress:
 * @bar: the progress bar following @job
 * @job: a running job
 *
 * Shows how far @job is on @bar, or pulses @bar while the job cannot say.
 *
 * Returns: whether @job knows how far it is
 */
gboolean
prl_gui_show_job_progress (GtkProgressBar *bar, PrlJob *job)
{
  double progress = prl_job_get_progress (job);

  if (progress < 0)
    {
      gtk_progress_bar_pulse (bar);
      return FALSE;
    }

  gtk_progress_bar_set_fraction (bar, CLAMP (progress, 0.0, 1.0));
  return TRUE;
}

/**
 * prl_gui_unparent_children:
 * @widget: a widget being disposed
 *
 * Unparents every child of @widget. gtk_widget_dispose_template() only
 * unparents bound children; a template's root box that is not bound
 * stays parented without this.
 */
void
prl_gui_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)))
    gtk_widget_unparent (child);
}

/* The "workspace" and "model" properties. The pages and dialogs that work on
 * a workspace's model all hold both as plain fields, so they define and read
 * them here, alike in name, type and flags.
 */

/**
 * prl_gui_param_spec_workspace:
 * @access: %G_PARAM_READABLE, %G_PARAM_READWRITE, optionally with
 *   %G_PARAM_CONSTRUCT_ONLY
 *
 * Returns: (transfer floating): the "workspace" property, a #PrlWorkspace
 */
GParamSpec *
prl_gui_param_spec_workspace (GParamFlags access)
{
  return g_param_spec_object ("workspace", NULL, NULL, PRL_TYPE_WORKSPACE,
                              access | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/**
 * prl_gui_param_spec_model:
 * @access: as for prl_gui_param_spec_workspace()
 *
 * Returns: (transfer floating): the "model" property, a #PrlModel
 */
GParamSpec *
prl_gui_param_spec_model (GParamFlags access)
{
  return g_param_spec_object ("model", NULL, NULL, PRL_TYPE_MODEL,
                              access | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/**
 * prl_gui_install_construct_workspace:
 * @klass: the class of a dialog that works on one workspace (and model)
 * @workspace_id: the id for its "workspace" property
 * @model_id: the id for its "model" property, or 0 for none
 *
 * Installs the two as construct-only properties, for a dialog that keeps
 * them for its whole life; its set_property() stores them with
 * prl_gui_init_workspace_property().
 */
void
prl_gui_install_construct_workspace (GObjectClass *klass,
                                     guint         workspace_id,
                                     guint         model_id)
{
  const GParamFlags access = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY;

  g_object_class_install_property (klass, workspace_id,
                                   prl_gui_param_spec_workspace (access));
  if (model_id != 0)
    g_object_class_install_property (klass, model_id, prl_gui_param_spec_model (access));
}

/**
 * prl_gui_get_workspace_property:
 * @pspec: the property asked for in a get_property() vfunc
 * @value: where it goes
 * @workspace: (nullable): the object's workspace
 * @model: (nullable): the object's model, or %NULL without a "model" property
 *
 * Answers for the properties made by prl_gui_param_spec_workspace() and
 * prl_gui_param_spec_model().
 *
 * Returns: %FALSE if @pspec is neither, for the caller's own properties
 */
gboolean
prl_gui_get_workspace_property (GParamSpec   *pspec,
                                GValue       *value,
                                PrlWorkspace *workspace,
                                PrlModel     *model)
{
  if (pspec->value_type == PRL_TYPE_WORKSPACE && g_str_equal (pspec->name, "workspace"))
    g_value_set_object (value, workspace);
  else if (pspec->value_type == PRL_TYPE_MODEL && g_str_equal (pspec->name, "model"))
    g_value_set_object (value, model);
  else
    return FALSE;
  return TRUE;
}

/**
 * prl_gui_init_workspace_property:
 * @pspec: the property set in a set_property() vfunc
 * @value: its value
 * @workspace: (out) (transfer full): the object's workspace field
 * @model: (out) (transfer full) (optional): its model field
 *
 * Stores a construct-only "workspace" or "model" property in its field,
 * which holds %NULL until then.
 *
 * Returns: %FALSE if @pspec is neither, for the caller's own properties
 */
gboolean
prl_gui_init_workspace_property (GParamSpec    *pspec,
                                 const GValue  *value,
                                 PrlWorkspace **workspace,
                                 PrlModel     **model)
{
  if (pspec->value_type == PRL_TYPE_WORKSPACE && g_str_equal (pspec->name, "workspace"))
    {
      g_return_val_if_fail (*workspace == NULL, TRUE);
      *workspace = g_value_dup_object (value);
    }
  else if (model != NULL && pspec->value_type == PRL_TYPE_MODEL
           && g_str_equal (pspec->name, "model"))
    {
      g_return_val_if_fail (*model == NULL, TRUE);
      *model = g_value_dup_object (value);
    }
  else
    return FALSE;
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

/* Accessible names
 *
 * GTK 4.8 gives a widget without an accessible label its widget name,
 * which defaults to its class name: screen readers heard "GtkToggleButton"
 * for a drop-down's button, "GtkScrollbar", "GtkStackPage" and many
 * "AdwGizmo" layout nodes. Every widget is looked at when it is realized:
 * controls GTK builds inside others get the name of what they do, layout
 * nodes get no name at all (what GTK would say for a plain box), empty
 * labels are hidden until they have text, and stack pages take their
 * title.
 */

/* Parlance's own widgets are containers GTK 4.8 calls "filler" and
 * names after their class: they get the name of what they show. */
static const struct
{
  const char *type;
  const char *label;
} own_widgets[] = {
  { "PrlDatasetsView", N_ ("Datasets") },
  { "PrlEvaluationPage", N_ ("Evaluation") },
  { "PrlLeaderboardView", N_ ("Leaderboard") },
  { "PrlModelDetailsPage", N_ ("Model Details") },
  { "PrlModelsPage", N_ ("Custom Models") },
  { "PrlPager", N_ ("Pages") },
  { "PrlPronunciationsView", N_ ("Pronunciations") },
  { "PrlReviewView", N_ ("Review") },
  { "PrlTranscriptionPage", N_ ("Transcription") },
  { "PrlVersionsView", N_ ("Versions") },
  { "PrlWerChart", N_ ("Word Error Rate Chart") },
  { "PrlWordsView", N_ ("Missed and Fixed Words") },
};

static const char *
own_widget_label (GtkWidget *widget)
{
  for (guint i = 0; i < G_N_ELEMENTS (own_widgets); i++)
    if (g_str_equal (G_OBJECT_TYPE_NAME (widget), own_widgets[i].type))
      return _ (own_widgets[i].label);
  return NULL;
}

static void
cell_label_changed_cb (GtkLabel *label, GParamSpec *pspec, GtkWidget *cell)
{
  const char *text = gtk_label_get_text (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text && *text ? text : _ ("Empty"), -1);
}

static GtkLabel *
first_label (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (c))
        return GTK_LABEL (c);
      if ((found = first_label (c)) != NULL)
        return found;
    }
  return NULL;
}

/* Without an accessible label or labelling widget (GTK 4.8 then says its
 * class name), and not named here before. */
static gboolean
is_unnamed (GtkWidget *widget)
{
  g_autofree char *empty = NULL;

  if (g_object_get_data (G_OBJECT (widget), "prl-a11y-named") != NULL
      || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  /* A label given in a template or by code is the widget's own, unless
   * it is empty (GTK 4.8 has no getter; the test API compares). */
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  empty = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return empty == NULL;
}

static void
set_label (gpointer accessible, const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (accessible),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* GTK 4.8 makes a button's child its labelling widget. For an icon-only
 * button that is an image without a name, so the button reads as
 * "GtkButton" even with a tooltip: libadwaita's About window (its Back
 * buttons) and GtkShortcutsWindow (its search toggle) build theirs so.
 * The relation goes, and the button is named like any other. */
static void
unlabel_icon_only_button (GtkWidget *widget)
{
  GtkWidget       *child;
  g_autofree char *mismatch = NULL;

  if (!GTK_IS_BUTTON (widget)
      || g_object_get_data (G_OBJECT (widget), "prl-a11y-named") != NULL
      || (child = gtk_widget_get_first_child (widget)) == NULL || !GTK_IS_IMAGE (child)
      || gtk_widget_get_next_sibling (child) != NULL
      || !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return;

  /* Only when the image is all it is labelled by (4.8 takes a
   * NULL-terminated list of accessibles here). */
  mismatch = gtk_test_accessible_check_relation (
      GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL);
  if (mismatch == NULL)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* libadwaita 1.2 labels a preferences group's list by the group's title,
 * even when there is none: the list then reads as "GtkListBox". */
static void
name_untitled_group_list (GtkWidget *widget)
{
  GtkWidget  *group;
  const char *title, *description;

  if (!GTK_IS_LIST_BOX (widget)
      || (group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP)) == NULL
      || g_object_get_data (G_OBJECT (widget), "prl-a11y-named") != NULL)
    return;
  title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
  if (title != NULL && *title != '\0')
    return;
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_label (widget,
             description != NULL && *description != '\0' ? description : _ ("List"));
  g_object_set_data (G_OBJECT (widget), "prl-a11y-named", GINT_TO_POINTER (1));
}

static void
label_hidden_when_empty (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);

  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               text == NULL || *text == '\0', -1);
}

static void
name_stack_pages (GtkStack *stack)
{
  g_autoptr (GtkSelectionModel) pages = gtk_stack_get_pages (stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      GtkStackPage *page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char   *title = gtk_stack_page_get_title (page);

      /* Untitled pages are shown one at a time, like a box: the page's
       * content says what it is. */
      set_label (page, title != NULL && *title != '\0' ? title : _ ("Page"));
      g_object_unref (page);
    }
}

static const char *
text_of_child_label (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *text;

      if (GTK_IS_LABEL (c) && (text = gtk_label_get_text (GTK_LABEL (c))) && *text)
        return text;
      if ((text = text_of_child_label (c)) != NULL)
        return text;
    }
  return NULL;
}

/* What a button without a label of its own does: its tooltip, its text,
 * or what its icon means. */
static const char *
button_label (GtkWidget *button)
{
  static const struct
  {
    const char *icon;
    const char *label;
  } icons[] = {
    { "go-previous", N_ ("Back") },
    { "go-next", N_ ("Forward") },
    { "window-close", N_ ("Close") },
    { "edit-copy", N_ ("Copy") },
    { "open-menu", N_ ("Menu") },
    { "edit-find", N_ ("Search") },
    { "system-search", N_ ("Search") },
    { "list-add", N_ ("Add") },
    { "user-trash", N_ ("Delete") },
    { "media-playback-start", N_ ("Play") },
    { "media-playback-pause", N_ ("Pause") },
  };
  const char *tooltip = gtk_widget_get_tooltip_text (button);
  const char *text = text_of_child_label (button);
  const char *icon = gtk_button_get_icon_name (GTK_BUTTON (button));

  if (tooltip != NULL && *tooltip != '\0')
    return tooltip;
  if (text != NULL)
    return text;
  if (icon == NULL)
    for (GtkWidget *c = gtk_widget_get_first_child (button); c && icon == NULL;
         c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_IMAGE (c))
        icon = gtk_image_get_icon_name (GTK_IMAGE (c));
  /* "Search" alone does not say what the shortcuts window searches. */
  if (icon != NULL
      && (g_str_has_prefix (icon, "edit-find")
          || g_str_has_prefix (icon, "system-search"))
      && gtk_widget_get_ancestor (button, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
    return _ ("Search Shortcuts");
  for (guint i = 0; icon != NULL && i < G_N_ELEMENTS (icons); i++)
    if (g_str_has_prefix (icon, icons[i].icon))
      return _ (icons[i].label);
  return _ ("Button");
}

/**
 * prl_gui_a11y_name_widget:
 *
 * Gives @widget an accessible name that is not its class name, or no
 * name when it is only layout. Safe to call more than once.
 */
void
prl_gui_a11y_name_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_STACK (widget))
    {
      if (!g_object_get_data (G_OBJECT (widget), "prl-a11y-pages"))
        {
          GtkSelectionModel *pages = gtk_stack_get_pages (GTK_STACK (widget));

          /* Kept, so that pages added later are named too. */
          g_object_set_data_full (G_OBJECT (widget), "prl-a11y-pages", pages,
                                  g_object_unref);
          g_signal_connect_object (pages, "items-changed", G_CALLBACK (name_stack_pages),
                                   widget, G_CONNECT_SWAPPED);
        }
      name_stack_pages (GTK_STACK (widget));
    }

  if (GTK_IS_LABEL (widget))
    {
      if (!g_object_get_data (G_OBJECT (widget), "prl-a11y-label"))
        {
          g_object_set_data (G_OBJECT (widget), "prl-a11y-label", GINT_TO_POINTER (1));
          g_signal_connect (widget, "notify::label", G_CALLBACK (label_hidden_when_empty),
                            NULL);
        }
      label_hidden_when_empty (GTK_LABEL (widget));
    }

  name_untitled_group_list (widget);
  unlabel_icon_only_button (widget);
  if (!is_unnamed (widget))
    return;

  if (own_widget_label (widget) != NULL)
    set_label (widget, own_widget_label (widget));
  else if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "PrlStatusBadge")
           && gtk_widget_get_tooltip_text (widget) != NULL)
    set_label (widget, gtk_widget_get_tooltip_text (widget));
  else if (ADW_IS_VIEW_SWITCHER (widget))
    set_label (widget, _ ("Views"));
  else if (GTK_IS_LIST_BOX (widget))
    {
      GtkWidget  *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
      const char *title
          = group ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group))
                  : NULL;

      set_label (widget, title && *title ? title : _ ("List"));
    }
  else if (GTK_IS_FLOW_BOX (widget))
    set_label (widget, _ ("Items"));
  else if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnListView"))
    set_label (widget, _ ("Rows"));
  else if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget")
           && GTK_IS_COLUMN_VIEW (gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW))
           && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))
                  == GTK_ACCESSIBLE_ROLE_ROW)
    set_label (widget, GTK_IS_COLUMN_VIEW (parent) ? _ ("Column headers") : _ ("Row"));
  else if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewCell")
           || GTK_IS_FLOW_BOX_CHILD (widget))
    {
      /* A cell reads as its text, which changes as rows are reused. */
      GtkLabel *label = first_label (widget);

      if (label != NULL)
        {
          g_signal_connect_object (label, "notify::label",
                                   G_CALLBACK (cell_label_changed_cb), widget, 0);
          cell_label_changed_cb (label, NULL, widget);
        }
      else
        set_label (widget, _ ("Cell"));
    }
  else if (GTK_IS_LIST_VIEW (widget))
    set_label (widget, _ ("Choices"));
  else if (GTK_IS_SEARCH_ENTRY (widget))
    set_label (widget, _ ("Search"));
  else if (GTK_IS_TEXT_VIEW (widget))
    set_label (widget, _ ("Text"));
  else if (GTK_IS_SCROLLBAR (widget))
    set_label (widget, gtk_orientable_get_orientation (GTK_ORIENTABLE (widget))
                               == GTK_ORIENTATION_VERTICAL
                           ? _ ("Vertical scroll bar")
                           : _ ("Horizontal scroll bar"));
  else if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_DROP_DOWN (parent))
    set_label (widget, _ ("Show the choices"));
  else if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_MENU_BUTTON (parent))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (parent));
      const char *tooltip = gtk_widget_get_tooltip_text (parent);

      set_label (widget, label ? label : tooltip ? tooltip : _ ("Menu"));
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      set_label (widget, label ? label : tooltip ? tooltip : _ ("Menu"));
    }
  else if (GTK_IS_EXPANDER (widget))
    {
      const char *label = gtk_expander_get_label (GTK_EXPANDER (widget));

      if (label == NULL)
        label = text_of_child_label (widget);
      set_label (widget, label ? label : _ ("Details"));
    }
  else if (GTK_IS_SCALE_BUTTON (widget))
    set_label (widget, _ ("Volume"));
  else if (GTK_IS_SCALE (widget)
           && gtk_widget_get_ancestor (widget, GTK_TYPE_MEDIA_CONTROLS))
    set_label (widget, _ ("Position"));
  else if (GTK_IS_BUTTON (widget)
           && gtk_widget_get_ancestor (widget, GTK_TYPE_MEDIA_CONTROLS))
    set_label (widget, _ ("Play or Pause"));
  else if (GTK_IS_BUTTON (widget))
    set_label (widget, button_label (widget));
  else if (GTK_IS_IMAGE (widget))
    /* A decorative icon (those that mean something have a label). */
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 TRUE, -1);

  /* Named once: the check above is by the widget's name. */
  if (!GTK_IS_LABEL (widget) && !GTK_IS_IMAGE (widget))
    g_object_set_data (G_OBJECT (widget), "prl-a11y-named", GINT_TO_POINTER (1));
}

/**
 * prl_gui_a11y_name_tree:
 *
 * prl_gui_a11y_name_widget() on @widget and everything in it: for content
 * built into a page that may not have been shown yet.
 */
void
prl_gui_a11y_name_tree (GtkWidget *widget)
{
  prl_gui_a11y_name_widget (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c;
       c = gtk_widget_get_next_sibling (c))
    prl_gui_a11y_name_tree (c);
}

/* A window is named whole as it is realized (GTK 4.8 exposes the pages
 * of its stacks that were never shown, hence never realized); widgets
 * added later, as they are realized. */
static gboolean
realize_hook (GSignalInvocationHint *hint,
              guint                  n_params,
              const GValue          *params,
              gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);

  if (GTK_IS_ROOT (widget))
    prl_gui_a11y_name_tree (widget);
  else
    prl_gui_a11y_name_widget (widget);
  return TRUE;
}

static gboolean
show_hook (GSignalInvocationHint *hint,
           guint                  n_params,
           const GValue          *params,
           gpointer               user_data)
{
  prl_gui_a11y_name_tree (g_value_get_object (&params[0]));
  return TRUE;
}

/**
 * prl_gui_a11y_install:
 *
 * Names every widget of the application as it is realized (see
 * prl_gui_a11y_name_widget()). Call once, at startup.
 */
void
prl_gui_a11y_install (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  realize_hook, NULL, NULL);
      /* GTK 4.8 also puts in the tree the widgets of pages never shown,
       * which are never realized; those that were hidden (an empty
       * preferences group's list) are named as they are shown. */
      g_signal_add_emission_hook (g_signal_lookup ("show", GTK_TYPE_WIDGET), 0, show_hook,
                                  NULL, NULL);

      g_once_init_leave (&done, 1);
    }
}
