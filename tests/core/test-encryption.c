/* test-encryption.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "prl-blob-cipher.h"
#include "prl-blob-key.h"
#include "../test-util.h"
#include "prl-workspace.h"

/* Encryption at rest with the key in a real Secret Service: the test
 * re-runs itself in a private D-Bus session with its own unlocked
 * gnome-keyring, as DESIGN.md describes. */

static PrlWorkspace *
open_ws (const char *dir)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws;

  prl_workspace_open_async (dir, NULL, store_result_cb, &result);
  ws = prl_workspace_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return ws;
}

static gboolean
set_encrypt (PrlWorkspace *ws, gboolean on, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_set_encrypt_blobs_async (ws, on, NULL, store_result_cb, &result);
  return prl_workspace_set_encrypt_blobs_finish (ws, wait_for (&result), error);
}

static PrlImportJob *
import (PrlWorkspace *ws, PrlModel *model, const char *path, PrlDatasetType type)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  PrlImportJob *job = prl_workspace_import_files (ws, model, &file, 1, type);

  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  return job;
}

static void
test_encrypted_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prl-enc-XXXXXX", NULL);
  g_autofree char *train = g_build_filename (dir, "train.txt", NULL);
  g_autofree char *tune = g_build_filename (dir, "tune.txt", NULL);
  const char      *text = "the secret diagnosis is sarcoidosis\nprescribe prednisone\n";
  g_autoptr (PrlWorkspace) ws = open_ws (dir);
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (PrlImportJob) job = NULL;
  g_autoptr (PrlImportJob) tune_job = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) key = NULL;
  g_autoptr (GInputStream) input = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *blob_path = NULL;
  PrlDataset      *dataset;
  GPtrArray       *checks;
  PrlFileCheck    *check;
  char             back[256] = { 0 };
  gsize            len = 0;

  g_assert_true (g_file_set_contents (train, text, -1, NULL));
  g_assert_true (
      g_file_set_contents (tune, "prescribe prednisone\nsomething new\n", -1, NULL));

  prl_workspace_create_model_async (ws, "clinic", "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL, store_result_cb,
                                    &result);
  model = prl_workspace_create_model_finish (ws, wait_for (&result), &error);
  g_assert_no_error (error);

  g_assert_false (prl_workspace_get_encrypt_blobs (ws));
  g_assert_true (set_encrypt (ws, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (prl_workspace_get_encrypt_blobs (ws));

  job = import (ws, model, train, PRL_DATASET_TYPE_TRANSCRIPT);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  dataset = g_ptr_array_index (prl_import_job_get_datasets (job), 0);
  g_assert_true (prl_dataset_get_encrypted (dataset));
  g_assert_true (g_str_has_suffix (prl_dataset_get_uri (dataset), ".enc"));

  /* The stored file does not contain the text. */
  blob_path = g_filename_from_uri (prl_dataset_get_uri (dataset), NULL, NULL);
  g_assert_true (g_file_get_contents (blob_path, &raw, &len, NULL));
  g_assert_null (g_strstr_len (raw, len, "sarcoidosis"));

  /* With the key from the keyring it decrypts to the original. */
  key = prl_blob_key_lookup (prl_store_get_workspace_id (prl_workspace_get_store (ws)),
                             NULL, &error);
  g_assert_no_error (error);
  input = prl_blob_store_open (prl_store_get_blob_store (prl_workspace_get_store (ws)),
                               prl_dataset_get_sha256 (dataset), TRUE, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
      g_input_stream_read_all (input, back, sizeof back - 1, &len, NULL, &error));
  g_assert_cmpstr (back, ==, text);

  /* The duplicate check reads encrypted training text back. */
  tune_job = import (ws, model, tune, PRL_DATASET_TYPE_TUNING);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (tune_job)), ==, PRL_JOB_STATE_SUCCEEDED);
  checks = prl_import_job_get_checks (tune_job);
  check = g_ptr_array_index (checks, 0);
  g_assert_cmpuint (check->issues->len, ==, 1);
  g_assert_cmpstr (((PrlCheckIssue *)g_ptr_array_index (check->issues, 0))->code, ==,
                   "duplicate_tuning_line");

  /* Switching off keeps the key, so old blobs stay readable. */
  g_assert_true (set_encrypt (ws, FALSE, &error));
  g_assert_true (set_encrypt (ws, TRUE, &error));
  {
    g_autoptr (GBytes) again = prl_blob_key_lookup (
        prl_store_get_workspace_id (prl_workspace_get_store (ws)), NULL, &error);

    g_assert_true (g_bytes_equal (again, key));
  }
}

