/* prl-watson-account.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-cloud-account-store.h"
#include "prl-watson-client.h"

G_BEGIN_DECLS

/* A client for an IBM account ("ibm" kind) and its API key. */
PrlWatsonClient *prl_watson_client_new_for_account (PrlHttpClient             *http,
                                                    PrlCloudAccount           *account,
                                                    const PrlCloudCredentials *credentials,
                                                    GError                   **error)
    G_GNUC_WARN_UNUSED_RESULT;

/* The client of the account @name, its key from the keyring. Blocks: for
 * job threads. @for_training picks what the error of a missing account
 * says (PRL_TRAIN_ERROR_NOT_SET_UP, else G_IO_ERROR_NOT_FOUND). */
PrlWatsonClient *_prl_watson_client_open (const char   *name,
                                          gboolean      for_training,
                                          GCancellable *cancellable,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* The base models of the IBM account @name (its key from the keyring,
 * GET /v1/models on a worker thread), sorted by name; with
 * @customizable_only, those that accept language customization only.
 * Errors: PRL_CLOUD_ACCOUNT_ERROR (no such account, not an IBM one,
 * keyring), PRL_WATSON_ERROR, PRL_HTTP_ERROR, G_IO_ERROR_CANCELLED. */
void       prl_watson_account_list_base_models_async  (PrlCloudAccounts    *accounts,
                                                       const char          *name,
                                                       gboolean             customizable_only,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray *prl_watson_account_list_base_models_finish (PrlCloudAccounts    *accounts,
                                                       GAsyncResult        *result,
                                                       GError             **error)
    G_GNUC_WARN_UNUSED_RESULT;

/* The languages of @models (PrlWatsonBaseModel), sorted, without
 * repeats. */
char **prl_watson_base_models_languages (GPtrArray *models) G_GNUC_WARN_UNUSED_RESULT;

/* The base model of @models in @language that suits audio of that band:
 * next-generation Telephony (narrow) / Multimedia (wide) first, else
 * previous-generation Narrowband / Broadband, else any model of the
 * language with the matching rate. Returns (transfer none) (nullable). */
PrlWatsonBaseModel *prl_watson_base_models_propose (GPtrArray  *models,
                                                    const char *language,
                                                    gboolean    narrow_band);

/* Whether @name is a next-generation base (Watson's *_Telephony,
 * *_Multimedia and the like), which upgrade by retraining with force. */
gboolean prl_watson_base_model_is_next_generation (const char *name);

G_END_DECLS
