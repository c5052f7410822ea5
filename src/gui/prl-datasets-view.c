/* prl-datasets-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-datasets-view"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-eval-split.h"
#include "prl-gui-util.h"
#include "prl-pager.h"
#include "prl-wiki-dialog.h"

#include "prl-datasets-view.h"

/* A model's datasets on its details page, one row per dataset (the files
 * uploaded together, PrlDatasetGroup). The workspace's live list of the
 * model's files is gathered into datasets whenever it changes; they flow
 * through the column view's sorter and a page slice (PrlPageModel, with
 * PrlPager below), so sorting covers every dataset while a page shows 25
 * to 100 of them. The Files column's button lists a dataset's files; the
 * Source column says where the data came from (the file the user chose,
 * or the folder of several), not the stored copy. Each row has a menu
 * with Copy Location of Stored Copy and Delete (confirmed first). Below
 * the list, the test pairs: how many audio files have a reference
 * transcript and which files have no partner, recomputed whenever the
 * list changes. With a manifest but no
 * TEST data, a line shows how the manifest is split between training and
 * testing, as the workspace counts it in a thread from the stored manifests.
 */
struct _PrlDatasetsView
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkButton           *add_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *ended_column;
  GtkLabel            *empty_label;
  PrlPager            *pager;
  GtkLabel            *pairs_label;
  GMenuModel          *row_menu;
  GtkLabel            *split_label;
  GtkStack            *stack;
  GtkColumnViewColumn *started_column;
  GtkLabel            *unpaired_label;

  /* Owned References */
  PrlWorkspace     *workspace; /* (nullable) */
  PrlModel         *model;     /* (nullable) */
  GListModel       *datasets;  /* (nullable): the workspace's live list of files */
  GListStore       *groups;    /* the files gathered into datasets */
  GtkSortListModel *sorted;
  PrlPageModel     *page_model;
  GMenuModel       *menu;              /* the row menu, kept past dispose_template */
  GCancellable     *split_cancellable; /* (nullable): the count under way */
  gboolean          split_applies;
};

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODEL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlDatasetsView, prl_datasets_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
update_stack (PrlDatasetsView *self)
{
  guint n = self->datasets ? g_list_model_get_n_items (self->datasets) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
update_pairs (PrlDatasetsView *self)
{
  g_autoptr (PrlTestPairs) pairs = NULL;
  g_autofree char *text = NULL;

  if (self->datasets != NULL)
    pairs = prl_workspace_get_test_pairs (self->workspace, self->model);

  if (pairs == NULL || (pairs->n_pairs == 0 && pairs->unpaired->len == 0))
    {
      gtk_label_set_label (self->pairs_label,
                           _ ("No test pairs yet: add audio files and test transcripts "
                              "with the same name, or a manifest."));
      gtk_widget_set_visible (GTK_WIDGET (self->pairs_label), !self->split_applies);
      gtk_widget_set_visible (GTK_WIDGET (self->unpaired_label), FALSE);
      return;
    }

  text = g_strdup_printf (ngettext ("%u test pair", "%u test pairs", pairs->n_pairs),
                          pairs->n_pairs);
  gtk_label_set_label (self->pairs_label, text);
  /* With the split, the split line tells how many pairs test the model. */
  gtk_widget_set_visible (GTK_WIDGET (self->pairs_label), !self->split_applies);

  if (pairs->unpaired->len > 0)
    {
      g_autoptr (GString) names = g_string_new (NULL);
      g_autofree char *unpaired = NULL;

      for (guint i = 0; i < pairs->unpaired->len; i++)
        {
          if (i > 0)
            /* Translators: the separator of a list of file names */
            g_string_append (names, _ (", "));
          g_string_append (names, g_ptr_array_index (pairs->unpaired, i));
        }

      /* Translators: %s is a list of file names */
      unpaired = g_strdup_printf (_ ("Files without a partner: %s"), names->str);
      gtk_label_set_label (self->unpaired_label, unpaired);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unpaired_label), pairs->unpaired->len > 0);
}

