/* test-new-model-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-cloud-account-store.h"
#include "prl-gui-test-util.h"
#include "prl-getting-started-window.h"
#include "prl-new-model-dialog.h"
#include "prl-provider-info.h"
#include "prl-remote-job.h"
#include "prl-workspace.h"

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  GtkWidget    *dialog;  /* (owned) */
  PrlModel     *created; /* (owned) (nullable) */
  guint         n_created;
} Fixture;

static void
model_created_cb (PrlNewModelDialog *dialog, PrlModel *model, Fixture *fixture)
{
  g_assert_true (PRL_IS_MODEL (model));
  fixture->n_created++;
  g_set_object (&fixture->created, model);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = g_dir_make_tmp ("parlance-dialog-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->workspace = prl_test_open_workspace (fixture->dir);

  fixture->dialog = g_object_ref (prl_new_model_dialog_new (fixture->workspace));
  g_signal_connect (fixture->dialog, "model-created", G_CALLBACK (model_created_cb),
                    fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  prl_test_drain ();
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  GtkWidget *dialog = g_steal_pointer (&fixture->dialog);

  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_drain ();
  g_assert_finalize_object (dialog);

  g_clear_object (&fixture->created);
  g_assert_finalize_object (fixture->workspace);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
child (Fixture *fixture, const char *name)
{
  return prl_test_template_child (fixture->dialog, PRL_TYPE_NEW_MODEL_DIALOG, name);
}

static gboolean
create_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (child (fixture, "create_button"));
}

static void
type_name (Fixture *fixture, const char *name)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "name_row")), name);
  prl_test_drain ();
}

/* The message under the name field, or NULL when none is shown. */
static const char *
name_error (Fixture *fixture)
{
  GtkRevealer *revealer = child (fixture, "name_error_revealer");
  GtkWidget   *row = child (fixture, "name_row");

  g_assert_cmpint (gtk_revealer_get_reveal_child (revealer), ==,
                   gtk_widget_has_css_class (row, "error"));

  if (!gtk_revealer_get_reveal_child (revealer))
    return NULL;

  return gtk_label_get_label (child (fixture, "name_error_label"));
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static guint
n_models (Fixture *fixture)
{
  return g_list_model_get_n_items (prl_workspace_get_models (fixture->workspace));
}

static void
wait_until_created_or_idle (Fixture *fixture)
{
  /* The store answers from its worker thread; wait until the form is
   * usable again (failure) or the model was reported (success). */
  while (fixture->n_created == 0 && !gtk_widget_get_sensitive (child (fixture, "form")))
    g_main_context_iteration (NULL, TRUE);
  prl_test_drain ();
}

static void
test_defaults (Fixture *fixture, gconstpointer data)
{
  AdwComboRow *provider_row = child (fixture, "provider_row");
  AdwComboRow *language_row = child (fixture, "language_row");
  GListModel  *languages = adw_combo_row_get_model (language_row);

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->dialog)), ==,
                   "New Custom Model");
  g_assert_cmpuint (adw_combo_row_get_selected (provider_row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (provider_row)), ==,
                    3);

  /* The local provider trains exactly one language. */
  g_assert_cmpuint (g_list_model_get_n_items (languages), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (languages), 0), ==,
                   "English");
  g_assert_cmpuint (adw_combo_row_get_selected (language_row), ==, 0);

  g_assert_true (gtk_check_button_get_active (child (fixture, "wide_band_check")));
  g_assert_false (gtk_check_button_get_active (child (fixture, "narrow_band_check")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "wide_band_row")), ==,
                   prl_base_model_get_description (PRL_BASE_MODEL_WIDE_BAND));

  /* Pristine: Create is off, but nothing scolds the user yet. */
  g_assert_false (create_enabled (fixture));
  g_assert_null (name_error (fixture));
  g_assert_false (
      gtk_revealer_get_reveal_child (child (fixture, "provider_error_revealer")));
}

