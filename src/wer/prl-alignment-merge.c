/* prl-alignment-merge.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-alignment-merge"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-alignment.h"
#include "prl-wer-error.h"

#include "prl-alignment-merge.h"

/* Several systems' alignments of one utterance merged into columns, as
 * the diff view shows them. All alignments share the reference, so each
 * reference word is a column, preceded by as many insertion columns as
 * the system with the most insertions at that place needs; the other
 * systems have no word (PRL_ALIGN_MERGE_NO_WORD) in the extra ones. */

struct _PrlAlignmentMerge
{
  guint   n_systems;
  guint   n_columns;
  int    *ref; /* per column: index in the reference, -1 for insertions */
  guint8 *op;  /* per column and system: PrlAlignOp or NO_WORD */
  int    *hyp; /* per column and system: index in the hypothesis, or -1 */
};

/* One system's alignment as slots: per reference word its op and
 * hypothesis word, and before each (and after the last) the inserted
 * hypothesis words. */
typedef struct
{
  guint8    *op;
  int       *hyp;
  GPtrArray *ins; /* n_ref + 1 GArray of int */
} Slots;

static void
slots_clear (Slots *slots)
{
  g_clear_pointer (&slots->op, g_free);
  g_clear_pointer (&slots->hyp, g_free);
  g_clear_pointer (&slots->ins, g_ptr_array_unref);
}

static gboolean
slots_init (Slots *slots, const guint8 *ops, guint n_ops, guint n_ref)
{
  guint r = 0, h = 0;

  slots->op = g_new0 (guint8, n_ref + 1);
  slots->hyp = g_new0 (int, n_ref + 1);
  slots->ins = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  for (guint i = 0; i <= n_ref; i++)
    g_ptr_array_add (slots->ins, g_array_new (FALSE, FALSE, sizeof (int)));

  for (guint i = 0; ops != NULL && i < n_ops; i++)
    {
      switch (ops[i])
        {
        case PRL_ALIGN_CORRECT:
        case PRL_ALIGN_SUBSTITUTION:
          if (r >= n_ref)
            return FALSE;
          slots->op[r] = ops[i];
          slots->hyp[r++] = (int)h++;
          break;
        case PRL_ALIGN_DELETION:
          if (r >= n_ref)
            return FALSE;
          slots->op[r] = PRL_ALIGN_DELETION;
          slots->hyp[r++] = -1;
          break;
        case PRL_ALIGN_INSERTION:
          {
            int index = (int)h++;
            g_array_append_val (g_ptr_array_index (slots->ins, r), index);
          }
          break;
        default:
          return FALSE;
        }
    }
  return r == n_ref;
}

static void
merge_columns (PrlAlignmentMerge *self, Slots *slots, guint n_ref)
{
  GArray *ref = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *op = g_array_new (FALSE, FALSE, sizeof (guint8));
  GArray *hyp = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint k = 0; k <= n_ref; k++)
    {
      guint n_ins = 0;

      for (guint s = 0; s < self->n_systems; s++)
        n_ins = MAX (n_ins, ((GArray *)g_ptr_array_index (slots[s].ins, k))->len);
      for (guint j = 0; j < n_ins; j++)
        {
          int none = -1;

          g_array_append_val (ref, none);
          for (guint s = 0; s < self->n_systems; s++)
            {
              GArray *ins = g_ptr_array_index (slots[s].ins, k);
              guint8  o = j < ins->len ? PRL_ALIGN_INSERTION : PRL_ALIGN_MERGE_NO_WORD;
              int     h = j < ins->len ? g_array_index (ins, int, j) : -1;

              g_array_append_val (op, o);
              g_array_append_val (hyp, h);
            }
        }
      if (k < n_ref)
        {
          int index = (int)k;

          g_array_append_val (ref, index);
          for (guint s = 0; s < self->n_systems; s++)
            {
              g_array_append_val (op, slots[s].op[k]);
              g_array_append_val (hyp, slots[s].hyp[k]);
            }
        }
    }
  self->n_columns = ref->len;
  self->ref = (int *)(gpointer)g_array_free (ref, FALSE);
  self->op = (guint8 *)g_array_free (op, FALSE);
  self->hyp = (int *)(gpointer)g_array_free (hyp, FALSE);
}

/**
 * prl_alignment_merge_new:
 * @n_ref: the words in the reference all alignments share
 * @n_systems: how many alignments
 * @ops: (array length=n_systems): each system's alignment (PrlAlignOp)
 * @n_ops: (array length=n_systems): the length of each alignment
 *
 * Merges the systems' alignments of one utterance into columns.
 *
 * Returns: (transfer full) (nullable): the columns, or %NULL with
 *   %PRL_WER_ERROR_MISMATCHED_RUNS when an alignment does not cover the
 *   @n_ref reference words
 */
