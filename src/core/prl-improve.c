/* prl-improve.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pieces of a self-heal round that do not depend on where text comes
 * from, shared by the CLI's `improve` and the app: which missed words to
 * look up, the leak guard that keeps test references out of training text,
 * and whether a round's new version is a significant gain over the best
 * one before it (the WER service's matched-pairs test, or its sign test
 * when there are too few segments, as the leaderboard's p-values).
 */

#define G_LOG_DOMAIN "prl-improve"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "prl-dataset.h"
#include "prl-improve.h"
#include "prl-version.h"
#include "prl-normalizer.h"
#include "prl-wer-stats.h"

/* Shorter words are function words ("the", "of"): looking them up on a
 * wiki brings text about everything. */
#define MIN_WORD_CHARS 4

typedef struct
{
  const char *word;
  guint       count;
} Tally;

static int
tally_cmp (gconstpointer a, gconstpointer b)
{
  const Tally *ta = *(const Tally *const *)a;
  const Tally *tb = *(const Tally *const *)b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return g_strcmp0 (ta->word, tb->word);
}

/**
 * prl_improve_pick_words:
 * @run: a scored evaluation (stored results of every past run)
 * @max: how many words at most
 *
 * The words the best system still misses, ranked by how often they were
 * missed over every system of @run (the stock model and each version), so
 * that a word every round keeps missing comes first.
 *
 * Returns: (transfer full): a %NULL-terminated list, empty when the best
 *   system misses nothing worth looking up
 */
char **
prl_improve_pick_words (PrlEvalRun *run, guint max)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) best_missed = NULL;
  g_autoptr (GPtrArray) all_missed
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) tallies = g_ptr_array_new_with_free_func (g_free);
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **words;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (run), NULL);

  best_missed = prl_eval_run_get_missed_words (run, prl_eval_run_get_best_system (run));
  for (guint i = 0; i < best_missed->len; i++)
    {
      PrlWordCount *wc = g_ptr_array_index (best_missed, i);

      if (g_utf8_strlen (wc->word, -1) >= MIN_WORD_CHARS)
        g_hash_table_insert (counts, wc->word, GUINT_TO_POINTER (0));
    }
  for (guint s = 0; s < prl_eval_run_get_n_systems (run); s++)
    {
      GPtrArray *missed;

      if (prl_eval_run_get_row (run, s)->foreign)
        continue;
      missed = prl_eval_run_get_missed_words (run, s);
      g_ptr_array_add (all_missed, missed);
      for (guint i = 0; i < missed->len; i++)
        {
          PrlWordCount *wc = g_ptr_array_index (missed, i);
          gpointer      old;

          if (g_hash_table_lookup_extended (counts, wc->word, NULL, &old))
            g_hash_table_insert (counts, wc->word,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + wc->count));
        }
    }

  {
    GHashTableIter iter;
    gpointer       key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        Tally *t = g_new (Tally, 1);

        t->word = key;
        t->count = GPOINTER_TO_UINT (value);
        g_ptr_array_add (tallies, t);
      }
  }
  g_ptr_array_sort (tallies, tally_cmp);
  for (guint i = 0; i < tallies->len && i < max; i++)
    g_strv_builder_add (builder, ((Tally *)g_ptr_array_index (tallies, i))->word);
  words = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return words;
}

/**
 * prl_improve_dup_keywords:
 * @dataset: a dataset, typically fetched from a wiki
 * @self_heal_round: (out): whether a self-heal round fetched it (its
 *   keywords are then words the model missed, not its topic)
 *
 * The "keywords" a wiki dataset's provenance records (see
 * prl_wiki_fetch_job_dup_provenance()); the self-heal job, its dialog and
 * prl_improve_count_lookups() all read them.
 *
 * Returns: (transfer full) (nullable): the string keywords, or %NULL when
 *   the provenance is no JSON object with a "keywords" array
 */
