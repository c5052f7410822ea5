/* prl-diff-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-diff-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prl-alignment.h"
#include "prl-diff-view.h"

/* One utterance, side by side: the reference, the stock model's
 * hypothesis and the chosen version's, merged into columns. Both
 * alignments share the reference, so each reference word is a column,
 * preceded by as many insertion columns as the system with more
 * insertions at that place needs.
 *
 * Marks do not rely on colour (the legend shows them):
 *   correct      the word, plain
 *   substituted  bold with a wavy underline and a raised "S"
 *   deleted      the missing reference word struck through, raised "D"
 *   inserted     a "+" before the word in italics, raised "I"
 *   no word      "—" (the other row has an insertion there)
 * CSS classes (diff-correct, diff-substitution, diff-deletion,
 * diff-insertion, diff-empty) add colour on top.
 *
 * The columns live in a GtkFlowBox, which wraps long utterances and
 * mirrors for right-to-left text. Its direction follows the reference
 * text, so an Arabic utterance reads right to left in any interface.
 * The row names (Reference, Stock model, the version) are drawn in a
 * gutter at the start of every wrapped line, found after allocation,
 * so no line of words is left without them.
 *
 * Every cell is a widget named "diff-cell" carrying "diff-row" and
 * "diff-column" as object data (the tests find cells this way). Cells
 * with a word are flat buttons; a click emits "word-activated" with the
 * time to play from.
 */

/* An op value for a cell without a word: the other system inserted a
 * word there. */
#define OP_NONE 0xff

#define N_ROWS 3

/* Space around a row name in the gutter. */
#define NAME_PADDING 6

/* The widest a row name may be; longer ones (version names) are
 * shortened in the middle so that a narrow window still has room for
 * several words on a line. */
#define NAME_MAX_WIDTH 120

typedef struct
{
  int        ref;    /* index in ref_words, -1 in an insertion column */
  guint8     op[2];  /* per system (stock, version): PrlAlignOp or OP_NONE */
  int        hyp[2]; /* index in hyp_words, -1 when none */
  double     seconds[N_ROWS];
  gboolean   error;
  GtkWidget *widget; /* (unowned) the column's box */
  GtkWidget *cells[N_ROWS];
} Column;

struct _PrlDiffView
{
  GtkWidget parent_instance;

  GtkWidget *box;    /* (unowned) */
  GtkWidget *legend; /* (unowned) */
  GtkWidget *lines;  /* (unowned): the flow, after the names' gutter */
  GtkWidget *flow;   /* (unowned) */

  GPtrArray *columns; /* (owned) of Column */
  guint      n_rows;
  int        current; /* the column the keyboard is at, or -1 */

  char   *row_names[N_ROWS]; /* (owned) (nullable) */
  int     names_width;       /* the gutter, in pixels */
  GArray *line_tops;         /* of graphene_rect_t: each wrapped line */
};

G_DEFINE_FINAL_TYPE (PrlDiffView, prl_diff_view, GTK_TYPE_WIDGET)

