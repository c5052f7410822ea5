/* test-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "../local-base-util.h"
#include "core-test-util.h"
#include "prl-version-ops.h"

/* Training through the workspace, as the app and the CLI use it: the
 * refusals, Running → Success with an immutable version and its
 * artifacts, pronunciations (generated and the user's), failure codes,
 * and what a cancelled training leaves behind (nothing). The real local
 * provider trains on tiny corpora; a blocking stand-in provider holds a
 * training open for the running and cancel cases. */

/* A provider whose training waits until it is cancelled. */
#define TEST_TYPE_BLOCKING (test_blocking_get_type ())
G_DECLARE_FINAL_TYPE (TestBlocking, test_blocking, TEST, BLOCKING, GObject)

struct _TestBlocking
{
  GObject parent_instance;
};

static gboolean
blocking_train (PrlProvider     *provider,
                PrlTrainRequest *request,
                PrlTrainResult  *result,
                PrlJob          *job,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autofree char *path = g_build_filename (request->output_dir, "custom.arpa", NULL);

  /* Something half-written that the cancel must remove. */
  g_assert_true (g_file_set_contents (path, "\\data\\\n", -1, NULL));
  prl_job_report_progress (job, 0.5, "Counting");
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (5000);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
blocking_iface_init (PrlProviderInterface *iface)
{
  iface->train = blocking_train;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestBlocking,
                               test_blocking,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_PROVIDER,
                                                      blocking_iface_init))

static void
test_blocking_class_init (TestBlockingClass *klass)
{
}

static void
test_blocking_init (TestBlocking *self)
{
}

static void
use_blocking (void)
{
  g_autoptr (GObject) provider = g_object_new (TEST_TYPE_BLOCKING, NULL);

  prl_provider_register ("local", PRL_PROVIDER (provider));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  use_local ();
  fixture_open (f, "prl-train-XXXXXX");
}

static void
wait_job (PrlTrainJob *job)
{
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
}

/* The entries of <workspace>/models/<model id>/, hidden ones included. */
static GPtrArray *
list_version_dirs (Fixture *f)
{
  g_autofree char *id
      = g_strdup_printf ("%" G_GINT64_FORMAT, prl_model_get_id (f->model));
  g_autofree char *path = g_build_filename (f->dir, "models", id, NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray  *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static void
record_status_cb (PrlModel *model, GParamSpec *pspec, GArray *seen)
{
  PrlTrainingStatus status = prl_model_get_status (model);

  g_array_append_val (seen, status);
}

static void
set_pronunciation (Fixture *f, const char *word, const char *phones)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_workspace_set_pronunciation_async (f->ws, f->model, word, phones, NULL,
                                         store_result_cb, &result);
  prl_workspace_set_pronunciation_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
}

static GPtrArray *
list_pronunciations (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *list;

  prl_workspace_list_pronunciations_async (f->ws, f->model, NULL, store_result_cb,
                                           &result);
  list = prl_workspace_list_pronunciations_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  return list;
}

static void
test_refuse_no_data (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  PrlTrainJob *job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);

  g_assert_null (job);
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA);
  g_clear_error (&error);

  /* Tuning text alone is not training text. */
  add_text (f, PRL_DATASET_TYPE_TUNING, "tune.txt", "check the pressure\n");
  g_assert_null (prl_workspace_train_model (f->ws, f->model, TRUE, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA);
}

