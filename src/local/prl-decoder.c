/* prl-decoder.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-decoder"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pocketsphinx.h>
#include <sphinxbase/jsgf.h>

#include "prl-decoder-private.h"

/*
 * PrlDecoder wraps one PocketSphinx decoder (ps_decoder_t). PocketSphinx
 * keeps per-utterance state in it, so a PrlDecoder must only be used by one
 * thread at a time: a batch creates one per worker thread.
 *
 * Three things about PocketSphinx 5prealpha shape this file:
 *
 * - The acoustic model folder's feat.params is parsed *over* the
 *   configuration after the command line, so a front-end option given
 *   directly (-upperf, -nfilt, …) is silently replaced by the model's. The
 *   decoder therefore always names the feature file itself (-featparams):
 *   the model's own, or, when the caller overrides front-end options, a
 *   private copy with those options replaced.
 *
 * - Its log is chatty and goes to stderr by default. -logfn would send it
 *   to a file, but that file is global to the process and reopening it
 *   closes the previous one, which another thread's decoder may be
 *   writing to. A single process-wide callback is installed instead (see
 *   prl-decoder-config.c); it passes the messages to g_debug() in the
 *   "prl-pocketsphinx" domain.
 *
 * - ps_add_word() of many words that the binary language model does not
 *   know crashes the decoder. New words go into a merged dictionary file
 *   (prl_dictionary_write_merged()) given as @dict_path instead.
 *
 * - Language models are reference-counted, and everything that keeps one
 *   takes its own reference: ps_set_lm() (the search wraps the model in a
 *   set of its own) and ngram_model_set_init() (each model of the set).
 *   So whoever read or made a model drops its reference once it is handed
 *   on; a model that still has two owners is never freed (the stock model
 *   is about 30 MB).
 *
 * - ps_set_jsgf_string() never frees the grammar it parses (a few kB for
 *   every aligner), so grammars are turned into an FSG here instead.
 *
 * Audio is fed in half-second chunks so that a cancellation is noticed
 * quickly. Feeding it in chunks rather than as one whole utterance makes
 * PocketSphinx normalise the cepstra with a running mean (its "live" CMN)
 * rather than the utterance's mean; on our test sentences the two give
 * the same words.
 */

struct _PrlDecoder
{
  GObject parent_instance;

  ps_decoder_t  *ps;        /* (owned) */
  char          *feat_copy; /* (owned) (nullable): private feat.params to delete */
  ngram_model_t *lm;        /* (unowned) (nullable): the search's language model */
  int            frame_rate;
};

G_DEFINE_FINAL_TYPE (PrlDecoder, prl_decoder, G_TYPE_OBJECT)

#define SEARCH_NAME "parlance"

static void
prl_decoder_finalize (GObject *object)
{
  PrlDecoder *self = PRL_DECODER (object);

  g_clear_pointer (&self->ps, ps_free);
  if (self->feat_copy != NULL)
    g_unlink (self->feat_copy);
  g_free (self->feat_copy);

  G_OBJECT_CLASS (prl_decoder_parent_class)->finalize (object);
}

static void
prl_decoder_class_init (PrlDecoderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_decoder_finalize;
}

static void
prl_decoder_init (PrlDecoder *self)
{
  self->frame_rate = 100;
}

/* Search settings of the stock acoustic model that differ from
 * PocketSphinx's, each measured on the development set of
 * docs/accuracy.md. */
static const char *const default_options[] = {
  NULL,
};

static gboolean
require_file (const char *path, const char *what, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_MODEL_NOT_FOUND,
               /* Translators: the first %s is e.g. "The acoustic model" */
               _ ("%s “%s” is missing. Check the path, or reinstall the speech model "
                  "(pocketsphinx-en-us)."),
               what, path);
  return FALSE;
}

/* Returns the feature file to name with -featparams: the model's own, or a
 * private copy in which each option of @overrides replaces the model's. */
