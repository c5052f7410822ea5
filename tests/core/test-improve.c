/* test-improve.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prl-dataset.h"
#include "prl-improve.h"

/* The pieces of a self-heal round on literal transcripts: the missed words
 * picked (best system's, counted over every system, no short words), the
 * leak guard, and the significance of a round against the best before. */

static const char *refs[] = {
  "the patient has atrial fibrillation",
  "start apixaban today",
  "check the heart rate",
  "metoprolol for atrial flutter",
};
static const char *stock_hyps[] = {
  "the patient has a trial fib relation",
  "start up a band today",
  "check the heart rate",
  "met a prolog for a trial flutter",
};
static const char *version_hyps[] = {
  "the patient has atrial fibrillation",
  "start apixaban today",
  "check the heart",
  "metoprolol for atrial flutter",
};

static PrlEvalRun *
make_run (gboolean with_version)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);

  g_assert_no_error (error);
  for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
    {
      g_autofree char *id = g_strdup_printf ("utt%u", u + 1);

      prl_eval_run_add_utterance (run, id, refs[u], "/nowhere.wav");
    }
  prl_eval_run_add_system (run, NULL, NULL);
  for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
    prl_eval_run_set_result (run, 0, u, stock_hyps[u], NULL, FALSE);
  if (with_version)
    {
      guint s = prl_eval_run_add_system (run, "cardio-1", "en-us");

      for (guint u = 0; u < G_N_ELEMENTS (refs); u++)
        prl_eval_run_set_result (run, s, u, version_hyps[u], NULL, TRUE);
    }
  g_assert_true (prl_eval_run_score (run, &error));
  g_assert_no_error (error);
  return run;
}

static void
test_pick_words (void)
{
  g_autoptr (PrlEvalRun) stock = make_run (FALSE);
  g_autoptr (PrlEvalRun) both = make_run (TRUE);
  g_auto (GStrv) words = prl_improve_pick_words (stock, 10);
  g_auto (GStrv) few = prl_improve_pick_words (stock, 2);
  g_auto (GStrv) left = prl_improve_pick_words (both, 10);

  /* "atrial" is missed twice, the rest once; no short word is looked up. */
  g_assert_cmpstr (words[0], ==, "atrial");
  g_assert_true (g_strv_contains ((const char *const *)words, "apixaban"));
  g_assert_true (g_strv_contains ((const char *const *)words, "metoprolol"));
  g_assert_true (g_strv_contains ((const char *const *)words, "fibrillation"));
  for (guint i = 0; words[i] != NULL; i++)
    g_assert_cmpuint (g_utf8_strlen (words[i], -1), >=, 4);
  g_assert_cmpuint (g_strv_length (few), ==, 2);
  /* The version is best: only what it still misses, whatever stock missed. */
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==, "rate");
}

static void
test_leak_guard (void)
{
  g_autoptr (PrlEvalRun) run = make_run (TRUE);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  guint            dropped = 99;

  kept = prl_improve_drop_references (
      run,
      "Start Apixaban today! Other text stays here.\n"
      "The patient has atrial fibrillation.\n"
      "Check the heart rate, then rest. A patient has atrial fibrillation often\n",
      &dropped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dropped, ==, 2);
  g_assert_cmpstr (kept, ==,
                   "Other text stays here.\n"
                   "Check the heart rate, then rest. A patient has atrial fibrillation "
                   "often\n");

  g_clear_pointer (&kept, g_free);
  kept = prl_improve_drop_references (run, "Nothing here matches.", &dropped, &error);
  g_assert_cmpuint (dropped, ==, 0);
  g_assert_cmpstr (kept, ==, "Nothing here matches.\n");
}

