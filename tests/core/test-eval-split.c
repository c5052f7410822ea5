/* test-eval-split.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "core-test-util.h"
#include "prl-eval-split.h"

/* The 80/20 split of manifests for models without TEST data: the hash is
 * the same everywhere (fixed ids with results computed once, by an
 * independent SHA-256), the proportion is about 20%, the held-out entries
 * and the training stream partition a manifest byte for byte, and a real
 * training with the local provider never sees held-out text. */

/* Held out: sha256(id)[0..3] big-endian % 100 < 20. */
static const char *const held_out_ids[] = { "a", "spk1_0001", "hello", "utt7", "utt9" };
static const char *const training_ids[]
    = { "utt1", "utt2", "utt3", "utt8", "patient-001", "0", "x", "clinic_17", "utt10" };

static void
test_hash_stable (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (held_out_ids); i++)
    g_assert_true (prl_eval_split_is_held_out (held_out_ids[i]));
  for (guint i = 0; i < G_N_ELEMENTS (training_ids); i++)
    g_assert_false (prl_eval_split_is_held_out (training_ids[i]));
}

static void
test_hash_proportion (void)
{
  guint n = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *id = g_strdup_printf ("utt%05u", i);

      n += prl_eval_split_is_held_out (id);
    }

  g_assert_cmpuint (n, >=, 1800);
  g_assert_cmpuint (n, <=, 2200);
  /* Computed once elsewhere: a different count means a different split. */
  g_assert_cmpuint (n, ==, 2101);
}

static void
test_utterance_id (void)
{
  static const struct
  {
    const char *path;
    const char *id;
  } cases[] = {
    { "/data/audio/utt1.wav", "utt1" },
    { "utt1.wav", "utt1" },
    { "audio/sub/utt1", "utt1" },
    { "noext", "noext" },
    { "/a.dir/noext", "noext" },
    { "take.2.final.flac", "take.2.final" },
    { "/data/.hidden", ".hidden" },
    { "C:\\recordings\\spk1_0001.wav", "spk1_0001" },
    { "/data/dir/", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = prl_eval_split_utterance_id (cases[i].path);

      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static GInputStream *
stream_for (const char *data, gsize len)
{
  return g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
}

/* Reads a whole stream @chunk bytes at a time. */
static GBytes *
read_all (GInputStream *stream, gsize chunk)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *buf = g_malloc (chunk);
  g_autoptr (GError) error = NULL;
  gssize n;

  while ((n = g_input_stream_read (stream, buf, chunk, NULL, &error)) > 0)
    g_byte_array_append (out, buf, n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* One manifest line for @id, terminated by @end. */
static void
append_line (GString *s, const char *id, const char *text, const char *end)
{
  g_string_append_printf (s,
                          "{\"audio_filepath\": \"audio/%s.wav\", \"text\": \"%s\", "
                          "\"duration\": 1.5}%s",
                          id, text, end);
}

/* Splits @data into lines with their terminators, as the split does. */
static GPtrArray *
naive_lines (const char *data, gsize len)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gsize      start = 0;

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n' || data[i] == '\r')
      {
        gsize end = i + (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n' ? 2 : 1);

        g_ptr_array_add (lines, g_bytes_new (data + start, end - start));
        start = end;
        i = end - 1;
      }
  if (start < len)
    g_ptr_array_add (lines, g_bytes_new (data + start, len - start));
  return lines;
}

/* Checks that the held-out entries and the training stream share out
 * every line of @data exactly once, in order, byte for byte, and that the
 * counts agree. Returns the number held out. */
static guint
check_partition (const char *data, gsize len, gsize chunk, guint expect_valid)
{
  g_autoptr (GInputStream) in1 = stream_for (data, len);
  g_autoptr (GInputStream) in2 = stream_for (data, len);
  g_autoptr (GInputStream) in3 = stream_for (data, len);
  g_autoptr (GInputStream) training = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GPtrArray) lines = naive_lines (data, len);
  g_autoptr (GByteArray) expected = g_byte_array_new ();
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GError) error = NULL;
  guint n_training = 0, n_held = 0, h = 0;

  held = prl_eval_split_read_held_out (in1, NULL, &error);
  g_assert_no_error (error);
  training = prl_eval_split_filter_training (in2, NULL, &error);
  g_assert_no_error (error);
  got = read_all (training, chunk);
  g_assert_true (prl_eval_split_count (in3, &n_training, &n_held, NULL, &error));
  g_assert_no_error (error);

  /* Held-out entries come in file order; every other line trains. */
  for (guint i = 0; i < lines->len; i++)
    {
      GBytes *line = g_ptr_array_index (lines, i);

      if (h < held->len
          && ((PrlManifestEntry *)g_ptr_array_index (held, h))->line == i + 1)
        {
          PrlManifestEntry *entry = g_ptr_array_index (held, h++);
          g_autofree char  *id = prl_eval_split_utterance_id (entry->audio_filepath);
          g_autofree char  *raw
              = g_strndup (g_bytes_get_data (line, NULL), g_bytes_get_size (line));

          g_assert_true (prl_eval_split_is_held_out (id));
          /* The entry is the line's own (escapes aside). */
          if (strchr (raw, '\\') == NULL)
            g_assert_nonnull (strstr (raw, entry->text));
          g_assert_nonnull (strstr (raw, entry->audio_filepath));
          continue;
        }
      g_byte_array_append (expected, g_bytes_get_data (line, NULL),
                           g_bytes_get_size (line));
    }
  g_assert_cmpuint (h, ==, held->len);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), expected->data,
                   expected->len);

  g_assert_cmpuint (n_held, ==, held->len);
  g_assert_cmpuint (n_training + n_held, ==, expect_valid);
  return n_held;
}

