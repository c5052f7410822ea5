/* prl-alignment.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-alignment"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-wer-error.h"

#include "prl-alignment.h"

/*
 * Minimum-cost alignment of a reference and a hypothesis, with sclite's
 * weights (correct 0, substitution 4, deletion 3, insertion 3).
 *
 * Several alignments often share the minimum cost, and they do not all
 * give the same counts: "c c b a c" against "b a a a b" costs 16 both as
 * four substitutions and as one substitution, two deletions and two
 * insertions. To report sclite's numbers we must
 * pick the path sclite picks. Checked against sclite 2.10 on thousands of
 * generated ties: trace back from the end and, at every cell, prefer the
 * diagonal (correct or substitution), then an insertion, then a deletion.
 *
 * Backpointers take two bits per cell. Up to PRL_ALIGN_FULL_TABLE_CELLS
 * cells the whole table is filled. Beyond that only a band of diagonals is:
 * a path through cell (i, j) needs at least |j - i| insertions or deletions
 * to get there and |(j - i) - (m - n)| more to reach the end, each costing
 * 3, so if every cell whose diagonal allows a cost of C is in the band and
 * the best path found in the band costs at most C, every minimum-cost path
 * of the full table lies in the band, and so do the best paths to each of
 * its cells. The traceback then makes the same choices as on the full
 * table: at a cell of the full table's path, each predecessor that ties is
 * on a minimum-cost path and has its true cost, and those that do not tie
 * cost at least as much in the band as in the full table. When the band's
 * best path costs more than C, C grows (to at most that cost, which
 * is always enough) and the band is filled again. Nearly identical long
 * texts thus take a narrow band: a 1.2-million-word utterance against
 * itself fills 1.2 million cells, not 1.4 × 10¹². The band may not exceed
 * PRL_ALIGN_MAX_CELLS cells; longer, very different texts are refused.
 */

enum
{
  DIR_DIAG,
  DIR_INS,
  DIR_DEL,
};

/* Larger than any real cost, and small enough that adding 4 cannot wrap. */
#define COST_INF (G_MAXUINT32 / 2)

/* Packed tables take two bits a cell; small ones a byte, which is faster. */
static inline void
set_dir (guint8 *dirs, gboolean packed, guint64 cell, guint dir)
{
  if (packed)
    dirs[cell >> 2] |= (guint8)(dir << ((cell & 3) * 2));
  else
    dirs[cell] = (guint8)dir;
}

static inline guint
get_dir (const guint8 *dirs, gboolean packed, guint64 cell)
{
  if (packed)
    return (dirs[cell >> 2] >> ((cell & 3) * 2)) & 3;
  return dirs[cell];
}

/* The cells (i, j) with k_lo <= j - i <= k_hi. Row i stores width cells
 * from column band_base (i), enough for its part of the band. */
typedef struct
{
  gint64   n;
  gint64   m;
  gint64   k_lo;
  gint64   k_hi;
  gint64   width;
  gboolean packed;
} Band;

static void
band_init (Band *band, gsize n, gsize m, gint64 k_lo, gint64 k_hi)
{
  band->n = n;
  band->m = m;
  band->k_lo = CLAMP (k_lo, -(gint64)n, 0);
  band->k_hi = CLAMP (k_hi, 0, (gint64)m);
  band->width = MIN (band->k_hi - band->k_lo + 1, (gint64)m + 1);
}

/* The band that holds every path of cost at most @cost. */
static void
band_for_cost (Band *band, gsize n, gsize m, guint64 cost)
{
  gint64 d = (gint64)m - (gint64)n;
  gint64 t = (gint64)MIN (cost / PRL_ALIGN_COST_INSERTION, (guint64)(n + m));

  /* 3 (|k| + |k - d|) <= cost, widened by one on each side for rounding. */
  band_init (band, n, m, (d - t) / 2 - 1, (d + t) / 2 + 1);
}

static guint64
band_n_cells (const Band *band)
{
  return (guint64)(band->n + 1) * (guint64)band->width;
}

/* First column stored for row @i: cell (i, j) is at i * width + j - base. */
static inline gint64
band_base (const Band *band, gint64 i)
{
  return CLAMP (i + band->k_lo, 0, band->m + 1 - band->width);
}

/* Fills @dirs (band_n_cells() / 4 bytes rounded up and zeroed if packed,
 * band_n_cells() bytes if not) and returns the cost of the best path inside
 * the band, or COST_INF as soon as that is sure to exceed @give_up_above
 * (every path crosses every row, and costs only grow along a path). @prev
 * and @cur hold m + 1 costs. Inlined four times, so that each copy knows
 * how the table is stored and whether to watch the bound. */
