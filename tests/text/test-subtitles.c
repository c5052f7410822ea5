/* test-subtitles.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-subtitles"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "text-test-util.h"
#include "prl-manifest.h"
#include "prl-subtitles.h"

static GPtrArray *
parse (PrlSubtitleFormat format, const char *data, char **issues_out)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  GPtrArray *cues = prl_subtitles_parse (format, "subs", data, -1, issues);

  for (guint i = 0; i < issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (issues, i);

      g_assert_nonnull (issue->message);
      g_assert_nonnull (issue->fix);
      g_assert_cmpstr (issue->path, ==, "subs");
    }
  *issues_out = issues_string (issues);
  return cues;
}

#define CUE(cues, i) ((const PrlSubtitleCue *)g_ptr_array_index (cues, i))

static void
test_srt_basic (void)
{
  g_autoptr (GPtrArray) cues = NULL;
  g_autofree char *issues = NULL;

  cues = parse (PRL_SUBTITLE_FORMAT_SRT,
                "\xEF\xBB\xBF"
                "1\r\n"
                "00:00:01,000 --> 00:00:04,500\r\n"
                "<i>Hello</i> there,\r\n"
                "{\\an8}<font color=\"#ff0000\">General</font> <b>Kenobi</b>!\r\n"
                "\r\n"
                "2\r\n"
                "00:00:03,000 --> 00:00:05,000 X1:10 X2:20\r\n"
                "Overlapping is fine.\r\n"
                "\r\n"
                "\r\n"
                "10\n"
                "01:02:03.004 --> 01:02:04.000\n"
                "Dots are accepted; <U>tags</U> in any case.\n",
                &issues);

  g_assert_cmpstr (issues, ==, "");
  g_assert_cmpuint (cues->len, ==, 3);

  g_assert_cmpuint (CUE (cues, 0)->index, ==, 1);
  g_assert_cmpint (CUE (cues, 0)->start_ms, ==, 1000);
  g_assert_cmpint (CUE (cues, 0)->end_ms, ==, 4500);
  g_assert_cmpstr (CUE (cues, 0)->text, ==, "Hello there,\nGeneral Kenobi!");
  g_assert_cmpstr (CUE (cues, 0)->raw_lines[0], ==, "<i>Hello</i> there,");
  g_assert_cmpuint (g_strv_length (CUE (cues, 0)->raw_lines), ==, 2);
  g_assert_cmpuint (CUE (cues, 0)->line, ==, 2);
  g_assert_cmpuint (CUE (cues, 0)->text_line, ==, 3);
  g_assert_null (CUE (cues, 0)->settings);

  g_assert_cmpuint (CUE (cues, 1)->index, ==, 2);
  g_assert_cmpstr (CUE (cues, 1)->settings, ==, "X1:10 X2:20");
  g_assert_cmpuint (CUE (cues, 1)->line, ==, 7);

  g_assert_cmpuint (CUE (cues, 2)->index, ==, 10);
  g_assert_cmpint (CUE (cues, 2)->start_ms, ==, 3723004);
  g_assert_cmpstr (CUE (cues, 2)->text, ==, "Dots are accepted; tags in any case.");
  g_assert_cmpuint (CUE (cues, 2)->text_line, ==, 13);
}

static void
expect (PrlSubtitleFormat format, const char *data, const char *expected, guint n_cues)
{
  g_autoptr (GPtrArray) cues = NULL;
  g_autofree char *issues = NULL;

  cues = parse (format, data, &issues);
  if (g_strcmp0 (issues, expected) != 0)
    g_error ("for:\n%s\nexpected “%s”\n     got “%s”", data, expected, issues);
  g_assert_cmpuint (cues->len, ==, n_cues);
}

static void
test_srt_bad (void)
{
  /* A missing number is a warning; a wrong one is an error on its line. */
  expect (PRL_SUBTITLE_FORMAT_SRT, "00:00:01,000 --> 00:00:02,000\nhi\n",
          "cue_number@1:1", 1);
  expect (PRL_SUBTITLE_FORMAT_SRT, "\n\none\n00:00:01,000 --> 00:00:02,000\nhi\n",
          "cue_number@3:1", 1);

  /* Malformed timing lines, with the column of the problem. */
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:61,000 --> 00:01:02,000\nhi\n",
          "bad_timestamp@2:1", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:60:01,000 --> 00:01:02,000\nhi\n",
          "bad_timestamp@2:1", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n  00:00:01 --> 00:00:02,000\nhi\n",
          "bad_timestamp@2:3", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 -> 00:00:02,000 -->\nhi\n",
          "bad_timestamp@2:14", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 -->\nhi\n", "bad_timestamp@2:17", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,00\nhi\n",
          "bad_timestamp@2:18", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000x\nhi\n",
          "bad_timestamp@2:30", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:01,000 --> 00:00:02,000\nhi\n",
          "bad_timestamp@2:1", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n --> 00:00:02,000\nhi\n", "bad_timestamp@2:2", 0);
  /* The next cue is still read after a broken one. */
  expect (
      PRL_SUBTITLE_FORMAT_SRT,
      "1\n00:00:01;000 --> 00:00:02,000\nhi\n\n2\n00:00:03,000 --> 00:00:04,000\nok\n",
      "bad_timestamp@2:1", 1);

  /* End before or at the start: an error at the end time; overlap is fine. */
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:05,000 --> 00:00:04,000\nhi\n",
          "end_before_start@2:18", 1);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:05,000 --> 00:00:05,000\nhi\n",
          "end_before_start@2:18", 1);

  /* Empty cues, and cues with only styling. */
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000\n\n",
          "empty_cue@2:0", 1);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000", "empty_cue@2:0",
          1);
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n",
          "empty_cue@2:0", 1);

  /* A number without times, and text after a blank line inside a cue. */
  expect (PRL_SUBTITLE_FORMAT_SRT, "1\nhello\n\n", "malformed_cue@2:1", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT, "7\n", "malformed_cue@2:1", 0);
  expect (PRL_SUBTITLE_FORMAT_SRT,
          "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nstray line\n\n",
          "malformed_cue@5:1", 1);

  /* A missing blank line: the number before the times is taken back. */
  {
    g_autoptr (GPtrArray) cues = NULL;
    g_autofree char *issues = NULL;

    cues = parse (PRL_SUBTITLE_FORMAT_SRT,
                  "1\n00:00:01,000 --> 00:00:02,000\nfirst\n2\n00:00:03,000 --> "
                  "00:00:04,000\nsecond\n",
                  &issues);
    g_assert_cmpstr (issues, ==, "missing_blank_line@4:1");
    g_assert_cmpuint (cues->len, ==, 2);
    g_assert_cmpstr (CUE (cues, 0)->text, ==, "first");
    g_assert_cmpuint (CUE (cues, 1)->index, ==, 2);
    g_assert_cmpstr (CUE (cues, 1)->text, ==, "second");
  }
}

