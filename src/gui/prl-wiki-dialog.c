/* prl-wiki-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wiki-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prl-dataset-check.h"
#include "prl-wiki-dialog.h"
#include "prl-tokenizer.h"
#include "prl-wiki-fetch-job.h"

/* Add Text from Wikipedia: keywords typed, pasted comma-separated,
 * loaded from a keywords.txt or proposed from the model's own text;
 * Preview runs a PrlWikiFetchJob against the wiki of the "wiki-api-url"
 * setting and lists the pages, their sizes, the words and which keywords
 * the text covers; Import hands the text to the workspace, which checks
 * it like any file and keeps its provenance. Every failure is a line in
 * the error row, and nothing is imported until Import succeeds. */

struct _PrlWikiDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget      *fetch_button;
  GtkWidget      *import_button;
  GtkWidget      *load_button;
  GtkWidget      *propose_button;
  AdwEntryRow    *keywords_row;
  GtkSwitch      *links_switch;
  GtkLabel       *wiki_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *error_label;
  GtkWidget      *preview_group;
  GtkLabel       *summary_label;
  GtkListBox     *pages_list;

  PrlWorkspace    *workspace; /* (owned) */
  PrlModel        *model;     /* (owned) */
  char            *api_url;
  GCancellable    *cancellable; /* (owned) */
  PrlWikiFetchJob *fetch;       /* (owned) (nullable): the last preview */
  PrlImportJob    *import;      /* (owned) (nullable) */
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (PrlWikiDialog, prl_wiki_dialog, ADW_TYPE_WINDOW)

static void
show_error (PrlWikiDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->keywords_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->keywords_row), "error");
}

static void
set_busy (PrlWikiDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->fetch_button, !busy);
  gtk_widget_set_sensitive (self->load_button, !busy);
  gtk_widget_set_sensitive (self->propose_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keywords_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_sensitive (self->import_button,
                            !busy && self->fetch != NULL
                                && prl_job_get_state (PRL_JOB (self->fetch))
                                       == PRL_JOB_STATE_SUCCEEDED
                                && prl_wiki_fetch_job_get_pages (self->fetch)->len > 0);
}

/* A new keyword list or links setting makes the preview stale. */
static void
forget_preview (PrlWikiDialog *self)
{
  GtkWidget *row;

  g_clear_object (&self->fetch);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->pages_list))) != NULL)
    gtk_list_box_remove (self->pages_list, row);
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_widget_set_sensitive (self->import_button, FALSE);
}

static void
on_keywords_changed_cb (PrlWikiDialog *self)
{
  if (self->busy)
    return;
  forget_preview (self);
  show_error (self, NULL);
}

static void
job_progress_cb (PrlJob *job, GParamSpec *pspec, PrlWikiDialog *self)
{
  double progress = prl_job_get_progress (job);

  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, progress);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_progress_bar_set_text (self->progress_bar, prl_job_get_status (job));
}

