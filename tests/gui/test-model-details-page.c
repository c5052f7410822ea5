/* test-model-details-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-datasets-view.h"
#include "prl-gui-test-util.h"
#include "prl-model-details-page.h"
#include "prl-new-dataset-dialog.h"
#include "prl-status-badge.h"
#include "prl-workspace.h"

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  GtkWidget    *window;  /* (owned) */
  GtkWidget    *overlay; /* (unowned) */
  GtkWidget    *page;    /* (owned) */
} Fixture;

static PrlModel *
new_model (gint64 id, const char *name, PrlTrainingStatus status, gint64 modified_unix)
{
  g_autoptr (GDateTime) modified = g_date_time_new_from_unix_utc (modified_unix);

  return prl_model_new (id, name, "local", "en-US", PRL_BASE_MODEL_WIDE_BAND, status,
                        NULL, modified, modified);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = g_dir_make_tmp ("parlance-details-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->workspace = prl_test_open_workspace (fixture->dir);

  fixture->page = g_object_ref_sink (prl_model_details_page_new (fixture->workspace));
  fixture->overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fixture->overlay), fixture->page);

  fixture->window = g_object_ref (gtk_window_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->overlay);
  gtk_window_present (GTK_WINDOW (fixture->window));
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
  GtkWidget *window = g_steal_pointer (&fixture->window);
  GtkWidget *page = g_steal_pointer (&fixture->page);

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  prl_test_finalize_object (window);
  prl_test_finalize_object (page);

  /* The page's last provider refresh may still hold the workspace while
   * its thread ends on a loaded machine: wait for it, as for the widgets. */
  prl_test_finalize_object (g_steal_pointer (&fixture->workspace));
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
child (Fixture *fixture, const char *name)
{
  return prl_test_template_child (fixture->page, PRL_TYPE_MODEL_DETAILS_PAGE, name);
}

static PrlModelDetailsPage *
page (Fixture *fixture)
{
  return PRL_MODEL_DETAILS_PAGE (fixture->page);
}

static const char *
label_text (Fixture *fixture, const char *name)
{
  return gtk_label_get_label (child (fixture, name));
}

static const char *
name_text (Fixture *fixture)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (fixture, "name_row")));
}

static void
type_name (Fixture *fixture, const char *name)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "name_row")), name);
  prl_test_drain ();
}

static gboolean
update_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (child (fixture, "update_button"));
}

static const char *
name_error (Fixture *fixture)
{
  GtkRevealer *revealer = child (fixture, "name_error_revealer");

  g_assert_cmpint (gtk_revealer_get_reveal_child (revealer), ==,
                   gtk_widget_has_css_class (child (fixture, "name_row"), "error"));

  return gtk_revealer_get_reveal_child (revealer)
             ? label_text (fixture, "name_error_label")
             : NULL;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static gboolean
expanded (Fixture *fixture)
{
  return gtk_expander_get_expanded (child (fixture, "status_expander"));
}

static PrlTrainingStatus
badge_status (Fixture *fixture)
{
  return prl_status_badge_get_status (child (fixture, "status_badge"));
}

static void
press_update (Fixture *fixture)
{
  gtk_widget_activate_action (fixture->page, "details.rename", NULL);
  while (!gtk_widget_get_sensitive (child (fixture, "name_row")))
    g_main_context_iteration (NULL, TRUE);
  prl_test_drain ();
}

static void
test_show_model (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "clinic");
  GtkWidget *back = child (fixture, "back_button");

  /* Nothing shown yet. */
  g_assert_null (prl_model_details_page_get_model (page (fixture)));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "content")));

  prl_model_details_page_set_model (page (fixture), model);
  prl_test_drain ();

  g_assert_true (prl_model_details_page_get_model (page (fixture)) == model);
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "content")));
  g_assert_cmpstr (name_text (fixture), ==, "clinic");
  g_assert_cmpstr (adw_window_title_get_title (child (fixture, "window_title")), ==,
                   "clinic");
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
  g_assert_cmpstr (label_text (fixture, "language_label"), ==, "English");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "language_row")), ==,
                   "en-US");
  g_assert_cmpstr (label_text (fixture, "base_model_label"), ==, "NarrowBand");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "base_model_row")), ==,
                   prl_base_model_get_description (PRL_BASE_MODEL_NARROW_BAND));
  /* Created a moment ago. */
  assert_contains (label_text (fixture, "modified_label"), "Today at ");

  /* The banner explains the status, folded away. */
  g_assert_false (expanded (fixture));
  g_assert_cmpstr (gtk_expander_get_label (child (fixture, "status_expander")), ==,
                   "What “Not Running” means");
  g_assert_cmpstr (label_text (fixture, "status_help_label"), ==,
                   prl_training_status_get_help (PRL_TRAINING_STATUS_NOT_RUNNING));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "status_banner"), "card"));

  /* Nothing to update and nothing to complain about. */
  g_assert_false (update_enabled (fixture));
  g_assert_null (name_error (fixture));

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==,
                   "win.show-models");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back to Custom Models");

  /* No model: an empty, inert page. */
  prl_model_details_page_set_model (page (fixture), NULL);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "content")));
  g_assert_cmpstr (name_text (fixture), ==, "");
  g_assert_cmpstr (adw_window_title_get_title (child (fixture, "window_title")), ==, "");
}

