/* prl-s3-multipart.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-file-open.h"
#include "prl-s3-private.h"

#define DEFAULT_WORKERS 4

/* One multipart upload in flight. Workers take the lowest part without an
 * ETag; each part is hashed from the file, then streamed from it, so memory
 * stays at a few read buffers whatever the file size. */
typedef struct
{
  PrlS3Client              *self;
  const char               *key;
  const char               *path;
  char                     *upload_id;
  const PrlS3UploadOptions *options;
  gsize                     part_size;
  guint                     n_parts;
  guint64                   total;
  GCancellable *cancellable; /* the workers': the caller's, or the first error */

  GMutex  lock;
  char  **etags; /* [n_parts]; NULL until the part is on the server */
  guint   next;
  guint64 done;
  GError *error;
} Upload;

static void
upload_clear (Upload *upload)
{
  for (guint i = 0; upload->etags != NULL && i < upload->n_parts; i++)
    g_free (upload->etags[i]);
  g_free (upload->etags);
  g_free (upload->upload_id);
  g_clear_object (&upload->cancellable);
  g_clear_error (&upload->error);
  g_mutex_clear (&upload->lock);
}

static goffset
part_length (Upload *upload, guint index)
{
  goffset offset = (goffset)index * upload->part_size;

  return MIN ((goffset)upload->part_size, (goffset)upload->total - offset);
}

static char *
upload_query (Upload *upload, guint part_number)
{
  g_autofree char *id = prl_sigv4_uri_encode (upload->upload_id, FALSE);

  return part_number > 0 ? g_strdup_printf ("partNumber=%u&uploadId=%s", part_number, id)
                         : g_strdup_printf ("uploadId=%s", id);
}

/* RGW and AWS answer a part's MD5 as its ETag; a mismatch means the bytes
 * the server stored are not the ones read from the file. */
static char *
upload_part (Upload *upload, guint index, GError **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autofree char *query = upload_query (upload, index + 1);
  g_autofree char *etag = NULL;
  PrlS3Digest      digest = { 0 };
  goffset          offset = (goffset)index * upload->part_size;
  const char      *answer;

  if (!_prl_s3_digest_file (upload->path, offset, part_length (upload, index), &digest,
                            upload->cancellable, error))
    return NULL;
  request = _prl_s3_request (upload->self, "PUT", upload->key, query, error);
  if (request != NULL)
    {
      _prl_s3_set_body_file (request, upload->path, offset, &digest);
      prl_http_request_set_header (request, "Content-MD5", digest.md5_base64);
      response
          = _prl_s3_send (upload->self, request, upload->key, upload->cancellable, error);
    }
  if (response != NULL)
    {
      answer = prl_http_response_get_header (response, "ETag");
      etag = g_strdup (answer != NULL ? answer : "");
      g_strdelimit (etag, "\"", ' ');
      g_strstrip (etag);
      if (strlen (etag) == 32 && g_ascii_strcasecmp (etag, digest.md5_hex) != 0)
        {
          g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_BAD_DIGEST,
                       _ ("Part %u of “%s” arrived damaged at the storage server. Try "
                          "the upload again."),
                       index + 1, upload->key);
          g_clear_pointer (&etag, g_free);
        }
    }
  _prl_s3_digest_clear (&digest);
  return g_steal_pointer (&etag);
}

static gpointer
worker (gpointer data)
{
  Upload *upload = data;

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *etag = NULL;
      guint            index;

      g_mutex_lock (&upload->lock);
      while (upload->next < upload->n_parts && upload->etags[upload->next] != NULL)
        upload->next++;
      index = upload->next++;
      g_mutex_unlock (&upload->lock);
      if (index >= upload->n_parts || g_cancellable_is_cancelled (upload->cancellable))
        return NULL;

      etag = upload_part (upload, index, &error);

      g_mutex_lock (&upload->lock);
      if (etag != NULL)
        {
          upload->done += part_length (upload, index);
          if (upload->options->state != NULL)
            prl_s3_upload_state_part_done (upload->options->state, index + 1, etag);
          upload->etags[index] = g_steal_pointer (&etag);
          if (upload->options->progress != NULL)
            upload->options->progress (upload->done, upload->total,
                                       upload->options->progress_data);
        }
      else if (upload->error == NULL
               || g_error_matches (upload->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The first real error wins and stops the other workers. */
          g_clear_error (&upload->error);
          upload->error = g_steal_pointer (&error);
          g_cancellable_cancel (upload->cancellable);
        }
      g_mutex_unlock (&upload->lock);
    }
}

