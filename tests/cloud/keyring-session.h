/* keyring-session.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Tests of the cloud accounts run against a real Secret Service (DESIGN.md,
 * "The Secret Service in tests"): the test binary starts itself again in a
 * private D-Bus session with an unlocked gnome-keyring and a temporary
 * HOME, with @child_env set to that HOME. Returns only when
 * dbus-run-session or gnome-keyring-daemon is missing; the caller then
 * skips. The child removes the HOME when it is done. */
static inline void
keyring_session_exec (const char *child_env, int argc, char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dbus = g_find_program_in_path ("dbus-run-session");
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (NULL);
  g_autofree char *home = NULL;
  const char *const dirs[][2] = { { "XDG_DATA_HOME", "data" },
                                  { "XDG_CONFIG_HOME", "config" },
                                  { "XDG_RUNTIME_DIR", "run" } };

  if (dbus == NULL || daemon == NULL || self == NULL)
    return;

  home = g_dir_make_tmp ("prl-keyring-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      g_setenv (dirs[i][0], dir, TRUE);
    }
  g_setenv (child_env, home, TRUE);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");

  g_ptr_array_add (args, dbus);
  g_ptr_array_add (args, (gpointer) "--");
  g_ptr_array_add (args, (gpointer) "sh");
  g_ptr_array_add (args, (gpointer) "-c");
  g_ptr_array_add (args, (gpointer) "printf pw | gnome-keyring-daemon --unlock --daemonize "
                                    "--components=secrets >/dev/null && exec \"$0\" \"$@\"");
  g_ptr_array_add (args, self);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  execv (dbus, (char **)args->pdata);
  g_error ("Could not run dbus-run-session: %s", g_strerror (errno));
}
