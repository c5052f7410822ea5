/* prl-model.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_TYPE_MODEL (prl_model_get_type ())
#define PRL_MODEL_ERROR (prl_model_error_quark ())

/**
 * PrlModelError:
 * @PRL_MODEL_ERROR_NAME_EMPTY: the name is empty
 * @PRL_MODEL_ERROR_NAME_TOO_LONG: the name is longer than the provider allows
 * @PRL_MODEL_ERROR_NAME_INVALID: the name has characters the provider refuses
 * @PRL_MODEL_ERROR_NAME_TAKEN: another model in the workspace has this name
 * @PRL_MODEL_ERROR_UNKNOWN_PROVIDER: no such provider
 * @PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP: the provider cannot be used yet
 * @PRL_MODEL_ERROR_LANGUAGE_UNSUPPORTED: the provider cannot train this language
 * @PRL_MODEL_ERROR_NOT_FOUND: no model with this name or id
 * @PRL_MODEL_ERROR_PERMISSION_DENIED: the workspace role does not allow this
 * @PRL_MODEL_ERROR_BUSY: a running job holds the model
 * @PRL_MODEL_ERROR_ACCOUNT_INVALID: a cloud account given where none fits
 */
typedef enum
{
  PRL_MODEL_ERROR_NAME_EMPTY,
  PRL_MODEL_ERROR_NAME_TOO_LONG,
  PRL_MODEL_ERROR_NAME_INVALID,
  PRL_MODEL_ERROR_NAME_TAKEN,
  PRL_MODEL_ERROR_UNKNOWN_PROVIDER,
  PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP,
  PRL_MODEL_ERROR_LANGUAGE_UNSUPPORTED,
  PRL_MODEL_ERROR_NOT_FOUND,
  PRL_MODEL_ERROR_PERMISSION_DENIED,
  PRL_MODEL_ERROR_BUSY,
  PRL_MODEL_ERROR_ACCOUNT_INVALID,
} PrlModelError;

/**
 * PrlBaseModel:
 * @PRL_BASE_MODEL_NARROW_BAND: for audio sampled below 16 kHz (telephony)
 * @PRL_BASE_MODEL_WIDE_BAND: for audio sampled at 16 kHz or more
 */
typedef enum
{
  PRL_BASE_MODEL_NARROW_BAND,
  PRL_BASE_MODEL_WIDE_BAND,
} PrlBaseModel;

/**
 * PrlTrainingStatus:
 * @PRL_TRAINING_STATUS_NOT_RUNNING: nothing uploaded, or failed and reset
 * @PRL_TRAINING_STATUS_READY_TO_RUN: datasets changed since the last training
 * @PRL_TRAINING_STATUS_RUNNING: a training is in progress
 * @PRL_TRAINING_STATUS_SUCCESS: the last training produced a version
 * @PRL_TRAINING_STATUS_FAILED: the last training failed
 */
typedef enum
{
  PRL_TRAINING_STATUS_NOT_RUNNING,
  PRL_TRAINING_STATUS_READY_TO_RUN,
  PRL_TRAINING_STATUS_RUNNING,
  PRL_TRAINING_STATUS_SUCCESS,
  PRL_TRAINING_STATUS_FAILED,
} PrlTrainingStatus;

/**
 * PrlModelCreateOptions:
 * @name: the model's name
 * @provider: the provider's id ("local", "aws-transcribe", ...)
 * @language: the base language, one the provider trains
 * @base_model: NarrowBand or WideBand
 * @tags: (nullable) (array zero-terminated=1): the model's tags
 * @account: (nullable): the cloud account of a cloud provider's model;
 *   %NULL for a local model
 * @provider_base: (nullable): the provider's own base model when it has
 *   more than the two bands (IBM Watson: "en-US_Telephony")
 *
 * What prl_workspace_create_model_full_async() creates and
 * prl_store_insert_model_full_async() saves.
 */
typedef struct
{
  const char        *name;
  const char        *provider;
  const char        *language;
  PrlBaseModel       base_model;
  const char *const *tags;
  const char        *account;
  const char        *provider_base;
} PrlModelCreateOptions;

G_DECLARE_FINAL_TYPE (PrlModel, prl_model, PRL, MODEL, GObject)

GQuark             prl_model_error_quark          (void);


PrlModel          *prl_model_new                  (gint64             id,
                                                   const char        *name,
                                                   const char        *provider,
                                                   const char        *language,
                                                   PrlBaseModel       base_model,
                                                   PrlTrainingStatus  status,
                                                   const char *const *tags,
                                                   GDateTime         *created,
                                                   GDateTime         *modified) G_GNUC_WARN_UNUSED_RESULT;
gint64             prl_model_get_id               (PrlModel          *self);
const char        *prl_model_get_name             (PrlModel          *self);
const char        *prl_model_get_provider         (PrlModel          *self);
const char        *prl_model_get_language         (PrlModel          *self);
PrlBaseModel       prl_model_get_base_model       (PrlModel          *self);
PrlTrainingStatus  prl_model_get_status           (PrlModel          *self);
const char *const *prl_model_get_tags             (PrlModel          *self);
GDateTime         *prl_model_get_created          (PrlModel          *self);
GDateTime         *prl_model_get_modified         (PrlModel          *self);
gint64             prl_model_get_modified_unix    (PrlModel          *self);
void               prl_model_update_from          (PrlModel          *self,
                                                   PrlModel          *other);
void               prl_model_set_failure          (PrlModel          *self,
                                                   const char        *code,
                                                   const char        *message);
const char        *prl_model_get_failure_code     (PrlModel          *self);
const char        *prl_model_get_failure_message  (PrlModel          *self);
void               prl_model_set_account          (PrlModel          *self,
                                                   const char        *account);
const char        *prl_model_get_account          (PrlModel          *self);
void               prl_model_set_provider_base    (PrlModel          *self,
                                                   const char        *provider_base);
const char        *prl_model_get_provider_base    (PrlModel          *self);
void               prl_model_set_upgrade_available (PrlModel         *self,
                                                    gboolean          available);
gboolean           prl_model_get_upgrade_available (PrlModel         *self);
void               prl_model_set_upgrading        (PrlModel          *self,
                                                   gboolean           upgrading);
gboolean           prl_model_get_upgrading        (PrlModel          *self);

char              *prl_display_escape             (const char        *text) G_GNUC_WARN_UNUSED_RESULT;
gint64             prl_date_time_to_usec          (GDateTime         *time);

const char        *prl_base_model_to_string       (PrlBaseModel       base_model);
gboolean           prl_base_model_from_string     (const char        *str,
                                                   PrlBaseModel      *base_model);
const char        *prl_base_model_get_description (PrlBaseModel       base_model);

const char        *prl_training_status_to_nick    (PrlTrainingStatus  status);
gboolean           prl_training_status_from_nick  (const char        *nick,
                                                   PrlTrainingStatus *status);
const char        *prl_training_status_get_label  (PrlTrainingStatus  status);
const char        *prl_training_status_get_tooltip (PrlTrainingStatus status);
const char        *prl_training_status_get_help   (PrlTrainingStatus  status);

G_END_DECLS
