/* prl-watson-weight.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>

#include <glib/gstdio.h>

#include "prl-provider.h"
#include "prl-remote-job.h"
#include "prl-store.h"

#include "prl-watson-train-private.h"

/* Watson's customization_weight, tuned on the model's TUNING text (issue
 * #15, point 3). Watson gives no perplexity, so the local engine answers
 * the same question it answers for local models: trained on the same
 * training text, which weight of the custom model against the stock one
 * makes the tuning text least perplexing? That λ is the share Watson's
 * customization_weight gives the custom model, so it is sent as is. The
 * local provider is reached through core's registry (this layer does not
 * link it) and trains into a scratch folder removed afterwards. The local
 * stock model is US English: for other languages, and without tuning
 * text, the weight is not sent and Watson's default applies. */

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * _prl_watson_tune_weight:
 * @language: the Watson model's language, e.g. "en-US"
 * @weight: (out): the tuned weight, or -1 when there is nothing to tune
 *   on; the perplexities are then -1 too
 *
 * Blocks: trains a local model on the training text.
 *
 * Returns: %FALSE with @error set when the tuning failed
 */
gboolean
_prl_watson_tune_weight (PrlStore        *store,
                         gint64           model_id,
                         const char      *model_name,
                         const char      *language,
                         PrlWatsonWeight *weight,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GPtrArray) training = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) tuning = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GBytes) key = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *output = NULL;
  PrlTrainRequest  request = { 0 };
  PrlTrainResult   result = { 0 };
  PrlProvider     *local;
  gboolean         ok;

  weight->weight = weight->custom_perplexity = weight->stock_perplexity
      = weight->mixture_perplexity = -1;
  weight->tuned = FALSE;
  if (language == NULL || !g_str_has_prefix (language, "en")
      || !(local = prl_provider_lookup ("local")))
    return TRUE;
  if (!(datasets = prl_store_list_datasets_sync (store, model_id, error)))
    return FALSE;
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset    *dataset = g_ptr_array_index (datasets, i);
      PrlDatasetType type = prl_dataset_get_dataset_type (dataset);
      GInputStream  *stream;

      if (type != PRL_DATASET_TYPE_TRANSCRIPT && type != PRL_DATASET_TYPE_TUNING)
        continue;
      if (!(stream = prl_store_open_dataset (store, dataset, &key, cancellable, error)))
        return FALSE;
      g_ptr_array_add (type == PRL_DATASET_TYPE_TUNING ? tuning : training, stream);
    }
  if (tuning->len == 0 || training->len == 0)
    return TRUE;

  if (!(scratch = prl_store_get_scratch_dir (store, error)))
    return FALSE;
  output = g_build_filename (scratch, "watson-weight-XXXXXX", NULL);
  if (g_mkdtemp_full (output, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not make a folder to tune the weight in: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  request.model_name = model_name;
  request.language = language;
  request.base_model = PRL_BASE_MODEL_WIDE_BAND;
  request.output_dir = output;
  request.training = training;
  request.tuning = tuning;
  request.key = key;
  ok = prl_provider_train (local, &request, &result, NULL, cancellable, error);
  remove_tree (output);
  if (ok && result.tuned)
    {
      weight->weight = CLAMP (result.lm_weight, 0.0, 1.0);
      weight->tuned = TRUE;
      weight->custom_perplexity = result.custom_perplexity;
      weight->stock_perplexity = result.stock_perplexity;
      weight->mixture_perplexity = result.mixture_perplexity;
    }
  prl_train_result_clear (&result);
  if (!ok)
    g_prefix_error (error, _ ("Could not tune the weight of “%s” on its tuning text: "),
                    model_name);
  return ok;
}
