/* prl-store-eval.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-store.h"

G_BEGIN_DECLS

/**
 * PrlEvalResult:
 * @system: "" for the stock model, else the version's name
 * @utterance_id: the test pair's basename
 * @hypothesis: the recognized text
 * @words_json: a JSON array of {word, start, end, confidence}
 *
 * One stored evaluation row, with its alignment counts.
 */
typedef struct
{
  char *system;
  char *utterance_id;
  char *hypothesis;
  char *words_json;
  guint correct;
  guint substitutions;
  guint deletions;
  guint insertions;
  guint ref_words;
} PrlEvalResult;

PrlEvalResult *prl_eval_result_new  (void) G_GNUC_WARN_UNUSED_RESULT;
void           prl_eval_result_free (PrlEvalResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlEvalResult, prl_eval_result_free)

/* Blocking calls for the evaluate job's worker thread. */
GPtrArray *prl_store_list_eval_results_sync (PrlStore   *self,
                                             gint64      model_id,
                                             const char *profile,
                                             GError    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean   prl_store_save_eval_results_sync (PrlStore   *self,
                                             gint64      model_id,
                                             const char *profile,
                                             GPtrArray  *results,
                                             GError    **error);

G_END_DECLS