static char *
prepare_feat_params (PrlDecoder  *self,
                     const char  *hmm_dir,
                     const char **overrides,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (hmm_dir, "feat.params", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) merged = g_string_new (NULL);
  g_autoptr (GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) local_error = NULL;
  int fd;

  if (overrides == NULL || overrides[0] == NULL)
    return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
                   _ ("The acoustic model’s front-end settings could not be read: %s"),
                   local_error->message);
      return NULL;
    }

  for (guint i = 0; overrides[i] != NULL && overrides[i + 1] != NULL; i += 2)
    {
      g_string_append_printf (merged, "%s %s\n", overrides[i], overrides[i + 1]);
      g_hash_table_add (replaced, (gpointer)overrides[i]);
    }

  lines = g_strsplit (contents ? contents : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", 2);

      if (fields[0] != NULL && fields[0][0] != '\0'
          && !g_hash_table_contains (replaced, fields[0]))
        g_string_append_printf (merged, "%s\n", lines[i]);
    }

  fd = g_file_open_tmp ("parlance-feat-XXXXXX.params", &self->feat_copy, &local_error);
  if (fd < 0
      || !g_file_set_contents (self->feat_copy, merged->str, merged->len, &local_error))
    {
      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                   _ ("Could not write a temporary file: %s"), local_error->message);
      return NULL;
    }
  g_close (fd, NULL);

  return g_strdup (self->feat_copy);
}

static ngram_model_t *
read_lm (PrlDecoder *self, const char *path, GError **error)
{
  ngram_model_t *lm;

  if (!require_file (path, _ ("The language model"), error))
    return NULL;

  lm = ngram_model_read (ps_get_config (self->ps), path, NGRAM_AUTO,
                         ps_get_logmath (self->ps));
  if (lm == NULL)
    g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
                 _ ("The language model “%s” could not be read: it is not a valid ARPA "
                    "or binary n-gram model."),
                 path);
  return lm;
}

/* What ps_set_jsgf_string() does, without leaking the parsed grammar. */
static gboolean
set_grammar (PrlDecoder *self, const char *grammar)
{
  jsgf_t      *jsgf;
  jsgf_rule_t *rule;
  fsg_model_t *fsg = NULL;
  int          rv = -1;

  jsgf = jsgf_parse_string (grammar, NULL);
  if (jsgf == NULL)
    return FALSE;

  rule = jsgf_get_public_rule (jsgf);
  if (rule != NULL)
    fsg = jsgf_build_fsg (jsgf, rule, ps_get_logmath (self->ps),
                          cmd_ln_float32_r (ps_get_config (self->ps), "-lw"));
  /* The search takes its own reference to the FSG, which copies what it
   * needs of the grammar. */
  if (fsg != NULL)
    rv = ps_set_fsg (self->ps, SEARCH_NAME, fsg);

  g_clear_pointer (&fsg, fsg_model_free);
  jsgf_grammar_free (jsgf);
  return rv >= 0;
}

static gboolean
set_up_search (PrlDecoder *self, const PrlDecoderConfig *config, GError **error)
{
  g_autofree char *stock_lm = NULL;
  ngram_model_t   *lm = NULL;
  int              rv;

  stock_lm = config->stock_lm_path ? g_strdup (config->stock_lm_path)
                                   : prl_decoder_stock_lm_path ();

  switch (config->search)
    {
    case PRL_DECODER_SEARCH_GRAMMAR:
      if (config->grammar == NULL || !set_grammar (self, config->grammar))
        {
          g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
                       _ ("The grammar is not valid JSGF, or uses words that are not in "
                          "the dictionary."));
          return FALSE;
        }
      return ps_set_search (self->ps, SEARCH_NAME) >= 0;

    case PRL_DECODER_SEARCH_STOCK_LM:
      lm = read_lm (self, stock_lm, error);
      break;

    case PRL_DECODER_SEARCH_CUSTOM_LM:
      lm = config->lm_path ? read_lm (self, config->lm_path, error) : NULL;
      break;

    case PRL_DECODER_SEARCH_INTERPOLATED:
      {
        ngram_model_t *models[2] = { NULL, NULL };
        char          *names[2] = { (char *)"custom", (char *)"stock" };
        float32        weights[2];

        /* Neither model is ever switched off: the stock one keeps the
         * words the custom one lacks. Above, 0.999 rather than 0.99: a
         * held-out λ of 1.0 (the usual one on domain text) then keeps the
         * stock model at a thousandth, measured better on 8 kHz domain
         * speech and not worse on general English (docs/accuracy.md,
         * "Fourth pass"). */
        weights[0] = CLAMP (config->lm_weight, 0.01, 0.999);
        weights[1] = 1.0 - weights[0];
        if (config->lm_path == NULL
            || (models[0] = read_lm (self, config->lm_path, error)) == NULL
            || (models[1] = read_lm (self, stock_lm, error)) == NULL)
          {
            g_clear_pointer (&models[0], ngram_model_free);
            break;
          }
        /* The set takes its own reference to each model. */
        lm = ngram_model_set_init (ps_get_config (self->ps), models, names, weights, 2);
        ngram_model_free (models[0]);
        ngram_model_free (models[1]);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (lm == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
                     _ ("No language model was given for a custom search."));
      return FALSE;
    }

  /* The search keeps its own reference. */
  rv = ps_set_lm (self->ps, SEARCH_NAME, lm);
  if (rv >= 0)
    self->lm = lm;
  ngram_model_free (lm);
  if (rv < 0 || ps_set_search (self->ps, SEARCH_NAME) < 0)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
                   _ ("PocketSphinx could not use the language model."));
      return FALSE;
    }

  return TRUE;
}

