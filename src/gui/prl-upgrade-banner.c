/* prl-upgrade-banner.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-upgrade-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-provider-info.h"
#include "prl-version-ops.h"

#include "prl-upgrade-banner.h"

/* The model details page's "Upgrade available" banner: shown while the
 * model's newest usable version was built on a base its provider has
 * replaced (PrlModel:upgrade-available). Upgrade asks first (what it
 * does, that the old version stays usable, that it cannot be undone),
 * then starts the provider's upgrade off the main thread; the job shows
 * in the jobs indicator like any training.
 */
struct _PrlUpgradeBanner
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkWidget   *upgrade_button;

  PrlWorkspace *workspace; /* (owned) (nullable) */
  PrlModel     *model;     /* (owned) (nullable) */
  gulong        notify_id;
};

G_DEFINE_FINAL_TYPE (PrlUpgradeBanner, prl_upgrade_banner, GTK_TYPE_WIDGET)

/* The version an upgrade replaces: the newest usable one. */
static PrlVersion *
dup_current_version (PrlUpgradeBanner *self)
{
  GListModel *list = prl_workspace_get_versions (self->workspace, self->model);
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  PrlVersion *found;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (versions, g_list_model_get_item (list, i));
  found = prl_workspace_upgradable_version (self->workspace, versions, NULL);
  return found != NULL ? g_object_ref (found) : NULL;
}

static void
update (PrlUpgradeBanner *self)
{
  gboolean shown = self->model != NULL && self->workspace != NULL
                   && prl_model_get_upgrade_available (self->model);
  g_autofree char *text = NULL;

  if (shown)
    {
      const PrlProviderInfo *info
          = prl_provider_info_lookup (prl_model_get_provider (self->model));

      text = g_strdup_printf (
          _ ("Upgrade available: %s has a newer base model than “%s” was built on. "
             "Upgrading trains a new version from the same data; the current version "
             "stays usable until you delete it."),
          info != NULL ? prl_provider_info_get_display_name (info)
                       : prl_model_get_provider (self->model),
          prl_model_get_name (self->model));
      gtk_label_set_label (self->label, text);
    }
  gtk_revealer_set_reveal_child (self->revealer, shown);
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
}

typedef struct
{
  PrlUpgradeBanner *self;    /* (owned) */
  PrlModel         *model;   /* (owned) */
  PrlVersion       *version; /* (owned) */
} Upgrade;

static void
upgrade_free (Upgrade *up)
{
  g_object_unref (up->self);
  g_object_unref (up->model);
  g_object_unref (up->version);
  g_free (up);
}

static void
upgrade_started_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Upgrade *up = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (prl_workspace_upgrade_model_finish (PRL_WORKSPACE (object), result, &error))
    message = g_strdup_printf (_ ("Upgrading “%s”: a new version is training"),
                               prl_model_get_name (up->model));
  else
    message = g_strdup_printf (_ ("Could not upgrade “%s”: %s"),
                               prl_model_get_name (up->model), error->message);
  gtk_widget_set_sensitive (up->self->upgrade_button, TRUE);
  prl_gui_add_toast (GTK_WIDGET (up->self), message);
  upgrade_free (up);
}

static void
response_cb (AdwMessageDialog *dialog, const char *response, Upgrade *up)
{
  g_signal_handlers_disconnect_by_func (dialog, response_cb, up);
  if (g_strcmp0 (response, "upgrade") != 0 || up->self->workspace == NULL)
    {
      upgrade_free (up);
      return;
    }
  gtk_widget_set_sensitive (up->self->upgrade_button, FALSE);
  prl_workspace_upgrade_model_async (up->self->workspace, up->model, up->version, NULL,
                                     upgrade_started_cb, up);
}

/**
 * prl_upgrade_banner_upgrade:
 *
 * Asks, then starts the upgrade of the model's newest usable version.
 */
void
prl_upgrade_banner_upgrade (PrlUpgradeBanner *self)
{
  g_autoptr (PrlVersion) version = NULL;
  g_autofree char  *heading = NULL;
  g_autofree char  *body = NULL;
  GtkRoot          *root;
  AdwMessageDialog *dialog;
  Upgrade          *up;

  g_return_if_fail (PRL_IS_UPGRADE_BANNER (self));

  if (self->workspace == NULL || self->model == NULL)
    return;
  if (!(version = dup_current_version (self)))
    {
      prl_gui_add_toast (GTK_WIDGET (self), _ ("There is no trained version to upgrade"));
      return;
    }
  heading = g_strdup_printf (_ ("Upgrade “%s”?"), prl_model_get_name (self->model));
  body = g_strdup_printf (
      _ ("A new version is trained on the provider’s current base model from the same "
         "data as “%s”, which stays usable until you delete it. On a cloud service "
         "this typically takes hours and counts against the account’s training budget. "
         "An upgrade cannot be undone."),
      prl_version_get_name (version));
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "upgrade",
                                    _ ("_Upgrade"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "upgrade", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  up = g_new0 (Upgrade, 1);
  up->self = g_object_ref (self);
  up->model = g_object_ref (self->model);
  up->version = g_steal_pointer (&version);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), up);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
prl_upgrade_banner_set_workspace (PrlUpgradeBanner *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_UPGRADE_BANNER (self));

  if (g_set_object (&self->workspace, workspace))
    update (self);
}

void
prl_upgrade_banner_set_model (PrlUpgradeBanner *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_UPGRADE_BANNER (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_clear_signal_handler (&self->notify_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->notify_id = g_signal_connect_swapped (model, "notify::upgrade-available",
                                                G_CALLBACK (update), self);
  update (self);
}

static void
prl_upgrade_banner_dispose (GObject *object)
{
  PrlUpgradeBanner *self = PRL_UPGRADE_BANNER (object);

  prl_upgrade_banner_set_model (self, NULL);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_UPGRADE_BANNER);
  prl_gui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (prl_upgrade_banner_parent_class)->dispose (object);
}

static void
prl_upgrade_banner_class_init (PrlUpgradeBannerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_upgrade_banner_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-upgrade-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlUpgradeBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, PrlUpgradeBanner, label);
  gtk_widget_class_bind_template_child (widget_class, PrlUpgradeBanner, upgrade_button);
  gtk_widget_class_bind_template_callback (widget_class, prl_upgrade_banner_upgrade);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_upgrade_banner_init (PrlUpgradeBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/**
 * prl_upgrade_banner_new:
 *
 * Returns: (transfer floating): a hidden banner
 */
GtkWidget *
prl_upgrade_banner_new (void)
{
  return g_object_new (PRL_TYPE_UPGRADE_BANNER, NULL);
}
