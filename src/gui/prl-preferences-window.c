/* prl-preferences-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-dataset.h"
#include "prl-gui-util.h"
#include "prl-store.h"

#include "prl-accounts-page.h"
#include "prl-preferences-window.h"
#include "prl-wiki-preferences-group.h"

/* Preferences: the colour scheme (GSettings, applied by PrlApplication)
 * and whether the workspace is encrypted at rest (turning it on also
 * converts what is stored). The switch only shows
 * the new state once the workspace has saved it (and, when turning
 * encryption on, found or made the key in the keyring); until then it is
 * insensitive, and on failure it goes back with the reason below it.
 */
struct _PrlPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwComboRow  *color_scheme_row;
  GtkLabel     *encrypt_error_label;
  GtkRevealer  *encrypt_error_revealer;
  AdwActionRow *encrypt_row;
  GtkSpinner   *encrypt_spinner;
  GtkSwitch    *encrypt_switch;

  PrlWorkspace *workspace; /* (owned) */
  GSettings    *settings;  /* (owned) */

  guint busy : 1;
  guint syncing : 1;
};

enum
{
  PROP_0,
  PROP_WORKSPACE,
};

G_DEFINE_FINAL_TYPE (PrlPreferencesWindow,
                     prl_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The colour scheme row lists the schema's choices in this order. */
static const char *const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

static void
show_error (PrlPreferencesWindow *self, const char *message)
{
  if (message != NULL)
    gtk_label_set_label (self->encrypt_error_label, message);
  gtk_revealer_set_reveal_child (self->encrypt_error_revealer, message != NULL);
}

/* Puts the switch where the workspace is. */
static void
sync_switch (PrlPreferencesWindow *self)
{
  gboolean encrypt = self->workspace && prl_workspace_get_encrypt_blobs (self->workspace);

  self->syncing = TRUE;
  gtk_switch_set_active (self->encrypt_switch, encrypt);
  gtk_switch_set_state (self->encrypt_switch, encrypt);
  self->syncing = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->encrypt_switch),
                            self->workspace != NULL && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->encrypt_spinner), self->busy);
  gtk_spinner_set_spinning (self->encrypt_spinner, self->busy);
}

/* Parlance's own errors say what happened in words; anything else comes
 * from the Secret Service (D-Bus or libsecret), whose messages name
 * D-Bus object paths such as /org/freedesktop/secrets/collection/login.
 * Those mean no usable keyring: say that, and what to do. */
static char *
describe_encrypt_error (const GError *error, gboolean turning_on)
{
  if (error->domain == PRL_DATASET_ERROR || error->domain == PRL_STORE_ERROR)
    /* Translators: %s says why */
    return g_strdup_printf (_ ("The setting was not changed: %s"), error->message);

  if (turning_on)
    return g_strdup (
        _ ("The setting was not changed: encryption needs your keyring to keep "
           "the workspace’s key, and no unlocked keyring could be reached. "
           "Unlock the login keyring (in Passwords and Keys), or log in to a "
           "desktop session that runs one, and try again."));
  return g_strdup (
      _ ("The setting was not changed: the workspace’s key is in your keyring, "
         "and no unlocked keyring could be reached to read it. Unlock the login "
         "keyring (in Passwords and Keys) and try again."));
}

static void
set_encrypt_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  self->busy = FALSE;

  /* Closed meanwhile: the workspace kept the outcome, nothing to show. */
  if (self->encrypt_switch == NULL)
    return;

  if (!prl_workspace_set_encrypt_blobs_finish (PRL_WORKSPACE (object), result, &error))
    {
      g_debug ("Changing encryption failed: %s", error->message);
      message
          = describe_encrypt_error (error, gtk_switch_get_active (self->encrypt_switch));
    }

  show_error (self, message);
  sync_switch (self);
}

