/* prl-wer-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-error"

#include "config.h"

#include "prl-wer-error.h"

G_DEFINE_QUARK (PrlWerErrorQuark, prl_wer_error)
