/* prl-blob-cipher.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-blob-cipher"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create() */
#endif

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "prl-dataset.h"

#include "prl-blob-cipher.h"

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

/* One AES-256-GCM operation over @in with two pieces of associated data
 * (either may be empty); @tag is written when encrypting, checked when
 * decrypting. Chunks and single values both go through here. */
static gboolean
gcm_run (gboolean      encrypt,
         const guint8 *key,
         const guint8 *nonce,
         const guint8 *aad1,
         gsize         aad1_len,
         const guint8 *aad2,
         gsize         aad2_len,
         const guint8 *in,
         gsize         len,
         guint8       *out,
         guint8       *tag)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  int             n = 0;
  gboolean        ok = FALSE;

  if (ctx == NULL
      || EVP_CipherInit_ex (ctx, EVP_aes_256_gcm (), NULL, key, nonce, encrypt) != 1
      || (aad1_len > 0 && EVP_CipherUpdate (ctx, NULL, &n, aad1, (int)aad1_len) != 1)
      || (aad2_len > 0 && EVP_CipherUpdate (ctx, NULL, &n, aad2, (int)aad2_len) != 1)
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

/* One chunk, bound to the file's header, its position (in the nonce) and
 * whether it is the last. */
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
  guint8 nonce[12];
  guint8 flag = last ? 1 : 0;

  make_nonce (header, index, nonce);
  return gcm_run (encrypt, g_bytes_get_data (key, NULL), nonce, header, HEADER_LEN, &flag,
                  1, in, len, out, tag);
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

/* The writing side as a GOutputStream, for writers of derived files
 * (language models, dictionaries): closing it seals the last chunk. */

#define PRL_TYPE_ENCRYPT_STREAM (prl_encrypt_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    PrlEncryptStream, prl_encrypt_stream, PRL, ENCRYPT_STREAM, GFilterOutputStream)

struct _PrlEncryptStream
{
  GFilterOutputStream parent_instance;

  PrlBlobEncryptor *encryptor; /* (owned) (nullable): NULL once sealed */
};

G_DEFINE_FINAL_TYPE (PrlEncryptStream, prl_encrypt_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
prl_encrypt_stream_write (GOutputStream *stream,
                          const void    *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  PrlEncryptStream *self = PRL_ENCRYPT_STREAM (stream);

  if (self->encryptor == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _ ("Stream is closed"));
      return -1;
    }
  if (!prl_blob_encryptor_write (self->encryptor, buffer, count, cancellable, error))
    return -1;
  return count;
}

static gboolean
prl_encrypt_stream_flush (GOutputStream *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  /* A chunk is only sealed whole; the base stream has what is sealed. */
  return g_output_stream_flush (
      g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream)),
      cancellable, error);
}

static gboolean
prl_encrypt_stream_close (GOutputStream *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  PrlEncryptStream *self = PRL_ENCRYPT_STREAM (stream);
  g_autoptr (PrlBlobEncryptor) encryptor = g_steal_pointer (&self->encryptor);

  /* Without its last chunk the base stream is left open: closing a
   * replacing file stream would publish the unreadable copy. */
  if (encryptor != NULL && !prl_blob_encryptor_finish (encryptor, cancellable, error))
    return FALSE;

  return G_OUTPUT_STREAM_CLASS (prl_encrypt_stream_parent_class)
      ->close_fn (stream, cancellable, error);
}

static void
prl_encrypt_stream_finalize (GObject *object)
{
  g_clear_pointer (&PRL_ENCRYPT_STREAM (object)->encryptor, prl_blob_encryptor_free);

  G_OBJECT_CLASS (prl_encrypt_stream_parent_class)->finalize (object);
}

static void
prl_encrypt_stream_class_init (PrlEncryptStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = prl_encrypt_stream_finalize;
  stream_class->write_fn = prl_encrypt_stream_write;
  stream_class->flush = prl_encrypt_stream_flush;
  stream_class->close_fn = prl_encrypt_stream_close;
}

static void
prl_encrypt_stream_init (PrlEncryptStream *self)
{
}

/**
 * prl_blob_encrypt_stream_new:
 * @key: the workspace's key
 * @base: where the encrypted bytes go; closed with the returned stream
 *
 * Writes the header to @base at once.
 *
 * Returns: (transfer full) (nullable): a stream that encrypts into @base
 */
GOutputStream *
prl_blob_encrypt_stream_new (GBytes        *key,
                             GOutputStream *base,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr (PrlEncryptStream) self = NULL;

  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) == PRL_BLOB_KEY_SIZE, NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (base), NULL);

  self = g_object_new (PRL_TYPE_ENCRYPT_STREAM, "base-stream", base, NULL);
  if (!(self->encryptor = prl_blob_encryptor_new (key, base, cancellable, error)))
    return NULL;
  return G_OUTPUT_STREAM (g_steal_pointer (&self));
}

