/* test-ngram.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ngram"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ngram-test-util.h"
#include "../test-util.h"
#include "prl-ngram-private.h"

/* The corpus worked by hand below (order 2). */
static const char *const hand_corpus[] = {
  "a b c", "a b c", "a b d", "b c a", "c a b", "d b", "b", NULL,
};

static PrlNgramModel *
train_lines (const char *const *lines, guint order)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (order);
  g_autoptr (GError) error = NULL;
  PrlNgramModel *model;

  for (guint i = 0; lines[i] != NULL; i++)
    prl_ngram_counter_add_line (counter, lines[i]);
  model = prl_ngram_estimate (counter, order, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return model;
}

static double
prob (PrlNgramModel *model, const char *history, const char *word)
{
  g_auto (GStrv) h = g_strsplit (history, " ", -1);
  guint  n = *history == '\0' ? 0 : g_strv_length (h);
  double backoff = prl_ngram_model_log10_prob (model, (const char *const *)h, n, word);
  double interpolated
      = _prl_ngram_model_interpolated_log10_prob (model, (const char *const *)h, n, word);

  g_assert_cmpfloat_with_epsilon (pow (10.0, backoff), pow (10.0, interpolated), 1e-15);
  return pow (10.0, backoff);
}

static void
test_counter (void)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (3);
  const char *const words[] = { "x", "<s>", "y", "</s>", "", NULL };

  prl_ngram_counter_add_line (counter, "  a\tb  a ");
  prl_ngram_counter_add_line (counter, "   ");
  prl_ngram_counter_add_sentence (counter, words, -1);
  prl_ngram_counter_add_sentence (counter, words, 1);
  prl_ngram_counter_add_sentence (counter, NULL, 0);

  /* "<s> a b a </s>", "<s> x y </s>", "<s> x </s>"; markers and empty words
   * in the input are dropped, empty sentences skipped. */
  g_assert_cmpuint (prl_ngram_counter_get_n_sentences (counter), ==, 3);
  g_assert_cmpuint (prl_ngram_counter_get_n_words (counter), ==, 6);
  /* a b x y + <s> </s> <unk> */
  g_assert_cmpuint (prl_ngram_counter_get_n_types (counter, 1), ==, 7);
  /* <s>a ab ba a</s> <s>x xy y</s> x</s> */
  g_assert_cmpuint (prl_ngram_counter_get_n_types (counter, 2), ==, 8);
  /* <s>ab aba ba</s> <s>xy xy</s> <s>x</s> */
  g_assert_cmpuint (prl_ngram_counter_get_n_types (counter, 3), ==, 6);
}

/* Raw text goes through the normalizer the WER service uses. */
static void
test_counter_text (void)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (2);
  g_autoptr (PrlNormalizer) normalizer = prl_normalizer_new ("default", NULL);
  g_autoptr (PrlNgramCounter) expected = prl_ngram_counter_new (2);
  g_autoptr (PrlNgramModel) model = NULL;
  g_autoptr (PrlNgramModel) expected_model = NULL;
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;

  prl_ngram_counter_add_text (counter, normalizer, "Hello, World! Um, hello THERE.");
  prl_ngram_counter_add_text (counter, normalizer, "[noise] ...");
  g_assert_cmpuint (prl_ngram_counter_get_n_sentences (counter), ==, 1);

  prl_ngram_counter_add_line (expected, "hello world hello there");
  model = prl_ngram_estimate (counter, 2, NULL, NULL, NULL, NULL);
  expected_model = prl_ngram_estimate (expected, 2, NULL, NULL, NULL, NULL);
  a = test_write_arpa (model);
  b = test_write_arpa (expected_model);
  g_assert_true (g_bytes_equal (a, b));
}

