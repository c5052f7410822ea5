/* prl-transcribe-client.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-aws-signer.h"
#include "prl-cloud-account.h"
#include "prl-http-client.h"

G_BEGIN_DECLS

#define PRL_TRANSCRIBE_ERROR (prl_transcribe_error_quark ())

/* What an Amazon Transcribe answer meant, for the user. Transport failures
 * (and throttling that outlasted the retries) stay in PRL_HTTP_ERROR,
 * cancellation in G_IO_ERROR_CANCELLED. */
typedef enum
{
  PRL_TRANSCRIBE_ERROR_FAILED,           /* any other refusal */
  PRL_TRANSCRIBE_ERROR_BAD_REQUEST,      /* BadRequestException: the service's message */
  PRL_TRANSCRIBE_ERROR_CONFLICT,         /* the name is in use */
  PRL_TRANSCRIBE_ERROR_NOT_FOUND,
  PRL_TRANSCRIBE_ERROR_LIMIT_EXCEEDED,   /* a quota, not a passing rate limit */
  PRL_TRANSCRIBE_ERROR_INTERNAL,         /* InternalFailureException */
  PRL_TRANSCRIBE_ERROR_UNKNOWN_KEY,      /* UnrecognizedClientException */
  PRL_TRANSCRIBE_ERROR_WRONG_SECRET,     /* InvalidSignatureException */
  PRL_TRANSCRIBE_ERROR_EXPIRED_TOKEN,    /* ExpiredTokenException */
  PRL_TRANSCRIBE_ERROR_ACCESS_DENIED,    /* AccessDeniedException */
  PRL_TRANSCRIBE_ERROR_CLOCK_SKEW,       /* the clock is off by more than 5 minutes */
  PRL_TRANSCRIBE_ERROR_NOT_TRANSCRIBE,   /* the endpoint answered something else */
  PRL_TRANSCRIBE_ERROR_INVALID_NAME,     /* refused before sending */
  PRL_TRANSCRIBE_ERROR_INVALID_ROLE_ARN, /* refused before sending */
} PrlTranscribeError;

GQuark prl_transcribe_error_quark (void);

/* The service's limits on names: 1-200 of [0-9a-zA-Z._-]. */
#define PRL_TRANSCRIBE_NAME_MAX 200

gboolean prl_transcribe_check_name     (const char  *name,
                                        GError     **error);
gboolean prl_transcribe_check_role_arn (const char  *arn,
                                        GError     **error);

typedef enum
{
  PRL_TRANSCRIBE_STATUS_UNKNOWN, /* a status this version does not know */
  PRL_TRANSCRIBE_STATUS_QUEUED,  /* jobs only */
  PRL_TRANSCRIBE_STATUS_IN_PROGRESS,
  PRL_TRANSCRIBE_STATUS_FAILED,
  PRL_TRANSCRIBE_STATUS_COMPLETED,
} PrlTranscribeStatus;

const char *prl_transcribe_status_to_string (PrlTranscribeStatus status);

/* A custom language model as DescribeLanguageModel and ListLanguageModels
 * give it. Times are Unix seconds (0 when the answer had none). */
typedef struct
{
  char               *name;
  char               *language_code;
  char               *base_model;
  PrlTranscribeStatus status;
  char               *failure_reason; /* as the service said it; NULL unless FAILED */
  gboolean            upgrade_available;
  double              create_time;
  double              last_modified_time;
  char               *s3_uri;
  char               *tuning_s3_uri;
  char               *data_access_role_arn;
} PrlTranscribeModel;

#define PRL_TYPE_TRANSCRIBE_MODEL (prl_transcribe_model_get_type ())

GType               prl_transcribe_model_get_type (void) G_GNUC_CONST;
PrlTranscribeModel *prl_transcribe_model_copy     (const PrlTranscribeModel *model);
void                prl_transcribe_model_free     (PrlTranscribeModel       *model);

/* A transcription job (GetTranscriptionJob) or a job summary
 * (ListTranscriptionJobs: no media or transcript URI). */
typedef struct
{
  char               *name;
  PrlTranscribeStatus status;
  char               *language_code;
  char               *media_uri;
  char               *media_format;
  guint               sample_rate;
  char               *model_name;
  char               *transcript_uri;
  char               *failure_reason;
  double              creation_time;
  double              start_time;
  double              completion_time;
} PrlTranscribeJobInfo;

