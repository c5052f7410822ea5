/* fuzz-dictionary.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "prl-dictionary.h"

/* Pronunciation lists: dictionaries in the CMU format that training reads
 * (the stock one and the merged one it writes with the model's own
 * pronunciations), loaded, written back after the phone check, and merged
 * with a user's entries. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GHashTable) words = NULL;
  g_autoptr (GHashTable) extra = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GOutputStream) merged = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fuzz_write_file ("cmudict.dict", data, size);

  words = prl_dictionary_load (path, NULL, &error);
  if (words == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  out = g_memory_output_stream_new_resizable ();
  if (!prl_dictionary_write (words, out, &error))
    {
      g_assert (error != NULL);
      g_clear_error (&error);
    }

  extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (extra, "hello", "HH AH L OW");
  g_hash_table_insert (extra, "parlance", "P AA R L AH N S");
  merged = g_memory_output_stream_new_resizable ();
  if (!prl_dictionary_write_merged (path, extra, merged, &error))
    g_assert (error != NULL);
  return 0;
}
