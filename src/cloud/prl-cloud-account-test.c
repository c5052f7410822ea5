/* prl-cloud-account-test.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "prl-cloud-account-test-private.h"
#include "prl-s3-client.h"

/* A connection test should answer in well under a minute: fewer attempts
 * and a shorter deadline than a real upload gets. */
#define TEST_MAX_ATTEMPTS 3
#define TEST_TIMEOUT_MS (30 * 1000)
#define TEST_DEADLINE_MS (60 * 1000)

#define PROBE_TEXT "Parlance connection test; safe to delete.\n"

const char *
prl_cloud_account_test_step_describe (PrlCloudAccountTestStep step)
{
  switch (step)
    {
    case PRL_CLOUD_ACCOUNT_TEST_BUCKET:
      return _ ("Find the bucket");
    case PRL_CLOUD_ACCOUNT_TEST_LIST:
      return _ ("List objects under the prefix");
    case PRL_CLOUD_ACCOUNT_TEST_WRITE:
      return _ ("Write a test object");
    case PRL_CLOUD_ACCOUNT_TEST_READ:
      return _ ("Read the test object back");
    case PRL_CLOUD_ACCOUNT_TEST_DELETE:
      return _ ("Delete the test object");
    case PRL_CLOUD_ACCOUNT_TEST_MODELS:
      return _ ("List the base models");
    case PRL_CLOUD_ACCOUNT_TEST_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
prl_cloud_account_test_result_free (PrlCloudAccountTestResult *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < PRL_CLOUD_ACCOUNT_TEST_N_STEPS; i++)
    {
      g_free (self->message[i]);
      g_clear_error (&self->error[i]);
    }
  g_free (self->summary);
  g_clear_pointer (&self->base_models, g_ptr_array_unref);
  g_free (self);
}

gboolean
prl_cloud_account_test_result_has_step (PrlCloudAccountTestResult *self,
                                        PrlCloudAccountTestStep    step)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->ibm == (step == PRL_CLOUD_ACCOUNT_TEST_MODELS);
}

GPtrArray *
prl_cloud_account_test_result_get_base_models (PrlCloudAccountTestResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base_models;
}

gboolean
prl_cloud_account_test_result_passed (PrlCloudAccountTestResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->ibm)
    return self->outcome[PRL_CLOUD_ACCOUNT_TEST_MODELS] == PRL_CLOUD_ACCOUNT_TEST_PASSED;
  return self->outcome[PRL_CLOUD_ACCOUNT_TEST_LIST] == PRL_CLOUD_ACCOUNT_TEST_PASSED
         && self->outcome[PRL_CLOUD_ACCOUNT_TEST_WRITE] == PRL_CLOUD_ACCOUNT_TEST_PASSED
         && self->outcome[PRL_CLOUD_ACCOUNT_TEST_DELETE] == PRL_CLOUD_ACCOUNT_TEST_PASSED;
}

PrlCloudAccountTestOutcome
prl_cloud_account_test_result_get_outcome (PrlCloudAccountTestResult *self,
                                           PrlCloudAccountTestStep    step)
{
  g_return_val_if_fail (self != NULL, PRL_CLOUD_ACCOUNT_TEST_SKIPPED);
  g_return_val_if_fail (step < PRL_CLOUD_ACCOUNT_TEST_N_STEPS,
                        PRL_CLOUD_ACCOUNT_TEST_SKIPPED);
  return self->outcome[step];
}

const char *
prl_cloud_account_test_result_get_message (PrlCloudAccountTestResult *self,
                                           PrlCloudAccountTestStep    step)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (step < PRL_CLOUD_ACCOUNT_TEST_N_STEPS, NULL);
  return self->message[step];
}

const GError *
prl_cloud_account_test_result_get_error (PrlCloudAccountTestResult *self,
                                         PrlCloudAccountTestStep    step)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (step < PRL_CLOUD_ACCOUNT_TEST_N_STEPS, NULL);
  return self->error[step];
}

const char *
prl_cloud_account_test_result_get_summary (PrlCloudAccountTestResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->summary;
}

static void
passed (PrlCloudAccountTestResult *result, PrlCloudAccountTestStep step, char *message)
{
  result->outcome[step] = PRL_CLOUD_ACCOUNT_TEST_PASSED;
  result->message[step] = message;
}

/* Keeps @error (its message is already plain words from the S3 client or
 * the HTTP client, without secrets). A server that still finds the clock
 * wrong after the client corrected it once gets a clearer message. */
