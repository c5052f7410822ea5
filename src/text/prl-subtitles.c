/* prl-subtitles.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-subtitles"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-subtitles-private.h"

/*
 * SubRip (.srt) and WebVTT (.vtt) parsers. Both are fed one line at a time
 * (so that a file of any size is read in constant memory) and hand out cues
 * and issues through callbacks as soon as they are complete.
 *
 * What they accept, and what they report:
 * - A UTF-8 byte order mark on the first line is skipped; "\r\n", "\n" and
 *   a lone "\r" all end lines (the line readers take care of that).
 * - A line of white space only ends a cue, like an empty line.
 * - SRT: a cue number (missing: warning; not a number: error), a timing
 *   line "HH:MM:SS,mmm --> HH:MM:SS,mmm" (a "." instead of "," is accepted,
 *   as players do; anything after the end time is kept as @settings), text.
 * - WebVTT: the "WEBVTT" header (missing: error); NOTE, STYLE and REGION
 *   blocks are skipped; an optional cue identifier, a timing line
 *   "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm [settings]", text. Cue settings are
 *   checked (vertical, line, position, size, align, region); a bad one is a
 *   warning, since players ignore it.
 * - A timestamp that does not parse, or an end before (or at) the start, is
 *   an error; overlapping cues are fine. A cue without text is a warning.
 * - A timing line inside cue text starts a new cue (with a warning that a
 *   blank line is missing); in SRT, a number just before it is taken as the
 *   new cue's number.
 * - Invalid UTF-8 is reported and replaced with U+FFFD, so parsing goes on.
 */

#define MAX_CUE_LINES 256

typedef enum
{
  STATE_HEADER,
  STATE_HEADER_BLOCK,
  STATE_BETWEEN,
  STATE_AFTER_ID,
  STATE_TEXT,
  STATE_SKIP,
} State;

struct _PrlSubtitleParser
{
  PrlSubtitleFormat  format;
  char              *path; /* (owned) */
  PrlSubtitleCueFunc cue_func;
  PrlCheckIssueSink  issues;    /* (path borrowed from @path) */
  gpointer           user_data; /* for @cue_func */

  State    state;
  gboolean first_line;
  gboolean seen_cue;
  gboolean invalid_utf8;
  guint    long_cue_reported;

  /* The block being read. */
  char           *id_text; /* (owned) (nullable) */
  guint           id_line;
  gboolean        id_is_number;
  PrlSubtitleCue *cue;   /* (owned) (nullable) */
  GPtrArray      *lines; /* (owned) text lines of @cue */
};

