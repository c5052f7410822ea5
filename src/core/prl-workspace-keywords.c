/* prl-workspace-keywords.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keywords proposed from a model's own text (training and tuning text,
 * test transcripts), for fetching more text about them when the user
 * gave none: first the words the stock model does not know at all, most
 * frequent first, then the words that are far more frequent in the
 * user's text than in everyday English (the stock LM's unigrams), which
 * are the domain's terms. Everyday words never qualify, however often
 * they occur.
 */

#define G_LOG_DOMAIN "prl-workspace"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "prl-dataset-check.h"
#include "prl-file-open.h"
#include "prl-line-reader.h"
#include "prl-normalizer.h"
#include "prl-provider.h"
#include "prl-store.h"
#include "prl-workspace-private.h"
#include "prl-workspace.h"

/* A known word is a domain term when the user's text uses it at least
 * this many times as often as the stock LM expects (log10), */
#define MIN_LOG10_RATIO 2.0
/* and it is rarer than this in everyday English (log10 unigram). */
#define MAX_COMMON_LOG10 -4.0
#define MIN_COUNT 2
#define MIN_CHARS 3

typedef struct
{
  PrlStore *store;
  gint64    model_id;
  char     *provider;
  char     *language;
  char    **paths; /* (nullable): files to read instead of the model's text */
  guint     max;
} ProposeCall;

static void
propose_call_free (ProposeCall *call)
{
  g_clear_object (&call->store);
  g_free (call->provider);
  g_free (call->language);
  g_strfreev (call->paths);
  g_free (call);
}

typedef struct
{
  const char *word;
  guint64     count;
  double      log10_prob;
  double      ratio;
} Candidate;

static gboolean
is_candidate (const char *word)
{
  gboolean letters = FALSE;

  if (g_utf8_strlen (word, -1) < MIN_CHARS)
    return FALSE;
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return FALSE;
      letters |= g_unichar_isalpha (c);
    }
  return letters;
}

/* Unknown words first (most frequent first), then by how much more
 * often the user says them than everyday English does. */
static int
compare_candidates (gconstpointer pa, gconstpointer pb)
{
  const Candidate *a = pa, *b = pb;
  gboolean         ua = isinf (a->log10_prob), ub = isinf (b->log10_prob);

  if (ua != ub)
    return ua ? -1 : 1;
  if (ua)
    return a->count != b->count ? (a->count > b->count ? -1 : 1)
                                : g_strcmp0 (a->word, b->word);
  if (a->ratio != b->ratio)
    return a->ratio > b->ratio ? -1 : 1;
  return g_strcmp0 (a->word, b->word);
}

