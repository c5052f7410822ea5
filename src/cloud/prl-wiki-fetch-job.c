/* prl-wiki-fetch-job.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetches training text about keywords from a MediaWiki: searches each
 * keyword, takes the best pages, optionally one level of the pages they
 * link to, and keeps their plain text with what attribution needs (the
 * wiki, each page's revision, the licence). The preview (pages, words,
 * which keywords the text covers) is for the user to judge before
 * anything is imported; prl_wiki_fetch_job_import() then hands the text
 * to the workspace's import job, which checks it like any file.
 */

#define G_LOG_DOMAIN "prl-wiki"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "prl-improve.h"
#include "prl-wiki-fetch-job.h"
#include "prl-wiki-quality-private.h"

#define DEFAULT_PAGES_PER_KEYWORD 3
#define DEFAULT_MAX_LINKS 10
/* A keyword list beyond this is a mistake (a whole text pasted). */
#define MAX_KEYWORDS 200
/* Lines with fewer words are headings ("Pests", "References"), not text. */
#define MIN_LINE_WORDS 4
/* Extracts are one page per request anyway; small batches give progress. */
#define BATCH 5
/* Context keywords tried with each keyword before it is searched alone:
 * every try is a request. */
#define MAX_CONTEXT_TRIES 2

struct _PrlWikiFetchJob
{
  PrlJob parent_instance;

  PrlWikiClient *client;
  char         **keywords;
  gboolean       follow_links;
  guint          pages_per_keyword;
  guint          max_links;
  char         **context;  /* (nullable): the model's keywords */
  char          *language; /* (nullable): the model's; no language check if unset */

  /* Results, written by run() and read after it returned. */
  GPtrArray *pages; /* (element-type PrlWikiPage) */
  guint64    n_words;
  GPtrArray *covered;
  GPtrArray *uncovered;
  GPtrArray *not_found;
  GPtrArray *skipped; /* (element-type PrlWikiSkippedPage) */
  char      *licence;
  char      *licence_url;
  GDateTime *fetched;

  /* The leak guard of a self-heal round: its test references stay out. */
  PrlEvalRun *guard;
  guint       n_dropped;
  guint       round; /* the self-heal round fetching, or 0 */
};

G_DEFINE_FINAL_TYPE (PrlWikiFetchJob, prl_wiki_fetch_job, PRL_TYPE_JOB)

static GPtrArray *
strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, NULL);
  return array;
}

/* Appends to a NULL-terminated array. */
static void
strv_array_add (GPtrArray *array, const char *s)
{
  g_ptr_array_insert (array, array->len - 1, g_strdup (s));
}

static gboolean
has_title (GPtrArray *titles, const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
      return TRUE;
  return FALSE;
}

static guint64
count_words (const char *text)
{
  guint64  n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

/* Whether @needle (case-folded) occurs in @haystack (case-folded) as whole
 * words: "bee" is not covered by "beeswax". */
static gboolean
contains_words (const char *haystack, const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gboolean start_ok
          = p == haystack
            || !g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (haystack, p)));
      gboolean end_ok = p[len] == '\0' || !g_unichar_isalnum (g_utf8_get_char (p + len));

      if (start_ok && end_ok)
        return TRUE;
    }
  return FALSE;
}

