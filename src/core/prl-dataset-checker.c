/* prl-dataset-checker.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dataset-checker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-audio-check.h"
#include "prl-audio-probe.h"
#include "prl-text-checker.h"

#include "prl-dataset-checker.h"
#include "prl-workspace-private.h"

/* The checks of one upload, before anything is stored. The text and
 * media layers check single files; this adds what needs the workspace:
 * the model's language and base model, its totals against the per-model
 * limits, and tuning lines that repeat its training text (including the
 * training text already stored, read back from the blob store).
 */

static PrlFileCheck *
unreadable (const char *path, PrlDatasetType type, const GError *error)
{
  PrlFileCheck *check = prl_file_check_new (path, type);

  g_ptr_array_add (check->issues,
                   prl_check_issue_new (PRL_CHECK_SEVERITY_ERROR, "unreadable", path, 0,
                                        0, -1, error->message,
                                        _ ("Check that the file exists and that you may "
                                           "read it")));
  return check;
}

static PrlFileCheck *
check_one (const char    *path,
           PrlDatasetType type,
           const char    *language,
           const char    *base_model,
           gboolean       trained,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  PrlFileCheck *check;

  switch ((int)type)
    {
    case PRL_DATASET_TYPE_AUDIO:
      check = prl_check_audio_file (path, trained ? base_model : NULL, cancellable,
                                    &local_error);
      break;

    case PRL_DATASET_TYPE_MANIFEST:
      check = prl_check_manifest_file (path, language, cancellable, &local_error);
      break;

    default:
      check = prl_check_text_file (path, type, language, cancellable, &local_error);
      break;
    }

  if (check != NULL)
    return check;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return unreadable (path, type, local_error);
}

/* An untrained model still changes its base model: say that adding the
 * audio switches it (see prl_workspace_match_base_model_async()). */
static void
propose_base_model (PrlFileCheck *check, const char *base_model)
{
  const char      *band;
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;

  if (check->sample_rate == 0 || prl_file_check_has_errors (check))
    return;

  band = prl_audio_band_name (check->sample_rate);
  if (g_strcmp0 (band, base_model) == 0)
    return;

  message = g_strdup_printf (_ ("The audio is sampled at %u Hz, which suits the %s base "
                                "model, but the model uses %s"),
                             check->sample_rate, band, base_model);
  fix = g_strdup_printf (_ ("The model has not been trained yet, so adding this audio "
                            "switches it to the %s base model; you can undo that"),
                         band);
  g_ptr_array_add (check->issues,
                   prl_check_issue_new (PRL_CHECK_SEVERITY_WARNING, "base_model_proposal",
                                        check->path, 0, 0, -1, message, fix));
}

static gboolean
add_blob_lines (PrlLineSet   *set,
                PrlStore     *store,
                PrlDataset   *dataset,
                GBytes       *key,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr (GInputStream) input = NULL;

  input = prl_blob_store_open_full (prl_store_get_blob_store (store),
                                    prl_dataset_get_sha256 (dataset),
                                    prl_dataset_get_encrypted (dataset), key, -1,
                                    prl_dataset_get_name (dataset), cancellable, error);
  return input != NULL && prl_line_set_add_stream (set, input, cancellable, error);
}

/* Tuning lines that also occur in training text are reported: tuning on
 * what the model was trained on would make the weight look better than it
 * is. */
