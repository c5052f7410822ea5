/* prl-gui-test-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "prl-gui-test-util.h"
#include "prl-model-details-page.h"
#include "prl-remote-job.h"
#include "prl-store-versions.h"
#include "prl-train-dialog.h"

gboolean
prl_test_init_gtk (int *argc, char ***argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the shared MIME database,
   * and without it gdk-pixbuf cannot recognise the SVG icons. Workspaces
   * live in temporary folders and GSettings in memory instead.
   */
  g_test_init (argc, argv, NULL);

  /* Without a display this is a skip, not a crash. */
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  adw_init ();
  return TRUE;
}

char *
prl_test_make_tmpdir (void)
{
  GError *error = NULL;
  char   *dir = g_dir_make_tmp ("prl-gui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
prl_test_rm_rf (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (cmd), ==, 0);
}

/* An async callback that stores its result for prl_test_wait_for(). */
void
prl_test_result_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

GAsyncResult *
prl_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Runs whatever is pending on the main context, without waiting. */
void
prl_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
finalize_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* g_assert_finalize_object() for a widget whose views may still have a
 * store call in flight on the store's thread (each holds a reference until
 * its callback runs on this thread): drops the reference, then runs the
 * main context until the object is finalized, failing after 10 s, so a
 * real leak still fails while a loaded machine does not. */
void
prl_test_finalize_object (gpointer object)
{
  gpointer weak = object;
  gboolean timed_out = FALSE;
  guint    id;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  id = g_timeout_add_seconds (10, finalize_timeout_cb, &timed_out);
  while (weak != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (weak != NULL)
    g_error ("%s was not finalized: a reference is left", G_OBJECT_TYPE_NAME (weak));
}

PrlWorkspace *
prl_test_open_workspace (const char *dir)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws;

  prl_workspace_open_async (dir, NULL, prl_test_result_cb, &result);
  ws = prl_workspace_open_finish (prl_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return ws;
}

PrlModel *
prl_test_create_model (PrlWorkspace *workspace, const char *name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlModel *model;

  prl_workspace_create_model_async (workspace, name, "local", "en-US",
                                    PRL_BASE_MODEL_NARROW_BAND, NULL, NULL,
                                    prl_test_result_cb, &result);
  model = prl_workspace_create_model_finish (workspace, prl_test_wait_for (&result),
                                             &error);
  g_assert_no_error (error);
  return model;
}

void
prl_test_set_role (PrlWorkspace *workspace, PrlRole role)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_workspace_set_role_async (workspace, role, NULL, prl_test_result_cb, &result);
  g_assert_true (
      prl_workspace_set_role_finish (workspace, prl_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
set_done (gpointer data)
{
  *(gboolean *)data = TRUE;
}

/* Runs the main loop for @ms so layout, idles and animations settle. */
void
prl_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, set_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
prl_test_wait_until (gboolean (*predicate) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      prl_test_iterate (10);
    }
}

static void
collect (GtkWidget *widget, GType type, const char *name, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, name, out);
}

/* Widgets of @type under @root, in tree order, only mapped ones: what the
 * user can see.
 */
GPtrArray *
prl_test_find_all (GtkWidget *root, GType type, const char *name)
{
  GPtrArray *all = g_ptr_array_new ();
  GPtrArray *mapped = g_ptr_array_new ();

  collect (root, type, name, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (all->pdata[i]))
      g_ptr_array_add (mapped, all->pdata[i]);

  g_ptr_array_unref (all);
  return mapped;
}

GtkWidget *
prl_test_find_label (GtkWidget *root, const char *text)
{
  g_autoptr (GPtrArray) labels = prl_test_find_all (root, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return labels->pdata[i];

  return NULL;
}

GtkWindow *
prl_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint       n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* A template child of @widget (of @widget_type) that must exist. */
gpointer
prl_test_template_child (GtkWidget *widget, GType widget_type, const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, widget_type, name);

  g_assert_nonnull (object);
  return object;
}

/* The first widget of @type (named @name, unless %NULL) under @root that
 * the user can see, or %NULL.
 */
GtkWidget *
prl_test_find_first (GtkWidget *root, GType type, const char *name)
{
  g_autoptr (GPtrArray) found = prl_test_find_all (root, type, name);

  return found->len > 0 ? found->pdata[0] : NULL;
}

/* The first widget of @type named @name under @root, shown or not, or
 * %NULL: for widgets a test reaches before they are mapped.
 */
GtkWidget *
prl_test_find_named (GtkWidget *root, GType type, const char *name)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  collect (root, type, name, all);
  return all->len > 0 ? all->pdata[0] : NULL;
}

