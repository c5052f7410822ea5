/* prl-workspace.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "prl-remote-job.h"
#include "prl-provider-info.h"
#include "prl-store-versions.h"
#include "prl-version-ops.h"
#include "prl-workspace-private.h"

/* PrlWorkspace is what the GUI and the CLI hold: the open store plus one
 * live PrlModel per model, in a GListModel that views bind to. Every
 * change goes through here, so the rules (provider name rules, unique
 * names, who may delete) are enforced the same way everywhere, and the
 * list is updated only after the store has saved the change.
 */

enum
{
  PROP_0,
  PROP_DIRECTORY,
  PROP_MODELS,
  PROP_ROLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlWorkspace, prl_workspace, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
prl_workspace_dispose (GObject *object)
{
  PrlWorkspace *self = PRL_WORKSPACE (object);

  if (self->models != NULL)
    g_list_store_remove_all (self->models);
  g_clear_object (&self->models);
  if (self->jobs != NULL)
    {
      /* Cloud jobs keep their remote state to resume at the next start. */
      prl_workspace_suspend_remote_jobs (self);
      prl_job_manager_cancel_all (self->jobs);
    }
  g_clear_object (&self->jobs);
  g_clear_pointer (&self->datasets, g_hash_table_unref);
  g_clear_pointer (&self->versions, g_hash_table_unref);
  g_clear_pointer (&self->training, g_hash_table_unref);
  g_clear_pointer (&self->evaluating, g_hash_table_unref);
  if (self->store != NULL)
    prl_store_close (self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (prl_workspace_parent_class)->dispose (object);
}

static void
prl_workspace_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PrlWorkspace *self = PRL_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, prl_workspace_get_directory (self));
      break;

    case PROP_MODELS:
      g_value_set_object (value, self->models);
      break;