static void
count_split_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlDatasetsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint            n_training = 0, n_held_out = 0;

  /* A newer count, or dispose, cancelled this one. */
  if (!prl_workspace_count_split_finish (PRL_WORKSPACE (object), result, &n_training,
                                         &n_held_out, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->split_cancellable);

  if (error != NULL)
    /* Translators: %s says why */
    text = g_strdup_printf (_ ("No TEST data, and the manifests could not be read to "
                               "show how they are split: %s"),
                            error->message);
  else
    text = prl_eval_split_describe (n_training, n_held_out);

  gtk_label_set_label (self->split_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->split_label), TRUE);
}

/* Recounts the manifests' split, or hides the line when none applies. */
static void
update_split (PrlDatasetsView *self)
{
  g_autoptr (GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->datasets ? g_list_model_get_n_items (self->datasets) : 0;

  g_cancellable_cancel (self->split_cancellable);
  g_clear_object (&self->split_cancellable);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (datasets, g_list_model_get_item (self->datasets, i));

  self->split_applies = prl_eval_split_applies (datasets);
  if (!self->split_applies)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->split_label), FALSE);
      return;
    }

  /* The old line stays until the new count replaces it, without flicker. */
  self->split_cancellable = g_cancellable_new ();
  prl_workspace_count_split_async (self->workspace, self->model, self->split_cancellable,
                                   count_split_done_cb, g_object_ref (self));
}

static void
update_groups (PrlDatasetsView *self)
{
  g_autoptr (GPtrArray) groups = NULL;

  if (self->datasets != NULL)
    groups = prl_dataset_group_collect (self->datasets);
  g_list_store_splice (self->groups, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->groups)),
                       groups ? groups->pdata : NULL, groups ? groups->len : 0);
}

static void
datasets_changed_cb (PrlDatasetsView *self)
{
  update_groups (self);
  update_stack (self);
  update_split (self);
  update_pairs (self);
}

/* Only the workspace's own models have datasets in it. */
static gboolean
model_in_workspace (PrlDatasetsView *self)
{
  if (self->workspace == NULL || self->model == NULL)
    return FALSE;

  return g_list_store_find (G_LIST_STORE (prl_workspace_get_models (self->workspace)),
                            self->model, NULL);
}

static void
reload (PrlDatasetsView *self)
{
  GListModel *datasets = NULL;

  if (model_in_workspace (self))
    datasets = prl_workspace_get_datasets (self->workspace, self->model);

  if (datasets != self->datasets)
    {
      if (self->datasets != NULL)
        g_signal_handlers_disconnect_by_data (self->datasets, self);
      g_set_object (&self->datasets, datasets);
      if (datasets != NULL)
        g_signal_connect_swapped (datasets, "items-changed",
                                  G_CALLBACK (datasets_changed_cb), self);
      prl_page_model_set_page (self->page_model, 0);
      /* Another model's split must not show while this one's is counted. */
      gtk_widget_set_visible (GTK_WIDGET (self->split_label), FALSE);
    }

  datasets_changed_cb (self);
}

/* Cells, with the prl_gui_list_item_*() helpers. */
static void
numeric_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  prl_gui_list_item_bind_label (item, "name", NULL);
}

static void
type_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  prl_gui_list_item_bind_label (item, "type-label", NULL);
}

static gboolean
duration_to_label (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  double  seconds = g_value_get_double (from);
  guint64 s;

  /* Text has no duration. */
  if (seconds < 0)
    {
      g_value_set_string (to, "—");
      return TRUE;
    }

  s = (guint64)(seconds + 0.5);
  g_value_take_string (to, g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600,
                                            (guint)(s / 60 % 60), (guint)(s % 60)));
  return TRUE;
}

