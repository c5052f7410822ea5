/* prl-cloud-account.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-cloud-account.h"
#include "prl-transcribe-client.h"

/* A cloud account's non-secret settings (where Parlance keeps its data)
 * and the rules each field follows. The keys are a separate boxed type,
 * PrlCloudCredentials, so that an account object can be listed, copied
 * and shown without ever holding a secret.
 */

struct _PrlCloudAccount
{
  GObject parent_instance;

  char *kind;
  char *name;
  char *region;
  char *bucket;
  char *prefix;
  char *endpoint;
  char *role_arn;
  char *service_url;
  char *iam_url;
  char *auth;
  guint concurrent_jobs;
  int   training_budget;
};

G_DEFINE_FINAL_TYPE (PrlCloudAccount, prl_cloud_account, G_TYPE_OBJECT)

G_DEFINE_QUARK (PrlCloudAccountErrorQuark, prl_cloud_account_error)

G_DEFINE_BOXED_TYPE (PrlCloudCredentials,
                     prl_cloud_credentials,
                     prl_cloud_credentials_copy,
                     prl_cloud_credentials_free)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_REGION,
  PROP_BUCKET,
  PROP_PREFIX,
  PROP_ENDPOINT,
  PROP_ROLE_ARN,
  PROP_SERVICE_URL,
  PROP_IAM_URL,
  PROP_AUTH,
  PROP_CONCURRENT_JOBS,
  PROP_TRAINING_BUDGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
prl_cloud_account_finalize (GObject *object)
{
  PrlCloudAccount *self = PRL_CLOUD_ACCOUNT (object);

  g_free (self->kind);
  g_free (self->name);
  g_free (self->region);
  g_free (self->bucket);
  g_free (self->prefix);
  g_free (self->endpoint);
  g_free (self->role_arn);
  g_free (self->service_url);
  g_free (self->iam_url);
  g_free (self->auth);

  G_OBJECT_CLASS (prl_cloud_account_parent_class)->finalize (object);
}

static char **
field (PrlCloudAccount *self, guint prop_id)
{
  switch (prop_id)
    {
    case PROP_KIND:
      return &self->kind;
    case PROP_NAME:
      return &self->name;
    case PROP_REGION:
      return &self->region;
    case PROP_BUCKET:
      return &self->bucket;
    case PROP_PREFIX:
      return &self->prefix;
    case PROP_ENDPOINT:
      return &self->endpoint;
    case PROP_ROLE_ARN:
      return &self->role_arn;
    case PROP_SERVICE_URL:
      return &self->service_url;
    case PROP_IAM_URL:
      return &self->iam_url;
    case PROP_AUTH:
      return &self->auth;
    default:
      return NULL;
    }
}

static void
prl_cloud_account_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PrlCloudAccount *self = PRL_CLOUD_ACCOUNT (object);
  char           **slot = field (self, prop_id);

  if (prop_id == PROP_CONCURRENT_JOBS)
    g_value_set_uint (value, self->concurrent_jobs);
  else if (prop_id == PROP_TRAINING_BUDGET)
    g_value_set_int (value, self->training_budget);
  else if (slot == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *slot);
}

