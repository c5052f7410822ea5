/* prl-pager.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-page-model.h"

G_BEGIN_DECLS

#define PRL_TYPE_PAGER (prl_pager_get_type ())

G_DECLARE_FINAL_TYPE (PrlPager, prl_pager, PRL, PAGER, GtkWidget)

void          prl_pager_set_model (PrlPager     *self,
                                   PrlPageModel *model);

G_END_DECLS
