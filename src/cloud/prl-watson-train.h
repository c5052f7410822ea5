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

G_END_DECLS
