/* prl-quick-setup-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One click from test audio and keywords to a better model, for the
 * GUI's Quick Setup and `parlance-cli run`: create the model, add the
 * test pairs (and the user's text), evaluate the stock model, fetch wiki
 * text about the keywords (proposed from the references when none are
 * given) with the test references left out, train, evaluate, then
 * self-heal. The stock model is evaluated before anything is fetched so
 * that the leak guard has the references, normalized, to drop.
 *
 * Nothing is left half-created: when a step fails or is cancelled before
 * a version was trained and evaluated, the model is deleted; after that
 * (a self-heal round failing) the model is kept and
 * prl_quick_setup_job_get_kept() says so.
 */

#define G_LOG_DOMAIN "prl-quick-setup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "prl-evaluate-job.h"
#include "prl-job-step.h"
#include "prl-job-steps-private.h"
#include "prl-quick-setup-job.h"
#include "prl-train-job.h"
#include "prl-wiki-fetch-job.h"

/* Keywords proposed when the user gives none. */
#define N_PROPOSED 10

struct _PrlQuickSetupJob
{
  PrlJob parent_instance;

  PrlWorkspace *workspace;
  GMainContext *context;
  char         *name;
  char         *provider;
  char         *account;
  GPtrArray    *test_files; /* (element-type GFile) */
  GFile        *text;
  char         *wiki_api;
  guint         self_heal;

  /* Results */
  char         **keywords;
  PrlModel      *model;
  gboolean       kept;
  guint          n_pages;
  guint64        n_words;
  guint          n_dropped;
  PrlImproveJob *improve;
  PrlEvalRun    *run;
  GPtrArray     *rows;
};

G_DEFINE_FINAL_TYPE (PrlQuickSetupJob, prl_quick_setup_job, PRL_TYPE_JOB)

/* Steps on the main context. */

typedef struct
{
  PrlQuickSetupJob *self;
  PrlJobStep       *step;
  PrlDatasetType    type;
  GFile           **files;
  guint             n_files;
  gpointer          result; /* out: (owned) */
} Call;

static void
create_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  Call   *call = data;
  GError *error = NULL;

  call->result
      = prl_workspace_create_model_finish (PRL_WORKSPACE (object), result, &error);
  prl_job_step_return (call->step, error);
}

static void
create_model (PrlJobStep *step, gpointer data)
{
  Call                 *call = data;
  PrlModelCreateOptions options = { 0 };

  call->step = step;
  options.name = call->self->name;
  options.provider = call->self->provider;
  options.account = call->self->account;
  options.language = "en-US";
  options.base_model = PRL_BASE_MODEL_WIDE_BAND;
  prl_workspace_create_model_full_async (call->self->workspace, &options, NULL, create_cb,
                                         call);
}

static void
start_import (PrlJobStep *step, gpointer data)
{
  Call *call = data;

  call->result = prl_workspace_import_files (call->self->workspace, call->self->model,
                                             call->files, call->n_files, call->type);
  if (call->result != NULL)
    g_object_ref (call->result);
  prl_job_step_return (step, NULL);
}

static void
propose_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  Call   *call = data;
  GError *error = NULL;

  call->result
      = prl_workspace_propose_keywords_finish (PRL_WORKSPACE (object), result, &error);
  prl_job_step_return (call->step, error);
}

static void
propose_keywords (PrlJobStep *step, gpointer data)
{
  Call *call = data;

  call->step = step;
  prl_workspace_propose_keywords_async (call->self->workspace, call->self->model,
                                        N_PROPOSED, prl_job_step_get_cancellable (step),
                                        propose_cb, call);
}

static void
new_improve (PrlJobStep *step, gpointer data)
{
  Call             *call = data;
  GError           *error = NULL;
  PrlImproveOptions options = { 0 };

  options.rounds = call->self->self_heal;
  options.wiki_api = call->self->wiki_api;
  options.keywords = (const char *const *)call->self->keywords;
  call->result
      = prl_improve_job_new (call->self->workspace, call->self->model, &options, &error);
  prl_job_step_return (step, error);
}

static void
delete_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  Call   *call = data;
  GError *error = NULL;

  prl_workspace_delete_model_finish (PRL_WORKSPACE (object), result, &error);
  prl_job_step_return (call->step, error);
}