static gboolean
complete (Upload *upload, GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) xml = g_string_new ("<CompleteMultipartUpload>");
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlXmlNode) root = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *query = upload_query (upload, 0);

  for (guint i = 0; i < upload->n_parts; i++)
    g_string_append_printf (xml,
                            "<Part><ETag>\"%s\"</ETag><PartNumber>%u</PartNumber></Part>",
                            upload->etags[i], i + 1);
  g_string_append (xml, "</CompleteMultipartUpload>");
  body = g_bytes_new (xml->str, xml->len);

  request = _prl_s3_request (upload->self, "POST", upload->key, query, error);
  if (request == NULL)
    return FALSE;
  prl_http_request_set_body_bytes (request, body, "application/xml");
  root = _prl_s3_send_xml (upload->self, request, upload->key, cancellable, error);
  return root != NULL;
}

static void
forward_cancel (GCancellable *cancellable, gpointer inner)
{
  g_cancellable_cancel (inner);
}

/* Runs the workers until every part is on the server, then completes. A
 * cancel aborts the upload unless the caller keeps it for a resume; other
 * failures keep it when a state sink can resume it, and abort it otherwise,
 * so nothing is left open on the server that nobody knows of. */
static gboolean
run_upload (Upload *upload, GCancellable *cancellable, GError **error)
{
  const PrlS3UploadOptions *options = upload->options;
  guint    n_workers = options->n_workers > 0 ? options->n_workers : DEFAULT_WORKERS;
  GThread *threads[64];
  gulong   handler = 0;
  gboolean cancelled;
  gboolean keep;

  n_workers = MIN (n_workers, G_N_ELEMENTS (threads));
  upload->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                     g_object_ref (upload->cancellable), g_object_unref);
  for (guint i = 0; i < n_workers; i++)
    threads[i] = g_thread_new ("prl-s3-part", worker, upload);
  for (guint i = 0; i < n_workers; i++)
    g_thread_join (threads[i]);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  cancelled = g_cancellable_is_cancelled (cancellable);
  if (upload->error == NULL && !cancelled && complete (upload, cancellable, error))
    {
      if (options->state != NULL)
        prl_s3_upload_state_forget (options->state);
      return TRUE;
    }

  cancelled = g_cancellable_is_cancelled (cancellable);
  keep = cancelled ? (options->flags & PRL_S3_UPLOAD_KEEP_ON_CANCEL) != 0
                   : options->state != NULL;
  if (!keep)
    {
      g_autoptr (GError) abort_error = NULL;

      /* The caller's cancellable is cancelled: the abort runs without it. */
      if (!prl_s3_client_abort_upload (upload->self, upload->key, upload->upload_id, NULL,
                                       &abort_error))
        g_warning ("Could not abort the upload of %s: %s", upload->key,
                   abort_error->message);
      if (options->state != NULL)
        prl_s3_upload_state_forget (options->state);
    }
  if (cancelled)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _ ("The upload was cancelled."));
  else if (upload->error != NULL)
    g_propagate_error (error, g_steal_pointer (&upload->error));
  return FALSE;
}

