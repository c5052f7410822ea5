/* prl-sample.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-sample"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-sample.h"

/* The bundled cardiology sample, for a first try of the whole flow from
 * the Getting Started guide: a local en-US model named
 * "sample-cardiology" (or "-2", "-3", … when taken) that receives the
 * training text, the tuning text, the recorded test sentences and their
 * transcripts. It goes through the workspace's ordinary import jobs, so
 * the files are checked and listed in the Jobs popover like any others.
 * `parlance-cli quickstart` finds the folder with prl_sample_find_dir() too.
 */

#define TRAINING_FILE "training.txt"
#define TUNING_FILE "tuning.txt"

typedef struct
{
  PrlDatasetType type;
  GPtrArray     *files; /* (element-type GFile) (owned) */
  GArray        *types; /* (owned) (nullable): a PrlDatasetType per file */
} Step;

typedef struct
{
  PrlModel     *model; /* (owned) (nullable) */
  GArray       *steps; /* (element-type Step) (owned) */
  guint         next;
  PrlImportJob *job;         /* (owned) (nullable): the running import */
  gulong        state_id;    /* on @job */
  GCancellable *cancellable; /* (owned) (nullable) */
  gulong        cancelled_id;
  GError       *error; /* (owned) (nullable): kept while the model is deleted */
} ImportData;

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->files, g_ptr_array_unref);
  g_clear_pointer (&step->types, g_array_unref);
}

static void
stop_job (ImportData *data)
{
  if (data->job == NULL)
    return;
  g_clear_signal_handler (&data->state_id, data->job);
  g_clear_object (&data->job);
}

static void
import_data_free (ImportData *data)
{
  stop_job (data);
  if (data->cancelled_id != 0)
    g_signal_handler_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->model);
  g_clear_pointer (&data->steps, g_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

/**
 * prl_sample_find_dir:
 *
 * The sample folder: $PARLANCE_SAMPLE_DIR when set, else the build tree's
 * copy when running uninstalled, else the installed one. The folder may
 * not exist; importing says so.
 *
 * Returns: a path
 */
const char *
prl_sample_find_dir (void)
{
  const char      *env = g_getenv ("PARLANCE_SAMPLE_DIR");
  g_autofree char *training = NULL;

  if (env != NULL && env[0] != '\0')
    return env;
  training = g_build_filename (PRL_SAMPLE_BUILD_DIR, TRAINING_FILE, NULL);
  if (g_file_test (training, G_FILE_TEST_IS_REGULAR))
    return PRL_SAMPLE_BUILD_DIR;
  return PRL_SAMPLE_DATADIR;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *)a, *(char *const *)b);
}

static void
add_step (GArray            *steps,
          PrlDatasetType     type,
          const char        *dir,
          const char *const *names,
          guint              n)
{
  Step step = { type, g_ptr_array_new_with_free_func (g_object_unref), NULL };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_ptr_array_add (step.files, g_file_new_for_path (path));
    }
  g_array_append_val (steps, step);
}

/* The imports, in the order the guide describes them; %NULL when @dir
 * lacks the training text or the recorded test sentences (the audio is
 * only built where espeak-ng was found).
 */
static GArray *
collect_steps (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) wavs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  const char *training[] = { TRAINING_FILE };
  const char *tuning[] = { TUNING_FILE };
  gboolean    has_training = FALSE, has_tuning = FALSE;
  const char *name;
  GArray     *steps;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_equal (name, TRAINING_FILE))
        has_training = TRUE;
      else if (g_str_equal (name, TUNING_FILE))
        has_tuning = TRUE;
      else if (g_str_has_suffix (name, ".wav"))
        g_ptr_array_add (wavs, g_strdup (name));
    }
  if (!has_training || wavs->len == 0)
    return NULL;

  /* A test transcript counts only next to its recording. */
  g_ptr_array_sort (wavs, compare_names);
  for (guint i = 0; i < wavs->len; i++)
    {
      const char      *wav = g_ptr_array_index (wavs, i);
      g_autofree char *stem = g_strndup (wav, strlen (wav) - strlen (".wav"));
      g_autofree char *txt = g_strconcat (stem, ".txt", NULL);
      g_autofree char *path = g_build_filename (dir, txt, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (refs, g_steal_pointer (&txt));
    }
  if (refs->len == 0)
    return NULL;

  steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (steps, step_clear);
  add_step (steps, PRL_DATASET_TYPE_TRANSCRIPT, dir, training, 1);
  if (has_tuning)
    add_step (steps, PRL_DATASET_TYPE_TUNING, dir, tuning, 1);
  /* One test dataset: the recordings with their transcripts. */
  add_step (steps, PRL_DATASET_TYPE_AUTO, dir, (const char *const *)wavs->pdata,
            wavs->len);
  {
    Step          *test = &g_array_index (steps, Step, steps->len - 1);
    PrlDatasetType audio = PRL_DATASET_TYPE_AUDIO, text = PRL_DATASET_TYPE_TEST;

    test->types = g_array_new (FALSE, FALSE, sizeof (PrlDatasetType));
    for (guint i = 0; i < wavs->len; i++)
      g_array_append_val (test->types, audio);
    for (guint i = 0; i < refs->len; i++)
      {
        g_autofree char *path = g_build_filename (dir, refs->pdata[i], NULL);

        g_ptr_array_add (test->files, g_file_new_for_path (path));
        g_array_append_val (test->types, text);
      }
  }
  return steps;
}

