/* prl-transcribe-account.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-call-private.h"
#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-train-job.h"
#include "prl-transcribe-train-private.h"
#include "prl-transcribe-train.h"
#include "prl-version-ops.h"

#include "prl-transcribe-account.h"

/* An AWS account's Amazon Transcribe language models as the workspace
 * sees them: the account view (ListLanguageModels through every page,
 * each with the workspace model that has it, if any), importing models
 * trained elsewhere as models with versions, and aws-transcribe's
 * PrlVersionOps: refresh (DescribeLanguageModel per version: status,
 * UpgradeAvailability, NotFound → "Deleted on the service", never an
 * error loop), delete (DeleteLanguageModel; one already gone counts as
 * deleted) and upgrade (a new training on the same S3 text as the old
 * version, through the remote training job, so that it resumes, spends
 * from the budget and makes a version like any training).
 */

/* Runs one Transcribe call to its end on this (worker) thread. */
#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_transcribe_client, op, client, error, __VA_ARGS__)

/* ListLanguageModels' page size: the service's maximum, fewest calls. */
#define LIST_PAGE_SIZE 100

void
prl_transcribe_account_model_free (PrlTranscribeAccountModel *self)
{
  if (self == NULL)
    return;
  prl_transcribe_model_free (self->remote);
  g_free (self->model_name);
  g_free (self->workspace_model);
  g_free (self);
}

/**
 * prl_transcribe_account_model_name:
 *
 * Parlance names each remote model `<model>-<UTC>` (a version); an import
 * groups the account's models by what precedes that suffix.
 *
 * Returns: (transfer full): the model name @remote_name belongs to
 */
char *
prl_transcribe_account_model_name (const char *remote_name)
{
  gsize       len = strlen (remote_name);
  const char *stamp;

  /* -YYYYMMDDTHHMMSSZ: 17 characters */
  if (len <= 17)
    return g_strdup (remote_name);
  stamp = remote_name + len - 17;
  if (stamp[0] != '-' || stamp[9] != 'T' || stamp[16] != 'Z')
    return g_strdup (remote_name);
  for (guint i = 1; i < 16; i++)
    if (i != 9 && !g_ascii_isdigit (stamp[i]))
      return g_strdup (remote_name);
  return g_strndup (remote_name, len - 17);
}

/* The account must exist and be an AWS account, before any request. */
static gboolean
check_account (const char *account, GError **error)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  PrlCloudAccount *found;

  if (!prl_cloud_accounts_load (accounts, error))
    return FALSE;
  if (!(found = prl_cloud_accounts_lookup (accounts, account)))
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND,
                   _ ("There is no cloud account named “%s”. Add it in Preferences or "
                      "with “parlance-cli accounts add”."),
                   account);
      return FALSE;
    }
  if (g_strcmp0 (prl_cloud_account_get_kind (found), PRL_CLOUD_ACCOUNT_KIND_AWS) != 0)
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID,
                   _ ("The cloud account “%s” is not an Amazon Web Services account; "
                      "only AWS accounts have Amazon Transcribe language models."),
                   account);
      return FALSE;
    }
  return TRUE;
}

static PrlRemoteStatus
remote_status (const PrlTranscribeModel *remote)
{
  switch (remote->status)
    {
    case PRL_TRANSCRIBE_STATUS_COMPLETED:
      return PRL_REMOTE_STATUS_COMPLETED;
    case PRL_TRANSCRIBE_STATUS_FAILED:
      return PRL_REMOTE_STATUS_FAILED;
    case PRL_TRANSCRIBE_STATUS_UNKNOWN:
    case PRL_TRANSCRIBE_STATUS_QUEUED:
    case PRL_TRANSCRIBE_STATUS_IN_PROGRESS:
    default:
      return PRL_REMOTE_STATUS_IN_PROGRESS;
    }
}

static int
compare_by_name (gconstpointer a, gconstpointer b)
{
  const PrlTranscribeAccountModel *x = *(PrlTranscribeAccountModel *const *)a;
  const PrlTranscribeAccountModel *y = *(PrlTranscribeAccountModel *const *)b;

  return g_strcmp0 (x->remote->name, y->remote->name);
}

