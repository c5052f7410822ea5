/* prl-transcribe-provider.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-provider.h"

G_BEGIN_DECLS

#define PRL_TYPE_AWS_TRANSCRIBE_PROVIDER (prl_aws_transcribe_provider_get_type ())

G_DECLARE_FINAL_TYPE (PrlAwsTranscribeProvider, prl_aws_transcribe_provider, PRL,
                      AWS_TRANSCRIBE_PROVIDER, GObject)

PrlProvider *prl_transcribe_provider_new      (void) G_GNUC_WARN_UNUSED_RESULT;
/* The job name of one recording with one model: the same every run, so a
 * run after a kill finds the job instead of starting it again. */
char        *prl_transcribe_provider_job_name (const char *account,
                                               const char *language,
                                               const char *remote_model,
                                               const char *audio_sha256) G_GNUC_WARN_UNUSED_RESULT;
gboolean     prl_transcribe_provider_check_language (PrlModel   *model,
                                                     PrlVersion *version,
                                                     GError    **error);
void         prl_transcribe_provider_register (void);

G_END_DECLS
