/* prl-text-checker.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-text-checker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-manifest.h"
#include "prl-subtitles.h"
#include "prl-text-checker.h"

/*
 * Checks one text dataset (training, tuning or test text, subtitles, or a
 * manifest) before it is stored, streaming it line by line so that a file
 * of gigabytes is checked in constant memory.
 *
 * Every line must be valid UTF-8 and free of markup (HTML or XML tags and
 * entities: "<b>", "</p>", "<a href=…>", "<!-- -->", "&amp;", "&#233;";
 * but not "a < b" or "x<y and y>z", which are not tags) and of special
 * characters. What counts as special depends on the model's language:
 *
 * - English ("en", "en-US", …): ASCII letters and digits, the Latin-1 and
 *   Latin Extended-A letters of loanwords (é, ü, ñ, ø, ł …), combining
 *   accents, the punctuation . , ; : ! ? ' " ’ ‘ “ ” - – — ( ) / & % $ € £
 *   @ # + … and white space (space, tab, no-break space).
 * - Any other language, or none: every Unicode letter, mark and digit, every
 *   punctuation mark, and the same white space.
 *
 * Anything else — control and invisible characters, symbols and emoji,
 * other scripts in an English model, U+FFFD left over from a broken
 * conversion — is reported with its code point. On each line, markup is
 * reported once and each special character once.
 *
 * At most PRL_MAX_ISSUES_PER_FILE issues are listed per file, followed by
 * one "too_many_issues" issue that counts the rest.
 */

typedef enum
{
  MODE_PLAIN,
  MODE_MAPPED,
  MODE_MANIFEST,
} PosMode;

typedef struct
{
  PrlFileCheck      *check;
  PrlCheckIssueSink  issues; /* into @check, through add_issue() */
  const char        *language;
  gboolean           english;
  PrlSubtitleFormat  subtitles;
  PrlSubtitleParser *subtitle_parser;
  PrlManifestParser *manifest_parser;
  guint              n_suppressed;
  guint              n_suppressed_errors;
  guint              n_cues;
  gboolean           any_text;
  gboolean           stop;
  double             duration;
  gboolean           has_duration;
} Checker;

typedef struct
{
  PosMode     mode;
  const char *raw;         /* MODE_MAPPED: the line as written */
  GArray     *map;         /* MODE_MAPPED: text byte → raw byte */
  guint       column_base; /* MODE_MANIFEST: column of the text's first character, or 0 */
  gint64      line_offset; /* MODE_PLAIN: the line's byte offset */
} Pos;

static void
add_issue (Checker *ctx, PrlCheckIssue *issue)
{
  if (ctx->check->issues->len < PRL_MAX_ISSUES_PER_FILE)
    {
      g_ptr_array_add (ctx->check->issues, issue);
      return;
    }

  ctx->n_suppressed++;
  if (issue->severity == PRL_CHECK_SEVERITY_ERROR)
    ctx->n_suppressed_errors++;
  prl_check_issue_free (issue);
}

static void
issue_cb (PrlCheckIssue *issue, gpointer user_data)
{
  add_issue (user_data, issue);
}

static void
checker_init (Checker *ctx, PrlFileCheck *check)
{
  ctx->check = check;
  ctx->issues.func = issue_cb;
  ctx->issues.user_data = ctx;
  ctx->issues.path = check->path;
}

static void
finish_issues (Checker *ctx)
{
  g_autofree char *message = NULL;

  if (ctx->n_suppressed == 0)
    return;

  message = g_strdup_printf (
      ngettext ("%u more problem in this file is not listed (%u of them errors).",
                "%u more problems in this file are not listed (%u of them errors).",
                ctx->n_suppressed),
      ctx->n_suppressed, ctx->n_suppressed_errors);
  g_ptr_array_add (
      ctx->check->issues,
      prl_check_issue_new (ctx->n_suppressed_errors > 0 ? PRL_CHECK_SEVERITY_ERROR
                                                        : PRL_CHECK_SEVERITY_WARNING,
                           "too_many_issues", ctx->check->path, 0, 0, -1, message,
                           _ ("Fix the problems listed, then check the file "
                              "again to see the rest.")));
  ctx->n_suppressed = 0;
}

