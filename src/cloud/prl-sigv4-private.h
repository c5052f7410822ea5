/* prl-sigv4-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-sigv4.h"

G_BEGIN_DECLS

#define PRL_SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define PRL_SIGV4_DIGEST_LEN 32

struct _PrlSigV4Request
{
  char      *method;
  char      *path;
  char      *query;        /* (nullable): as on the wire, without "?" */
  GPtrArray *headers;      /* (element-type PrlSigV4Header) in order */
  char      *payload_hash; /* (nullable): default depends on the mode */
};

/* prl-sigv4-encode.c */
void            _prl_sigv4_hex           (const guint8          *bytes,
                                          gsize                  len,
                                          char                  *out);
void            _prl_sigv4_sha256_hex    (const void            *data,
                                          gsize                  len,
                                          char                   out[2 * PRL_SIGV4_DIGEST_LEN + 1]);
void            _prl_sigv4_hmac          (const guint8          *key,
                                          gsize                  key_len,
                                          const char            *message,
                                          guint8                 out[PRL_SIGV4_DIGEST_LEN]);
void            _prl_sigv4_signing_key   (const char            *secret,
                                          const char            *date,
                                          const char            *region,
                                          const char            *service,
                                          guint8                 out[PRL_SIGV4_DIGEST_LEN]);
char           *_prl_sigv4_canonical_path (const char           *path,
                                           PrlSigV4Flags         flags);
GPtrArray      *_prl_sigv4_query_parse   (const char            *query);
void            _prl_sigv4_query_add     (GPtrArray             *params,
                                          const char            *key,
                                          const char            *value);
void            _prl_sigv4_query_append  (GPtrArray             *params,
                                          GPtrArray             *more);
char           *_prl_sigv4_query_join    (GPtrArray             *params,
                                          gboolean               sort);
char           *_prl_sigv4_trim_value    (const char            *value);
gboolean        _prl_sigv4_is_token      (const char            *text);

/* prl-sigv4-request.c */
PrlSigV4Header *_prl_sigv4_header_new    (const char            *name,
                                          const char            *value);
void            _prl_sigv4_header_free   (gpointer               header);
char           *_prl_sigv4_display       (const char            *text);
gboolean        _prl_sigv4_check_context (const PrlSigV4Context *context,
                                          GError               **error);
gboolean        _prl_sigv4_check_request (const PrlSigV4Request *request,
                                          GError               **error);

G_END_DECLS
