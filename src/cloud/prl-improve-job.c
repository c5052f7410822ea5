/* prl-improve-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Self-heal as a job, for the CLI's `improve`, the Evaluation page's
 * Improve and Quick Setup. Each round takes the words the best version
 * still misses (counted over every stored evaluation), fetches wiki text
 * about them with the model's keywords for context and the test
 * references left out, adds it as a dataset, trains a new version and
 * evaluates it; rounds repeat until the rounds asked for are done or a
 * round brings no significant gain. A round is all or nothing: cancelled
 * or failed after its import, it deletes what it added (the dataset, the
 * version with its partial evaluation rows), so no version is left
 * without its evaluation and no text without its version.
 */

#define G_LOG_DOMAIN "prl-improve"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "prl-dataset.h"
#include "prl-evaluate-job.h"
#include "prl-improve-job.h"
#include "prl-improve.h"
#include "prl-job-step.h"
#include "prl-job-steps-private.h"
#include "prl-remote-job.h"
#include "prl-train-job.h"
#include "prl-version-ops.h"
#include "prl-wiki-fetch-job.h"

/* Missed words looked up per round: the wiki's best pages for a few words
 * at a time keep the text on topic. */
#define WORDS_PER_ROUND 5
/* Pages searched per word, more for a word looked up before. */
#define PAGES_PER_WORD 3

/* A round's share of its progress: fetch, import, train, evaluate. */
#define SPAN_FETCH 0.2
#define SPAN_IMPORT 0.1
#define SPAN_TRAIN 0.4
#define SPAN_EVALUATE 0.3

struct _PrlImproveJob
{
  PrlJob parent_instance;

  PrlWorkspace *workspace;
  PrlModel     *model;
  GMainContext *context; /* where the workspace lives */
  guint         n_rounds;
  char         *wiki_api;
  char        **keywords; /* context from the options */

  /* Results, written by run() and read after it returned. */
  GPtrArray     *rounds; /* (element-type PrlImproveRound) */
  PrlImproveStop stop;
  char          *stop_message;
  PrlEvalRun    *run;
  GHashTable    *exhausted; /* words this job found nothing new about */
  GPtrArray     *rows;      /* (nullable): the last evaluation's leaderboard */
};

G_DEFINE_FINAL_TYPE (PrlImproveJob, prl_improve_job, PRL_TYPE_JOB)
G_DEFINE_BOXED_TYPE (PrlImproveRound,
                     prl_improve_round,
                     prl_improve_round_copy,
                     prl_improve_round_free)

enum
{
  SIGNAL_ROUND_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

PrlImproveRound *
prl_improve_round_copy (const PrlImproveRound *round)
{
  PrlImproveRound *copy = g_new (PrlImproveRound, 1);

  *copy = *round;
  copy->words = g_strdupv (round->words);
  copy->dataset = g_strdup (round->dataset);
  copy->version = g_strdup (round->version);
  copy->best_version = g_strdup (round->best_version);
  copy->message = g_strdup (round->message);
  copy->checks = round->checks != NULL ? g_ptr_array_ref (round->checks) : NULL;
  return copy;
}

void
prl_improve_round_free (PrlImproveRound *round)
{
  if (round == NULL)
    return;
  g_strfreev (round->words);
  g_free (round->dataset);
  g_free (round->version);
  g_free (round->best_version);
  g_free (round->message);
  g_clear_pointer (&round->checks, g_ptr_array_unref);
  g_free (round);
}

/**
 * prl_improve_round_describe:
 *
 * What a round added, for a leaderboard row: "Improve 2: +3 pages, 2140
 * words (words: varroa, supers)", numbered as the model's rounds are
 * (@model_round), like prl_improve_describe_versions() names it.
 *
 * Returns: (transfer full): the text
 */
char *
prl_improve_round_describe (const PrlImproveRound *round)
{
  g_autofree char *words = g_strjoinv (", ", round->words);
  g_autofree char *n_words = g_strdup_printf ("%" G_GUINT64_FORMAT, round->n_words);

  /* Translators: what a self-heal round added: its number, pages, words
   * of text, then the missed words it looked up */
  return g_strdup_printf (_ ("Improve %u: +%u pages, %s words (words: %s)"),
                          round->model_round, round->n_pages, n_words, words);
}

/* Steps on the main context: the workspace and its jobs live there. */

typedef struct
{
  PrlImproveJob *self;
  PrlJobStep    *step;
  gpointer       object; /* in: the dataset or version to delete */
  PrlModelRows   rows;   /* in: what to read */
  gpointer       result; /* out: (owned) a run, rows or a job */
} Call;

static void
load_evaluation_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  Call   *call = data;
  GError *error = NULL;