static void
test_vtt_basic (void)
{
  g_autoptr (GPtrArray) cues = NULL;
  g_autofree char *issues = NULL;

  cues = parse (
      PRL_SUBTITLE_FORMAT_VTT,
      "\xEF\xBB\xBF"
      "WEBVTT - A title\n"
      "Kind: captions\n"
      "\n"
      "STYLE\n"
      "::cue { color: yellow }\n"
      "\n"
      "REGION\n"
      "id:fred width:40%\n"
      "\n"
      "NOTE a comment\n"
      "that spans lines\n"
      "\n"
      "intro\n"
      "00:01.000 --> 00:04.000 align:start line:0 position:10%,line-left size:50% "
      "vertical:rl region:fred\n"
      "<v Roger Bingham>We are in <c.yellow.bg_blue>New York</c> "
      "<00:02.500><i>City</i></v> &amp; <lang en>fine</lang>\n"
      "<ruby>漢<rt>kan</rt></ruby>\n"
      "\n"
      "NOTE\n"
      "\n"
      "01:00:00.000 --> 01:00:01.500 line:-1,end\n"
      "Last &lt;one&gt;&nbsp;here\n",
      &issues);

  g_assert_cmpstr (issues, ==, "");
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (CUE (cues, 0)->id, ==, "intro");
  g_assert_cmpint (CUE (cues, 0)->start_ms, ==, 1000);
  g_assert_cmpint (CUE (cues, 0)->end_ms, ==, 4000);
  g_assert_cmpstr (CUE (cues, 0)->settings, ==,
                   "align:start line:0 position:10%,line-left size:50% vertical:rl "
                   "region:fred");
  g_assert_cmpstr (CUE (cues, 0)->text, ==, "We are in New York City & fine\n漢kan");
  g_assert_cmpuint (CUE (cues, 0)->line, ==, 14);
  g_assert_cmpuint (CUE (cues, 0)->text_line, ==, 15);
  g_assert_cmpuint (CUE (cues, 0)->index, ==, 0);

  g_assert_null (CUE (cues, 1)->id);
  g_assert_cmpint (CUE (cues, 1)->start_ms, ==, 3600000);
  g_assert_cmpstr (CUE (cues, 1)->text, ==, "Last <one>\xC2\xA0here");
  g_assert_cmpuint (CUE (cues, 1)->line, ==, 20);
}

