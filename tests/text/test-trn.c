/* test-trn.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-trn"

#include "config.h"

#include <string.h>

#include "prl-text-error.h"
#include "prl-trn.h"

static PrlTrn *
parse (const char *name, const char *data, PrlTrnFormat format, GError **error)
{
  return prl_trn_parse (name, data, -1, format, error);
}

static void
assert_error_mentions (const GError *error, const char *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_trn_basic (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTrn) t = NULL;
  const PrlTrnEntry *e;

  t = parse ("ref.trn",
             "she had your dark suit (cmh_sa01)\r\n"
             "\n"
             "   (cmh_sa02)\n"
             "text (with parens) inside (spk-3)   \n",
             PRL_TRN_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prl_trn_get_format (t), ==, PRL_TRN_FORMAT_TRN);
  g_assert_cmpuint (prl_trn_get_n_entries (t), ==, 3);

  e = prl_trn_get_entry (t, 0);
  g_assert_cmpstr (e->id, ==, "cmh_sa01");
  g_assert_cmpstr (e->text, ==, "she had your dark suit");
  g_assert_cmpuint (e->line, ==, 1);

  e = prl_trn_lookup (t, "cmh_sa02");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->text, ==, "");
  g_assert_cmpuint (e->line, ==, 3);

  e = prl_trn_lookup (t, "spk-3");
  g_assert_cmpstr (e->text, ==, "text (with parens) inside");
}

static void
test_plain (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTrn) t = NULL;

  t = parse ("hyp.txt", "first line\n\nthird line\n\n\n", PRL_TRN_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prl_trn_get_format (t), ==, PRL_TRN_FORMAT_PLAIN);
  /* An empty line inside is an empty utterance; trailing blank lines are not. */
  g_assert_cmpuint (prl_trn_get_n_entries (t), ==, 3);
  g_assert_cmpstr (prl_trn_lookup (t, "2")->text, ==, "");
  g_assert_cmpstr (prl_trn_lookup (t, "3")->text, ==, "third line");
}

static void
test_bad_input (void)
{
  g_autoptr (PrlTrn) t = NULL;
  GError *error = NULL;

  t = parse ("ref.trn", "good line (a_1)\nbad \xC3\x28 text (a_2)\n", PRL_TRN_FORMAT_AUTO,
             &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_INVALID_UTF8);
  assert_error_mentions (error, "ref.trn:2");
  g_clear_error (&error);

  t = parse ("ref.trn", "one (a_1)\ntwo without id\n", PRL_TRN_FORMAT_AUTO, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_MISSING_ID);
  assert_error_mentions (error, "ref.trn:2");
  g_clear_error (&error);

  t = parse ("ref.trn", "one (a_1)\ntwo ()\n", PRL_TRN_FORMAT_TRN, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_MISSING_ID);
  g_clear_error (&error);

  t = parse ("hyp.trn", "one (a_1)\ntwo (a_2)\nthree (a_1)\n", PRL_TRN_FORMAT_AUTO,
             &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_DUPLICATE_ID);
  assert_error_mentions (error, "hyp.trn:3");
  assert_error_mentions (error, "line 1");
  g_clear_error (&error);

  t = parse ("empty.trn", "", PRL_TRN_FORMAT_AUTO, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_EMPTY_FILE);
  assert_error_mentions (error, "empty.trn");
  g_clear_error (&error);

  t = parse ("blank.txt", "\n  \n\n", PRL_TRN_FORMAT_AUTO, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_EMPTY_FILE);
  g_clear_error (&error);

  /* A NUL byte is not text. */
  t = prl_trn_parse ("nul.txt", "ab\0cd\n", 6, PRL_TRN_FORMAT_AUTO, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_INVALID_UTF8);
  assert_error_mentions (error, "nul.txt:1");
  g_clear_error (&error);
}

