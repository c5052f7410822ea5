/* test-accounts-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "prl-account-dialog.h"
#include "prl-accounts-page.h"
#include "prl-gui-test-util.h"
#include "prl-preferences-window.h"

#include "../cloud/keyring-session.h"

/* Preferences → Accounts and its Add dialog, against a real keyring: the
 * test runs itself again inside dbus-run-session with an unlocked
 * gnome-keyring (DESIGN.md, "The Secret Service in tests"). */

#define CHILD_ENV "PRL_TEST_ACCOUNTS_PAGE_KEYRING"
#define KEY_ID "AKIAIOSFODNN7EXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

typedef struct
{
  char             *dir;
  PrlCloudAccounts *accounts;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;

  f->dir = prl_test_make_tmpdir ();
  path = g_build_filename (f->dir, "accounts.ini", NULL);
  f->accounts = prl_cloud_accounts_new (path);
  g_assert_true (prl_cloud_accounts_load (f->accounts, NULL));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  while (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)) > 0)
    {
      g_autoptr (PrlCloudAccount) a
          = g_list_model_get_item (G_LIST_MODEL (f->accounts), 0);
      g_autoptr (GAsyncResult) result = NULL;

      prl_cloud_accounts_remove_async (f->accounts, prl_cloud_account_get_name (a), NULL,
                                       prl_test_result_cb, &result);
      g_assert_true (prl_cloud_accounts_remove_finish (
          f->accounts, prl_test_wait_for (&result), NULL));
    }
  g_clear_object (&f->accounts);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GtkEditable *
field (GtkWidget *dialog, const char *name)
{
  return GTK_EDITABLE (prl_test_template_child (dialog, PRL_TYPE_ACCOUNT_DIALOG, name));
}

static void
set (GtkWidget *dialog, const char *name, const char *text)
{
  gtk_editable_set_text (field (dialog, name), text);
  prl_test_iterate (5);
}

static gboolean
add_enabled (GtkWidget *dialog)
{
  GtkWidget *button
      = prl_test_template_child (dialog, PRL_TYPE_ACCOUNT_DIALOG, "add_button");

  return gtk_widget_get_sensitive (button);
}

static const char *
shown_reason (GtkWidget *dialog)
{
  GtkLabel *label
      = prl_test_template_child (dialog, PRL_TYPE_ACCOUNT_DIALOG, "reason_label");

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : NULL;
}

static void
assert_refused (GtkWidget *dialog, const char *needle)
{
  const char *reason = shown_reason (dialog);

  g_assert_false (add_enabled (dialog));
  if (reason == NULL || strstr (reason, needle) == NULL)
    g_error ("The reason shown is “%s”, not one with “%s”", reason ? reason : "(none)",
             needle);
  g_assert_cmpstr (prl_account_dialog_get_reason (PRL_ACCOUNT_DIALOG (dialog)), ==,
                   reason);
}

static void
fill_valid (GtkWidget *dialog, const char *name)
{
  set (dialog, "name_row", name);
  set (dialog, "key_id_row", KEY_ID);
  set (dialog, "secret_entry", SECRET);
  set (dialog, "region_row", "eu-central-1");
  set (dialog, "bucket_row", "parlance-data");
  set (dialog, "prefix_row", "lab/");
  set (dialog, "endpoint_row", "");
}

/* Whether Escape is bound on the dialog (the class's shortcuts). */
static gboolean
escape_closes (GtkWidget *dialog)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr (GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (s);
          GtkShortcutAction  *action = gtk_shortcut_get_action (s);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))
                     == GDK_KEY_Escape
              && GTK_IS_NAMED_ACTION (action)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                            "window.close")
                     == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
dialog_gone (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_ACCOUNT_DIALOG) == NULL;
}

static gboolean
has_account (gpointer accounts)
{
  return prl_cloud_accounts_lookup (accounts, "Closed") != NULL;
}

