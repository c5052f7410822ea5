/* prl-watson-json.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-watson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prl-watson-private.h"

/* Watson's answers, read into the structs of prl-watson-client.h. Members
 * are checked for their type here: json-glib's getters warn (and abort
 * under G_DEBUG=fatal-warnings) on a member of another type, and a server
 * may send anything. */

static gboolean
bad_answer (GError **error, const char *what)
{
  g_set_error (
      error, PRL_WATSON_ERROR, PRL_WATSON_ERROR_BAD_ANSWER,
      _ ("The service’s answer has no valid “%s”, which IBM Watson Speech to Text "
         "always sends. Check the service instance URL in Preferences → Accounts."),
      what);
  return FALSE;
}

static JsonObject *
as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                       : NULL;
}

static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object, const char *name, double *value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType     type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The strings of an array; FALSE if any element is not one. */
static gboolean
get_strv (JsonObject *object, const char *name, char ***strv)
{
  JsonArray *array = get_array (object, name);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *strv = g_strv_builder_end (builder);
  return TRUE;
}

static guint64
get_count (JsonObject *object, const char *name)
{
  double value = 0;

  return get_number (object, name, &value) && value > 0 ? (guint64)value : 0;
}

typedef gpointer (*ParseFunc) (JsonNode *node, GError **error);

/* The array member @name of @root, each element parsed by @parse. */
static GPtrArray *
parse_list (JsonNode      *root,
            const char    *name,
            ParseFunc      parse,
            GDestroyNotify free_func,
            GError       **error)
{
  JsonArray *array = get_array (as_object (root), name);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (free_func);

  if (array == NULL)
    return bad_answer (error, name), NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = parse (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (list, item);
    }
  return g_steal_pointer (&list);
}

void
prl_watson_base_model_free (PrlWatsonBaseModel *model)
{
  if (model == NULL)
    return;
  g_free (model->name);
  g_free (model->language);
  g_free (model->description);
  g_strfreev (model->versions);
  g_free (model);
}

static gpointer
parse_base_model (JsonNode *node, GError **error)
{
  JsonObject         *object = as_object (node);
  JsonObject         *features;
  PrlWatsonBaseModel *model;
  double              rate = 0;

  if (object == NULL || get_string (object, "name") == NULL)
    return bad_answer (error, "models[].name"), NULL;
  model = g_new0 (PrlWatsonBaseModel, 1);
  model->name = g_strdup (get_string (object, "name"));
  model->language = g_strdup (get_string (object, "language"));
  model->description = g_strdup (get_string (object, "description"));
  if (get_number (object, "rate", &rate) && rate > 0 && rate < G_MAXUINT)
    model->rate = (guint)rate;
  /* The base's versions, newest last (the upgrade offer compares a
   * customization's "versions" with them); a listing without them offers
   * no upgrade. */
  if (!get_strv (object, "versions", &model->versions))
    model->versions = g_new0 (char *, 1);
  features = as_object (json_object_get_member (object, "supported_features"));
  if (features != NULL)
    {
      JsonNode *custom = json_object_get_member (features, "custom_language_model");

      model->custom_language_model
          = custom != NULL && JSON_NODE_HOLDS_VALUE (custom)
            && json_node_get_value_type (custom) == G_TYPE_BOOLEAN
            && json_node_get_boolean (custom);
    }
  return model;
}

GPtrArray *
_prl_watson_parse_base_models (JsonNode *root, GError **error)
{
  return parse_list (root, "models", parse_base_model,
                     (GDestroyNotify)prl_watson_base_model_free, error);
}

char *
_prl_watson_parse_created (JsonNode *root, GError **error)
{
  JsonObject *object = as_object (root);
  const char *id = object != NULL ? get_string (object, "customization_id") : NULL;

  if (id == NULL || *id == '\0')
    return bad_answer (error, "customization_id"), NULL;
  return g_strdup (id);
}

static const char *const status_names[] = {
  [PRL_WATSON_STATUS_UNKNOWN] = "unknown",
  [PRL_WATSON_STATUS_PENDING] = "pending",
  [PRL_WATSON_STATUS_READY] = "ready",
  [PRL_WATSON_STATUS_TRAINING] = "training",
  [PRL_WATSON_STATUS_AVAILABLE] = "available",
  [PRL_WATSON_STATUS_UPGRADING] = "upgrading",
  [PRL_WATSON_STATUS_FAILED] = "failed",
};

const char *
prl_watson_status_to_string (PrlWatsonStatus status)
{
  return (guint)status < G_N_ELEMENTS (status_names) ? status_names[status] : "unknown";
}

