/* prl-watson-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-remote-train-private.h"
#include "prl-store-versions.h"
#include "prl-train-job.h"
#include "prl-watson-train-job-private.h"
#include "prl-watson-train-private.h"

#include "prl-watson-train.h"

/* Training a custom model on IBM Watson Speech to Text, as a remote job
 * that outlives the process (issue #15, point 3): the job, its budget,
 * what a cancel or a quit leaves, and its resume. The phases, from the
 * create to the new version: prl-watson-train-phases.c. */

G_DEFINE_FINAL_TYPE (PrlWatsonTrainJob, prl_watson_train_job, PRL_TYPE_REMOTE_JOB)

static gboolean
prl_watson_train_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlWatsonTrainJob *self = PRL_WATSON_TRAIN_JOB (job);
  PrlRemoteJob      *remote = PRL_REMOTE_JOB (job);
  g_auto (PrlRemoteTrainRun) run = { 0 };

  if (!_prl_remote_train_begin (remote, PRL_WATSON_TRAIN_KIND, &self->target, self->state,
                                &run, error))
    return FALSE;
  if (!run.over_budget)
    _prl_watson_train_phases (self, run.sink, cancellable, &run.failure);
  _prl_remote_train_ran (&run);

  /* Quitting, or a cancel once Watson trains: the row stays running for
   * the next resume, which polls again (nothing is sent twice). */
  if (run.cancelled
      && (prl_remote_job_is_suspended (remote) || g_strcmp0 (run.phase, "poll") == 0))
    {
      prl_remote_job_release_row (remote, self->target.store);
      g_propagate_error (error, g_steal_pointer (&run.failure));
      return FALSE;
    }

  /* A user's cancel before Watson trains: the half-made customization
   * is deleted, so that nothing is left behind on the service. */
  if (run.cancelled && !json_object_has_member (self->state, "upgrade_of"))
    _prl_watson_train_delete_customization (self, run.sink);

  return _prl_remote_train_finish (remote, &self->target, &run, error);
}

static void
prl_watson_train_job_finalize (GObject *object)
{
  PrlWatsonTrainJob *self = PRL_WATSON_TRAIN_JOB (object);

  prl_remote_job_target_clear (&self->target);
  g_clear_pointer (&self->state, json_object_unref);
  G_OBJECT_CLASS (prl_watson_train_job_parent_class)->finalize (object);
}

static void
prl_watson_train_job_class_init (PrlWatsonTrainJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_watson_train_job_finalize;
  PRL_JOB_CLASS (klass)->run = prl_watson_train_job_run;
}

static void
prl_watson_train_job_init (PrlWatsonTrainJob *self)
{
}

static PrlWatsonTrainJob *
job_new (PrlWorkspace *workspace, PrlModel *model, const char *account, JsonObject *state)
{
  PrlWatsonTrainJob *self = g_object_new (prl_watson_train_job_get_type (), NULL);
  g_autofree char   *title = NULL;

  prl_remote_job_target_init (&self->target, workspace, model, account);
  self->state = state;
  /* An upgrade works on the customization of an existing version: a
   * cancel never deletes it (above). */
  if (json_object_has_member (state, "upgrade_of"))
    title = g_strdup_printf (_ ("Upgrading “%s” on IBM Watson"), self->target.model_name);
  else
    title = g_strdup_printf (_ ("Training “%s” on IBM Watson"), self->target.model_name);
  prl_job_set_title (PRL_JOB (self), title);
  return self;
}

/**
 * prl_watson_train_start:
 *
 * Returns: (transfer full) (nullable): a training job, to run on the
 *   workspace's job manager
 */
PrlJob *
prl_watson_train_start (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (JsonObject) state = json_object_new ();
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  const char      *account = prl_model_get_account (model);
  const char      *base = prl_model_get_provider_base (model);

  if (account == NULL || base == NULL)
    {
      g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NOT_SET_UP,
                   account == NULL
                       ? _ ("“%s” names no IBM Cloud account to train with. Create it "
                            "with “--account”.")
                       : _ ("“%s” names no Watson base model. Create it again with "
                            "“--base”."),
                   prl_model_get_name (model));
      return NULL;
    }
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  name = g_strdup_printf ("%s-%s", prl_model_get_name (model), stamp);
  json_object_set_string_member (state, "phase", "create");
  json_object_set_string_member (
      state, "previous_status",
      prl_training_status_to_nick (prl_model_get_status (model)));
  json_object_set_string_member (state, "remote_name", name);
  json_object_set_string_member (state, "watson_base", base);
  json_object_set_string_member (state, "language", prl_model_get_language (model));
  return PRL_JOB (job_new (workspace, model, account, g_steal_pointer (&state)));
}

/* An upgrade's job (prl-watson-versions.c): @state starts at a later
 * phase than a new training's. */
PrlJob *
_prl_watson_train_job_new (PrlWorkspace *workspace, PrlModel *model, JsonObject *state)
{
  return PRL_JOB (job_new (workspace, model, prl_model_get_account (model), state));
}

static PrlJob *
resume (PrlWorkspace *workspace, const PrlRemoteJobRecord *record, GError **error)
{
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (PrlModel) model = NULL;
  PrlWatsonTrainJob *job;

  if (!(model = prl_remote_job_record_open (
            workspace, record, _ ("Its saved state is damaged. Train the model again."),
            &state, error)))
    return NULL;
  job = job_new (workspace, model, record->account, g_steal_pointer (&state));
  prl_remote_job_set_id (PRL_REMOTE_JOB (job), record->id);
  return PRL_JOB (job);
}

void
prl_watson_train_register (void)
{
  prl_remote_job_register_kind (PRL_WATSON_TRAIN_KIND, resume);
  prl_remote_job_register_trainer (PRL_WATSON_PROVIDER, PRL_WATSON_TRAIN_KIND,
                                   prl_watson_train_start);
  _prl_watson_versions_register ();
}