/*
 * Order 2 on hand_corpus. Adjusted counts:
 *   bigrams (raw): <s>a 3, <s>b 2, <s>c 1, <s>d 1, a</s> 1, ab 4, b</s> 3, bc 3,
 *                  bd 1, c</s> 2, ca 2, d</s> 1, db 1
 *   unigrams (distinct left words): </s> 4 (a b c d), a 2 (<s> c), b 3 (<s> a d),
 *                  c 2 (<s> b), d 2 (<s> b), <unk> 0
 * Bigram count-of-counts n1..n4 = 6, 3, 3, 1:
 *   Y = 6 / (6 + 2·3) = 1/2
 *   D1 = 1 − 2·½·3/6 = 1/2,  D2 = 2 − 3·½·3/3 = 1/2,  D3+ = 3 − 4·½·1/3 = 7/3
 * Unigram n1 = 0, so the fallback 1/2, 1, 3/2 applies.
 * Unigram level, V without <s> = {</s> <unk> a b c d} = 6 words, Σa = 13:
 *   γ0 = (D3+ for </s> and b + D2 for a c d) / 13 = (1.5·2 + 1·3) / 13 = 6/13
 *   uniform share = 6/13 / 6 = 1/13
 *   p(</s>) = (4 − 1.5)/13 + 1/13 = 7/26    p(a) = (2 − 1)/13 + 1/13 = 2/13
 *   p(b) = (3 − 1.5)/13 + 1/13 = 5/26        p(<unk>) = 1/13
 * History "a": a</s> 1, ab 4; Σ = 5; γ(a) = (½ + 7/3)/5 = 17/30
 *   p(b | a) = (4 − 7/3)/5 + 17/30 · 5/26 = 1/3 + 17/156 = 23/52
 *   p(</s> | a) = (1 − ½)/5 + 17/30 · 7/26 = 1/10 + 119/780 = 197/780
 *   p(c | a) = 17/30 · 2/13 = 17/195 (unseen: back-off)
 * History "<s>": a 3, b 2, c 1, d 1; Σ = 7; γ = (7/3 + ½ + 2·½)/7 = 23/42
 *   p(a | <s>) = (3 − 7/3)/7 + 23/42 · 2/13 = 2/21 + 23/273 = 7/39
 * History "b": </s> 3, c 3, d 1; Σ = 7; γ = (7/3 + 7/3 + ½)/7 = 31/42
 *   p(c | b) = (3 − 7/3)/7 + 31/42 · 2/13 = 2/21 + 31/273 = 19/91
 * History "<unk>" was never seen: p(a | <unk>) = p(a) = 2/13.
 */
static void
test_hand_computed (void)
{
  g_autoptr (PrlNgramModel) model = train_lines (hand_corpus, 2);
  double d[3];

  g_assert_cmpuint (prl_ngram_model_get_vocabulary_size (model), ==, 7);
  g_assert_cmpuint (prl_ngram_model_get_n_ngrams (model, 1), ==, 7);
  g_assert_cmpuint (prl_ngram_model_get_n_ngrams (model, 2), ==, 13);

  g_assert_false (prl_ngram_model_get_discounts (model, 1, d));
  g_assert_cmpfloat (d[0], ==, 0.5);
  g_assert_cmpfloat (d[1], ==, 1.0);
  g_assert_cmpfloat (d[2], ==, 1.5);
  g_assert_true (prl_ngram_model_get_discounts (model, 2, d));
  g_assert_cmpfloat_with_epsilon (d[0], 1.0 / 2, 1e-15);
  g_assert_cmpfloat_with_epsilon (d[1], 1.0 / 2, 1e-15);
  g_assert_cmpfloat_with_epsilon (d[2], 7.0 / 3, 1e-15);

  g_assert_cmpfloat_with_epsilon (prob (model, "", "</s>"), 7.0 / 26, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "", "a"), 2.0 / 13, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "", "b"), 5.0 / 26, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "", "<unk>"), 1.0 / 13, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "", "never-seen"), 1.0 / 13, 1e-15);
  g_assert_cmpfloat (prob (model, "", "<s>"), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (prob (model, "a", "b"), 23.0 / 52, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "a", "</s>"), 197.0 / 780, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "a", "c"), 17.0 / 195, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "<s>", "a"), 7.0 / 39, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "b", "c"), 19.0 / 91, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "<unk>", "a"), 2.0 / 13, 1e-15);
  /* Only the last word of a longer history counts in a bigram model. */
  g_assert_cmpfloat_with_epsilon (prob (model, "<s> c a", "b"), 23.0 / 52, 1e-15);
}

/*
 * Tiny corpora, where count-of-counts are zero or the formula leaves the
 * valid range: every order falls back to D = 1/2, 1, 3/2.
 *
 * "a b" at order 3: unigram continuation counts a, b, </s> are 1 each, so
 * Σ = 3, γ0 = 3·½/3 = 1/2, and V without <s> has 4 words (a b </s> <unk>):
 *   p(a) = ½/3 + ½/4 = 7/24, p(<unk>) = 1/8.
 * "<s> a b" was seen once (history "<s> a" has Σ = 1, γ = ½), and "a b" once
 * as a continuation (history "a": Σ = 1, γ = ½), so
 *   p(b | a) = ½ + ½ · 7/24 = 31/48,  p(b | <s> a) = ½ + ½ · 31/48 = 79/96.
 */
