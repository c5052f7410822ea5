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

static guint n_started;

static PrlJob *
start_training (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  n_started++;
  return prl_test_remote_train_new ("Training on IBM Watson");
}

typedef PrlTestModelPage Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  n_started = 0;
  prl_test_model_page_set_up_cloud (f, "ibm-watson",
                                    "[lab]\nKind=ibm\nAuth=iam\nServiceUrl=" SERVICE_URL
                                    "\nTrainingBudget=2\n");
  prl_test_model_page_import (f, "notes.txt", 40, PRL_DATASET_TYPE_TRANSCRIPT);
  prl_test_model_page_import (f, "more.txt", 20, PRL_DATASET_TYPE_TRANSCRIPT);
  prl_test_model_page_import (f, "tuning.txt", 10, PRL_DATASET_TYPE_TUNING);
  prl_test_model_page_show (f);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
test_says_what_and_where (Fixture *f, gconstpointer data)
{
  GtkWindow  *dialog = prl_test_train_dialog_open (f->page);
  const char *summary = prl_test_train_dialog_label (dialog, "summary_label");

  g_test_message ("%s", summary);
  assert_contains (summary, "“clinic” will send 2 text files (");
  assert_contains (summary,
                   " words) as corpora to IBM Watson Speech to Text at " SERVICE_URL
                   " in the account “lab”");
  assert_contains (summary, "The tuning text is not sent");
  g_assert_null (strstr (summary, "s3://"));
  assert_contains (prl_test_train_dialog_label (dialog, "estimate_label"),
                   "runs on IBM’s side");
  assert_contains (prl_test_train_dialog_label (dialog, "estimate_label"),
                   "takes minutes to hours");
  assert_contains (prl_test_train_dialog_label (dialog, "budget_label"),
                   "Training budget of “lab”: 0 of 2 trainings used this month, 2 left.");
  /* Two training files: Watson takes each as a corpus, so no refusal. */
  g_assert_null (prl_test_train_dialog_label (dialog, "notice_label"));
  g_assert_true (prl_test_train_dialog_can_train (dialog));
  prl_test_train_dialog_close (dialog);
  g_assert_cmpuint (n_started, ==, 0);
}

/* Train starts the remote training through the workspace, once. */
static void
test_train_starts_remote (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog = prl_test_train_dialog_open (f->page);

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
  g_test_add (path, Fixture, NULL, fixture_set_up, func, prl_test_model_page_tear_down)

  ADD ("/train-dialog-watson/says-what-and-where", test_says_what_and_where);
  ADD ("/train-dialog-watson/train-starts-remote", test_train_starts_remote);
  g_test_add_func ("/train-dialog-watson/words", test_words);

  {
    int status = g_test_run ();

    prl_test_rm_rf (config);
    return status;
  }
}
