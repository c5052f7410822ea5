/* prl-wiki-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client of the MediaWiki Action API (api.php) on the shared HTTP
 * client: search, plain-text extracts (TextExtracts), revision ids, links
 * and the licence from siteinfo. It follows Wikimedia's API etiquette:
 * a User-Agent that names Parlance with a contact URL, maxlag=5 on every
 * request (a lagged wiki answers "maxlag" with Retry-After; the client
 * waits and tries again a bounded number of times), one request at a time
 * at most a few times a second, and compressed answers (libsoup's content
 * decoder sends Accept-Encoding and inflates).
 */

#define G_LOG_DOMAIN "prl-wiki"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-http-private.h"
#include "prl-wiki-client.h"

#define USER_AGENT                                                                       \
  "Parlance/" PACKAGE_VERSION " (https://github.com/parlance/parlance; "                 \
  "https://github.com/parlance/parlance/issues) libsoup/3"
#define DEFAULT_MIN_INTERVAL_MS 250 /* four requests a second */
#define DEFAULT_LAG_RETRIES 3
#define DEFAULT_LAG_WAIT_MS (30 * 1000)
#define DEFAULT_LAG_RETRY_AFTER_MS (5 * 1000)
#define DEFAULT_MAX_PAGE_CHARS (1024 * 1024)
/* A broken server that keeps asking to continue must not keep us forever. */
#define MAX_CONTINUES 500

G_DEFINE_QUARK (prl - wiki - error - quark, prl_wiki_error)

static gboolean
is_blank (const char *s)
{
  for (; s != NULL && *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

struct _PrlWikiClient
{
  GObject parent_instance;

  PrlHttpClient *http;
  char          *api_url;
  char          *host;
  guint          min_interval_ms;
  guint          lag_retries;
  guint          lag_wait_ms;
  gsize          max_page_chars;

  GMutex lock; /* next_slot and the counters */
  gint64 next_slot;
  guint  n_requests;
  guint  n_lag_waits;
};

G_DEFINE_FINAL_TYPE (PrlWikiClient, prl_wiki_client, G_TYPE_OBJECT)

PrlWikiPage *
prl_wiki_page_copy (const PrlWikiPage *page)
{
  PrlWikiPage *copy = g_new0 (PrlWikiPage, 1);

  copy->title = g_strdup (page->title);
  copy->page_id = page->page_id;
  copy->rev_id = page->rev_id;
  copy->text = g_strdup (page->text);
  copy->truncated = page->truncated;
  copy->disambiguation = page->disambiguation;
  return copy;
}

void
prl_wiki_page_free (PrlWikiPage *page)
{
  if (page == NULL)
    return;
  g_free (page->title);
  g_free (page->text);
  g_free (page);
}

G_DEFINE_BOXED_TYPE (PrlWikiPage, prl_wiki_page, prl_wiki_page_copy, prl_wiki_page_free)

static void
prl_wiki_client_finalize (GObject *object)
{
  PrlWikiClient *self = PRL_WIKI_CLIENT (object);

  g_clear_object (&self->http);
  g_free (self->api_url);
  g_free (self->host);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (prl_wiki_client_parent_class)->finalize (object);
}

static void
prl_wiki_client_class_init (PrlWikiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_wiki_client_finalize;
}

static void
prl_wiki_client_init (PrlWikiClient *self)
{
  g_mutex_init (&self->lock);
  self->min_interval_ms = DEFAULT_MIN_INTERVAL_MS;
  self->lag_retries = DEFAULT_LAG_RETRIES;
  self->lag_wait_ms = DEFAULT_LAG_WAIT_MS;
  self->max_page_chars = DEFAULT_MAX_PAGE_CHARS;
}

/**
 * prl_wiki_check_api_url:
 *
 * Accepts an absolute http or https URL with a host and no query or
 * fragment: the address of a wiki's api.php. Whether a MediaWiki answers
 * there only a request can tell.
 */
gboolean
prl_wiki_check_api_url (const char *api_url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) parse_error = NULL;
  const char *scheme;

  if (is_blank (api_url))
    {
      g_set_error_literal (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_BAD_URL,
                           _ ("No wiki address was given. Give the address of the wiki’s "
                              "api.php, such as " PRL_WIKI_DEFAULT_API));
      return FALSE;
    }
  uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, &parse_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0
          && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (
          error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_BAD_URL,
          _ ("“%s” is not a web address. Give the address of the wiki’s api.php, "
             "such as " PRL_WIKI_DEFAULT_API),
          api_url);
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_BAD_URL,
                   _ ("“%s” is not the address of a wiki’s API: it needs a host and no "
                      "“?” or “#” part, such as " PRL_WIKI_DEFAULT_API),
                   api_url);
      return FALSE;
    }
  return TRUE;
}