/**
 * prl_transcribe_account_list_sync:
 * @store: (nullable): the workspace's store, to say which models it has
 *
 * Every language model of the account, through every page of
 * ListLanguageModels, sorted by name. Blocks: for worker threads.
 *
 * Returns: (transfer full) (element-type PrlTranscribeAccountModel):
 *   the models
 */
GPtrArray *
prl_transcribe_account_list_sync (PrlStore     *store,
                                  const char   *account,
                                  GCancellable *cancellable,
                                  GError      **error)
{
  g_autoptr (PrlTranscribeClient) client = NULL;
  g_autoptr (GPtrArray) remote = NULL;
  g_autoptr (GPtrArray) models = NULL;

  g_return_val_if_fail (account != NULL, NULL);

  if (!check_account (account, error)
      || !(client = _prl_transcribe_train_open_client (account, cancellable, error))
      || !(remote
           = CALL (list_language_models, client, error, PRL_TRANSCRIBE_STATUS_UNKNOWN,
                   NULL, LIST_PAGE_SIZE, cancellable)))
    return NULL;

  models = g_ptr_array_new_with_free_func (
      (GDestroyNotify)prl_transcribe_account_model_free);
  for (guint i = 0; i < remote->len; i++)
    {
      PrlTranscribeAccountModel *entry = g_new0 (PrlTranscribeAccountModel, 1);

      entry->remote = prl_transcribe_model_copy (g_ptr_array_index (remote, i));
      entry->model_name = prl_transcribe_account_model_name (entry->remote->name);
      g_ptr_array_add (models, entry);
      if (store != NULL
          && !prl_store_find_version_sync (store, entry->remote->name,
                                           &entry->workspace_model, error))
        return NULL;
    }
  g_ptr_array_sort (models, compare_by_name);
  return g_steal_pointer (&models);
}

static void
list_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError    *error = NULL;
  GPtrArray *models = prl_transcribe_account_list_sync (
      g_object_get_data (G_OBJECT (task), "store"), data, cancellable, &error);

  if (models == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, models, (GDestroyNotify)g_ptr_array_unref);
}

