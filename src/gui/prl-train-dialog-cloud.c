/* prl-train-dialog-cloud.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-train-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-training-budget.h"

#include "prl-train-dialog-private.h"

/* The words of the Train dialog for a model that trains on the provider's
 * side (Amazon Transcribe): where its text goes, that the service trains
 * for hours, and the account's monthly training budget. Kept apart from
 * the widget so that the text is tested without a store or a network.
 */

/**
 * _prl_train_dialog_destination:
 * @account: the model's cloud account
 *
 * Returns: (transfer full): where the datasets go,
 *   `s3://BUCKET/PREFIX/blobs/` (the upload's content-addressed keys)
 */
char *
_prl_train_dialog_destination (PrlCloudAccount *account)
{
  g_autofree char *prefix = g_strdup (prl_cloud_account_get_prefix (account));
  gsize            len = prefix != NULL ? strlen (prefix) : 0;

  while (len > 0 && prefix[len - 1] == '/')
    prefix[--len] = '\0';
  return g_strconcat ("s3://", prl_cloud_account_get_bucket (account), "/",
                      len > 0 ? prefix : "", len > 0 ? "/" : "", "blobs/", NULL);
}

/**
 * _prl_train_dialog_cloud_summary:
 * @n_files: the text files that will be uploaded
 * @n_bytes: their size
 *
 * Returns: (transfer full): what is uploaded, and where to
 */
char *
_prl_train_dialog_cloud_summary (const char      *model_name,
                                 PrlCloudAccount *account,
                                 guint            n_files,
                                 guint64          n_bytes)
{
  g_autofree char *size = g_format_size (n_bytes);
  g_autofree char *where = _prl_train_dialog_destination (account);

  /* Translators: a model name, a number of files, their size (“1.2 MB”),
   * an s3:// address and a cloud account's name */
  return g_strdup_printf (
      g_dngettext (NULL,
                   "“%s” will upload %u text file (%s) to %s in the account “%s”, "
                   "unless the bucket already has it, then ask Amazon Transcribe to "
                   "train a custom language model from it.",
                   "“%s” will upload %u text files (%s) to %s in the account “%s”, "
                   "unless the bucket already has them, then ask Amazon Transcribe to "
                   "train a custom language model from them.",
                   n_files),
      model_name, n_files, size, where, prl_cloud_account_get_name (account));
}

/**
 * _prl_train_dialog_cloud_estimate:
 *
 * Returns: how long it takes and where it runs
 */
const char *
_prl_train_dialog_cloud_estimate (void)
{
  return _ ("Training runs on Amazon’s side and typically takes hours. Parlance "
            "follows it in the jobs list, also after you close and reopen the app, and "
            "the new version appears when Amazon is done.");
}

/**
 * _prl_train_dialog_budget_text:
 * @budget: the account's trainings a month, or %PRL_TRAINING_BUDGET_UNLIMITED
 * @n_started: trainings of the account started this month
 *
 * Returns: (transfer full): how much of the budget is used and left
 */
char *
_prl_train_dialog_budget_text (const char *account, int budget, guint n_started)
{
  int left = prl_training_budget_left (budget, n_started);

  if (budget == PRL_TRAINING_BUDGET_UNLIMITED)
    /* Translators: %s is a cloud account's name; %u the trainings this month */
    return g_strdup_printf (
        g_dngettext (NULL,
                     "Training budget: the account “%s” has no monthly limit (%u "
                     "training started this month).",
                     "Training budget: the account “%s” has no monthly limit (%u "
                     "trainings started this month).",
                     n_started),
        account, n_started);
  /* Translators: a cloud account's name, the trainings used, the budget a
   * month, then how many are left, e.g. “2 of 5 trainings used this month,
   * 3 left” */
  return g_strdup_printf (
      g_dngettext (
          NULL, "Training budget of “%s”: %u of %d training used this month, %d left.",
          "Training budget of “%s”: %u of %d trainings used this month, %d left.",
          budget),
      account, MIN (n_started, (guint)budget), budget, left);
}
