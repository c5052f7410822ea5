/* test-model.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prl-core-enums.h"
#include "prl-model.h"
#include "prl-provider-info.h"

static void
test_status_nicks (void)
{
  static const char *const nicks[]
      = { "not-running", "ready-to-run", "running", "success", "failed" };

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      PrlTrainingStatus status = 99;

      g_assert_cmpstr (prl_training_status_to_nick (i), ==, nicks[i]);
      g_assert_true (prl_training_status_from_nick (nicks[i], &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (prl_training_status_get_label (i));
      g_assert_nonnull (prl_training_status_get_tooltip (i));
      g_assert_nonnull (prl_training_status_get_help (i));
    }

  g_assert_false (prl_training_status_from_nick ("Running", &(PrlTrainingStatus){ 0 }));
  g_assert_false (prl_training_status_from_nick (NULL, &(PrlTrainingStatus){ 0 }));
  g_assert_cmpstr (prl_training_status_get_label (PRL_TRAINING_STATUS_READY_TO_RUN), ==,
                   "Ready to Run");
}

static void
test_base_model (void)
{
  PrlBaseModel bm = PRL_BASE_MODEL_WIDE_BAND;

  g_assert_true (prl_base_model_from_string ("NarrowBand", &bm));
  g_assert_cmpint (bm, ==, PRL_BASE_MODEL_NARROW_BAND);
  g_assert_cmpstr (prl_base_model_to_string (PRL_BASE_MODEL_WIDE_BAND), ==, "WideBand");
  g_assert_false (prl_base_model_from_string ("narrowband", &bm));
  g_assert_false (prl_base_model_from_string ("", &bm));
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_update_from (void)
{
  g_autoptr (GDateTime) t1 = g_date_time_new_from_unix_utc (1000);
  g_autoptr (GDateTime) t2 = g_date_time_new_from_unix_utc (2000);
  const char *tags[] = { "clinic", NULL };
  g_autoptr (PrlModel) a
      = prl_model_new (7, "a", "local", "en-US", PRL_BASE_MODEL_WIDE_BAND,
                       PRL_TRAINING_STATUS_NOT_RUNNING, NULL, t1, t1);
  g_autoptr (PrlModel) b
      = prl_model_new (7, "b", "local", "en-US", PRL_BASE_MODEL_WIDE_BAND,
                       PRL_TRAINING_STATUS_SUCCESS, tags, t1, t2);
  guint n_notify = 0;

  g_signal_connect (a, "notify::name", G_CALLBACK (count_notify_cb), &n_notify);
  g_signal_connect (a, "notify::status", G_CALLBACK (count_notify_cb), &n_notify);
  g_signal_connect (a, "notify::modified", G_CALLBACK (count_notify_cb), &n_notify);
  g_signal_connect (a, "notify::provider", G_CALLBACK (count_notify_cb), &n_notify);

  prl_model_update_from (a, b);
  g_assert_cmpstr (prl_model_get_name (a), ==, "b");
  g_assert_cmpint (prl_model_get_status (a), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpstr (prl_model_get_tags (a)[0], ==, "clinic");
  g_assert_true (g_date_time_equal (prl_model_get_modified (a), t2));
  /* name, status and modified changed; provider did not. */
  g_assert_cmpuint (n_notify, ==, 3);
  g_assert_cmpint (prl_model_get_modified_unix (a), ==, 2000 * G_USEC_PER_SEC);
}

