/* prl-quick-setup-input.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inputs Quick Setup takes from a folder: either audio files beside
 * their transcripts (NAME.wav + NAME.txt, as datasets pair them), or the
 * single-click framework's layout, input/<folder>/ with one audio file
 * and its transcript each and keywords/keywords.txt. The framework's pairs
 * are named by their folder, so they are linked as FOLDER.EXT and
 * FOLDER.txt into a temporary folder, where datasets pair them by name.
 */

#define G_LOG_DOMAIN "prl-quick-setup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "prl-aws-signer.h"
#include "prl-cloud-account.h"
#include "prl-http-client.h"
#include "prl-quick-setup-job.h"
#include "prl-s3-client.h"
#include "prl-upload-job-private.h"
#include "prl-wiki-fetch-job.h"

static const char *const audio_exts[]
    = { ".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a", NULL };

static const char *
audio_ext (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; audio_exts[i] != NULL; i++)
    if (g_str_has_suffix (lower, audio_exts[i]))
      return name + strlen (name) - strlen (audio_exts[i]);
  return NULL;
}

static int
name_cmp (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *)a, *(char *const *)b);
}

/* A folder's entries in order, hidden ones left out. */
static GPtrArray *
sorted_names (const char *path, GError **error)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, error);
  GPtrArray  *names;
  const char *name;

  if (dir == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, name_cmp);
  return names;
}

/* Flat: every audio file needs NAME.txt beside it. */
static gboolean
scan_flat (const char *path, GPtrArray *files, GError **error)
{
  g_autoptr (GPtrArray) names = sorted_names (path, error);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      const char      *ext = audio_ext (name);
      g_autofree char *stem = NULL;
      g_autofree char *txt = NULL;
      g_autofree char *audio = NULL;

      if (ext == NULL)
        continue;
      stem = g_strndup (name, ext - name);
      txt = g_strdup_printf ("%s/%s.txt", path, stem);
      audio = g_build_filename (path, name, NULL);
      if (!g_file_test (txt, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _ ("“%s” has no transcript: %s.txt is missing beside it"), audio,
                       stem);
          return FALSE;
        }
      g_ptr_array_add (files, g_file_new_for_path (audio));
      g_ptr_array_add (files, g_file_new_for_path (txt));
    }
  return TRUE;
}

/* The framework's input/<folder>/: one audio file and one .txt each. */
static gboolean
scan_framework (const char *input,
                const char *root_name,
                GPtrArray  *files,
                char      **temp_dir,
                GError    **error)
{
  g_autoptr (GPtrArray) folders = sorted_names (input, error);
  g_autofree char *links = NULL;

  if (folders == NULL)
    return FALSE;
  for (guint i = 0; i < folders->len; i++)
    {
      const char      *folder = g_ptr_array_index (folders, i);
      g_autofree char *sub = g_build_filename (input, folder, NULL);
      g_autoptr (GPtrArray) names = NULL;
      const char      *audio = NULL, *txt = NULL, *ext = NULL;
      g_autofree char *audio_link = NULL;
      g_autofree char *txt_link = NULL;
      g_autofree char *target = NULL;

      if (!g_file_test (sub, G_FILE_TEST_IS_DIR))
        continue;
      if (!(names = sorted_names (sub, error)))
        return FALSE;
      for (guint j = 0; j < names->len; j++)
        {
          const char *name = g_ptr_array_index (names, j);

          if (audio_ext (name) != NULL && audio == NULL)
            audio = name, ext = audio_ext (name);
          else if (g_str_has_suffix (name, ".txt") && txt == NULL)
            txt = name;
        }
      if (audio == NULL || txt == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       audio == NULL ? _ ("“%s” has no audio file")
                                     : _ ("“%s” has no transcript (a .txt file)"),
                       sub);
          return FALSE;
        }
      /* The links sit in a folder named as the user's, which names the
       * test dataset. */
      if (*temp_dir == NULL)
        {
          if (!(*temp_dir = g_dir_make_tmp ("parlance-run-XXXXXX", error)))
            return FALSE;
          links = g_build_filename (*temp_dir, root_name, NULL);
          if (g_mkdir (links, 0700) != 0)
            {
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                           _ ("Could not create “%s”: %s"), links, g_strerror (errno));
              return FALSE;
            }
        }
      audio_link = g_strdup_printf ("%s/%s%s", links, folder, ext);
      txt_link = g_strdup_printf ("%s/%s.txt", links, folder);
      target = g_build_filename (sub, audio, NULL);
      if (symlink (target, audio_link) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _ ("Could not link “%s”: %s"), target, g_strerror (errno));
          return FALSE;
        }
      g_free (target);
      target = g_build_filename (sub, txt, NULL);
      if (symlink (target, txt_link) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _ ("Could not link “%s”: %s"), target, g_strerror (errno));
          return FALSE;
        }
      g_ptr_array_add (files, g_file_new_for_path (audio_link));
      g_ptr_array_add (files, g_file_new_for_path (txt_link));
    }
  return TRUE;
}