static void
show_preview (PrlWikiDialog *self)
{
  GPtrArray         *pages = prl_wiki_fetch_job_get_pages (self->fetch);
  const char *const *uncovered = prl_wiki_fetch_job_get_uncovered (self->fetch);
  const char *const *not_found = prl_wiki_fetch_job_get_not_found (self->fetch);
  g_autoptr (GString) summary = g_string_new (NULL);
  g_autofree char *total = NULL;

  for (guint i = 0; i < pages->len; i++)
    {
      PrlWikiPage     *page = g_ptr_array_index (pages, i);
      GtkWidget       *row = adw_action_row_new ();
      g_autofree char *size = g_format_size (strlen (page->text));
      g_autofree char *subtitle = NULL;
      g_autofree char *words
          = g_strdup_printf ("%" G_GUINT64_FORMAT, prl_count_words (page->text));

      /* Translators: a page's size and words, e.g. "4.2 kB, 650 words" */
      subtitle = g_strdup_printf (_ ("%s, %s words%s"), size, words,
                                  page->truncated ? _ (" (cut at the size limit)") : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), page->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->pages_list, row);
    }

  total = g_strdup_printf ("%" G_GUINT64_FORMAT,
                           prl_wiki_fetch_job_get_n_words (self->fetch));
  /* Translators: pages and words fetched */
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%u page, %s words.",
                                       "%u pages, %s words.", pages->len),
                          pages->len, total);
  g_string_append_c (summary, ' ');
  /* Translators: how many keywords the fetched text contains, of how many */
  g_string_append_printf (
      summary, _ ("The text covers %u of %u keywords."),
      g_strv_length ((char **)prl_wiki_fetch_job_get_covered (self->fetch)),
      g_strv_length ((char **)prl_wiki_fetch_job_get_keywords (self->fetch)));
  if (uncovered[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)uncovered);

      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _ ("Not in it: %s."), list);
    }
  for (guint i = 0; i < prl_wiki_fetch_job_get_skipped (self->fetch)->len; i++)
    {
      PrlWikiSkippedPage *s
          = g_ptr_array_index (prl_wiki_fetch_job_get_skipped (self->fetch), i);

      /* Translators: a page left out; %s is its title, then why */
      g_string_append_printf (summary, _ (" Skipped “%s”: %s."), s->title, s->reason);
    }
  if (not_found[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)not_found);

      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _ ("No page found for: %s."), list);
    }
  g_string_append_c (summary, ' ');
  /* Translators: %s is the wiki's licence, e.g. Creative Commons Attribution-Share Alike */
  g_string_append_printf (summary, _ ("Licence: %s."),
                          prl_wiki_fetch_job_get_licence (self->fetch));
  gtk_label_set_label (self->summary_label, summary->str);
  gtk_widget_set_visible (self->preview_group, TRUE);
  if (pages->len == 0)
    show_error (self, _ ("The wiki has no pages about these keywords. Try other or "
                         "broader keywords."));
}

static void
fetch_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWikiDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!prl_job_execute_finish (PRL_JOB (object), result, &error))
    {
      if (self->fetch == PRL_WIKI_FETCH_JOB (object))
        g_clear_object (&self->fetch);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && self->keywords_row != NULL)
        show_error (self, error->message);
    }
  else if (self->fetch == PRL_WIKI_FETCH_JOB (object) && self->keywords_row != NULL)
    show_preview (self);
  if (self->keywords_row != NULL)
    set_busy (self, FALSE);
}

static void
on_fetch_clicked_cb (PrlWikiDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keywords = NULL;
  PrlWikiFetchJob *job;

  if (self->busy)
    return;
  forget_preview (self);
  show_error (self, NULL);
  keywords = prl_wiki_parse_keywords (
      gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)));
  if (!(job
        = prl_wiki_fetch_job_new (self->api_url, (const char *const *)keywords,
                                  gtk_switch_get_active (self->links_switch), &error)))
    {
      show_error (self, error->message);
      return;
    }
  self->fetch = job;
  prl_wiki_fetch_job_set_language (job, prl_model_get_language (self->model));
  g_signal_connect_object (job, "notify::progress", G_CALLBACK (job_progress_cb), self,
                           0);
  g_signal_connect_object (job, "notify::status", G_CALLBACK (job_progress_cb), self, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Searching the wiki"));
  set_busy (self, TRUE);
  prl_job_execute_async (PRL_JOB (job), self->cancellable, fetch_done_cb,
                         g_object_ref (self));
}

static void
import_state_cb (PrlJob *job, GParamSpec *pspec, PrlWikiDialog *self)
{
  if (prl_job_is_active (job))
    return;
  set_busy (self, FALSE);
  if (prl_job_get_state (job) == PRL_JOB_STATE_SUCCEEDED)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (prl_job_get_state (job) == PRL_JOB_STATE_FAILED)
    {
      GPtrArray       *checks = prl_import_job_get_checks (PRL_IMPORT_JOB (job));
      g_autofree char *report = checks != NULL ? prl_check_report_format (checks) : NULL;
      g_autofree char *message = g_strdup_printf (
          "%s%s%s", prl_job_get_error (job)->message,
          report != NULL && *report != '\0' ? "\n" : "", report != NULL ? report : "");

      show_error (self, message);
    }
}

