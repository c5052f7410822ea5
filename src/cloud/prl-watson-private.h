/* prl-watson-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prl-http-response.h"
#include "prl-watson-client.h"

G_BEGIN_DECLS

/* What a request was for: it decides what a 400/404/409 tells the user. */
typedef enum
{
  PRL_WATSON_OP_MODELS,
  PRL_WATSON_OP_CREATE,
  PRL_WATSON_OP_READ,   /* get or list a customization, corpus or word */
  PRL_WATSON_OP_CHANGE, /* delete, reset, upgrade, add data */
  PRL_WATSON_OP_TRAIN,
  PRL_WATSON_OP_RECOGNIZE,
} PrlWatsonOp;

/* prl-watson-json.c: each returns NULL with PRL_WATSON_ERROR_BAD_ANSWER
 * when a member Watson always sends is missing or of the wrong type. */
GPtrArray           *_prl_watson_parse_base_models (JsonNode   *root,
                                                    GError    **error);
char                *_prl_watson_parse_created     (JsonNode   *root,
                                                    GError    **error);
PrlWatsonModel      *_prl_watson_parse_model       (JsonNode   *root,
                                                    GError    **error);
GPtrArray           *_prl_watson_parse_models      (JsonNode   *root,
                                                    GError    **error);
PrlWatsonCorpus     *_prl_watson_parse_corpus      (JsonNode   *root,
                                                    GError    **error);
PrlWatsonWord       *_prl_watson_parse_word        (JsonNode   *root,
                                                    GError    **error);
GPtrArray           *_prl_watson_parse_words       (JsonNode   *root,
                                                    GError    **error);
char               **_prl_watson_parse_warnings    (JsonNode   *root,
                                                    GError    **error);
PrlWatsonTranscript *_prl_watson_parse_transcript  (JsonNode   *root,
                                                    GError    **error);
PrlWatsonJob        *_prl_watson_parse_job         (JsonNode   *root,
                                                    GError    **error);
JsonNode            *_prl_watson_model_to_json     (const char *name,
                                                    const char *base_model,
                                                    const char *description);
JsonNode            *_prl_watson_word_to_json      (const char *word,
                                                    const char *const *sounds_like,
                                                    const char *display_as);
JsonNode            *_prl_watson_words_to_json     (GPtrArray  *words);

/* prl-watson-error.c */
void                 _prl_watson_set_error         (GError         **error,
                                                    PrlWatsonOp      op,
                                                    PrlHttpResponse *response);
void                 _prl_watson_set_iam_error     (GError         **error,
                                                    PrlHttpResponse *response);
gboolean             _prl_watson_is_json           (PrlHttpResponse *response);
void                 _prl_watson_set_not_watson    (GError         **error,
                                                    PrlHttpResponse *response,
                                                    gboolean         iam);

/* prl-watson-multipart.c: a multipart/form-data body with one file part,
 * read from the file as it is sent. */
typedef struct _PrlWatsonMultipart PrlWatsonMultipart;

PrlWatsonMultipart  *_prl_watson_multipart_new     (const char     *path,
                                                    const char     *part_name,
                                                    const char     *part_type,
                                                    GError        **error);
void                 _prl_watson_multipart_free    (PrlWatsonMultipart *multipart);
goffset              _prl_watson_multipart_get_length (PrlWatsonMultipart *multipart);
const char          *_prl_watson_multipart_get_content_type (PrlWatsonMultipart *multipart);
GInputStream        *_prl_watson_multipart_open    (gpointer        multipart,
                                                    GCancellable   *cancellable,
                                                    GError        **error);

G_END_DECLS
