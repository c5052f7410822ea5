/* prl-manifest.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-manifest"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-manifest.h"

/*
 * Manifests are JSON lines, as NeMo and other toolkits write them: one
 * object per line with "audio_filepath" (relative paths are read from the
 * manifest's folder), "text" and an optional "duration" in seconds. Other
 * members are ignored.
 *
 * Each line is parsed on its own, so a file of any size is read in constant
 * memory and one bad line never hides the next. Reported by line (and the
 * column where it can be told): invalid UTF-8, bad JSON, a line that is not
 * an object, a missing or empty "audio_filepath" or "text", a member of the
 * wrong type, a negative duration, and audio that does not exist. A JSON
 * null duration counts as no duration. Blank lines are skipped with a
 * warning, since some tools choke on them.
 */

struct _PrlManifestParser
{
  char                *path;     /* (owned) */
  char                *base_dir; /* (owned) */
  PrlManifestEntryFunc entry_func;
  PrlCheckIssueSink    issues;    /* (path borrowed from @path) */
  gpointer             user_data; /* for @entry_func */
  gboolean             first_line;
  guint                n_entries;
  guint                n_nonblank;
  JsonParser          *parser; /* (owned) */
};

void
prl_manifest_entry_free (PrlManifestEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->audio_filepath);
  g_free (entry->text);
  g_free (entry);
}

PrlManifestParser *
prl_manifest_parser_new (const char          *path,
                         PrlManifestEntryFunc entry_func,
                         PrlCheckIssueFunc    issue_func,
                         gpointer             user_data)
{
  PrlManifestParser *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (PrlManifestParser, 1);
  self->path = g_strdup (path);
  self->base_dir = g_path_get_dirname (path);
  self->entry_func = entry_func;
  self->issues.func = issue_func;
  self->issues.user_data = user_data;
  self->issues.path = self->path;
  self->user_data = user_data;
  self->first_line = TRUE;
  self->parser = json_parser_new_immutable ();
  return self;
}

void
prl_manifest_parser_free (PrlManifestParser *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->base_dir);
  g_object_unref (self->parser);
  g_free (self);
}

/* The column of the member @name's key in @line, or of the line's first
 * character that is not white space when the key is not there. */
static guint
key_column (const char *line, const char *name, const char **value)
{
  g_autofree char *key = g_strdup_printf ("\"%s\"", name);
  const char      *p = strstr (line, key);

  if (value != NULL)
    *value = NULL;

  if (p == NULL)
    {
      p = line;
      while (*p == ' ' || *p == '\t')
        p++;
      return (guint)g_utf8_strlen (line, p - line) + 1;
    }

  if (value != NULL)
    {
      const char *v = p + strlen (key);

      while (*v == ' ' || *v == '\t')
        v++;
      if (*v == ':')
        {
          v++;
          while (*v == ' ' || *v == '\t')
            v++;
          *value = v;
        }
    }

  return (guint)g_utf8_strlen (line, p - line) + 1;
}

/* json-glib says where it stopped as "<data>:LINE:COLUMN: …". */
static guint
json_error_column (const char *line, gsize len, const GError *error)
{
  const char *p = strstr (error->message, ":1:");
  guint64     column;

  if (p == NULL)
    return 1;
  column = g_ascii_strtoull (p + 3, NULL, 10);
  column = CLAMP (column, 1, len > 0 ? len : 1);
  return (guint)g_utf8_strlen (line, column - 1) + 1;
}

static const char *
node_type_label (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _ ("an object");
    case JSON_NODE_ARRAY:
      return _ ("a list");
    case JSON_NODE_NULL:
      return _ ("null");
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return _ ("a string");
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _ ("true or false");
      return _ ("a number");
    default:
      return _ ("a value");
    }
}

/* json-glib parses nested lists and objects by recursion, so a line of
 * "[[[[…" a few thousand deep overflows the stack. Entries are flat objects:
 * deeper nesting than this is refused before the line reaches the parser. */
#define MAX_JSON_DEPTH 64

/* Where the line first nests deeper than MAX_JSON_DEPTH, or -1. */
static gssize
find_deep_nesting (const char *line, gsize len)
{
  guint    depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = line[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return (gssize)i;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return -1;
}

static const char *
string_member (PrlManifestParser *self,
               JsonObject        *object,
               const char        *name,
               const char        *line,
               guint              line_no,
               gint64             offset)
{
  JsonNode        *node = json_object_get_member (object, name);
  gboolean         is_text = g_str_equal (name, "text");
  g_autofree char *message = NULL;
  const char      *code, *fix, *value = NULL;

  if (node == NULL)
    {
      code = "missing_field";
      fix = is_text ? _ ("Add the transcript of the audio as “text”.")
                    : _ ("Add the path of the audio file as “audio_filepath”.");
      message = g_strdup_printf (_ ("The line has no “%s”."), name);
    }
  else if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE
           || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      code = "wrong_type";
      fix = _ ("Write the value in double quotes, as a JSON string.");
      message = g_strdup_printf (_ ("“%s” must be a string, not %s."), name,
                                 node_type_label (node));
    }
  /* json-glib turns a broken unicode escape (a backslash and "u" followed
   * by fewer than four hexadecimal digits) into bytes that are not UTF-8. */
  else if (!g_utf8_validate ((value = json_node_get_string (node)), -1, NULL))
    {
      code = "bad_json";
      fix = _ ("Write \\u with four hexadecimal digits (as in \\u00e9), or the "
               "character itself.");
      message = g_strdup_printf (
          _ ("“%s” has an escape sequence that is not a character."), name);
    }
  else if (prl_line_is_blank (value))
    {
      code = "missing_field";
      fix = is_text ? _ ("Add the transcript of the audio, or remove the line.")
                    : _ ("Add the path of the audio file, or remove the line.");
      message = g_strdup_printf (_ ("“%s” is empty."), name);
    }
  else
    return value;

  prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_ERROR, code, line_no,
                          key_column (line, name, NULL), offset, fix, "%s", message);
  return NULL;
}

