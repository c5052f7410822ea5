/* prl-store-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "prl-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Runs on the store's thread for _prl_store_call() and
 * _prl_store_run_call(). Returns %NULL with @error set on failure.
 */
typedef gpointer (*PrlStoreSyncFunc) (sqlite3  *db,
                                      gpointer  data,
                                      GError  **error);

gpointer      _prl_store_call          (PrlStore         *self,
                                        PrlStoreSyncFunc  func,
                                        gpointer          data,
                                        GError          **error);
void          _prl_store_set_encrypt_blobs_cached (PrlStore *self,
                                        gboolean          encrypt);
char         *_prl_store_trainable_digest (GPtrArray *keys);
gboolean      _prl_store_update_status (sqlite3       *db,
                                        gint64         model_id,
                                        GError       **error);
PrlModel     *_prl_store_read_model    (sqlite3       *db,
                                        gint64         id,
                                        GError       **error);
void          _prl_store_run_call      (PrlStore           *self,
                                        gpointer            source_tag,
                                        PrlStoreSyncFunc    func,
                                        gpointer            data,
                                        GDestroyNotify      data_free,
                                        GDestroyNotify      result_free,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gpointer      _prl_store_finish_pointer (PrlStore         *self,
                                        GAsyncResult     *result,
                                        GError          **error);
gboolean      _prl_store_finish_boolean (PrlStore         *self,
                                        GAsyncResult     *result,
                                        GError          **error);
gboolean      _prl_store_set_error     (sqlite3       *db,
                                        int            rc,
                                        GError       **error,
                                        const char    *what);
sqlite3_stmt *_prl_store_prepare       (sqlite3       *db,
                                        const char    *sql,
                                        GError       **error);
gboolean      _prl_store_exec          (sqlite3       *db,
                                        const char    *sql,
                                        GError       **error);
gboolean      _prl_store_query_uint    (sqlite3       *db,
                                        const char    *sql,
                                        guint         *value,
                                        GError       **error);
gboolean      _prl_store_step_done     (sqlite3       *db,
                                        sqlite3_stmt  *stmt,
                                        const char    *what,
                                        GError       **error);
gboolean      _prl_store_write_status  (sqlite3       *db,
                                        gint64         model_id,
                                        const char    *status,
                                        const char    *code,
                                        const char    *message,
                                        gboolean       only_if_running,
                                        GError       **error);
gboolean      _prl_store_begin         (sqlite3       *db,
                                        GError       **error);
gboolean      _prl_store_commit        (sqlite3       *db,
                                        GError       **error);
void          _prl_store_rollback      (sqlite3       *db);
GDateTime    *_prl_store_time_from_usec (gint64        usec);

/* prl-store-schema.c */
gboolean      _prl_store_check_schema  (sqlite3       *db,
                                        guint         *version,
                                        GError       **error);
gboolean      _prl_store_migrate       (sqlite3       *db,
                                        guint          from,
                                        GError       **error);
gboolean      _prl_store_migrate_to    (sqlite3       *db,
                                        guint          from,
                                        guint          to,
                                        GError       **error);
guint         _prl_store_find_migration (const char   *fragment);

G_END_DECLS
