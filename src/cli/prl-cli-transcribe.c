/* prl-cli-transcribe.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-transcribe"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-caption-writer.h"
#include "prl-file-open.h"
#include "prl-transcribe-job.h"
#include "prl-version-ops.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli transcribe …` and `parlance-cli align …`.
 *
 * transcribe runs a PrlTranscribeJob (one decoder per core) on the stock
 * model or a version of a custom model. Files that fail are reported on
 * stderr and left out of the output; the others are still printed, and
 * the exit status is 1. With several files, caption formats are printed
 * one document after another, each after a line “==> FILE <==” as head(1)
 * does: SRT has no comment syntax, and writing files next to the audio
 * would surprise. Give one file to get a document to save as is.
 */

typedef enum
{
  FORMAT_TEXT,
  FORMAT_TRN,
  FORMAT_JSON,
  FORMAT_SRT,
  FORMAT_VTT,
} Format;

static const char *const format_names[] = { "text", "trn", "json", "srt", "vtt" };

static gboolean
parse_format (const char *str, Format first, Format last, Format *format)
{
  g_autoptr (GString) allowed = g_string_new (NULL);

  for (Format f = first; f <= last; f++)
    {
      if (g_strcmp0 (str, format_names[f]) == 0)
        {
          *format = f;
          return TRUE;
        }
      g_string_append_printf (allowed, "%s%s", allowed->len ? ", " : "", format_names[f]);
    }

  prl_cli_print_error (_ ("Unknown format “%s”; use one of %s"), str, allowed->str);
  return FALSE;
}

static void
print_transcripts (GPtrArray *transcripts, Format format)
{
  g_autoptr (JsonBuilder) b = NULL;
  guint n_printed = 0;

  if (format == FORMAT_JSON)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }

  for (guint i = 0; i < transcripts->len; i++)
    {
      const PrlTranscript *t = g_ptr_array_index (transcripts, i);
      g_autofree char     *captions = NULL;

      if (t == NULL)
        continue;

      switch (format)
        {
        case FORMAT_TEXT:
          if (transcripts->len > 1)
            printf ("%s%s:\n", n_printed ? "\n" : "", t->path);
          printf ("%s\n", t->text);
          break;

        case FORMAT_TRN:
          printf ("%s (%s)\n", t->text, t->id);
          break;

        case FORMAT_JSON:
          prl_transcript_build_json (t, b);
          break;

        case FORMAT_SRT:
        case FORMAT_VTT:
          captions = prl_caption_format_transcript (t, format == FORMAT_VTT);
          if (transcripts->len > 1)
            printf ("%s==> %s <==\n", n_printed ? "\n" : "", t->path);
          fputs (captions, stdout);
          break;

        default:
          g_assert_not_reached ();
        }
      n_printed++;
    }

  if (format == FORMAT_JSON)
    {
      json_builder_end_array (b);
      prl_cli_print_json (b);
    }
}

/* On stderr, so that the transcript on stdout stays clean. */
static void
warn_of_base (PrlVersion *version)
{
  g_autofree char *warning = prl_version_dup_base_warning (version);

  if (warning != NULL)
    fprintf (stderr, _ ("Warning: %s\n"), warning);
}

/* Finds MODEL[@VERSION]. A model whose own name holds an “@” is found
 * whole first. Without @VERSION, the newest version. */
static gboolean
resolve_model (PrlWorkspace *ws,
               const char   *spec,
               PrlModel    **model_out,
               PrlVersion  **version_out)
{
  g_autofree char *name = g_strdup (spec);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) names = NULL;
  const char *wanted = NULL;
  PrlModel   *model;
  char       *at;

  if (!(model = prl_workspace_find_model (ws, name)) && (at = strrchr (name, '@')))
    {
      *at = '\0';
      wanted = at + 1;
      model = prl_workspace_find_model (ws, name);
    }
  if (model == NULL)
    {
      prl_cli_print_error (
          _ ("No model named “%s”; “parlance-cli models list” shows them"), name);
      return FALSE;
    }

  /* MODEL@stock: the stock model of the model's provider (Amazon
   * Transcribe's own for an Amazon Transcribe model), with its account
   * and language. */
  if (g_strcmp0 (wanted, "stock") == 0)
    {
      *version_out = NULL;
      *model_out = g_object_ref (model);
      return TRUE;
    }

  /* The workspace's live list fills in the background without telling
   * when it is done, so the versions are read once here; they are the
   * same rows, newest first. A model whose versions live only here has
   * them compared with the current base first (no service to ask), so
   * that an old-base version is warned of. */
  if (!prl_workspace_model_is_remote (ws, model))
    versions = prl_cli_refresh_versions (ws, model, &error);
  else
    {
      prl_workspace_read_rows_async (ws, model, PRL_MODEL_ROWS_VERSIONS, NULL,
                                     prl_cli_store_result_cb, &result);
      versions = prl_workspace_read_rows_finish (ws, prl_cli_wait (&result), &error);
    }
  if (versions == NULL)
    {
      prl_cli_print_gerror (error);
      return FALSE;
    }

  if (versions->len == 0)
    {
      prl_cli_print_error (
          _ ("“%s” has no trained version yet; train it with parlance-cli train %s"),
          prl_model_get_name (model), prl_model_get_name (model));
      return FALSE;
    }

  if (wanted == NULL)
    {
      *version_out = g_object_ref (g_ptr_array_index (versions, 0));
      *model_out = g_object_ref (model);
      warn_of_base (*version_out);
      return TRUE;
    }

  names = g_string_new (NULL);
  for (guint i = 0; i < versions->len; i++)
    {
      PrlVersion *v = g_ptr_array_index (versions, i);

      if (prl_version_matches (v, prl_model_get_name (model), wanted))
        {
          *version_out = g_object_ref (v);
          *model_out = g_object_ref (model);
          warn_of_base (v);
          return TRUE;
        }
      g_string_append_printf (names, "%s%s", i ? ", " : "", prl_version_get_name (v));
    }

  prl_cli_print_error (_ ("“%s” has no version “%s”; its versions are: %s"),
                       prl_model_get_name (model), wanted, names->str);
  return FALSE;
}