void
prl_watson_model_free (PrlWatsonModel *model)
{
  if (model == NULL)
    return;
  g_free (model->id);
  g_free (model->name);
  g_free (model->description);
  g_free (model->language);
  g_free (model->dialect);
  g_free (model->base_model);
  g_free (model->owner);
  g_free (model->created);
  g_free (model->updated);
  g_free (model->status_name);
  g_strfreev (model->versions);
  g_free (model->error);
  g_free (model->warnings);
  g_free (model);
}

static gpointer
parse_model (JsonNode *node, GError **error)
{
  JsonObject     *object = as_object (node);
  PrlWatsonModel *model;
  const char     *status;
  double          progress = 0;

  if (object == NULL || get_string (object, "customization_id") == NULL)
    return bad_answer (error, "customization_id"), NULL;
  status = get_string (object, "status");
  if (status == NULL)
    return bad_answer (error, "status"), NULL;

  model = g_new0 (PrlWatsonModel, 1);
  model->id = g_strdup (get_string (object, "customization_id"));
  model->name = g_strdup (get_string (object, "name"));
  model->description = g_strdup (get_string (object, "description"));
  model->language = g_strdup (get_string (object, "language"));
  model->dialect = g_strdup (get_string (object, "dialect"));
  model->base_model = g_strdup (get_string (object, "base_model_name"));
  model->owner = g_strdup (get_string (object, "owner"));
  model->created = g_strdup (get_string (object, "created"));
  model->updated = g_strdup (get_string (object, "updated"));
  model->status_name = g_strdup (status);
  for (guint i = 1; i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (status, status_names[i]))
      model->status = i;
  if (get_number (object, "progress", &progress) && progress >= 0 && progress <= 100)
    model->progress = (guint)progress;
  if (!get_strv (object, "versions", &model->versions))
    model->versions = g_new0 (char *, 1);
  model->error = g_strdup (get_string (object, "error"));
  model->warnings = g_strdup (get_string (object, "warnings"));
  return model;
}

PrlWatsonModel *
_prl_watson_parse_model (JsonNode *root, GError **error)
{
  return parse_model (root, error);
}

GPtrArray *
_prl_watson_parse_models (JsonNode *root, GError **error)
{
  return parse_list (root, "customizations", parse_model,
                     (GDestroyNotify)prl_watson_model_free, error);
}

void
prl_watson_corpus_free (PrlWatsonCorpus *corpus)
{
  if (corpus == NULL)
    return;
  g_free (corpus->name);
  g_free (corpus->error);
  g_free (corpus);
}

static gpointer
parse_corpus (JsonNode *node, GError **error)
{
  JsonObject      *object = as_object (node);
  PrlWatsonCorpus *corpus;
  const char      *status;

  if (object == NULL || get_string (object, "name") == NULL)
    return bad_answer (error, "name"), NULL;
  status = get_string (object, "status");
  if (status == NULL)
    return bad_answer (error, "status"), NULL;
  corpus = g_new0 (PrlWatsonCorpus, 1);
  corpus->name = g_strdup (get_string (object, "name"));
  corpus->total_words = get_count (object, "total_words");
  corpus->out_of_vocabulary_words = get_count (object, "out_of_vocabulary_words");
  if (g_str_equal (status, "analyzed"))
    corpus->status = PRL_WATSON_CORPUS_ANALYZED;
  else if (g_str_equal (status, "being_processed"))
    corpus->status = PRL_WATSON_CORPUS_BEING_PROCESSED;
  else if (g_str_equal (status, "undetermined"))
    corpus->status = PRL_WATSON_CORPUS_UNDETERMINED;
  corpus->error = g_strdup (get_string (object, "error"));
  return corpus;
}

PrlWatsonCorpus *
_prl_watson_parse_corpus (JsonNode *root, GError **error)
{
  return parse_corpus (root, error);
}

void
prl_watson_word_free (PrlWatsonWord *word)
{
  if (word == NULL)
    return;
  g_free (word->word);
  g_strfreev (word->sounds_like);
  g_free (word->display_as);
  g_strfreev (word->source);
  g_free (word);
}

static gpointer
parse_word (JsonNode *node, GError **error)
{
  JsonObject    *object = as_object (node);
  PrlWatsonWord *word;

  if (object == NULL || get_string (object, "word") == NULL)
    return bad_answer (error, "word"), NULL;
  word = g_new0 (PrlWatsonWord, 1);
  word->word = g_strdup (get_string (object, "word"));
  if (!get_strv (object, "sounds_like", &word->sounds_like))
    word->sounds_like = g_new0 (char *, 1);
  word->display_as = g_strdup (get_string (object, "display_as"));
  word->count = get_count (object, "count");
  if (!get_strv (object, "source", &word->source))
    word->source = g_new0 (char *, 1);
  return word;
}

