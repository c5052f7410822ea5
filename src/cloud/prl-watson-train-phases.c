/* prl-watson-train-phases.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-cloud-call-private.h"
#include "prl-s3-upload-state-store.h"
#include "prl-store-versions.h"
#include "prl-train-job.h"
#include "prl-watson-account.h"
#include "prl-watson-train-job-private.h"
#include "prl-watson-train-private.h"

#include "prl-watson-train.h"

/* The phases of a training on IBM Watson Speech to Text (the job itself:
 * prl-watson-train.c). The `remote_jobs` row holds the state, phase by
 * phase:
 *
 *   create → corpora → words → train → poll → done
 *
 * Each training is its own customization named `<model>-<UTC>`, so every
 * version stays usable. "create_sent" is saved before the create goes
 * out; a resume after a kill looks the name up among the customizations
 * and never creates twice. Training text goes out as corpora, each
 * dataset file cut into parts when large (prl-watson-corpora.c), with
 * allow_overwrite so that a resume may send one again;
 * Parlance waits until each is analyzed (an undetermined corpus fails
 * the training with the service's reason). Then train, and the model is
 * polled with back-off until available or failed. The user's entries of
 * the pronunciation list go as custom words before train; the words
 * Watson found out of its vocabulary come back with the version
 * (prl-watson-words.c). An upgrade (prl-watson-versions.c) starts at
 * "upgrade" (upgrade_model, previous-generation bases) or at "train" with
 * force (next-generation bases) on the customization it upgrades, and
 * saves a new version of it. The customization_weight is
 * tuned on the TUNING text before anything is sent (prl-watson-weight.c). */

/* Polling: a quarter second at first, growing to half a minute. */
#define POLL_FIRST_MS 250
#define POLL_MAX_MS (30 * 1000)
/* A busy model (409) is asked again this many times. */
#define BUSY_RETRIES 20

/* Runs one client call to its end on the job's thread. */
#define CALL(op, client, error, ...)                                                     \
  PRL_CLOUD_CALL (prl_watson_client, op, client, error, __VA_ARGS__)

/* Sleeps @ms unless cancelled; the next wait is longer. */
static gboolean
back_off (guint *ms, GCancellable *cancellable, GError **error)
{
  if (!prl_cloud_sleep (*ms / 1000.0, cancellable, error))
    return FALSE;
  *ms = MIN (*ms * 3 / 2, POLL_MAX_MS);
  return TRUE;
}

/* After a call failed with @failure: %TRUE to ask again, once backed
 * off, while Watson is busy with the last analysis (409) and retries are
 * left; else %FALSE with @failure, or the cancel of the wait, in @error. */
static gboolean
busy_again (GError      **failure,
            guint         attempt,
            guint        *wait,
            GCancellable *cancellable,
            GError      **error)
{
  if (!g_error_matches (*failure, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY)
      || attempt >= BUSY_RETRIES)
    {
      g_propagate_error (error, g_steal_pointer (failure));
      return FALSE;
    }
  return back_off (wait, cancellable, error);
}

static double
state_double (PrlS3UploadStateStore *sink, const char *member)
{
  JsonObject *state = prl_s3_upload_state_store_lock (sink);
  double      value = json_object_get_double_member_with_default (state, member, -1);

  prl_s3_upload_state_store_unlock (sink);
  return value;
}

static gboolean
state_bool (PrlS3UploadStateStore *sink, const char *member)
{
  JsonObject *state = prl_s3_upload_state_store_lock (sink);
  gboolean    value = json_object_get_boolean_member_with_default (state, member, FALSE);

  prl_s3_upload_state_store_unlock (sink);
  return value;
}

static gboolean
state_tuned (PrlS3UploadStateStore *sink)
{
  return state_bool (sink, "weight_tuned");
}

static gboolean
set_state_bool (PrlS3UploadStateStore *sink,
                const char            *member,
                gboolean               value,
                GError               **error)
{
  JsonObject *state = prl_s3_upload_state_store_lock (sink);

  json_object_set_boolean_member (state, member, value);
  prl_s3_upload_state_store_unlock (sink);
  return prl_s3_upload_state_store_save (sink, error);
}