static void
failed (PrlCloudAccountTestResult *result, PrlCloudAccountTestStep step, GError *error)
{
  result->outcome[step] = PRL_CLOUD_ACCOUNT_TEST_FAILED;
  if (g_error_matches (error, PRL_S3_ERROR, PRL_S3_ERROR_FAILED)
      && strstr (error->message, "RequestTimeTooSkewed") != NULL)
    result->message[step]
        = g_strdup (_ ("The storage server says the clock of this computer is wrong. "
                       "Set the date, time and time zone right (or turn on automatic "
                       "time) and test again."));
  else
    result->message[step] = g_strdup (error->message);
  result->error[step] = error;
}

/* Failures after which the other steps would fail the same way: the
 * server is not there, not S3, or refuses the keys or the bucket itself. A
 * key that may not read the bucket's location may still be allowed the
 * prefix, so access denied there goes on. */
static gboolean
is_fatal (const GError *error)
{
  return error->domain == PRL_HTTP_ERROR
         || (error->domain == PRL_S3_ERROR && error->code != PRL_S3_ERROR_ACCESS_DENIED
             && error->code != PRL_S3_ERROR_FAILED);
}

static char *
probe_key (const char *prefix)
{
  g_autofree char *trimmed = g_strdup (prefix != NULL ? prefix : "");
  gsize            length = strlen (trimmed);
  char             suffix[17];

  while (length > 0 && trimmed[length - 1] == '/')
    trimmed[--length] = '\0';
  for (guint i = 0; i < 16; i++)
    suffix[i] = "0123456789abcdef"[g_random_int_range (0, 16)];
  suffix[16] = '\0';
  return length > 0 ? g_strdup_printf ("%s/.parlance-test-%s", trimmed, suffix)
                    : g_strdup_printf (".parlance-test-%s", suffix);
}

static char *
write_probe_file (GError **error)
{
  g_autofree char *path = NULL;
  int              fd = g_file_open_tmp ("parlance-test-XXXXXX", &path, error);

  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  if (!g_file_set_contents (path, PROBE_TEXT, -1, error))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* TRUE to go on; FALSE with @error set only on cancel. Takes *@local_error
 * either way. */
static gboolean
step_failed (PrlCloudAccountTestResult *result,
             PrlCloudAccountTestStep    step,
             GError                   **local_error,
             gboolean                  *stop,
             GError                   **error)
{
  GError *cause = g_steal_pointer (local_error);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return FALSE;
    }
  *stop = is_fatal (cause);
  failed (result, step, cause);
  return TRUE;
}

static void
set_summary (PrlCloudAccountTestResult *result, PrlCloudAccount *account)
{
  const char *prefix = prl_cloud_account_get_prefix (account);
  const char *bucket = prl_cloud_account_get_bucket (account);

  if (prl_cloud_account_test_result_passed (result))
    {
      result->summary
          = prefix[0] != '\0'
                ? g_strdup_printf (_ ("Parlance can list, write and delete objects under "
                                      "“%s” in the bucket “%s”."),
                                   prefix, bucket)
                : g_strdup_printf (_ ("Parlance can list, write and delete objects in "
                                      "the bucket “%s”."),
                                   bucket);
      return;
    }
  for (guint i = 0; i < PRL_CLOUD_ACCOUNT_TEST_N_STEPS; i++)
    if (result->outcome[i] == PRL_CLOUD_ACCOUNT_TEST_FAILED)
      {
        /* A refusal names the step it came from: "Write a test object: …". */
        result->summary = g_strdup_printf (
            _ ("%s: %s"), prl_cloud_account_test_step_describe (i), result->message[i]);
        return;
      }
  result->summary = g_strdup (_ ("The test did not finish."));
}

PrlHttpClient *
_prl_cloud_account_test_http_new (void)
{
  PrlHttpClient *http = prl_http_client_new ();

  prl_http_client_set_max_attempts (http, TEST_MAX_ATTEMPTS);
  prl_http_client_set_timeout (http, TEST_TIMEOUT_MS);
  prl_http_client_set_deadline (http, TEST_DEADLINE_MS);
  return http;
}

/* S3 answers a request signed for the wrong region without naming the
 * right one (AuthorizationHeaderMalformed, 301). GetBucketLocation signed
 * for us-east-1 is answered for a bucket in any region: ask it, so that
 * the message can say which region to choose. */
