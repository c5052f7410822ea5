/* test-accounts-connection.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "prl-accounts-page.h"
#include "prl-cloud-account-test.h"
#include "prl-gui-test-util.h"

#include "../cloud/keyring-session.h"
#include "../test-util.h"

/* Test Connection on the Accounts page against the real S3 server of the
 * cloud-s3 suite (build-aux/s3-server.sh) and a private gnome-keyring: the
 * row's button shows a spinner, then the outcome under the row with an
 * accessible label; closing the page while a test runs cancels it and
 * leaves no test object behind. Skipped without PRL_TEST_S3_ENDPOINT
 * unless PRL_TEST_REQUIRE_S3=1. */

#define CHILD_ENV "PRL_TEST_ACCOUNTS_CONNECTION_KEYRING"

static const char *endpoint;
static char       *bucket;

/* Buckets are made with boto3, a client independent of Parlance's. */
static void
boto3 (const char *code)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c", code, NULL };
  int         status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static const char S3_CLIENT[]
    = "import os, sys, boto3\n"
      "from botocore.config import Config\n"
      "s3 = boto3.client('s3', endpoint_url=os.environ['PRL_TEST_S3_ENDPOINT'],\n"
      "  region_name=os.environ.get('PRL_TEST_S3_REGION', 'us-east-1'),\n"
      "  aws_access_key_id=os.environ['PRL_TEST_S3_ACCESS_KEY'],\n"
      "  aws_secret_access_key=os.environ['PRL_TEST_S3_SECRET_KEY'],\n"
      "  config=Config(s3={'addressing_style': 'path'}))\n";

static void
add_account (PrlCloudAccounts *accounts, const char *name, const char *bucket_name)
{
  g_autoptr (PrlCloudAccount) a = prl_cloud_account_new ("aws", name);
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (
      g_getenv ("PRL_TEST_S3_ACCESS_KEY"), g_getenv ("PRL_TEST_S3_SECRET_KEY"), NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_cloud_account_set_region (a, g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1");
  prl_cloud_account_set_bucket (a, bucket_name);
  prl_cloud_account_set_prefix (a, "gui");
  prl_cloud_account_set_endpoint (a, endpoint);
  prl_cloud_accounts_add_async (accounts, a, c, NULL, prl_test_result_cb, &result);
  g_assert_true (
      prl_cloud_accounts_add_finish (accounts, prl_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

/* The Test Connection button of the account @name's row. */
static GtkWidget *
test_button (GtkWidget *page, const char *name)
{
  g_autoptr (GPtrArray) buttons = prl_test_find_all (page, GTK_TYPE_BUTTON, NULL);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (g_object_get_data (buttons->pdata[i], "account-name"), name) == 0
        && g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Test Connection") == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static gboolean
outcome_shown (gpointer button)
{
  return gtk_widget_get_visible (g_object_get_data (button, "outcome"));
}

static void
assert_outcome (GtkWidget  *button,
                const char *name,
                const char *needle,
                const char *css_class)
{
  GtkWidget       *outcome = g_object_get_data (G_OBJECT (button), "outcome");
  GtkWidget       *spinner = g_object_get_data (G_OBJECT (button), "spinner");
  const char      *secret = g_getenv ("PRL_TEST_S3_SECRET_KEY");
  const char      *text = gtk_label_get_label (GTK_LABEL (outcome));
  g_autofree char *label = NULL;
  g_autofree char *wrong = NULL;

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, needle));
  g_assert_null (strstr (text, secret));
  g_assert_true (gtk_widget_has_css_class (outcome, css_class));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_widget_get_sensitive (button));
  /* A screen reader hears whose test it was and how it went. */
  label
      = g_strdup_printf ("Connection test of %s %s: %s", name,
                         g_str_equal (css_class, "success") ? "passed" : "failed", text);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (outcome),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (wrong);
}

static void
click_and_wait (GtkWidget *button)
{
  /* Busy at once: the keyring lookup alone is asynchronous. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (
      gtk_widget_get_visible (g_object_get_data (G_OBJECT (button), "spinner")));
  prl_test_wait_until (outcome_shown, button);
}

static void
test_rows (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "accounts.ini", NULL);
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (path);
  g_autofree char *missing = g_strdup_printf ("%s-missing", bucket);
  g_autofree char *expect_missing
      = g_strdup_printf ("The bucket “%s” does not exist", missing);
  GtkWidget *window = adw_window_new ();
  GtkWidget *page;
  GtkWidget *good;
  GtkWidget *bad;

  g_assert_true (prl_cloud_accounts_load (accounts, NULL));
  add_account (accounts, "Good", bucket);
  add_account (accounts, "Missing", missing);
  page = prl_accounts_page_new (accounts);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (50);

  good = test_button (page, "Good");
  bad = test_button (page, "Missing");
  g_assert_false (outcome_shown (good));

  click_and_wait (good);
  assert_outcome (good, "Good", "Parlance can list, write and delete objects under “gui”",
                  "success");
  g_assert_false (outcome_shown (bad));

  click_and_wait (bad);
  assert_outcome (bad, "Missing", expect_missing, "error");
  g_assert_nonnull (strstr (
      gtk_label_get_label (GTK_LABEL (g_object_get_data (G_OBJECT (bad), "outcome"))),
      "Find the bucket: "));

  /* Closing the window while a test runs cancels it: no crash, no late
   * update, and the test object is not left in the bucket. */
  g_signal_emit_by_name (good, "clicked");
  prl_test_iterate (1);
  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (2000);
  {
    g_autofree char *code
        = g_strdup_printf ("%sr = s3.list_objects_v2(Bucket='%s', Prefix='gui/')\n"
                           "sys.exit(1 if r.get('Contents') else 0)\n",
                           S3_CLIENT, bucket);

    boto3 (code);
  }
  prl_test_rm_rf (dir);
}

/* The cloud-layer call on its own: a cancelled test reports
 * G_IO_ERROR_CANCELLED, not a failed step. */
static void
test_cancelled (void)
{
  g_autoptr (PrlCloudAccount) a = prl_cloud_account_new ("aws", "Cancelled");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (
      g_getenv ("PRL_TEST_S3_ACCESS_KEY"), g_getenv ("PRL_TEST_S3_SECRET_KEY"), NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (PrlCloudAccountTestResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_cloud_account_set_region (a, g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1");
  prl_cloud_account_set_bucket (a, bucket);
  prl_cloud_account_set_endpoint (a, endpoint);
  g_cancellable_cancel (cancellable);
  result = prl_cloud_account_test_run (a, c, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char *argv[])
{
  const char *home = g_getenv (CHILD_ENV);
  int         status;

  if (!(endpoint = s3_test_endpoint (&status)))
    return status;
  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);
  if (home == NULL)
    {
      printf ("1..0 # SKIP needs dbus-run-session and gnome-keyring-daemon\n");
      return 0;
    }
  /* The outcome's accessible label is read back through GTK's test
   * accessibility backend; the suite's GTK_A11Y=none keeps none. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  bucket = g_strdup_printf ("prl-gui-acctest-%08x", g_random_int ());
  {
    g_autofree char *code
        = g_strdup_printf ("%ss3.create_bucket(Bucket='%s')\n", S3_CLIENT, bucket);

    boto3 (code);
  }

  g_test_add_func ("/accounts-connection/rows", test_rows);
  g_test_add_func ("/accounts-connection/cancelled", test_cancelled);
  status = g_test_run ();
  prl_test_rm_rf (home);
  g_free (bucket);
  return status;
}
