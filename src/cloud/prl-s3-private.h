/* prl-s3-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-s3-client.h"

G_BEGIN_DECLS

struct _PrlS3Client
{
  GObject        parent_instance;

  PrlHttpClient *http;
  PrlAwsSigner  *signer;
  char          *base;       /* scheme://host[:port], bucket included when virtual-host */
  gboolean       path_style;
  char          *bucket;
};

/* Checksums of a file range, read once in small blocks. */
typedef struct
{
  guint64 length;
  char   *md5_base64;
  char   *md5_hex;
  char   *sha256_hex;
  char   *sha256_base64;
} PrlS3Digest;

void             _prl_s3_digest_clear        (PrlS3Digest     *digest);
gboolean         _prl_s3_digest_file         (const char      *path,
                                              goffset          offset,
                                              goffset          length,
                                              PrlS3Digest     *digest,
                                              GCancellable    *cancellable,
                                              GError         **error);

/* A signed request for the bucket (@key NULL) or an object; @query is
 * already encoded. */
PrlHttpRequest  *_prl_s3_request             (PrlS3Client     *self,
                                              const char      *method,
                                              const char      *key,
                                              const char      *query,
                                              GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Sends and turns every answer that is not a success into a PRL_S3_ERROR. */
PrlHttpResponse *_prl_s3_send                (PrlS3Client     *self,
                                              PrlHttpRequest  *request,
                                              const char      *key,
                                              GCancellable    *cancellable,
                                              GError         **error) G_GNUC_WARN_UNUSED_RESULT;
PrlXmlNode      *_prl_s3_send_xml            (PrlS3Client     *self,
                                              PrlHttpRequest  *request,
                                              const char      *key,
                                              GCancellable    *cancellable,
                                              GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* _prl_s3_request() and _prl_s3_send() in one, for the calls that send no
 * body. */
PrlHttpResponse *_prl_s3_call                (PrlS3Client     *self,
                                              const char      *method,
                                              const char      *key,
                                              const char      *query,
                                              GCancellable    *cancellable,
                                              GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* The XML of a successful answer; S3 can answer 200 with an <Error> body
 * (CompleteMultipartUpload), which becomes a PRL_S3_ERROR. */
PrlXmlNode      *_prl_s3_read_xml            (PrlS3Client     *self,
                                              PrlHttpResponse *response,
                                              GError         **error) G_GNUC_WARN_UNUSED_RESULT;
void             _prl_s3_set_error           (PrlS3Client     *self,
                                              PrlHttpResponse *response,
                                              const char      *key,
                                              GError         **error);
void             _prl_s3_set_body_file       (PrlHttpRequest  *request,
                                              const char      *path,
                                              goffset          offset,
                                              const PrlS3Digest *digest);
gboolean         _prl_s3_is_html             (PrlHttpResponse *response);

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
} PrlS3Upload;

gboolean         _prl_s3_upload_init         (PrlS3Upload              *upload,
                                              PrlS3Client              *self,
                                              const char               *key,
                                              const char               *path,
                                              const PrlS3UploadOptions *options,
                                              gsize                     part_size,
                                              GCancellable             *cancellable,
                                              GError                  **error);
void             _prl_s3_upload_clear        (PrlS3Upload              *upload);
goffset          _prl_s3_upload_part_length  (PrlS3Upload              *upload,
                                              guint                     index);
/* The query naming the upload, and the part when @part_number > 0. */
char            *_prl_s3_upload_query        (PrlS3Upload              *upload,
                                              guint                     part_number) G_GNUC_WARN_UNUSED_RESULT;
gboolean         _prl_s3_upload_run          (PrlS3Upload              *upload,
                                              GCancellable             *cancellable,
                                              GError                  **error);

G_END_DECLS
