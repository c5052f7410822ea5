/* prl-eval-run.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-eval-run"

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "prl-alignment.h"
#include "prl-normalizer.h"
#include "prl-wer-stats.h"

#include "prl-eval-run.h"

/* One evaluation's results: the test pairs, the systems (the stock model
 * first), each system's hypotheses with the recognizer's word times, and
 * after prl_eval_run_score() the alignments and the leaderboard. It is
 * immutable once scored, so views share it freely. The evaluate job
 * builds it from stored and fresh transcripts; tests build it from
 * literal text, scored the same way.
 */

typedef struct
{
  char *id;
  char *reference;
  char *audio_path;
} Utterance;

typedef struct
{
  char           *model;    /* (nullable): the run's own model when NULL */
  char           *provider; /* (nullable) */
  char           *version;
  char           *base_model;
  GPtrArray      *hypotheses; /* (element-type utf8) (nullable items) */
  GPtrArray      *words_json; /* (element-type utf8) (nullable items) */
  GPtrArray      *times;      /* (element-type GArray<PrlEvalWordTime>) */
  guint           computed;
  PrlCorpusScore *corpus;
  PrlEvalRow     *row;
} System;

struct _PrlEvalRun
{
  GObject parent_instance;

  char          *model_name;
  PrlNormalizer *normalizer;
  GPtrArray     *utterances; /* (element-type Utterance) */
  GPtrArray     *systems;    /* (element-type System) */
  GArray        *audio_fds;  /* (element-type int): memory files closed on finalize */
  gboolean       scored;
};

G_DEFINE_FINAL_TYPE (PrlEvalRun, prl_eval_run, G_TYPE_OBJECT)

void
prl_eval_row_free (PrlEvalRow *self)
{
  if (self == NULL)
    return;

  g_free (self->model);
  g_free (self->provider);
  g_free (self->version);
  g_free (self->base_model);
  g_clear_pointer (&self->hypotheses, g_ptr_array_unref);
  g_free (self);
}

static void
utterance_free (Utterance *u)
{
  g_free (u->id);
  g_free (u->reference);
  g_free (u->audio_path);
  g_free (u);
}

static void
system_free (System *s)
{
  g_free (s->model);
  g_free (s->provider);
  g_free (s->version);
  g_free (s->base_model);
  g_ptr_array_unref (s->hypotheses);
  g_ptr_array_unref (s->words_json);
  g_clear_pointer (&s->times, g_ptr_array_unref);
  g_clear_pointer (&s->corpus, prl_corpus_score_unref);
  g_clear_pointer (&s->row, prl_eval_row_free);
  g_free (s);
}

static void
prl_eval_run_finalize (GObject *object)
{
  PrlEvalRun *self = PRL_EVAL_RUN (object);

  for (guint i = 0; i < self->audio_fds->len; i++)
    close (g_array_index (self->audio_fds, int, i));
  g_array_unref (self->audio_fds);
  g_ptr_array_unref (self->systems);
  g_ptr_array_unref (self->utterances);
  g_clear_object (&self->normalizer);
  g_free (self->model_name);

  G_OBJECT_CLASS (prl_eval_run_parent_class)->finalize (object);
}

static void
prl_eval_run_class_init (PrlEvalRunClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_eval_run_finalize;
}

static void
prl_eval_run_init (PrlEvalRun *self)
{
  self->utterances = g_ptr_array_new_with_free_func ((GDestroyNotify)utterance_free);
  self->systems = g_ptr_array_new_with_free_func ((GDestroyNotify)system_free);
  self->audio_fds = g_array_new (FALSE, FALSE, sizeof (int));
}

/**
 * prl_eval_run_new:
 * @model_name: the evaluated model's name
 * @profile: the normalization profile the run is scored with
 * @error: when the profile is unknown
 *
 * Returns: (transfer full) (nullable): an empty run
 */