static int
run_transcribe (PrlProvider *provider,
                PrlModel    *model,
                PrlVersion  *version,
                GFile      **files,
                guint        n_files,
                guint        threads,
                Format       format)
{
  g_autoptr (PrlTranscribeJob) job
      = prl_transcribe_job_new (provider, version, files, n_files);
  GPtrArray *transcripts;
  GPtrArray *errors;

  prl_transcribe_job_set_model (job, model);
  prl_transcribe_job_set_max_threads (job, threads);
  /* Ctrl+C cancels the job: running files stop soon, and what is done is
   * still printed. */
  prl_cli_run_job (PRL_JOB (job), PRL_CLI_RUN_START | PRL_CLI_RUN_SIGINT,
                   PRL_CLI_PROGRESS_BAR);

  transcripts = prl_transcribe_job_get_transcripts (job);
  errors = prl_transcribe_job_get_errors (job);
  if (transcripts != NULL)
    print_transcripts (transcripts, format);

  if (prl_job_get_state (PRL_JOB (job)) == PRL_JOB_STATE_CANCELLED)
    {
      prl_cli_print_error (_ ("Interrupted; the files not shown were not transcribed"));
      return PRL_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; errors != NULL && i < errors->len; i++)
    if (g_ptr_array_index (errors, i) != NULL)
      prl_cli_print_gerror (g_ptr_array_index (errors, i));

  return prl_transcribe_job_get_n_failed (job) == 0 ? PRL_CLI_EXIT_OK
                                                    : PRL_CLI_EXIT_FAILURE;
}

