/* prl-watson-jobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson-jobs"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-cloud-call-private.h"
#include "prl-watson-provider.h"

/* Recognition as an asynchronous job (POST /v1/recognitions), for long
 * recordings: a synchronous /v1/recognize holds one connection open for as
 * long as Watson takes, which proxies and the service cut off for long
 * audio, while a job is created once the audio is in and then polled.
 * Polling backs off from half a second to ten; cancelling stops polling
 * and deletes the job when Watson allows it (not while it processes: IBM
 * keeps finished jobs' results for a week otherwise, so a completed or
 * failed job is always deleted once read). */

#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_watson_client, op, client, error, __VA_ARGS__)

#define FIRST_POLL_MS 500
#define MAX_POLL_MS 10000

/**
 * prl_watson_provider_batch_threshold:
 *
 * A run that recognizes more recordings than this (an evaluation: test
 * files times versions) sends each as a resumable recognition job
 * instead of one /v1/recognize request. Ten, because a job costs three
 * requests or more and half a second of polling at least, which a few
 * recordings do not repay, while a killed run of many recordings would
 * otherwise send (and IBM bill) every unfinished one again; ten short
 * test files are the few minutes of audio a killed run may redo.
 * At most the account's concurrent jobs are in flight: the evaluation
 * runs that many recognitions at once, each waiting for its job.
 * `PRL_WATSON_BATCH_RECORDINGS` overrides it (tests).
 *
 * Returns: a number of recordings
 */
guint
prl_watson_provider_batch_threshold (void)
{
  const char *env = g_getenv ("PRL_WATSON_BATCH_RECORDINGS");
  guint64     value;

  if (env != NULL && *env != '\0'
      && g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT, &value, NULL))
    return (guint)value;
  return PRL_WATSON_BATCH_RECORDINGS;
}

/**
 * prl_watson_provider_job_threshold:
 *
 * Recordings longer than this go through a recognition job instead of
 * one /v1/recognize request. `PRL_WATSON_JOB_SECONDS` overrides it (tests
 * use short recordings).
 *
 * Returns: seconds of audio
 */
double
prl_watson_provider_job_threshold (void)
{
  const char *env = g_getenv ("PRL_WATSON_JOB_SECONDS");
  double      value;
  char       *end = NULL;

  if (env != NULL && *env != '\0')
    {
      value = g_ascii_strtod (env, &end);
      if (end != NULL && *end == '\0' && value >= 0)
        return value;
    }
  return PRL_WATSON_JOB_SECONDS;
}

/* Returns whether Watson no longer has the job. */
static gboolean
forget_job (PrlWatsonClient *client, const char *id)
{
  g_autoptr (GError) error = NULL;

  /* Best effort: the transcript is already read or the work is lost. */
  if (CALL (delete_job, client, &error, id, NULL))
    return TRUE;
  g_message ("IBM Watson recognition job %s was not deleted: %s", id, error->message);
  return g_error_matches (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND);
}

/* Polls job @id until it completes or fails. A completed job is deleted
 * once read unless @keep (the caller deletes it once the result is
 * stored); a failed one always, so that a retry starts afresh; on
 * cancellation it is deleted when Watson allows it. @gone says whether
 * Watson no longer has the job (deleted, or found missing). */
