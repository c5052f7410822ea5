/* prl-sigv4-chunk.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-sigv4"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-sigv4-private.h"

/* S3's signed aws-chunked body: each chunk's signature covers the chunk
 * and the previous signature, so the server can check the stream as it
 * arrives and a reordered, dropped or altered chunk breaks the chain.
 *
 *   string to sign = AWS4-HMAC-SHA256-PAYLOAD \n amz-date \n scope \n
 *                    previous signature \n sha256("") \n sha256(chunk)
 */

struct _PrlSigV4ChunkSigner
{
  guint8   key[PRL_SIGV4_DIGEST_LEN];
  char    *amz_date;
  char    *scope;
  char     previous[2 * PRL_SIGV4_DIGEST_LEN + 1];
  gboolean finished;
};

static gboolean
is_signature (const char *text)
{
  if (text == NULL || strlen (text) != 2 * PRL_SIGV4_DIGEST_LEN)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

PrlSigV4ChunkSigner *
prl_sigv4_chunk_signer_new (const PrlSigV4Context *context,
                            const char            *seed_signature,
                            GError               **error)
{
  PrlSigV4ChunkSigner *self;
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (context != NULL && context->time != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_prl_sigv4_check_context (context, error))
    return NULL;
  if (!is_signature (seed_signature))
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("The seed of a chunked upload must be the request's signature "
                      "(64 lower-case hex digits)."));
      return NULL;
    }

  self = g_new0 (PrlSigV4ChunkSigner, 1);
  utc = g_date_time_to_utc (context->time);
  self->amz_date = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  date = g_strndup (self->amz_date, 8);
  self->scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, context->region,
                                 context->service);
  _prl_sigv4_signing_key (context->credentials->secret_access_key, date, context->region,
                          context->service, self->key);
  memcpy (self->previous, seed_signature, sizeof self->previous);
  return self;
}

char *
prl_sigv4_chunk_signer_sign (PrlSigV4ChunkSigner *signer,
                             const void          *data,
                             gsize                len,
                             GError             **error)
{
  char             data_hash[2 * PRL_SIGV4_DIGEST_LEN + 1];
  guint8           mac[PRL_SIGV4_DIGEST_LEN];
  g_autofree char *sts = NULL;

  g_return_val_if_fail (signer != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (signer->finished)
    {
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_REQUEST,
                   _ ("The chunked upload already ended with its empty chunk; start a "
                      "new request to send more data."));
      return NULL;
    }
  _prl_sigv4_sha256_hex (data != NULL ? data : "", len, data_hash);
  sts = g_strdup_printf ("AWS4-HMAC-SHA256-PAYLOAD\n%s\n%s\n%s\n%s\n%s", signer->amz_date,
                         signer->scope, signer->previous, PRL_SIGV4_EMPTY_SHA256,
                         data_hash);
  _prl_sigv4_hmac (signer->key, sizeof signer->key, sts, mac);
  _prl_sigv4_hex (mac, sizeof mac, signer->previous);
  if (len == 0)
    signer->finished = TRUE;
  return g_strdup_printf ("%" G_GSIZE_MODIFIER "x;chunk-signature=%s\r\n", len,
                          signer->previous);
}

const char *
prl_sigv4_chunk_signer_get_signature (PrlSigV4ChunkSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);

  return signer->previous;
}

void
prl_sigv4_chunk_signer_free (PrlSigV4ChunkSigner *signer)
{
  if (signer == NULL)
    return;
  memset (signer->key, 0, sizeof signer->key);
  g_free (signer->amz_date);
  g_free (signer->scope);
  g_free (signer);
}

static guint64
frame_length (guint64 size)
{
  guint hex_digits = 1;

  for (guint64 n = size; n >= 16; n /= 16)
    hex_digits++;
  /* hex(size) ";chunk-signature=" signature "\r\n" data "\r\n" */
  return hex_digits + 17 + 2 * PRL_SIGV4_DIGEST_LEN + 2 + size + 2;
}

/* Content-Length of the encoded body: @data_len bytes cut into chunks of
 * @chunk_size, the last one shorter, plus the final empty chunk. */
guint64
prl_sigv4_chunked_length (guint64 data_len, gsize chunk_size)
{
  guint64 full, rest;

  g_return_val_if_fail (chunk_size > 0, 0);

  full = data_len / chunk_size;
  rest = data_len % chunk_size;
  return full * frame_length (chunk_size) + (rest > 0 ? frame_length (rest) : 0)
         + frame_length (0);
}
