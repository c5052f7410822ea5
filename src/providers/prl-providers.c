/* prl-providers.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-providers"

#include "config.h"

#include "prl-local-provider.h"
#include "prl-transcribe-provider.h"
#include "prl-transcribe-account.h"
#include "prl-transcribe-train.h"
#include "prl-upload-job.h"
#include "prl-watson-provider.h"
#include "prl-watson-train.h"

#include "prl-providers.h"

/* The one place that knows the concrete providers. The executables call
 * it from main(); everything else reaches a provider through core's
 * PrlProvider registry, so the GUI and the CLI link no provider layer
 * themselves. The cloud providers are added here, and the kinds of cloud
 * job that core resumes after a restart (prl-remote-job.c). */

/**
 * prl_providers_register_all:
 *
 * Registers every provider built into Parlance under its id. Call once
 * from main(), before opening a workspace.
 */
void
prl_providers_register_all (void)
{
  prl_local_register ();
  prl_upload_job_register ();
  prl_transcribe_train_register ();
  prl_transcribe_provider_register ();
  prl_watson_train_register ();
  prl_watson_provider_register ();
  prl_transcribe_account_register ();
}
