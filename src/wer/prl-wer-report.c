/* prl-wer-report.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-wer-private.h"
#include "prl-wer-report.h"

/*
 * Reports of a corpus score: a readable summary, CSV with one row per
 * utterance, JSON for scripts, and sclite's pra and sgml layouts
 * (prl-wer-report-sclite.c). Every report is rendered into memory first so
 * that callers write all of it or nothing.
 */

#define DEFAULT_MAX_WORDS 20

static const char *const format_names[] = { "sum", "pra", "sgml", "csv", "json" };

gboolean
prl_wer_report_format_from_string (const char *name, PrlWerReportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *format = (PrlWerReportFormat)i;
        return TRUE;
      }
  return FALSE;
}

/* pra, sgml and CSV print the alignment of every utterance. */
gboolean
prl_wer_report_format_needs_alignment (PrlWerReportFormat format)
{
  return format == PRL_WER_REPORT_PRA || format == PRL_WER_REPORT_SGML
         || format == PRL_WER_REPORT_CSV;
}

static void
append_rate (GString *out, double rate)
{
  if (isnan (rate))
    g_string_append (out, _ ("n/a"));
  else
    g_string_append_printf (out, "%.1f%%", rate);
}

static void
append_counts_sum (GString *out, const PrlWerCounts *c, const char *unit)
{
  guint  n = c->ref_words;
  double d = n > 0 ? 100.0 / n : 0.0;

  g_string_append_printf (out, "  %-22s %9u\n", unit, n);
  g_string_append_printf (out, "  %-22s %9u  (%.1f%%)\n", _ ("Correct"), c->correct,
                          c->correct * d);
  g_string_append_printf (out, "  %-22s %9u  (%.1f%%)\n", _ ("Substitutions"),
                          c->substitutions, c->substitutions * d);
  g_string_append_printf (out, "  %-22s %9u  (%.1f%%)\n", _ ("Deletions"), c->deletions,
                          c->deletions * d);
  g_string_append_printf (out, "  %-22s %9u  (%.1f%%)\n", _ ("Insertions"), c->insertions,
                          c->insertions * d);
  g_string_append_printf (out, "  %-22s %9u  (", _ ("Errors"),
                          prl_wer_counts_get_errors (c));
  append_rate (out, prl_wer_counts_get_error_rate (c));
  g_string_append (out, ")\n");
}

static void
append_word_list (GString *out, const char *title, GPtrArray *words, guint max)
{
  if (words->len == 0)
    return;

  g_string_append_printf (out, "\n%s\n", title);
  for (guint i = 0; i < words->len && i < max; i++)
    {
      PrlWordCount *wc = g_ptr_array_index (words, i);

      g_string_append_printf (out, "  %6u  %s\n", wc->count, wc->word);
    }
}

static char *
render_sum (PrlCorpusScore         *score,
            const PrlWerReportInfo *info,
            const PrlWerComparison *cmp)
{
  g_autoptr (GPtrArray) missed = prl_corpus_score_get_missed_words (score);
  GString *out = g_string_new (NULL);
  guint    max = info->max_words ? info->max_words : DEFAULT_MAX_WORDS;

  g_string_append_printf (out, "%s\n", _ ("Word error rate"));
  g_string_append_printf (out, "  %-22s %s\n", _ ("Reference"), info->ref_name);
  g_string_append_printf (out, "  %-22s %s\n", _ ("Hypothesis"), info->hyp_name);
  g_string_append_printf (out, "  %-22s %s\n\n", _ ("Profile"),
                          prl_corpus_score_get_profile (score));
  g_string_append_printf (out, "  %-22s %9u\n", _ ("Utterances"),
                          prl_corpus_score_get_n_utterances (score));
  append_counts_sum (out, prl_corpus_score_get_words (score), _ ("Reference words"));
  g_string_append_printf (out, "  %-22s %9u  (", _ ("Sentences with errors"),
                          prl_corpus_score_get_n_sentence_errors (score));
  append_rate (out, prl_corpus_score_get_ser (score));
  g_string_append (out, ")\n");

  g_string_append_printf (out, "\n  %-22s ", _ ("WER"));
  append_rate (out, prl_corpus_score_get_wer (score));
  g_string_append_printf (out, "\n  %-22s ", _ ("SER"));
  append_rate (out, prl_corpus_score_get_ser (score));
  if (prl_corpus_score_get_flags (score) & PRL_WER_SCORE_CHARACTERS)
    {
      g_string_append_printf (out, "\n  %-22s ", _ ("CER"));
      append_rate (out, prl_corpus_score_get_cer (score));
    }
  g_string_append_c (out, '\n');

  append_word_list (out, _ ("Most missed words:"), missed, max);

  if (cmp != NULL)
    {
      g_string_append_printf (out, "\n%s %s\n", _ ("Compared with"), cmp->other_name);
      g_string_append_printf (out, "  %-22s ", _ ("WER of the other run"));
      append_rate (out, prl_corpus_score_get_wer (cmp->other));
      g_string_append_printf (out, "\n  %-22s %u %s, Z = %.3f, p = %.4f\n", _ ("MAPSSWE"),
                              cmp->mapsswe.n_segments, _ ("segments"), cmp->mapsswe.z,
                              cmp->mapsswe.p_value);
      g_string_append_printf (
          out, "  %-22s N(+) = %u, N(-) = %u, N(0) = %u, p = %.4f (%s)\n",
          _ ("Sign test"), cmp->sign_test.n_plus, cmp->sign_test.n_minus,
          cmp->sign_test.n_zero, cmp->sign_test.p_value,
          cmp->sign_test.by_speaker ? _ ("by speaker") : _ ("by utterance"));
      append_word_list (out, _ ("Words fixed (missed here, right in the other run):"),
                        cmp->words_fixed, max);
      append_word_list (out, _ ("Words broken (right here, missed in the other run):"),
                        cmp->words_broken, max);
    }

  return g_string_free (out, FALSE);
}

