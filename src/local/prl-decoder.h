/* prl-decoder.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-decoder-error.h"
#include "prl-provider.h"

G_BEGIN_DECLS

#define PRL_TYPE_DECODER        (prl_decoder_get_type ())
#define PRL_TYPE_DECODER_CONFIG (prl_decoder_config_get_type ())
#define PRL_TYPE_DECODER_RESULT (prl_decoder_result_get_type ())

/* The rate of the samples prl_decoder_decode_pcm() reads (the WideBand
 * acoustic model's); see prl_audio_decoder_run() to get there. */
#define PRL_DECODER_SAMPLE_RATE 16000

G_DECLARE_FINAL_TYPE (PrlDecoder, prl_decoder, PRL, DECODER, GObject)

/**
 * PrlDecoderSearch:
 * @PRL_DECODER_SEARCH_STOCK_LM: the stock English language model
 * @PRL_DECODER_SEARCH_CUSTOM_LM: a custom language model alone (ARPA or
 *   binary)
 * @PRL_DECODER_SEARCH_INTERPOLATED: the custom language model interpolated
 *   with the stock one, with weights λ and 1 − λ
 * @PRL_DECODER_SEARCH_GRAMMAR: a JSGF grammar (forced alignment)
 *
 * What the decoder searches for.
 */
typedef enum
{
  PRL_DECODER_SEARCH_STOCK_LM,
  PRL_DECODER_SEARCH_CUSTOM_LM,
  PRL_DECODER_SEARCH_INTERPOLATED,
  PRL_DECODER_SEARCH_GRAMMAR,
} PrlDecoderSearch;

/**
 * PrlDecoderConfig:
 * @hmm_dir: (nullable): the acoustic model folder; %NULL for the stock one
 * @dict_path: (nullable): the pronunciation dictionary; %NULL for the stock
 *   one. Words of a custom language model must be in it (see
 *   prl_dictionary_write_merged()).
 * @search: what to search for
 * @lm_path: (nullable): the custom language model, for
 *   %PRL_DECODER_SEARCH_CUSTOM_LM and %PRL_DECODER_SEARCH_INTERPOLATED
 * @stock_lm_path: (nullable): the stock language model; %NULL for the one
 *   installed with the acoustic model
 * @lm_weight: λ, the weight of the custom model when interpolating, in
 *   (0, 1)
 * @grammar: (nullable): JSGF text, for %PRL_DECODER_SEARCH_GRAMMAR
 * @frontend: (nullable): pairs of front-end options and values ("-upperf",
 *   "3500", …) that replace those of the acoustic model's feat.params
 * @log_path: (nullable): where PocketSphinx writes its log; %NULL for
 *   nowhere
 *
 * How to build a #PrlDecoder. prl_decoder_config_new() fills in the stock
 * model; change the fields, then pass it to prl_decoder_new().
 */
typedef struct
{
  char             *hmm_dir;
  char             *dict_path;
  PrlDecoderSearch  search;
  char             *lm_path;
  char             *stock_lm_path;
  double            lm_weight;
  char             *grammar;
  GStrv             frontend;
  char             *log_path;
} PrlDecoderConfig;

/**
 * PrlDecodedWord:
 *
 * A recognized word with its times: core's #PrlTranscriptWord (the word
 * as the dictionary spells it, without a "(2)" variant mark; start and
 * end in seconds from the start of the audio; the posterior probability
 * in [0, 1], 1 when the search does not compute one, as with grammars).
 * One type, so that core's caption writer groups decoder words as they are.
 */
typedef PrlTranscriptWord PrlDecodedWord;

/**
 * PrlDecoderResult:
 * @text: the words, separated by single spaces (may be empty)
 * @words: (element-type PrlDecodedWord): the words with their times, in
 *   order, without silences, fillers or sentence marks
 * @duration: the length of the audio, in seconds
 *
 * What the decoder heard in one stretch of audio.
 */
typedef struct
{
  char      *text;
  GPtrArray *words;
  double     duration;
} PrlDecoderResult;

const char       *prl_decoder_stock_model_dir   (void);
char             *prl_decoder_stock_hmm_dir     (void) G_GNUC_WARN_UNUSED_RESULT;
char             *prl_decoder_stock_dict_path   (void) G_GNUC_WARN_UNUSED_RESULT;
char             *prl_decoder_stock_lm_path     (void) G_GNUC_WARN_UNUSED_RESULT;

GType             prl_decoder_config_get_type   (void) G_GNUC_CONST;
PrlDecoderConfig *prl_decoder_config_new        (void) G_GNUC_WARN_UNUSED_RESULT;
PrlDecoderConfig *prl_decoder_config_copy       (const PrlDecoderConfig  *config) G_GNUC_WARN_UNUSED_RESULT;
void              prl_decoder_config_free       (PrlDecoderConfig        *config);

GType             prl_decoder_result_get_type   (void) G_GNUC_CONST;
void              prl_decoder_result_free       (PrlDecoderResult        *result);
void              prl_decoded_word_free         (PrlDecodedWord          *word);

PrlDecoder       *prl_decoder_new               (const PrlDecoderConfig  *config,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
PrlDecoderResult *prl_decoder_decode_pcm        (PrlDecoder              *self,
                                                 const gint16            *samples,
                                                 gsize                    n_samples,
                                                 GCancellable            *cancellable,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          prl_decoder_has_word          (PrlDecoder              *self,
                                                 const char              *word);

char             *prl_decoder_clean_word        (const char              *word) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlDecoderConfig, prl_decoder_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlDecoderResult, prl_decoder_result_free)

G_END_DECLS