static gboolean
is_blank_n (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

void
prl_subtitle_cue_free (PrlSubtitleCue *cue)
{
  if (cue == NULL)
    return;

  g_free (cue->id);
  g_free (cue->settings);
  g_free (cue->text);
  g_strfreev (cue->raw_lines);
  g_free (cue);
}

static guint
column_of (const char *line, const char *p)
{
  return (guint)g_utf8_strlen (line, p - line) + 1;
}

/* Counts columns on from the last place asked about, for the many places
 * of one line: column_of() for each would count from the start of the line
 * every time, in quadratic time. @p never goes back. */
typedef struct
{
  const char *at;
  guint       column;
} ColumnCursor;

static guint
column_advance (ColumnCursor *cursor, const char *p)
{
  cursor->column += (guint)g_utf8_strlen (cursor->at, p - cursor->at);
  cursor->at = p;
  return cursor->column;
}

static const char *
timestamp_fix (PrlSubtitleFormat format)
{
  if (format == PRL_SUBTITLE_FORMAT_SRT)
    return _ ("Write times as hours:minutes:seconds,milliseconds, for example "
              "“00:01:02,500 --> 00:01:04,000”.");
  return _ ("Write times as hours:minutes:seconds.milliseconds or "
            "minutes:seconds.milliseconds, for example “00:01:02.500 --> 00:01:04.000”.");
}

/* At most 40 bytes of @p, cut at a character boundary (@p is valid UTF-8). */
static char *
excerpt (const char *p, gsize n)
{
  const char *end;

  if (n > 40)
    {
      g_utf8_validate_len (p, 40, &end);
      n = end - p;
    }
  return g_strndup (p, n);
}

static char *
token_at (const char *p)
{
  return excerpt (p, strcspn (p, " \t"));
}

static gboolean
is_percentage (const char *s, gsize len)
{
  g_autofree char *copy = NULL;
  char            *end;
  double           v;

  if (len < 2 || s[len - 1] != '%' || !g_ascii_isdigit (s[0]))
    return FALSE;
  copy = g_strndup (s, len - 1);
  v = g_ascii_strtod (copy, &end);
  return *end == '\0' && v >= 0 && v <= 100;
}

static gboolean
is_line_number (const char *s, gsize len)
{
  gsize i = 0, dots = 0;

  if (len > 0 && s[0] == '-')
    i++;
  if (i == len)
    return FALSE;
  for (; i < len; i++)
    {
      if (s[i] == '.')
        dots++;
      else if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }
  return dots <= 1 && s[len - 1] != '.';
}

static gboolean
in_list (const char *s, gsize len, const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == len && memcmp (list[i], s, len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a WebVTT cue setting's value is valid. */
static gboolean
setting_value_ok (const char *name, gsize name_len, const char *value, gsize len)
{
  static const char *const verticals[] = { "rl", "lr", NULL };
  static const char *const line_aligns[] = { "start", "center", "end", NULL };
  static const char *const position_aligns[]
      = { "line-left", "center", "line-right", NULL };
  static const char *const aligns[] = { "start", "center", "end", "left", "right", NULL };
  const char              *comma = memchr (value, ',', len);
  gsize                    head = comma ? (gsize)(comma - value) : len;

#define IS(word) (name_len == strlen (word) && memcmp (name, word, name_len) == 0)
  if (IS ("vertical"))
    return in_list (value, len, verticals);
  if (IS ("line"))
    return (is_line_number (value, head) || is_percentage (value, head))
           && (comma == NULL || in_list (comma + 1, len - head - 1, line_aligns));
  if (IS ("position"))
    return is_percentage (value, head)
           && (comma == NULL || in_list (comma + 1, len - head - 1, position_aligns));
  if (IS ("size"))
    return is_percentage (value, len);
  if (IS ("align"))
    return in_list (value, len, aligns);
  if (IS ("region"))
    return len > 0;
#undef IS
  return FALSE;
}

static void
check_settings (PrlSubtitleParser *self,
                const char        *line,
                const char        *settings,
                guint              line_no)
{
  static const char *const names[]
      = { "vertical", "line", "position", "size", "align", "region", NULL };
  const char *fix
      = _ ("Use vertical:rl or lr, line:a number or a percentage, "
           "position:a percentage, size:a percentage, "
           "align:start, center, end, left or right — or remove the setting.");
  const char  *p = settings;
  ColumnCursor cursor = { line, 1 };

  while (*p != '\0')
    {
      gsize       len = strcspn (p, " \t");
      const char *colon = memchr (p, ':', len);

      if (colon == NULL || colon == p || !in_list (p, colon - p, names))
        {
          g_autofree char *token = excerpt (p, len);

          prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_WARNING,
                                  "bad_cue_setting", line_no, column_advance (&cursor, p),
                                  -1, fix, _ ("“%s” is not a cue setting."), token);
        }
      else if (!setting_value_ok (p, colon - p, colon + 1, len - (colon + 1 - p)))
        {
          g_autofree char *name = g_strndup (p, colon - p);
          g_autofree char *value = excerpt (colon + 1, len - (colon + 1 - p));

          prl_check_issue_report (
              &self->issues, PRL_CHECK_SEVERITY_WARNING, "bad_cue_setting", line_no,
              column_advance (&cursor, colon + 1), -1, fix,
              _ ("“%s” is not a valid value for the cue setting “%s”."), value, name);
        }

      p += len;
      while (*p == ' ' || *p == '\t')
        p++;
    }
}

static gboolean
is_timing_line (const char *line)
{
  return strstr (line, "-->") != NULL;
}

/* Parses a timing line into a new cue; reports and returns %FALSE if it is broken. */
static gboolean
parse_timing (PrlSubtitleParser *self, const char *line, guint line_no, gint64 offset)
{
  const char *p = line, *end_at;
  gint64      start_ms = 0, end_ms = 0;
  gsize       n;

  while (*p == ' ' || *p == '\t')
    p++;
  if ((n = _prl_subtitle_parse_timestamp (self->format, p, &start_ms)) == 0)
    {
      g_autofree char *token = token_at (p);

      if (*token == '\0' || g_str_has_prefix (p, "-->"))
        prl_check_issue_report (
            &self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_timestamp", line_no,
            column_of (line, p), offset >= 0 ? offset + (p - line) : -1,
            timestamp_fix (self->format), _ ("The timing line has no start time."));
      else
        prl_check_issue_report (
            &self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_timestamp", line_no,
            column_of (line, p), offset >= 0 ? offset + (p - line) : -1,
            timestamp_fix (self->format), _ ("“%s” is not a valid start time."), token);
      return FALSE;
    }
  p += n;
  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "-->"))
    {
      prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_timestamp",
                              line_no, column_of (line, p),
                              offset >= 0 ? offset + (p - line) : -1,
                              timestamp_fix (self->format),
                              _ ("Expected “-->” between the start and the end time."));
      return FALSE;
    }
  p += 3;
  while (*p == ' ' || *p == '\t')
    p++;
  end_at = p;
  if ((n = _prl_subtitle_parse_timestamp (self->format, p, &end_ms)) == 0)
    {
      g_autofree char *token = token_at (p);

      if (*token == '\0')
        prl_check_issue_report (
            &self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_timestamp", line_no,
            column_of (line, p), offset >= 0 ? offset + (p - line) : -1,
            timestamp_fix (self->format), _ ("The timing line has no end time."));
      else
        prl_check_issue_report (
            &self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_timestamp", line_no,
            column_of (line, p), offset >= 0 ? offset + (p - line) : -1,
            timestamp_fix (self->format), _ ("“%s” is not a valid end time."), token);
      return FALSE;
    }
  p += n;
  if (*p != '\0' && *p != ' ' && *p != '\t')
    {
      g_autofree char *token = token_at (p);

      prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_timestamp",
                              line_no, column_of (line, p),
                              offset >= 0 ? offset + (p - line) : -1,
                              timestamp_fix (self->format),
                              _ ("“%s” follows the end time without a space."), token);
      return FALSE;
    }
  while (*p == ' ' || *p == '\t')
    p++;

  if (end_ms <= start_ms)
    prl_check_issue_report (
        &self->issues, PRL_CHECK_SEVERITY_ERROR, "end_before_start", line_no,
        column_of (line, end_at), offset >= 0 ? offset + (end_at - line) : -1,
        _ ("Correct the times so that the cue ends after it starts."),
        end_ms == start_ms ? _ ("The cue ends at the moment it starts.")
                           : _ ("The cue ends before it starts."));

  self->cue = g_new0 (PrlSubtitleCue, 1);
  self->cue->start_ms = start_ms;
  self->cue->end_ms = end_ms;
  self->cue->line = line_no;
  if (*p != '\0')
    {
      self->cue->settings = g_strchomp (g_strdup (p));
      if (self->format == PRL_SUBTITLE_FORMAT_VTT)
        check_settings (self, line, p, line_no);
    }
  g_ptr_array_set_size (self->lines, 0);
  return TRUE;
}

