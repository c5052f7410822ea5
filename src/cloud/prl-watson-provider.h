/* prl-watson-provider.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-provider.h"
#include "prl-watson-client.h"

G_BEGIN_DECLS

#define PRL_TYPE_IBM_WATSON_PROVIDER (prl_ibm_watson_provider_get_type ())

G_DECLARE_FINAL_TYPE (PrlIbmWatsonProvider, prl_ibm_watson_provider, PRL,
                      IBM_WATSON_PROVIDER, GObject)

/* What one POST /v1/recognize takes (IBM: 100 MB per synchronous request). */
#define PRL_WATSON_MAX_RECOGNIZE_BYTES (G_GUINT64_CONSTANT (100) * 1024 * 1024)

/* Recordings longer than this (seconds) are recognized through an
 * asynchronous job (prl-watson-jobs.c), not one /v1/recognize request. */
#define PRL_WATSON_JOB_SECONDS 300.0

/* Runs of more recordings than this send each as a resumable job. */
#define PRL_WATSON_BATCH_RECORDINGS 10

PrlProvider   *prl_watson_provider_new (void) G_GNUC_WARN_UNUSED_RESULT;
double         prl_watson_provider_job_threshold (void);
guint          prl_watson_provider_batch_threshold (void);
PrlWatsonTranscript *prl_watson_provider_recognize_resumable (PrlWatsonClient                 *client,
                                                              const char                      *path,
                                                              const char                      *content_type,
                                                              const PrlWatsonRecognizeOptions *options,
                                                              char                           **remote_job,
                                                              GCancellable                    *cancellable,
                                                              GError                         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       prl_watson_provider_release_job (PrlWatsonClient *client,
                                                const char      *remote_job,
                                                GCancellable    *cancellable,
                                                GError         **error);
PrlWatsonTranscript *prl_watson_provider_recognize_job (PrlWatsonClient                 *client,
                                                        const char                      *path,
                                                        const char                      *content_type,
                                                        const PrlWatsonRecognizeOptions *options,
                                                        GCancellable                    *cancellable,
                                                        GError                         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Whether @audio_path fits in one recognition, before anything is sent. */
gboolean       prl_watson_provider_check_size (const char *audio_path,
                                               GError    **error);
/* Whether Watson takes a WAV of that codec, rate and channels as it is
 * with @base; see the definition for IBM's rules. */
gboolean       prl_watson_provider_wav_is_readable (const char *base,
                                                    const char *codec,
                                                    guint       sample_rate,
                                                    guint       channels);
/* The Content-Type Watson reads for audio GStreamer described so, or
 * NULL when Watson cannot read it. */
const char    *prl_watson_provider_content_type (const char *container,
                                                 const char *codec);
/* Watson's answer as Parlance's transcript of @audio_path: words with
 * times and confidence; hesitation markers dropped; times that go
 * backwards or are negative refused with PRL_WATSON_ERROR_BAD_ANSWER. */
PrlTranscript *prl_watson_provider_map_transcript (const PrlWatsonTranscript *answer,
                                                   const char                *audio_path,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
void           prl_watson_provider_register (void);

G_END_DECLS