static void
delete_model (PrlJobStep *step, gpointer data)
{
  Call *call = data;

  call->step = step;
  prl_workspace_delete_model_async (call->self->workspace, call->self->model, NULL,
                                    delete_cb, call);
}

/* Worker-thread helpers. */

static gboolean
run_call (PrlQuickSetupJob *self, PrlJobStepFunc func, Call *call, GError **error)
{
  call->self = self;
  return prl_job_step_run (self->context, NULL, func, call, error);
}

/* Runs a job a step started; its reference is dropped. */
static gboolean
run_started (PrlQuickSetupJob *self,
             PrlJobStepFunc    func,
             Call             *call,
             double            base,
             double            span,
             const char       *status,
             GCancellable     *cancellable,
             GError          **error)
{
  gboolean ok;

  if (!run_call (self, func, call, error))
    return FALSE;
  ok = prl_job_run_child (PRL_JOB (self), self->context, call->result, base, span, status,
                          cancellable, error);
  return ok;
}

static gboolean
evaluate (PrlQuickSetupJob *self,
          double            base,
          double            span,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr (PrlEvaluateJob) job = NULL;

  if (!(job = _prl_job_steps_start_evaluation (self->context, self->workspace,
                                               self->model, error))
      || !prl_job_run_child (PRL_JOB (self), self->context, PRL_JOB (job), base, span,
                             _ ("Evaluating…"), cancellable, error))
    return FALSE;
  g_set_object (&self->run, prl_evaluate_job_get_run (job));
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_ref (prl_evaluate_job_get_rows (job));
  return TRUE;
}

static gboolean
steps (PrlQuickSetupJob *self, GCancellable *cancellable, GError **error)
{
  PrlJob *job = PRL_JOB (self);
  Call    call = { 0 };
  g_autoptr (PrlWikiFetchJob) fetch = NULL;
  g_autoptr (GObject) done = NULL;
  gboolean ok;

  call = (Call){ .type = PRL_DATASET_TYPE_TEST,
                 .files = (GFile **)self->test_files->pdata,
                 .n_files = self->test_files->len };
  ok = run_started (self, start_import, &call, 0.02, 0.08, _ ("Adding the test audio…"),
                    cancellable, error);
  done = call.result;
  if (!ok)
    return FALSE;
  g_clear_object (&done);
  if (self->text != NULL)
    {
      call = (Call){ .type = PRL_DATASET_TYPE_TRANSCRIPT,
                     .files = &self->text,
                     .n_files = 1 };
      ok = run_started (self, start_import, &call, 0.1, 0.05, _ ("Adding your text…"),
                        cancellable, error);
      done = call.result;
      if (!ok)
        return FALSE;
      g_clear_object (&done);
    }

  if (self->keywords == NULL)
    {
      call = (Call){ 0 };
      prl_job_report_progress (job, 0.15, _ ("Proposing keywords…"));
      if (!run_call (self, propose_keywords, &call, error))
        return FALSE;
      self->keywords = call.result;
      if (self->keywords[0] == NULL)
        {
          g_set_error_literal (
              error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
              _ ("No keywords could be proposed from the transcripts; give some"));
          return FALSE;
        }
    }

  /* The stock model first: its evaluation has the references the leak
   * guard keeps out of the fetched text. */
  if (!evaluate (self, 0.15, 0.2, cancellable, error))
    return FALSE;

  if (!(fetch = prl_wiki_fetch_job_new (
            self->wiki_api, (const char *const *)self->keywords, FALSE, error)))
    return FALSE;
  prl_wiki_fetch_job_set_leak_guard (fetch, self->run);
  if (self->model != NULL)
    prl_wiki_fetch_job_set_language (fetch, prl_model_get_language (self->model));
  if (!prl_job_run_child (job, self->context, PRL_JOB (fetch), 0.35, 0.15,
                          _ ("Fetching text from the wiki…"), cancellable, error))
    return FALSE;
  self->n_pages = prl_wiki_fetch_job_get_pages (fetch)->len;
  if (self->n_pages > 0)
    {
      done = G_OBJECT (_prl_job_steps_import_fetched (self->context, self->workspace,
                                                      self->model, fetch, NULL, error));
      if (done == NULL
          || !prl_job_run_child (job, self->context, PRL_JOB (done), 0.5, 0.05,
                                 _ ("Adding the wiki text…"), cancellable, error))
        return FALSE;
      g_clear_object (&done);
      self->n_words = prl_wiki_fetch_job_get_n_words (fetch);
      self->n_dropped = prl_wiki_fetch_job_get_n_dropped (fetch);
    }
  else if (self->text == NULL)
    {
      g_autofree char *list = g_strjoinv (", ", self->keywords);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("The wiki has no pages about the keywords (%s) and there is no "
                      "training text, so there is nothing to train on"),
                   list);
      return FALSE;
    }

  done = G_OBJECT (
      _prl_job_steps_start_training (self->context, self->workspace, self->model, error));
  if (done == NULL
      || !prl_job_run_child (job, self->context, PRL_JOB (done), 0.55, 0.25,
                             _ ("Training…"), cancellable, error))
    return FALSE;
  g_clear_object (&done);
  if (!evaluate (self, 0.8, 0.1, cancellable, error))
    return FALSE;
  self->kept = TRUE;

  if (self->self_heal > 0)
    {
      call = (Call){ 0 };
      if (!run_call (self, new_improve, &call, error))
        return FALSE;
      self->improve = call.result;
      if (!prl_job_run_child (job, self->context, PRL_JOB (self->improve), 0.9, 0.1,
                              _ ("Self-healing…"), cancellable, error))
        return FALSE;
      if (prl_improve_job_get_rows (self->improve) != NULL)
        {
          g_set_object (&self->run, prl_improve_job_get_run (self->improve));
          g_clear_pointer (&self->rows, g_ptr_array_unref);
          self->rows = g_ptr_array_ref (prl_improve_job_get_rows (self->improve));
        }
    }
  return TRUE;
}

