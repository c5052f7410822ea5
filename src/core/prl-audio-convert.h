/* prl-audio-convert.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char    *prl_audio_convert_to_wav     (const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void     prl_audio_convert_remove     (const char    *converted);

G_END_DECLS