  call->result
      = prl_workspace_load_evaluation_finish (PRL_WORKSPACE (object), result, &error);
  prl_job_step_return (call->step, error);
}

static void
load_evaluation (PrlJobStep *step, gpointer data)
{
  Call *call = data;

  call->step = step;
  prl_workspace_load_evaluation_async (call->self->workspace, call->self->model,
                                       prl_job_step_get_cancellable (step),
                                       load_evaluation_cb, call);
}

static void
read_rows_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  Call   *call = data;
  GError *error = NULL;

  call->result = prl_workspace_read_rows_finish (PRL_WORKSPACE (object), result, &error);
  prl_job_step_return (call->step, error);
}

static void
read_rows (PrlJobStep *step, gpointer data)
{
  Call *call = data;

  call->step = step;
  prl_workspace_read_rows_async (call->self->workspace, call->self->model, call->rows,
                                 NULL, read_rows_cb, call);
}

static void
delete_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  Call   *call = data;
  GError *error = NULL;

  if (PRL_IS_VERSION (call->object))
    prl_workspace_delete_version_finish (PRL_WORKSPACE (object), result, &error);
  else
    prl_workspace_delete_dataset_finish (PRL_WORKSPACE (object), result, &error);
  prl_job_step_return (call->step, error);
}

static void
delete_object (PrlJobStep *step, gpointer data)
{
  Call *call = data;

  call->step = step;
  /* Not cancellable: the round is being undone because it was cancelled. */
  if (PRL_IS_VERSION (call->object))
    prl_workspace_delete_version_async (call->self->workspace, call->self->model,
                                        call->object, NULL, delete_cb, call);
  else
    prl_workspace_delete_dataset_async (call->self->workspace, call->object, NULL,
                                        delete_cb, call);
}

typedef struct
{
  PrlImproveJob   *self;
  PrlImproveRound *round;
} Announce;

static gboolean
announce_round (gpointer data)
{
  Announce *a = data;

  g_signal_emit (a->self, signals[SIGNAL_ROUND_DONE], 0, a->round);
  g_object_unref (a->self);
  prl_improve_round_free (a->round);
  g_free (a);
  return G_SOURCE_REMOVE;
}

/* Keeps a finished round and tells the main context about it. */
static void
round_done (PrlImproveJob *self, PrlImproveRound *round)
{
  Announce *a = g_new (Announce, 1);

  a->self = g_object_ref (self);
  a->round = prl_improve_round_copy (round);
  g_ptr_array_add (self->rounds, round);
  g_main_context_invoke (self->context, announce_round, a);
}

/* Worker-thread helpers. */

static gboolean
run_call (PrlImproveJob *self, PrlJobStepFunc func, Call *call, GError **error)
{
  call->self = self;
  return prl_job_step_run (self->context, NULL, func, call, error);
}

/* Deletes what a round added; errors are logged, the round's own error
 * is what the user needs to see. */
static void
undo (PrlImproveJob *self, gpointer object)
{
  Call call = { .object = object };
  g_autoptr (GError) error = NULL;

  if (object != NULL && !run_call (self, delete_object, &call, &error))
    g_warning ("Could not undo a cancelled round: %s", error->message);
}

/* The keywords a model's wiki text was fetched with, but not those of
 * self-heal rounds (missed words, not the model's topic). */
