/* prl-pronunciation-list.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-provider.h"

G_BEGIN_DECLS

/* One entry as a list item, made when the list view asks for it. */
#define PRL_TYPE_PRONUNCIATION_ITEM (prl_pronunciation_item_get_type ())
G_DECLARE_FINAL_TYPE (
    PrlPronunciationItem, prl_pronunciation_item, PRL, PRONUNCIATION_ITEM, GObject)

/* The list model over the array the store returned, without a copy. */
#define PRL_TYPE_PRONUNCIATION_LIST (prl_pronunciation_list_get_type ())
G_DECLARE_FINAL_TYPE (
    PrlPronunciationList, prl_pronunciation_list, PRL, PRONUNCIATION_LIST, GObject)

PrlPronunciation     *prl_pronunciation_item_get_entry (PrlPronunciationItem *self);
PrlPronunciationList *prl_pronunciation_list_new       (void) G_GNUC_WARN_UNUSED_RESULT;
void                  prl_pronunciation_list_replace   (PrlPronunciationList *self,
                                                        GPtrArray            *entries);

G_END_DECLS