static void
set_field (PrlCloudAccount *self, guint prop_id, const char *value)
{
  char **slot = field (self, prop_id);

  /* Optional fields are "" rather than NULL, so callers never check. */
  if (g_strcmp0 (*slot, value ? value : "") == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
prl_cloud_account_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  if (prop_id == PROP_CONCURRENT_JOBS)
    prl_cloud_account_set_concurrent_jobs (PRL_CLOUD_ACCOUNT (object),
                                           g_value_get_uint (value));
  else if (prop_id == PROP_TRAINING_BUDGET)
    prl_cloud_account_set_training_budget (PRL_CLOUD_ACCOUNT (object),
                                           g_value_get_int (value));
  else if (field (PRL_CLOUD_ACCOUNT (object), prop_id) == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    set_field (PRL_CLOUD_ACCOUNT (object), prop_id, g_value_get_string (value));
}

static void
prl_cloud_account_class_init (PrlCloudAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = prl_cloud_account_finalize;
  object_class->get_property = prl_cloud_account_get_property;
  object_class->set_property = prl_cloud_account_set_property;

  properties[PROP_KIND] = g_param_spec_string (
      "kind", NULL, NULL, PRL_CLOUD_ACCOUNT_KIND_AWS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, "", flags);
  properties[PROP_BUCKET] = g_param_spec_string ("bucket", NULL, NULL, "", flags);
  properties[PROP_PREFIX] = g_param_spec_string ("prefix", NULL, NULL, "", flags);
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, "", flags);
  properties[PROP_ROLE_ARN] = g_param_spec_string ("role-arn", NULL, NULL, "", flags);
  properties[PROP_SERVICE_URL]
      = g_param_spec_string ("service-url", NULL, NULL, "", flags);
  properties[PROP_IAM_URL] = g_param_spec_string ("iam-url", NULL, NULL, "", flags);
  properties[PROP_AUTH]
      = g_param_spec_string ("auth", NULL, NULL, PRL_CLOUD_ACCOUNT_AUTH_IAM, flags);
  /* The ranges are checked by validate() with a message, not by GObject. */
  properties[PROP_CONCURRENT_JOBS]
      = g_param_spec_uint ("concurrent-jobs", NULL, NULL, 0, G_MAXUINT,
                           PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS, flags);
  properties[PROP_TRAINING_BUDGET]
      = g_param_spec_int ("training-budget", NULL, NULL, G_MININT, G_MAXINT,
                          PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_cloud_account_init (PrlCloudAccount *self)
{
  self->kind = g_strdup (PRL_CLOUD_ACCOUNT_KIND_AWS);
  self->name = g_strdup ("");
  self->region = g_strdup ("");
  self->bucket = g_strdup ("");
  self->prefix = g_strdup ("");
  self->endpoint = g_strdup ("");
  self->role_arn = g_strdup ("");
  self->service_url = g_strdup ("");
  self->iam_url = g_strdup ("");
  self->auth = g_strdup (PRL_CLOUD_ACCOUNT_AUTH_IAM);
  self->concurrent_jobs = PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS;
  self->training_budget = PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET;
}

PrlCloudAccount *
prl_cloud_account_new (const char *kind, const char *name)
{
  return g_object_new (PRL_TYPE_CLOUD_ACCOUNT, "kind", kind, "name", name, NULL);
}

/**
 * prl_cloud_account_copy:
 *
 * Returns: (transfer full): a new account with the same fields, for an
 *   edit that may be given up
 */
PrlCloudAccount *
prl_cloud_account_copy (PrlCloudAccount *self)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (self), NULL);

  return g_object_new (
      PRL_TYPE_CLOUD_ACCOUNT, "kind", self->kind, "name", self->name, "region",
      self->region, "bucket", self->bucket, "prefix", self->prefix, "endpoint",
      self->endpoint, "role-arn", self->role_arn, "service-url", self->service_url,
      "iam-url", self->iam_url, "auth", self->auth, "concurrent-jobs",
      self->concurrent_jobs, "training-budget", self->training_budget, NULL);
}

#define ACCESSORS(what, PROP)                                                            \
  const char *prl_cloud_account_get_##what (PrlCloudAccount *self)                       \
  {                                                                                      \
    g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (self), NULL);                            \
    return self->what;                                                                   \
  }                                                                                      \
  void prl_cloud_account_set_##what (PrlCloudAccount *self, const char *value)           \
  {                                                                                      \
    g_return_if_fail (PRL_IS_CLOUD_ACCOUNT (self));                                      \
    set_field (self, PROP, value);                                                       \
  }

const char *
prl_cloud_account_get_kind (PrlCloudAccount *self)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (self), NULL);
  return self->kind;
}

ACCESSORS (name, PROP_NAME)
ACCESSORS (region, PROP_REGION)
ACCESSORS (bucket, PROP_BUCKET)
ACCESSORS (prefix, PROP_PREFIX)
ACCESSORS (endpoint, PROP_ENDPOINT)
ACCESSORS (role_arn, PROP_ROLE_ARN)
ACCESSORS (service_url, PROP_SERVICE_URL)
ACCESSORS (iam_url, PROP_IAM_URL)
ACCESSORS (auth, PROP_AUTH)

