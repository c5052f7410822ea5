/* prl-sigv4.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AWS Signature Version 4 for every AWS request Parlance sends: header
 * signing, presigned URLs and S3's signed aws-chunked uploads. The signer
 * knows nothing about HTTP transport: the HTTP client hands it the request
 * and sets the headers (or the query) it returns.
 *
 * The request is described as it goes on the wire: the path and query as
 * encoded in the URI (g_uri_get_path(), g_uri_get_query()), the Host
 * header as sent (with the port unless it is the scheme's default), and
 * every header the server will see and that should be signed. The payload
 * hash defaults to the empty body's (and to UNSIGNED-PAYLOAD for S3
 * presigned URLs); set it with prl_sigv4_request_set_payload() or
 * _set_payload_hash() for any request with a body. */

#define PRL_SIGV4_ERROR (prl_sigv4_error_quark ())

typedef enum
{
  PRL_SIGV4_ERROR_INVALID_CREDENTIALS,
  PRL_SIGV4_ERROR_INVALID_REQUEST,
  PRL_SIGV4_ERROR_INVALID_DATE,
} PrlSigV4Error;

GQuark prl_sigv4_error_quark (void);

/* Payload hash literals (the last line of the canonical request). */
#define PRL_SIGV4_EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define PRL_SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define PRL_SIGV4_STREAMING_PAYLOAD "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"

/* Longest lifetime AWS accepts for a presigned URL (7 days). */
#define PRL_SIGV4_MAX_EXPIRES (7 * 24 * 3600)

typedef enum
{
  PRL_SIGV4_FLAGS_NONE = 0,
  /* Use the path as it is: no removal of ".", ".." and empty segments. */
  PRL_SIGV4_NO_NORMALIZE_PATH = 1 << 0,
  /* The path is already URI-encoded: existing %XX escapes are kept and
   * only bytes that still need it are encoded (S3 encodes keys once).
   * Without it every byte outside A-Z a-z 0-9 - . _ ~ / is encoded, so a
   * wire path's escapes are encoded a second time, as other services
   * expect. */
  PRL_SIGV4_PATH_ENCODED = 1 << 1,
  /* Header signing adds and signs x-amz-content-sha256 (S3 needs it on
   * every request). */
  PRL_SIGV4_CONTENT_SHA256 = 1 << 2,
  /* The session token is added after signing, not signed (a few services
   * want that; see the suite's post-sts-header-after). */
  PRL_SIGV4_UNSIGNED_TOKEN = 1 << 3,
  PRL_SIGV4_S3 = PRL_SIGV4_NO_NORMALIZE_PATH | PRL_SIGV4_PATH_ENCODED | PRL_SIGV4_CONTENT_SHA256,
} PrlSigV4Flags;

typedef struct
{
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token; /* (nullable) */
} PrlSigV4Credentials;

typedef struct
{
  const PrlSigV4Credentials *credentials;
  const char                *region;
  const char                *service;
  /* Signing time. The caller adds its clock offset (prl_sigv4_clock_offset()). */
  GDateTime                 *time;
  PrlSigV4Flags              flags;
} PrlSigV4Context;

typedef struct
{
  char *name;
  char *value;
} PrlSigV4Header;

typedef struct _PrlSigV4Request PrlSigV4Request;

PrlSigV4Request *prl_sigv4_request_new              (const char            *method,
                                                     const char            *path,
                                                     const char            *query) G_GNUC_WARN_UNUSED_RESULT;
void             prl_sigv4_request_add_header       (PrlSigV4Request       *request,
                                                     const char            *name,
                                                     const char            *value);
void             prl_sigv4_request_set_payload_hash (PrlSigV4Request       *request,
                                                     const char            *payload_hash);
void             prl_sigv4_request_set_payload      (PrlSigV4Request       *request,
                                                     const void            *data,
                                                     gsize                  len);
void             prl_sigv4_request_free             (PrlSigV4Request       *request);

/* What signing produced. The intermediates are kept for tests and for
 * debugging a SignatureDoesNotMatch (they hold no secret). */
typedef struct
{
  char      *canonical_request;
  char      *string_to_sign;
  char      *signature;   /* lower-case hex */
  /* Header signing: headers to set on the request, replacing any copy the
   * request already has (X-Amz-Date, X-Amz-Security-Token,
   * X-Amz-Content-SHA256, Authorization). Presigning: empty. */
  GPtrArray *headers;     /* (element-type PrlSigV4Header) */
  /* Presigning: the request's complete new query string, without "?".
   * Header signing: NULL. */
  char      *query;
} PrlSigV4Signature;

void               prl_sigv4_signature_free (PrlSigV4Signature     *signature);
const char        *prl_sigv4_signature_get_header (const PrlSigV4Signature *signature,
                                                   const char              *name);

PrlSigV4Signature *prl_sigv4_sign           (const PrlSigV4Request *request,
                                             const PrlSigV4Context *context,
                                             GError               **error) G_GNUC_WARN_UNUSED_RESULT;
PrlSigV4Signature *prl_sigv4_presign        (const PrlSigV4Request *request,
                                             const PrlSigV4Context *context,
                                             guint                  expires_seconds,
                                             GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* URI-encodes @text: every byte but A-Z a-z 0-9 - . _ ~ (and "/" when
 * @keep_slash) becomes %XX. S3 object keys go through this once. */
char              *prl_sigv4_uri_encode     (const char            *text,
                                             gboolean               keep_slash) G_GNUC_WARN_UNUSED_RESULT;

/* S3 aws-chunked uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD). The request
 * is signed with prl_sigv4_sign() and payload hash
 * PRL_SIGV4_STREAMING_PAYLOAD; its signature seeds the chain. Each chunk
 * on the wire is the returned header line, the data, then "\r\n"; the
 * stream ends with a zero-length chunk. */
typedef struct _PrlSigV4ChunkSigner PrlSigV4ChunkSigner;

PrlSigV4ChunkSigner *prl_sigv4_chunk_signer_new  (const PrlSigV4Context *context,
                                                  const char            *seed_signature,
                                                  GError               **error) G_GNUC_WARN_UNUSED_RESULT;
char                *prl_sigv4_chunk_signer_sign (PrlSigV4ChunkSigner   *signer,
                                                  const void            *data,
                                                  gsize                  len,
                                                  GError               **error) G_GNUC_WARN_UNUSED_RESULT;
const char          *prl_sigv4_chunk_signer_get_signature (PrlSigV4ChunkSigner *signer);
void                 prl_sigv4_chunk_signer_free (PrlSigV4ChunkSigner   *signer);
guint64              prl_sigv4_chunked_length    (guint64                data_len,
                                                  gsize                  chunk_size);

/* Clock skew: the offset in seconds to add to @local_now so that it
 * matches the server's clock, from an HTTP Date header (RFC 1123, also
 * RFC 850 and asctime forms). */
GDateTime          *prl_sigv4_parse_http_date (const char           *value,
                                               GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            prl_sigv4_clock_offset    (const char           *date_header,
                                               GDateTime            *local_now,
                                               gint64               *offset_seconds,
                                               GError              **error);
GDateTime          *prl_sigv4_now             (gint64                offset_seconds) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlSigV4Request, prl_sigv4_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlSigV4Signature, prl_sigv4_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlSigV4ChunkSigner, prl_sigv4_chunk_signer_free)

G_END_DECLS
