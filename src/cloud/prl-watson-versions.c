/* prl-watson-versions.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prl-cloud-call-private.h"
#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-version-ops.h"
#include "prl-watson-train.h"

#include "prl-train-job.h"
#include "prl-watson-account.h"
#include "prl-watson-train-job-private.h"
#include "prl-watson-train-private.h"

/* What becomes of a Watson model's versions on the service (issue #15,
 * point 3): each version is its own customization, named as the version
 * (prl-watson-train.c). Deleting a version, or its model, deletes the
 * customization; refreshing asks the service which still exist and how
 * they are. Watson refuses to delete a customization while it trains,
 * upgrades or analyses data (409): the version is then kept here, and
 * the message says to wait, so that nothing is lost on either side.
 *
 * Upgrades (issue #15, point 5): a version records the exact base it was
 * built on, Watson's "NAME.vDATE" from the customization's "versions";
 * a refresh offers an upgrade when /v1/models lists a newer version of
 * that base. A base /v1/models no longer lists (IBM retires bases)
 * cannot be recognized with: the provider refuses such a version with
 * the reason. The upgrade works on
 * the version's own customization: upgrade_model for previous-generation
 * bases, a training with force=true for next-generation ones (Watson
 * refuses upgrade_model for those). Watson then serves the customization
 * on both base versions, so the upgraded version is named
 * "CUSTOMIZATION@vDATE" and shares it; the old one recognizes with
 * base_model_version (prl-watson-provider.c). */

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

/* The customization of a version: its own name, or for an upgraded
 * version the name before its last "@". */
PrlWatsonModel *
_prl_watson_find_customization (GHashTable *by_name, const char *version_name)
{
  PrlWatsonModel  *found = g_hash_table_lookup (by_name, version_name);
  const char      *at = strrchr (version_name, '@');
  g_autofree char *stem = NULL;

  if (found != NULL || at == NULL)
    return found;
  stem = g_strndup (version_name, at - version_name);
  return g_hash_table_lookup (by_name, stem);
}

/* The base models /v1/models lists, by name. */
static GHashTable *
bases (PrlWatsonClient *client, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) models = CALL (list_base_models, client, error, cancellable);
  GHashTable *by_name;

  if (models == NULL)
    return NULL;
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify)prl_watson_base_model_free);
  g_ptr_array_set_free_func (models, NULL);
  for (guint i = 0; i < models->len; i++)
    {
      PrlWatsonBaseModel *base = g_ptr_array_index (models, i);

      if (g_hash_table_contains (by_name, base->name))
        prl_watson_base_model_free (base);
      else
        g_hash_table_insert (by_name, base->name, base);
    }
  return by_name;
}

/* The newest version of @base, or NULL when the listing names none. */
static const char *
newest_base_version (PrlWatsonBaseModel *base)
{
  guint n = base->versions ? g_strv_length (base->versions) : 0;

  return n > 0 ? base->versions[n - 1] : NULL;
}

/* IBM's previous-generation bases, the only ones upgrade_model applies
 * to (cloud-apis.md §4). */
