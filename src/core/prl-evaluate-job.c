/* prl-evaluate-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memfd_create() */
#define G_LOG_DOMAIN "prl-evaluate-job"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <string.h>

#include <gio/gunixoutputstream.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "prl-blob-store.h"
#include "prl-dataset.h"
#include "prl-eval-shared.h"
#include "prl-eval-split.h"
#include "prl-normalizer.h"
#include "prl-store-eval.h"
#include "prl-store-versions.h"
#include "prl-wer-scores.h"
#include "prl-wer-stats.h"

#include "prl-evaluate-job.h"

/* Evaluates a model on its test pairs (AUDIO and TEST datasets with the
 * same basename): each selected system (the stock model, then versions
 * oldest first) transcribes the pairs it has no stored result for, on a
 * private thread pool, and the results are scored with the “default”
 * normalization profile and stored. Stored hypotheses are reused unless
 * the job was made with recompute; the scores of the leaderboard are then
 * computed from all the hypotheses in memory (cheap and deterministic).
 * The p-value against the stock model is MAPSSWE when the runs have at
 * least two segments, else the sign test over utterances.
 */

#define PROFILE "default"

typedef struct
{
  char *id;         /* (owned): the pair's basename */
  char *audio_path; /* (owned) */
  int   audio_fd;   /* memory file of decrypted audio, or -1 */
  char *reference;  /* (owned) */
} Pair;

typedef struct
{
  guint          system; /* index in self->systems */
  guint          pair;   /* index in self->pairs */
  PrlTranscript *transcript;
  GError        *error;
  gboolean       saved; /* its result is in the store */
} Task;

struct _PrlEvaluateJob
{
  PrlJob parent_instance;

  PrlStore    *store;    /* (owned) */
  PrlProvider *provider; /* (owned) */
  PrlModel    *model;    /* (owned) */
  GStrv        wanted;   /* (owned) (nullable): NULL for all versions */
  gboolean     recompute;
  gboolean     stored_only;
  guint        max_threads;

  /* Set by run(). */
  GPtrArray     *systems; /* (element-type PrlVersion) (nullable items): [0] is stock */
  GPtrArray     *pairs;   /* (element-type Pair) */
  GPtrArray     *tasks;   /* (element-type Task) */
  PrlEvalRun    *run;     /* (owned) (nullable): once run() succeeded */
  GPtrArray     *rows;    /* (element-type PrlEvalRow): the run's rows */
  GPtrArray     *ids;     /* (element-type utf8): the run's utterances */
  GPtrArray     *refs;    /* (element-type utf8) */
  char          *profile; /* (owned): the normalizer's identity */
  PrlNormalizer *normalizer; /* (unowned): run()'s, while it transcribes */
  GCancellable  *cancellable;
  GMutex         lock;
  guint          n_done;
};

G_DEFINE_FINAL_TYPE (PrlEvaluateJob, prl_evaluate_job, PRL_TYPE_JOB)

static void
pair_free (Pair *pair)
{
  if (pair->audio_fd >= 0)
    close (pair->audio_fd);
  g_free (pair->id);
  g_free (pair->audio_path);
  g_free (pair->reference);
  g_free (pair);
}

static void
task_free (Task *task)
{
  g_clear_pointer (&task->transcript, prl_transcript_free);
  g_clear_error (&task->error);
  g_free (task);
}

static void
version_unref0 (gpointer version)
{
  if (version != NULL)
    g_object_unref (version);
}

static const char *
system_name (PrlEvaluateJob *self, guint system)
{
  PrlVersion *version = g_ptr_array_index (self->systems, system);

  return version != NULL ? prl_version_get_name (version) : "";
}

/* The reference: the TEST text's lines joined by spaces. */
static char *
read_reference (PrlEvaluateJob *self,
                PrlDataset     *dataset,
                GBytes        **key,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;

  if (!(input = prl_store_open_dataset (self->store, dataset, key, cancellable, error)))
    return NULL;
  if (g_output_stream_splice (output, input, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                              cancellable, error)
      < 0)
    return NULL;
  /* NUL-terminate. */
  if (!g_output_stream_write_all (output, "", 1, NULL, cancellable, error)
      || !g_output_stream_close (output, cancellable, error))
    return NULL;

  data = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
  if (!g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The test transcript “%s” is not UTF-8 text"),
                   prl_dataset_get_name (dataset));
      return NULL;
    }

  lines = g_strsplit_set (g_strstrip (data), "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);
  {
    g_autoptr (GString) joined = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        g_string_append_printf (joined, "%s%s", joined->len ? " " : "", lines[i]);
    return g_string_free (g_steal_pointer (&joined), FALSE);
  }
}