static void
duration_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  prl_gui_list_item_bind_label (item, "duration", duration_to_label);
}

static gboolean
time_to_label (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  GDateTime *time = g_value_get_boxed (from);
  g_autoptr (GDateTime) local = NULL;

  if (time == NULL)
    {
      g_value_set_string (to, "—");
      return TRUE;
    }

  local = g_date_time_to_local (time);
  g_value_take_string (to, g_date_time_format (local, "%Y-%m-%d %H:%M:%S"));
  return TRUE;
}

/* What the two times are: the import of the file, not the recording. */
static gboolean
started_to_tooltip (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_auto (GValue) time = G_VALUE_INIT;

  g_value_init (&time, G_TYPE_STRING);
  time_to_label (binding, from, &time, NULL);
  /* Translators: %s is a date and time */
  g_value_take_string (to, g_strdup_printf (_ ("Parlance began copying the dataset’s "
                                               "files into the workspace at %s"),
                                            g_value_get_string (&time)));
  return TRUE;
}

static gboolean
ended_to_tooltip (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_auto (GValue) time = G_VALUE_INIT;

  g_value_init (&time, G_TYPE_STRING);
  time_to_label (binding, from, &time, NULL);
  /* Translators: %s is a date and time */
  g_value_take_string (to, g_strdup_printf (_ ("Every file was copied into the "
                                               "workspace, checked, and added to the "
                                               "model at %s"),
                                            g_value_get_string (&time)));
  return TRUE;
}

static void
bind_tooltip (GtkListItem *item, const char *property, GBindingTransformFunc transform)
{
  prl_gui_list_item_keep_binding (
      item, g_object_bind_property_full (
                gtk_list_item_get_item (item), property, gtk_list_item_get_child (item),
                "tooltip-text", G_BINDING_SYNC_CREATE, transform, NULL, NULL, NULL));
}

static void
started_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  prl_gui_list_item_bind_label (item, "started", time_to_label);
  bind_tooltip (item, "started", started_to_tooltip);
}

static void
ended_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  prl_gui_list_item_bind_label (item, "ended", time_to_label);
  bind_tooltip (item, "ended", ended_to_tooltip);
}

static void
url_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 16);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 40);
  /* One line: an inscription fills all the height it is given. */
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, inscription);
}

static gboolean
source_to_tooltip (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  /* Translators: %s is a file's path, or a folder and how many files */
  g_value_take_string (to, g_strdup_printf (_ ("Uploaded from %s. Parlance keeps its "
                                               "own copy, so the original may be moved "
                                               "or deleted."),
                                            g_value_get_string (from)));
  return TRUE;
}

static void
url_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GObject   *group = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  /* Where the data came from: the path the user chose (only the file's
   * name for datasets added before paths were recorded), or the folder of
   * several files; not the store's copy. */
  prl_gui_list_item_keep_binding (
      item,
      g_object_bind_property (group, "source", child, "text", G_BINDING_SYNC_CREATE));
  prl_gui_list_item_keep_binding (
      item, g_object_bind_property_full (group, "source", child, "tooltip-text",
                                         G_BINDING_SYNC_CREATE, source_to_tooltip, NULL,
                                         NULL, NULL));
}

/* The Files column: a button saying how many, whose popover lists them. */
static void
files_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_name (button, "files-button");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_list_item_set_child (item, button);
}