static void
finish_cue (PrlSubtitleParser *self, gboolean more)
{
  g_autoptr (PrlSubtitleCue) cue = g_steal_pointer (&self->cue);
  GString *text;

  if (cue == NULL)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      g_autofree char *stripped = prl_subtitle_strip_tags (
          self->format, g_ptr_array_index (self->lines, i), NULL);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, stripped);
    }
  cue->text = g_string_free (text, FALSE);
  g_ptr_array_add (self->lines, NULL);
  cue->raw_lines = (GStrv)g_ptr_array_free (self->lines, FALSE);
  self->lines = g_ptr_array_new_with_free_func (g_free);

  if (!more && cue->text_line == 0 && is_blank_n (cue->text, strlen (cue->text)))
    prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_WARNING, "empty_cue",
                            cue->line, 0, -1,
                            _ ("Add the words spoken during the cue, or delete the cue."),
                            _ ("The cue has no text."));
  else if (!more && is_blank_n (cue->text, strlen (cue->text)))
    prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_WARNING, "empty_cue",
                            cue->line, 0, -1,
                            _ ("Add the words spoken during the cue, or delete the cue."),
                            _ ("The cue has only styling tags and no text."));

  self->seen_cue = TRUE;
  if (self->cue_func != NULL)
    self->cue_func (g_steal_pointer (&cue), self->user_data);
}

