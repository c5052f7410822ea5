/* prl-model.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-core-enums.h"
#include "prl-provider-info.h"

#include "prl-model.h"

/* A custom model as the store last saw it. Views bind to its properties;
 * the workspace replaces its fields with prl_model_update_from() when the
 * store reports a change, so one object per model lives for the whole
 * session and list rows never go stale.
 */
struct _PrlModel
{
  GObject parent_instance;

  gint64            id;
  char             *name;     /* (owned) */
  char             *provider; /* (owned) */
  char             *language; /* (owned) */
  PrlBaseModel      base_model;
  PrlTrainingStatus status;
  GStrv             tags;            /* (owned) (not nullable) */
  GDateTime        *created;         /* (owned) */
  GDateTime        *modified;        /* (owned) */
  char             *failure_code;    /* (owned) (nullable) */
  char             *failure_message; /* (owned) (nullable) */
  char             *account;         /* (owned) (nullable) */
  char             *provider_base;   /* (owned) (nullable) */
  gboolean          upgrade_available;
  gboolean          upgrading;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROVIDER,
  PROP_LANGUAGE,
  PROP_LANGUAGE_NAME,
  PROP_BASE_MODEL,
  PROP_STATUS,
  PROP_TAGS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_MODIFIED_UNIX,
  PROP_UPGRADE_AVAILABLE,
  PROP_UPGRADING,
  N_PROPS
};

G_DEFINE_QUARK (PrlModelErrorQuark, prl_model_error)

G_DEFINE_FINAL_TYPE (PrlModel, prl_model, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
prl_model_finalize (GObject *object)
{
  PrlModel *self = PRL_MODEL (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->failure_code, g_free);
  g_clear_pointer (&self->failure_message, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->provider_base, g_free);

  G_OBJECT_CLASS (prl_model_parent_class)->finalize (object);
}

static void
prl_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PrlModel *self = PRL_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_LANGUAGE_NAME:
      g_value_set_string (value, prl_language_get_display_name (self->language));
      break;

    case PROP_BASE_MODEL:
      g_value_set_enum (value, self->base_model);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    case PROP_MODIFIED_UNIX:
      g_value_set_int64 (value, prl_model_get_modified_unix (self));
      break;

    case PROP_UPGRADE_AVAILABLE:
      g_value_set_boolean (value, self->upgrade_available);
      break;

    case PROP_UPGRADING:
      g_value_set_boolean (value, self->upgrading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_model_class_init (PrlModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = prl_model_finalize;
  object_class->get_property = prl_model_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  /**
   * PrlModel:language-name:
   *
   * The base language as people read it, e.g. "English".
   */
  properties[PROP_LANGUAGE_NAME]
      = g_param_spec_string ("language-name", NULL, NULL, NULL, flags);
  properties[PROP_BASE_MODEL] = g_param_spec_enum (
      "base-model", NULL, NULL, PRL_TYPE_BASE_MODEL, PRL_BASE_MODEL_WIDE_BAND, flags);
  properties[PROP_STATUS]
      = g_param_spec_enum ("status", NULL, NULL, PRL_TYPE_TRAINING_STATUS,
                           PRL_TRAINING_STATUS_NOT_RUNNING, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CREATED]
      = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_MODIFIED]
      = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * PrlModel:modified-unix:
   *
   * The last modification as microseconds since the epoch; sorters use it.
   */
  properties[PROP_MODIFIED_UNIX] = g_param_spec_int64 ("modified-unix", NULL, NULL,
                                                       G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UPGRADE_AVAILABLE]
      = g_param_spec_boolean ("upgrade-available", NULL, NULL, FALSE, flags);
  properties[PROP_UPGRADING]
      = g_param_spec_boolean ("upgrading", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_model_init (PrlModel *self)
{
  self->tags = g_new0 (char *, 1);
}

/**
 * prl_model_new:
 *
 * Creates a model object. Only the store and tests call this; everything
 * else gets models from a #PrlWorkspace.
 *
 * Returns: (transfer full): a new #PrlModel
 */
PrlModel *
prl_model_new (gint64             id,
               const char        *name,
               const char        *provider,
               const char        *language,
               PrlBaseModel       base_model,
               PrlTrainingStatus  status,
               const char *const *tags,
               GDateTime         *created,
               GDateTime         *modified)
{
  PrlModel *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (created != NULL && modified != NULL, NULL);

  self = g_object_new (PRL_TYPE_MODEL, NULL);
  self->id = id;
  self->name = g_strdup (name);
  self->provider = g_strdup (provider);
  self->language = g_strdup (language);
  self->base_model = base_model;
  self->status = status;
  if (tags != NULL)
    {
      g_strfreev (self->tags);
      self->tags = g_strdupv ((char **)tags);
    }
  self->created = g_date_time_ref (created);
  self->modified = g_date_time_ref (modified);

  return self;
}

gint64
prl_model_get_id (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), 0);
  return self->id;
}

const char *
prl_model_get_name (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->name;
}

const char *
prl_model_get_provider (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->provider;
}

const char *
prl_model_get_language (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->language;
}

PrlBaseModel
prl_model_get_base_model (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), PRL_BASE_MODEL_WIDE_BAND);
  return self->base_model;
}

