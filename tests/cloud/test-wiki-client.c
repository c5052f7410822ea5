/* test-wiki-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PrlWikiClient against a real MediaWiki (build-aux/wiki-server.sh, seeded
 * with tests/data/wiki/pages.xml). Without PRL_TEST_WIKI_API the test is
 * skipped, unless PRL_TEST_REQUIRE_WIKI=1 makes that a failure. The
 * User-Agent and gzip checks use a raw socket in the test, since the PHP
 * server neither logs headers nor compresses. */

#include "config.h"

#include <glib/gstdio.h>

#include "../test-util.h"
#include "prl-wiki-client.h"

static const char *api;
static const char *lag_file;

static PrlWikiClient *
new_client (void)
{
  g_autoptr (GError) error = NULL;
  PrlWikiClient *client = prl_wiki_client_new (api, &error);

  g_assert_no_error (error);
  /* The test runs many calls; the limiter has a test of its own. */
  prl_wiki_client_set_min_interval (client, 0);
  return client;
}

static gboolean
has_title (GPtrArray *titles, const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
      return TRUE;
  return FALSE;
}

static void
test_search (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) one = NULL;

  hits = prl_wiki_client_search (client, "varroa", 10, NULL, &error);
  g_assert_no_error (error);
  /* The pages that mention it in their text, not only by title. */
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_true (has_title (hits, "Varroa destructor"));
  g_assert_true (has_title (hits, "Beekeeping"));
  g_assert_true (has_title (hits, "Honey bee"));

  one = prl_wiki_client_search (client, "varroa", 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);

  none = prl_wiki_client_search (client, "zeppelin", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_null (prl_wiki_client_search (client, "  ", 10, NULL, &error));
  g_assert_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_API);
  g_assert_nonnull (strstr (error->message, "empty"));
}

static PrlWikiPage *
find_page (GPtrArray *pages, const char *title)
{
  for (guint i = 0; i < pages->len; i++)
    {
      PrlWikiPage *page = g_ptr_array_index (pages, i);

      if (g_strcmp0 (page->title, title) == 0)
        return page;
    }
  return NULL;
}

static void
test_extracts (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  const char  *titles[] = { "Beekeeping", "Honey bee", "propolis", "No such page", NULL };
  PrlWikiPage *bk, *hb, *pr;
  guint        before = prl_wiki_client_get_n_requests (client);

  pages = prl_wiki_client_get_pages (client, titles, NULL, &error);
  g_assert_no_error (error);
  /* The missing page is left out; "propolis" is normalized. */
  g_assert_cmpuint (pages->len, ==, 3);
  bk = find_page (pages, "Beekeeping");
  hb = find_page (pages, "Honey bee");
  pr = find_page (pages, "Propolis");
  g_assert_nonnull (bk);
  g_assert_nonnull (hb);
  g_assert_nonnull (pr);
  /* One whole page per request: three pages need continue twice. */
  g_assert_cmpuint (prl_wiki_client_get_n_requests (client) - before, >=, 3);
  for (guint i = 0; i < pages->len; i++)
    {
      PrlWikiPage *page = g_ptr_array_index (pages, i);

      g_assert_nonnull (page->text);
      g_assert_cmpint (page->rev_id, >, 0);
      g_assert_cmpint (page->page_id, >, 0);
      g_assert_false (page->truncated);
    }
  /* Plain text: links resolved to words, the reference and markup gone. */
  g_assert_nonnull (strstr (bk->text, "The most serious pest of the western honey bee is "
                                      "the mite Varroa destructor."));
  g_assert_null (strstr (bk->text, "Apiary handbook"));
  g_assert_null (strstr (bk->text, "[["));
  g_assert_null (strstr (bk->text, "'''"));
  g_assert_null (strstr (bk->text, "== "));
  g_assert_nonnull (strstr (hb->text, "waggle dance"));
  g_assert_true (g_str_has_prefix (pr->text, "Propolis or bee glue"));
  g_assert_cmpint (bk->rev_id, !=, hb->rev_id);
}

