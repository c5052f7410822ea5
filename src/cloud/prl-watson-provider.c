/* prl-watson-provider.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-account.h"
#include "prl-cloud-call-private.h"
#include "prl-watson-account.h"
#include "prl-watson-train-private.h"
#include "prl-watson-train.h"

#include "prl-watson-provider.h"

/* IBM Watson Speech to Text as a PrlProvider for transcription, registered
 * as "ibm-watson" (training is the remote job of prl-watson-train.c). One
 * recording with one model, on a worker thread of the evaluate or
 * transcribe job:
 *
 *   1. refuse before any request what Watson would refuse: a model
 *      without account or base, audio Watson cannot read;
 *   2. a version is its own customization, named as the version
 *      (prl-watson-train.c): its customization_id is looked up by that
 *      name once per process and account, and a customization that is
 *      gone or not available is refused before the audio goes out;
 *   3. POST /v1/recognize streams the audio with the base as `model`, the
 *      version's customization (none for the stock model), timestamps and
 *      word confidences; the answer comes back in the same request, so
 *      there is nothing to release afterwards. A recording longer than
 *      prl_watson_provider_job_threshold() goes instead as a recognition
 *      job with the same parameters (POST /v1/recognitions, polled, then
 *      deleted: prl-watson-jobs.c). So does every recording of a run of
 *      more than prl_watson_provider_batch_threshold() (an evaluation):
 *      such jobs are remembered on disk until release() deletes them
 *      with the stored result, so a killed run resumes them. */

struct _PrlIbmWatsonProvider
{
  GObject parent_instance;
};

static void prl_ibm_watson_provider_iface_init (PrlProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlIbmWatsonProvider,
                               prl_ibm_watson_provider,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_PROVIDER,
                                                      prl_ibm_watson_provider_iface_init))

/* "account\nversion name" → customization_id, for the process's life:
 * a customization's id never changes, and an evaluation would otherwise
 * list the account's customizations once per recording. */
static GMutex      ids_lock;
static GHashTable *ids;

/* Recognition job id → the client that ran it, until release() deletes
 * the job with it: the accounts file and the keyring are read once per
 * recording, not again for its release. */
static GMutex      job_clients_lock;
static GHashTable *job_clients;

#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_watson_client, op, client, error, __VA_ARGS__)

const char *
prl_watson_provider_content_type (const char *container, const char *codec)
{
  /* The container decides; in Ogg and WebM only Opus and Vorbis, which
   * is what Watson decodes there. Not MP4, AMR or Matroska. */
  const char      *described = container != NULL && *container ? container : codec;
  g_autofree char *lower = NULL;
  g_autofree char *lower_codec = codec ? g_ascii_strdown (codec, -1) : NULL;
  gboolean         opus_or_vorbis
      = lower_codec != NULL
        && (strstr (lower_codec, "opus") || strstr (lower_codec, "vorbis"));

  if (described == NULL)
    return NULL;
  /* Only from core's conversion (prl-audio-convert.c): headerless 16 kHz
   * little-endian samples. IBM reads L16 as big-endian unless told. */
  if (g_strcmp0 (container, "L16") == 0)
    return "audio/l16;rate=16000;endianness=little-endian";
  lower = g_ascii_strdown (described, -1);
  if (strstr (lower, "wav") || strstr (lower, "riff"))
    return "audio/wav";
  if (strstr (lower, "flac"))
    return "audio/flac";
  if (strstr (lower, "ogg"))
    return opus_or_vorbis ? "audio/ogg" : NULL;
  if (strstr (lower, "webm"))
    return opus_or_vorbis ? "audio/webm" : NULL;
  if (strstr (lower, "mp3") || strstr (lower, "layer 3") || strstr (lower, "id3"))
    return "audio/mpeg";
  return NULL;
}