PrlTrainingStatus
prl_model_get_status (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), PRL_TRAINING_STATUS_NOT_RUNNING);
  return self->status;
}

const char *const *
prl_model_get_tags (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return (const char *const *)self->tags;
}

GDateTime *
prl_model_get_created (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->created;
}

GDateTime *
prl_model_get_modified (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->modified;
}

gint64
prl_model_get_modified_unix (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), 0);
  return prl_date_time_to_usec (self->modified);
}

static void
replace_string (PrlModel *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * prl_model_update_from:
 * @self: the model views are bound to
 * @other: a fresher copy of the same model, read from the store
 *
 * Copies @other's fields into @self, notifying only what changed.
 */
void
prl_model_update_from (PrlModel *self, PrlModel *other)
{
  g_return_if_fail (PRL_IS_MODEL (self));
  g_return_if_fail (PRL_IS_MODEL (other));
  g_return_if_fail (self->id == other->id);

  g_object_freeze_notify (G_OBJECT (self));

  replace_string (self, &self->name, other->name, PROP_NAME);
  replace_string (self, &self->provider, other->provider, PROP_PROVIDER);
  if (g_strcmp0 (self->language, other->language) != 0)
    {
      replace_string (self, &self->language, other->language, PROP_LANGUAGE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE_NAME]);
    }

  if (self->base_model != other->base_model)
    {
      self->base_model = other->base_model;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MODEL]);
    }

  if (self->status != other->status)
    {
      self->status = other->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  /* No property for these: views read them when the status changes to
   * failed, and the status notification comes after this copy. */
  g_free (self->failure_code);
  self->failure_code = g_strdup (other->failure_code);
  g_free (self->failure_message);
  self->failure_message = g_strdup (other->failure_message);
  g_free (self->account);
  self->account = g_strdup (other->account);
  g_free (self->provider_base);
  self->provider_base = g_strdup (other->provider_base);

  if (!g_strv_equal ((const char *const *)self->tags, (const char *const *)other->tags))
    {
      g_strfreev (self->tags);
      self->tags = g_strdupv (other->tags);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
    }

  if (!g_date_time_equal (self->modified, other->modified))
    {
      g_date_time_unref (self->modified);
      self->modified = g_date_time_ref (other->modified);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_UNIX]);
    }

  if (self->upgrade_available != other->upgrade_available)
    {
      self->upgrade_available = other->upgrade_available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPGRADE_AVAILABLE]);
    }

  if (self->upgrading != other->upgrading)
    {
      self->upgrading = other->upgrading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPGRADING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * prl_model_set_failure:
 * @self: a #PrlModel
 * @code: (nullable): why the last training failed, e.g. "validation_failed"
 * @message: (nullable): what happened and what to do
 *
 * Only the store calls this, right after prl_model_new().
 */
void
prl_model_set_failure (PrlModel *self, const char *code, const char *message)
{
  g_return_if_fail (PRL_IS_MODEL (self));

  g_free (self->failure_code);
  self->failure_code = g_strdup (code);
  g_free (self->failure_message);
  self->failure_message = g_strdup (message);
}

/**
 * prl_model_set_account:
 * @account: (nullable): the cloud account it uses
 *
 * Only the store calls this, right after prl_model_new().
 */
void
prl_model_set_account (PrlModel *self, const char *account)
{
  g_return_if_fail (PRL_IS_MODEL (self));

  g_free (self->account);
  self->account = g_strdup (account);
}

/**
 * prl_model_get_account:
 *
 * Returns: (nullable): the cloud account a cloud provider's model trains
 *   and transcribes with; %NULL for local models
 */
const char *
prl_model_get_account (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->account;
}

/**
 * prl_model_set_provider_base:
 * @provider_base: (nullable): the provider's own base model
 *
 * Only the store calls this, right after prl_model_new().
 */
void
prl_model_set_provider_base (PrlModel *self, const char *provider_base)
{
  g_return_if_fail (PRL_IS_MODEL (self));

  g_free (self->provider_base);
  self->provider_base = g_strdup (provider_base);
}

/**
 * prl_model_get_provider_base:
 *
 * The provider's own name of the base model the custom model is built on
 * when it has more than the two bands, e.g. Watson's "en-US_Telephony".
 *
 * Returns: (nullable): the name; %NULL for local and Transcribe models
 */
const char *
prl_model_get_provider_base (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->provider_base;
}

/**
 * prl_model_get_failure_code:
 *
 * Returns: (nullable): the reason code of the last failed training, or
 *   %NULL unless the status is %PRL_TRAINING_STATUS_FAILED
 */
const char *
prl_model_get_failure_code (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->failure_code;
}

/**
 * prl_model_get_failure_message:
 *
 * Returns: (nullable): what went wrong and what to do
 */
const char *
prl_model_get_failure_message (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), NULL);
  return self->failure_message;
}

