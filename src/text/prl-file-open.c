/* prl-file-open.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-file-open"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prl-file-open.h"

static const char *
describe_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return _ ("a folder");
  if (S_ISFIFO (mode))
    return _ ("a named pipe");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _ ("a device");
  if (S_ISSOCK (mode))
    return _ ("a socket");
  return _ ("a special file");
}

GInputStream *
prl_file_open_regular (const char   *path,
                       guint64       max_size,
                       guint64      *size,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autofree char *display = NULL;
  struct stat      st;
  int              fd;
  int              saved;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  display = g_filename_display_name (path);

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
   * writer forever. The type is checked on the open descriptor, so a file
   * swapped for a pipe between a check and the open cannot slip through. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not open “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not read “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _ ("“%s” is %s; choose a regular file"), display,
                   describe_type (st.st_mode));
      return NULL;
    }

  if (max_size > 0 && (guint64)st.st_size > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);
      g_autofree char *actual = g_format_size ((guint64)st.st_size);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _ ("“%s” is %s, more than the %s that can be read"), display, actual,
                   limit);
      return NULL;
    }

  /* Regular files never block; clear the flag so reads behave normally. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  if (size != NULL)
    *size = (guint64)st.st_size;

  return g_unix_input_stream_new (fd, TRUE);
}
