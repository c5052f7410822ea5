/* prl-local-upgrade.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-local-upgrade"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-train-job.h"
#include "prl-version-ops.h"

#include "prl-local-provider.h"
#include "prl-local-provider-private.h"

/* The local provider's half of the one upgrade flow (prl-version-ops.c).
 * Its base is the stock model (acoustic model, dictionary, stock LM) that
 * PRL_POCKETSPHINX_MODELDIR or the package installs; each version records
 * the identity of the one it was built on (prl_local_base_model_id()).
 * When that identity is no longer the current one, the version offers an
 * upgrade: a forced training with the same order on the current base.
 * Nothing lives on a service, so there is nothing to delete remotely and
 * no remote status: only `upgrade_available` is kept up to date.
 */

/* Whether @version was built on another base than @current. A version
 * from before bases were recorded (empty identity) is left alone: there
 * is no telling what it was built on. */
static gboolean
built_on_older_base (PrlVersion *version, const char *current)
{
  const char *base = prl_version_get_base_model_id (version);

  return base != NULL && base[0] != '\0' && g_strcmp0 (base, current) != 0;
}

/* PrlVersionOps.refresh: compares every version's base with the current
 * one and saves what changed. Runs on a worker thread. */
static gboolean
refresh (PrlWorkspace *workspace,
         PrlModel     *model,
         GCancellable *cancellable,
         GError      **error)
{
  PrlStore        *store = prl_workspace_get_store (workspace);
  g_autofree char *current = prl_local_base_model_id ();
  g_autoptr (GPtrArray) versions = NULL;

  if (!(versions = prl_store_list_versions_sync (store, prl_model_get_id (model), error)))
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion *version = g_ptr_array_index (versions, i);
      gboolean    older = built_on_older_base (version, current);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (older == prl_version_get_upgrade_available (version))
        continue;
      if (!prl_store_set_version_remote_sync (store, prl_version_get_id (version),
                                              prl_version_get_remote_status (version),
                                              older, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* PrlVersionOps.upgrade: checks again that the base changed (the offer
 * may be stale: the package may have been put back), then makes the
 * training job. Runs on a worker thread for the GUI. */
static PrlJob *
upgrade (PrlWorkspace *workspace, PrlModel *model, PrlVersion *version, GError **error)
{
  g_autofree char *current = prl_local_base_model_id ();

  if (!built_on_older_base (version, current))
    {
      if (!prl_store_set_version_remote_sync (
              prl_workspace_get_store (workspace), prl_version_get_id (version),
              prl_version_get_remote_status (version), FALSE, NULL, error))
        return NULL;
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED,
                   _ ("“%s” is already on the current base model (%s); there is "
                      "nothing to upgrade."),
                   prl_version_get_name (version), current);
      return NULL;
    }
  return PRL_JOB (prl_train_job_new_upgrade (workspace, model, version));
}

void
_prl_local_upgrade_register (void)
{
  static const PrlVersionOps ops = {
    .refresh = refresh,
    .upgrade = upgrade,
  };

  prl_version_ops_register ("local", &ops);
}
