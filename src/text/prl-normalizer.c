/* prl-normalizer.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-normalizer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-file-open.h"
#include "prl-number-words.h"
#include "prl-text-error.h"
#include "prl-tokenizer.h"

#include "prl-normalizer.h"

/*
 * PrlNormalizer turns a transcript line into the words that are compared.
 * Each normalizer starts from a named, versioned profile; its identity
 * ("default@1", or "default@1+3fa2c1d0" once flags or the word map differ
 * from the profile) is stored with every score so that numbers computed
 * under different rules are never compared by accident.
 *
 * Bump a profile's version whenever its output changes for any input.
 *
 * A normalizer is configured on one thread and then only read:
 * prl_normalizer_normalize() may run on many threads at once.
 */

#define DEFAULT_FLAGS                                                                    \
  (PRL_NORMALIZE_FOLD_CASE | PRL_NORMALIZE_STRIP_PUNCTUATION                             \
   | PRL_NORMALIZE_KEEP_APOSTROPHES | PRL_NORMALIZE_KEEP_HYPHENS                         \
   | PRL_NORMALIZE_REMOVE_FILLERS | PRL_NORMALIZE_REMOVE_BRACKETED                       \
   | PRL_NORMALIZE_NUMBERS)

typedef struct
{
  const char       *name;
  guint             version;
  const char       *description;
  PrlNormalizeFlags flags;
} ProfileDef;

static const ProfileDef profiles[] = {
  { "none", 1, N_ ("Split on white space only and compare exactly (sclite -s)"),
    PRL_NORMALIZE_NONE },
  { "sclite", 1, N_ ("Split on white space and fold ASCII case (sclite’s default)"),
    PRL_NORMALIZE_FOLD_ASCII_CASE },
  { "default", 1,
    N_ ("Fold case, drop punctuation, fillers and bracketed text, normalize numbers"),
    DEFAULT_FLAGS },
  { "lenient", 1,
    N_ ("Like default, and also expand contractions and split hyphenated words"),
    (DEFAULT_FLAGS | PRL_NORMALIZE_EXPAND_CONTRACTIONS) & ~PRL_NORMALIZE_KEEP_HYPHENS },
};

static const char *const profile_names[]
    = { "none", "sclite", "default", "lenient", NULL };

/* Hesitations; "uh-huh" and "mhm" answer a question, so they stay. */
static const char *const fillers[] = {
  "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "eh", "hmm", "hm", "mm", "mmm",
};

static const struct
{
  const char *from;
  const char *to;
} contractions[] = {
  { "can't", "can not" },    { "won't", "will not" }, { "shan't", "shall not" },
  { "ain't", "is not" },     { "let's", "let us" },   { "y'all", "you all" },
  { "it's", "it is" },       { "that's", "that is" }, { "what's", "what is" },
  { "there's", "there is" }, { "here's", "here is" }, { "he's", "he is" },
  { "she's", "she is" },     { "who's", "who is" },   { "where's", "where is" },
  { "how's", "how is" },
};

static const struct
{
  const char *suffix;
  const char *word;
} contraction_suffixes[] = {
  { "n't", "not" },  { "'re", "are" }, { "'ve", "have" },
  { "'ll", "will" }, { "'m", "am" },   { "'d", "would" },
};

struct _PrlNormalizer
{
  GObject parent_instance;

  const ProfileDef *profile;
  PrlNormalizeFlags flags;
  GHashTable       *word_map; /* (owned) folded word → (owned) GStrv */
  char             *identity; /* (owned) */
};

G_DEFINE_FINAL_TYPE (PrlNormalizer, prl_normalizer, G_TYPE_OBJECT)

static void
update_identity (PrlNormalizer *self)
{
  g_autoptr (GString) options = NULL;
  g_autofree char     *digest = NULL;
  g_autofree gpointer *keys = NULL;
  guint                n_keys = 0;

  g_clear_pointer (&self->identity, g_free);

  if (self->flags == self->profile->flags && g_hash_table_size (self->word_map) == 0)
    {
      self->identity
          = g_strdup_printf ("%s@%u", self->profile->name, self->profile->version);
      return;
    }

  /* A stable digest of everything that differs from the named profile. */
  options = g_string_new (NULL);
  g_string_append_printf (options, "flags=%u\n", (guint)self->flags);
  keys = g_hash_table_get_keys_as_array (self->word_map, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), (GCompareFunc)g_strcmp0);
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *to
          = g_strjoinv (" ", g_hash_table_lookup (self->word_map, keys[i]));

      g_string_append_printf (options, "%s=%s\n", (char *)keys[i], to);
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, options->str, options->len);
  self->identity = g_strdup_printf ("%s@%u+%.8s", self->profile->name,
                                    self->profile->version, digest);
}

