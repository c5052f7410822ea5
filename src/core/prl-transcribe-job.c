/* prl-transcribe-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-transcribe-job"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-transcribe-job.h"

/* PrlTranscribeJob transcribes a batch of audio files with a provider and
 * one of its versions, or its stock model. The files run on a thread pool
 * with one thread per core; a provider keeps one decoder per thread (they
 * are not thread-safe and slow to load), so each thread loads its decoder
 * once and reuses it for the files it takes. Progress moves as files
 * finish. A file that fails does not stop the others: its error is kept in
 * its slot and the job fails only when no file could be transcribed.
 * Cancelling lets the running files stop at their next check and starts
 * no other.
 */
struct _PrlTranscribeJob
{
  PrlJob parent_instance;

  PrlProvider *provider; /* (owned) */
  PrlModel    *model;    /* (owned) (nullable): whose version or stock model */
  PrlVersion  *version;  /* (owned) (nullable) */
  GPtrArray   *files;    /* (owned) (element-type GFile) */
  guint        max_threads;

  /* Written by the pool's threads under @lock, one slot per file, and read
   * once run() returned. */
  GMutex        lock;
  GPtrArray    *transcripts; /* (owned) (element-type PrlTranscript) (nullable items) */
  GPtrArray    *errors;      /* (owned) (element-type GError) (nullable items) */
  guint         n_done;
  guint         n_failed;
  GCancellable *cancellable; /* (unowned): run()'s, while it runs */
};

G_DEFINE_FINAL_TYPE (PrlTranscribeJob, prl_transcribe_job, PRL_TYPE_JOB)

static void
transcript_free0 (gpointer transcript)
{
  if (transcript != NULL)
    prl_transcript_free (transcript);
}

static void
error_free0 (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
transcribe_one (gpointer data, gpointer user_data)
{
  PrlTranscribeJob *self = user_data;
  guint             index = GPOINTER_TO_UINT (data) - 1;
  GFile            *file = g_ptr_array_index (self->files, index);
  g_autofree char  *path = g_file_get_path (file);
  g_autofree char  *name = g_file_get_basename (file);
  g_autofree char  *status = NULL;
  PrlTranscript    *transcript = NULL;
  GError           *error = NULL;

  /* Files still queued when the job is cancelled are skipped here. */
  if (!g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    {
      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _ ("“%s” is not a local file; copy it to this computer first."),
                     name);
      else
        transcript = prl_provider_recognize_in_run (self->provider, self->model,
                                                    self->version, path, self->files->len,
                                                    self->cancellable, &error);
    }

  /* The transcript is the job's now: a cloud provider may drop its copy. */
  if (transcript != NULL)
    {
      g_autoptr (GError) release_error = NULL;

      if (!prl_provider_release (self->provider, self->model, transcript, NULL,
                                 &release_error))
        g_warning ("%s: %s", name, release_error->message);
    }

  g_mutex_lock (&self->lock);
  self->transcripts->pdata[index] = transcript;
  self->errors->pdata[index] = error;
  self->n_done++;
  if (transcript == NULL)
    self->n_failed++;
  status = g_strdup_printf (_ ("Transcribed %u of %u files"), self->n_done,
                            self->files->len);
  prl_job_report_progress (PRL_JOB (self), (double)self->n_done / self->files->len,
                           status);
  g_mutex_unlock (&self->lock);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s: %s", name, error->message);
}

static gboolean
prl_transcribe_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlTranscribeJob *self = PRL_TRANSCRIBE_JOB (job);
  GThreadPool      *pool;
  guint             n_files = self->files->len;
  guint             n_threads;
  const GError     *first = NULL;

  g_clear_pointer (&self->transcripts, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  self->transcripts = g_ptr_array_new_full (n_files, transcript_free0);
  self->errors = g_ptr_array_new_full (n_files, error_free0);
  g_ptr_array_set_size (self->transcripts, n_files);
  g_ptr_array_set_size (self->errors, n_files);
  self->n_done = self->n_failed = 0;
  self->cancellable = cancellable;

  if (n_files == 0)
    return TRUE;

  /* Refused for the whole batch before any file is sent: every file
   * fails with the reason, as if each had been tried. */
  {
    g_autoptr (GError) refused = NULL;

    if (!prl_provider_check_target (self->provider, self->model, self->version, &refused))
      {
        for (guint i = 0; i < n_files; i++)
          self->errors->pdata[i] = g_error_copy (refused);
        self->n_done = self->n_failed = n_files;
        g_propagate_error (error, g_steal_pointer (&refused));
        return FALSE;
      }
  }

  n_threads = self->max_threads ? self->max_threads
                                : prl_provider_max_parallel (self->provider, self->model);
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, n_files);
  prl_job_report_progress (job, 0, _ ("Loading the speech model"));

  /* A private (exclusive) pool: its threads are ours for the batch, so
   * each decodes files back to back with its own cached decoder. */
  if (!(pool = g_thread_pool_new (transcribe_one, self, n_threads, TRUE, error)))
    return FALSE;

  for (guint i = 0; i < n_files; i++)
    {
      /* Indices are pushed plus one: a pool item cannot be NULL. */
      if (!g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), error))
        {
          g_thread_pool_free (pool, TRUE, TRUE);
          return FALSE;
        }
    }

  /* Waits for the queue to drain; once cancelled, queued files are
   * skipped at once and running ones stop at their next check. */
  g_thread_pool_free (pool, FALSE, TRUE);
  self->cancellable = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->n_failed < n_files)
    return TRUE;

  for (guint i = 0; i < n_files && first == NULL; i++)
    first = g_ptr_array_index (self->errors, i);

  if (n_files == 1)
    g_propagate_error (error, g_error_copy (first));
  else
    g_set_error (error, first->domain, first->code,
                 _ ("None of the %u files could be transcribed. The first one "
                    "failed with: %s"),
                 n_files, first->message);
  return FALSE;
}

