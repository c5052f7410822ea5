/* test-transcribe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-transcribe"

#include "config.h"

#include "prl-aligner.h"
#include "prl-caption-writer.h"
#include "prl-decoder.h"
#include "prl-dictionary.h"
#include "prl-ngram.h"
#include "prl-pronouncer.h"
#include "prl-transcribe-job.h"

#include "prl-local-provider-private.h"

#include "decoder-test-util.h"

/* The local provider's transcription and alignment, and PrlTranscribeJob
 * on top of them, on speech synthesized by espeak-ng. A minimal provider
 * that only forwards to prl-local-transcribe.c keeps the test about
 * transcription, whatever else PrlLocalProvider does. */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, GObject)

struct _TestProvider
{
  GObject parent_instance;
};

static void
test_provider_iface_init (PrlProviderInterface *iface)
{
  iface->transcribe = _prl_local_provider_transcribe;
  iface->align = _prl_local_provider_align;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestProvider,
                               test_provider,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_PROVIDER,
                                                      test_provider_iface_init))

static void
test_provider_class_init (TestProviderClass *klass)
{
}

static void
test_provider_init (TestProvider *self)
{
}

static char        *fixture_dir;
static PrlProvider *provider;

static const char *sentences[] = {
  "the weather will be cold and rainy tomorrow morning",
  "please open the window in the kitchen",
  "my brother bought a new car last week",
  "we will meet at the station at noon",
};

/* Cardiology: the stock model knows none of the drugs. Thirty training
 * sentences; the spoken ones are new combinations of their words. */
static const char *domain_text[] = {
  "the patient takes metoprolol for atrial fibrillation",
  "metoprolol lowers the heart rate",
  "atrial fibrillation raises the risk of stroke",
  "the patient has atrial fibrillation and high blood pressure",
  "we increased the dose of metoprolol",
  "the heart rate was irregular because of atrial fibrillation",
  "metoprolol was started after the stroke",
  "the patient takes warfarin and metoprolol",
  "warfarin lowers the risk of stroke",
  "the dose of warfarin was lowered",
  "amiodarone controls the rhythm in atrial fibrillation",
  "the patient stopped amiodarone because of side effects",
  "apixaban is an alternative to warfarin",
  "apixaban lowers the risk of stroke in atrial fibrillation",
  "the echocardiogram showed a dilated left atrium",
  "the echocardiogram was normal",
  "cardioversion restored sinus rhythm",
  "after cardioversion the patient takes amiodarone",
  "the patient needs anticoagulation with warfarin or apixaban",
  "anticoagulation lowers the risk of stroke",
  "digoxin slows the heart rate",
  "the patient takes digoxin and metoprolol",
  "the electrocardiogram showed atrial fibrillation",
  "the electrocardiogram showed sinus rhythm after cardioversion",
  "we checked the international normalized ratio for warfarin",
  "the ratio was too high so we lowered the warfarin",
  "the patient has heart failure and atrial fibrillation",
  "metoprolol and digoxin control the heart rate",
  "the echocardiogram showed heart failure",
  "we started apixaban after the stroke",
};

static const char *domain_spoken[] = {
  "the patient takes apixaban and digoxin",
  "amiodarone restored sinus rhythm after the stroke",
  "the electrocardiogram showed atrial fibrillation after cardioversion",
  "we lowered the dose of warfarin and metoprolol",
};

static char *
fixture (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

/* Synthesizes each of @texts once per test run, named @prefix<i>.wav. */
static GPtrArray *
synthesize_all (const char *prefix, const char *const *texts, guint n)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u.wav", prefix, i);
      char            *path = fixture (name);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        synthesize (texts[i], path);
      g_ptr_array_add (paths, path);
    }

  return paths;
}

