/* prl-versions-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-versions-view"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-remote-job.h"
#include "prl-status-badge.h"
#include "prl-version-ops.h"

#include "prl-versions-view.h"

/* The versions of a model, newest first, straight from the workspace's
 * live list: name, creation time, the chosen weight λ (tuned on tuning
 * text or the default) and the perplexities on the tuning text. A list
 * view, so that a model retrained hundreds of times only builds rows for
 * what is on screen.
 *
 * A model that trains on the provider's side (Amazon Transcribe) has no
 * version until the service completes it, so a row above the list shows
 * the training under way or the one that failed, with the training
 * badges: Running while the service says IN_PROGRESS, Failed with the
 * service's FailureReason verbatim and Parlance's reading of it (the
 * model's failure message), and the version's row once COMPLETED.
 * what is on screen. A cloud model's versions are asked about when the
 * model is shown (prl_workspace_refresh_versions_async()): each row says
 * what the service has ("Deleted on the service", "Upgrade available"),
 * and Delete says, before it deletes, that the service's model goes too.
 */
struct _PrlVersionsView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget          *group;
  GtkListView        *list_view;
  GtkNoSelection     *selection;
  GtkWidget          *placeholder_label;
  GtkLabel           *refresh_label;
  GtkListItemFactory *factory;
  AdwActionRow       *training_row;
  PrlStatusBadge     *training_badge;

  PrlWorkspace *workspace;     /* (owned) (nullable) */
  PrlModel     *model;         /* (owned) (nullable) */
  GSignalGroup *model_signals; /* (owned) */
  GCancellable *cancellable;   /* (owned) (nullable): the running refresh */
  GCancellable *reading;       /* (owned) (nullable): the remote job rows */
  char         *remote_name;   /* (owned) (nullable): the training's ModelName */
};

G_DEFINE_FINAL_TYPE (PrlVersionsView, prl_versions_view, GTK_TYPE_WIDGET)

static char *
format_perplexity (double value)
{
  if (value < 0)
    /* Translators: shown for a perplexity that was not measured */
    return g_strdup (_ ("—"));
  return g_strdup_printf ("%.1f", value);
}

/**
 * prl_versions_view_format_weight:
 *
 * Returns: (transfer full): "λ 0.50 (tuned)" or "λ 0.50 (default)"
 */
char *
prl_versions_view_format_weight (PrlVersion *version)
{
  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  if (prl_version_get_tuned (version))
    /* Translators: the weight of the custom language model, chosen on tuning text */
    return g_strdup_printf (_ ("λ %.2f (tuned)"), prl_version_get_lm_weight (version));
  else
    /* Translators: the weight of the custom language model, not tuned */
    return g_strdup_printf (_ ("λ %.2f (default)"), prl_version_get_lm_weight (version));
}

/**
 * prl_versions_view_is_remote:
 *
 * Returns: whether @version was trained on the provider's side (it has no
 *   folder in the workspace)
 */
gboolean
prl_versions_view_is_remote (PrlVersion *version)
{
  const char *directory = prl_version_get_directory (version);

  return directory == NULL || directory[0] == '\0';
}

/**
 * prl_versions_view_format_details:
 *
 * Returns: (transfer full): the creation time in local time, the order,
 *   the word count, where λ came from and the perplexities, on three lines
 */
char *
prl_versions_view_format_details (PrlVersion *version)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *created = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *stock = NULL;
  g_autofree char *mixture = NULL;
  g_autofree char *words = NULL;
  g_autofree char *n_words = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *stock_fit = NULL;

  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  if (prl_version_get_created (version) != NULL)
    {
      local = g_date_time_to_local (prl_version_get_created (version));
      /* Translators: a g_date_time_format() format for when a version was made */
      created = g_date_time_format (local, _ ("%-d %B %Y at %H:%M"));
    }
  /* A cloud version: the service trained it; what it was built on is all
   * there is to say. */
  if (prl_version_get_remote_status (version) != PRL_REMOTE_STATUS_NONE)
    /* Translators: "Created 21 November 2026 at 15:30 · built on WideBand" */
    return g_strdup_printf (_ ("Created %s · built on %s"), created ? created : "",
                            prl_version_get_base_model_id (version));
  custom = format_perplexity (prl_version_get_custom_perplexity (version));
  stock = format_perplexity (prl_version_get_stock_perplexity (version));
  reason = prl_version_describe_weight (version);
  /* The plain stock perplexity counts every word the stock model does not
   * know at 10^-99 (1e12 on domain text): say what it is made of instead. */
  if ((stock_fit = prl_version_describe_stock_fit (version)) != NULL)
    {
      g_free (stock);
      /* Translators: replaces the stock perplexity, e.g. "(perplexity 183 on
       * known words; 12.4 % of words unknown to the stock model)" */
      stock = g_strdup_printf (_ ("(%s)"), stock_fit);
    }
  mixture = format_perplexity (prl_version_get_mixture_perplexity (version));
  n_words = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_version_get_n_words (version));
  words = g_strdup_printf (g_dngettext (NULL, "%s word", "%s words",
                                        (gulong)prl_version_get_n_words (version)),
                           n_words);

  /* Translators: "Created 21 November 2026 at 15:30 · order 3 · 1200 words",
   * then where the weight λ came from ("tuned on held-out training text (30
   * sentences)"), then the perplexities of the custom, stock and mixed
   * language models on that text */
  return g_strdup_printf (_ ("Created %s · order %u · %s\n"
                             "Weight λ: %s\n"
                             "Perplexity: custom %s, stock %s, mixture %s"),
                          created ? created : "", prl_version_get_order (version), words,
                          reason, custom, stock, mixture);
}

