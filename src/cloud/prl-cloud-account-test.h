/* prl-cloud-account-test.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-account.h"
#include "prl-watson-client.h"

G_BEGIN_DECLS

/* Test Connection: what Parlance can do with an account's bucket, step by
 * step, in the order they run. */
typedef enum
{
  PRL_CLOUD_ACCOUNT_TEST_BUCKET, /* the bucket exists, in the account's region */
  PRL_CLOUD_ACCOUNT_TEST_LIST,   /* objects under the prefix can be listed */
  PRL_CLOUD_ACCOUNT_TEST_WRITE,  /* a small probe object can be written */
  PRL_CLOUD_ACCOUNT_TEST_READ,   /* and read back (HEAD) */
  PRL_CLOUD_ACCOUNT_TEST_DELETE, /* and deleted */
  /* IBM accounts have this one step: the API key is accepted (IAM) and
   * the service lists its base models (GET /v1/models). */
  PRL_CLOUD_ACCOUNT_TEST_MODELS,
  PRL_CLOUD_ACCOUNT_TEST_N_STEPS
} PrlCloudAccountTestStep;

typedef enum
{
  PRL_CLOUD_ACCOUNT_TEST_SKIPPED, /* not tried: an earlier step decided it */
  PRL_CLOUD_ACCOUNT_TEST_PASSED,
  PRL_CLOUD_ACCOUNT_TEST_FAILED,
} PrlCloudAccountTestOutcome;

typedef struct _PrlCloudAccountTestResult PrlCloudAccountTestResult;

/* Blocks; for worker threads. Fails (a GError, no result) only on cancel
 * or an account whose fields are invalid; everything the server says is in
 * the result. */
PrlCloudAccountTestResult *prl_cloud_account_test_run (PrlCloudAccount           *account,
                                                       const PrlCloudCredentials *credentials,
                                                       GCancellable              *cancellable,
                                                       GError                   **error)
    G_GNUC_WARN_UNUSED_RESULT;

/* Takes the account's keys from the keyring and runs the test on a worker
 * thread. Errors: PRL_CLOUD_ACCOUNT_ERROR (no such account, keyring),
 * G_IO_ERROR_CANCELLED. */
void                       prl_cloud_account_test_async  (PrlCloudAccounts    *accounts,
                                                          const char          *name,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
PrlCloudAccountTestResult *prl_cloud_account_test_finish (PrlCloudAccounts    *accounts,
                                                          GAsyncResult        *result,
                                                          GError             **error)
    G_GNUC_WARN_UNUSED_RESULT;

/* A short phrase for the step, such as "Write a test object". */
const char                *prl_cloud_account_test_step_describe (PrlCloudAccountTestStep step);

void                       prl_cloud_account_test_result_free   (PrlCloudAccountTestResult *self);
/* TRUE when listing, writing and deleting under the prefix all worked
 * (AWS), or when the service listed its base models (IBM). */
gboolean                   prl_cloud_account_test_result_passed (PrlCloudAccountTestResult *self);
/* Whether @step is one the tested account's kind has. */
gboolean                   prl_cloud_account_test_result_has_step (PrlCloudAccountTestResult *self,
                                                                   PrlCloudAccountTestStep    step);
/* IBM accounts: the service's base models (PrlWatsonBaseModel), in its
 * order; %NULL for AWS accounts or when listing failed. */
GPtrArray                 *prl_cloud_account_test_result_get_base_models (PrlCloudAccountTestResult *self);
PrlCloudAccountTestOutcome prl_cloud_account_test_result_get_outcome (PrlCloudAccountTestResult *self,
                                                                      PrlCloudAccountTestStep    step);
/* What the step found, in plain words; %NULL for a skipped step. */
const char                *prl_cloud_account_test_result_get_message (PrlCloudAccountTestResult *self,
                                                                      PrlCloudAccountTestStep    step);
/* The error of a failed step (PRL_S3_ERROR or PRL_HTTP_ERROR), else %NULL. */
const GError              *prl_cloud_account_test_result_get_error   (PrlCloudAccountTestResult *self,
                                                                      PrlCloudAccountTestStep    step);
/* One sentence: what works, or the first reason it does not. */
const char                *prl_cloud_account_test_result_get_summary (PrlCloudAccountTestResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlCloudAccountTestResult, prl_cloud_account_test_result_free)

G_END_DECLS
