/* prl-cli-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cli-util"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "prl-workspace.h"

#include "prl-cli-private.h"

void
prl_cli_print_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "parlance-cli: %s\n", message);
}

void
prl_cli_print_gerror (const GError *error)
{
  prl_cli_print_error ("%s", error->message);
}

/**
 * prl_cli_wait:
 * @result: where an async callback stores its #GAsyncResult
 *
 * The CLI drives the same async APIs as the app; this runs the default
 * main context until the callback has filled @result.
 *
 * Returns: (transfer none): *@result
 */
gpointer
prl_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

void
prl_cli_store_result_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/**
 * prl_cli_open_workspace:
 *
 * Opens the workspace the command line chose, printing why not.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
PrlWorkspace *
prl_cli_open_workspace (PrlCliContext *ctx)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PrlWorkspace *ws;

  prl_workspace_open_async (ctx->workspace_dir, NULL, prl_cli_store_result_cb, &result);
  if (!(ws = prl_workspace_open_finish (prl_cli_wait (&result), &error)))
    prl_cli_print_gerror (error);
  return ws;
}

/**
 * prl_cli_find_model:
 *
 * Returns: (transfer none) (nullable): the model named @name, or %NULL
 *   after saying how to list the models
 */
PrlModel *
prl_cli_find_model (PrlWorkspace *ws, const char *name)
{
  PrlModel *model = prl_workspace_find_model (ws, name);

  if (model == NULL)
    prl_cli_print_error (_ ("No model named “%s”; “parlance-cli models list” shows them"),
                         name);
  return model;
}
