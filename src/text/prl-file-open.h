/* prl-file-open.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Opens a user's file for reading, refusing anything that is not a regular
 * file (FIFOs, devices, sockets, directories) without blocking on it, and
 * files larger than @max_size bytes (0 means no limit). Every reader of a
 * file the user names goes through here. */
GInputStream *prl_file_open_regular (const char    *path,
                                     guint64        max_size,
                                     guint64       *size,
                                     GCancellable  *cancellable,
                                     GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
