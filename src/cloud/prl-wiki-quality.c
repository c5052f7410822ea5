/* prl-wiki-quality.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which fetched wiki pages are not training text: disambiguation pages
 * (lists of links to other pages), pages of mostly numbers or symbols
 * (tables, lists of results) and pages in another language than the
 * model's. Each would teach the model text unlike what it transcribes.
 */

#define G_LOG_DOMAIN "prl-wiki"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-wiki-quality-private.h"

/* Below this share of letters among non-space characters a page is a
 * table or a list of figures, not prose. */
#define MIN_LETTER_PERCENT 60
/* Too few words say nothing about the language. */
#define MIN_LANGUAGE_WORDS 40
/* English prose has some 40 % function words; other languages share
 * only a few ("a", "in"), far under this. */
#define MIN_FUNCTION_PERCENT 4
/* List lines of a disambiguation page are short; prose lines are not. */
#define MAX_LIST_LINE_WORDS 20

static const char *const english_function_words[] = {
  "the", "of",   "and", "in",  "to",    "is",   "a",    "was",  "for", "that", "with",
  "as",  "on",   "by",  "are", "it",    "from", "or",   "be",   "an",  "this", "which",
  "at",  "were", "not", "its", "their", "has",  "have", "they", NULL,
};

static gboolean
ends_with_refer (const char *line)
{
  g_autofree char *folded = g_utf8_casefold (line, -1);

  g_strstrip (folded);
  return g_str_has_suffix (folded, "may refer to:")
         || g_str_has_suffix (folded, "may also refer to:")
         || g_str_has_suffix (folded, "can refer to:");
}

static guint
count_words (const char *line)
{
  g_auto (GStrv) words = g_strsplit_set (line, " \t", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += *words[i] != '\0';
  return n;
}

/* The first line says "may refer to:" and most other lines are short
 * list entries; a long article that merely starts that way is kept. */
static gboolean
is_disambiguation (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = 0, n_short = 0;
  guint first = 0;

  while (lines[first] != NULL && *g_strstrip (lines[first]) == '\0')
    first++;
  if (lines[first] == NULL || !ends_with_refer (lines[first]))
    return FALSE;
  for (guint i = first + 1; lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) == '\0')
        continue;
      n_lines++;
      n_short += count_words (lines[i]) <= MAX_LIST_LINE_WORDS;
    }
  /* "Mostly": at least three quarters of the lines are list entries. */
  return n_short * 4 >= n_lines * 3;
}

static gboolean
is_non_text (const char *text)
{
  guint64 n_letters = 0, n_visible = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      n_visible++;
      n_letters += g_unichar_isalpha (c);
    }
  return n_visible == 0 || n_letters * 100 < n_visible * MIN_LETTER_PERCENT;
}

static gboolean
is_function_word (const char *word)
{
  for (guint i = 0; english_function_words[i] != NULL; i++)
    if (strcmp (word, english_function_words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Only English is checked: the function words of other languages are
 * not listed here, and a wrong guess would drop good text. */
static gboolean
is_other_language (const char *text, const char *language)
{
  g_autofree char *folded = NULL;
  GString         *word = g_string_new (NULL);
  guint            n_words = 0, n_function = 0;

  if (language == NULL || g_ascii_strncasecmp (language, "en", 2) != 0
      || (language[2] != '\0' && language[2] != '-' && language[2] != '_'))
    {
      g_string_free (word, TRUE);
      return FALSE;
    }
  folded = g_utf8_casefold (text, -1);
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalpha (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          n_words++;
          n_function += is_function_word (word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return n_words >= MIN_LANGUAGE_WORDS
         && n_function * 100 < n_words * MIN_FUNCTION_PERCENT;
}

/**
 * prl_wiki_quality_classify:
 * @text: a page's plain text
 * @language: (nullable): the model's language ("en", "de-DE"), or %NULL
 *
 * Returns: why the page is no training text, or %PRL_WIKI_SKIP_NONE
 */
PrlWikiSkip
prl_wiki_quality_classify (const char *text, const char *language)
{
  g_return_val_if_fail (text != NULL, PRL_WIKI_SKIP_NONE);

  if (is_disambiguation (text))
    return PRL_WIKI_SKIP_DISAMBIGUATION;
  if (is_non_text (text))
    return PRL_WIKI_SKIP_NON_TEXT;
  if (is_other_language (text, language))
    return PRL_WIKI_SKIP_LANGUAGE;
  return PRL_WIKI_SKIP_NONE;
}

/* The stable name for JSON output. */
const char *
prl_wiki_skip_to_string (PrlWikiSkip skip)
{
  switch (skip)
    {
    case PRL_WIKI_SKIP_DISAMBIGUATION:
      return "disambiguation";
    case PRL_WIKI_SKIP_NON_TEXT:
      return "non-text";
    case PRL_WIKI_SKIP_LANGUAGE:
      return "language";
    case PRL_WIKI_SKIP_NONE:
    default:
      return "none";
    }
}

/* The reason for people. */
const char *
prl_wiki_skip_describe (PrlWikiSkip skip)
{
  switch (skip)
    {
    case PRL_WIKI_SKIP_DISAMBIGUATION:
      return _ ("a disambiguation page");
    case PRL_WIKI_SKIP_NON_TEXT:
      return _ ("mostly numbers or symbols, not text");
    case PRL_WIKI_SKIP_LANGUAGE:
      return _ ("in another language than the model’s");
    case PRL_WIKI_SKIP_NONE:
    default:
      return _ ("kept");
    }
}