void
prl_transcribe_account_list_async (PrlStore           *store,
                                   const char         *account,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, prl_transcribe_account_list_async);
  if (store != NULL)
    g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (store),
                            g_object_unref);
  g_task_set_task_data (task, g_strdup (account), g_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * prl_transcribe_account_list_finish:
 *
 * Returns: (transfer full) (element-type PrlTranscribeAccountModel):
 *   the models
 */
GPtrArray *
prl_transcribe_account_list_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static PrlTranscribeAccountModel *
find_listed (GPtrArray *listed, const char *name)
{
  for (guint i = 0; i < listed->len; i++)
    {
      PrlTranscribeAccountModel *entry = g_ptr_array_index (listed, i);

      if (g_strcmp0 (entry->remote->name, name) == 0)
        return entry;
    }
  return NULL;
}

/* Saves the chosen remote models that share @model_name as one model. */
static PrlModel *
import_group (PrlStore   *store,
              const char *account,
              const char *model_name,
              GPtrArray  *chosen,
              GError    **error)
{
  g_autoptr (GArray) infos = g_array_new (FALSE, TRUE, sizeof (PrlVersionInfo));
  g_autoptr (GPtrArray) times
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  const PrlTranscribeModel *first = NULL;
  const char               *failure = NULL;
  PrlBaseModel              base = PRL_BASE_MODEL_WIDE_BAND;

  for (guint i = 0; i < chosen->len; i++)
    {
      PrlTranscribeAccountModel *entry = g_ptr_array_index (chosen, i);
      PrlVersionInfo             info = { 0 };
      GDateTime                 *created;

      if (g_strcmp0 (entry->model_name, model_name) != 0)
        continue;
      if (first == NULL)
        first = entry->remote;
      created = g_date_time_new_from_unix_utc ((gint64)entry->remote->create_time);
      g_ptr_array_add (times, created);
      info.name = entry->remote->name;
      info.created = created;
      info.directory = "";
      info.base_model_id = entry->remote->base_model;
      info.remote_status = remote_status (entry->remote);
      info.upgrade_available = entry->remote->upgrade_available;
      if (entry->remote->failure_reason != NULL)
        failure = entry->remote->failure_reason;
      g_array_append_val (infos, info);
    }
  prl_base_model_from_string (first->base_model, &base);
  return prl_store_import_model_sync (
      store, model_name, PRL_TRANSCRIBE_PROVIDER, first->language_code, base, account,
      (const PrlVersionInfo *)infos->data, infos->len, failure, error);
}

/**
 * prl_transcribe_account_import_sync:
 * @remote_names: (nullable) (array zero-terminated=1): the remote models
 *   to import; %NULL or empty: every one the workspace does not have
 *
 * Imports language models of @account that the workspace does not have,
 * as models of provider aws-transcribe with one version per remote model
 * (grouped by the name before Parlance's `-<UTC>` suffix). Every name is
 * checked before anything is saved: unknown on the account, or already
 * in the workspace, is an error. Blocks: for worker threads.
 *
 * Returns: (transfer full) (element-type PrlModel): the models saved
 */
GPtrArray *
prl_transcribe_account_import_sync (PrlStore          *store,
                                    const char        *account,
                                    const char *const *remote_names,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr (GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  if (!(listed = prl_transcribe_account_list_sync (store, account, cancellable, error)))
    return NULL;

  if (remote_names != NULL && remote_names[0] != NULL)
    for (guint i = 0; remote_names[i] != NULL; i++)
      {
        PrlTranscribeAccountModel *entry = find_listed (listed, remote_names[i]);

        if (entry == NULL)
          {
            g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_FOUND,
                         _ ("The account “%s” has no Amazon Transcribe language model "
                            "named “%s”."),
                         account, remote_names[i]);
            return NULL;
          }
        if (entry->workspace_model != NULL)
          {
            g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN,
                         _ ("“%s” is already in the workspace, as a version of the "
                            "model “%s”."),
                         remote_names[i], entry->workspace_model);
            return NULL;
          }
        if (!g_ptr_array_find (chosen, entry, NULL))
          g_ptr_array_add (chosen, entry);
      }
  else
    for (guint i = 0; i < listed->len; i++)
      {
        PrlTranscribeAccountModel *entry = g_ptr_array_index (listed, i);

        if (entry->workspace_model == NULL)
          g_ptr_array_add (chosen, entry);
      }

  for (guint i = 0; i < chosen->len; i++)
    {
      PrlTranscribeAccountModel *entry = g_ptr_array_index (chosen, i);

      if (g_hash_table_add (groups, entry->model_name))
        g_ptr_array_add (order, entry->model_name);
    }
  for (guint i = 0; i < order->len; i++)
    {
      PrlModel *model
          = import_group (store, account, g_ptr_array_index (order, i), chosen, error);

      if (model == NULL)
        {
          if (imported->len > 0)
            g_prefix_error (error, _ ("Imported %u models, then stopped: "),
                            imported->len);
          return NULL;
        }
      g_ptr_array_add (imported, model);
    }
  return g_steal_pointer (&imported);
}

typedef struct
{
  char *account;
  GStrv names;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->account);
  g_strfreev (data->names);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError     *error = NULL;
  GPtrArray  *models = prl_transcribe_account_import_sync (
       prl_workspace_get_store (source), data->account, (const char *const *)data->names,
       cancellable, &error);

  if (models == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, models, (GDestroyNotify)g_ptr_array_unref);
}