static void
test_partition (void)
{
  g_autoptr (GString) s = g_string_new ("\xEF\xBB\xBF");
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GError) error = NULL;
  PrlManifestEntry *entry;

  /* A BOM, every terminator, a blank line, bad lines, no final newline. */
  append_line (s, "utt7", "held out first", "\r\n");
  append_line (s, "utt1", "trains one", "\n");
  g_string_append (s, "\n");
  append_line (s, "hello", "held out two", "\r");
  g_string_append (s, "not json at all\n");
  g_string_append (s, "{\"audio_filepath\": \"a.wav\"}\n"); /* no text: kept */
  g_string_append (s, "{\"audio_filepath\": \"a.wav\", \"text\": \"x\", "
                      "\"duration\": -1}\n");
  append_line (s, "utt2", "trains two", "\r\n");
  append_line (s, "spk1_0001", "held out three", "\n");
  g_string_append (s, "{\"audio_filepath\": \"/abs/dir/a.flac\", \"text\": \"caf\xC3\xA9 "
                      "\\\"quoted\\\"\", \"duration\": null}\n");
  append_line (s, "utt3", "trains three", "");

  for (gsize chunk = 1; chunk <= 65536; chunk *= 7)
    g_assert_cmpuint (check_partition (s->str, s->len, chunk, 7), ==, 4);

  in = stream_for (s->str, s->len);
  held = prl_eval_split_read_held_out (in, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 4);
  entry = g_ptr_array_index (held, 0);
  g_assert_cmpuint (entry->line, ==, 1);
  g_assert_cmpstr (entry->audio_filepath, ==, "audio/utt7.wav");
  g_assert_cmpstr (entry->text, ==, "held out first");
  g_assert_cmpfloat (entry->duration, ==, 1.5);
  entry = g_ptr_array_index (held, 1);
  g_assert_cmpuint (entry->line, ==, 4);
  g_assert_cmpstr (entry->text, ==, "held out two");
  entry = g_ptr_array_index (held, 2);
  g_assert_cmpstr (entry->text, ==, "held out three");
  entry = g_ptr_array_index (held, 3);
  g_assert_cmpstr (entry->audio_filepath, ==, "/abs/dir/a.flac");
  g_assert_cmpstr (entry->text, ==, "caf\xC3\xA9 \"quoted\"");
  g_assert_cmpfloat (entry->duration, ==, -1);
}

/* Enough lines to cross the reader's 64 KiB chunks, so terminators and
 * "\r\n" pairs fall on every boundary sooner or later. */
static void
test_partition_large (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  guint n_held;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *id = g_strdup_printf ("rec-%04u", i);
      g_autofree char *text = g_strdup_printf ("sentence number %u of the dictation", i);

      append_line (s, id, text, i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r");
    }

  n_held = check_partition (s->str, s->len, 4096, 3000);
  g_assert_cmpuint (n_held, >=, 500);
  g_assert_cmpuint (n_held, <=, 700);
  g_assert_cmpuint (check_partition (s->str, s->len, 100000, 3000), ==, n_held);
}

