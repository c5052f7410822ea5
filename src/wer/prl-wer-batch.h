/* prl-wer-batch.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prl-trn.h"

G_BEGIN_DECLS

#define PRL_TYPE_WER_BATCH (prl_wer_batch_get_type ())

G_DECLARE_FINAL_TYPE (PrlWerBatch, prl_wer_batch, PRL, WER_BATCH, GObject)

PrlWerBatch *prl_wer_batch_new            (void) G_GNUC_WARN_UNUSED_RESULT;
PrlWerBatch *prl_wer_batch_new_from_pairs (GArray       *pairs) G_GNUC_WARN_UNUSED_RESULT;
PrlWerBatch *prl_wer_batch_new_for_trns (PrlTrn *ref,
                                                PrlTrn *hyp,
                                                GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void         prl_wer_batch_add            (PrlWerBatch  *self,
                                           const char   *id,
                                           const char   *ref_text,
                                           const char   *hyp_text);
guint        prl_wer_batch_get_n_items    (PrlWerBatch  *self);
void         prl_wer_batch_get_item       (PrlWerBatch  *self,
                                           guint         index,
                                           const char  **id,
                                           const char  **ref_text,
                                           const char  **hyp_text);
gboolean     prl_wer_batch_get_running    (PrlWerBatch  *self);
guint        prl_wer_batch_get_n_scored   (PrlWerBatch  *self);
double       prl_wer_batch_get_progress   (PrlWerBatch  *self);

G_END_DECLS