static inline G_ALWAYS_INLINE guint32
fill_band_inline (const Band    *band,
                  const guint32 *ref,
                  const guint32 *hyp,
                  guint8        *dirs,
                  guint32       *prev,
                  guint32       *cur,
                  guint32        give_up_above,
                  gboolean       packed,
                  gboolean       bounded)
{
  gint64 n = band->n, m = band->m, width = band->width;
  gint64 lo, hi;

  /* Row 0 starts at column 0 (band_base (0) is 0 as k_lo <= 0). */
  hi = MIN (m, band->k_hi);
  prev[0] = 0;
  for (gint64 j = 1; j <= hi; j++)
    {
      prev[j] = prev[j - 1] + PRL_ALIGN_COST_INSERTION;
      set_dir (dirs, packed, j, DIR_INS);
    }
  if (hi < m)
    prev[hi + 1] = COST_INF;

  for (gint64 i = 1; i <= n; i++)
    {
      guint32  r = ref[i - 1];
      guint32  row_min = COST_INF;
      gint64   base = band_base (band, i);
      guint64  row = (guint64)i * width - base;
      guint32 *tmp;
      gint64   j;

      lo = MAX (0, i + band->k_lo);
      hi = MIN (m, i + band->k_hi);

      j = lo;
      if (j == 0)
        {
          cur[0] = prev[0] + PRL_ALIGN_COST_DELETION;
          set_dir (dirs, packed, row, DIR_DEL);
          j = 1;
        }
      else
        cur[j - 1] = COST_INF;

      for (; j <= hi; j++)
        {
          guint32 diag = prev[j - 1]
                         + (r == hyp[j - 1] ? PRL_ALIGN_COST_CORRECT
                                            : PRL_ALIGN_COST_SUBSTITUTION);
          guint32 ins = cur[j - 1] + PRL_ALIGN_COST_INSERTION;
          guint32 del = prev[j] + PRL_ALIGN_COST_DELETION;

          guint32 best = ins <= del ? ins : del;
          guint   dir = ins <= del ? DIR_INS : DIR_DEL;

          /* sclite's tie-breaking: diagonal, then insertion, then deletion. */
          if (diag <= best)
            {
              best = diag;
              dir = DIR_DIAG;
            }
          cur[j] = best;
          if (bounded)
            row_min = MIN (row_min, best);
          set_dir (dirs, packed, row + j, dir);
        }
      if (bounded && row_min > give_up_above && cur[lo] > give_up_above)
        return COST_INF;
      if (hi < m)
        cur[hi + 1] = COST_INF;

      tmp = prev;
      prev = cur;
      cur = tmp;
    }

  return prev[m];
}

static guint32
fill_band (const Band    *band,
           const guint32 *ref,
           const guint32 *hyp,
           guint8        *dirs,
           guint32       *prev,
           guint32       *cur,
           guint32        give_up_above)
{
  gboolean bounded = give_up_above < COST_INF;

  if (band->packed && bounded)
    return fill_band_inline (band, ref, hyp, dirs, prev, cur, give_up_above, TRUE, TRUE);
  if (band->packed)
    return fill_band_inline (band, ref, hyp, dirs, prev, cur, give_up_above, TRUE, FALSE);
  if (bounded)
    return fill_band_inline (band, ref, hyp, dirs, prev, cur, give_up_above, FALSE, TRUE);
  return fill_band_inline (band, ref, hyp, dirs, prev, cur, give_up_above, FALSE, FALSE);
}

static guint8 *
trace_back (const Band     *band,
            const guint32  *ref,
            const guint32  *hyp,
            const guint8   *dirs,
            gsize           n_tail,
            gsize          *n_ops,
            PrlAlignCounts *counts)
{
  guint8        *ops = g_malloc (band->n + band->m + n_tail + 1);
  PrlAlignCounts c = { 0, 0, 0, 0 };
  gint64         i = band->n, j = band->m;
  gsize          n = 0;

  /* The common tail, then the table's path, in reverse. */
  memset (ops, PRL_ALIGN_CORRECT, n_tail);
  n = n_tail;
  c.correct = n_tail;
  while (i > 0 || j > 0)
    {
      guint dir = get_dir (dirs, band->packed,
                           (guint64)i * band->width + j - band_base (band, i));

      if (dir == DIR_DIAG)
        {
          if (ref[i - 1] == hyp[j - 1])
            {
              ops[n++] = PRL_ALIGN_CORRECT;
              c.correct++;
            }
          else
            {
              ops[n++] = PRL_ALIGN_SUBSTITUTION;
              c.substitutions++;
            }
          i--;
          j--;
        }
      else if (dir == DIR_INS)
        {
          ops[n++] = PRL_ALIGN_INSERTION;
          c.insertions++;
          j--;
        }
      else
        {
          ops[n++] = PRL_ALIGN_DELETION;
          c.deletions++;
          i--;
        }
    }

  for (gsize k = 0; k < n / 2; k++)
    {
      guint8 t = ops[k];

      ops[k] = ops[n - 1 - k];
      ops[n - 1 - k] = t;
    }

  *n_ops = n;
  if (counts != NULL)
    *counts = c;
  return ops;
}

