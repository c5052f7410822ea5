/* prl-transcription-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-transcription-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "prl-caption-writer.h"
#include "prl-file-open.h"
#include "prl-gui-util.h"
#include "prl-provider-info.h"
#include "prl-transcribe-job.h"

#include "prl-version-ops.h"

#include "prl-transcription-page.h"

/* The Transcription page. In Transcribe mode a PrlTranscribeJob runs the
 * chosen audio through the stock model or a version of a custom model on
 * the workspace's job manager; in Force Alignment mode a thread asks the
 * provider for the word times of a known transcript. Either way the
 * result is an editable text: the user corrects it in place, a click on
 * a word seeks the player to it (each timed word carries a tag with its
 * index, and tags move with the text as it is edited), and the
 * corrected text is what is exported (text, SRT or WebVTT) and what
 * "Align Corrected Text" force-aligns. Words typed in get times between
 * their timed neighbours until the text is aligned again.
 */

struct _PrlTranscriptionPage
{
  GtkWidget parent_instance;

  /* Template Widgets */
  GtkWidget        *align_toggle;
  GtkWidget        *audio_label;
  GtkWidget        *cancel_button;
  GtkWidget        *choose_audio_button;
  GtkWidget        *drop_area;
  GtkWidget        *drop_label;
  GtkWidget        *error_label;
  GtkWidget        *export_box;
  GtkWidget        *known_text_box;
  GtkTextView      *known_text_view;
  GtkMediaControls *media_controls;
  GtkDropDown      *model_dropdown;
  GtkWidget        *model_box;
  GtkWidget        *progress_box;
  GtkProgressBar   *progress_bar;
  GtkWidget        *run_button;
  GtkWidget        *transcribe_toggle;
  GtkDropDown      *version_dropdown;
  GtkWidget        *base_warning_label;
  GtkTextView      *transcript_view;
  GtkWidget        *corrected_label;

  /* Owned References */
  PrlWorkspace     *workspace;
  GFile            *audio;
  GtkMediaStream   *media;
  PrlTranscript    *transcript;
  PrlTranscribeJob *job;
  GCancellable     *align_cancellable;
  GPtrArray        *models;  /* (element-type PrlModel): after “Stock model” */
  GArray           *stock;   /* (element-type gboolean): per models entry, whether it
                              * is the stock model of that model's (cloud) provider */
  GPtrArray        *watched; /* (element-type GListModel): versions lists */
  GtkNativeDialog  *chooser;
  GtkNativeDialog  *save_chooser;
  char             *save_format;
  GCancellable     *cancellable;

  double      seek_position;
  guint       rebuild_id;
  guint       busy : 1;
  GtkTextTag *orphan_tag;    /* (unowned) (nullable): of a word just deleted */
  int         orphan_offset; /* where it was */
  guint       filling : 1;   /* the transcript is being put in the text */
  guint       edited : 1;    /* the user changed the text since */
};

G_DEFINE_FINAL_TYPE (PrlTranscriptionPage, prl_transcription_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

enum
{
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static gboolean
is_align_mode (PrlTranscriptionPage *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->align_toggle));
}

static char *
get_known_text (PrlTranscriptionPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->known_text_view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
update_sensitivity (PrlTranscriptionPage *self)
{
  gboolean         ready = self->audio != NULL && !self->busy;
  g_autofree char *known = NULL;

  if (ready && is_align_mode (self))
    {
      known = get_known_text (self);
      ready = known[0] != '\0';
    }

  gtk_widget_set_sensitive (self->run_button, ready);
  gtk_widget_set_sensitive (self->choose_audio_button, !self->busy);
  gtk_widget_set_sensitive (self->model_box, !self->busy);
  gtk_widget_set_sensitive (self->known_text_box, !self->busy);
  gtk_widget_set_sensitive (self->transcribe_toggle, !self->busy);
  gtk_widget_set_sensitive (self->align_toggle, !self->busy);
  gtk_widget_set_visible (self->progress_box, self->busy);
  gtk_widget_set_sensitive (self->export_box, self->transcript != NULL && !self->busy);
}

static void
show_error (PrlTranscriptionPage *self, const char *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* Words */

static GtkTextBuffer *
transcript_buffer (PrlTranscriptionPage *self)
{
  return gtk_text_view_get_buffer (self->transcript_view);
}

/* The index of the timed word whose tag is at @iter, or -1. */
static int
word_at_iter (const GtkTextIter *iter)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "word-index") != NULL)
      return GPOINTER_TO_INT (g_object_get_data (l->data, "word-index")) - 1;
  return -1;
}

/**
 * prl_transcription_page_play_from_offset:
 * @offset: a character offset in the transcript text
 *
 * Seeks the player to the word at @offset, as a click on it does.
 *
 * Returns: whether a timed word is there
 */
