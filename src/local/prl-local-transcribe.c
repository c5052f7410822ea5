/* prl-local-transcribe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-local-transcribe"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "prl-aligner.h"
#include "prl-audio-decoder.h"
#include "prl-blob-cipher.h"
#include "prl-blob-key.h"
#include "prl-decoder.h"
#include "prl-pronouncer.h"

#include "prl-local-provider-private.h"

/* Transcription and forced alignment for the local provider.
 *
 * A PocketSphinx decoder takes a second or two to load (mostly the stock
 * language model) and must not be shared between threads, so each thread
 * keeps the few decoders it built last, keyed by their configuration. A
 * batch on a thread pool therefore loads one decoder per thread and reuses
 * it for every file that thread decodes. The cache is freed with its
 * thread, so a PrlTranscribeJob's decoders go when its pool's threads end
 * with the batch, and a caller's own long-lived thread keeps its decoders
 * for the next call.
 *
 * A version of an encrypted workspace has encrypted artifacts: they are
 * decrypted into memory-backed files that PocketSphinx opens as
 * /proc/self/fd/N while the decoder loads, and closed right after, so the
 * plain model never exists on disk. The cache keys on the real paths.
 */

/* The stock model and one version cover the usual comparison; a third
 * configuration evicts the least recently used one. */
#define DECODER_CACHE_SIZE 2

typedef struct
{
  char       *key;     /* (owned) */
  PrlDecoder *decoder; /* (owned) */
} CachedDecoder;

static void
cached_decoder_free (CachedDecoder *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->decoder);
  g_free (entry);
}

/* (element-type CachedDecoder): most recently used first */
static GPrivate decoder_cache = G_PRIVATE_INIT ((GDestroyNotify)g_ptr_array_unref);

static char *
config_key (const PrlDecoderConfig *config)
{
  char weight[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (weight, sizeof weight, config->lm_weight);
  return g_strdup_printf ("%d\n%s\n%s\n%s\n%s", config->search,
                          config->dict_path ? config->dict_path : "",
                          config->lm_path ? config->lm_path : "",
                          config->stock_lm_path ? config->stock_lm_path : "", weight);
}

/* Loads a decoder for @config, decrypting the artifacts of @version into
 * memory when they are encrypted. */
static PrlDecoder *
load_decoder (const PrlDecoderConfig *config, PrlVersion *version, GError **error)
{
  g_autoptr (PrlDecoderConfig) plain = NULL;
  g_autoptr (GBytes) key = NULL;
  char      **paths[2];
  int         fds[2] = { -1, -1 };
  PrlDecoder *decoder = NULL;

  if (version == NULL
      || (!prl_blob_file_is_encrypted (config->lm_path)
          && !prl_blob_file_is_encrypted (config->dict_path)))
    return prl_decoder_new (config, error);

  if (prl_version_get_workspace_id (version) == NULL)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_MODEL_NOT_FOUND,
                   _ ("The files of version “%s” are encrypted and it is not known which "
                      "workspace’s key opens them"),
                   prl_version_get_name (version));
      return NULL;
    }
  if (!(key = prl_blob_key_lookup (prl_version_get_workspace_id (version), NULL, error)))
    return NULL;

  plain = prl_decoder_config_copy (config);
  paths[0] = &plain->lm_path;
  paths[1] = &plain->dict_path;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      if (!prl_blob_file_is_encrypted (*paths[i]))
        continue;
      if ((fds[i] = prl_blob_decrypt_to_memfd (key, *paths[i], NULL, error)) < 0)
        goto out;
      g_free (*paths[i]);
      *paths[i] = g_strdup_printf ("/proc/self/fd/%d", fds[i]);
    }

  decoder = prl_decoder_new (plain, error);

out:
  /* PocketSphinx has read both files whole by now. */
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    if (fds[i] >= 0)
      close (fds[i]);
  return decoder;
}

/* Returns: (transfer full): this thread's decoder for @config */
static PrlDecoder *
get_decoder (const PrlDecoderConfig *config, PrlVersion *version, GError **error)
{
  GPtrArray       *cache = g_private_get (&decoder_cache);
  g_autofree char *key = config_key (config);
  CachedDecoder   *entry;
  PrlDecoder      *decoder;

  if (cache == NULL)
    {
      cache = g_ptr_array_new_with_free_func ((GDestroyNotify)cached_decoder_free);
      g_private_set (&decoder_cache, cache);
    }

  for (guint i = 0; i < cache->len; i++)
    {
      entry = g_ptr_array_index (cache, i);
      if (g_str_equal (entry->key, key))
        {
          /* Move it to the front. */
          g_ptr_array_steal_index (cache, i);
          g_ptr_array_insert (cache, 0, entry);
          return g_object_ref (entry->decoder);
        }
    }

  if (!(decoder = load_decoder (config, version, error)))
    return NULL;

  while (cache->len >= DECODER_CACHE_SIZE)
    g_ptr_array_remove_index (cache, cache->len - 1);

  entry = g_new0 (CachedDecoder, 1);
  entry->key = g_steal_pointer (&key);
  entry->decoder = g_object_ref (decoder);
  g_ptr_array_insert (cache, 0, entry);

  g_debug ("Loaded a decoder for %s", entry->key);
  return decoder;
}