void
prl_transcribe_account_import_async (PrlWorkspace       *workspace,
                                     const char         *account,
                                     const char *const  *remote_names,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (workspace, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);

  data->account = g_strdup (account);
  data->names = g_strdupv ((char **)remote_names);
  g_task_set_source_tag (task, prl_transcribe_account_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * prl_transcribe_account_import_finish:
 *
 * Adds the imported models to the workspace's list.
 *
 * Returns: (transfer full) (element-type PrlModel): the models saved
 */
GPtrArray *
prl_transcribe_account_import_finish (PrlWorkspace *workspace,
                                      GAsyncResult *result,
                                      GError      **error)
{
  GPtrArray *models = g_task_propagate_pointer (G_TASK (result), error);

  for (guint i = 0; models != NULL && i < models->len; i++)
    prl_workspace_model_imported (workspace, g_ptr_array_index (models, i));
  return models;
}

typedef struct
{
  PrlModel            *model;
  PrlTranscribeClient *client; /* opened at the first version asked about */
  GCancellable        *cancellable;
} Refresh;

static gboolean
ask_version (PrlVersion      *version,
             gpointer         data,
             PrlRemoteStatus *now,
             gboolean        *upgrade,
             GError         **error)
{
  Refresh *r = data;
  g_autoptr (PrlTranscribeModel) remote = NULL;
  g_autoptr (GError) local_error = NULL;

  if (r->client == NULL
      && !(r->client = _prl_transcribe_train_open_client (
               prl_model_get_account (r->model), r->cancellable, error)))
    return FALSE;
  remote = CALL (describe_language_model, r->client, &local_error,
                 prl_version_get_name (version), r->cancellable);
  if (remote == NULL
      && !g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *now = remote != NULL ? remote_status (remote) : PRL_REMOTE_STATUS_GONE;
  *upgrade = remote != NULL && remote->upgrade_available;
  return TRUE;
}

/* PrlVersionOps.refresh: one DescribeLanguageModel per remote version
 * that may still change. A model the service no longer has becomes
 * "gone" and is never asked about again. */
static gboolean
refresh (PrlWorkspace *workspace,
         PrlModel     *model,
         GCancellable *cancellable,
         GError      **error)
{
  Refresh  r = { .model = model, .cancellable = cancellable };
  gboolean ok
      = _prl_remote_train_refresh_versions (workspace, model, ask_version, &r, error);

  g_clear_object (&r.client);
  return ok;
}

/* PrlVersionOps.delete_remote */
static gboolean
delete_remote (PrlWorkspace *workspace,
               PrlModel     *model,
               PrlVersion   *version,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (PrlTranscribeClient) client = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!(client = _prl_transcribe_train_open_client (prl_model_get_account (model),
                                                    cancellable, error)))
    return FALSE;
  if (CALL (delete_language_model, client, &local_error, prl_version_get_name (version),
            cancellable))
    return TRUE;
  /* Deleted elsewhere already: what the user asked for is true. The
   * service answers DeleteLanguageModel for a missing model with a
   * BadRequestException whose only sign is its wording, so the model is
   * asked about: NotFoundException from DescribeLanguageModel is sure. */
  if (g_error_matches (local_error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_NOT_FOUND))
    return TRUE;
  if (g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                       PRL_TRANSCRIBE_ERROR_BAD_REQUEST))
    {
      g_autoptr (GError) describe_error = NULL;
      g_autoptr (PrlTranscribeModel) remote
          = CALL (describe_language_model, client, &describe_error,
                  prl_version_get_name (version), cancellable);

      if (remote == NULL
          && g_error_matches (describe_error, PRL_TRANSCRIBE_ERROR,
                              PRL_TRANSCRIBE_ERROR_NOT_FOUND))
        return TRUE;
    }
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _ ("Amazon Transcribe did not delete “%s”: "),
                              prl_version_get_name (version));
  return FALSE;
}

/* The datasets of @model that @version was trained on, as the training
 * job's state lists them (its new version records their hashes). */
