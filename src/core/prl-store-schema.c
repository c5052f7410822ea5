/* prl-store-schema.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-store-private.h"

/* One file's columns: those of the datasets table that 2 → 3 creates,
 * which 7 → 8 moves to dataset_files (copying them with INSERT … SELECT).
 * Written once so that the two entries cannot drift apart; both are
 * released, so this never changes either. */
#define FILE_COLUMNS                                                                     \
  "  type TEXT NOT NULL"                                                                 \
  "    CHECK (type IN ('TRANSCRIPT', 'TUNING', 'TEST', 'AUDIO', 'MANIFEST')),"           \
  "  sha256 TEXT NOT NULL,"                                                              \
  "  size INTEGER NOT NULL,"                                                             \
  "  encrypted INTEGER NOT NULL DEFAULT 0,"                                              \
  "  duration REAL NOT NULL DEFAULT -1,"                                                 \
  "  sample_rate INTEGER NOT NULL DEFAULT 0,"                                            \
  "  channels INTEGER NOT NULL DEFAULT 0,"                                               \
  "  codec TEXT,"                                                                        \
  "  n_lines INTEGER NOT NULL DEFAULT 0,"                                                \
  "  n_words INTEGER NOT NULL DEFAULT 0,"                                                \
  "  started INTEGER NOT NULL,"                                                          \
  "  ended INTEGER NOT NULL"

/* The workspace database's schema, as forward migrations: entry N
 * brings a database from schema N to N + 1, and PRAGMA user_version counts
 * the entries applied. Opening (prl-store.c) refuses a database with more
 * than this version knows and runs the missing ones. Never edit an entry
 * once released; append a new one.
 */