enum
{
  WORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PangoLayout *make_name_layout (PrlDiffView *self, const char *name);
static void         set_current (PrlDiffView *self, int column);

/* A system's alignment as slots: per reference word its op and hyp
 * word, and before each (and after the last) the inserted hyp words. */
typedef struct
{
  guint8                *op;
  int                   *hyp;
  GPtrArray             *ins; /* n_ref + 1 GArray of int */
  const PrlEvalWordTime *times;
  guint                  n_times;
} Slots;

static void
slots_clear (Slots *slots)
{
  g_clear_pointer (&slots->op, g_free);
  g_clear_pointer (&slots->hyp, g_free);
  g_clear_pointer (&slots->ins, g_ptr_array_unref);
}

static gboolean
slots_init (Slots *slots, PrlUtteranceScore *score, guint n_ref)
{
  guint r = 0, h = 0;

  slots->op = g_new0 (guint8, n_ref + 1);
  slots->hyp = g_new0 (int, n_ref + 1);
  slots->ins = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  for (guint i = 0; i <= n_ref; i++)
    g_ptr_array_add (slots->ins, g_array_new (FALSE, FALSE, sizeof (int)));

  for (guint i = 0; score != NULL && i < score->n_ops; i++)
    {
      switch (score->ops[i])
        {
        case PRL_ALIGN_CORRECT:
        case PRL_ALIGN_SUBSTITUTION:
          if (r >= n_ref)
            return FALSE;
          slots->op[r] = score->ops[i];
          slots->hyp[r++] = (int)h++;
          break;
        case PRL_ALIGN_DELETION:
          if (r >= n_ref)
            return FALSE;
          slots->op[r] = PRL_ALIGN_DELETION;
          slots->hyp[r++] = -1;
          break;
        case PRL_ALIGN_INSERTION:
          {
            int index = (int)h++;
            g_array_append_val (g_ptr_array_index (slots->ins, r), index);
          }
          break;
        default:
          return FALSE;
        }
    }
  return r == n_ref;
}

static double
hyp_start (const Slots *slots, int hyp)
{
  if (hyp < 0 || slots->times == NULL || (guint)hyp >= slots->n_times)
    return -1;
  return slots->times[hyp].start;
}

/* The start of @system's word in column @c, or of its nearest timed
 * word (earlier first when two are as near), or -1. */
static double
column_time (GPtrArray *columns, const Slots *slots, guint system, guint c)
{
  for (guint d = 0; d < columns->len; d++)
    {
      if (d <= c)
        {
          const Column *before = g_ptr_array_index (columns, c - d);
          double        t = hyp_start (slots, before->hyp[system]);

          if (t >= 0)
            return t;
        }
      if (d > 0 && c + d < columns->len)
        {
          const Column *after = g_ptr_array_index (columns, c + d);
          double        t = hyp_start (slots, after->hyp[system]);

          if (t >= 0)
            return t;
        }
    }
  return -1;
}

static double
first_known (double a, double b)
{
  if (a >= 0)
    return a;
  if (b >= 0)
    return b;
  return 0;
}

static void
cell_clicked_cb (GtkButton *button, PrlDiffView *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "diff-row"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "diff-column"));
  const Column *col;

  if (column >= self->columns->len)
    return;
  col = g_ptr_array_index (self->columns, column);
  set_current (self, (int)column);
  g_signal_emit (self, signals[WORD_ACTIVATED], 0, row, column, col->seconds[row]);
}

/* The column the keyboard is at carries "diff-current", a visible mark
 * that does not depend on the focus ring being shown. */
static void
set_current (PrlDiffView *self, int column)
{
  if (self->current >= 0 && (guint)self->current < self->columns->len)
    {
      Column *old = g_ptr_array_index (self->columns, self->current);

      gtk_widget_remove_css_class (old->widget, "diff-current");
    }
  self->current = column;
  if (column >= 0 && (guint)column < self->columns->len)
    {
      Column *col = g_ptr_array_index (self->columns, column);

      gtk_widget_add_css_class (col->widget, "diff-current");
    }
}

static void
column_enter_cb (GtkEventControllerFocus *controller, PrlDiffView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  set_current (self,
               GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "diff-column")));
}

static char *
time_suffix (double start)
{
  if (start < 0)
    return g_strdup ("");
  /* Translators: appended to a word's description, e.g. ", at 1.20 seconds" */
  return g_strdup_printf (_ (", at %.2f seconds"), start);
}