static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("prl-enc-XXXXXX", NULL);
      g_autoptr (PrlWorkspace) ws = NULL;
      g_autoptr (GError) error = NULL;

      /* No session bus, so no Secret Service. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
      ws = open_ws (dir);
      g_assert_false (set_encrypt (ws, TRUE, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "keyring"));
      g_assert_false (prl_workspace_get_encrypt_blobs (ws));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Sealed database values: round trip, bound to their context, tamper
 * evident, and deterministic only when asked. */
static void
test_values (void)
{
  g_autoptr (GBytes) key = prl_blob_key_generate ();
  g_autoptr (GBytes) other = prl_blob_key_generate ();
  g_autoptr (GError) error = NULL;
  g_autofree char *a = prl_value_seal (key, "t.word/1", "zorbulax", TRUE);
  g_autofree char *b = prl_value_seal (key, "t.word/1", "zorbulax", TRUE);
  g_autofree char *c = prl_value_seal (key, "t.word/2", "zorbulax", TRUE);
  g_autofree char *r1 = prl_value_seal (key, "t.phones", "Z AO R", FALSE);
  g_autofree char *r2 = prl_value_seal (key, "t.phones", "Z AO R", FALSE);
  g_autofree char *empty = prl_value_seal (key, "t.x", "", FALSE);
  g_autofree char *opened = NULL;
  g_autofree char *tampered = NULL;
  char            *fail;

  g_assert_true (prl_value_is_sealed (a));
  g_assert_null (strstr (a, "zorbulax"));
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (r1, !=, r2);

  opened = prl_value_open (key, "t.word/1", a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "zorbulax");
  g_clear_pointer (&opened, g_free);
  opened = prl_value_open (key, "t.x", empty, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "");
  g_clear_pointer (&opened, g_free);

  /* Plain text written before encryption reads as it is. */
  opened = prl_value_open (NULL, "t.word", "metoprolol", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "metoprolol");

  /* Another row's context, another key, an altered byte, no key. */
  fail = prl_value_open (key, "t.word/2", a, &error);
  g_assert_null (fail);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
  g_clear_error (&error);
  fail = prl_value_open (other, "t.word/1", a, &error);
  g_assert_null (fail);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
  g_clear_error (&error);
  tampered = g_strdup (a);
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  fail = prl_value_open (key, "t.word/1", tampered, &error);
  g_assert_null (fail);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
  g_clear_error (&error);
  fail = prl_value_open (NULL, "t.word/1", a, &error);
  g_assert_null (fail);
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
}

/* Derived files: written through the encrypting stream or converted in
 * place, read back through a memfd path as the decoder does. */
