/* test-remote-jobs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "core-test-util.h"
#include "prl-remote-job.h"
#include "prl-store-remote.h"

/* Jobs that outlive the process (prl-remote-job.c): the remote_jobs table
 * that an old workspace gains when it opens, the store calls, the claim
 * that never takes a job from a live process, and the resume through the
 * workspace, on request or whenever a workspace opens, with a test kind. */

#define TEST_KIND "test-kind"

/* A remote job that counts to its state's "steps", saving each step, and
 * ends as the base class asks: done, cancelled, or suspended (released). */
struct _TestJob
{
  PrlRemoteJob parent_instance;

  PrlStore *store;
  gint64    model_id;
  guint     step;
  guint     steps;
  guint     start_step; /* where a resumed job began, before its thread runs */
  int       returned;   /* atomic: its thread has left run() */
};

G_DECLARE_FINAL_TYPE (TestJob, test_job, TEST, JOB, PrlRemoteJob)
G_DEFINE_FINAL_TYPE (TestJob, test_job, PRL_TYPE_REMOTE_JOB)

static char *
test_job_state (TestJob *self)
{
  return g_strdup_printf ("{\"stage\": \"counting\", \"step\": %u, \"steps\": %u}",
                          self->step, self->steps);
}

static gboolean
test_job_count (PrlJob *job, GCancellable *cancellable, GError **error)
{
  TestJob         *self = TEST_JOB (job);
  PrlRemoteJob    *remote = PRL_REMOTE_JOB (job);
  g_autofree char *state = test_job_state (self);
  gint64           id = prl_remote_job_get_id (remote);

  if (id == 0)
    {
      id = prl_store_create_remote_job_sync (self->store, TEST_KIND, self->model_id,
                                             "acct", "Counting", state, error);
      if (id == 0)
        return FALSE;
      prl_remote_job_set_id (remote, id);
    }

  while (self->step < self->steps && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *saved = NULL;

      g_usleep (2000);
      self->step++;
      saved = test_job_state (self);
      /* A closing workspace closes its store before the job stops. */
      if (!prl_store_update_remote_job_sync (self->store, id, saved, error))
        {
          if (!g_cancellable_is_cancelled (cancellable))
            return FALSE;
          g_clear_error (error);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      /* The workspace releases it too when it closes, before its store. */
      if (prl_remote_job_is_suspended (remote))
        prl_store_release_remote_job_sync (self->store, id, NULL);
      else
        g_assert_true (prl_store_finish_remote_job_sync (
            self->store, id, PRL_REMOTE_JOB_CANCELLED, NULL, NULL, NULL));
      return FALSE;
    }
  return prl_store_finish_remote_job_sync (self->store, id, PRL_REMOTE_JOB_DONE, NULL,
                                           NULL, error);
}

static gboolean
test_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  gboolean ok = test_job_count (job, cancellable, error);

  g_atomic_int_set (&TEST_JOB (job)->returned, 1);
  return ok;
}

/* A job's state says cancelled as soon as it is asked to stop; its thread
 * may still count and save one more step. Waits until that is over. */
static void
wait_returned (TestJob *job)
{
  while (!g_atomic_int_get (&job->returned))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
test_job_finalize (GObject *object)
{
  g_clear_object (&TEST_JOB (object)->store);
  G_OBJECT_CLASS (test_job_parent_class)->finalize (object);
}

static void
test_job_class_init (TestJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_job_finalize;
  PRL_JOB_CLASS (klass)->run = test_job_run;
}

static void
test_job_init (TestJob *self)
{
}

static TestJob *
test_job_new (PrlWorkspace *ws, gint64 model_id, guint steps)
{
  TestJob *self = g_object_new (test_job_get_type (), NULL);

  self->store = g_object_ref (prl_workspace_get_store (ws));
  self->model_id = model_id;
  self->steps = steps;
  prl_job_set_title (PRL_JOB (self), "Counting");
  return self;
}

static guint n_resumed;

/* Rebuilds a TestJob from its saved step: a resume continues, it does
 * not start over. A record whose account is "broken" cannot be rebuilt. */
static PrlJob *
resume_test_job (PrlWorkspace *ws, const PrlRemoteJobRecord *record, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *state;
  TestJob    *job;

  if (g_strcmp0 (record->account, "broken") == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "broken state");
      return NULL;
    }
  g_assert_true (json_parser_load_from_data (parser, record->state, -1, NULL));
  state = json_node_get_object (json_parser_get_root (parser));
  job = test_job_new (ws, record->model_id, json_object_get_int_member (state, "steps"));
  job->step = json_object_get_int_member (state, "step");
  job->start_step = job->step;
  prl_remote_job_set_id (PRL_REMOTE_JOB (job), record->id);
  n_resumed++;
  return PRL_JOB (job);
}