/* A cell: its markup, CSS class and accessible label. */
static GtkWidget *
make_cell (PrlDiffView *self,
           const char  *row_name,
           guint        row,
           guint        column,
           guint8       op,
           const char  *word,
           const char  *ref_word,
           double       start)
{
  g_autofree char *markup = NULL;
  g_autofree char *label = NULL;
  g_autofree char *suffix = time_suffix (start);
  const char      *css = NULL;
  GtkWidget       *text;
  GtkWidget       *cell;

  if (word == NULL && op != PRL_ALIGN_DELETION)
    {
      /* Translators: placeholder of a diff cell without a word */
      markup = g_strdup (_ ("—"));
      /* Translators: a diff cell without a word; %s is the row name */
      label = g_strdup_printf (_ ("%s: no word"), row_name);
      css = "diff-empty";
    }
  else if (row == PRL_DIFF_ROW_REFERENCE)
    {
      markup = g_markup_escape_text (word, -1);
      label = g_strdup_printf (_ ("%s: “%s”"), row_name, word);
      css = "diff-reference";
    }
  else
    switch (op)
      {
      case PRL_ALIGN_CORRECT:
        markup = g_markup_escape_text (word, -1);
        /* Translators: row name, the word, then ", at 1.20 seconds" or nothing */
        label = g_strdup_printf (_ ("%s: “%s”, correct%s"), row_name, word, suffix);
        css = "diff-correct";
        break;
      case PRL_ALIGN_SUBSTITUTION:
        markup = g_markup_printf_escaped (
            "<span weight=\"bold\" underline=\"error\">%s</span><sup>S</sup>", word);
        label = g_strdup_printf (_ ("%s: “%s”, substituted for “%s”%s"), row_name, word,
                                 ref_word, suffix);
        css = "diff-substitution";
        break;
      case PRL_ALIGN_DELETION:
        markup = g_markup_printf_escaped ("<s>%s</s><sup>D</sup>", ref_word);
        label = g_strdup_printf (_ ("%s: deleted “%s”"), row_name, ref_word);
        css = "diff-deletion";
        break;
      case PRL_ALIGN_INSERTION:
      default:
        markup = g_markup_printf_escaped ("+<i>%s</i><sup>I</sup>", word);
        label = g_strdup_printf (_ ("%s: “%s”, inserted%s"), row_name, word, suffix);
        css = "diff-insertion";
        break;
      }

  text = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (text), markup);
  if (g_strcmp0 (css, "diff-empty") == 0)
    {
      cell = text;
      gtk_widget_add_css_class (cell, "dim-label");
    }
  else
    {
      cell = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (cell), text);
      gtk_widget_add_css_class (cell, "flat");
      g_signal_connect (cell, "clicked", G_CALLBACK (cell_clicked_cb), self);
    }
  gtk_widget_set_name (cell, "diff-cell");
  gtk_widget_add_css_class (cell, "diff-cell");
  gtk_widget_add_css_class (cell, css);
  gtk_widget_set_tooltip_text (cell, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data (G_OBJECT (cell), "diff-row", GUINT_TO_POINTER (row));
  g_object_set_data (G_OBJECT (cell), "diff-column", GUINT_TO_POINTER (column));
  return cell;
}

static GtkWidget *
make_column_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* Homogeneous, so every column's rows line up with the row names. */
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_FILL);
  return box;
}

static void
append_to_flow (PrlDiffView *self, GtkWidget *box)
{
  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), box);
  /* Focus goes to the cells, not to the flow box's wrappers. */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
clear (PrlDiffView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->flow)))
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  for (guint r = 0; r < N_ROWS; r++)
    g_clear_pointer (&self->row_names[r], g_free);
  self->names_width = 0;
  gtk_widget_set_margin_start (self->flow, 0);
  g_array_set_size (self->line_tops, 0);
  g_ptr_array_set_size (self->columns, 0);
  self->current = -1;
  gtk_widget_set_visible (self->legend, FALSE);
}

static void
build_columns (PrlDiffView *self, Slots slots[2], guint n_ref)
{
  for (guint k = 0; k <= n_ref; k++)
    {
      GArray *ins0 = g_ptr_array_index (slots[0].ins, k);
      GArray *ins1 = g_ptr_array_index (slots[1].ins, k);
      guint   n_ins = MAX (ins0->len, ins1->len);

      for (guint j = 0; j < n_ins; j++)
        {
          Column *col = g_new0 (Column, 1);

          col->ref = -1;
          for (guint s = 0; s < 2; s++)
            {
              GArray *ins = s == 0 ? ins0 : ins1;

              col->op[s] = j < ins->len ? PRL_ALIGN_INSERTION : OP_NONE;
              col->hyp[s] = j < ins->len ? g_array_index (ins, int, j) : -1;
            }
          g_ptr_array_add (self->columns, col);
        }
      if (k < n_ref)
        {
          Column *col = g_new0 (Column, 1);

          col->ref = (int)k;
          for (guint s = 0; s < 2; s++)
            {
              col->op[s] = slots[s].op[k];
              col->hyp[s] = slots[s].hyp[k];
            }
          g_ptr_array_add (self->columns, col);
        }
    }
}

