/* prl-local-phones.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-local-phones"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-local-provider-private.h"

/* The embedded provider's check of a user's pronunciation: the stock
 * acoustic model knows the CMU phone set, and a phone outside it would
 * make PocketSphinx refuse the dictionary when the model is trained. The
 * GUI and the CLI both show this one message. */

gboolean
_prl_local_provider_check_pronunciation (PrlProvider *provider,
                                         const char  *language,
                                         const char  *phones,
                                         GError     **error)
{
  g_auto (GStrv) parts = g_strsplit (phones, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && !prl_pronouncer_is_phone (parts[i]))
      {
        g_autofree char *set = g_strjoinv (" ", (char **)prl_pronouncer_phone_set ());

        g_set_error (
            error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
            /* Translators: %s is what the user typed as a phone, then the valid phones */
            _ ("“%s” is not a phone of the acoustic model. Use these: %s"), parts[i],
            set);
        return FALSE;
      }
  return TRUE;
}
