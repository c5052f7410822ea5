/* prl-cli-accounts.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "parlance-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "prl-cloud-account-store.h"
#include "prl-cloud-account-test.h"
#include "prl-file-open.h"

#include "prl-cli-private.h"

/* `parlance-cli accounts …`: the user's cloud accounts. Keys never come
 * from the command line (other users can read it in ps): they come from
 * AWS's standard variables, a profile of the shared credentials file, or
 * standard input. */

/* Far more than any credentials file or pasted key needs. */
#define MAX_CREDENTIALS_FILE (1024 * 1024)
#define MAX_STDIN (64 * 1024)

static const char ADD_USAGE[]
    = N_ ("Usage: parlance-cli accounts add aws NAME --region REGION --bucket BUCKET "
          "[--prefix PREFIX] [--endpoint URL] [--role-arn ARN] [--jobs N] "
          "[--training-budget N] [--profile PROFILE]\n"
          "       parlance-cli accounts add ibm NAME --url URL [--iam-url URL] "
          "[--auth iam|basic] [--jobs N] [--training-budget N]");

static PrlCloudAccounts *
open_accounts (void)
{
  g_autoptr (PrlCloudAccounts) accounts = prl_cloud_accounts_new (NULL);
  g_autoptr (GError) error = NULL;

  if (!prl_cloud_accounts_load (accounts, &error))
    {
      prl_cli_print_gerror (error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

static char *
credentials_file_path (void)
{
  const char *path = g_getenv ("AWS_SHARED_CREDENTIALS_FILE");

  if (path != NULL && path[0] != '\0')
    return g_strdup (path);
  return g_build_filename (g_get_home_dir (), ".aws", "credentials", NULL);
}

/* The shared credentials file is INI as the AWS tools write it:
 * [profile] sections, "key = value" lines, # and ; comments. */
static PrlCloudCredentials *
read_profile (const char *profile, GError **error)
{
  g_autofree char *path = credentials_file_path ();
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  gboolean         in_profile = FALSE;
  gboolean         found = FALSE;
  guint64          size = 0;
  gsize            got = 0;

  stream = prl_file_open_regular (path, MAX_CREDENTIALS_FILE, &size, NULL, &local_error);
  if (stream != NULL)
    {
      text = g_malloc0 (size + 1);
      if (!g_input_stream_read_all (stream, text, size, &got, NULL, &local_error))
        g_clear_object (&stream);
    }
  if (stream == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not read the AWS credentials file %s (%s); create it with "
                      "“aws configure” or give the keys another way"),
                   path, local_error->message);
      return NULL;
    }
  text[got] = '\0';

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq;

      if (line[0] == '\0' || line[0] == '#' || line[0] == ';')
        continue;
      if (line[0] == '[')
        {
          char *end = strchr (line, ']');

          if (end != NULL)
            *end = '\0';
          in_profile = strcmp (g_strstrip (line + 1), profile) == 0;
          found |= in_profile;
          continue;
        }
      if (!in_profile || (eq = strchr (line, '=')) == NULL)
        continue;
      *eq = '\0';
      g_strstrip (line);
      g_strstrip (eq + 1);
      if (strcmp (line, "aws_access_key_id") == 0)
        g_free (key_id), key_id = g_strdup (eq + 1);
      else if (strcmp (line, "aws_secret_access_key") == 0)
        g_free (secret), secret = g_strdup (eq + 1);
      else if (strcmp (line, "aws_session_token") == 0)
        g_free (token), token = g_strdup (eq + 1);
    }
  memset (text, 0, got);

  if (!found || key_id == NULL || secret == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   found ? _ ("The profile “%s” in %s has no aws_access_key_id and "
                              "aws_secret_access_key")
                         : _ ("There is no profile “%s” in %s"),
                   profile, path);
      return NULL;
    }
  {
    PrlCloudCredentials *c = prl_cloud_credentials_new (key_id, secret, token);

    memset (secret, 0, strlen (secret));
    if (token != NULL)
      memset (token, 0, strlen (token));
    return c;
  }
}

