/* test-manifest.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-manifest"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "text-test-util.h"
#include "prl-manifest.h"
#include "prl-text-checker.h"

typedef struct
{
  char *dir;
  char *manifest;
  char *audio;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sub = NULL;

  f->dir = g_dir_make_tmp ("prl-manifest-XXXXXX", &error);
  g_assert_no_error (error);
  f->manifest = g_build_filename (f->dir, "set.jsonl", NULL);
  f->audio = g_build_filename (f->dir, "a.wav", NULL);
  sub = g_build_filename (f->dir, "clips", NULL);
  g_mkdir (sub, 0700);
  g_file_set_contents (f->audio, "RIFF", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = g_build_filename (f->dir, "clips", NULL);

  g_unlink (f->manifest);
  g_unlink (f->audio);
  g_rmdir (sub);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->manifest);
  g_free (f->audio);
}

#define ENTRY(entries, i) ((const PrlManifestEntry *)g_ptr_array_index (entries, i))

static void
test_good (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *json = NULL;
  g_autofree char *got = NULL;

  json = g_strdup_printf (
      "\xEF\xBB\xBF{\"audio_filepath\": \"a.wav\", \"text\": \"hello world\", "
      "\"duration\": 1.5}\r\n"
      "{\"audio_filepath\": \"%s\", \"text\": \"x\", \"duration\": 2, \"lang\": \"en\"}\n"
      "{\"text\": \"no duration\", \"audio_filepath\": \"clips/../a.wav\"}\n"
      "{\"audio_filepath\": \"./a.wav\", \"text\": \"caf\\u00e9\", \"duration\": null}",
      f->audio);
  entries = prl_manifest_parse (f->manifest, json, -1, issues);
  got = issues_string (issues);
  g_assert_cmpstr (got, ==, "");
  g_assert_cmpuint (entries->len, ==, 4);

  g_assert_cmpuint (ENTRY (entries, 0)->line, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->audio_filepath, ==, f->audio);
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "hello world");
  g_assert_cmpfloat (ENTRY (entries, 0)->duration, ==, 1.5);
  /* The text starts at column 38 of line 1 (after the byte order mark). */
  g_assert_cmpuint (ENTRY (entries, 0)->text_column, ==, 38);

  g_assert_cmpstr (ENTRY (entries, 1)->audio_filepath, ==, f->audio);
  g_assert_cmpfloat (ENTRY (entries, 1)->duration, ==, 2);
  g_assert_cmpstr (ENTRY (entries, 2)->audio_filepath, ==, f->audio);
  g_assert_cmpfloat (ENTRY (entries, 2)->duration, ==, -1);
  g_assert_cmpstr (ENTRY (entries, 3)->text, ==, "café");
  g_assert_cmpfloat (ENTRY (entries, 3)->duration, ==, -1);
  /* Escapes make columns inside the text inexact. */
  g_assert_cmpuint (ENTRY (entries, 3)->text_column, ==, 0);
  g_assert_cmpuint (ENTRY (entries, 3)->line, ==, 4);
}

static void
expect (Fixture *f, const char *json, const char *expected, guint n_entries)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) entries = prl_manifest_parse (f->manifest, json, -1, issues);
  g_autofree char *got = issues_string (issues);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("for:\n%s\nexpected “%s”\n     got “%s”", json, expected, got);
  g_assert_cmpuint (entries->len, ==, n_entries);
}

