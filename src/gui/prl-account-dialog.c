/* prl-account-dialog.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-account-dialog.h"

/* "Add Cloud Account", for Amazon Web Services or IBM Cloud: the Service
 * row shows the fields of that kind only. The fields are checked as they
 * are typed with the cloud layer's own rules, the first reason shown under
 * the form, and Add is enabled only when every field is valid. A field's
 * reason is shown once the user has typed in it, so an empty form does
 * not open full of errors. The keys go to the keyring through the store.
 */

typedef enum
{
  FIELD_NAME,
  FIELD_KEY_ID,
  FIELD_SECRET,
  FIELD_TOKEN,
  FIELD_REGION,
  FIELD_BUCKET,
  FIELD_PREFIX,
  FIELD_ENDPOINT,
  FIELD_ROLE_ARN,
  FIELD_JOBS,
  FIELD_BUDGET,
  FIELD_SERVICE_URL,
  FIELD_APIKEY,
  FIELD_IAM_URL,
  N_FIELDS
} Field;

/* The kind_row's items, in the template's order. */
enum
{
  KIND_AWS,
  KIND_IBM,
};

struct _PrlAccountDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwEntryRow      *name_row;
  AdwEntryRow      *key_id_row;
  GtkPasswordEntry *secret_entry;
  GtkPasswordEntry *token_entry;
  AdwEntryRow      *region_row;
  AdwEntryRow      *bucket_row;
  AdwEntryRow      *prefix_row;
  AdwEntryRow      *endpoint_row;
  AdwEntryRow      *role_arn_row;
  AdwEntryRow      *jobs_row;
  AdwEntryRow      *budget_row;
  AdwComboRow      *kind_row;
  AdwComboRow      *auth_row;
  AdwEntryRow      *service_url_row;
  GtkPasswordEntry *apikey_entry;
  AdwEntryRow      *iam_url_row;
  GtkWidget        *ibm_group;
  GtkWidget        *keys_group;
  GtkWidget        *storage_group;
  GtkWidget        *transcribe_group;
  GtkLabel         *reason_label;
  GtkSpinner       *spinner;
  GtkButton        *add_button;

  PrlCloudAccounts *accounts; /* (owned) */
  char             *reason;
  char             *add_error; /* the store's refusal, until a field changes */
  guint             touched;   /* bit per Field */
  gboolean          busy;
};

