/* fuzz-manifest.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "prl-manifest.h"

/* JSON-lines manifests, line by line as the dataset check reads them. The
 * scratch folder holds a.wav, so entries that name it are complete. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static char *manifest;
  g_autoptr (GPtrArray) issues = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  if (manifest == NULL)
    {
      g_free (fuzz_write_file ("a.wav", (const uint8_t *)"RIFF", 4));
      manifest = g_build_filename (fuzz_init (), "set.jsonl", NULL);
    }

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  entries = prl_manifest_parse (manifest, (const char *)data, (gssize)size, issues);

  for (guint i = 0; i < entries->len; i++)
    {
      const PrlManifestEntry *entry = g_ptr_array_index (entries, i);

      g_assert (entry->line >= 1);
      g_assert (entry->audio_filepath != NULL
                && g_path_is_absolute (entry->audio_filepath));
      g_assert (entry->text != NULL && g_utf8_validate (entry->text, -1, NULL));
      g_assert (entry->duration == -1 || entry->duration >= 0);
    }
  for (guint i = 0; i < issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (issues, i);

      g_assert (issue->message != NULL && g_utf8_validate (issue->message, -1, NULL));
      g_assert (issue->byte_offset < (gint64)size + 1);
    }
  return 0;
}
