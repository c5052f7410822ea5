/* prl-dataset.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dataset"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-dataset-row.h"

#include "prl-dataset.h"

/* One imported file of a dataset (the files uploaded together, see
 * prl-dataset-group.c). Everything that reads data (training, test pairs,
 * manifests, fingerprints, encryption) works file by file on these. They
 * are immutable once stored (a changed file is a new upload), so this is
 * a plain read-only object.
 */
struct _PrlDataset
{
  GObject parent_instance;

  gint64         id;
  gint64         model_id;
  char          *name; /* (owned) */
  PrlDatasetType type;
  gint64         group_id;
  char          *group_name; /* (owned) */
  guint          position;
  char          *source;     /* (owned): "" when not recorded */
  char          *provenance; /* (owned) (nullable): the dataset's, as JSON */
  char          *sha256;     /* (owned) */
  guint64        size;
  gboolean       encrypted;
  double         duration;
  guint          sample_rate;
  guint          channels;
  char          *codec; /* (owned) (nullable) */
  guint64        n_lines;
  guint64        n_words;
  char          *uri;     /* (owned) */
  GDateTime     *started; /* (owned) */
  GDateTime     *ended;   /* (owned) */
};

enum
{
  PROP_URI = PRL_DATASET_ROW_N_PROPS,
  PROP_SIZE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlDataset, prl_dataset, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
prl_dataset_finalize (GObject *object)
{
  PrlDataset *self = PRL_DATASET (object);

  g_free (self->name);
  g_free (self->group_name);
  g_free (self->source);
  g_free (self->provenance);
  g_free (self->sha256);
  g_free (self->codec);
  g_free (self->uri);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->ended, g_date_time_unref);

  G_OBJECT_CLASS (prl_dataset_parent_class)->finalize (object);
}

static void
prl_dataset_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PrlDataset *self = PRL_DATASET (object);

  PrlDatasetRow row = {
    .id = self->id,
    .name = self->name,
    .type_label = prl_dataset_type_get_label (self->type),
    .duration = self->duration,
    .source = self->source,
    .started = self->started,
    .ended = self->ended,
  };

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    default:
      if (prop_id > 0 && prop_id < PRL_DATASET_ROW_N_PROPS)
        _prl_dataset_row_get_property (&row, prop_id, value);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_dataset_class_init (PrlDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = prl_dataset_finalize;
  object_class->get_property = prl_dataset_get_property;

  _prl_dataset_row_install_properties (properties, flags);
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  properties[PROP_SIZE]
      = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_dataset_init (PrlDataset *self)
{
  self->duration = -1;
}

/**
 * prl_dataset_new:
 * @info: the row's fields; copied
 *
 * Returns: (transfer full): a new #PrlDataset
 */
PrlDataset *
prl_dataset_new (const PrlDatasetInfo *info)
{
  PrlDataset *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->name != NULL && info->sha256 != NULL, NULL);
  g_return_val_if_fail (info->started != NULL && info->ended != NULL, NULL);

  self = g_object_new (PRL_TYPE_DATASET, NULL);
  self->id = info->id;
  self->model_id = info->model_id;
  self->name = g_strdup (info->name);
  self->type = info->type;
  self->group_id = info->group_id;
  self->group_name = g_strdup (info->group_name ? info->group_name : info->name);
  self->position = info->position;
  self->source = g_strdup (info->source ? info->source : "");
  self->provenance = g_strdup (info->provenance);
  self->sha256 = g_strdup (info->sha256);
  self->size = info->size;
  self->encrypted = info->encrypted;
  self->duration = info->duration;
  self->sample_rate = info->sample_rate;
  self->channels = info->channels;
  self->codec = g_strdup (info->codec);
  self->n_lines = info->n_lines;
  self->n_words = info->n_words;
  self->uri = g_strdup (info->uri);
  self->started = g_date_time_ref (info->started);
  self->ended = g_date_time_ref (info->ended);

  return self;
}

gint64
prl_dataset_get_id (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->id;
}

gint64
prl_dataset_get_model_id (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->model_id;
}

const char *
prl_dataset_get_name (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->name;
}

PrlDatasetType
prl_dataset_get_dataset_type (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), PRL_DATASET_TYPE_AUTO);
  return self->type;
}

const char *
prl_dataset_get_sha256 (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->sha256;
}

guint64
prl_dataset_get_size (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->size;
}

gboolean
prl_dataset_get_encrypted (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), FALSE);
  return self->encrypted;
}

double
prl_dataset_get_duration (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), -1);
  return self->duration;
}

guint
prl_dataset_get_sample_rate (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->sample_rate;
}

guint
prl_dataset_get_channels (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->channels;
}

const char *
prl_dataset_get_codec (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->codec;
}

guint64
prl_dataset_get_n_lines (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->n_lines;
}

guint64
prl_dataset_get_n_words (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->n_words;
}

const char *
prl_dataset_get_uri (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->uri;
}

GDateTime *
prl_dataset_get_started (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->started;
}

GDateTime *
prl_dataset_get_ended (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->ended;
}

/**
 * prl_dataset_get_group_id:
 *
 * Returns: the id of the dataset (as the user sees it) this file is part of
 */
gint64
prl_dataset_get_group_id (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->group_id;
}

const char *
prl_dataset_get_group_name (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->group_name;
}

guint
prl_dataset_get_position (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), 0);
  return self->position;
}

/**
 * prl_dataset_get_source:
 *
 * Returns: the path of the file the user chose, or "" for files added
 *   before Parlance recorded it
 */
const char *
prl_dataset_get_source (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->source;
}

/**
 * prl_dataset_is_trainable:
 *
 * Training text and manifests (whose text trains) feed a training;
 * tuning text, test transcripts and audio do not.
 */
gboolean
prl_dataset_is_trainable (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), FALSE);
  return self->type == PRL_DATASET_TYPE_TRANSCRIPT
         || self->type == PRL_DATASET_TYPE_MANIFEST;
}

/**
 * prl_dataset_dup_basename:
 *
 * The name without its extension: what pairs audio with transcripts.
 *
 * Returns: (transfer full): the basename
 */
char *
prl_dataset_dup_basename (PrlDataset *self)
{
  const char *dot;

  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);

  dot = strrchr (self->name, '.');
  return dot && dot != self->name ? g_strndup (self->name, dot - self->name)
                                  : g_strdup (self->name);
}

/**
 * prl_dataset_get_provenance:
 *
 * Where the dataset's text was fetched from, as the JSON object its
 * importer saved (for text from a wiki: the API URL, the pages and their
 * revisions, the licence), or %NULL for files the user chose.
 *
 * Returns: (nullable): the provenance, shared by the dataset's files
 */
const char *
prl_dataset_get_provenance (PrlDataset *self)
{
  g_return_val_if_fail (PRL_IS_DATASET (self), NULL);
  return self->provenance;
}