/* The audio as a local file: the blob itself, or for an encrypted blob a
 * decrypted copy in memory, named /proc/self/fd/N, so that the plain
 * recording never reaches a disk and cannot outlive a killed process. */
static gboolean
prepare_audio (PrlEvaluateJob *self,
               Pair           *pair,
               PrlDataset     *dataset,
               GBytes        **key,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr (GInputStream) input = NULL;
  g_autoptr (GOutputStream) output = NULL;
  int fd;

  if (!prl_dataset_get_encrypted (dataset))
    {
      /* The decoder reads the blob by its path, past the verifying
       * stream: check it first (a fraction of the decoding's cost). */
      if (!prl_blob_store_verify (prl_store_get_blob_store (self->store),
                                  prl_dataset_get_sha256 (dataset), FALSE, NULL, -1,
                                  prl_dataset_get_name (dataset), cancellable, error))
        return FALSE;
      pair->audio_path
          = prl_blob_store_get_path (prl_store_get_blob_store (self->store),
                                     prl_dataset_get_sha256 (dataset), FALSE);
      return TRUE;
    }

  if (!(input = prl_store_open_dataset (self->store, dataset, key, cancellable, error)))
    return FALSE;

  if ((fd = memfd_create ("parlance-audio", MFD_CLOEXEC)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not make a file in memory for the recording “%s”: %s"),
                   pair->id, g_strerror (saved));
      return FALSE;
    }
  pair->audio_fd = fd;
  output = g_unix_output_stream_new (fd, FALSE);
  if (g_output_stream_splice (output, input, G_OUTPUT_STREAM_SPLICE_NONE, cancellable,
                              error)
      < 0)
    return FALSE;
  pair->audio_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  return TRUE;
}

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const Pair *pa = *(Pair *const *)a;
  const Pair *pb = *(Pair *const *)b;

  return g_strcmp0 (pa->id, pb->id);
}

/* With no TEST data, the manifests' held-out utterances are the test
 * pairs: their audio is the AUDIO dataset of the same name, or the
 * manifest's own path when it is still on this machine. */
static gboolean
gather_held_out (PrlEvaluateJob *self,
                 GPtrArray      *datasets,
                 GHashTable     *audio,
                 GBytes        **key,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_missing = 0;

  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *d = g_ptr_array_index (datasets, i);
      g_autoptr (GInputStream) stream = NULL;
      g_autoptr (GPtrArray) entries = NULL;

      if (prl_dataset_get_dataset_type (d) != PRL_DATASET_TYPE_MANIFEST)
        continue;
      if (!(stream = prl_store_open_dataset (self->store, d, key, cancellable, error))
          || !(entries = prl_eval_split_read_held_out (stream, cancellable, error)))
        return FALSE;

      for (guint k = 0; k < entries->len; k++)
        {
          PrlManifestEntry *entry = g_ptr_array_index (entries, k);
          g_autofree char  *id = prl_eval_split_utterance_id (entry->audio_filepath);
          PrlDataset       *clip = g_hash_table_lookup (audio, id);
          Pair             *pair;

          if (clip == NULL
              && !(g_path_is_absolute (entry->audio_filepath)
                   && g_file_test (entry->audio_filepath, G_FILE_TEST_IS_REGULAR)))
            {
              n_missing++;
              continue;
            }

          /* Results are stored by utterance id: two files of one name in
           * different folders would overwrite each other's. */
          if (!g_hash_table_add (seen, g_strdup (id)))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _ ("Two held-out utterances of the manifest “%s” are both "
                              "called “%s” (line %u): give their audio files different "
                              "names"),
                           prl_dataset_get_name (d), id, entry->line);
              return FALSE;
            }

          pair = g_new0 (Pair, 1);
          pair->audio_fd = -1;
          pair->id = g_steal_pointer (&id);
          pair->reference = g_strdup (entry->text);
          g_ptr_array_add (self->pairs, pair);
          if (clip == NULL)
            pair->audio_path = g_strdup (entry->audio_filepath);
          else if (!prepare_audio (self, pair, clip, key, cancellable, error))
            return FALSE;
        }
    }

  if (n_missing > 0 && self->pairs->len == 0)
    {
      g_set_error (
          error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          g_dngettext (GETTEXT_PACKAGE,
                       "The manifest's %u held-out utterance has no audio here: "
                       "add its audio file as an AUDIO dataset",
                       "The manifest's %u held-out utterances have no audio here: "
                       "add their audio files as AUDIO datasets",
                       n_missing),
          n_missing);
      return FALSE;
    }
  return TRUE;
}