static PrlCloudCredentials *
read_environment (GError **error)
{
  const char *key_id = g_getenv ("AWS_ACCESS_KEY_ID");
  const char *secret = g_getenv ("AWS_SECRET_ACCESS_KEY");

  if (key_id == NULL || secret == NULL || key_id[0] == '\0' || secret[0] == '\0')
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          _ ("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; "
             "set both, or neither to type the keys"));
      return NULL;
    }
  return prl_cloud_credentials_new (key_id, secret, g_getenv ("AWS_SESSION_TOKEN"));
}

static void
set_echo (gboolean on)
{
  struct termios t;

  if (tcgetattr (STDIN_FILENO, &t) != 0)
    return;
  if (on)
    t.c_lflag |= ECHO;
  else
    t.c_lflag &= ~ECHO;
  tcsetattr (STDIN_FILENO, TCSANOW, &t);
}

/* One line of standard input without its end; %NULL at the end of input. */
static char *
read_line (GDataInputStream *in, gsize *total, GError **error)
{
  gsize length = 0;
  char *line = g_data_input_stream_read_line (in, &length, NULL, error);

  if (line == NULL)
    return NULL;
  *total += length;
  if (*total > MAX_STDIN)
    {
      memset (line, 0, length);
      g_free (line);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _ ("The standard input is too long to hold keys"));
      return NULL;
    }
  if (length > 0 && line[length - 1] == '\r')
    line[length - 1] = '\0';
  return line;
}

/* Two lines (key id, secret) or three (and a session token). On a
 * terminal, asks for each and does not echo the secret ones. */
static PrlCloudCredentials *
read_stdin (GError **error)
{
  g_autoptr (GInputStream) raw = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr (GDataInputStream) in = g_data_input_stream_new (raw);
  gboolean             tty = isatty (STDIN_FILENO);
  const char          *prompts[] = { N_ ("Access key ID: "), N_ ("Secret access key: "),
                                     N_ ("Session token (empty for none): ") };
  char                *values[3] = { NULL };
  PrlCloudCredentials *credentials = NULL;
  GError              *local_error = NULL;
  gsize                total = 0;

  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);
  for (guint i = 0; i < 3 && local_error == NULL; i++)
    {
      if (tty)
        {
          fputs (_ (prompts[i]), stderr);
          fflush (stderr);
          set_echo (i == 0);
        }
      values[i] = read_line (in, &total, &local_error);
      if (tty)
        {
          set_echo (TRUE);
          if (i > 0)
            fputs ("\n", stderr);
        }
      if (values[i] == NULL)
        break;
    }

  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (values[0] == NULL || values[1] == NULL)
    g_set_error_literal (
        error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        _ ("Give the access key ID and the secret access key on two lines "
           "of standard input (and a session token on a third), or set "
           "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile"));
  else
    {
      /* Anything after a third line is not a key: refuse rather than guess. */
      g_autofree char *extra = values[2] ? read_line (in, &total, NULL) : NULL;

      if (extra != NULL && g_strstrip (extra)[0] != '\0')
        g_set_error_literal (
            error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
            _ ("Standard input has more than three lines; give the access "
               "key ID, the secret access key and an optional session "
               "token, one per line"));
      else
        credentials
            = prl_cloud_credentials_new (g_strstrip (values[0]), g_strstrip (values[1]),
                                         values[2] ? g_strstrip (values[2]) : NULL);
    }

  for (guint i = 0; i < 3; i++)
    if (values[i] != NULL)
      {
        memset (values[i], 0, strlen (values[i]));
        g_free (values[i]);
      }
  return credentials;
}

/* An IBM API key: IBM_APIKEY, else one line of standard input (asked
 * for without echo on a terminal). */
