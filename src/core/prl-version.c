/* prl-version.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-version"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-version.h"

/* One trained version of a model. Versions are immutable: the store never
 * updates a row once written and the artifacts folder is renamed into
 * place whole, so a PrlVersion is a plain value object without properties
 * that change.
 */
struct _PrlVersion
{
  GObject parent_instance;

  /* As given to prl_version_new(), with owned copies of the strings, the
   * hashes (never %NULL) and @created. */
  PrlVersionInfo info;
};

G_DEFINE_FINAL_TYPE (PrlVersion, prl_version, G_TYPE_OBJECT)

static void
prl_version_finalize (GObject *object)
{
  PrlVersion *self = PRL_VERSION (object);

  g_free ((char *)self->info.name);
  g_date_time_unref (self->info.created);
  g_free ((char *)self->info.directory);
  g_free ((char *)self->info.base_model_id);
  g_strfreev ((char **)self->info.dataset_hashes);
  g_free ((char *)self->info.workspace_id);

  G_OBJECT_CLASS (prl_version_parent_class)->finalize (object);
}

static void
prl_version_class_init (PrlVersionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_version_finalize;
}

static void
prl_version_init (PrlVersion *self)
{
}

/**
 * prl_version_new:
 * @info: the fields; copied
 *
 * Only the store and tests create versions; everything else gets them
 * from prl_workspace_get_versions().
 *
 * Returns: (transfer full): a new #PrlVersion
 */
PrlVersion *
prl_version_new (const PrlVersionInfo *info)
{
  PrlVersion *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->name != NULL, NULL);
  g_return_val_if_fail (info->directory != NULL, NULL);

  self = g_object_new (PRL_TYPE_VERSION, NULL);
  self->info = *info;
  self->info.name = g_strdup (info->name);
  self->info.created
      = info->created ? g_date_time_ref (info->created) : g_date_time_new_now_utc ();
  self->info.directory = g_strdup (info->directory);
  self->info.base_model_id = g_strdup (info->base_model_id ? info->base_model_id : "");
  self->info.dataset_hashes
      = info->dataset_hashes != NULL
            ? (const char *const *)g_strdupv ((char **)info->dataset_hashes)
            : (const char *const *)g_new0 (char *, 1);
  self->info.workspace_id = g_strdup (info->workspace_id);

  return self;
}

gint64
prl_version_get_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.id;
}

gint64
prl_version_get_model_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.model_id;
}

const char *
prl_version_get_name (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->info.name;
}

GDateTime *
prl_version_get_created (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->info.created;
}

const char *
prl_version_get_directory (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->info.directory;
}

const char *
prl_version_get_base_model_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->info.base_model_id;
}

guint
prl_version_get_order (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.order;
}

double
prl_version_get_lm_weight (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.lm_weight;
}

gboolean
prl_version_get_tuned (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), FALSE);
  return self->info.tuned;
}

PrlWeightSource
prl_version_get_weight_source (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), PRL_WEIGHT_SOURCE_DEFAULT);
  return self->info.weight_source;
}

guint64
prl_version_get_n_tuning_sentences (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.n_tuning_sentences;
}

/**
 * prl_version_describe_weight:
 *
 * Why λ has its value, for the train summary: "tuned on the TUNING text
 * (40 sentences)", "tuned on held-out training text (30 sentences)" or
 * "default (too little text to tune on)".
 *
 * Returns: (transfer full): the reason, for the user
 */
char *
prl_version_describe_weight (PrlVersion *self)
{
  g_autofree char *n = NULL;

  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);

  /* Formatted apart: xgettext cannot read G_GUINT64_FORMAT in a string. */
  n = g_strdup_printf ("%" G_GUINT64_FORMAT, self->info.n_tuning_sentences);
  switch (self->info.weight_source)
    {
    case PRL_WEIGHT_SOURCE_TUNING:
      if (self->info.n_tuning_sentences == 0)
        return g_strdup (_ ("tuned on the TUNING text"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "tuned on the TUNING text (%s sentence)",
                                           "tuned on the TUNING text (%s sentences)",
                                           (gulong)self->info.n_tuning_sentences),
                              n);
    case PRL_WEIGHT_SOURCE_HELD_OUT:
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "tuned on held-out training text (%s sentence)",
                       "tuned on held-out training text (%s sentences)",
                       (gulong)self->info.n_tuning_sentences),
          n);
    case PRL_WEIGHT_SOURCE_NO_TUNING_TEXT:
      return g_strdup (_ ("default, no tuning text"));
    case PRL_WEIGHT_SOURCE_DEFAULT:
    default:
      return g_strdup (_ ("default (too little text to tune on)"));
    }
}

double
prl_version_get_stock_known_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->info.stock_known_perplexity;
}

double
prl_version_get_stock_oov_rate (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->info.stock_oov_rate;
}

/**
 * prl_version_describe_stock_fit:
 *
 * The stock model's fit to the text λ was tuned on, in numbers a user can
 * read: "perplexity 183 on known words; 12.4 % of words unknown to the
 * stock model". The plain stock perplexity counts each unknown word at
 * ARPA's zero (10^-99), which makes it astronomically large on domain
 * text; this splits it into the two facts it mixes.
 *
 * Returns: (transfer full) (nullable): the description, or %NULL when the
 *   version has no such figures (not tuned, or trained before they were
 *   recorded)
 */