gboolean
prl_watson_provider_check_size (const char *audio_path, GError **error)
{
  GStatBuf st;

  if (g_stat (audio_path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not read “%s”: %s"), audio_path, g_strerror (saved));
      return FALSE;
    }
  if ((guint64)st.st_size > PRL_WATSON_MAX_RECOGNIZE_BYTES)
    {
      g_autofree char *size = g_format_size ((guint64)st.st_size);

      g_set_error (
          error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
          _ ("“%s” is %s, more than the 100 MB IBM Watson takes in one "
             "recognition. Nothing was sent; compress it (FLAC or Opus) or split "
             "it into shorter recordings."),
          audio_path, size);
      return FALSE;
    }
  return TRUE;
}

PrlTranscript *
prl_watson_provider_map_transcript (const PrlWatsonTranscript *answer,
                                    const char                *audio_path,
                                    GError                   **error)
{
  g_autoptr (PrlTranscript) transcript = prl_transcript_new (audio_path);
  double last_end = 0;

  for (guint i = 0; i < answer->n_words; i++)
    {
      const PrlWatsonTimedWord *w = &answer->words[i];

      if (!isfinite (w->start) || !isfinite (w->end) || w->start < 0 || w->end < w->start
          || w->start + 0.005 < last_end)
        {
          g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_ANSWER,
                       _ ("IBM Watson answered with impossible times for the word “%s” "
                          "(%.2f s to %.2f s, after a word that ended at %.2f s); "
                          "nothing was stored. Try again later."),
                       w->word, w->start, w->end, last_end);
          return NULL;
        }
      if (w->confidence > 1 || (w->confidence < 0 && w->confidence != -1))
        {
          g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_ANSWER,
                       _ ("IBM Watson answered with the confidence %g for the word “%s”, "
                          "outside 0 to 1; nothing was stored. Try again later."),
                       w->confidence, w->word);
          return NULL;
        }
      last_end = w->end;
      /* %HESITATION and the like mark a sound, not a word of the
       * reference: scoring them would count every "um" as an insertion. */
      if (w->word[0] == '%' || w->word[0] == '\0')
        continue;
      /* Asked for, Watson sends a confidence for every word; one missing
       * (-1) is not taken for doubt, so that review does not flag it. */
      prl_transcript_add_word (transcript, w->word, w->start, w->end,
                               w->confidence >= 0 ? w->confidence : 1.0);
    }
  transcript->duration = last_end;
  return g_steal_pointer (&transcript);
}

static gboolean
check_model (PrlModel *model, GError **error)
{
  const char *account = model ? prl_model_get_account (model) : NULL;
  const char *base = model ? prl_model_get_provider_base (model) : NULL;

  if (model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("IBM Watson transcribes with a model’s account: choose an "
                              "IBM Watson model"));
      return FALSE;
    }
  if (account == NULL || *account == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _ ("“%s” has no IBM Cloud account, so IBM Watson cannot be asked. "
                      "Nothing was sent; create the model again with an account."),
                   prl_model_get_name (model));
      return FALSE;
    }
  if (base == NULL || *base == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _ ("“%s” names no Watson base model, so IBM Watson cannot be asked. "
                      "Nothing was sent; create the model again with “--base”."),
                   prl_model_get_name (model));
      return FALSE;
    }
  return TRUE;
}

static gboolean
prl_watson_provider_check_target (PrlProvider *provider,
                                  PrlModel    *model,
                                  PrlVersion  *version,
                                  GError     **error)
{
  return check_model (model, error)
         && prl_provider_check_version_of (model, version, error);
}

/* The customization_id of @version: the customization of the version's
 * name (prl-watson-train.c names each training's customization so), which
 * must be available. */
static char *
customization_id (PrlWatsonClient *client,
                  const char      *account,
                  PrlModel        *model,
                  PrlVersion      *version,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autofree char *key
      = g_strconcat (account, "\n", prl_version_get_name (version), NULL);
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GHashTable) by_name = NULL;
  g_autoptr (GPtrArray) bases = NULL;
  gboolean        listed = FALSE;
  PrlWatsonModel *found = NULL;
  char           *id;

  g_mutex_lock (&ids_lock);
  id = ids ? g_strdup (g_hash_table_lookup (ids, key)) : NULL;
  g_mutex_unlock (&ids_lock);
  if (id != NULL)
    return id;

  if (!(models = CALL (list_models, client, error, NULL, cancellable)))
    return NULL;
  /* An upgraded version shares its customization (prl-watson-versions.c). */
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < models->len; i++)
    if (!g_hash_table_contains (by_name, ((PrlWatsonModel *)models->pdata[i])->name))
      g_hash_table_insert (by_name, ((PrlWatsonModel *)models->pdata[i])->name,
                           models->pdata[i]);
  found = _prl_watson_find_customization (by_name, prl_version_get_name (version));
  if (found == NULL)
    {
      g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_NOT_FOUND,
                   _ ("The version “%s” of “%s” is no longer a custom model of the IBM "
                      "Cloud account “%s”. The audio was not sent; train the model "
                      "again."),
                   prl_version_get_name (version), prl_model_get_name (model), account);
      return NULL;
    }
  if (found->status != PRL_WATSON_STATUS_AVAILABLE)
    {
      g_set_error (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_REQUEST,
                   _ ("The custom model of the version “%s” is “%s” on IBM Watson, not "
                      "available. The audio was not sent; try again when it is."),
                   prl_version_get_name (version), found->status_name);
      return NULL;
    }
  /* IBM retires bases (prl-watson-versions.c): a customization on one
   * /v1/models no longer lists cannot recognize; the user hears why. */
  if (!(bases = CALL (list_base_models, client, error, cancellable)))
    return NULL;
  for (guint i = 0; i < bases->len && !listed; i++)
    listed = g_strcmp0 (((PrlWatsonBaseModel *)bases->pdata[i])->name, found->base_model)
             == 0;
  if (!listed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("The version “%s” of “%s” cannot recognize: IBM Watson no longer "
                      "offers the base model it was built on (%s). The audio was not "
                      "sent; choose another version or train the model on a current "
                      "base."),
                   prl_version_get_name (version), prl_model_get_name (model),
                   prl_version_get_base_model_id (version)
                       ? prl_version_get_base_model_id (version)
                       : found->base_model);
      return NULL;
    }
  g_mutex_lock (&ids_lock);
  if (ids == NULL)
    ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (ids, g_strdup (key), g_strdup (found->id));
  g_mutex_unlock (&ids_lock);
  return g_strdup (found->id);
}