static void
test_bad (Fixture *f, gconstpointer data)
{
  const char      *good = "{\"audio_filepath\": \"a.wav\", \"text\": \"hi\"}\n";
  g_autofree char *two = NULL;

  /* Bad JSON, with the column json-glib gives: where its scanner stopped. */
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"hi\",}\n", "bad_json@1:41", 0);
  expect (f, "{\"audio_filepath\" \"a.wav\"}\n", "bad_json@1:17", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": tru}\n", "bad_json@1:39", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"hi\"} x\n", "bad_json@1:43", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"unterminated}\n",
          "bad_json@1:50", 0);

  /* Lines that are not objects. */
  expect (f, "[1, 2]\n", "not_object@1:1", 0);
  expect (f, "  \"a.wav\"\n", "not_object@1:3", 0);
  expect (f, "42\n", "not_object@1:1", 0);

  /* Missing and empty members: at the key, or at the brace when absent. */
  expect (f, "{\"text\": \"hi\"}\n", "missing_field@1:1", 0);
  expect (f, " {\"audio_filepath\": \"a.wav\"}\n", "missing_field@1:2", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"  \"}\n", "missing_field@1:29",
          0);
  expect (f, "{\"audio_filepath\": \"\", \"text\": \"hi\"}\n", "missing_field@1:2", 0);
  expect (f, "{}\n", "missing_field@1:1 missing_field@1:1", 0);

  /* Wrong types and a negative duration. */
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": 12}\n", "wrong_type@1:29", 0);
  expect (f, "{\"audio_filepath\": [\"a.wav\"], \"text\": \"hi\"}\n", "wrong_type@1:2",
          0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": null}\n", "wrong_type@1:29", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"hi\", \"duration\": \"3.2\"}\n",
          "wrong_type@1:43", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"hi\", \"duration\": true}\n",
          "wrong_type@1:43", 0);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"hi\", \"duration\": -0.5}\n",
          "bad_duration@1:43", 0);

  /* Audio that does not exist, or is a folder. */
  expect (f, "{\"text\": \"hi\", \"audio_filepath\": \"missing.wav\"}\n",
          "audio_not_found@1:16", 0);
  expect (f, "{\"audio_filepath\": \"/nonexistent/a.wav\", \"text\": \"hi\"}\n",
          "audio_not_found@1:2", 0);
  expect (f, "{\"audio_filepath\": \"clips\", \"text\": \"hi\"}\n", "audio_not_found@1:2",
          0);

  /* Blank lines are skipped with a warning; invalid UTF-8; an empty file. */
  two = g_strdup_printf ("%s\n   \n%s", good, good);
  expect (f, two, "blank_line@2:0 blank_line@3:0", 2);
  expect (f, "{\"audio_filepath\": \"a.wav\", \"text\": \"caf\xE9\"}\n",
          "invalid_utf8@1:41", 0);
  expect (f, "", "empty_file@1:0", 0);
  expect (f, "\n\n", "blank_line@1:0 blank_line@2:0 empty_file@1:0", 0);

  /* One bad line does not hide the next. */
  {
    g_autofree char *mixed = g_strdup_printf ("{\n%snot json\n%s", good, good);

    expect (f, mixed, "bad_json@1:1 bad_json@3:3", 2);
  }
}

static void
test_invalid_utf8_offset (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) entries = NULL;
  const PrlCheckIssue *issue;

  entries = prl_manifest_parse (
      f->manifest,
      "{\"audio_filepath\": \"a.wav\", \"text\": \"ok\"}\n{\"text\": \"\xC3\x28\"}\n", -1,
      issues);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->code, ==, "invalid_utf8");
  g_assert_cmpuint (issue->line, ==, 2);
  g_assert_cmpuint (issue->column, ==, 11);
  g_assert_cmpint (issue->byte_offset, ==, 42 + 10);
}

/* json-glib's parser recurses once per level: a line nested 100000 deep
 * used to overflow the stack. It is refused before it is parsed. */