static void
assert_words_timed (const PrlTranscript *t)
{
  double last_end = 0;

  g_assert_cmpuint (t->words->len, >, 0);
  for (guint i = 0; i < t->words->len; i++)
    {
      const PrlTranscriptWord *w = &g_array_index (t->words, PrlTranscriptWord, i);

      g_assert_cmpstr (w->word, !=, "");
      g_assert_null (strchr (w->word, '('));
      g_assert_cmpfloat (w->start, >=, last_end - 1e-6);
      g_assert_cmpfloat (w->start, <, w->end);
      g_assert_cmpfloat (w->end, <=, t->duration + 1e-6);
      g_assert_cmpfloat (w->confidence, >=, 0);
      g_assert_cmpfloat (w->confidence, <=, 1);
      last_end = w->end;
    }
}

static void
test_stock (void)
{
  g_autoptr (GPtrArray) wavs = synthesize_all ("general", sentences, 1);
  g_autoptr (PrlTranscript) first = NULL;
  g_autoptr (PrlTranscript) second = NULL;
  g_autoptr (GError) error = NULL;
  gint64 t0, t1, t2;

  t0 = g_get_monotonic_time ();
  first = prl_provider_transcribe (provider, NULL, wavs->pdata[0], NULL, &error);
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  second = prl_provider_transcribe (provider, NULL, wavs->pdata[0], NULL, &error);
  t2 = g_get_monotonic_time ();
  g_assert_no_error (error);

  g_test_message ("stock: “%s” (WER %.0f%%), %.2f s of audio; first call %.2f s, "
                  "second (cached decoder) %.2f s, real-time factor %.2f",
                  first->text, 100 * word_error_rate (sentences[0], first->text),
                  first->duration, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                  (t2 - t1) / 1e6 / first->duration);

  g_assert_cmpstr (first->id, ==, "general0");
  g_assert_cmpstr (first->path, ==, wavs->pdata[0]);
  g_assert_cmpfloat (first->duration, >, 2.0);
  g_assert_cmpfloat (first->duration, <, 6.0);
  assert_words_timed (first);
  g_assert_cmpfloat (word_error_rate (sentences[0], first->text), <=, 0.5);

  /* A cached decoder starts every file afresh (times from 0, the initial
   * cepstral mean), so the result does not depend on what the thread
   * decoded before. */
  g_assert_cmpstr (first->text, ==, second->text);
  g_assert_cmpuint (first->words->len, ==, second->words->len);
  for (guint i = 0; i < first->words->len; i++)
    g_assert_cmpfloat (g_array_index (first->words, PrlTranscriptWord, i).start, ==,
                       g_array_index (second->words, PrlTranscriptWord, i).start);
}

static void
test_errors (void)
{
  g_autofree char *bad = fixture ("not-audio.wav");
  g_autofree char *missing = fixture ("missing.wav");
  g_autoptr (PrlTranscript) t = NULL;
  g_autoptr (PrlVersion) version = NULL;
  g_autoptr (GError) error = NULL;
  PrlVersionInfo info = { 0 };

  g_file_set_contents (bad, "this is text, not audio\n", -1, &error);
  g_assert_no_error (error);

  t = prl_provider_transcribe (provider, NULL, bad, NULL, &error);
  g_assert_null (t);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-audio.wav"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  t = prl_provider_transcribe (provider, NULL, missing, NULL, &error);
  g_assert_null (t);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* A version whose files are gone. */
  info.name = "gone-20260101T000000Z";
  info.directory = fixture_dir;
  info.lm_weight = 0.5;
  version = prl_version_new (&info);
  t = prl_provider_transcribe (provider, version, missing, NULL, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_MODEL_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone-20260101T000000Z"));
}

static gboolean
run_job (PrlTranscribeJob *job, GError **error)
{
  prl_job_execute_async (PRL_JOB (job), NULL, NULL, NULL);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);

  if (prl_job_get_error (PRL_JOB (job)) != NULL)
    {
      g_propagate_error (error, g_error_copy (prl_job_get_error (PRL_JOB (job))));
      return FALSE;
    }
  return TRUE;
}

