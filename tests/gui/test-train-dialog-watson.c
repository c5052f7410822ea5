/* test-train-dialog-watson.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prl-gui-test-util.h"
#include "prl-jobs-button.h"
#include "prl-model-details-page.h"
#include "prl-remote-job.h"
#include "prl-status-badge.h"
#include "prl-store-versions.h"
#include "prl-versions-view.h"
#include "prl-train-dialog-private.h"
#include "prl-train-dialog.h"
#include "prl-workspace.h"

/* Train the Language for an IBM Watson model, from the model details
 * page: the dialog says what goes to Watson (the training texts as
 * corpora, their size and words, the instance URL and account), that the
 * tuning text stays here and tunes the weight, that Watson trains for
 * minutes to hours; several training files are fine (unlike Transcribe);
 * Train starts prl_workspace_train_remote(). The trainer is this test's,
 * so nothing goes to a network.
 */

#define KIND "watson-train"
#define SERVICE_URL "https://api.eu-de.speech-to-text.watson.cloud.ibm.com/instances/x1"

/* A remote training that waits until cancelled. */
struct _PrlTestRemoteTrain
{
  PrlRemoteJob parent_instance;
};

G_DECLARE_FINAL_TYPE (
    PrlTestRemoteTrain, prl_test_remote_train, PRL, TEST_REMOTE_TRAIN, PrlRemoteJob)
G_DEFINE_FINAL_TYPE (PrlTestRemoteTrain, prl_test_remote_train, PRL_TYPE_REMOTE_JOB)

static guint n_started;

/* Watson trains from the start; a delete request ends it as the real job
 * does once the service is done. */
static gboolean
remote_train_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  prl_remote_job_work_is_remote (PRL_REMOTE_JOB (job));
  while (!g_cancellable_is_cancelled (cancellable)
         && !prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)))
    g_usleep (10000);
  if (prl_remote_job_get_delete_when_done (PRL_REMOTE_JOB (job)))
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

static PrlJob *
start_training (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  PrlJob *job = g_object_new (prl_test_remote_train_get_type (), NULL);

  n_started++;
  prl_job_set_title (job, "Training on IBM Watson");
  return job;
}

typedef struct
{
  char         *dir;    /* (owned): the workspace */
  char         *in_dir; /* (owned): the user's files */
  PrlWorkspace *workspace;
  PrlModel     *model; /* (owned) */
  GtkWindow    *window;
  GtkWidget    *page; /* (owned) */
} Fixture;

static void
write_accounts (const char *text)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "parlance", NULL);
  g_autofree char *path = g_build_filename (dir, "accounts.ini", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

static void
import_text (Fixture *f, const char *name, gsize n_lines, PrlDatasetType type)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlImportJob) job = NULL;

  for (gsize i = 0; i < n_lines; i++)
    g_string_append_printf (text, "the patient %s takes metoprolol %zu times\n", name, i);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);
  job = prl_workspace_import_files (f->workspace, f->model, &file, 1, type);
  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
  prl_test_iterate (50);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlModelCreateOptions options = {
    .name = "clinic",
    .provider = "ibm-watson",
    .language = "en-US",
    .base_model = PRL_BASE_MODEL_WIDE_BAND,
    .account = "lab",
  };

  n_started = 0;
  write_accounts ("[lab]\nKind=ibm\nAuth=iam\nServiceUrl=" SERVICE_URL "\n"
                  "TrainingBudget=2\n");
  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  prl_workspace_create_model_full_async (f->workspace, &options, NULL, prl_test_result_cb,
                                         &result);
  f->model = prl_workspace_create_model_finish (f->workspace, prl_test_wait_for (&result),
                                                &error);
  g_assert_no_error (error);
  import_text (f, "notes.txt", 40, PRL_DATASET_TYPE_TRANSCRIPT);
  import_text (f, "more.txt", 20, PRL_DATASET_TYPE_TRANSCRIPT);
  import_text (f, "tuning.txt", 10, PRL_DATASET_TYPE_TUNING);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = g_object_ref_sink (prl_model_details_page_new (f->workspace));
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (f->page), f->model);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  prl_job_manager_cancel_all (prl_workspace_get_job_manager (f->workspace));
  while (prl_job_manager_get_has_active (prl_workspace_get_job_manager (f->workspace)))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (f->window);
  g_clear_object (&f->page);
  prl_test_iterate (50);
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

