/* prl-remote-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prl-cloud-account-store.h"
#include "prl-store-remote.h"
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

const char *
_prl_remote_train_state_string (PrlS3UploadStateStore *sink,
                                const char            *member,
                                char                 **out)
{
  JsonObject *state = prl_s3_upload_state_store_lock (sink);

  *out = g_strdup (json_object_get_string_member_with_default (state, member, NULL));
  prl_s3_upload_state_store_unlock (sink);
  return *out;
}

gboolean
_prl_remote_train_set_state (PrlS3UploadStateStore *sink,
                             const char            *member,
                             const char            *value,
                             GError               **error)
{
  JsonObject *state = prl_s3_upload_state_store_lock (sink);

  json_object_set_string_member (state, member, value);
  prl_s3_upload_state_store_unlock (sink);
  return prl_s3_upload_state_store_save (sink, error);
}

/**
 * _prl_remote_train_begin:
 * @state: the job's state, saved in its row
 * @run: (out caller-allocates): how the training goes; clear it with
 *   _prl_remote_train_run_clear()
 *
 * The start of a cloud training's run: its row, its budget (a new
 * training spends from the account's monthly budget: with none left it
 * stops here, before anything is uploaded or requested) and the model
 * marked as training remotely. Unless run->over_budget, the service's
 * phases run next, with run->sink, their error in run->failure; then
 * _prl_remote_train_ran().
 *
 * Returns: %FALSE with @error when the row or the model could not be
 *   saved
 */
gboolean
_prl_remote_train_begin (PrlRemoteJob             *remote,
                         const char               *kind,
                         const PrlRemoteJobTarget *target,
                         JsonObject               *state,
                         PrlRemoteTrainRun        *run,
                         GError                  **error)
{
  g_autoptr (PrlModel) saved = NULL;
  gint64   id = prl_remote_job_get_id (remote);
  gboolean fresh = id == 0;

  if (!(id = prl_remote_job_ensure_row (remote, kind, target, state, error)))
    return FALSE;
  run->sink = prl_s3_upload_state_store_new (target->store, id, state);
  run->over_budget = fresh
                     && !_prl_remote_train_check_budget (
                         target->store, kind, target->account, id, &run->failure);
  if (run->over_budget)
    return TRUE;
  saved = prl_store_set_model_training_remotely_sync (target->store, target->model_id,
                                                      error);
  return saved != NULL;
}

/* Where the phases left the training: cancelled, and in which phase. */
void
_prl_remote_train_ran (PrlRemoteTrainRun *run)
{
  run->cancelled = g_error_matches (run->failure, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  _prl_remote_train_state_string (run->sink, "phase", &run->phase);
}

void
_prl_remote_train_run_clear (PrlRemoteTrainRun *run)
{
  g_clear_object (&run->sink);
  g_clear_error (&run->failure);
  g_clear_pointer (&run->phase, g_free);
}

gboolean
_prl_remote_train_finish (PrlRemoteJob             *remote,
                          const PrlRemoteJobTarget *target,
                          PrlRemoteTrainRun        *run,
                          GError                  **error)
{
  g_autoptr (GError) failure = g_steal_pointer (&run->failure);
  PrlS3UploadStateStore *sink = run->sink;
  gboolean               over_budget = run->over_budget;
  g_autofree char       *nick = NULL;
  PrlTrainingStatus      previous = PRL_TRAINING_STATUS_READY_TO_RUN;
  g_autoptr (GError) finish_error = NULL;
  g_autoptr (PrlModel) saved = NULL;
  g_autofree char *text = NULL;
  gboolean         ok = failure == NULL;
  gboolean cancelled = !ok && g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* What a cancel before the service trains puts back. */
  if (_prl_remote_train_state_string (sink, "previous_status", &nick))
    prl_training_status_from_nick (nick, &previous);
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
                                    text, g_steal_pointer (&failure), error);
}

/**
 * _prl_remote_train_refresh_versions:
 * @ask: asked about each version that may still change
 *
 * PrlVersionOps.refresh of a cloud service: the status and upgrade offer
 * of each remote version that is neither local nor gone, stored when
 * they changed. Blocks: for job threads.
 */
gboolean
_prl_remote_train_refresh_versions (PrlWorkspace       *workspace,
                                    PrlModel           *model,
                                    PrlRemoteVersionAsk ask,
                                    gpointer            data,
                                    GError            **error)
{
  PrlStore *store = prl_workspace_get_store (workspace);
  g_autoptr (GPtrArray) versions = NULL;

  if (!(versions = prl_store_list_versions_sync (store, prl_model_get_id (model), error)))
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion     *version = g_ptr_array_index (versions, i);
      PrlRemoteStatus was = prl_version_get_remote_status (version);
      PrlRemoteStatus now;
      gboolean        upgrade = FALSE;

      if (was == PRL_REMOTE_STATUS_NONE || was == PRL_REMOTE_STATUS_GONE)
        continue;
      if (!ask (version, data, &now, &upgrade, error))
        return FALSE;
      if ((now != was || upgrade != prl_version_get_upgrade_available (version))
          && !prl_store_set_version_remote_sync (store, prl_version_get_id (version), now,
                                                 upgrade, NULL, error))
        return FALSE;
    }
  return TRUE;
}
