/* prl-accounts-page.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-account-dialog.h"
#include "prl-account-models-window.h"
#include "prl-cloud-account-test.h"
#include "prl-gui-util.h"
#include "prl-preferences-window.h"

#include "prl-accounts-page.h"

/* Preferences → Accounts: the user's cloud accounts with Test Connection,
 * Add and Remove. The list is the store's GListModel, so it follows every
 * change the store makes, whoever asked for it. A connection test runs on
 * a worker thread; closing the page cancels it.
 */
struct _PrlAccountsPage
{
  AdwPreferencesPage parent_instance;

  /* Template widgets */
  GtkListBox *list_box;
  GtkLabel   *error_label;

  PrlCloudAccounts *accounts;    /* (owned) */
  GCancellable     *cancellable; /* (owned): the running connection tests */
};

enum
{
  PROP_0,
  PROP_ACCOUNTS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlAccountsPage, prl_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

static GParamSpec *properties[N_PROPS];

static void
show_error (PrlAccountsPage *self, const char *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

typedef struct
{
  PrlAccountsPage *page; /* (owned) */
  char            *name;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_object_unref (data->page);
  g_free (data->name);
  g_free (data);
}

static void
remove_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  RemoveData *data = user_data;
  g_autoptr (GError) error = NULL;

  if (!prl_cloud_accounts_remove_finish (PRL_CLOUD_ACCOUNTS (object), result, &error))
    show_error (data->page, error->message);
  remove_data_free (data);
}

static void
remove_confirmed (gpointer user_data)
{
  RemoveData *data = user_data;

  show_error (data->page, NULL);
  prl_cloud_accounts_remove_async (data->page->accounts, data->name, NULL, remove_cb,
                                   data);
}

static void
on_remove_clicked_cb (GtkButton *button, PrlAccountsPage *self)
{
  const char      *name = g_object_get_data (G_OBJECT (button), "account-name");
  RemoveData      *data = g_new0 (RemoveData, 1);
  g_autofree char *body = NULL;

  data->page = g_object_ref (self);
  data->name = g_strdup (name);
  body = g_strdup_printf (_ ("The account “%s” and its keys in your keyring will be "
                             "removed. What Parlance stored in its bucket stays there."),
                          name);
  prl_gui_confirm_delete (GTK_WIDGET (self), _ ("Remove Account?"), body,
                          remove_confirmed, data, (GDestroyNotify)remove_data_free);
}

/* The widgets of one account's row that a connection test updates. */
typedef struct
{
  PrlAccountsPage *page;    /* (owned) */
  GtkWidget       *button;  /* (owned) */
  GtkWidget       *spinner; /* (owned) */
  GtkLabel        *outcome; /* (owned) */
  char            *name;
} TestData;

static void
test_data_free (TestData *data)
{
  g_object_unref (data->page);
  g_object_unref (data->button);
  g_object_unref (data->spinner);
  g_object_unref (data->outcome);
  g_free (data->name);
  g_free (data);
}

static void
show_outcome (TestData *data, gboolean passed, const char *message)
{
  g_autofree char *label = NULL;

  gtk_label_set_label (data->outcome, message);
  gtk_widget_remove_css_class (GTK_WIDGET (data->outcome), passed ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (data->outcome), passed ? "success" : "error");
  /* Translators: account name, then what the test found */
  label = g_strdup_printf (passed ? _ ("Connection test of %s passed: %s")
                                  : _ ("Connection test of %s failed: %s"),
                           data->name, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->outcome),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (GTK_WIDGET (data->outcome), TRUE);
}

static void
test_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  TestData *data = user_data;
  g_autoptr (PrlCloudAccountTestResult) test = NULL;
  g_autoptr (GError) error = NULL;

  test = prl_cloud_account_test_finish (PRL_CLOUD_ACCOUNTS (object), result, &error);
  gtk_spinner_stop (GTK_SPINNER (data->spinner));
  gtk_widget_set_visible (data->spinner, FALSE);
  gtk_widget_set_sensitive (data->button, TRUE);
  if (test != NULL)
    show_outcome (data, prl_cloud_account_test_result_passed (test),
                  prl_cloud_account_test_result_get_summary (test));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_outcome (data, FALSE, error->message);
  test_data_free (data);
}

static void
on_test_clicked_cb (GtkButton *button, PrlAccountsPage *self)
{
  GtkWidget *spinner = g_object_get_data (G_OBJECT (button), "spinner");
  GtkWidget *outcome = g_object_get_data (G_OBJECT (button), "outcome");
  TestData  *data = g_new0 (TestData, 1);

  data->page = g_object_ref (self);
  data->button = g_object_ref (GTK_WIDGET (button));
  data->spinner = g_object_ref (spinner);
  data->outcome = g_object_ref (GTK_LABEL (outcome));
  data->name = g_strdup (g_object_get_data (G_OBJECT (button), "account-name"));

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_widget_set_visible (outcome, FALSE);
  gtk_widget_set_visible (spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (spinner));
  prl_cloud_account_test_async (self->accounts, data->name, self->cancellable, test_cb,
                                data);
}

