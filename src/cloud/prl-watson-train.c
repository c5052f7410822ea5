/* prl-watson-train.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-watson-train.h"

/* IBM Watson training as a remote job (issue #15, point 3). Accounts,
 * base models and model creation are in place; the training job itself
 * (corpora, analysis, words, train, polling) is not written yet, so a
 * training is refused with that reason, before anything is sent. */

PrlJob *
prl_watson_train_start (PrlWorkspace *workspace, PrlModel *model, GError **error)
{
  g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP,
               _ ("Training “%s” on IBM Watson is not available in this version of "
                  "Parlance yet: the model, its account and its base model are kept, "
                  "and nothing was sent to the service."),
               prl_model_get_name (model));
  return NULL;
}

void
prl_watson_train_register (void)
{
  prl_remote_job_register_trainer (PRL_WATSON_PROVIDER, PRL_WATSON_TRAIN_KIND,
                                   prl_watson_train_start);
}