static gboolean
gather_pairs (PrlEvaluateJob *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GHashTable) audio
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr (GHashTable) text
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr (GBytes) key = NULL;
  GHashTableIter iter;
  gpointer       id, dataset;

  if (!(datasets = prl_store_list_datasets_sync (self->store,
                                                 prl_model_get_id (self->model), error)))
    return FALSE;

  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset *d = g_ptr_array_index (datasets, i);

      if (prl_dataset_get_dataset_type (d) == PRL_DATASET_TYPE_AUDIO)
        g_hash_table_insert (audio, prl_dataset_dup_basename (d), g_object_ref (d));
      else if (prl_dataset_get_dataset_type (d) == PRL_DATASET_TYPE_TEST)
        g_hash_table_insert (text, prl_dataset_dup_basename (d), g_object_ref (d));
    }

  g_hash_table_iter_init (&iter, audio);
  while (g_hash_table_iter_next (&iter, &id, &dataset))
    {
      PrlDataset *test = g_hash_table_lookup (text, id);
      Pair       *pair;

      if (test == NULL)
        continue;

      pair = g_new0 (Pair, 1);
      pair->audio_fd = -1;
      pair->id = g_strdup (id);
      g_ptr_array_add (self->pairs, pair);
      if (!(pair->reference = read_reference (self, test, &key, cancellable, error))
          || !prepare_audio (self, pair, dataset, &key, cancellable, error))
        return FALSE;
    }

  if (prl_eval_split_applies (datasets)
      && !gather_held_out (self, datasets, audio, &key, cancellable, error))
    return FALSE;

  g_ptr_array_sort (self->pairs, compare_pairs);
  return TRUE;
}

static gboolean
select_versions (PrlEvaluateJob *self, GError **error)
{
  g_autoptr (GPtrArray) versions = NULL;
  const char *model_name = prl_model_get_name (self->model);

  if (!(versions = prl_store_list_versions_sync (self->store,
                                                 prl_model_get_id (self->model), error)))
    return FALSE;

  g_ptr_array_add (self->systems, NULL);

  /* Newest first from the store; the leaderboard lists them oldest first. */
  for (guint i = versions->len; i > 0; i--)
    {
      PrlVersion *v = g_ptr_array_index (versions, i - 1);
      gboolean    selected = self->wanted == NULL;

      for (guint j = 0; !selected && self->wanted[j] != NULL; j++)
        selected = prl_version_matches (v, model_name, self->wanted[j]);
      if (selected)
        g_ptr_array_add (self->systems, g_object_ref (v));
    }

  for (guint j = 0; self->wanted != NULL && self->wanted[j] != NULL; j++)
    {
      gboolean found = FALSE;

      for (guint i = 1; i < self->systems->len && !found; i++)
        found = prl_version_matches (g_ptr_array_index (self->systems, i), model_name,
                                     self->wanted[j]);
      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _ ("“%s” has no version “%s”"), prl_model_get_name (self->model),
                       self->wanted[j]);
          return FALSE;
        }
    }

  return TRUE;
}

static char *words_to_json (const PrlTranscript *t);

/* Scores a fresh transcript and stores it at once, so that a run killed
 * halfway keeps what it got, then lets the provider drop its copy (a
 * cloud job is deleted only once its result is safe here). */