static gboolean
fetch_titles (PrlWikiFetchJob *self,
              GPtrArray       *titles,
              guint            from,
              double           base,
              double           span,
              GCancellable    *cancellable,
              GError         **error)
{
  for (guint i = from; i < titles->len; i += BATCH)
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new ();
      g_autoptr (GPtrArray) pages = NULL;
      g_autofree char *status = NULL;

      for (guint j = i; j < MIN (i + BATCH, titles->len); j++)
        g_ptr_array_add (batch, g_ptr_array_index (titles, j));
      g_ptr_array_add (batch, NULL);
      status = g_strdup_printf (_ ("Fetching pages %u–%u of %u"), i + 1,
                                MIN (i + BATCH, titles->len), titles->len);
      prl_job_report_progress (
          PRL_JOB (self), base + span * (i - from) / MAX (titles->len - from, 1), status);
      if (!(pages = prl_wiki_client_get_pages (
                self->client, (const char *const *)batch->pdata, cancellable, error)))
        return FALSE;
      for (guint j = 0; j < pages->len; j++)
        {
          PrlWikiPage *page = g_ptr_array_index (pages, j);
          gboolean     seen = FALSE;
          PrlWikiSkip  skip;

          /* Two keywords may lead to one page through a redirect. */
          for (guint k = 0; k < self->pages->len && !seen; k++)
            seen = ((PrlWikiPage *)g_ptr_array_index (self->pages, k))->page_id
                   == page->page_id;
          for (guint k = 0; k < self->skipped->len && !seen; k++)
            seen
                = g_strcmp0 (
                      ((PrlWikiSkippedPage *)g_ptr_array_index (self->skipped, k))->title,
                      page->title)
                  == 0;
          if (seen || page->text == NULL || *page->text == '\0')
            continue;
          /* Lists of other pages, tables of figures and text in another
           * language would teach the model text unlike what it hears. */
          skip = page->disambiguation
                     ? PRL_WIKI_SKIP_DISAMBIGUATION
                     : prl_wiki_quality_classify (page->text, self->language);
          if (skip != PRL_WIKI_SKIP_NONE)
            {
              PrlWikiSkippedPage *s = g_new0 (PrlWikiSkippedPage, 1);

              s->title = g_strdup (page->title);
              s->kind = g_strdup (prl_wiki_skip_to_string (skip));
              s->reason = g_strdup (prl_wiki_skip_describe (skip));
              g_ptr_array_add (self->skipped, s);
              g_debug ("Skipping “%s”: %s", page->title, s->kind);
              continue;
            }
          g_ptr_array_add (self->pages, prl_wiki_page_copy (page));
        }
    }
  return TRUE;
}

/* Whether every page @hits found was skipped (a keyword that found only
 * a disambiguation page found nothing to learn from). */
static gboolean
only_skipped (PrlWikiFetchJob *self, GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const char *title = g_ptr_array_index (hits, i);
      gboolean    skipped = FALSE;

      for (guint k = 0; k < self->skipped->len && !skipped; k++)
        skipped = g_strcmp0 (
                      ((PrlWikiSkippedPage *)g_ptr_array_index (self->skipped, k))->title,
                      title)
                  == 0;
      if (!skipped)
        return FALSE;
    }
  return hits->len > 0;
}

/* A missed word like "supers" finds pages about everything; searched
 * with a keyword of the model ("supers beekeeping") it finds those on
 * its topic (MediaWiki's search wants every term). Sets *hits to the
 * first search in context that found pages, or %NULL. */
static gboolean
search_in_context (PrlWikiFetchJob *self,
                   const char      *keyword,
                   GPtrArray      **hits,
                   GCancellable    *cancellable,
                   GError         **error)
{
  guint tries = 0;

  *hits = NULL;
  for (guint i = 0;
       self->context != NULL && self->context[i] != NULL && tries < MAX_CONTEXT_TRIES;
       i++)
    {
      g_autofree char *query = NULL;
      GPtrArray       *found;

      if (g_ascii_strcasecmp (self->context[i], keyword) == 0)
        continue;
      tries++;
      query = g_strdup_printf ("%s %s", keyword, self->context[i]);
      if (!(found = prl_wiki_client_search (self->client, query, self->pages_per_keyword,
                                            cancellable, error)))
        return FALSE;
      if (found->len > 0)
        {
          *hits = found;
          return TRUE;
        }
      g_ptr_array_unref (found);
    }
  return TRUE;
}

