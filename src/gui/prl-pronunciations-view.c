/* prl-pronunciations-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-pronunciations-view"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-pronunciation-list.h"
#include "prl-watson-train.h"

#include "prl-pronunciations-view.h"

/* The pronunciation list of a model: every word with its phones, tagged
 * "Generated" (made by training's phonemizer) or "Yours". The Word and
 * Phones rows save a user entry; the phones are checked against the
 * acoustic model's phone set as they are typed, and the first unknown one
 * is named under the row. Edit fills the rows from an entry; Delete asks
 * first. The list reloads after every change and after each training.
 *
 * An IBM Watson model's entries are Watson's custom words instead: what
 * the word sounds like and how to display it, `lie sin oh pril |
 * Lisinopril`, checked against Watson's limits as typed, sent as custom
 * words before Watson trains; "Generated" are then the words Watson found
 * out of its vocabulary in the training text.
 *
 * A large training generates a pronunciation for every new word, 100,000
 * and more. The store reads them on its own thread; the whole array then
 * becomes the list model at once (PrlPronunciationList, O(1) on the main
 * thread), and a GtkListView makes rows only for what is on screen.
 */

struct _PrlPronunciationsView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkLabel    *count_label;
  GtkLabel    *error_label;
  GtkWidget   *list_scroller;
  GtkListView *list_view;
  GtkStack    *list_stack;
  AdwEntryRow *phones_row;
  AdwEntryRow *word_row;

  PrlPronunciationList *list; /* (owned) */

  PrlWorkspace *workspace;     /* (owned) (nullable) */
  PrlModel     *model;         /* (owned) (nullable) */
  GSignalGroup *model_signals; /* (owned) */
  GCancellable *cancellable;   /* (owned) (nullable): the load running */
  char         *save_error;    /* (owned) (nullable): refused by the store */

  guint loading : 1;
  guint saving : 1;
};

typedef struct
{
  PrlPronunciationsView *self; /* (owned) */
  char                  *word; /* (owned) */
} DeleteData;

G_DEFINE_FINAL_TYPE (PrlPronunciationsView, prl_pronunciations_view, GTK_TYPE_WIDGET)

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_free (data->word);
  g_free (data);
}

static char *normalize_phones (const char *text);

/* An IBM Watson model's entries are Watson's custom words, not phones:
 * what the word sounds like and how to display it (prl-watson-words.c). */
static gboolean
is_watson (PrlPronunciationsView *self)
{
  return self->model != NULL
         && g_strcmp0 (prl_model_get_provider (self->model), PRL_WATSON_PROVIDER) == 0;
}

/* Upper-cased phones, single-spaced; a Watson entry single-spaced as
 * typed. */
static char *
normalize_entry (PrlPronunciationsView *self, const char *text)
{
  g_auto (GStrv) parts = NULL;

  if (!is_watson (self))
    return normalize_phones (text);
  parts = g_strsplit_set (text, " \t", -1);
  for (guint i = 0, j = 0;; i++)
    {
      if (parts[i] != NULL && *parts[i] == '\0')
        {
          g_free (parts[i]);
          continue;
        }
      parts[j++] = parts[i];
      if (parts[i] == NULL)
        break;
    }
  return g_strjoinv (" ", parts);
}

/* Upper-cased phones, single-spaced. */
static char *
normalize_phones (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, " \t", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *up = NULL;

      if (*parts[i] == '\0')
        continue;
      up = g_ascii_strup (parts[i], -1);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, up);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The message for the first phone the model's provider does not know, or
 * NULL: the same sentence as parlance-cli's. */
static char *
check_phones (PrlPronunciationsView *self, const char *phones)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *word = NULL;

  if (self->workspace == NULL || self->model == NULL)
    return NULL;
  if (is_watson (self))
    {
      word
          = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->word_row))));
      if (*phones == '\0'
          || prl_watson_check_word_entry (*word != '\0' ? word : _ ("the word"), phones,
                                          &error))
        return NULL;
      return g_strdup (error->message);
    }
  if (prl_workspace_check_pronunciation (self->workspace, self->model, phones, &error))
    return NULL;
  return g_strdup (error->message);
}

