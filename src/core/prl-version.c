/* prl-version.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-version"

#include "config.h"

#include <string.h>

#include "prl-version.h"

/* One trained version of a model. Versions are immutable: the store never
 * updates a row once written and the artifacts folder is renamed into
 * place whole, so a PrlVersion is a plain value object without properties
 * that change.
 */
struct _PrlVersion
{
  GObject parent_instance;

  gint64     id;
  gint64     model_id;
  char      *name;          /* (owned) */
  GDateTime *created;       /* (owned) */
  char      *directory;     /* (owned) */
  char      *base_model_id; /* (owned) */
  guint      order;
  double     lm_weight;
  gboolean   tuned;
  double     custom_perplexity;
  double     stock_perplexity;
  double     mixture_perplexity;
  guint64    n_sentences;
  guint64    n_words;
  GStrv      dataset_hashes; /* (owned) (not nullable) */
  char      *workspace_id;   /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (PrlVersion, prl_version, G_TYPE_OBJECT)

static void
prl_version_finalize (GObject *object)
{
  PrlVersion *self = PRL_VERSION (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->base_model_id, g_free);
  g_clear_pointer (&self->dataset_hashes, g_strfreev);
  g_clear_pointer (&self->workspace_id, g_free);

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
  self->custom_perplexity = -1;
  self->stock_perplexity = -1;
  self->mixture_perplexity = -1;
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
  self->id = info->id;
  self->model_id = info->model_id;
  self->name = g_strdup (info->name);
  self->created
      = info->created ? g_date_time_ref (info->created) : g_date_time_new_now_utc ();
  self->directory = g_strdup (info->directory);
  self->base_model_id = g_strdup (info->base_model_id ? info->base_model_id : "");
  self->order = info->order;
  self->lm_weight = info->lm_weight;
  self->tuned = info->tuned;
  self->custom_perplexity = info->custom_perplexity;
  self->stock_perplexity = info->stock_perplexity;
  self->mixture_perplexity = info->mixture_perplexity;
  self->n_sentences = info->n_sentences;
  self->n_words = info->n_words;
  if (info->dataset_hashes != NULL)
    self->dataset_hashes = g_strdupv ((char **)info->dataset_hashes);
  else
    self->dataset_hashes = g_new0 (char *, 1);
  self->workspace_id = g_strdup (info->workspace_id);

  return self;
}

gint64
prl_version_get_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->id;
}

gint64
prl_version_get_model_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->model_id;
}

const char *
prl_version_get_name (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->name;
}

GDateTime *
prl_version_get_created (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->created;
}

const char *
prl_version_get_directory (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->directory;
}

const char *
prl_version_get_base_model_id (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), NULL);
  return self->base_model_id;
}

guint
prl_version_get_order (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->order;
}

double
prl_version_get_lm_weight (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->lm_weight;
}

gboolean
prl_version_get_tuned (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), FALSE);
  return self->tuned;
}

double
prl_version_get_custom_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->custom_perplexity;
}

double
prl_version_get_stock_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->stock_perplexity;
}

double
prl_version_get_mixture_perplexity (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), -1);
  return self->mixture_perplexity;
}

guint64
prl_version_get_n_sentences (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->n_sentences;
}

guint64
prl_version_get_n_words (PrlVersion *self)
{
  g_return_val_if_fail (PRL_IS_VERSION (self), 0);
  return self->n_words;
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
  return (const char *const *)self->dataset_hashes;
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
  return self->workspace_id;
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

  if (g_strcmp0 (self->name, wanted) == 0)
    return TRUE;

  n = strlen (model_name);
  return strncmp (self->name, model_name, n) == 0 && self->name[n] == '-'
         && g_strcmp0 (self->name + n + 1, wanted) == 0;
}
