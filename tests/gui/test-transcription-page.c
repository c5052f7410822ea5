/* test-transcription-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>

#include "prl-gui-test-util.h"
#include "prl-local-provider.h"
#include "prl-store-remote.h"
#include "prl-transcribe-provider.h"
#include "prl-transcribe-train.h"
#include "prl-transcription-page.h"
#include "prl-watson-provider.h"
#include "prl-watson-train.h"
#include "prl-window.h"
#include "prl-workspace.h"

/* The Transcription page on a real workspace and the real local engine:
 * speech synthesized by espeak-ng is transcribed with the stock model and
 * aligned with its known text; the word buttons seek, the exports are
 * checked, and a bad file and Cancel leave no transcript.
 */

#define SENTENCE "the weather is cold today"

static char *audio_dir; /* (owned): the synthesized speech */
static char *audio_path;

typedef struct
{
  char                 *dir;
  PrlWorkspace         *workspace;
  GtkWindow            *window;
  PrlTranscriptionPage *page;
  guint                 n_exported;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = prl_test_make_tmpdir ();
  f->workspace = prl_test_open_workspace (f->dir);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 800);
  f->page = PRL_TRANSCRIPTION_PAGE (prl_transcription_page_new ());
  g_object_set (f->page, "workspace", f->workspace, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  prl_test_iterate (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  prl_test_iterate (50);
  g_assert_finalize_object (f->workspace);
  prl_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child (Fixture *f, const char *name)
{
  return prl_test_template_child (GTK_WIDGET (f->page), PRL_TYPE_TRANSCRIPTION_PAGE,
                                  name);
}

static gboolean
skip_without_audio (void)
{
  if (audio_path == NULL)
    {
      g_test_skip ("espeak-ng is not installed");
      return TRUE;
    }
  return FALSE;
}

static gboolean
idle_with_transcript (gpointer data)
{
  Fixture *f = data;

  return !prl_transcription_page_get_busy (f->page)
         && (prl_transcription_page_get_transcript (f->page) != NULL
             || gtk_widget_get_visible (child (f, "error_label")));
}

static gboolean
not_busy (gpointer data)
{
  Fixture *f = data;

  return !prl_transcription_page_get_busy (f->page);
}

static void
run (Fixture *f)
{
  GtkWidget *button = child (f, "run_button");

  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_activate (button);
  prl_test_wait_until (idle_with_transcript, f);
}

static void
exported_cb (PrlTranscriptionPage *page, GFile *dest, const GError *error, Fixture *f)
{
  g_assert_no_error ((GError *)error);
  f->n_exported++;
}

static char *export(Fixture *f, const char *format)
{
  g_autofree char *path = g_strdup_printf ("%s/out.%s", f->dir, format);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  char  *contents = NULL;
  gulong id = g_signal_connect (f->page, "exported", G_CALLBACK (exported_cb), f);

  f->n_exported = 0;
  prl_transcription_page_export (f->page, format, file);
  while (f->n_exported == 0)
    prl_test_iterate (10);
  g_signal_handler_disconnect (f->page, id);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_srt (const char *srt)
{
  g_assert_true (g_str_has_prefix (srt, "1\n00:00:"));
  g_assert_nonnull (strstr (srt, " --> "));
  g_assert_nonnull (strchr (srt, ','));
}

static gboolean
seek_requested (gpointer data)
{
  Fixture *f = data;

  return prl_transcription_page_get_seek_position (f->page) >= 0;
}

static void
test_transcribe (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) audio = NULL;
  g_autoptr (GPtrArray) buttons = NULL;
  g_autofree char     *srt = NULL;
  g_autofree char     *vtt = NULL;
  g_autofree char     *txt = NULL;
  const PrlTranscript *t;
  double               last = -1;

  if (skip_without_audio ())
    return;

  g_assert_false (gtk_widget_get_sensitive (child (f, "run_button")));
  audio = g_file_new_for_path (audio_path);
  prl_transcription_page_set_audio (f->page, audio);
  g_assert_true (gtk_widget_get_visible (child (f, "media_controls")));
  run (f);

  t = prl_transcription_page_get_transcript (f->page);
  g_assert_nonnull (t);
  g_assert_cmpuint (t->words->len, >=, 3);
  for (guint i = 0; i < t->words->len; i++)
    {
      const PrlTranscriptWord *w = &g_array_index (t->words, PrlTranscriptWord, i);

      g_assert_cmpfloat (w->start, >=, last);
      g_assert_cmpfloat (w->end, >=, w->start);
      last = w->start;
    }
  g_assert_cmpfloat (last, >, 0);

  /* The transcript is text the user can correct, and a click on a word
   * still asks the player for its start. */
  {
    const PrlTranscriptWord *w0 = &g_array_index (t->words, PrlTranscriptWord, 0);
    GtkTextView             *view = child (f, "transcript_view");
    g_autofree char         *shown = prl_transcription_page_dup_text (f->page);

    g_assert_true (gtk_text_view_get_editable (view));
    g_assert_cmpstr (shown, ==, t->text);
    g_assert_cmpfloat (prl_transcription_page_get_seek_position (f->page), <, 0);
    g_assert_true (prl_transcription_page_play_from_offset (f->page, 0));
    prl_test_wait_until (seek_requested, f);
    g_assert_cmpfloat_with_epsilon (prl_transcription_page_get_seek_position (f->page),
                                    w0->start, 1e-9);
  }
  g_assert_true (gtk_widget_get_sensitive (child (f, "export_box")));
  srt = export(f, "srt");
  assert_srt (srt);
  vtt = export(f, "vtt");
  g_assert_true (g_str_has_prefix (vtt, "WEBVTT"));
  g_assert_nonnull (strstr (vtt, " --> "));
  txt = export(f, "txt");
  g_assert_cmpstr (g_strchomp (txt), ==, t->text);

  /* Corrected: the first word replaced and a word typed at the end.
   * Exports carry the corrected text; a click on the corrected word
   * still plays from where the model heard it. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (f, "transcript_view"));
    const PrlTranscriptWord *w0 = &g_array_index (t->words, PrlTranscriptWord, 0);
    double                   first_start = w0->start;
    GtkTextIter              start, end;
    g_autofree char         *corrected_txt = NULL;
    g_autofree char         *corrected_srt = NULL;
    g_autofree char         *text = NULL;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
    gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_strlen (w0->word, -1));
    gtk_text_buffer_delete (buffer, &start, &end);
    gtk_text_buffer_insert (buffer, &start, "Corrected", -1);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, " appended", -1);
    g_assert_true (gtk_widget_get_visible (child (f, "corrected_label")));

    text = prl_transcription_page_dup_text (f->page);
    g_assert_true (g_str_has_prefix (text, "Corrected "));
    g_assert_true (g_str_has_suffix (text, " appended"));
    corrected_txt = export(f, "txt");
    g_assert_cmpstr (g_strchomp (corrected_txt), ==, text);
    corrected_srt = export(f, "srt");
    assert_srt (corrected_srt);
    g_assert_nonnull (strstr (corrected_srt, "Corrected"));
    g_assert_nonnull (strstr (corrected_srt, "appended"));

    g_assert_true (prl_transcription_page_play_from_offset (f->page, 2));
    g_assert_cmpfloat_with_epsilon (prl_transcription_page_get_seek_position (f->page),
                                    first_start, 1e-9);
  }
}

static void
test_align (Fixture *f, gconstpointer data)
{
  static const char *const known[] = { "the", "weather", "is", "cold", "today" };
  g_autoptr (GFile) audio = NULL;
  g_autofree char     *srt = NULL;
  const PrlTranscript *t;

  if (skip_without_audio ())
    return;

  audio = g_file_new_for_path (audio_path);
  prl_transcription_page_set_audio (f->page, audio);
  prl_transcription_page_set_align_mode (f->page, TRUE);
  g_assert_true (gtk_widget_get_visible (child (f, "known_text_box")));
  g_assert_false (gtk_widget_get_visible (child (f, "model_box")));
  /* Without the known text there is nothing to align. */
  g_assert_false (gtk_widget_get_sensitive (child (f, "run_button")));
  prl_transcription_page_set_known_text (f->page, SENTENCE);
  run (f);

  t = prl_transcription_page_get_transcript (f->page);
  g_assert_nonnull (t);
  g_assert_cmpuint (t->words->len, ==, G_N_ELEMENTS (known));
  for (guint i = 0; i < t->words->len; i++)
    {
      const PrlTranscriptWord *w = &g_array_index (t->words, PrlTranscriptWord, i);

      g_assert_cmpstr (w->word, ==, known[i]);
      if (i > 0)
        g_assert_cmpfloat (w->start, >=,
                           g_array_index (t->words, PrlTranscriptWord, i - 1).start);
    }

  srt = export(f, "srt");
  assert_srt (srt);
  g_assert_nonnull (strstr (srt, "weather"));
}

static gboolean
error_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (child (f, "error_label"));
}

static gboolean
known_text_is (gpointer data)
{
  Fixture         *f = data;
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (child (f, "known_text_view"));
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_str_has_prefix (text, "the weather");
}

/* Choose Transcript reads through prl_file_open_regular(): a named pipe
 * is refused at once instead of hanging the read. */
static void
test_known_text_file (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.txt", NULL);
  g_autofree char *good = g_build_filename (f->dir, "known.txt", NULL);
  g_autoptr (GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr (GFile) good_file = g_file_new_for_path (good);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  prl_transcription_page_load_known_text (f->page, fifo_file);
  prl_test_wait_until (error_shown, f);
  g_assert_cmpuint (strlen (gtk_label_get_label (child (f, "error_label"))), >, 0);

  g_assert_true (g_file_set_contents (good, "the weather is cold today\n", -1, NULL));
  prl_transcription_page_load_known_text (f->page, good_file);
  prl_test_wait_until (known_text_is, f);
  g_assert_false (gtk_widget_get_visible (child (f, "error_label")));
}

static void
test_bad_audio (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.wav", NULL);
  g_autoptr (GFile) audio = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  const char *message;

  g_file_set_contents (path, "this is not a RIFF file at all", -1, &error);
  g_assert_no_error (error);
  prl_transcription_page_set_audio (f->page, audio);
  run (f);

  g_assert_null (prl_transcription_page_get_transcript (f->page));
  g_assert_true (gtk_widget_get_visible (child (f, "error_label")));
  message = gtk_label_get_label (child (f, "error_label"));
  g_assert_cmpuint (strlen (message), >, 0);
  g_assert_false (gtk_widget_get_sensitive (child (f, "export_box")));
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) audio = NULL;

  if (skip_without_audio ())
    return;

  audio = g_file_new_for_path (audio_path);
  prl_transcription_page_set_audio (f->page, audio);
  g_signal_emit_by_name (child (f, "run_button"), "clicked");
  g_assert_true (prl_transcription_page_get_busy (f->page));
  g_assert_true (gtk_widget_get_visible (child (f, "progress_box")));
  g_signal_emit_by_name (child (f, "cancel_button"), "clicked");
  prl_test_wait_until (not_busy, f);

  g_assert_null (prl_transcription_page_get_transcript (f->page));
  g_assert_false (gtk_widget_get_visible (child (f, "progress_box")));
  g_assert_false (gtk_widget_get_visible (child (f, "error_label")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "run_button")));
}