static void
test_dialog (Fixture *f, gconstpointer data)
{
  GtkWidget *dialog = prl_account_dialog_new (f->accounts);
  GtkWidget *focus;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlCloudCredentials) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;
  PrlCloudAccount *added;

  gtk_window_present (GTK_WINDOW (dialog));
  prl_test_iterate (50);

  /* Empty form: Add is off, and no field is blamed before it is typed in. */
  g_assert_false (add_enabled (dialog));
  g_assert_null (shown_reason (dialog));
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (
      focus == GTK_WIDGET (field (dialog, "name_row"))
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (field (dialog, "name_row"))));
  g_assert_true (escape_closes (dialog));

  set (dialog, "name_row", "bad/name");
  assert_refused (dialog, "may only contain");
  set (dialog, "name_row", " lead");
  assert_refused (dialog, "start or end with a space");

  fill_valid (dialog, "Lab");
  g_assert_true (add_enabled (dialog));
  g_assert_null (shown_reason (dialog));

  set (dialog, "bucket_row", "Bad_Bucket");
  assert_refused (dialog, "lowercase");
  set (dialog, "bucket_row", "ab");
  assert_refused (dialog, "3 to 63");
  set (dialog, "bucket_row", "parlance-data");
  set (dialog, "region_row", "Frankfurt");
  assert_refused (dialog, "us-east-1");
  set (dialog, "region_row", "eu-central-1");
  set (dialog, "prefix_row", "/lab");
  assert_refused (dialog, "slash");
  set (dialog, "prefix_row", "lab/");
  set (dialog, "endpoint_row", "http://s3.example.com");
  assert_refused (dialog, "https");
  set (dialog, "endpoint_row", "https://user:hunter2@s3.example.com");
  assert_refused (dialog, "user name");
  g_assert_null (strstr (shown_reason (dialog), "hunter2"));
  set (dialog, "endpoint_row", "http://127.0.0.1:7480");
  set (dialog, "secret_entry", "abc xyz");
  assert_refused (dialog, "copied whole");
  g_assert_null (strstr (shown_reason (dialog), "abc xyz"));
  set (dialog, "secret_entry", "");
  assert_refused (dialog, "needs a secret");
  set (dialog, "secret_entry", SECRET);
  set (dialog, "key_id_row", "A K");
  assert_refused (dialog, "letters and digits");
  set (dialog, "key_id_row", KEY_ID);
  set (dialog, "token_entry", "to ken");
  assert_refused (dialog, "copied whole");
  set (dialog, "token_entry", "");
  g_assert_true (add_enabled (dialog));

  /* The secret fields are password entries: not shown as typed. */
  g_assert_true (GTK_IS_PASSWORD_ENTRY (field (dialog, "secret_entry")));
  g_assert_true (GTK_IS_PASSWORD_ENTRY (field (dialog, "token_entry")));

  /* A valid form adds the account, keys in the keyring, and closes. */
  gtk_widget_activate_action (dialog, "dialog.add", NULL);
  prl_test_wait_until (dialog_gone, NULL);
  added = prl_cloud_accounts_lookup (f->accounts, "Lab");
  g_assert_nonnull (added);
  g_assert_cmpstr (prl_cloud_account_get_bucket (added), ==, "parlance-data");
  g_assert_cmpstr (prl_cloud_account_get_region (added), ==, "eu-central-1");
  g_assert_cmpstr (prl_cloud_account_get_prefix (added), ==, "lab/");
  g_assert_cmpstr (prl_cloud_account_get_endpoint (added), ==, "http://127.0.0.1:7480");
  prl_cloud_accounts_lookup_credentials_async (f->accounts, "Lab", NULL,
                                               prl_test_result_cb, &result);
  back = prl_cloud_accounts_lookup_credentials_finish (
      f->accounts, prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->secret_access_key, ==, SECRET);
  g_assert_null (back->session_token);
  g_assert_true (g_file_get_contents (prl_cloud_accounts_get_path (f->accounts), &stored,
                                      NULL, NULL));
  g_assert_null (strstr (stored, SECRET));
  g_assert_null (strstr (stored, KEY_ID));

  /* A second dialog: the name is taken, whatever its case. */
  dialog = prl_account_dialog_new (f->accounts);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_valid (dialog, "LAB");
  assert_refused (dialog, "already");

  /* Closed while adding: the account is still added. */
  set (dialog, "name_row", "Closed");
  g_assert_true (add_enabled (dialog));
  gtk_widget_activate_action (dialog, "dialog.add", NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_wait_until (has_account, f->accounts);
  prl_test_iterate (20);
}

