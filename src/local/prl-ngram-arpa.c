/* prl-ngram-arpa.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-ngram-arpa"

#include "config.h"

#include <math.h>

#include "prl-ngram-private.h"

/*
 * Writes a model in the ARPA back-off format that sphinxbase, SRILM and
 * KenLM read:
 *
 *   \data\
 *   ngram 1=<count>
 *   …
 *
 *   \1-grams:
 *   <log10 p>\t<w1>[\t<log10 back-off weight>]
 *   …
 *   \end\
 *
 * Rows come in the byte order of their words, and numbers are written with
 * g_ascii_formatd() (never the locale's decimal separator), so that the same
 * counts always give the same bytes. <s> has probability 0, which ARPA spells
 * -99. A back-off weight is written only for n-grams that are a history of a
 * longer one; the others back off with weight 1 (log 0), as readers assume.
 */

#define FLUSH_SIZE (256 * 1024)

static gboolean
flush (GOutputStream *stream, GString *buf, GCancellable *cancellable, GError **error)
{
  if (!g_output_stream_write_all (stream, buf->str, buf->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buf, 0);
  return TRUE;
}

static void
append_log10 (GString *buf, double p)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (p <= 0.0)
    g_string_append (buf, "-99");
  else
    g_string_append (buf, g_ascii_formatd (number, sizeof number, "%.7f", log10 (p)));
}

/**
 * prl_ngram_model_write_arpa:
 * @self: a model
 * @stream: where to write; not closed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the model as an ARPA file.
 *
 * Returns: %TRUE on success
 */
gboolean
prl_ngram_model_write_arpa (PrlNgramModel *self,
                            GOutputStream *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr (GString) buf = g_string_sized_new (FLUSH_SIZE + 4096);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_string_append (buf, "\\data\\\n");
  for (guint k = 1; k <= self->order; k++)
    g_string_append_printf (buf, "ngram %u=%" G_GSIZE_FORMAT "\n", k, self->levels[k].n);

  for (guint k = 1; k <= self->order; k++)
    {
      PrlNgramLevel *level = &self->levels[k];

      g_string_append_printf (buf, "\n\\%u-grams:\n", k);
      for (gsize i = 0; i < level->n; i++)
        {
          const guint32 *row = _prl_ngram_level_row (level, k, i);

          append_log10 (buf, level->probs[i]);
          for (guint j = 0; j < k; j++)
            {
              g_string_append_c (buf, j == 0 ? '\t' : ' ');
              g_string_append (buf, self->words[row[j]]);
            }
          if (level->gammas != NULL && level->gammas[i] > 0.0)
            {
              g_string_append_c (buf, '\t');
              append_log10 (buf, level->gammas[i]);
            }
          g_string_append_c (buf, '\n');

          if (buf->len >= FLUSH_SIZE && !flush (stream, buf, cancellable, error))
            return FALSE;
        }
    }
  g_string_append (buf, "\n\\end\\\n");
  return flush (stream, buf, cancellable, error);
}
