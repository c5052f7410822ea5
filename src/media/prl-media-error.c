/* prl-media-error.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-media-error"

#include "config.h"

#include "prl-media-error.h"

G_DEFINE_QUARK (PrlMediaErrorQuark, prl_media_error)
