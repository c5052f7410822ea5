/* prl-workspace-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-workspace-train"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-provider-info.h"
#include "prl-remote-job.h"
#include "prl-store-versions.h"
#include "prl-train-private.h"
#include "prl-version-ops.h"
#include "prl-workspace-private.h"

/* The training half of PrlWorkspace: the rules that refuse a training up
 * front, starting train jobs, one live list of versions per model, and the
 * pronunciation lists. Its state is in the workspace's private struct
 * (versions, training).
 */

/**
 * prl_workspace_train_model:
 * @model: the model to train
 * @force: retrain even when nothing changed since the last success
 * @order: the n-gram order, or 0 for %PRL_NGRAM_DEFAULT_ORDER (3)
 * @error: why the training was refused
 *
 * Starts a training on the job manager, unless it is refused: while the
 * model trains, when nothing changed since its last successful training
 * (unless @force), when it has no training text, or when its provider is
 * not set up. Errors are in %PRL_TRAIN_ERROR.
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlTrainJob *
prl_workspace_train_model_with_order (
    PrlWorkspace *self, PrlModel *model, gboolean force, guint order, GError **error)
{
  const PrlProviderInfo *info;
  PrlTrainJob           *job;
  GHashTable            *training;
  gint64                 id;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  if (order == 0)
    order = 3;
  if (order > 6)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_FAILED,
                   _ ("The n-gram order must be between 1 and 6; 3 suits most texts"));
      return NULL;
    }

  id = prl_model_get_id (model);
  training = self->training;

  if (g_hash_table_contains (training, &id))
    {
      /* This process's upgrade says so; another process's is refused by
       * the claim, which also recovers one whose process was killed. */
      if (!prl_model_check_not_upgrading (model, error))
        return NULL;
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING,
                   _ ("“%s” is already training. Wait for it to finish or cancel it."),
                   prl_model_get_name (model));
      return NULL;
    }

  if (!_prl_workspace_check_writable (self, error))
    return NULL;

  info = prl_provider_info_lookup (prl_model_get_provider (model));
  if (info == NULL || !prl_provider_info_is_available (info)
      || prl_provider_lookup (prl_model_get_provider (model)) == NULL)
    {
      const char *reason = info ? prl_provider_info_get_unavailable_reason (info) : NULL;

      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
                   _ ("The provider of “%s” is not set up, so it cannot train. %s"),
                   prl_model_get_name (model),
                   reason ? reason : _ ("Set it up in Preferences and try again."));
      return NULL;
    }

  /* Running here is another process's training, or one whose process
   * was killed: the job's claim in the store tells them apart, recovering
   * the second, so only the other refusals are decided now. */
  if (prl_model_get_status (model) != PRL_TRAINING_STATUS_RUNNING
      && !_prl_train_check_status (prl_model_get_status (model),
                                   prl_model_get_name (model), force, error))
    return NULL;

  job = _prl_train_job_new (self, model, force, order);
  g_hash_table_add (training, g_memdup2 (&id, sizeof id));
  prl_job_manager_run (self->jobs, PRL_JOB (job));
  g_object_unref (job);

  return job;
}

static void refresh_models_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
remote_versions_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWorkspace) self = user_data;
  g_autoptr (GPtrArray) rows = prl_workspace_read_rows_finish (self, result, NULL);
  GListStore *live;
  gint64      id;

  if (rows == NULL || rows->len == 0 || self->versions == NULL)
    return;
  id = prl_version_get_model_id (g_ptr_array_index (rows, 0));
  if ((live = g_hash_table_lookup (self->versions, &id)) != NULL)
    g_list_store_splice (live, 0, g_list_model_get_n_items (G_LIST_MODEL (live)),
                         rows->pdata, rows->len);
}

/* A remote training writes the model's status and its version from its
 * own thread, straight into the store (it may run in another process's
 * place after a resume): the live model follows each of its steps, and
 * its versions list is read again when it ends. */
static void
remote_training_changed_cb (PrlJob *job, GParamSpec *pspec, PrlWorkspace *self)
{
  gint64    id = prl_remote_job_get_model_id (PRL_REMOTE_JOB (job));
  PrlModel *model;

  if (self->store == NULL)
    return;
  prl_store_list_models_async (self->store, NULL, refresh_models_cb, g_object_ref (self));
  if (!prl_job_is_active (job) && self->versions != NULL
      && (model = _prl_workspace_find_model_by_id (self, id))
      && g_hash_table_contains (self->versions, &id))
    prl_workspace_read_rows_async (self, model, PRL_MODEL_ROWS_VERSIONS, NULL,
                                   remote_versions_cb, g_object_ref (self));
}

