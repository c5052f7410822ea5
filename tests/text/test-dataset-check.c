/* test-dataset-check.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-dataset-check"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "prl-dataset-check.h"
#include "prl-text-checker.h"

#include "../test-util.h"

static char *tmp_dir;

static char *
write_file (const char *name, const char *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
issues_string (const PrlFileCheck *check)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < check->issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (check->issues, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s@%u:%u", issue->code, issue->line, issue->column);
      g_assert_nonnull (issue->message);
      g_assert_true (g_utf8_validate (issue->message, -1, NULL));
      g_assert_nonnull (issue->fix);
      g_assert_cmpstr (issue->path, ==, check->path);
    }
  return g_string_free (out, FALSE);
}

/* Checks @data as file @name and compares the issues with @expected. */
static PrlFileCheck *
check_text (const char *name,
            const char *data,
            gssize      len,
            const char *language,
            const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_file (name, data, len);
  g_autofree char *got = NULL;
  PrlFileCheck    *check;

  check = prl_check_text_file (path, PRL_DATASET_TYPE_AUTO, language, NULL, &error);
  g_assert_no_error (error);
  got = issues_string (check);
  if (g_strcmp0 (got, expected) != 0)
    g_error ("for %s:\n%s\nexpected “%s”\n     got “%s”", name, data, expected, got);
  g_unlink (path);
  return check;
}

static const PrlCheckIssue *
issue_at (const PrlFileCheck *check, guint i)
{
  g_assert_cmpuint (i, <, check->issues->len);
  return g_ptr_array_index (check->issues, i);
}

static void
test_types (void)
{
  static const struct
  {
    PrlDatasetType type;
    const char    *name;
    const char    *label;
  } table[] = {
    { PRL_DATASET_TYPE_AUTO, "AUTO", "Auto-detect" },
    { PRL_DATASET_TYPE_TRANSCRIPT, "TRANSCRIPT", "Training text" },
    { PRL_DATASET_TYPE_TUNING, "TUNING", "Tuning text" },
    { PRL_DATASET_TYPE_TEST, "TEST", "Test transcript" },
    { PRL_DATASET_TYPE_AUDIO, "AUDIO", "Audio" },
    { PRL_DATASET_TYPE_MANIFEST, "MANIFEST", "Manifest" },
  };
  PrlDatasetType type;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *lower = g_ascii_strdown (table[i].name, -1);

      g_assert_cmpstr (prl_dataset_type_to_string (table[i].type), ==, table[i].name);
      g_assert_cmpstr (prl_dataset_type_get_label (table[i].type), ==, table[i].label);
      type = -1;
      g_assert_true (prl_dataset_type_from_string (table[i].name, &type));
      g_assert_cmpint (type, ==, table[i].type);
      g_assert_true (prl_dataset_type_from_string (lower, &type));
      g_assert_cmpint (type, ==, table[i].type);
    }

  g_assert_true (prl_dataset_type_from_string ("Tuning", &type));
  g_assert_cmpint (type, ==, PRL_DATASET_TYPE_TUNING);
  g_assert_false (prl_dataset_type_from_string ("TEXT", &type));
  g_assert_false (prl_dataset_type_from_string ("", &type));
  g_assert_false (prl_dataset_type_from_string (NULL, &type));
}

