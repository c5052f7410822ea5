/* prl-models-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-models-page"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-page-model.h"
#include "prl-pager.h"
#include "prl-status-badge.h"
#include "prl-version-ops.h"

#include "prl-models-page.h"

/* The Custom Models page. The workspace's models flow through
 * search filter → column-view sorter → page slice → column view, so
 * sorting and searching cover every model and paging shows a slice of
 * the result. Rows carry Edit and Delete; Delete is only enabled for
 * roles that may delete, and says why otherwise.
 */
struct _PrlModelsPage
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkRevealer         *banner_revealer;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *modified_column;
  GtkColumnViewColumn *name_column;
  PrlPager            *pager;
  GtkLabel            *role_label;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkColumnViewColumn *status_column;

  /* Owned References */
  PrlWorkspace       *workspace;
  GtkFilterListModel *filtered;
  GtkStringFilter    *filter;
  GtkSortListModel   *sorted;
  GHashTable         *best_wer;    /* (owned): model id → "15.15 % (stock 109.09 %)" */
  GHashTable         *wer_labels;  /* (owned): model id → bound GtkLabel (unowned) */
  GCancellable       *wer_loading; /* (owned) (nullable) */
  PrlPageModel       *page_model;
  GSettings          *settings;

  gboolean can_delete;
  gboolean guide_checked;
};

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_CAN_DELETE,
  N_PROPS
};

enum
{
  EDIT_REQUESTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PrlModelsPage, prl_models_page, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
update_stack (PrlModelsPage *self)
{
  guint n_all = 0, n_shown = 0;

  if (self->workspace != NULL)
    {
      n_all = g_list_model_get_n_items (prl_workspace_get_models (self->workspace));
      n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
    }

  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
update_role (PrlModelsPage *self)
{
  g_autofree char *reason = NULL;
  gboolean         can_delete = FALSE;

  if (self->workspace != NULL)
    can_delete = prl_workspace_can_delete_models (self->workspace, &reason);

  gtk_label_set_label (self->role_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), reason != NULL);

  if (can_delete != self->can_delete)
    {
      self->can_delete = can_delete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_DELETE]);
    }
}

static void
search_changed_cb (PrlModelsPage *self)
{
  gtk_string_filter_set_search (
      self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (PrlModelsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Cells, with the prl_gui_list_item_*() helpers. */
static void
name_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  prl_gui_list_item_bind_label (item, "name", NULL);
}

static void
language_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  prl_gui_list_item_bind_label (item, "language-name", NULL);
}

static gboolean
modified_to_label (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  GDateTime *time = g_value_get_boxed (from);
  g_autoptr (GDateTime) local = NULL;

  if (time == NULL)
    return FALSE;

  local = g_date_time_to_local (time);
  g_value_take_string (to, g_date_time_format (local, "%Y-%m-%d %H:%M"));
  return TRUE;
}

static void
modified_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  prl_gui_list_item_bind_label (item, "modified", modified_to_label);
}

/* The status badge, and beside it "Upgrade available" while the model's
 * provider offers a newer base (PrlModel:upgrade-available). */
static void
status_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = prl_status_badge_new ();
  GtkWidget *upgrade = gtk_label_new (_ ("Upgrade available"));

  /* Hidden until bound to a model that has an upgrade, so that an empty
   * row does not make the column (and the narrow page) wider. */
  gtk_widget_set_visible (upgrade, FALSE);
  gtk_widget_add_css_class (upgrade, "version-badge");
  gtk_widget_add_css_class (upgrade, "upgrade");
  gtk_widget_set_tooltip_text (
      upgrade, _ ("The provider has a newer base model: open the model to "
                  "upgrade it"));
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), upgrade);
  g_object_set_data (G_OBJECT (box), "badge", badge);
  g_object_set_data (G_OBJECT (box), "upgrade", upgrade);
  gtk_list_item_set_child (item, box);
}

