/* test-transcribe-account-gui.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "prl-account-models-window.h"
#include "prl-cloud-account-store.h"
#include "prl-gui-test-util.h"
#include "prl-models-page.h"
#include "prl-store-versions.h"
#include "prl-transcribe-account.h"
#include "prl-upgrade-banner.h"
#include "prl-version-ops.h"
#include "prl-versions-view.h"

#include "../cloud/keyring-session.h"

/* The Language Models window of an AWS account and the versions' badges,
 * against the Transcribe stand-in (tests/cloud/transcribe-server.py, two
 * models a page) with the account's keys in a private gnome-keyring:
 * every model is listed (through every page), with its upgrade offer and
 * whether the workspace has it; Import and Import All make models with
 * versions; an unknown account shows its error page. The versions list
 * shows "Upgrade available" and "Deleted on the service" after asking the
 * service, and the details page's banner follows the model's offer.
 * Deleting a whole model says first that its language models go on the
 * service, and deletes them there.
 * argv[1] is transcribe-server.py. No S3 server is needed: nothing here
 * reads training data. */

#define CHILD_ENV "PRL_TEST_TRANSCRIBE_ACCOUNT_GUI_KEYRING"
#define KEY "AKIAGUITESTACCOUNT01"
#define SECRET "gui-test-secret-not-a-real-key-0123456789"

static char        *standin_endpoint;
static GSubprocess *server;

