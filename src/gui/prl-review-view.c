/* prl-review-view.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-review-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prl-diff-view.h"
#include "prl-gui-util.h"
#include "prl-normalizer.h"

#include "prl-review-view.h"

/* Review of an evaluation: the utterances of a run, sortable and
 * filterable, and for the selected one a word-by-word diff of the
 * reference, the stock model and the chosen version. A click on a word
 * plays the utterance's audio from there ("play-requested", whose
 * default handler owns a GtkMediaFile).
 *
 * "Only utterances with errors" keeps an utterance when the stock model
 * or the chosen version made an error in it: the utterances a version
 * fixed stay in view next to those it still gets wrong.
 */

typedef enum
{
  SORT_BY_ID,
  SORT_WER_HIGHEST,
  SORT_WER_LOWEST,
  SORT_IMPROVEMENT,
} SortOrder;

typedef struct
{
  guint      index;
  double     wer; /* the version's, percent; NAN for no reference word */
  double     stock_wer;
  gboolean   errors; /* by the stock model or the version */
  char      *collate_key;
  GtkWidget *row; /* (unowned) */
} Utterance;

struct _PrlReviewView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkLabel       *count_label;
  AdwLeaflet     *leaflet;
  PrlDiffView    *diff_view;
  GtkStack       *diff_stack;
  GtkCheckButton *errors_check;
  GtkListBox     *list_box;
  GtkWidget      *next_button;
  GtkWidget      *previous_button;
  GtkSearchEntry *search_entry;
  GtkDropDown    *sort_dropdown;
  GtkStack       *stack;
  GtkLabel       *utterance_label;

  PrlEvalRun    *run;        /* (owned) (nullable) */
  PrlNormalizer *normalizer; /* (owned) (nullable) */
  guint          system;
  GArray        *utterances; /* of Utterance */
  char         **query;      /* (owned) (nullable) normalized words searched */
  guint          selected;
  gboolean       disposing; /* the template's widgets are going */

  GtkMediaStream *media;      /* (owned) (nullable) */
  char           *media_path; /* (owned) (nullable) */
  double          media_seek;
  gulong          prepared_id;
};

G_DEFINE_FINAL_TYPE (PrlReviewView, prl_review_view, GTK_TYPE_WIDGET)

enum
{
  PLAY_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
utterance_clear (Utterance *u)
{
  g_clear_pointer (&u->collate_key, g_free);
}

static PrlUtteranceScore *
get_score (PrlReviewView *self, guint system, guint utterance)
{
  PrlCorpusScore *corpus;

  /* Rows of an old run can be filtered while a new one is set. */
  if (self->run == NULL)
    return NULL;
  corpus = prl_eval_run_get_corpus (self->run, system);
  if (corpus == NULL || utterance >= prl_corpus_score_get_n_utterances (corpus))
    return NULL;
  return prl_corpus_score_get_utterance (corpus, utterance);
}

static char *
format_wer (double wer)
{
  if (isnan (wer))
    /* Translators: the WER of an utterance without reference words */
    return g_strdup (_ ("—"));
  return g_strdup_printf ("%.1f %%", wer);
}

static void select_first (PrlReviewView *self);

/* Filtering */

static gboolean
words_contain (char **words, char **query)
{
  guint n_query = g_strv_length (query);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      guint j = 0;

      while (j < n_query && words[i + j] != NULL
             && g_strcmp0 (words[i + j], query[j]) == 0)
        j++;
      if (j == n_query)
        return TRUE;
    }
  return FALSE;
}

static gboolean
utterance_matches_query (PrlReviewView *self, guint index)
{
  PrlUtteranceScore *scores[2];

  if (self->query == NULL || self->query[0] == NULL)
    return TRUE;
  scores[0] = get_score (self, 0, index);
  scores[1] = get_score (self, self->system, index);
  for (guint s = 0; s < 2; s++)
    if (scores[s] != NULL
        && (words_contain (scores[s]->ref_words, self->query)
            || words_contain (scores[s]->hyp_words, self->query)))
      return TRUE;
  return FALSE;
}

