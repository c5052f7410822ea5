/* prl-pronunciation-list.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-pronunciation-list"

#include "config.h"

#include "prl-pronunciation-list.h"

/* The pronunciations view's list model, apart from the view: a large
 * training's 100,000 and more entries become the model in one step, and
 * items are made only for the rows on screen. */

struct _PrlPronunciationItem
{
  GObject           parent_instance;
  GPtrArray        *entries; /* (owned): keeps @entry alive */
  PrlPronunciation *entry;   /* (unowned) */
};

G_DEFINE_FINAL_TYPE (PrlPronunciationItem, prl_pronunciation_item, G_TYPE_OBJECT)

static void
prl_pronunciation_item_finalize (GObject *object)
{
  PrlPronunciationItem *self = PRL_PRONUNCIATION_ITEM (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  G_OBJECT_CLASS (prl_pronunciation_item_parent_class)->finalize (object);
}

static void
prl_pronunciation_item_class_init (PrlPronunciationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_pronunciation_item_finalize;
}

static void
prl_pronunciation_item_init (PrlPronunciationItem *self)
{
}

PrlPronunciation *
prl_pronunciation_item_get_entry (PrlPronunciationItem *self)
{
  g_return_val_if_fail (PRL_IS_PRONUNCIATION_ITEM (self), NULL);
  return self->entry;
}

struct _PrlPronunciationList
{
  GObject    parent_instance;
  GPtrArray *entries; /* (owned) (element-type PrlPronunciation) */
};

static GType
list_get_item_type (GListModel *model)
{
  return PRL_TYPE_PRONUNCIATION_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  return PRL_PRONUNCIATION_LIST (model)->entries->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  PrlPronunciationList *self = PRL_PRONUNCIATION_LIST (model);
  PrlPronunciationItem *item;

  if (position >= self->entries->len)
    return NULL;

  item = g_object_new (PRL_TYPE_PRONUNCIATION_ITEM, NULL);
  item->entries = g_ptr_array_ref (self->entries);
  item->entry = g_ptr_array_index (self->entries, position);
  return item;
}

static void
prl_pronunciation_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlPronunciationList,
                               prl_pronunciation_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      prl_pronunciation_list_model_init))

static void
prl_pronunciation_list_finalize (GObject *object)
{
  PrlPronunciationList *self = PRL_PRONUNCIATION_LIST (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  G_OBJECT_CLASS (prl_pronunciation_list_parent_class)->finalize (object);
}

static void
prl_pronunciation_list_class_init (PrlPronunciationListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_pronunciation_list_finalize;
}

static void
prl_pronunciation_list_init (PrlPronunciationList *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_pronunciation_free);
}

PrlPronunciationList *
prl_pronunciation_list_new (void)
{
  return g_object_new (PRL_TYPE_PRONUNCIATION_LIST, NULL);
}

static gboolean
same_entry (PrlPronunciation *a, PrlPronunciation *b)
{
  return a->generated == b->generated && g_str_equal (a->word, b->word)
         && g_str_equal (a->phones, b->phones);
}

/* Takes @entries (NULL for none) in one step: one items-changed, over the
 * range that differs only, so that a reload after an edit keeps the rows
 * and the scroll position around it. */
void
prl_pronunciation_list_replace (PrlPronunciationList *self, GPtrArray *entries)
{
  g_autoptr (GPtrArray) old = g_steal_pointer (&self->entries);
  guint start = 0;
  guint old_end = old->len;
  guint new_end;

  self->entries
      = entries ? entries
                : g_ptr_array_new_with_free_func ((GDestroyNotify)prl_pronunciation_free);
  new_end = self->entries->len;

  while (start < old_end && start < new_end
         && same_entry (old->pdata[start], self->entries->pdata[start]))
    start++;
  while (old_end > start && new_end > start
         && same_entry (old->pdata[old_end - 1], self->entries->pdata[new_end - 1]))
    {
      old_end--;
      new_end--;
    }

  if (old_end > start || new_end > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_end - start,
                                new_end - start);
}