static PrlDecoderConfig *
config_for_version (PrlVersion *version, GError **error)
{
  g_autoptr (PrlDecoderConfig) config = prl_decoder_config_new ();
  const char *dir;
  const char *override;

  if (version == NULL)
    return g_steal_pointer (&config);

  dir = prl_version_get_directory (version);
  config->search = PRL_DECODER_SEARCH_INTERPOLATED;
  config->dict_path = g_build_filename (dir, "merged.dict", NULL);
  config->lm_path = g_build_filename (dir, "custom.arpa", NULL);
  config->stock_lm_path = prl_decoder_stock_lm_path ();
  config->lm_weight = prl_version_get_lm_weight (version);
  /* Only for measuring fixed weights with the same version
   * (tests/bench/accuracy-bench.sh, docs/accuracy.md). */
  if ((override = g_getenv ("PRL_BENCH_LM_WEIGHT")) != NULL && override[0] != '\0')
    config->lm_weight = g_ascii_strtod (override, NULL);

  /* A version is immutable, so a missing file means the workspace was
   * damaged; say so rather than let PocketSphinx fail obscurely. */
  if (!g_file_test (config->lm_path, G_FILE_TEST_IS_REGULAR)
      || !g_file_test (config->dict_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_MODEL_NOT_FOUND,
                   _ ("The files of version “%s” are missing from “%s”. Train the "
                      "model again to make a new version."),
                   prl_version_get_name (version), dir);
      return NULL;
    }

  return g_steal_pointer (&config);
}

static GBytes *
load_audio (const char *audio_path, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = g_path_get_basename (audio_path);
  GBytes          *pcm = prl_audio_decoder_load (audio_path, cancellable, error);

  if (pcm == NULL && error != NULL && *error != NULL
      && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _ ("Could not read the audio of “%s”: "), name);
  return pcm;
}

static PrlTranscript *
transcript_from_result (const char *audio_path, PrlDecoderResult *result)
{
  PrlTranscript *transcript = prl_transcript_new (audio_path);

  for (guint i = 0; i < result->words->len; i++)
    {
      const PrlDecodedWord *w = g_ptr_array_index (result->words, i);

      prl_transcript_add_word (transcript, w->word, w->start, w->end, w->confidence);
    }
  transcript->duration = result->duration;

  return transcript;
}

PrlTranscript *
_prl_local_provider_transcribe (PrlProvider  *provider,
                                PrlVersion   *version,
                                const char   *audio_path,
                                GCancellable *cancellable,
                                GError      **error)
{
  g_autoptr (PrlDecoderConfig) config = NULL;
  g_autoptr (PrlDecoder) decoder = NULL;
  g_autoptr (PrlDecoderResult) result = NULL;
  g_autoptr (GBytes) pcm = NULL;
  const gint16 *samples;
  gsize         n_bytes;

  g_return_val_if_fail (version == NULL || PRL_IS_VERSION (version), NULL);
  g_return_val_if_fail (audio_path != NULL, NULL);

  if (!(config = config_for_version (version, error)))
    return NULL;
  if (!(pcm = load_audio (audio_path, cancellable, error)))
    return NULL;
  if (!(decoder = get_decoder (config, version, error)))
    return NULL;

  samples = g_bytes_get_data (pcm, &n_bytes);
  result = prl_decoder_decode_pcm (decoder, samples, n_bytes / sizeof (gint16),
                                   cancellable, error);
  if (result == NULL)
    return NULL;

  return transcript_from_result (audio_path, result);
}

/* Loading the stock dictionary takes a moment and the pronouncer is safe
 * to share between threads, so every alignment and training uses this
 * one. It lives as long as the process. */
PrlPronouncer *
_prl_local_get_stock_pronouncer (GError **error)
{
  static GMutex         lock;
  static PrlPronouncer *pronouncer;
  PrlPronouncer        *ret = NULL;

  g_mutex_lock (&lock);
  if (pronouncer == NULL)
    {
      g_autofree char *dict = prl_decoder_stock_dict_path ();

      pronouncer = prl_pronouncer_new (dict, error);
    }
  if (pronouncer != NULL)
    ret = g_object_ref (pronouncer);
  g_mutex_unlock (&lock);

  return ret;
}

PrlTranscript *
_prl_local_provider_align (PrlProvider  *provider,
                           const char   *audio_path,
                           const char   *transcript,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (PrlPronouncer) pronouncer = NULL;
  g_autoptr (PrlDecoderResult) result = NULL;
  g_autoptr (GBytes) pcm = NULL;
  const gint16 *samples;
  gsize         n_bytes;

  g_return_val_if_fail (audio_path != NULL, NULL);
  g_return_val_if_fail (transcript != NULL, NULL);

  if (!(pronouncer = _prl_local_get_stock_pronouncer (error)))
    return NULL;
  if (!(pcm = load_audio (audio_path, cancellable, error)))
    return NULL;

  samples = g_bytes_get_data (pcm, &n_bytes);
  result = prl_aligner_align_pcm (NULL, pronouncer, samples, n_bytes / sizeof (gint16),
                                  transcript, cancellable, error);
  if (result == NULL)
    return NULL;

  return transcript_from_result (audio_path, result);
}