static void
test_huge_page (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  const char  *titles[] = { "Beekeeping", NULL };
  PrlWikiPage *page;

  prl_wiki_client_set_max_page_chars (client, 40);
  pages = prl_wiki_client_get_pages (client, titles, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_true (page->truncated);
  g_assert_cmpuint (strlen (page->text), <=, 40);
  g_assert_true (g_utf8_validate (page->text, -1, NULL));
  g_assert_true (g_str_has_prefix (page->text, "Beekeeping is the care"));
}

static void
test_links (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (GPtrArray) two = NULL;

  links = prl_wiki_client_get_links (client, "Beekeeping", 50, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 4);
  g_assert_true (has_title (links, "Honey bee"));
  g_assert_true (has_title (links, "Langstroth hive"));
  g_assert_true (has_title (links, "Propolis"));
  g_assert_true (has_title (links, "Varroa destructor"));

  two = prl_wiki_client_get_links (client, "Beekeeping", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
}

static void
test_rights (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;

  g_assert_true (prl_wiki_client_get_rights (client, &text, &url, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Creative Commons Attribution-Share Alike 4.0");
  g_assert_cmpstr (url, ==, "https://creativecommons.org/licenses/by-sa/4.0/");
}

static void
remove_lag (gpointer data)
{
  g_unlink (lag_file);
}

static gpointer
clear_lag_later (gpointer data)
{
  g_usleep (700 * 1000);
  g_unlink (lag_file);
  return NULL;
}

static void
test_maxlag (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  GThread *thread;
  gint64   began;

  if (lag_file == NULL)
    {
      g_test_skip ("PRL_TEST_WIKI_LAG is not set");
      return;
    }

  /* However the test ends, the wiki is not left lagged for the others. */
  g_test_queue_destroy (remove_lag, NULL);

  /* Lagged for good: the client waits a bounded number of times (the
   * wiki's Retry-After of 5 s capped at 200 ms here), then says why. */
  g_assert_true (g_file_set_contents (lag_file, "7", -1, NULL));
  prl_wiki_client_set_lag_retries (client, 2, 200);
  began = g_get_monotonic_time ();
  g_assert_null (prl_wiki_client_search (client, "varroa", 5, NULL, &error));
  g_assert_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_MAXLAG);
  g_assert_nonnull (strstr (error->message, "too busy"));
  g_assert_cmpuint (prl_wiki_client_get_n_lag_waits (client), ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - began, >=, 400 * 1000);
  g_clear_error (&error);

  /* Lagged for a while: waited out, then answered. */
  prl_wiki_client_set_lag_retries (client, 20, 200);
  thread = g_thread_new ("clear-lag", clear_lag_later, NULL);
  hits = prl_wiki_client_search (client, "varroa", 5, NULL, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpuint (prl_wiki_client_get_n_lag_waits (client), >=, 4);
}

static void
test_rate_limit (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  gint64 began = g_get_monotonic_time ();

  prl_wiki_client_set_min_interval (client, 150);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) hits
          = prl_wiki_client_search (client, "hive", 5, NULL, &error);

      g_assert_no_error (error);
    }
  /* Five requests, four gaps of at least 150 ms. */
  g_assert_cmpint (g_get_monotonic_time () - began, >=, 600 * 1000);
}

static void
test_bad_urls (void)
{
  const char *bad[] = { "",
                        "   ",
                        "not a url",
                        "ftp://example.org/api.php",
                        "file:///etc/passwd",
                        "http:///api.php",
                        "https://example.org/w/api.php?action=query",
                        "https://example.org/w/api.php#x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrlWikiClient) client = prl_wiki_client_new (bad[i], &error);

      g_assert_null (client);
      g_assert_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_BAD_URL);
      g_assert_nonnull (strstr (error->message, "api.php"));
    }
}

static void
test_not_mediawiki (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWikiClient) client = NULL;
  g_autoptr (GString) url = g_string_new (api);
  g_autoptr (GPtrArray) hits = NULL;

  /* The wiki's HTML front page: a web server, but no API. */
  g_string_replace (url, "api.php", "index.php", 1);
  client = prl_wiki_client_new (url->str, &error);
  g_assert_no_error (error);
  hits = prl_wiki_client_search (client, "varroa", 5, NULL, &error);
  g_assert_null (hits);
  g_assert_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_NOT_MEDIAWIKI);
  g_assert_nonnull (strstr (error->message, "does not answer like a MediaWiki API"));
}