/**
 * prl_wer_csv_append_field:
 * @value: (nullable): the field; %NULL is an empty field
 *
 * Appends @value as one CSV field (RFC 4180): quoted, with its quotes
 * doubled, when it holds a comma, a quote or a line break.
 */
void
prl_wer_csv_append_field (GString *out, const char *value)
{
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
render_csv (PrlCorpusScore *score)
{
  GString *out = g_string_new ("id,speaker,ref_words,hyp_words,correct,substitutions,"
                               "deletions,insertions,errors,wer,reference,hypothesis,"
                               "reference_normalized,hypothesis_normalized\r\n");

  for (guint i = 0; i < prl_corpus_score_get_n_utterances (score); i++)
    {
      PrlUtteranceScore  *u = prl_corpus_score_get_utterance (score, i);
      const PrlWerCounts *c = &u->words;
      double              rate = prl_wer_counts_get_error_rate (c);
      g_autofree char    *ref_norm = u->ref_words ? g_strjoinv (" ", u->ref_words) : NULL;
      g_autofree char    *hyp_norm = u->hyp_words ? g_strjoinv (" ", u->hyp_words) : NULL;
      char                rate_str[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (!isnan (rate))
        g_ascii_formatd (rate_str, sizeof rate_str, "%.2f", rate);

      prl_wer_csv_append_field (out, u->id);
      g_string_append_c (out, ',');
      prl_wer_csv_append_field (out, u->speaker);
      g_string_append_printf (out, ",%u,%u,%u,%u,%u,%u,%u,%s,", c->ref_words,
                              c->hyp_words, c->correct, c->substitutions, c->deletions,
                              c->insertions, prl_wer_counts_get_errors (c), rate_str);
      prl_wer_csv_append_field (out, u->ref_text);
      g_string_append_c (out, ',');
      prl_wer_csv_append_field (out, u->hyp_text);
      g_string_append_c (out, ',');
      prl_wer_csv_append_field (out, ref_norm);
      g_string_append_c (out, ',');
      prl_wer_csv_append_field (out, hyp_norm);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/*
 * JSON is written directly, in json-glib's pretty layout (tests check the
 * output against JsonGenerator): building a JsonNode tree for the
 * per-utterance rows of a large corpus took longer than scoring it.
 */
typedef struct
{
  GString *out;
  guint    depth;
  gboolean first; /* no member or element yet at this depth */
} JsonOut;

static void
json_out_escape (GString *out, const char *s)
{
  const char *plain = s;

  g_string_append_c (out, '"');

  /* Most strings need no escape: copy them whole. */
  while ((guchar)*plain >= 0x20 && *plain != '"' && *plain != '\\')
    plain++;
  g_string_append_len (out, s, plain - s);

  for (s = plain; *s != '\0'; s++)
    {
      guchar c = (guchar)*s;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_out_indent (JsonOut *j)
{
  static const char spaces[] = "                                ";

  for (guint left = 2 * j->depth; left > 0;)
    {
      guint n = MIN (left, sizeof spaces - 1);

      g_string_append_len (j->out, spaces, n);
      left -= n;
    }
}

/* Starts a member (with @name) or an array element (@name NULL). */
static void
json_out_next (JsonOut *j, const char *name)
{
  if (!j->first)
    g_string_append_c (j->out, ',');
  g_string_append_c (j->out, '\n');
  j->first = FALSE;
  json_out_indent (j);
  if (name != NULL)
    {
      json_out_escape (j->out, name);
      g_string_append (j->out, " : ");
    }
}

static void
json_out_open (JsonOut *j, const char *name, char bracket)
{
  if (j->depth > 0)
    json_out_next (j, name);
  g_string_append_c (j->out, bracket);
  j->depth++;
  j->first = TRUE;
}

static void
json_out_close (JsonOut *j, char bracket)
{
  gboolean empty = j->first;

  j->depth--;
  j->first = FALSE;
  if (!empty)
    {
      g_string_append_c (j->out, '\n');
      json_out_indent (j);
    }
  g_string_append_c (j->out, bracket);
}

static void
json_out_string (JsonOut *j, const char *name, const char *value)
{
  json_out_next (j, name);
  if (value == NULL)
    g_string_append (j->out, "null");
  else
    json_out_escape (j->out, value);
}

static void
json_out_uint (JsonOut *j, const char *name, guint value)
{
  char  buf[16];
  char *p = buf + sizeof buf;

  /* Faster than printf, which showed in profiles of large corpora. */
  do
    *--p = '0' + value % 10;
  while ((value /= 10) > 0);
  json_out_next (j, name);
  g_string_append_len (j->out, p, buf + sizeof buf - p);
}

/* A rate, or null when there is none. */
static void
json_out_rate (JsonOut *j, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  json_out_next (j, name);
  if (isnan (value))
    {
      g_string_append (j->out, "null");
      return;
    }
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (j->out, buf);
  /* As json-glib does, so that a double never reads as an integer. */
  if (strchr (buf, '.') == NULL)
    g_string_append (j->out, ".0");
}

/* Formatting a double exactly as json-glib does is slow (multi-precision
 * printf), and most utterances share a few error and word counts: keep the
 * text of the rates of small counts. */
#define RATE_CACHE_SIZE 64

typedef struct
{
  char text[RATE_CACHE_SIZE][RATE_CACHE_SIZE][G_ASCII_DTOSTR_BUF_SIZE + 2];
} RateCache;

static void
json_out_utterance_rate (JsonOut *j, const PrlWerCounts *c, RateCache *cache)
{
  guint errors = prl_wer_counts_get_errors (c);
  char *text;

  if (errors >= RATE_CACHE_SIZE || c->ref_words >= RATE_CACHE_SIZE || c->ref_words == 0)
    {
      json_out_rate (j, "wer", prl_wer_counts_get_error_rate (c));
      return;
    }

  text = cache->text[errors][c->ref_words];
  if (text[0] == '\0')
    {
      GString *out = j->out;
      gsize    start = out->len;

      /* Render once through the slow path, then keep the value's text. */
      json_out_rate (j, "wer", prl_wer_counts_get_error_rate (c));
      start = strrchr (out->str + start, ':') - out->str + 2;
      g_strlcpy (text, out->str + start, sizeof cache->text[0][0]);
      return;
    }
  json_out_next (j, "wer");
  g_string_append (j->out, text);
}

static void
add_counts (JsonOut *j, const PrlWerCounts *c, const char *unit)
{
  json_out_uint (j, unit, c->ref_words);
  json_out_uint (j, "correct", c->correct);
  json_out_uint (j, "substitutions", c->substitutions);
  json_out_uint (j, "deletions", c->deletions);
  json_out_uint (j, "insertions", c->insertions);
  json_out_uint (j, "errors", prl_wer_counts_get_errors (c));
}

static void
add_word_list (JsonOut *j, const char *name, GPtrArray *words, guint max)
{
  json_out_open (j, name, '[');
  for (guint i = 0; i < words->len && i < max; i++)
    {
      PrlWordCount *wc = g_ptr_array_index (words, i);

      json_out_open (j, NULL, '{');
      json_out_string (j, "word", wc->word);
      json_out_uint (j, "count", wc->count);
      json_out_close (j, '}');
    }
  json_out_close (j, ']');
}

static char *
render_json (PrlCorpusScore         *score,
             const PrlWerReportInfo *info,
             const PrlWerComparison *cmp)
{
  g_autoptr (GPtrArray) missed = prl_corpus_score_get_missed_words (score);
  guint                 max = info->max_words ? info->max_words : 100;
  guint                 n = prl_corpus_score_get_n_utterances (score);
  JsonOut               j = { g_string_sized_new (1024 + 200 * (gsize)n), 0, TRUE };
  g_autofree RateCache *rates = g_new0 (RateCache, 1);

  json_out_open (&j, NULL, '{');
  json_out_string (&j, "reference", info->ref_name);
  json_out_string (&j, "hypothesis", info->hyp_name);
  json_out_string (&j, "profile", prl_corpus_score_get_profile (score));
  json_out_uint (&j, "utterances", n);
  add_counts (&j, prl_corpus_score_get_words (score), "words");
  json_out_rate (&j, "wer", prl_corpus_score_get_wer (score));
  json_out_uint (&j, "sentences_with_errors",
                 prl_corpus_score_get_n_sentence_errors (score));
  json_out_rate (&j, "ser", prl_corpus_score_get_ser (score));

  if (prl_corpus_score_get_flags (score) & PRL_WER_SCORE_CHARACTERS)
    {
      json_out_open (&j, "characters", '{');
      add_counts (&j, prl_corpus_score_get_chars (score), "characters");
      json_out_close (&j, '}');
      json_out_rate (&j, "cer", prl_corpus_score_get_cer (score));
    }

  add_word_list (&j, "missed_words", missed, max);

  json_out_open (&j, "per_utterance", '[');
  for (guint i = 0; i < n; i++)
    {
      PrlUtteranceScore *u = prl_corpus_score_get_utterance (score, i);

      json_out_open (&j, NULL, '{');
      json_out_string (&j, "id", u->id);
      add_counts (&j, &u->words, "words");
      json_out_utterance_rate (&j, &u->words, rates);
      json_out_close (&j, '}');
    }
  json_out_close (&j, ']');

  if (cmp != NULL)
    {
      json_out_open (&j, "comparison", '{');
      json_out_string (&j, "hypothesis", cmp->other_name);
      json_out_rate (&j, "wer", prl_corpus_score_get_wer (cmp->other));
      json_out_open (&j, "mapsswe", '{');
      json_out_uint (&j, "segments", cmp->mapsswe.n_segments);
      json_out_rate (&j, "mean", cmp->mapsswe.mean);
      json_out_rate (&j, "std_dev", cmp->mapsswe.std_dev);
      json_out_rate (&j, "z", isinf (cmp->mapsswe.z) ? NAN : cmp->mapsswe.z);
      json_out_rate (&j, "p", cmp->mapsswe.p_value);
      json_out_close (&j, '}');
      json_out_open (&j, "sign_test", '{');
      json_out_string (&j, "units", cmp->sign_test.by_speaker ? "speaker" : "utterance");
      json_out_uint (&j, "plus", cmp->sign_test.n_plus);
      json_out_uint (&j, "minus", cmp->sign_test.n_minus);
      json_out_uint (&j, "zero", cmp->sign_test.n_zero);
      json_out_rate (&j, "p", cmp->sign_test.p_value);
      json_out_close (&j, '}');
      add_word_list (&j, "words_fixed", cmp->words_fixed, max);
      add_word_list (&j, "words_broken", cmp->words_broken, max);
      json_out_close (&j, '}');
    }

  json_out_close (&j, '}');

  /* A report is a text file: end it with a newline like the others. */
  g_string_append_c (j.out, '\n');
  return g_string_free (j.out, FALSE);
}

/**
 * prl_wer_report_render:
 * @score: the corpus score
 * @format: the report format
 * @info: file names and title
 * @comparison: (nullable): a second run to compare with (sum and JSON only)
 *
 * pra, sgml and CSV need @score computed with %PRL_WER_SCORE_KEEP_ALIGNMENT.
 *
 * Returns: (transfer full): the whole report
 */
char *
prl_wer_report_render (PrlCorpusScore         *score,
                       PrlWerReportFormat      format,
                       const PrlWerReportInfo *info,
                       const PrlWerComparison *comparison)
{
  PrlWerReportInfo resolved;

  g_return_val_if_fail (score != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (
      !prl_wer_report_format_needs_alignment (format)
          || (prl_corpus_score_get_flags (score) & PRL_WER_SCORE_KEEP_ALIGNMENT),
      NULL);

  resolved = *info;
  if (resolved.ref_name == NULL)
    resolved.ref_name = "";
  if (resolved.hyp_name == NULL)
    resolved.hyp_name = "";
  if (resolved.title == NULL)
    resolved.title = resolved.hyp_name;

  switch (format)
    {
    case PRL_WER_REPORT_SUM:
      return render_sum (score, &resolved, comparison);

    case PRL_WER_REPORT_PRA:
      return _prl_wer_report_pra (score, &resolved);

    case PRL_WER_REPORT_SGML:
      return _prl_wer_report_sgml (score, &resolved);

    case PRL_WER_REPORT_CSV:
      return render_csv (score);

    case PRL_WER_REPORT_JSON:
      return render_json (score, &resolved, comparison);

    default:
      g_return_val_if_reached (NULL);
    }
}