static void
name_bucket_region (PrlHttpClient             *http,
                    const PrlCloudCredentials *credentials,
                    const char                *endpoint,
                    PrlCloudAccount           *account,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  const char *region = prl_cloud_account_get_region (account);
  const char *bucket = prl_cloud_account_get_bucket (account);
  g_autoptr (PrlAwsSigner) signer = NULL;
  g_autoptr (PrlS3Client) client = NULL;
  g_autofree char *location = NULL;

  if (!g_error_matches (*error, PRL_S3_ERROR, PRL_S3_ERROR_WRONG_REGION)
      || g_strcmp0 (region, "us-east-1") == 0)
    return;
  signer
      = prl_aws_signer_new (credentials->access_key_id, credentials->secret_access_key,
                            credentials->session_token, "us-east-1", "s3", PRL_SIGV4_S3);
  client = prl_s3_client_new (http, signer, endpoint[0] != '\0' ? endpoint : NULL, bucket,
                              NULL);
  if (client != NULL)
    location = prl_s3_client_get_bucket_location (client, cancellable, NULL);
  /* RGW names its zonegroup ("default"), not a region. */
  if (location == NULL || g_strcmp0 (location, region) == 0
      || g_strcmp0 (location, "default") == 0)
    return;
  g_clear_error (error);
  g_set_error (error, PRL_S3_ERROR, PRL_S3_ERROR_WRONG_REGION,
               _ ("The bucket “%s” is in the region “%s”, not in “%s”. Choose “%s” "
                  "in the account settings."),
               bucket, location, region, location);
}

PrlCloudAccountTestResult *
prl_cloud_account_test_run (PrlCloudAccount           *account,
                            const PrlCloudCredentials *credentials,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autoptr (PrlCloudAccountTestResult) result = g_new0 (PrlCloudAccountTestResult, 1);
  g_autoptr (PrlHttpClient) http = NULL;
  g_autoptr (PrlAwsSigner) signer = NULL;
  g_autoptr (PrlS3Client) client = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *list_prefix = NULL;
  GError          *local_error = NULL;
  const char      *endpoint;
  const char      *region;
  gboolean         stop = FALSE;
  gboolean         wrote = FALSE;
  guint64          size = 0;

  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (account), NULL);
  g_return_val_if_fail (credentials != NULL, NULL);

  if (!prl_cloud_account_validate (account, error)
      || !prl_cloud_credentials_fit_kind (credentials,
                                          prl_cloud_account_get_kind (account), error)
      || !prl_cloud_credentials_validate (credentials, error))
    return NULL;
  if (g_strcmp0 (prl_cloud_account_get_kind (account), PRL_CLOUD_ACCOUNT_KIND_IBM) == 0)
    return _prl_watson_account_test_run (account, credentials, cancellable, error);

  region = prl_cloud_account_get_region (account);
  endpoint = prl_cloud_account_get_endpoint (account);
  http = _prl_cloud_account_test_http_new ();
  signer = prl_aws_signer_new (credentials->access_key_id, credentials->secret_access_key,
                               credentials->session_token, region, "s3", PRL_SIGV4_S3);
  client = prl_s3_client_new (http, signer, endpoint[0] != '\0' ? endpoint : NULL,
                              prl_cloud_account_get_bucket (account), error);
  if (client == NULL)
    return NULL;

  key = probe_key (prl_cloud_account_get_prefix (account));

  /* Bucket: exists, the keys are right, and it is in the account's region. */
  if (!prl_s3_client_check_bucket (client, cancellable, &local_error))
    name_bucket_region (http, credentials, endpoint, account, cancellable, &local_error);
  if (local_error == NULL)
    passed (result, PRL_CLOUD_ACCOUNT_TEST_BUCKET,
            g_strdup_printf (_ ("The bucket “%s” is there, in %s."),
                             prl_cloud_account_get_bucket (account), region));
  else if (!step_failed (result, PRL_CLOUD_ACCOUNT_TEST_BUCKET, &local_error, &stop,
                         error))
    return NULL;

  /* List: only the probe's own name, so that a prefix with thousands of
   * blobs answers at once; the permission is the same. */
  if (!stop)
    {
      list_prefix = g_strndup (key, strlen (key) - 16);
      listed = prl_s3_client_list_objects (client, list_prefix, 100, cancellable,
                                           &local_error);
      if (listed != NULL)
        passed (result, PRL_CLOUD_ACCOUNT_TEST_LIST,
                g_strdup (_ ("Objects under the prefix can be listed.")));
      else if (!step_failed (result, PRL_CLOUD_ACCOUNT_TEST_LIST, &local_error, &stop,
                             error))
        return NULL;
    }

  if (!stop)
    {
      path = write_probe_file (&local_error);
      if (path != NULL)
        wrote = prl_s3_client_put_object (client, key, path, 0, -1, PRL_S3_CHECKSUM_MD5,
                                          cancellable, &local_error);
      if (path != NULL)
        g_unlink (path);
      if (wrote)
        passed (result, PRL_CLOUD_ACCOUNT_TEST_WRITE,
                g_strdup_printf (_ ("Wrote the test object “%s”."), key));
      else if (!step_failed (result, PRL_CLOUD_ACCOUNT_TEST_WRITE, &local_error, &stop,
                             error))
        return NULL;
    }

  /* Read and delete only what this test wrote. */
  if (wrote)
    {
      if (prl_s3_client_head_object (client, key, &size, NULL, cancellable, &local_error)
          && size == strlen (PROBE_TEXT))
        passed (result, PRL_CLOUD_ACCOUNT_TEST_READ,
                g_strdup (_ ("Read the test object back.")));
      else if (local_error == NULL)
        {
          g_autofree char *got = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

          result->outcome[PRL_CLOUD_ACCOUNT_TEST_READ] = PRL_CLOUD_ACCOUNT_TEST_FAILED;
          result->message[PRL_CLOUD_ACCOUNT_TEST_READ] = g_strdup_printf (
              _ ("The test object came back with %s bytes instead of %u: the storage "
                 "server changed it."),
              got, (guint)strlen (PROBE_TEXT));
        }
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Still remove the probe: a cancel must not leave it behind. */
          prl_s3_client_delete_object (client, key, NULL, NULL);
          g_propagate_error (error, local_error);
          return NULL;
        }
      else
        failed (result, PRL_CLOUD_ACCOUNT_TEST_READ, local_error);
      local_error = NULL;

      /* Not cancellable: the one object the test wrote must go again. */
      if (prl_s3_client_delete_object (client, key, NULL, &local_error))
        passed (result, PRL_CLOUD_ACCOUNT_TEST_DELETE,
                g_strdup (_ ("Deleted the test object.")));
      else
        failed (result, PRL_CLOUD_ACCOUNT_TEST_DELETE, local_error);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  set_summary (result, account);
  return g_steal_pointer (&result);
}

