/* prl-account-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-cloud-account-store.h"

G_BEGIN_DECLS

#define PRL_TYPE_ACCOUNT_DIALOG (prl_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlAccountDialog, prl_account_dialog, PRL, ACCOUNT_DIALOG, AdwWindow)

GtkWidget  *prl_account_dialog_new        (PrlCloudAccounts *accounts) G_GNUC_WARN_UNUSED_RESULT;
const char *prl_account_dialog_get_reason (PrlAccountDialog *self);

G_END_DECLS
