/* prl-provider.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "prl-job.h"
#include "prl-model.h"
#include "prl-version.h"

G_BEGIN_DECLS

/**
 * PrlTranscriptWord:
 * @word: the recognized word, cleaned of decoder markers
 * @start: seconds from the start of the audio
 * @end: seconds
 * @confidence: 0 to 1
 */
typedef struct
{
  char  *word;
  double start;
  double end;
  double confidence;
} PrlTranscriptWord;

/**
 * PrlTranscript:
 * @id: the audio file's name without its extension (the trn id)
 * @remote_job: a cloud provider's job that holds this result until
 *   prl_provider_release() says it is stored
 * @path: the audio file
 * @text: the words joined by spaces
 * @words: (element-type PrlTranscriptWord): with times
 * @duration: seconds of audio
 */
typedef struct
{
  char   *id;
  char   *path;
  char   *text;
  GArray *words;
  double  duration;
  char   *remote_job; /* (nullable): the provider's job that made it, to release */
} PrlTranscript;

PrlTranscript *prl_transcript_new  (const char    *path) G_GNUC_WARN_UNUSED_RESULT;
void           prl_transcript_add_word (PrlTranscript *self,
                                        const char    *word,
                                        double         start,
                                        double         end,
                                        double         confidence);
void           prl_transcript_free (PrlTranscript *self);
void           prl_transcript_build_json       (const PrlTranscript *self,
                                                JsonBuilder         *builder);
void           prl_transcript_build_words_json (const PrlTranscript *self,
                                                JsonBuilder         *builder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTranscript, prl_transcript_free)

/**
 * PrlPronunciation:
 * @word: lower-case word
 * @phones: space-separated phones of the acoustic model's set
 * @generated: %TRUE when made by the phonemizer, %FALSE when the user's
 */
typedef struct
{
  char    *word;
  char    *phones;
  gboolean generated;
} PrlPronunciation;

PrlPronunciation *prl_pronunciation_new  (const char       *word,
                                          const char       *phones,
                                          gboolean          generated) G_GNUC_WARN_UNUSED_RESULT;
void              prl_pronunciation_free (PrlPronunciation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlPronunciation, prl_pronunciation_free)

/**
 * PrlTrainRequest:
 *
 * What a provider trains from, prepared by the train job: texts open as
 * streams of the original bytes (decrypted if need be).
 */
typedef struct
{
  const char *model_name;
  const char *language;
  PrlBaseModel base_model;
  guint        order;
  const char  *output_dir;     /* (not nullable): empty folder for the artifacts */
  GPtrArray   *training;       /* (element-type GInputStream): TRANSCRIPT text */
  GPtrArray   *manifests;      /* (element-type GInputStream): MANIFEST lines, train split */
  GPtrArray   *tuning;         /* (element-type GInputStream): TUNING text */
  GHashTable  *pronunciations; /* word → PrlPronunciation: the model's list; user entries win */
  GBytes      *key;            /* (nullable): the workspace is encrypted: write artifacts with it */
} PrlTrainRequest;

/**
 * PrlTrainResult:
 *
 * What the provider reports back; the job stores it with the version.
 */
typedef struct
{
  char      *base_model_id;
  double     lm_weight;
  gboolean   tuned;
  PrlWeightSource weight_source;
  guint64    n_tuning_sentences; /* the sentences λ was tuned on */
  double     custom_perplexity;
  double     stock_perplexity;
  double     mixture_perplexity;
  double     stock_known_perplexity; /* on the words the stock model knows */
  double     stock_oov_rate;         /* 0 to 1, or -1 */
  guint64    n_sentences;
  guint64    n_words;
  GPtrArray *generated; /* (element-type PrlPronunciation): new generated entries */
} PrlTrainResult;

/**
 * PrlRecognizeRequest:
 *
 * What a provider that needs more than a version and a path gets: the
 * model (its account and language), and the audio's facts when the
 * provider asked for them (PrlProviderInterface.wants_audio_info).
 */
typedef struct
{
  PrlModel   *model;       /* (nullable): none for the local stock model */
  PrlVersion *version;     /* (nullable): the provider's stock model */
  const char *audio_path;
  guint       sample_rate; /* 0 unless probed */
  guint       channels;
  double      duration;
  const char *codec;       /* (nullable) */
  const char *container;   /* (nullable) */
  guint       n_recordings; /* how many the caller's run recognizes; 0: one */
} PrlRecognizeRequest;

#define PRL_TYPE_PROVIDER (prl_provider_get_type ())

G_DECLARE_INTERFACE (PrlProvider, prl_provider, PRL, PROVIDER, GObject)

