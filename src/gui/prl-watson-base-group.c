/* prl-watson-base-group.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson-base-group"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-provider-info.h"
#include "prl-remote-job.h"
#include "prl-watson-account.h"

#include "prl-watson-base-group.h"

/* The New Custom Model dialog's IBM Watson part: the base models of the
 * chosen IBM account, asked of the service (GET /v1/models) on a worker
 * thread and filtered to those that accept language customization. The
 * dialog takes its languages from them and tells the group the language
 * and band; the group offers that language's bases and selects the one
 * the band calls for (Telephony/Multimedia, else Narrowband/Broadband).
 * While the list loads a spinner turns; when the service fails, a row
 * says why and offers Retry. */
struct _PrlWatsonBaseGroup
{
  AdwPreferencesGroup parent_instance;

  /* Template widgets */
  AdwComboRow  *base_row;
  AdwActionRow *error_row;
  GtkSpinner   *spinner;

  PrlCloudAccounts *accounts;    /* (owned) (nullable) */
  char             *account;     /* (owned) (nullable) */
  GCancellable     *cancellable; /* (owned) (nullable): the running load */
  GPtrArray        *models;      /* (owned) (nullable): PrlWatsonBaseModel */
  GStrv             languages;   /* (owned) */
  GtkStringList    *names;       /* (owned): the base_row's items */
  char             *language;    /* (owned) (nullable) */
  char             *error;       /* (owned) (nullable) */
  gboolean          narrow_band;
  gboolean          filling;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PrlWatsonBaseGroup,
                     prl_watson_base_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static PrlWatsonBaseModel *
find_model (PrlWatsonBaseGroup *self, const char *name)
{
  for (guint i = 0; self->models != NULL && name != NULL && i < self->models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (self->models, i);

      if (g_strcmp0 (model->name, name) == 0)
        return model;
    }
  return NULL;
}

static void
show_selected (PrlWatsonBaseGroup *self)
{
  PrlWatsonBaseModel *model
      = find_model (self, prl_watson_base_group_get_selected (self));
  g_autofree char *subtitle = NULL;

  if (model != NULL)
    /* Translators: a Watson base model's sample rate, then its description */
    subtitle = g_strdup_printf (_ ("%u Hz · %s"), model->rate,
                                model->description ? model->description : "");
  else if (self->cancellable != NULL)
    subtitle = g_strdup (_ ("Loading the base models…"));
  else if (self->models != NULL && self->language != NULL)
    subtitle = g_strdup_printf (_ ("The service has no base model for %s"),
                                prl_language_get_display_name (self->language));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->base_row), subtitle);
}

static gboolean
is_narrow (const PrlWatsonBaseModel *model)
{
  return model->rate > 0 && model->rate < 16000;
}

/* Offers the models of the chosen language. The one selected: the
 * current choice while it still fits the language and band, else the
 * proposal for the band, else the language's first (a base for the other
 * band beats none: the user sees its rate and can switch the band). */
