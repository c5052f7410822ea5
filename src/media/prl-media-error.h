/* prl-media-error.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PRL_MEDIA_ERROR (prl_media_error_quark ())

/**
 * PrlMediaError:
 * @PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT: the file is not audio Parlance can
 *   read: empty, a folder, not a media file, no audio stream, no decoder for
 *   its codec, or truncated. The message says which.
 * @PRL_MEDIA_ERROR_NOT_FOUND: the file does not exist
 * @PRL_MEDIA_ERROR_FAILED: anything else (no permission, GStreamer could not
 *   start, the probe timed out)
 *
 * Errors of the media layer. Cancellation is reported as
 * %G_IO_ERROR_CANCELLED, not in this domain.
 */
typedef enum
{
  PRL_MEDIA_ERROR_INVALID_AUDIO_FORMAT,
  PRL_MEDIA_ERROR_NOT_FOUND,
  PRL_MEDIA_ERROR_FAILED,
} PrlMediaError;

GQuark prl_media_error_quark (void);

G_END_DECLS
