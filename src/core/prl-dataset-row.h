/* prl-dataset-row.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The properties a row of the dataset lists shows, which a file
 * (PrlDataset) and a dataset (PrlDatasetGroup) both have: the views bind
 * to them by name, whichever of the two a row holds. Each class numbers
 * its own properties after PRL_DATASET_ROW_N_PROPS. */
enum
{
  PRL_DATASET_ROW_PROP_ID = 1,
  PRL_DATASET_ROW_PROP_NAME,
  PRL_DATASET_ROW_PROP_TYPE_LABEL,
  PRL_DATASET_ROW_PROP_DURATION,
  PRL_DATASET_ROW_PROP_SOURCE,
  PRL_DATASET_ROW_PROP_STARTED,
  PRL_DATASET_ROW_PROP_STARTED_UNIX,
  PRL_DATASET_ROW_PROP_ENDED,
  PRL_DATASET_ROW_N_PROPS
};

/* What those properties read, borrowed from the object. */
typedef struct
{
  gint64      id;
  const char *name;
  const char *type_label;
  double      duration;
  const char *source;
  GDateTime  *started;
  GDateTime  *ended;
} PrlDatasetRow;

void _prl_dataset_row_install_properties (GParamSpec **properties,
                                          GParamFlags  flags);
void _prl_dataset_row_get_property       (const PrlDatasetRow *row,
                                          guint                prop_id,
                                          GValue              *value);

G_END_DECLS
