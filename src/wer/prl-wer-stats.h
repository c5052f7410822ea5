/* prl-wer-stats.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-wer-scores.h"

G_BEGIN_DECLS

/* Matched-pair sentence-segment word error test, as sc_stats runs it. */
typedef struct
{
  guint  n_segments;
  guint  errors_a;
  guint  errors_b;
  double mean;     /* mean of (errors A - errors B) per segment */
  double std_dev;  /* sample standard deviation of that difference */
  double z;
  double p_value;  /* two-tailed */
} PrlMapsswe;

/* Sign test on per-speaker word error rates, as sc_stats runs it. */
typedef struct
{
  guint    n_units;
  guint    n_plus;   /* units where A has the higher error rate */
  guint    n_minus;
  guint    n_zero;
  gboolean by_speaker;
  double   p_value;  /* two-tailed */
} PrlSignTest;

#define PRL_MAPSSWE_MIN_BOUNDARY_WORDS 2

gboolean prl_wer_mapsswe       (PrlCorpusScore  *a,
                                PrlCorpusScore  *b,
                                PrlMapsswe      *result,
                                GError         **error);
gboolean prl_wer_sign_test     (PrlCorpusScore  *a,
                                PrlCorpusScore  *b,
                                PrlSignTest     *result,
                                GError         **error);
double   prl_wer_binomial_two_tailed (guint    n,
                                      guint    k);

G_END_DECLS
