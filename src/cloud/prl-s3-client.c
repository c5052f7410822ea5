/* prl-s3-client.c
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

G_DEFINE_FINAL_TYPE (PrlS3Client, prl_s3_client, G_TYPE_OBJECT)

void
prl_s3_object_free (PrlS3Object *object)
{
  if (object == NULL)
    return;
  g_free (object->key);
  g_free (object->etag);
  g_free (object);
}

static void
prl_s3_client_finalize (GObject *object)
{
  PrlS3Client *self = PRL_S3_CLIENT (object);

  g_clear_object (&self->http);
  g_clear_object (&self->signer);
  g_free (self->base);
  g_free (self->bucket);
  G_OBJECT_CLASS (prl_s3_client_parent_class)->finalize (object);
}

static void
prl_s3_client_class_init (PrlS3ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_s3_client_finalize;
}

static void
prl_s3_client_init (PrlS3Client *self)
{
}

PrlS3Client *
prl_s3_client_new (PrlHttpClient *http,
                   PrlAwsSigner  *signer,
                   const char    *endpoint,
                   const char    *bucket,
                   GError       **error)
{
  g_autoptr (PrlS3Client) self = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (PRL_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (PRL_IS_AWS_SIGNER (signer), NULL);
  g_return_val_if_fail (bucket != NULL, NULL);

  if (*bucket == '\0' || strchr (bucket, '/') != NULL)
    {
      g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_BUCKET,
                   _ ("“%s” is not a bucket name. Enter the bucket’s name alone, "
                      "without slashes."),
                   bucket);
      return NULL;
    }
  self = g_object_new (PRL_TYPE_S3_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->signer = g_object_ref (signer);
  self->bucket = g_strdup (bucket);
  if (endpoint == NULL || *endpoint == '\0')
    {
      /* Virtual-host addressing on AWS itself. */
      self->base = g_strdup_printf ("https://%s.s3.%s.amazonaws.com", bucket,
                                    prl_aws_signer_get_region (signer));
      return g_steal_pointer (&self);
    }

  uri = g_uri_parse (endpoint, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_INVALID_REQUEST,
                   _ ("“%s” is not a web address Parlance can use. "
                      "Enter a full address that starts with https://."),
                   endpoint);
      return NULL;
    }
  base = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
  self->base = g_steal_pointer (&base);
  self->path_style = TRUE;
  return g_steal_pointer (&self);
}

const char *
prl_s3_client_get_bucket (PrlS3Client *self)
{
  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), NULL);
  return self->bucket;
}

PrlAwsSigner *
prl_s3_client_get_signer (PrlS3Client *self)
{
  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), NULL);
  return self->signer;
}

static char *
checksum_base64 (GChecksum *checksum, gsize len)
{
  guint8 raw[32];

  g_checksum_get_digest (checksum, raw, &len);
  return g_base64_encode (raw, len);
}

gboolean
prl_s3_client_put_object (PrlS3Client  *self,
                          const char   *key,
                          const char   *path,
                          goffset       offset,
                          goffset       length,
                          PrlS3Checksum checksum,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;
  PrlS3Digest digest = { 0 };
  gboolean    ok;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && path != NULL, FALSE);

  if (!_prl_s3_digest_file (path, offset, length, &digest, cancellable, error))
    return FALSE;
  request = _prl_s3_request (self, "PUT", key, NULL, error);
  ok = request != NULL;
  if (ok)
    {
      _prl_s3_set_body_file (request, path, offset, &digest);
      if (checksum == PRL_S3_CHECKSUM_MD5)
        prl_http_request_set_header (request, "Content-MD5", digest.md5_base64);
      else
        prl_http_request_set_header (request, "x-amz-checksum-sha256",
                                     digest.sha256_base64);
      response = _prl_s3_send (self, request, key, cancellable, error);
      ok = response != NULL;
    }
  _prl_s3_digest_clear (&digest);
  return ok;
}