typedef struct
{
  PrlVersionsView *self;    /* (owned) */
  PrlModel        *model;   /* (owned) */
  PrlVersion      *version; /* (owned) */
  char            *name;
} DeleteVersion;

static void
delete_version_free (gpointer data)
{
  DeleteVersion *dv = data;

  g_object_unref (dv->self);
  g_object_unref (dv->model);
  g_object_unref (dv->version);
  g_free (dv->name);
  g_free (dv);
}

static void
delete_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  DeleteVersion *dv = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (prl_workspace_delete_version_finish (PRL_WORKSPACE (object), result, &error))
    message = g_strdup_printf (_ ("Deleted version “%s”"), dv->name);
  else
    message = g_strdup_printf (_ ("Could not delete “%s”: %s"), dv->name, error->message);
  prl_gui_add_toast (GTK_WIDGET (dv->self), message);
  delete_version_free (dv);
}

static void
delete_confirmed (gpointer user_data)
{
  DeleteVersion *dv = user_data;

  if (dv->self->workspace == NULL)
    {
      delete_version_free (dv);
      return;
    }
  prl_workspace_delete_version_async (dv->self->workspace, dv->model, dv->version, NULL,
                                      delete_done_cb, dv);
}

static void
delete_clicked_cb (GtkButton *button, PrlVersionsView *self)
{
  PrlVersion      *version = g_object_get_data (G_OBJECT (button), "version");
  g_autofree char *reason = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  DeleteVersion   *dv;

  if (version == NULL || self->workspace == NULL || self->model == NULL)
    return;
  /* The roles rule, said before asking rather than after. */
  if (!prl_workspace_can_delete_models (self->workspace, &reason))
    {
      prl_gui_add_toast (GTK_WIDGET (self), reason);
      return;
    }
  heading = g_strdup_printf (_ ("Delete “%s”?"), prl_version_get_name (version));
  if (prl_workspace_version_is_remote (self->workspace, self->model, version))
    body = g_strdup_printf (
        _ ("The language model “%s” is also deleted on the service, in the account "
           "“%s”, and can no longer transcribe anywhere. Its evaluation results are "
           "deleted too. This cannot be undone."),
        prl_version_get_name (version), prl_model_get_account (self->model));
  else
    body = g_strdup (_ ("Its files and evaluation results are deleted. This cannot be "
                        "undone."));
  dv = g_new0 (DeleteVersion, 1);
  dv->self = g_object_ref (self);
  dv->model = g_object_ref (self->model);
  dv->version = g_object_ref (version);
  dv->name = g_strdup (prl_version_get_name (version));
  prl_gui_confirm_delete (GTK_WIDGET (self), heading, body, delete_confirmed, dv,
                          delete_version_free);
}

static GtkWidget *
badge_new (const char *style)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "version-badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_set_visible (badge, FALSE);
  return badge;
}

static void
row_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  PrlVersionsView *self = g_object_get_data (G_OBJECT (factory), "view");
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *weight = gtk_label_new (NULL);
  GtkWidget       *remote = badge_new ("remote");
  GtkWidget       *upgrade = badge_new ("upgrade");
  GtkWidget       *trash = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget       *box;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_set_valign (weight, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (weight,
                               _ ("The weight of the custom language against the stock "
                                  "one"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), weight);
  g_object_set_data (G_OBJECT (row), "weight", weight);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remote);
  g_object_set_data (G_OBJECT (row), "remote", remote);
  gtk_widget_set_tooltip_text (upgrade,
                               _ ("The service has a newer base model than this version "
                                  "was built on"));
  gtk_label_set_label (GTK_LABEL (upgrade), _ ("Upgrade available"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), upgrade);
  g_object_set_data (G_OBJECT (row), "upgrade", upgrade);
  gtk_widget_set_valign (trash, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (trash, "flat");
  gtk_widget_set_tooltip_text (trash, _ ("Delete this version"));
  g_signal_connect (trash, "clicked", G_CALLBACK (delete_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), trash);
  g_object_set_data (G_OBJECT (row), "delete", trash);

  /* The row lives in a one-row list box: a GtkListBoxRow outside a list
   * box cannot take the focus (its grab_focus wants the box), and the
   * list view moves the focus onto a row when the versions are replaced
   * under it (a refresh, a delete). */
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "version-row-box");
  gtk_list_box_append (GTK_LIST_BOX (box), row);
  g_object_set_data (G_OBJECT (box), "row", row);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

