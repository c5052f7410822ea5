/* prl-eval-shared.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-model.h"
#include "prl-store.h"

G_BEGIN_DECLS

/**
 * PrlEvalForeign:
 * @model: the other model's name
 * @provider: its provider
 * @version: (nullable): its version, %NULL for its provider's stock model
 * @results: utterance id → hypothesis and words (PrlEvalResult, owned)
 *
 * The stored results of another model's system on the same test set.
 */
typedef struct
{
  char       *model;
  char       *provider;
  char       *version;
  char       *base_model;
  GHashTable *results;
} PrlEvalForeign;

void       prl_eval_foreign_free          (PrlEvalForeign *self);

char      *prl_eval_test_set_fingerprint  (GPtrArray      *datasets) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *prl_eval_find_foreign_sync     (PrlStore       *store,
                                           PrlModel       *model,
                                           const char     *profile,
                                           GPtrArray      *utterance_ids,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlEvalForeign, prl_eval_foreign_free)

G_END_DECLS
