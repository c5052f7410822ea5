/* prl-provider.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-provider"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-audio-convert.h"
#include "prl-audio-probe.h"
#include "prl-provider.h"

/* The interface every engine implements, and the registry that maps a
 * model's provider id ("local", "aws-transcribe", …) to the object that
 * does the work. Providers register at startup (prl_providers_register_all()
 * in main()), before any job runs; lookups happen on job threads, hence the
 * lock.
 */

G_DEFINE_INTERFACE (PrlProvider, prl_provider, G_TYPE_OBJECT)

static GMutex      registry_lock;
static GHashTable *registry; /* (owned): id → PrlProvider */

static void
prl_provider_default_init (PrlProviderInterface *iface)
{
}

/**
 * prl_provider_register:
 * @id: the provider id models store, e.g. "local"
 * @provider: the provider; a reference is kept for the whole process
 *
 * Registering the same id again replaces the provider (tests use this).
 */
void
prl_provider_register (const char *id, PrlProvider *provider)
{
  g_return_if_fail (id != NULL);
  g_return_if_fail (PRL_IS_PROVIDER (provider));

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_replace (registry, g_strdup (id), g_object_ref (provider));
  g_mutex_unlock (&registry_lock);
}

/**
 * prl_provider_lookup:
 * @id: a provider id
 *
 * Returns: (transfer none) (nullable): the registered provider, or %NULL
 *   when none is registered under @id
 */
PrlProvider *
prl_provider_lookup (const char *id)
{
  PrlProvider *provider = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    provider = g_hash_table_lookup (registry, id);
  g_mutex_unlock (&registry_lock);

  return provider;
}

static gboolean
not_supported (PrlProvider *self, const char *what, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _ ("This provider cannot %s; choose a model of another provider"), what);
  return FALSE;
}

/**
 * prl_provider_train:
 *
 * Builds a version into @request->output_dir and fills @result. Runs on
 * a job's worker thread.
 *
 * Returns: %TRUE on success
 */
