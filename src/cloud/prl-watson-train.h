/* prl-watson-train.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-remote-job.h"

G_BEGIN_DECLS

#define PRL_WATSON_PROVIDER   "ibm-watson"
#define PRL_WATSON_TRAIN_KIND "watson-train"

/* Registers IBM Watson as a provider whose models train on the service
 * (prl_providers_register_all()) and its training job's resume. */
void    prl_watson_train_register (void);
PrlJob *prl_watson_train_start    (PrlWorkspace *workspace,
                                   PrlModel     *model,
                                   GError      **error);

/* A Watson model's pronunciation-list entry is not phones but
 * `SOUNDS LIKE[; SOUNDS LIKE]…[ | DISPLAY AS]` (prl-watson-words.c): the
 * GUI and the CLI check what the user types with this. */
gboolean prl_watson_check_word_entry (const char *word,
                                      const char *text,
                                      GError    **error);

G_END_DECLS
