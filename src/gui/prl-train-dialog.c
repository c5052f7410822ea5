/* prl-train-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-train-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-cloud-account-store.h"
#include "prl-gui-util.h"
#include "prl-remote-job.h"
#include "prl-training-budget.h"

#include "prl-train-dialog-private.h"
#include "prl-train-dialog.h"

/* The confirmation "Train the Language" opens: what the training reads
 * (the trainable datasets with their line and word counts, and the tuning
 * text), a rough time estimate, and, once the model has a version, a
 * Force Retrain button. Train calls prl_workspace_train_model(); a refusal
 * (nothing changed, already training, no text) stays in the dialog, while
 * a started job closes it: the details page follows the job from there.
 * Force Retrain is a toggle button, not a check box: GTK 4.8 gives check
 * boxes no accessible action, so a screen reader could not press it.
 *
 * Why Train would be refused is said before it is pressed, at the top,
 * next to the button (and Force retrain with it), and Train is disabled
 * until it can start: a refusal shown below the datasets was easy to
 * miss.
 *
 * A model whose provider trains on its own side (a registered remote
 * trainer: Amazon Transcribe) gets the same dialog with other words: the
 * text files and their sizes, the s3:// address of the account they go
 * to, that the service trains for hours, and the account's monthly
 * training budget, counted from the workspace's remote jobs off the main
 * thread; with none left Train stays disabled and the notice says when it
 * renews. Train then starts prl_workspace_train_remote(). IBM Watson
 * models say what Watson gets (the training texts as corpora; the tuning
 * text stays here and tunes the weight) and that training takes minutes
 * to hours (prl-train-dialog-cloud.c).
 */
struct _PrlTrainDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkLabel        *budget_label;
  GtkLabel        *error_label;
  GtkLabel        *estimate_label;
  GtkToggleButton *force_check;
  GtkWidget       *notice_box;
  GtkLabel        *notice_label;
  GtkLabel        *summary_label;
  GtkWidget       *train_button;
  GtkWidget       *training_group;
  GtkListBox      *training_list;
  GtkWidget       *tuning_group;
  GtkListBox      *tuning_list;

  PrlWorkspace *workspace; /* (owned) */
  PrlModel     *model;     /* (owned) */

  /* A model that trains on the provider's side. */
  const char      *remote_kind;  /* (nullable): its trainings' kind */
  PrlCloudAccount *account;      /* (owned) (nullable) */
  char            *account_note; /* (owned) (nullable): why there is none */
  GError          *budget_error; /* (owned) (nullable): none left */
  GCancellable    *cancellable;  /* (owned): the budget count */
  guint            n_tuning;
  guint            budget_known : 1;
};

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODEL,
};

enum
{
  TRAIN_STARTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PrlTrainDialog, prl_train_dialog, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

/**
 * prl_train_dialog_estimate_seconds:
 * @n_words: training words
 *
 * A deliberately rough estimate: counting n-grams, pruning, writing the
 * ARPA file and merging the dictionary take about 15 seconds per million
 * words on a current laptop, plus about 5 seconds that do not depend on
 * the text (loading the stock dictionary, phonemizing new words and
 * measuring perplexities). Rounded up to 5 seconds.
 *
 * Returns: seconds
 */
guint
prl_train_dialog_estimate_seconds (guint64 n_words)
{
  double seconds = 5.0 + 15.0 * (double)n_words / 1e6;

  return (guint)(5 * ((guint64)(seconds + 4.999) / 5));
}

static GtkWidget *
make_row (PrlDataset *dataset, gboolean with_size)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *lines = NULL;
  g_autofree char *words = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *n_lines_str = NULL;
  g_autofree char *n_words_str = NULL;

  /* Numbers are formatted apart: xgettext cannot read G_GUINT64_FORMAT
   * inside a translatable string. */
  n_lines_str = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_dataset_get_n_lines (dataset));
  n_words_str = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_dataset_get_n_words (dataset));
  lines = g_strdup_printf (g_dngettext (NULL, "%s line", "%s lines",
                                        (gulong)prl_dataset_get_n_lines (dataset)),
                           n_lines_str);
  words = g_strdup_printf (g_dngettext (NULL, "%s word", "%s words",
                                        (gulong)prl_dataset_get_n_words (dataset)),
                           n_words_str);
  if (with_size)
    {
      g_autofree char *size = g_format_size (prl_dataset_get_size (dataset));

      /* Translators: "1.2 MB · 12 lines, 340 words" */
      subtitle = g_strdup_printf (_ ("%s · %s, %s"), size, lines, words);
    }
  else
    /* Translators: "12 lines, 340 words" */
    subtitle = g_strdup_printf (_ ("%s, %s"), lines, words);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 prl_dataset_get_name (dataset));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Says at the top why Train cannot start as things are, and enables it
 * only when it can (a forced retrain included). */