static PrlCloudCredentials *
read_apikey (GError **error)
{
  const char *env = g_getenv ("IBM_APIKEY");
  g_autoptr (GInputStream) raw = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  PrlCloudCredentials *credentials;
  g_autofree char     *extra = NULL;
  gboolean             tty = isatty (STDIN_FILENO);
  gsize                total = 0;
  char                *line;

  if (env != NULL)
    return prl_cloud_credentials_new_apikey (env);
  raw = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  in = g_data_input_stream_new (raw);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);
  if (tty)
    {
      fputs (_ ("API key: "), stderr);
      fflush (stderr);
      set_echo (FALSE);
    }
  line = read_line (in, &total, error);
  if (tty)
    {
      set_echo (TRUE);
      fputs ("\n", stderr);
    }
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _ ("Give the API key in IBM_APIKEY or on one line of "
                                "standard input"));
      return NULL;
    }
  /* Anything after the key is not a key: refuse rather than guess. */
  if (!tty && (extra = read_line (in, &total, NULL)) != NULL
      && g_strstrip (extra)[0] != '\0')
    {
      memset (line, 0, strlen (line));
      g_free (line);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("Standard input has more than one line; give the API key "
                              "alone"));
      return NULL;
    }
  credentials = prl_cloud_credentials_new_apikey (g_strstrip (line));
  memset (line, 0, strlen (line));
  g_free (line);
  return credentials;
}

/* Options of the other kind are refused, not ignored: a user who gives
 * --bucket to an IBM account expects it to be used. */
static gboolean
refuse_options (const char *kind, const char *const *names, char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (values[i] != NULL)
      {
        prl_cli_print_error (_ ("--%s is not an option of “%s” accounts"), names[i],
                             kind);
        prl_cli_print_error ("%s", _ (ADD_USAGE));
        return FALSE;
      }
  return TRUE;
}

