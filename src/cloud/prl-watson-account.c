/* prl-watson-account.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prl-cloud-account-test-private.h"
#include "prl-cloud-call-private.h"
#include "prl-train-job.h"
#include "prl-watson-account.h"

/* IBM Cloud accounts and Watson: a client made from an account, Test
 * Connection for IBM accounts, and the base models the New Custom Model
 * dialog offers. */

PrlWatsonClient *
_prl_watson_client_open (const char   *name,
                         gboolean      for_training,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (PrlCloudCredentials) credentials = NULL;
  g_autoptr (PrlHttpClient) http = NULL;
  PrlCloudAccount *account;

  if (!prl_cloud_accounts_load (accounts, error))
    return NULL;
  if (!(account = prl_cloud_accounts_lookup (accounts, name)))
    {
      if (for_training)
        g_set_error (
            error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
            _ ("The model trains with the cloud account “%s”, which is gone. Add "
               "it again in Preferences → Accounts."),
            name);
      else
        g_set_error (
            error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
            _ ("The model transcribes with the cloud account “%s”, which is gone. "
               "Nothing was sent; add it again in Preferences → Accounts."),
            name);
      return NULL;
    }
  if (!(credentials = prl_cloud_accounts_lookup_credentials_sync (accounts, name,
                                                                  cancellable, error)))
    return NULL;
  http = prl_http_client_new ();
  return prl_watson_client_new_for_account (http, account, credentials, error);
}

PrlWatsonClient *
prl_watson_client_new_for_account (PrlHttpClient             *http,
                                   PrlCloudAccount           *account,
                                   const PrlCloudCredentials *credentials,
                                   GError                   **error)
{
  const char *iam_url;
  gboolean    basic;

  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (account), NULL);
  g_return_val_if_fail (credentials != NULL, NULL);

  if (!prl_cloud_account_validate (account, error)
      || !prl_cloud_credentials_fit_kind (credentials, PRL_CLOUD_ACCOUNT_KIND_IBM, error)
      || !prl_cloud_account_check_kind (prl_cloud_account_get_kind (account), error))
    return NULL;
  if (strcmp (prl_cloud_account_get_kind (account), PRL_CLOUD_ACCOUNT_KIND_IBM) != 0)
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID,
                   _ ("The account “%s” is not an IBM Cloud account"),
                   prl_cloud_account_get_name (account));
      return NULL;
    }
  iam_url = prl_cloud_account_get_iam_url (account);
  basic
      = strcmp (prl_cloud_account_get_auth (account), PRL_CLOUD_ACCOUNT_AUTH_BASIC) == 0;
  return prl_watson_client_new (http, prl_cloud_account_get_service_url (account),
                                basic ? PRL_WATSON_AUTH_BASIC : PRL_WATSON_AUTH_IAM,
                                credentials->apikey, iam_url[0] ? iam_url : NULL, error);
}

static int
compare_base_models (gconstpointer a, gconstpointer b)
{
  const PrlWatsonBaseModel *ma = *(PrlWatsonBaseModel **)a;
  const PrlWatsonBaseModel *mb = *(PrlWatsonBaseModel **)b;

  return g_strcmp0 (ma->name, mb->name);
}

/* Blocks: the base models, sorted by name. */
static GPtrArray *
list_base_models_sync (PrlWatsonClient *client, GCancellable *cancellable, GError **error)
{
  GPtrArray *models;

  models
      = PRL_CLOUD_CALL (prl_watson_client, list_base_models, client, error, cancellable);
  if (models != NULL)
    g_ptr_array_sort (models, compare_base_models);
  return models;
}

/* Test Connection of an IBM account: the key is exchanged for a token
 * (IAM) and the service lists its base models; the result names those
 * that accept language customization, which are the ones Parlance can
 * build custom models on. */
