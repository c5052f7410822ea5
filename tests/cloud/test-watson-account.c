/* test-watson-account.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Watson base-model rules Parlance applies without the service: the
 * base proposed for a language and band, the languages of a list, which
 * bases are next-generation, and the refusals of
 * prl_watson_account_list_base_models_async() and
 * prl_watson_client_new_for_account() before any request. The calls to
 * the service are tested against the stand-in by test-cli-accounts-ibm
 * and test-watson-gui. */

#include "config.h"

#include <glib/gstdio.h>

#include "prl-watson-account.h"
#include "../test-util.h"

static PrlWatsonBaseModel *
base (const char *name, const char *language, guint rate, gboolean custom)
{
  PrlWatsonBaseModel *model = g_new0 (PrlWatsonBaseModel, 1);

  model->name = g_strdup (name);
  model->language = g_strdup (language);
  model->rate = rate;
  model->custom_language_model = custom;
  return model;
}

static GPtrArray *
catalogue (void)
{
  GPtrArray *models
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_watson_base_model_free);

  g_ptr_array_add (models, base ("fr-FR_BroadbandModel", "fr-FR", 16000, TRUE));
  g_ptr_array_add (models, base ("en-US_NarrowbandModel", "en-US", 8000, TRUE));
  g_ptr_array_add (models, base ("en-US_Telephony", "en-US", 8000, TRUE));
  g_ptr_array_add (models, base ("en-US_Multimedia", "en-US", 16000, TRUE));
  g_ptr_array_add (models, base ("en-US_BroadbandModel", "en-US", 16000, TRUE));
  g_ptr_array_add (models, base ("de-DE_Multimedia", "de-DE", 16000, TRUE));
  g_ptr_array_add (models, base ("ja-JP_Custom8k", "ja-JP", 8000, TRUE));
  g_ptr_array_add (models, base ("ja-JP_Other", "ja-JP", 0, TRUE));
  return models;
}

static const char *
proposed (GPtrArray *models, const char *language, gboolean narrow)
{
  PrlWatsonBaseModel *model = prl_watson_base_models_propose (models, language, narrow);

  return model != NULL ? model->name : NULL;
}

static void
test_propose (void)
{
  g_autoptr (GPtrArray) models = catalogue ();

  /* Next generation first, whatever the order of the list. */
  g_assert_cmpstr (proposed (models, "en-US", TRUE), ==, "en-US_Telephony");
  g_assert_cmpstr (proposed (models, "en-US", FALSE), ==, "en-US_Multimedia");
  /* Previous generation when that is all there is. */
  g_assert_cmpstr (proposed (models, "fr-FR", FALSE), ==, "fr-FR_BroadbandModel");
  /* Otherwise by rate; a base without a rate is never proposed. */
  g_assert_cmpstr (proposed (models, "ja-JP", TRUE), ==, "ja-JP_Custom8k");
  g_assert_null (proposed (models, "ja-JP", FALSE));
  /* Nothing for the band or the language: none, not a wrong one. */
  g_assert_null (proposed (models, "de-DE", TRUE));
  g_assert_null (proposed (models, "fr-FR", TRUE));
  g_assert_null (proposed (models, "ko-KR", FALSE));
  g_assert_null (proposed (models, NULL, FALSE));

  /* The previous generation stays usable without the next one. */
  g_ptr_array_remove_index (models, 2);
  g_assert_cmpstr (proposed (models, "en-US", TRUE), ==, "en-US_NarrowbandModel");
}

static void
test_languages (void)
{
  g_autoptr (GPtrArray) models = catalogue ();
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  g_auto (GStrv) languages = prl_watson_base_models_languages (models);
  g_auto (GStrv) none = prl_watson_base_models_languages (empty);
  g_auto (GStrv) null = prl_watson_base_models_languages (NULL);
  const char *const expected[] = { "de-DE", "en-US", "fr-FR", "ja-JP", NULL };

  g_assert_true (g_strv_equal ((const char *const *)languages, expected));
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (null), ==, 0);
}

static void
test_generation (void)
{
  g_assert_true (prl_watson_base_model_is_next_generation ("en-US_Telephony"));
  g_assert_true (prl_watson_base_model_is_next_generation ("en-WW_Medical_Telephony"));
  g_assert_true (prl_watson_base_model_is_next_generation ("de-DE_Multimedia"));
  g_assert_false (prl_watson_base_model_is_next_generation ("en-US_BroadbandModel"));
  g_assert_false (prl_watson_base_model_is_next_generation ("en-US_NarrowbandModel"));
  g_assert_false (
      prl_watson_base_model_is_next_generation ("en-US_ShortForm_NarrowbandModel"));
}

static void
test_refusals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prl-watson-account-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "accounts.ini", NULL);
  g_autoptr (PrlCloudAccounts) accounts = NULL;
  g_autoptr (PrlCloudAccount) ibm = prl_cloud_account_new ("ibm", "w");
  g_autoptr (PrlCloudAccount) aws = prl_cloud_account_new ("aws", "a");
  g_autoptr (PrlCloudCredentials) key = prl_cloud_credentials_new_apikey ("k3y");
  g_autoptr (PrlCloudCredentials) aws_keys
      = prl_cloud_credentials_new ("AKIAEXAMPLE", "secret", NULL);
  g_autoptr (PrlHttpClient) http = prl_http_client_new ();
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (
      path, "[a]\nKind=aws\nRegion=us-east-1\nBucket=parlance-data\n", -1, NULL));
  accounts = prl_cloud_accounts_new (path);
  g_assert_true (prl_cloud_accounts_load (accounts, NULL));

  prl_watson_account_list_base_models_async (accounts, "nobody", TRUE, NULL,
                                             store_result_cb, &result);
  models
      = prl_watson_account_list_base_models_finish (accounts, wait_for (&result), &error);
  g_assert_null (models);
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no cloud account named “nobody”"));
  g_clear_error (&error);
  g_clear_object (&result);

  prl_watson_account_list_base_models_async (accounts, "a", TRUE, NULL, store_result_cb,
                                             &result);
  models
      = prl_watson_account_list_base_models_finish (accounts, wait_for (&result), &error);
  g_assert_null (models);
  g_assert_nonnull (strstr (error->message, "not an IBM Cloud account"));
  g_clear_error (&error);

  /* A client needs a valid IBM account and its API key. */
  client = prl_watson_client_new_for_account (http, ibm, key, &error);
  g_assert_null (client);
  g_assert_nonnull (strstr (error->message, "needs the URL"));
  g_clear_error (&error);
  prl_cloud_account_set_service_url (ibm, "http://127.0.0.1:9/instances/1");
  client = prl_watson_client_new_for_account (http, ibm, aws_keys, &error);
  g_assert_null (client);
  g_assert_nonnull (strstr (error->message, "needs an API key"));
  g_clear_error (&error);
  prl_cloud_account_set_region (aws, "us-east-1");
  prl_cloud_account_set_bucket (aws, "parlance-data");
  client = prl_watson_client_new_for_account (http, aws, key, &error);
  g_assert_null (client);
  g_assert_nonnull (strstr (error->message, "not an IBM Cloud account"));
  g_clear_error (&error);
  client = prl_watson_client_new_for_account (http, ibm, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prl_watson_client_get_service_url (client), ==,
                   "http://127.0.0.1:9/instances/1");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/watson-account/propose", test_propose);
  g_test_add_func ("/watson-account/languages", test_languages);
  g_test_add_func ("/watson-account/generation", test_generation);
  g_test_add_func ("/watson-account/refusals", test_refusals);
  return g_test_run ();
}
