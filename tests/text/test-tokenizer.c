/* test-tokenizer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tokenizer"

#include "config.h"

#include "prl-tokenizer.h"

/* prl_count_words() counts what the wiki dialog and the CLI show: runs
 * between spaces, tabs and newlines, however many of them stand together. */
static void
test_count_words (void)
{
  g_assert_cmpuint (prl_count_words (""), ==, 0);
  g_assert_cmpuint (prl_count_words (" \t\n "), ==, 0);
  g_assert_cmpuint (prl_count_words ("one"), ==, 1);
  g_assert_cmpuint (prl_count_words ("  one  two\t\tthree\n\nfour "), ==, 4);
  /* Only those three separate words: a carriage return does not. */
  g_assert_cmpuint (prl_count_words ("a\rb c"), ==, 2);
  g_assert_cmpuint (prl_count_words ("Käse\u00a0und Brot"), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/tokenizer/count-words", test_count_words);
  return g_test_run ();
}
