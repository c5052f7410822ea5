/* test-window.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "prl-getting-started-window.h"
#include "prl-jobs-button.h"
#include "prl-model-details-page.h"
#include "prl-models-page.h"
#include "prl-new-model-dialog.h"
#include "prl-preferences-window.h"
#include "prl-application.h"
#include "prl-window.h"

#include "prl-gui-test-util.h"

/* The main window: opening a workspace without blocking, the error page
 * for one that cannot be opened, list ↔ details navigation, the New
 * Custom Model dialog, the first-run guide and the jobs indicator.
 */

static PrlJob *
run_test_job (PrlWorkspace *workspace, const char *title)
{
  PrlJob *job = prl_test_job_new (title);

  prl_job_manager_run (prl_workspace_get_job_manager (workspace), job);
  return job;
}

static gboolean
window_has_workspace (gpointer data)
{
  return prl_window_get_workspace (data) != NULL;
}

static const char *
visible_page (PrlWindow *window, const char *stack_or_leaflet)
{
  g_autoptr (GPtrArray) leaflets
      = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  g_autoptr (GPtrArray) stacks
      = prl_test_find_all (GTK_WIDGET (window), GTK_TYPE_STACK, NULL);

  if (g_str_equal (stack_or_leaflet, "leaflet"))
    return leaflets->len ? adw_leaflet_get_visible_child_name (leaflets->pdata[0]) : NULL;

  return gtk_stack_get_visible_child_name (stacks->pdata[0]);
}

static gboolean
toplevel_shown (gpointer type)
{
  return prl_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static void
mark_guide_seen (gboolean seen)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);

  g_settings_set_boolean (settings, "getting-started-shown", seen);
}

static PrlWindow *
open_window (const char *dir)
{
  PrlWindow *window = prl_window_new (NULL, dir);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
close_all (PrlWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs and the guide first, then the main window. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) top = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (top);
    }
  prl_test_iterate (100);
}

static void
test_opens_workspace (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  PrlWorkspace    *ws = prl_test_open_workspace (dir);
  PrlWindow       *window;

  g_object_unref (prl_test_create_model (ws, "dictation"));
  g_assert_finalize_object (ws);
  mark_guide_seen (TRUE);

  window = open_window (dir);
  prl_test_wait_until (window_has_workspace, window);
  prl_test_iterate (200);

  g_assert_cmpstr (visible_page (window, "stack"), ==, "workspace");
  g_assert_cmpstr (visible_page (window, "leaflet"), ==, "models");
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (window), "dictation"));
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (window), "Custom Models"));

  close_all (window);
  prl_test_rm_rf (dir);
}

static void
test_error_page_and_retry (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "parlance.db", NULL);
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) status_pages = NULL;
  PrlWindow  *window;
  const char *description;

  g_assert_true (g_file_set_contents (db, "garbage, not a database", -1, NULL));
  mark_guide_seen (TRUE);

  window = open_window (dir);
  prl_test_iterate (500);
  g_assert_null (prl_window_get_workspace (window));
  g_assert_cmpstr (visible_page (window, "stack"), ==, "error");

  status_pages = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_cmpuint (status_pages->len, ==, 1);
  description = adw_status_page_get_description (status_pages->pdata[0]);
  g_assert_nonnull (strstr (description, "damaged"));
  g_assert_nonnull (strstr (description, "backup"));

  /* Nothing was overwritten. */
  g_assert_true (g_file_get_contents (db, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "garbage, not a database");

  /* The user moves the file aside and tries again. */
  g_assert_cmpint (g_unlink (db), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry", NULL);
  prl_test_wait_until (window_has_workspace, window);
  prl_test_iterate (100);
  g_assert_cmpstr (visible_page (window, "stack"), ==, "workspace");

  close_all (window);
  prl_test_rm_rf (dir);
}

static gboolean
leaflet_on_details (gpointer data)
{
  return g_strcmp0 (visible_page (data, "leaflet"), "details") == 0;
}

static gboolean
leaflet_on_models (gpointer data)
{
  return g_strcmp0 (visible_page (data, "leaflet"), "models") == 0;
}

static void
test_navigation_and_dialog (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (GPtrArray) details = NULL;
  PrlWindow *window;
  PrlModel  *model;

  mark_guide_seen (TRUE);
  window = open_window (dir);
  prl_test_wait_until (window_has_workspace, window);
  model = prl_test_create_model (prl_window_get_workspace (window), "court-hearings");

  prl_window_show_model (window, model);
  prl_test_wait_until (leaflet_on_details, window);
  details = prl_test_find_all (GTK_WIDGET (window), PRL_TYPE_MODEL_DETAILS_PAGE, NULL);
  g_assert_cmpuint (details->len, ==, 1);
  g_assert_true (prl_model_details_page_get_model (details->pdata[0]) == model);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-models", NULL);
  prl_test_wait_until (leaflet_on_models, window);

  /* A model deleted behind the details page's back sends it home. */
  prl_window_show_model (window, model);
  prl_test_wait_until (leaflet_on_details, window);
  prl_workspace_delete_model_async (prl_window_get_workspace (window), model, NULL, NULL,
                                    NULL);
  prl_test_wait_until (leaflet_on_models, window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-model", NULL);
  prl_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (PRL_TYPE_NEW_MODEL_DIALOG));

  g_object_unref (model);
  close_all (window);
  prl_test_rm_rf (dir);
}

static gboolean
job_ended (gpointer data)
{
  return !prl_job_is_active (data);
}

static GtkWidget *
jobs_button (PrlWindow *window)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (window), PRL_TYPE_WINDOW,
                                                   "jobs_button");

  g_assert_true (PRL_IS_JOBS_BUTTON (button));
  return GTK_WIDGET (button);
}

