/* prl-leaderboard-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-leaderboard-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prl-gui-util.h"

#include "prl-provider-info.h"
#include "prl-leaderboard-view.h"

/* The leaderboard of one evaluation: a line per system (the stock model,
 * then the versions oldest first) with the corpus scores and how each
 * version compares with the stock model, a plain-worded notice when the
 * newest version is not the best, and the WER chart, which can be saved.
 *
 * Rows are boxes of labels whose columns share GtkSizeGroups with the
 * header, so the numbers line up while every row stays one GtkListBoxRow
 * with a readable accessible label.
 */

enum
{
  COLUMN_SYSTEM,
  COLUMN_PROVIDER,
  COLUMN_WER,
  COLUMN_SER,
  COLUMN_SDI,
  COLUMN_UTTERANCES,
  COLUMN_WORDS,
  COLUMN_CHANGE,
  COLUMN_SIGNIFICANCE,
  N_COLUMNS
};

static const struct
{
  const char *title;
  const char *tooltip;
} column_titles[N_COLUMNS] = {
  { N_ ("System"), NULL },
  { N_ ("Provider"), N_ ("Who transcribed: the embedded engine or a cloud service") },
  { N_ ("WER"), N_ ("Word error rate: errors per reference word") },
  { N_ ("SER"), N_ ("Sentence error rate: utterances with at least one error") },
  { N_ ("S / D / I"), N_ ("Substitutions, deletions and insertions") },
  { N_ ("Utterances"), NULL },
  { N_ ("Words"), N_ ("Reference words") },
  { N_ ("Change"), N_ ("WER against the stock model, in percentage points") },
  { N_ ("Significance"),
    N_ ("How likely the change against the stock model is chance; below 0.05 counts as "
        "significant") },
};

#define SIGNIFICANCE_LEVEL 0.05

/* Below this many test utterances a significance test says little: a
 * sign test on 5 utterances cannot reach p < 0.05 at all, and the
 * matched-pairs test's normal approximation needs more segments. */
#define MIN_SIGNIFICANCE_UTTERANCES 10

struct _PrlLeaderboardView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack    *stack;
  GtkLabel    *test_set_label;
  GtkWidget   *notice_box;
  GtkLabel    *notice_label;
  GtkLabel    *wer_note_label;
  GtkBox      *header_box;
  GtkListBox  *list_box;
  PrlWerChart *chart;

  GtkSizeGroup    *columns[N_COLUMNS]; /* (owned) */
  PrlEvalRun      *run;                /* (owned) (nullable) */
  GtkNativeDialog *save_chooser;       /* (owned) (nullable) */
  gboolean         save_svg;
};

