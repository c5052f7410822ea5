/* test-quick-setup.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Quick Setup's pages refuse bad input with a message on the page and
 * stay where they are: no test audio, unpaired files, neither keywords nor
 * training text, rounds that are not 0–20, a name taken, an unreachable
 * wiki at Start (nothing created). The pairing of files and folders (the
 * single-click framework's input/<folder>/ layout, keywords/keywords.txt)
 * is checked on real files. The Evaluation page's Improve is insensitive,
 * with the reason as its tooltip, until a local model has results, and
 * the Improve dialog refuses rounds outside 1–20 and prefills the
 * model's keywords. */

#include "config.h"

#include <glib/gstdio.h>

#include "../test-util.h"
#include "prl-evaluation-page.h"
#include "prl-gui-test-util.h"
#include "prl-improve-dialog.h"
#include "prl-local-provider.h"
#include "prl-quick-setup-dialog.h"
#include "prl-quick-setup-pairs.h"

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  GtkWidget    *dialog;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->dialog = g_object_ref (prl_quick_setup_dialog_new (f->workspace));
  gtk_window_present (GTK_WINDOW (f->dialog));
  prl_test_drain ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GtkWidget *dialog = g_steal_pointer (&f->dialog);

  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_drain ();
  g_assert_finalize_object (dialog);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (f->dialog, PRL_TYPE_QUICK_SETUP_DIALOG, name);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static const char *
shown_error (Fixture *f, const char *label)
{
  GtkLabel *l = child (f, label);

  return gtk_widget_get_visible (GTK_WIDGET (l)) ? gtk_label_get_label (l) : NULL;
}

/* Writes @name (a path under the fixture's folder) and returns its path. */
static char *
touch (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, "in", name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_steal_pointer (&path);
}

static void
next (Fixture *f)
{
  gtk_widget_activate_action (f->dialog, "setup.next", NULL);
  prl_test_drain ();
}

static gboolean
idle (gpointer data)
{
  return !prl_quick_setup_dialog_is_busy (PRL_QUICK_SETUP_DIALOG (data));
}

/* Pairing */

static void
test_pairs (void)
{
  const char *paths[] = {
    "/d/a/note1.wav",      "/d/a/NOTE1.txt",
    "/d/a/note2.wav",      "/d/a/stray.txt",
    "/d/a/readme.md",      "/d/input/x/audio.flac",
    "/d/input/x/said.txt", "/d/b/note1.wav",
    "/d/b/note1.txt",      NULL,
  };
  g_autoptr (GPtrArray) unpaired = NULL;
  g_autoptr (GPtrArray) pairs = prl_quick_setup_pair_files (paths, &unpaired);
  g_autofree char   *text = NULL;
  PrlQuickSetupPair *p;

  /* note1 in a/ and the framework folder pair; b/note1 has a's name. */
  g_assert_cmpuint (pairs->len, ==, 2);
  p = g_ptr_array_index (pairs, 1);
  g_assert_cmpstr (p->name, ==, "x");
  g_assert_cmpstr (p->transcript, ==, "/d/input/x/said.txt");
  p = g_ptr_array_index (pairs, 0);
  g_assert_cmpstr (p->name, ==, "note1");
  g_assert_cmpstr (p->audio, ==, "/d/a/note1.wav");
  g_assert_cmpstr (p->transcript, ==, "/d/a/NOTE1.txt");

  /* A folder with more than one pair does not pair its leftovers. */
  text = prl_quick_setup_describe_unpaired (unpaired);
  assert_contains (text,
                   "note1.wav and note1.txt (another pair is named “note1” already)");
  assert_contains (text, "note2.wav (no note2.txt)");
  assert_contains (text, "stray.txt (no audio file)");
  g_assert_null (strstr (text, "readme"));
  g_assert_cmpuint (unpaired->len, ==, 3);

  g_clear_pointer (&unpaired, g_ptr_array_unref);
  g_clear_pointer (&pairs, g_ptr_array_unref);
  pairs = prl_quick_setup_pair_files ((const char *const[]){ NULL }, &unpaired);
  g_assert_cmpuint (pairs->len, ==, 0);
  g_assert_null (prl_quick_setup_describe_unpaired (unpaired));
}

