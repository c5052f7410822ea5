/* prl-cloud-account-store.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud-account"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "prl-cloud-account-store.h"
#include "prl-ptr-array-model.h"

/* The user's cloud accounts: a GListModel of PrlCloudAccount sorted by
 * name. Where each account keeps Parlance's data is in a key file,
 * $XDG_CONFIG_HOME/parlance/accounts.ini; its keys (the access key id
 * too, so nothing on disk points at the credentials) are one Secret
 * Service item per account, found by kind and name.
 *
 * Every change starts on the main thread, which reserves the names it
 * touches so two changes never race on one account; the keyring and the
 * file are then worked on a thread, and the model changes when that is
 * done. The GKeyFile is shared by those threads under a mutex.
 */

struct _PrlCloudAccounts
{
  GObject parent_instance;

  char       *path;
  GPtrArray  *items; /* PrlCloudAccount, sorted; main thread only */
  GHashTable *busy;  /* casefolded names being changed; main thread only */

  GMutex    lock; /* guards keyfile */
  GKeyFile *keyfile;
};

PRL_DEFINE_PTR_ARRAY_MODEL (PrlCloudAccounts,
                            prl_cloud_accounts,
                            items,
                            PRL_TYPE_CLOUD_ACCOUNT)

G_DEFINE_FINAL_TYPE_WITH_CODE (PrlCloudAccounts,
                               prl_cloud_accounts,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      prl_cloud_accounts_list_model_init))

#define FILE_HEADER                                                                      \
  " Parlance's cloud accounts. Their keys are in your keyring (Secret Service),\n"       \
  " never in this file."

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.parlance.Parlance.CloudAccount",
    SECRET_SCHEMA_NONE,
    {
        { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

static void
prl_cloud_accounts_finalize (GObject *object)
{
  PrlCloudAccounts *self = PRL_CLOUD_ACCOUNTS (object);

  g_free (self->path);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->busy);
  g_key_file_unref (self->keyfile);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (prl_cloud_accounts_parent_class)->finalize (object);
}

static void
prl_cloud_accounts_class_init (PrlCloudAccountsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_cloud_accounts_finalize;
}

static void
prl_cloud_accounts_init (PrlCloudAccounts *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keyfile = g_key_file_new ();
  g_mutex_init (&self->lock);
}

/**
 * prl_cloud_accounts_new:
 * @path: (nullable): the key file; %NULL for the user's
 *   $XDG_CONFIG_HOME/parlance/accounts.ini
 *
 * Call prl_cloud_accounts_load() next.
 */
PrlCloudAccounts *
prl_cloud_accounts_new (const char *path)
{
  PrlCloudAccounts *self = g_object_new (PRL_TYPE_CLOUD_ACCOUNTS, NULL);

  self->path = path ? g_strdup (path)
                    : g_build_filename (g_get_user_config_dir (), "parlance",
                                        "accounts.ini", NULL);
  return self;
}

const char *
prl_cloud_accounts_get_path (PrlCloudAccounts *self)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNTS (self), NULL);
  return self->path;
}

static char *
fold (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal ? normal : name, -1);
}

static int
compare_accounts (gconstpointer a, gconstpointer b)
{
  g_autofree char *fa = fold (prl_cloud_account_get_name (*(PrlCloudAccount **)a));
  g_autofree char *fb = fold (prl_cloud_account_get_name (*(PrlCloudAccount **)b));

  return g_utf8_collate (fa, fb);
}

static int
find_index (PrlCloudAccounts *self, const char *name)
{
  g_autofree char *folded = fold (name);

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autofree char *other
          = fold (prl_cloud_account_get_name (g_ptr_array_index (self->items, i)));

      if (strcmp (folded, other) == 0)
        return (int)i;
    }
  return -1;
}

/**
 * prl_cloud_accounts_lookup:
 *
 * Names are compared without regard to case.
 *
 * Returns: (transfer none) (nullable): the account named @name
 */
PrlCloudAccount *
prl_cloud_accounts_lookup (PrlCloudAccounts *self, const char *name)
{
  int index;

  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNTS (self), NULL);

  index = find_index (self, name);
  return index < 0 ? NULL : g_ptr_array_index (self->items, index);
}

