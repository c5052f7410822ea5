/* prl-blob-key.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-blob-key"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "prl-blob-cipher.h"
#include "prl-dataset.h"

#include "prl-blob-key.h"

/* Each workspace's blob key lives in the Secret Service (the user's
 * keyring), never in the workspace folder: copying the folder does not
 * copy the key. Calls block, so callers run them on a worker thread.
 */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.parlance.Parlance.BlobKey",
    SECRET_SCHEMA_NONE,
    {
        { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

static void
prefix_keyring_error (GError **error)
{
  g_prefix_error (error, _ ("The keyring is not available (%s); "), "Secret Service");
}

/**
 * prl_blob_key_lookup:
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error set
 *   (%PRL_DATASET_ERROR_ENCRYPTION when there is none)
 */
GBytes *
prl_blob_key_lookup (const char *workspace_id, GCancellable *cancellable, GError **error)
{
  g_autofree char   *encoded = NULL;
  g_autofree guchar *raw = NULL;
  GError            *local_error = NULL;
  gsize              len = 0;

  encoded = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                         "workspace", workspace_id, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      prefix_keyring_error (error);
      return NULL;
    }

  if (encoded == NULL)
    {
      g_set_error_literal (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
                           _ ("The workspace’s encryption key is not in your keyring, so "
                              "its encrypted datasets cannot be read"));
      return NULL;
    }

  raw = g_base64_decode (encoded, &len);
  if (len != PRL_BLOB_KEY_SIZE)
    {
      g_set_error_literal (
          error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
          _ ("The workspace’s encryption key in your keyring is damaged"));
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&raw), len);
}

gboolean
prl_blob_key_save (const char   *workspace_id,
                   const char   *workspace_dir,
                   GBytes       *key,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autofree char *encoded = NULL;
  g_autofree char *label = NULL;
  gsize            len;
  const guint8    *data = g_bytes_get_data (key, &len);

  encoded = g_base64_encode (data, len);
  label = g_strdup_printf (_ ("Parlance dataset key for %s"), workspace_dir);

  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label,
                                   encoded, cancellable, error, "workspace", workspace_id,
                                   NULL))
    {
      prefix_keyring_error (error);
      memset (encoded, 0, strlen (encoded));
      return FALSE;
    }

  memset (encoded, 0, strlen (encoded));
  return TRUE;
}