/**
 * prl_align_symbols_with_limits:
 * @ref: (array length=n_ref): reference symbols
 * @hyp: (array length=n_hyp): hypothesis symbols
 * @full_table_cells: up to this many cells ((n_ref + 1) × (n_hyp + 1)),
 *   fill the whole table; beyond, fill a band
 * @max_cells: refuse alignments whose band needs more cells
 * @n_ops: (out): number of operations returned
 * @counts: (out) (optional): totals per operation
 *
 * prl_align_symbols() with its limits chosen; for tests.
 *
 * Returns: (transfer full) (array length=n_ops) (nullable): #PrlAlignOp
 *   values, or %NULL with @error set when the texts are too long
 */
guint8 *
prl_align_symbols_with_limits (const guint32  *ref,
                               gsize           n_ref,
                               const guint32  *hyp,
                               gsize           n_hyp,
                               guint64         full_table_cells,
                               guint64         max_cells,
                               gsize          *n_ops,
                               PrlAlignCounts *counts,
                               GError        **error)
{
  g_autofree guint32 *rows_heap = NULL;
  g_autofree guint8  *dirs_heap = NULL;
  guint32             rows_stack[2 * 256];
  guint8              dirs_stack[16384];
  guint32            *prev, *cur;
  guint8             *dirs;
  Band                band;
  guint64             band_cost, best;
  gsize               n_tail = 0;

  g_return_val_if_fail (n_ops != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A common tail is always aligned word for word: at the last cell, the
   * diagonal costs no more than an insertion or a deletion (dropping the
   * last word of one text from an alignment costs at most 3 more), and the
   * diagonal wins ties. Leave it out of the table. */
  while (n_tail < n_ref && n_tail < n_hyp
         && ref[n_ref - 1 - n_tail] == hyp[n_hyp - 1 - n_tail])
    n_tail++;
  n_ref -= n_tail;
  n_hyp -= n_tail;

  /* Any path pays for the difference in length; start a little above. */
  band_cost = (guint64)PRL_ALIGN_COST_INSERTION
                  * (n_ref > n_hyp ? n_ref - n_hyp : n_hyp - n_ref)
              + 16 * PRL_ALIGN_COST_SUBSTITUTION;
  if ((guint64)(n_ref + 1) * (n_hyp + 1) <= full_table_cells)
    band_init (&band, n_ref, n_hyp, -(gint64)n_ref, n_hyp);
  else
    band_for_cost (&band, n_ref, n_hyp, band_cost);

  /* Most utterances are short: keep their tables off the heap. */
  if (n_hyp + 1 <= G_N_ELEMENTS (rows_stack) / 2)
    prev = rows_stack;
  else
    prev = rows_heap = g_new (guint32, 2 * (n_hyp + 1));
  cur = prev + n_hyp + 1;

  for (;;)
    {
      gboolean whole = band.k_lo == -(gint64)n_ref && band.k_hi == (gint64)n_hyp;

      if (band_n_cells (&band) > max_cells)
        {
          g_autofree char *need = g_format_size (band_n_cells (&band) / 4);
          g_autofree char *limit = g_format_size (max_cells / 4);

          g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_TOO_LONG,
                       _ ("%lu reference words and %lu hypothesis words differ too much "
                          "to align: that would "
                          "take %s of memory, more than the limit of %s; split them into "
                          "shorter utterances"),
                       (unsigned long)(n_ref + n_tail), (unsigned long)(n_hyp + n_tail),
                       need, limit);
          return NULL;
        }

      g_clear_pointer (&dirs_heap, g_free);
      band.packed = band_n_cells (&band) > sizeof dirs_stack;
      if (!band.packed)
        dirs = dirs_stack; /* every cell read is written first */
      else
        dirs = dirs_heap = g_malloc0 ((band_n_cells (&band) + 3) / 4);
      best = fill_band (&band, ref, hyp, dirs, prev, cur,
                        whole ? COST_INF : (guint32)MIN (band_cost, COST_INF - 1));

      /* Exact when the band holds every path that costs no more than the
       * best one found in it (see above); the whole table always does. */
      if (whole || best <= band_cost)
        break;

      /* A band for the cost found is always wide enough; a narrower one
       * may be, and is cheaper to try. */
      band_cost = MIN (2 * band_cost, best);
      band_for_cost (&band, n_ref, n_hyp, band_cost);
    }

  return trace_back (&band, ref, hyp, dirs, n_tail, n_ops, counts);
}