static gboolean
upload_init (Upload                   *upload,
             PrlS3Client              *self,
             const char               *key,
             const char               *path,
             const PrlS3UploadOptions *options,
             gsize                     part_size,
             GCancellable             *cancellable,
             GError                  **error)
{
  g_autoptr (GInputStream) stream = NULL;

  *upload = (Upload){ .self = self, .key = key, .path = path, .options = options };
  g_mutex_init (&upload->lock);
  stream = prl_file_open_regular (path, 0, &upload->total, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (part_size == 0)
    part_size = PRL_S3_DEFAULT_PART_SIZE;
  part_size = MAX (part_size, PRL_S3_MIN_PART_SIZE);
  upload->part_size = part_size;
  upload->n_parts = MAX (1, (upload->total + part_size - 1) / part_size);
  upload->etags = g_new0 (char *, upload->n_parts);
  return TRUE;
}

static gboolean
create_upload (Upload *upload, GCancellable *cancellable, GError **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlXmlNode) root = NULL;
  const char *id;

  request = _prl_s3_request (upload->self, "POST", upload->key, "uploads=", error);
  if (request == NULL)
    return FALSE;
  root = _prl_s3_send_xml (upload->self, request, upload->key, cancellable, error);
  if (root == NULL)
    return FALSE;
  id = prl_xml_node_get_child_text (root, "UploadId");
  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (
          error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE,
          _ ("The storage server did not start the upload (no upload ID). "
             "Check the endpoint URL in the account settings."));
      return FALSE;
    }
  upload->upload_id = g_strdup (id);
  if (upload->options->state != NULL)
    prl_s3_upload_state_save (upload->options->state, upload->upload_id, upload->key,
                              upload->part_size);
  return TRUE;
}

gboolean
prl_s3_client_upload_file (PrlS3Client              *self,
                           const char               *key,
                           const char               *path,
                           const PrlS3UploadOptions *options,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  static const PrlS3UploadOptions defaults = { 0 };
  Upload                          upload;
  gsize                           part_size;
  gboolean                        ok;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && path != NULL, FALSE);

  options = options != NULL ? options : &defaults;
  part_size = options->part_size;
  ok = upload_init (&upload, self, key, path, options, part_size, cancellable, error);
  /* S3 allows 10,000 parts: very large files get larger parts. */
  if (ok && upload.n_parts > PRL_S3_MAX_PARTS)
    {
      part_size = (upload.total + PRL_S3_MAX_PARTS - 1) / PRL_S3_MAX_PARTS;
      upload_clear (&upload);
      ok = upload_init (&upload, self, key, path, options, part_size, cancellable, error);
    }
  if (ok && upload.n_parts == 1)
    {
      ok = prl_s3_client_put_object (self, key, path, 0, upload.total,
                                     PRL_S3_CHECKSUM_MD5, cancellable, error);
      if (ok && options->progress != NULL)
        options->progress (upload.total, upload.total, options->progress_data);
    }
  else if (ok)
    ok = create_upload (&upload, cancellable, error)
         && run_upload (&upload, cancellable, error);
  upload_clear (&upload);
  return ok;
}

/* Marks the parts the server already holds with the right size and the
 * file's bytes (their MD5 is the ETag), so that only the others are sent. */
static gboolean
list_parts (Upload *upload, GCancellable *cancellable, GError **error)
{
  guint    marker = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *base = upload_query (upload, 0);
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
              || size != (guint64)part_length (upload, number - 1))
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
  static const PrlS3UploadOptions defaults = { 0 };
  Upload                          upload;
  gboolean                        ok;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && path != NULL && upload_id != NULL, FALSE);

  options = options != NULL ? options : &defaults;
  ok = upload_init (&upload, self, key, path, options, options->part_size, cancellable,
                    error);
  if (ok)
    {
      upload.upload_id = g_strdup (upload_id);
      ok = list_parts (&upload, cancellable, error);
    }
  if (ok && options->progress != NULL)
    options->progress (upload.done, upload.total, options->progress_data);
  if (ok)
    ok = run_upload (&upload, cancellable, error);
  upload_clear (&upload);
  return ok;
}

gboolean
prl_s3_client_abort_upload (PrlS3Client  *self,
                            const char   *key,
                            const char   *upload_id,
                            GCancellable *cancellable,
                            GError      **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autofree char *id = prl_sigv4_uri_encode (upload_id, FALSE);
  g_autofree char *query = g_strdup_printf ("uploadId=%s", id);

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);

  request = _prl_s3_request (self, "DELETE", key, query, error);
  if (request == NULL)
    return FALSE;
  response = _prl_s3_send (self, request, key, cancellable, error);
  return response != NULL;
}

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
