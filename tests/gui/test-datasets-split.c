/* test-datasets-split.c
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
#include "prl-workspace.h"

/* The datasets view shows how a manifest is split when the model has no
 * TEST data: the counts come from the stored manifests, read in a thread;
 * the line goes away with TEST data or without a manifest, follows the
 * model shown, and says so when a manifest cannot be read.
 */

typedef struct
{
  char            *dir;    /* (owned): the workspace */
  char            *in_dir; /* (owned): the user's files */
  PrlWorkspace    *workspace;
  PrlModel        *model;
  GtkWindow       *window;
  PrlDatasetsView *view;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = prl_test_make_tmpdir ();
  f->in_dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "clinic");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 1000);
  f->view = PRL_DATASETS_VIEW (prl_datasets_view_new ());
  g_object_set (f->view, "workspace", f->workspace, "model", f->model, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_clear_object (&f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  prl_test_rm_rf (f->in_dir);
  g_free (f->dir);
  g_free (f->in_dir);
}

static GtkLabel *
split_label (Fixture *f)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                   PRL_TYPE_DATASETS_VIEW, "split_label");

  g_assert_nonnull (object);
  return GTK_LABEL (object);
}

static GtkWidget *
pairs_label (Fixture *f)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                   PRL_TYPE_DATASETS_VIEW, "pairs_label");

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Expect;

static gboolean
shows_split (gpointer data)
{
  Expect   *e = data;
  GtkLabel *label = split_label (e->f);

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && g_strcmp0 (gtk_label_get_label (label), e->text) == 0;
}

/* Waits for the thread's count to reach the label. */
static void
assert_split_shown (Fixture *f, const char *text)
{
  Expect e = { f, text };

  prl_test_wait_until (shows_split, &e);
  /* A user (and a screen reader) finds it by its text. */
  g_assert_nonnull (prl_test_find_label (GTK_WIDGET (f->view), text));
}

static void
assert_split_hidden (Fixture *f)
{
  prl_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (split_label (f))));
}

static GFile *
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (f->in_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* A manifest of @ids, whose (empty) audio files exist as the import checks. */
static GFile *
write_manifest (Fixture *f, const char *name, const char *const *ids)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *wav = g_strconcat (ids[i], ".wav", NULL);

      g_object_unref (write_file (f, wav, ""));
      g_string_append_printf (
          s, "{\"audio_filepath\": \"%s\", \"text\": \"words of %s\"}\n", wav, ids[i]);
    }
  return write_file (f, name, s->str);
}

static PrlDataset *
import (Fixture *f, GFile *file, PrlDatasetType type)
{
  g_autoptr (GFile) owned = file;
  g_autoptr (PrlImportJob) job
      = prl_workspace_import_files (f->workspace, f->model, &owned, 1, type);
  GPtrArray *imported;

  while (prl_job_is_active (PRL_JOB (job)))
    g_main_context_iteration (NULL, TRUE);

  if (prl_job_get_state (PRL_JOB (job)) != PRL_JOB_STATE_SUCCEEDED)
    g_error ("Import failed: %s", prl_job_get_error (PRL_JOB (job))
                                      ? prl_job_get_error (PRL_JOB (job))->message
                                      : "?");
  imported = prl_import_job_get_datasets (job);
  g_assert_cmpuint (imported->len, ==, 1);
  return g_object_ref (g_ptr_array_index (imported, 0));
}

