/* prl-blob-cipher.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-blob-cipher"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "prl-blob-cipher.h"
#include "prl-dataset.h"

/* Encryption at rest for dataset blobs: AES-256-GCM over 64 KiB chunks,
 * so that files of any size stream through in constant memory and a
 * reader can check each chunk before using it.
 *
 *   header:  "PRLENC1\n" (8 bytes) + 8 random nonce bytes
 *   chunk:   u32 BE plaintext length, ciphertext, 16-byte tag
 *
 * Chunk i uses nonce = random 8 bytes ‖ u32 BE i, and authenticates the
 * header plus a byte saying whether it is the last chunk. Reordered,
 * altered, appended or truncated files therefore all fail to decrypt.
 */

#define MAGIC "PRLENC1\n"
#define MAGIC_LEN 8
#define NONCE_LEN 8
#define HEADER_LEN (MAGIC_LEN + NONCE_LEN)
#define CHUNK_SIZE (64 * 1024)
#define TAG_LEN 16

struct _PrlBlobEncryptor
{
  GBytes        *key;    /* (owned) */
  GOutputStream *output; /* (owned) */
  guint8         header[HEADER_LEN];
  guint8        *buffer; /* (owned): CHUNK_SIZE plaintext bytes */
  gsize          filled;
  guint32        index;
};

GBytes *
prl_blob_key_generate (void)
{
  guint8 *key = g_malloc (PRL_BLOB_KEY_SIZE);

  if (RAND_bytes (key, PRL_BLOB_KEY_SIZE) != 1)
    g_error ("OpenSSL could not generate random bytes");

  return g_bytes_new_take (key, PRL_BLOB_KEY_SIZE);
}

static void
make_nonce (const guint8 *header, guint32 index, guint8 *nonce)
{
  memcpy (nonce, header + MAGIC_LEN, NONCE_LEN);
  nonce[8] = index >> 24;
  nonce[9] = index >> 16;
  nonce[10] = index >> 8;
  nonce[11] = index;
}

static gboolean
set_crypto_error (GError **error)
{
  g_set_error_literal (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
                       _ ("The encryption library failed"));
  return FALSE;
}

/* One AES-GCM operation on a whole chunk; @tag is written or checked. */
static gboolean
gcm_chunk (gboolean      encrypt,
           GBytes       *key,
           const guint8 *header,
           guint32       index,
           gboolean      last,
           const guint8 *in,
           gsize         len,
           guint8       *out,
           guint8       *tag)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  guint8          nonce[12];
  guint8          flag = last ? 1 : 0;
  int             n = 0;
  gboolean        ok = FALSE;

  make_nonce (header, index, nonce);

  if (ctx == NULL
      || EVP_CipherInit_ex (ctx, EVP_aes_256_gcm (), NULL, g_bytes_get_data (key, NULL),
                            nonce, encrypt)
             != 1
      || EVP_CipherUpdate (ctx, NULL, &n, header, HEADER_LEN) != 1
      || EVP_CipherUpdate (ctx, NULL, &n, &flag, 1) != 1
      || (len > 0 && EVP_CipherUpdate (ctx, out, &n, in, (int)len) != 1))
    goto out;

  if (!encrypt && EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_TAG, TAG_LEN, tag) != 1)
    goto out;

  if (EVP_CipherFinal_ex (ctx, out + len, &n) != 1)
    goto out;

  if (encrypt && EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) != 1)
    goto out;

  ok = TRUE;

out:
  EVP_CIPHER_CTX_free (ctx);
  return ok;
}

PrlBlobEncryptor *
prl_blob_encryptor_new (GBytes        *key,
                        GOutputStream *output,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr (PrlBlobEncryptor) self = g_new0 (PrlBlobEncryptor, 1);

  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) == PRL_BLOB_KEY_SIZE, NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  self->key = g_bytes_ref (key);
  self->output = g_object_ref (output);
  self->buffer = g_malloc (CHUNK_SIZE);
  memcpy (self->header, MAGIC, MAGIC_LEN);
  if (RAND_bytes (self->header + MAGIC_LEN, NONCE_LEN) != 1)
    {
      set_crypto_error (error);
      return NULL;
    }

  if (!g_output_stream_write_all (output, self->header, HEADER_LEN, NULL, cancellable,
                                  error))
    return NULL;

  return g_steal_pointer (&self);
}