static void
test_rename (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "clinic");
  g_autoptr (PrlWorkspace) reopened = NULL;
  PrlModel *found;

  prl_model_details_page_set_model (page (fixture), model);
  prl_test_drain ();

  type_name (fixture, "clinic-2");
  g_assert_null (name_error (fixture));
  g_assert_true (update_enabled (fixture));

  press_update (fixture);

  g_assert_cmpstr (prl_model_get_name (model), ==, "clinic-2");
  g_assert_true (prl_workspace_find_model (fixture->workspace, "clinic-2") == model);
  g_assert_null (prl_workspace_find_model (fixture->workspace, "clinic"));
  g_assert_cmpstr (name_text (fixture), ==, "clinic-2");
  g_assert_cmpstr (adw_window_title_get_title (child (fixture, "window_title")), ==,
                   "clinic-2");
  g_assert_false (update_enabled (fixture));
  g_assert_null (name_error (fixture));
  g_assert_true (prl_test_has_label (fixture->overlay, "Renamed to “clinic-2”"));

  /* Enter in the field saves too; a change of case is a rename. */
  type_name (fixture, "Clinic-2");
  g_assert_true (update_enabled (fixture));
  g_signal_emit_by_name (child (fixture, "name_row"), "entry-activated");
  while (!gtk_widget_get_sensitive (child (fixture, "name_row")))
    g_main_context_iteration (NULL, TRUE);
  prl_test_drain ();
  g_assert_cmpstr (prl_model_get_name (model), ==, "Clinic-2");

  /* Saved: a second workspace on the same folder reads the new name. */
  reopened = prl_test_open_workspace (fixture->dir);
  found = prl_workspace_find_model (reopened, "clinic-2");
  g_assert_nonnull (found);
  g_assert_cmpstr (prl_model_get_name (found), ==, "Clinic-2");
  g_assert_cmpint (prl_model_get_id (found), ==, prl_model_get_id (model));
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (reopened)), ==,
                    1);
}

static void
test_bad_rename (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) a = prl_test_create_model (fixture->workspace, "alpha");
  g_autoptr (PrlModel) b = prl_test_create_model (fixture->workspace, "beta");
  g_autofree char *too_long = g_strnfill (201, 'b');

  prl_model_details_page_set_model (page (fixture), b);
  prl_test_drain ();

  /* Taken, whatever the case. */
  type_name (fixture, "ALPHA");
  g_assert_false (update_enabled (fixture));
  assert_contains (name_error (fixture), "already exists");

  /* Asking anyway changes nothing. */
  gtk_widget_activate_action (fixture->page, "details.rename", NULL);
  prl_test_drain ();
  g_assert_cmpstr (prl_model_get_name (b), ==, "beta");
  g_assert_cmpstr (prl_model_get_name (a), ==, "alpha");

  type_name (fixture, "");
  g_assert_false (update_enabled (fixture));
  assert_contains (name_error (fixture), "Enter a name");

  type_name (fixture, "two words");
  g_assert_false (update_enabled (fixture));
  assert_contains (name_error (fixture), "Spaces are not allowed");

  type_name (fixture, "café");
  assert_contains (name_error (fixture), "“é” is not allowed");

  type_name (fixture, too_long);
  assert_contains (name_error (fixture), "at most 200");

  /* Back to the current name: nothing to update, no error. */
  type_name (fixture, "beta");
  g_assert_null (name_error (fixture));
  g_assert_false (update_enabled (fixture));
  g_assert_cmpstr (prl_model_get_name (b), ==, "beta");
}