static void
test_create (Fixture *fixture, gconstpointer data)
{
  PrlModel *model;

  type_name (fixture, "clinic-notes_v1.2");
  g_assert_null (name_error (fixture));
  g_assert_true (create_enabled (fixture));

  gtk_check_button_set_active (child (fixture, "narrow_band_check"), TRUE);
  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);

  /* The form is locked while the store works. */
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "form")));
  g_assert_false (create_enabled (fixture));

  wait_until_created_or_idle (fixture);
  g_assert_cmpuint (fixture->n_created, ==, 1);

  g_assert_cmpuint (n_models (fixture), ==, 1);
  model = prl_workspace_find_model (fixture->workspace, "clinic-notes_v1.2");
  g_assert_nonnull (model);
  g_assert_true (model == fixture->created);
  g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
  g_assert_cmpstr (prl_model_get_provider (model), ==, "local");
  g_assert_cmpstr (prl_model_get_language (model), ==, "en-US");
  g_assert_cmpint (prl_model_get_base_model (model), ==, PRL_BASE_MODEL_NARROW_BAND);

  /* The dialog closed itself. */
  g_assert_false (gtk_widget_get_visible (fixture->dialog));
}

static void
test_enter_creates (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = child (fixture, "name_row");

  /* Enter on an empty field explains instead of creating. */
  g_signal_emit_by_name (row, "entry-activated");
  prl_test_drain ();
  assert_contains (name_error (fixture), "Enter a name");
  g_assert_cmpuint (n_models (fixture), ==, 0);

  type_name (fixture, "by-enter");
  g_signal_emit_by_name (row, "entry-activated");
  wait_until_created_or_idle (fixture);
  g_assert_cmpuint (fixture->n_created, ==, 1);
  g_assert_nonnull (prl_workspace_find_model (fixture->workspace, "by-enter"));
  g_assert_cmpint (prl_model_get_base_model (fixture->created), ==,
                   PRL_BASE_MODEL_WIDE_BAND);
}

/* The dialog opens with the keyboard in the name field, not on Cancel:
 * a space typed into the name used to press Cancel and close it. */
static void
test_focus_on_name (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = child (fixture, "name_row");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->dialog));

  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_false (focus == child (fixture, "cancel_button"));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (fixture->dialog))
                 == child (fixture, "create_button"));

  /* What a typed space does in the name: it stays open and explains. */
  gtk_editable_insert_text (GTK_EDITABLE (focus), "two words", -1, &(int){ 0 });
  prl_test_drain ();
  g_assert_true (gtk_widget_get_visible (fixture->dialog));
  assert_contains (name_error (fixture), "Spaces");
}

static void
test_empty_name (Fixture *fixture, gconstpointer data)
{
  type_name (fixture, "x");
  g_assert_true (create_enabled (fixture));

  type_name (fixture, "");
  g_assert_false (create_enabled (fixture));
  assert_contains (name_error (fixture), "Enter a name for the model");

  /* Activating the disabled action does nothing but explain. */
  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);
  prl_test_drain ();
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form")));
  g_assert_cmpuint (n_models (fixture), ==, 0);
  g_assert_cmpuint (fixture->n_created, ==, 0);
}

static void
test_duplicate_name (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) existing = prl_test_create_model (fixture->workspace, "Clinic");

  type_name (fixture, "cLiNiC");
  g_assert_false (create_enabled (fixture));
  assert_contains (name_error (fixture), "already exists");
  assert_contains (name_error (fixture), "choose another name");

  type_name (fixture, "clinic2");
  g_assert_null (name_error (fixture));
  g_assert_true (create_enabled (fixture));

  /* A model created elsewhere while the dialog is open takes the name. */
  g_clear_object (&existing);
  existing = prl_test_create_model (fixture->workspace, "CLINIC2");
  prl_test_drain ();
  g_assert_false (create_enabled (fixture));
  assert_contains (name_error (fixture), "already exists");

  g_assert_cmpuint (n_models (fixture), ==, 2);
  g_assert_cmpint (
      prl_model_get_base_model (prl_workspace_find_model (fixture->workspace, "clinic")),
      ==, PRL_BASE_MODEL_NARROW_BAND);
}

