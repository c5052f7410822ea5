/* prl-quick-setup-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_QUICK_SETUP_DIALOG (prl_quick_setup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlQuickSetupDialog, prl_quick_setup_dialog, PRL, QUICK_SETUP_DIALOG, AdwWindow)

GtkWidget  *prl_quick_setup_dialog_new           (PrlWorkspace        *workspace) G_GNUC_WARN_UNUSED_RESULT;
void        prl_quick_setup_dialog_set_api_url   (PrlQuickSetupDialog *self,
                                                  const char          *api_url);
void        prl_quick_setup_dialog_add_paths     (PrlQuickSetupDialog *self,
                                                  const char *const   *paths);
void        prl_quick_setup_dialog_add_folder    (PrlQuickSetupDialog *self,
                                                  GFile               *folder);
void        prl_quick_setup_dialog_load_keywords (PrlQuickSetupDialog *self,
                                                  GFile               *file);
void        prl_quick_setup_dialog_set_text_file (PrlQuickSetupDialog *self,
                                                  const char          *path);
gboolean    prl_quick_setup_dialog_check_page    (PrlQuickSetupDialog *self,
                                                  const char          *page,
                                                  GError             **error);
const char *prl_quick_setup_dialog_get_page      (PrlQuickSetupDialog *self);
guint       prl_quick_setup_dialog_get_n_pairs   (PrlQuickSetupDialog *self);
gboolean    prl_quick_setup_dialog_is_busy       (PrlQuickSetupDialog *self);

G_END_DECLS