static gboolean
prl_wiki_fetch_job_run (PrlJob *job, GCancellable *cancellable, GError **error)
{
  PrlWikiFetchJob *self = PRL_WIKI_FETCH_JOB (job);
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GPtrArray) keyword_hits
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  guint n_keywords = g_strv_length (self->keywords);
  guint n_seeds;

  prl_job_report_progress (job, 0, _ ("Asking the wiki for its licence"));
  if (!prl_wiki_client_get_rights (self->client, &self->licence, &self->licence_url,
                                   cancellable, error))
    return FALSE;

  for (guint i = 0; i < n_keywords; i++)
    {
      g_autoptr (GPtrArray) hits = NULL;
      g_autofree char *status
          = g_strdup_printf (_ ("Searching for “%s”"), self->keywords[i]);

      prl_job_report_progress (job, 0.3 * i / n_keywords, status);
      if (!search_in_context (self, self->keywords[i], &hits, cancellable, error)
          || (hits == NULL
              && !(hits = prl_wiki_client_search (self->client, self->keywords[i],
                                                  self->pages_per_keyword, cancellable,
                                                  error))))
        return FALSE;
      if (hits->len == 0)
        strv_array_add (self->not_found, self->keywords[i]);
      g_ptr_array_add (keyword_hits, g_ptr_array_ref (hits));
      for (guint j = 0; j < hits->len; j++)
        if (!has_title (titles, g_ptr_array_index (hits, j)))
          g_ptr_array_add (titles, g_strdup (g_ptr_array_index (hits, j)));
    }

  if (!fetch_titles (self, titles, 0, 0.3, self->follow_links ? 0.3 : 0.7, cancellable,
                     error))
    return FALSE;
  for (guint i = 0; i < n_keywords; i++)
    if (only_skipped (self, g_ptr_array_index (keyword_hits, i)))
      strv_array_add (self->not_found, self->keywords[i]);

  /* One level of links from the pages the keywords found, not from the
   * linked pages themselves. */
  n_seeds = self->pages->len;
  if (self->follow_links)
    {
      guint first_new = titles->len;

      for (guint i = 0; i < n_seeds; i++)
        {
          PrlWikiPage *seed = g_ptr_array_index (self->pages, i);
          g_autoptr (GPtrArray) links = NULL;

          prl_job_report_progress (job, 0.6 + 0.1 * i / MAX (n_seeds, 1),
                                   _ ("Following links"));
          if (!(links = prl_wiki_client_get_links (self->client, seed->title,
                                                   self->max_links, cancellable, error)))
            return FALSE;
          for (guint j = 0; j < links->len; j++)
            {
              const char *link = g_ptr_array_index (links, j);
              gboolean    fetched = FALSE;

              for (guint k = 0; k < self->pages->len && !fetched; k++)
                fetched = g_strcmp0 (
                              ((PrlWikiPage *)g_ptr_array_index (self->pages, k))->title,
                              link)
                          == 0;
              if (!fetched && !has_title (titles, link))
                g_ptr_array_add (titles, g_strdup (link));
            }
        }
      if (!fetch_titles (self, titles, first_new, 0.7, 0.3, cancellable, error))
        return FALSE;
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      PrlWikiPage     *page = g_ptr_array_index (self->pages, i);
      g_autofree char *folded = g_utf8_casefold (page->text, -1);

      self->n_words += count_words (page->text);
      g_string_append (all, folded);
      g_string_append_c (all, '\n');
    }
  for (guint i = 0; i < n_keywords; i++)
    {
      g_autofree char *folded = g_utf8_casefold (self->keywords[i], -1);

      strv_array_add (contains_words (all->str, folded) ? self->covered : self->uncovered,
                      self->keywords[i]);
    }
  self->fetched = g_date_time_new_now_utc ();
  prl_job_report_progress (job, 1, NULL);
  return TRUE;
}

static void
prl_wiki_fetch_job_finalize (GObject *object)
{
  PrlWikiFetchJob *self = PRL_WIKI_FETCH_JOB (object);

  g_clear_object (&self->client);
  g_clear_object (&self->guard);
  g_strfreev (self->keywords);
  g_strfreev (self->context);
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->covered);
  g_ptr_array_unref (self->uncovered);
  g_ptr_array_unref (self->not_found);
  g_ptr_array_unref (self->skipped);
  g_free (self->language);
  g_free (self->licence);
  g_free (self->licence_url);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  G_OBJECT_CLASS (prl_wiki_fetch_job_parent_class)->finalize (object);
}