static gboolean
utterance_visible (PrlReviewView *self, const Utterance *u)
{
  if (gtk_check_button_get_active (self->errors_check) && !u->errors)
    return FALSE;
  return utterance_matches_query (self, u->index);
}

static gboolean
filter_func (GtkListBoxRow *row, gpointer user_data)
{
  PrlReviewView *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "utterance"));

  if (self->utterances == NULL || index >= self->utterances->len)
    return FALSE;
  return utterance_visible (self, &g_array_index (self->utterances, Utterance, index));
}

static void
update_count (PrlReviewView *self)
{
  guint            total = self->utterances ? self->utterances->len : 0;
  guint            shown = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < total; i++)
    if (utterance_visible (self, &g_array_index (self->utterances, Utterance, i)))
      shown++;
  /* Translators: "3 of 12 utterances shown" */
  text = g_strdup_printf (
      g_dngettext (NULL, "%u of %u utterance shown", "%u of %u utterances shown", total),
      shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
refilter (PrlReviewView *self)
{
  gtk_list_box_invalidate_filter (self->list_box);
  update_count (self);
}

static void
on_filter_changed_cb (PrlReviewView *self)
{
  refilter (self);
}

static void
on_search_changed_cb (PrlReviewView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->query, g_strfreev);
  if (text != NULL && *text != '\0')
    {
      if (self->normalizer != NULL)
        self->query = prl_normalizer_normalize (self->normalizer, text);
      else
        {
          g_autofree char *folded = g_utf8_casefold (text, -1);

          self->query = g_str_tokenize_and_fold (folded, NULL, NULL);
        }
    }
  refilter (self);
}

/* Sorting */

static double
wer_key (double wer)
{
  /* No reference word but inserted words: worse than any rate. */
  return isnan (wer) ? INFINITY : wer;
}

static int
compare_double (double a, double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
sort_func (GtkListBoxRow *row1, GtkListBoxRow *row2, gpointer user_data)
{
  PrlReviewView *self = user_data;
  guint          i1 = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row1), "utterance"));
  guint          i2 = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row2), "utterance"));
  const Utterance *a = &g_array_index (self->utterances, Utterance, i1);
  const Utterance *b = &g_array_index (self->utterances, Utterance, i2);
  int              cmp = 0;

  switch ((SortOrder)gtk_drop_down_get_selected (self->sort_dropdown))
    {
    case SORT_WER_HIGHEST:
      cmp = compare_double (wer_key (b->wer), wer_key (a->wer));
      break;
    case SORT_WER_LOWEST:
      cmp = compare_double (wer_key (a->wer), wer_key (b->wer));
      break;
    case SORT_IMPROVEMENT:
      {
        double da = wer_key (a->stock_wer) - wer_key (a->wer);
        double db = wer_key (b->stock_wer) - wer_key (b->wer);

        cmp = compare_double (isnan (db) ? 0 : db, isnan (da) ? 0 : da);
      }
      break;
    case SORT_BY_ID:
    default:
      cmp = g_strcmp0 (a->collate_key, b->collate_key);
      break;
    }
  if (cmp == 0)
    cmp = compare_double (a->index, b->index);
  return cmp;
}

static void
on_sort_changed_cb (PrlReviewView *self)
{
  gtk_list_box_invalidate_sort (self->list_box);
}

/* Rows */