static void
test_rename_refused_by_store (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "mine");
  PrlStore *store = prl_workspace_get_store (fixture->workspace);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlModel) other = NULL;
  g_autoptr (PrlWorkspace) reopened = NULL;
  PrlModelCreateOptions theirs = {
    .name = "theirs",
    .provider = "local",
    .language = "en-US",
    .base_model = PRL_BASE_MODEL_NARROW_BAND,
  };

  prl_model_details_page_set_model (page (fixture), model);
  prl_test_drain ();

  /* Another process takes the name behind the workspace's back. */
  prl_store_insert_model_full_async (store, &theirs, NULL, prl_test_result_cb, &result);
  other = prl_store_insert_model_finish (store, prl_test_wait_for (&result), NULL);
  g_assert_nonnull (other);

  type_name (fixture, "theirs");
  g_assert_true (update_enabled (fixture));
  press_update (fixture);

  assert_contains (name_error (fixture), "already exists");
  g_assert_false (update_enabled (fixture));
  g_assert_cmpstr (prl_model_get_name (model), ==, "mine");
  g_assert_cmpstr (name_text (fixture), ==, "theirs");

  /* Both models are intact on disk. */
  reopened = prl_test_open_workspace (fixture->dir);
  g_assert_nonnull (prl_workspace_find_model (reopened, "mine"));
  g_assert_nonnull (prl_workspace_find_model (reopened, "theirs"));
  g_assert_cmpint (prl_model_get_id (prl_workspace_find_model (reopened, "mine")), ==,
                   prl_model_get_id (model));

  /* Editing again clears the error. */
  type_name (fixture, "mine-2");
  g_assert_null (name_error (fixture));
  g_assert_true (update_enabled (fixture));
}

static void
test_success_banner (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) done
      = new_model (41, "done", PRL_TRAINING_STATUS_SUCCESS, 1000000);
  g_autoptr (PrlModel) idle
      = new_model (42, "idle", PRL_TRAINING_STATUS_NOT_RUNNING, 1000000);
  g_autoptr (PrlModel) idle_trained
      = new_model (42, "idle-renamed", PRL_TRAINING_STATUS_SUCCESS, 2000000);

  prl_model_details_page_set_model (page (fixture), done);
  prl_test_drain ();
  g_assert_true (expanded (fixture));
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpstr (gtk_expander_get_label (child (fixture, "status_expander")), ==,
                   "What “Success” means");
  g_assert_cmpstr (label_text (fixture, "status_help_label"), ==,
                   prl_training_status_get_help (PRL_TRAINING_STATUS_SUCCESS));
  g_assert_cmpstr (label_text (fixture, "base_model_label"), ==, "WideBand");

  /* Another model: collapsed again. */
  prl_model_details_page_set_model (page (fixture), idle);
  prl_test_drain ();
  g_assert_false (expanded (fixture));
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_NOT_RUNNING);

  /* The shown model finishes training: the page follows it live. */
  prl_model_update_from (idle, idle_trained);
  prl_test_drain ();
  g_assert_true (expanded (fixture));
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_SUCCESS);
  g_assert_cmpstr (name_text (fixture), ==, "idle-renamed");
  g_assert_cmpstr (adw_window_title_get_title (child (fixture, "window_title")), ==,
                   "idle-renamed");
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_switch_disconnects (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) first = new_model (1, "first", PRL_TRAINING_STATUS_NOT_RUNNING, 0);
  g_autoptr (PrlModel) first_v2
      = new_model (1, "first-v2", PRL_TRAINING_STATUS_FAILED, 5);
  g_autoptr (PrlModel) second
      = new_model (2, "second", PRL_TRAINING_STATUS_READY_TO_RUN, 0);
  guint n_notify = 0;

  prl_model_details_page_set_model (page (fixture), first);
  prl_model_details_page_set_model (page (fixture), second);
  prl_test_drain ();

  /* Changes to a model no longer shown do not reach the page. */
  prl_model_update_from (first, first_v2);
  prl_test_drain ();
  g_assert_cmpstr (name_text (fixture), ==, "second");
  g_assert_cmpstr (adw_window_title_get_title (child (fixture, "window_title")), ==,
                   "second");
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_READY_TO_RUN);

  /* Setting the same model again does not notify. */
  g_signal_connect (fixture->page, "notify::model", G_CALLBACK (count_notify_cb),
                    &n_notify);
  prl_model_details_page_set_model (page (fixture), second);
  g_assert_cmpuint (n_notify, ==, 0);
  g_object_set (fixture->page, "model", first, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpstr (name_text (fixture), ==, "first-v2");
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_FAILED);
}

