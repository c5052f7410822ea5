/* prl-wer-service.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-service"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-wer-error.h"
#include "prl-wer-private.h"
#include "prl-wer-service.h"

/*
 * PrlWerService scores batches of utterance pairs on a thread pool with one
 * thread per processor. Each batch is cut into chunks that the pool runs in
 * any order; a worker writes each score into its own slot of the result
 * array and queues it for the caller.
 *
 * Everything the caller sees happens on the main context that was the
 * thread default when the batch was started: a timer drains the queue at
 * most four times a second, emitting ::utterance-scored for each new score
 * and updating the progress properties, and the task completes there once
 * the last chunk is done. Several batches may run at once; they share the
 * pool and are interleaved chunk by chunk.
 *
 * Cancelling stops every worker at its next utterance; the task then fails
 * with G_IO_ERROR_CANCELLED and no partial corpus score is returned. An
 * utterance that cannot be scored (too long to align) fails the batch the
 * same way, with its error.
 */

#define CHUNK_SIZE 32
#define FLUSH_INTERVAL 250 /* ms: at most four updates a second */

struct _PrlWerService
{
  GObject parent_instance;

  GThreadPool *pool; /* (owned) */
  GPtrArray   *jobs; /* (owned) running Job, not owned */
  double       progress;
  gint64       last_progress_notify;
};

typedef struct
{
  gatomicrefcount ref_count;

  /* Read by workers, immutable while the job runs. */
  PrlWerBatch     *batch;      /* (owned) */
  PrlNormalizer   *normalizer; /* (owned) */
  PrlWerScoreFlags flags;
  GCancellable    *cancellable; /* (owned) */
  GPtrArray       *results;     /* (owned) one slot per item */

  /* Shared with workers, under lock or atomic. */
  GMutex     lock;
  GPtrArray *queue; /* (owned) scored, not yet emitted */
  GError    *error; /* (owned) (nullable) the first utterance that failed */
  gint       failed;
  gint       n_done;
  gint       n_chunks_left;

  /* Context side only. */
  PrlWerService *service; /* (unowned) the task holds a reference */
  GTask         *task;    /* (owned) (nullable) */
  GMainContext  *context; /* (owned) */
  GSource       *flush;   /* (owned) (nullable) */
} Job;

typedef struct
{
  Job  *job; /* (owned) */
  guint start;
  guint end;
} Chunk;

enum
{
  PROP_0,
  PROP_N_RUNNING,
  PROP_PROGRESS,
  N_PROPS
};

