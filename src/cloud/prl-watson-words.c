/* prl-watson-words.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-cloud-call-private.h"
#include "prl-provider.h"
#include "prl-store-versions.h"
#include "prl-train-job.h"

#include "prl-watson-train-private.h"
#include "prl-watson-train.h"

/* A Watson model's entries in Parlance's pronunciation list (issue #15,
 * point 3). Watson's custom words have no phones: a word has up to five
 * "sounds like" spellings and a "display as" form. The list keeps one
 * text per word, so a Watson entry is written
 *
 *   SOUNDS LIKE[; SOUNDS LIKE]…[ | DISPLAY AS]
 *
 * e.g. "lie sin oh pril; lye sin oh pril | Lisinopril", or "| IEEE" for a
 * display form alone. The user's entries go to Watson as custom words
 * before it trains; the out-of-vocabulary words Watson found in the
 * corpora come back, once it has trained, as generated entries in the
 * same form, so that the user sees them and can correct them. */

#define MAX_SOUNDS_LIKE 5
#define MAX_SOUNDS_LIKE_CHARS 40

/**
 * _prl_watson_word_parse:
 * @word: the word, for the messages
 * @text: an entry as the pronunciation list keeps it
 * @sounds_like: (out) (transfer full): the spellings, possibly empty
 * @display_as: (out) (transfer full) (nullable): the display form
 *
 * Checks @text against Watson's documented limits for custom words.
 *
 * Returns: %FALSE with @error saying what is wrong
 */
gboolean
_prl_watson_word_parse (const char *word,
                        const char *text,
                        GStrv      *sounds_like,
                        char      **display_as,
                        GError    **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) halves = g_strsplit (text, "|", -1);
  g_auto (GStrv) parts = NULL;
  g_autofree char *display = NULL;
  guint            n = 0;

  if (g_strv_length (halves) > 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The entry for “%s” has more than one “|”: write the spellings it "
                      "sounds like, separated by “;”, then “|” and how to display it."),
                   word);
      return FALSE;
    }
  parts = g_strsplit (halves[0] != NULL ? halves[0] : "", ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *spelling = g_strstrip (g_strdup (parts[i]));

      if (*spelling == '\0')
        continue;
      if (g_utf8_strlen (spelling, -1) > MAX_SOUNDS_LIKE_CHARS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _ ("“%s” sounds like “%s”, which is longer than the %d characters "
                          "Watson allows."),
                       word, spelling, MAX_SOUNDS_LIKE_CHARS);
          return FALSE;
        }
      g_strv_builder_add (builder, spelling);
      n++;
    }
  if (n > MAX_SOUNDS_LIKE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” has %u spellings it sounds like; Watson takes at most %d."),
                   word, n, MAX_SOUNDS_LIKE);
      return FALSE;
    }
  if (halves[0] != NULL && halves[1] != NULL)
    {
      display = g_strstrip (g_strdup (halves[1]));
      if (*display == '\0')
        g_clear_pointer (&display, g_free);
    }
  if (n == 0 && display == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The entry for “%s” says neither what it sounds like nor how to "
                      "display it. Write for example “lie sin oh pril | Lisinopril”."),
                   word);
      return FALSE;
    }
  *sounds_like = g_strv_builder_end (builder);
  *display_as = g_steal_pointer (&display);
  return TRUE;
}

/**
 * prl_watson_check_word_entry:
 * @word: the word, for the messages
 * @text: the entry as the user typed it
 *
 * Returns: %FALSE with @error saying what Watson would refuse
 */
gboolean
prl_watson_check_word_entry (const char *word, const char *text, GError **error)
{
  g_auto (GStrv) sounds_like = NULL;
  g_autofree char *display_as = NULL;

  return _prl_watson_word_parse (word, text, &sounds_like, &display_as, error);
}

/**
 * _prl_watson_word_format:
 * @display_as: (nullable): left out when %NULL or the word itself
 *
 * Returns: (transfer full): @word's entry as the pronunciation list keeps
 *   it; a word Watson gives no spelling for sounds like itself
 */
char *
_prl_watson_word_format (const char        *word,
                         const char *const *sounds_like,
                         const char        *display_as)
{
  g_autofree char *spellings = NULL;

  if (sounds_like != NULL && sounds_like[0] != NULL)
    spellings = g_strjoinv ("; ", (char **)sounds_like);
  else
    spellings = g_strdup (word);
  if (display_as == NULL || g_strcmp0 (display_as, word) == 0)
    return g_steal_pointer (&spellings);
  return g_strconcat (spellings, " | ", display_as, NULL);
}

/**
 * _prl_watson_user_words:
 *
 * Reads the user's entries of the model's pronunciation list. Blocks.
 *
 * Returns: (transfer full) (element-type PrlWatsonWord): the custom words
 *   to send, or %NULL with @error naming an entry Watson would refuse
 */
GPtrArray *
_prl_watson_user_words (PrlStore *store, gint64 model_id, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) words
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_watson_word_free);

  if (!(entries = prl_store_list_pronunciations_sync (store, model_id, error)))
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      PrlPronunciation *entry = g_ptr_array_index (entries, i);
      PrlWatsonWord    *word;
      g_autoptr (GError) local_error = NULL;

      if (entry->generated)
        continue;
      word = g_new0 (PrlWatsonWord, 1);
      word->word = g_strdup (entry->word);
      if (!_prl_watson_word_parse (entry->word, entry->phones, &word->sounds_like,
                                   &word->display_as, &local_error))
        {
          prl_watson_word_free (word);
          g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                       _ ("%s Fix it in the pronunciation list, then train again."),
                       local_error->message);
          return NULL;
        }
      g_ptr_array_add (words, word);
    }
  return g_steal_pointer (&words);
}

/**
 * _prl_watson_corpus_words:
 *
 * Asks Watson for the out-of-vocabulary words it found in the corpora of
 * @customization_id. Blocks.
 *
 * Returns: (transfer full) (element-type PrlPronunciation): generated
 *   entries, or %NULL with @error set
 */
GPtrArray *
_prl_watson_corpus_words (PrlWatsonClient *client,
                          const char      *customization_id,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr (GPtrArray) words
      = PRL_CLOUD_CALL (prl_watson_client, list_words, client, error, customization_id,
                        PRL_WATSON_WORDS_CORPORA, cancellable);
  GPtrArray *entries;

  if (words == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_pronunciation_free);
  for (guint i = 0; i < words->len; i++)
    {
      PrlWatsonWord   *word = g_ptr_array_index (words, i);
      g_autofree char *text = _prl_watson_word_format (
          word->word, (const char *const *)word->sounds_like, word->display_as);

      g_ptr_array_add (entries, prl_pronunciation_new (word->word, text, TRUE));
    }
  return entries;
}