gboolean
prl_provider_train (PrlProvider     *self,
                    PrlTrainRequest *request,
                    PrlTrainResult  *result,
                    PrlJob          *job,
                    GCancellable    *cancellable,
                    GError         **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (request != NULL && request->output_dir != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  iface = PRL_PROVIDER_GET_IFACE (self);
  if (iface->train == NULL)
    return not_supported (self, _ ("train"), error);
  return iface->train (self, request, result, job, cancellable, error);
}

/**
 * prl_provider_transcribe:
 *
 * Returns: (transfer full) (nullable): the transcript
 */
PrlTranscript *
prl_provider_transcribe (PrlProvider  *self,
                         PrlVersion   *version,
                         const char   *audio_path,
                         GCancellable *cancellable,
                         GError      **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (version == NULL || PRL_IS_VERSION (version), NULL);
  g_return_val_if_fail (audio_path != NULL, NULL);

  iface = PRL_PROVIDER_GET_IFACE (self);
  if (iface->transcribe == NULL)
    {
      not_supported (self, _ ("transcribe"), error);
      return NULL;
    }
  return iface->transcribe (self, version, audio_path, cancellable, error);
}

/**
 * prl_provider_recognize:
 * @model: (nullable): the model whose version (or stock model) speaks
 * @version: (nullable): a version of @model, or %NULL for the stock model
 *
 * Transcribes @audio_path with everything the provider may need: cloud
 * providers take the account and language from @model and the sample
 * rate and format from a probe of the audio. Providers without
 * PrlProviderInterface.recognize get prl_provider_transcribe() as before.
 * Any thread.
 *
 * Returns: (transfer full) (nullable): the transcript
 */
PrlTranscript *
prl_provider_recognize (PrlProvider  *self,
                        PrlModel     *model,
                        PrlVersion   *version,
                        const char   *audio_path,
                        GCancellable *cancellable,
                        GError      **error)
{
  return prl_provider_recognize_in_run (self, model, version, audio_path, 1, cancellable,
                                        error);
}

/**
 * prl_provider_recognize_in_run:
 * @n_recordings: how many recognitions the caller's run makes (an
 *   evaluation: test files times versions)
 *
 * prl_provider_recognize() for one of a run of recordings: a cloud
 * provider may treat a long run differently (IBM Watson sends each as a
 * resumable job). Any thread.
 *
 * Returns: (transfer full) (nullable): the transcript
 */
PrlTranscript *
prl_provider_recognize_in_run (PrlProvider  *self,
                               PrlModel     *model,
                               PrlVersion   *version,
                               const char   *audio_path,
                               guint         n_recordings,
                               GCancellable *cancellable,
                               GError      **error)
{
  PrlProviderInterface *iface;
  PrlRecognizeRequest   request = { 0 };
  g_autoptr (PrlAudioInfo) info = NULL;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (model == NULL || PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (version == NULL || PRL_IS_VERSION (version), NULL);
  g_return_val_if_fail (audio_path != NULL, NULL);

  iface = PRL_PROVIDER_GET_IFACE (self);
  if (iface->recognize == NULL)
    return prl_provider_transcribe (self, version, audio_path, cancellable, error);

  if (model != NULL && !prl_provider_check_version_of (model, version, error))
    return NULL;
  request.model = model;
  request.version = version;
  request.audio_path = audio_path;
  request.n_recordings = n_recordings;
  /* The probe runs on this (worker) thread: cloud services want the
   * sample rate and the container named in the request. */
  if (iface->wants_audio_info)
    {
      if (!(info = prl_audio_probe_file (audio_path, cancellable, error)))
        return NULL;
      request.sample_rate = info->sample_rate;
      request.channels = info->channels;
      request.duration = info->duration;
      request.codec = info->codec;
      request.container = info->container;
    }
  /* Audio the service cannot read goes as 16 kHz FLAC (or raw L16
   * without a FLAC encoder: prl-audio-convert.c says why), decoded here,
   * where the media layer is reachable; the transcript still names the
   * recording. */
  if (info != NULL && iface->accepts_audio != NULL
      && !iface->accepts_audio (self, &request))
    {
      g_autofree char      *converted = NULL;
      PrlAudioConvertFormat format;
      PrlTranscript        *transcript;

      if (!(converted
            = prl_audio_convert_for_service (audio_path, &format, cancellable, error)))
        return NULL;
      request.audio_path = converted;
      request.sample_rate = 16000;
      request.channels = 1;
      request.codec = format == PRL_AUDIO_CONVERT_FLAC ? "FLAC" : "L16";
      request.container = format == PRL_AUDIO_CONVERT_FLAC ? "FLAC" : "L16";
      transcript = iface->recognize (self, &request, cancellable, error);
      prl_audio_convert_remove (converted);
      if (transcript != NULL)
        {
          g_free (transcript->path);
          transcript->path = g_strdup (audio_path);
        }
      return transcript;
    }
  return iface->recognize (self, &request, cancellable, error);
}

/**
 * prl_provider_max_parallel:
 * @model: (nullable): the model to transcribe with
 *
 * Returns: how many files to transcribe at once for @model, or 0 for one
 *   per core (the local engine's choice)
 */
guint
prl_provider_max_parallel (PrlProvider *self, PrlModel *model)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), 0);

  iface = PRL_PROVIDER_GET_IFACE (self);
  return iface->max_parallel != NULL ? iface->max_parallel (self, model) : 0;
}

/**
 * prl_provider_check_target:
 * @model: (nullable): the model
 * @version: (nullable): its version, or %NULL for the stock model
 *
 * Refuses, without any request, a model or version the provider could
 * not transcribe with (a language its service lacks), so that a batch
 * fails before it starts anything.
 *
 * Returns: %TRUE when the provider has nothing against it
 */
gboolean
prl_provider_check_target (PrlProvider *self,
                           PrlModel    *model,
                           PrlVersion  *version,
                           GError     **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), FALSE);

  iface = PRL_PROVIDER_GET_IFACE (self);
  return iface->check_target == NULL || iface->check_target (self, model, version, error);
}