/**
 * prl_cloud_accounts_max_parallel:
 * @model: (nullable): the model to transcribe with
 *
 * A cloud provider's PrlProviderInterface.max_parallel: the concurrent
 * jobs of @model's saved account, read afresh from accounts.ini (a worker
 * thread may ask), or the default when there is no such account.
 */
guint
prl_cloud_accounts_max_parallel (PrlProvider *provider, PrlModel *model)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  const char      *name = model ? prl_model_get_account (model) : NULL;
  PrlCloudAccount *account;

  if (name == NULL || !prl_cloud_accounts_load (accounts, NULL)
      || !(account = prl_cloud_accounts_lookup (accounts, name)))
    return PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS;
  return prl_cloud_account_get_concurrent_jobs (account);
}

static PrlCloudAccount *
account_from_group (GKeyFile *keyfile, const char *group)
{
  static const char *const keys[] = { "Region",  "Bucket",     "Prefix", "Endpoint",
                                      "RoleArn", "ServiceUrl", "IamUrl", "Auth" };
  static const char *const props[] = { "region",   "bucket",      "prefix",  "endpoint",
                                       "role-arn", "service-url", "iam-url", "auth" };
  g_autofree char         *kind = g_key_file_get_string (keyfile, group, "Kind", NULL);
  g_autoptr (PrlCloudAccount) account = NULL;
  g_autofree char *jobs = NULL;
  g_autofree char *budget = NULL;
  guint            n_jobs = PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS;
  int              n_budget = PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET;

  if (kind == NULL || !prl_cloud_account_check_kind (kind, NULL))
    return NULL;
  account = prl_cloud_account_new (kind, group);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = g_key_file_get_string (keyfile, group, keys[i], NULL);

      /* No Auth key: IAM, the default. */
      if (value != NULL || strcmp (keys[i], "Auth") != 0)
        g_object_set (account, props[i], value, NULL);
    }
  /* Files from before these keys existed get the defaults. */
  jobs = g_key_file_get_string (keyfile, group, "ConcurrentJobs", NULL);
  budget = g_key_file_get_string (keyfile, group, "TrainingBudget", NULL);
  if ((jobs != NULL && !prl_cloud_account_parse_concurrent_jobs (jobs, &n_jobs, NULL))
      || (budget != NULL
          && !prl_cloud_account_parse_training_budget (budget, &n_budget, NULL)))
    return NULL;
  prl_cloud_account_set_concurrent_jobs (account, n_jobs);
  prl_cloud_account_set_training_budget (account, n_budget);
  if (!prl_cloud_account_validate (account, NULL))
    return NULL;
  return g_steal_pointer (&account);
}

static void
account_to_group (GKeyFile *keyfile, PrlCloudAccount *account)
{
  const char *name = prl_cloud_account_get_name (account);

  g_key_file_remove_group (keyfile, name, NULL);
  g_key_file_set_string (keyfile, name, "Kind", prl_cloud_account_get_kind (account));
  if (strcmp (prl_cloud_account_get_kind (account), PRL_CLOUD_ACCOUNT_KIND_IBM) == 0)
    {
      g_key_file_set_string (keyfile, name, "ServiceUrl",
                             prl_cloud_account_get_service_url (account));
      if (prl_cloud_account_get_iam_url (account)[0])
        g_key_file_set_string (keyfile, name, "IamUrl",
                               prl_cloud_account_get_iam_url (account));
      g_key_file_set_string (keyfile, name, "Auth", prl_cloud_account_get_auth (account));
      g_key_file_set_integer (keyfile, name, "ConcurrentJobs",
                              (int)prl_cloud_account_get_concurrent_jobs (account));
      if (prl_cloud_account_get_training_budget (account)
          != PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET)
        g_key_file_set_integer (keyfile, name, "TrainingBudget",
                                prl_cloud_account_get_training_budget (account));
      return;
    }
  g_key_file_set_string (keyfile, name, "Region", prl_cloud_account_get_region (account));
  g_key_file_set_string (keyfile, name, "Bucket", prl_cloud_account_get_bucket (account));
  if (prl_cloud_account_get_prefix (account)[0])
    g_key_file_set_string (keyfile, name, "Prefix",
                           prl_cloud_account_get_prefix (account));
  if (prl_cloud_account_get_endpoint (account)[0])
    g_key_file_set_string (keyfile, name, "Endpoint",
                           prl_cloud_account_get_endpoint (account));
  if (prl_cloud_account_get_role_arn (account)[0])
    g_key_file_set_string (keyfile, name, "RoleArn",
                           prl_cloud_account_get_role_arn (account));
  g_key_file_set_integer (keyfile, name, "ConcurrentJobs",
                          (int)prl_cloud_account_get_concurrent_jobs (account));
  /* No key is no limit, as in files written before budgets existed. */
  if (prl_cloud_account_get_training_budget (account)
      != PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET)
    g_key_file_set_integer (keyfile, name, "TrainingBudget",
                            prl_cloud_account_get_training_budget (account));
}

