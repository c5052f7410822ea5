/* prl-sample.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_SAMPLE_MODEL_NAME "sample-cardiology"

const char *prl_sample_find_dir      (void);
void        prl_sample_import_async  (PrlWorkspace         *workspace,
                                      const char           *sample_dir,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
PrlModel   *prl_sample_import_finish (PrlWorkspace         *workspace,
                                      GAsyncResult         *result,
                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