static void
refill (PrlWatsonBaseGroup *self)
{
  g_autofree char *previous = g_strdup (prl_watson_base_group_get_selected (self));
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;
  PrlWatsonBaseModel *kept = find_model (self, previous);
  PrlWatsonBaseModel *proposed = NULL;
  guint               selected = GTK_INVALID_LIST_POSITION;
  guint               n = 0;

  if (kept != NULL
      && (g_strcmp0 (kept->language, self->language) != 0
          || is_narrow (kept) != self->narrow_band))
    kept = NULL;
  if (kept == NULL && self->models != NULL && self->language != NULL)
    proposed = prl_watson_base_models_propose (self->models, self->language,
                                               self->narrow_band);
  for (guint i = 0; self->models != NULL && i < self->models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (self->models, i);

      if (g_strcmp0 (model->language, self->language) != 0)
        continue;
      if (model == (kept != NULL ? kept : proposed))
        selected = n;
      g_strv_builder_add (builder, model->name);
      n++;
    }
  if (selected == GTK_INVALID_LIST_POSITION && n > 0)
    selected = 0;
  names = g_strv_builder_end (builder);
  self->filling = TRUE;
  gtk_string_list_splice (self->names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char *const *)names);
  adw_combo_row_set_selected (self->base_row, selected);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->base_row), n > 0);
  show_selected (self);
  /* Another base now: the dialog's band follows it. */
  if (g_strcmp0 (previous, prl_watson_base_group_get_selected (self)) != 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_base_selected_cb (PrlWatsonBaseGroup *self)
{
  if (self->filling)
    return;
  show_selected (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_loading (PrlWatsonBaseGroup *self, gboolean loading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlWatsonBaseGroup) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *models;

  models = prl_watson_account_list_base_models_finish (PRL_CLOUD_ACCOUNTS (source),
                                                       result, &error);
  /* A newer load (or dispose) cancelled this one: it owns the widgets. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  self->models = models;
  g_strfreev (self->languages);
  self->languages = prl_watson_base_models_languages (models);
  if (models == NULL)
    {
      self->error = g_strdup (error->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->error_row), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
    }
  refill (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
prl_watson_base_group_load (PrlWatsonBaseGroup *self,
                            PrlCloudAccounts   *accounts,
                            const char         *account)
{
  g_return_if_fail (PRL_IS_WATSON_BASE_GROUP (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  g_strfreev (self->languages);
  self->languages = g_new0 (char *, 1);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  g_set_object (&self->accounts, accounts);
  if (account != self->account)
    {
      g_free (self->account);
      self->account = g_strdup (account);
    }

  if (accounts != NULL && account != NULL)
    {
      self->cancellable = g_cancellable_new ();
      set_loading (self, TRUE);
      prl_watson_account_list_base_models_async (
          accounts, account, TRUE, self->cancellable, load_cb, g_object_ref (self));
    }
  else
    set_loading (self, FALSE);
  refill (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
retry_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlWatsonBaseGroup *self = PRL_WATSON_BASE_GROUP (widget);
  g_autofree char    *account = g_strdup (self->account);

  prl_watson_base_group_load (self, self->accounts, account);
}

gboolean
prl_watson_base_group_is_loading (PrlWatsonBaseGroup *self)
{
  g_return_val_if_fail (PRL_IS_WATSON_BASE_GROUP (self), FALSE);
  return self->cancellable != NULL;
}

const char *
prl_watson_base_group_get_error (PrlWatsonBaseGroup *self)
{
  g_return_val_if_fail (PRL_IS_WATSON_BASE_GROUP (self), NULL);
  return self->error;
}

const char *const *
prl_watson_base_group_get_languages (PrlWatsonBaseGroup *self)
{
  g_return_val_if_fail (PRL_IS_WATSON_BASE_GROUP (self), NULL);
  return (const char *const *)self->languages;
}

void
prl_watson_base_group_set_filter (PrlWatsonBaseGroup *self,
                                  const char         *language,
                                  gboolean            narrow_band)
{
  g_return_if_fail (PRL_IS_WATSON_BASE_GROUP (self));

  if (g_strcmp0 (language, self->language) == 0 && narrow_band == self->narrow_band)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  self->narrow_band = narrow_band;
  refill (self);
}

gboolean
prl_watson_base_group_get_selected_band (PrlWatsonBaseGroup *self, gboolean *narrow_band)
{
  PrlWatsonBaseModel *model;

  g_return_val_if_fail (PRL_IS_WATSON_BASE_GROUP (self), FALSE);

  model = find_model (self, prl_watson_base_group_get_selected (self));
  if (model == NULL || model->rate == 0)
    return FALSE;
  *narrow_band = is_narrow (model);
  return TRUE;
}

const char *
prl_watson_base_group_get_selected (PrlWatsonBaseGroup *self)
{
  guint selected;

  g_return_val_if_fail (PRL_IS_WATSON_BASE_GROUP (self), NULL);

  selected = adw_combo_row_get_selected (self->base_row);
  if (selected >= g_list_model_get_n_items (G_LIST_MODEL (self->names)))
    return NULL;
  return gtk_string_list_get_string (self->names, selected);
}

static void
prl_watson_base_group_dispose (GObject *object)
{
  PrlWatsonBaseGroup *self = PRL_WATSON_BASE_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_WATSON_BASE_GROUP);
  G_OBJECT_CLASS (prl_watson_base_group_parent_class)->dispose (object);
}

static void
prl_watson_base_group_finalize (GObject *object)
{
  PrlWatsonBaseGroup *self = PRL_WATSON_BASE_GROUP (object);

  g_clear_object (&self->accounts);
  g_free (self->account);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_strfreev (self->languages);
  g_clear_object (&self->names);
  g_free (self->language);
  g_free (self->error);
  G_OBJECT_CLASS (prl_watson_base_group_parent_class)->finalize (object);
}

static void
prl_watson_base_group_class_init (PrlWatsonBaseGroupClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prl_watson_base_group_dispose;
  object_class->finalize = prl_watson_base_group_finalize;

  /**
   * PrlWatsonBaseGroup::changed:
   *
   * The list loaded (or failed), or another base was chosen.
   */
  signals[CHANGED]
      = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-watson-base-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlWatsonBaseGroup, base_row);
  gtk_widget_class_bind_template_child (widget_class, PrlWatsonBaseGroup, error_row);
  gtk_widget_class_bind_template_child (widget_class, PrlWatsonBaseGroup, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_base_selected_cb);
  gtk_widget_class_install_action (widget_class, "watson.retry", NULL, retry_action);
}

static void
prl_watson_base_group_init (PrlWatsonBaseGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->languages = g_new0 (char *, 1);
  self->names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->base_row, G_LIST_MODEL (self->names));
}
