/* test-blobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "../test-util.h"
#include "prl-blob-cipher.h"
#include "prl-blob-store.h"
#include "prl-dataset.h"

/* The content-addressed blob store and its encryption at rest. */

static GBytes *
random_bytes (gsize len, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    data[i] = g_rand_int (rand);
  return g_bytes_new_take (data, len);
}

static char *
import_bytes (PrlBlobStore *store, GBytes *content, GBytes *key, GError **error)
{
  g_autoptr (GInputStream) input = g_memory_input_stream_new_from_bytes (content);

  return prl_blob_store_import (store, input, key, NULL, NULL, NULL, error);
}

static GBytes *
read_all (GInputStream *input, GError **error)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                              error)
      < 0)
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static guint
count_files (const char *dir)
{
  g_autofree char *script = g_strdup_printf ("find '%s' -type f | wc -l", dir);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *cmd = g_strdup_printf ("sh -c %s", quoted);
  g_autofree char *out = NULL;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  return atoi (out);
}

/* Sizes around the 64 KiB chunk boundary are where framing bugs live. */
static void
test_roundtrip (void)
{
  static const gsize sizes[] = { 0, 1, 65535, 65536, 65537, 3 * 65536, 1000003 };
  g_autofree char   *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) key = prl_blob_key_generate ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint encrypted = 0; encrypted < 2; encrypted++)
      {
        g_autoptr (GBytes) content = random_bytes (sizes[i], i + 1);
        g_autoptr (GError) error = NULL;
        g_autofree char *sha
            = import_bytes (store, content, encrypted ? key : NULL, &error);
        g_autofree char *expected
            = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
        g_autofree char *path = NULL;
        g_autoptr (GInputStream) input = NULL;
        g_autoptr (GBytes) back = NULL;
        g_autofree char *raw = NULL;
        gsize            raw_len = 0;

        g_assert_no_error (error);
        g_assert_cmpstr (sha, ==, expected);

        path = prl_blob_store_get_path (store, sha, encrypted);
        g_assert_true (g_file_get_contents (path, &raw, &raw_len, NULL));
        if (encrypted && sizes[i] > 16)
          /* The plaintext does not appear in the stored file. */
          g_assert_null (memmem (raw, raw_len, g_bytes_get_data (content, NULL), 16));

        input = prl_blob_store_open (store, sha, encrypted, key, NULL, &error);
        g_assert_no_error (error);
        back = read_all (input, &error);
        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (back, content));
      }

  /* Nothing is left in the staging folder. */
  {
    g_autofree char *tmp = g_build_filename (dir, "tmp", NULL);

    g_assert_cmpuint (count_files (tmp), ==, 0);
  }
  rm_rf (dir);
}

static void
test_dedupe (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) content = random_bytes (200000, 7);
  g_autofree char *a = import_bytes (store, content, NULL, NULL);
  g_autofree char *b = import_bytes (store, content, NULL, NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (count_files (dir), ==, 1);
  rm_rf (dir);
}

/* Reads an encrypted blob after @mutate changed its file. */
static void
assert_tamper_detected (void (*mutate) (char **data, gsize *len))
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) key = prl_blob_key_generate ();
  g_autoptr (GBytes) content = random_bytes (3 * 65536 + 100, 3);
  g_autofree char *sha = import_bytes (store, content, key, NULL);
  g_autofree char *path = prl_blob_store_get_path (store, sha, TRUE);
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  mutate (&data, &len);
  g_assert_true (g_file_set_contents (path, data, len, NULL));

  input = prl_blob_store_open (store, sha, TRUE, key, NULL, &error);
  g_assert_no_error (error);
  back = read_all (input, &error);
  g_assert_null (back);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
  g_assert_nonnull (strstr (error->message, "integrity"));
  rm_rf (dir);
}

static void
flip_middle (char **data, gsize *len)
{
  (*data)[*len / 2] ^= 0x01;
}

static void
truncate_last_chunk (char **data, gsize *len)
{
  *len -= 120;
}

static void
append_garbage (char **data, gsize *len)
{
  *data = g_realloc (*data, *len + 5);
  memcpy (*data + *len, "extra", 5);
  *len += 5;
}

static void
drop_whole_last_chunk (char **data, gsize *len)
{
  /* 16-byte header + 3 full chunks of 4 + 65536 + 16 bytes. */
  *len = 16 + 3 * (4 + 65536 + 16);
}

static void
swap_chunks (char **data, gsize *len)
{
  gsize            chunk = 4 + 65536 + 16;
  g_autofree char *tmp = g_memdup2 (*data + 16, chunk);

  memcpy (*data + 16, *data + 16 + chunk, chunk);
  memcpy (*data + 16 + chunk, tmp, chunk);
}

