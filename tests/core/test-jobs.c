/* test-jobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core-test-util.h"
#include "prl-job-owner.h"
#include "prl-job-records.h"
#include "prl-provider-info.h"
#include "prl-train-job.h"

/* Crash safety of jobs: whether a recorded owner still runs, and what the
 * workspace puts right when it opens (or when a training is asked for)
 * after a process was killed mid-training: the status before the
 * training, no temporary version folder, no job record. The real kill of
 * a CLI process is in tests/cli/test-cli-train.py. */

/* A pid that existed and has ended (and been reaped). */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();
  int   status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return pid;
}

static void
test_owner_self (void)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autofree char *boot_id = NULL;

  g_assert_cmpint (self->pid, ==, getpid ());
  g_assert_cmpuint (self->start_time, >, 0);
  g_assert_true (
      g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot_id, NULL, NULL));
  g_assert_cmpstr (self->boot_id, ==, g_strstrip (boot_id));
  g_assert_true (prl_job_owner_is_alive (self));
  g_assert_true (prl_job_owner_pid_is_alive (getpid ()));
}

static void
test_owner_dead_pid (void)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) dead = prl_job_owner_new (dead_pid (), self->boot_id, 0);
  g_autoptr (PrlJobOwner) nonsense = prl_job_owner_new (-1, self->boot_id, 0);

  g_assert_false (prl_job_owner_is_alive (dead));
  g_assert_false (prl_job_owner_pid_is_alive (dead->pid));
  g_assert_false (prl_job_owner_is_alive (nonsense));
}

static void
test_owner_other_boot (void)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) before_reboot = prl_job_owner_new (
      self->pid, "00000000-0000-4000-8000-000000000000", self->start_time);

  /* This very process, as recorded during another boot. */
  g_assert_false (prl_job_owner_is_alive (before_reboot));
}

static void
test_owner_reused_pid (void)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) earlier
      = prl_job_owner_new (self->pid, self->boot_id, self->start_time - 1);

  /* Our pid, but a process that started at another time. */
  g_assert_false (prl_job_owner_is_alive (earlier));
}

static void
test_owner_zombie (void)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) zombie = NULL;
  g_autofree char *stat_path = NULL;
  pid_t            pid = fork ();
  int              status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);

  /* Killed but not reaped yet, as right after `kill -9`. */
  stat_path = g_strdup_printf ("/proc/%d/stat", pid);
  for (;;)
    {
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (stat_path, &contents, NULL, NULL));
      if (strstr (strrchr (contents, ')'), " Z "))
        break;
      g_usleep (1000);
    }
  zombie = prl_job_owner_new (pid, self->boot_id, 0);
  g_assert_false (prl_job_owner_is_alive (zombie));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
}

/* Recovery through the workspace. */

