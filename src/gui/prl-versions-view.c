/* prl-versions-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-versions-view"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"

#include "prl-versions-view.h"

/* The versions of a model, newest first, straight from the workspace's
 * live list: name, creation time, the chosen weight λ (tuned on tuning
 * text or the default) and the perplexities on the tuning text. A list
 * view, so that a model retrained hundreds of times only builds rows for
 * what is on screen.
 */
struct _PrlVersionsView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget      *group;
  GtkListView    *list_view;
  GtkNoSelection *selection;
  GtkWidget      *placeholder_label;

  PrlWorkspace *workspace; /* (owned) (nullable) */
  PrlModel     *model;     /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (PrlVersionsView, prl_versions_view, GTK_TYPE_WIDGET)

static char *
format_perplexity (double value)
{
  if (value < 0)
    /* Translators: shown for a perplexity that was not measured */
    return g_strdup (_ ("—"));
  return g_strdup_printf ("%.1f", value);
}

/**
 * prl_versions_view_format_weight:
 *
 * Returns: (transfer full): "λ 0.50 (tuned)" or "λ 0.50 (default)"
 */
char *
prl_versions_view_format_weight (PrlVersion *version)
{
  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  if (prl_version_get_tuned (version))
    /* Translators: the weight of the custom language model, chosen on tuning text */
    return g_strdup_printf (_ ("λ %.2f (tuned)"), prl_version_get_lm_weight (version));
  else
    /* Translators: the weight of the custom language model, not tuned */
    return g_strdup_printf (_ ("λ %.2f (default)"), prl_version_get_lm_weight (version));
}

/**
 * prl_versions_view_format_details:
 *
 * Returns: (transfer full): the creation time in local time, the order,
 *   the word count and the perplexities, on two lines
 */
char *
prl_versions_view_format_details (PrlVersion *version)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *created = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *stock = NULL;
  g_autofree char *mixture = NULL;
  g_autofree char *words = NULL;
  g_autofree char *n_words = NULL;

  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  if (prl_version_get_created (version) != NULL)
    {
      local = g_date_time_to_local (prl_version_get_created (version));
      /* Translators: a g_date_time_format() format for when a version was made */
      created = g_date_time_format (local, _ ("%-d %B %Y at %H:%M"));
    }
  custom = format_perplexity (prl_version_get_custom_perplexity (version));
  stock = format_perplexity (prl_version_get_stock_perplexity (version));
  mixture = format_perplexity (prl_version_get_mixture_perplexity (version));
  n_words = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_version_get_n_words (version));
  words = g_strdup_printf (g_dngettext (NULL, "%s word", "%s words",
                                        (gulong)prl_version_get_n_words (version)),
                           n_words);

  /* Translators: "Created 21 November 2026 at 15:30 · order 3 · 1200 words",
   * then the perplexities of the custom, stock and mixed language models
   * on the tuning text */
  return g_strdup_printf (_ ("Created %s · order %u · %s\n"
                             "Perplexity: custom %s, stock %s, mixture %s"),
                          created ? created : "", prl_version_get_order (version), words,
                          custom, stock, mixture);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *weight = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (weight, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (weight,
                               _ ("The weight of the custom language against the stock "
                                  "one"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), weight);
  g_object_set_data (G_OBJECT (row), "weight", weight);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  PrlVersion      *version = gtk_list_item_get_item (item);
  GtkWidget       *row = gtk_list_item_get_child (item);
  g_autofree char *weight_text = prl_versions_view_format_weight (version);
  g_autofree char *details = prl_versions_view_format_details (version);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 prl_version_get_name (version));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "weight"), weight_text);
}

static void
update_placeholder (PrlVersionsView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  gtk_widget_set_visible (self->placeholder_label, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->list_view), !empty);
}

static void
rebind (PrlVersionsView *self)
{
  GListModel *versions = NULL;

  if (self->workspace != NULL && self->model != NULL)
    versions = prl_workspace_get_versions (self->workspace, self->model);

  gtk_no_selection_set_model (self->selection, versions);
  update_placeholder (self);
}

/**
 * prl_versions_view_set_workspace:
 * @workspace: (nullable):
 */
void
prl_versions_view_set_workspace (PrlVersionsView *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_VERSIONS_VIEW (self));

  if (g_set_object (&self->workspace, workspace))
    rebind (self);
}

/**
 * prl_versions_view_set_model:
 * @model: (nullable):
 */
void
prl_versions_view_set_model (PrlVersionsView *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_VERSIONS_VIEW (self));

  if (g_set_object (&self->model, model))
    rebind (self);
}

static void
prl_versions_view_dispose (GObject *object)
{
  PrlVersionsView *self = PRL_VERSIONS_VIEW (object);

  if (self->selection != NULL)
    gtk_no_selection_set_model (self->selection, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_VERSIONS_VIEW);
  prl_gui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (prl_versions_view_parent_class)->dispose (object);
}

static void
prl_versions_view_class_init (PrlVersionsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_versions_view_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-versions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, group);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, selection);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, placeholder_label);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_placeholder);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_versions_view_init (PrlVersionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_placeholder (self);
}

/**
 * prl_versions_view_new:
 *
 * Returns: (transfer floating): a new, empty view
 */
GtkWidget *
prl_versions_view_new (void)
{
  return g_object_new (PRL_TYPE_VERSIONS_VIEW, NULL);
}