static void
test_compare (void)
{
  g_autoptr (PrlEvalRun) run = make_run (TRUE);
  g_autoptr (GError) error = NULL;
  double   p = -2;
  gboolean significant = TRUE;

  g_assert_true (prl_improve_compare (run, NULL, "cardio-1", &p, &significant, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (p, >=, 0);
  g_assert_cmpfloat (p, <=, 1);
  g_assert_true (significant == (p < PRL_IMPROVE_ALPHA));

  /* Worse than the best before: never a gain, whatever the p-value. */
  g_assert_true (prl_improve_compare (run, "cardio-1", NULL, &p, &significant, &error));
  g_assert_false (significant);

  g_assert_false (prl_improve_compare (run, NULL, "cardio-9", &p, &significant, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "cardio-9"));
}

static PrlDataset *
text_dataset (const char *provenance)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  PrlDatasetInfo info = { 0 };

  info.started = now;
  info.ended = now;
  info.name = "wiki";
  info.type = PRL_DATASET_TYPE_TRANSCRIPT;
  info.sha256 = "0";
  info.uri = "";
  info.duration = -1;
  info.provenance = provenance;
  return prl_dataset_new (&info);
}

/* A wiki dataset's provenance gives its keywords (strings only) and
 * whether a self-heal round fetched it; anything else gives none. */
static void
test_dup_keywords (void)
{
  const char *bad[]
      = { NULL, "not json", "[1, 2]", "{\"keywords\": 5}", "{\"kind\": \"x\"}" };
  g_autoptr (PrlDataset) own = text_dataset (
      "{\"keywords\": [\"metoprolol\", 7, \"\", {\"a\": 1}, \"atrial\"]}");
  g_autoptr (PrlDataset) round
      = text_dataset ("{\"self_heal_round\": 2, \"keywords\": [\"apixaban\"]}");
  g_auto (GStrv) own_words = NULL;
  g_auto (GStrv) round_words = NULL;
  gboolean self_heal = TRUE;

  own_words = prl_improve_dup_keywords (own, &self_heal);
  g_assert_false (self_heal);
  g_assert_cmpuint (g_strv_length (own_words), ==, 3);
  g_assert_cmpstr (own_words[0], ==, "metoprolol");
  g_assert_cmpstr (own_words[1], ==, "");
  g_assert_cmpstr (own_words[2], ==, "atrial");

  round_words = prl_improve_dup_keywords (round, &self_heal);
  g_assert_true (self_heal);
  g_assert_cmpuint (g_strv_length (round_words), ==, 1);
  g_assert_cmpstr (round_words[0], ==, "apixaban");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PrlDataset) dataset = text_dataset (bad[i]);
      g_auto (GStrv) words = prl_improve_dup_keywords (dataset, &self_heal);

      g_assert_null (words);
    }
}

/* Rounds move on: the words earlier rounds looked up (from their
 * datasets' provenance, bad provenance passed over) come after the
 * others, and the words to skip are left out. */
static void
test_order_words (void)
{
  g_autoptr (PrlEvalRun) stock = make_run (FALSE);
  g_autoptr (GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) lookups = NULL;
  g_autoptr (GHashTable) skip = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) ranked = prl_improve_pick_words (stock, G_MAXUINT);
  g_auto (GStrv) ordered = NULL;
  g_auto (GStrv) skipped = NULL;
  guint n = g_strv_length (ranked);

  g_ptr_array_add (datasets, text_dataset ("{\"self_heal_round\": 1, \"keywords\": "
                                           "[\"atrial\", \"apixaban\", 7]}"));
  g_ptr_array_add (datasets, text_dataset ("{\"self_heal_round\": 2, \"keywords\": "
                                           "[\"atrial\"]}"));
  /* The model's own keywords are no lookup of a round. */
  g_ptr_array_add (datasets, text_dataset ("{\"keywords\": [\"metoprolol\"]}"));
  g_ptr_array_add (datasets, text_dataset ("not json"));
  g_ptr_array_add (datasets, text_dataset ("[1, 2]"));
  g_ptr_array_add (datasets, text_dataset ("{\"self_heal_round\": 3, \"keywords\": 5}"));
  g_ptr_array_add (datasets, text_dataset (NULL));
  lookups = prl_improve_count_lookups (datasets);
  g_assert_cmpuint (g_hash_table_size (lookups), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (lookups, "atrial")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (lookups, "apixaban")), ==, 1);

  ordered = prl_improve_order_words (stock, lookups, NULL);
  g_assert_cmpuint (g_strv_length (ordered), ==, n);
  g_assert_cmpstr (ranked[0], ==, "atrial");
  /* Looked up before: last, in their ranked order. */
  g_assert_cmpstr (ordered[n - 2], ==, "atrial");
  g_assert_cmpstr (ordered[n - 1], ==, "apixaban");
  for (guint i = 0; i < n - 2; i++)
    g_assert_null (g_hash_table_lookup (lookups, ordered[i]));

  g_hash_table_add (skip, (gpointer) "metoprolol");
  g_hash_table_add (skip, (gpointer) "atrial");
  skipped = prl_improve_order_words (stock, lookups, skip);
  g_assert_cmpuint (g_strv_length (skipped), ==, n - 2);
  g_assert_false (g_strv_contains ((const char *const *)skipped, "metoprolol"));
  g_assert_cmpstr (skipped[n - 3], ==, "apixaban");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/improve/pick-words", test_pick_words);
  g_test_add_func ("/improve/dup-keywords", test_dup_keywords);
  g_test_add_func ("/improve/order-words", test_order_words);
  g_test_add_func ("/improve/leak-guard", test_leak_guard);
  g_test_add_func ("/improve/compare", test_compare);
  return g_test_run ();
}
