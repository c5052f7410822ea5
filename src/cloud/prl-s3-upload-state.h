/* prl-s3-upload-state.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_S3_UPLOAD_STATE (prl_s3_upload_state_get_type ())

G_DECLARE_INTERFACE (PrlS3UploadState, prl_s3_upload_state, PRL, S3_UPLOAD_STATE, GObject)

/* Where a multipart upload records what it needs to be resumed after the
 * app stopped (the workspace persists it). save() when the server gave an
 * upload id, part_done() after each part the server confirmed (from worker
 * threads, serialized), forget() when the upload completed or was aborted. */
struct _PrlS3UploadStateInterface
{
  GTypeInterface parent_iface;

  void (*save)      (PrlS3UploadState *self,
                     const char       *upload_id,
                     const char       *key,
                     gsize             part_size);
  void (*part_done) (PrlS3UploadState *self,
                     guint             part_number,
                     const char       *etag);
  void (*forget)    (PrlS3UploadState *self);
};

void prl_s3_upload_state_save      (PrlS3UploadState *self,
                                    const char       *upload_id,
                                    const char       *key,
                                    gsize             part_size);
void prl_s3_upload_state_part_done (PrlS3UploadState *self,
                                    guint             part_number,
                                    const char       *etag);
void prl_s3_upload_state_forget    (PrlS3UploadState *self);

/* A state kept in a small text file (the upload tool and tests use it). */
#define PRL_TYPE_S3_UPLOAD_STATE_FILE (prl_s3_upload_state_file_get_type ())

G_DECLARE_FINAL_TYPE (PrlS3UploadStateFile, prl_s3_upload_state_file, PRL,
                      S3_UPLOAD_STATE_FILE, GObject)

PrlS3UploadStateFile *prl_s3_upload_state_file_new  (const char            *path) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a saved state; FALSE without error when there is none. */
gboolean              prl_s3_upload_state_file_load (PrlS3UploadStateFile  *self,
                                                     char                 **upload_id,
                                                     char                 **key,
                                                     gsize                 *part_size,
                                                     guint                 *n_parts_done,
                                                     GError               **error);
guint                 prl_s3_upload_state_file_get_n_recorded (PrlS3UploadStateFile *self);

G_END_DECLS
