/* test-pronouncer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pronouncer"

#include "config.h"

#include <string.h>

#include "prl-decoder.h"
#include "prl-dictionary.h"
#include "prl-pronouncer.h"

#include "decoder-test-util.h"

static PrlPronouncer *pronouncer;

/* Every phone must be one the acoustic model knows. Its mdef is binary,
 * but holds the names of its context-independent phones as strings
 * ending in NUL. */
static gboolean
model_has_phone (const char *phone)
{
  static char     *mdef;
  static gsize     len;
  g_autofree char *needle = g_strdup_printf ("%c%s%c", 0, phone, 0);

  if (mdef == NULL)
    {
      g_autofree char *hmm = prl_decoder_stock_hmm_dir ();
      g_autofree char *path = g_build_filename (hmm, "mdef", NULL);
      g_autoptr (GError) error = NULL;

      g_file_get_contents (path, &mdef, &len, &error);
      g_assert_no_error (error);
    }

  for (gsize i = 0; i + strlen (phone) + 2 <= len; i++)
    if (memcmp (mdef + i, needle, strlen (phone) + 2) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_valid_phones (const char *phones)
{
  g_auto (GStrv) list = g_strsplit (phones, " ", -1);

  g_assert_cmpuint (g_strv_length (list), >, 0);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_assert_true (prl_pronouncer_is_phone (list[i]));
      g_assert_true (model_has_phone (list[i]));
    }
}

static void
test_new_words (void)
{
  const char *words[]
      = { "kubernetes", "nginx", "metoprolol", "fibrillationish", "Parlance" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *phones = NULL;
      gboolean         generated = FALSE;

      phones = prl_pronouncer_lookup (pronouncer, words[i], &generated, &error);
      g_assert_no_error (error);
      g_test_message ("%s → %s%s", words[i], phones, generated ? " (espeak-ng)" : "");
      assert_valid_phones (phones);
      if (i < 4)
        g_assert_true (generated);
    }
}

static void
test_prefers_dictionary (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hello = NULL;
  g_autofree char *made = NULL;
  gboolean         generated = TRUE;

  hello = prl_pronouncer_lookup (pronouncer, "Hello", &generated, &error);
  g_assert_no_error (error);
  g_assert_false (generated);
  g_assert_cmpstr (hello, ==, "HH AH L OW");

  /* espeak-ng on its own agrees closely enough on a plain word. */
  made = prl_pronouncer_generate ("cat", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (made, ==, "K AE T");
}

static void
test_ipa_mapping (void)
{
  const struct
  {
    const char *ipa;
    const char *phones;
  } cases[] = {
    { "bˈʌʔn̩", "B AH T AH N" },           /* glottal stop, syllabic n */
    { "b_ˈɑː_ɾ_əl", "B AA T AH L" },      /* flap, syllabic l */
    { "t‍ʃˈɜːt‍ʃ", "CH ER CH" }, /* tied affricates */
    { "k_ˈɑːɹ", "K AA R" },               /* r-coloured vowel */
    { "f_ˈaɪɚ", "F AY ER" },              /* diphthong + schwar */
    { "b_ˈɔɪ", "B OY" },
    { "ʃ_ˈʊɹ", "SH UH R" },
    { "aɪ_d_ˈiə", "AY D IY AH" },
    { "θˈɪŋ", "TH IH NG" },
    { "m_ˈɛ_ʒ_ɚ", "M EH ZH ER" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *phones = prl_pronouncer_ipa_to_phones (cases[i].ipa);

      g_assert_cmpstr (phones, ==, cases[i].phones);
    }
}

static void
test_merged_dictionary (void)
{
  g_autofree char *stock = prl_decoder_stock_dict_path ();
  g_autoptr (GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_hash_table_insert (extra, (char *)"metoprolol", (char *)"M EH T AH P R AA L AA L");
  g_hash_table_insert (extra, (char *)"read", (char *)"R IY D");

  g_assert_true (prl_dictionary_write_merged (stock, extra, out, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));

  g_assert_nonnull (strstr (text, "\nmetoprolol M EH T AH P R AA L AA L\n"));
  /* The stock "read" and its variant are replaced, not duplicated. */
  g_assert_nonnull (strstr (text, "\nread R IY D\n"));
  g_assert_null (strstr (text, "\nread(2)"));
  g_assert_nonnull (strstr (text, "\nhello HH AH L OW\n"));

  g_hash_table_insert (extra, (char *)"bogus", (char *)"B Q S");
  g_clear_object (&out);
  out = g_memory_output_stream_new_resizable ();
  g_assert_false (prl_dictionary_write_merged (stock, extra, out, &error));
  g_assert_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_PRONUNCIATION);
}

static const char *thread_words[] = {
  "kubernetes", "hello",       "nginx", "metoprolol", "world", "grafana",
  "prometheus", "tachycardia", "the",   "zookeeper",  "kafka", "postgresql",
};

typedef struct
{
  guint       index;
  GHashTable *seen;
} Worker;

static gpointer
lookup_thread (gpointer data)
{
  Worker     *worker = data;
  GHashTable *seen = worker->seen;

  for (guint i = 0; i < 200; i++)
    {
      const char *word
          = thread_words[(i * 7 + worker->index) % G_N_ELEMENTS (thread_words)];
      g_autoptr (GError) error = NULL;
      g_autofree char *phones = NULL;

      /* Half the calls bypass the cache, so espeak-ng runs concurrently. */
      if (i % 2 == 0)
        phones = prl_pronouncer_generate (word, &error);
      else
        phones = prl_pronouncer_lookup (pronouncer, word, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (phones);
      if (i % 2 == 0)
        g_hash_table_replace (seen, g_strdup (word), g_steal_pointer (&phones));
    }

  return NULL;
}

static void
test_threads (void)
{
  GThread    *threads[4];
  GHashTable *seen[4];
  Worker      workers[4];

  for (guint i = 0; i < 4; i++)
    {
      seen[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      workers[i].index = i;
      workers[i].seen = seen[i];
      threads[i] = g_thread_new ("lookup", lookup_thread, &workers[i]);
    }
  for (guint i = 0; i < 4; i++)
    g_thread_join (threads[i]);

  /* espeak-ng gave every thread the same answer for the same word. */
  for (guint i = 1; i < 4; i++)
    {
      GHashTableIter iter;
      gpointer       key, value;

      g_hash_table_iter_init (&iter, seen[i]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_hash_table_contains (seen[0], key))
          g_assert_cmpstr (value, ==, g_hash_table_lookup (seen[0], key));
    }
  for (guint i = 0; i < 4; i++)
    g_hash_table_unref (seen[i]);
}

/* Acronyms are said letter by letter; anything but a–z is refused. */
static void
test_spell (void)
{
  struct
  {
    const char *word;
    const char *phones;
  } cases[] = {
    { "apu", "EY P IY Y UW" },
    { "FOD", "EH F OW D IY" },
    { "w", "D AH B AH L Y UW" },
    { "xyz", "EH K S W AY Z IY" },
    { "", NULL },
    { "a4", NULL },
    { "o-ring", NULL },
    { "café", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *spelled = prl_pronouncer_spell (cases[i].word);

      g_assert_cmpstr (spelled, ==, cases[i].phones);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *dict = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  skip_without_tools ();

  dict = prl_decoder_stock_dict_path ();
  pronouncer = prl_pronouncer_new (dict, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pronouncer/ipa-mapping", test_ipa_mapping);
  g_test_add_func ("/pronouncer/new-words", test_new_words);
  g_test_add_func ("/pronouncer/prefers-dictionary", test_prefers_dictionary);
  g_test_add_func ("/pronouncer/merged-dictionary", test_merged_dictionary);
  g_test_add_func ("/pronouncer/threads", test_threads);
  g_test_add_func ("/pronouncer/spell", test_spell);

  ret = g_test_run ();
  g_assert_finalize_object (pronouncer);

  return ret;
}