/**
 * prl_cloud_accounts_load:
 *
 * Reads the key file (a missing one is no account). An entry that breaks
 * the rules (edited by hand) is left in the file but not listed.
 */
gboolean
prl_cloud_accounts_load (PrlCloudAccounts *self, GError **error)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;
  guint old_len;

  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNTS (self), FALSE);

  if (!g_key_file_load_from_file (keyfile, self->path, G_KEY_FILE_KEEP_COMMENTS,
                                  &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_STORE,
                       _ ("Could not read the cloud accounts from %s (%s); fix or move "
                          "the file and try again"),
                       self->path, local_error->message);
          return FALSE;
        }
      g_key_file_set_comment (keyfile, NULL, NULL, FILE_HEADER, NULL);
    }

  old_len = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      PrlCloudAccount *account = account_from_group (keyfile, groups[i]);

      if (account == NULL)
        g_message ("Skipping the account “%s” in %s: it breaks the rules", groups[i],
                   self->path);
      else if (find_index (self, groups[i]) >= 0)
        g_object_unref (account);
      else
        g_ptr_array_add (self->items, account);
    }
  g_ptr_array_sort (self->items, compare_accounts);

  g_mutex_lock (&self->lock);
  g_key_file_unref (self->keyfile);
  self->keyfile = g_steal_pointer (&keyfile);
  g_mutex_unlock (&self->lock);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  return TRUE;
}

/* Secrets: the three strings as one JSON object in one keyring item. */

static char *
credentials_to_secret (const PrlCloudCredentials *credentials)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  /* An IBM API key, or AWS access keys. */
  if (credentials->apikey != NULL)
    {
      json_builder_set_member_name (builder, "apikey");
      json_builder_add_string_value (builder, credentials->apikey);
    }
  else
    {
      json_builder_set_member_name (builder, "access_key_id");
      json_builder_add_string_value (builder, credentials->access_key_id);
      json_builder_set_member_name (builder, "secret_access_key");
      json_builder_add_string_value (builder, credentials->secret_access_key);
    }
  if (credentials->apikey == NULL && credentials->session_token != NULL)
    {
      json_builder_set_member_name (builder, "session_token");
      json_builder_add_string_value (builder, credentials->session_token);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static PrlCloudCredentials *
credentials_from_secret (const char *secret, const char *name, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (json_parser_load_from_data (parser, secret, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (object, "apikey"))
        {
          g_autoptr (PrlCloudCredentials) credentials = prl_cloud_credentials_new_apikey (
              json_object_get_string_member_with_default (object, "apikey", ""));

          if (prl_cloud_credentials_validate (credentials, NULL))
            return g_steal_pointer (&credentials);
        }
      else if (json_object_has_member (object, "access_key_id")
               && json_object_has_member (object, "secret_access_key"))
        {
          g_autoptr (PrlCloudCredentials) credentials = prl_cloud_credentials_new (
              json_object_get_string_member_with_default (object, "access_key_id", ""),
              json_object_get_string_member_with_default (object, "secret_access_key",
                                                          ""),
              json_object_get_string_member_with_default (object, "session_token", NULL));

          if (prl_cloud_credentials_validate (credentials, NULL))
            return g_steal_pointer (&credentials);
        }
    }
  g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_KEYRING,
               _ ("The keys of the account “%s” in your keyring are damaged; remove the "
                  "account and add it again"),
               name);
  return NULL;
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

/* libsecret's own message says what failed; this says what to do. */
static void
keyring_error (GError **error, GError *cause)
{
  g_set_error (
      error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_KEYRING,
      _ ("The keyring (Secret Service) is not available: %s. Unlock your keyring "
         "(for example GNOME Keyring) and try again"),
      cause->message);
}

static gboolean
store_secret (PrlCloudAccount           *account,
              const PrlCloudCredentials *credentials,
              GCancellable              *cancellable,
              GError                   **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *label = NULL;
  char            *secret = credentials_to_secret (credentials);
  gboolean         ok;

  label = g_strdup_printf (_ ("Parlance cloud account “%s”"),
                           prl_cloud_account_get_name (account));
  ok = secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label,
                                   secret, cancellable, &local_error, "kind",
                                   prl_cloud_account_get_kind (account), "name",
                                   prl_cloud_account_get_name (account), NULL);
  wipe_free (secret);
  if (!ok)
    keyring_error (error, local_error);
  return ok;
}

