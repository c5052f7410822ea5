/* test-job-step.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Jobs made of jobs (prl-job-step.c): a parent job's worker runs a child
 * job and a step on the main context, the child's progress shows in a
 * span of the parent's with the parent's prefix, a step's error is the
 * parent's, and cancelling the parent cancels the child.
 */

#include "config.h"

#include "prl-job-step.h"
#include "../test-util.h"

/* A child that counts to twenty, reporting progress, checking cancel. */
#define TEST_TYPE_CHILD_JOB (test_child_job_get_type ())
G_DECLARE_FINAL_TYPE (TestChildJob, test_child_job, TEST, CHILD_JOB, PrlJob)

struct _TestChildJob
{
  PrlJob   parent_instance;
  gboolean ran;
};

G_DEFINE_FINAL_TYPE (TestChildJob, test_child_job, PRL_TYPE_JOB)

static gboolean
test_child_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  /* Long enough for progress (published four times a second) to be seen
   * and a cancel to come before the end. */
  for (guint i = 1; i <= 20; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (50 * 1000);
      prl_job_report_progress (job, i / 20.0, "counting");
    }
  TEST_CHILD_JOB (job)->ran = TRUE;
  return TRUE;
}

static void
test_child_job_class_init (TestChildJobClass *klass)
{
  PRL_JOB_CLASS (klass)->run = test_child_job_run;
}

static void
test_child_job_init (TestChildJob *self)
{
}

/* A parent that runs a child in the second half of its progress, then a
 * step that answers from an idle (as async workspace calls do). */
#define TEST_TYPE_PARENT_JOB (test_parent_job_get_type ())
G_DECLARE_FINAL_TYPE (TestParentJob, test_parent_job, TEST, PARENT_JOB, PrlJob)

struct _TestParentJob
{
  PrlJob        parent_instance;
  GMainContext *context;
  TestChildJob *child;
  gboolean      fail_step;
  GThread      *step_thread; /* where the step ran */
};

G_DEFINE_FINAL_TYPE (TestParentJob, test_parent_job, PRL_TYPE_JOB)

typedef struct
{
  TestParentJob *self;
  PrlJobStep    *step;
} StepCall;

static gboolean
step_answer (gpointer data)
{
  StepCall *call = data;

  prl_job_step_return (call->step,
                       call->self->fail_step ? g_error_new_literal (
                           G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "the step said no")
                                             : NULL);
  return G_SOURCE_REMOVE;
}

static void
step_func (PrlJobStep *step, gpointer data)
{
  StepCall *call = data;

  call->step = step;
  call->self->step_thread = g_thread_self ();
  g_idle_add (step_answer, call);
}

static gboolean
test_parent_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  TestParentJob *self = TEST_PARENT_JOB (job);
  StepCall       call = { self };

  prl_job_report_progress (job, 0.1, "starting");
  if (!prl_job_run_child (job, self->context, PRL_JOB (self->child), 0.5, 0.5,
                          "Step 1 of 2: counting…", cancellable, error))
    return FALSE;
  return prl_job_step_run (self->context, cancellable, step_func, &call, error);
}

static void
test_parent_job_finalize (GObject *object)
{
  TestParentJob *self = TEST_PARENT_JOB (object);

  g_clear_object (&self->child);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (test_parent_job_parent_class)->finalize (object);
}

static void
test_parent_job_class_init (TestParentJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_parent_job_finalize;
  PRL_JOB_CLASS (klass)->run = test_parent_job_run;
}

static void
test_parent_job_init (TestParentJob *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->child = g_object_new (TEST_TYPE_CHILD_JOB, NULL);
}

static void
status_cb (PrlJob *job, GParamSpec *pspec, GPtrArray *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%.2f %s", prl_job_get_progress (job),
                                          prl_job_get_status (job)));
}

static gboolean
run_job (PrlJob *job, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_job_execute_async (job, NULL, store_result_cb, &result);
  return prl_job_execute_finish (job, wait_for (&result), error);
}

static void
test_success (void)
{
  g_autoptr (TestParentJob) job = g_object_new (TEST_TYPE_PARENT_JOB, NULL);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  gboolean in_span = FALSE;

  g_signal_connect (job, "notify::status", G_CALLBACK (status_cb), seen);
  g_assert_true (run_job (PRL_JOB (job), &error));
  g_assert_no_error (error);
  g_assert_true (job->child->ran);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job->child)), ==, PRL_JOB_STATE_SUCCEEDED);
  /* The step ran on the main context, not on the parent's worker. */
  g_assert_true (job->step_thread == g_thread_self ());
  /* The child's status under the parent's prefix, its progress in the
   * parent's second half. */
  for (guint i = 0; i < seen->len; i++)
    {
      const char *line = g_ptr_array_index (seen, i);

      if (strstr (line, "Step 1 of 2: counting… (counting)") != NULL
          && g_ascii_strtod (line, NULL) >= 0.5)
        in_span = TRUE;
      g_assert_cmpfloat (g_ascii_strtod (line, NULL), <=, 1.0);
    }
  g_assert_true (in_span);
  g_assert_cmpfloat (prl_job_get_progress (PRL_JOB (job)), ==, 1.0);
}

static void
test_step_error (void)
{
  g_autoptr (TestParentJob) job = g_object_new (TEST_TYPE_PARENT_JOB, NULL);
  g_autoptr (GError) error = NULL;

  job->fail_step = TRUE;
  g_assert_false (run_job (PRL_JOB (job), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "the step said no");
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_FAILED);
}

static void
cancel_when_counting (PrlJob *child, GParamSpec *pspec, PrlJob *parent)
{
  if (prl_job_get_progress (child) >= 0.3)
    prl_job_cancel (parent);
}

static void
test_cancel (void)
{
  g_autoptr (TestParentJob) job = g_object_new (TEST_TYPE_PARENT_JOB, NULL);
  g_autoptr (GError) error = NULL;

  g_signal_connect (job->child, "notify::progress", G_CALLBACK (cancel_when_counting),
                    job);
  g_assert_false (run_job (PRL_JOB (job), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (job->child->ran);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job->child)), ==, PRL_JOB_STATE_CANCELLED);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_CANCELLED);
  /* The step after the child never ran. */
  g_assert_null (job->step_thread);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/job-step/success", test_success);
  g_test_add_func ("/job-step/step-error", test_step_error);
  g_test_add_func ("/job-step/cancel", test_cancel);
  return g_test_run ();
}