static GPtrArray *
list_records (PrlWorkspace *ws)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *records;

  prl_store_list_remote_jobs_async (prl_workspace_get_store (ws), NULL, store_result_cb,
                                    &result);
  records = prl_store_list_remote_jobs_finish (prl_workspace_get_store (ws),
                                               wait_for (&result), &error);
  g_assert_no_error (error);
  return records;
}

static GPtrArray *
claim (PrlWorkspace *ws, const char *kind)
{
  const char *kinds[] = { kind, NULL };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *records;

  prl_store_claim_remote_jobs_async (prl_workspace_get_store (ws), kinds, NULL,
                                     store_result_cb, &result);
  records = prl_store_claim_remote_jobs_finish (prl_workspace_get_store (ws),
                                                wait_for (&result), &error);
  g_assert_no_error (error);
  return records;
}

static GPtrArray *
resume (PrlWorkspace *ws)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *jobs;

  prl_workspace_resume_remote_jobs_async (ws, NULL, store_result_cb, &result);
  jobs = prl_workspace_resume_remote_jobs_finish (ws, wait_for (&result), &error);
  g_assert_no_error (error);
  return jobs;
}

static void
wait_job (PrlJob *job)
{
  while (prl_job_is_active (job))
    g_main_context_iteration (NULL, TRUE);
}

static void
sql_exec (PrlWorkspace *ws, const char *sql)
{
  g_autofree char *path
      = g_build_filename (prl_workspace_get_directory (ws), "parlance.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Makes row @id look like another process's, @pid, that recorded no start
 * time (so the pid alone decides). */
static void
set_owner (PrlWorkspace *ws, gint64 id, gint64 pid)
{
  g_autofree char *sql = g_strdup_printf (
      "UPDATE remote_jobs SET owner_pid = %" G_GINT64_FORMAT ", owner_boot_id = '',"
      " owner_start = 0 WHERE id = %" G_GINT64_FORMAT,
      pid, id);

  sql_exec (ws, sql);
}

/* A pid that no longer runs: a child that has exited and been reaped. */
static GPid
dead_pid (void)
{
  const char *argv[] = { "true", NULL };
  GPid        pid;
  int         status;

  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL));
  waitpid (pid, &status, 0);
  return pid;
}

static PrlRemoteJobRecord *
find_record (GPtrArray *records, gint64 id)
{
  for (guint i = 0; i < records->len; i++)
    if (((PrlRemoteJobRecord *)g_ptr_array_index (records, i))->id == id)
      return g_ptr_array_index (records, i);
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_open (f, "prl-remote-XXXXXX");
}