static PrlCloudCredentials *
lookup_secret (const char   *kind,
               const char   *name,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  PrlCloudCredentials *credentials;
  char                *secret;

  secret = secret_password_lookup_sync (get_schema (), cancellable, &local_error, "kind",
                                        kind, "name", name, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return NULL;
    }
  if (secret == NULL)
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_KEYRING,
                   _ ("The keys of the account “%s” are not in your keyring; remove the "
                      "account and add it again"),
                   name);
      return NULL;
    }
  credentials = credentials_from_secret (secret, name, error);
  /* Wipes the secret's bytes, then frees them. */
  secret_password_free (secret);
  return credentials;
}

static gboolean
clear_secret (const char   *kind,
              const char   *name,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr (GError) local_error = NULL;

  /* FALSE without an error only means there was no secret to clear. */
  if (!secret_password_clear_sync (get_schema (), cancellable, &local_error, "kind", kind,
                                   "name", name, NULL)
      && local_error != NULL)
    {
      keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Called with the lock held. */
static gboolean
write_keyfile (PrlCloudAccounts *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *data = NULL;
  gsize            length;

  data = g_key_file_to_data (self->keyfile, &length, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (self->path, data, length,
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (
          error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_STORE,
          _ ("Could not save the cloud accounts in %s (%s); check that the folder "
             "is writable and the disk is not full"),
          self->path, local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Applies a change to the key file and saves it, or leaves both as they
 * were. @old_name's group goes, @account's (nullable) is written. */
static gboolean
save_change (PrlCloudAccounts *self,
             const char       *old_name,
             PrlCloudAccount  *account,
             GError          **error)
{
  g_autofree char *before = NULL;
  gboolean         ok;

  g_mutex_lock (&self->lock);
  before = g_key_file_to_data (self->keyfile, NULL, NULL);
  if (old_name != NULL)
    g_key_file_remove_group (self->keyfile, old_name, NULL);
  if (account != NULL)
    account_to_group (self->keyfile, account);
  ok = write_keyfile (self, error);
  if (!ok)
    g_key_file_load_from_data (self->keyfile, before, -1, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_mutex_unlock (&self->lock);
  return ok;
}

typedef enum
{
  OP_ADD,
  OP_UPDATE,
  OP_REMOVE,
  OP_LOOKUP,
} OpKind;

typedef struct
{
  OpKind               kind;
  char                *old_kind; /* the existing account's (not add) */
  char                *old_name;
  PrlCloudAccount     *account;     /* add, update: the new fields */
  PrlCloudCredentials *credentials; /* nullable */
  GPtrArray           *reserved;    /* folded names in self->busy */
} Op;

static void
op_free (Op *op)
{
  g_free (op->old_kind);
  g_free (op->old_name);
  g_clear_object (&op->account);
  g_clear_pointer (&op->credentials, prl_cloud_credentials_free);
  g_clear_pointer (&op->reserved, g_ptr_array_unref);
  g_free (op);
}

static void
op_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PrlCloudAccounts *self = source;
  Op               *op = task_data;
  g_autoptr (PrlCloudCredentials) moved = NULL;
  GError     *error = NULL;
  const char *new_name = op->account ? prl_cloud_account_get_name (op->account) : NULL;
  gboolean    renamed = op->kind == OP_UPDATE && strcmp (op->old_name, new_name) != 0;

  switch (op->kind)
    {
    case OP_LOOKUP:
      moved = lookup_secret (op->old_kind, op->old_name, cancellable, &error);
      if (moved == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_steal_pointer (&moved),
                               (GDestroyNotify)prl_cloud_credentials_free);
      return;

    case OP_ADD:
      if (!store_secret (op->account, op->credentials, cancellable, &error))
        break;
      if (!save_change (self, NULL, op->account, &error))
        clear_secret (prl_cloud_account_get_kind (op->account), new_name, NULL, NULL);
      break;

    case OP_UPDATE:
      /* A new name is a new keyring item: the keys move with it. */
      if (op->credentials == NULL && renamed)
        {
          moved = lookup_secret (op->old_kind, op->old_name, cancellable, &error);
          if (moved == NULL)
            break;
        }
      if ((op->credentials || moved)
          && !store_secret (op->account, op->credentials ? op->credentials : moved,
                            cancellable, &error))
        break;
      if (!save_change (self, op->old_name, op->account, &error))
        {
          if (renamed)
            clear_secret (prl_cloud_account_get_kind (op->account), new_name, NULL, NULL);
          break;
        }
      if (renamed && !clear_secret (op->old_kind, op->old_name, NULL, &error))
        g_clear_error (&error); /* the account moved; only a stale item is left */
      break;

    case OP_REMOVE:
      /* The keys go first: an account that cannot be removed keeps them. */
      if (clear_secret (op->old_kind, op->old_name, cancellable, &error))
        save_change (self, op->old_name, NULL, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Frees the names @op reserved, once it is done or has failed. */
static void
release (PrlCloudAccounts *self, Op *op)
{
  for (guint i = 0; i < op->reserved->len; i++)
    g_hash_table_remove (self->busy, g_ptr_array_index (op->reserved, i));
}

/* Runs @op on a worker thread; @done gets @task back as its user data. */
static void
run_op (PrlCloudAccounts   *self,
        Op                 *op,
        GCancellable       *cancellable,
        GAsyncReadyCallback done,
        GTask              *task)
{
  g_autoptr (GTask) worker = g_task_new (self, cancellable, done, task);

  g_task_set_task_data (worker, op, (GDestroyNotify)op_free);
  g_task_run_in_thread (worker, op_thread);
}

static void
op_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PrlCloudAccounts *self = PRL_CLOUD_ACCOUNTS (source);
  g_autoptr (GTask) task = user_data;
  Op     *op = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  int     index;

  release (self, op);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (op->old_name != NULL && (index = find_index (self, op->old_name)) >= 0)
    {
      g_ptr_array_remove_index (self->items, index);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
    }
  if (op->account != NULL)
    {
      guint position = 0;

      while (
          position < self->items->len
          && compare_accounts (&g_ptr_array_index (self->items, position), &op->account)
                 < 0)
        position++;
      g_ptr_array_insert (self->items, position, g_object_ref (op->account));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
reserve (PrlCloudAccounts *self, Op *op, const char *name, GError **error)
{
  g_autofree char *folded = fold (name);

  if (g_hash_table_contains (self->busy, folded))
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_EXISTS,
                   _ ("The account “%s” is being changed; try again when that is done"),
                   name);
      return FALSE;
    }
  g_hash_table_add (self->busy, g_strdup (folded));
  g_ptr_array_add (op->reserved, g_steal_pointer (&folded));
  return TRUE;
}

/* Points @op at the account named @name, as it is now. */
static gboolean
find (PrlCloudAccounts *self, Op *op, const char *name, GError **error)
{
  PrlCloudAccount *existing = prl_cloud_accounts_lookup (self, name);

  if (existing == NULL)
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND,
                   _ ("There is no cloud account named “%s”"), name);
      return FALSE;
    }
  op->old_kind = g_strdup (prl_cloud_account_get_kind (existing));
  op->old_name = g_strdup (prl_cloud_account_get_name (existing));
  return TRUE;
}

static gboolean
find_existing (PrlCloudAccounts *self, Op *op, const char *name, GError **error)
{
  return find (self, op, name, error) && reserve (self, op, op->old_name, error);
}

static gboolean
check_new (PrlCloudAccounts          *self,
           Op                        *op,
           PrlCloudAccount           *account,
           const PrlCloudCredentials *credentials,
           GError                   **error)
{
  const char      *name = prl_cloud_account_get_name (account);
  PrlCloudAccount *existing;

  if (!prl_cloud_account_validate (account, error)
      || (credentials != NULL
          && (!prl_cloud_credentials_fit_kind (
                  credentials, prl_cloud_account_get_kind (account), error)
              || !prl_cloud_credentials_validate (credentials, error))))
    return FALSE;

  existing = prl_cloud_accounts_lookup (self, name);
  if (existing != NULL
      && (op->old_name == NULL
          || prl_cloud_accounts_lookup (self, op->old_name) != existing))
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_EXISTS,
                   _ ("There is already an account named “%s”; choose another name"),
                   prl_cloud_account_get_name (existing));
      return FALSE;
    }
  if (op->old_name != NULL && existing != NULL)
    return TRUE; /* same account, already reserved */
  if (op->old_name != NULL && strcmp (op->old_kind, prl_cloud_account_get_kind (account)))
    {
      g_set_error_literal (error, PRL_CLOUD_ACCOUNT_ERROR,
                           PRL_CLOUD_ACCOUNT_ERROR_INVALID,
                           _ ("An account cannot change its kind; add a new account"));
      return FALSE;
    }
  return reserve (self, op, name, error);
}

/* Runs @op unless its checks failed with @error; @done ends it (on the
 * main context), then @callback. */
static void
start (PrlCloudAccounts   *self,
       Op                 *op,
       GError             *error,
       GAsyncReadyCallback done,
       GCancellable       *cancellable,
       GAsyncReadyCallback callback,
       gpointer            user_data,
       gpointer            source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (error != NULL)
    {
      /* Names reserved before the failure are released. */
      release (self, op);
      op_free (op);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_op (self, op, cancellable, done, task);
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->reserved = g_ptr_array_new_with_free_func (g_free);
  return op;
}

/* An add (@name %NULL) or an update of the account @name: the checks,
 * then the copies the worker thread writes. */
static void
start_change (PrlCloudAccounts          *self,
              Op                        *op,
              const char                *name,
              PrlCloudAccount           *account,
              const PrlCloudCredentials *credentials,
              GCancellable              *cancellable,
              GAsyncReadyCallback        callback,
              gpointer                   user_data,
              gpointer                   source_tag)
{
  GError *error = NULL;

  if ((name == NULL || find_existing (self, op, name, &error))
      && check_new (self, op, account, credentials, &error))
    {
      op->account = prl_cloud_account_copy (account);
      op->credentials = credentials ? prl_cloud_credentials_copy (credentials) : NULL;
    }
  start (self, op, error, op_done_cb, cancellable, callback, user_data, source_tag);
}

/* The finish functions of the changes, all alike. */
#define DEFINE_BOOLEAN_FINISH(op)                                                        \
  gboolean prl_cloud_accounts_##op##_finish (PrlCloudAccounts *self,                     \
                                             GAsyncResult *result, GError **error)       \
  {                                                                                      \
    g_return_val_if_fail (g_task_is_valid (result, self), FALSE);                        \
    return g_task_propagate_boolean (G_TASK (result), error);                            \
  }

/**
 * prl_cloud_accounts_add_async:
 * @account: the new account's fields; the store keeps a copy
 * @credentials: its keys, stored in the keyring
 *
 * Validates, stores the keys in the keyring, then saves the key file;
 * the account is in the model when @callback runs.
 */
void
prl_cloud_accounts_add_async (PrlCloudAccounts          *self,
                              PrlCloudAccount           *account,
                              const PrlCloudCredentials *credentials,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNTS (self));
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNT (account));
  g_return_if_fail (credentials != NULL);

  start_change (self, op_new (OP_ADD), NULL, account, credentials, cancellable, callback,
                user_data, prl_cloud_accounts_add_async);
}

DEFINE_BOOLEAN_FINISH (add)

/**
 * prl_cloud_accounts_update_async:
 * @name: the account to change
 * @account: its new fields (it may be renamed, not change its kind)
 * @credentials: (nullable): new keys, or %NULL to keep them
 */
void
prl_cloud_accounts_update_async (PrlCloudAccounts          *self,
                                 const char                *name,
                                 PrlCloudAccount           *account,
                                 const PrlCloudCredentials *credentials,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNTS (self));
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNT (account));

  start_change (self, op_new (OP_UPDATE), name, account, credentials, cancellable,
                callback, user_data, prl_cloud_accounts_update_async);
}

