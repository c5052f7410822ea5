/* prl-number-words.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-number-words"

#include "config.h"

#include <string.h>

#include "prl-number-words.h"

/*
 * English number normalization. Recognizers and transcribers write the same
 * spoken number in many ways ("fifty", "50", "five zero", "5 0"), so both
 * sides of a comparison are rewritten to one canonical written form:
 * cardinals and digit strings become digits ("50"), ordinals "21st", years
 * "1999", decimals "3.14", percentages "50%" and money "$5.50".
 *
 * Tokens arrive lower-cased, with punctuation already stripped except the
 * characters that belong to numbers ("1,000", "3.5", "$5", "50%").
 */

typedef enum
{
  KIND_DIGIT,
  KIND_TEEN,
  KIND_TENS,
  KIND_HUNDRED,
  KIND_SCALE,
} NumKind;

typedef struct
{
  const char *word;
  guint64     value;
  NumKind     kind;
  gboolean    ordinal;
  /* "oh" and "second" mean something else when they stand alone. */
  gboolean needs_context;
} NumWord;

static const NumWord num_words[] = {
  { "zero", 0, KIND_DIGIT, FALSE, FALSE },
  { "oh", 0, KIND_DIGIT, FALSE, TRUE },
  { "one", 1, KIND_DIGIT, FALSE, FALSE },
  { "two", 2, KIND_DIGIT, FALSE, FALSE },
  { "three", 3, KIND_DIGIT, FALSE, FALSE },
  { "four", 4, KIND_DIGIT, FALSE, FALSE },
  { "five", 5, KIND_DIGIT, FALSE, FALSE },
  { "six", 6, KIND_DIGIT, FALSE, FALSE },
  { "seven", 7, KIND_DIGIT, FALSE, FALSE },
  { "eight", 8, KIND_DIGIT, FALSE, FALSE },
  { "nine", 9, KIND_DIGIT, FALSE, FALSE },
  { "ten", 10, KIND_TEEN, FALSE, FALSE },
  { "eleven", 11, KIND_TEEN, FALSE, FALSE },
  { "twelve", 12, KIND_TEEN, FALSE, FALSE },
  { "thirteen", 13, KIND_TEEN, FALSE, FALSE },
  { "fourteen", 14, KIND_TEEN, FALSE, FALSE },
  { "fifteen", 15, KIND_TEEN, FALSE, FALSE },
  { "sixteen", 16, KIND_TEEN, FALSE, FALSE },
  { "seventeen", 17, KIND_TEEN, FALSE, FALSE },
  { "eighteen", 18, KIND_TEEN, FALSE, FALSE },
  { "nineteen", 19, KIND_TEEN, FALSE, FALSE },
  { "twenty", 20, KIND_TENS, FALSE, FALSE },
  { "thirty", 30, KIND_TENS, FALSE, FALSE },
  { "forty", 40, KIND_TENS, FALSE, FALSE },
  { "fifty", 50, KIND_TENS, FALSE, FALSE },
  { "sixty", 60, KIND_TENS, FALSE, FALSE },
  { "seventy", 70, KIND_TENS, FALSE, FALSE },
  { "eighty", 80, KIND_TENS, FALSE, FALSE },
  { "ninety", 90, KIND_TENS, FALSE, FALSE },
  { "hundred", 100, KIND_HUNDRED, FALSE, FALSE },
  { "thousand", G_GUINT64_CONSTANT (1000), KIND_SCALE, FALSE, FALSE },
  { "million", G_GUINT64_CONSTANT (1000000), KIND_SCALE, FALSE, FALSE },
  { "billion", G_GUINT64_CONSTANT (1000000000), KIND_SCALE, FALSE, FALSE },
  { "trillion", G_GUINT64_CONSTANT (1000000000000), KIND_SCALE, FALSE, FALSE },
  { "first", 1, KIND_DIGIT, TRUE, FALSE },
  { "second", 2, KIND_DIGIT, TRUE, TRUE },
  { "third", 3, KIND_DIGIT, TRUE, FALSE },
  { "fourth", 4, KIND_DIGIT, TRUE, FALSE },
  { "fifth", 5, KIND_DIGIT, TRUE, FALSE },
  { "sixth", 6, KIND_DIGIT, TRUE, FALSE },
  { "seventh", 7, KIND_DIGIT, TRUE, FALSE },
  { "eighth", 8, KIND_DIGIT, TRUE, FALSE },
  { "ninth", 9, KIND_DIGIT, TRUE, FALSE },
  { "tenth", 10, KIND_TEEN, TRUE, FALSE },
  { "eleventh", 11, KIND_TEEN, TRUE, FALSE },
  { "twelfth", 12, KIND_TEEN, TRUE, FALSE },
  { "thirteenth", 13, KIND_TEEN, TRUE, FALSE },
  { "fourteenth", 14, KIND_TEEN, TRUE, FALSE },
  { "fifteenth", 15, KIND_TEEN, TRUE, FALSE },
  { "sixteenth", 16, KIND_TEEN, TRUE, FALSE },
  { "seventeenth", 17, KIND_TEEN, TRUE, FALSE },
  { "eighteenth", 18, KIND_TEEN, TRUE, FALSE },
  { "nineteenth", 19, KIND_TEEN, TRUE, FALSE },
  { "twentieth", 20, KIND_TENS, TRUE, FALSE },
  { "thirtieth", 30, KIND_TENS, TRUE, FALSE },
  { "fortieth", 40, KIND_TENS, TRUE, FALSE },
  { "fiftieth", 50, KIND_TENS, TRUE, FALSE },
  { "sixtieth", 60, KIND_TENS, TRUE, FALSE },
  { "seventieth", 70, KIND_TENS, TRUE, FALSE },
  { "eightieth", 80, KIND_TENS, TRUE, FALSE },
  { "ninetieth", 90, KIND_TENS, TRUE, FALSE },
  { "hundredth", 100, KIND_HUNDRED, TRUE, FALSE },
  { "thousandth", G_GUINT64_CONSTANT (1000), KIND_SCALE, TRUE, FALSE },
  { "millionth", G_GUINT64_CONSTANT (1000000), KIND_SCALE, TRUE, FALSE },
  { "billionth", G_GUINT64_CONSTANT (1000000000), KIND_SCALE, TRUE, FALSE },
};

