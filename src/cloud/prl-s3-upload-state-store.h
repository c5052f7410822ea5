/* prl-s3-upload-state-store.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prl-s3-upload-state.h"
#include "prl-store.h"

G_BEGIN_DECLS

#define PRL_TYPE_S3_UPLOAD_STATE_STORE (prl_s3_upload_state_store_get_type ())

G_DECLARE_FINAL_TYPE (PrlS3UploadStateStore, prl_s3_upload_state_store, PRL,
                      S3_UPLOAD_STATE_STORE, GObject)

PrlS3UploadStateStore *prl_s3_upload_state_store_new        (PrlStore              *store,
                                                            gint64                 remote_job_id,
                                                            JsonObject            *state) G_GNUC_WARN_UNUSED_RESULT;
/* The remote job's whole state, to read or change between lock() and
 * unlock(); save() writes it to the store. */
JsonObject            *prl_s3_upload_state_store_lock       (PrlS3UploadStateStore *self);
void                   prl_s3_upload_state_store_unlock     (PrlS3UploadStateStore *self);
gboolean               prl_s3_upload_state_store_save       (PrlS3UploadStateStore *self,
                                                            GError               **error);
char                  *prl_s3_upload_state_store_to_json    (PrlS3UploadStateStore *self) G_GNUC_WARN_UNUSED_RESULT;
/* The multipart upload in flight, if any: FALSE when there is none. */
gboolean               prl_s3_upload_state_store_get_upload (PrlS3UploadStateStore *self,
                                                            char                 **key,
                                                            char                 **upload_id,
                                                            gsize                 *part_size);
/* The first failure to save the state from a part's callback, if any. */
gboolean               prl_s3_upload_state_store_propagate_error (PrlS3UploadStateStore *self,
                                                            GError               **error);

G_END_DECLS