static void
clear_id (PrlSubtitleParser *self)
{
  g_clear_pointer (&self->id_text, g_free);
  self->id_line = 0;
  self->id_is_number = FALSE;
}

static gboolean
all_digits (const char *s)
{
  const char *p = s;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '\0';
}

static void
start_cue (PrlSubtitleParser *self, const char *line, guint line_no, gint64 offset)
{
  g_autofree char *short_id
      = self->id_text ? excerpt (self->id_text, strlen (self->id_text)) : NULL;

  if (!parse_timing (self, line, line_no, offset))
    {
      clear_id (self);
      self->state = STATE_SKIP;
      return;
    }

  if (self->format == PRL_SUBTITLE_FORMAT_SRT)
    {
      if (self->id_text == NULL)
        prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_WARNING, "cue_number",
                                line_no, 1, -1,
                                _ ("Put the cue’s number on the line before its times."),
                                _ ("The cue has no number."));
      else if (!self->id_is_number)
        prl_check_issue_report (
            &self->issues, PRL_CHECK_SEVERITY_ERROR, "cue_number", self->id_line, 1, -1,
            _ ("Replace it with the cue’s number (1 for the first cue, then 2, 3 …)."),
            _ ("“%s” is not a cue number."), short_id);
      else
        self->cue->index
            = (guint)MIN (g_ascii_strtoull (self->id_text, NULL, 10), G_MAXUINT);
    }
  else if (self->id_text != NULL)
    self->cue->id = g_strdup (self->id_text);

  clear_id (self);
  self->state = STATE_TEXT;
}

static void
orphan_text (PrlSubtitleParser *self)
{
  g_autofree char *short_id = excerpt (self->id_text, strlen (self->id_text));

  if (self->format == PRL_SUBTITLE_FORMAT_SRT && self->id_is_number)
    prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_ERROR, "malformed_cue",
                            self->id_line + 1, 1, -1, timestamp_fix (self->format),
                            _ ("Cue %s has no timing line after its number."),
                            g_strstrip (short_id));
  else if (self->format == PRL_SUBTITLE_FORMAT_SRT)
    prl_check_issue_report (
        &self->issues, PRL_CHECK_SEVERITY_ERROR, "malformed_cue", self->id_line, 1, -1,
        _ ("A blank line inside a cue’s text ends the cue: remove it, or give this "
           "text its own number and timing line."),
        _ ("This text does not belong to any cue."));
  else
    prl_check_issue_report (
        &self->issues, PRL_CHECK_SEVERITY_ERROR, "malformed_cue", self->id_line, 1, -1,
        _ ("A cue is an optional identifier line, then a timing line such as "
           "“00:01.000 --> 00:04.000”, then its text. A blank line inside a cue’s "
           "text ends the cue."),
        _ ("“%s” is not followed by a timing line, so it is not part of any cue."),
        short_id);
}