static void
on_import_clicked_cb (PrlWikiDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (self->busy || self->fetch == NULL)
    return;
  show_error (self, NULL);
  g_clear_object (&self->import);
  if (!(self->import = prl_wiki_fetch_job_import (self->fetch, self->workspace,
                                                  self->model, NULL, &error)))
    {
      show_error (self, error->message);
      return;
    }
  set_busy (self, TRUE);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Checking and adding the text"));
  g_signal_connect_object (self->import, "notify::progress", G_CALLBACK (job_progress_cb),
                           self, 0);
  g_signal_connect_object (self->import, "notify::state", G_CALLBACK (import_state_cb),
                           self, 0);
  import_state_cb (PRL_JOB (self->import), NULL, self);
}

static void
set_keywords (PrlWikiDialog *self, char **keywords)
{
  g_autofree char *joined = g_strjoinv (", ", keywords);

  gtk_editable_set_text (GTK_EDITABLE (self->keywords_row), joined);
}

static void
propose_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWikiDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keywords
      = prl_workspace_propose_keywords_finish (PRL_WORKSPACE (object), result, &error);

  if (self->keywords_row == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (keywords == NULL)
    show_error (self, error->message);
  else if (keywords[0] == NULL)
    show_error (self, _ ("The model’s text has no words the stock model lacks or rarely "
                         "hears. Type keywords instead."));
  else
    set_keywords (self, keywords);
}

static void
on_propose_clicked_cb (PrlWikiDialog *self)
{
  if (self->busy)
    return;
  show_error (self, NULL);
  set_busy (self, TRUE);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Reading the model’s text"));
  gtk_progress_bar_pulse (self->progress_bar);
  prl_workspace_propose_keywords_async (self->workspace, self->model, 20,
                                        self->cancellable, propose_done_cb,
                                        g_object_ref (self));
}

static void
load_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWikiDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_auto (GStrv) keywords = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL,
                                    &error))
    {
      if (self->keywords_row != NULL
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message
              = g_strdup_printf (_ ("Could not read “%s”: %s"), name, error->message);

          show_error (self, message);
        }
      return;
    }
  if (self->keywords_row == NULL)
    return;
  if (!g_utf8_validate_len (contents, length, NULL) || memchr (contents, '\0', length))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("“%s” is not UTF-8 text. Save the keywords as UTF-8, one "
                                "a line or separated "
                                "by commas."),
                             name);

      show_error (self, message);
      return;
    }
  keywords = prl_wiki_parse_keywords (contents);
  if (keywords[0] == NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("“%s” has no keywords in it."), name);

      show_error (self, message);
      return;
    }
  show_error (self, NULL);
  set_keywords (self, keywords);
}

/**
 * prl_wiki_dialog_load_keywords:
 *
 * Reads keywords from @file (a keywords.txt) into the keywords field.
 */
void
prl_wiki_dialog_load_keywords (PrlWikiDialog *self, GFile *file)
{
  g_return_if_fail (PRL_IS_WIKI_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, load_done_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, PrlWikiDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        prl_wiki_dialog_load_keywords (self, file);
    }
  g_object_unref (chooser);
}

static void
on_load_clicked_cb (PrlWikiDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Load Keywords"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Load"),
      _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Closing stops what runs: nothing is imported unless Import finished. */
static gboolean
prl_wiki_dialog_close_request (GtkWindow *window)
{
  PrlWikiDialog *self = PRL_WIKI_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  if (self->fetch != NULL && prl_job_is_active (PRL_JOB (self->fetch)))
    prl_job_cancel (PRL_JOB (self->fetch));
  return GTK_WINDOW_CLASS (prl_wiki_dialog_parent_class)->close_request (window);
}