static void
prl_transcribe_job_finalize (GObject *object)
{
  PrlTranscribeJob *self = PRL_TRANSCRIBE_JOB (object);

  g_clear_object (&self->provider);
  g_clear_object (&self->model);
  g_clear_object (&self->version);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->transcripts, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (prl_transcribe_job_parent_class)->finalize (object);
}

static void
prl_transcribe_job_class_init (PrlTranscribeJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrlJobClass  *job_class = PRL_JOB_CLASS (klass);

  object_class->finalize = prl_transcribe_job_finalize;
  job_class->run = prl_transcribe_job_run;
}

static void
prl_transcribe_job_init (PrlTranscribeJob *self)
{
  g_mutex_init (&self->lock);
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * prl_transcribe_job_new:
 * @provider: who transcribes
 * @version: (nullable): the version of a custom model, or %NULL for the
 *   provider's stock model
 * @files: (array length=n_files): audio files, local
 * @n_files: how many
 *
 * Creates a job that transcribes @files; run it with
 * prl_job_execute_async().
 *
 * Returns: (transfer full): a new job
 */
PrlTranscribeJob *
prl_transcribe_job_new (PrlProvider *provider,
                        PrlVersion  *version,
                        GFile      **files,
                        guint        n_files)
{
  PrlTranscribeJob *self;
  g_autofree char  *title = NULL;

  g_return_val_if_fail (PRL_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (version == NULL || PRL_IS_VERSION (version), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  self = g_object_new (PRL_TYPE_TRANSCRIBE_JOB, NULL);
  self->provider = g_object_ref (provider);
  self->version = version ? g_object_ref (version) : NULL;
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->files, g_object_ref (files[i]));

  if (version != NULL)
    title = g_strdup_printf (_ ("Transcribing with %s"), prl_version_get_name (version));
  else
    title = g_strdup (_ ("Transcribing with the stock model"));
  prl_job_set_title (PRL_JOB (self), title);

  return self;
}

/**
 * prl_transcribe_job_set_model:
 * @model: (nullable): the model whose version (or whose provider's stock
 *   model) transcribes: cloud providers take its account and language
 *
 * Call it before prl_job_execute_async().
 */
void
prl_transcribe_job_set_model (PrlTranscribeJob *self, PrlModel *model)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_JOB (self));
  g_return_if_fail (model == NULL || PRL_IS_MODEL (model));
  g_return_if_fail (prl_job_get_state (PRL_JOB (self)) == PRL_JOB_STATE_QUEUED);

  g_set_object (&self->model, model);
  if (model != NULL && self->version == NULL)
    {
      g_autofree char *title = g_strdup_printf (
          _ ("Transcribing with the stock model of “%s”"), prl_model_get_name (model));

      prl_job_set_title (PRL_JOB (self), title);
    }
}

/**
 * prl_transcribe_job_set_max_threads:
 * @max_threads: how many files to transcribe at once; 0 for one per core
 *
 * Limits the threads of the run, e.g. to leave cores free; call it before
 * prl_job_execute_async(). Each
 * thread loads its own decoder.
 */
void
prl_transcribe_job_set_max_threads (PrlTranscribeJob *self, guint max_threads)
{
  g_return_if_fail (PRL_IS_TRANSCRIBE_JOB (self));
  g_return_if_fail (prl_job_get_state (PRL_JOB (self)) == PRL_JOB_STATE_QUEUED);

  self->max_threads = max_threads;
}

/**
 * prl_transcribe_job_get_transcripts:
 *
 * Returns: (transfer none) (nullable) (element-type PrlTranscript): one
 *   slot per file, in the order of the files given, %NULL where that file
 *   failed (see prl_transcribe_job_get_errors()); %NULL while the job runs
 */
GPtrArray *
prl_transcribe_job_get_transcripts (PrlTranscribeJob *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIBE_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->transcripts;
}

/**
 * prl_transcribe_job_get_errors:
 *
 * Returns: (transfer none) (nullable) (element-type GError): one slot per
 *   file, in the order of the files given, %NULL where that file was
 *   transcribed; %NULL while the job runs
 */
GPtrArray *
prl_transcribe_job_get_errors (PrlTranscribeJob *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIBE_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->errors;
}

/**
 * prl_transcribe_job_get_n_failed:
 *
 * Returns: how many files of the last run have no transcript (failed or,
 *   after cancelling, skipped)
 */
guint
prl_transcribe_job_get_n_failed (PrlTranscribeJob *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIBE_JOB (self), 0);
  return prl_job_is_active (PRL_JOB (self)) ? 0 : self->n_failed;
}
