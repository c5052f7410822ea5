/* fuzz-trn.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "prl-trn.h"

/* Reference and hypothesis transcripts (NIST trn, or plain text), as
 * `parlance-cli score` reads them, then paired with themselves. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const PrlTrnFormat formats[] = {
    PRL_TRN_FORMAT_AUTO,
    PRL_TRN_FORMAT_TRN,
    PRL_TRN_FORMAT_PLAIN,
  };

  fuzz_init ();

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlTrn) t = NULL;
      g_autoptr (GArray) pairs = NULL;
      guint n;

      t = prl_trn_parse ("in.trn", (const char *)data, (gssize)size, formats[f], &error);
      if (t == NULL)
        {
          g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
          continue;
        }

      n = prl_trn_get_n_entries (t);
      for (guint i = 0; i < n; i++)
        {
          const PrlTrnEntry *entry = prl_trn_get_entry (t, i);

          g_assert (entry->id != NULL && entry->text != NULL);
          g_assert (prl_trn_lookup (t, entry->id) != NULL);
          g_free (prl_trn_speaker_for_id (entry->id));
        }

      pairs = prl_trn_pair (t, t, &error);
      g_assert (pairs != NULL || error != NULL);
    }
  return 0;
}