/**
 * prl_provider_release:
 * @transcript: a transcript this provider made, now stored or shown
 *
 * Lets the provider free what it kept for @transcript until then: a
 * cloud provider deletes its transcription job only now, so that a run
 * killed before its results were stored finds the job again instead of
 * starting it twice.
 *
 * Returns: %TRUE when nothing was left to free or it was freed
 */
gboolean
prl_provider_release (PrlProvider         *self,
                      PrlModel            *model,
                      const PrlTranscript *transcript,
                      GCancellable        *cancellable,
                      GError             **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (transcript != NULL, FALSE);

  iface = PRL_PROVIDER_GET_IFACE (self);
  if (iface->release == NULL || transcript->remote_job == NULL)
    return TRUE;
  return iface->release (self, model, transcript, cancellable, error);
}

/**
 * prl_provider_align:
 *
 * Returns: (transfer full) (nullable): @transcript with word times
 */
PrlTranscript *
prl_provider_align (PrlProvider  *self,
                    const char   *audio_path,
                    const char   *transcript,
                    GCancellable *cancellable,
                    GError      **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (audio_path != NULL, NULL);
  g_return_val_if_fail (transcript != NULL, NULL);

  iface = PRL_PROVIDER_GET_IFACE (self);
  if (iface->align == NULL)
    {
      not_supported (self, _ ("align audio"), error);
      return NULL;
    }
  return iface->align (self, audio_path, transcript, cancellable, error);
}

/**
 * prl_provider_check_pronunciation:
 * @language: the model's language
 * @phones: upper-case phones separated by single spaces
 *
 * Checks a user's pronunciation against the provider's phone set.
 *
 * Returns: %TRUE when every phone is known or the provider has no set
 */
gboolean
prl_provider_check_pronunciation (PrlProvider *self,
                                  const char  *language,
                                  const char  *phones,
                                  GError     **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (phones != NULL, FALSE);

  iface = PRL_PROVIDER_GET_IFACE (self);
  /* Without a set of its own, the provider checks on its servers. */
  if (iface->check_pronunciation == NULL)
    return TRUE;
  return iface->check_pronunciation (self, language, phones, error);
}

/**
 * prl_provider_score_words:
 * @words: words as the normalizer writes them (lower case)
 * @log10_probs: (array): receives a number per word
 *
 * How common each word is in the provider's stock model, for telling a
 * user's domain terms from everyday words. Blocks.
 *
 * Returns: %FALSE with %G_IO_ERROR_NOT_SUPPORTED when the provider
 *   cannot tell
 */
gboolean
prl_provider_score_words (PrlProvider       *self,
                          const char        *language,
                          const char *const *words,
                          double            *log10_probs,
                          GCancellable      *cancellable,
                          GError           **error)
{
  PrlProviderInterface *iface;

  g_return_val_if_fail (PRL_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (words != NULL && log10_probs != NULL, FALSE);

  iface = PRL_PROVIDER_GET_IFACE (self);
  if (iface->score_words == NULL)
    {
      not_supported (self, _ ("tell which words its stock model knows"), error);
      return FALSE;
    }
  return iface->score_words (self, language, words, log10_probs, cancellable, error);
}

static void
transcript_word_clear (gpointer data)
{
  PrlTranscriptWord *word = data;

  g_clear_pointer (&word->word, g_free);
}

/**
 * prl_transcript_new:
 * @path: the audio file
 *
 * Returns: (transfer full): an empty transcript whose id is @path's
 *   basename without its extension
 */
PrlTranscript *
prl_transcript_new (const char *path)
{
  PrlTranscript   *self;
  g_autofree char *base = NULL;
  char            *dot;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';

  self = g_new0 (PrlTranscript, 1);
  self->id = g_steal_pointer (&base);
  self->path = g_strdup (path);
  self->text = g_strdup ("");
  self->words = g_array_new (FALSE, TRUE, sizeof (PrlTranscriptWord));
  g_array_set_clear_func (self->words, transcript_word_clear);
  return self;
}

/**
 * prl_transcript_add_word:
 *
 * Appends a word and keeps @self->text equal to the words joined by
 * spaces.
 */
void
prl_transcript_add_word (
    PrlTranscript *self, const char *word, double start, double end, double confidence)
{
  PrlTranscriptWord w = { 0 };
  char             *text;

  g_return_if_fail (self != NULL);
  g_return_if_fail (word != NULL);

  w.word = g_strdup (word);
  w.start = start;
  w.end = end;
  w.confidence = confidence;
  g_array_append_val (self->words, w);

  text = *self->text ? g_strconcat (self->text, " ", word, NULL) : g_strdup (word);
  g_free (self->text);
  self->text = text;
}

void
prl_transcript_free (PrlTranscript *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->path);
  g_free (self->text);
  g_free (self->remote_job);
  g_clear_pointer (&self->words, g_array_unref);
  g_free (self);
}