static void
test_tamper (void)
{
  assert_tamper_detected (flip_middle);
  assert_tamper_detected (truncate_last_chunk);
  assert_tamper_detected (append_garbage);
  assert_tamper_detected (drop_whole_last_chunk);
  assert_tamper_detected (swap_chunks);
}

static void
test_wrong_key (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) key = prl_blob_key_generate ();
  g_autoptr (GBytes) other = prl_blob_key_generate ();
  g_autoptr (GBytes) content = random_bytes (1000, 9);
  g_autofree char *sha = import_bytes (store, content, key, NULL);
  g_autoptr (GInputStream) input
      = prl_blob_store_open (store, sha, TRUE, other, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) back = read_all (input, &error);

  g_assert_null (back);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);

  /* No key at all is refused before reading. */
  g_clear_error (&error);
  g_assert_null (prl_blob_store_open (store, sha, TRUE, NULL, NULL, &error));
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
  rm_rf (dir);
}

/* The stored text of a dataset, as a blob. */
#define TEXT "the patient was given ten milligrams of warfarin daily\n"

static void
assert_corrupt (GError *error, const char *label)
{
  g_assert_error (error, PRL_BLOB_STORE_ERROR, PRL_BLOB_STORE_ERROR_CORRUPT);
  /* Blames the workspace, names the dataset and says what to do. */
  g_assert_nonnull (strstr (error->message, "workspace is damaged"));
  if (label != NULL)
    g_assert_nonnull (strstr (error->message, label));
  g_assert_nonnull (strstr (error->message, "add the original file again"));
}

static void
replace_file (const char *path, const char *content, gssize len)
{
  FILE *f;

  /* In place, as an editor that keeps the inode would. */
  g_chmod (path, 0600);
  f = fopen (path, "wb");
  g_assert_nonnull (f);
  len = len < 0 ? (gssize)strlen (content) : len;
  g_assert_cmpuint (fwrite (content, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* An edit that keeps the text valid UTF-8 and the same length used to be
 * read as if it were the imported file. */
static void
test_verify_edit_in_place (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) content = g_bytes_new_static (TEXT, strlen (TEXT));
  g_autofree char *sha = import_bytes (store, content, NULL, NULL);
  g_autofree char *path = prl_blob_store_get_path (store, sha, FALSE);
  g_autofree char *edited = g_strdup (TEXT);
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GError) error = NULL;

  /* Intact: read whole, verified, and verify() agrees. */
  input = prl_blob_store_open_full (store, sha, FALSE, NULL, strlen (TEXT), "notes.txt",
                                    NULL, &error);
  g_assert_no_error (error);
  back = read_all (input, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, content));
  g_assert_true (prl_blob_store_verify (store, sha, FALSE, NULL, strlen (TEXT),
                                        "notes.txt", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&input);
  g_clear_pointer (&back, g_bytes_unref);

  memcpy (strstr (edited, "ten"), "six", 3);
  replace_file (path, edited, -1);

  input = prl_blob_store_open_full (store, sha, FALSE, NULL, strlen (TEXT), "notes.txt",
                                    NULL, &error);
  g_assert_no_error (error);
  back = read_all (input, &error);
  g_assert_null (back);
  assert_corrupt (error, "notes.txt");
  g_clear_error (&error);

  /* Also when the size is not known, and through skip(). */
  g_clear_object (&input);
  input = prl_blob_store_open (store, sha, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_skip (input, 1000, NULL, &error), ==, strlen (TEXT));
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_skip (input, 1000, NULL, &error), ==, -1);
  assert_corrupt (error, NULL);
  g_clear_error (&error);

  g_assert_false (
      prl_blob_store_verify (store, sha, FALSE, NULL, -1, "notes.txt", NULL, &error));
  assert_corrupt (error, "notes.txt");
  rm_rf (dir);
}

