/* test-training-budget.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prl-remote-job.h"
#include "prl-training-budget.h"

#define KIND "transcribe-train"

static GDateTime *
at (GTimeZone *tz, int year, int month, int day, int hour)
{
  return g_date_time_new (tz, year, month, day, hour, 0, 0);
}

static PrlRemoteJobRecord *
record (const char        *kind,
        const char        *account,
        GDateTime         *created,
        PrlRemoteJobStatus status)
{
  PrlRemoteJobRecord *r = g_new0 (PrlRemoteJobRecord, 1);

  r->kind = g_strdup (kind);
  r->account = g_strdup (account);
  r->title = g_strdup ("Training");
  r->state = g_strdup ("{}");
  r->status = status;
  r->created = g_date_time_to_unix (created) * G_USEC_PER_SEC;
  r->updated = r->created;
  return r;
}

/* Trainings of the kind on the account in this local month: failed ones
 * count (the claim was spent), cancelled ones, other kinds, other
 * accounts and other months do not. */
static void
test_count (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+02:00");
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_remote_job_record_free);
  g_autoptr (GDateTime) now = at (tz, 2026, 12, 7, 10);
  g_autoptr (GDateTime) month_start = at (tz, 2026, 12, 1, 0);
  g_autoptr (GDateTime) before = g_date_time_add_seconds (month_start, -1);
  g_autoptr (GDateTime) earlier = at (tz, 2026, 12, 3, 9);
  g_autoptr (GDateTime) last_year = at (tz, 2025, 12, 5, 9);

  g_ptr_array_add (records, record (KIND, "Lab", month_start, PRL_REMOTE_JOB_DONE));
  g_ptr_array_add (records, record (KIND, "lab", earlier, PRL_REMOTE_JOB_FAILED));
  g_ptr_array_add (records, record (KIND, "Lab", now, PRL_REMOTE_JOB_RUNNING));
  g_ptr_array_add (records, record (KIND, "Lab", earlier, PRL_REMOTE_JOB_CANCELLED));
  /* 23:59:59 on 30 November, local time: last month. */
  g_ptr_array_add (records, record (KIND, "Lab", before, PRL_REMOTE_JOB_DONE));
  g_ptr_array_add (records, record (KIND, "Lab", last_year, PRL_REMOTE_JOB_DONE));
  g_ptr_array_add (records, record (KIND, "Other", earlier, PRL_REMOTE_JOB_DONE));
  g_ptr_array_add (records, record (KIND, NULL, earlier, PRL_REMOTE_JOB_DONE));
  g_ptr_array_add (records, record ("s3-upload", "Lab", earlier, PRL_REMOTE_JOB_DONE));

  g_assert_cmpuint (prl_training_budget_count_started (records, KIND, "LAB", now), ==, 3);
  g_assert_cmpuint (prl_training_budget_count_started (records, KIND, "Other", now), ==,
                    1);
  g_assert_cmpuint (prl_training_budget_count_started (records, "other-kind", "Lab", now),
                    ==, 0);
}

static void
test_left_and_check (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("-05:00");
  g_autoptr (GDateTime) now = at (tz, 2026, 12, 31, 23);
  g_autoptr (GDateTime) renews = prl_training_budget_renews (now);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (prl_training_budget_left (PRL_TRAINING_BUDGET_UNLIMITED, 500), ==,
                   PRL_TRAINING_BUDGET_UNLIMITED);
  g_assert_cmpint (prl_training_budget_left (3, 1), ==, 2);
  g_assert_cmpint (prl_training_budget_left (3, 3), ==, 0);
  g_assert_cmpint (prl_training_budget_left (3, 7), ==, 0);
  g_assert_cmpint (prl_training_budget_left (0, 0), ==, 0);

  g_assert_true (
      prl_training_budget_check (PRL_TRAINING_BUDGET_UNLIMITED, 1000, now, NULL));
  g_assert_true (prl_training_budget_check (2, 1, now, &error));
  g_assert_no_error (error);

  /* December renews on 1 January of the next year, at local midnight. */
  g_assert_cmpint (g_date_time_get_year (renews), ==, 2027);
  g_assert_cmpint (g_date_time_get_month (renews), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (renews), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (renews), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (renews), ==, -5 * G_TIME_SPAN_HOUR);

  g_assert_false (prl_training_budget_check (2, 2, now, &error));
  g_assert_error (error, PRL_TRAINING_BUDGET_ERROR,
                  PRL_TRAINING_BUDGET_ERROR_NO_CLAIMS_AVAILABLE);
  g_assert_nonnull (strstr (error->message, PRL_TRAINING_BUDGET_NO_CLAIMS_CODE));
  g_assert_nonnull (strstr (error->message, "2027-01-01"));
  g_assert_nonnull (strstr (error->message, "budget of 2 trainings"));
  g_clear_error (&error);

  g_assert_false (prl_training_budget_check (0, 0, now, &error));
  g_assert_error (error, PRL_TRAINING_BUDGET_ERROR,
                  PRL_TRAINING_BUDGET_ERROR_NO_CLAIMS_AVAILABLE);
  g_clear_error (&error);

  {
    g_autoptr (GDateTime) mid = at (tz, 2026, 2, 14, 12);
    g_autoptr (GDateTime) next = prl_training_budget_renews (mid);

    g_assert_false (prl_training_budget_check (1, 1, mid, &error));
    g_assert_nonnull (strstr (error->message, "2026-03-01"));
    g_assert_nonnull (strstr (error->message, "budget of 1 training a month"));
    g_assert_cmpint (g_date_time_get_month (next), ==, 3);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/training-budget/count", test_count);
  g_test_add_func ("/training-budget/left-and-check", test_left_and_check);
  return g_test_run ();
}