guint
prl_cloud_account_get_concurrent_jobs (PrlCloudAccount *self)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (self), 0);
  return self->concurrent_jobs;
}

void
prl_cloud_account_set_concurrent_jobs (PrlCloudAccount *self, guint n_jobs)
{
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNT (self));

  if (self->concurrent_jobs == n_jobs)
    return;
  self->concurrent_jobs = n_jobs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONCURRENT_JOBS]);
}

int
prl_cloud_account_get_training_budget (PrlCloudAccount *self)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (self), PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET);
  return self->training_budget;
}

void
prl_cloud_account_set_training_budget (PrlCloudAccount *self, int budget)
{
  g_return_if_fail (PRL_IS_CLOUD_ACCOUNT (self));

  if (self->training_budget == budget)
    return;
  self->training_budget = budget;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING_BUDGET]);
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID,
                       message);
  return FALSE;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

gboolean
prl_cloud_account_check_kind (const char *kind, GError **error)
{
  if (g_strcmp0 (kind, PRL_CLOUD_ACCOUNT_KIND_AWS) == 0
      || g_strcmp0 (kind, PRL_CLOUD_ACCOUNT_KIND_IBM) == 0)
    return TRUE;
  return invalid (error, _ ("An account is either Amazon Web Services (“aws”) or IBM "
                            "Cloud (“ibm”)"));
}

gboolean
prl_cloud_account_check_name (const char *name, GError **error)
{
  glong length;

  if (is_empty (name))
    return invalid (error, _ ("The account needs a name"));
  if (!g_utf8_validate (name, -1, NULL))
    return invalid (error, _ ("The account name is not valid text"));
  length = g_utf8_strlen (name, -1);
  if (length > 64)
    return invalid (error, _ ("The account name is longer than 64 characters"));
  if (name[0] == ' ' || name[strlen (name) - 1] == ' ')
    return invalid (error, _ ("The account name cannot start or end with a space"));
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '.' && c != '_' && c != '-' && c != ' ')
        return invalid (error, _ ("The account name may only contain letters, digits, "
                                  "spaces, dots, dashes and underscores"));
    }
  return TRUE;
}

/* us-east-1, eu-central-2, us-gov-west-1, ap-southeast-4: two letters,
 * one or more words, a number. */
gboolean
prl_cloud_account_check_region (const char *region, GError **error)
{
  if (is_empty (region))
    return invalid (error, _ ("The account needs a region, such as us-east-1"));
  if (strlen (region) > 32
      || !g_regex_match_simple ("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", region, 0, 0))
    return invalid (error,
                    _ ("The region does not look like an AWS region; write it like "
                       "us-east-1 or eu-west-2"));
  return TRUE;
}

static gboolean
looks_like_ipv4 (const char *text)
{
  return g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", text, 0, 0);
}

/* S3's bucket naming rules for general purpose buckets. */
gboolean
prl_cloud_account_check_bucket (const char *bucket, GError **error)
{
  static const char *const bad_prefixes[] = { "xn--", "sthree-", "amzn-s3-demo-" };
  static const char *const bad_suffixes[]
      = { "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3" };
  gsize length;

  if (is_empty (bucket))
    return invalid (error, _ ("The account needs an S3 bucket"));
  length = strlen (bucket);
  if (length < 3 || length > 63)
    return invalid (error, _ ("A bucket name has 3 to 63 characters"));
  for (const char *p = bucket; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '-')
      return invalid (error,
                      _ ("A bucket name may only contain lowercase letters, digits, "
                         "dots and dashes"));
  if (!g_ascii_isalnum (bucket[0]) || !g_ascii_isalnum (bucket[length - 1]))
    return invalid (error,
                    _ ("A bucket name must start and end with a letter or a digit"));
  if (strstr (bucket, "..") != NULL)
    return invalid (error, _ ("A bucket name cannot have two dots in a row"));
  if (looks_like_ipv4 (bucket))
    return invalid (error, _ ("A bucket name cannot look like an IP address"));
  for (guint i = 0; i < G_N_ELEMENTS (bad_prefixes); i++)
    if (g_str_has_prefix (bucket, bad_prefixes[i]))
      return invalid (error, _ ("That bucket name starts with a prefix S3 reserves"));
  for (guint i = 0; i < G_N_ELEMENTS (bad_suffixes); i++)
    if (g_str_has_suffix (bucket, bad_suffixes[i]))
      return invalid (error, _ ("That bucket name ends with a suffix S3 reserves"));
  return TRUE;
}