static gboolean
check_tuning (PrlStore     *store,
              GPtrArray    *existing,
              GPtrArray    *checks,
              GBytes       *key,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr (PrlLineSet) set = NULL;
  gboolean any_tuning = FALSE;

  for (guint i = 0; i < checks->len; i++)
    {
      PrlFileCheck *check = g_ptr_array_index (checks, i);

      any_tuning
          |= check->type == PRL_DATASET_TYPE_TUNING && !prl_file_check_has_errors (check);
    }
  if (!any_tuning)
    return TRUE;

  set = prl_line_set_new ();
  for (guint i = 0; i < existing->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (existing, i);
      g_autoptr (GError) local_error = NULL;

      if (prl_dataset_get_dataset_type (dataset) != PRL_DATASET_TYPE_TRANSCRIPT)
        continue;

      /* Without the key encrypted text cannot be compared; skip it. */
      if (!add_blob_lines (set, store, dataset, key, cancellable, &local_error))
        {
          /* A damaged workspace is reported, not skipped: the user must
           * know before training on it. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
              || g_error_matches (local_error, PRL_BLOB_STORE_ERROR,
                                  PRL_BLOB_STORE_ERROR_CORRUPT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_debug ("Skipping %s: %s", prl_dataset_get_name (dataset),
                   local_error->message);
        }
    }

  for (guint i = 0; i < checks->len; i++)
    {
      PrlFileCheck *check = g_ptr_array_index (checks, i);

      if (check->type == PRL_DATASET_TYPE_TRANSCRIPT && !prl_file_check_has_errors (check)
          && !prl_line_set_add_file (set, check->path, cancellable, error))
        return FALSE;
    }

  for (guint i = 0; i < checks->len; i++)
    {
      PrlFileCheck *check = g_ptr_array_index (checks, i);

      if (check->type == PRL_DATASET_TYPE_TUNING && !prl_file_check_has_errors (check)
          && !prl_check_tuning_duplicates (set, check->path, check, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _prl_upload_init:
 * @store: (nullable): the workspace's store, or %NULL to check without one
 * @model: (nullable): the model the files go to; %NULL stands for a new,
 *   untrained WideBand model of no workspace, whose language the caller sets
 * @type: the type for every file, or %PRL_DATASET_TYPE_AUTO
 *
 * Takes the snapshot of an upload on the main thread.
 */
void
_prl_upload_init (PrlUpload     *upload,
                  PrlStore      *store,
                  PrlModel      *model,
                  GFile        **files,
                  guint          n_files,
                  PrlDatasetType type)
{
  memset (upload, 0, sizeof *upload);
  upload->store = store ? g_object_ref (store) : NULL;
  upload->encrypt = store ? prl_store_get_encrypt_blobs (store) : FALSE;
  upload->workspace_id = store ? g_strdup (prl_store_get_workspace_id (store)) : NULL;
  upload->type = type;
  upload->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (upload->files, g_object_ref (files[i]));

  if (model == NULL)
    {
      upload->base_model = g_strdup (prl_base_model_to_string (PRL_BASE_MODEL_WIDE_BAND));
      return;
    }

  upload->model_id = prl_model_get_id (model);
  upload->language = g_strdup (prl_model_get_language (model));
  /* Only a trained model's base model is fixed; see prl_check_audio_file(). */
  upload->base_model
      = g_strdup (prl_base_model_to_string (prl_model_get_base_model (model)));
  upload->trained = prl_model_get_status (model) == PRL_TRAINING_STATUS_SUCCESS;
}

/**
 * _prl_upload_set_file_types:
 * @file_types: (nullable) (array): a type per file that overrides the
 *   upload's type, or %PRL_DATASET_TYPE_AUTO to follow it
 */
void
_prl_upload_set_file_types (PrlUpload *upload, const PrlDatasetType *file_types)
{
  g_clear_pointer (&upload->file_types, g_array_unref);
  if (file_types == NULL)
    return;

  upload->file_types
      = g_array_sized_new (FALSE, FALSE, sizeof (PrlDatasetType), upload->files->len);
  g_array_append_vals (upload->file_types, file_types, upload->files->len);
}

void
_prl_upload_clear (PrlUpload *upload)
{
  g_clear_object (&upload->store);
  g_clear_pointer (&upload->language, g_free);
  g_clear_pointer (&upload->base_model, g_free);
  g_clear_pointer (&upload->workspace_id, g_free);
  g_clear_pointer (&upload->files, g_ptr_array_unref);
  g_clear_pointer (&upload->file_types, g_array_unref);
}

/**
 * _prl_upload_check:
 * @key: (nullable): to read encrypted training text for the duplicate check
 *
 * The checks of an upload. Runs on a worker thread (it blocks on the
 * store).
 *
 * Returns: (transfer full) (element-type PrlFileCheck): one check per
 *   file; %NULL with @error for refusals of the whole upload
 */
GPtrArray *
_prl_upload_check (const PrlUpload *upload,
                   GBytes          *key,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr (GPtrArray) checks
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_file_check_free);
  g_autoptr (GPtrArray) existing = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (PrlDatasetType));
  g_autoptr (GArray) detected_types = g_array_new (FALSE, FALSE, sizeof (PrlDatasetType));
  guint64               training_bytes = 0, tuning_bytes = 0;
  GPtrArray            *files = upload->files;
  const PrlDatasetType *file_types
      = upload->file_types ? (const PrlDatasetType *)(gpointer)upload->file_types->data
                           : NULL;

  if (!prl_check_batch_size (files->len, error))
    return NULL;

  for (guint i = 0; i < files->len; i++)
    {
      GFile         *file = g_ptr_array_index (files, i);
      char          *path = g_file_get_path (file);
      PrlDatasetType detected;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _ ("“%s” is not a local file; copy it to this computer first"),
                       uri);
          return NULL;
        }
      g_ptr_array_add (paths, path);

      /* Unreadable files are reported per file below, as TRANSCRIPT. */
      detected = prl_dataset_type_detect_file (path, cancellable, NULL);
      if (detected == PRL_DATASET_TYPE_AUTO)
        detected = PRL_DATASET_TYPE_TRANSCRIPT;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_array_append_val (detected_types, detected);
    }
  g_ptr_array_add (paths, NULL);

  /* Test pairs and tuning text by name, across the upload. */
  prl_dataset_types_refine ((const char *const *)paths->pdata,
                            (PrlDatasetType *)(gpointer)detected_types->data, files->len);

  for (guint i = 0; i < files->len; i++)
    {
      PrlDatasetType detected = g_array_index (detected_types, PrlDatasetType, i);
      PrlDatasetType t = upload->type;

      /* A chosen type names what the text is for; audio stays audio, so
       * a test set of recordings and transcripts can go up together. A
       * type chosen for one file is taken as it is. */
      if (file_types != NULL && file_types[i] != PRL_DATASET_TYPE_AUTO)
        t = file_types[i];
      else if (t == PRL_DATASET_TYPE_AUTO || detected == PRL_DATASET_TYPE_AUDIO)
        t = detected;
      g_array_append_val (types, t);
    }

  if (!prl_dataset_types_compatible ((const PrlDatasetType *)(gpointer)types->data,
                                     (const char *const *)paths->pdata, files->len,
                                     error))
    return NULL;

  if (upload->store == NULL)
    existing = g_ptr_array_new ();
  else if (!(existing
             = prl_store_list_datasets_sync (upload->store, upload->model_id, error)))
    return NULL;

  for (guint i = 0; i < existing->len; i++)
    {
      PrlDataset *dataset = g_ptr_array_index (existing, i);

      if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TRANSCRIPT)
        training_bytes += prl_dataset_get_size (dataset);
      else if (prl_dataset_get_dataset_type (dataset) == PRL_DATASET_TYPE_TUNING)
        tuning_bytes += prl_dataset_get_size (dataset);
    }

  for (guint i = 0; i < files->len; i++)
    {
      PrlDatasetType t = g_array_index (types, PrlDatasetType, i);
      PrlFileCheck  *check
          = check_one (g_ptr_array_index (paths, i), t, upload->language,
                       upload->base_model, upload->trained, cancellable, error);

      if (check == NULL)
        return NULL;

      check->type = t;
      if (t == PRL_DATASET_TYPE_AUDIO && !upload->trained)
        propose_base_model (check, upload->base_model);
      g_ptr_array_add (checks, check);
    }

  /* It adds each limit issue to its file's check itself. */
  prl_check_totals (training_bytes, tuning_bytes, checks, NULL);

  if (!check_tuning (upload->store, existing, checks, key, cancellable, error))
    return NULL;

  return g_steal_pointer (&checks);
}

/**
 * prl_check_upload:
 * @type: the type for every file, or %PRL_DATASET_TYPE_AUTO
 * @language: the language of the model the files are meant for
 *
 * Checks files as an upload to a new, untrained WideBand model would be
 * checked, without a workspace: what `parlance-cli datasets check` does.
 * Blocks; call it from a worker thread or a command-line tool.
 *
 * Returns: (transfer full) (element-type PrlFileCheck): one per file
 */
GPtrArray *
prl_check_upload (GFile        **files,
                  guint          n_files,
                  PrlDatasetType type,
                  const char    *language,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PrlUpload  upload;
  GPtrArray *checks;

  _prl_upload_init (&upload, NULL, NULL, files, n_files, type);
  upload.language = g_strdup (language);
  checks = _prl_upload_check (&upload, NULL, cancellable, error);
  _prl_upload_clear (&upload);
  return checks;
}
