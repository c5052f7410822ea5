/* prl-quick-setup-pairs.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PrlQuickSetupPair:
 * @name: the pair's name (the audio file's name without its extension)
 * @audio: the audio file's path
 * @transcript: its transcript's path
 */
typedef struct
{
  char *name;
  char *audio;
  char *transcript;
} PrlQuickSetupPair;

void       prl_quick_setup_pair_free    (PrlQuickSetupPair  *pair);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlQuickSetupPair, prl_quick_setup_pair_free)

GPtrArray *prl_quick_setup_pair_files   (const char *const  *paths,
                                         GPtrArray         **unpaired) G_GNUC_WARN_UNUSED_RESULT;
char      *prl_quick_setup_describe_unpaired (GPtrArray     *unpaired) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *prl_quick_setup_list_folder  (GFile              *folder,
                                         char              **keywords_file,
                                         GCancellable       *cancellable,
                                         GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean   prl_quick_setup_check_rounds (const char         *text,
                                         int                 min,
                                         int                 max,
                                         int                *rounds,
                                         GError            **error);

G_END_DECLS
