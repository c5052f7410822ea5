/* test-transcribe-eval-gui.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "prl-evaluation-page.h"
#include "prl-gui-test-util.h"
#include "prl-leaderboard-view.h"
#include "prl-providers.h"
#include "prl-store-versions.h"

#include "../cloud/keyring-session.h"

/* The Evaluation page's Run with an Amazon Transcribe model, against the
 * real S3 server (build-aux/s3-server.sh) and the Transcribe stand-in
 * (tests/cloud/transcribe-server.py) running Parlance's own recognizer on
 * the audio it reads from S3, keys in a private gnome-keyring. The model
 * is created, given its training text and two spoken test pairs, and
 * trained with parlance-cli (the stand-in trains a local version from the
 * S3 text); then the page evaluates it as a click on Evaluate does, and
 * the leaderboard shows Transcribe's stock model and the trained version,
 * each row with "Amazon Transcribe" in its provider column.
 * argv[1] is transcribe-server.py, argv[2] parlance-cli, argv[3] the
 * tests' data folder. Skipped without the S3 server or espeak-ng. */

#define CHILD_ENV "PRL_TEST_TRANSCRIBE_EVAL_GUI_KEYRING"
#define ROLE "arn:aws:iam::111122223333:role/TranscribeData"

static const char *standin_script;
static char       *cli;
static const char *data_dir;

/* Runs @argv to the end, asserting that it succeeded; its output is
 * shown when not. */
static void
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int              status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s%s", argv[0], out, err);
}