/* "sample-cardiology", then "sample-cardiology-2", …: no spaces, which
 * some providers forbid in names.
 */
static char *
free_model_name (PrlWorkspace *workspace)
{
  for (guint i = 1;; i++)
    {
      g_autofree char *name = i == 1
                                  ? g_strdup (PRL_SAMPLE_MODEL_NAME)
                                  : g_strdup_printf ("%s-%u", PRL_SAMPLE_MODEL_NAME, i);

      if (prl_workspace_find_model (workspace, name) == NULL)
        return g_steal_pointer (&name);
    }
}

static void
delete_model_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!prl_workspace_delete_model_finish (PRL_WORKSPACE (object), result, &error))
    g_debug ("Could not remove the half-imported sample model: %s", error->message);
  g_task_return_error (task, g_steal_pointer (&data->error));
}

/* A failed import leaves no half-filled model behind, so that trying
 * again starts from the same name.
 */
static void
fail (GTask *task, GError *error)
{
  ImportData *data = g_task_get_task_data (task);

  stop_job (data);
  if (data->model == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->error = error;
  prl_workspace_delete_model_async (g_task_get_source_object (task), data->model, NULL,
                                    delete_model_cb, task);
}

static void start_next_step (GTask *task);

static void
job_state_cb (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  PrlJob     *job = PRL_JOB (data->job);
  const char *model_name = prl_model_get_name (data->model);
  PrlJobState state = prl_job_get_state (job);

  switch (state)
    {
    case PRL_JOB_STATE_QUEUED:
    case PRL_JOB_STATE_RUNNING:
      return;

    case PRL_JOB_STATE_SUCCEEDED:
      stop_job (data);
      start_next_step (task);
      return;

    case PRL_JOB_STATE_CANCELLED:
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _ ("The sample import was cancelled")));
      return;

    case PRL_JOB_STATE_FAILED:
    default:
      fail (task,
            g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                         /* Translators: the model's name, then the reason */
                         _ ("Could not import the sample into “%s”: %s"), model_name,
                         prl_job_get_error (job) ? prl_job_get_error (job)->message
                                                 : _ ("unknown error")));
      return;
    }
}

static void
cancelled_cb (GCancellable *cancellable, ImportData *data)
{
  if (data->job != NULL)
    prl_job_cancel (PRL_JOB (data->job));
}

/* Takes over the caller's reference on @task. */
static void
start_next_step (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  Step       *step;

  if (data->next == data->steps->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->model), g_object_unref);
      g_object_unref (task);
      return;
    }
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _ ("The sample import was cancelled")));
      return;
    }

  step = &g_array_index (data->steps, Step, data->next++);
  data->job = prl_workspace_import_typed_files (
      g_task_get_source_object (task), data->model, (GFile **)step->files->pdata,
      step->types ? (const PrlDatasetType *)(gpointer)step->types->data : NULL,
      step->files->len, step->type);
  data->state_id = g_signal_connect_swapped (data->job, "notify::state",
                                             G_CALLBACK (job_state_cb), task);
  job_state_cb (task);
}

static void
create_model_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask      *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  GError     *error = NULL;

  if (!(data->model
        = prl_workspace_create_model_finish (PRL_WORKSPACE (object), result, &error)))
    {
      g_prefix_error (&error, "%s", _ ("Could not create the sample model: "));
      fail (task, error);
      return;
    }

  start_next_step (task);
}

/**
 * prl_sample_import_async:
 * @sample_dir: (nullable): the sample folder, or %NULL for
 *   prl_sample_find_dir()
 *
 * Creates a local en-US model for the sample and imports the sample's
 * datasets into it, one import job per dataset type. Fails with
 * %G_IO_ERROR_NOT_FOUND, before creating anything, when the folder lacks
 * the sample.
 */
void
prl_sample_import_async (PrlWorkspace       *workspace,
                         const char         *sample_dir,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = NULL;
  ImportData      *data;
  GArray          *steps;

  g_return_if_fail (PRL_IS_WORKSPACE (workspace));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_sample_import_async);

  if (sample_dir == NULL)
    sample_dir = prl_sample_find_dir ();
  if (!(steps = collect_steps (sample_dir)))
    {
      g_task_return_new_error (
          task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          _ ("The sample is not installed: “%s” holds no training text and recorded "
             "test sentences. Build Parlance with espeak-ng installed, or set "
             "PARLANCE_SAMPLE_DIR to a sample folder"),
          sample_dir);
      return;
    }

  data = g_new0 (ImportData, 1);
  data->steps = steps;
  data->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  if (cancellable != NULL)
    data->cancelled_id
        = g_signal_connect (cancellable, "cancelled", G_CALLBACK (cancelled_cb), data);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);

  name = free_model_name (workspace);
  prl_workspace_create_model_async (workspace, name, "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, cancellable,
                                    create_model_cb, g_steal_pointer (&task));
}

/**
 * prl_sample_import_finish:
 *
 * Returns: (transfer full): the new model, with the sample's datasets
 */
PrlModel *
prl_sample_import_finish (PrlWorkspace *workspace, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