/**
 * prl_wiki_client_new:
 * @api_url: the wiki's api.php
 *
 * The client has an HTTP client of its own, since the User-Agent is the
 * session's.
 */
PrlWikiClient *
prl_wiki_client_new (const char *api_url, GError **error)
{
  PrlWikiClient *self;
  g_autoptr (GUri) uri = NULL;

  if (!prl_wiki_check_api_url (api_url, error))
    return NULL;
  uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);
  self = g_object_new (PRL_TYPE_WIKI_CLIENT, NULL);
  self->api_url = g_strdup (api_url);
  self->host = g_strdup (g_uri_get_host (uri));
  self->http = prl_http_client_new ();
  prl_http_client_set_user_agent (self->http, USER_AGENT);
  /* Pages come a few kilobytes at a time; a stalled wiki should not hold
   * a fetch for the default quarter of an hour. */
  prl_http_client_set_deadline (self->http, 2 * 60 * 1000);
  return self;
}

/* For tuning retries and timeouts (tests). */
PrlHttpClient *
prl_wiki_client_get_http_client (PrlWikiClient *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), NULL);
  return self->http;
}

const char *
prl_wiki_client_get_api_url (PrlWikiClient *self)
{
  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), NULL);
  return self->api_url;
}

const char *
prl_wiki_client_get_user_agent (PrlWikiClient *self)
{
  return USER_AGENT;
}

/* At most one request per @interval_ms (0: no limit). */
void
prl_wiki_client_set_min_interval (PrlWikiClient *self, guint interval_ms)
{
  g_return_if_fail (PRL_IS_WIKI_CLIENT (self));
  self->min_interval_ms = interval_ms;
}

/* How often a "maxlag" answer is waited out, and the longest wait. */
void
prl_wiki_client_set_lag_retries (PrlWikiClient *self, guint retries, guint max_wait_ms)
{
  g_return_if_fail (PRL_IS_WIKI_CLIENT (self));
  self->lag_retries = retries;
  self->lag_wait_ms = max_wait_ms;
}

/* A page's text is cut (at a character boundary) after @max_chars bytes,
 * so one huge article cannot fill memory or the dataset. */
void
prl_wiki_client_set_max_page_chars (PrlWikiClient *self, gsize max_chars)
{
  g_return_if_fail (PRL_IS_WIKI_CLIENT (self));
  self->max_page_chars = MAX (max_chars, 16);
}

/* The counters change on the threads that send requests. */
static guint
read_counter (PrlWikiClient *self, const guint *counter)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = *counter;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
prl_wiki_client_get_n_requests (PrlWikiClient *self)
{
  return read_counter (self, &self->n_requests);
}

guint
prl_wiki_client_get_n_lag_waits (PrlWikiClient *self)
{
  return read_counter (self, &self->n_lag_waits);
}

/* Takes the next request slot: waits until min_interval_ms after the
 * previous one, whatever thread sent it. */
