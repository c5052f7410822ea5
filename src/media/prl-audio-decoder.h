/* prl-audio-decoder.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every decoder of speech in Parlance reads: 16 kHz, mono, signed
 * 16-bit little-endian samples (the rate of the WideBand acoustic models). */
#define PRL_AUDIO_DECODER_RATE 16000

/**
 * PrlAudioChunkFunc:
 * @samples: (array length=n_samples): 16 kHz mono samples
 * @n_samples: how many
 * @user_data: the data given with the function
 *
 * Receives the next chunk of decoded audio, in the decoding thread.
 *
 * Returns: %TRUE to go on, %FALSE to stop decoding (not an error)
 */
typedef gboolean (*PrlAudioChunkFunc) (const gint16 *samples,
                                       gsize         n_samples,
                                       gpointer      user_data);

gboolean  prl_audio_decoder_run     (const char          *path,
                                     PrlAudioChunkFunc    chunk_func,
                                     gpointer             user_data,
                                     GCancellable        *cancellable,
                                     GError             **error);
GBytes   *prl_audio_decoder_load    (const char          *path,
                                     GCancellable        *cancellable,
                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void      prl_audio_decoder_load_async
                                    (const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GBytes   *prl_audio_decoder_load_finish
                                    (GAsyncResult        *result,
                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