static void
test_empty (void)
{
  g_autoptr (GInputStream) in1 = stream_for ("", 0);
  g_autoptr (GInputStream) in2 = stream_for ("", 0);
  g_autoptr (GInputStream) in3 = stream_for ("", 0);
  g_autoptr (GInputStream) training = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  guint n_training = 99, n_held = 99;

  held = prl_eval_split_read_held_out (in1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 0);
  training = prl_eval_split_filter_training (in2, NULL, &error);
  got = read_all (training, 10);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);
  g_assert_true (prl_eval_split_count (in3, &n_training, &n_held, NULL, &error));
  g_assert_cmpuint (n_training, ==, 0);
  g_assert_cmpuint (n_held, ==, 0);

  /* Closing the training stream closes the manifest. */
  g_assert_true (g_input_stream_close (training, NULL, NULL));
  g_assert_true (g_input_stream_is_closed (in2));

  /* A cancel is an error, not an empty split. */
  g_cancellable_cancel (cancelled);
  g_clear_object (&in1);
  in1 = stream_for ("{}\n", 3);
  g_assert_null (prl_eval_split_read_held_out (in1, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (prl_eval_split_count (in1, NULL, NULL, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (prl_eval_split_filter_training (in1, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static PrlDataset *
dataset (PrlDatasetType type, const char *name)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  PrlDatasetInfo info = { 0 };

  info.started = now;
  info.ended = now;
  info.name = name;
  info.type = type;
  info.sha256 = "0";
  info.codec = NULL;
  info.uri = "";
  info.duration = -1;
  return prl_dataset_new (&info);
}

static void
test_applies (void)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_false (prl_eval_split_applies (NULL));
  g_assert_false (prl_eval_split_applies (list));

  g_ptr_array_add (list, dataset (PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt"));
  g_ptr_array_add (list, dataset (PRL_DATASET_TYPE_AUDIO, "a.wav"));
  g_assert_false (prl_eval_split_applies (list));

  g_ptr_array_add (list, dataset (PRL_DATASET_TYPE_MANIFEST, "train.jsonl"));
  g_assert_true (prl_eval_split_applies (list));
  g_ptr_array_add (list, dataset (PRL_DATASET_TYPE_TUNING, "tune.txt"));
  g_assert_true (prl_eval_split_applies (list));

  /* Real test data replaces the split, wherever it is in the list. */
  g_ptr_array_insert (list, 0, dataset (PRL_DATASET_TYPE_TEST, "a.srt"));
  g_assert_false (prl_eval_split_applies (list));
}

static void
test_describe (void)
{
  g_autofree char *many = prl_eval_split_describe (16, 4);
  g_autofree char *one = prl_eval_split_describe (1, 1);

  g_assert_cmpstr (many, ==,
                   "No TEST data: 16 manifest utterances train the model and 4 are held "
                   "out to test it (a fixed 80/20 split).");
  g_assert_cmpstr (one, ==,
                   "No TEST data: 1 manifest utterance trains the model and 1 is held "
                   "out to test it (a fixed 80/20 split).");
}

/* Training through the workspace with the local provider. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  use_local ();
  fixture_open (f, "prl-split-XXXXXX");
}

/* A manifest of @ids with @texts; the audio files exist (empty), as the
 * import checks. */
static void
import_manifest (Fixture          *f,
                 const char       *name,
                 const char *const ids[],
                 const char *const texts[],
                 guint             n)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *wav_name = g_strconcat (ids[i], ".wav", NULL);
      g_autofree char *wav = g_build_filename (f->files, wav_name, NULL);

      g_assert_true (g_file_set_contents (wav, "", 0, NULL));
      g_string_append_printf (s, "{\"audio_filepath\": \"%s\", \"text\": \"%s\"}\n",
                              wav_name, texts[i]);
    }
  add_text (f, PRL_DATASET_TYPE_MANIFEST, name, s->str);
}

static PrlTrainJob *
train (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  PrlTrainJob *job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);

  g_assert_no_error (error);
  g_object_ref (job);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  return job;
}

/* An ARPA file lists each unigram on a line of its own: "-1.23\tword\t…". */
static gboolean
arpa_has_word (const char *arpa, const char *word)
{
  g_autofree char *pattern = g_strdup_printf ("\t%s\t", word);
  g_autofree char *last = g_strdup_printf ("\t%s\n", word);

  return strstr (arpa, pattern) != NULL || strstr (arpa, last) != NULL;
}

static void
count_datasets (Fixture *f, guint *n_training, guint *n_held_out)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  PrlStore *store = prl_workspace_get_store (f->ws);

  prl_store_list_datasets_async (store, prl_model_get_id (f->model), NULL,
                                 store_result_cb, &result);
  datasets = prl_store_list_datasets_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (prl_eval_split_count_datasets (store, datasets, n_training, n_held_out,
                                                NULL, &error));
  g_assert_no_error (error);
}

static void
test_train_leaves_out_held_out (Fixture *f, gconstpointer data)
{
  /* utt1, utt2, utt3 train; utt7 and utt9 are held out. Each sentence
   * has a word no other has. */
  const char *const ids[] = { "utt1", "utt7", "utt2", "utt9", "utt3" };
  const char *const texts[] = {
    "the patient takes metoprolol daily",     "the patient reports zymurgy symptoms",
    "check the blood pressure with warfarin", "the nurse noted quixotry at night",
    "start lisinopril in the morning",
  };
  g_autoptr (PrlTrainJob) job = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *arpa = NULL;
  g_autofree char *params = NULL;
  JsonObject      *split;
  PrlVersion      *version;
  guint            n_training = 0, n_held_out = 0;

  import_manifest (f, "clinic.jsonl", ids, texts, G_N_ELEMENTS (ids));
  count_datasets (f, &n_training, &n_held_out);
  g_assert_cmpuint (n_training, ==, 3);
  g_assert_cmpuint (n_held_out, ==, 2);

  job = train (f);
  g_assert_no_error ((GError *)prl_job_get_error (PRL_JOB (job)));
  version = prl_train_job_get_version (job);
  g_assert_nonnull (version);
  g_assert_cmpuint (prl_version_get_n_sentences (version), ==, 3);

  arpa = read_artifact (version, "custom.arpa");
  g_assert_true (arpa_has_word (arpa, "metoprolol"));
  g_assert_true (arpa_has_word (arpa, "warfarin"));
  g_assert_true (arpa_has_word (arpa, "lisinopril"));
  g_assert_false (arpa_has_word (arpa, "zymurgy"));
  g_assert_false (arpa_has_word (arpa, "quixotry"));
  g_assert_null (strstr (arpa, "zymurgy"));
  g_assert_null (strstr (arpa, "quixotry"));

  params = read_artifact (version, "params.json");
  g_assert_true (json_parser_load_from_data (parser, params, -1, NULL));
  split = json_object_get_object_member (
      json_node_get_object (json_parser_get_root (parser)), "eval_split");
  g_assert_nonnull (split);
  g_assert_true (json_object_get_boolean_member (split, "applied"));
  g_assert_cmpint (json_object_get_int_member (split, "training_utterances"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (split, "held_out_utterances"), ==, 2);
}

static void
test_train_with_test_data (Fixture *f, gconstpointer data)
{
  const char *const ids[] = { "utt1", "utt7" };
  const char *const texts[] = {
    "the patient takes metoprolol daily",
    "the patient reports zymurgy symptoms",
  };
  g_autoptr (PrlTrainJob) job = NULL;
  g_autofree char *arpa = NULL;

  /* With TEST data the manifest is not split: all of it trains. */
  import_manifest (f, "clinic.jsonl", ids, texts, G_N_ELEMENTS (ids));
  add_text (f, PRL_DATASET_TYPE_TEST, "visit.txt", "the doctor listens\n");

  job = train (f);
  g_assert_no_error ((GError *)prl_job_get_error (PRL_JOB (job)));
  arpa = read_artifact (prl_train_job_get_version (job), "custom.arpa");
  g_assert_true (arpa_has_word (arpa, "metoprolol"));
  g_assert_true (arpa_has_word (arpa, "zymurgy"));
}

static void
test_train_all_held_out (Fixture *f, gconstpointer data)
{
  const char *const ids[] = { "utt7", "hello", "spk1_0001" };
  const char *const texts[] = {
    "the patient reports zymurgy symptoms",
    "hello doctor",
    "the nurse noted quixotry at night",
  };
  g_autoptr (PrlTrainJob) job = NULL;
  g_autoptr (PrlTrainJob) again = NULL;
  g_autofree char *arpa = NULL;
  const GError    *error;

  import_manifest (f, "held.jsonl", ids, texts, G_N_ELEMENTS (ids));

  /* Nothing left to train: a clear refusal, not an empty model. */
  job = train (f);
  error = prl_job_get_error (PRL_JOB (job));
  g_assert_error ((GError *)error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "All 3 utterances"));
  g_assert_nonnull (strstr (error->message, "TRANSCRIPT"));
  g_assert_null (prl_train_job_get_version (job));
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_FAILED);

  /* Training text makes it trainable; the held-out text still stays out. */
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  again = train (f);
  g_assert_no_error ((GError *)prl_job_get_error (PRL_JOB (again)));
  arpa = read_artifact (prl_train_job_get_version (again), "custom.arpa");
  g_assert_true (arpa_has_word (arpa, "metoprolol"));
  g_assert_null (strstr (arpa, "zymurgy"));
  g_assert_null (strstr (arpa, "quixotry"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-split/hash/stable", test_hash_stable);
  g_test_add_func ("/eval-split/hash/proportion", test_hash_proportion);
  g_test_add_func ("/eval-split/utterance-id", test_utterance_id);
  g_test_add_func ("/eval-split/partition", test_partition);
  g_test_add_func ("/eval-split/partition-large", test_partition_large);
  g_test_add_func ("/eval-split/empty", test_empty);
  g_test_add_func ("/eval-split/applies", test_applies);
  g_test_add_func ("/eval-split/describe", test_describe);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/eval-split/train/held-out-excluded", test_train_leaves_out_held_out);
  ADD ("/eval-split/train/test-data", test_train_with_test_data);
  ADD ("/eval-split/train/all-held-out", test_train_all_held_out);

  return g_test_run ();
}