static GtkWidget *
file_row (PrlDataset *file)
{
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget       *name = gtk_label_new (prl_dataset_get_name (file));
  GtkWidget       *details;
  const char      *source = prl_dataset_get_source (file);
  g_autofree char *size = g_format_size (prl_dataset_get_size (file));
  g_autofree char *text = NULL;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  if (prl_dataset_get_duration (file) >= 0)
    /* Translators: a file's type, size and seconds of audio, e.g.
     * "Audio, 64.0 kB, 2.0 s" */
    text = g_strdup_printf (
        _ ("%s, %s, %.1f s"),
        prl_dataset_type_get_label (prl_dataset_get_dataset_type (file)), size,
        prl_dataset_get_duration (file));
  else
    /* Translators: a file's type and size, e.g. "Training text, 1.2 kB" */
    text = g_strdup_printf (
        _ ("%s, %s"), prl_dataset_type_get_label (prl_dataset_get_dataset_type (file)),
        size);
  if (*source != '\0')
    {
      g_autofree char *with_source = g_strdup_printf ("%s — %s", text, source);

      g_free (text);
      text = g_steal_pointer (&with_source);
    }
  details = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (details), 60);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  return box;
}

static void
files_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  PrlDatasetGroup *group = gtk_list_item_get_item (item);
  GtkWidget       *button = gtk_list_item_get_child (item);
  GtkPopover      *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  GtkWidget       *list = gtk_list_box_new ();
  guint            n = prl_dataset_group_get_n_files (group);
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: how many files a dataset has */
  label = g_strdup_printf (ngettext ("%u file", "%u files", n), n);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  /* Translators: %s is a dataset's name */
  accessible = g_strdup_printf (_ ("Files of %s"), prl_dataset_group_get_name (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  /* A list, so that the keyboard and screen readers go from file to file. */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         file_row (prl_dataset_group_get_file (group, i)));
  /* Fetched text says where from, under which licence: it must stay
   * attributed. */
  {
    g_autofree char *provenance
        = prl_wiki_describe_provenance (prl_dataset_group_get_provenance (group));

    if (provenance != NULL)
      {
        GtkWidget *source = gtk_label_new (provenance);

        gtk_widget_set_name (source, "provenance-label");
        gtk_label_set_wrap (GTK_LABEL (source), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (source), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_max_width_chars (GTK_LABEL (source), 60);
        gtk_label_set_xalign (GTK_LABEL (source), 0);
        gtk_label_set_selectable (GTK_LABEL (source), TRUE);
        gtk_widget_set_margin_start (source, 12);
        gtk_widget_set_margin_end (source, 12);
        gtk_widget_set_margin_top (source, 6);
        gtk_widget_set_margin_bottom (source, 6);
        gtk_list_box_append (GTK_LIST_BOX (list), source);
      }
  }
  gtk_popover_set_child (popover, list);
}

/* The row menu. Its actions live in a group on the row's button and find
 * the row's dataset through the list item.
 */
static PrlDatasetGroup *
row_dataset (GtkWidget *button)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "list-item");

  return item != NULL ? gtk_list_item_get_item (item) : NULL;
}

static void
copy_url_activate_cb (GSimpleAction *action, GVariant *param, GtkWidget *button)
{
  PrlDatasetGroup *dataset = row_dataset (button);
  PrlDatasetsView *self
      = PRL_DATASETS_VIEW (gtk_widget_get_ancestor (button, PRL_TYPE_DATASETS_VIEW));
  g_autoptr (GString) uris = g_string_new (NULL);
  guint n;

  if (dataset == NULL || self == NULL)
    return;

  /* One location a line, in the dataset's order. */
  n = prl_dataset_group_get_n_files (dataset);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (uris, '\n');
      g_string_append (uris,
                       prl_dataset_get_uri (prl_dataset_group_get_file (dataset, i)));
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), uris->str);
  prl_gui_add_toast (GTK_WIDGET (self),
                     ngettext ("Copied the location of the stored copy",
                               "Copied the locations of the stored copies", n));
}

static void
delete_activate_cb (GSimpleAction *action, GVariant *param, GtkWidget *button)
{
  PrlDatasetGroup *dataset = row_dataset (button);
  PrlDatasetsView *self
      = PRL_DATASETS_VIEW (gtk_widget_get_ancestor (button, PRL_TYPE_DATASETS_VIEW));

  if (dataset != NULL && self != NULL)
    prl_datasets_view_delete_dataset (self, dataset);
}

