/* prl-train-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-train-job"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "prl-eval-split.h"
#include "prl-job-records.h"
#include "prl-store-private.h"
#include "prl-store-versions.h"
#include "prl-blob-key.h"
#include "prl-train-job.h"
#include "prl-train-private.h"
#include "prl-version-ops.h"
#include "prl-workspace-private.h"

/* PrlTrainJob trains one model with its provider and saves the result as
 * an immutable version. The provider writes into a hidden temporary
 * folder next to the versions; params.json is added, and only then is the
 * folder renamed to the version's name, which is atomic on one file
 * system. The store row is written last. A failure or a cancel therefore
 * never leaves a half-written version: the temporary folder is removed,
 * and a cancel puts back the status the training found. Marking the model
 * Running records this process as the training's owner
 * (prl-job-records.c), so that a process killed mid-training is put
 * right when the workspace is next opened.
 */
struct _PrlTrainJob
{
  PrlJob parent_instance;

  GWeakRef      workspace;
  GMainContext *context;  /* (owned): where the live model is updated */
  PrlStore     *store;    /* (owned) */
  PrlModel     *model;    /* (owned): read on the main thread only */
  PrlProvider  *provider; /* (owned) */
  gint64        model_id;
  char         *model_name;  /* (owned) */
  char         *provider_id; /* (owned) */
  char         *language;    /* (owned) */
  PrlBaseModel  base_model;
  guint         order;
  gboolean      force;
  gboolean      upgrade;    /* prl_train_job_new_upgrade(): claims as an upgrade */
  gint64        job_row;    /* the store's record of this job, or 0 */
  char         *models_dir; /* (owned): <workspace>/models/<model id> */

  /* What the training found, to restore it on cancel. */
  PrlTrainingStatus previous_status;
  char             *previous_code;    /* (owned) (nullable) */
  char             *previous_message; /* (owned) (nullable) */

  /* Results, written by run() and read after it returned. */
  PrlVersion *version;      /* (owned) (nullable) */
  PrlModel   *saved_model;  /* (owned) (nullable) */
  GPtrArray  *generated;    /* (owned) (nullable) (element-type PrlPronunciation) */
  const char *failure_code; /* (nullable) */
};

G_DEFINE_FINAL_TYPE (PrlTrainJob, prl_train_job, PRL_TYPE_JOB)
G_DEFINE_QUARK (PrlTrainErrorQuark, prl_train_error)

typedef struct
{
  GWeakRef  workspace;
  PrlModel *model; /* (owned) */
} ModelUpdate;

static gboolean
publish_model_cb (gpointer data)
{
  ModelUpdate *update = data;
  g_autoptr (PrlWorkspace) workspace = g_weak_ref_get (&update->workspace);
  PrlModel *live;

  if (workspace != NULL
      && (live = _prl_workspace_find_model_by_id (workspace,
                                                  prl_model_get_id (update->model))))
    prl_model_update_from (live, update->model);

  return G_SOURCE_REMOVE;
}

static void
model_update_free (gpointer data)
{
  ModelUpdate *update = data;

  g_weak_ref_clear (&update->workspace);
  g_clear_object (&update->model);
  g_free (update);
}

/* Views show Running while the job works, not only once it ended. */
static void
publish_model (PrlTrainJob *self, PrlModel *model)
{
  g_autoptr (PrlWorkspace) workspace = g_weak_ref_get (&self->workspace);
  ModelUpdate *update;

  if (workspace == NULL || model == NULL)
    return;

  update = g_new0 (ModelUpdate, 1);
  g_weak_ref_init (&update->workspace, workspace);
  update->model = g_object_ref (model);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, publish_model_cb, update,
                              model_update_free);
}

/* `<model>-<UTC timestamp>`, unique among the model's versions: two
 * trainings in the same second wait for the next one rather than break
 * the format. */
static char *
make_version_name (PrlTrainJob *self, GDateTime **created)
{
  g_autofree char *safe
      = g_strdelimit (g_strdup (self->model_name), G_DIR_SEPARATOR_S, '_');

  for (;;)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
      g_autofree char *name = g_strdup_printf ("%s-%s", safe, stamp);
      g_autofree char *path = g_build_filename (self->models_dir, name, NULL);
      g_autofree char *tmp_name = g_strconcat (".tmp-", name, NULL);
      g_autofree char *tmp = g_build_filename (self->models_dir, tmp_name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS)
          && !g_file_test (tmp, G_FILE_TEST_EXISTS))
        {
          *created = g_steal_pointer (&now);
          return g_steal_pointer (&name);
        }

      g_usleep (G_USEC_PER_SEC - g_date_time_get_microsecond (now) + 1000);
    }
}