static void
test_rounds (void)
{
  const char *bad[] = { "", "-1", "21", "two", "3.5", "1e1", " 9999999999999", NULL };
  int         rounds = -7;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (prl_quick_setup_check_rounds (bad[i], 0, 20, &rounds, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      assert_contains (error->message, "from 0 to 20");
      g_assert_cmpint (rounds, ==, -7);
    }
  g_assert_true (prl_quick_setup_check_rounds (" 0 ", 0, 20, &rounds, NULL));
  g_assert_cmpint (rounds, ==, 0);
  g_assert_true (prl_quick_setup_check_rounds ("20", 0, 20, &rounds, NULL));
  g_assert_cmpint (rounds, ==, 20);
  g_assert_false (prl_quick_setup_check_rounds ("0", 1, 20, &rounds, NULL));
}

/* The dialog's pages */

static void
test_no_audio (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "audio");
  g_assert_null (shown_error (f, "audio_error"));
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "audio");
  assert_contains (shown_error (f, "audio_error"), "No test audio yet");
  g_assert_false (prl_quick_setup_dialog_check_page (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                                     "audio", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* Transcripts alone are no test audio either. */
  {
    g_autofree char *t = touch (f, "a.txt", "hello\n");
    const char      *paths[] = { t, NULL };

    prl_quick_setup_dialog_add_paths (PRL_QUICK_SETUP_DIALOG (f->dialog), paths);
    next (f);
    assert_contains (shown_error (f, "audio_error"), "a.txt (no audio file)");
    g_assert_cmpuint (
        prl_quick_setup_dialog_get_n_pairs (PRL_QUICK_SETUP_DIALOG (f->dialog)), ==, 0);
  }
}

static void
test_unpaired (Fixture *f, gconstpointer data)
{
  g_autofree char *w1 = touch (f, "note1.wav", "RIFF....WAVE");
  g_autofree char *t1 = touch (f, "note1.txt", "the patient\n");
  g_autofree char *w2 = touch (f, "note2.wav", "RIFF....WAVE");
  const char      *paths[] = { w1, t1, w2, NULL };

  prl_quick_setup_dialog_add_paths (PRL_QUICK_SETUP_DIALOG (f->dialog), paths);
  g_assert_cmpuint (
      prl_quick_setup_dialog_get_n_pairs (PRL_QUICK_SETUP_DIALOG (f->dialog)), ==, 1);
  g_assert_true (gtk_widget_get_visible (child (f, "unpaired_box")));
  assert_contains (gtk_label_get_label (child (f, "unpaired_label")),
                   "note2.wav (no note2.txt)");
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "audio");
  assert_contains (shown_error (f, "audio_error"), "Unpaired: note2.wav (no note2.txt)");
  assert_contains (shown_error (f, "audio_error"), "leave these out");

  /* Leave Them Out keeps the complete pair and moves on. */
  g_signal_emit_by_name (child (f, "drop_unpaired_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (child (f, "unpaired_box")));
  g_assert_null (shown_error (f, "audio_error"));
  /* The model is named after the folder. */
  g_assert_cmpstr (gtk_editable_get_text (child (f, "name_row")), ==, "in");
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "text");
}

static void
go_to_text (Fixture *f)
{
  g_autofree char *w1 = touch (f, "note1.wav", "RIFF....WAVE");
  g_autofree char *t1 = touch (f, "note1.txt", "the patient has atrial fibrillation\n");
  const char      *paths[] = { w1, t1, NULL };

  prl_quick_setup_dialog_add_paths (PRL_QUICK_SETUP_DIALOG (f->dialog), paths);
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "text");
}

static void
test_no_keywords_no_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  go_to_text (f);
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "text");
  assert_contains (shown_error (f, "text_error"),
                   "Give keywords or a training text file");

  /* Separators alone are no keywords. */
  gtk_editable_set_text (child (f, "keywords_row"), " , ,, ");
  g_assert_null (shown_error (f, "text_error"));
  g_assert_false (prl_quick_setup_dialog_check_page (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                                     "text", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* A training text file is enough… */
  {
    g_autofree char *text = touch (f, "training.txt", "cardiology text\n");

    prl_quick_setup_dialog_set_text_file (PRL_QUICK_SETUP_DIALOG (f->dialog), text);
    g_assert_true (prl_quick_setup_dialog_check_page (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                                      "text", NULL));
    g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "text_row")), ==,
                     "training.txt");
    prl_quick_setup_dialog_set_text_file (PRL_QUICK_SETUP_DIALOG (f->dialog), NULL);
    g_assert_false (prl_quick_setup_dialog_check_page (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                                       "text", NULL));
  }
  /* …and so are keywords. */
  gtk_editable_set_text (child (f, "keywords_row"), "atrial fibrillation, stent");
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "options");
}