gboolean
prl_transcription_page_play_from_offset (PrlTranscriptionPage *self, int offset)
{
  GtkTextIter              iter;
  const PrlTranscriptWord *w;
  int                      index;

  g_return_val_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self), FALSE);

  if (self->transcript == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (transcript_buffer (self), &iter, offset);
  index = word_at_iter (&iter);
  if (index < 0 && gtk_text_iter_backward_char (&iter))
    index = word_at_iter (&iter); /* just after the word's last letter */
  if (index < 0 || (guint)index >= self->transcript->words->len)
    return FALSE;

  w = &g_array_index (self->transcript->words, PrlTranscriptWord, index);
  self->seek_position = w->start;
  if (self->media != NULL && gtk_media_stream_is_seekable (self->media))
    gtk_media_stream_seek (self->media, (gint64)(w->start * G_USEC_PER_SEC));
  return TRUE;
}

/* A click without a selection plays from the word clicked; dragging
 * still selects text to correct. */
static void
transcript_released_cb (
    GtkGestureClick *gesture, int n_press, double x, double y, PrlTranscriptionPage *self)
{
  GtkTextIter iter;
  int         bx, by;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (transcript_buffer (self)))
    return;
  gtk_text_view_window_to_buffer_coords (self->transcript_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int)x, (int)y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->transcript_view, &iter, bx, by))
    prl_transcription_page_play_from_offset (self, gtk_text_iter_get_offset (&iter));
}

static GtkTextTag *
word_tag_at (const GtkTextIter *iter)
{
  g_autoptr (GSList) tags = NULL;

  if (g_unichar_isspace (gtk_text_iter_get_char (iter)) || gtk_text_iter_is_end (iter))
    return NULL;
  tags = gtk_text_iter_get_tags (iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "word-index") != NULL)
      return l->data;
  return NULL;
}

/* A word replaced (selected and typed over) keeps its times: remember
 * the word deleted, for the text typed in its place. */
static void
transcript_delete_cb (GtkTextBuffer        *buffer,
                      GtkTextIter          *start,
                      GtkTextIter          *end,
                      PrlTranscriptionPage *self)
{
  if (self->filling)
    return;
  self->orphan_tag = word_tag_at (start);
  self->orphan_offset = gtk_text_iter_get_offset (start);
}

/* Letters typed into or next to a word belong to it; text typed where a
 * word was deleted takes its place. Text with spaces makes new words. */
static void
transcript_insert_cb (GtkTextBuffer        *buffer,
                      GtkTextIter          *location,
                      const char           *text,
                      int                   len,
                      PrlTranscriptionPage *self)
{
  GtkTextIter start = *location, before, end = *location;
  GtkTextTag *tag = NULL;
  int         n_chars = g_utf8_strlen (text, len);
  GtkTextTag *orphan = self->orphan_tag;

  self->orphan_tag = NULL;
  if (self->filling || n_chars == 0)
    return;
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return;

  gtk_text_iter_backward_chars (&start, n_chars);
  before = start;
  if (gtk_text_iter_backward_char (&before))
    tag = word_tag_at (&before);
  if (tag == NULL)
    tag = word_tag_at (&end);
  if (tag == NULL && orphan != NULL
      && gtk_text_iter_get_offset (&start) == self->orphan_offset)
    tag = orphan;
  if (tag != NULL)
    gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

static void
transcript_changed_cb (PrlTranscriptionPage *self)
{
  if (self->filling || self->transcript == NULL)
    return;
  self->edited = TRUE;
  gtk_widget_set_visible (self->corrected_label, TRUE);
}

static void
set_transcript (PrlTranscriptionPage *self, PrlTranscript *transcript)
{
  GtkTextBuffer   *buffer = transcript_buffer (self);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter      end;

  g_clear_pointer (&self->transcript, prl_transcript_free);
  self->transcript = transcript;
  self->seek_position = -1;

  self->filling = TRUE;
  self->orphan_tag = NULL;
  gtk_text_buffer_set_text (buffer, "", -1);
  /* The old words' tags go with their words. */
  {
    g_autoptr (GPtrArray) old = g_ptr_array_new ();

    gtk_text_tag_table_foreach (table, (GtkTextTagTableForeach)g_ptr_array_add, old);
    for (guint i = 0; i < old->len; i++)
      if (g_object_get_data (old->pdata[i], "word-index") != NULL)
        gtk_text_tag_table_remove (table, old->pdata[i]);
  }
  for (guint i = 0; transcript != NULL && i < transcript->words->len; i++)
    {
      const PrlTranscriptWord *w
          = &g_array_index (transcript->words, PrlTranscriptWord, i);
      GtkTextTag *tag = gtk_text_tag_new (NULL);

      g_object_set_data (G_OBJECT (tag), "word-index", GINT_TO_POINTER ((int)i + 1));
      gtk_text_tag_table_add (table, tag);
      g_object_unref (tag);
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (i > 0)
        gtk_text_buffer_insert (buffer, &end, " ", 1);
      gtk_text_buffer_insert_with_tags (buffer, &end, w->word, -1, tag, NULL);
    }
  self->filling = FALSE;
  self->edited = FALSE;
  gtk_widget_set_visible (self->corrected_label, FALSE);
  gtk_text_view_set_editable (self->transcript_view, transcript != NULL);
}

/**
 * prl_transcription_page_dup_text:
 *
 * Returns: (transfer full): the transcript as corrected by the user, its
 *   words separated by single spaces
 */
char *
prl_transcription_page_dup_text (PrlTranscriptionPage *self)
{
  GtkTextIter      start, end;
  g_autofree char *text = NULL;
  g_auto (GStrv) words = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) kept = NULL;

  g_return_val_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self), NULL);

  gtk_text_buffer_get_bounds (transcript_buffer (self), &start, &end);
  text = gtk_text_buffer_get_text (transcript_buffer (self), &start, &end, FALSE);
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  kept = g_strv_builder_end (builder);
  return g_strjoinv (" ", kept);
}