static void
test_models (Fixture *f, gconstpointer data)
{
  GListModel *names;

  /* A model without versions is not offered; the stock model always is. */
  g_clear_object (&(PrlModel *){ prl_test_create_model (f->workspace, "clinic") });
  prl_test_iterate (200);
  names = gtk_drop_down_get_model (child (f, "model_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==,
                   "Stock model");
  g_assert_false (gtk_widget_get_sensitive (child (f, "version_dropdown")));
}

/* A model of @provider without an account, created as the dialog does. */
static PrlModel *
create_model (Fixture *f, const char *name, const char *provider)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlModel *model;

  prl_workspace_create_model_async (f->workspace, name, provider, "en-US",
                                    PRL_BASE_MODEL_WIDE_BAND, NULL, NULL,
                                    prl_test_result_cb, &result);
  model = prl_workspace_create_model_finish (f->workspace, prl_test_wait_for (&result),
                                             &error);
  g_assert_no_error (error);
  return model;
}

/* A cloud provider's stock model is offered through a model of it, even
 * without versions; chosen, it has no versions to pick, and running it
 * goes to the provider with that model: here one without an account,
 * refused before any request with what to do. */
static void
test_cloud_stock_model (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GFile) audio = NULL;
  GListModel *names;

  prl_transcribe_train_register ();
  prl_transcribe_provider_register ();
  model = create_model (f, "clinic-aws", "aws-transcribe");
  prl_test_iterate (200);

  names = gtk_drop_down_get_model (child (f, "model_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==,
                   "Amazon Transcribe stock model (account of “clinic-aws”)");
  gtk_drop_down_set_selected (child (f, "model_dropdown"), 1);
  prl_test_iterate (20);
  g_assert_false (gtk_widget_get_sensitive (child (f, "version_dropdown")));

  if (skip_without_audio ())
    return;
  audio = g_file_new_for_path (audio_path);
  prl_transcription_page_set_audio (f->page, audio);
  run (f);
  g_assert_null (prl_transcription_page_get_transcript (f->page));
  g_assert_true (gtk_widget_get_visible (child (f, "error_label")));
  g_assert_nonnull (
      strstr (gtk_label_get_label (child (f, "error_label")), "has no cloud account"));
}