PrlEvalRun *
prl_eval_run_new (const char *model_name, const char *profile, GError **error)
{
  g_autoptr (PrlNormalizer) normalizer = NULL;
  PrlEvalRun *self;

  g_return_val_if_fail (model_name != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  if (!(normalizer = prl_normalizer_new (profile, error)))
    return NULL;

  self = g_object_new (PRL_TYPE_EVAL_RUN, NULL);
  self->model_name = g_strdup (model_name);
  self->normalizer = g_steal_pointer (&normalizer);
  return self;
}

static void
grow_system (System *s, guint n_utterances)
{
  while (s->hypotheses->len < n_utterances)
    {
      g_ptr_array_add (s->hypotheses, NULL);
      g_ptr_array_add (s->words_json, NULL);
    }
}

/**
 * prl_eval_run_add_utterance:
 * @audio_path: (nullable): the audio as a local file, for playback
 *
 * Returns: the utterance's index
 */
guint
prl_eval_run_add_utterance (PrlEvalRun *self,
                            const char *id,
                            const char *reference,
                            const char *audio_path)
{
  Utterance *u;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), 0);
  g_return_val_if_fail (!self->scored, 0);
  g_return_val_if_fail (id != NULL && reference != NULL, 0);

  u = g_new0 (Utterance, 1);
  u->id = g_strdup (id);
  u->reference = g_strdup (reference);
  u->audio_path = g_strdup (audio_path);
  g_ptr_array_add (self->utterances, u);
  for (guint i = 0; i < self->systems->len; i++)
    grow_system (g_ptr_array_index (self->systems, i), self->utterances->len);
  return self->utterances->len - 1;
}

/**
 * prl_eval_run_take_audio_fd:
 * @fd: (transfer full): a descriptor to close with the run, such as the
 *   memory file holding an encrypted recording's audio, which the run's
 *   audio path names as /proc/self/fd/N for playback
 */
void
prl_eval_run_take_audio_fd (PrlEvalRun *self, int fd)
{
  g_return_if_fail (PRL_IS_EVAL_RUN (self));
  g_return_if_fail (fd >= 0);

  g_array_append_val (self->audio_fds, fd);
}

/**
 * prl_eval_run_add_system:
 * @version: (nullable): %NULL for the stock model, which must come first
 * @base_model: (nullable): the stock model it was built on
 *
 * Returns: the system's index
 */
guint
prl_eval_run_add_system (PrlEvalRun *self, const char *version, const char *base_model)
{
  return prl_eval_run_add_system_full (self, NULL, NULL, version, base_model);
}

/**
 * prl_eval_run_add_system_full:
 * @model: (nullable): the model the system belongs to, when it is not the
 *   run's own: another model evaluated on the same test set, whose rows
 *   share the leaderboard; %NULL for the run's model
 * @provider: (nullable): the provider that transcribed, e.g. "local"
 * @version: (nullable): %NULL for a stock model; the run's own stock
 *   model comes first
 *
 * Returns: the system's index
 */
guint
prl_eval_run_add_system_full (PrlEvalRun *self,
                              const char *model,
                              const char *provider,
                              const char *version,
                              const char *base_model)
{
  System *s;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), 0);
  g_return_val_if_fail (!self->scored, 0);
  g_return_val_if_fail (self->systems->len > 0 || (version == NULL && model == NULL), 0);
  g_return_val_if_fail (self->systems->len == 0 || version != NULL || model != NULL, 0);

  s = g_new0 (System, 1);
  s->model = g_strdup (model);
  s->provider = g_strdup (provider);
  s->version = g_strdup (version);
  s->base_model = g_strdup (base_model);
  s->hypotheses = g_ptr_array_new_with_free_func (g_free);
  s->words_json = g_ptr_array_new_with_free_func (g_free);
  grow_system (s, self->utterances->len);
  g_ptr_array_add (self->systems, s);
  return self->systems->len - 1;
}

/**
 * prl_eval_run_set_result:
 * @hypothesis: the recognized text
 * @words_json: (nullable): the recognizer's words with times
 * @computed: whether the result was transcribed by this run
 */
