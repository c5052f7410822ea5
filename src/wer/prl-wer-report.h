/* prl-wer-report.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "prl-wer-scores.h"
#include "prl-wer-stats.h"

G_BEGIN_DECLS

typedef enum
{
  PRL_WER_REPORT_SUM,
  PRL_WER_REPORT_PRA,
  PRL_WER_REPORT_SGML,
  PRL_WER_REPORT_CSV,
  PRL_WER_REPORT_JSON,
} PrlWerReportFormat;

typedef struct
{
  const char *ref_name;      /* file names, as sclite prints them */
  const char *hyp_name;
  const char *title;         /* system name; hyp_name when NULL */
  GDateTime  *creation_date; /* (nullable) now when NULL */
  guint       max_words;     /* missed words listed; 0 for the default */
} PrlWerReportInfo;

/* A comparison of the main run (system A) with a second one (B). */
typedef struct
{
  PrlCorpusScore *other;
  const char     *other_name;
  PrlMapsswe      mapsswe;
  PrlSignTest     sign_test;
  GPtrArray      *words_fixed; /* PrlWordCount: missed by A, right in B */
  GPtrArray      *words_broken; /* PrlWordCount: right in A, missed by B */
} PrlWerComparison;

gboolean prl_wer_report_format_from_string (const char              *name,
                                            PrlWerReportFormat      *format);
gboolean prl_wer_report_format_needs_alignment (PrlWerReportFormat   format);
char    *prl_wer_report_render             (PrlCorpusScore          *score,
                                            PrlWerReportFormat       format,
                                            const PrlWerReportInfo  *info,
                                            const PrlWerComparison  *comparison) G_GNUC_WARN_UNUSED_RESULT;
void     prl_wer_csv_append_field          (GString                 *out,
                                            const char              *value);

G_END_DECLS
