/* test-pronunciations-watson.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "prl-gui-test-util.h"
#include "prl-pronunciations-view.h"
#include "prl-store-versions.h"
#include "prl-watson-train.h"
#include "prl-workspace.h"

/* The pronunciation list of an IBM Watson model holds Watson's custom
 * words, not phones: the entry row asks for what the word sounds like and
 * how to display it, an entry Watson would refuse is named under the row
 * (and Save stays off) as it is typed, and a good one is saved as typed,
 * case and all (phones would be upper-cased). A local model's row still
 * asks for phones.
 */

typedef struct
{
  char         *dir;
  PrlWorkspace *workspace;
  PrlModel     *model; /* (owned) */
  GtkWindow    *window;
  GtkWidget    *view;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  /* The account the model names, as Preferences → Accounts saves it. */
  prl_test_write_accounts (
      "[lab]\nKind=ibm\nAuth=iam\nServiceUrl=https://api.eu-de.speech-to-text.watson."
      "cloud.ibm.com/instances/x1\n");
  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->model = prl_test_create_cloud_model (f->workspace, "ibm-watson");

  f->window = GTK_WINDOW (gtk_window_new ());
  f->view = prl_pronunciations_view_new ();
  gtk_window_set_child (f->window, f->view);
  prl_pronunciations_view_set_workspace (PRL_PRONUNCIATIONS_VIEW (f->view), f->workspace);
  prl_pronunciations_view_set_model (PRL_PRONUNCIATIONS_VIEW (f->view), f->model);
  gtk_window_present (f->window);
  prl_test_iterate (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_clear_object (&f->model);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (f->view, PRL_TYPE_PRONUNCIATIONS_VIEW, name);
}

/* Whether the Save button is live (its action enabled). */
static gboolean
can_save (Fixture *f)
{
  g_autoptr (GPtrArray) buttons = prl_test_find_all (f->view, GTK_TYPE_BUTTON, NULL);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]),
                   "pronunciations.save")
        == 0)
      return gtk_widget_get_sensitive (buttons->pdata[i]);
  g_assert_not_reached ();
}

static const char *
error_text (Fixture *f)
{
  GtkWidget *label = child (f, "error_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static GPtrArray *
entries (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = prl_store_list_pronunciations_sync (
      prl_workspace_get_store (f->workspace), prl_model_get_id (f->model), &error);

  g_assert_no_error (error);
  return list;
}

static void
test_watson_entries (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) saved = NULL;

  g_assert_cmpstr (adw_preferences_row_get_title (child (f, "phones_row")), ==,
                   "Sounds like (“;” between spellings) | Display as");

  /* Refused as typed, with Watson's rule, and not saved. */
  gtk_editable_set_text (child (f, "word_row"), "lisinopril");
  gtk_editable_set_text (child (f, "phones_row"), "a; b; c; d; e; f");
  prl_test_iterate (10);
  g_assert_nonnull (error_text (f));
  g_assert_nonnull (strstr (error_text (f),
                            "“lisinopril” has 6 spellings it sounds like; "
                            "Watson takes at most 5."));
  g_assert_false (can_save (f));
  gtk_editable_set_text (child (f, "phones_row"), "x | y | z");
  prl_test_iterate (10);
  g_assert_nonnull (strstr (error_text (f), "more than one “|”"));
  g_assert_false (can_save (f));

  /* A good entry is saved as typed (spaces tidied, case kept). */
  gtk_editable_set_text (child (f, "phones_row"), "lie sin oh pril  |  Lisinopril");
  prl_test_iterate (10);
  g_assert_null (error_text (f));
  g_assert_true (can_save (f));
  g_assert_true (gtk_widget_activate_action (f->view, "pronunciations.save", NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_clear_pointer (&saved, g_ptr_array_unref);
      saved = entries (f);
      if (saved->len > 0)
        break;
      prl_test_iterate (10);
    }
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (((PrlPronunciation *)saved->pdata[0])->word, ==, "lisinopril");
  g_assert_cmpstr (((PrlPronunciation *)saved->pdata[0])->phones, ==,
                   "lie sin oh pril | Lisinopril");
}

int
main (int argc, char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("prl-pron-config-XXXXXX", NULL);
  int              status;

  /* The default accounts file, before GLib reads the variable. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  if (!prl_test_init_gtk (&argc, &argv))
    return 77;
  /* Watson is set up where its trainer is registered (nothing is sent). */
  prl_watson_train_register ();

  g_test_add ("/pronunciations-watson/entries", Fixture, NULL, fixture_set_up,
              test_watson_entries, fixture_tear_down);
  status = g_test_run ();
  prl_test_rm_rf (config);
  return status;
}
