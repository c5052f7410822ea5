/* prl-job-records.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "prl-model.h"
#include "prl-store.h"

G_BEGIN_DECLS

/* Kinds of job that record an owner; each may have its own recovery in
 * prl-job-records.c. */
#define PRL_JOB_KIND_TRAIN "train"
/* A training that upgrades a version to the current base: recovered as a
 * training; while its row lives, the model shows Upgrading. */
#define PRL_JOB_KIND_UPGRADE "upgrade"

/* What a claimed training found, to put back on cancel. */
typedef struct
{
  gint64            job_id;
  PrlTrainingStatus previous_status;
  char             *previous_code;    /* (owned) (nullable) */
  char             *previous_message; /* (owned) (nullable) */
} PrlTrainClaim;

void      _prl_train_claim_clear          (PrlTrainClaim *claim);

PrlModel *_prl_store_claim_training_sync  (PrlStore      *store,
                                           gint64         model_id,
                                           gboolean       force,
                                           gboolean       upgrade,
                                           PrlTrainClaim *claim,
                                           GError       **error);
gint64    _prl_store_claim_job_sync       (PrlStore      *store,
                                           const char    *kind,
                                           gint64         model_id,
                                           const char    *scratch,
                                           GError       **error);
gboolean  _prl_store_release_job_sync     (PrlStore      *store,
                                           gint64         job_id,
                                           GError       **error);

/* On the store's thread. */
guint     _prl_job_records_recover        (sqlite3       *db,
                                           const char    *workspace_dir,
                                           GError       **error);
gboolean  _prl_job_records_model_is_busy  (sqlite3       *db,
                                           gint64         model_id,
                                           gboolean      *busy,
                                           GError       **error);

void      _prl_job_remove_tree            (const char    *path);
char     *_prl_job_scratch_dir            (const char    *workspace_dir,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
