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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlBlobEncryptor, prl_blob_encryptor_free)

G_END_DECLS