static void
add_model_keywords (GPtrArray *datasets, GPtrArray *context)
{
  for (guint i = 0; i < datasets->len; i++)
    {
      gboolean self_heal = FALSE;
      g_auto (GStrv) keywords
          = prl_improve_dup_keywords (g_ptr_array_index (datasets, i), &self_heal);

      for (guint j = 0; !self_heal && keywords != NULL && keywords[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (context, keywords[j], g_str_equal, NULL))
          g_ptr_array_add (context, g_strdup (keywords[j]));
    }
}

/* The self-heal rounds the model had: their datasets' provenance says
 * so. */
static guint
count_rounds (GPtrArray *datasets)
{
  guint n = 0;

  for (guint i = 0; i < datasets->len; i++)
    {
      const char *provenance
          = prl_dataset_get_provenance (g_ptr_array_index (datasets, i));

      n += provenance != NULL && strstr (provenance, "\"self_heal_round\"") != NULL;
    }
  return n;
}

static const PrlEvalRow *
find_row (PrlEvalRun *run, const char *version)
{
  for (guint s = 0; s < prl_eval_run_get_n_systems (run); s++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (run, s);

      if (!row->foreign && g_strcmp0 (row->version, version) == 0)
        return row;
    }
  return NULL;
}

static void
stop_round (PrlImproveRound *round, PrlImproveStop stop, char *message)
{
  round->stop = stop;
  round->message = message;
}

/* Fetches text about the next missed words that bring pages the model
 * lacks. The words go in batches of WORDS_PER_ROUND; a word looked up
 * before is searched deeper (a few more pages for every earlier lookup),
 * so the next pages about it come up rather than those the model has. A
 * batch that finds no page or only known ones is passed over for the
 * next, so rounds move on through the missed words. Returns the fetch,
 * its pages the new ones, and sets round->words; %NULL with round->stop
 * set when every word was tried, or with @error. */
static PrlWikiFetchJob *
fetch_new_pages (PrlImproveJob   *self,
                 PrlImproveRound *round,
                 GPtrArray       *context,
                 GPtrArray       *datasets,
                 GCancellable    *cancellable,
                 GError         **error)
{
  const PrlEvalRow *best_row
      = prl_eval_run_get_row (self->run, prl_eval_run_get_best_system (self->run));
  g_autoptr (GHashTable) lookups = prl_improve_count_lookups (datasets);
  g_auto (GStrv) ranked = prl_improve_order_words (self->run, lookups, self->exhausted);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GPtrArray) tried = g_ptr_array_new ();
  g_autofree char *tried_list = NULL;
  double           base = (double)(round->round - 1) / self->n_rounds;
  double           span = SPAN_FETCH / self->n_rounds;
  guint            n_batches;
  gboolean         found = FALSE;

  for (guint i = 0; ranked[i] != NULL; i++)
    g_ptr_array_add (words, ranked[i]);
  n_batches = (words->len + WORDS_PER_ROUND - 1) / WORDS_PER_ROUND;
  if (words->len == 0)
    {
      round->words = g_new0 (char *, 1);
      stop_round (
          round, PRL_IMPROVE_STOP_NO_WORDS,
          g_strdup_printf (_ ("the best version (%s) misses no word worth "
                              "looking up"),
                           best_row->version != NULL ? best_row->version : _ ("stock")));
      return NULL;
    }
  for (guint b = 0; b < n_batches; b++)
    {
      g_autoptr (PrlWikiFetchJob) fetch = NULL;
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) batch = NULL;
      g_autofree char *list = NULL;
      g_autofree char *status = NULL;
      guint            depth = 0;

      for (guint i = b * WORDS_PER_ROUND; i < words->len && i < (b + 1) * WORDS_PER_ROUND;
           i++)
        {
          const char *w = g_ptr_array_index (words, i);

          g_strv_builder_add (builder, w);
          g_ptr_array_add (tried, (gpointer)w);
          depth = MAX (depth, GPOINTER_TO_UINT (g_hash_table_lookup (lookups, w)));
        }
      batch = g_strv_builder_end (builder);
      list = g_strjoinv (", ", batch);
      if (!(fetch = prl_wiki_fetch_job_new (self->wiki_api, (const char *const *)batch,
                                            FALSE, error)))
        return NULL;
      prl_wiki_fetch_job_set_pages_per_keyword (fetch, PAGES_PER_WORD * (depth + 1));
      prl_wiki_fetch_job_set_leak_guard (fetch, self->run);
      prl_wiki_fetch_job_set_language (fetch, prl_model_get_language (self->model));
      if (context->len > 1)
        prl_wiki_fetch_job_set_context (fetch, (const char *const *)context->pdata);
      /* Translators: a self-heal round's progress; %s lists missed words */
      status = g_strdup_printf (_ ("Round %u of %u: looking up %s…"), round->round,
                                self->n_rounds, list);
      if (!prl_job_run_child (PRL_JOB (self), self->context, PRL_JOB (fetch),
                              base + span * b / n_batches, span / n_batches, status,
                              cancellable, error))
        return NULL;
      found |= prl_wiki_fetch_job_get_pages (fetch)->len > 0;
      if (prl_wiki_fetch_job_get_pages (fetch)->len > 0
          && prl_wiki_fetch_job_drop_known_pages (fetch, datasets) > 0)
        {
          round->words = g_steal_pointer (&batch);
          return g_steal_pointer (&fetch);
        }
      for (guint i = 0; batch[i] != NULL; i++)
        g_hash_table_add (self->exhausted, g_strdup (batch[i]));
    }

  g_ptr_array_add (tried, NULL);
  round->words = g_strdupv ((char **)tried->pdata);
  tried_list = g_strjoinv (", ", round->words);
  if (!found)
    stop_round (round, PRL_IMPROVE_STOP_NO_PAGES,
                g_strdup_printf (_ ("the wiki has no pages about the missed words (%s)"),
                                 tried_list));
  else
    stop_round (round, PRL_IMPROVE_STOP_NOTHING_NEW,
                g_strdup_printf (_ ("the wiki has nothing new about the missed words "
                                    "(tried %s); the model has every page found already"),
                                 tried_list));
  return NULL;
}

