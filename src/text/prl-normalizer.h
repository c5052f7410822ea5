/* prl-normalizer.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PRL_NORMALIZE_NONE                = 0,
  PRL_NORMALIZE_FOLD_ASCII_CASE     = 1 << 0,
  PRL_NORMALIZE_FOLD_CASE           = 1 << 1,
  PRL_NORMALIZE_STRIP_PUNCTUATION   = 1 << 2,
  PRL_NORMALIZE_KEEP_APOSTROPHES    = 1 << 3,
  PRL_NORMALIZE_KEEP_HYPHENS        = 1 << 4,
  PRL_NORMALIZE_REMOVE_FILLERS      = 1 << 5,
  PRL_NORMALIZE_REMOVE_BRACKETED    = 1 << 6,
  PRL_NORMALIZE_NUMBERS             = 1 << 7,
  PRL_NORMALIZE_EXPAND_CONTRACTIONS = 1 << 8,
} PrlNormalizeFlags;

#define PRL_TYPE_NORMALIZER (prl_normalizer_get_type ())

G_DECLARE_FINAL_TYPE (PrlNormalizer, prl_normalizer, PRL, NORMALIZER, GObject)

const char * const *prl_normalizer_list_profiles       (void);
const char         *prl_normalizer_describe_profile    (const char         *profile);

PrlNormalizer      *prl_normalizer_new                 (const char         *profile,
                                                        GError            **error) G_GNUC_WARN_UNUSED_RESULT;
guint               prl_normalizer_get_version         (PrlNormalizer      *self);
const char         *prl_normalizer_get_identity        (PrlNormalizer      *self);
PrlNormalizeFlags   prl_normalizer_get_flags           (PrlNormalizer      *self);
void                prl_normalizer_set_flags           (PrlNormalizer      *self,
                                                        PrlNormalizeFlags   flags);
void                prl_normalizer_add_word_mapping    (PrlNormalizer      *self,
                                                        const char         *from,
                                                        const char         *to);
/* The largest word map file read. */
#define PRL_WORD_MAP_MAX_SIZE (G_GUINT64_CONSTANT (64) << 20)

gboolean            prl_normalizer_load_word_map       (PrlNormalizer      *self,
                                                        const char         *path,
                                                        GError            **error);
char              **prl_normalizer_normalize_packed    (PrlNormalizer      *self,
                                                        const char         *text) G_GNUC_WARN_UNUSED_RESULT;
GStrv               prl_normalizer_normalize           (PrlNormalizer      *self,
                                                        const char         *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