/* The corrected text as a transcript: a word keeps the times of the
 * timed word it starts in (the word was corrected in place); words typed
 * in share the time between their timed neighbours. */
static PrlTranscript *
dup_corrected_transcript (PrlTranscriptionPage *self)
{
  GtkTextBuffer *buffer = transcript_buffer (self);
  PrlTranscript *t = prl_transcript_new (self->transcript->path);
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) used = g_hash_table_new (NULL, NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter token_end;
      int         index;
      double      start = -1, end = -1;

      if (g_unichar_isspace (gtk_text_iter_get_char (&iter)))
        {
          gtk_text_iter_forward_char (&iter);
          continue;
        }
      token_end = iter;
      while (!gtk_text_iter_is_end (&token_end)
             && !g_unichar_isspace (gtk_text_iter_get_char (&token_end)))
        gtk_text_iter_forward_char (&token_end);

      index = word_at_iter (&iter);
      if (index >= 0 && (guint)index < self->transcript->words->len
          && !g_hash_table_contains (used, GINT_TO_POINTER (index + 1)))
        {
          const PrlTranscriptWord *w
              = &g_array_index (self->transcript->words, PrlTranscriptWord, index);

          g_hash_table_add (used, GINT_TO_POINTER (index + 1));
          start = w->start;
          end = w->end;
        }
      g_ptr_array_add (tokens, gtk_text_iter_get_text (&iter, &token_end));
      g_array_append_val (starts, start);
      g_array_append_val (ends, end);
      iter = token_end;
    }

  for (guint i = 0; i < tokens->len;)
    {
      guint  j = i;
      double from, to;

      if (g_array_index (starts, double, i) >= 0)
        {
          prl_transcript_add_word (t, tokens->pdata[i], g_array_index (starts, double, i),
                                   g_array_index (ends, double, i), 1.0);
          i++;
          continue;
        }
      /* A run of untimed words, between the timed words around it. */
      while (j < tokens->len && g_array_index (starts, double, j) < 0)
        j++;
      from = i > 0 ? g_array_index (ends, double, i - 1) : 0;
      to = j < tokens->len ? g_array_index (starts, double, j)
                           : MAX (from, self->transcript->duration);
      for (guint k = i; k < j; k++)
        {
          double step = (to - from) / (j - i);

          prl_transcript_add_word (t, tokens->pdata[k], from + step * (k - i),
                                   from + step * (k - i + 1), 0.0);
        }
      i = j;
    }
  t->duration = self->transcript->duration;
  return t;
}

static void
align_corrected_cb (PrlTranscriptionPage *self)
{
  g_autofree char *text = NULL;

  if (self->transcript == NULL || self->busy)
    return;
  text = prl_transcription_page_dup_text (self);
  if (*text == '\0')
    return;
  prl_transcription_page_set_known_text (self, text);
  prl_transcription_page_set_align_mode (self, TRUE);
  gtk_widget_activate (self->run_button);
}

/* Models and versions */

static char *
version_name_cb (PrlVersion *version)
{
  if (version != NULL
      && prl_version_get_remote_status (version) == PRL_REMOTE_STATUS_BASE_REMOVED)
    /* Translators: a version in the picker whose base model is gone */
    return g_strdup_printf (_ ("%s (base removed)"), prl_version_get_name (version));
  return g_strdup (version ? prl_version_get_name (version) : "");
}