void
prl_eval_run_set_result (PrlEvalRun *self,
                         guint       system,
                         guint       utterance,
                         const char *hypothesis,
                         const char *words_json,
                         gboolean    computed)
{
  System *s;

  g_return_if_fail (PRL_IS_EVAL_RUN (self));
  g_return_if_fail (!self->scored);
  g_return_if_fail (system < self->systems->len);
  g_return_if_fail (utterance < self->utterances->len);
  g_return_if_fail (hypothesis != NULL);

  s = g_ptr_array_index (self->systems, system);
  g_free (g_ptr_array_index (s->hypotheses, utterance));
  g_ptr_array_index (s->hypotheses, utterance) = g_strdup (hypothesis);
  g_free (g_ptr_array_index (s->words_json, utterance));
  g_ptr_array_index (s->words_json, utterance) = g_strdup (words_json);
  if (computed)
    s->computed++;
}

/* The recognizer's words, each normalized alone, give the times of the
 * normalized hypothesis words. When normalizing the whole text yields a
 * different count (numbers read across words), the times are spread in
 * proportion instead: approximate, but playback lands near the word. */
static GArray *
map_times (PrlEvalRun *self, const char *words_json, const PrlUtteranceScore *score)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GArray) recognized = g_array_new (FALSE, FALSE, sizeof (PrlEvalWordTime));
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (PrlEvalWordTime));
  guint      n_hyp = score->hyp_words ? g_strv_length (score->hyp_words) : 0;
  GArray    *times = g_array_sized_new (FALSE, FALSE, sizeof (PrlEvalWordTime), n_hyp);
  JsonArray *array;
  PrlEvalWordTime unknown = { -1, -1 };

  if (words_json != NULL && json_parser_load_from_data (parser, words_json, -1, NULL)
      && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode       *node = json_array_get_element (array, i);
          JsonObject     *o;
          PrlEvalWordTime t;
          g_auto (GStrv) words = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          o = json_node_get_object (node);
          t.start = json_object_get_double_member_with_default (o, "start", -1);
          t.end = json_object_get_double_member_with_default (o, "end", -1);
          g_array_append_val (recognized, t);
          words = prl_normalizer_normalize (
              self->normalizer,
              json_object_get_string_member_with_default (o, "word", ""));
          for (guint k = 0; words != NULL && words[k] != NULL; k++)
            g_array_append_val (tokens, t);
        }
    }

  for (guint j = 0; j < n_hyp; j++)
    {
      if (tokens->len == n_hyp)
        g_array_append_val (times, g_array_index (tokens, PrlEvalWordTime, j));
      else if (recognized->len > 0)
        g_array_append_val (times, g_array_index (recognized, PrlEvalWordTime,
                                                  (guint64)j * recognized->len / n_hyp));
      else
        g_array_append_val (times, unknown);
    }
  return times;
}

static void
compare_with_stock (PrlEvalRun *self, System *s)
{
  System     *stock = g_ptr_array_index (self->systems, 0);
  PrlMapsswe  mapsswe;
  PrlSignTest sign;

  s->row->wer_change = s->row->wer - stock->row->wer;
  if (prl_wer_mapsswe (stock->corpus, s->corpus, &mapsswe, NULL)
      && mapsswe.n_segments >= 2)
    {
      s->row->p_value = mapsswe.p_value;
      s->row->p_method = "mapsswe";
    }
  else if (prl_wer_sign_test (stock->corpus, s->corpus, &sign, NULL))
    {
      s->row->p_value = sign.p_value;
      s->row->p_method = "sign-test";
    }
}

/**
 * prl_eval_run_score:
 * @error: when a system lacks a result
 *
 * Aligns every hypothesis with its reference and fills the leaderboard.
 *
 * Returns: %TRUE on success
 */