static void
test_unreachable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWikiClient) client = NULL;
  g_autoptr (GPtrArray) hits = NULL;

  client = prl_wiki_client_new ("http://127.0.0.1:1/w/api.php", &error);
  g_assert_no_error (error);
  prl_http_client_set_max_attempts (prl_wiki_client_get_http_client (client), 1);
  hits = prl_wiki_client_search (client, "varroa", 5, NULL, &error);
  g_assert_null (hits);
  g_assert_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach the wiki at "));
}

static void
test_api_error (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = NULL;
  const char *params[] = { "action", "nosuchaction", NULL };

  answer = prl_wiki_client_call (client, params, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, PRL_WIKI_ERROR, PRL_WIKI_ERROR_API);
  g_assert_nonnull (strstr (error->message, "(code “badvalue”)"));
  g_assert_nonnull (strstr (error->message, "nosuchaction"));
}

static void
test_cancel (void)
{
  g_autoptr (PrlWikiClient) client = new_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_null (prl_wiki_client_search (client, "varroa", 5, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A one-shot raw HTTP server: records the request's head and answers
 * with a gzip-compressed MediaWiki answer. */
typedef struct
{
  GString    *head;
  gboolean    done;
  GError     *error;
  GPtrArray  *hits;
  const char *json; /* (nullable): the answer, else one search hit */
} Capture;

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  Capture       *capture = user_data;
  GInputStream  *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char    *json = capture->json != NULL
                            ? capture->json
                            : "{\"batchcomplete\":true,\"query\":{\"search\":"
                              "[{\"ns\":0,\"title\":\"Gzip page\"}]}}";
  g_autoptr (GZlibCompressor) gzip
      = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) zout
      = g_converter_output_stream_new (memory, G_CONVERTER (gzip));
  g_autofree char *header = NULL;
  char             c;

  while (!g_str_has_suffix (capture->head->str, "\r\n\r\n")
         && g_input_stream_read (in, &c, 1, NULL, NULL) == 1)
    g_string_append_c (capture->head, c);
  g_output_stream_write_all (zout, json, strlen (json), NULL, NULL, NULL);
  g_output_stream_close (zout, NULL, NULL);
  header = g_strdup_printf (
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
      "Content-Encoding: gzip\r\nContent-Length: %zu\r\n"
      "Connection: close\r\n\r\n",
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  g_output_stream_write_all (out, header, strlen (header), NULL, NULL, NULL);
  g_output_stream_write_all (
      out, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), NULL, NULL,
      NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

typedef struct
{
  PrlWikiClient *client;
  Capture       *capture;
} SearchCall;

static gpointer
run_search (gpointer data)
{
  SearchCall *call = data;

  call->capture->hits
      = prl_wiki_client_search (call->client, "gzip", 5, NULL, &call->capture->error);
  g_atomic_int_set (&call->capture->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
test_headers (void)
{
  g_autoptr (GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWikiClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *ua_line = NULL;
  Capture          capture = { g_string_new (NULL), FALSE, NULL, NULL, NULL };
  SearchCall       call;
  GThread         *thread;
  guint16          port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_run), &capture);
  url = g_strdup_printf ("http://127.0.0.1:%u/w/api.php", port);
  client = prl_wiki_client_new (url, &error);
  g_assert_no_error (error);
  call.client = client;
  call.capture = &capture;
  thread = g_thread_new ("search", run_search, &call);
  while (!g_atomic_int_get (&capture.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_socket_service_stop (service);

  /* The gzip body was inflated: its one result came through. */
  g_assert_no_error (capture.error);
  g_assert_cmpuint (capture.hits->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (capture.hits, 0), ==, "Gzip page");
  lower = g_ascii_strdown (capture.head->str, -1);
  g_assert_nonnull (strstr (lower, "\r\naccept-encoding: gzip"));
  /* Wikimedia's policy: name, version and a way to reach the authors. */
  ua_line = g_strdup_printf ("\r\nUser-Agent: %s\r\n",
                             prl_wiki_client_get_user_agent (client));
  g_assert_nonnull (strstr (capture.head->str, ua_line));
  g_assert_true (g_str_has_prefix (prl_wiki_client_get_user_agent (client), "Parlance/"));
  g_assert_nonnull (strstr (prl_wiki_client_get_user_agent (client), "https://"));
  g_assert_nonnull (strstr (capture.head->str, "maxlag=5"));
  g_assert_nonnull (strstr (capture.head->str, "formatversion=2"));
  g_ptr_array_unref (capture.hits);
  g_string_free (capture.head, TRUE);
}

static gpointer
run_get_pages (gpointer data)
{
  SearchCall *call = data;
  const char *titles[] = { "Queen", "Drone", NULL };

  call->capture->hits
      = prl_wiki_client_get_pages (call->client, titles, NULL, &call->capture->error);
  g_atomic_int_set (&call->capture->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* A wiki with the Disambiguator extension marks disambiguation pages
 * (pageprops), which the test wiki lacks: a one-shot server answers. */
static void
test_disambiguation_prop (void)
{
  g_autoptr (GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlWikiClient) client = NULL;
  g_autofree char *url = NULL;
  Capture          capture = { g_string_new (NULL), FALSE, NULL, NULL, NULL };
  SearchCall       call;
  GThread         *thread;
  guint16          port;
  PrlWikiPage     *queen, *drone;

  capture.json = "{\"batchcomplete\":true,\"query\":{\"pages\":["
                 "{\"pageid\":6,\"ns\":0,\"title\":\"Queen\",\"extract\":\"Queen is a "
                 "word.\",\"revisions\":[{\"revid\":60}],\"pageprops\":{"
                 "\"disambiguation\":\"\"}},"
                 "{\"pageid\":7,\"ns\":0,\"title\":\"Drone\",\"extract\":\"A drone is "
                 "a male bee.\",\"revisions\":[{\"revid\":70}]}]}}";
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_run), &capture);
  url = g_strdup_printf ("http://127.0.0.1:%u/w/api.php", port);
  client = prl_wiki_client_new (url, &error);
  g_assert_no_error (error);
  call.client = client;
  call.capture = &capture;
  thread = g_thread_new ("pages", run_get_pages, &call);
  while (!g_atomic_int_get (&capture.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_socket_service_stop (service);

  g_assert_no_error (capture.error);
  g_assert_cmpuint (capture.hits->len, ==, 2);
  queen = g_ptr_array_index (capture.hits, 0);
  drone = g_ptr_array_index (capture.hits, 1);
  g_assert_cmpstr (queen->title, ==, "Queen");
  g_assert_true (queen->disambiguation);
  g_assert_cmpstr (drone->title, ==, "Drone");
  g_assert_false (drone->disambiguation);
  {
    g_autoptr (PrlWikiPage) copy = prl_wiki_page_copy (queen);

    g_assert_true (copy->disambiguation);
  }
  /* The client asked for the property. */
  g_assert_nonnull (strstr (capture.head->str, "ppprop=disambiguation"));
  g_ptr_array_unref (capture.hits);
  g_string_free (capture.head, TRUE);
}

int
main (int argc, char **argv)
{
  int status;

  if (!(api = wiki_test_api (&status)))
    return status;
  lag_file = g_getenv ("PRL_TEST_WIKI_LAG");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wiki/search", test_search);
  g_test_add_func ("/wiki/extracts", test_extracts);
  g_test_add_func ("/wiki/huge-page", test_huge_page);
  g_test_add_func ("/wiki/links", test_links);
  g_test_add_func ("/wiki/rights", test_rights);
  g_test_add_func ("/wiki/maxlag", test_maxlag);
  g_test_add_func ("/wiki/rate-limit", test_rate_limit);
  g_test_add_func ("/wiki/bad-urls", test_bad_urls);
  g_test_add_func ("/wiki/not-mediawiki", test_not_mediawiki);
  g_test_add_func ("/wiki/unreachable", test_unreachable);
  g_test_add_func ("/wiki/api-error", test_api_error);
  g_test_add_func ("/wiki/cancel", test_cancel);
  g_test_add_func ("/wiki/headers", test_headers);
  g_test_add_func ("/wiki/disambiguation-prop", test_disambiguation_prop);
  return g_test_run ();
}
