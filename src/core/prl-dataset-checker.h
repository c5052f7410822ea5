/* prl-dataset-checker.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-dataset-check.h"

G_BEGIN_DECLS

GPtrArray *prl_check_upload (GFile         **files,
                             guint           n_files,
                             PrlDatasetType  type,
                             const char     *language,
                             GCancellable   *cancellable,
                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