static void
prl_wiki_fetch_job_class_init (PrlWikiFetchJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_wiki_fetch_job_finalize;
  PRL_JOB_CLASS (klass)->run = prl_wiki_fetch_job_run;
}

static void
prl_wiki_fetch_job_init (PrlWikiFetchJob *self)
{
  self->pages_per_keyword = DEFAULT_PAGES_PER_KEYWORD;
  self->max_links = DEFAULT_MAX_LINKS;
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_wiki_page_free);
  self->covered = strv_array ();
  self->uncovered = strv_array ();
  self->not_found = strv_array ();
  self->skipped
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_wiki_skipped_page_free);
}

/**
 * prl_wiki_parse_keywords:
 * @text: keywords one per line or separated by commas (a keywords.txt,
 *   or what a user pasted); lines starting with "#" are comments
 *
 * Returns: (transfer full): the keywords, trimmed, blanks and repeats
 *   (ignoring case) left out; may be empty
 */
char **
prl_wiki_parse_keywords (const char *text)
{
  g_autoptr (GPtrArray) out = strv_array ();
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) parts = NULL;

      if (g_str_has_prefix (g_strchug (lines[i]), "#"))
        continue;
      parts = g_strsplit (lines[i], ",", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        {
          char *keyword = g_strstrip (parts[j]);
          char *folded;

          if (*keyword == '\0' || !g_utf8_validate (keyword, -1, NULL))
            continue;
          folded = g_utf8_casefold (keyword, -1);
          if (g_hash_table_add (seen, folded))
            strv_array_add (out, keyword);
        }
    }
  return (char **)g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/**
 * prl_wiki_fetch_job_new:
 * @api_url: the wiki's api.php
 * @keywords: what to search for, at least one
 * @follow_links: also fetch the pages the found pages link to (one level)
 */
PrlWikiFetchJob *
prl_wiki_fetch_job_new (const char        *api_url,
                        const char *const *keywords,
                        gboolean           follow_links,
                        GError           **error)
{
  g_autoptr (PrlWikiClient) client = NULL;
  g_autofree char *joined = NULL;
  g_auto (GStrv) parsed = NULL;
  PrlWikiFetchJob *self;
  guint            n;

  joined = keywords != NULL ? g_strjoinv ("\n", (char **)keywords) : g_strdup ("");
  parsed = prl_wiki_parse_keywords (joined);
  n = g_strv_length (parsed);
  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("No keywords were given. Type at least one keyword, or "
                              "separate several with commas"));
      return NULL;
    }
  if (n > MAX_KEYWORDS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("%u keywords were given, but at most %u can be fetched at once. "
                      "Keep the words that matter most"),
                   n, MAX_KEYWORDS);
      return NULL;
    }
  if (!(client = prl_wiki_client_new (api_url, error)))
    return NULL;

  self = g_object_new (PRL_TYPE_WIKI_FETCH_JOB, NULL);
  self->client = g_steal_pointer (&client);
  self->keywords = g_steal_pointer (&parsed);
  self->follow_links = follow_links;
  prl_job_set_title (PRL_JOB (self), _ ("Fetching text from the wiki"));
  return self;
}

PrlWikiClient *
prl_wiki_fetch_job_get_client (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return self->client;
}

void
prl_wiki_fetch_job_set_pages_per_keyword (PrlWikiFetchJob *self, guint n_pages)
{
  g_return_if_fail (PRL_IS_WIKI_FETCH_JOB (self));
  self->pages_per_keyword = CLAMP (n_pages, 1, 50);
}

void
prl_wiki_fetch_job_set_max_links (PrlWikiFetchJob *self, guint max_links)
{
  g_return_if_fail (PRL_IS_WIKI_FETCH_JOB (self));
  self->max_links = max_links;
}

/**
 * prl_wiki_fetch_job_get_pages:
 *
 * Returns: (transfer none) (element-type PrlWikiPage): the pages fetched,
 *   keyword pages first, then linked ones
 */
