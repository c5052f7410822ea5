/* prl-cli-score.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-score"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "prl-normalizer.h"
#include "prl-trn.h"
#include "prl-wer-report.h"
#include "prl-wer-service.h"
#include "prl-wer-stats.h"

#include "prl-cli-private.h"

/*
 * parlance-cli score: word error rate of a hypothesis transcript against a
 * reference, scored by PrlWerService on every core. Reads sclite trn files
 * or plain text paired by line, and writes the whole report or nothing.
 */

typedef struct
{
  char              *ref;
  char              *hyp;
  char              *compare;
  char              *format_name;
  char              *profile;
  char              *word_map;
  char              *output;
  gboolean           cer;
  gboolean           list_profiles;
  PrlWerReportFormat format;
} Options;

static void
options_clear (Options *opts)
{
  g_free (opts->ref);
  g_free (opts->hyp);
  g_free (opts->compare);
  g_free (opts->format_name);
  g_free (opts->profile);
  g_free (opts->word_map);
  g_free (opts->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The two runs scored: the hypothesis, and the one to compare with. */
typedef struct
{
  PrlWerBatch    *batch;
  PrlWerBatch    *other_batch;
  PrlCorpusScore *score;
  PrlCorpusScore *other_score;
} Runs;

static void
runs_clear (Runs *runs)
{
  g_clear_object (&runs->batch);
  g_clear_object (&runs->other_batch);
  g_clear_pointer (&runs->score, prl_corpus_score_unref);
  g_clear_pointer (&runs->other_score, prl_corpus_score_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Runs, runs_clear)

static void
progress_cb (PrlWerService *service, GParamSpec *pspec, gpointer user_data)
{
  /* Translators: progress while scoring, e.g. "Scoring… 42%" */
  fprintf (stderr, "\r%s %3.0f%%", _ ("Scoring…"),
           100.0 * prl_wer_service_get_progress (service));
  fflush (stderr);
}

static void
list_profiles (void)
{
  const char *const *names = prl_normalizer_list_profiles ();

  for (guint i = 0; names[i] != NULL; i++)
    printf ("%-10s %s\n", names[i], prl_normalizer_describe_profile (names[i]));
}

/* A transcript read on its own thread: the reference and the hypotheses
 * are read and parsed at the same time. */
typedef struct
{
  const char *path;
  PrlTrn     *transcript;
  GError     *error;
  GThread    *thread;
} Load;

static gpointer
load_thread (gpointer data)
{
  Load *load = data;

  load->transcript = prl_trn_load (load->path, PRL_TRN_FORMAT_AUTO, &load->error);
  return NULL;
}

static void
load_start (Load *load, const char *path)
{
  load->path = path;
  if (path != NULL)
    load->thread = g_thread_new ("prl-load", load_thread, load);
}

/* Waits for the transcript; an error is moved to @error if none is set yet. */
static PrlTrn *
load_finish (Load *load, GError **error)
{
  if (load->thread != NULL)
    g_thread_join (g_steal_pointer (&load->thread));
  if (load->error != NULL)
    {
      if (error != NULL && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&load->error));
      g_clear_error (&load->error);
    }
  return g_steal_pointer (&load->transcript);
}

static gboolean
write_report (const char *output, const char *report, GError **error)
{
  gsize len = strlen (report);

  if (output != NULL && g_strcmp0 (output, "-") != 0)
    return g_file_set_contents (output, report, len, error);

  if (fwrite (report, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not write the report"));
      return FALSE;
    }
  return TRUE;
}

/* Stage 1: the command line. Returns an exit status, or -1 to go on. */
static int
parse_options (Options *opts, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "ref", 0, 0, G_OPTION_ARG_FILENAME, &opts->ref,
      N_ ("Reference transcript (trn, or plain text paired by line)"), N_ ("FILE") },
    { "hyp", 0, 0, G_OPTION_ARG_FILENAME, &opts->hyp,
      N_ ("Hypothesis transcript in the same format"), N_ ("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opts->format_name,
      N_ ("Report format: sum, pra, sgml, csv or json (default: sum)"), N_ ("FORMAT") },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &opts->profile,
      N_ ("Normalization profile (default: default; see --list-profiles)"), N_ ("NAME") },
    { "word-map", 'm', 0, G_OPTION_ARG_FILENAME, &opts->word_map,
      N_ ("Extra word mappings, one “word = replacement” a line"), N_ ("FILE") },
    { "cer", 0, 0, G_OPTION_ARG_NONE, &opts->cer,
      N_ ("Also compute the character error rate"), NULL },
    { "compare", 'c', 0, G_OPTION_ARG_FILENAME, &opts->compare,
      N_ ("Second hypothesis: words fixed and significance tests (sum and json)"),
      N_ ("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opts->output,
      N_ ("Write the report to FILE instead of standard output"), N_ ("FILE") },
    { "list-profiles", 0, 0, G_OPTION_ARG_NONE, &opts->list_profiles,
      N_ ("List the normalization profiles and exit"), NULL },
    { NULL },
  };

  context
      = g_option_context_new (_ ("— score a hypothesis transcript against a reference"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Positional arguments are refused below, after --list-profiles. */
  if (!prl_cli_parse (context, entries, NULL, &argc, &argv, 0, -1, "%s", ""))
    return PRL_CLI_EXIT_USAGE;

  if (opts->list_profiles)
    {
      list_profiles ();
      return PRL_CLI_EXIT_OK;
    }
  if (opts->ref == NULL || opts->hyp == NULL || argc > 1)
    {
      prl_cli_print_error (_ ("score needs --ref FILE and --hyp FILE, and nothing else"));
      return PRL_CLI_EXIT_USAGE;
    }
  opts->format = PRL_WER_REPORT_SUM;
  if (opts->format_name != NULL
      && !prl_wer_report_format_from_string (opts->format_name, &opts->format))
    {
      prl_cli_print_error (
          _ ("Unknown report format “%s” (use sum, pra, sgml, csv or json)"),
          opts->format_name);
      return PRL_CLI_EXIT_USAGE;
    }
  if (opts->compare != NULL && opts->format != PRL_WER_REPORT_SUM
      && opts->format != PRL_WER_REPORT_JSON)
    {
      prl_cli_print_error (_ ("--compare works with the sum and json formats"));
      return PRL_CLI_EXIT_USAGE;
    }
  return -1;
}

/* Stage 2: the word map and the transcripts, paired into batches. The
 * hypotheses are read on their own threads while the rest is read. */
static gboolean
load_runs (const Options *opts, PrlNormalizer *normalizer, Runs *runs, GError **error)
{
  g_autoptr (PrlTrn) ref = NULL;
  g_autoptr (PrlTrn) hyp = NULL;
  g_autoptr (PrlTrn) other = NULL;
  g_autoptr (GError) local_error = NULL;
  Load hyp_load = { NULL };
  Load other_load = { NULL };

  load_start (&hyp_load, opts->hyp);
  load_start (&other_load, opts->compare);
  if (opts->word_map != NULL)
    prl_normalizer_load_word_map (normalizer, opts->word_map, &local_error);
  if (local_error == NULL)
    ref = prl_trn_load (opts->ref, PRL_TRN_FORMAT_AUTO, &local_error);
  /* Errors in the order of the options: word map, reference, hypotheses. */
  hyp = load_finish (&hyp_load, &local_error);
  other = load_finish (&other_load, &local_error);
  if (local_error != NULL
      || !(runs->batch = prl_wer_batch_new_for_trns (ref, hyp, &local_error))
      || (other != NULL
          && !(runs->other_batch
               = prl_wer_batch_new_for_trns (ref, other, &local_error))))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Stage 3: both runs scored at once; they share the thread pool. */
static gboolean
score_runs (const Options *opts, PrlNormalizer *normalizer, Runs *runs, GError **error)
{
  g_autoptr (PrlWerService) service = prl_wer_service_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) other_result = NULL;
  PrlWerScoreFlags flags = PRL_WER_SCORE_DEFAULT;
  gulong           progress_id = 0;

  if (prl_wer_report_format_needs_alignment (opts->format) || opts->compare != NULL)
    flags |= PRL_WER_SCORE_KEEP_ALIGNMENT;
  if (opts->cer)
    flags |= PRL_WER_SCORE_CHARACTERS;

  if (isatty (STDERR_FILENO))
    progress_id
        = g_signal_connect (service, "notify::progress", G_CALLBACK (progress_cb), NULL);

  prl_wer_service_score_batch_async (service, runs->batch, normalizer, flags, NULL,
                                     prl_cli_store_result_cb, &result);
  if (runs->other_batch != NULL)
    prl_wer_service_score_batch_async (service, runs->other_batch, normalizer, flags,
                                       NULL, prl_cli_store_result_cb, &other_result);

  prl_cli_wait (&result);
  if (runs->other_batch != NULL)
    prl_cli_wait (&other_result);
  if (progress_id != 0)
    {
      g_clear_signal_handler (&progress_id, service);
      fprintf (stderr, "\r%*s\r", 20, "");
    }

  return (runs->score = prl_wer_service_score_batch_finish (service, result, error))
         && (runs->other_batch == NULL
             || (runs->other_score
                 = prl_wer_service_score_batch_finish (service, other_result, error)));
}

/* Stage 4: words fixed and broken, and the significance tests. */
static gboolean
compare_runs (const Options    *opts,
              Runs             *runs,
              PrlWerComparison *comparison,
              GError          **error)
{
  comparison->other = runs->other_score;
  comparison->other_name = opts->compare;
  if (!prl_wer_mapsswe (runs->score, runs->other_score, &comparison->mapsswe, error)
      || !prl_wer_sign_test (runs->score, runs->other_score, &comparison->sign_test,
                             error)
      || !(comparison->words_fixed
           = prl_corpus_score_get_words_fixed (runs->score, runs->other_score, error))
      || !(comparison->words_broken
           = prl_corpus_score_get_words_fixed (runs->other_score, runs->score, error)))
    {
      g_clear_pointer (&comparison->words_fixed, g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}

/* Stage 5: the report, written whole or not at all. */
static gboolean
render_report (const Options *opts, Runs *runs, GError **error)
{
  g_autofree char *report = NULL;
  PrlWerComparison comparison = { NULL };
  PrlWerReportInfo info = { NULL };

  if (runs->other_score != NULL && !compare_runs (opts, runs, &comparison, error))
    return FALSE;

  info.ref_name = opts->ref;
  info.hyp_name = opts->hyp;
  report = prl_wer_report_render (runs->score, opts->format, &info,
                                  runs->other_score ? &comparison : NULL);
  g_clear_pointer (&comparison.words_fixed, g_ptr_array_unref);
  g_clear_pointer (&comparison.words_broken, g_ptr_array_unref);

  return write_report (opts->output, report, error);
}

int
prl_cli_score (PrlCliContext *ctx, int argc, char **argv)
{
  g_auto (Options) opts = { 0 };
  g_auto (Runs) runs = { 0 };
  g_autoptr (PrlNormalizer) normalizer = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if ((status = parse_options (&opts, argc, argv)) >= 0)
    return status;

  if (!(normalizer
        = prl_normalizer_new (opts.profile ? opts.profile : "default", &error)))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }

  if (!load_runs (&opts, normalizer, &runs, &error)
      || !score_runs (&opts, normalizer, &runs, &error)
      || !render_report (&opts, &runs, &error))
    return prl_cli_fail (error);
  return PRL_CLI_EXIT_OK;
}
