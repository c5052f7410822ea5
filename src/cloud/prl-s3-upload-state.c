/* prl-s3-upload-state.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "prl-s3-upload-state.h"

G_DEFINE_INTERFACE (PrlS3UploadState, prl_s3_upload_state, G_TYPE_OBJECT)

static void
prl_s3_upload_state_default_init (PrlS3UploadStateInterface *iface)
{
}

void
prl_s3_upload_state_save (PrlS3UploadState *self,
                          const char       *upload_id,
                          const char       *key,
                          gsize             part_size)
{
  g_return_if_fail (PRL_IS_S3_UPLOAD_STATE (self));
  PRL_S3_UPLOAD_STATE_GET_IFACE (self)->save (self, upload_id, key, part_size);
}

void
prl_s3_upload_state_part_done (PrlS3UploadState *self,
                               guint             part_number,
                               const char       *etag)
{
  g_return_if_fail (PRL_IS_S3_UPLOAD_STATE (self));
  PRL_S3_UPLOAD_STATE_GET_IFACE (self)->part_done (self, part_number, etag);
}

void
prl_s3_upload_state_forget (PrlS3UploadState *self)
{
  g_return_if_fail (PRL_IS_S3_UPLOAD_STATE (self));
  PRL_S3_UPLOAD_STATE_GET_IFACE (self)->forget (self);
}

/* The file holds "upload ID", "key KEY", "part-size N" and one
 * "part N ETAG" line per confirmed part. Each line is one append, so a
 * process killed at any moment leaves whole lines behind. */
struct _PrlS3UploadStateFile
{
  GObject parent_instance;

  char  *path;
  GMutex lock;
  guint  recorded;
};

static void state_iface_init (PrlS3UploadStateInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlS3UploadStateFile,
                               prl_s3_upload_state_file,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PRL_TYPE_S3_UPLOAD_STATE,
                                                      state_iface_init))

static void
append (PrlS3UploadStateFile *self, const char *text, gboolean truncate)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  int fd
      = g_open (self->path, O_WRONLY | O_CREAT | (truncate ? O_TRUNC : O_APPEND), 0600);
  gsize len = strlen (text);

  if (fd < 0 || write (fd, text, len) != (gssize)len)
    g_warning ("Could not write the upload state to %s: %s", self->path,
               g_strerror (errno));
  if (fd >= 0)
    close (fd);
}

static void
file_save (PrlS3UploadState *state,
           const char       *upload_id,
           const char       *key,
           gsize             part_size)
{
  g_autofree char *text = g_strdup_printf (
      "upload %s\nkey %s\npart-size %" G_GSIZE_FORMAT "\n", upload_id, key, part_size);

  append (PRL_S3_UPLOAD_STATE_FILE (state), text, TRUE);
}

static void
file_part_done (PrlS3UploadState *state, guint part_number, const char *etag)
{
  PrlS3UploadStateFile *self = PRL_S3_UPLOAD_STATE_FILE (state);
  g_autofree char      *text = g_strdup_printf ("part %u %s\n", part_number, etag);

  append (self, text, FALSE);
  g_atomic_int_inc (&self->recorded);
}

static void
file_forget (PrlS3UploadState *state)
{
  PrlS3UploadStateFile *self = PRL_S3_UPLOAD_STATE_FILE (state);

  if (g_unlink (self->path) < 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", self->path, g_strerror (errno));
}

static void
state_iface_init (PrlS3UploadStateInterface *iface)
{
  iface->save = file_save;
  iface->part_done = file_part_done;
  iface->forget = file_forget;
}

static void
prl_s3_upload_state_file_finalize (GObject *object)
{
  PrlS3UploadStateFile *self = PRL_S3_UPLOAD_STATE_FILE (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (prl_s3_upload_state_file_parent_class)->finalize (object);
}

static void
prl_s3_upload_state_file_class_init (PrlS3UploadStateFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_s3_upload_state_file_finalize;
}

static void
prl_s3_upload_state_file_init (PrlS3UploadStateFile *self)
{
  g_mutex_init (&self->lock);
}

PrlS3UploadStateFile *
prl_s3_upload_state_file_new (const char *path)
{
  PrlS3UploadStateFile *self = g_object_new (PRL_TYPE_S3_UPLOAD_STATE_FILE, NULL);

  self->path = g_strdup (path);
  return self;
}

gboolean
prl_s3_upload_state_file_load (PrlS3UploadStateFile *self,
                               char                **upload_id,
                               char                **key,
                               gsize                *part_size,
                               guint                *n_parts_done,
                               GError              **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  guint64          size = 0;
  guint            parts = 0;

  if (!g_file_get_contents (self->path, &contents, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "upload "))
        (g_free (id), id = g_strdup (lines[i] + 7));
      else if (g_str_has_prefix (lines[i], "key "))
        (g_free (name), name = g_strdup (lines[i] + 4));
      else if (g_str_has_prefix (lines[i], "part-size "))
        size = g_ascii_strtoull (lines[i] + 10, NULL, 10);
      else if (g_str_has_prefix (lines[i], "part "))
        parts++;
    }
  if (id == NULL || name == NULL || size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The saved upload state in “%s” is damaged. "
                      "Delete it and start the upload again."),
                   self->path);
      return FALSE;
    }
  *upload_id = g_steal_pointer (&id);
  *key = g_steal_pointer (&name);
  *part_size = size;
  if (n_parts_done != NULL)
    *n_parts_done = parts;
  return TRUE;
}

/* How many parts this object recorded: the parts one run sent. */
guint
prl_s3_upload_state_file_get_n_recorded (PrlS3UploadStateFile *self)
{
  g_return_val_if_fail (PRL_IS_S3_UPLOAD_STATE_FILE (self), 0);
  return g_atomic_int_get (&self->recorded);
}