static void
parse_object (PrlManifestParser *self,
              JsonObject        *object,
              const char        *line,
              guint              line_no,
              gint64             offset)
{
  g_autoptr (PrlManifestEntry) entry = NULL;
  const char *audio, *text, *text_value;
  JsonNode   *duration;
  double      seconds = -1;
  gboolean    ok = TRUE;

  audio = string_member (self, object, "audio_filepath", line, line_no, offset);
  text = string_member (self, object, "text", line, line_no, offset);
  ok = audio != NULL && text != NULL;

  if ((duration = json_object_get_member (object, "duration")) != NULL
      && JSON_NODE_TYPE (duration) != JSON_NODE_NULL)
    {
      guint column = key_column (line, "duration", NULL);

      if (JSON_NODE_TYPE (duration) != JSON_NODE_VALUE
          || (json_node_get_value_type (duration) != G_TYPE_INT64
              && json_node_get_value_type (duration) != G_TYPE_DOUBLE))
        {
          prl_check_issue_report (
              &self->issues, PRL_CHECK_SEVERITY_ERROR, "wrong_type", line_no, column,
              offset,
              _ ("Write the length of the audio in seconds, as a number without "
                 "quotes (for example 3.25), or leave “duration” out."),
              _ ("“duration” must be a number, not %s."), node_type_label (duration));
          ok = FALSE;
        }
      else if ((seconds = json_node_get_double (duration)) < 0)
        {
          prl_check_issue_report (
              &self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_duration", line_no, column,
              offset,
              _ ("Write the length of the audio in seconds, or leave “duration” out."),
              _ ("“duration” is negative (%g)."), seconds);
          ok = FALSE;
        }
    }

  if (!ok)
    return;

  entry = g_new0 (PrlManifestEntry, 1);
  entry->line = line_no;
  entry->text = g_strdup (text);
  entry->duration = seconds;
  if (g_path_is_absolute (audio))
    entry->audio_filepath = g_canonicalize_filename (audio, NULL);
  else
    entry->audio_filepath = g_canonicalize_filename (audio, self->base_dir);

  /* Columns inside the text are exact only when the JSON string has no escapes. */
  key_column (line, "text", &text_value);
  if (text_value != NULL && *text_value == '"')
    {
      const char *close = strchr (text_value + 1, '"');
      const char *slash = strchr (text_value + 1, '\\');

      if (close != NULL && (slash == NULL || slash > close))
        entry->text_column = (guint)g_utf8_strlen (line, text_value + 1 - line) + 1;
    }

  if (!g_file_test (entry->audio_filepath, G_FILE_TEST_EXISTS))
    {
      prl_check_issue_report (
          &self->issues, PRL_CHECK_SEVERITY_ERROR, "audio_not_found", line_no,
          key_column (line, "audio_filepath", NULL), offset,
          g_path_is_absolute (audio)
              ? _ ("Put the audio file there, or correct “audio_filepath”.")
              : _ ("Put the audio file there, or correct “audio_filepath”; relative "
                   "paths are read from the manifest’s folder."),
          _ ("The audio file “%s” does not exist."), entry->audio_filepath);
      return;
    }
  else if (!g_file_test (entry->audio_filepath, G_FILE_TEST_IS_REGULAR))
    {
      prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_ERROR, "audio_not_found",
                              line_no, key_column (line, "audio_filepath", NULL), offset,
                              _ ("Point “audio_filepath” at an audio file."),
                              _ ("“%s” is not a file."), entry->audio_filepath);
      return;
    }

  self->n_entries++;
  if (self->entry_func != NULL)
    self->entry_func (g_steal_pointer (&entry), self->user_data);
}

/**
 * prl_manifest_parser_push_line:
 * @self: a parser
 * @line: one line, without its terminator; any bytes
 * @length: its length in bytes
 * @line_no: its 1-based number
 * @byte_offset: where it starts in the file, or -1
 */