/* Characters. */

typedef enum
{
  CHAR_OK,
  CHAR_CONTROL,
  CHAR_INVISIBLE,
  CHAR_SYMBOL,
  CHAR_PUNCTUATION,
  CHAR_FOREIGN,
  CHAR_REPLACEMENT,
} CharClass;

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0;
}

static gboolean
is_ordinary_punctuation (gunichar c)
{
  static const gunichar marks[] = {
    '.',    ',',    ';',    ':',    '!',    '?',    '\'', '"', 0x2019,
    0x2018, 0x201C, 0x201D, '-',    0x2013, 0x2014, '(',  ')', '/',
    '&',    '%',    '$',    0x20AC, 0x00A3, '@',    '#',  '+', 0x2026,
  };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (marks[i] == c)
      return TRUE;
  return FALSE;
}

static CharClass
classify (gunichar c, gboolean english)
{
  GUnicodeType type;

  if (c < 0x80 && (g_ascii_isalnum ((char)c) || is_space (c)))
    return CHAR_OK;
  if (is_space (c) || is_ordinary_punctuation (c))
    return CHAR_OK;
  if (c == 0xFFFD)
    return CHAR_REPLACEMENT;

  type = g_unichar_type (c);
  switch (type)
    {
    case G_UNICODE_CONTROL:
      return CHAR_CONTROL;

    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return CHAR_INVISIBLE;

    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
      if (!english)
        return CHAR_OK;
      return c >= 0x00C0 && c <= 0x017F ? CHAR_OK : CHAR_FOREIGN;

    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      if (!english)
        return CHAR_OK;
      return c >= 0x0300 && c <= 0x036F ? CHAR_OK : CHAR_FOREIGN;

    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      if (!english && type == G_UNICODE_DECIMAL_NUMBER)
        return CHAR_OK;
      return english && type == G_UNICODE_DECIMAL_NUMBER ? CHAR_FOREIGN : CHAR_SYMBOL;

    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return english ? CHAR_PUNCTUATION : CHAR_OK;

    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
      return CHAR_SYMBOL;

    default:
      return CHAR_SYMBOL;
    }
}

/* Markup. */

