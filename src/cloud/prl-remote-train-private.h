/* prl-remote-train-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-remote-job.h"
#include "prl-s3-upload-state-store.h"

G_BEGIN_DECLS

gboolean _prl_remote_train_check_budget (PrlStore   *store,
                                         const char *kind,
                                         const char *account,
                                         gint64      self_id,
                                         GError    **error);

/* A cloud training's saved state (Watson, Transcribe): one string member
 * read (*@out, freed by the caller, is also returned; %NULL when unset)
 * or set and saved. */
const char *_prl_remote_train_state_string (PrlS3UploadStateStore *sink,
                                            const char            *member,
                                            char                 **out);
gboolean    _prl_remote_train_set_state    (PrlS3UploadStateStore *sink,
                                            const char            *member,
                                            const char            *value,
                                            GError               **error);

/* How a cloud training's phases went, for its service to decide what a
 * cancel leaves and then for _prl_remote_train_finish(). */
typedef struct
{
  PrlS3UploadStateStore *sink;        /* the job's saved state */
  gboolean               over_budget; /* the phases never ran */
  GError                *failure;     /* %NULL when every phase ran */
  gboolean               cancelled;   /* @failure is a cancel */
  char                  *phase;       /* where the saved state stands */
} PrlRemoteTrainRun;

gboolean _prl_remote_train_begin     (PrlRemoteJob             *remote,
                                      const char               *kind,
                                      const PrlRemoteJobTarget *target,
                                      JsonObject               *state,
                                      PrlRemoteTrainRun        *run,
                                      GError                  **error);
void     _prl_remote_train_ran       (PrlRemoteTrainRun *run);
void     _prl_remote_train_run_clear (PrlRemoteTrainRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrlRemoteTrainRun, _prl_remote_train_run_clear)

/* The end of a cloud training's run, once it is not left running for a
 * resume: a failed training marks its model failed (a cancel puts back
 * the status saved as "previous_status"), then the row records the
 * outcome. Returns: %TRUE when @run has no failure; else %FALSE with it
 * (taken from @run) in @error. */
gboolean _prl_remote_train_finish (PrlRemoteJob             *remote,
                                   const PrlRemoteJobTarget *target,
                                   PrlRemoteTrainRun        *run,
                                   GError                  **error);

/* What a remote version is now on its service: for
 * _prl_remote_train_refresh_versions(). */
typedef gboolean (*PrlRemoteVersionAsk) (PrlVersion      *version,
                                         gpointer         data,
                                         PrlRemoteStatus *now,
                                         gboolean        *upgrade,
                                         GError         **error);

gboolean _prl_remote_train_refresh_versions (PrlWorkspace       *workspace,
                                             PrlModel           *model,
                                             PrlRemoteVersionAsk ask,
                                             gpointer            data,
                                             GError            **error);

G_END_DECLS