static void
test_forbidden_characters (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *message;
  } cases[] = {
    { "two words", "Spaces are not allowed" },
    { "café", "“é” is not allowed" },
    { "a/b", "“/” is not allowed" },
    { "semi;colon", "“;” is not allowed" },
    { "..", "must contain a letter or a digit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      type_name (fixture, cases[i].name);
      g_assert_false (create_enabled (fixture));
      assert_contains (name_error (fixture), cases[i].message);
    }

  /* The message tells what is allowed instead. */
  type_name (fixture, "a/b");
  assert_contains (name_error (fixture), "use letters A–Z, digits");

  type_name (fixture, "a-b");
  g_assert_null (name_error (fixture));
  g_assert_true (create_enabled (fixture));
}

static void
test_too_long (Fixture *fixture, gconstpointer data)
{
  g_autofree char *longest = g_strnfill (200, 'a');
  g_autofree char *too_long = g_strnfill (201, 'a');

  type_name (fixture, too_long);
  g_assert_false (create_enabled (fixture));
  assert_contains (name_error (fixture), "201 characters long");
  assert_contains (name_error (fixture), "at most 200");

  type_name (fixture, longest);
  g_assert_null (name_error (fixture));
  g_assert_true (create_enabled (fixture));
}

static void
test_provider_not_set_up (Fixture *fixture, gconstpointer data)
{
  AdwComboRow                  *provider_row = child (fixture, "provider_row");
  AdwComboRow                  *language_row = child (fixture, "language_row");
  const PrlProviderInfo *const *providers;
  GListModel                   *languages;
  guint                         n_providers;
  guint                         aws = G_MAXUINT;

  providers = prl_provider_info_list (&n_providers);
  for (guint i = 0; i < n_providers; i++)
    if (g_strcmp0 (prl_provider_info_get_id (providers[i]), "aws-transcribe") == 0)
      aws = i;
  g_assert_cmpuint (aws, <, n_providers);
  g_assert_cmpstr (gtk_string_list_get_string (
                       GTK_STRING_LIST (adw_combo_row_get_model (provider_row)), aws),
                   ==, "Amazon Transcribe");

  type_name (fixture, "ok-name");
  g_assert_true (create_enabled (fixture));

  adw_combo_row_set_selected (provider_row, aws);
  prl_test_drain ();
  g_assert_false (create_enabled (fixture));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (provider_row)), ==,
                   "Not set up");
  g_assert_true (
      gtk_revealer_get_reveal_child (child (fixture, "provider_error_revealer")));
  assert_contains (gtk_label_get_label (child (fixture, "provider_error_label")),
                   "Not set up");
  g_assert_null (name_error (fixture));

  /* The language list follows the provider, English still chosen. */
  languages = adw_combo_row_get_model (language_row);
  g_assert_cmpuint (
      g_list_model_get_n_items (languages), ==,
      g_strv_length ((char **)prl_provider_info_get_languages (providers[aws])));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (languages),
                                               adw_combo_row_get_selected (language_row)),
                   ==, "English");

  /* Nothing is created, even when asked. */
  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);
  prl_test_drain ();
  g_assert_cmpuint (n_models (fixture), ==, 0);

  /* Back to local: usable again, and the language list shrinks back. */
  adw_combo_row_set_selected (provider_row, 0);
  prl_test_drain ();
  g_assert_true (create_enabled (fixture));
  g_assert_false (
      gtk_revealer_get_reveal_child (child (fixture, "provider_error_revealer")));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (language_row)), ==,
                    1);
}

static guint
aws_position (void)
{
  const PrlProviderInfo *const *providers;
  guint                         n_providers;

  providers = prl_provider_info_list (&n_providers);
  for (guint i = 0; i < n_providers; i++)
    if (g_strcmp0 (prl_provider_info_get_id (providers[i]), "aws-transcribe") == 0)
      return i;
  g_assert_not_reached ();
}

/* Replaces the fixture's dialog with one on @accounts, inside a main
 * window stand-in whose win.preferences-accounts counts activations. */
