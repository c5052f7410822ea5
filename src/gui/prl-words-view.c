/* prl-words-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-words-view"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-gui-util.h"

#include "prl-words-view.h"

/* “Missed words and words fixed” for one system of an evaluation run: the
 * reference words the system got wrong, and, for a version, the words the
 * stock model got wrong that the version gets right. Selecting a word
 * lists the utterances it comes from; activating one asks (through
 * ::utterance-activated) to review it.
 */

struct _PrlWordsView
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkLabel   *fixed_count;
  GtkLabel   *fixed_empty;
  GtkListBox *fixed_list;
  GtkStack   *fixed_stack;
  GtkLabel   *missed_count;
  GtkLabel   *missed_empty;
  GtkListBox *missed_list;
  GtkStack   *missed_stack;
  GtkLabel   *utterances_heading;
  GtkListBox *utterance_list;

  /* Owned References */
  PrlEvalRun *run; /* (owned) (nullable) */

  guint system;
  guint updating : 1;
};

G_DEFINE_FINAL_TYPE (PrlWordsView, prl_words_view, GTK_TYPE_WIDGET)

enum
{
  UTTERANCE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* The run has results to read only once it knows its systems. */
static gboolean
has_results (PrlWordsView *self)
{
  return self->run != NULL && self->system < prl_eval_run_get_n_systems (self->run);
}

/* Utterances */

static void
show_utterances (PrlWordsView *self, const char *word, gboolean fixed)
{
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *heading = NULL;

  clear_list (self->utterance_list);

  if (word == NULL || !has_results (self))
    {
      gtk_label_set_label (self->utterances_heading, _ ("Utterances"));
      return;
    }

  if (fixed)
    /* Translators: %s is a word the version got right */
    heading = g_strdup_printf (_ ("Utterances Where “%s” Was Fixed"), word);
  else
    /* Translators: %s is a word the recognizer got wrong */
    heading = g_strdup_printf (_ ("Utterances Where “%s” Was Missed"), word);
  gtk_label_set_label (self->utterances_heading, heading);

  found = prl_eval_run_find_utterances (self->run, self->system, word, fixed);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      guint            u = GPOINTER_TO_UINT (g_ptr_array_index (found, i));
      const char      *id = prl_eval_run_get_utterance_id (self->run, u);
      const char      *reference = prl_eval_run_get_reference (self->run, u);
      GtkWidget       *row = adw_action_row_new ();
      g_autofree char *name = g_strdup_printf ("%s: %s", id, reference);

      /* Ids and transcripts are plain text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reference);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _ ("Review this utterance"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data (G_OBJECT (row), "utterance", GUINT_TO_POINTER (u));
      gtk_list_box_append (self->utterance_list, row);
    }
}

static void
utterance_activated_cb (PrlWordsView *self, GtkListBoxRow *row)
{
  guint u = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "utterance"));

  g_signal_emit (self, signals[UTTERANCE_ACTIVATED], 0, u);
}

/* Swapped: the list that emitted comes last. */
static void
word_selected_cb (PrlWordsView *self, GtkListBoxRow *row, GtkListBox *list)
{
  GtkListBox *other = list == self->missed_list ? self->fixed_list : self->missed_list;

  if (self->updating)
    return;

  if (row == NULL)
    {
      /* Deselected by the user: nothing is selected anywhere now. */
      if (gtk_list_box_get_selected_row (other) == NULL)
        show_utterances (self, NULL, FALSE);
      return;
    }

  self->updating = TRUE;
  gtk_list_box_unselect_all (other);
  self->updating = FALSE;

  show_utterances (self, g_object_get_data (G_OBJECT (row), "word"),
                   list == self->fixed_list);
}

/* Words */

static GtkWidget *
word_row_new (const PrlWordCount *wc, gboolean fixed)
{
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget       *word = gtk_label_new (wc->word);
  g_autofree char *count_text = g_strdup_printf ("%u", wc->count);
  GtkWidget       *count = gtk_label_new (count_text);
  g_autofree char *name = NULL;

  if (fixed)
    /* Translators: %s is a word, %u how many times the version got it right */
    name = g_strdup_printf (
        ngettext ("%s, fixed %u time", "%s, fixed %u times", wc->count), wc->word,
        wc->count);
  else
    /* Translators: %s is a word, %u how many times it was missed */
    name = g_strdup_printf (
        ngettext ("%s, missed %u time", "%s, missed %u times", wc->count), wc->word,
        wc->count);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (word), 0);
  gtk_label_set_ellipsize (GTK_LABEL (word), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (word, TRUE);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_box_append (GTK_BOX (box), word);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  g_object_set_data_full (G_OBJECT (row), "word", g_strdup (wc->word), g_free);
  return row;
}

static void
fill_words (PrlWordsView *self,
            GtkListBox   *list,
            GtkStack     *stack,
            GtkLabel     *count_label,
            GtkLabel     *empty_label,
            GPtrArray    *words,
            gboolean      fixed,
            const char   *empty_text)
{
  g_autofree char *count = NULL;
  g_autofree char *count_name = NULL;

  clear_list (list);

  if (words == NULL)
    {
      gtk_label_set_label (count_label, "");
      gtk_label_set_label (empty_label, empty_text);
      gtk_stack_set_visible_child_name (stack, "empty");
      return;
    }

  count = g_strdup_printf ("%u", words->len);
  count_name = g_strdup_printf (ngettext ("%u word", "%u words", words->len), words->len);
  gtk_label_set_label (count_label, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count_name, -1);

  for (guint i = 0; i < words->len; i++)
    gtk_list_box_append (list, word_row_new (g_ptr_array_index (words, i), fixed));

  gtk_label_set_label (empty_label, empty_text);
  gtk_stack_set_visible_child_name (stack, words->len > 0 ? "list" : "empty");
}

static void
rebuild (PrlWordsView *self)
{
  g_autoptr (GPtrArray) missed = NULL;
  g_autoptr (GPtrArray) fixed = NULL;
  const char *fixed_empty;

  self->updating = TRUE;

  if (!has_results (self))
    {
      fill_words (self, self->missed_list, self->missed_stack, self->missed_count,
                  self->missed_empty, NULL, FALSE, _ ("No evaluation results"));
      fill_words (self, self->fixed_list, self->fixed_stack, self->fixed_count,
                  self->fixed_empty, NULL, TRUE, _ ("No evaluation results"));
      show_utterances (self, NULL, FALSE);
      self->updating = FALSE;
      return;
    }

  missed = prl_eval_run_get_missed_words (self->run, self->system);
  fill_words (self, self->missed_list, self->missed_stack, self->missed_count,
              self->missed_empty, missed, FALSE, _ ("No missed words"));

  /* The stock model is what “fixed” is measured against. */
  if (self->system == 0)
    fixed_empty = _ ("Choose a version to see the words it fixed");
  else
    {
      fixed = prl_eval_run_get_words_fixed (self->run, self->system);
      fixed_empty = _ ("No words fixed");
    }
  fill_words (self, self->fixed_list, self->fixed_stack, self->fixed_count,
              self->fixed_empty, fixed, TRUE, fixed_empty);

  show_utterances (self, NULL, FALSE);
  self->updating = FALSE;
}

/**
 * prl_words_view_set_run:
 * @run: (nullable): a scored run
 *
 * Shows @run; the system shown becomes its newest version.
 */
void
prl_words_view_set_run (PrlWordsView *self, PrlEvalRun *run)
{
  g_return_if_fail (PRL_IS_WORDS_VIEW (self));
  g_return_if_fail (!run || PRL_IS_EVAL_RUN (run));

  g_set_object (&self->run, run);
  self->system = run && prl_eval_run_get_n_systems (run) > 0
                     ? prl_eval_run_get_n_systems (run) - 1
                     : 0;
  rebuild (self);
}

/**
 * prl_words_view_get_run:
 *
 * Returns: (transfer none) (nullable): the run shown
 */
PrlEvalRun *
prl_words_view_get_run (PrlWordsView *self)
{
  g_return_val_if_fail (PRL_IS_WORDS_VIEW (self), NULL);
  return self->run;
}

/**
 * prl_words_view_set_system:
 * @system: 0 for the stock model, then the versions oldest first
 *
 * Systems the run does not have show nothing.
 */
void
prl_words_view_set_system (PrlWordsView *self, guint system)
{
  g_return_if_fail (PRL_IS_WORDS_VIEW (self));

  if (self->system == system)
    return;

  self->system = system;
  rebuild (self);
}

guint
prl_words_view_get_system (PrlWordsView *self)
{
  g_return_val_if_fail (PRL_IS_WORDS_VIEW (self), 0);
  return self->system;
}

/**
 * prl_words_view_select_word:
 * @word: a word of the missed (or, with @fixed, the fixed) list
 *
 * Selects @word as a click would, listing its utterances.
 *
 * Returns: whether the list has @word
 */
gboolean
prl_words_view_select_word (PrlWordsView *self, const char *word, gboolean fixed)
{
  GtkListBox *list;

  g_return_val_if_fail (PRL_IS_WORDS_VIEW (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  list = fixed ? self->fixed_list : self->missed_list;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row)
          && g_strcmp0 (g_object_get_data (G_OBJECT (row), "word"), word) == 0)
        {
          gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
          return TRUE;
        }
    }

  return FALSE;
}

static void
prl_words_view_dispose (GObject *object)
{
  PrlWordsView *self = PRL_WORDS_VIEW (object);

  /* Removing the lists deselects their rows; nothing is left to show. */
  self->updating = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_WORDS_VIEW);
  prl_gui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->run);

  G_OBJECT_CLASS (prl_words_view_parent_class)->dispose (object);
}

static void
prl_words_view_class_init (PrlWordsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_words_view_dispose;

  /**
   * PrlWordsView::utterance-activated:
   * @utterance: the utterance's index in the run
   *
   * Emitted when an utterance of the selected word is activated.
   */
  signals[UTTERANCE_ACTIVATED]
      = g_signal_new ("utterance-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-words-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, fixed_count);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, fixed_empty);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, fixed_list);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, fixed_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, missed_count);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, missed_empty);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, missed_list);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, missed_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, utterance_list);
  gtk_widget_class_bind_template_child (widget_class, PrlWordsView, utterances_heading);
  gtk_widget_class_bind_template_callback (widget_class, utterance_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, word_selected_cb);
}

static void
prl_words_view_init (PrlWordsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild (self);
}

GtkWidget *
prl_words_view_new (void)
{
  return g_object_new (PRL_TYPE_WORDS_VIEW, NULL);
}
