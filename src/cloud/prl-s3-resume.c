/* prl-s3-resume.c
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

/* Marks the parts the server already holds with the right size and the
 * file's bytes (their MD5 is the ETag), so that only the others are sent. */
static gboolean
list_parts (PrlS3Upload *upload, GCancellable *cancellable, GError **error)
{
  guint    marker = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *base = _prl_s3_upload_query (upload, 0);
      g_autofree char *query
          = g_strdup_printf ("max-parts=1000&part-number-marker=%u&%s", marker, base);
      g_autoptr (PrlHttpRequest) request = NULL;
      g_autoptr (PrlXmlNode) root = NULL;
      g_autoptr (GError) local_error = NULL;

      request = _prl_s3_request (upload->self, "GET", upload->key, query, error);
      if (request == NULL)
        return FALSE;
      root = _prl_s3_send_xml (upload->self, request, upload->key, cancellable,
                               &local_error);
      /* RGW answers NoSuchKey for an upload that was aborted or completed. */
      if (g_error_matches (local_error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_UPLOAD,
                       _ ("The unfinished upload of “%s” is gone from the server. "
                          "Start the upload again."),
                       upload->key);
        }
      if (root == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      for (guint i = 0; i < prl_xml_node_get_n_children (root); i++)
        {
          PrlXmlNode *node = prl_xml_node_get_nth_child (root, i);
          guint64     number = g_ascii_strtoull (
                  prl_xml_node_get_child_text (node, "PartNumber") ?: "0", NULL, 10);
          guint64 size = g_ascii_strtoull (
              prl_xml_node_get_child_text (node, "Size") ?: "0", NULL, 10);
          g_autofree char *etag
              = g_strdup (prl_xml_node_get_child_text (node, "ETag") ?: "");
          PrlS3Digest digest = { 0 };

          if (!g_str_equal (prl_xml_node_get_name (node), "Part") || number < 1
              || number > upload->n_parts
              || size != (guint64)_prl_s3_upload_part_length (upload, number - 1))
            continue;
          g_strdelimit (etag, "\"", ' ');
          g_strstrip (etag);
          if (!_prl_s3_digest_file (upload->path,
                                    (goffset)(number - 1) * upload->part_size, size,
                                    &digest, cancellable, error))
            return FALSE;
          if (g_ascii_strcasecmp (etag, digest.md5_hex) == 0)
            {
              g_free (upload->etags[number - 1]);
              upload->etags[number - 1] = g_strdup (etag);
              upload->done += size;
            }
          _prl_s3_digest_clear (&digest);
        }
      more = g_strcmp0 (prl_xml_node_get_child_text (root, "IsTruncated"), "true") == 0;
      marker = (guint)g_ascii_strtoull (
          prl_xml_node_get_child_text (root, "NextPartNumberMarker") ?: "0", NULL, 10);
      if (more && marker == 0)
        break;
    }
  return TRUE;
}

gboolean
prl_s3_client_resume_upload (PrlS3Client              *self,
                             const char               *key,
                             const char               *path,
                             const char               *upload_id,
                             const PrlS3UploadOptions *options,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  PrlS3Upload upload;
  gboolean    ok;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && path != NULL && upload_id != NULL, FALSE);

  ok = _prl_s3_upload_init (&upload, self, key, path, options, 0, cancellable, error);
  if (ok)
    {
      upload.upload_id = g_strdup (upload_id);
      ok = list_parts (&upload, cancellable, error);
    }
  if (ok && upload.options->progress != NULL)
    upload.options->progress (upload.done, upload.total, upload.options->progress_data);
  if (ok)
    ok = _prl_s3_upload_run (&upload, cancellable, error);
  _prl_s3_upload_clear (&upload);
  return ok;
}