static void
test_artifact_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prl-enc-XXXXXX", NULL);
  g_autofree char *written = g_build_filename (dir, "custom.arpa", NULL);
  g_autofree char *converted = g_build_filename (dir, "merged.dict", NULL);
  g_autoptr (GBytes) key = prl_blob_key_generate ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GFile) file = g_file_new_for_path (written);
  g_autoptr (GFileOutputStream) raw = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *proc = NULL;
  gsize            len = 0;
  int              fd;

  /* Over one 64 KiB chunk, so chunk boundaries are crossed. */
  while (text->len < 200 * 1024)
    g_string_append (text, "-1.2 the patient takes zorbulax\n");

  raw = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  out = prl_blob_encrypt_stream_new (key, G_OUTPUT_STREAM (raw), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
      g_output_stream_write_all (out, text->str, text->len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (prl_blob_file_is_encrypted (written));
  g_assert_true (g_file_get_contents (written, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, "zorbulax"));
  g_clear_pointer (&contents, g_free);

  fd = prl_blob_decrypt_to_memfd (key, written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_assert_true (g_file_get_contents (proc, &contents, &len, &error));
  g_assert_cmpmem (contents, len, text->str, text->len);
  close (fd);
  g_clear_pointer (&contents, g_free);

  /* In place: a plain file becomes encrypted, once. */
  g_assert_true (g_file_set_contents (converted, "zorbulax Z AO R\n", -1, NULL));
  g_assert_false (prl_blob_file_is_encrypted (converted));
  g_assert_true (prl_blob_encrypt_file (key, converted, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (prl_blob_file_is_encrypted (converted));
  g_assert_true (prl_blob_encrypt_file (key, converted, NULL, &error));
  fd = prl_blob_decrypt_to_memfd (key, converted, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&proc, g_free);
  proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_assert_true (g_file_get_contents (proc, &contents, &len, &error));
  g_assert_cmpstr (contents, ==, "zorbulax Z AO R\n");
  close (fd);

  /* A wrong key fails loudly rather than giving garbage. */
  {
    g_autoptr (GBytes) other = prl_blob_key_generate ();

    g_assert_cmpint (prl_blob_decrypt_to_memfd (other, converted, NULL, &error), ==, -1);
    g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_ENCRYPTION);
  }

  g_unlink (written);
  g_unlink (converted);
  g_rmdir (dir);
}

/* Re-runs the test binary inside its own D-Bus session and keyring. */
static int
run_in_private_session (int argc, char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("prl-keyring-XXXXXX", NULL);
  g_autofree char *runtime = g_build_filename (home, "run", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autoptr (GStrvBuilder) args = g_strv_builder_new ();
  g_auto (GStrv) argv2 = NULL;
  g_autofree char *script = NULL;

  g_mkdir (runtime, 0700);
  g_mkdir (data, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("PRL_PRIVATE_KEYRING", "1", TRUE);

  /* dbus-run-session runs a shell that unlocks a fresh keyring first. */
  script = g_strdup_printf ("printf parlance | gnome-keyring-daemon --unlock --daemonize "
                            "--components=secrets >/dev/null && exec \"$0\" \"$@\"");
  g_strv_builder_add_many (args, "dbus-run-session", "--", "sh", "-c", script, NULL);
  for (int i = 0; i < argc; i++)
    g_strv_builder_add (args, argv[i]);
  argv2 = g_strv_builder_end (args);

  execvp ("dbus-run-session", argv2);
  g_printerr ("could not run dbus-run-session: %s\n", g_strerror (errno));
  return 1;
}

int
main (int argc, char *argv[])
{
  gboolean subprocess = FALSE;

  for (int i = 1; i < argc; i++)
    subprocess |= g_str_has_prefix (argv[i], "--GTestSubprocess");

  if (!subprocess && !g_getenv ("PRL_PRIVATE_KEYRING"))
    {
      g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
      g_autofree char *session = g_find_program_in_path ("dbus-run-session");

      if (daemon == NULL || session == NULL)
        {
          g_print ("1..0 # SKIP gnome-keyring-daemon or dbus-run-session is missing\n");
          return 0;
        }
      return run_in_private_session (argc, argv);
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encryption/import-with-keyring", test_encrypted_import);
  g_test_add_func ("/encryption/no-keyring", test_no_keyring);
  g_test_add_func ("/encryption/values", test_values);
  g_test_add_func ("/encryption/artifact-files", test_artifact_files);

  return g_test_run ();
}
