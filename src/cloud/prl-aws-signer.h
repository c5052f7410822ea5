/* prl-aws-signer.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-http-signer.h"
#include "prl-sigv4.h"

G_BEGIN_DECLS

#define PRL_TYPE_AWS_SIGNER (prl_aws_signer_get_type ())

G_DECLARE_FINAL_TYPE (PrlAwsSigner, prl_aws_signer, PRL, AWS_SIGNER, GObject)

/* A PrlHttpSigner that signs every attempt with SigV4 (header signing).
 * @flags is PRL_SIGV4_S3 for S3. After a RequestTimeTooSkewed answer it
 * takes the server's clock from the Date header and asks for one re-send.
 * Thread-safe: part uploaders share one signer. */
PrlAwsSigner *prl_aws_signer_new              (const char    *access_key_id,
                                               const char    *secret_access_key,
                                               const char    *session_token,
                                               const char    *region,
                                               const char    *service,
                                               PrlSigV4Flags  flags) G_GNUC_WARN_UNUSED_RESULT;
const char   *prl_aws_signer_get_region       (PrlAwsSigner  *self);
const char   *prl_aws_signer_get_access_key_id (PrlAwsSigner *self);
gint64        prl_aws_signer_get_clock_offset (PrlAwsSigner  *self);
void          prl_aws_signer_set_clock_offset (PrlAwsSigner  *self,
                                               gint64         offset_seconds);

G_END_DECLS
