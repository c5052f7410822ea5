/* prl-training-budget.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TRAINING_BUDGET_ERROR (prl_training_budget_error_quark ())

/**
 * PrlTrainingBudgetError:
 * @PRL_TRAINING_BUDGET_ERROR_NO_CLAIMS_AVAILABLE: the account's trainings
 *   of this month are spent (failure code `no-claims-available`)
 */
typedef enum
{
  PRL_TRAINING_BUDGET_ERROR_NO_CLAIMS_AVAILABLE,
} PrlTrainingBudgetError;

/* The failure code a training stopped by its budget is stored with. */
#define PRL_TRAINING_BUDGET_NO_CLAIMS_CODE "no-claims-available"

/* An account's budget when it has none (the same value as
 * PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET). */
#define PRL_TRAINING_BUDGET_UNLIMITED (-1)

GQuark     prl_training_budget_error_quark   (void);

guint      prl_training_budget_count_started (GPtrArray   *records,
                                              const char  *kind,
                                              const char  *account,
                                              GDateTime   *now);
GDateTime *prl_training_budget_renews        (GDateTime   *now) G_GNUC_WARN_UNUSED_RESULT;
int        prl_training_budget_left          (int          budget,
                                              guint        n_started);
gboolean   prl_training_budget_check         (int          budget,
                                              guint        n_started,
                                              GDateTime   *now,
                                              GError     **error);

G_END_DECLS