/* Recognition with a version built on a base its provider has since
 * replaced works, but is warned of, as the services do. */
static void
version_selected_cb (PrlTranscriptionPage *self)
{
  PrlVersion *version = gtk_widget_get_sensitive (GTK_WIDGET (self->version_dropdown))
                            ? gtk_drop_down_get_selected_item (self->version_dropdown)
                            : NULL;
  g_autofree char *removed
      = version ? prl_version_dup_base_removed_reason (version) : NULL;
  g_autofree char *warning = removed   ? g_steal_pointer (&removed)
                             : version ? prl_version_dup_base_warning (version)
                                       : NULL;

  gtk_label_set_label (GTK_LABEL (self->base_warning_label), warning ? warning : "");
  gtk_widget_set_visible (self->base_warning_label, warning != NULL);
}

/* The newest version that can transcribe: one whose base its provider
 * removed, or still training remotely, is listed but not preselected. */
static guint
first_usable_version (GListModel *versions)
{
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr (PrlVersion) version = g_list_model_get_item (versions, i);

      if (prl_version_is_usable (version))
        return i;
    }
  return 0;
}

static void
model_selected_cb (PrlTranscriptionPage *self)
{
  guint       selected = gtk_drop_down_get_selected (self->model_dropdown);
  GListModel *versions;

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || self->models == NULL
      || selected > self->models->len || self->workspace == NULL
      || g_array_index (self->stock, gboolean, selected - 1))
    {
      gtk_drop_down_set_model (self->version_dropdown, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->version_dropdown), FALSE);
      version_selected_cb (self);
      return;
    }

  versions = prl_workspace_get_versions (self->workspace,
                                         g_ptr_array_index (self->models, selected - 1));
  gtk_drop_down_set_model (self->version_dropdown, versions);
  gtk_drop_down_set_selected (self->version_dropdown, first_usable_version (versions));
  gtk_widget_set_sensitive (GTK_WIDGET (self->version_dropdown), TRUE);
  version_selected_cb (self);
}

static void schedule_rebuild (PrlTranscriptionPage *self);

static gboolean
rebuild_models (gpointer user_data)
{
  PrlTranscriptionPage *self = user_data;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (PrlModel) previous = NULL;
  gboolean    previous_stock = FALSE;
  GListModel *models;
  guint       selected = gtk_drop_down_get_selected (self->model_dropdown);
  guint       new_selected = 0;

  self->rebuild_id = 0;

  if (self->models != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0
      && selected <= self->models->len)
    {
      previous = g_object_ref (g_ptr_array_index (self->models, selected - 1));
      previous_stock = g_array_index (self->stock, gboolean, selected - 1);
    }

  g_ptr_array_set_size (self->models, 0);
  g_array_set_size (self->stock, 0);
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          schedule_rebuild, self);
  g_ptr_array_set_size (self->watched, 0);

  gtk_string_list_append (names, _ ("Stock model"));
  models = self->workspace ? prl_workspace_get_models (self->workspace) : NULL;
  for (guint i = 0; models != NULL && i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (models, i);
      GListModel *versions = prl_workspace_get_versions (self->workspace, model);

      g_signal_connect_swapped (versions, "items-changed", G_CALLBACK (schedule_rebuild),
                                self);
      g_ptr_array_add (self->watched, g_object_ref (versions));
      if (g_list_model_get_n_items (versions) == 0)
        continue;

      g_ptr_array_add (self->models, g_object_ref (model));
      g_array_append_val (self->stock, (gboolean){ FALSE });
      gtk_string_list_append (names, prl_model_get_name (model));
      if (model == previous && !previous_stock)
        new_selected = self->models->len;
    }

  /* A cloud provider's stock model is reached through a model of it: its
   * account and language (Amazon Transcribe's own stock model). */
  for (guint i = 0; models != NULL && i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (models, i);
      const PrlProviderInfo *info
          = prl_provider_info_lookup (prl_model_get_provider (model));
      g_autofree char *label = NULL;

      if (info == NULL || prl_provider_info_get_account_kind (info) == NULL)
        continue;
      g_ptr_array_add (self->models, g_object_ref (model));
      g_array_append_val (self->stock, (gboolean){ TRUE });
      /* Translators: "Amazon Transcribe stock model (account of “clinic”)" */
      label = g_strdup_printf (_ ("%s stock model (account of “%s”)"),
                               prl_provider_info_get_display_name (info),
                               prl_model_get_name (model));
      gtk_string_list_append (names, label);
      if (model == previous && previous_stock)
        new_selected = self->models->len;
    }

  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->model_dropdown, new_selected);
  model_selected_cb (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (PrlTranscriptionPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_models, self);
}

