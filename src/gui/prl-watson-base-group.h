/* prl-watson-base-group.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prl-cloud-account-store.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_WATSON_BASE_GROUP (prl_watson_base_group_get_type ())

G_DECLARE_FINAL_TYPE (PrlWatsonBaseGroup, prl_watson_base_group, PRL, WATSON_BASE_GROUP,
                      AdwPreferencesGroup)

/* Lists the base models of the IBM account @account off the main thread
 * (a spinner meanwhile, an error row with Retry when the service fails);
 * a newer load cancels the older one. @account NULL empties the group. */
void                prl_watson_base_group_load          (PrlWatsonBaseGroup *self,
                                                         PrlCloudAccounts   *accounts,
                                                         const char         *account);
gboolean            prl_watson_base_group_is_loading    (PrlWatsonBaseGroup *self);
/* (nullable): why the last load failed */
const char         *prl_watson_base_group_get_error     (PrlWatsonBaseGroup *self);
/* The languages of the loaded models, sorted; empty before a load. */
const char *const  *prl_watson_base_group_get_languages (PrlWatsonBaseGroup *self);
/* Offers the models of @language and selects the one that suits the band. */
void                prl_watson_base_group_set_filter    (PrlWatsonBaseGroup *self,
                                                         const char         *language,
                                                         gboolean            narrow_band);
/* Whether the chosen base is for narrow-band audio (below 16 kHz); FALSE
 * when none is chosen or its rate is unknown. */
gboolean            prl_watson_base_group_get_selected_band (PrlWatsonBaseGroup *self,
                                                             gboolean           *narrow_band);
/* (nullable): the chosen Watson base model's name */
const char         *prl_watson_base_group_get_selected  (PrlWatsonBaseGroup *self);

G_END_DECLS