static void
sql (Fixture *f, const char *statement)
{
  g_autofree char *path = g_build_filename (f->dir, "parlance.db", NULL);
  sqlite3         *db = NULL;
  char            *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static gint64
sql_count (Fixture *f, const char *query)
{
  g_autofree char *path = g_build_filename (f->dir, "parlance.db", NULL);
  sqlite3_stmt    *stmt = NULL;
  sqlite3         *db = NULL;
  gint64           value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* What a training killed mid-way leaves: the model Running, its job
 * record with @owner, and a half-written temporary version folder. */
static char *
leave_killed_training (Fixture *f, const PrlJobOwner *owner, const char *previous)
{
  gint64           id = prl_model_get_id (f->model);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *tmp
      = g_build_filename (f->dir, "models", id_str, ".tmp-clinic-20260101T000000Z", NULL);
  g_autofree char *arpa = g_build_filename (tmp, "custom.arpa", NULL);
  g_autofree char *statement = NULL;

  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  g_assert_true (g_file_set_contents (arpa, "\\data\\\n", -1, NULL));
  statement = g_strdup_printf (
      "UPDATE models SET status = 'running', failure_code = NULL,"
      " failure_message = NULL WHERE id = %" G_GINT64_FORMAT ";"
      "INSERT INTO jobs (kind, model_id, owner_pid, owner_boot_id, owner_start,"
      " previous_status, previous_code, previous_message, started)"
      " VALUES ('train', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
      ", '%s', %" G_GUINT64_FORMAT ", '%s', %s, %s, 0);",
      id, id, owner->pid, owner->boot_id, owner->start_time, previous,
      strcmp (previous, "failed") == 0 ? "'training_failed'" : "NULL",
      strcmp (previous, "failed") == 0 ? "'The disk was full'" : "NULL");
  sql (f, statement);
  return g_steal_pointer (&tmp);
}

/* Closes the workspace and opens it again, as the next run of the app or
 * the CLI does. */
static void
reopen (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_object (&f->model);
  g_assert_finalize_object (f->ws);

  prl_workspace_open_async (f->dir, NULL, store_result_cb, &result);
  f->ws = prl_workspace_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  f->model = g_object_ref (prl_workspace_find_model (f->ws, "clinic"));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  use_local ();
  fixture_open (f, "prl-jobs-XXXXXX");
}

static void
test_recover_on_open (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) killed = prl_job_owner_new (dead_pid (), self->boot_id, 12345);
  g_autofree char *tmp = NULL;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  /* A failure before the killed training: its reason comes back too. */
  tmp = leave_killed_training (f, killed, "failed");
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM jobs"), ==, 1);

  reopen (f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_FAILED);
  g_assert_cmpstr (prl_model_get_failure_code (f->model), ==, "training_failed");
  g_assert_cmpstr (prl_model_get_failure_message (f->model), ==, "The disk was full");
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM jobs"), ==, 0);
}

static void
test_recover_other_boot (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) rebooted = prl_job_owner_new (
      self->pid, "00000000-0000-4000-8000-000000000000", self->start_time);
  g_autofree char *tmp = NULL;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  tmp = leave_killed_training (f, rebooted, "ready-to-run");

  reopen (f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM jobs"), ==, 0);
}

/* A Running with no record at all (a workspace from before records were
 * kept) is settled from the data. */
static void
test_recover_without_record (Fixture *f, gconstpointer data)
{
  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  sql (f, "UPDATE models SET status = 'running'");

  reopen (f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
}

/* The owner runs (another Parlance on the same workspace): nothing is
 * touched, a training is refused and deleting the model too. */
static void
test_live_owner_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL;
  PrlTrainJob     *job;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt", "start metoprolol today\n");
  tmp = leave_killed_training (f, self, "ready-to-run");

  reopen (f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_RUNNING);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM jobs"), ==, 1);

  /* This workspace did not start it, so the store's claim decides. */
  job = prl_workspace_train_model (f->ws, f->model, TRUE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error ((GError *)prl_job_get_error (PRL_JOB (job)), PRL_TRAIN_ERROR,
                  PRL_TRAIN_ERROR_RUNNING);
  g_object_unref (job);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_RUNNING);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_DIR));

  prl_workspace_delete_model_async (f->ws, f->model, NULL, store_result_cb, &result);
  g_assert_false (prl_workspace_delete_model_finish (f->ws, wait_for (&result), &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_BUSY);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_DIR));

  /* Let teardown's rm work on a workspace this process no longer holds. */
  sql (f, "DELETE FROM jobs");
}

/* Killed while this workspace was open (the app, with the CLI killed):
 * asking for a training recovers it instead of refusing. */
static void
test_recover_before_refusing (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) killed = prl_job_owner_new (dead_pid (), self->boot_id, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL;
  PrlTrainJob     *job;

  add_text (f, PRL_DATASET_TYPE_TRANSCRIPT, "notes.txt",
            "start metoprolol today\nthe patient takes metoprolol\n");
  tmp = leave_killed_training (f, killed, "ready-to-run");
  /* What the app shows once it learnt that another process marked it. */
  {
    g_autoptr (PrlModel) marked = prl_model_new (
        prl_model_get_id (f->model), "clinic", "local", "en-US", PRL_BASE_MODEL_WIDE_BAND,
        PRL_TRAINING_STATUS_RUNNING, NULL, prl_model_get_created (f->model),
        prl_model_get_modified (f->model));

    prl_model_update_from (f->model, marked);
  }
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_RUNNING);

  job = prl_workspace_train_model (f->ws, f->model, FALSE, &error);
  g_assert_no_error (error);
  g_object_ref (job);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error ((GError *)prl_job_get_error (PRL_JOB (job)));
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_object_unref (job);

  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM jobs"), ==, 0);
}