static void
unwatch_models (PrlTranscriptionPage *self)
{
  GListModel *models;

  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          schedule_rebuild, self);
  g_ptr_array_set_size (self->watched, 0);
  g_ptr_array_set_size (self->models, 0);
  g_array_set_size (self->stock, 0);
  if (self->workspace != NULL && (models = prl_workspace_get_models (self->workspace)))
    g_signal_handlers_disconnect_by_func (models, schedule_rebuild, self);
}

void
prl_transcription_page_set_workspace (PrlTranscriptionPage *self, PrlWorkspace *workspace)
{
  g_return_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self));
  g_return_if_fail (!workspace || PRL_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  unwatch_models (self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_swapped (prl_workspace_get_models (workspace), "items-changed",
                              G_CALLBACK (schedule_rebuild), self);
  rebuild_models (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* Audio and the known text */

void
prl_transcription_page_set_audio (PrlTranscriptionPage *self, GFile *audio)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self));
  g_return_if_fail (!audio || G_IS_FILE (audio));

  if (self->busy)
    return;

  g_set_object (&self->audio, audio);
  gtk_media_controls_set_media_stream (self->media_controls, NULL);
  g_clear_object (&self->media);
  set_transcript (self, NULL);
  show_error (self, NULL);

  if (audio != NULL)
    {
      name = g_file_get_basename (audio);
      gtk_label_set_label (GTK_LABEL (self->audio_label), name);
      self->media = gtk_media_file_new_for_file (audio);
      gtk_media_controls_set_media_stream (self->media_controls, self->media);
    }
  else
    gtk_label_set_label (GTK_LABEL (self->audio_label), _ ("No audio chosen"));

  gtk_widget_set_visible (GTK_WIDGET (self->media_controls), audio != NULL);
  update_sensitivity (self);
}

void
prl_transcription_page_set_known_text (PrlTranscriptionPage *self, const char *text)
{
  g_return_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->known_text_view),
                            text ? text : "", -1);
}

void
prl_transcription_page_set_align_mode (PrlTranscriptionPage *self, gboolean align)
{
  g_return_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self));

  gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (align ? self->align_toggle : self->transcribe_toggle), TRUE);
}

static void
mode_toggled_cb (PrlTranscriptionPage *self)
{
  gboolean align = is_align_mode (self);

  gtk_widget_set_visible (self->known_text_box, align);
  gtk_widget_set_visible (self->model_box, !align);
  gtk_button_set_label (GTK_BUTTON (self->run_button),
                        align ? _ ("Align") : _ ("Transcribe"));
  update_sensitivity (self);
}

/* A known transcript is text a person typed: a few megabytes at most. */
#define KNOWN_TEXT_MAX_SIZE (16 * 1024 * 1024)

