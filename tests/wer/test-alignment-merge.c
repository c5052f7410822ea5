/* test-alignment-merge.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-alignment-merge"

#include "config.h"

#include <string.h>

#include "prl-alignment-merge.h"
#include "prl-alignment.h"
#include "prl-wer-error.h"

/* Ops written as sclite's letters: C, S, D, I. */
static guint8 *
parse_ops (const char *letters, guint *n_ops)
{
  guint8 *ops = g_new0 (guint8, strlen (letters) + 1);

  for (*n_ops = 0; letters[*n_ops] != '\0'; (*n_ops)++)
    {
      const char *all = "CSDI";

      g_assert_nonnull (strchr (all, letters[*n_ops]));
      ops[*n_ops] = (guint8)(strchr (all, letters[*n_ops]) - all);
    }
  return ops;
}

static PrlAlignmentMerge *
merge_letters (guint n_ref, const char *const *systems, GError **error)
{
  guint              n = g_strv_length ((char **)systems);
  guint8            *ops[4] = { NULL };
  guint              n_ops[4] = { 0 };
  PrlAlignmentMerge *merge;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (ops));
  for (guint s = 0; s < n; s++)
    ops[s] = parse_ops (systems[s], &n_ops[s]);
  merge = prl_alignment_merge_new (n_ref, n, (const guint8 *const *)ops, n_ops, error);
  for (guint s = 0; s < n; s++)
    g_free (ops[s]);
  return merge;
}

/* The merged columns as text, one column per space-separated field:
 * the reference index (or "-") then per system its op letter (or "_"
 * for no word) and hypothesis index (or "-"). */
static char *
describe (PrlAlignmentMerge *merge)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < prl_alignment_merge_get_n_columns (merge); c++)
    {
      int ref = prl_alignment_merge_get_ref (merge, c);

      if (c > 0)
        g_string_append_c (out, ' ');
      if (ref < 0)
        g_string_append_c (out, '-');
      else
        g_string_append_printf (out, "%d", ref);
      for (guint s = 0; s < prl_alignment_merge_get_n_systems (merge); s++)
        {
          guint8 op = prl_alignment_merge_get_op (merge, c, s);
          int    hyp = prl_alignment_merge_get_hyp (merge, c, s);

          g_string_append_c (out, ':');
          g_string_append_c (out, op == PRL_ALIGN_MERGE_NO_WORD
                                      ? '_'
                                      : prl_align_op_to_char ((PrlAlignOp)op));
          if (hyp < 0)
            g_string_append_c (out, '-');
          else
            g_string_append_printf (out, "%d", hyp);
        }
    }
  return g_string_free (out, FALSE);
}

static void
check (guint n_ref, const char *const *systems, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAlignmentMerge) merge = merge_letters (n_ref, systems, &error);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (merge);
  got = describe (merge);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_same_shape (void)
{
  /* Substitutions and deletions keep one column per reference word. */
  check (3, (const char *const[]){ "CCC", "CSD", NULL }, "0:C0:C0 1:C1:S1 2:C2:D-");
}

static void
test_insertion_one_system (void)
{
  /* The version inserts a word before the second reference word: the
   * stock model has no word in that column, and the version's
   * hypothesis indices move on by one after it. */
  check (2, (const char *const[]){ "CC", "CIC", NULL }, "0:C0:C0 -:_-:I1 1:C1:C2");
}

static void
test_insertions_both_systems (void)
{
  /* Two insertions in one system and one in the other at the same place
   * need two columns; the shorter run is padded after its own word. */
  check (2, (const char *const[]){ "CIIS", "CIC", NULL },
         "0:C0:C0 -:I1:I1 -:I2:_- 1:S3:C2");
}

static void
test_insertions_at_ends (void)
{
  /* Insertions before the first and after the last reference word. */
  check (1, (const char *const[]){ "ICI", "C", NULL }, "-:I0:_- 0:C1:C0 -:I2:_-");
}

static void
test_three_systems (void)
{
  check (3, (const char *const[]){ "CSC", "ICDC", "CCIIC", NULL },
         "-:_-:I0:_- 0:C0:C1:C0 1:S1:D-:C1 -:_-:_-:I2 -:_-:_-:I3 2:C2:C2:C4");
}