/* A version on a base its provider no longer offers cannot be chosen:
 * its row is dimmed and says why, while Delete stays at hand (the row
 * itself stays sensitive for that). */
static void
mark_base_removed (GtkWidget *row, PrlVersion *version)
{
  g_autofree char *reason = prl_version_dup_base_removed_reason (version);
  GtkWidget       *remote = g_object_get_data (G_OBJECT (row), "remote");

  gtk_widget_set_tooltip_text (row, reason);
  if (reason != NULL)
    {
      gtk_widget_add_css_class (row, "dim-label");
      gtk_widget_add_css_class (remote, "error");
    }
  else
    {
      gtk_widget_remove_css_class (row, "dim-label");
      gtk_widget_remove_css_class (remote, "error");
    }
}

static void
row_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  PrlVersion *version = gtk_list_item_get_item (item);
  GtkWidget  *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "row");
  g_autofree char *weight_text = prl_versions_view_format_weight (version);
  g_autofree char *details = prl_versions_view_format_details (version);
  GtkWidget       *remote = g_object_get_data (G_OBJECT (row), "remote");
  GtkWidget       *trash = g_object_get_data (G_OBJECT (row), "delete");
  const char      *remote_text
      = prl_remote_status_to_label (prl_version_get_remote_status (version));
  g_autofree char *delete_label
      = g_strdup_printf (_ ("Delete the version %s"), prl_version_get_name (version));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 prl_version_get_name (version));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
  /* A cloud version has no λ: the service chose how to use its text. */
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "weight"),
                          prl_version_get_remote_status (version)
                              == PRL_REMOTE_STATUS_NONE);
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "weight"), weight_text);
  gtk_label_set_label (GTK_LABEL (remote), remote_text);
  gtk_widget_set_visible (remote, remote_text[0] != '\0');
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "upgrade"),
                          prl_version_get_upgrade_available (version)
                              && prl_version_is_usable (version));
  mark_base_removed (row, version);
  g_object_set_data_full (G_OBJECT (trash), "version", g_object_ref (version),
                          g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (trash), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_label, -1);
}

static void
update_placeholder (PrlVersionsView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  gtk_widget_set_visible (self->placeholder_label, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->list_view), !empty);
}

/* The model's latest training on the provider's side, read from the
 * store: its ModelName names the pending row. */
static void
remote_jobs_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlVersionsView *self = user_data;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  const PrlRemoteJobRecord *last = NULL;
  const char               *kind = NULL;

  records = prl_store_list_remote_jobs_finish (PRL_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  if (records == NULL || self->model == NULL
      || !prl_remote_job_lookup_trainer (prl_model_get_provider (self->model), &kind))
    return;
  for (guint i = 0; i < records->len; i++)
    {
      const PrlRemoteJobRecord *r = g_ptr_array_index (records, i);

      if (r->model_id == prl_model_get_id (self->model) && g_strcmp0 (r->kind, kind) == 0
          && r->state != NULL && (last == NULL || r->id > last->id))
        last = r;
    }
  g_clear_pointer (&self->remote_name, g_free);
  if (last != NULL)
    {
      g_autoptr (JsonNode) node = json_from_string (last->state, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        self->remote_name = g_strdup (json_object_get_string_member_with_default (
            json_node_get_object (node), "remote_name", NULL));
    }
  if (self->remote_name != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->training_row),
                                   self->remote_name);
}

/* The row of the training under way or failed, for a model that trains
 * on the provider's side. */