static PrlTranscript *
prl_watson_provider_recognize (PrlProvider               *provider,
                               const PrlRecognizeRequest *request,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  PrlWatsonRecognizeOptions options = { .customization_weight = -1 };
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (PrlWatsonTranscript) answer = NULL;
  g_autofree char *id = NULL;
  g_autofree char *remote_job = NULL;
  PrlTranscript   *transcript;
  const char      *content_type, *account;

  /* Everything Watson would refuse is refused before any request. */
  if (!prl_watson_provider_check_target (provider, request->model, request->version,
                                         error))
    return NULL;
  if (!(content_type
        = prl_watson_provider_content_type (request->container, request->codec)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("IBM Watson cannot read %s audio in %s. Nothing was sent; convert "
                      "the recording to WAV, FLAC, MP3, or Opus or Vorbis in Ogg or "
                      "WebM."),
                   request->codec ? request->codec : _ ("unknown"),
                   request->container ? request->container : _ ("an unknown container"));
      return NULL;
    }
  if (!prl_watson_provider_check_size (request->audio_path, error))
    return NULL;
  account = prl_model_get_account (request->model);
  if (!(client = _prl_watson_client_open (account, FALSE, cancellable, error)))
    return NULL;
  if (request->version != NULL
      && !(id = customization_id (client, account, request->model, request->version,
                                  cancellable, error)))
    return NULL;

  options.model = prl_model_get_provider_base (request->model);
  options.customization_id = id;
  /* A version on an older base than its customization now serves (the
   * one an upgrade replaced) asks for that base version, as IBM lets it. */
  if (request->version != NULL && prl_version_get_upgrade_available (request->version)
      && prl_version_get_base_model_id (request->version) != NULL
      && strstr (prl_version_get_base_model_id (request->version), ".v") != NULL)
    options.base_model_version = prl_version_get_base_model_id (request->version);
  /* A weight chosen for the version (on tuning text); otherwise the one
   * the customization was trained with applies. */
  if (request->version != NULL && prl_version_get_tuned (request->version)
      && prl_version_get_lm_weight (request->version) >= 0
      && prl_version_get_lm_weight (request->version) <= 1)
    options.customization_weight = prl_version_get_lm_weight (request->version);
  options.timestamps = TRUE;
  options.word_confidence = TRUE;
  /* Long audio as a job, so that no connection stays open while Watson
   * works through it; a run of many recordings too, so that a killed
   * one takes up its jobs again instead of sending the audio twice. */
  if (request->duration > prl_watson_provider_job_threshold ()
      || request->n_recordings > prl_watson_provider_batch_threshold ())
    answer = prl_watson_provider_recognize_resumable (client, request->audio_path,
                                                      content_type, &options, &remote_job,
                                                      cancellable, error);
  else
    answer = CALL (recognize, client, error, request->audio_path, content_type, &options,
                   cancellable);
  if (answer == NULL)
    return NULL;
  for (guint i = 0; answer->warnings != NULL && answer->warnings[i] != NULL; i++)
    g_message ("IBM Watson, %s: %s", request->audio_path, answer->warnings[i]);
  if (!(transcript
        = prl_watson_provider_map_transcript (answer, request->audio_path, error)))
    return NULL;
  if (request->duration > 0)
    transcript->duration = request->duration;
  transcript->remote_job = g_steal_pointer (&remote_job);
  if (transcript->remote_job != NULL)
    {
      g_mutex_lock (&job_clients_lock);
      if (job_clients == NULL)
        job_clients
            = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_hash_table_replace (job_clients, g_strdup (transcript->remote_job),
                            g_object_ref (client));
      g_mutex_unlock (&job_clients_lock);
    }
  return transcript;
}