static gboolean
prl_quick_setup_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlQuickSetupJob *self = PRL_QUICK_SETUP_JOB (job);
  Call              call = { 0 };

  prl_job_report_progress (job, 0, _ ("Creating the model…"));
  if (!run_call (self, create_model, &call, error))
    return FALSE;
  self->model = call.result;
  if (steps (self, cancellable, error))
    return TRUE;

  if (!self->kept)
    {
      g_autoptr (GError) delete_error = NULL;

      call = (Call){ 0 };
      if (run_call (self, delete_model, &call, &delete_error))
        g_clear_object (&self->model);
      else
        {
          g_warning ("Could not delete the half-created model: %s",
                     delete_error->message);
          self->kept = TRUE;
        }
    }
  return FALSE;
}

static void
prl_quick_setup_job_finalize (GObject *object)
{
  PrlQuickSetupJob *self = PRL_QUICK_SETUP_JOB (object);

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->name);
  g_free (self->provider);
  g_free (self->account);
  g_clear_pointer (&self->test_files, g_ptr_array_unref);
  g_clear_object (&self->text);
  g_free (self->wiki_api);
  g_strfreev (self->keywords);
  g_clear_object (&self->model);
  g_clear_object (&self->improve);
  g_clear_object (&self->run);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_quick_setup_job_parent_class)->finalize (object);
}

static void
prl_quick_setup_job_class_init (PrlQuickSetupJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_quick_setup_job_finalize;
  PRL_JOB_CLASS (klass)->run = prl_quick_setup_job_run;
}