PrlCloudAccountTestResult *
_prl_watson_account_test_run (PrlCloudAccount           *account,
                              const PrlCloudCredentials *credentials,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  g_autoptr (PrlCloudAccountTestResult) result = g_new0 (PrlCloudAccountTestResult, 1);
  g_autoptr (PrlHttpClient) http = _prl_cloud_account_test_http_new ();
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GPtrArray) customizable = g_ptr_array_new ();
  GError                       *local_error = NULL;
  const PrlCloudAccountTestStep step = PRL_CLOUD_ACCOUNT_TEST_MODELS;

  result->ibm = TRUE;
  client = prl_watson_client_new_for_account (http, account, credentials, error);
  if (client == NULL)
    return NULL;
  models = list_base_models_sync (client, cancellable, &local_error);
  if (models == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      result->outcome[step] = PRL_CLOUD_ACCOUNT_TEST_FAILED;
      result->message[step] = g_strdup (local_error->message);
      result->error[step] = local_error;
      /* Translators: the step, then why it failed */
      result->summary
          = g_strdup_printf (_ ("%s: %s"), prl_cloud_account_test_step_describe (step),
                             local_error->message);
      return g_steal_pointer (&result);
    }

  for (guint i = 0; i < models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i);

      if (model->custom_language_model)
        g_ptr_array_add (customizable, model->name);
    }
  g_ptr_array_add (customizable, NULL);
  result->outcome[step] = PRL_CLOUD_ACCOUNT_TEST_PASSED;
  result->message[step]
      = g_strdup_printf (ngettext ("The service lists %u base model.",
                                   "The service lists %u base models.", models->len),
                         models->len);
  if (customizable->len > 1)
    {
      g_autofree char *names = g_strjoinv (", ", (char **)customizable->pdata);

      result->summary = g_strdup_printf (
          ngettext ("Parlance can reach Watson Speech to Text. %u base model accepts "
                    "language customization: %s.",
                    "Parlance can reach Watson Speech to Text. %u base models accept "
                    "language customization: %s.",
                    customizable->len - 1),
          customizable->len - 1, names);
    }
  else
    {
      /* Reached, but nothing to build a custom model on. */
      result->outcome[step] = PRL_CLOUD_ACCOUNT_TEST_FAILED;
      g_free (result->message[step]);
      result->message[step] = g_strdup (
          _ ("None of the service’s base models accepts language customization; "
             "Parlance cannot create custom models with this instance. Check that its "
             "plan allows customization (the Lite plan does not)."));
      result->summary
          = g_strdup_printf (_ ("%s: %s"), prl_cloud_account_test_step_describe (step),
                             result->message[step]);
    }
  result->base_models = g_steal_pointer (&models);
  return g_steal_pointer (&result);
}

static void
list_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PrlCloudAccountTaskData *data = task_data;
  g_autoptr (PrlHttpClient) http = prl_http_client_new ();
  g_autoptr (PrlWatsonClient) client = NULL;
  GPtrArray *models;
  GError    *error = NULL;

  client = prl_watson_client_new_for_account (http, data->account, data->credentials,
                                              &error);
  models = client ? list_base_models_sync (client, cancellable, &error) : NULL;
  if (models == NULL)
    return g_task_return_error (task, error);
  for (guint i = models->len; GPOINTER_TO_INT (data->data) && i > 0; i--)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i - 1);

      if (!model->custom_language_model)
        g_ptr_array_remove_index (models, i - 1);
    }
  g_task_return_pointer (task, models, (GDestroyNotify)g_ptr_array_unref);
}

void
prl_watson_account_list_base_models_async (PrlCloudAccounts   *accounts,
                                           const char         *name,
                                           gboolean            customizable_only,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data)
{
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNTS (accounts));
  g_return_if_fail (name != NULL);

  _prl_cloud_account_task_run (
      accounts, name, TRUE, list_thread, GINT_TO_POINTER (customizable_only),
      prl_watson_account_list_base_models_async, cancellable, callback, user_data);
}

GPtrArray *
prl_watson_account_list_base_models_finish (PrlCloudAccounts *accounts,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, accounts), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

char **
prl_watson_base_models_languages (GPtrArray *models)
{
  g_autoptr (GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; models != NULL && i < models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i);
      gboolean            seen = FALSE;

      for (guint j = 0; j < languages->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (languages, j), model->language) == 0;
      if (!seen && model->language != NULL)
        g_ptr_array_add (languages, g_strdup (model->language));
    }
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&languages), FALSE);
}

gboolean
prl_watson_base_model_is_next_generation (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);
  return !g_str_has_suffix (name, "BroadbandModel")
         && !g_str_has_suffix (name, "NarrowbandModel");
}

static PrlWatsonBaseModel *
find_named (GPtrArray *models, const char *language, const char *suffix)
{
  g_autofree char *name = g_strconcat (language, suffix, NULL);

  for (guint i = 0; i < models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i);

      if (g_strcmp0 (model->name, name) == 0)
        return model;
    }
  return NULL;
}

/* Watson names its bases LANGUAGE_Telephony / _Multimedia (next
 * generation, the ones to prefer: IBM removed the previous generation
 * from IBM Cloud in 2023) and LANGUAGE_NarrowbandModel / _BroadbandModel
 * (previous generation, still on some Cloud Pak installations). Any other
 * base of the language goes by its sample rate, as Parlance's bands do
 * (PRL_WIDE_BAND_MIN_RATE is 16 kHz). */
PrlWatsonBaseModel *
prl_watson_base_models_propose (GPtrArray  *models,
                                const char *language,
                                gboolean    narrow_band)
{
  const char *const   narrow[] = { "_Telephony", "_NarrowbandModel" };
  const char *const   wide[] = { "_Multimedia", "_BroadbandModel" };
  PrlWatsonBaseModel *found = NULL;

  g_return_val_if_fail (models != NULL, NULL);
  if (language == NULL)
    return NULL;
  for (guint i = 0; i < 2 && found == NULL; i++)
    found = find_named (models, language, narrow_band ? narrow[i] : wide[i]);
  for (guint i = 0; i < models->len && found == NULL; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i);

      if (g_strcmp0 (model->language, language) == 0 && model->rate > 0
          && (model->rate < 16000) == narrow_band)
        found = model;
    }
  return found;
}