const char *
prl_base_model_to_string (PrlBaseModel base_model)
{
  switch (base_model)
    {
    case PRL_BASE_MODEL_NARROW_BAND:
      return "NarrowBand";
    case PRL_BASE_MODEL_WIDE_BAND:
      return "WideBand";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
prl_base_model_from_string (const char *str, PrlBaseModel *base_model)
{
  g_return_val_if_fail (base_model != NULL, FALSE);

  if (g_strcmp0 (str, "NarrowBand") == 0)
    *base_model = PRL_BASE_MODEL_NARROW_BAND;
  else if (g_strcmp0 (str, "WideBand") == 0)
    *base_model = PRL_BASE_MODEL_WIDE_BAND;
  else
    return FALSE;

  return TRUE;
}

const char *
prl_base_model_get_description (PrlBaseModel base_model)
{
  switch (base_model)
    {
    case PRL_BASE_MODEL_NARROW_BAND:
      return _ ("For audio sampled below 16 kHz, such as telephone calls.");
    case PRL_BASE_MODEL_WIDE_BAND:
      return _ ("For audio sampled at 16 kHz or more, such as meetings, dictation "
                "and media.");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Nicks double as the stored form and the CLI's JSON form. */
static const char *const status_nicks[] = {
  [PRL_TRAINING_STATUS_NOT_RUNNING] = "not-running",
  [PRL_TRAINING_STATUS_READY_TO_RUN] = "ready-to-run",
  [PRL_TRAINING_STATUS_RUNNING] = "running",
  [PRL_TRAINING_STATUS_SUCCESS] = "success",
  [PRL_TRAINING_STATUS_FAILED] = "failed",
};

const char *
prl_training_status_to_nick (PrlTrainingStatus status)
{
  g_return_val_if_fail (status <= PRL_TRAINING_STATUS_FAILED, NULL);
  return status_nicks[status];
}

gboolean
prl_training_status_from_nick (const char *nick, PrlTrainingStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_nicks); i++)
    {
      if (g_strcmp0 (nick, status_nicks[i]) == 0)
        {
          *status = (PrlTrainingStatus)i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
prl_training_status_get_label (PrlTrainingStatus status)
{
  switch (status)
    {
    case PRL_TRAINING_STATUS_NOT_RUNNING:
      return _ ("Not Running");
    case PRL_TRAINING_STATUS_READY_TO_RUN:
      return _ ("Ready to Run");
    case PRL_TRAINING_STATUS_RUNNING:
      return _ ("Running");
    case PRL_TRAINING_STATUS_SUCCESS:
      return _ ("Success");
    case PRL_TRAINING_STATUS_FAILED:
      return _ ("Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
prl_training_status_get_tooltip (PrlTrainingStatus status)
{
  switch (status)
    {
    case PRL_TRAINING_STATUS_NOT_RUNNING:
      return _ ("No training data has been added yet, or the last failure was reset");
    case PRL_TRAINING_STATUS_READY_TO_RUN:
      return _ (
          "Training data has changed since the last training; the model can be trained");
    case PRL_TRAINING_STATUS_RUNNING:
      return _ ("The model is being trained");
    case PRL_TRAINING_STATUS_SUCCESS:
      return _ ("The last training succeeded; its version can be used for transcription");
    case PRL_TRAINING_STATUS_FAILED:
      return _ ("The last training failed; open the model to see why and what to do");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
prl_training_status_get_help (PrlTrainingStatus status)
{
  switch (status)
    {
    case PRL_TRAINING_STATUS_NOT_RUNNING:
      return _ ("This model has no training data yet. Add a dataset of text from your "
                "domain, such as reports, scripts or transcripts, then train the model.");
    case PRL_TRAINING_STATUS_READY_TO_RUN:
      return _ ("The datasets changed since the last training. Train the model to build "
                "a new version that learns from them.");
    case PRL_TRAINING_STATUS_RUNNING:
      return _ ("Training is in progress. You can keep working; Parlance tells you when "
                "it finishes.");
    case PRL_TRAINING_STATUS_SUCCESS:
      return _ ("Training succeeded and created a new version. Evaluate it against the "
                "stock model on your test audio, or pick it when you transcribe.");
    case PRL_TRAINING_STATUS_FAILED:
      return _ ("Training failed. Check the datasets for the problems reported, fix or "
                "remove them, and train again.");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * prl_display_escape:
 * @text: (nullable): a name or other text a user typed
 *
 * @text made safe to show inside a message: control characters, line and
 * paragraph separators and bidirectional controls become escapes (“\n”,
 * “\t”, “\u202E”), so that an echoed name cannot break the message's
 * line or reorder it; invalid UTF-8 is replaced. Everything else, accents
 * included, is kept.
 *
 * Returns: (transfer full): the text to show
 */
char *
prl_display_escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString         *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029
               || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
               || c == 0x200E || c == 0x200F || c == 0x061C)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * prl_date_time_to_usec:
 *
 * Returns: @time as microseconds since the epoch: how the store saves
 *   times, and what the sorters of the lists compare
 */
gint64
prl_date_time_to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/**
 * prl_model_set_upgrade_available:
 *
 * Only the store calls this, right after prl_model_new().
 */
void
prl_model_set_upgrade_available (PrlModel *self, gboolean available)
{
  g_return_if_fail (PRL_IS_MODEL (self));
  self->upgrade_available = available;
}

/**
 * prl_model_get_upgrade_available:
 *
 * Returns: whether the newest usable version was built on a base the
 *   provider has since replaced, so that an upgrade would train on the
 *   new one (the "Upgrade available" badge)
 */
gboolean
prl_model_get_upgrade_available (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), FALSE);
  return self->upgrade_available;
}

/**
 * prl_model_set_upgrading:
 *
 * Only the store calls this, right after prl_model_new().
 */
void
prl_model_set_upgrading (PrlModel *self, gboolean upgrading)
{
  g_return_if_fail (PRL_IS_MODEL (self));
  self->upgrading = upgrading;
}

/**
 * prl_model_get_upgrading:
 *
 * Returns: whether the model's training is an upgrade to its provider's
 *   current base (the "Upgrading" badge); its status is then Running, its
 *   versions stay usable, and edits are refused until it ends
 */
gboolean
prl_model_get_upgrading (PrlModel *self)
{
  g_return_val_if_fail (PRL_IS_MODEL (self), FALSE);
  return self->upgrading;
}
