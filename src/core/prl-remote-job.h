/* prl-remote-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "prl-job.h"
#include "prl-store.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/**
 * PrlRemoteJobStatus:
 * @PRL_REMOTE_JOB_RUNNING: not finished; resumable when its owner is gone
 * @PRL_REMOTE_JOB_DONE: finished well
 * @PRL_REMOTE_JOB_FAILED: finished with an error
 * @PRL_REMOTE_JOB_CANCELLED: cancelled by the user; nothing left remotely
 */
typedef enum
{
  PRL_REMOTE_JOB_RUNNING,
  PRL_REMOTE_JOB_DONE,
  PRL_REMOTE_JOB_FAILED,
  PRL_REMOTE_JOB_CANCELLED,
} PrlRemoteJobStatus;

const char *prl_remote_job_status_to_string   (PrlRemoteJobStatus  status);
gboolean    prl_remote_job_status_from_string (const char         *text,
                                               PrlRemoteJobStatus *status);

/**
 * PrlRemoteJobRecord:
 * @id: the row's id
 * @kind: which code runs it (prl_remote_job_register_kind())
 * @model_id: its model, or 0
 * @model_name: (nullable): that model's name
 * @account: (nullable): the cloud account it uses
 * @title: what the user sees
 * @state: the remote state, JSON text that only the kind reads
 * @status: where it stands
 * @error: (nullable): why it failed
 * @owner_alive: whether a running process drives it now
 * @created: when it was created, µs since the epoch
 * @updated: when its row last changed, µs since the epoch
 *
 * One row of the `remote_jobs` table: a job whose work lives on a cloud
 * service and outlives the process that started it.
 */
typedef struct
{
  gint64             id;
  char              *kind;
  gint64             model_id;
  char              *model_name;
  char              *account;
  char              *title;
  char              *state;
  PrlRemoteJobStatus status;
  char              *error;
  gboolean           owner_alive;
  gint64             created;
  gint64             updated;
} PrlRemoteJobRecord;

void                prl_remote_job_record_free (PrlRemoteJobRecord *record);
PrlRemoteJobRecord *prl_remote_job_record_copy (const PrlRemoteJobRecord *record);
/* Running, and no live process drives it: the app or CLI stopped. */
gboolean            prl_remote_job_record_is_interrupted (const PrlRemoteJobRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlRemoteJobRecord, prl_remote_job_record_free)

/* Store calls. The _sync ones block: for job threads. */
gint64   prl_store_create_remote_job_sync  (PrlStore           *store,
                                            const char         *kind,
                                            gint64              model_id,
                                            const char         *account,
                                            const char         *title,
                                            const char         *state,
                                            GError            **error);
gboolean prl_store_update_remote_job_sync  (PrlStore           *store,
                                            gint64              id,
                                            const char         *state,
                                            GError            **error);
gboolean prl_store_finish_remote_job_sync  (PrlStore           *store,
                                            gint64              id,
                                            PrlRemoteJobStatus  status,
                                            const char         *state,
                                            const char         *error_message,
                                            GError            **error);
gboolean prl_store_release_remote_job_sync (PrlStore           *store,
                                            gint64              id,
                                            GError            **error);

GPtrArray *prl_store_list_remote_jobs_sync   (PrlStore            *store,
                                              GError             **error);
