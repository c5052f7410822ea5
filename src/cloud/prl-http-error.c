/* prl-http-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include "prl-http-error.h"

G_DEFINE_QUARK (PrlHttpErrorQuark, prl_http_error)