PrlWatsonWord *
_prl_watson_parse_word (JsonNode *root, GError **error)
{
  return parse_word (root, error);
}

GPtrArray *
_prl_watson_parse_words (JsonNode *root, GError **error)
{
  return parse_list (root, "words", parse_word, (GDestroyNotify)prl_watson_word_free,
                     error);
}

/* TrainingResponse: {"warnings": [{"code", "message"}]}, or {}. */
char **
_prl_watson_parse_warnings (JsonNode *root, GError **error)
{
  JsonObject *object = as_object (root);
  JsonArray  *array = get_array (object, "warnings");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (object == NULL)
    return bad_answer (error, "warnings"), NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *warning = as_object (json_array_get_element (array, i));
      const char *message = warning != NULL ? get_string (warning, "message") : NULL;

      if (message == NULL)
        return bad_answer (error, "warnings[].message"), NULL;
      g_strv_builder_add (builder, message);
    }
  return g_strv_builder_end (builder);
}

void
prl_watson_transcript_free (PrlWatsonTranscript *transcript)
{
  if (transcript == NULL)
    return;
  g_free (transcript->text);
  for (guint i = 0; i < transcript->n_words; i++)
    g_free (transcript->words[i].word);
  g_free (transcript->words);
  g_strfreev (transcript->warnings);
  g_free (transcript);
}

/* [word, a, b] with a string and two numbers. */
static gboolean
read_tuple (JsonNode *node, guint length, const char **word, double *a, double *b)
{
  JsonArray *tuple
      = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonNode *first;

  if (tuple == NULL || json_array_get_length (tuple) != length)
    return FALSE;
  first = json_array_get_element (tuple, 0);
  if (!JSON_NODE_HOLDS_VALUE (first) || json_node_get_value_type (first) != G_TYPE_STRING)
    return FALSE;
  *word = json_node_get_string (first);
  for (guint i = 1; i < length; i++)
    {
      JsonNode *n = json_array_get_element (tuple, i);
      GType type = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_NONE;

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        return FALSE;
      *(i == 1 ? a : b) = json_node_get_double (n);
    }
  return TRUE;
}

static void
clear_timed_word (gpointer data)
{
  g_free (((PrlWatsonTimedWord *)data)->word);
}

/* SpeechRecognitionResults: the first alternative of every final result. */
PrlWatsonTranscript *
_prl_watson_parse_transcript (JsonNode *root, GError **error)
{
  JsonObject *object = as_object (root);
  JsonArray  *results = get_array (object, "results");
  g_autoptr (PrlWatsonTranscript) transcript = g_new0 (PrlWatsonTranscript, 1);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) words = g_array_new (FALSE, TRUE, sizeof (PrlWatsonTimedWord));
  double confidence = 0;
  guint  n_alternatives = 0;

  g_array_set_clear_func (words, clear_timed_word);
  if (object == NULL)
    return bad_answer (error, "results"), NULL;
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *result = as_object (json_array_get_element (results, i));
      JsonArray  *alternatives = get_array (result, "alternatives");
      JsonObject *best;
      JsonArray  *stamps, *confidences;
      const char *transcript_text;
      double      c;

      if (alternatives == NULL || json_array_get_length (alternatives) == 0)
        return bad_answer (error, "results[].alternatives"), NULL;
      best = as_object (json_array_get_element (alternatives, 0));
      transcript_text = best != NULL ? get_string (best, "transcript") : NULL;
      if (transcript_text == NULL)
        return bad_answer (error, "alternatives[].transcript"), NULL;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, transcript_text);
      while (text->len > 0 && text->str[text->len - 1] == ' ')
        g_string_truncate (text, text->len - 1);
      if (get_number (best, "confidence", &c))
        {
          confidence += c;
          n_alternatives++;
        }

      stamps = get_array (best, "timestamps");
      confidences = get_array (best, "word_confidence");
      for (guint j = 0; stamps != NULL && j < json_array_get_length (stamps); j++)
        {
          PrlWatsonTimedWord word = { NULL, 0, 0, -1 };
          const char        *w;

          if (!read_tuple (json_array_get_element (stamps, j), 3, &w, &word.start,
                           &word.end))
            return bad_answer (error, "timestamps"), NULL;
          word.word = g_strdup (w);
          if (confidences != NULL && j < json_array_get_length (confidences))
            {
              double      unused = 0;
              const char *cw;

              if (!read_tuple (json_array_get_element (confidences, j), 2, &cw,
                               &word.confidence, &unused))
                {
                  g_free (word.word);
                  return bad_answer (error, "word_confidence"), NULL;
                }
            }
          g_array_append_val (words, word);
        }
    }
  if (get_array (object, "warnings") != NULL)
    get_strv (object, "warnings", &transcript->warnings);
  transcript->text = g_string_free (g_steal_pointer (&text), FALSE);
  transcript->confidence = n_alternatives > 0 ? confidence / n_alternatives : 0;
  transcript->n_words = words->len;
  transcript->words
      = (PrlWatsonTimedWord *)(void *)g_array_free (g_steal_pointer (&words), FALSE);
  return g_steal_pointer (&transcript);
}

