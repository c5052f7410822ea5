/* prl-decoder-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-decoder.h"

G_BEGIN_DECLS

void _prl_decoder_silence_pocketsphinx (void);

G_END_DECLS