/**
 * prl_diff_view_set_utterance:
 * @run: (nullable): a scored run
 * @system: the version compared with the stock model (0 shows only the
 *   stock model)
 *
 * Shows @utterance of @run, or nothing.
 */
void
prl_diff_view_set_utterance (PrlDiffView *self,
                             PrlEvalRun  *run,
                             guint        system,
                             guint        utterance)
{
  PrlUtteranceScore *scores[2] = { NULL, NULL };
  Slots              slots[2] = { { 0 }, { 0 } };
  const char        *row_names[N_ROWS];
  const PrlEvalRow  *version_row;
  guint              n_ref;
  GtkTextDirection   text_dir = GTK_TEXT_DIR_NONE;
  const char        *reference;
  PangoDirection     dir;

  g_return_if_fail (PRL_IS_DIFF_VIEW (self));
  g_return_if_fail (run == NULL || PRL_IS_EVAL_RUN (run));

  clear (self);
  if (run == NULL || prl_eval_run_get_n_systems (run) == 0
      || utterance >= prl_eval_run_get_n_utterances (run))
    return;

  system = MIN (system, prl_eval_run_get_n_systems (run) - 1);
  for (guint s = 0; s < 2; s++)
    {
      guint           sys = s == 0 ? 0 : system;
      PrlCorpusScore *corpus = prl_eval_run_get_corpus (run, sys);

      if (corpus == NULL || utterance >= prl_corpus_score_get_n_utterances (corpus))
        return;
      scores[s] = prl_corpus_score_get_utterance (corpus, utterance);
      if (scores[s] == NULL || scores[s]->ops == NULL)
        return;
    }

  n_ref = scores[1]->ref_words ? g_strv_length (scores[1]->ref_words) : 0;
  if ((scores[0]->ref_words ? g_strv_length (scores[0]->ref_words) : 0) != n_ref)
    return;
  for (guint s = 0; s < 2; s++)
    {
      slots[s].times = prl_eval_run_get_hyp_times (run, s == 0 ? 0 : system, utterance,
                                                   &slots[s].n_times);
      if (!slots_init (&slots[s], scores[s], n_ref))
        {
          g_warning ("Alignment of utterance %u does not match its words", utterance);
          slots_clear (&slots[0]);
          slots_clear (&slots[1]);
          return;
        }
    }

  build_columns (self, slots, n_ref);

  /* A run with only the stock model, or the stock model chosen as the
   * version: the version row would repeat the stock row, so it is left
   * out. */
  self->n_rows = system == 0 ? 2 : 3;
  version_row = prl_eval_run_get_row (run, system);
  row_names[PRL_DIFF_ROW_REFERENCE] = _ ("Reference");
  row_names[PRL_DIFF_ROW_STOCK] = _ ("Stock model");
  row_names[PRL_DIFF_ROW_VERSION]
      = version_row && version_row->version ? version_row->version : _ ("Version");

  /* Reading order follows the reference text, not the interface. Pango
   * deprecated this for fribidi, which GTK does not expose; it still does
   * what is needed here. */
  reference = prl_eval_run_get_reference (run, utterance);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dir = reference ? pango_find_base_dir (reference, -1) : PANGO_DIRECTION_NEUTRAL;
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (dir == PANGO_DIRECTION_RTL)
    text_dir = GTK_TEXT_DIR_RTL;
  else if (dir == PANGO_DIRECTION_LTR)
    text_dir = GTK_TEXT_DIR_LTR;
  gtk_widget_set_direction (self->lines, text_dir);
  gtk_widget_set_direction (self->flow, text_dir);

  /* The names' gutter, as wide as the widest name, on the side lines
   * start from. */
  for (guint r = 0; r < self->n_rows; r++)
    {
      PangoLayout *layout = make_name_layout (self, row_names[r]);
      int          width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      self->names_width = MIN (MAX (self->names_width, width), NAME_MAX_WIDTH);
      self->row_names[r] = g_strdup (row_names[r]);
      g_object_unref (layout);
    }
  self->names_width += 2 * NAME_PADDING;
  /* Margins follow the flow's direction: on the right in right to left. */
  gtk_widget_set_margin_start (self->flow, self->names_width);

  for (guint c = 0; c < self->columns->len; c++)
    {
      Column     *col = g_ptr_array_index (self->columns, c);
      const char *ref_word = col->ref >= 0 ? scores[1]->ref_words[col->ref] : NULL;
      double      times[2];
      GtkEventController *focus;

      for (guint s = 0; s < 2; s++)
        times[s] = column_time (self->columns, &slots[s], s, c);
      col->seconds[PRL_DIFF_ROW_REFERENCE] = first_known (times[1], times[0]);
      col->seconds[PRL_DIFF_ROW_STOCK] = first_known (times[0], times[1]);
      col->seconds[PRL_DIFF_ROW_VERSION] = first_known (times[1], times[0]);

      col->widget = make_column_box ();
      g_object_set_data (G_OBJECT (col->widget), "diff-column", GUINT_TO_POINTER (c));
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "enter", G_CALLBACK (column_enter_cb), self);
      gtk_widget_add_controller (col->widget, focus);

      col->cells[0] = make_cell (self, row_names[0], 0, c, PRL_ALIGN_CORRECT, ref_word,
                                 ref_word, -1);
      gtk_box_append (GTK_BOX (col->widget), col->cells[0]);
      for (guint s = 0; s < self->n_rows - 1; s++)
        {
          const char *word = col->hyp[s] >= 0 ? scores[s]->hyp_words[col->hyp[s]] : NULL;

          col->cells[s + 1]
              = make_cell (self, row_names[s + 1], s + 1, c, col->op[s], word, ref_word,
                           hyp_start (&slots[s], col->hyp[s]));
          gtk_box_append (GTK_BOX (col->widget), col->cells[s + 1]);
          if (col->op[s] != PRL_ALIGN_CORRECT && col->op[s] != OP_NONE)
            col->error = TRUE;
        }
      if (col->error)
        gtk_widget_add_css_class (col->widget, "diff-error-column");
      append_to_flow (self, col->widget);
    }

  gtk_widget_set_visible (self->legend, TRUE);
  slots_clear (&slots[0]);
  slots_clear (&slots[1]);
}

