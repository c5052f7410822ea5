/* prl-dataset.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-check.h"

G_BEGIN_DECLS

#define PRL_TYPE_DATASET (prl_dataset_get_type ())

G_DECLARE_FINAL_TYPE (PrlDataset, prl_dataset, PRL, DATASET, GObject)

/**
 * PrlDatasetInfo:
 *
 * The fields of one stored file of a dataset; the store fills one per
 * file. A dataset as the user sees it (what was uploaded together, see
 * #PrlDatasetGroup) is the files sharing @group_id.
 */
typedef struct
{
  gint64          id;
  gint64          model_id;
  const char     *name;        /* the file's name, e.g. "clinic1.wav" */
  PrlDatasetType  type;        /* the file's type */
  gint64          group_id;    /* the dataset the file belongs to */
  const char     *group_name;  /* that dataset's name */
  guint           position;    /* the file's place in its dataset, from 0 */
  const char     *source;      /* nullable: the path the user chose, if known */
  const char     *sha256;
  guint64         size;
  gboolean        encrypted;
  double          duration;    /* seconds; -1 when not audio */
  guint           sample_rate; /* 0 when not audio */
  guint           channels;
  const char     *codec;       /* nullable */
  guint64         n_lines;     /* text lines, manifest entries */
  guint64         n_words;
  const char     *uri;         /* where the stored copy lives */
  GDateTime      *started;     /* when copying the file began */
  GDateTime      *ended;       /* when it was copied and checked */
  const char     *provenance;  /* nullable: JSON saying where fetched text came from */
} PrlDatasetInfo;

PrlDataset     *prl_dataset_new              (const PrlDatasetInfo *info) G_GNUC_WARN_UNUSED_RESULT;
gint64          prl_dataset_get_id           (PrlDataset           *self);
gint64          prl_dataset_get_model_id     (PrlDataset           *self);
const char     *prl_dataset_get_name         (PrlDataset           *self);
PrlDatasetType  prl_dataset_get_dataset_type (PrlDataset           *self);
const char     *prl_dataset_get_sha256       (PrlDataset           *self);
guint64         prl_dataset_get_size         (PrlDataset           *self);
gboolean        prl_dataset_get_encrypted    (PrlDataset           *self);
double          prl_dataset_get_duration     (PrlDataset           *self);
guint           prl_dataset_get_sample_rate  (PrlDataset           *self);
guint           prl_dataset_get_channels     (PrlDataset           *self);
const char     *prl_dataset_get_codec        (PrlDataset           *self);
guint64         prl_dataset_get_n_lines      (PrlDataset           *self);
guint64         prl_dataset_get_n_words      (PrlDataset           *self);
const char     *prl_dataset_get_uri          (PrlDataset           *self);
GDateTime      *prl_dataset_get_started      (PrlDataset           *self);
GDateTime      *prl_dataset_get_ended        (PrlDataset           *self);
gint64          prl_dataset_get_group_id     (PrlDataset           *self);
const char     *prl_dataset_get_group_name   (PrlDataset           *self);
guint           prl_dataset_get_position     (PrlDataset           *self);
const char     *prl_dataset_get_source       (PrlDataset           *self);
const char     *prl_dataset_get_provenance   (PrlDataset           *self);
gboolean        prl_dataset_is_trainable     (PrlDataset           *self);
char           *prl_dataset_dup_basename     (PrlDataset           *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