static GtkWidget *
use_accounts (Fixture *fixture, PrlCloudAccounts *accounts, guint *n_opened)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) action = g_simple_action_new ("preferences-accounts", NULL);
  GtkWidget *old = g_steal_pointer (&fixture->dialog);

  gtk_window_destroy (GTK_WINDOW (old));
  prl_test_drain ();
  g_assert_finalize_object (old);

  g_signal_connect_swapped (action, "activate", G_CALLBACK (g_atomic_int_inc), n_opened);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  gtk_window_present (GTK_WINDOW (window));

  fixture->dialog
      = g_object_ref (g_object_new (PRL_TYPE_NEW_MODEL_DIALOG, "workspace",
                                    fixture->workspace, "accounts", accounts, NULL));
  g_signal_connect (fixture->dialog, "model-created", G_CALLBACK (model_created_cb),
                    fixture);
  gtk_window_set_transient_for (GTK_WINDOW (fixture->dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  prl_test_drain ();
  return window;
}

static void
write_accounts (PrlCloudAccounts *accounts, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      g_file_set_contents (prl_cloud_accounts_get_path (accounts), text, -1, &error));
  g_assert_true (prl_cloud_accounts_load (accounts, &error));
  g_assert_no_error (error);
  prl_test_drain ();
}

/* Without an AWS account: "Not set up" and a button that asks the main
 * window for Preferences → Accounts. */