static gboolean
flush_chunk (PrlBlobEncryptor *self,
             gboolean          last,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autofree guint8 *out = g_malloc (4 + self->filled + TAG_LEN);
  guint32            len = self->filled;

  out[0] = len >> 24;
  out[1] = len >> 16;
  out[2] = len >> 8;
  out[3] = len;

  if (!gcm_chunk (TRUE, self->key, self->header, self->index, last, self->buffer,
                  self->filled, out + 4, out + 4 + self->filled))
    return set_crypto_error (error);

  if (!g_output_stream_write_all (self->output, out, 4 + self->filled + TAG_LEN, NULL,
                                  cancellable, error))
    return FALSE;

  self->index++;
  self->filled = 0;
  return TRUE;
}

gboolean
prl_blob_encryptor_write (PrlBlobEncryptor *self,
                          const guint8     *data,
                          gsize             len,
                          GCancellable     *cancellable,
                          GError          **error)
{
  while (len > 0)
    {
      gsize n;

      /* A full buffer is only written once more data arrives, so the
       * last chunk is always known when it is sealed. */
      if (self->filled == CHUNK_SIZE && !flush_chunk (self, FALSE, cancellable, error))
        return FALSE;

      n = MIN (len, CHUNK_SIZE - self->filled);
      memcpy (self->buffer + self->filled, data, n);
      self->filled += n;
      data += n;
      len -= n;
    }

  return TRUE;
}

gboolean
prl_blob_encryptor_finish (PrlBlobEncryptor *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  return flush_chunk (self, TRUE, cancellable, error);
}

void
prl_blob_encryptor_free (PrlBlobEncryptor *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->key, g_bytes_unref);
  g_clear_object (&self->output);
  if (self->buffer != NULL)
    memset (self->buffer, 0, CHUNK_SIZE);
  g_free (self->buffer);
  g_free (self);
}

/* The reading side: a GInputStream that decrypts and verifies chunk by
 * chunk, failing loudly on any tampering. */

#define PRL_TYPE_DECRYPT_STREAM (prl_decrypt_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    PrlDecryptStream, prl_decrypt_stream, PRL, DECRYPT_STREAM, GFilterInputStream)

struct _PrlDecryptStream
{
  GFilterInputStream parent_instance;

  GBytes  *key; /* (owned) */
  guint8   header[HEADER_LEN];
  gboolean header_read;
  gboolean saw_last;
  guint32  index;
  guint8  *plain; /* (owned) */
  gsize    plain_len;
  gsize    plain_pos;
};

G_DEFINE_FINAL_TYPE (PrlDecryptStream, prl_decrypt_stream, G_TYPE_FILTER_INPUT_STREAM)

static gboolean
tampered (GError **error)
{
  g_set_error_literal (
      error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
      _ ("The stored dataset failed its integrity check: it was changed or "
         "damaged after it was saved, or the key is wrong"));
  return FALSE;
}

/* Reads exactly @len bytes, or returns how many there were at the end. */
static gboolean
read_exact (GInputStream *base,
            guint8       *buf,
            gsize         len,
            gsize        *got,
            GCancellable *cancellable,
            GError      **error)
{
  return g_input_stream_read_all (base, buf, len, got, cancellable, error);
}

