/* prl-workspace-evaluate.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-provider-info.h"
#include "prl-workspace-private.h"

/* Evaluations started from the workspace run on its job manager, so the
 * app lists them with progress and cancel; one per model at a time,
 * because two would transcribe the same pairs twice. */

/* A finished job leaves the table: its run, with any decrypted audio,
 * lives only as long as the job list and the views keep it. */
static void
evaluation_state_cb (PrlWorkspace *self, GParamSpec *pspec, PrlJob *job)
{
  GHashTable    *evaluating = self->evaluating;
  GHashTableIter iter;
  gpointer       value;

  /* A disposed workspace has let go of its table. */
  if (evaluating == NULL || prl_job_is_active (job))
    return;
  g_hash_table_iter_init (&iter, evaluating);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == job)
      g_hash_table_iter_remove (&iter);
}

/**
 * prl_workspace_evaluate_model:
 * @versions: (nullable) (array zero-terminated=1): the versions to
 *   evaluate besides the stock model; %NULL for all
 * @recompute: transcribe and score everything again
 * @error: why the evaluation was refused
 *
 * Starts an evaluation on the job manager, unless the model's provider
 * is not set up or the model is being evaluated already.
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlEvaluateJob *
prl_workspace_evaluate_model (PrlWorkspace      *self,
                              PrlModel          *model,
                              const char *const *versions,
                              gboolean           recompute,
                              GError           **error)
{
  return prl_workspace_evaluate_model_full (self, model, versions, recompute, 0, error);
}

/**
 * prl_workspace_evaluate_model_full:
 * @max_threads: files transcribed at once, or 0 for one per core
 *
 * prl_workspace_evaluate_model() with a limit on the files transcribed at
 * once, as `parlance-cli evaluate --threads` asks.
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlEvaluateJob *
prl_workspace_evaluate_model_full (PrlWorkspace      *self,
                                   PrlModel          *model,
                                   const char *const *versions,
                                   gboolean           recompute,
                                   guint              max_threads,
                                   GError           **error)
{
  const PrlProviderInfo *info;
  PrlProvider           *provider;
  PrlEvaluateJob        *job;
  GHashTable            *evaluating;
  PrlJob                *running;
  gint64                 id;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  if (!_prl_workspace_check_writable (self, error))
    return NULL;

  id = prl_model_get_id (model);
  evaluating = self->evaluating;
  running = g_hash_table_lookup (evaluating, &id);
  if (running != NULL && prl_job_is_active (running))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _ ("“%s” is being evaluated already. Wait for it to finish or "
                      "cancel it."),
                   prl_model_get_name (model));
      return NULL;
    }

  info = prl_provider_info_lookup (prl_model_get_provider (model));
  provider = prl_provider_lookup (prl_model_get_provider (model));
  /* A cloud provider is set up by the model's account: the provider
   * itself says what is missing when the account is gone. */
  if (info == NULL || provider == NULL
      || !(prl_provider_info_is_available (info)
           || (prl_provider_info_is_supported (info)
               && prl_provider_info_get_account_kind (info) != NULL
               && prl_model_get_account (model) != NULL
               && *prl_model_get_account (model) != '\0')))
    {
      const char *reason = info ? prl_provider_info_get_unavailable_reason (info) : NULL;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _ ("The provider of “%s” is not set up, so it cannot transcribe the "
                      "test audio. %s"),
                   prl_model_get_name (model),
                   reason ? reason : _ ("Set it up in Preferences and try again."));
      return NULL;
    }

  job = prl_evaluate_job_new (self->store, provider, model, versions, recompute);
  prl_evaluate_job_set_max_threads (job, max_threads);
  g_hash_table_insert (evaluating, g_memdup2 (&id, sizeof id), g_object_ref (job));
  g_signal_connect_object (job, "notify::state", G_CALLBACK (evaluation_state_cb), self,
                           G_CONNECT_SWAPPED);
  prl_job_manager_run (self->jobs, PRL_JOB (job));
  g_object_unref (job);
  return job;
}

static void
load_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlEvaluateJob *job = PRL_EVALUATE_JOB (object);
  GError         *error = NULL;

  if (!prl_job_execute_finish (PRL_JOB (job), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (prl_evaluate_job_get_run (job)),
                           g_object_unref);
}

/**
 * prl_workspace_load_evaluation_async:
 *
 * Builds the leaderboard of @model from its stored results without
 * transcribing anything, off the main thread and outside the job list:
 * what the app shows when an evaluation is opened again. Versions not
 * evaluated on every test pair yet are left out.
 */
void
prl_workspace_load_evaluation_async (PrlWorkspace       *self,
                                     PrlModel           *model,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (PrlEvaluateJob) job = NULL;
  PrlProvider *provider;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_load_evaluation_async);

  /* No provider is called, but the job wants the model's own. */
  if (!(provider = prl_provider_lookup (prl_model_get_provider (model))))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _ ("The provider of “%s” is not set up"),
                               prl_model_get_name (model));
      return;
    }

  job = prl_evaluate_job_new (self->store, provider, model, NULL, FALSE);
  prl_evaluate_job_set_stored_only (job, TRUE);
  prl_job_execute_async (PRL_JOB (job), cancellable, load_done_cb,
                         g_steal_pointer (&task));
}

/**
 * prl_workspace_load_evaluation_finish:
 *
 * Returns: (transfer full) (nullable): the stored evaluation, or %NULL
 *   with %G_IO_ERROR_NOT_FOUND when there is none yet
 */
PrlEvalRun *
prl_workspace_load_evaluation_finish (PrlWorkspace *self,
                                      GAsyncResult *result,
                                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