GPtrArray *
prl_wiki_fetch_job_get_pages (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return self->pages;
}

guint64
prl_wiki_fetch_job_get_n_words (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), 0);
  return self->n_words;
}

const char *const *
prl_wiki_fetch_job_get_keywords (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return (const char *const *)self->keywords;
}

/* Keywords that occur in the fetched text (as whole words, any case). */
const char *const *
prl_wiki_fetch_job_get_covered (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return (const char *const *)self->covered->pdata;
}

const char *const *
prl_wiki_fetch_job_get_uncovered (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return (const char *const *)self->uncovered->pdata;
}

/* Keywords the wiki's search found no page for. */
const char *const *
prl_wiki_fetch_job_get_not_found (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return (const char *const *)self->not_found->pdata;
}

/**
 * prl_wiki_fetch_job_get_skipped:
 *
 * Returns: (transfer none) (element-type PrlWikiSkippedPage): the pages
 *   left out as no training text, each with why
 */
GPtrArray *
prl_wiki_fetch_job_get_skipped (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return self->skipped;
}

/**
 * prl_wiki_fetch_job_set_language:
 * @language: (nullable): the model's language ("en-US"); %NULL checks
 *   no language
 *
 * Pages in another language than this are skipped (only English is
 * recognised so far).
 */
void
prl_wiki_fetch_job_set_language (PrlWikiFetchJob *self, const char *language)
{
  g_return_if_fail (PRL_IS_WIKI_FETCH_JOB (self));
  g_free (self->language);
  self->language = g_strdup (language);
}

void
prl_wiki_skipped_page_free (PrlWikiSkippedPage *page)
{
  if (page == NULL)
    return;
  g_free (page->title);
  g_free (page->kind);
  g_free (page->reason);
  g_free (page);
}

const char *
prl_wiki_fetch_job_get_licence (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return self->licence;
}

const char *
prl_wiki_fetch_job_get_licence_url (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  return self->licence_url;
}

/**
 * prl_wiki_fetch_job_dup_provenance:
 *
 * What the dataset keeps for attribution, as a JSON object: "kind"
 * ("mediawiki"), "api_url", "licence", "licence_url", "fetched" (ISO
 * 8601), "keywords" and "pages" ([{"title", "revid", "url"}]); with a
 * leak guard "dropped_test_sentences", in a self-heal round
 * "self_heal_round".
 */
