/* prl-wer-scores.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-scores"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-alignment.h"
#include "prl-tokenizer.h"
#include "prl-trn.h"
#include "prl-wer-error.h"
#include "prl-wer-private.h"
#include "prl-wer-scores.h"

/*
 * Scores of one utterance and of a corpus. Corpus rates are totals over
 * totals (all errors / all reference words), never an average of
 * per-utterance rates, which would weigh a two-word utterance like a
 * fifty-word one.
 */

struct _PrlCorpusScore
{
  gatomicrefcount  ref_count;
  char            *profile; /* (owned) */
  PrlWerScoreFlags flags;
  GPtrArray       *utterances; /* (owned) PrlUtteranceScore, in batch order */
  GHashTable      *by_id;      /* (owned) id → PrlUtteranceScore, see get_by_id () */
  PrlWerCounts     words;
  PrlWerCounts     chars;
  guint            n_sentence_errors;
};

G_DEFINE_BOXED_TYPE (PrlUtteranceScore,
                     prl_utterance_score,
                     prl_utterance_score_ref,
                     prl_utterance_score_unref)
G_DEFINE_BOXED_TYPE (PrlCorpusScore,
                     prl_corpus_score,
                     prl_corpus_score_ref,
                     prl_corpus_score_unref)

guint
prl_wer_counts_get_errors (const PrlWerCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);

  return counts->substitutions + counts->deletions + counts->insertions;
}

/* Percent; NAN when there are errors but no reference words to divide by. */
double
prl_wer_counts_get_error_rate (const PrlWerCounts *counts)
{
  guint errors;

  g_return_val_if_fail (counts != NULL, 0.0);

  errors = prl_wer_counts_get_errors (counts);
  if (counts->ref_words == 0)
    return errors == 0 ? 0.0 : NAN;
  return 100.0 * errors / counts->ref_words;
}

void
prl_wer_counts_add (PrlWerCounts *total, const PrlWerCounts *counts)
{
  g_return_if_fail (total != NULL);
  g_return_if_fail (counts != NULL);

  total->ref_words += counts->ref_words;
  total->hyp_words += counts->hyp_words;
  total->correct += counts->correct;
  total->substitutions += counts->substitutions;
  total->deletions += counts->deletions;
  total->insertions += counts->insertions;
}

static void
counts_from_align (PrlWerCounts *out, const PrlAlignCounts *c)
{
  out->correct = c->correct;
  out->substitutions = c->substitutions;
  out->deletions = c->deletions;
  out->insertions = c->insertions;
  out->ref_words = c->correct + c->substitutions + c->deletions;
  out->hyp_words = c->correct + c->substitutions + c->insertions;
}

/**
 * prl_utterance_score_compute:
 * @id: the utterance id
 * @index: position of the utterance in its batch
 * @ref_text: the raw reference text
 * @hyp_text: the raw hypothesis text
 * @normalizer: the rules both texts go through
 * @flags: what to compute and keep
 * @error: set to %PRL_WER_ERROR_TOO_LONG when the texts are too long and
 *   different to align (see prl_align_symbols())
 *
 * Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the score, or %NULL with @error set
 */