/* The folder of the bucket Parlance writes under; object keys are
 * PREFIX/blobs/…, so "." and ".." segments and empty ones are refused:
 * S3 would keep them literally and other tools would not find them. */
gboolean
prl_cloud_account_check_prefix (const char *prefix, GError **error)
{
  g_auto (GStrv) segments = NULL;
  gsize length;

  if (is_empty (prefix))
    return TRUE;
  if (!g_utf8_validate (prefix, -1, NULL))
    return invalid (error, _ ("The key prefix is not valid text"));
  if (prefix[0] == '/')
    return invalid (error, _ ("The key prefix cannot start with a slash"));
  length = strlen (prefix);
  if (length > 512)
    return invalid (error, _ ("The key prefix is longer than 512 bytes"));
  for (const char *p = prefix; *p; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f || *p == '\\')
      return invalid (error, _ ("The key prefix cannot contain control characters or "
                                "backslashes"));
  segments = g_strsplit (prefix, "/", -1);
  for (guint i = 0; segments[i]; i++)
    {
      /* A trailing slash is fine: "parlance/" is the folder parlance. */
      if (segments[i][0] == '\0' && segments[i + 1] == NULL)
        break;
      if (segments[i][0] == '\0')
        return invalid (error, _ ("The key prefix cannot have two slashes in a row"));
      if (strcmp (segments[i], ".") == 0 || strcmp (segments[i], "..") == 0)
        return invalid (error, _ ("The key prefix cannot have “.” or “..” as a folder"));
    }
  return TRUE;
}

/* An S3-compatible store's address. Plain http would send the requests
 * (signed, but readable) over the network, so only a store on this
 * computer may use it. The URL is never repeated in a message: it could
 * hold a password the user pasted by mistake. */
gboolean
prl_cloud_account_check_endpoint (const char *endpoint, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (is_empty (endpoint))
    return TRUE;
  uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return invalid (error, _ ("The endpoint is not a URL; write it like "
                              "https://s3.example.com"));
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_uri_get_userinfo (uri) != NULL)
    return invalid (error, _ ("The endpoint URL cannot contain a user name or password; "
                              "give the keys in their own fields"));
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (g_ascii_strcasecmp (host, "localhost") != 0 && strcmp (host, "127.0.0.1") != 0
          && strcmp (host, "::1") != 0)
        return invalid (error,
                        _ ("The endpoint must use https; plain http is only allowed "
                           "for a server on this computer (localhost or 127.0.0.1)"));
    }
  else if (g_ascii_strcasecmp (scheme, "https") != 0)
    return invalid (error, _ ("The endpoint must be an https:// URL"));
  path = g_uri_get_path (uri);
  if ((path[0] != '\0' && strcmp (path, "/") != 0) || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    return invalid (error,
                    _ ("The endpoint is the server’s address only, without a path; "
                       "write it like https://s3.example.com"));
  return TRUE;
}

static gboolean is_token_text (const char *text);

typedef enum
{
  URL_OK,
  URL_NOT_URL,
  URL_USERINFO,
  URL_PLAIN_HTTP,
  URL_SCHEME,
  URL_QUERY,
} UrlProblem;

/* An IBM URL: https, or plain http for a server on this computer (the
 * tests' stand-in); a path is fine, a password, query or fragment not. */
static UrlProblem
check_ibm_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return URL_NOT_URL;
  host = g_uri_get_host (uri);
  if (g_uri_get_userinfo (uri) != NULL)
    return URL_USERINFO;
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return URL_QUERY;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0)
    return g_ascii_strcasecmp (host, "localhost") == 0 || strcmp (host, "127.0.0.1") == 0
                   || strcmp (host, "::1") == 0
               ? URL_OK
               : URL_PLAIN_HTTP;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return URL_SCHEME;
  return URL_OK;
}

/* The host of an IBM Watson service other than Speech to Text
 * (api.REGION.text-to-speech.watson.cloud.ibm.com, ...), or NULL. */