static void
prl_normalizer_finalize (GObject *object)
{
  PrlNormalizer *self = PRL_NORMALIZER (object);

  g_clear_pointer (&self->word_map, g_hash_table_unref);
  g_clear_pointer (&self->identity, g_free);

  G_OBJECT_CLASS (prl_normalizer_parent_class)->finalize (object);
}

static void
prl_normalizer_class_init (PrlNormalizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prl_normalizer_finalize;
}

static void
prl_normalizer_init (PrlNormalizer *self)
{
  self->word_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_strfreev);
}

static const ProfileDef *
find_profile (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_strcmp0 (profiles[i].name, name) == 0)
      return &profiles[i];
  return NULL;
}

const char *const *
prl_normalizer_list_profiles (void)
{
  return profile_names;
}

const char *
prl_normalizer_describe_profile (const char *profile)
{
  const ProfileDef *def = find_profile (profile);

  return def ? _ (def->description) : NULL;
}

PrlNormalizer *
prl_normalizer_new (const char *profile, GError **error)
{
  const ProfileDef *def = find_profile (profile ? profile : "default");
  PrlNormalizer    *self;

  if (def == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **)profile_names);

      g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_UNKNOWN_PROFILE,
                   _ ("Unknown normalization profile “%s” (known profiles: %s)"), profile,
                   known);
      return NULL;
    }

  self = g_object_new (PRL_TYPE_NORMALIZER, NULL);
  self->profile = def;
  self->flags = def->flags;
  update_identity (self);

  return self;
}

guint
prl_normalizer_get_version (PrlNormalizer *self)
{
  g_return_val_if_fail (PRL_IS_NORMALIZER (self), 0);

  return self->profile->version;
}

const char *
prl_normalizer_get_identity (PrlNormalizer *self)
{
  g_return_val_if_fail (PRL_IS_NORMALIZER (self), NULL);

  return self->identity;
}

PrlNormalizeFlags
prl_normalizer_get_flags (PrlNormalizer *self)
{
  g_return_val_if_fail (PRL_IS_NORMALIZER (self), 0);

  return self->flags;
}

void
prl_normalizer_set_flags (PrlNormalizer *self, PrlNormalizeFlags flags)
{
  g_return_if_fail (PRL_IS_NORMALIZER (self));

  self->flags = flags;
  update_identity (self);
}

static char *
fold_case (PrlNormalizer *self, const char *text)
{
  if (self->flags & PRL_NORMALIZE_FOLD_CASE)
    return g_utf8_strdown (text, -1);
  if (self->flags & PRL_NORMALIZE_FOLD_ASCII_CASE)
    return g_ascii_strdown (text, -1);
  return g_strdup (text);
}

/**
 * prl_normalizer_add_word_mapping:
 * @from: a single word, e.g. "ok"
 * @to: its replacement, one or more words, e.g. "okay"
 *
 * Adds a user mapping applied after every other rule.
 */
void
prl_normalizer_add_word_mapping (PrlNormalizer *self, const char *from, const char *to)
{
  g_autofree char *folded_to = NULL;
  g_autoptr (GPtrArray) words = g_ptr_array_new ();

  g_return_if_fail (PRL_IS_NORMALIZER (self));
  g_return_if_fail (from != NULL && *from != '\0');
  g_return_if_fail (to != NULL);

  folded_to = fold_case (self, to);
  prl_tokenize_unicode_into (folded_to, words);
  g_ptr_array_add (words, NULL);
  g_hash_table_replace (self->word_map, fold_case (self, from),
                        g_ptr_array_free (g_steal_pointer (&words), FALSE));
  update_identity (self);
}

/* Lines "from = to"; blank lines and lines starting with '#' are skipped.
 * Nothing is added unless the whole file is valid. */
gboolean
prl_normalizer_load_word_map (PrlNormalizer *self, const char *path, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) pairs = g_ptr_array_new ();
  guint64 size;
  gsize   length;

  g_return_val_if_fail (PRL_IS_NORMALIZER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Word maps are small; a pipe or a device is refused rather than read. */
  if (!(stream = prl_file_open_regular (path, PRL_WORD_MAP_MAX_SIZE, &size, NULL, error)))
    return FALSE;
  contents = g_malloc (size + 1);
  if (!g_input_stream_read_all (stream, contents, size, &length, NULL, error))
    {
      g_prefix_error (error, _ ("%s: "), path);
      return FALSE;
    }
  contents[length] = '\0';

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *from, *to, *eq;

      if (!g_utf8_validate (line, -1, NULL))
        {
          g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_INVALID_UTF8,
                       _ ("%s:%u: the word map is not valid UTF-8"), path, i + 1);
          return FALSE;
        }
      if (*line == '\0' || *line == '#')
        continue;

      eq = strchr (line, '=');
      if (eq != NULL)
        *eq = '\0';
      from = g_strstrip (line);
      to = eq ? g_strstrip (eq + 1) : NULL;
      if (to == NULL || *from == '\0' || *to == '\0' || strpbrk (from, " \t") != NULL)
        {
          g_set_error (error, PRL_TEXT_ERROR, PRL_TEXT_ERROR_INVALID_WORD_MAP,
                       _ ("%s:%u: expected “word = replacement”"), path, i + 1);
          return FALSE;
        }
      g_ptr_array_add (pairs, from);
      g_ptr_array_add (pairs, to);
    }

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    prl_normalizer_add_word_mapping (self, g_ptr_array_index (pairs, i),
                                     g_ptr_array_index (pairs, i + 1));

  return TRUE;
}