static GFile **
files_for (GPtrArray *paths)
{
  GFile **files = g_new0 (GFile *, paths->len + 1);

  for (guint i = 0; i < paths->len; i++)
    files[i] = g_file_new_for_path (paths->pdata[i]);
  return files;
}

static void
free_files (GFile **files)
{
  for (guint i = 0; files[i] != NULL; i++)
    g_object_unref (files[i]);
  g_free (files);
}

static void
test_batch (void)
{
  g_autoptr (GPtrArray) wavs = synthesize_all ("general", sentences, 4);
  g_autoptr (PrlTranscribeJob) job = NULL;
  g_autoptr (GError) error = NULL;
  GFile    **files = files_for (wavs);
  GPtrArray *transcripts;
  GPtrArray *errors;
  double     audio = 0;
  gint64     start;

  job = prl_transcribe_job_new (provider, NULL, files, wavs->len);
  start = g_get_monotonic_time ();
  g_assert_true (run_job (job, &error));
  g_assert_no_error (error);

  transcripts = prl_transcribe_job_get_transcripts (job);
  errors = prl_transcribe_job_get_errors (job);
  g_assert_cmpuint (transcripts->len, ==, 4);
  g_assert_cmpuint (errors->len, ==, 4);
  g_assert_cmpuint (prl_transcribe_job_get_n_failed (job), ==, 0);
  g_assert_cmpfloat (prl_job_get_progress (PRL_JOB (job)), ==, 1.0);

  for (guint i = 0; i < transcripts->len; i++)
    {
      const PrlTranscript *t = transcripts->pdata[i];
      g_autofree char     *id = g_strdup_printf ("general%u", i);
      double               wer = word_error_rate (sentences[i], t->text);

      g_assert_null (errors->pdata[i]);
      g_assert_cmpstr (t->id, ==, id);
      g_test_message ("%s: “%s” (WER %.0f%%)", t->id, t->text, 100 * wer);
      /* In input order: each file is closer to its own sentence than to
       * any other. */
      for (guint j = 0; j < G_N_ELEMENTS (sentences); j++)
        if (j != i)
          g_assert_cmpfloat (wer, <, word_error_rate (sentences[j], t->text));
      assert_words_timed (t);
      audio += t->duration;
    }

  g_test_message ("batch of 4 on %u cores: %.1f s of audio in %.2f s, real-time "
                  "factor %.2f",
                  g_get_num_processors (), audio, (g_get_monotonic_time () - start) / 1e6,
                  (g_get_monotonic_time () - start) / 1e6 / audio);
  free_files (files);
}

static void
test_batch_partial_failure (void)
{
  g_autoptr (GPtrArray) wavs = synthesize_all ("general", sentences, 2);
  g_autoptr (PrlTranscribeJob) job = NULL;
  g_autoptr (PrlTranscribeJob) all_bad = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = fixture ("broken.wav");
  GFile          **files;
  GPtrArray       *transcripts;
  GPtrArray       *errors;

  g_file_set_contents (bad, "RIFF but not really", -1, &error);
  g_assert_no_error (error);
  g_ptr_array_insert (wavs, 1, g_strdup (bad));
  files = files_for (wavs);

  job = prl_transcribe_job_new (provider, NULL, files, wavs->len);
  g_assert_true (run_job (job, &error));
  g_assert_no_error (error);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);

  transcripts = prl_transcribe_job_get_transcripts (job);
  errors = prl_transcribe_job_get_errors (job);
  g_assert_cmpuint (prl_transcribe_job_get_n_failed (job), ==, 1);
  g_assert_nonnull (transcripts->pdata[0]);
  g_assert_null (transcripts->pdata[1]);
  g_assert_nonnull (transcripts->pdata[2]);
  g_assert_null (errors->pdata[0]);
  g_assert_nonnull (errors->pdata[1]);
  g_assert_null (errors->pdata[2]);
  g_assert_nonnull (strstr (((GError *)errors->pdata[1])->message, "broken.wav"));
  g_assert_cmpstr (((PrlTranscript *)transcripts->pdata[2])->id, ==, "general1");

  /* Only bad files: the job fails, saying why. */
  all_bad = prl_transcribe_job_new (provider, NULL, &files[1], 1);
  g_assert_false (run_job (all_bad, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (all_bad)), ==, PRL_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (error->message, "broken.wav"));

  free_files (files);
}

