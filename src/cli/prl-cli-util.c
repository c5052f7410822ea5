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