char **
prl_improve_dup_keywords (PrlDataset *dataset, gboolean *self_heal_round)
{
  const char *provenance = prl_dataset_get_provenance (dataset);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonObject *o;
  JsonArray  *keywords;

  if (provenance == NULL || !json_parser_load_from_data (parser, provenance, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (o, "keywords")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "keywords")))
    return NULL;
  *self_heal_round = json_object_has_member (o, "self_heal_round");
  keywords = json_object_get_array_member (o, "keywords");
  builder = g_strv_builder_new ();
  for (guint j = 0; j < json_array_get_length (keywords); j++)
    {
      JsonNode *node = json_array_get_element (keywords, j);

      if (JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/**
 * prl_improve_count_lookups:
 * @datasets: (element-type PrlDataset): a model's datasets
 *
 * How often the model's earlier self-heal rounds looked each word up,
 * from the "keywords" of their datasets' provenance (those with
 * "self_heal_round"); provenance that is no such JSON is passed over.
 *
 * Returns: (transfer full): word → count (GUINT_TO_POINTER)
 */
GHashTable *
prl_improve_count_lookups (GPtrArray *datasets)
{
  GHashTable *lookups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      gboolean self_heal = FALSE;
      g_auto (GStrv) words
          = prl_improve_dup_keywords (g_ptr_array_index (datasets, i), &self_heal);

      for (guint j = 0; self_heal && words != NULL && words[j] != NULL; j++)
        g_hash_table_insert (
            lookups, g_strdup (words[j]),
            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (lookups, words[j]))
                              + 1));
    }
  return lookups;
}

/**
 * prl_improve_order_words:
 * @run: a scored evaluation
 * @lookups: from prl_improve_count_lookups()
 * @skip: (nullable): a set of words to leave out
 *
 * Every missed word to try, best first, so that rounds move on through
 * them: those no round looked up yet before those an earlier round did
 * (whose pages the model likely has), each group in the order of
 * prl_improve_pick_words().
 *
 * Returns: (transfer full): a %NULL-terminated list
 */
char **
prl_improve_order_words (PrlEvalRun *run, GHashTable *lookups, GHashTable *skip)
{
  g_auto (GStrv) ranked = prl_improve_pick_words (run, G_MAXUINT);
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **words;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; ranked[i] != NULL; i++)
      if ((skip == NULL || !g_hash_table_contains (skip, ranked[i]))
          && g_hash_table_contains (lookups, ranked[i]) == (pass == 1))
        g_strv_builder_add (builder, ranked[i]);
  words = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return words;
}

static char *
normalized (PrlNormalizer *normalizer, const char *text)
{
  g_auto (GStrv) words = prl_normalizer_normalize (normalizer, text);

  return words != NULL && words[0] != NULL ? g_strjoinv (" ", words) : NULL;
}

/* Appends the sentences of @line that are no test reference. A sentence
 * ends at . ! or ? before a space or the line's end. */
static void
filter_line (PrlNormalizer *normalizer,
             GHashTable    *references,
             const char    *line,
             GString       *out,
             guint         *n_dropped)
{
  g_autoptr (GString) kept = g_string_new (NULL);
  const char *start = line;

  while (*start != '\0')
    {
      const char      *end = start;
      g_autofree char *sentence = NULL;
      g_autofree char *norm = NULL;

      while (*end != '\0'
             && !((*end == '.' || *end == '!' || *end == '?')
                  && (end[1] == ' ' || end[1] == '\0')))
        end++;
      if (*end != '\0')
        end++;
      sentence = g_strstrip (g_strndup (start, end - start));
      norm = normalized (normalizer, sentence);
      if (norm != NULL && g_hash_table_contains (references, norm))
        (*n_dropped)++;
      else if (*sentence != '\0')
        {
          if (kept->len > 0)
            g_string_append_c (kept, ' ');
          g_string_append (kept, sentence);
        }
      start = end;
    }
  if (kept->len > 0)
    {
      g_string_append (out, kept->str);
      g_string_append_c (out, '\n');
    }
}

