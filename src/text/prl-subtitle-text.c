/* prl-subtitle-text.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-subtitle-text"

#include "config.h"

#include <string.h>

#include "prl-subtitles-private.h"

/*
 * What the subtitle parsers share, and what works on subtitle text outside
 * a parser: telling SRT from WebVTT, reading a timestamp, and removing the
 * styling tags of cue text.
 */

PrlSubtitleFormat
prl_subtitle_format_for_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, PRL_SUBTITLE_FORMAT_NONE);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return PRL_SUBTITLE_FORMAT_NONE;
  if (g_ascii_strcasecmp (dot, ".srt") == 0)
    return PRL_SUBTITLE_FORMAT_SRT;
  if (g_ascii_strcasecmp (dot, ".vtt") == 0)
    return PRL_SUBTITLE_FORMAT_VTT;
  return PRL_SUBTITLE_FORMAT_NONE;
}

/* Whether @line (of @len bytes) starts with @word followed by white space or its end. */
gboolean
_prl_subtitle_starts_with_word (const char *line, gsize len, const char *word)
{
  gsize n = strlen (word);

  return len >= n && memcmp (line, word, n) == 0
         && (len == n || line[n] == ' ' || line[n] == '\t');
}

/**
 * prl_subtitle_format_sniff:
 * @head: the first bytes of a file
 * @head_len: their length
 *
 * Recognizes WebVTT by its header and SubRip by a first cue made of a number
 * and a timing line.
 */