static void
test_vtt_line_endings (void)
{
  g_autoptr (GPtrArray) cues = NULL;
  g_autofree char *issues = NULL;

  /* A lone CR ends lines too, and CRLF counts once. */
  cues = parse (
      PRL_SUBTITLE_FORMAT_VTT,
      "WEBVTT\r\r00:00.000 --> 00:01.000\rone\r\n\r\n00:02.000 --> 00:03.000\ntwo",
      &issues);
  g_assert_cmpstr (issues, ==, "");
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (CUE (cues, 0)->text, ==, "one");
  g_assert_cmpuint (CUE (cues, 0)->line, ==, 3);
  g_assert_cmpuint (CUE (cues, 1)->line, ==, 6);
  g_assert_cmpstr (CUE (cues, 1)->text, ==, "two");
}

static void
test_vtt_bad (void)
{
  /* No header: an error at 1:1, and the cues are still read. */
  expect (PRL_SUBTITLE_FORMAT_VTT, "00:01.000 --> 00:02.000\nhi\n", "missing_header@1:1",
          1);
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTTX\n\n00:01.000 --> 00:02.000\nhi\n",
          "missing_header@1:1", 1);
  expect (PRL_SUBTITLE_FORMAT_VTT, "", "missing_header@1:1", 0);

  /* WebVTT timestamps: "." only, two-digit hours at least, three-digit ms. */
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n00:01,000 --> 00:02.000\nhi\n",
          "bad_timestamp@3:1", 0);
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n0:00:01.000 --> 00:02.000\nhi\n",
          "bad_timestamp@3:1", 0);
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n00:01.000 --> 00:02.0000\nhi\n",
          "bad_timestamp@3:15", 0);
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n00:03.000 --> 00:02.000\nhi\n",
          "end_before_start@3:15", 1);

  /* Cue settings, each at its column; a bad one is only a warning. */
  expect (PRL_SUBTITLE_FORMAT_VTT,
          "WEBVTT\n\n00:01.000 --> 00:02.000 vertical:xx size:120% foo:bar align:middle "
          "line:abc position:50%,bogus nocolon region:\nhi\n",
          "bad_cue_setting@3:34 bad_cue_setting@3:42 bad_cue_setting@3:47 "
          "bad_cue_setting@3:61 bad_cue_setting@3:73 bad_cue_setting@3:86 "
          "bad_cue_setting@3:96 bad_cue_setting@3:111",
          1);
  expect (PRL_SUBTITLE_FORMAT_VTT,
          "WEBVTT\n\n00:01.000 --> 00:02.000 line:50%,center position:0% size:100%\nhi\n",
          "", 1);

  /* An identifier without times, and a STYLE block after a cue. */
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\nintro\nhello\n\n", "malformed_cue@3:1", 0);
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\nintro\n", "malformed_cue@3:1", 0);
  expect (PRL_SUBTITLE_FORMAT_VTT,
          "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nSTYLE\n::cue {}\n\n"
          "00:03.000 --> 00:04.000\nthere\n",
          "misplaced_block@6:1", 2);

  /* Empty cue text; a cue right after the header; a missing blank line. */
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\n\n",
          "empty_cue@3:0", 1);
  expect (PRL_SUBTITLE_FORMAT_VTT, "WEBVTT\n00:01.000 --> 00:02.000\nhi\n",
          "missing_blank_line@2:1", 1);
  expect (PRL_SUBTITLE_FORMAT_VTT,
          "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n00:03.000 --> 00:04.000\nthere\n",
          "missing_blank_line@5:1", 2);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) cues = NULL;
  const PrlCheckIssue *issue;

  cues = prl_subtitles_parse (PRL_SUBTITLE_FORMAT_SRT, "x.srt",
                              "1\n00:00:01,000 --> 00:00:02,000\nCaf\xE9 ol\xE9\n", -1,
                              issues);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->code, ==, "invalid_utf8");
  g_assert_cmpuint (issue->line, ==, 3);
  g_assert_cmpuint (issue->column, ==, 4);
  g_assert_cmpint (issue->byte_offset, ==, 35);
  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_true (g_utf8_validate (CUE (cues, 0)->text, -1, NULL));
}

