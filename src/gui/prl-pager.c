/* prl-pager.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-pager"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"

#include "prl-pager.h"

/* Page controls for a PrlPageModel: rows per page (25, 50, 75, 100),
 * the range shown, and first/previous/next/last actions that are only
 * enabled when they lead somewhere.
 */
struct _PrlPager
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkLabel    *page_label;
  GtkDropDown *page_size_dropdown;
  GtkLabel    *range_label;

  /* Owned References */
  PrlPageModel *model;
  GSignalGroup *model_signals;
};

enum
{
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static const guint page_sizes[] = { 25, 50, 75, 100 };

G_DEFINE_FINAL_TYPE (PrlPager, prl_pager, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
update (PrlPager *self)
{
  g_autofree char *range = NULL;
  g_autofree char *page = NULL;
  guint            n_pages = 1, current = 0, total = 0, offset = 0, size = 25;
  guint            n_shown = 0;

  if (self->model != NULL)
    {
      n_pages = prl_page_model_get_n_pages (self->model);
      current = prl_page_model_get_page (self->model);
      total = prl_page_model_get_n_total (self->model);
      offset = prl_page_model_get_offset (self->model);
      size = prl_page_model_get_page_size (self->model);
      n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
    }

  if (total == 0)
    range = g_strdup (_ ("No models"));
  else
    /* Translators: the models shown, e.g. “26–50 of 60” */
    range = g_strdup_printf (_ ("%u–%u of %u"), offset + 1, offset + n_shown, total);
  gtk_label_set_label (self->range_label, range);

  /* Translators: e.g. “Page 2 of 3” */
  page = g_strdup_printf (_ ("Page %u of %u"), current + 1, n_pages);
  gtk_label_set_label (self->page_label, page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pager.first", current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pager.previous", current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pager.next", current + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pager.last", current + 1 < n_pages);

  for (guint i = 0; i < G_N_ELEMENTS (page_sizes); i++)
    if (page_sizes[i] == size
        && gtk_drop_down_get_selected (self->page_size_dropdown) != i)
      gtk_drop_down_set_selected (self->page_size_dropdown, i);
}

static void
page_size_selected_cb (PrlPager *self)
{
  guint selected = gtk_drop_down_get_selected (self->page_size_dropdown);

  if (self->model != NULL && selected < G_N_ELEMENTS (page_sizes))
    prl_page_model_set_page_size (self->model, page_sizes[selected]);
}

static void
go_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlPager *self = PRL_PAGER (widget);
  guint     page, last;

  if (self->model == NULL)
    return;

  page = prl_page_model_get_page (self->model);
  last = prl_page_model_get_n_pages (self->model) - 1;

  if (g_str_equal (action_name, "pager.first"))
    page = 0;
  else if (g_str_equal (action_name, "pager.previous"))
    page = page > 0 ? page - 1 : 0;
  else if (g_str_equal (action_name, "pager.next"))
    page = MIN (page + 1, last);
  else
    page = last;

  prl_page_model_set_page (self->model, page);
}

static void
prl_pager_dispose (GObject *object)
{
  PrlPager *self = PRL_PAGER (object);

  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_PAGER);
  prl_gui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (prl_pager_parent_class)->dispose (object);
}

static void
prl_pager_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, PRL_PAGER (object)->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_pager_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_MODEL:
      prl_pager_set_model (PRL_PAGER (object), g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_pager_class_init (PrlPagerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_pager_dispose;
  object_class->get_property = prl_pager_get_property;
  object_class->set_property = prl_pager_set_property;

  properties[PROP_MODEL] = g_param_spec_object (
      "model", NULL, NULL, PRL_TYPE_PAGE_MODEL,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-pager.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlPager, page_label);
  gtk_widget_class_bind_template_child (widget_class, PrlPager, page_size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrlPager, range_label);
  gtk_widget_class_bind_template_callback (widget_class, page_size_selected_cb);

  gtk_widget_class_install_action (widget_class, "pager.first", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "pager.previous", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "pager.next", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "pager.last", NULL, go_action);
}

static void
prl_pager_init (PrlPager *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->model_signals = g_signal_group_new (PRL_TYPE_PAGE_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "notify", G_CALLBACK (update),
                                  self);
  g_signal_group_connect_swapped (self->model_signals, "items-changed",
                                  G_CALLBACK (update), self);
  update (self);
}

void
prl_pager_set_model (PrlPager *self, PrlPageModel *model)
{
  g_return_if_fail (PRL_IS_PAGER (self));
  g_return_if_fail (!model || PRL_IS_PAGE_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  g_signal_group_set_target (self->model_signals, model);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