static void
test_success (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (PrlTrainingStatus));
  g_autoptr (GPtrArray) dirs = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GRegex) name_re = g_regex_new ("^clinic-\\d{8}T\\d{6}Z$", 0, 0, NULL);
  g_autofree char *params = NULL;
  g_autofree char *dict = NULL;
  g_autofree char *tsv = NULL;
  g_autofree char *arpa1 = NULL;
  g_autofree char *params1 = NULL;
  g_autofree char *arpa1_again = NULL;
  g_autofree char *params1_again = NULL;
  g_autofree char *dict1_again = NULL;
  GListModel      *versions;
  PrlTrainJob     *job;
  PrlVersion      *version;
  PrlVersion      *second;
  JsonObject      *root;
  JsonArray       *hashes;
  gboolean         saw_generated = FALSE;
  gboolean         saw_user = FALSE;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "The patient has atrial fibrillation.\nStart metoprolol today.\n"
            "The patient takes metoprolol twice a day.\nCheck the blood pressure.\n");
  add_text (f, PRL_DATASET_TYPE_TUNING, "tune.txt",
            "the patient takes metoprolol\ncheck the pressure today\n");
  /* A user entry set before training wins over the phonemizer. */
  set_pronunciation (f, "Atrial", "EY T R IY AH L");

  versions = prl_workspace_get_versions (f->ws, f->model);
  g_signal_connect (f->model, "notify::status", G_CALLBACK (record_status_cb), seen);
  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_object_ref (job);

  /* A second training is refused while this one is queued or running. */
  g_assert_null (prl_workspace_train_model (f->ws, f->model, TRUE, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING);
  g_clear_error (&error);

  wait_job (job);
  g_signal_handlers_disconnect_by_data (f->model, seen);
  g_assert_no_error ((GError *)prl_job_get_error (PRL_JOB (job)));
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);

  /* Running → Success. */
  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_cmpint (g_array_index (seen, PrlTrainingStatus, 0), ==,
                   PRL_TRAINING_STATUS_RUNNING);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_null (prl_model_get_failure_code (f->model));

  version = prl_train_job_get_version (job);
  g_assert_nonnull (version);
  g_assert_true (g_regex_match (name_re, prl_version_get_name (version), 0, NULL));
  g_assert_cmpuint (prl_version_get_order (version), ==, 3);
  g_assert_true (prl_version_get_tuned (version));
  g_assert_cmpint (prl_version_get_weight_source (version), ==, PRL_WEIGHT_SOURCE_TUNING);
  g_assert_cmpuint (prl_version_get_n_tuning_sentences (version), ==, 2);
  /* "pressure" is in the stock dictionary, "metoprolol" is not: 1 word of
   * the 8 tuning words is unknown to it. */
  g_assert_cmpfloat_with_epsilon (prl_version_get_stock_oov_rate (version), 1.0 / 8,
                                  1e-9);
  g_assert_cmpfloat (prl_version_get_stock_known_perplexity (version), >, 1);
  g_assert_cmpfloat (prl_version_get_stock_known_perplexity (version), <,
                     prl_version_get_stock_perplexity (version));
  g_assert_cmpfloat (prl_version_get_lm_weight (version), >=, 0);
  g_assert_cmpfloat (prl_version_get_lm_weight (version), <=, 1);
  g_assert_cmpfloat (prl_version_get_custom_perplexity (version), >, 0);
  g_assert_cmpuint (prl_version_get_n_sentences (version), ==, 4);
  g_assert_true (g_str_has_prefix (prl_version_get_base_model_id (version),
                                   PRL_LOCAL_BASE_MODEL_ID));
  g_assert_cmpuint (g_strv_length ((char **)prl_version_get_dataset_hashes (version)), ==,
                    2);

  /* Only the version folder: no temporary folder left. */
  dirs = list_version_dirs (f);
  g_assert_cmpuint (dirs->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (dirs, 0), ==, prl_version_get_name (version));

  params = read_artifact (version, "params.json");
  g_assert_true (json_parser_load_from_data (parser, params, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  for (const char *const *m
       = (const char *const[]){ "name", "model_id", "created", "directory",
                                "base_model_id", "order", "lm_weight", "tuned",
                                "weight_source", "n_tuning_sentences", "perplexities",
                                "n_sentences", "n_words", "dataset_hashes", "datasets",
                                NULL };
       *m; m++)
    g_assert_true (json_object_has_member (root, *m));
  hashes = json_object_get_array_member (root, "dataset_hashes");
  g_assert_cmpuint (json_array_get_length (hashes), ==, 2);
  g_assert_cmpuint (strlen (json_array_get_string_element (hashes, 0)), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==,
                   prl_version_get_name (version));
  g_assert_cmpstr (json_object_get_string_member (root, "weight_source"), ==, "tuning");
  g_assert_true (json_object_has_member (
      json_object_get_object_member (root, "perplexities"), "stock_known"));

  /* Pronunciations: metoprolol generated, atrial the user's. */
  dict = read_artifact (version, "merged.dict");
  g_assert_nonnull (strstr (dict, "\natrial EY T R IY AH L\n"));
  g_assert_nonnull (strstr (dict, "\nmetoprolol "));
  tsv = read_artifact (version, "pronunciations.tsv");
  g_assert_nonnull (strstr (tsv, "atrial\tEY T R IY AH L\tuser\n"));
  g_assert_nonnull (strstr (tsv, "metoprolol\t"));
  g_free (read_artifact (version, "custom.arpa"));

  list = list_pronunciations (f);
  for (guint i = 0; i < list->len; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (list, i);

      if (strcmp (p->word, "metoprolol") == 0)
        saw_generated = p->generated;
      if (strcmp (p->word, "atrial") == 0)
        saw_user = !p->generated && strcmp (p->phones, "EY T R IY AH L") == 0;
    }
  g_assert_true (saw_generated);
  g_assert_true (saw_user);

  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 1);

  /* Unchanged: refused unless forced. */
  g_assert_null (prl_workspace_train_model (f->ws, f->model, FALSE, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED);
  g_clear_error (&error);

  /* Forced: a second version; the first is untouched byte for byte. */
  arpa1 = read_artifact (version, "custom.arpa");
  params1 = read_artifact (version, "params.json");
  g_object_unref (job);
  job = prl_workspace_train_model (f->ws, f->model, TRUE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  second = prl_train_job_get_version (job);
  g_assert_cmpstr (prl_version_get_name (second), !=, prl_version_get_name (version));
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 2);
  {
    g_autoptr (PrlVersion) newest = g_list_model_get_item (versions, 0);

    g_assert_true (newest == second);
  }
  arpa1_again = read_artifact (version, "custom.arpa");
  params1_again = read_artifact (version, "params.json");
  dict1_again = read_artifact (version, "merged.dict");
  g_assert_cmpstr (arpa1, ==, arpa1_again);
  g_assert_cmpstr (params1, ==, params1_again);
  g_assert_cmpstr (dict, ==, dict1_again);
  g_object_unref (job);
}

/* Tuning text changes the trained weight: adding it after a training
 * makes the model Ready to Run again, and training it is not refused as
 * unchanged. */
static void
test_tuning_changes_status (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTrainJob) job = NULL;
  g_autoptr (PrlTrainJob) again = NULL;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "The patient has atrial fibrillation.\nStart metoprolol today.\n");
  job = g_object_ref (prl_workspace_train_model (f->ws, f->model, FALSE, &error));
  g_assert_no_error (error);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);

  add_text (f, PRL_DATASET_TYPE_TUNING, "tune.txt", "start metoprolol today\n");
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);

  again = g_object_ref (prl_workspace_train_model (f->ws, f->model, FALSE, &error));
  g_assert_no_error (error);
  wait_job (again);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (again)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_true (prl_version_get_tuned (prl_train_job_get_version (again)));
  /* The training read the tuning text: nothing changed since. */
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);
}