static void
test_provider_rules (void)
{
  const PrlProviderInfo *local = prl_provider_info_lookup ("local");
  const PrlProviderInfo *aws = prl_provider_info_lookup ("aws-transcribe");
  /* Transcribe's 200 characters, less the version's "-<UTC>" suffix. */
  g_autofree char *max = g_strnfill (183, 'a');
  g_autofree char *over = g_strnfill (184, 'a');
  GError          *error = NULL;
  guint            n = 0;

  g_assert_nonnull (local);
  g_assert_nonnull (aws);
  g_assert_null (prl_provider_info_lookup ("nope"));
  g_assert_nonnull (prl_provider_info_list (&n));
  g_assert_cmpuint (n, ==, 3);

  g_assert_true (prl_provider_info_is_available (local));
  g_assert_false (prl_provider_info_is_available (aws));
  g_assert_nonnull (
      strstr (prl_provider_info_get_unavailable_reason (aws), "Not set up"));
  /* Transcribe is supported once an AWS account exists, Watson once an
   * IBM Cloud account does. */
  g_assert_true (prl_provider_info_is_supported (aws));
  g_assert_cmpstr (prl_provider_info_get_account_kind (aws), ==, "aws");
  g_assert_true (prl_provider_info_is_supported (local));
  g_assert_null (prl_provider_info_get_account_kind (local));
  g_assert_true (
      prl_provider_info_is_supported (prl_provider_info_lookup ("ibm-watson")));
  g_assert_false (
      prl_provider_info_is_available (prl_provider_info_lookup ("ibm-watson")));
  g_assert_cmpstr (
      prl_provider_info_get_account_kind (prl_provider_info_lookup ("ibm-watson")), ==,
      "ibm");

  g_assert_true (prl_provider_info_supports_language (local, "en-US"));
  g_assert_false (prl_provider_info_supports_language (local, "de-DE"));
  g_assert_true (prl_provider_info_supports_language (aws, "de-DE"));
  g_assert_cmpstr (prl_language_get_display_name ("en-US"), ==, "English");
  g_assert_cmpstr (prl_language_get_display_name ("xx-YY"), ==, "xx-YY");

  g_assert_true (prl_provider_info_validate_name (aws, "Clinic_notes-2.v1", NULL));
  g_assert_true (prl_provider_info_validate_name (aws, max, NULL));

  g_assert_false (prl_provider_info_validate_name (aws, "", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_EMPTY);
  g_clear_error (&error);

  g_assert_false (prl_provider_info_validate_name (aws, over, &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "184"));
  g_clear_error (&error);

  /* The limit is said the same way for every provider: a provider's
   * display name (“On this computer”) is no subject for “allows”. */
  for (guint i = 0; i < n; i++)
    {
      const PrlProviderInfo *info = prl_provider_info_list (NULL)[i];
      g_autofree char       *longer = g_strnfill (10000, 'a');
      g_autofree char       *limit = g_strdup_printf (
                "at most %u characters", prl_provider_info_get_max_name_length (info));

      g_assert_false (prl_provider_info_validate_name (info, longer, &error));
      g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TOO_LONG);
      g_assert_nonnull (strstr (error->message, "10000 characters long"));
      g_assert_nonnull (strstr (error->message, limit));
      g_assert_null (strstr (error->message, prl_provider_info_get_display_name (info)));
      g_clear_error (&error);
    }

  /* A control character in a name is shown escaped, on one line. */
  g_assert_false (prl_provider_info_validate_name (local, "two\nlines", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, "“\\n”"));
  g_clear_error (&error);

  g_assert_false (prl_provider_info_validate_name (aws, "two words", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_assert_nonnull (strstr (error->message, "Spaces"));
  g_clear_error (&error);

  g_assert_false (prl_provider_info_validate_name (aws, "café", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_assert_nonnull (strstr (error->message, "é"));
  g_clear_error (&error);

  g_assert_false (prl_provider_info_validate_name (local, "a/b", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_clear_error (&error);

  g_assert_false (prl_provider_info_validate_name (local, "..", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_clear_error (&error);

  g_assert_false (prl_provider_info_validate_name (local, "a\xff", &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID);
  g_clear_error (&error);
}

static void
test_display_escape (void)
{
  const struct
  {
    const char *text;
    const char *shown;
  } cases[] = {
    { "clinic-notes", "clinic-notes" },
    { "café", "café" },
    { "a\nb", "a\\nb" },
    { "tab\there\r", "tab\\there\\r" },
    { "bell\a", "bell\\u0007" },
    { "del\x7f", "del\\u007F" },
    /* U+202E reverses the text that follows it. */
    { "rlo\xe2\x80\xae", "rlo\\u202E" },
    { "line\xe2\x80\xa8sep", "line\\u2028sep" },
    { "bad\xff", "bad\xef\xbf\xbd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = prl_display_escape (cases[i].text);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/status-nicks", test_status_nicks);
  g_test_add_func ("/model/base-model", test_base_model);
  g_test_add_func ("/model/update-from", test_update_from);
  g_test_add_func ("/model/provider-rules", test_provider_rules);
  g_test_add_func ("/model/display-escape", test_display_escape);

  return g_test_run ();
}