static void
test_strip_tags (void)
{
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  a = prl_subtitle_strip_tags (PRL_SUBTITLE_FORMAT_SRT, "<b>x</b> {\\i1}y", map);
  g_assert_cmpstr (a, ==, "x y");
  g_assert_cmpuint (map->len, ==, 3);
  g_assert_cmpuint (g_array_index (map, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (map, guint, 1), ==, 8);
  g_assert_cmpuint (g_array_index (map, guint, 2), ==, 14);

  /* Unknown tags stay, for the markup check; "<" alone stays. */
  b = prl_subtitle_strip_tags (PRL_SUBTITLE_FORMAT_SRT, "<div>a < b</div> <c.x>", NULL);
  g_assert_cmpstr (b, ==, "<div>a < b</div> <c.x>");
  c = prl_subtitle_strip_tags (PRL_SUBTITLE_FORMAT_VTT,
                               "<div>x</div> &copy; <00:00:01.000>y&lrm;<b.loud>z", NULL);
  g_assert_cmpstr (c, ==, "<div>x</div> &copy; yz");
  g_array_set_size (map, 0);
  d = prl_subtitle_strip_tags (PRL_SUBTITLE_FORMAT_VTT, "a&amp;b", map);
  g_assert_cmpstr (d, ==, "a&b");
  g_assert_cmpuint (g_array_index (map, guint, 2), ==, 6);
}

/* Each "<" and "{\\" used to search the rest of the line for its end: a
 * cue line of a megabyte took minutes. Now the line is read once. */
static void
test_strip_tags_linear (void)
{
  static const struct
  {
    PrlSubtitleFormat format;
    const char       *unit;
    const char       *tail;
  } cases[] = {
    { PRL_SUBTITLE_FORMAT_SRT, "<", ">" },
    { PRL_SUBTITLE_FORMAT_VTT, "<1", ">" },
    { PRL_SUBTITLE_FORMAT_SRT, "{\\", "" },
    { PRL_SUBTITLE_FORMAT_VTT, "<c.", "<i>x</i>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) line = g_string_new (NULL);
      g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      while (line->len < 1000 * 1000)
        g_string_append (line, cases[i].unit);
      expected = g_strdup (line->str);
      g_string_append (line, cases[i].tail);

      /* None of these is a styling tag, but for the last "<i>x</i>". */
      text = prl_subtitle_strip_tags (cases[i].format, line->str, map);
      if (g_str_equal (cases[i].tail, "<i>x</i>"))
        {
          g_autofree char *with_x = g_strconcat (expected, "x", NULL);

          g_assert_cmpstr (text, ==, with_x);
        }
      else
        g_assert_cmpstr (text, ==, line->str);
      g_assert_cmpuint (map->len, ==, strlen (text));
      g_assert_cmpuint (g_array_index (map, guint, map->len - 1), <, line->len);
    }
}

/* Each bad cue setting's column was counted from the start of the line: a
 * timing line with 200000 of them took more than five minutes. */
static void
test_many_bad_settings (void)
{
  const guint n = 200000;
  g_autoptr (GString) data = g_string_new ("WEBVTT\n\n00:01.000 --> 00:02.000 ");
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) cues = NULL;
  const PrlCheckIssue *last;

  for (guint i = 0; i < n; i++)
    g_string_append (data, i == n / 2 ? "é:1 " : "x ");
  g_string_append (data, "line:50%\nhello\n");

  cues = prl_subtitles_parse (PRL_SUBTITLE_FORMAT_VTT, "subs", data->str, -1, issues);
  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_cmpstr (CUE (cues, 0)->text, ==, "hello");
  g_assert_cmpuint (issues->len, ==, n);
  /* The columns count characters, past the two-byte “é”. */
  g_assert_cmpstr (((PrlCheckIssue *)g_ptr_array_index (issues, 0))->code, ==,
                   "bad_cue_setting");
  g_assert_cmpuint (((PrlCheckIssue *)g_ptr_array_index (issues, 0))->column, ==, 25);
  g_assert_cmpuint (((PrlCheckIssue *)g_ptr_array_index (issues, n / 2))->column, ==,
                    25 + 2 * (n / 2));
  last = g_ptr_array_index (issues, n - 1);
  g_assert_cmpuint (last->line, ==, 3);
  g_assert_cmpuint (last->column, ==, 25 + 2 * (n - 1) + 2);
}

static void
test_sniff (void)
{
#define SNIFF(s) prl_subtitle_format_sniff ((const guint8 *)(s), strlen (s))
  g_assert_cmpint (SNIFF ("WEBVTT\n\n"), ==, PRL_SUBTITLE_FORMAT_VTT);
  g_assert_cmpint (SNIFF ("\xEF\xBB\xBFWEBVTT"), ==, PRL_SUBTITLE_FORMAT_VTT);
  g_assert_cmpint (SNIFF ("WEBVTT\tx"), ==, PRL_SUBTITLE_FORMAT_VTT);
  g_assert_cmpint (SNIFF ("WEBVTTx"), ==, PRL_SUBTITLE_FORMAT_NONE);
  g_assert_cmpint (SNIFF ("\r\n1\r\n00:00:01,000 --> 00:00:02,000\r\n"), ==,
                   PRL_SUBTITLE_FORMAT_SRT);
  g_assert_cmpint (SNIFF ("1\nhello\n"), ==, PRL_SUBTITLE_FORMAT_NONE);
  g_assert_cmpint (SNIFF ("1984 was a year\n"), ==, PRL_SUBTITLE_FORMAT_NONE);
  g_assert_cmpint (SNIFF (""), ==, PRL_SUBTITLE_FORMAT_NONE);
#undef SNIFF
  g_assert_cmpint (prl_subtitle_format_for_path ("/a/b.SRT"), ==,
                   PRL_SUBTITLE_FORMAT_SRT);
  g_assert_cmpint (prl_subtitle_format_for_path ("b.vtt"), ==, PRL_SUBTITLE_FORMAT_VTT);
  g_assert_cmpint (prl_subtitle_format_for_path ("a.srt/b"), ==,
                   PRL_SUBTITLE_FORMAT_NONE);
}

static void
test_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) cues = NULL;
  g_autofree char     *dir = g_dir_make_tmp ("prl-subtitles-XXXXXX", &error);
  g_autofree char     *path = g_build_filename (dir, "talk", NULL);
  g_autofree char     *got = NULL;
  const PrlCheckIssue *issue;

  g_assert_no_error (error);
  g_file_set_contents (path,
                       "WEBVTT\r\n\r\n00:01.000 --> 00:02.000 size:200%\r\nhello\r\n\r\n"
                       "00:03.000 --> 00:04.000\r\nworld\r\n",
                       -1, &error);
  g_assert_no_error (error);

  /* No extension: the content says WebVTT. */
  cues = prl_subtitles_load (PRL_SUBTITLE_FORMAT_NONE, path, issues, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (CUE (cues, 1)->text, ==, "world");
  got = issues_string (issues);
  g_assert_cmpstr (got, ==, "bad_cue_setting@3:30");
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->path, ==, path);

  g_clear_pointer (&cues, g_ptr_array_unref);
  g_assert_null (prl_subtitles_load (PRL_SUBTITLE_FORMAT_SRT, "/nonexistent/x.srt", NULL,
                                     NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

/* Fuzz-ish: random and mutated inputs must never crash a parser, and every
 * issue must say where it is. */

static const char *const seeds[] = {
  "1\n00:00:01,000 --> 00:00:04,000\n<i>Hello</i> {\\an8}there\n\n2\n00:00:05,000 --> "
  "00:00:06,000\nmore\n",
  "WEBVTT\n\nNOTE x\n\nid\n00:01.000 --> 00:02.000 align:start line:0\n<v A>hi "
  "&amp;</v>\n\n00:03.000 --> 00:04.000\n<c.x>b</c>\n",
  "{\"audio_filepath\": \"a.wav\", \"text\": \"hello\", \"duration\": 1.5}\n"
  "{\"audio_filepath\": \"/b.wav\", \"text\": \"x\"}\n",
};

static const char *const tokens[] = {
  "-->",       "\n",
  "\r",        "\r\n",
  "<",         ">",
  "</",        "{\\",
  "}",         "&amp;",
  "&",         "WEBVTT",
  "NOTE",      "STYLE",
  ":",         ",",
  ".",         "00:",
  "99",        "\xFF",
  "\xC3",      "\xEF\xBB\xBF",
  "\"",        "{",
  "}",         "[",
  "]",         "\\u0000",
  "null",      "-1",
  " ",         "\t",
  "%",         "\xE2\x80",
  "position:", "line:",
};

static void
check_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (issues, i);

      g_assert_true (issue->line >= 1 || issue->byte_offset >= 0);
      g_assert_nonnull (issue->code);
      g_assert_true (g_utf8_validate (issue->message, -1, NULL));
    }
}

