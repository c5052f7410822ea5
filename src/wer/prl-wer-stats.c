/* prl-wer-stats.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-wer-error.h"
#include "prl-wer-private.h"
#include "prl-wer-stats.h"

/*
 * Is system B really better than system A on the same utterances? Two of
 * the tests NIST's sc_stats runs, defined the way sc_stats defines them so
 * that the numbers can be checked against it:
 *
 * MAPSSWE (Gillick & Cox, 1989). Each utterance is cut into segments at
 * runs of at least two consecutive reference words that both systems got
 * right (with nothing inserted between them). Segments where neither system
 * made an error are dropped. The per-segment difference in errors is then
 * tested with a normal approximation: Z = mean / (sd / sqrt (n)).
 *
 * Sign test. For each speaker (the id prefix, as "sclite -i rm" reads
 * it), compare the two word error rates; differences within ±0.005 points
 * count as ties, which are split between the two sides (the odd one to the
 * minus side). The two-tailed binomial probability of the smaller side is
 * the p-value. When every utterance has the same speaker, utterances are
 * used as the units instead.
 */

#define SIGN_TEST_THRESHOLD 0.005

typedef struct
{
  guint a;
  guint b;
} SegmentErrors;

static void
segment_utterance (const PrlUtteranceScore *ua,
                   const PrlUtteranceScore *ub,
                   GArray                  *segments)
{
  g_autofree gboolean *ok_a = NULL;
  g_autofree gboolean *ok_b = NULL;
  g_autofree guint    *ins_a = NULL;
  g_autofree guint    *ins_b = NULL;
  g_autofree gboolean *boundary = NULL;
  SegmentErrors        seg = { 0, 0 };
  guint                n, i;

  _prl_utterance_score_ref_view (ua, &ok_a, &ins_a, &n);
  _prl_utterance_score_ref_view (ub, &ok_b, &ins_b, &n);

  /* Mark runs of words both systems got right, unbroken by insertions. */
  boundary = g_new0 (gboolean, n + 1);
  i = 0;
  while (i < n)
    {
      guint j = i;

      if (!(ok_a[i] && ok_b[i]))
        {
          i++;
          continue;
        }
      while (j + 1 < n && ok_a[j + 1] && ok_b[j + 1] && ins_a[j + 1] == 0
             && ins_b[j + 1] == 0)
        j++;
      if (j - i + 1 >= PRL_MAPSSWE_MIN_BOUNDARY_WORDS)
        for (guint k = i; k <= j; k++)
          boundary[k] = TRUE;
      i = j + 1;
    }

  for (guint k = 0; k <= n; k++)
    {
      seg.a += ins_a[k];
      seg.b += ins_b[k];
      if (k == n)
        break;

      if (boundary[k])
        {
          if (seg.a > 0 || seg.b > 0)
            g_array_append_val (segments, seg);
          seg.a = seg.b = 0;
        }
      else
        {
          seg.a += !ok_a[k];
          seg.b += !ok_b[k];
        }
    }

  if (seg.a > 0 || seg.b > 0)
    g_array_append_val (segments, seg);
}

/**
 * prl_wer_mapsswe:
 * @a: run of system A, scored with %PRL_WER_SCORE_KEEP_ALIGNMENT
 * @b: run of system B on the same utterances, same profile
 * @result: (out caller-allocates): the test result
 *
 * Returns: %TRUE, or %FALSE with @error set when the runs cannot be compared
 */
gboolean
prl_wer_mapsswe (PrlCorpusScore *a, PrlCorpusScore *b, PrlMapsswe *result, GError **error)
{
  g_autoptr (GArray) segments = NULL;
  double sum = 0.0, sq = 0.0;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!_prl_corpus_score_check_comparable (a, b, error))
    return FALSE;

  segments = g_array_new (FALSE, FALSE, sizeof (SegmentErrors));
  for (guint i = 0; i < prl_corpus_score_get_n_utterances (a); i++)
    {
      PrlUtteranceScore *ua = prl_corpus_score_get_utterance (a, i);

      segment_utterance (ua, prl_corpus_score_lookup (b, ua->id), segments);
    }

  memset (result, 0, sizeof *result);
  result->n_segments = segments->len;
  for (guint i = 0; i < segments->len; i++)
    {
      const SegmentErrors *seg = &g_array_index (segments, SegmentErrors, i);

      result->errors_a += seg->a;
      result->errors_b += seg->b;
      sum += (double)seg->a - (double)seg->b;
    }

  result->p_value = 1.0;
  if (segments->len == 0)
    return TRUE;

  result->mean = sum / segments->len;
  for (guint i = 0; i < segments->len; i++)
    {
      const SegmentErrors *seg = &g_array_index (segments, SegmentErrors, i);
      double               d = (double)seg->a - (double)seg->b - result->mean;

      sq += d * d;
    }

  if (segments->len < 2)
    return TRUE;

  result->std_dev = sqrt (sq / (segments->len - 1));
  if (result->std_dev > 0.0)
    {
      result->z = result->mean / (result->std_dev / sqrt ((double)segments->len));
      result->p_value = erfc (fabs (result->z) / G_SQRT2);
    }
  else if (result->mean != 0.0)
    {
      /* Every segment differs by the same amount: as certain as it gets. */
      result->z = result->mean > 0 ? INFINITY : -INFINITY;
      result->p_value = 0.0;
    }

  return TRUE;
}