gboolean
prl_eval_run_score (PrlEvalRun *self, GError **error)
{
  const char *identity;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), FALSE);
  g_return_val_if_fail (!self->scored, FALSE);

  if (self->systems->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The evaluation of “%s” has no systems to score"),
                   self->model_name);
      return FALSE;
    }

  identity = prl_normalizer_get_identity (self->normalizer);
  for (guint i = 0; i < self->systems->len; i++)
    {
      System *s = g_ptr_array_index (self->systems, i);
      g_autoptr (GPtrArray) scores
          = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_utterance_score_unref);
      const PrlWerCounts *counts;

      s->times = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
      for (guint u = 0; u < self->utterances->len; u++)
        {
          Utterance         *utt = g_ptr_array_index (self->utterances, u);
          const char        *hyp = g_ptr_array_index (s->hypotheses, u);
          PrlUtteranceScore *score;

          if (hyp == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("“%s” has no transcript of the test pair “%s”"),
                           s->version ? s->version : _ ("The stock model"), utt->id);
              return FALSE;
            }
          score = prl_utterance_score_compute (utt->id, u, utt->reference, hyp,
                                               self->normalizer,
                                               PRL_WER_SCORE_KEEP_ALIGNMENT, error);
          if (score == NULL)
            return FALSE;
          g_ptr_array_add (scores, score);
          g_ptr_array_add (s->times,
                           map_times (self, g_ptr_array_index (s->words_json, u), score));
        }

      s->corpus = prl_corpus_score_new (identity, PRL_WER_SCORE_KEEP_ALIGNMENT, scores);
      counts = prl_corpus_score_get_words (s->corpus);
      s->row = g_new0 (PrlEvalRow, 1);
      s->row->model = g_strdup (s->model ? s->model : self->model_name);
      s->row->provider = g_strdup (s->provider);
      s->row->foreign = s->model != NULL;
      s->row->version = g_strdup (s->version);
      s->row->base_model = g_strdup (s->base_model);
      s->row->substitutions = counts->substitutions;
      s->row->deletions = counts->deletions;
      s->row->insertions = counts->insertions;
      s->row->words = counts->ref_words;
      s->row->utterances = prl_corpus_score_get_n_utterances (s->corpus);
      s->row->sentence_errors = prl_corpus_score_get_n_sentence_errors (s->corpus);
      s->row->wer = prl_corpus_score_get_wer (s->corpus);
      s->row->ser = prl_corpus_score_get_ser (s->corpus);
      s->row->p_value = -1;
      s->row->computed = s->computed;
      s->row->hypotheses = g_ptr_array_new_with_free_func (g_free);
      for (guint u = 0; u < s->hypotheses->len; u++)
        g_ptr_array_add (s->row->hypotheses,
                         g_strdup (g_ptr_array_index (s->hypotheses, u)));
      if (i > 0)
        compare_with_stock (self, s);
    }

  self->scored = TRUE;
  return TRUE;
}

const char *
prl_eval_run_get_model_name (PrlEvalRun *self)
{
  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), NULL);

  return self->model_name;
}

/* The identity of the normalization profile, as stored with scores. */
const char *
prl_eval_run_get_profile (PrlEvalRun *self)
{
  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), NULL);

  return prl_normalizer_get_identity (self->normalizer);
}

guint
prl_eval_run_get_n_systems (PrlEvalRun *self)
{
  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), 0);

  return self->systems->len;
}

static System *
get_scored_system (PrlEvalRun *self, guint system)
{
  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), NULL);
  g_return_val_if_fail (self->scored, NULL);
  g_return_val_if_fail (system < self->systems->len, NULL);

  return g_ptr_array_index (self->systems, system);
}

/**
 * prl_eval_run_get_row:
 *
 * Returns: (transfer none): the system's line of the leaderboard
 */
const PrlEvalRow *
prl_eval_run_get_row (PrlEvalRun *self, guint system)
{
  System *s = get_scored_system (self, system);

  return s ? s->row : NULL;
}

/**
 * prl_eval_run_get_corpus:
 *
 * Returns: (transfer none): the system's scores, with alignments
 */
PrlCorpusScore *
prl_eval_run_get_corpus (PrlEvalRun *self, guint system)
{
  System *s = get_scored_system (self, system);

  return s ? s->corpus : NULL;
}

guint
prl_eval_run_get_n_utterances (PrlEvalRun *self)
{
  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), 0);

  return self->utterances->len;
}

