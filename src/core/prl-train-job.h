/* prl-train-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-job.h"
#include "prl-model.h"
#include "prl-provider.h"
#include "prl-version.h"

G_BEGIN_DECLS

#define PRL_TYPE_TRAIN_JOB (prl_train_job_get_type ())
#define PRL_TRAIN_ERROR    (prl_train_error_quark ())

/**
 * PrlTrainError:
 * @PRL_TRAIN_ERROR_RUNNING: the model is already training
 * @PRL_TRAIN_ERROR_UNCHANGED: nothing changed since the last successful
 *   training; train with force to retrain anyway
 * @PRL_TRAIN_ERROR_NO_DATA: the model has no training text
 * @PRL_TRAIN_ERROR_NOT_SET_UP: the model's provider cannot train here
 * @PRL_TRAIN_ERROR_VALIDATION_FAILED: the provider refused the training
 *   text (failure code `validation_failed`)
 * @PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT: a text or manifest could not
 *   be read (failure code `invalid_transcript_format`)
 * @PRL_TRAIN_ERROR_FAILED: anything else (failure code `training_failed`)
 */
typedef enum
{
  PRL_TRAIN_ERROR_RUNNING,
  PRL_TRAIN_ERROR_UNCHANGED,
  PRL_TRAIN_ERROR_NO_DATA,
  PRL_TRAIN_ERROR_NOT_SET_UP,
  PRL_TRAIN_ERROR_VALIDATION_FAILED,
  PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT,
  PRL_TRAIN_ERROR_FAILED,
} PrlTrainError;

G_DECLARE_FINAL_TYPE (PrlTrainJob, prl_train_job, PRL, TRAIN_JOB, PrlJob)

GQuark          prl_train_error_quark        (void);

PrlModel       *prl_train_job_get_model      (PrlTrainJob *self);
PrlVersion     *prl_train_job_get_version    (PrlTrainJob *self);
GPtrArray      *prl_train_job_get_generated  (PrlTrainJob *self);
const char     *prl_train_job_get_failure_code (PrlTrainJob *self);

G_END_DECLS
