/* test-pronunciations-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "prl-gui-test-util.h"
#include "prl-model-details-page.h"
#include "prl-pronunciations-view.h"
#include "prl-workspace.h"

/* A large training generates a pronunciation for every new word; after
 * one of 310,000 lines the app froze for half a minute building a row for
 * each of ~100,000 of them on the main thread. The details page of a
 * model with 100,000 pronunciations must open at once: the entries are
 * read off the main thread and handed over in one step, and the list is
 * a virtualized view that makes rows only for what is on screen, also
 * while it scrolls.
 */

#define N_ENTRIES 100000
/* GTK 4.8's list view keeps up to 200 items around what is shown; a
 * list box would have made 100,000. */
#define MAX_ROWS 300

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  PrlModel     *model;
  GtkWindow    *window;
  GtkWidget    *page; /* (owned) */
} Fixture;

static char *
word_at (guint i)
{
  return g_strdup_printf ("word%06u", i);
}

/* What a large training leaves behind, written straight into the
 * workspace's database: the model trained, with N_ENTRIES generated
 * pronunciations. */
static void
fill_database (const char *dir, gint64 model_id)
{
  g_autofree char *path = g_build_filename (dir, "parlance.db", NULL);
  sqlite3         *db = NULL;
  sqlite3_stmt    *stmt = NULL;
  char            *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO pronunciations (model_id, word,"
                                       " phones, generated) VALUES (?, ?, ?, 1)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_autofree char *word = word_at (i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, model_id);
      sqlite3_bind_text (stmt, 2, word, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, "W ER D", -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE models SET status = 'success'; COMMIT", NULL,
                                 NULL, &message),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 id;

  f->dir = prl_test_make_tmpdir ();
  {
    g_autoptr (PrlWorkspace) first = prl_test_open_workspace (f->dir);
    g_autoptr (PrlModel) model = prl_test_create_model (first, "large");
    g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (text);
    g_autoptr (PrlImportJob) job = NULL;

    /* Its training text, so that an edit makes it Ready to Run. */
    g_assert_true (g_file_set_contents (text, "the word list is long\n", -1, NULL));
    job = g_object_ref (
        prl_workspace_import_files (first, model, &file, 1, PRL_DATASET_TYPE_TRANSCRIPT));
    while (prl_job_is_active (PRL_JOB (job)))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (prl_job_get_state (PRL_JOB (job)), ==, PRL_JOB_STATE_SUCCEEDED);
    prl_test_iterate (50);

    id = prl_model_get_id (model);
    g_clear_object (&model);
    g_clear_object (&job);
    g_assert_finalize_object (g_steal_pointer (&first));
  }
  fill_database (f->dir, id);

  f->workspace = prl_test_open_workspace (f->dir);
  f->model = g_list_model_get_item (prl_workspace_get_models (f->workspace), 0);
  g_assert_cmpint (prl_model_get_status (f->model), ==, PRL_TRAINING_STATUS_SUCCESS);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  f->page = g_object_ref_sink (prl_model_details_page_new (f->workspace));
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->page);
  prl_test_iterate (50);
  g_clear_object (&f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GtkWidget *
view (Fixture *f)
{
  return GTK_WIDGET (gtk_widget_get_template_child (f->page, PRL_TYPE_MODEL_DETAILS_PAGE,
                                                    "pronunciations_view"));
}

static gpointer
view_child (Fixture *f, const char *name)
{
  return prl_test_template_child (view (f), PRL_TYPE_PRONUNCIATIONS_VIEW, name);
}

static GListModel *
list_model (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (view_child (f, "list_view")));
}

static gboolean
loaded (gpointer data)
{
  Fixture *f = data;

  return !prl_pronunciations_view_is_loading (PRL_PRONUNCIATIONS_VIEW (view (f)));
}

static void
collect_rows (GtkWidget *widget, GPtrArray *out)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_rows (c, out);
}

/* The rows that exist, shown or not, and whether one on screen shows
 * @word. */
static guint
count_rows (Fixture *f, const char *word, gboolean *found)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (view (f), rows);
  *found = FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), word) == 0
        && gtk_widget_get_mapped (rows->pdata[i]))
      *found = TRUE;
  return rows->len;
}