static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PrlDatasetsView          *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) copy_url = g_simple_action_new ("copy-url", NULL);
  g_autoptr (GSimpleAction) delete = g_simple_action_new ("delete", NULL);

  gtk_widget_set_name (button, "row-menu-button");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), self->menu);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (button, _ ("More Actions"));

  g_signal_connect (copy_url, "activate", G_CALLBACK (copy_url_activate_cb), button);
  g_signal_connect (delete, "activate", G_CALLBACK (delete_activate_cb), button);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (copy_url));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (delete));
  gtk_widget_insert_action_group (button, "dataset", G_ACTION_GROUP (group));

  g_object_set_data (G_OBJECT (button), "list-item", item);
  gtk_list_item_set_child (item, button);
}

static void
actions_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget       *button = gtk_list_item_get_child (item);
  const char      *name = prl_dataset_group_get_name (gtk_list_item_get_item (item));
  g_autofree char *label = NULL;

  /* Screen readers hear which dataset the menu acts on. */
  /* Translators: %s is a dataset's name */
  label = g_strdup_printf (_ ("Actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

static int
compare_ended (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GDateTime *ea = prl_dataset_group_get_ended ((PrlDatasetGroup *)a);
  GDateTime *eb = prl_dataset_group_get_ended ((PrlDatasetGroup *)b);
  int        cmp;

  if (ea == NULL || eb == NULL)
    cmp = (ea != NULL) - (eb != NULL);
  else
    cmp = g_date_time_compare (ea, eb);

  return cmp < 0   ? GTK_ORDERING_SMALLER
         : cmp > 0 ? GTK_ORDERING_LARGER
                   : GTK_ORDERING_EQUAL;
}

/* Deletion */
static void
delete_dataset_async (PrlWorkspace       *workspace,
                      GObject            *object,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  /* Any file of the dataset stands for it. */
  prl_workspace_delete_dataset_async (
      workspace, prl_dataset_group_get_file (PRL_DATASET_GROUP (object), 0), cancellable,
      callback, user_data);
}

static void
prl_datasets_view_dispose (GObject *object)
{
  PrlDatasetsView *self = PRL_DATASETS_VIEW (object);

  if (self->datasets != NULL)
    g_signal_handlers_disconnect_by_data (self->datasets, self);
  g_cancellable_cancel (self->split_cancellable);
  g_clear_object (&self->split_cancellable);
  g_clear_object (&self->datasets);
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_DATASETS_VIEW);
  prl_gui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->page_model);
  g_clear_object (&self->sorted);
  g_clear_object (&self->groups);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (prl_datasets_view_parent_class)->dispose (object);
}

static void
prl_datasets_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PrlDatasetsView *self = PRL_DATASETS_VIEW (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, self->model))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_datasets_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PrlDatasetsView *self = PRL_DATASETS_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      prl_datasets_view_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      prl_datasets_view_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_datasets_view_class_init (PrlDatasetsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_datasets_view_dispose;
  object_class->get_property = prl_datasets_view_get_property;
  object_class->set_property = prl_datasets_view_set_property;

  properties[PROP_WORKSPACE] = prl_gui_param_spec_workspace (G_PARAM_READWRITE);
  /**
   * PrlDatasetsView:model: (nullable)
   *
   * The model whose datasets are listed.
   */
  properties[PROP_MODEL] = prl_gui_param_spec_model (G_PARAM_READWRITE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-datasets-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, ended_column);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, pager);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, pairs_label);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, row_menu);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, split_label);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, started_column);
  gtk_widget_class_bind_template_child (widget_class, PrlDatasetsView, unpaired_label);
  gtk_widget_class_bind_template_callback (widget_class, actions_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, actions_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, ended_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_setup_cb);
  gtk_widget_class_bind_template_callback_full (
      widget_class, "label_setup_cb", G_CALLBACK (prl_gui_list_item_setup_label));
  gtk_widget_class_bind_template_callback (widget_class, name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, numeric_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, started_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_bind_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "unbind_cb",
                                                G_CALLBACK (prl_gui_list_item_unbind));
  gtk_widget_class_bind_template_callback (widget_class, url_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_setup_cb);

  g_type_ensure (PRL_TYPE_DATASET_GROUP);
  g_type_ensure (PRL_TYPE_PAGER);
}

