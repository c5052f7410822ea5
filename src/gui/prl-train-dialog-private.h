/* prl-train-dialog-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "prl-cloud-account.h"

G_BEGIN_DECLS

char       *_prl_train_dialog_destination    (PrlCloudAccount *account) G_GNUC_WARN_UNUSED_RESULT;
char       *_prl_train_dialog_cloud_summary  (const char      *model_name,
                                              PrlCloudAccount *account,
                                              guint            n_files,
                                              guint64          n_bytes) G_GNUC_WARN_UNUSED_RESULT;
const char *_prl_train_dialog_cloud_estimate (void);
char       *_prl_train_dialog_budget_text    (const char      *account,
                                              int              budget,
                                              guint            n_started) G_GNUC_WARN_UNUSED_RESULT;
gboolean    _prl_train_dialog_is_watson      (const char      *provider);
char       *_prl_train_dialog_watson_summary (const char      *model_name,
                                              PrlCloudAccount *account,
                                              guint            n_training,
                                              guint            n_tuning,
                                              guint64          n_words,
                                              guint64          n_bytes) G_GNUC_WARN_UNUSED_RESULT;
const char *_prl_train_dialog_watson_estimate (void);

G_END_DECLS