static void
update_state (PrlPronunciationsView *self)
{
  g_autofree char *word
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->word_row))));
  g_autofree char *phones
      = normalize_entry (self, gtk_editable_get_text (GTK_EDITABLE (self->phones_row)));
  g_autofree char *message = check_phones (self, phones);
  gboolean         can_save;

  if (message == NULL && self->save_error != NULL)
    message = g_strdup (self->save_error);

  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->phones_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->phones_row), "error");
  gtk_accessible_update_state (
      GTK_ACCESSIBLE (self->phones_row), GTK_ACCESSIBLE_STATE_INVALID,
      message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);

  can_save = self->workspace != NULL && self->model != NULL && !self->saving
             && message == NULL && *word != '\0' && *phones != '\0';
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pronunciations.save", can_save);
}

static void
on_entry_changed_cb (PrlPronunciationsView *self)
{
  g_clear_pointer (&self->save_error, g_free);
  update_state (self);
}

static void
edit_clicked_cb (GtkButton *button, PrlPronunciationsView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  gtk_editable_set_text (GTK_EDITABLE (self->word_row),
                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_editable_set_text (GTK_EDITABLE (self->phones_row),
                         adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  gtk_widget_grab_focus (GTK_WIDGET (self->phones_row));
}

static void
delete_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlPronunciationsView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!prl_workspace_delete_pronunciation_finish (PRL_WORKSPACE (object), result, &error))
    {
      if (self->list_view != NULL)
        prl_gui_add_toast (GTK_WIDGET (self), error->message);
      return;
    }

  prl_pronunciations_view_reload (self);
}

static void
delete_confirmed (gpointer user_data)
{
  DeleteData *data = user_data;

  if (data->self->workspace != NULL && data->self->model != NULL)
    prl_workspace_delete_pronunciation_async (data->self->workspace, data->self->model,
                                              data->word, NULL, delete_cb,
                                              g_object_ref (data->self));
  delete_data_free (data);
}

static void
delete_clicked_cb (GtkButton *button, PrlPronunciationsView *self)
{
  GtkWidget  *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  DeleteData *data = g_new0 (DeleteData, 1);
  g_autofree char *heading = NULL;

  data->self = g_object_ref (self);
  data->word = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  /* Translators: %s is a word */
  heading = g_strdup_printf (_ ("Delete the Pronunciation of “%s”?"), data->word);
  prl_gui_confirm_delete (GTK_WIDGET (self), heading,
                          _ ("The next training generates a pronunciation for the word "
                             "again if it is still in the training text."),
                          delete_confirmed, data, (GDestroyNotify)delete_data_free);
}