static void
standin_post (const char *path, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strconcat (standin_endpoint, path, NULL);
  const char      *argv[]
      = { "/usr/bin/python3",
          "-c",
          "import sys, urllib.request\n"
          "r = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(),"
          " method='POST')\n"
          "urllib.request.urlopen(r, timeout=30).read()\n",
          url,
          json,
          NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
add_elsewhere (const char *name, const char *base, gint64 created, gboolean upgrade)
{
  g_autofree char *json = g_strdup_printf (
      "{\"AccountId\": \"111122223333\", \"ModelName\": \"%s\", \"LanguageCode\": "
      "\"en-US\", \"BaseModelName\": \"%s\", \"S3Uri\": \"s3://b/k\", "
      "\"DataAccessRoleArn\": \"arn:aws:iam::111122223333:role/R\", \"CreateTime\": "
      "%" G_GINT64_FORMAT ", \"UpgradeAvailability\": %s}",
      name, base, created, upgrade ? "true" : "false");

  standin_post ("/_standin/add-model", json);
}

static void
start_standin (const char *script, const char *dir)
{
  g_autofree char *accounts = g_build_filename (dir, "accounts.json", NULL);
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autofree char *port = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (accounts,
                                      "[{\"AccessKeyId\": \"" KEY
                                      "\", \"SecretAccessKey\": \"" SECRET
                                      "\", \"AccountId\": \"111122223333\"}]",
                                      -1, &error));
  server = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/usr/bin/python3", script, "--accounts",
      accounts, "--port-file", port_file, "--page-cap", "2", "--exit-with-parent", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && !g_file_test (port_file, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_assert_true (g_file_get_contents (port_file, &port, NULL, &error));
  g_strstrip (port);
  standin_endpoint = g_strdup_printf ("http://127.0.0.1:%s", port);
  g_setenv ("PARLANCE_TEST_TRANSCRIBE_ENDPOINT", standin_endpoint, TRUE);
}

static void
add_account (void)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (PrlCloudAccount) a = prl_cloud_account_new ("aws", "aws");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY, SECRET, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (prl_cloud_accounts_load (accounts, &error));
  prl_cloud_account_set_region (a, "us-east-1");
  prl_cloud_account_set_bucket (a, "prl-gui-models");
  prl_cloud_account_set_role_arn (a, "arn:aws:iam::111122223333:role/TranscribeData");
  prl_cloud_accounts_add_async (accounts, a, c, NULL, prl_test_result_cb, &result);
  g_assert_true (
      prl_cloud_accounts_add_finish (accounts, prl_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static gboolean
window_loaded (gpointer window)
{
  return !prl_account_models_window_is_loading (window);
}

static GtkWidget *
row_of (GtkWidget *window, const char *name)
{
  GtkWidget *row = prl_test_find_named (window, ADW_TYPE_ACTION_ROW, name);

  g_assert_nonnull (row);
  return row;
}

/* Whether @row shows a label that says @text. */
static gboolean
shows (GtkWidget *row, const char *text)
{
  g_autoptr (GPtrArray) labels = prl_test_find_all (row, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_visible (labels->pdata[i])
        && g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static void
click_import (GtkWidget *window, const char *name)
{
  GtkWidget *row = row_of (window, name);
  g_autoptr (GPtrArray) buttons = prl_test_find_all (row, GTK_TYPE_BUTTON, NULL);

  g_assert_cmpuint (buttons->len, ==, 1);
  /* "clicked" at once: activate() clicks only after its press animation. */
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  prl_test_wait_until (window_loaded, window);
}

static void
test_window (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) ws = prl_test_open_workspace (dir);
  GtkWidget *window = prl_account_models_window_new (ws, "aws");
  GtkWidget *import_all;
  PrlModel  *beta;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  prl_test_wait_until (window_loaded, window);
  g_assert_cmpstr (
      prl_account_models_window_get_page (PRL_ACCOUNT_MODELS_WINDOW (window)), ==,
      "list");
  /* Three models at two a page: all of them. */
  rows = prl_test_find_all (window, ADW_TYPE_ACTION_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (shows (row_of (window, "beta-20250101T000000Z"), "Upgrade available"));
  g_assert_false (shows (row_of (window, "alpha"), "Upgrade available"));
  g_assert_nonnull (prl_test_label_containing (row_of (window, "alpha"), "WideBand"));

  click_import (window, "alpha");
  g_assert_nonnull (prl_workspace_find_model (ws, "alpha"));
  g_assert_true (shows (row_of (window, "alpha"), "In the workspace: alpha"));

  import_all = prl_test_template_child (window, PRL_TYPE_ACCOUNT_MODELS_WINDOW,
                                        "import_all_button");
  g_assert_true (gtk_widget_get_sensitive (import_all));
  g_signal_emit_by_name (import_all, "clicked");
  prl_test_wait_until (window_loaded, window);
  g_assert_false (gtk_widget_get_sensitive (import_all));
  beta = prl_workspace_find_model (ws, "beta");
  g_assert_nonnull (beta);
  g_assert_cmpstr (prl_model_get_account (beta), ==, "aws");
  versions = prl_store_list_versions_sync (prl_workspace_get_store (ws),
                                           prl_model_get_id (beta), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_true (
      shows (row_of (window, "beta-20250201T000000Z"), "In the workspace: beta"));
  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_clear_object (&ws);
  prl_test_rm_rf (dir);
}

static void
test_unknown_account (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) ws = prl_test_open_workspace (dir);
  GtkWidget *window = prl_account_models_window_new (ws, "nosuch");

  prl_test_wait_until (window_loaded, window);
  g_assert_cmpstr (
      prl_account_models_window_get_page (PRL_ACCOUNT_MODELS_WINDOW (window)), ==,
      "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (prl_test_template_child (
                                window, PRL_TYPE_ACCOUNT_MODELS_WINDOW, "error_page")),
                            "no cloud account named “nosuch”"));
  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_clear_object (&ws);
  prl_test_rm_rf (dir);
}

/* Clicks the Delete button of the version row titled @name. */
static void
click_trash (GtkWidget *view, const char *name)
{
  g_autoptr (GPtrArray) rows = prl_test_find_all (view, ADW_TYPE_ACTION_ROW, NULL);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), name) == 0)
      {
        g_autoptr (GPtrArray) buttons
            = prl_test_find_all (rows->pdata[i], GTK_TYPE_BUTTON, NULL);

        g_assert_cmpuint (buttons->len, ==, 1);
        g_signal_emit_by_name (buttons->pdata[0], "clicked");
        return;
      }
  g_assert_not_reached ();
}

static gboolean
one_version_left (gpointer ws)
{
  PrlModel *gamma = prl_workspace_find_model (ws, "gamma");
  g_autoptr (GPtrArray) versions = prl_store_list_versions_sync (
      prl_workspace_get_store (ws), prl_model_get_id (gamma), NULL);

  return versions != NULL && versions->len == 1;
}

static gboolean
versions_shown (gpointer view)
{
  return prl_test_label_containing (view, "Deleted on the service") != NULL;
}

