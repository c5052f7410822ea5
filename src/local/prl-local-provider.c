/* prl-local-provider.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-local-provider"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-blob-cipher.h"
#include "prl-decoder-private.h"
#include "prl-dictionary.h"
#include "prl-ngram.h"
#include "prl-normalizer.h"
#include "prl-pronouncer.h"
#include "prl-train-job.h"

#include "prl-local-provider.h"
#include "prl-local-provider-private.h"

/* The embedded provider. Training runs on the train job's thread:
 *
 *   normalizing + counting  the TRANSCRIPT lines and the text of MANIFEST
 *                           lines, through the WER service's `default`
 *                           profile, so the model predicts the words that
 *                           are later scored;
 *   estimating              interpolated modified Kneser-Ney, written as
 *                           custom.arpa;
 *   pronunciations          words of the training text missing from the
 *                           stock dictionary get espeak-ng pronunciations
 *                           unless the model's list has them (the user's
 *                           entries win); merged.dict and
 *                           pronunciations.tsv;
 *   tuning                  λ chosen by perplexity on the TUNING text
 *                           against the stock LM read by sphinxbase, else
 *                           on training sentences held out while
 *                           counting, else PRL_NGRAM_DEFAULT_WEIGHT
 *                           (prl-local-tune.c).
 *
 * With encryption on (@request->key), every artifact is written through
 * the blob cipher, so the words of the text never reach the disk in plain
 * text; prl-local-transcribe.c decrypts them into memory to decode.
 *
 * Transcription and alignment live in prl-local-transcribe.c.
 */
struct _PrlLocalProvider
{
  GObject parent_instance;
};

static void prl_local_provider_iface_init (PrlProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlLocalProvider,
                               prl_local_provider,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_PROVIDER,
                                                      prl_local_provider_iface_init))

/* Stage boundaries of the progress fraction. */
#define STAGE_COUNT 0.00
#define STAGE_ESTIMATE 0.40
#define STAGE_PRONOUNCE 0.70
#define STAGE_TUNE 0.85

typedef struct
{
  PrlJob *job;
  double  from;
  double  span;
} Progress;

static void
estimate_progress (double fraction, gpointer user_data)
{
  Progress *p = user_data;

  if (p->job != NULL)
    prl_job_report_progress (p->job, p->from + p->span * fraction,
                             _ ("Estimating the language model"));
}

static void
report (PrlJob *job, double fraction, const char *status)
{
  if (job != NULL)
    prl_job_report_progress (job, fraction, status);
}

/* Reads @stream line by line; text must be UTF-8. */
typedef gboolean (*LineFunc) (const char *line, gpointer user_data);