static void
test_empty_reference (void)
{
  check (0, (const char *const[]){ "", "II", NULL }, "-:_-:I0 -:_-:I1");
  check (0, (const char *const[]){ "", "", NULL }, "");
}

static void
test_mismatch (void)
{
  const char *const too_few[] = { "CC", "C", NULL };
  const char *const too_many[] = { "CC", "CCS", NULL };
  g_autoptr (GError) error = NULL;
  PrlAlignmentMerge *merge;

  merge = merge_letters (2, too_few, &error);
  g_assert_null (merge);
  g_assert_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS);
  g_clear_error (&error);
  merge = merge_letters (2, too_many, &error);
  g_assert_null (merge);
  g_assert_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS);
}

static void
test_starts (void)
{
  const char *const systems[] = { "CIC", "DC", NULL };
  /* Stock: words 0, 1 (inserted), 2; the version only knows word 0's
   * time at index 0 (its reference word 1). */
  const double stock[] = { 0.5, 1.0, -1 };
  const double version[] = { 2.0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlAlignmentMerge) merge = merge_letters (2, systems, &error);

  g_assert_no_error (error);
  /* Columns: ref 0, insertion, ref 1. */
  g_assert_cmpuint (prl_alignment_merge_get_n_columns (merge), ==, 3);
  g_assert_cmpfloat (prl_alignment_merge_get_start (merge, 0, 0, stock, 3), ==, 0.5);
  g_assert_cmpfloat (prl_alignment_merge_get_start (merge, 1, 0, stock, 3), ==, 1.0);
  /* Unknown, and out of range of the times given. */
  g_assert_cmpfloat (prl_alignment_merge_get_start (merge, 2, 0, stock, 3), ==, -1);
  g_assert_cmpfloat (prl_alignment_merge_get_start (merge, 2, 0, stock, 2), ==, -1);
  g_assert_cmpfloat (prl_alignment_merge_get_start (merge, 0, 1, version, 1), ==, -1);
  g_assert_cmpfloat (prl_alignment_merge_get_start (merge, 0, 0, NULL, 0), ==, -1);

  /* The nearest timed word, the earlier one first on a tie. */
  g_assert_cmpfloat (prl_alignment_merge_nearest_start (merge, 2, 0, stock, 3), ==, 1.0);
  g_assert_cmpfloat (prl_alignment_merge_nearest_start (merge, 0, 1, version, 1), ==,
                     2.0);
  g_assert_cmpfloat (prl_alignment_merge_nearest_start (merge, 1, 1, version, 1), ==,
                     2.0);
  g_assert_cmpfloat (prl_alignment_merge_nearest_start (merge, 1, 0, stock, 1), ==, 0.5);
  g_assert_cmpfloat (prl_alignment_merge_nearest_start (merge, 1, 1, NULL, 0), ==, -1);
}

static void
test_tie_prefers_earlier (void)
{
  const char *const systems[] = { "CCC", NULL };
  const double      starts[] = { 1.0, -1, 3.0 };
  g_autoptr (PrlAlignmentMerge) merge = merge_letters (3, systems, NULL);

  g_assert_cmpfloat (prl_alignment_merge_nearest_start (merge, 1, 0, starts, 3), ==, 1.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wer/alignment-merge/same-shape", test_same_shape);
  g_test_add_func ("/wer/alignment-merge/insertion-one-system",
                   test_insertion_one_system);
  g_test_add_func ("/wer/alignment-merge/insertions-both-systems",
                   test_insertions_both_systems);
  g_test_add_func ("/wer/alignment-merge/insertions-at-ends", test_insertions_at_ends);
  g_test_add_func ("/wer/alignment-merge/three-systems", test_three_systems);
  g_test_add_func ("/wer/alignment-merge/empty-reference", test_empty_reference);
  g_test_add_func ("/wer/alignment-merge/mismatch", test_mismatch);
  g_test_add_func ("/wer/alignment-merge/starts", test_starts);
  g_test_add_func ("/wer/alignment-merge/tie-prefers-earlier", test_tie_prefers_earlier);
  return g_test_run ();
}
