/* prl-audio-encoder.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean prl_audio_encoder_has_flac   (void);
gboolean prl_audio_encoder_wav_to_flac (const char   *wav_path,
                                        const char   *flac_path,
                                        GCancellable *cancellable,
                                        GError      **error);

G_END_DECLS