/* create: one customization per training, found again by its name when
 * a create may have gone out before a kill. */
static gboolean
create (PrlWatsonTrainJob     *self,
        PrlS3UploadStateStore *sink,
        PrlWatsonClient       *client,
        GCancellable          *cancellable,
        GError               **error)
{
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;

  _prl_remote_train_state_string (sink, "remote_name", &name);
  _prl_remote_train_state_string (sink, "watson_base", &base);
  if (state_bool (sink, "create_sent"))
    {
      g_autoptr (GPtrArray) models = CALL (list_models, client, error, NULL, cancellable);

      if (models == NULL)
        return FALSE;
      for (guint i = 0; i < models->len && id == NULL; i++)
        {
          PrlWatsonModel *model = g_ptr_array_index (models, i);

          if (g_strcmp0 (model->name, name) == 0)
            id = g_strdup (model->id);
        }
    }
  if (id == NULL)
    {
      g_autofree char *description
          = g_strdup_printf (_ ("Parlance model “%s”"), self->target.model_name);

      if (!set_state_bool (sink, "create_sent", TRUE, error))
        return FALSE;
      prl_job_report_progress (PRL_JOB (self), 0.05, _ ("Creating the custom model"));
      id = CALL (create_model, client, error, name, base, description, cancellable);
      if (id == NULL)
        return FALSE;
    }
  return _prl_remote_train_set_state (sink, "customization_id", id, error)
         && _prl_remote_train_set_state (sink, "phase", "corpora", error);
}

/* The model's datasets of type @type, and of @also unless it is @type,
 * as the store lists them. */
static GPtrArray *
list_files (PrlWatsonTrainJob *self,
            PrlDatasetType     type,
            PrlDatasetType     also,
            GError           **error)
{
  g_autoptr (GPtrArray) datasets = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(datasets = prl_store_list_datasets_sync (self->target.store,
                                                 self->target.model_id, error)))
    {
      g_ptr_array_unref (texts);
      return NULL;
    }
  for (guint i = 0; i < datasets->len; i++)
    {
      PrlDatasetType t = prl_dataset_get_dataset_type (g_ptr_array_index (datasets, i));

      if (t == type || t == also)
        g_ptr_array_add (texts, g_object_ref (g_ptr_array_index (datasets, i)));
    }
  return texts;
}

/* The training text files of the model, as the store lists them. */
static GPtrArray *
training_files (PrlWatsonTrainJob *self, GError **error)
{
  return list_files (self, PRL_DATASET_TYPE_TRANSCRIPT, PRL_DATASET_TYPE_TRANSCRIPT,
                     error);
}

/* Waits until the corpus @name is analyzed; an undetermined one fails
 * with the service's reason. */
static gboolean
wait_analyzed (PrlWatsonClient     *client,
               const char          *id,
               PrlWatsonCorpusPart *part,
               GCancellable        *cancellable,
               GError             **error)
{
  guint wait = POLL_FIRST_MS;

  for (;;)
    {
      g_autoptr (PrlWatsonCorpus) corpus
          = CALL (get_corpus, client, error, id, part->name, cancellable);

      if (corpus == NULL)
        return FALSE;
      if (corpus->status == PRL_WATSON_CORPUS_ANALYZED)
        return TRUE;
      if (corpus->status == PRL_WATSON_CORPUS_UNDETERMINED)
        {
          if (part->n_parts > 1)
            g_set_error (
                error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT,
                _ ("Watson could not use part %u of %u of the training text “%s”: "
                   "“%s”. Fix or remove that file, then train again."),
                part->part, part->n_parts, prl_dataset_get_name (part->dataset),
                corpus->error ? corpus->error : _ ("no reason given"));
          else
            g_set_error (error, PRL_TRAIN_ERROR,
                         PRL_TRAIN_ERROR_INVALID_TRANSCRIPT_FORMAT,
                         _ ("Watson could not use the training text “%s”: “%s”. Fix or "
                            "remove that file, then train again."),
                         prl_dataset_get_name (part->dataset),
                         corpus->error ? corpus->error : _ ("no reason given"));
          return FALSE;
        }
      if (!back_off (&wait, cancellable, error))
        return FALSE;
    }
}