static gboolean
save_result (PrlEvaluateJob *self, Task *task, GError **error)
{
  Pair *pair = g_ptr_array_index (self->pairs, task->pair);
  g_autoptr (GPtrArray) one
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_eval_result_free);
  g_autoptr (PrlUtteranceScore) score = NULL;
  PrlEvalResult *r = prl_eval_result_new ();
  g_autoptr (GError) release_error = NULL;

  g_ptr_array_add (one, r);
  r->system = g_strdup (system_name (self, task->system));
  r->utterance_id = g_strdup (pair->id);
  r->hypothesis = g_strdup (task->transcript->text ? task->transcript->text : "");
  r->words_json = words_to_json (task->transcript);
  g_mutex_lock (&self->lock);
  score
      = prl_utterance_score_compute (pair->id, task->pair, pair->reference, r->hypothesis,
                                     self->normalizer, PRL_WER_SCORE_DEFAULT, error);
  g_mutex_unlock (&self->lock);
  if (score == NULL)
    return FALSE;
  r->correct = score->words.correct;
  r->substitutions = score->words.substitutions;
  r->deletions = score->words.deletions;
  r->insertions = score->words.insertions;
  r->ref_words = score->words.ref_words;
  if (!prl_store_save_eval_results_sync (self->store, prl_model_get_id (self->model),
                                         self->profile, one, error))
    return FALSE;
  task->saved = TRUE;

  /* A job left behind costs nothing but a listing line: say so, go on. */
  if (!prl_provider_release (self->provider, self->model, task->transcript, NULL,
                             &release_error))
    g_warning ("%s: %s", pair->id, release_error->message);
  return TRUE;
}

static void
transcribe_one (gpointer data, gpointer user_data)
{
  PrlEvaluateJob  *self = user_data;
  Task            *task = data;
  Pair            *pair = g_ptr_array_index (self->pairs, task->pair);
  g_autofree char *status = NULL;

  if (!g_cancellable_set_error_if_cancelled (self->cancellable, &task->error))
    task->transcript = prl_provider_recognize_in_run (
        self->provider, self->model, g_ptr_array_index (self->systems, task->system),
        pair->audio_path, self->tasks->len, self->cancellable, &task->error);
  if (task->transcript != NULL && !save_result (self, task, &task->error))
    g_clear_pointer (&task->transcript, prl_transcript_free);

  g_mutex_lock (&self->lock);
  self->n_done++;
  /* A task is one test file with one model, so there are more tasks than
   * test files: counting them as files said "5 of 8 test files" for 4. */
  /* Translators: each test file is transcribed once per model */
  status = g_strdup_printf (_ ("%u of %u transcriptions done"), self->n_done,
                            self->tasks->len);
  prl_job_report_progress (PRL_JOB (self), 0.9 * self->n_done / self->tasks->len, status);
  g_mutex_unlock (&self->lock);
}

