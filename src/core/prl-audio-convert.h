/* prl-audio-convert.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PrlAudioConvertFormat:
 * @PRL_AUDIO_CONVERT_FLAC: 16 kHz mono 16-bit FLAC
 * @PRL_AUDIO_CONVERT_L16: headerless 16 kHz mono signed 16-bit
 *   little-endian PCM
 */
typedef enum
{
  PRL_AUDIO_CONVERT_FLAC,
  PRL_AUDIO_CONVERT_L16,
} PrlAudioConvertFormat;

char    *prl_audio_convert_to_wav     (const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char    *prl_audio_convert_to_l16     (const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char    *prl_audio_convert_to_flac    (const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char    *prl_audio_convert_for_service (const char            *path,
                                        PrlAudioConvertFormat *format,
                                        GCancellable          *cancellable,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;
void     prl_audio_convert_remove     (const char    *converted);

G_END_DECLS