static gboolean
on_encrypt_state_set_cb (PrlPreferencesWindow *self, gboolean state, GtkSwitch *sw)
{
  if (self->syncing || self->workspace == NULL)
    return FALSE;

  if (self->busy)
    return TRUE;

  if (state == prl_workspace_get_encrypt_blobs (self->workspace))
    return FALSE;

  self->busy = TRUE;
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encrypt_switch), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->encrypt_spinner), TRUE);
  gtk_spinner_set_spinning (self->encrypt_spinner, TRUE);

  /* No cancellable: once asked, the workspace finishes saving even if the
   * window is closed meanwhile.
   */
  prl_workspace_set_encrypt_blobs_async (self->workspace, state, NULL, set_encrypt_cb,
                                         g_object_ref (self));

  /* The switch keeps showing the old state until the change is saved. */
  return TRUE;
}

static void
workspace_encrypt_changed_cb (PrlPreferencesWindow *self)
{
  if (!self->busy)
    sync_switch (self);
}

static void
prl_preferences_window_constructed (GObject *object)
{
  PrlPreferencesWindow *self = PRL_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (prl_preferences_window_parent_class)->constructed (object);

  /* Follow changes made elsewhere, when the workspace tells about them. */
  if (self->workspace != NULL
      && g_object_class_find_property (G_OBJECT_GET_CLASS (self->workspace),
                                       "encrypt-blobs")
             != NULL)
    g_signal_connect_object (self->workspace, "notify::encrypt-blobs",
                             G_CALLBACK (workspace_encrypt_changed_cb), self,
                             G_CONNECT_SWAPPED);

  sync_switch (self);
}

static void
prl_preferences_window_dispose (GObject *object)
{
  PrlPreferencesWindow *self = PRL_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_settings_unbind (self->color_scheme_row, "selected");

  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (prl_preferences_window_parent_class)->dispose (object);
}

static void
prl_preferences_window_finalize (GObject *object)
{
  PrlPreferencesWindow *self = PRL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (prl_preferences_window_parent_class)->finalize (object);
}

static void
prl_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PrlPreferencesWindow *self = PRL_PREFERENCES_WINDOW (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, NULL))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PrlPreferencesWindow *self = PRL_PREFERENCES_WINDOW (object);

  if (!prl_gui_init_workspace_property (pspec, value, &self->workspace, NULL))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_preferences_window_class_init (PrlPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prl_preferences_window_constructed;
  object_class->dispose = prl_preferences_window_dispose;
  object_class->finalize = prl_preferences_window_finalize;
  object_class->get_property = prl_preferences_window_get_property;
  object_class->set_property = prl_preferences_window_set_property;

  /**
   * PrlPreferencesWindow:workspace: (nullable)
   *
   * The workspace whose settings are shown; without one, the workspace
   * settings are insensitive.
   */
  prl_gui_install_construct_workspace (object_class, PROP_WORKSPACE, 0);

  g_type_ensure (PRL_TYPE_ACCOUNTS_PAGE);
  g_type_ensure (PRL_TYPE_WIKI_PREFERENCES_GROUP);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlPreferencesWindow,
                                        color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, PrlPreferencesWindow,
                                        encrypt_error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlPreferencesWindow,
                                        encrypt_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlPreferencesWindow, encrypt_row);
  gtk_widget_class_bind_template_child (widget_class, PrlPreferencesWindow,
                                        encrypt_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrlPreferencesWindow,
                                        encrypt_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_encrypt_state_set_cb);
}

static void
prl_preferences_window_init (PrlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row,
                                "selected", G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping, NULL,
                                NULL);
}

/**
 * prl_preferences_window_new:
 * @workspace: (nullable): the open workspace
 *
 * The caller sets #GtkWindow:transient-for and presents the window.
 *
 * Returns: (transfer none): a new preferences window
 */
GtkWidget *
prl_preferences_window_new (PrlWorkspace *workspace)
{
  g_return_val_if_fail (workspace == NULL || PRL_IS_WORKSPACE (workspace), NULL);

  return g_object_new (PRL_TYPE_PREFERENCES_WINDOW, "workspace", workspace, NULL);
}

/**
 * prl_preferences_window_get_workspace:
 *
 * Returns: (transfer none) (nullable): the workspace
 */
PrlWorkspace *
prl_preferences_window_get_workspace (PrlPreferencesWindow *self)
{
  g_return_val_if_fail (PRL_IS_PREFERENCES_WINDOW (self), NULL);
  return self->workspace;
}
