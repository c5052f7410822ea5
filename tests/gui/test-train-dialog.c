/* test-train-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "prl-gui-test-util.h"
#include "prl-jobs-button.h"
#include "prl-local-provider.h"
#include "prl-model-details-page.h"
#include "prl-pronunciations-view.h"
#include "prl-train-dialog.h"
#include "prl-versions-view.h"
#include "prl-workspace.h"

/* Train the Language from the model details page, on a real workspace with
 * a small training text: the confirmation lists what is trained on, a
 * confirmed training runs as a job the page follows, and a second
 * training with nothing changed is refused inside the dialog.
 */

typedef struct
{
  char         *dir;    /* (owned): the workspace */
  char         *in_dir; /* (owned): the user's files */
  PrlWorkspace *workspace;
  PrlModel     *model;
  GtkWindow    *window;
  GtkWidget    *page; /* (owned) */
  GtkWidget    *jobs_button;
} Fixture;

static const char training_text[] = "the patient takes metoprolol twice a day\n"
                                    "metoprolol lowers the heart rate\n"
                                    "the patient was stable overnight\n"
                                    "continue metoprolol and review in the morning\n"
                                    "blood pressure was normal this morning\n";

static void
import_text (Fixture *f, const char *name, const char *contents, PrlDatasetType type)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);

  prl_test_import_text (f->workspace, f->model, path, contents, type);
  prl_test_iterate (50);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box;

  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "clinic");
  import_text (f, "notes.txt", training_text, PRL_DATASET_TYPE_TRANSCRIPT);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 1000);
  f->page = g_object_ref_sink (prl_model_details_page_new (f->workspace));
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (f->page), f->model);
  f->jobs_button = prl_jobs_button_new ();
  prl_jobs_button_set_job_manager (PRL_JOBS_BUTTON (f->jobs_button),
                                   prl_workspace_get_job_manager (f->workspace));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), f->jobs_button);
  gtk_box_append (GTK_BOX (box), f->page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (200);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
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

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static gpointer
dialog_child (GtkWindow *dialog, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (dialog), PRL_TYPE_TRAIN_DIALOG, name);
}

static gpointer
page_child (Fixture *f, const char *name)
{
  return prl_test_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE, name);
}

static gboolean
dialog_shown (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG) != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG) == NULL;
}

static GtkWindow *
open_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (f->page, "details.train", NULL));
  prl_test_wait_until (dialog_shown, NULL);
  return prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG);
}

/* The first PrlTrainJob in the job manager, or NULL. */
static PrlJob *
train_job (Fixture *f)
{
  GListModel *jobs = G_LIST_MODEL (prl_workspace_get_job_manager (f->workspace));

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (PrlJob) job = g_list_model_get_item (jobs, i);

      if (PRL_IS_TRAIN_JOB (job))
        return job;
    }

  return NULL;
}

static gboolean
model_trained (gpointer data)
{
  Fixture *f = data;

  return prl_model_get_status (f->model) == PRL_TRAINING_STATUS_SUCCESS
         || prl_model_get_status (f->model) == PRL_TRAINING_STATUS_FAILED;
}

static void
train (Fixture *f)
{
  GtkWindow *dialog = open_dialog (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL));
  prl_test_wait_until (dialog_gone, NULL);
  g_assert_nonnull (train_job (f));
  prl_test_wait_until (model_trained, f);
  if (prl_model_get_status (f->model) != PRL_TRAINING_STATUS_SUCCESS)
    g_error ("Training failed: %s", prl_model_get_failure_message (f->model));
  prl_test_iterate (50);
}

static void
test_dialog_lists_datasets (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;
  GtkWidget *list;

  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_READY_TO_RUN);
  g_assert_true (gtk_widget_is_sensitive (page_child (f, "train_button")));

  dialog = open_dialog (f);
  assert_contains (gtk_label_get_label (dialog_child (dialog, "summary_label")),
                   "1 dataset");
  assert_contains (gtk_label_get_label (dialog_child (dialog, "summary_label")),
                   "5 lines, 30 words");
  assert_contains (gtk_label_get_label (dialog_child (dialog, "estimate_label")),
                   "about 5 seconds");
  list = dialog_child (dialog, "training_list");
  g_assert_nonnull (prl_test_find_label (list, "notes.txt"));
  g_assert_nonnull (prl_test_find_label (list, "5 lines, 30 words"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "tuning_group")));
  /* Not trained yet: nothing to force, nothing in the way. */
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "force_check")));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "notice_box")));
  g_assert_true (gtk_widget_is_sensitive (dialog_child (dialog, "train_button")));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  prl_test_wait_until (dialog_gone, NULL);
  g_assert_null (train_job (f));
}

static void
test_estimate (void)
{
  g_assert_cmpuint (prl_train_dialog_estimate_seconds (0), ==, 5);
  g_assert_cmpuint (prl_train_dialog_estimate_seconds (1000000), ==, 20);
  g_assert_cmpuint (prl_train_dialog_estimate_seconds (10000000), ==, 155);
}

static guint expected_versions;

