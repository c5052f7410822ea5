/* prl-status-badge.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-status-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-core-enums.h"

#include "prl-status-badge.h"

/* A training status as a coloured pill. The colour is never the only
 * cue: the label names the state and the tooltip and accessible
 * description say what it means.
 */
struct _PrlStatusBadge
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkLabel *label;

  PrlTrainingStatus status;
};

enum
{
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlStatusBadge, prl_status_badge, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static const char *const status_classes[] = {
  [PRL_TRAINING_STATUS_NOT_RUNNING] = "status-not-running",
  [PRL_TRAINING_STATUS_READY_TO_RUN] = "status-ready-to-run",
  [PRL_TRAINING_STATUS_RUNNING] = "status-running",
  [PRL_TRAINING_STATUS_SUCCESS] = "status-success",
  [PRL_TRAINING_STATUS_FAILED] = "status-failed",
};

static void
update (PrlStatusBadge *self)
{
  const char *label = prl_training_status_get_label (self->status);
  const char *tooltip = prl_training_status_get_tooltip (self->status);

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), status_classes[self->status]);

  gtk_label_set_label (self->label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
}

static void
prl_status_badge_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_STATUS_BADGE);

  G_OBJECT_CLASS (prl_status_badge_parent_class)->dispose (object);
}

static void
prl_status_badge_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PrlStatusBadge *self = PRL_STATUS_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_status_badge_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PrlStatusBadge *self = PRL_STATUS_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      prl_status_badge_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_status_badge_class_init (PrlStatusBadgeClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_status_badge_dispose;
  object_class->get_property = prl_status_badge_get_property;
  object_class->set_property = prl_status_badge_set_property;

  properties[PROP_STATUS] = g_param_spec_enum (
      "status", NULL, NULL, PRL_TYPE_TRAINING_STATUS, PRL_TRAINING_STATUS_NOT_RUNNING,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-status-badge.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlStatusBadge, label);
  gtk_widget_class_set_css_name (widget_class, "statusbadge");
}

static void
prl_status_badge_init (PrlStatusBadge *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
prl_status_badge_new (void)
{
  return g_object_new (PRL_TYPE_STATUS_BADGE, NULL);
}

PrlTrainingStatus
prl_status_badge_get_status (PrlStatusBadge *self)
{
  g_return_val_if_fail (PRL_IS_STATUS_BADGE (self), PRL_TRAINING_STATUS_NOT_RUNNING);
  return self->status;
}

void
prl_status_badge_set_status (PrlStatusBadge *self, PrlTrainingStatus status)
{
  g_return_if_fail (PRL_IS_STATUS_BADGE (self));
  g_return_if_fail (status <= PRL_TRAINING_STATUS_FAILED);

  if (self->status == status)
    return;

  self->status = status;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}
