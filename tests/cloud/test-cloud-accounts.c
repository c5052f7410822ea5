/* test-cloud-accounts.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "prl-cloud-account-store.h"

#include "../test-util.h"
#include "keyring-session.h"

/* The accounts store against a real Secret Service: the test runs itself
 * again inside dbus-run-session with a private, unlocked gnome-keyring
 * (DESIGN.md, "The Secret Service in tests") and a temporary HOME. */

#define CHILD_ENV "PRL_TEST_ACCOUNTS_KEYRING"

#define KEY_ID "AKIAIOSFODNN7EXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define TOKEN "FwoGZXIvYXdzEXAMPLETOKENzzq1"
#define KEY_ID2 "AKIAI44QH8DHBEXAMPLE"
#define SECRET2 "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"

static const SecretSchema *
schema (void)
{
  static const SecretSchema s = {
    "io.github.parlance.Parlance.CloudAccount",
    SECRET_SCHEMA_NONE,
    { { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } },
  };
  return &s;
}

/* What a libsecret client other than Parlance finds for the account. */
static char *
raw_secret (const char *name)
{
  g_autoptr (GError) error = NULL;
  char *secret = secret_password_lookup_sync (schema (), NULL, &error, "kind", "aws",
                                              "name", name, NULL);

  g_assert_no_error (error);
  return secret;
}

typedef struct
{
  char             *dir;
  char             *path;
  PrlCloudAccounts *accounts;
  guint             changes;
} Fixture;

static void
items_changed_cb (GListModel *model, guint pos, guint removed, guint added, Fixture *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = make_tmpdir ("prl-accounts-XXXXXX");
  f->path = g_build_filename (f->dir, "config", "parlance", "accounts.ini", NULL);
  f->accounts = prl_cloud_accounts_new (f->path);
  g_assert_true (prl_cloud_accounts_load (f->accounts, &error));
  g_assert_no_error (error);
  g_signal_connect (f->accounts, "items-changed", G_CALLBACK (items_changed_cb), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  /* Leave no secret behind for the next test. */
  while (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)) > 0)
    {
      g_autoptr (PrlCloudAccount) a
          = g_list_model_get_item (G_LIST_MODEL (f->accounts), 0);
      g_autoptr (GAsyncResult) result = NULL;

      prl_cloud_accounts_remove_async (f->accounts, prl_cloud_account_get_name (a), NULL,
                                       store_result_cb, &result);
      g_assert_true (
          prl_cloud_accounts_remove_finish (f->accounts, wait_for (&result), NULL));
    }
  g_clear_object (&f->accounts);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PrlCloudAccount *
make_account (const char *name)
{
  PrlCloudAccount *a = prl_cloud_account_new ("aws", name);

  prl_cloud_account_set_region (a, "eu-west-1");
  prl_cloud_account_set_bucket (a, "parlance-data");
  prl_cloud_account_set_prefix (a, "team/parlance/");
  return a;
}

static gboolean
add (Fixture *f, PrlCloudAccount *a, const PrlCloudCredentials *c, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_cloud_accounts_add_async (f->accounts, a, c, NULL, store_result_cb, &result);
  return prl_cloud_accounts_add_finish (f->accounts, wait_for (&result), error);
}

static gboolean
update (Fixture                   *f,
        const char                *name,
        PrlCloudAccount           *a,
        const PrlCloudCredentials *c,
        GError                   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_cloud_accounts_update_async (f->accounts, name, a, c, NULL, store_result_cb,
                                   &result);
  return prl_cloud_accounts_update_finish (f->accounts, wait_for (&result), error);
}

static gboolean
remove_account (Fixture *f, const char *name, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_cloud_accounts_remove_async (f->accounts, name, NULL, store_result_cb, &result);
  return prl_cloud_accounts_remove_finish (f->accounts, wait_for (&result), error);
}

static PrlCloudCredentials *
lookup (Fixture *f, const char *name, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  prl_cloud_accounts_lookup_credentials_async (f->accounts, name, NULL, store_result_cb,
                                               &result);
  return prl_cloud_accounts_lookup_credentials_finish (f->accounts, wait_for (&result),
                                                       error);
}

