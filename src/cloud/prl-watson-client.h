/* prl-watson-client.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-http-client.h"

G_BEGIN_DECLS

#define PRL_WATSON_ERROR (prl_watson_error_quark ())

/* What an IBM Watson Speech to Text (or IAM) answer meant, for the user.
 * Messages quote the service's own "error" text and say what to do.
 * Transport failures (and 5xx storms that outlasted the retries) stay in
 * PRL_HTTP_ERROR, cancellation in G_IO_ERROR_CANCELLED. */
typedef enum
{
  PRL_WATSON_ERROR_FAILED,            /* any other refusal */
  PRL_WATSON_ERROR_BAD_REQUEST,       /* 400: bad input or a state that forbids it */
  PRL_WATSON_ERROR_UNAUTHORIZED,      /* 401, or IAM refused the API key */
  PRL_WATSON_ERROR_NOT_FOUND,         /* 404 */
  PRL_WATSON_ERROR_BUSY,              /* 409: the model is busy with another request */
  PRL_WATSON_ERROR_UNSUPPORTED_MEDIA, /* 415 */
  PRL_WATSON_ERROR_SERVICE,           /* 5xx answered once, not retried */
  PRL_WATSON_ERROR_NOT_WATSON,        /* the URL answered something else (HTML, ...) */
  PRL_WATSON_ERROR_BAD_ANSWER,        /* JSON without the members Watson sends */
} PrlWatsonError;

GQuark prl_watson_error_quark (void);

typedef enum
{
  PRL_WATSON_AUTH_IAM,   /* API key exchanged for a bearer token (IBM Cloud) */
  PRL_WATSON_AUTH_BASIC, /* Basic apikey:KEY (Cloud Pak installations) */
} PrlWatsonAuth;

#define PRL_WATSON_IAM_URL "https://iam.cloud.ibm.com/identity/token"

typedef enum
{
  PRL_WATSON_STATUS_UNKNOWN, /* a status this version does not know */
  PRL_WATSON_STATUS_PENDING,
  PRL_WATSON_STATUS_READY,
  PRL_WATSON_STATUS_TRAINING,
  PRL_WATSON_STATUS_AVAILABLE,
  PRL_WATSON_STATUS_UPGRADING,
  PRL_WATSON_STATUS_FAILED,
} PrlWatsonStatus;

typedef enum
{
  PRL_WATSON_CORPUS_UNKNOWN,
  PRL_WATSON_CORPUS_BEING_PROCESSED,
  PRL_WATSON_CORPUS_ANALYZED,
  PRL_WATSON_CORPUS_UNDETERMINED,
} PrlWatsonCorpusStatus;

/* Results are small plain structs rather than JsonObjects: every member is
 * checked once, here, against Watson's schema (a missing id or a status
 * this version does not know is caught at the boundary), the layers above
 * never parse JSON, and the structs outlive the response. */

/* A base model (GET /v1/models). */
typedef struct
{
  char    *name;
  char    *language;
  guint    rate;
  gboolean custom_language_model; /* accepts language customization */
  char    *description;
  char   **versions; /* "NAME.vDATE", newest last; empty when not listed */
} PrlWatsonBaseModel;

/* A custom language model (LanguageModel). @versions: the base versions
 * it can be used with, e.g. "en-US_BroadbandModel.v2020-01-16". */
typedef struct
{
  char           *id;
  char           *name;
  char           *description;
  char           *language;
  char           *dialect;
  char           *base_model;
  char           *owner;
  char           *created; /* ISO 8601 UTC, as sent */
  char           *updated;
  PrlWatsonStatus status;
  char           *status_name; /* as sent, also when UNKNOWN */
  guint           progress;
  char          **versions;
  char           *error;    /* set when FAILED */
  char           *warnings; /* as sent, or NULL */
} PrlWatsonModel;

typedef struct
{
  char                 *name;
  guint64               total_words;
  guint64               out_of_vocabulary_words;
  PrlWatsonCorpusStatus status;
  char                 *error; /* set when UNDETERMINED */
} PrlWatsonCorpus;

/* A custom word; on input only @word, @sounds_like and @display_as count. */
typedef struct
{
  char   *word;
  char  **sounds_like;
  char   *display_as;
  guint64 count;
  char  **source; /* "user" and/or corpus names */
} PrlWatsonWord;

typedef struct
{
  char  *word;
  double start; /* seconds */
  double end;
  double confidence; /* -1 when not asked for */
} PrlWatsonTimedWord;