void
prl_manifest_parser_push_line (PrlManifestParser *self,
                               const char        *line,
                               gsize              length,
                               guint              line_no,
                               gint64             byte_offset)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = NULL;
  const char      *bad;
  JsonNode        *root;
  gssize           deep;
  gsize            i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL || length == 0);

  if (self->first_line)
    {
      self->first_line = FALSE;
      prl_line_skip_bom (&line, &length, &byte_offset);
    }

  for (i = 0; i < length && (line[i] == ' ' || line[i] == '\t'); i++)
    ;
  if (i == length)
    {
      prl_check_issue_report (
          &self->issues, PRL_CHECK_SEVERITY_WARNING, "blank_line", line_no, 0,
          byte_offset,
          _ ("Remove blank lines; every line of a manifest should be one entry."),
          _ ("The line is blank and was skipped."));
      return;
    }
  self->n_nonblank++;

  if (!g_utf8_validate_len (line, length, &bad))
    {
      prl_check_issue_report_invalid_utf8 (&self->issues, line_no, line, bad,
                                           byte_offset);
      return;
    }

  if ((deep = find_deep_nesting (line, length)) >= 0)
    {
      prl_check_issue_report (
          &self->issues, PRL_CHECK_SEVERITY_ERROR, "too_deep", line_no,
          (guint)g_utf8_strlen (line, deep) + 1,
          byte_offset >= 0 ? byte_offset + deep : -1,
          _ ("Write each line as one flat JSON object, for example "
             "{\"audio_filepath\": \"a.wav\", \"text\": \"hello\"}."),
          _ ("The line nests lists or objects more than %u levels deep."),
          MAX_JSON_DEPTH);
      return;
    }

  copy = g_strndup (line, length);
  if (!json_parser_load_from_data (self->parser, copy, length, &error))
    {
      prl_check_issue_report (
          &self->issues, PRL_CHECK_SEVERITY_ERROR, "bad_json", line_no,
          json_error_column (copy, length, error), byte_offset,
          _ ("Write each line as one JSON object, for example "
             "{\"audio_filepath\": \"a.wav\", \"text\": \"hello\", \"duration\": 1.5}."),
          _ ("The line is not valid JSON."));
      return;
    }

  root = json_parser_get_root (self->parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      prl_check_issue_report (&self->issues, PRL_CHECK_SEVERITY_ERROR, "not_object",
                              line_no, (guint)g_utf8_strlen (copy, i) + 1, byte_offset,
                              _ ("Write each line as one JSON object, in braces: {…}."),
                              _ ("The line is %s, not a JSON object."),
                              root != NULL ? node_type_label (root) : _ ("empty"));
      return;
    }

  parse_object (self, json_node_get_object (root), copy, line_no, byte_offset);
}

/**
 * prl_manifest_parser_finish:
 * @self: a parser
 *
 * Reports an empty manifest.
 *
 * Returns: the number of good entries
 */
guint
prl_manifest_parser_finish (PrlManifestParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_nonblank == 0)
    prl_check_issue_report (
        &self->issues, PRL_CHECK_SEVERITY_ERROR, "empty_file", 1, 0, 0,
        _ ("Choose the manifest that lists the audio, or add one line per audio "
           "file to this one."),
        _ ("The manifest has no entries."));

  return self->n_entries;
}

/**
 * prl_manifest_parse:
 * @path: the manifest's path: names it in issues, and relative audio paths
 *   are resolved against its folder
 * @data: the contents
 * @length: the length of @data, or -1 if nul-terminated
 * @issues: (nullable) (element-type PrlCheckIssue): receives the problems
 *
 * Returns: (transfer full) (element-type PrlManifestEntry): the good entries
 */
GPtrArray *
prl_manifest_parse (const char *path, const char *data, gssize length, GPtrArray *issues)
{
  g_autoptr (PrlManifestParser) parser = NULL;
  PrlCheckCollector collector = { NULL, issues };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  collector.items
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_manifest_entry_free);
  parser
      = prl_manifest_parser_new (path, (PrlManifestEntryFunc)prl_check_collector_add_item,
                                 prl_check_collector_add_issue, &collector);
  prl_lines_foreach (data, length, (PrlLineFunc)prl_manifest_parser_push_line, parser);
  prl_manifest_parser_finish (parser);

  return collector.items;
}

/**
 * prl_manifest_load:
 * @path: the manifest
 * @issues: (nullable) (element-type PrlCheckIssue): receives the problems
 *
 * Reads a manifest line by line. Problems in it are issues; @error is only
 * set when the file cannot be read.
 *
 * Returns: (transfer full) (element-type PrlManifestEntry): the good entries
 */
GPtrArray *
prl_manifest_load (const char   *path,
                   GPtrArray    *issues,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autoptr (PrlLineReader) reader = NULL;
  g_autoptr (PrlManifestParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  PrlCheckCollector collector = { NULL, issues };

  g_return_val_if_fail (path != NULL, NULL);

  if ((reader = prl_line_reader_open (path, cancellable, error)) == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_manifest_entry_free);
  collector.items = entries;
  parser
      = prl_manifest_parser_new (path, (PrlManifestEntryFunc)prl_check_collector_add_item,
                                 prl_check_collector_add_issue, &collector);
  if (!prl_line_reader_foreach (reader, path, (PrlLineFunc)prl_manifest_parser_push_line,
                                parser, cancellable, error))
    return NULL;
  prl_manifest_parser_finish (parser);

  return g_steal_pointer (&entries);
}