DEFINE_BOOLEAN_FINISH (update)

/**
 * prl_cloud_accounts_remove_async:
 *
 * Deletes the account's keys from the keyring, then the account.
 */
void
prl_cloud_accounts_remove_async (PrlCloudAccounts   *self,
                                 const char         *name,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Op     *op = op_new (OP_REMOVE);
  GError *error = NULL;

  g_return_if_fail (PRL_IS_CLOUD_ACCOUNTS (self));

  find_existing (self, op, name, &error);
  start (self, op, error, op_done_cb, cancellable, callback, user_data,
         prl_cloud_accounts_remove_async);
}

DEFINE_BOOLEAN_FINISH (remove)

static void
lookup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PrlCloudAccounts *self = PRL_CLOUD_ACCOUNTS (source);
  g_autoptr (GTask) task = user_data;
  Op                  *op = g_task_get_task_data (G_TASK (result));
  GError              *error = NULL;
  PrlCloudCredentials *credentials;

  release (self, op);
  credentials = g_task_propagate_pointer (G_TASK (result), &error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify)prl_cloud_credentials_free);
}

/**
 * prl_cloud_accounts_lookup_credentials_async:
 *
 * Reads the account's keys from the keyring.
 */
void
prl_cloud_accounts_lookup_credentials_async (PrlCloudAccounts   *self,
                                             const char         *name,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  Op     *op = op_new (OP_LOOKUP);
  GError *error = NULL;

  /* A lookup reserves nothing: reading while the keys change gives the
   * old keys or the new ones. */
  find (self, op, name, &error);
  start (self, op, error, lookup_done_cb, cancellable, callback, user_data,
         prl_cloud_accounts_lookup_credentials_async);
}

/**
 * prl_cloud_accounts_lookup_credentials_finish:
 *
 * Returns: (transfer full) (nullable): the keys, or %NULL with @error
 *   (%PRL_CLOUD_ACCOUNT_ERROR_KEYRING when they are missing)
 */
PrlCloudCredentials *
prl_cloud_accounts_lookup_credentials_finish (PrlCloudAccounts *self,
                                              GAsyncResult     *result,
                                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
keep_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/**
 * prl_cloud_accounts_lookup_credentials_sync:
 *
 * prl_cloud_accounts_lookup_credentials_async() for a job's thread: the
 * keyring is read asynchronously (libsecret), so a private GMainContext
 * pushed for the lookup makes it blocking without running anything of
 * the main context on this thread.
 *
 * Returns: (transfer full) (nullable): the keys, or %NULL with @error
 */
PrlCloudCredentials *
prl_cloud_accounts_lookup_credentials_sync (PrlCloudAccounts *self,
                                            const char       *name,
                                            GCancellable     *cancellable,
                                            GError          **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  prl_cloud_accounts_lookup_credentials_async (self, name, cancellable, keep_result_cb,
                                               &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return prl_cloud_accounts_lookup_credentials_finish (self, result, error);
}