static void
test_external_rename (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model
      = new_model (7, "before", PRL_TRAINING_STATUS_NOT_RUNNING, 0);
  g_autoptr (PrlModel) after = new_model (7, "after", PRL_TRAINING_STATUS_NOT_RUNNING, 0);
  g_autoptr (PrlModel) later = new_model (7, "later", PRL_TRAINING_STATUS_NOT_RUNNING, 0);

  prl_model_details_page_set_model (page (fixture), model);

  /* Untouched field: follows the new name. */
  prl_model_update_from (model, after);
  g_assert_cmpstr (name_text (fixture), ==, "after");
  g_assert_false (update_enabled (fixture));

  /* The user is typing: their text is kept. */
  type_name (fixture, "typed");
  prl_model_update_from (model, later);
  g_assert_cmpstr (name_text (fixture), ==, "typed");
  g_assert_true (update_enabled (fixture));
}

static void
test_last_modified (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) t1 = g_date_time_new_utc (2020, 6, 15, 12, 0, 0);
  g_autoptr (GDateTime) t2 = g_date_time_new_utc (2021, 6, 15, 12, 0, 0);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (PrlModel) model
      = prl_model_new (3, "m", "local", "en-US", PRL_BASE_MODEL_WIDE_BAND,
                       PRL_TRAINING_STATUS_NOT_RUNNING, NULL, t1, t1);
  g_autoptr (PrlModel) newer
      = prl_model_new (3, "m", "local", "en-US", PRL_BASE_MODEL_WIDE_BAND,
                       PRL_TRAINING_STATUS_NOT_RUNNING, NULL, t1, t2);
  g_autoptr (PrlModel) fresh
      = prl_model_new (3, "m", "local", "en-US", PRL_BASE_MODEL_WIDE_BAND,
                       PRL_TRAINING_STATUS_NOT_RUNNING, NULL, t1, now);

  prl_model_details_page_set_model (page (fixture), model);
  assert_contains (label_text (fixture, "modified_label"), "June 2020 at ");
  g_assert_nonnull (gtk_widget_get_tooltip_text (child (fixture, "modified_label")));

  prl_model_update_from (model, newer);
  assert_contains (label_text (fixture, "modified_label"), "June 2021 at ");

  prl_model_update_from (model, fresh);
  assert_contains (label_text (fixture, "modified_label"), "Today at ");
}

static void
test_workspace_later (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "late");
  GtkWidget *late = g_object_ref_sink (g_object_new (PRL_TYPE_MODEL_DETAILS_PAGE, NULL));
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *row;
  GtkWidget *update;

  gtk_window_set_child (GTK_WINDOW (window), late);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_drain ();

  /* As in a window template: the workspace arrives after construction. */
  g_assert_null (prl_model_details_page_get_workspace (PRL_MODEL_DETAILS_PAGE (late)));
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (late), model);

  row = GTK_WIDGET (
      gtk_widget_get_template_child (late, PRL_TYPE_MODEL_DETAILS_PAGE, "name_row"));
  update = GTK_WIDGET (
      gtk_widget_get_template_child (late, PRL_TYPE_MODEL_DETAILS_PAGE, "update_button"));
  gtk_editable_set_text (GTK_EDITABLE (row), "late-2");
  g_assert_false (gtk_widget_get_sensitive (update));

  g_object_set (late, "workspace", fixture->workspace, NULL);
  g_assert_true (prl_model_details_page_get_workspace (PRL_MODEL_DETAILS_PAGE (late))
                 == fixture->workspace);
  g_assert_true (gtk_widget_get_sensitive (update));

  g_object_set (late, "workspace", NULL, NULL);
  g_assert_false (gtk_widget_get_sensitive (update));

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (late);
}