/**
 * prl_blob_file_is_encrypted:
 *
 * Returns: whether @path starts with the header of an encrypted file
 */
gboolean
prl_blob_file_is_encrypted (const char *path)
{
  char  magic[MAGIC_LEN];
  FILE *file = g_fopen (path, "rbe");
  gsize n;

  if (file == NULL)
    return FALSE;
  n = fread (magic, 1, MAGIC_LEN, file);
  fclose (file);
  return n == MAGIC_LEN && memcmp (magic, MAGIC, MAGIC_LEN) == 0;
}

/**
 * prl_blob_encrypt_file:
 * @path: a plain file; nothing is done when it is encrypted already
 *
 * Replaces @path by its encrypted copy. The copy is written next to it
 * and renamed over it only once complete and synced, so a crash leaves
 * either the plain file or the encrypted one, never a part.
 */
gboolean
prl_blob_encrypt_file (GBytes       *key,
                       const char   *path,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) input = NULL;
  g_autoptr (GFileOutputStream) raw = NULL;
  g_autoptr (GOutputStream) out = NULL;

  if (prl_blob_file_is_encrypted (path))
    return TRUE;

  if (!(input = g_file_read (file, cancellable, error))
      || !(raw = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable,
                                 error))
      || !(out = prl_blob_encrypt_stream_new (key, G_OUTPUT_STREAM (raw), cancellable,
                                              error)))
    return FALSE;

  /* The target is closed only on success: closing it publishes the copy. */
  if (g_output_stream_splice (out, G_INPUT_STREAM (input),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, cancellable, error)
          < 0
      || !g_output_stream_close (out, cancellable, error))
    {
      g_autoptr (GCancellable) abandon = g_cancellable_new ();

      /* Closing a replace stream after a cancel drops the new copy. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (raw), abandon, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * prl_blob_decrypt_to_memfd:
 * @path: an encrypted file
 *
 * Decrypts @path into an anonymous memory-backed file, for libraries that
 * want a path (open it as /proc/self/fd/N): the plain bytes never reach a
 * disk.
 *
 * Returns: the file descriptor, positioned at the start, or -1 with
 *   @error set
 */
int
prl_blob_decrypt_to_memfd (GBytes       *key,
                           const char   *path,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) input = NULL;
  g_autoptr (GInputStream) plain = NULL;
  g_autoptr (GOutputStream) out = NULL;
  int fd;

  if (!(input = g_file_read (file, cancellable, error)))
    return -1;

  fd = memfd_create ("parlance-decrypted", MFD_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not make a file in memory for “%s”: %s"), path,
                   g_strerror (saved));
      return -1;
    }

  plain = prl_blob_decrypt_stream_new (key, G_INPUT_STREAM (input));
  out = g_unix_output_stream_new (fd, FALSE);
  if (g_output_stream_splice (out, plain, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                              cancellable, error)
          < 0
      || lseek (fd, 0, SEEK_SET) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (errno));
      g_prefix_error (error, _ ("Could not read “%s”: "), path);
      close (fd);
      return -1;
    }
  return fd;
}

/* Single values: AES-256-GCM under keys derived from the workspace key,
 *
 *   "prlv1:" base64 (12-byte nonce ‖ ciphertext ‖ 16-byte tag)
 *
 * with @context (table, column and the row's identity) as associated
 * data, so a value copied into another row or column fails to open. A
 * deterministic value takes its nonce from an HMAC of context and value
 * (a synthetic IV): equal values seal equally, which keeps key columns
 * usable for lookups and uniqueness, at the cost of showing which rows
 * are equal. Other values get random nonces.
 */

#define VALUE_NONCE_LEN 12
#define VALUE_PREFIX_LEN (sizeof PRL_VALUE_PREFIX - 1)

static void
derive_key (GBytes *key, const char *label, guint8 out[32])
{
  g_autoptr (GHmac) hmac = NULL;
  gsize         len = 32;
  gsize         key_len;
  const guint8 *data = g_bytes_get_data (key, &key_len);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, data, key_len);
  g_hmac_update (hmac, (const guchar *)label, -1);
  g_hmac_get_digest (hmac, out, &len);
}

gboolean
prl_value_is_sealed (const char *stored)
{
  return stored != NULL && strncmp (stored, PRL_VALUE_PREFIX, VALUE_PREFIX_LEN) == 0;
}

