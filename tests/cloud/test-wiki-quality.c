/* test-wiki-quality.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prl-wiki-quality-private.h"

/* Which pages the wiki fetch leaves out, on strings (no wiki needed). */

static const char english[]
    = "Beekeeping is the maintenance of bee colonies, commonly in man-made hives, by "
      "humans. Most such bees are honey bees in the genus Apis, but other "
      "honey-producing "
      "bees such as Melipona stingless bees are also kept. A beekeeper keeps bees in "
      "order "
      "to collect their honey and other products that the hive produces, to pollinate "
      "crops, or to produce bees for sale to other beekeepers.";

static const char german[]
    = "Die Imkerei ist die Haltung und Vermehrung von Honigbienen. Der Imker betreut die "
      "Völker über das ganze Jahr hinweg, erntet im Sommer den Honig und behandelt die "
      "Bienen im Herbst gegen die Varroamilbe. Früher lebten die Bienen in Körben aus "
      "Stroh, heute meist in Magazinbeuten aus Holz oder Kunststoff. Viele Imker halten "
      "ihre Bienen als Hobby im eigenen Garten, andere wandern mit ihren Völkern zu "
      "blühenden Feldern und Wäldern im ganzen Land.";

static void
test_disambiguation (void)
{
  g_assert_cmpint (
      prl_wiki_quality_classify ("Queen may refer to:\n"
                                 "Queen bee, the mother of a honey bee colony\n"
                                 "Queen regnant, a female monarch",
                                 "en"),
      ==, PRL_WIKI_SKIP_DISAMBIGUATION);
  g_assert_cmpint (prl_wiki_quality_classify ("\nHive may also refer to:\n\n"
                                              "Beehive, a home of bees\nHive (band)\n",
                                              NULL),
                   ==, PRL_WIKI_SKIP_DISAMBIGUATION);
  /* A real article that starts with such a line has long prose lines. */
  g_assert_cmpint (
      prl_wiki_quality_classify (
          "The word may refer to:\n"
          "The maintenance of bee colonies, commonly in "
          "man-made hives, by humans is the main topic of this long line of text "
          "that goes on and on.\nA second line that is again long prose about "
          "bees and their keepers in many lands over many years of history.",
          "en"),
      ==, PRL_WIKI_SKIP_NONE);
  /* "may refer to:" not on the first line is plain text. */
  g_assert_cmpint (prl_wiki_quality_classify (english, "en"), ==, PRL_WIKI_SKIP_NONE);
  g_assert_cmpint (
      prl_wiki_quality_classify ("Bees are insects.\nThe word may refer to:\nA\nB", "en"),
      ==, PRL_WIKI_SKIP_NONE);
}

static void
test_non_text (void)
{
  g_assert_cmpint (
      prl_wiki_quality_classify ("1998 4,512 kg 12.5 %\n1999 4,730 kg 13.1 %\n"
                                 "2000 5,002 kg 13.8 % Total",
                                 "en"),
      ==, PRL_WIKI_SKIP_NON_TEXT);
  g_assert_cmpint (prl_wiki_quality_classify ("   \n\t", "en"), ==,
                   PRL_WIKI_SKIP_NON_TEXT);
  g_assert_cmpint (prl_wiki_quality_classify ("== == == ** ** ||| 42", "en"), ==,
                   PRL_WIKI_SKIP_NON_TEXT);
  /* Some figures in prose are fine. */
  g_assert_cmpint (prl_wiki_quality_classify ("In 1998 the hive made 45 kg of honey, the "
                                              "most in ten years.",
                                              "en"),
                   ==, PRL_WIKI_SKIP_NONE);
}

static void
test_language (void)
{
  g_assert_cmpint (prl_wiki_quality_classify (german, "en"), ==, PRL_WIKI_SKIP_LANGUAGE);
  g_assert_cmpint (prl_wiki_quality_classify (german, "en-US"), ==,
                   PRL_WIKI_SKIP_LANGUAGE);
  g_assert_cmpint (prl_wiki_quality_classify (german, "en_GB"), ==,
                   PRL_WIKI_SKIP_LANGUAGE);
  /* Other languages are not checked; no language set, nothing checked. */
  g_assert_cmpint (prl_wiki_quality_classify (german, "de-DE"), ==, PRL_WIKI_SKIP_NONE);
  g_assert_cmpint (prl_wiki_quality_classify (german, NULL), ==, PRL_WIKI_SKIP_NONE);
  /* "eng…" is no "en". */
  g_assert_cmpint (prl_wiki_quality_classify (german, "enx"), ==, PRL_WIKI_SKIP_NONE);
  g_assert_cmpint (prl_wiki_quality_classify (english, "en-US"), ==, PRL_WIKI_SKIP_NONE);
  /* Under 40 words say too little to judge. */
  g_assert_cmpint (
      prl_wiki_quality_classify ("Die Imkerei ist die Haltung von Bienen.", "en"), ==,
      PRL_WIKI_SKIP_NONE);
}

static void
test_names (void)
{
  g_assert_cmpstr (prl_wiki_skip_to_string (PRL_WIKI_SKIP_DISAMBIGUATION), ==,
                   "disambiguation");
  g_assert_cmpstr (prl_wiki_skip_to_string (PRL_WIKI_SKIP_NON_TEXT), ==, "non-text");
  g_assert_cmpstr (prl_wiki_skip_to_string (PRL_WIKI_SKIP_LANGUAGE), ==, "language");
  g_assert_cmpstr (prl_wiki_skip_describe (PRL_WIKI_SKIP_LANGUAGE), !=,
                   prl_wiki_skip_describe (PRL_WIKI_SKIP_NON_TEXT));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wiki-quality/disambiguation", test_disambiguation);
  g_test_add_func ("/wiki-quality/non-text", test_non_text);
  g_test_add_func ("/wiki-quality/language", test_language);
  g_test_add_func ("/wiki-quality/names", test_names);
  return g_test_run ();
}