typedef struct
{
  guint n;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (
    GListModel *model, guint position, guint removed, guint added, Changes *changes)
{
  changes->n++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

typedef struct
{
  Fixture *f;
  char    *word;
} Shown;

static gboolean
word_shown (gpointer data)
{
  Shown   *shown = data;
  gboolean found = FALSE;

  count_rows (shown->f, shown->word, &found);
  return found;
}

/* Scrolls the list and waits for @index to be on screen. */
static void
scroll_to (Fixture *f, double fraction, guint index)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (view_child (f, "list_scroller")));
  g_autofree char *word = word_at (index);
  Shown            shown = { f, word };
  gboolean         found = FALSE;
  guint            n_rows;

  gtk_adjustment_set_value (adjustment,
                            fraction
                                * (gtk_adjustment_get_upper (adjustment)
                                   - gtk_adjustment_get_page_size (adjustment)));
  prl_test_wait_until (word_shown, &shown);
  prl_test_iterate (50);
  n_rows = count_rows (f, word, &found);
  g_test_message ("Scrolled to %.0f%%: %u rows", fraction * 100, n_rows);
  g_assert_cmpuint (n_rows, <=, MAX_ROWS);
}

/* @word is on screen as the user's entry. */
static gboolean
yours_shown (gpointer data)
{
  Shown *shown = data;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (view (shown->f), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), shown->word) == 0
        && gtk_widget_get_mapped (rows->pdata[i])
        && g_strcmp0 (adw_action_row_get_subtitle (rows->pdata[i]), "W ER D Z") == 0
        && prl_test_find_label (rows->pdata[i], "Yours") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
list_laid_out (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (view_child (f, "list_view"))
         && gtk_widget_get_height (view_child (f, "list_scroller")) > 0;
}

static void
test_large_list (Fixture *f, gconstpointer data)
{
  GtkWidget *list_view = view_child (f, "list_view");
  gint64     start;
  Changes    changes = { 0 };
  gboolean   found = FALSE;
  guint      n_rows;

  g_assert_true (GTK_IS_LIST_VIEW (list_view));
  g_signal_connect (list_model (f), "items-changed", G_CALLBACK (items_changed_cb),
                    &changes);

  start = g_get_monotonic_time ();
  prl_model_details_page_set_model (PRL_MODEL_DETAILS_PAGE (f->page), f->model);
  g_test_message ("The page took the model in %.3f s (information only)",
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  /* Nothing was read on the main thread: the page is back at once, with
   * the load running elsewhere. */
  g_assert_true (prl_pronunciations_view_is_loading (PRL_PRONUNCIATIONS_VIEW (view (f))));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (f)), ==, 0);

  prl_test_wait_until (loaded, f);
  g_test_message ("Read and handed over after %.2f s (information only)",
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  prl_test_wait_until (list_laid_out, f);
  prl_test_iterate (100);
  g_test_message ("100,000 pronunciations shown after %.2f s (information only)",
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  /* All of them, handed over in one step. */
  g_assert_cmpuint (g_list_model_get_n_items (list_model (f)), ==, N_ENTRIES);
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_true (gtk_widget_get_mapped (list_view));

  /* Rows for what fits on screen, not one per entry. */
  n_rows = count_rows (f, "word000000", &found);
  g_test_message ("%u rows for %u entries in %d px", n_rows, N_ENTRIES,
                  gtk_widget_get_height (view_child (f, "list_scroller")));
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <=, MAX_ROWS);
  g_assert_true (found);
  g_assert_true (gtk_widget_get_visible (view_child (f, "count_label")));
  g_assert_cmpstr (gtk_label_get_label (view_child (f, "count_label")), ==,
                   "100000 pronunciations");

  /* Scrolling reuses the rows. */
  scroll_to (f, 0.5, N_ENTRIES / 2);
  scroll_to (f, 1.0, N_ENTRIES - 1);
  scroll_to (f, 0.0, 0);

  /* Your entry for a word in the middle: the reload changes that one item
   * only, so the list stays where the user is. */
  scroll_to (f, 0.5, N_ENTRIES / 2);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (view_child (f, "list_scroller")));
    double           before = gtk_adjustment_get_value (adjustment);
    g_autofree char *word = word_at (N_ENTRIES / 2);
    Shown            shown = { f, word };

    changes.n = 0;
    gtk_editable_set_text (view_child (f, "word_row"), word);
    gtk_editable_set_text (view_child (f, "phones_row"), "W ER D Z");
    g_assert_true (gtk_widget_activate_action (view (f), "pronunciations.save", NULL));
    prl_test_wait_until (yours_shown, &shown);
    g_assert_cmpuint (changes.n, >=, 1);
    g_assert_cmpuint (changes.position, ==, N_ENTRIES / 2);
    g_assert_cmpuint (changes.removed, ==, 1);
    g_assert_cmpuint (changes.added, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (list_model (f)), ==, N_ENTRIES);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, before);
  }
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;

  g_test_add ("/pronunciations-view/large-list", Fixture, NULL, fixture_set_up,
              test_large_list, fixture_tear_down);

  return g_test_run ();
}
