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

void
_prl_s3_upload_clear (PrlS3Upload *upload)
{
  for (guint i = 0; upload->etags != NULL && i < upload->n_parts; i++)
    g_free (upload->etags[i]);
  g_free (upload->etags);
  g_free (upload->upload_id);
  g_clear_object (&upload->cancellable);
  g_clear_error (&upload->error);
  g_mutex_clear (&upload->lock);
}

goffset
_prl_s3_upload_part_length (PrlS3Upload *upload, guint index)
{
  goffset offset = (goffset)index * upload->part_size;

  return MIN ((goffset)upload->part_size, (goffset)upload->total - offset);
}

char *
_prl_s3_upload_query (PrlS3Upload *upload, guint part_number)
{
  g_autofree char *id = prl_sigv4_uri_encode (upload->upload_id, FALSE);

  return part_number > 0 ? g_strdup_printf ("partNumber=%u&uploadId=%s", part_number, id)
                         : g_strdup_printf ("uploadId=%s", id);
}

/* RGW and AWS answer a part's MD5 as its ETag; a mismatch means the bytes
 * the server stored are not the ones read from the file. */
static char *
upload_part (PrlS3Upload *upload, guint index, GError **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autofree char *query = _prl_s3_upload_query (upload, index + 1);
  g_autofree char *etag = NULL;
  PrlS3Digest      digest = { 0 };
  goffset          offset = (goffset)index * upload->part_size;
  const char      *answer;

  if (!_prl_s3_digest_file (upload->path, offset,
                            _prl_s3_upload_part_length (upload, index), &digest,
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
  PrlS3Upload *upload = data;

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
          upload->done += _prl_s3_upload_part_length (upload, index);
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
complete (PrlS3Upload *upload, GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) xml = g_string_new ("<CompleteMultipartUpload>");
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlXmlNode) root = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *query = _prl_s3_upload_query (upload, 0);

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
gboolean
_prl_s3_upload_run (PrlS3Upload *upload, GCancellable *cancellable, GError **error)
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

/* @options may be %NULL for the defaults; a @part_size of 0 takes the
 * options' (and theirs of 0 the default). */
gboolean
_prl_s3_upload_init (PrlS3Upload              *upload,
                     PrlS3Client              *self,
                     const char               *key,
                     const char               *path,
                     const PrlS3UploadOptions *options,
                     gsize                     part_size,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  g_autoptr (GInputStream) stream = NULL;

  static const PrlS3UploadOptions defaults = { 0 };

  *upload = (PrlS3Upload){
    .self = self, .key = key, .path = path, .options = options ?: &defaults
  };
  g_mutex_init (&upload->lock);
  stream = prl_file_open_regular (path, 0, &upload->total, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (part_size == 0)
    part_size = upload->options->part_size;
  if (part_size == 0)
    part_size = PRL_S3_DEFAULT_PART_SIZE;
  part_size = MAX (part_size, PRL_S3_MIN_PART_SIZE);
  upload->part_size = part_size;
  upload->n_parts = MAX (1, (upload->total + part_size - 1) / part_size);
  upload->etags = g_new0 (char *, upload->n_parts);
  return TRUE;
}

static gboolean
create_upload (PrlS3Upload *upload, GCancellable *cancellable, GError **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (PrlXmlNode) root = NULL;
  const char *id;

  response
      = _prl_s3_call (upload->self, "POST", upload->key, "uploads=", cancellable, error);
  if (response == NULL || !(root = _prl_s3_read_xml (upload->self, response, error)))
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
  PrlS3Upload upload;
  gsize       part_size;
  gboolean    ok;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && path != NULL, FALSE);

  ok = _prl_s3_upload_init (&upload, self, key, path, options, 0, cancellable, error);
  /* S3 allows 10,000 parts: very large files get larger parts. */
  if (ok && upload.n_parts > PRL_S3_MAX_PARTS)
    {
      part_size = (upload.total + PRL_S3_MAX_PARTS - 1) / PRL_S3_MAX_PARTS;
      _prl_s3_upload_clear (&upload);
      ok = _prl_s3_upload_init (&upload, self, key, path, options, part_size, cancellable,
                                error);
    }
  if (ok && upload.n_parts == 1)
    {
      ok = prl_s3_client_put_object (self, key, path, 0, upload.total,
                                     PRL_S3_CHECKSUM_MD5, cancellable, error);
      if (ok && upload.options->progress != NULL)
        upload.options->progress (upload.total, upload.total,
                                  upload.options->progress_data);
    }
  else if (ok)
    ok = create_upload (&upload, cancellable, error)
         && _prl_s3_upload_run (&upload, cancellable, error);
  _prl_s3_upload_clear (&upload);
  return ok;
}

gboolean
prl_s3_client_abort_upload (PrlS3Client  *self,
                            const char   *key,
                            const char   *upload_id,
                            GCancellable *cancellable,
                            GError      **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autofree char *id = prl_sigv4_uri_encode (upload_id, FALSE);
  g_autofree char *query = g_strdup_printf ("uploadId=%s", id);

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);

  response = _prl_s3_call (self, "DELETE", key, query, cancellable, error);
  return response != NULL;
}