/* corpora: each part once, one at a time: Watson refuses new data while
 * it analyses the last (busy model, 409). */
static gboolean
send_corpora (PrlWatsonTrainJob     *self,
              PrlS3UploadStateStore *sink,
              PrlWatsonClient       *client,
              GPtrArray             *parts,
              GCancellable          *cancellable,
              GError               **error)
{
  g_autofree char *id = NULL;
  JsonObject      *state;

  _prl_remote_train_state_string (sink, "customization_id", &id);
  state = prl_s3_upload_state_store_lock (sink);
  if (!json_object_has_member (state, "corpora"))
    json_object_set_array_member (state, "corpora", json_array_new ());
  prl_s3_upload_state_store_unlock (sink);

  for (guint i = 0; i < parts->len; i++)
    {
      PrlWatsonCorpusPart *part = g_ptr_array_index (parts, i);
      g_autofree char     *what = NULL;
      gboolean             sent = FALSE;
      JsonArray           *list;

      state = prl_s3_upload_state_store_lock (sink);
      list = json_object_get_array_member (state, "corpora");
      for (guint j = 0; j < json_array_get_length (list); j++)
        sent |= g_strcmp0 (json_array_get_string_element (list, j), part->name) == 0;
      prl_s3_upload_state_store_unlock (sink);

      what
          = g_strdup_printf (_ ("Sending the training text %u of %u"), i + 1, parts->len);
      prl_job_report_progress (PRL_JOB (self), 0.1 + 0.4 * i / parts->len, what);
      if (!sent)
        {
          g_autoptr (GError) local_error = NULL;

          if (!CALL (add_corpus, client, &local_error, id, part->name, part->path, TRUE,
                     cancellable))
            {
              /* Which file Watson refused, then its own words. */
              if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                g_prefix_error (&local_error,
                                _ ("Could not send the training text “%s”: "),
                                prl_dataset_get_name (part->dataset));
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          state = prl_s3_upload_state_store_lock (sink);
          json_array_add_string_element (json_object_get_array_member (state, "corpora"),
                                         part->name);
          prl_s3_upload_state_store_unlock (sink);
          if (!prl_s3_upload_state_store_save (sink, error))
            return FALSE;
        }
      if (!wait_analyzed (client, id, part, cancellable, error))
        return FALSE;
    }
  return _prl_remote_train_set_state (sink, "phase", "words", error);
}

/* words: the user's entries of the pronunciation list, as custom words in
 * one request (prl-watson-words.c); a resume may send them again, which
 * replaces them with the same. */
static gboolean
send_words (PrlWatsonTrainJob     *self,
            PrlS3UploadStateStore *sink,
            PrlWatsonClient       *client,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr (GPtrArray) words = NULL;
  g_autofree char *id = NULL;

  if (!(words
        = _prl_watson_user_words (self->target.store, self->target.model_id, error)))
    return FALSE;
  _prl_remote_train_state_string (sink, "customization_id", &id);
  if (words->len > 0)
    {
      g_autofree char *what
          = g_strdup_printf (g_dngettext (NULL, "Sending %u custom word",
                                          "Sending %u custom words", words->len),
                             words->len);

      prl_job_report_progress (PRL_JOB (self), 0.5, what);
      if (!CALL (add_words, client, error, id, words, cancellable))
        {
          g_prefix_error (error, _ ("Could not send the pronunciation list: "));
          return FALSE;
        }
    }
  return _prl_remote_train_set_state (sink, "phase", "train", error);
}

/* The model's trained fingerprint over what a training reads: its
 * training text and the tuning text the weight is tuned on. */
static char *
read_fingerprint (PrlWatsonTrainJob *self, GError **error)
{
  g_autoptr (GPtrArray) read
      = list_files (self, PRL_DATASET_TYPE_TRANSCRIPT, PRL_DATASET_TYPE_TUNING, error);

  return read != NULL ? prl_store_fingerprint_datasets (read) : NULL;
}

/* The customization_weight, once per training, before anything is sent:
 * tuned on the TUNING text (prl-watson-weight.c), else not sent. The
 * fingerprint of the texts read then is kept with it, so that text
 * changed while Watson trains leaves the model Ready to Run. */
static gboolean
tune_weight (PrlWatsonTrainJob     *self,
             PrlS3UploadStateStore *sink,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autofree char *language = NULL;
  g_autofree char *fingerprint = NULL;
  PrlWatsonWeight  weight;
  JsonObject      *state = prl_s3_upload_state_store_lock (sink);
  gboolean         done = json_object_has_member (state, "weight");

  prl_s3_upload_state_store_unlock (sink);
  if (done)
    return TRUE;
  if (!(fingerprint = read_fingerprint (self, error)))
    return FALSE;
  _prl_remote_train_state_string (sink, "language", &language);
  prl_job_report_progress (PRL_JOB (self), 0.03,
                           _ ("Tuning the weight on the tuning text"));
  if (!_prl_watson_tune_weight (self->target.store, self->target.model_id,
                                self->target.model_name, language, &weight, cancellable,
                                error))
    return FALSE;
  state = prl_s3_upload_state_store_lock (sink);
  json_object_set_double_member (state, "weight", weight.weight);
  json_object_set_boolean_member (state, "weight_tuned", weight.tuned);
  json_object_set_double_member (state, "custom_perplexity", weight.custom_perplexity);
  json_object_set_double_member (state, "stock_perplexity", weight.stock_perplexity);
  json_object_set_double_member (state, "mixture_perplexity", weight.mixture_perplexity);
  json_object_set_string_member (state, "fingerprint", fingerprint);
  prl_s3_upload_state_store_unlock (sink);
  return prl_s3_upload_state_store_save (sink, error);
}

/* Whether a train request sent before a kill reached Watson: its
 * customization trains, failed, or is available on the base the training
 * was for. A customization of its own goes from ready to training as
 * soon as Watson takes the request, so "available" means trained; an
 * upgrade's was available before it, so only the new base version in its
 * `versions` (saved as "base_version" by prl-watson-versions.c) tells.
 * Ready, pending or anything unknown: Watson did not take it. */
static gboolean
train_was_taken (PrlS3UploadStateStore *sink, PrlWatsonModel *model)
{
  g_autofree char *upgrade_of = NULL;
  g_autofree char *base_version = NULL;

  switch (model->status)
    {
    case PRL_WATSON_STATUS_TRAINING:
    case PRL_WATSON_STATUS_UPGRADING:
    case PRL_WATSON_STATUS_FAILED:
      return TRUE;
    case PRL_WATSON_STATUS_AVAILABLE:
      if (!_prl_remote_train_state_string (sink, "upgrade_of", &upgrade_of))
        return TRUE;
      return _prl_remote_train_state_string (sink, "base_version", &base_version)
             && model->versions != NULL
             && g_strv_contains ((const char *const *)model->versions, base_version);
    case PRL_WATSON_STATUS_UNKNOWN:
    case PRL_WATSON_STATUS_PENDING:
    case PRL_WATSON_STATUS_READY:
    default:
      return FALSE;
    }
}

typedef gboolean (*SendFunc) (PrlWatsonClient *client,
                              const char      *id,
                              gpointer         data,
                              GCancellable    *cancellable,
                              GError         **error);

/* Sends a train or an upgrade (@send with @data) of the customization,
 * asked again while the model is busy with the last analysis. @sent_member
 * is saved before the request goes out: a resume after a kill asks Watson
 * first, and polls what Watson already has rather than asking twice (with
 * force, a second train would retrain the whole model again once the
 * first ends). */
static gboolean
send_once (PrlWatsonTrainJob     *self,
           PrlS3UploadStateStore *sink,
           PrlWatsonClient       *client,
           const char            *sent_member,
           const char            *progress,
           SendFunc               send,
           gpointer               data,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autofree char *id = NULL;
  guint            wait = POLL_FIRST_MS;

  _prl_remote_train_state_string (sink, "customization_id", &id);
  if (state_bool (sink, sent_member))
    {
      g_autoptr (PrlWatsonModel) model = CALL (get_model, client, error, id, cancellable);

      if (model == NULL)
        return FALSE;
      if (train_was_taken (sink, model))
        return _prl_remote_train_set_state (sink, "phase", "poll", error);
    }
  if (!set_state_bool (sink, sent_member, TRUE, error))
    return FALSE;
  prl_job_report_progress (PRL_JOB (self), 0.5, progress);
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) local_error = NULL;

      if (send (client, id, data, cancellable, &local_error))
        break;
      if (!busy_again (&local_error, attempt, &wait, cancellable, error))
        return FALSE;
    }
  return _prl_remote_train_set_state (sink, "phase", "poll", error);
}

