/* fuzz-common.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* What every target shares: criticals and warnings abort (they mean a
 * broken contract, which the fuzzer should report as a crash), and parsers
 * that take a path get the input written to a scratch file. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *fuzz_dir;

static void
fuzz_remove_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (fuzz_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fuzz_dir);
}

/* Sets up once; returns the scratch folder. */
static const char *
fuzz_init (void)
{
  if (fuzz_dir == NULL)
    {
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                      : g_get_tmp_dir ();
      g_autofree char *tmpl = g_build_filename (base, "prl-fuzz-XXXXXX", NULL);

      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      fuzz_dir = g_mkdtemp (g_steal_pointer (&tmpl));
      g_assert (fuzz_dir != NULL);
      atexit (fuzz_remove_dir);
    }
  return fuzz_dir;
}

/* Writes @data to @name in the scratch folder; returns its path. Plain
 * write(), not g_file_set_contents(), which may fsync on every run. */
G_GNUC_UNUSED static char *
fuzz_write_file (const char *name, const uint8_t *data, size_t size)
{
  char   *path = g_build_filename (fuzz_init (), name, NULL);
  int     fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  size_t  done = 0;

  g_assert (fd >= 0);
  while (done < size)
    {
      ssize_t n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert (n > 0);
      done += (size_t)n;
    }
  close (fd);
  return path;
}
