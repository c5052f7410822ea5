/* prl-blob-store.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-blob-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <gio/gfiledescriptorbased.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-blob-cipher.h"
#include "prl-dataset.h"
#include "prl-job-owner.h"

#include "prl-blob-store.h"

/* The workspace's copies of imported files, named by the SHA-256 of their
 * content: blobs/ab/abcdef….  (plain) or ….enc (encrypted), so identical
 * content is stored once and a trained version can always find exactly
 * the bytes it was trained on.
 *
 * An import streams into blobs/tmp/import-<pid>-XXXXXX and is renamed
 * into place only when complete and synced, so a cancelled or killed
 * import never leaves a partial blob under a content name. Leftovers of
 * killed processes are removed the next time the workspace opens.
 */

#define READ_SIZE (1024 * 1024)

/* SHA-256 through OpenSSL: it uses the CPU's SHA extensions where GLib's
 * GChecksum hashes in plain C, four times slower, and hashing is most of
 * an import's work. */
typedef EVP_MD_CTX Sha256;

static Sha256 *
sha256_new (void)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();

  if (ctx == NULL || EVP_DigestInit_ex (ctx, EVP_sha256 (), NULL) != 1)
    g_error ("OpenSSL cannot compute SHA-256");
  return ctx;
}

static void
sha256_update (Sha256 *ctx, const void *data, gsize len)
{
  if (EVP_DigestUpdate (ctx, data, len) != 1)
    g_error ("OpenSSL cannot compute SHA-256");
}

