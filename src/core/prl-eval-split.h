/* prl-eval-split.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset.h"
#include "prl-manifest.h"
#include "prl-store.h"

G_BEGIN_DECLS

/* The share of manifest utterances held out, in percent. */
#define PRL_EVAL_SPLIT_HELD_OUT_PERCENT 20

char         *prl_eval_split_utterance_id     (const char    *audio_filepath) G_GNUC_WARN_UNUSED_RESULT;
gboolean      prl_eval_split_is_held_out      (const char    *utterance_id);
GPtrArray    *prl_eval_split_read_held_out    (GInputStream  *manifest,
                                               GCancellable  *cancellable,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GInputStream *prl_eval_split_filter_training  (GInputStream  *manifest,
                                               GCancellable  *cancellable,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      prl_eval_split_count            (GInputStream  *manifest,
                                               guint         *n_training,
                                               guint         *n_held_out,
                                               GCancellable  *cancellable,
                                               GError       **error);
gboolean      prl_eval_split_applies          (GPtrArray     *datasets);
gboolean      prl_eval_split_count_datasets   (PrlStore      *store,
                                               GPtrArray     *datasets,
                                               guint         *n_training,
                                               guint         *n_held_out,
                                               GCancellable  *cancellable,
                                               GError       **error);
char         *prl_eval_split_describe         (guint          n_training,
                                               guint          n_held_out) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