/* IBM Watson trains on several texts, and keeps the tuning text here. */
static gboolean
watson (PrlTrainDialog *self)
{
  return _prl_train_dialog_is_watson (prl_model_get_provider (self->model));
}

static void
update_notice (PrlTrainDialog *self, guint n_training)
{
  PrlTrainingStatus status = prl_model_get_status (self->model);
  gboolean          force_offered = status == PRL_TRAINING_STATUS_SUCCESS;
  gboolean          forced = gtk_toggle_button_get_active (self->force_check);
  g_autofree char  *notice = NULL;
  gboolean          can_train;

  if (status == PRL_TRAINING_STATUS_RUNNING)
    notice = g_strdup_printf (_ ("“%s” is already training. Wait for it to finish or "
                                 "cancel it in the jobs list."),
                              prl_model_get_name (self->model));
  else if (n_training == 0 && self->remote_kind != NULL)
    /* The provider reads plain text: a manifest is not sent. */
    notice = g_strdup_printf (_ ("There is nothing to train on: add a training text "
                                 "dataset to “%s” first."),
                              prl_model_get_name (self->model));
  else if (n_training == 0)
    notice = g_strdup_printf (_ ("There is nothing to train on: add a transcript or "
                                 "manifest dataset to “%s” first."),
                              prl_model_get_name (self->model));
  else if (self->remote_kind != NULL && self->account == NULL)
    notice = g_strdup (self->account_note);
  else if (self->remote_kind != NULL && !watson (self)
           && (n_training > 1 || self->n_tuning > 1))
    notice
        = g_strdup_printf (_ ("Amazon Transcribe trains on one training text file "
                              "and at most one tuning text file, and “%s” has %u and "
                              "%u. Join the texts into one file of each, then train."),
                           prl_model_get_name (self->model), n_training, self->n_tuning);
  else if (self->budget_error != NULL)
    notice = g_strdup (self->budget_error->message);
  else if (force_offered && !forced)
    notice = g_strdup_printf (_ ("Nothing changed since “%s” was last trained, so "
                                 "there is nothing new to learn. Add or change training "
                                 "data, or press Force Retrain to build a new version "
                                 "anyway (for example after a base-model upgrade)."),
                              prl_model_get_name (self->model));
  else if (force_offered)
    notice = g_strdup (_ ("A new version will be trained on the same data."));

  can_train = status != PRL_TRAINING_STATUS_RUNNING && n_training > 0
              && (!force_offered || forced);
  /* The cloud's refusals come first, and Train waits for the budget. */
  if (self->remote_kind != NULL)
    can_train = can_train && self->account != NULL
                && (watson (self) || (n_training == 1 && self->n_tuning <= 1))
                && self->budget_known && self->budget_error == NULL;

  gtk_label_set_label (self->notice_label, notice ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
  if (notice != NULL && !can_train)
    gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->notice_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->force_check), force_offered);
  gtk_widget_set_visible (self->notice_box, notice != NULL || force_offered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.train", can_train);
}

/* What the training reads: for a cloud training the files it uploads
 * (Transcribe reads text, never a manifest). */
static gboolean
is_training_text (PrlTrainDialog *self, PrlDataset *dataset)
{
  if (self->remote_kind != NULL)
    return prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TRANSCRIPT;
  return prl_dataset_is_trainable (dataset);
}

static guint
count_training (PrlTrainDialog *self)
{
  GListModel *datasets = prl_workspace_get_datasets (self->workspace, self->model);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (datasets); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (datasets, i);

      if (is_training_text (self, dataset))
        n++;
    }
  return n;
}

