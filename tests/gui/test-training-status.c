/* test-training-status.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "../local-base-util.h"
#include "prl-gui-test-util.h"
#include "prl-local-provider.h"
#include "prl-model-details-page.h"
#include "prl-status-badge.h"
#include "prl-transcription-page.h"
#include "prl-upgrade-banner.h"
#include "prl-version-ops.h"
#include "prl-workspace.h"

/* The training status the app shows after every way a training ends:
 * success (first, forced, and on a model with several datasets whose
 * views reload while the training saves), failure and cancel. The model
 * object the views are bound to must say what parlance-cli reads from the
 * same workspace. And a local upgrade on a second installed base: the
 * banner, its dialog, the Upgrading badge while it trains, and both
 * versions after it.
 */

#define N_DATASETS 6
#define LINES_PER_DATASET 1500

typedef PrlTestModelPage Fixture;

static const char *const words[] = {
  "the",      "patient", "takes",    "metoprolol", "twice",   "a",        "day",
  "heart",    "rate",    "was",      "stable",     "morning", "blood",    "pressure",
  "normal",   "review",  "continue", "dose",       "evening", "chest",    "pain",
  "atrial",   "rhythm",  "clinic",   "follow",     "up",      "in",       "weeks",
  "warfarin", "daily",   "echo",     "shows",      "good",    "function", "and",
};

/* A training text of its own for dataset @index: same vocabulary,
 * different sentences, so every dataset has its own hash. */