/**
 * prl_improve_drop_references:
 * @run: the evaluation whose test references must stay out of training
 * @text: fetched text, a paragraph a line
 * @n_dropped: (out): how many sentences were dropped
 * @error: when the run's normalization profile is unknown
 *
 * The leak guard: training on a test reference would make the test
 * meaningless, so every sentence of @text that equals a reference of @run
 * once both are normalized with the run's profile is left out.
 *
 * Returns: (transfer full) (nullable): the text without them
 */
char *
prl_improve_drop_references (PrlEvalRun *run,
                             const char *text,
                             guint      *n_dropped,
                             GError    **error)
{
  g_autoptr (PrlNormalizer) normalizer = NULL;
  g_autoptr (GHashTable) references
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) lines = NULL;
  g_autofree char *profile = NULL;
  GString         *out;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (run), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (n_dropped != NULL, NULL);

  *n_dropped = 0;
  /* The run names its profile with the version it was scored with
   * ("default@1"); the normalizer takes the name. */
  profile = g_strdup (prl_eval_run_get_profile (run));
  if (strchr (profile, '@') != NULL)
    *strchr (profile, '@') = '\0';
  if (!(normalizer = prl_normalizer_new (profile, error)))
    return NULL;
  for (guint i = 0; i < prl_eval_run_get_n_utterances (run); i++)
    {
      char *norm = normalized (normalizer, prl_eval_run_get_reference (run, i));

      if (norm != NULL)
        g_hash_table_add (references, norm);
    }
  out = g_string_new (NULL);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    filter_line (normalizer, references, lines[i], out, n_dropped);
  return g_string_free (out, FALSE);
}

static gboolean
find_system (PrlEvalRun *run, const char *version, guint *system, GError **error)
{
  for (guint i = 0; i < prl_eval_run_get_n_systems (run); i++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (run, i);

      if (!row->foreign && g_strcmp0 (row->version, version) == 0)
        {
          *system = i;
          return TRUE;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _ ("Version “%s” is not on the leaderboard"),
               version != NULL ? version : _ ("stock"));
  return FALSE;
}

/**
 * prl_improve_compare:
 * @old_version: (nullable): the best version before the round, %NULL for
 *   the stock model
 * @new_version: the round's version
 * @p_value: (out): the test's two-tailed p-value, or -1 when neither test
 *   applies (too little data)
 * @significant: (out): whether @new_version has the lower WER with
 *   p < %PRL_IMPROVE_ALPHA
 *
 * Returns: %FALSE when a version is not on the leaderboard of @run
 */
gboolean
prl_improve_compare (PrlEvalRun *run,
                     const char *old_version,
                     const char *new_version,
                     double     *p_value,
                     gboolean   *significant,
                     GError    **error)
{
  guint       old_system, new_system;
  PrlMapsswe  mapsswe;
  PrlSignTest sign;
  double      p = -1;

  g_return_val_if_fail (PRL_IS_EVAL_RUN (run), FALSE);

  if (!find_system (run, old_version, &old_system, error)
      || !find_system (run, new_version, &new_system, error))
    return FALSE;
  if (prl_wer_mapsswe (prl_eval_run_get_corpus (run, old_system),
                       prl_eval_run_get_corpus (run, new_system), &mapsswe, NULL)
      && mapsswe.n_segments >= 2)
    p = mapsswe.p_value;
  else if (prl_wer_sign_test (prl_eval_run_get_corpus (run, old_system),
                              prl_eval_run_get_corpus (run, new_system), &sign, NULL))
    p = sign.p_value;
  *p_value = p;
  *significant = p >= 0 && p < PRL_IMPROVE_ALPHA
                 && prl_eval_run_get_row (run, new_system)->wer
                        < prl_eval_run_get_row (run, old_system)->wer;
  return TRUE;
}

/* What one wiki dataset brought: "Improve 2: +3 pages, 2140 words
 * (words: varroa, supers)", or for keywords' text "Wiki: +2 pages, 193
 * words (keywords: atrial fibrillation)"; %NULL for other datasets. */
static char *
describe_dataset (PrlDataset *dataset)
{
  const char *provenance = prl_dataset_get_provenance (dataset);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) keywords = g_ptr_array_new ();
  JsonObject *o;
  guint       n_pages = 0;
  gint64      round, dropped;

  if (provenance == NULL || !json_parser_load_from_data (parser, provenance, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "kind", ""), "mediawiki")
      != 0)
    return NULL;
  if (json_object_has_member (o, "pages")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "pages")))
    n_pages = json_array_get_length (json_object_get_array_member (o, "pages"));
  if (json_object_has_member (o, "keywords")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "keywords")))
    {
      JsonArray *array = json_object_get_array_member (o, "keywords");

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (json_node_get_string (json_array_get_element (array, i)) != NULL)
          g_ptr_array_add (keywords, (gpointer)json_node_get_string (
                                         json_array_get_element (array, i)));
    }
  g_ptr_array_add (keywords, NULL);
  round = json_object_get_int_member_with_default (o, "self_heal_round", 0);
  dropped = json_object_get_int_member_with_default (o, "dropped_test_sentences", 0);
  {
    g_autofree char *list = g_strjoinv (", ", (char **)keywords->pdata);
    /* Formatted first: a G_GUINT64_FORMAT inside _() cannot be extracted. */
    g_autofree char *n_words
        = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_dataset_get_n_words (dataset));

    if (round > 0)
      /* Translators: what a self-heal round added to a version: the
       * round, pages and words of wiki text, the missed words it looked up */
      g_string_printf (out, _ ("Improve %u: +%u pages, %s words (words: %s)"),
                       (guint)round, n_pages, n_words, list);
    else
      /* Translators: what wiki text added to a version: pages, words, and
       * the keywords it was fetched for */
      g_string_printf (out, _ ("Wiki: +%u pages, %s words (keywords: %s)"), n_pages,
                       n_words, list);
  }
  if (dropped > 0)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "; %u test reference left out",
                                         "; %u test references left out", dropped),
                            (guint)dropped);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