/* One round. Returns FALSE with @error on failure or cancellation; when
 * the rounds must stop, sets round->stop. */
static gboolean
improve_round (PrlImproveJob   *self,
               PrlImproveRound *round,
               GPtrArray       *context,
               GCancellable    *cancellable,
               GError         **error)
{
  PrlJob           *job = PRL_JOB (self);
  const PrlEvalRow *best_row
      = prl_eval_run_get_row (self->run, prl_eval_run_get_best_system (self->run));
  double base = (double)(round->round - 1) / self->n_rounds;
  double share = 1.0 / self->n_rounds;
  g_autoptr (PrlWikiFetchJob) fetch = NULL;
  g_autoptr (PrlImportJob) import = NULL;
  g_autoptr (PrlTrainJob) train = NULL;
  g_autoptr (PrlEvaluateJob) evaluate = NULL;
  g_autoptr (GPtrArray) datasets = NULL;
  g_autofree char *list = NULL;
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GError) local_error = NULL;
  PrlDataset *dataset;
  PrlVersion *version;
  Call        call = { 0 };

  round->best_version = g_strdup (best_row->version);
  round->best_wer = best_row->wer;
  round->wer = -1;
  round->p_value = -1;

  call.rows = PRL_MODEL_ROWS_DATASETS;
  if (!run_call (self, read_rows, &call, error))
    return FALSE;
  datasets = call.result;
  if (!(fetch = fetch_new_pages (self, round, context, datasets, cancellable, error)))
    return round->stop != PRL_IMPROVE_STOP_NONE;
  list = g_strjoinv (", ", round->words);

  round->model_round = count_rounds (datasets) + 1;
  prl_wiki_fetch_job_set_round (fetch, round->model_round);
  /* Translators: a dataset's name; %u numbers the self-heal rounds of the
   * model, %s lists the words looked up */
  name = g_strdup_printf (_ ("Improve %u: %s"), round->model_round, list);
  if (g_utf8_strlen (name, -1) > 60)
    {
      g_autofree char *head = g_utf8_substring (name, 0, 59);

      g_free (name);
      name = g_strconcat (head, "…", NULL);
    }
  if (!(import = _prl_job_steps_import_fetched (self->context, self->workspace,
                                                self->model, fetch, name, &local_error)))
    {
      stop_round (round, PRL_IMPROVE_STOP_NOT_ADDED, g_strdup (local_error->message));
      return TRUE;
    }
  g_free (status);
  status = g_strdup_printf (_ ("Round %u of %u: adding the text…"), round->round,
                            self->n_rounds);
  if (!prl_job_run_child (job, self->context, PRL_JOB (import), base + share * SPAN_FETCH,
                          share * SPAN_IMPORT, status, cancellable, &local_error))
    {
      /* Text that is all test references, or fails the line checks, is
       * nothing new to train on. A cancelled import leaves nothing. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      round->n_dropped = prl_wiki_fetch_job_get_n_dropped (fetch);
      if (prl_import_job_get_checks (import) != NULL)
        round->checks = g_ptr_array_ref (prl_import_job_get_checks (import));
      stop_round (round, PRL_IMPROVE_STOP_NOT_ADDED,
                  g_strdup_printf (_ ("the fetched text could not be added (%s; %u "
                                      "sentences were test references)"),
                                   local_error->message, round->n_dropped));
      return TRUE;
    }
  dataset = g_ptr_array_index (prl_import_job_get_datasets (import), 0);
  round->dataset = g_strdup (prl_dataset_get_group_name (dataset));
  round->n_pages = prl_wiki_fetch_job_get_pages (fetch)->len;
  round->n_lines = prl_dataset_get_n_lines (dataset);
  round->n_words = prl_dataset_get_n_words (dataset);
  round->n_dropped = prl_wiki_fetch_job_get_n_dropped (fetch);

  /* From here on the round owns a dataset: cancelled or failed, it goes. */
  g_free (status);
  status
      = g_strdup_printf (_ ("Round %u of %u: training…"), round->round, self->n_rounds);
  if (!(train = _prl_job_steps_start_training (self->context, self->workspace,
                                               self->model, error))
      || !prl_job_run_child (job, self->context, PRL_JOB (train),
                             base + share * (SPAN_FETCH + SPAN_IMPORT),
                             share * SPAN_TRAIN, status, cancellable, error))
    {
      undo (self, dataset);
      return FALSE;
    }
  version = prl_train_job_get_version (train);
  round->version = g_strdup (prl_version_get_name (version));

  g_free (status);
  status
      = g_strdup_printf (_ ("Round %u of %u: evaluating…"), round->round, self->n_rounds);
  if (!(evaluate = _prl_job_steps_start_evaluation (self->context, self->workspace,
                                                    self->model, error))
      || !prl_job_run_child (job, self->context, PRL_JOB (evaluate),
                             base + share * (1 - SPAN_EVALUATE), share * SPAN_EVALUATE,
                             status, cancellable, error))
    {
      /* A version without its evaluation rows would show as untested. */
      undo (self, version);
      undo (self, dataset);
      return FALSE;
    }
  g_set_object (&self->run, prl_evaluate_job_get_run (evaluate));
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_ref (prl_evaluate_job_get_rows (evaluate));
  if (!prl_improve_compare (self->run, round->best_version, round->version,
                            &round->p_value, &round->significant, error))
    return FALSE;
  round->wer = find_row (self->run, round->version)->wer;
  if (!round->significant)
    stop_round (round, PRL_IMPROVE_STOP_NO_GAIN,
                g_strdup_printf (_ ("round %u brought no significant gain over %s (p "
                                    "must be below %.2f with a lower WER)"),
                                 round->round,
                                 round->best_version != NULL ? round->best_version
                                                             : _ ("the stock model"),
                                 PRL_IMPROVE_ALPHA));
  return TRUE;
}