static Utterance *
get_utterance (PrlEvalRun *self, guint utterance)
{
  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), NULL);
  g_return_val_if_fail (utterance < self->utterances->len, NULL);

  return g_ptr_array_index (self->utterances, utterance);
}

const char *
prl_eval_run_get_utterance_id (PrlEvalRun *self, guint utterance)
{
  Utterance *u = get_utterance (self, utterance);

  return u ? u->id : NULL;
}

const char *
prl_eval_run_get_reference (PrlEvalRun *self, guint utterance)
{
  Utterance *u = get_utterance (self, utterance);

  return u ? u->reference : NULL;
}

const char *
prl_eval_run_get_audio_path (PrlEvalRun *self, guint utterance)
{
  Utterance *u = get_utterance (self, utterance);

  return u ? u->audio_path : NULL;
}

/**
 * prl_eval_run_get_hyp_times:
 * @n_times: (out): the number of times, that of the utterance score's
 *   hyp_words
 *
 * Returns: (transfer none) (array length=n_times): one time per
 *   normalized hypothesis word, -1 where unknown
 */
const PrlEvalWordTime *
prl_eval_run_get_hyp_times (PrlEvalRun *self,
                            guint       system,
                            guint       utterance,
                            guint      *n_times)
{
  System *s = get_scored_system (self, system);
  GArray *times;

  g_return_val_if_fail (n_times != NULL, NULL);
  *n_times = 0;
  if (s == NULL || utterance >= self->utterances->len)
    return NULL;

  times = g_ptr_array_index (s->times, utterance);
  *n_times = times->len;
  return (const PrlEvalWordTime *)(gpointer)times->data;
}

/**
 * prl_eval_run_get_best_system:
 *
 * Returns: the system with the lowest WER, the first of equals (0 when
 *   there are no versions)
 */
guint
prl_eval_run_get_best_system (PrlEvalRun *self)
{
  guint best = 0;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), 0);
  g_return_val_if_fail (self->scored, 0);

  for (guint i = 1; i < self->systems->len; i++)
    if (((System *)g_ptr_array_index (self->systems, i))->row->wer
        < ((System *)g_ptr_array_index (self->systems, best))->row->wer)
      best = i;
  return best;
}

/**
 * prl_eval_run_get_newest_not_better:
 * @best_system: (out) (optional): the best older system (0 for stock)
 *
 * Whether the newest version's WER is no lower than that of the best
 * older system, the stock model included: the case users must be told
 * plainly.
 *
 * Returns: %TRUE when the newest version is not better
 */
gboolean
prl_eval_run_get_newest_not_better (PrlEvalRun *self, guint *best_system)
{
  guint         n, best = 0;
  const System *newest;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), FALSE);
  g_return_val_if_fail (self->scored, FALSE);

  /* Only the run's own model has versions to compare: other models'
   * rows come after its own. */
  for (n = 0; n < self->systems->len; n++)
    if (((System *)g_ptr_array_index (self->systems, n))->model != NULL)
      break;
  if (n < 2)
    return FALSE;

  /* The stock model is the oldest system: a single version worse than
   * stock is the first case users must hear about. */
  newest = g_ptr_array_index (self->systems, n - 1);
  for (guint i = 1; i < n - 1; i++)
    {
      const System *s = g_ptr_array_index (self->systems, i);

      if (s->row->wer < ((System *)g_ptr_array_index (self->systems, best))->row->wer)
        best = i;
    }

  if (newest->row->wer < ((System *)g_ptr_array_index (self->systems, best))->row->wer)
    return FALSE;
  if (best_system != NULL)
    *best_system = best;
  return TRUE;
}

/**
 * prl_eval_run_get_missed_words:
 *
 * Returns: (transfer full) (element-type PrlWordCount): reference words
 *   the system substituted or deleted, most frequent first
 */
GPtrArray *
prl_eval_run_get_missed_words (PrlEvalRun *self, guint system)
{
  System *s = get_scored_system (self, system);

  if (s == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)prl_word_count_free);
  return prl_corpus_score_get_missed_words (s->corpus);
}

