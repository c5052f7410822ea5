/* prl-version-ops-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-version-ops.h"

G_BEGIN_DECLS

/* The versions tasks of prl-version-ops.c, which the upgrade calls of
 * prl-version-upgrade.c start too. */
typedef struct _VersionsTask VersionsTask;

/* The provider's half of a versions task, on a worker thread: tells the
 * service, saves what it says and sets @vt->saved. */
typedef gboolean (*VersionsStep) (PrlWorkspace *self,
                                  VersionsTask *vt,
                                  GCancellable *cancellable,
                                  GError      **error);

struct _VersionsTask
{
  PrlModel    *model;   /* (owned) */
  PrlVersion  *version; /* (owned) (nullable) */
  VersionsStep step;    /* (nullable): for versions_thread() */
  PrlModel    *saved;   /* (owned) (nullable): result */
  GPtrArray   *rows;    /* (owned) (nullable): result */
};

/* What must hold before a versions task starts, checked on the main
 * thread. */
typedef gboolean (*VersionsCheck) (PrlWorkspace *self,
                                   PrlModel     *model,
                                   PrlVersion   *version,
                                   GError      **error);

void _prl_versions_task_start (PrlWorkspace       *self,
                               PrlModel           *model,
                               PrlVersion         *version,
                               gpointer            tag,
                               VersionsCheck       check,
                               GTaskThreadFunc     func,
                               VersionsStep        step,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);

G_END_DECLS
