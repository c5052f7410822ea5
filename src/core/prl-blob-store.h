/* prl-blob-store.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_BLOB_STORE (prl_blob_store_get_type ())

#define PRL_BLOB_STORE_ERROR (prl_blob_store_error_quark ())

/**
 * PrlBlobStoreError:
 * @PRL_BLOB_STORE_ERROR_CORRUPT: a stored blob no longer has the content it
 *   was imported with (edited, truncated or damaged on disk)
 */
typedef enum
{
  PRL_BLOB_STORE_ERROR_CORRUPT,
} PrlBlobStoreError;

GQuark prl_blob_store_error_quark (void);

G_DECLARE_FINAL_TYPE (PrlBlobStore, prl_blob_store, PRL, BLOB_STORE, GObject)

/* Called from the importing thread with the bytes copied so far. */
typedef void (*PrlBlobProgressFunc) (guint64  done,
                                     gpointer user_data);

PrlBlobStore *prl_blob_store_new         (const char           *directory) G_GNUC_WARN_UNUSED_RESULT;
char         *prl_blob_store_get_path    (PrlBlobStore         *self,
                                          const char           *sha256,
                                          gboolean              encrypted) G_GNUC_WARN_UNUSED_RESULT;
char         *prl_blob_store_get_uri     (PrlBlobStore         *self,
                                          const char           *sha256,
                                          gboolean              encrypted) G_GNUC_WARN_UNUSED_RESULT;
char         *prl_blob_store_import      (PrlBlobStore         *self,
                                          GInputStream         *input,
                                          GBytes               *key,
                                          PrlBlobProgressFunc   progress,
                                          gpointer              progress_data,
                                          GCancellable         *cancellable,
                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GInputStream *prl_blob_store_open        (PrlBlobStore         *self,
                                          const char           *sha256,
                                          gboolean              encrypted,
                                          GBytes               *key,
                                          GCancellable         *cancellable,
                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GInputStream *prl_blob_store_open_full   (PrlBlobStore         *self,
                                          const char           *sha256,
                                          gboolean              encrypted,
                                          GBytes               *key,
                                          gint64                size,
                                          const char           *label,
                                          GCancellable         *cancellable,
                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      prl_blob_store_verify      (PrlBlobStore         *self,
                                          const char           *sha256,
                                          gboolean              encrypted,
                                          GBytes               *key,
                                          gint64                size,
                                          const char           *label,
                                          GCancellable         *cancellable,
                                          GError              **error);
guint         prl_blob_store_collect     (PrlBlobStore         *self,
                                          GHashTable           *keep,
                                          GError              **error);
guint         prl_blob_store_clean_temporary (PrlBlobStore     *self);

G_END_DECLS
