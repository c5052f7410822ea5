/* prl-watson-versions.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-cloud-call-private.h"
#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-version-ops.h"
#include "prl-watson-train.h"

#include "prl-watson-train-private.h"

/* What becomes of a Watson model's versions on the service (issue #15,
 * point 3): each version is its own customization, named as the version
 * (prl-watson-train.c). Deleting a version, or its model, deletes the
 * customization; refreshing asks the service which still exist and how
 * they are. Watson refuses to delete a customization while it trains,
 * upgrades or analyses data (409): the version is then kept here, and
 * the message says to wait, so that nothing is lost on either side.
 * Upgrades are not registered here (issue #15, point 5). */

#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_watson_client, op, client, error, __VA_ARGS__)

/* The account's customizations by name: one listing for all versions. */
static GHashTable *
customizations (PrlWatsonClient *client, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) models = CALL (list_models, client, error, NULL, cancellable);
  GHashTable *by_name;

  if (models == NULL)
    return NULL;
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify)prl_watson_model_free);
  /* The table owns the elements from here on; a duplicate name (never
   * made by Parlance) keeps the first. */
  g_ptr_array_set_free_func (models, NULL);
  for (guint i = 0; i < models->len; i++)
    {
      PrlWatsonModel *model = g_ptr_array_index (models, i);

      if (g_hash_table_contains (by_name, model->name))
        prl_watson_model_free (model);
      else
        g_hash_table_insert (by_name, model->name, model);
    }
  return by_name;
}

static PrlRemoteStatus
remote_status (PrlWatsonModel *model)
{
  switch (model->status)
    {
    case PRL_WATSON_STATUS_AVAILABLE:
    case PRL_WATSON_STATUS_UPGRADING: /* the trained one keeps working */
      return PRL_REMOTE_STATUS_COMPLETED;
    case PRL_WATSON_STATUS_FAILED:
      return PRL_REMOTE_STATUS_FAILED;
    case PRL_WATSON_STATUS_UNKNOWN:
    case PRL_WATSON_STATUS_PENDING:
    case PRL_WATSON_STATUS_READY:
    case PRL_WATSON_STATUS_TRAINING:
    default:
      return PRL_REMOTE_STATUS_IN_PROGRESS;
    }
}

/* PrlVersionOps.refresh: the upgrade offer is left as it was saved (the
 * upgrade flow decides it). */
static gboolean
refresh (PrlWorkspace *workspace,
         PrlModel     *model,
         GCancellable *cancellable,
         GError      **error)
{
  PrlStore *store = prl_workspace_get_store (workspace);
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GHashTable) remote = NULL;

  if (!(versions = prl_store_list_versions_sync (store, prl_model_get_id (model), error)))
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion     *version = g_ptr_array_index (versions, i);
      PrlRemoteStatus was = prl_version_get_remote_status (version);
      PrlWatsonModel *found;
      PrlRemoteStatus now;

      if (was == PRL_REMOTE_STATUS_NONE || was == PRL_REMOTE_STATUS_GONE)
        continue;
      if (remote == NULL)
        {
          if (!(client = _prl_watson_train_open_client (prl_model_get_account (model),
                                                        cancellable, error))
              || !(remote = customizations (client, cancellable, error)))
            return FALSE;
        }
      found = g_hash_table_lookup (remote, prl_version_get_name (version));
      now = found != NULL ? remote_status (found) : PRL_REMOTE_STATUS_GONE;
      if (now != was
          && !prl_store_set_version_remote_sync (
              store, prl_version_get_id (version), now,
              prl_version_get_upgrade_available (version), NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* PrlVersionOps.delete_remote: a customization the service no longer has
 * counts as deleted. */
static gboolean
delete_remote (PrlWorkspace *workspace,
               PrlModel     *model,
               PrlVersion   *version,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GHashTable) remote = NULL;
  g_autoptr (GError) local_error = NULL;
  PrlWatsonModel *found;

  if (!(client = _prl_watson_train_open_client (prl_model_get_account (model),
                                                cancellable, error))
      || !(remote = customizations (client, cancellable, error)))
    return FALSE;
  if (!(found = g_hash_table_lookup (remote, prl_version_get_name (version))))
    return TRUE;
  if (CALL (delete_model, client, &local_error, found->id, cancellable)
      || g_error_matches (local_error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND))
    return TRUE;
  if (g_error_matches (local_error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY))
    g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY,
                 _ ("Watson did not delete “%s”: it is busy with another request "
                    "(status “%s”) and refuses changes until that ends. The version is "
                    "kept; delete it again once Watson has finished."),
                 prl_version_get_name (version), found->status_name);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _ ("Watson did not delete “%s”: "),
                                prl_version_get_name (version));
  return FALSE;
}

/* Registers ibm-watson's PrlVersionOps with core. */
void
_prl_watson_versions_register (void)
{
  static const PrlVersionOps ops = {
    .refresh = refresh,
    .delete_remote = delete_remote,
  };

  prl_version_ops_register (PRL_WATSON_PROVIDER, &ops);
}