/* The first cell with an error in a column, or its first button. */
static GtkWidget *
column_focus_target (PrlDiffView *self, Column *col)
{
  for (guint r = 1; r < self->n_rows; r++)
    if (col->op[r - 1] != PRL_ALIGN_CORRECT && col->op[r - 1] != OP_NONE
        && GTK_IS_BUTTON (col->cells[r]))
      return col->cells[r];
  for (guint r = 0; r < self->n_rows; r++)
    if (GTK_IS_BUTTON (col->cells[r]))
      return col->cells[r];
  return NULL;
}

/**
 * prl_diff_view_focus_next_error:
 * @forward: %FALSE for the previous error
 *
 * Moves the keyboard focus to the next (or previous) column with an
 * error, starting from the column the keyboard is at. It does not wrap.
 *
 * Returns: %FALSE when there is no error further that way
 */
gboolean
prl_diff_view_focus_next_error (PrlDiffView *self, gboolean forward)
{
  int n;

  g_return_val_if_fail (PRL_IS_DIFF_VIEW (self), FALSE);

  n = (int)self->columns->len;
  for (int c
       = forward ? self->current + 1 : (self->current < 0 ? n - 1 : self->current - 1);
       c >= 0 && c < n; c += forward ? 1 : -1)
    {
      Column *col = g_ptr_array_index (self->columns, c);

      if (col->error)
        {
          GtkWidget *target = column_focus_target (self, col);
          GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));

          set_current (self, c);
          if (target != NULL)
            gtk_widget_grab_focus (target);
          /* The key press that got here may not have turned the focus
           * ring on; the user must see where the keyboard went. */
          if (GTK_IS_WINDOW (root))
            gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * prl_diff_view_get_focused_column:
 *
 * Returns: the column the keyboard is at (after a move or a click), or -1
 */
int
prl_diff_view_get_focused_column (PrlDiffView *self)
{
  g_return_val_if_fail (PRL_IS_DIFF_VIEW (self), -1);

  return self->current;
}

guint
prl_diff_view_get_n_columns (PrlDiffView *self)
{
  g_return_val_if_fail (PRL_IS_DIFF_VIEW (self), 0);

  return self->columns->len;
}

/**
 * prl_diff_view_get_n_lines:
 *
 * Returns: how many lines the columns wrap into at the current width,
 *   each of which starts with the row names
 */
guint
prl_diff_view_get_n_lines (PrlDiffView *self)
{
  g_return_val_if_fail (PRL_IS_DIFF_VIEW (self), 0);

  return self->columns->len > 0 ? self->line_tops->len : 0;
}

/**
 * prl_diff_view_get_row_name:
 * @row: a #PrlDiffRow
 *
 * Returns: (nullable): the name drawn at the start of every line for
 *   @row, or %NULL when the row is not shown
 */
const char *
prl_diff_view_get_row_name (PrlDiffView *self, guint row)
{
  g_return_val_if_fail (PRL_IS_DIFF_VIEW (self), NULL);

  return row < self->n_rows && row < N_ROWS ? self->row_names[row] : NULL;
}

/**
 * prl_diff_view_get_names_width:
 *
 * Returns: the width of the row names' gutter every line starts with
 */
int
prl_diff_view_get_names_width (PrlDiffView *self)
{
  g_return_val_if_fail (PRL_IS_DIFF_VIEW (self), 0);

  return self->names_width;
}

static PangoLayout *
make_name_layout (PrlDiffView *self, const char *name)
{
  PangoLayout   *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, NAME_MAX_WIDTH * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Where the flow box put each line of columns, for the names. */
static void
find_lines (PrlDiffView *self)
{
  g_array_set_size (self->line_tops, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->flow); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t  bounds;
      graphene_rect_t *last;

      if (!gtk_widget_get_child_visible (child)
          || !gtk_widget_compute_bounds (child, GTK_WIDGET (self), &bounds))
        continue;
      last = self->line_tops->len > 0 ? &g_array_index (self->line_tops, graphene_rect_t,
                                                        self->line_tops->len - 1)
                                      : NULL;
      if (last != NULL && fabsf (last->origin.y - bounds.origin.y) < 1.0f)
        last->size.height = MAX (last->size.height, bounds.size.height);
      else
        g_array_append_val (self->line_tops, bounds);
    }
}

static void
prl_diff_view_measure (GtkWidget     *widget,
                       GtkOrientation orientation,
                       int            for_size,
                       int           *minimum,
                       int           *natural,
                       int           *minimum_baseline,
                       int           *natural_baseline)
{
  PrlDiffView *self = PRL_DIFF_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
prl_diff_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
prl_diff_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  PrlDiffView *self = PRL_DIFF_VIEW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  find_lines (self);
}

static void
prl_diff_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PrlDiffView *self = PRL_DIFF_VIEW (widget);
  gboolean     rtl = gtk_widget_get_direction (self->flow) == GTK_TEXT_DIR_RTL;
  GdkRGBA      color;

  gtk_widget_snapshot_child (widget, self->box, snapshot);
  if (self->columns->len == 0 || self->n_rows == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  for (guint l = 0; l < self->line_tops->len; l++)
    {
      const graphene_rect_t *line = &g_array_index (self->line_tops, graphene_rect_t, l);
      float                  row_height = line->size.height / self->n_rows;

      for (guint r = 0; r < self->n_rows && self->row_names[r] != NULL; r++)
        {
          PangoLayout *layout = make_name_layout (self, self->row_names[r]);
          int          text_width, text_height;
          float        x, y;

          pango_layout_get_pixel_size (layout, &text_width, &text_height);
          x = rtl ? gtk_widget_get_width (widget) - self->names_width + NAME_PADDING
                  : NAME_PADDING;
          y = line->origin.y + r * row_height + (row_height - text_height) / 2;
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
          gtk_snapshot_append_layout (snapshot, layout, &color);
          gtk_snapshot_restore (snapshot);
          g_object_unref (layout);
        }
    }
}

static gboolean
next_error_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  return prl_diff_view_focus_next_error (PRL_DIFF_VIEW (widget),
                                         g_variant_get_boolean (args));
}

