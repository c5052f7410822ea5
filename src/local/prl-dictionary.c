/* prl-dictionary.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dictionary"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-pronouncer.h"
#include "prl-dictionary.h"

/*
 * Pronunciation dictionaries in the CMU format PocketSphinx reads: one
 * entry a line, the word, white space, then its phones separated by
 * spaces. Alternative pronunciations are separate entries spelled
 * "word(2)", "word(3)". PocketSphinx refuses a dictionary in which a word
 * appears twice, so a merged dictionary drops the stock entries (and their
 * variants) of every word it adds.
 */

/* "abc(2)" → "abc"; anything else is returned as it is. */
static char *
base_word (const char *word, gsize len)
{
  if (len > 3 && word[len - 1] == ')')
    {
      const char *paren = memchr (word, '(', len);

      if (paren != NULL && paren > word)
        return g_strndup (word, paren - word);
    }

  return g_strndup (word, len);
}

static GDataInputStream *
open_dictionary (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) input = NULL;
  g_autoptr (GError) local_error = NULL;

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_MODEL_NOT_FOUND,
                     _ ("The pronunciation dictionary “%s” is missing."), path);
      else
        g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                     _ ("The pronunciation dictionary “%s” could not be read: %s"), path,
                     local_error->message);
      return NULL;
    }

  return g_data_input_stream_new (G_INPUT_STREAM (input));
}

/* Splits an entry into its word and its phones; %FALSE for comments and
 * blank lines. */
static gboolean
split_entry (char *line, char **word, gsize *word_len, char **phones)
{
  char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0' || *p == '#' || g_str_has_prefix (p, ";;;"))
    return FALSE;

  *word = p;
  while (*p != '\0' && *p != ' ' && *p != '\t')
    p++;
  *word_len = p - *word;
  while (*p == ' ' || *p == '\t')
    p++;
  *phones = g_strstrip (p);

  return **phones != '\0';
}

/**
 * prl_dictionary_load:
 * @path: a dictionary in the CMU format
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the first pronunciation of every word of @path.
 *
 * Returns: (transfer full) (element-type utf8 utf8): word → phones
 *   ("K AE T"), or %NULL with @error set
 */
GHashTable *
prl_dictionary_load (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GDataInputStream) data = NULL;
  g_autoptr (GHashTable) words = NULL;
  g_autoptr (GError) local_error = NULL;
  char *line;

  data = open_dictionary (path, cancellable, error);
  if (data == NULL)
    return NULL;

  words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((line = g_data_input_stream_read_line (data, NULL, cancellable, &local_error)))
    {
      char *word, *phones;
      gsize len;

      if (split_entry (line, &word, &len, &phones))
        {
          char *base = base_word (word, len);

          if (g_hash_table_contains (words, base))
            g_free (base);
          else
            g_hash_table_insert (words, base, g_strdup (phones));
        }
      g_free (line);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&words);
}

static gboolean
check_phones (const char *word, const char *phones, GError **error)
{
  g_auto (GStrv) list = g_strsplit (phones, " ", -1);
  guint n = 0;

  for (guint i = 0; list[i] != NULL; i++)
    {
      if (list[i][0] == '\0')
        continue;
      if (!prl_pronouncer_is_phone (list[i]))
        {
          g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_PRONUNCIATION,
                       _ ("The pronunciation of “%s” uses “%s”, which is not a phone of "
                          "the acoustic model."),
                       word, list[i]);
          return FALSE;
        }
      n++;
    }

  if (n == 0)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_PRONUNCIATION,
                   _ ("The pronunciation of “%s” is empty."), word);
      return FALSE;
    }

  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/**
 * prl_dictionary_write:
 * @words: (element-type utf8 utf8): word → phones
 * @output: where to write
 * @error: return location for a #GError
 *
 * Writes @words as a dictionary, sorted, after checking that every phone
 * is one of the acoustic model's.
 *
 * Returns: %TRUE on success
 */
gboolean
prl_dictionary_write (GHashTable *words, GOutputStream *output, GError **error)
{
  g_autofree gpointer *keys = NULL;
  guint                n = 0;

  g_return_val_if_fail (words != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  keys = g_hash_table_get_keys_as_array (words, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < n; i++)
    {
      const char *phones = g_hash_table_lookup (words, keys[i]);

      if (!check_phones (keys[i], phones, error)
          || !g_output_stream_printf (output, NULL, NULL, error, "%s %s\n",
                                      (const char *)keys[i], phones))
        return FALSE;
    }

  return TRUE;
}

/**
 * prl_dictionary_write_merged:
 * @stock_dict_path: the stock dictionary
 * @extra: (element-type utf8 utf8): word → phones, the words to add
 * @output: where to write
 * @error: return location for a #GError
 *
 * Writes the stock dictionary with the words of @extra added. A word of
 * @extra that the stock dictionary has already replaces all its stock
 * pronunciations. This is how new words reach PocketSphinx: adding many
 * of them one by one with ps_add_word() crashes it.
 *
 * Returns: %TRUE on success
 */
gboolean
prl_dictionary_write_merged (const char    *stock_dict_path,
                             GHashTable    *extra,
                             GOutputStream *output,
                             GError       **error)
{
  g_autoptr (GDataInputStream) data = NULL;
  g_autoptr (GError) local_error = NULL;
  char *line;

  g_return_val_if_fail (stock_dict_path != NULL, FALSE);
  g_return_val_if_fail (extra != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  data = open_dictionary (stock_dict_path, NULL, error);
  if (data == NULL)
    return FALSE;

  while ((line = g_data_input_stream_read_line (data, NULL, NULL, &local_error)))
    {
      g_autofree char *owned = line;
      g_autofree char *base = NULL;
      char            *word, *phones;
      gsize            len;

      if (!split_entry (line, &word, &len, &phones))
        continue;

      base = base_word (word, len);
      if (g_hash_table_contains (extra, base))
        continue;

      word[len] = '\0';
      if (!g_output_stream_printf (output, NULL, NULL, error, "%s %s\n", word, phones))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_FAILED,
                   _ ("The pronunciation dictionary “%s” could not be read: %s"),
                   stock_dict_path, local_error->message);
      return FALSE;
    }

  return prl_dictionary_write (extra, output, error);
}