PrlUtteranceScore *
prl_utterance_score_compute (const char      *id,
                             guint            index,
                             const char      *ref_text,
                             const char      *hyp_text,
                             PrlNormalizer   *normalizer,
                             PrlWerScoreFlags flags,
                             GError         **error)
{
  g_autoptr (PrlUtteranceScore) self = NULL;
  PrlAlignCounts counts;
  gsize          n_ops, r = 0;
  gsize          id_size, speaker_len, ref_size, hyp_size;
  gsize          n_missed, missed_bytes = 0;
  char          *strings;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (ref_text != NULL, NULL);
  g_return_val_if_fail (hyp_text != NULL, NULL);
  g_return_val_if_fail (PRL_IS_NORMALIZER (normalizer), NULL);

  /* The strings share the score's allocation: a large corpus has many
   * scores, and malloc and free showed in its profiles. */
  id_size = strlen (id) + 1;
  ref_size = strlen (ref_text) + 1;
  hyp_size = strlen (hyp_text) + 1;
  speaker_len = strcspn (id, "-_");
  if (id[speaker_len] == '\0')
    speaker_len = 0; /* as prl_trn_speaker_for_id () */
  self = g_malloc0 (sizeof *self + id_size + speaker_len + 1 + ref_size + hyp_size);
  g_atomic_ref_count_init (&self->ref_count);
  strings = (char *)(self + 1);
  self->id = memcpy (strings, id, id_size);
  strings += id_size;
  self->speaker = memcpy (strings, id, speaker_len);
  strings[speaker_len] = '\0';
  strings += speaker_len + 1;
  self->ref_text = memcpy (strings, ref_text, ref_size);
  strings += ref_size;
  self->hyp_text = memcpy (strings, hyp_text, hyp_size);
  self->index = index;
  self->ref_words = prl_normalizer_normalize_packed (normalizer, ref_text);
  self->hyp_words = prl_normalizer_normalize_packed (normalizer, hyp_text);

  self->ops
      = prl_align_words ((const char *const *)self->ref_words,
                         (const char *const *)self->hyp_words, &n_ops, &counts, error);
  if (self->ops == NULL)
    {
      g_prefix_error (error, _ ("Utterance “%s”: "), id);
      return NULL;
    }
  self->n_ops = n_ops;
  counts_from_align (&self->words, &counts);

  /* Missed words are cheap and always kept: they drive self-healing. They
   * are packed like the words (prl_strv_pack ()), in two passes. */
  n_missed = counts.substitutions + counts.deletions;
  for (gsize k = 0; k < n_ops; k++)
    {
      if (self->ops[k] == PRL_ALIGN_INSERTION)
        continue;
      if (self->ops[k] != PRL_ALIGN_CORRECT)
        missed_bytes += strlen (self->ref_words[r]) + 1;
      r++;
    }
  self->missed = g_malloc ((n_missed + 1) * sizeof (char *) + missed_bytes);
  strings = (char *)(self->missed + n_missed + 1);
  r = 0;
  for (gsize k = 0, m = 0; k < n_ops; k++)
    {
      if (self->ops[k] == PRL_ALIGN_INSERTION)
        continue;
      if (self->ops[k] != PRL_ALIGN_CORRECT)
        {
          gsize size = strlen (self->ref_words[r]) + 1;

          self->missed[m++] = memcpy (strings, self->ref_words[r], size);
          strings += size;
        }
      r++;
    }
  self->missed[n_missed] = NULL;

  if (flags & PRL_WER_SCORE_CHARACTERS)
    {
      g_autofree gunichar *ref_chars = NULL;
      g_autofree gunichar *hyp_chars = NULL;
      g_autofree guint8   *char_ops = NULL;
      gsize                n_ref_chars, n_hyp_chars, n_char_ops;

      ref_chars
          = prl_tokens_to_chars ((const char *const *)self->ref_words, &n_ref_chars);
      hyp_chars
          = prl_tokens_to_chars ((const char *const *)self->hyp_words, &n_hyp_chars);
      char_ops = prl_align_symbols (ref_chars, n_ref_chars, hyp_chars, n_hyp_chars,
                                    &n_char_ops, &counts, error);
      if (char_ops == NULL)
        {
          g_prefix_error (error, _ ("Utterance “%s”, characters: "), id);
          return NULL;
        }
      counts_from_align (&self->chars, &counts);
    }

  if (!(flags & PRL_WER_SCORE_KEEP_ALIGNMENT))
    {
      g_clear_pointer (&self->ref_words, g_free);
      g_clear_pointer (&self->hyp_words, g_free);
      g_clear_pointer (&self->ops, g_free);
      self->n_ops = 0;
    }

  return g_steal_pointer (&self);
}

