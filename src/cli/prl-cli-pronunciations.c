/* prl-cli-pronunciations.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-pronunciations"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-watson-train.h"
#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli pronunciations …`: a model's pronunciation list. Entries
 * the user sets win over generated ones, and later trainings keep them;
 * they take effect at the next training. An IBM Watson model's entries
 * are Watson's custom words (prl-watson-words.c), sent before it trains. */

static int
pronunciations_list (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  PrlModel                *model;
  gboolean                 json = FALSE;
  g_autofree GOptionEntry *entries = prl_cli_json_entries (&json);

  if (!prl_cli_parse (context, entries, NULL, &argc, &argv, 1, 1,
                      _ ("Usage: parlance-cli pronunciations %s"), "list MODEL [--json]"))
    return PRL_CLI_EXIT_USAGE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  prl_workspace_list_pronunciations_async (ws, model, NULL, prl_cli_store_result_cb,
                                           &result);
  if (!(list
        = prl_workspace_list_pronunciations_finish (ws, prl_cli_wait (&result), &error)))
    return prl_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          PrlPronunciation *p = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "word");
          json_builder_add_string_value (b, p->word);
          json_builder_set_member_name (b, "phones");
          json_builder_add_string_value (b, p->phones);
          json_builder_set_member_name (b, "generated");
          json_builder_add_boolean_value (b, p->generated);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      prl_cli_print_json (b);
      return PRL_CLI_EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      PrlPronunciation *p = g_ptr_array_index (list, i);

      printf ("%-24s %-40s %s\n", p->word, p->phones,
              p->generated ? _ ("generated") : _ ("user"));
    }
  return PRL_CLI_EXIT_OK;
}

static int
pronunciations_set (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL WORD PHONE…");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  PrlModel        *model;
  gboolean         watson;

  if (!prl_cli_parse (
          context, NULL,
          _ ("Set the pronunciation of WORD, in phones of the acoustic "
             "model (ARPAbet, e.g. “M EH T OW P R OW L AO L”). For an IBM Watson "
             "model, what it sounds like and how to display it instead: "
             "“SOUNDS LIKE[; SOUNDS LIKE]…[ | DISPLAY AS]”, e.g. “lie sin oh pril "
             "| Lisinopril”."),
          &argc, &argv, 3, -1, _ ("Usage: parlance-cli pronunciations %s"),
          "set MODEL WORD PHONE…"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;
  /* A Watson model's entry is what the word sounds like and how to show
   * it, kept as typed; phones are upper-cased. Either may come as
   * separate arguments or as one quoted string. */
  watson = g_strcmp0 (prl_model_get_provider (model), PRL_WATSON_PROVIDER) == 0;
  for (int i = 3; i < argc; i++)
    {
      g_auto (GStrv) parts = g_strsplit_set (argv[i], " \t", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (*parts[j] != '\0')
          g_ptr_array_add (phones,
                           watson ? g_strdup (parts[j]) : g_ascii_strup (parts[j], -1));
    }
  if (phones->len == 0)
    {
      prl_cli_print_error (watson
                               ? _ ("Give what the word sounds like, or “| DISPLAY AS”")
                               : _ ("Give at least one phone"));
      return PRL_CLI_EXIT_USAGE;
    }
  g_ptr_array_add (phones, NULL);
  joined = g_strjoinv (" ", (char **)phones->pdata);

  if (watson ? !prl_watson_check_word_entry (argv[2], joined, &error)
             : !prl_workspace_check_pronunciation (ws, model, joined, &error))
    return prl_cli_fail (error);

  prl_workspace_set_pronunciation_async (ws, model, argv[2], joined, NULL,
                                         prl_cli_store_result_cb, &result);
  if (!prl_workspace_set_pronunciation_finish (ws, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);

  printf (_ ("Set “%s” to %s; it takes effect at the next training.\n"), argv[2], joined);
  return PRL_CLI_EXIT_OK;
}

static int
pronunciations_delete (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("MODEL WORD");
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlModel *model;

  if (!prl_cli_parse (context, NULL, NULL, &argc, &argv, 2, 2,
                      _ ("Usage: parlance-cli pronunciations %s"), "delete MODEL WORD"))
    return PRL_CLI_EXIT_USAGE;
  if (!(ws = prl_cli_open_workspace (ctx)) || !(model = prl_cli_find_model (ws, argv[1])))
    return PRL_CLI_EXIT_FAILURE;

  prl_workspace_delete_pronunciation_async (ws, model, argv[2], NULL,
                                            prl_cli_store_result_cb, &result);
  if (!prl_workspace_delete_pronunciation_finish (ws, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);

  printf (_ ("Deleted the pronunciation of “%s”.\n"), argv[2]);
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_pronunciations (PrlCliContext *ctx, int argc, char **argv)
{
  static const PrlCliSubcommand subcommands[] = {
    { "list", pronunciations_list },
    { "set", pronunciations_set },
    { "delete", pronunciations_delete },
  };
  int status;

  if (prl_cli_dispatch (ctx, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                        &status))
    return status;

  prl_cli_print_error (_ ("Usage: parlance-cli pronunciations list|set|delete MODEL …"));
  return PRL_CLI_EXIT_USAGE;
}
