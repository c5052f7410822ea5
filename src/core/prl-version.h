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
} PrlRemoteStatus;

const char *prl_remote_status_to_nick   (PrlRemoteStatus status);
gboolean    prl_remote_status_from_nick (const char      *nick,
                                         PrlRemoteStatus *status);
const char *prl_remote_status_to_label  (PrlRemoteStatus status);

/**
 * PrlVersionInfo:
 * @name: `<model>-<UTC timestamp>`, e.g. "clinic-20261121T153000Z"
 * @directory: where its artifacts live: `<workspace>/models/<model id>/<name>/`
 *   holding `custom.arpa`, `merged.dict`, `pronunciations.tsv` and
 *   `params.json`
 * @base_model_id: the stock model it was built on, e.g. "cmusphinx-en-us-ptm-5.2"
 * @order: n-gram order
 * @lm_weight: λ of the custom LM against the stock LM
 * @tuned: whether @lm_weight was chosen on tuning text (else the default)
 * @custom_perplexity: on the tuning text, or -1 without tuning text
 * @stock_perplexity: idem
 * @mixture_perplexity: idem
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
  double             custom_perplexity;
  double             stock_perplexity;
  double             mixture_perplexity;
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
gboolean           prl_version_matches                (PrlVersion *self,
                                                       const char *model_name,
                                                       const char *wanted);

G_END_DECLS
