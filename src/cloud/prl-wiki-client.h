/* prl-wiki-client.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "prl-http-client.h"

G_BEGIN_DECLS

#define PRL_WIKI_ERROR (prl_wiki_error_quark ())

/* Errors of the MediaWiki client; transport errors keep PRL_HTTP_ERROR. */
typedef enum
{
  PRL_WIKI_ERROR_BAD_URL,       /* not an http(s) URL of an api.php */
  PRL_WIKI_ERROR_NOT_MEDIAWIKI, /* the server answered, but not as a MediaWiki API */
  PRL_WIKI_ERROR_API,           /* the API refused the request (code and info in the message) */
  PRL_WIKI_ERROR_MAXLAG,        /* the wiki stayed too busy (replica lag) to answer */
} PrlWikiError;

GQuark prl_wiki_error_quark (void);

/* The default wiki, English Wikipedia's API. */
#define PRL_WIKI_DEFAULT_API "https://en.wikipedia.org/w/api.php"

/**
 * PrlWikiPage:
 * @title: the page's title after redirects
 * @page_id: its page id
 * @rev_id: the revision the text is from (0 when the wiki gave none)
 * @text: (nullable): plain text (TextExtracts' explaintext), NULL for a
 *   missing page
 * @truncated: @text was cut at the client's page limit
 * @disambiguation: the wiki marks it a disambiguation page (the
 *   Disambiguator extension's page property; FALSE where not installed)
 */
typedef struct
{
  char    *title;
  gint64   page_id;
  gint64   rev_id;
  char    *text;
  gboolean truncated;
  gboolean disambiguation;
} PrlWikiPage;

#define PRL_TYPE_WIKI_PAGE (prl_wiki_page_get_type ())
GType        prl_wiki_page_get_type (void) G_GNUC_CONST;
PrlWikiPage *prl_wiki_page_copy     (const PrlWikiPage *page);
void         prl_wiki_page_free     (PrlWikiPage       *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlWikiPage, prl_wiki_page_free)

#define PRL_TYPE_WIKI_CLIENT (prl_wiki_client_get_type ())

G_DECLARE_FINAL_TYPE (PrlWikiClient, prl_wiki_client, PRL, WIKI_CLIENT, GObject)

PrlWikiClient *prl_wiki_client_new              (const char     *api_url,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
PrlHttpClient *prl_wiki_client_get_http_client  (PrlWikiClient  *self);
gboolean       prl_wiki_check_api_url           (const char     *api_url,
                                                 GError        **error);
const char    *prl_wiki_client_get_api_url      (PrlWikiClient  *self);
const char    *prl_wiki_client_get_user_agent   (PrlWikiClient  *self);
void           prl_wiki_client_set_min_interval (PrlWikiClient  *self,
                                                 guint           interval_ms);
void           prl_wiki_client_set_lag_retries  (PrlWikiClient  *self,
                                                 guint           retries,
                                                 guint           max_wait_ms);
void           prl_wiki_client_set_max_page_chars (PrlWikiClient *self,
                                                 gsize           max_chars);
guint          prl_wiki_client_get_n_requests   (PrlWikiClient  *self);
guint          prl_wiki_client_get_n_lag_waits  (PrlWikiClient  *self);

/* Every call blocks: run them on a worker thread (a PrlJob's run()). */
JsonObject    *prl_wiki_client_call             (PrlWikiClient  *self,
                                                 const char *const *params,
                                                 GCancellable   *cancellable,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray     *prl_wiki_client_search           (PrlWikiClient  *self,
                                                 const char     *query,
                                                 guint           limit,
                                                 GCancellable   *cancellable,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray     *prl_wiki_client_get_pages        (PrlWikiClient  *self,
                                                 const char *const *titles,
                                                 GCancellable   *cancellable,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray     *prl_wiki_client_get_links        (PrlWikiClient  *self,
                                                 const char     *title,
                                                 guint           limit,
                                                 GCancellable   *cancellable,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       prl_wiki_client_get_rights       (PrlWikiClient  *self,
                                                 char          **text,
                                                 char          **url,
                                                 GCancellable   *cancellable,
                                                 GError        **error);

G_END_DECLS