/* The versions view shows expected_versions rows. */
static gboolean
versions_shown (gpointer data)
{
  Fixture   *f = data;
  GtkWidget *view = page_child (f, "versions_view");
  GtkWidget *list = GTK_WIDGET (
      gtk_widget_get_template_child (view, PRL_TYPE_VERSIONS_VIEW, "list_view"));
  g_autoptr (GPtrArray) rows = prl_test_find_all (list, ADW_TYPE_ACTION_ROW, NULL);
  guint n = rows->len;

  return n
             == g_list_model_get_n_items (
                 prl_workspace_get_versions (f->workspace, f->model))
         && n == expected_versions;
}

static void
test_train_then_refuse (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;
  GtkLabel  *error_label;
  GtkLabel  *notice;
  GtkWidget *versions = page_child (f, "versions_view");
  GtkWidget *placeholder = GTK_WIDGET (gtk_widget_get_template_child (
      versions, PRL_TYPE_VERSIONS_VIEW, "placeholder_label"));
  GtkWidget *list = GTK_WIDGET (
      gtk_widget_get_template_child (versions, PRL_TYPE_VERSIONS_VIEW, "list_view"));

  /* Untrained: the placeholder stands in for the (empty) list view. */
  g_assert_true (GTK_IS_LIST_VIEW (list));
  g_assert_true (gtk_widget_get_visible (placeholder));
  g_assert_false (gtk_widget_get_visible (list));

  train (f);
  g_assert_cmpint (prl_job_get_state (train_job (f)), ==, PRL_JOB_STATE_SUCCEEDED);
  g_assert_false (gtk_widget_get_visible (page_child (f, "train_progress_box")));
  g_assert_true (gtk_widget_is_sensitive (page_child (f, "train_button")));

  /* One version, with its weight and the perplexities (no tuning text). */
  expected_versions = 1;
  prl_test_wait_until (versions_shown, f);
  g_assert_false (gtk_widget_get_visible (placeholder));
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_cmpuint (
      g_list_model_get_n_items (prl_workspace_get_versions (f->workspace, f->model)), ==,
      1);
  g_assert_cmpuint (
      prl_test_count_labels_containing (page_child (f, "versions_view"), "(default)"), ==,
      1);
  g_assert_cmpuint (
      prl_test_count_labels_containing (page_child (f, "versions_view"),
                                        "Perplexity: custom —, stock —, mixture —"),
      ==, 1);
  /* And why λ is the default: the fixture's text is too short to hold
   * some out. */
  g_assert_cmpuint (
      prl_test_count_labels_containing (page_child (f, "versions_view"),
                                        "Weight λ: default (too little text to tune on)"),
      ==, 1);

  /* Nothing changed: the dialog says so as it opens, at the top next to
   * the Train button (not in the scrolled part under the datasets), with
   * Force retrain beside it, and Train is disabled until it is checked. */
  dialog = open_dialog (f);
  notice = dialog_child (dialog, "notice_label");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "notice_box")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notice)));
  assert_contains (gtk_label_get_label (notice), "Nothing changed");
  assert_contains (gtk_label_get_label (notice), "Force Retrain");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "force_check")));
  g_assert_true (gtk_widget_is_ancestor (dialog_child (dialog, "force_check"),
                                         dialog_child (dialog, "notice_box")));
  g_assert_null (gtk_widget_get_ancestor (dialog_child (dialog, "notice_box"),
                                          GTK_TYPE_SCROLLED_WINDOW));
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "train_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL);
  prl_test_iterate (50);
  g_assert_true (dialog_shown (NULL));
  error_label = dialog_child (dialog, "error_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  /* Forced: Train is enabled and trains again. */
  gtk_toggle_button_set_active (dialog_child (dialog, "force_check"), TRUE);
  prl_test_iterate (20);
  g_assert_true (gtk_widget_is_sensitive (dialog_child (dialog, "train_button")));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (notice), "warning"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL);
  prl_test_wait_until (dialog_gone, NULL);
  g_assert_true (
      prl_job_manager_get_has_active (prl_workspace_get_job_manager (f->workspace)));
  g_assert_true (gtk_widget_get_visible (page_child (f, "train_progress_box")));
  g_assert_false (gtk_widget_is_sensitive (page_child (f, "train_button")));
  prl_test_wait_until (model_trained, f);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);
  expected_versions = 2;
  prl_test_wait_until (versions_shown, f);
  g_assert_cmpuint (
      g_list_model_get_n_items (prl_workspace_get_versions (f->workspace, f->model)), ==,
      2);
}

static gboolean
job_done (gpointer data)
{
  return !prl_job_is_active (data);
}

/* The jobs button shows while the training runs, and its popover's
 * Cancel button cancels it.
 */
