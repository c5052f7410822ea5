/* prl-eval-shared.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-evaluate-job"

#include "config.h"

#include <string.h>

#include "prl-dataset.h"
#include "prl-store-eval.h"
#include "prl-store-versions.h"

#include "prl-eval-shared.h"

/* One leaderboard for every provider. Evaluations are stored per model,
 * and a local model and an Amazon Transcribe model are different models;
 * users compare providers on the same recordings. So a model's
 * leaderboard also lists the systems of the other models of the
 * workspace evaluated on the same test set: the same test pairs (basename,
 * audio SHA-256, reference SHA-256) and the same held-out manifests,
 * scored with the same normalization profile, with a stored result for
 * every pair. A stock model appears once per provider: the run's own
 * provider's stock row is its own. Nothing is transcribed for them. */

void
prl_eval_foreign_free (PrlEvalForeign *self)
{
  if (self == NULL)
    return;
  g_free (self->model);
  g_free (self->provider);
  g_free (self->version);
  g_free (self->base_model);
  g_clear_pointer (&self->results, g_hash_table_unref);
  g_free (self);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/**
 * prl_eval_test_set_fingerprint:
 * @datasets: (element-type PrlDataset): a model's datasets
 *
 * Returns: (nullable): the SHA-256 of what the evaluation scores on, or
 *   %NULL when the datasets hold no test pair and no manifest
 */
char *
prl_eval_test_set_fingerprint (GPtrArray *datasets)
{
  g_autoptr (GHashTable) audio
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *d = g_ptr_array_index (datasets, i);

      if (prl_dataset_get_dataset_type (d) == PRL_DATASET_TYPE_AUDIO)
        g_hash_table_insert (audio, prl_dataset_dup_basename (d),
                             (gpointer)prl_dataset_get_sha256 (d));
    }
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset      *d = g_ptr_array_index (datasets, i);
      g_autofree char *base = prl_dataset_dup_basename (d);
      const char      *clip;

      if (prl_dataset_get_dataset_type (d) == PRL_DATASET_TYPE_TEST
          && (clip = g_hash_table_lookup (audio, base)) != NULL)
        g_ptr_array_add (lines, g_strdup_printf ("pair\t%s\t%s\t%s", base, clip,
                                                 prl_dataset_get_sha256 (d)));
      else if (prl_dataset_get_dataset_type (d) == PRL_DATASET_TYPE_MANIFEST)
        g_ptr_array_add (lines,
                         g_strdup_printf ("manifest\t%s", prl_dataset_get_sha256 (d)));
    }
  if (lines->len == 0)
    return NULL;
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_checksum_update (sum, g_ptr_array_index (lines, i), -1);
      g_checksum_update (sum, (const guchar *)"\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The store answers on the thread-default context of the caller: a
 * private one, so this works on a job's thread. */
static GPtrArray *
list_models_sync (PrlStore *store, GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  prl_store_list_models_async (store, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return prl_store_list_models_finish (store, result, error);
}

static gboolean
add_systems (PrlStore   *store,
             PrlModel   *other,
             const char *profile,
             GPtrArray  *ids,
             GHashTable *stock_providers,
             GPtrArray  *out,
             GError    **error)
{
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GHashTable) systems = g_hash_table_new_full (
      g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
  GHashTable *by_id;

  if (!(results = prl_store_list_eval_results_sync (store, prl_model_get_id (other),
                                                    profile, error))
      || !(versions
           = prl_store_list_versions_sync (store, prl_model_get_id (other), error)))
    return FALSE;

  /* The results move into per-system tables that own them. */
  g_ptr_array_set_free_func (results, NULL);
  for (guint i = 0; i < results->len; i++)
    {
      PrlEvalResult *r = g_ptr_array_index (results, i);

      if (!(by_id = g_hash_table_lookup (systems, r->system)))
        {
          by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify)prl_eval_result_free);
          g_hash_table_insert (systems, g_strdup (r->system), by_id);
        }
      g_hash_table_replace (by_id, r->utterance_id, r);
    }

  /* The stock model first, then versions oldest first (the store lists
   * them newest first), as in the model's own rows. */
  for (gint i = -1; i < (gint)versions->len; i++)
    {
      PrlVersion *v = i < 0 ? NULL : g_ptr_array_index (versions, versions->len - 1 - i);
      const char *name = v ? prl_version_get_name (v) : "";
      const char *provider = prl_model_get_provider (other);
      PrlEvalForeign *f;
      gboolean        complete = TRUE;

      if (!(by_id = g_hash_table_lookup (systems, name)))
        continue;
      for (guint k = 0; k < ids->len && complete; k++)
        complete = g_hash_table_contains (by_id, g_ptr_array_index (ids, k));
      if (!complete)
        continue;
      /* One stock row per provider: the same engine heard the same audio. */
      if (v == NULL && !g_hash_table_add (stock_providers, g_strdup (provider)))
        continue;

      f = g_new0 (PrlEvalForeign, 1);
      f->model = g_strdup (prl_model_get_name (other));
      f->provider = g_strdup (provider);
      f->version = v ? g_strdup (name) : NULL;
      f->base_model = v ? g_strdup (prl_version_get_base_model_id (v)) : NULL;
      f->results = g_hash_table_ref (by_id);
      g_ptr_array_add (out, f);
    }
  return TRUE;
}

/**
 * prl_eval_find_foreign_sync:
 * @model: the model being evaluated
 * @utterance_ids: (element-type utf8): its test pairs
 *
 * Blocks: for the evaluate job's thread.
 *
 * Returns: (transfer full) (element-type PrlEvalForeign): the other
 *   models' systems with stored results on the same test set, by model
 *   name, each model's stock model first
 */
GPtrArray *
prl_eval_find_foreign_sync (PrlStore   *store,
                            PrlModel   *model,
                            const char *profile,
                            GPtrArray  *utterance_ids,
                            GError    **error)
{
  g_autoptr (GPtrArray) out
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_eval_foreign_free);
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GHashTable) stock_providers
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *fingerprint = NULL;

  if (!(datasets = prl_store_list_datasets_sync (store, prl_model_get_id (model), error)))
    return NULL;
  if (!(fingerprint = prl_eval_test_set_fingerprint (datasets)))
    return g_steal_pointer (&out);
  if (!(models = list_models_sync (store, error)))
    return NULL;

  g_hash_table_add (stock_providers, g_strdup (prl_model_get_provider (model)));
  for (guint i = 0; i < models->len; i++)
    {
      PrlModel *other = g_ptr_array_index (models, i);
      g_autoptr (GPtrArray) other_datasets = NULL;
      g_autofree char *other_fingerprint = NULL;

      if (prl_model_get_id (other) == prl_model_get_id (model))
        continue;
      if (!(other_datasets
            = prl_store_list_datasets_sync (store, prl_model_get_id (other), error)))
        return NULL;
      other_fingerprint = prl_eval_test_set_fingerprint (other_datasets);
      if (g_strcmp0 (fingerprint, other_fingerprint) != 0)
        continue;
      if (!add_systems (store, other, profile, utterance_ids, stock_providers, out,
                        error))
        return NULL;
    }
  return g_steal_pointer (&out);
}