static gboolean
wait_for_slot (PrlWikiClient *self, GCancellable *cancellable, GError **error)
{
  gint64 now = g_get_monotonic_time ();
  gint64 slot;

  g_mutex_lock (&self->lock);
  slot = MAX (now, self->next_slot);
  self->next_slot = slot + (gint64)self->min_interval_ms * 1000;
  self->n_requests++;
  g_mutex_unlock (&self->lock);

  if (slot > now && !_prl_http_sleep ((slot - now + 999) / 1000, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("The request was cancelled."));
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static char *
build_url (PrlWikiClient *self, const char *const *params)
{
  GString *url = g_string_new (self->api_url);

  /* maxlag first: a busy wiki refuses before doing any work. */
  g_string_append (url, "?format=json&formatversion=2&maxlag=5&errorformat=plaintext");
  for (guint i = 0; params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      g_autofree char *value = g_uri_escape_string (params[i + 1], NULL, FALSE);

      g_string_append_printf (url, "&%s=%s", params[i], value);
    }
  return g_string_free (url, FALSE);
}

static void
set_not_mediawiki (PrlWikiClient *self, const char *why, GError **error)
{
  g_set_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_NOT_MEDIAWIKI,
               _ ("%s does not answer like a MediaWiki API (%s). Check the wiki address: "
                  "it is the wiki’s api.php, such as " PRL_WIKI_DEFAULT_API),
               self->api_url, why);
}

/* The API's error object as "info (code)"; with errorformat=plaintext
 * the message is in "text", with the default format in "info". */
static void
set_api_error (PrlWikiClient *self, JsonObject *err, GError **error)
{
  const char *code = json_object_get_string_member_with_default (err, "code", "unknown");
  const char *info = json_object_get_string_member_with_default (
      err, "text", json_object_get_string_member_with_default (err, "info", ""));

  g_set_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_API,
               _ ("The wiki at %s refused the request: %s (code “%s”)"), self->host,
               *info != '\0' ? info : _ ("no reason given"), code);
}

/* The first error of an answer: formatversion=2 with errorformat gives
 * "errors": [...], the default format "error": {...}. */
static JsonObject *
find_error (JsonObject *root)
{
  if (json_object_has_member (root, "error")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "error")))
    return json_object_get_object_member (root, "error");
  if (json_object_has_member (root, "errors")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "errors")))
    {
      JsonArray *errors = json_object_get_array_member (root, "errors");

      if (json_array_get_length (errors) > 0
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (errors, 0)))
        return json_array_get_object_element (errors, 0);
    }
  return NULL;
}

/**
 * prl_wiki_client_call:
 * @params: names and values, alternating, NULL-terminated (action=… and
 *   the rest; format, formatversion=2 and maxlag=5 are added)
 *
 * Sends one API request, waiting out "maxlag" answers as the wiki asks
 * (Retry-After, at most the client's limit, a bounded number of times).
 *
 * Returns: (transfer full): the answer's JSON object
 */
JsonObject *
prl_wiki_client_call (PrlWikiClient     *self,
                      const char *const *params,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), NULL);
  g_return_val_if_fail (params != NULL, NULL);

  url = build_url (self, params);
  for (guint lag_try = 0;; lag_try++)
    {
      g_autoptr (PrlHttpRequest) request = NULL;
      g_autoptr (PrlHttpResponse) response = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) local_error = NULL;
      g_autofree char *why = NULL;
      JsonNode        *root;
      JsonObject      *object, *err;
      const char      *api_error;
      GBytes          *body;
      gsize            size;
      const char      *data;

      if (!wait_for_slot (self, cancellable, error))
        return NULL;
      if (!(request = prl_http_request_new ("GET", url, error)))
        return NULL;
      prl_http_request_set_header (request, "Accept", "application/json");
      response = prl_http_client_send (self->http, request, cancellable, &local_error);
      if (response == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                          _ ("Could not reach the wiki at %s: "),
                                          self->api_url);
            }
          return NULL;
        }

      /* A lagged wiki answers 200 with this header and an error body. */
      api_error = prl_http_response_get_header (response, "MediaWiki-API-Error");
      if (g_strcmp0 (api_error, "maxlag") == 0)
        {
          gint64 wait_ms = _prl_http_retry_after_ms (response);

          if (lag_try >= self->lag_retries)
            {
              g_set_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_MAXLAG,
                           _ ("The wiki at %s is too busy to answer (its database "
                              "replicas lag behind) and still was after %u waits. Try "
                              "again later"),
                           self->host, lag_try);
              return NULL;
            }
          if (wait_ms < 0)
            wait_ms = DEFAULT_LAG_RETRY_AFTER_MS;
          wait_ms = MIN (wait_ms, (gint64)self->lag_wait_ms);
          g_mutex_lock (&self->lock);
          self->n_lag_waits++;
          g_mutex_unlock (&self->lock);
          g_debug ("%s is lagged; waiting %" G_GINT64_FORMAT " ms", self->host, wait_ms);
          if (!_prl_http_sleep (wait_ms, cancellable))
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _ ("The request was cancelled."));
              return NULL;
            }
          continue;
        }

      if (!prl_http_response_is_success (response))
        {
          why = g_strdup_printf (_ ("it answered “%u %s”"),
                                 prl_http_response_get_status (response),
                                 prl_http_response_get_reason (response));
          set_not_mediawiki (self, why, error);
          return NULL;
        }
      body = prl_http_response_get_body (response);
      data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
      if (data == NULL || size == 0
          || !json_parser_load_from_data (parser, data, (gssize)size, NULL)
          || !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))))
        {
          set_not_mediawiki (self, _ ("its answer is not a JSON object"), error);
          return NULL;
        }
      object = json_node_get_object (root);
      if ((err = find_error (object)) != NULL)
        {
          set_api_error (self, err, error);
          return NULL;
        }
      return json_object_ref (object);
    }
}