/* A string member; nothing when @value is NULL (the SDKs leave unset
 * parameters out). */
static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The members of a CustomWord, into the object @builder is in. */
static void
add_word (JsonBuilder       *builder,
          const char        *word,
          const char *const *sounds_like,
          const char        *display_as)
{
  add_string (builder, "word", word);
  if (sounds_like != NULL && sounds_like[0] != NULL)
    {
      json_builder_set_member_name (builder, "sounds_like");
      json_builder_begin_array (builder);
      for (const char *const *s = sounds_like; *s != NULL; s++)
        json_builder_add_string_value (builder, *s);
      json_builder_end_array (builder);
    }
  add_string (builder, "display_as", display_as);
}

/* The body of POST /v1/customizations. */
JsonNode *
_prl_watson_model_to_json (const char *name,
                           const char *base_model,
                           const char *description)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  add_string (builder, "base_model_name", base_model);
  add_string (builder, "description", description);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* One word, for PUT .../words/{word} (@word NULL: it is in the path). */
JsonNode *
_prl_watson_word_to_json (const char        *word,
                          const char *const *sounds_like,
                          const char        *display_as)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_word (builder, word, sounds_like, display_as);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* {"words": [{"word", "sounds_like", "display_as"}]} for POST .../words. */
JsonNode *
_prl_watson_words_to_json (GPtrArray *words)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "words");
  json_builder_begin_array (builder);
  for (guint i = 0; i < words->len; i++)
    {
      PrlWatsonWord *word = g_ptr_array_index (words, i);

      json_builder_begin_object (builder);
      add_word (builder, word->word, (const char *const *)word->sounds_like,
                word->display_as);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *const job_status_names[] = {
  [PRL_WATSON_JOB_WAITING] = "waiting",
  [PRL_WATSON_JOB_PROCESSING] = "processing",
  [PRL_WATSON_JOB_COMPLETED] = "completed",
  [PRL_WATSON_JOB_FAILED] = "failed",
};

void
prl_watson_job_free (PrlWatsonJob *job)
{
  if (job == NULL)
    return;
  g_free (job->id);
  g_free (job->status_name);
  g_clear_pointer (&job->transcript, prl_watson_transcript_free);
  g_strfreev (job->warnings);
  g_free (job);
}

/* A RecognitionJob. Its "results" is an array of SpeechRecognitionResults
 * (one per part of the audio Watson chose), read as one transcript: their
 * "results" arrays joined in order. */
PrlWatsonJob *
_prl_watson_parse_job (JsonNode *root, GError **error)
{
  JsonObject *object = as_object (root);
  g_autoptr (PrlWatsonJob) job = g_new0 (PrlWatsonJob, 1);
  JsonArray  *results;
  const char *id, *status;

  if (object == NULL || !(id = get_string (object, "id")))
    return bad_answer (error, "id"), NULL;
  if (!(status = get_string (object, "status")))
    return bad_answer (error, "status"), NULL;
  job->id = g_strdup (id);
  job->status_name = g_strdup (status);
  for (guint i = 1; i < G_N_ELEMENTS (job_status_names); i++)
    if (g_strcmp0 (status, job_status_names[i]) == 0)
      job->status = i;
  if (!get_strv (object, "warnings", &job->warnings))
    job->warnings = NULL;

  results = get_array (object, "results");
  if (job->status == PRL_WATSON_JOB_COMPLETED)
    {
      g_autoptr (JsonNode) joined = json_node_new (JSON_NODE_OBJECT);
      JsonObject *all = json_object_new ();
      JsonArray  *list = json_array_new ();

      if (results == NULL)
        return bad_answer (error, "results"), NULL;
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonArray *part
              = get_array (as_object (json_array_get_element (results, i)), "results");

          if (part == NULL)
            return json_array_unref (list), json_object_unref (all),
                   bad_answer (error, "results[].results"), NULL;
          for (guint j = 0; j < json_array_get_length (part); j++)
            json_array_add_element (list,
                                    json_node_copy (json_array_get_element (part, j)));
        }
      json_object_set_array_member (all, "results", list);
      json_node_take_object (joined, all);
      if (!(job->transcript = _prl_watson_parse_transcript (joined, error)))
        return NULL;
    }
  return g_steal_pointer (&job);
}
