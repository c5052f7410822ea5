/* prl-version.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_VERSION (prl_version_get_type ())

G_DECLARE_FINAL_TYPE (PrlVersion, prl_version, PRL, VERSION, GObject)

/**
 * PrlRemoteStatus:
 * @PRL_REMOTE_STATUS_NONE: trained here; nothing on a service
 * @PRL_REMOTE_STATUS_IN_PROGRESS: the service still trains it
 * @PRL_REMOTE_STATUS_COMPLETED: the service has it, ready to use
 * @PRL_REMOTE_STATUS_FAILED: the service's training failed
 * @PRL_REMOTE_STATUS_GONE: the service no longer has it (deleted
 *   elsewhere): shown as "Deleted on the service", never polled again
 * @PRL_REMOTE_STATUS_BASE_REMOVED: the service still has it, but no longer
 *   offers the base model it was built on: shown as "Base removed", not
 *   usable; asked about again, in case the base comes back
 *
 * What a cloud version's remote model last said, as the store keeps it.
 */
typedef enum
{
  PRL_REMOTE_STATUS_NONE,
  PRL_REMOTE_STATUS_IN_PROGRESS,
  PRL_REMOTE_STATUS_COMPLETED,
  PRL_REMOTE_STATUS_FAILED,
  PRL_REMOTE_STATUS_GONE,
  PRL_REMOTE_STATUS_BASE_REMOVED,
} PrlRemoteStatus;

const char *prl_remote_status_to_nick   (PrlRemoteStatus status);
gboolean    prl_remote_status_from_nick (const char      *nick,
                                         PrlRemoteStatus *status);
const char *prl_remote_status_to_label  (PrlRemoteStatus status);

/**
 * PrlWeightSource:
 * @PRL_WEIGHT_SOURCE_DEFAULT: the default weight: too little text to tune on
 * @PRL_WEIGHT_SOURCE_TUNING: tuned on the model's TUNING text
 * @PRL_WEIGHT_SOURCE_HELD_OUT: tuned on sentences held out of the training
 *   text (no tuning text was given)
 * @PRL_WEIGHT_SOURCE_NO_TUNING_TEXT: the default because there was no
 *   tuning text: versions trained before held-out tuning existed
 *
 * Where a version's interpolation weight λ came from.
 */
typedef enum
{
  PRL_WEIGHT_SOURCE_DEFAULT,
  PRL_WEIGHT_SOURCE_TUNING,
  PRL_WEIGHT_SOURCE_HELD_OUT,
  PRL_WEIGHT_SOURCE_NO_TUNING_TEXT,
} PrlWeightSource;

const char *prl_weight_source_to_nick   (PrlWeightSource  source);
gboolean    prl_weight_source_from_nick (const char      *nick,
                                         PrlWeightSource *source);

/**
 * PrlVersionInfo:
 * @name: `<model>-<UTC timestamp>`, e.g. "clinic-20261121T153000Z"
 * @directory: where its artifacts live: `<workspace>/models/<model id>/<name>/`
 *   holding `custom.arpa`, `merged.dict`, `pronunciations.tsv` and
 *   `params.json`
 * @base_model_id: the stock model it was built on, e.g. "cmusphinx-en-us-ptm-5.2"
 * @order: n-gram order
 * @lm_weight: λ of the custom LM against the stock LM
 * @tuned: whether @lm_weight was tuned (on TUNING or held-out text), else
 *   the default
 * @weight_source: where @lm_weight came from
 * @n_tuning_sentences: the sentences @lm_weight was tuned on (0 for the
 *   default)
 * @custom_perplexity: on the text @lm_weight was tuned on, or -1 when not
 *   tuned
 * @stock_perplexity: idem
 * @mixture_perplexity: idem
 * @stock_known_perplexity: the stock model's perplexity on the words it
 *   knows, or -1
 * @stock_oov_rate: the fraction of the words unknown to the stock model
 *   (0 to 1), or -1
 * @n_sentences: training sentences
 * @n_words: training words
 * @dataset_hashes: (array zero-terminated=1): SHA-256 of the datasets used
 * @workspace_id: (nullable): the workspace's identity, whose key opens
 *   the artifacts when they are encrypted
 * @remote_status: a cloud version's remote model, as last seen
 * @upgrade_available: the provider offers a newer base than the one
 *   @base_model_id names (Transcribe's UpgradeAvailability)
 */
typedef struct
{
  gint64             id;
  gint64             model_id;
  const char        *name;
  GDateTime         *created;
  const char        *directory;
  const char        *base_model_id;
  guint              order;
  double             lm_weight;
  gboolean           tuned;
  PrlWeightSource    weight_source;
  guint64            n_tuning_sentences;
  double             custom_perplexity;
  double             stock_perplexity;
  double             mixture_perplexity;
  double             stock_known_perplexity;
  double             stock_oov_rate;
  guint64            n_sentences;
  guint64            n_words;
  const char *const *dataset_hashes;
  const char        *workspace_id;
  PrlRemoteStatus    remote_status;
  gboolean           upgrade_available;
} PrlVersionInfo;

PrlVersion        *prl_version_new                    (const PrlVersionInfo *info) G_GNUC_WARN_UNUSED_RESULT;
gint64             prl_version_get_id                 (PrlVersion *self);
gint64             prl_version_get_model_id           (PrlVersion *self);
const char        *prl_version_get_name               (PrlVersion *self);
GDateTime         *prl_version_get_created            (PrlVersion *self);
const char        *prl_version_get_directory          (PrlVersion *self);
const char        *prl_version_get_base_model_id      (PrlVersion *self);
guint              prl_version_get_order              (PrlVersion *self);
double             prl_version_get_lm_weight          (PrlVersion *self);
gboolean           prl_version_get_tuned              (PrlVersion *self);
PrlWeightSource    prl_version_get_weight_source      (PrlVersion *self);
guint64            prl_version_get_n_tuning_sentences (PrlVersion *self);
char              *prl_version_describe_weight        (PrlVersion *self) G_GNUC_WARN_UNUSED_RESULT;
double             prl_version_get_stock_known_perplexity (PrlVersion *self);
double             prl_version_get_stock_oov_rate     (PrlVersion *self);
char              *prl_version_describe_stock_fit     (PrlVersion *self) G_GNUC_WARN_UNUSED_RESULT;
double             prl_version_get_custom_perplexity  (PrlVersion *self);
double             prl_version_get_stock_perplexity   (PrlVersion *self);
double             prl_version_get_mixture_perplexity (PrlVersion *self);
guint64            prl_version_get_n_sentences        (PrlVersion *self);
guint64            prl_version_get_n_words            (PrlVersion *self);
const char *const *prl_version_get_dataset_hashes     (PrlVersion *self);
const char        *prl_version_get_workspace_id       (PrlVersion *self);
PrlRemoteStatus    prl_version_get_remote_status      (PrlVersion *self);
gboolean           prl_version_get_upgrade_available  (PrlVersion *self);
gboolean           prl_version_is_usable              (PrlVersion *self);
char              *prl_version_dup_base_removed_reason (PrlVersion *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean           prl_version_matches                (PrlVersion *self,
                                                       const char *model_name,
                                                       const char *wanted);

G_END_DECLS
