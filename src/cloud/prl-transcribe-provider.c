/* prl-transcribe-provider.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-account.h"
#include "prl-cloud-call-private.h"
#include "prl-provider-info.h"
#include "prl-s3-client.h"
#include "prl-transcribe-client.h"
#include "prl-transcribe-train.h"
#include "prl-transcribe-transcript.h"
#include "prl-upload-job-private.h"

#include "prl-transcribe-provider.h"

/* Amazon Transcribe as a PrlProvider for transcription, registered as
 * "aws-transcribe" (training is the remote job of prl-transcribe-train.c).
 * One recording with one model, on a worker thread of the evaluate or
 * transcribe job:
 *
 *   1. refuse before any request what Transcribe would refuse: a model
 *      without account, a language Transcribe (or, with a version, its
 *      custom language models) does not have, a format it cannot read;
 *   2. the job's name follows from the account, the language, the remote
 *      model and the audio's SHA-256, so GetTranscriptionJob first tells
 *      whether an earlier (killed) run started it already;
 *   3. otherwise the audio goes to PREFIX/blobs/SHA256 (HEAD first: a
 *      blob already there is not sent again) and StartTranscriptionJob
 *      names the model, the probed sample rate and format, and
 *      PREFIX/transcripts/JOB.json in the account's bucket as output;
 *      LimitExceededException and throttling wait and try again;
 *   4. GetTranscriptionJob is polled with back-off until COMPLETED (the
 *      transcript JSON is read from the bucket) or FAILED (the job is
 *      deleted, so a retry may start it afresh, and the FailureReason
 *      reported);
 *   5. release(), called once the caller stored the result, deletes the
 *      job and its transcript object.
 */

struct _PrlAwsTranscribeProvider
{
  GObject parent_instance;
};

static void prl_aws_transcribe_provider_iface_init (PrlProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
    PrlAwsTranscribeProvider,
    prl_aws_transcribe_provider,
    G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE (PRL_TYPE_PROVIDER, prl_aws_transcribe_provider_iface_init))

/* Transcribe's LanguageCode enumeration (batch transcription). */
static const char *const stock_languages[]
    = { "af-ZA", "ar-AE", "ar-SA", "da-DK", "de-CH", "de-DE", "en-AB", "en-AU",
        "en-GB", "en-IE", "en-IN", "en-US", "en-WL", "es-ES", "es-US", "fa-IR",
        "fr-CA", "fr-FR", "he-IL", "hi-IN", "id-ID", "it-IT", "ja-JP", "ko-KR",
        "ms-MY", "nl-NL", "pt-BR", "pt-PT", "ru-RU", "ta-IN", "te-IN", "tr-TR",
        "zh-CN", "zh-TW", "th-TH", "en-ZA", "en-NZ", NULL };

/* Waits between polls and after throttling: seconds at first, then up to
 * a minute (PARLANCE_TEST_TRANSCRIBE_POLL caps it for the tests). */
#define FIRST_DELAY 1.0
#define MAX_DELAY 60.0
#define MAX_THROTTLED 200

static double
max_delay (void)
{
  const char *test = g_getenv ("PARLANCE_TEST_TRANSCRIBE_POLL");
  double      cap = test != NULL ? g_ascii_strtod (test, NULL) : 0;

  return cap > 0 ? cap : MAX_DELAY;
}

static double
next_delay (double delay)
{
  return MIN (delay * 1.6, max_delay ());
}

/* What waits and tries again rather than failing the run. */
static gboolean
is_throttled (const GError *error)
{
  return g_error_matches (error, PRL_TRANSCRIBE_ERROR,
                          PRL_TRANSCRIBE_ERROR_LIMIT_EXCEEDED)
         || g_error_matches (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TOO_MANY_RETRIES);
}

gboolean
prl_transcribe_provider_check_language (PrlModel   *model,
                                        PrlVersion *version,
                                        GError    **error)
{
  const PrlProviderInfo *info = prl_provider_info_lookup (PRL_TRANSCRIBE_PROVIDER);
  const char            *language = prl_model_get_language (model);

  if (language == NULL || !g_strv_contains (stock_languages, language))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("“%s” is for the language “%s”, which Amazon Transcribe does not "
                      "transcribe. Nothing was sent; use a model of a language "
                      "Transcribe supports, such as en-US."),
                   prl_model_get_name (model), language != NULL ? language : "");
      return FALSE;
    }
  if (version != NULL && info != NULL
      && !prl_provider_info_supports_language (info, language))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("“%s” is for %s, but Amazon Transcribe’s custom language models "
                      "do not support %s, so the version “%s” cannot have been trained "
                      "for it. Nothing was sent; transcribe with the stock model or "
                      "fix the model’s language."),
                   prl_model_get_name (model), language, language,
                   prl_version_get_name (version));
      return FALSE;
    }
  return prl_provider_check_version_of (model, version, error);
}