/* In a thread: the chosen file may be a FIFO or on a slow disk. */
static void
load_known_text_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (task_data);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  guint64          size = 0;
  gsize            n_read = 0;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _ ("Only local transcripts can be read"));
      return;
    }
  if (!(stream
        = prl_file_open_regular (path, KNOWN_TEXT_MAX_SIZE, &size, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  contents = g_malloc (size + 1);
  if (!g_input_stream_read_all (stream, contents, size, &n_read, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  contents[n_read] = '\0';
  if (!g_utf8_validate (contents, n_read, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _ ("The transcript is not UTF-8 text. Save it as UTF-8 "
                                  "and choose it again."));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&contents), g_free);
}

static void
known_text_loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  PrlTranscriptionPage *self = PRL_TRANSCRIPTION_PAGE (object);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = g_task_propagate_pointer (G_TASK (result), &error);

  if (contents == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  prl_transcription_page_set_known_text (self, contents);
}

/**
 * prl_transcription_page_load_known_text:
 * @file: a transcript the user chose
 *
 * Reads @file into the known text in the background, as Choose
 * Transcript does; a pipe, a device or a huge file is refused, and the
 * reason shown on the page.
 */
void
prl_transcription_page_load_known_text (PrlTranscriptionPage *self, GFile *file)
{
  g_autoptr (GTask) task
      = g_task_new (self, self->cancellable, known_text_loaded_cb, NULL);

  g_task_set_source_tag (task, prl_transcription_page_load_known_text);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_known_text_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, PrlTranscriptionPage *self)
{
  gboolean audio = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "audio"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (audio)
        prl_transcription_page_set_audio (self, file);
      else
        prl_transcription_page_load_known_text (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
open_chooser (PrlTranscriptionPage *self, gboolean audio)
{
  static const char *const audio_suffixes[]
      = { "wav", "flac", "mp3", "ogg", "opus", "m4a", NULL };
  static const char *const text_suffixes[] = { "txt", NULL };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
      audio ? _ ("Choose Audio") : _ ("Choose Transcript"),
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), GTK_FILE_CHOOSER_ACTION_OPEN,
      _ ("_Open"), _ ("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  if (audio)
    prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->chooser), _ ("Audio"),
                             audio_suffixes, "audio/*");
  else
    prl_gui_add_file_filter (GTK_FILE_CHOOSER (self->chooser), _ ("Text"), text_suffixes,
                             "text/plain");
  g_object_set_data (G_OBJECT (self->chooser), "audio", GINT_TO_POINTER (audio));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
choose_audio_cb (PrlTranscriptionPage *self)
{
  open_chooser (self, TRUE);
}

static void
choose_transcript_cb (PrlTranscriptionPage *self)
{
  open_chooser (self, FALSE);
}

static gboolean
drop_cb (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         PrlTranscriptionPage *self)
{
  GSList *list;
  GFile  *first;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->busy)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  first = list ? list->data : NULL;
  if (first != NULL)
    prl_transcription_page_set_audio (self, first);
  g_slist_free (list);
  return first != NULL;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target, double x, double y, PrlTranscriptionPage *self)
{
  gtk_label_set_label (GTK_LABEL (self->drop_label), _ ("Release to choose the audio"));
  gtk_widget_add_css_class (self->drop_label, "accent");
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target, PrlTranscriptionPage *self)
{
  gtk_label_set_label (GTK_LABEL (self->drop_label), _ ("Drop an audio file here"));
  gtk_widget_remove_css_class (self->drop_label, "accent");
}

/* Running */

static void
set_busy (PrlTranscriptionPage *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, NULL);
    }
  update_sensitivity (self);
}

static void
job_progress_cb (PrlTranscriptionPage *self)
{
  if (self->job == NULL)
    return;

  prl_gui_show_job_progress (self->progress_bar, PRL_JOB (self->job));
  gtk_progress_bar_set_text (self->progress_bar,
                             prl_job_get_status (PRL_JOB (self->job)));
}

static void
job_state_cb (PrlTranscriptionPage *self)
{
  g_autoptr (PrlTranscribeJob) job = NULL;
  GPtrArray    *transcripts;
  GPtrArray    *errors;
  PrlJobState   state;
  const GError *error;

  if (self->job == NULL || prl_job_is_active (PRL_JOB (self->job)))
    return;

  job = g_steal_pointer (&self->job);
  g_signal_handlers_disconnect_by_data (job, self);
  state = prl_job_get_state (PRL_JOB (job));
  transcripts = prl_transcribe_job_get_transcripts (job);
  errors = prl_transcribe_job_get_errors (job);
  error = prl_job_get_error (PRL_JOB (job));

  set_busy (self, FALSE);
  if (state == PRL_JOB_STATE_CANCELLED)
    {
      show_error (self, NULL);
      return;
    }

  if (errors != NULL && errors->len > 0 && g_ptr_array_index (errors, 0) != NULL)
    error = g_ptr_array_index (errors, 0);

  if (transcripts != NULL && transcripts->len > 0
      && g_ptr_array_index (transcripts, 0) != NULL)
    {
      const PrlTranscript *t = g_ptr_array_index (transcripts, 0);
      PrlTranscript       *copy = prl_transcript_new (t->path);

      for (guint i = 0; i < t->words->len; i++)
        {
          const PrlTranscriptWord *w = &g_array_index (t->words, PrlTranscriptWord, i);

          prl_transcript_add_word (copy, w->word, w->start, w->end, w->confidence);
        }
      copy->duration = t->duration;
      show_error (self, NULL);
      set_transcript (self, copy);
    }
  else
    show_error (self, error ? error->message : _ ("The audio could not be transcribed"));

  update_sensitivity (self);
}

static void
align_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlTranscriptionPage) self = user_data;
  g_autoptr (GError) error = NULL;
  PrlTranscript *t = prl_workspace_align_finish (PRL_WORKSPACE (object), result, &error);

  g_clear_object (&self->align_cancellable);
  set_busy (self, FALSE);
  if (t == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_transcript (self, t);
  update_sensitivity (self);
}