static void
push_valid_line (PrlSubtitleParser *self, const char *line, guint line_no, gint64 offset)
{
  gboolean blank = is_blank_n (line, strlen (line));

  switch (self->state)
    {
    case STATE_HEADER:
      if (_prl_subtitle_starts_with_word (line, strlen (line), "WEBVTT"))
        {
          self->state = STATE_HEADER_BLOCK;
          return;
        }
      prl_check_issue_report (
          &self->issues, PRL_CHECK_SEVERITY_ERROR, "missing_header", line_no, 1, offset,
          _ ("Add a first line that reads “WEBVTT”, followed by a blank line."),
          _ ("A WebVTT file must start with “WEBVTT”."));
      /* Read on: a forgotten header leaves a cue; a wrong one, a header block. */
      if (is_timing_line (line))
        {
          self->state = STATE_BETWEEN;
          push_valid_line (self, line, line_no, offset);
        }
      else
        self->state = STATE_HEADER_BLOCK;
      return;

    case STATE_HEADER_BLOCK:
      if (blank)
        self->state = STATE_BETWEEN;
      else if (is_timing_line (line))
        {
          prl_check_issue_report (
              &self->issues, PRL_CHECK_SEVERITY_WARNING, "missing_blank_line", line_no, 1,
              -1, _ ("Add a blank line after the “WEBVTT” header."),
              _ ("The first cue starts without a blank line after the header."));
          start_cue (self, line, line_no, offset);
        }
      return;

    case STATE_BETWEEN:
      if (blank)
        return;
      if (is_timing_line (line))
        {
          start_cue (self, line, line_no, offset);
          return;
        }
      if (self->format == PRL_SUBTITLE_FORMAT_VTT
          && (_prl_subtitle_starts_with_word (line, strlen (line), "NOTE")
              || _prl_subtitle_starts_with_word (line, strlen (line), "STYLE")
              || _prl_subtitle_starts_with_word (line, strlen (line), "REGION")))
        {
          if (self->seen_cue
              && !_prl_subtitle_starts_with_word (line, strlen (line), "NOTE"))
            prl_check_issue_report (
                &self->issues, PRL_CHECK_SEVERITY_WARNING, "misplaced_block", line_no, 1,
                -1, _ ("Move STYLE and REGION blocks before the first cue."),
                _ ("A STYLE or REGION block after the first cue is ignored."));
          self->state = STATE_SKIP;
          return;
        }
      self->id_text = g_strdup (line);
      self->id_line = line_no;
      self->id_is_number = all_digits (line);
      self->state = STATE_AFTER_ID;
      return;

    case STATE_AFTER_ID:
      if (is_timing_line (line))
        {
          start_cue (self, line, line_no, offset);
          return;
        }
      orphan_text (self);
      clear_id (self);
      self->state = blank ? STATE_BETWEEN : STATE_SKIP;
      return;

    case STATE_TEXT:
      if (blank)
        {
          finish_cue (self, FALSE);
          self->state = STATE_BETWEEN;
          return;
        }
      if (is_timing_line (line))
        {
          guint number_line = 0;

          /* In SRT, the line before is most likely the next cue's number. */
          if (self->format == PRL_SUBTITLE_FORMAT_SRT && self->lines->len > 0
              && all_digits (g_ptr_array_index (self->lines, self->lines->len - 1)))
            {
              self->id_text = g_ptr_array_steal_index (self->lines, self->lines->len - 1);
              self->id_is_number = TRUE;
              number_line = self->id_line = line_no - 1;
            }
          prl_check_issue_report (
              &self->issues, PRL_CHECK_SEVERITY_WARNING, "missing_blank_line",
              number_line ? number_line : line_no, 1, -1,
              _ ("Put a blank line between cues."),
              _ ("A new cue starts without a blank line after the previous one."));
          if (self->lines->len == 0 && self->cue != NULL)
            self->cue->text_line = 0;
          finish_cue (self, FALSE);
          start_cue (self, line, line_no, offset);
          return;
        }
      if (self->lines->len == 0)
        self->cue->text_line = line_no;
      g_ptr_array_add (self->lines, g_strdup (line));
      if (self->lines->len >= MAX_CUE_LINES)
        {
          PrlSubtitleCue *cue = self->cue;
          gint64          start_ms = cue->start_ms, end_ms = cue->end_ms;
          guint           timing_line = cue->line;

          if (self->long_cue_reported != timing_line)
            prl_check_issue_report (
                &self->issues, PRL_CHECK_SEVERITY_WARNING, "long_cue", timing_line, 0, -1,
                _ ("Check for a missing blank line between cues."),
                _ ("The cue has more than %u lines of text."), MAX_CUE_LINES);
          self->long_cue_reported = timing_line;
          finish_cue (self, TRUE);
          /* Go on with the same times, so that memory stays bounded. */
          self->cue = g_new0 (PrlSubtitleCue, 1);
          self->cue->start_ms = start_ms;
          self->cue->end_ms = end_ms;
          self->cue->line = timing_line;
        }
      return;

    case STATE_SKIP:
      if (blank)
        self->state = STATE_BETWEEN;
      return;

    default:
      g_assert_not_reached ();
    }
}