char *
prl_transcribe_provider_job_name (const char *account,
                                  const char *language,
                                  const char *remote_model,
                                  const char *audio_sha256)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char system[17];

  /* Within Transcribe's 200 characters of [0-9a-zA-Z._-]: the model part
   * is hashed, since remote model names may be 200 characters long. */
  g_checksum_update (sum, (const guchar *)account, -1);
  g_checksum_update (sum, (const guchar *)"\n", 1);
  g_checksum_update (sum, (const guchar *)language, -1);
  g_checksum_update (sum, (const guchar *)"\n", 1);
  g_checksum_update (sum, (const guchar *)(remote_model ? remote_model : ""), -1);
  g_strlcpy (system, g_checksum_get_string (sum), sizeof system);
  return g_strdup_printf ("parlance-%s-%s", system, audio_sha256);
}

typedef struct
{
  PrlCloudAccount     *account;
  PrlTranscribeClient *transcribe;
  PrlS3Client         *s3;
  char                *prefix; /* without a trailing slash */
} Clients;

static void
clients_clear (Clients *c)
{
  g_clear_object (&c->account);
  g_clear_object (&c->transcribe);
  g_clear_object (&c->s3);
  g_clear_pointer (&c->prefix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Clients, clients_clear)

static const char *
model_account (PrlModel *model, GError **error)
{
  const char *account = prl_model_get_account (model);

  if (account == NULL || *account == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _ ("“%s” has no cloud account, so Amazon Transcribe cannot be asked. "
                      "Create the model again with an account."),
                   prl_model_get_name (model));
      return NULL;
    }
  return account;
}

/* Keys from the keyring, no request yet. */
static gboolean
open_clients (const char *name, Clients *c, GCancellable *cancellable, GError **error)
{
  g_autoptr (PrlAwsSigner) s3_signer = NULL;
  g_autoptr (PrlAwsSigner) signer = NULL;
  g_autoptr (PrlHttpClient) http = NULL;
  const char *s3_endpoint;
  gsize       len;

  if (!(s3_signer
        = prl_cloud_account_signer_sync (name, PRL_CLOUD_FOR_UPLOAD, "s3", PRL_SIGV4_S3,
                                         &c->account, cancellable, error)))
    return FALSE;
  g_clear_object (&c->account);
  if (!(signer = prl_cloud_account_signer_sync (name, PRL_CLOUD_FOR_UPLOAD, "transcribe",
                                                0, &c->account, cancellable, error)))
    return FALSE;
  http = prl_http_client_new ();
  s3_endpoint = prl_cloud_account_get_endpoint (c->account);
  if (!(c->s3 = prl_s3_client_new (http, s3_signer, s3_endpoint[0] ? s3_endpoint : NULL,
                                   prl_cloud_account_get_bucket (c->account), error)))
    return FALSE;
  if (!(c->transcribe
        = prl_transcribe_client_new_for_account (http, signer, c->account, error)))
    return FALSE;
  c->prefix = g_strdup (prl_cloud_account_get_prefix (c->account));
  len = strlen (c->prefix);
  while (len > 0 && c->prefix[len - 1] == '/')
    c->prefix[--len] = '\0';
  return TRUE;
}

static char *
output_key (const Clients *c, const char *job)
{
  return g_strconcat (c->prefix, *c->prefix ? "/" : "", "transcripts/", job, ".json",
                      NULL);
}

/* Runs one Transcribe call to its end on this worker thread. */
#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_transcribe_client, op, client, error, __VA_ARGS__)

/* After a failed call (@failure) of a retry loop: TRUE once the wait
 * before the next @attempt is over; FALSE with @error set when the
 * failure is not throttling, the attempts are spent, or the wait is
 * cancelled. @name, when not NULL, is logged with the retry. */
static gboolean
try_again (GError      **failure,
           guint         attempt,
           double       *delay,
           const char   *name,
           GCancellable *cancellable,
           GError      **error)
{
  if (!is_throttled (*failure) || attempt >= MAX_THROTTLED)
    {
      g_propagate_error (error, g_steal_pointer (failure));
      return FALSE;
    }
  if (name != NULL)
    g_debug ("%s: %s; trying again", name, (*failure)->message);
  if (!prl_cloud_sleep (g_random_double_range (0.5, 1.0) * *delay, cancellable, error))
    return FALSE;
  *delay = next_delay (*delay);
  return TRUE;
}

