/* prl-training-budget.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-training-budget"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-remote-job.h"
#include "prl-training-budget.h"

/* The console's training credits: an account may start a number of cloud
 * trainings per calendar month (local time), counted from the trainings
 * recorded in `remote_jobs`. Pure functions of their arguments, so the
 * train path decides before any request and tests choose the clock.
 */

G_DEFINE_QUARK (PrlTrainingBudgetErrorQuark, prl_training_budget_error)

static gboolean
same_month (GDateTime *a, GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_month (a) == g_date_time_get_month (b);
}

/**
 * prl_training_budget_count_started:
 * @records: (element-type PrlRemoteJobRecord): rows of `remote_jobs`
 * @kind: the remote-job kind of the provider's trainings
 * @account: the account's name
 * @now: the current time
 *
 * Counts the trainings of @kind on @account created in @now's month in
 * @now's time zone. A training spends its claim when it starts, so failed
 * ones count; only those the user cancelled before anything was sent
 * (status cancelled) do not.
 *
 * Returns: the number of trainings started this month
 */
guint
prl_training_budget_count_started (GPtrArray  *records,
                                   const char *kind,
                                   const char *account,
                                   GDateTime  *now)
{
  g_autofree char *wanted = NULL;
  guint            n = 0;

  g_return_val_if_fail (records != NULL, 0);
  g_return_val_if_fail (kind != NULL && account != NULL && now != NULL, 0);

  wanted = g_utf8_casefold (account, -1);

  for (guint i = 0; i < records->len; i++)
    {
      const PrlRemoteJobRecord *r = g_ptr_array_index (records, i);
      g_autoptr (GDateTime) utc = NULL;
      g_autoptr (GDateTime) created = NULL;
      g_autofree char *folded = NULL;

      if (g_strcmp0 (r->kind, kind) != 0 || r->status == PRL_REMOTE_JOB_CANCELLED)
        continue;
      /* Account names are unique without regard to case. */
      if (r->account == NULL)
        continue;
      folded = g_utf8_casefold (r->account, -1);
      if (strcmp (folded, wanted) != 0)
        continue;
      utc = g_date_time_new_from_unix_utc (r->created / G_USEC_PER_SEC);
      if (utc == NULL)
        continue;
      created = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
      if (created != NULL && same_month (created, now))
        n++;
    }
  return n;
}

/**
 * prl_training_budget_renews:
 * @now: the current time
 *
 * Returns: (transfer full): midnight of the first day of the month after
 *   @now's, in @now's time zone
 */
GDateTime *
prl_training_budget_renews (GDateTime *now)
{
  int year, month;

  g_return_val_if_fail (now != NULL, NULL);

  year = g_date_time_get_year (now);
  month = g_date_time_get_month (now) + 1;
  if (month > 12)
    {
      month = 1;
      year++;
    }
  return g_date_time_new (g_date_time_get_timezone (now), year, month, 1, 0, 0, 0);
}

/**
 * prl_training_budget_left:
 * @budget: trainings a month, or %PRL_TRAINING_BUDGET_UNLIMITED
 * @n_started: trainings started this month
 *
 * Returns: how many more may start this month (never below 0), or
 *   %PRL_TRAINING_BUDGET_UNLIMITED
 */
int
prl_training_budget_left (int budget, guint n_started)
{
  if (budget < 0)
    return PRL_TRAINING_BUDGET_UNLIMITED;
  return n_started >= (guint)budget ? 0 : budget - (int)n_started;
}

/**
 * prl_training_budget_check:
 * @budget: the account's trainings a month, or %PRL_TRAINING_BUDGET_UNLIMITED
 * @n_started: trainings started this month
 *   (prl_training_budget_count_started())
 * @now: the current time; the budget renews at the start of its next month
 * @error: set to %PRL_TRAINING_BUDGET_ERROR_NO_CLAIMS_AVAILABLE when none
 *   is left
 *
 * Returns: whether one more training may start
 */
gboolean
prl_training_budget_check (int budget, guint n_started, GDateTime *now, GError **error)
{
  g_autoptr (GDateTime) renews = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (now != NULL, FALSE);

  if (prl_training_budget_left (budget, n_started) != 0)
    return TRUE;

  renews = prl_training_budget_renews (now);
  /* Translators: a date, as in "renews on 2026-01-01" */
  when = g_date_time_format (renews, "%Y-%m-%d");
  g_set_error (error, PRL_TRAINING_BUDGET_ERROR,
               PRL_TRAINING_BUDGET_ERROR_NO_CLAIMS_AVAILABLE,
               ngettext ("No training left this month (no-claims-available): the "
                         "account’s budget of %d training a month is spent. It renews "
                         "on %s; raise the budget in Preferences → Accounts to train "
                         "sooner.",
                         "No training left this month (no-claims-available): the "
                         "account’s budget of %d trainings a month is spent. It renews "
                         "on %s; raise the budget in Preferences → Accounts to train "
                         "sooner.",
                         budget),
               budget, when);
  return FALSE;
}