static void
test_migration (void)
{
  g_autofree char *dir = make_tmpdir ("prl-remote-XXXXXX");
  g_autofree char *db_path = g_build_filename (dir, "parlance.db", NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) records = NULL;
  sqlite3 *db = NULL;

  /* A workspace of schema 1, from before remote jobs. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          "CREATE TABLE workspace (id INTEGER PRIMARY KEY, owner_role TEXT NOT"
          " NULL DEFAULT 'ORGADMIN', created INTEGER NOT NULL);"
          "INSERT INTO workspace (id, created) VALUES (1, 0);"
          "CREATE TABLE models (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE"
          " COLLATE NOCASE, provider TEXT NOT NULL, language TEXT NOT NULL,"
          " base_model TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'not-running',"
          " created INTEGER NOT NULL, modified INTEGER NOT NULL);"
          "PRAGMA user_version = 1;",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  prl_workspace_open_async (dir, NULL, store_result_cb, &result);
  ws = prl_workspace_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prl_store_get_schema_version (prl_workspace_get_store (ws)), ==,
                    prl_store_get_latest_schema_version ());
  records = list_records (ws);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpint (prl_store_create_remote_job_sync (prl_workspace_get_store (ws),
                                                     TEST_KIND, 0, NULL, "t", NULL,
                                                     &error),
                   ==, 1);
  g_assert_no_error (error);
  g_clear_object (&ws);
  rm_rf (dir);
}

static void
test_store_calls (Fixture *f, gconstpointer data)
{
  PrlStore *store = prl_workspace_get_store (f->ws);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) claimed = NULL;
  PrlRemoteJobRecord *record;
  gint64              a, b;
  GPid                live;
  const char         *sleep_argv[] = { "sleep", "60", NULL };

  a = prl_store_create_remote_job_sync (store, TEST_KIND, prl_model_get_id (f->model),
                                        "acct", "Upload A", "{\"stage\": \"starting\"}",
                                        &error);
  g_assert_no_error (error);
  b = prl_store_create_remote_job_sync (store, "other-kind", 0, NULL, "B", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, >, a);

  g_assert_true (
      prl_store_update_remote_job_sync (store, a, "{\"stage\": \"half\"}", &error));
  g_assert_no_error (error);

  records = list_records (f->ws);
  g_assert_cmpuint (records->len, ==, 2);
  record = find_record (records, a);
  g_assert_cmpstr (record->kind, ==, TEST_KIND);
  g_assert_cmpstr (record->model_name, ==, "clinic");
  g_assert_cmpstr (record->account, ==, "acct");
  g_assert_cmpstr (record->title, ==, "Upload A");
  g_assert_cmpstr (record->state, ==, "{\"stage\": \"half\"}");
  g_assert_cmpint (record->status, ==, PRL_REMOTE_JOB_RUNNING);
  g_assert_true (record->owner_alive);
  g_assert_false (prl_remote_job_record_is_interrupted (record));
  g_assert_cmpstr (find_record (records, b)->state, ==, "{}");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* This process drives it: nothing to claim. */
  claimed = claim (f->ws, TEST_KIND);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* Another live process drives it: never taken. */
  g_assert_true (g_spawn_async (NULL, (char **)sleep_argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &live, NULL));
  set_owner (f->ws, a, live);
  claimed = claim (f->ws, TEST_KIND);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  kill (live, SIGKILL);
  waitpid (live, NULL, 0);

  /* Its owner is gone: interrupted, and claimed by kind only. */
  records = list_records (f->ws);
  g_assert_true (prl_remote_job_record_is_interrupted (find_record (records, a)));
  g_clear_pointer (&records, g_ptr_array_unref);
  claimed = claim (f->ws, "no-such-kind");
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  claimed = claim (f->ws, TEST_KIND);
  g_assert_cmpuint (claimed->len, ==, 1);
  record = g_ptr_array_index (claimed, 0);
  g_assert_cmpint (record->id, ==, a);
  g_assert_cmpstr (record->state, ==, "{\"stage\": \"half\"}");
  g_clear_pointer (&claimed, g_ptr_array_unref);
  records = list_records (f->ws);
  g_assert_true (find_record (records, a)->owner_alive);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Released: no owner, resumable by the next start. */
  g_assert_true (prl_store_release_remote_job_sync (store, a, &error));
  records = list_records (f->ws);
  g_assert_true (prl_remote_job_record_is_interrupted (find_record (records, a)));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Finished: its state stays when none is given; never claimed again. */
  g_assert_true (prl_store_finish_remote_job_sync (store, a, PRL_REMOTE_JOB_FAILED, NULL,
                                                   "The bucket is gone.", &error));
  g_assert_no_error (error);
  records = list_records (f->ws);
  record = find_record (records, a);
  g_assert_cmpint (record->status, ==, PRL_REMOTE_JOB_FAILED);
  g_assert_cmpstr (record->error, ==, "The bucket is gone.");
  g_assert_cmpstr (record->state, ==, "{\"stage\": \"half\"}");
  g_assert_false (record->owner_alive);
  g_assert_false (prl_remote_job_record_is_interrupted (record));
  g_assert_cmpint (record->updated, >=, record->created);
  g_clear_pointer (&records, g_ptr_array_unref);
  set_owner (f->ws, a, dead_pid ());
  claimed = claim (f->ws, TEST_KIND);
  g_assert_cmpuint (claimed->len, ==, 0);
}

