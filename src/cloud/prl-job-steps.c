/* prl-job-steps.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The steps Quick Setup (prl-quick-setup-job.c) and self-heal
 * (prl-improve-job.c) both run on the main context, written once. */

#include "config.h"

#include "prl-job-step.h"

#include "prl-job-steps-private.h"

typedef struct
{
  PrlWorkspace    *workspace;
  PrlModel        *model;
  PrlWikiFetchJob *fetch;  /* in: the text to import */
  const char      *name;   /* in: the dataset's name */
  gpointer         result; /* out: (owned) the job started */
} Step;

static void
start_training (PrlJobStep *step, gpointer data)
{
  Step        *s = data;
  GError      *error = NULL;
  PrlTrainJob *job = prl_workspace_train_model (s->workspace, s->model, FALSE, &error);

  s->result = job != NULL ? g_object_ref (job) : NULL;
  prl_job_step_return (step, error);
}

static void
start_evaluation (PrlJobStep *step, gpointer data)
{
  Step           *s = data;
  GError         *error = NULL;
  PrlEvaluateJob *job
      = prl_workspace_evaluate_model (s->workspace, s->model, NULL, FALSE, &error);

  s->result = job != NULL ? g_object_ref (job) : NULL;
  prl_job_step_return (step, error);
}

static void
import_fetched (PrlJobStep *step, gpointer data)
{
  Step   *s = data;
  GError *error = NULL;

  s->result
      = prl_wiki_fetch_job_import (s->fetch, s->workspace, s->model, s->name, &error);
  prl_job_step_return (step, error);
}

static gpointer
run_step (GMainContext *context, PrlJobStepFunc func, Step *s, GError **error)
{
  if (!prl_job_step_run (context, NULL, func, s, error))
    {
      g_clear_object (&s->result);
      return NULL;
    }
  return s->result;
}

PrlTrainJob *
_prl_job_steps_start_training (GMainContext *context,
                               PrlWorkspace *workspace,
                               PrlModel     *model,
                               GError      **error)
{
  Step s = { .workspace = workspace, .model = model };

  return run_step (context, start_training, &s, error);
}

PrlEvaluateJob *
_prl_job_steps_start_evaluation (GMainContext *context,
                                 PrlWorkspace *workspace,
                                 PrlModel     *model,
                                 GError      **error)
{
  Step s = { .workspace = workspace, .model = model };

  return run_step (context, start_evaluation, &s, error);
}

/* @name: (nullable): the dataset's name; "Wiki: KEYWORDS" when %NULL */
PrlImportJob *
_prl_job_steps_import_fetched (GMainContext    *context,
                               PrlWorkspace    *workspace,
                               PrlModel        *model,
                               PrlWikiFetchJob *fetch,
                               const char      *name,
                               GError         **error)
{
  Step s = { .workspace = workspace, .model = model, .fetch = fetch, .name = name };

  return run_step (context, import_fetched, &s, error);
}