/* Whether a label under @root says @text, shown or not. */
gboolean
prl_test_has_label (GtkWidget *root, const char *text)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, NULL, all);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_label_get_label (all->pdata[i]), text) == 0)
      return TRUE;

  return FALSE;
}

/* The text of the first shown label under @root that contains @needle. */
const char *
prl_test_label_containing (GtkWidget *root, const char *needle)
{
  g_autoptr (GPtrArray) labels = prl_test_find_all (root, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (labels->pdata[i]), needle))
      return gtk_label_get_label (labels->pdata[i]);

  return NULL;
}

guint
prl_test_count_labels_containing (GtkWidget *root, const char *needle)
{
  g_autoptr (GPtrArray) labels = prl_test_find_all (root, GTK_TYPE_LABEL, NULL);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (labels->pdata[i]), needle) != NULL)
      n++;
  return n;
}

/* Clicks the shown button labelled @label (a dialog's response, say) the
 * way a user does; there must be one.
 */
void
prl_test_click_button_labelled (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = prl_test_find_all (root, GTK_TYPE_BUTTON, NULL);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      {
        gtk_widget_activate (buttons->pdata[i]);
        prl_test_iterate (400);
        return;
      }

  g_assert_not_reached ();
}

/* Clicks the shown button bound to @action, as a user would, if it is
 * sensitive; there must be one.
 */
void
prl_test_press_action_button (GtkWidget *root, const char *action)
{
  g_autoptr (GPtrArray) buttons = prl_test_find_all (root, GTK_TYPE_BUTTON, NULL);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      {
        /* A button's activation is animated; "clicked" comes later. */
        if (gtk_widget_is_sensitive (buttons->pdata[i]))
          gtk_widget_activate (buttons->pdata[i]);
        prl_test_iterate (400);
        return;
      }

  g_assert_not_reached ();
}

/* Predicates for prl_test_wait_until(). */
gboolean
prl_test_message_dialog_shown (gpointer unused)
{
  return prl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

gboolean
prl_test_message_dialog_gone (gpointer unused)
{
  return !prl_test_message_dialog_shown (unused);
}

/* The visible window titled @title, or %NULL. */
GtkWidget *
prl_test_find_window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return GTK_WIDGET (window);
    }

  return NULL;
}

/* The column of @view titled @title; there must be one. */
GtkColumnViewColumn *
prl_test_find_column (GtkColumnView *view, const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c;
    }

  g_assert_not_reached ();
}

/* The "name" of each item @view shows (models, datasets), top to bottom. */
GPtrArray *
prl_test_dup_shown_names (GtkColumnView *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  GPtrArray  *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      g_ptr_array_add (names, name);
    }

  return names;
}

void
prl_test_write_accounts (const char *text)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "parlance", NULL);
  g_autofree char *path = g_build_filename (dir, "accounts.ini", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

PrlModel *
prl_test_create_cloud_model (PrlWorkspace *workspace, const char *provider)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlModelCreateOptions options = {
    .name = "clinic",
    .provider = provider,
    .language = "en-US",
    .base_model = PRL_BASE_MODEL_WIDE_BAND,
    .account = "lab",
  };
  PrlModel *model;

  prl_workspace_create_model_full_async (workspace, &options, NULL, prl_test_result_cb,
                                         &result);
  model = prl_workspace_create_model_finish (workspace, prl_test_wait_for (&result),
                                             &error);
  g_assert_no_error (error);
  return model;
}