    case PROP_ROLE:
      g_value_set_int (value, prl_workspace_get_role (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_workspace_class_init (PrlWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = prl_workspace_dispose;
  object_class->get_property = prl_workspace_get_property;

  properties[PROP_DIRECTORY] = g_param_spec_string ("directory", NULL, NULL, NULL, flags);
  properties[PROP_MODELS]
      = g_param_spec_object ("models", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  /**
   * PrlWorkspace:role:
   *
   * The owner's #PrlRole.
   */
  properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL, PRL_ROLE_ORGADMIN,
                                            PRL_ROLE_MEMBER, PRL_ROLE_ORGADMIN, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_workspace_init (PrlWorkspace *self)
{
  self->models = g_list_store_new (PRL_TYPE_MODEL);
  self->jobs = prl_job_manager_new ();
  self->datasets
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->versions
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->training = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->evaluating
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* The store's calls that list a model's rows, by PrlModelRows. */
typedef void (*StoreListAsync) (PrlStore           *store,
                                gint64              model_id,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
typedef GPtrArray *(*StoreListFinish) (PrlStore     *store,
                                       GAsyncResult *result,
                                       GError      **error);

static const struct
{
  StoreListAsync  list_async;
  StoreListFinish finish;
} store_lists[] = {
  [PRL_MODEL_ROWS_DATASETS]
  = { prl_store_list_datasets_async, prl_store_list_datasets_finish },
  [PRL_MODEL_ROWS_VERSIONS]
  = { prl_store_list_versions_async, prl_store_list_versions_finish },
  [PRL_MODEL_ROWS_PRONUNCIATIONS]
  = { prl_store_list_pronunciations_async, prl_store_list_pronunciations_finish },
};

/* A store listing on its way into a live list, or into a task. */
typedef struct
{
  GListStore     *list; /* (owned) (nullable) */
  GTask          *task; /* (owned) (nullable) */
  StoreListFinish finish;
} ListLoad;

static void
list_loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ListLoad  *load = user_data;
  GError    *error = NULL;
  GPtrArray *rows = load->finish (PRL_STORE (object), result, &error);

  if (load->task != NULL)
    {
      if (rows == NULL)
        g_task_return_error (load->task, error);
      else
        g_task_return_pointer (load->task, rows, (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (load->task);
    }
  else if (rows == NULL)
    {
      /* A workspace closed while loading has no one left to show them to. */
      if (g_error_matches (error, PRL_STORE_ERROR, PRL_STORE_ERROR_CLOSED))
        g_debug ("Not loading a list: %s", error->message);
      else
        g_warning ("Could not load a list of the model: %s", error->message);
      g_error_free (error);
    }
  else
    {
      g_list_store_splice (load->list, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (load->list)),
                           rows->pdata, rows->len);
      g_ptr_array_unref (rows);
    }

  g_clear_object (&load->list);
  g_free (load);
}

/* The live list of @model's datasets or versions, created and filled in
 * the background the first time someone asks; jobs keep it up to date
 * from then on. */
GListModel *
_prl_workspace_lazy_list (PrlWorkspace *self, PrlModel *model, PrlModelRows rows)
{
  gint64      id;
  GHashTable *lists;
  GListStore *list;
  ListLoad   *load;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (PRL_IS_MODEL (model), NULL);
  g_return_val_if_fail (rows != PRL_MODEL_ROWS_PRONUNCIATIONS, NULL);

  id = prl_model_get_id (model);
  lists = rows == PRL_MODEL_ROWS_DATASETS ? self->datasets : self->versions;
  if ((list = g_hash_table_lookup (lists, &id)))
    return G_LIST_MODEL (list);

  list = g_list_store_new (rows == PRL_MODEL_ROWS_DATASETS ? PRL_TYPE_DATASET
                                                           : PRL_TYPE_VERSION);
  g_hash_table_insert (lists, g_memdup2 (&id, sizeof id), list);
  load = g_new0 (ListLoad, 1);
  load->list = g_object_ref (list);
  load->finish = store_lists[rows].finish;
  store_lists[rows].list_async (self->store, id, NULL, list_loaded_cb, load);
  return G_LIST_MODEL (list);
}

/* A job saved @saved_model (nullable) and rows of @rows: brings the live
 * model up to date and returns its live list of those rows, if loaded. */
GListStore *
_prl_workspace_model_saved (PrlWorkspace *self, PrlModel *saved_model, PrlModelRows rows)
{
  GHashTable *lists = rows == PRL_MODEL_ROWS_DATASETS ? self->datasets : self->versions;
  PrlModel   *live;
  gint64      id;

  if (saved_model == NULL)
    return NULL;

  id = prl_model_get_id (saved_model);
  if ((live = _prl_workspace_find_model_by_id (self, id)))
    prl_model_update_from (live, saved_model);
  /* A disposed workspace has let go of its lists. */
  return lists != NULL ? g_hash_table_lookup (lists, &id) : NULL;
}

/**
 * prl_workspace_read_rows_async:
 * @rows: what to read
 *
 * Reads @model's datasets, versions or pronunciations from the store once,
 * for a caller that needs them complete (or the error) rather than the
 * live lists that fill in the background.
 */
void
prl_workspace_read_rows_async (PrlWorkspace       *self,
                               PrlModel           *model,
                               PrlModelRows        rows,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  ListLoad *load;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));
  g_return_if_fail (rows < G_N_ELEMENTS (store_lists));

  load = g_new0 (ListLoad, 1);
  load->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (load->task, prl_workspace_read_rows_async);
  load->finish = store_lists[rows].finish;
  store_lists[rows].list_async (self->store, prl_model_get_id (model), cancellable,
                                list_loaded_cb, load);
}

/**
 * prl_workspace_read_rows_finish:
 *
 * Returns: (transfer full): the rows, in the order #PrlModelRows names
 */
GPtrArray *
prl_workspace_read_rows_finish (PrlWorkspace *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The finish of the workspace's calls that return a boolean task. */
gboolean
_prl_workspace_boolean_finish (PrlWorkspace *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Refuses a change up front in a workspace opened read-only, before a job
 * starts writing files. */
gboolean
_prl_workspace_check_writable (PrlWorkspace *self, GError **error)
{
  if (self->store == NULL || !prl_store_is_read_only (self->store))
    return TRUE;

  g_set_error (error, PRL_STORE_ERROR, PRL_STORE_ERROR_READ_ONLY,
               _ ("The workspace “%s” is read-only, so nothing can be changed in it. "
                  "Make the folder and its parlance.db writable, then try again"),
               prl_store_get_directory (self->store));
  return FALSE;
}

/**
 * prl_workspace_default_directory:
 *
 * The workspace used when none is given: `$PARLANCE_WORKSPACE` if set,
 * else `$XDG_DATA_HOME/parlance`.
 *
 * Returns: (transfer full): a folder path
 */
char *
prl_workspace_default_directory (void)
{
  const char *env = g_getenv ("PARLANCE_WORKSPACE");

  if (env != NULL && env[0] != '\0')
    return g_canonicalize_filename (env, NULL);

  return g_build_filename (g_get_user_data_dir (), "parlance", NULL);
}

static void
resumed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;

  jobs = prl_workspace_resume_remote_jobs_finish (PRL_WORKSPACE (object), result, &error);
  if (jobs == NULL)
    g_warning ("Could not resume the interrupted cloud jobs: %s", error->message);
}

static void
open_list_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GPtrArray) models = NULL;
  PrlWorkspace *self = g_task_get_source_object (task);
  GError       *error = NULL;

  if (!(models = prl_store_list_models_finish (PRL_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_list_store_splice (self->models, 0, 0, models->pdata, models->len);
  if (prl_remote_jobs_get_resume_on_open () && !prl_store_is_read_only (self->store))
    prl_workspace_resume_remote_jobs_async (self, NULL, resumed_cb, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
open_store_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = g_task_get_source_object (task);
  GError       *error = NULL;

  if (!(self->store = prl_store_open_finish (result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  prl_store_list_models_async (self->store, g_task_get_cancellable (task), open_list_cb,
                               g_object_ref (task));
}

/**
 * prl_workspace_open_async:
 * @directory: (nullable): the workspace folder, or %NULL for
 *   prl_workspace_default_directory()
 *
 * Opens the workspace and loads its models.
 */
void
prl_workspace_open_async (const char         *directory,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (PrlWorkspace) self = g_object_new (PRL_TYPE_WORKSPACE, NULL);
  g_autofree char *fallback = NULL;
  GTask           *task;

  if (directory == NULL)
    directory = fallback = prl_workspace_default_directory ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_open_async);
  prl_store_open_async (directory, cancellable, open_store_cb, task);
}

/**
 * prl_workspace_open_finish:
 *
 * Returns: (transfer full): the open workspace
 */
PrlWorkspace *
prl_workspace_open_finish (GAsyncResult *result, GError **error)
{
  PrlWorkspace *self = g_task_get_source_object (G_TASK (result));

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_object_ref (self);
}

const char *
prl_workspace_get_directory (PrlWorkspace *self)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  return self->store ? prl_store_get_directory (self->store) : NULL;
}

/**
 * prl_workspace_get_store:
 *
 * Returns: (transfer none): the store
 */
PrlStore *
prl_workspace_get_store (PrlWorkspace *self)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  return self->store;
}

/**
 * prl_workspace_get_models:
 *
 * Returns: (transfer none): a #GListModel of #PrlModel, kept up to date
 */
GListModel *
prl_workspace_get_models (PrlWorkspace *self)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);
  return G_LIST_MODEL (self->models);
}

/**
 * prl_workspace_find_model:
 * @name: a model name; ASCII case is ignored, as the store does
 *
 * Returns: (transfer none) (nullable): the model, or %NULL
 */
PrlModel *
prl_workspace_find_model (PrlWorkspace *self, const char *name)
{
  guint n;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      if (g_ascii_strcasecmp (prl_model_get_name (model), name) == 0)
        return model;
    }

  return NULL;
}

static gboolean
find_model_index (PrlWorkspace *self, PrlModel *model, guint *position)
{
  return g_list_store_find (self->models, model, position);
}

PrlRole
prl_workspace_get_role (PrlWorkspace *self)
{
  g_return_val_if_fail (PRL_IS_WORKSPACE (self), PRL_ROLE_MEMBER);
  return self->store ? prl_store_get_role (self->store) : PRL_ROLE_MEMBER;
}

/**
 * prl_workspace_can_delete_models:
 * @reason: (out) (optional) (transfer full): why not, for the user
 *
 * Only ORGADMIN and SYSOP may delete models.
 */
gboolean
prl_workspace_can_delete_models (PrlWorkspace *self, char **reason)
{
  PrlRole role;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), FALSE);

  role = prl_workspace_get_role (self);
  if (role == PRL_ROLE_ORGADMIN || role == PRL_ROLE_SYSOP)
    return TRUE;

  if (reason != NULL)
    *reason = g_strdup_printf (_ ("Only an Organization Admin or a System Operator can "
                                  "delete models; your role in this workspace is %s"),
                               prl_role_get_label (role));
  return FALSE;
}

/* What deleting a model or one of its versions needs: a role that may
 * delete (%PRL_MODEL_ERROR_PERMISSION_DENIED), a writable workspace, and
 * no upgrade of @model running. */
gboolean
_prl_workspace_check_can_delete (PrlWorkspace *self, PrlModel *model, GError **error)
{
  g_autofree char *reason = NULL;

  if (!prl_workspace_can_delete_models (self, &reason))
    {
      g_set_error_literal (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_PERMISSION_DENIED,
                           reason);
      return FALSE;
    }
  return _prl_workspace_check_writable (self, error)
         && prl_model_check_not_upgrading (model, error);
}

/**
 * prl_workspace_check_name:
 * @provider: the provider whose rules apply
 * @renamed: (nullable): the model being renamed, which may keep its name
 *
 * Checks a name the way creating or renaming will, so that dialogs can
 * show the problem next to the field before the user submits.
 */
gboolean
prl_workspace_check_name (PrlWorkspace *self,
                          const char   *provider,
                          const char   *name,
                          PrlModel     *renamed,
                          GError      **error)
{
  const PrlProviderInfo *info;
  PrlModel              *existing;

  g_return_val_if_fail (PRL_IS_WORKSPACE (self), FALSE);

  if (!(info = prl_provider_info_lookup (provider)))
    {
      g_autofree char *shown = prl_display_escape (provider);

      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_UNKNOWN_PROVIDER,
                   _ ("Unknown provider “%s”; use local, aws-transcribe or ibm-watson"),
                   shown);
      return FALSE;
    }

  if (!prl_provider_info_validate_name (info, name, error))
    return FALSE;

  existing = prl_workspace_find_model (self, name);
  if (existing != NULL && existing != renamed)
    {
      g_set_error (error, PRL_MODEL_ERROR, PRL_MODEL_ERROR_NAME_TAKEN,
                   _ ("A model named “%s” already exists; choose another name"),
                   prl_model_get_name (existing));
      return FALSE;
    }

  return TRUE;
}

static void
create_model_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = g_task_get_source_object (task);
  GError       *error = NULL;
  PrlModel     *model;

  if (!(model = prl_store_insert_model_finish (PRL_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_list_store_append (self->models, model);
  g_task_return_pointer (task, model, g_object_unref);
}

/* The checks and the insert of both create calls; @check_account is the
 * full call's rule that a cloud provider's model names its account and a
 * local one none. Which account exists is the cloud layer's business: the
 * dialog and the CLI offer only existing ones. */
static void
create_model (PrlWorkspace                *self,
              GTask                       *task,
              const PrlModelCreateOptions *options,
              gboolean                     check_account)
{
  const char            *name = options->name;
  const char            *provider = options->provider;
  const char            *language = options->language;
  const PrlProviderInfo *info;
  GError                *error = NULL;

  if (!prl_workspace_check_name (self, provider, name, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  info = prl_provider_info_lookup (provider);
  if (check_account && prl_provider_info_get_account_kind (info) == NULL
      && options->account != NULL)
    {
      /* Translators: %s is a provider's name, e.g. “On this computer” */
      g_task_return_new_error (task, PRL_MODEL_ERROR, PRL_MODEL_ERROR_ACCOUNT_INVALID,
                               _ ("Models of “%s” use no cloud account; create it "
                                  "without one"),
                               prl_provider_info_get_display_name (info));
      return;
    }
  if (check_account && prl_provider_info_get_account_kind (info) != NULL
      && (options->account == NULL || options->account[0] == '\0'))
    {
      /* Translators: %s is a provider's name, e.g. “Amazon Transcribe” */
      g_task_return_new_error (task, PRL_MODEL_ERROR, PRL_MODEL_ERROR_ACCOUNT_INVALID,
                               _ ("A “%s” model trains with a cloud account; choose "
                                  "one, or add one in Preferences → Accounts"),
                               prl_provider_info_get_display_name (info));
      return;
    }
  /* A provider whose models train on the service (a registered remote
   * trainer) is set up in the executables that registered it. */
  if (!prl_provider_info_is_available (info)
      && prl_remote_job_lookup_trainer (provider, NULL) == NULL)
    {
      g_task_return_new_error (task, PRL_MODEL_ERROR, PRL_MODEL_ERROR_PROVIDER_NOT_SET_UP,
                               "%s", prl_provider_info_get_unavailable_reason (info));
      return;
    }

  if (!prl_provider_info_supports_language (info, language))
    {
      g_autofree char *known
          = g_strjoinv (", ", (char **)prl_provider_info_get_languages (info));
      g_autofree char *shown = prl_display_escape (language);

      /* Translators: the first %s is a provider's name, e.g. “On this
       * computer”, then a language code and a list of language codes */
      g_task_return_new_error (
          task, PRL_MODEL_ERROR, PRL_MODEL_ERROR_LANGUAGE_UNSUPPORTED,
          _ ("The provider “%s” cannot train “%s” models; it trains %s"),
          prl_provider_info_get_display_name (info), shown, known);
      return;
    }

  prl_store_insert_model_full_async (self->store, options, g_task_get_cancellable (task),
                                     create_model_cb, g_object_ref (task));
}

/**
 * prl_workspace_create_model_async:
 *
 * Validates and saves a new model; on success it is in
 * prl_workspace_get_models() with the status Not Running. It names no
 * cloud account: prl_workspace_create_model_full_async() does.
 */
void
prl_workspace_create_model_async (PrlWorkspace       *self,
                                  const char         *name,
                                  const char         *provider,
                                  const char         *language,
                                  PrlBaseModel        base_model,
                                  const char *const  *tags,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  PrlModelCreateOptions options = {
    .name = name,
    .provider = provider,
    .language = language,
    .base_model = base_model,
    .tags = tags,
  };

  g_return_if_fail (PRL_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_create_model_async);
  create_model (self, task, &options, FALSE);
}

/**
 * prl_workspace_create_model_full_async:
 * @options: the model; the strings are copied before this returns
 *
 * Validates and saves a new model with its cloud account in one
 * transaction: a model of a provider that trains with an account (see
 * prl_provider_info_get_account_kind()) must name one, a local model
 * none (%PRL_MODEL_ERROR_ACCOUNT_INVALID). Finish with
 * prl_workspace_create_model_finish().
 */
void
prl_workspace_create_model_full_async (PrlWorkspace                *self,
                                       const PrlModelCreateOptions *options,
                                       GCancellable                *cancellable,
                                       GAsyncReadyCallback          callback,
                                       gpointer                     user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (options != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_create_model_async);
  create_model (self, task, options, TRUE);
}

/**
 * prl_workspace_create_model_finish:
 *
 * Returns: (transfer full): the new model, also in the workspace's list
 */
PrlModel *
prl_workspace_create_model_finish (PrlWorkspace *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rename_model_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PrlModel) saved = NULL;
  PrlModel *model = g_task_get_task_data (task);
  GError   *error = NULL;

  if (!(saved = prl_store_rename_model_finish (PRL_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  prl_model_update_from (model, saved);
  g_task_return_boolean (task, TRUE);
}

void
prl_workspace_rename_model_async (PrlWorkspace       *self,
                                  PrlModel           *model,
                                  const char         *new_name,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_rename_model_async);
  g_task_set_task_data (task, g_object_ref (model), g_object_unref);

  if (!prl_model_check_not_upgrading (model, &error)
      || !prl_workspace_check_name (self, prl_model_get_provider (model), new_name, model,
                                    &error))
    {
      g_task_return_error (task, error);
      return;
    }

  prl_store_rename_model_async (self->store, prl_model_get_id (model), new_name,
                                cancellable, rename_model_cb, g_steal_pointer (&task));
}

gboolean
prl_workspace_rename_model_finish (PrlWorkspace *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}

static void
delete_model_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = g_task_get_source_object (task);
  PrlModel     *model = g_task_get_task_data (task);
  GError       *error = NULL;
  guint         position;

  if (!prl_store_delete_model_finish (PRL_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (find_model_index (self, model, &position))
    g_list_store_remove (self->models, position);
  _prl_workspace_forget_model (self, model);

  g_task_return_boolean (task, TRUE);
}

static void
delete_remote_versions_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = PRL_WORKSPACE (object);
  PrlModel     *model = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError       *error = NULL;

  if (!_prl_workspace_delete_remote_versions_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  prl_store_delete_model_async (self->store, prl_model_get_id (model), cancellable,
                                delete_model_cb, g_steal_pointer (&task));
}

void
prl_workspace_delete_model_async (PrlWorkspace       *self,
                                  PrlModel           *model,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PRL_IS_WORKSPACE (self));
  g_return_if_fail (PRL_IS_MODEL (model));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_delete_model_async);
  g_task_set_task_data (task, g_object_ref (model), g_object_unref);

  if (!_prl_workspace_check_can_delete (self, model, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The service first: if one of its remote models cannot be deleted,
   * nothing is deleted here, so that none is left that Parlance forgot. */
  _prl_workspace_delete_remote_versions_async (
      self, model, cancellable, delete_remote_versions_cb, g_steal_pointer (&task));
}

gboolean
prl_workspace_delete_model_finish (PrlWorkspace *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}

static void
set_role_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PrlWorkspace *self = g_task_get_source_object (task);
  GError       *error = NULL;

  if (!prl_store_set_role_finish (PRL_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  g_task_return_boolean (task, TRUE);
}

void
prl_workspace_set_role_async (PrlWorkspace       *self,
                              PrlRole             role,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (PRL_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prl_workspace_set_role_async);
  prl_store_set_role_async (self->store, role, cancellable, set_role_cb, task);
}

gboolean
prl_workspace_set_role_finish (PrlWorkspace *self, GAsyncResult *result, GError **error)
{
  return _prl_workspace_boolean_finish (self, result, error);
}