static gboolean
next_chunk (PrlDecryptStream *self, GCancellable *cancellable, GError **error)
{
  GInputStream *base
      = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
  g_autofree guint8 *cipher = NULL;
  guint8             len_be[4];
  guint8             tag[TAG_LEN];
  guint8             probe;
  guint32            len;
  gsize              got = 0;
  gboolean           last;

  if (!self->header_read)
    {
      if (!read_exact (base, self->header, HEADER_LEN, &got, cancellable, error))
        return FALSE;
      if (got != HEADER_LEN || memcmp (self->header, MAGIC, MAGIC_LEN) != 0)
        return tampered (error);
      self->header_read = TRUE;
    }

  if (!read_exact (base, len_be, 4, &got, cancellable, error))
    return FALSE;
  if (got != 4)
    return tampered (error); /* truncated before the last chunk */

  len = (guint32)len_be[0] << 24 | len_be[1] << 16 | len_be[2] << 8 | len_be[3];
  if (len > CHUNK_SIZE)
    return tampered (error);

  cipher = g_malloc (len + TAG_LEN);
  if (!read_exact (base, cipher, len + TAG_LEN, &got, cancellable, error))
    return FALSE;
  if (got != len + TAG_LEN)
    return tampered (error);
  memcpy (tag, cipher + len, TAG_LEN);

  /* Only a short chunk can be the last; check there is nothing after it. */
  last = len < CHUNK_SIZE;
  if (last)
    {
      if (!read_exact (base, &probe, 1, &got, cancellable, error))
        return FALSE;
      if (got != 0)
        return tampered (error);
    }

  if (!gcm_chunk (FALSE, self->key, self->header, self->index, last, cipher, len,
                  self->plain, tag))
    {
      /* A full final chunk is sealed as last too: retry that reading. */
      if (last
          || !gcm_chunk (FALSE, self->key, self->header, self->index, TRUE, cipher, len,
                         self->plain, tag))
        return tampered (error);

      if (!read_exact (base, &probe, 1, &got, cancellable, error))
        return FALSE;
      if (got != 0)
        return tampered (error);
      last = TRUE;
    }

  self->index++;
  self->plain_len = len;
  self->plain_pos = 0;
  self->saw_last = last;
  return TRUE;
}

static gssize
prl_decrypt_stream_read (GInputStream *stream,
                         void         *buffer,
                         gsize         count,
                         GCancellable *cancellable,
                         GError      **error)
{
  PrlDecryptStream *self = PRL_DECRYPT_STREAM (stream);
  gsize             n;

  while (self->plain_pos == self->plain_len)
    {
      if (self->saw_last)
        return 0;
      if (!next_chunk (self, cancellable, error))
        return -1;
    }

  n = MIN (count, self->plain_len - self->plain_pos);
  memcpy (buffer, self->plain + self->plain_pos, n);
  self->plain_pos += n;
  return n;
}

static void
prl_decrypt_stream_finalize (GObject *object)
{
  PrlDecryptStream *self = PRL_DECRYPT_STREAM (object);

  g_clear_pointer (&self->key, g_bytes_unref);
  memset (self->plain, 0, CHUNK_SIZE);
  g_free (self->plain);

  G_OBJECT_CLASS (prl_decrypt_stream_parent_class)->finalize (object);
}

static void
prl_decrypt_stream_class_init (PrlDecryptStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_decrypt_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = prl_decrypt_stream_read;
}

static void
prl_decrypt_stream_init (PrlDecryptStream *self)
{
  self->plain = g_malloc (CHUNK_SIZE);
}

/**
 * prl_blob_decrypt_stream_new:
 * @key: the workspace's blob key
 * @base: the encrypted blob
 *
 * Returns: (transfer full): a stream of the original bytes; a read fails
 *   with %PRL_DATASET_ERROR_ENCRYPTION when the blob was tampered with
 */
GInputStream *
prl_blob_decrypt_stream_new (GBytes *key, GInputStream *base)
{
  PrlDecryptStream *self;

  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) == PRL_BLOB_KEY_SIZE, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);

  self = g_object_new (PRL_TYPE_DECRYPT_STREAM, "base-stream", base, NULL);
  self->key = g_bytes_ref (key);
  return G_INPUT_STREAM (self);
}