static gboolean
previous_generation (const char *base)
{
  return g_str_has_suffix (base, "_BroadbandModel")
         || g_str_has_suffix (base, "_NarrowbandModel");
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

typedef struct
{
  PrlModel        *model;
  GCancellable    *cancellable;
  PrlWatsonClient *client; /* these three read at the first version */
  GHashTable      *remote; /* asked about */
  GHashTable      *base_models;
} Refresh;

static gboolean
ask_version (PrlVersion      *version,
             gpointer         data,
             PrlRemoteStatus *now,
             gboolean        *upgrade,
             GError         **error)
{
  Refresh            *r = data;
  PrlWatsonModel     *found;
  PrlWatsonBaseModel *base = NULL;

  if (r->remote == NULL)
    {
      if (!(r->client = _prl_watson_client_open (prl_model_get_account (r->model), TRUE,
                                                 r->cancellable, error))
          || !(r->remote = customizations (r->client, r->cancellable, error))
          || !(r->base_models = bases (r->client, r->cancellable, error)))
        return FALSE;
    }
  found = _prl_watson_find_customization (r->remote, prl_version_get_name (version));
  *now = found != NULL ? remote_status (found) : PRL_REMOTE_STATUS_GONE;
  if (found != NULL && found->base_model != NULL)
    base = g_hash_table_lookup (r->base_models, found->base_model);
  /* A trained customization on a base /v1/models no longer lists:
   * IBM retired the base, and recognition with it is refused. */
  if (found != NULL && found->base_model != NULL && base == NULL
      && *now == PRL_REMOTE_STATUS_COMPLETED)
    *now = PRL_REMOTE_STATUS_BASE_REMOVED;
  /* Offered when the base has a newer version than the one this
   * version was built on (its base_model_id). */
  if (base != NULL && newest_base_version (base) != NULL)
    *upgrade
        = g_strcmp0 (newest_base_version (base), prl_version_get_base_model_id (version))
          != 0;
  return TRUE;
}

/* PrlVersionOps.refresh: status and the upgrade offer (a newer version
 * of the version's base). A retired base offers none; recognition says
 * why it is refused (prl-watson-provider.c). */
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
  g_clear_pointer (&r.remote, g_hash_table_unref);
  g_clear_pointer (&r.base_models, g_hash_table_unref);
  return ok;
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
  g_autoptr (GPtrArray) versions = NULL;
  PrlWatsonModel *found;

  if (!(client = _prl_watson_client_open (prl_model_get_account (model), TRUE,
                                          cancellable, error))
      || !(remote = customizations (client, cancellable, error)))
    return FALSE;
  if (!(found = _prl_watson_find_customization (remote, prl_version_get_name (version))))
    return TRUE;
  /* An upgrade's versions share one customization: it goes with the
   * last of them, so that deleting the old one keeps the new. */
  if (!(versions = prl_store_list_versions_sync (prl_workspace_get_store (workspace),
                                                 prl_model_get_id (model), error)))
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion     *other = g_ptr_array_index (versions, i);
      PrlRemoteStatus status = prl_version_get_remote_status (other);

      if (prl_version_get_id (other) != prl_version_get_id (version)
          && status != PRL_REMOTE_STATUS_NONE && status != PRL_REMOTE_STATUS_GONE
          && _prl_watson_find_customization (remote, prl_version_get_name (other))
                 == found)
        return TRUE;
    }
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

/* The refusal of an upgrade, after saving what the service said. */
static PrlJob *
refuse (PrlStore       *store,
        PrlVersion     *version,
        PrlRemoteStatus status,
        gboolean        upgrade,
        GError         *reason,
        GError        **error)
{
  if (prl_store_set_version_remote_sync (store, prl_version_get_id (version), status,
                                         upgrade, NULL, error))
    g_propagate_error (error, reason);
  else
    g_error_free (reason);
  return NULL;
}

/* PrlVersionOps.upgrade: asks the service first (the customization's
 * status and versions, the base's newest version), so that nothing is
 * sent that Watson would refuse. Blocks briefly: two listings. */
