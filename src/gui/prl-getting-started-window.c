/* prl-getting-started-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-getting-started-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-sample.h"
#include "prl-window.h"

#include "prl-getting-started-window.h"

/* The Getting Started guide: four short sections, a button that imports
 * the bundled sample into a new model and opens it in the main window
 * (which the guide is transient for) — then, unless unchecked, trains and
 * evaluates it there and lands on the leaderboard, as `parlance-cli
 * quickstart` does — and a button that closes the guide. The buttons sit
 * below the scrolled text, so they show without scrolling.
 * Whether it was shown is remembered by the Custom Models page, which
 * opens it.
 */
struct _PrlGettingStartedWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkLabel       *after_heading;
  GtkLabel       *audio_heading;
  GtkLabel       *need_heading;
  GtkButton      *sample_button;
  GtkLabel       *sample_error;
  GtkSpinner     *sample_spinner;
  GtkLabel       *sample_status;
  GtkButton      *start_button;
  GtkCheckButton *train_check;
  GtkLabel       *what_heading;

  /* Owned References */
  GCancellable *cancellable; /* (nullable): while the sample is imported */
};

G_DEFINE_FINAL_TYPE (PrlGettingStartedWindow, prl_getting_started_window, ADW_TYPE_WINDOW)

static void
set_importing (PrlGettingStartedWindow *self, gboolean importing)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.try-sample", !importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->train_check), !importing);
  gtk_spinner_set_spinning (self->sample_spinner, importing);
  gtk_widget_set_visible (GTK_WIDGET (self->sample_spinner), importing);
  gtk_widget_set_visible (GTK_WIDGET (self->sample_status), importing);
}

static void
show_sample_error (PrlGettingStartedWindow *self, const char *message)
{
  gtk_label_set_label (self->sample_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->sample_error), TRUE);
}

static void
sample_imported_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlGettingStartedWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) model
      = prl_sample_import_finish (PRL_WORKSPACE (object), result, &error);
  GtkWindow *main_window;

  /* The guide was closed meanwhile. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->cancellable);
  set_importing (self, FALSE);
  if (model == NULL)
    {
      show_sample_error (self, error->message);
      return;
    }

  main_window = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (PRL_IS_WINDOW (main_window))
    {
      prl_window_show_model (PRL_WINDOW (main_window), model);
      if (gtk_check_button_get_active (self->train_check))
        prl_window_train_and_evaluate (PRL_WINDOW (main_window), model);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
try_sample_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlGettingStartedWindow *self = PRL_GETTING_STARTED_WINDOW (widget);
  GtkWindow               *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));
  PrlWorkspace            *workspace = NULL;

  if (self->cancellable != NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->sample_error), FALSE);
  if (PRL_IS_WINDOW (main_window))
    workspace = prl_window_get_workspace (PRL_WINDOW (main_window));
  if (workspace == NULL)
    {
      show_sample_error (self,
                         _ ("The workspace is not open yet; try again in a moment"));
      return;
    }

  gtk_label_set_label (self->sample_status, _ ("Creating the model and importing the "
                                               "sample…"));
  set_importing (self, TRUE);
  self->cancellable = g_cancellable_new ();
  prl_sample_import_async (workspace, NULL, self->cancellable, sample_imported_cb,
                           g_object_ref (self));
}

/* Quick Setup opens over the main window, where it lands. */
static void
quick_setup_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (main_window == NULL
      || !gtk_widget_activate_action (GTK_WIDGET (main_window), "win.quick-setup", NULL))
    {
      show_sample_error (PRL_GETTING_STARTED_WINDOW (widget),
                         _ ("The workspace is not open yet; try again in a moment"));
      return;
    }
  gtk_window_close (GTK_WINDOW (widget));
}

static void
prl_getting_started_window_dispose (GObject *object)
{
  PrlGettingStartedWindow *self = PRL_GETTING_STARTED_WINDOW (object);

  /* Closing the guide abandons the sample; nothing half-imported stays.
   * The cancellable lives on so that the callback can tell.
   */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_GETTING_STARTED_WINDOW);

  G_OBJECT_CLASS (prl_getting_started_window_parent_class)->dispose (object);
}

static void
prl_getting_started_window_finalize (GObject *object)
{
  PrlGettingStartedWindow *self = PRL_GETTING_STARTED_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (prl_getting_started_window_parent_class)->finalize (object);
}

static void
prl_getting_started_window_class_init (PrlGettingStartedWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_getting_started_window_dispose;
  object_class->finalize = prl_getting_started_window_finalize;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-getting-started-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        after_heading);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        audio_heading);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        need_heading);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        sample_button);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        sample_error);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        sample_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        sample_status);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        start_button);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        train_check);
  gtk_widget_class_bind_template_child (widget_class, PrlGettingStartedWindow,
                                        what_heading);

  gtk_widget_class_install_action (widget_class, "guide.try-sample", NULL,
                                   try_sample_action);
  gtk_widget_class_install_action (widget_class, "guide.quick-setup", NULL,
                                   quick_setup_action);

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
