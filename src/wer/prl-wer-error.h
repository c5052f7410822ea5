/* prl-wer-error.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PRL_WER_ERROR (prl_wer_error_quark ())

typedef enum
{
  PRL_WER_ERROR_NO_ALIGNMENTS,
  PRL_WER_ERROR_MISMATCHED_RUNS,
  PRL_WER_ERROR_EMPTY_BATCH,
  PRL_WER_ERROR_BUSY,
  PRL_WER_ERROR_TOO_LONG,
} PrlWerError;

GQuark prl_wer_error_quark (void);

G_END_DECLS