enum
{
  PROP_0,
  PROP_ACCOUNTS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlAccountDialog, prl_account_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static GtkEditable *
field_editable (PrlAccountDialog *self, Field field)
{
  GtkWidget *widgets[N_FIELDS] = {
    [FIELD_NAME] = GTK_WIDGET (self->name_row),
    [FIELD_KEY_ID] = GTK_WIDGET (self->key_id_row),
    [FIELD_SECRET] = GTK_WIDGET (self->secret_entry),
    [FIELD_TOKEN] = GTK_WIDGET (self->token_entry),
    [FIELD_REGION] = GTK_WIDGET (self->region_row),
    [FIELD_BUCKET] = GTK_WIDGET (self->bucket_row),
    [FIELD_PREFIX] = GTK_WIDGET (self->prefix_row),
    [FIELD_ENDPOINT] = GTK_WIDGET (self->endpoint_row),
    [FIELD_ROLE_ARN] = GTK_WIDGET (self->role_arn_row),
    [FIELD_JOBS] = GTK_WIDGET (self->jobs_row),
    [FIELD_BUDGET] = GTK_WIDGET (self->budget_row),
    [FIELD_SERVICE_URL] = GTK_WIDGET (self->service_url_row),
    [FIELD_APIKEY] = GTK_WIDGET (self->apikey_entry),
    [FIELD_IAM_URL] = GTK_WIDGET (self->iam_url_row),
  };

  return GTK_EDITABLE (widgets[field]);
}

static const char *
text (PrlAccountDialog *self, Field field)
{
  return gtk_editable_get_text (field_editable (self, field));
}

/* Whether @field's text keeps its rules (and the name is free). */
static gboolean
check_field (PrlAccountDialog *self, Field field, GError **error)
{
  const char *value = text (self, field);
  guint       n_jobs;
  int         budget;

  switch (field)
    {
    case FIELD_NAME:
      if (!prl_cloud_account_check_name (value, error))
        return FALSE;
      if (prl_cloud_accounts_lookup (self->accounts, value) != NULL)
        {
          g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_EXISTS,
                       _ ("There is already an account named “%s”; choose another name"),
                       value);
          return FALSE;
        }
      return TRUE;
    case FIELD_KEY_ID:
      return prl_cloud_account_check_access_key_id (value, error);
    case FIELD_SECRET:
      return prl_cloud_account_check_secret_key (value, error);
    case FIELD_TOKEN:
      return prl_cloud_account_check_session_token (value, error);
    case FIELD_REGION:
      return prl_cloud_account_check_region (value, error);
    case FIELD_BUCKET:
      return prl_cloud_account_check_bucket (value, error);
    case FIELD_PREFIX:
      return prl_cloud_account_check_prefix (value, error);
    case FIELD_ENDPOINT:
      return prl_cloud_account_check_endpoint (value, error);
    case FIELD_ROLE_ARN:
      return prl_cloud_account_check_role_arn (value, error);
    case FIELD_JOBS:
      return prl_cloud_account_parse_concurrent_jobs (value, &n_jobs, error);
    case FIELD_BUDGET:
      return prl_cloud_account_parse_training_budget (value, &budget, error);
    case FIELD_SERVICE_URL:
      return prl_cloud_account_check_service_url (value, error);
    case FIELD_APIKEY:
      return prl_cloud_account_check_apikey (value, error);
    case FIELD_IAM_URL:
      return prl_cloud_account_check_iam_url (value, error);
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_ibm (PrlAccountDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == KIND_IBM;
}

static gboolean
is_basic (PrlAccountDialog *self)
{
  return adw_combo_row_get_selected (self->auth_row) == 1;
}

/* Whether @field belongs to the chosen kind (and authentication). */
static gboolean
field_shown (PrlAccountDialog *self, Field field)
{
  if (field == FIELD_NAME)
    return TRUE;
  if (field == FIELD_SERVICE_URL || field == FIELD_APIKEY)
    return is_ibm (self);
  if (field == FIELD_IAM_URL)
    return is_ibm (self) && !is_basic (self);
  /* Jobs at once and the training budget are every kind's. */
  if (field == FIELD_JOBS || field == FIELD_BUDGET)
    return TRUE;
  return !is_ibm (self);
}

static void
update (PrlAccountDialog *self)
{
  gboolean valid = TRUE;

  g_clear_pointer (&self->reason, g_free);
  for (Field f = 0; f < N_FIELDS; f++)
    {
      g_autoptr (GError) error = NULL;

      if (!field_shown (self, f) || check_field (self, f, &error))
        continue;
      valid = FALSE;
      if (self->reason == NULL && (self->touched & (1u << f)))
        self->reason = g_strdup (error->message);
    }
  if (self->reason == NULL && self->add_error != NULL)
    self->reason = g_strdup (self->add_error);

  gtk_label_set_label (self->reason_label, self->reason ? self->reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), self->reason != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", valid && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
on_field_changed_cb (PrlAccountDialog *self, GtkEditable *editable)
{
  for (Field f = 0; f < N_FIELDS; f++)
    if (field_editable (self, f) == editable)
      self->touched |= 1u << f;
  g_clear_pointer (&self->add_error, g_free);
  update (self);
}

/* The Service row (and the Authentication row) show the fields that
 * apply; the reason under the form follows. */
static void
on_kind_selected_cb (PrlAccountDialog *self)
{
  gboolean ibm = is_ibm (self);

  /* Template signals fire while the template is built. */
  if (self->reason_label == NULL || self->transcribe_group == NULL)
    return;
  gtk_widget_set_visible (self->ibm_group, ibm);
  gtk_widget_set_visible (self->keys_group, !ibm);
  gtk_widget_set_visible (self->storage_group, !ibm);
  /* The training group: Transcribe's role is AWS only; the budget and
   * jobs at once count for Watson too. */
  gtk_widget_set_visible (GTK_WIDGET (self->role_arn_row), !ibm);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->transcribe_group),
                                   ibm ? _ ("Training and Transcription")
                                       : _ ("Amazon Transcribe"));
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (self->transcribe_group),
      ibm ? _ ("How much Parlance may ask of IBM Watson.")
          : _ ("Only needed to train and transcribe with Amazon Transcribe."));
  gtk_widget_set_visible (GTK_WIDGET (self->iam_url_row), !is_basic (self));
  g_clear_pointer (&self->add_error, g_free);
  update (self);
}