static JsonArray *
version_datasets (PrlStore *store, PrlModel *model, PrlVersion *version, GError **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  const char *const *hashes = prl_version_get_dataset_hashes (version);
  JsonArray         *list;

  if (!(datasets = prl_store_list_datasets_sync (store, prl_model_get_id (model), error)))
    return NULL;
  list = json_array_new ();
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (datasets, i);

      if (g_strv_contains (hashes, prl_dataset_get_sha256 (dataset)))
        {
          JsonObject *entry = json_object_new ();

          json_object_set_int_member (entry, "id", prl_dataset_get_id (dataset));
          json_array_add_object_element (list, entry);
        }
    }
  return list;
}

/* PrlVersionOps.upgrade: asks the service first, so that the new model
 * trains on exactly the S3 text the old one did, and the offer is
 * current. Blocks briefly: one DescribeLanguageModel. */
static PrlJob *
upgrade (PrlWorkspace *workspace, PrlModel *model, PrlVersion *version, GError **error)
{
  PrlStore *store = prl_workspace_get_store (workspace);
  g_autoptr (PrlTranscribeClient) client = NULL;
  g_autoptr (PrlTranscribeModel) remote = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (JsonObject) state = NULL;
  g_autofree char   *stamp = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *role = NULL;
  const char        *account = prl_model_get_account (model);
  const char *const *tags = prl_model_get_tags (model);
  JsonArray         *datasets, *tag_list;

  if (!(client = _prl_transcribe_train_open_client (account, NULL, error)))
    return NULL;
  remote = CALL (describe_language_model, client, &local_error,
                 prl_version_get_name (version), NULL);
  if (remote == NULL)
    {
      if (g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          if (!prl_store_set_version_remote_sync (store, prl_version_get_id (version),
                                                  PRL_REMOTE_STATUS_GONE, FALSE, NULL,
                                                  error))
            return NULL;
          g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                       _ ("“%s” was deleted on Amazon Transcribe, so there is nothing "
                          "left to upgrade. Train the model again instead."),
                       prl_version_get_name (version));
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!remote->upgrade_available)
    {
      if (!prl_store_set_version_remote_sync (store, prl_version_get_id (version),
                                              remote_status (remote), FALSE, NULL, error))
        return NULL;
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED,
                   _ ("Amazon Transcribe no longer offers an upgrade for “%s”: it is "
                      "on the current %s base."),
                   prl_version_get_name (version), remote->base_model);
      return NULL;
    }

  stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  name = g_strdup_printf ("%s-%s", prl_model_get_name (model), stamp);
  if (!prl_transcribe_check_name (name, error)
      || !(role = prl_transcribe_account_role_arn (account, error))
      || !(datasets = version_datasets (store, model, version, error)))
    return NULL;

  /* The training starts at "create": the text is already in the bucket,
   * where the old model read it. */
  state = json_object_new ();
  json_object_set_string_member (state, "phase", "create");
  json_object_set_string_member (
      state, "previous_status",
      prl_training_status_to_nick (prl_model_get_status (model)));
  json_object_set_string_member (state, "remote_name", name);
  json_object_set_string_member (state, "upgrade_of", prl_version_get_name (version));
  json_object_set_string_member (state, "language", remote->language_code);
  json_object_set_string_member (state, "base_model", remote->base_model);
  json_object_set_string_member (state, "role_arn", role);
  json_object_set_string_member (state, "training_uri", remote->s3_uri);
  if (remote->tuning_s3_uri != NULL)
    json_object_set_string_member (state, "tuning_uri", remote->tuning_s3_uri);
  json_object_set_array_member (state, "datasets", datasets);
  tag_list = json_array_new ();
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_array_add_string_element (tag_list, tags[i]);
  json_object_set_array_member (state, "tags", tag_list);
  return _prl_transcribe_train_job_new (workspace, model, account,
                                        g_steal_pointer (&state));
}

/* Registers aws-transcribe's PrlVersionOps with core. */
void
prl_transcribe_account_register (void)
{
  static const PrlVersionOps ops = {
    .refresh = refresh,
    .delete_remote = delete_remote,
    .upgrade = upgrade,
  };

  prl_version_ops_register (PRL_TRANSCRIBE_PROVIDER, &ops);
}
