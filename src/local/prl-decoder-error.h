/* prl-decoder-error.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PRL_DECODER_ERROR (prl_decoder_error_quark ())

/**
 * PrlDecoderError:
 * @PRL_DECODER_ERROR_MODEL_NOT_FOUND: a file of the speech model (acoustic
 *   model, dictionary or language model) is missing
 * @PRL_DECODER_ERROR_INVALID_MODEL: PocketSphinx refused the model, the
 *   dictionary, the language model or the grammar; the message says which
 * @PRL_DECODER_ERROR_PRONUNCIATION: no pronunciation could be found or
 *   made for a word
 * @PRL_DECODER_ERROR_ALIGNMENT: the audio does not match the transcript
 *   closely enough to align it
 * @PRL_DECODER_ERROR_FAILED: anything else (decoding failed, a temporary
 *   file could not be written)
 *
 * Errors of the embedded speech decoder, its pronunciations and forced
 * alignment. Cancellation is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  PRL_DECODER_ERROR_MODEL_NOT_FOUND,
  PRL_DECODER_ERROR_INVALID_MODEL,
  PRL_DECODER_ERROR_PRONUNCIATION,
  PRL_DECODER_ERROR_ALIGNMENT,
  PRL_DECODER_ERROR_FAILED,
} PrlDecoderError;

GQuark prl_decoder_error_quark (void);

G_END_DECLS
