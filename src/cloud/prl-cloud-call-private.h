/* prl-cloud-call-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs one call of a cloud client on the calling (worker) thread and
 * returns what it returns. @prefix: the client's function prefix
 * (prl_watson_client); @op: the call (list_models), so prefix_op_sync() is
 * called with the client, the variable arguments and @error. */
#define PRL_CLOUD_CALL(prefix, op, client, error, ...)                                   \
  prefix##_##op##_sync (client, __VA_ARGS__, error)

/* Ends a call that failed while it was cancelled as cancelled, whatever
 * the service answered, as the GTasks the clients once ran did: a job
 * cancelled at quit is then suspended, not failed. Returns %FALSE. */
static inline gboolean
prl_cloud_call_failed (GCancellable *cancellable, GError **error)
{
  if (error != NULL && *error != NULL && g_cancellable_is_cancelled (cancellable)
      && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return FALSE;
}

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
