/* prl-evaluation-page-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-evaluate-job.h"
#include "prl-leaderboard-view.h"
#include "prl-review-view.h"
#include "prl-words-view.h"

#include "prl-evaluation-page.h"

G_BEGIN_DECLS

struct _PrlEvaluationPage
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkWidget            *back_button;
  GtkWidget            *cancel_button;
  GtkWidget            *content_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkWidget            *export_button;
  GtkWidget            *improve_button;
  PrlLeaderboardView   *leaderboard_view;
  GtkWidget            *message_box;
  GtkLabel             *message_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *progress_box;
  PrlReviewView        *review_view;
  GtkWidget            *run_button;
  GtkLabel             *status_label;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget            *version_box;
  GtkDropDown          *version_dropdown;
  AdwViewStack         *view_stack;
  PrlWordsView         *words_view;

  /* Owned References */
  PrlWorkspace    *workspace;    /* (owned) (nullable) */
  PrlModel        *model;        /* (owned) (nullable) */
  PrlEvalRun      *run;          /* (owned) (nullable) */
  PrlEvaluateJob  *job;          /* (owned) (nullable): the evaluation followed */
  PrlModel        *job_model;    /* (owned) (nullable): what @job evaluates */
  GListModel      *datasets;     /* (owned) (nullable): the model's, watched */
  GBindingGroup   *bindings;     /* (owned): the model's name as subtitle */
  GtkNativeDialog *save_chooser; /* (owned) (nullable) */
  GCancellable    *cancellable;  /* (owned) */
  GCancellable    *loading;      /* (owned) (nullable): stored results being read */
  PrlJob          *improve;      /* (owned) (nullable): the self-heal followed */

  AdwToast          *export_toast; /* (unowned) (nullable): the last "exported" */
  PrlWerReportFormat save_format;
  guint              system;
  guint              updating : 1;
};

void _prl_evaluation_page_update_improve (PrlEvaluationPage *self,
                                          gboolean           busy);
void _prl_evaluation_page_class_init_improve (GtkWidgetClass *widget_class);
void _prl_evaluation_page_stop_improve     (PrlEvaluationPage *self);

G_END_DECLS