static void
test_deep_nesting (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GString) json = g_string_new (NULL);
  g_autofree char     *got = NULL;
  const PrlCheckIssue *issue;
  const guint          depth = 100000;

  g_string_append (json, "{\"audio_filepath\": \"a.wav\", \"text\": \"ok\"}\n");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "\n{\"audio_filepath\": \"a.wav\", \"text\": \"ok\", "
                         "\"note\": \"[[[[\\\"[[\", \"x\": {\"y\": [[[1]]]}}\n");

  entries = prl_manifest_parse (f->manifest, json->str, json->len, issues);
  got = issues_string (issues);
  /* Brackets inside strings do not count, and shallow nesting is fine. */
  g_assert_cmpstr (got, ==, "too_deep@2:65");
  g_assert_cmpuint (entries->len, ==, 2);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->byte_offset, ==, 42 + 64);
  g_assert_nonnull (strstr (issue->message, "64 levels deep"));

  /* The same through the file checker, which reads it line by line. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PrlFileCheck) check = NULL;
    g_autofree char *checked = NULL;

    g_file_set_contents (f->manifest, json->str, json->len, &error);
    g_assert_no_error (error);
    check = prl_check_manifest_file (f->manifest, "en-US", NULL, &error);
    g_assert_no_error (error);
    checked = issues_string (check->issues);
    g_assert_cmpstr (checked, ==, "too_deep@2:65");
  }
}

/* Found by fuzzing: json-glib reads the UTF-8 lead byte after "\\u01a" as
 * a fourth hexadecimal digit and returns a transcript that is not UTF-8,
 * which the checks behind the parser assume it is. */
static void
test_broken_unicode_escape (Fixture *f, gconstpointer data)
{
  expect (f,
          "{\"audio_filepath\": \"a.wav\", \"text\": \"caf\\u01a\xDC\x88"
          "av\"}\n"
          "{\"audio_filepath\": \"a\\u00e9\xDC\x88.wav\", \"text\": \"ok\"}\n"
          "{\"audio_filepath\": \"a.wav\", \"text\": \"caf\\u00e9\"}\n",
          "bad_json@1:29 audio_not_found@2:2", 1);
}

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) issues
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *got = NULL;

  g_file_set_contents (f->manifest,
                       "{\"audio_filepath\": \"a.wav\", \"text\": \"one\"}\r\n"
                       "{\"audio_filepath\": \"b.wav\", \"text\": \"two\"}\r\n",
                       -1, &error);
  g_assert_no_error (error);

  entries = prl_manifest_load (f->manifest, issues, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  got = issues_string (issues);
  g_assert_cmpstr (got, ==, "audio_not_found@2:2");

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = prl_manifest_load ("/nonexistent/m.jsonl", NULL, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_check_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  g_autofree char *got = NULL;

  g_file_set_contents (
      f->manifest,
      "{\"audio_filepath\": \"a.wav\", \"text\": \"three short words\", "
      "\"duration\": 1.25}\n"
      "{\"audio_filepath\": \"a.wav\", \"text\": \"a <b>bold</b> one\", "
      "\"duration\": 2}\n"
      "{\"audio_filepath\": \"a.wav\", \"text\": \"with\\ttab \xF0\x9F\x98\x80\"}\n"
      "{\"audio_filepath\": \"gone.wav\", \"text\": \"x\"}\n",
      -1, &error);
  g_assert_no_error (error);

  check = prl_check_manifest_file (f->manifest, "en-US", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->type, ==, PRL_DATASET_TYPE_MANIFEST);
  g_assert_cmpuint (check->n_lines, ==, 3);
  g_assert_cmpuint (check->n_words, ==, 3 + 3 + 3);
  g_assert_cmpfloat (check->duration, ==, 3.25);
  got = issues_string (check->issues);
  /* Markup at its exact column; the emoji after an escape: line only. */
  g_assert_cmpstr (got, ==, "markup@2:40 special_character@3:0 audio_not_found@4:2");
  g_assert_true (prl_file_check_has_errors (check));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/text/manifest/good", test_good);
  ADD ("/text/manifest/bad", test_bad);
  ADD ("/text/manifest/invalid-utf8-offset", test_invalid_utf8_offset);
  ADD ("/text/manifest/deep-nesting", test_deep_nesting);
  ADD ("/text/manifest/broken-unicode-escape", test_broken_unicode_escape);
  ADD ("/text/manifest/load", test_load);
  ADD ("/text/manifest/check-file", test_check_file);
#undef ADD

  return g_test_run ();
}