static GtkWidget *
create_row (PrlReviewView     *self,
            Utterance         *u,
            PrlUtteranceScore *version,
            PrlUtteranceScore *stock)
{
  const char      *id = prl_eval_run_get_utterance_id (self->run, u->index);
  const char      *reference = prl_eval_run_get_reference (self->run, u->index);
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget       *title = gtk_label_new (id);
  GtkWidget       *ref = gtk_label_new (reference);
  GtkWidget       *stats;
  g_autofree char *wer = format_wer (u->wer);
  g_autofree char *stock_wer = format_wer (u->stock_wer);
  g_autofree char *stats_text = NULL;
  g_autofree char *accessible = NULL;
  PrlWerCounts     counts = version ? version->words : (PrlWerCounts){ 0 };

  if (self->system == 0 || stock == NULL)
    /* Translators: an utterance's word error rate and its substitutions,
     * deletions and insertions */
    stats_text
        = g_strdup_printf (_ ("WER %s · S %u · D %u · I %u"), wer, counts.substitutions,
                           counts.deletions, counts.insertions);
  else
    /* Translators: the version's word error rate, its substitutions,
     * deletions and insertions, then the stock model's rate */
    stats_text = g_strdup_printf (_ ("WER %s · S %u · D %u · I %u · stock %s"), wer,
                                  counts.substitutions, counts.deletions,
                                  counts.insertions, stock_wer);
  stats = gtk_label_new (stats_text);

  /* Translators: the accessible name of an utterance in the list */
  accessible = g_strdup_printf (_ ("%s, word error rate %s, %u substituted, %u deleted, "
                                   "%u inserted"),
                                id, wer, counts.substitutions, counts.deletions,
                                counts.insertions);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (ref), 0);
  gtk_label_set_ellipsize (GTK_LABEL (ref), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (ref, "caption");
  gtk_label_set_xalign (GTK_LABEL (stats), 0);
  gtk_widget_add_css_class (stats, "caption");
  gtk_widget_add_css_class (stats, "dim-label");
  gtk_widget_add_css_class (stats, "numeric");
  gtk_widget_set_name (stats, "utterance-stats");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), ref);
  gtk_box_append (GTK_BOX (box), stats);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (u->errors)
    gtk_widget_add_css_class (row, "review-has-errors");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (row), "utterance", GUINT_TO_POINTER (u->index));
  return row;
}

static void
show_diff (PrlReviewView *self)
{
  gboolean shown = self->run != NULL && self->selected != G_MAXUINT;

  prl_diff_view_set_utterance (self->diff_view, shown ? self->run : NULL, self->system,
                               self->selected);
  gtk_stack_set_visible_child_name (self->diff_stack, shown ? "diff" : "none");
  prl_gui_a11y_name_tree (GTK_WIDGET (self->diff_view));
  gtk_label_set_label (self->utterance_label,
                       shown ? prl_eval_run_get_utterance_id (self->run, self->selected)
                             : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.next-error",
                                 self->run != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.previous-error",
                                 self->run != NULL);
}

static void
on_row_selected_cb (PrlReviewView *self, GtkListBoxRow *row)
{
  guint selected = G_MAXUINT;

  if (self->disposing)
    return;
  if (row != NULL)
    selected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "utterance"));
  if (selected == self->selected)
    return;
  self->selected = selected;
  show_diff (self);
}