static PrlJob *
upgrade (PrlWorkspace *workspace, PrlModel *model, PrlVersion *version, GError **error)
{
  PrlStore *store = prl_workspace_get_store (workspace);
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GHashTable) remote = NULL;
  g_autoptr (GHashTable) base_models = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autofree char    *version_name = NULL;
  const char         *vname = prl_version_get_name (version);
  const char *const  *hashes = prl_version_get_dataset_hashes (version);
  const char         *newest, *date;
  PrlWatsonModel     *found;
  PrlWatsonBaseModel *base;
  JsonArray          *kept;

  if (!(client
        = _prl_watson_client_open (prl_model_get_account (model), TRUE, NULL, error))
      || !(remote = customizations (client, NULL, error))
      || !(base_models = bases (client, NULL, error)))
    return NULL;
  if (!(found = _prl_watson_find_customization (remote, vname)))
    return refuse (store, version, PRL_REMOTE_STATUS_GONE, FALSE,
                   g_error_new (PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                                _ ("“%s” was deleted on IBM Watson, so there is nothing "
                                   "left to upgrade. Train the model again instead."),
                                vname),
                   error);
  if (found->status != PRL_WATSON_STATUS_AVAILABLE)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING,
                   _ ("IBM Watson cannot upgrade “%s” now: its custom model is “%s”, "
                      "and only an available (trained, idle) model can be upgraded. Wait "
                      "until it is available, then upgrade again."),
                   vname, found->status_name);
      return NULL;
    }
  if (!(base = g_hash_table_lookup (base_models, found->base_model)))
    return refuse (store, version, PRL_REMOTE_STATUS_BASE_REMOVED, FALSE,
                   g_error_new (PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                                _ ("IBM Watson no longer offers the base model “%s” of "
                                   "“%s”, so it cannot be upgraded. Create a model on a "
                                   "current base and train it."),
                                found->base_model, vname),
                   error);
  newest = newest_base_version (base);
  if (newest == NULL || g_strv_contains ((const char *const *)found->versions, newest))
    return refuse (store, version, PRL_REMOTE_STATUS_COMPLETED, FALSE,
                   g_error_new (PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED,
                                _ ("IBM Watson offers no upgrade for “%s”: its custom "
                                   "model is already on the current %s base."),
                                vname, found->base_model),
                   error);

  /* "en-US_BroadbandModel.v2021-05-01" names the new version "@v2021-05-01". */
  date = strrchr (newest, '.');
  version_name = g_strdup_printf ("%s@%s", found->name, date ? date + 1 : newest);
  state = json_object_new ();
  json_object_set_string_member (
      state, "phase", previous_generation (found->base_model) ? "upgrade" : "train");
  json_object_set_boolean_member (state, "force",
                                  !previous_generation (found->base_model));
  json_object_set_string_member (
      state, "previous_status",
      prl_training_status_to_nick (prl_model_get_status (model)));
  json_object_set_string_member (state, "upgrade_of", vname);
  json_object_set_string_member (state, "customization_id", found->id);
  json_object_set_string_member (state, "remote_name", found->name);
  json_object_set_string_member (state, "version_name", version_name);
  /* What the customization lists once upgraded: a resume after a kill
   * tells by it whether the upgrade's train reached Watson. */
  json_object_set_string_member (state, "base_version", newest);
  json_object_set_string_member (state, "watson_base", found->base_model);
  json_object_set_string_member (state, "language", prl_model_get_language (model));
  /* The new version keeps the old one's weight and data. */
  json_object_set_boolean_member (state, "weight_tuned", prl_version_get_tuned (version));
  if (prl_version_get_tuned (version))
    {
      json_object_set_double_member (state, "weight",
                                     prl_version_get_lm_weight (version));
      json_object_set_double_member (state, "custom_perplexity",
                                     prl_version_get_custom_perplexity (version));
      json_object_set_double_member (state, "stock_perplexity",
                                     prl_version_get_stock_perplexity (version));
      json_object_set_double_member (state, "mixture_perplexity",
                                     prl_version_get_mixture_perplexity (version));
    }
  kept = json_array_new ();
  for (guint i = 0; hashes != NULL && hashes[i] != NULL; i++)
    json_array_add_string_element (kept, hashes[i]);
  json_object_set_array_member (state, "dataset_hashes", kept);
  return _prl_watson_train_job_new (workspace, model, g_steal_pointer (&state));
}

/* Registers ibm-watson's PrlVersionOps with core. */
void
_prl_watson_versions_register (void)
{
  static const PrlVersionOps ops = {
    .refresh = refresh,
    .delete_remote = delete_remote,
    .upgrade = upgrade,
  };

  prl_version_ops_register (PRL_WATSON_PROVIDER, &ops);
}
