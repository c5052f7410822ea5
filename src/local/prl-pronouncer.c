/* prl-pronouncer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-pronouncer"

#include "config.h"

#include <string.h>

#include <espeak-ng/speak_lib.h>
#include <glib/gi18n.h>

#include "prl-dictionary.h"
#include "prl-pronouncer.h"

/*
 * PrlPronouncer gives every word a pronunciation in the phones of the
 * stock English acoustic model (the 39 ARPAbet phones of CMUdict, without
 * stress). Words of the stock dictionary keep their dictionary
 * pronunciation; other words (product names, drugs, jargon) are
 * phonemized by espeak-ng and its IPA is mapped to ARPAbet.
 *
 * espeak-ng keeps all its state in globals, so one process-wide mutex
 * guards its initialisation and every call. The dictionary is read once
 * and never changed, so lookups in it need no lock; the generated
 * pronunciations are cached under the instance's own lock.
 */

struct _PrlPronouncer
{
  GObject parent_instance;

  GHashTable *dictionary; /* (owned): word → phones, read-only */
  GMutex      lock;       /* guards generated */
  GHashTable *generated;  /* (owned): word → phones made by espeak-ng */
};

G_DEFINE_FINAL_TYPE (PrlPronouncer, prl_pronouncer, G_TYPE_OBJECT)

static GMutex espeak_lock;

static const char *const phone_set[] = {
  "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F",
  "G",  "HH", "IH", "IY", "JH", "K",  "L", "M",  "N", "NG", "OW", "OY", "P",  "R",
  "S",  "SH", "T",  "TH", "UH", "UW", "V", "W",  "Y", "Z",  "ZH", NULL,
};

/* espeak-ng's IPA for American English → ARPAbet. Length marks, stress
 * marks and ties are removed before matching, and the longest entry that
 * matches wins, so the r-coloured vowels and diphthongs come before their
 * parts. American English has no centring diphthongs, so espeak-ng's "ɪə"
 * is two syllables ("atrial" EY T R IY AH L). ARPAbet has no syllabic
 * consonants: they become AH + consonant, as in CMUdict ("button" B AH T
 * AH N). A flap or glottal stop is the T it usually stands for ("better"
 * B EH T ER). */
typedef struct
{
  const char *ipa;
  const char *arpabet;
} PhoneMap;

/* clang-format off */
static const PhoneMap ipa_map[] = {
  /* r-coloured vowels and vowels followed by r */
  { "aɪɚ", "AY ER" }, { "aɪə", "AY ER" }, { "aʊɚ", "AW ER" }, { "aʊə", "AW ER" },
  { "ɑɹ", "AA R" },   { "ɔɹ", "AO R" },   { "oɹ", "AO R" },   { "ɛɹ", "EH R" },
  { "eɹ", "EH R" },   { "ɪɹ", "IH R" },   { "iɹ", "IH R" },   { "ʊɹ", "UH R" },
  { "ɜɹ", "ER" },     { "əɹ", "ER" },     { "eə", "EH R" },   { "ɪə", "IY AH" },
  { "ʊə", "UW AH" },  { "ɚ", "ER" },      { "ɝ", "ER" },      { "ɜ", "ER" },
  /* diphthongs */
  { "aɪ", "AY" },     { "aʊ", "AW" },     { "eɪ", "EY" },     { "oʊ", "OW" },
  { "əʊ", "OW" },     { "ɔɪ", "OY" },     { "iə", "IY AH" },
  /* monophthongs */
  { "ɑ", "AA" },      { "ɒ", "AA" },      { "æ", "AE" },      { "a", "AE" },
  { "ʌ", "AH" },      { "ə", "AH" },      { "ɐ", "AH" },      { "ɔ", "AO" },
  { "ɛ", "EH" },      { "e", "EY" },      { "ɪ", "IH" },      { "ᵻ", "IH" },
  { "ɨ", "IH" },      { "i", "IY" },      { "o", "OW" },      { "ɵ", "OW" },
  { "ʊ", "UH" },      { "u", "UW" },
  /* syllabic consonants */
  { "əl", "AH L" },   { "l̩", "AH L" },    { "n̩", "AH N" },    { "m̩", "AH M" },
  /* consonants */
  { "tʃ", "CH" },     { "dʒ", "JH" },     { "p", "P" },       { "b", "B" },
  { "t", "T" },       { "d", "D" },       { "k", "K" },       { "ɡ", "G" },
  { "g", "G" },       { "f", "F" },       { "v", "V" },       { "θ", "TH" },
  { "ð", "DH" },      { "s", "S" },       { "z", "Z" },       { "ʃ", "SH" },
  { "ʒ", "ZH" },      { "h", "HH" },      { "x", "K" },       { "ç", "HH" },
  { "m", "M" },       { "n", "N" },       { "ŋ", "NG" },      { "l", "L" },
  { "ɫ", "L" },       { "ɬ", "L" },       { "ɹ", "R" },       { "r", "R" },
  { "ɾ", "T" },       { "ʔ", "T" },       { "w", "W" },       { "ʍ", "W" },
  { "j", "Y" },
};
/* clang-format on */

