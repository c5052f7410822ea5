/* prl-local-provider.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-provider.h"

G_BEGIN_DECLS

#define PRL_TYPE_LOCAL_PROVIDER (prl_local_provider_get_type ())

/* The identity of the stock model versions are built on. */
#define PRL_LOCAL_BASE_MODEL_ID "cmusphinx-en-us-ptm-5.2"

G_DECLARE_FINAL_TYPE (PrlLocalProvider, prl_local_provider, PRL, LOCAL_PROVIDER, GObject)

PrlProvider *prl_local_provider_new (void) G_GNUC_WARN_UNUSED_RESULT;
void         prl_local_register     (void);
char        *prl_local_base_model_id (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
