/* prl-improve-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-improve-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-improve-job.h"
#include "prl-improve.h"
#include "prl-quick-setup-pairs.h"
#include "prl-wiki-client.h"
#include "prl-wiki-fetch-job.h"

#include "prl-improve-dialog.h"

/* Improve on the Evaluation page: how many self-heal rounds (1–20, 3 by
 * default), the context keywords (the model's own, from its wiki text's
 * provenance, to edit) and the wiki of Preferences. Improve starts a
 * PrlImproveJob on the workspace's job manager, like a training, so its
 * progress and Cancel are in the jobs list; the dialog hands the job to
 * the page with ::job-started and closes. */

struct _PrlImproveDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkLabel      *error_label;
  AdwEntryRow   *keywords_row;
  GtkSpinButton *rounds_spin;
  GtkWidget     *start_button;
  AdwActionRow  *wiki_row;

  PrlWorkspace *workspace; /* (owned) */
  PrlModel     *model;     /* (owned) */
  char         *api_url;
};

G_DEFINE_FINAL_TYPE (PrlImproveDialog, prl_improve_dialog, ADW_TYPE_WINDOW)

enum
{
  JOB_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (PrlImproveDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_changed_cb (PrlImproveDialog *self)
{
  show_error (self, NULL);
}

/**
 * prl_improve_dialog_dup_model_keywords:
 * @datasets: (element-type PrlDataset): a model's datasets
 *
 * Returns: (transfer full): the keywords the model's wiki text was
 *   fetched with, in order and once each; self-heal rounds' own lookups
 *   (missed words) are left out, as they are no context
 */
char **
prl_improve_dialog_dup_model_keywords (GListModel *datasets)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; datasets != NULL && i < g_list_model_get_n_items (datasets); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (datasets, i);
      gboolean self_heal = FALSE;
      g_auto (GStrv) keywords = prl_improve_dup_keywords (dataset, &self_heal);

      for (guint j = 0; !self_heal && keywords != NULL && keywords[j] != NULL; j++)
        {
          const char *word = keywords[j];
          char       *key;

          if (*word == '\0')
            continue;
          key = g_utf8_casefold (word, -1);
          if (!g_hash_table_add (seen, key))
            continue;
          g_strv_builder_add (builder, word);
        }
    }
  return g_strv_builder_end (builder);
}

/**
 * prl_improve_dialog_start:
 *
 * Checks the rounds and the wiki, then starts the job on the workspace's
 * job manager and emits ::job-started. A refusal is shown in the dialog.
 *
 * Returns: whether the job started
 */
gboolean
prl_improve_dialog_start (PrlImproveDialog *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PrlImproveJob) job = NULL;
  g_auto (GStrv) keywords = NULL;
  PrlImproveOptions options = { 0 };
  int               rounds;

  g_return_val_if_fail (PRL_IS_IMPROVE_DIALOG (self), FALSE);

  keywords = prl_wiki_parse_keywords (
      gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)));
  if (prl_quick_setup_check_rounds (
          gtk_editable_get_text (GTK_EDITABLE (self->rounds_spin)), 1, 20, &rounds,
          &local_error)
      && prl_wiki_check_api_url (self->api_url, &local_error))
    {
      options.rounds = rounds;
      options.wiki_api = self->api_url;
      options.keywords = (const char *const *)keywords;
      job = prl_improve_job_new (self->workspace, self->model, &options, &local_error);
    }
  if (job == NULL)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  prl_job_manager_run (prl_workspace_get_job_manager (self->workspace), PRL_JOB (job));
  g_signal_emit (self, signals[JOB_STARTED], 0, job);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
start_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  prl_improve_dialog_start (PRL_IMPROVE_DIALOG (widget), NULL);
}

/* The wiki to fetch from; by default the "wiki-api-url" setting. */
void
prl_improve_dialog_set_api_url (PrlImproveDialog *self, const char *api_url)
{
  g_return_if_fail (PRL_IS_IMPROVE_DIALOG (self));
  g_free (self->api_url);
  self->api_url = g_strdup (api_url);
  adw_action_row_set_subtitle (self->wiki_row, api_url);
}

static void
prl_improve_dialog_dispose (GObject *object)
{
  PrlImproveDialog *self = PRL_IMPROVE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_IMPROVE_DIALOG);
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (prl_improve_dialog_parent_class)->dispose (object);
}

static void
prl_improve_dialog_finalize (GObject *object)
{
  g_free (PRL_IMPROVE_DIALOG (object)->api_url);

  G_OBJECT_CLASS (prl_improve_dialog_parent_class)->finalize (object);
}

static void
prl_improve_dialog_class_init (PrlImproveDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_improve_dialog_dispose;
  object_class->finalize = prl_improve_dialog_finalize;

  /**
   * PrlImproveDialog::job-started:
   * @job: the #PrlImproveJob, running on the workspace's job manager
   */
  signals[JOB_STARTED]
      = g_signal_new ("job-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 1, PRL_TYPE_JOB);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-improve-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlImproveDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlImproveDialog, keywords_row);
  gtk_widget_class_bind_template_child (widget_class, PrlImproveDialog, rounds_spin);
  gtk_widget_class_bind_template_child (widget_class, PrlImproveDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, PrlImproveDialog, wiki_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_install_action (widget_class, "improve.start", NULL, start_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_improve_dialog_init (PrlImproveDialog *self)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *url = g_settings_get_string (settings, "wiki-api-url");

  gtk_widget_init_template (GTK_WIDGET (self));
  prl_improve_dialog_set_api_url (self, url);
}

/**
 * prl_improve_dialog_new:
 * @model: an evaluated local model
 *
 * The caller sets #GtkWindow:transient-for and presents the dialog.
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
prl_improve_dialog_new (PrlWorkspace *workspace, PrlModel *model)
{
  PrlImproveDialog *self;
  g_auto (GStrv) keywords = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  self = g_object_new (PRL_TYPE_IMPROVE_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  self->model = g_object_ref (model);
  keywords = prl_improve_dialog_dup_model_keywords (
      prl_workspace_get_datasets (workspace, model));
  joined = g_strjoinv (", ", keywords);
  gtk_editable_set_text (GTK_EDITABLE (self->keywords_row), joined);
  return GTK_WIDGET (self);
}