/* Imports @files into @model as @type and waits for the job, which must
 * succeed. Returns the job. */
PrlImportJob *
prl_test_import_files (PrlWorkspace  *workspace,
                       PrlModel      *model,
                       GFile        **files,
                       guint          n_files,
                       PrlDatasetType type)
{
  PrlImportJob *job = prl_workspace_import_files (workspace, model, files, n_files, type);

  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("Import failed: %s", prl_job_get_error (PRL_JOB (job))
                                      ? prl_job_get_error (PRL_JOB (job))->message
                                      : "?");
  return job;
}

/* Writes @text to @path and imports it into @model as @type. */
void
prl_test_import_text (PrlWorkspace  *workspace,
                      PrlModel      *model,
                      const char    *path,
                      const char    *text,
                      PrlDatasetType type)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_object_unref (prl_test_import_files (workspace, model, &file, 1, type));
}

/* Returns the page (owned), shown in *@window. */
GtkWidget *
prl_test_show_model_page (PrlWorkspace *workspace, PrlModel *model, GtkWindow **window)
{
  GtkWidget *page = g_object_ref_sink (prl_model_details_page_new (workspace));

  *window = GTK_WINDOW (gtk_window_new ());
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (page), model);
  gtk_window_set_child (*window, page);
  gtk_window_present (*window);
  return page;
}

/* Ends the workspace's jobs, then the window and the page (*@page). */
void
prl_test_close_page (PrlWorkspace *workspace, GtkWindow *window, GtkWidget **page)
{
  prl_job_manager_cancel_all (prl_workspace_get_job_manager (workspace));
  while (prl_job_manager_get_has_active (prl_workspace_get_job_manager (workspace)))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (window);
  g_clear_object (page);
  prl_test_iterate (50);
}

void
prl_test_model_page_set_up_cloud (PrlTestModelPage *f,
                                  const char       *provider,
                                  const char       *accounts)
{
  prl_test_write_accounts (accounts);
  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_cloud_model (f->workspace, provider);
}

/* Imports @n_lines lines of clinic notes as @name. */
void
prl_test_model_page_import (PrlTestModelPage *f,
                            const char       *name,
                            gsize             n_lines,
                            PrlDatasetType    type)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
  g_autoptr (GString) text = g_string_new (NULL);

  for (gsize i = 0; i < n_lines; i++)
    g_string_append_printf (text, "the patient %s takes metoprolol %zu times\n", name, i);
  prl_test_import_text (f->workspace, f->model, path, text->str, type);
  prl_test_iterate (50);
}

void
prl_test_model_page_show (PrlTestModelPage *f)
{
  f->page = prl_test_show_model_page (f->workspace, f->model, &f->window);
  prl_test_iterate (100);
}

void
prl_test_model_page_tear_down (PrlTestModelPage *f, gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  prl_test_close_page (f->workspace, f->window, &f->page);
  g_clear_object (&f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  prl_test_rm_rf (f->in_dir);
  g_free (f->dir);
  g_free (f->in_dir);
}

gboolean
prl_test_train_dialog_counted (gpointer unused)
{
  GtkWindow *dialog = prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG);

  return dialog != NULL && !prl_train_dialog_is_counting (PRL_TRAIN_DIALOG (dialog));
}

GtkWindow *
prl_test_train_dialog_open (GtkWidget *page)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (page, "details.train", NULL));
  prl_test_wait_until (prl_test_train_dialog_counted, NULL);
  dialog = prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

const char *
prl_test_train_dialog_label (GtkWindow *dialog, const char *name)
{
  GtkLabel *widget
      = prl_test_template_child (GTK_WIDGET (dialog), PRL_TYPE_TRAIN_DIALOG, name);

  return gtk_widget_get_visible (GTK_WIDGET (widget)) ? gtk_label_get_label (widget)
                                                      : NULL;
}