static int
accounts_add (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("aws NAME"));
  g_autoptr (PrlCloudAccounts) accounts = NULL;
  g_autoptr (PrlCloudAccount) account = NULL;
  g_autoptr (PrlCloudCredentials) credentials = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *region = NULL;
  g_autofree char   *bucket = NULL;
  g_autofree char   *prefix = NULL;
  g_autofree char   *endpoint = NULL;
  g_autofree char   *profile = NULL;
  g_autofree char   *role_arn = NULL;
  g_autofree char   *jobs = NULL;
  g_autofree char   *budget = NULL;
  g_autofree char   *url = NULL;
  g_autofree char   *iam_url = NULL;
  g_autofree char   *auth = NULL;
  guint              n_jobs = PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS;
  int                n_budget = PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET;
  gboolean           ibm;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_ ("IBM: the Speech to Text service instance URL"), N_ ("URL") },
    { "iam-url", 0, 0, G_OPTION_ARG_STRING, &iam_url,
      N_ ("IBM: the IAM token URL (default IBM Cloud’s)"), N_ ("URL") },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth,
      N_ ("IBM: iam (IBM Cloud, the default) or basic (Cloud Pak for Data)"),
      "iam|basic" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_ ("The bucket’s AWS region, such as us-east-1"), N_ ("REGION") },
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket,
      N_ ("The S3 bucket Parlance keeps its data in"), N_ ("BUCKET") },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
      N_ ("The folder in the bucket (no leading slash)"), N_ ("PREFIX") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_ ("An S3-compatible store’s https URL"), N_ ("URL") },
    { "role-arn", 0, 0, G_OPTION_ARG_STRING, &role_arn,
      N_ ("The IAM role Amazon Transcribe assumes to read the bucket"), N_ ("ARN") },
    { "jobs", 0, 0, G_OPTION_ARG_STRING, &jobs,
      N_ ("Transcription jobs run at once, 1 to 100 (default 5)"), N_ ("N") },
    { "training-budget", 0, 0, G_OPTION_ARG_STRING, &budget,
      N_ ("Cloud trainings allowed per month (default: no limit)"), N_ ("N") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_ ("Take the keys from this profile of ~/.aws/credentials"), N_ ("PROFILE") },
    { NULL },
  };

  if (!prl_cli_parse (
          context, entries,
          _ ("Add a cloud account. AWS keys come from --profile, else from "
             "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, else "
             "from standard input (key id, secret and an optional token, one per "
             "line). An IBM API key comes from IBM_APIKEY, else from standard "
             "input. Keys are kept in your keyring (Secret Service)."),
          &argc, &argv, 2, 2, "%s", _ (ADD_USAGE)))
    return PRL_CLI_EXIT_USAGE;

  if (!prl_cloud_account_check_kind (argv[1], &error))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }
  ibm = strcmp (argv[1], PRL_CLOUD_ACCOUNT_KIND_IBM) == 0;
  if (ibm)
    {
      const char *const aws_only[]
          = { "region", "bucket", "prefix", "endpoint", "role-arn", "profile", NULL };
      char *values[] = { region, bucket, prefix, endpoint, role_arn, profile };

      if (!refuse_options (argv[1], aws_only, values))
        return PRL_CLI_EXIT_USAGE;
      if (url == NULL)
        {
          prl_cli_print_error (_ ("An IBM Cloud account needs --url, the URL of its "
                                  "Speech to Text service instance"));
          prl_cli_print_error ("%s", _ (ADD_USAGE));
          return PRL_CLI_EXIT_USAGE;
        }
    }
  else
    {
      const char *const ibm_only[] = { "url", "iam-url", "auth", NULL };
      char             *values[] = { url, iam_url, auth };

      if (!refuse_options (argv[1], ibm_only, values))
        return PRL_CLI_EXIT_USAGE;
      if (region == NULL || bucket == NULL)
        {
          prl_cli_print_error (_ ("An account needs --region and --bucket"));
          prl_cli_print_error ("%s", _ (ADD_USAGE));
          return PRL_CLI_EXIT_USAGE;
        }
    }

  account = prl_cloud_account_new (argv[1], argv[2]);
  prl_cloud_account_set_region (account, region);
  prl_cloud_account_set_bucket (account, bucket);
  prl_cloud_account_set_prefix (account, prefix);
  prl_cloud_account_set_endpoint (account, endpoint);
  prl_cloud_account_set_role_arn (account, role_arn);
  prl_cloud_account_set_service_url (account, url);
  prl_cloud_account_set_iam_url (account, iam_url);
  if (auth != NULL)
    prl_cloud_account_set_auth (account, auth);
  /* Before asking for keys: a typo is reported at once. */
  if ((jobs != NULL && !prl_cloud_account_parse_concurrent_jobs (jobs, &n_jobs, &error))
      || (budget != NULL
          && !prl_cloud_account_parse_training_budget (budget, &n_budget, &error)))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }
  prl_cloud_account_set_concurrent_jobs (account, n_jobs);
  prl_cloud_account_set_training_budget (account, n_budget);
  if (!prl_cloud_account_validate (account, &error))
    {
      prl_cli_print_gerror (error);
      return PRL_CLI_EXIT_USAGE;
    }
  if (!(accounts = open_accounts ()))
    return PRL_CLI_EXIT_FAILURE;
  if (prl_cloud_accounts_lookup (accounts, argv[2]) != NULL)
    {
      g_autofree char *shown = prl_cli_escape (argv[2]);

      prl_cli_print_error (_ ("There is already an account named “%s”; choose another "
                              "name or remove it first"),
                           shown);
      return PRL_CLI_EXIT_FAILURE;
    }

  if (ibm)
    credentials = read_apikey (&error);
  else if (profile != NULL)
    credentials = read_profile (profile, &error);
  else if (g_getenv ("AWS_ACCESS_KEY_ID") != NULL || g_getenv ("AWS_SECRET_ACCESS_KEY"))
    credentials = read_environment (&error);
  else
    credentials = read_stdin (&error);
  if (credentials == NULL || !prl_cloud_credentials_validate (credentials, &error))
    return prl_cli_fail (error);

  prl_cloud_accounts_add_async (accounts, account, credentials, NULL,
                                prl_cli_store_result_cb, &result);
  if (!prl_cloud_accounts_add_finish (accounts, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);

  if (ibm)
    printf (_ ("Added the IBM Cloud account “%s”: %s. Its API key is in your keyring.\n"),
            prl_cloud_account_get_name (account), url);
  else
    printf (_ ("Added the account “%s”: bucket %s in %s. Its keys are in your "
               "keyring.\n"),
            prl_cloud_account_get_name (account), bucket, region);
  return PRL_CLI_EXIT_OK;
}