static gboolean
transcribe_missing (PrlEvaluateJob *self, GCancellable *cancellable, GError **error)
{
  GThreadPool *pool;
  guint        n_threads;

  if (self->tasks->len == 0)
    return TRUE;

  /* A cloud provider runs as many jobs at once as the model's account
   * allows; the local engine one file per core. */
  n_threads = self->max_threads ? self->max_threads
                                : prl_provider_max_parallel (self->provider, self->model);
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, self->tasks->len);
  prl_job_report_progress (PRL_JOB (self), 0, _ ("Loading the speech models"));

  self->cancellable = cancellable;
  if (!(pool = g_thread_pool_new (transcribe_one, self, n_threads, TRUE, error)))
    return FALSE;
  for (guint i = 0; i < self->tasks->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (self->tasks, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  self->cancellable = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (guint i = 0; i < self->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (self->tasks, i);

      if (task->error != NULL)
        {
          Pair *pair = g_ptr_array_index (self->pairs, task->pair);

          g_set_error (error, task->error->domain, task->error->code,
                       _ ("Could not transcribe the test file “%s”: %s"), pair->id,
                       task->error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
words_to_json (const PrlTranscript *t)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  prl_transcript_build_words_json (t, b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static char *
result_key (const char *system, const char *utterance)
{
  return g_strconcat (system, "\n", utterance, NULL);
}

/* Stored only: the versions with a result for every pair stay, without
 * transcribing anything; the stock model must have them all. */
static gboolean
keep_stored_systems (PrlEvaluateJob *self, GError **error)
{
  g_autofree gboolean *missing = g_new0 (gboolean, self->systems->len);

  for (guint i = 0; i < self->tasks->len; i++)
    missing[((Task *)g_ptr_array_index (self->tasks, i))->system] = TRUE;

  if (missing[0])
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("“%s” has no stored results for all its test pairs yet; run "
                      "the evaluation"),
                   prl_model_get_name (self->model));
      return FALSE;
    }

  for (guint s = self->systems->len; s > 1; s--)
    if (missing[s - 1])
      g_ptr_array_remove_index (self->systems, s - 1);
  g_ptr_array_set_size (self->tasks, 0);
  return TRUE;
}

/* Builds the run from the stored results and this job's transcripts,
 * then scores it. The decrypted audio copies move to the run, which
 * keeps them for playback while anyone reviews it. */
static gboolean
build_run (PrlEvaluateJob *self, GHashTable *stored, GError **error)
{
  g_autoptr (PrlEvalRun) run = NULL;
  g_autoptr (GHashTable) fresh
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!(run = prl_eval_run_new (prl_model_get_name (self->model), PROFILE, error)))
    return FALSE;

  for (guint p = 0; p < self->pairs->len; p++)
    {
      Pair *pair = g_ptr_array_index (self->pairs, p);

      prl_eval_run_add_utterance (run, pair->id, pair->reference, pair->audio_path);
      if (pair->audio_fd >= 0)
        {
          prl_eval_run_take_audio_fd (run, pair->audio_fd);
          pair->audio_fd = -1;
        }
    }

  for (guint s = 0; s < self->systems->len; s++)
    {
      PrlVersion *version = g_ptr_array_index (self->systems, s);

      prl_eval_run_add_system_full (run, NULL, prl_model_get_provider (self->model),
                                    version ? prl_version_get_name (version) : NULL,
                                    version ? prl_version_get_base_model_id (version)
                                            : NULL);
    }

  for (guint i = 0; i < self->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (self->tasks, i);
      Pair *pair = g_ptr_array_index (self->pairs, task->pair);

      g_hash_table_insert (fresh, result_key (system_name (self, task->system), pair->id),
                           task);
    }

  for (guint s = 0; s < self->systems->len; s++)
    for (guint p = 0; p < self->pairs->len; p++)
      {
        Pair            *pair = g_ptr_array_index (self->pairs, p);
        g_autofree char *key = result_key (system_name (self, s), pair->id);
        Task            *task = g_hash_table_lookup (fresh, key);
        PrlEvalResult   *r = g_hash_table_lookup (stored, key);

        if (task != NULL)
          {
            g_autofree char *json = words_to_json (task->transcript);

            prl_eval_run_set_result (run, s, p,
                                     task->transcript->text ? task->transcript->text : "",
                                     json, TRUE);
          }
        else if (r != NULL)
          prl_eval_run_set_result (run, s, p, r->hypothesis, r->words_json, FALSE);
      }

  /* Other models evaluated on the same test set join the leaderboard
   * (prl-eval-shared.c), after the model's own rows. */
  {
    g_autoptr (GPtrArray) ids = g_ptr_array_new ();
    g_autoptr (GPtrArray) foreign = NULL;

    for (guint p = 0; p < self->pairs->len; p++)
      g_ptr_array_add (ids, ((Pair *)g_ptr_array_index (self->pairs, p))->id);
    if (!(foreign = prl_eval_find_foreign_sync (self->store, self->model, self->profile,
                                                ids, error)))
      return FALSE;
    for (guint f = 0; f < foreign->len; f++)
      {
        PrlEvalForeign *other = g_ptr_array_index (foreign, f);
        guint s = prl_eval_run_add_system_full (run, other->model, other->provider,
                                                other->version, other->base_model);

        for (guint p = 0; p < self->pairs->len; p++)
          {
            Pair          *pair = g_ptr_array_index (self->pairs, p);
            PrlEvalResult *r = g_hash_table_lookup (other->results, pair->id);

            prl_eval_run_set_result (run, s, p, r->hypothesis, r->words_json, FALSE);
          }
      }
  }

  if (!prl_eval_run_score (run, error))
    return FALSE;

  for (guint s = 0; s < prl_eval_run_get_n_systems (run); s++)
    g_ptr_array_add (self->rows, (gpointer)prl_eval_run_get_row (run, s));
  for (guint p = 0; p < self->pairs->len; p++)
    {
      g_ptr_array_add (self->ids, (gpointer)prl_eval_run_get_utterance_id (run, p));
      g_ptr_array_add (self->refs, (gpointer)prl_eval_run_get_reference (run, p));
    }
  self->run = g_steal_pointer (&run);
  return TRUE;
}

/* What one run builds: dropped before a run, so that it starts afresh,
 * and when the job is freed. */
static void
clear_run_state (PrlEvaluateJob *self)
{
  g_clear_pointer (&self->systems, g_ptr_array_unref);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->refs, g_ptr_array_unref);
  g_clear_object (&self->run);
}

static gboolean
prl_evaluate_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlEvaluateJob *self = PRL_EVALUATE_JOB (job);
  g_autoptr (PrlNormalizer) normalizer = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (GHashTable) results
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 model_id = prl_model_get_id (self->model);

  clear_run_state (self);
  self->systems = g_ptr_array_new_with_free_func (version_unref0);
  self->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)pair_free);
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)task_free);
  self->rows = g_ptr_array_new ();
  self->ids = g_ptr_array_new ();
  self->refs = g_ptr_array_new ();
  self->n_done = 0;

  if (!(normalizer = prl_normalizer_new (PROFILE, error)))
    return FALSE;
  g_free (self->profile);
  self->profile = g_strdup (prl_normalizer_get_identity (normalizer));

  prl_job_report_progress (job, 0, _ ("Reading the test pairs"));
  if (!select_versions (self, error) || !gather_pairs (self, cancellable, error))
    return FALSE;

  if (self->pairs->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("“%s” has no test pairs: add audio files and TEST transcripts "
                      "with the same names"),
                   prl_model_get_name (self->model));
      return FALSE;
    }

  if (!self->recompute)
    {
      if (!(stored = prl_store_list_eval_results_sync (self->store, model_id,
                                                       self->profile, error)))
        return FALSE;
      for (guint i = 0; i < stored->len; i++)
        {
          PrlEvalResult *r = g_ptr_array_index (stored, i);

          g_hash_table_insert (results, result_key (r->system, r->utterance_id), r);
        }
    }

  for (guint s = 0; s < self->systems->len; s++)
    for (guint p = 0; p < self->pairs->len; p++)
      {
        Pair            *pair = g_ptr_array_index (self->pairs, p);
        g_autofree char *key = result_key (system_name (self, s), pair->id);

        if (!g_hash_table_contains (results, key))
          {
            Task *task = g_new0 (Task, 1);

            task->system = s;
            task->pair = p;
            g_ptr_array_add (self->tasks, task);
          }
      }

  if (self->stored_only && !keep_stored_systems (self, error))
    return FALSE;

  /* What the provider would refuse (a language its service lacks) is
   * refused for the whole run before anything is sent. */
  for (guint i = 0; i < self->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (self->tasks, i);

      if ((i == 0
           || task->system != ((Task *)g_ptr_array_index (self->tasks, i - 1))->system)
          && !prl_provider_check_target (self->provider, self->model,
                                         g_ptr_array_index (self->systems, task->system),
                                         error))
        return FALSE;
    }

  self->normalizer = normalizer;
  if (!transcribe_missing (self, cancellable, error))
    {
      self->normalizer = NULL;
      return FALSE;
    }
  self->normalizer = NULL;

  prl_job_report_progress (job, 0.9, _ ("Scoring"));
  /* Each fresh result was stored as it came (save_result()). */
  if (!build_run (self, results, error))
    return FALSE;

  prl_job_report_progress (job, 1, _ ("Evaluated"));
  return TRUE;
}

