/* prl-local-words.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-local-words"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pocketsphinx.h>

#include "prl-decoder-private.h"
#include "prl-local-provider-private.h"
#include "prl-pronouncer.h"
#include "prl-train-job.h"

/* How common words are for the embedded engine: a word is unknown when
 * neither the stock dictionary nor the stock LM has it; otherwise its
 * unigram probability in the stock LM tells an everyday word from a rare
 * one. Keyword proposals (prl-workspace-keywords.c) rank on this. The LM
 * is read once per call: proposals are rare, and the process keeps no
 * 30 MB model for them. */

gboolean
_prl_local_provider_score_words (PrlProvider       *provider,
                                 const char        *language,
                                 const char *const *words,
                                 double            *log10_probs,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autofree char *path = prl_decoder_stock_lm_path ();
  PrlPronouncer   *dict;
  logmath_t       *lmath;
  ngram_model_t   *lm;
  int32            unknown;

  if (!(dict = _prl_local_get_stock_pronouncer (error)))
    return FALSE;

  _prl_decoder_silence_pocketsphinx ();
  lmath = logmath_init (1.0001, 0, 0);
  lm = ngram_model_read (NULL, path, NGRAM_AUTO, lmath);
  if (lm == NULL)
    {
      logmath_free (lmath);
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
                   _ ("The stock language model “%s” could not be read. Reinstall "
                      "PocketSphinx’s English model."),
                   path);
      return FALSE;
    }
  unknown = ngram_unknown_wid (lm);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (i % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      if (ngram_wid (lm, word) == unknown)
        {
          /* In the dictionary but not the LM: known, but very rare. */
          log10_probs[i] = prl_pronouncer_has_word (dict, word) ? -7.0 : -INFINITY;
          continue;
        }
      log10_probs[i] = logmath_log_to_log10 (lmath, ngram_prob (lm, &word, 1));
    }
  ngram_model_free (lm);
  logmath_free (lmath);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