static char *
unquote (const char *etag)
{
  gsize len = etag != NULL ? strlen (etag) : 0;

  if (len >= 2 && etag[0] == '"' && etag[len - 1] == '"')
    return g_strndup (etag + 1, len - 2);
  return g_strdup (etag);
}

gboolean
prl_s3_client_head_object (PrlS3Client  *self,
                           const char   *key,
                           guint64      *size,
                           char        **etag,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;
  const char *length;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);

  response = _prl_s3_call (self, "HEAD", key, NULL, cancellable, error);
  if (response == NULL)
    return FALSE;
  length = prl_http_response_get_header (response, "Content-Length");
  if (size != NULL)
    *size = length != NULL ? g_ascii_strtoull (length, NULL, 10) : 0;
  if (etag != NULL)
    *etag = unquote (prl_http_response_get_header (response, "ETag"));
  return TRUE;
}

gboolean
prl_s3_client_get_object (PrlS3Client  *self,
                          const char   *key,
                          GFile        *destination,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autoptr (PrlHttpRequest) request = NULL;
  g_autoptr (PrlHttpResponse) response = NULL;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  request = _prl_s3_request (self, "GET", key, NULL, error);
  if (request == NULL)
    return FALSE;
  prl_http_request_set_response_file (request, destination);
  response = _prl_s3_send (self, request, key, cancellable, error);
  return response != NULL;
}

static gboolean
is_true (const char *text)
{
  return g_strcmp0 (text, "true") == 0;
}

GPtrArray *
prl_s3_client_list_objects (PrlS3Client  *self,
                            const char   *prefix,
                            guint         page_size,
                            GCancellable *cancellable,
                            GError      **error)
{
  g_autoptr (GPtrArray) objects
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_s3_object_free);
  g_autofree char *token = NULL;
  g_autofree char *encoded_prefix
      = prl_sigv4_uri_encode (prefix != NULL ? prefix : "", FALSE);

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), NULL);

  do
    {
      g_autoptr (GString) query = g_string_new ("list-type=2");
      g_autoptr (PrlHttpResponse) response = NULL;
      g_autoptr (PrlXmlNode) root = NULL;

      /* Sorted by name, as the canonical query wants. */
      if (token != NULL)
        {
          g_autofree char *encoded = prl_sigv4_uri_encode (token, FALSE);

          g_string_prepend (query, "&");
          g_string_prepend (query, encoded);
          g_string_prepend (query, "continuation-token=");
        }
      if (page_size > 0)
        g_string_append_printf (query, "&max-keys=%u", page_size);
      g_string_append_printf (query, "&prefix=%s", encoded_prefix);

      response = _prl_s3_call (self, "GET", NULL, query->str, cancellable, error);
      if (response == NULL || !(root = _prl_s3_read_xml (self, response, error)))
        return NULL;
      for (guint i = 0; i < prl_xml_node_get_n_children (root); i++)
        {
          PrlXmlNode  *node = prl_xml_node_get_nth_child (root, i);
          PrlS3Object *object;

          if (!g_str_equal (prl_xml_node_get_name (node), "Contents"))
            continue;
          object = g_new0 (PrlS3Object, 1);
          object->key = g_strdup (prl_xml_node_get_child_text (node, "Key"));
          object->etag = unquote (prl_xml_node_get_child_text (node, "ETag"));
          object->size = g_ascii_strtoull (
              prl_xml_node_get_child_text (node, "Size") ?: "0", NULL, 10);
          if (object->key != NULL)
            g_ptr_array_add (objects, object);
          else
            prl_s3_object_free (object);
        }
      g_clear_pointer (&token, g_free);
      if (is_true (prl_xml_node_get_child_text (root, "IsTruncated")))
        {
          token = g_strdup (prl_xml_node_get_child_text (root, "NextContinuationToken"));
          if (token == NULL || *token == '\0')
            {
              g_set_error_literal (
                  error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE,
                  _ ("The storage server sent an incomplete list with no "
                     "way to ask for the rest. Try again later."));
              return NULL;
            }
        }
    }
  while (token != NULL);
  return g_steal_pointer (&objects);
}

