/* fuzz-subtitles.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "prl-subtitles.h"

#ifndef FUZZ_FORMAT
#error "Build with -DFUZZ_FORMAT=PRL_SUBTITLE_FORMAT_SRT or _VTT"
#endif

/* SubRip or WebVTT (one build each): the cue parser, then the tag
 * stripping and its map back to the raw text that the checker uses. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GPtrArray) issues = NULL;
  g_autoptr (GPtrArray) cues = NULL;

  fuzz_init ();
  (void)prl_subtitle_format_sniff (data, MIN (size, 512));

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_check_issue_free);
  cues = prl_subtitles_parse (FUZZ_FORMAT, "in.sub", (const char *)data, (gssize)size,
                              issues);

  for (guint i = 0; i < cues->len; i++)
    {
      const PrlSubtitleCue *cue = g_ptr_array_index (cues, i);

      g_assert (cue->start_ms >= 0 && cue->end_ms >= 0);
      g_assert (cue->text != NULL && cue->raw_lines != NULL);
      for (guint j = 0; cue->raw_lines[j] != NULL; j++)
        {
          const char *raw = cue->raw_lines[j];
          gsize       raw_len = strlen (raw);
          g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autofree char *text = prl_subtitle_strip_tags (FUZZ_FORMAT, raw, map);
          gsize            len = strlen (text);

          /* Every byte of the stripped text maps into the raw line. */
          g_assert (map->len >= len);
          for (gsize k = 0; k < len; k++)
            g_assert (g_array_index (map, guint, k) <= raw_len);
        }
    }
  return 0;
}
