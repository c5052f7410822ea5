/* prl-s3-error.c
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

G_DEFINE_QUARK (PrlS3ErrorQuark, prl_s3_error)

gboolean
_prl_s3_is_html (PrlHttpResponse *response)
{
  const char *type = prl_http_response_get_header (response, "Content-Type");
  GBytes     *body = prl_http_response_get_body (response);
  const char *data;
  gsize       size = 0;

  if (type != NULL && g_ascii_strncasecmp (type, "text/html", 9) == 0)
    return TRUE;
  if (body == NULL)
    return FALSE;
  data = g_bytes_get_data (body, &size);
  while (size > 0 && g_ascii_isspace (*data))
    data++, size--;
  return size >= 5
         && (g_ascii_strncasecmp (data, "<!doc", 5) == 0
             || g_ascii_strncasecmp (data, "<html", 5) == 0);
}

static gboolean
code_is (const char *code, const char *const *names)
{
  return code != NULL && g_strv_contains (names, code);
}

/* Messages name what the user can check; the access key ID is not a secret
 * (it is printed in every request), the secret and token never appear. */
void
_prl_s3_set_error (PrlS3Client     *self,
                   PrlHttpResponse *response,
                   const char      *key,
                   GError         **error)
{
  g_autofree char *code = prl_http_response_dup_error_code (response);
  guint            status = prl_http_response_get_status (response);
  const char      *bucket = self->bucket;
  const char      *key_id = prl_aws_signer_get_access_key_id (self->signer);

  if (code == NULL && _prl_s3_is_html (response))
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NOT_S3,
                 _ ("The address answered with a web page, not as S3 storage does "
                    "(HTTP %u). Check the endpoint URL in the account settings."),
                 status);
  else if (g_strcmp0 (code, "NoSuchBucket") == 0)
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_BUCKET,
                 _ ("The bucket “%s” does not exist. Check the bucket name, or create "
                    "the bucket."),
                 bucket);
  else if (g_strcmp0 (code, "NoSuchKey") == 0 || (code == NULL && status == 404))
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY,
                 _ ("“%s” is not in the bucket “%s”. It may have been deleted; upload "
                    "it again."),
                 key != NULL ? key : "", bucket);
  else if (g_strcmp0 (code, "NoSuchUpload") == 0)
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_UPLOAD,
                 _ ("The unfinished upload of “%s” is gone from the server. "
                    "Start the upload again."),
                 key != NULL ? key : "");
  else if (g_strcmp0 (code, "SignatureDoesNotMatch") == 0)
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_WRONG_SECRET,
                 _ ("The storage server refused the secret access key of “%s”. Check "
                    "the secret access key in the account settings."),
                 key_id);
  else if (g_strcmp0 (code, "InvalidAccessKeyId") == 0)
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_UNKNOWN_KEY,
                 _ ("The storage server does not know the access key ID “%s”. Check "
                    "the access key ID in the account settings."),
                 key_id);
  else if (code_is (code, (const char *const[]){ "ExpiredToken", "InvalidToken",
                                                 "TokenRefreshRequired", NULL }))
    g_set_error_literal (error, PRL_S3_ERROR, PRL_S3_ERROR_EXPIRED_TOKEN,
                         _ ("The storage server refused the session token: it expired "
                            "or is not valid. Get new temporary credentials and enter "
                            "them in the account settings."));
  else if (code_is (code,
                    (const char *const[]){ "AuthorizationHeaderMalformed",
                                           "PermanentRedirect",
                                           "IllegalLocationConstraintException", NULL })
           || status == 301)
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_WRONG_REGION,
                 _ ("The bucket “%s” is not in the region “%s”. Choose the bucket’s "
                    "region in the account settings."),
                 bucket, prl_aws_signer_get_region (self->signer));
  else if (g_strcmp0 (code, "AccessDenied") == 0 || (code == NULL && status == 403))
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_ACCESS_DENIED,
                 _ ("The access key “%s” may not use the bucket “%s”. Check the bucket "
                    "name, or give the key permission to use it."),
                 key_id, bucket);
  else if (code_is (code, (const char *const[]){ "BadDigest", "InvalidDigest",
                                                 "XAmzContentSHA256Mismatch", NULL }))
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_BAD_DIGEST,
                 _ ("The data of “%s” arrived damaged at the storage server. Try the "
                    "upload again; if it keeps failing, check the network or proxy."),
                 key != NULL ? key : "");
  else if (g_strcmp0 (code, "EntityTooSmall") == 0)
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_ENTITY_TOO_SMALL,
                 _ ("The storage server refused a part of “%s” as too small. Parts "
                    "must be at least 5 MiB; start the upload again."),
                 key != NULL ? key : "");
  else
    g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_FAILED,
                 _ ("The storage server refused the request (HTTP %u, %s). Try again "
                    "later; if it keeps failing, check the account settings."),
                 status, code != NULL ? code : prl_http_response_get_reason (response));
}
