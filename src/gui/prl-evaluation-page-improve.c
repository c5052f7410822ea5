/* prl-evaluation-page-improve.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-evaluation-page"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-improve-dialog.h"
#include "prl-improve-job.h"
#include "prl-remote-job.h"

#include "prl-evaluation-page-private.h"

/* The Evaluation page's Improve: offered for a local model that has been
 * evaluated, and otherwise insensitive with the reason as its tooltip.
 * The dialog starts a PrlImproveJob on the job manager (progress and
 * Cancel in the jobs list); the page follows it, shows the leaderboard
 * it leaves and says in a toast why the rounds stopped. */

static const char *
improve_refusal (PrlEvaluationPage *self, gboolean busy)
{
  const char *kind = NULL;

  if (self->workspace == NULL || self->model == NULL)
    return _ ("Open a model to improve it");
  if (prl_remote_job_lookup_trainer (prl_model_get_provider (self->model), &kind))
    return _ ("Improve trains local models only: a round on a cloud service takes "
              "hours");
  if (self->improve != NULL)
    return _ ("The model is being improved; see the jobs list");
  if (busy)
    return _ ("Wait for the evaluation to finish");
  if (self->run == NULL)
    return _ ("Run the evaluation first: Improve looks up the words the best version "
              "still misses");
  return NULL;
}

void
_prl_evaluation_page_update_improve (PrlEvaluationPage *self, gboolean busy)
{
  const char *refusal = improve_refusal (self, busy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.improve",
                                 refusal == NULL);
  gtk_widget_set_tooltip_text (
      self->improve_button,
      refusal != NULL ? refusal
                      : _ ("Look up the words still missed on the wiki, train on the "
                           "text and evaluate again, for a few rounds"));
}

void
_prl_evaluation_page_stop_improve (PrlEvaluationPage *self)
{
  if (self->improve != NULL)
    g_signal_handlers_disconnect_by_data (self->improve, self);
  g_clear_object (&self->improve);
}

static void
improve_state_cb (PrlJob *job, GParamSpec *pspec, PrlEvaluationPage *self)
{
  PrlModel        *model = prl_improve_job_get_model (PRL_IMPROVE_JOB (job));
  g_autofree char *message = NULL;

  if (prl_job_is_active (job))
    return;
  g_object_ref (job);
  _prl_evaluation_page_stop_improve (self);

  switch (prl_job_get_state (job))
    {
    case PRL_JOB_STATE_SUCCEEDED:
      /* Translators: why self-heal stopped, e.g. "round 2 brought no
       * significant gain over …" */
      message = g_strdup_printf (
          _ ("Improve stopped: %s"),
          prl_improve_job_get_stop_message (PRL_IMPROVE_JOB (job))
              ? prl_improve_job_get_stop_message (PRL_IMPROVE_JOB (job))
              : _ ("done"));
      /* The leaderboard the rounds left, every round's version on it. */
      if (model == self->model && prl_improve_job_get_run (PRL_IMPROVE_JOB (job)))
        prl_evaluation_page_set_run (self,
                                     prl_improve_job_get_run (PRL_IMPROVE_JOB (job)));
      break;
    case PRL_JOB_STATE_CANCELLED:
      message = g_strdup (_ ("Improve cancelled; the round under way left nothing "
                             "behind"));
      break;
    case PRL_JOB_STATE_QUEUED:
    case PRL_JOB_STATE_RUNNING:
    case PRL_JOB_STATE_FAILED:
    default:
      /* Translators: %s says why self-heal failed */
      message = g_strdup_printf (_ ("Improve failed: %s"),
                                 prl_job_get_error (job) != NULL
                                     ? prl_job_get_error (job)->message
                                     : _ ("unknown error"));
      break;
    }
  if (message != NULL)
    {
      /* A toast goes by; the line above the results stays until the next
       * run, for whoever looks away while the rounds run. */
      prl_gui_add_toast (GTK_WIDGET (self), message);
      gtk_label_set_label (self->message_label, message);
      gtk_widget_set_visible (self->message_box, TRUE);
      gtk_widget_remove_css_class (self->message_box, "error");
    }
  g_object_notify (G_OBJECT (self), "run");
  _prl_evaluation_page_update_improve (self, prl_evaluation_page_get_busy (self));
  g_object_unref (job);
}

static void
job_started_cb (PrlEvaluationPage *self, PrlJob *job)
{
  _prl_evaluation_page_stop_improve (self);
  self->improve = g_object_ref (job);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (improve_state_cb), self, 0);
  _prl_evaluation_page_update_improve (self, prl_evaluation_page_get_busy (self));
  /* It may have been over before we listened. */
  improve_state_cb (job, NULL, self);
}

static void
improve_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlEvaluationPage *self = PRL_EVALUATION_PAGE (widget);
  GtkWidget         *dialog;

  if (improve_refusal (self, prl_evaluation_page_get_busy (self)) != NULL)
    return;
  dialog = prl_improve_dialog_new (self->workspace, self->model);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "job-started", G_CALLBACK (job_started_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * prl_evaluation_page_get_improve_job:
 *
 * Returns: (transfer none) (nullable): the self-heal the page follows
 */
PrlJob *
prl_evaluation_page_get_improve_job (PrlEvaluationPage *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATION_PAGE (self), NULL);
  return self->improve;
}

void
_prl_evaluation_page_class_init_improve (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "evaluation.improve", NULL,
                                   improve_action);
}