/* The "query" member of an answer, or NOT_MEDIAWIKI. */
static JsonObject *
get_query (PrlWikiClient *self, JsonObject *answer, GError **error)
{
  if (!json_object_has_member (answer, "query")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "query")))
    {
      /* An answer without "query" is fine when nothing matched. */
      if (json_object_has_member (answer, "batchcomplete"))
        return NULL;
      set_not_mediawiki (self, _ ("its answer has no “query”"), error);
      return NULL;
    }
  return json_object_get_object_member (answer, "query");
}

/* Adds the answer's "continue" values to @params for the next request;
 * FALSE when there is nothing more. */
static gboolean
take_continue (JsonObject *answer, GPtrArray *params, guint fixed)
{
  JsonObject *cont;
  g_autoptr (GList) names = NULL;

  g_ptr_array_set_size (params, fixed);
  if (!json_object_has_member (answer, "continue")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "continue")))
    return FALSE;
  cont = json_object_get_object_member (answer, "continue");
  names = json_object_get_members (cont);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (cont, l->data);
      char     *value;

      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      else
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      g_ptr_array_add (params, g_strdup (l->data));
      g_ptr_array_add (params, value);
    }
  return params->len > fixed;
}

static JsonObject *
call_array (PrlWikiClient *self,
            GPtrArray     *params,
            GCancellable  *cancellable,
            GError       **error)
{
  JsonObject *answer;

  g_ptr_array_add (params, NULL);
  answer = prl_wiki_client_call (self, (const char *const *)params->pdata, cancellable,
                                 error);
  g_ptr_array_remove_index (params, params->len - 1);
  return answer;
}

static GPtrArray *
new_params (const char *first, ...)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  va_list    args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (params, g_strdup (s));
  va_end (args);
  return params;
}

/* One request of a batch that lists pages: its answer (for
 * take_continue()) in @answer and the query's "pages" in @pages, NULL when
 * nothing matched. */