static void
rebuild (PrlReviewView *self)
{
  GtkWidget *child;
  guint      n;
  guint      keep = self->selected;

  self->selected = G_MAXUINT;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
  g_array_set_size (self->utterances, 0);

  n = self->run ? prl_eval_run_get_n_utterances (self->run) : 0;
  for (guint i = 0; i < n; i++)
    {
      PrlUtteranceScore *version = get_score (self, self->system, i);
      PrlUtteranceScore *stock = get_score (self, 0, i);
      const char        *id = prl_eval_run_get_utterance_id (self->run, i);
      Utterance          u = { 0 };

      u.index = i;
      u.wer = version ? prl_wer_counts_get_error_rate (&version->words) : 0;
      u.stock_wer = stock ? prl_wer_counts_get_error_rate (&stock->words) : 0;
      u.errors = (version && prl_wer_counts_get_errors (&version->words) > 0)
                 || (stock && prl_wer_counts_get_errors (&stock->words) > 0);
      u.collate_key = g_utf8_collate_key_for_filename (id ? id : "", -1);
      g_array_append_val (self->utterances, u);
    }
  for (guint i = 0; i < n; i++)
    {
      Utterance *u = &g_array_index (self->utterances, Utterance, i);

      u->row = create_row (self, u, get_score (self, self->system, i),
                           get_score (self, 0, i));
      gtk_list_box_append (self->list_box, u->row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->run ? "content" : "empty");
  update_count (self);
  if (keep < n)
    prl_review_view_select_utterance (self, keep);
  else
    {
      show_diff (self);
      select_first (self);
    }
}

/**
 * prl_review_view_set_run:
 * @run: (nullable): a scored evaluation
 */
void
prl_review_view_set_run (PrlReviewView *self, PrlEvalRun *run)
{
  g_return_if_fail (PRL_IS_REVIEW_VIEW (self));
  g_return_if_fail (run == NULL || PRL_IS_EVAL_RUN (run));

  if (!g_set_object (&self->run, run))
    return;

  g_clear_object (&self->normalizer);
  if (run != NULL)
    {
      g_autoptr (GError) error = NULL;

      self->normalizer = prl_normalizer_new (prl_eval_run_get_profile (run), &error);
      if (self->normalizer == NULL)
        g_debug ("Searching without the run's normalizer: %s", error->message);
    }
  self->system = run && prl_eval_run_get_n_systems (run) > 0
                     ? prl_eval_run_get_n_systems (run) - 1
                     : 0;
  self->selected = G_MAXUINT;
  /* The query is normalized with the run's profile. */
  on_search_changed_cb (self);
  rebuild (self);
}

/**
 * prl_review_view_get_run:
 *
 * Returns: (transfer none) (nullable): the run shown
 */
PrlEvalRun *
prl_review_view_get_run (PrlReviewView *self)
{
  g_return_val_if_fail (PRL_IS_REVIEW_VIEW (self), NULL);

  return self->run;
}

/**
 * prl_review_view_set_system:
 * @system: the version compared with the stock model; 0 compares the
 *   stock model with the reference only
 */
void
prl_review_view_set_system (PrlReviewView *self, guint system)
{
  g_return_if_fail (PRL_IS_REVIEW_VIEW (self));

  if (self->run != NULL && prl_eval_run_get_n_systems (self->run) > 0)
    system = MIN (system, prl_eval_run_get_n_systems (self->run) - 1);
  else
    system = 0;
  if (system == self->system)
    return;
  self->system = system;
  rebuild (self);
}

guint
prl_review_view_get_system (PrlReviewView *self)
{
  g_return_val_if_fail (PRL_IS_REVIEW_VIEW (self), 0);

  return self->system;
}

/**
 * prl_review_view_select_utterance:
 * @utterance: an index in the run, or G_MAXUINT for none
 *
 * Selects an utterance and shows its diff, first clearing the filters
 * that hide it.
 */
void
prl_review_view_select_utterance (PrlReviewView *self, guint utterance)
{
  Utterance *u;

  g_return_if_fail (PRL_IS_REVIEW_VIEW (self));

  if (self->utterances == NULL || utterance >= self->utterances->len)
    {
      gtk_list_box_unselect_all (self->list_box);
      return;
    }

  u = &g_array_index (self->utterances, Utterance, utterance);
  if (gtk_check_button_get_active (self->errors_check) && !u->errors)
    gtk_check_button_set_active (self->errors_check, FALSE);
  if (!utterance_matches_query (self, utterance))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      /* Now, not after the entry's search delay. */
      on_search_changed_cb (self);
    }
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (u->row));
  adw_leaflet_set_visible_child_name (self->leaflet, "diff");
}

/**
 * prl_review_view_get_selected_utterance:
 *
 * Returns: the selected utterance's index in the run, or G_MAXUINT
 */
guint
prl_review_view_get_selected_utterance (PrlReviewView *self)
{
  g_return_val_if_fail (PRL_IS_REVIEW_VIEW (self), G_MAXUINT);

  return self->selected;
}

/* On a narrow window, where the list and the diff take turns, choosing
 * an utterance opens its diff. */