/* Datasets on the details page */
static GFile *
write_text (Fixture *fixture, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GtkWidget *
find_dataset_dialog (void)
{
  return GTK_WIDGET (prl_test_find_toplevel (PRL_TYPE_NEW_DATASET_DIALOG));
}

static gboolean
dataset_dialog_shown (gpointer data)
{
  return find_dataset_dialog () != NULL;
}

static gboolean
dataset_dialog_ready (gpointer data)
{
  GtkWidget *dialog = find_dataset_dialog ();

  return dialog != NULL
         && gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
             dialog, PRL_TYPE_NEW_DATASET_DIALOG, "create_button")));
}

static GtkDropTarget *
page_drop_target (Fixture *fixture)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (fixture->page);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static PrlTrainingStatus
model_status (gpointer data)
{
  return prl_model_get_status (data);
}

static gboolean
is_ready_to_run (gpointer data)
{
  return model_status (data) == PRL_TRAINING_STATUS_READY_TO_RUN;
}

static gboolean
is_not_running (gpointer data)
{
  return model_status (data) == PRL_TRAINING_STATUS_NOT_RUNNING;
}

static void
test_add_dataset (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "clinic");
  GtkWidget  *view = child (fixture, "datasets_view");
  GtkWidget  *dialog;
  GListModel *datasets = prl_workspace_get_datasets (fixture->workspace, model);

  /* No model: nothing to add to. */
  g_assert_false (gtk_widget_get_sensitive (view));
  gtk_widget_activate_action (fixture->page, "details.add-dataset", NULL);
  prl_test_iterate (50);
  g_assert_null (find_dataset_dialog ());

  prl_model_details_page_set_model (page (fixture), model);
  prl_test_iterate (100);
  g_assert_true (gtk_widget_get_sensitive (view));
  g_assert_true (prl_datasets_view_get_model (PRL_DATASETS_VIEW (view)) == model);
  g_assert_true (prl_datasets_view_get_workspace (PRL_DATASETS_VIEW (view))
                 == fixture->workspace);
  g_assert_true (prl_test_has_label (
      fixture->page, "No datasets yet — drop files here or use Add Dataset"));

  /* The section's Add Dataset button opens the dialog for this model. */
  gtk_widget_activate_action (fixture->page, "details.add-dataset", NULL);
  prl_test_wait_until (dataset_dialog_shown, NULL);
  dialog = find_dataset_dialog ();
  g_assert_true (prl_new_dataset_dialog_get_model (PRL_NEW_DATASET_DIALOG (dialog))
                 == model);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  g_assert_cmpuint (prl_new_dataset_dialog_get_n_files (PRL_NEW_DATASET_DIALOG (dialog)),
                    ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  prl_test_iterate (50);
  g_assert_null (find_dataset_dialog ());

  /* Files dropped on the page open it with the files. */
  {
    g_autoptr (GFile) file
        = write_text (fixture, "dropped.txt", "the patient was stable\nno change\n");
    GdkFileList   *list = gdk_file_list_new_from_array (&file, 1);
    GtkDropTarget *target = page_drop_target (fixture);
    GValue         value = G_VALUE_INIT;
    gboolean       accepted = FALSE;

    g_assert_nonnull (target);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, list);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
  }
  prl_test_wait_until (dataset_dialog_ready, NULL);
  dialog = find_dataset_dialog ();
  g_assert_cmpuint (prl_new_dataset_dialog_get_n_files (PRL_NEW_DATASET_DIALOG (dialog)),
                    ==, 1);

  /* Create: a toast, and the new dataset in the list. */
  gtk_widget_activate_action (dialog, "dialog.create", NULL);
  while (g_list_model_get_n_items (datasets) == 0)
    g_main_context_iteration (NULL, TRUE);
  prl_test_iterate (200);
  g_assert_null (find_dataset_dialog ());
  g_assert_true (prl_test_has_label (fixture->overlay, "Added 1 dataset"));
  g_assert_true (prl_test_has_label (view, "dropped.txt"));
}