static gboolean
is_html_element (const char *name, gsize len)
{
  static const char *const elements[] = {
    "a",    "abbr",   "b",     "big",  "blockquote", "body",  "br",     "center",
    "code", "div",    "em",    "font", "h1",         "h2",    "h3",     "h4",
    "h5",   "h6",     "head",  "hr",   "html",       "i",     "img",    "li",
    "link", "meta",   "ol",    "p",    "pre",        "s",     "script", "small",
    "span", "strong", "style", "sub",  "sup",        "table", "tbody",  "td",
    "th",   "title",  "tr",    "u",    "ul",         NULL,
  };

  for (guint i = 0; elements[i] != NULL; i++)
    if (strlen (elements[i]) == len && g_ascii_strncasecmp (elements[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == ':' || c == '.';
}

static const char *
find_in (const char *p, const char *end, const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* Tags are looked for at most this far: without a bound, a line such as
 * "<!a<!a<!a…" searched to its end from every "<", in quadratic time
 * (seconds for one line of a megabyte). Real tags are far shorter. */
#define MAX_TAG_BYTES 1024

/* The length of the tag starting at @p ("<"), or 0 if it is not one. */
static gsize
match_tag (const char *p, const char *end)
{
  const char *q = p + 1, *name;
  gsize       name_len;
  gboolean    closing = FALSE, saw_value = FALSE;

  if (q >= end)
    return 0;

  if (end - q >= 3 && memcmp (q, "!--", 3) == 0)
    {
      const char *close = find_in (q + 3, end, "-->");

      return close ? (gsize)(close + 3 - p) : (gsize)(end - p);
    }

  if (end - p > MAX_TAG_BYTES)
    end = p + MAX_TAG_BYTES;
  if ((*q == '!' || *q == '?') && q + 1 < end && g_ascii_isalpha (q[1]))
    {
      const char *close = memchr (q, '>', end - q);

      return close ? (gsize)(close + 1 - p) : 0;
    }

  if (*q == '/')
    {
      closing = TRUE;
      q++;
    }
  if (q >= end || !g_ascii_isalpha (*q))
    return 0;
  name = q;
  while (q < end && is_name_char (*q))
    q++;
  name_len = q - name;

  for (;;)
    {
      gboolean space = FALSE;

      while (q < end && (*q == ' ' || *q == '\t'))
        {
          q++;
          space = TRUE;
        }
      if (q >= end)
        return 0;
      if (*q == '>')
        break;
      if (*q == '/' && q + 1 < end && q[1] == '>' && !closing)
        {
          q++;
          break;
        }
      /* An attribute, after white space. */
      if (!space || closing || !(g_ascii_isalpha (*q) || *q == '_' || *q == ':'))
        return 0;
      while (q < end && is_name_char (*q))
        q++;
      while (q < end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < end && *q == '=')
        {
          q++;
          while (q < end && (*q == ' ' || *q == '\t'))
            q++;
          if (q < end && (*q == '"' || *q == '\''))
            {
              const char *close = memchr (q + 1, *q, end - q - 1);

              if (close == NULL)
                return 0;
              q = close + 1;
            }
          else
            {
              const char *start = q;

              while (q < end && *q != ' ' && *q != '\t' && *q != '>')
                q++;
              if (q == start)
                return 0;
            }
          saw_value = TRUE;
        }
    }

  /* "<name>", "</name>" and "<name/>" are tags whatever the name; with
   * attributes, a known element or an attribute value is needed, so that
   * "if x<y and y>z" is not taken for one. */
  if (q == name + name_len || (q == name + name_len + 1 && q[-1] == '/'))
    return q + 1 - p;
  if (saw_value || is_html_element (name, name_len))
    return q + 1 - p;
  return 0;
}

/* The length of the entity starting at @p ("&"), or 0 if it is not one. */
static gsize
match_entity (const char *p, const char *end)
{
  const char *q = p + 1;
  gsize       n = 0;

  if (q < end && *q == '#')
    {
      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          q++;
          while (q < end && g_ascii_isxdigit (*q) && n < 8)
            q++, n++;
        }
      else
        while (q < end && g_ascii_isdigit (*q) && n < 8)
          q++, n++;
      return n > 0 && q < end && *q == ';' ? (gsize)(q + 1 - p) : 0;
    }

  if (q >= end || !g_ascii_isalpha (*q))
    return 0;
  while (q < end && g_ascii_isalnum (*q) && n < 32)
    q++, n++;
  return n >= 2 && q < end && *q == ';' ? (gsize)(q + 1 - p) : 0;
}

static void
position (const Pos  *pos,
          const char *text,
          const char *p,
          guint       ci,
          guint      *column,
          gint64     *offset)
{
  switch (pos->mode)
    {
    case MODE_PLAIN:
      *column = ci + 1;
      *offset = pos->line_offset >= 0 ? pos->line_offset + (p - text) : -1;
      break;

    case MODE_MAPPED:
      {
        guint raw_at = g_array_index (pos->map, guint, p - text);

        *column = (guint)g_utf8_strlen (pos->raw, raw_at) + 1;
        *offset = -1;
      }
      break;

    case MODE_MANIFEST:
      *column = pos->column_base > 0 ? pos->column_base + ci : 0;
      *offset = -1;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The line may hold invalid UTF-8 (reported on its own): a message quotes
 * only valid text, at most 40 characters of it. */
static char *
quote_excerpt (const char *p, gsize len)
{
  g_autofree char *valid = g_utf8_make_valid (p, (gssize)MIN (len, 160));

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  return g_strdup_printf ("%.*s…", (int)(g_utf8_offset_to_pointer (valid, 37) - valid),
                          valid);
}

/* One issue for a special character: what differs by class is the
 * message and the fix. */
static void
report_char (
    Checker *ctx, gunichar c, CharClass cls, guint line, guint column, gint64 offset)
{
  g_autofree char *message = NULL;
  const char      *fix = NULL;
  char             utf8[8] = { 0 };

  g_unichar_to_utf8 (c, utf8);

  switch (cls)
    {
    case CHAR_CONTROL:
      fix = _ ("Delete it: control characters cannot be spoken, and often come from a "
               "conversion error.");
      message
          = g_strdup_printf (_ ("The line contains a control character (U+%04X)."), c);
      break;

    case CHAR_INVISIBLE:
      fix = _ ("Delete it, or replace it with an ordinary space.");
      message
          = g_strdup_printf (_ ("The line contains an invisible character (U+%04X)."), c);
      break;

    case CHAR_SYMBOL:
      fix = _ ("Delete it, or write it out in words as a speaker would say it.");
      message
          = g_strdup_printf (_ ("The line contains the symbol “%s” (U+%04X)."), utf8, c);
      break;

    case CHAR_PUNCTUATION:
      fix = _ ("Delete it, or write it out in words as a speaker would say it.");
      message = g_strdup_printf (
          _ ("The line contains “%s” (U+%04X), which is not ordinary punctuation."), utf8,
          c);
      break;

    case CHAR_FOREIGN:
      fix = _ ("Remove text in other languages and scripts, or use a model for that "
               "language.");
      message = g_strdup_printf (_ ("The line contains “%s” (U+%04X), which is not used "
                                    "in the model’s language (%s)."),
                                 utf8, c, ctx->language);
      break;

    case CHAR_REPLACEMENT:
      fix = _ ("Convert the original file to UTF-8 again, choosing its real encoding, or "
               "delete the damaged characters.");
      message = g_strdup (_ ("The line contains U+FFFD (“�”), which marks text damaged "
                             "when it was converted from another encoding."));
      break;

    case CHAR_OK:
    default:
      g_assert_not_reached ();
    }

  prl_check_issue_report (&ctx->issues, PRL_CHECK_SEVERITY_ERROR, "special_character",
                          line, column, offset, fix, "%s", message);
}

/* ASCII without NUL is valid UTF-8; tested 8 bytes at a time, as most
 * lines are, before GLib's byte-by-byte validation. */
static gboolean
is_plain_ascii (const char *s, gsize len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize         i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 v;

      memcpy (&v, s + i, 8);
      if ((v & high) != 0 || ((v - ones) & ~v & high) != 0)
        return FALSE;
    }
  for (; i < len; i++)
    if ((guchar)s[i] >= 0x80 || s[i] == '\0')
      return FALSE;
  return TRUE;
}

/* Checks one line of text (valid UTF-8) for markup and special characters,
 * and counts its words. */
static void
check_segment (Checker *ctx, const char *text, gsize len, guint line, const Pos *pos)
{
  const char *p = text, *end = text + len;
  gunichar    reported[8];
  guint       n_reported = 0, ci = 0, column;
  gboolean    in_word = FALSE, markup_reported = FALSE;
  gint64      offset;

  while (p < end)
    {
      gunichar  c;
      CharClass cls;
      gsize     m = 0;

      /* Runs of ASCII letters and digits, and blanks, are nearly all of
       * any text and always fine: count words without the Unicode lookups
       * below (importing a large file spends most of its time here). */
      if (g_ascii_isalnum (*p))
        {
          if (!in_word)
            ctx->check->n_words++;
          in_word = TRUE;
          ctx->any_text = TRUE;
          do
            p++, ci++;
          while (p < end && g_ascii_isalnum (*p));
          continue;
        }
      if (*p == ' ' || *p == '\t')
        {
          in_word = FALSE;
          p++;
          ci++;
          continue;
        }

      if (*p == '<')
        m = match_tag (p, end);
      else if (*p == '&')
        m = match_entity (p, end);

      if (m > 0)
        {
          if (!markup_reported)
            {
              g_autofree char *excerpt = quote_excerpt (p, m);

              position (pos, text, p, ci, &column, &offset);
              prl_check_issue_report (
                  &ctx->issues, PRL_CHECK_SEVERITY_ERROR, "markup", line, column, offset,
                  *p == '<' ? _ ("Remove the tags, or export the document as plain text.")
                            : _ ("Replace it with the character it stands for, or "
                                 "export the document as plain text."),
                  *p == '<' ? _ ("The line contains HTML markup (“%s”).")
                            : _ ("The line contains an HTML entity (“%s”)."),
                  excerpt);
              markup_reported = TRUE;
            }
          ci += (guint)g_utf8_strlen (p, m);
          p += m;
          in_word = FALSE;
          ctx->any_text = TRUE; /* The file is not empty, it is markup. */
          continue;
        }

      c = g_utf8_get_char (p);
      cls = classify (c, ctx->english);
      if (cls == CHAR_REPLACEMENT && ctx->subtitle_parser != NULL
          && prl_subtitle_parser_had_invalid_utf8 (ctx->subtitle_parser))
        cls = CHAR_OK; /* Already reported as invalid UTF-8. */

      if (cls != CHAR_OK)
        {
          gboolean seen = FALSE;

          for (guint i = 0; i < n_reported; i++)
            seen |= reported[i] == c;
          if (!seen && n_reported < G_N_ELEMENTS (reported))
            {
              reported[n_reported++] = c;
              position (pos, text, p, ci, &column, &offset);
              report_char (ctx, c, cls, line, column, offset);
            }
        }

      if (is_space (c))
        in_word = FALSE;
      else
        {
          if (!in_word)
            ctx->check->n_words++;
          in_word = TRUE;
          ctx->any_text = TRUE;
        }

      p = g_utf8_next_char (p);
      ci++;
    }
}

/* Subtitles and manifests. */

static void
cue_cb (PrlSubtitleCue *cue, gpointer user_data)
{
  g_autoptr (PrlSubtitleCue) owned = cue;
  Checker *ctx = user_data;

  ctx->n_cues++;
  ctx->duration = MAX (ctx->duration, cue->end_ms / 1000.0);
  ctx->has_duration = TRUE;

  for (guint i = 0; cue->raw_lines[i] != NULL; i++)
    {
      g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *text
          = prl_subtitle_strip_tags (ctx->subtitles, cue->raw_lines[i], map);
      Pos pos = { MODE_MAPPED, cue->raw_lines[i], map, 0, -1 };

      ctx->check->n_lines++;
      check_segment (ctx, text, strlen (text), cue->text_line + i, &pos);
    }
}

static void
entry_cb (PrlManifestEntry *entry, gpointer user_data)
{
  g_autoptr (PrlManifestEntry) owned = entry;
  Checker *ctx = user_data;
  Pos      pos = { MODE_MANIFEST, NULL, NULL, entry->text_column, -1 };

  ctx->check->n_lines++;
  if (entry->duration >= 0)
    {
      ctx->duration += entry->duration;
      ctx->has_duration = TRUE;
    }
  check_segment (ctx, entry->text, strlen (entry->text), entry->line, &pos);
}

/* Reading. */

/* Opens the file, refusing what is not a regular file (a named pipe would
 * block the check forever), and measures it. Returns %NULL with @error set
 * when it cannot be read; too large or empty files get an issue and a
 * stream that is not read. */
static GInputStream *
open_file (Checker *ctx, GCancellable *cancellable, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  guint64 size = 0;

  stream = prl_file_open_regular (ctx->check->path, 0, &size, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE)
          && g_file_test (ctx->check->path, G_FILE_TEST_IS_DIR))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _ ("“%s” is a folder; choose the files in it instead."),
                     ctx->check->path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  ctx->check->n_bytes = size;
  if (ctx->check->n_bytes > PRL_MAX_FILE_BYTES)
    {
      g_autofree char *size_s = g_format_size (ctx->check->n_bytes);
      g_autofree char *limit = g_format_size (PRL_MAX_FILE_BYTES);

      prl_check_issue_report (&ctx->issues, PRL_CHECK_SEVERITY_ERROR, "file_too_large", 0,
                              0, -1, _ ("Split the file into several smaller files."),
                              _ ("The file is %s; files of at most %s can be uploaded."),
                              size_s, limit);
      ctx->stop = TRUE;
    }
  else if (ctx->check->n_bytes == 0)
    {
      prl_check_issue_report (
          &ctx->issues, PRL_CHECK_SEVERITY_ERROR, "empty_file", 0, 0, -1,
          _ ("Choose the file that has the text, or add text to this one."),
          _ ("The file is empty."));
      ctx->stop = TRUE;
    }

  return g_steal_pointer (&stream);
}

static void
check_line (Checker *ctx, PrlLineReader *reader, const char *line, gsize len)
{
  guint       line_no = prl_line_reader_get_line (reader);
  gint64      offset = prl_line_reader_get_offset (reader);
  const char *bad;

  if (line_no == 1 && len >= 2
      && (((guchar)line[0] == 0xFF && (guchar)line[1] == 0xFE)
          || ((guchar)line[0] == 0xFE && (guchar)line[1] == 0xFF)))
    {
      prl_check_issue_report (
          &ctx->issues, PRL_CHECK_SEVERITY_ERROR, "invalid_utf8", 1, 1, 0,
          _ ("Save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)."),
          _ ("The file is in UTF-16, not UTF-8."));
      ctx->stop = TRUE;
      return;
    }

  if (prl_line_reader_get_truncated (reader))
    prl_check_issue_report (
        &ctx->issues, PRL_CHECK_SEVERITY_ERROR, "line_too_long", line_no, 0, offset,
        _ ("Put each sentence on a line of its own."),
        _ ("The line is longer than %u MB; only its beginning was checked."),
        PRL_LINE_READER_MAX_LINE / (1024 * 1024));

  if (ctx->subtitle_parser != NULL)
    {
      prl_subtitle_parser_push_line (ctx->subtitle_parser, line, len, line_no, offset);
      return;
    }
  if (ctx->manifest_parser != NULL)
    {
      prl_manifest_parser_push_line (ctx->manifest_parser, line, len, line_no, offset);
      return;
    }

  ctx->check->n_lines++;
  if (line_no == 1)
    prl_line_skip_bom (&line, &len, &offset);

  if (!is_plain_ascii (line, len) && !g_utf8_validate_len (line, len, &bad))
    {
      prl_check_issue_report_invalid_utf8 (&ctx->issues, line_no, line, bad, offset);
      len = bad - line;
    }

  {
    Pos pos = { MODE_PLAIN, NULL, NULL, 0, offset };

    check_segment (ctx, line, len, line_no, &pos);
  }
}

static PrlFileCheck *
run (const char    *path,
     PrlDatasetType type,
     const char    *language,
     gboolean       manifest,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autoptr (PrlFileCheck) check = prl_file_check_new (path, type);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (PrlLineReader) reader = NULL;
  g_autoptr (PrlSubtitleParser) subtitle_parser = NULL;
  g_autoptr (PrlManifestParser) manifest_parser = NULL;
  GError     *local_error = NULL;
  const char *line;
  gsize       len;
  Checker     ctx = { 0 };

  checker_init (&ctx, check);
  ctx.language = language != NULL ? language : "";
  ctx.english = language != NULL
                && (g_ascii_strcasecmp (language, "en") == 0
                    || g_ascii_strncasecmp (language, "en-", 3) == 0
                    || g_ascii_strncasecmp (language, "en_", 3) == 0);

  if ((stream = open_file (&ctx, cancellable, error)) == NULL)
    return NULL;

  if (!ctx.stop)
    {
      reader = prl_line_reader_new (stream, 0);

      if (manifest)
        manifest_parser = prl_manifest_parser_new (path, entry_cb, issue_cb, &ctx);
      else
        {
          ctx.subtitles = prl_subtitle_format_for_path (path);
          if (ctx.subtitles == PRL_SUBTITLE_FORMAT_NONE)
            {
              const guint8 *head;
              gsize         n;

              if (!prl_line_reader_peek (reader, &head, &n, cancellable, error))
                return NULL;
              ctx.subtitles = prl_subtitle_format_sniff (head, MIN (n, 512));
            }
          if (ctx.subtitles != PRL_SUBTITLE_FORMAT_NONE)
            subtitle_parser
                = prl_subtitle_parser_new (ctx.subtitles, path, cue_cb, issue_cb, &ctx);
        }
      ctx.subtitle_parser = subtitle_parser;
      ctx.manifest_parser = manifest_parser;

      /* A file that grows while it is read is read up to the size it had. */
      while (!ctx.stop
             && prl_line_reader_next (reader, &line, &len, cancellable, &local_error)
             && (guint64)prl_line_reader_get_offset (reader) < check->n_bytes)
        check_line (&ctx, reader, line, len);

      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, local_error, _ ("Could not read “%s”: "),
                                      path);
          return NULL;
        }

      if (subtitle_parser != NULL && !ctx.stop)
        {
          prl_subtitle_parser_finish (subtitle_parser);
          if (ctx.n_cues == 0)
            prl_check_issue_report (
                &ctx.issues, PRL_CHECK_SEVERITY_ERROR, "empty_file", 0, 0, -1,
                _ ("Choose the subtitle file that has the transcript, or add cues to "
                   "this one."),
                _ ("The file has no cues."));
          else if (!ctx.any_text)
            prl_check_issue_report (
                &ctx.issues, PRL_CHECK_SEVERITY_ERROR, "empty_file", 0, 0, -1,
                _ ("Choose the subtitle file that has the transcript, or add the "
                   "words to its cues."),
                _ ("None of the cues has any text."));
        }
      else if (manifest_parser != NULL && !ctx.stop)
        prl_manifest_parser_finish (manifest_parser);
      else if (!ctx.stop && !ctx.any_text)
        prl_check_issue_report (
            &ctx.issues, PRL_CHECK_SEVERITY_ERROR, "empty_file", 0, 0, -1,
            _ ("Choose the file that has the text, or add text to this one."),
            _ ("The file has only spaces and blank lines."));
    }

  if (ctx.has_duration)
    check->duration = ctx.duration;
  finish_issues (&ctx);
  return g_steal_pointer (&check);
}

/**
 * prl_check_text_file:
 * @path: the file
 * @type: its type, or %PRL_DATASET_TYPE_AUTO to detect it
 * @language: (nullable): the model's language, such as "en-US"; %NULL
 *   accepts the letters of every language
 * @cancellable: (nullable): a #GCancellable
 * @error: set when the file cannot be read (or on cancellation)
 *
 * Checks a text dataset line by line, in constant memory. Subtitles (.srt,
 * .vtt, or content that looks like them) are parsed, and their cue text is
 * checked at its place in the file. A manifest type is checked as with
 * prl_check_manifest_file(); audio is only measured (the media layer probes it).
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
PrlFileCheck *
prl_check_text_file (const char    *path,
                     PrlDatasetType type,
                     const char    *language,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (type == PRL_DATASET_TYPE_AUTO)
    {
      type = prl_dataset_type_detect_file (path, cancellable, error);
      if (type == PRL_DATASET_TYPE_AUTO)
        return NULL;
    }

  if (type == PRL_DATASET_TYPE_MANIFEST)
    return run (path, type, language, TRUE, cancellable, error);

  if (type == PRL_DATASET_TYPE_AUDIO)
    {
      g_autoptr (PrlFileCheck) check = prl_file_check_new (path, type);
      g_autoptr (GInputStream) stream = NULL;
      Checker ctx = { 0 };

      checker_init (&ctx, check);
      if ((stream = open_file (&ctx, cancellable, error)) == NULL)
        return NULL;
      finish_issues (&ctx);
      return g_steal_pointer (&check);
    }

  return run (path, type, language, FALSE, cancellable, error);
}

/**
 * prl_check_manifest_file:
 * @path: the manifest
 * @language: (nullable): the model's language, for the transcripts
 * @cancellable: (nullable): a #GCancellable
 * @error: set when the file cannot be read
 *
 * Checks a JSON-lines manifest: every line, every transcript, and that
 * every audio file exists. The check's duration is the sum of the
 * durations given.
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
PrlFileCheck *
prl_check_manifest_file (const char   *path,
                         const char   *language,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return run (path, PRL_DATASET_TYPE_MANIFEST, language, TRUE, cancellable, error);
}