static void
test_fallback (void)
{
  static const char *const one[] = { "a b", NULL };
  /* Bigram counts 3, 3, 2, 2, 1, 1: n1..n4 = 2, 2, 2, 0, so
   * Y = 1/3, D1 = 1/3, D2 = 1 but D3+ = 3, which is out of range. */
  static const char *const no_fours[] = { "x", "x", "x", "y", "y", "z", NULL };
  g_autoptr (PrlNgramModel) model = train_lines (one, 3);
  g_autoptr (PrlNgramModel) model2 = train_lines (no_fours, 2);
  double d[3];

  for (guint k = 1; k <= 3; k++)
    {
      g_assert_false (prl_ngram_model_get_discounts (model, k, d));
      g_assert_cmpfloat (d[0], ==, 0.5);
      g_assert_cmpfloat (d[2], ==, 1.5);
    }
  g_assert_cmpfloat_with_epsilon (prob (model, "", "a"), 7.0 / 24, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "", "<unk>"), 1.0 / 8, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "a", "b"), 31.0 / 48, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "<s> a", "b"), 79.0 / 96, 1e-15);
  g_assert_cmpfloat_with_epsilon (prob (model, "<s> a", "</s>"), 0.5 * (0.5 * 7.0 / 24),
                                  1e-15);

  g_assert_false (prl_ngram_model_get_discounts (model2, 2, d));
  g_assert_cmpfloat (d[1], ==, 1.0);
}

static void
test_errors (void)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (2);
  g_autoptr (GError) error = NULL;
  PrlNgramModel *model;

  model = prl_ngram_estimate (counter, 2, NULL, NULL, NULL, &error);
  g_assert_error (error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_NO_TEXT);
  g_assert_null (model);
  g_clear_error (&error);

  prl_ngram_counter_add_line (counter, "hello");
  model = prl_ngram_estimate (counter, 3, NULL, NULL, NULL, &error);
  g_assert_error (error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_INVALID_ORDER);
  g_assert_null (model);
}

/* Σ P(w | h) over the vocabulary without <s>, in both forms. */
static void
assert_sums_to_one (PrlNgramModel *model, const guint32 *history, guint n)
{
  double backoff = 0.0, interpolated = 0.0;

  for (guint32 w = 0; w < model->n_words; w++)
    {
      double p = _prl_ngram_model_prob_ids (model, history, n, w);
      double q = _prl_ngram_model_interpolated (model, history, n, w);

      g_assert_cmpfloat_with_epsilon (p, q, 1e-12);
      if (w == model->bos)
        {
          g_assert_cmpfloat (p, ==, 0.0);
          continue;
        }
      backoff += p;
      interpolated += q;
    }
  g_assert_cmpfloat_with_epsilon (backoff, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (interpolated, 1.0, 1e-9);
}

static void
test_sums (void)
{
  TestSource source;
  g_autoptr (GPtrArray) sentences = NULL;

  test_source_init (&source, 150, 0, 42);
  sentences = test_source_sentences (&source, 3000);
  test_source_clear (&source);

  for (guint order = 1; order <= 4; order++)
    {
      g_autoptr (PrlNgramModel) model = test_train (sentences, order);
      guint32 unseen[3] = { model->unk, model->eos, 0 };

      assert_sums_to_one (model, NULL, 0);
      for (guint k = 1; k < order; k++)
        {
          PrlNgramLevel *level = &model->levels[k];
          gsize          step = MAX (level->n / 150, 1);

          /* Every history seen at this order (sampled), and unseen ones. */
          for (gsize i = 0; i < level->n; i += step)
            assert_sums_to_one (model, _prl_ngram_level_row (level, k, i), k);
          assert_sums_to_one (model, unseen + 3 - k, k);
        }
    }
}

/* A minimal ARPA reader, independent of the model, to score with the file
 * exactly as a decoder does. */
typedef struct
{
  double log10_prob;
  double log10_bow;
} ArpaEntry;

typedef struct
{
  guint       order;
  guint       counts[PRL_NGRAM_MAX_ORDER + 1];
  GHashTable *entries; /* (owned) "w1 w2 …" → ArpaEntry */
} Arpa;

static void
arpa_free (Arpa *arpa)
{
  g_hash_table_unref (arpa->entries);
  g_free (arpa);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Arpa, arpa_free)

/* Word-by-word byte order, the order the rows must come in. */
static int
compare_ngrams (char **a, char **b)
{
  for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
    {
      int cmp = strcmp (a[i], b[i]);

      if (cmp != 0)
        return cmp;
    }
  return 0;
}

static Arpa *
arpa_parse (GBytes *bytes)
{
  g_autofree char *text
      = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto (GStrv) previous = NULL;
  Arpa *arpa = g_new0 (Arpa, 1);
  guint section = 0, n_rows = 0, i = 1;

  arpa->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_assert_cmpstr (lines[0], ==, "\\data\\");
  for (; g_str_has_prefix (lines[i], "ngram "); i++)
    {
      guint k, n;

      g_assert_cmpint (sscanf (lines[i], "ngram %u=%u", &k, &n), ==, 2);
      g_assert_cmpuint (k, ==, arpa->order + 1);
      arpa->order = k;
      arpa->counts[k] = n;
    }

  for (; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      g_auto (GStrv) words = NULL;
      ArpaEntry *entry;
      char      *end;

      if (*lines[i] == '\0')
        continue;
      if (lines[i][0] == '\\')
        {
          if (section > 0)
            g_assert_cmpuint (n_rows, ==, arpa->counts[section]);
          if (strcmp (lines[i], "\\end\\") == 0)
            {
              g_assert_cmpuint (section, ==, arpa->order);
              g_assert_cmpstr (lines[i + 1], ==, "");
              g_assert_null (lines[i + 2]);
              return arpa;
            }
          g_assert_cmpint (sscanf (lines[i], "\\%u-grams:", &section), ==, 1);
          n_rows = 0;
          g_clear_pointer (&previous, g_strfreev);
          continue;
        }

      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);
      words = g_strsplit (fields[1], " ", -1);
      g_assert_cmpuint (g_strv_length (words), ==, section);
      if (previous != NULL)
        g_assert_cmpint (compare_ngrams (previous, words), <, 0);
      g_clear_pointer (&previous, g_strfreev);
      previous = g_steal_pointer (&words);

      entry = g_new0 (ArpaEntry, 1);
      entry->log10_prob = g_ascii_strtod (fields[0], &end);
      g_assert_cmpint (*end, ==, '\0');
      if (fields[2] != NULL)
        {
          g_assert_cmpuint (section, <, arpa->order);
          entry->log10_bow = g_ascii_strtod (fields[2], &end);
          g_assert_cmpint (*end, ==, '\0');
        }
      g_assert_true (g_hash_table_insert (arpa->entries, g_strdup (fields[1]), entry));
      n_rows++;
    }
  g_assert_not_reached ();
}