static void
status_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GObject *box = G_OBJECT (gtk_list_item_get_child (item));

  prl_gui_list_item_keep_binding (
      item, g_object_bind_property (gtk_list_item_get_item (item), "status",
                                    g_object_get_data (box, "badge"), "status",
                                    G_BINDING_SYNC_CREATE));
  prl_gui_list_item_keep_binding (
      item, g_object_bind_property (gtk_list_item_get_item (item), "upgrading",
                                    g_object_get_data (box, "badge"), "upgrading",
                                    G_BINDING_SYNC_CREATE));
  prl_gui_list_item_keep_binding (
      item, g_object_bind_property (gtk_list_item_get_item (item), "upgrade-available",
                                    g_object_get_data (box, "upgrade"), "visible",
                                    G_BINDING_SYNC_CREATE));
}

/* Best WER: each model's best version against the stock model, from its
 * stored evaluation, read in the background and again after jobs end. */

typedef struct
{
  PrlModelsPage *self; /* (owned) */
  gint64         id;
} WerLoad;

static char *
format_best_wer (PrlEvalRun *run)
{
  guint             n = prl_eval_run_get_n_systems (run);
  const PrlEvalRow *stock = n > 0 ? prl_eval_run_get_row (run, 0) : NULL;
  const PrlEvalRow *best = NULL;

  if (stock == NULL)
    return NULL;
  for (guint s = 1; s < n; s++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (run, s);

      if (best == NULL || row->wer < best->wer)
        best = row;
    }
  if (best == NULL)
    /* Translators: a model evaluated before any training; the stock WER */
    return g_strdup_printf (_ ("Stock only: %.2f %%"), stock->wer);
  /* Translators: the best version's WER, then the stock model's */
  return g_strdup_printf (_ ("%.2f %% (stock %.2f %%)"), best->wer, stock->wer);
}

static void
show_best_wer (PrlModelsPage *self, gint64 id)
{
  GtkLabel   *label = g_hash_table_lookup (self->wer_labels, &id);
  const char *text = g_hash_table_lookup (self->best_wer, &id);

  if (label != NULL)
    gtk_label_set_label (label, text ? text : _ ("Not evaluated"));
}

static void
best_wer_loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  WerLoad *load = user_data;
  g_autoptr (PrlEvalRun) run = NULL;
  g_autoptr (GError) error = NULL;

  run = prl_workspace_load_evaluation_finish (PRL_WORKSPACE (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && load->self->best_wer != NULL)
    {
      char *text = run ? format_best_wer (run) : NULL;

      if (text != NULL)
        g_hash_table_replace (load->self->best_wer,
                              g_memdup2 (&load->id, sizeof load->id), text);
      else
        g_hash_table_remove (load->self->best_wer, &load->id);
      show_best_wer (load->self, load->id);
    }
  g_object_unref (load->self);
  g_free (load);
}

static void
load_best_wer (PrlModelsPage *self)
{
  GListModel *models;

  g_cancellable_cancel (self->wer_loading);
  g_clear_object (&self->wer_loading);
  if (self->workspace == NULL)
    return;

  self->wer_loading = g_cancellable_new ();
  models = prl_workspace_get_models (self->workspace);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (models, i);
      WerLoad *load = g_new0 (WerLoad, 1);

      load->self = g_object_ref (self);
      load->id = prl_model_get_id (model);
      prl_workspace_load_evaluation_async (self->workspace, model, self->wer_loading,
                                           best_wer_loaded_cb, load);
    }
}

static void
jobs_changed_cb (PrlModelsPage *self)
{
  /* An evaluation may have ended. */
  if (!prl_job_manager_get_has_active (prl_workspace_get_job_manager (self->workspace)))
    load_best_wer (self);
}

static void
wer_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PrlModelsPage *self)
{
  gint64 id = prl_model_get_id (gtk_list_item_get_item (item));

  g_hash_table_replace (self->wer_labels, g_memdup2 (&id, sizeof id),
                        gtk_list_item_get_child (item));
  show_best_wer (self, id);
}