static gboolean
keywords_or_error (gpointer data)
{
  Fixture *f = data;

  return *gtk_editable_get_text (child (f, "keywords_row")) != '\0'
         || shown_error (f, "text_error") != NULL;
}

static void
test_keywords_file (Fixture *f, gconstpointer data)
{
  g_autofree char *good = touch (f, "keywords.txt", "stent\n# comment\nangioplasty\n");
  g_autofree char *bad = touch (f, "bad.txt", "x");
  g_autoptr (GFile) file = g_file_new_for_path (good);
  g_autoptr (GFile) bad_file = NULL;

  go_to_text (f);
  prl_quick_setup_dialog_load_keywords (PRL_QUICK_SETUP_DIALOG (f->dialog), file);
  prl_test_wait_until (keywords_or_error, f);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "keywords_row")), ==,
                   "stent, angioplasty");

  gtk_editable_set_text (child (f, "keywords_row"), "");
  g_assert_true (g_file_set_contents (bad, "\xff\xfe stent", -1, NULL));
  bad_file = g_file_new_for_path (bad);
  prl_quick_setup_dialog_load_keywords (PRL_QUICK_SETUP_DIALOG (f->dialog), bad_file);
  prl_test_wait_until (keywords_or_error, f);
  assert_contains (shown_error (f, "text_error"), "“bad.txt” is not UTF-8 text");
}

static void
test_propose (Fixture *f, gconstpointer data)
{
  go_to_text (f);
  g_signal_emit_by_name (child (f, "propose_button"), "clicked");
  prl_test_drain ();
  prl_test_wait_until (idle, f->dialog);
  /* One short transcript: either words the stock model lacks, or a clear
   * message; never silence. */
  g_assert_true (keywords_or_error (f));
  if (shown_error (f, "text_error") != NULL)
    assert_contains (shown_error (f, "text_error"), "Type keywords instead");
}

static void
go_to_options (Fixture *f)
{
  go_to_text (f);
  gtk_editable_set_text (child (f, "keywords_row"), "atrial fibrillation");
  next (f);
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "options");
}

static void
test_options (Fixture *f, gconstpointer data)
{
  const char *bad_rounds[] = { "21", "-1", "two", NULL };
  g_autoptr (PrlModel) taken = prl_test_create_model (f->workspace, "Cardio");

  go_to_options (f);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "name_row")), ==, "in");

  for (guint i = 0; bad_rounds[i] != NULL; i++)
    {
      g_autofree char *expected
          = g_strdup_printf ("“%s” is not a number of rounds", bad_rounds[i]);

      gtk_editable_set_text (child (f, "rounds_spin"), bad_rounds[i]);
      next (f);
      g_assert_cmpstr (
          prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)), ==,
          "options");
      assert_contains (shown_error (f, "options_error"), expected);
    }
  gtk_editable_set_text (child (f, "rounds_spin"), "2");

  gtk_editable_set_text (child (f, "name_row"), "");
  next (f);
  g_assert_nonnull (shown_error (f, "options_error"));
  gtk_editable_set_text (child (f, "name_row"), "cardio");
  next (f);
  assert_contains (shown_error (f, "options_error"), "A model named “Cardio” exists");
  gtk_editable_set_text (child (f, "name_row"), "cardio-2");
  g_assert_true (prl_quick_setup_dialog_check_page (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                                    "options", NULL));
  g_assert_cmpstr (gtk_button_get_label (child (f, "next_button")), ==, "_Start");
}

static void
test_unreachable_wiki (Fixture *f, gconstpointer data)
{
  g_autoptr (GListModel) models = NULL;

  prl_quick_setup_dialog_set_api_url (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                      "http://127.0.0.1:1/w/api.php");
  go_to_options (f);
  next (f);
  prl_test_wait_until (idle, f->dialog);
  prl_test_drain ();
  g_assert_cmpstr (prl_quick_setup_dialog_get_page (PRL_QUICK_SETUP_DIALOG (f->dialog)),
                   ==, "options");
  assert_contains (shown_error (f, "options_error"),
                   "Could not reach the wiki at http://127.0.0.1:1/w/api.php");
  /* Nothing was created. */
  g_assert_cmpuint (g_list_model_get_n_items (prl_workspace_get_models (f->workspace)),
                    ==, 0);
}

static gboolean
has_pairs (gpointer data)
{
  return prl_quick_setup_dialog_get_n_pairs (PRL_QUICK_SETUP_DIALOG (data)) > 0
         && !prl_quick_setup_dialog_is_busy (PRL_QUICK_SETUP_DIALOG (data));
}

