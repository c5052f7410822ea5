/* test-upgrade-follow.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "prl-gui-test-util.h"
#include "prl-model-details-page.h"
#include "prl-remote-job.h"
#include "prl-store-remote.h"
#include "prl-store-versions.h"
#include "prl-version-ops.h"
#include "prl-workspace.h"

/* The open model page follows a cloud upgrade to its end (#15): the
 * provider's upgrade job writes the new version into the store from its
 * thread, as the Watson and Transcribe jobs do, and the page that shows
 * the model lists it, drops the Upgrade banner and makes it the default
 * (first) version, without the model being opened again. The provider
 * here is this test's (its PrlVersionOps and its remote job), so that the
 * moment the version lands is the test's to choose; the Watson stand-in
 * drives the same path end to end in tests/e2e/test-atspi-watson.py.
 */

#define PROVIDER "ibm-watson"
#define KIND "test-upgrade-train"
#define NEW_NAME "clinic-20260101T000000Z@v2026-12-01"

/* ------------------------------------------------ the test's provider */

struct _PrlTestUpgradeJob
{
  PrlRemoteJob parent_instance;

  PrlStore *store; /* (owned) */
  gint64    model_id;
};

G_DECLARE_FINAL_TYPE (
    PrlTestUpgradeJob, prl_test_upgrade_job, PRL, TEST_UPGRADE_JOB, PrlRemoteJob)
G_DEFINE_FINAL_TYPE (PrlTestUpgradeJob, prl_test_upgrade_job, PRL_TYPE_REMOTE_JOB)

static gint  released; /* (atomic): the service has trained the new version */
static guint n_upgrades;

/* Waits for the service, then saves the new version from this thread. */
static gboolean
upgrade_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlTestUpgradeJob *self = PRL_TEST_UPGRADE_JOB (job);
  g_autoptr (GDateTime) created = g_date_time_new_now_utc ();
  g_autoptr (PrlVersion) version = NULL;

  prl_remote_job_work_is_remote (PRL_REMOTE_JOB (job));
  while (!g_atomic_int_get (&released))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (10000);
    }
  version = prl_test_add_remote_version (self->store, self->model_id, NEW_NAME, created,
                                         "en-US_Multimedia.v2026-12-01", error);
  return version != NULL;
}

static void
upgrade_job_finalize (GObject *object)
{
  g_clear_object (&PRL_TEST_UPGRADE_JOB (object)->store);
  G_OBJECT_CLASS (prl_test_upgrade_job_parent_class)->finalize (object);
}

static void
prl_test_upgrade_job_class_init (PrlTestUpgradeJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upgrade_job_finalize;
  PRL_JOB_CLASS (klass)->run = upgrade_job_run;
}

static void
prl_test_upgrade_job_init (PrlTestUpgradeJob *self)
{
}

static gboolean
ops_refresh (PrlWorkspace *workspace,
             PrlModel     *model,
             GCancellable *cancellable,
             GError      **error)
{
  return TRUE;
}

/* Like the providers' upgrade: a job that does not know its model's
 * subject; the workspace must tell it. */
static PrlJob *
ops_upgrade (PrlWorkspace *workspace,
             PrlModel     *model,
             PrlVersion   *version,
             GError      **error)
{
  PrlTestUpgradeJob *job = g_object_new (prl_test_upgrade_job_get_type (), NULL);

  n_upgrades++;
  job->store = g_object_ref (prl_workspace_get_store (workspace));
  job->model_id = prl_model_get_id (model);
  prl_job_set_title (PRL_JOB (job), "Upgrading on IBM Watson");
  return PRL_JOB (job);
}

static PrlJob *
start_training (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not in this test");
  return NULL;
}

/* -------------------------------------------------------------- fixture */

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  PrlModel     *model; /* (owned) */
  PrlVersion   *old;   /* (owned) */
  GtkWindow    *window;
  GtkWidget    *page; /* (owned) */
} Fixture;

static void
import_text (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);

  prl_test_import_text (f->workspace, f->model, path,
                        "the patient takes metoprolol\nthe patient takes aspirin\n",
                        PRL_DATASET_TYPE_TRANSCRIPT);
}

static gboolean
n_versions_is (Fixture *f, guint n)
{
  return g_list_model_get_n_items (prl_workspace_get_versions (f->workspace, f->model))
         == n;
}

static gboolean
one_version (gpointer data)
{
  return n_versions_is (data, 1);
}