static void
test_pair_by_id (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTrn) ref = NULL;
  g_autoptr (PrlTrn) hyp = NULL;
  g_autoptr (GArray) pairs = NULL;
  const PrlTrnPair *p;

  ref = parse ("ref.trn", "a b (s_1)\nc d (s_2)\ne f (s_3)\n", PRL_TRN_FORMAT_AUTO,
               &error);
  hyp = parse ("hyp.trn", "e x (s_3)\na b (s_1)\nc (s_2)\n", PRL_TRN_FORMAT_AUTO, &error);
  g_assert_no_error (error);

  pairs = prl_trn_pair (ref, hyp, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);

  /* By id, not by position, in hypothesis order. */
  p = &g_array_index (pairs, PrlTrnPair, 0);
  g_assert_cmpstr (p->ref->id, ==, "s_3");
  g_assert_cmpstr (p->ref->text, ==, "e f");
  g_assert_cmpstr (p->hyp->text, ==, "e x");
  p = &g_array_index (pairs, PrlTrnPair, 2);
  g_assert_cmpstr (p->ref->text, ==, "c d");
  g_assert_cmpstr (p->hyp->text, ==, "c");
}

static void
test_pair_errors (void)
{
  g_autoptr (PrlTrn) ref = NULL;
  g_autoptr (PrlTrn) hyp = NULL;
  g_autoptr (PrlTrn) hyp2 = NULL;
  g_autoptr (PrlTrn) plain_a = NULL;
  g_autoptr (PrlTrn) plain_b = NULL;
  g_autoptr (GArray) pairs = NULL;
  GError *error = NULL;

  ref = parse ("ref.trn", "a (s_1)\nb (s_2)\n", PRL_TRN_FORMAT_AUTO, NULL);
  hyp = parse ("hyp.trn", "a (s_1)\nb (s_9)\n", PRL_TRN_FORMAT_AUTO, NULL);
  pairs = prl_trn_pair (ref, hyp, &error);
  g_assert_null (pairs);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNMATCHED_ID);
  assert_error_mentions (error, "hyp.trn:2");
  assert_error_mentions (error, "s_9");
  g_clear_error (&error);

  /* An id missing from the hypothesis is an error too. */
  hyp2 = parse ("hyp.trn", "a (s_1)\n", PRL_TRN_FORMAT_AUTO, NULL);
  pairs = prl_trn_pair (ref, hyp2, &error);
  g_assert_null (pairs);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNMATCHED_ID);
  assert_error_mentions (error, "ref.trn:2");
  g_clear_error (&error);

  plain_a = parse ("ref.txt", "one\ntwo\nthree\n", PRL_TRN_FORMAT_AUTO, NULL);
  plain_b = parse ("hyp.txt", "one\ntwo\n", PRL_TRN_FORMAT_AUTO, NULL);
  pairs = prl_trn_pair (plain_a, plain_b, &error);
  g_assert_null (pairs);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_LINE_COUNT);
  assert_error_mentions (error, "ref.txt:3");
  g_clear_error (&error);

  pairs = prl_trn_pair (ref, plain_b, &error);
  g_assert_null (pairs);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNMATCHED_ID);
  g_clear_error (&error);
}

static void
test_speaker (void)
{
  const struct
  {
    const char *id;
    const char *speaker;
  } cases[] = {
    { "spk1_u1", "spk1" },
    { "aa-2", "aa" },
    { "x-y_3", "x" },
    { "nosep", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *spk = prl_trn_speaker_for_id (cases[i].id);

      g_assert_cmpstr (spk, ==, cases[i].speaker);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/trn/basic", test_trn_basic);
  g_test_add_func ("/text/trn/plain", test_plain);
  g_test_add_func ("/text/trn/bad-input", test_bad_input);
  g_test_add_func ("/text/trn/pair-by-id", test_pair_by_id);
  g_test_add_func ("/text/trn/pair-errors", test_pair_errors);
  g_test_add_func ("/text/trn/speaker", test_speaker);

  return g_test_run ();
}