static char *
make_text (guint index)
{
  GString *text = g_string_new (NULL);
  GRand   *rand = g_rand_new_with_seed (index + 1);

  for (guint line = 0; line < LINES_PER_DATASET; line++)
    {
      guint n = g_rand_int_range (rand, 4, 10);

      for (guint w = 0; w < n; w++)
        {
          if (w > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      g_string_append_c (text, '\n');
    }

  g_rand_free (rand);
  return g_string_free (text, FALSE);
}

static void
import_texts (Fixture *f)
{
  GFile *files[N_DATASETS];
  g_autoptr (PrlImportJob) job = NULL;

  for (guint i = 0; i < N_DATASETS; i++)
    {
      g_autofree char *name = g_strdup_printf ("notes-%u.txt", i);
      g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
      g_autofree char *text = make_text (i);
      g_autoptr (GError) error = NULL;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      files[i] = g_file_new_for_path (path);
    }

  job = prl_test_import_files (f->workspace, f->model, files, N_DATASETS,
                               PRL_DATASET_TYPE_TRANSCRIPT);
  for (guint i = 0; i < N_DATASETS; i++)
    g_object_unref (files[i]);
  prl_test_iterate (50);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "cardiology");
  import_texts (f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);

  /* The details page is open, so its lists load as the status changes. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 900);
  f->page = g_object_ref_sink (prl_model_details_page_new (f->workspace));
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (f->page), f->model);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

/* The status nick parlance-cli reports for the model, read by a separate
 * process from the same workspace. */
static char *
cli_status (Fixture *f)
{
  const char      *cli = g_getenv ("PARLANCE_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *argv[] = { cli, "--workspace", f->dir, "models", "list", "--json", NULL };
  JsonArray  *models;
  int         wait_status;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("parlance-cli failed: %s", err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  models = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);

      if (g_strcmp0 (json_object_get_string_member (model, "name"), "cardiology") == 0)
        return g_strdup (json_object_get_string_member (model, "status"));
    }

  g_error ("parlance-cli does not list the model: %s", out);
  return NULL;
}

static void
assert_status (Fixture *f, PrlTrainingStatus expected)
{
  g_autofree char *cli = NULL;
  PrlStatusBadge  *badge = PRL_STATUS_BADGE (gtk_widget_get_template_child (
       f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "status_badge"));

  /* Whatever was still on its way to the main loop has arrived. */
  prl_test_iterate (300);

  g_assert_cmpstr (prl_training_status_to_nick (prl_model_get_status (f->model)), ==,
                   prl_training_status_to_nick (expected));
  g_assert_cmpint (prl_status_badge_get_status (badge), ==, expected);
  cli = cli_status (f);
  g_assert_cmpstr (cli, ==, prl_training_status_to_nick (expected));
}

static PrlJob *
start_training (Fixture *f, gboolean force)
{
  g_autoptr (GError) error = NULL;
  PrlTrainJob *job = prl_workspace_train_model (f->workspace, f->model, force, &error);

  g_assert_no_error (error);
  g_assert_nonnull (job);
  return g_object_ref (PRL_JOB (job));
}

static PrlJobState
wait_for (PrlJob *job)
{
  while (prl_job_is_active (job))
    g_main_context_iteration (NULL, TRUE);
  return prl_job_get_state (job);
}

static gboolean
is_running (gpointer data)
{
  Fixture *f = data;

  return prl_model_get_status (f->model) == PRL_TRAINING_STATUS_RUNNING;
}

static guint
n_versions (Fixture *f)
{
  return g_list_model_get_n_items (prl_workspace_get_versions (f->workspace, f->model));
}

static void
test_success (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) first = NULL;
  g_autoptr (PrlJob) forced = NULL;
  g_autoptr (PrlJob) again = NULL;

  first = start_training (f, FALSE);
  prl_test_wait_until (is_running, f);
  g_assert_cmpint (wait_for (first), ==, PRL_JOB_STATE_SUCCEEDED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpuint (n_versions (f), ==, 1);

  /* Forced, as a base-model upgrade retrains; the page's lists reload
   * while it saves. */
  forced = start_training (f, TRUE);
  prl_test_wait_until (is_running, f);
  g_assert_cmpint (wait_for (forced), ==, PRL_JOB_STATE_SUCCEEDED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpuint (n_versions (f), ==, 2);

  /* Nothing changed, so a plain training is refused, as the CLI does. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (prl_workspace_train_model (f->workspace, f->model, FALSE, &error));
    g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED);
  }

  /* Reopened (a new store, new model objects), the status is the same. */
  {
    g_autoptr (PrlWorkspace) reopened = prl_test_open_workspace (f->dir);
    GListModel *models = prl_workspace_get_models (reopened);
    g_autoptr (PrlModel) model = g_list_model_get_item (models, 0);

    g_assert_cmpint (prl_model_get_status (model), ==, PRL_TRAINING_STATUS_SUCCESS);
  }

  again = start_training (f, TRUE);
  g_assert_cmpint (wait_for (again), ==, PRL_JOB_STATE_SUCCEEDED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
}

static void
test_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *id
      = g_strdup_printf ("%" G_GINT64_FORMAT, prl_model_get_id (f->model));
  g_autofree char *models_dir = g_build_filename (f->dir, "models", NULL);
  g_autofree char *blocker = g_build_filename (models_dir, id, NULL);
  g_autoptr (PrlJob) job = NULL;
  g_autoptr (PrlJob) retry = NULL;
  g_autoptr (GError) error = NULL;

  /* A file where the model's versions go makes the training fail (even
   * for root, unlike a read-only folder). */
  g_assert_cmpint (g_mkdir_with_parents (models_dir, 0700), ==, 0);
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);

  job = start_training (f, FALSE);
  g_assert_cmpint (wait_for (job), ==, PRL_JOB_STATE_FAILED);
  assert_status (f, PRL_TRAINING_STATUS_FAILED);
  g_assert_nonnull (prl_model_get_failure_message (f->model));

  /* Fixed, the next training succeeds. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  retry = start_training (f, FALSE);
  g_assert_cmpint (wait_for (retry), ==, PRL_JOB_STATE_SUCCEEDED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) first = NULL;
  g_autoptr (PrlJob) trained = NULL;
  g_autoptr (PrlJob) second = NULL;

  /* Cancelled from Ready to Run: back to Ready to Run. */
  first = start_training (f, FALSE);
  prl_test_wait_until (is_running, f);
  prl_job_cancel (first);
  g_assert_cmpint (wait_for (first), ==, PRL_JOB_STATE_CANCELLED);
  assert_status (f, PRL_TRAINING_STATUS_READY_TO_RUN);
  g_assert_cmpuint (n_versions (f), ==, 0);

  trained = start_training (f, FALSE);
  g_assert_cmpint (wait_for (trained), ==, PRL_JOB_STATE_SUCCEEDED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);

  /* A cancelled forced retraining leaves the success as it was. */
  second = start_training (f, TRUE);
  prl_test_wait_until (is_running, f);
  prl_job_cancel (second);
  g_assert_cmpint (wait_for (second), ==, PRL_JOB_STATE_CANCELLED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpuint (n_versions (f), ==, 1);
}

/* The "upgrading" parlance-cli reports for the model (another process). */
static gboolean
cli_upgrading (Fixture *f)
{
  const char      *cli = g_getenv ("PARLANCE_CLI");
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *argv[] = { cli, "--workspace", f->dir, "models", "list", "--json", NULL };
  JsonArray  *models;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL,
                &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  models = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (models), ==, 1);
  return json_object_get_boolean_member (json_array_get_object_element (models, 0),
                                         "upgrading");
}

static gboolean
upgrade_offered (gpointer data)
{
  Fixture *f = data;

  return prl_model_get_upgrade_available (f->model);
}

static gboolean
is_upgrading (gpointer data)
{
  Fixture *f = data;

  return prl_model_get_upgrading (f->model);
}

static gboolean
upgrade_done (gpointer data)
{
  Fixture *f = data;

  return !prl_model_get_upgrading (f->model)
         && prl_model_get_status (f->model) == PRL_TRAINING_STATUS_SUCCESS
         && n_versions (f) == 2;
}

static void
test_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlJob) first = NULL;
  g_autoptr (PrlVersion) old = NULL;
  g_autoptr (PrlVersion) new = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *saved_modeldir = g_strdup (g_getenv ("PRL_POCKETSPHINX_MODELDIR"));
  PrlStatusBadge  *badge = PRL_STATUS_BADGE (gtk_widget_get_template_child (
       f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "status_badge"));
  GtkWidget       *banner = (GtkWidget *)gtk_widget_get_template_child (
            f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "upgrade_banner");
  AdwMessageDialog *dialog;
  GtkLabel         *label;

  first = start_training (f, FALSE);
  g_assert_cmpint (wait_for (first), ==, PRL_JOB_STATE_SUCCEEDED);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_false (prl_model_get_upgrade_available (f->model));
  g_assert_false (gtk_widget_get_visible (banner));
  old = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 0);

  /* Nothing to upgrade on the current base: refused with the reason. */
  g_assert_null (prl_workspace_upgrade_model (f->workspace, f->model, old, &error));
  g_assert_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_UNCHANGED);
  g_clear_error (&error);

  /* A new base is installed, as a package upgrade would; showing the
   * model again asks for its versions, which offer the upgrade. */
  second = install_second_local_base ();
  g_setenv ("PRL_POCKETSPHINX_MODELDIR", second, TRUE);
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (f->page), NULL);
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (f->page), f->model);
  prl_test_wait_until (upgrade_offered, f);
  prl_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_nonnull (prl_test_label_containing (banner, "Upgrade available"));

  /* The dialog says it cannot be undone; Cancel starts nothing. */
  prl_upgrade_banner_upgrade (PRL_UPGRADE_BANNER (banner));
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (dialog), prl_version_get_name (old)));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_wait_until (prl_test_message_dialog_gone, NULL);
  prl_test_iterate (100);
  g_assert_false (prl_model_get_upgrading (f->model));
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);

  /* Upgrade: the badge reads Upgrading while the new version trains, and
   * parlance-cli (another process) says so too. */
  prl_upgrade_banner_upgrade (PRL_UPGRADE_BANNER (banner));
  prl_test_wait_until (prl_test_message_dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "upgrade");
  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_wait_until (is_upgrading, f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_RUNNING);
  prl_test_iterate (20);
  label = GTK_LABEL (gtk_widget_get_first_child (GTK_WIDGET (badge)));
  g_assert_true (prl_status_badge_get_upgrading (badge));
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Upgrading");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "status-upgrading"));
  g_assert_true (cli_upgrading (f));

  /* Edits meanwhile are refused with the reason; the old version stays. */
  g_assert_null (prl_workspace_train_model (f->workspace, f->model, TRUE, &error));
  g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "being upgraded"));
  g_clear_error (&error);
  {
    g_autoptr (GAsyncResult) result = NULL;

    prl_workspace_rename_model_async (f->workspace, f->model, "renamed", NULL,
                                      prl_test_result_cb, &result);
    g_assert_false (prl_workspace_rename_model_finish (
        f->workspace, prl_test_wait_for (&result), &error));
    g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_BUSY);
    g_clear_error (&error);
    g_clear_object (&result);
    prl_workspace_delete_version_async (f->workspace, f->model, old, NULL,
                                        prl_test_result_cb, &result);
    g_assert_false (prl_workspace_delete_version_finish (
        f->workspace, prl_test_wait_for (&result), &error));
    g_assert_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_BUSY);
    g_clear_error (&error);
  }

  prl_test_wait_until (upgrade_done, f);
  assert_status (f, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_false (prl_status_badge_get_upgrading (badge));
  g_assert_cmpstr (gtk_label_get_label (label), !=, "Upgrading");
  g_assert_false (cli_upgrading (f));

  /* Both versions: the new one first (the default), on the new base. */
  new = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 0);
  g_assert_true (new != old);
  {
    g_autoptr (PrlVersion) kept
        = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 1);

    g_assert_cmpstr (prl_version_get_name (kept), ==, prl_version_get_name (old));
  }
  g_assert_cmpstr (prl_version_get_base_model_id (new), !=,
                   prl_version_get_base_model_id (old));
  g_assert_false (prl_model_get_upgrade_available (f->model));
  prl_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (banner));

  /* The Transcription page warns of the old version, not of the new. */
  {
    GtkWidget   *window = gtk_window_new ();
    GtkWidget   *page = prl_transcription_page_new ();
    GtkWidget   *warning;
    GtkDropDown *models, *versions;

    g_object_set (page, "workspace", f->workspace, NULL);
    gtk_window_set_child (GTK_WINDOW (window), page);
    gtk_window_present (GTK_WINDOW (window));
    prl_test_iterate (200);
    models
        = prl_test_template_child (page, PRL_TYPE_TRANSCRIPTION_PAGE, "model_dropdown");
    versions
        = prl_test_template_child (page, PRL_TYPE_TRANSCRIPTION_PAGE, "version_dropdown");
    warning = prl_test_template_child (page, PRL_TYPE_TRANSCRIPTION_PAGE,
                                       "base_warning_label");
    gtk_drop_down_set_selected (models, 1);
    prl_test_iterate (20);
    g_assert_cmpuint (gtk_drop_down_get_selected (versions), ==, 0);
    g_assert_false (gtk_widget_get_visible (warning));
    gtk_drop_down_set_selected (versions, 1);
    prl_test_iterate (20);
    g_assert_true (gtk_widget_get_visible (warning));
    g_assert_nonnull (
        strstr (gtk_label_get_label (GTK_LABEL (warning)), "older base model"));
    g_assert_nonnull (
        strstr (gtk_label_get_label (GTK_LABEL (warning)), prl_version_get_name (old)));
    gtk_drop_down_set_selected (versions, 0);
    prl_test_iterate (20);
    g_assert_false (gtk_widget_get_visible (warning));
    gtk_window_destroy (GTK_WINDOW (window));
    prl_test_iterate (50);
  }

  if (saved_modeldir != NULL)
    g_setenv ("PRL_POCKETSPHINX_MODELDIR", saved_modeldir, TRUE);
  else
    g_unsetenv ("PRL_POCKETSPHINX_MODELDIR");
  prl_test_rm_rf (second);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;

  /* The real local provider trains, as in the app. */
  prl_local_register ();

  g_test_add ("/training-status/success", Fixture, NULL, fixture_set_up, test_success,
              prl_test_model_page_tear_down);
  g_test_add ("/training-status/failure", Fixture, NULL, fixture_set_up, test_failure,
              prl_test_model_page_tear_down);
  g_test_add ("/training-status/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              prl_test_model_page_tear_down);
  g_test_add ("/training-status/upgrade", Fixture, NULL, fixture_set_up, test_upgrade,
              prl_test_model_page_tear_down);

  return g_test_run ();
}
