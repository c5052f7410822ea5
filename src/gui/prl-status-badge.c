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
  gboolean          upgrading;
};

enum
{
  PROP_0,
  PROP_STATUS,
  PROP_UPGRADING,
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

/* An upgrade is a training (status Running) that the user should tell
 * apart: the versions it replaces stay usable meanwhile. */
static gboolean
shows_upgrading (PrlStatusBadge *self)
{
  return self->upgrading && self->status == PRL_TRAINING_STATUS_RUNNING;
}

static void
update (PrlStatusBadge *self)
{
  gboolean    upgrading = shows_upgrading (self);
  const char *label
      = upgrading ? _ ("Upgrading") : prl_training_status_get_label (self->status);
  const char *tooltip
      = upgrading ? _ ("A new version is training on the provider’s current base model. "
                       "The existing versions keep working; the model cannot be edited "
                       "until the upgrade ends.")
                  : prl_training_status_get_tooltip (self->status);

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), status_classes[i]);
  gtk_widget_remove_css_class (GTK_WIDGET (self->label), "status-upgrading");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), upgrading
                                                          ? "status-upgrading"
                                                          : status_classes[self->status]);

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

    case PROP_UPGRADING:
      g_value_set_boolean (value, self->upgrading);
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

    case PROP_UPGRADING:
      prl_status_badge_set_upgrading (self, g_value_get_boolean (value));
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
  /* PrlModel:upgrading: a Running status then reads "Upgrading". */
  properties[PROP_UPGRADING] = g_param_spec_boolean (
      "upgrading", NULL, NULL, FALSE,
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

gboolean
prl_status_badge_get_upgrading (PrlStatusBadge *self)
{
  g_return_val_if_fail (PRL_IS_STATUS_BADGE (self), FALSE);
  return self->upgrading;
}

void
prl_status_badge_set_upgrading (PrlStatusBadge *self, gboolean upgrading)
{
  g_return_if_fail (PRL_IS_STATUS_BADGE (self));

  upgrading = !!upgrading;
  if (self->upgrading == upgrading)
    return;

  self->upgrading = upgrading;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPGRADING]);
}