void
_prl_workspace_follow_remote_training (PrlWorkspace *self, PrlJob *job)
{
  if (!PRL_IS_REMOTE_JOB (job) || prl_remote_job_get_model_id (PRL_REMOTE_JOB (job)) == 0)
    return;
  g_signal_connect_object (job, "notify::status", G_CALLBACK (remote_training_changed_cb),
                           self, 0);
  g_signal_connect_object (job, "notify::active", G_CALLBACK (remote_training_changed_cb),
                           self, 0);
}

/**
 * prl_workspace_train_remote:
 * @model: a model of a provider that trains on its own side
 *   (prl_remote_job_lookup_trainer())
 *
 * Starts a remote training job on the job manager: the provider's code
 * uploads, asks the service to train and polls it, keeping its state in
 * `remote_jobs` so that a restart resumes it. The local trainer's path
 * (prl_workspace_train_model()) is for providers that train here. An
 * interrupted training of the model is resumed, not started again, by
 * prl_workspace_resume_remote_jobs_async().
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlJob *
prl_workspace_train_remote (PrlWorkspace *self,
                            PrlModel     *model,
                            gboolean      force,
                            GError      **error)
{
  PrlRemoteTrainFunc start;
  PrlJob            *job;
  const char        *kind = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  if (!(start = prl_remote_job_lookup_trainer (prl_model_get_provider (model), &kind)))
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
                   _ ("The provider of “%s” does not train in the cloud."),
                   prl_model_get_name (model));
      return NULL;
    }
  if (!_prl_workspace_check_writable (self, error)
      || !_prl_train_check_status (prl_model_get_status (model),
                                   prl_model_get_name (model), force, error)
      || !(job = start (self, model, error)))
    return NULL;

  _prl_remote_job_set_subject (job, prl_model_get_id (model), kind);
  _prl_workspace_follow_remote_training (self, job);
  prl_job_manager_run (self->jobs, job);
  g_object_unref (job);
  return job;
}

/**
 * prl_workspace_train_model:
 *
 * prl_workspace_train_model_with_order() with the default order, 3.
 *
 * Returns: (transfer none) (nullable): the job, owned by the job manager
 */
PrlTrainJob *
prl_workspace_train_model (PrlWorkspace *self,
                           PrlModel     *model,
                           gboolean      force,
                           GError      **error)
{
  return prl_workspace_train_model_with_order (self, model, force, 0, error);
}

/**
 * _prl_train_check_status:
 *
 * The refusals that a model's status decides, shared by the workspace's
 * check and the store's claim. The status is settled from the trainable
 * data by every dataset change: Not Running means no TRANSCRIPT or
 * MANIFEST data, Success means the data is what the last version was
 * trained on.
 */
gboolean
_prl_train_check_status (PrlTrainingStatus status,
                         const char       *model_name,
                         gboolean          force,
                         GError          **error)
{
  if (status == PRL_TRAINING_STATUS_RUNNING)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING,
                   _ ("“%s” is already training. Wait for it to finish or cancel it."),
                   model_name);
      return FALSE;
    }

  if (status == PRL_TRAINING_STATUS_NOT_RUNNING)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA,
                   _ ("“%s” has no training text. Add a TRANSCRIPT or MANIFEST dataset "
                      "and train again."),
                   model_name);
      return FALSE;
    }

  if (status == PRL_TRAINING_STATUS_SUCCESS && !force)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED,
                   _ ("Nothing changed since “%s” was last trained. Add or change "
                      "training data, or force a new training."),
                   model_name);
      return FALSE;
    }

  return TRUE;
}

void
_prl_workspace_training_ended (PrlWorkspace *self, gint64 model_id)
{
  if (self->training != NULL)
    g_hash_table_remove (self->training, &model_id);
}

void
_prl_workspace_training_saved (PrlWorkspace *self,
                               PrlModel     *saved_model,
                               PrlVersion   *version)
{
  GListStore *versions
      = _prl_workspace_model_saved (self, saved_model, PRL_MODEL_ROWS_VERSIONS);

  if (version != NULL && versions != NULL)
    g_list_store_insert (versions, 0, version);
}

/**
 * prl_workspace_get_versions:
 *
 * Returns: (transfer none): a #GListModel of the model's #PrlVersion,
 *   newest first, filled in the background the first time and kept up to
 *   date by trainings
 */
GListModel *
prl_workspace_get_versions (PrlWorkspace *self, PrlModel *model)
{
  return _prl_workspace_lazy_list (self, model, PRL_MODEL_ROWS_VERSIONS);
}

void
prl_workspace_list_pronunciations_async (PrlWorkspace       *self,
                                         PrlModel           *model,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  prl_workspace_read_rows_async (self, model, PRL_MODEL_ROWS_PRONUNCIATIONS, cancellable,
                                 callback, user_data);
}

