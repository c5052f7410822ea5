/* fuzz-text-checker.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "prl-text-checker.h"

/* Training text as `datasets check` reads it: type detection from the
 * content, then the line-by-line check (markup, special characters,
 * UTF-8). The length's parity picks the model's language, so both the
 * English and the any-language rules are reached. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlFileCheck) check = NULL;
  g_autofree char *path = NULL;
  PrlDatasetType   detected;

  detected = prl_dataset_type_detect ("upload", data, MIN (size, 4096));
  g_assert (detected != PRL_DATASET_TYPE_AUTO && detected != PRL_DATASET_TYPE_TUNING);

  path = fuzz_write_file ("notes.txt", data, size);
  check = prl_check_text_file (path, PRL_DATASET_TYPE_TRANSCRIPT,
                               size % 2 ? "en-US" : NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert (check->n_bytes == size);
  g_assert (check->issues->len <= PRL_MAX_ISSUES_PER_FILE + 1);
  g_assert ((size == 0) == (check->n_lines == 0) || check->issues->len > 0);

  for (guint i = 0; i < check->issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (check->issues, i);

      g_assert (issue->message != NULL && g_utf8_validate (issue->message, -1, NULL));
      g_assert (issue->byte_offset < (gint64)size + 1);
    }

  {
    g_autofree char *report = prl_file_check_format (check);
    g_autofree char *summary = prl_file_check_format_summary (check);

    g_assert (g_utf8_validate (report, -1, NULL));
    g_assert (g_utf8_validate (summary, -1, NULL));
  }
  return 0;
}