static void
wer_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PrlModelsPage *self)
{
  PrlModel *model = gtk_list_item_get_item (item);
  gint64    id;

  if (model == NULL || self->wer_labels == NULL)
    return;
  id = prl_model_get_id (model);
  if (g_hash_table_lookup (self->wer_labels, &id) == gtk_list_item_get_child (item))
    g_hash_table_remove (self->wer_labels, &id);
}

/**
 * prl_models_page_dup_best_wer:
 *
 * Returns: (transfer full) (nullable): what the Best WER column shows for
 *   @model once its stored evaluation is read, or %NULL
 */
char *
prl_models_page_dup_best_wer (PrlModelsPage *self, PrlModel *model)
{
  gint64 id;

  g_return_val_if_fail (PRL_IS_MODELS_PAGE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  id = prl_model_get_id (model);
  return g_strdup (g_hash_table_lookup (self->best_wer, &id));
}

static void delete_model (PrlModelsPage *self, PrlModel *model);

static void
edit_clicked_cb (GtkButton *button, GtkListItem *item)
{
  PrlModelsPage *self = PRL_MODELS_PAGE (
      gtk_widget_get_ancestor (GTK_WIDGET (button), PRL_TYPE_MODELS_PAGE));
  PrlModel *model = gtk_list_item_get_item (item);

  if (self != NULL && model != NULL)
    g_signal_emit (self, signals[EDIT_REQUESTED], 0, model);
}

static void
delete_clicked_cb (GtkButton *button, GtkListItem *item)
{
  PrlModelsPage *self = PRL_MODELS_PAGE (
      gtk_widget_get_ancestor (GTK_WIDGET (button), PRL_TYPE_MODELS_PAGE));
  PrlModel *model = gtk_list_item_get_item (item);

  if (self != NULL && model != NULL)
    delete_model (self, model);
}

static void
update_delete_button (PrlModelsPage *self, GParamSpec *pspec, GtkWidget *button)
{
  g_autofree char *reason = NULL;

  gtk_widget_set_sensitive (button, self->can_delete);
  if (self->workspace != NULL
      && !prl_workspace_can_delete_models (self->workspace, &reason))
    gtk_widget_set_tooltip_text (button, reason);
  else
    gtk_widget_set_tooltip_text (button, _ ("Delete"));
}

static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PrlModelsPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_tooltip_text (edit, _ ("Edit"));
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_name (edit, "edit-button");
  gtk_widget_set_name (delete, "delete-button");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), item);
  g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked_cb), item);
  g_signal_connect_object (self, "notify::can-delete", G_CALLBACK (update_delete_button),
                           delete, 0);
  update_delete_button (self, NULL, delete);

  gtk_box_append (GTK_BOX (box), edit);
  gtk_box_append (GTK_BOX (box), delete);
  gtk_list_item_set_child (item, box);
}

static void
actions_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *edit = gtk_widget_get_first_child (box);
  GtkWidget *delete = gtk_widget_get_next_sibling (edit);
  const char      *name = prl_model_get_name (gtk_list_item_get_item (item));
  g_autofree char *edit_label = g_strdup_printf (_ ("Edit %s"), name);
  g_autofree char *delete_label = g_strdup_printf (_ ("Delete %s"), name);

  /* Screen readers hear which model a button acts on. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  edit_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_label, -1);
}

static void
column_view_activate_cb (PrlModelsPage *self, guint position)
{
  g_autoptr (PrlModel) model
      = g_list_model_get_item (G_LIST_MODEL (self->page_model), position);

  if (model != NULL)
    g_signal_emit (self, signals[EDIT_REQUESTED], 0, model);
}

static int
compare_status (gconstpointer a, gconstpointer b, gpointer user_data)
{
  PrlTrainingStatus sa = prl_model_get_status ((PrlModel *)a);
  PrlTrainingStatus sb = prl_model_get_status ((PrlModel *)b);

  return sa < sb   ? GTK_ORDERING_SMALLER
         : sa > sb ? GTK_ORDERING_LARGER
                   : GTK_ORDERING_EQUAL;
}

/* Deletion */
static void
delete_model_async (PrlWorkspace       *workspace,
                    GObject            *object,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  prl_workspace_delete_model_async (workspace, PRL_MODEL (object), cancellable, callback,
                                    user_data);
}

