/* core-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "../test-util.h"
#include "prl-local-provider.h"
#include "prl-remote-job.h"
#include "prl-workspace.h"

/* What the suites that train through a workspace share: a workspace in a
 * temporary directory with a model "clinic" on the local provider, the
 * user's files next to it, text imports, and waiting for async results. */

typedef struct
{
  char         *dir;   /* (owned): the workspace */
  char         *files; /* (owned): the user's files, in dir */
  PrlWorkspace *ws;
  PrlModel     *model;
} Fixture;

/* Registers the real local provider as "local". */
static inline void
use_local (void)
{
  g_autoptr (PrlProvider) provider = prl_local_provider_new ();

  prl_provider_register ("local", provider);
}

/* Opens a workspace in a new directory named after @tmpl (as for
 * g_dir_make_tmp()) and creates the model "clinic" on the "local"
 * provider, whichever is registered. */
static inline void
fixture_open (Fixture *f, const char *tmpl)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp (tmpl, NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);

  prl_workspace_open_async (f->dir, NULL, store_result_cb, &result);
  f->ws = prl_workspace_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  prl_workspace_create_model_async (f->ws, "clinic", "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL, store_result_cb,
                                    &result);
  f->model = prl_workspace_create_model_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
}

/* Drops the last reference to @object and asserts that it is finalized.
 * A job's worker thread may still hold its GTask (and through it the
 * workspace) for a moment after the job reported its end, so the main
 * context runs for up to five seconds before the assertion. */
static inline void
assert_finalize_soon (gpointer object)
{
  gpointer weak = object;
  gint64   deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (weak != NULL)
    g_object_remove_weak_pointer (weak, &weak);
  g_assert_null (weak);
}

static inline void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->model);
  assert_finalize_soon (f->ws);
  rm_rf (f->dir);
  g_free (f->files);
  g_free (f->dir);
}

/* Writes @content to the user's file @name and imports it as @type. */
static inline void
add_text (Fixture *f, PrlDatasetType type, const char *name, const char *content)
{
  g_autofree char *path = g_build_filename (f->files, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  PrlImportJob *job;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  job = prl_workspace_import_files (f->ws, f->model, &file, 1, type);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_object_unref (job);
}

/* The contents of the artifact @name of @version. */
static inline char *
read_artifact (PrlVersion *version, const char *name)
{
  g_autofree char *path
      = g_build_filename (prl_version_get_directory (version), name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Drops the fixture's workspace, as a quit does, and asserts that it is
 * finalized. A store call the workspace started on a job's last status
 * change (its refresh of the model list) holds a reference until its
 * callback runs here, so the main context runs until then, for at most
 * 10 s: a real leak still fails. */
static inline void
fixture_close_workspace (Fixture *f)
{
  gpointer weak = g_steal_pointer (&f->ws);
  gint64   until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_object_unref (weak);
  while (weak != NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
  g_assert_null (weak);
}

/* Quits and starts again, as the app does: closes the workspace, which
 * suspends @job (a running remote job), then opens it again resuming the
 * interrupted cloud jobs. Returns the job its job manager then runs. */
static inline PrlJob *
fixture_restart (Fixture *f, PrlJob *job)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *manager;

  g_clear_object (&f->model);
  fixture_close_workspace (f);
  while (prl_job_is_active (job))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_CANCELLED);

  prl_remote_jobs_set_resume_on_open (TRUE);
  prl_workspace_open_async (f->dir, NULL, store_result_cb, &result);
  f->ws = prl_workspace_open_finish (wait_for (&result), &error);
  prl_remote_jobs_set_resume_on_open (FALSE);
  g_assert_no_error (error);
  f->model = g_object_ref (prl_workspace_find_model (f->ws, "clinic"));
  manager = G_LIST_MODEL (prl_workspace_get_job_manager (f->ws));
  while (g_list_model_get_n_items (manager) == 0)
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_item (manager, 0);
}