/* The versions list and the banner of an imported model. */
static void
test_badges (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) ws = prl_test_open_workspace (dir);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  const char *names[] = { "gamma-20250101T000000Z", "gamma-20250201T000000Z", NULL };
  GtkWidget  *window = gtk_window_new ();
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget  *banner = prl_upgrade_banner_new ();
  GtkWidget  *view = prl_versions_view_new ();
  AdwMessageDialog *confirm;
  PrlModel         *gamma;

  add_elsewhere ("gamma-20250101T000000Z", "WideBand", 1735689600, FALSE);
  add_elsewhere ("gamma-20250201T000000Z", "WideBand", 1738368000, TRUE);
  prl_transcribe_account_import_async (ws, "aws", names, NULL, prl_test_result_cb,
                                       &result);
  models = prl_transcribe_account_import_finish (ws, prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  gamma = prl_workspace_find_model (ws, "gamma");
  g_assert_true (prl_model_get_upgrade_available (gamma));

  gtk_box_append (GTK_BOX (box), banner);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  prl_upgrade_banner_set_workspace (PRL_UPGRADE_BANNER (banner), ws);
  prl_upgrade_banner_set_model (PRL_UPGRADE_BANNER (banner), gamma);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_nonnull (prl_test_label_containing (banner, "Upgrade available"));

  /* The Custom Models list shows the offer beside the status. */
  {
    GtkWidget *list_window = gtk_window_new ();
    GtkWidget *page = prl_models_page_new ();

    gtk_window_set_default_size (GTK_WINDOW (list_window), 1000, 600);
    gtk_window_set_child (GTK_WINDOW (list_window), page);
    prl_models_page_set_workspace (PRL_MODELS_PAGE (page), ws);
    gtk_window_present (GTK_WINDOW (list_window));
    prl_test_iterate (200);
    g_assert_cmpuint (prl_test_count_labels_containing (page, "Upgrade available"), ==,
                      1);
    gtk_window_destroy (GTK_WINDOW (list_window));
  }

  /* Deleted elsewhere: the view asks the service when the model is set. */
  standin_post ("/_standin/delete-model", "{\"ModelName\": \"gamma-20250101T000000Z\"}");
  prl_versions_view_set_workspace (PRL_VERSIONS_VIEW (view), ws);
  prl_versions_view_set_model (PRL_VERSIONS_VIEW (view), gamma);
  prl_test_wait_until (versions_shown, view);
  g_assert_true (shows (view, "Upgrade available"));
  g_assert_true (shows (view, "Deleted on the service"));

  /* The offer is withdrawn (the service's newer version got it): the
   * banner goes once the versions are asked about again. */
  standin_post ("/_standin/set-model",
                "{\"ModelName\": \"gamma-20250201T000000Z\", \"UpgradeAvailability\": "
                "false}");
  g_clear_object (&result);
  prl_workspace_refresh_versions_async (ws, gamma, NULL, prl_test_result_cb, &result);
  g_clear_pointer (&models, g_ptr_array_unref);
  models
      = prl_workspace_refresh_versions_finish (ws, prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  prl_test_iterate (50);
  g_assert_false (prl_model_get_upgrade_available (gamma));
  g_assert_false (gtk_widget_get_visible (banner));
  g_assert_false (shows (view, "Upgrade available"));

  /* Delete asks first and says that the service's model goes too; a
   * MEMBER is told no before anything is asked. */
  prl_test_set_role (ws, PRL_ROLE_MEMBER);
  click_trash (view, "gamma-20250201T000000Z");
  prl_test_iterate (50);
  g_assert_false (prl_test_message_dialog_shown (NULL));
  prl_test_set_role (ws, PRL_ROLE_ORGADMIN);
  click_trash (view, "gamma-20250201T000000Z");
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  confirm = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm),
                            "also deleted on the service, in the account “aws”"));
  adw_message_dialog_response (confirm, "delete");
  prl_test_wait_until (one_version_left, ws);
  g_clear_object (&result);
  prl_transcribe_account_list_async (NULL, "aws", NULL, prl_test_result_cb, &result);
  g_clear_pointer (&models, g_ptr_array_unref);
  models = prl_transcribe_account_list_finish (prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < models->len; i++)
    g_assert_false (g_str_has_prefix (
        ((PrlTranscribeAccountModel *)g_ptr_array_index (models, i))->remote->name,
        "gamma-"));

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_clear_object (&ws);
  prl_test_rm_rf (dir);
}