/* The Transcribe settings, on the row's second line. */
static char *
describe_transcribe (PrlCloudAccount *account)
{
  const char      *role = prl_cloud_account_get_role_arn (account);
  guint            n_jobs = prl_cloud_account_get_concurrent_jobs (account);
  int              budget = prl_cloud_account_get_training_budget (account);
  g_autofree char *jobs = NULL;
  g_autofree char *trainings = NULL;

  /* Translators: how many transcription jobs the account runs together */
  jobs = g_strdup_printf (ngettext ("%u job at once", "%u jobs at once", n_jobs), n_jobs);
  trainings = budget < 0 ? g_strdup (_ ("no training limit"))
                         : g_strdup_printf (ngettext ("%d training a month",
                                                      "%d trainings a month", budget),
                                            budget);
  /* Translators: Amazon Transcribe's settings of an account: the role
   * ARN (or “no role”), jobs at once, the training budget */
  return g_strdup_printf (_ ("Transcribe · %s · %s · %s"),
                          role[0] ? role : _ ("no data access role"), jobs, trainings);
}

static char *
describe (PrlCloudAccount *account)
{
  const char      *prefix = prl_cloud_account_get_prefix (account);
  const char      *endpoint = prl_cloud_account_get_endpoint (account);
  g_autofree char *where
      = prefix[0]
            ? g_strdup_printf ("%s/%s", prl_cloud_account_get_bucket (account), prefix)
            : g_strdup (prl_cloud_account_get_bucket (account));

  if (endpoint[0])
    /* Translators: bucket/prefix, region, endpoint URL */
    return g_strdup_printf (_ ("Amazon S3 · %s in %s at %s"), where,
                            prl_cloud_account_get_region (account), endpoint);
  /* Translators: bucket/prefix, then region */
  return g_strdup_printf (_ ("Amazon S3 · %s in %s"), where,
                          prl_cloud_account_get_region (account));
}

/* An IBM account's row: the service, its instance URL and how it signs in. */
static char *
describe_ibm (PrlCloudAccount *account)
{
  gboolean basic
      = g_strcmp0 (prl_cloud_account_get_auth (account), PRL_CLOUD_ACCOUNT_AUTH_BASIC)
        == 0;

  /* Translators: the instance URL, then how Parlance signs in */
  return g_strdup_printf (_ ("IBM Watson Speech to Text · %s · %s"),
                          prl_cloud_account_get_service_url (account),
                          basic ? _ ("Basic apikey") : _ ("IAM token"));
}

/* The account's Amazon Transcribe models, in their own window over the
 * preferences, with the preferences window's workspace to import into. */