/* The masked key id of each account, or %NULL where the keyring has none;
 * @error tells why when the keyring itself failed. */
static char *
masked_key_id (PrlCloudAccounts *accounts, PrlCloudAccount *account, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PrlCloudCredentials) credentials = NULL;

  prl_cloud_accounts_lookup_credentials_async (accounts,
                                               prl_cloud_account_get_name (account), NULL,
                                               prl_cli_store_result_cb, &result);
  credentials = prl_cloud_accounts_lookup_credentials_finish (
      accounts, prl_cli_wait (&result), error);
  if (credentials == NULL)
    return NULL;
  /* An API key is never shown, not even in part: it is the whole secret. */
  if (credentials->apikey != NULL)
    return g_strdup (_ ("API key"));
  return prl_cloud_credentials_mask_key_id (credentials->access_key_id);
}

/* An optional field: null when not set, not "". */
static void
add_string_or_null (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL && value[0] != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static int
accounts_list (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PrlCloudAccounts) accounts = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GError) keyring_error = NULL;
  gboolean                 json = FALSE;
  guint                    n;
  g_autofree GOptionEntry *entries = prl_cli_json_entries (&json);

  if (!prl_cli_parse (context, entries,
                      _ ("List the cloud accounts. Keys are never shown; the "
                         "access key ID only as its first and last characters."),
                      &argc, &argv, 0, 0, "%s",
                      _ ("Usage: parlance-cli accounts list [--json]")))
    return PRL_CLI_EXIT_USAGE;
  if (!(accounts = open_accounts ()))
    return PRL_CLI_EXIT_FAILURE;

  n = g_list_model_get_n_items (G_LIST_MODEL (accounts));
  if (json)
    json_builder_begin_array (builder);
  else if (n == 0)
    printf ("%s\n", _ ("No cloud accounts. Add one with “parlance-cli accounts add”."));
  else
    printf ("%-20s %-5s %-15s %-30s %-14s %-4s %-6s %-25s %s\n", _ ("NAME"), _ ("KIND"),
            _ ("REGION"), _ ("BUCKET/PREFIX"), _ ("ACCESS KEY"), _ ("JOBS"), _ ("BUDGET"),
            _ ("ENDPOINT"), _ ("ROLE ARN"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlCloudAccount) a = g_list_model_get_item (G_LIST_MODEL (accounts), i);
      g_autoptr (GError) error = NULL;
      g_autofree char *masked = masked_key_id (accounts, a, &error);
      g_autofree char *where = NULL;
      g_autofree char *budget = NULL;

      /* One keyring failure is enough to report; a missing item is shown. */
      if (error != NULL && !keyring_error
          && !g_strrstr (error->message, prl_cloud_account_get_name (a)))
        keyring_error = g_steal_pointer (&error);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, prl_cloud_account_get_name (a));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, prl_cloud_account_get_kind (a));
          json_builder_set_member_name (builder, "region");
          json_builder_add_string_value (builder, prl_cloud_account_get_region (a));
          json_builder_set_member_name (builder, "bucket");
          json_builder_add_string_value (builder, prl_cloud_account_get_bucket (a));
          json_builder_set_member_name (builder, "prefix");
          json_builder_add_string_value (builder, prl_cloud_account_get_prefix (a));
          add_string_or_null (builder, "endpoint", prl_cloud_account_get_endpoint (a));
          add_string_or_null (builder, "role_arn", prl_cloud_account_get_role_arn (a));
          add_string_or_null (builder, "service_url",
                              prl_cloud_account_get_service_url (a));
          add_string_or_null (builder, "iam_url", prl_cloud_account_get_iam_url (a));
          add_string_or_null (
              builder, "auth",
              strcmp (prl_cloud_account_get_kind (a), PRL_CLOUD_ACCOUNT_KIND_IBM) == 0
                  ? prl_cloud_account_get_auth (a)
                  : NULL);
          json_builder_set_member_name (builder, "concurrent_jobs");
          json_builder_add_int_value (builder, prl_cloud_account_get_concurrent_jobs (a));
          /* null: no limit */
          json_builder_set_member_name (builder, "training_budget");
          if (prl_cloud_account_get_training_budget (a) >= 0)
            json_builder_add_int_value (builder,
                                        prl_cloud_account_get_training_budget (a));
          else
            json_builder_add_null_value (builder);
          add_string_or_null (builder, "access_key_id_masked", masked);
          json_builder_end_object (builder);
          continue;
        }
      if (strcmp (prl_cloud_account_get_kind (a), PRL_CLOUD_ACCOUNT_KIND_IBM) == 0)
        where = g_strdup_printf ("%s (%s)", prl_cloud_account_get_service_url (a),
                                 prl_cloud_account_get_auth (a));
      else
        where = prl_cloud_account_get_prefix (a)[0]
                    ? g_strdup_printf ("%s/%s", prl_cloud_account_get_bucket (a),
                                       prl_cloud_account_get_prefix (a))
                    : g_strdup (prl_cloud_account_get_bucket (a));
      budget = prl_cloud_account_get_training_budget (a) >= 0
                   ? g_strdup_printf ("%d", prl_cloud_account_get_training_budget (a))
                   /* Translators: a training budget without limit, at most 6 columns */
                   : g_strdup (_ ("none"));
      printf ("%-20s %-5s %-15s %-30s %-14s %-4u %-6s %-25s %s\n",
              prl_cloud_account_get_name (a), prl_cloud_account_get_kind (a),
              prl_cloud_account_get_region (a), where, masked ? masked : _ ("(missing)"),
              prl_cloud_account_get_concurrent_jobs (a), budget,
              prl_cloud_account_get_endpoint (a)[0] ? prl_cloud_account_get_endpoint (a)
                                                    : "-",
              prl_cloud_account_get_role_arn (a)[0] ? prl_cloud_account_get_role_arn (a)
                                                    : "-");
    }

  if (json)
    {
      json_builder_end_array (builder);
      prl_cli_print_json (builder);
    }
  if (keyring_error != NULL)
    prl_cli_print_gerror (keyring_error);
  return PRL_CLI_EXIT_OK;
}