static gboolean
upgrade_offered (gpointer data)
{
  Fixture *f = data;

  return prl_model_get_upgrade_available (f->model);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) created = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  PrlStore *store;

  g_atomic_int_set (&released, 0);
  n_upgrades = 0;
  prl_test_write_accounts (
      "[lab]\nKind=ibm\nAuth=iam\nServiceUrl="
      "https://api.eu-de.speech-to-text.watson.cloud.ibm.com/instances/x1\n");
  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  store = prl_workspace_get_store (f->workspace);
  f->model = prl_test_create_cloud_model (f->workspace, PROVIDER);
  import_text (f);

  /* A version Watson trained on the older base, which now has a newer
   * version: the upgrade is offered. */
  f->old = prl_test_add_remote_version (store, prl_model_get_id (f->model),
                                        "clinic-20260101T000000Z", created,
                                        "en-US_Multimedia.v2023-06-01", &error);
  g_assert_no_error (error);
  g_assert_true (prl_store_set_version_remote_sync (store, prl_version_get_id (f->old),
                                                    PRL_REMOTE_STATUS_COMPLETED, TRUE,
                                                    NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->workspace);
  g_clear_object (&f->model);
  g_clear_object (&f->old);
  prl_test_iterate (50);

  /* Opened again, as the app starts: the model and its version as saved. */
  f->workspace = prl_test_open_workspace (f->dir);
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (f->workspace)),
                    ==, 1);
  f->model = g_list_model_get_item (prl_workspace_get_models (f->workspace), 0);
  f->page = prl_test_show_model_page (f->workspace, f->model, &f->window);
  prl_test_wait_until (one_version, f);
  prl_test_wait_until (upgrade_offered, f);
  prl_test_iterate (100);
  f->old = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_atomic_int_set (&released, 1);
  prl_test_close_page (f->workspace, f->window, &f->page);
  g_clear_object (&f->old);
  g_clear_object (&f->model);
  /* Not g_assert_finalize_object(): once the Upgrade banner has been
   * hidden on the shown page, something in GTK keeps a reference to it
   * (gdb shows no reference from Parlance's code after the upgrade; the
   * banner is then not disposed with the page), and the banner holds
   * the workspace. Not looked into further. */
  g_object_unref (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* ---------------------------------------------------------------- tests */

static gboolean
job_ended (gpointer data)
{
  return !prl_job_is_active (data);
}

static gboolean
two_versions (gpointer data)
{
  return n_versions_is (data, 2);
}

static gboolean
banner_hidden (gpointer data)
{
  Fixture   *f = data;
  GtkWidget *banner
      = prl_test_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "upgrade_banner");

  return !prl_model_get_upgrade_available (f->model) && !gtk_widget_get_visible (banner);
}

static void
test_page_lists_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlVersion) first = NULL;
  g_autoptr (PrlVersion) second = NULL;
  GtkWidget *banner
      = prl_test_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE, "upgrade_banner");
  PrlJob *job;

  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_true (prl_test_has_label (f->page, "clinic-20260101T000000Z"));
  g_assert_false (prl_test_has_label (f->page, NEW_NAME));

  job = prl_workspace_upgrade_model (f->workspace, f->model, f->old, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_object_ref (job);
  g_assert_cmpuint (n_upgrades, ==, 1);
  prl_test_iterate (100);
  g_assert_true (n_versions_is (f, 1));

  /* The service has trained it: the job saves the version and ends. */
  g_atomic_int_set (&released, 1);
  prl_test_wait_until (job_ended, job);
  g_assert_cmpint (prl_job_get_state (job), ==, PRL_JOB_STATE_SUCCEEDED);

  /* The open page lists it, first (the default), the old one kept, and
   * the banner goes: the newest version is on the newest base. */
  prl_test_wait_until (two_versions, f);
  first = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 0);
  second = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 1);
  g_assert_cmpstr (prl_version_get_name (first), ==, NEW_NAME);
  g_assert_cmpstr (prl_version_get_name (second), ==, "clinic-20260101T000000Z");
  prl_test_wait_until (banner_hidden, f);
  prl_test_iterate (100);
  g_assert_true (prl_test_has_label (f->page, NEW_NAME));
  g_assert_true (prl_test_has_label (f->page, "clinic-20260101T000000Z"));
  /* The workspace told the job whose upgrade it is. */
  g_assert_cmpint (prl_remote_job_get_model_id (PRL_REMOTE_JOB (job)), ==,
                   prl_model_get_id (f->model));
  g_object_unref (job);
}

static gboolean
row_marked (gpointer data)
{
  Fixture *f = data;

  return prl_test_has_label (f->page, "Base removed");
}

/* A version whose base its provider no longer offers: its row says so,
 * with the reason as its tooltip, and the upgrade it offered goes. */
static void
test_base_removed_row (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlVersion) shown = NULL;
  GtkWidget  *row;
  const char *tooltip;

  g_assert_false (prl_test_has_label (f->page, "Base removed"));
  g_assert_true (prl_store_set_version_remote_sync (
      prl_workspace_get_store (f->workspace), prl_version_get_id (f->old),
      PRL_REMOTE_STATUS_BASE_REMOVED, FALSE, NULL, &error));
  g_assert_no_error (error);
  prl_model_details_page_refresh (PRL_MODEL_DETAILS_PAGE (f->page));
  prl_test_wait_until (row_marked, f);
  shown = g_list_model_get_item (prl_workspace_get_versions (f->workspace, f->model), 0);
  g_assert_false (prl_version_is_usable (shown));
  row = prl_test_find_label (f->page, "clinic-20260101T000000Z");
  g_assert_nonnull (row);
  while (row != NULL && !ADW_IS_ACTION_ROW (row))
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);
  tooltip = gtk_widget_get_tooltip_text (row);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "no longer offers"));
  g_assert_nonnull (strstr (tooltip, "en-US_Multimedia.v2023-06-01"));
  g_assert_true (gtk_widget_has_css_class (row, "dim-label"));
}

int
main (int argc, char **argv)
{
  static const PrlVersionOps ops = {
    .refresh = ops_refresh,
    .upgrade = ops_upgrade,
  };
  g_autofree char *config = g_dir_make_tmp ("prl-upgrade-follow-XXXXXX", NULL);

  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;
  prl_remote_job_register_trainer (PROVIDER, KIND, start_training);
  prl_version_ops_register (PROVIDER, &ops);

  g_test_add ("/upgrade-follow/page-lists-upgrade", Fixture, NULL, fixture_set_up,
              test_page_lists_upgrade, fixture_tear_down);
  g_test_add ("/upgrade-follow/base-removed-row", Fixture, NULL, fixture_set_up,
              test_base_removed_row, fixture_tear_down);

  {
    int status = g_test_run ();

    prl_test_rm_rf (config);
    return status;
  }
}