static gboolean
call_pages (PrlWikiClient *self,
            GPtrArray     *params,
            JsonObject   **answer,
            JsonArray    **pages,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonObject *q;

  if (!(*answer = call_array (self, params, cancellable, error)))
    return FALSE;
  q = get_query (self, *answer, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *pages = q != NULL && json_object_has_member (q, "pages")
                   && JSON_NODE_HOLDS_ARRAY (json_object_get_member (q, "pages"))
               ? json_object_get_array_member (q, "pages")
               : NULL;
  return TRUE;
}

/**
 * prl_wiki_client_search:
 *
 * Full-text search in the main namespace (srwhat=text).
 *
 * Returns: (transfer full) (element-type utf8): up to @limit titles,
 *   best first; empty when nothing matched
 */
GPtrArray *
prl_wiki_client_search (PrlWikiClient *self,
                        const char    *query,
                        guint          limit,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *srlimit = g_strdup_printf ("%u", CLAMP (limit, 1, 50));
  g_autoptr (GError) local_error = NULL;
  JsonObject *q;
  JsonArray  *hits;

  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), NULL);

  if (is_blank (query))
    {
      g_set_error_literal (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_API,
                           _ ("Nothing to search for: the keyword is empty"));
      return NULL;
    }
  params
      = new_params ("action", "query", "list", "search", "srsearch", query, "srwhat",
                    "text", "srnamespace", "0", "srprop", "", "srlimit", srlimit, NULL);
  if (!(answer = call_array (self, params, cancellable, error)))
    return NULL;
  if (!(q = get_query (self, answer, &local_error)))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&titles);
    }
  if (!json_object_has_member (q, "search")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (q, "search")))
    {
      set_not_mediawiki (self, _ ("its search answer has no results list"), error);
      return NULL;
    }
  hits = json_object_get_array_member (q, "search");
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonNode *hit = json_array_get_element (hits, i);

      if (JSON_NODE_HOLDS_OBJECT (hit)
          && json_object_has_member (json_node_get_object (hit), "title"))
        g_ptr_array_add (titles, g_strdup (json_object_get_string_member (
                                     json_node_get_object (hit), "title")));
    }
  return g_steal_pointer (&titles);
}

/* Cuts @text after max bytes, at a character boundary. */
static void
bound_text (PrlWikiClient *self, PrlWikiPage *page)
{
  const char *end;

  if (page->text == NULL || strlen (page->text) <= self->max_page_chars)
    return;
  end = g_utf8_find_prev_char (page->text, page->text + self->max_page_chars + 1);
  page->text[end - page->text] = '\0';
  page->truncated = TRUE;
}

static void
merge_page (PrlWikiClient *self, GPtrArray *pages, GHashTable *by_key, JsonObject *p)
{
  const char  *title = json_object_get_string_member_with_default (p, "title", "");
  gint64       id = json_object_get_int_member_with_default (p, "pageid", 0);
  PrlWikiPage *page = g_hash_table_lookup (by_key, title);

  if (json_object_get_boolean_member_with_default (p, "missing", FALSE)
      || json_object_get_boolean_member_with_default (p, "invalid", FALSE))
    return;
  if (page == NULL)
    {
      page = g_new0 (PrlWikiPage, 1);
      page->title = g_strdup (title);
      page->page_id = id;
      g_ptr_array_add (pages, page);
      g_hash_table_insert (by_key, page->title, page);
    }
  if (json_object_has_member (p, "extract") && page->text == NULL)
    {
      page->text
          = g_strdup (json_object_get_string_member_with_default (p, "extract", ""));
      bound_text (self, page);
    }
  /* Only wikis with the Disambiguator extension say so; others are
   * recognised by their text (prl-wiki-quality.c). */
  if (json_object_has_member (p, "pageprops")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (p, "pageprops"))
      && json_object_has_member (json_object_get_object_member (p, "pageprops"),
                                 "disambiguation"))
    page->disambiguation = TRUE;
  if (json_object_has_member (p, "revisions")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (p, "revisions")))
    {
      JsonArray *revs = json_object_get_array_member (p, "revisions");

      if (json_array_get_length (revs) > 0
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (revs, 0)))
        page->rev_id = json_object_get_int_member_with_default (
            json_array_get_object_element (revs, 0), "revid", 0);
    }
}

/**
 * prl_wiki_client_get_pages:
 * @titles: up to 50 titles
 *
 * The plain text and current revision of each page that exists
 * (redirects followed), following "continue" until the batch is complete:
 * TextExtracts gives one whole page per request.
 *
 * Returns: (transfer full) (element-type PrlWikiPage): the pages
 */