static double
arpa_log10 (Arpa *arpa, const char *const *history, guint n_history, const char *word)
{
  const char *ids[PRL_NGRAM_MAX_ORDER + 2];
  guint       n = MIN (n_history, arpa->order - 1);
  double      bow = 0.0;

  for (guint i = 0; i <= n; i++)
    {
      const char *w = i < n ? history[n_history - n + i] : word;

      ids[i] = g_hash_table_contains (arpa->entries, w) ? w : PRL_NGRAM_UNK;
    }
  ids[n + 1] = NULL;

  for (guint k = n;; k--)
    {
      g_autofree char *key = g_strjoinv (" ", (char **)(ids + n - k));
      g_autofree char *context = NULL;
      const char      *last = ids[n];
      ArpaEntry       *entry = g_hash_table_lookup (arpa->entries, key);

      if (entry != NULL)
        return bow + entry->log10_prob;

      /* Every unigram is listed, so k > 0 here. */
      g_assert_cmpuint (k, >, 0);
      ids[n] = NULL;
      context = g_strjoinv (" ", (char **)(ids + n - k));
      ids[n] = last;
      entry = g_hash_table_lookup (arpa->entries, context);
      if (entry != NULL)
        bow += entry->log10_bow;
    }
}

/* The ARPA file, read back and used as a back-off model, gives the
 * interpolated probabilities for seen and unseen n-grams and unknown words. */
