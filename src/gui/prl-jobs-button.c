/* prl-jobs-button.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-jobs-button"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"

#include "prl-jobs-button.h"

/* A header-bar menu button shown while the job manager has active jobs,
 * with the overall progress. Its popover lists every job the manager
 * keeps: title, status text, a progress bar, and a Cancel button while
 * the job is active.
 */
struct _PrlJobsButton
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkListBox     *list_box;
  GtkMenuButton  *menu_button;
  GtkPopover     *popover;
  GtkProgressBar *progress_bar;

  PrlJobManager *manager;  /* (owned) (nullable) */
  GBindingGroup *bindings; /* (owned) */
};

enum
{
  PROP_0,
  PROP_JOB_MANAGER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlJobsButton, prl_jobs_button, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
cancel_clicked_cb (GtkButton *button, PrlJob *job)
{
  prl_job_cancel (job);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  PrlJob          *job = item;
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget       *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget       *title = gtk_label_new (NULL);
  GtkWidget       *status = gtk_label_new (NULL);
  GtkWidget       *bar = gtk_progress_bar_new ();
  GtkWidget       *cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  g_autofree char *cancel_name = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (status), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), status);
  gtk_box_append (GTK_BOX (text), bar);
  gtk_box_append (GTK_BOX (box), text);

  g_object_bind_property (job, "title", title, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (job, "status", status, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (job, "progress", bar, "fraction", G_BINDING_SYNC_CREATE,
                               prl_gui_progress_to_fraction, NULL, NULL, NULL);
  g_object_bind_property (job, "active", cancel, "visible", G_BINDING_SYNC_CREATE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  prl_job_get_title (job), -1);

  /* Translators: %s is a job's title */
  cancel_name = g_strdup_printf (_ ("Cancel “%s”"), prl_job_get_title (job));
  gtk_widget_set_tooltip_text (cancel, _ ("Cancel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cancel_name, -1);
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_add_css_class (cancel, "circular");
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), job, 0);
  gtk_box_append (GTK_BOX (box), cancel);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/**
 * prl_jobs_button_get_job_manager:
 *
 * Returns: (transfer none) (nullable): the job manager shown
 */
PrlJobManager *
prl_jobs_button_get_job_manager (PrlJobsButton *self)
{
  g_return_val_if_fail (PRL_IS_JOBS_BUTTON (self), NULL);
  return self->manager;
}

/**
 * prl_jobs_button_set_job_manager:
 * @manager: (nullable): the job manager to show
 */
void
prl_jobs_button_set_job_manager (PrlJobsButton *self, PrlJobManager *manager)
{
  g_return_if_fail (PRL_IS_JOBS_BUTTON (self));
  g_return_if_fail (manager == NULL || PRL_IS_JOB_MANAGER (manager));

  if (!g_set_object (&self->manager, manager))
    return;

  g_binding_group_set_source (self->bindings, manager);
  if (manager == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (manager),
                           manager ? create_row : NULL, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_MANAGER]);
}

static void
prl_jobs_button_dispose (GObject *object)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_JOBS_BUTTON);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->bindings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (prl_jobs_button_parent_class)->dispose (object);
}

static void
prl_jobs_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_jobs_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PrlJobsButton *self = PRL_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      prl_jobs_button_set_job_manager (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_jobs_button_class_init (PrlJobsButtonClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_jobs_button_dispose;
  object_class->get_property = prl_jobs_button_get_property;
  object_class->set_property = prl_jobs_button_set_property;

  properties[PROP_JOB_MANAGER] = g_param_spec_object (
      "job-manager", NULL, NULL, PRL_TYPE_JOB_MANAGER,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-jobs-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, list_box);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, popover);
  gtk_widget_class_bind_template_child (widget_class, PrlJobsButton, progress_bar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_jobs_button_init (PrlJobsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "has-active", self, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "progress", self->progress_bar, "fraction",
                             G_BINDING_SYNC_CREATE, prl_gui_progress_to_fraction, NULL,
                             NULL, NULL);
}

/**
 * prl_jobs_button_new:
 *
 * Returns: (transfer floating): a new, hidden button
 */
GtkWidget *
prl_jobs_button_new (void)
{
  return g_object_new (PRL_TYPE_JOBS_BUTTON, NULL);
}
