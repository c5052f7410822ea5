/* prl-dataset-check.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dataset-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-dataset-check.h"

/*
 * The results of checking a dataset file before it is stored: one
 * PrlFileCheck per file, holding PrlCheckIssues in file order, and the
 * text a user reads (and can save) about them.
 */

G_DEFINE_QUARK (PrlDatasetErrorQuark, prl_dataset_error)

typedef struct
{
  PrlDatasetType type;
  const char    *name;
  const char    *label;
} TypeInfo;

static const TypeInfo types[] = {
  { PRL_DATASET_TYPE_AUTO, "AUTO", N_ ("Auto-detect") },
  { PRL_DATASET_TYPE_TRANSCRIPT, "TRANSCRIPT", N_ ("Training text") },
  { PRL_DATASET_TYPE_TUNING, "TUNING", N_ ("Tuning text") },
  { PRL_DATASET_TYPE_TEST, "TEST", N_ ("Test transcript") },
  { PRL_DATASET_TYPE_AUDIO, "AUDIO", N_ ("Audio") },
  { PRL_DATASET_TYPE_MANIFEST, "MANIFEST", N_ ("Manifest") },
};

const char *
prl_dataset_type_to_string (PrlDatasetType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (types[i].type == type)
      return types[i].name;

  g_return_val_if_reached (NULL);
}

gboolean
prl_dataset_type_from_string (const char *str, PrlDatasetType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_ascii_strcasecmp (str, types[i].name) == 0)
        {
          *type = types[i].type;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
prl_dataset_type_get_label (PrlDatasetType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (types[i].type == type)
      return _ (types[i].label);

  g_return_val_if_reached (NULL);
}

PrlCheckIssue *
prl_check_issue_new (PrlCheckSeverity severity,
                     const char      *code,
                     const char      *path,
                     guint            line,
                     guint            column,
                     gint64           byte_offset,
                     const char      *message,
                     const char      *fix)
{
  PrlCheckIssue *issue;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  issue = g_new0 (PrlCheckIssue, 1);
  issue->severity = severity;
  issue->code = g_strdup (code);
  issue->path = g_strdup (path);
  issue->line = line;
  issue->column = column;
  issue->byte_offset = byte_offset;
  issue->message = g_strdup (message);
  issue->fix = g_strdup (fix);
  return issue;
}

PrlCheckIssue *
prl_check_issue_copy (const PrlCheckIssue *issue)
{
  g_return_val_if_fail (issue != NULL, NULL);

  return prl_check_issue_new (issue->severity, issue->code, issue->path, issue->line,
                              issue->column, issue->byte_offset, issue->message,
                              issue->fix);
}

/**
 * prl_check_issue_report:
 * @sink: where the issue goes
 * @severity: errors refuse the file; warnings are shown but accepted
 * @code: the issue's stable identifier
 * @line: 1-based line, or 0
 * @column: 1-based column in characters, or 0
 * @byte_offset: byte offset in the file, or -1
 * @fix: what to do about it, for people
 * @format: printf() format of the message, for people
 *
 * Builds an issue in @sink's file and hands it to @sink. This is how the
 * manifest and subtitle parsers and the text checker report every problem.
 */
void
prl_check_issue_report (const PrlCheckIssueSink *sink,
                        PrlCheckSeverity         severity,
                        const char              *code,
                        guint                    line,
                        guint                    column,
                        gint64                   byte_offset,
                        const char              *fix,
                        const char              *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  g_return_if_fail (sink != NULL);
  g_return_if_fail (format != NULL);

  /* Nobody listens: skip the formatting. */
  if (sink->func == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  sink->func (prl_check_issue_new (severity, code, sink->path, line, column, byte_offset,
                                   message, fix),
              sink->user_data);
}

/**
 * prl_check_issue_report_invalid_utf8:
 * @sink: where the issue goes
 * @line_no: the line's 1-based number
 * @line: the line
 * @bad: where in @line its UTF-8 breaks
 * @byte_offset: where @line starts in the file, or -1
 *
 * Reports the first byte of @line that is not UTF-8, the same way for every
 * kind of text file.
 */
void
prl_check_issue_report_invalid_utf8 (const PrlCheckIssueSink *sink,
                                     guint                    line_no,
                                     const char              *line,
                                     const char              *bad,
                                     gint64                   byte_offset)
{
  g_return_if_fail (line != NULL && bad >= line);

  prl_check_issue_report (
      sink, PRL_CHECK_SEVERITY_ERROR, "invalid_utf8", line_no,
      (guint)g_utf8_strlen (line, bad - line) + 1,
      byte_offset >= 0 ? byte_offset + (bad - line) : -1,
      _ ("Save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)."),
      _ ("The text is not valid UTF-8 (byte 0x%02X)."), (guchar)*bad);
}

/* A #PrlCheckCollector's callback for what a parser hands out. */
void
prl_check_collector_add_item (gpointer item, gpointer collector)
{
  g_ptr_array_add (((PrlCheckCollector *)collector)->items, item);
}

/* A #PrlCheckCollector's callback for the issues a parser finds. */
void
prl_check_collector_add_issue (PrlCheckIssue *issue, gpointer collector)
{
  PrlCheckCollector *self = collector;

  if (self->issues != NULL)
    g_ptr_array_add (self->issues, issue);
  else
    prl_check_issue_free (issue);
}

void
prl_check_issue_free (PrlCheckIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->code);
  g_free (issue->path);
  g_free (issue->message);
  g_free (issue->fix);
  g_free (issue);
}

PrlFileCheck *
prl_file_check_new (const char *path, PrlDatasetType type)
{
  PrlFileCheck *check;

  g_return_val_if_fail (path != NULL, NULL);

  check = g_new0 (PrlFileCheck, 1);
  check->path = g_strdup (path);
  check->type = type;
  check->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  check->duration = -1;
  return check;
}

void
prl_file_check_free (PrlFileCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->path);
  g_ptr_array_unref (check->issues);
  g_free (check->codec);
  g_free (check->sha256);
  g_free (check);
}

