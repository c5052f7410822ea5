/* prl-aligner.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-decoder.h"
#include "prl-pronouncer.h"

G_BEGIN_DECLS

GStrv             prl_aligner_split_words    (const char              *transcript) G_GNUC_WARN_UNUSED_RESULT;
char             *prl_aligner_build_grammar  (const char * const      *words) G_GNUC_WARN_UNUSED_RESULT;
PrlDecoderResult *prl_aligner_align_pcm      (const PrlDecoderConfig  *config,
                                              PrlPronouncer           *pronouncer,
                                              const gint16            *samples,
                                              gsize                    n_samples,
                                              const char              *transcript,
                                              GCancellable            *cancellable,
                                              GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
