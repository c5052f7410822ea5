/* prl-store-remote.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-model.h"
#include "prl-store.h"
#include "prl-version.h"

G_BEGIN_DECLS

/* What the store keeps of cloud versions' remote models. Blocking calls,
 * for worker threads. */
PrlModel *prl_store_import_model_sync      (PrlStore             *self,
                                            const char           *name,
                                            const char           *provider,
                                            const char           *language,
                                            PrlBaseModel          base_model,
                                            const char           *account,
                                            const PrlVersionInfo *versions,
                                            guint                 n_versions,
                                            const char           *failure_message,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  prl_store_set_version_remote_sync (PrlStore            *self,
                                             gint64               version_id,
                                             PrlRemoteStatus      status,
                                             gboolean             upgrade_available,
                                             PrlModel           **model,
                                             GError             **error);
gboolean  prl_store_delete_version_sync    (PrlStore             *self,
                                            gint64                version_id,
                                            PrlModel            **model,
                                            GError              **error);
gboolean  prl_store_find_version_sync      (PrlStore             *self,
                                            const char           *name,
                                            char                **model_name,
                                            GError              **error);
PrlModel *prl_store_read_model_sync        (PrlStore             *self,
                                            gint64                model_id,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