/**
 * PrlProviderInterface:
 * @train: builds a version into @request->output_dir; runs on a job's
 *   worker thread and reports progress through @job
 * @transcribe: recognizes @audio_path with @version, or the stock model
 *   when @version is %NULL; any thread
 * @align: word times of a known @transcript in @audio_path; any thread
 * @check_pronunciation: whether @phones (upper-case, single-spaced) are
 *   all phones of the acoustic model for @language, with the first one
 *   that is not named in @error; %NULL when the provider accepts any
 * @recognize: (nullable) @transcribe with the model and the audio's facts,
 *   for providers whose work depends on the model's account or language;
 *   preferred to @transcribe when set
 * @wants_audio_info: probe the audio before @recognize
 * @accepts_audio: (nullable) whether the service reads the probed audio
 *   of @request as it is; when it does not, prl_provider_recognize()
 *   hands @recognize a 16 kHz mono 16-bit FLAC decoded from it instead
 *   (container and codec "FLAC"), or raw little-endian PCM (container
 *   and codec "L16") when GStreamer has no FLAC encoder
 * @max_parallel: (nullable) files worth transcribing at once for @model
 *   (a cloud account's concurrent jobs); 0 or %NULL: one per core
 * @release: (nullable) the result of @transcript is stored: free what
 *   the provider keeps for it (a cloud job)
 * @check_target: (nullable) whether @version of @model (or its stock
 *   model) can transcribe at all, without any request: what a batch asks
 *   before it starts
 * @score_words: each word's unigram log10 probability in the stock
 *   language model for @language, or -INFINITY for a word neither the
 *   stock dictionary nor the LM knows; blocks (for job threads); %NULL
 *   when the provider cannot tell
 */
struct _PrlProviderInterface
{
  GTypeInterface parent_iface;

  gboolean       (*train)      (PrlProvider      *self,
                                PrlTrainRequest  *request,
                                PrlTrainResult   *result,
                                PrlJob           *job,
                                GCancellable     *cancellable,
                                GError          **error);
  PrlTranscript *(*transcribe) (PrlProvider      *self,
                                PrlVersion       *version,
                                const char       *audio_path,
                                GCancellable     *cancellable,
                                GError          **error);
  PrlTranscript *(*align)      (PrlProvider      *self,
                                const char       *audio_path,
                                const char       *transcript,
                                GCancellable     *cancellable,
                                GError          **error);
  gboolean       (*check_pronunciation) (PrlProvider  *self,
                                         const char   *language,
                                         const char   *phones,
                                         GError      **error);
  PrlTranscript *(*recognize)  (PrlProvider               *self,
                                const PrlRecognizeRequest *request,
                                GCancellable              *cancellable,
                                GError                   **error);
  gboolean       wants_audio_info;
  gboolean       (*accepts_audio) (PrlProvider               *self,
                                   const PrlRecognizeRequest *request);
  guint          (*max_parallel) (PrlProvider *self,
                                  PrlModel    *model);
  gboolean       (*release)    (PrlProvider         *self,
                                PrlModel            *model,
                                const PrlTranscript *transcript,
                                GCancellable        *cancellable,
                                GError             **error);
  gboolean       (*check_target) (PrlProvider  *self,
                                  PrlModel     *model,
                                  PrlVersion   *version,
                                  GError      **error);
  gboolean       (*score_words) (PrlProvider       *self,
                                 const char        *language,
                                 const char *const *words,
                                 double            *log10_probs,
                                 GCancellable      *cancellable,
                                 GError           **error);
};

void           prl_provider_register   (const char       *id,
                                        PrlProvider      *provider);
PrlProvider   *prl_provider_lookup     (const char       *id);
gboolean       prl_provider_train      (PrlProvider      *self,
                                        PrlTrainRequest  *request,
                                        PrlTrainResult   *result,
                                        PrlJob           *job,
                                        GCancellable     *cancellable,
                                        GError          **error);
PrlTranscript *prl_provider_transcribe (PrlProvider      *self,
                                        PrlVersion       *version,
                                        const char       *audio_path,
                                        GCancellable     *cancellable,
                                        GError          **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscript *prl_provider_recognize  (PrlProvider      *self,
                                        PrlModel         *model,
                                        PrlVersion       *version,
                                        const char       *audio_path,
                                        GCancellable     *cancellable,
                                        GError          **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscript *prl_provider_recognize_in_run (PrlProvider      *self,
                                        PrlModel         *model,
                                        PrlVersion       *version,
                                        const char       *audio_path,
                                        guint             n_recordings,
                                        GCancellable     *cancellable,
                                        GError          **error) G_GNUC_WARN_UNUSED_RESULT;
guint          prl_provider_max_parallel (PrlProvider    *self,
                                          PrlModel       *model);
gboolean       prl_provider_check_target (PrlProvider    *self,
                                          PrlModel       *model,
                                          PrlVersion     *version,
                                          GError        **error);
gboolean       prl_provider_release    (PrlProvider         *self,
                                        PrlModel            *model,
                                        const PrlTranscript *transcript,
                                        GCancellable        *cancellable,
                                        GError             **error);
PrlTranscript *prl_provider_align      (PrlProvider      *self,
                                        const char       *audio_path,
                                        const char       *transcript,
                                        GCancellable     *cancellable,
                                        GError          **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       prl_provider_check_pronunciation (PrlProvider *self,
                                                 const char  *language,
                                                 const char  *phones,
                                                 GError     **error);
gboolean       prl_provider_score_words (PrlProvider      *self,
                                        const char       *language,
                                        const char *const *words,
                                        double           *log10_probs,
                                        GCancellable     *cancellable,
                                        GError          **error);
void           prl_train_result_clear  (PrlTrainResult   *result);
gboolean       prl_provider_check_version_of (PrlModel   *model,
                                              PrlVersion *version,
                                              GError    **error);

G_END_DECLS