/* Replaces [noise], (laughs), <unk> and {breath} spans with a space. */
static char *
remove_bracketed (const char *text)
{
  GString    *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      const char *close = NULL;

      switch (*p)
        {
        case '[':
          close = strchr (p, ']');
          break;
        case '(':
          close = strchr (p, ')');
          break;
        case '<':
          close = strchr (p, '>');
          break;
        case '{':
          close = strchr (p, '}');
          break;
        default:
          break;
        }

      if (close != NULL)
        {
          g_string_append_c (out, ' ');
          p = close + 1;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_currency (gunichar c)
{
  return c == '$' || c == 0x20AC || c == 0x00A3;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
flush_piece (GString *piece, GPtrArray *out)
{
  if (piece->len > 0)
    g_ptr_array_add (out, g_strndup (piece->str, piece->len));
  g_string_truncate (piece, 0);
}

/*
 * Drops punctuation from one token, keeping word-internal apostrophes and
 * hyphens when asked to, and the characters numbers need: "3.5", "1,000",
 * "$5", "50%". A hyphen that is not kept splits the word.
 */
static void
strip_punctuation (PrlNormalizer *self, const char *token, GPtrArray *out)
{
  g_autoptr (GString) piece = g_string_new (NULL);
  gboolean keep_symbols = (self->flags & PRL_NORMALIZE_NUMBERS) != 0;
  gunichar prev = 0;

  /* A lone "%" or "$" belongs to the number next to it ("50 %"). */
  if (keep_symbols
      && (g_str_equal (token, "%") || g_str_equal (token, "$") || g_str_equal (token, "€")
          || g_str_equal (token, "£")))
    {
      g_ptr_array_add (out, g_strdup (token));
      return;
    }

  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar    c = g_utf8_get_char (p);
      const char *next_p = g_utf8_next_char (p);
      gunichar    next = *next_p ? g_utf8_get_char (next_p) : 0;
      gboolean    inside = is_word_char (prev) && is_word_char (next) && piece->len > 0;

      if (is_word_char (c))
        g_string_append_unichar (piece, c);
      else if (is_apostrophe (c))
        {
          if (inside && (self->flags & PRL_NORMALIZE_KEEP_APOSTROPHES))
            g_string_append_c (piece, '\'');
        }
      else if (is_hyphen (c))
        {
          if (inside && (self->flags & PRL_NORMALIZE_KEEP_HYPHENS))
            g_string_append_c (piece, '-');
          else
            flush_piece (piece, out);
        }
      else if ((c == '.' || c == ',') && g_unichar_isdigit (prev)
               && g_unichar_isdigit (next) && piece->len > 0)
        {
          if (c == '.')
            g_string_append_c (piece, '.');
        }
      else if (keep_symbols && c == '%' && g_unichar_isdigit (prev) && piece->len > 0)
        g_string_append_c (piece, '%');
      else if (keep_symbols && is_currency (c) && g_unichar_isdigit (next))
        {
          flush_piece (piece, out);
          g_string_append_unichar (piece, c);
        }
      else if (c == '/')
        flush_piece (piece, out);

      prev = c;
    }

  flush_piece (piece, out);
}

static gboolean
is_filler (const char *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
    if (g_str_equal (token, fillers[i]))
      return TRUE;
  return FALSE;
}

static void
append_words (GPtrArray *out, const char *words)
{
  prl_tokenize_unicode_into (words, out);
}

static void
expand_contraction (const char *token, GPtrArray *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (contractions); i++)
    if (g_str_equal (token, contractions[i].from))
      {
        append_words (out, contractions[i].to);
        return;
      }

  for (guint i = 0; i < G_N_ELEMENTS (contraction_suffixes); i++)
    {
      const char *suffix = contraction_suffixes[i].suffix;
      gsize       len = strlen (token), slen = strlen (suffix);

      if (len > slen && g_str_has_suffix (token, suffix))
        {
          g_ptr_array_add (out, g_strndup (token, len - slen));
          g_ptr_array_add (out, g_strdup (contraction_suffixes[i].word));
          return;
        }
    }

  g_ptr_array_add (out, g_strdup (token));
}

static gboolean
is_lone_symbol (const char *token)
{
  return g_str_equal (token, "%") || g_str_equal (token, "$") || g_str_equal (token, "€")
         || g_str_equal (token, "£");
}

/**
 * prl_normalizer_normalize:
 * @text: one utterance, valid UTF-8
 *
 * Returns: (transfer full): the words to compare, possibly empty
 */
GStrv
prl_normalizer_normalize (PrlNormalizer *self, const char *text)
{
  g_autoptr (GPtrArray) tokens = NULL;
  g_autofree char  *unbracketed = NULL;
  g_autofree char  *folded = NULL;
  PrlNormalizeFlags flags;

  g_return_val_if_fail (PRL_IS_NORMALIZER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  flags = self->flags;

  /* The raw profiles must stay byte-compatible with sclite, and fast. */
  if ((flags & ~PRL_NORMALIZE_FOLD_ASCII_CASE) == 0
      && g_hash_table_size (self->word_map) == 0)
    {
      GStrv words = prl_tokenize_ascii_space (text, -1);

      if (flags & PRL_NORMALIZE_FOLD_ASCII_CASE)
        for (guint i = 0; words[i] != NULL; i++)
          for (char *p = words[i]; *p != '\0'; p++)
            *p = g_ascii_tolower (*p);
      return words;
    }

  if (flags & PRL_NORMALIZE_REMOVE_BRACKETED)
    text = unbracketed = remove_bracketed (text);
  folded = fold_case (self, text);

  tokens = g_ptr_array_new_with_free_func (g_free);
  prl_tokenize_unicode_into (folded, tokens);

  if (flags & PRL_NORMALIZE_STRIP_PUNCTUATION)
    {
      g_autoptr (GPtrArray) stripped = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < tokens->len; i++)
        strip_punctuation (self, g_ptr_array_index (tokens, i), stripped);
      g_ptr_array_set_size (tokens, 0);
      g_ptr_array_extend_and_steal (tokens, g_steal_pointer (&stripped));
    }

  if (flags & (PRL_NORMALIZE_REMOVE_FILLERS | PRL_NORMALIZE_EXPAND_CONTRACTIONS))
    {
      g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < tokens->len; i++)
        {
          const char *token = g_ptr_array_index (tokens, i);

          if ((flags & PRL_NORMALIZE_REMOVE_FILLERS) && is_filler (token))
            continue;
          if (flags & PRL_NORMALIZE_EXPAND_CONTRACTIONS)
            expand_contraction (token, kept);
          else
            g_ptr_array_add (kept, g_strdup (token));
        }
      g_ptr_array_set_size (tokens, 0);
      g_ptr_array_extend_and_steal (tokens, g_steal_pointer (&kept));
    }

  if (flags & PRL_NORMALIZE_NUMBERS)
    {
      prl_number_words_normalize (tokens);
      for (guint i = tokens->len; i > 0; i--)
        if (is_lone_symbol (g_ptr_array_index (tokens, i - 1)))
          g_ptr_array_remove_index (tokens, i - 1);
    }

  if (g_hash_table_size (self->word_map) > 0)
    {
      g_autoptr (GPtrArray) mapped = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < tokens->len; i++)
        {
          const char *token = g_ptr_array_index (tokens, i);
          GStrv       to = g_hash_table_lookup (self->word_map, token);

          if (to == NULL)
            g_ptr_array_add (mapped, g_strdup (token));
          else
            for (guint j = 0; to[j] != NULL; j++)
              g_ptr_array_add (mapped, g_strdup (to[j]));
        }
      g_ptr_array_set_size (tokens, 0);
      g_ptr_array_extend_and_steal (tokens, g_steal_pointer (&mapped));
    }

  g_ptr_array_set_free_func (tokens, NULL);
  g_ptr_array_add (tokens, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
}

/**
 * prl_normalizer_normalize_packed:
 * @self: a normalizer
 * @text: the text
 *
 * prl_normalizer_normalize() in one allocation (see
 * prl_tokenize_ascii_space_packed()), and without an allocation per word
 * for the raw profiles.
 *
 * Returns: (transfer full): the words; free with g_free(), not g_strfreev()
 */
char **
prl_normalizer_normalize_packed (PrlNormalizer *self, const char *text)
{
  g_auto (GStrv) words = NULL;

  g_return_val_if_fail (PRL_IS_NORMALIZER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* The same test as prl_normalizer_normalize()'s raw path. */
  if ((self->flags & ~PRL_NORMALIZE_FOLD_ASCII_CASE) == 0
      && g_hash_table_size (self->word_map) == 0)
    return prl_tokenize_ascii_space_packed (text,
                                            self->flags & PRL_NORMALIZE_FOLD_ASCII_CASE);

  words = prl_normalizer_normalize (self, text);
  return prl_strv_pack ((const char *const *)words);
}