G_DEFINE_FINAL_TYPE (PrlLeaderboardView, prl_leaderboard_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Another model's stock row names that model: its provider's stock
 * model, reached through its account. */
static const char *
system_name (const PrlEvalRow *row)
{
  static GMutex   lock;
  static GString *scratch;

  if (row->version != NULL)
    return row->version;
  if (!row->foreign)
    return _ ("Stock model");
  /* Only the main thread builds rows: the scratch buffer is enough. */
  g_mutex_lock (&lock);
  if (scratch == NULL)
    scratch = g_string_new (NULL);
  /* Translators: the stock model of another model's provider, e.g.
   * "Stock model (clinic-aws)" */
  g_string_printf (scratch, _ ("Stock model (%s)"), row->model);
  g_mutex_unlock (&lock);
  return scratch->str;
}

/* The run's own stock model: what every change is measured against. */
static gboolean
is_reference (const PrlEvalRow *row)
{
  return row->version == NULL && !row->foreign;
}

static const char *
provider_name (const PrlEvalRow *row)
{
  const PrlProviderInfo *info
      = row->provider ? prl_provider_info_lookup (row->provider) : NULL;

  return info != NULL ? prl_provider_info_get_display_name (info)
                      : (row->provider ? row->provider : "");
}

static char *
format_percent (double value)
{
  return g_strdup_printf ("%.2f%%", value);
}

/* "Stock model, WER 109.09%, the reference" or "cardio-…, WER 15.15%,
 * 93.94 points better than stock"; an AT-SPI test reads this format. */
static char *
format_accessible_label (const PrlEvalRow *row)
{
  g_autofree char *wer = format_percent (row->wer);
  g_autofree char *points = g_strdup_printf ("%.2f", fabs (row->wer_change));
  g_autofree char *change = NULL;

  if (is_reference (row))
    /* Translators: the stock model's line of the leaderboard, read by screen readers */
    change = g_strdup (_ ("the reference"));
  else if (fabs (row->wer_change) < 0.005)
    change = g_strdup (_ ("same as stock"));
  else if (row->wer_change < 0)
    change = g_strdup_printf (_ ("%s points better than stock"), points);
  else
    change = g_strdup_printf (_ ("%s points worse than stock"), points);

  /* Translators: a leaderboard line for screen readers: name, WER, change */
  return g_strdup_printf (_ ("%s, WER %s, %s"), system_name (row), wer, change);
}

/* "−93.94 pts", with a real minus sign; "+1.50 pts" when worse. */
static char *
format_change (const PrlEvalRow *row)
{
  g_autofree char *points = NULL;

  if (is_reference (row))
    /* Translators: the change column of the stock model's line */
    return g_strdup (_ ("Reference"));

  if (fabs (row->wer_change) < 0.005)
    points = g_strdup ("0.00");
  else
    points = g_strdup_printf ("%s%.2f", row->wer_change < 0 ? "−" : "+",
                              fabs (row->wer_change));
  /* Translators: percentage points of WER, e.g. "−93.94 pts" */
  return g_strdup_printf (_ ("%s pts"), points);
}

static char *
format_p_value (const PrlEvalRow *row)
{
  g_autofree char *value = NULL;

  if (is_reference (row) || row->p_value < 0)
    return g_strdup (_ ("—"));

  if (row->p_value < 0.0001)
    return g_strdup ("p < 0.0001");
  value = g_strdup_printf ("%.4f", row->p_value);
  return g_strdup_printf ("p = %s", value);
}

static gboolean
sample_too_small (const PrlEvalRow *row)
{
  return !is_reference (row)
         && (row->utterances < MIN_SIGNIFICANCE_UTTERANCES || row->p_value < 0);
}

static const char *
format_significance (const PrlEvalRow *row)
{
  if (is_reference (row))
    return "";
  if (sample_too_small (row))
    /* Translators: in the significance column, instead of "significant" */
    return _ ("sample too small");
  return row->p_value < SIGNIFICANCE_LEVEL ? _ ("significant") : _ ("not significant");
}

static GtkWidget *
new_cell_label (const char *name, const char *text, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  return label;
}

static GtkWidget *
new_row_box (PrlLeaderboardView *self, GtkWidget *cells[N_COLUMNS])
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      gtk_size_group_add_widget (self->columns[i], cells[i]);
      gtk_widget_set_valign (cells[i], GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), cells[i]);
    }
  gtk_widget_set_hexpand (cells[COLUMN_SYSTEM], TRUE);
  return box;
}

static void
build_header (PrlLeaderboardView *self)
{
  GtkWidget *cells[N_COLUMNS];
  GtkWidget *box;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      cells[i] = new_cell_label ("header", _ (column_titles[i].title),
                                 i == COLUMN_SYSTEM || i == COLUMN_PROVIDER ? 0 : 1);
      gtk_widget_add_css_class (cells[i], "caption-heading");
      if (column_titles[i].tooltip != NULL)
        gtk_widget_set_tooltip_text (cells[i], _ (column_titles[i].tooltip));
    }

  box = new_row_box (self, cells);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (self->header_box, box);
}

/* The base the model's newest version was built on: a version on
 * another one is from before an upgrade (or the provider's base changed
 * since), which its row says, so that old-base and new-base versions
 * read side by side. */
static const char *
newest_base (PrlLeaderboardView *self)
{
  guint n = prl_eval_run_get_n_systems (self->run);

  while (n > 1 && prl_eval_run_get_row (self->run, n - 1)->foreign)
    n--;
  if (n < 2 || prl_eval_run_get_row (self->run, n - 1)->version == NULL)
    return NULL;
  return prl_eval_run_get_row (self->run, n - 1)->base_model;
}