/**
 * prl_align_symbols:
 * @ref: (array length=n_ref): reference symbols
 * @hyp: (array length=n_hyp): hypothesis symbols
 * @n_ops: (out): number of operations returned
 * @counts: (out) (optional): totals per operation
 *
 * Equal symbols are equal words (or characters). Texts that differ so much
 * that the alignment would need more than %PRL_ALIGN_MAX_CELLS cells are
 * refused with %PRL_WER_ERROR_TOO_LONG.
 *
 * Returns: (transfer full) (array length=n_ops) (nullable): #PrlAlignOp
 *   values, from the start of the utterance to its end, or %NULL with
 *   @error set
 */
guint8 *
prl_align_symbols (const guint32  *ref,
                   gsize           n_ref,
                   const guint32  *hyp,
                   gsize           n_hyp,
                   gsize          *n_ops,
                   PrlAlignCounts *counts,
                   GError        **error)
{
  return prl_align_symbols_with_limits (ref, n_ref, hyp, n_hyp,
                                        PRL_ALIGN_FULL_TABLE_CELLS, PRL_ALIGN_MAX_CELLS,
                                        n_ops, counts, error);
}

/* The slot of @word (hashed to @h) in the table of reference positions:
 * the one holding an equal reference word, or the empty one where it
 * would go. */
static inline gsize
find_slot (const guint32     *slots,
           gsize              mask,
           const guint32     *hashes,
           const char *const *ref,
           guint32            h,
           const char        *word)
{
  gsize k;

  for (k = h & mask; slots[k] != 0; k = (k + 1) & mask)
    if (hashes[slots[k] - 1] == h && strcmp (ref[slots[k] - 1], word) == 0)
      break;
  return k;
}

/**
 * prl_align_words:
 * @ref: (array zero-terminated=1): reference words
 * @hyp: (array zero-terminated=1): hypothesis words
 * @n_ops: (out): number of operations returned
 * @counts: (out) (optional): totals per operation
 *
 * Words are equal when their bytes are equal; normalize them first.
 *
 * Returns: (transfer full) (array length=n_ops) (nullable): #PrlAlignOp
 *   values, or %NULL with @error set (see prl_align_symbols())
 */
guint8 *
prl_align_words (const char *const *ref,
                 const char *const *hyp,
                 gsize             *n_ops,
                 PrlAlignCounts    *counts,
                 GError           **error)
{
  g_autofree guint32 *heap = NULL;
  guint32             stack[1024];
  guint32            *ref_ids, *hyp_ids, *hashes, *slots;
  gsize               n_ref = 0, n_hyp = 0, mask, size;

  g_return_val_if_fail (n_ops != NULL, NULL);

  while (ref != NULL && ref[n_ref] != NULL)
    n_ref++;
  while (hyp != NULL && hyp[n_hyp] != NULL)
    n_hyp++;

  /* Give each distinct word a number (the position of its first use in the
   * reference), so that the DP compares integers. An open-addressing table
   * of reference positions: a GHashTable for every utterance cost more
   * than aligning it. */
  for (mask = 15; mask < 2 * n_ref; mask = mask * 2 + 1)
    ;
  size = 2 * n_ref + n_hyp + mask + 1;
  ref_ids = size <= G_N_ELEMENTS (stack) ? stack : (heap = g_new (guint32, size));
  hashes = ref_ids + n_ref;
  hyp_ids = hashes + n_ref;
  slots = hyp_ids + n_hyp; /* reference position + 1, or 0 */
  memset (slots, 0, (mask + 1) * sizeof (guint32));

  for (gsize i = 0; i < n_ref; i++)
    {
      gsize k;

      hashes[i] = g_str_hash (ref[i]);
      k = find_slot (slots, mask, hashes, ref, hashes[i], ref[i]);
      if (slots[k] == 0)
        slots[k] = i + 1;
      ref_ids[i] = slots[k] - 1;
    }

  for (gsize j = 0; j < n_hyp; j++)
    {
      gsize k = find_slot (slots, mask, hashes, ref, g_str_hash (hyp[j]), hyp[j]);

      /* Words only in the hypothesis never match; they need no entry. */
      hyp_ids[j] = slots[k] != 0 ? slots[k] - 1 : G_MAXUINT32;
    }

  return prl_align_symbols (ref_ids, n_ref, hyp_ids, n_hyp, n_ops, counts, error);
}

char
prl_align_op_to_char (PrlAlignOp op)
{
  switch (op)
    {
    case PRL_ALIGN_CORRECT:
      return 'C';
    case PRL_ALIGN_SUBSTITUTION:
      return 'S';
    case PRL_ALIGN_DELETION:
      return 'D';
    case PRL_ALIGN_INSERTION:
      return 'I';
    default:
      return '?';
    }
}
