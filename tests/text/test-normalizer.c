/* test-normalizer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-normalizer"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "prl-normalizer.h"
#include "prl-text-error.h"

static char *
normalize (const char *profile, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new (profile, &error);
  g_auto (GStrv) words = NULL;

  g_assert_no_error (error);
  words = prl_normalizer_normalize (norm, text);
  return g_strjoinv ("|", words);
}

#define assert_normalized(profile, text, expected)                                       \
  G_STMT_START                                                                           \
  {                                                                                      \
    g_autofree char *got_ = normalize (profile, text);                                   \
    g_assert_cmpstr (got_, ==, expected);                                                \
  }                                                                                      \
  G_STMT_END

static void
test_profiles_raw (void)
{
  /* "none" is sclite -s: white space only, nothing else touched. */
  assert_normalized ("none", "  Hello,  World!\tUm ", "Hello,|World!|Um");
  assert_normalized ("none", "", "");
  /* "sclite" folds ASCII case only, like sclite's default. */
  assert_normalized ("sclite", "Über CAFÉ Hello", "Über|cafÉ|hello");
  /* A no-break space is not a separator for sclite. */
  assert_normalized ("none",
                     "a\xC2\xA0"
                     "b c",
                     "a\xC2\xA0"
                     "b|c");
}

static void
test_case_and_punctuation (void)
{
  assert_normalized ("default", "Hello, World! ÜBER.", "hello|world|über");
  assert_normalized ("default", "don't stop — it's state-of-the-art.",
                     "don't|stop|it's|state-of-the-art");
  assert_normalized ("default", "'quoted' rock-", "quoted|rock");
  assert_normalized ("default", "The U.S. isn’t", "the|us|isn't");
  assert_normalized ("default", "either/or", "either|or");
}

static void
test_configurable_punctuation (void)
{
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", NULL);
  g_auto (GStrv) words = NULL;
  g_autofree char *joined = NULL;

  prl_normalizer_set_flags (
      norm, prl_normalizer_get_flags (norm)
                & ~(PRL_NORMALIZE_KEEP_HYPHENS | PRL_NORMALIZE_KEEP_APOSTROPHES));
  words = prl_normalizer_normalize (norm, "Don't re-enter");
  joined = g_strjoinv ("|", words);
  g_assert_cmpstr (joined, ==, "dont|re|enter");

  /* Changing the rules changes the identity stored with scores. */
  g_assert_true (g_str_has_prefix (prl_normalizer_get_identity (norm), "default@1+"));
}

static void
test_fillers (void)
{
  assert_normalized ("default", "Um, I uh think UMM so", "i|think|so");
  /* Whole tokens only: never inside a word. */
  assert_normalized ("default", "umbrella uhura summer erm", "umbrella|uhura|summer");
  assert_normalized ("none", "um uh", "um|uh");
}

static void
test_bracketed (void)
{
  assert_normalized ("default", "[noise] hello (laughs) there <unk> {breath} you",
                     "hello|there|you");
  /* An unbalanced bracket is punctuation, not a span to drop. */
  assert_normalized ("default", "hello (there", "hello|there");
}

static void
test_numbers (void)
{
  /* "50", "fifty" and "5 0" compare equal. */
  assert_normalized ("default", "50", "50");
  assert_normalized ("default", "fifty", "50");
  assert_normalized ("default", "5 0", "50");
  assert_normalized ("default", "five zero", "50");
  assert_normalized ("default", "twenty-one and twenty one", "21|and|21");
  assert_normalized ("default", "one hundred and five", "105");
  assert_normalized ("default", "a thousand people", "1000|people");
  assert_normalized ("default", "two million three hundred thousand", "2300000");
  assert_normalized ("default", "1,000 and 3.5 million", "1000|and|3500000");
  /* Ordinals. */
  assert_normalized ("default", "the twenty first century", "the|21st|century");
  assert_normalized ("default", "the 21st century", "the|21st|century");
  assert_normalized ("default", "first second third", "1st|second|3rd");
  assert_normalized ("default", "one hundredth", "100th");
  /* Years. */
  assert_normalized ("default", "in nineteen ninety nine", "in|1999");
  assert_normalized ("default", "in 1999", "in|1999");
  assert_normalized ("default", "twenty twenty", "2020");
  assert_normalized ("default", "nineteen oh five", "1905");
  assert_normalized ("default", "two thousand and five", "2005");
  /* Decimals and percentages. */
  assert_normalized ("default", "three point one four", "3.14");
  assert_normalized ("default", "3.14", "3.14");
  assert_normalized ("default", "fifty percent", "50%");
  assert_normalized ("default", "50 %", "50%");
  assert_normalized ("default", "50%", "50%");
  /* Currency. */
  assert_normalized ("default", "five dollars", "$5");
  assert_normalized ("default", "$5", "$5");
  assert_normalized ("default", "five dollars and fifty cents", "$5.50");
  assert_normalized ("default", "$5.50", "$5.50");
  assert_normalized ("default", "fifty cents", "$0.50");
  assert_normalized ("default", "twenty euros", "€20");
  /* Words that only look like numbers stay. */
  assert_normalized ("default", "oh no a second", "oh|no|a|second");
  assert_normalized ("default", "someone", "someone");
  /* Digits read out one by one. */
  assert_normalized ("default", "call one oh one", "call|101");
}