/**
 * prl_decoder_new:
 * @config: what to load
 * @error: return location for a #GError
 *
 * Loads the acoustic model, the dictionary and the language model or
 * grammar of @config. This takes a second or two for the stock language
 * model; do it in a worker thread.
 *
 * Returns: (transfer full) (nullable): a decoder, or %NULL with @error set
 *   (%PRL_DECODER_ERROR_MODEL_NOT_FOUND, %PRL_DECODER_ERROR_INVALID_MODEL)
 */
PrlDecoder *
prl_decoder_new (const PrlDecoderConfig *config, GError **error)
{
  g_autoptr (PrlDecoder) self = NULL;
  g_autofree char *hmm = NULL;
  g_autofree char *dict = NULL;
  g_autofree char *mdef = NULL;
  g_autofree char *feat = NULL;
  g_auto (GStrv) extra_argv = NULL;
  g_auto (GStrv) frontend_argv = NULL;
  const char *extra;
  const char *frontend_env;
  GPtrArray  *args;
  cmd_ln_t   *cmdln;

  g_return_val_if_fail (config != NULL, NULL);

  hmm = config->hmm_dir ? g_strdup (config->hmm_dir) : prl_decoder_stock_hmm_dir ();
  dict
      = config->dict_path ? g_strdup (config->dict_path) : prl_decoder_stock_dict_path ();
  mdef = g_build_filename (hmm, "mdef", NULL);
  if (!require_file (mdef, _ ("The acoustic model"), error)
      || !require_file (dict, _ ("The pronunciation dictionary"), error))
    return NULL;

  self = g_object_new (PRL_TYPE_DECODER, NULL);
  /* For measuring front ends without a rebuild (docs/accuracy.md). */
  frontend_env = g_getenv ("PRL_DECODER_FRONTEND");
  if (config->frontend == NULL && frontend_env != NULL && frontend_env[0] != '\0')
    g_shell_parse_argv (frontend_env, NULL, &frontend_argv, NULL);
  feat = prepare_feat_params (
      self, hmm, (const char **)(frontend_argv ? frontend_argv : config->frontend),
      error);
  if (feat == NULL && error != NULL && *error != NULL)
    return NULL;

  _prl_decoder_silence_pocketsphinx ();

  args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) "parlance");
  g_ptr_array_add (args, (gpointer) "-hmm");
  g_ptr_array_add (args, hmm);
  g_ptr_array_add (args, (gpointer) "-dict");
  g_ptr_array_add (args, dict);
  if (feat != NULL)
    {
      g_ptr_array_add (args, (gpointer) "-featparams");
      g_ptr_array_add (args, feat);
    }
  for (guint i = 0; default_options[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)default_options[i]);
  /* For measuring search settings without a rebuild (docs/accuracy.md);
   * later options win. */
  extra = g_getenv ("PRL_DECODER_OPTIONS");
  if (extra != NULL && extra[0] != '\0'
      && g_shell_parse_argv (extra, NULL, &extra_argv, NULL))
    for (guint i = 0; extra_argv[i] != NULL; i++)
      g_ptr_array_add (args, extra_argv[i]);
  cmdln = cmd_ln_parse_r (NULL, ps_args (), args->len, (char **)args->pdata, TRUE);
  g_ptr_array_unref (args);
  if (cmdln == NULL)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
                   _ ("PocketSphinx refused the configuration."));
      return NULL;
    }

  self->ps = ps_init (cmdln);
  cmd_ln_free_r (cmdln);
  if (self->ps == NULL)
    {
      g_set_error (
          error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_INVALID_MODEL,
          _ ("PocketSphinx could not load the acoustic model “%s” with the "
             "dictionary “%s”. Run with G_MESSAGES_DEBUG=prl-pocketsphinx to see "
             "why."),
          hmm, dict);
      return NULL;
    }

  self->frame_rate = cmd_ln_int32_r (ps_get_config (self->ps), "-frate");
  if (self->frame_rate <= 0)
    self->frame_rate = 100;

  if (!set_up_search (self, config, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The language model the decoder's search uses, for tests: the search holds
 * the only reference to it. %NULL for a grammar search. */
ngram_model_t *
_prl_decoder_get_lm (PrlDecoder *self)
{
  g_return_val_if_fail (PRL_IS_DECODER (self), NULL);

  return self->lm;
}

/**
 * prl_decoder_has_word:
 * @self: a #PrlDecoder
 * @word: a word
 *
 * Returns: whether @word is in the decoder's dictionary
 */
gboolean
prl_decoder_has_word (PrlDecoder *self, const char *word)
{
  char *phones;

  g_return_val_if_fail (PRL_IS_DECODER (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  phones = ps_lookup_word (self->ps, word);
  if (phones == NULL)
    return FALSE;

  ckd_free (phones);
  return TRUE;
}

static PrlDecoderResult *
collect_result (PrlDecoder *self, gsize n_samples)
{
  PrlDecoderResult *result = g_new0 (PrlDecoderResult, 1);
  g_autoptr (GString) text = g_string_new (NULL);
  logmath_t *lmath = ps_get_logmath (self->ps);
  int32      score;

  result->duration = (double)n_samples / PRL_DECODER_SAMPLE_RATE;
  result->words = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_decoded_word_free);

  /* Without a hypothesis (silence, or a grammar that was never completed)
   * there are no segments to ask for. */
  if (ps_get_hyp (self->ps, &score) == NULL)
    {
      result->text = g_strdup ("");
      return result;
    }

  for (ps_seg_t *seg = ps_seg_iter (self->ps); seg != NULL; seg = ps_seg_next (seg))
    {
      g_autofree char *word = prl_decoder_clean_word (ps_seg_word (seg));
      PrlDecodedWord  *w;
      int              start_frame, end_frame;
      int32            ascr, lscr, lback;

      if (word == NULL)
        continue;

      ps_seg_frames (seg, &start_frame, &end_frame);
      w = g_new0 (PrlDecodedWord, 1);
      w->start = (double)start_frame / self->frame_rate;
      w->end = (double)(end_frame + 1) / self->frame_rate;
      w->end = MIN (w->end, result->duration);
      w->confidence = CLAMP (logmath_exp (lmath, ps_seg_prob (seg, &ascr, &lscr, &lback)),
                             0.0, 1.0);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word);

      w->word = g_steal_pointer (&word);
      g_ptr_array_add (result->words, w);
    }

  result->text = g_string_free (g_steal_pointer (&text), FALSE);
  return result;
}

/**
 * prl_decoder_decode_pcm:
 * @self: a #PrlDecoder
 * @samples: (array length=n_samples): 16 kHz mono samples, as
 *   prl_audio_decoder_run() delivers them
 * @n_samples: how many
 * @cancellable: (nullable): a #GCancellable, checked every half second of
 *   audio
 * @error: return location for a #GError
 *
 * Decodes @samples as one utterance, in the calling thread.
 *
 * Returns: (transfer full) (nullable): the words heard with their times,
 *   or %NULL with @error set (%PRL_DECODER_ERROR_FAILED,
 *   %G_IO_ERROR_CANCELLED)
 */
PrlDecoderResult *
prl_decoder_decode_pcm (PrlDecoder   *self,
                        const gint16 *samples,
                        gsize         n_samples,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (PRL_IS_DECODER (self), NULL);
  g_return_val_if_fail (samples != NULL || n_samples == 0, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Each file is its own stream, so word times start at zero and nothing
   * learned from the previous file carries over when a decoder is reused. */
  if (ps_start_stream (self->ps) < 0 || ps_start_utt (self->ps) < 0)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                   _ ("PocketSphinx could not start decoding."));
      return NULL;
    }

  /* The whole file in one call: the model's feat.params asks for batch
   * cepstral mean normalization, which needs all of the utterance. The
   * cost is that cancelling is only noticed between files. */
  if (ps_process_raw (self->ps, samples, n_samples, FALSE, TRUE) < 0)
    {
      ps_end_utt (self->ps);
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                   _ ("PocketSphinx failed while decoding the audio."));
      return NULL;
    }

  if (ps_end_utt (self->ps) < 0)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                   _ ("PocketSphinx failed while decoding the audio."));
      return NULL;
    }

  return collect_result (self, n_samples);
}