/**
 * prl_quick_setup_scan_folder:
 * @folder: a local folder
 * @temp_dir: (out) (nullable): a temporary folder the caller removes
 *   (with its links) when done, for the framework's layout
 * @keywords_file: (out) (nullable): keywords/keywords.txt of the
 *   framework's layout, when there
 *
 * Returns: (transfer full) (element-type GFile): audio files and their
 *   transcripts; %NULL with @error when the folder cannot be read, holds
 *   no audio, or an audio file has no transcript
 */
GPtrArray *
prl_quick_setup_scan_folder (GFile   *folder,
                             char   **temp_dir,
                             GFile  **keywords_file,
                             GError **error)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *input = NULL;
  g_autofree char *keywords = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  *temp_dir = NULL;
  *keywords_file = NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("“%s” is not a folder"),
                   path != NULL ? path : g_file_peek_path (folder));
      return NULL;
    }
  input = g_build_filename (path, "input", NULL);
  keywords = g_build_filename (path, "keywords", "keywords.txt", NULL);
  if (g_file_test (input, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_path_get_basename (path);

      ok = scan_framework (input, name, files, temp_dir, error);
    }
  else
    ok = scan_flat (path, files, error);
  if (!ok)
    return NULL;
  if (files->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("“%s” holds no audio files (WAV, FLAC, MP3, Ogg, Opus or M4A) "
                      "with transcripts"),
                   path);
      return NULL;
    }
  if (g_file_test (keywords, G_FILE_TEST_IS_REGULAR))
    *keywords_file = g_file_new_for_path (keywords);
  return g_steal_pointer (&files);
}

/**
 * prl_quick_setup_read_keywords:
 * @file: a keywords.txt: one a line or separated by commas
 *
 * Returns: (transfer full): the keywords; %NULL with @error when the
 *   file cannot be read or lists none
 */
char **
prl_quick_setup_read_keywords (GFile *file, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) keywords = NULL;

  if (!g_file_load_contents (file, NULL, &text, NULL, NULL, error))
    return NULL;
  keywords = prl_wiki_parse_keywords (text);
  if (keywords[0] == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("“%s” lists no keywords"), g_file_peek_path (file));
      return NULL;
    }
  return g_steal_pointer (&keywords);
}

/* Splits "s3://BUCKET/PREFIX" (the prefix may be empty). */
static gboolean
parse_s3_url (const char *url, char **bucket, char **prefix, GError **error)
{
  const char *rest;
  const char *slash;

  if (!g_str_has_prefix (url, "s3://") || *(rest = url + strlen ("s3://")) == '\0'
      || *rest == '/')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not an S3 address: write s3://BUCKET/PREFIX"), url);
      return FALSE;
    }
  slash = strchr (rest, '/');
  *bucket = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
  *prefix = g_strdup (slash != NULL ? slash + 1 : "");
  return TRUE;
}

