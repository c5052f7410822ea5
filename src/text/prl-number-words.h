/* prl-number-words.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void prl_number_words_normalize (GPtrArray *tokens);

G_END_DECLS