static void
test_jobs_button_cancels (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) big = g_string_new (NULL);
  g_autoptr (GPtrArray) buttons = NULL;
  g_autoptr (PrlJob) job = NULL;
  GtkWindow *dialog;
  GtkWidget *list;
  GtkWidget *cancel = NULL;

  /* Enough text that the training is still running when cancelled. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (big, "line %u of the notes mentions word%u and word%u\n", i,
                            i % 5000, (i * 7) % 3000);
  import_text (f, "big.txt", big->str, PRL_DATASET_TYPE_TRANSCRIPT);

  /* Finished imports stay listed until cleared. */
  g_assert_true (gtk_widget_get_visible (f->jobs_button));
  prl_job_manager_clear_finished (prl_workspace_get_job_manager (f->workspace));
  g_assert_false (gtk_widget_get_visible (f->jobs_button));
  dialog = open_dialog (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL));
  job = g_object_ref (train_job (f));
  g_assert_true (prl_job_is_active (job));
  g_assert_true (gtk_widget_get_visible (f->jobs_button));

  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_template_child (
      f->jobs_button, PRL_TYPE_JOBS_BUTTON, "menu_button")));
  prl_test_iterate (100);
  list = GTK_WIDGET (
      gtk_widget_get_template_child (f->jobs_button, PRL_TYPE_JOBS_BUTTON, "list_box"));
  g_assert_nonnull (prl_test_find_label (list, prl_job_get_title (job)));
  buttons = prl_test_find_all (list, GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_visible (buttons->pdata[i]))
      cancel = buttons->pdata[i];
  g_assert_nonnull (cancel);

  g_signal_emit_by_name (cancel, "clicked");
  prl_test_wait_until (job_done, job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_CANCELLED);
  prl_test_iterate (50);
  /* The cancelled job stays listed, with its outcome, until cleared. */
  g_assert_true (gtk_widget_get_visible (f->jobs_button));
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_cmpuint (
      g_list_model_get_n_items (prl_workspace_get_versions (f->workspace, f->model)), ==,
      0);
}

/* The row of @word in the pronunciations view, or NULL. */
static GtkWidget *
pronunciation_row (Fixture *f, const char *word)
{
  g_autoptr (GPtrArray) rows = prl_test_find_all (page_child (f, "pronunciations_view"),
                                                  ADW_TYPE_ACTION_ROW, NULL);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), word) == 0)
      return rows->pdata[i];
  return NULL;
}

static gboolean
shows_generated_metoprolol (gpointer data)
{
  GtkWidget *row = pronunciation_row (data, "metoprolol");

  return row != NULL && prl_test_find_label (row, "Generated") != NULL;
}

static gboolean
shows_yours_parlance (gpointer data)
{
  GtkWidget *row = pronunciation_row (data, "parlance");

  return row != NULL && prl_test_find_label (row, "Yours") != NULL;
}

static gpointer
pron_child (Fixture *f, const char *name)
{
  GObject *object = gtk_widget_get_template_child (page_child (f, "pronunciations_view"),
                                                   PRL_TYPE_PRONUNCIATIONS_VIEW, name);

  g_assert_nonnull (object);
  return object;
}

/* Training generates "metoprolol"; the user adds an entry, and a phone
 * outside the set is named inline and cannot be saved.
 */
static void
test_pronunciations (Fixture *f, gconstpointer data)
{
  GtkWidget *view = page_child (f, "pronunciations_view");
  GtkLabel  *error_label = pron_child (f, "error_label");
  GtkWidget *row;

  g_assert_null (pronunciation_row (f, "metoprolol"));
  train (f);
  prl_test_wait_until (shows_generated_metoprolol, f);
  row = pronunciation_row (f, "metoprolol");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");

  gtk_editable_set_text (pron_child (f, "word_row"), "Parlance");
  gtk_editable_set_text (pron_child (f, "phones_row"), "p aa r XX l ah n s");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  assert_contains (gtk_label_get_label (error_label), "“XX” is not a phone");
  g_assert_true (gtk_widget_has_css_class (pron_child (f, "phones_row"), "error"));
  gtk_widget_activate_action (view, "pronunciations.save", NULL);
  prl_test_iterate (100);
  g_assert_null (pronunciation_row (f, "parlance"));

  gtk_editable_set_text (pron_child (f, "phones_row"), "p aa r l ah n s");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (gtk_widget_activate_action (view, "pronunciations.save", NULL));
  prl_test_wait_until (shows_yours_parlance, f);
  g_assert_cmpstr (
      adw_action_row_get_subtitle (ADW_ACTION_ROW (pronunciation_row (f, "parlance"))),
      ==, "P AA R L AH N S");
  g_assert_cmpstr (gtk_editable_get_text (pron_child (f, "word_row")), ==, "");
  /* The generated entry is still there. */
  g_assert_true (shows_generated_metoprolol (f));
}

int
main (int argc, char **argv)
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;

  /* Training runs the real local provider (pocketsphinx en-US data). */
  prl_local_register ();

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/train-dialog/estimate", test_estimate);
  ADD ("/train-dialog/lists-datasets", test_dialog_lists_datasets);
  ADD ("/train-dialog/train-then-refuse", test_train_then_refuse);
  ADD ("/train-dialog/jobs-button-cancels", test_jobs_button_cancels);
  ADD ("/train-dialog/pronunciations", test_pronunciations);

  return g_test_run ();
}
