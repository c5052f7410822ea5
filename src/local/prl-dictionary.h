/* prl-dictionary.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-decoder-error.h"

G_BEGIN_DECLS

GHashTable *prl_dictionary_load          (const char     *path,
                                          GCancellable   *cancellable,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    prl_dictionary_write_merged  (const char     *stock_dict_path,
                                          GHashTable     *extra,
                                          GOutputStream  *output,
                                          GError        **error);
gboolean    prl_dictionary_write         (GHashTable     *words,
                                          GOutputStream  *output,
                                          GError        **error);

G_END_DECLS