static void
delete_model (PrlModelsPage *self, PrlModel *model)
{
  g_autofree char *reason = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (!prl_workspace_can_delete_models (self->workspace, &reason))
    {
      prl_gui_add_toast (GTK_WIDGET (self), reason);
      return;
    }

  heading = g_strdup_printf (_ ("Delete “%s”?"), prl_model_get_name (model));
  /* A cloud model's versions are models on the service too: the user is
   * told they go, before, since they can no longer transcribe anywhere. */
  if (prl_workspace_model_is_remote (self->workspace, model))
    body = g_strdup_printf (
        _ ("The model, its datasets and all of its versions are removed from this "
           "workspace, and its language models are deleted on the service, in the "
           "account “%s”, and can no longer transcribe anywhere. This cannot be undone."),
        prl_model_get_account (model));
  else
    body = g_strdup (_ ("The model, its datasets and all of its versions are removed "
                        "from this workspace. This cannot be undone."));
  prl_gui_confirm_and_delete (GTK_WIDGET (self), G_OBJECT (model), heading, body,
                              delete_model_async, prl_workspace_delete_model_finish);
}

static void
dismiss_banner_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  gtk_revealer_set_reveal_child (PRL_MODELS_PAGE (widget)->banner_revealer, FALSE);
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_models_page_focus_search (PRL_MODELS_PAGE (widget));
}

/* The guide opens by itself once, the first time the page is shown. */
static void
show_guide_once (gpointer data)
{
  PrlModelsPage *self = data;

  if (!g_settings_get_boolean (self->settings, "getting-started-shown"))
    {
      g_settings_set_boolean (self->settings, "getting-started-shown", TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.getting-started", NULL);
    }

  g_object_unref (self);
}

static void
prl_models_page_map (GtkWidget *widget)
{
  PrlModelsPage *self = PRL_MODELS_PAGE (widget);

  GTK_WIDGET_CLASS (prl_models_page_parent_class)->map (widget);

  if (!self->guide_checked)
    {
      self->guide_checked = TRUE;
      g_idle_add_once (show_guide_once, g_object_ref (self));
    }
}

/* Drops the handlers set_workspace() connected to the workspace, its job
 * manager and its models.
 */
static void
unwatch_workspace (PrlModelsPage *self)
{
  if (self->workspace == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_signal_handlers_disconnect_by_data (prl_workspace_get_job_manager (self->workspace),
                                        self);
  g_signal_handlers_disconnect_by_data (prl_workspace_get_models (self->workspace), self);
}

static void
prl_models_page_dispose (GObject *object)
{
  PrlModelsPage *self = PRL_MODELS_PAGE (object);

  g_cancellable_cancel (self->wer_loading);
  g_clear_object (&self->wer_loading);
  unwatch_workspace (self);
  g_clear_pointer (&self->wer_labels, g_hash_table_unref);
  g_clear_pointer (&self->best_wer, g_hash_table_unref);
  if (self->filtered != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filtered, self);
      gtk_filter_list_model_set_model (self->filtered, NULL);
    }
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_MODELS_PAGE);
  prl_gui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->page_model);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (prl_models_page_parent_class)->dispose (object);
}

