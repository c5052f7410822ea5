/* prl-dataset-check.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PrlDatasetType:
 * @PRL_DATASET_TYPE_AUTO: detect from the extension and the content
 * @PRL_DATASET_TYPE_TRANSCRIPT: training text
 * @PRL_DATASET_TYPE_TUNING: tuning text, kept apart from training text
 * @PRL_DATASET_TYPE_TEST: reference transcripts of test audio
 * @PRL_DATASET_TYPE_AUDIO: audio (test audio, or audio to align)
 * @PRL_DATASET_TYPE_MANIFEST: JSON lines of audio_filepath, text, duration
 */
typedef enum
{
  PRL_DATASET_TYPE_AUTO,
  PRL_DATASET_TYPE_TRANSCRIPT,
  PRL_DATASET_TYPE_TUNING,
  PRL_DATASET_TYPE_TEST,
  PRL_DATASET_TYPE_AUDIO,
  PRL_DATASET_TYPE_MANIFEST,
} PrlDatasetType;

typedef enum
{
  PRL_CHECK_SEVERITY_ERROR,
  PRL_CHECK_SEVERITY_WARNING,
} PrlCheckSeverity;

/**
 * PrlCheckIssue:
 * @severity: errors refuse the file; warnings are shown but accepted
 * @code: a stable identifier, e.g. "invalid_utf8", "markup",
 *   "special_character", "empty_file", "malformed_cue", "bad_json",
 *   "too_deep", "missing_field", "audio_not_found", "invalid_audio_format",
 *   "file_too_large", "limit_exceeded", "duplicate_tuning_line",
 *   "base_model_mismatch"
 * @path: the file the issue is in
 * @line: 1-based line, or 0 when it does not apply
 * @column: 1-based column in characters, or 0
 * @byte_offset: byte offset in the file, or -1
 * @message: what is wrong, for people
 * @fix: what to do about it, for people
 */
typedef struct
{
  PrlCheckSeverity severity;
  char            *code;
  char            *path;
  guint            line;
  guint            column;
  gint64           byte_offset;
  char            *message;
  char            *fix;
} PrlCheckIssue;

/**
 * PrlFileCheck:
 * @path: the file checked
 * @type: the detected or forced type
 * @issues: (element-type PrlCheckIssue): problems found, in file order
 * @n_bytes: the file's size
 * @n_lines: text lines (text and manifests)
 * @n_words: words of text (text and manifests)
 * @duration: seconds of audio (audio; sum for manifests), or -1
 * @sample_rate: Hz (audio), or 0
 * @channels: (audio), or 0
 * @codec: (nullable): audio codec, for people
 * @text_sha256: (nullable): hex SHA-256 of the file (filled by the importer)
 *
 * What checking one file found, before anything is stored.
 */
typedef struct
{
  char           *path;
  PrlDatasetType  type;
  GPtrArray      *issues;
  guint64         n_bytes;
  guint64         n_lines;
  guint64         n_words;
  double          duration;
  guint           sample_rate;
  guint           channels;
  char           *codec;
  char           *sha256;
} PrlFileCheck;

#define PRL_MAX_FILE_BYTES     (G_GUINT64_CONSTANT (10) * 1000 * 1000 * 1000)
#define PRL_MAX_FILES          10
#define PRL_MAX_TRAINING_BYTES (G_GUINT64_CONSTANT (2) * 1000 * 1000 * 1000)
#define PRL_MAX_TUNING_BYTES   (G_GUINT64_CONSTANT (200) * 1000 * 1000)

const char     *prl_dataset_type_to_string   (PrlDatasetType       type);
gboolean        prl_dataset_type_from_string (const char          *str,
                                              PrlDatasetType      *type);
const char     *prl_dataset_type_get_label   (PrlDatasetType       type);

PrlCheckIssue  *prl_check_issue_new          (PrlCheckSeverity     severity,
                                              const char          *code,
                                              const char          *path,
                                              guint                line,
                                              guint                column,
                                              gint64               byte_offset,
                                              const char          *message,
                                              const char          *fix);
void            prl_check_issue_free         (PrlCheckIssue       *issue);

PrlFileCheck   *prl_file_check_new           (const char          *path,
                                              PrlDatasetType       type);
