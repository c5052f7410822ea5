/* prl-local-provider-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-ngram.h"
#include "prl-pronouncer.h"
#include "prl-provider.h"

G_BEGIN_DECLS

/* Implemented in prl-local-transcribe.c and wired into PrlLocalProvider's
 * PrlProviderInterface by prl-local-provider.c. */
PrlTranscript *_prl_local_provider_transcribe (PrlProvider *provider, PrlVersion *version, const char *audio_path, GCancellable *cancellable, GError **error);
PrlTranscript *_prl_local_provider_align (PrlProvider *provider, const char *audio_path, const char *transcript, GCancellable *cancellable, GError **error);
/* In prl-local-phones.c. */
gboolean _prl_local_provider_check_pronunciation (PrlProvider *provider, const char *language, const char *phones, GError **error);
gboolean _prl_local_provider_score_words (PrlProvider *provider, const char *language, const char *const *words, double *log10_probs, GCancellable *cancellable, GError **error);

/* The pronouncer of the stock dictionary, shared by the whole process. */
PrlPronouncer *_prl_local_get_stock_pronouncer (GError **error);

/* In prl-local-tune.c: the weight of the custom model, tuned on TUNING text
 * or on sentences held out of the training text. */
typedef struct _PrlLocalHoldout PrlLocalHoldout;

PrlLocalHoldout *_prl_local_holdout_new (guint order);
void _prl_local_holdout_free (PrlLocalHoldout *self);
void _prl_local_holdout_add (PrlLocalHoldout *self, const char *const *words);
void _prl_local_holdout_start (PrlLocalHoldout *self, GCancellable *cancellable);
gboolean _prl_local_choose_weight (GPtrArray *tuning, PrlLocalHoldout *holdout, guint order, PrlNgramModel *model, PrlNgramWeight *weight, PrlWeightSource *source, GCancellable *cancellable, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlLocalHoldout, _prl_local_holdout_free)

/* In prl-local-upgrade.c: the local PrlVersionOps. */
void _prl_local_upgrade_register (void);

G_END_DECLS
