/* prl-workspace-transcribe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-workspace-transcribe"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-provider.h"
#include "prl-transcribe-job.h"
#include "prl-workspace-private.h"

/* Transcription and alignment for views: they ask the workspace, which
 * finds the provider and runs the work off the main thread, so widgets
 * never call a provider themselves. */

static PrlProvider *
local_provider (GError **error)
{
  PrlProvider *provider = prl_provider_lookup ("local");

  if (provider == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _ ("The embedded speech engine is not available"));
  return provider;
}

/**
 * prl_workspace_transcribe_files_full:
 * @model: (nullable): the model whose provider transcribes, with @version
 *   or, when @version is %NULL, with that provider's stock model (Amazon
 *   Transcribe's for an Amazon Transcribe model); %NULL: the embedded
 *   engine
 * @version: (nullable): a version of @model
 *
 * Returns: (transfer full) (nullable): the running job, or %NULL with @error
 */
PrlTranscribeJob *
prl_workspace_transcribe_files_full (PrlWorkspace *self,
                                     PrlModel     *model,
                                     PrlVersion   *version,
                                     GFile       **files,
                                     guint         n_files,
                                     GError      **error)
{
  PrlProvider      *provider;
  PrlTranscribeJob *job;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (model == NULL || PRL_IS_MODEL (model), NULL);

  if (model == NULL)
    {
      if (!(provider = local_provider (error)))
        return NULL;
    }
  else if (!(provider = prl_provider_lookup (prl_model_get_provider (model))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("The provider of “%s” is not set up, so it cannot transcribe"),
                   prl_model_get_name (model));
      return NULL;
    }

  job = prl_transcribe_job_new (provider, version, files, n_files);
  prl_transcribe_job_set_model (job, model);
  prl_job_manager_run (self->jobs, PRL_JOB (job));
  return job;
}

typedef struct
{
  PrlProvider *provider; /* (owned) */
  char        *path;     /* (owned) */
  char        *text;     /* (owned) */
} AlignData;

static void
align_data_free (AlignData *data)
{
  g_object_unref (data->provider);
  g_free (data->path);
  g_free (data->text);
  g_free (data);
}

static void
align_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AlignData     *data = task_data;
  GError        *error = NULL;
  PrlTranscript *transcript
      = prl_provider_align (data->provider, data->path, data->text, cancellable, &error);

  if (transcript == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, transcript, (GDestroyNotify)prl_transcript_free);
}

/**
 * prl_workspace_align_async:
 * @audio: a local audio file
 * @text: what is said in it
 *
 * Finds when each word of @text is spoken in @audio, on a worker thread.
 */
void
prl_workspace_align_async (PrlWorkspace       *self,
                           GFile              *audio,
                           const char         *text,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  GError      *error = NULL;
  PrlProvider *provider;
  AlignData   *data;
  char        *path;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (audio));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_align_async);

  if (!(provider = local_provider (&error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(path = g_file_get_path (audio)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _ ("Only audio files on this computer can be aligned"));
      return;
    }

  data = g_new0 (AlignData, 1);
  data->provider = g_object_ref (provider);
  data->path = path;
  data->text = g_strdup (text);
  g_task_set_task_data (task, data, (GDestroyNotify)align_data_free);
  g_task_run_in_thread (task, align_thread);
}

/**
 * prl_workspace_align_finish:
 *
 * Returns: (transfer full): the transcript with word times
 */
PrlTranscript *
prl_workspace_align_finish (PrlWorkspace *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
