/* prl-dataset-group.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset.h"

G_BEGIN_DECLS

#define PRL_TYPE_DATASET_GROUP (prl_dataset_group_get_type ())

G_DECLARE_FINAL_TYPE (PrlDatasetGroup, prl_dataset_group, PRL, DATASET_GROUP, GObject)

void             prl_dataset_group_kinds         (const PrlDatasetType *types,
                                                  guint            n_files,
                                                  PrlDatasetType  *kinds);
const char      *prl_dataset_kind_get_label      (PrlDatasetType   kind);
GHashTable      *prl_dataset_names_taken         (GListModel      *files) G_GNUC_WARN_UNUSED_RESULT;
char            *prl_dataset_unused_name         (GHashTable      *taken,
                                                  const char      *name) G_GNUC_WARN_UNUSED_RESULT;
char            *prl_dataset_default_name        (GFile          **files,
                                                  guint            n_files) G_GNUC_WARN_UNUSED_RESULT;

PrlDatasetType   prl_dataset_group_type_of       (GPtrArray       *files,
                                                  guint            first,
                                                  guint            n);
GPtrArray       *prl_dataset_group_collect       (GListModel      *files) G_GNUC_WARN_UNUSED_RESULT;
gint64           prl_dataset_group_get_id        (PrlDatasetGroup *self);
const char      *prl_dataset_group_get_name      (PrlDatasetGroup *self);
PrlDatasetType   prl_dataset_group_get_dataset_type (PrlDatasetGroup *self);
const char      *prl_dataset_group_get_type_label (PrlDatasetGroup *self);
guint            prl_dataset_group_get_n_files   (PrlDatasetGroup *self);
PrlDataset      *prl_dataset_group_get_file      (PrlDatasetGroup *self,
                                                  guint            position);
double           prl_dataset_group_get_duration  (PrlDatasetGroup *self);
guint64          prl_dataset_group_get_size      (PrlDatasetGroup *self);
const char      *prl_dataset_group_get_source    (PrlDatasetGroup *self);
const char      *prl_dataset_group_get_provenance (PrlDatasetGroup *self);
GDateTime       *prl_dataset_group_get_started   (PrlDatasetGroup *self);
GDateTime       *prl_dataset_group_get_ended     (PrlDatasetGroup *self);

G_END_DECLS