static GtkWidget *
create_row (PrlLeaderboardView *self, const PrlEvalRow *row, gboolean best)
{
  GtkWidget       *cells[N_COLUMNS];
  GtkWidget       *name_box, *title_box, *name, *badge, *base, *significance_box;
  GtkWidget       *row_widget, *box;
  g_autofree char *accessible = format_accessible_label (row);
  g_autofree char *wer = format_percent (row->wer);
  g_autofree char *ser = format_percent (row->ser);
  g_autofree char *sdi = g_strdup_printf ("%u / %u / %u", row->substitutions,
                                          row->deletions, row->insertions);
  g_autofree char *utterances = g_strdup_printf ("%u", row->utterances);
  g_autofree char *words = g_strdup_printf ("%u", row->words);
  g_autofree char *change = format_change (row);
  g_autofree char *p_value = format_p_value (row);
  g_autofree char *base_text = NULL;

  /* Name, the "Best" badge, and the model the system was built on. */
  name = new_cell_label ("name", system_name (row), 0);
  gtk_widget_add_css_class (name, "heading");
  badge = new_cell_label ("best", _ ("Best"), 0.5);
  gtk_widget_add_css_class (badge, "leaderboard-best");
  gtk_widget_set_tooltip_text (badge, _ ("The lowest word error rate"));
  gtk_widget_set_visible (badge, best);
  title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (title_box), name);
  gtk_box_append (GTK_BOX (title_box), badge);

  if (row->version == NULL)
    base_text = g_strdup (row->base_model ? row->base_model : "");
  else if (!row->foreign && row->base_model != NULL && newest_base (self) != NULL
           && g_strcmp0 (row->base_model, newest_base (self)) != 0)
    /* Translators: a version built on another base than the model's
     * newest version (before an upgrade) */
    base_text = g_strdup_printf (_ ("Built on %s (older base)"), row->base_model);
  else
    /* Translators: the stock model a version was trained on */
    base_text = g_strdup_printf (_ ("Built on %s"),
                                 row->base_model ? row->base_model : _ ("—"));
  base = new_cell_label ("base", base_text, 0);
  gtk_widget_add_css_class (base, "dim-label");
  gtk_widget_add_css_class (base, "caption");

  name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (name_box), title_box);
  gtk_box_append (GTK_BOX (name_box), base);
  cells[COLUMN_SYSTEM] = name_box;

  cells[COLUMN_PROVIDER] = new_cell_label ("provider", provider_name (row), 0);
  cells[COLUMN_WER] = new_cell_label ("wer", wer, 1);
  if (row->wer > 100.0)
    gtk_widget_set_tooltip_text (cells[COLUMN_WER],
                                 _ ("Above 100 %: more inserted words "
                                    "than the reference has; see below"));
  cells[COLUMN_SER] = new_cell_label ("ser", ser, 1);
  cells[COLUMN_SDI] = new_cell_label ("sdi", sdi, 1);
  cells[COLUMN_UTTERANCES] = new_cell_label ("utterances", utterances, 1);
  cells[COLUMN_WORDS] = new_cell_label ("words", words, 1);
  cells[COLUMN_CHANGE] = new_cell_label ("change", change, 1);
  for (guint i = COLUMN_WER; i <= COLUMN_CHANGE; i++)
    gtk_widget_add_css_class (cells[i], "numeric");

  significance_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (significance_box), new_cell_label ("p-value", p_value, 1));
  if (*format_significance (row) != '\0')
    {
      GtkWidget *verdict = new_cell_label ("significance", format_significance (row), 1);

      gtk_widget_add_css_class (verdict, "caption");
      gtk_box_append (GTK_BOX (significance_box), verdict);
    }
  if (sample_too_small (row))
    {
      g_autofree char *tip = g_strdup_printf (
          g_dngettext (
              NULL,
              "Only %u test utterance: too few to tell a real difference from "
              "chance. Add test pairs (at least %u) and run the evaluation again.",
              "Only %u test utterances: too few to tell a real difference from "
              "chance. Add test pairs (at least %u) and run the evaluation again.",
              row->utterances),
          row->utterances, MIN_SIGNIFICANCE_UTTERANCES);

      gtk_widget_set_tooltip_text (significance_box, tip);
    }
  else if (row->p_method != NULL)
    gtk_widget_set_tooltip_text (
        significance_box, g_strcmp0 (row->p_method, "sign-test") == 0
                              ? _ ("Sign test on the utterances")
                              : _ ("Matched-pairs sentence-segment word error test"));
  cells[COLUMN_SIGNIFICANCE] = significance_box;

  box = new_row_box (self, cells);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  row_widget = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row_widget), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row_widget), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* What the badge and the significance column show, for screen readers. */
  {
    g_autoptr (GString) description = g_string_new (NULL);

    if (best)
      g_string_append (description, _ ("Best"));
    if (*format_significance (row) != '\0')
      g_string_append_printf (description, "%s%s, %s", description->len ? "; " : "",
                              p_value, format_significance (row));
    if (description->len > 0)
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description->str, -1);
  }
  return row_widget;
}