/* Files that must not outlive a process (decrypted audio) live in its
 * scratch folder; a killed process's folder goes at the next opening,
 * a running one's stays. */
static void
test_recover_process_scratch (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (GError) error = NULL;
  g_autofree char *mine = _prl_job_scratch_dir (f->dir, &error);
  g_autofree char *mine_file = g_build_filename (mine, "eval-AbC123", NULL);
  g_autofree char *dead_name
      = g_strdup_printf ("proc-%d-777-%.8s", (int)dead_pid (), self->boot_id);
  g_autofree char *dead = g_build_filename (f->dir, "tmp", dead_name, NULL);
  g_autofree char *dead_file = g_build_filename (dead, "eval-XyZ789", NULL);
  g_autofree char *rebooted = g_build_filename (f->dir, "tmp", "proc-1-1-00000000", NULL);
  g_autofree char *other = g_build_filename (f->dir, "tmp", "notes", NULL);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (mine, f->dir));
  g_assert_true (g_file_set_contents (mine_file, "audio", -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dead, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dead_file, "decrypted audio", -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (rebooted, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);

  reopen (f);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (rebooted, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine_file, G_FILE_TEST_IS_REGULAR));
  /* Only what the naming scheme names is Parlance's to remove. */
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_DIR));
}

/* Deleting a model removes its folder: versions and leftovers alike. */
static void
test_delete_removes_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJobOwner) self = prl_job_owner_new_self ();
  g_autoptr (PrlJobOwner) killed = prl_job_owner_new (dead_pid (), self->boot_id, 0);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id
      = g_strdup_printf ("%" G_GINT64_FORMAT, prl_model_get_id (f->model));
  g_autofree char *folder = g_build_filename (f->dir, "models", id, NULL);
  g_autofree char *version = g_build_filename (folder, "clinic-20250101T000000Z", NULL);
  g_autofree char *tmp = NULL;

  g_assert_cmpint (g_mkdir_with_parents (version, 0700), ==, 0);
  tmp = leave_killed_training (f, killed, "ready-to-run");
  /* Killed after this process opened the workspace: no recovery ran. */
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_DIR));

  prl_workspace_delete_model_async (f->ws, f->model, NULL, store_result_cb, &result);
  g_assert_true (prl_workspace_delete_model_finish (f->ws, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM jobs"), ==, 0);

  /* Teardown wants a model. */
  g_clear_object (&f->model);
  g_clear_object (&result);
  prl_workspace_create_model_async (f->ws, "clinic", "local", "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL, store_result_cb,
                                    &result);
  f->model = prl_workspace_create_model_finish (f->ws, wait_for (&result), &error);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jobs/owner/self", test_owner_self);
  g_test_add_func ("/jobs/owner/dead-pid", test_owner_dead_pid);
  g_test_add_func ("/jobs/owner/other-boot", test_owner_other_boot);
  g_test_add_func ("/jobs/owner/reused-pid", test_owner_reused_pid);
  g_test_add_func ("/jobs/owner/zombie", test_owner_zombie);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/jobs/recover/on-open", test_recover_on_open);
  ADD ("/jobs/recover/other-boot", test_recover_other_boot);
  ADD ("/jobs/recover/without-record", test_recover_without_record);
  ADD ("/jobs/recover/live-owner-kept", test_live_owner_kept);
  ADD ("/jobs/recover/before-refusing", test_recover_before_refusing);
  ADD ("/jobs/recover/process-scratch", test_recover_process_scratch);
  ADD ("/jobs/delete-removes-folder", test_delete_removes_folder);

  return g_test_run ();
}