/**
 * prl_workspace_list_pronunciations_finish:
 *
 * Returns: (transfer full) (element-type PrlPronunciation): the model's
 *   pronunciation list, sorted by word
 */
GPtrArray *
prl_workspace_list_pronunciations_finish (PrlWorkspace *self,
                                          GAsyncResult *result,
                                          GError      **error)
{
  return prl_workspace_read_rows_finish (self, result, error);
}

/**
 * prl_workspace_check_pronunciation:
 * @phones: phones as the user typed them; case and spacing do not matter
 * @error: names the first phone the model's provider does not know
 *
 * Checks a user's pronunciation against the phone set of @model's
 * provider, as the GUI does while the user types and the CLI before it
 * saves. A provider that is not registered accepts any phones: training
 * refuses the model anyway.
 *
 * Returns: %TRUE when every phone is known
 */
gboolean
prl_workspace_check_pronunciation (PrlWorkspace *self,
                                   PrlModel     *model,
                                   const char   *phones,
                                   GError      **error)
{
  PrlProvider     *provider;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (PRL_IS_MODEL (model), FALSE);
  g_return_val_if_fail (phones != NULL, FALSE);

  if (!(provider = prl_provider_lookup (prl_model_get_provider (model))))
    return TRUE;
  upper = g_ascii_strup (phones, -1);
  g_strdelimit (upper, "\t\n", ' ');
  return prl_provider_check_pronunciation (provider, prl_model_get_language (model),
                                           upper, error);
}

static void
refresh_models_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWorkspace) self = user_data;
  g_autoptr (GPtrArray) fresh
      = prl_store_list_models_finish (PRL_STORE (object), result, NULL);

  for (guint i = 0; fresh != NULL && i < fresh->len; i++)
    {
      PrlModel *saved = g_ptr_array_index (fresh, i);
      PrlModel *live = _prl_workspace_find_model_by_id (self, prl_model_get_id (saved));

      if (live != NULL)
        prl_model_update_from (live, saved);
    }
}

static void
boolean_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError  *error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (task) == prl_workspace_set_pronunciation_async)
    ok = prl_store_set_pronunciation_finish (PRL_STORE (object), result, &error);
  else
    ok = prl_store_delete_pronunciation_finish (PRL_STORE (object), result, &error);

  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The change may have made the model Ready to Run; show it. */
  prl_store_list_models_async (PRL_STORE (object), NULL, refresh_models_cb,
                               g_object_ref (g_task_get_source_object (task)));
  g_task_return_boolean (task, TRUE);
}

/* @phones with single spaces, or NULL when it has no phone. Whether each
 * phone is in the acoustic model's set is the caller's check, through
 * prl_workspace_check_pronunciation() (the set belongs to the provider). */
static char *
tidy_phones (const char *phones, GError **error)
{
  g_auto (GStrv) parts = g_strsplit_set (phones, " \t", -1);
  g_autoptr (GString) tidy = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (tidy->len > 0)
        g_string_append_c (tidy, ' ');
      g_string_append (tidy, parts[i]);
    }

  if (tidy->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("A pronunciation needs at least one phone"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&tidy), FALSE);
}

/**
 * prl_workspace_set_pronunciation_async:
 * @word: the word
 * @phones: space-separated phones of the acoustic model's set; the caller
 *   checks them (the phone set belongs to the provider)
 *
 * Saves a user entry in the model's pronunciation list. User entries win
 * over generated ones, and later trainings never replace them.
 */
void
prl_workspace_set_pronunciation_async (PrlWorkspace       *self,
                                       PrlModel           *model,
                                       const char         *word,
                                       const char         *phones,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  GTask           *task;
  GError          *error = NULL;
  g_autofree char *tidy = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));
  g_return_if_fail (word != NULL && phones != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_set_pronunciation_async);

  trimmed = g_strstrip (g_strdup (word));
  if (*trimmed == '\0' || strpbrk (trimmed, " \t\n") != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _ ("“%s” is not a single word"), word);
      g_object_unref (task);
      return;
    }

  if (!(tidy = tidy_phones (phones, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  prl_store_set_pronunciation_async (self->store, prl_model_get_id (model), trimmed, tidy,
                                     cancellable, boolean_cb, task);
}

gboolean
prl_workspace_set_pronunciation_finish (PrlWorkspace *self,
                                        GAsyncResult *result,
                                        GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}

void
prl_workspace_delete_pronunciation_async (PrlWorkspace       *self,
                                          PrlModel           *model,
                                          const char         *word,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));
  g_return_if_fail (word != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_delete_pronunciation_async);
  prl_store_delete_pronunciation_async (self->store, prl_model_get_id (model), word,
                                        cancellable, boolean_cb, task);
}

gboolean
prl_workspace_delete_pronunciation_finish (PrlWorkspace *self,
                                           GAsyncResult *result,
                                           GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}