static const char *const migrations[] = {
  /* 0 → 1: the workspace and its models. */
  "CREATE TABLE workspace ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  owner_role TEXT NOT NULL DEFAULT 'ORGADMIN'"
  "    CHECK (owner_role IN ('ORGADMIN', 'SYSOP', 'MEMBER')),"
  "  created INTEGER NOT NULL);"
  "INSERT INTO workspace (id, created)"
  "  VALUES (1, CAST(strftime('%s', 'now') AS INTEGER) * 1000000);"
  "CREATE TABLE models ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  provider TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  base_model TEXT NOT NULL CHECK (base_model IN ('NarrowBand', 'WideBand')),"
  "  status TEXT NOT NULL DEFAULT 'not-running' CHECK (status IN"
  "    ('not-running', 'ready-to-run', 'running', 'success', 'failed')),"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL);",

  /* 1 → 2: tags, and why the last training failed. */
  "CREATE TABLE model_tags ("
  "  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (model_id, tag));"
  "ALTER TABLE models ADD COLUMN failure_code TEXT;"
  "ALTER TABLE models ADD COLUMN failure_message TEXT;",

  /* 2 → 3: datasets, the fingerprint of the data a model was last trained
   * on, and the workspace's identity and encryption setting. */
  "ALTER TABLE workspace ADD COLUMN uuid TEXT;"
  "UPDATE workspace SET uuid = lower(hex(randomblob(16)));"
  "ALTER TABLE workspace ADD COLUMN encrypt_blobs INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE models ADD COLUMN trained_fingerprint TEXT;"
  "CREATE TABLE datasets ("
  "  id INTEGER PRIMARY KEY,"
  "  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL," FILE_COLUMNS ");"
  "CREATE INDEX datasets_by_model ON datasets (model_id);"
  "CREATE INDEX datasets_by_blob ON datasets (sha256);",

  /* 3 → 4: trained versions (immutable once written) and each model's
   * pronunciation list, where the user's entries (generated = 0) win over
   * the phonemizer's. Perplexities and dataset hashes are JSON text. */
  "CREATE TABLE versions ("
  "  id INTEGER PRIMARY KEY,"
  "  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL UNIQUE,"
  "  created INTEGER NOT NULL,"
  "  directory TEXT NOT NULL,"
  "  base_model_id TEXT NOT NULL,"
  "  \"order\" INTEGER NOT NULL,"
  "  lm_weight REAL NOT NULL,"
  "  tuned INTEGER NOT NULL DEFAULT 0,"
  "  perplexities TEXT NOT NULL DEFAULT '{}',"
  "  n_sentences INTEGER NOT NULL DEFAULT 0,"
  "  n_words INTEGER NOT NULL DEFAULT 0,"
  "  dataset_hashes TEXT NOT NULL DEFAULT '[]');"
  "CREATE INDEX versions_by_model ON versions (model_id);"
  "CREATE TABLE pronunciations ("
  "  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  word TEXT NOT NULL,"
  "  phones TEXT NOT NULL,"
  "  generated INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (model_id, word));",

  /* 4 → 5: evaluation results, one row per (system, test utterance) and
   * normalization profile identity; system is '' for the stock model, else
   * the version's name. words_json holds the word times. */
  "CREATE TABLE eval_results ("
  "  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  system TEXT NOT NULL,"
  "  utterance_id TEXT NOT NULL,"
  "  profile TEXT NOT NULL,"
  "  hypothesis TEXT NOT NULL,"
  "  words_json TEXT NOT NULL DEFAULT '[]',"
  "  correct INTEGER NOT NULL DEFAULT 0,"
  "  sub INTEGER NOT NULL DEFAULT 0,"
  "  del INTEGER NOT NULL DEFAULT 0,"
  "  ins INTEGER NOT NULL DEFAULT 0,"
  "  ref_words INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  PRIMARY KEY (model_id, system, utterance_id, profile));",

  /* 5 → 6: the jobs that marked state (a model Running), with the process
   * that runs each and what to put back if that process is killed; see
   * prl-job-records.c. scratch is relative to the workspace folder. */
  "CREATE TABLE jobs ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  model_id INTEGER REFERENCES models (id) ON DELETE CASCADE,"
  "  owner_pid INTEGER NOT NULL,"
  "  owner_boot_id TEXT NOT NULL,"
  "  owner_start INTEGER NOT NULL,"
  "  previous_status TEXT,"
  "  previous_code TEXT,"
  "  previous_message TEXT,"
  "  scratch TEXT,"
  "  started INTEGER NOT NULL);"
  "CREATE INDEX jobs_by_model ON jobs (model_id);",

  /* 6 → 7: jobs whose work lives on a cloud service and outlives the
   * process (an upload, a training of hours): their remote state (upload
   * ids, remote names) as JSON text, and the process that drives them,
   * owner_pid 0 for none; see prl-remote-job.c. */
  "CREATE TABLE remote_jobs ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  model_id INTEGER REFERENCES models (id) ON DELETE CASCADE,"
  "  account TEXT,"
  "  title TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT '{}',"
  "  status TEXT NOT NULL DEFAULT 'running'"
  "    CHECK (status IN ('running', 'done', 'failed', 'cancelled')),"
  "  error TEXT,"
  "  owner_pid INTEGER NOT NULL DEFAULT 0,"
  "  owner_boot_id TEXT NOT NULL DEFAULT '',"
  "  owner_start INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL);"
  "CREATE INDEX remote_jobs_by_status ON remote_jobs (status);",

  /* 7 → 8: a dataset is what the user uploaded together (one name, one type,
   * 1 to PRL_MAX_FILES files), as in the console this app mirrors: its
   * files move to dataset_files, each with where it came from. Every
   * existing dataset becomes a one-file dataset whose file keeps the
   * dataset's id, so nothing that named it changes. A test dataset may
   * hold audio and its transcripts, so the type of each file is kept. */
  "CREATE TABLE dataset_files ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  source TEXT NOT NULL DEFAULT ''," FILE_COLUMNS ","
  "  UNIQUE (dataset_id, position));"
  "INSERT INTO dataset_files (id, dataset_id, position, name, type, sha256, size,"
  "  encrypted, duration, sample_rate, channels, codec, n_lines, n_words, started,"
  "  ended)"
  "  SELECT id, id, 0, name, type, sha256, size, encrypted, duration, sample_rate,"
  "    channels, codec, n_lines, n_words, started, ended FROM datasets;"
  "CREATE INDEX dataset_files_by_blob ON dataset_files (sha256);"
  "DROP INDEX datasets_by_blob;"
  "ALTER TABLE datasets DROP COLUMN sha256;"
  "ALTER TABLE datasets DROP COLUMN size;"
  "ALTER TABLE datasets DROP COLUMN encrypted;"
  "ALTER TABLE datasets DROP COLUMN duration;"
  "ALTER TABLE datasets DROP COLUMN sample_rate;"
  "ALTER TABLE datasets DROP COLUMN channels;"
  "ALTER TABLE datasets DROP COLUMN codec;"
  "ALTER TABLE datasets DROP COLUMN n_lines;"
  "ALTER TABLE datasets DROP COLUMN n_words;",

  /* → +1: the cloud account a cloud provider's model trains and
   * transcribes with (NULL for local models). */
  "ALTER TABLE models ADD COLUMN account TEXT;",

  /* → +1: the provider's own base model when it has more than the two
   * bands (IBM Watson: "en-US_Telephony"); NULL otherwise. */
  "ALTER TABLE models ADD COLUMN provider_base TEXT;",
  /* → +1: where a dataset's text was fetched from (a JSON object: for a
   * wiki its API URL, page titles, revision ids and licence), since text
   * under CC BY-SA must keep its attribution; NULL for uploaded files. */
  "ALTER TABLE datasets ADD COLUMN provenance TEXT;",
  /* → +1: what a cloud version's remote model last said ('' for versions
   * trained here, 'gone' once the service no longer has it, so that a
   * model deleted elsewhere is shown, not polled forever), and whether
   * the service offers a newer base than the one it was built on. */
  "ALTER TABLE versions ADD COLUMN remote_status TEXT NOT NULL DEFAULT ''"
  "  CHECK (remote_status IN ('', 'in-progress', 'completed', 'failed', 'gone'));"
  "ALTER TABLE versions ADD COLUMN upgrade_available INTEGER NOT NULL DEFAULT 0;"
  "UPDATE versions SET remote_status = 'completed' WHERE model_id IN"
  "  (SELECT id FROM models WHERE provider = 'aws-transcribe');",
  /* → +1: where λ came from and how many sentences it was tuned on. ''
   * for the versions before: read as tuned on TUNING text when `tuned`,
   * else as the default for want of tuning text. */
  "ALTER TABLE versions ADD COLUMN weight_source TEXT NOT NULL DEFAULT ''"
  "  CHECK (weight_source IN ('', 'default', 'tuning', 'held-out', 'no-tuning-text'));"
  "ALTER TABLE versions ADD COLUMN n_tuning_sentences INTEGER NOT NULL DEFAULT 0;",
  /* → +1: 'base-removed', a version the service still has but whose base
   * model it no longer offers (IBM retires bases): shown, not usable. The
   * CHECK of remote_status changes, which SQLite cannot alter: the column
   * is rebuilt under a temporary name, not the whole table, so that the
   * rows, ids and the references to versions stay as they are (the
   * column moves to the end; every query names its columns). */
  "ALTER TABLE versions ADD COLUMN remote_state_v2 TEXT NOT NULL DEFAULT ''"
  "  CHECK (remote_state_v2 IN"
  "    ('', 'in-progress', 'completed', 'failed', 'gone', 'base-removed'));"
  "UPDATE versions SET remote_state_v2 = remote_status;"
  "ALTER TABLE versions DROP COLUMN remote_status;"
  "ALTER TABLE versions RENAME COLUMN remote_state_v2 TO remote_status;",
};