/* Returns: (transfer full): the lowercase hex digest; @ctx is spent */
static char *
sha256_finish (Sha256 *ctx)
{
  guchar       digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  GString     *hex = g_string_sized_new (64);

  if (EVP_DigestFinal_ex (ctx, digest, &len) != 1)
    g_error ("OpenSSL cannot compute SHA-256");
  for (unsigned int i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sha256, EVP_MD_CTX_free)

struct _PrlBlobStore
{
  GObject parent_instance;

  char *directory; /* (owned) */
};

G_DEFINE_FINAL_TYPE (PrlBlobStore, prl_blob_store, G_TYPE_OBJECT)

static void
prl_blob_store_finalize (GObject *object)
{
  g_free (PRL_BLOB_STORE (object)->directory);

  G_OBJECT_CLASS (prl_blob_store_parent_class)->finalize (object);
}

static void
prl_blob_store_class_init (PrlBlobStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_blob_store_finalize;
}

static void
prl_blob_store_init (PrlBlobStore *self)
{
}

/**
 * prl_blob_store_new:
 * @directory: the blobs folder of a workspace
 *
 * Returns: (transfer full): a blob store
 */
PrlBlobStore *
prl_blob_store_new (const char *directory)
{
  PrlBlobStore *self = g_object_new (PRL_TYPE_BLOB_STORE, NULL);

  self->directory = g_strdup (directory);
  return self;
}

char *
prl_blob_store_get_path (PrlBlobStore *self, const char *sha256, gboolean encrypted)
{
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PRL_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  prefix = g_strndup (sha256, 2);
  name = g_strconcat (sha256, encrypted ? ".enc" : "", NULL);
  return g_build_filename (self->directory, prefix, name, NULL);
}

char *
prl_blob_store_get_uri (PrlBlobStore *self, const char *sha256, gboolean encrypted)
{
  g_autofree char *path = prl_blob_store_get_path (self, sha256, encrypted);

  return g_filename_to_uri (path, NULL, NULL);
}

static gboolean
sync_and_close (int fd, GError **error)
{
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not save the dataset: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return close (fd) == 0;
}

/**
 * prl_blob_store_import:
 * @input: the file's content
 * @key: (nullable): the workspace key, to store the blob encrypted
 * @progress: (nullable) (scope call): told the bytes copied so far
 *
 * Copies @input into the store in constant memory. Runs on the caller's
 * thread (a job's worker).
 *
 * Returns: (transfer full): the hex SHA-256 of the content, or %NULL
 */
char *
prl_blob_store_import (PrlBlobStore       *self,
                       GInputStream       *input,
                       GBytes             *key,
                       PrlBlobProgressFunc progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr (Sha256) checksum = sha256_new ();
  g_autoptr (GOutputStream) output = NULL;
  g_autoptr (PrlBlobEncryptor) encryptor = NULL;
  g_autofree char   *tmp_dir = g_build_filename (self->directory, "tmp", NULL);
  g_autofree char   *tmp_path = NULL;
  g_autofree char   *final_path = NULL;
  g_autofree char   *final_dir = NULL;
  g_autofree char   *sha256 = NULL;
  g_autofree guint8 *buffer = g_malloc (READ_SIZE);
  guint64            done = 0;
  int                fd;

  g_return_val_if_fail (PRL_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  if (g_mkdir_with_parents (tmp_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not create “%s”: %s"), tmp_dir, g_strerror (saved_errno));
      return NULL;
    }

  tmp_path = g_strdup_printf ("%s/import-%d-XXXXXX", tmp_dir, (int)getpid ());
  if ((fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not create a file in “%s”: %s"), tmp_dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  /* The stream must not close the descriptor: it is synced first. */
  output = g_unix_output_stream_new (fd, FALSE);
  if (key != NULL
      && !(encryptor = prl_blob_encryptor_new (key, output, cancellable, error)))
    goto fail;

  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, READ_SIZE, cancellable, error);

      if (n < 0)
        goto fail;
      if (n == 0)
        break;

      sha256_update (checksum, buffer, n);
      if (encryptor != NULL
              ? !prl_blob_encryptor_write (encryptor, buffer, n, cancellable, error)
              : !g_output_stream_write_all (output, buffer, n, NULL, cancellable, error))
        goto fail;

      done += n;
      if (progress != NULL)
        progress (done, progress_data);
    }

  if (encryptor != NULL && !prl_blob_encryptor_finish (encryptor, cancellable, error))
    goto fail;

  g_clear_object (&output);
  if (!sync_and_close (fd, error))
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  sha256 = sha256_finish (checksum);
  final_path = prl_blob_store_get_path (self, sha256, key != NULL);
  final_dir = g_path_get_dirname (final_path);
  g_mkdir_with_parents (final_dir, 0700);

  /* Identical content is stored once. */
  if (g_file_test (final_path, G_FILE_TEST_EXISTS))
    g_unlink (tmp_path);
  else if (g_rename (tmp_path, final_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not save the dataset: %s"), g_strerror (saved_errno));
      goto fail;
    }

  return g_steal_pointer (&sha256);

fail:
  g_clear_object (&output);
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return NULL;
}

G_DEFINE_QUARK (PrlBlobStoreErrorQuark, prl_blob_store_error)

static void
set_corrupt_error (GError **error, const char *path, const char *label, gboolean missing)
{
  /* The workspace is at fault, not the file the user imported: say so, and
   * what brings the dataset back. */
  if (missing && label != NULL)
    g_set_error (error, PRL_BLOB_STORE_ERROR, PRL_BLOB_STORE_ERROR_CORRUPT,
                 _ ("The workspace is damaged: the stored copy of the dataset “%s” (%s) "
                    "is missing. Remove the dataset and add the original file again."),
                 label, path);
  else if (missing)
    g_set_error (error, PRL_BLOB_STORE_ERROR, PRL_BLOB_STORE_ERROR_CORRUPT,
                 _ ("The workspace is damaged: the stored file %s is missing. Remove "
                    "the dataset that uses it and add the original file again."),
                 path);
  else if (label != NULL)
    g_set_error (error, PRL_BLOB_STORE_ERROR, PRL_BLOB_STORE_ERROR_CORRUPT,
                 _ ("The workspace is damaged: the stored copy of the dataset “%s” (%s) "
                    "was changed or damaged after it was imported, so it was not used. "
                    "Remove the dataset and add the original file again; if it happens "
                    "again, check the disk."),
                 label, path);
  else
    g_set_error (error, PRL_BLOB_STORE_ERROR, PRL_BLOB_STORE_ERROR_CORRUPT,
                 _ ("The workspace is damaged: the stored file %s was changed or "
                    "damaged after it was imported, so it was not used. Remove the "
                    "dataset that uses it and add the original file again; if it "
                    "happens again, check the disk."),
                 path);
}

/* Hashes what its reader reads and fails the read that reaches the end
 * when the content is not what was imported: the check costs no extra
 * pass over the data. A blob longer than recorded fails as soon as the
 * extra bytes are read. */
#define PRL_TYPE_VERIFY_STREAM (prl_verify_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    PrlVerifyStream, prl_verify_stream, PRL, VERIFY_STREAM, GFilterInputStream)

struct _PrlVerifyStream
{
  GFilterInputStream parent_instance;

  Sha256  *checksum; /* (owned) */
  char    *sha256;   /* (owned) */
  char    *path;     /* (owned) */
  char    *label;    /* (owned) (nullable) */
  gint64   size;     /* -1 when not known */
  guint64  done;
  gboolean at_end;
  gboolean corrupt;
};

G_DEFINE_FINAL_TYPE (PrlVerifyStream, prl_verify_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
prl_verify_stream_read (GInputStream *stream,
                        void         *buffer,
                        gsize         count,
                        GCancellable *cancellable,
                        GError      **error)
{
  PrlVerifyStream *self = PRL_VERIFY_STREAM (stream);
  GInputStream    *base
      = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
  gssize n;

  if (self->corrupt)
    goto corrupt;
  if (self->at_end)
    return 0;

  if ((n = g_input_stream_read (base, buffer, count, cancellable, error)) < 0)
    return -1;

  if (n > 0)
    {
      sha256_update (self->checksum, buffer, n);
      self->done += n;
      if (self->size >= 0 && self->done > (guint64)self->size)
        goto corrupt;
      return n;
    }

  self->at_end = TRUE;
  {
    g_autofree char *digest = sha256_finish (self->checksum);

    if ((self->size >= 0 && self->done != (guint64)self->size)
        || g_strcmp0 (digest, self->sha256) != 0)
      goto corrupt;
  }
  return 0;

corrupt:
  self->corrupt = TRUE;
  set_corrupt_error (error, self->path, self->label, FALSE);
  return -1;
}

/* The filter's skip would bypass the hash. */
static gssize
prl_verify_stream_skip (GInputStream *stream,
                        gsize         count,
                        GCancellable *cancellable,
                        GError      **error)
{
  guint8 buffer[8192];

  return prl_verify_stream_read (stream, buffer, MIN (count, sizeof buffer), cancellable,
                                 error);
}

static void
prl_verify_stream_finalize (GObject *object)
{
  PrlVerifyStream *self = PRL_VERIFY_STREAM (object);

  EVP_MD_CTX_free (self->checksum);
  g_free (self->sha256);
  g_free (self->path);
  g_free (self->label);

  G_OBJECT_CLASS (prl_verify_stream_parent_class)->finalize (object);
}

static void
prl_verify_stream_class_init (PrlVerifyStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_verify_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = prl_verify_stream_read;
  G_INPUT_STREAM_CLASS (klass)->skip = prl_verify_stream_skip;
}

static void
prl_verify_stream_init (PrlVerifyStream *self)
{
  self->checksum = sha256_new ();
}

/**
 * prl_blob_store_open:
 * @key: (nullable): needed when @encrypted
 *
 * Same as prl_blob_store_open_full() without a known size or name.
 *
 * Returns: (transfer full): the original bytes of a blob
 */
GInputStream *
prl_blob_store_open (PrlBlobStore *self,
                     const char   *sha256,
                     gboolean      encrypted,
                     GBytes       *key,
                     GCancellable *cancellable,
                     GError      **error)
{
  return prl_blob_store_open_full (self, sha256, encrypted, key, -1, NULL, cancellable,
                                   error);
}

/**
 * prl_blob_store_open_full:
 * @key: (nullable): needed when @encrypted
 * @size: the content's size in bytes, or -1 when not known
 * @label: (nullable): the dataset's name, for messages
 *
 * Opens a blob for reading. The stream checks the content against
 * @sha256 as it is read (the plaintext, for encrypted blobs): the read
 * that reaches the end fails with %PRL_BLOB_STORE_ERROR_CORRUPT when the
 * blob was changed, so a reader must treat what it read as unusable until
 * it has seen the end.
 *
 * Returns: (transfer full): the original bytes of a blob
 */
GInputStream *
prl_blob_store_open_full (PrlBlobStore *self,
                          const char   *sha256,
                          gboolean      encrypted,
                          GBytes       *key,
                          gint64        size,
                          const char   *label,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GInputStream) plain = NULL;
  g_autoptr (GError) local_error = NULL;
  PrlVerifyStream *verify;

  g_return_val_if_fail (PRL_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  if (encrypted && key == NULL)
    {
      g_set_error_literal (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION,
                           _ ("The dataset is encrypted and the workspace key is not "
                              "available; unlock your keyring and try again"));
      return NULL;
    }

  path = prl_blob_store_get_path (self, sha256, encrypted);
  file = g_file_new_for_path (path);
  if (!(stream = g_file_read (file, cancellable, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        set_corrupt_error (error, path, label, TRUE);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* A plain blob of the wrong size is refused before anyone reads it. */
  if (!encrypted && size >= 0)
    {
      GStatBuf st;

      if (fstat (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream)), &st)
              == 0
          && st.st_size != size)
        {
          set_corrupt_error (error, path, label, FALSE);
          return NULL;
        }
    }

  if (encrypted)
    plain = prl_blob_decrypt_stream_new (key, G_INPUT_STREAM (stream));
  else
    plain = G_INPUT_STREAM (g_steal_pointer (&stream));

  verify = g_object_new (PRL_TYPE_VERIFY_STREAM, "base-stream", plain, NULL);
  verify->sha256 = g_ascii_strdown (sha256, -1);
  verify->path = g_steal_pointer (&path);
  verify->label = g_strdup (label);
  verify->size = size;
  return G_INPUT_STREAM (verify);
}

/**
 * prl_blob_store_verify:
 *
 * Reads a whole blob to check it, for readers that cannot use the
 * verifying stream (a decoder given a path) and to tell, after a reader
 * failed on a blob's content, whether the blob itself was damaged.
 *
 * Returns: %TRUE when the blob has the content it was imported with
 */
gboolean
prl_blob_store_verify (PrlBlobStore *self,
                       const char   *sha256,
                       gboolean      encrypted,
                       GBytes       *key,
                       gint64        size,
                       const char   *label,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GInputStream) input = prl_blob_store_open_full (
      self, sha256, encrypted, key, size, label, cancellable, error);
  g_autofree guint8 *buffer = NULL;
  gssize             n;

  if (input == NULL)
    return FALSE;

  buffer = g_malloc (READ_SIZE);
  while ((n = g_input_stream_read (input, buffer, READ_SIZE, cancellable, error)) > 0)
    ;
  return n == 0;
}

static gboolean
is_blob_name (const char *name)
{
  gsize len = strlen (name);

  if (len != 64 && !(len == 68 && g_str_has_suffix (name, ".enc")))
    return FALSE;

  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (name[i]) || g_ascii_isupper (name[i]))
      return FALSE;

  return TRUE;
}

/**
 * prl_blob_store_collect:
 * @keep: (element-type utf8 utf8): blob file names ("sha" or "sha.enc")
 *   still referenced by datasets
 *
 * Removes blobs nothing refers to any more.
 *
 * Returns: how many were removed
 */
guint
prl_blob_store_collect (PrlBlobStore *self, GHashTable *keep, GError **error)
{
  g_autoptr (GDir) top = NULL;
  const char *prefix;
  guint       removed = 0;

  g_return_val_if_fail (PRL_IS_BLOB_STORE (self), 0);

  if (!g_file_test (self->directory, G_FILE_TEST_IS_DIR))
    return 0;

  if (!(top = g_dir_open (self->directory, 0, error)))
    return 0;

  while ((prefix = g_dir_read_name (top)))
    {
      g_autofree char *sub_path = g_build_filename (self->directory, prefix, NULL);
      g_autoptr (GDir) sub = NULL;
      const char *name;

      if (strlen (prefix) != 2 || !(sub = g_dir_open (sub_path, 0, NULL)))
        continue;

      while ((name = g_dir_read_name (sub)))
        {
          g_autofree char *path = NULL;

          if (!is_blob_name (name) || g_hash_table_contains (keep, name))
            continue;

          path = g_build_filename (sub_path, name, NULL);
          if (g_unlink (path) == 0)
            removed++;
        }
    }

  return removed;
}

/**
 * prl_blob_store_clean_temporary:
 *
 * Removes what imports of processes that no longer run left behind.
 *
 * Returns: how many files were removed
 */
guint
prl_blob_store_clean_temporary (PrlBlobStore *self)
{
  g_autofree char *tmp_dir = g_build_filename (self->directory, "tmp", NULL);
  g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;
  guint       removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      int              pid;

      if (sscanf (name, "import-%d-", &pid) != 1)
        continue;

      /* Another Parlance process may be importing right now; a killed one
       * not reaped yet (a zombie) is not. */
      if (prl_job_owner_pid_is_alive (pid))
        continue;

      path = g_build_filename (tmp_dir, name, NULL);
      if (g_unlink (path) == 0)
        removed++;
    }

  return removed;
}
