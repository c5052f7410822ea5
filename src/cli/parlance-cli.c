/* parlance-cli.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "parlance-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-providers.h"

#include "prl-cli-private.h"

/* parlance-cli runs the same jobs as the app on the same workspace,
 * without a display. Global options come before the command; each
 * command parses its own.
 */

typedef struct
{
  const char       *name;
  PrlCliCommandFunc func;
  const char       *summary;
} Command;

static const Command commands[] = {
  { "datasets", prl_cli_datasets, N_ ("Add, list, delete and check datasets") },
  { "models", prl_cli_models, N_ ("Create, list, rename and delete custom models") },
  { "score", prl_cli_score,
    N_ ("Score a transcript against a reference: word error rate") },
  { "train", prl_cli_train, N_ ("Train a custom model into a new version") },
  { "pronunciations", prl_cli_pronunciations,
    N_ ("List, set and delete a model’s pronunciations") },
  { "transcribe", prl_cli_transcribe,
    N_ ("Transcribe audio with the stock model or a custom model’s version") },
  { "align", prl_cli_align,
    N_ ("Time a known transcript to audio: SRT, WebVTT or JSON") },
  { "evaluate", prl_cli_evaluate,
    N_ ("Score the stock model and a model’s versions on its test pairs") },
  { "improve", prl_cli_improve,
    N_ ("Self-heal: fetch wiki text about the words a model still misses, train, "
        "evaluate, and repeat while it helps") },
  { "run", prl_cli_run,
    N_ ("From test audio and keywords to a better model: wiki text, training, "
        "evaluation and self-heal in one go") },
  { "quickstart", prl_cli_quickstart,
    N_ ("Train and evaluate a model on the bundled sample in a fresh workspace") },
  { "workspace", prl_cli_workspace,
    N_ ("Show the workspace’s settings; encrypt it at rest") },
  { "accounts", prl_cli_accounts, N_ ("Add, list and remove cloud accounts") },
  { "jobs", prl_cli_jobs, N_ ("List cloud jobs; resume those that were interrupted") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: parlance-cli [--workspace DIR] COMMAND [ARGS…]"));
  fprintf (stream, "%s\n", _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (stream, "\n%s\n", _ ("Options:"));
  fprintf (stream, "  %-22s %s\n", "--workspace DIR",
           _ ("Use the workspace in DIR (default: $PARLANCE_WORKSPACE or "
              "$XDG_DATA_HOME/parlance)"));
  fprintf (stream, "  %-22s %s\n", "--version", _ ("Print the version and exit"));
  fprintf (stream, "\n%s\n",
           _ ("Run “parlance-cli COMMAND --help” for a command’s options."));
}

int
main (int argc, char *argv[])
{
  PrlCliContext ctx = { NULL };
  int           i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("parlance-cli");
  prl_providers_register_all ();

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--workspace") == 0)
        {
          if (i + 1 >= argc)
            {
              prl_cli_print_error (_ ("--workspace needs a folder"));
              return PRL_CLI_EXIT_USAGE;
            }
          ctx.workspace_dir = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--workspace="))
        ctx.workspace_dir = argv[i] + strlen ("--workspace=");
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return PRL_CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("parlance-cli %s\n", PACKAGE_VERSION);
          return PRL_CLI_EXIT_OK;
        }
      else
        {
          g_autofree char *shown = prl_cli_escape (argv[i]);

          prl_cli_print_error (_ ("Unknown option “%s”"), shown);
          print_usage (stderr);
          return PRL_CLI_EXIT_USAGE;
        }
    }

  if (ctx.workspace_dir != NULL && ctx.workspace_dir[0] == '\0')
    {
      prl_cli_print_error (_ ("--workspace needs a folder"));
      return PRL_CLI_EXIT_USAGE;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return PRL_CLI_EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      return commands[c].func (&ctx, argc - i, argv + i);

  {
    g_autofree char *shown = prl_cli_escape (argv[i]);

    prl_cli_print_error (_ ("Unknown command “%s”"), shown);
  }
  print_usage (stderr);
  return PRL_CLI_EXIT_USAGE;
}
