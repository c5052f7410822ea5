/* prl-transcribe-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prl-transcribe-client.h"

G_BEGIN_DECLS

/* What a call was about, for the error messages. */
typedef enum
{
  PRL_TRANSCRIBE_SUBJECT_NONE,
  PRL_TRANSCRIBE_SUBJECT_MODEL,
  PRL_TRANSCRIBE_SUBJECT_JOB,
} PrlTranscribeSubject;

PrlTranscribeModel *_prl_transcribe_model_from_json (JsonObject            *object,
                                                     GError               **error);
PrlTranscribeJob   *_prl_transcribe_job_from_json   (JsonObject            *object,
                                                     GError               **error);
void                _prl_transcribe_set_error       (PrlHttpResponse       *response,
                                                     PrlAwsSigner          *signer,
                                                     PrlTranscribeSubject   subject,
                                                     const char            *name,
                                                     GError               **error);
gboolean            _prl_transcribe_is_clock_skew   (PrlHttpResponse       *response);

G_END_DECLS
