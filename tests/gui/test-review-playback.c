/* test-review-playback.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "prl-eval-run.h"
#include "prl-gui-test-util.h"
#include "prl-review-view.h"

/* The review's own player, for real: GTK's GStreamer media backend plays
 * speech synthesized by espeak-ng from the time of the word asked for,
 * and a second word of the same recording reuses the stream. (The other
 * review tests run without a media backend.)
 */

typedef struct
{
  PrlReviewView *view;
  double         from;
} Wait;

static gboolean
playing_from (gpointer data)
{
  Wait           *w = data;
  GtkMediaStream *media = prl_review_view_get_media_stream (w->view);

  return media != NULL && gtk_media_stream_get_playing (media)
         && gtk_media_stream_get_timestamp (media) >= (gint64)(w->from * G_USEC_PER_SEC);
}

static void
test_plays_from_word (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *wav = g_build_filename (dir, "utt1.wav", NULL);
  g_autofree char *cmd = NULL;
  g_autoptr (PrlEvalRun) run = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow      *window;
  GtkWidget      *view;
  GtkMediaStream *media;
  Wait            w;

  if (!g_find_program_in_path ("espeak-ng"))
    {
      g_test_skip ("espeak-ng is not installed");
      return;
    }
  cmd = g_strdup_printf ("espeak-ng -v en-us+f2 -w '%s' 'the patient takes apixaban "
                         "and metoprolol for atrial fibrillation'",
                         wav);
  g_assert_cmpint (system (cmd), ==, 0);

  run = prl_eval_run_new ("cardio", "default", &error);
  g_assert_no_error (error);
  prl_eval_run_add_utterance (run, "utt1", "the patient takes apixaban", wav);
  prl_eval_run_add_system (run, NULL, NULL);
  prl_eval_run_set_result (run, 0, 0, "the patient takes apixaban", NULL, TRUE);
  g_assert_true (prl_eval_run_score (run, &error));

  window = GTK_WINDOW (gtk_window_new ());
  view = prl_review_view_new ();
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  prl_review_view_set_run (PRL_REVIEW_VIEW (view), run);
  prl_review_view_select_utterance (PRL_REVIEW_VIEW (view), 0);
  prl_test_iterate (50);

  /* The default handler plays from the word's time. */
  g_signal_emit_by_name (view, "play-requested", wav, 1.5);
  w.view = PRL_REVIEW_VIEW (view);
  w.from = 1.5;
  prl_test_wait_until (playing_from, &w);
  media = prl_review_view_get_media_stream (PRL_REVIEW_VIEW (view));
  g_assert_null (gtk_media_stream_get_error (media));
  g_assert_cmpint (gtk_media_stream_get_duration (media), >,
                   (gint64)(1.5 * G_USEC_PER_SEC));

  /* An earlier word of the same file seeks back in the same stream. */
  g_signal_emit_by_name (view, "play-requested", wav, 0.2);
  g_assert_true (prl_review_view_get_media_stream (PRL_REVIEW_VIEW (view)) == media);
  prl_test_iterate (100);
  g_assert_cmpint (gtk_media_stream_get_timestamp (media), <,
                   (gint64)(1.5 * G_USEC_PER_SEC));

  gtk_window_destroy (window);
  prl_test_iterate (50);
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;

  g_test_add_func ("/review-playback/plays-from-word", test_plays_from_word);

  return g_test_run ();
}
