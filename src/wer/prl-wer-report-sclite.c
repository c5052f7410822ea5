/* prl-wer-report-sclite.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-report-sclite"

#include "config.h"

#include <string.h>

#include "prl-alignment.h"
#include "prl-wer-private.h"
#include "prl-wer-report.h"

/*
 * Reports in sclite's own layouts, so that existing scripts and sc_stats
 * can read them: "pra" (REF / HYP / Eval lines per utterance) and "sgml"
 * (the alignment dump sc_stats reads). The layout, including sclite's
 * spelling of "Case_sensitve", follows sclite 2.10 byte for byte, except
 * the creation date.
 *
 * sclite groups utterances by speaker, speakers in order of first
 * appearance in the hypothesis file. Like sclite, when case is folded the
 * words of errors are shown in upper case; column widths count bytes.
 */

#define PRA_LINE_WIDTH 1000

typedef struct
{
  const char *speaker;
  GPtrArray  *utterances; /* (owned) PrlUtteranceScore, not owned */
} Speaker;

static void
speaker_free (gpointer data)
{
  Speaker *spk = data;

  g_ptr_array_unref (spk->utterances);
  g_free (spk);
}

static GPtrArray *
group_by_speaker (PrlCorpusScore *score)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *speakers = g_ptr_array_new_with_free_func (speaker_free);

  for (guint i = 0; i < prl_corpus_score_get_n_utterances (score); i++)
    {
      PrlUtteranceScore *u = prl_corpus_score_get_utterance (score, i);
      Speaker           *spk = g_hash_table_lookup (seen, u->speaker);

      if (spk == NULL)
        {
          spk = g_new0 (Speaker, 1);
          spk->speaker = u->speaker;
          spk->utterances = g_ptr_array_new ();
          g_ptr_array_add (speakers, spk);
          g_hash_table_insert (seen, u->speaker, spk);
        }
      g_ptr_array_add (spk->utterances, u);
    }

  return speakers;
}

static gboolean
folds_case (PrlCorpusScore *score)
{
  const char *profile = prl_corpus_score_get_profile (score);

  /* Only the exact-comparison profile keeps case. */
  return !g_str_has_prefix (profile, "none@");
}

/* A missing word is shown as stars; a present one is padded with spaces. */
static void
append_column (GString *line, const char *word, gsize width)
{
  gsize len = word ? strlen (word) : 0;

  if (word != NULL)
    g_string_append (line, word);
  for (gsize k = len; k < width; k++)
    g_string_append_c (line, word ? ' ' : '*');
  g_string_append_c (line, ' ');
}

/* ASCII only, as sclite's toupper() in the C locale. */
static void
ascii_upper_inplace (char *s)
{
  for (; *s != '\0'; s++)
    *s = g_ascii_toupper (*s);
}

static void
append_pra_alignment (GString *out, const PrlUtteranceScore *u, gboolean upper_errors)
{
  g_autoptr (GString) ref = g_string_new ("REF:  ");
  g_autoptr (GString) hyp = g_string_new ("HYP:  ");
  g_autoptr (GString) eval = g_string_new ("Eval: ");
  guint r = 0, h = 0;

  for (guint k = 0; k < u->n_ops; k++)
    {
      PrlAlignOp       op = u->ops[k];
      g_autofree char *rw = NULL;
      g_autofree char *hw = NULL;
      char             letter[2] = { prl_align_op_to_char (op), '\0' };
      gsize            width;

      if (op != PRL_ALIGN_INSERTION)
        rw = g_strdup (u->ref_words[r++]);
      if (op != PRL_ALIGN_DELETION)
        hw = g_strdup (u->hyp_words[h++]);

      if (op != PRL_ALIGN_CORRECT && upper_errors)
        {
          if (rw != NULL)
            ascii_upper_inplace (rw);
          if (hw != NULL)
            ascii_upper_inplace (hw);
        }

      width = MAX (rw ? strlen (rw) : 0, hw ? strlen (hw) : 0);

      /* sclite wraps at its default -l width, continuing with ">> ". */
      if (ref->len + width + 1 > PRA_LINE_WIDTH - 1 && k > 0)
        {
          g_string_append_printf (out, "%s\n%s\n%s\n\n", ref->str, hyp->str, eval->str);
          g_string_assign (ref, ">> REF:  ");
          g_string_assign (hyp, ">> HYP:  ");
          g_string_assign (eval, ">> Eval: ");
        }

      append_column (ref, rw, width);
      append_column (hyp, hw, width);
      append_column (eval, op == PRL_ALIGN_CORRECT ? "" : letter, width);
    }

  g_string_append_printf (out, "%s\n%s\n%s\n", ref->str, hyp->str, eval->str);
}

