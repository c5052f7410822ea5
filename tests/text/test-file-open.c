/* test-file-open.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "prl-file-open.h"

static char *
make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("prl-file-open-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_regular (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = NULL;
  char    buf[16] = { 0 };
  guint64 size = 0;
  gsize   n = 0;

  g_assert_true (g_file_set_contents (path, "hello", -1, NULL));
  in = prl_file_open_regular (path, 0, &size, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, 5);
  g_assert_true (g_input_stream_read_all (in, buf, sizeof buf, &n, NULL, &error));
  g_assert_cmpstr (buf, ==, "hello");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_fifo_refused (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "f.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  /* Would block forever in open() without O_NONBLOCK. */
  in = prl_file_open_regular (path, 0, NULL, NULL, &error);
  g_assert_null (in);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_device_and_folder_refused (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = NULL;

  in = prl_file_open_regular ("/dev/zero", 0, NULL, NULL, &error);
  g_assert_null (in);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "device"));
  g_clear_error (&error);

  in = prl_file_open_regular (dir, 0, NULL, NULL, &error);
  g_assert_null (in);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_rmdir (dir);
}

static void
test_size_limit (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "big.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = NULL;

  g_assert_true (g_file_set_contents (path, "0123456789", -1, NULL));
  in = prl_file_open_regular (path, 9, NULL, NULL, &error);
  g_assert_null (in);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);
  in = prl_file_open_regular (path, 10, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (in);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = NULL;

  in = prl_file_open_regular ("/nonexistent/x.txt", 0, NULL, NULL, &error);
  g_assert_null (in);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-open/regular", test_regular);
  g_test_add_func ("/file-open/fifo-refused", test_fifo_refused);
  g_test_add_func ("/file-open/device-and-folder-refused",
                   test_device_and_folder_refused);
  g_test_add_func ("/file-open/size-limit", test_size_limit);
  g_test_add_func ("/file-open/missing", test_missing);
  return g_test_run ();
}