PrlAlignmentMerge *
prl_alignment_merge_new (guint                n_ref,
                         guint                n_systems,
                         const guint8 *const *ops,
                         const guint         *n_ops,
                         GError             **error)
{
  g_autoptr (PrlAlignmentMerge) self = g_new0 (PrlAlignmentMerge, 1);
  Slots   *slots = g_new0 (Slots, MAX (n_systems, 1));
  gboolean ok = TRUE;

  g_return_val_if_fail (n_systems == 0 || (ops != NULL && n_ops != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->n_systems = n_systems;
  for (guint s = 0; s < n_systems && ok; s++)
    {
      ok = slots_init (&slots[s], ops[s], n_ops[s], n_ref);
      if (!ok)
        g_set_error (
            error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
            /* Translators: a system is a model version scored on the same test */
            _ ("The alignment of system %u does not match the %u reference "
               "words; score the utterance again"),
            s, n_ref);
    }
  if (ok)
    merge_columns (self, slots, n_ref);
  for (guint s = 0; s < n_systems; s++)
    slots_clear (&slots[s]);
  g_free (slots);
  return ok ? g_steal_pointer (&self) : NULL;
}

void
prl_alignment_merge_free (PrlAlignmentMerge *self)
{
  if (self == NULL)
    return;
  g_free (self->ref);
  g_free (self->op);
  g_free (self->hyp);
  g_free (self);
}

guint
prl_alignment_merge_get_n_columns (PrlAlignmentMerge *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

guint
prl_alignment_merge_get_n_systems (PrlAlignmentMerge *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_systems;
}

/**
 * prl_alignment_merge_get_ref:
 *
 * Returns: the index of @column's reference word, or -1 in an insertion
 *   column
 */
int
prl_alignment_merge_get_ref (PrlAlignmentMerge *self, guint column)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (column < self->n_columns, -1);

  return self->ref[column];
}

/**
 * prl_alignment_merge_get_op:
 *
 * Returns: the PrlAlignOp of @system in @column, or
 *   %PRL_ALIGN_MERGE_NO_WORD where another system inserted a word
 */
guint8
prl_alignment_merge_get_op (PrlAlignmentMerge *self, guint column, guint system)
{
  g_return_val_if_fail (self != NULL, PRL_ALIGN_MERGE_NO_WORD);
  g_return_val_if_fail (column < self->n_columns && system < self->n_systems,
                        PRL_ALIGN_MERGE_NO_WORD);

  return self->op[column * self->n_systems + system];
}

/**
 * prl_alignment_merge_get_hyp:
 *
 * Returns: the index of @system's hypothesis word in @column, or -1
 *   (a deletion, or no word)
 */
int
prl_alignment_merge_get_hyp (PrlAlignmentMerge *self, guint column, guint system)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (column < self->n_columns && system < self->n_systems, -1);

  return self->hyp[column * self->n_systems + system];
}

/**
 * prl_alignment_merge_get_start:
 * @starts: (array length=n_starts) (nullable): when each of @system's
 *   hypothesis words starts, negative when unknown
 *
 * Returns: the start of @system's word in @column, or -1 when it has no
 *   word there or its time is unknown
 */
double
prl_alignment_merge_get_start (PrlAlignmentMerge *self,
                               guint              column,
                               guint              system,
                               const double      *starts,
                               guint              n_starts)
{
  int hyp = prl_alignment_merge_get_hyp (self, column, system);

  if (hyp < 0 || starts == NULL || (guint)hyp >= n_starts || starts[hyp] < 0)
    return -1;
  return starts[hyp];
}

/**
 * prl_alignment_merge_nearest_start:
 * @starts: (array length=n_starts) (nullable): when each of @system's
 *   hypothesis words starts, negative when unknown
 *
 * A time to play @column from for @system, also where it has no word.
 *
 * Returns: the start of @system's word in @column, or of its nearest
 *   timed word (the earlier one when two are as near), or -1
 */
double
prl_alignment_merge_nearest_start (PrlAlignmentMerge *self,
                                   guint              column,
                                   guint              system,
                                   const double      *starts,
                                   guint              n_starts)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (system < self->n_systems, -1);

  for (guint d = 0; d < self->n_columns; d++)
    {
      if (d <= column)
        {
          double t = prl_alignment_merge_get_start (self, column - d, system, starts,
                                                    n_starts);

          if (t >= 0)
            return t;
        }
      if (d > 0 && column + d < self->n_columns)
        {
          double t = prl_alignment_merge_get_start (self, column + d, system, starts,
                                                    n_starts);

          if (t >= 0)
            return t;
        }
    }
  return -1;
}