static gboolean
delta_deleted (gpointer ws)
{
  return prl_workspace_find_model (ws, "delta") == NULL;
}

/* The Custom Models list's Delete of a whole Transcribe model: the
 * confirmation says that its language models go on the service, in which
 * account, and confirming deletes each of them there (DeleteLanguageModel),
 * then the model here. */
static void
test_delete_model (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) ws = prl_test_open_workspace (dir);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GPtrArray) buttons = NULL;
  g_autoptr (GError) error = NULL;
  const char *names[] = { "delta-20250101T000000Z", "delta-20250201T000000Z", NULL };
  GtkWidget  *window = gtk_window_new ();
  GtkWidget  *page = prl_models_page_new ();
  GtkWidget  *button = NULL;
  GtkWindow  *confirm;
  const char *body;

  add_elsewhere ("delta-20250101T000000Z", "WideBand", 1735689600, FALSE);
  add_elsewhere ("delta-20250201T000000Z", "WideBand", 1738368000, FALSE);
  prl_transcribe_account_import_async (ws, "aws", names, NULL, prl_test_result_cb,
                                       &result);
  models = prl_transcribe_account_import_finish (ws, prl_test_wait_for (&result), &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (window), page);
  prl_models_page_set_workspace (PRL_MODELS_PAGE (page), ws);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (200);
  buttons = prl_test_find_all (page, GTK_TYPE_BUTTON, "delete-button");
  /* Each row's buttons sit in the same column-view row as its name. */
  for (guint i = 0; i < buttons->len && button == NULL; i++)
    if (prl_test_find_label (gtk_widget_get_parent (gtk_widget_get_parent (
                                 gtk_widget_get_parent (buttons->pdata[i]))),
                             "delta")
        != NULL)
      button = buttons->pdata[i];
  g_assert_nonnull (button);

  gtk_widget_activate (button);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  confirm = prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm));
  g_assert_nonnull (strstr (body, "its language models are deleted on the service, in "
                                  "the account “aws”"));
  g_assert_nonnull (strstr (body, "can no longer transcribe anywhere"));
  prl_test_click_button_labelled (GTK_WIDGET (confirm), "_Delete");
  prl_test_wait_until (delta_deleted, ws);

  g_clear_object (&result);
  prl_transcribe_account_list_async (NULL, "aws", NULL, prl_test_result_cb, &result);
  g_clear_pointer (&models, g_ptr_array_unref);
  models = prl_transcribe_account_list_finish (prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, >, 0);
  for (guint i = 0; i < models->len; i++)
    g_assert_false (g_str_has_prefix (
        ((PrlTranscribeAccountModel *)g_ptr_array_index (models, i))->remote->name,
        "delta-"));

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_clear_object (&ws);
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  const char      *home = g_getenv (CHILD_ENV);
  g_autofree char *tmp = NULL;
  int              status;

  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);
  if (home == NULL)
    {
      printf ("1..0 # SKIP needs dbus-run-session and gnome-keyring-daemon\n");
      return 0;
    }
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;
  g_assert_cmpint (argc, >=, 2);
  /* What src/providers does in the app: aws-transcribe's version
   * operations (refresh, delete, upgrade). */
  prl_transcribe_account_register ();
  tmp = prl_test_make_tmpdir ();
  start_standin (argv[1], tmp);
  add_account ();
  add_elsewhere ("alpha", "WideBand", 1700000000, FALSE);
  add_elsewhere ("beta-20250101T000000Z", "NarrowBand", 1735689600, TRUE);
  add_elsewhere ("beta-20250201T000000Z", "NarrowBand", 1738368000, FALSE);

  g_test_add_func ("/transcribe-account-gui/window", test_window);
  g_test_add_func ("/transcribe-account-gui/unknown-account", test_unknown_account);
  g_test_add_func ("/transcribe-account-gui/badges", test_badges);
  g_test_add_func ("/transcribe-account-gui/delete-model", test_delete_model);
  status = g_test_run ();
  g_subprocess_force_exit (server);
  prl_test_rm_rf (tmp);
  prl_test_rm_rf (home);
  return status;
}