static void
update_notice (PrlLeaderboardView *self)
{
  const PrlEvalRow *newest, *best;
  g_autofree char  *newest_wer = NULL;
  g_autofree char  *best_wer = NULL;
  g_autofree char  *text = NULL;
  guint             n = prl_eval_run_get_n_systems (self->run);
  guint             best_system = 0;

  if (n < 2 || !prl_eval_run_get_newest_not_better (self->run, &best_system)
      || best_system >= n)
    {
      gtk_widget_set_visible (self->notice_box, FALSE);
      return;
    }

  /* Other models' rows come after the model's own newest version. */
  while (n > 1 && prl_eval_run_get_row (self->run, n - 1)->foreign)
    n--;
  newest = prl_eval_run_get_row (self->run, n - 1);
  best = prl_eval_run_get_row (self->run, best_system);
  newest_wer = format_percent (newest->wer);
  best_wer = format_percent (best->wer);
  /* Translators: "The newest version, cardio-…, is not better than
   * cardio-… (WER 15.15% vs 14.00%)." */
  text = g_strdup_printf (
      _ ("The newest version, %s, is not better than %s (WER %s vs %s)."),
      system_name (newest), best->version ? best->version : _ ("the stock model"),
      newest_wer, best_wer);
  gtk_label_set_label (self->notice_label, text);
  gtk_widget_set_visible (self->notice_box, TRUE);
}

/* A WER above 100 % looks like a bug; it is not: errors are counted
 * against the reference words, and a model can insert any number of
 * words that are not there. */
static void
update_wer_note (PrlLeaderboardView *self)
{
  guint n = prl_eval_run_get_n_systems (self->run);

  for (guint i = 0; i < n; i++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (self->run, i);

      if (row->wer > 100.0)
        {
          g_autofree char *wer = format_percent (row->wer);
          g_autofree char *text = g_strdup_printf (
              /* Translators: the name of a system, its WER, then numbers of words */
              _ ("%s has a WER of %s, above 100 %%: the word error rate counts "
                 "substitutions, deletions and insertions against the %u words of the "
                 "reference, and it inserted %u words that are not there. This happens "
                 "with noise or silence heard as words, or a reference that covers only "
                 "part of the audio."),
              system_name (row), wer, row->words, row->insertions);

          gtk_label_set_label (self->wer_note_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->wer_note_label), TRUE);
          return;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->wer_note_label), FALSE);
}

static void
rebuild (PrlLeaderboardView *self)
{
  g_autofree char *utterances = NULL;
  g_autofree char *words = NULL;
  g_autofree char *n_utterances = NULL;
  g_autofree char *n_words = NULL;
  g_autofree char *test_set = NULL;
  GtkWidget       *child;
  guint            n = self->run ? prl_eval_run_get_n_systems (self->run) : 0;
  guint            best;
  guint            n_utt, n_ref;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  prl_wer_chart_set_run (self->chart, n > 0 ? self->run : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leaderboard.save-png", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leaderboard.save-svg", n > 0);

  if (n == 0)
    {
      gtk_widget_set_visible (self->notice_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->wer_note_label), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  n_utt = prl_eval_run_get_n_utterances (self->run);
  n_ref = prl_eval_run_get_row (self->run, 0)->words;
  n_utterances = g_strdup_printf ("%u", n_utt);
  n_words = g_strdup_printf ("%u", n_ref);
  utterances = g_strdup_printf (
      g_dngettext (NULL, "%s utterance", "%s utterances", n_utt), n_utterances);
  words = g_strdup_printf (g_dngettext (NULL, "%s word", "%s words", n_ref), n_words);
  /* Translators: "Test set: 4 utterances, 33 words" */
  test_set = g_strdup_printf (_ ("Test set: %s, %s"), utterances, words);
  gtk_label_set_label (self->test_set_label, test_set);

  best = prl_eval_run_get_best_system (self->run);

  for (guint i = 0; i < n; i++)
    gtk_list_box_append (
        self->list_box,
        create_row (self, prl_eval_run_get_row (self->run, i), n > 1 && i == best));

  update_notice (self);
  update_wer_note (self);
  gtk_stack_set_visible_child_name (self->stack, "board");
}

/* Saving the chart */

#define EXPORT_WIDTH 800

static void
chart_written_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlLeaderboardView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("Could not save the chart: %s"), error->message);

      prl_gui_add_toast (GTK_WIDGET (self), message);
      return;
    }
  prl_gui_show_saved_file (GTK_WIDGET (self), _ ("Chart saved"), G_FILE (object));
}