/* GetTranscriptionJob of @name, or StartTranscriptionJob of @spec, through
 * throttling; NULL with NOT_FOUND when no such job exists. Beyond the
 * account's concurrent jobs Transcribe answers a start with
 * LimitExceededException: wait and ask again. A ConflictException means a
 * run of ours started it meanwhile: that job is looked up. */
static PrlTranscribeJobInfo *
ask_job (PrlTranscribeClient        *client,
         const char                 *name,
         const PrlTranscribeJobSpec *spec,
         GCancellable               *cancellable,
         GError                    **error)
{
  double delay = FIRST_DELAY;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      PrlTranscribeJobInfo *info
          = spec != NULL
                ? CALL (start_transcription_job, client, &local_error, spec, cancellable)
                : CALL (get_transcription_job, client, &local_error, name, cancellable);

      if (info != NULL)
        return info;
      if (spec != NULL
          && g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                              PRL_TRANSCRIBE_ERROR_CONFLICT))
        return ask_job (client, spec->name, NULL, cancellable, error);
      if (!try_again (&local_error, attempt, &delay, spec != NULL ? spec->name : NULL,
                      cancellable, error))
        return NULL;
    }
}

static gboolean
delete_job (const Clients *c, const char *name, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *key = output_key (c, name);

  if (!CALL (delete_transcription_job, c->transcribe, &local_error, name, cancellable)
      && !g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_NOT_FOUND)
      /* The stand-in and Amazon answer a missing job with BadRequest too. */
      && !g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_BAD_REQUEST))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  if (!prl_s3_client_delete_object (c->s3, key, cancellable, &local_error)
      && !g_error_matches (local_error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The audio in the bucket under its content's hash, sent only if absent. */
static gboolean
upload_audio (const Clients *c,
              const char    *key,
              const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (GError) head_error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;
  guint64 remote_size = 0;

  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                  G_FILE_QUERY_INFO_NONE, cancellable, error)))
    return FALSE;
  if (prl_s3_client_head_object (c->s3, key, &remote_size, NULL, cancellable, &head_error)
      && remote_size == (guint64)g_file_info_get_size (info))
    return TRUE;
  if (head_error != NULL
      && !g_error_matches (head_error, PRL_S3_ERROR, PRL_S3_ERROR_NO_SUCH_KEY))
    {
      g_propagate_error (error, g_steal_pointer (&head_error));
      return FALSE;
    }
  return prl_s3_client_upload_file (c->s3, key, path, NULL, cancellable, error);
}

static PrlTranscript *
read_transcript (const Clients *c,
                 const char    *job,
                 const char    *audio_path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *key = output_key (c, job);
  g_autofree char *tmp_path = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GFile) tmp = NULL;
  gsize length = 0;
  int   fd;

  if ((fd = g_file_open_tmp ("parlance-transcript-XXXXXX.json", &tmp_path, error)) < 0)
    return NULL;
  close (fd);
  tmp = g_file_new_for_path (tmp_path);
  if (!prl_s3_client_get_object (c->s3, key, tmp, cancellable, error)
      || !g_file_get_contents (tmp_path, &data, &length, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }
  g_unlink (tmp_path);
  return prl_transcribe_transcript_parse (data, length, audio_path, error);
}

static gboolean
prl_aws_transcribe_provider_check_target (PrlProvider *provider,
                                          PrlModel    *model,
                                          PrlVersion  *version,
                                          GError     **error)
{
  if (model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("Amazon Transcribe transcribes with a model’s account: "
                              "choose an Amazon Transcribe model"));
      return FALSE;
    }
  return prl_transcribe_provider_check_language (model, version, error)
         && model_account (model, error) != NULL;
}