/* A drop of training text and tuning text is one dataset per kind, and
 * the toast counts both the datasets and their files. */
static void
test_drop_makes_datasets (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "clinic");
  GListModel *datasets = prl_workspace_get_datasets (fixture->workspace, model);
  GFile      *files[3];
  GtkWidget  *dialog;

  prl_model_details_page_set_model (page (fixture), model);
  prl_test_iterate (100);
  files[0] = write_text (fixture, "ward1.txt", "the patient was stable\n");
  files[1] = write_text (fixture, "ward2.txt", "no change overnight\n");
  files[2] = write_text (fixture, "tuning.txt", "the dose was halved\n");
  {
    GdkFileList *list = gdk_file_list_new_from_array (files, 3);
    GValue       value = G_VALUE_INIT;
    gboolean     accepted = FALSE;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, list);
    g_signal_emit_by_name (page_drop_target (fixture), "drop", &value, 10.0, 10.0,
                           &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
  }
  for (guint i = 0; i < 3; i++)
    g_object_unref (files[i]);
  prl_test_wait_until (dataset_dialog_ready, NULL);
  dialog = find_dataset_dialog ();

  gtk_widget_activate_action (dialog, "dialog.create", NULL);
  while (g_list_model_get_n_items (datasets) < 3)
    g_main_context_iteration (NULL, TRUE);
  prl_test_iterate (200);
  g_assert_null (find_dataset_dialog ());
  g_assert_true (prl_test_has_label (fixture->overlay, "Added 2 datasets (3 files)"));
  g_assert_true (prl_test_has_label (fixture->page, "ward"));
  g_assert_true (prl_test_has_label (fixture->page, "tuning.txt"));
}

static void
test_status_follows_datasets (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PrlModel) model = prl_test_create_model (fixture->workspace, "clinic");
  g_autoptr (GFile) file
      = write_text (fixture, "training.txt", "the patient was stable\nno change\n");
  g_autoptr (PrlImportJob) job = NULL;
  g_autoptr (PrlDataset) dataset = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *datasets;

  prl_model_details_page_set_model (page (fixture), model);
  prl_test_iterate (100);
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_NOT_RUNNING);

  /* Training text: ready to run. */
  job = prl_workspace_import_files (fixture->workspace, model, &file, 1,
                                    PRL_DATASET_TYPE_AUTO);
  prl_test_wait_until (is_ready_to_run, model);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_READY_TO_RUN);

  /* Without it: nothing to train on. */
  datasets = prl_workspace_get_datasets (fixture->workspace, model);
  g_assert_cmpuint (g_list_model_get_n_items (datasets), ==, 1);
  dataset = g_list_model_get_item (datasets, 0);
  prl_workspace_delete_dataset_async (fixture->workspace, dataset, NULL,
                                      prl_test_result_cb, &result);
  g_assert_true (prl_workspace_delete_dataset_finish (
      fixture->workspace, prl_test_wait_for (&result), &error));
  g_assert_no_error (error);
  prl_test_wait_until (is_not_running, model);
  g_assert_cmpint (badge_status (fixture), ==, PRL_TRAINING_STATUS_NOT_RUNNING);
}

int
main (int argc, char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the datasets list shows SVG icons. */
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model-details-page/show-model", test_show_model);
  ADD ("/model-details-page/rename", test_rename);
  ADD ("/model-details-page/bad-rename", test_bad_rename);
  ADD ("/model-details-page/rename-refused-by-store", test_rename_refused_by_store);
  ADD ("/model-details-page/success-banner", test_success_banner);
  ADD ("/model-details-page/switch-disconnects", test_switch_disconnects);
  ADD ("/model-details-page/external-rename", test_external_rename);
  ADD ("/model-details-page/last-modified", test_last_modified);
  ADD ("/model-details-page/workspace-later", test_workspace_later);
  ADD ("/model-details-page/add-dataset", test_add_dataset);
  ADD ("/model-details-page/drop-makes-datasets", test_drop_makes_datasets);
  ADD ("/model-details-page/status-follows-datasets", test_status_follows_datasets);
#undef ADD

  return g_test_run ();
}
