/* prl-http-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-http-client.h"
#include "prl-http-private.h"

#define DEFAULT_TIMEOUT_MS (120 * 1000)
#define DEFAULT_DEADLINE_MS (15 * 60 * 1000)
#define DEFAULT_MAX_ATTEMPTS 5
#define DEFAULT_BACKOFF_BASE_MS 200
#define DEFAULT_BACKOFF_CAP_MS (20 * 1000)
#define DEFAULT_MAX_RESPONSE (16 * 1024 * 1024)

struct _PrlHttpClient
{
  GObject parent_instance;

  SoupSession *session;
  GPtrArray   *extra_cas; /* (element-type GTlsDatabase) */
  guint        max_attempts;
  guint        backoff_base_ms;
  guint        backoff_cap_ms;
  guint        timeout_ms;
  guint        deadline_ms;

  /* Attempts block in libsoup's sync API on worker threads; their timeouts
   * run on this thread so that they fire whatever those threads do. */
  GMainContext *timer_context;
  GMainLoop    *timer_loop;
  GThread      *timer_thread;
};

G_DEFINE_FINAL_TYPE (PrlHttpClient, prl_http_client, G_TYPE_OBJECT)

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

static gpointer
timer_thread_func (gpointer data)
{
  PrlHttpClient *self = data;

  g_main_context_push_thread_default (self->timer_context);
  g_main_loop_run (self->timer_loop);
  g_main_context_pop_thread_default (self->timer_context);
  return NULL;
}

static void
prl_http_client_finalize (GObject *object)
{
  PrlHttpClient *self = PRL_HTTP_CLIENT (object);

  g_main_loop_quit (self->timer_loop);
  g_thread_join (self->timer_thread);
  g_main_loop_unref (self->timer_loop);
  g_main_context_unref (self->timer_context);
  g_clear_object (&self->session);
  g_ptr_array_unref (self->extra_cas);

  G_OBJECT_CLASS (prl_http_client_parent_class)->finalize (object);
}

static void
prl_http_client_class_init (PrlHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_http_client_finalize;
}

static void
prl_http_client_init (PrlHttpClient *self)
{
  /* The proxy is the desktop's (GIO's default resolver) and the TLS
   * database the system's; neither is ever replaced. Several parts of a
   * multipart upload go to one host at a time, hence the wider limits. */
  self->session = soup_session_new_with_options (
      "user-agent", "Parlance/" PACKAGE_VERSION, "proxy-resolver",
      g_proxy_resolver_get_default (), "max-conns", 32, "max-conns-per-host", 8, NULL);
  self->extra_cas = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_cap_ms = DEFAULT_BACKOFF_CAP_MS;
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->deadline_ms = DEFAULT_DEADLINE_MS;

  self->timer_context = g_main_context_new ();
  self->timer_loop = g_main_loop_new (self->timer_context, FALSE);
  self->timer_thread = g_thread_new ("prl-http-timer", timer_thread_func, self);
}

PrlHttpClient *
prl_http_client_new (void)
{
  return g_object_new (PRL_TYPE_HTTP_CLIENT, NULL);
}

SoupSession *
_prl_http_client_get_session (PrlHttpClient *self)
{
  return self->session;
}

/* Trusts the certificate authorities in the PEM file @path in addition to
 * the system's (a test server, a company's S3-compatible store). There is
 * no way to switch verification off. */
gboolean
prl_http_client_add_ca_file (PrlHttpClient *self, const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GTlsDatabase *database;

  g_return_val_if_fail (PRL_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TLS,
                   _ ("Could not read the certificate authority file “%s”: %s. "
                      "Choose a PEM file with one or more certificates."),
                   path, local_error->message);
      return FALSE;
    }
  g_ptr_array_add (self->extra_cas, database);
  return TRUE;
}

void
prl_http_client_set_max_attempts (PrlHttpClient *self, guint max_attempts)
{
  g_return_if_fail (PRL_IS_HTTP_CLIENT (self));
  self->max_attempts = MAX (max_attempts, 1);
}

void
prl_http_client_set_backoff (PrlHttpClient *self, guint base_ms, guint cap_ms)
{
  g_return_if_fail (PRL_IS_HTTP_CLIENT (self));
  self->backoff_base_ms = base_ms;
  self->backoff_cap_ms = MAX (cap_ms, base_ms);
}

void
prl_http_client_set_timeout (PrlHttpClient *self, guint timeout_ms)
{
  g_return_if_fail (PRL_IS_HTTP_CLIENT (self));
  self->timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS;
}

void
prl_http_client_set_deadline (PrlHttpClient *self, guint deadline_ms)
{
  g_return_if_fail (PRL_IS_HTTP_CLIENT (self));
  self->deadline_ms = deadline_ms > 0 ? deadline_ms : DEFAULT_DEADLINE_MS;
}

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
static gboolean
sleep_cancellable (gint64 ms, GCancellable *cancellable)
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
static gint64
retry_after_ms (PrlHttpResponse *response)
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

static gboolean
is_retryable_response (PrlHttpResponse *response, char **code)
{
  guint status = prl_http_response_get_status (response);

  *code = prl_http_response_dup_error_code (response);
  if (status == 429 || (status >= 500 && status != 501 && status != 505))
    return TRUE;
  return status == 400 && *code != NULL && g_strv_contains (throttling_codes, *code);
}

