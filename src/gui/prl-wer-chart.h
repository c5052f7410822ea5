/* prl-wer-chart.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prl-eval-run.h"

G_BEGIN_DECLS

#define PRL_TYPE_WER_CHART (prl_wer_chart_get_type ())

G_DECLARE_FINAL_TYPE (PrlWerChart, prl_wer_chart, PRL, WER_CHART, GtkWidget)

GtkWidget *prl_wer_chart_new      (void) G_GNUC_WARN_UNUSED_RESULT;
void       prl_wer_chart_set_run  (PrlWerChart  *self,
                                   PrlEvalRun   *run);
char      *prl_wer_chart_to_svg   (PrlWerChart  *self,
                                   int           width,
                                   int           height) G_GNUC_WARN_UNUSED_RESULT;
GBytes    *prl_wer_chart_render   (PrlWerChart  *self,
                                    gboolean      svg,
                                    int           width,
                                    int           height,
                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean   prl_wer_chart_save_png (PrlWerChart  *self,
                                   GFile        *file,
                                   int           width,
                                   int           height,
                                   GError      **error);
gboolean   prl_wer_chart_save_svg (PrlWerChart  *self,
                                   GFile        *file,
                                   int           width,
                                   int           height,
                                   GError      **error);

G_END_DECLS