static char *
other_watson_service (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_auto (GStrv) labels = NULL;
  guint n;

  if (host == NULL || !g_str_has_suffix (host, ".watson.cloud.ibm.com"))
    return NULL;
  labels = g_strsplit (host, ".", -1);
  n = g_strv_length (labels);
  /* api . REGION . SERVICE . watson . cloud . ibm . com */
  if (n < 5 || strcmp (labels[n - 5], "speech-to-text") == 0)
    return NULL;
  return g_strdup (labels[n - 5]);
}

/* The URL of the user's Speech to Text instance, as IBM Cloud shows it
 * under the service credentials. */
gboolean
prl_cloud_account_check_service_url (const char *service_url, GError **error)
{
  g_autofree char *other = NULL;

  if (is_empty (service_url))
    return invalid (error, _ ("The account needs the URL of its Speech to Text service "
                              "instance; copy it from the service credentials in IBM "
                              "Cloud"));
  switch (check_ibm_url (service_url))
    {
    case URL_NOT_URL:
      return invalid (error,
                      _ ("The service URL is not a URL; write it like "
                         "https://api.us-south.speech-to-text.watson.cloud.ibm.com/"
                         "instances/ID"));
    case URL_USERINFO:
      return invalid (error, _ ("The service URL cannot contain a user name or password; "
                                "give the API key in its own field"));
    case URL_QUERY:
      return invalid (error, _ ("The service URL cannot have a query (“?…”) or a "
                                "fragment (“#…”); copy the instance URL alone"));
    case URL_PLAIN_HTTP:
    case URL_SCHEME:
      return invalid (error, _ ("The service URL must use https; plain http is only "
                                "allowed for a server on this computer"));
    case URL_OK:
    default:
      break;
    }
  other = other_watson_service (service_url);
  if (other != NULL)
    {
      g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID,
                   _ ("The service URL belongs to another IBM Watson service (“%s”); "
                      "use the URL of a Speech to Text instance"),
                   other);
      return FALSE;
    }
  return TRUE;
}

/* Optional: empty is IBM Cloud's own IAM. */
gboolean
prl_cloud_account_check_iam_url (const char *iam_url, GError **error)
{
  if (is_empty (iam_url))
    return TRUE;
  switch (check_ibm_url (iam_url))
    {
    case URL_OK:
      return TRUE;
    case URL_USERINFO:
      return invalid (error, _ ("The IAM token URL cannot contain a user name or "
                                "password"));
    case URL_PLAIN_HTTP:
    case URL_SCHEME:
      return invalid (error, _ ("The IAM token URL must use https; plain http is only "
                                "allowed for a server on this computer"));
    case URL_NOT_URL:
    case URL_QUERY:
    default:
      return invalid (error, _ ("The IAM token URL is not a URL; leave it empty for IBM "
                                "Cloud’s https://iam.cloud.ibm.com/identity/token"));
    }
}

gboolean
prl_cloud_account_check_auth (const char *auth, GError **error)
{
  if (g_strcmp0 (auth, PRL_CLOUD_ACCOUNT_AUTH_IAM) == 0
      || g_strcmp0 (auth, PRL_CLOUD_ACCOUNT_AUTH_BASIC) == 0)
    return TRUE;
  return invalid (error, _ ("The authentication is “iam” (IBM Cloud) or “basic” "
                            "(Cloud Pak for Data)"));
}

/* IBM API keys are 44 URL-safe characters; Cloud Pak makes other ones.
 * No key is ever echoed. */
gboolean
prl_cloud_account_check_apikey (const char *apikey, GError **error)
{
  if (is_empty (apikey))
    return invalid (error, _ ("The account needs an API key"));
  if (strlen (apikey) > 512 || !is_token_text (apikey))
    return invalid (error, _ ("The API key has spaces or characters a key cannot have; "
                              "check that it was copied whole"));
  return TRUE;
}

/* Optional: an account may be used for storage only. When given, it has
 * the shape Transcribe accepts, with Transcribe's own message. */
gboolean
prl_cloud_account_check_role_arn (const char *role_arn, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (is_empty (role_arn) || prl_transcribe_check_role_arn (role_arn, &local_error))
    return TRUE;
  return invalid (error, local_error->message);
}