static gboolean
send_upgrade (PrlWatsonClient *client,
              const char      *id,
              gpointer         data,
              GCancellable    *cancellable,
              GError         **error)
{
  return CALL (upgrade_model, client, error, id, cancellable);
}

/* upgrade (previous-generation bases only, prl-watson-versions.c):
 * upgrade_model on the customization the old version uses. */
static gboolean
start_upgrade (PrlWatsonTrainJob     *self,
               PrlS3UploadStateStore *sink,
               PrlWatsonClient       *client,
               GCancellable          *cancellable,
               GError               **error)
{
  return send_once (self, sink, client, "upgrade_sent", _ ("Asking Watson to upgrade"),
                    send_upgrade, NULL, cancellable, error);
}

static gboolean
send_train (PrlWatsonClient *client,
            const char      *id,
            gpointer         data,
            GCancellable    *cancellable,
            GError         **error)
{
  g_auto (GStrv) warnings = CALL (train, client, error, id, data, cancellable);

  return warnings != NULL;
}

static gboolean
start_training (PrlWatsonTrainJob     *self,
                PrlS3UploadStateStore *sink,
                PrlWatsonClient       *client,
                GCancellable          *cancellable,
                GError               **error)
{
  PrlWatsonTrainOptions options = { .customization_weight = -1 };

  /* Sent with the training, it becomes the customization's default;
   * the version records it, and recognition sends it again. */
  if (state_tuned (sink))
    options.customization_weight = state_double (sink, "weight");
  /* An upgrade on an improved next-generation base retrains the same
   * data: without force, Watson skips a model whose data did not change. */
  options.force = state_bool (sink, "force");
  return send_once (self, sink, client, "train_sent", _ ("Asking Watson to train"),
                    send_train, &options, cancellable, error);
}