PrlSubtitleFormat
prl_subtitle_format_sniff (const guint8 *head, gsize head_len)
{
  const char *p = (const char *)head;
  const char *end = p + head_len;
  const char *nl;
  gsize       n = 0;

  if (head == NULL)
    return PRL_SUBTITLE_FORMAT_NONE;

  if (head_len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  nl = p;
  while (nl < end && *nl != '\n' && *nl != '\r')
    nl++;
  if (_prl_subtitle_starts_with_word (p, nl - p, "WEBVTT"))
    return PRL_SUBTITLE_FORMAT_VTT;

  /* SubRip: skip blank lines, then a number, then a line with "-->". */
  while (p < end && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t'))
    p++;
  while (p < end && g_ascii_isdigit (*p))
    {
      p++;
      n++;
    }
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (n == 0 || p == end || (*p != '\n' && *p != '\r'))
    return PRL_SUBTITLE_FORMAT_NONE;
  if (*p == '\r' && p + 1 < end && p[1] == '\n')
    p++;
  p++;
  nl = p;
  while (nl < end && *nl != '\n' && *nl != '\r')
    nl++;
  if (g_strstr_len (p, nl - p, "-->") != NULL && g_ascii_isdigit (*p))
    return PRL_SUBTITLE_FORMAT_SRT;

  return PRL_SUBTITLE_FORMAT_NONE;
}

/* A timestamp, as far as it goes: "[H…:]MM:SS(,|.)mmm". Returns the
 * number of bytes read, or 0 if @s does not start with a valid one. */
gsize
_prl_subtitle_parse_timestamp (PrlSubtitleFormat format, const char *s, gint64 *ms)
{
  guint64     parts[3] = { 0, 0, 0 };
  guint       digits[3] = { 0, 0, 0 };
  guint       n = 0, frac_digits = 0;
  guint64     frac = 0, hours, minutes, seconds;
  const char *p = s;

  for (;;)
    {
      const char *q = p;

      if (n == 3)
        return 0;
      while (g_ascii_isdigit (*q) && q - p < 10)
        {
          parts[n] = parts[n] * 10 + (guint64)(*q - '0');
          q++;
        }
      if (q == p || g_ascii_isdigit (*q))
        return 0;
      digits[n++] = q - p;
      p = q;
      if (*p != ':')
        break;
      p++;
    }

  if (format == PRL_SUBTITLE_FORMAT_SRT)
    {
      if (n != 3 || (*p != ',' && *p != '.'))
        return 0;
    }
  else if (n < 2 || *p != '.' || (n == 3 && digits[0] < 2))
    return 0;
  p++;

  while (g_ascii_isdigit (*p) && frac_digits < 4)
    {
      frac = frac * 10 + (guint64)(*p - '0');
      frac_digits++;
      p++;
    }
  if (frac_digits != 3)
    return 0;

  hours = n == 3 ? parts[0] : 0;
  minutes = parts[n - 2];
  seconds = parts[n - 1];
  if (digits[n - 2] != 2 || digits[n - 1] != 2 || minutes > 59 || seconds > 59)
    return 0;

  *ms = (gint64)(((hours * 60 + minutes) * 60 + seconds) * 1000 + frac);
  return p - s;
}

/* Appends @len bytes of @src, which come from byte @from of the input. */
static void
emit (GString *out, GArray *map, const char *src, gsize len, guint from)
{
  g_string_append_len (out, src, len);
  if (map != NULL)
    for (gsize i = 0; i < len; i++)
      {
        guint at = from + (guint)i;

        g_array_append_val (map, at);
      }
}

static gboolean
name_in (const char *name, gsize len, const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (names[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the tag between "<" and ">" (@inner, @len bytes) is styling. */
static gboolean
is_styling_tag (PrlSubtitleFormat format, const char *inner, gsize len)
{
  static const char *const vtt_names[]
      = { "c", "i", "b", "u", "v", "lang", "ruby", "rt", NULL };
  static const char *const srt_names[] = { "i", "b", "u", "s", "font", NULL };
  gsize                    n = 0;
  gboolean                 closing = FALSE;

  if (len > 0 && inner[0] == '/')
    {
      closing = TRUE;
      inner++;
      len--;
    }

  /* A timestamp tag ("00:01:02.500") is short; not copying longer text
   * keeps a line of "<1<1<1…>" linear. */
  if (format == PRL_SUBTITLE_FORMAT_VTT && !closing && len > 0 && len <= 32
      && g_ascii_isdigit (inner[0]))
    {
      g_autofree char *copy = g_strndup (inner, len);
      gint64           ms;

      return _prl_subtitle_parse_timestamp (PRL_SUBTITLE_FORMAT_VTT, copy, &ms) == len;
    }

  while (n < len && g_ascii_isalpha (inner[n]))
    n++;
  if (n == 0)
    return FALSE;

  if (format == PRL_SUBTITLE_FORMAT_VTT)
    return name_in (inner, n, vtt_names) && memchr (inner, '<', len) == NULL
           && (n == len || inner[n] == '.' || inner[n] == ' ' || inner[n] == '\t');

  return name_in (inner, n, srt_names)
         && (n == len || (!closing && (inner[n] == ' ' || inner[n] == '\t')));
}

/**
 * prl_subtitle_strip_tags:
 * @format: the format the text comes from
 * @text: one line of cue text, valid UTF-8
 * @map: (nullable) (element-type guint): receives, for each byte of the
 *   result, the index of the byte of @text it comes from
 *
 * Removes the styling a subtitle format allows — WebVTT: <c.class>, <i>,
 * <b>, <u>, <v Speaker>, <lang xx>, <ruby>, <rt>, timestamps <00:01.000>,
 * and the entities &amp; &lt; &gt; &nbsp; &lrm; &rlm;; SRT: <i>, <b>,
 * <u>, <s>, <font …> and {\…} overrides such as {\an8}. Any other tag or
 * entity is left alone, for the markup check to find.
 *
 * Returns: (transfer full): the text
 */
char *
prl_subtitle_strip_tags (PrlSubtitleFormat format, const char *text, GArray *map)
{
  static const struct
  {
    const char *name;
    const char *value;
  } entities[] = {
    { "&amp;", "&" },         { "&lt;", "<" }, { "&gt;", ">" },
    { "&nbsp;", "\xC2\xA0" }, { "&lrm;", "" }, { "&rlm;", "" },
  };
  GString    *out;
  const char *p;
  const char *gt = NULL, *brace = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* The next ">" and "}" are remembered rather than searched for again
   * from every "<" and "{\\", which took quadratic time on a line such as
   * "<<<<…>". */
  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      if (*p == '<')
        {
          if (gt != NULL && gt <= p)
            gt = NULL;
          if (gt == NULL)
            gt = strchr (p + 1, '>');
          if (gt == NULL)
            gt = p + strlen (p); /* None left: the end, never matched. */

          if (*gt == '>' && is_styling_tag (format, p + 1, gt - p - 1))
            {
              p = gt + 1;
              continue;
            }
        }
      else if (*p == '{' && format == PRL_SUBTITLE_FORMAT_SRT && p[1] == '\\')
        {
          if (brace != NULL && brace <= p)
            brace = NULL;
          if (brace == NULL)
            brace = strchr (p, '}');
          if (brace == NULL)
            brace = p + strlen (p);

          if (*brace == '}')
            {
              p = brace + 1;
              continue;
            }
        }
      else if (*p == '&' && format == PRL_SUBTITLE_FORMAT_VTT)
        {
          gboolean done = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
            {
              if (g_str_has_prefix (p, entities[i].name))
                {
                  emit (out, map, entities[i].value, strlen (entities[i].value),
                        p - text);
                  p += strlen (entities[i].name);
                  done = TRUE;
                }
            }
          if (done)
            continue;
        }

      emit (out, map, p, 1, p - text);
      p++;
    }

  return g_string_free (out, FALSE);
}
