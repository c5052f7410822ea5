/* prl-alignment.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PRL_ALIGN_CORRECT,
  PRL_ALIGN_SUBSTITUTION,
  PRL_ALIGN_DELETION,
  PRL_ALIGN_INSERTION,
} PrlAlignOp;

/* sclite's default weights for word (and -c character) alignments. */
#define PRL_ALIGN_COST_CORRECT      0
#define PRL_ALIGN_COST_SUBSTITUTION 4
#define PRL_ALIGN_COST_DELETION     3
#define PRL_ALIGN_COST_INSERTION    3

typedef struct
{
  guint correct;
  guint substitutions;
  guint deletions;
  guint insertions;
} PrlAlignCounts;

/* Up to this many cells ((words in the reference + 1) × (words in the
 * hypothesis + 1)) the whole table is filled: 64 MiB of backpointers. */
#define PRL_ALIGN_FULL_TABLE_CELLS (G_GUINT64_CONSTANT (1) << 28)
/* The most cells an alignment may fill: 256 MiB of backpointers, a few
 * seconds. Any pair within PRL_ALIGN_FULL_TABLE_CELLS fits; longer pairs
 * fit when they differ little (see docs/wer.md). */
#define PRL_ALIGN_MAX_CELLS        (G_GUINT64_CONSTANT (1) << 30)

guint8 *prl_align_symbols   (const guint32      *ref,
                             gsize               n_ref,
                             const guint32      *hyp,
                             gsize               n_hyp,
                             gsize              *n_ops,
                             PrlAlignCounts     *counts,
                             GError            **error) G_GNUC_WARN_UNUSED_RESULT;
guint8 *prl_align_symbols_with_limits (const guint32  *ref,
                                       gsize           n_ref,
                                       const guint32  *hyp,
                                       gsize           n_hyp,
                                       guint64         full_table_cells,
                                       guint64         max_cells,
                                       gsize          *n_ops,
                                       PrlAlignCounts *counts,
                                       GError        **error) G_GNUC_WARN_UNUSED_RESULT;
guint8 *prl_align_words     (const char * const *ref,
                             const char * const *hyp,
                             gsize              *n_ops,
                             PrlAlignCounts     *counts,
                             GError            **error) G_GNUC_WARN_UNUSED_RESULT;
char    prl_align_op_to_char (PrlAlignOp          op);

G_END_DECLS