PrlUtteranceScore *
prl_utterance_score_ref (PrlUtteranceScore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
prl_utterance_score_unref (PrlUtteranceScore *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* id, speaker and the texts live in the same block as the score. */
  g_free (self->ref_words);
  g_free (self->hyp_words);
  g_free (self->ops);
  g_free (self->missed);
  g_free (self);
}

gboolean
prl_utterance_score_has_errors (const PrlUtteranceScore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return prl_wer_counts_get_errors (&self->words) > 0;
}

/*
 * For each reference word, whether it was recognized correctly, and how
 * many words were inserted before it (insertions[n_ref] counts those after
 * the last word). Both arrays are owned by the caller.
 */
void
_prl_utterance_score_ref_view (const PrlUtteranceScore *self,
                               gboolean               **correct,
                               guint                  **insertions,
                               guint                   *n_ref)
{
  guint r = 0;

  g_assert (self->ops != NULL);

  *n_ref = self->words.ref_words;
  *correct = g_new0 (gboolean, *n_ref + 1);
  *insertions = g_new0 (guint, *n_ref + 1);

  for (guint k = 0; k < self->n_ops; k++)
    {
      switch ((PrlAlignOp)self->ops[k])
        {
        case PRL_ALIGN_INSERTION:
          (*insertions)[r]++;
          break;

        case PRL_ALIGN_CORRECT:
          (*correct)[r++] = TRUE;
          break;

        case PRL_ALIGN_SUBSTITUTION:
        case PRL_ALIGN_DELETION:
          r++;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

void
prl_word_count_free (PrlWordCount *self)
{
  if (self == NULL)
    return;

  g_free (self->word);
  g_free (self);
}

/* The index by id, built on first use: most reports never look up an id,
 * and building it showed in profiles of large corpora. Thread-safe, as the
 * score is immutable otherwise. */
static GHashTable *
get_by_id (PrlCorpusScore *self)
{
  if (g_once_init_enter (&self->by_id))
    {
      GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < self->utterances->len; i++)
        {
          PrlUtteranceScore *u = g_ptr_array_index (self->utterances, i);

          g_hash_table_insert (by_id, u->id, u);
        }
      g_once_init_leave (&self->by_id, by_id);
    }
  return self->by_id;
}

/**
 * prl_corpus_score_new:
 * @profile: identity of the normalizer the scores were computed with
 * @flags: the flags the utterances were scored with
 * @utterances: (element-type PrlUtteranceScore): scores, in batch order;
 *   the array must free its elements with prl_utterance_score_unref()
 *
 * Returns: (transfer full): the corpus score, holding a reference on @utterances
 */
PrlCorpusScore *
prl_corpus_score_new (const char *profile, PrlWerScoreFlags flags, GPtrArray *utterances)
{
  PrlCorpusScore *self;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (utterances != NULL, NULL);

  self = g_new0 (PrlCorpusScore, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->profile = g_strdup (profile);
  self->flags = flags;
  self->utterances = g_ptr_array_ref (utterances);

  for (guint i = 0; i < utterances->len; i++)
    {
      PrlUtteranceScore *u = g_ptr_array_index (utterances, i);

      prl_wer_counts_add (&self->words, &u->words);
      prl_wer_counts_add (&self->chars, &u->chars);
      if (prl_utterance_score_has_errors (u))
        self->n_sentence_errors++;
    }

  return self;
}

PrlCorpusScore *
prl_corpus_score_ref (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
prl_corpus_score_unref (PrlCorpusScore *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->profile);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_ptr_array_unref (self->utterances);
  g_free (self);
}

const char *
prl_corpus_score_get_profile (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile;
}

PrlWerScoreFlags
prl_corpus_score_get_flags (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->flags;
}

guint
prl_corpus_score_get_n_utterances (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->utterances->len;
}

/**
 * prl_corpus_score_get_utterance:
 *
 * Returns: (transfer none): the score of the @index-th utterance
 */
PrlUtteranceScore *
prl_corpus_score_get_utterance (PrlCorpusScore *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->utterances->len, NULL);

  return g_ptr_array_index (self->utterances, index);
}

/**
 * prl_corpus_score_lookup:
 *
 * Returns: (transfer none) (nullable): the score of utterance @id
 */
PrlUtteranceScore *
prl_corpus_score_lookup (PrlCorpusScore *self, const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (get_by_id (self), id);
}

const PrlWerCounts *
prl_corpus_score_get_words (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->words;
}

const PrlWerCounts *
prl_corpus_score_get_chars (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->chars;
}

guint
prl_corpus_score_get_n_sentence_errors (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_sentence_errors;
}

double
prl_corpus_score_get_wer (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return prl_wer_counts_get_error_rate (&self->words);
}

double
prl_corpus_score_get_ser (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->utterances->len == 0)
    return 0.0;
  return 100.0 * self->n_sentence_errors / self->utterances->len;
}

/* Percent; NAN unless the utterances were scored with PRL_WER_SCORE_CHARACTERS. */
double
prl_corpus_score_get_cer (PrlCorpusScore *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (!(self->flags & PRL_WER_SCORE_CHARACTERS))
    return NAN;
  return prl_wer_counts_get_error_rate (&self->chars);
}

static int
compare_word_counts (gconstpointer a, gconstpointer b)
{
  const PrlWordCount *wa = *(const PrlWordCount *const *)a;
  const PrlWordCount *wb = *(const PrlWordCount *const *)b;

  if (wa->count != wb->count)
    return wa->count > wb->count ? -1 : 1;
  return strcmp (wa->word, wb->word);
}

static GPtrArray *
counts_to_array (GHashTable *counts)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_word_count_free);
  GHashTableIter iter;
  gpointer       key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PrlWordCount *wc = g_new (PrlWordCount, 1);

      wc->word = g_strdup (key);
      wc->count = *(guint *)value;
      g_ptr_array_add (out, wc);
    }
  g_ptr_array_sort (out, compare_word_counts);

  return out;
}

