/* prl-store-blobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-blob-key.h"
#include "prl-store.h"

/**
 * prl_store_open_dataset:
 * @key: (inout) (nullable): the workspace's key, looked up in the Secret
 *   Service the first time an encrypted dataset needs it and kept for the
 *   next ones
 *
 * Opens a dataset's stored copy, decrypting it when needed and checking
 * it against its SHA-256 as it is read (see prl_blob_store_open_full()).
 * Blocks: for job threads.
 *
 * Returns: (transfer full) (nullable): the dataset's contents
 */
GInputStream *
prl_store_open_dataset (PrlStore     *self,
                        PrlDataset   *dataset,
                        GBytes      **key,
                        GCancellable *cancellable,
                        GError      **error)
{
  gboolean encrypted = prl_dataset_get_encrypted (dataset);
  g_autoptr (GError) local_error = NULL;
  GInputStream *stream;

  g_return_val_if_fail (PRL_IS_STORE (self), NULL);
  g_return_val_if_fail (PRL_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (encrypted && *key == NULL
      && !(*key
           = prl_blob_key_lookup (prl_store_get_workspace_id (self), cancellable, error)))
    return NULL;

  stream = prl_blob_store_open_full (
      prl_store_get_blob_store (self), prl_dataset_get_sha256 (dataset), encrypted, *key,
      -1, prl_dataset_get_name (dataset), cancellable, &local_error);
  if (stream == NULL)
    {
      /* The damage message names the dataset already. */
      if (!g_error_matches (local_error, PRL_BLOB_STORE_ERROR,
                            PRL_BLOB_STORE_ERROR_CORRUPT))
        g_prefix_error (&local_error, _ ("Could not open the dataset “%s”: "),
                        prl_dataset_get_name (dataset));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return stream;
}
