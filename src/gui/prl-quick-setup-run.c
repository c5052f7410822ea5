/* prl-quick-setup-run.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-quick-setup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"
#include "prl-provider-info.h"
#include "prl-quick-setup-job.h"
#include "prl-quick-setup-pairs.h"
#include "prl-wiki-client.h"
#include "prl-wiki-fetch-job.h"
#include "prl-window.h"

#include "prl-quick-setup-dialog-private.h"

/* Quick Setup's last page: Start asks the wiki whether it answers (so an
 * unreachable wiki is said before anything is created), then runs a
 * PrlQuickSetupJob on the workspace's job manager — so it also shows in
 * the jobs list with its progress and Cancel — and follows it here. When
 * it succeeds the main window lands on the new model's leaderboard. */

static void
set_running (PrlQuickSetupDialog *self, gboolean running)
{
  self->busy = running;
  _prl_quick_setup_dialog_update (self);
}

void
_prl_quick_setup_dialog_stop_following (PrlQuickSetupDialog *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
}

static void
job_progress_cb (PrlQuickSetupDialog *self)
{
  if (self->job != NULL)
    prl_gui_show_job_progress (self->progress_bar, self->job);
}

static void
land (PrlQuickSetupDialog *self, PrlQuickSetupJob *job)
{
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));
  PrlModel  *model = prl_quick_setup_job_get_model (job);

  if (PRL_IS_WINDOW (main_window) && model != NULL)
    {
      g_autofree char *toast = NULL;

      prl_window_show_evaluation (PRL_WINDOW (main_window), model,
                                  prl_quick_setup_job_get_run (job));
      if (prl_quick_setup_job_beats_stock (job))
        /* Translators: %s is the new model's name */
        toast = g_strdup_printf (_ ("“%s” is set up and beats the stock model"),
                                 prl_model_get_name (model));
      else
        toast = g_strdup_printf (_ ("“%s” is set up, but no version beats the stock "
                                    "model yet"),
                                 prl_model_get_name (model));
      prl_window_add_toast (PRL_WINDOW (main_window), toast);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
job_state_cb (PrlQuickSetupDialog *self)
{
  g_autoptr (PrlJob) job = NULL;
  g_autofree char *message = NULL;

  if (self->job == NULL || prl_job_is_active (self->job))
    return;
  job = g_object_ref (self->job);
  _prl_quick_setup_dialog_stop_following (self);
  set_running (self, FALSE);

  switch (prl_job_get_state (job))
    {
    case PRL_JOB_STATE_SUCCEEDED:
      land (self, PRL_QUICK_SETUP_JOB (job));
      return;
    case PRL_JOB_STATE_CANCELLED:
      message = g_strdup (_ ("Cancelled. Nothing half-made was kept."));
      break;
    default:
      message = g_strdup (prl_job_get_error (job) != NULL
                              ? prl_job_get_error (job)->message
                              : _ ("Quick Setup failed"));
      break;
    }
  adw_status_page_set_title (self->run_page, _ ("Quick Setup Stopped"));
  if (prl_quick_setup_job_get_kept (PRL_QUICK_SETUP_JOB (job))
      && prl_quick_setup_job_get_model (PRL_QUICK_SETUP_JOB (job)) != NULL)
    {
      /* Translators: after a failure, %s is the model kept with what it
       * got so far */
      g_autofree char *kept = g_strdup_printf (
          _ ("%s\nThe model “%s” was kept with what was done."), message,
          prl_model_get_name (prl_quick_setup_job_get_model (PRL_QUICK_SETUP_JOB (job))));

      g_free (message);
      message = g_steal_pointer (&kept);
    }
  _prl_quick_setup_dialog_show_error (self, self->run_error, message);
}

static GFile **
test_files (PrlQuickSetupDialog *self, guint *n)
{
  GFile **files = g_new0 (GFile *, self->pairs->len * 2 + 1);

  for (guint i = 0; i < self->pairs->len; i++)
    {
      PrlQuickSetupPair *pair = g_ptr_array_index (self->pairs, i);

      files[2 * i] = g_file_new_for_path (pair->audio);
      files[2 * i + 1] = g_file_new_for_path (pair->transcript);
    }
  *n = self->pairs->len * 2;
  return files;
}

static const char *
account_for (PrlQuickSetupDialog *self, const char *provider)
{
  const PrlProviderInfo *info = prl_provider_info_lookup (provider);
  const char *kind = info != NULL ? prl_provider_info_get_account_kind (info) : NULL;
  GListModel *store = G_LIST_MODEL (self->accounts);

  for (guint i = 0; kind != NULL && i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr (PrlCloudAccount) account = g_list_model_get_item (store, i);

      /* The store keeps the account, so its name outlives this ref. */
      if (g_strcmp0 (prl_cloud_account_get_kind (account), kind) == 0)
        return prl_cloud_account_get_name (account);
    }
  return NULL;
}

static void
run_pipeline (PrlQuickSetupDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keywords = prl_wiki_parse_keywords (
      gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)));
  g_autoptr (GFile) text
      = self->text_path != NULL ? g_file_new_for_path (self->text_path) : NULL;
  PrlQuickSetupOptions options = { 0 };
  PrlQuickSetupJob    *job;
  GFile              **files;
  const char          *provider;
  int                  rounds;

  if (!_prl_quick_setup_dialog_check_options (self, &provider, &rounds, &error))
    {
      _prl_quick_setup_dialog_show_error (self, self->options_error, error->message);
      return;
    }
  files = test_files (self, &options.n_test_files);
  options.name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  options.provider = provider;
  options.account = account_for (self, provider);
  options.test_files = files;
  /* No keywords: the job proposes them from the transcripts and text. */
  options.keywords = keywords[0] != NULL ? (const char *const *)keywords : NULL;
  options.text = text;
  options.wiki_api = self->api_url;
  options.self_heal = rounds;
  job = prl_quick_setup_job_new (self->workspace, &options, &error);
  for (guint i = 0; i < options.n_test_files; i++)
    g_object_unref (files[i]);
  g_free (files);
  if (job == NULL)
    {
      _prl_quick_setup_dialog_show_error (self, self->options_error, error->message);
      return;
    }

  self->job = PRL_JOB (job);
  g_signal_connect_swapped (job, "notify::progress", G_CALLBACK (job_progress_cb), self);
  g_signal_connect_swapped (job, "notify::status", G_CALLBACK (job_progress_cb), self);
  g_signal_connect_swapped (job, "notify::state", G_CALLBACK (job_state_cb), self);
  adw_status_page_set_title (self->run_page, _ ("Setting Up the Model"));
  _prl_quick_setup_dialog_show_error (self, self->run_error, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Starting"));
  gtk_stack_set_visible_child_name (self->stack, "run");
  set_running (self, TRUE);
  prl_job_manager_run (prl_workspace_get_job_manager (self->workspace), PRL_JOB (job));
  /* It may have been over before we listened. */
  job_state_cb (self);
}

static void
probe_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr (PrlWikiClient) client = NULL;
  g_autofree char *licence = NULL;
  g_autofree char *url = NULL;
  GError          *error = NULL;

  if (!(client = prl_wiki_client_new (data, &error))
      || !prl_wiki_client_get_rights (client, &licence, &url, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
probed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlQuickSetupDialog *self = PRL_QUICK_SETUP_DIALOG (object);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_running (self, FALSE);
      _prl_quick_setup_dialog_show_error (self, self->options_error, error->message);
      return;
    }
  set_running (self, FALSE);
  run_pipeline (self);
}

/* Start: the wiki first, then the pipeline. */
void
_prl_quick_setup_dialog_start (PrlQuickSetupDialog *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->busy || self->job != NULL)
    return;
  set_running (self, TRUE);
  _prl_quick_setup_dialog_show_error (self, self->options_error, NULL);
  task = g_task_new (self, self->cancellable, probed_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->api_url), g_free);
  g_task_run_in_thread (task, probe_thread);
}

void
_prl_quick_setup_dialog_cancel (PrlQuickSetupDialog *self)
{
  if (self->job != NULL && prl_job_is_active (self->job))
    prl_job_cancel (self->job);
}
