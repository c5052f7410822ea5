/* prl-provider-info.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-provider-info"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-model.h"
#include "prl-provider-info.h"

/* A static table rather than provider objects: the New Custom Model dialog
 * needs the rules of providers that are not set up (and may never be), and
 * the rules must be identical in the GUI, the CLI and the store.
 */
struct _PrlProviderInfo
{
  const char *id;
  const char *display_name;
  /* Parlance can use it, given an account of account_kind if set. */
  gboolean    supported;
  const char *unavailable_reason;
  /* (nullable): the cloud account kind it needs ("aws") */
  const char        *account_kind;
  const char *const *languages;
  guint              max_name_length;
  /* Characters allowed besides ASCII letters and digits. */
  const char *extra_name_chars;
};

/* The embedded engine ships the CMU en-US acoustic model only. */
static const char *const local_languages[] = { "en-US", NULL };

/* Transcribe's CLMLanguageCode enumeration. */
static const char *const aws_languages[]
    = { "en-US", "en-GB", "en-AU", "es-US", "de-DE", "hi-IN", "ja-JP", NULL };

/* Watson's languages that accept language-model customization. */
static const char *const watson_languages[]
    = { "en-US", "en-GB", "en-AU", "en-IN", "de-DE", "es-ES", "fr-FR",
        "it-IT", "ja-JP", "ko-KR", "nl-NL", "pt-BR", NULL };

static const PrlProviderInfo providers[] = {
  {
      "local",
      N_ ("On this computer"),
      TRUE,
      NULL,
      NULL,
      local_languages,
      /* Same rule as Transcribe, so a local model can later move to the cloud. */
      200,
      "._-",
  },
  {
      "aws-transcribe",
      N_ ("Amazon Transcribe"),
      TRUE,
      N_ ("Not set up: add an Amazon Web Services account in Preferences → Accounts "
          "or with “parlance-cli accounts add”"),
      "aws",
      aws_languages,
      /* Transcribe's 200, less the "-YYYYMMDDTHHMMSSZ" that makes each
       * version's ModelName (prl_transcribe_train_start()): a longer model
       * name could be created but never trained. */
      200 - 17,
      "._-",
  },
  {
      "ibm-watson",
      N_ ("IBM Watson Speech to Text"),
      TRUE,
      N_ ("Not set up: add an IBM Cloud account in Preferences → Accounts "
          "or with “parlance-cli accounts add ibm”"),
      "ibm",
      watson_languages,
      256,
      "._- ",
  },
};

static const PrlProviderInfo *const provider_list[]
    = { &providers[0], &providers[1], &providers[2] };

const PrlProviderInfo *
prl_provider_info_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_strcmp0 (providers[i].id, id) == 0)
      return &providers[i];

  return NULL;
}

/**
 * prl_provider_info_list:
 * @n_providers: (out) (optional): the number of providers
 *
 * Returns: (transfer none): every provider Parlance knows, local first
 */
const PrlProviderInfo *const *
prl_provider_info_list (guint *n_providers)
{
  if (n_providers != NULL)
    *n_providers = G_N_ELEMENTS (provider_list);

  return provider_list;
}

const char *
prl_provider_info_get_id (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->id;
}

const char *
prl_provider_info_get_display_name (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return _ (info->display_name);
}

/**
 * prl_provider_info_is_available:
 *
 * Returns: whether the provider can be used with nothing more to set up;
 *   %FALSE for one that needs an account (the GUI asks the account store,
 *   see prl_provider_info_get_account_kind())
 */
gboolean
prl_provider_info_is_available (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return info->supported && info->account_kind == NULL;
}

/**
 * prl_provider_info_is_supported:
 *
 * Returns: whether this version of Parlance can use the provider at all,
 *   given an account of prl_provider_info_get_account_kind() if it needs one
 */
gboolean
prl_provider_info_is_supported (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return info->supported;
}

/**
 * prl_provider_info_get_account_kind:
 *
 * Returns: (nullable): the kind of cloud account the provider needs
 *   (PRL_CLOUD_ACCOUNT_KIND_AWS, "aws"), or %NULL when it needs none
 */
const char *
prl_provider_info_get_account_kind (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->account_kind;
}

const char *
prl_provider_info_get_unavailable_reason (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->unavailable_reason ? _ (info->unavailable_reason) : NULL;
}

const char *const *
prl_provider_info_get_languages (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->languages;
}

gboolean
prl_provider_info_supports_language (const PrlProviderInfo *info, const char *language)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return language != NULL && g_strv_contains (info->languages, language);
}

guint
prl_provider_info_get_max_name_length (const PrlProviderInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->max_name_length;
}

/**
 * prl_provider_info_validate_name:
 *
 * Checks @name against the provider's naming rules; it does not check
 * that the name is free in the workspace (prl_workspace_check_name() does).
 *
 * Returns: %TRUE if the provider accepts @name
 */
gboolean
prl_provider_info_validate_name (const PrlProviderInfo *info,
                                 const char            *name,
                                 GError               **error)
{
  glong n_chars;

  g_return_val_if_fail (info != NULL, FALSE);

  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_EMPTY,
                           _ ("Enter a name for the model"));
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID,
                           _ ("The name is not valid text"));
      return FALSE;
    }

  n_chars = g_utf8_strlen (name, -1);
  if (n_chars > (glong)info->max_name_length)
    {
      /* Translators: the first %ld is the name's length, %u the limit of the
       * model's provider */
      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TOO_LONG,
                   ngettext ("The name is %ld character long, but a name can have at "
                             "most %u characters; shorten it",
                             "The name is %ld characters long, but a name can have at "
                             "most %u characters; shorten it",
                             n_chars),
                   n_chars, info->max_name_length);
      return FALSE;
    }

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && (g_ascii_isalnum (c) || strchr (info->extra_name_chars, c)))
        continue;

      if (c == ' ')
        g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID,
                     _ ("Spaces are not allowed; use letters, digits, “.”, “_” or “-”"));
      else
        {
          char             buf[8] = { 0 };
          g_autofree char *shown = NULL;

          g_unichar_to_utf8 (c, buf);
          shown = prl_display_escape (buf);
          g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID,
                       _ ("“%s” is not allowed in a name; use letters A–Z, digits, “.”, "
                          "“_” or “-”"),
                       shown);
        }
      return FALSE;
    }

  /* A name is also a folder name in the workspace. */
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_INVALID,
                           _ ("The name must contain a letter or a digit"));
      return FALSE;
    }

  return TRUE;
}

static const struct
{
  const char *code;
  const char *name;
} language_names[] = {
  { "en-US", N_ ("English") },
  { "en-GB", N_ ("English (UK)") },
  { "en-AU", N_ ("English (Australia)") },
  { "en-IN", N_ ("English (India)") },
  { "es-US", N_ ("Spanish (US)") },
  { "es-ES", N_ ("Spanish (Spain)") },
  { "de-DE", N_ ("German") },
  { "fr-FR", N_ ("French") },
  { "it-IT", N_ ("Italian") },
  { "hi-IN", N_ ("Hindi") },
  { "ja-JP", N_ ("Japanese") },
  { "ko-KR", N_ ("Korean") },
  { "nl-NL", N_ ("Dutch") },
  { "pt-BR", N_ ("Portuguese (Brazil)") },
};

/**
 * prl_language_get_display_name:
 * @code: a BCP 47 code such as "en-US"
 *
 * Returns: the language's translated name, or @code when it is unknown
 */
const char *
prl_language_get_display_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_strcmp0 (language_names[i].code, code) == 0)
      return _ (language_names[i].name);

  return code;
}
