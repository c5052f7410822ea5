/* prl-text-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-text-error"

#include "config.h"

#include "prl-text-error.h"

G_DEFINE_QUARK (PrlTextErrorQuark, prl_text_error)