char *
prl_wiki_fetch_job_dup_provenance (PrlWikiFetchJob *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *fetched = NULL;
  g_autofree char *index = NULL;

  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);
  g_return_val_if_fail (self->fetched != NULL, NULL);

  /* The page's permanent link: index.php beside api.php. */
  {
    const char      *api = prl_wiki_client_get_api_url (self->client);
    g_autofree char *base = g_str_has_suffix (api, "api.php")
                                ? g_strndup (api, strlen (api) - strlen ("api.php"))
                                : NULL;

    index = base != NULL ? g_strconcat (base, "index.php", NULL) : g_strdup (api);
  }
  fetched = g_date_time_format_iso8601 (self->fetched);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "mediawiki");
  json_builder_set_member_name (b, "api_url");
  json_builder_add_string_value (b, prl_wiki_client_get_api_url (self->client));
  json_builder_set_member_name (b, "licence");
  json_builder_add_string_value (b, self->licence);
  json_builder_set_member_name (b, "licence_url");
  json_builder_add_string_value (b, self->licence_url);
  json_builder_set_member_name (b, "fetched");
  json_builder_add_string_value (b, fetched);
  if (self->guard != NULL)
    {
      json_builder_set_member_name (b, "dropped_test_sentences");
      json_builder_add_int_value (b, self->n_dropped);
    }
  if (self->round > 0)
    {
      json_builder_set_member_name (b, "self_heal_round");
      json_builder_add_int_value (b, self->round);
    }
  json_builder_set_member_name (b, "keywords");
  json_builder_begin_array (b);
  for (guint i = 0; self->keywords[i] != NULL; i++)
    json_builder_add_string_value (b, self->keywords[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->pages->len; i++)
    {
      PrlWikiPage     *page = g_ptr_array_index (self->pages, i);
      g_autofree char *url
          = g_strdup_printf ("%s?oldid=%" G_GINT64_FORMAT, index, page->rev_id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, page->title);
      json_builder_set_member_name (b, "revid");
      json_builder_add_int_value (b, page->rev_id);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The pages' text, a paragraph a line, headings left out. */
static gboolean
write_text (PrlWikiFetchJob *self, const char *path, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->pages->len; i++)
    {
      PrlWikiPage *page = g_ptr_array_index (self->pages, i);
      g_auto (GStrv) lines = g_strsplit (page->text, "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          char *line = g_strstrip (lines[j]);

          if (count_words (line) >= MIN_LINE_WORDS)
            {
              g_string_append (text, line);
              g_string_append_c (text, '\n');
            }
        }
    }
  if (self->guard != NULL)
    {
      g_autofree char *kept
          = prl_improve_drop_references (self->guard, text->str, &self->n_dropped, error);

      if (kept == NULL)
        return FALSE;
      g_string_assign (text, kept);
    }
  return g_file_set_contents_full (path, text->str, text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
remove_temp (gpointer data)
{
  char            *dir = data;
  g_autofree char *file = g_build_filename (dir, "wiki.txt", NULL);

  g_unlink (file);
  g_rmdir (dir);
  g_free (dir);
}

/**
 * prl_wiki_fetch_job_import:
 * @name: (nullable): the dataset's name; "Wiki: KEYWORDS" when NULL
 *
 * After the job succeeded: the running import job that checks the
 * fetched text like any file and adds it to @model as a TRANSCRIPT
 * dataset with its provenance. The text waits in a private temporary file
 * until the import job is gone.
 *
 * Returns: (transfer full): the import job
 */
PrlImportJob *
prl_wiki_fetch_job_import (PrlWikiFetchJob *self,
                           PrlWorkspace    *workspace,
                           PrlModel        *model,
                           const char      *name,
                           GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *provenance = NULL;
  g_autofree char *default_name = NULL;
  g_autoptr (GFile) file = NULL;
  PrlImportJob *job;

  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), NULL);

  if (prl_job_get_state (PRL_JOB (self)) != PRL_JOB_STATE_SUCCEEDED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("Nothing was fetched from the wiki yet"));
      return NULL;
    }
  if (self->pages->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("The wiki has no pages about these keywords, so there is "
                              "nothing to import. Try other or broader keywords"));
      return NULL;
    }
  if (!(dir = g_dir_make_tmp ("parlance-wiki-XXXXXX", error)))
    return NULL;
  path = g_build_filename (dir, "wiki.txt", NULL);
  if (!write_text (self, path, error))
    {
      g_rmdir (dir);
      return NULL;
    }
  if (name == NULL)
    {
      g_autofree char *keywords = g_strjoinv (", ", self->keywords);

      /* Translators: the name of a dataset of wiki text; %s lists the keywords */
      default_name = g_strdup_printf (_ ("Wiki: %s"), keywords);
      /* A long list of keywords makes a name too long to show. */
      if (g_utf8_strlen (default_name, -1) > 60)
        {
          g_autofree char *head = g_utf8_substring (default_name, 0, 59);

          g_free (default_name);
          default_name = g_strconcat (head, "…", NULL);
        }
      name = default_name;
    }
  file = g_file_new_for_path (path);
  provenance = prl_wiki_fetch_job_dup_provenance (self);
  job = prl_workspace_import_fetched_text (workspace, model, file, name,
                                           prl_wiki_client_get_api_url (self->client),
                                           provenance);
  g_object_set_data_full (G_OBJECT (job), "prl-wiki-temp", g_steal_pointer (&dir),
                          remove_temp);
  return job;
}