static gboolean
jobs_button_shown (gpointer data)
{
  return gtk_widget_is_drawable (jobs_button (data));
}

/* The job titles in the popover, top to bottom, and the line under each. */
static char *
describe_jobs (GtkWidget *button)
{
  GtkWidget *list = GTK_WIDGET (
      gtk_widget_get_template_child (button, PRL_TYPE_JOBS_BUTTON, "list_box"));
  g_autoptr (GPtrArray) labels = NULL;
  GString *out = g_string_new (NULL);

  /* Read the rows as the open popover shows them. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (
      gtk_widget_get_template_child (button, PRL_TYPE_JOBS_BUTTON, "menu_button")));
  prl_test_iterate (100);
  labels = prl_test_find_all (list, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]))
      g_string_append_printf (out, "%s|", gtk_label_get_label (labels->pdata[i]));
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Jobs started anywhere are followed from every page: newest first, with
 * the outcome and time of the ended ones, which Clear Finished removes. */
static void
test_jobs_on_every_page (void)
{
  g_autofree char  *dir = prl_test_make_tmpdir ();
  const char *const pages[] = { "models", "details", "evaluation", "transcription" };
  g_autoptr (PrlJob) done = NULL;
  g_autoptr (PrlJob) failed = NULL;
  g_autoptr (PrlJob) cancelled = NULL;
  g_autoptr (PrlJob) running = NULL;
  g_autoptr (GPtrArray) leaflets = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *hour = g_date_time_format (now, "%H:");
  g_autofree char *text = NULL;
  PrlWorkspace    *workspace;
  PrlWindow       *window;
  PrlModel        *model;
  GtkWidget       *button;

  mark_guide_seen (TRUE);
  window = open_window (dir);
  prl_test_wait_until (window_has_workspace, window);
  workspace = prl_window_get_workspace (window);
  model = prl_test_create_model (workspace, "dictation");
  button = jobs_button (window);
  prl_test_iterate (100);

  /* Nothing to show yet. */
  g_assert_false (gtk_widget_get_visible (button));

  done = run_test_job (workspace, "Done job");
  prl_test_wait_until (job_ended, done);
  failed = run_test_job (workspace, "Fail job");
  prl_test_wait_until (job_ended, failed);
  cancelled = run_test_job (workspace, "Wait then cancel");
  prl_job_cancel (cancelled);
  prl_test_wait_until (job_ended, cancelled);
  running = run_test_job (workspace, "Wait running");
  prl_test_iterate (100);

  leaflets = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  prl_window_show_model (window, model);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      adw_leaflet_set_visible_child_name (leaflets->pdata[0], pages[i]);
      prl_test_wait_until (jobs_button_shown, window);
      g_assert_cmpstr (visible_page (window, "leaflet"), ==, pages[i]);
    }

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (
                       button, PRL_TYPE_JOBS_BUTTON, "summary_label"))),
                   ==, "1 job running");

  /* Newest first; the ended ones say how and when. */
  text = describe_jobs (button);
  g_test_message ("%s", text);
  g_assert_true (strstr (text, "Wait running|") < strstr (text, "Wait then cancel|"));
  g_assert_true (strstr (text, "Wait then cancel|") < strstr (text, "Fail job|"));
  g_assert_true (strstr (text, "Fail job|") < strstr (text, "Done job|"));
  assert_contains (text, "Done job|Done at ");
  assert_contains (text, "Fail job|Failed at ");
  assert_contains (text, ": The disk is full. Free some space and try again.|");
  assert_contains (text, "Wait then cancel|Cancelled at ");
  {
    g_autofree char *at = g_strdup_printf ("Done at %s", hour);

    /* The minute may just have turned; the hour rarely. */
    assert_contains (text, at);
  }

  /* Clear Finished keeps the running job only. */
  g_assert_true (gtk_widget_activate_action (button, "jobs.clear-finished", NULL));
  prl_test_iterate (50);
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (prl_workspace_get_job_manager (workspace))),
      ==, 1);
  g_free (text);
  text = describe_jobs (button);
  g_assert_cmpstr (strstr (text, "Done job"), ==, NULL);
  assert_contains (text, "Wait running|");
  g_assert_true (gtk_widget_get_visible (button));

  /* Once that one ended and is cleared, the indicator goes. */
  prl_job_cancel (running);
  prl_test_wait_until (job_ended, running);
  prl_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (
                       button, PRL_TYPE_JOBS_BUTTON, "summary_label"))),
                   ==, "No jobs running");
  gtk_widget_activate_action (button, "jobs.clear-finished", NULL);
  prl_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (button));

  g_object_unref (model);
  close_all (window);
  prl_test_rm_rf (dir);
}

