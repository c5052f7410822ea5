/* prl-decoder-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-decoder.h"

G_BEGIN_DECLS

struct ngram_model_s;

void                  _prl_decoder_silence_pocketsphinx (void);
/* sphinxbase's ngram_model_t, named without including pocketsphinx.h */
struct ngram_model_s *_prl_decoder_get_lm               (PrlDecoder *self);

G_END_DECLS
