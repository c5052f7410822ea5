/* prl-pronouncer-spell.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-pronouncer"

#include "config.h"

#include "prl-pronouncer.h"

/*
 * Letter-by-letter pronunciations. Training text writes acronyms such as
 * "APU" or "NDT" as words, and normalizing folds their case, so espeak-ng
 * reads "apu" as a word (AH P UW) while people say the letters. Short new
 * words therefore get the spelled form as a second variant; the decoder
 * picks whichever the audio matches (docs/accuracy.md measures it).
 */

/* The names of the letters a to z, as CMUdict says them. */
static const char *const letter_names[26] = {
  "EY",
  "B IY",
  "S IY",
  "D IY",
  "IY",
  "EH F",
  "JH IY",
  "EY CH",
  "AY",
  "JH EY",
  "K EY",
  "EH L",
  "EH M",
  "EH N",
  "OW",
  "P IY",
  "K Y UW",
  "AA R",
  "EH S",
  "T IY",
  "Y UW",
  "V IY",
  "D AH B AH L Y UW",
  "EH K S",
  "W AY",
  "Z IY",
};

/**
 * prl_pronouncer_spell:
 * @word: a word
 *
 * Returns: (transfer full) (nullable): the ARPAbet phones of @word said
 *   letter by letter, or %NULL when @word is not made of the letters a–z
 *   only (whatever their case)
 */
char *
prl_pronouncer_spell (const char *word)
{
  g_autoptr (GString) phones = g_string_new (NULL);

  g_return_val_if_fail (word != NULL, NULL);

  if (word[0] == '\0')
    return NULL;
  for (const char *p = word; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c < 'a' || c > 'z')
        return NULL;
      if (phones->len > 0)
        g_string_append_c (phones, ' ');
      g_string_append (phones, letter_names[c - 'a']);
    }

  return g_string_free (g_steal_pointer (&phones), FALSE);
}
