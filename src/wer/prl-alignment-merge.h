/* prl-alignment-merge.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The op of a system in a column where it has no word: another system
 * inserted a word there. */
#define PRL_ALIGN_MERGE_NO_WORD 0xff

typedef struct _PrlAlignmentMerge PrlAlignmentMerge;

PrlAlignmentMerge *prl_alignment_merge_new          (guint                 n_ref,
                                                     guint                 n_systems,
                                                     const guint8 * const *ops,
                                                     const guint          *n_ops,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void               prl_alignment_merge_free         (PrlAlignmentMerge    *self);
guint              prl_alignment_merge_get_n_columns (PrlAlignmentMerge   *self);
guint              prl_alignment_merge_get_n_systems (PrlAlignmentMerge   *self);
int                prl_alignment_merge_get_ref      (PrlAlignmentMerge    *self,
                                                     guint                 column);
guint8             prl_alignment_merge_get_op       (PrlAlignmentMerge    *self,
                                                     guint                 column,
                                                     guint                 system);
int                prl_alignment_merge_get_hyp      (PrlAlignmentMerge    *self,
                                                     guint                 column,
                                                     guint                 system);
double             prl_alignment_merge_get_start    (PrlAlignmentMerge    *self,
                                                     guint                 column,
                                                     guint                 system,
                                                     const double         *starts,
                                                     guint                 n_starts);
double             prl_alignment_merge_nearest_start (PrlAlignmentMerge   *self,
                                                     guint                 column,
                                                     guint                 system,
                                                     const double         *starts,
                                                     guint                 n_starts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlAlignmentMerge, prl_alignment_merge_free)

G_END_DECLS