/* Anything above this is left alone rather than risk overflowing. */
#define MAX_VALUE G_GUINT64_CONSTANT (999999999999999)

static GHashTable *
num_word_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (num_words); i++)
        g_hash_table_insert (t, (gpointer)num_words[i].word, (gpointer)&num_words[i]);
      g_once_init_leave (&table, (gsize)t);
    }

  return (GHashTable *)table;
}

static const char *
token_at (GPtrArray *tokens, guint i)
{
  return i < tokens->len ? g_ptr_array_index (tokens, i) : NULL;
}

static const NumWord *
lookup (GPtrArray *tokens, guint i)
{
  const char *tok = token_at (tokens, i);

  return tok ? g_hash_table_lookup (num_word_table (), tok) : NULL;
}

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* A single digit, spoken ("five", "oh") or written ("5"). */
static int
single_digit_at (GPtrArray *tokens, guint i, gboolean allow_oh)
{
  const char    *tok = token_at (tokens, i);
  const NumWord *nw;

  if (tok == NULL)
    return -1;
  if (g_ascii_isdigit (tok[0]) && tok[1] == '\0')
    return tok[0] - '0';
  nw = lookup (tokens, i);
  if (nw == NULL || nw->kind != KIND_DIGIT || nw->ordinal)
    return -1;
  if (nw->needs_context && !allow_oh)
    return -1;
  return (int)nw->value;
}

/* Two-digit group of a spoken year: "ninety nine", "twelve", "oh five". */
static guint
parse_year_group (GPtrArray *tokens, guint i, guint *value)
{
  const NumWord *a = lookup (tokens, i);
  const NumWord *b = lookup (tokens, i + 1);

  if (a == NULL || a->ordinal)
    return 0;
  if (a->kind == KIND_TEEN)
    {
      *value = a->value;
      return 1;
    }
  if (a->kind == KIND_TENS)
    {
      *value = a->value;
      if (b != NULL && b->kind == KIND_DIGIT && !b->ordinal && !b->needs_context
          && b->value > 0)
        {
          *value += b->value;
          return 2;
        }
      return 1;
    }
  if (a->kind == KIND_DIGIT && g_str_equal (a->word, "oh") && b != NULL
      && b->kind == KIND_DIGIT && !b->ordinal && !b->needs_context && b->value > 0)
    {
      *value = b->value;
      return 2;
    }
  return 0;
}