PrlSubtitleParser *
prl_subtitle_parser_new (PrlSubtitleFormat  format,
                         const char        *path,
                         PrlSubtitleCueFunc cue_func,
                         PrlCheckIssueFunc  issue_func,
                         gpointer           user_data)
{
  PrlSubtitleParser *self;

  g_return_val_if_fail (
      format == PRL_SUBTITLE_FORMAT_SRT || format == PRL_SUBTITLE_FORMAT_VTT, NULL);

  self = g_new0 (PrlSubtitleParser, 1);
  self->format = format;
  self->path = g_strdup (path);
  self->cue_func = cue_func;
  self->issues.func = issue_func;
  self->issues.user_data = user_data;
  self->issues.path = self->path;
  self->user_data = user_data;
  self->state = format == PRL_SUBTITLE_FORMAT_VTT ? STATE_HEADER : STATE_BETWEEN;
  self->first_line = TRUE;
  self->lines = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
prl_subtitle_parser_free (PrlSubtitleParser *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->id_text);
  prl_subtitle_cue_free (self->cue);
  g_ptr_array_unref (self->lines);
  g_free (self);
}

gboolean
prl_subtitle_parser_had_invalid_utf8 (PrlSubtitleParser *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->invalid_utf8;
}

/**
 * prl_subtitle_parser_push_line:
 * @self: a parser
 * @line: one line, without its terminator; any bytes
 * @length: its length in bytes
 * @line_no: its 1-based number
 * @byte_offset: where it starts in the file, or -1
 */
void
prl_subtitle_parser_push_line (PrlSubtitleParser *self,
                               const char        *line,
                               gsize              length,
                               guint              line_no,
                               gint64             byte_offset)
{
  g_autofree char *valid = NULL;
  const char      *bad;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL || length == 0);

  if (self->first_line)
    {
      self->first_line = FALSE;
      prl_line_skip_bom (&line, &length, &byte_offset);
    }

  if (!g_utf8_validate_len (line, length, &bad))
    {
      prl_check_issue_report_invalid_utf8 (&self->issues, line_no, line, bad,
                                           byte_offset);
      self->invalid_utf8 = TRUE;
      valid = g_utf8_make_valid (line, length);
    }
  else
    valid = g_strndup (line, length);

  push_valid_line (self, valid, line_no, byte_offset);
}

