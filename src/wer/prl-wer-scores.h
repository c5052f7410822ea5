/* prl-wer-scores.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prl-normalizer.h"

G_BEGIN_DECLS

typedef enum
{
  PRL_WER_SCORE_DEFAULT        = 0,
  /* Keep normalized words and alignments (reports, words fixed, tests). */
  PRL_WER_SCORE_KEEP_ALIGNMENT = 1 << 0,
  /* Also align characters for the character error rate (slower). */
  PRL_WER_SCORE_CHARACTERS     = 1 << 1,
} PrlWerScoreFlags;

typedef struct
{
  guint ref_words;
  guint hyp_words;
  guint correct;
  guint substitutions;
  guint deletions;
  guint insertions;
} PrlWerCounts;

/*
 * A scored utterance. Fields are read-only; ref_words, hyp_words and ops are
 * NULL unless PRL_WER_SCORE_KEEP_ALIGNMENT was given. ref_words, hyp_words
 * and missed are each one allocation (prl_strv_pack()): copy them with
 * g_strdupv() to keep them, never g_strfreev() them. id, speaker, ref_text
 * and hyp_text are part of the score's own allocation.
 */
typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char           *id;
  char           *speaker;
  guint           index;
  char           *ref_text;
  char           *hyp_text;
  char          **ref_words;
  char          **hyp_words;
  guint8         *ops;
  guint           n_ops;
  char          **missed;
  PrlWerCounts    words;
  PrlWerCounts    chars;
} PrlUtteranceScore;

typedef struct
{
  char  *word;
  guint  count;
} PrlWordCount;

typedef struct _PrlCorpusScore PrlCorpusScore;

#define PRL_TYPE_UTTERANCE_SCORE (prl_utterance_score_get_type ())
#define PRL_TYPE_CORPUS_SCORE    (prl_corpus_score_get_type ())

guint               prl_wer_counts_get_errors          (const PrlWerCounts  *counts);
double              prl_wer_counts_get_error_rate      (const PrlWerCounts  *counts);
void                prl_wer_counts_add                 (PrlWerCounts        *total,
                                                        const PrlWerCounts  *counts);

GType               prl_utterance_score_get_type       (void) G_GNUC_CONST;
PrlUtteranceScore  *prl_utterance_score_compute        (const char          *id,
                                                        guint                index,
                                                        const char          *ref_text,
                                                        const char          *hyp_text,
                                                        PrlNormalizer       *normalizer,
                                                        PrlWerScoreFlags     flags,
                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;
PrlUtteranceScore  *prl_utterance_score_ref            (PrlUtteranceScore   *self);
void                prl_utterance_score_unref          (PrlUtteranceScore   *self);
gboolean            prl_utterance_score_has_errors     (const PrlUtteranceScore *self);

void                prl_word_count_free                (PrlWordCount        *self);

GType               prl_corpus_score_get_type          (void) G_GNUC_CONST;
PrlCorpusScore     *prl_corpus_score_new               (const char          *profile,
                                                        PrlWerScoreFlags     flags,
                                                        GPtrArray           *utterances) G_GNUC_WARN_UNUSED_RESULT;
PrlCorpusScore     *prl_corpus_score_ref               (PrlCorpusScore      *self);
void                prl_corpus_score_unref             (PrlCorpusScore      *self);
const char         *prl_corpus_score_get_profile       (PrlCorpusScore      *self);
PrlWerScoreFlags    prl_corpus_score_get_flags         (PrlCorpusScore      *self);
guint               prl_corpus_score_get_n_utterances  (PrlCorpusScore      *self);
PrlUtteranceScore  *prl_corpus_score_get_utterance     (PrlCorpusScore      *self,
                                                        guint                index);
PrlUtteranceScore  *prl_corpus_score_lookup            (PrlCorpusScore      *self,
                                                        const char          *id);
const PrlWerCounts *prl_corpus_score_get_words         (PrlCorpusScore      *self);
const PrlWerCounts *prl_corpus_score_get_chars         (PrlCorpusScore      *self);
guint               prl_corpus_score_get_n_sentence_errors (PrlCorpusScore  *self);
double              prl_corpus_score_get_wer           (PrlCorpusScore      *self);
double              prl_corpus_score_get_ser           (PrlCorpusScore      *self);
double              prl_corpus_score_get_cer           (PrlCorpusScore      *self);
GPtrArray          *prl_corpus_score_get_missed_words  (PrlCorpusScore      *self) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray          *prl_corpus_score_get_words_fixed   (PrlCorpusScore      *before,
                                                        PrlCorpusScore      *after,
                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlUtteranceScore, prl_utterance_score_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlCorpusScore, prl_corpus_score_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWordCount, prl_word_count_free)

G_END_DECLS