/* A model trained before fingerprints covered the tuning text keeps the
 * bare digest of its training text: it stays Success through changes that
 * recompute the status (tuning text among them, which its training never
 * saw) until its training text changes. */
static void
test_legacy_fingerprint (Fixture *f, gconstpointer data)
{
  static const char notes[] = "The patient has atrial fibrillation.\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTrainJob) job = NULL;
  g_autofree char *file_hash
      = g_compute_checksum_for_string (G_CHECKSUM_SHA256, notes, -1);
  g_autofree char *key = g_strconcat (file_hash, "TRANSCRIPT", NULL);
  g_autofree char *legacy = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *db_path = g_build_filename (f->dir, "parlance.db", NULL);
  g_autofree char *update = NULL;
  sqlite3         *db = NULL;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", notes);
  job = g_object_ref (prl_workspace_train_model (f->ws, f->model, FALSE, &error));
  g_assert_no_error (error);
  wait_job (job);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);

  /* As the previous Parlance stored it. */
  update = g_strdup_printf (
      "UPDATE models SET trained_fingerprint = '%s' WHERE id = %" G_GINT64_FORMAT, legacy,
      prl_model_get_id (f->model));
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, update, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  add_text (f, PRL_DATASET_TYPE_TUNING, "tune.txt", "atrial fibrillation\n");
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "more.txt", "Start metoprolol today.\n");
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dirs = NULL;
  PrlTrainJob *job;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);

  use_blocking ();
  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);

  while (prl_model_get_status (f->model) != PRL_TRAINING_STATUS_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (prl_workspace_train_model (f->ws, f->model, TRUE, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING);

  prl_job_cancel (PRL_JOB (job));
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);
  g_assert_null (prl_train_job_get_version (job));
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
  g_assert_null (prl_model_get_failure_code (f->model));

  dirs = list_version_dirs (f);
  g_assert_cmpuint (dirs->len, ==, 0);
  g_assert_cmpuint (
      g_list_model_get_n_items (prl_workspace_get_versions (f->ws, f->model)), ==, 0);
  g_object_unref (job);
  use_local ();
}

