/* prl-store-crypt.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-store.h"

G_BEGIN_DECLS

/**
 * PrlEncryptSummary:
 * @blobs: dataset copies encrypted
 * @artifacts: version files encrypted
 * @values: database values sealed
 */
typedef struct
{
  guint blobs;
  guint artifacts;
  guint values;
} PrlEncryptSummary;

void     prl_store_encrypt_existing_async  (PrlStore            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean prl_store_encrypt_existing_finish (PrlStore            *self,
                                            GAsyncResult        *result,
                                            PrlEncryptSummary   *summary,
                                            GError             **error);

/* For the store's own files: the user-derived text columns. */
typedef struct
{
  char     *workspace_id; /* (owned) */
  gboolean  encrypt;      /* seal what is written */
  GBytes   *key;          /* (owned) (nullable): looked up on first need */
} PrlValueCrypt;

void  _prl_value_crypt_init  (PrlValueCrypt  *crypt,
                              PrlStore       *store);
void  _prl_value_crypt_clear (PrlValueCrypt  *crypt);
char *_prl_value_crypt_seal  (PrlValueCrypt  *crypt,
                              const char     *context,
                              const char     *value,
                              gboolean        deterministic,
                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;
char *_prl_value_crypt_open  (PrlValueCrypt  *crypt,
                              const char     *context,
                              const char     *stored,
                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;

char *_prl_pronunciation_word_context   (gint64      model_id) G_GNUC_WARN_UNUSED_RESULT;
char *_prl_pronunciation_phones_context (gint64      model_id,
                                         const char *word) G_GNUC_WARN_UNUSED_RESULT;
char *_prl_eval_result_context          (const char *column,
                                         gint64      model_id,
                                         const char *system,
                                         const char *utterance_id,
                                         const char *profile) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrlValueCrypt, _prl_value_crypt_clear)

G_END_DECLS