gboolean
prl_test_train_dialog_can_train (GtkWindow *dialog)
{
  return gtk_widget_get_sensitive (prl_test_template_child (
      GTK_WIDGET (dialog), PRL_TYPE_TRAIN_DIALOG, "train_button"));
}

void
prl_test_train_dialog_close (GtkWindow *dialog)
{
  gtk_window_destroy (dialog);
  prl_test_iterate (20);
}

struct _PrlTestRemoteTrain
{
  PrlRemoteJob parent_instance;
  gint         finish; /* atomic: the service finished the training */
};

G_DECLARE_FINAL_TYPE (
    PrlTestRemoteTrain, prl_test_remote_train, PRL, TEST_REMOTE_TRAIN, PrlRemoteJob)
G_DEFINE_FINAL_TYPE (PrlTestRemoteTrain, prl_test_remote_train, PRL_TYPE_REMOTE_JOB)

/* The service trains from the start, until it finishes; then the job
 * takes its last look at a delete request, as a real training does. */
static gboolean
remote_train_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlTestRemoteTrain *self = (PrlTestRemoteTrain *)job;

  prl_remote_job_work_is_remote (PRL_REMOTE_JOB (job));
  while (!g_cancellable_is_cancelled (cancellable)
         && !prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job))
         && !g_atomic_int_get (&self->finish))
    g_usleep (10000);
  if (prl_remote_job_close_delete_when_done (PRL_REMOTE_JOB (job)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "deleted as asked");
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
prl_test_remote_train_class_init (PrlTestRemoteTrainClass *klass)
{
  PRL_JOB_CLASS (klass)->run = remote_train_run;
}

static void
prl_test_remote_train_init (PrlTestRemoteTrain *self)
{
}

void
prl_test_remote_train_finish (PrlJob *job)
{
  g_atomic_int_set (&((PrlTestRemoteTrain *)job)->finish, TRUE);
}

PrlJob *
prl_test_remote_train_new (const char *title)
{
  PrlJob *job = g_object_new (prl_test_remote_train_get_type (), NULL);

  prl_job_set_title (job, title);
  return job;
}

struct _PrlTestJob
{
  PrlJob parent_instance;
};

G_DEFINE_FINAL_TYPE (PrlTestJob, prl_test_job, PRL_TYPE_JOB)

static gboolean
prl_test_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  const char *title = prl_job_get_title (job);

  if (g_str_has_prefix (title, "Fail"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           "The disk is full. Free some space and try again.");
      return FALSE;
    }

  if (g_str_has_prefix (title, "Report "))
    prl_job_report_progress (job, g_ascii_strtod (title + strlen ("Report "), NULL),
                             "Working");

  if (g_str_has_prefix (title, "Wait") || g_str_has_prefix (title, "Report "))
    while (!g_cancellable_is_cancelled (cancellable))
      g_usleep (10000);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
prl_test_job_class_init (PrlTestJobClass *klass)
{
  PRL_JOB_CLASS (klass)->run = prl_test_job_run;
}

static void
prl_test_job_init (PrlTestJob *self)
{
}

PrlJob *
prl_test_job_new (const char *title)
{
  PrlJob *job = g_object_new (PRL_TEST_TYPE_JOB, NULL);

  prl_job_set_title (job, title);
  return job;
}

PrlVersion *
prl_test_add_remote_version (PrlStore   *store,
                             gint64      model_id,
                             const char *name,
                             GDateTime  *created,
                             const char *base_model_id,
                             GError    **error)
{
  const char *const hashes[] = { NULL };
  PrlVersionInfo    info = { 0 };

  info.model_id = model_id;
  info.name = name;
  info.created = created;
  info.directory = "";
  info.base_model_id = base_model_id;
  info.lm_weight = -1;
  info.custom_perplexity = info.stock_perplexity = info.mixture_perplexity = -1;
  info.stock_known_perplexity = info.stock_oov_rate = -1;
  info.dataset_hashes = hashes;
  info.remote_status = PRL_REMOTE_STATUS_COMPLETED;
  return prl_store_add_version_sync (store, &info, name, NULL, NULL, error);
}