static PrlWatsonTranscript *
wait_for_job (PrlWatsonClient *client,
              const char      *id,
              const char      *path,
              gboolean         keep,
              gboolean        *gone,
              GCancellable    *cancellable,
              GError         **error)
{
  guint delay = FIRST_POLL_MS;

  *gone = FALSE;
  for (;;)
    {
      g_autoptr (PrlWatsonJob) job = NULL;
      g_autoptr (GError) check_error = NULL;
      g_autofree char *why = NULL;

      /* Watson refuses to delete a job it is processing: a resumable one
       * then stays remembered, for the next run to take up. */
      if (!prl_cloud_sleep (delay / 1000.0, cancellable, error))
        {
          *gone = forget_job (client, id);
          return NULL;
        }
      delay = MIN (delay * 2, MAX_POLL_MS);
      if (!(job = CALL (check_job, client, &check_error, id, cancellable)))
        {
          *gone = g_error_matches (check_error, PRL_WATSON_ERROR,
                                   PRL_WATSON_ERROR_NOT_FOUND);
          g_propagate_error (error, g_steal_pointer (&check_error));
          return NULL;
        }
      switch (job->status)
        {
        case PRL_WATSON_JOB_COMPLETED:
          if (!keep)
            {
              forget_job (client, id);
              *gone = TRUE;
            }
          return g_steal_pointer (&job->transcript);

        case PRL_WATSON_JOB_FAILED:
          why = job->warnings ? g_strjoinv ("; ", job->warnings) : NULL;
          forget_job (client, id);
          *gone = TRUE;
          g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_FAILED,
                       _ ("IBM Watson could not recognize “%s”: %s"), path,
                       why ? why : _ ("the recognition job failed without a reason"));
          return NULL;

        case PRL_WATSON_JOB_WAITING:
        case PRL_WATSON_JOB_PROCESSING:
          break;

        case PRL_WATSON_JOB_UNKNOWN:
        default:
          g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_ANSWER,
                       _ ("IBM Watson says the recognition job of “%s” is “%s”, which "
                          "this version of Parlance does not know."),
                       path, job->status_name);
          return NULL;
        }
    }
}

/**
 * prl_watson_provider_recognize_job:
 *
 * Recognizes @path through a recognition job: creates it, polls it until
 * it completes or fails, and deletes it. Blocks; for a worker thread.
 *
 * Returns: (transfer full) (nullable): the transcript
 */
PrlWatsonTranscript *
prl_watson_provider_recognize_job (PrlWatsonClient                 *client,
                                   const char                      *path,
                                   const char                      *content_type,
                                   const PrlWatsonRecognizeOptions *options,
                                   GCancellable                    *cancellable,
                                   GError                         **error)
{
  g_autoptr (PrlWatsonJob) created = NULL;
  gboolean gone;

  if (!(created
        = CALL (create_job, client, error, path, content_type, options, cancellable)))
    return NULL;
  return wait_for_job (client, created->id, path, FALSE, &gone, cancellable, error);
}

/* Resumable jobs, for evaluations of many recordings and for long ones.
 *
 * Each job's id is written, as soon as Watson gave it, to a state file
 * named by a SHA-256 of everything that decides its transcript: the
 * instance, base, customization, weight, base version, the options and the
 * audio's own SHA-256. A run killed while Watson works finds the file
 * next time and polls that job instead of sending the audio again (and
 * paying for it twice); a job Watson no longer has (deleted, or past
 * IBM's week of keeping results) is created afresh. The job and its
 * state file go once the caller stored the transcript
 * (prl_watson_provider_release_job()), so a kill between reading and
 * storing loses nothing either. */

static char *
state_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "parlance", "watson-jobs", NULL);
}

static char *
file_sha256 (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buf[65536];
  gssize n;

  if (!(in = g_file_read (file, cancellable, error)))
    return NULL;
  while (
      (n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, cancellable, error))
      > 0)
    g_checksum_update (sum, buf, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

static char *
job_key (PrlWatsonClient                 *client,
         const char                      *path,
         const char                      *content_type,
         const PrlWatsonRecognizeOptions *options,
         GCancellable                    *cancellable,
         GError                         **error)
{
  g_autofree char *audio = NULL;
  g_autofree char *facts = NULL;
  char             weight[G_ASCII_DTOSTR_BUF_SIZE] = "";

  if (!(audio = file_sha256 (path, cancellable, error)))
    return NULL;
  if (options->customization_weight >= 0)
    g_ascii_formatd (weight, sizeof weight, "%.6f", options->customization_weight);
  facts = g_strjoin ("\n", prl_watson_client_get_service_url (client),
                     options->model ? options->model : "",
                     options->customization_id ? options->customization_id : "", weight,
                     options->base_model_version ? options->base_model_version : "",
                     options->timestamps ? "t" : "", options->word_confidence ? "c" : "",
                     content_type, audio, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, facts, -1);
}

static void
remember_job (const char *state, const char *id)
{
  g_autofree char *dir = g_path_get_dirname (state);
  g_autoptr (GError) error = NULL;

  /* Without it a killed run sends the audio again; the work goes on. */
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (state, id, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                    &error))
    g_warning ("IBM Watson recognition job %s will not be found again if Parlance "
               "stops: %s",
               id, error ? error->message : g_strerror (errno));
}