static gboolean
count_stream (GInputStream  *in,
              PrlNormalizer *normalizer,
              GHashTable    *counts,
              guint64       *total,
              GCancellable  *cancellable,
              GError       **error)
{
  PrlLineReader *reader;
  const char    *line;
  gsize          length;
  gboolean       ok = TRUE;
  g_autoptr (GError) local_error = NULL;

  reader = prl_line_reader_new (in, PRL_LINE_READER_MAX_LINE);
  while (prl_line_reader_next (reader, &line, &length, cancellable, &local_error))
    {
      g_autofree char *text = g_strndup (line, length);
      g_auto (GStrv) words = prl_normalizer_normalize (normalizer, text);

      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          gpointer n = g_hash_table_lookup (counts, words[i]);

          (*total)++;
          if (is_candidate (words[i]))
            g_hash_table_insert (counts, g_strdup (words[i]),
                                 GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  prl_line_reader_free (reader);
  return ok;
}

/* The words of the model's text datasets, or of the files a caller
 * names (Quick Setup proposes before the model exists). */
static gboolean
count_text (ProposeCall   *call,
            PrlNormalizer *normalizer,
            GHashTable    *counts,
            guint64       *total,
            guint         *n_text,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  g_autoptr (GBytes) key = NULL;

  for (guint i = 0; call->paths != NULL && call->paths[i] != NULL; i++)
    {
      g_autoptr (GInputStream) in = NULL;

      if (!(in = prl_file_open_regular (call->paths[i], PRL_MAX_FILE_BYTES, NULL,
                                        cancellable, error))
          || !count_stream (in, normalizer, counts, total, cancellable, error))
        {
          g_prefix_error (error, "%s: ", call->paths[i]);
          return FALSE;
        }
      (*n_text)++;
    }
  if (call->paths != NULL)
    return TRUE;

  if (!(datasets = prl_store_list_datasets_sync (call->store, call->model_id, error)))
    return FALSE;
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDataset    *dataset = g_ptr_array_index (datasets, i);
      PrlDatasetType type = prl_dataset_get_dataset_type (dataset);
      g_autoptr (GInputStream) in = NULL;

      if (type != PRL_DATASET_TYPE_TRANSCRIPT && type != PRL_DATASET_TYPE_TUNING
          && type != PRL_DATASET_TYPE_TEST)
        continue;
      (*n_text)++;
      if (!(in = prl_store_open_dataset (call->store, dataset, &key, cancellable, error))
          || !count_stream (in, normalizer, counts, total, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static void
propose_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ProposeCall *call = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlNormalizer) normalizer = NULL;
  g_autoptr (GHashTable) counts
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *probs = NULL;
  PrlProvider       *provider;
  GHashTableIter     iter;
  gpointer           word, n;
  guint64            total = 0;
  guint              n_text = 0;

  if (!(normalizer = prl_normalizer_new ("default", &error))
      || !count_text (call, normalizer, counts, &total, &n_text, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (n_text == 0 && call->paths != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _ ("There is no text to propose keywords from. Add "
                                  "test audio with transcripts or training text, or "
                                  "type keywords"));
      return;
    }
  if (n_text == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _ ("The model has no text to propose keywords from. Add "
                                  "training text or test transcripts, or type keywords"));
      return;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &word, &n))
    g_ptr_array_add (words, word);
  g_ptr_array_add (words, NULL);
  probs = g_new0 (double, words->len);

  /* The model's provider, or the embedded engine's stock model when the
   * provider cannot tell (a cloud service's vocabulary is not public). */
  provider = prl_provider_lookup (call->provider);
  if (provider == NULL
      || !prl_provider_score_words (provider, call->language,
                                    (const char *const *)words->pdata, probs, cancellable,
                                    &error))
    {
      PrlProvider *local = prl_provider_lookup ("local");

      if (provider != NULL
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
      if (local == NULL
          || !prl_provider_score_words (local, call->language,
                                        (const char *const *)words->pdata, probs,
                                        cancellable, &error))
        {
          if (error == NULL)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                 _ ("No stock model is available to tell everyday words "
                                    "from the domain’s; type keywords instead"));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  for (guint i = 0; i + 1 < words->len; i++)
    {
      Candidate c = { g_ptr_array_index (words, i), 0, probs[i], 0 };

      c.count = GPOINTER_TO_SIZE (g_hash_table_lookup (counts, c.word));
      if (!isinf (c.log10_prob))
        {
          c.ratio = log10 ((double)c.count / (double)MAX (total, 1)) - c.log10_prob;
          if (c.count < MIN_COUNT || c.log10_prob > MAX_COMMON_LOG10
              || c.ratio < MIN_LOG10_RATIO)
            continue;
        }
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && out->len < call->max; i++)
    g_ptr_array_add (out, g_strdup (g_array_index (candidates, Candidate, i).word));
  g_ptr_array_add (out, NULL);
  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&out), FALSE),
                         (GDestroyNotify)g_strfreev);
}

static ProposeCall *
propose_call_new (const char *provider, const char *language, guint max)
{
  ProposeCall *call = g_new0 (ProposeCall, 1);

  call->provider = g_strdup (provider);
  call->language = g_strdup (language);
  call->max = MAX (max, 1);
  return call;
}

/* Both propose calls: @call (consumed) on a worker thread; finish with
 * prl_workspace_propose_keywords_finish(). */
static void
propose_start (PrlWorkspace       *self,
               ProposeCall        *call,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, prl_workspace_propose_keywords_async);
  g_task_set_task_data (task, call, (GDestroyNotify)propose_call_free);
  g_task_run_in_thread (task, propose_thread);
}

/**
 * prl_workspace_propose_keywords_async:
 * @max: at most this many keywords
 *
 * Proposes keywords from @model's own text for fetching more text (see
 * the top of this file), on a worker thread.
 */
void
prl_workspace_propose_keywords_async (PrlWorkspace       *self,
                                      PrlModel           *model,
                                      guint               max,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  ProposeCall *call;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  call = propose_call_new (prl_model_get_provider (model), prl_model_get_language (model),
                           max);
  call->store = g_object_ref (prl_workspace_get_store (self));
  call->model_id = prl_model_get_id (model);
  propose_start (self, call, cancellable, callback, user_data);
}

/**
 * prl_workspace_propose_keywords_for_files_async:
 * @provider: the provider whose stock model tells everyday words apart
 * @language: the language, e.g. "en-US"
 * @paths: (array zero-terminated=1): text files (transcripts, training text)
 * @max: at most this many keywords
 *
 * Like prl_workspace_propose_keywords_async(), from files before any
 * model has them (Quick Setup). Finish with
 * prl_workspace_propose_keywords_finish().
 */
void
prl_workspace_propose_keywords_for_files_async (PrlWorkspace       *self,
                                                const char         *provider,
                                                const char         *language,
                                                const char *const  *paths,
                                                guint               max,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data)
{
  ProposeCall *call;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (provider != NULL && language != NULL && paths != NULL);

  call = propose_call_new (provider, language, max);
  call->paths = g_strdupv ((char **)paths);
  propose_start (self, call, cancellable, callback, user_data);
}

/**
 * prl_workspace_propose_keywords_finish:
 *
 * Returns: (transfer full): the keywords, best first; may be empty
 */
char **
prl_workspace_propose_keywords_finish (PrlWorkspace *self,
                                       GAsyncResult *result,
                                       GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