static gboolean
read_lines (GInputStream *stream,
            LineFunc      func,
            gpointer      user_data,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr (GDataInputStream) data = g_data_input_stream_new (stream);
  guint64 n = 0;

  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *line
          = g_data_input_stream_read_line_utf8 (data, NULL, cancellable, &local_error);

      if (line == NULL)
        {
          if (local_error == NULL)
            return TRUE;
          if (local_error->domain == G_CONVERT_ERROR)
            {
              g_autofree char *line_no = g_strdup_printf ("%" G_GUINT64_FORMAT, n + 1);

              /* The number is formatted apart: xgettext cannot read a
               * G_GUINT64_FORMAT inside a translatable string. */
              g_set_error (error, PRL_TRAIN_ERROR,
                           PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT,
                           _ ("Line %s of the training text is not valid UTF-8. Save the "
                              "file as UTF-8 and add it again."),
                           line_no);
              return FALSE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      n++;
      /* Cancel inside counting, not only between stages. */
      if ((n & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!func (line, user_data))
        {
          g_autofree char *line_no = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

          g_prefix_error (error, _ ("Line %s: "), line_no);
          return FALSE;
        }
    }
}

typedef struct
{
  PrlNormalizer   *normalizer;
  PrlNgramCounter *counter;    /* (nullable): NULL for tuning text */
  GHashTable      *vocabulary; /* (nullable): words of the training text */
  GPtrArray       *sentences;  /* (nullable) (element-type GStrv): tuning */
  PrlLocalHoldout *holdout;    /* (nullable): training sentences held out to tune */
  JsonParser      *parser;     /* (nullable): reused for every manifest line */
  GError         **error;
} CountData;

static gboolean
count_text (CountData *data, const char *text)
{
  g_auto (GStrv) words = prl_normalizer_normalize (data->normalizer, text);

  if (words == NULL || words[0] == NULL)
    return TRUE;

  if (data->counter != NULL)
    {
      prl_ngram_counter_add_sentence (data->counter, (const char *const *)words, -1);
      if (data->holdout != NULL)
        _prl_local_holdout_add (data->holdout, (const char *const *)words);
      for (guint i = 0; words[i] != NULL; i++)
        if (!g_hash_table_contains (data->vocabulary, words[i]))
          g_hash_table_add (data->vocabulary, g_strdup (words[i]));
    }
  if (data->sentences != NULL)
    g_ptr_array_add (data->sentences, g_steal_pointer (&words));
  return TRUE;
}

static gboolean
count_line (const char *line, gpointer user_data)
{
  return count_text (user_data, line);
}

static gboolean
count_manifest_line (const char *line, gpointer user_data)
{
  CountData *data = user_data;
  g_autoptr (GError) local_error = NULL;
  JsonNode   *root;
  JsonObject *object;
  const char *text;

  if (*g_strstrip ((char *)line) == '\0')
    return TRUE;

  if (data->parser == NULL)
    data->parser = json_parser_new ();
  if (!json_parser_load_from_data (data->parser, line, -1, &local_error)
      || !(root = json_parser_get_root (data->parser)) || !JSON_NODE_HOLDS_OBJECT (root)
      || !(object = json_node_get_object (root))
      || !json_object_has_member (object, "text")
      || !(text = json_object_get_string_member_with_default (object, "text", NULL)))
    {
      g_set_error_literal (
          data->error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT,
          _ ("the manifest line is not a JSON object with a “text” string. "
             "Fix the manifest and add it again."));
      return FALSE;
    }

  return count_text (data, text);
}

/**
 * prl_local_base_model_id:
 *
 * The identity of the stock model: its name and a digest of the files
 * that decide recognition, so that an upgrade of the package (or another
 * base installed through `PRL_POCKETSPHINX_MODELDIR`) shows. Each version
 * records the one it was built on.
 *
 * Returns: (transfer full): e.g. "cmusphinx-en-us-ptm-5.2+0123456789ab"
 */
char *
prl_local_base_model_id (void)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *hmm = prl_decoder_stock_hmm_dir ();
  g_autofree char *mdef = g_build_filename (hmm, "mdef", NULL);
  g_autofree char *dict = prl_decoder_stock_dict_path ();
  g_autofree char *lm = prl_decoder_stock_lm_path ();
  const char      *sized[] = { dict, lm };
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (g_file_get_contents (mdef, &contents, &length, NULL))
    g_checksum_update (checksum, (const guchar *)contents, length);
  for (guint i = 0; i < G_N_ELEMENTS (sized); i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (sized[i]);
      g_autoptr (GFileInfo) info = g_file_query_info (
          file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autofree char *size = g_strdup_printf (
          "%" G_GUINT64_FORMAT, info ? (guint64)g_file_info_get_size (info) : 0);

      g_checksum_update (checksum, (const guchar *)size, -1);
    }

  return g_strdup_printf ("%s+%.12s", PRL_LOCAL_BASE_MODEL_ID,
                          g_checksum_get_string (checksum));
}

static gboolean
write_file (const char *dir,
            const char *name,
            gboolean (*writer) (GOutputStream *, gpointer, GError **),
            gpointer      data,
            GBytes       *key,
            GCancellable *cancellable,
            GError      **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) raw = NULL;
  g_autoptr (GOutputStream) sealed = NULL;
  g_autoptr (GOutputStream) out = NULL;

  if (!(raw
        = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error)))
    return FALSE;
  if (key != NULL
      && !(sealed = prl_blob_encrypt_stream_new (key, G_OUTPUT_STREAM (raw), cancellable,
                                                 error)))
    return FALSE;
  out = g_buffered_output_stream_new_sized (sealed ? sealed : G_OUTPUT_STREAM (raw),
                                            1 << 16);
  if (!writer (out, data, error))
    {
      g_output_stream_close (out, NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}

typedef struct
{
  PrlNgramModel *model;
  GCancellable  *cancellable;
  const char    *stock_dict;
  GHashTable    *extra;   /* word → phones */
  GPtrArray     *entries; /* PrlPronunciation, sorted */
} WriteData;

static gboolean
write_arpa (GOutputStream *out, gpointer data, GError **error)
{
  WriteData *w = data;

  return prl_ngram_model_write_arpa (w->model, out, w->cancellable, error);
}

static gboolean
write_dict (GOutputStream *out, gpointer data, GError **error)
{
  WriteData *w = data;

  return prl_dictionary_write_merged (w->stock_dict, w->extra, out, error);
}

static gboolean
write_tsv (GOutputStream *out, gpointer data, GError **error)
{
  WriteData *w = data;

  if (!g_output_stream_printf (out, NULL, NULL, error, "# word\tphones\tsource\n"))
    return FALSE;
  for (guint i = 0; i < w->entries->len; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (w->entries, i);

      if (!g_output_stream_printf (out, NULL, NULL, error, "%s\t%s\t%s\n", p->word,
                                   p->phones, p->generated ? "generated" : "user"))
        return FALSE;
    }
  return TRUE;
}

static int
compare_pronunciations (gconstpointer a, gconstpointer b)
{
  const PrlPronunciation *pa = *(PrlPronunciation *const *)a;
  const PrlPronunciation *pb = *(PrlPronunciation *const *)b;

  return strcmp (pa->word, pb->word);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* Normalizing and counting: the n-gram counts and the vocabulary of the
 * training text, manifests included. */
static PrlNgramCounter *
count_training_text (PrlTrainRequest *request,
                     PrlNormalizer   *normalizer,
                     guint            order,
                     GHashTable      *vocabulary,
                     PrlLocalHoldout *holdout,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr (PrlNgramCounter) counter = prl_ngram_counter_new (order);
  CountData count = { 0 };

  count.normalizer = normalizer;
  count.counter = counter;
  count.vocabulary = vocabulary;
  count.holdout = holdout;
  count.error = error;
  for (guint i = 0; request->training && i < request->training->len; i++)
    if (!read_lines (g_ptr_array_index (request->training, i), count_line, &count,
                     cancellable, error))
      return NULL;
  for (guint i = 0; request->manifests && i < request->manifests->len; i++)
    if (!read_lines (g_ptr_array_index (request->manifests, i), count_manifest_line,
                     &count, cancellable, error))
      {
        g_clear_object (&count.parser);
        return NULL;
      }
  g_clear_object (&count.parser);

  if (prl_ngram_counter_get_n_words (counter) == 0)
    {
      g_set_error_literal (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                           _ ("The training text has no words once normalized (numbers "
                              "spelled out, punctuation and fillers removed). Add text "
                              "with sentences of the kind you want recognized."));
      return NULL;
    }
  return g_steal_pointer (&counter);
}

/* Estimating: the custom model, written as custom.arpa. */
static PrlNgramModel *
estimate_model (PrlTrainRequest *request,
                PrlNgramCounter *counter,
                guint            order,
                PrlJob          *job,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr (PrlNgramModel) model = NULL;
  g_autoptr (GError) local_error = NULL;
  Progress  progress = { job, STAGE_ESTIMATE, STAGE_PRONOUNCE - STAGE_ESTIMATE };
  WriteData w = { 0 };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  report (job, STAGE_ESTIMATE, _ ("Estimating the language model"));
  model = prl_ngram_estimate (counter, order, cancellable, estimate_progress, &progress,
                              &local_error);
  if (model == NULL)
    {
      if (g_error_matches (local_error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_NO_TEXT))
        g_set_error_literal (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  w.model = model;
  w.cancellable = cancellable;
  if (!write_file (request->output_dir, "custom.arpa", write_arpa, &w, request->key,
                   cancellable, error))
    return NULL;
  return g_steal_pointer (&model);
}

/* Short new words are often acronyms ("APU", "FOD") that people spell,
 * so they also get their letter-by-letter form as the dictionary variant
 * "word(2)": the decoder takes whichever the audio matches, and reports
 * the word without the mark. Its strings are kept in @variants. */
#define SPELLED_MAX_LETTERS 4

static void
add_spelled_variant (const char *word,
                     const char *phones,
                     GHashTable *extra,
                     GPtrArray  *variants)
{
  g_autofree char *spelled = NULL;
  char            *key;

  if (strlen (word) > SPELLED_MAX_LETTERS || g_getenv ("PRL_BENCH_NO_SPELLING")
      || !(spelled = prl_pronouncer_spell (word)) || g_str_equal (spelled, phones))
    return;

  key = g_strdup_printf ("%s(2)", word);
  g_ptr_array_add (variants, key);
  g_ptr_array_add (variants, spelled);
  g_hash_table_replace (extra, key, g_steal_pointer (&spelled));
}

/* Makes a pronunciation for each word of @vocabulary that neither the
 * stock dictionary nor @extra has, in word order, and adds it to @extra,
 * @entries and @generated. */
static gboolean
generate_missing (PrlPronouncer *pronouncer,
                  GHashTable    *vocabulary,
                  GHashTable    *extra,
                  GPtrArray     *entries,
                  GPtrArray     *generated,
                  GPtrArray     *variants,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, vocabulary);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    g_ptr_array_add (words, value);
  g_ptr_array_sort (words, compare_strings);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autoptr (GError) word_error = NULL;
      g_autofree char  *phones = NULL;
      PrlPronunciation *p;

      if ((i & 0x3f) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (g_hash_table_contains (extra, word)
          || prl_pronouncer_has_word (pronouncer, word))
        continue;

      /* A word espeak-ng cannot say stays out of the dictionary: the
       * decoder then never proposes it, which is better than failing the
       * whole training. */
      if (!(phones = prl_pronouncer_generate (word, &word_error)))
        {
          g_debug ("No pronunciation for “%s”: %s", word, word_error->message);
          continue;
        }

      p = prl_pronunciation_new (word, phones, TRUE);
      g_ptr_array_add (generated, p);
      g_ptr_array_add (entries, p);
      g_hash_table_replace (extra, p->word, p->phones);
      add_spelled_variant (word, phones, extra, variants);
    }
  return TRUE;
}

/* Pronunciations: the model's list first (every entry, so a word the
 * user added for decoding is there even if the text lacks it), then
 * generated ones for the remaining out-of-vocabulary words, added to
 * @generated. Writes merged.dict and pronunciations.tsv. */
static gboolean
make_pronunciations (PrlTrainRequest *request,
                     GHashTable      *vocabulary,
                     GPtrArray       *generated,
                     PrlJob          *job,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr (PrlPronouncer) pronouncer = NULL;
  g_autoptr (GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_autoptr (GPtrArray) variants = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stock_dict = prl_decoder_stock_dict_path ();
  WriteData        w = { 0 };
  GHashTableIter   iter;
  gpointer         value;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (job, STAGE_PRONOUNCE, _ ("Making pronunciations for new words"));
  if (!(pronouncer = _prl_local_get_stock_pronouncer (error)))
    return FALSE;

  if (request->pronunciations != NULL)
    {
      g_hash_table_iter_init (&iter, request->pronunciations);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          PrlPronunciation *p = value;

          g_hash_table_replace (extra, p->word, p->phones);
          g_ptr_array_add (entries, p);
        }
    }

  if (!generate_missing (pronouncer, vocabulary, extra, entries, generated, variants,
                         cancellable, error))
    return FALSE;

  g_ptr_array_sort (entries, compare_pronunciations);
  w.cancellable = cancellable;
  w.stock_dict = stock_dict;
  w.extra = extra;
  w.entries = entries;
  return write_file (request->output_dir, "merged.dict", write_dict, &w, request->key,
                     cancellable, error)
         && write_file (request->output_dir, "pronunciations.tsv", write_tsv, &w,
                        request->key, cancellable, error);
}

/* Tuning: the weight of the custom model against the stock one, on the
 * tuning text when there is some, else on training sentences held out
 * while counting (prl-local-tune.c). */
static gboolean
tune_weight (PrlTrainRequest *request,
             PrlNormalizer   *normalizer,
             PrlNgramModel   *model,
             PrlLocalHoldout *holdout,
             guint            order,
             PrlJob          *job,
             PrlNgramWeight  *weight,
             PrlWeightSource *source,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr (GPtrArray) tuning
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  CountData count = { 0 };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (job, STAGE_TUNE,
          request->tuning && request->tuning->len > 0
              ? _ ("Tuning the weight on the tuning text")
              : _ ("Tuning the weight on held-out training text"));
  count.normalizer = normalizer;
  count.error = error;
  count.sentences = tuning;
  for (guint i = 0; request->tuning && i < request->tuning->len; i++)
    if (!read_lines (g_ptr_array_index (request->tuning, i), count_line, &count,
                     cancellable, error))
      return FALSE;

  return _prl_local_choose_weight (tuning, holdout, order, model, weight, source,
                                   cancellable, error);
}

static gboolean
prl_local_provider_train (PrlProvider     *provider,
                          PrlTrainRequest *request,
                          PrlTrainResult  *result,
                          PrlJob          *job,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr (PrlNormalizer) normalizer = NULL;
  g_autoptr (PrlNgramCounter) counter = NULL;
  g_autoptr (PrlNgramModel) model = NULL;
  g_autoptr (GHashTable) vocabulary
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) generated
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_pronunciation_free);
  g_autoptr (PrlLocalHoldout) holdout = NULL;
  PrlNgramWeight  weight = { 0 };
  PrlWeightSource source = PRL_WEIGHT_SOURCE_DEFAULT;
  guint           order = request->order ? request->order : PRL_NGRAM_DEFAULT_ORDER;

  report (job, STAGE_COUNT, _ ("Normalizing and counting the training text"));
  if (!(normalizer = prl_normalizer_new ("default", error)))
    return FALSE;
  if (order < 1 || order > PRL_NGRAM_MAX_ORDER)
    {
      g_set_error (error, PRL_NGRAM_ERROR, PRL_NGRAM_ERROR_INVALID_ORDER,
                   _ ("The n-gram order must be between 1 and %d"), PRL_NGRAM_MAX_ORDER);
      return FALSE;
    }

  holdout = _prl_local_holdout_new (order);
  if (!(counter = count_training_text (request, normalizer, order, vocabulary, holdout,
                                       cancellable, error)))
    return FALSE;
  /* Without tuning text, λ is chosen on the held-out sentences while the
   * full model is estimated, on the other core (prl-local-tune.c). */
  if (request->tuning == NULL || request->tuning->len == 0)
    _prl_local_holdout_start (holdout, cancellable);
  if (!(model = estimate_model (request, counter, order, job, cancellable, error))
      || !make_pronunciations (request, vocabulary, generated, job, cancellable, error)
      || !tune_weight (request, normalizer, model, holdout, order, job, &weight, &source,
                       cancellable, error))
    return FALSE;

  report (job, 1, _ ("Done"));

  result->base_model_id = prl_local_base_model_id ();
  result->lm_weight = weight.weight;
  result->tuned = weight.tuned;
  result->weight_source = source;
  result->n_tuning_sentences = weight.tuned ? weight.n_sentences : 0;
  result->custom_perplexity = weight.tuned ? weight.custom_perplexity : -1;
  result->stock_perplexity = weight.tuned ? weight.stock_perplexity : -1;
  result->mixture_perplexity = weight.tuned ? weight.perplexity : -1;
  result->stock_known_perplexity = weight.tuned ? weight.stock_known_perplexity : -1;
  result->stock_oov_rate = weight.tuned ? weight.stock_oov_rate : -1;
  result->n_sentences = prl_ngram_counter_get_n_sentences (counter);
  result->n_words = prl_ngram_counter_get_n_words (counter);
  result->generated = g_steal_pointer (&generated);
  return TRUE;
}

static void
prl_local_provider_iface_init (PrlProviderInterface *iface)
{
  iface->train = prl_local_provider_train;
  iface->transcribe = _prl_local_provider_transcribe;
  iface->align = _prl_local_provider_align;
  iface->check_pronunciation = _prl_local_provider_check_pronunciation;
  iface->score_words = _prl_local_provider_score_words;
}

static void
prl_local_provider_class_init (PrlLocalProviderClass *klass)
{
}

static void
prl_local_provider_init (PrlLocalProvider *self)
{
}

/**
 * prl_local_provider_new:
 *
 * Returns: (transfer full): the embedded provider
 */
PrlProvider *
prl_local_provider_new (void)
{
  return g_object_new (PRL_TYPE_LOCAL_PROVIDER, NULL);
}

/**
 * prl_local_register:
 *
 * Registers the embedded provider as "local". Call once from main(),
 * before opening a workspace.
 */
void
prl_local_register (void)
{
  g_autoptr (PrlProvider) provider = prl_local_provider_new ();

  prl_provider_register ("local", provider);
  _prl_local_upgrade_register ();
}