char *
prl_version_describe_stock_fit (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);

  if (!(self->info.stock_known_perplexity > 0) || !(self->info.stock_oov_rate >= 0))
    return NULL;
  return g_strdup_printf (
      _ ("perplexity %.0f on known words; %.1f %% of words unknown to "
         "the stock model"),
      self->info.stock_known_perplexity, 100.0 * self->info.stock_oov_rate);
}

double
prl_version_get_custom_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->info.custom_perplexity;
}

double
prl_version_get_stock_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->info.stock_perplexity;
}

double
prl_version_get_mixture_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->info.mixture_perplexity;
}

guint64
prl_version_get_n_sentences (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.n_sentences;
}

guint64
prl_version_get_n_words (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->info.n_words;
}

/**
 * prl_version_get_dataset_hashes:
 *
 * Returns: (transfer none) (array zero-terminated=1): the SHA-256 of the
 *   datasets the version was trained on
 */
const char *const *
prl_version_get_dataset_hashes (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->info.dataset_hashes;
}

/**
 * prl_version_get_workspace_id:
 *
 * Returns: (nullable): the identity of the workspace whose key opens the
 *   version's encrypted artifacts; %NULL for a version made outside a
 *   workspace
 */
const char *
prl_version_get_workspace_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->info.workspace_id;
}

/**
 * prl_version_matches:
 * @model_name: the name of the version's model
 * @wanted: what a user typed: the whole name or only the part after
 *   “MODEL-” (the time)
 *
 * Returns: whether @wanted names this version
 */
gboolean
prl_version_matches (PrlVersion *self, const char *model_name, const char *wanted)
{
  gsize n;

  g_return_val_if_fail (PRL_IS_VERSION (self), FALSE);
  g_return_val_if_fail (model_name != NULL && wanted != NULL, FALSE);

  if (g_strcmp0 (self->info.name, wanted) == 0)
    return TRUE;

  n = strlen (model_name);
  return strncmp (self->info.name, model_name, n) == 0 && self->info.name[n] == '-'
         && g_strcmp0 (self->info.name + n + 1, wanted) == 0;
}

PrlRemoteStatus
prl_version_get_remote_status (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), PRL_REMOTE_STATUS_NONE);
  return self->info.remote_status;
}

gboolean
prl_version_get_upgrade_available (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), FALSE);
  return self->info.upgrade_available;
}

/**
 * prl_version_is_usable:
 *
 * Whether the version can transcribe: trained here, or a remote model the
 * service has finished and still has.
 */
gboolean
prl_version_is_usable (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), FALSE);
  return self->info.remote_status == PRL_REMOTE_STATUS_NONE
         || self->info.remote_status == PRL_REMOTE_STATUS_COMPLETED;
}

/**
 * prl_version_dup_base_removed_reason:
 *
 * Why @version cannot be chosen when its provider no longer offers the
 * base model it was built on (%PRL_REMOTE_STATUS_BASE_REMOVED), for a
 * tooltip or a warning.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL when the base
 *   is still offered (as last refreshed)
 */
char *
prl_version_dup_base_removed_reason (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);

  if (self->info.remote_status != PRL_REMOTE_STATUS_BASE_REMOVED)
    return NULL;
  return g_strdup_printf (_ ("“%s” cannot be used: it was built on the base model %s, "
                             "which its provider no longer offers. Delete it, or train "
                             "the model on a current base."),
                          self->info.name,
                          self->info.base_model_id ? self->info.base_model_id
                                                   : _ ("unknown"));
}

/* The store's spelling of each weight source. */
static const char *const weight_nicks[]
    = { "default", "tuning", "held-out", "no-tuning-text" };

const char *
prl_weight_source_to_nick (PrlWeightSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (weight_nicks), "");
  return weight_nicks[source];
}

gboolean
prl_weight_source_from_nick (const char *nick, PrlWeightSource *source)
{
  for (guint i = 0; i < G_N_ELEMENTS (weight_nicks); i++)
    if (g_strcmp0 (nick, weight_nicks[i]) == 0)
      {
        *source = i;
        return TRUE;
      }
  return FALSE;
}

/* The store's spelling of each status: '' for versions trained here. */
static const char *const remote_nicks[]
    = { "", "in-progress", "completed", "failed", "gone", "base-removed" };

const char *
prl_remote_status_to_nick (PrlRemoteStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (remote_nicks), "");
  return remote_nicks[status];
}

gboolean
prl_remote_status_from_nick (const char *nick, PrlRemoteStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (remote_nicks); i++)
    if (g_strcmp0 (nick, remote_nicks[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * prl_remote_status_to_label:
 *
 * Returns: the status for the user; "" for %PRL_REMOTE_STATUS_NONE
 */
const char *
prl_remote_status_to_label (PrlRemoteStatus status)
{
  switch (status)
    {
    case PRL_REMOTE_STATUS_IN_PROGRESS:
      return _ ("Training on the service");
    case PRL_REMOTE_STATUS_COMPLETED:
      return _ ("On the service");
    case PRL_REMOTE_STATUS_FAILED:
      return _ ("Failed on the service");
    case PRL_REMOTE_STATUS_GONE:
      return _ ("Deleted on the service");
    case PRL_REMOTE_STATUS_BASE_REMOVED:
      return _ ("Base removed");
    case PRL_REMOTE_STATUS_NONE:
    default:
      return "";
    }
}
