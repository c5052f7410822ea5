/* prl-s3-client.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-aws-signer.h"
#include "prl-http-client.h"
#include "prl-s3-upload-state.h"

G_BEGIN_DECLS

#define PRL_S3_ERROR (prl_s3_error_quark ())

/* What an S3 answer meant, for the user. Transport failures stay in
 * PRL_HTTP_ERROR, cancellation in G_IO_ERROR_CANCELLED. */
typedef enum
{
  PRL_S3_ERROR_FAILED,
  PRL_S3_ERROR_NO_SUCH_BUCKET,
  PRL_S3_ERROR_NO_SUCH_KEY,
  PRL_S3_ERROR_NO_SUCH_UPLOAD,
  PRL_S3_ERROR_ACCESS_DENIED,
  PRL_S3_ERROR_WRONG_SECRET,      /* SignatureDoesNotMatch */
  PRL_S3_ERROR_UNKNOWN_KEY,       /* InvalidAccessKeyId */
  PRL_S3_ERROR_EXPIRED_TOKEN,     /* ExpiredToken, InvalidToken */
  PRL_S3_ERROR_WRONG_REGION,
  PRL_S3_ERROR_NOT_S3,            /* the endpoint answered something else (HTML) */
  PRL_S3_ERROR_BAD_DIGEST,        /* the data changed on its way */
  PRL_S3_ERROR_ENTITY_TOO_SMALL,
  PRL_S3_ERROR_FILE_CHANGED,      /* the local file changed during the upload */
} PrlS3Error;

GQuark prl_s3_error_quark (void);

#define PRL_TYPE_S3_CLIENT (prl_s3_client_get_type ())

G_DECLARE_FINAL_TYPE (PrlS3Client, prl_s3_client, PRL, S3_CLIENT, GObject)

/* Smallest part S3 accepts (except for the last one), and the default. */
#define PRL_S3_MIN_PART_SIZE (5 * 1024 * 1024)
#define PRL_S3_DEFAULT_PART_SIZE (8 * 1024 * 1024)
#define PRL_S3_MAX_PARTS 10000

typedef enum
{
  PRL_S3_CHECKSUM_MD5,    /* Content-MD5 */
  PRL_S3_CHECKSUM_SHA256, /* x-amz-checksum-sha256 */
} PrlS3Checksum;

typedef struct
{
  char   *key;
  guint64 size;
  char   *etag;
} PrlS3Object;

void prl_s3_object_free (PrlS3Object *object);

/* @endpoint NULL: https://s3.REGION.amazonaws.com with virtual-host
 * addressing; a custom endpoint (RGW, MinIO, ...) gets path-style
 * addressing. The client keeps @http and @signer. */
PrlS3Client *prl_s3_client_new              (PrlHttpClient  *http,
                                             PrlAwsSigner   *signer,
                                             const char     *endpoint,
                                             const char     *bucket,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
const char  *prl_s3_client_get_bucket       (PrlS3Client    *self);
PrlAwsSigner *prl_s3_client_get_signer      (PrlS3Client    *self);

/* Checks that the bucket exists, the credentials may use it, and it lives
 * in the signer's region (PRL_S3_ERROR_WRONG_REGION otherwise). */
gboolean     prl_s3_client_check_bucket     (PrlS3Client    *self,
                                             GCancellable   *cancellable,
                                             GError        **error);
char        *prl_s3_client_get_bucket_location (PrlS3Client *self,
                                             GCancellable   *cancellable,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* @length -1: to the end of the file. */
gboolean     prl_s3_client_put_object       (PrlS3Client    *self,
                                             const char     *key,
                                             const char     *path,
                                             goffset         offset,
                                             goffset         length,
                                             PrlS3Checksum   checksum,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* FALSE with PRL_S3_ERROR_NO_SUCH_KEY when there is no such object. */
gboolean     prl_s3_client_head_object      (PrlS3Client    *self,
                                             const char     *key,
                                             guint64        *size,
                                             char          **etag,
                                             GCancellable   *cancellable,
                                             GError        **error);
gboolean     prl_s3_client_get_object       (PrlS3Client    *self,
                                             const char     *key,
                                             GFile          *destination,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* Every object under @prefix, all pages; @page_size 0: the server's. */
GPtrArray   *prl_s3_client_list_objects     (PrlS3Client    *self,
                                             const char     *prefix,
                                             guint           page_size,
                                             GCancellable   *cancellable,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     prl_s3_client_delete_object    (PrlS3Client    *self,
                                             const char     *key,
                                             GCancellable   *cancellable,
                                             GError        **error);
gboolean     prl_s3_client_delete_objects   (PrlS3Client    *self,
                                             const char *const *keys,
                                             GCancellable   *cancellable,
                                             GError        **error);

/* Multipart uploads (prl-s3-multipart.c). */
typedef void (*PrlS3ProgressFunc) (guint64  done,
                                   guint64  total,
                                   gpointer user_data);

typedef enum
{
  PRL_S3_UPLOAD_NONE = 0,
  /* On cancel, leave the upload open (state kept) for a later resume, as
   * when the app quits; without it a cancel aborts the upload. */
  PRL_S3_UPLOAD_KEEP_ON_CANCEL = 1 << 0,
} PrlS3UploadFlags;

typedef struct
{
  gsize             part_size; /* 0: PRL_S3_DEFAULT_PART_SIZE; >= PRL_S3_MIN_PART_SIZE */
  guint             n_workers; /* 0: 4 parts in flight */
  PrlS3UploadFlags  flags;
  PrlS3UploadState *state;     /* (nullable) */
  /* Called on worker threads, serialized, after each part. */
  PrlS3ProgressFunc progress;
  gpointer          progress_data;
} PrlS3UploadOptions;

gboolean     prl_s3_client_upload_file      (PrlS3Client              *self,
                                             const char               *key,
                                             const char               *path,
                                             const PrlS3UploadOptions *options,
                                             GCancellable             *cancellable,
                                             GError                  **error);
/* Continues @upload_id: asks the server which parts it has and sends only
 * the others. @part_size must be the one the upload began with. */
gboolean     prl_s3_client_resume_upload    (PrlS3Client              *self,
                                             const char               *key,
                                             const char               *path,
                                             const char               *upload_id,
                                             const PrlS3UploadOptions *options,
                                             GCancellable             *cancellable,
                                             GError                  **error);
gboolean     prl_s3_client_abort_upload     (PrlS3Client              *self,
                                             const char               *key,
                                             const char               *upload_id,
                                             GCancellable             *cancellable,
                                             GError                  **error);

/* Content-addressed blobs: PREFIX/blobs/SHA256-of-the-file. */
char        *prl_s3_blob_key                (const char               *prefix,
                                             const char               *path,
                                             GCancellable             *cancellable,
                                             GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
/* Uploads @path as a blob unless an object of the same size is there
 * already (*@uploaded FALSE). Returns the key. */
char        *prl_s3_client_upload_blob      (PrlS3Client              *self,
                                             const char               *prefix,
                                             const char               *path,
                                             const PrlS3UploadOptions *options,
                                             gboolean                 *uploaded,
                                             GCancellable             *cancellable,
                                             GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlS3Object, prl_s3_object_free)

G_END_DECLS
