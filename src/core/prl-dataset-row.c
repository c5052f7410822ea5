/* prl-dataset-row.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dataset-row"

#include "config.h"

#include "prl-model.h"

#include "prl-dataset-row.h"

/* The properties PrlDataset and PrlDatasetGroup share (see the header),
 * defined once so that a file and a dataset show the same way. */

/**
 * _prl_dataset_row_install_properties:
 * @properties: the class's table; its row entries are set
 *
 * Creates the shared properties. The type label is the type as people
 * read it, e.g. "Training text" or "Test audio and transcripts"; the
 * duration is the seconds of audio, or -1 when none is audio; the source
 * is where the data came from (a file's path, or the folder of several
 * files and how many they are); started-unix is the start in
 * microseconds since the epoch, for sorters.
 */
void
_prl_dataset_row_install_properties (GParamSpec **properties, GParamFlags flags)
{
  properties[PRL_DATASET_ROW_PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PRL_DATASET_ROW_PROP_NAME]
      = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PRL_DATASET_ROW_PROP_TYPE_LABEL]
      = g_param_spec_string ("type-label", NULL, NULL, NULL, flags);
  properties[PRL_DATASET_ROW_PROP_DURATION]
      = g_param_spec_double ("duration", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PRL_DATASET_ROW_PROP_SOURCE]
      = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PRL_DATASET_ROW_PROP_STARTED]
      = g_param_spec_boxed ("started", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PRL_DATASET_ROW_PROP_STARTED_UNIX]
      = g_param_spec_int64 ("started-unix", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PRL_DATASET_ROW_PROP_ENDED]
      = g_param_spec_boxed ("ended", NULL, NULL, G_TYPE_DATE_TIME, flags);
}

/* get_property() for the shared properties: @prop_id is one of them. */
void
_prl_dataset_row_get_property (const PrlDatasetRow *row, guint prop_id, GValue *value)
{
  switch (prop_id)
    {
    case PRL_DATASET_ROW_PROP_ID:
      g_value_set_int64 (value, row->id);
      break;

    case PRL_DATASET_ROW_PROP_NAME:
      g_value_set_string (value, row->name);
      break;

    case PRL_DATASET_ROW_PROP_TYPE_LABEL:
      g_value_set_string (value, row->type_label);
      break;

    case PRL_DATASET_ROW_PROP_DURATION:
      g_value_set_double (value, row->duration);
      break;

    case PRL_DATASET_ROW_PROP_SOURCE:
      g_value_set_string (value, row->source);
      break;

    case PRL_DATASET_ROW_PROP_STARTED:
      g_value_set_boxed (value, row->started);
      break;

    case PRL_DATASET_ROW_PROP_STARTED_UNIX:
      g_value_set_int64 (value, prl_date_time_to_usec (row->started));
      break;

    case PRL_DATASET_ROW_PROP_ENDED:
      g_value_set_boxed (value, row->ended);
      break;

    default:
      g_return_if_reached ();
    }
}
