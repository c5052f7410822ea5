/* test-keywords.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"

/* prl_workspace_propose_keywords_async(): keywords from a model's own
 * text, ranked against the embedded engine's stock dictionary and LM. */

static char **
propose (Fixture *f, guint max, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_workspace_propose_keywords_async (f->ws, f->model, max, NULL, store_result_cb,
                                        &result);
  return prl_workspace_propose_keywords_finish (f->ws, wait_for (&result), error);
}

static void
test_propose (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) none = NULL;
  g_auto (GStrv) proposed = NULL;
  g_auto (GStrv) two = NULL;

  fixture_open (&f, "prl-keywords-XXXXXX");

  /* No text yet: says what to do. */
  none = propose (&f, 10, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "type keywords"));
  g_clear_error (&error);

  add_text (&f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "The varroa count in the apiary was high this week.\n"
            "We treated the colony with oxalic acid against varroa.\n"
            "The varroa mites fell on the sticky board after the oxalic treatment.\n"
            "The queen was laying and the brood looked healthy.\n"
            "We will count the varroa again next week in the apiary.\n");
  add_text (&f, PRL_DATASET_TYPE_TEST, "visit.txt",
            "the oxalic acid treatment worked and the apiary is calm\n");

  proposed = propose (&f, 20, &error);
  g_assert_no_error (error);
  for (guint i = 0; proposed[i] != NULL; i++)
    g_test_message ("proposed: %s", proposed[i]);
  /* Not in the stock dictionary: first, the most frequent first. */
  g_assert_cmpstr (proposed[0], ==, "varroa");
  /* Known but far more frequent here than in everyday English. */
  g_assert_true (g_strv_contains ((const char *const *)proposed, "oxalic"));
  g_assert_true (g_strv_contains ((const char *const *)proposed, "apiary"));
  /* Everyday words never, however frequent; nor words said once. */
  g_assert_false (g_strv_contains ((const char *const *)proposed, "the"));
  g_assert_false (g_strv_contains ((const char *const *)proposed, "week"));
  g_assert_false (g_strv_contains ((const char *const *)proposed, "again"));
  g_assert_false (g_strv_contains ((const char *const *)proposed, "healthy"));

  two = propose (&f, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "varroa");

  fixture_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  use_local ();
  g_test_add_func ("/keywords/propose", test_propose);
  return g_test_run ();
}