static void
on_row_activated_cb (PrlReviewView *self, GtkListBoxRow *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "diff");
}

static void
show_list_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlReviewView *self = PRL_REVIEW_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* Playing */

static void
seek_and_play (PrlReviewView *self)
{
  if (gtk_media_stream_get_error (self->media) != NULL)
    return;
  if (gtk_media_stream_is_seekable (self->media))
    gtk_media_stream_seek (self->media, (gint64)(self->media_seek * G_USEC_PER_SEC));
  gtk_media_stream_play (self->media);
}

static void
media_prepared_cb (PrlReviewView *self)
{
  if (gtk_media_stream_is_prepared (self->media))
    {
      g_clear_signal_handler (&self->prepared_id, self->media);
      seek_and_play (self);
    }
}

static void
clear_media (PrlReviewView *self)
{
  if (self->media != NULL)
    {
      g_clear_signal_handler (&self->prepared_id, self->media);
      gtk_media_stream_pause (self->media);
    }
  g_clear_object (&self->media);
  g_clear_pointer (&self->media_path, g_free);
}

static void
play_requested_default (PrlReviewView *self, const char *audio_path, double seconds)
{
  if (audio_path == NULL || *audio_path == '\0')
    return;

  if (self->media == NULL || g_strcmp0 (self->media_path, audio_path) != 0)
    {
      clear_media (self);
      self->media = gtk_media_file_new_for_filename (audio_path);
      self->media_path = g_strdup (audio_path);
    }
  self->media_seek = MAX (seconds, 0);
  if (gtk_media_stream_is_prepared (self->media))
    seek_and_play (self);
  else if (self->prepared_id == 0)
    self->prepared_id = g_signal_connect_swapped (self->media, "notify::prepared",
                                                  G_CALLBACK (media_prepared_cb), self);
}

/**
 * prl_review_view_get_media_stream:
 *
 * Returns: (transfer none) (nullable): what the last played word plays
 *   through, for tests and for media controls
 */
GtkMediaStream *
prl_review_view_get_media_stream (PrlReviewView *self)
{
  g_return_val_if_fail (PRL_IS_REVIEW_VIEW (self), NULL);

  return self->media;
}

static void
on_word_activated_cb (PrlReviewView *self, guint row, guint column, double seconds)
{
  const char *path;

  if (self->run == NULL || self->selected == G_MAXUINT)
    return;
  path = prl_eval_run_get_audio_path (self->run, self->selected);
  if (path != NULL)
    g_signal_emit (self, signals[PLAY_REQUESTED], 0, path, seconds);
}

/* The shown utterances in list order (sorted, filtered). */
static GPtrArray *
shown_rows (PrlReviewView *self)
{
  GPtrArray     *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "utterance"));

      if (index < self->utterances->len
          && utterance_visible (self,
                                &g_array_index (self->utterances, Utterance, index)))
        g_ptr_array_add (rows, row);
    }
  return rows;
}

/* Next Error past the last error of an utterance goes on to the next
 * shown utterance with errors (Previous Error to the previous one, at
 * its last error); at the end of the list it stops with a bell. */
static void
next_error_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PrlReviewView *self = PRL_REVIEW_VIEW (widget);
  gboolean       forward = g_str_equal (action_name, "review.next-error");
  g_autoptr (GPtrArray) rows = NULL;
  int position = -1;

  if (self->run == NULL)
    return;
  /* The errors are in the diff, which a narrow window shows alone. */
  adw_leaflet_set_visible_child_name (self->leaflet, "diff");
  if (self->selected != G_MAXUINT
      && prl_diff_view_focus_next_error (self->diff_view, forward))
    return;

  rows = shown_rows (self);
  for (guint i = 0; i < rows->len; i++)
    if (self->selected != G_MAXUINT
        && rows->pdata[i]
               == g_array_index (self->utterances, Utterance, self->selected).row)
      position = (int)i;

  for (int i = position < 0 ? (forward ? 0 : (int)rows->len - 1)
                            : position + (forward ? 1 : -1);
       i >= 0 && i < (int)rows->len; i += forward ? 1 : -1)
    {
      guint index
          = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (rows->pdata[i]), "utterance"));

      if (!g_array_index (self->utterances, Utterance, index).errors)
        continue;
      gtk_list_box_select_row (self->list_box, rows->pdata[i]);
      if (prl_diff_view_focus_next_error (self->diff_view, forward))
        return;
    }
  gtk_widget_error_bell (widget);
}