/**
 * prl_wiki_fetch_job_set_context:
 * @context: (nullable) (array zero-terminated=1): the model's keywords
 *
 * Before the job runs: each keyword is searched together with a context
 * keyword first (the first two that are not the keyword itself), and
 * alone only when that finds nothing, so that a self-heal round's missed
 * words find pages on the model's topic.
 */
void
prl_wiki_fetch_job_set_context (PrlWikiFetchJob *self, const char *const *context)
{
  g_return_if_fail (PRL_IS_WIKI_FETCH_JOB (self));

  g_strfreev (self->context);
  self->context = g_strdupv ((char **)context);
}

/**
 * prl_wiki_fetch_job_set_round:
 * @round: the model's self-heal round that fetches, from 1
 *
 * Kept in the dataset's provenance as "self_heal_round": the keywords of
 * such a dataset are missed words, not the model's topic, and the
 * leaderboard names the version trained on it after the round.
 */
void
prl_wiki_fetch_job_set_round (PrlWikiFetchJob *self, guint round)
{
  g_return_if_fail (PRL_IS_WIKI_FETCH_JOB (self));

  self->round = round;
}

/**
 * prl_wiki_fetch_job_set_leak_guard:
 * @run: (nullable): the evaluation whose test references must not be
 *   imported
 *
 * Before an import, every fetched sentence equal to a test reference of
 * @run after normalization is dropped; how many is kept in the dataset's
 * provenance ("dropped_test_sentences") and told by
 * prl_wiki_fetch_job_get_n_dropped().
 */
void
prl_wiki_fetch_job_set_leak_guard (PrlWikiFetchJob *self, PrlEvalRun *run)
{
  g_return_if_fail (PRL_IS_WIKI_FETCH_JOB (self));

  g_set_object (&self->guard, run);
}

/**
 * prl_wiki_fetch_job_get_n_dropped:
 *
 * Returns: the sentences the leak guard dropped from the last import
 */
guint
prl_wiki_fetch_job_get_n_dropped (PrlWikiFetchJob *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), 0);

  return self->n_dropped;
}

/**
 * prl_wiki_fetch_job_drop_known_pages:
 * @datasets: (element-type PrlDataset): a model's datasets
 *
 * After the job succeeded: leaves out the fetched pages that a dataset of
 * @datasets holds already in the same revision from the same wiki,
 * according to their provenance, so that a self-heal round does not train
 * on the same text twice (which would weigh it double). The preview's
 * words and keyword coverage stay those of the whole fetch.
 *
 * Returns: the pages left, not imported before
 */
guint
prl_wiki_fetch_job_drop_known_pages (PrlWikiFetchJob *self, GPtrArray *datasets)
{
  g_autoptr (GHashTable) known
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *api = prl_wiki_client_get_api_url (self->client);

  g_return_val_if_fail (PRL_IS_WIKI_FETCH_JOB (self), 0);

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      const char *provenance
          = prl_dataset_get_provenance (g_ptr_array_index (datasets, i));
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o;
      JsonArray  *pages;

      if (provenance == NULL || !json_parser_load_from_data (parser, provenance, -1, NULL)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "api_url", ""), api)
              != 0
          || !json_object_has_member (o, "pages")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "pages")))
        continue;
      pages = json_object_get_array_member (o, "pages");
      for (guint j = 0; j < json_array_get_length (pages); j++)
        {
          JsonNode *node = json_array_get_element (pages, j);

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *p = json_node_get_object (node);

              g_hash_table_add (
                  known,
                  g_strdup_printf (
                      "%" G_GINT64_FORMAT " %s",
                      json_object_get_int_member_with_default (p, "revid", 0),
                      json_object_get_string_member_with_default (p, "title", "")));
            }
        }
    }
  for (guint i = self->pages->len; i > 0; i--)
    {
      PrlWikiPage     *page = g_ptr_array_index (self->pages, i - 1);
      g_autofree char *key
          = g_strdup_printf ("%" G_GINT64_FORMAT " %s", page->rev_id, page->title);

      if (g_hash_table_contains (known, key))
        g_ptr_array_remove_index (self->pages, i - 1);
    }
  return self->pages->len;
}