static int
accounts_remove (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("NAME"));
  g_autoptr (PrlCloudAccounts) accounts = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  if (!prl_cli_parse (context, NULL,
                      _ ("Remove a cloud account and its keys from your keyring. "
                         "What Parlance stored in the bucket stays there."),
                      &argc, &argv, 1, 1, "%s",
                      _ ("Usage: parlance-cli accounts remove NAME")))
    return PRL_CLI_EXIT_USAGE;
  if (!(accounts = open_accounts ()))
    return PRL_CLI_EXIT_FAILURE;

  prl_cloud_accounts_remove_async (accounts, argv[1], NULL, prl_cli_store_result_cb,
                                   &result);
  if (!prl_cloud_accounts_remove_finish (accounts, prl_cli_wait (&result), &error))
    return prl_cli_fail (error);
  {
    g_autofree char *shown = prl_cli_escape (argv[1]);

    printf (_ ("Removed the account “%s” and its keys.\n"), shown);
  }
  return PRL_CLI_EXIT_OK;
}

/* An IBM account's base models, one a line: whether it takes language
 * customization, its name, rate and description. */
static void
print_base_models (GPtrArray *models)
{
  if (models == NULL || models->len == 0)
    return;
  printf ("\n%-14s %-32s %-9s %s\n", _ ("CUSTOMIZABLE"), _ ("BASE MODEL"), _ ("RATE"),
          _ ("DESCRIPTION"));
  for (guint i = 0; i < models->len; i++)
    {
      PrlWatsonBaseModel *model = g_ptr_array_index (models, i);
      g_autofree char    *rate = g_strdup_printf ("%u Hz", model->rate);

      printf ("%-14s %-32s %-9s %s\n",
              model->custom_language_model ? _ ("yes") : _ ("no"), model->name, rate,
              model->description ? model->description : "");
    }
  printf ("\n");
}