static void
run_cb (PrlTranscriptionPage *self)
{
  g_autofree char *path = NULL;

  if (self->busy || self->audio == NULL || self->workspace == NULL)
    return;

  path = g_file_get_path (self->audio);
  if (path == NULL)
    {
      show_error (self, _ ("Only local audio files can be transcribed"));
      return;
    }

  set_transcript (self, NULL);
  show_error (self, NULL);

  if (is_align_mode (self))
    {
      g_autofree char *text = get_known_text (self);

      self->align_cancellable = g_cancellable_new ();
      set_busy (self, TRUE);
      gtk_progress_bar_set_text (self->progress_bar, _ ("Aligning…"));
      gtk_progress_bar_pulse (self->progress_bar);
      prl_workspace_align_async (self->workspace, self->audio, text,
                                 self->align_cancellable, align_done_cb,
                                 g_object_ref (self));
    }
  else
    {
      guint       selected = gtk_drop_down_get_selected (self->model_dropdown);
      PrlVersion *version = NULL;
      PrlModel   *model = NULL;
      gboolean    stock = FALSE;
      GFile      *files[1] = { self->audio };
      g_autoptr (GError) error = NULL;

      if (selected != GTK_INVALID_LIST_POSITION && selected > 0
          && selected <= self->models->len)
        {
          model = g_ptr_array_index (self->models, selected - 1);
          stock = g_array_index (self->stock, gboolean, selected - 1);
        }
      if (model != NULL && !stock)
        version = gtk_drop_down_get_selected_item (self->version_dropdown);
      if (model != NULL && !stock && version == NULL)
        {
          show_error (self, _ ("Choose a version of the model"));
          return;
        }

      if (!(self->job = prl_workspace_transcribe_files_full (self->workspace, model,
                                                             version, files, 1, &error)))
        {
          show_error (self, error->message);
          return;
        }
      g_signal_connect_swapped (self->job, "notify::progress",
                                G_CALLBACK (job_progress_cb), self);
      g_signal_connect_swapped (self->job, "notify::status", G_CALLBACK (job_progress_cb),
                                self);
      g_signal_connect_swapped (self->job, "notify::state", G_CALLBACK (job_state_cb),
                                self);
      set_busy (self, TRUE);
    }
}

static void
cancel_cb (PrlTranscriptionPage *self)
{
  if (self->job != NULL)
    prl_job_cancel (PRL_JOB (self->job));
  if (self->align_cancellable != NULL)
    g_cancellable_cancel (self->align_cancellable);
}

/* Export */

static char *
format_transcript (const PrlTranscript *t, const char *format)
{
  if (g_strcmp0 (format, "txt") == 0)
    return g_strconcat (t->text ? t->text : "", "\n", NULL);

  return prl_caption_format_transcript (t, g_strcmp0 (format, "vtt") == 0);
}

static void
export_written_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlTranscriptionPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("Could not export the transcript: %s"), error->message);

      show_error (self, message);
    }
  else if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      prl_gui_show_saved_file (GTK_WIDGET (self), _ ("Transcript exported"),
                               G_FILE (object));
    }

  g_signal_emit (self, signals[EXPORTED], 0, object, error);
}

/**
 * prl_transcription_page_export:
 * @format: "txt", "srt" or "vtt"
 * @dest: the file to write
 *
 * Writes the last transcript to @dest in the background, then emits
 * #PrlTranscriptionPage::exported.
 */
void
prl_transcription_page_export (PrlTranscriptionPage *self,
                               const char           *format,
                               GFile                *dest)
{
  g_autoptr (GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (g_strcmp0 (format, "txt") == 0 || g_strcmp0 (format, "srt") == 0
                    || g_strcmp0 (format, "vtt") == 0);
  g_return_if_fail (self->transcript != NULL);

  /* What the user corrected, not what the model heard. */
  {
    g_autoptr (PrlTranscript) corrected = dup_corrected_transcript (self);

    text = format_transcript (corrected, format);
  }
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (
      dest, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
      export_written_cb, g_object_ref (self));
}

static void
save_response_cb (GtkNativeDialog *chooser, int response, PrlTranscriptionPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->transcript != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      prl_transcription_page_export (self, self->save_format, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->save_chooser);
}

static void
export_clicked_cb (PrlTranscriptionPage *self, GtkButton *button)
{
  const char      *label = gtk_button_get_label (button);
  const char      *format = label[0] == '.' ? label + 1 : label;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char            *dot;

  if (self->transcript == NULL)
    return;

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->save_chooser);
      g_clear_object (&self->save_chooser);
    }

  g_free (self->save_format);
  self->save_format = g_strdup (format);
  base = self->audio ? g_file_get_basename (self->audio) : g_strdup (_ ("transcript"));
  if ((dot = strrchr (base, '.')))
    *dot = '\0';
  name = g_strconcat (base, ".", format, NULL);

  self->save_chooser = prl_gui_save_chooser_new (
      GTK_WIDGET (self), _ ("Export Transcript"), _ ("_Export"), NULL, name);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (self->save_chooser);
}

/* Accessors */

