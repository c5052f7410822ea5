/* prl-blob-cipher.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_BLOB_KEY_SIZE 32

typedef struct _PrlBlobEncryptor PrlBlobEncryptor;

GBytes           *prl_blob_key_generate          (void) G_GNUC_WARN_UNUSED_RESULT;

PrlBlobEncryptor *prl_blob_encryptor_new         (GBytes            *key,
                                                  GOutputStream     *output,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
gboolean          prl_blob_encryptor_write       (PrlBlobEncryptor  *self,
                                                  const guint8      *data,
                                                  gsize              len,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
gboolean          prl_blob_encryptor_finish      (PrlBlobEncryptor  *self,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
void              prl_blob_encryptor_free        (PrlBlobEncryptor  *self);

GInputStream     *prl_blob_decrypt_stream_new    (GBytes            *key,
                                                  GInputStream      *base) G_GNUC_WARN_UNUSED_RESULT;

GOutputStream    *prl_blob_encrypt_stream_new    (GBytes            *key,
                                                  GOutputStream     *base,
                                                  GCancellable      *cancellable,
                                                  GError           **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          prl_blob_file_is_encrypted     (const char        *path);
gboolean          prl_blob_encrypt_file          (GBytes            *key,
                                                  const char        *path,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
int               prl_blob_decrypt_to_memfd      (GBytes            *key,
                                                  const char        *path,
                                                  GCancellable      *cancellable,
                                                  GError           **error);

/* Single values (database text), see prl_value_seal(). */
#define PRL_VALUE_PREFIX "prlv1:"

char             *prl_value_seal                 (GBytes            *key,
                                                  const char        *context,
                                                  const char        *value,
                                                  gboolean           deterministic) G_GNUC_WARN_UNUSED_RESULT;
char             *prl_value_open                 (GBytes            *key,
                                                  const char        *context,
                                                  const char        *stored,
                                                  GError           **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          prl_value_is_sealed            (const char        *stored);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlBlobEncryptor, prl_blob_encryptor_free)

G_END_DECLS