void            prl_file_check_free          (PrlFileCheck        *check);
gboolean        prl_file_check_has_errors    (const PrlFileCheck  *check);
char           *prl_file_check_format        (const PrlFileCheck  *check);

/* Added with the implementation; the declarations above are unchanged. */

/* At most this many issues are listed per file, then one "too_many_issues". */
#define PRL_MAX_ISSUES_PER_FILE 100

#define PRL_DATASET_ERROR (prl_dataset_error_quark ())

/**
 * PrlDatasetError:
 * @PRL_DATASET_ERROR_NO_FILES: an upload without any file
 * @PRL_DATASET_ERROR_TOO_MANY_FILES: more than %PRL_MAX_FILES files in one upload
 * @PRL_DATASET_ERROR_INCOMPATIBLE_TYPES: the files of one upload cannot go together
 * @PRL_DATASET_ERROR_CHECK_FAILED: a file failed its checks; nothing was stored
 * @PRL_DATASET_ERROR_NOT_FOUND: the dataset no longer exists
 * @PRL_DATASET_ERROR_ENCRYPTION: the blob key is missing or a blob was tampered with
 * @PRL_DATASET_ERROR_INVALID_NAME: a dataset's name is empty or taken in its model
 */
typedef enum
{
  PRL_DATASET_ERROR_NO_FILES,
  PRL_DATASET_ERROR_TOO_MANY_FILES,
  PRL_DATASET_ERROR_INCOMPATIBLE_TYPES,
  PRL_DATASET_ERROR_CHECK_FAILED,
  PRL_DATASET_ERROR_NOT_FOUND,
  PRL_DATASET_ERROR_ENCRYPTION,
  PRL_DATASET_ERROR_INVALID_NAME,
} PrlDatasetError;

/* Receives a new issue and takes ownership of it. */
typedef void (*PrlCheckIssueFunc) (PrlCheckIssue *issue,
                                   gpointer       user_data);

/**
 * PrlCheckIssueSink:
 * @func: (nullable): receives each issue; without it, issues are dropped
 * @user_data: passed to @func
 * @path: (nullable): the file the issues are in
 *
 * Where a parser or checker sends the issues it finds.
 */
typedef struct
{
  PrlCheckIssueFunc  func;
  gpointer           user_data;
  const char        *path;
} PrlCheckIssueSink;

/**
 * PrlCheckCollector:
 * @items: receives what a parser hands out (entries, cues)
 * @issues: (nullable) (element-type PrlCheckIssue): receives the issues;
 *   without it, they are dropped
 *
 * The user data of a parser whose results are kept in arrays: pass
 * prl_check_collector_add_item() and prl_check_collector_add_issue() as
 * its callbacks.
 */
typedef struct
{
  GPtrArray *items;
  GPtrArray *issues;
} PrlCheckCollector;

GQuark          prl_dataset_error_quark        (void);
PrlCheckIssue  *prl_check_issue_copy           (const PrlCheckIssue *issue) G_GNUC_WARN_UNUSED_RESULT;
void            prl_check_issue_report         (const PrlCheckIssueSink *sink,
                                                PrlCheckSeverity     severity,
                                                const char          *code,
                                                guint                line,
                                                guint                column,
                                                gint64               byte_offset,
                                                const char          *fix,
                                                const char          *format,
                                                ...) G_GNUC_PRINTF (8, 9);
void            prl_check_collector_add_item   (gpointer             item,
                                                gpointer             collector);
void            prl_check_collector_add_issue  (PrlCheckIssue       *issue,
                                                gpointer             collector);
void            prl_check_issue_report_invalid_utf8
                                               (const PrlCheckIssueSink *sink,
                                                guint                line_no,
                                                const char          *line,
                                                const char          *bad,
                                                gint64               byte_offset);
guint           prl_file_check_count           (const PrlFileCheck  *check,
                                                PrlCheckSeverity     severity);
char           *prl_file_check_format_summary  (const PrlFileCheck  *check) G_GNUC_WARN_UNUSED_RESULT;
char           *prl_check_report_format        (GPtrArray           *checks) G_GNUC_WARN_UNUSED_RESULT;
char           *prl_format_duration            (double               seconds) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlCheckIssue, prl_check_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlFileCheck, prl_file_check_free)

G_END_DECLS