void
prl_subtitle_parser_finish (PrlSubtitleParser *self)
{
  g_return_if_fail (self != NULL);

  switch (self->state)
    {
    case STATE_HEADER:
      prl_check_issue_report (
          &self->issues, PRL_CHECK_SEVERITY_ERROR, "missing_header", 1, 1, 0,
          _ ("Add a first line that reads “WEBVTT”, followed by a blank line."),
          _ ("A WebVTT file must start with “WEBVTT”."));
      break;

    case STATE_AFTER_ID:
      orphan_text (self);
      clear_id (self);
      break;

    case STATE_TEXT:
      finish_cue (self, FALSE);
      break;

    case STATE_HEADER_BLOCK:
    case STATE_BETWEEN:
    case STATE_SKIP:
      break;

    default:
      g_assert_not_reached ();
    }

  self->state = STATE_BETWEEN;
}

/**
 * prl_subtitles_parse:
 * @format: %PRL_SUBTITLE_FORMAT_SRT or %PRL_SUBTITLE_FORMAT_VTT
 * @path: (nullable): the file name for issues
 * @data: the contents
 * @length: the length of @data, or -1 if nul-terminated
 * @issues: (nullable) (element-type PrlCheckIssue): receives the problems
 *
 * Returns: (transfer full) (element-type PrlSubtitleCue): the cues that
 *   have valid times, in file order
 */
GPtrArray *
prl_subtitles_parse (PrlSubtitleFormat format,
                     const char       *path,
                     const char       *data,
                     gssize            length,
                     GPtrArray        *issues)
{
  g_autoptr (PrlSubtitleParser) parser = NULL;
  PrlCheckCollector collector = { NULL, issues };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  collector.items
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_subtitle_cue_free);
  parser = prl_subtitle_parser_new (format, path,
                                    (PrlSubtitleCueFunc)prl_check_collector_add_item,
                                    prl_check_collector_add_issue, &collector);
  prl_lines_foreach (data, length, (PrlLineFunc)prl_subtitle_parser_push_line, parser);
  prl_subtitle_parser_finish (parser);

  return collector.items;
}

/**
 * prl_subtitles_load:
 * @format: the format, or %PRL_SUBTITLE_FORMAT_NONE to go by the extension
 *   and then the content
 * @path: the file
 * @issues: (nullable) (element-type PrlCheckIssue): receives the problems
 *
 * Reads a subtitle file line by line. Problems in the file are issues;
 * @error is only set when the file cannot be read.
 *
 * Returns: (transfer full) (element-type PrlSubtitleCue): the cues
 */
GPtrArray *
prl_subtitles_load (PrlSubtitleFormat format,
                    const char       *path,
                    GPtrArray        *issues,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autoptr (PrlLineReader) reader = NULL;
  g_autoptr (PrlSubtitleParser) parser = NULL;
  g_autoptr (GPtrArray) cues = NULL;
  PrlCheckCollector collector = { NULL, issues };

  g_return_val_if_fail (path != NULL, NULL);

  if ((reader = prl_line_reader_open (path, cancellable, error)) == NULL)
    return NULL;

  if (format == PRL_SUBTITLE_FORMAT_NONE)
    format = prl_subtitle_format_for_path (path);
  if (format == PRL_SUBTITLE_FORMAT_NONE)
    {
      const guint8 *head;
      gsize         n;

      if (!prl_line_reader_peek (reader, &head, &n, cancellable, error))
        return NULL;
      format = prl_subtitle_format_sniff (head, MIN (n, 512));
      if (format == PRL_SUBTITLE_FORMAT_NONE)
        format = PRL_SUBTITLE_FORMAT_SRT;
    }

  cues = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_subtitle_cue_free);
  collector.items = cues;
  parser = prl_subtitle_parser_new (format, path,
                                    (PrlSubtitleCueFunc)prl_check_collector_add_item,
                                    prl_check_collector_add_issue, &collector);
  if (!prl_line_reader_foreach (reader, path, (PrlLineFunc)prl_subtitle_parser_push_line,
                                parser, cancellable, error))
    return NULL;
  prl_subtitle_parser_finish (parser);

  return g_steal_pointer (&cues);
}
