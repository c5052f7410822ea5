/* prl-remote-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prl-cloud-account-store.h"
#include "prl-store-versions.h"
#include "prl-training-budget.h"

#include "prl-remote-train-private.h"

/**
 * _prl_remote_train_check_budget:
 * @kind: the remote job kind of the service's trainings
 * @self_id: the row of the training that asks, not counted
 *
 * Whether the account's monthly training budget allows one more training
 * of @kind (the console's training credits). Checked before anything is
 * uploaded or requested. Blocks: for job threads.
 *
 * Returns: %TRUE when it may start; else %FALSE with a
 *   %PRL_TRAINING_BUDGET_ERROR that says when the budget renews
 */
gboolean
_prl_remote_train_check_budget (PrlStore   *store,
                                const char *kind,
                                const char *account,
                                gint64      self_id,
                                GError    **error)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  PrlCloudAccount *found;
  int              budget;

  if (!prl_cloud_accounts_load (accounts, error))
    return FALSE;
  found = prl_cloud_accounts_lookup (accounts, account);
  budget = found != NULL ? prl_cloud_account_get_training_budget (found)
                         : PRL_TRAINING_BUDGET_UNLIMITED;
  if (budget == PRL_TRAINING_BUDGET_UNLIMITED)
    return TRUE;
  if (!(records = prl_store_list_remote_jobs_sync (store, error)))
    return FALSE;
  /* This training's own row is already there: count the others. */
  for (guint i = records->len; i > 0; i--)
    if (((PrlRemoteJobRecord *)g_ptr_array_index (records, i - 1))->id == self_id)
      g_ptr_array_remove_index (records, i - 1);
  return prl_training_budget_check (
      budget, prl_training_budget_count_started (records, kind, account, now), now,
      error);
}

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
