/* prl-cli-workspace.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "parlance-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "prl-workspace.h"

#include "prl-cli-private.h"

/* `parlance-cli workspace …`: settings of the whole workspace. */

static int
workspace_encrypt (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlWorkspace) ws = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean was_on;

  if (!prl_cli_parse (
          context, NULL,
          _ ("Encrypt the workspace at rest: its datasets, trained versions and the "
             "text stored about them. The key is kept in your keyring (Secret "
             "Service). What is already stored is converted; running it again "
             "finishes a conversion that was interrupted."),
          &argc, &argv, 0, 0, _ ("Usage: parlance-cli workspace %s"), "encrypt"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  /* Switching on also converts what is stored, and finishes a conversion
   * that was interrupted when encryption is on already. */
  was_on = prl_workspace_get_encrypt_blobs (ws);
  prl_workspace_set_encrypt_blobs_async (ws, TRUE, NULL, prl_cli_store_result_cb,
                                         &result);
  if (!prl_workspace_set_encrypt_blobs_finish (ws, prl_cli_wait (&result), &error))
    {
      prl_cli_print_gerror (error);
      if (prl_workspace_get_encrypt_blobs (ws))
        prl_cli_print_error (_ ("Encryption is on for what is added from now on; run "
                                "“parlance-cli workspace encrypt” again to finish "
                                "converting what was stored before."));
      return PRL_CLI_EXIT_FAILURE;
    }

  printf ("%s\n", was_on
                      ? _ ("Encryption was already on for this workspace; everything "
                           "stored in it is encrypted.")
                      : _ ("Encryption is now on for this workspace; everything stored "
                           "in it is encrypted."));
  return PRL_CLI_EXIT_OK;
}

static int
workspace_status (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlWorkspace) ws = NULL;

  if (!prl_cli_parse (context, NULL, _ ("Show the workspace’s folder and settings."),
                      &argc, &argv, 0, 0, _ ("Usage: parlance-cli workspace %s"),
                      "status"))
    return PRL_CLI_EXIT_USAGE;

  if (!(ws = prl_cli_open_workspace (ctx)))
    return PRL_CLI_EXIT_FAILURE;

  printf (_ ("Folder: %s\n"), prl_workspace_get_directory (ws));
  printf (_ ("Encryption: %s\n"),
          prl_workspace_get_encrypt_blobs (ws) ? _ ("on") : _ ("off"));
  return PRL_CLI_EXIT_OK;
}

int
prl_cli_workspace (PrlCliContext *ctx, int argc, char **argv)
{
  static const PrlCliSubcommand subcommands[] = {
    { "encrypt", workspace_encrypt },
    { "status", workspace_status },
  };
  int status;

  if (prl_cli_dispatch (ctx, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                        &status))
    return status;

  prl_cli_print_error (_ ("Usage: parlance-cli workspace encrypt|status"));
  return PRL_CLI_EXIT_USAGE;
}