guint
prl_file_check_count (const PrlFileCheck *check, PrlCheckSeverity severity)
{
  guint n = 0;

  g_return_val_if_fail (check != NULL, 0);

  for (guint i = 0; i < check->issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (check->issues, i);

      if (issue->severity == severity)
        n++;
    }

  return n;
}

gboolean
prl_file_check_has_errors (const PrlFileCheck *check)
{
  g_return_val_if_fail (check != NULL, FALSE);

  return prl_file_check_count (check, PRL_CHECK_SEVERITY_ERROR) > 0;
}

static void
format_issue (GString *out, const PrlCheckIssue *issue, const char *fallback_path)
{
  g_autofree char *name = g_path_get_basename (issue->path ? issue->path : fallback_path);

  g_string_append (out, name);
  if (issue->line > 0)
    {
      g_string_append_printf (out, ":%u", issue->line);
      if (issue->column > 0)
        g_string_append_printf (out, ":%u", issue->column);
    }
  else if (issue->byte_offset >= 0)
    {
      g_autofree char *offset = g_strdup_printf ("%" G_GINT64_FORMAT, issue->byte_offset);

      /* TRANSLATORS: where a problem is in a file without lines; %s is a number. */
      g_string_append_printf (out, _ (":byte %s"), offset);
    }

  g_string_append (out, ": ");
  g_string_append (out, issue->severity == PRL_CHECK_SEVERITY_ERROR ? _ ("error")
                                                                    : _ ("warning"));
  g_string_append (out, ": ");
  g_string_append (out, issue->message);
  if (issue->fix != NULL && *issue->fix != '\0')
    {
      g_string_append (out, " ");
      /* TRANSLATORS: followed by what to do about a problem. */
      g_string_append (out, _ ("Fix:"));
      g_string_append (out, " ");
      g_string_append (out, issue->fix);
    }
  g_string_append_c (out, '\n');
}

/**
 * prl_file_check_format:
 * @check: a file check
 *
 * One line per issue, "name:line:column: error: message Fix: fix", each
 * ending in a newline; the empty string when nothing was found.
 *
 * Returns: (transfer full): the text
 */
char *
prl_file_check_format (const PrlFileCheck *check)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (check != NULL, NULL);

  for (guint i = 0; i < check->issues->len; i++)
    format_issue (out, g_ptr_array_index (check->issues, i), check->path);

  return g_string_free (out, FALSE);
}