static void
save_response_cb (GtkNativeDialog *chooser, int response, PrlLeaderboardView *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->run != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      int height;

      /* Drawing is quick; the file may be on a slow or remote disk. */
      gtk_widget_measure (GTK_WIDGET (self->chart), GTK_ORIENTATION_VERTICAL,
                          EXPORT_WIDTH, NULL, &height, NULL, NULL);
      height = MAX (height, 1);
      bytes = prl_wer_chart_render (self->chart, self->save_svg, EXPORT_WIDTH, height,
                                    &error);
      if (bytes == NULL)
        prl_gui_add_toast (GTK_WIDGET (self), error->message);
      else
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                             G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                             chart_written_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->save_chooser);
}

static void
save_chart_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PrlLeaderboardView *self = PRL_LEADERBOARD_VIEW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char      *suffix;

  if (self->run == NULL)
    return;

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->save_chooser);
      g_clear_object (&self->save_chooser);
    }

  self->save_svg = g_str_equal (action_name, "leaderboard.save-svg");
  suffix = self->save_svg ? "svg" : "png";
  gtk_file_filter_set_name (filter, self->save_svg ? _ ("SVG images") : _ ("PNG images"));
  gtk_file_filter_add_suffix (filter, suffix);
  name = g_strdup_printf ("%s-wer.%s", prl_eval_run_get_model_name (self->run), suffix);

  self->save_chooser
      = prl_gui_save_chooser_new (widget, _ ("Save Chart"), _ ("_Save"), filter, name);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (self->save_chooser);
}

/* Public API */

/**
 * prl_leaderboard_view_set_run:
 * @run: (nullable): a scored evaluation; %NULL shows the empty state
 */
void
prl_leaderboard_view_set_run (PrlLeaderboardView *self, PrlEvalRun *run)
{
  g_return_if_fail (PRL_IS_LEADERBOARD_VIEW (self));
  g_return_if_fail (run == NULL || PRL_IS_EVAL_RUN (run));

  if (!g_set_object (&self->run, run))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

/**
 * prl_leaderboard_view_get_run:
 *
 * Returns: (transfer none) (nullable): the evaluation shown
 */
PrlEvalRun *
prl_leaderboard_view_get_run (PrlLeaderboardView *self)
{
  g_return_val_if_fail (PRL_IS_LEADERBOARD_VIEW (self), NULL);

  return self->run;
}

/**
 * prl_leaderboard_view_get_chart:
 *
 * Returns: (transfer none): the WER chart below the table
 */
PrlWerChart *
prl_leaderboard_view_get_chart (PrlLeaderboardView *self)
{
  g_return_val_if_fail (PRL_IS_LEADERBOARD_VIEW (self), NULL);

  return self->chart;
}

/* GObject */

static void
prl_leaderboard_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PrlLeaderboardView *self = PRL_LEADERBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_leaderboard_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PrlLeaderboardView *self = PRL_LEADERBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      prl_leaderboard_view_set_run (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_leaderboard_view_dispose (GObject *object)
{
  PrlLeaderboardView *self = PRL_LEADERBOARD_VIEW (object);

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->save_chooser);
      g_clear_object (&self->save_chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_LEADERBOARD_VIEW);
  prl_gui_unparent_children (GTK_WIDGET (self));
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->run);

  G_OBJECT_CLASS (prl_leaderboard_view_parent_class)->dispose (object);
}

static void
prl_leaderboard_view_class_init (PrlLeaderboardViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_leaderboard_view_dispose;
  object_class->get_property = prl_leaderboard_view_get_property;
  object_class->set_property = prl_leaderboard_view_set_property;

  /**
   * PrlLeaderboardView:run: (nullable)
   *
   * The scored evaluation shown; %NULL for the empty state.
   */
  properties[PROP_RUN] = g_param_spec_object (
      "run", NULL, NULL, PRL_TYPE_EVAL_RUN,
      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PRL_TYPE_WER_CHART);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-leaderboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, chart);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, header_box);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, list_box);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, notice_box);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, test_set_label);
  gtk_widget_class_bind_template_child (widget_class, PrlLeaderboardView, wer_note_label);
  gtk_widget_class_install_action (widget_class, "leaderboard.save-png", NULL,
                                   save_chart_action);
  gtk_widget_class_install_action (widget_class, "leaderboard.save-svg", NULL,
                                   save_chart_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
prl_leaderboard_view_init (PrlLeaderboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  build_header (self);
  rebuild (self);
}

/**
 * prl_leaderboard_view_new:
 *
 * Returns: (transfer floating): a view in its empty state
 */
GtkWidget *
prl_leaderboard_view_new (void)
{
  return g_object_new (PRL_TYPE_LEADERBOARD_VIEW, NULL);
}