static void
prl_datasets_view_init (PrlDatasetsView *self)
{
  g_autoptr (GtkCustomSorter) ended_sorter = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->menu = g_object_ref (self->row_menu);

  ended_sorter = gtk_custom_sorter_new (compare_ended, NULL, NULL);
  gtk_column_view_column_set_sorter (self->ended_column, GTK_SORTER (ended_sorter));

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->groups = g_list_store_new (PRL_TYPE_DATASET_GROUP);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->groups)),
                                          g_object_ref (sorter));
  self->page_model = prl_page_model_new (G_LIST_MODEL (self->sorted), 25);

  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (
                                 g_object_ref (G_LIST_MODEL (self->page_model)))));
  prl_pager_set_model (self->pager, self->page_model);

  /* Newest import first until the user picks another order. */
  gtk_column_view_sort_by_column (self->column_view, self->started_column,
                                  GTK_SORT_DESCENDING);

  reload (self);
}

GtkWidget *
prl_datasets_view_new (void)
{
  return g_object_new (PRL_TYPE_DATASETS_VIEW, NULL);
}

PrlWorkspace *
prl_datasets_view_get_workspace (PrlDatasetsView *self)
{
  g_return_val_if_fail (PRL_IS_DATASETS_VIEW (self), NULL);
  return self->workspace;
}

void
prl_datasets_view_set_workspace (PrlDatasetsView *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_DATASETS_VIEW (self));
  g_return_if_fail (workspace == NULL || PRL_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

PrlModel *
prl_datasets_view_get_model (PrlDatasetsView *self)
{
  g_return_val_if_fail (PRL_IS_DATASETS_VIEW (self), NULL);
  return self->model;
}

void
prl_datasets_view_set_model (PrlDatasetsView *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_DATASETS_VIEW (self));
  g_return_if_fail (model == NULL || PRL_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * prl_datasets_view_get_page_model:
 *
 * Returns: (transfer none): the page of datasets the column view shows
 */
PrlPageModel *
prl_datasets_view_get_page_model (PrlDatasetsView *self)
{
  g_return_val_if_fail (PRL_IS_DATASETS_VIEW (self), NULL);
  return self->page_model;
}

/**
 * prl_datasets_view_delete_dataset:
 * @dataset: one of the listed datasets
 *
 * Asks for confirmation, then deletes @dataset with all its files through
 * the workspace and reports the outcome in a toast. This is what the row
 * menu's Delete does.
 */
void
prl_datasets_view_delete_dataset (PrlDatasetsView *self, PrlDatasetGroup *dataset)
{
  g_autofree char *heading = NULL;
  guint            n;

  g_return_if_fail (PRL_IS_DATASETS_VIEW (self));
  g_return_if_fail (PRL_IS_DATASET_GROUP (dataset));

  n = prl_dataset_group_get_n_files (dataset);
  /* Translators: %s is a dataset's name */
  heading = g_strdup_printf (_ ("Delete “%s”?"), prl_dataset_group_get_name (dataset));
  prl_gui_confirm_and_delete (
      GTK_WIDGET (self), G_OBJECT (dataset), heading,
      ngettext ("The stored copy of this dataset’s file is removed from the model. Your "
                "original file is not touched. This cannot be undone.",
                "The stored copies of this dataset’s files are removed from the model. "
                "Your original files are not touched. This cannot be undone.",
                n),
      delete_dataset_async, prl_workspace_delete_dataset_finish);
}
