/* prl-blob-key.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes   *prl_blob_key_lookup (const char    *workspace_id,
                               GCancellable  *cancellable,
                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  prl_blob_key_save   (const char    *workspace_id,
                               const char    *workspace_dir,
                               GBytes        *key,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