enum
{
  UTTERANCE_SCORED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PrlWerService, prl_wer_service, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
score_unref0 (gpointer score)
{
  if (score != NULL)
    prl_utterance_score_unref (score);
}

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (Job *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  g_assert (job->task == NULL);
  g_assert (job->flush == NULL);

  g_clear_object (&job->batch);
  g_clear_object (&job->normalizer);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_clear_pointer (&job->queue, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
update_progress (PrlWerService *self, gboolean force)
{
  guint64 done = 0, total = 0;
  double  progress;
  gint64  now = g_get_monotonic_time ();

  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (self->jobs, i);

      done += prl_wer_batch_get_n_scored (job->batch);
      total += prl_wer_batch_get_n_items (job->batch);
    }
  progress = total > 0 ? (double)done / total : 0.0;

  /* Several batches each flush four times a second; keep the sum to that. */
  if (progress == self->progress
      || (!force && now - self->last_progress_notify < FLUSH_INTERVAL * 1000))
    return;

  self->progress = progress;
  self->last_progress_notify = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* On the job's context: hand queued scores to the caller. */
static void
job_flush (Job *job)
{
  g_autoptr (GPtrArray) scored = NULL;

  g_mutex_lock (&job->lock);
  scored = g_steal_pointer (&job->queue);
  job->queue = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_utterance_score_unref);
  g_mutex_unlock (&job->lock);

  for (guint i = 0; i < scored->len; i++)
    g_signal_emit (job->service, signals[UTTERANCE_SCORED], 0, job->batch,
                   g_ptr_array_index (scored, i));

  _prl_wer_batch_set_n_scored (job->batch, (guint)g_atomic_int_get (&job->n_done));
}

static gboolean
job_flush_cb (gpointer data)
{
  Job *job = data;

  job_flush (job);
  update_progress (job->service, FALSE);

  return G_SOURCE_CONTINUE;
}

/* On the job's context, once no worker touches the job any more. */
static gboolean
job_complete_cb (gpointer data)
{
  Job *job = data;
  g_autoptr (GTask) task = g_steal_pointer (&job->task);
  PrlWerService *self = job->service;
  GError        *error = NULL;

  job_flush (job);

  g_source_destroy (job->flush);
  g_clear_pointer (&job->flush, g_source_unref);

  /* Count the finished batch once more, so that progress reaches 1. */
  update_progress (self, TRUE);
  g_ptr_array_remove (self->jobs, job);
  _prl_wer_batch_set_running (job->batch, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
  if (self->jobs->len > 0)
    update_progress (self, TRUE);

  if (g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    g_task_return_error (task, error);
  else if (job->error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (
        task,
        prl_corpus_score_new (prl_normalizer_get_identity (job->normalizer), job->flags,
                              job->results),
        (GDestroyNotify)prl_corpus_score_unref);

  return G_SOURCE_REMOVE;
}

static void
job_schedule_completion (Job *job)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_complete_cb, job_ref (job),
                         (GDestroyNotify)job_unref);
  g_source_set_static_name (source, "[prl-wer-service] complete");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

/* In a pool thread: touches only the job's frozen inputs and its own slots. */
static void
chunk_run (gpointer data, gpointer user_data)
{
  Chunk *chunk = data;
  Job   *job = chunk->job;

  for (guint i = chunk->start; i < chunk->end; i++)
    {
      PrlUtteranceScore *score;
      const char        *id, *ref_text, *hyp_text;

      GError *error = NULL;

      if (g_cancellable_is_cancelled (job->cancellable)
          || g_atomic_int_get (&job->failed))
        break;

      prl_wer_batch_get_item (job->batch, i, &id, &ref_text, &hyp_text);
      score = prl_utterance_score_compute (id, i, ref_text, hyp_text, job->normalizer,
                                           job->flags, &error);
      if (score == NULL)
        {
          /* The whole batch fails; the other workers stop at their next
           * utterance. */
          g_mutex_lock (&job->lock);
          if (job->error == NULL)
            job->error = g_steal_pointer (&error);
          g_mutex_unlock (&job->lock);
          g_clear_error (&error);
          g_atomic_int_set (&job->failed, TRUE);
          break;
        }
      g_ptr_array_index (job->results, i) = score;

      g_mutex_lock (&job->lock);
      g_ptr_array_add (job->queue, prl_utterance_score_ref (score));
      g_mutex_unlock (&job->lock);
      g_atomic_int_inc (&job->n_done);
    }

  if (g_atomic_int_dec_and_test (&job->n_chunks_left))
    job_schedule_completion (job);

  job_unref (chunk->job);
  g_free (chunk);
}

static void
prl_wer_service_finalize (GObject *object)
{
  PrlWerService *self = PRL_WER_SERVICE (object);

  /* Running tasks hold a reference on us, so no job is left here. */
  g_assert (self->jobs->len == 0);

  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_wer_service_parent_class)->finalize (object);
}

static void
prl_wer_service_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrlWerService *self = PRL_WER_SERVICE (object);

  switch (prop_id)
    {
    case PROP_N_RUNNING:
      g_value_set_uint (value, prl_wer_service_get_n_running (self));
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_wer_service_class_init (PrlWerServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prl_wer_service_finalize;
  object_class->get_property = prl_wer_service_get_property;

  /**
   * PrlWerService:n-running:
   *
   * Number of batches being scored; bind a spinner's visibility to it.
   */
  properties[PROP_N_RUNNING] = g_param_spec_uint (
      "n-running", NULL, NULL, 0, G_MAXUINT, 0,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PrlWerService:progress:
   *
   * Fraction of the utterances of all running batches scored so far,
   * updated at most four times a second.
   */
  properties[PROP_PROGRESS] = g_param_spec_double (
      "progress", NULL, NULL, 0.0, 1.0, 0.0,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrlWerService::utterance-scored:
   * @self: the service
   * @batch: the batch the utterance belongs to
   * @score: the new score
   *
   * Emitted on the caller's main context for every scored utterance, in
   * the order they complete, before the batch's task completes.
   */
  signals[UTTERANCE_SCORED]
      = g_signal_new ("utterance-scored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 2, PRL_TYPE_WER_BATCH,
                      PRL_TYPE_UTTERANCE_SCORE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
prl_wer_service_init (PrlWerService *self)
{
  self->jobs = g_ptr_array_new ();
  self->pool
      = g_thread_pool_new (chunk_run, NULL, (int)g_get_num_processors (), FALSE, NULL);
}

PrlWerService *
prl_wer_service_new (void)
{
  return g_object_new (PRL_TYPE_WER_SERVICE, NULL);
}

guint
prl_wer_service_get_n_running (PrlWerService *self)
{
  g_return_val_if_fail (PRL_IS_WER_SERVICE (self), 0);

  return self->jobs->len;
}

double
prl_wer_service_get_progress (PrlWerService *self)
{
  g_return_val_if_fail (PRL_IS_WER_SERVICE (self), 0.0);

  return self->progress;
}

guint
prl_wer_service_get_n_threads (PrlWerService *self)
{
  g_return_val_if_fail (PRL_IS_WER_SERVICE (self), 0);

  return (guint)g_thread_pool_get_max_threads (self->pool);
}

/**
 * prl_wer_service_score_batch_async:
 * @self: a #PrlWerService
 * @batch: the utterances to score; frozen until the task completes
 * @normalizer: the rules applied to both sides; do not change it meanwhile
 * @flags: what to compute and keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the current thread-default main context
 * @user_data: data for @callback
 *
 * Scores every utterance of @batch on the service's thread pool.
 */
void
prl_wer_service_score_batch_async (PrlWerService      *self,
                                   PrlWerBatch        *batch,
                                   PrlNormalizer      *normalizer,
                                   PrlWerScoreFlags    flags,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Job  *job;
  guint n_items, n_chunks;

  g_return_if_fail (PRL_IS_WER_SERVICE (self));
  g_return_if_fail (PRL_IS_WER_BATCH (batch));
  g_return_if_fail (PRL_IS_NORMALIZER (normalizer));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_wer_service_score_batch_async);

  if (prl_wer_batch_get_running (batch))
    {
      g_task_return_new_error (task, PRL_WER_ERROR, PRL_WER_ERROR_BUSY, "%s",
                               _ ("This batch is already being scored"));
      return;
    }

  n_items = prl_wer_batch_get_n_items (batch);
  n_chunks = (n_items + CHUNK_SIZE - 1) / CHUNK_SIZE;

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref_count);
  g_mutex_init (&job->lock);
  job->batch = g_object_ref (batch);
  job->normalizer = g_object_ref (normalizer);
  job->flags = flags;
  job->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  job->results = g_ptr_array_new_full (n_items, score_unref0);
  g_ptr_array_set_size (job->results, n_items);
  job->queue = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_utterance_score_unref);
  job->n_chunks_left = (gint)n_chunks;
  job->service = self;
  job->task = g_steal_pointer (&task);
  job->context = g_main_context_ref_thread_default ();

  job->flush = g_timeout_source_new (FLUSH_INTERVAL);
  g_source_set_callback (job->flush, job_flush_cb, job_ref (job),
                         (GDestroyNotify)job_unref);
  g_source_set_static_name (job->flush, "[prl-wer-service] flush");
  g_source_attach (job->flush, job->context);

  g_ptr_array_add (self->jobs, job);
  _prl_wer_batch_set_running (batch, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);

  if (n_chunks == 0)
    job_schedule_completion (job);

  for (guint c = 0; c < n_chunks; c++)
    {
      Chunk *chunk = g_new (Chunk, 1);

      chunk->job = job_ref (job);
      chunk->start = c * CHUNK_SIZE;
      chunk->end = MIN (n_items, (c + 1) * CHUNK_SIZE);
      g_thread_pool_push (self->pool, chunk, NULL);
    }

  /* The flush source keeps the job alive until it completes; chunks and
   * the completion source hold references of their own. */
  job_unref (job);
}

/**
 * prl_wer_service_score_batch_finish:
 *
 * Returns: (transfer full): the corpus score, with every utterance in
 *   batch order, or %NULL with @error set (G_IO_ERROR_CANCELLED if cancelled)
 */
PrlCorpusScore *
prl_wer_service_score_batch_finish (PrlWerService *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (PRL_IS_WER_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
