/* prl-audio-check.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-check.h"

G_BEGIN_DECLS

PrlFileCheck *prl_check_audio_file (const char    *path,
                                    const char    *trained_base_model,
                                    GCancellable  *cancellable,
                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