static void
test_transcribe_without_account (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "accounts.ini", NULL);
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (path);
  guint      n_opened = 0;
  GtkWidget *window = use_accounts (fixture, accounts, &n_opened);
  GtkWidget *button = child (fixture, "set_up_account_button");

  type_name (fixture, "ok-name");
  g_assert_true (create_enabled (fixture));
  g_assert_false (gtk_widget_get_visible (button));

  adw_combo_row_set_selected (child (fixture, "provider_row"), aws_position ());
  prl_test_drain ();
  g_assert_false (create_enabled (fixture));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "provider_row")), ==,
                   "Not set up");
  assert_contains (gtk_label_get_label (child (fixture, "provider_error_label")),
                   "Preferences → Accounts");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (child (fixture, "account_row")));
  g_assert_null (
      prl_new_model_dialog_get_account (PRL_NEW_MODEL_DIALOG (fixture->dialog)));

  /* "clicked" at once: activate waits for the pressed look to end. */
  g_signal_emit_by_name (button, "clicked");
  prl_test_drain ();
  g_assert_cmpuint (n_opened, ==, 1);

  /* IBM Watson, without an IBM Cloud account, is not set up either: the
   * same button, and no Watson base models to show. */
  adw_combo_row_set_selected (child (fixture, "provider_row"), aws_position () + 1);
  prl_test_drain ();
  g_assert_false (create_enabled (fixture));
  assert_contains (gtk_label_get_label (child (fixture, "provider_error_label")),
                   "add an IBM Cloud account");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (child (fixture, "watson_group")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* With AWS accounts: Transcribe is offered with its languages and name
 * rules, one account is named, several are a choice. */
static void
test_transcribe_with_account (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "accounts.ini", NULL);
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (path);
  guint                  n_opened = 0;
  GtkWidget             *window = NULL;
  PrlNewModelDialog     *dialog;
  AdwComboRow           *provider_row;
  AdwComboRow           *account_row;
  GListModel            *languages;
  const PrlProviderInfo *aws = prl_provider_info_lookup ("aws-transcribe");

  write_accounts (accounts, "[lab]\nKind=aws\nRegion=us-east-1\nBucket=abc\n");
  window = use_accounts (fixture, accounts, &n_opened);
  dialog = PRL_NEW_MODEL_DIALOG (fixture->dialog);
  provider_row = child (fixture, "provider_row");
  account_row = child (fixture, "account_row");

  type_name (fixture, "clinic-notes");
  adw_combo_row_set_selected (provider_row, aws_position ());
  prl_test_drain ();
  g_assert_true (create_enabled (fixture));
  g_assert_false (
      gtk_revealer_get_reveal_child (child (fixture, "provider_error_revealer")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "set_up_account_button")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (provider_row)), ==,
                   "In the account “lab”");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (account_row)));
  g_assert_cmpstr (prl_new_model_dialog_get_account (dialog), ==, "lab");

  /* Transcribe's languages, English still chosen. */
  languages = adw_combo_row_get_model (child (fixture, "language_row"));
  g_assert_cmpuint (g_list_model_get_n_items (languages), ==,
                    g_strv_length ((char **)prl_provider_info_get_languages (aws)));
  g_assert_cmpuint (g_list_model_get_n_items (languages), ==, 7);
  g_assert_cmpstr (gtk_string_list_get_string (
                       GTK_STRING_LIST (languages),
                       adw_combo_row_get_selected (child (fixture, "language_row"))),
                   ==, "English");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (languages), 4), ==,
                   "German");

  /* Transcribe's name rules as the user types. */
  type_name (fixture, "clinic notes");
  g_assert_false (create_enabled (fixture));
  assert_contains (name_error (fixture), "Spaces are not allowed");
  type_name (fixture, "clinic-notes");
  g_assert_true (create_enabled (fixture));
  g_assert_null (name_error (fixture));

  /* A second AWS account (and one of another kind is never offered):
   * the account becomes a choice, the current one kept. */
  write_accounts (accounts, "[lab]\nKind=aws\nRegion=us-east-1\nBucket=abc\n"
                            "[archive]\nKind=aws\nRegion=eu-west-1\nBucket=def\n");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (account_row)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (account_row)), ==,
                    2);
  g_assert_cmpstr (prl_new_model_dialog_get_account (dialog), ==, "lab");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (provider_row)), ==, "");
  adw_combo_row_set_selected (account_row, 0);
  prl_test_drain ();
  g_assert_cmpstr (prl_new_model_dialog_get_account (dialog), ==, "archive");
  g_assert_true (create_enabled (fixture));

  /* Local models have no account. */
  adw_combo_row_set_selected (provider_row, 0);
  prl_test_drain ();
  g_assert_null (prl_new_model_dialog_get_account (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (account_row)));

  /* The account removed meanwhile: Transcribe is not set up again. */
  adw_combo_row_set_selected (provider_row, aws_position ());
  write_accounts (accounts, "");
  g_assert_false (create_enabled (fixture));
  g_assert_true (gtk_widget_get_visible (child (fixture, "set_up_account_button")));
  g_assert_cmpuint (n_opened, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static PrlJob *
no_training (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not in this test");
  return NULL;
}

/* Create on Amazon Transcribe: the model is saved with the chosen account
 * (one insert, prl_workspace_create_model_full_async()); Transcribe's name
 * rules are checked as the user types, bad names one by one. */
static void
test_transcribe_create (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "accounts.ini", NULL);
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (path);
  g_autofree char *longest = g_strnfill (183, 'a');
  g_autofree char *too_long = g_strnfill (184, 'a');
  guint            n_opened = 0;
  GtkWidget       *window;
  PrlModel        *model;
  struct
  {
    const char *name;
    const char *message;
  } bad[] = {
    { "clinic notes", "Spaces are not allowed" },
    { "klinik-ä", "“ä”" },
    { "notes/2026", "“/”" },
    { "notes:v1", "“:”" },
    { too_long, "at most 183 characters" },
  };

  /* The executables register Transcribe's trainer; this test has none. */
  prl_remote_job_register_trainer ("aws-transcribe", "transcribe-train", no_training);
  write_accounts (accounts, "[lab]\nKind=aws\nRegion=us-east-1\nBucket=abc\n"
                            "[archive]\nKind=aws\nRegion=eu-west-1\nBucket=def\n");
  window = use_accounts (fixture, accounts, &n_opened);
  adw_combo_row_set_selected (child (fixture, "provider_row"), aws_position ());
  prl_test_drain ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type_name (fixture, bad[i].name);
      g_assert_false (create_enabled (fixture));
      assert_contains (name_error (fixture), bad[i].message);
    }
  type_name (fixture, longest);
  g_assert_null (name_error (fixture));
  g_assert_true (create_enabled (fixture));

  /* German on a NarrowBand base, in the second account. */
  type_name (fixture, "Klinik_Notizen-2.v1");
  adw_combo_row_set_selected (child (fixture, "account_row"), 0);
  adw_combo_row_set_selected (child (fixture, "language_row"), 4);
  gtk_check_button_set_active (child (fixture, "narrow_band_check"), TRUE);
  prl_test_drain ();
  g_assert_cmpstr (
      prl_new_model_dialog_get_account (PRL_NEW_MODEL_DIALOG (fixture->dialog)), ==,
      "archive");
  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);
  wait_until_created_or_idle (fixture);
  g_assert_cmpuint (fixture->n_created, ==, 1);

  model = prl_workspace_find_model (fixture->workspace, "Klinik_Notizen-2.v1");
  g_assert_nonnull (model);
  g_assert_cmpstr (prl_model_get_provider (model), ==, "aws-transcribe");
  g_assert_cmpstr (prl_model_get_account (model), ==, "archive");
  g_assert_cmpstr (prl_model_get_language (model), ==, "de-DE");
  g_assert_cmpint (prl_model_get_base_model (model), ==, PRL_BASE_MODEL_NARROW_BAND);
  g_assert_cmpuint (n_opened, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
store_insert (PrlStore *store, const char *name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) model = NULL;
  PrlModelCreateOptions options = {
    .name = name,
    .provider = "local",
    .language = "en-US",
    .base_model = PRL_BASE_MODEL_NARROW_BAND,
  };

  prl_store_insert_model_full_async (store, &options, NULL, prl_test_result_cb, &result);
  model = prl_store_insert_model_finish (store, prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static GPtrArray *
store_list (PrlStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *models;

  prl_store_list_models_async (store, NULL, prl_test_result_cb, &result);
  models = prl_store_list_models_finish (store, prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return models;
}

static void
test_failed_create (Fixture *fixture, gconstpointer data)
{
  PrlStore *store = prl_workspace_get_store (fixture->workspace);
  g_autoptr (GPtrArray) saved = NULL;

  type_name (fixture, "taken");
  g_assert_true (create_enabled (fixture));

  /* Another process saves the same name behind the workspace's back, so
   * only the store can refuse it. */
  store_insert (store, "TAKEN");
  g_assert_cmpuint (n_models (fixture), ==, 0);
  g_assert_true (create_enabled (fixture));

  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);
  wait_until_created_or_idle (fixture);

  /* Still open, error under the name, nothing created or overwritten. */
  g_assert_cmpuint (fixture->n_created, ==, 0);
  g_assert_true (gtk_widget_get_visible (fixture->dialog));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form")));
  assert_contains (name_error (fixture), "already exists");
  g_assert_false (
      gtk_revealer_get_reveal_child (child (fixture, "general_error_revealer")));
  g_assert_false (create_enabled (fixture));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (fixture, "name_row"))), ==,
                   "taken");

  saved = store_list (store);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (prl_model_get_name (g_ptr_array_index (saved, 0)), ==, "TAKEN");
  g_assert_cmpint (prl_model_get_base_model (g_ptr_array_index (saved, 0)), ==,
                   PRL_BASE_MODEL_NARROW_BAND);

  /* A new name clears the error, and Create works. */
  type_name (fixture, "taken-2");
  g_assert_null (name_error (fixture));
  g_assert_true (create_enabled (fixture));
  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);
  wait_until_created_or_idle (fixture);
  g_assert_cmpuint (fixture->n_created, ==, 1);
  g_assert_cmpstr (prl_model_get_name (fixture->created), ==, "taken-2");
}