version_id_cmp (gconstpointer a, gconstpointer b)
{
  gint64 ia = prl_version_get_id (*(PrlVersion *const *)a);
  gint64 ib = prl_version_get_id (*(PrlVersion *const *)b);

  return ia < ib ? -1 : ia > ib;
}

/**
 * prl_improve_describe_versions:
 * @versions: (element-type PrlVersion): a model's versions
 * @datasets: (element-type PrlDataset): its datasets
 *
 * For the leaderboard: the wiki text each version was trained on that
 * the version before it was not (a self-heal round's, or the keywords'),
 * so that every round's row says what it added.
 *
 * Returns: (transfer full) (element-type utf8 utf8): version name to
 *   description; versions that added no wiki text are not in it
 */
GHashTable *
prl_improve_describe_versions (GPtrArray *versions, GPtrArray *datasets)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  const char *const *before = NULL;

  /* Not g_ptr_array_copy(): the copy would unref the versions too. */
  g_ptr_array_extend (sorted, versions, NULL, NULL);
  g_ptr_array_sort (sorted, version_id_cmp);
  for (guint v = 0; v < sorted->len; v++)
    {
      PrlVersion        *version = g_ptr_array_index (sorted, v);
      const char *const *hashes = prl_version_get_dataset_hashes (version);
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint d = 0; hashes != NULL && d < datasets->len; d++)
        {
          PrlDataset      *dataset = g_ptr_array_index (datasets, d);
          const char      *sha = prl_dataset_get_sha256 (dataset);
          g_autofree char *described = NULL;

          if (sha == NULL || !g_strv_contains (hashes, sha)
              || (before != NULL && g_strv_contains (before, sha))
              || !(described = describe_dataset (dataset)))
            continue;
          if (text->len > 0)
            g_string_append (text, "; ");
          g_string_append (text, described);
        }
      if (text->len > 0)
        g_hash_table_insert (out, g_strdup (prl_version_get_name (version)),
                             g_string_free (g_steal_pointer (&text), FALSE));
      before = hashes;
    }
  return out;
}