static gboolean
save_version (PrlWatsonTrainJob     *self,
              PrlS3UploadStateStore *sink,
              PrlWatsonClient       *client,
              PrlWatsonModel        *trained,
              GCancellable          *cancellable,
              GError               **error)
{
  g_autoptr (GPtrArray) generated = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) files = training_files (self, error);
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDateTime) created = g_date_time_new_now_utc ();
  JsonObject *state;
  JsonArray  *kept;
  g_autoptr (PrlVersion) version = NULL;
  g_autoptr (PrlModel) saved = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *name = NULL;
  guint            n_versions;
  PrlVersionInfo   info = { 0 };

  if (files == NULL)
    return FALSE;
  state = prl_s3_upload_state_store_lock (sink);
  kept = json_object_has_member (state, "dataset_hashes")
             ? json_object_get_array_member (state, "dataset_hashes")
             : NULL;
  /* An upgrade's version holds the data of the version it upgrades (the
   * same customization), not what the model holds now. */
  for (guint i = 0; kept != NULL && i < json_array_get_length (kept); i++)
    g_ptr_array_add (hashes, g_strdup (json_array_get_string_element (kept, i)));
  prl_s3_upload_state_store_unlock (sink);
  for (guint i = 0; kept == NULL && i < files->len; i++)
    g_ptr_array_add (hashes, g_strdup (prl_dataset_get_sha256 (files->pdata[i])));
  g_ptr_array_add (hashes, NULL);
  if (!_prl_remote_train_state_string (sink, "version_name", &name))
    _prl_remote_train_state_string (sink, "remote_name", &name);
  n_versions = trained->versions ? g_strv_length (trained->versions) : 0;
  info.model_id = self->target.model_id;
  info.name = name;
  info.created = created;
  info.directory = "";
  /* The exact base it was built on: Watson's base and its version. */
  info.base_model_id
      = n_versions > 0 ? trained->versions[n_versions - 1] : trained->base_model;
  info.tuned = state_tuned (sink);
  info.lm_weight = info.tuned ? state_double (sink, "weight") : -1;
  info.custom_perplexity = info.tuned ? state_double (sink, "custom_perplexity") : -1;
  info.stock_perplexity = info.tuned ? state_double (sink, "stock_perplexity") : -1;
  info.mixture_perplexity = info.tuned ? state_double (sink, "mixture_perplexity") : -1;
  /* It lives on the service: deleting it deletes the customization
   * (prl-watson-versions.c). */
  info.remote_status = PRL_REMOTE_STATUS_COMPLETED;
  info.dataset_hashes = (const char *const *)hashes->pdata;
  /* What the training read when it began; a state saved before the
   * fingerprint was kept (or an upgrade's) falls back to the texts now. */
  if (!_prl_remote_train_state_string (sink, "fingerprint", &fingerprint)
      && !(fingerprint = read_fingerprint (self, error)))
    return FALSE;
  /* The words Watson found out of its vocabulary, for the pronunciation
   * list: the user's own entries keep winning over them. Watson has
   * trained by now, so a failure to list them costs the list, not the
   * version; a quit still stops here, and the resume polls again. */
  if (!(generated
        = _prl_watson_corpus_words (client, trained->id, cancellable, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_message ("Could not read the words Watson found in the corpora of %s: %s",
                 trained->id, local_error->message);
    }
  version = prl_store_add_version_sync (self->target.store, &info, fingerprint, generated,
                                        &saved, error);
  return version != NULL;
}

/* poll: the service trains; back-off until available or failed. */
static gboolean
poll (PrlWatsonTrainJob     *self,
      PrlS3UploadStateStore *sink,
      PrlWatsonClient       *client,
      GCancellable          *cancellable,
      GError               **error)
{
  g_autofree char *id = NULL;
  guint            wait = POLL_FIRST_MS;

  _prl_remote_train_state_string (sink, "customization_id", &id);
  prl_remote_job_work_is_remote (PRL_REMOTE_JOB (self));
  for (;;)
    {
      g_autoptr (PrlWatsonModel) model = CALL (get_model, client, error, id, cancellable);
      g_autofree char *what = NULL;

      if (model == NULL)
        return FALSE;
      if (model->status == PRL_WATSON_STATUS_AVAILABLE)
        return save_version (self, sink, client, model, cancellable, error);
      if (model->status == PRL_WATSON_STATUS_FAILED)
        {
          /* The service's own words, its warnings too: they often name
           * the corpus or word that made the training fail. */
          if (model->warnings != NULL && *model->warnings != '\0')
            g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_FAILED,
                         _ ("Watson could not train “%s”: “%s”. Watson’s warnings: “%s”"),
                         self->target.model_name,
                         model->error ? model->error : _ ("no reason given"),
                         model->warnings);
          else
            g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_FAILED,
                         _ ("Watson could not train “%s”: “%s”"), self->target.model_name,
                         model->error ? model->error : _ ("no reason given"));
          return FALSE;
        }
      /* Translators: Watson's status of a custom model, e.g. “training” */
      what = g_strdup_printf (_ ("Watson: %s"), model->status_name);
      prl_job_report_progress (PRL_JOB (self), 0.55 + 0.4 * model->progress / 100.0,
                               what);
      if (!back_off (&wait, cancellable, error))
        return FALSE;
    }
}