static int
accounts_test (PrlCliContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("NAME"));
  g_autoptr (PrlCloudAccounts) accounts = NULL;
  g_autoptr (PrlCloudAccountTestResult) test = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean passed;

  if (!prl_cli_parse (
          context, NULL,
          _ ("Test a cloud account. AWS: find its bucket, then list, write, read "
             "back and delete a small test object under its prefix; exits with 0 "
             "only when listing, writing and deleting all worked. IBM: list the "
             "service’s base models and which accept language customization; "
             "exits with 0 when at least one does."),
          &argc, &argv, 1, 1, "%s", _ ("Usage: parlance-cli accounts test NAME")))
    return PRL_CLI_EXIT_USAGE;
  if (!(accounts = open_accounts ()))
    return PRL_CLI_EXIT_FAILURE;

  prl_cloud_account_test_async (accounts, argv[1], NULL, prl_cli_store_result_cb,
                                &result);
  test = prl_cloud_account_test_finish (accounts, prl_cli_wait (&result), &error);
  if (test == NULL)
    return prl_cli_fail (error);

  for (guint i = 0; i < PRL_CLOUD_ACCOUNT_TEST_N_STEPS; i++)
    {
      PrlCloudAccountTestOutcome outcome
          = prl_cloud_account_test_result_get_outcome (test, i);
      const char *message = prl_cloud_account_test_result_get_message (test, i);

      if (!prl_cloud_account_test_result_has_step (test, i))
        continue;
      printf ("%-8s %s%s%s\n",
              outcome == PRL_CLOUD_ACCOUNT_TEST_PASSED   ? _ ("ok")
              : outcome == PRL_CLOUD_ACCOUNT_TEST_FAILED ? _ ("FAILED")
                                                         : _ ("skipped"),
              prl_cloud_account_test_step_describe (i), message ? ": " : "",
              message ? message : "");
    }
  print_base_models (prl_cloud_account_test_result_get_base_models (test));
  passed = prl_cloud_account_test_result_passed (test);
  if (passed)
    printf ("%s\n", prl_cloud_account_test_result_get_summary (test));
  else
    {
      /* The steps first, then the reason, also when both go to a pipe. */
      fflush (stdout);
      prl_cli_print_error ("%s", prl_cloud_account_test_result_get_summary (test));
    }
  return passed ? PRL_CLI_EXIT_OK : PRL_CLI_EXIT_FAILURE;
}

int
prl_cli_accounts (PrlCliContext *ctx, int argc, char **argv)
{
  static const PrlCliSubcommand subcommands[] = {
    { "add", accounts_add },
    { "list", accounts_list },
    { "remove", accounts_remove },
    { "test", accounts_test },
    { "models", prl_cli_accounts_models },
  };

  return prl_cli_dispatch_or_usage (
      ctx, argc, argv, subcommands, G_N_ELEMENTS (subcommands), "accounts",
      _ ("Usage: parlance-cli accounts add|list|remove|test|models"));
}