static GtkWidget *
make_legend_item (const char *markup, const char *css, const char *description)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sample = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (description);

  /* Wrapped, so that the legend fits a phone's width. */
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);

  gtk_label_set_markup (GTK_LABEL (sample), markup);
  gtk_widget_add_css_class (sample, "diff-cell");
  gtk_widget_add_css_class (sample, css);
  /* The sample says nothing a screen reader can use; the text does. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (sample), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  gtk_box_append (GTK_BOX (item), sample);
  gtk_box_append (GTK_BOX (item), text);
  return item;
}

static GtkWidget *
make_legend (void)
{
  GtkWidget       *legend = gtk_flow_box_new ();
  g_autofree char *word = g_markup_escape_text (_ ("word"), -1);
  g_autofree char *sub = g_strdup_printf (
      "<span weight=\"bold\" underline=\"error\">%s</span><sup>S</sup>", word);
  g_autofree char *del = g_strdup_printf ("<s>%s</s><sup>D</sup>", word);
  g_autofree char *ins = g_strdup_printf ("+<i>%s</i><sup>I</sup>", word);
  g_autofree char *none = g_markup_escape_text (_ ("—"), -1);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (legend), 5);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (legend), 18);
  gtk_widget_set_can_focus (legend, FALSE);
  gtk_widget_add_css_class (legend, "diff-legend");
  gtk_accessible_update_property (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Legend"), -1);
  gtk_flow_box_append (GTK_FLOW_BOX (legend),
                       make_legend_item (word, "diff-correct", _ ("Correct")));
  gtk_flow_box_append (GTK_FLOW_BOX (legend),
                       make_legend_item (sub, "diff-substitution",
                                         _ ("Substituted (S): bold, wavy underline")));
  gtk_flow_box_append (
      GTK_FLOW_BOX (legend),
      make_legend_item (del, "diff-deletion",
                        _ ("Deleted (D): the missing word struck through")));
  gtk_flow_box_append (GTK_FLOW_BOX (legend),
                       make_legend_item (ins, "diff-insertion",
                                         _ ("Inserted (I): marked “+”, in italics")));
  gtk_flow_box_append (GTK_FLOW_BOX (legend),
                       make_legend_item (none, "diff-empty", _ ("No word here")));
  for (GtkWidget *child = gtk_widget_get_first_child (legend); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  return legend;
}

static void
prl_diff_view_dispose (GObject *object)
{
  PrlDiffView *self = PRL_DIFF_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);

  G_OBJECT_CLASS (prl_diff_view_parent_class)->dispose (object);
}

static void
prl_diff_view_finalize (GObject *object)
{
  PrlDiffView *self = PRL_DIFF_VIEW (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->line_tops, g_array_unref);
  for (guint r = 0; r < N_ROWS; r++)
    g_clear_pointer (&self->row_names[r], g_free);

  G_OBJECT_CLASS (prl_diff_view_parent_class)->finalize (object);
}

static void
prl_diff_view_class_init (PrlDiffViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_diff_view_dispose;
  object_class->finalize = prl_diff_view_finalize;

  /**
   * PrlDiffView::word-activated:
   * @row: 0 reference, 1 stock model, 2 version
   * @column: the column, from 0
   * @seconds: where to play from in the utterance's audio
   */
  signals[WORD_ACTIVATED] = g_signal_new (
      "word-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_DOUBLE);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F8, 0, next_error_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK, next_error_cb,
                                "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, next_error_cb,
                                "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, next_error_cb,
                                "b", FALSE);

  widget_class->measure = prl_diff_view_measure;
  widget_class->get_request_mode = prl_diff_view_get_request_mode;
  widget_class->size_allocate = prl_diff_view_size_allocate;
  widget_class->snapshot = prl_diff_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "diffview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
prl_diff_view_init (PrlDiffView *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->line_tops = g_array_new (FALSE, TRUE, sizeof (graphene_rect_t));
  self->current = -1;
  self->n_rows = 3;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->legend = make_legend ();
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->legend);

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 1000);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (self->flow), FALSE);
  gtk_widget_set_valign (self->flow, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->flow, "diff-columns");
  gtk_widget_set_hexpand (self->flow, TRUE);

  self->lines = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->lines), self->flow);
  gtk_box_append (GTK_BOX (self->box), self->lines);
}

/**
 * prl_diff_view_new:
 *
 * Returns: (transfer floating): an empty diff
 */
GtkWidget *
prl_diff_view_new (void)
{
  return g_object_new (PRL_TYPE_DIFF_VIEW, NULL);
}