static GSubprocess *
start_standin (const char *dir)
{
  g_autofree char *accounts = g_build_filename (dir, "accounts.json", NULL);
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autofree char *json = g_strdup_printf (
      "[{\"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"AccountId\": "
      "\"111122223333\"}]",
      g_getenv ("PRL_TEST_S3_ACCESS_KEY"), g_getenv ("PRL_TEST_S3_SECRET_KEY"));
  g_autofree char *port = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *server;

  g_assert_true (g_file_set_contents_full (accounts, json, -1, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "/usr/bin/python3", standin_script, "--accounts", accounts,
                             "--port-file", port_file, "--training-seconds", "1",
                             "--recognizer", cli, "--exit-with-parent", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && !g_file_test (port_file, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_assert_true (g_file_get_contents (port_file, &port, NULL, &error));
  g_strstrip (port);
  g_setenv ("PARLANCE_TEST_TRANSCRIBE_ENDPOINT",
            g_strdup_printf ("http://127.0.0.1:%s", port), TRUE);
  g_setenv ("PARLANCE_TEST_TRANSCRIBE_POLL", "0.3", TRUE);
  return server;
}

/* The bucket (with boto3, as the other S3 tests make theirs). */
static void
bucket (const char *name, gboolean create)
{
  const char *argv[]
      = { "/usr/bin/python3",
          "-c",
          "import os, sys, boto3\n"
          "from botocore.config import Config\n"
          "s3 = boto3.client('s3', endpoint_url=os.environ["
          "'PRL_TEST_S3_ENDPOINT'], region_name='us-east-1',"
          " aws_access_key_id=os.environ['PRL_TEST_S3_ACCESS_KEY'],"
          " aws_secret_access_key=os.environ['PRL_TEST_S3_SECRET_KEY'],"
          " config=Config(s3={'addressing_style': 'path'}))\n"
          "if sys.argv[2] == 'create':\n"
          "    s3.create_bucket(Bucket=sys.argv[1])\n"
          "else:\n"
          "    for p in s3.get_paginator('list_objects_v2')"
          ".paginate(Bucket=sys.argv[1]):\n"
          "        for o in p.get('Contents', []):\n"
          "            s3.delete_object(Bucket=sys.argv[1], Key=o['Key'])\n"
          "    s3.delete_bucket(Bucket=sys.argv[1])\n",
          name,
          create ? "create" : "delete",
          NULL };

  run (argv);
}

/* The model, its data and its training, as a user of parlance-cli would
 * have them; the spoken test pairs come from espeak-ng. */
static void
set_up_model (const char *dir, const char *ws, const char *bucket_name)
{
  g_autofree char *training = g_build_filename (data_dir, "clinic-training.txt", NULL);
  g_autofree char *spoken_path = g_build_filename (data_dir, "clinic-spoken.txt", NULL);
  g_autofree char *spoken = NULL;
  g_auto (GStrv) lines = NULL;
  guint pairs = 0;

  g_setenv ("AWS_ACCESS_KEY_ID", g_getenv ("PRL_TEST_S3_ACCESS_KEY"), TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", g_getenv ("PRL_TEST_S3_SECRET_KEY"), TRUE);
  run ((const char *[]){ cli, "accounts", "add", "aws", "aws", "--region", "us-east-1",
                         "--bucket", bucket_name, "--prefix", "gui", "--endpoint",
                         g_getenv ("PRL_TEST_S3_ENDPOINT"), "--role-arn", ROLE, NULL });
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  run ((const char *[]){ cli, "--workspace", ws, "models", "create", "clinic",
                         "--provider", "aws-transcribe", "--account", "aws", "--language",
                         "en-US", NULL });
  run ((const char *[]){ cli, "--workspace", ws, "datasets", "add", "clinic", training,
                         "--type", "TRANSCRIPT", NULL });
  run ((const char *[]){ cli, "--workspace", ws, "train", "clinic", "--wait", NULL });

  g_assert_true (g_file_get_contents (spoken_path, &spoken, NULL, NULL));
  lines = g_strsplit (spoken, "\n", -1);
  for (guint i = 0; lines[i] != NULL && pairs < 2; i++)
    {
      g_autofree char *wav = NULL;
      g_autofree char *txt = NULL;
      g_autofree char *text = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      wav = g_strdup_printf ("%s/pair%u.wav", dir, pairs);
      txt = g_strdup_printf ("%s/pair%u.txt", dir, pairs);
      text = g_strconcat (lines[i], "\n", NULL);
      g_assert_true (g_file_set_contents (txt, text, -1, NULL));
      run ((const char *[]){ "espeak-ng", "-v", "en-us+f2", "-s", "140", "-w", wav,
                             lines[i], NULL });
      run ((const char *[]){ cli, "--workspace", ws, "datasets", "add", "clinic", wav,
                             txt, "--type", "TEST", NULL });
      pairs++;
    }
  g_assert_cmpuint (pairs, ==, 2);
}

static gboolean
not_busy (gpointer page)
{
  return !prl_evaluation_page_get_busy (page);
}

/* The visible label named @name in @row, asserting there is one. */
static const char *
cell_text (GtkListBoxRow *row, const char *name)
{
  g_autoptr (GPtrArray) labels
      = prl_test_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL, name);

  g_assert_cmpuint (labels->len, ==, 1);
  return gtk_label_get_label (labels->pdata[0]);
}

static void
test_evaluate (void)
{
  g_autofree char *dir = prl_test_make_tmpdir ();
  g_autofree char *ws_dir = g_build_filename (dir, "ws", NULL);
  g_autofree char *bucket_name = g_strdup_printf ("prl-gui-eval-%08x", g_random_int ());
  g_autoptr (GSubprocess) server = start_standin (dir);
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GPtrArray) leaderboards = NULL;
  GtkWidget  *window = gtk_window_new ();
  GtkWidget  *page = prl_evaluation_page_new ();
  GtkListBox *list;
  GtkWidget  *button;
  PrlEvalRun *run_;
  PrlModel   *model;
  const char *version;
  gint64      deadline;
  double      wer[2] = { 0 };

  bucket (bucket_name, TRUE);
  set_up_model (dir, ws_dir, bucket_name);
  ws = prl_test_open_workspace (ws_dir);
  model = prl_workspace_find_model (ws, "clinic");
  g_assert_nonnull (model);
  versions = prl_store_list_versions_sync (prl_workspace_get_store (ws),
                                           prl_model_get_id (model), NULL);
  g_assert_cmpuint (versions->len, ==, 1);
  version = prl_version_get_name (g_ptr_array_index (versions, 0));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "workspace", ws, "model", model, NULL);
  gtk_window_present (GTK_WINDOW (window));
  prl_test_iterate (100);

  /* Evaluate, with its button; the stand-in recognizes for real, so this
   * takes longer than prl_test_wait_until() waits. */
  button = prl_test_template_child (page, PRL_TYPE_EVALUATION_PAGE, "run_button");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (prl_evaluation_page_get_busy (PRL_EVALUATION_PAGE (page)));
  deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;
  while (!not_busy (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      prl_test_iterate (50);
    }

  run_ = prl_evaluation_page_get_run (PRL_EVALUATION_PAGE (page));
  g_assert_nonnull (run_);
  g_assert_cmpuint (prl_eval_run_get_n_utterances (run_), ==, 2);
  g_assert_cmpuint (prl_eval_run_get_n_systems (run_), ==, 2);
  for (guint s = 0; s < 2; s++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (run_, s);

      g_assert_cmpstr (row->provider, ==, "aws-transcribe");
      wer[s] = row->wer;
    }
  g_assert_null (prl_eval_run_get_row (run_, 0)->version);
  g_assert_cmpstr (prl_eval_run_get_row (run_, 1)->version, ==, version);
  g_test_message ("WER: Transcribe stock %.3f, version %.3f", wer[0], wer[1]);
  g_assert_cmpfloat (wer[1], <, wer[0]);

  /* The leaderboard shows both rows, each with its provider. */
  leaderboards = prl_test_find_all (page, PRL_TYPE_LEADERBOARD_VIEW, NULL);
  g_assert_cmpuint (leaderboards->len, ==, 1);
  g_assert_true (prl_leaderboard_view_get_run (leaderboards->pdata[0]) == run_);
  list = prl_test_template_child (leaderboards->pdata[0], PRL_TYPE_LEADERBOARD_VIEW,
                                  "list_box");
  for (guint i = 0; i < 2; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      g_assert_nonnull (row);
      g_assert_cmpstr (cell_text (row, "provider"), ==, "Amazon Transcribe");
    }
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  gtk_window_destroy (GTK_WINDOW (window));
  prl_test_drain ();
  g_clear_object (&ws);
  g_subprocess_force_exit (server);
  bucket (bucket_name, FALSE);
  prl_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  const char      *home = g_getenv (CHILD_ENV);
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  int              status;

  if (g_getenv ("PRL_TEST_S3_ENDPOINT") == NULL
      && g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_S3"), "1") == 0)
    {
      printf ("Bail out! PRL_TEST_S3_ENDPOINT is not set, but PRL_TEST_REQUIRE_S3=1\n");
      return 1;
    }
  if (g_getenv ("PRL_TEST_S3_ENDPOINT") == NULL || espeak == NULL)
    {
      printf ("1..0 # SKIP needs the S3 server (PRL_TEST_S3_ENDPOINT) and espeak-ng\n");
      return 0;
    }
  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);
  if (home == NULL)
    {
      printf ("1..0 # SKIP needs dbus-run-session and gnome-keyring-daemon\n");
      return 0;
    }
  if (!prl_test_init_gtk (&argc, &argv))
    return 0;
  g_assert_cmpint (argc, >=, 4);
  standin_script = argv[1];
  cli = g_canonicalize_filename (argv[2], NULL);
  data_dir = argv[3];
  /* What the app does at start: every provider, aws-transcribe's
   * transcription and version operations among them. */
  prl_providers_register_all ();

  g_test_add_func ("/transcribe-eval-gui/evaluate", test_evaluate);
  status = g_test_run ();
  prl_test_rm_rf (home);
  return status;
}
