/* prl-wiki-preferences-group.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PRL_TYPE_WIKI_PREFERENCES_GROUP (prl_wiki_preferences_group_get_type ())

G_DECLARE_FINAL_TYPE (PrlWikiPreferencesGroup,
                      prl_wiki_preferences_group,
                      PRL,
                      WIKI_PREFERENCES_GROUP,
                      AdwPreferencesGroup)

G_END_DECLS
