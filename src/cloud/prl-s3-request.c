/* prl-s3-request.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every S3 call shares: the request for a key, sending it and reading
 * the answer's error or XML, and the checksums of a file range. */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "prl-file-open.h"
#include "prl-s3-private.h"

PrlHttpRequest *
_prl_s3_request (PrlS3Client *self,
                 const char  *method,
                 const char  *key,
                 const char  *query,
                 GError     **error)
{
  g_autofree char *encoded = key != NULL ? prl_sigv4_uri_encode (key, TRUE) : NULL;
  g_autofree char *url = NULL;
  PrlHttpRequest  *request;

  url = g_strconcat (self->base, self->path_style ? "/" : "",
                     self->path_style ? self->bucket : "", "/",
                     encoded != NULL ? encoded : "", query != NULL ? "?" : "",
                     query != NULL ? query : "", NULL);
  request = prl_http_request_new (method, url, error);
  if (request != NULL)
    prl_http_request_set_signer (request, PRL_HTTP_SIGNER (self->signer));
  return request;
}

PrlHttpResponse *
_prl_s3_send (PrlS3Client    *self,
              PrlHttpRequest *request,
              const char     *key,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;

  response = prl_http_client_send (self->http, request, cancellable, error);
  if (response == NULL)
    return NULL;
  if (!prl_http_response_is_success (response) || _prl_s3_is_html (response))
    {
      _prl_s3_set_error (self, response, key, error);
      return NULL;
    }
  return g_steal_pointer (&response);
}

PrlXmlNode *
_prl_s3_read_xml (PrlS3Client *self, PrlHttpResponse *response, GError **error)
{
  g_autoptr (PrlXmlNode) root = prl_http_response_get_xml (response, error);

  if (root == NULL)
    return NULL;
  if (g_str_equal (prl_xml_node_get_name (root), "Error"))
    {
      _prl_s3_set_error (self, response, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* Sends and reads the XML answer. */
PrlXmlNode *
_prl_s3_send_xml (PrlS3Client    *self,
                  PrlHttpRequest *request,
                  const char     *key,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr (PrlHttpResponse) response
      = _prl_s3_send (self, request, key, cancellable, error);

  return response != NULL ? _prl_s3_read_xml (self, response, error) : NULL;
}

PrlHttpResponse *
_prl_s3_call (PrlS3Client  *self,
              const char   *method,
              const char   *key,
              const char   *query,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr (PrlHttpRequest) request = _prl_s3_request (self, method, key, query, error);

  return request != NULL ? _prl_s3_send (self, request, key, cancellable, error) : NULL;
}

void
_prl_s3_digest_clear (PrlS3Digest *digest)
{
  g_clear_pointer (&digest->md5_base64, g_free);
  g_clear_pointer (&digest->md5_hex, g_free);
  g_clear_pointer (&digest->sha256_hex, g_free);
  g_clear_pointer (&digest->sha256_base64, g_free);
}

typedef EVP_MD_CTX EvpCtx;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvpCtx, EVP_MD_CTX_free)

static gboolean
digest_failed (GError **error)
{
  g_set_error_literal (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                       _ ("The checksum of the data to upload could not be computed."));
  return FALSE;
}

static char *
hex (const guint8 *raw, gsize len)
{
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    g_snprintf (out + i * 2, 3, "%02x", raw[i]);
  return out;
}

/* One pass over the range for both digests (OpenSSL's, several times
 * faster than GChecksum's SHA-256 here); the part itself is streamed
 * from the file again when it is sent, so it never sits in memory. */
gboolean
_prl_s3_digest_file (const char   *path,
                     goffset       offset,
                     goffset       length,
                     PrlS3Digest  *digest,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (EvpCtx) md5 = EVP_MD_CTX_new ();
  g_autoptr (EvpCtx) sha = EVP_MD_CTX_new ();
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  guint8             raw_md5[16];
  guint8             raw_sha[32];
  guint64            size = 0;
  guint64            left;

  if (md5 == NULL || sha == NULL || !EVP_DigestInit_ex (md5, EVP_md5 (), NULL)
      || !EVP_DigestInit_ex (sha, EVP_sha256 (), NULL))
    return digest_failed (error);
  stream = prl_file_open_regular (path, 0, &size, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (length < 0)
    length = (goffset)size - offset;
  if (offset < 0 || length < 0 || (guint64)(offset + length) > size)
    {
      g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_FILE_CHANGED,
                   _ ("“%s” is shorter than the part to upload. It changed since the "
                      "upload began; start the upload again."),
                   path);
      return FALSE;
    }
  if (lseek (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stream)), offset, SEEK_SET)
      < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not read “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  for (left = length; left > 0;)
    {
      gssize got = g_input_stream_read (stream, buffer, MIN (left, 256 * 1024),
                                        cancellable, error);

      if (got < 0)
        return FALSE;
      if (got == 0)
        {
          g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_FILE_CHANGED,
                       _ ("“%s” became shorter while it was read. Start the upload "
                          "again once nothing writes to it."),
                       path);
          return FALSE;
        }
      if (!EVP_DigestUpdate (md5, buffer, got) || !EVP_DigestUpdate (sha, buffer, got))
        return digest_failed (error);
      left -= got;
    }
  _prl_s3_digest_clear (digest);
  digest->length = length;
  if (!EVP_DigestFinal_ex (md5, raw_md5, NULL)
      || !EVP_DigestFinal_ex (sha, raw_sha, NULL))
    return digest_failed (error);
  digest->md5_hex = hex (raw_md5, 16);
  digest->md5_base64 = g_base64_encode (raw_md5, 16);
  digest->sha256_hex = hex (raw_sha, 32);
  digest->sha256_base64 = g_base64_encode (raw_sha, 32);
  return TRUE;
}

/* A body streamed from the file, signed with its SHA-256. A part may take
 * long on a slow uplink: each attempt gets the client's usual two minutes
 * plus one second per 64 KiB (8 MiB: about four minutes). */
void
_prl_s3_set_body_file (PrlHttpRequest    *request,
                       const char        *path,
                       goffset            offset,
                       const PrlS3Digest *digest)
{
  prl_http_request_set_body_file (request, path, offset, digest->length,
                                  "application/octet-stream");
  prl_http_request_set_payload_hash (request, digest->sha256_hex);
  prl_http_request_set_timeout (
      request, (guint)MIN (G_MAXUINT, 120000 + digest->length / 65536 * 1000));
}
