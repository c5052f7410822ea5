/* prl-text-error.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PRL_TEXT_ERROR (prl_text_error_quark ())

typedef enum
{
  PRL_TEXT_ERROR_INVALID_UTF8,
  PRL_TEXT_ERROR_MISSING_ID,
  PRL_TEXT_ERROR_DUPLICATE_ID,
  PRL_TEXT_ERROR_EMPTY_FILE,
  PRL_TEXT_ERROR_UNMATCHED_ID,
  PRL_TEXT_ERROR_LINE_COUNT,
  PRL_TEXT_ERROR_UNKNOWN_PROFILE,
  PRL_TEXT_ERROR_INVALID_WORD_MAP,
} PrlTextError;

GQuark prl_text_error_quark (void);

G_END_DECLS