static void
delete_dataset (Fixture *f, PrlDataset *dataset)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  prl_workspace_delete_dataset_async (f->workspace, dataset, NULL, prl_test_result_cb,
                                      &result);
  g_assert_true (prl_workspace_delete_dataset_finish (
      f->workspace, prl_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

/* utt1, utt2, utt3 and utt10 train; utt7, utt9 and a are held out. */
static const char *const first_ids[] = { "utt1", "utt7", "utt2", "utt9", "utt3", NULL };
static const char *const second_ids[] = { "utt10", "a", NULL };

static void
test_split_shown (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlDataset) first = NULL;
  g_autoptr (PrlDataset) second = NULL;
  g_autoptr (PrlDataset) notes = NULL;
  g_autoptr (PrlDataset) test = NULL;

  /* No datasets, then training text only: nothing is split. */
  assert_split_hidden (f);
  notes = import (f, write_file (f, "notes.txt", "the patient was stable\n"),
                  PRL_DATASET_TYPE_TRANSCRIPT);
  assert_split_hidden (f);

  first = import (f, write_manifest (f, "first.jsonl", first_ids),
                  PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");
  /* The split line replaces the count of every manifest line as pairs. */
  g_assert_false (gtk_widget_get_visible (pairs_label (f)));

  /* Both manifests count. */
  second = import (f, write_manifest (f, "second.jsonl", second_ids),
                   PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 4 manifest utterances train the model and 3 are "
                         "held out to test it (a fixed 80/20 split).");

  /* TEST data is the test set instead: no split. */
  test = import (f, write_file (f, "visit.txt", "the doctor listens\n"),
                 PRL_DATASET_TYPE_TEST);
  assert_split_hidden (f);
  g_assert_true (gtk_widget_get_visible (pairs_label (f)));

  delete_dataset (f, test);
  assert_split_shown (f, "No TEST data: 4 manifest utterances train the model and 3 are "
                         "held out to test it (a fixed 80/20 split).");

  delete_dataset (f, second);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");

  delete_dataset (f, first);
  assert_split_hidden (f);
}

static void
test_switch_model (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) other = prl_test_create_model (f->workspace, "other");
  g_autoptr (PrlDataset) first = NULL;

  first = import (f, write_manifest (f, "first.jsonl", first_ids),
                  PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");

  /* The other model has no manifest: the line must not linger. */
  prl_datasets_view_set_model (f->view, other);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (split_label (f))));
  assert_split_hidden (f);

  prl_datasets_view_set_model (f->view, NULL);
  assert_split_hidden (f);
  prl_datasets_view_set_workspace (f->view, NULL);
  prl_datasets_view_set_model (f->view, f->model);
  assert_split_hidden (f);

  prl_datasets_view_set_workspace (f->view, f->workspace);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");
}

static gboolean
shows_unreadable (gpointer data)
{
  Fixture  *f = data;
  GtkLabel *label = split_label (f);

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && strstr (gtk_label_get_label (label), "could not be read") != NULL;
}

static void
test_unreadable (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlDataset) first = NULL;
  g_autoptr (PrlDataset) notes = NULL;
  g_autofree char *blob = NULL;

  first = import (f, write_manifest (f, "first.jsonl", first_ids),
                  PRL_DATASET_TYPE_MANIFEST);
  assert_split_shown (f, "No TEST data: 3 manifest utterances train the model and 2 are "
                         "held out to test it (a fixed 80/20 split).");

  /* The stored copy vanishes behind Parlance's back; the next count says
   * so, naming the manifest, instead of showing wrong numbers. */
  blob = prl_blob_store_get_path (
      prl_store_get_blob_store (prl_workspace_get_store (f->workspace)),
      prl_dataset_get_sha256 (first), prl_dataset_get_encrypted (first));
  g_assert_cmpint (g_remove (blob), ==, 0);
  notes = import (f, write_file (f, "notes.txt", "the patient was stable\n"),
                  PRL_DATASET_TYPE_TRANSCRIPT);
  prl_test_wait_until (shows_unreadable, f);
  g_assert_nonnull (strstr (gtk_label_get_label (split_label (f)), "first.jsonl"));
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/datasets-split/shown", test_split_shown);
  ADD ("/datasets-split/switch-model", test_switch_model);
  ADD ("/datasets-split/unreadable", test_unreadable);
#undef ADD

  return g_test_run ();
}
