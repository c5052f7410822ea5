/* prl-quick-setup-pairs.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-quick-setup-pairs"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-text-checker.h"

#include "prl-quick-setup-pairs.h"

/* What Quick Setup makes of the files and folders the user gives as test
 * audio: NAME.wav with NAME.txt in the same folder is a test pair, as
 * datasets pair them; a folder holding one audio file and one transcript
 * (the single-click framework's input/<folder>/ layout) is a pair too.
 * Everything else is named back to the user as unpaired rather than
 * silently left out, since a missing transcript usually is a mistake.
 * The pipeline links each pair as NAME.ext and NAME.txt into a folder of
 * its own, where datasets pair them by name.
 * Folders are read two levels deep, which covers that layout, and a
 * keywords.txt found at the top or in keywords/ is the keywords' file. */

#define MAX_FOLDER_FILES 10000

void
prl_quick_setup_pair_free (PrlQuickSetupPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->name);
  g_free (pair->audio);
  g_free (pair->transcript);
  g_free (pair);
}

typedef struct
{
  const char *path;
  char       *dir;
  char       *stem; /* case-folded */
  char       *base;
  gboolean    audio;
  gboolean    used;
} Entry;

static void
entry_clear (Entry *e)
{
  g_free (e->dir);
  g_free (e->stem);
  g_free (e->base);
}

static gboolean
is_transcript (const char *base)
{
  const char *dot = strrchr (base, '.');

  return dot != NULL && dot != base && g_ascii_strcasecmp (dot, ".txt") == 0;
}

static char *
stem_of (const char *base)
{
  g_autofree char *copy = g_strdup (base);
  char            *dot = strrchr (copy, '.');

  if (dot != NULL && dot != copy)
    *dot = '\0';
  return g_ascii_strdown (copy, -1);
}

/* A pair is named after its audio file, or after its folder when the
 * folder is the pair (the framework's folders often hold audio files of
 * one name). */
static PrlQuickSetupPair *
make_pair (Entry *audio, Entry *text, gboolean by_folder)
{
  PrlQuickSetupPair *pair = g_new0 (PrlQuickSetupPair, 1);
  g_autofree char   *name
      = by_folder ? g_path_get_basename (audio->dir) : g_strdup (audio->base);
  char *dot = by_folder ? NULL : strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  pair->name = g_steal_pointer (&name);
  pair->audio = g_strdup (audio->path);
  pair->transcript = g_strdup (text->path);
  audio->used = text->used = TRUE;
  return pair;
}

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const PrlQuickSetupPair *pa = *(PrlQuickSetupPair *const *)a;
  const PrlQuickSetupPair *pb = *(PrlQuickSetupPair *const *)b;

  return g_strcmp0 (pa->name, pb->name);
}

/**
 * prl_quick_setup_pair_files:
 * @paths: (array zero-terminated=1): the files chosen
 * @unpaired: (out) (element-type utf8): one line per file left out, with
 *   why (“clinic3.wav (no clinic3.txt)”)
 *
 * Returns: (transfer full) (element-type PrlQuickSetupPair): the test
 *   pairs, sorted by name; files that are neither audio nor .txt text are
 *   ignored
 */
GPtrArray *
prl_quick_setup_pair_files (const char *const *paths, GPtrArray **unpaired)
{
  g_autoptr (GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr (GHashTable) names
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *pairs
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_quick_setup_pair_free);
  GPtrArray *left = g_ptr_array_new_with_free_func (g_free);

  g_array_set_clear_func (entries, (GDestroyNotify)entry_clear);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      Entry e = { paths[i] };

      e.base = g_path_get_basename (paths[i]);
      e.audio = prl_dataset_type_detect (paths[i], NULL, 0) == PRL_DATASET_TYPE_AUDIO;
      if (!e.audio && !is_transcript (e.base))
        {
          g_free (e.base);
          continue;
        }
      e.dir = g_path_get_dirname (paths[i]);
      e.stem = stem_of (e.base);
      g_array_append_val (entries, e);
    }

  /* NAME.wav + NAME.txt in one folder. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *a = &g_array_index (entries, Entry, i);

      for (guint j = 0; a->audio && !a->used && j < entries->len; j++)
        {
          Entry *t = &g_array_index (entries, Entry, j);

          if (!t->audio && !t->used && g_strcmp0 (a->dir, t->dir) == 0
              && g_strcmp0 (a->stem, t->stem) == 0)
            g_ptr_array_add (pairs, make_pair (a, t, FALSE));
        }
    }

  /* A folder of exactly one audio file and one transcript: the
   * framework's layout, whose transcript may have any name. Counting the
   * whole folder keeps two leftovers of a bigger one apart. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *a = &g_array_index (entries, Entry, i);
      Entry *text = NULL;
      guint  n_audio = 0, n_text = 0;

      if (!a->audio || a->used)
        continue;
      for (guint j = 0; j < entries->len; j++)
        {
          Entry *o = &g_array_index (entries, Entry, j);

          if (g_strcmp0 (o->dir, a->dir) != 0)
            continue;
          if (o->audio)
            n_audio++;
          else
            {
              n_text++;
              text = o;
            }
        }
      if (n_audio == 1 && n_text == 1 && !text->used)
        g_ptr_array_add (pairs, make_pair (a, text, TRUE));
    }

  g_ptr_array_sort (pairs, compare_pairs);
  /* Two pairs of one name would be one test utterance twice. */
  for (guint i = 0; i < pairs->len;)
    {
      PrlQuickSetupPair *pair = g_ptr_array_index (pairs, i);
      g_autofree char   *key = g_ascii_strdown (pair->name, -1);
      g_autofree char   *base = g_path_get_basename (pair->audio);
      g_autofree char   *text = g_path_get_basename (pair->transcript);

      if (g_hash_table_contains (names, key))
        {
          /* Translators: a test pair left out of Quick Setup: its audio
           * file and transcript, then the name they share with another pair */
          g_ptr_array_add (
              left, g_strdup_printf (_ ("%s and %s (another pair is named “%s” already)"),
                                     base, text, pair->name));
          g_ptr_array_remove_index (pairs, i);
          continue;
        }
      g_hash_table_add (names, g_steal_pointer (&key));
      i++;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (e->used)
        continue;
      if (e->audio)
        {
          g_autofree char *stem = g_strdup (e->base);
          char            *dot = strrchr (stem, '.');

          if (dot != NULL && dot != stem)
            *dot = '\0';
          /* Translators: an audio file without its transcript, e.g.
           * "note3.wav (no note3.txt)" */
          g_ptr_array_add (left, g_strdup_printf (_ ("%s (no %s.txt)"), e->base, stem));
        }
      else
        /* Translators: a transcript without its audio file */
        g_ptr_array_add (left, g_strdup_printf (_ ("%s (no audio file)"), e->base));
    }
  *unpaired = left;
  return pairs;
}

