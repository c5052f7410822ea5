/* prl-application.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-remote-job.h"
#include "prl-window.h"

#include "prl-application.h"

struct _PrlApplication
{
  AdwApplication parent_instance;

  char      *workspace_dir; /* (owned) (nullable): from --workspace */
  GSettings *settings;      /* (owned) */
};

G_DEFINE_FINAL_TYPE (PrlApplication, prl_application, ADW_TYPE_APPLICATION)

static void
prl_application_activate (GApplication *app)
{
  PrlApplication *self = PRL_APPLICATION (app);
  GtkWindow      *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (prl_window_new (ADW_APPLICATION (app), self->workspace_dir));

  gtk_window_present (window);
}

static int
prl_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  PrlApplication  *self = PRL_APPLICATION (app);
  g_autofree char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("parlance %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "workspace", "^ay", &dir))
    {
      g_free (self->workspace_dir);
      self->workspace_dir = g_canonicalize_filename (dir, NULL);
    }

  return -1;
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  static const char *developers[] = { "The Parlance authors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (
      ADW_TYPE_ABOUT_WINDOW, "transient-for", window, "modal", TRUE, "application-icon",
      APP_ID, "application-name", _ ("Parlance"), "developer-name",
      _ ("The Parlance authors"), "version", PACKAGE_VERSION, "comments",
      _ ("Build custom speech recognition models and prove "
         "that they help"),
      "website", "https://github.com/parlance/parlance", "issue-url",
      "https://github.com/parlance/parlance/issues", "license-type", GTK_LICENSE_GPL_3_0,
      "copyright", "© 2026 The Parlance authors", "developers", developers,
      /* Translators: your names, one per line */
      "translator-credits", _ ("translator-credits"), NULL);
  /* Its pages are never realized until opened, yet are in the tree. */
  prl_gui_a11y_name_tree (about);
  gtk_window_present (GTK_WINDOW (about));
}

/* The shortcuts window GtkApplication makes from gtk/help-overlay.ui is
 * built whole but shown later: name what is in it now. */
static void
window_added_cb (GtkApplication *app, GtkWindow *window)
{
  GtkShortcutsWindow *overlay;

  if (GTK_IS_APPLICATION_WINDOW (window)
      && (overlay
          = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))
             != NULL)
    prl_gui_a11y_name_tree (GTK_WIDGET (overlay));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
color_scheme_changed_cb (PrlApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme   value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
prl_application_startup (GApplication *app)
{
  PrlApplication    *self = PRL_APPLICATION (app);
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *new_accels[] = { "<Primary>n", NULL };

  G_APPLICATION_CLASS (prl_application_parent_class)->startup (app);

  /* Screen readers hear what a control does, never its GTK class. */
  prl_gui_a11y_install ();
  /* Cloud jobs that were running when the app last quit (or was killed)
   * continue when a window opens the workspace; they show in its jobs. */
  prl_remote_jobs_set_resume_on_open (TRUE);
  g_signal_connect_after (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-model",
                                         new_accels);

  self->settings = g_settings_new (BASE_APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);
}

static void
prl_application_finalize (GObject *object)
{
  PrlApplication *self = PRL_APPLICATION (object);

  g_free (self->workspace_dir);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (prl_application_parent_class)->finalize (object);
}

static void
prl_application_class_init (PrlApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = prl_application_finalize;
  app_class->activate = prl_application_activate;
  app_class->startup = prl_application_startup;
  app_class->handle_local_options = prl_application_handle_local_options;
}

static void
prl_application_init (PrlApplication *self)
{
  static const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
      N_ ("Open the workspace in DIR instead of the default one"), N_ ("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

PrlApplication *
prl_application_new (void)
{
  return g_object_new (PRL_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path",
                       "/io/github/parlance/Parlance", NULL);
}