/* @counts maps words to (owned) counters, so that each word is looked up
 * once. */
static void
count_word (GHashTable *counts, const char *word)
{
  guint *n = g_hash_table_lookup (counts, word);

  if (n != NULL)
    (*n)++;
  else
    g_hash_table_insert (counts, (gpointer)word,
                         g_memdup2 (&(guint){ 1 }, sizeof (guint)));
}

/**
 * prl_corpus_score_get_missed_words:
 *
 * Reference words that were substituted or deleted, most frequent first.
 *
 * Returns: (transfer full) (element-type PrlWordCount): the missed words
 */
GPtrArray *
prl_corpus_score_get_missed_words (PrlCorpusScore *self)
{
  g_autoptr (GHashTable) counts
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->utterances->len; i++)
    {
      PrlUtteranceScore *u = g_ptr_array_index (self->utterances, i);

      for (guint k = 0; u->missed[k] != NULL; k++)
        count_word (counts, u->missed[k]);
    }

  return counts_to_array (counts);
}

gboolean
_prl_corpus_score_check_comparable (PrlCorpusScore *a, PrlCorpusScore *b, GError **error)
{
  if (g_strcmp0 (a->profile, b->profile) != 0)
    {
      g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
                   _ ("The runs were normalized differently (%s and %s); score both "
                      "with the same profile"),
                   a->profile, b->profile);
      return FALSE;
    }

  if (!(a->flags & PRL_WER_SCORE_KEEP_ALIGNMENT)
      || !(b->flags & PRL_WER_SCORE_KEEP_ALIGNMENT))
    {
      g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_NO_ALIGNMENTS,
                   _ ("Comparing runs needs their alignments, which were not kept"));
      return FALSE;
    }

  if (a->utterances->len != b->utterances->len)
    {
      g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
                   _ ("The runs have different utterances (%u and %u)"),
                   a->utterances->len, b->utterances->len);
      return FALSE;
    }

  for (guint i = 0; i < a->utterances->len; i++)
    {
      PrlUtteranceScore *ua = g_ptr_array_index (a->utterances, i);
      PrlUtteranceScore *ub = g_hash_table_lookup (get_by_id (b), ua->id);

      if (ub == NULL)
        {
          g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
                       _ ("Utterance “%s” was scored in one run only"), ua->id);
          return FALSE;
        }
      if (!g_strv_equal ((const char *const *)ua->ref_words,
                         (const char *const *)ub->ref_words))
        {
          g_set_error (error, PRL_WER_ERROR, PRL_WER_ERROR_MISMATCHED_RUNS,
                       _ ("Utterance “%s” has a different reference in each run"),
                       ua->id);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * prl_corpus_score_get_words_fixed:
 * @before: the run of system A (e.g. the stock model)
 * @after: the run of system B on the same utterances
 *
 * Reference words that A missed and B recognized correctly, counted per
 * occurrence, most frequent first.
 *
 * Returns: (transfer full) (element-type PrlWordCount): the words fixed
 */
GPtrArray *
prl_corpus_score_get_words_fixed (PrlCorpusScore *before,
                                  PrlCorpusScore *after,
                                  GError        **error)
{
  g_autoptr (GHashTable) counts = NULL;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  if (!_prl_corpus_score_check_comparable (before, after, error))
    return NULL;

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < before->utterances->len; i++)
    {
      PrlUtteranceScore   *ua = g_ptr_array_index (before->utterances, i);
      PrlUtteranceScore   *ub = g_hash_table_lookup (get_by_id (after), ua->id);
      g_autofree gboolean *ok_a = NULL;
      g_autofree gboolean *ok_b = NULL;
      g_autofree guint    *ins_a = NULL;
      g_autofree guint    *ins_b = NULL;
      guint                n_ref;

      _prl_utterance_score_ref_view (ua, &ok_a, &ins_a, &n_ref);
      _prl_utterance_score_ref_view (ub, &ok_b, &ins_b, &n_ref);
      for (guint r = 0; r < n_ref; r++)
        if (!ok_a[r] && ok_b[r])
          count_word (counts, ua->ref_words[r]);
    }

  return counts_to_array (counts);
}
