/* prl-provider-info.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_MODEL_ERROR (prl_model_error_quark ())

/**
 * PrlModelError:
 * @PRL_MODEL_ERROR_NAME_EMPTY: the name is empty
 * @PRL_MODEL_ERROR_NAME_TOO_LONG: the name is longer than the provider allows
 * @PRL_MODEL_ERROR_NAME_INVALID: the name has characters the provider refuses
 * @PRL_MODEL_ERROR_NAME_TAKEN: another model in the workspace has this name
 * @PRL_MODEL_ERROR_UNKNOWN_PROVIDER: no such provider
 * @PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP: the provider cannot be used yet
 * @PRL_MODEL_ERROR_LANGUAGE_UNSUPPORTED: the provider cannot train this language
 * @PRL_MODEL_ERROR_NOT_FOUND: no model with this name or id
 * @PRL_MODEL_ERROR_PERMISSION_DENIED: the workspace role does not allow this
 * @PRL_MODEL_ERROR_BUSY: a running job holds the model
 */
typedef enum
{
  PRL_MODEL_ERROR_NAME_EMPTY,
  PRL_MODEL_ERROR_NAME_TOO_LONG,
  PRL_MODEL_ERROR_NAME_INVALID,
  PRL_MODEL_ERROR_NAME_TAKEN,
  PRL_MODEL_ERROR_UNKNOWN_PROVIDER,
  PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP,
  PRL_MODEL_ERROR_LANGUAGE_UNSUPPORTED,
  PRL_MODEL_ERROR_NOT_FOUND,
  PRL_MODEL_ERROR_PERMISSION_DENIED,
  PRL_MODEL_ERROR_BUSY,
} PrlModelError;

/**
 * PrlProviderInfo:
 *
 * What the model dialog and the workspace need to know about a provider
 * before any provider object exists: its name, whether it can be used
 * here, the languages it can train, and its model-name rules.
 */
typedef struct _PrlProviderInfo PrlProviderInfo;

GQuark                  prl_model_error_quark              (void);

const PrlProviderInfo  *prl_provider_info_lookup           (const char            *id);
const PrlProviderInfo *const *prl_provider_info_list       (guint                 *n_providers);
const char             *prl_provider_info_get_id           (const PrlProviderInfo *info);
const char             *prl_provider_info_get_display_name (const PrlProviderInfo *info);
gboolean                prl_provider_info_is_available     (const PrlProviderInfo *info);
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