static GtkWidget *
make_button (PrlPronunciationsView *self,
             const char            *icon,
             const char            *tooltip,
             const char            *name,
             GCallback              callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
add_tag (GtkWidget *row)
{
  GtkWidget *tag = gtk_label_new (NULL);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  return tag;
}

/* Rows are made for what is on screen only, and reused as it scrolls. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PrlPronunciationsView    *self)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "tag", add_tag (row));
  g_object_set_data (G_OBJECT (row), "edit",
                     make_button (self, "document-edit-symbolic", _ ("Edit"), _ ("Edit"),
                                  G_CALLBACK (edit_clicked_cb)));
  g_object_set_data (G_OBJECT (row), "delete",
                     make_button (self, "user-trash-symbolic", _ ("Delete"), _ ("Delete"),
                                  G_CALLBACK (delete_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_get_data (G_OBJECT (row), "edit"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_get_data (G_OBJECT (row), "delete"));
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PrlPronunciationsView    *self)
{
  PrlPronunciationItem *item = gtk_list_item_get_item (list_item);
  PrlPronunciation     *p = prl_pronunciation_item_get_entry (item);
  GtkWidget            *row = gtk_list_item_get_child (list_item);
  GtkWidget            *tag = g_object_get_data (G_OBJECT (row), "tag");
  /* Translators: a button's accessible name; %s is a word */
  g_autofree char *edit_name = g_strdup_printf (_ ("Edit “%s”"), p->word);
  /* Translators: a button's accessible name; %s is a word */
  g_autofree char *delete_name = g_strdup_printf (_ ("Delete “%s”"), p->word);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->word);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->phones);

  gtk_label_set_label (GTK_LABEL (tag), p->generated ? _ ("Generated") : _ ("Yours"));
  gtk_widget_remove_css_class (tag, p->generated ? "accent" : "dim-label");
  gtk_widget_add_css_class (tag, p->generated ? "dim-label" : "accent");
  gtk_widget_set_tooltip_text (tag, p->generated
                                        ? _ ("Made by training for a word not in the "
                                             "stock dictionary")
                                        : _ ("Your entry; training never replaces it"));
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "edit")),
      GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "delete")),
      GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name, -1);
}

/* About the height of a row with a subtitle. */
#define ROW_HEIGHT 56

/* The list, the "loading" line or the empty-list line. */
static void
update_list_state (PrlPronunciationsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (n > 0)
    {
      g_autofree char *count = NULL;

      /* Translators: %u is a number of pronunciations */
      count = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u pronunciation", "%u pronunciations", n), n);
      gtk_label_set_label (self->count_label, count);
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      /* The page's own scroller hands out minimum heights: ask for what a
       * few rows need, up to the list's maximum. */
      gtk_scrolled_window_set_min_content_height (
          GTK_SCROLLED_WINDOW (self->list_scroller), MIN (n, 8) * ROW_HEIGHT);
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      self->loading ? "loading" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
}

static void
clear_rows (PrlPronunciationsView *self)
{
  prl_pronunciation_list_replace (self->list, NULL);
  update_list_state (self);
}

static void
list_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlPronunciationsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;

  list
      = prl_workspace_list_pronunciations_finish (PRL_WORKSPACE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || self->list_view == NULL)
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (list == NULL)
    g_debug ("Could not list the pronunciations: %s", error->message);

  /* The array read on the store's thread becomes the model as it is. */
  prl_pronunciation_list_replace (self->list, g_steal_pointer (&list));
  update_list_state (self);
}

/**
 * prl_pronunciations_view_reload:
 *
 * Reads the model's pronunciation list again.
 */
void
prl_pronunciations_view_reload (PrlPronunciationsView *self)
{
  g_return_if_fail (PRL_IS_PRONUNCIATIONS_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->workspace == NULL || self->model == NULL)
    {
      self->loading = FALSE;
      clear_rows (self);
      return;
    }

  self->loading = TRUE;
  update_list_state (self);
  self->cancellable = g_cancellable_new ();
  prl_workspace_list_pronunciations_async (
      self->workspace, self->model, self->cancellable, list_cb, g_object_ref (self));
}

/**
 * prl_pronunciations_view_is_loading:
 *
 * Returns: whether a reload is still running
 */
gboolean
prl_pronunciations_view_is_loading (PrlPronunciationsView *self)
{
  g_return_val_if_fail (PRL_IS_PRONUNCIATIONS_VIEW (self), FALSE);
  return self->loading;
}

/* A model with no datasets that was never trained has no generated
 * entries; it is not read then, which keeps short-lived pages from leaving
 * a store query behind. Entries the user adds reload the list anyway.
 */
static void
load (PrlPronunciationsView *self)
{
  if (self->model != NULL
      && prl_model_get_status (self->model) == PRL_TRAINING_STATUS_NOT_RUNNING)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->loading = FALSE;
      clear_rows (self);
      return;
    }

  prl_pronunciations_view_reload (self);
}