void       prl_store_list_remote_jobs_async  (PrlStore            *store,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *prl_store_list_remote_jobs_finish (PrlStore            *store,
                                              GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* Takes over the interrupted jobs of @kinds for this process, in one
 * transaction: a job a live process drives is never taken. */
void       prl_store_claim_remote_jobs_async  (PrlStore            *store,
                                               const char *const   *kinds,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *prl_store_claim_remote_jobs_finish (PrlStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* A cloud provider's model names its account (models.account). */
PrlModel *prl_store_set_model_account_sync   (PrlStore            *store,
                                              gint64               model_id,
                                              const char          *account,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* A cloud model's base on the provider (models.provider_base). */
PrlModel *prl_store_set_model_provider_base_sync (PrlStore        *store,
                                                  gint64           model_id,
                                                  const char      *provider_base,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;

PrlModel *prl_store_set_model_training_remotely_sync (PrlStore  *store,
                                                      gint64     model_id,
                                                      GError   **error) G_GNUC_WARN_UNUSED_RESULT;

/* The calling process's scratch folder in the workspace (removed at the
 * next opening once the process is gone), for decrypted copies. */
char      *prl_store_get_scratch_dir          (PrlStore            *store,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;

#define PRL_TYPE_REMOTE_JOB (prl_remote_job_get_type ())

G_DECLARE_DERIVABLE_TYPE (PrlRemoteJob, prl_remote_job, PRL, REMOTE_JOB, PrlJob)

/**
 * PrlRemoteJobClass:
 *
 * A job whose remote state is kept in `remote_jobs`. Subclasses check
 * prl_remote_job_is_suspended() when cancelled: a suspended job keeps
 * its remote state (the app quits), a cancelled one removes it.
 */
struct _PrlRemoteJobClass
{
  PrlJobClass parent_class;

  gpointer _reserved[4];
};

/* What a remote job works on, embedded in its subclass's struct. */
typedef struct
{
  PrlStore *store;
  gint64    model_id;
  char     *model_name;
  char     *account;
} PrlRemoteJobTarget;

void      prl_remote_job_target_init      (PrlRemoteJobTarget *target,
                                           PrlWorkspace       *workspace,
                                           PrlModel           *model,
                                           const char         *account);
void      prl_remote_job_target_clear     (PrlRemoteJobTarget *target);
/* The job's row, created with @state the first time. Returns its id, or
 * 0 with @error set. */
gint64    prl_remote_job_ensure_row       (PrlRemoteJob             *self,
                                           const char               *kind,
                                           const PrlRemoteJobTarget *target,
                                           JsonObject               *state,
                                           GError                  **error);
/* Leaves the running row for a later resume (quitting, a detach). */
void      prl_remote_job_release_row      (PrlRemoteJob             *self,
                                           PrlStore                 *store);
gboolean  prl_remote_job_finish_row       (PrlRemoteJob             *self,
                                           PrlStore                 *store,
                                           PrlRemoteJobStatus        status,
                                           const char               *state,
                                           GError                   *failure,
                                           GError                  **error);

gint64    prl_remote_job_get_id           (PrlRemoteJob *self);
gint64      prl_remote_job_get_model_id   (PrlRemoteJob *self);
const char *prl_remote_job_get_kind       (PrlRemoteJob *self);
/* For prl_workspace_train_remote(): which model and kind @job is for. */
void      _prl_remote_job_set_subject     (PrlJob       *job,
                                           gint64        model_id,
                                           const char   *kind);
void      prl_remote_job_set_id           (PrlRemoteJob *self,
                                           gint64        id);
void      prl_remote_job_suspend          (PrlRemoteJob *self);
gboolean  prl_remote_job_is_suspended     (PrlRemoteJob *self);
void      prl_remote_job_set_detach_when_remote (PrlRemoteJob *self,
                                                 gboolean      detach);
void      prl_remote_job_work_is_remote   (PrlRemoteJob *self);
gboolean  prl_remote_job_get_work_is_remote   (PrlRemoteJob *self);
gboolean  prl_remote_job_delete_when_done     (PrlRemoteJob *self);
gboolean  prl_remote_job_get_delete_when_done (PrlRemoteJob *self);
gboolean  prl_remote_job_close_delete_when_done (PrlRemoteJob *self);

/* Rebuilds a job of a kind from its record, for a resume. */
typedef PrlJob *(*PrlRemoteJobResumeFunc) (PrlWorkspace             *workspace,
                                           const PrlRemoteJobRecord *record,
                                           GError                  **error);

PrlModel *prl_remote_job_record_open     (PrlWorkspace             *workspace,
                                           const PrlRemoteJobRecord *record,
                                           const char               *damaged,
                                           JsonObject              **state,
                                           GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
void      prl_remote_job_register_kind    (const char              *kind,
                                           PrlRemoteJobResumeFunc   resume);
/* Providers whose models train on the provider's side register how a
 * training starts; prl_workspace_train_remote() runs it. */
typedef PrlJob *(*PrlRemoteTrainFunc) (PrlWorkspace *workspace,
                                       PrlModel     *model,
                                       GError      **error);

void               prl_remote_job_register_trainer (const char         *provider,
                                                    const char         *kind,
                                                    PrlRemoteTrainFunc  start);
PrlRemoteTrainFunc prl_remote_job_lookup_trainer   (const char         *provider,
                                                    const char        **kind);
PrlJob            *prl_workspace_train_remote      (PrlWorkspace       *self,
                                                    PrlModel           *model,
                                                    gboolean            force,
                                                    GError            **error);

/* The app asks for interrupted jobs to resume whenever a workspace opens
 * writable; the CLI leaves that to `parlance-cli jobs resume`. */
void      prl_remote_jobs_set_resume_on_open (gboolean              resume);
gboolean  prl_remote_jobs_get_resume_on_open (void);

/* Claims the interrupted jobs of registered kinds and runs them on the
 * workspace's job manager. Returns (element-type PrlJob) the jobs
 * started; a job whose record cannot be rebuilt is marked failed. */
void       prl_workspace_resume_remote_jobs_async  (PrlWorkspace        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *prl_workspace_resume_remote_jobs_finish (PrlWorkspace        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* Suspends the remote jobs among the workspace's active jobs. */
void       prl_workspace_suspend_remote_jobs       (PrlWorkspace        *self);

G_END_DECLS
