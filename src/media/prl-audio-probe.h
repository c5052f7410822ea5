/* prl-audio-probe.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_AUDIO_INFO       (prl_audio_info_get_type ())

/* Below this rate audio is NarrowBand (telephone), from it WideBand. */
#define PRL_WIDE_BAND_MIN_RATE    16000

/**
 * PrlAudioInfo:
 * @sample_rate: Hz of the first audio stream
 * @channels: channels of the first audio stream
 * @duration: seconds, or -1 when the file does not say
 * @codec: the audio codec, for people (e.g. "Free Lossless Audio Codec (FLAC)")
 * @container: (nullable): the container, for people (e.g. "WAV", "Quicktime"),
 *   or %NULL for a bare stream such as MP3 or FLAC
 * @has_audio: %TRUE when the file holds an audio stream; always %TRUE in a
 *   result of prl_audio_probe_finish(), which fails otherwise
 * @has_video: %TRUE when the file also holds a video stream
 *
 * What probing an audio file found.
 */
typedef struct
{
  guint     sample_rate;
  guint     channels;
  double    duration;
  char     *codec;
  char     *container;
  gboolean  has_audio;
  gboolean  has_video;
} PrlAudioInfo;

GType         prl_audio_info_get_type   (void) G_GNUC_CONST;
PrlAudioInfo *prl_audio_info_copy       (const PrlAudioInfo   *info) G_GNUC_WARN_UNUSED_RESULT;
void          prl_audio_info_free       (PrlAudioInfo         *info);

void          prl_audio_probe_async     (const char           *path,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
PrlAudioInfo *prl_audio_probe_finish    (GAsyncResult         *result,
                                         GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlAudioInfo *prl_audio_probe_file      (const char           *path,
                                         GCancellable         *cancellable,
                                         GError              **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean      prl_audio_is_narrow_band  (guint                 sample_rate);
const char   *prl_audio_band_name       (guint                 sample_rate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlAudioInfo, prl_audio_info_free)

G_END_DECLS
