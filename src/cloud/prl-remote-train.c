/* prl-remote-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prl-store-versions.h"
#include "prl-training-budget.h"

#include "prl-remote-train-private.h"

gboolean
_prl_remote_train_finish (PrlRemoteJob             *remote,
                          const PrlRemoteJobTarget *target,
                          PrlS3UploadStateStore    *sink,
                          PrlTrainingStatus         previous,
                          gboolean                  over_budget,
                          GError                   *failure,
                          GError                  **error)
{
  g_autoptr (GError) finish_error = NULL;
  g_autoptr (PrlModel) saved = NULL;
  g_autofree char *text = NULL;
  gboolean         ok = failure == NULL;
  gboolean cancelled = !ok && g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (!ok)
    {
      saved = cancelled ? prl_store_restore_training_status_sync (
                  target->store, target->model_id, previous, NULL, NULL, &finish_error)
                        : prl_store_set_training_failed_sync (
                            target->store, target->model_id,
                            over_budget ? PRL_TRAINING_BUDGET_NO_CLAIMS_CODE
                                        : "training_failed",
                            failure->message, &finish_error);
      if (saved == NULL)
        g_warning ("%s", finish_error->message);
    }

  text = prl_s3_upload_state_store_to_json (sink);
  /* A training the budget refused never started: its row is cancelled,
   * so it spends nothing from the budget. */
  return prl_remote_job_finish_row (remote, target->store,
                                    ok                         ? PRL_REMOTE_JOB_DONE
                                    : cancelled || over_budget ? PRL_REMOTE_JOB_CANCELLED
                                                               : PRL_REMOTE_JOB_FAILED,
                                    text, failure, error);
}