static const char *
label (GtkWindow *dialog, const char *name)
{
  GtkLabel *widget
      = prl_test_template_child (GTK_WIDGET (dialog), PRL_TYPE_TRAIN_DIALOG, name);

  return gtk_widget_get_visible (GTK_WIDGET (widget)) ? gtk_label_get_label (widget)
                                                      : NULL;
}

static gboolean
counted (gpointer data)
{
  GtkWindow *dialog = prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG);

  return dialog != NULL && !prl_train_dialog_is_counting (PRL_TRAIN_DIALOG (dialog));
}

static GtkWindow *
open_dialog (Fixture *f)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (f->page, "details.train", NULL));
  prl_test_wait_until (counted, NULL);
  dialog = prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
can_train (GtkWindow *dialog)
{
  return gtk_widget_get_sensitive (prl_test_template_child (
      GTK_WIDGET (dialog), PRL_TYPE_TRAIN_DIALOG, "train_button"));
}

static void
close_dialog (GtkWindow *dialog)
{
  gtk_window_destroy (dialog);
  prl_test_iterate (20);
}

static void
test_says_what_and_where (Fixture *f, gconstpointer data)
{
  GtkWindow  *dialog = open_dialog (f);
  const char *summary = label (dialog, "summary_label");

  g_test_message ("%s", summary);
  assert_contains (summary, "“clinic” will send 2 text files (");
  assert_contains (summary,
                   " words) as corpora to IBM Watson Speech to Text at " SERVICE_URL
                   " in the account “lab”");
  assert_contains (summary, "The tuning text is not sent");
  g_assert_null (strstr (summary, "s3://"));
  assert_contains (label (dialog, "estimate_label"), "runs on IBM’s side");
  assert_contains (label (dialog, "estimate_label"), "takes minutes to hours");
  assert_contains (label (dialog, "budget_label"),
                   "Training budget of “lab”: 0 of 2 trainings used this month, 2 left.");
  /* Two training files: Watson takes each as a corpus, so no refusal. */
  g_assert_null (label (dialog, "notice_label"));
  g_assert_true (can_train (dialog));
  close_dialog (dialog);
  g_assert_cmpuint (n_started, ==, 0);
}

/* Train starts the remote training through the workspace, once. */
static void
test_train_starts_remote (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog = open_dialog (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "train.train", NULL));
  prl_test_iterate (50);
  g_assert_cmpuint (n_started, ==, 1);
  g_assert_null (prl_test_find_toplevel (PRL_TYPE_TRAIN_DIALOG));
}

/* The words themselves, without a window: no tuning text says the
 * service's default weight applies; one file in the singular. */
static void
test_words (void)
{
  g_autoptr (PrlCloudAccount) account = prl_cloud_account_new ("ibm", "lab");
  g_autofree char *one = NULL;

  prl_cloud_account_set_service_url (account, SERVICE_URL);
  one = _prl_train_dialog_watson_summary ("clinic", account, 1, 0, 12, 2048);
  g_assert_cmpstr (
      one, ==,
      "“clinic” will send 1 text file (2.0\u00a0kB, 12 words) as corpora to IBM "
      "Watson Speech to Text at " SERVICE_URL " in the account “lab”, wait "
      "until Watson has analysed it, then ask Watson to train a custom "
      "language model. With no tuning text, Watson’s default weight for the "
      "custom model applies.");
  g_assert_true (_prl_train_dialog_is_watson ("ibm-watson"));
  g_assert_false (_prl_train_dialog_is_watson ("aws-transcribe"));
  g_assert_false (_prl_train_dialog_is_watson (NULL));
}

int
main (int argc, char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("prl-train-config-XXXXXX", NULL);

  /* The default accounts file, before GLib reads the variable. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;
  prl_remote_job_register_trainer ("ibm-watson", KIND, start_training);

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/train-dialog-watson/says-what-and-where", test_says_what_and_where);
  ADD ("/train-dialog-watson/train-starts-remote", test_train_starts_remote);
  g_test_add_func ("/train-dialog-watson/words", test_words);

  {
    int status = g_test_run ();

    prl_test_rm_rf (config);
    return status;
  }
}
