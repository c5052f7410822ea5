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
#include "prl-watson-train.h"

#include "prl-train-dialog-private.h"

/* The words of the Train dialog for a model that trains on the provider's
 * side (Amazon Transcribe, IBM Watson): where its text goes, that the
 * service trains for minutes to hours, and the account's monthly training
 * budget. Kept apart from the widget so that the text is tested without a
 * store or a network.
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

/**
 * _prl_train_dialog_is_watson:
 *
 * Returns: whether @provider is IBM Watson, whose dialog says other words
 */
gboolean
_prl_train_dialog_is_watson (const char *provider)
{
  return g_strcmp0 (provider, PRL_WATSON_PROVIDER) == 0;
}

/**
 * _prl_train_dialog_watson_summary:
 * @n_training: the training text files, sent as corpora
 * @n_tuning: the tuning text files, which stay here
 * @n_words: the words of the training text
 * @n_bytes: the size of the training text
 *
 * Returns: (transfer full): what is sent to Watson, where to, and what
 *   becomes of the tuning text
 */
char *
_prl_train_dialog_watson_summary (const char      *model_name,
                                  PrlCloudAccount *account,
                                  guint            n_training,
                                  guint            n_tuning,
                                  guint64          n_words,
                                  guint64          n_bytes)
{
  g_autofree char *size = g_format_size (n_bytes);
  g_autofree char *words = g_strdup_printf ("%" G_GUINT64_FORMAT, n_words);
  g_autofree char *sent = NULL;
  const char      *url = prl_cloud_account_get_service_url (account);

  /* Translators: a model name, a number of files, their size (“1.2 MB”),
   * their words, the Watson instance's URL and the account's name */
  sent = g_strdup_printf (
      g_dngettext (NULL,
                   "“%s” will send %u text file (%s, %s words) as corpora to IBM "
                   "Watson Speech to Text at %s in the account “%s”, wait until Watson "
                   "has analysed it, then ask Watson to train a custom language model.",
                   "“%s” will send %u text files (%s, %s words) as corpora to IBM "
                   "Watson Speech to Text at %s in the account “%s”, wait until Watson "
                   "has analysed each, then ask Watson to train a custom language model.",
                   n_training),
      model_name, n_training, size, words, url != NULL ? url : "?",
      prl_cloud_account_get_name (account));
  if (n_tuning > 0)
    return g_strconcat (
        sent, " ",
        _ ("The tuning text is not sent: Parlance tunes the weight of the "
           "custom model (customization_weight) on it with the local "
           "engine, and sends that weight."),
        NULL);
  return g_strconcat (sent, " ",
                      _ ("With no tuning text, Watson’s default weight for the custom "
                         "model applies."),
                      NULL);
}

/**
 * _prl_train_dialog_watson_estimate:
 *
 * Returns: how long it takes and where it runs
 */
const char *
_prl_train_dialog_watson_estimate (void)
{
  return _ ("Training runs on IBM’s side and takes minutes to hours, depending on the "
            "amount of text. Parlance follows it in the jobs list, also after you close "
            "and reopen the app, and the new version appears when Watson is done.");
}
