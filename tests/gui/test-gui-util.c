/* test-gui-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prl-gui-util.h"
#include "prl-gui-test-util.h"

/* The helpers the pages share: the save chooser and what follows a save,
 * a job's progress on a progress bar, unparenting a widget's children and
 * the "workspace" and "model" properties.
 */

static gboolean
job_reported (gpointer data)
{
  return g_strcmp0 (prl_job_get_status (data), "Working") == 0;
}

static gboolean
job_done (gpointer data)
{
  return !prl_job_is_active (data);
}

static void
test_save_chooser (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new ();
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GtkWidget) label = g_object_ref_sink (gtk_label_new ("x"));
  g_autoptr (GtkNativeDialog) chooser = NULL;
  g_autoptr (GtkFileFilter) shown = NULL;
  g_autoptr (GListModel) filters = NULL;
  g_autofree char *name = NULL;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_file_filter_set_name (filter, "PNG images");
  gtk_file_filter_add_suffix (filter, "png");

  chooser = prl_gui_save_chooser_new (button, "Save Chart", "_Save", filter, "chart.png");
  g_assert_true (gtk_native_dialog_get_modal (chooser));
  g_assert_true (gtk_native_dialog_get_transient_for (chooser) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_native_dialog_get_title (chooser), ==, "Save Chart");
  g_assert_cmpstr (
      gtk_file_chooser_native_get_accept_label (GTK_FILE_CHOOSER_NATIVE (chooser)), ==,
      "_Save");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "chart.png");
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  shown = g_list_model_get_item (filters, 0);
  g_assert_true (shown == filter);
  g_clear_object (&filters);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&chooser);

  /* Without a filter and outside a window. */
  chooser = prl_gui_save_chooser_new (label, "Export Transcript", "_Export", NULL,
                                      "talk.srt");
  g_assert_null (gtk_native_dialog_get_transient_for (chooser));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 0);
  gtk_native_dialog_destroy (chooser);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_saved_file (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "exports", NULL);
  g_autofree char *path = g_build_filename (sub, "talk.srt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GtkWidget) lone = g_object_ref_sink (gtk_label_new ("x"));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *button = gtk_button_new ();
  AdwToast  *toast;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), button);
  gtk_window_set_child (GTK_WINDOW (window), overlay);

  /* Outside a toast overlay there is no toast, but the folder is kept. */
  g_assert_null (prl_gui_show_saved_file (lone, "Transcript exported", file));
  folder = prl_gui_dup_save_folder ();
  g_assert_cmpstr (g_file_peek_path (folder), ==, sub);

  /* The title is plain text, and Open carries the file. */
  toast = prl_gui_show_saved_file (button, "Saved <b> & done", file);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Saved &lt;b&gt; &amp; done");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_true (g_object_get_data (G_OBJECT (toast), "prl-file") == file);

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_rm_rf (dir);
}

static void
check_progress (const char *fraction, gboolean known, double shown)
{
  g_autofree char *title = g_strconcat ("Report ", fraction, NULL);
  g_autoptr (PrlJob) job = prl_test_job_new (title);
  GtkProgressBar *bar = GTK_PROGRESS_BAR (g_object_ref_sink (gtk_progress_bar_new ()));

  prl_job_execute_async (job, NULL, NULL, NULL);
  prl_test_wait_until (job_reported, job);

  gtk_progress_bar_set_fraction (bar, 0.25);
  g_assert_true (prl_gui_show_job_progress (bar, job) == known);
  /* A pulse moves the block without setting a fraction. */
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), shown, 1e-9);

  prl_job_cancel (job);
  prl_test_wait_until (job_done, job);
  g_object_unref (bar);
}

static void
test_job_progress (void)
{
  check_progress ("0.42", TRUE, 0.42);
  check_progress ("1", TRUE, 1.0);
  check_progress ("-1", FALSE, 0.25);
}

static void
test_unparent_children (void)
{
  g_autoptr (GtkWidget) parent = g_object_ref_sink (gtk_label_new ("parent"));
  g_autoptr (GtkWidget) first = g_object_ref (gtk_label_new ("first"));
  g_autoptr (GtkWidget) second = g_object_ref (gtk_label_new ("second"));

  gtk_widget_set_parent (first, parent);
  gtk_widget_set_parent (second, parent);
  g_assert_true (gtk_widget_get_parent (second) == parent);

  prl_gui_unparent_children (parent);
  g_assert_null (gtk_widget_get_first_child (parent));
  g_assert_null (gtk_widget_get_parent (first));
  g_assert_null (gtk_widget_get_parent (second));
}

/* An object with construct-only "workspace" and "model" properties made
 * by the helpers, and a "name" of its own that they must leave alone. */
#define TEST_TYPE_HOLDER (test_holder_get_type ())
G_DECLARE_FINAL_TYPE (TestHolder, test_holder, TEST, HOLDER, GObject)

struct _TestHolder
{
  GObject       parent_instance;
  PrlWorkspace *workspace;
  PrlModel     *model;
  char         *name;
};

enum
{
  HOLDER_PROP_0,
  HOLDER_PROP_WORKSPACE,
  HOLDER_PROP_MODEL,
  HOLDER_PROP_NAME,
};