static PrlTranscript *
prl_transcribe_provider_recognize (PrlProvider               *provider,
                                   const PrlRecognizeRequest *request,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_auto (Clients) c = { 0 };
  g_autoptr (PrlTranscribeJobInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *media_key = NULL;
  g_autofree char *media_uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *out_key = NULL;
  PrlTranscript   *transcript;
  const char      *account, *language, *remote_model, *format, *sha;
  double           delay = FIRST_DELAY;

  /* Everything Transcribe would refuse is refused before any request. */
  if (!prl_aws_transcribe_provider_check_target (provider, request->model,
                                                 request->version, error))
    return NULL;
  account = prl_model_get_account (request->model);
  language = prl_model_get_language (request->model);
  remote_model = request->version ? prl_version_get_name (request->version) : NULL;
  if (!(format = prl_transcribe_media_format (request->container, request->codec)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Amazon Transcribe cannot read %s audio in %s. Nothing was sent; "
                      "convert the recording to WAV, FLAC, MP3, MP4, Ogg, WebM or AMR."),
                   request->codec ? request->codec : _ ("unknown"),
                   request->container ? request->container : _ ("an unknown container"));
      return NULL;
    }

  if (!open_clients (account, &c, cancellable, error)
      || !(media_key
           = prl_s3_blob_key (c.prefix, request->audio_path, cancellable, error)))
    return NULL;
  sha = strrchr (media_key, '/') + 1;
  name = prl_transcribe_provider_job_name (account, language, remote_model, sha);

  /* A run killed before its results were stored left the job: use it. */
  info = ask_job (c.transcribe, name, NULL, cancellable, &local_error);
  if (info == NULL
      && !g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);
  if (info == NULL)
    {
      PrlTranscribeJobSpec spec = { 0 };

      if (!upload_audio (&c, media_key, request->audio_path, cancellable, error))
        return NULL;
      media_uri = g_strdup_printf ("s3://%s/%s", prl_cloud_account_get_bucket (c.account),
                                   media_key);
      out_key = output_key (&c, name);
      spec.name = name;
      spec.media_uri = media_uri;
      spec.language_code = language;
      spec.media_format = format;
      /* Transcribe accepts 8000-48000 Hz; outside it, let it detect. */
      spec.sample_rate = request->sample_rate >= 8000 && request->sample_rate <= 48000
                             ? request->sample_rate
                             : 0;
      spec.model_name = remote_model;
      spec.output_bucket = prl_cloud_account_get_bucket (c.account);
      spec.output_key = out_key;
      if (!(info = ask_job (c.transcribe, NULL, &spec, cancellable, error)))
        return NULL;
    }

  while (info->status != PRL_TRANSCRIBE_STATUS_COMPLETED
         && info->status != PRL_TRANSCRIBE_STATUS_FAILED)
    {
      if (!prl_cloud_sleep (delay, cancellable, error))
        return NULL;
      delay = next_delay (delay);
      g_clear_pointer (&info, prl_transcribe_job_info_free);
      if (!(info = ask_job (c.transcribe, name, NULL, cancellable, error)))
        return NULL;
    }

  if (info->status == PRL_TRANSCRIBE_STATUS_FAILED)
    {
      g_autoptr (GError) delete_error = NULL;

      /* Deleted, so that trying again starts it afresh. */
      if (!delete_job (&c, name, NULL, &delete_error))
        g_warning ("%s: %s", name, delete_error->message);
      g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_FAILED,
                   _ ("Amazon Transcribe could not transcribe the recording: %s"),
                   info->failure_reason ? info->failure_reason : _ ("no reason given"));
      return NULL;
    }

  if (!(transcript
        = read_transcript (&c, name, request->audio_path, cancellable, &local_error)))
    {
      /* A transcript that cannot be read would be read again on every
       * retry: the job goes, so that the next run transcribes afresh. A
       * failed download keeps it for the next run. */
      if (g_error_matches (local_error, PRL_TRANSCRIBE_ERROR,
                           PRL_TRANSCRIBE_ERROR_FAILED))
        {
          g_autoptr (GError) delete_error = NULL;

          if (!delete_job (&c, name, NULL, &delete_error))
            g_warning ("%s: %s", name, delete_error->message);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (request->duration > 0)
    transcript->duration = request->duration;
  transcript->remote_job = g_steal_pointer (&name);
  return transcript;
}

static gboolean
prl_transcribe_provider_release (PrlProvider         *provider,
                                 PrlModel            *model,
                                 const PrlTranscript *transcript,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  g_auto (Clients) c = { 0 };
  const char *account;

  if (model == NULL || !(account = model_account (model, error)))
    return model == NULL;
  return open_clients (account, &c, cancellable, error)
         && delete_job (&c, transcript->remote_job, cancellable, error);
}

static void
prl_aws_transcribe_provider_iface_init (PrlProviderInterface *iface)
{
  iface->check_target = prl_aws_transcribe_provider_check_target;
  iface->recognize = prl_transcribe_provider_recognize;
  iface->wants_audio_info = TRUE;
  iface->max_parallel = prl_cloud_accounts_max_parallel;
  iface->release = prl_transcribe_provider_release;
}

static void
prl_aws_transcribe_provider_class_init (PrlAwsTranscribeProviderClass *klass)
{
}

static void
prl_aws_transcribe_provider_init (PrlAwsTranscribeProvider *self)
{
}

PrlProvider *
prl_transcribe_provider_new (void)
{
  return g_object_new (PRL_TYPE_AWS_TRANSCRIBE_PROVIDER, NULL);
}

/**
 * prl_transcribe_provider_register:
 *
 * Registers Amazon Transcribe as "aws-transcribe". Call once from main().
 */
void
prl_transcribe_provider_register (void)
{
  g_autoptr (PrlProvider) provider = prl_transcribe_provider_new ();

  prl_provider_register (PRL_TRANSCRIBE_PROVIDER, provider);
}
