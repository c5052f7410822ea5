/* prl-upgrade-banner.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_UPGRADE_BANNER (prl_upgrade_banner_get_type ())

G_DECLARE_FINAL_TYPE (PrlUpgradeBanner, prl_upgrade_banner, PRL, UPGRADE_BANNER, GtkWidget)

GtkWidget *prl_upgrade_banner_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void       prl_upgrade_banner_set_workspace (PrlUpgradeBanner *self,
                                             PrlWorkspace     *workspace);
void       prl_upgrade_banner_set_model     (PrlUpgradeBanner *self,
                                             PrlModel         *model);
void       prl_upgrade_banner_upgrade       (PrlUpgradeBanner *self);

G_END_DECLS
