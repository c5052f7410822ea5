/* prl-evaluation-page.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-eval-run.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_EVALUATION_PAGE (prl_evaluation_page_get_type ())

G_DECLARE_FINAL_TYPE (PrlEvaluationPage, prl_evaluation_page, PRL, EVALUATION_PAGE, GtkWidget)

GtkWidget    *prl_evaluation_page_new             (void) G_GNUC_WARN_UNUSED_RESULT;
PrlWorkspace *prl_evaluation_page_get_workspace   (PrlEvaluationPage  *self);
void          prl_evaluation_page_set_workspace   (PrlEvaluationPage  *self,
                                                   PrlWorkspace       *workspace);
PrlModel     *prl_evaluation_page_get_model       (PrlEvaluationPage  *self);
void          prl_evaluation_page_set_model       (PrlEvaluationPage  *self,
                                                   PrlModel           *model);
PrlEvalRun   *prl_evaluation_page_get_run         (PrlEvaluationPage  *self);
void          prl_evaluation_page_set_run         (PrlEvaluationPage  *self,
                                                   PrlEvalRun         *run);
guint         prl_evaluation_page_get_system      (PrlEvaluationPage  *self);
void          prl_evaluation_page_set_system      (PrlEvaluationPage  *self,
                                                   guint               system);
gboolean      prl_evaluation_page_get_busy        (PrlEvaluationPage  *self);
gboolean      prl_evaluation_page_run             (PrlEvaluationPage  *self);
char         *prl_evaluation_page_dup_export_name (PrlEvaluationPage  *self,
                                                   PrlWerReportFormat  format) G_GNUC_WARN_UNUSED_RESULT;
void          prl_evaluation_page_export          (PrlEvaluationPage  *self,
                                                   PrlWerReportFormat  format,
                                                   GFile              *dest);
GFile        *prl_evaluation_page_dup_export_folder (void) G_GNUC_WARN_UNUSED_RESULT;
AdwToast     *prl_evaluation_page_get_export_toast  (PrlEvaluationPage  *self);
PrlJob       *prl_evaluation_page_get_improve_job   (PrlEvaluationPage  *self);

G_END_DECLS