/**
 * prl_wer_binomial_two_tailed:
 * @n: number of fair coin tosses
 * @k: the smaller of the two counts
 *
 * Returns: 2 · P(X ≤ k) for X ~ Binomial(n, ½), at most 1
 */
double
prl_wer_binomial_two_tailed (guint n, guint k)
{
  double p = 0.0;

  if (n == 0)
    return 1.0;

  for (guint i = 0; i <= k && i <= n; i++)
    p += exp (lgamma (n + 1.0) - lgamma (i + 1.0) - lgamma (n - i + 1.0) - n * G_LN2);

  return MIN (1.0, 2.0 * p);
}

static double
unit_rate (guint errors, guint words)
{
  if (words == 0)
    return errors == 0 ? 0.0 : 100.0 * errors;
  return 100.0 * errors / words;
}

typedef struct
{
  guint errors_a;
  guint errors_b;
  guint words;
} SignUnit;

/**
 * prl_wer_sign_test:
 * @a: run of system A
 * @b: run of system B on the same utterances, same profile
 * @result: (out caller-allocates): the test result
 *
 * Returns: %TRUE, or %FALSE with @error set when the runs cannot be compared
 */
gboolean
prl_wer_sign_test (PrlCorpusScore *a,
                   PrlCorpusScore *b,
                   PrlSignTest    *result,
                   GError        **error)
{
  g_autoptr (GHashTable) by_speaker = NULL;
  g_autoptr (GArray) units = NULL;
  guint n_utts, plus, minus;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (g_strcmp0 (prl_corpus_score_get_profile (a), prl_corpus_score_get_profile (b)) != 0
      || prl_corpus_score_get_n_utterances (a) != prl_corpus_score_get_n_utterances (b))
    {
      g_set_error (
          error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
          _ ("The runs cannot be compared: they differ in profile or utterances"));
      return FALSE;
    }

  memset (result, 0, sizeof *result);
  n_utts = prl_corpus_score_get_n_utterances (a);
  units = g_array_new (FALSE, TRUE, sizeof (SignUnit));
  by_speaker = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_utts; i++)
    {
      PrlUtteranceScore *ua = prl_corpus_score_get_utterance (a, i);

      if (!g_hash_table_contains (by_speaker, ua->speaker))
        g_hash_table_insert (by_speaker, ua->speaker, GUINT_TO_POINTER (units->len + 1));
      g_array_set_size (units, g_hash_table_size (by_speaker));
    }
  result->by_speaker = units->len > 1 || n_utts <= 1;
  if (!result->by_speaker)
    g_array_set_size (units, n_utts);

  for (guint i = 0; i < n_utts; i++)
    {
      PrlUtteranceScore *ua = prl_corpus_score_get_utterance (a, i);
      PrlUtteranceScore *ub = prl_corpus_score_lookup (b, ua->id);
      guint              pos;
      SignUnit          *unit;

      if (ub == NULL)
        {
          g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
                       _ ("Utterance “%s” was scored in one run only"), ua->id);
          return FALSE;
        }

      pos = result->by_speaker
                ? GPOINTER_TO_UINT (g_hash_table_lookup (by_speaker, ua->speaker)) - 1
                : i;
      unit = &g_array_index (units, SignUnit, pos);
      unit->errors_a += prl_wer_counts_get_errors (&ua->words);
      unit->errors_b += prl_wer_counts_get_errors (&ub->words);
      unit->words += ua->words.ref_words;
    }

  result->n_units = units->len;
  for (guint i = 0; i < units->len; i++)
    {
      const SignUnit *unit = &g_array_index (units, SignUnit, i);
      double          diff = unit_rate (unit->errors_a, unit->words)
                    - unit_rate (unit->errors_b, unit->words);

      if (fabs (diff) <= SIGN_TEST_THRESHOLD)
        result->n_zero++;
      else if (diff > 0)
        result->n_plus++;
      else
        result->n_minus++;
    }

  plus = result->n_plus + result->n_zero / 2;
  minus = result->n_minus + result->n_zero - result->n_zero / 2;
  result->p_value = prl_wer_binomial_two_tailed (units->len, MIN (plus, minus));

  return TRUE;
}
