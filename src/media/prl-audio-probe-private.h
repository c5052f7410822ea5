/* prl-audio-probe-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-audio-probe.h"

G_BEGIN_DECLS

/* Why a probe failed, finer than PrlMediaError, so that a check can say
 * what to do about it. */
typedef enum
{
  PRL_PROBE_FAILURE_NONE,
  PRL_PROBE_FAILURE_NOT_FOUND,
  PRL_PROBE_FAILURE_NOT_A_FILE,
  PRL_PROBE_FAILURE_EMPTY,
  PRL_PROBE_FAILURE_UNREADABLE,
  PRL_PROBE_FAILURE_NO_AUDIO,
  PRL_PROBE_FAILURE_MISSING_PLUGIN,
  PRL_PROBE_FAILURE_DAMAGED,
  PRL_PROBE_FAILURE_OTHER,
} PrlProbeFailure;

PrlAudioInfo *_prl_audio_probe_run (const char       *path,
                                    GCancellable     *cancellable,
                                    PrlProbeFailure  *failure,
                                    GError          **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean      _prl_media_ensure_gstreamer (GError         **error);
gboolean      _prl_media_check_path  (GFile            *file,
                                      const char       *path,
                                      GCancellable     *cancellable,
                                      PrlProbeFailure  *failure,
                                      GError          **error);

/* Work on one file that may take a while, for _prl_media_run_in_thread(). */
typedef gpointer (*PrlMediaPathFunc) (const char   *path,
                                      GCancellable *cancellable,
                                      GError      **error);

void          _prl_media_run_in_thread (const char          *path,
                                        PrlMediaPathFunc     func,
                                        GDestroyNotify       result_free,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

G_END_DECLS