#define PRL_TYPE_TRANSCRIBE_JOB_INFO (prl_transcribe_job_info_get_type ())

GType             prl_transcribe_job_info_get_type (void) G_GNUC_CONST;
PrlTranscribeJobInfo *prl_transcribe_job_info_copy     (const PrlTranscribeJobInfo *job);
void              prl_transcribe_job_info_free     (PrlTranscribeJobInfo       *job);

/* What CreateLanguageModel needs; @tuning_s3_uri may be NULL. */
typedef struct
{
  const char *name;
  const char *language_code; /* en-US, en-GB, ... (CLMLanguageCode) */
  const char *base_model;    /* NarrowBand or WideBand */
  const char *s3_uri;
  const char *tuning_s3_uri;
  const char *data_access_role_arn;
  const char *const *tags;   /* key, value, key, value, ..., NULL; may be NULL */
} PrlTranscribeModelSpec;

/* What StartTranscriptionJob needs; NULL and 0 members are left out. */
typedef struct
{
  const char *name;
  const char *media_uri;
  const char *language_code;
  const char *media_format;
  guint       sample_rate;
  const char *model_name;    /* ModelSettings.LanguageModelName */
  const char *output_bucket;
  const char *output_key;
} PrlTranscribeJobSpec;

#define PRL_TYPE_TRANSCRIBE_CLIENT (prl_transcribe_client_get_type ())

G_DECLARE_FINAL_TYPE (PrlTranscribeClient, prl_transcribe_client, PRL, TRANSCRIBE_CLIENT,
                      GObject)

PrlTranscribeClient *prl_transcribe_client_new (PrlHttpClient  *http,
                                                PrlAwsSigner   *signer,
                                                const char     *endpoint,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscribeClient *prl_transcribe_client_new_for_account (PrlHttpClient   *http,
                                                            PrlAwsSigner    *signer,
                                                            PrlCloudAccount *account,
                                                            GError         **error) G_GNUC_WARN_UNUSED_RESULT;
const char          *prl_transcribe_client_get_endpoint (PrlTranscribeClient *self);

/* Every call blocks until the service has answered: call them on a
 * worker thread, never on the main thread. */
PrlTranscribeModel *prl_transcribe_client_create_language_model_sync   (PrlTranscribeClient          *self,
                                                                        const PrlTranscribeModelSpec *spec,
                                                                        GCancellable                 *cancellable,
                                                                        GError                      **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscribeModel *prl_transcribe_client_describe_language_model_sync (PrlTranscribeClient *self,
                                                                        const char          *name,
                                                                        GCancellable        *cancellable,
                                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every page: loops on NextToken. @status UNKNOWN: any; @page_size 0: the
 * service's default (5), at most 100. */
GPtrArray          *prl_transcribe_client_list_language_models_sync    (PrlTranscribeClient *self,
                                                                        PrlTranscribeStatus  status,
                                                                        const char          *name_contains,
                                                                        guint                page_size,
                                                                        GCancellable        *cancellable,
                                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            prl_transcribe_client_delete_language_model_sync   (PrlTranscribeClient *self,
                                                                        const char          *name,
                                                                        GCancellable        *cancellable,
                                                                        GError             **error);

PrlTranscribeJobInfo *prl_transcribe_client_start_transcription_job_sync  (PrlTranscribeClient        *self,
                                                                           const PrlTranscribeJobSpec *spec,
                                                                           GCancellable               *cancellable,
                                                                           GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscribeJobInfo *prl_transcribe_client_get_transcription_job_sync    (PrlTranscribeClient *self,
                                                                           const char          *name,
                                                                           GCancellable        *cancellable,
                                                                           GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every page, as job summaries. @status UNKNOWN: any. */
GPtrArray            *prl_transcribe_client_list_transcription_jobs_sync  (PrlTranscribeClient *self,
                                                                           PrlTranscribeStatus  status,
                                                                           const char          *name_contains,
                                                                           guint                page_size,
                                                                           GCancellable        *cancellable,
                                                                           GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean              prl_transcribe_client_delete_transcription_job_sync (PrlTranscribeClient *self,
                                                                           const char          *name,
                                                                           GCancellable        *cancellable,
                                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTranscribeModel, prl_transcribe_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTranscribeJobInfo, prl_transcribe_job_info_free)

G_END_DECLS