#define ROLE_ARN "arn:aws:iam::123456789012:role/TranscribeReadsParlance"

/* The Transcribe fields: the role ARN is checked as it is typed with
 * Transcribe's own message, jobs and budget by their ranges; the added
 * account has them, and the page's row shows them. */
static void
test_transcribe_fields (Fixture *f, gconstpointer data)
{
  GtkWidget       *dialog = prl_account_dialog_new (f->accounts);
  GtkWidget       *window = adw_window_new ();
  GtkWidget       *page = prl_accounts_page_new (f->accounts);
  PrlCloudAccount *added;
  const struct
  {
    const char *row, *bad, *reason, *good;
  } cases[] = {
    { "role_arn_row", "arn:aws:s3:::parlance-data", "is not the ARN of an IAM role",
      ROLE_ARN },
    { "role_arn_row", "TranscribeRole", "arn:aws:iam::123456789012:role/NAME", ROLE_ARN },
    { "jobs_row", "0", "1 to 100", "12" },
    { "jobs_row", "101", "1 to 100", "12" },
    { "budget_row", "-2", "empty for no limit", "3" },
  };

  gtk_window_present (GTK_WINDOW (dialog));
  prl_test_iterate (50);
  fill_valid (dialog, "Speech");
  g_assert_cmpstr (gtk_editable_get_text (field (dialog, "jobs_row")), ==, "5");
  g_assert_cmpstr (gtk_editable_get_text (field (dialog, "role_arn_row")), ==, "");
  g_assert_true (add_enabled (dialog));

  /* Each bad value is refused with its message, then the good one set. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set (dialog, cases[i].row, cases[i].bad);
      assert_refused (dialog, cases[i].reason);
      set (dialog, cases[i].row, cases[i].good);
      g_assert_true (add_enabled (dialog));
      g_assert_null (shown_reason (dialog));
    }

  gtk_widget_activate_action (dialog, "dialog.add", NULL);
  /* The dialog closes once the store has added the account. */
  prl_test_wait_until (dialog_gone, NULL);
  added = prl_cloud_accounts_lookup (f->accounts, "Speech");
  g_assert_cmpstr (prl_cloud_account_get_role_arn (added), ==, ROLE_ARN);
  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (added), ==, 12);
  g_assert_cmpint (prl_cloud_account_get_training_budget (added), ==, 3);

  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (50);
  g_assert_nonnull (prl_test_label_containing (
      page, "Transcribe · " ROLE_ARN " · 12 jobs at once · 3 trainings a month"));
  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (20);
}