static void
test_arpa_backoff (void)
{
  TestSource source;
  g_autoptr (GPtrArray) train = NULL;
  g_autoptr (GPtrArray) near = NULL;
  g_autoptr (GPtrArray) far = NULL;

  test_source_init (&source, 200, 0, 3);
  train = test_source_sentences (&source, 3000);
  near = test_source_sentences (&source, 200);
  test_source_clear (&source);
  test_source_init (&source, 260, 3, 4);
  far = test_source_sentences (&source, 200);
  test_source_clear (&source);

  for (guint order = 2; order <= 4; order++)
    {
      g_autoptr (PrlNgramModel) model = test_train (train, order);
      g_autoptr (GBytes) bytes = test_write_arpa (model);
      g_autoptr (Arpa) arpa = arpa_parse (bytes);
      GPtrArray *sets[] = { train, near, far };
      guint      n_seen = 0, n_unseen = 0;

      g_assert_cmpuint (arpa->order, ==, order);
      for (guint k = 1; k <= order; k++)
        g_assert_cmpuint (arpa->counts[k], ==, prl_ngram_model_get_n_ngrams (model, k));

      for (guint set = 0; set < G_N_ELEMENTS (sets); set++)
        for (guint s = 0; s < MIN (sets[set]->len, 300); s++)
          {
            g_autoptr (GPtrArray) words = g_ptr_array_new ();
            char **sentence = g_ptr_array_index (sets[set], s);

            g_ptr_array_add (words, (gpointer)PRL_NGRAM_BOS);
            for (guint i = 0; sentence[i] != NULL; i++)
              g_ptr_array_add (words, sentence[i]);
            g_ptr_array_add (words, (gpointer)PRL_NGRAM_EOS);

            for (guint i = 1; i < words->len; i++)
              {
                const char *const *w = (const char *const *)words->pdata;
                guint              from = i >= order ? i - order + 1 : 0;
                g_autoptr (GString) key = g_string_new (w[from]);
                double expected
                    = _prl_ngram_model_interpolated_log10_prob (model, w, i, w[i]);

                g_assert_cmpfloat_with_epsilon (arpa_log10 (arpa, w, i, w[i]), expected,
                                                1e-6);
                g_assert_cmpfloat_with_epsilon (
                    prl_ngram_model_log10_prob (model, w, i, w[i]), expected, 1e-12);

                for (guint j = from + 1; j <= i; j++)
                  g_string_append_printf (key, " %s", w[j]);
                if (g_hash_table_contains (arpa->entries, key->str))
                  n_seen++;
                else
                  n_unseen++;
              }
          }
      g_test_message ("order %u: %u seen, %u unseen n-grams compared", order, n_seen,
                      n_unseen);
      g_assert_cmpuint (n_seen, >, 100);
      g_assert_cmpuint (n_unseen, >, 100);
    }
}

static void
test_arpa_deterministic (void)
{
  TestSource source;
  g_autoptr (GPtrArray) sentences = NULL;
  g_autoptr (GPtrArray) reversed = g_ptr_array_new ();
  g_autoptr (PrlNgramModel) a = NULL;
  g_autoptr (PrlNgramModel) b = NULL;
  g_autoptr (PrlNgramModel) c = NULL;
  g_autoptr (GBytes) bytes_a = NULL;
  g_autoptr (GBytes) bytes_b = NULL;
  g_autoptr (GBytes) bytes_c = NULL;

  test_source_init (&source, 500, 0, 11);
  sentences = test_source_sentences (&source, 2000);
  test_source_clear (&source);
  for (guint i = sentences->len; i > 0; i--)
    g_ptr_array_add (reversed, g_ptr_array_index (sentences, i - 1));

  a = test_train (sentences, 3);
  b = test_train (sentences, 3);
  c = test_train (reversed, 3);
  bytes_a = test_write_arpa (a);
  bytes_b = test_write_arpa (b);
  bytes_c = test_write_arpa (c);
  /* The same text gives the same bytes, in any order of its sentences. */
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
  g_assert_true (g_bytes_equal (bytes_a, bytes_c));
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         n_calls;
} ProgressData;

