/* prl-http-retry.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When to try a request again and how long to wait, and how a URL may
 * appear in the debug log.
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <string.h>

#include "prl-http-client.h"
#include "prl-http-private.h"

/* Error codes with which AWS services say "slow down" on a 400 or 503
 * (the SDKs' list of throttling and transient errors). */
static const char *const throttling_codes[] = {
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
  "RequestTimeout",
  "RequestTimeoutException",
  NULL,
};

static gboolean
is_secret_param (const char *name, gsize length)
{
  static const char *const secrets[] = {
    "signature", "credential", "token",   "secret",
    "password",  "apikey",     "api_key", "awsaccesskeyid",
  };
  g_autofree char *lower = g_ascii_strdown (name, length);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (lower, secrets[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
prl_http_redact_uri (GUri *uri)
{
  g_autoptr (GUri) bare = NULL;
  g_autoptr (GString) query = g_string_new (NULL);
  g_auto (GStrv) params = NULL;
  const char *raw = g_uri_get_query (uri);

  g_return_val_if_fail (uri != NULL, NULL);

  params = g_strsplit (raw != NULL ? raw : "", "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      gsize       name_len = eq != NULL ? (gsize)(eq - params[i]) : strlen (params[i]);

      if (*params[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, '&');
      if (eq != NULL && is_secret_param (params[i], name_len))
        g_string_append_printf (query, "%.*s=REDACTED", (int)name_len, params[i]);
      else
        g_string_append (query, params[i]);
    }

  bare = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), NULL,
                      g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                      query->len > 0 ? query->str : NULL, NULL);
  return g_uri_to_string (bare);
}

/* Waits @ms unless @cancellable fires first; FALSE when it did. */
gboolean
_prl_http_sleep (gint64 ms, GCancellable *cancellable)
{
  gint64  end = g_get_monotonic_time () + ms * 1000;
  GPollFD pollfd;

  if (!g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep (ms * 1000);
      return TRUE;
    }
  for (gint64 now = g_get_monotonic_time ();
       now < end && !g_cancellable_is_cancelled (cancellable);
       now = g_get_monotonic_time ())
    g_poll (&pollfd, 1, (end - now + 999) / 1000);
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

/* Retry-After in milliseconds (delta-seconds or an HTTP date), or -1. */
gint64
_prl_http_retry_after_ms (PrlHttpResponse *response)
{
  const char *value = prl_http_response_get_header (response, "Retry-After");
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return seconds * 1000;
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (when, now) / 1000, 0);
}

gboolean
_prl_http_should_retry (PrlHttpResponse *response, char **code)
{
  guint status = prl_http_response_get_status (response);

  *code = prl_http_response_dup_error_code (response);
  if (status == 429 || (status >= 500 && status != 501 && status != 505))
    return TRUE;
  return status == 400 && *code != NULL && g_strv_contains (throttling_codes, *code);
}

/* Full jitter: a uniform wait between 0 and the exponential ceiling. */
gint64
_prl_http_backoff_ms (guint base_ms, guint cap_ms, guint attempt)
{
  guint64 ceiling = base_ms;

  for (guint i = 1; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, cap_ms);
  return ceiling > 0 ? g_random_int_range (0, (gint32)ceiling + 1) : 0;
}
