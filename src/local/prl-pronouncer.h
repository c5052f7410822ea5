/* prl-pronouncer.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-decoder-error.h"

G_BEGIN_DECLS

#define PRL_TYPE_PRONOUNCER (prl_pronouncer_get_type ())

G_DECLARE_FINAL_TYPE (PrlPronouncer, prl_pronouncer, PRL, PRONOUNCER, GObject)

PrlPronouncer      *prl_pronouncer_new          (const char     *dict_path,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
char               *prl_pronouncer_lookup       (PrlPronouncer  *self,
                                                 const char     *word,
                                                 gboolean       *generated,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            prl_pronouncer_has_word     (PrlPronouncer  *self,
                                                 const char     *word);
char               *prl_pronouncer_generate     (const char     *word,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
char               *prl_pronouncer_spell        (const char     *word) G_GNUC_WARN_UNUSED_RESULT;
char               *prl_pronouncer_ipa_to_phones
                                                (const char     *ipa) G_GNUC_WARN_UNUSED_RESULT;

const char * const *prl_pronouncer_phone_set    (void);
gboolean            prl_pronouncer_is_phone     (const char     *phone);

G_END_DECLS