static char *
read_keyfile (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (f->path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
assert_no_secret_on_disk (Fixture *f)
{
  g_autofree char *text = read_keyfile (f);
  struct stat      st;

  g_assert_null (strstr (text, KEY_ID));
  g_assert_null (strstr (text, SECRET));
  g_assert_null (strstr (text, TOKEN));
  g_assert_null (strstr (text, KEY_ID2));
  g_assert_null (strstr (text, SECRET2));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("Lab account");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, TOKEN);
  g_autoptr (PrlCloudCredentials) back = NULL;
  g_autoptr (PrlCloudAccounts) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = NULL;
  PrlCloudAccount *found;

  prl_cloud_account_set_endpoint (a, "http://127.0.0.1:7480");
  g_assert_true (add (f, a, c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 1);
  g_assert_cmpuint (f->changes, ==, 1);

  back = lookup (f, "lab ACCOUNT", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->access_key_id, ==, KEY_ID);
  g_assert_cmpstr (back->secret_access_key, ==, SECRET);
  g_assert_cmpstr (back->session_token, ==, TOKEN);

  /* One keyring item, found by kind and name, holds all three. */
  raw = raw_secret ("Lab account");
  g_assert_nonnull (raw);
  g_assert_nonnull (strstr (raw, SECRET));
  g_assert_nonnull (strstr (raw, KEY_ID));
  assert_no_secret_on_disk (f);

  /* A new store reads the same fields back from the file. */
  again = prl_cloud_accounts_new (f->path);
  g_assert_true (prl_cloud_accounts_load (again, &error));
  g_assert_no_error (error);
  found = prl_cloud_accounts_lookup (again, "Lab account");
  g_assert_nonnull (found);
  g_assert_cmpstr (prl_cloud_account_get_kind (found), ==, "aws");
  g_assert_cmpstr (prl_cloud_account_get_region (found), ==, "eu-west-1");
  g_assert_cmpstr (prl_cloud_account_get_bucket (found), ==, "parlance-data");
  g_assert_cmpstr (prl_cloud_account_get_prefix (found), ==, "team/parlance/");
  g_assert_cmpstr (prl_cloud_account_get_endpoint (found), ==, "http://127.0.0.1:7480");
}

static void
test_sorted_and_unique (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  const char *names[] = { "zeta", "Alpha", "mid 2" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrlCloudAccount) dup = make_account ("ALPHA");
  g_autoptr (PrlCloudAccount) first = NULL;
  g_autoptr (PrlCloudAccount) last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (PrlCloudAccount) a = make_account (names[i]);

      g_assert_true (add (f, a, c, &error));
      g_assert_no_error (error);
    }
  first = g_list_model_get_item (G_LIST_MODEL (f->accounts), 0);
  last = g_list_model_get_item (G_LIST_MODEL (f->accounts), 2);
  g_assert_cmpstr (prl_cloud_account_get_name (first), ==, "Alpha");
  g_assert_cmpstr (prl_cloud_account_get_name (last), ==, "zeta");

  /* Names are unique without regard to case; the existing keys stay. */
  g_assert_false (
      add (f, dup, prl_cloud_credentials_new (KEY_ID2, SECRET2, NULL), &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "already"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 3);
  g_clear_error (&error);
  {
    g_autoptr (PrlCloudCredentials) kept = lookup (f, "Alpha", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kept->secret_access_key, ==, SECRET);
  }
}

static void
test_update (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("work");
  g_autoptr (PrlCloudAccount) changed = NULL;
  g_autoptr (PrlCloudAccount) renamed = NULL;
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, TOKEN);
  g_autoptr (PrlCloudCredentials) c2 = prl_cloud_credentials_new (KEY_ID2, SECRET2, NULL);
  g_autoptr (PrlCloudCredentials) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_raw = NULL;
  g_autofree char *text = NULL;

  g_assert_true (add (f, a, c, &error));

  /* New fields, same keys. */
  changed = prl_cloud_account_copy (a);
  prl_cloud_account_set_region (changed, "us-east-2");
  prl_cloud_account_set_prefix (changed, "");
  g_assert_true (update (f, "work", changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (
      prl_cloud_account_get_region (prl_cloud_accounts_lookup (f->accounts, "work")), ==,
      "us-east-2");
  back = lookup (f, "work", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->secret_access_key, ==, SECRET);
  g_clear_pointer (&back, prl_cloud_credentials_free);
  text = read_keyfile (f);
  g_assert_nonnull (strstr (text, "us-east-2"));
  g_assert_null (strstr (text, "team/parlance"));

  /* Renamed with new keys: the old keyring item is gone. */
  renamed = prl_cloud_account_copy (changed);
  prl_cloud_account_set_name (renamed, "work 2");
  g_assert_true (update (f, "work", renamed, c2, &error));
  g_assert_no_error (error);
  g_assert_null (prl_cloud_accounts_lookup (f->accounts, "work"));
  g_assert_nonnull (prl_cloud_accounts_lookup (f->accounts, "work 2"));
  old_raw = raw_secret ("work");
  g_assert_null (old_raw);
  back = lookup (f, "work 2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->access_key_id, ==, KEY_ID2);
  g_assert_null (back->session_token);
  assert_no_secret_on_disk (f);

  /* Renamed, keys kept: they move with the account. */
  prl_cloud_account_set_name (renamed, "work 3");
  g_assert_true (update (f, "work 2", renamed, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, prl_cloud_credentials_free);
  back = lookup (f, "work 3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->secret_access_key, ==, SECRET2);
  g_clear_pointer (&old_raw, g_free);
  old_raw = raw_secret ("work 2");
  g_assert_null (old_raw);

  /* Unknown account, bad field. */
  g_assert_false (update (f, "nobody", renamed, NULL, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  prl_cloud_account_set_bucket (renamed, "Bad_Bucket");
  g_assert_false (update (f, "work 3", renamed, NULL, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID);
  g_assert_cmpstr (
      prl_cloud_account_get_bucket (prl_cloud_accounts_lookup (f->accounts, "work 3")),
      ==, "parlance-data");
}

static void
test_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("gone");
  g_autoptr (PrlCloudAccount) b = make_account ("kept");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, TOKEN);
  g_autoptr (PrlCloudCredentials) back = NULL;
  g_autoptr (PrlCloudAccounts) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *kept_raw = NULL;
  g_autofree char *text = NULL;

  g_assert_true (add (f, a, c, &error));
  g_assert_true (add (f, b, c, &error));
  g_assert_true (remove_account (f, "GONE", &error));
  g_assert_no_error (error);

  raw = raw_secret ("gone");
  g_assert_null (raw);
  kept_raw = raw_secret ("kept");
  g_assert_nonnull (kept_raw);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 1);
  text = read_keyfile (f);
  g_assert_null (strstr (text, "[gone]"));
  g_assert_nonnull (strstr (text, "[kept]"));
  again = prl_cloud_accounts_new (f->path);
  g_assert_true (prl_cloud_accounts_load (again, NULL));
  g_assert_null (prl_cloud_accounts_lookup (again, "gone"));

  back = lookup (f, "gone", &error);
  g_assert_null (back);
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (remove_account (f, "gone", &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND);
}

/* A keyring item that disappeared behind Parlance's back, or that holds
 * something else, gives a message saying what to do. */
static void
test_missing_secret (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("lost");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr (PrlCloudCredentials) back = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (add (f, a, c, &error));
  g_assert_true (secret_password_clear_sync (schema (), NULL, NULL, "kind", "aws", "name",
                                             "lost", NULL));
  back = lookup (f, "lost", &error);
  g_assert_null (back);
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "add it again"));
  g_clear_error (&error);

  g_assert_true (secret_password_store_sync (schema (), NULL, "junk", "not json", NULL,
                                             NULL, "kind", "aws", "name", "lost", NULL));
  back = lookup (f, "lost", &error);
  g_assert_null (back);
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

static void
test_bad_add (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("bad");
  g_autoptr (PrlCloudCredentials) bad_secret
      = prl_cloud_credentials_new (KEY_ID, "a b", NULL);
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = NULL;

  g_assert_false (add (f, a, bad_secret, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID);
  /* The message never repeats a secret. */
  g_assert_null (strstr (error->message, "a b"));
  g_clear_error (&error);

  prl_cloud_account_set_region (a, "Europe");
  g_assert_false (add (f, a, c, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "us-east-1"));
  raw = raw_secret ("bad");
  g_assert_null (raw);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A key file that cannot be written: nothing is added, and the keys
 * stored a moment before are taken back out of the keyring. */
static void
test_unwritable (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("nowhere");
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0); /* a folder where the file goes */
  g_assert_false (add (f, a, c, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_STORE);
  g_assert_null (strstr (error->message, SECRET));
  raw = raw_secret ("nowhere");
  g_assert_null (raw);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 0);
}

static void
test_load_bad_file (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr (PrlCloudAccounts) again = prl_cloud_accounts_new (f->path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, "not [ a key file\n\x01", -1, NULL));
  g_assert_false (prl_cloud_accounts_load (again, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Entries that break the rules (edited by hand) are not listed. */
  g_assert_true (
      g_file_set_contents (f->path,
                           "[good]\nKind=aws\nRegion=us-east-1\nBucket=abc\n"
                           "[bad region]\nKind=aws\nRegion=moon\nBucket=abc\n"
                           "[ibm one]\nKind=ibm\nRegion=us-east-1\nBucket=abc\n"
                           "[bad/name]\nKind=aws\nRegion=us-east-1\nBucket=abc\n",
                           -1, NULL));
  g_assert_true (prl_cloud_accounts_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_nonnull (prl_cloud_accounts_lookup (again, "good"));
}

#define APIKEY "Aa0_-Bb1_-Cc2_-Dd3_-Ee4_-Ff5_-Gg6_-Hh7_-Ii8_"
#define SERVICE_URL "https://api.us-south.speech-to-text.watson.cloud.ibm.com/instances/1"

/* An IBM account: its URLs and auth in accounts.ini, its API key only in
 * the keyring, and AWS keys refused for it (and the other way round). */
static void
test_ibm_account (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = prl_cloud_account_new ("ibm", "watson");
  g_autoptr (PrlCloudAccount) aws = make_account ("s3");
  g_autoptr (PrlCloudAccount) copy = NULL;
  g_autoptr (PrlCloudAccounts) again = prl_cloud_accounts_new (f->path);
  g_autoptr (PrlCloudCredentials) key = prl_cloud_credentials_new_apikey (APIKEY);
  g_autoptr (PrlCloudCredentials) aws_keys
      = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr (PrlCloudCredentials) found = NULL;
  g_autoptr (PrlCloudCredentials) empty = prl_cloud_credentials_new_apikey ("");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PrlCloudAccount *loaded;

  /* The fields of an IBM account, not those of an AWS one. */
  g_assert_false (prl_cloud_account_validate (a, &error));
  g_assert_nonnull (strstr (error->message, "needs the URL"));
  g_clear_error (&error);
  prl_cloud_account_set_service_url (a, SERVICE_URL);
  g_assert_cmpstr (prl_cloud_account_get_auth (a), ==, "iam");
  g_assert_true (prl_cloud_account_validate (a, NULL));
  prl_cloud_account_set_iam_url (a, "iam.example.com");
  g_assert_false (prl_cloud_account_validate (a, &error));
  g_assert_nonnull (strstr (error->message, "IAM token URL"));
  g_clear_error (&error);
  /* Basic authentication does not use the IAM URL. */
  prl_cloud_account_set_auth (a, "basic");
  g_assert_true (prl_cloud_account_validate (a, NULL));
  prl_cloud_account_set_auth (a, "iam");
  prl_cloud_account_set_iam_url (a, "http://127.0.0.1:1/identity/token");
  copy = prl_cloud_account_copy (a);
  g_assert_cmpstr (prl_cloud_account_get_iam_url (copy), ==,
                   "http://127.0.0.1:1/identity/token");

  g_assert_false (add (f, a, aws_keys, &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "needs an API key, not AWS keys"));
  g_clear_error (&error);
  g_assert_false (add (f, a, empty, &error));
  g_assert_nonnull (strstr (error->message, "needs an API key"));
  g_clear_error (&error);
  g_assert_false (add (f, aws, key, &error));
  g_assert_nonnull (strstr (error->message, "not an API key"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 0);

  g_assert_true (add (f, a, key, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Kind=ibm"));
  g_assert_nonnull (strstr (text, "ServiceUrl=" SERVICE_URL));
  g_assert_nonnull (strstr (text, "IamUrl=http://127.0.0.1:1/identity/token"));
  g_assert_nonnull (strstr (text, "Auth=iam"));
  g_assert_null (strstr (text, APIKEY));
  g_assert_null (strstr (text, "Bucket"));

  g_assert_true (prl_cloud_accounts_load (again, NULL));
  loaded = prl_cloud_accounts_lookup (again, "watson");
  g_assert_nonnull (loaded);
  g_assert_cmpstr (prl_cloud_account_get_kind (loaded), ==, "ibm");
  g_assert_cmpstr (prl_cloud_account_get_service_url (loaded), ==, SERVICE_URL);
  g_assert_cmpstr (prl_cloud_account_get_auth (loaded), ==, "iam");
  prl_cloud_accounts_lookup_credentials_async (again, "watson", NULL, store_result_cb,
                                               &result);
  found
      = prl_cloud_accounts_lookup_credentials_finish (again, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->apikey, ==, APIKEY);
  g_assert_null (found->access_key_id);

  /* An IBM account without a service URL, edited by hand, is not listed. */
  g_assert_true (g_file_set_contents (
      f->path,
      "[no url]\nKind=ibm\nAuth=iam\n[basic]\nKind=ibm\nServiceUrl=" SERVICE_URL
      "\nAuth=basic\n[odd auth]\nKind=ibm\nServiceUrl=" SERVICE_URL "\nAuth=x\n",
      -1, NULL));
  g_assert_true (prl_cloud_accounts_load (again, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (
      prl_cloud_account_get_auth (prl_cloud_accounts_lookup (again, "basic")), ==,
      "basic");
}

#define ROLE_ARN "arn:aws:iam::123456789012:role/TranscribeReadsParlance"

/* The Transcribe fields go to accounts.ini and come back; a budget set
 * back to unlimited leaves no key behind. */
static void
test_transcribe_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (PrlCloudAccount) a = make_account ("speech");
  g_autoptr (PrlCloudAccount) copy = NULL;
  g_autoptr (PrlCloudAccount) changed = NULL;
  g_autoptr (PrlCloudAccounts) again = prl_cloud_accounts_new (f->path);
  g_autoptr (PrlCloudCredentials) c = prl_cloud_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PrlCloudAccount *found;

  prl_cloud_account_set_role_arn (a, ROLE_ARN);
  prl_cloud_account_set_concurrent_jobs (a, 12);
  prl_cloud_account_set_training_budget (a, 3);
  copy = prl_cloud_account_copy (a);
  g_assert_cmpstr (prl_cloud_account_get_role_arn (copy), ==, ROLE_ARN);
  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (copy), ==, 12);
  g_assert_cmpint (prl_cloud_account_get_training_budget (copy), ==, 3);

  g_assert_true (add (f, a, c, &error));
  g_assert_no_error (error);
  text = read_keyfile (f);
  g_assert_nonnull (strstr (text, "RoleArn=" ROLE_ARN "\n"));
  g_assert_nonnull (strstr (text, "ConcurrentJobs=12\n"));
  g_assert_nonnull (strstr (text, "TrainingBudget=3\n"));
  assert_no_secret_on_disk (f);

  g_assert_true (prl_cloud_accounts_load (again, &error));
  g_assert_no_error (error);
  found = prl_cloud_accounts_lookup (again, "speech");
  g_assert_nonnull (found);
  g_assert_cmpstr (prl_cloud_account_get_role_arn (found), ==, ROLE_ARN);
  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (found), ==, 12);
  g_assert_cmpint (prl_cloud_account_get_training_budget (found), ==, 3);

  changed = prl_cloud_account_copy (a);
  prl_cloud_account_set_training_budget (changed, PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET);
  prl_cloud_account_set_role_arn (changed, "");
  g_assert_true (update (f, "speech", changed, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_keyfile (f);
  g_assert_null (strstr (text, "TrainingBudget"));
  g_assert_null (strstr (text, "RoleArn"));
  g_assert_true (prl_cloud_accounts_load (again, &error));
  found = prl_cloud_accounts_lookup (again, "speech");
  g_assert_cmpint (prl_cloud_account_get_training_budget (found), ==,
                   PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET);
  g_assert_cmpstr (prl_cloud_account_get_role_arn (found), ==, "");
  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (found), ==, 12);
}

/* accounts.ini as written before the Transcribe fields: the defaults;
 * and hand-edited values that break the rules hide only their account. */
static void
test_transcribe_fields_in_file (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr (PrlCloudAccounts) again = prl_cloud_accounts_new (f->path);
  g_autoptr (GError) error = NULL;
  PrlCloudAccount *old;
  PrlCloudAccount *set;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (
      f->path,
      "[old]\nKind=aws\nRegion=us-east-1\nBucket=abc\n"
      "[set]\nKind=aws\nRegion=us-east-1\nBucket=abc\nRoleArn=" ROLE_ARN "\n"
      "ConcurrentJobs= 100\nTrainingBudget=0\n"
      "[zero jobs]\nKind=aws\nRegion=us-east-1\nBucket=abc\nConcurrentJobs=0\n"
      "[many jobs]\nKind=aws\nRegion=us-east-1\nBucket=abc\nConcurrentJobs=101\n"
      "[word jobs]\nKind=aws\nRegion=us-east-1\nBucket=abc\nConcurrentJobs=five\n"
      "[negative budget]\nKind=aws\nRegion=us-east-1\nBucket=abc\nTrainingBudget=-1\n"
      "[bad role]\nKind=aws\nRegion=us-east-1\nBucket=abc\nRoleArn=arn:aws:s3:::abc\n",
      -1, NULL));
  g_assert_true (prl_cloud_accounts_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  old = prl_cloud_accounts_lookup (again, "old");
  g_assert_nonnull (old);
  g_assert_cmpstr (prl_cloud_account_get_role_arn (old), ==, "");
  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (old), ==, 5);
  g_assert_cmpint (prl_cloud_account_get_training_budget (old), ==,
                   PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET);
  set = prl_cloud_accounts_lookup (again, "set");
  g_assert_nonnull (set);
  g_assert_cmpstr (prl_cloud_account_get_role_arn (set), ==, ROLE_ARN);
  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (set), ==, 100);
  g_assert_cmpint (prl_cloud_account_get_training_budget (set), ==, 0);
}

static void
test_transcribe_field_rules (void)
{
  g_autoptr (PrlCloudAccount) a = prl_cloud_account_new ("aws", "x");
  g_autoptr (GError) error = NULL;
  guint n_jobs = 0;
  int   budget = 0;

  g_assert_cmpuint (prl_cloud_account_get_concurrent_jobs (a), ==, 5);
  g_assert_cmpint (prl_cloud_account_get_training_budget (a), ==, -1);

  g_assert_true (prl_cloud_account_check_role_arn ("", NULL));
  g_assert_true (prl_cloud_account_check_role_arn (NULL, NULL));
  g_assert_true (prl_cloud_account_check_role_arn (ROLE_ARN, NULL));
  g_assert_true (
      prl_cloud_account_check_role_arn ("arn:aws-cn:iam::123456789012:role/a/b", NULL));
  g_assert_false (prl_cloud_account_check_role_arn ("arn:aws:s3:::bucket-name", &error));
  g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not the ARN of an IAM role"));
  g_clear_error (&error);
  g_assert_false (prl_cloud_account_check_role_arn ("TranscribeRole", &error));
  g_clear_error (&error);

  g_assert_true (prl_cloud_account_parse_concurrent_jobs ("1", &n_jobs, NULL));
  g_assert_cmpuint (n_jobs, ==, 1);
  g_assert_true (prl_cloud_account_parse_concurrent_jobs (" 100 ", &n_jobs, NULL));
  g_assert_cmpuint (n_jobs, ==, 100);
  n_jobs = 7;
  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "0", "101", "", "-1", "2.5", "99999999999999999999" };

      g_assert_false (prl_cloud_account_parse_concurrent_jobs (bad[i], &n_jobs, &error));
      g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "1 to 100"));
      g_clear_error (&error);
      g_assert_cmpuint (n_jobs, ==, 7);
    }

  g_assert_true (prl_cloud_account_parse_training_budget ("", &budget, NULL));
  g_assert_cmpint (budget, ==, PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET);
  g_assert_true (prl_cloud_account_parse_training_budget (" 0", &budget, NULL));
  g_assert_cmpint (budget, ==, 0);
  g_assert_true (prl_cloud_account_parse_training_budget ("10000", &budget, NULL));
  g_assert_cmpint (budget, ==, 10000);
  g_assert_false (prl_cloud_account_parse_training_budget ("-1", &budget, &error));
  g_assert_nonnull (strstr (error->message, "empty for no limit"));
  g_clear_error (&error);
  g_assert_false (prl_cloud_account_parse_training_budget ("10001", &budget, NULL));
  g_assert_false (prl_cloud_account_parse_training_budget ("three", &budget, NULL));

  /* validate() names the field that breaks its rules. */
  prl_cloud_account_set_region (a, "us-east-1");
  prl_cloud_account_set_bucket (a, "abc");
  g_assert_true (prl_cloud_account_validate (a, NULL));
  prl_cloud_account_set_concurrent_jobs (a, 0);
  g_assert_false (prl_cloud_account_validate (a, &error));
  g_assert_nonnull (strstr (error->message, "transcription jobs"));
  g_clear_error (&error);
  prl_cloud_account_set_concurrent_jobs (a, 5);
  prl_cloud_account_set_training_budget (a, -5);
  g_assert_false (prl_cloud_account_validate (a, &error));
  g_assert_nonnull (strstr (error->message, "training budget"));
  g_clear_error (&error);
  prl_cloud_account_set_training_budget (a, 2);
  prl_cloud_account_set_role_arn (a, "arn:aws:iam::12:user/bob");
  g_assert_false (prl_cloud_account_validate (a, &error));
  g_assert_nonnull (strstr (error->message, "IAM role"));
}

typedef struct
{
  gboolean (*check) (const char *, GError **);
  const char *value;
  const char *message; /* NULL: valid */
} Case;

static void
test_validation (void)
{
  g_autofree char *long_name = g_strnfill (65, 'a');
  g_autofree char *max_name = g_strnfill (64, 'a');
  g_autofree char *long_prefix = g_strnfill (513, 'p');
  const Case       cases[] = {
          { prl_cloud_account_check_kind, "aws", NULL },
          { prl_cloud_account_check_kind, "ibm", NULL },
          { prl_cloud_account_check_kind, "gcp", "either Amazon Web Services" },
          { prl_cloud_account_check_kind, NULL, "either Amazon Web Services" },
          { prl_cloud_account_check_name, "Lab account 2", NULL },
          { prl_cloud_account_check_name, "équipe_1.b-c", NULL },
          { prl_cloud_account_check_name, max_name, NULL },
          { prl_cloud_account_check_name, "", "needs a name" },
          { prl_cloud_account_check_name, NULL, "needs a name" },
          { prl_cloud_account_check_name, long_name, "64 characters" },
          { prl_cloud_account_check_name, " lead", "start or end with a space" },
          { prl_cloud_account_check_name, "trail ", "start or end with a space" },
          { prl_cloud_account_check_name, "a/b", "may only contain" },
          { prl_cloud_account_check_name, "a[b]", "may only contain" },
          { prl_cloud_account_check_name, "tab\there", "may only contain" },
          { prl_cloud_account_check_name, "\xff\xfe", "not valid text" },
          { prl_cloud_account_check_region, "us-east-1", NULL },
          { prl_cloud_account_check_region, "us-gov-west-1", NULL },
          { prl_cloud_account_check_region, "ap-southeast-4", NULL },
          { prl_cloud_account_check_region, "", "needs a region" },
          { prl_cloud_account_check_region, "US-EAST-1", "us-east-1" },
          { prl_cloud_account_check_region, "us-east", "us-east-1" },
          { prl_cloud_account_check_region, "useast1", "us-east-1" },
          { prl_cloud_account_check_region, "us-east-1 ", "us-east-1" },
          { prl_cloud_account_check_bucket, "parlance-data", NULL },
          { prl_cloud_account_check_bucket, "a.b-c1", NULL },
          { prl_cloud_account_check_bucket, "abc", NULL },
          { prl_cloud_account_check_bucket, "", "needs an S3 bucket" },
          { prl_cloud_account_check_bucket, "ab", "3 to 63" },
          { prl_cloud_account_check_bucket,
            "a234567890123456789012345678901234567890123456789012345678901234", "3 to 63" },
          { prl_cloud_account_check_bucket, "My-Bucket", "lowercase" },
          { prl_cloud_account_check_bucket, "my_bucket", "lowercase" },
          { prl_cloud_account_check_bucket, "-abc", "start and end" },
          { prl_cloud_account_check_bucket, "abc.", "start and end" },
          { prl_cloud_account_check_bucket, "a..b", "two dots" },
          { prl_cloud_account_check_bucket, "192.168.5.4", "IP address" },
          { prl_cloud_account_check_bucket, "xn--abc", "reserves" },
          { prl_cloud_account_check_bucket, "sthree-abc", "reserves" },
          { prl_cloud_account_check_bucket, "abc-s3alias", "reserves" },
          { prl_cloud_account_check_bucket, "abc--ol-s3", "reserves" },
          { prl_cloud_account_check_prefix, NULL, NULL },
          { prl_cloud_account_check_prefix, "", NULL },
          { prl_cloud_account_check_prefix, "parlance", NULL },
          { prl_cloud_account_check_prefix, "team/parlance/", NULL },
          { prl_cloud_account_check_prefix, "/parlance", "start with a slash" },
          { prl_cloud_account_check_prefix, "a//b", "two slashes" },
          { prl_cloud_account_check_prefix, "a/../b", "“..”" },
          { prl_cloud_account_check_prefix, "./a", "“.”" },
          { prl_cloud_account_check_prefix, "a\nb", "control characters" },
          { prl_cloud_account_check_prefix, "a\\b", "backslashes" },
          { prl_cloud_account_check_prefix, long_prefix, "512 bytes" },
          { prl_cloud_account_check_endpoint, "", NULL },
          { prl_cloud_account_check_endpoint, "https://s3.example.com", NULL },
          { prl_cloud_account_check_endpoint, "https://s3.example.com:8443/", NULL },
          { prl_cloud_account_check_endpoint, "http://127.0.0.1:7480", NULL },
          { prl_cloud_account_check_endpoint, "http://localhost:9000", NULL },
          { prl_cloud_account_check_endpoint, "http://s3.example.com", "plain http" },
          { prl_cloud_account_check_endpoint, "http://127.0.0.2", "plain http" },
          { prl_cloud_account_check_endpoint, "ftp://s3.example.com", "https://" },
          { prl_cloud_account_check_endpoint, "s3.example.com", "not a URL" },
          { prl_cloud_account_check_endpoint, "https://", "not a URL" },
          { prl_cloud_account_check_endpoint, "https://u:hunter2@s3.example.com", "user name" },
          { prl_cloud_account_check_endpoint, "https://s3.example.com/bucket",
            "without a path" },
          { prl_cloud_account_check_endpoint, "https://s3.example.com/?x=1", "without a path" },
          { prl_cloud_account_check_access_key_id, KEY_ID, NULL },
          { prl_cloud_account_check_access_key_id, "", "needs an access key ID" },
          { prl_cloud_account_check_access_key_id, "AK", "3 to 128" },
          { prl_cloud_account_check_access_key_id, "AKIA IOSF", "letters and digits" },
          { prl_cloud_account_check_secret_key, SECRET, NULL },
          { prl_cloud_account_check_secret_key, "", "needs a secret access key" },
          { prl_cloud_account_check_secret_key, "abc def", "copied whole" },
          { prl_cloud_account_check_secret_key, "abc\n", "copied whole" },
          { prl_cloud_account_check_session_token, NULL, NULL },
          { prl_cloud_account_check_session_token, TOKEN, NULL },
          { prl_cloud_account_check_session_token, "to ken", "copied whole" },
          { prl_cloud_account_check_service_url,
            "https://api.us-south.speech-to-text.watson.cloud.ibm.com/instances/1", NULL },
          { prl_cloud_account_check_service_url, "https://cpd.example.com/speech", NULL },
          { prl_cloud_account_check_service_url, "http://127.0.0.1:8080", NULL },
          { prl_cloud_account_check_service_url, "", "needs the URL" },
          { prl_cloud_account_check_service_url, NULL, "needs the URL" },
          { prl_cloud_account_check_service_url, "api.example.com/x", "not a URL" },
          { prl_cloud_account_check_service_url, "http://example.com/x", "must use https" },
          { prl_cloud_account_check_service_url, "ftp://example.com/x", "must use https" },
          { prl_cloud_account_check_service_url, "https://a:b@example.com/x",
            "user name or password" },
          { prl_cloud_account_check_service_url, "https://example.com/x?y=1", "query" },
          { prl_cloud_account_check_service_url,
            "https://api.eu-de.text-to-speech.watson.cloud.ibm.com/instances/1",
            "another IBM Watson service (“text-to-speech”)" },
          { prl_cloud_account_check_iam_url, NULL, NULL },
          { prl_cloud_account_check_iam_url, "", NULL },
          { prl_cloud_account_check_iam_url, "https://iam.cloud.ibm.com/identity/token", NULL },
          { prl_cloud_account_check_iam_url, "iam", "not a URL" },
          { prl_cloud_account_check_iam_url, "http://iam.example.com/t", "must use https" },
          { prl_cloud_account_check_auth, "iam", NULL },
          { prl_cloud_account_check_auth, "basic", NULL },
          { prl_cloud_account_check_auth, "IAM", "“iam”" },
          { prl_cloud_account_check_auth, NULL, "“iam”" },
          { prl_cloud_account_check_apikey, "Aa0_-Aa0_-Aa0_-Aa0_-Aa0_-Aa0_-Aa0_-Aa0_-Aa0_",
            NULL },
          { prl_cloud_account_check_apikey, "", "needs an API key" },
          { prl_cloud_account_check_apikey, NULL, "needs an API key" },
          { prl_cloud_account_check_apikey, "a key", "copied whole" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = cases[i].check (cases[i].value, &error);

      if (cases[i].message == NULL)
        {
          if (!ok)
            g_error ("“%s” was refused: %s", cases[i].value, error->message);
        }
      else
        {
          if (ok)
            g_error ("“%s” was accepted", cases[i].value);
          g_assert_error (error, PRL_CLOUD_ACCOUNT_ERROR,
                          PRL_CLOUD_ACCOUNT_ERROR_INVALID);
          if (strstr (error->message, cases[i].message) == NULL)
            g_error ("“%s”: “%s” lacks “%s”", cases[i].value, error->message,
                     cases[i].message);
        }
    }
  /* No message repeats a value that could be a secret. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (
        prl_cloud_account_check_endpoint ("https://u:hunter2@x.example", &error));
    g_assert_null (strstr (error->message, "hunter2"));
  }
}

static void
test_mask (void)
{
  const char *cases[][2] = {
    { "AKIAIOSFODNN7EXAMPLE", "AKIA…MPLE" },
    { "AKIA12345678", "AKIA…5678" },
    { "0555b35654ad", "0555…54ad" },
    { "ABCDEFG", "…FG" },
    { "ABC", "…" },
    { "", "…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = prl_cloud_credentials_mask_key_id (cases[i][0]);

      g_assert_cmpstr (masked, ==, cases[i][1]);
    }
}

static void
test_no_keyring_tools (void)
{
  g_test_skip ("needs dbus-run-session and gnome-keyring-daemon");
}

int
main (int argc, char *argv[])
{
  const char *home = g_getenv (CHILD_ENV);
  int         status;

  if (home == NULL)
    keyring_session_exec (CHILD_ENV, argc, argv);

  g_test_init (&argc, &argv, NULL);

  if (home == NULL)
    {
      g_test_add_func ("/cloud-accounts/keyring", test_no_keyring_tools);
      return g_test_run ();
    }

#define ADD(path, func)                                                                  \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/cloud-accounts/validation", test_validation);
  g_test_add_func ("/cloud-accounts/mask", test_mask);
  g_test_add_func ("/cloud-accounts/transcribe-field-rules", test_transcribe_field_rules);
  ADD ("/cloud-accounts/transcribe-fields", test_transcribe_fields);
  ADD ("/cloud-accounts/transcribe-fields-in-file", test_transcribe_fields_in_file);
  ADD ("/cloud-accounts/round-trip", test_round_trip);
  ADD ("/cloud-accounts/ibm", test_ibm_account);
  ADD ("/cloud-accounts/sorted-and-unique", test_sorted_and_unique);
  ADD ("/cloud-accounts/update", test_update);
  ADD ("/cloud-accounts/remove", test_remove);
  ADD ("/cloud-accounts/missing-secret", test_missing_secret);
  ADD ("/cloud-accounts/bad-add", test_bad_add);
  ADD ("/cloud-accounts/unwritable", test_unwritable);
  ADD ("/cloud-accounts/load-bad-file", test_load_bad_file);
#undef ADD

  status = g_test_run ();
  rm_rf (home);
  return status;
}
