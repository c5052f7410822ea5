/* test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

/* What the tests of every layer share; GLib only, so that any test can
 * include it. */

/* Waiting for an async call: pass store_result_cb() and the address of a
 * %NULL GAsyncResult pointer as the callback and its data, then hand the
 * same address to wait_for(). */

static inline void
store_result_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Iterates the main context until store_result_cb() has filled @slot. */
static inline GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A new directory named after @tmpl (as for g_dir_make_tmp()). */
static inline char *
make_tmpdir (const char *tmpl)
{
  GError *error = NULL;
  char   *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and everything in it. */
static inline void
rm_rf (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (cmd), ==, 0);
}

/* The process's peak resident set (VmHWM) in KiB, 0 when unknown. */
static inline guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

/* The S3 server of the cloud-s3 suite (build-aux/s3-server.sh): its URL,
 * or %NULL after printing the TAP line that skips the test — or bails out
 * when PRL_TEST_REQUIRE_S3=1 says it must run; main() then returns
 * *@status. */
static inline const char *
s3_test_endpoint (int *status)
{
  const char *url = g_getenv ("PRL_TEST_S3_ENDPOINT");

  if (url != NULL && url[0] != '\0')
    return url;
  if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_S3"), "1") == 0)
    {
      g_print ("Bail out! PRL_TEST_S3_ENDPOINT is not set, but PRL_TEST_REQUIRE_S3=1\n");
      *status = 1;
    }
  else
    {
      g_print ("1..0 # SKIP PRL_TEST_S3_ENDPOINT is not set; run build-aux/test.sh or "
               "start build-aux/s3-server.sh\n");
      *status = 0;
    }
  return NULL;
}

/* The local MediaWiki's api.php (build-aux/wiki-server.sh), or NULL with
 * *status set: a TAP skip, or a failure when PRL_TEST_REQUIRE_WIKI=1. */
static inline const char *
wiki_test_api (int *status)
{
  const char *url = g_getenv ("PRL_TEST_WIKI_API");

  if (url != NULL && url[0] != '\0')
    return url;
  if (g_strcmp0 (g_getenv ("PRL_TEST_REQUIRE_WIKI"), "1") == 0)
    {
      g_print ("Bail out! PRL_TEST_WIKI_API is not set, but PRL_TEST_REQUIRE_WIKI=1\n");
      *status = 1;
    }
  else
    {
      g_print ("1..0 # SKIP PRL_TEST_WIKI_API is not set; run build-aux/test.sh or "
               "start build-aux/wiki-server.sh\n");
      *status = 0;
    }
  return NULL;
}
