/* prl-tokenizer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-tokenizer"

#include "config.h"

#include <string.h>

#include "prl-tokenizer.h"

static inline gboolean
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* For the packed tokenizer: 1 for white space, 2 for the end of the text. */
static const guint8 byte_class[256] = {
  ['\0'] = 2, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\v'] = 1, ['\f'] = 1,
};

/* For the packed tokenizer: ASCII letters folded, other bytes unchanged. */
static guint8 fold_table[256];

static void
init_fold_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint c = 0; c < 256; c++)
        fold_table[c] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
      g_once_init_leave (&done, 1);
    }
}

/*
 * Splits on ASCII white space only, which is what sclite does: a no-break
 * space inside a word stays part of the word, so raw scores stay comparable.
 */
GStrv
prl_tokenize_ascii_space (const char *text, gssize len)
{
  const char *p = text;
  const char *end;
  GPtrArray  *tokens = g_ptr_array_new ();

  g_return_val_if_fail (text != NULL, NULL);

  end = text + (len < 0 ? strlen (text) : (gsize)len);

  while (p < end)
    {
      const char *start;

      while (p < end && is_ascii_space (*p))
        p++;
      if (p == end)
        break;

      start = p;
      while (p < end && !is_ascii_space (*p))
        p++;
      g_ptr_array_add (tokens, g_strndup (start, p - start));
    }

  g_ptr_array_add (tokens, NULL);
  return (GStrv)g_ptr_array_free (tokens, FALSE);
}

/**
 * prl_tokenize_ascii_space_packed:
 * @text: the text
 * @fold_ascii_case: whether to lower-case ASCII letters
 *
 * Like prl_tokenize_ascii_space(), in one allocation: the %NULL-terminated
 * array of words followed by their bytes. Scoring a corpus splits millions
 * of words; one malloc per word used to be most of the time.
 *
 * Returns: (transfer full): the words; free with g_free(), not g_strfreev()
 */
char **
prl_tokenize_ascii_space_packed (const char *text, gboolean fold_ascii_case)
{
  const guint8 *p = (const guint8 *)text;
  gsize         n = 0;
  char        **words;
  char         *out;

  g_return_val_if_fail (text != NULL, NULL);

  init_fold_table ();

  /* Count the words and find the end. */
  for (;;)
    {
      while (byte_class[*p] == 1)
        p++;
      if (*p == '\0')
        break;
      n++;
      while (byte_class[*p] == 0)
        p++;
    }

  /* Each word and its nul fit in the bytes of the word and its separator. */
  words = g_malloc ((n + 1) * sizeof (char *) + ((const char *)p - text) + 1);
  out = (char *)(words + n + 1);
  p = (const guint8 *)text;
  for (gsize i = 0; i < n; i++)
    {
      while (byte_class[*p] == 1)
        p++;
      words[i] = out;
      if (fold_ascii_case)
        while (byte_class[*p] == 0)
          *out++ = (char)fold_table[*p++];
      else
        while (byte_class[*p] == 0)
          *out++ = (char)*p++;
      *out++ = '\0';
    }
  words[n] = NULL;

  return words;
}

/**
 * prl_strv_pack:
 * @strv: a %NULL-terminated array of strings
 *
 * Returns: (transfer full): a copy of @strv in one allocation; free it with
 *   g_free()
 */
char **
prl_strv_pack (const char *const *strv)
{
  gsize  n, bytes = 0;
  char **words;
  char  *out;

  g_return_val_if_fail (strv != NULL, NULL);

  for (n = 0; strv[n] != NULL; n++)
    bytes += strlen (strv[n]) + 1;

  words = g_malloc ((n + 1) * sizeof (char *) + bytes);
  out = (char *)(words + n + 1);
  for (gsize i = 0; i < n; i++)
    {
      gsize size = strlen (strv[i]) + 1;

      words[i] = memcpy (out, strv[i], size);
      out += size;
    }
  words[n] = NULL;

  return words;
}

/**
 * prl_count_words:
 * @text: plain text, such as a wiki page's
 *
 * The words a fetched page adds, as the wiki dialog and `parlance-cli
 * datasets add-wiki` both show them: runs between spaces, tabs and newlines.
 *
 * Returns: how many
 */
guint64
prl_count_words (const char *text)
{
  g_auto (GStrv) tokens = g_strsplit_set (text, " \t\n", -1);
  guint64 n = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    n += *tokens[i] != '\0';
  return n;
}

/* Appends owned tokens split on any Unicode white space to @tokens. */
void
prl_tokenize_unicode_into (const char *text, GPtrArray *tokens)
{
  const char *p = text;

  g_return_if_fail (text != NULL);
  g_return_if_fail (tokens != NULL);

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      g_ptr_array_add (tokens, g_strndup (start, p - start));
    }
}

/*
 * The characters of all tokens, without the spaces between them: the unit
 * for character error rate, as sclite's -c option counts it.
 */
gunichar *
prl_tokens_to_chars (const char *const *tokens, gsize *n_chars)
{
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  g_return_val_if_fail (tokens != NULL, NULL);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      for (const char *p = tokens[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_array_append_val (chars, c);
        }
    }

  if (n_chars != NULL)
    *n_chars = chars->len;

  return (gunichar *)g_array_free (chars, FALSE);
}