static gboolean
prl_improve_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlImproveJob *self = PRL_IMPROVE_JOB (job);
  g_autoptr (GPtrArray) context = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local_error = NULL;
  Call call = { 0 };

  prl_job_report_progress (job, 0, _ ("Reading the evaluation"));
  if (!run_call (self, load_evaluation, &call, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _ ("“%s” has no evaluation yet, so there are no missed words to "
                        "look up. Evaluate it first"),
                     prl_model_get_name (self->model));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->run = call.result;

  for (guint i = 0; self->keywords != NULL && self->keywords[i] != NULL; i++)
    g_ptr_array_add (context, g_strdup (self->keywords[i]));
  call = (Call){ .rows = PRL_MODEL_ROWS_DATASETS };
  if (!run_call (self, read_rows, &call, error))
    return FALSE;
  add_model_keywords (call.result, context);
  g_ptr_array_unref (call.result);
  g_ptr_array_add (context, NULL);

  for (guint r = 1; r <= self->n_rounds && self->stop == PRL_IMPROVE_STOP_NONE; r++)
    {
      PrlImproveRound *round = g_new0 (PrlImproveRound, 1);

      round->round = r;
      if (!improve_round (self, round, context, cancellable, error))
        {
          prl_improve_round_free (round);
          return FALSE;
        }
      if (round->stop == PRL_IMPROVE_STOP_NONE && r == self->n_rounds)
        stop_round (
            round, PRL_IMPROVE_STOP_ROUNDS_DONE,
            g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE, "%u round done", "%u rounds done", r), r));
      self->stop = round->stop;
      g_free (self->stop_message);
      self->stop_message = g_strdup (round->message);
      round_done (self, round);
    }
  prl_job_report_progress (job, 1, NULL);
  return TRUE;
}

