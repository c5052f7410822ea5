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

#include "prl-quick-setup-job.h"
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
scan_framework (const char *input, GPtrArray *files, char **temp_dir, GError **error)
{
  g_autoptr (GPtrArray) folders = sorted_names (input, error);

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
      if (*temp_dir == NULL
          && !(*temp_dir = g_dir_make_tmp ("parlance-run-XXXXXX", error)))
        return FALSE;
      audio_link = g_strdup_printf ("%s/%s%s", *temp_dir, folder, ext);
      txt_link = g_strdup_printf ("%s/%s.txt", *temp_dir, folder);
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
    ok = scan_framework (input, files, temp_dir, error);
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