static guint
parse_year (GPtrArray *tokens, guint i, GString *out)
{
  guint          hi = 0, lo = 0, n_hi, n_lo;
  const NumWord *after;

  n_hi = parse_year_group (tokens, i, &hi);
  if (n_hi == 0 || hi < 11 || hi > 29 || (hi % 10 == 0 && hi != 20))
    return 0;
  n_lo = parse_year_group (tokens, i + n_hi, &lo);
  if (n_lo == 0 || lo < 1)
    return 0;
  after = lookup (tokens, i + n_hi + n_lo);
  if (after != NULL && (after->kind == KIND_HUNDRED || after->kind == KIND_SCALE))
    return 0;

  g_string_printf (out, "%u%02u", hi, lo);
  return n_hi + n_lo;
}

/* "one hundred and five", "twenty first", "a thousand". */
static guint
parse_cardinal (GPtrArray *tokens, guint i, GString *out, gboolean *ordinal)
{
  guint64  total = 0, group = 0, last_scale = G_MAXUINT64;
  guint    n = 0;
  NumKind  prev = KIND_SCALE;
  gboolean any = FALSE;

  *ordinal = FALSE;

  for (;;)
    {
      const char    *tok = token_at (tokens, i + n);
      const NumWord *nw = lookup (tokens, i + n);

      if (tok == NULL)
        break;

      if (!any && g_str_equal (tok, "a"))
        {
          const NumWord *next = lookup (tokens, i + n + 1);

          if (next == NULL || (next->kind != KIND_HUNDRED && next->kind != KIND_SCALE))
            break;
          group = 1;
          prev = KIND_DIGIT;
          any = TRUE;
          n++;
          continue;
        }

      if (any && g_str_equal (tok, "and") && (prev == KIND_HUNDRED || prev == KIND_SCALE))
        {
          const NumWord *next = lookup (tokens, i + n + 1);

          if (next == NULL || next->needs_context || next->kind == KIND_HUNDRED
              || next->kind == KIND_SCALE)
            break;
          n++;
          continue;
        }

      if (nw == NULL || (nw->needs_context && !any))
        break;
      if (nw->needs_context && nw->kind == KIND_DIGIT && !nw->ordinal)
        break;

      switch (nw->kind)
        {
        case KIND_DIGIT:
          if (any && !(prev == KIND_TENS || prev == KIND_HUNDRED || prev == KIND_SCALE))
            goto done;
          if (any && prev == KIND_TENS && group % 10 != 0)
            goto done;
          group += nw->value;
          break;

        case KIND_TEEN:
        case KIND_TENS:
          if (any && group % 100 != 0)
            goto done;
          group += nw->value;
          break;

        case KIND_HUNDRED:
          if (group == 0 || group >= 100)
            goto done;
          group *= 100;
          break;

        case KIND_SCALE:
          if (group == 0 || nw->value >= last_scale)
            goto done;
          total += group * nw->value;
          group = 0;
          last_scale = nw->value;
          break;

        default:
          g_assert_not_reached ();
        }

      prev = nw->kind;
      any = TRUE;
      n++;

      if (total + group > MAX_VALUE)
        return 0;
      if (nw->ordinal)
        {
          *ordinal = TRUE;
          break;
        }
    }

done:
  if (!any)
    return 0;
  /* A lone "a" before a scale we then refused is not a number. */
  if (n == 1 && g_str_equal (token_at (tokens, i), "a"))
    return 0;

  g_string_printf (out, "%" G_GUINT64_FORMAT, total + group);
  return n;
}