static void
prl_models_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrlModelsPage *self = PRL_MODELS_PAGE (object);

  if (prl_gui_get_workspace_property (pspec, value, self->workspace, NULL))
    return;

  switch (prop_id)
    {
    case PROP_CAN_DELETE:
      g_value_set_boolean (value, self->can_delete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_models_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_WORKSPACE:
      prl_models_page_set_workspace (PRL_MODELS_PAGE (object),
                                     g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_models_page_class_init (PrlModelsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_models_page_dispose;
  object_class->get_property = prl_models_page_get_property;
  object_class->set_property = prl_models_page_set_property;
  widget_class->map = prl_models_page_map;

  properties[PROP_WORKSPACE] = prl_gui_param_spec_workspace (G_PARAM_READWRITE);
  /**
   * PrlModelsPage:can-delete:
   *
   * Whether the workspace role allows deleting models.
   */
  properties[PROP_CAN_DELETE] = g_param_spec_boolean (
      "can-delete", NULL, NULL, FALSE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrlModelsPage::edit-requested:
   * @model: the model to open
   *
   * Emitted when the user asks to open a model's details.
   */
  signals[EDIT_REQUESTED]
      = g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 1, PRL_TYPE_MODEL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-models-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, modified_column);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, pager);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PrlModelsPage, status_column);
  gtk_widget_class_bind_template_callback (widget_class, actions_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, actions_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, wer_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, wer_unbind_cb);
  gtk_widget_class_bind_template_callback_full (
      widget_class, "label_setup_cb", G_CALLBACK (prl_gui_list_item_setup_label));
  gtk_widget_class_bind_template_callback (widget_class, language_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, modified_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "unbind_cb",
                                                G_CALLBACK (prl_gui_list_item_unbind));

  gtk_widget_class_install_action (widget_class, "models.dismiss-banner", NULL,
                                   dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "models.search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "models.search", NULL);

  g_type_ensure (PRL_TYPE_PAGER);
  g_type_ensure (PRL_TYPE_STATUS_BADGE);
}

static void
prl_models_page_init (PrlModelsPage *self)
{
  g_autoptr (GtkCustomSorter) status_sorter = NULL;
  g_autoptr (GtkSorter) name_sorter = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->best_wer = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->wer_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->settings = g_settings_new (BASE_APP_ID);

  self->filter = gtk_string_filter_new (
      gtk_property_expression_new (PRL_TYPE_MODEL, NULL, "name"));
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filtered
      = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));

  /* Natural order: clinic-2 before clinic-10. */
  name_sorter = prl_gui_natural_sorter_new ("name");
  gtk_column_view_column_set_sorter (self->name_column, name_sorter);
  status_sorter = gtk_custom_sorter_new (compare_status, NULL, NULL);
  gtk_column_view_column_set_sorter (self->status_column, GTK_SORTER (status_sorter));

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (sorter));
  self->page_model
      = prl_page_model_new (G_LIST_MODEL (self->sorted),
                            g_settings_get_uint (self->settings, "models-page-size"));
  g_settings_bind (self->settings, "models-page-size", self->page_model, "page-size",
                   G_SETTINGS_BIND_DEFAULT);

  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_single_selection_new (
                                 g_object_ref (G_LIST_MODEL (self->page_model)))));
  prl_pager_set_model (self->pager, self->page_model);

  /* Newest first until the user picks another order. */
  gtk_column_view_sort_by_column (self->column_view, self->modified_column,
                                  GTK_SORT_DESCENDING);

  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_stack),
                            self);
  update_stack (self);
  update_role (self);
}

GtkWidget *
prl_models_page_new (void)
{
  return g_object_new (PRL_TYPE_MODELS_PAGE, NULL);
}

void
prl_models_page_set_workspace (PrlModelsPage *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_MODELS_PAGE (self));
  g_return_if_fail (!workspace || PRL_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  unwatch_workspace (self);
  g_set_object (&self->workspace, workspace);
  g_hash_table_remove_all (self->best_wer);
  if (workspace != NULL)
    {
      g_signal_connect_swapped (workspace, "notify::role", G_CALLBACK (update_role),
                                self);
      g_signal_connect_swapped (prl_workspace_get_job_manager (workspace),
                                "notify::has-active", G_CALLBACK (jobs_changed_cb), self);
      g_signal_connect_swapped (prl_workspace_get_models (workspace), "items-changed",
                                G_CALLBACK (load_best_wer), self);
    }
  load_best_wer (self);

  gtk_filter_list_model_set_model (
      self->filtered, workspace ? prl_workspace_get_models (workspace) : NULL);
  update_role (self);
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

void
prl_models_page_focus_search (PrlModelsPage *self)
{
  g_return_if_fail (PRL_IS_MODELS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
