/* fuzz-arpa.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

#include "fuzz-common.h"
#include "prl-ngram.h"
#include "prl-normalizer.h"

/* ARPA read-back. Parlance has no ARPA reader of its own: the language
 * model it writes is read by sphinxbase when PocketSphinx decodes. So the
 * input is training text, which goes the way a training takes it
 * (normalizer, counts, modified Kneser-Ney, ARPA), and the ARPA must then
 * load in sphinxbase with the same n-gram counts: whatever words a user's
 * text holds must not break the file. */

static void
drop_log (void *user_data, err_lvl_t level, const char *format, ...)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static PrlNormalizer *normalizer;
  static logmath_t     *lmath;
  static char          *path;
  g_autoptr (PrlNgramCounter) counter = NULL;
  g_autoptr (PrlNgramModel) model = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  ngram_model_t *lm;
  guint          order;

  if (normalizer == NULL)
    {
      fuzz_init ();
      err_set_callback (drop_log, NULL);
      err_set_logfp (NULL);
      normalizer = prl_normalizer_new ("default", &error);
      g_assert_no_error (error);
      lmath = logmath_init (1.0001, 0, 0);
      path = g_build_filename (fuzz_init (), "custom.arpa", NULL);
    }

  /* The first byte picks the order (1 to 4); the rest is the text. */
  if (size < 1)
    return 0;
  order = 1 + data[0] % 4;
  text = g_strndup ((const char *)data + 1, size - 1);
  if (!g_utf8_validate (text, -1, NULL))
    return 0; /* The dataset check refuses it before training. */

  counter = prl_ngram_counter_new (order);
  lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    prl_ngram_counter_add_text (counter, normalizer, lines[i]);

  model = prl_ngram_estimate (counter, order, NULL, NULL, NULL, &error);
  if (model == NULL)
    {
      g_assert_error (error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_NO_TEXT);
      return 0;
    }

  out = g_memory_output_stream_new_resizable ();
  g_assert (prl_ngram_model_write_arpa (model, out, NULL, &error));
  g_assert (g_output_stream_close (out, NULL, &error));
  {
    GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (out);

    g_free (fuzz_write_file ("custom.arpa", g_memory_output_stream_get_data (mem),
                             g_memory_output_stream_get_data_size (mem)));
  }

  lm = ngram_model_read (NULL, path, NGRAM_ARPA, lmath);
  if (lm == NULL)
    g_error ("sphinxbase could not read the ARPA written for this text");
  g_assert_cmpint (ngram_model_get_size (lm), ==, (int)order);
  for (guint n = 1; n <= order; n++)
    g_assert_cmpuint (ngram_model_get_counts (lm)[n - 1], ==,
                      prl_ngram_model_get_n_ngrams (model, n));
  ngram_model_free (lm);
  return 0;
}
