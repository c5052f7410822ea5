/* prl-aligner.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memfd_create() */
#define G_LOG_DOMAIN "prl-aligner"

#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "prl-dictionary.h"
#include "prl-aligner.h"

/*
 * Forced alignment: audio plus the transcript of what is said in it give
 * the time of every word. The transcript becomes a JSGF grammar that
 * accepts exactly its words in order,
 *
 *   #JSGF V1.0; grammar transcript; public <utterance> = w1 w2 … wn ;
 *
 * and PocketSphinx searches that grammar instead of a language model.
 * Pauses need not be written into the grammar: PocketSphinx's grammar
 * search lets silence and fillers in between any two words by itself.
 *
 * The decoder is given a dictionary of the transcript's words only, each
 * with its dictionary pronunciation or, for a new word, one made by
 * espeak-ng: small, so it loads at once, and free of the ps_add_word()
 * crash.
 */

/**
 * prl_aligner_split_words:
 * @transcript: text
 *
 * Splits @transcript into the words of a dictionary: lower case, without
 * punctuation, keeping apostrophes and hyphens inside words.
 *
 * Returns: (transfer full): the words
 */
GStrv
prl_aligner_split_words (const char *transcript)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *lower = g_utf8_strdown (transcript, -1);
  g_auto (GStrv) tokens = g_strsplit_set (lower, " \t\r\n", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *start = tokens[i];
      char *end = start + strlen (start);

      /* Punctuation goes; apostrophes and hyphens stay only inside. */
      while (start < end && !g_unichar_isalnum (g_utf8_get_char (start)))
        start = g_utf8_next_char (start);
      while (end > start && !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (end))))
        end = g_utf8_prev_char (end);

      if (end > start)
        {
          g_autofree char *word = g_strndup (start, end - start);
          g_autoptr (GString) clean = g_string_new (NULL);

          for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              if (g_unichar_isalnum (c) || c == '\'' || c == '-')
                g_string_append_unichar (clean, c);
            }
          g_strv_builder_add (builder, clean->str);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * prl_aligner_build_grammar:
 * @words: the words, in order (at least one)
 *
 * Returns: (transfer full): a JSGF grammar accepting @words in order
 */
char *
prl_aligner_build_grammar (const char *const *words)
{
  GString *jsgf = g_string_new ("#JSGF V1.0;\ngrammar transcript;\npublic <utterance> =");

  g_return_val_if_fail (words != NULL && words[0] != NULL, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (jsgf, " %s", words[i]);
  g_string_append (jsgf, " ;\n");

  return g_string_free (jsgf, FALSE);
}

/* Writes the pronunciations of @words into a dictionary in memory, which
 * the decoder reads as /proc/self/fd/N: the transcript's words never reach
 * a disk (they may come from an encrypted workspace). Returns the
 * descriptor, or -1. */
static int
write_transcript_dictionary (PrlPronouncer     *pronouncer,
                             const char *const *words,
                             GError           **error)
{
  g_autoptr (GHashTable) entries = NULL;
  g_autoptr (GOutputStream) output = NULL;
  g_autoptr (GError) local_error = NULL;
  int fd;

  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *phones;

      if (g_hash_table_contains (entries, words[i]))
        continue;
      phones = prl_pronouncer_lookup (pronouncer, words[i], NULL, error);
      if (phones == NULL)
        return -1;
      g_hash_table_insert (entries, g_strdup (words[i]), phones);
    }

  if ((fd = memfd_create ("parlance-align-dict", MFD_CLOEXEC)) < 0)
    {
      int saved = errno;

      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                   _ ("Could not make a dictionary in memory: %s"), g_strerror (saved));
      return -1;
    }

  output = g_unix_output_stream_new (fd, FALSE);
  if (!prl_dictionary_write (entries, output, &local_error)
      || !g_output_stream_close (output, NULL, &local_error))
    {
      close (fd);
      if (local_error->domain == PRL_DECODER_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                     _ ("Could not make a dictionary in memory: %s"),
                     local_error->message);
      return -1;
    }

  return fd;
}

/**
 * prl_aligner_align_pcm:
 * @config: (nullable): the acoustic model and front end to use; its
 *   dictionary, search and grammar are ignored. %NULL for the stock model.
 * @pronouncer: gives the transcript's words their pronunciations
 * @samples: (array length=n_samples): 16 kHz mono samples
 * @n_samples: how many
 * @transcript: what is said in @samples
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds when each word of @transcript is said. Runs in the calling thread.
 *
 * Returns: (transfer full) (nullable): one word for each word of
 *   @transcript, in order, or %NULL with @error set
 *   (%PRL_DECODER_ERROR_ALIGNMENT when the audio does not match)
 */
PrlDecoderResult *
prl_aligner_align_pcm (const PrlDecoderConfig *config,
                       PrlPronouncer          *pronouncer,
                       const gint16           *samples,
                       gsize                   n_samples,
                       const char             *transcript,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr (PrlDecoderConfig) align_config = NULL;
  g_autoptr (PrlDecoder) decoder = NULL;
  g_autoptr (PrlDecoderResult) result = NULL;
  g_auto (GStrv) words = NULL;
  int dict_fd;

  g_return_val_if_fail (PRL_IS_PRONOUNCER (pronouncer), NULL);
  g_return_val_if_fail (transcript != NULL, NULL);

  words = prl_aligner_split_words (transcript);
  if (words[0] == NULL)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_ALIGNMENT,
                   _ ("The transcript has no words to align."));
      return NULL;
    }

  align_config = config ? prl_decoder_config_copy (config) : prl_decoder_config_new ();
  align_config->search = PRL_DECODER_SEARCH_GRAMMAR;
  g_clear_pointer (&align_config->grammar, g_free);
  g_clear_pointer (&align_config->dict_path, g_free);
  align_config->grammar = prl_aligner_build_grammar ((const char *const *)words);
  dict_fd = write_transcript_dictionary (pronouncer, (const char *const *)words, error);
  if (dict_fd < 0)
    return NULL;
  align_config->dict_path = g_strdup_printf ("/proc/self/fd/%d", dict_fd);

  /* The decoder reads the whole dictionary when it is made. */
  decoder = prl_decoder_new (align_config, error);
  close (dict_fd);
  if (decoder == NULL)
    return NULL;

  result = prl_decoder_decode_pcm (decoder, samples, n_samples, cancellable, error);
  if (result == NULL)
    return NULL;

  /* The grammar search gives its best partial path when it never reached
   * the end of the grammar: then the audio and the transcript differ. */
  if (result->words->len != g_strv_length (words))
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_ALIGNMENT,
                   _ ("The audio does not match the transcript: %u of its %u words "
                      "were found. Check that the transcript belongs to this audio."),
                   result->words->len, g_strv_length (words));
      return NULL;
    }

  return g_steal_pointer (&result);
}