/**
 * prl_eval_run_get_words_fixed:
 *
 * Returns: (transfer full) (element-type PrlWordCount): reference words
 *   the stock model missed and the system got right, most frequent
 *   first; empty for the stock model
 */
GPtrArray *
prl_eval_run_get_words_fixed (PrlEvalRun *self, guint system)
{
  System    *s = get_scored_system (self, system);
  System    *stock;
  GPtrArray *fixed;

  if (s == NULL || system == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)prl_word_count_free);

  stock = g_ptr_array_index (self->systems, 0);
  fixed = prl_corpus_score_get_words_fixed (stock->corpus, s->corpus, NULL);
  return fixed ? fixed
               : g_ptr_array_new_with_free_func ((GDestroyNotify)prl_word_count_free);
}

/* For each reference word, whether the alignment got it right. */
static gboolean *
reference_correct (const PrlUtteranceScore *score, guint *n_ref)
{
  gboolean *ok = g_new0 (gboolean, score->words.ref_words + 1);
  guint     r = 0;

  for (guint k = 0; k < score->n_ops; k++)
    switch (score->ops[k])
      {
      case PRL_ALIGN_CORRECT:
        ok[r++] = TRUE;
        break;
      case PRL_ALIGN_SUBSTITUTION:
      case PRL_ALIGN_DELETION:
        ok[r++] = FALSE;
        break;
      default:
        break;
      }
  *n_ref = r;
  return ok;
}

/**
 * prl_eval_run_find_utterances:
 * @word: a normalized reference word
 * @fixed: %FALSE for utterances where the system missed @word, %TRUE for
 *   those where the stock model missed it and the system got it right
 *
 * Returns: (transfer full) (element-type guint): utterance indexes, as
 *   GUINT_TO_POINTER, in run order
 */
GPtrArray *
prl_eval_run_find_utterances (PrlEvalRun *self,
                              guint       system,
                              const char *word,
                              gboolean    fixed)
{
  System    *s = get_scored_system (self, system);
  System    *stock;
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (word != NULL, found);
  if (s == NULL || (fixed && system == 0))
    return found;

  stock = g_ptr_array_index (self->systems, 0);
  for (guint u = 0; u < self->utterances->len; u++)
    {
      PrlUtteranceScore   *a = prl_corpus_score_get_utterance (stock->corpus, u);
      PrlUtteranceScore   *b = prl_corpus_score_get_utterance (s->corpus, u);
      g_autofree gboolean *ok_a = NULL;
      g_autofree gboolean *ok_b = NULL;
      guint                n_a, n_b;
      gboolean             hit = FALSE;

      ok_a = reference_correct (a, &n_a);
      ok_b = reference_correct (b, &n_b);
      for (guint r = 0; r < n_b && !hit; r++)
        if (g_strcmp0 (b->ref_words[r], word) == 0)
          hit = fixed ? (r < n_a && !ok_a[r] && ok_b[r]) : !ok_b[r];
      if (hit)
        g_ptr_array_add (found, GUINT_TO_POINTER (u));
    }
  return found;
}

/**
 * prl_eval_run_export:
 * @format: sclite pra or sgml, CSV or JSON (or the summary)
 *
 * Renders the system's results; a version is compared with the stock
 * model (significance, words fixed and broken).
 *
 * Returns: (transfer full) (nullable): the report
 */
char *
prl_eval_run_export (PrlEvalRun        *self,
                     guint              system,
                     PrlWerReportFormat format,
                     GError           **error)
{
  System          *s = get_scored_system (self, system);
  System          *stock;
  PrlWerComparison comparison = { NULL };
  PrlWerReportInfo info = { NULL };
  g_autofree char *name = NULL;
  char            *report;

  if (s == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("There are no scored results to export"));
      return NULL;
    }

  stock = g_ptr_array_index (self->systems, 0);
  name = s->version
             ? g_strdup (s->version)
             : g_strdup_printf ("%s-stock", s->model ? s->model : self->model_name);
  info.ref_name = "reference";
  info.hyp_name = name;
  info.title = name;

  if (system > 0)
    {
      comparison.other = stock->corpus;
      comparison.other_name = "stock";
      if (!prl_wer_mapsswe (s->corpus, stock->corpus, &comparison.mapsswe, error)
          || !prl_wer_sign_test (s->corpus, stock->corpus, &comparison.sign_test, error))
        return NULL;
      comparison.words_fixed
          = prl_corpus_score_get_words_fixed (s->corpus, stock->corpus, NULL);
      comparison.words_broken
          = prl_corpus_score_get_words_fixed (stock->corpus, s->corpus, NULL);
    }

  report
      = prl_wer_report_render (s->corpus, format, &info, system > 0 ? &comparison : NULL);
  g_clear_pointer (&comparison.words_fixed, g_ptr_array_unref);
  g_clear_pointer (&comparison.words_broken, g_ptr_array_unref);
  return report;
}

