/* test-transcribe-common.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prl-s3-client.h"
#include "prl-transcribe-client.h"

#define ROLE "arn:aws:iam::111122223333:role/TranscribeData"

typedef struct
{
  const char *key;
  const char *secret;
  const char *token;
} Key;

/* Keys made up for this run: plain, with a session token, with an
 * expired session token. */
extern Key            main_key, token_key, expired_key;
extern char          *endpoint;
extern char          *bucket;
extern PrlHttpClient *http;
/* The main account's client, for the tests that need no other. */
extern PrlTranscribeClient *tx;

/* Runs prl_transcribe_client_OP_sync (CLIENT, ARGS..., NULL, ERROR): the
 * stand-in is another process, so the call may block this thread. */
#define RUN(op, client, error, ...)                                                      \
  prl_transcribe_client_##op##_sync (client, __VA_ARGS__, NULL, error)

/* Starts the stand-in and fills the bucket; FALSE (no server tests) without
 * an S3 server. argv[1] is transcribe-server.py. */
gboolean tx_setup    (int *argc, char ***argv);
void     tx_teardown (void);

/* Helpers; the model and job ones run a call to its end. */
PrlTranscribeClient *make_client   (const Key                  *key,
                                    const char                 *secret);
JsonNode            *standin       (const char                 *method,
                                    const char                 *path,
                                    const char                 *body);
void                 inject        (const char                 *fault_json);
JsonArray           *take_requests (void);
char                *unique        (const char                 *prefix);
PrlTranscribeModel  *create_model  (PrlTranscribeClient        *client,
                                    const char                 *name,
                                    const char                 *key,
                                    GError                    **error);
PrlTranscribeModel  *describe      (PrlTranscribeClient        *client,
                                    const char                 *name,
                                    GError                    **error);
PrlTranscribeModel  *wait_trained  (PrlTranscribeClient        *client,
                                    const char                 *name,
                                    guint                      *polls);
gboolean             delete_model  (PrlTranscribeClient        *client,
                                    const char                 *name,
                                    GError                    **error);
GPtrArray           *list_models   (PrlTranscribeClient        *client,
                                    PrlTranscribeStatus         status,
                                    const char                 *contains,
                                    guint                       page_size,
                                    GError                    **error);
PrlTranscribeJobInfo    *start_job     (PrlTranscribeClient        *client,
                                    const PrlTranscribeJobSpec *spec,
                                    GError                    **error);
PrlTranscribeJobInfo    *get_job       (PrlTranscribeClient        *client,
                                    const char                 *name,
                                    GError                    **error);
gboolean             delete_job    (PrlTranscribeClient        *client,
                                    const char                 *name,
                                    GError                    **error);
