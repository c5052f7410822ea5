/* prl-accounts-page.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-cloud-account-store.h"

G_BEGIN_DECLS

#define PRL_TYPE_ACCOUNTS_PAGE (prl_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (PrlAccountsPage, prl_accounts_page, PRL, ACCOUNTS_PAGE, AdwPreferencesPage)

GtkWidget        *prl_accounts_page_new          (PrlCloudAccounts *accounts) G_GNUC_WARN_UNUSED_RESULT;
PrlCloudAccounts *prl_accounts_page_get_accounts (PrlAccountsPage  *self);

G_END_DECLS