/* "3.5 million" → "3500000", "1,000" → "1000", "21st" stays. */
static guint
parse_written (GPtrArray *tokens, guint i, GString *out, gboolean *ordinal)
{
  const char    *tok = token_at (tokens, i);
  const char    *dot;
  const NumWord *scale;
  gsize          len;

  *ordinal = FALSE;
  if (tok == NULL || !g_ascii_isdigit (tok[0]))
    return 0;

  len = strlen (tok);
  if (len > 2 && strspn (tok, "0123456789") == len - 2
      && (g_str_has_suffix (tok, "st") || g_str_has_suffix (tok, "nd")
          || g_str_has_suffix (tok, "rd") || g_str_has_suffix (tok, "th")))
    {
      g_string_assign (out, tok);
      *ordinal = TRUE;
      return 1;
    }

  g_string_truncate (out, 0);
  for (const char *p = tok; *p != '\0'; p++)
    {
      if (*p == ',')
        continue;
      if (!g_ascii_isdigit (*p) && *p != '.')
        return 0;
      g_string_append_c (out, *p);
    }
  dot = strchr (out->str, '.');
  if (dot != NULL && (strchr (dot + 1, '.') != NULL || dot[1] == '\0'))
    return 0;

  scale = lookup (tokens, i + 1);
  if (scale != NULL && !scale->ordinal
      && (scale->kind == KIND_SCALE || scale->kind == KIND_HUNDRED) && out->len < 10)
    {
      gsize   frac = dot ? strlen (dot + 1) : 0;
      guint64 mantissa = 0, divisor = 1;

      for (const char *p = out->str; *p != '\0'; p++)
        if (*p != '.')
          mantissa = mantissa * 10 + (guint64)(*p - '0');
      for (gsize k = 0; k < frac; k++)
        divisor *= 10;
      if ((mantissa * scale->value) % divisor == 0)
        {
          g_string_printf (out, "%" G_GUINT64_FORMAT, mantissa * scale->value / divisor);
          return 2;
        }
    }

  return 1;
}

static guint
parse_number (GPtrArray *tokens, guint i, GString *out, gboolean *ordinal)
{
  guint n;
  int   d0, d1;

  *ordinal = FALSE;

  /* "five zero", "5 0", "one oh one": digits read out one by one. */
  d0 = single_digit_at (tokens, i, FALSE);
  d1 = single_digit_at (tokens, i + 1, TRUE);
  if (d0 >= 0 && d1 >= 0)
    {
      const NumWord *next;

      g_string_truncate (out, 0);
      n = 0;
      while (single_digit_at (tokens, i + n, n > 0) >= 0)
        {
          g_string_append_c (out, (char)('0' + single_digit_at (tokens, i + n, TRUE)));
          n++;
        }
      /* "two one hundred" is not a digit string; leave it to the rest. */
      next = lookup (tokens, i + n);
      if (next == NULL || (next->kind != KIND_HUNDRED && next->kind != KIND_SCALE))
        return n;
    }

  if ((n = parse_written (tokens, i, out, ordinal)) > 0)
    return n;
  if ((n = parse_year (tokens, i, out)) > 0)
    return n;
  if ((n = parse_cardinal (tokens, i, out, ordinal)) == 0)
    return 0;

  /* Decimals: "three point one four". */
  if (!*ordinal && g_strcmp0 (token_at (tokens, i + n), "point") == 0
      && single_digit_at (tokens, i + n + 1, TRUE) >= 0)
    {
      g_string_append_c (out, '.');
      n++;
      while (single_digit_at (tokens, i + n, TRUE) >= 0)
        {
          g_string_append_c (out, (char)('0' + single_digit_at (tokens, i + n, TRUE)));
          n++;
        }
    }

  return n;
}

static const char *
currency_for_word (const char *word)
{
  if (word == NULL)
    return NULL;
  if (g_str_equal (word, "dollars") || g_str_equal (word, "dollar"))
    return "$";
  if (g_str_equal (word, "euros") || g_str_equal (word, "euro"))
    return "€";
  if (g_str_equal (word, "pounds") || g_str_equal (word, "pound"))
    return "£";
  return NULL;
}

static gboolean
is_currency_symbol (const char *tok)
{
  return tok != NULL
         && (g_str_equal (tok, "$") || g_str_equal (tok, "€") || g_str_equal (tok, "£"));
}

static const char *
ordinal_suffix (const char *digits)
{
  gsize len = strlen (digits);
  int   last = digits[len - 1] - '0';
  int   tens = len > 1 ? digits[len - 2] - '0' : 0;

  if (tens == 1)
    return "th";
  return last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
}