static void
update_training_row (PrlVersionsView *self)
{
  PrlTrainingStatus status;
  g_autofree char  *failure = NULL;
  gboolean          shown;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);

  shown = self->workspace != NULL && self->model != NULL
          && prl_remote_job_lookup_trainer (prl_model_get_provider (self->model), NULL);
  status = shown ? prl_model_get_status (self->model) : PRL_TRAINING_STATUS_NOT_RUNNING;
  shown = shown
          && (status == PRL_TRAINING_STATUS_RUNNING
              || status == PRL_TRAINING_STATUS_FAILED);
  gtk_widget_set_visible (GTK_WIDGET (self->training_row), shown);
  if (!shown)
    return;

  prl_status_badge_set_status (self->training_badge, status);
  adw_preferences_row_set_title (
      ADW_PREFERENCES_ROW (self->training_row),
      self->remote_name ? self->remote_name : _ ("Training on the provider’s side"));
  if (status == PRL_TRAINING_STATUS_RUNNING)
    adw_action_row_set_subtitle (
        self->training_row,
        _ ("In progress on Amazon’s side; this typically takes hours. The version "
           "appears here when the provider completes it."));
  else
    {
      const char *code = prl_model_get_failure_code (self->model);
      const char *message = prl_model_get_failure_message (self->model);

      /* Translators: a failure code, then the service's reason verbatim and
       * Parlance's reading of it, on lines of their own */
      failure = g_strdup_printf (_ ("Failed (%s):\n%s"), code ? code : "training_failed",
                                 message ? message : "");
      adw_action_row_set_subtitle (self->training_row, failure);
    }
  self->reading = g_cancellable_new ();
  prl_store_list_remote_jobs_async (prl_workspace_get_store (self->workspace),
                                    self->reading, remote_jobs_read_cb, self);
}

static void
refreshed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlVersionsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autofree char *message = NULL;

  versions
      = prl_workspace_refresh_versions_finish (PRL_WORKSPACE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Shown, not retried: the stored state stays on screen. */
  if (versions == NULL)
    message = g_strdup_printf (_ ("Could not ask the service about these versions: %s"),
                               error->message);
  gtk_label_set_label (self->refresh_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_label), message != NULL);
}

static void
rebind (PrlVersionsView *self)
{
  GListModel *versions = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_label), FALSE);
  if (self->workspace != NULL && self->model != NULL)
    versions = prl_workspace_get_versions (self->workspace, self->model);

  gtk_no_selection_set_model (self->selection, versions);
  update_placeholder (self);
  g_clear_pointer (&self->remote_name, g_free);
  update_training_row (self);

  /* A cloud model's versions may have changed on the service; a local
   * model's base may have been replaced (a package upgrade), which only
   * its versions' comparison with the current base tells. */
  if (versions != NULL
      && (prl_model_get_account (self->model) != NULL
          || !prl_workspace_model_is_remote (self->workspace, self->model)))
    {
      self->cancellable = g_cancellable_new ();
      prl_workspace_refresh_versions_async (self->workspace, self->model,
                                            self->cancellable, refreshed_cb,
                                            g_object_ref (self));
    }
}

/**
 * prl_versions_view_refresh:
 *
 * Reads the versions again and asks the provider about them (a cloud
 * model's status, a newer base), as showing the model does.
 */
void
prl_versions_view_refresh (PrlVersionsView *self)
{
  g_return_if_fail (PRL_IS_VERSIONS_VIEW (self));

  rebind (self);
}

/**
 * prl_versions_view_set_workspace:
 * @workspace: (nullable):
 */
void
prl_versions_view_set_workspace (PrlVersionsView *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_VERSIONS_VIEW (self));

  if (g_set_object (&self->workspace, workspace))
    rebind (self);
}

/**
 * prl_versions_view_set_model:
 * @model: (nullable):
 */
void
prl_versions_view_set_model (PrlVersionsView *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_VERSIONS_VIEW (self));

  if (g_set_object (&self->model, model))
    {
      g_signal_group_set_target (self->model_signals, model);
      rebind (self);
    }
}

static void
prl_versions_view_dispose (GObject *object)
{
  PrlVersionsView *self = PRL_VERSIONS_VIEW (object);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  g_clear_pointer (&self->remote_name, g_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    gtk_no_selection_set_model (self->selection, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_VERSIONS_VIEW);
  prl_gui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (prl_versions_view_parent_class)->dispose (object);
}

static void
prl_versions_view_class_init (PrlVersionsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_versions_view_dispose;

  g_type_ensure (PRL_TYPE_STATUS_BADGE);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-versions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, group);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, selection);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, training_row);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, training_badge);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, PrlVersionsView, factory);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_placeholder);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_versions_view_init (PrlVersionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->model_signals = g_signal_group_new (PRL_TYPE_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "notify::status",
                                  G_CALLBACK (update_training_row), self);
  /* The rows' Delete buttons reach the view through their factory. */
  g_object_set_data (G_OBJECT (self->factory), "view", self);
  update_placeholder (self);
}

/**
 * prl_versions_view_new:
 *
 * Returns: (transfer floating): a new, empty view
 */
GtkWidget *
prl_versions_view_new (void)
{
  return g_object_new (PRL_TYPE_VERSIONS_VIEW, NULL);
}
