/* prl-store-eval.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store-eval"

#include "config.h"

#include "prl-store-crypt.h"
#include "prl-store-eval.h"
#include "prl-store-private.h"

/* The evaluation results of PrlStore: one row per system (stock or a
 * version), test utterance and normalization profile identity. The
 * evaluate job reads them to skip what is done and writes the new ones
 * in one transaction. With encryption on, the hypothesis and the word
 * times are sealed, bound to their row (prl-store-crypt.c). */

typedef struct
{
  PrlStore   *store; /* (unowned) */
  gint64      model_id;
  const char *profile;
  GPtrArray  *results; /* (unowned) (nullable) */
} EvalCall;

PrlEvalResult *
prl_eval_result_new (void)
{
  return g_new0 (PrlEvalResult, 1);
}

void
prl_eval_result_free (PrlEvalResult *self)
{
  if (self == NULL)
    return;

  g_free (self->system);
  g_free (self->utterance_id);
  g_free (self->hypothesis);
  g_free (self->words_json);
  g_free (self);
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gpointer
list_call (sqlite3 *db, gpointer data, GError **error)
{
  EvalCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) results
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_eval_result_free);
  g_auto (PrlValueCrypt) crypt = { 0 };
  int rc;

  stmt = _prl_store_prepare (
      db,
      "SELECT system, utterance_id, hypothesis, words_json, correct,"
      " sub, del, ins, ref_words FROM eval_results"
      " WHERE model_id = ? AND profile = ?"
      " ORDER BY system, utterance_id",
      error);
  if (stmt == NULL)
    return NULL;

  _prl_value_crypt_init (&crypt, call->store);
  sqlite3_bind_int64 (stmt, 1, call->model_id);
  sqlite3_bind_text (stmt, 2, call->profile, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrlEvalResult   *r = prl_eval_result_new ();
      g_autofree char *hypothesis_context = NULL;
      g_autofree char *words_context = NULL;

      g_ptr_array_add (results, r);
      r->system = column_dup (stmt, 0);
      r->utterance_id = column_dup (stmt, 1);
      hypothesis_context = _prl_eval_result_context (
          "hypothesis", call->model_id, r->system, r->utterance_id, call->profile);
      words_context = _prl_eval_result_context ("words_json", call->model_id, r->system,
                                                r->utterance_id, call->profile);
      if (!(r->hypothesis
            = _prl_value_crypt_open (&crypt, hypothesis_context,
                                     (const char *)sqlite3_column_text (stmt, 2), error))
          || !(r->words_json = _prl_value_crypt_open (
                   &crypt, words_context, (const char *)sqlite3_column_text (stmt, 3),
                   error)))
        return NULL;
      r->correct = sqlite3_column_int (stmt, 4);
      r->substitutions = sqlite3_column_int (stmt, 5);
      r->deletions = sqlite3_column_int (stmt, 6);
      r->insertions = sqlite3_column_int (stmt, 7);
      r->ref_words = sqlite3_column_int (stmt, 8);
    }

  if (rc != SQLITE_DONE)
    {
      _prl_store_set_error (db, rc, error, "eval_results");
      return NULL;
    }

  return g_steal_pointer (&results);
}

/**
 * prl_store_list_eval_results_sync:
 *
 * Returns: (transfer full) (element-type PrlEvalResult): the stored rows
 *   of @model_id scored with @profile
 */
GPtrArray *
prl_store_list_eval_results_sync (PrlStore   *self,
                                  gint64      model_id,
                                  const char *profile,
                                  GError    **error)
{
  EvalCall call = { self, model_id, profile, NULL };

  return _prl_store_call (self, list_call, &call, error);
}

static gpointer
save_call (sqlite3 *db, gpointer data, GError **error)
{
  EvalCall *call = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_auto (PrlValueCrypt) crypt = { 0 };
  gint64 created = prl_date_time_to_usec (now);

  _prl_value_crypt_init (&crypt, call->store);
  if (!_prl_store_begin (db, error))
    return NULL;

  stmt = _prl_store_prepare (
      db,
      "INSERT OR REPLACE INTO eval_results (model_id, system, utterance_id, profile,"
      " hypothesis, words_json, correct, sub, del, ins, ref_words, created)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);
  if (stmt == NULL)
    {
      _prl_store_rollback (db);
      return NULL;
    }

  for (guint i = 0; i < call->results->len; i++)
    {
      const PrlEvalResult *r = g_ptr_array_index (call->results, i);
      g_autofree char     *hypothesis_context = _prl_eval_result_context (
              "hypothesis", call->model_id, r->system, r->utterance_id, call->profile);
      g_autofree char *words_context = _prl_eval_result_context (
          "words_json", call->model_id, r->system, r->utterance_id, call->profile);
      g_autofree char *hypothesis = NULL;
      g_autofree char *words_json = NULL;
      int              rc;

      if (!(hypothesis
            = _prl_value_crypt_seal (&crypt, hypothesis_context,
                                     r->hypothesis ? r->hypothesis : "", FALSE, error))
          || !(words_json = _prl_value_crypt_seal (&crypt, words_context,
                                                   r->words_json ? r->words_json : "[]",
                                                   FALSE, error)))
        {
          _prl_store_rollback (db);
          return NULL;
        }

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, call->model_id);
      sqlite3_bind_text (stmt, 2, r->system, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, r->utterance_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, call->profile, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, hypothesis, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, words_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, r->correct);
      sqlite3_bind_int (stmt, 8, r->substitutions);
      sqlite3_bind_int (stmt, 9, r->deletions);
      sqlite3_bind_int (stmt, 10, r->insertions);
      sqlite3_bind_int (stmt, 11, r->ref_words);
      sqlite3_bind_int64 (stmt, 12, created);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        {
          _prl_store_set_error (db, rc, error, "eval_results");
          _prl_store_rollback (db);
          return NULL;
        }
    }

  if (!_prl_store_commit (db, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/**
 * prl_store_save_eval_results_sync:
 * @results: (element-type PrlEvalResult): rows to insert or replace
 *
 * Writes @results in one transaction.
 */
gboolean
prl_store_save_eval_results_sync (PrlStore   *self,
                                  gint64      model_id,
                                  const char *profile,
                                  GPtrArray  *results,
                                  GError    **error)
{
  EvalCall call = { self, model_id, profile, results };

  if (results->len == 0)
    return TRUE;
  return _prl_store_call (self, save_call, &call, error) != NULL;
}