/* The first shown utterance, so the diff is never empty for nothing. */
static void
select_first (PrlReviewView *self)
{
  g_autoptr (GPtrArray) rows = shown_rows (self);

  if (rows->len > 0)
    gtk_list_box_select_row (self->list_box, rows->pdata[0]);
}

static void
prl_review_view_dispose (GObject *object)
{
  PrlReviewView *self = PRL_REVIEW_VIEW (object);

  self->disposing = TRUE;
  clear_media (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_REVIEW_VIEW);
  g_clear_object (&self->run);
  g_clear_object (&self->normalizer);
  g_clear_pointer (&self->query, g_strfreev);
  if (self->utterances != NULL)
    g_array_set_size (self->utterances, 0);

  G_OBJECT_CLASS (prl_review_view_parent_class)->dispose (object);
}

static void
prl_review_view_finalize (GObject *object)
{
  PrlReviewView *self = PRL_REVIEW_VIEW (object);

  g_clear_pointer (&self->utterances, g_array_unref);

  G_OBJECT_CLASS (prl_review_view_parent_class)->finalize (object);
}

static void
prl_review_view_class_init (PrlReviewViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_review_view_dispose;
  object_class->finalize = prl_review_view_finalize;

  /**
   * PrlReviewView::play-requested:
   * @audio_path: the utterance's audio
   * @seconds: where to start
   *
   * A word was clicked. The default handler plays the file from there;
   * stop the emission to play it some other way.
   */
  signals[PLAY_REQUESTED] = g_signal_new_class_handler (
      "play-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
      G_CALLBACK (play_requested_default), NULL, NULL, NULL, G_TYPE_NONE, 2,
      G_TYPE_STRING, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, diff_stack);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, diff_view);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, errors_check);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, list_box);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, next_button);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, PrlReviewView, utterance_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_word_activated_cb);

  gtk_widget_class_install_action (widget_class, "review.next-error", NULL,
                                   next_error_action);
  gtk_widget_class_install_action (widget_class, "review.previous-error", NULL,
                                   next_error_action);
  gtk_widget_class_install_action (widget_class, "review.show-list", NULL,
                                   show_list_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (PRL_TYPE_DIFF_VIEW);
}

static void
prl_review_view_init (PrlReviewView *self)
{
  self->selected = G_MAXUINT;
  self->utterances = g_array_new (FALSE, TRUE, sizeof (Utterance));
  g_array_set_clear_func (self->utterances, (GDestroyNotify)utterance_clear);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* F8 and Shift+F8 from anywhere in the view: in the capture phase,
   * before the list or an entry can take it. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    const struct
    {
      guint           key;
      GdkModifierType mods;
      const char     *action;
    } keys[] = {
      { GDK_KEY_F8, 0, "review.next-error" },
      { GDK_KEY_F8, GDK_SHIFT_MASK, "review.previous-error" },
      { GDK_KEY_Down, GDK_ALT_MASK, "review.next-error" },
      { GDK_KEY_Up, GDK_ALT_MASK, "review.previous-error" },
    };

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_shortcut_controller_add_shortcut (
          GTK_SHORTCUT_CONTROLLER (shortcuts),
          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                            gtk_named_action_new (keys[i].action)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_func, self, NULL);
  rebuild (self);
}

/**
 * prl_review_view_new:
 *
 * Returns: (transfer floating): a view showing no run
 */
GtkWidget *
prl_review_view_new (void)
{
  return g_object_new (PRL_TYPE_REVIEW_VIEW, NULL);
}