gboolean
prl_cloud_account_check_concurrent_jobs (guint n_jobs, GError **error)
{
  if (n_jobs >= 1 && n_jobs <= PRL_CLOUD_ACCOUNT_MAX_CONCURRENT_JOBS)
    return TRUE;
  g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID,
               _ ("The number of transcription jobs run at once must be 1 to %d"),
               PRL_CLOUD_ACCOUNT_MAX_CONCURRENT_JOBS);
  return FALSE;
}

gboolean
prl_cloud_account_check_training_budget (int budget, GError **error)
{
  if (budget == PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET
      || (budget >= 0 && budget <= PRL_CLOUD_ACCOUNT_MAX_TRAINING_BUDGET))
    return TRUE;
  g_set_error (error, PRL_CLOUD_ACCOUNT_ERROR, PRL_CLOUD_ACCOUNT_ERROR_INVALID,
               _ ("The training budget must be 0 to %d trainings a month, or empty "
                  "for no limit"),
               PRL_CLOUD_ACCOUNT_MAX_TRAINING_BUDGET);
  return FALSE;
}

/* A whole decimal number without sign, spaces around it allowed. */
static gboolean
parse_count (const char *text, guint64 max, guint64 *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  return copy[0] != '-' && copy[0] != '+'
         && g_ascii_string_to_unsigned (copy, 10, 0, max, value, NULL);
}

gboolean
prl_cloud_account_parse_concurrent_jobs (const char *text, guint *n_jobs, GError **error)
{
  guint64 value = 0;

  if (!parse_count (text, G_MAXUINT, &value))
    value = 0;
  if (!prl_cloud_account_check_concurrent_jobs ((guint)value, error))
    return FALSE;
  *n_jobs = (guint)value;
  return TRUE;
}

gboolean
prl_cloud_account_parse_training_budget (const char *text, int *budget, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  guint64          value = 0;

  if (copy[0] == '\0')
    {
      *budget = PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET;
      return TRUE;
    }
  if (!parse_count (copy, PRL_CLOUD_ACCOUNT_MAX_TRAINING_BUDGET, &value))
    return prl_cloud_account_check_training_budget (-2, error);
  *budget = (int)value;
  return TRUE;
}

static gboolean
is_token_text (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f)
      return FALSE;
  return TRUE;
}

/* AWS key ids are 16 to 128 letters and digits (AKIA…, ASIA…); other
 * S3-compatible stores make shorter ones. No secret is ever echoed. */
