/* prl-page-model.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_PAGE_MODEL (prl_page_model_get_type ())

G_DECLARE_FINAL_TYPE (PrlPageModel, prl_page_model, PRL, PAGE_MODEL, GObject)

PrlPageModel *prl_page_model_new           (GListModel   *model,
                                            guint         page_size) G_GNUC_WARN_UNUSED_RESULT;
void          prl_page_model_set_model     (PrlPageModel *self,
                                            GListModel   *model);
guint         prl_page_model_get_page      (PrlPageModel *self);
void          prl_page_model_set_page      (PrlPageModel *self,
                                            guint         page);
guint         prl_page_model_get_page_size (PrlPageModel *self);
void          prl_page_model_set_page_size (PrlPageModel *self,
                                            guint         page_size);
guint         prl_page_model_get_n_pages   (PrlPageModel *self);
guint         prl_page_model_get_n_total   (PrlPageModel *self);
guint         prl_page_model_get_offset    (PrlPageModel *self);

G_END_DECLS