static void
cancel_after_first_cb (PrlJob *job, GParamSpec *pspec, gpointer user_data)
{
  if (prl_job_get_progress (job) > 0)
    prl_job_cancel (job);
}

static void
test_cancel (void)
{
  g_autoptr (GPtrArray) wavs = synthesize_all ("general", sentences, 4);
  g_autoptr (PrlTranscribeJob) job = NULL;
  g_autoptr (GError) error = NULL;
  GFile    **files;
  GPtrArray *transcripts;
  guint      n_done = 0;

  /* Eight files on one thread: once the first is done, cancel. */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (wavs, g_strdup (wavs->pdata[i]));
  files = files_for (wavs);

  job = prl_transcribe_job_new (provider, NULL, files, wavs->len);
  prl_transcribe_job_set_max_threads (job, 1);
  g_signal_connect (job, "notify::progress", G_CALLBACK (cancel_after_first_cb), NULL);
  g_assert_false (run_job (job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);

  transcripts = prl_transcribe_job_get_transcripts (job);
  for (guint i = 0; i < transcripts->len; i++)
    n_done += transcripts->pdata[i] != NULL;
  g_test_message ("%u of %u files transcribed before the cancel took effect", n_done,
                  transcripts->len);
  g_assert_cmpuint (n_done, >=, 1);
  g_assert_cmpuint (n_done, <, transcripts->len);

  free_files (files);
}

/* What training makes of domain_text: a trigram ARPA and the stock
 * dictionary with the new words, in a version folder. */
static PrlVersion *
make_domain_version (void)
{
  g_autofree char *dir = fixture ("clinic-20260101T000000Z");
  g_autofree char *arpa = g_build_filename (dir, "custom.arpa", NULL);
  g_autofree char *dict = g_build_filename (dir, "merged.dict", NULL);
  g_autofree char *stock = prl_decoder_stock_dict_path ();
  g_autoptr (GHashTable) extra
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (PrlPronouncer) pronouncer = NULL;
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  PrlNgramCounter *counter = prl_ngram_counter_new (3);
  PrlNgramModel   *model;
  PrlVersionInfo   info = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  pronouncer = prl_pronouncer_new (stock, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (domain_text); i++)
    {
      g_auto (GStrv) words = g_strsplit (domain_text[i], " ", -1);

      prl_ngram_counter_add_line (counter, domain_text[i]);
      for (guint j = 0; words[j] != NULL; j++)
        if (!prl_pronouncer_has_word (pronouncer, words[j])
            && !g_hash_table_contains (extra, words[j]))
          {
            char *phones = prl_pronouncer_lookup (pronouncer, words[j], NULL, &error);

            g_assert_no_error (error);
            g_hash_table_insert (extra, g_strdup (words[j]), phones);
          }
    }

  model = prl_ngram_estimate (counter, 3, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (arpa);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  prl_ngram_model_write_arpa (model, G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&out);
  g_clear_object (&file);
  prl_ngram_model_free (model);
  prl_ngram_counter_free (counter);

  file = g_file_new_for_path (dict);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  prl_dictionary_write_merged (stock, extra, G_OUTPUT_STREAM (out), &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);

  info.name = "clinic-20260101T000000Z";
  info.directory = dir;
  info.order = 3;
  info.lm_weight = 0.7;
  return prl_version_new (&info);
}

static double
batch_wer (PrlVersion *version, GPtrArray *wavs, const char *label)
{
  g_autoptr (PrlTranscribeJob) job = NULL;
  g_autoptr (GError) error = NULL;
  GFile    **files = files_for (wavs);
  GPtrArray *transcripts;
  double     total = 0;

  job = prl_transcribe_job_new (provider, version, files, wavs->len);
  g_assert_true (run_job (job, &error));
  g_assert_no_error (error);
  transcripts = prl_transcribe_job_get_transcripts (job);
  for (guint i = 0; i < transcripts->len; i++)
    {
      const PrlTranscript *t = transcripts->pdata[i];
      double               wer = word_error_rate (domain_spoken[i], t->text);

      g_test_message ("%s: “%s” (WER %.0f%%)", label, t->text, 100 * wer);
      assert_words_timed (t);
      total += wer;
    }
  free_files (files);

  return total / transcripts->len;
}

static void
test_version (void)
{
  g_autoptr (PrlVersion) version = make_domain_version ();
  g_autoptr (GPtrArray) wavs
      = synthesize_all ("clinic", domain_spoken, G_N_ELEMENTS (domain_spoken));
  double stock = batch_wer (NULL, wavs, "stock");
  double custom = batch_wer (version, wavs, "custom");

  g_test_message ("in-domain mean WER: stock %.0f%%, custom %.0f%%", 100 * stock,
                  100 * custom);
  g_assert_cmpfloat (custom, <, stock - 0.2);
}

static void
test_align (void)
{
  static const char *text = "Warfarin lowers the risk of stroke, slowly.";
  g_autofree char   *wav = fixture ("align.wav");
  g_auto (GStrv) words = prl_aligner_split_words (text);
  g_autoptr (PrlTranscript) t = NULL;
  g_autoptr (GPtrArray) decoded
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_decoded_word_free);
  g_autoptr (GPtrArray) cues = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *srt = NULL;

  synthesize (text, wav);
  t = prl_provider_align (provider, wav, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->id, ==, "align");
  g_assert_cmpuint (t->words->len, ==, g_strv_length (words));
  assert_words_timed (t);

  for (guint i = 0; i < t->words->len; i++)
    {
      const PrlTranscriptWord *w = &g_array_index (t->words, PrlTranscriptWord, i);
      PrlDecodedWord          *d = g_new0 (PrlDecodedWord, 1);

      g_assert_cmpstr (w->word, ==, words[i]);
      d->word = g_strdup (w->word);
      d->start = w->start;
      d->end = w->end;
      d->confidence = w->confidence;
      g_ptr_array_add (decoded, d);
    }

  cues = prl_caption_group_words (decoded);
  srt = prl_caption_format_srt (cues);
  g_test_message ("%s", srt);
  g_assert_true (g_str_has_prefix (srt, "1\n00:00:0"));
  g_assert_nonnull (strstr (srt, "warfarin lowers"));

  /* A transcript that the audio cannot hold. */
  g_clear_pointer (&t, prl_transcript_free);
  t = prl_provider_align (provider, wav, ".", NULL, &error);
  g_assert_null (t);
  g_assert_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_ALIGNMENT);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *version_dir = NULL;
  int              ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  skip_without_tools ();

  fixture_dir = g_dir_make_tmp ("parlance-transcribe-XXXXXX", &error);
  g_assert_no_error (error);
  provider = g_object_new (TEST_TYPE_PROVIDER, NULL);

  g_test_add_func ("/transcribe/stock", test_stock);
  g_test_add_func ("/transcribe/errors", test_errors);
  g_test_add_func ("/transcribe/batch", test_batch);
  g_test_add_func ("/transcribe/batch-partial-failure", test_batch_partial_failure);
  g_test_add_func ("/transcribe/cancel", test_cancel);
  g_test_add_func ("/transcribe/version", test_version);
  g_test_add_func ("/transcribe/align", test_align);

  ret = g_test_run ();

  /* A job's last progress update, queued for up to a quarter of a second,
   * holds the job and so the provider. */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
       g_get_monotonic_time () < end;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  g_assert_finalize_object (provider);
  version_dir = fixture ("clinic-20260101T000000Z");
  remove_dir (version_dir);
  remove_dir (fixture_dir);
  g_free (fixture_dir);

  return ret;
}