static void
task_data_free (PrlCloudAccountTaskData *data)
{
  g_clear_object (&data->account);
  prl_cloud_credentials_free (data->credentials);
  g_free (data);
}

static void
task_credentials_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlCloudAccountTaskData *data = g_task_get_task_data (task);
  GError                  *error = NULL;

  data->credentials = prl_cloud_accounts_lookup_credentials_finish (
      PRL_CLOUD_ACCOUNTS (source), res, &error);
  if (data->credentials == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, data->thread_func);
}

/* Runs @thread_func for a task of @accounts on a worker thread with a
 * PrlCloudAccountTaskData: a copy of the account @name (of IBM Cloud with
 * @ibm_only), its keys read from the keyring first, and @data. */
void
_prl_cloud_account_task_run (PrlCloudAccounts   *accounts,
                             const char         *name,
                             gboolean            ibm_only,
                             GTaskThreadFunc     thread_func,
                             gpointer            data,
                             gpointer            source_tag,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (accounts, cancellable, callback, user_data);
  PrlCloudAccount         *account = prl_cloud_accounts_lookup (accounts, name);
  PrlCloudAccountTaskData *task_data;

  g_task_set_source_tag (task, source_tag);
  if (account == NULL
      || (ibm_only
          && strcmp (prl_cloud_account_get_kind (account), PRL_CLOUD_ACCOUNT_KIND_IBM)
                 != 0))
    {
      g_task_return_new_error (
          task, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND,
          account == NULL ? _ ("There is no cloud account named “%s”")
                          : _ ("The account “%s” is not an IBM Cloud account"),
          name);
      return;
    }
  task_data = g_new0 (PrlCloudAccountTaskData, 1);
  /* A copy: the worker thread must not see later edits of the account. */
  task_data->account = prl_cloud_account_copy (account);
  task_data->thread_func = thread_func;
  task_data->data = data;
  g_task_set_task_data (task, task_data, (GDestroyNotify)task_data_free);
  prl_cloud_accounts_lookup_credentials_async (
      accounts, name, cancellable, task_credentials_cb, g_steal_pointer (&task));
}

static void
test_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PrlCloudAccountTaskData   *data = task_data;
  GError                    *error = NULL;
  PrlCloudAccountTestResult *result = prl_cloud_account_test_run (
      data->account, data->credentials, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result,
                           (GDestroyNotify)prl_cloud_account_test_result_free);
}

void
prl_cloud_account_test_async (PrlCloudAccounts   *accounts,
                              const char         *name,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNTS (accounts));
  g_return_if_fail (name != NULL);

  _prl_cloud_account_task_run (accounts, name, FALSE, test_thread, NULL,
                               prl_cloud_account_test_async, cancellable, callback,
                               user_data);
}

PrlCloudAccountTestResult *
prl_cloud_account_test_finish (PrlCloudAccounts *accounts,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, accounts), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