static void
test_verify_size (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) content = g_bytes_new_static (TEXT, strlen (TEXT));
  g_autofree char *sha = import_bytes (store, content, NULL, NULL);
  g_autofree char *path = prl_blob_store_get_path (store, sha, FALSE);
  g_autofree char *longer = g_strconcat (TEXT, TEXT, NULL);
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GError) error = NULL;

  /* Short: refused at open when the size is known, at the end otherwise. */
  replace_file (path, TEXT, strlen (TEXT) - 10);
  g_assert_null (prl_blob_store_open_full (store, sha, FALSE, NULL, strlen (TEXT),
                                           "a.txt", NULL, &error));
  assert_corrupt (error, "a.txt");
  g_clear_error (&error);
  input = prl_blob_store_open (store, sha, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  back = read_all (input, &error);
  g_assert_null (back);
  assert_corrupt (error, NULL);
  g_clear_error (&error);
  g_clear_object (&input);

  /* Long, starting with the right content. */
  replace_file (path, longer, -1);
  input = prl_blob_store_open (store, sha, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  back = read_all (input, &error);
  g_assert_null (back);
  assert_corrupt (error, NULL);
  g_clear_error (&error);

  /* Missing. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_null (
      prl_blob_store_open_full (store, sha, FALSE, NULL, -1, "a.txt", NULL, &error));
  assert_corrupt (error, "a.txt");
  g_assert_nonnull (strstr (error->message, "missing"));
  rm_rf (dir);
}

/* An encrypted blob that decrypts fine but holds other content (another
 * blob's file put in its place) fails on the plaintext's hash. */
static void
test_verify_encrypted_plaintext (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) key = prl_blob_key_generate ();
  g_autoptr (GBytes) a = random_bytes (70000, 21);
  g_autoptr (GBytes) b = random_bytes (70000, 22);
  g_autofree char *sha_a = import_bytes (store, a, key, NULL);
  g_autofree char *sha_b = import_bytes (store, b, key, NULL);
  g_autofree char *path_a = prl_blob_store_get_path (store, sha_a, TRUE);
  g_autofree char *path_b = prl_blob_store_get_path (store, sha_b, TRUE);
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (
      prl_blob_store_verify (store, sha_a, TRUE, key, 70000, "a.txt", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_rename (path_b, path_a), ==, 0);
  input
      = prl_blob_store_open_full (store, sha_a, TRUE, key, 70000, "a.txt", NULL, &error);
  g_assert_no_error (error);
  back = read_all (input, &error);
  g_assert_null (back);
  assert_corrupt (error, "a.txt");
  rm_rf (dir);
}

typedef struct
{
  GCancellable *cancellable;
  guint64       cancel_at;
} CancelData;

static void
cancel_progress (guint64 done, gpointer user_data)
{
  CancelData *data = user_data;

  if (done >= data->cancel_at)
    g_cancellable_cancel (data->cancellable);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) content = random_bytes (8 * 1024 * 1024, 11);
  g_autoptr (GInputStream) input = g_memory_input_stream_new_from_bytes (content);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  CancelData       data = { cancellable, 3 * 1024 * 1024 };
  g_autofree char *sha = NULL;

  sha = prl_blob_store_import (store, input, NULL, cancel_progress, &data, cancellable,
                               &error);
  g_assert_null (sha);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (dir), ==, 0);
  rm_rf (dir);
}

static void
test_clean_temporary (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autofree char *tmp = g_build_filename (dir, "tmp", NULL);
  g_autofree char *dead = NULL;
  g_autofree char *alive = NULL;
  GPid             pid;
  char            *argv[] = { (char *)"true", NULL };

  /* A process that has exited: its pid is free (until reused). */
  g_assert_true (g_spawn_async (NULL, argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL));
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  g_mkdir_with_parents (tmp, 0700);
  dead = g_strdup_printf ("%s/import-%d-AbCdEf", tmp, (int)pid);
  alive = g_strdup_printf ("%s/import-%d-GhIjKl", tmp, (int)getpid ());
  g_assert_true (g_file_set_contents (dead, "partial", -1, NULL));
  g_assert_true (g_file_set_contents (alive, "in progress", -1, NULL));

  g_assert_cmpuint (prl_blob_store_clean_temporary (store), ==, 1);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  rm_rf (dir);
}

static void
test_collect (void)
{
  g_autofree char *dir = make_tmpdir ("prl-blobs-XXXXXX");
  g_autoptr (PrlBlobStore) store = prl_blob_store_new (dir);
  g_autoptr (GBytes) key = prl_blob_key_generate ();
  g_autoptr (GBytes) a = random_bytes (100, 1);
  g_autoptr (GBytes) b = random_bytes (100, 2);
  g_autofree char *sha_a = import_bytes (store, a, NULL, NULL);
  g_autofree char *sha_b = import_bytes (store, b, key, NULL);
  g_autoptr (GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path_a = prl_blob_store_get_path (store, sha_a, FALSE);
  g_autofree char *path_b = prl_blob_store_get_path (store, sha_b, TRUE);
  g_autofree char *enc_b = g_strconcat (sha_b, ".enc", NULL);

  g_hash_table_add (keep, enc_b);
  g_assert_cmpuint (prl_blob_store_collect (store, keep, NULL), ==, 1);
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path_b, G_FILE_TEST_EXISTS));
  rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blobs/roundtrip", test_roundtrip);
  g_test_add_func ("/blobs/dedupe", test_dedupe);
  g_test_add_func ("/blobs/tamper", test_tamper);
  g_test_add_func ("/blobs/wrong-key", test_wrong_key);
  g_test_add_func ("/blobs/verify/edit-in-place", test_verify_edit_in_place);
  g_test_add_func ("/blobs/verify/size", test_verify_size);
  g_test_add_func ("/blobs/verify/encrypted-plaintext", test_verify_encrypted_plaintext);
  g_test_add_func ("/blobs/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/blobs/clean-temporary", test_clean_temporary);
  g_test_add_func ("/blobs/collect", test_collect);

  return g_test_run ();
}