static void
prl_evaluate_job_finalize (GObject *object)
{
  PrlEvaluateJob *self = PRL_EVALUATE_JOB (object);

  g_clear_object (&self->store);
  g_clear_object (&self->provider);
  g_clear_object (&self->model);
  g_clear_pointer (&self->wanted, g_strfreev);
  clear_run_state (self);
  g_free (self->profile);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (prl_evaluate_job_parent_class)->finalize (object);
}

static void
prl_evaluate_job_class_init (PrlEvaluateJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrlJobClass  *job_class = PRL_JOB_CLASS (klass);

  object_class->finalize = prl_evaluate_job_finalize;
  job_class->run = prl_evaluate_job_run;
}

static void
prl_evaluate_job_init (PrlEvaluateJob *self)
{
  g_mutex_init (&self->lock);
}

/**
 * prl_evaluate_job_new:
 * @versions: (nullable) (array zero-terminated=1): names (whole, or the
 *   part after “MODEL-”) of the versions to evaluate; %NULL for all
 * @recompute: transcribe and score everything again
 *
 * Returns: (transfer full): a job to run with prl_job_execute_async()
 */
PrlEvaluateJob *
prl_evaluate_job_new (PrlStore          *store,
                      PrlProvider       *provider,
                      PrlModel          *model,
                      const char *const *versions,
                      gboolean           recompute)
{
  PrlEvaluateJob  *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PRL_IS_STORE (store), NULL);
  g_return_val_if_fail (PRL_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  self = g_object_new (PRL_TYPE_EVALUATE_JOB, NULL);
  self->store = g_object_ref (store);
  self->provider = g_object_ref (provider);
  self->model = g_object_ref (model);
  self->wanted = versions != NULL ? g_strdupv ((char **)versions) : NULL;
  self->recompute = recompute;
  title = g_strdup_printf (_ ("Evaluating “%s”"), prl_model_get_name (model));
  prl_job_set_title (PRL_JOB (self), title);
  return self;
}