guint
prl_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* The schema version whose migration contains @fragment, plus one: what
 * a database has once that step ran. Tests build the workspace of an
 * older Parlance with it, wherever the step ends up in the list. */
guint
_prl_store_find_migration (const char *fragment)
{
  for (guint v = 0; v < G_N_ELEMENTS (migrations); v++)
    if (strstr (migrations[v], fragment) != NULL)
      return v + 1;
  g_return_val_if_reached (0);
}

/* Brings @db from schema version @from to the latest, one transaction a
 * step, so that a failed step leaves the previous version intact. */
gboolean
_prl_store_migrate (sqlite3 *db, guint from, GError **error)
{
  return _prl_store_migrate_to (db, from, G_N_ELEMENTS (migrations), error);
}

/* Like _prl_store_migrate(), stopping at version @to. */
gboolean
_prl_store_migrate_to (sqlite3 *db, guint from, guint to, GError **error)
{
  g_return_val_if_fail (to <= G_N_ELEMENTS (migrations), FALSE);

  for (guint v = from; v < to; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!_prl_store_begin (db, error))
        return FALSE;

      if (!_prl_store_exec (db, migrations[v], error)
          || !_prl_store_exec (db, bump, error))
        {
          _prl_store_rollback (db);
          g_prefix_error (error, _ ("Could not upgrade the workspace to version %u: "),
                          v + 1);
          return FALSE;
        }

      if (!_prl_store_commit (db, error))
        return FALSE;
    }

  return TRUE;
}

/* Reads @db's schema version into @version, refusing a database from a
 * newer Parlance and an SQLite file that is no workspace. Only reads. */
gboolean
_prl_store_check_schema (sqlite3 *db, guint *version, GError **error)
{
  guint n_tables = 0;

  if (!_prl_store_query_uint (db, "PRAGMA user_version", version, error)
      || !_prl_store_query_uint (db, "SELECT count(*) FROM sqlite_master", &n_tables,
                                 error))
    return FALSE;

  if (*version > G_N_ELEMENTS (migrations))
    {
      g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_TOO_NEW,
                   _ ("The workspace was saved by a newer version of Parlance (database "
                      "version %u; this version understands up to %u). Update Parlance, "
                      "or choose another folder with --workspace"),
                   *version, (guint)G_N_ELEMENTS (migrations));
      return FALSE;
    }

  if (*version == 0 && n_tables > 0)
    {
      g_set_error_literal (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CORRUPT,
                           _ ("The file is an SQLite database, but not a Parlance "
                              "workspace"));
      return FALSE;
    }

  return TRUE;
}
