/* prl-watson-jobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson-jobs"

#include "config.h"

#include <glib/gi18n.h>

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

static void
forget_job (PrlWatsonClient *client, const char *id)
{
  g_autoptr (GError) error = NULL;

  /* Best effort: the transcript is already read or the work is lost. */
  if (!CALL (delete_job, client, &error, id, NULL))
    g_message ("IBM Watson recognition job %s was not deleted: %s", id, error->message);
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
  g_autofree char *id = NULL;
  guint            delay = FIRST_POLL_MS;

  if (!(created
        = CALL (create_job, client, error, path, content_type, options, cancellable)))
    return NULL;
  id = g_strdup (created->id);

  for (;;)
    {
      g_autoptr (PrlWatsonJob) job = NULL;
      g_autofree char *why = NULL;

      if (!prl_cloud_sleep (delay / 1000.0, cancellable, error))
        {
          forget_job (client, id);
          return NULL;
        }
      delay = MIN (delay * 2, MAX_POLL_MS);
      if (!(job = CALL (check_job, client, error, id, cancellable)))
        return NULL;
      switch (job->status)
        {
        case PRL_WATSON_JOB_COMPLETED:
          forget_job (client, id);
          return g_steal_pointer (&job->transcript);

        case PRL_WATSON_JOB_FAILED:
          why = job->warnings ? g_strjoinv ("; ", job->warnings) : NULL;
          forget_job (client, id);
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