/**
 * prl_evaluate_job_set_stored_only:
 * @stored_only: build the leaderboard from stored results only
 *
 * With @stored_only, nothing is transcribed: versions lacking a stored
 * result for some test pair are left out, and the job fails with
 * %G_IO_ERROR_NOT_FOUND when the stock model lacks one. This is how the
 * app shows the last results when a model's evaluation is opened.
 */
void
prl_evaluate_job_set_stored_only (PrlEvaluateJob *self, gboolean stored_only)
{
  g_return_if_fail (PRL_IS_EVALUATE_JOB (self));

  self->stored_only = stored_only;
}

void
prl_evaluate_job_set_max_threads (PrlEvaluateJob *self, guint max_threads)
{
  g_return_if_fail (PRL_IS_EVALUATE_JOB (self));

  self->max_threads = max_threads;
}

/**
 * prl_evaluate_job_get_run:
 *
 * Returns: (transfer none) (nullable): the results once run() succeeded
 */
PrlEvalRun *
prl_evaluate_job_get_run (PrlEvaluateJob *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATE_JOB (self), NULL);

  return self->run;
}

/**
 * prl_evaluate_job_get_rows:
 *
 * Returns: (transfer none) (nullable) (element-type PrlEvalRow): the
 *   leaderboard once run() succeeded: stock first, then versions oldest first
 */
GPtrArray *
prl_evaluate_job_get_rows (PrlEvaluateJob *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATE_JOB (self), NULL);

  return self->rows;
}

/**
 * prl_evaluate_job_get_utterance_ids:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the test pairs
 */
GPtrArray *
prl_evaluate_job_get_utterance_ids (PrlEvaluateJob *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATE_JOB (self), NULL);

  return self->ids;
}

/**
 * prl_evaluate_job_get_references:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the reference
 *   texts, in the order of the utterance ids
 */
GPtrArray *
prl_evaluate_job_get_references (PrlEvaluateJob *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATE_JOB (self), NULL);

  return self->refs;
}

/**
 * prl_evaluate_job_get_profile:
 *
 * Returns: (nullable): the identity of the normalization profile
 */
const char *
prl_evaluate_job_get_profile (PrlEvaluateJob *self)
{
  g_return_val_if_fail (PRL_IS_EVALUATE_JOB (self), NULL);

  return self->profile;
}