/* Whether @widget's class binds @accel to the action @action_name. */
static gboolean
has_shortcut (GtkWidget *widget, const char *accel, const char *action_name)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint i = 0; !found && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0;
           !found && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut
              = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger
              = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          found = g_strcmp0 (trigger, accel) == 0 && GTK_IS_NAMED_ACTION (action)
                  && g_strcmp0 (
                         gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         action_name)
                         == 0;
        }
    }

  return found;
}

static void
test_escape_and_cancel (Fixture *fixture, gconstpointer data)
{
  type_name (fixture, "never-created");

  /* Cancel is window.close, the same action Escape is bound to. */
  g_assert_true (has_shortcut (fixture->dialog, "Escape", "window.close"));
  g_assert_cmpstr (gtk_actionable_get_action_name (child (fixture, "cancel_button")), ==,
                   "window.close");
  gtk_widget_activate_action (fixture->dialog, "window.close", NULL);
  prl_test_drain ();

  g_assert_false (gtk_widget_get_visible (fixture->dialog));
  g_assert_cmpuint (n_models (fixture), ==, 0);
}

/* A mono 16-bit PCM WAV of half a second of a 440 Hz square wave at @rate. */
static char *
write_wav (Fixture *fixture, const char *name, guint32 rate)
{
  char              *path = g_build_filename (fixture->dir, name, NULL);
  guint32            n_samples = rate / 2;
  guint32            data_len = n_samples * 2;
  g_autofree guint8 *bytes = g_malloc0 (44 + data_len);
  g_autoptr (GError) error = NULL;

  memcpy (bytes, "RIFF", 4);
  *(guint32 *)(bytes + 4) = GUINT32_TO_LE (36 + data_len);
  memcpy (bytes + 8, "WAVEfmt ", 8);
  *(guint32 *)(bytes + 16) = GUINT32_TO_LE (16);
  *(guint16 *)(bytes + 20) = GUINT16_TO_LE (1);
  *(guint16 *)(bytes + 22) = GUINT16_TO_LE (1);
  *(guint32 *)(bytes + 24) = GUINT32_TO_LE (rate);
  *(guint32 *)(bytes + 28) = GUINT32_TO_LE (rate * 2);
  *(guint16 *)(bytes + 32) = GUINT16_TO_LE (2);
  *(guint16 *)(bytes + 34) = GUINT16_TO_LE (16);
  memcpy (bytes + 36, "data", 4);
  *(guint32 *)(bytes + 40) = GUINT32_TO_LE (data_len);
  for (guint32 i = 0; i < n_samples; i++)
    {
      gint16 sample = (i * 440 * 2 / rate) % 2 ? 8000 : -8000;

      *(gint16 *)(bytes + 44 + 2 * i) = GINT16_TO_LE (sample);
    }

  g_file_set_contents (path, (char *)bytes, 44 + data_len, &error);
  g_assert_no_error (error);
  return path;
}