/* The best alternative of every final result, joined. */
typedef struct
{
  char               *text;
  double              confidence;
  guint               n_words;
  PrlWatsonTimedWord *words;
  char              **warnings;
} PrlWatsonTranscript;

typedef enum
{
  PRL_WATSON_JOB_UNKNOWN, /* a status this version does not know */
  PRL_WATSON_JOB_WAITING,
  PRL_WATSON_JOB_PROCESSING,
  PRL_WATSON_JOB_COMPLETED,
  PRL_WATSON_JOB_FAILED,
} PrlWatsonJobStatus;

/* An asynchronous recognition (RecognitionJob). @transcript: its results
 * joined, once COMPLETED; @warnings: as sent (why it FAILED). */
typedef struct
{
  char                *id;
  PrlWatsonJobStatus   status;
  char                *status_name;
  PrlWatsonTranscript *transcript;
  char               **warnings;
} PrlWatsonJob;

void                 prl_watson_job_free        (PrlWatsonJob        *job);
void                 prl_watson_base_model_free (PrlWatsonBaseModel  *model);
void                 prl_watson_model_free      (PrlWatsonModel      *model);
void                 prl_watson_corpus_free     (PrlWatsonCorpus     *corpus);
void                 prl_watson_word_free       (PrlWatsonWord       *word);
void                 prl_watson_transcript_free (PrlWatsonTranscript *transcript);
const char          *prl_watson_status_to_string (PrlWatsonStatus    status);

typedef enum
{
  PRL_WATSON_WORDS_ALL,
  PRL_WATSON_WORDS_USER,
  PRL_WATSON_WORDS_CORPORA,
} PrlWatsonWordType;

/* Query parameters of /train; NULL/negative/FALSE ones are not sent, so
 * the service's defaults apply. */
typedef struct
{
  gboolean user_words_only;      /* word_type_to_add=user */
  double   customization_weight; /* 0..1; < 0: not sent */
  gboolean lenient;              /* strict=false */
  gboolean force;                /* force=true */
} PrlWatsonTrainOptions;

typedef struct
{
  const char *model;            /* base model; NULL: the service's default */
  const char *customization_id; /* language_customization_id or NULL */
  double      customization_weight; /* < 0: not sent */
  const char *base_model_version;
  gboolean    timestamps;
  gboolean    word_confidence;
} PrlWatsonRecognizeOptions;

#define PRL_TYPE_WATSON_CLIENT (prl_watson_client_get_type ())

G_DECLARE_FINAL_TYPE (PrlWatsonClient, prl_watson_client, PRL, WATSON_CLIENT, GObject)

/* @service_url: the instance URL (https://api.REGION.speech-to-text...
 * /instances/ID); @iam_url NULL: PRL_WATSON_IAM_URL. The key stays in
 * memory only and is never logged; with IAM a token is fetched when first
 * needed, refreshed when 80 % of its life has passed (one refresh at a
 * time, whatever the number of threads) and once more on a 401. */
PrlWatsonClient *prl_watson_client_new        (PrlHttpClient  *http,
                                               const char     *service_url,
                                               PrlWatsonAuth   auth,
                                               const char     *apikey,
                                               const char     *iam_url,
                                               GError        **error) G_GNUC_WARN_UNUSED_RESULT;
const char      *prl_watson_client_get_service_url (PrlWatsonClient *self);

/* Every operation blocks until the service has answered: call them on a
 * worker thread (the jobs' threads, through PRL_CLOUD_CALL()), never on
 * the main thread. Pointers in results are owned by the caller;
 * GPtrArrays free their elements. */