static void
test_resume (Fixture *f, gconstpointer data)
{
  g_autoptr (TestJob) job = test_job_new (f->ws, prl_model_get_id (f->model), 1000000);
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  PrlRemoteJobRecord *record;
  TestJob            *resumed;
  gint64              id, broken;
  guint               saved_step;

  prl_remote_job_register_kind (TEST_KIND, resume_test_job);

  /* Quitting suspends it: the row stays running, its owner released. */
  prl_job_manager_run (prl_workspace_get_job_manager (f->ws), PRL_JOB (job));
  while (job->step < 5)
    g_main_context_iteration (NULL, FALSE);
  prl_workspace_suspend_remote_jobs (f->ws);
  wait_job (PRL_JOB (job));
  wait_returned (job);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);
  id = prl_remote_job_get_id (PRL_REMOTE_JOB (job));
  records = list_records (f->ws);
  record = find_record (records, id);
  g_assert_true (prl_remote_job_record_is_interrupted (record));
  /* What the row holds is what a resume continues from: the job may have
   * counted one step more whose save the closing store refused. */
  {
    g_autoptr (JsonNode) node = json_from_string (record->state, &error);

    g_assert_no_error (error);
    saved_step = json_object_get_int_member (json_node_get_object (node), "step");
    g_assert_cmpuint (saved_step, >=, 5);
    g_assert_cmpuint (saved_step, <=, job->step);
  }
  g_assert_nonnull (strstr (record->state, "\"steps\": 1000000"));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A record that its kind cannot rebuild is marked failed. */
  broken = prl_store_create_remote_job_sync (prl_workspace_get_store (f->ws), TEST_KIND,
                                             0, "broken", "Broken", "{}", &error);
  g_assert_no_error (error);
  set_owner (f->ws, broken, dead_pid ());
  /* The test's kind continues from the saved step, to a near end. */
  {
    g_autofree char *sql
        = g_strdup_printf ("UPDATE remote_jobs SET state = json_set (state, '$.steps', "
                           "%u) WHERE id = %" G_GINT64_FORMAT,
                           saved_step + 20, id);

    sql_exec (f->ws, sql);
  }

  n_resumed = 0;
  jobs = resume (f->ws);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpuint (n_resumed, ==, 1);
  resumed = g_ptr_array_index (jobs, 0);
  /* Its thread may already have counted a step: where it began is what
   * the row held. */
  g_assert_cmpuint (resumed->start_step, ==, saved_step);
  wait_job (PRL_JOB (resumed));
  g_assert_cmpint (prl_job_get_state (PRL_JOB (resumed)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (resumed->step, ==, saved_step + 20);

  records = list_records (f->ws);
  g_assert_cmpint (find_record (records, id)->status, ==, PRL_REMOTE_JOB_DONE);
  g_assert_cmpint (find_record (records, broken)->status, ==, PRL_REMOTE_JOB_FAILED);
  g_assert_cmpstr (find_record (records, broken)->error, ==, "broken state");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Nothing is left to resume. */
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = resume (f->ws);
  g_assert_cmpuint (jobs->len, ==, 0);
}

/* The app's way: the job resumes as soon as a window opens the workspace,
 * and shows in its job manager. A user's cancel finishes it cancelled. */
static void
test_resume_on_open (Fixture *f, gconstpointer data)
{
  g_autoptr (TestJob) job = test_job_new (f->ws, prl_model_get_id (f->model), 1000000);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (PrlJob) resumed = NULL;
  gint64 id;

  prl_remote_job_register_kind (TEST_KIND, resume_test_job);
  prl_job_manager_run (prl_workspace_get_job_manager (f->ws), PRL_JOB (job));
  while (job->step < 3)
    g_main_context_iteration (NULL, FALSE);
  id = prl_remote_job_get_id (PRL_REMOTE_JOB (job));
  resumed = fixture_restart (f, PRL_JOB (job));
  g_assert_true (TEST_IS_JOB (resumed));
  g_assert_cmpint (prl_remote_job_get_id (PRL_REMOTE_JOB (resumed)), ==, id);

  prl_job_cancel (resumed);
  wait_job (resumed);
  records = list_records (f->ws);
  g_assert_cmpint (find_record (records, id)->status, ==, PRL_REMOTE_JOB_CANCELLED);
}

/* A cloud upgrade (a running remote job whose state names the version it
 * upgrades) makes its Running model Upgrading; a plain training, a
 * finished upgrade or a malformed state do not. */
static void
test_upgrading (Fixture *f, gconstpointer data)
{
  PrlStore *store = prl_workspace_get_store (f->ws);
  gint64    id = prl_model_get_id (f->model);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) read = NULL;
  g_autofree char *running = g_strdup_printf (
      "UPDATE models SET status = 'running' WHERE id = %" G_GINT64_FORMAT, id);
  gint64 plain, upgrade, broken;

  sql_exec (f->ws, running);
  plain = prl_store_create_remote_job_sync (store, TEST_KIND, id, "acct", "Train",
                                            "{\"phase\": \"create\"}", &error);
  g_assert_no_error (error);
  read = prl_store_read_model_sync (store, id, &error);
  g_assert_no_error (error);
  g_assert_false (prl_model_get_upgrading (read));
  g_clear_object (&read);

  broken = prl_store_create_remote_job_sync (store, TEST_KIND, id, "acct", "Odd",
                                             "not json {", &error);
  g_assert_no_error (error);
  read = prl_store_read_model_sync (store, id, &error);
  g_assert_no_error (error);
  g_assert_false (prl_model_get_upgrading (read));
  g_clear_object (&read);

  upgrade = prl_store_create_remote_job_sync (
      store, TEST_KIND, id, "acct", "Upgrade",
      "{\"phase\": \"create\", \"upgrade_of\": \"clinic-20260101T000000Z\"}", &error);
  g_assert_no_error (error);
  read = prl_store_read_model_sync (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (prl_model_get_upgrading (read));
  g_clear_object (&read);

  /* Done: no longer upgrading, even before the status is settled. */
  g_assert_true (prl_store_finish_remote_job_sync (store, upgrade, PRL_REMOTE_JOB_DONE,
                                                   NULL, NULL, &error));
  g_assert_no_error (error);
  read = prl_store_read_model_sync (store, id, &error);
  g_assert_no_error (error);
  g_assert_false (prl_model_get_upgrading (read));
  (void)plain;
  (void)broken;
}

/* "Delete when finished" is accepted until the job takes its last look,
 * and refused after it: never accepted and then ignored. */
static void
test_delete_request (void)
{
  g_autoptr (PrlRemoteJob) early = g_object_new (test_job_get_type (), NULL);
  g_autoptr (PrlRemoteJob) late = g_object_new (test_job_get_type (), NULL);

  g_assert_false (prl_remote_job_get_delete_when_done (early));
  g_assert_true (prl_remote_job_delete_when_done (early));
  g_assert_true (prl_remote_job_delete_when_done (early));
  g_assert_true (prl_remote_job_get_delete_when_done (early));
  g_assert_true (prl_remote_job_close_delete_when_done (early));
  g_assert_true (prl_remote_job_get_delete_when_done (early));

  g_assert_false (prl_remote_job_close_delete_when_done (late));
  g_assert_false (prl_remote_job_delete_when_done (late));
  g_assert_false (prl_remote_job_get_delete_when_done (late));
  g_assert_false (prl_remote_job_close_delete_when_done (late));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  use_local ();

  g_test_add_func ("/remote-jobs/migration", test_migration);
  g_test_add_func ("/remote-jobs/delete-request", test_delete_request);
  g_test_add ("/remote-jobs/upgrading", Fixture, NULL, fixture_set_up, test_upgrading,
              fixture_tear_down);
  g_test_add ("/remote-jobs/store-calls", Fixture, NULL, fixture_set_up, test_store_calls,
              fixture_tear_down);
  g_test_add ("/remote-jobs/resume", Fixture, NULL, fixture_set_up, test_resume,
              fixture_tear_down);
  g_test_add ("/remote-jobs/resume-on-open", Fixture, NULL, fixture_set_up,
              test_resume_on_open, fixture_tear_down);
  return g_test_run ();
}