static GByteArray *
mutate (void)
{
  GByteArray *data = g_byte_array_new ();
  guint       kind = g_test_rand_int_range (0, 4);

  if (kind == 0)
    {
      /* Random bytes, biased towards the structural characters. */
      guint n = g_test_rand_int_range (0, 300);

      for (guint i = 0; i < n; i++)
        {
          guint8 b = g_test_rand_bit ()
                         ? (guint8)g_test_rand_int_range (0, 256)
                         : (guint8) "0123456789:,.-> \n\r{}\"<&"[g_test_rand_int_range (
                             0, 24)];

          g_byte_array_append (data, &b, 1);
        }
      return data;
    }

  {
    const char *seed = seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))];
    guint       n_mutations = g_test_rand_int_range (1, 12);

    g_byte_array_append (data, (const guint8 *)seed, strlen (seed));
    for (guint m = 0; m < n_mutations; m++)
      {
        guint at = data->len ? g_test_rand_int_range (0, data->len + 1) : 0;

        switch (g_test_rand_int_range (0, 4))
          {
          case 0:
            if (at < data->len)
              data->data[at] = (guint8)g_test_rand_int_range (0, 256);
            break;
          case 1:
            {
              guint n = (guint)g_test_rand_int_range (1, 20);

              if (at < data->len)
                g_byte_array_remove_range (data, at, MIN (data->len - at, n));
            }
            break;
          case 2:
            {
              const char *t = tokens[g_test_rand_int_range (0, G_N_ELEMENTS (tokens))];

              gsize n = strlen (t);
              guint old_len = data->len;

              g_byte_array_set_size (data, old_len + n);
              memmove (data->data + at + n, data->data + at, old_len - at);
              memcpy (data->data + at, t, n);
            }
            break;
          default:
            g_byte_array_set_size (data, at);
            break;
          }
      }
  }
  return data;
}