int
prl_cli_transcribe (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (PrlModel) model = NULL;
  g_autoptr (PrlVersion) version = NULL;
  g_autofree char   *model_spec = NULL;
  g_autofree char   *format_str = NULL;
  g_autofree GFile **files = NULL;
  PrlProvider       *provider;
  Format             format = FORMAT_TEXT;
  int                threads = 0;
  int                ret;
  GOptionEntry       entries[] = {
          { "model", 'm', 0, G_OPTION_ARG_STRING, &model_spec,
            N_ ("A custom model, and optionally one of its versions (default: the newest) "
                      "or “stock” for its provider’s stock model; without it, the local "
                      "stock model"),
            N_ ("MODEL[@VERSION]") },
          { "format", 'f', 0, G_OPTION_ARG_STRING, &format_str,
            N_ ("text (default), trn (“hypothesis (id)” lines), json, srt or vtt"),
            N_ ("FORMAT") },
          { "threads", 'j', 0, G_OPTION_ARG_INT, &threads,
            N_ ("Files transcribed at once (default: one per core, or the cloud "
                      "account’s concurrent jobs)"),
            N_ ("N") },
          { NULL }
  };

  context = g_option_context_new (_ ("AUDIO… — transcribe audio files"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (
      context, _ ("With several files, srt and vtt documents follow one another, each "
                  "after a line “==> FILE <==”; give one file to get a document to "
                  "save as is. Files that fail are reported on stderr and the exit "
                  "status is then 1."));
  if (!prl_cli_parse (context, entries, NULL, &argc, &argv, 1, -1,
                      _ ("Usage: parlance-cli transcribe [--model MODEL[@VERSION]] "
                         "[--format text|trn|json|srt|vtt] AUDIO…")))
    return PRL_CLI_EXIT_USAGE;
  if (threads < 0)
    {
      prl_cli_print_error (_ ("--threads needs a number of 1 or more"));
      return PRL_CLI_EXIT_USAGE;
    }
  if (format_str != NULL && !parse_format (format_str, FORMAT_TEXT, FORMAT_VTT, &format))
    return PRL_CLI_EXIT_USAGE;

  if (model_spec != NULL)
    {
      if (!(ws = prl_cli_open_workspace (ctx)))
        return PRL_CLI_EXIT_FAILURE;
      if (!resolve_model (ws, model_spec, &model, &version))
        return PRL_CLI_EXIT_FAILURE;
      provider = prl_provider_lookup (prl_model_get_provider (model));
      if (provider == NULL)
        {
          prl_cli_print_error (_ ("“%s” belongs to the provider “%s”, which this "
                                  "parlance-cli cannot use; set it up first"),
                               prl_model_get_name (model),
                               prl_model_get_provider (model));
          return PRL_CLI_EXIT_FAILURE;
        }
    }
  else if (!(provider = prl_provider_lookup ("local")))
    {
      prl_cli_print_error (_ ("The embedded speech engine is not available"));
      return PRL_CLI_EXIT_FAILURE;
    }

  files = g_new0 (GFile *, argc);
  for (int i = 1; i < argc; i++)
    files[i - 1] = g_file_new_for_commandline_arg (argv[i]);

  ret = run_transcribe (provider, model, version, files, argc - 1, threads, format);

  for (int i = 0; i < argc - 1; i++)
    g_object_unref (files[i]);
  return ret;
}

/* A known transcript is a few pages at most; the bound keeps a mistaken
 * argument (a device, a huge file) from filling memory, and the opener
 * refuses a pipe instead of waiting on it. */
#define MAX_TRANSCRIPT_BYTES (16 * 1024 * 1024)

static gboolean
read_transcript (const char *path, char **text, gsize *length, GError **error)
{
  g_autoptr (GInputStream) input = NULL;
  g_autofree char *buffer = NULL;
  guint64          size = 0;

  if (!(input = prl_file_open_regular (path, MAX_TRANSCRIPT_BYTES, &size, NULL, error)))
    return FALSE;
  buffer = g_malloc (size + 1);
  if (!g_input_stream_read_all (input, buffer, size, length, NULL, error))
    return FALSE;
  buffer[*length] = '\0';
  *text = g_steal_pointer (&buffer);
  return TRUE;
}

int
prl_cli_align (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlTranscript) aligned = NULL;
  g_autofree char *format_str = NULL;
  g_autofree char *text = NULL;
  g_autofree char *captions = NULL;
  PrlProvider     *provider;
  Format           format = FORMAT_SRT;
  gsize            length;
  GOptionEntry     entries[] = { { "format", 'f', 0, G_OPTION_ARG_STRING, &format_str,
                                   N_ ("srt (default), vtt or json"), N_ ("FORMAT") },
                                 { NULL } };

  context = g_option_context_new (
      _ ("AUDIO TRANSCRIPT — time the words of a known transcript (a text file)"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!prl_cli_parse (
          context, entries, NULL, &argc, &argv, 2, 2,
          _ ("Usage: parlance-cli align AUDIO TRANSCRIPT [--format srt|vtt|json]")))
    return PRL_CLI_EXIT_USAGE;
  if (format_str != NULL && !parse_format (format_str, FORMAT_JSON, FORMAT_VTT, &format))
    return PRL_CLI_EXIT_USAGE;

  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      prl_cli_print_error (_ ("The audio file “%s” does not exist"), argv[1]);
      return PRL_CLI_EXIT_FAILURE;
    }
  if (!read_transcript (argv[2], &text, &length, &error))
    {
      prl_cli_print_error (_ ("Could not read the transcript: %s"), error->message);
      return PRL_CLI_EXIT_FAILURE;
    }
  if (!g_utf8_validate (text, length, NULL) || memchr (text, '\0', length) != NULL)
    {
      prl_cli_print_error (_ ("The transcript “%s” is not UTF-8 text; save it as UTF-8 "
                              "plain text and try again"),
                           argv[2]);
      return PRL_CLI_EXIT_FAILURE;
    }

  if (!(provider = prl_provider_lookup ("local")))
    {
      prl_cli_print_error (_ ("The embedded speech engine is not available"));
      return PRL_CLI_EXIT_FAILURE;
    }

  if (!(aligned = prl_provider_align (provider, argv[1], text, NULL, &error)))
    return prl_cli_fail (error);

  if (format == FORMAT_JSON)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      prl_transcript_build_json (aligned, b);
      prl_cli_print_json (b);
    }
  else
    {
      captions = prl_caption_format_transcript (aligned, format == FORMAT_VTT);
      fputs (captions, stdout);
    }

  return PRL_CLI_EXIT_OK;
}