/**
 * prl_transcript_build_words_json:
 * @builder: where to add the array
 *
 * Adds the words as an array of {"word", "start", "end", "confidence"}:
 * the shape `parlance-cli transcribe --format json` prints and evaluations
 * store, so both read the same.
 */
void
prl_transcript_build_words_json (const PrlTranscript *self, JsonBuilder *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_array (builder);
  for (guint i = 0; self->words != NULL && i < self->words->len; i++)
    {
      const PrlTranscriptWord *w = &g_array_index (self->words, PrlTranscriptWord, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "word");
      json_builder_add_string_value (builder, w->word);
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, w->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_double_value (builder, w->end);
      json_builder_set_member_name (builder, "confidence");
      json_builder_add_double_value (builder, w->confidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * prl_transcript_build_json:
 * @builder: where to add the object
 *
 * Adds the transcript as {"id", "path", "text", "duration", "words"}.
 */
void
prl_transcript_build_json (const PrlTranscript *self, JsonBuilder *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, self->path);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, self->duration);
  json_builder_set_member_name (builder, "words");
  prl_transcript_build_words_json (self, builder);
  json_builder_end_object (builder);
}

/**
 * prl_pronunciation_new:
 *
 * Returns: (transfer full): a pronunciation; @word is stored in lower case
 */
PrlPronunciation *
prl_pronunciation_new (const char *word, const char *phones, gboolean generated)
{
  PrlPronunciation *self;

  g_return_val_if_fail (word != NULL, NULL);
  g_return_val_if_fail (phones != NULL, NULL);

  self = g_new0 (PrlPronunciation, 1);
  self->word = g_utf8_strdown (word, -1);
  self->phones = g_strdup (phones);
  self->generated = !!generated;
  return self;
}

void
prl_pronunciation_free (PrlPronunciation *self)
{
  if (self == NULL)
    return;

  g_free (self->word);
  g_free (self->phones);
  g_free (self);
}

/**
 * prl_train_result_clear:
 *
 * Frees what @result owns and resets it, so it can be filled again.
 */
void
prl_train_result_clear (PrlTrainResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->base_model_id, g_free);
  g_clear_pointer (&result->generated, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
  result->custom_perplexity = -1;
  result->stock_perplexity = -1;
  result->mixture_perplexity = -1;
  result->stock_known_perplexity = -1;
  result->stock_oov_rate = -1;
}

/**
 * prl_provider_check_version_of:
 * @version: (nullable): a version, or %NULL for the stock model
 *
 * For a provider's check_target: refuses a version of another model.
 *
 * Returns: %TRUE when @version is %NULL or one of @model's
 */
gboolean
prl_provider_check_version_of (PrlModel *model, PrlVersion *version, GError **error)
{
  g_return_val_if_fail (PRL_IS_MODEL (model), FALSE);

  if (version != NULL && prl_version_get_model_id (version) != prl_model_get_id (model))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The version “%s” is not a version of “%s”"),
                   prl_version_get_name (version), prl_model_get_name (model));
      return FALSE;
    }
  return TRUE;
}