static void
test_fuzz (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prl-fuzz-XXXXXX", &error);
  g_autofree char *manifest = g_build_filename (dir, "m.jsonl", NULL);

  g_assert_no_error (error);

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr (GByteArray) data = mutate ();
      const char *bytes = (const char *)data->data;
      gssize      len = data->len;

      for (PrlSubtitleFormat f = PRL_SUBTITLE_FORMAT_SRT; f <= PRL_SUBTITLE_FORMAT_VTT;
           f++)
        {
          g_autoptr (GPtrArray) issues
              = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
          g_autoptr (GPtrArray) cues
              = prl_subtitles_parse (f, "fuzz", len ? bytes : "", len, issues);

          check_issues (issues);
          for (guint c = 0; c < cues->len; c++)
            {
              g_assert_true (g_utf8_validate (CUE (cues, c)->text, -1, NULL));
              g_assert_nonnull (CUE (cues, c)->raw_lines);
              g_assert_cmpuint (CUE (cues, c)->line, >=, 1);
            }
        }

      {
        g_autoptr (GPtrArray) issues
            = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
        g_autoptr (GPtrArray) entries
            = prl_manifest_parse (manifest, len ? bytes : "", len, issues);

        check_issues (issues);
        /* No audio exists in the temporary folder, unless a path names a real file. */
        for (guint e = 0; e < entries->len; e++)
          {
            const PrlManifestEntry *entry = g_ptr_array_index (entries, e);

            g_assert_true (g_path_is_absolute (entry->audio_filepath));
            g_assert_nonnull (entry->text);
          }
      }
    }

  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/subtitles/srt/basic", test_srt_basic);
  g_test_add_func ("/text/subtitles/srt/bad", test_srt_bad);
  g_test_add_func ("/text/subtitles/vtt/basic", test_vtt_basic);
  g_test_add_func ("/text/subtitles/vtt/line-endings", test_vtt_line_endings);
  g_test_add_func ("/text/subtitles/vtt/bad", test_vtt_bad);
  g_test_add_func ("/text/subtitles/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/text/subtitles/strip-tags", test_strip_tags);
  g_test_add_func ("/text/subtitles/strip-tags-linear", test_strip_tags_linear);
  g_test_add_func ("/text/subtitles/many-bad-settings", test_many_bad_settings);
  g_test_add_func ("/text/subtitles/sniff", test_sniff);
  g_test_add_func ("/text/subtitles/load", test_load);
  g_test_add_func ("/text/subtitles/fuzz", test_fuzz);

  return g_test_run ();
}