static void
progress_cb (double fraction, gpointer user_data)
{
  ProgressData *data = user_data;

  g_assert_cmpfloat (fraction, >=, data->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  data->last = fraction;
  data->n_calls++;
  if (fraction >= data->cancel_at)
    g_cancellable_cancel (data->cancellable);
}

static void
test_cancel (void)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (3);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlNgramModel) model = NULL;
  ProgressData data = { cancellable, 2.0, 0.0, 0 };
  TestSource   source;

  test_source_init (&source, 2000, 0, 5);
  for (guint i = 0; i < 20000; i++)
    {
      g_auto (GStrv) sentence = test_source_sentence (&source);

      prl_ngram_counter_add_sentence (counter, (const char *const *)sentence, -1);
    }
  test_source_clear (&source);

  /* A full run reports progress in order and ends at 1. */
  model = prl_ngram_estimate (counter, 3, cancellable, progress_cb, &data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpfloat (data.last, ==, 1.0);
  g_assert_cmpuint (data.n_calls, >=, 8);
  g_clear_pointer (&model, prl_ngram_model_free);

  /* Cancelled part-way, from the progress callback. */
  data = (ProgressData){ cancellable, 0.3, 0.0, 0 };
  model = prl_ngram_estimate (counter, 3, cancellable, progress_cb, &data, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (model);
  g_assert_cmpfloat (data.last, <, 1.0);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  model = prl_ngram_estimate (counter, 3, cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (model);
}

static GPtrArray *
shuffle_words (GPtrArray *sentences, guint32 seed)
{
  GPtrArray *shuffled = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  GRand     *rand = g_rand_new_with_seed (seed);

  for (guint s = 0; s < sentences->len; s++)
    {
      GStrv words = g_strdupv (g_ptr_array_index (sentences, s));

      for (guint i = g_strv_length (words); i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          char *tmp = words[i - 1];

          words[i - 1] = words[j];
          words[j] = tmp;
        }
      g_ptr_array_add (shuffled, words);
    }
  g_rand_free (rand);
  return shuffled;
}

static void
test_perplexity (void)
{
  TestSource source;
  g_autoptr (GPtrArray) train = NULL;
  g_autoptr (GPtrArray) held_out = NULL;
  g_autoptr (GPtrArray) shuffled = NULL;
  g_autoptr (GPtrArray) oov = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr (PrlNgramModel) model = NULL;
  double  ppl_train, ppl_held_out, ppl_shuffled, ppl_oov;
  guint64 n_tokens, n_tokens2, n_oov;

  test_source_init (&source, 400, 0, 21);
  train = test_source_sentences (&source, 5000);
  held_out = test_source_sentences (&source, 500);
  test_source_clear (&source);
  shuffled = shuffle_words (held_out, 22);
  model = test_train (train, 3);

  ppl_train = prl_ngram_model_perplexity (model, train, NULL, NULL);
  ppl_held_out = prl_ngram_model_perplexity (model, held_out, &n_tokens, &n_oov);
  ppl_shuffled = prl_ngram_model_perplexity (model, shuffled, NULL, NULL);
  g_test_message ("perplexity: training %.2f, held-out %.2f, shuffled %.2f", ppl_train,
                  ppl_held_out, ppl_shuffled);
  g_assert_cmpuint (n_oov, ==, 0);
  g_assert_cmpfloat (ppl_train, <, ppl_held_out);
  g_assert_cmpfloat (ppl_held_out * 2, <, ppl_shuffled);

  /* The generic scorer agrees with the model's own. */
  g_assert_cmpfloat_with_epsilon (
      prl_ngram_perplexity (prl_ngram_model_log_prob_func, model, held_out, &n_tokens2),
      ppl_held_out, 1e-9 * ppl_held_out);
  g_assert_cmpuint (n_tokens, ==, n_tokens2);

  /* Unknown words are scored as <unk> and counted. */
  g_ptr_array_add (oov, g_strsplit ("w1 never-seen-word w2", " ", -1));
  ppl_oov = prl_ngram_model_perplexity (model, oov, &n_tokens, &n_oov);
  g_assert_true (isfinite (ppl_oov));
  g_assert_cmpuint (n_tokens, ==, 4);
  g_assert_cmpuint (n_oov, ==, 1);

  g_ptr_array_set_size (oov, 0);
  g_assert_true (isnan (prl_ngram_model_perplexity (model, oov, NULL, NULL)));
}

static double
uniform_func (const char *const *history,
              guint              n_history,
              const char        *word,
              gpointer           user_data)
{
  return -log10 (*(double *)user_data);
}

static void
test_weight (void)
{
  TestSource source;
  g_autoptr (GPtrArray) train_a = NULL;
  g_autoptr (GPtrArray) train_b = NULL;
  g_autoptr (GPtrArray) tuning = NULL;
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  g_autoptr (PrlNgramModel) model_a = NULL;
  g_autoptr (PrlNgramModel) model_b = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  PrlNgramWeight w;
  double         vocabulary;

  test_source_init (&source, 300, 0, 31);
  train_a = test_source_sentences (&source, 4000);
  tuning = test_source_sentences (&source, 400);
  test_source_clear (&source);
  test_source_init (&source, 300, 4, 32);
  train_b = test_source_sentences (&source, 4000);
  test_source_clear (&source);
  model_a = test_train (train_a, 3);
  model_b = test_train (train_b, 3);
  vocabulary = prl_ngram_model_get_vocabulary_size (model_a) - 1;

  /* A custom model far better than the stock one gets nearly all the weight. */
  g_assert_true (prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model_a,
                                          uniform_func, &vocabulary, tuning, NULL, &w,
                                          &error));
  g_assert_no_error (error);
  g_test_message ("good custom: lambda = %.4f, perplexity %.2f (custom %.2f, stock %.2f)",
                  w.weight, w.perplexity, w.custom_perplexity, w.stock_perplexity);
  g_assert_true (w.tuned);
  g_assert_cmpfloat (w.weight, >=, 0.9);
  g_assert_cmpfloat_with_epsilon (w.stock_perplexity, vocabulary, 1e-6 * vocabulary);
  g_assert_cmpfloat_with_epsilon (
      w.custom_perplexity, prl_ngram_model_perplexity (model_a, tuning, NULL, NULL),
      1e-6);
  g_assert_cmpfloat (w.perplexity, <=, w.custom_perplexity + 1e-9);

  /* A useless one gets nearly none. */
  g_assert_true (prl_ngram_choose_weight (uniform_func, &vocabulary,
                                          prl_ngram_model_log_prob_func, model_a, tuning,
                                          NULL, &w, &error));
  g_test_message ("useless custom: lambda = %.4f", w.weight);
  g_assert_cmpfloat (w.weight, <=, 0.1);
  g_assert_cmpfloat (w.perplexity, <=, w.stock_perplexity + 1e-9);

  /* Two real models: the in-domain one gets more, and the mixture is no
   * worse than either. */
  g_assert_true (prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model_a,
                                          prl_ngram_model_log_prob_func, model_b, tuning,
                                          NULL, &w, &error));
  g_test_message (
      "in-domain custom vs other stock: lambda = %.4f, perplexity %.2f (%.2f, %.2f)",
      w.weight, w.perplexity, w.custom_perplexity, w.stock_perplexity);
  g_assert_cmpfloat (w.weight, >, 0.5);
  g_assert_cmpfloat (w.perplexity, <=, w.custom_perplexity + 1e-9);
  g_assert_cmpfloat (w.perplexity, <=, w.stock_perplexity + 1e-9);
  g_assert_cmpuint (w.n_tokens, ==, w.n_tokens);

  /* No tuning text: the documented default. */
  g_assert_true (prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model_a,
                                          prl_ngram_model_log_prob_func, model_b, NULL,
                                          NULL, &w, &error));
  g_assert_false (w.tuned);
  g_assert_cmpfloat (w.weight, ==, PRL_NGRAM_DEFAULT_WEIGHT);
  g_assert_true (isnan (w.perplexity));
  g_assert_true (prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model_a,
                                          prl_ngram_model_log_prob_func, model_b, empty,
                                          NULL, &w, &error));
  g_assert_false (w.tuned);
  g_assert_cmpfloat (w.weight, ==, PRL_NGRAM_DEFAULT_WEIGHT);

  g_cancellable_cancel (cancellable);
  g_assert_false (prl_ngram_choose_weight (prl_ngram_model_log_prob_func, model_a,
                                           prl_ngram_model_log_prob_func, model_b, tuning,
                                           cancellable, &w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A stock model by table: a and b and </s> known, anything else unknown
 * (ARPA's zero, as sphinxbase's view of the stock LM gives it). */
static double
table_func (const char *const *history,
            guint              n_history,
            const char        *word,
            gpointer           user_data)
{
  if (strcmp (word, "a") == 0)
    return log10 (0.1);
  if (strcmp (word, "b") == 0)
    return log10 (0.01);
  if (strcmp (word, PRL_NGRAM_EOS) == 0)
    return log10 (0.5);
  return PRL_NGRAM_LOG10_ZERO;
}

/* The stock figures shown instead of the plain stock perplexity, on two
 * sentences "a b zz" and "a": 6 tokens with the two </s>, 4 words, one of
 * them (zz) unknown. */
static void
test_weight_known_words (void)
{
  g_autoptr (GPtrArray) tuning
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr (GError) error = NULL;
  double         quarter = 4.0;
  PrlNgramWeight w;

  g_ptr_array_add (tuning, g_strsplit ("a b zz", " ", -1));
  g_ptr_array_add (tuning, g_strsplit ("a", " ", -1));
  g_assert_true (prl_ngram_choose_weight (uniform_func, &quarter, table_func, NULL,
                                          tuning, NULL, &w, &error));
  g_assert_no_error (error);
  g_assert_true (w.tuned);
  g_assert_cmpuint (w.n_tokens, ==, 6);
  g_assert_cmpuint (w.n_sentences, ==, 2);
  /* 1 word in 4 unknown. */
  g_assert_cmpfloat_with_epsilon (w.stock_oov_rate, 0.25, 1e-12);
  /* On the 5 known tokens: (0.1 · 0.01 · 0.5 · 0.1 · 0.5)^(-1/5) = 40000^(1/5). */
  g_assert_cmpfloat_with_epsilon (w.stock_known_perplexity, pow (40000.0, 0.2), 1e-9);
  /* The plain figure counts zz at 10^-99: (2.5e-5 · 1e-99)^(-1/6). */
  g_assert_cmpfloat_with_epsilon (log10 (w.stock_perplexity),
                                  (99.0 + log10 (40000.0)) / 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (w.custom_perplexity, 4.0, 1e-9);

  /* Everything known: the two stock figures agree and nothing is unknown. */
  g_ptr_array_set_size (tuning, 0);
  g_ptr_array_add (tuning, g_strsplit ("a b", " ", -1));
  g_assert_true (prl_ngram_choose_weight (uniform_func, &quarter, table_func, NULL,
                                          tuning, NULL, &w, &error));
  g_assert_cmpfloat (w.stock_oov_rate, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (w.stock_known_perplexity, w.stock_perplexity, 1e-9);

  /* Without tuning text: no figures. */
  g_assert_true (prl_ngram_choose_weight (uniform_func, &quarter, table_func, NULL, NULL,
                                          NULL, &w, &error));
  g_assert_true (isnan (w.stock_known_perplexity));
  g_assert_true (isnan (w.stock_oov_rate));
}

/* Run with -m perf: streams a generated 20 MB corpus (PRL_NGRAM_PERF_MB
 * to change it) into a counter and estimates a trigram model, reporting time
 * and peak memory. */
static void
test_perf (void)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (3);
  g_autoptr (PrlNgramModel) model = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileIOStream) io = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GString) line = g_string_new (NULL);
  const char *mb = g_getenv ("PRL_NGRAM_PERF_MB");
  guint64     size = (mb != NULL ? g_ascii_strtoull (mb, NULL, 10) : 20) * 1024 * 1024;
  guint64     bytes = 0, rss_before = peak_rss_kib ();
  double      t_count, t_estimate, t_write;
  TestSource  source;

  /* A third of the words at random, for about as many distinct trigrams as
   * real text of this size has. */
  test_source_init (&source, 20000, 0, 99);
  source.noise = 35;
  while (bytes < size)
    {
      g_auto (GStrv) words = test_source_sentence (&source);
      g_autofree char *joined = g_strjoinv (" ", words);

      prl_ngram_counter_add_line (counter, joined);
      bytes += strlen (joined) + 1;
    }
  test_source_clear (&source);
  t_count = g_timer_elapsed (timer, NULL);

  g_timer_start (timer);
  model = prl_ngram_estimate (counter, 3, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  t_estimate = g_timer_elapsed (timer, NULL);

  g_timer_start (timer);
  file = g_file_new_tmp ("parlance-XXXXXX.arpa", &io, &error);
  g_assert_no_error (error);
  out = g_object_ref (g_io_stream_get_output_stream (G_IO_STREAM (io)));
  g_assert_true (prl_ngram_model_write_arpa (model, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  t_write = g_timer_elapsed (timer, NULL);
  g_file_delete (file, NULL, NULL);

  g_test_message (
      "%" G_GUINT64_FORMAT " bytes, %" G_GUINT64_FORMAT " words, %u/%u/%u n-grams", bytes,
      prl_ngram_counter_get_n_words (counter), prl_ngram_model_get_n_ngrams (model, 1),
      prl_ngram_model_get_n_ngrams (model, 2), prl_ngram_model_get_n_ngrams (model, 3));
  g_test_message (
      "counting (incl. generating) %.2f s, estimating %.2f s, writing ARPA %.2f s; "
      "peak RSS %" G_GUINT64_FORMAT " MiB (%" G_GUINT64_FORMAT " MiB before)",
      t_count, t_estimate, t_write, peak_rss_kib () / 1024, rss_before / 1024);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ngram/counter", test_counter);
  g_test_add_func ("/ngram/counter/text", test_counter_text);
  g_test_add_func ("/ngram/mkn/hand-computed", test_hand_computed);
  g_test_add_func ("/ngram/mkn/fallback", test_fallback);
  g_test_add_func ("/ngram/mkn/sums-to-one", test_sums);
  g_test_add_func ("/ngram/errors", test_errors);
  g_test_add_func ("/ngram/arpa/backoff", test_arpa_backoff);
  g_test_add_func ("/ngram/arpa/deterministic", test_arpa_deterministic);
  g_test_add_func ("/ngram/cancel", test_cancel);
  g_test_add_func ("/ngram/perplexity", test_perplexity);
  g_test_add_func ("/ngram/weight", test_weight);
  g_test_add_func ("/ngram/weight/known-words", test_weight_known_words);
  if (g_test_perf ())
    g_test_add_func ("/ngram/perf/20mb", test_perf);

  return g_test_run ();
}