gboolean
prl_cloud_account_check_access_key_id (const char *access_key_id, GError **error)
{
  gsize length;

  if (is_empty (access_key_id))
    return invalid (error, _ ("The account needs an access key ID"));
  length = strlen (access_key_id);
  if (length < 3 || length > 128)
    return invalid (error, _ ("An access key ID has 3 to 128 characters"));
  for (const char *p = access_key_id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return invalid (error, _ ("An access key ID may only contain letters and digits; "
                                "check that it was copied whole"));
  return TRUE;
}

gboolean
prl_cloud_account_check_secret_key (const char *secret_access_key, GError **error)
{
  if (is_empty (secret_access_key))
    return invalid (error, _ ("The account needs a secret access key"));
  if (strlen (secret_access_key) > 256 || !is_token_text (secret_access_key))
    return invalid (error, _ ("The secret access key has spaces or characters a key "
                              "cannot have; check that it was copied whole"));
  return TRUE;
}

gboolean
prl_cloud_account_check_session_token (const char *session_token, GError **error)
{
  if (is_empty (session_token))
    return TRUE;
  if (strlen (session_token) > 8192 || !is_token_text (session_token))
    return invalid (error, _ ("The session token has spaces or characters a token cannot "
                              "have; check that it was copied whole"));
  return TRUE;
}

/**
 * prl_cloud_account_validate:
 *
 * Checks every non-secret field; the first one that breaks its rules is
 * named in @error (%PRL_CLOUD_ACCOUNT_ERROR_INVALID).
 */
gboolean
prl_cloud_account_validate (PrlCloudAccount *self, GError **error)
{
  g_return_val_if_fail (PRL_IS_CLOUD_ACCOUNT (self), FALSE);

  if (!prl_cloud_account_check_kind (self->kind, error)
      || !prl_cloud_account_check_name (self->name, error))
    return FALSE;
  /* An IBM account keeps no bucket: Watson takes the training text itself. */
  if (strcmp (self->kind, PRL_CLOUD_ACCOUNT_KIND_IBM) == 0)
    return prl_cloud_account_check_service_url (self->service_url, error)
           && prl_cloud_account_check_auth (self->auth, error)
           && (strcmp (self->auth, PRL_CLOUD_ACCOUNT_AUTH_BASIC) == 0
               || prl_cloud_account_check_iam_url (self->iam_url, error))
           && prl_cloud_account_check_concurrent_jobs (self->concurrent_jobs, error)
           && prl_cloud_account_check_training_budget (self->training_budget, error);
  return prl_cloud_account_check_region (self->region, error)
         && prl_cloud_account_check_bucket (self->bucket, error)
         && prl_cloud_account_check_prefix (self->prefix, error)
         && prl_cloud_account_check_endpoint (self->endpoint, error)
         && prl_cloud_account_check_role_arn (self->role_arn, error)
         && prl_cloud_account_check_concurrent_jobs (self->concurrent_jobs, error)
         && prl_cloud_account_check_training_budget (self->training_budget, error);
}

PrlCloudCredentials *
prl_cloud_credentials_new (const char *access_key_id,
                           const char *secret_access_key,
                           const char *session_token)
{
  PrlCloudCredentials *self = g_new0 (PrlCloudCredentials, 1);

  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = is_empty (session_token) ? NULL : g_strdup (session_token);
  return self;
}

PrlCloudCredentials *
prl_cloud_credentials_new_apikey (const char *apikey)
{
  PrlCloudCredentials *self = g_new0 (PrlCloudCredentials, 1);

  self->apikey = g_strdup (apikey ? apikey : "");
  return self;
}

PrlCloudCredentials *
prl_cloud_credentials_copy (const PrlCloudCredentials *self)
{
  if (self->apikey != NULL)
    return prl_cloud_credentials_new_apikey (self->apikey);
  return prl_cloud_credentials_new (self->access_key_id, self->secret_access_key,
                                    self->session_token);
}

static void
wipe (char *text)
{
  if (text != NULL)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

/* Secrets are overwritten before their memory goes back to the heap. */
void
prl_cloud_credentials_free (PrlCloudCredentials *self)
{
  if (self == NULL)
    return;
  wipe (self->access_key_id);
  wipe (self->secret_access_key);
  wipe (self->session_token);
  wipe (self->apikey);
  g_free (self);
}

gboolean
prl_cloud_credentials_validate (const PrlCloudCredentials *self, GError **error)
{
  if (self->apikey != NULL)
    return prl_cloud_account_check_apikey (self->apikey, error);
  return prl_cloud_account_check_access_key_id (self->access_key_id, error)
         && prl_cloud_account_check_secret_key (self->secret_access_key, error)
         && prl_cloud_account_check_session_token (self->session_token, error);
}

gboolean
prl_cloud_credentials_fit_kind (const PrlCloudCredentials *self,
                                const char                *kind,
                                GError                   **error)
{
  gboolean ibm = g_strcmp0 (kind, PRL_CLOUD_ACCOUNT_KIND_IBM) == 0;

  if (ibm == (self->apikey != NULL))
    return TRUE;
  return invalid (error, ibm ? _ ("An IBM Cloud account needs an API key, not AWS keys")
                             : _ ("An Amazon Web Services account needs an access key "
                                  "ID and a secret access key, not an API key"));
}

/**
 * prl_cloud_credentials_mask_key_id:
 *
 * The key id as AWS consoles show it, enough to tell keys apart:
 * AKIA…WXYZ. Short ids show only their last characters.
 *
 * Returns: (transfer full): the masked id
 */
char *
prl_cloud_credentials_mask_key_id (const char *access_key_id)
{
  gsize length = access_key_id ? strlen (access_key_id) : 0;

  if (length >= 12)
    return g_strdup_printf ("%.4s…%s", access_key_id, access_key_id + length - 4);
  if (length >= 6)
    return g_strdup_printf ("…%s", access_key_id + length - 2);
  return g_strdup ("…");
}