static void
prl_wiki_dialog_dispose (GObject *object)
{
  PrlWikiDialog *self = PRL_WIKI_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_WIKI_DIALOG);
  self->keywords_row = NULL;
  g_clear_object (&self->fetch);
  g_clear_object (&self->import);
  G_OBJECT_CLASS (prl_wiki_dialog_parent_class)->dispose (object);
}

static void
prl_wiki_dialog_finalize (GObject *object)
{
  PrlWikiDialog *self = PRL_WIKI_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);
  g_free (self->api_url);
  G_OBJECT_CLASS (prl_wiki_dialog_parent_class)->finalize (object);
}

static void
prl_wiki_dialog_class_init (PrlWikiDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_wiki_dialog_dispose;
  object_class->finalize = prl_wiki_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = prl_wiki_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-wiki-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, load_button);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, propose_button);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, keywords_row);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, links_switch);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, wiki_label);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PrlWikiDialog, pages_list);
  gtk_widget_class_bind_template_callback (widget_class, on_fetch_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_load_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_propose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keywords_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_wiki_dialog_init (PrlWikiDialog *self)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *url = g_settings_get_string (settings, "wiki-api-url");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  prl_wiki_dialog_set_api_url (self, url);
}

/**
 * prl_wiki_dialog_new:
 *
 * The caller sets #GtkWindow:transient-for and presents the dialog.
 *
 * Returns: (transfer none): a new dialog for adding wiki text to @model
 */
GtkWidget *
prl_wiki_dialog_new (PrlWorkspace *workspace, PrlModel *model)
{
  PrlWikiDialog *self;

  g_return_val_if_fail (PRL_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);

  self = g_object_new (PRL_TYPE_WIKI_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  self->model = g_object_ref (model);
  return GTK_WIDGET (self);
}

/* The wiki to fetch from; by default the "wiki-api-url" setting. */
void
prl_wiki_dialog_set_api_url (PrlWikiDialog *self, const char *api_url)
{
  g_autofree char *label = NULL;

  g_return_if_fail (PRL_IS_WIKI_DIALOG (self));
  g_free (self->api_url);
  self->api_url = g_strdup (api_url);
  /* Translators: %s is the address of a wiki's API */
  label = g_strdup_printf (_ ("From %s"), api_url);
  gtk_label_set_label (self->wiki_label, label);
  forget_preview (self);
}

/* Whether a preview, proposal or import is running (for tests). */
gboolean
prl_wiki_dialog_is_busy (PrlWikiDialog *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_DIALOG (self), FALSE);
  return self->busy;
}

/**
 * prl_wiki_describe_provenance:
 * @provenance: (nullable): a dataset's provenance (JSON)
 *
 * Returns: (nullable): one paragraph for the Files popover: the wiki, the
 *   licence and the pages with their revisions; %NULL without provenance
 */
char *
prl_wiki_describe_provenance (const char *provenance)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) pages = g_string_new (NULL);
  JsonObject *o;
  JsonArray  *list = NULL;

  if (provenance == NULL || !json_parser_load_from_data (parser, provenance, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (o, "pages")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "pages")))
    list = json_object_get_array_member (o, "pages");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject      *page = json_array_get_object_element (list, i);
      g_autofree char *revision = NULL;

      if (page == NULL)
        continue;
      if (pages->len > 0)
        g_string_append (pages, ", ");
      revision
          = g_strdup_printf ("%" G_GINT64_FORMAT,
                             json_object_get_int_member_with_default (page, "revid", 0));
      /* Translators: a wiki page's title and the revision the text is from */
      g_string_append_printf (
          pages, _ ("%s (revision %s)"),
          json_object_get_string_member_with_default (page, "title", "?"), revision);
    }
  /* Translators: where wiki text came from: the wiki's API, its licence
   * and URL, then the pages */
  return g_strdup_printf (
      _ ("Fetched from %s under %s (%s): %s"),
      json_object_get_string_member_with_default (o, "api_url", "?"),
      json_object_get_string_member_with_default (o, "licence", "?"),
      json_object_get_string_member_with_default (o, "licence_url", ""), pages->str);
}
