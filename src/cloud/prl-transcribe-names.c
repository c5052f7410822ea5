/* prl-transcribe-names.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The checks a name or a role ARN must pass before anything is sent to
 * Amazon Transcribe. A file of their own: the account dialog and the CLI
 * check as the user types, and must not pull the JSON parser (and its
 * boxed PrlTranscribeJob, whose get_type clashes with core's job class)
 * into the app. */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-transcribe-client.h"

G_DEFINE_QUARK (PrlTranscribeErrorQuark, prl_transcribe_error)

/**
 * prl_transcribe_check_name:
 * @name: a language model or transcription job name
 *
 * Checks @name against the service's rule (1-200 characters, letters,
 * digits, “.”, “_” and “-”), so a dialog can say so before any request.
 *
 * Returns: %TRUE when the service accepts @name
 */
gboolean
prl_transcribe_check_name (const char *name, GError **error)
{
  gsize length = name != NULL ? strlen (name) : 0;

  if (length == 0 || length > PRL_TRANSCRIBE_NAME_MAX)
    {
      g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_NAME,
                   _ ("Amazon Transcribe names are 1 to %d characters long. Choose a "
                      "name of that length."),
                   PRL_TRANSCRIBE_NAME_MAX);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && strchr ("._-", name[i]) == NULL)
      {
        g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_NAME,
                     _ ("“%s” cannot be an Amazon Transcribe name: use only letters "
                        "A–Z and a–z, digits, “.”, “_” and “-”, without spaces."),
                     name);
        return FALSE;
      }
  return TRUE;
}

/**
 * prl_transcribe_check_role_arn:
 * @arn: the IAM role Transcribe assumes to read the training data
 *
 * Checks @arn against the service model's DataAccessRoleArn rule (20-2048
 * characters, `arn:PARTITION:iam::ACCOUNT:role/NAME`).
 *
 * Returns: %TRUE when the service accepts @arn
 */
gboolean
prl_transcribe_check_role_arn (const char *arn, GError **error)
{
  static gsize   once;
  static GRegex *pattern;
  gsize          length = arn != NULL ? strlen (arn) : 0;

  if (g_once_init_enter (&once))
    {
      pattern = g_regex_new ("^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):"
                             "iam::[0-9]{0,63}:role/[A-Za-z0-9:_/+=,@.-]{0,1024}$",
                             G_REGEX_DOLLAR_ENDONLY | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  if (length >= 20 && length <= 2048 && g_regex_match (pattern, arn, 0, NULL))
    return TRUE;
  g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_INVALID_ROLE_ARN,
               _ ("“%s” is not the ARN of an IAM role. Copy the role’s ARN from the "
                  "IAM console; it looks like arn:aws:iam::123456789012:role/NAME."),
               arn != NULL ? arn : "");
  return FALSE;
}