/* The phases from where the saved state left off. */
gboolean
_prl_watson_train_phases (PrlWatsonTrainJob     *self,
                          PrlS3UploadStateStore *sink,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) words = NULL;
  g_autofree char *phase = NULL;

  _prl_remote_train_state_string (sink, "phase", &phase);
  /* The corpora are cut before anything is created, so that a text over
   * Watson's limits leaves nothing behind on the service. */
  if (g_strcmp0 (phase, "create") == 0 || g_strcmp0 (phase, "corpora") == 0)
    {
      g_autoptr (GPtrArray) files = training_files (self, error);

      if (files == NULL)
        return FALSE;
      if (files->len == 0)
        {
          g_set_error (error, PRL_TRAIN_ERROR, PRL_TRAIN_ERROR_NO_DATA,
                       _ ("“%s” has no training text. Add a text dataset, then train."),
                       self->target.model_name);
          return FALSE;
        }
      prl_job_report_progress (PRL_JOB (self), 0.02, _ ("Preparing the training text"));
      if (!(parts = _prl_watson_split_corpora (
                self->target.store, files, self->target.model_name, cancellable, error))
          || !tune_weight (self, sink, cancellable, error))
        return FALSE;
      /* An entry Watson would refuse stops the training here too. */
      g_clear_pointer (&words, g_ptr_array_unref);
      if (!(words
            = _prl_watson_user_words (self->target.store, self->target.model_id, error)))
        return FALSE;
    }
  if (!(client
        = _prl_watson_client_open (self->target.account, TRUE, cancellable, error)))
    return FALSE;
  if (g_strcmp0 (phase, "create") == 0)
    {
      if (!create (self, sink, client, cancellable, error))
        return FALSE;
      g_free (phase), _prl_remote_train_state_string (sink, "phase", &phase);
    }
  if (g_strcmp0 (phase, "corpora") == 0)
    {
      if (!send_corpora (self, sink, client, parts, cancellable, error))
        return FALSE;
      g_free (phase), _prl_remote_train_state_string (sink, "phase", &phase);
    }
  if (g_strcmp0 (phase, "words") == 0)
    {
      if (!send_words (self, sink, client, cancellable, error))
        return FALSE;
      g_free (phase), _prl_remote_train_state_string (sink, "phase", &phase);
    }
  if (g_strcmp0 (phase, "upgrade") == 0)
    {
      if (!start_upgrade (self, sink, client, cancellable, error))
        return FALSE;
      g_free (phase), _prl_remote_train_state_string (sink, "phase", &phase);
    }
  if (g_strcmp0 (phase, "train") == 0)
    {
      if (!start_training (self, sink, client, cancellable, error))
        return FALSE;
      g_free (phase), _prl_remote_train_state_string (sink, "phase", &phase);
    }
  if (!poll (self, sink, client, cancellable, error))
    return FALSE;
  prl_job_report_progress (PRL_JOB (self), 1.0, _ ("Trained"));
  return _prl_remote_train_set_state (sink, "phase", "done", error);
}

/* Not cancellable: the cancel itself asked for it. Asked again while
 * Watson is busy analysing a corpus (409). */
void
_prl_watson_train_delete_customization (PrlWatsonTrainJob     *self,
                                        PrlS3UploadStateStore *sink)
{
  g_autoptr (PrlWatsonClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  guint            wait = POLL_FIRST_MS;

  if (!_prl_remote_train_state_string (sink, "customization_id", &id)
      || !(client = _prl_watson_client_open (self->target.account, TRUE, NULL, &error)))
    return;
  for (guint attempt = 0; attempt < BUSY_RETRIES; attempt++)
    {
      g_clear_error (&error);
      if (CALL (delete_model, client, &error, id, NULL)
          || !g_error_matches (error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BUSY)
          || !back_off (&wait, NULL, NULL))
        break;
    }
  if (error != NULL)
    g_message ("Could not delete the cancelled training’s custom model %s: %s", id,
               error->message);
}