/* Marks that carry nothing ARPAbet can say: primary and secondary stress,
 * long and half-long, the zero-width joiner and the tie bar espeak-ng
 * puts inside affricates and diphthongs. */
static const gunichar ignored_marks[]
    = { 0x02C8, 0x02CC, 0x02D0, 0x02D1, 0x200D, 0x0361 };

const char *const *
prl_pronouncer_phone_set (void)
{
  return phone_set;
}

gboolean
prl_pronouncer_is_phone (const char *phone)
{
  for (guint i = 0; phone_set[i] != NULL; i++)
    if (g_strcmp0 (phone, phone_set[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_ignored (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (ignored_marks); i++)
    if (c == ignored_marks[i])
      return TRUE;

  return g_unichar_isspace (c) || c == '_' || c == '\'' || c == ',';
}

/**
 * prl_pronouncer_ipa_to_phones:
 * @ipa: IPA as espeak-ng writes it, phonemes optionally separated by "_"
 *
 * Maps @ipa to ARPAbet phones, dropping what has no equivalent.
 *
 * Returns: (transfer full): space-separated phones, possibly empty
 */
char *
prl_pronouncer_ipa_to_phones (const char *ipa)
{
  g_autoptr (GString) clean = g_string_new (NULL);
  g_autoptr (GString) phones = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (ipa != NULL, NULL);

  /* Phoneme boundaries do not matter: the longest match finds them again,
   * and multi-letter phonemes are in the table whole. */
  for (p = ipa; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_ignored (g_utf8_get_char (p)))
      g_string_append_unichar (clean, g_utf8_get_char (p));

  for (p = clean->str; *p != '\0';)
    {
      const PhoneMap *best = NULL;
      gsize           best_len = 0;

      for (guint i = 0; i < G_N_ELEMENTS (ipa_map); i++)
        {
          gsize len = strlen (ipa_map[i].ipa);

          if (len > best_len && strncmp (p, ipa_map[i].ipa, len) == 0)
            {
              best = &ipa_map[i];
              best_len = len;
            }
        }

      if (best == NULL)
        {
          g_debug ("No ARPAbet phone for U+%04X in “%s”", g_utf8_get_char (p), ipa);
          p = g_utf8_next_char (p);
          continue;
        }

      if (phones->len > 0)
        g_string_append_c (phones, ' ');
      g_string_append (phones, best->arpabet);
      p += best_len;
    }

  return g_string_free (g_steal_pointer (&phones), FALSE);
}

/* Called with espeak_lock held. */
static gboolean
ensure_espeak (GError **error)
{
  static gboolean ready = FALSE;
  static gboolean failed = FALSE;

  if (!ready && !failed)
    {
      /* Without DONT_EXIT, espeak-ng calls exit() when its data is missing. */
      failed = espeak_Initialize (AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL,
                                  espeakINITIALIZE_DONT_EXIT)
                   < 0
               || espeak_SetVoiceByName ("en-us") != EE_OK;
      ready = !failed;
    }

  if (failed)
    g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_PRONUNCIATION,
                 _ ("espeak-ng could not start, so new words cannot be given a "
                    "pronunciation. Install espeak-ng-data."));

  return ready;
}

/**
 * prl_pronouncer_generate:
 * @word: a word
 * @error: return location for a #GError
 *
 * Makes a pronunciation for @word with espeak-ng's American English voice,
 * whatever the dictionary says. Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): space-separated ARPAbet phones, or
 *   %NULL with @error set (%PRL_DECODER_ERROR_PRONUNCIATION)
 */
char *
prl_pronouncer_generate (const char *word, GError **error)
{
  g_autoptr (GString) ipa = g_string_new (NULL);
  g_autofree char *lower = NULL;
  g_autofree char *phones = NULL;
  const void      *text;

  g_return_val_if_fail (word != NULL, NULL);

  lower = g_utf8_strdown (word, -1);
  text = lower;

  g_mutex_lock (&espeak_lock);
  if (!ensure_espeak (error))
    {
      g_mutex_unlock (&espeak_lock);
      return NULL;
    }
  /* Each call translates up to a clause; the returned buffer is espeak's
   * own and is overwritten by the next call. */
  while (text != NULL)
    {
      const char *clause = espeak_TextToPhonemes (&text, espeakCHARS_UTF8,
                                                  espeakPHONEMES_IPA | ('_' << 8));

      if (clause != NULL)
        g_string_append_printf (ipa, "%s ", clause);
    }
  g_mutex_unlock (&espeak_lock);

  phones = prl_pronouncer_ipa_to_phones (ipa->str);
  g_debug ("“%s” → /%s/ → %s", word, ipa->str, phones);

  if (phones[0] == '\0')
    {
      g_set_error (error, PRL_DECODER_ERROR, PRL_DECODER_ERROR_PRONUNCIATION,
                   _ ("No pronunciation could be made for “%s”."), word);
      return NULL;
    }

  return g_steal_pointer (&phones);
}

static void
prl_pronouncer_finalize (GObject *object)
{
  PrlPronouncer *self = PRL_PRONOUNCER (object);

  g_clear_pointer (&self->dictionary, g_hash_table_unref);
  g_clear_pointer (&self->generated, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (prl_pronouncer_parent_class)->finalize (object);
}

static void
prl_pronouncer_class_init (PrlPronouncerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_pronouncer_finalize;
}

static void
prl_pronouncer_init (PrlPronouncer *self)
{
  g_mutex_init (&self->lock);
  self->generated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * prl_pronouncer_new:
 * @dict_path: the dictionary to prefer, in the CMU format
 * @error: return location for a #GError
 *
 * Reads @dict_path (a fraction of a second for the stock dictionary).
 *
 * Returns: (transfer full) (nullable): a pronouncer, or %NULL with @error
 *   set
 */
PrlPronouncer *
prl_pronouncer_new (const char *dict_path, GError **error)
{
  g_autoptr (PrlPronouncer) self = NULL;

  g_return_val_if_fail (dict_path != NULL, NULL);

  self = g_object_new (PRL_TYPE_PRONOUNCER, NULL);
  self->dictionary = prl_dictionary_load (dict_path, NULL, error);
  if (self->dictionary == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
prl_pronouncer_has_word (PrlPronouncer *self, const char *word)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (PRL_IS_PRONOUNCER (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  lower = g_utf8_strdown (word, -1);
  return g_hash_table_contains (self->dictionary, lower);
}

/**
 * prl_pronouncer_lookup:
 * @self: a #PrlPronouncer
 * @word: a word
 * @generated: (out) (optional): set to %TRUE when the pronunciation was
 *   made by espeak-ng rather than found in the dictionary
 * @error: return location for a #GError
 *
 * The pronunciation of @word: the dictionary's first one, or else one made
 * by espeak-ng. Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): space-separated ARPAbet phones, or
 *   %NULL with @error set
 */
char *
prl_pronouncer_lookup (PrlPronouncer *self,
                       const char    *word,
                       gboolean      *generated,
                       GError       **error)
{
  g_autofree char *lower = NULL;
  const char      *phones;
  char            *made;

  g_return_val_if_fail (PRL_IS_PRONOUNCER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  lower = g_utf8_strdown (word, -1);
  if ((phones = g_hash_table_lookup (self->dictionary, lower)) != NULL)
    {
      if (generated != NULL)
        *generated = FALSE;
      return g_strdup (phones);
    }

  if (generated != NULL)
    *generated = TRUE;

  g_mutex_lock (&self->lock);
  made = g_strdup (g_hash_table_lookup (self->generated, lower));
  g_mutex_unlock (&self->lock);
  if (made != NULL)
    return made;

  made = prl_pronouncer_generate (lower, error);
  if (made != NULL)
    {
      g_mutex_lock (&self->lock);
      g_hash_table_replace (self->generated, g_strdup (lower), g_strdup (made));
      g_mutex_unlock (&self->lock);
    }

  return made;
}