/**
 * prl_eval_run_export_csv_all:
 *
 * Renders every system's results as CSV, the stock model and each
 * version side by side: per utterance, one line for the stock model
 * and one per version (oldest first), with the reference, what the
 * system heard, its counts, its WER and the change from the stock
 * model's WER in points. The single-system CSV of
 * prl_eval_run_export() leaves the other systems out, which is not
 * what a comparison needs.
 *
 * Returns: (transfer full) (nullable): the CSV text, with CRLF line ends
 */
char *
prl_eval_run_export_csv_all (PrlEvalRun *self, GError **error)
{
  GString *out;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (self), NULL);

  if (!self->scored || self->systems->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("There are no scored results to export"));
      return NULL;
    }

  out = g_string_new (
      "id,system,ref_words,hyp_words,correct,substitutions,deletions,"
      "insertions,errors,wer,wer_change_vs_stock,reference,hypothesis\r\n");
  for (guint u = 0; u < self->utterances->len; u++)
    {
      Utterance         *utt = g_ptr_array_index (self->utterances, u);
      System            *stock = g_ptr_array_index (self->systems, 0);
      PrlUtteranceScore *stock_score
          = u < prl_corpus_score_get_n_utterances (stock->corpus)
                ? prl_corpus_score_get_utterance (stock->corpus, u)
                : NULL;
      double stock_rate
          = stock_score ? prl_wer_counts_get_error_rate (&stock_score->words) : NAN;

      for (guint i = 0; i < self->systems->len; i++)
        {
          System             *s = g_ptr_array_index (self->systems, i);
          PrlUtteranceScore  *score;
          const PrlWerCounts *c;
          double              rate;
          char                rate_str[G_ASCII_DTOSTR_BUF_SIZE] = "";
          char                change_str[G_ASCII_DTOSTR_BUF_SIZE] = "";
          g_autofree char    *stock_name = NULL;

          if (u >= prl_corpus_score_get_n_utterances (s->corpus))
            continue;
          score = prl_corpus_score_get_utterance (s->corpus, u);
          c = &score->words;
          rate = prl_wer_counts_get_error_rate (c);
          if (!isnan (rate))
            g_ascii_formatd (rate_str, sizeof rate_str, "%.2f", rate);
          if (!isnan (rate) && !isnan (stock_rate))
            g_ascii_formatd (change_str, sizeof change_str, "%.2f", rate - stock_rate);
          stock_name
              = g_strdup_printf ("%s-stock", s->model ? s->model : self->model_name);

          prl_wer_csv_append_field (out, utt->id);
          g_string_append_c (out, ',');
          prl_wer_csv_append_field (out, s->version ? s->version : stock_name);
          g_string_append_printf (
              out, ",%u,%u,%u,%u,%u,%u,%u,%s,%s,", c->ref_words, c->hyp_words, c->correct,
              c->substitutions, c->deletions, c->insertions,
              prl_wer_counts_get_errors (c), rate_str, i == 0 ? "" : change_str);
          prl_wer_csv_append_field (out, utt->reference);
          g_string_append_c (out, ',');
          prl_wer_csv_append_field (out, g_ptr_array_index (s->hypotheses, u));
          g_string_append (out, "\r\n");
        }
    }

  return g_string_free (out, FALSE);
}
