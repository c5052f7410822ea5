/* test-preferences-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-gui-test-util.h"
#include "prl-preferences-window.h"
#include "prl-workspace.h"

/* The Preferences window: the colour scheme setting, and the encryption
 * switch against a real workspace. Without a Secret Service (this
 * process points D-Bus at nowhere) switching encryption on must fail,
 * revert and say why. With one (a private D-Bus session and an unlocked
 * gnome-keyring, run as a child process) it must succeed.
 */

#define KEYRING_CHILD_ENV "PRL_TEST_KEYRING_CHILD"

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  GtkWidget    *window; /* (owned) */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->window = g_object_ref (prl_preferences_window_new (f->workspace));
  gtk_window_present (GTK_WINDOW (f->window));
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GtkWidget *window = g_steal_pointer (&f->window);

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (f->window, PRL_TYPE_PREFERENCES_WINDOW, name);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static gboolean
switch_settled (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_sensitive (child (f, "encrypt_switch"));
}

static void
toggle_encryption (Fixture *f)
{
  GtkSwitch *sw = child (f, "encrypt_switch");

  /* As a click does: the switch asks to change its state. */
  gtk_switch_set_active (sw, !gtk_switch_get_active (sw));
}

static void
test_layout (Fixture *f, gconstpointer data)
{
  AdwActionRow *row = child (f, "encrypt_row");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Preferences");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "_Encrypt Stored Datasets");
  assert_contains (adw_action_row_get_subtitle (row), "AES-256-GCM");
  assert_contains (adw_action_row_get_subtitle (row), "keyring");
  g_assert_true (adw_action_row_get_activatable_widget (row)
                 == GTK_WIDGET (child (f, "encrypt_switch")));

  /* A new workspace stores plainly. */
  g_assert_false (prl_workspace_get_encrypt_blobs (f->workspace));
  g_assert_false (gtk_switch_get_active (child (f, "encrypt_switch")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "encrypt_switch")));
  g_assert_false (gtk_revealer_get_reveal_child (child (f, "encrypt_error_revealer")));
}

static void
test_color_scheme (Fixture *f, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  AdwComboRow     *row = child (f, "color_scheme_row");
  g_autofree char *scheme = NULL;

  g_settings_set_string (settings, "color-scheme", "default");
  prl_test_iterate (20);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");

  /* And the other way round. */
  g_settings_set_string (settings, "color-scheme", "light");
  prl_test_iterate (20);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);

  g_settings_reset (settings, "color-scheme");
}

static void
test_no_keyring (Fixture *f, gconstpointer data)
{
  GtkSwitch *sw = child (f, "encrypt_switch");

  toggle_encryption (f);

  /* Saving: the switch waits, insensitive, showing the old state. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sw)));
  g_assert_false (gtk_switch_get_state (sw));

  prl_test_wait_until (switch_settled, f);

  /* No Secret Service: nothing changed, the switch went back, and the
   * reason is shown under it. */
  g_assert_false (prl_workspace_get_encrypt_blobs (f->workspace));
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_false (gtk_switch_get_state (sw));
  g_assert_true (gtk_revealer_get_reveal_child (child (f, "encrypt_error_revealer")));
  assert_contains (gtk_label_get_label (child (f, "encrypt_error_label")),
                   "The setting was not changed");
  assert_contains (gtk_label_get_label (child (f, "encrypt_error_label")), "keyring");
  /* In words, with what to do, never libsecret's D-Bus object path. */
  assert_contains (gtk_label_get_label (child (f, "encrypt_error_label")), "Unlock");
  g_assert_null (
      strstr (gtk_label_get_label (child (f, "encrypt_error_label")), "/org/"));
  g_assert_null (
      strstr (gtk_label_get_label (child (f, "encrypt_error_label")), "freedesktop"));
}

/* Runs in the child, inside a private D-Bus session with a keyring. */
static void
test_keyring_child (Fixture *f, gconstpointer data)
{
  GtkSwitch *sw = child (f, "encrypt_switch");
  g_autoptr (PrlWorkspace) reopened = NULL;

  if (g_getenv (KEYRING_CHILD_ENV) == NULL)
    {
      g_test_skip ("only run inside the keyring session");
      return;
    }

  toggle_encryption (f);
  prl_test_wait_until (switch_settled, f);
  g_assert_true (prl_workspace_get_encrypt_blobs (f->workspace));
  g_assert_true (gtk_switch_get_active (sw));
  g_assert_true (gtk_switch_get_state (sw));
  g_assert_false (gtk_revealer_get_reveal_child (child (f, "encrypt_error_revealer")));

  /* Saved in the workspace. */
  reopened = prl_test_open_workspace (f->dir);
  g_assert_true (prl_workspace_get_encrypt_blobs (reopened));

  /* And off again. */
  toggle_encryption (f);
  prl_test_wait_until (switch_settled, f);
  g_assert_false (prl_workspace_get_encrypt_blobs (f->workspace));
  g_assert_false (gtk_switch_get_state (sw));
}

static void
test_with_keyring (void)
{
  g_autofree char *home = prl_test_make_tmpdir ();
  g_autofree char *runtime = g_build_filename (home, "run", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dbus_run_session = g_find_program_in_path ("dbus-run-session");
  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  int         status = 0;
  const char *argv[]
      = { "dbus-run-session",
          "--",
          "sh",
          "-c",
          "printf pw | gnome-keyring-daemon --unlock --daemonize --components=secrets "
          ">/dev/null && exec \"$0\" \"$@\"",
          self,
          "--tap",
          "-p",
          "/preferences-window/keyring-child",
          NULL };

  if (dbus_run_session == NULL || keyring_daemon == NULL)
    {
      g_test_skip ("needs dbus-run-session and gnome-keyring-daemon");
      return;
    }

  g_assert_nonnull (self);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime, TRUE);
  env = g_environ_setenv (env, KEYRING_CHILD_ENV, "1", TRUE);
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");

  g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "not ok") != NULL
      || strstr (out, "\nok ") == NULL || strstr (out, "# SKIP") != NULL)
    g_error ("The keyring run failed:\n%s\n%s", out, err);

  prl_test_rm_rf (home);
}

int
main (int argc, char *argv[])
{
  /* Outside the keyring child, no Secret Service is reachable: the same
   * result on every machine. */
  if (g_getenv (KEYRING_CHILD_ENV) == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/parlance-test-bus",
              TRUE);

  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/preferences-window/layout", test_layout);
  ADD ("/preferences-window/color-scheme", test_color_scheme);
  ADD ("/preferences-window/no-keyring", test_no_keyring);
  ADD ("/preferences-window/keyring-child", test_keyring_child);
  g_test_add_func ("/preferences-window/with-keyring", test_with_keyring);
#undef ADD

  return g_test_run ();
}