/**
 * prl_quick_setup_describe_unpaired:
 * @unpaired: (element-type utf8): what prl_quick_setup_pair_files() left out
 *
 * Returns: (transfer full) (nullable): one sentence naming them, or %NULL
 */
char *
prl_quick_setup_describe_unpaired (GPtrArray *unpaired)
{
  g_autoptr (GString) list = g_string_new (NULL);

  if (unpaired == NULL || unpaired->len == 0)
    return NULL;
  for (guint i = 0; i < unpaired->len; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, g_ptr_array_index (unpaired, i));
    }
  /* Translators: %s lists files, e.g. "note3.wav (no note3.txt), x.txt (no
   * audio file)" */
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Unpaired: %s. Each audio file needs its transcript "
                   "with the same name (note1.wav and note1.txt).",
                   "Unpaired: %s. Each audio file needs its transcript with the same "
                   "name (note1.wav and note1.txt).",
                   unpaired->len),
      list->str);
}

static gboolean
list_level (
    GFile *dir, guint depth, GPtrArray *out, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile     *child;

  if (!(children = g_file_enumerate_children (
            dir,
            G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE
                                           "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
            G_FILE_QUERY_INFO_NONE, cancellable, error)))
    return FALSE;
  while (g_file_enumerator_iterate (children, &info, &child, cancellable, error))
    {
      if (info == NULL)
        return TRUE;
      if (g_file_info_get_is_hidden (info))
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY && depth > 0)
        {
          if (!list_level (child, depth - 1, out, cancellable, error))
            return FALSE;
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          if (out->len >= MAX_FOLDER_FILES)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("The folder holds more than %u files; choose the "
                              "folder of the test audio itself"),
                           MAX_FOLDER_FILES);
              return FALSE;
            }
          g_ptr_array_add (out, g_file_get_path (child));
        }
    }
  return FALSE;
}

/**
 * prl_quick_setup_list_folder:
 * @keywords_file: (out) (nullable): the keywords.txt found at the top or
 *   in keywords/, left out of the list
 *
 * Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (element-type filename): the files in @folder
 *   and two levels of subfolders, sorted, hidden ones left out
 */
GPtrArray *
prl_quick_setup_list_folder (GFile        *folder,
                             char        **keywords_file,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *root = g_file_get_path (folder);
  g_autofree char *top = g_build_filename (root, "keywords.txt", NULL);
  g_autofree char *nested = g_build_filename (root, "keywords", "keywords.txt", NULL);

  *keywords_file = NULL;
  if (!list_level (folder, 2, out, cancellable, error))
    return NULL;
  for (guint i = 0; i < out->len; i++)
    {
      const char *path = g_ptr_array_index (out, i);

      if (g_strcmp0 (path, top) == 0 || g_strcmp0 (path, nested) == 0)
        {
          if (*keywords_file == NULL || g_strcmp0 (path, top) == 0)
            {
              g_free (*keywords_file);
              *keywords_file = g_strdup (path);
            }
          g_ptr_array_remove_index (out, i--);
        }
    }
  g_ptr_array_sort (out, (GCompareFunc)g_strcmp0);
  return g_steal_pointer (&out);
}

/**
 * prl_quick_setup_check_rounds:
 * @text: the rounds as typed
 * @rounds: (out): the number
 *
 * Returns: whether @text is a whole number from @min to @max
 */
gboolean
prl_quick_setup_check_rounds (
    const char *text, int min, int max, int *rounds, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64           value;

  if (!g_ascii_string_to_signed (trimmed, 10, G_MININT, G_MAXINT, &value, NULL)
      || value < min || value > max)
    {
      /* Translators: %s is what was typed, %d to %d the allowed range */
      g_set_error (
          error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          _ ("“%s” is not a number of rounds: give a whole number from %d to %d"),
          trimmed, min, max);
      return FALSE;
    }
  *rounds = (int)value;
  return TRUE;
}