static void
on_models_clicked_cb (GtkButton *button, PrlAccountsPage *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window;

  if (!PRL_IS_PREFERENCES_WINDOW (root)
      || prl_preferences_window_get_workspace (PRL_PREFERENCES_WINDOW (root)) == NULL)
    {
      show_error (self, _ ("Open a workspace to see the account’s language models."));
      return;
    }
  window = prl_account_models_window_new (
      prl_preferences_window_get_workspace (PRL_PREFERENCES_WINDOW (root)),
      g_object_get_data (G_OBJECT (button), "account-name"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

/* Only AWS accounts have Transcribe models. */
static void
add_models_button (PrlAccountsPage *self, GtkWidget *row, PrlCloudAccount *account)
{
  const char      *name = prl_cloud_account_get_name (account);
  g_autofree char *label = NULL;
  GtkWidget       *models;

  if (g_strcmp0 (prl_cloud_account_get_kind (account), PRL_CLOUD_ACCOUNT_KIND_AWS) != 0)
    return;
  models = gtk_button_new_with_mnemonic (_ ("_Language Models"));
  label = g_strdup_printf (_ ("Show the Amazon Transcribe language models of %s"), name);
  gtk_widget_set_valign (models, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (
      models, _ ("List the account’s custom language models, import those made "
                 "elsewhere"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (models), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data_full (G_OBJECT (models), "account-name", g_strdup (name), g_free);
  g_signal_connect (models, "clicked", G_CALLBACK (on_models_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), models);
}

/* The account's row, and under it the outcome of its last connection
 * test. */
static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  PrlAccountsPage *self = user_data;
  PrlCloudAccount *account = item;
  const char      *name = prl_cloud_account_get_name (account);
  g_autofree char *storage = describe (account);
  g_autofree char *transcribe = describe_transcribe (account);
  gboolean         ibm
      = g_strcmp0 (prl_cloud_account_get_kind (account), PRL_CLOUD_ACCOUNT_KIND_IBM) == 0;
  g_autofree char *subtitle
      = ibm ? describe_ibm (account) : g_strdup_printf ("%s\n%s", storage, transcribe);
  g_autofree char *remove_label = g_strdup_printf (_ ("Remove the account %s"), name);
  g_autofree char *test_label
      = g_strdup_printf (_ ("Test the connection of the account %s"), name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *test = gtk_button_new_with_mnemonic (_ ("_Test Connection"));
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *outcome = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_widget_set_visible (spinner, FALSE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Testing the connection"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);

  gtk_widget_set_valign (test, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (
      test, ibm ? _ ("List the service’s base models and which accept language "
                     "customization")
                : _ ("List, write, read back and delete a small test object in the "
                     "bucket"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (test), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  test_label, -1);
  g_object_set_data_full (G_OBJECT (test), "account-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (test), "spinner", spinner);
  g_object_set_data (G_OBJECT (test), "outcome", outcome);
  g_signal_connect (test, "clicked", G_CALLBACK (on_test_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), test);
  add_models_button (self, row, account);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "account-name", g_strdup (name), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  gtk_label_set_xalign (GTK_LABEL (outcome), 0);
  gtk_label_set_wrap (GTK_LABEL (outcome), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (outcome), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (outcome), TRUE);
  gtk_widget_set_margin_start (outcome, 12);
  gtk_widget_set_margin_end (outcome, 12);
  gtk_widget_set_margin_bottom (outcome, 12);
  gtk_widget_set_visible (outcome, FALSE);
  gtk_widget_set_name (outcome, "test-outcome");

  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), outcome);
  return box;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PrlAccountsPage *self = PRL_ACCOUNTS_PAGE (widget);
  GtkRoot         *root = gtk_widget_get_root (widget);
  GtkWidget       *dialog = prl_account_dialog_new (self->accounts);

  show_error (self, NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
prl_accounts_page_constructed (GObject *object)
{
  PrlAccountsPage *self = PRL_ACCOUNTS_PAGE (object);
  g_autoptr (GError) error = NULL;
  GtkWidget *placeholder;

  G_OBJECT_CLASS (prl_accounts_page_parent_class)->constructed (object);

  /* Built from the preferences window's template: the user's accounts. */
  if (self->accounts == NULL)
    {
      self->accounts = prl_cloud_accounts_new (NULL);
      if (!prl_cloud_accounts_load (self->accounts, &error))
        show_error (self, error->message);
    }

  placeholder = gtk_label_new (_ ("No accounts yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->accounts), create_row,
                           self, NULL);
}

static void
prl_accounts_page_dispose (GObject *object)
{
  PrlAccountsPage *self = PRL_ACCOUNTS_PAGE (object);

  /* Closing the page stops its connection tests. */
  g_cancellable_cancel (self->cancellable);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PRL_TYPE_ACCOUNTS_PAGE);

  G_OBJECT_CLASS (prl_accounts_page_parent_class)->dispose (object);
}

static void
prl_accounts_page_finalize (GObject *object)
{
  PrlAccountsPage *self = PRL_ACCOUNTS_PAGE (object);

  g_clear_object (&self->accounts);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (prl_accounts_page_parent_class)->finalize (object);
}

static void
prl_accounts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, PRL_ACCOUNTS_PAGE (object)->accounts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_accounts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      PRL_ACCOUNTS_PAGE (object)->accounts = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_accounts_page_class_init (PrlAccountsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prl_accounts_page_constructed;
  object_class->dispose = prl_accounts_page_dispose;
  object_class->finalize = prl_accounts_page_finalize;
  object_class->get_property = prl_accounts_page_get_property;
  object_class->set_property = prl_accounts_page_set_property;

  /**
   * PrlAccountsPage:accounts: (nullable)
   *
   * The accounts shown; %NULL at construction for the user's own.
   */
  properties[PROP_ACCOUNTS] = g_param_spec_object (
      "accounts", NULL, NULL, PRL_TYPE_CLOUD_ACCOUNTS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/parlance/Parlance/prl-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrlAccountsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PrlAccountsPage, error_label);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, add_action);
}

static void
prl_accounts_page_init (PrlAccountsPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * prl_accounts_page_new:
 * @accounts: (nullable): the accounts to show; %NULL for the user's
 *
 * Returns: (transfer none): a new page
 */
GtkWidget *
prl_accounts_page_new (PrlCloudAccounts *accounts)
{
  return g_object_new (PRL_TYPE_ACCOUNTS_PAGE, "accounts", accounts, NULL);
}

/**
 * prl_accounts_page_get_accounts:
 *
 * Returns: (transfer none): the accounts shown
 */
PrlCloudAccounts *
prl_accounts_page_get_accounts (PrlAccountsPage *self)
{
  g_return_val_if_fail (PRL_IS_ACCOUNTS_PAGE (self), NULL);
  return self->accounts;
}