/**
 * prl_quick_setup_download_s3:
 * @account: a configured AWS (or S3-compatible) account's name
 * @url: s3://BUCKET/PREFIX, the folder's place in the account's store
 *
 * Copies every object under the prefix into a new temporary folder,
 * keeping the key's path below the prefix (input/<folder>/… of the
 * single-click framework, or NAME.wav + NAME.txt), for
 * prl_quick_setup_scan_folder(). Blocks: call it off the main thread in
 * the app.
 *
 * Returns: (transfer full) (nullable): the folder, named as the prefix's
 *   last part (which names what is imported from it), inside a temporary
 *   folder of its own that the caller removes (the returned folder's
 *   parent); %NULL with @error (no such account, a bucket it cannot
 *   read, nothing under the prefix)
 */
char *
prl_quick_setup_download_s3 (const char   *account,
                             const char   *url,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autoptr (PrlCloudAccount) found = NULL;
  g_autoptr (PrlAwsSigner) signer = NULL;
  g_autoptr (PrlHttpClient) http = NULL;
  g_autoptr (PrlS3Client) client = NULL;
  g_autoptr (GPtrArray) objects = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  const char      *endpoint;

  if (!parse_s3_url (url, &bucket, &prefix, error))
    return NULL;
  {
    g_autofree char *trimmed = g_strdup (prefix);
    char            *last;

    while (g_str_has_suffix (trimmed, "/"))
      trimmed[strlen (trimmed) - 1] = '\0';
    last = strrchr (trimmed, '/');
    name = g_strdup (*trimmed == '\0' ? bucket : last != NULL ? last + 1 : trimmed);
  }
  if (*prefix != '\0' && !g_str_has_suffix (prefix, "/"))
    {
      char *with_slash = g_strconcat (prefix, "/", NULL);

      g_free (prefix);
      prefix = with_slash;
    }
  if (!(signer
        = prl_cloud_account_signer_sync (account, PRL_CLOUD_FOR_UPLOAD, "s3",
                                         PRL_SIGV4_S3, &found, cancellable, error)))
    return NULL;
  endpoint = prl_cloud_account_get_endpoint (found);
  http = prl_http_client_new ();
  if (!(client = prl_s3_client_new (http, signer, endpoint[0] != '\0' ? endpoint : NULL,
                                    bucket, error))
      || !(objects = prl_s3_client_list_objects (client, prefix, 0, cancellable, error)))
    return NULL;
  if (objects->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("There is nothing under “%s”"), url);
      return NULL;
    }
  if (!(tmp = g_dir_make_tmp ("parlance-s3-XXXXXX", error)))
    return NULL;
  dir = g_build_filename (tmp, name, NULL);
  if (g_mkdir (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _ ("Could not create “%s”: %s"), dir, g_strerror (errno));
      prl_quick_setup_remove_tree (tmp);
      return NULL;
    }
  for (guint i = 0; i < objects->len; i++)
    {
      PrlS3Object     *object = g_ptr_array_index (objects, i);
      const char      *relative = object->key + strlen (prefix);
      g_autofree char *path = NULL;
      g_autofree char *parent = NULL;
      g_autoptr (GFile) file = NULL;

      /* Folder markers, and keys that would leave the folder. */
      if (*relative == '\0' || g_str_has_suffix (relative, "/")
          || strstr (relative, "..") != NULL || relative[0] == '/')
        continue;
      path = g_build_filename (dir, relative, NULL);
      parent = g_path_get_dirname (path);
      file = g_file_new_for_path (path);
      if (g_mkdir_with_parents (parent, 0700) != 0
          || !prl_s3_client_get_object (client, object->key, file, cancellable, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                         _ ("Could not create “%s”: %s"), parent, g_strerror (errno));
          prl_quick_setup_remove_tree (tmp);
          return NULL;
        }
    }
  return g_steal_pointer (&dir);
}

/**
 * prl_quick_setup_remove_tree:
 * @dir: (nullable): a folder prl_quick_setup_scan_folder() or
 *   prl_quick_setup_download_s3() made
 *
 * Removes it with what it holds (links are removed, not followed).
 */
void
prl_quick_setup_remove_tree (const char *dir)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  if (dir == NULL || !(d = g_dir_open (dir, 0, NULL)))
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        prl_quick_setup_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