/* What the manifests gave: with no TEST data, part of them was held out. */
typedef struct
{
  gboolean applied;
  guint    n_training;
  guint    n_held_out;
} SplitCounts;

/* Counts both sides of a manifest's split, on a stream of its own: the
 * training stream filters as the provider reads, too late to tell that
 * nothing is left. */
static gboolean
count_split (PrlTrainJob  *self,
             PrlDataset   *dataset,
             GBytes      **key,
             SplitCounts  *split,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr (GInputStream) stream = NULL;
  guint n_training = 0, n_held_out = 0;

  if (!(stream = prl_store_open_dataset (self->store, dataset, key, cancellable, error)))
    return FALSE;
  if (!prl_eval_split_count (stream, &n_training, &n_held_out, cancellable, error))
    {
      g_prefix_error (error, _ ("Could not read the dataset “%s”: "),
                      prl_dataset_get_name (dataset));
      return FALSE;
    }
  g_input_stream_close (stream, NULL, NULL);
  split->n_training += n_training;
  split->n_held_out += n_held_out;
  return TRUE;
}

/* A manifest without its held-out lines. */
static GInputStream *
open_split_dataset (PrlTrainJob  *self,
                    PrlDataset   *dataset,
                    GBytes      **key,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (GInputStream) stream
      = prl_store_open_dataset (self->store, dataset, key, cancellable, error);

  if (stream == NULL)
    return NULL;
  return prl_eval_split_filter_training (stream, cancellable, error);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder, const char *name, gboolean value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_double (JsonBuilder *builder, const char *name, double value)
{
  json_builder_set_member_name (builder, name);
  /* JSON has no NaN: an unknown perplexity is -1, as in PrlVersionInfo. */
  json_builder_add_double_value (builder, isfinite (value) ? value : -1);
}

/* The datasets a version was trained on, as params.json lists them. */
static void
add_datasets (JsonBuilder *builder, GPtrArray *used)
{
  json_builder_set_member_name (builder, "datasets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < used->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (used, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", prl_dataset_get_name (dataset));
      add_string (builder, "type",
                  prl_dataset_type_to_string (prl_dataset_get_dataset_type (dataset)));
      add_string (builder, "sha256", prl_dataset_get_sha256 (dataset));
      add_int (builder, "size", prl_dataset_get_size (dataset));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
write_params (PrlTrainJob          *self,
              const char           *dir,
              const PrlVersionInfo *info,
              GPtrArray            *used,
              const SplitCounts    *split,
              GError              **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *created = g_date_time_format_iso8601 (info->created);
  g_autofree char *path = g_build_filename (dir, "params.json", NULL);
  g_autofree char *final_dir = g_build_filename (self->models_dir, info->name, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "name", info->name);
  add_int (builder, "model_id", info->model_id);
  add_string (builder, "model_name", self->model_name);
  add_string (builder, "provider", self->provider_id);
  add_string (builder, "language", self->language);
  add_string (builder, "base_model", prl_base_model_to_string (self->base_model));
  add_string (builder, "created", created);
  add_string (builder, "directory", final_dir);
  add_string (builder, "base_model_id", info->base_model_id);
  add_int (builder, "order", info->order);
  add_double (builder, "lm_weight", info->lm_weight);
  add_boolean (builder, "tuned", info->tuned);
  add_string (builder, "weight_source", prl_weight_source_to_nick (info->weight_source));
  add_int (builder, "n_tuning_sentences", info->n_tuning_sentences);
  json_builder_set_member_name (builder, "perplexities");
  json_builder_begin_object (builder);
  add_double (builder, "custom", info->custom_perplexity);
  add_double (builder, "stock", info->stock_perplexity);
  add_double (builder, "mixture", info->mixture_perplexity);
  add_double (builder, "stock_known", info->stock_known_perplexity);
  add_double (builder, "stock_oov_rate", info->stock_oov_rate);
  json_builder_end_object (builder);
  add_int (builder, "n_sentences", info->n_sentences);
  add_int (builder, "n_words", info->n_words);
  json_builder_set_member_name (builder, "dataset_hashes");
  json_builder_begin_array (builder);
  for (guint i = 0; info->dataset_hashes[i] != NULL; i++)
    json_builder_add_string_value (builder, info->dataset_hashes[i]);
  json_builder_end_array (builder);
  add_datasets (builder, used);
  /* Tells later evaluations whether the held-out utterances are unseen. */
  json_builder_set_member_name (builder, "eval_split");
  json_builder_begin_object (builder);
  add_boolean (builder, "applied", split->applied);
  add_int (builder, "training_utterances", split->n_training);
  add_int (builder, "held_out_utterances", split->n_held_out);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_file (generator, path, error);
}

static const char *
failure_code_for (const GError *error)
{
  if (g_error_matches (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_VALIDATION_FAILED))
    return "validation_failed";
  if (g_error_matches (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT)
      || error->domain == G_CONVERT_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return "invalid_transcript_format";
  return "training_failed";
}

static gpointer
read_model_call (sqlite3 *db, gpointer data, GError **error)
{
  return _prl_store_read_model (db, *(gint64 *)data, error);
}

/* The status is settled: the record of the job can go. Should this fail,
 * the record stays until recovery finds its owner gone, which then
 * changes nothing, since the model is no longer Running. */
static void
release_row (PrlTrainJob *self)
{
  g_autoptr (GError) error = NULL;

  if (self->job_row != 0
      && !_prl_store_release_job_sync (self->store, self->job_row, &error))
    g_warning ("Could not release the training of “%s”: %s", self->model_name,
               error->message);
  self->job_row = 0;
}

/* A provider that refused a dataset's content may have read a damaged
 * blob: then the workspace is at fault, not the file the user imported.
 * Checked only on that failure, so training pays no second read. */
static void
blame_damaged_blob (PrlTrainJob  *self,
                    GPtrArray    *used,
                    GBytes       *key,
                    GCancellable *cancellable,
                    GError      **error)
{
  if (g_strcmp0 (failure_code_for (*error), "training_failed") == 0)
    return;

  for (guint i = 0; i < used->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (used, i);
      g_autoptr (GError) verify_error = NULL;

      if (!prl_blob_store_verify (
              prl_store_get_blob_store (self->store), prl_dataset_get_sha256 (dataset),
              prl_dataset_get_encrypted (dataset), key, -1,
              prl_dataset_get_name (dataset), cancellable, &verify_error)
          && g_error_matches (verify_error, PRL_BLOB_STORE_ERROR,
                              PRL_BLOB_STORE_ERROR_CORRUPT))
        {
          g_clear_error (error);
          g_propagate_error (error, g_steal_pointer (&verify_error));
          return;
        }
    }
}

/* What a training reads, gathered before the provider runs. */
typedef struct
{
  GPtrArray  *used;           /* (element-type PrlDataset) */
  GPtrArray  *training;       /* (element-type GInputStream) */
  GPtrArray  *manifests;      /* (element-type GInputStream) */
  GPtrArray  *tuning;         /* (element-type GInputStream) */
  GPtrArray  *hashes;         /* NULL-terminated once the datasets are open */
  GHashTable *pronunciations; /* word → PrlPronunciation */
  GBytes     *key;            /* (nullable): the blob key, once needed */
  SplitCounts split;
} TrainInputs;

static void
train_inputs_clear (TrainInputs *inputs)
{
  g_clear_pointer (&inputs->pronunciations, g_hash_table_unref);
  g_clear_pointer (&inputs->key, g_bytes_unref);
  g_clear_pointer (&inputs->hashes, g_ptr_array_unref);
  g_clear_pointer (&inputs->tuning, g_ptr_array_unref);
  g_clear_pointer (&inputs->manifests, g_ptr_array_unref);
  g_clear_pointer (&inputs->training, g_ptr_array_unref);
  g_clear_pointer (&inputs->used, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainInputs, train_inputs_clear)

/* Where a version is written, and how far that got. */
typedef struct
{
  char      *name;      /* (nullable) */
  GDateTime *created;   /* (nullable) */
  char      *tmp_dir;   /* (nullable): set once the folder exists */
  char      *final_dir; /* (nullable) */
  gboolean   renamed;
} VersionFolder;

static void
version_folder_clear (VersionFolder *folder)
{
  g_clear_pointer (&folder->final_dir, g_free);
  g_clear_pointer (&folder->tmp_dir, g_free);
  g_clear_pointer (&folder->created, g_date_time_unref);
  g_clear_pointer (&folder->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VersionFolder, version_folder_clear)

/* Marks the model Running, or leaves it as the claim found it. */
static gboolean
claim_model (PrlTrainJob *self, GError **error)
{
  g_autoptr (PrlModel) running = NULL;
  PrlTrainClaim claim = { 0 };

  if (!(running = _prl_store_claim_training_sync (
            self->store, self->model_id, self->force, self->upgrade, &claim, error)))
    {
      /* The claim may have put right what a killed training left; the
       * live model then shows it. */
      self->saved_model
          = _prl_store_call (self->store, read_model_call, &self->model_id, NULL);
      _prl_train_claim_clear (&claim);
      return FALSE;
    }
  /* What the store found is what a cancel puts back. */
  self->job_row = claim.job_id;
  self->previous_status = claim.previous_status;
  g_free (self->previous_code);
  g_free (self->previous_message);
  self->previous_code = g_steal_pointer (&claim.previous_code);
  self->previous_message = g_steal_pointer (&claim.previous_message);
  _prl_train_claim_clear (&claim);
  publish_model (self, running);
  return TRUE;
}

/* Opens every dataset that trains, sorted by its role. */
static gboolean
open_datasets (PrlTrainJob  *self,
               TrainInputs  *inputs,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (GPtrArray) datasets = NULL;

  if (!(datasets = prl_store_list_datasets_sync (self->store, self->model_id, error)))
    return FALSE;

  /* With no TEST data, the held-out manifest utterances test the model
   * later, so their text must never train it. */
  inputs->split.applied = prl_eval_split_applies (datasets);

  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset    *dataset = g_ptr_array_index (datasets, i);
      PrlDatasetType type = prl_dataset_get_dataset_type (dataset);
      GPtrArray     *into;
      GInputStream  *stream;

      if (type == PRL_DATASET_TYPE_TRANSCRIPT)
        into = inputs->training;
      else if (type == PRL_DATASET_TYPE_MANIFEST)
        into = inputs->manifests;
      else if (type == PRL_DATASET_TYPE_TUNING)
        into = inputs->tuning;
      else
        continue;

      if (type == PRL_DATASET_TYPE_MANIFEST && inputs->split.applied)
        {
          if (!count_split (self, dataset, &inputs->key, &inputs->split, cancellable,
                            error))
            return FALSE;
          if (!(stream
                = open_split_dataset (self, dataset, &inputs->key, cancellable, error)))
            return FALSE;
        }
      else if (!(stream = prl_store_open_dataset (self->store, dataset, &inputs->key,
                                                  cancellable, error)))
        return FALSE;
      g_ptr_array_add (into, stream);
      g_ptr_array_add (inputs->used, g_object_ref (dataset));
      g_ptr_array_add (inputs->hashes, g_strdup (prl_dataset_get_sha256 (dataset)));
    }
  g_ptr_array_add (inputs->hashes, NULL);
  return TRUE;
}

/* Refuses a training that would have no text to learn from. */
static gboolean
check_training_text (PrlTrainJob *self, const TrainInputs *inputs, GError **error)
{
  const SplitCounts *split = &inputs->split;

  if (inputs->training->len == 0 && inputs->manifests->len == 0)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA,
                   _ ("“%s” has no training text. Add a TRANSCRIPT or MANIFEST dataset "
                      "and train again."),
                   self->model_name);
      return FALSE;
    }

  if (split->applied && inputs->training->len == 0 && split->n_training == 0
      && split->n_held_out > 0)
    {
      g_autofree char *held_out = g_strdup_printf ("%u", split->n_held_out);

      /* Translators: the first %s is a number of utterances, the second a
       * model's name */
      g_set_error (
          error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA,
          g_dngettext (GETTEXT_PACKAGE,
                       "The manifest’s only utterance (%s) is held out to test "
                       "“%s”, since it has no TEST data, so nothing is left to "
                       "train it. Add a TRANSCRIPT dataset or a longer manifest, "
                       "or add TEST data so that the whole manifest trains.",
                       "All %s utterances of the manifests are held out to test "
                       "“%s”, since it has no TEST data, so nothing is left to "
                       "train it. Add a TRANSCRIPT dataset or a longer manifest, "
                       "or add TEST data so that the whole manifest trains.",
                       split->n_held_out),
          held_out, self->model_name);
      return FALSE;
    }
  return TRUE;
}

/* The model's own pronunciations, by word. */
static gboolean
read_pronunciations (PrlTrainJob *self, TrainInputs *inputs, GError **error)
{
  g_autoptr (GPtrArray) listed = NULL;

  if (!(listed = prl_store_list_pronunciations_sync (self->store, self->model_id, error)))
    return FALSE;
  inputs->pronunciations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                  (GDestroyNotify)prl_pronunciation_free);
  while (listed->len > 0)
    {
      PrlPronunciation *p = g_ptr_array_steal_index_fast (listed, listed->len - 1);

      g_hash_table_replace (inputs->pronunciations, p->word, p);
    }
  return TRUE;
}

static gboolean
make_folder (const char *path, gboolean with_parents, GError **error)
{
  int saved;

  if ((with_parents ? g_mkdir_with_parents (path, 0700) : g_mkdir (path, 0700)) == 0)
    return TRUE;

  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _ ("Could not create the folder “%s”: %s. Check that the workspace "
                  "can be written."),
               path, g_strerror (saved));
  return FALSE;
}

