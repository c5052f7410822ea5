/* prl-status-badge.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-model.h"

G_BEGIN_DECLS

#define PRL_TYPE_STATUS_BADGE (prl_status_badge_get_type ())

G_DECLARE_FINAL_TYPE (PrlStatusBadge, prl_status_badge, PRL, STATUS_BADGE, GtkWidget)

GtkWidget         *prl_status_badge_new        (void) G_GNUC_WARN_UNUSED_RESULT;
PrlTrainingStatus  prl_status_badge_get_status (PrlStatusBadge    *self);
void               prl_status_badge_set_status (PrlStatusBadge    *self,
                                                PrlTrainingStatus  status);

gboolean           prl_status_badge_get_upgrading (PrlStatusBadge *self);
void               prl_status_badge_set_upgrading (PrlStatusBadge *self,
                                                   gboolean        upgrading);

G_END_DECLS