gboolean
prl_s3_client_delete_object (PrlS3Client  *self,
                             const char   *key,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);

  response = _prl_s3_call (self, "DELETE", key, NULL, cancellable, error);
  return response != NULL;
}

/* DeleteObjects takes at most 1000 keys per request and wants Content-MD5;
 * a key it could not delete comes back in an <Error> element. */
gboolean
prl_s3_client_delete_objects (PrlS3Client       *self,
                              const char *const *keys,
                              GCancellable      *cancellable,
                              GError           **error)
{
  guint n = keys != NULL ? g_strv_length ((GStrv)keys) : 0;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), FALSE);

  for (guint start = 0; start < n; start += 1000)
    {
      g_autoptr (GString) xml = g_string_new ("<Delete><Quiet>true</Quiet>");
      g_autoptr (PrlHttpRequest) request = NULL;
      g_autoptr (PrlXmlNode) root = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
      g_autofree char *md5_base64 = NULL;
      PrlXmlNode      *failed;

      for (guint i = start; i < n && i < start + 1000; i++)
        {
          g_autofree char *escaped = g_markup_escape_text (keys[i], -1);

          g_string_append_printf (xml, "<Object><Key>%s</Key></Object>", escaped);
        }
      g_string_append (xml, "</Delete>");
      g_checksum_update (md5, (const guchar *)xml->str, xml->len);
      md5_base64 = checksum_base64 (md5, 16);
      body = g_bytes_new (xml->str, xml->len);

      request = _prl_s3_request (self, "POST", NULL, "delete=", error);
      if (request == NULL)
        return FALSE;
      prl_http_request_set_body_bytes (request, body, "application/xml");
      prl_http_request_set_header (request, "Content-MD5", md5_base64);
      root = _prl_s3_send_xml (self, request, NULL, cancellable, error);
      if (root == NULL)
        return FALSE;
      failed = prl_xml_node_get_child (root, "Error");
      if (failed != NULL)
        {
          g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_FAILED,
                       _ ("The storage server could not delete “%s” (%s). Check that the "
                          "access key may delete objects in “%s”."),
                       prl_xml_node_get_child_text (failed, "Key") ?: "",
                       prl_xml_node_get_child_text (failed, "Code") ?: "", self->bucket);
          return FALSE;
        }
    }
  return TRUE;
}

/* "" (us-east-1's historic answer) becomes "us-east-1". */
char *
prl_s3_client_get_bucket_location (PrlS3Client  *self,
                                   GCancellable *cancellable,
                                   GError      **error)
{
  g_autoptr (PrlHttpResponse) response = NULL;
  g_autoptr (PrlXmlNode) root = NULL;
  const char *location;

  g_return_val_if_fail (PRL_IS_S3_CLIENT (self), NULL);

  response = _prl_s3_call (self, "GET", NULL, "location=", cancellable, error);
  if (response == NULL || !(root = _prl_s3_read_xml (self, response, error)))
    return NULL;
  location = prl_xml_node_get_text (root);
  return g_strdup (location != NULL && *location != '\0' ? location : "us-east-1");
}

gboolean
prl_s3_client_check_bucket (PrlS3Client *self, GCancellable *cancellable, GError **error)
{
  g_autofree char *location
      = prl_s3_client_get_bucket_location (self, cancellable, error);
  const char *region;

  if (location == NULL)
    return FALSE;
  region = prl_aws_signer_get_region (self->signer);
  /* RGW names its zonegroup ("default") when it has no region. */
  if (g_strcmp0 (location, region) != 0 && g_strcmp0 (location, "default") != 0)
    {
      g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_WRONG_REGION,
                   _ ("The bucket “%s” is in the region “%s”, not in “%s”. Choose “%s” "
                      "in the account settings."),
                   self->bucket, location, region, location);
      return FALSE;
    }
  return TRUE;
}
