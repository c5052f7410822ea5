/* prl-s3-blob.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-s3-private.h"

char *
prl_s3_blob_key (const char   *prefix,
                 const char   *path,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autofree char *trimmed = g_strdup (prefix != NULL ? prefix : "");
  PrlS3Digest      digest = { 0 };
  char            *key;
  gsize            len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  if (!_prl_s3_digest_file (path, 0, -1, &digest, cancellable, error))
    return NULL;
  key = g_strconcat (trimmed, len > 0 ? "/" : "", "blobs/", digest.sha256_hex, NULL);
  _prl_s3_digest_clear (&digest);
  return key;
}

char *
prl_s3_client_upload_blob (PrlS3Client              *self,
                           const char               *prefix,
                           const char               *path,
                           const PrlS3UploadOptions *options,
                           gboolean                 *uploaded,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autofree char *key = prl_s3_blob_key (prefix, path, cancellable, error);
  g_autoptr (GError) head_error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  guint64 remote_size = 0;

  if (uploaded != NULL)
    *uploaded = FALSE;
  if (key == NULL)
    return NULL;
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  /* The key is the content's hash: the same size there means the same blob. */
  if (prl_s3_client_head_object (self, key, &remote_size, NULL, cancellable, &head_error)
      && remote_size == (guint64)g_file_info_get_size (info))
    return g_steal_pointer (&key);
  if (head_error != NULL
      && !g_error_matches (head_error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY))
    {
      g_propagate_error (error, g_steal_pointer (&head_error));
      return NULL;
    }
  if (!prl_s3_client_upload_file (self, key, path, options, cancellable, error))
    return NULL;
  if (uploaded != NULL)
    *uploaded = TRUE;
  return g_steal_pointer (&key);
}