static void
test_format (void)
{
  g_autoptr (PrlFileCheck) check
      = prl_file_check_new ("/home/u/notes.txt", PRL_DATASET_TYPE_TRANSCRIPT);
  g_autoptr (GPtrArray) checks = g_ptr_array_new ();
  g_autoptr (PrlFileCheck) ok
      = prl_file_check_new ("/x/clean.txt", PRL_DATASET_TYPE_TUNING);
  g_autoptr (PrlFileCheck) audio
      = prl_file_check_new ("/x/a.wav", PRL_DATASET_TYPE_AUDIO);
  g_autofree char *text = NULL;
  g_autofree char *report = NULL;
  g_autofree char *empty = NULL;

  g_ptr_array_add (check->issues, prl_check_issue_new (
                                      PRL_CHECK_SEVERITY_ERROR, "markup", check->path, 12,
                                      7, 345, "The line contains HTML markup (“<b>”).",
                                      "Remove the tags, or export the document as plain "
                                      "text."));
  g_ptr_array_add (check->issues,
                   prl_check_issue_new (PRL_CHECK_SEVERITY_WARNING, "x", check->path, 3,
                                        0, -1, "Line only.", NULL));
  g_ptr_array_add (check->issues,
                   prl_check_issue_new (PRL_CHECK_SEVERITY_ERROR, "y", check->path, 0, 0,
                                        1234, "Offset only.", "Do it."));
  g_ptr_array_add (check->issues,
                   prl_check_issue_new (PRL_CHECK_SEVERITY_ERROR, "z", NULL, 0, 0, -1,
                                        "Whole file.", ""));

  text = prl_file_check_format (check);
  g_assert_cmpstr (text, ==,
                   "notes.txt:12:7: error: The line contains HTML markup (“<b>”). Fix: "
                   "Remove the tags, or export the document as plain text.\n"
                   "notes.txt:3: warning: Line only.\n"
                   "notes.txt:byte 1234: error: Offset only. Fix: Do it.\n"
                   "notes.txt: error: Whole file.\n");
  g_assert_true (prl_file_check_has_errors (check));
  g_assert_cmpuint (prl_file_check_count (check, PRL_CHECK_SEVERITY_ERROR), ==, 3);
  g_assert_cmpuint (prl_file_check_count (check, PRL_CHECK_SEVERITY_WARNING), ==, 1);

  check->n_bytes = 2048;
  check->n_lines = 12;
  check->n_words = 1;
  ok->n_bytes = 10;
  ok->n_lines = 1;
  ok->n_words = 2;
  audio->n_bytes = 3000000;
  audio->duration = 3725;
  audio->sample_rate = 16000;
  audio->channels = 1;
  audio->codec = g_strdup ("FLAC");
  g_ptr_array_add (checks, check);
  g_ptr_array_add (checks, ok);
  g_ptr_array_add (checks, audio);
  report = prl_check_report_format (checks);
  g_assert_cmpstr (report, ==,
                   "notes.txt — Training text, 2.0\xC2\xA0"
                   "kB, 12 lines, 1 word — 3 errors, 1 "
                   "warning\n"
                   "  notes.txt:12:7: error: The line contains HTML markup (“<b>”). Fix: "
                   "Remove the tags, or export the document as plain text.\n"
                   "  notes.txt:3: warning: Line only.\n"
                   "  notes.txt:byte 1234: error: Offset only. Fix: Do it.\n"
                   "  notes.txt: error: Whole file.\n"
                   "\n"
                   "clean.txt — Tuning text, 10 bytes, 1 line, 2 words — OK\n"
                   "\n"
                   "a.wav — Audio, 3.0\xC2\xA0"
                   "MB, 1:02:05, 16000 Hz, 1 channel, FLAC — OK\n");

  g_ptr_array_set_size (checks, 0);
  empty = prl_check_report_format (checks);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_format_duration (void)
{
  static const struct
  {
    double      seconds;
    const char *expected;
  } cases[] = {
    { 0, "0:00" },         { 0.4, "0:00" },     { 0.5, "0:01" },
    { 59.6, "1:00" },      { 245, "4:05" },     { 3599.4, "59:59" },
    { 3599.5, "1:00:00" }, { 3725, "1:02:05" }, { 360061, "100:01:01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = prl_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_detect (void)
{
  static const struct
  {
    const char    *path;
    const char    *head;
    gsize          len;
    PrlDatasetType type;
  } table[] = {
    /* By extension, whatever the content. */
    { "a.txt", "WEBVTT\n", 7, PRL_DATASET_TYPE_TRANSCRIPT },
    { "/x/B.TXT", NULL, 0, PRL_DATASET_TYPE_TRANSCRIPT },
    { "a.srt", "", 0, PRL_DATASET_TYPE_TEST },
    { "a.vtt", "", 0, PRL_DATASET_TYPE_TEST },
    { "a.jsonl", "hello", 5, PRL_DATASET_TYPE_MANIFEST },
    { "a.wav", "", 0, PRL_DATASET_TYPE_AUDIO },
    { "a.Mp3", "", 0, PRL_DATASET_TYPE_AUDIO },
    { "a.m4a", "", 0, PRL_DATASET_TYPE_AUDIO },
    { "a.flac", "", 0, PRL_DATASET_TYPE_AUDIO },
    { "a.ogg", "", 0, PRL_DATASET_TYPE_AUDIO },
    { "a.opus", "", 0, PRL_DATASET_TYPE_AUDIO },
    /* By content when the extension says nothing. */
    { "a", "RIFF\x24\0\0\0WAVEfmt ", 16, PRL_DATASET_TYPE_AUDIO },
    { "a.bin", "ID3\x04\0\0\0\0", 8, PRL_DATASET_TYPE_AUDIO },
    { "a.dat", "fLaC\0\0\0\x22", 8, PRL_DATASET_TYPE_AUDIO },
    { "a.dat", "OggS\0\x02", 6, PRL_DATASET_TYPE_AUDIO },
    { "a.dat",
      "\0\0\0\x20"
      "ftypM4A ",
      12, PRL_DATASET_TYPE_AUDIO },
    { "a.dat", "\xFF\xFB\x90\x64", 4, PRL_DATASET_TYPE_AUDIO },
    { "a", "WEBVTT\n\n00:01.000 --> 00:02.000\n", 32, PRL_DATASET_TYPE_TEST },
    { "a", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", 35, PRL_DATASET_TYPE_TEST },
    { "a.json", "{\"audio_filepath\": \"a.wav\"}\n", 28, PRL_DATASET_TYPE_MANIFEST },
    { "a", "\xEF\xBB\xBF  \n{\"a\": 1}", 14, PRL_DATASET_TYPE_MANIFEST },
    { "a.text", "Plain words.\n", 13, PRL_DATASET_TYPE_TRANSCRIPT },
    { "a", "", 0, PRL_DATASET_TYPE_TRANSCRIPT },
    { "a.xyz", "\x01\x02\x03", 3, PRL_DATASET_TYPE_TRANSCRIPT },
    { ".txt", "{", 1, PRL_DATASET_TYPE_MANIFEST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      PrlDatasetType got = prl_dataset_type_detect (
          table[i].path, (const guint8 *)table[i].head, table[i].len);

      if (got != table[i].type)
        g_error ("%s (%u): expected %s, got %s", table[i].path, i,
                 prl_dataset_type_to_string (table[i].type),
                 prl_dataset_type_to_string (got));
    }
}

static void
test_detect_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path
      = write_file ("noext", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", -1);
  g_autoptr (PrlFileCheck) check = NULL;

  g_assert_cmpint (prl_dataset_type_detect_file (path, NULL, &error), ==,
                   PRL_DATASET_TYPE_TEST);
  g_assert_no_error (error);

  /* Auto-detected, and parsed as WebVTT although it has no extension. */
  check = prl_check_text_file (path, PRL_DATASET_TYPE_AUTO, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->type, ==, PRL_DATASET_TYPE_TEST);
  g_assert_cmpuint (check->issues->len, ==, 0);
  g_assert_cmpuint (check->n_lines, ==, 1);
  g_assert_cmpfloat (check->duration, ==, 2.0);

  g_assert_cmpint (prl_dataset_type_detect_file ("/nonexistent/x", NULL, &error), ==,
                   PRL_DATASET_TYPE_AUTO);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_unlink (path);
}

static gboolean
compatible (const PrlDatasetType *types, guint n, char **message)
{
  static const char *const names[]
      = { "one.txt", "two.srt", "three.wav", "four.jsonl", "five.txt" };
  g_autoptr (GError) error = NULL;
  gboolean ok = prl_dataset_types_compatible (types, names, n, &error);

  g_assert_true (ok == (error == NULL));
  if (error != NULL)
    g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_INCOMPATIBLE_TYPES);
  *message = error ? g_strdup (error->message) : NULL;
  return ok;
}

static void
test_compatible (void)
{
#define T(x) PRL_DATASET_TYPE_##x
  static const struct
  {
    PrlDatasetType types[3];
    guint          n;
    gboolean       ok;
    const char    *mentions;
  } table[] = {
    { { T (TRANSCRIPT) }, 1, TRUE, NULL },
    { { T (MANIFEST) }, 1, TRUE, NULL },
    { { T (TRANSCRIPT), T (TUNING) }, 2, TRUE, NULL },
    { { T (TRANSCRIPT), T (TRANSCRIPT), T (TUNING) }, 3, TRUE, NULL },
    { { T (TEST), T (AUDIO) }, 2, TRUE, NULL },
    { { T (AUDIO), T (AUDIO), T (TEST) }, 3, TRUE, NULL },
    { { T (AUDIO), T (AUDIO), T (MANIFEST) }, 3, TRUE, NULL },
    { { T (MANIFEST), T (MANIFEST) }, 2, TRUE, NULL },
    /* Each file is a dataset of its own type: training text, tuning text
     * and test pairs go up together. */
    { { T (TRANSCRIPT), T (TEST) }, 2, TRUE, NULL },
    { { T (TUNING), T (TEST) }, 2, TRUE, NULL },
    { { T (TRANSCRIPT), T (AUDIO) }, 2, TRUE, NULL },
    { { T (TRANSCRIPT), T (TEST), T (AUDIO) }, 3, TRUE, NULL },
    { { T (TRANSCRIPT), T (MANIFEST) },
      2,
      FALSE,
      "“one.txt” (Training text) and “two.srt” (Manifest)" },
    { { T (TEST), T (AUDIO), T (MANIFEST) },
      3,
      FALSE,
      "“one.txt” (Test transcript) and “three.wav” (Manifest)" },
    { { T (MANIFEST), T (TRANSCRIPT) }, 2, FALSE, "a manifest names its own audio" },
    { { T (TUNING), T (MANIFEST) }, 2, FALSE, "Upload them separately" },
  };
#undef T

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *message = NULL;

      if (compatible (table[i].types, table[i].n, &message) != table[i].ok)
        g_error ("row %u: expected %s (%s)", i, table[i].ok ? "compatible" : "refused",
                 message ? message : "");
      if (table[i].mentions != NULL && strstr (message, table[i].mentions) == NULL)
        g_error ("row %u: “%s” does not mention “%s”", i, message, table[i].mentions);
    }

  /* Without paths, files are named by their position. */
  {
    PrlDatasetType types[] = { PRL_DATASET_TYPE_TUNING, PRL_DATASET_TYPE_MANIFEST };
    g_autoptr (GError) error = NULL;

    g_assert_false (prl_dataset_types_compatible (types, NULL, 2, &error));
    g_assert_nonnull (strstr (error->message, "“1” (Tuning text) and “2” (Manifest)"));
  }
}

/* The sample's first try: clinic1.wav … clinic4.txt with training.txt and
 * tuning.txt, as each file alone is detected, then refined by the upload. */
static void
test_refine (void)
{
#define T(x) PRL_DATASET_TYPE_##x
  static const struct
  {
    const char    *path;
    PrlDatasetType detected;
    PrlDatasetType refined;
  } table[] = {
    { "/s/clinic1.wav", T (AUDIO), T (AUDIO) },
    { "/s/clinic1.txt", T (TRANSCRIPT), T (TEST) },
    { "/s/clinic2.WAV", T (AUDIO), T (AUDIO) },
    { "/other/Clinic2.txt", T (TRANSCRIPT), T (TEST) },
    { "/s/training.txt", T (TRANSCRIPT), T (TRANSCRIPT) },
    { "/s/tuning.txt", T (TRANSCRIPT), T (TUNING) },
    { "/s/clinic-tuning.txt", T (TRANSCRIPT), T (TUNING) },
    { "/s/Tuning Text 2.txt", T (TRANSCRIPT), T (TUNING) },
    { "/s/retuning.txt", T (TRANSCRIPT), T (TRANSCRIPT) },
    { "/s/tunings.txt", T (TRANSCRIPT), T (TRANSCRIPT) },
    /* Without a recording of the same name, text stays training text. */
    { "/s/clinic3.txt", T (TRANSCRIPT), T (TRANSCRIPT) },
    /* Subtitles and manifests are what they are. */
    { "/s/tuning.srt", T (TEST), T (TEST) },
    { "/s/clinic1.jsonl", T (MANIFEST), T (MANIFEST) },
  };
#undef T
  const char    *paths[G_N_ELEMENTS (table)];
  PrlDatasetType types[G_N_ELEMENTS (table)];

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      paths[i] = table[i].path;
      types[i] = table[i].detected;
    }

  prl_dataset_types_refine (paths, types, G_N_ELEMENTS (table));
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (types[i] != table[i].refined)
      g_error ("%s: expected %s, got %s", table[i].path,
               prl_dataset_type_to_string (table[i].refined),
               prl_dataset_type_to_string (types[i]));

  /* Without the manifest, the refined upload is accepted as it is. */
  g_assert_true (
      prl_dataset_types_compatible (types, paths, G_N_ELEMENTS (table) - 1, NULL));

  /* A text file is not its own partner. */
  {
    const char    *one[] = { "/s/a.txt" };
    PrlDatasetType t[] = { PRL_DATASET_TYPE_TRANSCRIPT };

    prl_dataset_types_refine (one, t, 1);
    g_assert_cmpint (t[0], ==, PRL_DATASET_TYPE_TRANSCRIPT);
  }
}

static void
test_batch_size (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (prl_check_batch_size (0, &error));
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_NO_FILES);
  g_clear_error (&error);
  g_assert_true (prl_check_batch_size (1, &error));
  g_assert_true (prl_check_batch_size (PRL_MAX_FILES, &error));
  g_assert_no_error (error);
  g_assert_false (prl_check_batch_size (PRL_MAX_FILES + 1, &error));
  g_assert_error (error, PRL_DATASET_ERROR, PRL_DATASET_ERROR_TOO_MANY_FILES);
  g_assert_nonnull (strstr (error->message, "11 files"));
}

static void
test_clean_text (void)
{
  g_autoptr (PrlFileCheck) check = NULL;

  check = check_text (
      "clean.txt",
      "\xEF\xBB\xBFThe café’s naïve piñata cost €5 — or £4.50 (about $6)!\r\n"
      "\r\n"
      "  “Quoted” ‘text’, a-b – c; d: e? 50% @home #1 +2 &more… ok/no\n"
      "\tTabs\xC2\xA0"
      "and no-break spaces; Zoë Brontë Łódź Dvořák\n"
      "a < b and x<y and y>z are maths, AT&T; is a name\n"
      "Cafe\xCC\x81 with a combining accent",
      -1, "en-US", "special_character@5:3 special_character@5:20");
  /* "<" in maths is not markup, but it is not ordinary punctuation either. */
  g_assert_cmpint (check->type, ==, PRL_DATASET_TYPE_TRANSCRIPT);
  g_assert_cmpuint (check->n_lines, ==, 6);
  g_assert_cmpuint (check->n_words, ==, 11 + 13 + 8 + 13 + 5);
  g_assert_cmpuint (check->n_bytes, >, 0);
  g_assert_cmpfloat (check->duration, ==, -1);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (PrlFileCheck) check = NULL;
  g_autoptr (PrlFileCheck) utf16 = NULL;
  const PrlCheckIssue *issue;

  /* Each bad line is reported at the first bad byte, and checking goes on. */
  check = check_text ("latin1.txt", "ok\nfine too\nna\xEFve caf\xE9\nok\n\xFF\nend <b>\n",
                      -1, "en-US", "invalid_utf8@3:3 invalid_utf8@5:1 markup@6:5");
  issue = issue_at (check, 0);
  g_assert_cmpint (issue->byte_offset, ==, 3 + 9 + 2);
  g_assert_nonnull (strstr (issue->message, "0xEF"));
  g_assert_nonnull (strstr (issue->fix, "UTF-8"));
  g_assert_cmpint (issue_at (check, 1)->byte_offset, ==, 3 + 9 + 11 + 3);
  g_assert_cmpint (issue_at (check, 2)->byte_offset, ==, 3 + 9 + 11 + 3 + 2 + 4);

  /* Columns count characters, not bytes; NUL bytes are invalid too. */
  g_clear_pointer (&check, prl_file_check_free);
  check = check_text ("nul.txt", "héllo\0x\n", 8, "en-US", "invalid_utf8@1:6");
  g_assert_cmpint (issue_at (check, 0)->byte_offset, ==, 6);

  utf16 = check_text ("utf16.txt", "\xFF\xFEh\0i\0\n\0", 8, "en-US", "invalid_utf8@1:1");
  g_assert_nonnull (strstr (issue_at (utf16, 0)->message, "UTF-16"));
}

/* Found by fuzz-text-checker: markup quoted from a line with invalid
 * UTF-8 in it made a message that was not UTF-8 either. */
static void
test_markup_invalid_utf8 (void)
{
  static const char data[]
      = "\x00"
        "a>\n<a h--> &\xff\x01\n<!\xef\xbb\xbf-\n< Y<!--\xc3\x89"
        "c:ole c[d\xe2\x80\x99\xc3\xa9t\xc3\xa9 \xe2\x80\x94 100 %e-- \xd9\x80>0\x9c";
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_file ("fuzzed.txt", data, sizeof data - 1);
  g_autoptr (PrlFileCheck) check = NULL;
  guint n_markup = 0;

  check = prl_check_text_file (path, PRL_DATASET_TYPE_TRANSCRIPT, "en-US", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < check->issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (check->issues, i);

      g_assert_true (g_utf8_validate (issue->message, -1, NULL));
      if (g_str_equal (issue->code, "markup"))
        n_markup++;
    }
  g_assert_cmpuint (n_markup, >=, 1);
  g_unlink (path);
}

static void
test_markup (void)
{
  static const struct
  {
    const char *line;
    const char *expected;
  } table[] = {
    { "Some <b>bold</b> text", "markup@1:6" },
    { "</p>", "markup@1:1" },
    { "a line break<br/>here", "markup@1:13" },
    { "<br />", "markup@1:1" },
    { "a <a href=\"https://example.org\">link</a>", "markup@1:3" },
    { "x <span class=note>y</span>", "markup@1:3" },
    { "<p align=center>", "markup@1:1" },
    { "<div id='a' hidden>", "markup@1:1" },
    { "<custom-tag>", "markup@1:1" },
    { "<!-- a comment --> words", "markup@1:1" },
    { "<!DOCTYPE html>", "markup@1:1" },
    { "<?xml version=\"1.0\"?>", "markup@1:1" },
    { "Fish &amp; chips", "markup@1:6" },
    { "caf&eacute;", "markup@1:4" },
    { "&#233; and &#xE9;", "markup@1:1" },
    /* Not markup (though "<" and ">" are not ordinary punctuation): maths, a
     * lone ampersand, unknown words without values. */
    { "if a < b then", "special_character@1:6" },
    { "if x<y and y>z then", "special_character@1:5 special_character@1:13" },
    { "x<5", "special_character@1:2" },
    { "AT&T; R&D", "" },
    { "&;", "" },
    { "<3 hearts", "special_character@1:1" },
    { "1 << 2", "special_character@1:3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (PrlFileCheck) check
          = check_text ("markup.txt", table[i].line, -1, "de-DE", table[i].expected);

      if (check->issues->len > 0 && g_str_equal (issue_at (check, 0)->code, "markup"))
        g_assert_nonnull (strstr (issue_at (check, 0)->message, "“"));
    }

  /* Once per line, and the quoted tag is the one found. */
  {
    g_autoptr (PrlFileCheck) check
        = check_text ("markup.txt", "<b>a</b> <i>b</i>\nplain\n&amp;", -1, "en-US",
                      "markup@1:1 markup@3:1");

    g_assert_cmpstr (issue_at (check, 0)->message, ==,
                     "The line contains HTML markup (“<b>”).");
    g_assert_cmpstr (issue_at (check, 0)->fix, ==,
                     "Remove the tags, or export the document as plain text.");
    g_assert_cmpint (issue_at (check, 1)->byte_offset, ==, 24);
  }
}

static void
test_special_characters (void)
{
  g_autoptr (PrlFileCheck) en = NULL;
  g_autoptr (PrlFileCheck) de = NULL;
  g_autoptr (PrlFileCheck) any = NULL;
  const char *text = "Smile \xF0\x9F\x98\x80 now\n"   /* emoji U+1F600 */
                     "bell\x07 here\n"                /* control U+0007 */
                     "zero\xE2\x80\x8Bwidth\n"        /* invisible U+200B */
                     "\xE2\x94\x80\xE2\x94\x80 box\n" /* box drawing U+2500, once */
                     "in \xE4\xB8\xAD\xE6\x96\x87\n"  /* CJK U+4E2D U+6587 */
                     "a*b_c [d] ok\n"                 /* punctuation */
                     "greek \xCE\xB1\n"               /* U+03B1 */
                     "broken \xEF\xBF\xBD\n";         /* U+FFFD */
  const PrlCheckIssue *issue;

  en = check_text ("special.txt", text, -1, "en-US",
                   "special_character@1:7 special_character@2:5 special_character@3:5 "
                   "special_character@4:1 special_character@5:4 special_character@5:5 "
                   "special_character@6:2 special_character@6:4 special_character@6:7 "
                   "special_character@6:9 special_character@7:7 special_character@8:8");

  issue = issue_at (en, 0);
  g_assert_cmpstr (issue->message, ==, "The line contains the symbol “😀” (U+1F600).");
  g_assert_cmpint (issue->byte_offset, ==, 6);
  g_assert_cmpstr (issue_at (en, 1)->message, ==,
                   "The line contains a control character (U+0007).");
  g_assert_cmpstr (issue_at (en, 2)->message, ==,
                   "The line contains an invisible character (U+200B).");
  g_assert_cmpstr (issue_at (en, 4)->message, ==,
                   "The line contains “中” (U+4E2D), which is not used in the model’s "
                   "language (en-US).");
  g_assert_cmpstr (issue_at (en, 6)->message, ==,
                   "The line contains “*” (U+002A), which is not ordinary punctuation.");
  g_assert_nonnull (strstr (issue_at (en, 11)->message, "U+FFFD"));

  /* Other languages accept every letter and punctuation mark, but not
   * symbols, control or invisible characters. */
  de = check_text ("special.txt", text, -1, "de-DE",
                   "special_character@1:7 special_character@2:5 special_character@3:5 "
                   "special_character@4:1 special_character@8:8");
  any = check_text ("special.txt", "Grüße « ¿Qué? » 東京\n", -1, NULL, "");
}

static void
test_empty (void)
{
  g_autoptr (PrlFileCheck) empty
      = check_text ("empty.txt", "", 0, "en-US", "empty_file@0:0");
  g_autoptr (PrlFileCheck) blank = check_text ("blank.txt", "\xEF\xBB\xBF \n\t\n\r\n", -1,
                                               "en-US", "empty_file@0:0");

  g_assert_cmpstr (issue_at (empty, 0)->message, ==, "The file is empty.");
  g_assert_cmpstr (issue_at (blank, 0)->message, ==,
                   "The file has only spaces and blank lines.");
}

static void
test_issue_cap (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr (PrlFileCheck) check = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char     *path = NULL;
  const PrlCheckIssue *last;

  for (guint i = 0; i < 150; i++)
    g_string_append (text, "bad \x01 line\n");
  path = write_file ("many.txt", text->str, text->len);
  g_string_free (text, TRUE);

  check = prl_check_text_file (path, PRL_DATASET_TYPE_TRANSCRIPT, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, PRL_MAX_ISSUES_PER_FILE + 1);
  last = issue_at (check, PRL_MAX_ISSUES_PER_FILE);
  g_assert_cmpstr (last->code, ==, "too_many_issues");
  g_assert_cmpint (last->severity, ==, PRL_CHECK_SEVERITY_ERROR);
  g_assert_cmpstr (last->message, ==,
                   "50 more problems in this file are not listed (50 of them errors).");
  g_assert_cmpuint (issue_at (check, 99)->line, ==, 100);
  g_assert_cmpuint (check->n_lines, ==, 150);
  g_unlink (path);
}

static void
test_long_line (void)
{
  gsize len = 1024 * 1024 + 100;
  char *data = g_malloc (len + 8);
  g_autoptr (PrlFileCheck) check = NULL;

  memset (data, 'a', len);
  /* A multi-byte character across the cut must not look like bad UTF-8. */
  memcpy (data + 1024 * 1024 - 1, "é", 2);
  memcpy (data + len, "\nnext\n", 7);
  check = check_text ("long.txt", data, len + 6, "en-US", "line_too_long@1:0");
  g_assert_cmpuint (check->n_lines, ==, 2);
  g_free (data);
}

/* From every "<" the markup check read a tag to the end of the line, and
 * "<a x=<a x=…" reads as one tag whose attribute values hold the other
 * "<": a line of a megabyte took minutes, a large file of them days. The
 * search is bounded now; what is found stays the same. */
static void
test_markup_search_bounded (void)
{
  const guint n_lines = 2, reps = 209000;
  g_autoptr (GString) data = g_string_new (NULL);
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autoptr (PrlFileCheck) check = NULL;

  for (guint i = 0; i < n_lines; i++)
    {
      for (guint j = 0; j < reps; j++)
        g_string_append (data, "<a x=");
      g_string_append_c (data, '\n');
      g_string_append_printf (expected, "special_character@%u:1 special_character@%u:5 ",
                              i + 1, i + 1);
    }
  g_string_append (data, "an <!DOCTYPE html> here, <a href=x>a link</a>\n");
  g_string_append_printf (expected, "markup@%u:4", n_lines + 1);

  check = check_text ("angles.txt", data->str, data->len, "en-US", expected->str);
  g_assert_cmpuint (check->n_lines, ==, n_lines + 1);
}

static void
test_subtitle_files (void)
{
  g_autoptr (PrlFileCheck) srt = NULL;
  g_autoptr (PrlFileCheck) vtt = NULL;
  const PrlCheckIssue *issue;

  /* Cue text is checked where it is written, through the styling tags. */
  srt = check_text ("talk.srt",
                    "1\r\n"
                    "00:00:01,000 --> 00:00:02,500\r\n"
                    "<i>Hello \xF0\x9F\x98\x80</i> {\\an8}there\r\n"
                    "<div>second</div> line\r\n"
                    "\r\n"
                    "2\r\n"
                    "00:00:03,000 --> 00:00:02,000\r\n"
                    "fine\r\n",
                    -1, "en-US",
                    "special_character@3:10 markup@4:1 end_before_start@7:18");
  g_assert_cmpint (srt->type, ==, PRL_DATASET_TYPE_TEST);
  g_assert_cmpuint (srt->n_lines, ==, 3);
  g_assert_cmpuint (srt->n_words, ==, 3 + 2 + 1);
  g_assert_cmpfloat (srt->duration, ==, 2.5);
  issue = issue_at (srt, 0);
  g_assert_cmpint (issue->byte_offset, ==, -1);

  /* WebVTT entities are text, other entities are markup. */
  vtt = check_text (
      "talk.vtt",
      "WEBVTT\n\n00:01.000 --> 00:02.000\nFish &amp; chips &copy; <b>x</b>\n"
      "\n00:03.000 --> 00:04.000\n",
      -1, "en-US", "markup@4:18 empty_cue@6:0");

  {
    g_autoptr (PrlFileCheck) none
        = check_text ("none.vtt", "WEBVTT\n\nNOTE only\n", -1, "en-US", "empty_file@0:0");
    g_autoptr (PrlFileCheck) blank
        = check_text ("blank.srt", "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", -1,
                      "en-US", "empty_cue@2:0 empty_file@0:0");
    g_autoptr (PrlFileCheck) bad
        = check_text ("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nol\xE9\n", -1,
                      "en-US", "invalid_utf8@3:3");

    g_assert_cmpint (issue_at (bad, 0)->byte_offset, ==, 34);
  }
}

static void
test_manifest_type (void)
{
  g_autofree char *path = write_file ("m.jsonl", "not json\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  g_autoptr (PrlFileCheck) audio = NULL;
  g_autofree char *wav = write_file ("x.wav", "RIFF....WAVE", -1);

  check = prl_check_text_file (path, PRL_DATASET_TYPE_AUTO, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->type, ==, PRL_DATASET_TYPE_MANIFEST);
  g_assert_cmpstr (issue_at (check, 0)->code, ==, "bad_json");

  /* Audio is only measured here; the media layer probes it. */
  audio = prl_check_text_file (wav, PRL_DATASET_TYPE_AUTO, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (audio->type, ==, PRL_DATASET_TYPE_AUDIO);
  g_assert_cmpuint (audio->n_bytes, ==, 12);
  g_assert_cmpuint (audio->issues->len, ==, 0);

  g_unlink (path);
  g_unlink (wav);
}

static void
test_io_errors (void)
{
  g_autoptr (GError) error = NULL;
  PrlFileCheck *check;

  check = prl_check_text_file ("/nonexistent/a.txt", PRL_DATASET_TYPE_TRANSCRIPT, "en-US",
                               NULL, &error);
  g_assert_null (check);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  check
      = prl_check_text_file (tmp_dir, PRL_DATASET_TYPE_TRANSCRIPT, "en-US", NULL, &error);
  g_assert_null (check);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *path = write_file ("c.txt", "hello\n", -1);

    g_cancellable_cancel (cancellable);
    check = prl_check_text_file (path, PRL_DATASET_TYPE_TRANSCRIPT, "en-US", cancellable,
                                 &error);
    g_assert_null (check);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_unlink (path);
  }
}

/* A named pipe has no writer: reading it, or even opening it, would wait
 * forever. Every reader refuses it at once. */
static void
test_fifo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "f.txt", NULL);
  g_autofree char *jsonl = g_build_filename (tmp_dir, "f.jsonl", NULL);
  g_autoptr (PrlLineSet) set = prl_line_set_new ();
  g_autoptr (PrlFileCheck) tuning = prl_file_check_new (path, PRL_DATASET_TYPE_TUNING);
  g_autoptr (GError) error = NULL;
  PrlFileCheck *check;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_cmpint (mkfifo (jsonl, 0600), ==, 0);
  /* A hang fails the test instead of the suite's timeout. */
  alarm (20);

  g_assert_cmpint (prl_dataset_type_detect_file (path, NULL, &error), ==,
                   PRL_DATASET_TYPE_AUTO);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_clear_error (&error);

  for (guint i = 0; i < 2; i++)
    {
      check = prl_check_text_file (
          path, i ? PRL_DATASET_TYPE_TRANSCRIPT : PRL_DATASET_TYPE_AUTO, "en-US", NULL,
          &error);
      g_assert_null (check);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_clear_error (&error);
    }

  check = prl_check_text_file (path, PRL_DATASET_TYPE_AUDIO, "en-US", NULL, &error);
  g_assert_null (check);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  check = prl_check_manifest_file (jsonl, "en-US", NULL, &error);
  g_assert_null (check);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_false (prl_line_set_add_file (set, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_false (prl_check_tuning_duplicates (set, path, tuning, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  alarm (0);
  g_unlink (path);
  g_unlink (jsonl);
}

/* An empty set has no array to search (bsearch() with NULL is undefined). */
static void
test_empty_line_set (void)
{
  g_autoptr (PrlLineSet) set = prl_line_set_new ();

  g_assert_cmpuint (prl_line_set_get_size (set), ==, 0);
  g_assert_false (prl_line_set_contains_line (set, "anything", 8));
  prl_line_set_add_line (set, "   ", 3);
  g_assert_false (prl_line_set_contains_line (set, "anything", 8));
}

static void
test_too_large (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "huge.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  FILE *f = g_fopen (path, "w");

  g_assert_nonnull (f);
  fclose (f);
  /* A sparse file: nothing is written, and nothing is read. */
  if (truncate (path, (off_t)PRL_MAX_FILE_BYTES + 1) != 0)
    {
      g_unlink (path);
      g_test_skip ("sparse files are not supported here");
      return;
    }

  check = prl_check_text_file (path, PRL_DATASET_TYPE_TRANSCRIPT, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 1);
  g_assert_cmpstr (issue_at (check, 0)->code, ==, "file_too_large");
  g_assert_cmpstr (issue_at (check, 0)->message, ==,
                   "The file is 10.0\xC2\xA0"
                   "GB; files of at most 10.0\xC2\xA0"
                   "GB can be uploaded.");
  g_assert_cmpuint (check->n_bytes, ==, PRL_MAX_FILE_BYTES + 1);
  g_unlink (path);
}

static PrlFileCheck *
fake_check (const char *name, PrlDatasetType type, guint64 n_bytes)
{
  PrlFileCheck *check = prl_file_check_new (name, type);

  check->n_bytes = n_bytes;
  return check;
}

static void
test_totals (void)
{
  g_autoptr (GPtrArray) checks
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_file_check_free);
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  const guint64        GB = 1000 * 1000 * 1000;
  const PrlCheckIssue *issue;

  /* Within the limits, counting what is stored: exactly at the limit is fine. */
  g_ptr_array_add (checks, fake_check ("a.txt", PRL_DATASET_TYPE_TRANSCRIPT, GB));
  g_ptr_array_add (checks,
                   fake_check ("t.txt", PRL_DATASET_TYPE_TUNING, 100 * 1000 * 1000));
  g_ptr_array_add (checks, fake_check ("x.srt", PRL_DATASET_TYPE_TEST, 5 * GB));
  g_assert_true (prl_check_totals (GB, 100 * 1000 * 1000, checks, issues));
  g_assert_cmpuint (issues->len, ==, 0);

  /* One byte over, each: the file that crosses the line gets the error. */
  g_ptr_array_add (checks, fake_check ("b.txt", PRL_DATASET_TYPE_TRANSCRIPT, 1));
  g_ptr_array_add (checks, fake_check ("u.txt", PRL_DATASET_TYPE_TUNING, 1));
  g_assert_false (prl_check_totals (GB, 100 * 1000 * 1000, checks, issues));
  g_assert_cmpuint (issues->len, ==, 2);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->code, ==, "limit_exceeded");
  g_assert_cmpstr (issue->path, ==, "b.txt");
  g_assert_cmpstr (issue->message, ==,
                   "With this file the model’s training text would come to 2.0\xC2\xA0"
                   "GB, over "
                   "the limit of 2.0\xC2\xA0"
                   "GB per model (1.0\xC2\xA0"
                   "GB is already stored).");
  issue = g_ptr_array_index (issues, 1);
  g_assert_cmpstr (issue->path, ==, "u.txt");
  g_assert_nonnull (strstr (issue->message, "tuning text"));
  g_assert_cmpuint (((PrlFileCheck *)g_ptr_array_index (checks, 3))->issues->len, ==, 1);
  g_assert_cmpuint (((PrlFileCheck *)g_ptr_array_index (checks, 0))->issues->len, ==, 0);

  /* Existing datasets alone can use up the room. */
  g_ptr_array_set_size (checks, 0);
  g_ptr_array_add (checks, fake_check ("c.txt", PRL_DATASET_TYPE_TRANSCRIPT, 10));
  g_assert_false (prl_check_totals (2 * GB, 0, checks, NULL));
  g_assert_true (prl_file_check_has_errors (g_ptr_array_index (checks, 0)));
}

static void
test_duplicates (void)
{
  g_autoptr (PrlLineSet) set = prl_line_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *training = NULL;
  g_autofree char *tuning = NULL;
  g_autoptr (PrlFileCheck) check = prl_file_check_new ("t.txt", PRL_DATASET_TYPE_TUNING);
  g_autofree char *got = NULL;
  GString         *many_training = g_string_new (NULL);
  GString         *many_tuning = g_string_new (NULL);

  training = write_file ("train.txt",
                         "\xEF\xBB\xBFThe quick brown fox\r\n"
                         "jumps over\n"
                         "\n"
                         "   \n"
                         "ÉCOLE d’été\n"
                         "jumps over\n",
                         -1);
  tuning = write_file ("tune.txt",
                       "something new\n"
                       "  the   QUICK brown\tfox  \n"
                       "\n"
                       "école D’ÉTÉ\n"
                       "jumps  over it\n",
                       -1);

  g_clear_pointer (&check, prl_file_check_free);
  check = prl_file_check_new (tuning, PRL_DATASET_TYPE_TUNING);

  g_assert_true (prl_line_set_add_file (set, training, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prl_line_set_get_size (set), ==, 3);
  g_assert_true (prl_line_set_contains_line (set, "JUMPS OVER", 10));
  g_assert_false (prl_line_set_contains_line (set, "", 0));

  g_assert_true (prl_check_tuning_duplicates (set, tuning, check, NULL, &error));
  g_assert_no_error (error);
  got = issues_string (check);
  g_assert_cmpstr (got, ==, "duplicate_tuning_line@2:1 duplicate_tuning_line@4:1");
  g_assert_cmpint (issue_at (check, 0)->severity, ==, PRL_CHECK_SEVERITY_WARNING);
  g_assert_cmpint (issue_at (check, 1)->byte_offset, ==, 14 + 26 + 1);
  g_assert_false (prl_file_check_has_errors (check));

  /* Capped, with a count of the rest. */
  for (guint i = 0; i < 50; i++)
    {
      g_string_append_printf (many_training, "line number %u\n", i);
      g_string_append_printf (many_tuning, "Line Number %u\n", i);
    }
  g_unlink (training);
  g_unlink (tuning);
  g_free (training);
  g_free (tuning);
  training = write_file ("train.txt", many_training->str, -1);
  tuning = write_file ("tune.txt", many_tuning->str, -1);
  g_string_free (many_training, TRUE);
  g_string_free (many_tuning, TRUE);
  g_ptr_array_set_size (check->issues, 0);
  g_assert_true (prl_line_set_add_file (set, training, NULL, &error));
  g_assert_true (prl_check_tuning_duplicates (set, tuning, check, NULL, &error));
  g_assert_cmpuint (check->issues->len, ==, PRL_MAX_DUPLICATES_LISTED + 1);
  g_assert_cmpstr (issue_at (check, PRL_MAX_DUPLICATES_LISTED)->message, ==,
                   "30 more lines of the tuning text also occur in the training text.");

  g_assert_false (prl_line_set_add_file (set, "/nonexistent", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_unlink (training);
  g_unlink (tuning);
}

static char *
write_big (const char *name,
           const char *header,
           const char *(*chunk) (guint i),
           gsize target)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  FILE *f = g_fopen (path, "w");
  gsize written = 0;

  g_assert_nonnull (f);
  fputs (header, f);
  for (guint i = 0; written < target; i++)
    {
      const char *s = chunk (i);

      fputs (s, f);
      written += strlen (s);
    }
  fclose (f);
  return g_steal_pointer (&path);
}

static const char *
text_chunk (guint i)
{
  static char buf[256];

  g_snprintf (buf, sizeof buf,
              "Line %u of a long corpus, with punctuation — and words enough to count.\n",
              i);
  return buf;
}

static const char *
srt_chunk (guint i)
{
  static char buf[256];

  g_snprintf (buf, sizeof buf,
              "%u\n%02u:%02u:%02u,000 --> %02u:%02u:%02u,500\n"
              "<i>Cue</i> number %u says hello.\n\n",
              i + 1, i / 3600 % 100, i / 60 % 60, i % 60, i / 3600 % 100, i / 60 % 60,
              i % 60, i);
  return buf;
}

static void
test_streaming_memory (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  g_autoptr (PrlFileCheck) srt = NULL;
  g_autofree char *path = NULL;
  g_autofree char *srt_path = NULL;
  guint64          before, after;

#ifdef __SANITIZE_ADDRESS__
  g_test_skip ("AddressSanitizer changes how much memory is used");
  return;
#endif
  if (g_strrstr (g_getenv ("LD_PRELOAD") ? g_getenv ("LD_PRELOAD") : "", "vgpreload"))
    {
      g_test_skip ("valgrind changes how much memory is used");
      return;
    }

  path = write_big ("big.txt", "", text_chunk, 50 * 1000 * 1000);
  srt_path = write_big ("big.srt", "", srt_chunk, 20 * 1000 * 1000);

  before = peak_rss_kib ();
  if (before == 0)
    {
      g_test_skip ("/proc/self/status has no VmHWM");
      return;
    }

  check = prl_check_text_file (path, PRL_DATASET_TYPE_TRANSCRIPT, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->issues->len, ==, 0);
  g_assert_cmpuint (check->n_bytes, >=, 50 * 1000 * 1000);
  g_assert_cmpuint (check->n_lines, >, 600000);

  srt = prl_check_text_file (srt_path, PRL_DATASET_TYPE_AUTO, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (srt->type, ==, PRL_DATASET_TYPE_TEST);
  g_assert_cmpuint (srt->issues->len, ==, 0);
  g_assert_cmpuint (srt->n_lines, >, 250000);

  after = peak_rss_kib ();
  g_test_message ("VmHWM before %" G_GUINT64_FORMAT " kB, after %" G_GUINT64_FORMAT " kB",
                  before, after);
  g_assert_cmpuint (after - before, <, 32 * 1024);

  g_unlink (path);
  g_unlink (srt_path);
}

static void
append_issue (PrlCheckIssue *issue, gpointer user_data)
{
  g_ptr_array_add (user_data, issue);
}

/* The one constructor the parsers and the checker report through: the
 * message is formatted, the sink's file is named, positions are kept, and a
 * sink without a function drops the issue. */
static void
test_issue_report (void)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  PrlCheckIssueSink    sink = { append_issue, issues, "/data/notes.txt" };
  PrlCheckIssueSink    deaf = { NULL, NULL, "/data/notes.txt" };
  const char           line[] = "caf\xC3\xA9 \xFF end";
  const PrlCheckIssue *issue;

  prl_check_issue_report (&sink, PRL_CHECK_SEVERITY_WARNING, "blank_line", 7, 3, 120,
                          "Remove it.", "Line %u of %s is blank.", 7u, "notes");
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_WARNING);
  g_assert_cmpstr (issue->code, ==, "blank_line");
  g_assert_cmpstr (issue->path, ==, "/data/notes.txt");
  g_assert_cmpuint (issue->line, ==, 7);
  g_assert_cmpuint (issue->column, ==, 3);
  g_assert_cmpint (issue->byte_offset, ==, 120);
  g_assert_cmpstr (issue->message, ==, "Line 7 of notes is blank.");
  g_assert_cmpstr (issue->fix, ==, "Remove it.");

  /* "café " is five characters and six bytes: the bad byte is column 6,
   * six bytes into the line. */
  prl_check_issue_report_invalid_utf8 (&sink, 2, line, line + 6, 40);
  prl_check_issue_report_invalid_utf8 (&sink, 3, line, line + 6, -1);
  g_assert_cmpuint (issues->len, ==, 3);
  issue = g_ptr_array_index (issues, 1);
  g_assert_cmpint (issue->severity, ==, PRL_CHECK_SEVERITY_ERROR);
  g_assert_cmpstr (issue->code, ==, "invalid_utf8");
  g_assert_cmpuint (issue->line, ==, 2);
  g_assert_cmpuint (issue->column, ==, 6);
  g_assert_cmpint (issue->byte_offset, ==, 46);
  g_assert_cmpstr (issue->message, ==, "The text is not valid UTF-8 (byte 0xFF).");
  g_assert_nonnull (strstr (issue->fix, "UTF-8"));
  issue = g_ptr_array_index (issues, 2);
  g_assert_cmpint (issue->byte_offset, ==, -1);

  prl_check_issue_report (&deaf, PRL_CHECK_SEVERITY_ERROR, "bad_json", 1, 1, 0, "Fix it.",
                          "%s", "dropped");
  g_assert_cmpuint (issues->len, ==, 3);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("prl-dataset-check-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/text/dataset-check/types", test_types);
  g_test_add_func ("/text/dataset-check/markup-invalid-utf8", test_markup_invalid_utf8);
  g_test_add_func ("/text/dataset-check/format", test_format);
  g_test_add_func ("/text/dataset-check/format-duration", test_format_duration);
  g_test_add_func ("/text/dataset-check/detect", test_detect);
  g_test_add_func ("/text/dataset-check/detect-file", test_detect_file);
  g_test_add_func ("/text/dataset-check/compatible", test_compatible);
  g_test_add_func ("/text/dataset-check/refine", test_refine);
  g_test_add_func ("/text/dataset-check/batch-size", test_batch_size);
  g_test_add_func ("/text/dataset-check/clean-text", test_clean_text);
  g_test_add_func ("/text/dataset-check/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/text/dataset-check/markup", test_markup);
  g_test_add_func ("/text/dataset-check/special-characters", test_special_characters);
  g_test_add_func ("/text/dataset-check/empty", test_empty);
  g_test_add_func ("/text/dataset-check/issue-cap", test_issue_cap);
  g_test_add_func ("/text/dataset-check/long-line", test_long_line);
  g_test_add_func ("/text/dataset-check/markup-search-bounded",
                   test_markup_search_bounded);
  g_test_add_func ("/text/dataset-check/subtitle-files", test_subtitle_files);
  g_test_add_func ("/text/dataset-check/manifest-type", test_manifest_type);
  g_test_add_func ("/text/dataset-check/io-errors", test_io_errors);
  g_test_add_func ("/text/dataset-check/fifo", test_fifo);
  g_test_add_func ("/text/dataset-check/empty-line-set", test_empty_line_set);
  g_test_add_func ("/text/dataset-check/too-large", test_too_large);
  g_test_add_func ("/text/dataset-check/totals", test_totals);
  g_test_add_func ("/text/dataset-check/duplicates", test_duplicates);
  g_test_add_func ("/text/dataset-check/streaming-memory", test_streaming_memory);
  g_test_add_func ("/text/dataset-check/issue-report", test_issue_report);

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