static void
prl_improve_job_finalize (GObject *object)
{
  PrlImproveJob *self = PRL_IMPROVE_JOB (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->wiki_api);
  g_strfreev (self->keywords);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_free (self->stop_message);
  g_clear_object (&self->run);
  g_clear_pointer (&self->exhausted, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_improve_job_parent_class)->finalize (object);
}

static void
prl_improve_job_class_init (PrlImproveJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrlJobClass  *job_class = PRL_JOB_CLASS (klass);

  object_class->finalize = prl_improve_job_finalize;
  job_class->run = prl_improve_job_run;

  /**
   * PrlImproveJob::round-done:
   * @round: (type PrlImproveRound): the round's outcome
   *
   * Emitted on the main context when a round has ended, trained or not.
   */
  signals[SIGNAL_ROUND_DONE] = g_signal_new (
      "round-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, PRL_TYPE_IMPROVE_ROUND | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
prl_improve_job_init (PrlImproveJob *self)
{
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_improve_round_free);
  self->exhausted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * prl_improve_job_new:
 * @options: rounds, wiki and context keywords
 *
 * Self-heal @model, which must have been evaluated once and train
 * locally (a cloud training takes hours a round). Create it on the main
 * context, where @workspace lives; the job runs its steps there.
 *
 * Returns: (transfer full) (nullable): the job, not started; %NULL with
 *   @error for a wrong option or a model that trains at its provider
 */
PrlImproveJob *
prl_improve_job_new (PrlWorkspace            *workspace,
                     PrlModel                *model,
                     const PrlImproveOptions *options,
                     GError                 **error)
{
  PrlImproveJob   *self;
  const char      *remote_kind = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->rounds < 1 || options->rounds > 20)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("Self-heal takes 1 to 20 rounds, not %u"), options->rounds);
      return NULL;
    }
  if (options->wiki_api != NULL && !prl_wiki_check_api_url (options->wiki_api, error))
    return NULL;
  if (prl_remote_job_lookup_trainer (prl_model_get_provider (model), &remote_kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("“%s” trains at its provider, which takes hours a round; "
                      "self-heal trains local models only for now"),
                   prl_model_get_name (model));
      return NULL;
    }

  /* Translators: a job's title; %s is a model's name */
  title = g_strdup_printf (_ ("Improving “%s”"), prl_model_get_name (model));
  self = g_object_new (PRL_TYPE_IMPROVE_JOB, "title", title, NULL);
  self->workspace = g_object_ref (workspace);
  self->model = g_object_ref (model);
  self->context = g_main_context_ref_thread_default ();
  self->n_rounds = options->rounds;
  self->wiki_api
      = g_strdup (options->wiki_api != NULL ? options->wiki_api : PRL_WIKI_DEFAULT_API);
  self->keywords = g_strdupv ((char **)options->keywords);
  return self;
}

PrlModel *
prl_improve_job_get_model (PrlImproveJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPROVE_JOB (self), NULL);
  return self->model;
}

/**
 * prl_improve_job_get_rounds:
 *
 * Returns: (transfer none) (element-type PrlImproveRound): the rounds
 *   done, once the job ended (a cancelled round is not listed)
 */
GPtrArray *
prl_improve_job_get_rounds (PrlImproveJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPROVE_JOB (self), NULL);
  return self->rounds;
}

PrlImproveStop
prl_improve_job_get_stop (PrlImproveJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPROVE_JOB (self), PRL_IMPROVE_STOP_NONE);
  return self->stop;
}

/**
 * prl_improve_job_get_stop_message:
 *
 * Returns: (nullable): why the rounds stopped, for people
 */
const char *
prl_improve_job_get_stop_message (PrlImproveJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPROVE_JOB (self), NULL);
  return self->stop_message;
}

/**
 * prl_improve_job_get_run:
 *
 * Returns: (transfer none) (nullable): the evaluation after the last
 *   round (the stored one when no round trained)
 */
PrlEvalRun *
prl_improve_job_get_run (PrlImproveJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPROVE_JOB (self), NULL);
  return self->run;
}

/**
 * prl_improve_job_get_rows:
 *
 * Returns: (transfer none) (nullable) (element-type PrlEvalRow): the last
 *   round's leaderboard, %NULL when no round trained a version
 */
GPtrArray *
prl_improve_job_get_rows (PrlImproveJob *self)
{
  g_return_val_if_fail (PRL_IS_IMPROVE_JOB (self), NULL);
  return self->rows;
}
