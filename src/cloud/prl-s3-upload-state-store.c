/* prl-s3-upload-state-store.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-remote-job.h"

#include "prl-s3-upload-state-store.h"

/* A multipart upload's state kept in the workspace: the "upload" member
 * of a remote job's state ({"key", "upload_id", "part_size", "parts":
 * {"N": ETag}}) while the upload is open, and "parts_sent", the parts this
 * process confirmed. Every change is written at once, one small UPDATE
 * per part, so a process killed at any moment leaves what the next start
 * needs to ask the server (ListParts) and send only the rest.
 */
struct _PrlS3UploadStateStore
{
  GObject parent_instance;

  PrlStore   *store;
  gint64      id;
  GMutex      lock;
  JsonObject *state;
  GError     *error; /* the first failure of a callback */
};

static void state_iface_init (PrlS3UploadStateInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlS3UploadStateStore,
                               prl_s3_upload_state_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_S3_UPLOAD_STATE,
                                                      state_iface_init))

static char *
to_json_locked (PrlS3UploadStateStore *self)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, self->state);
  return json_to_string (node, FALSE);
}

static gboolean
save_locked (PrlS3UploadStateStore *self, GError **error)
{
  g_autofree char *text = to_json_locked (self);

  return prl_store_update_remote_job_sync (self->store, self->id, text, error);
}

/* For the interface's callbacks, which cannot fail: the job reports the
 * first failure when the upload returns. */
static void
save_or_keep_error (PrlS3UploadStateStore *self)
{
  g_autoptr (GError) error = NULL;

  if (!save_locked (self, &error) && self->error == NULL)
    self->error = g_steal_pointer (&error);
}

static void
store_save (PrlS3UploadState *state,
            const char       *upload_id,
            const char       *key,
            gsize             part_size)
{
  PrlS3UploadStateStore *self = PRL_S3_UPLOAD_STATE_STORE (state);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  JsonObject *upload = json_object_new ();

  json_object_set_string_member (upload, "key", key);
  json_object_set_string_member (upload, "upload_id", upload_id);
  json_object_set_int_member (upload, "part_size", (gint64)part_size);
  json_object_set_object_member (upload, "parts", json_object_new ());
  json_object_set_object_member (self->state, "upload", upload);
  save_or_keep_error (self);
}

static void
store_part_done (PrlS3UploadState *state, guint part_number, const char *etag)
{
  PrlS3UploadStateStore *self = PRL_S3_UPLOAD_STATE_STORE (state);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  JsonObject      *upload = json_object_get_object_member (self->state, "upload");
  g_autofree char *number = g_strdup_printf ("%u", part_number);

  if (upload != NULL && json_object_has_member (upload, "parts"))
    json_object_set_string_member (json_object_get_object_member (upload, "parts"),
                                   number, etag);
  json_object_set_int_member (
      self->state, "parts_sent",
      json_object_get_int_member_with_default (self->state, "parts_sent", 0) + 1);
  save_or_keep_error (self);
}

static void
store_forget (PrlS3UploadState *state)
{
  PrlS3UploadStateStore *self = PRL_S3_UPLOAD_STATE_STORE (state);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  json_object_remove_member (self->state, "upload");
  save_or_keep_error (self);
}

static void
state_iface_init (PrlS3UploadStateInterface *iface)
{
  iface->save = store_save;
  iface->part_done = store_part_done;
  iface->forget = store_forget;
}

static void
prl_s3_upload_state_store_finalize (GObject *object)
{
  PrlS3UploadStateStore *self = PRL_S3_UPLOAD_STATE_STORE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->state, json_object_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (prl_s3_upload_state_store_parent_class)->finalize (object);
}

static void
prl_s3_upload_state_store_class_init (PrlS3UploadStateStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_s3_upload_state_store_finalize;
}

static void
prl_s3_upload_state_store_init (PrlS3UploadStateStore *self)
{
  g_mutex_init (&self->lock);
}

/**
 * prl_s3_upload_state_store_new:
 * @remote_job_id: the row in `remote_jobs` whose state this is
 * @state: the job's state; the object keeps a reference and changes it
 */
PrlS3UploadStateStore *
prl_s3_upload_state_store_new (PrlStore *store, gint64 remote_job_id, JsonObject *state)
{
  PrlS3UploadStateStore *self = g_object_new (PRL_TYPE_S3_UPLOAD_STATE_STORE, NULL);

  g_return_val_if_fail (PRL_IS_STORE (store), NULL);
  g_return_val_if_fail (state != NULL, NULL);

  self->store = g_object_ref (store);
  self->id = remote_job_id;
  self->state = json_object_ref (state);
  return self;
}

JsonObject *
prl_s3_upload_state_store_lock (PrlS3UploadStateStore *self)
{
  g_return_val_if_fail (PRL_IS_S3_UPLOAD_STATE_STORE (self), NULL);
  g_mutex_lock (&self->lock);
  return self->state;
}

void
prl_s3_upload_state_store_unlock (PrlS3UploadStateStore *self)
{
  g_return_if_fail (PRL_IS_S3_UPLOAD_STATE_STORE (self));
  g_mutex_unlock (&self->lock);
}

gboolean
prl_s3_upload_state_store_save (PrlS3UploadStateStore *self, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (PRL_IS_S3_UPLOAD_STATE_STORE (self), FALSE);
  locker = g_mutex_locker_new (&self->lock);
  return save_locked (self, error);
}

char *
prl_s3_upload_state_store_to_json (PrlS3UploadStateStore *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (PRL_IS_S3_UPLOAD_STATE_STORE (self), NULL);
  locker = g_mutex_locker_new (&self->lock);
  return to_json_locked (self);
}

gboolean
prl_s3_upload_state_store_get_upload (PrlS3UploadStateStore *self,
                                      char                 **key,
                                      char                 **upload_id,
                                      gsize                 *part_size)
{
  g_autoptr (GMutexLocker) locker = NULL;
  JsonObject *upload;
  const char *k, *id;
  gint64      size;

  g_return_val_if_fail (PRL_IS_S3_UPLOAD_STATE_STORE (self), FALSE);
  locker = g_mutex_locker_new (&self->lock);
  if (!json_object_has_member (self->state, "upload")
      || !(upload = json_object_get_object_member (self->state, "upload")))
    return FALSE;
  k = json_object_get_string_member_with_default (upload, "key", NULL);
  id = json_object_get_string_member_with_default (upload, "upload_id", NULL);
  size = json_object_get_int_member_with_default (upload, "part_size", 0);
  if (k == NULL || id == NULL || size <= 0)
    return FALSE;
  *key = g_strdup (k);
  *upload_id = g_strdup (id);
  *part_size = (gsize)size;
  return TRUE;
}

gboolean
prl_s3_upload_state_store_propagate_error (PrlS3UploadStateStore *self, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (PRL_IS_S3_UPLOAD_STATE_STORE (self), FALSE);
  locker = g_mutex_locker_new (&self->lock);
  if (self->error == NULL)
    return FALSE;
  g_propagate_error (error, g_error_copy (self->error));
  return TRUE;
}
