/* prl-cloud-account-test-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-cloud-account-test.h"

G_BEGIN_DECLS

/* Shared by the AWS test (prl-cloud-account-test.c) and the IBM one
 * (prl-watson-account.c). */
struct _PrlCloudAccountTestResult
{
  gboolean                   ibm;
  PrlCloudAccountTestOutcome outcome[PRL_CLOUD_ACCOUNT_TEST_N_STEPS];
  char                      *message[PRL_CLOUD_ACCOUNT_TEST_N_STEPS];
  GError                    *error[PRL_CLOUD_ACCOUNT_TEST_N_STEPS];
  char                      *summary;
  GPtrArray                 *base_models; /* (nullable): PrlWatsonBaseModel */
};

/* What the worker thread of _prl_cloud_account_task_run() reads. */
typedef struct
{
  PrlCloudAccount     *account;
  PrlCloudCredentials *credentials;
  GTaskThreadFunc      thread_func;
  gpointer             data;
} PrlCloudAccountTaskData;

void _prl_cloud_account_task_run (PrlCloudAccounts   *accounts,
                                  const char         *name,
                                  gboolean            ibm_only,
                                  GTaskThreadFunc     thread_func,
                                  gpointer            data,
                                  gpointer            source_tag,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);

/* An HTTP client with the connection test's shorter limits. */
PrlHttpClient *_prl_cloud_account_test_http_new (void);

PrlCloudAccountTestResult *_prl_watson_account_test_run (PrlCloudAccount           *account,
                                                         const PrlCloudCredentials *credentials,
                                                         GCancellable              *cancellable,
                                                         GError                   **error);

G_END_DECLS