static void
prl_quick_setup_job_init (PrlQuickSetupJob *self)
{
  self->test_files = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * prl_quick_setup_job_new:
 *
 * Create it on the main context, where @workspace lives.
 *
 * Returns: (transfer full) (nullable): the job, not started; %NULL with
 *   @error for options that cannot work (no name, no test files, empty
 *   keywords, a wiki address that is none, self-heal beyond 20 rounds)
 */
PrlQuickSetupJob *
prl_quick_setup_job_new (PrlWorkspace               *workspace,
                         const PrlQuickSetupOptions *options,
                         GError                    **error)
{
  PrlQuickSetupJob *self;
  g_autofree char  *title = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->name == NULL || *options->name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("The new model needs a name"));
      return NULL;
    }
  if (options->n_test_files == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("Quick Setup needs test audio with its transcripts"));
      return NULL;
    }
  if (options->keywords != NULL && options->keywords[0] == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("The keyword list is empty; give keywords or none, to have "
                              "them proposed"));
      return NULL;
    }
  if (options->self_heal > 20)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("Self-heal takes 0 to 20 rounds, not %u"), options->self_heal);
      return NULL;
    }
  if (options->wiki_api != NULL && !prl_wiki_check_api_url (options->wiki_api, error))
    return NULL;

  /* Translators: a job's title; %s is the new model's name */
  title = g_strdup_printf (_ ("Setting up “%s”"), options->name);
  self = g_object_new (PRL_TYPE_QUICK_SETUP_JOB, "title", title, NULL);
  self->workspace = g_object_ref (workspace);
  self->context = g_main_context_ref_thread_default ();
  self->name = g_strdup (options->name);
  self->provider = g_strdup (options->provider != NULL ? options->provider : "local");
  self->account = g_strdup (options->account);
  for (guint i = 0; i < options->n_test_files; i++)
    g_ptr_array_add (self->test_files, g_object_ref (options->test_files[i]));
  self->text = options->text != NULL ? g_object_ref (options->text) : NULL;
  self->wiki_api
      = g_strdup (options->wiki_api != NULL ? options->wiki_api : PRL_WIKI_DEFAULT_API);
  self->self_heal = options->self_heal;
  self->keywords = g_strdupv ((char **)options->keywords);
  return self;
}

/**
 * prl_quick_setup_job_get_model:
 *
 * Returns: (transfer none) (nullable): the model, once created; %NULL
 *   after a failure deleted it
 */
PrlModel *
prl_quick_setup_job_get_model (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), NULL);
  return self->model;
}

/**
 * prl_quick_setup_job_get_kept:
 *
 * Returns: whether the model stays after the job failed or was cancelled
 *   (it had a trained and evaluated version by then)
 */
gboolean
prl_quick_setup_job_get_kept (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), FALSE);
  return self->kept;
}

/**
 * prl_quick_setup_job_get_keywords:
 *
 * Returns: (nullable) (array zero-terminated=1): the keywords given, or
 *   those proposed once the job proposed them
 */
const char *const *
prl_quick_setup_job_get_keywords (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), NULL);
  return (const char *const *)self->keywords;
}

guint
prl_quick_setup_job_get_n_pages (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), 0);
  return self->n_pages;
}

guint64
prl_quick_setup_job_get_n_words (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), 0);
  return self->n_words;
}

/* Fetched sentences dropped as equal to test references. */
guint
prl_quick_setup_job_get_n_dropped (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), 0);
  return self->n_dropped;
}

/**
 * prl_quick_setup_job_get_improve:
 *
 * Returns: (transfer none) (nullable): the self-heal job, once started
 */
PrlImproveJob *
prl_quick_setup_job_get_improve (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), NULL);
  return self->improve;
}

PrlEvalRun *
prl_quick_setup_job_get_run (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), NULL);
  return self->run;
}

/**
 * prl_quick_setup_job_get_rows:
 *
 * Returns: (transfer none) (nullable) (element-type PrlEvalRow): the
 *   final leaderboard
 */
GPtrArray *
prl_quick_setup_job_get_rows (PrlQuickSetupJob *self)
{
  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), NULL);
  return self->rows;
}

/**
 * prl_quick_setup_job_beats_stock:
 *
 * Returns: whether the best version has a lower WER than the stock model
 */
gboolean
prl_quick_setup_job_beats_stock (PrlQuickSetupJob *self)
{
  const PrlEvalRow *best;
  const PrlEvalRow *stock = NULL;

  g_return_val_if_fail (PRL_IS_QUICK_SETUP_JOB (self), FALSE);

  if (self->run == NULL)
    return FALSE;
  best = prl_eval_run_get_row (self->run, prl_eval_run_get_best_system (self->run));
  for (guint s = 0; s < prl_eval_run_get_n_systems (self->run) && stock == NULL; s++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (self->run, s);

      if (!row->foreign && row->version == NULL)
        stock = row;
    }
  return best->version != NULL && stock != NULL && best->wer < stock->wer;
}