GPtrArray *prl_watson_client_list_base_models_sync (PrlWatsonClient *self,
                                                    GCancellable    *cancellable,
                                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Returns the new customization_id. */
char *prl_watson_client_create_model_sync (PrlWatsonClient *self,
                                           const char      *name,
                                           const char      *base_model,
                                           const char      *description,
                                           GCancellable    *cancellable,
                                           GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* @language NULL: every language. */
GPtrArray *prl_watson_client_list_models_sync (PrlWatsonClient *self,
                                               const char      *language,
                                               GCancellable    *cancellable,
                                               GError         **error) G_GNUC_WARN_UNUSED_RESULT;

PrlWatsonModel *prl_watson_client_get_model_sync (PrlWatsonClient *self,
                                                  const char      *customization_id,
                                                  GCancellable    *cancellable,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean prl_watson_client_delete_model_sync  (PrlWatsonClient *self,
                                               const char      *customization_id,
                                               GCancellable    *cancellable,
                                               GError         **error);
gboolean prl_watson_client_reset_model_sync   (PrlWatsonClient *self,
                                               const char      *customization_id,
                                               GCancellable    *cancellable,
                                               GError         **error);
/* Previous-generation bases only: next-generation models are upgraded by
 * training with force (the service refuses upgrade_model for them). */
gboolean prl_watson_client_upgrade_model_sync (PrlWatsonClient *self,
                                               const char      *customization_id,
                                               GCancellable    *cancellable,
                                               GError         **error);

/* Streams @path (plain UTF-8 text) as the multipart/form-data part
 * "corpus_file", in constant memory. Analysis then runs on the service:
 * poll get_corpus until it is not BEING_PROCESSED. */
gboolean prl_watson_client_add_corpus_sync    (PrlWatsonClient *self,
                                               const char      *customization_id,
                                               const char      *corpus_name,
                                               const char      *path,
                                               gboolean         allow_overwrite,
                                               GCancellable    *cancellable,
                                               GError         **error);
PrlWatsonCorpus *prl_watson_client_get_corpus_sync   (PrlWatsonClient *self,
                                                      const char      *customization_id,
                                                      const char      *corpus_name,
                                                      GCancellable    *cancellable,
                                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Alphabetical, as the service sorts by default. */
GPtrArray *prl_watson_client_list_words_sync (PrlWatsonClient  *self,
                                              const char       *customization_id,
                                              PrlWatsonWordType type,
                                              GCancellable     *cancellable,
                                              GError          **error) G_GNUC_WARN_UNUSED_RESULT;
/* @words: PrlWatsonWord elements (word, sounds_like, display_as). */
gboolean prl_watson_client_add_words_sync   (PrlWatsonClient   *self,
                                             const char        *customization_id,
                                             GPtrArray         *words,
                                             GCancellable      *cancellable,
                                             GError           **error);
gboolean prl_watson_client_put_word_sync    (PrlWatsonClient   *self,
                                             const char        *customization_id,
                                             const char        *word,
                                             const char *const *sounds_like,
                                             const char        *display_as,
                                             GCancellable      *cancellable,
                                             GError           **error);
PrlWatsonWord *prl_watson_client_get_word_sync (PrlWatsonClient *self,
                                                const char      *customization_id,
                                                const char      *word,
                                                GCancellable    *cancellable,
                                                GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Starts training; poll get_model until AVAILABLE or FAILED. Returns the
 * service's warnings (an empty array when there are none). */
char **prl_watson_client_train_sync (PrlWatsonClient             *self,
                                     const char                  *customization_id,
                                     const PrlWatsonTrainOptions *options,
                                     GCancellable                *cancellable,
                                     GError                     **error) G_GNUC_WARN_UNUSED_RESULT;

/* POST /v1/recognize with the audio of @path streamed as @content_type
 * (audio/wav, audio/flac, ...). */
PrlWatsonTranscript *prl_watson_client_recognize_sync (PrlWatsonClient                 *self,
                                                       const char                      *path,
                                                       const char                      *content_type,
                                                       const PrlWatsonRecognizeOptions *options,
                                                       GCancellable                    *cancellable,
                                                       GError                         **error) G_GNUC_WARN_UNUSED_RESULT;

/* POST /v1/recognitions, GET and DELETE /v1/recognitions/{id}: recognition
 * as a job, for long audio (no connection held open while Watson works). */
PrlWatsonJob *prl_watson_client_create_job_sync (PrlWatsonClient                 *self,
                                                 const char                      *path,
                                                 const char                      *content_type,
                                                 const PrlWatsonRecognizeOptions *options,
                                                 GCancellable                    *cancellable,
                                                 GError                         **error) G_GNUC_WARN_UNUSED_RESULT;
PrlWatsonJob *prl_watson_client_check_job_sync  (PrlWatsonClient *self,
                                                 const char      *job_id,
                                                 GCancellable    *cancellable,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      prl_watson_client_delete_job_sync (PrlWatsonClient *self,
                                                 const char      *job_id,
                                                 GCancellable    *cancellable,
                                                 GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWatsonJob, prl_watson_job_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWatsonBaseModel, prl_watson_base_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWatsonModel, prl_watson_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWatsonCorpus, prl_watson_corpus_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWatsonWord, prl_watson_word_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWatsonTranscript, prl_watson_transcript_free)

G_END_DECLS
