/* prl-quick-setup-run.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-quick-setup-dialog"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

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
  _prl_quick_setup_dialog_remove_links (self);
  set_running (self, FALSE);

  switch (prl_job_get_state (job))
    {
    case PRL_JOB_STATE_SUCCEEDED:
      land (self, PRL_QUICK_SETUP_JOB (job));
      return;
    case PRL_JOB_STATE_CANCELLED:
      message = g_strdup (_ ("Cancelled. Nothing half-made was kept."));
      break;
    case PRL_JOB_STATE_QUEUED:
    case PRL_JOB_STATE_RUNNING:
    case PRL_JOB_STATE_FAILED:
    default:
      message
          = g_strdup (prl_job_get_error (job) != NULL ? prl_job_get_error (job)->message
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

/* The links go once the job has imported (copied) the files, or when
 * the dialog goes. */
void
_prl_quick_setup_dialog_remove_links (PrlQuickSetupDialog *self)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (self->link_dir == NULL)
    return;
  if ((dir = g_dir_open (self->link_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (self->link_dir, name, NULL);

        g_unlink (path);
      }
  g_rmdir (self->link_dir);
  g_clear_pointer (&self->link_dir, g_free);
}

static gboolean
link_one (const char *target,
          const char *dir,
          const char *name,
          const char *ext,
          GPtrArray  *files,
          GError    **error)
{
  g_autofree char *base = g_strconcat (name, ext, NULL);
  g_autofree char *link = g_build_filename (dir, base, NULL);

  if (symlink (target, link) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not prepare “%s”: %s"), target, g_strerror (saved));
      return FALSE;
    }
  g_ptr_array_add (files, g_file_new_for_path (link));
  return TRUE;
}

/* The job pairs test files as datasets do, by name; a pair found by its
 * folder (or whose transcript's name differs in case) is linked as
 * NAME.ext and NAME.txt into a folder of its own, so every pair keeps
 * the name the dialog showed. */
static GPtrArray *
test_files (PrlQuickSetupDialog *self, GError **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  _prl_quick_setup_dialog_remove_links (self);
  if (!(self->link_dir = g_dir_make_tmp ("parlance-quick-setup-XXXXXX", error)))
    return NULL;
  for (guint i = 0; i < self->pairs->len; i++)
    {
      PrlQuickSetupPair *pair = g_ptr_array_index (self->pairs, i);
      g_autofree char   *audio = g_path_get_basename (pair->audio);
      const char        *dot = strrchr (audio, '.');

      if (!link_one (pair->audio, self->link_dir, pair->name, dot != NULL ? dot : "",
                     files, error)
          || !link_one (pair->transcript, self->link_dir, pair->name, ".txt", files,
                        error))
        return NULL;
    }
  return g_steal_pointer (&files);
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
  PrlQuickSetupJob    *job = NULL;
  g_autoptr (GPtrArray) files = NULL;
  const char *provider;
  int         rounds;

  if (!_prl_quick_setup_dialog_check_options (self, &provider, &rounds, &error))
    {
      _prl_quick_setup_dialog_show_error (self, self->options_error, error->message);
      return;
    }
  if ((files = test_files (self, &error)) == NULL)
    {
      _prl_quick_setup_dialog_show_error (self, self->options_error, error->message);
      return;
    }
  options.n_test_files = files->len;
  options.name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  options.provider = provider;
  options.account = account_for (self, provider);
  options.test_files = (GFile **)files->pdata;
  /* No keywords: the job proposes them from the transcripts and text. */
  options.keywords = keywords[0] != NULL ? (const char *const *)keywords : NULL;
  options.text = text;
  options.wiki_api = self->api_url;
  options.self_heal = rounds;
  job = prl_quick_setup_job_new (self->workspace, &options, &error);
  if (job == NULL)
    {
      _prl_quick_setup_dialog_remove_links (self);
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