char *
_prl_wer_report_pra (PrlCorpusScore *score, const PrlWerReportInfo *info)
{
  g_autoptr (GPtrArray) speakers = group_by_speaker (score);
  GString *out = g_string_new (NULL);
  gboolean fold = folds_case (score);

  g_string_append (out, "\n\n\t\tDUMP OF SYSTEM ALIGNMENT STRUCTURE\n\n");
  g_string_append_printf (out, "System name:   %s\n\n", info->title);
  g_string_append (out, "Speakers: \n");
  for (guint s = 0; s < speakers->len; s++)
    g_string_append_printf (out, "%5u:  %s\n", s,
                            ((Speaker *)g_ptr_array_index (speakers, s))->speaker);
  g_string_append_c (out, '\n');

  for (guint s = 0; s < speakers->len; s++)
    {
      Speaker *spk = g_ptr_array_index (speakers, s);

      g_string_append_printf (out, "Speaker sentences %3u:  %s   #utts: %u\n", s,
                              spk->speaker, spk->utterances->len);
      for (guint i = 0; i < spk->utterances->len; i++)
        {
          PrlUtteranceScore *u = g_ptr_array_index (spk->utterances, i);

          g_string_append_printf (out, "id: (%s)\n", u->id);
          g_string_append_printf (out, "Scores: (#C #S #D #I) %u %u %u %u\n",
                                  u->words.correct, u->words.substitutions,
                                  u->words.deletions, u->words.insertions);
          if (!fold)
            g_string_append (out, "Attributes: Case_sensitve \n");
          if (u->n_ops > 0)
            append_pra_alignment (out, u, fold);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

char *
_prl_wer_report_sgml (PrlCorpusScore *score, const PrlWerReportInfo *info)
{
  g_autoptr (GPtrArray) speakers = group_by_speaker (score);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  GString         *out = g_string_new (NULL);
  gboolean         fold = folds_case (score);

  /* ctime()'s layout, as sclite writes it. */
  date = g_date_time_format (info->creation_date ? info->creation_date : now,
                             "%a %b %e %H:%M:%S %Y");

  g_string_append_printf (
      out,
      "<SYSTEM title=\"%s\" ref_fname=\"%s\" hyp_fname=\"%s\" "
      "creation_date=\"%s\" format=\"2.4\" frag_corr=\"FALSE\" "
      "opt_del=\"FALSE\" weight_ali=\"FALSE\" weight_filename=\"\">\n",
      info->title, info->ref_name, info->hyp_name, date);

  for (guint s = 0; s < speakers->len; s++)
    {
      Speaker *spk = g_ptr_array_index (speakers, s);

      g_string_append_printf (out, "<SPEAKER id=\"%s\">\n", spk->speaker);
      for (guint i = 0; i < spk->utterances->len; i++)
        {
          PrlUtteranceScore *u = g_ptr_array_index (spk->utterances, i);
          guint              r = 0, h = 0;

          g_string_append_printf (
              out, "<PATH id=\"(%s)\" word_cnt=\"%u\" sequence=\"%u\"%s>\n", u->id,
              u->n_ops, u->index, fold ? "" : " case_sense=\"1\"");
          for (guint k = 0; k < u->n_ops; k++)
            {
              PrlAlignOp op = u->ops[k];

              if (k > 0)
                g_string_append_c (out, ':');
              g_string_append_c (out, prl_align_op_to_char (op));
              g_string_append_c (out, ',');
              if (op != PRL_ALIGN_INSERTION)
                g_string_append_printf (out, "\"%s\"", u->ref_words[r++]);
              g_string_append_c (out, ',');
              if (op != PRL_ALIGN_DELETION)
                g_string_append_printf (out, "\"%s\"", u->hyp_words[h++]);
            }
          g_string_append (out, "\n</PATH>\n");
        }
      g_string_append (out, "</SPEAKER>\n");
    }
  g_string_append (out, "</SYSTEM>\n");

  return g_string_free (out, FALSE);
}