static void
on_force_toggled_cb (PrlTrainDialog *self)
{
  if (self->workspace == NULL || self->model == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_notice (self, count_training (self));
}

static void
populate (PrlTrainDialog *self)
{
  GListModel      *datasets;
  guint64          n_lines = 0;
  guint64          n_words = 0;
  guint            n_training = 0;
  guint            n_tuning = 0;
  guint64          n_bytes = 0;
  guint64          n_training_bytes = 0;
  gboolean         remote = self->remote_kind != NULL;
  guint            seconds;
  g_autofree char *summary = NULL;
  g_autofree char *total_lines = NULL;
  g_autofree char *total_words = NULL;
  g_autofree char *estimate = NULL;

  clear_list (self->training_list);
  clear_list (self->tuning_list);

  if (self->workspace == NULL || self->model == NULL)
    return;

  datasets = prl_workspace_get_datasets (self->workspace, self->model);
  for (guint i = 0; i < g_list_model_get_n_items (datasets); i++)
    {
      g_autoptr (PrlDataset) dataset = g_list_model_get_item (datasets, i);

      if (is_training_text (self, dataset))
        {
          n_training++;
          n_lines += prl_dataset_get_n_lines (dataset);
          n_words += prl_dataset_get_n_words (dataset);
          n_bytes += prl_dataset_get_size (dataset);
          n_training_bytes += prl_dataset_get_size (dataset);
          gtk_list_box_append (self->training_list, make_row (dataset, remote));
        }
      else if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TUNING)
        {
          n_tuning++;
          n_bytes += prl_dataset_get_size (dataset);
          gtk_list_box_append (self->tuning_list, make_row (dataset, remote));
        }
    }
  self->n_tuning = n_tuning;

  gtk_widget_set_visible (self->training_group, n_training > 0);
  gtk_widget_set_visible (self->tuning_group, n_tuning > 0);

  if (n_training == 0)
    summary = g_strdup_printf (_ ("“%s” has no training text yet. Add a transcript "
                                  "or manifest dataset first."),
                               prl_model_get_name (self->model));
  else
    {
      total_lines = g_strdup_printf ("%" G_GUINT64_FORMAT, n_lines);
      total_words = g_strdup_printf ("%" G_GUINT64_FORMAT, n_words);
      /* Translators: a model name, a number of datasets, then lines and words */
      summary = g_strdup_printf (
          g_dngettext (NULL,
                       "“%s” will learn the language of %u dataset: %s lines, %s words.",
                       "“%s” will learn the language of %u datasets: %s lines, %s words.",
                       n_training),
          prl_model_get_name (self->model), n_training, total_lines, total_words);
    }
  if (remote && n_training > 0 && self->account != NULL)
    {
      g_free (summary);
      summary = watson (self)
                    ? _prl_train_dialog_watson_summary (
                        prl_model_get_name (self->model), self->account, n_training,
                        n_tuning, n_words, n_training_bytes)
                    : _prl_train_dialog_cloud_summary (prl_model_get_name (self->model),
                                                       self->account,
                                                       n_training + n_tuning, n_bytes);
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->budget_label), remote);
  if (remote)
    {
      gtk_label_set_label (self->estimate_label,
                           watson (self) ? _prl_train_dialog_watson_estimate ()
                                         : _prl_train_dialog_cloud_estimate ());
      update_notice (self, n_training);
      return;
    }

  seconds = prl_train_dialog_estimate_seconds (n_words);
  if (seconds < 120)
    estimate = g_strdup_printf (
        g_dngettext (NULL,
                     "This takes about %u second on this computer; you can keep working "
                     "meanwhile.",
                     "This takes about %u seconds on this computer; you can keep working "
                     "meanwhile.",
                     seconds),
        seconds);
  else
    estimate = g_strdup_printf (
        g_dngettext (NULL,
                     "This takes about %u minute on this computer; you can keep working "
                     "meanwhile.",
                     "This takes about %u minutes on this computer; you can keep working "
                     "meanwhile.",
                     (seconds + 59) / 60),
        (seconds + 59) / 60);
  gtk_label_set_label (self->estimate_label, estimate);

  update_notice (self, n_training);
}

static void
train_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlTrainDialog *self = PRL_TRAIN_DIALOG (widget);
  PrlJob         *job;
  gboolean        force;
  g_autoptr (GError) error = NULL;

  if (self->workspace == NULL || self->model == NULL)
    return;

  force = gtk_widget_get_visible (GTK_WIDGET (self->force_check))
          && gtk_toggle_button_get_active (self->force_check);
  if (self->remote_kind != NULL)
    job = prl_workspace_train_remote (self->workspace, self->model, force, &error);
  else
    job = PRL_JOB (
        prl_workspace_train_model (self->workspace, self->model, force, &error));
  if (job == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_visible (self->notice_box, TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[TRAIN_STARTED], 0, job);
  gtk_window_close (GTK_WINDOW (self));
}

static void
prl_train_dialog_dispose (GObject *object)
{
  PrlTrainDialog *self = PRL_TRAIN_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->account);
  g_clear_pointer (&self->account_note, g_free);
  g_clear_error (&self->budget_error);

  G_OBJECT_CLASS (prl_train_dialog_parent_class)->dispose (object);
}

static void
prl_train_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PrlTrainDialog *self = PRL_TRAIN_DIALOG (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, self->model))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_train_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PrlTrainDialog *self = PRL_TRAIN_DIALOG (object);

  if (!prl_gui_init_workspace_property (pspec, value, &self->workspace, &self->model))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