/* Full jitter: a uniform wait between 0 and the exponential ceiling. */
static gint64
backoff_ms (PrlHttpClient *self, guint attempt)
{
  guint64 ceiling = self->backoff_base_ms;

  for (guint i = 1; i < attempt && ceiling < self->backoff_cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, self->backoff_cap_ms);
  return ceiling > 0 ? g_random_int_range (0, (gint32)ceiling + 1) : 0;
}

/* Sends @request, retrying throttled, failed (5xx) and broken attempts
 * with back-off until it gets an answer worth returning, the attempts run
 * out or the deadline passes. Blocks: call it from a worker thread. */
PrlHttpResponse *
prl_http_client_send (PrlHttpClient  *self,
                      PrlHttpRequest *request,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr (PrlHttpResponse) last = NULL;
  g_autoptr (GError) last_error = NULL;
  g_autofree char *last_code = NULL;
  g_autofree char *log_uri = prl_http_redact_uri (request->uri);
  const char      *host = g_uri_get_host (request->uri);
  gboolean         resigned = FALSE;
  PrlHttpSend      send = {
         self->session,
         self->extra_cas,
         self->timer_context,
         request,
         log_uri,
         g_get_monotonic_time ()
             + (gint64)(request->deadline_ms > 0 ? request->deadline_ms : self->deadline_ms)
                   * 1000,
    request->timeout_ms > 0 ? request->timeout_ms : self->timeout_ms,
    request->max_response_size > 0 ? request->max_response_size : DEFAULT_MAX_RESPONSE,
         FALSE,
         0,
  };

  g_return_val_if_fail (PRL_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (PRL_IS_HTTP_REQUEST (request), NULL);

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr (PrlHttpResponse) response = NULL;
      g_autoptr (GError) attempt_error = NULL;
      gboolean retryable = FALSE;
      gint64   wait_ms, server_wait_ms = -1;

      response = _prl_http_send_attempt (&send, attempt, cancellable, &retryable,
                                         &attempt_error);
      if (response == NULL && !retryable)
        {
          g_propagate_error (error, g_steal_pointer (&attempt_error));
          return NULL;
        }
      if (response != NULL)
        {
          g_clear_pointer (&last_code, g_free);
          if (prl_http_response_get_status (response) >= 400 && request->signer != NULL
              && !resigned
              && prl_http_signer_retry_after_response (request->signer, response))
            {
              /* The signer fixed its clock; this try does not count. */
              resigned = TRUE;
              attempt--;
              continue;
            }
          if (!is_retryable_response (response, &last_code))
            return g_steal_pointer (&response);
          server_wait_ms = retry_after_ms (response);
          g_set_object (&last, response);
          g_clear_error (&last_error);
        }
      else
        {
          g_clear_object (&last);
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&attempt_error);
        }

      if (attempt >= self->max_attempts)
        {
          if (last_error != NULL && attempt == 1)
            g_propagate_error (error, g_steal_pointer (&last_error));
          else if (last_error != NULL)
            g_set_error (error, PRL_HTTP_ERROR, last_error->code,
                         _ ("%s Parlance tried %u times."), last_error->message, attempt);
          else
            g_set_error (
                error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_TOO_MANY_RETRIES,
                _ ("%s kept answering “%u %s”%s%s%s; Parlance gave up after %u "
                   "attempts. The service is busy or has a problem: try again later."),
                host, prl_http_response_get_status (last),
                prl_http_response_get_reason (last), last_code != NULL ? " (" : "",
                last_code != NULL ? last_code : "", last_code != NULL ? ")" : "",
                attempt);
          return NULL;
        }

      wait_ms = MAX (backoff_ms (self, attempt), server_wait_ms);
      if (g_get_monotonic_time () + wait_ms * 1000 >= send.deadline)
        {
          g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_DEADLINE,
                       _ ("%s did not give a usable answer in the time allowed "
                          "(%u attempts, last: %s). Try again later."),
                       host, attempt,
                       last_error != NULL ? last_error->message
                                          : prl_http_response_get_reason (last));
          return NULL;
        }
      g_debug ("%s %s: retrying in %" G_GINT64_FORMAT " ms", request->method, log_uri,
               wait_ms);
      if (!sleep_cancellable (wait_ms, cancellable))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _ ("The request was cancelled."));
          return NULL;
        }
    }
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError          *error = NULL;
  PrlHttpResponse *response;

  response = prl_http_client_send (source_object, task_data, cancellable, &error);
  if (response != NULL)
    g_task_return_pointer (task, response, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Runs prl_http_client_send() on a worker thread; @callback is called in
 * the caller's thread-default main context. */
void
prl_http_client_send_async (PrlHttpClient      *self,
                            PrlHttpRequest     *request,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PRL_IS_HTTP_CLIENT (self));
  g_return_if_fail (PRL_IS_HTTP_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_http_client_send_async);
  g_task_set_task_data (task, g_object_ref (request), g_object_unref);
  g_task_run_in_thread (task, send_thread);
}

PrlHttpResponse *
prl_http_client_send_finish (PrlHttpClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