static void
test_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *root = g_build_filename (f->dir, "in", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (root);
  g_autofree char *a = touch (f, "input/one/rec.wav", "RIFF....WAVE");
  g_autofree char *b = touch (f, "input/one/said.txt", "hello there\n");
  g_autofree char *c = touch (f, "input/two/rec.wav", "RIFF....WAVE");
  g_autofree char *d = touch (f, "input/two/said.txt", "hello again\n");
  g_autofree char *k = touch (f, "keywords/keywords.txt", "varroa, propolis\n");
  g_autofree char *h = touch (f, ".hidden/x.wav", "RIFF");

  prl_quick_setup_dialog_add_folder (PRL_QUICK_SETUP_DIALOG (f->dialog), folder);
  prl_test_wait_until (has_pairs, f->dialog);
  prl_test_wait_until (keywords_or_error, f);
  /* Two framework folders, each one pair named after its folder (their
   * audio files share a name); the hidden folder is left out. */
  g_assert_cmpuint (
      prl_quick_setup_dialog_get_n_pairs (PRL_QUICK_SETUP_DIALOG (f->dialog)), ==, 2);
  g_assert_false (gtk_widget_get_visible (child (f, "unpaired_box")));
  g_assert_true (prl_quick_setup_dialog_check_page (PRL_QUICK_SETUP_DIALOG (f->dialog),
                                                    "audio", NULL));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "keywords_row")), ==,
                   "varroa, propolis");
  g_assert_cmpstr (gtk_editable_get_text (child (f, "name_row")), ==, "in");
}

/* Improve */

typedef struct
{
  char              *dir;
  PrlWorkspace      *workspace;
  PrlModel          *model;
  GtkWindow         *window;
  PrlEvaluationPage *page;
} PageFixture;

