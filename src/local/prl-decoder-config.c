/* prl-decoder-config.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-decoder-config"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <pocketsphinx.h>
#include <sphinxbase/err.h>

#include "prl-decoder-private.h"

/*
 * The plain data around PrlDecoder: where the stock model is installed,
 * the configuration and result boxed types, the cleaning of the words
 * PocketSphinx reports, and the routing of PocketSphinx's log.
 */

static void ps_log_cb (void *user_data, err_lvl_t level, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
ps_log_cb (void *user_data, err_lvl_t level, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  /* Its INFO lines (a few hundred per decoder) would drown everything
   * else; warnings and errors are kept. */
  if (level < ERR_WARN)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strchomp (message);
  if (message[0] != '\0')
    g_log ("prl-pocketsphinx", G_LOG_LEVEL_DEBUG, "%s", message);
}

void
_prl_decoder_silence_pocketsphinx (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      err_set_callback (ps_log_cb, NULL);
      /* Some messages (the configuration dump) are written straight to
       * the log stream rather than through the callback. */
      err_set_logfp (NULL);
      err_set_callback (ps_log_cb, NULL);
      g_once_init_leave (&done, 1);
    }
}

/**
 * prl_decoder_stock_model_dir:
 *
 * The folder of the stock English model: `$PRL_POCKETSPHINX_MODELDIR/en-us`
 * when that variable is set, the one found at build time otherwise.
 *
 * The variable is read on each call, not once, so that a test can install
 * a second base (a copy of the stock model with another identity) and
 * exercise an upgrade within one process. The paths are interned: there
 * are only ever a few.
 *
 * Returns: (transfer none): a folder holding `en-us/` (the acoustic model),
 *   `cmudict-en-us.dict` and `en-us.lm.bin`
 */
const char *
prl_decoder_stock_model_dir (void)
{
  const char      *base = g_getenv ("PRL_POCKETSPHINX_MODELDIR");
  g_autofree char *dir = NULL;

  if (base == NULL || base[0] == '\0')
    base = PRL_POCKETSPHINX_MODELDIR;
  dir = g_build_filename (base, "en-us", NULL);
  return g_intern_string (dir);
}

char *
prl_decoder_stock_hmm_dir (void)
{
  return g_build_filename (prl_decoder_stock_model_dir (), "en-us", NULL);
}

char *
prl_decoder_stock_dict_path (void)
{
  return g_build_filename (prl_decoder_stock_model_dir (), "cmudict-en-us.dict", NULL);
}

char *
prl_decoder_stock_lm_path (void)
{
  return g_build_filename (prl_decoder_stock_model_dir (), "en-us.lm.bin", NULL);
}

G_DEFINE_BOXED_TYPE (PrlDecoderConfig,
                     prl_decoder_config,
                     prl_decoder_config_copy,
                     prl_decoder_config_free)

/**
 * prl_decoder_config_new:
 *
 * Returns: (transfer full): a configuration for the stock model and the
 *   stock language model, with λ = 0.5
 */
PrlDecoderConfig *
prl_decoder_config_new (void)
{
  PrlDecoderConfig *config = g_new0 (PrlDecoderConfig, 1);

  config->search = PRL_DECODER_SEARCH_STOCK_LM;
  config->lm_weight = 0.5;

  return config;
}

PrlDecoderConfig *
prl_decoder_config_copy (const PrlDecoderConfig *config)
{
  PrlDecoderConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_memdup2 (config, sizeof *config);
  copy->hmm_dir = g_strdup (config->hmm_dir);
  copy->dict_path = g_strdup (config->dict_path);
  copy->lm_path = g_strdup (config->lm_path);
  copy->stock_lm_path = g_strdup (config->stock_lm_path);
  copy->grammar = g_strdup (config->grammar);
  copy->frontend = g_strdupv (config->frontend);

  return copy;
}

void
prl_decoder_config_free (PrlDecoderConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->hmm_dir);
  g_free (config->dict_path);
  g_free (config->lm_path);
  g_free (config->stock_lm_path);
  g_free (config->grammar);
  g_strfreev (config->frontend);
  g_free (config);
}

static PrlDecoderResult *
result_copy (const PrlDecoderResult *result)
{
  PrlDecoderResult *copy = g_new0 (PrlDecoderResult, 1);

  copy->text = g_strdup (result->text);
  copy->duration = result->duration;
  copy->words = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_decoded_word_free);
  for (guint i = 0; i < result->words->len; i++)
    {
      PrlDecodedWord *w = g_memdup2 (result->words->pdata[i], sizeof *w);

      w->word = g_strdup (w->word);
      g_ptr_array_add (copy->words, w);
    }

  return copy;
}

G_DEFINE_BOXED_TYPE (PrlDecoderResult,
                     prl_decoder_result,
                     result_copy,
                     prl_decoder_result_free)

void
prl_decoder_result_free (PrlDecoderResult *result)
{
  if (result == NULL)
    return;

  g_free (result->text);
  g_clear_pointer (&result->words, g_ptr_array_unref);
  g_free (result);
}

void
prl_decoded_word_free (PrlDecodedWord *word)
{
  if (word == NULL)
    return;

  g_free (word->word);
  g_free (word);
}

/**
 * prl_decoder_clean_word:
 * @word: a word as PocketSphinx reports it in a segment
 *
 * Removes what PocketSphinx adds to the words of a dictionary: the
 * sentence marks `<s>` and `</s>`, silence `<sil>`, fillers such as
 * `[NOISE]` or `++BREATH++`, and the variant mark of `word(2)`.
 *
 * Returns: (transfer full) (nullable): the word, or %NULL when it is not a
 *   word at all
 */
char *
prl_decoder_clean_word (const char *word)
{
  const char *paren;
  gsize       len;

  g_return_val_if_fail (word != NULL, NULL);

  len = strlen (word);
  if (len == 0 || word[0] == '<' || word[0] == '[' || g_str_has_prefix (word, "++"))
    return NULL;

  paren = strrchr (word, '(');
  if (paren != NULL && paren != word && word[len - 1] == ')')
    {
      gboolean digits = paren + 1 < word + len - 1;

      for (const char *p = paren + 1; p < word + len - 1; p++)
        digits = digits && g_ascii_isdigit (*p);
      if (digits)
        len = paren - word;
    }

  return g_strndup (word, len);
}
