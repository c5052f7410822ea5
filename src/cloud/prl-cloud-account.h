/* prl-cloud-account.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRL_CLOUD_ACCOUNT_ERROR (prl_cloud_account_error_quark ())

typedef enum
{
  /* A field breaks its rules; the message says which and why. */
  PRL_CLOUD_ACCOUNT_ERROR_INVALID,
  /* Another account has that name. */
  PRL_CLOUD_ACCOUNT_ERROR_EXISTS,
  /* No account has that name. */
  PRL_CLOUD_ACCOUNT_ERROR_NOT_FOUND,
  /* The keyring is missing or locked, or lacks the account's keys. */
  PRL_CLOUD_ACCOUNT_ERROR_KEYRING,
  /* accounts.ini could not be read or written. */
  PRL_CLOUD_ACCOUNT_ERROR_STORE,
} PrlCloudAccountError;

/* Amazon Web Services (S3 + Transcribe) and IBM Cloud (Watson Speech to
 * Text). */
#define PRL_CLOUD_ACCOUNT_KIND_AWS "aws"
#define PRL_CLOUD_ACCOUNT_KIND_IBM "ibm"

/* How an IBM account authenticates: IAM tokens (IBM Cloud, the default)
 * or Basic apikey:KEY (Cloud Pak for Data installations). */
#define PRL_CLOUD_ACCOUNT_AUTH_IAM   "iam"
#define PRL_CLOUD_ACCOUNT_AUTH_BASIC "basic"
/* IBM Cloud's IAM token endpoint, used when an account names none. */
#define PRL_CLOUD_ACCOUNT_DEFAULT_IAM_URL "https://iam.cloud.ibm.com/identity/token"

/* Transcription jobs an account runs at once unless told otherwise, and
 * the range allowed (Transcribe's own quota is 100 per account). */
#define PRL_CLOUD_ACCOUNT_DEFAULT_CONCURRENT_JOBS 5
#define PRL_CLOUD_ACCOUNT_MAX_CONCURRENT_JOBS     100
/* The training budget of an account without one: no limit. */
#define PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET        (-1)
#define PRL_CLOUD_ACCOUNT_MAX_TRAINING_BUDGET     10000

#define PRL_TYPE_CLOUD_ACCOUNT (prl_cloud_account_get_type ())

G_DECLARE_FINAL_TYPE (PrlCloudAccount, prl_cloud_account, PRL, CLOUD_ACCOUNT, GObject)

#define PRL_TYPE_CLOUD_CREDENTIALS (prl_cloud_credentials_get_type ())

/* The secret part of an account: kept only in the Secret Service. */
typedef struct
{
  char *access_key_id;
  char *secret_access_key;
  /* (nullable): temporary credentials only */
  char *session_token;
  /* IBM accounts: the API key; the three above are then NULL. */
  char *apikey;
} PrlCloudCredentials;

GQuark               prl_cloud_account_error_quark   (void);

PrlCloudAccount     *prl_cloud_account_new           (const char       *kind,
                                                      const char       *name);
PrlCloudAccount     *prl_cloud_account_copy          (PrlCloudAccount  *self);
const char          *prl_cloud_account_get_kind      (PrlCloudAccount  *self);
const char          *prl_cloud_account_get_name      (PrlCloudAccount  *self);
void                 prl_cloud_account_set_name      (PrlCloudAccount  *self,
                                                      const char       *name);
const char          *prl_cloud_account_get_region    (PrlCloudAccount  *self);
void                 prl_cloud_account_set_region    (PrlCloudAccount  *self,
                                                      const char       *region);
const char          *prl_cloud_account_get_bucket    (PrlCloudAccount  *self);
void                 prl_cloud_account_set_bucket    (PrlCloudAccount  *self,
                                                      const char       *bucket);
const char          *prl_cloud_account_get_prefix    (PrlCloudAccount  *self);
void                 prl_cloud_account_set_prefix    (PrlCloudAccount  *self,
                                                      const char       *prefix);
const char          *prl_cloud_account_get_endpoint  (PrlCloudAccount  *self);
void                 prl_cloud_account_set_endpoint  (PrlCloudAccount  *self,
                                                      const char       *endpoint);
/* The IAM role Amazon Transcribe assumes to read the bucket
 * (DataAccessRoleArn); "" when not set. AWS accounts only. */
const char          *prl_cloud_account_get_role_arn  (PrlCloudAccount  *self);
void                 prl_cloud_account_set_role_arn  (PrlCloudAccount  *self,
                                                      const char       *role_arn);
