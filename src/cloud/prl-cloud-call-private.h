/* prl-cloud-call-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Keeps the result of an async call for PRL_CLOUD_CALL(): @user_data
 * points at a GAsyncResult * that is NULL until the call ends. */
static inline void
prl_cloud_store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Runs one async call of a cloud client to its end on the calling (worker)
 * thread and returns what its _finish() returns. The clients are async
 * only; a private GMainContext pushed for the call makes it blocking
 * without running anything of the main context on this thread.
 * @prefix: the client's function prefix (prl_watson_client);
 * @op: the call (list_models), so prefix_op_async/_finish are used;
 * the variable arguments are those of _async between the client and
 * the callback. */
#define PRL_CLOUD_CALL(prefix, op, client, error, ...)                                   \
  ({                                                                                     \
    g_autoptr (GMainContext) call_context_ = g_main_context_new ();                      \
    g_autoptr (GAsyncResult) call_result_ = NULL;                                        \
    g_main_context_push_thread_default (call_context_);                                  \
    prefix##_##op##_async (client, __VA_ARGS__, prl_cloud_store_result_cb,               \
                           &call_result_);                                               \
    while (call_result_ == NULL)                                                         \
      g_main_context_iteration (call_context_, TRUE);                                    \
    g_main_context_pop_thread_default (call_context_);                                   \
    prefix##_##op##_finish (client, call_result_, error);                                \
  })

/* Sleeps @seconds on a job's thread, waking often enough that a cancel
 * ends the wait at once: %FALSE with G_IO_ERROR_CANCELLED then. For the
 * services' polls and back-offs. */
static inline gboolean
prl_cloud_sleep (double seconds, GCancellable *cancellable, GError **error)
{
  gint64 until = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < until)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (50000, MAX (1, until - g_get_monotonic_time ())));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

G_END_DECLS