budget_counted_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlTrainDialog *self = user_data;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char      *name;
  guint            n_started;
  int              budget;

  /* Dispose cancels: then @self is gone and nothing is touched. */
  records = prl_store_list_remote_jobs_finish (PRL_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (records == NULL)
    {
      /* The training itself checks the budget again before any request. */
      g_message ("Could not count the trainings of this month: %s", error->message);
      records = g_ptr_array_new ();
    }
  name = prl_cloud_account_get_name (self->account);
  budget = prl_cloud_account_get_training_budget (self->account);
  n_started = prl_training_budget_count_started (records, self->remote_kind, name, now);
  text = _prl_train_dialog_budget_text (name, budget, n_started);
  gtk_label_set_label (self->budget_label, text);
  g_clear_error (&self->budget_error);
  prl_training_budget_check (budget, n_started, now, &self->budget_error);
  self->budget_known = TRUE;
  update_notice (self, count_training (self));
}

/* The model's account, as Preferences → Accounts saved it. */
static void
find_account (PrlTrainDialog *self)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (GError) error = NULL;
  const char      *name = prl_model_get_account (self->model);
  PrlCloudAccount *found = NULL;

  if (name == NULL)
    {
      self->account_note = g_strdup_printf (
          _ ("“%s” names no cloud account to train with. Create the model again in "
             "an account from Preferences → Accounts."),
          prl_model_get_name (self->model));
      return;
    }
  if (!prl_cloud_accounts_load (accounts, &error))
    {
      self->account_note = g_strdup (error->message);
      return;
    }
  if ((found = prl_cloud_accounts_lookup (accounts, name)) == NULL)
    {
      self->account_note = g_strdup_printf (
          _ ("There is no cloud account named “%s” any more. Add it again in "
             "Preferences → Accounts, then train."),
          name);
      return;
    }
  self->account = prl_cloud_account_copy (found);
}

static void
prl_train_dialog_constructed (GObject *object)
{
  PrlTrainDialog *self = PRL_TRAIN_DIALOG (object);

  G_OBJECT_CLASS (prl_train_dialog_parent_class)->constructed (object);
  if (self->workspace != NULL && self->model != NULL
      && prl_remote_job_lookup_trainer (prl_model_get_provider (self->model),
                                        &self->remote_kind))
    {
      find_account (self);
      gtk_label_set_label (self->budget_label, _ ("Counting this month’s trainings…"));
      if (self->account != NULL)
        {
          self->cancellable = g_cancellable_new ();
          prl_store_list_remote_jobs_async (prl_workspace_get_store (self->workspace),
                                            self->cancellable, budget_counted_cb, self);
        }
      adw_preferences_group_set_description (
          ADW_PREFERENCES_GROUP (self->tuning_group),
          watson (self) ? _ ("Not sent: the local engine tunes Watson’s weight of the "
                             "custom model on it")
                        : _ ("Sent as the tuning data; Amazon Transcribe tunes the model "
                             "on it"));
    }
  populate (self);
}

/**
 * prl_train_dialog_is_counting:
 *
 * Returns: %TRUE while the account's trainings of this month are being
 *   counted (a cloud model's dialog only)
 */
gboolean
prl_train_dialog_is_counting (PrlTrainDialog *self)
{
  g_return_val_if_fail (PRL_IS_TRAIN_DIALOG (self), FALSE);
  return self->remote_kind != NULL && self->account != NULL && !self->budget_known;
}

static void
prl_train_dialog_class_init (PrlTrainDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prl_train_dialog_constructed;
  object_class->dispose = prl_train_dialog_dispose;
  object_class->get_property = prl_train_dialog_get_property;
  object_class->set_property = prl_train_dialog_set_property;

  prl_gui_install_construct_workspace (object_class, PROP_WORKSPACE, PROP_MODEL);

  /**
   * PrlTrainDialog::train-started:
   * @job: the job, owned by the job manager: a #PrlTrainJob, or the
   *   #PrlRemoteJob of a model that trains on the provider's side
   *
   * Emitted when a training started, right before the dialog closes.
   */
  signals[TRAIN_STARTED]
      = g_signal_new ("train-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 1, PRL_TYPE_JOB);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-train-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, budget_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, force_check);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, notice_box);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, notice_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, train_button);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, training_group);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, training_list);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, tuning_group);
  gtk_widget_class_bind_template_child (widget_class, PrlTrainDialog, tuning_list);

  gtk_widget_class_bind_template_callback (widget_class, on_force_toggled_cb);

  gtk_widget_class_install_action (widget_class, "train.train", NULL, train_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_train_dialog_init (PrlTrainDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * prl_train_dialog_new:
 *
 * Returns: (transfer full): a new dialog asking to train @model
 */
GtkWidget *
prl_train_dialog_new (PrlWorkspace *workspace, PrlModel *model)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  return g_object_new (PRL_TYPE_TRAIN_DIALOG, "workspace", workspace, "model", model,
                       NULL);
}
