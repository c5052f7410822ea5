/* prl-text-checker.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-check.h"
#include "prl-line-set.h"

G_BEGIN_DECLS

/* How many tuning lines found in the training text are listed one by one. */
#define PRL_MAX_DUPLICATES_LISTED 20

PrlDatasetType  prl_dataset_type_detect       (const char          *path,
                                               const guint8        *head,
                                               gsize                head_len);
PrlDatasetType  prl_dataset_type_detect_file  (const char          *path,
                                               GCancellable        *cancellable,
                                               GError             **error);
void            prl_dataset_types_refine      (const char * const  *paths,
                                               PrlDatasetType      *types,
                                               guint                n_files);
gboolean        prl_dataset_types_compatible  (const PrlDatasetType *types,
                                               const char * const  *paths,
                                               guint                n_files,
                                               GError             **error);
gboolean        prl_check_batch_size          (guint                n_files,
                                               GError             **error);

PrlFileCheck   *prl_check_text_file           (const char          *path,
                                               PrlDatasetType       type,
                                               const char          *language,
                                               GCancellable        *cancellable,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
PrlFileCheck   *prl_check_manifest_file       (const char          *path,
                                               const char          *language,
                                               GCancellable        *cancellable,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean        prl_check_totals              (guint64              existing_training_bytes,
                                               guint64              existing_tuning_bytes,
                                               GPtrArray           *checks,
                                               GPtrArray           *issues_out);
gboolean        prl_check_tuning_duplicates   (PrlLineSet          *set,
                                               const char          *tuning_path,
                                               PrlFileCheck        *check,
                                               GCancellable        *cancellable,
                                               GError             **error);

G_END_DECLS