static gboolean
has_row (GtkWidget *page, const char *title)
{
  g_autoptr (GPtrArray) rows = prl_test_find_all (page, ADW_TYPE_ACTION_ROW, NULL);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
row_gone (gpointer page)
{
  return !has_row (page, "Old");
}

static void
test_page (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = prl_cloud_account_new ("aws", "Old");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = prl_accounts_page_new (f->accounts);
  g_autoptr (GPtrArray) buttons = NULL;
  GtkWidget        *remove = NULL;
  AdwMessageDialog *confirm;
  char             *secret;

  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (50);
  g_assert_nonnull (prl_test_find_label (page, "No accounts yet"));

  prl_cloud_account_set_region (a, "us-west-2");
  prl_cloud_account_set_bucket (a, "old-bucket");
  prl_cloud_accounts_add_async (f->accounts, a, c, NULL, prl_test_result_cb, &result);
  g_assert_true (
      prl_cloud_accounts_add_finish (f->accounts, prl_test_wait_for (&result), NULL));
  prl_test_iterate (20);
  g_assert_true (has_row (page, "Old"));
  g_assert_nonnull (prl_test_label_containing (page, "old-bucket in us-west-2"));

  /* The Add button opens the dialog over the page's window. */
  gtk_widget_activate_action (page, "accounts.add", NULL);
  prl_test_iterate (20);
  g_assert_nonnull (prl_test_find_toplevel (PRL_TYPE_ACCOUNT_DIALOG));
  gtk_window_destroy (prl_test_find_toplevel (PRL_TYPE_ACCOUNT_DIALOG));

  /* Remove asks first; cancelling keeps the account. */
  buttons = prl_test_find_all (page, GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "user-trash-symbolic")
        == 0)
      remove = buttons->pdata[i];
  g_assert_nonnull (remove);
  gtk_widget_activate (remove);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  confirm = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  prl_test_iterate (20);
  g_assert_true (has_row (page, "Old"));

  gtk_widget_activate (remove);
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  confirm = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, "delete");
  gtk_window_destroy (GTK_WINDOW (confirm));
  prl_test_wait_until (row_gone, page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 0);
  secret = secret_password_lookup_sync (
      &(const SecretSchema){ "io.github.parlance.Parlance.CloudAccount",
                             SECRET_SCHEMA_NONE,
                             { { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
                               { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
                               { NULL, 0 } } },
      NULL, NULL, "kind", "aws", "name", "Old", NULL);
  g_assert_null (secret);

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (20);
}

/* The preferences window has the page, on the user's own accounts. Its
 * pages are found through the view stack: only the shown one is in the
 * widget tree. */
static void
test_in_preferences (Fixture *f, gconstpointer data)
{
  GtkWidget *window = prl_preferences_window_new (NULL);
  g_autoptr (GPtrArray) stacks = NULL;
  g_autofree char *expected
      = g_build_filename (g_get_user_config_dir (), "parlance", "accounts.ini", NULL);
  PrlAccountsPage *found = NULL;

  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (50);
  stacks = prl_test_find_all (window, ADW_TYPE_VIEW_STACK, NULL);
  for (guint i = 0; i < stacks->len; i++)
    {
      g_autoptr (GListModel) pages
          = G_LIST_MODEL (adw_view_stack_get_pages (stacks->pdata[i]));

      for (guint j = 0; j < g_list_model_get_n_items (pages); j++)
        {
          g_autoptr (AdwViewStackPage) page = g_list_model_get_item (pages, j);
          GtkWidget *child = adw_view_stack_page_get_child (page);

          if (PRL_IS_ACCOUNTS_PAGE (child))
            found = PRL_ACCOUNTS_PAGE (child);
        }
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (found)), ==,
                   "Accounts");
  g_assert_cmpstr (prl_cloud_accounts_get_path (prl_accounts_page_get_accounts (found)),
                   ==, expected);
  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (20);
}

static void
test_no_keyring_tools (void)
{
  g_test_skip ("needs dbus-run-session and gnome-keyring-daemon");
}

int
main (int argc, char *argv[])
{
  const char *home = g_getenv (CHILD_ENV);
  int         status;

  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);

  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  if (home == NULL)
    {
      g_test_add_func ("/accounts-page/keyring", test_no_keyring_tools);
      return g_test_run ();
    }

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/accounts-page/dialog", test_dialog);
  ADD ("/accounts-page/page", test_page);
  ADD ("/accounts-page/transcribe-fields", test_transcribe_fields);
  ADD ("/accounts-page/in-preferences", test_in_preferences);
#undef ADD

  status = g_test_run ();
  prl_test_rm_rf (home);
  return status;
}
