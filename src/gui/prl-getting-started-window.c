/* prl-getting-started-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-getting-started-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-getting-started-window.h"

/* The Getting Started guide: four short sections and a button that closes
 * it. It only shows text; whether it was shown is remembered by the
 * Custom Models page, which opens it.
 */
struct _PrlGettingStartedWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkLabel  *after_heading;
  GtkLabel  *audio_heading;
  GtkLabel  *need_heading;
  GtkButton *start_button;
  GtkLabel  *what_heading;
};

G_DEFINE_FINAL_TYPE (PrlGettingStartedWindow, prl_getting_started_window, ADW_TYPE_WINDOW)

static void
prl_getting_started_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_GETTING_STARTED_WINDOW);

  G_OBJECT_CLASS (prl_getting_started_window_parent_class)->dispose (object);
}

static void
prl_getting_started_window_class_init (PrlGettingStartedWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_getting_started_window_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-getting-started-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        after_heading);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        audio_heading);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        need_heading);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        start_button);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        what_heading);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_getting_started_window_init (PrlGettingStartedWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * prl_getting_started_window_new:
 *
 * The caller sets #GtkWindow:transient-for and presents the window.
 *
 * Returns: (transfer none): a new modal guide window
 */
GtkWidget *
prl_getting_started_window_new (void)
{
  return g_object_new (PRL_TYPE_GETTING_STARTED_WINDOW, NULL);
}