/* The same for IBM Watson: its stock model through a model of it, and a
 * model without an account refused before any request, with the reason
 * on the page. */
static void
test_watson_stock_model (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (GFile) audio = NULL;
  GListModel *names;

  prl_watson_train_register ();
  prl_watson_provider_register ();
  model = create_model (f, "clinic-ibm", "ibm-watson");
  prl_test_iterate (200);

  names = gtk_drop_down_get_model (child (f, "model_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==,
                   "IBM Watson Speech to Text stock model (account of “clinic-ibm”)");
  gtk_drop_down_set_selected (child (f, "model_dropdown"), 1);
  prl_test_iterate (20);
  g_assert_false (gtk_widget_get_sensitive (child (f, "version_dropdown")));

  if (skip_without_audio ())
    return;
  audio = g_file_new_for_path (audio_path);
  prl_transcription_page_set_audio (f->page, audio);
  run (f);
  g_assert_null (prl_transcription_page_get_transcript (f->page));
  g_assert_true (gtk_widget_get_visible (child (f, "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (child (f, "error_label")),
                            "has no IBM Cloud account"));
}

/* The stock model, the model's versions and its provider's stock model. */
static gboolean
versions_offered (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (child (f, "model_dropdown")))
         == 3;
}

/* A version on a base its provider removed cannot transcribe: choosing
 * its model preselects the newest version that still can, and the
 * removed one stays in the list, marked. */
static void
test_base_removed_not_preselected (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (PrlVersion) older = NULL;
  g_autoptr (PrlVersion) newer = NULL;
  g_autoptr (GDateTime) january = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) february = g_date_time_new_utc (2026, 2, 1, 0, 0, 0);
  PrlStore   *store;
  PrlVersion *selected;
  GListModel *names;

  prl_watson_train_register ();
  prl_watson_provider_register ();
  model = create_model (f, "clinic-ibm", "ibm-watson");
  store = prl_workspace_get_store (f->workspace);
  older = prl_test_add_remote_version (store, prl_model_get_id (model),
                                       "clinic-20260101T000000Z", january,
                                       "en-US_Multimedia.v2023-06-01", &error);
  g_assert_no_error (error);
  newer = prl_test_add_remote_version (store, prl_model_get_id (model),
                                       "clinic-20260201T000000Z", february,
                                       "en-US_Multimedia.v2023-06-01", &error);
  g_assert_no_error (error);
  g_assert_true (prl_store_set_version_remote_sync (store, prl_version_get_id (newer),
                                                    PRL_REMOTE_STATUS_BASE_REMOVED, FALSE,
                                                    NULL, &error));
  g_assert_no_error (error);

  /* Opened again, as the app starts, so the versions are read as saved. */
  g_object_set (f->page, "workspace", NULL, NULL);
  g_clear_object (&model);
  prl_test_finalize_object (f->workspace);
  f->workspace = prl_test_open_workspace (f->dir);
  g_object_set (f->page, "workspace", f->workspace, NULL);
  prl_test_wait_until (versions_offered, f);

  names = gtk_drop_down_get_model (child (f, "model_dropdown"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==,
                   "clinic-ibm");
  gtk_drop_down_set_selected (child (f, "model_dropdown"), 1);
  prl_test_iterate (20);
  g_assert_true (gtk_widget_get_sensitive (child (f, "version_dropdown")));
  g_assert_cmpuint (
      g_list_model_get_n_items (gtk_drop_down_get_model (child (f, "version_dropdown"))),
      ==, 2);
  selected = gtk_drop_down_get_selected_item (child (f, "version_dropdown"));
  g_assert_nonnull (selected);
  g_assert_cmpstr (prl_version_get_name (selected), ==, "clinic-20260101T000000Z");
  g_assert_cmpuint (gtk_drop_down_get_selected (child (f, "version_dropdown")), ==, 1);
}

static gboolean
window_has_workspace (gpointer data)
{
  return prl_window_get_workspace (data) != NULL;
}

static void
test_window_action (void)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autoptr (GPtrArray) leaflets = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GPtrArray) buttons = NULL;
  g_autoptr (PrlWorkspace) shown = NULL;
  PrlWindow  *window;
  AdwLeaflet *leaflet;
  gboolean    found = FALSE;

  g_settings_set_boolean (settings, "getting-started-shown", TRUE);
  window = prl_window_new (NULL, dir);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_wait_until (window_has_workspace, window);
  prl_test_iterate (100);

  /* The models header offers it. */
  buttons = prl_test_find_all (GTK_WIDGET (window), GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "win.transcribe")
        == 0)
      {
        g_assert_cmpstr (gtk_widget_get_tooltip_text (buttons->pdata[i]), ==,
                         "Transcription");
        found = TRUE;
      }
  g_assert_true (found);

  leaflets = prl_test_find_all (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  leaflet = leaflets->pdata[0];
  gtk_widget_activate_action (GTK_WIDGET (window), "win.transcribe", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "transcription");
  prl_test_iterate (100);
  pages = prl_test_find_all (GTK_WIDGET (window), PRL_TYPE_TRANSCRIPTION_PAGE, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  g_object_get (pages->pdata[0], "workspace", &shown, NULL);
  g_assert_true (shown == prl_window_get_workspace (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-models", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "models");

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_iterate (100);
  prl_test_rm_rf (dir);
}

static void
synthesize (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  int              status = 0;

  if (espeak == NULL)
    return;

  audio_dir = prl_test_make_tmpdir ();
  audio_path = g_build_filename (audio_dir, "weather.wav", NULL);
  {
    const char *argv[]
        = { espeak, "-v", "en-us+f2", "-s", "140", "-w", audio_path, SENTENCE, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int argc, char *argv[])
{
  int ret;

  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  prl_local_register ();
  synthesize ();

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/transcription-page/transcribe", test_transcribe);
  ADD ("/transcription-page/align", test_align);
  ADD ("/transcription-page/bad-audio", test_bad_audio);
  ADD ("/transcription-page/known-text-file", test_known_text_file);
  ADD ("/transcription-page/cancel", test_cancel);
  ADD ("/transcription-page/models", test_models);
  ADD ("/transcription-page/cloud-stock-model", test_cloud_stock_model);
  ADD ("/transcription-page/watson-stock-model", test_watson_stock_model);
  ADD ("/transcription-page/base-removed-not-preselected",
       test_base_removed_not_preselected);
#undef ADD
  g_test_add_func ("/transcription-page/window-action", test_window_action);

  ret = g_test_run ();
  if (audio_dir != NULL)
    prl_test_rm_rf (audio_dir);
  g_free (audio_dir);
  g_free (audio_path);
  return ret;
}