/* One value, bound to @context (its table, column and row). */
static gboolean
gcm_value (gboolean      encrypt,
           const guint8 *key,
           const guint8 *nonce,
           const char   *context,
           const guint8 *in,
           gsize         len,
           guint8       *out,
           guint8       *tag)
{
  return gcm_run (encrypt, key, nonce, (const guint8 *)context, strlen (context), NULL, 0,
                  in, len, out, tag);
}

/**
 * prl_value_seal:
 * @key: the workspace's key
 * @context: what the value is and where it belongs, e.g. the table,
 *   column and row key; needed again to open it
 * @value: UTF-8 text
 * @deterministic: %TRUE for values that are looked up by equality
 *
 * Returns: (transfer full): "prlv1:…", text safe for any TEXT column
 */
char *
prl_value_seal (GBytes     *key,
                const char *context,
                const char *value,
                gboolean    deterministic)
{
  guint8             enc_key[32];
  gsize              len = strlen (value);
  g_autofree guint8 *raw = g_malloc (VALUE_NONCE_LEN + len + TAG_LEN);
  g_autofree char   *b64 = NULL;

  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) == PRL_BLOB_KEY_SIZE, NULL);
  g_return_val_if_fail (context != NULL && value != NULL, NULL);

  if (deterministic)
    {
      guint8 nonce_key[32];
      guint8 digest[32];
      gsize  digest_len = sizeof digest;
      g_autoptr (GHmac) hmac = NULL;

      derive_key (key, "parlance value nonce v1", nonce_key);
      hmac = g_hmac_new (G_CHECKSUM_SHA256, nonce_key, sizeof nonce_key);
      g_hmac_update (hmac, (const guchar *)context, strlen (context) + 1);
      g_hmac_update (hmac, (const guchar *)value, len);
      g_hmac_get_digest (hmac, digest, &digest_len);
      memcpy (raw, digest, VALUE_NONCE_LEN);
      memset (nonce_key, 0, sizeof nonce_key);
    }
  else if (RAND_bytes (raw, VALUE_NONCE_LEN) != 1)
    g_error ("OpenSSL could not generate random bytes");

  derive_key (key, "parlance value encryption v1", enc_key);
  if (!gcm_value (TRUE, enc_key, raw, context, (const guint8 *)value, len,
                  raw + VALUE_NONCE_LEN, raw + VALUE_NONCE_LEN + len))
    g_error ("OpenSSL could not encrypt a value");
  memset (enc_key, 0, sizeof enc_key);

  b64 = g_base64_encode (raw, VALUE_NONCE_LEN + len + TAG_LEN);
  return g_strconcat (PRL_VALUE_PREFIX, b64, NULL);
}

/**
 * prl_value_open:
 * @key: (nullable): the workspace's key; only needed for a sealed value
 * @context: the context it was sealed with
 * @stored: what the column holds: a sealed value, or plain text written
 *   before encryption was switched on (returned as it is)
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 *   (%PRL_DATASET_ERROR_ENCRYPTION) when it was altered, moved or the key
 *   is wrong or missing
 */
char *
prl_value_open (GBytes *key, const char *context, const char *stored, GError **error)
{
  guint8             enc_key[32];
  g_autofree guint8 *raw = NULL;
  g_autofree char   *plain = NULL;
  gsize              raw_len = 0;
  gsize              len;
  gboolean           ok;

  g_return_val_if_fail (context != NULL && stored != NULL, NULL);

  if (!prl_value_is_sealed (stored))
    return g_strdup (stored);

  if (key == NULL)
    {
      g_set_error_literal (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
                           _ ("The workspace is encrypted and its key is not available; "
                              "unlock your keyring and try again"));
      return NULL;
    }

  raw = g_base64_decode (stored + VALUE_PREFIX_LEN, &raw_len);
  if (raw_len < VALUE_NONCE_LEN + TAG_LEN)
    goto damaged;
  len = raw_len - VALUE_NONCE_LEN - TAG_LEN;
  plain = g_malloc (len + 1 + 16);

  derive_key (key, "parlance value encryption v1", enc_key);
  ok = gcm_value (FALSE, enc_key, raw, context, raw + VALUE_NONCE_LEN, len,
                  (guint8 *)plain, raw + VALUE_NONCE_LEN + len);
  memset (enc_key, 0, sizeof enc_key);
  if (!ok)
    goto damaged;
  plain[len] = '\0';
  if (!g_utf8_validate (plain, len, NULL))
    goto damaged;
  return g_steal_pointer (&plain);

damaged:
  g_set_error_literal (
      error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
      _ ("An encrypted value in the workspace failed its integrity check: "
         "it was changed after it was saved, or the key is wrong"));
  return NULL;
}