static void
page_set_up (PageFixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_model (f->workspace, "cardio");
  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = PRL_EVALUATION_PAGE (prl_evaluation_page_new ());
  g_object_set (f->page, "workspace", f->workspace, "model", f->model, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

static void
page_tear_down (PageFixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_object_unref (f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static PrlEvalRun *
make_run (void)
{
  g_autoptr (GError) error = NULL;
  PrlEvalRun *run = prl_eval_run_new ("cardio", "default", &error);
  guint       u;

  g_assert_no_error (error);
  u = prl_eval_run_add_utterance (run, "utt1", "atrial fibrillation", "/nonexistent.wav");
  prl_eval_run_add_system (run, NULL, "en-us");
  prl_eval_run_add_system (run, "cardio-20261121T101500Z", "en-us");
  prl_eval_run_set_result (run, 0, u, "a trial fib relation", NULL, TRUE);
  prl_eval_run_set_result (run, 1, u, "atrial fibrillation", NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));
  return run;
}

static void
test_improve_sensitivity (PageFixture *f, gconstpointer data)
{
  GtkWidget *button = prl_test_template_child (
      GTK_WIDGET (f->page), PRL_TYPE_EVALUATION_PAGE, "improve_button");
  g_autoptr (PrlEvalRun) run = make_run ();

  /* Not evaluated: insensitive, and the tooltip says why. */
  g_assert_false (gtk_widget_get_sensitive (button));
  assert_contains (gtk_widget_get_tooltip_text (button), "Run the evaluation first");

  prl_evaluation_page_set_run (f->page, run);
  g_assert_true (gtk_widget_get_sensitive (button));
  assert_contains (gtk_widget_get_tooltip_text (button),
                   "Look up the words still missed");

  /* Another model, not evaluated, takes it away again. */
  {
    g_autoptr (PrlModel) other = prl_test_create_model (f->workspace, "other");

    prl_evaluation_page_set_model (f->page, other);
    prl_test_iterate (50);
    g_assert_false (gtk_widget_get_sensitive (button));
    prl_evaluation_page_set_model (f->page, f->model);
  }
  g_assert_null (prl_evaluation_page_get_improve_job (f->page));
}

static void
test_improve_dialog (PageFixture *f, gconstpointer data)
{
  const char *bad[] = { "0", "21", "many", NULL };
  GtkWidget *dialog = g_object_ref_sink (prl_improve_dialog_new (f->workspace, f->model));
  gpointer   rounds
      = prl_test_template_child (dialog, PRL_TYPE_IMPROVE_DIALOG, "rounds_spin");
  GtkLabel *error_label
      = prl_test_template_child (dialog, PRL_TYPE_IMPROVE_DIALOG, "error_label");

  g_assert_cmpstr (gtk_editable_get_text (rounds), ==, "3");
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      gtk_editable_set_text (rounds, bad[i]);
      g_assert_false (prl_improve_dialog_start (PRL_IMPROVE_DIALOG (dialog), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      assert_contains (gtk_label_get_label (error_label), "from 1 to 20");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
    }
  gtk_editable_set_text (rounds, "2");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  {
    g_autoptr (GError) error = NULL;

    prl_improve_dialog_set_api_url (PRL_IMPROVE_DIALOG (dialog), "ftp://wiki/api.php");
    g_assert_false (prl_improve_dialog_start (PRL_IMPROVE_DIALOG (dialog), &error));
    g_assert_nonnull (error);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  }
  g_assert_null (prl_evaluation_page_get_improve_job (f->page));
  gtk_window_destroy (GTK_WINDOW (dialog));
  prl_test_drain ();
  g_assert_finalize_object (dialog);
}

static void
add_dataset (GListStore *store, const char *provenance)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  PrlDatasetInfo info = { .id = 1,
                          .model_id = 1,
                          .name = "wiki.txt",
                          .type = PRL_DATASET_TYPE_TRANSCRIPT,
                          .group_name = "wiki",
                          .sha256 = "00",
                          .uri = "blobs/00",
                          .started = now,
                          .ended = now,
                          .duration = -1,
                          .provenance = provenance };
  g_autoptr (PrlDataset) dataset = prl_dataset_new (&info);

  g_list_store_append (store, dataset);
}

static void
test_model_keywords (void)
{
  g_autoptr (GListStore) store = g_list_store_new (PRL_TYPE_DATASET);
  g_auto (GStrv) none = NULL;
  g_auto (GStrv) keywords = NULL;

  /* Datasets without provenance, or with a broken one, give none. */
  add_dataset (store, NULL);
  add_dataset (store, "{not json");
  add_dataset (store, "[\"keywords\"]");
  none = prl_improve_dialog_dup_model_keywords (G_LIST_MODEL (store));
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* The keywords of wiki text, once each; a self-heal round's lookups
   * (missed words) are no context. */
  add_dataset (store, "{\"keywords\": [\"atrial fibrillation\", \"stent\"], "
                      "\"dropped_test_sentences\": 1}");
  add_dataset (store, "{\"keywords\": [\"Stent\", 7, \"\", \"holter\"]}");
  add_dataset (store, "{\"keywords\": [\"amiodarone\"], \"self_heal_round\": 1}");
  keywords = prl_improve_dialog_dup_model_keywords (G_LIST_MODEL (store));
  g_assert_cmpstrv (keywords, ((const char *const[]){ "atrial fibrillation", "stent",
                                                      "holter", NULL }));
}

int
main (int argc, char **argv)
{
  g_autoptr (PrlProvider) local = NULL;

  if (!prl_test_init_gtk (&argc, &argv))
    return 0;
  local = prl_local_provider_new ();
  prl_provider_register ("local", local);
  g_test_add_func ("/quick-setup/pairs", test_pairs);
  g_test_add_func ("/quick-setup/rounds", test_rounds);
  g_test_add ("/quick-setup/no-audio", Fixture, NULL, fixture_set_up, test_no_audio,
              fixture_tear_down);
  g_test_add ("/quick-setup/unpaired", Fixture, NULL, fixture_set_up, test_unpaired,
              fixture_tear_down);
  g_test_add ("/quick-setup/no-keywords-no-text", Fixture, NULL, fixture_set_up,
              test_no_keywords_no_text, fixture_tear_down);
  g_test_add ("/quick-setup/keywords-file", Fixture, NULL, fixture_set_up,
              test_keywords_file, fixture_tear_down);
  g_test_add ("/quick-setup/propose", Fixture, NULL, fixture_set_up, test_propose,
              fixture_tear_down);
  g_test_add ("/quick-setup/options", Fixture, NULL, fixture_set_up, test_options,
              fixture_tear_down);
  g_test_add ("/quick-setup/unreachable-wiki", Fixture, NULL, fixture_set_up,
              test_unreachable_wiki, fixture_tear_down);
  g_test_add ("/quick-setup/folder", Fixture, NULL, fixture_set_up, test_folder,
              fixture_tear_down);
  g_test_add ("/improve/sensitivity", PageFixture, NULL, page_set_up,
              test_improve_sensitivity, page_tear_down);
  g_test_add ("/improve/dialog", PageFixture, NULL, page_set_up, test_improve_dialog,
              page_tear_down);
  g_test_add_func ("/improve/model-keywords", test_model_keywords);
  return g_test_run ();
}