static void
add_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PrlAccountDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean added
      = prl_cloud_accounts_add_finish (PRL_CLOUD_ACCOUNTS (object), result, &error);

  /* Closed meanwhile: the store kept the outcome, nothing to show. */
  if (self->reason_label == NULL)
    return;
  if (!added)
    {
      self->busy = FALSE;
      self->add_error = g_strdup (error->message);
      update (self);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlAccountDialog *self = PRL_ACCOUNT_DIALOG (widget);
  g_autoptr (PrlCloudAccount) account = NULL;
  g_autoptr (PrlCloudCredentials) credentials = NULL;
  guint n_jobs = PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS;
  int   budget = PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET;

  if (self->busy)
    return;
  /* Enabled only when they parse; checked again for a direct activation. */
  if (!prl_cloud_account_parse_concurrent_jobs (text (self, FIELD_JOBS), &n_jobs, NULL)
      || !prl_cloud_account_parse_training_budget (text (self, FIELD_BUDGET), &budget,
                                                   NULL))
    return;

  if (is_ibm (self))
    {
      account
          = prl_cloud_account_new (PRL_CLOUD_ACCOUNT_KIND_IBM, text (self, FIELD_NAME));
      prl_cloud_account_set_service_url (account, text (self, FIELD_SERVICE_URL));
      prl_cloud_account_set_auth (account, is_basic (self) ? PRL_CLOUD_ACCOUNT_AUTH_BASIC
                                                           : PRL_CLOUD_ACCOUNT_AUTH_IAM);
      if (!is_basic (self))
        prl_cloud_account_set_iam_url (account, text (self, FIELD_IAM_URL));
      prl_cloud_account_set_concurrent_jobs (account, n_jobs);
      prl_cloud_account_set_training_budget (account, budget);
      credentials = prl_cloud_credentials_new_apikey (text (self, FIELD_APIKEY));
      self->busy = TRUE;
      update (self);
      prl_cloud_accounts_add_async (self->accounts, account, credentials, NULL, add_cb,
                                    g_object_ref (self));
      return;
    }
  account = prl_cloud_account_new (PRL_CLOUD_ACCOUNT_KIND_AWS, text (self, FIELD_NAME));
  prl_cloud_account_set_region (account, text (self, FIELD_REGION));
  prl_cloud_account_set_bucket (account, text (self, FIELD_BUCKET));
  prl_cloud_account_set_prefix (account, text (self, FIELD_PREFIX));
  prl_cloud_account_set_endpoint (account, text (self, FIELD_ENDPOINT));
  prl_cloud_account_set_role_arn (account, text (self, FIELD_ROLE_ARN));
  prl_cloud_account_set_concurrent_jobs (account, n_jobs);
  prl_cloud_account_set_training_budget (account, budget);
  credentials = prl_cloud_credentials_new (
      text (self, FIELD_KEY_ID), text (self, FIELD_SECRET), text (self, FIELD_TOKEN));

  self->busy = TRUE;
  update (self);
  /* No cancellable: once asked, the store finishes adding even if the
   * dialog is closed meanwhile, and the page lists the account. */
  prl_cloud_accounts_add_async (self->accounts, account, credentials, NULL, add_cb,
                                g_object_ref (self));
}

static void
prl_account_dialog_constructed (GObject *object)
{
  PrlAccountDialog *self = PRL_ACCOUNT_DIALOG (object);

  G_OBJECT_CLASS (prl_account_dialog_parent_class)->constructed (object);
  update (self);
}

static void
prl_account_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (prl_account_dialog_parent_class)->dispose (object);
}

static void
prl_account_dialog_finalize (GObject *object)
{
  PrlAccountDialog *self = PRL_ACCOUNT_DIALOG (object);

  g_clear_object (&self->accounts);
  g_free (self->reason);
  g_free (self->add_error);

  G_OBJECT_CLASS (prl_account_dialog_parent_class)->finalize (object);
}

static void
prl_account_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PrlAccountDialog *self = PRL_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_account_dialog_class_init (PrlAccountDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prl_account_dialog_constructed;
  object_class->dispose = prl_account_dialog_dispose;
  object_class->finalize = prl_account_dialog_finalize;
  object_class->set_property = prl_account_dialog_set_property;

  properties[PROP_ACCOUNTS] = g_param_spec_object (
      "accounts", NULL, NULL, PRL_TYPE_CLOUD_ACCOUNTS,
      G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, secret_entry);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, token_entry);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, bucket_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, role_arn_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, jobs_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, budget_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, auth_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, service_url_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, apikey_entry);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, iam_url_row);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, ibm_group);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, keys_group);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, storage_group);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, transcribe_group);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
prl_account_dialog_init (PrlAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->touched = 0;

  /* As in the other dialogs: set here, since the template's focus-widget
   * is applied before the content exists. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

/**
 * prl_account_dialog_new:
 * @accounts: where the account is added
 *
 * The caller sets #GtkWindow:transient-for and presents the dialog; it
 * closes itself once the account is added.
 *
 * Returns: (transfer none): a new modal dialog
 */
GtkWidget *
prl_account_dialog_new (PrlCloudAccounts *accounts)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNTS (accounts), NULL);

  return g_object_new (PRL_TYPE_ACCOUNT_DIALOG, "accounts", accounts, NULL);
}

/**
 * prl_account_dialog_get_reason:
 *
 * Returns: (nullable): why the account cannot be added yet, as shown
 */
const char *
prl_account_dialog_get_reason (PrlAccountDialog *self)
{
  g_return_val_if_fail (PRL_IS_ACCOUNT_DIALOG (self), NULL);
  return self->reason;
}