G_DEFINE_FINAL_TYPE (TestHolder, test_holder, G_TYPE_OBJECT)

static void
test_holder_finalize (GObject *object)
{
  TestHolder *self = TEST_HOLDER (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_free (self->name);
  G_OBJECT_CLASS (test_holder_parent_class)->finalize (object);
}

static void
test_holder_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TestHolder *self = TEST_HOLDER (object);

  if (prl_gui_get_workspace_property (pspec, value, self->workspace, self->model))
    return;
  g_assert_cmpuint (prop_id, ==, HOLDER_PROP_NAME);
  g_value_set_string (value, self->name);
}

static void
test_holder_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TestHolder *self = TEST_HOLDER (object);

  if (prl_gui_init_workspace_property (pspec, value, &self->workspace, &self->model))
    return;
  g_assert_cmpuint (prop_id, ==, HOLDER_PROP_NAME);
  self->name = g_value_dup_string (value);
}

static void
test_holder_class_init (TestHolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = test_holder_finalize;
  object_class->get_property = test_holder_get_property;
  object_class->set_property = test_holder_set_property;
  prl_gui_install_construct_workspace (object_class, HOLDER_PROP_WORKSPACE,
                                       HOLDER_PROP_MODEL);
  g_object_class_install_property (object_class, HOLDER_PROP_NAME,
                                   g_param_spec_string ("name", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE
                                                            | G_PARAM_CONSTRUCT_ONLY
                                                            | G_PARAM_STATIC_STRINGS));
}

static void
test_holder_init (TestHolder *self)
{
}

static void
test_workspace_properties (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (PrlWorkspace) workspace = prl_test_open_workspace (dir);
  g_autoptr (PrlModel) model = prl_test_create_model (workspace, "Radiology");
  g_autoptr (GParamSpec) readable
      = g_param_spec_ref_sink (prl_gui_param_spec_workspace (G_PARAM_READABLE));
  g_autoptr (GParamSpec) list = g_param_spec_ref_sink (
      g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READWRITE));
  g_autoptr (TestHolder) holder = NULL;
  g_autoptr (TestHolder) bare = NULL;
  g_autoptr (PrlWorkspace) got_workspace = NULL;
  g_autoptr (PrlModel) got_model = NULL;
  g_autofree char *got_name = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  GParamSpec *model_pspec;
  PrlModel   *unset = NULL;

  /* Every widget's pair has the same name, type and notification. */
  g_assert_cmpstr (g_param_spec_get_name (readable), ==, "workspace");
  g_assert_true (readable->value_type == PRL_TYPE_WORKSPACE);
  g_assert_cmpint (readable->flags & G_PARAM_READWRITE, ==, G_PARAM_READABLE);
  g_assert_true (readable->flags & G_PARAM_EXPLICIT_NOTIFY);
  holder = g_object_new (TEST_TYPE_HOLDER, "workspace", workspace, "model", model, "name",
                         "own", NULL);
  model_pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (holder), "model");
  g_assert_nonnull (model_pspec);
  g_assert_true (model_pspec->value_type == PRL_TYPE_MODEL);
  g_assert_true (model_pspec->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_true (model_pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
  g_assert_true (holder->workspace == workspace);
  g_assert_true (holder->model == model);
  g_assert_cmpstr (holder->name, ==, "own");
  g_object_get (holder, "workspace", &got_workspace, "model", &got_model, "name",
                &got_name, NULL);
  g_assert_true (got_workspace == workspace);
  g_assert_true (got_model == model);
  g_assert_cmpstr (got_name, ==, "own");

  /* Unset, both read back as NULL. */
  bare = g_object_new (TEST_TYPE_HOLDER, NULL);
  g_assert_null (bare->workspace);
  g_clear_object (&got_model);
  g_object_get (bare, "model", &got_model, NULL);
  g_assert_null (got_model);

  /* A "model" of another type, or one the caller has no field for, is left
   * to the caller. */
  g_value_init (&value, G_TYPE_LIST_MODEL);
  g_assert_false (prl_gui_get_workspace_property (list, &value, workspace, model));
  g_assert_null (g_value_get_object (&value));
  g_value_unset (&value);
  g_value_init (&value, PRL_TYPE_MODEL);
  g_value_set_object (&value, model);
  g_assert_false (
      prl_gui_init_workspace_property (model_pspec, &value, &got_workspace, NULL));
  g_assert_true (
      prl_gui_init_workspace_property (model_pspec, &value, &got_workspace, &unset));
  g_assert_true (unset == model);
  g_clear_object (&unset);

  g_clear_object (&holder);
  g_clear_object (&bare);
  g_clear_object (&model);
  g_clear_object (&workspace);
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  g_test_add_func ("/gui-util/save-chooser", test_save_chooser);
  g_test_add_func ("/gui-util/saved-file", test_saved_file);
  g_test_add_func ("/gui-util/job-progress", test_job_progress);
  g_test_add_func ("/gui-util/unparent-children", test_unparent_children);
  g_test_add_func ("/gui-util/workspace-properties", test_workspace_properties);

  return g_test_run ();
}