static void
probe_sample (Fixture *fixture, const char *path)
{
  PrlNewModelDialog *dialog = PRL_NEW_MODEL_DIALOG (fixture->dialog);

  prl_new_model_dialog_probe_sample (dialog, path);
  g_assert_true (prl_new_model_dialog_is_probing (dialog));
  while (prl_new_model_dialog_is_probing (dialog))
    g_main_context_iteration (NULL, TRUE);
  prl_test_drain ();
}

static gboolean
narrow_band_chosen (Fixture *fixture)
{
  gboolean narrow = gtk_check_button_get_active (child (fixture, "narrow_band_check"));

  g_assert_cmpint (narrow, !=,
                   gtk_check_button_get_active (child (fixture, "wide_band_check")));
  return narrow;
}

static void
test_sample_recording (Fixture *fixture, gconstpointer data)
{
  g_autofree char *narrow = write_wav (fixture, "phone.wav", 8000);
  g_autofree char *wide = write_wav (fixture, "studio.wav", 16000);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.wav", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.wav", NULL);
  AdwActionRow    *row = child (fixture, "sample_row");
  GtkRevealer     *error_revealer = child (fixture, "sample_error_revealer");
  g_autoptr (GError) error = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_false (narrow_band_chosen (fixture));

  probe_sample (fixture, narrow);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "8000 Hz → NarrowBand");
  g_assert_true (narrow_band_chosen (fixture));
  g_assert_false (gtk_revealer_get_reveal_child (error_revealer));

  probe_sample (fixture, wide);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "16000 Hz → WideBand");
  g_assert_false (narrow_band_chosen (fixture));

  /* Back to NarrowBand, then files that are not audio change nothing. */
  probe_sample (fixture, narrow);
  g_assert_true (narrow_band_chosen (fixture));

  g_file_set_contents (broken, "This is not a recording.\n", -1, &error);
  g_assert_no_error (error);
  probe_sample (fixture, broken);
  g_assert_true (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (gtk_label_get_label (child (fixture, "sample_error_label")), !=, "");
  g_assert_true (narrow_band_chosen (fixture));

  probe_sample (fixture, missing);
  g_assert_true (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_true (narrow_band_chosen (fixture));

  /* A good file clears the message. */
  probe_sample (fixture, wide);
  g_assert_false (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_false (narrow_band_chosen (fixture));

  /* The chosen base model is what Create sends. */
  probe_sample (fixture, narrow);
  type_name (fixture, "phone-calls");
  g_assert_true (create_enabled (fixture));
  gtk_widget_activate_action (fixture->dialog, "dialog.create", NULL);
  wait_until_created_or_idle (fixture);
  g_assert_nonnull (fixture->created);
  g_assert_cmpint (prl_model_get_base_model (fixture->created), ==,
                   PRL_BASE_MODEL_NARROW_BAND);
}

/* Closing the dialog while a probe runs must neither crash nor leak it. */
static void
test_sample_recording_close (Fixture *fixture, gconstpointer data)
{
  g_autofree char *narrow = write_wav (fixture, "phone.wav", 8000);

  prl_new_model_dialog_probe_sample (PRL_NEW_MODEL_DIALOG (fixture->dialog), narrow);
  g_assert_true (
      prl_new_model_dialog_is_probing (PRL_NEW_MODEL_DIALOG (fixture->dialog)));
  /* The tear-down destroys the dialog and asserts it is finalized. */
}

static void
test_getting_started (void)
{
  GtkWidget  *window = g_object_ref (prl_getting_started_window_new ());
  GtkWidget  *headings[4];
  const char *expected[] = {
    "What custom models are",
    "What you need",
    "Only have audio files?",
    "After training",
  };

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Getting Started");

  headings[0] = GTK_WIDGET (gtk_widget_get_template_child (
      window, PRL_TYPE_GETTING_STARTED_WINDOW, "what_heading"));
  headings[1] = GTK_WIDGET (gtk_widget_get_template_child (
      window, PRL_TYPE_GETTING_STARTED_WINDOW, "need_heading"));
  headings[2] = GTK_WIDGET (gtk_widget_get_template_child (
      window, PRL_TYPE_GETTING_STARTED_WINDOW, "audio_heading"));
  headings[3] = GTK_WIDGET (gtk_widget_get_template_child (
      window, PRL_TYPE_GETTING_STARTED_WINDOW, "after_heading"));
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (headings[i])), ==, expected[i]);

  g_assert_true (has_shortcut (window, "Escape", "window.close"));

  gtk_window_present (GTK_WINDOW (window));
  prl_test_drain ();
  g_assert_true (gtk_widget_get_visible (window));

  /* "Get Started" closes the guide. */
  gtk_widget_activate_action (window, "window.close", NULL);
  prl_test_drain ();
  g_assert_false (gtk_widget_get_visible (window));

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_assert_finalize_object (window);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/new-model-dialog/defaults", test_defaults);
  ADD ("/new-model-dialog/create", test_create);
  ADD ("/new-model-dialog/enter-creates", test_enter_creates);
  ADD ("/new-model-dialog/focus-on-name", test_focus_on_name);
  ADD ("/new-model-dialog/empty-name", test_empty_name);
  ADD ("/new-model-dialog/duplicate-name", test_duplicate_name);
  ADD ("/new-model-dialog/forbidden-characters", test_forbidden_characters);
  ADD ("/new-model-dialog/too-long", test_too_long);
  ADD ("/new-model-dialog/provider-not-set-up", test_provider_not_set_up);
  ADD ("/new-model-dialog/transcribe-without-account", test_transcribe_without_account);
  ADD ("/new-model-dialog/transcribe-with-account", test_transcribe_with_account);
  ADD ("/new-model-dialog/transcribe-create", test_transcribe_create);
  ADD ("/new-model-dialog/failed-create", test_failed_create);
  ADD ("/new-model-dialog/escape-and-cancel", test_escape_and_cancel);
  ADD ("/new-model-dialog/sample-recording", test_sample_recording);
  ADD ("/new-model-dialog/sample-recording-close", test_sample_recording_close);
#undef ADD
  g_test_add_func ("/getting-started/sections", test_getting_started);

  return g_test_run ();
}
