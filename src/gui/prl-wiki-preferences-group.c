/* prl-wiki-preferences-group.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wiki-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-wiki-client.h"
#include "prl-wiki-preferences-group.h"

/* The Preferences row of the "wiki-api-url" setting: the address is only
 * saved when it is an http(s) URL of an API (checked as the client will);
 * otherwise the row says why and the setting keeps its old value. */

struct _PrlWikiPreferencesGroup
{
  AdwPreferencesGroup parent_instance;

  AdwEntryRow *url_row;
  GtkLabel    *url_error_label;

  GSettings *settings; /* (owned) */
};

G_DEFINE_FINAL_TYPE (PrlWikiPreferencesGroup,
                     prl_wiki_preferences_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
show_error (PrlWikiPreferencesGroup *self, const char *message)
{
  gtk_label_set_label (self->url_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
on_apply_cb (PrlWikiPreferencesGroup *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));

  if (!prl_wiki_check_api_url (url, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_settings_set_string (self->settings, "wiki-api-url", url);
}

static void
on_reset_cb (PrlWikiPreferencesGroup *self)
{
  g_autofree char *url = NULL;

  g_settings_reset (self->settings, "wiki-api-url");
  url = g_settings_get_string (self->settings, "wiki-api-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  show_error (self, NULL);
}

static void
prl_wiki_preferences_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_WIKI_PREFERENCES_GROUP);
  g_clear_object (&PRL_WIKI_PREFERENCES_GROUP (object)->settings);
  G_OBJECT_CLASS (prl_wiki_preferences_group_parent_class)->dispose (object);
}

static void
prl_wiki_preferences_group_class_init (PrlWikiPreferencesGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = prl_wiki_preferences_group_dispose;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-wiki-preferences-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlWikiPreferencesGroup, url_row);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiPreferencesGroup,
                                        url_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_cb);
}

static void
prl_wiki_preferences_group_init (PrlWikiPreferencesGroup *self)
{
  g_autofree char *url = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (BASE_APP_ID);
  url = g_settings_get_string (self->settings, "wiki-api-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
}