/* IBM accounts: the Speech to Text service instance URL, the IAM token
 * URL ("" for PRL_CLOUD_ACCOUNT_DEFAULT_IAM_URL) and the authentication,
 * PRL_CLOUD_ACCOUNT_AUTH_IAM or _BASIC. */
const char          *prl_cloud_account_get_service_url (PrlCloudAccount *self);
void                 prl_cloud_account_set_service_url (PrlCloudAccount *self,
                                                        const char      *service_url);
const char          *prl_cloud_account_get_iam_url     (PrlCloudAccount *self);
void                 prl_cloud_account_set_iam_url     (PrlCloudAccount *self,
                                                        const char      *iam_url);
const char          *prl_cloud_account_get_auth        (PrlCloudAccount *self);
void                 prl_cloud_account_set_auth        (PrlCloudAccount *self,
                                                        const char      *auth);
guint                prl_cloud_account_get_concurrent_jobs (PrlCloudAccount *self);
void                 prl_cloud_account_set_concurrent_jobs (PrlCloudAccount *self,
                                                            guint            n_jobs);
/* Trainings per calendar month, or PRL_CLOUD_ACCOUNT_UNLIMITED_BUDGET. */
int                  prl_cloud_account_get_training_budget (PrlCloudAccount *self);
void                 prl_cloud_account_set_training_budget (PrlCloudAccount *self,
                                                            int              budget);
gboolean             prl_cloud_account_validate      (PrlCloudAccount  *self,
                                                      GError          **error);

/* Each field's rules, for the CLI and for validation as the user types.
 * Optional fields accept NULL and "". */
gboolean prl_cloud_account_check_kind          (const char  *kind,
                                                GError     **error);
gboolean prl_cloud_account_check_name          (const char  *name,
                                                GError     **error);
gboolean prl_cloud_account_check_region        (const char  *region,
                                                GError     **error);
gboolean prl_cloud_account_check_bucket        (const char  *bucket,
                                                GError     **error);
gboolean prl_cloud_account_check_prefix        (const char  *prefix,
                                                GError     **error);
gboolean prl_cloud_account_check_endpoint      (const char  *endpoint,
                                                GError     **error);
gboolean prl_cloud_account_check_role_arn      (const char  *role_arn,
                                                GError     **error);
gboolean prl_cloud_account_check_service_url   (const char  *service_url,
                                                GError     **error);
gboolean prl_cloud_account_check_iam_url       (const char  *iam_url,
                                                GError     **error);
gboolean prl_cloud_account_check_auth          (const char  *auth,
                                                GError     **error);
gboolean prl_cloud_account_check_apikey        (const char  *apikey,
                                                GError     **error);
gboolean prl_cloud_account_check_concurrent_jobs (guint     n_jobs,
                                                  GError  **error);
gboolean prl_cloud_account_check_training_budget (int       budget,
                                                  GError  **error);
/* The numbers as typed in a form or on the command line: jobs must be a
 * whole number 1-100; an empty budget means unlimited. */
gboolean prl_cloud_account_parse_concurrent_jobs (const char *text,
                                                  guint      *n_jobs,
                                                  GError    **error);
gboolean prl_cloud_account_parse_training_budget (const char *text,
                                                  int        *budget,
                                                  GError    **error);
gboolean prl_cloud_account_check_access_key_id (const char  *access_key_id,
                                                GError     **error);
gboolean prl_cloud_account_check_secret_key    (const char  *secret_access_key,
                                                GError     **error);
gboolean prl_cloud_account_check_session_token (const char  *session_token,
                                                GError     **error);

GType                prl_cloud_credentials_get_type  (void) G_GNUC_CONST;
PrlCloudCredentials *prl_cloud_credentials_new       (const char                *access_key_id,
                                                      const char                *secret_access_key,
                                                      const char                *session_token);
/* An IBM account's credentials: its API key only. */
PrlCloudCredentials *prl_cloud_credentials_new_apikey (const char               *apikey);
PrlCloudCredentials *prl_cloud_credentials_copy      (const PrlCloudCredentials *self);
void                 prl_cloud_credentials_free      (PrlCloudCredentials       *self);
/* AWS keys, or an IBM API key when @self->apikey is set. */
gboolean             prl_cloud_credentials_validate  (const PrlCloudCredentials *self,
                                                      GError                   **error);
/* Whether @self are the kind of credentials an account of @kind uses. */
gboolean             prl_cloud_credentials_fit_kind  (const PrlCloudCredentials *self,
                                                      const char                *kind,
                                                      GError                   **error);
char                *prl_cloud_credentials_mask_key_id (const char              *access_key_id)
    G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlCloudCredentials, prl_cloud_credentials_free)

G_END_DECLS