/* Units after a number: percent, currency words, cents. */
static guint
parse_unit (GPtrArray *tokens, guint i, GString *value, const char **prefix)
{
  const char *tok = token_at (tokens, i);
  const char *symbol;

  if (tok == NULL)
    return 0;
  if (g_str_equal (tok, "percent") || g_str_equal (tok, "%"))
    {
      g_string_append_c (value, '%');
      return 1;
    }
  if (g_str_equal (tok, "per") && g_strcmp0 (token_at (tokens, i + 1), "cent") == 0)
    {
      g_string_append_c (value, '%');
      return 2;
    }
  if ((g_str_equal (tok, "cents") || g_str_equal (tok, "cent")) && *prefix == NULL
      && is_all_digits (value->str) && value->len <= 2)
    {
      g_string_printf (value, "0.%02u", (guint)g_ascii_strtoull (value->str, NULL, 10));
      *prefix = "$";
      return 1;
    }

  if ((symbol = currency_for_word (tok)) != NULL && strchr (value->str, '%') == NULL)
    {
      g_autoptr (GString) cents = g_string_new (NULL);
      guint    n = 1, skip = 0, m;
      gboolean ordinal;

      *prefix = symbol;
      if (g_strcmp0 (token_at (tokens, i + 1), "and") == 0)
        skip = 1;
      m = parse_number (tokens, i + 1 + skip, cents, &ordinal);
      if (m > 0 && !ordinal && is_all_digits (cents->str) && cents->len <= 2)
        {
          const char *unit = token_at (tokens, i + 1 + skip + m);

          if (g_strcmp0 (unit, "cents") == 0 || g_strcmp0 (unit, "cent") == 0
              || g_strcmp0 (unit, "pence") == 0)
            {
              g_string_append_printf (value, ".%02u",
                                      (guint)g_ascii_strtoull (cents->str, NULL, 10));
              n += skip + m + 1;
            }
        }
      return n;
    }

  return 0;
}

/* "twenty-one" → "twenty" "one", when every part is a number word. */
static void
split_hyphenated_numbers (GPtrArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *tok = g_ptr_array_index (tokens, i);
      g_auto (GStrv) parts = NULL;
      guint n;

      if (strchr (tok, '-') == NULL)
        continue;

      parts = g_strsplit (tok, "-", -1);
      n = g_strv_length (parts);
      for (guint k = 0; k < n; k++)
        if (!g_hash_table_contains (num_word_table (), parts[k]))
          goto next;

      g_ptr_array_remove_index (tokens, i);
      for (guint k = 0; k < n; k++)
        g_ptr_array_insert (tokens, i + k, g_strdup (parts[k]));
      i += n - 1;
    next:;
    }
}

/**
 * prl_number_words_normalize:
 * @tokens: (element-type utf8): lower-cased tokens, owned by the array
 *
 * Rewrites spoken and written numbers in @tokens to one canonical form.
 */
void
prl_number_words_normalize (GPtrArray *tokens)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) value = g_string_new (NULL);
  guint i = 0;

  g_return_if_fail (tokens != NULL);

  split_hyphenated_numbers (tokens);

  while (i < tokens->len)
    {
      const char *prefix = NULL;
      guint       start = i, n;
      gboolean    ordinal = FALSE;

      if (is_currency_symbol (token_at (tokens, i)) && i + 1 < tokens->len)
        {
          prefix = token_at (tokens, i);
          start = i + 1;
        }

      n = parse_number (tokens, start, value, &ordinal);
      if (n == 0)
        {
          g_ptr_array_add (out, g_strdup (token_at (tokens, i)));
          i++;
          continue;
        }

      i = start + n;
      if (ordinal)
        {
          if (g_ascii_isdigit (value->str[value->len - 1]))
            g_string_append (value, ordinal_suffix (value->str));
        }
      else
        {
          i += parse_unit (tokens, i, value, &prefix);
        }

      if (prefix != NULL)
        g_string_prepend (value, prefix);
      g_ptr_array_add (out, g_strdup (value->str));
    }

  g_ptr_array_set_size (tokens, 0);
  g_ptr_array_extend_and_steal (tokens, g_steal_pointer (&out));
}
