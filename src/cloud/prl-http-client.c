/* prl-http-client.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <glib/gi18n-lib.h>
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
  gint          timer_quit;
  GThread      *timer_thread;
};

G_DEFINE_FINAL_TYPE (PrlHttpClient, prl_http_client, G_TYPE_OBJECT)

static gpointer
timer_thread_func (gpointer data)
{
  PrlHttpClient *self = data;

  /* A flag rather than g_main_loop_quit(), which is lost when it comes
   * before this thread starts its loop. */
  g_main_context_push_thread_default (self->timer_context);
  while (!g_atomic_int_get (&self->timer_quit))
    g_main_context_iteration (self->timer_context, TRUE);
  g_main_context_pop_thread_default (self->timer_context);
  return NULL;
}

static void
prl_http_client_finalize (GObject *object)
{
  PrlHttpClient *self = PRL_HTTP_CLIENT (object);

  g_atomic_int_set (&self->timer_quit, 1);
  g_main_context_wakeup (self->timer_context);
  g_thread_join (self->timer_thread);
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

/* Replaces "Parlance/VERSION" for every request: a public API's
 * etiquette may ask for a contact (Wikimedia's does). libsoup sets the
 * header from the session, over any the request carries. */
void
prl_http_client_set_user_agent (PrlHttpClient *self, const char *user_agent)
{
  g_return_if_fail (PRL_IS_HTTP_CLIENT (self));
  g_return_if_fail (user_agent != NULL);
  soup_session_set_user_agent (self->session, user_agent);
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
          if (!_prl_http_should_retry (response, &last_code))
            return g_steal_pointer (&response);
          server_wait_ms = _prl_http_retry_after_ms (response);
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

      wait_ms = MAX (
          _prl_http_backoff_ms (self->backoff_base_ms, self->backoff_cap_ms, attempt),
          server_wait_ms);
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
      if (!_prl_http_sleep (wait_ms, cancellable))
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
