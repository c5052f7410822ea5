/* prl-cli-watson.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "parlance-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-watson-account.h"

#include "prl-cli-private.h"

/* `models create --provider ibm-watson`: the Watson base model a new
 * model is built on, chosen among the ones the account's service lists
 * as accepting language customization, so that a typo or a base the
 * instance does not offer is refused before anything is created. */

static char *
join_names (GPtrArray *models)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", model->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * prl_cli_watson_choose_base:
 * @account: the IBM account's name
 * @base: (nullable): the base the user named (--base), or %NULL to
 *   propose one from @language and @base_model
 * @language: (inout): the model's language; %NULL on input when not given
 * @base_model: (inout): the band; follows the chosen base's rate
 * @band_given: whether the user gave --base-model
 *
 * Prints what is wrong and returns %NULL when no base fits.
 *
 * Returns: (transfer full) (nullable): the Watson base model name
 */
char *
prl_cli_watson_choose_base (const char   *account,
                            const char   *base,
                            char        **language,
                            PrlBaseModel *base_model,
                            gboolean      band_given)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GError) error = NULL;
  PrlWatsonBaseModel *chosen = NULL;
  gboolean            narrow;

  if (!prl_cloud_accounts_load (accounts, &error))
    {
      prl_cli_print_gerror (error);
      return NULL;
    }
  prl_watson_account_list_base_models_async (accounts, account, TRUE, NULL,
                                             prl_cli_store_result_cb, &result);
  models = prl_watson_account_list_base_models_finish (accounts, prl_cli_wait (&result),
                                                       &error);
  if (models == NULL)
    {
      prl_cli_print_error (_ ("Could not list the base models of the account “%s”: %s"),
                           account, error->message);
      return NULL;
    }
  if (models->len == 0)
    {
      prl_cli_print_error (_ ("The service of the account “%s” lists no base model that "
                              "accepts language customization"),
                           account);
      return NULL;
    }

  if (base != NULL)
    {
      g_autofree char *names = join_names (models);

      for (guint i = 0; i < models->len && chosen == NULL; i++)
        if (g_strcmp0 (((PrlWatsonBaseModel *)g_ptr_array_index (models, i))->name, base)
            == 0)
          chosen = g_ptr_array_index (models, i);
      if (chosen == NULL)
        {
          g_autofree char *shown = prl_display_escape (base);

          prl_cli_print_error (_ ("The service has no base model “%s” that accepts "
                                  "language customization; choose one of %s"),
                               shown, names);
          return NULL;
        }
      if (*language != NULL && g_strcmp0 (*language, chosen->language) != 0)
        {
          g_autofree char *shown = prl_display_escape (*language);

          prl_cli_print_error (_ ("The base model “%s” is for %s, not %s; leave out "
                                  "--language or choose another base"),
                               chosen->name, chosen->language, shown);
          return NULL;
        }
      narrow = chosen->rate > 0 && chosen->rate < 16000;
      if (band_given && narrow != (*base_model == PRL_BASE_MODEL_NARROW_BAND))
        {
          prl_cli_print_error (_ ("The base model “%s” is for %u Hz audio, which is %s, "
                                  "not %s"),
                               chosen->name, chosen->rate,
                               prl_base_model_to_string (narrow
                                                             ? PRL_BASE_MODEL_NARROW_BAND
                                                             : PRL_BASE_MODEL_WIDE_BAND),
                               prl_base_model_to_string (*base_model));
          return NULL;
        }
      *base_model = narrow ? PRL_BASE_MODEL_NARROW_BAND : PRL_BASE_MODEL_WIDE_BAND;
    }
  else
    {
      const char *wanted = *language != NULL ? *language : "en-US";

      chosen = prl_watson_base_models_propose (models, wanted,
                                               *base_model == PRL_BASE_MODEL_NARROW_BAND);
      if (chosen == NULL)
        {
          g_autofree char *names = join_names (models);
          g_autofree char *shown = prl_display_escape (wanted);

          prl_cli_print_error (_ ("The service has no %s base model for %s; choose one "
                                  "with --base among %s"),
                               prl_base_model_to_string (*base_model), shown, names);
          return NULL;
        }
    }

  if (*language == NULL)
    *language = g_strdup (chosen->language);
  return g_strdup (chosen->name);
}
