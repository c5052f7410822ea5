/* media-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Hides every decoder of @caps from GStreamer's registry (rank NONE), as
 * if its plugin were not installed; returns what to give back to
 * prl_test_restore_decoders(), which restores their ranks. */
GHashTable *prl_test_hide_decoders    (const char *caps);
void        prl_test_restore_decoders (GHashTable *hidden);

G_END_DECLS
