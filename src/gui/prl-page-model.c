/* prl-page-model.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-page-model"

#include "config.h"

#include "prl-page-model.h"

/* One page of another list model. It sits after filtering and sorting,
 * so a header click sorts every model and the page shows a slice of the
 * sorted whole. When the source shrinks below the current page (a
 * search, a deletion), the page moves back to the last one that exists.
 */
struct _PrlPageModel
{
  GObject parent_instance;

  GListModel *model; /* (owned) (nullable) */
  guint       page;
  guint       page_size;
  guint       n_items; /* items currently exposed */
};

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_PAGE,
  PROP_PAGE_SIZE,
  PROP_N_PAGES,
  PROP_N_TOTAL,
  PROP_OFFSET,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlPageModel,
                               prl_page_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  PrlPageModel *self = PRL_PAGE_MODEL (model);

  return self->model ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return PRL_PAGE_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model, guint position)
{
  PrlPageModel *self = PRL_PAGE_MODEL (model);

  if (position >= self->n_items)
    return NULL;

  return g_list_model_get_item (self->model, self->page * self->page_size + position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

guint
prl_page_model_get_n_total (PrlPageModel *self)
{
  g_return_val_if_fail (PRL_IS_PAGE_MODEL (self), 0);
  return self->model ? g_list_model_get_n_items (self->model) : 0;
}

guint
prl_page_model_get_n_pages (PrlPageModel *self)
{
  guint total;

  g_return_val_if_fail (PRL_IS_PAGE_MODEL (self), 1);

  total = prl_page_model_get_n_total (self);
  /* An empty list still has one (empty) page. */
  return MAX (1, (total + self->page_size - 1) / self->page_size);
}

guint
prl_page_model_get_offset (PrlPageModel *self)
{
  g_return_val_if_fail (PRL_IS_PAGE_MODEL (self), 0);
  return self->page * self->page_size;
}

/* Recomputes the slice and tells views everything in it may have moved:
 * the source's change can shift items across page boundaries.
 */
static void
refresh (PrlPageModel *self, guint old_page, guint old_n_pages, guint old_total)
{
  guint old_n_items = self->n_items;
  guint total = prl_page_model_get_n_total (self);
  guint n_pages = prl_page_model_get_n_pages (self);

  if (self->page >= n_pages)
    self->page = n_pages - 1;

  self->n_items
      = MIN (self->page_size, total - MIN (total, self->page * self->page_size));

  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);

  if (old_page != self->page)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET]);
    }
  if (old_n_pages != n_pages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  if (old_total != total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
}

static void
source_items_changed_cb (
    GListModel *model, guint position, guint removed, guint added, PrlPageModel *self)
{
  guint total = g_list_model_get_n_items (model);
  guint old_total = total - added + removed;
  guint old_n_pages = MAX (1, (old_total + self->page_size - 1) / self->page_size);

  refresh (self, self->page, old_n_pages, old_total);
}

static void
prl_page_model_dispose (GObject *object)
{
  PrlPageModel *self = PRL_PAGE_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, source_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (prl_page_model_parent_class)->dispose (object);
}

static void
prl_page_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PrlPageModel *self = PRL_PAGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_N_PAGES:
      g_value_set_uint (value, prl_page_model_get_n_pages (self));
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, prl_page_model_get_n_total (self));
      break;

    case PROP_OFFSET:
      g_value_set_uint (value, prl_page_model_get_offset (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_page_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PrlPageModel *self = PRL_PAGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      prl_page_model_set_model (self, g_value_get_object (value));
      break;

    case PROP_PAGE:
      prl_page_model_set_page (self, g_value_get_uint (value));
      break;

    case PROP_PAGE_SIZE:
      prl_page_model_set_page_size (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_page_model_class_init (PrlPageModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = prl_page_model_dispose;
  object_class->get_property = prl_page_model_get_property;
  object_class->set_property = prl_page_model_set_property;

  properties[PROP_MODEL]
      = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, rw);
  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_PAGE_SIZE]
      = g_param_spec_uint ("page-size", NULL, NULL, 1, G_MAXUINT, 25, rw);
  properties[PROP_N_PAGES]
      = g_param_spec_uint ("n-pages", NULL, NULL, 1, G_MAXUINT, 1, ro);
  properties[PROP_N_TOTAL]
      = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_OFFSET] = g_param_spec_uint ("offset", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_page_model_init (PrlPageModel *self)
{
  self->page_size = 25;
}

PrlPageModel *
prl_page_model_new (GListModel *model, guint page_size)
{
  g_return_val_if_fail (!model || G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  return g_object_new (PRL_TYPE_PAGE_MODEL, "page-size", page_size, "model", model, NULL);
}

void
prl_page_model_set_model (PrlPageModel *self, GListModel *model)
{
  guint old_n_pages, old_total;

  g_return_if_fail (PRL_IS_PAGE_MODEL (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  old_n_pages = prl_page_model_get_n_pages (self);
  old_total = prl_page_model_get_n_total (self);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, source_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (self->model != NULL)
    g_signal_connect (self->model, "items-changed", G_CALLBACK (source_items_changed_cb),
                      self);

  refresh (self, self->page, old_n_pages, old_total);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
prl_page_model_get_page (PrlPageModel *self)
{
  g_return_val_if_fail (PRL_IS_PAGE_MODEL (self), 0);
  return self->page;
}

/**
 * prl_page_model_set_page:
 * @page: a 0-based page number; clamped to the last page
 */
void
prl_page_model_set_page (PrlPageModel *self, guint page)
{
  guint old_page, n_pages;

  g_return_if_fail (PRL_IS_PAGE_MODEL (self));

  n_pages = prl_page_model_get_n_pages (self);
  page = MIN (page, n_pages - 1);
  if (page == self->page)
    return;

  old_page = self->page;
  self->page = page;
  refresh (self, old_page, n_pages, prl_page_model_get_n_total (self));
}

guint
prl_page_model_get_page_size (PrlPageModel *self)
{
  g_return_val_if_fail (PRL_IS_PAGE_MODEL (self), 25);
  return self->page_size;
}

/* Keeps the first visible item on screen: its new page is shown. */
void
prl_page_model_set_page_size (PrlPageModel *self, guint page_size)
{
  guint old_page, old_n_pages, first;

  g_return_if_fail (PRL_IS_PAGE_MODEL (self));
  g_return_if_fail (page_size > 0);

  if (page_size == self->page_size)
    return;

  old_page = self->page;
  old_n_pages = prl_page_model_get_n_pages (self);
  first = self->page * self->page_size;

  self->page_size = page_size;
  self->page = first / page_size;

  refresh (self, old_page, old_n_pages, prl_page_model_get_n_total (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}
