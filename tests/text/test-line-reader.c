/* test-line-reader.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>

#include <gio/gunixinputstream.h>

#include "prl-line-reader.h"

/* Lines as the parsers receive them: "NUMBER@OFFSET:TEXT", one per entry. */
static void
record_line (
    gpointer user_data, const char *line, gsize length, guint line_no, gint64 byte_offset)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%u@%" G_GINT64_FORMAT ":%.*s", line_no,
                                               byte_offset, (int)length, line));
}

static char *
joined (GPtrArray *lines)
{
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("|", (char **)lines->pdata);
}

/* Every terminator ends a line, "\r\n" counts once, a last line without a
 * terminator counts, and offsets are where each line starts. */
static void
test_lines_foreach (void)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = NULL;
  g_autofree char *empty = NULL;

  prl_lines_foreach ("one\r\ntwo\rthree\n\nfour", -1, record_line, lines);
  all = joined (lines);
  g_assert_cmpstr (all, ==, "1@0:one|2@5:two|3@9:three|4@15:|5@16:four");

  /* @length stops the text; nothing at all gives no line. */
  prl_lines_foreach ("ab\ncd", 2, record_line, none);
  prl_lines_foreach (NULL, 0, record_line, none);
  empty = joined (none);
  g_assert_cmpstr (empty, ==, "1@0:ab");
}

/* The stream gives the same lines as the buffer, and a read error names
 * the file. */
static void
test_reader_foreach (void)
{
  const char *text = "one\r\ntwo\rthree\n\nfour";
  g_autoptr (GInputStream) stream
      = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr (PrlLineReader) reader = prl_line_reader_new (stream, 0);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
  /* Reading a folder fails (EISDIR), as a disk error would. */
  g_autoptr (GInputStream) folder = g_unix_input_stream_new (open ("/", O_RDONLY), TRUE);
  g_autoptr (PrlLineReader) reader2 = prl_line_reader_new (folder, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *all = NULL;

  g_assert_true (
      prl_line_reader_foreach (reader, "notes.txt", record_line, lines, NULL, &error));
  g_assert_no_error (error);
  all = joined (lines);
  g_assert_cmpstr (all, ==, "1@0:one|2@5:two|3@9:three|4@15:|5@16:four");

  g_assert_false (
      prl_line_reader_foreach (reader2, "notes.txt", record_line, none, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “notes.txt”: "));
  g_assert_cmpuint (none->len, ==, 0);
}

/* Only ASCII white space is blank; a no-break space is text. */
static void
test_is_blank (void)
{
  g_assert_true (prl_line_is_blank (""));
  g_assert_true (prl_line_is_blank (" \t\r\n\f"));
  g_assert_true (prl_line_is_blank (NULL));
  g_assert_false (prl_line_is_blank ("  a "));
  g_assert_false (prl_line_is_blank ("\xC2\xA0"));
}

/* The mark is skipped once, and an unknown offset stays unknown. */
static void
test_skip_bom (void)
{
  const char *line = "\xEF\xBB\xBFhello";
  gsize       length = strlen (line);
  gint64      offset = 0, unknown = -1;
  const char *plain = "hello";
  gsize       plain_length = 5;
  gint64      plain_offset = 7;

  prl_line_skip_bom (&line, &length, &offset);
  g_assert_cmpstr (line, ==, "hello");
  g_assert_cmpuint (length, ==, 5);
  g_assert_cmpint (offset, ==, 3);

  line = "\xEF\xBB\xBFhello";
  length = strlen (line);
  prl_line_skip_bom (&line, &length, &unknown);
  g_assert_cmpint (unknown, ==, -1);

  prl_line_skip_bom (&plain, &plain_length, &plain_offset);
  g_assert_cmpstr (plain, ==, "hello");
  g_assert_cmpuint (plain_length, ==, 5);
  g_assert_cmpint (plain_offset, ==, 7);
}

/* Opening refuses what is not a file, as prl_file_open_regular() does. */
static void
test_open (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlLineReader) reader = prl_line_reader_open ("/", NULL, &error);

  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/line-reader/lines-foreach", test_lines_foreach);
  g_test_add_func ("/text/line-reader/reader-foreach", test_reader_foreach);
  g_test_add_func ("/text/line-reader/skip-bom", test_skip_bom);
  g_test_add_func ("/text/line-reader/is-blank", test_is_blank);
  g_test_add_func ("/text/line-reader/open", test_open);

  return g_test_run ();
}