static void
test_failure_validation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dirs = NULL;
  PrlTrainJob *job;

  /* Fillers and punctuation only: nothing is left once normalized. */
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "empty.txt", "um, uh...\nuh!\n");
  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  wait_job (job);

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_FAILED);
  g_assert_error ((GError *)prl_job_get_error (PRL_JOB (job)), PRL_TRAIN_ERROR,
                  PRL_TRAIN_ERROR_VALIDATION_FAILED);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_FAILED);
  g_assert_cmpstr (prl_model_get_failure_code (f->model), ==, "validation_failed");
  g_assert_nonnull (strstr (prl_model_get_failure_message (f->model), "Add text"));
  g_assert_cmpstr (prl_train_job_get_failure_code (job), ==, "validation_failed");

  dirs = list_version_dirs (f);
  g_assert_cmpuint (dirs->len, ==, 0);

  /* A failed model may be trained again without force. */
  g_object_unref (job);
  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_FAILED);
  g_object_unref (job);
}

/* The model's folder cannot be made: the training fails with the folder
 * named, records why, and the next training may try again. */
static void
test_failure_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id
      = g_strdup_printf ("%" G_GINT64_FORMAT, prl_model_get_id (f->model));
  g_autofree char *models = g_build_filename (f->dir, "models", NULL);
  g_autofree char *blocker = g_build_filename (models, id, NULL);
  const GError    *job_error;
  PrlTrainJob     *job;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  /* A file where the model's folder belongs. */
  g_assert_cmpint (g_mkdir_with_parents (models, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  wait_job (job);

  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_FAILED);
  job_error = prl_job_get_error (PRL_JOB (job));
  g_assert_error ((GError *)job_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (job_error->message, "Could not create the folder"));
  g_assert_nonnull (strstr (job_error->message, blocker));
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_FAILED);
  g_assert_cmpstr (prl_model_get_failure_code (f->model), ==, "training_failed");
  g_assert_cmpstr (prl_model_get_failure_message (f->model), ==, job_error->message);
  g_assert_null (prl_train_job_get_version (job));
  g_object_unref (job);

  /* Once the way is clear, the same model trains. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_nonnull (prl_train_job_get_version (job));
  g_object_unref (job);
}

static GPtrArray *
refresh_versions (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows;

  prl_workspace_refresh_versions_async (f->ws, f->model, NULL, store_result_cb, &result);
  rows = prl_workspace_refresh_versions_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
  return rows;
}

/* A local upgrade on a second installed base (issue 15, points 5 and 6):
 * offered only once the base changed, refused while the model trains, a
 * new version on the new base, the old one kept and still flagged. */
