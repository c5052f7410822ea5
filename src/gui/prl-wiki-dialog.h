/* prl-wiki-dialog.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_WIKI_DIALOG (prl_wiki_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PrlWikiDialog, prl_wiki_dialog, PRL, WIKI_DIALOG, AdwWindow)

GtkWidget *prl_wiki_dialog_new              (PrlWorkspace  *workspace,
                                             PrlModel      *model) G_GNUC_WARN_UNUSED_RESULT;
void       prl_wiki_dialog_set_api_url      (PrlWikiDialog *self,
                                             const char    *api_url);
void       prl_wiki_dialog_load_keywords    (PrlWikiDialog *self,
                                             GFile         *file);
gboolean   prl_wiki_dialog_is_busy          (PrlWikiDialog *self);
char      *prl_wiki_describe_provenance     (const char    *provenance) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