static void
save_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlPronunciationsView) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = prl_workspace_set_pronunciation_finish (PRL_WORKSPACE (object), result, &error);
  self->saving = FALSE;
  if (self->list_view == NULL)
    return;

  if (!ok)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      update_state (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->word_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phones_row), "");
  update_state (self);
  prl_pronunciations_view_reload (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlPronunciationsView *self = PRL_PRONUNCIATIONS_VIEW (widget);
  g_autofree char       *word = NULL;
  g_autofree char       *phones = NULL;
  g_autofree char       *message = NULL;

  update_state (self);
  if (self->workspace == NULL || self->model == NULL || self->saving)
    return;

  word = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (self->word_row)), -1);
  g_strstrip (word);
  phones
      = normalize_entry (self, gtk_editable_get_text (GTK_EDITABLE (self->phones_row)));
  message = check_phones (self, phones);
  if (*word == '\0' || *phones == '\0' || message != NULL)
    return;

  self->saving = TRUE;
  update_state (self);
  prl_workspace_set_pronunciation_async (self->workspace, self->model, word, phones, NULL,
                                         save_cb, g_object_ref (self));
}

static void
on_phones_activated_cb (PrlPronunciationsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pronunciations.save", NULL);
}

static void
model_status_changed_cb (PrlPronunciationsView *self)
{
  /* A finished training may have generated entries. */
  if (prl_model_get_status (self->model) != PRL_TRAINING_STATUS_RUNNING)
    load (self);
}

/**
 * prl_pronunciations_view_set_workspace:
 * @workspace: (nullable):
 */
void
prl_pronunciations_view_set_workspace (PrlPronunciationsView *self,
                                       PrlWorkspace          *workspace)
{
  g_return_if_fail (PRL_IS_PRONUNCIATIONS_VIEW (self));

  if (!g_set_object (&self->workspace, workspace))
    return;
  load (self);
  update_state (self);
}

/**
 * prl_pronunciations_view_set_model:
 * @model: (nullable):
 */
void
prl_pronunciations_view_set_model (PrlPronunciationsView *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_PRONUNCIATIONS_VIEW (self));

  if (!g_set_object (&self->model, model))
    return;
  g_signal_group_set_target (self->model_signals, model);
  gtk_editable_set_text (GTK_EDITABLE (self->word_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phones_row), "");
  adw_preferences_row_set_title (
      ADW_PREFERENCES_ROW (self->phones_row),
      is_watson (self) ? _ ("Sounds like (“;” between spellings) | Display as")
                       : _ ("Phones, separated by spaces"));
  load (self);
  update_state (self);
}

static void
prl_pronunciations_view_dispose (GObject *object)
{
  PrlPronunciationsView *self = PRL_PRONUNCIATIONS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_PRONUNCIATIONS_VIEW);
  prl_gui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->list);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (prl_pronunciations_view_parent_class)->dispose (object);
}

static void
prl_pronunciations_view_class_init (PrlPronunciationsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_pronunciations_view_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-pronunciations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView,
                                        list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView, phones_row);
  gtk_widget_class_bind_template_child (widget_class, PrlPronunciationsView, word_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phones_activated_cb);
  gtk_widget_class_install_action (widget_class, "pronunciations.save", NULL,
                                   save_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_pronunciations_view_init (PrlPronunciationsView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->list = prl_pronunciation_list_new ();
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_list_state (self);

  self->model_signals = g_signal_group_new (PRL_TYPE_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "notify::status",
                                  G_CALLBACK (model_status_changed_cb), self);
  update_state (self);
}

/**
 * prl_pronunciations_view_new:
 *
 * Returns: (transfer floating): a new, empty view
 */
GtkWidget *
prl_pronunciations_view_new (void)
{
  return g_object_new (PRL_TYPE_PRONUNCIATIONS_VIEW, NULL);
}
