/* prl-decoder-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-decoder-error"

#include "config.h"

#include "prl-decoder-error.h"

G_DEFINE_QUARK (PrlDecoderErrorQuark, prl_decoder_error)
