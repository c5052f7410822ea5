/* async-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

/* Waiting for an async call in a test, with GLib only, so that the tests
 * of every layer can share it: pass store_result_cb() and the address of a
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
