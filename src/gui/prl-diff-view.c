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

#include "prl-alignment-merge.h"
#include "prl-alignment.h"
#include "prl-diff-view.h"

/* One utterance, side by side: the reference, the stock model's
 * hypothesis and the chosen version's, merged into columns. Both
 * alignments share the reference, so each reference word is a column,
 * preceded by as many insertion columns as the system with more
 * insertions at that place needs (PrlAlignmentMerge, in src/wer, does
 * the merge; this widget lays the columns out).
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
  guint8     op[2];  /* per system (stock, version), as merged */
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

/* When each of a system's hypothesis words starts, or NULL. */
static double *
hyp_starts (PrlEvalRun *run, guint system, guint utterance, guint *n_starts)
{
  const PrlEvalWordTime *times;
  double                *starts;

  times = prl_eval_run_get_hyp_times (run, system, utterance, n_starts);
  if (times == NULL)
    {
      *n_starts = 0;
      return NULL;
    }
  starts = g_new (double, MAX (*n_starts, 1));
  for (guint i = 0; i < *n_starts; i++)
    starts[i] = times[i].start;
  return starts;
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
build_columns (PrlDiffView *self, PrlAlignmentMerge *merge)
{
  for (guint c = 0; c < prl_alignment_merge_get_n_columns (merge); c++)
    {
      Column *col = g_new0 (Column, 1);

      col->ref = prl_alignment_merge_get_ref (merge, c);
      for (guint s = 0; s < 2; s++)
        {
          col->op[s] = prl_alignment_merge_get_op (merge, c, s);
          col->hyp[s] = prl_alignment_merge_get_hyp (merge, c, s);
        }
      g_ptr_array_add (self->columns, col);
    }
}

/* What a column's cells show of one system's hypothesis. */
typedef struct
{
  PrlUtteranceScore *score;
  double            *starts; /* (owned) (nullable): when each word starts */
  guint              n_starts;
} System;

/* Reading order follows the reference text, not the interface. Pango
 * deprecated this for fribidi, which GTK does not expose; it still does
 * what is needed here. */
static void
set_text_direction (PrlDiffView *self, const char *reference)
{
  GtkTextDirection text_dir = GTK_TEXT_DIR_NONE;
  PangoDirection   dir;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dir = reference ? pango_find_base_dir (reference, -1) : PANGO_DIRECTION_NEUTRAL;
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (dir == PANGO_DIRECTION_RTL)
    text_dir = GTK_TEXT_DIR_RTL;
  else if (dir == PANGO_DIRECTION_LTR)
    text_dir = GTK_TEXT_DIR_LTR;
  gtk_widget_set_direction (self->lines, text_dir);
  gtk_widget_set_direction (self->flow, text_dir);
}

/* The row names and their gutter, as wide as the widest name, on the
 * side lines start from. */
static void
set_row_names (PrlDiffView *self, PrlEvalRun *run, guint system)
{
  const PrlEvalRow *version_row = prl_eval_run_get_row (run, system);
  const char       *row_names[N_ROWS];

  /* A run with only the stock model, or the stock model chosen as the
   * version: the version row would repeat the stock row, so it is left
   * out. */
  self->n_rows = system == 0 ? 2 : 3;
  row_names[PRL_DIFF_ROW_REFERENCE] = _ ("Reference");
  row_names[PRL_DIFF_ROW_STOCK] = _ ("Stock model");
  row_names[PRL_DIFF_ROW_VERSION]
      = version_row && version_row->version ? version_row->version : _ ("Version");

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
}

/* Column @c's box and cells, appended to the flow. */
static void
lay_out_column (PrlDiffView       *self,
                PrlAlignmentMerge *merge,
                const System       systems[2],
                guint              c)
{
  Column     *col = g_ptr_array_index (self->columns, c);
  const char *ref_word = col->ref >= 0 ? systems[1].score->ref_words[col->ref] : NULL;
  double      times[2];
  GtkEventController *focus;

  for (guint s = 0; s < 2; s++)
    times[s] = prl_alignment_merge_nearest_start (merge, c, s, systems[s].starts,
                                                  systems[s].n_starts);
  col->seconds[PRL_DIFF_ROW_REFERENCE] = first_known (times[1], times[0]);
  col->seconds[PRL_DIFF_ROW_STOCK] = first_known (times[0], times[1]);
  col->seconds[PRL_DIFF_ROW_VERSION] = first_known (times[1], times[0]);

  col->widget = make_column_box ();
  g_object_set_data (G_OBJECT (col->widget), "diff-column", GUINT_TO_POINTER (c));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (column_enter_cb), self);
  gtk_widget_add_controller (col->widget, focus);

  col->cells[0] = make_cell (self, self->row_names[0], 0, c, PRL_ALIGN_CORRECT, ref_word,
                             ref_word, -1);
  gtk_box_append (GTK_BOX (col->widget), col->cells[0]);
  for (guint s = 0; s < self->n_rows - 1; s++)
    {
      const char *word
          = col->hyp[s] >= 0 ? systems[s].score->hyp_words[col->hyp[s]] : NULL;

      col->cells[s + 1]
          = make_cell (self, self->row_names[s + 1], s + 1, c, col->op[s], word, ref_word,
                       prl_alignment_merge_get_start (merge, c, s, systems[s].starts,
                                                      systems[s].n_starts));
      gtk_box_append (GTK_BOX (col->widget), col->cells[s + 1]);
      if (col->op[s] != PRL_ALIGN_CORRECT && col->op[s] != PRL_ALIGN_MERGE_NO_WORD)
        col->error = TRUE;
    }
  if (col->error)
    gtk_widget_add_css_class (col->widget, "diff-error-column");
  append_to_flow (self, col->widget);
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
  g_autoptr (PrlAlignmentMerge) merge = NULL;
  System        systems[2] = { { NULL } };
  const guint8 *ops[2];
  guint         n_ops[2];
  guint         n_ref;

  g_return_if_fail (PRL_IS_DIFF_VIEW (self));
  g_return_if_fail (run == NULL || PRL_IS_EVAL_RUN (run));

  clear (self);
  if (run == NULL || prl_eval_run_get_n_systems (run) == 0
      || utterance >= prl_eval_run_get_n_utterances (run))
    return;

  system = MIN (system, prl_eval_run_get_n_systems (run) - 1);
  for (guint s = 0; s < 2; s++)
    {
      PrlCorpusScore    *corpus = prl_eval_run_get_corpus (run, s == 0 ? 0 : system);
      PrlUtteranceScore *score;

      if (corpus == NULL || utterance >= prl_corpus_score_get_n_utterances (corpus))
        return;
      score = prl_corpus_score_get_utterance (corpus, utterance);
      if (score == NULL || score->ops == NULL)
        return;
      systems[s].score = score;
      ops[s] = score->ops;
      n_ops[s] = score->n_ops;
    }

  n_ref = systems[1].score->ref_words ? g_strv_length (systems[1].score->ref_words) : 0;
  if ((systems[0].score->ref_words ? g_strv_length (systems[0].score->ref_words) : 0)
      != n_ref)
    return;
  merge = prl_alignment_merge_new (n_ref, 2, ops, n_ops, NULL);
  if (merge == NULL)
    {
      g_warning ("Alignment of utterance %u does not match its words", utterance);
      return;
    }

  build_columns (self, merge);
  set_text_direction (self, prl_eval_run_get_reference (run, utterance));
  set_row_names (self, run, system);
  for (guint s = 0; s < 2; s++)
    systems[s].starts
        = hyp_starts (run, s == 0 ? 0 : system, utterance, &systems[s].n_starts);
  for (guint c = 0; c < self->columns->len; c++)
    lay_out_column (self, merge, systems, c);
  gtk_widget_set_visible (self->legend, TRUE);
  g_free (systems[0].starts);
  g_free (systems[1].starts);
}

/* The first cell with an error in a column, or its first button. */
static GtkWidget *
column_focus_target (PrlDiffView *self, Column *col)
{
  for (guint r = 1; r < self->n_rows; r++)
    if (col->op[r - 1] != PRL_ALIGN_CORRECT && col->op[r - 1] != PRL_ALIGN_MERGE_NO_WORD
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