/* Forgets @id's state file, unless it names another job by now: two
 * recognitions of the same audio (one evaluation, or the app and the CLI)
 * share a key, and one may have started a new job meanwhile. */
static void
forget_state (const char *state, const char *id)
{
  g_autofree char *held = NULL;

  if (g_file_get_contents (state, &held, NULL, NULL)
      && g_strcmp0 (g_strstrip (held), id) == 0)
    g_unlink (state);
}

/**
 * prl_watson_provider_recognize_resumable:
 * @remote_job: (out): what prl_watson_provider_release_job() needs once
 *   the transcript is stored
 *
 * Recognizes @path through a recognition job, taking up the job an
 * earlier run started for the same audio and settings if Watson still
 * has it. Blocks; for a worker thread.
 *
 * Returns: (transfer full) (nullable): the transcript
 */
PrlWatsonTranscript *
prl_watson_provider_recognize_resumable (PrlWatsonClient                 *client,
                                         const char                      *path,
                                         const char                      *content_type,
                                         const PrlWatsonRecognizeOptions *options,
                                         char                           **remote_job,
                                         GCancellable                    *cancellable,
                                         GError                         **error)
{
  g_autofree char *key = NULL;
  g_autofree char *dir = state_dir ();
  g_autofree char *state = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GError) local = NULL;
  PrlWatsonTranscript *transcript;
  gboolean             gone;

  *remote_job = NULL;
  if (!(key = job_key (client, path, content_type, options, cancellable, error)))
    return NULL;
  state = g_build_filename (dir, key, NULL);
  /* A state file cut short or damaged names no job: forgotten, and the
   * audio goes as a new one. */
  if (g_file_get_contents (state, &id, NULL, NULL)
      && (*g_strstrip (id) == '\0' || strchr (id, '/') != NULL || strlen (id) > 256))
    {
      g_unlink (state);
      g_clear_pointer (&id, g_free);
    }
  if (id != NULL)
    {
      transcript = wait_for_job (client, id, path, TRUE, &gone, cancellable, &local);
      if (transcript != NULL)
        {
          *remote_job = g_strconcat (key, " ", id, NULL);
          return transcript;
        }
      if (gone)
        forget_state (state, id);
      /* Watson no longer has it: the audio goes again, once. */
      if (!g_error_matches (local, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_clear_error (&local);
      g_clear_pointer (&id, g_free);
    }

  {
    g_autoptr (PrlWatsonJob) created = NULL;

    if (!(created
          = CALL (create_job, client, error, path, content_type, options, cancellable)))
      return NULL;
    id = g_strdup (created->id);
  }
  remember_job (state, id);
  transcript = wait_for_job (client, id, path, TRUE, &gone, cancellable, error);
  if (transcript == NULL)
    {
      if (gone)
        forget_state (state, id);
      return NULL;
    }
  *remote_job = g_strconcat (key, " ", id, NULL);
  return transcript;
}

/**
 * prl_watson_provider_release_job:
 * @remote_job: what prl_watson_provider_recognize_resumable() gave
 *
 * Deletes the job, whose transcript is stored now, and its state file.
 *
 * Returns: %TRUE when Watson no longer keeps it
 */
gboolean
prl_watson_provider_release_job (PrlWatsonClient *client,
                                 const char      *remote_job,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_auto (GStrv) parts = g_strsplit (remote_job, " ", 2);
  g_autofree char *dir = state_dir ();
  g_autofree char *state = NULL;
  g_autoptr (GError) local = NULL;

  if (g_strv_length (parts) != 2 || strlen (parts[0]) != 64)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not an IBM Watson recognition job of Parlance"),
                   remote_job);
      return FALSE;
    }
  state = g_build_filename (dir, parts[0], NULL);
  if (!CALL (delete_job, client, &local, parts[1], cancellable)
      && !g_error_matches (local, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  forget_state (state, parts[1]);
  return TRUE;
}
