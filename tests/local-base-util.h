/* local-base-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

/* A second local base for the upgrade tests (issue 15, point 6), in any
 * layer's tests: the stock model with one more word in its dictionary, so
 * that its identity (prl_local_base_model_id(): a digest over the
 * acoustic model and the dictionary's size) differs, and a version built
 * on it has the word in its merged.dict. The acoustic and language models
 * are linked, not copied (37 MB). Point PRL_POCKETSPHINX_MODELDIR at the
 * folder it returns to make it the current base; remove it with the
 * tests' rm_rf. (The CLI tests have the same in cli_testlib.py.) */

#define LOCAL_BASE_EXTRA_WORD "parlancebase"

static inline char *
install_second_local_base (void)
{
  const char      *modeldir = g_getenv ("PRL_POCKETSPHINX_MODELDIR");
  g_autofree char *stock = NULL;
  g_autofree char *root = g_dir_make_tmp ("prl-base-XXXXXX", NULL);
  g_autofree char *dest = NULL;
  g_autofree char *dict = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *more = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;

  g_assert_nonnull (root);
  if (modeldir == NULL || modeldir[0] == '\0')
    modeldir = "/usr/share/pocketsphinx/model";
  stock = g_build_filename (modeldir, "en-us", NULL);
  dest = g_build_filename (root, "en-us", NULL);
  g_assert_cmpint (g_mkdir (dest, 0700), ==, 0);
  dir = g_dir_open (stock, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *from = g_build_filename (stock, name, NULL);
      g_autofree char *to = g_build_filename (dest, name, NULL);

      if (g_strcmp0 (name, "cmudict-en-us.dict") != 0)
        g_assert_cmpint (symlink (from, to), ==, 0);
    }

  dict = g_build_filename (stock, "cmudict-en-us.dict", NULL);
  g_file_get_contents (dict, &contents, NULL, &error);
  g_assert_no_error (error);
  more = g_strconcat (contents, LOCAL_BASE_EXTRA_WORD " P AA R L AH N S B EY S\n", NULL);
  g_free (dict);
  dict = g_build_filename (dest, "cmudict-en-us.dict", NULL);
  g_file_set_contents (dict, more, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&root);
}
