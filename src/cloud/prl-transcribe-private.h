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

struct _PrlTranscribeClient
{
  GObject parent_instance;

  PrlHttpClient *http;
  PrlAwsSigner  *signer;
  char          *endpoint;
};

/* What a call was about, for the error messages. */
typedef enum
{
  PRL_TRANSCRIBE_SUBJECT_NONE,
  PRL_TRANSCRIBE_SUBJECT_MODEL,
  PRL_TRANSCRIBE_SUBJECT_JOB,
} PrlTranscribeSubject;

/* What an operation answers, so that the call knows what to read. */
typedef enum
{
  PRL_TRANSCRIBE_RESULT_NONE,
  PRL_TRANSCRIBE_RESULT_CREATED_MODEL, /* the model's members at the top level */
  PRL_TRANSCRIBE_RESULT_MODEL,
  PRL_TRANSCRIBE_RESULT_MODELS,
  PRL_TRANSCRIBE_RESULT_JOB,
  PRL_TRANSCRIBE_RESULT_JOBS,
} PrlTranscribeResult;

/* The work of one call: the JSON body to send and what to read from the
 * answer. */
typedef struct
{
  const char          *operation;
  JsonObject          *body;
  PrlTranscribeResult  kind;
  PrlTranscribeSubject subject;
  char                *name; /* for the error messages */
} PrlTranscribeCall;

PrlTranscribeModel *_prl_transcribe_model_from_json (JsonObject            *object,
                                                     GError               **error);
PrlTranscribeJobInfo   *_prl_transcribe_job_from_json   (JsonObject            *object,
                                                     GError               **error);
void                _prl_transcribe_set_error       (PrlHttpResponse       *response,
                                                     PrlAwsSigner          *signer,
                                                     PrlTranscribeSubject   subject,
                                                     const char            *name,
                                                     GError               **error);
gboolean            _prl_transcribe_is_clock_skew   (PrlHttpResponse       *response);

PrlTranscribeCall *_prl_transcribe_call_new              (const char           *operation,
                                                          PrlTranscribeResult   kind,
                                                          PrlTranscribeSubject  subject);
PrlTranscribeCall *_prl_transcribe_named_call            (const char           *operation,
                                                          PrlTranscribeResult   kind,
                                                          PrlTranscribeSubject  subject,
                                                          const char           *member,
                                                          const char           *name);
PrlTranscribeCall *_prl_transcribe_list_call             (const char           *operation,
                                                          PrlTranscribeResult   kind,
                                                          const char           *status_member,
                                                          PrlTranscribeStatus   status,
                                                          const char           *contains_member,
                                                          const char           *name_contains,
                                                          guint                 page_size);
void               _prl_transcribe_set_optional          (JsonObject           *object,
                                                          const char           *member,
                                                          const char           *value);
PrlTranscribeCall *_prl_transcribe_checked_named_call     (const char           *operation,
                                                          PrlTranscribeResult   kind,
                                                          PrlTranscribeSubject  subject,
                                                          const char           *name,
                                                          GError              **error);
/* Run @call (which they free; %NULL: refused before sending, with @error)
 * on the calling thread. */
gpointer           _prl_transcribe_run_pointer           (PrlTranscribeClient  *self,
                                                          PrlTranscribeCall    *call,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
gboolean           _prl_transcribe_run_boolean           (PrlTranscribeClient  *self,
                                                          PrlTranscribeCall    *call,
                                                          GCancellable         *cancellable,
                                                          GError              **error);

G_END_DECLS
