/* prl-improve.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-dataset.h"
#include "prl-eval-run.h"

G_BEGIN_DECLS

/* The p-value below which a round's gain counts as significant. */
#define PRL_IMPROVE_ALPHA 0.05

char   **prl_improve_pick_words       (PrlEvalRun  *run,
                                       guint        max) G_GNUC_WARN_UNUSED_RESULT;
char   **prl_improve_dup_keywords     (PrlDataset  *dataset,
                                       gboolean    *self_heal_round) G_GNUC_WARN_UNUSED_RESULT;
GHashTable *prl_improve_count_lookups (GPtrArray   *datasets) G_GNUC_WARN_UNUSED_RESULT;
char   **prl_improve_order_words      (PrlEvalRun  *run,
                                       GHashTable  *lookups,
                                       GHashTable  *skip) G_GNUC_WARN_UNUSED_RESULT;
char    *prl_improve_drop_references  (PrlEvalRun  *run,
                                       const char  *text,
                                       guint       *n_dropped,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean prl_improve_compare          (PrlEvalRun  *run,
                                       const char  *old_version,
                                       const char  *new_version,
                                       double      *p_value,
                                       gboolean    *significant,
                                       GError     **error);
GHashTable *prl_improve_describe_versions (GPtrArray *versions,
                                           GPtrArray *datasets) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