/* A recognition job is deleted once its transcript is stored. */
static gboolean
prl_watson_provider_release (PrlProvider         *provider,
                             PrlModel            *model,
                             const PrlTranscript *transcript,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autofree char *job = NULL;

  if (transcript->remote_job == NULL)
    return TRUE;
  g_mutex_lock (&job_clients_lock);
  if (job_clients != NULL)
    g_hash_table_steal_extended (job_clients, transcript->remote_job, (gpointer *)&job,
                                 (gpointer *)&client);
  g_mutex_unlock (&job_clients_lock);
  if (model == NULL || prl_model_get_account (model) == NULL)
    return TRUE;
  return (client != NULL
          || (client = _prl_watson_client_open (prl_model_get_account (model), FALSE,
                                                cancellable, error)))
         && prl_watson_provider_release_job (client, transcript->remote_job, cancellable,
                                             error);
}

/**
 * prl_watson_provider_wav_is_readable:
 * @base: (nullable): the Watson base model recognized with
 * @codec: (nullable): the probed codec of a WAV
 *
 * Whether Watson takes this WAV as it is. IBM's audio pages say that
 * broadband and multimedia models need audio sampled at 16 kHz or more,
 * narrowband and telephony ones at 8 kHz or more (higher rates are
 * brought down by the service), and that audio/wav carries at most nine
 * channels. They do not name sample sizes, so only 16-bit linear PCM,
 * what every WAV reader takes, goes as it is: 24-bit, float, A-law or
 * ADPCM WAVs are converted rather than risked.
 */
gboolean
prl_watson_provider_wav_is_readable (const char *base,
                                     const char *codec,
                                     guint       sample_rate,
                                     guint       channels)
{
  gboolean narrow
      = base != NULL
        && (strstr (base, "Narrowband") != NULL || strstr (base, "Telephony") != NULL);
  g_autofree char *lower = codec ? g_ascii_strdown (codec, -1) : NULL;

  if (sample_rate < (narrow ? 8000u : 16000u) || channels < 1 || channels > 9)
    return FALSE;
  return lower != NULL && strstr (lower, "16-bit") != NULL
         && strstr (lower, "pcm") != NULL;
}

/* What Watson would refuse is converted by core before it gets here;
 * the refusal in recognize stays for a caller that skips core. */
static gboolean
prl_watson_provider_accepts_audio (PrlProvider               *provider,
                                   const PrlRecognizeRequest *request)
{
  const char *type
      = prl_watson_provider_content_type (request->container, request->codec);

  if (type == NULL)
    return FALSE;
  if (g_strcmp0 (type, "audio/wav") == 0)
    return prl_watson_provider_wav_is_readable (
        request->model ? prl_model_get_provider_base (request->model) : NULL,
        request->codec, request->sample_rate, request->channels);
  return TRUE;
}

static void
prl_ibm_watson_provider_iface_init (PrlProviderInterface *iface)
{
  iface->check_target = prl_watson_provider_check_target;
  iface->recognize = prl_watson_provider_recognize;
  iface->wants_audio_info = TRUE;
  iface->accepts_audio = prl_watson_provider_accepts_audio;
  iface->max_parallel = prl_cloud_accounts_max_parallel;
  iface->release = prl_watson_provider_release;
}

static void
prl_ibm_watson_provider_class_init (PrlIbmWatsonProviderClass *klass)
{
}

static void
prl_ibm_watson_provider_init (PrlIbmWatsonProvider *self)
{
}

PrlProvider *
prl_watson_provider_new (void)
{
  return g_object_new (PRL_TYPE_IBM_WATSON_PROVIDER, NULL);
}

/**
 * prl_watson_provider_register:
 *
 * Registers IBM Watson as "ibm-watson" for transcription. Call once from
 * main().
 */
void
prl_watson_provider_register (void)
{
  g_autoptr (PrlProvider) provider = prl_watson_provider_new ();

  prl_provider_register (PRL_WATSON_PROVIDER, provider);
}