gboolean
prl_transcription_page_get_busy (PrlTranscriptionPage *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self), FALSE);
  return self->busy;
}

/**
 * prl_transcription_page_get_transcript:
 *
 * Returns: (nullable) (transfer none): the last transcript or alignment
 */
const PrlTranscript *
prl_transcription_page_get_transcript (PrlTranscriptionPage *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self), NULL);
  return self->transcript;
}

/**
 * prl_transcription_page_get_seek_position:
 *
 * Returns: where the last word click asked the player to go, in seconds,
 *   or -1 when no word was clicked since the last transcript
 */
double
prl_transcription_page_get_seek_position (PrlTranscriptionPage *self)
{
  g_return_val_if_fail (PRL_IS_TRANSCRIPTION_PAGE (self), 0);
  return self->seek_position;
}

/* GObject */

static void
prl_transcription_page_dispose (GObject *object)
{
  PrlTranscriptionPage *self = PRL_TRANSCRIPTION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->align_cancellable != NULL)
    g_cancellable_cancel (self->align_cancellable);
  if (self->job != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      prl_job_cancel (PRL_JOB (self->job));
      g_clear_object (&self->job);
    }
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->models != NULL)
    unwatch_models (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (self->save_chooser);
  g_clear_object (&self->save_chooser);
  if (self->media_controls != NULL)
    gtk_media_controls_set_media_stream (self->media_controls, NULL);
  g_clear_object (&self->media);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRL_TYPE_TRANSCRIPTION_PAGE);
  prl_gui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->workspace);
  g_clear_object (&self->audio);
  g_clear_pointer (&self->transcript, prl_transcript_free);

  G_OBJECT_CLASS (prl_transcription_page_parent_class)->dispose (object);
}

static void
prl_transcription_page_finalize (GObject *object)
{
  PrlTranscriptionPage *self = PRL_TRANSCRIPTION_PAGE (object);

  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->stock, g_array_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->align_cancellable);
  g_free (self->save_format);

  G_OBJECT_CLASS (prl_transcription_page_parent_class)->finalize (object);
}

static void
prl_transcription_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PrlTranscriptionPage *self = PRL_TRANSCRIPTION_PAGE (object);

  if (!prl_gui_get_workspace_property (pspec, value, self->workspace, NULL))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_transcription_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PrlTranscriptionPage *self = PRL_TRANSCRIPTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      prl_transcription_page_set_workspace (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_transcription_page_class_init (PrlTranscriptionPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_transcription_page_dispose;
  object_class->finalize = prl_transcription_page_finalize;
  object_class->get_property = prl_transcription_page_get_property;
  object_class->set_property = prl_transcription_page_set_property;

  /**
   * PrlTranscriptionPage:workspace:
   *
   * Where the custom models and the job manager come from.
   */
  properties[PROP_WORKSPACE] = prl_gui_param_spec_workspace (G_PARAM_READWRITE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrlTranscriptionPage::exported:
   * @dest: the file written
   * @error: (nullable): why it failed
   *
   * Emitted when an export has finished.
   */
  signals[EXPORTED] = g_signal_new (
      "exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-transcription-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, align_toggle);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, audio_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        choose_audio_button);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, drop_area);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, drop_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, export_box);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        known_text_box);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        known_text_view);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        media_controls);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, model_box);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        transcribe_toggle);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        version_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        base_warning_label);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        transcript_view);
  gtk_widget_class_bind_template_child (widget_class, PrlTranscriptionPage,
                                        corrected_label);
  gtk_widget_class_bind_template_callback (widget_class, align_corrected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_audio_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_transcript_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, run_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);
}

static void
prl_transcription_page_init (PrlTranscriptionPage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->seek_position = -1;
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->stock = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_drop_down_set_expression (self->version_dropdown,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (version_name_cb),
                                                             NULL, NULL));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (self->drop_area, GTK_EVENT_CONTROLLER (target));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->known_text_view), "changed",
                            G_CALLBACK (update_sensitivity), self);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    g_signal_connect (click, "released", G_CALLBACK (transcript_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->transcript_view),
                               GTK_EVENT_CONTROLLER (click));
    g_signal_connect_swapped (transcript_buffer (self), "changed",
                              G_CALLBACK (transcript_changed_cb), self);
    g_signal_connect (transcript_buffer (self), "delete-range",
                      G_CALLBACK (transcript_delete_cb), self);
    g_signal_connect_after (transcript_buffer (self), "insert-text",
                            G_CALLBACK (transcript_insert_cb), self);
  }

  rebuild_models (self);
  mode_toggled_cb (self);
}

GtkWidget *
prl_transcription_page_new (void)
{
  return g_object_new (PRL_TYPE_TRANSCRIPTION_PAGE, NULL);
}
