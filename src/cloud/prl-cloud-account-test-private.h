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
 * (prl-watson-account-test.c). */
struct _PrlCloudAccountTestResult
{
  gboolean                   ibm;
  PrlCloudAccountTestOutcome outcome[PRL_CLOUD_ACCOUNT_TEST_N_STEPS];
  char                      *message[PRL_CLOUD_ACCOUNT_TEST_N_STEPS];
  GError                    *error[PRL_CLOUD_ACCOUNT_TEST_N_STEPS];
  char                      *summary;
  GPtrArray                 *base_models; /* (nullable): PrlWatsonBaseModel */
};

PrlCloudAccountTestResult *_prl_watson_account_test_run (PrlCloudAccount           *account,
                                                         const PrlCloudCredentials *credentials,
                                                         GCancellable              *cancellable,
                                                         GError                   **error);

G_END_DECLS
