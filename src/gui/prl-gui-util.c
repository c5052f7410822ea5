/* prl-gui-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-gui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"

/* Small pieces every page needs the same way. */

/**
 * prl_gui_add_toast:
 * @widget: any widget inside the window's #AdwToastOverlay
 * @title: plain text
 *
 * Shows a toast; does nothing outside a toast overlay (as in tests).
 */
void
prl_gui_add_toast (GtkWidget *widget, const char *title)
{
  GtkWidget       *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  if (overlay == NULL)
    return;

  /* Toast titles are markup in libadwaita 1.2; names and messages are not. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

typedef struct
{
  PrlConfirmedFunc confirmed;
  gpointer         user_data;
  GDestroyNotify   destroy;
} Confirm;

static void
confirm_response_cb (AdwMessageDialog *dialog, const char *response, Confirm *confirm)
{
  /* Answer once: closing the dialog may report its close response too. */
  g_signal_handlers_disconnect_by_func (dialog, confirm_response_cb, confirm);

  if (g_strcmp0 (response, "delete") == 0)
    confirm->confirmed (confirm->user_data);
  else if (confirm->destroy != NULL)
    confirm->destroy (confirm->user_data);

  g_free (confirm);
}

/**
 * prl_gui_confirm_delete:
 * @confirmed: called with @user_data if the user confirms; it then owns it
 * @destroy: (nullable): frees @user_data if the user does not confirm
 *
 * Asks before deleting, with Cancel as the default answer.
 */
void
prl_gui_confirm_delete (GtkWidget       *widget,
                        const char      *heading,
                        const char      *body,
                        PrlConfirmedFunc confirmed,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  GtkRoot          *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  Confirm          *confirm = g_new0 (Confirm, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete",
                                    _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  confirm->confirmed = confirmed;
  confirm->user_data = user_data;
  confirm->destroy = destroy;
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirm);

  gtk_window_present (GTK_WINDOW (dialog));
}
