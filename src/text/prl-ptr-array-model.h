/* prl-ptr-array-model.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PRL_DEFINE_PTR_ARRAY_MODEL:
 * @TypeName: the implementing type, e.g. PrlJobManager
 * @type_name: its function prefix, e.g. prl_job_manager
 * @array: the member of @TypeName that owns the items, a GPtrArray of
 *   GObjects
 * @ITEM_TYPE: the GType of the items
 *
 * Defines type_name_list_model_init(), the GListModel methods of an object
 * that keeps its items in a GPtrArray and emits items-changed itself
 * whenever it changes the array. Such objects hold more than a list
 * (locks, aggregate properties) and GListStore is final, so they cannot
 * derive from it; this writes their three identical methods once.
 * Use it after the instance struct and pass the init function to
 * G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ...).
 */
#define PRL_DEFINE_PTR_ARRAY_MODEL(TypeName, type_name, array, ITEM_TYPE)                \
  static GType type_name##_get_item_type (GListModel *model) { return ITEM_TYPE; }       \
                                                                                         \
  static guint type_name##_get_n_items (GListModel *model)                               \
  {                                                                                      \
    return ((TypeName *)model)->array->len;                                              \
  }                                                                                      \
                                                                                         \
  static gpointer type_name##_get_item (GListModel *model, guint position)               \
  {                                                                                      \
    GPtrArray *items = ((TypeName *)model)->array;                                       \
                                                                                         \
    if (position >= items->len)                                                          \
      return NULL;                                                                       \
    return g_object_ref (g_ptr_array_index (items, position));                           \
  }                                                                                      \
                                                                                         \
  static void type_name##_list_model_init (GListModelInterface *iface)                   \
  {                                                                                      \
    iface->get_item_type = type_name##_get_item_type;                                    \
    iface->get_n_items = type_name##_get_n_items;                                        \
    iface->get_item = type_name##_get_item;                                              \
  }

G_END_DECLS
