/* prl-watson-train-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-store.h"
#include "prl-watson-client.h"

G_BEGIN_DECLS

/* IBM documents that a custom language model holds at most 10 million
 * words from all its sources together: a training over that is refused
 * before anything is sent. */
#define PRL_WATSON_MAX_MODEL_WORDS G_GUINT64_CONSTANT (10000000)
/* IBM publishes no size limit for one corpus, but analysis of a large one
 * takes long and a refused or interrupted upload is sent again whole:
 * files are split at line ends into corpora of at most this many words,
 * so that a resume sends at most one part again. */
#define PRL_WATSON_CORPUS_PART_WORDS G_GUINT64_CONSTANT (1000000)

/* One corpus to send: a part of a training text, in the store's scratch
 * folder (plain text, removed when the part is freed). */
typedef struct
{
  char       *name; /* Watson's corpus name */
  char       *path;
  PrlDataset *dataset;
  guint       part; /* 1-based */
  guint       n_parts;
  guint64     words;
} PrlWatsonCorpusPart;

void       _prl_watson_corpus_part_free (PrlWatsonCorpusPart *part);
GPtrArray *_prl_watson_split_corpora    (PrlStore     *store,
                                         GPtrArray    *datasets,
                                         const char   *model_name,
                                         GCancellable *cancellable,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Tests only: smaller limits, so that a few lines exercise both. 0: the
 * documented default. */
void       _prl_watson_set_corpus_limits (guint64 part_words,
                                          guint64 model_words);

/* prl-watson-weight.c: customization_weight tuned on the TUNING text
 * with the local engine's perplexity; weight < 0: not tuned. */
typedef struct
{
  double   weight;
  gboolean tuned;
  double   custom_perplexity;
  double   stock_perplexity;
  double   mixture_perplexity;
} PrlWatsonWeight;

gboolean _prl_watson_tune_weight (PrlStore        *store,
                                  gint64           model_id,
                                  const char      *model_name,
                                  const char      *language,
                                  PrlWatsonWeight *weight,
                                  GCancellable    *cancellable,
                                  GError         **error);

/* prl-watson-words.c: custom words in the pronunciation list. */
gboolean   _prl_watson_word_parse   (const char        *word,
                                     const char        *text,
                                     GStrv             *sounds_like,
                                     char             **display_as,
                                     GError           **error);
char      *_prl_watson_word_format  (const char        *word,
                                     const char *const *sounds_like,
                                     const char        *display_as) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *_prl_watson_user_words   (PrlStore          *store,
                                     gint64             model_id,
                                     GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *_prl_watson_corpus_words (PrlWatsonClient   *client,
                                     const char        *customization_id,
                                     GCancellable      *cancellable,
                                     GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* prl-watson-versions.c: Watson's PrlVersionOps (refresh, delete,
 * upgrade), and the customization of a version (an upgraded version is
 * "CUSTOMIZATION@vDATE") among customizations by name. */
void             _prl_watson_versions_register  (void);
PrlWatsonModel  *_prl_watson_find_customization (GHashTable *by_name,
                                                 const char *version_name);

G_END_DECLS