static void
test_contractions (void)
{
  assert_normalized ("default", "can't won't", "can't|won't");
  assert_normalized ("lenient", "can't won't they're I'd it's John's",
                     "can|not|will|not|they|are|i|would|it|is|john's");
  assert_normalized ("lenient", "state-of-the-art", "state|of|the|art");
}

static void
test_word_map (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlNormalizer) norm = prl_normalizer_new ("default", &error);
  g_autofree char *path = NULL;
  g_autofree char *joined = NULL;
  g_auto (GStrv) words = NULL;
  const char *base_identity;
  int         fd;

  g_assert_no_error (error);
  base_identity = "default@1";
  g_assert_cmpstr (prl_normalizer_get_identity (norm), ==, base_identity);

  fd = g_file_open_tmp ("prl-word-map-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "# user words\nOK = okay\n\ngonna = going to\n", -1, &error);
  g_assert_no_error (error);

  g_assert_true (prl_normalizer_load_word_map (norm, path, &error));
  g_assert_no_error (error);
  words = prl_normalizer_normalize (norm, "OK I'm gonna go, okay");
  joined = g_strjoinv ("|", words);
  g_assert_cmpstr (joined, ==, "okay|i'm|going|to|go|okay");
  g_assert_cmpstr (prl_normalizer_get_identity (norm), !=, base_identity);
  g_assert_true (g_str_has_prefix (prl_normalizer_get_identity (norm), "default@1+"));

  /* A bad line names the file and the line, and adds nothing. */
  g_file_set_contents (path, "a = b\nno equals sign here\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (prl_normalizer_load_word_map (norm, path, &error));
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_INVALID_WORD_MAP);
  g_assert_nonnull (strstr (error->message, ":2:"));

  g_unlink (path);
}

static void
test_identity (void)
{
  const char *const *names = prl_normalizer_list_profiles ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlNormalizer) bad = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (PrlNormalizer) norm = prl_normalizer_new (names[i], &error);
      g_autofree char *expected
          = g_strdup_printf ("%s@%u", names[i], prl_normalizer_get_version (norm));

      g_assert_no_error (error);
      g_assert_cmpstr (prl_normalizer_get_identity (norm), ==, expected);
      g_assert_nonnull (prl_normalizer_describe_profile (names[i]));
    }

  bad = prl_normalizer_new ("no-such-profile", &error);
  g_assert_null (bad);
  g_assert_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNKNOWN_PROFILE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/normalizer/raw-profiles", test_profiles_raw);
  g_test_add_func ("/text/normalizer/case-and-punctuation", test_case_and_punctuation);
  g_test_add_func ("/text/normalizer/configurable-punctuation",
                   test_configurable_punctuation);
  g_test_add_func ("/text/normalizer/fillers", test_fillers);
  g_test_add_func ("/text/normalizer/bracketed", test_bracketed);
  g_test_add_func ("/text/normalizer/numbers", test_numbers);
  g_test_add_func ("/text/normalizer/contractions", test_contractions);
  g_test_add_func ("/text/normalizer/word-map", test_word_map);
  g_test_add_func ("/text/normalizer/identity", test_identity);

  return g_test_run ();
}