/**
 * prl_format_duration:
 * @seconds: a length of audio, not negative
 *
 * Formats @seconds, rounded to the second, as a clock reading: "4:05", or
 * "1:02:05" from an hour on. The check report and the New Dataset dialog's
 * rows both show lengths this way.
 *
 * Returns: (transfer full): the formatted length
 */
char *
prl_format_duration (double seconds)
{
  guint64 s = (guint64)(seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600,
                            (guint)(s / 60 % 60), (guint)(s % 60));
  return g_strdup_printf ("%u:%02u", (guint)(s / 60), (guint)(s % 60));
}

/**
 * prl_file_check_format_summary:
 * @check: a file check
 *
 * One line about a file: its name, type, size, lines and words (or the
 * length of its audio) and how many problems were found, without a newline.
 *
 * Returns: (transfer full): the text
 */
char *
prl_file_check_format_summary (const PrlFileCheck *check)
{
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  GString         *out;
  guint            n_errors, n_warnings;

  g_return_val_if_fail (check != NULL, NULL);

  name = g_path_get_basename (check->path);
  size = g_format_size (check->n_bytes);
  out = g_string_new (name);
  g_string_append_printf (out, " — %s, %s", prl_dataset_type_get_label (check->type),
                          size);

  if (check->type != PRL_DATASET_TYPE_AUDIO && check->n_lines > 0)
    {
      g_autofree char *lines = g_strdup_printf ("%" G_GUINT64_FORMAT, check->n_lines);
      g_autofree char *words = g_strdup_printf ("%" G_GUINT64_FORMAT, check->n_words);

      g_string_append (out, ", ");
      g_string_append_printf (
          out, ngettext ("%s line", "%s lines", (gulong)MIN (check->n_lines, G_MAXULONG)),
          lines);
      g_string_append (out, ", ");
      g_string_append_printf (
          out, ngettext ("%s word", "%s words", (gulong)MIN (check->n_words, G_MAXULONG)),
          words);
    }

  if (check->duration >= 0)
    {
      g_autofree char *duration = prl_format_duration (check->duration);

      g_string_append (out, ", ");
      g_string_append (out, duration);
    }

  if (check->type == PRL_DATASET_TYPE_AUDIO && check->sample_rate > 0)
    {
      g_string_append (out, ", ");
      /* TRANSLATORS: an audio sample rate in hertz */
      g_string_append_printf (out, _ ("%u Hz"), check->sample_rate);
      if (check->channels > 0)
        {
          g_string_append (out, ", ");
          g_string_append_printf (out,
                                  ngettext ("%u channel", "%u channels", check->channels),
                                  check->channels);
        }
      if (check->codec != NULL)
        g_string_append_printf (out, ", %s", check->codec);
    }

  n_errors = prl_file_check_count (check, PRL_CHECK_SEVERITY_ERROR);
  n_warnings = prl_file_check_count (check, PRL_CHECK_SEVERITY_WARNING);
  g_string_append (out, " — ");
  if (n_errors == 0 && n_warnings == 0)
    {
      /* TRANSLATORS: a file passed every check */
      g_string_append (out, _ ("OK"));
    }
  else
    {
      g_string_append_printf (out, ngettext ("%u error", "%u errors", n_errors),
                              n_errors);
      g_string_append (out, ", ");
      g_string_append_printf (out, ngettext ("%u warning", "%u warnings", n_warnings),
                              n_warnings);
    }

  return g_string_free (out, FALSE);
}

/**
 * prl_check_report_format:
 * @checks: (element-type PrlFileCheck): the checks of one upload
 *
 * The whole report of an upload, as shown in the dialog and saved as a
 * text file: a summary line per file, followed by its issues, indented.
 *
 * Returns: (transfer full): the text
 */
char *
prl_check_report_format (GPtrArray *checks)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (checks != NULL, NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      const PrlFileCheck *check = g_ptr_array_index (checks, i);
      g_autofree char    *summary = prl_file_check_format_summary (check);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, summary);
      g_string_append_c (out, '\n');

      for (guint j = 0; j < check->issues->len; j++)
        {
          g_string_append (out, "  ");
          format_issue (out, g_ptr_array_index (check->issues, j), check->path);
        }
    }

  return g_string_free (out, FALSE);
}
