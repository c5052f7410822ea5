/* prl-provider-info.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-model.h"

G_BEGIN_DECLS

/**
 * PrlProviderInfo:
 *
 * What the model dialog and the workspace need to know about a provider
 * before any provider object exists: its name, whether it can be used
 * here, the languages it can train, and its model-name rules.
 */
typedef struct _PrlProviderInfo PrlProviderInfo;

const PrlProviderInfo  *prl_provider_info_lookup           (const char            *id);
const PrlProviderInfo *const *prl_provider_info_list       (guint                 *n_providers);
const char             *prl_provider_info_get_id           (const PrlProviderInfo *info);
const char             *prl_provider_info_get_display_name (const PrlProviderInfo *info);
gboolean                prl_provider_info_is_available     (const PrlProviderInfo *info);
gboolean                prl_provider_info_is_supported     (const PrlProviderInfo *info);
const char             *prl_provider_info_get_account_kind (const PrlProviderInfo *info);
const char             *prl_provider_info_get_unavailable_reason (const PrlProviderInfo *info);
const char *const      *prl_provider_info_get_languages    (const PrlProviderInfo *info);
gboolean                prl_provider_info_supports_language (const PrlProviderInfo *info,
                                                            const char            *language);
guint                   prl_provider_info_get_max_name_length (const PrlProviderInfo *info);
gboolean                prl_provider_info_validate_name    (const PrlProviderInfo *info,
                                                            const char            *name,
                                                            GError               **error);

const char             *prl_language_get_display_name      (const char            *code);

G_END_DECLS