/* Names the version and creates the hidden folder the provider fills. */
static gboolean
make_version_folder (PrlTrainJob *self, VersionFolder *folder, GError **error)
{
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_dir = NULL;

  if (!make_folder (self->models_dir, TRUE, error))
    return FALSE;

  folder->name = make_version_name (self, &folder->created);
  tmp_name = g_strconcat (".tmp-", folder->name, NULL);
  tmp_dir = g_build_filename (self->models_dir, tmp_name, NULL);
  folder->final_dir = g_build_filename (self->models_dir, folder->name, NULL);
  if (!make_folder (tmp_dir, FALSE, error))
    return FALSE;
  folder->tmp_dir = g_steal_pointer (&tmp_dir);
  return TRUE;
}

static gboolean
train_with_provider (PrlTrainJob         *self,
                     TrainInputs         *inputs,
                     const VersionFolder *folder,
                     PrlTrainResult      *result,
                     GCancellable        *cancellable,
                     GError             **error)
{
  PrlTrainRequest request = { 0 };

  request.model_name = self->model_name;
  request.language = self->language;
  request.base_model = self->base_model;
  request.order = self->order;
  request.output_dir = folder->tmp_dir;
  request.training = inputs->training;
  request.manifests = inputs->manifests;
  request.tuning = inputs->tuning;
  request.pronunciations = inputs->pronunciations;
  /* Nothing derived from the text is written in plain text either. */
  if (prl_store_get_encrypt_blobs (self->store) && inputs->key == NULL
      && !(inputs->key = prl_blob_key_lookup (prl_store_get_workspace_id (self->store),
                                              cancellable, error)))
    return FALSE;
  request.key = inputs->key;

  if (!prl_provider_train (self->provider, &request, result, PRL_JOB (self), cancellable,
                           error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static double
known_or_minus_one (double value)
{
  return isfinite (value) ? value : -1;
}

/* Writes params.json, publishes the folder under its final name and
 * records the version in the store. */
static gboolean
save_version (PrlTrainJob          *self,
              const TrainInputs    *inputs,
              VersionFolder        *folder,
              const PrlTrainResult *result,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autofree char *fingerprint = NULL;
  PrlVersionInfo   info = { 0 };

  info.model_id = self->model_id;
  info.name = folder->name;
  info.created = folder->created;
  info.directory = folder->final_dir;
  info.base_model_id = result->base_model_id ? result->base_model_id : "";
  info.order = self->order;
  info.lm_weight = result->lm_weight;
  info.tuned = result->tuned;
  info.custom_perplexity = known_or_minus_one (result->custom_perplexity);
  info.stock_perplexity = known_or_minus_one (result->stock_perplexity);
  info.mixture_perplexity = known_or_minus_one (result->mixture_perplexity);
  info.weight_source = result->weight_source;
  info.n_tuning_sentences = result->n_tuning_sentences;
  info.stock_known_perplexity = known_or_minus_one (result->stock_known_perplexity);
  info.stock_oov_rate = known_or_minus_one (result->stock_oov_rate);
  info.n_sentences = result->n_sentences;
  info.n_words = result->n_words;
  info.dataset_hashes = (const char *const *)inputs->hashes->pdata;

  prl_job_report_progress (PRL_JOB (self), 1, _ ("Saving the version"));
  if (!write_params (self, folder->tmp_dir, &info, inputs->used, &inputs->split, error))
    return FALSE;

  /* The last point where a cancel is honoured: past it the version is
   * published whole. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_rename (folder->tmp_dir, folder->final_dir) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not save the version in “%s”: %s. Check that the workspace "
                      "can be written."),
                   folder->final_dir, g_strerror (saved));
      return FALSE;
    }
  folder->renamed = TRUE;

  fingerprint = prl_store_fingerprint_datasets (inputs->used);
  self->version = prl_store_add_version_sync (
      self->store, &info, fingerprint, result->generated, &self->saved_model, error);
  return self->version != NULL;
}

/* Removes what the failed training wrote and records how it ended: a
 * cancel puts back the status it found, any other error is saved. */
static void
settle_failure (PrlTrainJob         *self,
                const TrainInputs   *inputs,
                const VersionFolder *folder,
                GCancellable        *cancellable,
                GError             **error)
{
  /* A version without its row would be invisible and never cleaned up. */
  if (folder->renamed)
    _prl_job_remove_tree (folder->final_dir);
  else if (folder->tmp_dir != NULL)
    _prl_job_remove_tree (folder->tmp_dir);

  blame_damaged_blob (self, inputs->used, inputs->key, cancellable, error);
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr (GError) restore_error = NULL;

      self->saved_model = prl_store_restore_training_status_sync (
          self->store, self->model_id, self->previous_status, self->previous_code,
          self->previous_message, &restore_error);
      if (self->saved_model == NULL)
        g_warning ("Could not restore the status of “%s”: %s", self->model_name,
                   restore_error->message);
    }
  else
    {
      g_autoptr (GError) status_error = NULL;

      self->failure_code = failure_code_for (*error);
      self->saved_model = prl_store_set_training_failed_sync (
          self->store, self->model_id, self->failure_code, (*error)->message,
          &status_error);
      if (self->saved_model == NULL)
        g_warning ("Could not save the failure of “%s”: %s", self->model_name,
                   status_error->message);
    }
}

static gboolean
prl_train_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlTrainJob *self = PRL_TRAIN_JOB (job);
  g_auto (TrainInputs) inputs = { 0 };
  g_auto (VersionFolder) folder = { 0 };
  g_autoptr (GError) local_error = NULL;
  PrlTrainResult result = { 0 };

  prl_train_result_clear (&result);

  if (!claim_model (self, error))
    return FALSE;

  inputs.used = g_ptr_array_new_with_free_func (g_object_unref);
  inputs.training = g_ptr_array_new_with_free_func (g_object_unref);
  inputs.manifests = g_ptr_array_new_with_free_func (g_object_unref);
  inputs.tuning = g_ptr_array_new_with_free_func (g_object_unref);
  inputs.hashes = g_ptr_array_new_with_free_func (g_free);

  prl_job_report_progress (job, 0, _ ("Reading the datasets"));
  if (!open_datasets (self, &inputs, cancellable, &local_error)
      || !check_training_text (self, &inputs, &local_error)
      || !read_pronunciations (self, &inputs, &local_error)
      || !make_version_folder (self, &folder, &local_error)
      || !train_with_provider (self, &inputs, &folder, &result, cancellable, &local_error)
      || !save_version (self, &inputs, &folder, &result, cancellable, &local_error))
    {
      prl_train_result_clear (&result);
      settle_failure (self, &inputs, &folder, cancellable, &local_error);
      release_row (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->generated = g_steal_pointer (&result.generated);
  prl_train_result_clear (&result);
  release_row (self);
  return TRUE;
}

static void
prl_train_job_finished (PrlJob *job, gboolean succeeded)
{
  PrlTrainJob *self = PRL_TRAIN_JOB (job);
  g_autoptr (PrlWorkspace) workspace = g_weak_ref_get (&self->workspace);

  if (workspace == NULL)
    return;

  _prl_workspace_training_saved (workspace, self->saved_model,
                                 succeeded ? self->version : NULL);
  _prl_workspace_training_ended (workspace, self->model_id);
}

static void
prl_train_job_finalize (GObject *object)
{
  PrlTrainJob *self = PRL_TRAIN_JOB (object);

  g_weak_ref_clear (&self->workspace);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->model);
  g_clear_object (&self->provider);
  g_free (self->model_name);
  g_free (self->provider_id);
  g_free (self->language);
  g_free (self->models_dir);
  g_free (self->previous_code);
  g_free (self->previous_message);
  g_clear_object (&self->version);
  g_clear_object (&self->saved_model);
  g_clear_pointer (&self->generated, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_train_job_parent_class)->finalize (object);
}

static void
prl_train_job_class_init (PrlTrainJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrlJobClass  *job_class = PRL_JOB_CLASS (klass);

  object_class->finalize = prl_train_job_finalize;
  job_class->run = prl_train_job_run;
  job_class->finished = prl_train_job_finished;
}

static void
prl_train_job_init (PrlTrainJob *self)
{
  g_weak_ref_init (&self->workspace, NULL);
}

/* Everything the worker needs is copied here, on the main thread. The
 * caller (prl_workspace_train_model) has checked the provider. */
PrlTrainJob *
_prl_train_job_new (PrlWorkspace *workspace, PrlModel *model, gboolean force, guint order)
{
  PrlTrainJob     *self = g_object_new (PRL_TYPE_TRAIN_JOB, NULL);
  PrlStore        *store = prl_workspace_get_store (workspace);
  g_autofree char *title
      = g_strdup_printf (_ ("Training %s"), prl_model_get_name (model));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, prl_model_get_id (model));

  prl_job_set_title (PRL_JOB (self), title);
  g_weak_ref_set (&self->workspace, workspace);
  self->context = g_main_context_ref_thread_default ();
  self->store = g_object_ref (store);
  self->model = g_object_ref (model);
  self->provider = g_object_ref (prl_provider_lookup (prl_model_get_provider (model)));
  self->model_id = prl_model_get_id (model);
  self->model_name = g_strdup (prl_model_get_name (model));
  self->provider_id = g_strdup (prl_model_get_provider (model));
  self->language = g_strdup (prl_model_get_language (model));
  self->base_model = prl_model_get_base_model (model);
  self->order = order;
  self->force = force;
  self->models_dir
      = g_build_filename (prl_workspace_get_directory (workspace), "models", id, NULL);
  self->previous_status = prl_model_get_status (model);
  self->previous_code = g_strdup (prl_model_get_failure_code (model));
  self->previous_message = g_strdup (prl_model_get_failure_message (model));

  return self;
}

/**
 * prl_train_job_new_upgrade:
 * @version: the version whose base the provider replaced
 *
 * The job of an upgrade for a provider that trains here (local): a forced
 * training with @version's n-gram order, which builds on whatever base
 * the provider has now. Not started: prl_workspace_upgrade_model() runs
 * it, after the checks every provider's upgrade goes through. Safe on a
 * worker thread (PrlVersionOps.upgrade runs there).
 *
 * Returns: (transfer full): the job
 */
PrlTrainJob *
prl_train_job_new_upgrade (PrlWorkspace *workspace, PrlModel *model, PrlVersion *version)
{
  PrlTrainJob     *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (PRL_IS_VERSION (version), NULL);

  self = _prl_train_job_new (workspace, model, TRUE, prl_version_get_order (version));
  title = g_strdup_printf (_ ("Upgrading %s"), prl_model_get_name (model));
  self->upgrade = TRUE;
  prl_job_set_title (PRL_JOB (self), title);
  return self;
}

/**
 * prl_train_job_get_model:
 *
 * Returns: (transfer none): the model being trained
 */
PrlModel *
prl_train_job_get_model (PrlTrainJob *self)
{
  g_return_val_if_fail (PRL_IS_TRAIN_JOB (self), NULL);
  return self->model;
}

/**
 * prl_train_job_get_version:
 *
 * Returns: (transfer none) (nullable): the version made, once the job
 *   succeeded
 */
PrlVersion *
prl_train_job_get_version (PrlTrainJob *self)
{
  g_return_val_if_fail (PRL_IS_TRAIN_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->version;
}

/**
 * prl_train_job_get_generated:
 *
 * Returns: (transfer none) (nullable) (element-type PrlPronunciation): the
 *   pronunciations the training generated, once it succeeded
 */
GPtrArray *
prl_train_job_get_generated (PrlTrainJob *self)
{
  g_return_val_if_fail (PRL_IS_TRAIN_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->generated;
}

/**
 * prl_train_job_get_failure_code:
 *
 * Returns: (nullable): the reason code saved with a failed training
 */
const char *
prl_train_job_get_failure_code (PrlTrainJob *self)
{
  g_return_val_if_fail (PRL_IS_TRAIN_JOB (self), NULL);
  return prl_job_is_active (PRL_JOB (self)) ? NULL : self->failure_code;
}