GPtrArray *
prl_wiki_client_get_pages (PrlWikiClient     *self,
                           const char *const *titles,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (GPtrArray) pages
      = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_wiki_page_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *joined = NULL;
  guint            fixed, n_titles = titles != NULL ? g_strv_length ((char **)titles) : 0;

  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), NULL);
  g_return_val_if_fail (n_titles <= 50, NULL);

  if (n_titles == 0)
    return g_steal_pointer (&pages);
  joined = g_strjoinv ("|", (char **)titles);
  params = new_params ("action", "query", "prop", "extracts|revisions|pageprops",
                       "ppprop", "disambiguation", "explaintext", "1", "exsectionformat",
                       "plain", "exlimit", "max", "rvprop", "ids", "redirects", "1",
                       "titles", joined, NULL);
  fixed = params->len;
  for (guint round = 0;; round++)
    {
      g_autoptr (JsonObject) answer = NULL;
      JsonArray *list;

      if (round >= MAX_CONTINUES)
        {
          set_not_mediawiki (self, _ ("it never finished the batch"), error);
          return NULL;
        }
      if (!call_pages (self, params, &answer, &list, cancellable, error))
        return NULL;
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
          merge_page (self, pages, by_key, json_array_get_object_element (list, i));
      if (!take_continue (answer, params, fixed))
        break;
    }
  return g_steal_pointer (&pages);
}

/**
 * prl_wiki_client_get_links:
 *
 * Returns: (transfer full) (element-type utf8): up to @limit titles of
 *   main-namespace pages @title links to
 */
GPtrArray *
prl_wiki_client_get_links (PrlWikiClient *self,
                           const char    *title,
                           guint          limit,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  guint fixed;

  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), NULL);

  params = new_params ("action", "query", "prop", "links", "plnamespace", "0", "pllimit",
                       "max", "redirects", "1", "titles", title, NULL);
  fixed = params->len;
  for (guint round = 0; links->len < limit; round++)
    {
      g_autoptr (JsonObject) answer = NULL;
      JsonArray *list;

      if (round >= MAX_CONTINUES)
        break;
      if (!call_pages (self, params, &answer, &list, cancellable, error))
        return NULL;
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonObject *p = JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i))
                              ? json_array_get_object_element (list, i)
                              : NULL;
          JsonArray  *l
              = p != NULL && json_object_has_member (p, "links")
                        && JSON_NODE_HOLDS_ARRAY (json_object_get_member (p, "links"))
                    ? json_object_get_array_member (p, "links")
                    : NULL;

          for (guint j = 0;
               l != NULL && j < json_array_get_length (l) && links->len < limit; j++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (l, j)))
              g_ptr_array_add (links,
                               g_strdup (json_object_get_string_member_with_default (
                                   json_array_get_object_element (l, j), "title", "")));
        }
      if (!take_continue (answer, params, fixed))
        break;
    }
  return g_steal_pointer (&links);
}

/**
 * prl_wiki_client_get_rights:
 * @text: (out) (transfer full): the licence's name, "" when the wiki has none
 * @url: (out) (transfer full): the licence's URL, "" when none
 *
 * The wiki's content licence from siteinfo's rightsinfo: what imported
 * text is under (CC BY-SA on Wikipedia).
 */
gboolean
prl_wiki_client_get_rights (PrlWikiClient *self,
                            char         **text,
                            char         **url,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr (JsonObject) answer = NULL;
  static const char *const params[]
      = { "action", "query", "meta", "siteinfo", "siprop", "rightsinfo", NULL };
  JsonObject *q, *rights;

  g_return_val_if_fail (PRL_IS_WIKI_CLIENT (self), FALSE);

  if (!(answer = prl_wiki_client_call (self, params, cancellable, error)))
    return FALSE;
  q = get_query (self, answer, error);
  if (q == NULL || !json_object_has_member (q, "rightsinfo")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (q, "rightsinfo")))
    {
      if (error == NULL || *error == NULL)
        set_not_mediawiki (self, _ ("its site information has no rights"), error);
      return FALSE;
    }
  rights = json_object_get_object_member (q, "rightsinfo");
  *text = g_strdup (json_object_get_string_member_with_default (rights, "text", ""));
  *url = g_strdup (json_object_get_string_member_with_default (rights, "url", ""));
  return TRUE;
}