static gboolean
guide_shown (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_GETTING_STARTED_WINDOW) != NULL;
}

static void
test_guide_first_run_only (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  PrlWindow       *window;

  mark_guide_seen (FALSE);
  window = open_window (dir);
  prl_test_wait_until (window_has_workspace, window);
  prl_test_wait_until (guide_shown, NULL);
  close_all (window);

  /* Second start: the guide stays closed, the header button reopens it. */
  window = open_window (dir);
  prl_test_wait_until (window_has_workspace, window);
  prl_test_iterate (300);
  g_assert_null (prl_test_find_toplevel (PRL_TYPE_GETTING_STARTED_WINDOW));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.getting-started", NULL);
  prl_test_wait_until (guide_shown, NULL);

  close_all (window);
  prl_test_rm_rf (dir);
}

static gboolean
new_model_dialog_shown (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_NEW_MODEL_DIALOG) != NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_PREFERENCES_WINDOW) != NULL;
}

/* The New Custom Model dialog's "Set Up an Account…" opens Preferences
 * on its Accounts page through the window; plain Preferences opens on
 * General. */
static void
test_preferences_accounts (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  PrlWindow       *window;
  GtkWidget       *dialog;
  GtkWidget       *preferences;

  mark_guide_seen (TRUE);
  window = open_window (dir);
  prl_test_wait_until (window_has_workspace, window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  prl_test_wait_until (preferences_shown, NULL);
  preferences = GTK_WIDGET (prl_test_find_toplevel (PRL_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpstr (
      adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)),
      !=, "accounts");
  gtk_window_destroy (GTK_WINDOW (preferences));
  prl_test_iterate (20);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-model", NULL);
  prl_test_wait_until (new_model_dialog_shown, NULL);
  dialog = GTK_WIDGET (prl_test_find_toplevel (PRL_TYPE_NEW_MODEL_DIALOG));
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.set-up-account", NULL));
  prl_test_wait_until (preferences_shown, NULL);
  preferences = GTK_WIDGET (prl_test_find_toplevel (PRL_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpstr (
      adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)),
      ==, "accounts");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences))
                 == GTK_WINDOW (window));

  close_all (window);
  prl_test_rm_rf (dir);
}

static void
test_shortcuts_and_about (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlApplication) app = prl_application_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) accels = NULL;
  GtkWindow *about;
  PrlWindow *window;

  /* Startup (accelerators, the shortcuts window) needs a registered app. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_test_skip (error->message);
      return;
    }

  mark_guide_seen (TRUE);
  window = prl_window_new (ADW_APPLICATION (app), dir);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_wait_until (window_has_workspace, window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  prl_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  prl_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));
  about = prl_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Parlance");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.new-model");
  g_assert_cmpstr (accels[0], ==, "<Control>n");

  close_all (window);
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  g_test_add_func ("/window/opens-workspace", test_opens_workspace);
  g_test_add_func ("/window/error-page-and-retry", test_error_page_and_retry);
  g_test_add_func ("/window/navigation-and-dialog", test_navigation_and_dialog);
  g_test_add_func ("/window/guide-first-run-only", test_guide_first_run_only);
  g_test_add_func ("/window/shortcuts-and-about", test_shortcuts_and_about);
  g_test_add_func ("/window/preferences-accounts", test_preferences_accounts);
  g_test_add_func ("/window/jobs-on-every-page", test_jobs_on_every_page);

  return g_test_run ();
}