static void
test_upgrade_local (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (PrlVersion) old = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("PRL_POCKETSPHINX_MODELDIR"));
  g_autofree char *second = NULL;
  g_autofree char *old_base = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *dict = NULL;
  PrlTrainJob     *job;
  PrlJob          *upgrade;
  PrlVersion *new;

  /* The real local provider with its PrlVersionOps. */
  prl_local_register ();
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "The patient has atrial fibrillation.\nStart metoprolol today.\n");
  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  wait_job (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  old = g_object_ref (prl_train_job_get_version (job));
  g_object_unref (job);
  old_base = prl_local_base_model_id ();
  g_assert_cmpstr (prl_version_get_base_model_id (old), ==, old_base);

  /* On the current base: nothing offered, an upgrade refused. */
  rows = refresh_versions (f);
  g_assert_false (prl_version_get_upgrade_available (g_ptr_array_index (rows, 0)));
  g_assert_null (prl_workspace_upgrade_model (f->ws, f->model, old, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED);
  g_clear_error (&error);

  second = install_second_local_base ();
  g_setenv ("PRL_POCKETSPHINX_MODELDIR", second, TRUE);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = refresh_versions (f);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (prl_version_get_upgrade_available (g_ptr_array_index (rows, 0)));
  g_assert_true (prl_model_get_upgrade_available (f->model));
  warning = prl_version_dup_base_warning (g_ptr_array_index (rows, 0));
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, prl_version_get_name (old)));
  g_assert_nonnull (strstr (warning, old_base));
  g_clear_object (&old);
  old = g_object_ref (g_ptr_array_index (rows, 0));

  /* A model that is training cannot be upgraded. */
  job = prl_workspace_train_model (f->ws, f->model, TRUE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  g_assert_null (prl_workspace_upgrade_model (f->ws, f->model, old, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_RUNNING);
  g_clear_error (&error);
  prl_job_cancel (PRL_JOB (job));
  wait_job (job);
  g_object_unref (job);

  upgrade = prl_workspace_upgrade_model (f->ws, f->model, old, &error);
  g_assert_no_error (error);
  g_object_ref (upgrade);
  g_assert_true (PRL_IS_TRAIN_JOB (upgrade));
  g_assert_cmpstr (prl_job_get_title (upgrade), ==, "Upgrading clinic");
  /* Claimed by the upgrade: a second upgrade or a training is refused. */
  g_assert_null (prl_workspace_upgrade_model (f->ws, f->model, old, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  wait_job (PRL_TRAIN_JOB (upgrade));
  g_assert_cmpint (prl_job_get_state (upgrade), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_false (prl_model_get_upgrading (f->model));
  new = prl_train_job_get_version (PRL_TRAIN_JOB (upgrade));
  g_assert_cmpstr (prl_version_get_base_model_id (new), !=, old_base);
  dict = read_artifact (new, "merged.dict");
  g_assert_nonnull (strstr (dict, "\n" LOCAL_BASE_EXTRA_WORD " "));
  g_free (dict);
  dict = read_artifact (old, "merged.dict");
  g_assert_null (strstr (dict, "\n" LOCAL_BASE_EXTRA_WORD " "));

  /* Both versions, the new one first; only the old one is flagged. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = refresh_versions (f);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (prl_version_get_name (g_ptr_array_index (rows, 0)), ==,
                   prl_version_get_name (new));
  g_assert_false (prl_version_get_upgrade_available (g_ptr_array_index (rows, 0)));
  g_assert_true (prl_version_get_upgrade_available (g_ptr_array_index (rows, 1)));
  g_assert_false (prl_model_get_upgrade_available (f->model));
  g_object_unref (upgrade);

  /* The first base back (the package downgraded): the old version is
   * current again and the new one is flagged. */
  if (saved != NULL)
    g_setenv ("PRL_POCKETSPHINX_MODELDIR", saved, TRUE);
  else
    g_unsetenv ("PRL_POCKETSPHINX_MODELDIR");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = refresh_versions (f);
  g_assert_true (prl_version_get_upgrade_available (g_ptr_array_index (rows, 0)));
  g_assert_false (prl_version_get_upgrade_available (g_ptr_array_index (rows, 1)));
  rm_rf (second);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/train/refuse/no-data", test_refuse_no_data);
  ADD ("/train/success", test_success);
  ADD ("/train/tuning-changes-status", test_tuning_changes_status);
  ADD ("/train/legacy-fingerprint", test_legacy_fingerprint);
  ADD ("/train/cancel", test_cancel);
  ADD ("/train/failure/validation", test_failure_validation);
  ADD ("/train/failure/folder", test_failure_folder);
  ADD ("/train/upgrade/local", test_upgrade_local);

  return g_test_run ();
}
